"""Build the embedded Utrecht dataset in ``src/pmiek/data/utrecht`` (CSV tables + SOURCES.md).

A province-sized demo of the data contract: the 26 municipalities of the province of Utrecht
with their 2023 population, dwellings and electricity use (ETM 2023), a schematic grid
(TenneT 150 kV stations, Stedin MV stations, heat networks, hydrogen and gas), the woondeal
housing programme, RES targets, charge points, business parks and other developments, the
known and candidate grid projects, scarce resources, the four II3050 storylines and a
proposed afwegingskader.

Every figure lives in a data file in ``scripts/utrecht/``, next to its source: ``[S]`` =
sourced, ``[D]`` = derived from sourced figures (method stated), ``[E]`` = estimate (replace
when a source is found). The tables are CSV files (a header, one row per line, ``#`` lines
are comments; a cell reads as a Python literal would: ``12`` an integer, ``12.0`` a float,
``true``/``false`` a boolean, anything else text, and an empty cell is none), the scalar
parameters are in ``parameters.toml``, the profile shapes in ``profiles.toml``, the criteria
in ``criteria.toml`` and the prose of SOURCES.md in ``SOURCES.template.md`` (its ``{...}``
fields are filled by :func:`sources_md`). To change the dataset, edit those files and run
``python scripts/build_utrecht.py --check`` (``make data``): this script holds only the
methods. Geometry is schematic: Voronoi cells around the municipal centres, clipped to a
hand-drawn outline of the province.

``--check`` prints the checks and the station peaks, ``--out DIR`` writes elsewhere. The
output is deterministic: no network, fixed random seed.
"""

from __future__ import annotations

import argparse
import csv
import math
import re
import tomllib
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyproj
import shapely
from shapely.geometry import MultiPoint, Point, Polygon

from pmiek.adapters.files import read_workspace, write_workspace
from pmiek.adapters.files.text import column_text
from pmiek.domain.sizing import developed_mw
from pmiek.domain.tables import HOURS_PER_YEAR
from pmiek.domain.workspace import Workspace

OUT = Path(__file__).resolve().parents[1] / "src" / "pmiek" / "data" / "utrecht"
DATA = Path(__file__).resolve().parent / "utrecht"
SEED = 2026_0301
"""Seed of every random draw (profiles only)."""
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
_TO_RD = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:28992", always_xy=True)


def rd(lat: float, lon: float) -> tuple[float, float]:
    """WGS84 → RD New, rounded to whole metres."""
    x, y = _TO_RD.transform(lon, lat)
    return float(round(x)), float(round(y))


def wkt_point(lat: float | None, lon: float | None) -> str | None:
    if lat is None or lon is None:
        return None
    x, y = rd(lat, lon)
    return f"POINT ({x:.0f} {y:.0f})"


def build_geometry() -> dict[str, shapely.Geometry]:
    """The schematic outline (province) and a polygon per municipality, region and hotspot."""
    outline = Polygon([(r["x"], r["y"]) for r in T["outline"]])
    seeds = [(m["cbs"], Point(*rd(m["lat"], m["lon"]))) for m in MUNICIPALITIES]
    seeds += [(h["municipality"], Point(*rd(h["lat"], h["lon"]))) for h in T["hotspots"]]
    if any(not outline.contains(seed) for _, seed in seeds):
        raise SystemExit("a seed lies outside the outline")
    cells = shapely.voronoi_polygons(MultiPoint([s for _, s in seeds]), extend_to=outline,
                                     ordered=True)
    parts = group(({"owner": owner, "cell": shapely.set_precision(c.intersection(outline), 1.0)}
                   for (owner, _), c in zip(seeds, cells.geoms, strict=True)), "owner")
    shapes = {o: shapely.union_all([p["cell"] for p in ps], grid_size=1.0)
              for o, ps in parts.items()}
    for r in T["regions"]:
        shapes[r["id"]] = shapely.union_all([shapes[m] for m, g in REGION_OF.items()
                                             if g == r["id"]], grid_size=1.0)
    for h in T["hotspots"]:
        circle = Point(*rd(h["lat"], h["lon"])).buffer(h["radius_km"] * 1000, quad_segs=8)
        shapes[h["id"]] = shapely.set_precision(circle.intersection(shapes[h["municipality"]]),
                                                1.0)
    if any(not s.is_valid or s.is_empty for s in shapes.values()):
        raise SystemExit("bad schematic geometry")
    return {P["province"]["id"]: outline, **shapes}


# Profiles: 8760 synthetic hours, hour 0 = 1 January 00:00 local standard time (CET, no
# daylight saving), a non-leap year that starts on a Monday.


def _ar1(rng: np.random.Generator, n: int, phi: float, sd: float) -> np.ndarray:
    shocks = rng.normal(0.0, sd, n)
    out = np.empty(n)
    out[0] = shocks[0] / math.sqrt(1 - phi**2)
    for i in range(1, n):
        out[i] = phi * out[i - 1] + shocks[i]
    return out


def _bisect(f: Callable[[float], float], lo: float, hi: float, target: float) -> float:
    """The x in [lo, hi] with f(x) = target, f increasing (60 halvings)."""
    for _ in range(60):
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if f(mid) < target else (lo, mid)
    return 0.5 * (lo + hi)


