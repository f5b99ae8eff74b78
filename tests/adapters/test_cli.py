"""The pmiek command line through typer's CliRunner."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pmiek.adapters.cli.i18n import choose_language
from pmiek.adapters.cli.main import build_app, main
from pmiek.adapters.files import embedded_workspaces, read_workspace
from pmiek.domain.workspace import Workspace

runner = CliRunner()
WIDE = {"COLUMNS": "400", "PMIEK_LANG": "nl"}


def invoke(args: list[str], lang: str = "nl"):
    return runner.invoke(build_app(lang), args, env=WIDE)


def test_language_is_dutch_unless_asked() -> None:
    assert choose_language([], {}) == "nl"
    assert choose_language(["validate", "--lang", "en"], {}) == "en"
    assert choose_language(["--lang=en", "validate"], {}) == "en"
    assert choose_language([], {"PMIEK_LANG": "en"}) == "en"
    assert choose_language(["--lang", "nl"], {"PMIEK_LANG": "en"}) == "nl"
    assert choose_language(["--lang", "fr"], {}) == "nl"


def test_help_follows_language() -> None:
    dutch = invoke(["--help"], "nl")
    english = invoke(["--help"], "en")
    assert dutch.exit_code == english.exit_code == 0
    assert "Controleer een werkruimte" in dutch.output
    assert "Check a workspace" in english.output
    assert "Check a workspace" not in dutch.output


def _command_paths() -> list[list[str]]:
    """Every command and sub-command of the application, as argument lists."""
    import typer

    root = typer.main.get_command(build_app("nl"))
    paths: list[list[str]] = [[]]
    stack: list[tuple[list[str], object]] = [([], root)]
    while stack:
        path, command = stack.pop()
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            paths.append([*path, name])
            stack.append(([*path, name], sub))
    return paths


def test_every_help_is_in_the_chosen_language() -> None:
    paths = _command_paths()
    assert len(paths) > 10  # the root, the commands and the db sub-commands
    for path in paths:
        dutch = invoke([*path, "--help"], "nl")
        english = invoke([*path, "--help"], "en")
        assert dutch.exit_code == english.exit_code == 0, (path, dutch.output)
        assert "Toon deze hulp en stop." in dutch.output, path
        assert "Gebruik: " in dutch.output and "[OPTIES]" in dutch.output, path
        for english_word in ("Show this", "Usage:", "Options ", "Arguments ", "Commands ",
                             "[default:", "[OPTIONS]", "COMMAND [ARGS]"):
            assert english_word not in dutch.output, (path, english_word)
        assert "Show this help and exit." in english.output, path
        assert "Usage: " in english.output and "Gebruik" not in english.output, path


def test_main_reads_lang_from_argv(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["validate", "example", "--lang", "en"])
    assert stop.value.code == 0
    assert "clean" in capsys.readouterr().out


def test_validate_example_is_clean() -> None:
    result = invoke(["validate", "example"])
    assert result.exit_code == 0, result.output
    assert "in orde" in result.output


def test_validate_defaults_to_embedded_dataset() -> None:
    result = invoke(["validate", "--json"])
    assert result.exit_code == 0
    payload = json.loads(result.output)
    assert payload["valid"] is True and payload["problems"] == []
    assert Path(payload["path"]) == embedded_workspaces()["utrecht"]


@pytest.mark.parametrize(("lang", "words"), [("nl", "bestaat niet"), ("en", "does not exist")])
def test_validate_json_of_a_missing_workspace_is_json_in_one_language(
        tmp_path: Path, lang: str, words: str) -> None:
    missing = tmp_path / "nergens"
    result = invoke(["validate", str(missing), "--json"], lang)
    assert result.exit_code == 2
    payload = json.loads(result.stdout)  # nothing but JSON on stdout
    assert payload["valid"] is False and payload["problems"] == []
    assert words in payload["error"] and str(missing) in payload["error"]
    other = "does not exist" if lang == "nl" else "bestaat niet"
    assert other not in payload["error"]  # not both languages at once


def test_an_empty_template_validates_as_empty_not_clean(tmp_path: Path) -> None:
    book = tmp_path / "leeg.xlsx"
    assert invoke(["template", str(book)]).exit_code == 0
    for lang, word, wrong in (("nl", "leeg", "in orde"), ("en", "empty", "clean")):
        result = invoke(["validate", str(book)], lang)
        assert result.exit_code == 0, result.output
        assert f"{book}: {word}" in result.output.replace("\n", "")
        assert wrong not in result.output
    payload = json.loads(invoke(["validate", str(book), "--json"]).stdout)
    assert payload["valid"] is True and payload["empty"] is True
    assert json.loads(invoke(["validate", "example", "--json"]).stdout)["empty"] is False


def test_validate_counts_errors_and_warnings_in_words(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    shutil.copytree(embedded_workspaces()["example"], folder)
    assets = (folder / "assets.csv").read_text().replace(",LWD150,HS-LW,66,", ",LWD151,HS-LW,66,")
    (folder / "assets.csv").write_text(assets)
    result = read_workspace(folder)
    n_errors = sum(p.severity.value == "error" for p in result.problems)
    n_warnings = len(result.problems) - n_errors
    dutch = invoke(["validate", str(folder)]).output.replace("\n", "")
    english = invoke(["validate", str(folder)], "en").output.replace("\n", "")
    assert f"{n_errors} fout{'' if n_errors == 1 else 'en'}, " in dutch
    assert f"{n_warnings} waarschuwing{'' if n_warnings == 1 else 'en'} in" in dutch
    assert f"{n_errors} error{'' if n_errors == 1 else 's'}, " in english
    assert "(en)" not in dutch and "(s)" not in english


def test_validate_reports_problem_with_location(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    shutil.copytree(embedded_workspaces()["example"], folder)
    assets = (folder / "assets.csv").read_text().replace(",LWD150,HS-LW,66,", ",LWD151,HS-LW,66,")
    (folder / "assets.csv").write_text(assets)
    result = invoke(["validate", str(folder), "--json"], "en")
    assert result.exit_code == 2
    problem = json.loads(result.output)["problems"][0]
    assert problem["code"] == "dangling_reference"
    assert (problem["table"], problem["row_id"], problem["column"]) == (
        "assets", "LWD-MS", "parent_id")
    assert problem["row"] == 6  # the CSV line: header is line 1, LWD-MS is the 5th asset
    assert problem["file"].endswith("assets.csv")
    assert "LWD150" in problem["hint"]  # the close match is suggested
    table = invoke(["validate", str(folder)], "nl")
    assert table.exit_code == 2
    for token in ("assets.csv", "LWD-MS", "parent_id", "LWD151", "Bedoelde u 'LWD150'?"):
        assert token in table.output
    assert "Traceback" not in table.output


def test_unknown_workspace_exits_2_without_traceback() -> None:
    result = invoke(["validate", "no-such-place"])
    assert result.exit_code == 2
    assert "no-such-place" in result.output
    assert "Traceback" not in result.output


def test_template_writes_workbook(tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    result = invoke(["template", str(out)])
    assert result.exit_code == 0, result.output
    assert read_workspace(out).workspace.equals(Workspace())
    again = invoke(["template", str(out)])
    assert again.exit_code == 1  # refuses to overwrite without --overwrite
    assert invoke(["template", str(out), "--overwrite"]).exit_code == 0


def test_template_refuses_other_suffix(tmp_path: Path) -> None:
    result = invoke(["template", str(tmp_path / "t.csv")])
    assert result.exit_code == 2
    assert not (tmp_path / "t.csv").exists()


@pytest.mark.parametrize("chain", [["ws.xlsx", "ws.gpkg", "ws"], ["ws.gpkg", "ws", "ws.xlsx"]])
def test_convert_round_trip(tmp_path: Path, example: Workspace, chain: list[str]) -> None:
    source = "example"
    for name in chain:
        out = tmp_path / name
        result = invoke(["convert", source, str(out)])
        assert result.exit_code == 0, result.output
        assert read_workspace(out).workspace.differences(example) == []
        source = str(out)


def test_summary_shows_totals(example: Workspace) -> None:
    result = invoke(["summary", "example"], "en")
    assert result.exit_code == 0
    assert "Developments per sector" in result.output
    # housing 24,000 homes × 2 kW = 48; business park 30 ha × 250 kW = 7.5; industry 45;
    # 6,000 charge points × 2 kW = 12; hospital 6; data centre 30; heat 12,000 × 5 kW = 60
    assert "housing" in result.output and "208.5" in result.output
