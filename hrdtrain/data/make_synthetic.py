"""Writes the course's synthetic data sets (seeded: the same files every time).

    python -m hrdtrain.data.make_synthetic [OUTDIR]     (default: this folder)

The data sets for the exercises' data tasks are INVENTED. They are shaped like records that
defenders keep or ask for (the paper's examples: a register of police protection visits, §5.3;
documenting incidents at protests, §4.2; stop-and-search figures by group, §6.3), but no row
describes a real place, unit, station or person. Only `communications_by_region.csv` is real:
the figures of A/HRC/31/55 para. 6. tests/grading/test_data.py checks that this script, run
again, reproduces the shipped files byte for byte.
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

SEED = 20181123
MONTHS = [f"2025-{m:02d}" for m in range(1, 13)]


def communications_by_region() -> list[dict]:
    """A/HRC/31/55 para. 6: communications of the Special Rapporteur on HRDs, 1 Dec 2014 to 30 Nov 2015, by region."""
    rows = [
        ("Asia-Pacific", 66),
        ("Latin America and the Caribbean", 38),
        ("Middle East and North Africa", 35),
        ("Europe, North America and Central Asia", 35),
        ("Africa", 34),
        ("Business enterprise", 1),
    ]
    return [{"region": r, "communications": n} for r, n in rows]


def stop_and_search(rng: random.Random) -> list[dict]:
    """Invented district: monthly stops by group, with each group's share of the population.

    Group C is stopped far more often than its share of the population; the hit rate (stops
    that found something) is lower for C, as in the ethnic-profiling pattern §6.3 describes.
    """
    population = {"Group A": 61000, "Group B": 24000, "Group C": 15000}
    base_rate = {"Group A": 0.0021, "Group B": 0.0024, "Group C": 0.0090}
    hit_rate = {"Group A": 0.21, "Group B": 0.19, "Group C": 0.08}
    rows = []
    for month in MONTHS:
        for group, pop in population.items():
            stops = max(1, round(pop * base_rate[group] * rng.uniform(0.8, 1.2)))
            found = sum(rng.random() < hit_rate[group] for _ in range(stops))
            rows.append({"month": month, "group": group, "population": pop, "stops": stops, "found_something": found})
    return rows


def protest_incidents(rng: random.Random) -> list[dict]:
    """Invented log of documented incidents at protests, by police unit and month.

    One unit accounts for most incidents, so the learner can ask whether the problem lies with a
    unit (and its command) rather than with the police as a whole (§4.3).
    """
    units = {"Unit 1": 0.6, "Unit 2": 0.8, "Unit 3": 4.0, "Unit 4": 0.7}
    kinds = ["baton blows", "tear gas at close range", "arrest without explanation", "kicking a person on the ground"]
    protests = {m: rng.randint(2, 6) for m in MONTHS}
    rows = []
    n = 0
    for month in MONTHS:
        for unit, rate in units.items():
            count = sum(1 for _ in range(protests[month]) if rng.random() < rate / 5)
            count += int(rate > 2 and protests[month] > 3)
            for _ in range(count):
                n += 1
                rows.append(
                    {
                        "incident": f"I{n:03d}",
                        "month": month,
                        "police_unit": unit,
                        "kind": rng.choice(kinds),
                        "injured": "yes" if rng.random() < 0.45 else "no",
                        "filmed": "yes" if rng.random() < 0.5 else "no",
                    }
                )
    return rows


def protection_visits(rng: random.Random) -> list[dict]:
    """Invented register of agreed police protection visits to defenders' offices (§5.3).

    Each station agreed to visit its office a number of times a week; the register records
    how many visits happened. One station misses far more visits than the others.
    """
    stations = {"North station": 0.95, "River station": 0.9, "Market station": 0.55, "Hill station": 0.88}
    rows = []
    for week in range(1, 27):
        for station, reliability in stations.items():
            agreed = 3
            done = sum(rng.random() < reliability for _ in range(agreed))
            rows.append({"week": week, "station": station, "visits_agreed": agreed, "visits_done": done})
    return rows


def assemblies(rng: random.Random) -> list[dict]:
    """Invented record of peaceful assemblies in one city: notified or not, and what police did (§3.2, §3.3)."""
    rows = []
    for n in range(1, 81):
        notified = rng.random() < 0.7
        dispersed = rng.random() < (0.08 if notified else 0.45)
        rows.append(
            {
                "assembly": f"A{n:02d}",
                "month": rng.choice(MONTHS),
                "notified": "yes" if notified else "no",
                "peaceful": "yes",
                "police_action": "dispersed" if dispersed else "facilitated",
            }
        )
    return rows


def build() -> dict[str, list[dict]]:
    rng = random.Random(SEED)
    return {
        "communications_by_region": communications_by_region(),
        "stop_and_search": stop_and_search(rng),
        "protest_incidents": protest_incidents(rng),
        "protection_visits": protection_visits(rng),
        "assemblies": assemblies(rng),
    }


def write(outdir: Path) -> list[Path]:
    outdir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, rows in build().items():
        path = outdir / f"{name}.csv"
        with open(path, "w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        paths.append(path)
    return paths


if __name__ == "__main__":
    for p in write(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent):
        print(p)
