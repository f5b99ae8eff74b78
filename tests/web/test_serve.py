"""``pmiek serve`` without a server: the demo store made on first start, the cycle asked of
the worker, the demo accounts (Argon2id, passwords shown once) and the loopback rule.

The demo workspace is Utrecht, whose cycle takes minutes; the bootstrap takes the workspace
as a parameter, so these tests use the small example instead. The command's server run
(``serve_cmd.run``: uvicorn) is replaced by a recorder: nothing listens on a port.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from pmiek import read_workspace
from pmiek.adapters.cli.main import build_app
from pmiek.adapters.store import accounts
from pmiek.adapters.store.store import Store
from pmiek.adapters.web import demo
from pmiek.adapters.web.app import create_app
from pmiek.adapters.web.passwords import hasher
from pmiek.adapters.web.results import Results
from pmiek.domain.provenance import content_hash
from tests.web.conftest import settings_for

runner = CliRunner()
ENV = {"COLUMNS": "200", "PMIEK_LANG": "nl", "PMIEK_PASSWORD_PROFILE": "fast",
       "PMIEK_DATABASE_URL": None}


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working directory, and no store named by the environment."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PMIEK_DATABASE_URL", raising=False)
    return tmp_path


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[dict[str, Any]]]:
    """The command's server run (uvicorn) replaced by a recorder; the app's worker is
    stopped afterwards."""
    from pmiek.adapters.cli import serve_cmd

    calls: list[dict[str, Any]] = []

    def record(app: Any, host: str, port: int) -> None:
        calls.append({"app": app, "host": host, "port": port})

    monkeypatch.setattr(serve_cmd, "run", record)
    yield calls
    for call in calls:
        call["app"].state.worker.shutdown(timeout=120)
        call["app"].state.store.close()


@pytest.fixture
def example_db(here: Path) -> str:
    """A store with the example workspace and no accounts (an absolute URL)."""
    demo.bootstrap(None, workspace="example", name="example")
    return f"sqlite:///{here / 'pmiek.db'}"


def invoke(args: list[str]) -> Any:
    return runner.invoke(build_app("nl"), args, env=ENV)


# --- the store of the first start ---------------------------------------------------------


def test_the_first_start_makes_the_default_store_with_the_workspace(here: Path) -> None:
    boot = demo.bootstrap(None, workspace="example", name="example")
    assert boot == demo.Bootstrap("sqlite:///pmiek.db", "example", created=True)
    assert sorted(p.name for p in here.iterdir()) == ["pmiek.db"]  # nothing left beside it
    with Store(boot.url) as store:
        versions = store.versions("example")
        assert [v.number for v in versions] == [1]
        assert versions[0].content_hash == content_hash(read_workspace("example").workspace)
    again = demo.bootstrap(None, workspace="example", name="example")
    assert again == demo.Bootstrap("sqlite:///pmiek.db", "example", created=False)
    with Store(boot.url) as store:
        assert [v.number for v in store.versions("example")] == [1]


def test_a_named_store_is_never_made(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert demo.bootstrap("sqlite:///elders.db") == demo.Bootstrap("sqlite:///elders.db")
    monkeypatch.setenv("PMIEK_DATABASE_URL", "sqlite:///omgeving.db")
    assert demo.bootstrap(None) == demo.Bootstrap("sqlite:///omgeving.db")
    assert list(here.iterdir()) == []


def test_the_cycle_is_asked_of_the_worker_at_start(here: Path) -> None:
    boot = demo.bootstrap(None, workspace="example", name="example")
    app = create_app(settings_for(boot.url))
    try:
        job = demo.start_cycle(app, boot, kinds=("insight",))
        assert job is not None and job.active and (job.workspace, job.version) == (
            "example", 1)
        active = app.state.worker.active("example", 1)
        assert active is not None and active.id == job.id
        pointed = app.state.worker.job_for("example", 1)  # what the map page links to
        assert pointed is not None and pointed.id == job.id
        done = app.state.worker.wait(job.id, timeout=120)
        assert done is not None and done.state == "done", done
        assert Results(app.state.store).run("example", 1, "insight") is not None
        # a later start asks again and finds nothing left to do
        later = demo.start_cycle(app, boot, kinds=("insight",))
        assert later is not None and later.state == "done" and later.skipped == ("insight",)
        assert demo.start_cycle(app, demo.Bootstrap(boot.url)) is None  # a --db store
    finally:
        app.state.worker.shutdown(timeout=120)
        app.state.store.close()


# --- demo accounts ------------------------------------------------------------------------


def test_demo_accounts_get_random_argon2id_passwords_once(example_db: str) -> None:
    with Store(example_db) as store:
        made, existing = demo.create_demo_accounts(store, profile="fast", workspace="example")
        assert existing == []
        assert [(a.name, a.role, a.organisation) for a, _ in made] == [
            ("beheerder", "beheerder", None), ("kernteam", "kernteam", None),
            ("stedin", "netbeheerder", "Stedin"), ("tennet", "netbeheerder", "TenneT"),
            ("utrecht", "gemeente", "GM0344"), ("regio", "gemeente", "RES-U16")]
        passwords = [p for _, p in made]
        assert len(set(passwords)) == len(passwords) and min(map(len, passwords)) >= 16
        for account, password in made:
            stored = accounts.account(store, account.name)
            assert stored is not None and stored.password_hash is not None
            assert stored.password_hash.startswith("$argon2id$")
            assert password not in stored.password_hash
            assert hasher("fast").verify(password, stored.password_hash)
        made_again, existing = demo.create_demo_accounts(store, profile="fast")
        assert made_again == [] and [a.name for a in existing] == [a.name for a, _ in made]


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("::1", True), ("localhost", True), ("[::1]", True),
    ("127.0.0.2", True), ("0.0.0.0", False), ("192.168.1.5", False), ("::", False),
    ("pmiek.example.org", False), ("", False)])
def test_loopback_addresses(host: str, loopback: bool) -> None:
    assert demo.is_loopback(host) is loopback


# --- the command --------------------------------------------------------------------------


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.5", "pmiek.example.org"])
def test_demo_is_refused_off_the_loopback_address(here: Path, served: list[dict[str, Any]],
                                                   host: str) -> None:
    done = invoke(["serve", "--demo", "--host", host])
    assert done.exit_code == 2, done.output
    assert "loopback" in done.output and host in done.output
    assert served == [] and list(here.iterdir()) == []  # nothing made, nothing served


def _passwords(output: str) -> dict[str, str]:
    """name → password from the table ``pmiek serve --demo`` prints."""
    return dict(re.findall(r"│ (\w+)\s+│ \w+\s+│ [\w-]*\s+│ ([\w-]{16}) │", output))


def test_serve_demo_prints_the_passwords_once(example_db: str,
                                             served: list[dict[str, Any]]) -> None:
    first = invoke(["serve", "--demo", "--db", example_db, "--port", "8123"])
    assert first.exit_code == 0, first.output
    shown = _passwords(first.output)
    assert sorted(shown) == sorted(a.name for a in demo.DEMO_ACCOUNTS)
    with Store(example_db) as store:
        for name, password in shown.items():
            stored = accounts.account(store, name)
            assert stored is not None and stored.password_hash is not None
            assert hasher("fast").verify(password, stored.password_hash)
    assert "http://127.0.0.1:8123/" in first.output
    assert [(c["host"], c["port"]) for c in served] == [("127.0.0.1", 8123)]
    assert served[0]["app"].state.settings.demo is True
    second = invoke(["serve", "--demo", "--db", example_db, "--port", "8123"])
    assert second.exit_code == 0, second.output
    assert _passwords(second.output) == {}
    assert not any(password in second.output for password in shown.values())
    assert "bestonden al" in second.output and "beheerder" in second.output
    # without --demo no account is made
    assert "wachtwoord" not in invoke(["serve", "--db", example_db]).output


def test_serve_on_a_fresh_directory_brings_up_the_demo(
        here: Path, served: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(demo, "bootstrap", functools.partial(
        demo.bootstrap, workspace="example", name="example"))
    monkeypatch.setattr(demo, "start_cycle", functools.partial(
        demo.start_cycle, kinds=("insight",)))
    done = invoke(["serve", "--demo"])
    assert done.exit_code == 0, done.output
    assert (here / "pmiek.db").exists()
    assert "gemaakt met werkruimte example" in done.output
    assert "lopen op de achtergrond" in done.output
    assert len(_passwords(done.output)) == len(demo.DEMO_ACCOUNTS)
    app = served[0]["app"]
    job = app.state.worker.active("example", 1)
    assert job is not None and job.kinds == ("insight",)
    finished = app.state.worker.wait(job.id, timeout=120)
    assert finished is not None and finished.state == "done"
    assert Results(app.state.store).run("example", 1, "insight") is not None


def test_a_port_that_does_not_exist_is_refused(here: Path) -> None:
    done = invoke(["serve", "--port", "0"])
    assert done.exit_code == 2 and "65.535" in done.output
    assert list(here.iterdir()) == []
