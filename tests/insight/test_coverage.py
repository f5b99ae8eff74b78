"""Developments the load leaves out are listed with their reason, and insight says so."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from typer.testing import CliRunner

from pmiek.adapters.cli.main import build_app
from pmiek.adapters.files import read_workspace, write_workspace
from pmiek.domain.workspace import Workspace
from pmiek.insight import project_loads
from pmiek.insight.coverage import left_out


def _without(ws: Workspace, ids: list[str], column: str) -> Workspace:
    dev = ws.developments.copy()
    dev.loc[dev["id"].isin(ids), column] = pd.NA
    return ws.with_tables(developments=dev)


def test_left_out_names_each_development_without_profile_or_connection() -> None:
    ws = read_workspace("example").workspace
    assert left_out(ws).empty  # the example loads every development
    own = ws.developments.dropna(subset=["profile"])["id"].tolist()[:2]
    no_asset = ws.developments["id"].tolist()[-1]
    changed = _without(_without(ws, own, "profile"), [no_asset], "asset_id")
    got = left_out(changed).set_index("id")["reason"]
    # a development without its own profile keeps the one of its unit parameter, if any
    units = ws.unit_parameters.dropna(subset=["profile"])
    expected_no_profile = {i for i in own if not (
        (units["sector"] == ws.developments.set_index("id").at[i, "sector"]).any())}
    assert set(got[got == "no_profile"].index) == expected_no_profile - {no_asset}
    assert got[no_asset] == "no_connection"
    # and the engine indeed carries none of them: their assets lose exactly their load
    loads = project_loads(changed, None, years=[2030])
    assert set(got.index) <= set(changed.developments["id"])
    assert float(loads["peak_demand_mw"].sum()) < float(
        project_loads(ws, None, years=[2030])["peak_demand_mw"].sum())


def test_insight_says_how_many_developments_count_not(tmp_path: Path) -> None:
    ws = read_workspace("example").workspace
    dev = ws.developments
    sized = dev[dev["demand_mw"].notna() | dev["feedin_mw"].notna()]  # no unit parameter
    every = sized["id"].tolist()
    assert len(every) >= 3
    folder = tmp_path / "ws"
    write_workspace(_without(ws.with_tables(developments=sized), every, "profile"), folder)
    result = CliRunner().invoke(build_app("nl"), ["insight", str(folder), "--out",
                                                  str(tmp_path / "out"), "--year", "2030"],
                                env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert f"Let op: {len(every)} van de {len(every)} ontwikkelingen tellen niet mee" in \
        result.output
    assert "zonder bekend profiel" in result.output
