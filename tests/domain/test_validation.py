"""Validation rules, one tiny workspace per rule (pmiek.domain.validation)."""

from __future__ import annotations

import pandas as pd
import pytest

from pmiek.domain import (
    Code,
    Problem,
    Severity,
    ValidationOptions,
    Workspace,
    assert_valid,
    errors,
    merge,
    validate,
)
from pmiek.domain.tables import HOURS_PER_YEAR
from pmiek.errors import InputError, ValidationError

Row = dict[str, object]

AREA: Row = {"id": "GM0344", "name": "Utrecht", "kind": "municipality"}
ASSET: Row = {"id": "S1", "name": "Station", "carrier": "electricity", "kind": "hv_station",
              "operator": "TenneT", "capacity_demand_mw": "10", "capacity_feedin_mw": "5"}
DEVELOPMENT: Row = {"id": "D1", "name": "Wijk", "sector": "housing", "area_id": "GM0344",
                    "carrier": "electricity", "demand_mw": "1", "start_year": "2025",
                    "end_year": "2030", "certainty": "3"}
PROJECT: Row = {"id": "P1", "name": "Project", "operator": "TenneT", "carrier": "electricity",
                "kind": "expansion", "capex_meur": "10", "lead_time_years": "3"}
CRITERION: Row = {"id": "C1", "name": "Criterium", "group": "systeemtoets",
                  "motivation": "Omdat het moet."}


def row(base: Row, **changes: object) -> Row:
    return {**base, **changes}


def workspace(**tables: list[Row]) -> Workspace:
    """A workspace from raw rows; the rows must parse without problems."""
    built, problems = Workspace.from_raw(
        {name: pd.DataFrame(rows, dtype=object) for name, rows in tables.items()})
    assert problems == []
    return built


def profile(name: str, peak: float = 1.0, hours: list[int] | None = None) -> list[Row]:
    hours = list(range(HOURS_PER_YEAR)) if hours is None else hours
    return [{"profile_id": name, "hour": str(h), "value": str(peak if h == 0 else peak / 2)}
            for h in hours]


# The tiny workspaces here carry no profiles table; the warnings that developments are left
# out of the load projection are tested on their own below and left out elsewhere.
LOAD_WARNINGS = {Code.NO_PROFILE, Code.NOT_CONNECTED}


def checked(ws: Workspace, options: ValidationOptions | None = None) -> list[Problem]:
    return [p for p in validate(ws, options) if p.code not in LOAD_WARNINGS]


def found(ws: Workspace, options: ValidationOptions | None = None,
          ) -> list[tuple[Code, str, int | None, str | None, str | None]]:
    return [(p.code, p.table, p.row, p.row_id, p.column) for p in checked(ws, options)]


def only(ws: Workspace, code: Code) -> Problem:
    problems = checked(ws)
    assert [p.code for p in problems] == [code]
    return problems[0]


# --- the base cases ----------------------------------------------------------------------


def test_tiny_complete_workspace_is_valid() -> None:
    ws = workspace(areas=[AREA], assets=[ASSET],
                   developments=[row(DEVELOPMENT, asset_id="S1")], projects=[PROJECT],
                   criteria=[CRITERION])
    assert checked(ws) == []
    assert {p.code for p in validate(ws)} == {Code.NO_PROFILE}  # a warning, not an error
    assert all(p.severity is Severity.WARNING for p in validate(ws))


def test_empty_workspace_is_valid() -> None:
    assert validate(Workspace()) == []


def test_example_workspace_has_no_problems(example: Workspace) -> None:
    assert validate(example) == []
    assert_valid(example)


# --- column rules ------------------------------------------------------------------------


def test_missing_required_value() -> None:
    ws = workspace(assets=[ASSET, row(ASSET, id="S2", operator=None)])
    assert found(ws) == [(Code.MISSING_VALUE, "assets", 1, "S2", "operator")]
    problem = validate(ws)[0]
    assert problem.expected == "Grid operator or heat company (TenneT, Stedin, …)."
    assert problem.params["expected_nl"] == "Netbeheerder of warmtebedrijf (TenneT, Stedin, …)."
    assert problem.line == 3


def test_missing_id_has_no_row_id() -> None:
    ws = workspace(assets=[row(ASSET, id=None)])
    assert found(ws) == [(Code.MISSING_VALUE, "assets", 0, None, "id")]


