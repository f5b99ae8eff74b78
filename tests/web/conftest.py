"""Shared fixtures of the web tests: one prepared store (the example workspace with a stored
insight run, an edition and an account per role and scope), the app on it, and clients.

The example workspace has one confidential asset (LWD-MS, Stedin) and one confidential project
(P-LW-MS, Stedin), so every confidentiality rule has something to hide.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from pmiek import read_workspace
from pmiek.adapters.store import migrate
from pmiek.adapters.store.store import Store
from pmiek.adapters.web.passwords import hasher
from pmiek.adapters.web.runs import compute_and_store
from pmiek.adapters.web.settings import WebSettings

WORKSPACE = "example"
PASSWORD = "correct horse battery staple"


@dataclass(frozen=True)
class Account:
    name: str
    role: str
    organisation: str | None


ACCOUNTS = (
    Account("beheer", "beheerder", None),
    Account("kern", "kernteam", None),
    Account("stedin", "netbeheerder", "Stedin"),
    Account("tennet", "netbeheerder", "TenneT"),
    Account("utrecht", "gemeente", "GM0344"),
    Account("houten", "gemeente", "GM0321"),
    Account("regio", "gemeente", "RES-U16"),
)
"""One account per role and scope; every password is :data:`PASSWORD`."""

CONFIDENTIAL = {"LWD-MS": "asset", "P-LW-MS": "project"}
"""The example's confidential ids (and their names are read from the workspace)."""


def prepare_store(url: str) -> None:
    """Migrate ``url``, import the example workspace, store its insight run, open an edition
    and create :data:`ACCOUNTS`."""
    from pmiek.adapters.store import accounts

    with Store(url) as store:
        migrate.upgrade(store.engine)
        store.import_workspace(read_workspace("example").workspace, WORKSPACE,
                               source="tests/web")
        compute_and_store(store, WORKSPACE, kinds=("insight",))
        store.create_edition("P-MIEK test", WORKSPACE)
        digest = hasher("fast").hash(PASSWORD)
        for account in ACCOUNTS:
            accounts.create_account(store, account.name, account.role,
                                    organisation=account.organisation, password_hash=digest,
                                    by="tests")


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A prepared SQLite store (made once per test process); tests must not change it —
    use :func:`fresh_web_db` for that."""
    url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'pmiek.db'}"
    prepare_store(url)
    return url


@pytest.fixture
def fresh_web_db(web_db: str, tmp_path: Path) -> str:
    """A copy of the prepared store that a test may change."""
    import shutil

    source = Path(web_db.removeprefix("sqlite:///"))
    target = tmp_path / "pmiek.db"
    shutil.copyfile(source, target)
    return f"sqlite:///{target}"


def settings_for(url: str, **changes: object) -> WebSettings:
    return WebSettings(database_url=url, password_profile="fast", **changes)


@pytest.fixture(scope="session")
def web_app(web_db: str) -> FastAPI:
    from pmiek.adapters.web.app import create_app

    return create_app(settings_for(web_db))


@pytest.fixture
def client(web_app: FastAPI) -> Iterator[TestClient]:
    """An anonymous client (base URL http://testserver; same-origin headers are the test's
    job)."""
    with TestClient(web_app) as c:
        yield c


def login(client: TestClient, name: str, password: str = PASSWORD) -> None:
    """Log ``client`` in as ``name`` through the login form (CSRF token included)."""
    form = client.get("/inloggen")
    assert form.status_code == 200, form.text[:500]
    token = client.cookies.get("pmiek_csrf") or ""
    response = client.post("/inloggen", data={"naam": name, "wachtwoord": password,
                                             "csrf_token": token},
                           headers={"Origin": "http://testserver"}, follow_redirects=False)
    assert response.status_code == 303, response.text[:500]


@pytest.fixture
def as_account(web_app: FastAPI) -> Iterator[object]:
    """``as_account(name)``: a client logged in as ``name`` (closed after the test)."""
    made: list[TestClient] = []

    def make(name: str) -> TestClient:
        c = TestClient(web_app)
        c.__enter__()
        made.append(c)
        login(c, name)
        return c

    yield make
    for c in made:
        c.__exit__(None, None, None)
