"""``pmiek assess`` through typer's CliRunner: on stored variants of Utrecht and on its own."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import Result
from openpyxl import load_workbook
from typer.testing import CliRunner

from pmiek.adapters.cli.main import build_app
from pmiek.adapters.files import read_workspace
from pmiek.adapters.files.lenses import load_lens
from pmiek.adapters.files.weights import write_weight_template
from pmiek.domain.choice_rules import DERIVED_SEPARATOR
from pmiek.domain.headers import header as header_of
from pmiek.variants.lenses import BUILT_IN

runner = CliRunner()
ENV = {"COLUMNS": "200"}
SMALL = ["--scenario", "KM", "--horizon", "2030", "--time-limit", "20"]


def run(command: str, args: list[str], lang: str = "nl") -> Result:
    return runner.invoke(build_app(lang), [command, *args], env=ENV)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Result]:
    """Two lenses on Utrecht (KM, 2026–2030) stored by ``pmiek variants``, then assessed."""
    stored = tmp_path_factory.mktemp("varianten")
    made = run("variants", ["utrecht", *SMALL, "--gap", "0.02", "--no-baseline", "--lens",
                            "wonen-eerst,werk-en-industrie", "--out", str(stored)])
    assert made.exit_code == 0, made.output
    out = tmp_path_factory.mktemp("afweging")
    return stored, out, run("assess", ["utrecht", "--variants", str(stored), "--out", str(out),
                                       "--samples", "2000", "--time-limit", "20"])


def test_assess_ranks_stored_variants_and_writes_every_file(
        small: tuple[Path, Path, Result]) -> None:
    _, out, result = small
    assert result.exit_code == 0, result.output
    for name in ("framework.csv", "indicator_registry.csv", "indicators.csv",
                 "indicator_sources.csv", "partial_values.csv", "scores.csv", "smaa.csv",
                 "central_weights.csv", "stability.csv", "priority_list.csv",
                 "priority_list.xlsx", "priority_list.json", "why.csv", "scores.png",
                 "smaa.png", "stability.png", "priority.png"):
        assert (out / name).stat().st_size > 0, name
    scores = pd.read_csv(out / "scores.csv")
    assert sorted(scores["variant"]) == ["werk-en-industrie", "wonen-eerst"]
    assert sorted(scores["rank"]) == [1, 2]
    assert "Afweging van de varianten" in result.output and "kans op rang 1" in result.output
    stability = pd.read_csv(out / "stability.csv", keep_default_na=False)
    named = {v for cell in stability[["swap_at_lower", "swap_at_upper"]].to_numpy().ravel()
             if cell for v in str(cell).split(" > ")}
    assert named and named <= set(scores["variant"])
    # the weighted sum is Σ weight × partial value, expected over the (one) scenario
    partial = pd.read_csv(out / "partial_values.csv")
    summed = partial.groupby("variant")["contribution"].sum()
    np.testing.assert_allclose(summed[scores["variant"]].to_numpy(),
                               scores["weighted_sum"].to_numpy(), atol=1e-12)


def test_smaa_table_is_a_doubly_stochastic_matrix(small: tuple[Path, Path, Result]) -> None:
    _, out, _ = small
    smaa = pd.read_csv(out / "smaa.csv")
    table = smaa.pivot(index="variant", columns="rank", values="acceptability")
    np.testing.assert_allclose(table.sum(axis=1), 1.0)
    np.testing.assert_allclose(table.sum(axis=0), 1.0)
    scores = pd.read_csv(out / "scores.csv").set_index("variant")
    np.testing.assert_allclose(table[1][scores.index], scores["rank1_acceptability"])


def test_priority_list_names_the_developments_each_project_serves(
        small: tuple[Path, Path, Result]) -> None:
    stored, out, _ = small
    priority = pd.read_csv(out / "priority_list.csv", dtype={"developments": str})
    chosen = pd.read_csv(out / "scores.csv").query("chosen")["variant"].item()
    assert (priority["variant"] == chosen).all()
    built = pd.read_csv(stored / chosen / "schedule.csv").dropna(subset=["in_service_year"])
    assert set(priority["project_id"]) == set(built["project_id"])
    utrecht = read_workspace("utrecht").workspace
    known = set(utrecht.developments["id"].astype(str))
    rules = set(utrecht.choice_rules["id"].astype(str))
    for row in priority.itertuples():
        named = str(row.developments).split(";")
        # a row that a choice rule made is named '<development>~<rule>'
        origin = [n.split(DERIVED_SEPARATOR) for n in named]
        assert named and {o[0] for o in origin} <= known, row.project_id
        assert {o[1] for o in origin if len(o) > 1} <= rules, row.project_id
        assert str(row.name) in row.rationale and str(row.in_service_year) in row.rationale
    assert list(priority["priority"]) == list(range(1, len(priority) + 1))
    book = load_workbook(out / "priority_list.xlsx")
    sheet = book.active
    assert sheet is not None and sheet.max_row == len(priority) + 1
    assert book.sheetnames == ["prioriteitenlijst", "per netbeheerder", "per gebied",
                               "toelichting", "metadata"]
    notes = {row[0]: row[1] for row in book["toelichting"].iter_rows(min_row=2,
                                                                      values_only=True)}
    assert "zekerheid 4 of hoger" in notes["klasse"] and "spijtvrij" in notes["klasse"]
    # a note is on a column of the list, on a table of the workbook, or on the methods
    assert set(notes) - {"klasse", "methoden"} <= set(priority.columns) | {
        "priority_by_area", "priority_by_operator"}
    assert len(json.loads((out / "priority_list.json").read_text(encoding="utf-8"))) == \
        len(priority)


def test_the_value_of_a_connection_is_stated_with_its_source_and_range(
        small: tuple[Path, Path, Result]) -> None:
    """Without --value-range the list states the value it rests on (central, range,
    source) and how to see the range's effect; the priority sheet's notes say the same."""
    _, out, result = small
    chosen = pd.read_csv(out / "scores.csv").query("chosen")["variant"].item()
    value = load_lens(chosen).value
    shown = " ".join(result.output.split())
    assert f"0,{round(value.low * 100):02d}–" in shown  # the range, in the Dutch format
    assert "bron: " + value.source.split(":")[0] in shown
    assert "draai met --value-range" in shown
    assert not (out / "value_range.csv").exists()
    notes = {row[0]: row[1] for row in load_workbook(out / "priority_list.xlsx")[
        "toelichting"].iter_rows(min_row=2, values_only=True)}
    assert value.source.split(";")[0] in notes["marginal_value_meur"]


def test_value_range_designs_the_chosen_variant_again_at_each_end(
        small: tuple[Path, Path, Result], tmp_path: Path) -> None:
    stored, out, _ = small
    ranged = tmp_path / "bereik"
    result = run("assess", ["utrecht", "--variants", str(stored), "--out", str(ranged),
                            "--samples", "2000", "--time-limit", "20", "--value-range"])
    assert result.exit_code == 0, result.output
    table = pd.read_csv(ranged / "value_range.csv")
    priority = pd.read_csv(out / "priority_list.csv")
    # the central column is the priority list of the run without --value-range
    central = table[table["chosen_central"]].set_index("project_id")["rank_central"]
    assert central.to_dict() == priority.set_index("project_id")["priority"].to_dict()
    for point in ("low", "central", "high"):
        ranks = table.loc[table[f"chosen_{point}"], f"rank_{point}"]
        assert sorted(ranks.astype(int)) == list(range(1, len(ranks) + 1))
        assert table.loc[~table[f"chosen_{point}"], f"rank_{point}"].isna().all()
    chosen = pd.read_csv(ranged / "scores.csv").query("chosen")["variant"].item()
    value = load_lens(chosen).value
    assert (table["value_low"] == value.low).all() and (table["value_high"] == value.high).all()
    # the sentence counts what the table holds
    everywhere = table[table[["chosen_low", "chosen_central", "chosen_high"]].all(axis=1)]
    shown = " ".join(result.output.split())
    assert f"staan {len(everywhere)} van de {len(table)} " in shown
    assert "draai met --value-range" not in shown
def test_priority_list_says_why_each_project_is_built_and_why_csv_why_not(
        small: tuple[Path, Path, Result]) -> None:
    stored, out, result = small
    priority = pd.read_csv(out / "priority_list.csv", keep_default_na=False)
    why = pd.read_csv(out / "why.csv", keep_default_na=False)
    chosen = priority["variant"].iloc[0]
    schedule = pd.read_csv(stored / chosen / "schedule.csv")
    assert sorted(why["project_id"]) == sorted(schedule["project_id"])
    assert set(why.loc[why["chosen"], "project_id"]) == set(priority["project_id"])
    by_id = why.set_index("project_id")
    for row in priority.itertuples():
        assert row.why_reason == by_id.loc[row.project_id, "reason"]
        assert row.why == by_id.loc[row.project_id, "explanation"] and row.why
        if row.why_reason == "relieves":
            assert row.why_asset_id and row.why_direction in ("demand", "feedin")
            assert 2026 <= int(row.why_year) <= 2030
    assert (why.loc[~why["chosen"], "explanation"].str.startswith("Niet gekozen")).all()
    assert "waarom" in result.output  # the column of the terminal's priority list
    book = load_workbook(out / "priority_list.xlsx")
    sheet = book["prioriteitenlijst"]
    header = [cell.value for cell in sheet[1]]
    assert header_of("priority_list", "why", "nl") in header
    assert header_of("priority_list", "why_asset_id", "nl") in header


def test_the_list_is_broken_down_per_area_and_operator(
        small: tuple[Path, Path, Result]) -> None:
    _, out, result = small
    priority = pd.read_csv(out / "priority_list.csv")
    areas = pd.read_csv(out / "priority_by_area.csv", keep_default_na=False)
    operators = pd.read_csv(out / "priority_by_operator.csv")
    for level in ("municipality", "region"):
        rows = areas[areas["level"] == level]
        assert rows["n_projects"].sum() == len(priority)
        assert rows["capex_meur"].sum() == pytest.approx(priority["capex_meur"].sum())
        assert rows["enabled_mw"].sum() == pytest.approx(priority["enabled_mw"].sum())
    assert operators["n_projects"].sum() == len(priority)
    projects = read_workspace("utrecht").workspace.projects
    operator = dict(zip(projects["id"], projects["operator"], strict=True))
    per = priority.groupby(priority["project_id"].map(operator))["capex_meur"].sum()
    assert operators.set_index("operator")["capex_meur"].to_dict() == pytest.approx(
        per.to_dict())
    finite = priority["marginal_value_meur"].replace(np.inf, np.nan).sum()
    assert operators["marginal_value_meur"].sum() == pytest.approx(finite)
    shown = " ".join(result.output.split())
    assert "Verdeling van de prioriteitenlijst" in shown and "netbeheerder" in shown
    top = areas[(areas["level"] == "municipality") & (areas["area_id"] != "")].iloc[0]
    assert str(top["name"]) in shown


def _check_disagreement_sentences(out: Path, result: Result) -> int:
    """A sentence appears for exactly the methods that do not rank the weighted sum's winner
    first, or that do but rank another variant above its second; under the ranking and in
    the notes. Returns how many."""
    scores = pd.read_csv(out / "scores.csv")
    first = scores.sort_values(["rank", "rank1_acceptability"], ascending=[True, False],
                               kind="stable").index[0]
    rest = scores.drop(index=first)
    second = rest.sort_values("weighted_sum", ascending=False, kind="stable").index[0]
    expected = []  # (method, how the sentence goes on after the other variant's name)
    for method, column in (("TOPSIS", "topsis_rank"), ("PROMETHEE II", "promethee_rank")):
        if scores.at[first, column] != 1:
            expected.append((method, f"eerst en niet {scores.at[first, 'label']},"))
        elif scores.at[second, column] > rest[column].min():
            expected.append((method, f"op de tweede plaats en niet {scores.at[second, 'label']},"))
    shown = " ".join(result.output.split())
    said = re.findall(r"(TOPSIS|PROMETHEE II) zet .+? (eerst en niet .+?,|op de tweede plaats "
                      r"en niet .+?,)", shown)
    assert said == expected
    notes = [row[1] for row in load_workbook(out / "priority_list.xlsx")["toelichting"]
             .iter_rows(min_row=2, values_only=True) if row[0] == "methoden"]
    assert len(notes) == len(expected)
    for note, (method, goes_on) in zip(notes, expected, strict=True):
        assert note.startswith(f"{method} zet ") and goes_on in note
        assert "Dat komt door" in note
    return len(expected)


def test_a_sentence_says_which_criteria_make_the_methods_disagree(
        small: tuple[Path, Path, Result]) -> None:
    _, out, result = small
    _check_disagreement_sentences(out, result)


def test_a_hotspot_folder_is_assessed_at_its_level_with_its_context_apart(
        tmp_path: Path) -> None:
    stored, out = tmp_path / "varianten", tmp_path / "afweging"
    made = run("variants", ["example", "--level", "HS-LW", "--lens", "wonen-eerst,evenwichtig",
                            "--no-baseline", "--out", str(stored)])
    assert made.exit_code == 0, made.output
    result = run("assess", ["example", "--variants", str(stored), "--samples", "500", "--out",
                            str(out)], lang="en")
    assert result.exit_code == 0, result.output
    listed = pd.read_csv(out / "priority_list.csv")
    context = pd.read_csv(out / "context.csv")
    chosen = listed["variant"].iloc[0]
    built = pd.read_csv(stored / chosen / "schedule.csv").dropna(subset=["in_service_year"])
    assert len(context) and not set(listed["project_id"]) & set(context["project_id"])
    assert set(listed["project_id"]) | set(context["project_id"]) == set(built["project_id"])
    shown = " ".join(result.output.split())
    assert "Fixed context of Lage Weide (HS-LW)" in shown and "context.csv" in shown
    assert json.loads((out / "metadata.json").read_text(encoding="utf-8"))
    # designed here at the same level: the same list and context
    again = run("assess", ["example", "--level", "HS-LW", "--lens", "wonen-eerst,evenwichtig",
                           "--samples", "500", "--out", str(tmp_path / "opnieuw")])
    assert again.exit_code == 0, again.output
    assert pd.read_csv(tmp_path / "opnieuw" / "context.csv")["project_id"].tolist() == \
        context["project_id"].tolist()


def test_indicator_sources_add_up_to_the_indicators(small: tuple[Path, Path, Result]) -> None:
    _, out, _ = small
    indicators = pd.read_csv(out / "indicators.csv")
    sources = pd.read_csv(out / "indicator_sources.csv")
    summed = sources[sources["aggregate"] == "sum"].groupby(
        ["variant", "scenario", "indicator"])["contribution"].sum()
    joined = indicators.set_index(["variant", "scenario", "indicator"])["value"]
    common = summed.index.intersection(joined.index)
    assert len(common) > 20
    np.testing.assert_allclose(summed[common], joined[common], rtol=1e-9, atol=1e-9)


def test_fixed_weights_and_one_scenario_give_a_certain_winner(
        small: tuple[Path, Path, Result], tmp_path: Path) -> None:
    stored, _, _ = small
    result = run("assess", ["utrecht", "--variants", str(stored), "--out", str(tmp_path),
                            "--weights", "framework", "--samples", "500", "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    first = summary["ranking"][0]
    assert first["rank"] == 1 and first["rank1_acceptability"] == 1.0
    assert summary["chosen"] == first["variant"]


def test_workshop_weights_from_a_spreadsheet(small: tuple[Path, Path, Result],
                                            tmp_path: Path) -> None:
    stored, _, _ = small
    book = tmp_path / "sessie.xlsx"
    write_weight_template(book)
    wb = load_workbook(book)
    sheet = wb["punten"]
    for participant, points in (("gemeente", (70, 20, 10)), ("netbeheerder", (30, 40, 30))):
        for criterion, value in zip(("MW", "RB", "ST"), points, strict=True):
            sheet.append([participant, criterion, value])
    wb.save(book)
    result = run("assess", ["utrecht", "--variants", str(stored), "--out", str(tmp_path / "o"),
                            "--weights", str(book), "--samples", "500"])
    assert result.exit_code == 0, result.output
    assert "2 deelnemers" in result.output
    assert "gewichten van de werksessie" in result.output.replace("\n", " ")
    sets = pd.read_csv(tmp_path / "o" / "weight_sets.csv", index_col="participant")
    np.testing.assert_allclose(sets.sum(axis=1), 1.0)
    # the municipality's 70 points on societal value: its leaves carry 70% of the weight
    societal = [c for c in sets.columns if c.startswith("MW-")]
    assert sets.loc["gemeente (points)", societal].sum() == pytest.approx(0.7)
    spread = pd.read_csv(tmp_path / "o" / "weight_spread.csv", index_col="criterion")
    assert (spread["min"] <= spread["max"]).all()


@pytest.mark.parametrize(("args", "message"), [
    (["--weights", "bijna"], "--weights bijna: geen bestand"),
    (["--choose", "nergens"], "Geen variant met de naam 'nergens'"),
    (["--lens", "wonen-eerst"], "minstens twee varianten"),
])
def test_bad_requests_exit_2_with_the_reason(small: tuple[Path, Path, Result], tmp_path: Path,
                                             args: list[str], message: str) -> None:
    stored, _, _ = small
    result = run("assess", ["utrecht", "--variants", str(stored), "--out", str(tmp_path),
                            *args])
    assert result.exit_code == 2, result.output
    assert message in " ".join(result.output.split())


def test_a_folder_without_comparison_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "leeg"
    empty.mkdir()
    result = run("assess", ["utrecht", "--variants", str(empty), "--out", str(tmp_path / "uit")])
    assert result.exit_code == 2
    assert "comparison.csv" in result.output


def test_a_folder_for_an_unknown_level_is_refused_with_its_metadata(tmp_path: Path) -> None:
    folder = tmp_path / "varianten"
    folder.mkdir()
    (folder / "metadata.json").write_text('{"parameters": {"level": "HS-XX"}}', encoding="utf-8")
    result = run("assess", ["example", "--variants", str(folder), "--out", str(tmp_path / "uit")])
    assert result.exit_code == 2
    shown = " ".join(result.output.split())
    assert "metadata.json" in shown and "HS-XX" in shown and "HS-LW" in shown


def test_equal_variants_are_called_out_in_english(tmp_path: Path) -> None:
    # in the small example every lens builds the same: the command says so
    result = run("assess", ["example", "--out", str(tmp_path), "--samples", "500",
                            "--lens", "wonen-eerst,evenwichtig"], lang="en")
    assert result.exit_code == 0, result.output
    assert "score the same on every criterion" in " ".join(result.output.split())
    assert "Priority list of" in result.output


@pytest.mark.slow
def test_utrecht_all_lenses_ranked_with_robustness(tmp_path: Path) -> None:
    """Done-when 5 of the assessment issue: every lens, every scenario, 2026–2035."""
    stored = tmp_path / "varianten"
    made = run("variants", ["utrecht", "--lens", "all", "--time-limit", "30", "--no-baseline",
                            "--out", str(stored)])
    assert made.exit_code == 0, made.output
    out = tmp_path / "afweging"
    result = run("assess", ["utrecht", "--variants", str(stored), "--out", str(out)])
    assert result.exit_code == 0, result.output
    scores = pd.read_csv(out / "scores.csv")
    assert sorted(scores["variant"]) == sorted(BUILT_IN)
    # ranks follow the weighted sum (equal sums share the better rank)
    expected = scores["weighted_sum"].rank(method="min", ascending=False).astype(int)
    assert scores["rank"].tolist() == expected.tolist()
    assert scores["rank"].min() == 1
    smaa = pd.read_csv(out / "smaa.csv")
    assert smaa["variant"].nunique() == 4 and smaa["rank"].nunique() == 4
    assert scores["best_in_scenarios"].fillna("").str.len().sum() > 0
    stability = pd.read_csv(out / "stability.csv")
    assert len(stability) == 17 and (stability["lower"] <= stability["weight"]).all()
    priority = pd.read_csv(out / "priority_list.csv", dtype={"developments": str})
    assert len(priority) > 20 and priority["developments"].fillna("").str.len().gt(0).all()
    _check_disagreement_sentences(out, result)