def test_value_not_in_enumeration_with_suggestion() -> None:
    ws = workspace(assets=[ASSET, row(ASSET, id="S2", carrier="electricty")])
    assert found(ws) == [(Code.NOT_ALLOWED, "assets", 1, "S2", "carrier")]
    problem = validate(ws)[0]
    assert problem.got == "electricty"
    assert problem.expected == "electricity, heat, hydrogen, methane"
    assert problem.hint("en") == (
        "Choose one of: electricity, heat, hydrogen, methane. Did you mean 'electricity'?")


def test_value_not_in_enumeration_without_close_match() -> None:
    problem = only(workspace(assets=[row(ASSET, kind="windmill")]), Code.NOT_ALLOWED)
    assert (problem.column, problem.got, problem.params["close"]) == ("kind", "windmill", "")
    assert problem.hint("nl").endswith("converter.")


@pytest.mark.parametrize(("column", "value", "expected"), [
    ("capacity_demand_mw", "-1", "[0, 1e+06] MW"),
    ("voltage_kv", "-0,5", "[0, 1200] kV"),
])
def test_number_below_minimum(column: str, value: str, expected: str) -> None:
    ws = workspace(assets=[ASSET, row(ASSET, id="S2", **{column: value})])
    assert found(ws) == [(Code.OUT_OF_RANGE, "assets", 1, "S2", column)]
    problem = validate(ws)[0]
    assert (problem.got, problem.expected) == (value.replace(",", "."), expected)


def test_integer_above_maximum() -> None:
    ws = workspace(areas=[AREA], developments=[row(DEVELOPMENT, certainty="6")])
    assert found(ws) == [(Code.OUT_OF_RANGE, "developments", 0, "D1", "certainty")]
    problem = validate(ws)[0]
    assert (problem.got, problem.expected) == ("6", "[1, 5]")


def test_range_bounds_are_inclusive() -> None:
    ws = workspace(areas=[AREA], developments=[
        row(DEVELOPMENT, certainty="1", acm_priority="3"),
        row(DEVELOPMENT, id="D2", certainty="5", acm_priority="0", demand_mw="0")])
    assert checked(ws) == []


def test_year_outside_planning_horizon() -> None:
    ws = workspace(areas=[AREA], developments=[
        row(DEVELOPMENT, start_year="1999"), row(DEVELOPMENT, id="D2", end_year="2051")])
    assert found(ws) == [(Code.OUTSIDE_HORIZON, "developments", 0, "D1", "start_year"),
                         (Code.OUTSIDE_HORIZON, "developments", 1, "D2", "end_year")]
    assert [(p.got, p.expected) for p in checked(ws)] == [("1999", "2000–2050"),
                                                          ("2051", "2000–2050")]
    assert found(ws, ValidationOptions(horizon=2060, earliest_year=1990)) == []


def test_duplicate_id_names_every_repeated_row() -> None:
    ws = workspace(assets=[ASSET, row(ASSET, id="S2"), row(ASSET), row(ASSET)])
    assert found(ws) == [(Code.DUPLICATE_KEY, "assets", 2, "S1", "id"),
                         (Code.DUPLICATE_KEY, "assets", 3, "S1", "id")]
    assert {(p.got, p.params["count"]) for p in validate(ws)} == {("S1", "3")}


def test_duplicate_composite_key() -> None:
    resource: Row = {"year": "2026", "operator": "TenneT", "budget_meur": "10"}
    ws = workspace(resources=[resource, row(resource, operator="Stedin"),
                              row(resource, budget_meur="20")])
    assert found(ws) == [(Code.DUPLICATE_KEY, "resources", 2, "2026/TenneT", "year/operator")]


def test_dangling_reference_with_suggestion() -> None:
    ws = workspace(areas=[AREA], developments=[row(DEVELOPMENT, area_id="GM0345")])
    assert found(ws) == [(Code.DANGLING_REFERENCE, "developments", 0, "D1", "area_id")]
    problem = validate(ws)[0]
    assert (problem.got, problem.expected, problem.params["close"]) == (
        "GM0345", "areas.id", "GM0344")
    assert problem.message("en") == "Reference 'GM0345' does not exist in areas.id."


def test_dangling_reference_inside_an_id_list() -> None:
    ws = workspace(projects=[PROJECT, row(PROJECT, id="P2", requires="P1;P9", excludes="P8")])
    assert found(ws) == [(Code.DANGLING_REFERENCE, "projects", 1, "P2", "requires"),
                         (Code.DANGLING_REFERENCE, "projects", 1, "P2", "excludes")]
    assert [p.got for p in validate(ws)] == ["P9", "P8"]


