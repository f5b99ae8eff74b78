"""The indicator registry: each figure recomputed independently from the workspace tables.

Two variants are checked: the example workspace with three candidate projects pinned
(``fixed``), so that a requirement (P-LW-MS needs P-ODR), a re-parenting (P-HTN-O) and a flex
contract are built; and the Utrecht dataset over all four scenarios and 2026–2030, where the
grid is congested and projects are needed in some scenarios and not in others. Expected values
are computed here from ``workspace.developments`` / ``workspace.projects`` and the variant's
arrays (``start``, ``connected``, ``overload``), not by calling the indicator code again.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from pmiek.adapters.files import read_workspace
from pmiek.adapters.files.lenses import load_lens
from pmiek.assessment.indicators import (
    REGISTRY,
    compute_indicators,
    contributions,
    performance,
    registry_frame,
    sources,
)
from pmiek.assessment.measures import IndicatorParameters
from pmiek.assessment.no_regret import firm_developments, needed
from pmiek.domain.choice_rules import expand
from pmiek.domain.workspace import Workspace
from pmiek.errors import InputError
from pmiek.variants.result import Termination, VariantResult
from pmiek.variants.solve import design
from pmiek.variants.solver import SolverOptions
from pmiek.variants.verify import verify
from tests.assessment.firm_check import needed_by_verify

ACCEPTED = (Termination.OPTIMAL, Termination.GAP_LIMIT)
EXAMPLE_PINNED = {"P-LW-MS": 2030, "P-HTN-O": 2032, "P-FLEX": 2027}
UTRECHT_SCENARIOS = ["KM", "EV", "GB", "HA"]
CASES = ["example", pytest.param("utrecht", marks=pytest.mark.slow)]

Case = tuple[VariantResult, Workspace]


@pytest.fixture(scope="module")
def example_case(example: Workspace) -> Case:
    result = design(example, load_lens("evenwichtig"), fixed=EXAMPLE_PINNED,
                    options=SolverOptions(mip_gap=0.0, time_limit=30))
    assert result.termination is Termination.OPTIMAL, result.message
    return result, example


@pytest.fixture(scope="module")
def utrecht_case() -> Case:
    workspace = read_workspace("utrecht").workspace
    result = design(workspace, load_lens("evenwichtig"), UTRECHT_SCENARIOS, first_year=2026,
                    horizon=2030, options=SolverOptions(time_limit=30))
    assert result.termination in ACCEPTED, (result.termination, result.message)
    return result, workspace


@pytest.fixture(params=CASES)
def case(request: pytest.FixtureRequest) -> Case:
    found: Case = request.getfixturevalue(f"{request.param}_case")
    return found


# --- independent helpers --------------------------------------------------------------------

def scenario_names(result: VariantResult) -> list[str]:
    return [str(s) for s in result.instance.scenarios]


def phasing(table: pd.DataFrame, year: int) -> np.ndarray:
    """clip((y − start + 1) / (end − start + 1), 0, 1) per row of ``table``."""
    start = table["start_year"].to_numpy(dtype=float)
    end = table["end_year"].to_numpy(dtype=float)
    return np.clip((year - start + 1) / (end - start + 1), 0.0, 1.0)


def share_of(result: VariantResult, ids: pd.Series, scenario: int, year: int) -> np.ndarray:
    """The connected share of each development id in ``year`` (0: not a decision)."""
    p = result.instance
    at = int(np.flatnonzero(p.years == year)[0])
    index = pd.Index(p.dev_ids).get_indexer(ids.astype(str).to_numpy())
    return np.where(index >= 0, result.connected[scenario][np.maximum(index, 0), at], 0.0)


def new_developments(result: VariantResult, workspace: Workspace, sector: str,
                     unit: str) -> pd.DataFrame:
    dev = workspace.developments
    first = int(result.instance.years[0])
    hit = (dev["sector"].astype(object) == sector) & (dev["unit"].astype(object) == unit) & \
        (dev["start_year"].to_numpy(dtype=float) >= first)
    return dev[hit.to_numpy()]


def connected_quantity(result: VariantResult, workspace: Workspace, sector: str, unit: str,
                       year: int) -> np.ndarray:
    """(S,) Σ quantity × phasing × connected share in ``year`` of new developments."""
    table = new_developments(result, workspace, sector, unit)
    quantity = table["quantity"].to_numpy(dtype=float, na_value=0.0) * phasing(table, year)
    return np.array([(quantity * share_of(result, table["id"], s, year)).sum()
                     for s in range(len(result.instance.scenarios))])


def built_ids(result: VariantResult) -> list[str]:
    return [str(i) for i in result.instance.project_ids[np.asarray(result.start) >= 0]]


# --- the variants themselves ----------------------------------------------------------------

def test_the_variants_keep_every_rule(case: Case) -> None:
    result, _ = case
    assert verify(result) == []
    assert (np.asarray(result.start) >= 0).sum() >= 5


# --- 1. homes connected ---------------------------------------------------------------------

def test_homes_connected_2030_from_the_developments_table(case: Case) -> None:
    result, workspace = case
    expected = connected_quantity(result, workspace, "housing", "homes", 2030)
    got = compute_indicators(result, workspace)["homes_connected_2030"]
    assert list(got.index) == scenario_names(result)
    assert (expected > 0).all()
    np.testing.assert_allclose(got.to_numpy(), expected, rtol=1e-9, atol=1e-6)
    # every new housing development in homes is a decision of the instance (none dropped)
    table = new_developments(result, workspace, "housing", "homes")
    assert set(table["id"].astype(str)) <= set(result.instance.dev_ids)


def test_homes_connected_2035_inside_and_beyond_the_horizon(case: Case) -> None:
    result, workspace = case
    got = compute_indicators(result, workspace, indicators=("homes_connected_2035",))
    if result.instance.years[-1] >= 2035:
        expected = connected_quantity(result, workspace, "housing", "homes", 2035)
        np.testing.assert_allclose(got["homes_connected_2035"], expected, rtol=1e-9, atol=1e-6)
    else:  # "empty when the horizon ends earlier"
        assert got["homes_connected_2035"].isna().all()


def test_business_park_area_and_charge_points_from_the_table(case: Case) -> None:
    result, workspace = case
    got = compute_indicators(result, workspace)
    ha = connected_quantity(result, workspace, "business_park", "ha", 2030)
    points = connected_quantity(result, workspace, "mobility", "charge_points", 2030)
    assert ha.sum() > 0
    np.testing.assert_allclose(got["business_park_ha_2030"], ha, rtol=1e-9, atol=1e-6)
    np.testing.assert_allclose(got["charge_points_2030"], points, rtol=1e-9, atol=1e-6)


# --- 2. totals and their sources ------------------------------------------------------------

def test_sum_indicators_equal_their_contributions_and_sources(case: Case) -> None:
    result, workspace = case
    wide = compute_indicators(result, workspace)
    table = sources(result, workspace)
    names = scenario_names(result)
    summed = 0
    for ident in REGISTRY:
        part = contributions(result, workspace, ident)
        assert part.values.shape == (len(names), len(part.keys)), ident
        assert set(table.loc[table["indicator"] == ident, "aggregate"]) <= {part.aggregate}
        if part.aggregate != "sum":
            continue
        summed += 1
        total = wide[ident].to_numpy()
        np.testing.assert_allclose(total, part.values.sum(axis=1), rtol=1e-9, atol=1e-9,
                                   equal_nan=True, err_msg=ident)
        rows = table[table["indicator"] == ident]
        by_scenario = rows.groupby("scenario")["contribution"].sum().reindex(names).fillna(0.0)
        finite = np.isfinite(total)
        np.testing.assert_allclose(by_scenario.to_numpy()[finite], total[finite], rtol=1e-9,
                                   atol=1e-9, err_msg=ident)
        assert (rows["contribution"] != 0).all()
    assert summed >= 15


def test_source_items_name_rows_of_the_workspace(case: Case) -> None:
    result, workspace = case
    table = sources(result, workspace)
    # the developments of the data and the rows its choice rules make ('<id>~<rule>')
    devs = set(expand(workspace).developments["id"].astype(str))
    projects = set(workspace.projects["id"].astype(str))
    assert set(table.loc[table["kind"] == "development", "item"]) <= devs
    assert set(table.loc[table["kind"] == "project", "item"]) <= set(built_ids(result))
    assert set(built_ids(result)) <= projects
    assets = set(workspace.assets["id"].astype(str))
    rows = table.loc[table["kind"] == "row", "item"].str.split(" / ")
    assert all(r[0] in assets and r[1] in ("demand", "feedin") for r in rows)


def test_performance_is_the_long_form_of_the_matrix(example_case: Case) -> None:
    result, workspace = example_case
    long = performance({"a": result, "b": result}, workspace,
                       indicators=("capex_meur", "homes_connected_2030"))
    assert len(long) == 2 * 2 * len(result.instance.scenarios)
    assert list(long.columns) == ["variant", "scenario", "indicator", "value"]
    wide = compute_indicators(result, workspace)
    for row in long.itertuples():
        assert row.value == pytest.approx(wide.at[row.scenario, row.indicator])


# --- 3. project columns ---------------------------------------------------------------------

@pytest.mark.parametrize("column", ["capex_meur", "fte_years", "spatial_claim_ha",
                                    "transformers", "capex_low_meur", "capex_high_meur"])
def test_project_sums_from_the_projects_table(case: Case, column: str) -> None:
    result, workspace = case
    table = workspace.projects.set_index(workspace.projects["id"].astype(str))
    expected = table.loc[built_ids(result), column].astype(float).fillna(0.0).sum()
    assert expected > 0
    got = compute_indicators(result, workspace)[column]
    np.testing.assert_allclose(got, expected, rtol=1e-12)


def test_capex_range_is_high_minus_low(case: Case) -> None:
    result, workspace = case
    table = workspace.projects.set_index(workspace.projects["id"].astype(str))
    chosen = table.loc[built_ids(result)]
    expected = (chosen["capex_high_meur"].astype(float) - chosen["capex_low_meur"].astype(float)
                ).sum()
    got = compute_indicators(result, workspace, indicators=("capex_range_meur",))
    np.testing.assert_allclose(got["capex_range_meur"], expected, rtol=1e-12)


def spend_years(row: pd.Series, year: int, first: int, last: int) -> list[int]:
    """The calendar years a project in service from ``year`` spends in: the ``build_years``
    before it, within the horizon."""
    build = max(int(row["build_years"]) if pd.notna(row["build_years"]) else 1, 1)
    return [t for t in range(year - build, year) if first <= t <= last]


def discounted_cost(result: VariantResult, workspace: Workspace, pid: str) -> float:
    """capex × the lens' cost factor, spread over the build years, discounted."""
    p = result.instance
    row = workspace.projects.set_index(workspace.projects["id"].astype(str)).loc[pid]
    year = int(p.years[int(result.start[list(p.project_ids).index(pid)])])
    first, last = int(p.years[0]), int(p.years[-1])
    build = max(int(row["build_years"]) if pd.notna(row["build_years"]) else 1, 1)
    factor = p.lens.project_cost_factors.get(str(row["kind"]), 1.0)
    return sum(float(row["capex_meur"]) / build * factor
               * (1 + p.lens.discount_rate) ** -(t - first)
               for t in spend_years(row, year, first, last))


