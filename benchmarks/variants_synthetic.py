"""A synthetic workspace for the variants workload: which projects go in service in which year.

``variants_workspace()`` builds a valid workspace for benchmarking the project-scheduling MILP:
under scarce budget, workforce and transformers, choose the infrastructure projects and their
in-service years so that the developments whose load does not fit the grid can be connected.

The grid is one 380 kV root (TenneT) over ``n_hv`` 150 kV stations (TenneT) over ``n_mv``
MV stations (Stedin, Enexis for some regions), with a few batteries. ``n_developments`` are
spread over the MV stations: about 40 % existing (fully realised before ``first_year``) and
60 % new (starting from ``first_year`` up to ``horizon − 2``, phased over up to five years).
Capacities are set from the coincident peaks of ``first_year`` (hourly, on the developments'
profiles) so that the load then uses 60–95 % of every station; the new developments push many
MV and several HV stations over capacity in later years, in demand and in feed-in.

``n_projects`` projects address that: MV expansions (sized on the station's shortage, a few
with an alternative that excludes it, some requiring the expansion of the HV station above),
HV expansions, 150 kV cables between two HV stations, new 150 kV stations (an asset with zero
capacity until the project, which re-parents 2–5 MV stations to it; no MV station is moved by
more than one project), storage and flex contracts. About 10 % are in the investment plans
(``in_ip``) with a feasible ``ip_year``; the rest are candidates.

Resources per year and operator fit the ``in_ip`` projects exactly plus about half the
candidate capex, workforce and transformers over the horizon, so the candidates compete. A
project spends its capex and fte evenly over the ``build_years`` that end the year before it is
in service and needs its transformers in that last year.

Deterministic for a given seed. Profiles are the Utrecht dataset's.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely

from national import typed_table
from pmiek.adapters.files import read_workspace
from pmiek.domain.tables import HOURS_PER_YEAR
from pmiek.domain.validation import ValidationOptions
from pmiek.domain.workspace import Workspace

OPERATORS = ("TenneT", "Stedin", "Enexis")
ROOT = "HS380-00"
PROVINCE = "PV-SYN"
SOURCE = "synthetisch (benchmark variants)"
LAST_YEAR = ValidationOptions().horizon
"""No year in the workspace goes beyond the horizon that validation accepts."""

SECTOR_TABLE = pd.DataFrame(
    [  # sector, share, unit, median size of a new one, sigma, factor when existing, goals
        ("housing", 0.40, "homes", 400.0, 0.8, 6.0, "wonen"),
        ("business_park", 0.12, "ha", 5.0, 0.7, 3.0, "werk"),
        ("industry", 0.08, None, 2.0, 0.8, 2.0, "werk;co2"),
        ("mobility", 0.18, "charge_points", 250.0, 0.7, 3.0, "mobiliteit;co2"),
        ("solar", 0.18, "MWp", 6.0, 0.8, 1.0, "res;co2"),
        ("wind", 0.04, "MW", 8.0, 0.4, 1.0, "res;co2"),
    ],
    columns=["sector", "share", "unit", "median", "sigma", "existing", "goals"],
)
"""The developments' sectors; industry gives its ``demand_mw`` (MW), the others a quantity."""

UNIT_PARAMETERS = pd.DataFrame(
    [  # sector, unit, demand kW/unit, feed-in kW/unit, profile, source
        ("housing", "homes", 2.0, 0.0, "housing_allelectric", "all-electric nieuwbouw [E]"),
        ("business_park", "ha", 250.0, 0.0, "business_hours", "0,15-0,3 MW/ha [E]"),
        ("mobility", "charge_points", 1.5, 0.0, "ev_evening", "laadpunt op de avondpiek [E]"),
        ("solar", "MWp", 0.0, 700.0, "solar", "70% van het piekvermogen [E]"),
        ("wind", "MW", 0.0, 1000.0, "wind", "nominaal vermogen [E]"),
    ],
    columns=["sector", "unit", "demand_kw_per_unit", "feedin_kw_per_unit", "profile", "source"],
)

EXISTING_HOUSING_KW = 1.0
"""Existing homes are mostly gas-heated: 1 kW per home on the household profile."""

PROFILE_NAMES = ("business_hours", "ev_evening", "flat", "household", "housing_allelectric",
                 "solar", "wind")

