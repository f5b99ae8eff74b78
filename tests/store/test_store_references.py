"""Commands read ``db:NAME[@VERSION]`` from the store and record their runs there."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
from sqlalchemy import select
from typer.testing import CliRunner

from pmiek.adapters.cli.main import build_app
from pmiek.adapters.cli.render import number
from pmiek.adapters.files import read_workspace
from pmiek.adapters.store import models
from pmiek.adapters.store.migrate import upgrade
from pmiek.adapters.store.store import Store

runner = CliRunner()


def tables_hash(folder: Path) -> str:
    """SHA-256 over the data tables (the CSV files) only: per file its name and SHA-256, in
    name order — not over metadata.json (its date differs per run), the workbook or charts."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*.csv"), key=lambda p: p.relative_to(folder).as_posix()):
        name = path.relative_to(folder).as_posix()
        digest.update(f"{name}\x00{hashlib.sha256(path.read_bytes()).hexdigest()}\n".encode())
    return digest.hexdigest()


def test_a_stored_version_is_a_workspace_and_its_runs_are_recorded(sqlite_url: str,
                                                                   tmp_path: Path) -> None:
    store = Store(sqlite_url)
    upgrade(store.engine)
    example = read_workspace("example").workspace
    first = store.import_workspace(example, "voorbeeld")
    changed = example.with_tables(developments=example.developments.iloc[:-1])
    store.import_workspace(changed, "voorbeeld")
    env = {"PMIEK_DATABASE_URL": sqlite_url, "COLUMNS": "200", "PMIEK_USER": "tester"}
    app = build_app("nl")
    checked = runner.invoke(app, ["validate", "db:voorbeeld@1"], env=env)
    assert checked.exit_code == 0, checked.output
    rows = sum(len(frame) for _, frame in example.items())
    assert f"db:voorbeeld@1: in orde ({number(rows, 'nl')} rijen" in checked.output
    current = runner.invoke(app, ["validate", "db:voorbeeld"], env=env)
    assert f"({number(rows - 1, 'nl')} rijen" in current.output
    out = tmp_path / "inzicht"
    made = runner.invoke(app, ["insight", "db:voorbeeld@1", "--scenario", "KM", "--out",
                               str(out), "--horizon", "2035"], env=env)
    assert made.exit_code == 0, made.output
    runs = store.runs()
    assert len(runs) == 1
    run = runs.iloc[0]
    assert (run["kind"], run["workspace"], run["version"]) == ("insight", "voorbeeld", 1)
    assert run["input_hash"] == first.content_hash
    assert run["output_hash"] == tables_hash(out)
    with store.engine.connect() as conn:  # the run's tables are kept too
        kept = dict(conn.execute(select(models.run_tables.c.name, models.run_tables.c.rows)
                                 .where(models.run_tables.c.run_id == int(run["id"]))).all())
    assert set(kept) == {"loads", "bottlenecks", "blocked", "homes_blocked"}
    assert kept["bottlenecks"] == len(pd.read_csv(out / "bottlenecks.csv")) > 0
    assert (out / "metadata.json").is_file() and (out / "resultaten.xlsx").is_file()
    assert run["created_by"] == "tester"
    missing = runner.invoke(app, ["validate", "db:voorbeeld@9"], env=env)
    assert missing.exit_code == 2 and "geen versie 9" in missing.output
    bad = runner.invoke(app, ["validate", "db:voorbeeld@x"], env=env)
    assert bad.exit_code == 2