def build_profiles() -> dict[str, np.ndarray]:
    """The named hourly shapes, each divided by its maximum and rounded to 6 decimals."""
    rng = np.random.default_rng(SEED)
    hour = np.arange(HOURS_PER_YEAR)
    day, hod = hour // 24, hour % 24
    weekend = (day % 7) >= 5
    winter = 0.5 * (1 + np.cos(2 * np.pi * (day - 15) / 365))  # 1 mid-January, 0 mid-July
    # Synthetic temperature year: seasonal sinusoid (3.3 °C late January, 17.3 °C late July),
    # autocorrelated day-to-day weather, daily cycle (max 15 h), hourly noise.
    weather = _ar1(rng, 366, 0.8, 2.0)
    t_day = 10.3 - 7.0 * np.cos(2 * np.pi * (np.arange(366) - 20) / 365) + weather
    temp = (np.interp(hour / 24, np.arange(366), t_day)
            + (2.5 + 2.5 * (1 - winter)) * np.cos(2 * np.pi * (hod - 15) / 24)
            + rng.normal(0.0, 0.5, HOURS_PER_YEAR))
    # Space heat ∝ max(0, 18 − T), with morning/evening use and a night setback; hot water.
    use = (1 + 0.25 * np.exp(-((hod - 7) ** 2) / 3) + 0.2 * np.exp(-((hod - 18) ** 2) / 6)
           - 0.25 * ((hod < 5) | (hod >= 23)))
    space = np.clip(18.0 - temp, 0.0, None) * use
    water = 0.9 * (0.4 + np.exp(-((hod - 7.5) ** 2) / 2) + 0.8 * np.exp(-((hod - 20) ** 2) / 3))
    cop = np.clip(3.2 + 0.09 * temp, 2.0, 5.0)  # air-water heat pump, COP falls with T
    heat_pump = space / cop + water / 2.8
    # Households: the hourly shape of profiles.toml (weekends: mornings an hour later),
    # winter evenings higher (lighting).
    shape = np.array(PROFILES["hourly"]["household"])
    household = (np.where(weekend, np.roll(shape, 1)[hod], shape[hod]) * (0.70 + 0.30 * winter)
                 + 0.15 * winter * ((hod >= 16) & (hod <= 20))
                 + rng.normal(0.0, 0.01, HOURS_PER_YEAR))
    # Evening charging, lower at weekends, slightly higher in winter.
    ev_evening = (np.array(PROFILES["hourly"]["ev_evening"])[hod] * np.where(weekend, 0.85, 1.0)
                  * (0.92 + 0.08 * winter))
    # Offices, shops, services: weekdays 8-18.
    office = np.where((hod >= 8) & (hod < 18), 1.0,
                      np.where((hod == 7) | (hod == 18), 0.6,
                               np.where((hod == 19) | (hod == 20), 0.42, 0.30)))
    business_hours = (np.where(weekend, 0.32 + 0.08 * ((hod >= 10) & (hod < 17)), office)
                      * (0.9 + 0.1 * winter) + rng.normal(0.0, 0.01, HOURS_PER_YEAR))
    # Industry, data centres, hospitals: near-flat, day shift a little higher.
    flat = (np.where(weekend, 0.72, np.where((hod >= 6) & (hod < 22), 1.0, 0.82))
            + rng.normal(0.0, 0.01, HOURS_PER_YEAR))
    # Solar: clear sky ∝ sin(elevation) (declination and hour angle, solar time from CET via the
    # longitude and the equation of time), times a seeded cloudiness: autocorrelated daily
    # clearness (cloudier in winter) with hourly noise.
    doy = day + 1
    decl = np.radians(23.45) * np.sin(2 * np.pi * (284 + doy) / 365)
    b = 2 * np.pi * (doy - 81) / 364
    eot = 9.87 * np.sin(2 * b) - 7.53 * np.cos(b) - 1.5 * np.sin(b)  # minutes
    solar_time = hod + 0.5 + (PROFILES["longitude"] - 15.0) / 15.0 + eot / 60.0
    omega = np.radians(15.0 * (solar_time - 12.0))
    phi = np.radians(PROFILES["latitude"])
    sin_el = np.sin(phi) * np.sin(decl) + np.cos(phi) * np.cos(decl) * np.cos(omega)
    clear_sky = np.clip(sin_el, 0.0, None)
    daily = _ar1(rng, 365, 0.6, 0.18)[day]
    hourly = rng.normal(0.0, 0.08, HOURS_PER_YEAR)

    def solar_for(mean: float) -> np.ndarray:
        return clear_sky * np.clip(mean - 0.15 * winter + daily + hourly, 0.05, 1.0)

    # Tune the mean clearness so that feed-in = 0.7 × MWp × profile yields 900 h (T12).
    mean = _bisect(lambda m: float((solar_for(m) / solar_for(m).max()).sum()), 0.2, 1.2,
                   FLH_SOLAR / 0.7)
    # Wind: Rayleigh-distributed speed from two autocorrelated Gaussian components (hourly
    # persistence), stronger in winter; a cubic power curve (cut-in 3, rated 12, cut-out
    # 25 m/s). The speed scale is tuned so that MW × profile yields 2,756 h (T12).
    gx = _ar1(rng, HOURS_PER_YEAR, 0.97, math.sqrt(1 - 0.97**2))
    gy = _ar1(rng, HOURS_PER_YEAR, 0.97, math.sqrt(1 - 0.97**2))
    magnitude = np.sqrt(gx**2 + gy**2) / math.sqrt(2) * (0.8 + 0.4 * winter)

    def wind_for(scale: float) -> np.ndarray:
        v = scale * magnitude
        return np.where(v > 25.0, 0.0, np.clip((v**3 - 27.0) / (12.0**3 - 27.0), 0.0, 1.0))

    shapes = {"household": household, "heat_pump": heat_pump,
              # all-electric new-build: appliances ~0.8 kW + heat pump ~1.2 kW at the peak (T12)
              "housing_allelectric": 0.4 * household / household.max()
              + 0.6 * heat_pump / heat_pump.max(),
              "space_heat": space + water, "ev_evening": ev_evening,
              "business_hours": business_hours, "flat": flat, "solar": solar_for(mean),
              "wind": wind_for(_bisect(lambda s: float(wind_for(s).sum()), 2.0, 15.0, FLH_WIND))}
    out = {n: np.round(np.clip(v, 0.0, None) / v.max(), 6) for n, v in shapes.items()}
    if any(v.max() != 1.0 for v in out.values()):
        raise SystemExit("a profile is not normalised")
    return out


def split_int(total: int, weights: Sequence[float]) -> list[int]:
    """Integers proportional to ``weights`` that add up to ``total`` (largest remainder)."""
    w = np.asarray(weights, dtype=float)
    if total == 0 or w.sum() == 0:
        return [0] * len(w)
    exact = total * w / w.sum()
    base = np.floor(exact).astype(int)
    order = sorted(range(len(w)), key=lambda i: (-(exact[i] - base[i]), i))
    for i in order[: total - int(base.sum())]:
        base[i] += 1
    return [int(b) for b in base]


def r3(x: float) -> float:
    return float(round(x, 3))


def short(station: Row) -> str:
    return str(station["id"]).removeprefix("MS-")


def of(station: Row, among: Sequence[Row]) -> str:
    """`` (station name)`` when a municipality has more than one station, else nothing."""
    return "" if len(among) == 1 else f" ({station['name']})"


