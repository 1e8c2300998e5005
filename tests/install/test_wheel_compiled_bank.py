"""The wheel carries the compiled bank (setup.py's build step), and an installed course uses it."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import pytest
from wheel_install import fresh_venv


@pytest.fixture(scope="module")
def wheel(course_wheel) -> Path:
    return course_wheel


def test_the_wheel_carries_the_compiled_bank_and_the_installed_course_loads_it(wheel, tmp_path):
    with zipfile.ZipFile(wheel) as archive:
        assert "hrdtrain/_compiled/bank.json" in archive.namelist()
    venv = fresh_venv(wheel, tmp_path / "venv")
    probe = (
        "import hrdtrain, hrdtrain.compiled_bank as c\n"
        "from hrdtrain.bank import default_bank, load\n"
        "assert hrdtrain.__file__.startswith(%r), hrdtrain.__file__\n"
        "assert c.compiled() is not None, 'the wheel has no usable compiled bank'\n"
        "bank = default_bank()\n"
        "assert type(bank.items).__name__ == 'CompiledItems'\n"
        "yaml_bank, problems = load(None)\n"
        "assert not problems and list(bank.items) == list(yaml_bank.items)\n"
        "assert bank.get('3.4-tear-gas').model_dump() == yaml_bank.get('3.4-tear-gas').model_dump()\n"
        "print('ok')\n"
    ) % str(venv)
    done = subprocess.run([venv / "bin" / "python", "-c", probe], capture_output=True, text=True, cwd=tmp_path, timeout=120, env={"PATH": "/usr/bin:/bin", "HRDTRAIN_HOME": str(tmp_path / "home")})
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-3000:]
