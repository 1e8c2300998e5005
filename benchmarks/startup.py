"""How fast does a quiz cell start? Measured side by side in one run, in fresh processes.

Prints the median wall time of:
  - `import ipywidgets` (the reference: goal for `import hrdtrain` is at most 1.3x this),
  - `import hrdtrain`,
  - `from hrdtrain import show; show(ID)` (what a notebook's first quiz cell really costs), also
    inside a process that has already imported IPython, as a running kernel has,
  - `import nbgrader` for scale, when installed (validate/list must never import it),
and the time to load and validate the whole content bank in-process (goal: under 1 s).

Usage: python benchmarks/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time


def median_seconds(code: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def median_inner_seconds(setup: str, code: str, runs: int) -> float:
    """Median time of `code` inside a fresh process after `setup` has run (not counted)."""
    probe = f"{setup}\nimport time\n_t = time.perf_counter()\n{code}\nprint(time.perf_counter() - _t)"
    times = [
        float(subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True).stdout.split()[-1])
        for _ in range(runs)
    ]
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    baseline = median_seconds("pass", args.runs)
    # Interleaving would be fairer still, but medians of 15 fresh processes each are stable enough here.
    widgets = median_seconds("import ipywidgets", args.runs)
    ours = median_seconds("import hrdtrain", args.runs)
    first_quiz = median_seconds("from hrdtrain import show; show('3.4-tear-gas')", args.runs)
    # In a running kernel IPython is already imported; this is what a learner waits for.
    widgets_in_kernel = median_inner_seconds("import IPython", "import ipywidgets", args.runs)
    quiz_in_kernel = median_inner_seconds("import IPython", "from hrdtrain import show; show('3.4-tear-gas')", args.runs)
    try:
        import importlib.util

        has_nbgrader = importlib.util.find_spec("nbgrader") is not None
    except Exception:
        has_nbgrader = False
    nbgrader = median_seconds("import nbgrader", max(3, args.runs // 5)) if has_nbgrader else None

    from hrdtrain.bank import load

    loads = []
    for _ in range(5):
        start = time.perf_counter()
        bank, problems = load(None)
        loads.append(time.perf_counter() - start)
    assert not problems

    print(f"python start-up alone          {baseline * 1000:7.0f} ms")
    print(f"import ipywidgets              {widgets * 1000:7.0f} ms")
    print(f"import hrdtrain                {ours * 1000:7.0f} ms   ratio to ipywidgets: {ours / widgets:.2f}x (goal <= 1.3x)")
    print(f"first quiz cell (import+show)  {first_quiz * 1000:7.0f} ms   ratio to ipywidgets: {first_quiz / widgets:.2f}x")
    print(f"in a kernel (IPython loaded): import ipywidgets {widgets_in_kernel * 1000:5.0f} ms, first quiz cell {quiz_in_kernel * 1000:5.0f} ms")
    if nbgrader is not None:
        print(f"import nbgrader                {nbgrader * 1000:7.0f} ms")
    print(f"validate whole bank ({len(bank)} items) {statistics.median(loads) * 1000:7.0f} ms (goal < 1000 ms)")


if __name__ == "__main__":
    main()
