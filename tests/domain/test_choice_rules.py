"""The Energievisie's choices as rules, on a hand-built grid with exact answers.

One electricity station E (demand 100 MW) with three developments below it, a heat network H
and a hydrogen pipeline P. Scenario C picks ``heat_supply = collective``, scenario I picks
``individual``; both pick ``role_of_hydrogen = none`` or ``industry``. All profiles are flat,
so every load is its MW:

- NEW: 1,000 new homes from 2026 (1 year), 2.0 kW each = 2.0 MW, on E. ``collective`` splits
  portion 0.6 of it, share 0.75 to H (conversion 2.0) and 0.25 staying, along a path from 2027
  to 2030 (ramp 1/4, 2/4, 3/4, 1): in 2030 E loses 2.0 × 0.6 × 0.75 = 0.9 MW and H gains
  0.9 × 2.0 = 1.8 MW; in 2028 half of that.
- OLD: 3 MW of homes from 2020: not new (min_start_year 2024), never split.
- H2: 5 MW of hydrogen industry on P; ``none`` scales it by 0, ``industry`` keeps it.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from pmiek.adapters.cli.main import build_app
from pmiek.adapters.files import write_workspace
from pmiek.domain.choice_rules import (
    DERIVED_SEPARATOR,
    applied,
    expand,
    is_expanded,
    multipliers,
    options,
    ramps,
)
from pmiek.domain.provenance import content_hash
from pmiek.domain.validation import validate
from pmiek.domain.workspace import Workspace
from pmiek.insight import analyse, project_loads
from pmiek.insight.explain import explain
from pmiek.variants.instance import build_instance
from pmiek.variants.lenses import Lens
from tests.insight.builders import frame, make_workspace

YEARS = [2026, 2027, 2028, 2029, 2030]
RULES = [
    {"id": "IND", "choice": "heat_supply", "option": "individual", "action": "keep",
     "source": "test"},
    {"id": "COL-H", "choice": "heat_supply", "option": "collective", "action": "split",
     "sector": "housing", "carrier": "electricity", "min_start_year": 2024, "start_year": 2027,
     "end_year": 2030, "portion": 0.6, "share": 0.75, "to_carrier": "heat", "to_asset": "H",
     "to_sector": "heat_network", "conversion": 2.0, "description": "naar het warmtenet",
     "source": "test"},
    {"id": "COL-E", "choice": "heat_supply", "option": "collective", "action": "split",
     "sector": "housing", "carrier": "electricity", "min_start_year": 2024, "start_year": 2027,
     "end_year": 2030, "portion": 0.6, "share": 0.25, "source": "test"},
    {"id": "H2-NONE", "choice": "role_of_hydrogen", "option": "none", "action": "scale",
     "carrier": "hydrogen", "factor": 0.0, "source": "test"},
    {"id": "H2-IND", "choice": "role_of_hydrogen", "option": "industry", "action": "keep",
     "source": "test"},
]
PICKS = {"C": ("collective", "industry"), "I": ("individual", "none")}


def grid(rules: list[dict[str, object]] = RULES) -> Workspace:
    assets = [{"id": "E", "capacity_demand_mw": 100.0, "capacity_feedin_mw": 100.0},
              {"id": "H", "carrier": "heat", "kind": "heat_network",
               "capacity_demand_mw": 50.0, "capacity_feedin_mw": 0.0},
              {"id": "P", "carrier": "hydrogen", "kind": "pipeline",
               "capacity_demand_mw": 50.0, "capacity_feedin_mw": 0.0}]
    developments = [
        {"id": "NEW", "asset_id": "E", "sector": "housing", "quantity": 1000, "unit": "homes",
         "profile": "flat", "start_year": 2026, "end_year": 2026},
        {"id": "OLD", "asset_id": "E", "sector": "housing", "demand_mw": 3.0, "profile": "flat",
         "start_year": 2020, "end_year": 2020},
        {"id": "H2", "asset_id": "P", "sector": "industry", "carrier": "hydrogen",
         "demand_mw": 5.0, "profile": "flat", "start_year": 2026, "end_year": 2026},
    ]
    units = [{"sector": "housing", "carrier": "electricity", "unit": "homes",
              "demand_kw_per_unit": 2.0, "feedin_kw_per_unit": 0.0, "profile": "flat",
              "source": "test"}]
    ws = make_workspace(assets=assets, developments=developments, unit_parameters=units,
                        scenarios=list(PICKS))
    parameters = [{"scenario_id": s, "parameter": choice, "value": picked[k]}
                  for s, picked in PICKS.items()
                  for k, choice in enumerate(("heat_supply", "role_of_hydrogen"))]
    return ws.with_tables(scenario_parameters=frame("scenario_parameters", parameters),
                          choice_rules=frame("choice_rules", rules))


@pytest.fixture(scope="module")
def ws() -> Workspace:
    workspace = grid()
    assert not [p for p in validate(workspace) if p.severity.value == "error"]
    return workspace


def _mw(ws: Workspace, scenario: str | None, asset: str) -> np.ndarray:
    loads = project_loads(ws, scenario, years=YEARS)
    return np.asarray(loads["peak_demand_mw"].sel(asset=asset).to_numpy())


def test_each_scenario_picks_its_options(ws: Workspace) -> None:
    assert options(ws, "C") == {"heat_supply": "collective", "role_of_hydrogen": "industry"}
    assert options(ws, "I") == {"heat_supply": "individual", "role_of_hydrogen": "none"}
    assert options(ws, None) == {}


def test_the_path_ramps_like_phasing(ws: Workspace) -> None:
    ramp = ramps(ws.choice_rules, np.array(YEARS))
    np.testing.assert_allclose(ramp[1], [0.0, 0.25, 0.5, 0.75, 1.0])
    np.testing.assert_allclose(ramp[0], 1.0)  # no path: full from the start


def test_expand_adds_one_row_per_development_and_moving_route(ws: Workspace) -> None:
    grown = expand(ws)
    made = grown.developments[grown.developments["choice_rule"].notna()]
    assert list(made["id"]) == [f"NEW{DERIVED_SEPARATOR}COL-H"]  # OLD is not new, H2 no split
    row = made.iloc[0]
    assert (row["asset_id"], row["carrier"], row["sector"]) == ("H", "heat", "heat_network")
    assert row["demand_mw"] == pytest.approx(2.0 * 0.6 * 0.75 * 2.0)
    assert row["start_year"] == 2026 and "COL-H" in row["source"]
    assert list(grown.developments["id"][:3]) == ["NEW", "OLD", "H2"]  # rows keep positions
    assert is_expanded(grown) and expand(grown) is grown


def test_collective_moves_the_heat_pumps_part_to_the_heat_network(ws: Workspace) -> None:
    ramp = np.array([0.0, 0.25, 0.5, 0.75, 1.0])
    moved = 2.0 * 0.6 * 0.75 * ramp  # MW of electricity that leaves E
    np.testing.assert_allclose(_mw(ws, "I", "E"), 5.0)
    np.testing.assert_allclose(_mw(ws, "C", "E"), 5.0 - moved)
    np.testing.assert_allclose(_mw(ws, "I", "H"), 0.0)
    np.testing.assert_allclose(_mw(ws, "C", "H"), moved * 2.0)
    # without a scenario no choice applies
    np.testing.assert_allclose(_mw(ws, None, "E"), 5.0)
    np.testing.assert_allclose(_mw(ws, None, "H"), 0.0)


def test_hydrogen_appears_only_where_the_option_keeps_it(ws: Workspace) -> None:
    np.testing.assert_allclose(_mw(ws, "C", "P"), 5.0)
    np.testing.assert_allclose(_mw(ws, "I", "P"), 0.0)


def test_multipliers_of_the_data_rows_and_the_made_row(ws: Workspace) -> None:
    grown = expand(ws)
    ramp = np.array([0.0, 0.25, 0.5, 0.75, 1.0])
    m = multipliers(grown, "C", np.array(YEARS))
    np.testing.assert_allclose(m[0], 1.0 - 0.6 * 0.75 * ramp)  # NEW: the moved part leaves
    np.testing.assert_allclose(m[1], 1.0)  # OLD
    np.testing.assert_allclose(m[2], 1.0)  # H2 kept
    np.testing.assert_allclose(m[3], ramp)  # the made row grows along the path
    m = multipliers(grown, "I", np.array(YEARS))
    np.testing.assert_allclose(m[:, :], [[1.0] * 5, [1.0] * 5, [0.0] * 5, [0.0] * 5])


def test_every_affected_development_names_its_rules(ws: Workspace) -> None:
    grown = expand(ws)
    assert list(applied(grown, "C")) == ["COL-H;COL-E", "", "", "COL-H"]
    assert list(applied(grown, "I")) == ["", "", "H2-NONE", ""]
    terms, peak, _ = explain(ws, "H", 2030, "C")
    assert list(terms["rules"]) == ["COL-H"] and peak == pytest.approx(1.8)
    terms, _, _ = explain(ws, "E", 2030, "C")
    assert dict(zip(terms["development_id"], terms["rules"], strict=True)) == {
        "OLD": "", "NEW": "COL-H;COL-E"}


def test_insight_records_the_data_not_the_made_rows(ws: Workspace) -> None:
    result = analyse(ws, first_year=2026, horizon=2030)
    assert result.provenance.input_hash == content_hash(ws) != content_hash(expand(ws))
    rows = result.bottlenecks()
    heat = rows[(rows["asset_id"] == "H") & (rows["year"] == 2030)
                & (rows["direction"] == "afname")].set_index("scenario")["peak_mw"]
    assert heat.to_dict() == pytest.approx({"C": 1.8, "I": 0.0})


def _codes(ws: Workspace) -> list[tuple[str, str | None, str | None]]:
    return [(p.code.value, p.row_id, p.column) for p in validate(ws)
            if p.severity.value == "error"]


def test_shares_that_do_not_add_up_are_refused() -> None:
    rules = [dict(r) for r in RULES]
    rules[2]["share"] = 0.5
    assert _codes(grid(rules)) == [("choice_shares", "COL-H", "share")]


def test_a_route_without_its_carrier_is_refused() -> None:
    rules = [dict(r) for r in RULES]
    del rules[1]["to_carrier"]
    assert _codes(grid(rules)) == [("choice_rule_incomplete", "COL-H", "to_carrier")]


def test_a_scale_rule_without_factor_is_refused() -> None:
    rules = [dict(r) for r in RULES]
    del rules[3]["factor"]
    assert _codes(grid(rules)) == [("choice_rule_incomplete", "H2-NONE", "factor")]


def test_an_option_without_rules_is_refused() -> None:
    ws = grid([r for r in RULES if r["option"] != "none"])
    assert _codes(ws) == [("unknown_option", "I/role_of_hydrogen", "value")]


def test_an_unknown_carrier_is_refused() -> None:
    rules = [dict(r) for r in RULES]
    rules[1]["to_carrier"] = "steam"
    raw = {"choice_rules": pd.DataFrame(rules).astype(str).replace("nan", "")}
    parsed, problems = Workspace.from_raw(raw)
    problems += validate(parsed)
    assert ("not_allowed", "COL-H", "to_carrier") in [(p.code.value, p.row_id, p.column)
                                                     for p in problems]


def test_the_cli_names_file_rule_and_field(tmp_path: Path) -> None:
    rules = [dict(r) for r in RULES]
    rules[2]["share"] = 0.5
    folder = tmp_path / "ws"
    write_workspace(grid(rules), folder)
    result = CliRunner().invoke(build_app("en"), ["validate", str(folder), "--json"])
    assert result.exit_code == 2, result.output
    [problem] = json.loads(result.output)["problems"]
    assert (Path(problem["file"]).name, problem["row"], problem["row_id"],
            problem["column"]) == ("choice_rules.csv", 3, "COL-H", "share")
    assert "(COL-H, COL-E) add up to 1.25" in problem["message"]


def test_the_same_homes_are_worth_the_same_on_any_carrier(ws: Workspace) -> None:
    """Valued by MW as they are, the 1.8 MW of heat that took over 0.9 MW of heat pumps would
    add 0.9 MW of value for the same homes; valued as the end use they serve, the homes are
    worth the same whether their demand is split or not, with the housing weight."""
    lens = Lens(name="t", label_nl="t", label_en="t", sector_weights={"housing": 3.0})
    p = build_instance(ws, lens, ["C", "I"], first_year=2026, horizon=2030)
    ids = list(p.dev_ids)
    new, made = ids.index("NEW"), ids.index(f"NEW{DERIVED_SEPARATOR}COL-H")
    collective, individual = 0, 1
    np.testing.assert_allclose(p.value[collective, new] + p.value[collective, made],
                               p.value[individual, new])
    # in 2030 the made row took over 0.9 of the 2.0 MW, at the housing weight
    assert p.value[collective, made, -1] == pytest.approx(
        p.value[individual, new, -1] * 0.9 / 2.0)
    np.testing.assert_allclose(p.value[individual, made], 0.0)


def test_new_gas_for_homes_earns_nothing_and_green_gas_feed_in_still_does() -> None:
    """Since 2018 new homes get no gas connection (Gaswet art. 10 lid 6): a new gas demand of
    housing is worth 0 in the variants; a new gas demand of industry and a green-gas feed-in
    keep their value."""
    assets = [{"id": "G", "carrier": "methane", "kind": "pipeline",
               "capacity_demand_mw": 50.0, "capacity_feedin_mw": 50.0}]
    developments = [
        {"id": f"{sector}-{kind}", "asset_id": "G", "sector": sector, "carrier": "methane",
         kind: 4.0, "profile": "flat", "start_year": 2026, "end_year": 2026}
        for sector in ("housing", "utility", "industry") for kind in ("demand_mw", "feedin_mw")]
    ws = make_workspace(assets=assets, developments=developments)
    p = build_instance(ws, Lens(name="t", label_nl="t", label_en="t"), [None],
                       first_year=2026, horizon=2027)
    value = dict(zip(p.dev_ids, p.value[0, :, -1], strict=True))
    assert value["housing-demand_mw"] == value["utility-demand_mw"] == 0.0
    assert value["industry-demand_mw"] > 0
    assert value["housing-feedin_mw"] == value["industry-feedin_mw"] > 0
