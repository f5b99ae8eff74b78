"""``pmiek variants`` through typer's CliRunner, on a small case of the Utrecht dataset."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import cast

import numpy as np
import pandas as pd
import pytest
from click.testing import Result
from rich.console import Console
from typer.testing import CliRunner

from pmiek.adapters.cli.main import build_app
from pmiek.adapters.cli.render_variants import print_comparison
from pmiek.adapters.files import read_workspace
from pmiek.adapters.files.lenses import load_lens
from pmiek.domain.workspace import Workspace
from pmiek.variants import VariantSet
from pmiek.variants.lenses import BUILT_IN
from pmiek.variants.why import CHOSEN_REASONS, UNCHOSEN_REASONS, WHY_COLUMNS

runner = CliRunner()
ENV = {"COLUMNS": "200"}
FIRST, LAST = 2026, 2032
SMALL = ["utrecht", "--scenario", "KM", "--horizon", str(LAST), "--time-limit", "20",
         "--gap", "0.05"]
SCHEDULE = ["project_id", "name", "kind", "operator", "status", "in_service_year",
            "capex_meur", "fte_years", "transformers"]


def run(args: list[str], lang: str = "nl") -> Result:
    return runner.invoke(build_app(lang), ["variants", *args], env=ENV)


@pytest.fixture(scope="module")
def balanced(tmp_path_factory: pytest.TempPathFactory) -> tuple[Result, Path]:
    out = tmp_path_factory.mktemp("varianten")
    return run([*SMALL, "--lens", "evenwichtig", "--out", str(out)]), out


def test_writes_a_folder_per_lens_and_a_comparison(balanced: tuple[Result, Path]) -> None:
    result, out = balanced
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    folder = out / "evenwichtig"
    assert {p.name for p in folder.iterdir()} == {
        "schedule.csv", "connected.csv", "resource_use.csv", "summary.csv", "why.csv",
        "gantt.png", "resources.png"}
    schedule = pd.read_csv(folder / "schedule.csv")
    assert list(schedule.columns) == SCHEDULE
    years = schedule["in_service_year"].dropna()
    assert len(years) and years.between(FIRST, LAST).all()
    assert (years == years.round()).all()
    assert schedule["in_service_year"].isna().any()  # not every candidate is built
    connected = pd.read_csv(folder / "connected.csv")
    assert list(connected.columns) == ["scenario", "development_id", "sector", "year",
                                       "connected_share", "connected_mw"]
    assert set(connected["scenario"]) == {"KM"}
    assert connected["connected_share"].between(0, 1).all()
    use = pd.read_csv(folder / "resource_use.csv")
    assert list(use.columns) == ["year", "operator", "resource", "used", "available"]
    assert set(use["resource"]) == {"budget", "fte", "transformers"}
    summary = pd.read_csv(folder / "summary.csv")
    assert {"scenario", "homes_connected_2030", "projects_built", "capex_meur",
            "objective_meur"} <= set(summary.columns)
    assert summary["projects_built"].iloc[0] == len(years)
    comparison = pd.read_csv(out / "comparison.csv")
    assert list(comparison["lens"]) == ["evenwichtig"]
    row = comparison.iloc[0]
    assert row["termination"] in ("optimal", "gap_limit")
    assert row["mip_gap"] <= 0.05
    assert row["projects_built"] == len(years)
    assert row["capex_meur"] == pytest.approx(schedule.loc[schedule["in_service_year"]
                                                           .notna(), "capex_meur"].sum())
    assert row["violations"] == 0
    # the value of a connection the lens rests on, with its range and source
    value = load_lens("evenwichtig").value
    assert (row["value_meur_per_mw_year"], row["value_low_meur_per_mw_year"],
            row["value_high_meur_per_mw_year"]) == (value.central, value.low, value.high)
    assert row["value_source"] == value.source
    shown = " ".join(result.output.split())
    assert "Waarde van een aansluiting (Evenwichtig): " in shown
    assert f"bron: {value.source}" in shown


def test_a_lens_with_the_older_bare_value_is_called_unsourced(tmp_path: Path) -> None:
    lens = tmp_path / "oud.toml"
    lens.write_text('name = "oud"\nvalue_meur_per_mw_year = 0.4\n', encoding="utf-8")
    out = tmp_path / "out"
    result = run(["example", "--scenario", "KM", "--horizon", str(LAST), "--lens", str(lens),
                  "--no-baseline", "--out", str(out)])
    assert result.exit_code == 0, result.output
    shown = " ".join(result.output.split())
    assert "Waarde van een aansluiting (oud): 0,40 M€ per gewogen MW-jaar, zonder bron" in shown
    row = pd.read_csv(out / "comparison.csv").iloc[0]
    assert row["value_low_meur_per_mw_year"] == row["value_high_meur_per_mw_year"] == 0.4
    assert pd.isna(row["value_source"])


def test_why_csv_gives_every_project_a_reason_and_a_dutch_sentence(
        balanced: tuple[Result, Path]) -> None:
    result, out = balanced
    why = pd.read_csv(out / "evenwichtig" / "why.csv", keep_default_na=False)
    assert list(why.columns) == [*WHY_COLUMNS, "explanation"]
    schedule = pd.read_csv(out / "evenwichtig" / "schedule.csv")
    assert sorted(why["project_id"]) == sorted(schedule["project_id"])
    built = set(schedule.loc[schedule["in_service_year"].notna(), "project_id"])
    assert set(why.loc[why["chosen"], "project_id"]) == built
    assert set(why.loc[why["chosen"], "reason"]) <= set(CHOSEN_REASONS)
    assert set(why.loc[~why["chosen"], "reason"]) <= set(UNCHOSEN_REASONS)
    names = read_workspace("utrecht").workspace.assets.set_index("id")["name"]
    relieves = why[why["reason"] == "relieves"]
    assert len(relieves)
    for row in relieves.itertuples():
        assert row.explanation.startswith("Ontlast de ")
        assert names[row.asset_id] in row.explanation and str(row.year) in row.explanation
        assert ("afname" if row.direction == "demand" else "invoeding") in row.explanation
    assert (why["explanation"].str.len() > 20).all()
    line = next(x for x in result.output.splitlines() if x.startswith("Waarom (Evenwichtig)"))
    assert "gebouwd:" in line and "niet gebouwd:" in line


def test_prints_a_dutch_comparison_table(balanced: tuple[Result, Path]) -> None:
    output = balanced[0].output
    assert "Ontwikkelvarianten (KM, 2026–2032, provincie)" in output
    assert "Evenwichtig" in output
    assert "optimaal" in output or "binnen gap" in output
    for header in ("afloop", "MIP-gap", "doelwaarde", "projecten", "investering",
                   "woningen 2030", "industrie 2030", "overbelasting"):
        assert header in output


def test_english_from_the_real_entry_point(tmp_path: Path) -> None:
    # a separate process: HiGHS prints its banner on the C stdout of a fresh process
    done = subprocess.run([sys.executable, "-m", "pmiek.adapters.cli.main", "variants",
                           *SMALL, "--lens", "evenwichtig", "--out", str(tmp_path),
                           "--no-baseline", "--lang", "en"], capture_output=True, text=True,
                          check=False, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    output = done.stdout
    assert "Development variants (KM, 2026–2032, province)" in output
    assert "Balanced" in output
    assert "optimal" in output or "within gap" in output
    assert "termination" in output and "homes 2030" in output
    assert "greedy" not in output  # --no-baseline: no baseline columns
    assert "HiGHS" not in output + done.stderr  # the solver's banner is kept out
    assert (tmp_path / "evenwichtig" / "gantt.png").is_file()


def test_unknown_lens_names_the_built_in_lenses(tmp_path: Path) -> None:
    result = run(["utrecht", "--lens", "evenwichtig,nope", "--out", str(tmp_path)])
    assert result.exit_code == 2, result.output
    assert "Lens 'nope' bestaat niet" in result.output
    for name in BUILT_IN:
        assert name in result.output
    assert "Traceback" not in result.output
    assert not any(tmp_path.iterdir())  # nothing written


@pytest.mark.parametrize(("args", "words"), [
    (["--scenario", "XX"], "Scenario 'XX' bestaat niet"),
    (["--level", "HS-NOPE"], "Niveau 'HS-NOPE' bestaat niet"),
    (["--horizon", "2020"], "ligt voor het eerste jaar"),
])
def test_other_bad_input_exits_2(tmp_path: Path, args: list[str], words: str) -> None:
    result = run(["utrecht", "--lens", "evenwichtig", "--out", str(tmp_path), *args])
    assert result.exit_code == 2, result.output
    assert words in result.output and "Traceback" not in result.output


def test_a_hotspot_schedule_pins_its_projects_in_the_province_run(tmp_path: Path) -> None:
    hotspot = tmp_path / "hotspot"
    first = run([*SMALL, "--lens", "evenwichtig", "--level", "HS-LW", "--out", str(hotspot),
                 "--no-baseline"])
    assert first.exit_code == 0, first.output
    assert "HS-LW" in first.output
    pinned = pd.read_csv(hotspot / "evenwichtig" / "schedule.csv", dtype={"in_service_year":
                                                                          "Int64"})
    # the hotspot's own projects (and the commitments), not the candidates elsewhere
    assert "C-FLEX-LW-IND" in set(pinned["project_id"])
    assert "C-BB-HTN" not in set(pinned["project_id"])
    assert pinned["in_service_year"].isna().any()  # some of its candidates are not built
    built = pinned[pinned["in_service_year"].notna() & (pinned["status"] == "candidate")]
    moved = built["project_id"].iloc[0]
    pinned.loc[pinned["project_id"] == moved, "in_service_year"] = LAST
    fixed = tmp_path / "hotspot-schedule.csv"
    pinned.to_csv(fixed, index=False)
    out = tmp_path / "province"
    result = run([*SMALL, "--lens", "evenwichtig", "--out", str(out), "--no-baseline",
                  "--fixed", str(fixed)])
    assert result.exit_code == 0, result.output
    after = pd.read_csv(out / "evenwichtig" / "schedule.csv",
                        dtype={"in_service_year": "Int64"}).set_index("project_id")
    assert after.loc[moved, "in_service_year"] == LAST
    for pid, year in zip(pinned["project_id"], pinned["in_service_year"], strict=True):
        assert after.loc[pid, "in_service_year"] is pd.NA if year is pd.NA else \
            after.loc[pid, "in_service_year"] == year, pid
    elsewhere = after[~after.index.isin(pinned["project_id"])]
    assert elsewhere["in_service_year"].notna().any()  # the rest of the province is free


def test_fixed_file_with_an_unknown_project_exits_2(tmp_path: Path) -> None:
    fixed = tmp_path / "vast.csv"
    fixed.write_text("project_id,in_service_year\nP-NOPE,2030\n", encoding="utf-8")
    result = run(["utrecht", "--lens", "evenwichtig", "--out", str(tmp_path / "out"),
                  "--fixed", str(fixed)])
    assert result.exit_code == 2, result.output
    assert "P-NOPE" in result.output and "Traceback" not in result.output


def test_lens_from_a_toml_file(tmp_path: Path) -> None:
    lens = tmp_path / "mijn-lens.toml"
    lens.write_text('name = "mijn-lens"\nlabel_nl = "Mijn lens"\nlabel_en = "My lens"\n'
                    "default_sector_weight = 1.0\n\n[sector_weights]\nindustry = 3.0\n",
                    encoding="utf-8")
    out = tmp_path / "out"
    # the small example workspace
    result = run(["example", "--scenario", "KM", "--horizon", str(LAST), "--lens", str(lens),
                  "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Mijn lens" in result.output
    assert (out / "mijn-lens" / "schedule.csv").is_file()
    comparison = pd.read_csv(out / "comparison.csv")
    assert list(comparison["label"]) == ["Mijn lens"]
    row = comparison.iloc[0]
    # the ratio of the gains over building no candidate
    zero = row["nothing_objective_meur"]
    assert row["gain_milp_meur"] == pytest.approx(row["objective_meur"] - zero)
    assert row["gain_greedy_meur"] == pytest.approx(row["greedy_objective_meur"] - zero)
    if row["gain_greedy_meur"] > 0:
        assert row["ratio_milp_greedy"] == pytest.approx(row["gain_milp_meur"]
                                                         / row["gain_greedy_meur"])
        assert f"{row['ratio_milp_greedy']:.2f}".replace(".", ",") in result.output  # Dutch
    else:  # the baseline gains nothing: no ratio
        assert np.isnan(row["ratio_milp_greedy"])
    assert "MILP/gretig" in result.output


def test_the_milp_greedy_ratio_is_a_number_on_utrecht_whose_objectives_are_negative(
        tmp_path: Path) -> None:
    """The objectives of Utrecht are negative (the existing overload's penalty); the ratio of
    the gains over building nothing is still a number, at least 1 up to the MIP gap."""
    out = tmp_path / "out"
    result = run(["utrecht", "--scenario", "KM", "--lens", "evenwichtig", "--out", str(out)])
    assert result.exit_code == 0, result.output
    row = pd.read_csv(out / "comparison.csv").iloc[0]
    assert row["objective_meur"] < 0 and row["greedy_objective_meur"] < 0
    assert row["nothing_objective_meur"] < row["greedy_objective_meur"]
    gap = row["mip_gap"] * abs(row["objective_meur"])
    assert row["gain_milp_meur"] >= row["gain_greedy_meur"] - gap
    assert row["ratio_milp_greedy"] == pytest.approx(row["gain_milp_meur"]
                                                     / row["gain_greedy_meur"])
    assert row["ratio_milp_greedy"] > 0.99


def test_infeasible_lenses_are_reported_and_exit_1(tmp_path: Path) -> None:
    # four TenneT cables and a station pinned in service in 2029 do not fit TenneT's budget
    fixed = tmp_path / "vast.csv"
    fixed.write_text("project_id,in_service_year\nC-KBL-SST-AMF,2029\nC-KBL-BSC-AMF,2029\n"
                     "C-KBL-DBG-VND,2029\nC-KBL-BKN-WRD,2029\nC-BKK2,2029\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run([*SMALL, "--lens", "evenwichtig,wonen-eerst", "--out", str(out),
                  "--no-baseline", "--fixed", str(fixed)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "Evenwichtig: onhaalbaar. Geen haalbare planning" in result.output
    assert "budget van TenneT in 2027" in result.output  # the binding resource and year
    assert "Optimization potentially failed" not in result.output  # linopy's log is quiet
    comparison = pd.read_csv(out / "comparison.csv")
    assert list(comparison["lens"]) == ["evenwichtig", "wonen-eerst"]  # both processed
    assert set(comparison["termination"]) == {"infeasible"}
    assert comparison["message"].str.contains("TenneT").all()
    assert not (out / "evenwichtig").exists()


def test_a_violation_found_by_verify_exits_1(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import pmiek.variants.variant_set as stage
    from pmiek.variants.verify import Violation

    broken = Violation("budget", "TenneT", 2028, 200.0, 150.0,
                                     "Budget van TenneT in 2028 overschreden.")
    monkeypatch.setattr(stage, "verify", lambda result: [broken])
    result = run([*SMALL, "--lens", "evenwichtig", "--out", str(tmp_path), "--no-baseline"])
    assert result.exit_code == 1, result.output
    assert "Evenwichtig (MILP): controle mislukt: Budget van TenneT in 2028 overschreden." \
        in result.output
    assert pd.read_csv(tmp_path / "comparison.csv")["violations"].tolist() == [1]


def test_narrow_terminals_get_one_column_per_lens(balanced: tuple[Result, Path]) -> None:
    comparison = pd.read_csv(balanced[1] / "comparison.csv")
    comparison = pd.concat([comparison, comparison.assign(label="Flex en opslag eerst")])
    settings = cast(VariantSet, SimpleNamespace(scenarios=("KM",), first_year=2026,
                                                horizon=LAST, level="province", baseline=True))
    narrow = Console(width=80, record=True)
    print_comparison(narrow, comparison, settings, Workspace(), "nl")
    shown = narrow.export_text()
    assert max(len(line) for line in shown.splitlines()) <= 80
    assert "Evenwichtig" in shown and "Flex en opslag eerst" in shown
    assert "…" not in shown  # nothing cut off
    wide = Console(width=240, record=True)
    print_comparison(wide, comparison, settings, Workspace(), "nl")
    header = next(line for line in wide.export_text().splitlines() if "┃ variant" in line)
    assert "afloop" in header and "overbelasting" in header  # one row per lens