def test_discounted_cost_from_the_projects_table(case: Case) -> None:
    result, workspace = case
    expected = sum(discounted_cost(result, workspace, pid) for pid in built_ids(result))
    assert expected > 0
    got = compute_indicators(result, workspace)["cost_meur"]
    np.testing.assert_allclose(got, expected, rtol=1e-9)


def test_value_minus_penalty_minus_cost_is_the_objective(case: Case) -> None:
    result, workspace = case
    p = result.instance
    got = compute_indicators(result, workspace)
    net = got["societal_value_meur"] - got["overload_penalty_meur"] - got["cost_meur"]
    assert float(p.probability @ net.to_numpy()) == pytest.approx(result.objective, rel=1e-6,
                                                                   abs=1e-6)


def test_workforce_pressure_from_the_resources_table(case: Case) -> None:
    result, workspace = case
    p = result.instance
    first, last = int(p.years[0]), int(p.years[-1])
    table = workspace.projects.set_index(workspace.projects["id"].astype(str))
    used: dict[tuple[str, int], float] = {}
    for pid in built_ids(result):
        row = table.loc[pid]
        year = int(p.years[int(result.start[list(p.project_ids).index(pid)])])
        build = max(int(row["build_years"]), 1)
        for t in spend_years(row, year, first, last):
            key = (str(row["operator"]), t)
            used[key] = used.get(key, 0.0) + float(row["fte_years"]) / build
    ratios = [used.get((str(r.operator), int(r.year)), 0.0) / float(r.fte)
              for r in workspace.resources.itertuples()
              if first <= int(r.year) <= last and pd.notna(r.fte) and float(r.fte) > 0]
    assert max(ratios) > 0
    got = compute_indicators(result, workspace)["workforce_pressure"]
    np.testing.assert_allclose(got, max(ratios), rtol=1e-9)


