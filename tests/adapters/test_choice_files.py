"""Choice sets as TOML files: a scenario wherever one is expected, recorded in the input hash,
and compared with another scenario by ``pmiek choices``."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from pmiek.adapters.cli.main import build_app
from pmiek.adapters.files import read_workspace
from pmiek.adapters.files.choice_files import read_choice_set, scenario_with_choices
from pmiek.adapters.files.outputs import MARKER
from pmiek.domain.choice_rules import options
from pmiek.domain.labels import label
from pmiek.domain.provenance import content_hash
from pmiek.domain.workspace import Workspace
from pmiek.errors import ValidationError
from pmiek.insight import analyse, project_loads

WARM = 'name = "WARM"\nlabel = "Collectieve warmte"\nstoryline = "KM"\n' \
       '[options]\nheat_supply = "collective"\n'


@pytest.fixture(scope="module")
def utrecht() -> Workspace:
    return read_workspace("utrecht").workspace


def _file(folder: Path, text: str, name: str = "warm.toml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_choice_file_is_the_storyline_with_its_own_options(tmp_path: Path,
                                                            utrecht: Workspace) -> None:
    ws, name = scenario_with_choices(utrecht, str(_file(tmp_path, WARM)))
    assert name == "WARM"
    assert options(ws, "WARM") == {**options(ws, "KM"), "heat_supply": "collective"}
    factors = ws.scenario_factors
    assert (factors[factors["scenario_id"] == "WARM"].drop(columns="scenario_id")
            .reset_index(drop=True).equals(factors[factors["scenario_id"] == "KM"]
                                           .drop(columns="scenario_id").reset_index(drop=True)))
    # the same loads as KM with collective heat picked in the data itself
    params = utrecht.scenario_parameters.copy()
    params.loc[(params["scenario_id"] == "KM") & (params["parameter"] == "heat_supply"),
               "value"] = "collective"
    direct = project_loads(utrecht.with_tables(scenario_parameters=params), "KM", years=[2035])
    via_file = project_loads(ws, "WARM", years=[2035])
    pd.testing.assert_series_equal(direct["peak_demand_mw"].to_series(),
                                   via_file["peak_demand_mw"].to_series())


def test_the_input_hash_covers_the_choice_file(tmp_path: Path, utrecht: Workspace) -> None:
    first, _ = scenario_with_choices(utrecht, str(_file(tmp_path, WARM)))
    second, _ = scenario_with_choices(utrecht, str(_file(
        tmp_path, WARM.replace("collective", "mixed"), "warm2.toml")))
    assert content_hash(first) != content_hash(second) != content_hash(utrecht)
    described = first.scenarios.set_index("id").at["WARM", "description"]
    assert "warm.toml, sha256 " in described and "heat_supply = collective" in described
    result = analyse(first, "WARM", first_year=2030, horizon=2030)
    assert result.provenance.input_hash == content_hash(first)


def test_the_documented_choice_file_is_valid(utrecht: Workspace) -> None:
    example = Path(__file__).parents[2] / "docs" / "keuzeset-warm.toml"
    choice = read_choice_set(example, utrecht)
    assert (choice.name, choice.storyline, choice.options) == (
        "WARM", "KM", {"heat_supply": "collective"})


def test_a_broken_choice_file_names_file_and_keys(tmp_path: Path, utrecht: Workspace) -> None:
    path = _file(tmp_path, 'storyline = "XX"\ncolour = 1\n[options]\nheat_supply = "warm"\n'
                 'solar = "high"\n', "kapot.toml")
    with pytest.raises(ValidationError) as caught:
        read_choice_set(path, utrecht)
    found = sorted((p.table, p.code.value, p.column) for p in caught.value.problems)
    assert found == [("kapot.toml", "not_allowed", "storyline"),
                     ("kapot.toml", "unknown_key", "colour"),
                     ("kapot.toml", "unknown_key", "options.solar"),
                     ("kapot.toml", "unknown_option", "options.heat_supply")]
    bad = _file(tmp_path, "storyline = [", "geen.toml")
    with pytest.raises(ValidationError, match=r"geen\.toml"):
        read_choice_set(bad, utrecht)


def test_insight_takes_a_choice_file_as_scenario(tmp_path: Path) -> None:
    out = tmp_path / "uit"
    result = CliRunner().invoke(build_app("en"), [
        "insight", "--scenario", str(_file(tmp_path, WARM)), "--first-year", "2035",
        "--year", "2035", "--out", str(out)])
    assert result.exit_code == 0, result.output
    loads = pd.read_csv(out / "loads.csv")
    assert set(loads["scenario"]) == {"WARM"}
    heat = loads.set_index(["asset_id", "year"]).at[("WN-UTR", 2035), "peak_demand_mw"]
    assert heat == pytest.approx(float(project_loads(
        scenario_with_choices(read_workspace("utrecht").workspace,
                              str(tmp_path / "warm.toml"))[0], "WARM",
        years=[2035])["peak_demand_mw"].sel(asset="WN-UTR", year=2035)))
    marker = json.loads((out / MARKER).read_text(encoding="utf-8"))
    recorded = json.dumps(marker)
    assert '"WARM"' in recorded
    assert content_hash(scenario_with_choices(read_workspace("utrecht").workspace, str(
        tmp_path / "warm.toml"))[0]) in recorded  # the input hash covers the choice file


def test_choices_lists_options_and_compares_two_scenarios(tmp_path: Path) -> None:
    runner = CliRunner()
    listed = runner.invoke(build_app("en"), ["choices"])
    assert listed.exit_code == 0, listed.output
    text = " ".join(listed.output.split())
    # choices and options by their English labels, the rules by their ids
    assert label("choice", "heat_supply", "en") in text and "HS-COL-UTR-WN" in text
    assert label("choice_option", "collective", "en") in text
    assert "heat_supply" not in text.replace("HS-", "")
    out = tmp_path / "uit"
    compared = runner.invoke(build_app("en"), [
        "choices", "--compare", "KM", "--compare", str(_file(tmp_path, WARM)), "--year",
        "2035", "--out", str(out)])
    assert compared.exit_code == 0, compared.output
    changes = pd.read_csv(out / "choices_compare.csv")
    rows = changes.set_index(["asset_id", "direction"])
    assert rows.at[("WN-UTR", "afname"), "change_mw"] > 20
    assert rows.at[("NWG150", "afname"), "change_mw"] < 0
    assert set(changes["carrier"]) >= {"electricity", "heat"}
    one = runner.invoke(build_app("en"), ["choices", "--compare", "KM"])
    assert one.exit_code == 2 and "exactly twice" in " ".join(one.output.split())