def test_self_reference_is_not_also_a_cycle() -> None:
    ws = workspace(assets=[ASSET, row(ASSET, id="S2", parent_id="S2")])
    assert found(ws) == [(Code.SELF_REFERENCE, "assets", 1, "S2", "parent_id")]
    assert validate(ws)[0].got == "S2"


# --- cross-table rules -------------------------------------------------------------------


def test_parent_cycle_in_areas() -> None:
    ws = workspace(areas=[row(AREA, id="X", parent_id=None), row(AREA, id="A", parent_id="B"),
                          row(AREA, id="B", parent_id="C"), row(AREA, id="C", parent_id="A")])
    assert found(ws) == [(Code.CYCLE, "areas", 1, "A", "parent_id")]
    problem = validate(ws)[0]
    assert problem.got == "A → B → C → A"
    assert problem.message("en") == "Cycle: A → B → C → A."
    assert "gebied" in problem.hint("nl") and "area" in problem.hint("en")


def test_parent_cycle_in_assets_is_reported_at_its_first_row() -> None:
    ws = workspace(assets=[ASSET, row(ASSET, id="S2", parent_id="S3"),
                           row(ASSET, id="S3", parent_id="S2"),
                           row(ASSET, id="S4", parent_id="S3")])
    assert found(ws) == [(Code.CYCLE, "assets", 1, "S2", "parent_id")]
    assert validate(ws)[0].got == "S2 → S3 → S2"


def test_parent_cycle_in_criteria() -> None:
    ws = workspace(criteria=[row(CRITERION, id="C1", parent_id="C2"),
                             row(CRITERION, id="C2", parent_id="C1")])
    assert found(ws) == [(Code.CYCLE, "criteria", 0, "C1", "parent_id")]


def test_requires_cycle() -> None:
    ws = workspace(projects=[row(PROJECT, id="P0"), row(PROJECT, id="P1", requires="P2"),
                             row(PROJECT, id="P2", requires="P3;P0"),
                             row(PROJECT, id="P3", requires="P1")])
    assert found(ws) == [(Code.CYCLE, "projects", 1, "P1", "requires")]
    assert validate(ws)[0].got == "P1 → P2 → P3 → P1"


def test_project_requiring_itself_refers_to_itself() -> None:
    """Reported as a self-reference, like a parent_id that names its own row (issue 13)."""
    ws = workspace(projects=[row(PROJECT, requires="P1")])
    assert found(ws) == [(Code.SELF_REFERENCE, "projects", 0, "P1", "requires")]
    assert validate(ws)[0].got == "P1"


def test_project_excluding_itself_refers_to_itself() -> None:
    ws = workspace(projects=[PROJECT, row(PROJECT, id="P2", excludes="P1;P2"),
                             row(PROJECT, id="P3", requires="P2", excludes="P1")])
    assert found(ws) == [(Code.SELF_REFERENCE, "projects", 1, "P2", "excludes")]
    problem = validate(ws)[0]
    assert problem.got == "P2"
    assert problem.hint("en") == "Leave 'excludes' empty or refer to another project."


def test_a_cycle_through_a_project_that_also_requires_itself_is_still_found() -> None:
    ws = workspace(projects=[row(PROJECT, requires="P1;P2"), row(PROJECT, id="P2", requires="P1")])
    assert found(ws) == [(Code.CYCLE, "projects", 0, "P1", "requires"),
                         (Code.SELF_REFERENCE, "projects", 0, "P1", "requires")]


def test_project_that_requires_and_excludes_the_same_project() -> None:
    ws = workspace(projects=[PROJECT, row(PROJECT, id="P2"),
                             row(PROJECT, id="P3", requires="P1;P2", excludes="P2")])
    assert found(ws) == [(Code.EXCLUDES_REQUIRED, "projects", 2, "P3", "excludes")]
    assert validate(ws)[0].got == "P2"


def electricity_and_heat() -> list[Row]:
    return [ASSET, row(ASSET, id="H1", carrier="heat", kind="heat_network", operator="Eneco")]


