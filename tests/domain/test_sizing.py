"""The unit-parameter lookup of developments against a plain pandas merge."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pmiek.adapters.files import read_workspace
from pmiek.domain.sizing import UNIT_KEYS, developed_mw, net_mw_and_profile, profile_of


@pytest.mark.parametrize("name", ["example", "utrecht"])
def test_lookup_equals_a_left_merge(name: str) -> None:
    workspace = read_workspace(name).workspace
    dev = workspace.developments
    keys = list(UNIT_KEYS)
    params = workspace.unit_parameters.drop_duplicates(keys)
    merged = dev[[*keys, "quantity", "demand_mw", "feedin_mw", "profile"]].merge(
        params[[*keys, "demand_kw_per_unit", "feedin_kw_per_unit", "profile"]], on=keys,
        how="left", suffixes=("", "_unit"))
    sizes = developed_mw(workspace)
    for kind in ("demand", "feedin"):
        given = merged[f"{kind}_mw"].to_numpy(dtype=float, na_value=np.nan)
        derived = (merged["quantity"].to_numpy(dtype=float, na_value=np.nan)
                   * merged[f"{kind}_kw_per_unit"].to_numpy(dtype=float, na_value=np.nan)
                   / 1000)
        expected = np.nan_to_num(np.where(np.isnan(given), derived, given))
        np.testing.assert_array_equal(sizes[f"{kind}_mw"].to_numpy(), expected)
    expected_profile = merged["profile"].fillna(merged["profile_unit"])
    pd.testing.assert_series_equal(profile_of(workspace).reset_index(drop=True),
                                   expected_profile.reset_index(drop=True), check_names=False,
                                   check_dtype=False)
    net, names = net_mw_and_profile(workspace)
    np.testing.assert_array_equal(net, sizes["demand_mw"] - sizes["feedin_mw"])
    assert [n if n is not None else pd.NA for n in names] == list(expected_profile)


def test_a_development_without_matching_parameters_gets_nothing_from_them() -> None:
    workspace = read_workspace("example").workspace
    dev = workspace.developments.copy()
    dev.loc[dev.index[0], ["unit", "demand_mw", "feedin_mw", "profile"]] = pd.NA
    dev.loc[dev.index[0], "unit"] = "onbekend"
    changed = workspace.with_tables(developments=dev)
    assert developed_mw(changed).loc[0, "demand_mw"] == 0.0
    assert profile_of(changed).isna().iloc[0]