def areas_table(shapes: dict[str, shapely.Geometry]) -> pd.DataFrame:
    prov = P["province"]
    rows = [(prov["id"], prov["name"], "province", None, prov["population"], prov["dwellings"])]
    for r in T["regions"]:
        members = [m for m in MUNICIPALITIES if m["res_region"] == r["id"]]
        rows.append((r["id"], r["name"], "region", prov["id"],
                     sum(m["population"] for m in members), sum(m["dwellings"] for m in members)))
    rows += [(m["cbs"], m["name"], "municipality", m["res_region"], m["population"],
              m["dwellings"]) for m in MUNICIPALITIES]
    rows += [(h["id"], h["name"], "hotspot", h["municipality"], None, None)
             for h in T["hotspots"]]
    frame = pd.DataFrame([(*r, shapes[r[0]]) for r in rows], columns=[
        "id", "name", "kind", "parent_id", "population", "dwellings", "geometry"])
    # Marks the geometry as schematic in the data itself; maps show a notice for it.
    frame["geometry_source"] = np.where(frame["kind"] == "hotspot",
                                        P["geometry_source"]["hotspot"],
                                        P["geometry_source"]["other"])
    return frame


def assets_table() -> pd.DataFrame:
    for h in HV_STATIONS:
        if (h["capacity_demand_mw"] > (h["transformers"] - 1) * h["mva"]
                or h["capacity_feedin_mw"] > h["transformers"] * h["mva"]):
            raise SystemExit(f"{h['id']}: capacity above the transformer capacity")
    rows = [{**h, "carrier": "electricity", "kind": "hv_station", "confidential": False}
            for h in HV_STATIONS]
    rows += [{**s, "carrier": "electricity", "kind": "mv_station", "operator": "Stedin"}
             for s in MV_STATIONS]
    return pd.DataFrame([{**r, "geometry": wkt_point(r["lat"], r["lon"])}
                         for r in [*rows, *T["other_assets"]]], columns=[
        "id", "name", "carrier", "kind", "operator", "voltage_kv", "parent_id", "area_id",
        "capacity_demand_mw", "capacity_feedin_mw", "storage_energy_mwh", "geometry",
        "confidential"])


def dev(id_: str, name: str, sector: str, area: str, asset: str, years: Row | tuple[int, int],
        certainty: int, goals: str, source: str, **values: Any) -> Row:
    """A development; ``years`` is a row with start_year and end_year, or a pair."""
    start, end = (years["start_year"], years["end_year"]) if isinstance(years, dict) else years
    return {"id": id_, "name": name, "sector": sector, "area_id": area, "asset_id": asset,
            "carrier": "electricity", "start_year": start, "end_year": end,
            "certainty": certainty, "acm_priority": 0, "policy_goals": goals, "source": source,
            **values}


def existing_rows(m: Row, flh: dict[str, float]) -> list[Row]:
    """The 2023 load and generation of a municipality, per MV station (ETM, T2)."""
    rows, etm, base, stations = [], P["etm_source"], BASE[m["cbs"]], STATIONS_OF[m["cbs"]]
    for st in stations:
        tag, at, res, name = f"B23-{short(st)}", (st["area_id"], st["id"]), st["res"], m["name"]
        for s in T["baseline_sectors"]:
            gwh = base[s["column"]] * st[s["share"]]
            if gwh > 0:
                hours = flh[s["profile"]]
                rows.append(dev(f"{tag}-{s['code']}", f"Bestaand 2023: {s['label']} {name}"
                                f"{of(st, stations)}", s["sector"], *at, (2023, 2023), 5,
                                "bestaand", f"{etm}: {gwh:.4g} GWh/jaar ÷ {hours:.0f} "
                                f"vollasturen van profiel {s['profile']} [D/E]",
                                demand_mw=r3(gwh * 1000 / hours), profile=s["profile"]))
        if base["rooftop_pv_mwp"] * res > 0:
            rows.append(dev(f"{tag}-PVD", f"Bestaand 2023: zon op dak {name}{of(st, stations)}",
                            "solar", *at, (2023, 2023), 5, "bestaand", f"{etm}: dak-pv "
                            f"{base['rooftop_pv_mwp'] * res:.4g} MWp (T2) [S; D: naar aandeel "
                            "van het station]", quantity=r3(base["rooftop_pv_mwp"] * res),
                            unit="MWp"))
        for key, code, sector, label, unit, note in (
                ("pv_fields_mwp", "PVV", "solar", "zonnevelden", "MWp", ""),
                ("wind_mw", "WND", "wind", "wind", "MW", "; ondergrens")):
            if st["fields"] and base[key] > 0:
                rows.append(dev(f"{tag}-{code}", f"Bestaand 2023: {label} {name}", sector, *at,
                                (2023, 2023), 5, "bestaand;res", f"{etm}: {label} "
                                f"{base[key]:g} {unit} (T2{note}) [S]",
                                quantity=float(base[key]), unit=unit))
    if base["heat_asset"] and base["district_heat_gwh"] > 0:
        hours = flh["space_heat"]
        rows.append(dev(f"B23-{m['cbs']}-WN", f"Bestaand 2023: stadswarmte huishoudens "
                        f"{m['name']}", "heat_network", m["cbs"], base["heat_asset"],
                        (2023, 2023), 5, "bestaand", f"{etm}: {base['district_heat_gwh']:g} "
                        f"GWh/jaar ÷ {hours:.0f} vollasturen [D/E]", carrier="heat",
                        demand_mw=r3(base["district_heat_gwh"] * 1000 / hours),
                        profile="space_heat"))
    return rows


def tranche_rows(prefix: str, label: str, sector: str, unit: str, goals: str,
                 plan: Sequence[tuple[str, dict[str, int]]]) -> list[Row]:
    """Per municipality and programme: the total split over the programme's tranches by
    share, and over the municipality's residential MV stations by their ``res`` share."""
    rows, woondeal = [], {r["id"]: r["woondeal"] for r in T["regions"]}
    for m in MUNICIPALITIES:
        stations = [s for s in STATIONS_OF[m["cbs"]] if s["res"] > 0]
        for programme, totals in plan:
            tranches = TRANCHES[programme]
            for t, n in zip(tranches, split_int(totals[m["cbs"]], [t["share"] for t in tranches]),
                            strict=True):
                for st, k in zip(stations, split_int(n, [s["res"] for s in stations]),
                                 strict=True):
                    if k > 0:
                        rows.append(dev(
                            f"{prefix}-{short(st)}-{t['suffix']}", f"{label} {m['name']}"
                            f"{of(st, stations)} {t['start_year']}-{t['end_year']}", sector,
                            st["area_id"], st["id"], t, t["certainty"], goals,
                            t["source"].format(woondeal=woondeal[m["res_region"]]),
                            quantity=float(k), unit=unit))
    return rows


def homes_by(span: tuple[int, int], site: Row) -> int:
    """Homes of a large site realised within ``span`` (linear phasing)."""
    first, last = site["start_year"], site["end_year"]
    inside = max(0, min(span[1], last) - max(span[0], first) + 1)
    return round(site["homes"] * inside / (last - first + 1))


