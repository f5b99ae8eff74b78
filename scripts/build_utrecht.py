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
fields are filled by ``utrecht_sources.py``). To change the dataset, edit those files and run
``python scripts/build_utrecht.py --check`` (``make data``): this script holds only the
methods. The municipal outlines are CBS/Kadaster's generalised boundaries of 2025
(``scripts/utrecht/boundaries/``, with their README and attribution); regions and the
province are the union of their members; hotspot outlines are estimates.

The methods are split by idea over sibling modules: ``utrecht_data.py`` reads the data files,
``utrecht_profiles.py`` synthesises the hourly profiles, ``utrecht_checks.py`` holds the checks
and the station-peak report, ``utrecht_sources.py`` fills SOURCES.md; this script builds the
tables and writes the dataset. ``--check`` prints the checks and the station peaks, ``--out
DIR`` writes elsewhere. The output is deterministic: no network, fixed random seed.
"""

from __future__ import annotations

import argparse
import math
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyproj
import shapely
from dataset_files import write_dataset
from shapely.geometry import Point
from utrecht_checks import checks, peak_report
from utrecht_data import (
    BASE,
    CRITERIA,
    FLH_SOLAR,
    FLH_WIND,
    HV_STATIONS,
    MUNI,
    MUNICIPAL_OUTLINES,
    MUNICIPALITIES,
    MV_STATIONS,
    REGION_OF,
    STATIONS_OF,
    TRANCHES,
    P,
    Row,
    T,
    group,
)
from utrecht_profiles import build_profiles
from utrecht_sources import profile_descriptions, sources_md

from pmiek.adapters.files import read_workspace
from pmiek.adapters.files.text import column_text
from pmiek.domain.tables import HOURS_PER_YEAR
from pmiek.domain.workspace import Workspace

OUT = Path(__file__).resolve().parents[1] / "src" / "pmiek" / "data" / "utrecht"
LIBRARY_OUT = OUT.parent / "library"
LIBRARY_NAME, LIBRARY_VERSION = "pmiek-standaard", "2026.1"
"""The shipped library of standard profiles and unit parameters (see write_library)."""
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
    """A polygon per area: the 26 municipalities as CBS/Kadaster give them (generalised, 2025),
    the RES regions and the province as the union of their members, and each hotspot a circle
    of about its size clipped to its municipality [E]."""
    shapes: dict[str, shapely.Geometry] = dict(MUNICIPAL_OUTLINES)
    for r in T["regions"]:
        shapes[r["id"]] = shapely.union_all([shapes[m] for m, g in REGION_OF.items()
                                             if g == r["id"]], grid_size=1.0)
    shapes[P["province"]["id"]] = shapely.union_all(list(MUNICIPAL_OUTLINES.values()),
                                                    grid_size=1.0)
    for h in T["hotspots"]:
        centre = Point(*rd(h["lat"], h["lon"]))
        if not shapes[h["municipality"]].contains(centre):
            raise SystemExit(f"hotspot {h['id']}: centre outside {h['municipality']}")
        circle = centre.buffer(h["radius_km"] * 1000, quad_segs=8)
        shapes[h["id"]] = shapely.intersection(circle, shapes[h["municipality"]],
                                               grid_size=1.0)
    if any(not s.is_valid or s.is_empty or s.geom_type != "Polygon" for s in shapes.values()):
        raise SystemExit("bad area geometry: every area must be one valid polygon")
    return shapes


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
    # Where each outline comes from, in the data itself; maps credit the source and show a
    # notice for what is estimated.
    frame["geometry_source"] = frame["kind"].map(P["geometry_source"])
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
    rows += T["other_assets"]
    return pd.DataFrame([{**r, "geometry": wkt_point(r["lat"], r["lon"]),
                          "geometry_source": location_source(r)} for r in rows], columns=[
        "id", "name", "carrier", "kind", "operator", "voltage_kv", "parent_id", "area_id",
        "capacity_demand_mw", "capacity_feedin_mw", "storage_energy_mwh", "geometry",
        "geometry_source", "confidential"])


ESTIMATED_LOCATION = re.compile(r"niet in OSM|ligging[^;]*\[E\]")


def location_source(row: Row) -> str | None:
    """``osm`` when the row's source places it from OpenStreetMap (T3), ``estimate`` for
    every other location (the MV stations stand for a part of a municipality; planned
    stations sit in their search area), None without a location."""
    if row.get("lat") is None or row.get("lon") is None:
        return None
    said = str(row.get("location_source") or row.get("source") or "")
    if "OSM" in said and not ESTIMATED_LOCATION.search(said):
        return "osm"
    return "estimate"


def dev(id_: str, name: str, sector: str, area: str, asset: str, *,
        years: Row | tuple[int, int], certainty: int, goals: str, source: str,
        **values: Any) -> Row:
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
                                f"{of(st, stations)}", s["sector"], *at, years=(2023, 2023),
                                certainty=5, goals="bestaand", source=f"{etm}: {gwh:.4g} "
                                f"GWh/jaar ÷ {hours:.0f} vollasturen van profiel "
                                f"{s['profile']} [D/E]",
                                demand_mw=r3(gwh * 1000 / hours), profile=s["profile"]))
        if base["rooftop_pv_mwp"] * res > 0:
            rows.append(dev(f"{tag}-PVD", f"Bestaand 2023: zon op dak {name}{of(st, stations)}",
                            "solar", *at, years=(2023, 2023), certainty=5, goals="bestaand",
                            source=f"{etm}: dak-pv {base['rooftop_pv_mwp'] * res:.4g} MWp "
                            "(T2) [S; D: naar aandeel van het station]",
                            quantity=r3(base["rooftop_pv_mwp"] * res), unit="MWp"))
        for key, code, sector, label, unit, note in (
                ("pv_fields_mwp", "PVV", "solar", "zonnevelden", "MWp", ""),
                ("wind_mw", "WND", "wind", "wind", "MW", "; ondergrens")):
            if st["fields"] and base[key] > 0:
                rows.append(dev(f"{tag}-{code}", f"Bestaand 2023: {label} {name}", sector, *at,
                                years=(2023, 2023), certainty=5, goals="bestaand;res",
                                source=f"{etm}: {label} {base[key]:g} {unit} (T2{note}) [S]",
                                quantity=float(base[key]), unit=unit))
    if base["heat_asset"] and base["district_heat_gwh"] > 0:
        hours = flh["space_heat"]
        rows.append(dev(f"B23-{m['cbs']}-WN", f"Bestaand 2023: stadswarmte huishoudens "
                        f"{m['name']}", "heat_network", m["cbs"], base["heat_asset"],
                        years=(2023, 2023), certainty=5, goals="bestaand",
                        source=f"{etm}: {base['district_heat_gwh']:g} GWh/jaar ÷ "
                        f"{hours:.0f} vollasturen [D/E]", carrier="heat",
                        demand_mw=r3(base["district_heat_gwh"] * 1000 / hours),
                        profile="space_heat"))
    return rows


def gas_ratios() -> dict[str, float]:
    """Per gas sector, the median ratio 2023 gas / electricity of the same sector over the
    municipalities that have both (gas_2023.csv, baseline.csv) [D]."""
    gas = {g["id"]: g for g in T["gas_2023"]}
    out = {}
    for s in T["gas_sectors"]:
        ratios = [gas[c][s["column"]] / BASE[c][s["electricity"]] for c in gas
                  if gas[c][s["column"]] is not None and BASE[c][s["electricity"]] > 0]
        out[s["code"]] = float(np.median(ratios))
    return out


def gas_rows(m: Row, flh: dict[str, float], ratios: dict[str, float]) -> list[Row]:
    """The 2023 natural-gas demand of a municipality on the Stedin gas network: the ETM 2023
    figure where the dataset has it [S], else electricity × the sector's median ratio [D]."""
    rows, gas, base = [], {g["id"]: g for g in T["gas_2023"]}[m["cbs"]], BASE[m["cbs"]]
    for s in T["gas_sectors"]:
        hours = flh[s["profile"]]
        if gas[s["column"]] is not None:
            gwh = float(gas[s["column"]])
            how = f"ETM 2023 (ETSource {gas['source']}): {gwh:g} GWh/jaar [S]"
        else:
            gwh = base[s["electricity"]] * ratios[s["code"]]
            how = (f"{base[s['electricity']]:g} GWh elektriciteit (T2) × {ratios[s['code']]:.3g}, "
                   f"de mediane verhouding gas/elektriciteit van deze sector in de 10 gemeenten "
                   f"met ETM 2023-gascijfers [D]")
        if gwh > 0:
            rows.append(dev(f"B23-{m['cbs']}-GAS-{s['code']}", f"Bestaand 2023: aardgas "
                            f"{s['label']} {m['name']}", s["sector"], m["cbs"], "GAS-STD",
                            years=(2023, 2023), certainty=5, goals="bestaand",
                            source=f"{how} ÷ {hours:.0f} vollasturen van profiel {s['profile']} "
                            "(MW op onderste verbrandingswaarde)", carrier="methane",
                            demand_mw=r3(gwh * 1000 / hours), profile=s["profile"]))
    return rows


