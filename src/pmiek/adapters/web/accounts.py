"""Account management for the beheerder: list, create, disable or enable, set a password.

Every change goes through :mod:`pmiek.adapters.store.accounts`, which audits it (a password
as ``changed``, never its hash) and ends the sessions of a disabled account or of one whose
password was set. A form with a problem comes back with status 400 and the problems listed;
a change that worked redirects (303) to the list with a note of what was done. Names and
organisations are shown as text (autoescaped), whatever characters they hold; the account
part of a path is percent-encoded and read with a ``path`` convertor, so that a name with a
slash still works.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from pmiek.adapters.store import accounts as store_accounts
from pmiek.adapters.web import deps
from pmiek.adapters.web.passwords import hasher
from pmiek.adapters.web.principal import SCOPED, Principal
from pmiek.adapters.web.texts import t
from pmiek.errors import PmiekError

router = APIRouter(include_in_schema=False)

MIN_PASSWORD = 12
MAX_PASSWORD = 1024
ROLE_CHOICES = deps.LOGGED_IN
"""The roles an account can have (``publiek`` is everyone without one)."""
DONE = ("created", "disabled", "enabled", "password")

Manager = Annotated[Principal, Depends(deps.require(*deps.MANAGERS))]


def account_path(name: str) -> str:
    """The path part of account ``name`` (every reserved character percent-encoded)."""
    return quote(name, safe="")


def _rows(request: Request) -> list[dict[str, Any]]:
    frame = store_accounts.accounts(deps.store(request))
    rows = []
    for record in frame.to_dict("records"):
        created = record["created_at"]
        organisation = record["organisation"]
        rows.append({**record, "path": account_path(str(record["name"])),
                     "organisation": organisation if isinstance(organisation, str) else "",
                     "created": created.strftime("%Y-%m-%d %H:%M") if created else ""})
    return rows


def _page(request: Request, *, errors: list[str] | None = None,
          values: dict[str, str] | None = None, status: int = 200,
          done: str | None = None) -> Response:
    return deps.render(request, "accounts.html.j2", {
        "rows": _rows(request), "roles": ROLE_CHOICES, "errors": errors or [],
        "values": values or {"naam": "", "rol": "", "organisatie": ""},
        "done": done if done in DONE else None, "minimum": MIN_PASSWORD,
    }, status=status)


def _password_problems(password: str, lang: str) -> list[str]:
    if len(password) < MIN_PASSWORD:
        return [t("accounts.error.short", lang, minimum=MIN_PASSWORD)]
    if len(password) > MAX_PASSWORD:
        return [t("accounts.error.long", lang, maximum=MAX_PASSWORD)]
    return []


def _known(request: Request, name: str) -> store_accounts.Account:
    found = store_accounts.account(deps.store(request), name)
    if found is None:
        raise HTTPException(status_code=404)
    return found


def _done(what: str) -> Response:
    return RedirectResponse(f"/beheer/accounts?gedaan={what}", status_code=303)


@router.get("/beheer/accounts", name="accounts")
def accounts_page(request: Request, who: Manager, gedaan: str | None = None) -> Response:
    """Every account, with forms to create one and to change each."""
    return _page(request, done=gedaan)


@router.post("/beheer/accounts", name="account_create")
def account_create(request: Request, who: Manager, *, naam: Annotated[str, Form()] = "",
                   rol: Annotated[str, Form()] = "", organisatie: Annotated[str, Form()] = "",
                   wachtwoord: Annotated[str, Form()] = "") -> Response:
    """Create a local account with an initial password."""
    lang = deps.language(request)
    values = {"naam": naam, "rol": rol, "organisatie": organisatie}
    errors: list[str] = []
    if rol not in ROLE_CHOICES:
        errors.append(t("accounts.error.role", lang))
    elif organisatie.strip() and rol not in SCOPED:
        errors.append(t("accounts.error.organisation", lang))
    else:
        try:
            store_accounts.check_account(naam, rol, organisatie)
        except PmiekError as problem:
            errors.append(problem.in_language(lang))
    errors += _password_problems(wachtwoord, lang)
    if not errors:
        config = deps.settings(request)
        try:
            store_accounts.create_account(
                deps.store(request), naam, rol, organisation=organisatie or None,
                password_hash=hasher(config.password_profile).hash(wachtwoord),
                by=who.name, by_role=who.role)
        except PmiekError as problem:
            errors.append(problem.in_language(lang))
    if errors:
        return _page(request, errors=errors, values=values, status=400)
    return _done("created")


@router.post("/beheer/accounts/{account:path}/uitschakelen", name="account_disable")
def account_disable(request: Request, who: Manager, account: str,
                    uitgeschakeld: Annotated[str, Form()] = "1") -> Response:
    """Disable (``uitgeschakeld=1``, ending its sessions) or enable (``0``) an account."""
    found = _known(request, account)
    disable = uitgeschakeld != "0"
    if disable and found.name == who.name:
        return _page(request, errors=[t("accounts.error.self", deps.language(request))],
                     status=400)
    store_accounts.set_disabled(deps.store(request), found.name, disable, by=who.name)
    return _done("disabled" if disable else "enabled")


@router.post("/beheer/accounts/{account:path}/wachtwoord", name="account_password")
def account_password(request: Request, who: Manager, account: str,
                     wachtwoord: Annotated[str, Form()] = "") -> Response:
    """Set a new password (the account's sessions end)."""
    found = _known(request, account)
    problems = _password_problems(wachtwoord, deps.language(request))
    if problems:
        return _page(request, errors=problems, status=400)
    config = deps.settings(request)
    store_accounts.set_password(deps.store(request), found.name,
                                hasher(config.password_profile).hash(wachtwoord), by=who.name)
    return _done("password")
