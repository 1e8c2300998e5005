"""benchmarks/browser_edition.py cannot rot unnoticed: its goals are issue 15's, its arguments are
checked, its server-log reading is right, and the quiz it times is still notebook 00's first.
No browser and no site build here (the benchmark itself is run by hand, not by make test)."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "benchmarks" / "browser_edition.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("browser_edition_benchmark", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    yield module
    del sys.modules[spec.name]


def test_the_goals_are_those_of_issue_15(bench):
    goals = {key: (g.limit, g.unit, g.exact) for key, g in bench.GOALS.items()}
    assert goals == {
        "site_mb": (100, "MB", False),
        "cold_s": (10, "s", False),
        "warm_s": (4, "s", False),
        "click_ms": (300, "ms", False),
        "outside_requests": (0, "", True),
    }


def test_goal_lines_say_pass_miss_and_not_measured(bench):
    lines = bench.goal_lines({"site_mb": 42.7, "cold_s": 10.0, "warm_s": 3.9, "click_ms": 26, "outside_requests": 1})
    verdicts = {line.split("  ")[0].strip(): line.split()[-1] for line in lines}
    assert verdicts == {
        "site size": "PASS",
        "first quiz ready, cold": "MISS",  # the goal is under 10 s: 10.0 is a miss
        "first quiz ready, warm": "PASS",
        "click to feedback": "PASS",
        "outside requests attempted": "MISS",
    }
    assert "42.7 MB" in lines[0] and "goal < 100 MB" in lines[0]
    assert re.search(r"\b1\s+goal = 0\s+MISS$", lines[4]), lines[4]
    missing = bench.goal_lines({"site_mb": 42.7})
    assert [line.split()[-2:] for line in missing[1:]] == [["NOT", "MEASURED"]] * 4
    assert bench.goal_lines({**dict.fromkeys(bench.GOALS, 0), "site_mb": 1})[4].endswith("PASS")


def test_arguments_defaults_and_their_checks(bench, tmp_path, capsys):
    executable = sys.executable  # stands in for chromium: only its being executable is checked
    args = bench.parse_args(["--chromium", executable])
    assert (args.site, args.runs, args.clicks) == (None, 3, 9)

    site = tmp_path / "site"
    (site / "files" / "notebooks").mkdir(parents=True)
    (site / "jupyter-lite.json").write_text("{}")
    (site / "files" / "notebooks" / "00_start_here.ipynb").write_text("{}")
    args = bench.parse_args(["--site", str(site), "--runs", "1", "--clicks", "2", "--chromium", executable])
    assert (args.site, args.runs, args.clicks) == ([site], 1, 2)
    args = bench.parse_args(["--site", str(site), "--site", str(site), "--chromium", executable])
    assert args.site == [site, site]  # two sites measured in turn, in one run

    def refused(argv: list[str]) -> str:
        with pytest.raises(SystemExit) as stop:
            bench.parse_args(argv)
        assert stop.value.code == 2
        return capsys.readouterr().err

    assert "must be 1 or more, not 0" in refused(["--runs", "0", "--chromium", executable])
    assert "must be 1 or more, not -1" in refused(["--clicks", "-1", "--chromium", executable])
    assert f"--site {tmp_path}: no jupyter-lite.json" in refused(["--site", str(tmp_path), "--chromium", executable])
    assert "give one site, or two to compare" in refused(["--site", str(site), "--site", str(site), "--site", str(site), "--chromium", executable])
    (site / "files" / "notebooks" / "00_start_here.ipynb").unlink()
    assert "no files/notebooks/00_start_here.ipynb" in refused(["--site", str(site), "--chromium", executable])
    assert "--chromium /nonexistent/chromium: not an executable" in refused(["--chromium", "/nonexistent/chromium"])


def test_help_runs_without_a_browser():
    out = subprocess.run([sys.executable, str(SCRIPT), "--help"], capture_output=True, text=True, check=True).stdout
    assert "--site" in out and "--runs" in out and "--clicks" in out


def test_what_the_server_sent_is_read_from_its_log(bench, tmp_path):
    site = tmp_path / "site"
    (site / "lab").mkdir(parents=True)
    (site / "lab" / "index.html").write_bytes(b"x" * 300)
    (site / "big.wasm").write_bytes(b"x" * 1000)
    log = tmp_path / "log"
    log.write_text('127.0.0.1 - - [06/Dec/2026 15:00:00] "GET /old HTTP/1.1" 200 -\n')
    server = bench.Server("http://127.0.0.1:1", site, log)
    mark = server.mark()
    with log.open("a") as f:
        f.write('127.0.0.1 - - [06/Dec/2026 15:00:01] "GET /lab/?path=notebooks/00_start_here.ipynb HTTP/1.1" 200 -\n')
        f.write('127.0.0.1 - - [06/Dec/2026 15:00:01] "GET /big.wasm HTTP/1.1" 200 -\n')
        f.write('127.0.0.1 - - [06/Dec/2026 15:00:02] "GET /big.wasm HTTP/1.1" 304 -\n')
        f.write('127.0.0.1 - - [06/Dec/2026 15:00:02] code 404, message File not found\n')
        f.write('127.0.0.1 - - [06/Dec/2026 15:00:02] "GET /missing HTTP/1.1" 404 -\n')
    assert server.sent_since(mark) == (2, 1, 1300)


def test_the_timed_quiz_is_the_first_quiz_of_notebook_00_and_the_probe_is_python(bench):
    notebook = json.loads((ROOT / bench.NOTEBOOK).read_text())
    shown = [m.group(1) for cell in notebook["cells"] if cell["cell_type"] == "code"
             for m in re.finditer(r"""\bshow\(["']([^"']+)["']\)""", "".join(cell["source"]))]
    assert shown and shown[0] == bench.ITEM
    compile(bench.KERNEL_PROBE, "probe", "exec")
    assert f'show("{bench.ITEM}")' in bench.KERNEL_PROBE

    from hrdtrain.bank import default_bank

    from hrdtrain.i18n import t

    item = default_bank().get(bench.ITEM)
    assert item.type == "judge"
    # The names the benchmark clicks by are the widget's (English) labels.
    assert bench.VERDICT_LABELS == {v: t(f"verdict.{v}") for v in ("accurate", "inaccurate", "depends")}
    assert t("check") == "Check" and "'Check'" in bench.ARM_FEEDBACK_TIMER
    # Each verdict's feedback starts differently, so every timed click waits for new text.
    assert len({bench.first_words(getattr(item.feedback, v)) for v in bench.VERDICT_LABELS}) == 3
