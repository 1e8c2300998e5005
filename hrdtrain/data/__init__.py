"""The data sets of the exercises' data tasks, as pandas DataFrames.

`load_data("stop_and_search")`. All but one are invented (see make_synthetic.py, which makes
them from a fixed seed); `communications_by_region` holds the real figures of A/HRC/31/55
para. 6. pandas is imported only when a data set is loaded.
"""

from __future__ import annotations

from pathlib import Path

DATA_DIR = Path(__file__).parent

DATASETS = {
    "communications_by_region": "REAL: communications of the UN Special Rapporteur on HRDs by region, 1 Dec 2014 - 30 Nov 2015 (A/HRC/31/55 para. 6).",
    "stop_and_search": "INVENTED: monthly police stops in one district, by population group, with how many found something (cf. paper §6.3).",
    "protest_incidents": "INVENTED: documented incidents at protests, by police unit and month (cf. paper §4.2-4.3).",
    "protection_visits": "INVENTED: register of agreed and actual police protection visits, by station and week (cf. paper §5.3).",
    "assemblies": "INVENTED: peaceful assemblies in one city, notified or not, and whether police facilitated or dispersed them (cf. paper §3.2-3.3).",
}


def load_data(name: str):
    """The data set `name` as a pandas DataFrame; ValueError naming the data sets for a wrong name."""
    if name not in DATASETS:
        raise ValueError(f"no data set {name!r}; the data sets are: {', '.join(DATASETS)}")
    import pandas as pd

    return pd.read_csv(DATA_DIR / f"{name}.csv")