def test_development_coupled_to_its_own_asset() -> None:
    """Its load would be counted twice on that asset (issue 13)."""
    heat_pump = row(DEVELOPMENT, id="D2", carrier="heat", sector="heat_network", asset_id="H1",
                    coupled_asset_id="S1", coupling_factor="0.25")
    twice = row(DEVELOPMENT, id="D3", asset_id="S1", coupled_asset_id="S1",
                coupling_factor="-0.7")
    ws = workspace(areas=[AREA], assets=electricity_and_heat(),
                   developments=[row(DEVELOPMENT, asset_id="S1"), heat_pump, twice])
    assert found(ws) == [(Code.COUPLED_TO_OWN_ASSET, "developments", 2, "D3",
                          "coupled_asset_id")]
    assert validate(ws)[0].got == "S1"


def chain(*pairs: tuple[str, str | None]) -> list[Row]:
    """Assets ``(id, parent_id)``."""
    return [row(ASSET, id=name, parent_id=parent) for name, parent in pairs]


def effect(project: str, asset: str, parent: str) -> Row:
    return {"project_id": project, "asset_id": asset, "new_parent_id": parent}


def projects(*names: str) -> list[Row]:
    return [row(PROJECT, id=name) for name in names]


def test_re_parenting_that_closes_a_cycle() -> None:
    # T ← A ← B; P hangs A below B: A → B → A
    ws = workspace(assets=chain(("T", None), ("A", "T"), ("B", "A")), projects=projects("P"),
                   project_effects=[effect("P", "A", "B")])
    assert found(ws) == [(Code.REPARENT_CYCLE, "project_effects", 0, "P/A", "new_parent_id")]
    problem = validate(ws)[0]
    assert problem.got == "A → B → A"
    assert problem.message("en") == ("After the re-parenting by project 'P' the assets form a "
                                     "cycle: A → B → A.")
    assert "project 'P'" in problem.message("nl")


def test_re_parenting_by_two_projects_that_together_close_a_cycle() -> None:
    """Each move alone is fine; with both projects in service the hierarchy is a cycle."""
    ws = workspace(assets=chain(("T", None), ("A", "T"), ("B", "T")),
                   projects=projects("P", "Q"),
                   project_effects=[effect("Q", "B", "A"), effect("P", "A", "B")])
    assert found(ws) == [(Code.REPARENT_CYCLE, "project_effects", 0, "Q/B", "new_parent_id")]
    problem = validate(ws)[0]
    assert problem.got == "B → A → B"
    assert "'P', 'Q'" in problem.message("en")


def test_re_parenting_without_a_cycle_is_valid() -> None:
    # moves up the tree, a move to the same parent, a move of one asset by two projects
    ws = workspace(assets=chain(("T", None), ("U", "T"), ("A", "U"), ("B", "A")),
                   projects=projects("P", "Q", "R"),
                   project_effects=[effect("P", "B", "T"), effect("Q", "A", "U"),
                                    effect("R", "B", "U"), effect("Q", "B", "T")])
    assert found(ws) == []


def test_re_parenting_cycle_in_a_deep_hierarchy() -> None:
    """A chain deeper than the vectorised peeling reaches (its tail below the cycle is peeled
    one asset a round), closed by one move halfway."""
    assets = chain(("N0", None), *[(f"N{i}", f"N{i - 1}") for i in range(1, 300)])
    ws = workspace(assets=assets, projects=projects("P"),
                   project_effects=[effect("P", "N5", "N150")])
    assert found(ws) == [(Code.REPARENT_CYCLE, "project_effects", 0, "P/N5", "new_parent_id")]
    path = validate(ws)[0].got.split(" → ")
    assert path == [f"N{i}" for i in (5, *range(150, 4, -1))]


def test_a_cycle_of_the_assets_own_parents_is_not_blamed_on_a_project() -> None:
    ws = workspace(assets=chain(("A", "B"), ("B", "A"), ("C", None)), projects=projects("P"),
                   project_effects=[effect("P", "C", "A")])
    assert found(ws) == [(Code.CYCLE, "assets", 0, "A", "parent_id")]


def test_every_numeric_column_refuses_infinity_and_1e308() -> None:
    ws = workspace(areas=[AREA], assets=[row(ASSET, capacity_demand_mw="1e308")],
                   developments=[row(DEVELOPMENT, demand_mw="-1e308")])
    assets = ws.assets.copy()
    assets["capacity_feedin_mw"] = float("inf")  # as a workspace built in Python may hold
    ws = ws.with_tables(assets=assets)
    assert found(ws) == [(Code.OUT_OF_RANGE, "assets", 0, "S1", "capacity_demand_mw"),
                         (Code.OUT_OF_RANGE, "assets", 0, "S1", "capacity_feedin_mw"),
                         (Code.OUT_OF_RANGE, "developments", 0, "D1", "demand_mw")]
    assert [p.expected for p in checked(ws)] == ["[0, 1e+06] MW"] * 3


