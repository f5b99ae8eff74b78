"""Logging in and out, and the beheerder's account management, through the pages."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

from pmiek.adapters.store import accounts
from pmiek.adapters.store.store import Store
from pmiek.adapters.web.app import create_app
from pmiek.adapters.web.auth import safe_next
from tests.web.conftest import PASSWORD, login, settings_for

ORIGIN = {"Origin": "http://testserver"}
Fresh = tuple[FastAPI, Callable[[], TestClient], Store]
AsAccount = Callable[[str], TestClient]
NEW_PASSWORD = "een heel ander wachtwoord"


def csrf_of(client: TestClient) -> str:
    """The CSRF token the pages give ``client`` (its session's, or the pre-session one)."""
    page = client.get("/inloggen")
    found = re.search(r'<meta name="csrf-token" content="([^"]*)">', page.text)
    assert found, page.text[:300]
    return found.group(1)


def post(client: TestClient, path: str, data: dict[str, str]) -> Any:
    return client.post(path, data={**data, "csrf_token": csrf_of(client)}, headers=ORIGIN,
                       follow_redirects=False)


def try_login(client: TestClient, name: str, password: str = PASSWORD,
              volgende: str | None = None) -> Any:
    form = {"naam": name, "wachtwoord": password}
    if volgende is not None:
        form["volgende"] = volgende
    return post(client, "/inloggen", form)


@pytest.fixture
def fresh(fresh_web_db: str) -> Iterator[Fresh]:
    """An app on a copy of the prepared store, a maker of clients on it, and the store."""
    app = create_app(settings_for(fresh_web_db))
    with ExitStack() as stack:
        stack.enter_context(TestClient(app))  # the app's lifespan, once

        def make() -> TestClient:
            client = TestClient(app)
            stack.callback(client.close)
            return client

        yield app, make, app.state.store


def audit_rows(store: Store, action: str) -> list[dict[str, object]]:
    frame = store.audit(chain=True)
    return frame[frame["action"] == action].to_dict("records")


# --- the login form ----------------------------------------------------------------------


def test_login_form_sets_the_pre_session_token_it_carries(client: TestClient) -> None:
    page = client.get("/inloggen")
    assert page.status_code == 200
    cookie = client.cookies.get("pmiek_csrf")
    assert cookie and len(cookie) >= 32
    assert f'name="csrf_token" value="{cookie}"' in page.text
    for field in ('name="naam"', 'name="wachtwoord"', 'type="password"'):
        assert field in page.text
    again = client.get("/inloggen")
    assert f'value="{cookie}"' in again.text, "a second visit keeps the same token"


def test_good_login_redirects_with_a_session(client: TestClient) -> None:
    answer = try_login(client, "kern")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/"
    assert client.cookies.get("pmiek_sessie")
    page = client.get("/inloggen")
    assert "Ingelogd als kern" in page.text


def test_login_keeps_a_local_next_page(client: TestClient) -> None:
    form = client.get("/inloggen", params={"volgende": "/beheer/accounts?x=1"})
    assert 'name="volgende" value="/beheer/accounts?x=1"' in form.text
    answer = try_login(client, "beheer", volgende="/beheer/accounts?x=1")
    assert answer.headers["location"] == "/beheer/accounts?x=1"


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example/",
                                    "/\\evil.example", "javascript:alert(1)", "",
                                    "/\t/evil.example", "evil"])
def test_login_never_redirects_off_site(client: TestClient, target: str) -> None:
    answer = try_login(client, "kern", volgende=target)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/"


def test_safe_next_keeps_paths_of_this_site() -> None:
    assert safe_next("/werkruimte/example/kaart?jaar=2030") == "/werkruimte/example/kaart?jaar=2030"
    assert safe_next("//x") == "/"
    assert safe_next(None) == "/"


@pytest.mark.parametrize(("name", "password"), [("kern", "wrong password!"),
                                                ("niemand", PASSWORD),
                                                ("", "")])
def test_failed_login_gives_one_generic_message(client: TestClient, name: str,
                                                password: str) -> None:
    answer = try_login(client, name, password)
    assert answer.status_code == 401
    assert "Die combinatie van accountnaam en wachtwoord kennen we niet" in answer.text
    assert "pmiek_sessie" not in answer.headers.get("set-cookie", "")
    assert client.cookies.get("pmiek_sessie") is None


