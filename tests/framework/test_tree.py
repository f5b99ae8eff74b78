"""The criteria tree: value functions, global weights, checks, status, partial values."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmiek.assessment.indicators import REGISTRY
from pmiek.domain.problems import Code, Problem
from pmiek.domain.workspace import Workspace
from pmiek.errors import InputError, ValidationError
from pmiek.framework import Direction, Framework, KnownIndicators, ValueFunction
from pmiek.framework.criteria_table import read_criteria
from pmiek.framework.value_function import parse_points

COLUMNS = ["id", "parent_id", "name", "group", "indicator", "direction", "unit",
           "value_function", "value_points", "weight", "motivation", "basis", "owner",
           "version", "status", "adopted_by", "adopted_on"]


DIRECTIONS = {ident: indicator.direction for ident, indicator in REGISTRY.items()}


def problems_of(frame: pd.DataFrame, known: KnownIndicators | None = None) -> list[Problem]:
    """The problems Framework.from_table raises for ``frame`` (none: an empty list)."""
    try:
        Framework.from_table(frame, known)
    except ValidationError as exc:
        assert isinstance(exc, InputError)
        return exc.problems
    return []


def codes(problems: list[Problem]) -> list[tuple[Code, int | None, str | None, str | None]]:
    """(code, spreadsheet row, id, column) of each problem."""
    return [(p.code, p.line, p.row_id, p.column) for p in problems]


def table(rows: list[tuple[object, ...]]) -> pd.DataFrame:
    """Rows of (id, parent, indicator, direction, value_function, value_points, weight)."""
    return pd.DataFrame([{
        "id": i, "parent_id": p, "name": f"Criterium {i}", "group": "maatschappelijke_waarde",
        "indicator": ind, "direction": d, "unit": "", "value_function": vf,
        "value_points": pts, "weight": w, "motivation": "omdat", "basis": "wet",
        "owner": "provincie", "version": "2.0", "status": "concept", "adopted_by": None,
        "adopted_on": None} for i, p, ind, d, vf, pts, w in rows], columns=COLUMNS)


TWO_LEVELS = [
    ("A", None, None, "benefit", "linear", None, 3.0),
    ("A1", "A", "homes_connected_2030", "benefit", "linear", None, 1.0),
    ("A2", "A", "capex_meur", "cost", "linear", None, 3.0),
    ("B", None, None, "benefit", "linear", None, 1.0),
    ("B1", "B", "fte_years", "cost", "step", "0:1; 10:0.5; 20:0", 1.0),
]


def test_global_weight_is_the_product_of_normalised_local_weights() -> None:
    framework = Framework.from_table(table(TWO_LEVELS))
    weights = framework.weights()
    assert list(weights.index) == ["A1", "A2", "B1"]
    np.testing.assert_allclose(weights.to_numpy(), [0.75 * 0.25, 0.75 * 0.75, 0.25])
    assert weights.sum() == pytest.approx(1.0)


@given(st.lists(st.floats(0.01, 100), min_size=2, max_size=6),
       st.lists(st.floats(0.01, 100), min_size=1, max_size=4))
def test_leaf_weights_sum_to_one_for_any_local_weights(top: list[float],
                                                      sub: list[float]) -> None:
    rows = []
    for g, wg in enumerate(top):
        rows.append((f"G{g}", None, None, "benefit", "linear", None, wg))
        for k, wk in enumerate(sub):
            rows.append((f"G{g}-{k}", f"G{g}", "capex_meur", "cost", "linear", None, wk))
    weights = Framework.from_table(table(rows)).weights()
    assert weights.sum() == pytest.approx(1.0)
    # within a group, the ratio of leaf weights is the ratio of local weights
    assert weights["G0-0"] / weights[f"G0-{len(sub) - 1}"] == pytest.approx(sub[0] / sub[-1])


def test_linear_local_scale_runs_from_worst_to_best() -> None:
    x = np.array([10.0, 20.0, 40.0])
    np.testing.assert_allclose(ValueFunction("linear", "benefit")(x), [0, 1 / 3, 1])
    np.testing.assert_allclose(ValueFunction("linear", "cost")(x), [1, 2 / 3, 0])
    # a scale given from outside (all scenarios together) is used as it is
    np.testing.assert_allclose(ValueFunction("linear", "benefit")(x, 0.0, 80.0),
                               [0.125, 0.25, 0.5])
    assert set(ValueFunction("linear", "benefit")(np.array([5.0, 5.0]))) == {0.5}


def test_piecewise_linear_and_step_follow_their_points() -> None:
    pw = ValueFunction("piecewise_linear", "cost", parse_points("0:1; 10:0.5; 40:0",
                                                                "piecewise_linear", "cost", "t"))
    np.testing.assert_allclose(pw(np.array([-5, 0, 5, 10, 25, 40, 99.0])),
                               [1, 1, 0.75, 0.5, 0.25, 0, 0])
    step = ValueFunction("step", "benefit", parse_points("0:0; 0,9:0,5; 0.999:1", "step",
                                                         "benefit", "t"))
    np.testing.assert_allclose(step(np.array([-1, 0.5, 0.9, 0.95, 0.999, 1.0])),
                               [0, 0, 0.5, 0.5, 1, 1])


@pytest.mark.parametrize(("text", "kind", "direction", "expected"), [
    ("", "step", "benefit", [Code.VALUE_POINTS_MISSING]),
    ("0:0; 10", "piecewise_linear", "benefit", [Code.VALUE_POINTS_SYNTAX]),
    ("0:0; 10:x; 20:1:2; 30:inf", "piecewise_linear", "benefit", [Code.VALUE_POINTS_SYNTAX] * 3),
    ("0:0; 10:1.5", "piecewise_linear", "benefit", [Code.VALUE_POINTS_RANGE]),
    ("10:0; 5:1", "piecewise_linear", "benefit", [Code.VALUE_POINTS_ORDER]),
    ("0:0; 5:0.5; 10:1", "linear", "benefit", [Code.VALUE_POINTS_COUNT]),
    ("0:1; 10:0", "linear", "benefit", [Code.VALUE_POINTS_DIRECTION]),
    ("0:0; 10:1", "piecewise_linear", "cost", [Code.VALUE_POINTS_DIRECTION]),
    # every problem of a cell, not only the first
    ("10:0; 5:1; 0:0.5", "linear", "cost", [Code.VALUE_POINTS_ORDER, Code.VALUE_POINTS_COUNT,
                                             Code.VALUE_POINTS_DIRECTION]),
])
def test_bad_value_points_are_refused_with_the_reason(text: str, kind: str, direction: str,
                                                      expected: list[Code]) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_points(text, kind, direction, "X")
    assert [p.code for p in caught.value.problems] == expected
    assert {(p.table, p.row_id, p.column) for p in caught.value.problems} == {
        ("criteria", "X", "value_points")}


def test_value_point_messages_in_both_languages() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_points("0:0; 5:0.5; 10:1", "linear", "benefit", "X")
    count = caught.value.problems[0]
    assert count.message("nl") == "Waardefunctie 'linear' heeft precies 2 punten nodig, " \
        "gekregen: 3."
    assert count.message("en") == "Value function 'linear' needs exactly 2 points, got 3."
    with pytest.raises(ValidationError) as caught:
        parse_points("", "step", "benefit", "X")
    assert caught.value.problems[0].hint("nl") == \
        "Vul 'value_points' in, bijvoorbeeld '0:0; 10:0,5; 20:1'."
    assert caught.value.problems[0].hint("en") == \
        "Fill in 'value_points', for example '0:0; 10:0.5; 20:1'."


def test_tree_errors_name_the_row_and_column() -> None:
    rows = [*TWO_LEVELS, ("C1", "NOPE", "capex_meur", "cost", "linear", None, 1.0),
            ("A3", "A", None, "benefit", "linear", None, 1.0),
            ("A4", "A", "no_such_indicator", "benefit", "linear", None, 1.0),
            ("A5", "A", "capex_meur", "cost", "step", "0:0; 10", 1.0)]
    problems = problems_of(table(rows), tuple(REGISTRY))
    assert codes(problems) == [
        (Code.DANGLING_REFERENCE, 7, "C1", "parent_id"),
        (Code.LEAF_WITHOUT_INDICATOR, 8, "A3", "indicator"),
        (Code.UNKNOWN_INDICATOR, 9, "A4", "indicator"),
        (Code.VALUE_POINTS_SYNTAX, 10, "A5", "value_points"),
    ]
    assert {p.table for p in problems} == {"criteria"}
    assert problems[0].got == "NOPE"
    assert problems[2].got == "no_such_indicator"


def test_the_place_and_the_message_in_dutch_and_english() -> None:
    rows = [*TWO_LEVELS, ("A4", "A", "homes_conected_2030", "benefit", "linear", None, 1.0)]
    with pytest.raises(ValidationError) as caught:
        Framework.from_table(table(rows), DIRECTIONS)
    (problem,) = caught.value.problems
    assert problem.place("nl") == "criteria, rij 7 (A4), kolom indicator"
    assert problem.place("en") == "criteria, row 7 (A4), column indicator"
    assert problem.message("nl") == "Criterium 'A4': onbekende indicator 'homes_conected_2030'."
    assert problem.message("en") == "Criterion 'A4': unknown indicator 'homes_conected_2030'."
    assert problem.hint("nl").endswith(" Bedoelde u 'homes_connected_2030'?")
    assert problem.hint("en").endswith(" Did you mean 'homes_connected_2030'?")
    # the exception's text lists the problem with its place, in English and on request Dutch
    assert "criteria, row 7 (A4), column indicator: Criterion 'A4': unknown indicator" in \
        str(caught.value)
    assert caught.value.describe("nl").startswith(
        "1 probleem in criteria:\n- criteria, rij 7 (A4), kolom indicator: Criterium 'A4'")


def test_every_problem_of_the_table_is_reported() -> None:
    rows = [("A", None, "capex_meur", "cost", "linear", None, 1.0),  # branch with indicator
            ("A1", "A", "capex_meur", "costs", "lineair", None, -1.0),
            ("A1", "A", "fte_years", "cost", "linear", None, "veel"),
            ("B", "B2", None, "benefit", "linear", None, None),
            ("B2", "B", "fte_years", "cost", "linear", None, 0.0),
            ("C", "C", "fte_years", "cost", "linear", None, 0.0)]
    frame = table(rows)
    frame.loc[0, "status"] = "vastgesteld"
    frame.loc[1, "adopted_on"] = "2027-02-30"
    assert codes(problems_of(frame, DIRECTIONS)) == [
        (Code.OUT_OF_RANGE, 3, "A1", "weight"),
        (Code.WRONG_TYPE, 4, "A1", "weight"),
        (Code.MISSING_VALUE, 5, "B", "weight"),
        (Code.DUPLICATE_KEY, 3, "A1", "id"),
        (Code.DUPLICATE_KEY, 4, "A1", "id"),
        (Code.SELF_REFERENCE, 7, "C", "parent_id"),
        (Code.CYCLE, 5, "B", "parent_id"),
        (Code.BRANCH_WITH_INDICATOR, 2, "A", "indicator"),
        (Code.BRANCH_WITH_INDICATOR, 6, "B2", "indicator"),  # B is its sub-criterion
        (Code.NOT_ALLOWED, 3, "A1", "direction"),
        (Code.NOT_ALLOWED, 3, "A1", "value_function"),
        (Code.NOT_ALLOWED, 2, "A", "status"),
        (Code.WRONG_TYPE, 3, "A1", "adopted_on"),
        (Code.ZERO_WEIGHTS, 6, "B2", "weight"),  # B2, the only child of B, weighs 0
    ]


def test_an_empty_table_or_a_missing_column_is_a_problem() -> None:
    assert codes(problems_of(table([]))) == [(Code.NO_CRITERIA, None, None, None)]
    frame = table(TWO_LEVELS).drop(columns=["weight", "indicator"])
    assert codes(problems_of(frame)) == [(Code.MISSING_COLUMN, None, None, "indicator"),
                                         (Code.MISSING_COLUMN, None, None, "weight")]


def test_a_sibling_group_whose_weights_sum_to_zero() -> None:
    rows = [(i, p, ind, d, vf, pts, 0.0 if p == "A" else w)
            for i, p, ind, d, vf, pts, w in TWO_LEVELS]
    (problem,) = problems_of(table(rows))
    assert (problem.code, problem.line, problem.row_id) == (Code.ZERO_WEIGHTS, 3, "A1")
    assert problem.message("en") == "The local weights under A sum to 0."
    rows = [(i, p, ind, d, vf, pts, 0.0 if p is None else w)
            for i, p, ind, d, vf, pts, w in TWO_LEVELS]
    (problem,) = problems_of(table(rows))
    assert problem.message("nl") == "De lokale gewichten onder (bovenste niveau) tellen op tot 0."


# --- the indicator's direction ---------------------------------------------------------------


def test_a_criterion_against_its_indicators_direction_is_an_error() -> None:
    rows = [("A", None, None, "benefit", "linear", None, 1.0),
            ("A1", "A", "capex_meur", "benefit", "linear", None, 1.0),  # a cost as a benefit
            ("A2", "A", "homes_connected_2030", "cost", "linear", None, 1.0),  # the reverse
            ("A3", "A", "fte_years", "cost", "linear", None, 1.0),
            ("A4", "A", "societal_value_meur", "cost", "linear", None, 1.0)]  # neutral
    problems = problems_of(table(rows), DIRECTIONS)
    assert codes(problems) == [(Code.DIRECTION_MISMATCH, 3, "A1", "direction"),
                               (Code.DIRECTION_MISMATCH, 4, "A2", "direction")]
    cost_as_benefit = problems[0]
    assert (cost_as_benefit.got, cost_as_benefit.expected) == ("benefit", "cost")
    assert cost_as_benefit.message("nl") == (
        "Criterium 'A1' telt indicator 'capex_meur' als baat (meer is beter), maar die "
        "indicator is een kostenpost (minder is beter).")
    assert cost_as_benefit.message("en") == (
        "Criterion 'A1' counts indicator 'capex_meur' as a benefit (more is better), but that "
        "indicator is a cost (less is better).")
    assert cost_as_benefit.hint("en") == (
        "Set 'direction' to 'cost', or choose an indicator that fits 'benefit'.")
    # the registry itself, enum values and plain strings give the same answer
    assert problems_of(table(rows), REGISTRY) == problems
    assert problems_of(table(rows), {"capex_meur": Direction.COST,
                                     "homes_connected_2030": "benefit", "fte_years": "cost",
                                     "societal_value_meur": "neutral"}) == problems
    # a sequence of ids only checks that the indicators exist
    assert problems_of(table(rows), tuple(REGISTRY)) == []
    assert problems_of(table(rows)) == []


@pytest.mark.parametrize("name", ["utrecht", "example"])
def test_the_embedded_criteria_follow_the_registry_directions(name: str) -> None:
    from pmiek.adapters.files import read_workspace

    criteria = read_workspace(name).workspace.criteria
    rows, problems = read_criteria(criteria, DIRECTIONS)
    assert rows is not None and problems == []
    assert Framework.from_table(criteria, REGISTRY).leaves()


def test_status_is_adopted_only_when_every_criterion_is() -> None:
    frame = table(TWO_LEVELS)
    assert Framework.from_table(frame).status == "concept"
    frame["status"] = "adopted"
    frame["adopted_by"] = "Provinciale Staten"
    frame["adopted_on"] = "2027-03-01"
    adopted = Framework.from_table(frame)
    assert adopted.status == "adopted"
    assert "Provinciale Staten (2027-03-01)" in adopted.status_text("nl")
    frame.loc[0, "adopted_on"] = "1 maart 2027"
    (problem,) = problems_of(frame)
    assert (problem.code, problem.row_id, problem.column) == (Code.WRONG_TYPE, "A",
                                                               "adopted_on")
    assert problem.message("nl") == "Waarde '1 maart 2027' is geen datum JJJJ-MM-DD."
    assert problem.message("en") == "Value '1 maart 2027' is not a date YYYY-MM-DD."


def test_grid_operator_groups_owned_by_someone_else_are_flagged() -> None:
    frame = table(TWO_LEVELS)
    frame.loc[frame["id"] == "B1", "group"] = "realiseerbaarheid"
    frame.loc[frame["id"] == "B1", "owner"] = "Netbeheerders (Stedin, TenneT)"
    assert Framework.from_table(frame).warnings() == []
    frame.loc[frame["id"] == "B1", "owner"] = "provincie"
    assert any("B1" in w for w in Framework.from_table(frame).warnings("en"))


def test_with_weights_replaces_local_weights_and_recomputes_global_ones() -> None:
    # every sibling named: the new weights alone decide
    framework = Framework.from_table(table(TWO_LEVELS)).with_weights(
        {"A": 1.0, "B": 1.0, "A1": 2.0, "A2": 2.0})
    np.testing.assert_allclose(framework.weights().to_numpy(), [0.25, 0.25, 0.5])
    # a sibling not named keeps its normalised weight (A: 0.75 → B stays 0.25 beside A = 1)
    partial = Framework.from_table(table(TWO_LEVELS)).with_weights({"A": 1.0})
    np.testing.assert_allclose(partial.weights().to_numpy(),
                               [0.8 * 0.25, 0.8 * 0.75, 0.2])
    with pytest.raises(ValidationError) as caught:
        framework.with_weights({"Z": 1.0, "A22": 1.0})
    assert [(p.code, p.table, p.got) for p in caught.value.problems] == [
        (Code.DANGLING_REFERENCE, "weights", "A22"), (Code.DANGLING_REFERENCE, "weights", "Z")]
    assert caught.value.problems[0].hint("en").endswith("Did you mean 'A2'?")
    with pytest.raises(ValidationError) as caught:
        framework.with_weights({"A1": 0.0, "A2": 0.0})
    assert [p.code for p in caught.value.problems] == [Code.ZERO_WEIGHTS]


def test_partial_values_share_one_scale_over_scenarios() -> None:
    framework = Framework.from_table(table(TWO_LEVELS))
    perf = pd.DataFrame([
        (v, s, ind, val) for v, s, ind, val in [
            ("x", "S1", "homes_connected_2030", 100.0), ("y", "S1", "homes_connected_2030", 50.0),
            ("x", "S2", "homes_connected_2030", 0.0), ("y", "S2", "homes_connected_2030", 200.0),
            ("x", "S1", "capex_meur", 10.0), ("y", "S1", "capex_meur", 20.0),
            ("x", "S2", "capex_meur", 10.0), ("y", "S2", "capex_meur", 20.0),
            ("x", "S1", "fte_years", 5.0), ("y", "S1", "fte_years", 15.0),
            ("x", "S2", "fte_years", 5.0), ("y", "S2", "fte_years", 25.0)]],
        columns=["variant", "scenario", "indicator", "value"])
    values = framework.partial_values(perf, ["x", "y"], ["S1", "S2"])
    assert values.shape == (2, 2, 3)
    np.testing.assert_allclose(values[:, :, 0], [[0.5, 0.25], [0.0, 1.0]])  # 0..200
    np.testing.assert_allclose(values[:, :, 1], [[1.0, 0.0], [1.0, 0.0]])
    np.testing.assert_allclose(values[:, :, 2], [[1.0, 0.5], [1.0, 0.0]])  # step
    with pytest.raises(ValidationError) as caught:
        framework.partial_values(perf[perf["indicator"] != "fte_years"].iloc[1:], ["x", "y"],
                                 ["S1", "S2"])
    first, second = caught.value.problems
    assert [p.code for p in caught.value.problems] == [Code.MISSING_INDICATOR_VALUES] * 2
    assert first.message("en") == ("Indicator 'homes_connected_2030' of criterion 'A1' is "
                                   "missing for: x in S1.")
    assert second.message("nl") == ("Indicator 'fte_years' van criterium 'B1' ontbreekt voor: "
                                    "alle varianten en scenario's.")


def test_the_embedded_frameworks_are_usable(example: Workspace) -> None:
    from pmiek.adapters.files import read_workspace

    for workspace in (example, read_workspace("utrecht").workspace):
        framework = Framework.from_table(workspace.criteria, REGISTRY)
        assert framework.weights().sum() == pytest.approx(1.0)
        assert all(c.motivation and c.basis for c in framework.criteria)
        assert framework.warnings() == []