KINDS = pd.DataFrame(
    [  # class, kind, lead lo/hi, build lo/hi, transformers lo/hi, fte-years per M€, claim ha
        ("new_station", "new_station", 5, 6, 3, 3, 2, 3, 0.6, 4.0),
        ("hv_expansion", "expansion", 3, 5, 2, 2, 1, 2, 0.5, 0.5),
        ("mv_expansion", "expansion", 2, 4, 1, 2, 0, 0, 0.5, 0.1),
        ("cable", "cable", 4, 6, 2, 3, 0, 0, 0.5, 0.0),
        ("storage", "storage", 1, 2, 1, 1, 0, 0, 0.15, 0.2),
        ("flex_contract", "flex_contract", 1, 1, 1, 1, 0, 0, 0.5, 0.0),
    ],
    columns=["cls", "kind", "lead_lo", "lead_hi", "build_lo", "build_hi", "tr_lo", "tr_hi",
             "fte_per_meur", "claim_ha"],
).set_index("cls")
"""Per class of project: lead time, build years, transformers, workforce and spatial claim."""


def _labels(prefix: str, n: int, width: int) -> np.ndarray:
    return np.char.add(prefix, np.char.zfill(np.arange(n).astype(str), width)).astype(object)


def _profiles() -> tuple[pd.DataFrame, np.ndarray]:
    """The Utrecht profiles used here, and their values as a (profile, hour) matrix in the
    order of :data:`PROFILE_NAMES`."""
    profiles = read_workspace("utrecht", validate_rules=False).workspace.profiles
    profiles = profiles[profiles["profile_id"].isin(PROFILE_NAMES)]
    profiles = profiles.sort_values(["profile_id", "hour"], kind="stable").reset_index(drop=True)
    matrix = profiles["value"].to_numpy(dtype=float).reshape(len(PROFILE_NAMES), HOURS_PER_YEAR)
    return profiles, matrix


def _peaks(demand: np.ndarray, feedin: np.ndarray, profiles: np.ndarray,
           block: int = 2_000) -> tuple[np.ndarray, np.ndarray]:
    """Coincident demand and feed-in peaks of rows of (row, profile) contributions [MW]."""
    peak_demand = np.zeros(len(demand))
    peak_feedin = np.zeros(len(demand))
    for start in range(0, len(demand), block):  # bounds memory for large grids
        net = (demand[start:start + block] - feedin[start:start + block]) @ profiles
        peak_demand[start:start + block] = np.maximum(net.max(axis=1), 0.0)
        peak_feedin[start:start + block] = np.maximum(-net.min(axis=1), 0.0)
    return peak_demand, peak_feedin