def test_logins_and_failures_are_audited_without_the_password(fresh: Fresh) -> None:
    _app, make, store = fresh
    client = make()
    before = len(audit_rows(store, "login_failed"))
    try_login(client, "stedin", "a wrong guess 123")
    try_login(client, "stedin")
    post(client, "/uitloggen", {})
    failed = audit_rows(store, "login_failed")[before:]
    assert [row["user"] for row in failed] == ["stedin"]
    assert "a wrong guess" not in str(failed)
    assert failed[0]["role"] == "publiek"
    logged_in = audit_rows(store, "login")
    assert logged_in[-1]["user"] == "stedin"
    assert logged_in[-1]["role"] == "netbeheerder"
    assert logged_in[-1]["organisation"] == "Stedin"
    assert audit_rows(store, "logout")[-1]["user"] == "stedin"
    assert PASSWORD not in str(store.audit(chain=True).to_dict("records"))
    assert store.verify_audit().ok


def test_logout_ends_the_session_and_clears_the_cookie(fresh: Fresh) -> None:
    _app, make, _store = fresh
    client = make()
    login(client, "kern")
    answer = post(client, "/uitloggen", {})
    assert answer.status_code == 303
    assert answer.headers["location"] == "/"
    assert re.search(r"pmiek_sessie=\"?\"?;.*Max-Age=0", answer.headers["set-cookie"])
    assert client.cookies.get("pmiek_sessie") is None
    assert "Ingelogd als" not in client.get("/inloggen").text


def test_disabled_account_cannot_log_in(fresh: Fresh) -> None:
    _app, make, store = fresh
    accounts.set_disabled(store, "houten", True, by="tests")
    answer = try_login(make(), "houten")
    assert answer.status_code == 401
    assert "Die combinatie van accountnaam en wachtwoord kennen we niet" in answer.text


def test_a_hash_of_an_older_profile_is_rehashed_at_login(fresh: Fresh) -> None:
    _app, make, store = fresh
    older = PasswordHash((Argon2Hasher(time_cost=2, memory_cost=2048, parallelism=1),))
    accounts.set_password(store, "tennet", older.hash(PASSWORD), by="tests")
    before = accounts.account(store, "tennet")
    assert before is not None and before.password_hash is not None
    assert "m=2048,t=2" in before.password_hash
    client = make()
    assert try_login(client, "tennet").status_code == 303
    after = accounts.account(store, "tennet")
    assert after is not None and after.password_hash is not None
    assert after.password_hash.startswith("$argon2id$")
    assert "m=1024,t=1,p=1" in after.password_hash, "rehashed with the app's profile"
    assert "Ingelogd als tennet" in client.get("/inloggen").text, "the new session lives"


def test_oidc_routes_are_absent_without_configuration(client: TestClient) -> None:
    assert client.get("/oidc/inloggen", follow_redirects=False).status_code == 404
    assert client.get("/oidc/terug", follow_redirects=False).status_code == 404


# --- account management ------------------------------------------------------------------


def test_beheerder_creates_an_account_that_can_log_in(fresh: Fresh) -> None:
    _app, make, store = fresh
    admin = make()
    login(admin, "beheer")
    answer = post(admin, "/beheer/accounts", {"naam": "nieuwegein", "rol": "gemeente",
                                              "organisatie": "GM0356",
                                              "wachtwoord": NEW_PASSWORD})
    assert answer.status_code == 303, answer.text[:500]
    page = admin.get(answer.headers["location"])
    assert "Het account is aangemaakt." in page.text
    assert "<th scope=\"row\" data-veld=\"name\">nieuwegein</th>" in page.text
    made = accounts.account(store, "nieuwegein")
    assert made is not None
    assert (made.role, made.organisation) == ("gemeente", "GM0356")
    assert made.password_hash is not None and made.password_hash.startswith("$argon2id$")
    assert NEW_PASSWORD not in made.password_hash
    created = audit_rows(store, "create")[-1]
    assert (created["user"], created["object_id"]) == ("beheer", "nieuwegein")
    assert created["role"] == "beheerder"
    assert try_login(make(), "nieuwegein", NEW_PASSWORD).status_code == 303