def test_a_year_beyond_any_horizon_is_out_of_range_not_outside_the_horizon() -> None:
    ws = workspace(areas=[AREA], developments=[row(DEVELOPMENT, end_year="9999")])
    assert found(ws, ValidationOptions(horizon=9999)) == [
        (Code.OUT_OF_RANGE, "developments", 0, "D1", "end_year")]
    assert checked(ws)[0].expected == "[1900, 2100] jaar"


def test_start_after_end() -> None:
    ws = workspace(areas=[AREA], developments=[DEVELOPMENT,
                                               row(DEVELOPMENT, id="D2", start_year="2031")])
    assert found(ws) == [(Code.START_AFTER_END, "developments", 1, "D2", "start_year")]
    problem = validate(ws)[0]
    assert (problem.got, problem.expected) == ("2031", "2030")


def test_complete_profiles_are_valid() -> None:
    assert validate(workspace(profiles=profile("a") + profile("b"))) == []


def test_profile_too_short() -> None:
    ws = workspace(profiles=profile("flat") + profile("short", hours=[0, 1, 2]))
    assert found(ws) == [(Code.PROFILE_LENGTH, "profiles", HOURS_PER_YEAR, "short", "hour")]
    problem = validate(ws)[0]
    assert (problem.got, problem.expected) == ("3", "8760")
    assert problem.hint("en") == "Give exactly 8760 values, hours 0 to 8759, each hour once."


def test_profile_with_a_repeated_hour() -> None:
    hours = [*range(HOURS_PER_YEAR - 1), 5]  # hour 8759 missing, hour 5 twice
    ws = workspace(profiles=profile("p", hours=hours))
    assert found(ws) == [(Code.DUPLICATE_KEY, "profiles", HOURS_PER_YEAR - 1, "p/5",
                          "profile_id/hour"),
                         (Code.PROFILE_LENGTH, "profiles", 0, "p", "hour")]
    assert validate(ws)[1].got == "8760 (1 duplicate)"
    assert validate(ws)[1].to_dict("nl")["got"] == "8760 (1 dubbel)"


def test_profile_not_normalised() -> None:
    ws = workspace(profiles=profile("half", peak=0.5))
    assert found(ws) == [(Code.PROFILE_NOT_NORMALISED, "profiles", 0, "half", "value")]
    assert validate(ws)[0].got == "0.5"


def test_profile_peak_within_tolerance_is_accepted() -> None:
    ws = workspace(profiles=profile("p", peak=1 - 1e-7))
    assert validate(ws) == []
    assert found(ws, ValidationOptions(peak_tolerance=1e-9)) == [
        (Code.PROFILE_NOT_NORMALISED, "profiles", 0, "p", "value")]


def test_self_intersecting_polygon() -> None:
    bowtie = "POLYGON ((0 300000, 10 300010, 10 300000, 0 300010, 0 300000))"
    ws = workspace(areas=[AREA, row(AREA, id="GM0345", geometry=bowtie)])
    assert found(ws) == [(Code.INVALID_GEOMETRY, "areas", 1, "GM0345", "geometry")]
    assert validate(ws)[0].got.startswith("Self-intersection")


def test_empty_geometry() -> None:
    ws = workspace(assets=[row(ASSET, geometry="POINT EMPTY")])
    assert found(ws) == [(Code.INVALID_GEOMETRY, "assets", 0, "S1", "geometry")]
    assert validate(ws)[0].got == "EMPTY"


def test_longitude_latitude_without_srid_lies_outside_rd_new() -> None:
    ws = workspace(assets=[row(ASSET, geometry="POINT (136000 455000)"),
                           row(ASSET, id="S2", geometry="POINT (5.1 52.1)")])
    assert found(ws) == [(Code.GEOMETRY_OUTSIDE_RD, "assets", 1, "S2", "geometry")]
    problem = validate(ws)[0]
    assert problem.got == "(5.1, 52.1)"
    assert problem.expected == "x -7000…300000, y 289000…629000"