def _developments(rng: np.random.Generator, n: int, mv_ids: np.ndarray, mv_area: np.ndarray,
                  first_year: int, horizon: int) -> tuple[pd.DataFrame, dict[str, np.ndarray]]:
    """The developments and, per development, its station, size [MW], profile and years."""
    n_mv = len(mv_ids)
    existing = rng.random(n) < 0.4
    code = rng.choice(len(SECTOR_TABLE), n, p=SECTOR_TABLE["share"].to_numpy())
    sector = SECTOR_TABLE["sector"].to_numpy(dtype=object)[code]
    unit = SECTOR_TABLE["unit"].to_numpy(dtype=object)[code]
    median = SECTOR_TABLE["median"].to_numpy(dtype=float)[code]
    sigma = SECTOR_TABLE["sigma"].to_numpy(dtype=float)[code]
    grow = np.where(existing, SECTOR_TABLE["existing"].to_numpy(dtype=float)[code], 1.0)
    size = median * grow * rng.lognormal(0.0, sigma)
    whole = np.isin(sector, ("housing", "mobility"))
    size = np.where(whole, np.maximum(np.round(size), 1.0), np.round(size, 2).clip(0.05))
    # stations differ in size (existing load) and, independently, in growth (new load)
    weight_existing = rng.lognormal(0.0, 0.5, n_mv)
    weight_new = rng.lognormal(0.0, 1.0, n_mv)
    station = np.where(existing, rng.choice(n_mv, n, p=weight_existing / weight_existing.sum()),
                       rng.choice(n_mv, n, p=weight_new / weight_new.sum()))

    industry = sector == "industry"
    old_homes = existing & (sector == "housing")
    demand_mw = np.full(n, np.nan)
    demand_mw[industry] = size[industry]
    demand_mw[old_homes] = np.round(size[old_homes] * EXISTING_HOUSING_KW / 1000, 3)
    quantity = np.where(industry, np.nan, size)
    profile = np.full(n, None, dtype=object)
    profile[industry] = "flat"
    profile[old_homes] = "household"

    start = np.where(existing, rng.integers(first_year - 10, first_year, n),
                     rng.integers(first_year, max(horizon - 1, first_year + 1), n))
    end = np.where(existing, np.minimum(start + rng.integers(0, 4, n), first_year - 1),
                   np.minimum(start + rng.integers(0, 5, n), LAST_YEAR))
    certainty = np.where(existing, 5, np.clip(5 - (start - first_year) // 3
                                              + rng.integers(-1, 2, n), 1, 5))
    draw = rng.random(n)
    acm = np.where(draw < 0.04, 2, np.where(draw < 0.14, 3, 0))
    ids = _labels("D-", n, 5)
    label = {"housing": "Woningbouw", "business_park": "Bedrijventerrein",
             "industry": "Industrie", "mobility": "Laadpunten", "solar": "Zonnepark",
             "wind": "Windpark"}
    names = (pd.Series(sector).map(label) + np.where(existing, " (bestaand) ", " ")
             + pd.Series(mv_ids[station]) + " " + pd.Series(ids))
    frame = typed_table("developments", {
        "id": ids, "name": names.to_numpy(dtype=object), "sector": sector,
        "area_id": mv_area[station], "asset_id": mv_ids[station], "carrier": "electricity",
        "quantity": quantity, "unit": unit, "demand_mw": demand_mw, "profile": profile,
        "start_year": start, "end_year": end, "certainty": certainty, "acm_priority": acm,
        "policy_goals": SECTOR_TABLE["goals"].to_numpy(dtype=object)[code], "source": SOURCE,
    }, n)

    # full size [MW] and profile of each development, as the load engine derives them
    params = UNIT_PARAMETERS.set_index("sector").reindex(sector)
    per_unit_demand = params["demand_kw_per_unit"].to_numpy(dtype=float) / 1000
    per_unit_feedin = params["feedin_kw_per_unit"].to_numpy(dtype=float) / 1000
    full_demand = np.where(np.isnan(demand_mw), np.nan_to_num(quantity * per_unit_demand),
                           demand_mw)
    full_feedin = np.nan_to_num(quantity * per_unit_feedin)
    profile_name = np.where(pd.isna(profile), params["profile"].to_numpy(dtype=object), profile)
    profile_code = pd.Index(PROFILE_NAMES).get_indexer(profile_name)
    return frame, {"station": station, "demand": full_demand, "feedin": full_feedin,
                   "profile": profile_code, "start": start, "end": end}


def _contributions(dev: dict[str, np.ndarray], rows: np.ndarray, n_rows: int,
                   year: int) -> tuple[np.ndarray, np.ndarray]:
    """(row, profile) demand and feed-in of the developments in ``year`` (linear phasing),
    summed per row (``rows`` gives each development's row)."""
    share = np.clip((year - dev["start"] + 1) / (dev["end"] - dev["start"] + 1), 0.0, 1.0)
    cell = rows * len(PROFILE_NAMES) + dev["profile"]
    size = n_rows * len(PROFILE_NAMES)
    demand = np.bincount(cell, dev["demand"] * share, minlength=size)
    feedin = np.bincount(cell, dev["feedin"] * share, minlength=size)
    shape = (n_rows, len(PROFILE_NAMES))
    return demand.reshape(shape), feedin.reshape(shape)


def _capacity(rng: np.random.Generator, peak: np.ndarray, floor: np.ndarray) -> np.ndarray:
    """A capacity that ``peak`` uses for 60–95 %, at least ``floor``."""
    return np.round(np.maximum(peak / rng.uniform(0.6, 0.95, len(peak)), floor), 1)


