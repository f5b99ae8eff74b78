"""SOURCES.md of the Utrecht dataset: ``SOURCES.template.md`` with its ``{…}`` fields filled.

The fields are the figures derived while building (households, charge points, homes per
municipality, RES targets, full-load hours), Markdown table rows drawn from the data files and
the built workspace (hotspots, HV stations with their 2023 peaks, other assets, unit parameters,
profiles, resources) and the output of the checks and the shortfall summary of
``utrecht_checks.py``; ``{p[section][key]}`` is a value of ``parameters.toml``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

import pandas as pd
from utrecht_checks import checks, peak_report
from utrecht_data import (
    BASE,
    DATA,
    HV_STATIONS,
    MUNI,
    MUNICIPAL_OUTLINES,
    MUNICIPALITIES,
    PROFILES,
    PROVINCE_OUTLINE,
    P,
    T,
)
from utrecht_profiles import SEED

from pmiek.domain.workspace import Workspace


def md_rows(rows: Iterable[Iterable[object]]) -> str:
    """Rows of a Markdown table (its header is in the template)."""
    return "\n".join("| " + " | ".join(str(c) for c in row) + " |" for row in rows)


def geometry_fields(ws: Workspace) -> dict[str, float]:
    """The areas of the municipal outlines, their union and the province check outline [km²]."""
    areas = ws.areas.set_index("id")
    municipal = sum(g.area for g in MUNICIPAL_OUTLINES.values()) / 1e6
    province = areas.at[P["province"]["id"], "geometry"].area / 1e6
    check = PROVINCE_OUTLINE.area / 1e6
    return {"municipal_km2": municipal, "province_km2": province,
            "province_check_km2": check, "province_diff_pct": 100 * (province / check - 1)}


def root_of(assets: pd.DataFrame) -> dict[str, str]:
    """Each asset's root: the asset at the top of its chain of ``parent_id``."""
    parent = dict(zip(assets["id"], assets["parent_id"], strict=True))
    roots = {}
    for asset in parent:
        top = asset
        while isinstance(parent.get(top), str):
            top = parent[top]
        roots[asset] = top
    return roots


def root_feedin(ws: Workspace, table: pd.DataFrame) -> str:
    """Rows of SOURCES.md's table of feed-in per root station: the stations and the RES power
    under it, and its feed-in peak, capacity and shortage (with the in-IP projects)."""
    assets = ws.assets
    roots = root_of(assets)
    hv = assets[(assets["kind"] == "hv_station") & assets["parent_id"].isna()
                & (assets["carrier"] == "electricity")]
    dev = ws.developments
    res = dev[dev["id"].str.startswith("RES-") & (dev["start_year"] <= 2030)]
    res_mw = res.groupby(res["asset_id"].map(roots))["quantity"].sum()
    at = table.set_index(["asset", "year"])
    rows = []
    for root, name in zip(hv["id"], hv["name"], strict=True):
        under = sum(1 for a, r in roots.items() if r == root and a != root
                    and a in set(assets.loc[assets["kind"] == "hv_station", "id"]))
        cells = [root, name, under, f"{res_mw.get(root, 0.0):,.0f}"]
        for year in (2023, 2026, 2030):
            peak, cap = (max(0.0, float(at.at[(root, year), k]))
                         for k in ("peak_feedin_mw_ip", "capacity_feedin_mw_ip"))
            cells += [f"{peak:,.0f} / {cap:,.0f}", f"{max(0.0, peak - cap):,.0f}"]
        if under or res_mw.get(root, 0.0) > 0:  # not an idea without stations yet
            rows.append(cells)
    return md_rows(rows)


def sources_md(ws: Workspace, notes: dict[str, Any]) -> str:
    """SOURCES.md: ``SOURCES.template.md`` with its fields filled."""
    _, summary = peak_report(ws)
    flh, t23 = notes["flh"], summary["table"][summary["table"]["year"] == 2023].set_index("asset")
    groups = ws.developments["id"].str.extract(r"^([A-Z0-9]+)", expand=False).value_counts()
    to_2030, after = notes["homes_to_2030"], notes["homes_after_2030"]
    households = sum(b["households"] for b in T["baseline"])
    part = next(t for t in T["res_targets"] if t["target_gwh"] is None)
    years, shortfall_groups = P["report"]["years"], P["report"]["shortfall_groups"]
    fields = {
        "seed": SEED, "households": households,
        "households_mw": households * 1000 / flh["household"],
        "households_kw": households * 1e6 / flh["household"] / P["province"]["dwellings"],
        "dwelling_share": P["province"]["dwellings"] / P["charge_points"]["nl_dwellings_2023"],
        "charge_points": notes["charge_points_2030"],
        "gas_ratios": ", ".join(f"{k} {v:.3g}" for k, v in notes["gas_ratios"].items()),
        "city_charge_points": notes["charge_points_by_municipality"][P["charge_points"]["city"]],
        "foodvalley_households": sum(BASE[m["cbs"]]["households"] for m in MUNICIPALITIES
                                     if m["res_region"] == part["region"]),
        "foodvalley_all_households": part["whole_region_households_gwh"],
        "development_groups": ", ".join(f"`{k}` {v}" for k, v in groups.sort_index().items()),
        "tables": md_rows((n, len(f)) for n, f in ws.items() if len(f)),
        **geometry_fields(ws),
        "root_feedin": root_feedin(ws, summary["table"]),
        "hotspots": md_rows((h["id"], h["name"], MUNI[h["municipality"]]["name"],
                             h["radius_km"], h["source"]) for h in T["hotspots"]),
        "hv_stations": md_rows((
            h["id"], h["name"], f"{h['transformers']} × {h['mva']:g}",
            f"{h['capacity_demand_mw']:g}", f"{h['capacity_feedin_mw']:g}",
            f"{t23.at[h['id'], 'peak_demand_mw']:.0f}", f"{t23.at[h['id'], 'peak_feedin_mw']:.0f}",
            f"{h['lat']:g}, {h['lon']:g}" if h["lat"] is not None else "-", h["location_source"])
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


def profile_descriptions(profiles: pd.DataFrame) -> str:
    """The ``[profile_descriptions]`` table of the library's ``library.toml``: what each
    profile is (the notes of ``profiles.toml``), shown to the people who fill in an intake
    workbook."""
    names = pd.unique(profiles["profile_id"])
    return ("\n# What each profile is, shown to the people who fill in an intake workbook.\n"
            "[profile_descriptions]\n"
            + "".join(f"{n} = {json.dumps(PROFILES['notes'][n], ensure_ascii=False)}\n"
                      for n in names))
