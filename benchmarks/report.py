"""How long does the facilitator's group view take for a big group? Measured side by side in one run.

Makes 100 learners' anonymous exports over the whole bank (every item answered, one to three
tries, plus the self-assessment before and after), then times:
  - merely loading the 100 files (the floor),
  - building the group view (load + summary + the dashboard page with its two charts),
  - the `hrdtrain group` text report (load + summary + text).
Goal: the group view under 2 s.

Usage: python benchmarks/report.py [--learners 100] [--runs 5]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path


def make_exports(folder: Path, learners: int) -> list[Path]:
    from hrdtrain.bank import default_bank
    from hrdtrain.export import write_export
    from hrdtrain.questionnaire import questionnaire

    bank = default_bank()
    rng = random.Random(7)
    statements = [s["id"] for s in questionnaire()["statements"]]
    paths = []
    for n in range(learners):
        answers = []
        for item in bank:
            tries = rng.randint(1, 3)
            for k in range(1, tries + 1):
                answers.append({"item_id": item.id, "item_type": item.type, "answer": rng.choice(["a", "b", "c"]), "correct": k == tries, "attempt": k, "day": "2026-11-23"})
        for phase in ("before", "after"):
            answers += [{"item_id": f"self:{phase}:{s}", "item_type": "self-assessment", "answer": rng.randint(1, 5), "correct": True, "attempt": 1, "day": "2026-11-23"} for s in statements]
        paths.append(write_export({"format": "hrdtrain-anonymous-export/1", "export_id": f"{n:016x}", "answers": answers}, folder / f"{n}.json"))
    return paths


def median(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--learners", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from hrdtrain.bank import default_bank
    from hrdtrain.group import group_dashboard_html, group_summary, load_exports, text_report

    bank = default_bank()
    with tempfile.TemporaryDirectory() as tmp:
        paths = make_exports(Path(tmp), args.learners)
        n_answers = sum(r.answers for e in load_exports(paths).exports for r in e.items)
        group_dashboard_html(group_summary(load_exports(paths).exports), bank)  # warm-up: matplotlib's first import and font cache
        load = median(lambda: load_exports(paths), args.runs)
        view = median(lambda: group_dashboard_html(group_summary(load_exports(paths).exports), bank), args.runs)
        text = median(lambda: text_report(group_summary(load_exports(paths).exports), bank), args.runs)
    print(f"{args.learners} exports, {len(bank)} items, {n_answers} answers in all")
    print(f"load the files only         {load * 1000:7.0f} ms")
    print(f"group view (page + charts)  {view * 1000:7.0f} ms   {view / load:.1f}x loading (goal: under 2000 ms)")
    print(f"hrdtrain group text report  {text * 1000:7.0f} ms   {text / load:.1f}x loading")


if __name__ == "__main__":
    main()
