"""The size and hourly profile of developments: their own figures, else their unit parameters."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from pmiek.domain.arrays import Floats, Ints, Objects
from pmiek.domain.workspace import Workspace

UNIT_KEYS = ("sector", "carrier", "unit")
"""A development takes the unit parameters of its sector, carrier and unit."""


def unit_parameters_of(workspace: Workspace) -> tuple[pd.DataFrame, Ints]:
    """The unit parameters (the first row of each sector, carrier and unit) and, per
    development, the position of its row in them (−1 when there is none).

    Equivalent to a left merge on the three keys (missing keys match missing keys), but the
    keys are turned into integer codes first, which is several times faster on large tables.
    """
    dev = workspace.developments
    params = workspace.unit_parameters.drop_duplicates(list(UNIT_KEYS))
    n = len(dev)
    dev_code = np.zeros(n, dtype=np.int64)
    param_code = np.zeros(len(params), dtype=np.int64)
    for key in UNIT_KEYS:
        both = np.concatenate([dev[key].to_numpy(dtype=object, na_value=None),
                               params[key].to_numpy(dtype=object, na_value=None)])
        codes, uniques = pd.factorize(both, use_na_sentinel=False)
        dev_code = dev_code * (len(uniques) + 1) + codes[:n]
        param_code = param_code * (len(uniques) + 1) + codes[n:]
    return params, pd.Index(param_code).get_indexer(dev_code)


def _column(params: pd.DataFrame, at: Ints, name: str, dtype: type) -> NDArray[Any]:
    """``params[name]`` at the positions ``at`` (missing where ``at`` is −1), as ``dtype``
    (``float``: NaN where missing; ``object``: None)."""
    empty = np.nan if dtype is float else None
    values = params[name].to_numpy(dtype=dtype, na_value=empty)
    out: NDArray[Any] = np.full(len(at), empty, dtype=dtype)
    out[at >= 0] = values[at[at >= 0]]
    return out


def _sizes(dev: pd.DataFrame, params: pd.DataFrame, at: Ints) -> dict[str, Floats]:
    quantity = dev["quantity"].to_numpy(dtype=float, na_value=np.nan)
    out: dict[str, Floats] = {}
    for kind in ("demand", "feedin"):
        given = dev[f"{kind}_mw"].to_numpy(dtype=float, na_value=np.nan)
        derived = quantity * _column(params, at, f"{kind}_kw_per_unit", float) / 1000
        out[f"{kind}_mw"] = np.nan_to_num(np.where(np.isnan(given), derived, given))
    return out


def _profile_names(dev: pd.DataFrame, params: pd.DataFrame, at: Ints) -> pd.Series:
    fallback = pd.Series(_column(params, at, "profile", object), index=dev.index)
    return dev["profile"].fillna(fallback)


def developed_mw(workspace: Workspace) -> pd.DataFrame:
    """Each development's demand and feed-in at full realisation [MW].

    ``demand_mw``/``feedin_mw`` where given, else quantity × the unit parameter of its sector,
    carrier and unit [kW/unit] / 1000.
    """
    dev = workspace.developments
    sizes = _sizes(dev, *unit_parameters_of(workspace))
    return pd.DataFrame({"sector": dev["sector"].to_numpy(), **sizes})


def profile_of(workspace: Workspace) -> pd.Series:
    """Each development's profile name: its own, else that of its unit parameters (sector,
    carrier, unit); <NA> when neither gives one."""
    return _profile_names(workspace.developments, *unit_parameters_of(workspace))


def net_mw_and_profile(workspace: Workspace) -> tuple[Floats, Objects]:
    """Per development: demand − feed-in at full realisation [MW] and the profile name
    (``None`` when there is none) — :func:`developed_mw` and :func:`profile_of` in one pass."""
    dev = workspace.developments
    params, at = unit_parameters_of(workspace)
    sizes = _sizes(dev, params, at)
    names = _profile_names(dev, params, at).to_numpy(dtype=object, na_value=None)
    return sizes["demand_mw"] - sizes["feedin_mw"], names
