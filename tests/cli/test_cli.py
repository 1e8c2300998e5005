"""Do the command-line verbs do what their help says, with examples, and stay light?"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from hrdtrain.bank import default_bank
from hrdtrain.cli import VERBS, main

ROOT = Path(__file__).parents[2]


def test_validate_the_built_in_bank_exits_0(hrdtrain_cli):
    proc = hrdtrain_cli("validate")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("OK: ")


def test_list_prints_id_type_source_per_line(hrdtrain_cli):
    proc = hrdtrain_cli("list")
    assert proc.returncode == 0
    rows = [line.split("\t") for line in proc.stdout.splitlines()]
    assert len(rows) == len(default_bank())
    assert all(len(r) == 3 for r in rows)
    assert ["3.4-tear-gas", "judge", "paper §3.4"] in rows


def test_list_filters_by_section(capsys):
    assert main(["list", "--section", "3.4"]) == 0
    ids = [line.split("\t")[0] for line in capsys.readouterr().out.splitlines()]
    assert ids and all(i.startswith("3.4-") for i in ids)


@pytest.mark.parametrize("verb", sorted(VERBS))
def test_every_verb_has_help_with_an_example(verb, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([verb, "--help"])
    assert exit_.value.code == 0
    assert "Example" in capsys.readouterr().out


def test_no_verb_prints_usage_and_exits_2(capsys):
    assert main([]) == 2
    assert "validate" in capsys.readouterr().out


def test_schema_is_json_with_descriptions(hrdtrain_cli):
    import json

    proc = hrdtrain_cli("schema")
    schema = json.loads(proc.stdout)
    judge = schema["$defs"]["JudgeItem"]["properties"]
    assert all("description" in spec for spec in judge.values())


def test_validate_and_list_do_not_import_heavy_modules():
    code = (
        "import sys; from hrdtrain.cli import main; main(['validate']); main(['list']);"
        "heavy = [m for m in ('nbgrader', 'pandas', 'matplotlib', 'ipywidgets', 'nbformat') if m in sys.modules];"
        "print(heavy)"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip().splitlines()[-1] == "[]"


def test_committed_json_schema_matches_the_models(hrdtrain_cli):
    """docs/item.schema.json documents the content format; regenerate it with `hrdtrain schema > docs/item.schema.json`."""
    import json

    proc = hrdtrain_cli("schema")
    committed = json.loads((ROOT / "docs" / "item.schema.json").read_text(encoding="utf-8"))
    assert json.loads(proc.stdout) == committed, "docs/item.schema.json is out of date: run `hrdtrain schema > docs/item.schema.json`"
