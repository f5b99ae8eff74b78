"""Scoring variants on the afwegingskader: partial values → MCA → SMAA-2 → stability.

``assess`` takes the framework, the performance of every variant in every scenario and a
choice of weight uncertainty, and returns an :class:`Assessment`: the weighted sum (the
transparent default) with TOPSIS and PROMETHEE II beside it, the rank acceptabilities, central
weights and confidence factors of SMAA-2 over weights *and* scenarios, and the interval within
which each weight can move before the ranking changes.

Weight uncertainty (``weights``):

- ``framework``: the framework's weights exactly; only the scenarios vary;
- ``interval`` (default): each *local* weight within ± ``spread`` (relative) of its value,
  among its siblings (:func:`tree_interval_weights`);
- ``ordinal``: only the order of the global weights is kept;
- ``uniform``: nothing is known about the weights;
- a DataFrame: the weight sets of workshop participants (one row each, columns = leaf
  criteria), resampled.

Scenarios count with their probability: each weight sample is paired with a scenario drawn by
probability, so the acceptabilities are over weights and futures together.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pmiek.assessment.mcda import promethee_ii, topsis, weighted_sum
from pmiek.assessment.sampling import (
    interval_weights,
    ordinal_weights,
    participant_weights,
    uniform_simplex,
)
from pmiek.assessment.smaa import SmaaResult, smaa
from pmiek.assessment.stability import weight_stability
from pmiek.domain.arrays import Floats
from pmiek.errors import InputError
from pmiek.framework.tree import Framework

WEIGHT_MODES = ("interval", "ordinal", "uniform", "framework")
SCENARIO_DRAWS = 1000
"""Length of the cycle of scenario draws that weight samples are paired with."""


@dataclass(frozen=True)
class Assessment:
    """Everything ``pmiek assess`` reports about a set of variants."""

    variants: tuple[str, ...]
    scenarios: tuple[str, ...]
    probability: Floats  # (S,)
    criteria: tuple[str, ...]  # leaf ids
    weights: Floats  # (C,) global weights of the framework (or of the sessions' mean)
    partial: Floats  # (S, A, C)
    scores: pd.DataFrame
    smaa: SmaaResult
    stability: pd.DataFrame
    weight_mode: str
    n_samples: int

    def expected_partial(self) -> Floats:
        """(A, C) partial values, expected over the scenarios."""
        return np.asarray(np.einsum("s,sac->ac", self.probability, self.partial))

    def best(self) -> str:
        """The variant ranked first by the weighted sum (ties: the higher rank-1
        acceptability)."""
        table = self.scores.sort_values(["rank", "rank1_acceptability"],
                                        ascending=[True, False])
        return str(table["variant"].iloc[0])


def tree_interval_weights(framework: Framework, spread: float, n: int,
                          rng: np.random.Generator) -> Floats:
    """(n, C) global leaf weights when every *local* weight varies within ± ``spread``
    (relative) of its value, uniformly on its siblings' simplex.

    Uncertainty about a weight is uncertainty about a choice made among siblings (how much
    housing counts within societal value), so it is sampled where it is chosen: one small
    interval sampler per sibling group (fast, exact rejection in a few dimensions), multiplied
    down the tree. Sampling ± spread on the global weights instead would need hit-and-run in
    as many dimensions as there are leaves."""
    if not 0 <= spread < 1:
        raise InputError(f"The weight spread must lie in [0, 1), got {spread:g}.")
    criteria = framework.criteria
    children: dict[str | None, list[int]] = {}
    for k, c in enumerate(criteria):
        children.setdefault(c.parent_id, []).append(k)
    local = np.ones((n, len(criteria)))
    for members in children.values():
        w = np.array([criteria[k].local_weight for k in members])
        if len(members) > 1:
            local[:, members] = interval_weights(w * (1 - spread),
                                                 np.minimum(w * (1 + spread), 1.0), n, rng)
    index = {c.id: k for k, c in enumerate(criteria)}
    glob = local.copy()
    for k, c in enumerate(criteria):  # multiply down each path (a tree has few levels)
        parent = c.parent_id
        while parent is not None:
            glob[:, k] *= local[:, index[parent]]
            parent = criteria[index[parent]].parent_id
    leaves = [index[c.id] for c in framework.leaves()]
    out = glob[:, leaves]
    return np.asarray(out / out.sum(axis=1, keepdims=True))


def sample_weights(mode: str | pd.DataFrame, weights: Floats, n: int, *, spread: float,
                   rng: np.random.Generator, framework: Framework | None = None) -> Floats:
    """(n, C) weight samples for a ``mode`` (see the module docstring)."""
    n_crit = len(weights)
    if isinstance(mode, pd.DataFrame):
        return participant_weights(mode.to_numpy(dtype=float), n, rng)
    if mode == "framework":
        return np.tile(weights, (n, 1))
    if mode == "uniform":
        return uniform_simplex(n, n_crit, rng)
    if mode == "ordinal":
        return ordinal_weights(np.argsort(-weights, kind="stable"), n, rng)
    if mode == "interval":
        if framework is not None:
            return tree_interval_weights(framework, spread, n, rng)
        if not 0 <= spread < 1:
            raise InputError(f"The weight spread must lie in [0, 1), got {spread:g}.")
        return interval_weights(weights * (1 - spread), np.minimum(weights * (1 + spread), 1.0),
                                n, rng)
    raise InputError(f"Unknown weight mode '{mode}'; use one of {', '.join(WEIGHT_MODES)} or "
                     "a workshop file.")


def assess(framework: Framework, performance: pd.DataFrame, variants: Sequence[str],
           scenarios: Sequence[str], probability: Sequence[float] | None = None, *,
           weights: str | pd.DataFrame = "interval", spread: float = 0.5,
           n_samples: int = 20_000, seed: int | None = 0) -> Assessment:
    """Score ``variants`` (see the module docstring). ``performance`` is the long table
    ``variant, scenario, indicator, value`` of :func:`pmiek.assessment.indicators.performance`.
    """
    if len(variants) < 2:
        raise InputError(f"An assessment compares at least two variants; got {len(variants)}.")
    partial = framework.partial_values(performance, variants, scenarios)
    prob = np.full(len(scenarios), 1.0 / len(scenarios)) if probability is None else \
        np.asarray(probability, dtype=float)
    if prob.shape != (len(scenarios),) or not np.isclose(prob.sum(), 1.0) or (prob < 0).any():
        raise InputError(f"Scenario probabilities must be {len(scenarios)} non-negative "
                         f"numbers summing to 1; got {prob.tolist()}.")
    leaves = [c.id for c in framework.leaves()]
    w = framework.weights().to_numpy(dtype=float)
    if isinstance(weights, pd.DataFrame):
        unknown = sorted(set(weights.columns) - set(leaves))
        if unknown:
            raise InputError(f"The weight sets name criteria that are not leaves of the "
                             f"framework: {', '.join(map(str, unknown))}.")
        weights = weights.reindex(columns=leaves).fillna(0.0)
        sums = weights.sum(axis=1)
        if (sums <= 0).any():
            raise InputError("A participant's weight set sums to 0.")
        weights = weights.div(sums, axis=0)
        w = weights.mean(axis=0).to_numpy(dtype=float)
        mode_name = "sessions"
    else:
        mode_name = weights
    rng = np.random.default_rng(seed)
    samples = sample_weights(weights, w, n_samples, spread=spread, rng=rng,
                             framework=framework)
    draws = rng.choice(len(scenarios), size=min(SCENARIO_DRAWS, n_samples), p=prob)
    robust = smaa(partial[draws], samples, alternatives=tuple(variants),
                  criteria=tuple(leaves))
    expected = np.einsum("s,sac->ac", prob, partial)
    frame = pd.DataFrame(expected, index=list(variants), columns=leaves)
    benefit = ["benefit"] * len(leaves)
    ws = weighted_sum(frame, w, benefit, normalization="none")
    ts = topsis(frame, w, benefit, normalization="vector")
    pm = promethee_ii(frame, w, benefit, preference="usual")
    per_scenario = np.einsum("sac,c->sa", partial, w)
    scores = pd.DataFrame({
        "variant": list(variants),
        "weighted_sum": ws.values, "rank": ws.ranks,
        "topsis": ts.values, "topsis_rank": ts.ranks,
        "promethee_ii": pm.values, "promethee_rank": pm.ranks,
        "rank1_acceptability": robust.rank_acceptability[:, 0],
        "confidence": robust.confidence,
        "best_in_scenarios": [
            ";".join(str(scenarios[s]) for s in range(len(scenarios))
                     if per_scenario[s].argmax() == a) for a in range(len(variants))],
    })
    for s, name in enumerate(scenarios):
        scores[f"weighted_sum_{name}"] = per_scenario[s]
    stability = weight_stability(expected, w, criteria=leaves, alternatives=list(variants))
    return Assessment(tuple(variants), tuple(scenarios), prob, tuple(leaves), w, partial,
                      scores, robust, stability, mode_name, n_samples)


def contributions(assessment: Assessment, framework: Framework) -> pd.DataFrame:
    """Long table per variant and leaf: expected partial value, weight, contribution
    (weight × value) and the group — what the weighted sum is made of."""
    expected = assessment.expected_partial()
    leaves = framework.leaves()
    rows = []
    for a, variant in enumerate(assessment.variants):
        for j, c in enumerate(leaves):
            rows.append({"variant": variant, "criterion": c.id, "name": c.name,
                         "group": c.group, "indicator": c.indicator,
                         "partial_value": expected[a, j], "weight": assessment.weights[j],
                         "contribution": expected[a, j] * assessment.weights[j]})
    return pd.DataFrame(rows)
