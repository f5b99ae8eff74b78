"""The criteria tree: value functions, global weights, checks, status, partial values."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmiek.assessment.indicators import REGISTRY
from pmiek.domain.workspace import Workspace
from pmiek.errors import InputError
from pmiek.framework.tree import Framework, ValueFunction, parse_points

COLUMNS = ["id", "parent_id", "name", "group", "indicator", "direction", "unit",
           "value_function", "value_points", "weight", "motivation", "basis", "owner",
           "version", "status", "adopted_by", "adopted_on"]


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


@pytest.mark.parametrize(("text", "kind", "direction", "message"), [
    ("", "step", "benefit", "needs value_points"),
    ("0:0; 10", "piecewise_linear", "benefit", "'x:value' pairs"),
    ("0:0; 10:1.5", "piecewise_linear", "benefit", r"must lie in \[0, 1\]"),
    ("10:0; 5:1", "piecewise_linear", "benefit", "increase strictly"),
    ("0:0; 5:0.5; 10:1", "linear", "benefit", "exactly 2 points"),
    ("0:1; 10:0", "linear", "benefit", "must not fall"),
    ("0:0; 10:1", "piecewise_linear", "cost", "must not rise"),
])
def test_bad_value_points_are_refused_with_the_reason(text: str, kind: str, direction: str,
                                                      message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_points(text, kind, direction, "criteria row 3 (id X)")


def test_tree_errors_name_the_row() -> None:
    rows = [*TWO_LEVELS, ("C1", "NOPE", "capex_meur", "cost", "linear", None, 1.0),
            ("A3", "A", None, "benefit", "linear", None, 1.0),
            ("A4", "A", "no_such_indicator", "benefit", "linear", None, 1.0)]
    with pytest.raises(InputError) as caught:
        Framework.from_table(table(rows), tuple(REGISTRY))
    message = str(caught.value)
    assert "row 7 (id C1): parent_id 'NOPE'" in message
    assert "row 8 (id A3): a criterion without sub-criteria needs an indicator" in message
    assert "row 9 (id A4): unknown indicator 'no_such_indicator'" in message


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
    with pytest.raises(InputError, match="is not a date YYYY-MM-DD"):
        Framework.from_table(frame)


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
    with pytest.raises(InputError, match="Unknown criteria"):
        framework.with_weights({"Z": 1.0})


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
    with pytest.raises(InputError, match="No values for the indicator"):
        framework.partial_values(perf[perf["indicator"] != "fte_years"], ["x", "y"],
                                 ["S1", "S2"])


def test_the_embedded_frameworks_are_usable(example: Workspace) -> None:
    from pmiek.adapters.files import read_workspace

    for workspace in (example, read_workspace("utrecht").workspace):
        framework = Framework.from_table(workspace.criteria, tuple(REGISTRY))
        assert framework.weights().sum() == pytest.approx(1.0)
        assert all(c.motivation and c.basis for c in framework.criteria)
        assert framework.warnings() == []
