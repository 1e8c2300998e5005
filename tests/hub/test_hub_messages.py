"""Does `hrdtrain hub` say clearly what is wrong with a roster, a busy port or a certificate?"""

from __future__ import annotations

import json
import os
import socket

import pytest

from hrdtrain.hub.control import plain_http_warning

pytestmark = pytest.mark.hub


def roster(tmp_path, text: str):
    path = tmp_path / "roster.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_bad_roster_names_every_bad_line_and_makes_nothing(tmp_path, hrdtrain_cli):
    path = roster(tmp_path, "name,role\namal,learner\nBo Smith,learner\namal,trainer\nchris,teacher\n")
    done = hrdtrain_cli("hub", "init", str(path), "--dir", str(tmp_path / "hub"))
    assert done.returncode == 1
    err = done.stderr
    assert f"{path}:3: 'Bo Smith': name: not a valid account name" in err
    assert f"{path}:4: 'amal': name: duplicate of line 2" in err
    assert f"{path}:5: 'chris': role: expected 'learner' or 'trainer', found 'teacher'" in err
    assert "Traceback" not in err
    assert not (tmp_path / "hub").exists(), "a bad roster must make nothing"


def test_a_roster_without_its_header_says_what_the_first_line_must_be(tmp_path, hrdtrain_cli):
    done = hrdtrain_cli("hub", "init", str(roster(tmp_path, "amal,learner\n")), "--dir", str(tmp_path / "hub"))
    assert done.returncode == 1 and "the first line must be the header 'name,role'" in done.stderr


def fake_hub_folder(tmp_path):
    (tmp_path / "hub" / "hub").mkdir(parents=True)
    (tmp_path / "hub" / "hub" / "settings.json").write_text(json.dumps({"participants": []}), encoding="utf-8")
    return tmp_path / "hub"


@pytest.mark.skipif(os.geteuid() != 0, reason="hub start refuses to run without root before it checks ports")
def test_a_port_in_use_is_named_with_what_to_do(tmp_path, hrdtrain_cli):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = hrdtrain_cli("hub", "start", "--dir", str(fake_hub_folder(tmp_path)), "--port", str(port))
    assert done.returncode == 1
    assert f"port {port} on 127.0.0.1 is already in use" in done.stderr and "--port" in done.stderr


@pytest.mark.skipif(os.geteuid() != 0, reason="hub start refuses to run without root before it checks certificates")
def test_a_missing_or_bad_certificate_is_named(tmp_path, hrdtrain_cli):
    folder = fake_hub_folder(tmp_path)
    done = hrdtrain_cli("hub", "start", "--dir", str(folder), "--cert", str(tmp_path / "nope.pem"), "--key", str(tmp_path / "nope.key"))
    assert done.returncode == 1 and f"certificate file {tmp_path / 'nope.pem'}: no such file" in done.stderr
    (tmp_path / "junk.pem").write_text("not a certificate\n")
    (tmp_path / "junk.key").write_text("not a key\n")
    done = hrdtrain_cli("hub", "start", "--dir", str(folder), "--cert", str(tmp_path / "junk.pem"), "--key", str(tmp_path / "junk.key"))
    assert done.returncode == 1 and "not a PEM certificate and its matching private key" in done.stderr
    done = hrdtrain_cli("hub", "start", "--dir", str(folder), "--cert", str(tmp_path / "junk.pem"))
    assert done.returncode == 1 and "--cert and --key go together" in done.stderr


def test_plain_http_off_loopback_warns_what_others_can_see():
    assert plain_http_warning("127.0.0.1") is None and plain_http_warning("::1") is None
    warning = plain_http_warning("192.168.1.10")
    assert warning.startswith("WARNING: serving on 192.168.1.10 over plain HTTP")
    assert "passwords" in warning and "answers" in warning and "--cert FILE --key FILE" in warning


def test_a_folder_that_is_not_a_hub_is_refused(tmp_path, hrdtrain_cli):
    done = hrdtrain_cli("hub", "stop", "--dir", str(tmp_path))
    assert done.returncode == 1 and "is not a hub folder" in done.stderr and "hrdtrain hub init" in done.stderr


def test_off_a_hub_sharing_and_the_hub_view_say_they_are_not_available_here(monkeypatch):
    from hrdtrain.hub.share import hub_results, share_my_results

    monkeypatch.delenv("HRDTRAIN_HUB_DIR", raising=False)
    shown = share_my_results()
    assert "works only on a workshop server" in shown.value and "export_my_answers()" in shown.value
    assert not hasattr(shown, "share"), "off a hub there must be nothing to click"
    assert "Not on a workshop server" in hub_results().value