def test_flex_mw_and_new_stations_from_the_tables(case: Case) -> None:
    result, workspace = case
    table = workspace.projects.set_index(workspace.projects["id"].astype(str))
    chosen = built_ids(result)
    kinds = table.loc[chosen, "kind"].astype(str)
    flexible = set(kinds[kinds.isin(["storage", "conversion", "flex_contract"])].index)
    effects = workspace.project_effects
    mw = sum(max(float(np.nan_to_num(e.delta_demand_mw)), float(np.nan_to_num(e.delta_feedin_mw)))
             for e in effects.itertuples() if str(e.project_id) in flexible)
    assert mw > 0
    got = compute_indicators(result, workspace)
    np.testing.assert_allclose(got["flex_mw"], mw, rtol=1e-12)
    np.testing.assert_array_equal(got["new_stations"], int((kinds == "new_station").sum()))


@pytest.mark.slow
def test_lead_time_risk_from_the_projects_table(case: Case) -> None:
    """Candidates built in max(first year + lead time, earliest_year); a year pinned later
    with ``fixed`` (the example case) is slack, not risk."""
    result, workspace = case
    p = result.instance
    first = int(p.years[0])
    table = workspace.projects.set_index(workspace.projects["id"].astype(str))
    count = 0
    for pid in built_ids(result):
        row = table.loc[pid]
        year = int(p.years[int(result.start[list(p.project_ids).index(pid)])])
        lead = float(row["lead_time_years"]) if pd.notna(row["lead_time_years"]) else 0.0
        earliest = float(row["earliest_year"]) if pd.notna(row["earliest_year"]) else -np.inf
        if row["status"] == "candidate" and year == max(first + lead, earliest):
            count += 1
    assert count > 0
    got = compute_indicators(result, workspace)["lead_time_risk"]
    np.testing.assert_array_equal(got, count)


