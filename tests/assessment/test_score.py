"""Putting the assessment together: tree-shaped weight intervals and ``assess``."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pmiek.assessment.score import assess, contributions, tree_interval_weights
from pmiek.errors import InputError
from pmiek.framework.tree import Framework

COLUMNS = ["id", "parent_id", "name", "group", "indicator", "direction", "unit",
           "value_function", "value_points", "weight", "motivation", "basis", "owner"]
TREE = pd.DataFrame([
    ("G1", None, None, "benefit", 0.6), ("G1a", "G1", "homes_connected_2030", "benefit", 0.5),
    ("G1b", "G1", "jobs_2030", "benefit", 0.3), ("G1c", "G1", "charge_points_2030", "benefit",
                                                 0.2),
    ("G2", None, None, "benefit", 0.4), ("G2a", "G2", "capex_meur", "cost", 0.7),
    ("G2b", "G2", "fte_years", "cost", 0.3)],
    columns=["id", "parent_id", "indicator", "direction", "weight"]).assign(
    name="c", group="maatschappelijke_waarde", unit="", value_function="linear",
    value_points=None, motivation="m", basis="b", owner="provincie")[COLUMNS]


def test_tree_intervals_keep_every_local_weight_within_its_spread() -> None:
    framework = Framework.from_table(TREE)
    samples = tree_interval_weights(framework, 0.5, 5000, np.random.default_rng(3))
    assert samples.shape == (5000, 5)
    np.testing.assert_allclose(samples.sum(axis=1), 1.0)
    leaves = [c.id for c in framework.leaves()]
    frame = pd.DataFrame(samples, columns=leaves)
    groups = {"G1": ["G1a", "G1b", "G1c"], "G2": ["G2a", "G2b"]}
    top = pd.DataFrame({g: frame[m].sum(axis=1) for g, m in groups.items()})
    local = {c.id: c.local_weight for c in framework.criteria}
    for group, members in groups.items():
        for member in [group, *members]:
            share = top[group] if member == group else frame[member] / top[group]
            assert (share >= local[member] * 0.5 - 1e-12).all(), member
            assert (share <= local[member] * 1.5 + 1e-12).all(), member
            # the samples use the room the siblings leave (not a point mass)
            assert share.max() - share.min() > 0.3 * local[member], member
    with pytest.raises(InputError, match="spread"):
        tree_interval_weights(framework, 1.0, 10, np.random.default_rng(0))


def performance() -> pd.DataFrame:
    """Three variants in two scenarios; v1 is best on societal value, v3 on cost."""
    rows = []
    values = {"homes_connected_2030": (100, 60, 20), "jobs_2030": (10, 30, 20),
              "charge_points_2030": (5, 5, 5), "capex_meur": (300, 200, 100),
              "fte_years": (30, 20, 10)}
    for s, factor in (("S1", 1.0), ("S2", 0.5)):
        for indicator, vals in values.items():
            for v, x in zip(("v1", "v2", "v3"), vals, strict=True):
                rows.append((v, s, indicator, x * (factor if indicator == "jobs_2030" else 1)))
    return pd.DataFrame(rows, columns=["variant", "scenario", "indicator", "value"])


def test_assess_with_fixed_weights_ranks_by_the_expected_weighted_sum() -> None:
    framework = Framework.from_table(TREE)
    result = assess(framework, performance(), ["v1", "v2", "v3"], ["S1", "S2"], [0.5, 0.5],
                    weights="framework", n_samples=400)
    w = framework.weights().to_numpy()
    expected = np.einsum("s,sac,c->a", [0.5, 0.5], result.partial, w)
    np.testing.assert_allclose(result.scores["weighted_sum"], expected)
    order = np.argsort(-expected)
    assert list(result.scores["rank"].to_numpy()[order]) == [1, 2, 3]
    assert result.best() == ["v1", "v2", "v3"][order[0]]
    # one scenario at a time, the per-scenario columns are the same sum
    for s, name in enumerate(("S1", "S2")):
        np.testing.assert_allclose(result.scores[f"weighted_sum_{name}"],
                                   result.partial[s] @ w)
    swaps = {name for pair in result.stability["swap_at_upper"].dropna() for name in pair}
    assert swaps and swaps <= {"v1", "v2", "v3"}  # the pairs that swap are named
    parts = contributions(result, framework)
    np.testing.assert_allclose(parts.groupby("variant")["contribution"].sum()[["v1", "v2", "v3"]],
                               expected)


def test_assess_refuses_a_single_variant_and_bad_probabilities() -> None:
    framework = Framework.from_table(TREE)
    with pytest.raises(InputError, match="at least two variants"):
        assess(framework, performance(), ["v1"], ["S1", "S2"])
    with pytest.raises(InputError, match="summing to 1"):
        assess(framework, performance(), ["v1", "v2"], ["S1", "S2"], [0.7, 0.7])


def test_workshop_sets_are_used_as_they_are() -> None:
    framework = Framework.from_table(TREE)
    leaves = [c.id for c in framework.leaves()]
    sets = pd.DataFrame([[1, 0, 0, 0, 0], [0, 0, 0, 1, 0]], columns=leaves,
                        index=["wonen", "kosten"])
    result = assess(framework, performance(), ["v1", "v2", "v3"], ["S1", "S2"],
                    weights=sets, n_samples=2000)
    assert result.weight_mode == "sessions"
    first = dict(zip(result.scores["variant"], result.scores["rank1_acceptability"],
                     strict=True))
    # half the samples only value homes (v1 best), half only capex (v3 best)
    assert first["v1"] == pytest.approx(0.5, abs=0.05)
    assert first["v3"] == pytest.approx(0.5, abs=0.05)
    assert first["v2"] == 0.0