def variants_workspace(n_projects: int = 500, n_developments: int = 3000, n_hv: int = 20,
                       n_mv: int = 200, first_year: int = 2026, horizon: int = 2040,
                       seed: int = 0) -> Workspace:
    """A valid synthetic workspace for the variants (project scheduling) benchmark.

    ``n_hv`` 150 kV stations under one 380 kV root, ``n_mv`` MV stations, ``n_developments``
    developments, ``n_projects`` projects (about 10 % in the investment plans) and scarce
    resources for ``first_year`` … ``horizon``. See the module docstring for the workload.
    """
    if n_hv < 1 or n_mv < 1 or n_projects < 10 or horizon - first_year < 4:
        raise ValueError("need n_hv ≥ 1, n_mv ≥ 1, n_projects ≥ 10 and ≥ 5 years")
    rng = np.random.default_rng(seed)
    profiles, matrix = _profiles()

    # --- grid topology -------------------------------------------------------------------
    hv_ids = _labels("HS150-", n_hv, 3)
    mv_ids = _labels("MS-", n_mv, 4)
    area_ids = _labels("GM-S", n_hv, 3)
    mv_parent = np.concatenate([np.arange(min(n_hv, n_mv)),
                                rng.integers(0, n_hv, max(n_mv - n_hv, 0))])
    rng.shuffle(mv_parent)
    hv_enexis = rng.random(n_hv) < 0.25
    if n_hv > 1:
        hv_enexis[-1] = True
    mv_operator = np.where(hv_enexis[mv_parent], "Enexis", "Stedin").astype(object)
    mv_area = area_ids[mv_parent]

    developments, dev = _developments(rng, n_developments, mv_ids, mv_area, first_year, horizon)
    # the first year: existing developments plus the first phase of those starting then
    first_mv = _contributions(dev, dev["station"], n_mv, first_year)
    final_mv = _contributions(dev, dev["station"], n_mv, horizon)

    def up(contribution: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        rows = np.zeros((n_hv, len(PROFILE_NAMES)))
        other = np.zeros((n_hv, len(PROFILE_NAMES)))
        np.add.at(rows, mv_parent, contribution[0])
        np.add.at(other, mv_parent, contribution[1])
        return rows, other

    mv_peak_d, mv_peak_f = _peaks(*first_mv, matrix)
    mv_final_d, mv_final_f = _peaks(*final_mv, matrix)
    hv_peak_d, hv_peak_f = _peaks(*up(first_mv), matrix)
    hv_final_d, hv_final_f = _peaks(*up(final_mv), matrix)
    root_final_d, root_final_f = _peaks(*(c.sum(axis=0, keepdims=True) for c in up(final_mv)),
                                        matrix)

    mv_cap_d = _capacity(rng, mv_peak_d, np.full(n_mv, 5.0))
    mv_cap_f = _capacity(rng, mv_peak_f, np.round(0.3 * mv_cap_d, 1))
    hv_cap_d = _capacity(rng, hv_peak_d, np.full(n_hv, 20.0))
    hv_cap_f = _capacity(rng, hv_peak_f, np.round(0.3 * hv_cap_d, 1))
    mv_need_d = np.maximum(mv_final_d - mv_cap_d, 0.0)
    mv_need_f = np.maximum(mv_final_f - mv_cap_f, 0.0)
    hv_need_d = np.maximum(hv_final_d - hv_cap_d, 0.0)
    hv_need_f = np.maximum(hv_final_f - hv_cap_f, 0.0)

    hv_x = rng.uniform(90_000, 250_000, n_hv)
    hv_y = rng.uniform(340_000, 580_000, n_hv)
    mv_x = hv_x[mv_parent] + rng.normal(0, 4_000, n_mv)
    mv_y = hv_y[mv_parent] + rng.normal(0, 4_000, n_mv)

    # --- projects ------------------------------------------------------------------------
    n_new = min(max(1, round(0.04 * n_projects)), n_mv // 5)
    n_cable = round(0.04 * n_projects) if n_hv > 1 else 0
    n_hvx = min(round(0.08 * n_projects), 2 * n_hv)
    n_storage = round(0.08 * n_projects)
    n_flex = round(0.12 * n_projects)
    n_mvx = n_projects - n_new - n_cable - n_hvx - n_storage - n_flex
    n_alternatives = min(max(1, n_projects // 50), n_mvx // 4, n_mv)
    parts: list[pd.DataFrame] = []
    effects: list[pd.DataFrame] = []

    def add(part: dict[str, object], rows: list[dict[str, object]]) -> np.ndarray:
        """Append projects (``part``) and their effects (``rows``: ``pos`` is the position
        within the part); returns the global positions of the projects."""
        frame = pd.DataFrame(part)
        offset = sum(len(p) for p in parts)
        parts.append(frame)
        for row in rows:
            effects.append(pd.DataFrame({**row, "pos": np.asarray(row["pos"]) + offset}))
        return offset + np.arange(len(frame))

    # new 150 kV stations: each takes 2–5 MV stations, preferably under overloaded HV stations
    new_ids = _labels("HS150-N", n_new, 2)
    moved_mv = np.array([], dtype=int)
    if n_new:
        takes = rng.integers(2, 6, n_new)
        weight = 1.0 + 5.0 * hv_need_d[mv_parent] / hv_cap_d[mv_parent]
        moved_mv = rng.choice(n_mv, int(takes.sum()), replace=False, p=weight / weight.sum())
        station_of = np.repeat(np.arange(n_new), takes)
        moved_load = np.bincount(station_of, mv_final_d[moved_mv], minlength=n_new)
        moved_feedin = np.bincount(station_of, mv_final_f[moved_mv], minlength=n_new)
        capex = rng.uniform(60, 150, n_new).round(2)
        new_d = np.maximum(capex / 0.75, 1.2 * moved_load).round(0)
        new_f = np.maximum(0.8 * capex / 0.75, 1.2 * moved_feedin).round(0)
        first_moved = moved_mv[np.r_[0, np.cumsum(takes)[:-1]]]
        new_area = mv_area[first_moved]
        new_x = np.bincount(station_of, mv_x[moved_mv]) / takes
        new_y = np.bincount(station_of, mv_y[moved_mv]) / takes
        add({"cls": "new_station", "operator": "TenneT", "capex": capex, "asset": new_ids,
             "area": new_area, "name": "Nieuw 150 kV-station " + pd.Series(new_ids)},
            [{"pos": np.arange(n_new), "asset_id": new_ids, "delta_demand_mw": new_d,
              "delta_feedin_mw": new_f, "new_parent_id": None},
             {"pos": station_of, "asset_id": mv_ids[moved_mv], "delta_demand_mw": 0.0,
              "delta_feedin_mw": 0.0, "new_parent_id": new_ids[station_of]}])
    else:
        new_area = new_x = new_y = np.array([])

    # HV expansions, first on the most overloaded HV stations
    hv_order = np.argsort(-(hv_need_d / hv_cap_d + hv_need_f / hv_cap_f
                            + rng.uniform(0, 0.05, n_hv)), kind="stable")
    hv_target = np.resize(hv_order, n_hvx)
    delta = np.maximum(hv_need_d[hv_target] * rng.uniform(0.8, 1.3, n_hvx),
                       rng.uniform(40, 100, n_hvx)).round(0)
    delta_f = np.maximum(hv_need_f[hv_target] * rng.uniform(0.8, 1.3, n_hvx),
                         delta * rng.uniform(0.5, 1.0, n_hvx)).round(0)
    capex = (0.4 * delta * rng.uniform(0.9, 1.1, n_hvx)).clip(5, 40).round(2)
    hvx_pos = add({"cls": "hv_expansion", "operator": "TenneT", "capex": capex,
                   "asset": hv_ids[hv_target], "area": area_ids[hv_target],
                   "name": "Uitbreiding " + pd.Series(hv_ids[hv_target]) + " (+"
                   + pd.Series(delta).map("{:.0f}".format) + " MW)"},
                  [{"pos": np.arange(n_hvx), "asset_id": hv_ids[hv_target],
                    "delta_demand_mw": delta, "delta_feedin_mw": delta_f,
                    "new_parent_id": None}])

    # 150 kV cables between two HV stations: capacity at both ends
    if n_cable:
        a = rng.integers(0, n_hv, n_cable)
        b = (a + rng.integers(1, n_hv, n_cable)) % n_hv
        gain = rng.uniform(20, 60, (2, n_cable)).round(0)
        add({"cls": "cable", "operator": "TenneT", "capex": rng.uniform(20, 70, n_cable).round(2),
             "asset": hv_ids[a], "area": area_ids[a],
             "name": "150 kV-kabel " + pd.Series(hv_ids[a]) + "–" + pd.Series(hv_ids[b])},
            [{"pos": np.arange(n_cable), "asset_id": hv_ids[a], "delta_demand_mw": gain[0],
              "delta_feedin_mw": gain[0], "new_parent_id": None},
             {"pos": np.arange(n_cable), "asset_id": hv_ids[b], "delta_demand_mw": gain[1],
              "delta_feedin_mw": gain[1], "new_parent_id": None}])

    # MV expansions: every station in order of shortage, then second stages; a few alternatives
    score = mv_need_d / mv_cap_d + mv_need_f / mv_cap_f + rng.uniform(0, 0.05, n_mv)
    mv_order = np.argsort(-score, kind="stable")
    n_primary = n_mvx - n_alternatives
    target = np.concatenate([np.resize(mv_order, n_primary), mv_order[:n_alternatives]])
    stage = np.concatenate([np.arange(n_primary) // n_mv + 1, np.zeros(n_alternatives, int)])
    bigger = np.where(stage == 0, 1.6, 1.0)
    delta = (bigger * np.maximum(mv_need_d[target] * rng.uniform(1.0, 1.4, n_mvx),
                                 np.maximum(0.25 * mv_cap_d[target], 7.0))).round(1)
    delta_f = np.maximum(mv_need_f[target] * rng.uniform(1.0, 1.4, n_mvx),
                         delta * rng.uniform(0.3, 1.0, n_mvx)).round(1)
    capex = (0.69 * delta * rng.uniform(0.85, 1.15, n_mvx)).clip(5, 40).round(2)
    suffix = np.where(stage == 0, " (variant B)", np.where(stage > 1, " (fase 2)", ""))
    mvx_pos = add({"cls": "mv_expansion", "operator": mv_operator[target], "capex": capex,
                   "asset": mv_ids[target], "area": mv_area[target],
                   "name": "Uitbreiding " + pd.Series(mv_ids[target]) + " (+"
                   + pd.Series(delta).map("{:.0f}".format) + " MW)" + suffix},
                  [{"pos": np.arange(n_mvx), "asset_id": mv_ids[target],
                    "delta_demand_mw": delta, "delta_feedin_mw": delta_f,
                    "new_parent_id": None}])
    alternative_pos = mvx_pos[n_primary:]
    primary_of_alternative = mvx_pos[:n_alternatives]  # same stations, in the same order

    # storage and flex contracts on MV stations with a shortage (mostly)
    weight = 0.2 + score
    for cls, count, name, sizes in (
        ("storage", n_storage, "Buurtbatterij ", ((2, 10), (2, 12))),
        ("flex_contract", n_flex, "Flexcontract ", ((1, 6), (0, 5))),
    ):
        at = rng.choice(n_mv, count, p=weight / weight.sum())
        d = rng.uniform(*sizes[0], count).round(1)
        f = rng.uniform(*sizes[1], count).round(1)
        if cls == "storage":
            capex = (d * rng.uniform(1.2, 1.8, count)).clip(2, 20).round(2)
        else:
            capex = rng.uniform(1, 5, count).round(2)
        add({"cls": cls, "operator": mv_operator[at], "capex": capex, "asset": mv_ids[at],
             "area": mv_area[at], "name": name + pd.Series(mv_ids[at])},
            [{"pos": np.arange(count), "asset_id": mv_ids[at], "delta_demand_mw": d,
              "delta_feedin_mw": f, "new_parent_id": None}])

    projects = pd.concat(parts, ignore_index=True)
    n = len(projects)
    ids = _labels("P-", n, 4)
    kind = KINDS.loc[projects["cls"]]
    lead = rng.integers(kind["lead_lo"].to_numpy(), kind["lead_hi"].to_numpy() + 1)
    lead = np.minimum(lead, horizon - first_year)
    build = np.minimum(rng.integers(kind["build_lo"].to_numpy(), kind["build_hi"].to_numpy() + 1),
                       lead)
    transformers = rng.integers(kind["tr_lo"].to_numpy(), kind["tr_hi"].to_numpy() + 1)
    capex = projects["capex"].to_numpy(dtype=float)
    fte = (capex * kind["fte_per_meur"].to_numpy() * rng.uniform(0.8, 1.2, n)).round(2)

    # about 10 % in the investment plans: not flex contracts, not part of an alternative pair
    in_pair = np.zeros(n, dtype=bool)
    in_pair[np.concatenate([alternative_pos, primary_of_alternative])] = True
    eligible = np.flatnonzero(~in_pair & (projects["cls"] != "flex_contract").to_numpy())
    in_ip = np.zeros(n, dtype=bool)
    in_ip[rng.choice(eligible, min(round(0.1 * n), len(eligible)), replace=False)] = True
    ip_year = np.where(in_ip, np.minimum(first_year + lead + rng.integers(0, 4, n), horizon),
                       np.nan)

    # precedence: a candidate MV expansion may need the first expansion of the HV station above
    requires = np.full(n, None, dtype=object)
    first_hvx = pd.Series(hvx_pos, index=hv_target).groupby(level=0).first()
    mv_of = pd.Index(mv_ids).get_indexer(projects["asset"].to_numpy(dtype=object)[mvx_pos])
    needed = first_hvx.reindex(mv_parent[mv_of]).to_numpy()
    can = ~np.isnan(needed) & ~in_ip[mvx_pos] & ~np.isin(mv_of, moved_mv)
    pick = can & (rng.random(len(mvx_pos)) < 0.35)
    if can.any() and not pick.any():
        pick[np.flatnonzero(can)[0]] = True
    requires[mvx_pos[pick]] = ids[needed[pick].astype(int)]
    excludes = np.full(n, None, dtype=object)
    excludes[alternative_pos] = ids[primary_of_alternative]
    excludes[primary_of_alternative] = ids[alternative_pos]

    candidate = ~in_ip
    late = candidate & (rng.random(n) < 0.1)
    earliest = np.where(late, np.minimum(first_year + lead + rng.integers(1, 6, n), horizon),
                        np.nan)
    claim = (kind["claim_ha"].to_numpy() * rng.uniform(0.5, 1.5, n)).round(2)
    projects_frame = typed_table("projects", {
        "id": ids, "name": projects["name"].to_numpy(dtype=object),
        "operator": projects["operator"].to_numpy(dtype=object), "carrier": "electricity",
        "kind": kind["kind"].to_numpy(dtype=object), "capex_meur": capex,
        "capex_low_meur": (capex * rng.uniform(0.7, 0.8, n)).round(2),
        "capex_high_meur": (capex * rng.uniform(1.3, 1.6, n)).round(2), "fte_years": fte,
        "transformers": transformers, "lead_time_years": lead, "build_years": build,
        "earliest_year": earliest, "status": np.where(in_ip, "in_ip", "candidate"),
        "ip_year": ip_year, "requires": requires, "excludes": excludes,
        "area_id": projects["area"].to_numpy(dtype=object), "spatial_claim_ha": claim,
        "confidential": False, "source": SOURCE,
    }, n)
    effect_rows = pd.concat(effects, ignore_index=True)
    project_effects = typed_table("project_effects", {
        "project_id": ids[effect_rows["pos"].to_numpy()],
        "asset_id": effect_rows["asset_id"].to_numpy(dtype=object),
        "delta_demand_mw": effect_rows["delta_demand_mw"].to_numpy(dtype=float),
        "delta_feedin_mw": effect_rows["delta_feedin_mw"].to_numpy(dtype=float),
        "new_parent_id": effect_rows["new_parent_id"].to_numpy(dtype=object),
    }, len(effect_rows))

    # --- resources -----------------------------------------------------------------------
    years = np.arange(first_year, horizon + 1)
    operator = projects["operator"].to_numpy(dtype=object)
    safe_ip = np.nan_to_num(ip_year, nan=-1).astype(int)[:, None]
    building = (years[None, :] >= safe_ip - build[:, None]) & (years[None, :] < safe_ip)
    last = years[None, :] == safe_ip - 1
    ramp = np.linspace(0.8, 1.2, len(years)) * rng.uniform(0.9, 1.1, len(years))
    ramp /= ramp.sum()
    scarcity = 0.5
    blocks = []
    for op in OPERATORS:
        mine = operator == op
        fixed = mine & in_ip
        free = mine & candidate
        spend = (capex / build)[fixed] @ building[fixed]
        work = (fte / build)[fixed] @ building[fixed]
        need = transformers[fixed] @ last[fixed]
        share = np.floor(np.cumsum(ramp) * scarcity * transformers[free].sum() + 1e-9)
        blocks.append(pd.DataFrame({
            "year": years, "operator": op,
            "budget_meur": (spend + ramp * scarcity * capex[free].sum()).round(3) + 0.001,
            "fte": (work + ramp * scarcity * fte[free].sum()).round(3) + 0.001,
            "transformers": need + np.diff(np.r_[0.0, share]).astype(int),
        }))
    resource_rows = pd.concat(blocks, ignore_index=True)
    resources = typed_table("resources", {c: resource_rows[c].to_numpy() for c in resource_rows},
                       len(resource_rows))

    # --- assets --------------------------------------------------------------------------
    n_storage_assets = min(5, n_mv)
    battery_at = rng.choice(n_mv, n_storage_assets, replace=False)
    battery_mw = rng.uniform(1, 5, n_storage_assets).round(1)
    root_d, root_f = 1.5 * float(root_final_d[0]), 1.5 * float(root_final_f[0])
    asset_ids = np.concatenate([[ROOT], hv_ids, new_ids, mv_ids,
                                _labels("BAT-", n_storage_assets, 2)])
    kinds = np.repeat(["hv_station", "hv_station", "hv_station", "mv_station", "storage"],
                      [1, n_hv, n_new, n_mv, n_storage_assets]).astype(object)
    x = np.concatenate([[hv_x.mean()], hv_x, new_x, mv_x, mv_x[battery_at] + 150])
    y = np.concatenate([[hv_y.mean()], hv_y, new_y, mv_y, mv_y[battery_at] + 150])
    n_assets = len(asset_ids)
    assets = typed_table("assets", {
        "id": asset_ids,
        "name": np.concatenate([["Synthetisch 380/150 kV"], hv_ids + " 150 kV",
                                new_ids + " (gepland)", mv_ids + " MS",
                                "Buurtbatterij " + mv_ids[battery_at]]),
        "carrier": "electricity", "kind": kinds,
        "operator": np.concatenate([np.full(1 + n_hv + n_new, "TenneT", dtype=object),
                                    mv_operator, mv_operator[battery_at]]),
        "voltage_kv": np.concatenate([[380.0], np.full(n_hv + n_new, 150.0),
                                      rng.choice([10.0, 20.0], n_mv),
                                      np.full(n_storage_assets, 10.0)]),
        "parent_id": np.concatenate([[None], np.full(n_hv + n_new, ROOT, dtype=object),
                                     hv_ids[mv_parent], mv_ids[battery_at]]),
        "area_id": np.concatenate([[PROVINCE], area_ids, new_area, mv_area,
                                   mv_area[battery_at]]),
        "capacity_demand_mw": np.concatenate([[round(root_d, 0)], hv_cap_d, np.zeros(n_new),
                                              mv_cap_d, battery_mw]),
        "capacity_feedin_mw": np.concatenate([[round(root_f, 0)], hv_cap_f, np.zeros(n_new),
                                              mv_cap_f, battery_mw]),
        "storage_energy_mwh": np.concatenate([np.full(n_assets - n_storage_assets, np.nan),
                                              4 * battery_mw]),
        "geometry": shapely.points(x, y), "confidential": False,
    }, n_assets)

    # --- areas, unit parameters, scenarios -----------------------------------------------
    areas = typed_table("areas", {
        "id": np.concatenate([[PROVINCE], area_ids]),
        "name": np.concatenate([["Synthetische provincie"], "Gemeente " + area_ids]),
        "kind": np.concatenate([["province"], np.full(n_hv, "municipality", dtype=object)]),
        "parent_id": np.concatenate([[None], np.full(n_hv, PROVINCE, dtype=object)]),
    }, n_hv + 1)
    unit_parameters = typed_table("unit_parameters", {
        **{c: UNIT_PARAMETERS[c].to_numpy() for c in UNIT_PARAMETERS}, "carrier": "electricity",
    }, len(UNIT_PARAMETERS))
    scenarios = typed_table("scenarios", {
        "id": ["BASIS", "HOOG"], "name": ["Basis", "Hoge elektrificatie"],
        "description": ["De ontwikkelingen zoals opgegeven (factor 1)",
                        "Meer elektrificatie en meer zon en wind dan opgegeven"],
        "source": SOURCE,
    }, 2)
    growth = pd.Series({"housing": 0.2, "business_park": 0.25, "industry": 0.35,
                        "mobility": 0.4, "solar": 0.5, "wind": 0.3})
    t = (years - first_year) / (horizon - first_year)
    scenario_ids = np.repeat(["BASIS", "HOOG"], len(growth) * len(years))
    sectors = np.tile(np.repeat(growth.index.to_numpy(dtype=object), len(years)), 2)
    factor = np.concatenate([np.ones(len(growth) * len(years)),
                             (1 + np.outer(growth.to_numpy(), t)).ravel().round(3)])
    scenario_factors = typed_table("scenario_factors", {
        "scenario_id": scenario_ids, "sector": sectors, "year": np.tile(years, 2 * len(growth)),
        "factor": factor,
    }, len(factor))

    return Workspace(areas=areas, assets=assets, developments=developments,
                     unit_parameters=unit_parameters, profiles=profiles, projects=projects_frame,
                     project_effects=project_effects, resources=resources, scenarios=scenarios,
                     scenario_factors=scenario_factors)