def span(programme: str) -> tuple[int, int]:
    return (min(t["start_year"] for t in TRANCHES[programme]),
            max(t["end_year"] for t in TRANCHES[programme]))


def municipal_homes() -> tuple[dict[str, int], dict[str, int]]:
    """Homes to 2030 and after 2030 per municipality (pro rata 2023 dwellings)."""
    to_2030: dict[str, int] = {}
    for regions, total in P["housing"]["to_2030"].items():
        members = [m for m in MUNICIPALITIES if m["res_region"] in regions.split("+")]
        to_2030.update(zip([m["cbs"] for m in members],
                           split_int(total, [m["dwellings"] for m in members]), strict=True))
    return to_2030, dict(zip(MUNI, split_int(P["housing"]["after_2030"], [
        m["dwellings"] for m in MUNICIPALITIES]), strict=True))


def res_rows(derived: dict[str, Row]) -> list[Row]:
    """New RES solar and wind developments; the derived figures per region go to ``derived``."""
    rows: list[Row] = []
    for t in T["res_targets"]:
        members = [m for m in MUNICIPALITIES if m["res_region"] == t["region"]]
        target = t["target_gwh"]
        if target is None:  # a region partly in the province: its share of households [D]
            target = (t["whole_region_target_gwh"] * sum(BASE[m["cbs"]]["households"]
                      for m in members) / t["whole_region_households_gwh"])
        fields_now, wind_now = (sum(BASE[m["cbs"]][k] for m in members)
                                for k in ("pv_fields_mwp", "wind_mw"))
        wind_gwh = target * t["wind_share"]
        new_wind = max(0.0, wind_gwh - wind_now * FLH_WIND / 1000) * 1000 / FLH_WIND
        new_solar = max(0.0, target - wind_gwh - fields_now * FLH_SOLAR / 1000) * 1000 / FLH_SOLAR
        derived[t["region"]] = {**t, "target_gwh": target, "existing_fields_mwp": fields_now,
                                "existing_wind_mw": wind_now, "new_wind_mw": new_wind,
                                "new_solar_mwp": new_solar}
        # Solar: fields pro rata land area (municipalities with solar fields), large roofs pro
        # rata services electricity [E].
        fields = new_solar * t["field_share"]
        land = sum(m["land_km2"] for m in members if m["solar_fields"])
        services = sum(BASE[m["cbs"]]["services"] for m in members)
        for m in members:
            stations = STATIONS_OF[m["cbs"]]
            roofs = (new_solar - fields) * BASE[m["cbs"]]["services"] / services
            parts = [(f"RES-ZV-{m['cbs']}", f"Zonnevelden {m['name']}",
                      next((s for s in stations if s["fields"]), stations[0]),
                      fields * m["land_km2"] / land if m["solar_fields"] else 0.0)]
            parts += [(f"RES-ZD-{short(st)}", f"Zon op grote daken {m['name']}"
                       f"{of(st, stations)}", st, roofs * st["bus"] / sum(x["bus"]
                                                                          for x in stations))
                      for st in stations]
            rows += [dev(f"{code}-{tr['suffix']}", f"{label} {tr['start_year']}-"
                         f"{tr['end_year']}", "solar", st["area_id"], st["id"], tr,
                         tr["certainty"], "res;co2", t["source"],
                         quantity=r3(mwp * tr["share"]), unit="MWp")
                     for code, label, st, mwp in parts if mwp > 0 for tr in TRANCHES["res_solar"]]
        rows += [dev(w["id"], w["name"], "wind", w["area_id"], w["asset_id"], w, w["certainty"],
                     "res;co2", t["source"], quantity=r3(new_wind * w["share"]), unit="MW")
                 for w in T["wind_parks"] if REGION_OF[w["municipality"]] == t["region"]]
    return rows


def developments_table(flh: dict[str, float]) -> tuple[pd.DataFrame, dict[str, Any]]:
    rows = [r for m in MUNICIPALITIES for r in existing_rows(m, flh)]
    # housing: the woondeals, less the large sites within them
    to_2030, after = municipal_homes()
    notes: dict[str, Any] = {"homes_to_2030": dict(to_2030), "res": {}}
    for site in T["housing_sites"]:
        to_2030[site["municipality"]] -= homes_by(span("housing"), site)
        after[site["municipality"]] -= homes_by(span("housing_after_2030"), site)
    rows += tranche_rows("WON", "Woningbouw", "housing", "homes", "wonen",
                         [("housing", to_2030), ("housing_after_2030", after)])
    hotspot = {h["id"]: h for h in T["hotspots"]}
    rows += [dev(s["id"], f"Woningbouw {s['name']}", "housing", s["area_id"], s["asset_id"], s,
                 s["certainty"], "wonen", s["source"], quantity=float(s["homes"]), unit="homes",
                 geometry=wkt_point(hotspot[s["area_id"]]["lat"], hotspot[s["area_id"]]["lon"]))
             for s in T["housing_sites"]]
    rows += [dev(b["id"], f"Bedrijventerrein {b['name']}", "business_park", b["area_id"],
                 b["asset_id"], b, b["certainty"], "werk", b["source"], quantity=float(b["ha"]),
                 unit="ha") for b in T["business_parks"]]
    # charge points: the NAL 2030 target scaled to the province by dwellings [D]
    cp = P["charge_points"]
    notes["charge_points_2030"] = points = ((cp["nal_2030"] - cp["nl_2023"])
                                            * P["province"]["dwellings"] / cp["nl_dwellings_2023"])
    per_muni = dict(zip(MUNI, split_int(round(points), [m["dwellings"] for m in MUNICIPALITIES]),
                        strict=True))
    notes["charge_points_by_municipality"] = per_muni
    later = sum(t["share"] for t in TRANCHES["charge_points_after_2030"])
    rows += tranche_rows("LAD", "Laadpunten", "mobility", "charge_points", "mobiliteit;co2", [
        ("charge_points", per_muni),
        ("charge_points_after_2030", {c: round(n * later) for c, n in per_muni.items()})])
    growth = P["solar"]["rooftop_growth"]  # rooftop PV growth (small, not RES-counted)
    rows += [dev(f"PVD-{short(st)}", f"Groei zon op dak {m['name']}{of(st, STATIONS_OF[m['cbs']])}"
                 " 2024-2030", "solar", st["area_id"], st["id"], (2024, 2030), 3, "co2",
                 f"[E] +{growth:.0%} op dak-pv 2023 (ETM, T2)",
                 quantity=r3(BASE[m["cbs"]]["rooftop_pv_mwp"] * st["res"] * growth), unit="MWp")
             for m in MUNICIPALITIES for st in STATIONS_OF[m["cbs"]]
             if BASE[m["cbs"]]["rooftop_pv_mwp"] * st["res"] * growth > 0]
    rows += res_rows(notes["res"])
    rows += [{**d, "geometry": wkt_point(d["lat"], d["lon"])} for d in T["named_developments"]]
    w = P["schools"]["w_per_inhabitant"]  # schools (ACM 3) at the station with most homes
    for m in MUNICIPALITIES:
        st = max(STATIONS_OF[m["cbs"]], key=lambda s: (s["res"], s["id"]))
        rows.append(dev(f"ONDW-{m['cbs']}", f"Scholen {m['name']}: verduurzaming PO/VO",
                        "utility", st["area_id"], st["id"], (2026, 2032), 3, "onderwijs;co2",
                        f"[E] {w:g} W per inwoner (inwoners T1)", acm_priority=3,
                        demand_mw=r3(m["population"] * w / 1e6), profile="business_hours"))
    return pd.DataFrame(rows, columns=[
        "id", "name", "sector", "area_id", "asset_id", "carrier", "quantity", "unit",
        "demand_mw", "feedin_mw", "profile", "start_year", "end_year", "certainty",
        "acm_priority", "policy_goals", "source", "geometry"]), notes