def test_criterion_without_motivation() -> None:
    ws = workspace(criteria=[CRITERION, row(CRITERION, id="C2", parent_id="C1",
                                            motivation="  ")])
    assert found(ws) == [(Code.MISSING_MOTIVATION, "criteria", 1, "C2", "motivation")]


@pytest.mark.parametrize(("low", "high", "expected"), [
    ("12", "20", "[12, 20]"),
    ("1", "5", "[1, 5]"),
    ("20", "12", "[20, 12]"),
])
def test_capex_outside_its_range(low: str, high: str, expected: str) -> None:
    ws = workspace(projects=[row(PROJECT, capex_low_meur="5", capex_high_meur="15"),
                             row(PROJECT, id="P2", capex_low_meur=low, capex_high_meur=high)])
    assert found(ws) == [(Code.CAPEX_RANGE, "projects", 1, "P2", "capex_meur")]
    problem = validate(ws)[0]
    assert (problem.got, problem.expected) == ("10", expected)


def test_capex_range_may_be_open() -> None:
    ws = workspace(projects=[row(PROJECT, capex_low_meur="10"),
                             row(PROJECT, id="P2", capex_high_meur="10")])
    assert validate(ws) == []


def test_development_without_size() -> None:
    ws = workspace(areas=[AREA], developments=[
        DEVELOPMENT,
        row(DEVELOPMENT, id="D2", demand_mw=None, quantity="100", unit="homes"),
        row(DEVELOPMENT, id="D3", demand_mw=None, feedin_mw="2")])
    assert found(ws) == [(Code.NO_SIZE, "developments", 1, "D2", "demand_mw")]
    assert validate(ws)[0].expected == "housing/electricity/homes"


def test_development_sized_by_a_unit_parameter() -> None:
    unit: Row = {"sector": "housing", "carrier": "electricity", "unit": "homes",
                 "demand_kw_per_unit": "2", "profile": "household", "source": "estimate"}
    dev = row(DEVELOPMENT, demand_mw=None, quantity="100", unit="homes")
    ws = workspace(areas=[AREA], developments=[dev, row(dev, id="D2", quantity=None)],
                   unit_parameters=[unit], profiles=profile("household"))
    assert found(ws) == [(Code.NO_SIZE, "developments", 1, "D2", "demand_mw")]


def test_carrier_mismatch_with_connection_point() -> None:
    ws = workspace(areas=[AREA], assets=[ASSET], developments=[
        row(DEVELOPMENT, asset_id="S1"), row(DEVELOPMENT, id="D2", asset_id="S1",
                                             carrier="heat")])
    assert found(ws) == [(Code.CARRIER_MISMATCH, "developments", 1, "D2", "carrier")]
    problem = validate(ws)[0]
    assert (problem.got, problem.expected, problem.params["asset"]) == (
        "heat", "electricity", "S1")
    assert problem.message("en") == (
        "Carrier 'heat' does not match connection point 'S1' (electricity).")


# --- merge, assert_valid, messages -------------------------------------------------------


def test_merge_drops_missing_value_for_a_cell_that_could_not_be_parsed() -> None:
    ws, parsing = Workspace.from_raw({"projects": pd.DataFrame(
        [row(PROJECT, capex_meur="veel"), row(PROJECT, id="P2", operator=None)], dtype=object)})
    assert [(p.code, p.row, p.column) for p in parsing] == [(Code.WRONG_TYPE, 0, "capex_meur")]
    validation = validate(ws)
    assert [(p.code, p.row, p.column) for p in validation] == [
        (Code.MISSING_VALUE, 1, "operator"), (Code.MISSING_VALUE, 0, "capex_meur")]
    merged = merge(parsing, validation)
    assert [(p.code, p.row, p.column) for p in merged] == [
        (Code.WRONG_TYPE, 0, "capex_meur"), (Code.MISSING_VALUE, 1, "operator")]


def test_merge_keeps_problems_of_the_same_cell_in_another_table() -> None:
    parsing = [Problem(Code.WRONG_TYPE, "assets", "capex_meur", 0, "S1")]
    validation = [Problem(Code.MISSING_VALUE, "projects", "capex_meur", 0, "S1"),
                  Problem(Code.CYCLE, "assets", "capex_meur", None, None)]
    assert merge(parsing, validation) == parsing + validation


