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
are comments, an empty cell is "none"; a cell reads as a Python literal would: ``12`` an
integer, ``12.0`` a float, ``true``/``false`` a boolean, anything else text), the scalar
parameters are in ``parameters.toml``, the profile shapes in ``profiles.toml``, the
criteria in ``criteria.toml``, and the prose of SOURCES.md in ``SOURCES.template.md``
(``${name}`` is filled by :func:`sources_md`). To change the dataset, edit those files and
run ``python scripts/build_utrecht.py --check`` (``make data``); this script holds only the
methods. The reference notes are ../shared/reference/utrecht-facts.md (tables T1-T12) and
dutch-practice.md. Geometry is schematic: Voronoi cells around the municipal centres,
clipped to a hand-drawn outline of the province.

Run ``python scripts/build_utrecht.py`` (add ``--check`` to print the checks and the station
peaks, ``--out DIR`` to write elsewhere). The output is deterministic: no network, fixed
random seed.
"""

from __future__ import annotations

import argparse
import csv
import math
import re
import string
import tomllib
from collections.abc import Callable, Sequence
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
_INT = re.compile(r"[+-]?\d+")
_FLOAT = re.compile(r"[+-]?(\d+\.\d*|\.\d+)([eE][+-]?\d+)?|[+-]?\d+[eE][+-]?\d+")


def cell(text: str) -> Any:
    """A CSV cell as a Python literal reads: int, float, bool or text; empty is ``None``."""
    if text == "":
        return None
    if text in ("true", "false"):
        return text == "true"
    if _INT.fullmatch(text):
        return int(text)
    return float(text) if _FLOAT.fullmatch(text) else text


def table(name: str) -> list[Row]:
    """The rows of ``scripts/utrecht/<name>.csv`` (``#`` lines are comments)."""
    with (DATA / f"{name}.csv").open(encoding="utf-8", newline="") as file:
        lines = [line for line in file if not line.startswith("#")]
    out = []
    for row in csv.DictReader(lines):
        if None in row or None in row.values():
            raise SystemExit(f"{name}.csv: row {row} does not match the header")
        out.append({k: cell(v) for k, v in row.items()})
    return out


def toml(name: str) -> dict[str, Any]:
    return tomllib.loads((DATA / f"{name}.toml").read_text(encoding="utf-8"))


P = toml("parameters")
PROFILE_DATA = toml("profiles")
FLH_SOLAR, FLH_WIND = P["full_load_hours"]["solar"], P["full_load_hours"]["wind"]
MUNICIPALITIES, REGIONS, HOTSPOTS = table("municipalities"), table("regions"), table("hotspots")
BASE = {b["cbs"]: b for b in table("baseline")}
HV_STATIONS, MV_STATIONS = table("hv_stations"), table("mv_stations")
NAMED_DEVELOPMENTS = table("named_developments")
TRANCHES: dict[str, list[Row]] = {}
for _t in table("tranches"):
    TRANCHES.setdefault(_t["programme"], []).append(_t)
KNOWN_PROJECTS, CANDIDATES = table("known_projects"), table("candidates")
EFFECTS = table("project_effects")
MUNI = {m["cbs"]: m for m in MUNICIPALITIES}
REGION_OF = {m["cbs"]: m["res_region"] for m in MUNICIPALITIES}
STATIONS_OF: dict[str, list[Row]] = {}
for _st in MV_STATIONS:
    STATIONS_OF.setdefault(_st["municipality"], []).append(_st)

# =============================================================================================
# Schematic geometry (RD New, EPSG:28992)
# =============================================================================================

_TO_RD = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:28992", always_xy=True)


def rd(lat: float, lon: float) -> tuple[float, float]:
    """WGS84 → RD New, rounded to whole metres."""
    x, y = _TO_RD.transform(lon, lat)
    return float(round(x)), float(round(y))


def point(lat: float, lon: float) -> Point:
    return Point(*rd(lat, lon))


def build_geometry() -> tuple[Polygon, dict[str, shapely.Geometry]]:
    """The outline and a polygon per municipality, region and hotspot."""
    outline = Polygon([(r["x"], r["y"]) for r in table("outline")])
    seeds = [(m["cbs"], point(m["lat"], m["lon"])) for m in MUNICIPALITIES]
    seeds += [(h["municipality"], point(h["lat"], h["lon"])) for h in HOTSPOTS]
    for owner, seed in seeds:
        if not outline.contains(seed):
            raise SystemExit(f"seed of {owner} lies outside the outline")
    cells = shapely.voronoi_polygons(MultiPoint([s for _, s in seeds]), extend_to=outline,
                                     ordered=True)
    by_owner: dict[str, list[shapely.Geometry]] = {}
    for (owner, _), cell_ in zip(seeds, cells.geoms, strict=True):
        by_owner.setdefault(owner, []).append(
            shapely.set_precision(cell_.intersection(outline), 1.0))
    shapes: dict[str, shapely.Geometry] = {
        owner: shapely.union_all(parts, grid_size=1.0) for owner, parts in by_owner.items()}
    for region in REGIONS:
        members = [shapes[m] for m, r in REGION_OF.items() if r == region["id"]]
        shapes[region["id"]] = shapely.union_all(members, grid_size=1.0)
    for h in HOTSPOTS:
        circle = point(h["lat"], h["lon"]).buffer(h["radius_km"] * 1000, quad_segs=8)
        shapes[h["id"]] = shapely.set_precision(circle.intersection(shapes[h["municipality"]]),
                                                1.0)
    for key, shape in shapes.items():
        if not shape.is_valid or shape.is_empty:
            raise SystemExit(f"bad schematic geometry for {key}")
    return outline, shapes


# =============================================================================================
# Profiles: 8760 synthetic hours, hour 0 = 1 January 00:00 local standard time (CET, no
# daylight saving), a non-leap year that starts on a Monday. Each is divided by its maximum.
# =============================================================================================


def _ar1(rng: np.random.Generator, n: int, phi: float, sd: float) -> np.ndarray:
    shocks = rng.normal(0.0, sd, n)
    out = np.empty(n)
    out[0] = shocks[0] / math.sqrt(1 - phi**2)
    for i in range(1, n):
        out[i] = phi * out[i - 1] + shocks[i]
    return out


def _bisect(f: Callable[[float], float], lo: float, hi: float, target: float,
            steps: int = 60) -> float:
    """The x in [lo, hi] with f(x) = target, f increasing."""
    for _ in range(steps):
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if f(mid) < target else (lo, mid)
    return 0.5 * (lo + hi)


def build_profiles() -> dict[str, np.ndarray]:
    """The named hourly shapes, unnormalised."""
    rng = np.random.default_rng(SEED)
    hour = np.arange(HOURS_PER_YEAR)
    day = hour // 24
    hod = hour % 24
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
    space_heat = space + water
    cop = np.clip(3.2 + 0.09 * temp, 2.0, 5.0)  # air-water heat pump, COP falls with T
    heat_pump = space / cop + water / 2.8

    # Households: the hourly shape of profiles.toml, winter evenings higher (lighting).
    shape = np.array(PROFILE_DATA["hourly"]["household"])
    late = np.roll(shape, 1)  # weekends: mornings an hour later
    household = (np.where(weekend, late[hod], shape[hod]) * (0.70 + 0.30 * winter)
                 + 0.15 * winter * ((hod >= 16) & (hod <= 20))
                 + rng.normal(0.0, 0.01, HOURS_PER_YEAR))

    # All-electric new-build: appliances ~0.8 kW + heat pump ~1.2 kW at the peak (T12).
    allelectric = 0.4 * household / household.max() + 0.6 * heat_pump / heat_pump.max()

    # Evening charging, lower at weekends, slightly higher in winter.
    ev = np.array(PROFILE_DATA["hourly"]["ev_evening"])
    ev_evening = ev[hod] * np.where(weekend, 0.85, 1.0) * (0.92 + 0.08 * winter)

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
    solar_time = hod + 0.5 + (PROFILE_DATA["longitude"] - 15.0) / 15.0 + eot / 60.0
    omega = np.radians(15.0 * (solar_time - 12.0))
    phi = np.radians(PROFILE_DATA["latitude"])
    sin_el = np.sin(phi) * np.sin(decl) + np.cos(phi) * np.cos(decl) * np.cos(omega)
    clear_sky = np.clip(sin_el, 0.0, None)
    daily = _ar1(rng, 365, 0.6, 0.18)[day]
    hourly = rng.normal(0.0, 0.08, HOURS_PER_YEAR)

    def solar_for(mean: float) -> np.ndarray:
        clearness = np.clip(mean - 0.15 * winter + daily + hourly, 0.05, 1.0)
        return clear_sky * clearness

    # Tune the mean clearness so that feed-in = 0.7 × MWp × profile yields 900 h (T12).
    target = FLH_SOLAR / 0.7
    mean = _bisect(lambda m: float((solar_for(m) / solar_for(m).max()).sum()), 0.2, 1.2, target)
    solar = solar_for(mean)

    # Wind: Rayleigh-distributed speed from two autocorrelated Gaussian components (hourly
    # persistence), stronger in winter; a cubic power curve (cut-in 3, rated 12, cut-out
    # 25 m/s). The speed scale is tuned so that MW × profile yields 2,756 h (T12).
    gx = _ar1(rng, HOURS_PER_YEAR, 0.97, math.sqrt(1 - 0.97**2))
    gy = _ar1(rng, HOURS_PER_YEAR, 0.97, math.sqrt(1 - 0.97**2))
    magnitude = np.sqrt(gx**2 + gy**2) / math.sqrt(2) * (0.8 + 0.4 * winter)

    def wind_for(scale: float) -> np.ndarray:
        v = scale * magnitude
        power = np.clip((v**3 - 27.0) / (12.0**3 - 27.0), 0.0, 1.0)
        return np.where(v > 25.0, 0.0, power)

    scale = _bisect(lambda s: float(wind_for(s).sum()), 2.0, 15.0, FLH_WIND)
    return {"household": household, "heat_pump": heat_pump,
            "housing_allelectric": allelectric, "space_heat": space_heat,
            "ev_evening": ev_evening, "business_hours": business_hours, "flat": flat,
            "solar": solar, "wind": wind_for(scale)}


def normalise(shapes: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Divide by the maximum, then round to 6 decimals (the maximum stays exactly 1)."""
    out = {}
    for name, values in shapes.items():
        v = np.round(np.clip(values, 0.0, None) / values.max(), 6)
        if v.max() != 1.0:
            raise SystemExit(f"profile {name} is not normalised")
        out[name] = v
    return out


# =============================================================================================
# Helpers
# =============================================================================================


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


def wkt_point(lat: float | None, lon: float | None) -> str | None:
    if lat is None or lon is None:
        return None
    x, y = rd(lat, lon)
    return f"POINT ({x:.0f} {y:.0f})"


def as_text(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.apply(lambda s: pd.Series(column_text(s.to_numpy(dtype=object)), index=s.index))


def short(station_id: str) -> str:
    return station_id.removeprefix("MS-")


def of(station: Row, among: Sequence[Row]) -> str:
    """`` (station name)`` when a municipality has more than one station, else nothing."""
    return "" if len(among) == 1 else f" ({station['name']})"


def span(programme: str) -> tuple[int, int]:
    return (min(t["first_year"] for t in TRANCHES[programme]),
            max(t["last_year"] for t in TRANCHES[programme]))


# =============================================================================================
# Table builders
# =============================================================================================


def areas_table(outline: Polygon, shapes: dict[str, shapely.Geometry]) -> pd.DataFrame:
    prov = P["province"]
    rows: list[tuple[Any, ...]] = [
        (prov["id"], prov["name"], "province", None, prov["population"], prov["dwellings"],
         outline)]
    for r in REGIONS:
        members = [m for m in MUNICIPALITIES if m["res_region"] == r["id"]]
        rows.append((r["id"], r["name"], "region", prov["id"],
                     sum(m["population"] for m in members), sum(m["dwellings"] for m in members),
                     shapes[r["id"]]))
    rows += [(m["cbs"], m["name"], "municipality", m["res_region"], m["population"],
              m["dwellings"], shapes[m["cbs"]]) for m in MUNICIPALITIES]
    rows += [(h["id"], h["name"], "hotspot", h["municipality"], None, None, shapes[h["id"]])
             for h in HOTSPOTS]
    frame = pd.DataFrame(rows, columns=["id", "name", "kind", "parent_id", "population",
                                        "dwellings", "geometry"])
    # Marks the geometry as schematic in the data itself; maps show a notice for it.
    frame["geometry_source"] = np.where(frame["kind"] == "hotspot",
                                        P["geometry_source"]["hotspot"],
                                        P["geometry_source"]["other"])
    return frame


def assets_table() -> pd.DataFrame:
    rows: list[tuple[Any, ...]] = []
    for h in HV_STATIONS:
        if (h["demand_mw"] > (h["transformers"] - 1) * h["mva"]
                or h["feedin_mw"] > h["transformers"] * h["mva"]):
            raise SystemExit(f"{h['id']}: capacity above the transformer capacity")
        rows.append({**h, "carrier": "electricity", "kind": "hv_station", "confidential": False})
    rows += [{**s, "carrier": "electricity", "kind": "mv_station", "operator": "Stedin"}
             for s in MV_STATIONS]
    rows += table("other_assets")
    return pd.DataFrame([(
        r["id"], r["name"], r["carrier"], r["kind"], r["operator"], r["kv"], r["parent"],
        r["area"], r["demand_mw"], r["feedin_mw"], r.get("storage_mwh"),
        wkt_point(r["lat"], r["lon"]), r["confidential"]) for r in rows], columns=[
        "id", "name", "carrier", "kind", "operator", "voltage_kv", "parent_id", "area_id",
        "capacity_demand_mw", "capacity_feedin_mw", "storage_energy_mwh", "geometry",
        "confidential"])


DEV_COLUMNS = ["id", "name", "sector", "area_id", "asset_id", "carrier", "quantity", "unit",
               "demand_mw", "feedin_mw", "profile", "start_year", "end_year", "certainty",
               "acm_priority", "policy_goals", "source", "geometry"]
NAMED_COLUMNS = ["id", "name", "sector", "area", "asset", "carrier", "quantity", "unit",
                 "demand_mw", "feedin_mw", "profile", "first_year", "last_year", "certainty",
                 "acm_priority", "policy_goals", "source"]


def municipal_homes() -> tuple[dict[str, int], dict[str, int]]:
    """Homes to 2030 and after 2030 per municipality (pro rata 2023 dwellings)."""
    to_2030: dict[str, int] = {}
    for regions, total in P["housing"]["to_2030"].items():
        group = [m for m in MUNICIPALITIES if m["res_region"] in regions.split("+")]
        to_2030.update(zip([m["cbs"] for m in group],
                           split_int(total, [m["dwellings"] for m in group]), strict=True))
    after = dict(zip(MUNI, split_int(P["housing"]["after_2030"],
                                     [m["dwellings"] for m in MUNICIPALITIES]), strict=True))
    return to_2030, after


def site_homes_by(year_from: int, year_to: int, site: Row) -> int:
    """Homes of a large site realised from ``year_from`` to ``year_to`` (linear phasing)."""
    first, last = site["first_year"], site["last_year"]
    inside = max(0, min(year_to, last) - max(year_from, first) + 1)
    return round(site["homes"] * inside / (last - first + 1))


def res_rows() -> tuple[list[tuple[Any, ...]], dict[str, dict[str, float]]]:
    """New RES solar and wind developments, and the derived MW per region."""
    rows: list[tuple[Any, ...]] = []
    derived: dict[str, dict[str, float]] = {}
    wind_parks = table("wind_parks")
    for t in table("res_targets"):
        region, source = t["region"], t["source"]
        members = [m for m in MUNICIPALITIES if m["res_region"] == region]
        target = t["target_gwh"]
        if target is None:  # a region partly in the province: its share of households [D]
            target = (t["whole_region_target_gwh"] * sum(BASE[m["cbs"]]["households"]
                      for m in members) / t["whole_region_households_gwh"])
        fields_now = sum(BASE[m["cbs"]]["pv_fields_mwp"] for m in members)
        wind_now = sum(BASE[m["cbs"]]["wind_mw"] for m in members)
        wind_gwh = target * t["wind_share"]
        solar_gwh = target - wind_gwh
        new_wind_mw = max(0.0, wind_gwh - wind_now * FLH_WIND / 1000) * 1000 / FLH_WIND
        new_solar_mwp = max(0.0, solar_gwh - fields_now * FLH_SOLAR / 1000) * 1000 / FLH_SOLAR
        derived[region] = {"target_gwh": target, "existing_fields_mwp": fields_now,
                           "existing_wind_mw": wind_now, "new_wind_mw": new_wind_mw,
                           "new_solar_mwp": new_solar_mwp, "wind_share": t["wind_share"],
                           "source": source}
        # Solar: fields pro rata land area (municipalities with solar fields), large roofs pro
        # rata services electricity [E].
        fields = new_solar_mwp * t["field_share"]
        roofs = new_solar_mwp - fields
        land = sum(m["land_km2"] for m in members if m["solar_fields"])
        serv = sum(BASE[m["cbs"]]["services"] for m in members)
        for m in members:
            stations = STATIONS_OF[m["cbs"]]
            field_station = next((s for s in stations if s["fields"]), stations[0])
            roof_mwp = roofs * BASE[m["cbs"]]["services"] / serv
            parts = [(f"RES-ZV-{m['cbs']}", f"Zonnevelden {m['name']}", field_station,
                      fields * m["land_km2"] / land if m["solar_fields"] else 0.0)]
            parts += [(f"RES-ZD-{short(st['id'])}", f"Zon op grote daken {m['name']}"
                       + of(st, stations), st, roof_mwp * st["bus"] / sum(x["bus"] for x in
                                                                        stations))
                      for st in stations]
            for code, label, st, mwp in parts:
                if mwp <= 0:
                    continue
                for tr in TRANCHES["res_solar"]:
                    first, last = tr["first_year"], tr["last_year"]
                    rows.append((f"{code}-{tr['suffix']}", f"{label} {first}-{last}", "solar",
                                 st["area"], st["id"], "electricity", r3(mwp * tr["share"]),
                                 "MWp", None, None, None, first, last, tr["certainty"], 0,
                                 "res;co2", source, None))
        for w in wind_parks:
            if REGION_OF[w["municipality"]] == region:
                rows.append((w["id"], w["name"], "wind", w["area"], w["asset"], "electricity",
                             r3(new_wind_mw * w["share"]), "MW", None, None, None,
                             w["first_year"], w["last_year"], w["certainty"], 0, "res;co2",
                             source, None))
    return rows, derived


def developments_table(profile_flh: dict[str, float]) -> tuple[pd.DataFrame, dict[str, Any]]:
    rows: list[tuple[Any, ...]] = []
    notes: dict[str, Any] = {}
    etm, sectors = P["etm_source"], table("baseline_sectors")
    # (1) existing 2023 load and generation per MV station
    for m in MUNICIPALITIES:
        cbs, name, base, stations = m["cbs"], m["name"], BASE[m["cbs"]], STATIONS_OF[m["cbs"]]
        for st in stations:
            sid, area, res = st["id"], st["area"], st["res"]
            for s in sectors:
                gwh = base[s["column"]] * (res if s["share"] == "res" else st["bus"])
                if gwh <= 0:
                    continue
                flh = profile_flh[s["profile"]]
                rows.append((f"B23-{short(sid)}-{s['code']}", f"Bestaand 2023: {s['label']} "
                             f"{name}{of(st, stations)}", s["sector"], area, sid, "electricity",
                             None, None, r3(gwh * 1000 / flh), None, s["profile"], 2023, 2023,
                             5, 0, "bestaand", f"{etm}: {gwh:.4g} GWh/jaar ÷ {flh:.0f} "
                             f"vollasturen van profiel {s['profile']} [D/E]", None))
            if base["rooftop_pv_mwp"] * res > 0:
                rows.append((f"B23-{short(sid)}-PVD", f"Bestaand 2023: zon op dak {name}"
                             + of(st, stations), "solar", area, sid, "electricity",
                             r3(base["rooftop_pv_mwp"] * res), "MWp", None, None, None, 2023,
                             2023, 5, 0, "bestaand", f"{etm}: dak-pv "
                             f"{base['rooftop_pv_mwp'] * res:.4g} MWp (T2) [S; D: naar "
                             "aandeel van het station]", None))
            for key, code, label, unit in (("pv_fields_mwp", "PVV", "zonnevelden", "MWp"),
                                           ("wind_mw", "WND", "wind", "MW")):
                if st["fields"] and base[key] > 0:
                    rows.append((f"B23-{short(sid)}-{code}", f"Bestaand 2023: {label} {name}",
                                 "solar" if code == "PVV" else "wind", area, sid,
                                 "electricity", float(base[key]), unit, None, None, None, 2023,
                                 2023, 5, 0, "bestaand;res", f"{etm}: {label} {base[key]:g} "
                                 f"{unit} (T2{'; ondergrens' if code == 'WND' else ''}) [S]",
                                 None))
        if base["heat_asset"] and base["district_heat_gwh"] > 0:
            flh = profile_flh["space_heat"]
            rows.append((f"B23-{cbs}-WN", f"Bestaand 2023: stadswarmte huishoudens {name}",
                         "heat_network", cbs, base["heat_asset"], "heat", None, None,
                         r3(base["district_heat_gwh"] * 1000 / flh), None, "space_heat", 2023,
                         2023, 5, 0, "bestaand", f"{etm}: {base['district_heat_gwh']:g} "
                         f"GWh/jaar ÷ {flh:.0f} vollasturen [D/E]", None))

    # (2) housing: the woondeals and the large sites within them
    to_2030, after = municipal_homes()
    notes["homes_to_2030"] = dict(to_2030)
    sites = table("housing_sites")
    for site in sites:
        to_2030[site["municipality"]] -= site_homes_by(*span("housing"), site)
        after[site["municipality"]] -= site_homes_by(*span("housing_after_2030"), site)
    woondeal = {r["id"]: r["woondeal"] for r in REGIONS}
    for m in MUNICIPALITIES:
        stations = [s for s in STATIONS_OF[m["cbs"]] if s["res"] > 0]
        for programme, total in (("housing", to_2030[m["cbs"]]),
                                 ("housing_after_2030", after[m["cbs"]])):
            tranches = TRANCHES[programme]
            for t, n in zip(tranches, split_int(total, [t["share"] for t in tranches]),
                            strict=True):
                for st, k in zip(stations, split_int(n, [s["res"] for s in stations]),
                                 strict=True):
                    if k > 0:
                        rows.append((f"WON-{short(st['id'])}-{t['suffix']}", f"Woningbouw "
                                     f"{m['name']}{of(st, stations)} {t['first_year']}-"
                                     f"{t['last_year']}", "housing", st["area"], st["id"],
                                     "electricity", float(k), "homes", None, None, None,
                                     t["first_year"], t["last_year"], t["certainty"], 0, "wonen",
                                     t["source"].format(woondeal=woondeal[m["res_region"]]),
                                     None))
    hotspot = {h["id"]: h for h in HOTSPOTS}
    rows += [(s["id"], f"Woningbouw {s['name']}", "housing", s["hotspot"], s["station"],
              "electricity", float(s["homes"]), "homes", None, None, None, s["first_year"],
              s["last_year"], s["certainty"], 0, "wonen", s["source"],
              wkt_point(hotspot[s["hotspot"]]["lat"], hotspot[s["hotspot"]]["lon"]))
             for s in sites]

    # (3) business parks
    rows += [(b["id"], f"Bedrijventerrein {b['name']}", "business_park", b["area"],
              b["station"], "electricity", float(b["ha"]), "ha", None, None, None,
              b["first_year"], b["last_year"], b["certainty"], 0, "werk", b["source"], None)
             for b in table("business_parks")]

    # (4) charge points
    cp = P["charge_points"]
    new_points = (cp["nal_2030"] - cp["nl_2023"]) * P["province"]["dwellings"] / cp[
        "nl_dwellings_2023"]
    notes["charge_points_2030"] = new_points
    per_muni = dict(zip(MUNI, split_int(round(new_points),
                                        [m["dwellings"] for m in MUNICIPALITIES]), strict=True))
    notes["charge_points_by_municipality"] = per_muni
    for m in MUNICIPALITIES:
        stations = [s for s in STATIONS_OF[m["cbs"]] if s["res"] > 0]
        later = TRANCHES["charge_points_after_2030"]
        amounts = [*split_int(per_muni[m["cbs"]], [t["share"] for t in
                                                    TRANCHES["charge_points"]]),
                   *(round(per_muni[m["cbs"]] * t["share"]) for t in later)]
        for t, n in zip([*TRANCHES["charge_points"], *later], amounts, strict=True):
            for st, k in zip(stations, split_int(n, [s["res"] for s in stations]), strict=True):
                if k > 0:
                    rows.append((f"LAD-{short(st['id'])}-{t['suffix']}", f"Laadpunten "
                                 f"{m['name']}{of(st, stations)} {t['first_year']}-"
                                 f"{t['last_year']}", "mobility", st["area"], st["id"],
                                 "electricity", float(k), "charge_points", None, None, None,
                                 t["first_year"], t["last_year"], t["certainty"], 0,
                                 "mobiliteit;co2", t["source"], None))

    # rooftop PV growth (small, not RES-counted)
    growth = P["solar"]["rooftop_growth"]
    for m in MUNICIPALITIES:
        for st in STATIONS_OF[m["cbs"]]:
            mwp = BASE[m["cbs"]]["rooftop_pv_mwp"] * st["res"] * growth
            if mwp > 0:
                rows.append((f"PVD-{short(st['id'])}", f"Groei zon op dak {m['name']}"
                             f"{of(st, STATIONS_OF[m['cbs']])} 2024-2030", "solar", st["area"],
                             st["id"], "electricity", r3(mwp), "MWp", None, None, None, 2024,
                             2030, 3, 0, "co2", f"[E] +{growth:.0%} op dak-pv 2023 (ETM, T2)",
                             None))

    # (5) RES
    res, notes["res"] = res_rows()
    rows += res

    # (6)-(10) named developments
    rows += [(*(d[k] for k in NAMED_COLUMNS), wkt_point(d["lat"], d["lon"]))
             for d in NAMED_DEVELOPMENTS]

    # schools (ACM 3)
    w = P["schools"]["w_per_inhabitant"]
    for m in MUNICIPALITIES:
        st = max(STATIONS_OF[m["cbs"]], key=lambda s: (s["res"], s["id"]))
        rows.append((f"ONDW-{m['cbs']}", f"Scholen {m['name']}: verduurzaming PO/VO", "utility",
                     st["area"], st["id"], "electricity", None, None,
                     r3(m["population"] * w / 1e6), None, "business_hours", 2026, 2032, 3, 3,
                     "onderwijs;co2", f"[E] {w:g} W per inwoner (inwoners T1)", None))
    return pd.DataFrame(rows, columns=DEV_COLUMNS), notes


PROJECT_COLUMNS = ["id", "name", "operator", "carrier", "kind", "capex_meur", "capex_low_meur",
                   "capex_high_meur", "fte_years", "transformers", "lead_time_years",
                   "build_years", "earliest_year", "status", "ip_year", "requires", "excludes",
                   "area_id", "spatial_claim_ha", "confidential", "source"]


def generated_candidates() -> list[Row]:
    """Extra HV transformers, MV station expansions and neighbourhood batteries [E]."""
    eur, costs, gen = P["costs"]["eur_per_kw"], P["costs"], P["generated"]
    congested = {h["id"] for h in HV_STATIONS if h["congested"]}
    out: list[Row] = []
    g = gen["hv_transformer"]
    for h in HV_STATIONS:
        if h["transformers"] > 0 and h["operator"] == "TenneT" and h["parent"]:
            out.append({"id": f"C-HV-{h['id']}", "name": f"Extra 150/MS-transformator "
                        f"{h['name']} (+{h['mva']:g} MVA)", "operator": "Stedin",
                        "carrier": "electricity", "kind": "expansion", "capex_meur": r3(
                            h["mva"] * (eur["mv_hv_trafo"] + eur["hv_net"]) / 1000),
                        "area": h["area"] or
                        P["province"]["id"], "confidential": False,
                        "effects": [(h["id"], h["mva"], h["mva"], None)], "source":
                        f"ETM-kostenstappen MS/HS-trafo €{eur['mv_hv_trafo']:g}/kW + HS-net "
                        f"€{eur['hv_net']:g}/kW (T12) [D]; T12: 150/20 kV 40-80 MVA", **g})
    g = gen["mv_expansion"]
    for st in MV_STATIONS:
        if st["id"] in g["skip"]:
            continue
        delta = max(g["min_mw"], round(st["demand_mw"] * g["share"] / g["step_mw"])
                    * g["step_mw"])
        out.append({**g, "id": f"C-EXP-{st['id']}", "name": f"Uitbreiding {st['name']} "
                    f"(+{delta:g} MW)", "operator": "Stedin", "carrier": "electricity",
                    "kind": "expansion", "capex_meur": r3(delta * eur["mv_net"] / 1000),
                    "transformers": 1 if st["kv"] >= 50 else 0, "requires": f"C-HV-"
                    f"{st['parent']}" if st["parent"] in congested else None,
                    "area": st["area"], "confidential": st["confidential"],
                    "effects": [(st["id"], delta, delta, None)], "source":
                    f"ETM-kostenstap MS-net €{eur['mv_net']:g}/kW (T12) [D]; omvang [E]"})
    g = gen["neighbourhood_batteries"]
    mv = {s["id"]: s for s in MV_STATIONS}
    for sid in g["stations"]:
        out.append({**g, "id": f"C-BB-{short(sid)}", "name": f"Buurtbatterijen "
                    f"{mv[sid]['name'].removesuffix(' MS')} (10 × 0,5 MW / 1 MWh)",
                    "operator": "Stedin", "carrier": "electricity", "kind": "storage",
                    "capex_meur": r3(g["energy_mwh"] * costs["battery_eur_per_kwh"]
                                     * (1 + g["installation"]) / 1000), "transformers": 0,
                    "area": mv[sid]["area"], "confidential": False,
                    "effects": [(sid, g["delta_demand_mw"], g["delta_feedin_mw"], None)],
                    "source": "dutch-practice (d): €400-450/kWh [S] + 50% installatie [E]; "
                    "effect op de piek 4-5 MW [E]"})
    return out


def projects_tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    costs = P["costs"]
    low, high = costs["capex_low"], costs["capex_high"]
    known = {p["id"] for p in KNOWN_PROJECTS}
    effects_of: dict[str, list[tuple[Any, ...]]] = {}
    for e in EFFECTS:
        if e["project"] not in known | {c["id"] for c in CANDIDATES}:
            raise SystemExit(f"project_effects.csv: unknown project {e['project']}")
        effects_of.setdefault(e["project"], []).append(
            (e["asset"], e["delta_demand_mw"], e["delta_feedin_mw"], e["new_parent"]))
    projects = [(p["id"], p["name"], p["operator"], p["carrier"], p["kind"],
                 float(p["capex_meur"]), r3(p["capex_meur"] * costs["known_capex_low"]),
                 r3(p["capex_meur"] * high), float(p["fte_years"]), p["transformers"],
                 p["lead_time_years"], p["build_years"], None, p["status"], p["ip_year"],
                 p["requires"], None, p["area"], p["spatial_claim_ha"], False,
                 p["source"] + "; kosten [E]") for p in KNOWN_PROJECTS]
    effects = [(e["project"], e["asset"], float(e["delta_demand_mw"]),
                float(e["delta_feedin_mw"]), e["new_parent"]) for e in EFFECTS
               if e["project"] in known]

    excludes_of: dict[str, set[str]] = {}
    for c in CANDIDATES:
        for other in filter(None, (c["excludes"] or "").split(";")):
            excludes_of.setdefault(c["id"], set()).add(other)
            excludes_of.setdefault(other, set()).add(c["id"])
    for c in [*generated_candidates(), *CANDIDATES]:
        effs = c.get("effects") or effects_of[c["id"]]
        capex = c["capex_meur"]
        hours, eur = costs["battery_hours"], costs["battery_eur_per_kwh"]
        if c["kind"] == "storage" and capex == 0:  # a grid battery
            capex = r3(effs[0][2] * hours * eur / 1000 if effs[0][2] else 0)
            capex = max(capex, r3(max(e[1] for e in effs) * hours * eur / 1000))
        if c["kind"] == "heat_network" and capex == 0:  # the homes it connects × €/home
            homes = sum(d["quantity"] or 0 for d in NAMED_DEVELOPMENTS
                        if d["id"] in (c.get("homes_from") or "").split(";"))
            capex = r3(homes * costs["heat_eur_per_home"] / 1e6)
        fte = r3(capex * costs["fte_per_meur"][c["carrier"]]
                 * costs["fte_factor_kind"].get(c["kind"], 1.0))
        projects.append((c["id"], c["name"], c["operator"], c["carrier"], c["kind"],
                         float(capex), r3(capex * low), r3(capex * high), fte,
                         c["transformers"], c["lead_time_years"], c["build_years"],
                         c.get("earliest_year"), "candidate", None, c.get("requires"),
                         ";".join(sorted(excludes_of.get(c["id"], set()))) or None, c["area"],
                         c["spatial_claim_ha"], c["confidential"], c["source"]))
        effects += [(c["id"], asset, float(dd), float(df), parent)
                    for asset, dd, df, parent in effs]
    return (pd.DataFrame(projects, columns=PROJECT_COLUMNS),
            pd.DataFrame(effects, columns=["project_id", "asset_id", "delta_demand_mw",
                                           "delta_feedin_mw", "new_parent_id"]))


def spend_by_year(projects: pd.DataFrame, column: str) -> pd.DataFrame:
    """Spending of in-IP and under-construction projects per operator and year."""
    rows = []
    fixed = projects[projects["status"].isin(["in_ip", "under_construction"])]
    for p in fixed.itertuples(index=False):
        for y in range(int(p.ip_year) - int(p.build_years), int(p.ip_year)):
            rows.append((p.operator, y, float(getattr(p, column)) / int(p.build_years)))
    frame = pd.DataFrame(rows, columns=["operator", "year", "value"])
    return frame.groupby(["operator", "year"], as_index=False)["value"].sum()


def resources_table(projects: pd.DataFrame) -> pd.DataFrame:
    spend = {c: spend_by_year(projects, c) for c in ("capex_meur", "fte_years", "transformers")}
    rows = []
    for a in table("resource_allowance"):
        for y in range(P["resources"]["first_year"], P["resources"]["last_year"] + 1):
            fixed = {c: float(f[(f["operator"] == a["operator"]) & (f["year"] == y)]["value"]
                              .sum()) for c, f in spend.items()}
            rows.append((y, a["operator"], r3(a["budget_meur"] + fixed["capex_meur"]),
                         r3(a["fte"] + fixed["fte_years"]),
                         int(a["transformers"] + math.ceil(fixed["transformers"]))))
    return pd.DataFrame(rows, columns=["year", "operator", "budget_meur", "fte",
                                       "transformers"])


def scenario_tables() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    rows = []
    first, last = P["scenario_factors"]["first_year"], P["scenario_factors"]["last_year"]
    for f in table("scenario_factors"):
        anchors = [(int(k), v) for k, v in f.items() if k.isdigit()]
        for y in range(first, last + 1):
            rows.append((f["scenario"], f["sector"], y, r3(float(np.interp(
                y, [first, *(a for a, _ in anchors)], [1.0, *(v for _, v in anchors)])))))
    return (pd.DataFrame(table("scenarios")),
            pd.DataFrame(rows, columns=["scenario_id", "sector", "year", "factor"]),
            pd.DataFrame(table("scenario_parameters")))


def criteria_table() -> pd.DataFrame:
    data = toml("criteria")
    columns = ["id", "parent_id", "name", "group", "indicator", "direction", "unit",
               "value_function", "value_points", "weight", "motivation", "basis", "owner"]
    frame = pd.DataFrame([tuple(c.get(k) for k in columns) for c in data["criterion"]],
                         columns=columns)
    frame["version"] = data["version"]
    frame["status"] = data["status"]
    return frame


def build() -> tuple[Workspace, dict[str, Any]]:
    outline, shapes = build_geometry()
    profiles = normalise(build_profiles())
    flh = {name: float(v.sum()) for name, v in profiles.items()}
    developments, notes = developments_table(flh)
    projects, effects = projects_tables()
    scenarios, factors, params = scenario_tables()
    raw = {
        "areas": areas_table(outline, shapes),
        "assets": assets_table(),
        "developments": developments,
        "unit_parameters": pd.DataFrame(table("unit_parameters")),
        "profiles": pd.concat([pd.DataFrame({"profile_id": name, "hour": np.arange(
            HOURS_PER_YEAR), "value": values}) for name, values in profiles.items()],
            ignore_index=True),
        "projects": projects,
        "project_effects": effects,
        "resources": resources_table(projects),
        "scenarios": scenarios,
        "scenario_factors": factors,
        "scenario_parameters": params,
        "criteria": criteria_table(),
    }
    workspace, problems = Workspace.from_raw({k: as_text(v) for k, v in raw.items()})
    if problems:
        raise SystemExit("\n".join(p.message("en") for p in problems))
    notes["flh"] = flh
    return workspace, notes


# =============================================================================================
# Checks and the station-peak estimate (a small version of the load engine, DESIGN.md)
# =============================================================================================


def share(start: np.ndarray, end: np.ndarray, year: int) -> np.ndarray:
    return np.clip((year - start + 1) / (end - start + 1), 0.0, 1.0)


def station_loads(ws: Workspace, years: Sequence[int], with_projects: bool = False
                  ) -> pd.DataFrame:
    """Per asset and year: the simple sum of demand and the hourly netted peaks.

    A small version of the load engine (DESIGN.md): linear phasing, no scenario factors, one
    matrix product per carrier and year, loads aggregated up the ``parent_id`` tree. With
    ``with_projects`` the projects that are done, under construction or in an investment plan
    count from their ``ip_year`` (added capacity and re-parenting); otherwise today's tree.
    """
    dev = ws.developments
    size = developed_mw(ws)
    up = ws.unit_parameters.drop_duplicates(["sector", "carrier", "unit"]).set_index(
        ["sector", "carrier", "unit"])["profile"]
    names = sorted(ws.profiles["profile_id"].unique())
    index = {n: i for i, n in enumerate(names)}
    matrix = np.vstack([ws.profiles[ws.profiles["profile_id"] == n].sort_values("hour")
                        ["value"].to_numpy() for n in names])
    k_of = np.array([index[p if isinstance(p, str) else up[(s, c, u)]] for p, s, c, u in
                     zip(dev["profile"], dev["sector"], dev["carrier"], dev["unit"],
                         strict=True)])
    assets = ws.assets
    ids = list(assets["id"])
    pos = {a: i for i, a in enumerate(ids)}
    base_parent = dict(zip(assets["id"], assets["parent_id"], strict=True))
    base_cap = assets.set_index("id")[["capacity_demand_mw", "capacity_feedin_mw"]]
    fixed = ws.projects[ws.projects["status"].isin(["done", "under_construction", "in_ip"])]
    ip_year = dict(zip(fixed["id"], fixed["ip_year"], strict=True))
    effects = ws.project_effects[ws.project_effects["project_id"].isin(ip_year)]
    start = dev["start_year"].to_numpy(dtype=float)
    end = dev["end_year"].to_numpy(dtype=float)
    dem = size["demand_mw"].to_numpy()
    feed = size["feedin_mw"].to_numpy()
    rows = []
    for year in years:
        parent = dict(base_parent)
        cap = base_cap.copy()
        if with_projects:
            live = effects[effects["project_id"].map(ip_year) <= year]
            for e in live.itertuples(index=False):
                cap.loc[e.asset_id, "capacity_demand_mw"] += e.delta_demand_mw
                cap.loc[e.asset_id, "capacity_feedin_mw"] += e.delta_feedin_mw
                if isinstance(e.new_parent_id, str):
                    parent[e.asset_id] = e.new_parent_id
        phased = share(start, end, year)
        a_net = np.zeros((len(ids), len(names)))
        a_sum = np.zeros(len(ids))
        for i, asset in enumerate(dev["asset_id"]):
            node = asset
            while isinstance(node, str) and node in pos:
                a_net[pos[node], k_of[i]] += (dem[i] - feed[i]) * phased[i]
                a_sum[pos[node]] += dem[i] * phased[i]
                node = parent.get(node)
        load = a_net @ matrix
        for a in ids:
            row = load[pos[a]]
            rows.append((a, year, a_sum[pos[a]], max(row.max(), 0.0), max(-row.min(), 0.0),
                         float(cap.at[a, "capacity_demand_mw"]),
                         float(cap.at[a, "capacity_feedin_mw"])))
    return pd.DataFrame(rows, columns=["asset", "year", "sum_demand_mw", "peak_demand_mw",
                                       "peak_feedin_mw", "capacity_demand_mw",
                                       "capacity_feedin_mw"])


def checks(ws: Workspace, notes: dict[str, Any]) -> list[str]:
    """The figures the dataset must reproduce; returns lines to print (raises on failure)."""
    lines = []
    dev = ws.developments
    s2030 = share(dev["start_year"].to_numpy(dtype=float), dev["end_year"].to_numpy(dtype=float),
                  2030)
    quantity = dev["quantity"].fillna(0)
    homes = dev["unit"] == "homes"
    assert (dev.loc[homes, "sector"] == "housing").all()  # heat connections use 'connections'
    housing = homes & (dev["start_year"] <= 2030)
    homes_2030 = float((quantity * s2030)[housing].sum())
    target = sum(P["housing"]["to_2030"].values())
    lines.append(f"homes (unit homes, start ≤ 2030) realised by 2030: {homes_2030:,.0f} "
                 f"(target {target:,})")
    assert abs(homes_2030 - target) <= 0.02 * target
    region = {a: r for a, r in zip(ws.areas["id"], ws.areas["parent_id"], strict=True)}

    def region_of(area: str) -> str:
        while area in region and not str(area).startswith("RES-"):
            area = region[area]
        return area

    res = dev["policy_goals"].fillna("").str.split(";").apply(lambda g: "res" in g)
    flh = np.where(dev["sector"] == "wind", FLH_WIND, FLH_SOLAR)
    gwh = quantity.to_numpy() * s2030 * flh / 1000
    by_region = pd.Series(gwh[res.to_numpy()], index=dev["area_id"][res].map(region_of)).groupby(
        level=0).sum()
    for reg, d in notes["res"].items():
        got = float(by_region.get(reg, 0.0))
        lines.append(f"RES generation 2030 {reg}: {got:,.1f} GWh (target {d['target_gwh']:,.1f})")
        assert abs(got - d["target_gwh"]) <= 0.02 * d["target_gwh"]
    cp, city, goal = dev["unit"] == "charge_points", P["charge_points"]["city"], P[
        "charge_points"]["city_goal_2030"]
    cp_2030 = float((quantity * s2030)[cp].sum())
    in_city = float((quantity * s2030)[cp & dev["area_id"].map(
        lambda a: a == city or region.get(a) == city)].sum())
    lines.append(f"new charge points by 2030: {cp_2030:,.0f} (scaled "
                 f"{notes['charge_points_2030']:,.0f}); {MUNI[city]['name']} city "
                 f"{in_city:,.0f} (≥{goal:,})")
    assert abs(cp_2030 - notes["charge_points_2030"]) <= 2 and in_city >= goal
    areas = ws.areas.set_index("id")
    for m in [*MUNICIPALITIES, P["province"]]:
        code = m.get("cbs") or m["id"]
        assert int(areas.at[code, "population"]) == m["population"]
        assert int(areas.at[code, "dwellings"]) == m["dwellings"]
    lines.append("population and dwellings: exact per T1 (26 municipalities, province)")
    n_el = int((ws.assets["carrier"] == "electricity").sum())
    lines.append(f"developments {len(dev)}, electricity assets {n_el}, projects "
                 f"{len(ws.projects)}, project effects {len(ws.project_effects)}")
    assert len(dev) >= 400 and n_el >= 30 and len(ws.projects) >= 120
    assert set(ws.projects["id"]) <= set(ws.project_effects["project_id"])
    munis_with_mv = set(ws.assets.loc[ws.assets["kind"] == "mv_station", "area_id"])
    assert munis_with_mv >= set(MUNI)  # every municipality has an MV station of its own
    candidates = ws.projects[ws.projects["status"] == "candidate"].groupby("operator")
    in_ip = ws.projects[ws.projects["status"].isin(["in_ip", "under_construction"])].groupby(
        "operator")
    have = ws.resources.groupby("operator")
    cap, budget, fixed = (candidates["capex_meur"].sum(), have["budget_meur"].sum(),
                          in_ip["capex_meur"].sum())
    for op in cap.index:
        lines.append(f"  {op}: candidate capex {cap[op]:,.0f} M€, in-IP {fixed.get(op, 0):,.0f}"
                     f" M€, budget 2026-2040 {budget.get(op, 0):,.0f} M€")
    assert cap.sum() + fixed.sum() > budget.sum()
    fte_need, trafo_need = candidates["fte_years"].sum(), candidates["transformers"].sum()
    fte_fixed, trafo_fixed = in_ip["fte_years"].sum(), in_ip["transformers"].sum()
    fte_have, trafo_have = have["fte"].sum(), have["transformers"].sum()
    for op in ("TenneT", "Stedin"):
        lines.append(f"  {op}: fte-years candidates {fte_need[op]:,.0f} + in-IP "
                     f"{fte_fixed.get(op, 0):,.0f} vs {fte_have[op]:,.0f} available; "
                     f"transformers {trafo_need[op]} + {trafo_fixed.get(op, 0)} vs "
                     f"{trafo_have[op]}")
    return lines


def peak_report(ws: Workspace) -> tuple[list[str], dict[Any, Any]]:
    """Station peaks versus capacity, without and with the in-IP projects."""
    years = P["report"]["years"]
    bare = station_loads(ws, years)
    ip = station_loads(ws, years, with_projects=True)
    both = bare.merge(ip, on=["asset", "year"], suffixes=("", "_ip"))
    lines = ["HV stations: simple sum of demand (no diversity beyond the unit parameters), "
             "hourly netted peak, capacity and shortage [MW]; 'IP' = with the projects "
             "in investment plans from their ip_year.",
             "asset     year   sum  peak   cap short |  IPcap IPpeak IPshort | feedin  cap"]
    hv = [a for a in ws.assets.loc[ws.assets["kind"] == "hv_station", "id"]]
    for r in both[both["asset"].isin(hv)].itertuples(index=False):
        if r.capacity_demand_mw_ip == 0 and r.peak_demand_mw_ip == 0 and r.peak_demand_mw == 0:
            continue
        lines.append(
            f"{r.asset:9s} {r.year} {r.sum_demand_mw:5.0f} {r.peak_demand_mw:5.0f} "
            f"{r.capacity_demand_mw:5.0f} {max(0, r.peak_demand_mw - r.capacity_demand_mw):5.0f}"
            f" | {r.capacity_demand_mw_ip:6.0f} {r.peak_demand_mw_ip:6.0f} "
            f"{max(0, r.peak_demand_mw_ip - r.capacity_demand_mw_ip):7.0f} | "
            f"{r.peak_feedin_mw:6.0f} {r.capacity_feedin_mw:4.0f}")
    summary: dict[Any, Any] = {}
    for name, members in P["report"]["shortfall_groups"].items():
        for year in years:
            sub = both[both["asset"].isin(members) & (both["year"] == year)]

            def short_of(load: str, capacity: str, sub: pd.DataFrame = sub) -> float:
                return float((sub[load] - sub[capacity]).clip(lower=0).sum())

            row = {"sum": short_of("sum_demand_mw", "capacity_demand_mw"),
                   "peak": short_of("peak_demand_mw", "capacity_demand_mw"),
                   "ip": short_of("peak_demand_mw_ip", "capacity_demand_mw_ip"),
                   "cap": float(sub["capacity_demand_mw"].sum()),
                   "load_sum": float(sub["sum_demand_mw"].sum()),
                   "load_peak": float(sub["peak_demand_mw"].sum())}
            summary[(name, year)] = row
            lines.append(f"{name:10s} {year}: capacity {row['cap']:4.0f}, simple sum "
                         f"{row['load_sum']:4.0f} (short {row['sum']:4.0f}), netted peak "
                         f"{row['load_peak']:4.0f} (short {row['peak']:4.0f}), short with IP "
                         f"projects {row['ip']:4.0f}")
    for kind in ("mv_station", "heat_network", "pipeline"):
        of_kind = set(ws.assets.loc[ws.assets["kind"] == kind, "id"])
        sub = bare[bare["asset"].isin(of_kind) & (bare["year"] == 2029)]
        over_d = int((sub["peak_demand_mw"] > sub["capacity_demand_mw"] + 1e-9).sum())
        over_f = int((sub["peak_feedin_mw"] > sub["capacity_feedin_mw"] + 1e-9).sum())
        lines.append(f"{kind}: {over_d} of {len(sub)} over demand capacity and {over_f} over "
                     "feed-in capacity in 2029 (no projects)")
    summary["table"] = both
    return lines, summary


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


# =============================================================================================
# SOURCES.md: scripts/utrecht/SOURCES.template.md with its ${name} fields filled
# =============================================================================================


def md_table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return "\n".join(out + ["| " + " | ".join(str(c) for c in row) + " |" for row in rows])


def sources_md(ws: Workspace, notes: dict[str, Any]) -> str:
    """SOURCES.md: the source of every figure, estimates marked [E]."""
    _, summary = peak_report(ws)
    flh, dev, costs, cp = notes["flh"], ws.developments, P["costs"], P["charge_points"]
    t23 = summary["table"][summary["table"]["year"] == 2023].set_index("asset")
    groups = dev["id"].str.extract(r"^([A-Z0-9]+)", expand=False).value_counts().sort_index()
    to_2030, (_, after) = notes["homes_to_2030"], municipal_homes()
    households = sum(b["households"] for b in BASE.values())
    dwellings = P["province"]["dwellings"]
    fv = next(t for t in table("res_targets") if t["target_gwh"] is None)
    fv_households = sum(BASE[m["cbs"]]["households"] for m in MUNICIPALITIES
                        if m["res_region"] == fv["region"])
    shortfall = []
    for year in P["report"]["years"]:
        u, a = (summary[(name, year)] for name in P["report"]["shortfall_groups"])
        shortfall.append((year, f"{u['sum'] + a['sum']:.0f}", f"{u['peak'] + a['peak']:.0f}",
                          f"{u['ip'] + a['ip']:.0f}", f"{u['peak']:.0f} / {a['peak']:.0f}"))
    fields = {
        "seed": SEED,
        "tables": md_table(["table", "rows"], [(n, len(f)) for n, f in ws.items() if len(f)]),
        "hotspots": md_table(["id", "name", "municipality", "radius km", "source"], [
            (h["id"], h["name"], MUNI[h["municipality"]]["name"], h["radius_km"], h["source"])
            for h in HOTSPOTS]),
        "hv_stations": md_table(
            ["id", "name", "trafos × MVA [E]", "cap. demand MW [E]", "cap. feed-in MW [E]",
             "2023 peak demand", "2023 peak feed-in", "lat, lon", "location source"],
            [(h["id"], h["name"], f"{h['transformers']} × {h['mva']:g}", f"{h['demand_mw']:g}",
              f"{h['feedin_mw']:g}", f"{t23.at[h['id'], 'peak_demand_mw']:.0f}",
              f"{t23.at[h['id'], 'peak_feedin_mw']:.0f}", f"{h['lat']:g}, {h['lon']:g}",
              h["location_source"]) for h in HV_STATIONS if h["transformers"] != 0]),
        "other_assets": md_table(["id", "name", "operator", "source"], [
            (o["id"], o["name"], o["operator"], o["source"]) for o in table("other_assets")
            if o["kind"] != "hv_station"]),
        "development_groups": ", ".join(f"`{k}` {v}" for k, v in groups.items()),
        "baseline_hours": md_table(["ETM sector", "sector", "profile", "full-load hours"], [
            (s["label"], s["sector"], s["profile"], f"{flh[s['profile']]:,.0f}")
            for s in table("baseline_sectors")] + [("district heat (households)",
                                                    "heat_network", "space_heat",
                                                    f"{flh['space_heat']:,.0f}")]),
        "households_gwh": f"{households:,.0f}",
        "households_mw": f"{households * 1000 / flh['household']:,.0f}",
        "households_kw": f"{households * 1e6 / flh['household'] / dwellings:.2f}",
        "homes": md_table(["municipality", "homes to 2030", "homes 2031-2040"], [
            (MUNI[c]["name"], f"{to_2030[c]:,}", f"{after[c]:,}") for c in MUNI] + [
            ("**total**", f"{sum(to_2030.values()):,}", f"{sum(after.values()):,}")]),
        "business_parks_ha": P["business_parks"]["to_2030_ha"],
        "nal_2030": f"{cp['nal_2030']:,}", "nl_2023": f"{cp['nl_2023']:,}",
        "dwellings": f"{dwellings:,}", "nl_dwellings": f"{cp['nl_dwellings_2023']:,}",
        "dwelling_share": f"{dwellings / cp['nl_dwellings_2023']:.4%}",
        "charge_points": f"{notes['charge_points_2030']:,.0f}",
        "city_charge_points": f"{notes['charge_points_by_municipality'][cp['city']]:,}",
        "city_goal": f"{cp['city_goal_2030']:,}",
        "rooftop_growth": f"{P['solar']['rooftop_growth']:.0%}",
        "flh_solar": f"{FLH_SOLAR:g}", "flh_wind": f"{FLH_WIND:g}",
        "res_targets": md_table(
            ["region", "target 2030 GWh", "wind share [E]", "existing fields MWp",
             "existing wind MW", "new solar MWp", "new wind MW", "source"],
            [(region, f"{d['target_gwh']:,.1f}", f"{d['wind_share']:.0%}",
              f"{d['existing_fields_mwp']:g}", f"{d['existing_wind_mw']:g}",
              f"{d['new_solar_mwp']:,.1f}", f"{d['new_wind_mw']:,.1f}", d["source"])
             for region, d in notes["res"].items()]),
        "foodvalley_households": f"{fv_households:g}",
        "foodvalley_all_households": f"{fv['whole_region_households_gwh']:g}",
        "school_w": f"{P['schools']['w_per_inhabitant']:g}",
        "unit_parameters": md_table(["sector", "carrier", "unit", "demand kW", "feed-in kW",
                                     "profile", "source"],
                                    [list(u.values()) for u in table("unit_parameters")]),
        "profiles": md_table(["profile", "full-load hours (Σ)", "description"], [
            (n, f"{flh[n]:,.0f}", PROFILE_DATA["notes"][n]) for n in flh]),
        "capex_low": f"{costs['capex_low']:g}", "capex_high": f"{costs['capex_high']:g}",
        "known_capex_low": f"{costs['known_capex_low']:g}",
        "resources": md_table(["operator", "M€/yr for candidates", "fte/yr", "transformers/yr",
                               "source"], [list(a.values())
                                           for a in table("resource_allowance")]),
        "checks": "\n".join(checks(ws, notes)),
        "shortfall": md_table(["year", "short, simple sum", "short, netted",
                               "short, netted with IP", "netted Utrecht / Amersfoort"],
                              shortfall),
    }
    template = (DATA / "SOURCES.template.md").read_text(encoding="utf-8")
    return string.Template(template).substitute({k: str(v) for k, v in fields.items()})


if __name__ == "__main__":
    main()