def test_acm3_capacity_and_share_from_the_developments_table(case: Case) -> None:
    result, workspace = case
    p = result.instance
    at = int(np.flatnonzero(p.years == 2030)[0])
    rows = expand(workspace).developments  # with the rows the choice rules make
    dev = rows.set_index(rows["id"].astype(str))
    priority = dev.loc[list(p.dev_ids), "acm_priority"].to_numpy(dtype=float, na_value=0.0)
    high = priority >= 3
    assert high.any()
    got = compute_indicators(result, workspace)
    for s in range(len(p.scenarios)):
        planned = p.size_mw[s, high, at]
        connected = float((planned * result.connected[s, high, at]).sum())
        assert got["acm3_mw_2030"].iloc[s] == pytest.approx(connected, rel=1e-9, abs=1e-9)
        share = connected / planned.sum() if planned.sum() > 0 else 1.0
        assert got["acm3_share_2030"].iloc[s] == pytest.approx(share, rel=1e-9, abs=1e-9)


def test_indicators_of_2030_are_empty_when_the_horizon_ends_before(example: Workspace) -> None:
    result = design(example, load_lens("evenwichtig"), horizon=2029,
                    options=SolverOptions(time_limit=30))
    assert result.termination in ACCEPTED
    got = compute_indicators(result, example)
    for ident in ("homes_connected_2030", "business_park_ha_2030", "jobs_2030",
                  "industry_co2_kt_2030", "renewable_gwh_2030", "charge_points_2030",
                  "acm3_mw_2030", "acm3_share_2030", "developments_blocked_2030"):
        assert got[ident].isna().all(), ident
    assert got["capex_meur"].notna().all()


