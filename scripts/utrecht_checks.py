"""The checks and the station-peak report of ``build_utrecht.py --check`` (also in SOURCES.md).

:func:`checks` asserts the figures the dataset must reproduce (homes to 2030, RES generation,
charge points, population and dwellings, sizes, scarce resources) and returns them as lines;
:func:`peak_report` compares the hourly station peaks with the capacity, without and with the
projects in investment plans, computed by :func:`station_loads`, a small version of the load
engine. Both read the built workspace and compare it with the figures of the data files.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from utrecht_data import FLH_SOLAR, FLH_WIND, MUNI, MUNICIPALITIES, P

from pmiek.domain.sizing import developed_mw
from pmiek.domain.workspace import Workspace


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
