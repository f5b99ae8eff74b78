"""The load reduction on a Dask LocalCluster gives the engine's own answer."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from pmiek.adapters.cli.main import build_app
from pmiek.adapters.compute import close, connect, dask_reducer
from pmiek.adapters.files import read_workspace
from pmiek.insight import project_loads


@pytest.fixture
def client():
    client = connect("local")
    yield client
    close(client)


def test_dask_reduction_equals_the_local_one(client) -> None:
    workspace = read_workspace("utrecht").workspace
    years = range(2025, 2051)
    local = project_loads(workspace, "EV", years=years)
    spread = project_loads(workspace, "EV", years=years,
                           reducer=dask_reducer(client, rows_per_task=300))
    for name in ("peak_demand_mw", "peak_feedin_mw"):
        np.testing.assert_allclose(spread[name].to_numpy(), local[name].to_numpy(),
                                   rtol=1e-12, atol=1e-12)
    for name in ("hours_over_demand", "hours_over_feedin"):
        np.testing.assert_array_equal(spread[name].to_numpy(), local[name].to_numpy())


def test_insight_cli_with_dask_local(tmp_path: Path) -> None:
    app = build_app("nl")
    runner = CliRunner()
    plain = runner.invoke(app, ["insight", "example", "--scenario", "EV", "--out",
                                str(tmp_path / "a")])
    spread = runner.invoke(app, ["insight", "example", "--scenario", "EV", "--out",
                                 str(tmp_path / "b"), "--dask", "local"])
    assert plain.exit_code == spread.exit_code == 0, spread.output
    a = pd.read_csv(tmp_path / "a" / "loads.csv")
    b = pd.read_csv(tmp_path / "b" / "loads.csv")
    pd.testing.assert_frame_equal(a, b, rtol=1e-12)