# --- 4./5. shortage and blocked developments ------------------------------------------------

def test_shortage_is_unconnected_capacity_plus_overload(case: Case) -> None:
    result, workspace = case
    p = result.instance
    got = compute_indicators(result, workspace)["shortage_mw_years"].to_numpy()
    for s in range(len(p.scenarios)):
        unconnected = sum(
            (1.0 - result.connected[s, d, y]) * p.size_mw[s, d, y]
            for d in range(p.n_developments) for y in range(len(p.years)))
        expected = unconnected + float(np.sum(result.overload[s]))
        assert got[s] == pytest.approx(expected, rel=1e-9, abs=1e-6)


def test_developments_blocked_2030_counts_planned_but_not_fully_connected(case: Case) -> None:
    result, workspace = case
    p = result.instance
    at = int(np.flatnonzero(p.years == 2030)[0])
    got = compute_indicators(result, workspace)["developments_blocked_2030"].to_numpy()
    counts = []
    for s in range(len(p.scenarios)):
        count = 0
        for d in range(p.n_developments):
            if p.size_mw[s, d, at] > 1e-6 and result.connected[s, d, at] < 1 - 1e-6:
                count += 1
        counts.append(count)
    np.testing.assert_array_equal(got, counts)


def test_utrecht_blocks_some_developments(utrecht_case: Case) -> None:
    result, workspace = utrecht_case
    got = compute_indicators(result, workspace)
    assert (got["developments_blocked_2030"] > 0).all()
    assert (got["shortage_mw_years"] > 0).all()


# --- 6. needed ------------------------------------------------------------------------------

def test_needed_agrees_with_the_independent_checker(case: Case) -> None:
    """needed[s, p] against the firm load (certainty ≥ 4, none of the variant's own
    connections) ⇔ :func:`tests.assessment.firm_check.needed_by_verify`: with p out of the
    schedule, ``verify`` finds a row of p's in-service year that p relieves over its limit in
    scenario s. The re-parenting projects (moves) are checked as well."""
    result, workspace = case
    p = result.instance
    got = needed(result, firm_developments(p, workspace))
    assert got.shape == (len(p.scenarios), p.n_projects)
    assert not got[:, np.asarray(result.start) < 0].any()
    np.testing.assert_array_equal(got, needed_by_verify(result, workspace))


def test_needed_is_not_trivial_on_utrecht(utrecht_case: Case) -> None:
    result, workspace = utrecht_case
    p = result.instance
    built = np.asarray(result.start) >= 0
    got = needed(result, firm_developments(p, workspace))[:, built]
    assert got.all(axis=0).any()  # some project is needed everywhere
    assert not got.all()  # and not every project everywhere
    moves = np.zeros(p.n_projects, dtype=bool)
    moves[np.asarray(p.move_project, dtype=int)] = True
    assert (moves & built).any()  # moves were part of the check
    # the no-regret indicator is the mean of needed over scenarios, per built project
    part = contributions(result, workspace, "no_regret_share")
    share = got.mean(axis=0)
    np.testing.assert_allclose(part.values, np.tile(share, (len(p.scenarios), 1)))
    total = compute_indicators(result, workspace)["no_regret_share"]
    np.testing.assert_allclose(total, share.mean())


