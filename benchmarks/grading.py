"""How much faster is `hrdtrain grade` than plain `nbgrader autograde`, and does it scale linearly?

Measured side by side in one run, on the same simulated cohort (tests/grading/simulated_class.py:
real notebooks of assignment 02, answered right, partly or not at all):

1. plain, sequential `nbgrader autograde 02_international_standards` on N submissions;
2. `hrdtrain grade 02_international_standards --jobs J` on a copy of the same course;
   the scores of both gradebooks must be identical (the script stops if they are not);
3. `hrdtrain grade` alone at several class sizes, printing the time per submission (goal: about
   constant, i.e. linear growth).

Both start from a gradebook that already knows the assignment, so neither pays for creating it.
The course's nbgrader_config.py runs every grading kernel in the sandbox (hrdtrain/grading/
sandbox.py), plain `nbgrader autograde` included; a third run shows plain nbgrader with its stock
Execute step (no sandbox, no output cut), i.e. what the sandbox costs.
Usage: python benchmarks/grading.py [--size 40] [--jobs N] [--scaling 10,40,160]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "grading"))
from simulated_class import ASSIGNMENT, cohort, make_course  # noqa: E402

BIN = Path(sys.executable).parent
STOCK_AUTOGRADE = [  # nbgrader 0.9's own autograde pipeline, as before the course replaced Execute
    "nbgrader.preprocessors.Execute", "nbgrader.preprocessors.IgnorePattern", "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput", "nbgrader.preprocessors.SaveAutoGrades", "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
]
ENV = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}


def prepared_course(folder: Path, size: int) -> Path:
    """A course with `size` submissions whose gradebook already holds the assignment."""
    course = make_course(folder, students=cohort(size))
    subprocess.run([sys.executable, "-m", "hrdtrain.cli", "exercises", ASSIGNMENT], cwd=course, env=ENV, check=True, capture_output=True)
    return course


def timed(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=ENV, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    return elapsed


def scores(course: Path) -> dict[str, float]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        return {s.student_id: round(float(s.score), 3) for s in gb.find_assignment(ASSIGNMENT).submissions}


def ours(jobs: int | None) -> list[str]:
    cmd = [sys.executable, "-m", "hrdtrain.cli", "grade", ASSIGNMENT, "--no-progress"]
    return cmd + (["--jobs", str(jobs)] if jobs else [])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=40, help="submissions in the side-by-side run (default 40)")
    parser.add_argument("--jobs", type=int, default=None, help="hrdtrain grade --jobs (default: number of cores)")
    parser.add_argument("--scaling", default="10,40,160", help="class sizes for the scaling run (default 10,40,160)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="hrdtrain-bench-") as tmp:
        tmp = Path(tmp)
        plain_course = prepared_course(tmp / "plain", args.size)
        ours_course = tmp / "ours"
        shutil.copytree(plain_course, ours_course)

        stock_course = tmp / "stock"
        shutil.copytree(plain_course, stock_course)
        with open(stock_course / "nbgrader_config.py", "a", encoding="utf-8") as config:
            config.write(f"\nc.Autograde.autograde_preprocessors = {STOCK_AUTOGRADE!r}\n")

        from hrdtrain.grading.sandbox import isolation

        print(isolation().message)
        stock_s = timed([sys.executable, "-m", "nbgrader", "autograde", ASSIGNMENT], stock_course)
        plain_s = timed([sys.executable, "-m", "nbgrader", "autograde", ASSIGNMENT], plain_course)
        ours_s = timed(ours(args.jobs), ours_course)
        a, b = scores(plain_course), scores(ours_course)
        if a != b:
            diff = {s: (a.get(s), b.get(s)) for s in set(a) | set(b) if a.get(s) != b.get(s)}
            sys.exit(f"scores differ between plain nbgrader and hrdtrain grade: {diff}")
        print(f"cores: {os.cpu_count()}, hrdtrain grade --jobs {args.jobs or os.cpu_count()}")
        print(f"{args.size} submissions: plain nbgrader, stock   {stock_s:6.1f} s ({stock_s / args.size:.2f} s each; no sandbox)")
        print(f"{args.size} submissions: plain nbgrader autograde {plain_s:6.1f} s ({plain_s / args.size:.2f} s each; sandboxed by the course config)")
        print(f"{args.size} submissions: hrdtrain grade           {ours_s:6.1f} s ({ours_s / args.size:.2f} s each)")
        print(f"scores identical for all {len(a)} submissions; speed ratio {plain_s / ours_s:.2f}x (goal >= 1.7x on 2 cores), {stock_s / ours_s:.2f}x against stock nbgrader without a sandbox")

        print("scaling (hrdtrain grade):")
        for size in [int(s) for s in args.scaling.split(",") if s.strip()]:
            course = prepared_course(tmp / f"scale-{size}", size)
            seconds = timed(ours(args.jobs), course)
            print(f"  {size:4d} submissions: {seconds:6.1f} s, {seconds / size:.2f} s per submission")
            shutil.rmtree(course)


if __name__ == "__main__":
    main()
