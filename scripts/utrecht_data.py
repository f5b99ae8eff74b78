"""The data files of the Utrecht dataset in ``scripts/utrecht/``, read once on import.

The CSV tables (``T``, by file name; a cell reads as a Python literal would, see :func:`cell`),
the TOML files (``P`` = ``parameters.toml``, ``PROFILES``, ``CRITERIA``) and the lookups the
builder and its checks share (municipalities by CBS code, MV stations per municipality, …).
Shared by ``build_utrecht.py``, ``utrecht_profiles.py``, ``utrecht_checks.py`` and
``utrecht_sources.py``; holds no figures of its own.
"""

from __future__ import annotations

import csv
import json
import re
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "utrecht"
Row = dict[str, Any]
NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def cell(text: str) -> Any:
    """A CSV cell as a Python literal reads: int, float, bool or text; empty is ``None``."""
    if text in ("", "true", "false"):
        return None if text == "" else text == "true"
    if NUMBER.fullmatch(text):
        return int(text) if text.lstrip("+-").isdigit() else float(text)
    return text


def table(name: str) -> list[Row]:
    """The rows of ``scripts/utrecht/<name>.csv``, ``#`` lines skipped."""
    with (DATA / f"{name}.csv").open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(line for line in file if not line.startswith("#")))
    for i, row in enumerate(rows, 1):
        if None in row or None in row.values():
            raise SystemExit(f"{name}.csv: data row {i} has more or fewer cells than the header")
    return [{k: cell(v) for k, v in row.items()} for row in rows]


def group(rows: Iterable[Row], key: str) -> dict[Any, list[Row]]:
    """The rows by their value of ``key``, in order of first appearance."""
    out: dict[Any, list[Row]] = {}
    for row in rows:
        out.setdefault(row[key], []).append(row)
    return out


T = {path.stem: table(path.stem) for path in sorted(DATA.glob("*.csv"))}
P, PROFILES, CRITERIA = (tomllib.loads((DATA / f"{name}.toml").read_text(encoding="utf-8"))
                         for name in ("parameters", "profiles", "criteria"))
FLH_SOLAR, FLH_WIND = P["full_load_hours"]["solar"], P["full_load_hours"]["wind"]
MUNICIPALITIES, HV_STATIONS, MV_STATIONS = (T["municipalities"], T["hv_stations"],
                                            T["mv_stations"])
MUNI = {m["cbs"]: m for m in MUNICIPALITIES}
REGION_OF = {m["cbs"]: m["res_region"] for m in MUNICIPALITIES}
BASE = {b["cbs"]: b for b in T["baseline"]}
STATIONS_OF, TRANCHES = group(MV_STATIONS, "municipality"), group(T["tranches"], "programme")


def outlines(name: str) -> dict[str, Any]:
    """The polygons of ``boundaries/<name>.geojson`` by CBS code (RD New, whole metres)."""
    import shapely.geometry

    collection = json.loads((DATA / "boundaries" / f"{name}.geojson").read_text(
        encoding="utf-8"))
    if "28992" not in collection.get("crs", {}).get("properties", {}).get("name", ""):
        raise SystemExit(f"boundaries/{name}.geojson: expected RD New (EPSG:28992)")
    return {f["properties"]["statcode"]: shapely.geometry.shape(f["geometry"])
            for f in collection["features"]}


MUNICIPAL_OUTLINES = outlines("utrecht-gemeenten")
PROVINCE_OUTLINE = outlines("utrecht-provincie")["PV26"]
if set(MUNICIPAL_OUTLINES) != set(MUNI):
    raise SystemExit("boundaries: the CBS codes differ from municipalities.csv: "
                     f"{sorted(set(MUNICIPAL_OUTLINES) ^ set(MUNI))}")
