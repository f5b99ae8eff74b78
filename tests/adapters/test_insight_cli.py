"""``pmiek insight`` and ``pmiek insight explain`` through typer's CliRunner."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from typer.testing import CliRunner

from pmiek.adapters.cli.main import build_app
from pmiek.adapters.files import read_workspace
from pmiek.insight import project_loads

runner = CliRunner()
ENV = {"COLUMNS": "200"}


def test_insight_writes_tables_maps_and_timeline(tmp_path: Path) -> None:
    result = runner.invoke(build_app("nl"), ["insight", "example", "--scenario", "EV",
                                             "--out", str(tmp_path), "--year", "2030"],
                           env=ENV)
    assert result.exit_code == 0, result.output
    names = {p.name for p in tmp_path.iterdir()}
    assert {"loads.csv", "bottlenecks.csv", "blocked.csv", "homes_blocked.csv",
            "kaart_knelpunten_2030.png", "tijdlijn_tekort.png"} <= names
    loads = pd.read_csv(tmp_path / "loads.csv")
    assert list(loads.columns[:7]) == ["scenario", "asset_id", "year", "peak_demand_mw",
                                       "peak_feedin_mw", "capacity_demand_mw",
                                       "capacity_feedin_mw"]
    engine = project_loads(read_workspace("example").workspace, "EV")
    row = loads[(loads["asset_id"] == "UTC-MS") & (loads["year"] == 2030)].iloc[0]
    assert row["peak_demand_mw"] == float(engine["peak_demand_mw"].sel(asset="UTC-MS",
                                                                        year=2030))
    bottlenecks = pd.read_csv(tmp_path / "bottlenecks.csv")
    assert set(bottlenecks["direction"]) == {"afname", "invoeding"}
    # the terminal shows the largest knelpunten, or says in words that there are none
    overloaded = bool((bottlenecks["shortage_mw"] > 0).any())
    assert ("Grootste knelpunten" in result.output) == overloaded
    assert ("Geen knelpunten" in result.output) == (not overloaded)
    assert len(bottlenecks) == 2 * len(loads)
    # every row names its asset's carrier, so the table can be read per network
    assets = read_workspace("example").workspace.assets.set_index("id")["carrier"]
    assert (bottlenecks["carrier"] == bottlenecks["asset_id"].map(assets)).all()
    assert set(bottlenecks["carrier"]) == set(assets)
    # the electricity map, and one of the other networks when the workspace has them
    other = "kaart_knelpunten_2030_warmte_gas_waterstof.png"
    assert (other in names) == bool((assets != "electricity").any())


def test_explain_prints_terms_that_sum_to_the_peak() -> None:
    result = runner.invoke(build_app("en"), ["insight", "explain", "UTC-MS", "2030",
                                             "--workspace", "example", "--scenario", "EV"],
                           env=ENV)
    assert result.exit_code == 0, result.output
    peak = float(project_loads(read_workspace("example").workspace, "EV", years=[2030])[
        "peak_demand_mw"].sel(asset="UTC-MS", year=2030))
    assert f"peak {peak:,.1f} MW" in result.output  # MW to 0.1, English separators
    dutch = runner.invoke(build_app("nl"), ["insight", "explain", "UTC-MS", "2030",
                                            "--workspace", "example", "--scenario", "EV"],
                          env=ENV)
    shown = f"{peak:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    assert f"piek {shown} MW" in dutch.output  # decimal comma, thousands dot
    assert "D-MKZ" in result.output and "Σ" in result.output


def test_explain_unknown_asset_and_bad_usage_exit_2() -> None:
    app = build_app("nl")
    unknown = runner.invoke(app, ["insight", "explain", "NOPE", "2030", "--workspace",
                                  "example"], env=ENV)
    assert unknown.exit_code == 2 and "NOPE" in unknown.output
    usage = runner.invoke(app, ["insight", "explain", "UTC-MS"], env=ENV)
    assert usage.exit_code == 2 and "explain COMPONENT JAAR" in usage.output
    # a workspace given as the first argument: the message names --workspace
    misplaced = runner.invoke(app, ["insight", "explain", "example", "UTC-MS", "2030"],
                              env=ENV)
    assert misplaced.exit_code == 2 and "--workspace" in misplaced.output
    assert "Traceback" not in unknown.output + usage.output


def test_explain_of_a_gas_asset_gives_the_flow_in_cubic_metres_beside_the_mw() -> None:
    result = runner.invoke(build_app("en"), ["insight", "explain", "GAS-STD", "2026",
                                             "--scenario", "KM"], env=ENV)
    assert result.exit_code == 0, result.output
    peak = float(project_loads(read_workspace("utrecht").workspace, "KM", years=[2026])[
        "peak_demand_mw"].sel(asset="GAS-STD", year=2026))
    assert peak > 1000
    flow = round(peak * 3600 / 31.65)  # MJ/h over the lower heating value per m³
    assert f"≈ {flow:,} m³/h of natural gas" in result.output
    dutch = runner.invoke(build_app("nl"), ["insight", "explain", "GAS-STD", "2026",
                                            "--scenario", "KM"], env=ENV)
    assert f"≈ {flow:,} m³/u aardgas".replace(",", ".") in dutch.output
    electricity = runner.invoke(build_app("en"), ["insight", "explain", "UTC-MS", "2030",
                                                  "--workspace", "example"], env=ENV)
    assert "m³" not in electricity.output and "kg/h" not in electricity.output