def generated_candidates() -> list[Row]:
    """Extra HV transformers, MV station expansions and neighbourhood batteries [E]: one per
    station, as parameters.toml [generated] says (texts with ``{fields}``)."""
    eur, gen, out = P["costs"]["eur_per_kw"], P["generated"], []

    def add(g: Row, st: Row, capex: float, delta: tuple[float, float], **values: Any) -> None:
        text = {**eur, **st, "short": short(st), "delta": delta[0], **values}
        out.append({**g, "carrier": "electricity", "area_id": st["area_id"],
                    "confidential": False, **values, "capex_meur": capex,
                    **{k: g[k].format(**text) for k in ("id", "name", "source")},
                    "effects": [(st["id"], *delta, None)]})

    for h in HV_STATIONS:
        if h["transformers"] > 0 and h["operator"] == "TenneT" and h["parent_id"]:
            add(gen["hv_transformer"], h, r3(h["mva"] * (eur["mv_hv_trafo"] + eur["hv_net"])
                                             / 1000), (h["mva"], h["mva"]),
                area_id=h["area_id"] or P["province"]["id"])
    g, congested = gen["mv_expansion"], {h["id"] for h in HV_STATIONS if h["congested"]}
    for st in MV_STATIONS:
        if st["id"] not in g["skip"]:
            mw = max(g["min_mw"], round(st["capacity_demand_mw"] * g["share"] / g["step_mw"])
                     * g["step_mw"])
            add(g, st, r3(mw * eur["mv_net"] / 1000), (mw, mw),
                transformers=1 if st["voltage_kv"] >= g["transformer_from_kv"] else 0,
                requires=f"C-HV-{st['parent_id']}" if st["parent_id"] in congested else None,
                confidential=st["confidential"])
    g, mv = gen["neighbourhood_batteries"], {s["id"]: s for s in MV_STATIONS}
    for sid in g["stations"]:
        add(g, mv[sid], r3(g["energy_mwh"] * P["costs"]["battery_eur_per_kwh"]
                           * (1 + g["installation"]) / 1000),
            (g["delta_demand_mw"], g["delta_feedin_mw"]),
            station=mv[sid]["name"].removesuffix(" MS"))
    return out


def projects_tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    c_, known = P["costs"], {p["id"] for p in T["known_projects"]}
    if unknown := {e["project_id"] for e in T["project_effects"]} - known - {
            c["id"] for c in T["candidates"]}:
        raise SystemExit(f"project_effects.csv: unknown projects {sorted(unknown)}")
    effects_of = {pid: [(e["asset_id"], e["delta_demand_mw"], e["delta_feedin_mw"],
                         e["new_parent_id"]) for e in es]
                  for pid, es in group(T["project_effects"], "project_id").items()}
    projects = [{**p, "capex_meur": float(p["capex_meur"]), "capex_low_meur": r3(
        p["capex_meur"] * c_["known_capex_low"]), "capex_high_meur": r3(
        p["capex_meur"] * c_["capex_high"]), "fte_years": float(p["fte_years"]),
        "confidential": False, "source": p["source"] + "; kosten [E]"}
        for p in T["known_projects"]]
    effects = [(e["project_id"], e["asset_id"], float(e["delta_demand_mw"]),
                float(e["delta_feedin_mw"]), e["new_parent_id"]) for e in T["project_effects"]
               if e["project_id"] in known]
    excludes_of: dict[str, set[str]] = {}
    for c in T["candidates"]:
        for other in filter(None, (c["excludes"] or "").split(";")):
            excludes_of.setdefault(c["id"], set()).add(other)
            excludes_of.setdefault(other, set()).add(c["id"])
    for c in [*generated_candidates(), *T["candidates"]]:
        effs, capex = c.get("effects") or effects_of[c["id"]], c["capex_meur"]
        hours, eur = c_["battery_hours"], c_["battery_eur_per_kwh"]
        if c["kind"] == "storage" and capex == 0:  # a grid battery, at its largest effect
            capex = r3(effs[0][2] * hours * eur / 1000 if effs[0][2] else 0)
            capex = max(capex, r3(max(e[1] for e in effs) * hours * eur / 1000))
        if c["kind"] == "heat_network" and capex == 0:  # the homes it connects × €/home
            homes = sum(d["quantity"] or 0 for d in T["named_developments"]
                        if d["id"] in (c.get("homes_from") or "").split(";"))
            capex = r3(homes * c_["heat_eur_per_home"] / 1e6)
        projects.append({**c, "capex_meur": float(capex), "capex_low_meur": r3(
            capex * c_["capex_low"]), "capex_high_meur": r3(capex * c_["capex_high"]),
            "fte_years": r3(capex * c_["fte_per_meur"][c["carrier"]]
                            * c_["fte_factor_kind"].get(c["kind"], 1.0)), "status": "candidate",
            "excludes": ";".join(sorted(excludes_of.get(c["id"], set()))) or None})
        effects += [(c["id"], asset, float(dd), float(df), parent)
                    for asset, dd, df, parent in effs]
    return (pd.DataFrame(projects, columns=[
        "id", "name", "operator", "carrier", "kind", "capex_meur", "capex_low_meur",
        "capex_high_meur", "fte_years", "transformers", "lead_time_years", "build_years",
        "earliest_year", "status", "ip_year", "requires", "excludes", "area_id",
        "spatial_claim_ha", "confidential", "source"]), pd.DataFrame(effects, columns=[
            "project_id", "asset_id", "delta_demand_mw", "delta_feedin_mw", "new_parent_id"]))


