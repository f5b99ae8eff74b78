"""The governance commands on their own: the term through the CLI, users and roles."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from pmiek.adapters.cli.main import build_app

runner = CliRunner()


def _run(args: list[str], lang: str = "nl") -> tuple[int, str]:
    result = runner.invoke(build_app(lang), args, env={"COLUMNS": "200"})
    return result.exit_code, result.output


def test_the_utrecht_period_and_its_reasons_in_both_languages() -> None:
    code, out = _run(["consultation", "period", "2025-09-24", "--json"])
    assert code == 0
    found = json.loads(out)
    assert (found["start"], found["end"], found["moved_past"]) == (
        "2025-09-24", "2025-11-04", [])
    code, out = _run(["consultation", "period", "2026-11-14", "--lang", "en"], "en")
    assert code == 0
    assert "to 28 December 2026" in out
    assert "Christmas Day" in out and "Boxing Day" in out and "Sunday" in out
    assert "Kerstdag" not in out and "zondag" not in out
    code, out = _run(["consultation", "period", "2026-11-14"])
    assert "tot en met 28 december 2026" in out and "Tweede Kerstdag" in out
    code, out = _run(["consultation", "period", "2025-09-24", "--kennisgeving"])
    assert "Eenieder" in out and "4 november 2025" in out


def test_users_and_roles(tmp_path: Path) -> None:
    db = f"sqlite:///{(tmp_path / 'p.db').as_posix()}"
    assert _run(["db", "upgrade", "--db", db])[0] == 0
    code, out = _run(["db", "user", "add", "anna", "--role", "kernteam", "--as", "x",
                      "--db", db])
    assert code == 2 and "beheerder" in out  # the first user is an administrator
    assert _run(["db", "user", "add", "beheer", "--role", "beheerder", "--as", "beheer",
                 "--db", db])[0] == 0
    assert _run(["db", "user", "add", "houten", "--role", "gemeente", "--as", "beheer",
                 "--db", db])[0] == 0
    code, out = _run(["db", "user", "add", "mallory", "--role", "beheerder", "--as", "houten",
                      "--db", db])
    assert code == 2 and "rol" in out
    assert _run(["import", "example", "--name", "w", "--db", db])[0] == 0
    code, out = _run(["edition", "new", "E", "--workspace", "w", "--no-run", "--as", "houten",
                      "--db", db])
    assert code == 2 and "gemeente" in out
    code, out = _run(["edition", "new", "E", "--workspace", "w", "--no-run", "--as", "niemand",
                      "--db", db])
    assert code == 2 and "onbekend" in out
    code, out = _run(["edition", "new", "E", "--workspace", "w", "--no-run", "--as", "beheer",
                      "--db", db])
    assert code == 0, out
    code, out = _run(["edition", "list", "--as", "houten", "--db", db, "--json"])
    assert code == 0 and json.loads(out)[0]["status"] == "concept"
