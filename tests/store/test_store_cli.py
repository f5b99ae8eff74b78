"""``pmiek db upgrade|list|backup|restore``, ``pmiek import`` and ``pmiek export`` through
typer's CliRunner, on temporary SQLite databases and once on PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

from pmiek.adapters.cli.main import build_app
from pmiek.adapters.files import embedded_workspaces, read_workspace
from pmiek.adapters.store.migrate import current, head
from pmiek.domain.provenance import content_hash
from tests.store.helpers import (
    REPO,
    count_rows,
    example,
    open_store,
    renamed,
    small,
    utrecht,
)

runner = CliRunner()
ENV = {"COLUMNS": "400", "PMIEK_LANG": "nl", "PMIEK_USER": "tester",
       "PMIEK_DATABASE_URL": None}
BROKEN = REPO / "tests" / "corpus" / "broken" / "acm_priority_out_of_range" / "input"


def pmiek(*args: Any, lang: str = "nl", env: dict[str, str | None] | None = None) -> Any:
    return runner.invoke(build_app(lang), [str(a) for a in args], env={**ENV, **(env or {})})


def ok(*args: Any, **kwargs: Any) -> Any:
    result = pmiek(*args, **kwargs)
    assert result.exit_code == 0, result.output
    return result


def listing(db: str) -> dict[str, Any]:
    payload: dict[str, Any] = json.loads(ok("db", "list", "--json", "--db", db).stdout)
    return payload


def snapshot(db: str) -> tuple[Any, ...]:
    """What a refused command must leave unchanged (and a restore must reproduce)."""
    with open_store(db, migrate=False) as store:
        workspaces = store.workspaces()
        # SQLite hands back naive UTC timestamps, PostgreSQL aware ones: compare in UTC.
        workspaces["last_import"] = [_utc(t) for t in workspaces["last_import"]]
        return (workspaces.to_dict("records"),
                [v.content_hash for v in store.versions("u")],
                len(store.audit()),
                count_rows(store.engine, "data_profiles"),
                count_rows(store.engine, "data_developments"))


def _utc(moment: Any) -> str:
    stamp = pd.Timestamp(moment)
    return (stamp.tz_convert("UTC") if stamp.tzinfo else stamp.tz_localize("UTC")).isoformat()


@pytest.fixture
def db(tmp_path: Path) -> str:
    """A SQLite store upgraded by ``pmiek db upgrade`` and holding the small example as
    workspace 'u', version 1 (stored through the API: quicker than reading files)."""
    url = f"sqlite:///{tmp_path}/store.db"
    upgraded = ok("db", "upgrade", "--db", url)
    assert head() in upgraded.stdout
    with open_store(url, migrate=False) as store:
        store.import_workspace(small(), "u", user="tester")
    return url


def test_import_list_and_export_utrecht(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/store.db"
    ok("db", "upgrade", "--db", url)
    imported = ok("import", "utrecht", "--name", "u", "--note", "eerste", "--db", url)
    assert "'u' versie 1" in imported.stdout

    payload = listing(url)
    assert payload["store"] == url
    assert len(payload["workspaces"]) == 1
    entry = payload["workspaces"][0]
    assert (entry["name"], entry["current_version"], entry["versions"]) == ("u", 1, 1)
    assert payload["editions"] == []
    table = ok("db", "list", "--db", url).stdout
    assert "Werkruimten in" in table and "huidige versie" in table
    with open_store(url, migrate=False) as store:
        info = store.version("u")
        assert (info.created_by, info.note, info.source) == ("tester", "eerste", "utrecht")
        assert store.load("u").equals(utrecht())

    out = tmp_path / "uit"
    exported = ok("export", "u", out, "--db", url)
    assert "'u' versie 1" in exported.stdout
    assert (out / "developments.csv").is_file()
    back = read_workspace(out)
    assert back.ok, [p.message("en") for p in back.problems]
    assert back.workspace.equals(utrecht()), back.workspace.differences(utrecht())


def test_upgrade_twice_is_harmless(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/x.db"
    first = ok("db", "upgrade", "--db", url)
    assert f"schema - → {head()}" in first.stdout
    second = ok("db", "upgrade", "--db", url)
    assert f"schema {head()} → {head()}" in second.stdout
    assert "nog geen werkruimten" in ok("db", "list", "--db", url).stdout
    assert listing(url)["workspaces"] == []


def test_import_with_stale_expected_version_is_a_conflict(db: str) -> None:
    before = snapshot(db)
    result = pmiek("import", "example", "--name", "u", "--expect-version", "0", "--db", db)
    assert result.exit_code == 3, result.output
    assert "Fout" in result.stderr
    assert "versie 1, niet op 0" in result.stderr  # in the language of the run
    assert "Er is niets geschreven" in result.stderr
    assert snapshot(db) == before

    english = pmiek("import", "example", "--name", "u", "--expect-version", "5", "--db", db,
                    lang="en")
    assert english.exit_code == 3
    assert "Error" in english.stderr and "not 5" in english.stderr
    assert snapshot(db) == before

    # With the right expected version the import goes through.
    second = ok("import", "example", "--name", "u", "--expect-version", "1", "--db", db)
    assert "'u' versie 2" in second.stdout
    assert listing(db)["workspaces"][0]["current_version"] == 2


def test_import_of_a_broken_workspace_stores_nothing(db: str) -> None:
    before = snapshot(db)
    result = pmiek("import", BROKEN, "--name", "kapot", "--db", db)
    assert result.exit_code == 2, result.output
    assert "acm_priority" in result.stdout  # the validation table names the problem
    assert "er is niets opgeslagen" in result.stderr
    assert snapshot(db) == before
    assert [w["name"] for w in listing(db)["workspaces"]] == ["u"]


def test_import_of_a_missing_workspace_or_without_a_name(db: str, tmp_path: Path) -> None:
    before = snapshot(db)
    result = pmiek("import", tmp_path / "bestaat-niet", "--name", "x", "--db", db)
    assert result.exit_code == 2, result.output
    blank = pmiek("import", "example", "--name", "  ", "--db", db)
    assert blank.exit_code == 2, blank.output
    assert "--name" in blank.stderr
    assert snapshot(db) == before


def test_export_refusals(db: str, tmp_path: Path) -> None:
    out = tmp_path / "uit"
    ok("export", "u", out, "--db", db)
    marker = out / "developments.csv"
    written = marker.read_bytes()
    # An existing folder is kept unless --overwrite; an unknown version or name fails.
    again = pmiek("export", "u", out, "--db", db)
    assert again.exit_code == 1 and "--overwrite" in again.stderr
    assert marker.read_bytes() == written
    missing = pmiek("export", "u", tmp_path / "v2", "--version", "2", "--db", db)
    assert missing.exit_code == 2 and "geen versie 2" in missing.stderr
    unknown = pmiek("export", "nergens", tmp_path / "x", "--db", db)
    assert unknown.exit_code == 2 and "nergens" in unknown.stderr
    assert not (tmp_path / "x").exists() and not (tmp_path / "v2").exists()
    ok("export", "u", out, "--overwrite", "--db", db)


def test_export_of_an_older_version(db: str, tmp_path: Path) -> None:
    ok("import", "example", "--name", "u", "--db", db)
    ok("export", "u", tmp_path / "v1", "--version", "1", "--db", db)
    ok("export", "u", tmp_path / "v2", "--db", db)
    # small() has 24-hour profiles, which validation rejects: compare without it.
    v1 = read_workspace(tmp_path / "v1", validate_rules=False).workspace
    assert v1.equals(small()), v1.differences(small())
    assert read_workspace(tmp_path / "v2").workspace.equals(example())


def test_backup_and_restore(db: str, tmp_path: Path) -> None:
    file = tmp_path / "backup.db"
    backed_up = ok("db", "backup", file, "--db", db)
    assert file.is_file() and "Back-up" in backed_up.stdout

    other = f"sqlite:///{tmp_path}/other.db"
    ok("db", "upgrade", "--db", other)
    ok("db", "restore", file, "--db", other)
    assert snapshot(other) == snapshot(db)
    with open_store(other, migrate=False) as store:
        assert store.load("u").equals(small())
        assert store.version("u").content_hash == content_hash(small())
        # The restored store goes on numbering where the original was.
        store.import_workspace(example(), "u", expected_version=1)
        assert store.version("u").number == 2


def test_restore_into_a_non_empty_store_needs_replace(db: str, tmp_path: Path) -> None:
    file = tmp_path / "backup.db"
    other = f"sqlite:///{tmp_path}/other.db"
    ok("db", "upgrade", "--db", other)
    with open_store(other, migrate=False) as store:
        store.import_workspace(renamed(small(), 0, "Uit de back-up"), "u")
        store.import_workspace(small(), "andere")
    ok("db", "backup", file, "--db", other)

    before = snapshot(db)
    refused = pmiek("db", "restore", file, "--db", db)
    assert refused.exit_code != 0
    assert "--replace" in refused.stderr
    assert snapshot(db) == before
    with open_store(db, migrate=False) as store:
        assert store.load("u").equals(small())

    ok("db", "restore", file, "--replace", "--db", db)
    assert snapshot(db) == snapshot(other)
    with open_store(db, migrate=False) as store:
        assert store.load("u").developments.loc[0, "name"] == "Uit de back-up"
        assert list(store.workspaces()["name"]) == ["andere", "u"]


def test_restore_needs_an_upgraded_store_and_a_backup(db: str, tmp_path: Path) -> None:
    file = tmp_path / "backup.db"
    ok("db", "backup", file, "--db", db)
    empty = f"sqlite:///{tmp_path}/empty.db"
    result = pmiek("db", "restore", file, "--db", empty)
    assert result.exit_code == 2 and "pmiek db upgrade" in result.stderr
    missing = pmiek("db", "restore", tmp_path / "nope.db", "--db", db)
    assert missing.exit_code == 2 and "nope.db" in missing.stderr
    not_a_backup = tmp_path / "text.db"
    not_a_backup.write_text("geen database")
    assert pmiek("db", "restore", not_a_backup, "--db", db).exit_code == 2


def test_commands_on_an_unmigrated_store(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/new.db"
    result = pmiek("import", "example", "--name", "u", "--db", url)
    assert result.exit_code == 2
    assert "pmiek db upgrade" in result.stderr
    assert pmiek("db", "list", "--db", url).exit_code == 2
    with open_store(url, migrate=False) as store:
        assert current(store.engine) is None


def test_bad_database_url(tmp_path: Path) -> None:
    result = pmiek("db", "upgrade", "--db", "mysql://host/db")
    assert result.exit_code == 2
    assert "SQLite or PostgreSQL" in result.stderr
    assert pmiek("db", "list", "--db", "geen url").exit_code == 2


def test_database_from_environment_and_default(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    ok("db", "upgrade")  # no --db, no PMIEK_DATABASE_URL: pmiek.db here
    assert (tmp_path / "pmiek.db").is_file()
    from_env = f"sqlite:///{tmp_path}/env.db"
    ok("db", "upgrade", env={"PMIEK_DATABASE_URL": from_env})
    ok("import", "example", "--name", "e", env={"PMIEK_DATABASE_URL": from_env})
    assert [w["name"] for w in listing(from_env)["workspaces"]] == ["e"]
    assert listing(f"sqlite:///{tmp_path}/pmiek.db")["workspaces"] == []


@pytest.mark.slow
def test_postgres_round_trip(fresh_postgres_url: str, tmp_path: Path) -> None:
    url = fresh_postgres_url
    ok("db", "upgrade", "--db", url)
    ok("import", embedded_workspaces()["example"], "--name", "u", "--db", url)
    payload = listing(url)
    assert payload["store"].startswith("postgresql+psycopg://")
    assert [(w["name"], w["current_version"]) for w in payload["workspaces"]] == [("u", 1)]
    conflict = pmiek("import", "example", "--name", "u", "--expect-version", "0", "--db", url)
    assert conflict.exit_code == 3

    ok("export", "u", tmp_path / "uit", "--db", url)
    assert read_workspace(tmp_path / "uit").workspace.equals(example())

    # A PostgreSQL backup restores into SQLite (and keeps everything).
    ok("db", "backup", tmp_path / "pg.db", "--db", url)
    sqlite = f"sqlite:///{tmp_path}/copy.db"
    ok("db", "upgrade", "--db", sqlite)
    ok("db", "restore", tmp_path / "pg.db", "--db", sqlite)
    assert snapshot(sqlite) == snapshot(url)
    with open_store(sqlite, migrate=False) as store:
        assert store.load("u").equals(example())


def test_restore_into_postgres(db: str, fresh_postgres_url: str, tmp_path: Path) -> None:
    file = tmp_path / "backup.db"
    ok("db", "backup", file, "--db", db)
    # A server whose session time zone is not UTC (as on many Dutch servers).
    url = make_url(fresh_postgres_url).update_query_dict(
        {"options": "-c timezone=Europe/Amsterdam"}).render_as_string(hide_password=False)
    ok("db", "upgrade", "--db", url)
    restored = pmiek("db", "restore", file, "--db", url)
    assert restored.exit_code == 0, restored.output
    assert snapshot(url) == snapshot(db)
    with open_store(db, migrate=False) as source, open_store(url, migrate=False) as target:
        assert _utc(target.version("u").created_at) == _utc(source.version("u").created_at)
        assert target.load("u").equals(small())
        # The id sequences were moved past the restored ids: new rows fit.
        target.import_workspace(small(), "u", expected_version=1)
        target.add_user("anna", "kernteam")
        assert len(target.audit()) == len(source.audit()) + 2