def resources_table(projects: pd.DataFrame) -> pd.DataFrame:
    """Per operator and year: the in-IP projects' spending plus the yearly allowance."""
    rows = []
    fixed = projects[projects["status"].isin(["in_ip", "under_construction"])]
    for p in fixed.itertuples(index=False):
        for y in range(int(p.ip_year) - int(p.build_years), int(p.ip_year)):
            rows += [(p.operator, y, c, float(getattr(p, c)) / int(p.build_years))
                     for c in ("capex_meur", "fte_years", "transformers")]
    spend = pd.DataFrame(rows, columns=["operator", "year", "what", "value"]).groupby(
        ["operator", "year", "what"])["value"].sum()
    out = []
    for a in T["resource_allowance"]:
        for y in range(P["resources"]["first_year"], P["resources"]["last_year"] + 1):
            got = {c: float(spend.get((a["operator"], y, c), 0.0))
                   for c in ("capex_meur", "fte_years", "transformers")}
            out.append((y, a["operator"], r3(a["budget_meur"] + got["capex_meur"]),
                        r3(a["fte"] + got["fte_years"]),
                        int(a["transformers"] + math.ceil(got["transformers"]))))
    return pd.DataFrame(out, columns=["year", "operator", "budget_meur", "fte", "transformers"])


def build() -> tuple[Workspace, dict[str, Any]]:
    profiles = build_profiles()
    flh = {name: float(v.sum()) for name, v in profiles.items()}
    developments, notes = developments_table(flh)
    projects, effects = projects_tables()
    first, last = P["scenario_factors"]["first_year"], P["scenario_factors"]["last_year"]
    factors = [(f["scenario"], f["sector"], y, r3(float(np.interp(
        y, [first, *(int(k) for k in f if k.isdigit())],
        [1.0, *(v for k, v in f.items() if k.isdigit())]))))
        for f in T["scenario_factors"] for y in range(first, last + 1)]
    criteria = pd.DataFrame([{**c, "version": CRITERIA["version"], "status": CRITERIA["status"]}
                             for c in CRITERIA["criterion"]], columns=[
        "id", "parent_id", "name", "group", "indicator", "direction", "unit", "value_function",
        "value_points", "weight", "motivation", "basis", "owner", "version", "status"])
    raw = {
        "areas": areas_table(build_geometry()),
        "assets": assets_table(),
        "developments": developments,
        "unit_parameters": pd.DataFrame(T["unit_parameters"]),
        "profiles": pd.concat([pd.DataFrame({"profile_id": name, "hour": np.arange(
            HOURS_PER_YEAR), "value": values}) for name, values in profiles.items()],
            ignore_index=True),
        "projects": projects,
        "project_effects": effects,
        "resources": resources_table(projects),
        "scenarios": pd.DataFrame(T["scenarios"]),
        "scenario_factors": pd.DataFrame(factors, columns=["scenario_id", "sector", "year",
                                                           "factor"]),
        "scenario_parameters": pd.DataFrame(T["scenario_parameters"]),
        "criteria": criteria,
    }
    workspace, problems = Workspace.from_raw({k: v.apply(lambda s: pd.Series(column_text(
        s.to_numpy(dtype=object)), index=s.index)) for k, v in raw.items()})
    if problems:
        raise SystemExit("\n".join(p.message("en") for p in problems))
    notes["flh"] = flh
    return workspace, notes


def share(start: np.ndarray, end: np.ndarray, year: int) -> np.ndarray:
    return np.clip((year - start + 1) / (end - start + 1), 0.0, 1.0)


def station_loads(ws: Workspace, years: Sequence[int], with_projects: bool = False
                  ) -> pd.DataFrame:
    """Per asset and year: the simple sum of demand and the hourly netted peaks.

    A small version of the load engine (DESIGN.md): linear phasing, no scenario factors, one
    matrix product per year, loads aggregated up the ``parent_id`` tree. With
    ``with_projects`` the projects that are done, under construction or in an investment plan
    count from their ``ip_year`` (added capacity and re-parenting); otherwise today's tree.
    """
    dev, assets, size = ws.developments, ws.assets, developed_mw(ws)
    up = ws.unit_parameters.drop_duplicates(["sector", "carrier", "unit"]).set_index(
        ["sector", "carrier", "unit"])["profile"]
    names = sorted(ws.profiles["profile_id"].unique())
    matrix = np.vstack([ws.profiles[ws.profiles["profile_id"] == n].sort_values("hour")
                        ["value"].to_numpy() for n in names])
    k_of = [names.index(p if isinstance(p, str) else up[(s, c, u)]) for p, s, c, u in
            zip(dev["profile"], dev["sector"], dev["carrier"], dev["unit"], strict=True)]
    ids = list(assets["id"])
    pos = {a: i for i, a in enumerate(ids)}
    fixed = ws.projects[ws.projects["status"].isin(["done", "under_construction", "in_ip"])]
    ip_year = dict(zip(fixed["id"], fixed["ip_year"], strict=True))
    effects = ws.project_effects[ws.project_effects["project_id"].isin(ip_year)]
    start, end = dev["start_year"].to_numpy(dtype=float), dev["end_year"].to_numpy(dtype=float)
    dem, feed = size["demand_mw"].to_numpy(), size["feedin_mw"].to_numpy()
    rows = []
    for year in years:
        parent = dict(zip(assets["id"], assets["parent_id"], strict=True))
        cap = assets.set_index("id")[["capacity_demand_mw", "capacity_feedin_mw"]].copy()
        live = effects[effects["project_id"].map(ip_year) <= year] if with_projects else []
        for e in live.itertuples(index=False) if with_projects else []:
            cap.loc[e.asset_id, "capacity_demand_mw"] += e.delta_demand_mw
            cap.loc[e.asset_id, "capacity_feedin_mw"] += e.delta_feedin_mw
            if isinstance(e.new_parent_id, str):
                parent[e.asset_id] = e.new_parent_id
        phased = share(start, end, year)
        a_net, a_sum = np.zeros((len(ids), len(names))), np.zeros(len(ids))
        for i, node in enumerate(dev["asset_id"]):
            while isinstance(node, str) and node in pos:
                a_net[pos[node], k_of[i]] += (dem[i] - feed[i]) * phased[i]
                a_sum[pos[node]] += dem[i] * phased[i]
                node = parent.get(node)
        load = a_net @ matrix
        rows += [(a, year, a_sum[i], max(load[i].max(), 0.0), max(-load[i].min(), 0.0),
                  float(cap.at[a, "capacity_demand_mw"]), float(cap.at[a, "capacity_feedin_mw"]))
                 for i, a in enumerate(ids)]
    return pd.DataFrame(rows, columns=["asset", "year", "sum_demand_mw", "peak_demand_mw",
                                       "peak_feedin_mw", "capacity_demand_mw",
                                       "capacity_feedin_mw"])