def test_assert_valid_raises_with_every_problem() -> None:
    ws = workspace(assets=[row(ASSET, operator=None), row(ASSET, id="S2", carrier="gas")])
    with pytest.raises(ValidationError) as raised:
        assert_valid(ws)
    assert isinstance(raised.value, InputError)
    assert raised.value.problems == validate(ws)
    assert [(p.code, p.row) for p in raised.value.problems] == [(Code.NOT_ALLOWED, 1),
                                                                (Code.MISSING_VALUE, 0)]
    assert str(raised.value) == "2 problem(s) in the workspace; first: Value 'gas' is not allowed."



def test_assert_valid_passes_a_valid_workspace() -> None:
    assert assert_valid(workspace(assets=[ASSET])) is None


def test_errors_excludes_warnings() -> None:
    warning = Problem(Code.UNKNOWN_COLUMN, "assets", "x", severity=Severity.WARNING)
    error = Problem(Code.MISSING_VALUE, "assets", "id", 0)
    assert errors([warning, error, warning]) == [error]


def test_messages_render_in_dutch_and_english() -> None:
    problem = Problem(Code.WRONG_TYPE, "projects", "capex_meur", 3, "P4", expected="a number",
                      got="veel", params={"expected_nl": "getal"})
    assert problem.message("nl") == "Waarde 'veel' is geen getal."
    assert problem.message("en") == "Value 'veel' is not a number."
    assert problem.hint("nl") == "Vul een getal in."
    assert problem.hint("en") == "Enter a number."
    assert problem.line == 5
    assert problem.to_dict("en") == {
        "severity": "error", "code": "wrong_type", "table": "projects", "row": 5,
        "row_id": "P4", "column": "capex_meur", "expected": "a number", "got": "veel",
        "message": "Value 'veel' is not a number.", "hint": "Enter a number."}


def test_dutch_suggestion() -> None:
    problem = Problem(Code.NOT_ALLOWED, "assets", "kind", 0, "S1", expected="a, b", got="c",
                      params={"close": "b"})
    assert problem.hint("nl") == "Kies een van: a, b. Bedoelde u 'b'?"
    assert problem.hint("en") == "Choose one of: a, b. Did you mean 'b'?"


PARAMS = {"reason": "damaged", "count": "2", "last_hour": "8759", "asset": "S1",
          "close": "x", "expected_nl": "verwacht"}


@pytest.mark.parametrize("code", list(Code))
def test_every_code_has_a_message_and_hint_in_both_languages(code: Code) -> None:
    problem = Problem(code, "assets", "id", 0, "S1", expected="expected", got="got",
                      params=PARAMS)
    for lang in ("nl", "en"):
        assert problem.message(lang).strip()
        assert problem.hint(lang).strip()
        assert "{" not in problem.message(lang) + problem.hint(lang)
    assert problem.message("nl") != problem.message("en")
    assert problem.hint("nl") != problem.hint("en")
    assert problem.to_dict()["code"] == code.value


def test_dutch_words_for_enumeration_values_get_the_contract_value_suggested() -> None:
    from pmiek.domain.workspace import Workspace as _Workspace

    raw = {"assets": pd.DataFrame({
        "id": ["A", "B"], "name": ["a", "b"], "carrier": ["warmte", "Elektriciteit"],
        "kind": ["warmtenet", "onderstation"], "operator": ["x", "y"],
        "capacity_demand_mw": ["1", "1"], "capacity_feedin_mw": ["1", "1"]})}
    workspace, problems = _Workspace.from_raw(raw)
    assert problems == []
    found = {(p.row_id, p.column): p for p in validate(workspace)}
    assert found[("A", "carrier")].params["close"] == "heat"
    assert found[("B", "carrier")].params["close"] == "electricity"
    assert found[("A", "kind")].params["close"] == "heat_network"
    assert "Bedoelde u 'mv_station'?" in found[("B", "kind")].hint("nl")


def test_developments_left_out_of_the_load_projection_are_warned_about() -> None:
    ws = workspace(areas=[AREA], assets=[ASSET],
                   developments=[row(DEVELOPMENT, asset_id="S1"), row(DEVELOPMENT, id="D2")])
    problems = validate(ws)
    assert [(p.code, p.row_id, p.column, p.severity) for p in problems] == [
        (Code.NO_PROFILE, "D1", "profile", Severity.WARNING),
        (Code.NO_PROFILE, "D2", "profile", Severity.WARNING),
        (Code.NOT_CONNECTED, "D2", "asset_id", Severity.WARNING),
    ]
    assert "unit_parameters" in problems[0].hint("en")
