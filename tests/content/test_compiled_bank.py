"""The compiled bank (hrdtrain.compiled_bank): what the browser edition and an installed wheel
load instead of the YAML. It must be the YAML bank exactly, and never be used once stale."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from hrdtrain import compiled_bank, i18n
from hrdtrain.bank import UnknownItemError, load

PACKAGE = Path(compiled_bank.__file__).parent


def test_compiled_bank_equals_the_yaml_bank():
    yaml_bank, problems = load(None)
    assert not problems
    data = compiled_bank.compile_bank()
    compiled = compiled_bank.bank(data)
    assert list(compiled.items) == list(yaml_bank.items)  # same ids, same order (sub-items too)
    for item_id, item in yaml_bank.items.items():
        assert type(compiled.items[item_id]) is type(item)
        assert compiled.items[item_id].model_dump() == item.model_dump(), item_id
    assert compiled.sections == yaml_bank.sections
    with pytest.raises(UnknownItemError, match="3.4-tear-gas"):
        compiled.get("3.4-tear-gass")
    assert compiled.origin == yaml_bank.origin
    assert data["locales"]["en"] == i18n.read_language("en")
    assert compiled_bank.compiled() is None  # a checkout carries no compiled bank: it reads its YAML


def _package_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "hrdtrain"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "_compiled", "_course"))
    return copy


def test_a_compiled_bank_matching_its_sources_is_used_with_its_scale_as_numbers(tmp_path):
    copy = _package_copy(tmp_path)
    target = compiled_bank.write(copy / "_compiled" / "bank.json", copy)
    data = compiled_bank.compiled.__wrapped__(target)
    assert data is not None and data["source_hash"] == compiled_bank.source_hash(copy)
    assert [k for k, _ in data["questionnaire"]["scale"]] == [1, 2, 3, 4, 5]


def test_a_stale_compiled_bank_is_not_used(tmp_path):
    copy = _package_copy(tmp_path)
    target = compiled_bank.write(copy / "_compiled" / "bank.json", copy)
    content = sorted((copy / "content").glob("*.yaml"))[0]
    content.write_text(content.read_text(encoding="utf-8").replace("title:", "title: ", 1), encoding="utf-8")
    assert compiled_bank.compiled.__wrapped__(target) is None  # edited YAML: read the YAML instead
    compiled_bank.write(target, copy)
    assert compiled_bank.compiled.__wrapped__(target) is not None
    (copy / "locales" / "en" / "quiz.yaml").write_text("check: Check\n", encoding="utf-8")
    assert compiled_bank.compiled.__wrapped__(target) is None  # interface strings are sources too
    target.write_text("{not json", encoding="utf-8")
    assert compiled_bank.compiled.__wrapped__(target) is None