# --- 7. registry hygiene --------------------------------------------------------------------

def test_every_registry_entry_is_documented() -> None:
    known = {f.name for f in dataclasses.fields(IndicatorParameters)}
    for ident, entry in REGISTRY.items():
        assert entry.id == ident
        assert entry.unit.strip(), ident
        assert entry.direction in {"benefit", "cost", "neutral"}, ident
        for text in (entry.name_nl, entry.name_en, entry.definition_nl, entry.definition_en):
            assert text.strip(), ident
        assert entry.name_nl != entry.name_en, ident
        assert entry.definition_nl != entry.definition_en, ident
        assert len(entry.inputs) >= 1 and all(i.strip() for i in entry.inputs), ident
        assert set(entry.parameters) <= known, ident
        assert entry.name("en") == entry.name_en and entry.name("nl") == entry.name_nl
        assert entry.definition("en") == entry.definition_en
    assert set(REGISTRY) >= {"homes_connected_2030", "capex_meur", "fte_years",
                             "spatial_claim_ha", "shortage_mw_years",
                             "developments_blocked_2030", "jobs_2030", "no_regret_share"}


def test_registry_frame_has_one_row_per_indicator() -> None:
    for lang in ("en", "nl"):
        frame = registry_frame(lang)
        assert list(frame["indicator"]) == list(REGISTRY)
        assert frame["indicator"].is_unique
        assert {"name", "unit", "direction", "definition", "inputs", "parameters"} <= set(
            frame.columns)
        for row in frame.itertuples():
            entry = REGISTRY[row.indicator]
            assert row.name == (entry.name_en if lang == "en" else entry.name_nl)
            assert row.definition == (entry.definition_en if lang == "en"
                                      else entry.definition_nl)
            assert row.inputs.split("; ") == list(entry.inputs)
    assert registry_frame("en").set_index("indicator").at["capex_meur", "name"] == \
        "Capital expenditure"


def test_unknown_indicators_are_input_errors(example_case: Case) -> None:
    result, workspace = example_case
    with pytest.raises(InputError, match="no_such_indicator"):
        contributions(result, workspace, "no_such_indicator")
    with pytest.raises(InputError, match="no_such_indicator"):
        compute_indicators(result, workspace, indicators=("capex_meur", "no_such_indicator"))
    with pytest.raises(InputError, match="no_such_indicator"):
        performance({"a": result}, workspace, indicators=("no_such_indicator",))


def test_sources_rejects_unknown_indicators_as_input_errors(example_case: Case) -> None:
    result, workspace = example_case
    with pytest.raises(InputError):
        sources(result, workspace, indicators=("no_such_indicator",))


# --- 8. parameters --------------------------------------------------------------------------

def test_jobs_per_ha_scales_the_business_park_jobs(case: Case) -> None:
    result, workspace = case
    ha = connected_quantity(result, workspace, "business_park", "ha", 2030)
    assert (ha > 0).all()
    unit = workspace.developments["unit"].astype(object)
    assert not (unit == "jobs").any()  # so all jobs come from business-park hectares
    base = IndicatorParameters()
    doubled = dataclasses.replace(base, jobs_per_ha=2 * base.jobs_per_ha)
    one = compute_indicators(result, workspace, base)
    two = compute_indicators(result, workspace, doubled)
    np.testing.assert_allclose(one["jobs_2030"], base.jobs_per_ha * ha, rtol=1e-9)
    np.testing.assert_allclose(two["jobs_2030"], 2 * base.jobs_per_ha * ha, rtol=1e-9)
    # the other indicators do not read jobs_per_ha
    others = [i for i in REGISTRY if "jobs_per_ha" not in REGISTRY[i].parameters]
    pd.testing.assert_frame_equal(one[others], two[others])
    # and sources follow the parameters too
    rows = sources(result, workspace, doubled, indicators=("jobs_2030",))
    np.testing.assert_allclose(
        rows.groupby("scenario")["contribution"].sum().reindex(scenario_names(result)),
        2 * base.jobs_per_ha * ha, rtol=1e-9)