def tranche_rows(prefix: str, label: str, sector: str, *, unit: str, goals: str,
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
                            st["area_id"], st["id"], years=t, certainty=t["certainty"],
                            goals=goals,
                            source=t["source"].format(woondeal=woondeal[m["res_region"]]),
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
                         f"{tr['end_year']}", "solar", st["area_id"], st["id"], years=tr,
                         certainty=tr["certainty"], goals="res;co2", source=t["source"],
                         quantity=r3(mwp * tr["share"]), unit="MWp")
                     for code, label, st, mwp in parts if mwp > 0 for tr in TRANCHES["res_solar"]]
        rows += [dev(w["id"], w["name"], "wind", w["area_id"], w["asset_id"], years=w,
                     certainty=w["certainty"], goals="res;co2", source=t["source"],
                     quantity=r3(new_wind * w["share"]), unit="MW")
                 for w in T["wind_parks"] if REGION_OF[w["municipality"]] == t["region"]]
    return rows


def developments_table(flh: dict[str, float]) -> tuple[pd.DataFrame, dict[str, Any]]:
    rows = [r for m in MUNICIPALITIES for r in existing_rows(m, flh)]
    ratios = gas_ratios()
    rows += [r for m in MUNICIPALITIES for r in gas_rows(m, flh, ratios)]
    # housing: the woondeals, less the large sites within them
    to_2030, after = municipal_homes()
    notes: dict[str, Any] = {"homes_to_2030": dict(to_2030), "homes_after_2030": dict(after),
                             "res": {}, "gas_ratios": ratios}
    for site in T["housing_sites"]:
        to_2030[site["municipality"]] -= homes_by(span("housing"), site)
        after[site["municipality"]] -= homes_by(span("housing_after_2030"), site)
    rows += tranche_rows("WON", "Woningbouw", "housing", unit="homes", goals="wonen",
                         plan=[("housing", to_2030), ("housing_after_2030", after)])
    hotspot = {h["id"]: h for h in T["hotspots"]}
    rows += [dev(s["id"], f"Woningbouw {s['name']}", "housing", s["area_id"], s["asset_id"],
                 years=s, certainty=s["certainty"], goals="wonen", source=s["source"],
                 quantity=float(s["homes"]), unit="homes",
                 geometry=wkt_point(hotspot[s["area_id"]]["lat"], hotspot[s["area_id"]]["lon"]))
             for s in T["housing_sites"]]
    rows += [dev(b["id"], f"Bedrijventerrein {b['name']}", "business_park", b["area_id"],
                 b["asset_id"], years=b, certainty=b["certainty"], goals="werk",
                 source=b["source"], quantity=float(b["ha"]), unit="ha")
             for b in T["business_parks"]]
    # charge points: the NAL 2030 target scaled to the province by dwellings [D]
    cp = P["charge_points"]
    notes["charge_points_2030"] = points = ((cp["nal_2030"] - cp["nl_2023"])
                                            * P["province"]["dwellings"] / cp["nl_dwellings_2023"])
    per_muni = dict(zip(MUNI, split_int(round(points), [m["dwellings"] for m in MUNICIPALITIES]),
                        strict=True))
    notes["charge_points_by_municipality"] = per_muni
    later = sum(t["share"] for t in TRANCHES["charge_points_after_2030"])
    rows += tranche_rows("LAD", "Laadpunten", "mobility", unit="charge_points",
                         goals="mobiliteit;co2", plan=[
        ("charge_points", per_muni),
        ("charge_points_after_2030", {c: round(n * later) for c, n in per_muni.items()})])
    growth = P["solar"]["rooftop_growth"]  # rooftop PV growth (small, not RES-counted)
    rows += [dev(f"PVD-{short(st)}", f"Groei zon op dak {m['name']}{of(st, STATIONS_OF[m['cbs']])}"
                 " 2024-2030", "solar", st["area_id"], st["id"], years=(2024, 2030),
                 certainty=3, goals="co2", source=f"[E] +{growth:.0%} op dak-pv 2023 (ETM, T2)",
                 quantity=r3(BASE[m["cbs"]]["rooftop_pv_mwp"] * st["res"] * growth), unit="MWp")
             for m in MUNICIPALITIES for st in STATIONS_OF[m["cbs"]]
             if BASE[m["cbs"]]["rooftop_pv_mwp"] * st["res"] * growth > 0]
    rows += res_rows(notes["res"])
    rows += [{**d, "geometry": wkt_point(d["lat"], d["lon"])} for d in T["named_developments"]]
    w = P["schools"]["w_per_inhabitant"]  # schools (ACM 3) at the station with most homes
    for m in MUNICIPALITIES:
        st = max(STATIONS_OF[m["cbs"]], key=lambda s: (s["res"], s["id"]))
        rows.append(dev(f"ONDW-{m['cbs']}", f"Scholen {m['name']}: verduurzaming PO/VO",
                        "utility", st["area_id"], st["id"], years=(2026, 2032), certainty=3,
                        goals="onderwijs;co2", source=f"[E] {w:g} W per inwoner (inwoners T1)",
                        acm_priority=3,
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
    factors = [(f["scenario"], f["sector"], f["carrier"], y, r3(float(np.interp(
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
        "scenario_factors": pd.DataFrame(factors, columns=["scenario_id", "sector", "carrier",
                                                           "year", "factor"]),
        "scenario_parameters": pd.DataFrame(T["scenario_parameters"]),
        "choice_rules": pd.DataFrame(T["choice_rules"]),
        "criteria": criteria,
    }
    workspace, problems = Workspace.from_raw({k: v.apply(lambda s: pd.Series(column_text(
        s.to_numpy(dtype=object)), index=s.index)) for k, v in raw.items()})
    if problems:
        raise SystemExit("\n".join(p.message("en") for p in problems))
    notes["flh"] = flh
    return workspace, notes


def _section(markdown: str, heading: str) -> str:
    """The text of the ``## heading`` section of ``markdown`` (up to the next ``## ``)."""
    found = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", markdown, re.M | re.S)
    if found is None:
        raise SystemExit(f"SOURCES.md has no section '{heading}'")
    return found.group(1).strip()


def write_library(workspace: Workspace, sources_text: str, folder: Path) -> None:
    """The library of standard profiles and unit parameters that ships with pmiek: the
    profiles and unit parameters of this dataset, which are national kengetallen and shapes
    (the sources per row say so), with their part of SOURCES.md."""
    library = Workspace(profiles=workspace.profiles, unit_parameters=workspace.unit_parameters)
    for path in write_dataset(library, folder):
        if path.stem not in ("profiles", "unit_parameters"):  # the core tables, empty here
            path.unlink()
    (folder / "library.toml").write_text(
        "# The library of standard profiles and unit parameters that ships with pmiek.\n"
        "# Generated by scripts/build_utrecht.py; do not edit by hand.\n"
        f'name = "{LIBRARY_NAME}"\nversion = "{LIBRARY_VERSION}"\n'
        'description_nl = "Standaardprofielen (8760 uur) en kengetallen per sector, '
        'drager en eenheid"\n'
        'description_en = "Standard profiles (8760 hours) and unit parameters per sector, '
        'carrier and unit"\n' + profile_descriptions(workspace.profiles), encoding="utf-8")
    (folder / "SOURCES.md").write_text(
        f"# {LIBRARY_NAME} {LIBRARY_VERSION}: sources\n\n"
        "*Bronnen van de standaardbibliotheek. Gegenereerd door `scripts/build_utrecht.py`; "
        "niet met de hand bewerken.*\n\n"
        "A workspace uses these rows for every profile or unit parameter (sector, carrier, "
        "unit) it names and does not define itself; its own rows win. T1…T12 refer to the "
        "compiled reference notes `utrecht-facts.md`.\n\n"
        f"## unit_parameters\n\n{_section(sources_text, 'unit_parameters')}\n\n"
        f"## profiles\n\n{_section(sources_text, 'profiles')}\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="print checks and station peaks")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    workspace, notes = build()
    write_dataset(workspace, args.out)
    sources_text = sources_md(workspace, notes)
    (args.out / "SOURCES.md").write_text(sources_text, encoding="utf-8")
    result = read_workspace(args.out, library=None)
    if not result.ok or result.problems:
        raise SystemExit("\n".join(p.message("en") for p in result.problems))
    print(f"wrote {args.out}")
    if args.out == OUT:
        write_library(result.workspace, sources_text, LIBRARY_OUT)
        print(f"wrote {LIBRARY_OUT}")
    if args.check:
        print("\n".join(checks(result.workspace, notes) + peak_report(result.workspace)[0]))


if __name__ == "__main__":
    main()