def checks(ws: Workspace, notes: dict[str, Any]) -> list[str]:
    """The figures the dataset must reproduce; returns lines to print (raises on failure)."""
    dev, areas = ws.developments, ws.areas.set_index("id")
    by_2030 = dev["quantity"].fillna(0) * share(dev["start_year"].to_numpy(dtype=float),
                                                dev["end_year"].to_numpy(dtype=float), 2030)
    homes = dev["unit"] == "homes"
    assert (dev.loc[homes, "sector"] == "housing").all()  # heat connections use 'connections'
    homes_2030 = float(by_2030[homes & (dev["start_year"] <= 2030)].sum())
    target = sum(P["housing"]["to_2030"].values())
    lines = [f"homes (unit homes, start ≤ 2030) realised by 2030: {homes_2030:,.0f} "
             f"(target {target:,})"]
    assert abs(homes_2030 - target) <= 0.02 * target
    region = dict(zip(ws.areas["id"], ws.areas["parent_id"], strict=True))

    def region_of(area: str) -> str:
        while area in region and not str(area).startswith("RES-"):
            area = region[area]
        return area

    res = dev["policy_goals"].fillna("").str.split(";").apply(lambda g: "res" in g)
    gwh = by_2030 * np.where(dev["sector"] == "wind", FLH_WIND, FLH_SOLAR) / 1000
    by_region = gwh[res].groupby(dev["area_id"][res].map(region_of).to_numpy()).sum()
    for reg, d in notes["res"].items():
        got = float(by_region.get(reg, 0.0))
        lines.append(f"RES generation 2030 {reg}: {got:,.1f} GWh (target {d['target_gwh']:,.1f})")
        assert abs(got - d["target_gwh"]) <= 0.02 * d["target_gwh"]
    cp, city, goal = (dev["unit"] == "charge_points", P["charge_points"]["city"],
                      P["charge_points"]["city_goal_2030"])
    cp_2030 = float(by_2030[cp].sum())
    in_city = float(by_2030[cp & dev["area_id"].map(lambda a: city in (a, region.get(a)))].sum())
    lines.append(f"new charge points by 2030: {cp_2030:,.0f} (scaled "
                 f"{notes['charge_points_2030']:,.0f}); {MUNI[city]['name']} city "
                 f"{in_city:,.0f} (≥{goal:,})")
    assert abs(cp_2030 - notes["charge_points_2030"]) <= 2 and in_city >= goal
    for m in [*MUNICIPALITIES, {**P["province"], "cbs": P["province"]["id"]}]:
        assert int(areas.at[m["cbs"], "population"]) == m["population"]
        assert int(areas.at[m["cbs"], "dwellings"]) == m["dwellings"]
    n_el = int((ws.assets["carrier"] == "electricity").sum())
    lines += ["population and dwellings: exact per T1 (26 municipalities, province)",
              f"developments {len(dev)}, electricity assets {n_el}, projects "
              f"{len(ws.projects)}, project effects {len(ws.project_effects)}"]
    assert len(dev) >= 400 and n_el >= 30 and len(ws.projects) >= 120
    assert set(ws.projects["id"]) <= set(ws.project_effects["project_id"])
    # every municipality has an MV station of its own
    assert set(ws.assets.loc[ws.assets["kind"] == "mv_station", "area_id"]) >= set(MUNI)
    need = ws.projects[ws.projects["status"] == "candidate"].groupby("operator")
    fixed = ws.projects[ws.projects["status"].isin(["in_ip", "under_construction"])].groupby(
        "operator")
    have = ws.resources.groupby("operator")
    capex, budget = need["capex_meur"].sum(), have["budget_meur"].sum()
    lines += [f"  {op}: candidate capex {capex[op]:,.0f} M€, in-IP "
              f"{fixed['capex_meur'].sum().get(op, 0):,.0f} M€, budget 2026-2040 "
              f"{budget.get(op, 0):,.0f} M€" for op in capex.index]
    assert capex.sum() + fixed["capex_meur"].sum().sum() > budget.sum()
    fte, trafos = fixed["fte_years"].sum(), fixed["transformers"].sum()
    lines += [f"  {op}: fte-years candidates {need['fte_years'].sum()[op]:,.0f} + in-IP "
              f"{fte.get(op, 0):,.0f} vs {have['fte'].sum()[op]:,.0f} available; "
              f"transformers {need['transformers'].sum()[op]} + {trafos.get(op, 0)} vs "
              f"{have['transformers'].sum()[op]}" for op in ("TenneT", "Stedin")]
    return lines


def peak_report(ws: Workspace) -> tuple[list[str], dict[Any, Any]]:
    """Station peaks versus capacity, without and with the in-IP projects."""
    years = P["report"]["years"]
    bare = station_loads(ws, years)
    both = bare.merge(station_loads(ws, years, with_projects=True), on=["asset", "year"],
                      suffixes=("", "_ip"))
    lines = ["HV stations: simple sum of demand (no diversity beyond the unit parameters), "
             "hourly netted peak, capacity and shortage [MW]; 'IP' = with the projects "
             "in investment plans from their ip_year.",
             "asset     year   sum  peak   cap short |  IPcap IPpeak IPshort | feedin  cap"]
    hv = set(ws.assets.loc[ws.assets["kind"] == "hv_station", "id"])
    for r in both[both["asset"].isin(hv)].itertuples(index=False):
        if r.capacity_demand_mw_ip == 0 and r.peak_demand_mw_ip == 0 and r.peak_demand_mw == 0:
            continue
        lines.append(
            f"{r.asset:9s} {r.year} {r.sum_demand_mw:5.0f} {r.peak_demand_mw:5.0f} "
            f"{r.capacity_demand_mw:5.0f} {max(0, r.peak_demand_mw - r.capacity_demand_mw):5.0f}"
            f" | {r.capacity_demand_mw_ip:6.0f} {r.peak_demand_mw_ip:6.0f} "
            f"{max(0, r.peak_demand_mw_ip - r.capacity_demand_mw_ip):7.0f} | "
            f"{r.peak_feedin_mw:6.0f} {r.capacity_feedin_mw:4.0f}")
    summary: dict[Any, Any] = {"table": both}
    for name, members in P["report"]["shortfall_groups"].items():
        for year in years:
            sub = both[both["asset"].isin(members) & (both["year"] == year)]
            row = {key: float((sub[load] - sub[f"capacity_demand_mw{ip}"]).clip(lower=0).sum())
                   for key, load, ip in (("sum", "sum_demand_mw", ""),
                                         ("peak", "peak_demand_mw", ""),
                                         ("ip", "peak_demand_mw_ip", "_ip"))}
            summary[(name, year)] = row
            lines.append(f"{name:10s} {year}: capacity {sub['capacity_demand_mw'].sum():4.0f}, "
                         f"simple sum {sub['sum_demand_mw'].sum():4.0f} (short "
                         f"{row['sum']:4.0f}), netted peak {sub['peak_demand_mw'].sum():4.0f} "
                         f"(short {row['peak']:4.0f}), short with IP projects {row['ip']:4.0f}")
    for kind in ("mv_station", "heat_network", "pipeline"):
        of_kind = set(ws.assets.loc[ws.assets["kind"] == kind, "id"])
        sub = bare[bare["asset"].isin(of_kind) & (bare["year"] == 2029)]
        over_d = int((sub["peak_demand_mw"] > sub["capacity_demand_mw"] + 1e-9).sum())
        over_f = int((sub["peak_feedin_mw"] > sub["capacity_feedin_mw"] + 1e-9).sum())
        lines.append(f"{kind}: {over_d} of {len(sub)} over demand capacity and {over_f} over "
                     "feed-in capacity in 2029 (no projects)")
    return lines, summary