@pytest.mark.parametrize(("form", "message"), [
    ({"naam": "kort", "rol": "kernteam", "wachtwoord": "elf tekens!"},
     "Een wachtwoord heeft minstens 12 tekens."),
    ({"naam": "geenorg", "rol": "netbeheerder", "wachtwoord": NEW_PASSWORD},
     "hoort bij een organisatie"),
    ({"naam": "teveel", "rol": "kernteam", "organisatie": "Stedin",
      "wachtwoord": NEW_PASSWORD}, "Alleen een netbeheerder of gemeente"),
    ({"naam": "koning", "rol": "koning", "wachtwoord": NEW_PASSWORD},
     "Kies een van de rollen uit de lijst."),
    ({"naam": "publiek1", "rol": "publiek", "wachtwoord": NEW_PASSWORD},
     "Kies een van de rollen uit de lijst."),
    ({"naam": "   ", "rol": "kernteam", "wachtwoord": NEW_PASSWORD}, "1 tot 200 tekens"),
    ({"naam": "kern", "rol": "kernteam", "wachtwoord": NEW_PASSWORD}, "kern"),
])
def test_a_bad_account_form_comes_back_with_400(fresh: Fresh, form: dict[str, str],
                                               message: str) -> None:
    _app, make, store = fresh
    admin = make()
    login(admin, "beheer")
    before = len(accounts.accounts(store))
    answer = post(admin, "/beheer/accounts", form)
    assert answer.status_code == 400
    assert 'role="alert"' in answer.text
    assert message in answer.text
    assert len(accounts.accounts(store)) == before


def test_disable_ends_sessions_and_enable_restores_login(fresh: Fresh) -> None:
    _app, make, store = fresh
    admin, user = make(), make()
    login(admin, "beheer")
    login(user, "utrecht")
    assert "Ingelogd als utrecht" in user.get("/inloggen").text
    answer = post(admin, "/beheer/accounts/utrecht/uitschakelen", {"uitgeschakeld": "1"})
    assert answer.status_code == 303
    assert "uitgeschakeld" in admin.get(answer.headers["location"]).text
    assert "Ingelogd als utrecht" not in user.get("/inloggen").text
    assert try_login(make(), "utrecht").status_code == 401
    answer = post(admin, "/beheer/accounts/utrecht/uitschakelen", {"uitgeschakeld": "0"})
    assert answer.status_code == 303
    assert try_login(make(), "utrecht").status_code == 303
    assert [row["action"] for row in store.audit(chain=True).to_dict("records")
            if row["object_id"] == "utrecht" and row["action"] in ("disable", "enable")
            ] == ["disable", "enable"]


def test_beheerder_cannot_disable_itself(fresh: Fresh) -> None:
    _app, make, store = fresh
    admin = make()
    login(admin, "beheer")
    answer = post(admin, "/beheer/accounts/beheer/uitschakelen", {"uitgeschakeld": "1"})
    assert answer.status_code == 400
    assert "U kunt uw eigen account niet uitschakelen." in answer.text
    found = accounts.account(store, "beheer")
    assert found is not None and not found.disabled


def test_password_reset_replaces_the_password_and_ends_sessions(fresh: Fresh) -> None:
    _app, make, store = fresh
    admin, user = make(), make()
    login(admin, "beheer")
    login(user, "regio")
    short = post(admin, "/beheer/accounts/regio/wachtwoord", {"wachtwoord": "te kort"})
    assert short.status_code == 400
    answer = post(admin, "/beheer/accounts/regio/wachtwoord", {"wachtwoord": NEW_PASSWORD})
    assert answer.status_code == 303
    assert "Ingelogd als regio" not in user.get("/inloggen").text
    assert try_login(make(), "regio").status_code == 401
    assert try_login(make(), "regio", NEW_PASSWORD).status_code == 303
    changed = audit_rows(store, "set_password")[-1]
    assert changed["after"] == {"password": "changed"}


def test_changing_an_unknown_account_is_404(fresh: Fresh) -> None:
    _app, make, _store = fresh
    admin = make()
    login(admin, "beheer")
    assert post(admin, "/beheer/accounts/niemand/uitschakelen", {}).status_code == 404
    assert post(admin, "/beheer/accounts/niemand/wachtwoord",
                {"wachtwoord": NEW_PASSWORD}).status_code == 404


def test_accounts_page_lists_every_account(as_account: AsAccount) -> None:
    admin = as_account("beheer")
    page = admin.get("/beheer/accounts")
    assert page.status_code == 200
    rows = re.findall(r'<th scope="row" data-veld="name">([^<]*)</th>', page.text)
    assert {"beheer", "kern", "stedin", "tennet", "utrecht", "houten", "regio"} <= set(rows)
    assert "GM0344" in page.text and "Stedin" in page.text
