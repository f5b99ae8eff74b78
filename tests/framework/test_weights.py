"""Weight elicitation (pmiek.framework.weights): direct and swing weights, groups, the tree."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pmiek.errors import InputError
from pmiek.framework.weights import (
    aggregate_weights,
    direct_weights,
    global_weights,
    swing_weights,
)

# --- direct and swing weights ------------------------------------------------------------


def test_direct_weights() -> None:
    weights = direct_weights({"a": 50, "b": 30, "c": 20, "d": 0})
    assert weights.to_dict() == pytest.approx({"a": 0.5, "b": 0.3, "c": 0.2, "d": 0.0})
    assert list(weights.index) == ["a", "b", "c", "d"]
    assert direct_weights({"a": 1, "b": 3}).sum() == pytest.approx(1)


@pytest.mark.parametrize(("points", "message"), [
    ({}, "at least one"),
    ({"a": -1, "b": 5}, "negative: a=-1"),
    ({"a": 0, "b": 0}, "must not all be 0"),
    ({"a": float("inf")}, "finite"),
    ({"a": "10"}, "must be a number"),
    ({"a": True}, "must be a number"),
])
def test_direct_weights_validation(points: dict[str, object], message: str) -> None:
    with pytest.raises(InputError, match=message):
        direct_weights(points)  # type: ignore[arg-type]


def test_swing_weights() -> None:
    weights = swing_weights({"a": 100, "b": 50, "c": 50, "d": 0})
    assert weights.to_dict() == pytest.approx({"a": 0.5, "b": 0.25, "c": 0.25, "d": 0.0})
    assert swing_weights({"a": 100, "b": 100}).to_dict() == {"a": 0.5, "b": 0.5}


@pytest.mark.parametrize(("swings", "message"), [
    ({"a": 80, "b": 40}, r"largest score here is 80 \(a=80, b=40\)"),
    ({"a": 100, "b": 120}, r"outside: b=120"),
    ({"a": 100, "b": -5}, r"outside: b=-5"),
    ({"a": float("nan")}, "finite"),
    ({}, "at least one"),
])
def test_swing_weights_validation(swings: dict[str, float], message: str) -> None:
    with pytest.raises(InputError, match=message):
        swing_weights(swings)


# --- group summary -----------------------------------------------------------------------


def test_aggregate_weights() -> None:
    sets = pd.DataFrame({"a": [0.5, 0.2], "b": [0.3, 0.2], "c": [0.2, 0.6]},
                        index=["P1", "P2"])
    summary = aggregate_weights(sets)
    assert summary.n == 2
    assert summary.mean.to_dict() == pytest.approx({"a": 0.35, "b": 0.25, "c": 0.4})
    geometric = np.sqrt([0.1, 0.06, 0.12])
    assert summary.geometric_mean.to_numpy() == pytest.approx(geometric / geometric.sum())
    assert summary.min.to_dict() == {"a": 0.2, "b": 0.2, "c": 0.2}
    assert summary.max.to_dict() == {"a": 0.5, "b": 0.3, "c": 0.6}
    assert summary.std.to_dict() == pytest.approx({"a": 0.15, "b": 0.05, "c": 0.2})
    frame = summary.to_frame()
    assert list(frame.columns) == ["mean", "geometric_mean", "min", "max", "std", "n"]
    assert list(frame.index) == ["a", "b", "c"] and (frame["n"] == 2).all()


def test_aggregate_weights_edge_cases() -> None:
    single = aggregate_weights(pd.DataFrame({"a": [0.4], "b": [0.6]}))
    assert single.std.to_dict() == {"a": 0.0, "b": 0.0}
    assert single.geometric_mean.to_dict() == pytest.approx({"a": 0.4, "b": 0.6})
    opposed = aggregate_weights(pd.DataFrame({"a": [1.0, 0.0], "b": [0.0, 1.0]}))
    assert opposed.geometric_mean.isna().all()
    assert opposed.mean.to_dict() == {"a": 0.5, "b": 0.5}


@pytest.mark.parametrize(("sets", "message"), [
    (pd.DataFrame(), "at least one participant"),
    (pd.DataFrame({"a": [50.0], "b": [50.0]}, index=["P1"]), "'P1' sums to 100"),
    (pd.DataFrame({"a": [1.5], "b": [-0.5]}, index=["P1"]), "non-negative"),
    (pd.DataFrame({"a": [np.nan], "b": [1.0]}, index=["P1"]), "non-negative numbers"),
])
def test_aggregate_weights_validation(sets: pd.DataFrame, message: str) -> None:
    with pytest.raises(InputError, match=message):
        aggregate_weights(sets)


# --- the tree ----------------------------------------------------------------------------


def test_global_weights_multiply_along_the_path() -> None:
    local = pd.Series({"klimaat": 2, "kosten": 2, "co2": 3, "ruimte": 1, "capex": 1,
                       "opex": 1, "co2_bouw": 1, "co2_gebruik": 1})
    parent = pd.Series({"klimaat": None, "kosten": np.nan, "co2": "klimaat",
                        "ruimte": "klimaat", "capex": "kosten", "opex": "kosten",
                        "co2_bouw": "co2", "co2_gebruik": "co2"})
    result = global_weights(local, parent)
    assert list(result.index) == list(local.index)
    assert result["klimaat"] == pytest.approx(0.5)
    assert result["co2"] == pytest.approx(0.375) and result["ruimte"] == pytest.approx(0.125)
    assert result["co2_bouw"] == pytest.approx(0.1875)
    leaves = ["ruimte", "capex", "opex", "co2_bouw", "co2_gebruik"]
    assert result[leaves].sum() == pytest.approx(1)
    for node in ("klimaat", "kosten", "co2"):
        children = parent.index[parent == node]
        assert result[children].sum() == pytest.approx(result[node])


def test_global_weights_roots_may_be_empty_text() -> None:
    result = global_weights(pd.Series({"a": 1.0, "b": 3.0}), pd.Series({"a": "", "b": " "}))
    assert result.to_dict() == pytest.approx({"a": 0.25, "b": 0.75})


@pytest.mark.parametrize(("local", "parent", "message"), [
    ({"a": 1, "b": 1}, {"a": "b", "b": "a"}, "cycle: a → b → a"),
    ({"a": 1, "b": 1, "c": 1}, {"a": None, "b": "c", "c": "b"}, "cycle: b → c → b"),
    ({"a": 1}, {"a": "a"}, "cycle: a → a"),
    ({"a": 1, "b": 1}, {"a": None, "b": "x"}, "'b' has unknown parent 'x'"),
    ({"a": 1, "b": 1}, {"a": None}, "without parent entry: b"),
    ({"a": 1}, {"a": None, "z": None}, "without local weight: z"),
    ({"a": -1, "b": 1}, {"a": None, "b": None}, "negative: a=-1"),
    ({"a": 1, "b": 0, "c": 0}, {"a": None, "b": "a", "c": "a"}, "children of 'a' sum to 0"),
    ({"a": float("nan")}, {"a": None}, "finite"),
])
def test_global_weights_validation(local: dict[str, float], parent: dict[str, object],
                                   message: str) -> None:
    with pytest.raises(InputError, match=message):
        global_weights(pd.Series(local, dtype=float), pd.Series(parent, dtype=object))


def test_global_weights_rejects_repeated_ids() -> None:
    local = pd.Series([1.0, 1.0], index=["a", "a"])
    with pytest.raises(InputError, match="unique; repeated: a"):
        global_weights(local, pd.Series([None, None], index=["a", "b"]))
