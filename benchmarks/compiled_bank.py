"""Does the first quiz cell start faster from the compiled bank than from the YAML? (issue 15)

Makes two copies of the package in a temporary folder, one with the compiled bank
(hrdtrain/_compiled/bank.json, as an installed wheel carries it) and one without (as an
editable checkout reads its YAML), then times, in fresh processes that have already imported
IPython (as a running kernel has), `from hrdtrain import show; show("3.4-tear-gas")` with each,
interleaved. Also the in-process cost of getting the bank: YAML load + validation of every item
vs reading the compiled JSON (with its source hash check) and validating the one item shown.

Usage: python benchmarks/compiled_bank.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBE = """
import IPython, time
t = time.perf_counter()
from hrdtrain import show
show("3.4-tear-gas")
elapsed = time.perf_counter() - t
import hrdtrain, hrdtrain.compiled_bank as cb
assert hrdtrain.__file__.startswith({root!r}), hrdtrain.__file__
assert (cb.compiled() is not None) == {compiled!r}
print(elapsed)
"""


def package_copy(root: Path, compiled: bool) -> Path:
    shutil.copytree(ROOT / "hrdtrain", root / "hrdtrain", ignore=shutil.ignore_patterns("__pycache__", "_compiled", "_course"))
    if compiled:
        subprocess.run(
            [sys.executable, "-c", "import sys; from pathlib import Path; from hrdtrain import compiled_bank; "
             "p = Path(sys.argv[1]) / 'hrdtrain'; compiled_bank.write(p / '_compiled' / 'bank.json', p)", str(root)],
            check=True, env={**os.environ, "PYTHONPATH": str(root)},
        )
    # Byte-compile once, so neither side pays for it in the timed runs.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(root / "hrdtrain")], check=True)
    return root


def first_quiz_seconds(root: Path, compiled: bool, home: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(root), "HRDTRAIN_HOME": str(home)}
    out = subprocess.run([sys.executable, "-c", PROBE.format(root=str(root), compiled=compiled)], check=True, capture_output=True, text=True, env=env, cwd=root)
    return float(out.stdout.split()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="hrdtrain-bench-") as tmp:
        tmp_path = Path(tmp)
        with_json = package_copy(tmp_path / "compiled", compiled=True)
        with_yaml = package_copy(tmp_path / "yaml", compiled=False)
        times: dict[str, list[float]] = {"yaml": [], "compiled": []}
        for _ in range(args.runs):  # interleaved: a busy machine slows both alike
            times["yaml"].append(first_quiz_seconds(with_yaml, False, tmp_path / "home"))
            times["compiled"].append(first_quiz_seconds(with_json, True, tmp_path / "home"))

        sys.path.insert(0, str(with_json))
        from hrdtrain import bank as bank_module
        from hrdtrain import compiled_bank

        yaml_loads, json_loads = [], []
        for _ in range(5):
            start = time.perf_counter()
            bank_module.load([with_json / "hrdtrain" / "content"])
            yaml_loads.append(time.perf_counter() - start)
            compiled_bank.compiled.cache_clear()
            start = time.perf_counter()
            compiled_bank.bank(compiled_bank.compiled()).get("3.4-tear-gas")
            json_loads.append(time.perf_counter() - start)
        size = (with_json / "hrdtrain" / "_compiled" / "bank.json").stat().st_size

    yaml_ms, json_ms = (statistics.median(times[k]) * 1000 for k in ("yaml", "compiled"))
    print(f"first quiz cell in a kernel, from the YAML      {yaml_ms:6.0f} ms  (median of {args.runs}; min {min(times['yaml']) * 1000:.0f})")
    print(f"first quiz cell in a kernel, from compiled JSON {json_ms:6.0f} ms  (median of {args.runs}; min {min(times['compiled']) * 1000:.0f})")
    print(f"saved by the compiled bank                      {yaml_ms - json_ms:6.0f} ms ({100 * (yaml_ms - json_ms) / yaml_ms:.0f}%)")
    print(f"in-process: YAML load + validate all items      {statistics.median(yaml_loads) * 1000:6.0f} ms")
    print(f"in-process: compiled JSON + hash + one item     {statistics.median(json_loads) * 1000:6.0f} ms  (bank.json {size / 1024:.0f} KB)")


if __name__ == "__main__":
    main()