def md_rows(rows: Iterable[Iterable[object]]) -> str:
    """Rows of a Markdown table (its header is in the template)."""
    return "\n".join("| " + " | ".join(str(c) for c in row) + " |" for row in rows)


def sources_md(ws: Workspace, notes: dict[str, Any]) -> str:
    """SOURCES.md: ``SOURCES.template.md`` with its fields filled."""
    _, summary = peak_report(ws)
    flh, t23 = notes["flh"], summary["table"][summary["table"]["year"] == 2023].set_index("asset")
    groups = ws.developments["id"].str.extract(r"^([A-Z0-9]+)", expand=False).value_counts()
    to_2030, (_, after) = notes["homes_to_2030"], municipal_homes()
    households = sum(b["households"] for b in T["baseline"])
    part = next(t for t in T["res_targets"] if t["target_gwh"] is None)
    years, shortfall_groups = P["report"]["years"], P["report"]["shortfall_groups"]
    fields = {
        "seed": SEED, "households": households,
        "households_mw": households * 1000 / flh["household"],
        "households_kw": households * 1e6 / flh["household"] / P["province"]["dwellings"],
        "dwelling_share": P["province"]["dwellings"] / P["charge_points"]["nl_dwellings_2023"],
        "charge_points": notes["charge_points_2030"],
        "city_charge_points": notes["charge_points_by_municipality"][P["charge_points"]["city"]],
        "foodvalley_households": sum(BASE[m["cbs"]]["households"] for m in MUNICIPALITIES
                                     if m["res_region"] == part["region"]),
        "foodvalley_all_households": part["whole_region_households_gwh"],
        "development_groups": ", ".join(f"`{k}` {v}" for k, v in groups.sort_index().items()),
        "tables": md_rows((n, len(f)) for n, f in ws.items() if len(f)),
        "hotspots": md_rows((h["id"], h["name"], MUNI[h["municipality"]]["name"],
                             h["radius_km"], h["source"]) for h in T["hotspots"]),
        "hv_stations": md_rows((
            h["id"], h["name"], f"{h['transformers']} × {h['mva']:g}",
            f"{h['capacity_demand_mw']:g}", f"{h['capacity_feedin_mw']:g}",
            f"{t23.at[h['id'], 'peak_demand_mw']:.0f}", f"{t23.at[h['id'], 'peak_feedin_mw']:.0f}",
            f"{h['lat']:g}, {h['lon']:g}", h["location_source"])
            for h in HV_STATIONS if h["transformers"] != 0),
        "other_assets": md_rows((o["id"], o["name"], o["operator"], o["source"])
                                for o in T["other_assets"] if o["kind"] != "hv_station"),
        "baseline_hours": md_rows([
            *((s["label"], s["sector"], s["profile"], f"{flh[s['profile']]:,.0f}")
              for s in T["baseline_sectors"]),
            ("district heat (households)", "heat_network", "space_heat",
             f"{flh['space_heat']:,.0f}")]),
        "homes": md_rows([*((MUNI[c]["name"], f"{to_2030[c]:,}", f"{after[c]:,}") for c in MUNI),
                          ("**total**", f"{sum(to_2030.values()):,}",
                           f"{sum(after.values()):,}")]),
        "res_targets": md_rows((
            r, f"{d['target_gwh']:,.1f}", f"{d['wind_share']:.0%}",
            f"{d['existing_fields_mwp']:g}", f"{d['existing_wind_mw']:g}",
            f"{d['new_solar_mwp']:,.1f}", f"{d['new_wind_mw']:,.1f}", d["source"])
            for r, d in notes["res"].items()),
        "unit_parameters": md_rows(u.values() for u in T["unit_parameters"]),
        "profiles": md_rows((n, f"{flh[n]:,.0f}", PROFILES["notes"][n]) for n in flh),
        "resources": md_rows(a.values() for a in T["resource_allowance"]),
        "checks": "\n".join(checks(ws, notes)),
        "shortfall": md_rows((y, f"{u['sum'] + a['sum']:.0f}", f"{u['peak'] + a['peak']:.0f}",
                              f"{u['ip'] + a['ip']:.0f}", f"{u['peak']:.0f} / {a['peak']:.0f}")
                             for y in years for u, a in [[summary[(g, y)]
                                                          for g in shortfall_groups]]),
    }
    template = (DATA / "SOURCES.template.md").read_text(encoding="utf-8")
    return re.sub(r"\A<!--.*?-->\n", "", template, flags=re.S).format(p=P, **fields)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="print checks and station peaks")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    workspace, notes = build()
    write_workspace(workspace, args.out, overwrite=True)
    (args.out / "SOURCES.md").write_text(sources_md(workspace, notes), encoding="utf-8")
    result = read_workspace(args.out)
    if not result.ok or result.problems:
        raise SystemExit("\n".join(p.message("en") for p in result.problems))
    print(f"wrote {args.out}")
    if args.check:
        print("\n".join(checks(result.workspace, notes) + peak_report(result.workspace)[0]))


if __name__ == "__main__":
    main()
