"""``explain``: the developments that make up an asset's peak, summing to the peak.

The work splits in two: :func:`prepare` does what one workspace, scenario and year share
(the rows the choice rules make, the engine's inputs, the peaks of every asset with their
hours, storage included), :func:`terms_of` picks one asset's terms in one direction from it
(cheap). :func:`explain` does both; a caller that explains many assets of the same year
keeps the :class:`Prepared` value (it holds only small arrays: per asset its peak and hour,
per profile its value at each asset's peak hour, per load entry its development, asset,
profile and net MW).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

from pmiek.domain.arrays import Bools, Floats, Ints, Objects
from pmiek.domain.choice_rules import applied, expand
from pmiek.domain.workspace import Workspace
from pmiek.insight.hierarchy import closure, coefficients
from pmiek.insight.inputs import gather
from pmiek.insight.loads import assemble, storage_loads

DIRECTIONS = ("demand", "feedin")


@dataclass(frozen=True)
class Prepared:
    """What :func:`terms_of` needs of one workspace, scenario and year, for every asset and
    direction (``"demand"`` / ``"feedin"``)."""

    year: int
    scenario: str | None
    asset_ids: Objects
    """(a,) the asset ids in the engine's order."""
    below: sparse.csr_matrix
    """(a × a) row *a* marks *a* and every asset below it in the year's topology."""
    peak_mw: Mapping[str, Floats]
    """Per direction, (a,) each asset's peak."""
    peak_hour: Mapping[str, Ints]
    """Per direction, (a,) the hour of each asset's peak."""
    profile_at_peak: Mapping[str, Floats]
    """Per direction, (k × a) each profile's value at each asset's peak hour."""
    entry_asset: Ints
    entry_profile: Ints
    entry_development: Ints
    entry_net_mw: Floats
    """(m,) the load entries: asset, profile, development row and net MW of the year."""
    development_id: Objects
    development_name: Objects
    development_sector: Objects
    development_rules: Objects
    """Per development row of the expanded workspace: id, name, sector and the choice rules
    acting on it in the scenario (';'-separated, empty when none)."""
    storage: Ints
    """(s,) the asset index of each storage counted (empty without storage)."""
    storage_name: Objects
    storage_affected: Bools
    """(s × a) whether storage *s* changes asset *a*'s load."""
    storage_at_peak: Mapping[str, Floats]
    """Per direction, (s × a) the load of storage *s* at asset *a*'s peak hour."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {str(a): i for i, a in enumerate(self.asset_ids)})

    def index(self, asset_id: str) -> int:
        """The engine's row of ``asset_id`` (KeyError when the load model does not know
        it)."""
        found: dict[str, int] = self._index  # type: ignore[attr-defined]
        if asset_id not in found:
            raise KeyError(asset_id)
        return found[asset_id]


def prepare(workspace: Workspace, year: int, scenario: str | None = None, *,
            schedule: Mapping[str, float] | None = None, storage: bool = True,
            rules: Objects | None = None) -> Prepared:
    """The part of :func:`explain` that every asset and direction of ``year`` share.

    ``rules``: ``applied(expand(workspace), scenario)`` as an object array when the caller
    has it already (it depends on the scenario only); computed when None."""
    workspace = expand(workspace)
    inputs = gather(workspace, scenario, schedule, [year])
    coef = coefficients(inputs.n_assets, len(inputs.profile_ids), inputs.entry_asset,
                        inputs.entry_profile, inputs.entry_net_mw, parents=inputs.parents,
                        topology_of_year=inputs.topology_of_year)
    loads = assemble(inputs, coef, hourly=False, storage=storage)
    peak_mw = {key: loads[f"peak_{key}_mw"].to_numpy()[:, 0].astype(float)
               for key in DIRECTIONS}
    peak_hour = {key: loads[f"peak_{key}_hour"].to_numpy()[:, 0].astype(np.int64)
                 for key in DIRECTIONS}
    n_a = inputs.n_assets
    counted = np.zeros(0, dtype=np.int64)
    affected = np.zeros((0, n_a), dtype=bool)
    at_peak = {key: np.zeros((0, n_a)) for key in DIRECTIONS}
    if storage and len(inputs.storage):
        own, reach = storage_loads(inputs, coef)
        counted = np.asarray(inputs.storage, dtype=np.int64)
        affected = reach[:, 0, :]
        at_peak = {key: own[:, 0, peak_hour[key]] for key in DIRECTIONS}
    dev = workspace.developments
    return Prepared(
        year=int(year), scenario=scenario, asset_ids=inputs.asset_ids,
        below=closure(inputs.parents[inputs.topology_of_year[0]]),
        peak_mw=peak_mw, peak_hour=peak_hour,
        profile_at_peak={key: inputs.profiles[:, peak_hour[key]] for key in DIRECTIONS},
        entry_asset=inputs.entry_asset, entry_profile=inputs.entry_profile,
        entry_development=inputs.entry_development, entry_net_mw=inputs.entry_net_mw[:, 0],
        development_id=dev["id"].to_numpy(dtype=object),
        development_name=dev["name"].to_numpy(dtype=object),
        development_sector=dev["sector"].to_numpy(dtype=object),
        development_rules=(applied(workspace, scenario).to_numpy(dtype=object)
                           if rules is None else rules),
        storage=counted,
        storage_name=np.asarray([str(n) for n in workspace.assets["name"].to_numpy()[counted]],
                                dtype=object),
        storage_affected=affected, storage_at_peak=at_peak)


def terms_of(prepared: Prepared, asset_id: str, direction: str = "demand"
             ) -> tuple[pd.DataFrame, float, int]:
    """:func:`explain` of ``asset_id`` in ``direction`` from what :func:`prepare` gave."""
    if direction not in DIRECTIONS:
        raise ValueError("direction must be 'demand' or 'feedin'")
    p = prepared
    a = p.index(asset_id)
    hour = int(p.peak_hour[direction][a])
    peak = float(p.peak_mw[direction][a])
    sign = 1.0 if direction == "demand" else -1.0
    below = p.below.getrow(a).toarray()[0] > 0
    chosen = below[p.entry_asset]
    rows = p.entry_development[chosen]
    mw = sign * p.entry_net_mw[chosen] * p.profile_at_peak[direction][
        p.entry_profile[chosen], a]
    terms = pd.DataFrame({
        "development_id": p.development_id[rows],
        "name": p.development_name[rows],
        "sector": p.development_sector[rows],
        "asset_id": p.asset_ids[p.entry_asset[chosen]],
        "mw": mw,
        "rules": p.development_rules[rows],
    })
    extra = [(i, sign * v) for i in range(len(p.storage)) if p.storage_affected[i, a]
             for v in [p.storage_at_peak[direction][i, a]]]
    if extra:
        terms = pd.concat([terms, pd.DataFrame({
            "development_id": [f"(opslag {p.asset_ids[p.storage[i]]})" for i, _ in extra],
            "name": [str(p.storage_name[i]) for i, _ in extra],
            "sector": ["storage"] * len(extra),
            "asset_id": [p.asset_ids[p.storage[i]] for i, _ in extra],
            "mw": [v for _, v in extra],
            "rules": [""] * len(extra),
        })], ignore_index=True)
    terms = terms[terms["mw"] != 0].sort_values("mw", ascending=False, kind="stable")
    return terms.reset_index(drop=True), peak, hour


def explain(workspace: Workspace, asset_id: str, year: int, scenario: str | None = None, *,
            direction: str = "demand", schedule: Mapping[str, float] | None = None,
            storage: bool = True) -> tuple[pd.DataFrame, float, int]:
    """The terms of the load of ``asset_id`` at its peak hour of ``year``.

    Returns ``(terms, peak_mw, hour)``. ``terms`` has one row per development at or below the
    asset (and per storage), with ``development_id``, ``name``, ``sector``, ``asset_id`` (its
    connection point), ``mw`` at the peak hour (demand positive; for ``direction="feedin"``
    feed-in positive) and ``rules`` (the choice rules acting on the development in
    ``scenario``, ';'-separated; empty when none), sorted by ``mw``; ``terms["mw"].sum()``
    equals ``peak_mw`` whenever the asset has a peak in that direction.
    (:func:`prepare` then :func:`terms_of`.)
    """
    if direction not in DIRECTIONS:
        raise ValueError("direction must be 'demand' or 'feedin'")
    return terms_of(prepare(workspace, year, scenario, schedule=schedule, storage=storage),
                    asset_id, direction)


def hour_label(hour: int) -> str:
    """'d-m hh:00' of an hour of a non-leap year (hour 0 = 1 January 00:00)."""
    day = np.datetime64("2025-01-01") + np.timedelta64(hour // 24, "D")
    date = pd.Timestamp(day)
    return f"{date.day}-{date.month} {hour % 24:02d}:00"
