"""``explain``: the developments that make up an asset's peak, summing to the peak."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from pmiek.domain.choice_rules import applied, expand
from pmiek.domain.workspace import Workspace
from pmiek.insight.hierarchy import closure, coefficients
from pmiek.insight.inputs import gather
from pmiek.insight.loads import assemble, storage_loads


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
    """
    if direction not in ("demand", "feedin"):
        raise ValueError("direction must be 'demand' or 'feedin'")
    workspace = expand(workspace)
    inputs = gather(workspace, scenario, schedule, [year])
    asset_ids = list(inputs.asset_ids)
    if asset_id not in asset_ids:
        raise KeyError(asset_id)
    a = asset_ids.index(asset_id)
    coef = coefficients(inputs.n_assets, len(inputs.profile_ids), inputs.entry_asset,
                        inputs.entry_profile, inputs.entry_net_mw, parents=inputs.parents,
                        topology_of_year=inputs.topology_of_year)
    loads = assemble(inputs, coef, hourly=False, storage=storage)
    key = "demand" if direction == "demand" else "feedin"
    hour = int(loads[f"peak_{key}_hour"].to_numpy()[a, 0])
    peak = float(loads[f"peak_{key}_mw"].to_numpy()[a, 0])
    sign = 1.0 if direction == "demand" else -1.0
    below = closure(inputs.parents[inputs.topology_of_year[0]]).getrow(a).toarray()[0] > 0
    chosen = below[inputs.entry_asset]
    dev = workspace.developments
    rows = inputs.entry_development[chosen]
    mw = sign * inputs.entry_net_mw[chosen, 0] * inputs.profiles[
        inputs.entry_profile[chosen], hour]
    terms = pd.DataFrame({
        "development_id": dev["id"].to_numpy(dtype=object)[rows],
        "name": dev["name"].to_numpy(dtype=object)[rows],
        "sector": dev["sector"].to_numpy(dtype=object)[rows],
        "asset_id": inputs.asset_ids[inputs.entry_asset[chosen]],
        "mw": mw,
        "rules": applied(workspace, scenario).to_numpy(dtype=object)[rows],
    })
    if storage and len(inputs.storage):
        own, affected = storage_loads(inputs, coef)
        extra = [(s, sign * v) for i, s in enumerate(inputs.storage)
                 if affected[i, 0, a] for v in [own[i, 0, hour]]]
        if extra:
            terms = pd.concat([terms, pd.DataFrame({
                "development_id": [f"(opslag {inputs.asset_ids[s]})" for s, _ in extra],
                "name": [str(workspace.assets["name"].to_numpy()[s]) for s, _ in extra],
                "sector": ["storage"] * len(extra),
                "asset_id": [inputs.asset_ids[s] for s, _ in extra],
                "mw": [v for _, v in extra],
                "rules": [""] * len(extra),
            })], ignore_index=True)
    terms = terms[terms["mw"] != 0].sort_values("mw", ascending=False, kind="stable")
    return terms.reset_index(drop=True), peak, hour


def hour_label(hour: int) -> str:
    """'d-m hh:00' of an hour of a non-leap year (hour 0 = 1 January 00:00)."""
    day = np.datetime64("2025-01-01") + np.timedelta64(hour // 24, "D")
    date = pd.Timestamp(day)
    return f"{date.day}-{date.month} {hour % 24:02d}:00"
