"""Can Markdown in content or country notes make the learner's browser contact an outside server?

It must not: an image is fetched as soon as a quiz shows, telling its server the learner's IP
address, the time and the quiz. The renderer never emits an image or a dangerous link, whatever
the input; `hrdtrain validate` and `hrdtrain notes` refuse images with file:line: item: field.
Links stay, open only on a click, in a new tab, and say that they leave the course.
"""

from __future__ import annotations

import re
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import pytest

from hrdtrain import show
from hrdtrain.bank import default_bank
from hrdtrain.country_notes import ENV_VAR
from hrdtrain.markdown import to_html, to_inline_html

HOSTILE = {
    "inline image": "Look ![tracker](http://evil.example/p.png?item=3.2) here.",
    "image with title": '![x](https://evil.example/p.png "t")',
    "reference image": "See ![x][pic].\n\n[pic]: http://evil.example/p.png",
    "collapsed reference image": "See ![pic][].\n\n[pic]: http://evil.example/p.png",
    "shortcut reference image": "See ![pic].\n\n[pic]: http://evil.example/p.png",
    "protocol-relative image": "![x](//evil.example/x.png)",
    "image in a link": "[![x](http://evil.example/p.png)](https://ok.example/)",
    "image autolink": "<http://evil.example/p.png>",
    "data image": "![x](data:image/png;base64,iVBORw0KGgo=)",
    "svg data image": "![x](data:image/svg+xml,%3Csvg%20onload=alert(1)%3E)",
    "raw img tag": '<img src="http://evil.example/p.png">',
    "raw img inline": 'text <img src=http://evil.example/p.png onerror=alert(1)> text',
    "raw picture": '<picture><source srcset="http://evil.example/p.png"></picture>',
    "raw iframe": '<iframe src="http://evil.example/"></iframe>',
    "raw link prefetch": '<link rel="prefetch" href="http://evil.example/">',
    "javascript link": "[click](javascript:alert(1))",
    "javascript link, upper case": "[click](JAVASCRIPT:alert(1))",
    "javascript link, entity": "[click](&#106;avascript:alert(1))",
    "javascript reference link": "[click][j]\n\n[j]: javascript:alert(1)",
    "javascript autolink": "<javascript:alert(1)>",
    "vbscript link": "[click](vbscript:msgbox)",
    "data link": "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "file link": "[click](file:///etc/passwd)",
    "protocol-relative link": "[click](//evil.example/)",
    "table with image": "| a |\n|---|\n| ![x](http://evil.example/p.png) |",
}

SAFE_HREF = re.compile(r"^(https?://|mailto:)", re.I)
LOADING_TAGS = {"img", "picture", "source", "iframe", "frame", "link", "script", "object", "embed", "video", "audio", "svg", "image", "input", "meta", "base"}


class Tags(HTMLParser):
    """Every real element of an HTML fragment, with its attributes, as a browser parses it."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {k: v or "" for k, v in attrs}))


def assert_fetches_nothing(html: str) -> None:
    """No element that loads anything, no attribute that points anywhere but a plain
    http(s)/mailto link on an <a>."""
    for tag, attrs in Tags(html).elements:
        if tag == "style":
            continue
        assert tag not in LOADING_TAGS, html
        for name, value in attrs.items():
            assert name not in ("src", "srcset", "poster", "background", "data", "action", "formaction", "ping") and not name.startswith("on"), html
            if name == "href":
                assert tag == "a" and SAFE_HREF.match(value.strip()), html
            if name == "rel":
                assert not {"prefetch", "preload", "preconnect", "dns-prefetch", "prerender"} & set(value.split()), html


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_markdown_renders_no_remote_resource_and_no_dangerous_link(name):
    text = HOSTILE[name]
    for html in (to_html(text), to_inline_html(text)):
        assert_fetches_nothing(html)


def test_an_image_is_shown_as_its_alt_text():
    html = to_html("A map: ![the square where the march ended](http://evil.example/map.png).")
    assert "the square where the march ended" in html and "evil.example" not in html


def test_a_reference_image_is_shown_as_its_alt_text_and_its_url_is_never_shown():
    html = to_html("See ![tracker][pic].\n\n[pic]: http://evil.example/p.png")
    assert "tracker" in html and "evil.example" not in html


def test_a_dangerous_link_keeps_its_text_but_is_not_a_link():
    html = to_html("[the law](javascript:alert(1)) says")
    assert "the law" in html and "<a" not in html and "javascript" not in html.lower()


def test_a_web_link_opens_only_on_a_click_in_a_new_tab_and_says_it_leaves_the_course():
    html = to_html("Read [the Declaration](https://www.ohchr.org/decl.pdf).")
    a = re.search(r"<a\b[^>]*>.*?</a>", html, re.S).group(0)
    assert 'href="https://www.ohchr.org/decl.pdf"' in a
    assert 'target="_blank"' in a
    assert "noopener" in a and "noreferrer" in a
    assert 'referrerpolicy="no-referrer"' in a
    # Visible to everyone, read by screen readers too (not hidden, not only an icon).
    assert "↗ (leaves the course)" in re.sub(r"<[^>]+>", "", a)
    assert "aria-hidden" not in a and "prefetch" not in a and "preload" not in a


def test_autolinks_and_mail_links_are_marked_too():
    for text in ("<https://example.org/>", "[write to us](mailto:info@example.org)"):
        html = to_html(text)
        assert 'target="_blank"' in html and "(leaves the course)" in html


# --- hrdtrain validate and hrdtrain notes refuse images ----------------------------------------

CONTENT = textwrap.dedent(
    """\
    section: "3"
    title: "Police enforcing the law"
    items:
      - id: 3.2-hostile
        type: judge
        section: "3.2"
        source: "paper §3.2"
        tags: [law]
        title: "A hostile item"
        prompt: |
          A monitor films an arrest.
          ![x](http://evil.example/p.png?item=3.2)
        statement: "Filming the police is always forbidden."
        answer: inaccurate
        feedback:
          accurate: "No: the paper says filming is generally allowed."
          inaccurate: "Yes: the law generally allows filming in public."
          depends: "Not quite: the paper says filming is generally allowed."
        key_point: "Knowing the rules puts you in a stronger position."
    """
)


def test_validate_refuses_a_remote_image_with_file_line_item_and_field(tmp_path, hrdtrain_cli):
    path = tmp_path / "03_hostile.yaml"
    path.write_text(CONTENT, encoding="utf-8")
    proc = hrdtrain_cli("validate", str(path))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    line = next(entry for entry in proc.stderr.splitlines() if "image" in entry)
    assert f"{path}:10: item '3.2-hostile': field 'prompt': " in line, line
    assert "http://evil.example/p.png" not in line  # the message names the image, not its tracker URL in full
    assert "no images" in line


def test_validate_refuses_a_reference_image_in_a_feedback_field(tmp_path, hrdtrain_cli):
    text = CONTENT.replace("![x](http://evil.example/p.png?item=3.2)", "no image here").replace(
        'depends: "Not quite: the paper says filming is generally allowed."',
        'depends: "Not quite ![t][p]\\n\\n[p]: //evil.example/p.png"',
    )
    path = tmp_path / "03_hostile.yaml"
    path.write_text(text, encoding="utf-8")
    proc = hrdtrain_cli("validate", str(path))
    assert proc.returncode == 1
    assert f"{path}:18: item '3.2-hostile': field 'feedback.depends': " in proc.stderr and "no images" in proc.stderr, proc.stderr


def test_validate_refuses_a_javascript_link(tmp_path, hrdtrain_cli):
    text = CONTENT.replace("![x](http://evil.example/p.png?item=3.2)", "[the law](javascript:alert(1))")
    path = tmp_path / "03_hostile.yaml"
    path.write_text(text, encoding="utf-8")
    proc = hrdtrain_cli("validate", str(path))
    assert proc.returncode == 1
    assert f"{path}:10: item '3.2-hostile': field 'prompt': " in proc.stderr and "javascript:" in proc.stderr, proc.stderr


NOTES = textwrap.dedent(
    """\
    country: Testland
    checked_on: 2026-03-01
    notes:
      - item: 3.2-filming-police
        note: "Testland law lets anyone film police. ![x](http://evil.example/p.png?item=3.2)"
        law: "Testland Police Act 2004, s. 31"
    """
)


def test_notes_refuses_a_remote_image_with_file_line_item_and_field(tmp_path, hrdtrain_cli):
    path = tmp_path / "notes.yaml"
    path.write_text(NOTES, encoding="utf-8")
    proc = hrdtrain_cli("notes", str(path))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert f"{path}:5: item '3.2-filming-police': field 'note': " in proc.stderr and "no images" in proc.stderr, proc.stderr


# --- what a widget shows ----------------------------------------------------------------------


def all_html(widget) -> str:
    """Every HTML value inside a widget, as the browser would get it."""
    out = [getattr(widget, "value", "")] if hasattr(widget, "value") and isinstance(getattr(widget, "value"), str) else []
    for child in getattr(widget, "children", ()):
        out.append(all_html(child))
    return "\n".join(out)


def test_a_quiz_whose_texts_have_images_shows_no_remote_source():
    """An item that got past validation (built in code, or by an older version) still fetches
    nothing: the prompt, the options and the feedback are all shown, and none has a source."""
    from hrdtrain.widgets import ChoiceWidget

    item = default_bank().get("3.4-tear-gas-conditions")
    hostile_text = "\n\n".join(HOSTILE.values())
    options = [o.model_copy(update={"text": HOSTILE["inline image"], "feedback": hostile_text}) for o in item.options]
    hostile = item.model_copy(update={"prompt": hostile_text, "key_point": hostile_text, "options": options})
    w = ChoiceWidget(hostile)
    for box in w.boxes.values():
        box.value = True
    w.check_button.click()
    assert "tracker" in w.header.value and w.feedback.value
    assert_fetches_nothing(all_html(w))


def test_a_country_note_with_an_image_shows_no_remote_source(tmp_path, monkeypatch):
    """A notes file with an image is refused, so the quiz shows no note; and a note that got
    past the check (built in code) is shown without its image."""
    from hrdtrain.country_notes import CountryNote, CountryNotes, LocalNote

    path = tmp_path / "notes.yaml"
    path.write_text(NOTES, encoding="utf-8")
    monkeypatch.setenv(ENV_VAR, str(path))
    header = show("3.2-filming-police").header.value
    assert "evil.example" not in header and "The country notes file" in header

    note = CountryNote.model_construct(item="3.2-filming-police", note=HOSTILE["inline image"], law="Act", caution=HOSTILE["reference image"])
    notes = CountryNotes.model_construct(country="Testland", prepared_by=None, checked_on="2026-03-01", notes=[note])
    assert_fetches_nothing(LocalNote(notes, note)._repr_html_())
