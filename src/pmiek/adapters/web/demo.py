"""What ``pmiek serve`` prepares before the server starts: the local demo store and the demo
accounts.

:func:`bootstrap`: when neither ``--db`` nor ``PMIEK_DATABASE_URL`` names a store and the
default one (``pmiek.db`` in the working directory: ``migrate.DEFAULT_URL``) does not exist
yet, it is made (migrated) and the embedded Utrecht workspace is imported as ``utrecht`` — in
a file beside it that is then moved into place, so that an interrupted start leaves no
half-made store. :func:`start_cycle` then asks the app's worker for the whole cycle on it, so
the server is up at once and the map says the computation is running until insight is
stored. On later starts with that default store the worker is asked again, which computes
only what is missing (a run cut off by a stop).

:func:`create_demo_accounts`: one account per role and scope, each with a random password
(``secrets.token_urlsafe``) hashed with Argon2id; the passwords are returned (for the
terminal, once) only for accounts made now. ``pmiek serve --demo`` refuses any address but
a loopback one (:func:`is_loopback`): demo accounts have well-known names and roles.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from fastapi import FastAPI

from pmiek.adapters.store import migrate
from pmiek.adapters.store.store import Store
from pmiek.adapters.web.worker import KINDS, Job

DEMO_WORKSPACE = "utrecht"
"""The embedded workspace of the demo, and its name in the store."""

LOOPBACK_NAMES = ("localhost",)


@dataclass(frozen=True)
class DemoAccount:
    """A demo account: name, role and organisation (an operator, or an area id)."""

    name: str
    role: str
    organisation: str | None = None


DEMO_ACCOUNTS = (
    DemoAccount("beheerder", "beheerder"),
    DemoAccount("kernteam", "kernteam"),
    DemoAccount("stedin", "netbeheerder", "Stedin"),
    DemoAccount("tennet", "netbeheerder", "TenneT"),
    DemoAccount("utrecht", "gemeente", "GM0344"),
    DemoAccount("regio", "gemeente", "RES-U16"),
)
"""One account per role and scope: the administrator, the core team, two grid operators,
the municipality of Utrecht (GM0344) and its RES region (U16)."""


def is_loopback(host: str) -> bool:
    """Whether ``host`` is a loopback address (127.0.0.0/8, ::1) or ``localhost``."""
    if host.strip().lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip().strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class Bootstrap:
    """The store ``pmiek serve`` uses; ``workspace`` is the demo workspace whose cycle the
    worker is asked for (None for a store named by ``--db`` or the environment), ``created``
    whether it was made now."""

    url: str
    workspace: str | None = None
    created: bool = False


def uses_default_store(db: str | None) -> bool:
    """Whether neither ``--db`` nor ``PMIEK_DATABASE_URL`` names the store."""
    return not db and not os.environ.get("PMIEK_DATABASE_URL")


def default_store_file() -> Path:
    """The file of the default store, in the working directory."""
    return Path(migrate.DEFAULT_URL.removeprefix("sqlite:///"))


def bootstrap(db: str | None, *, workspace: str = DEMO_WORKSPACE,
              name: str = DEMO_WORKSPACE) -> Bootstrap:
    """The store to serve (see the module docstring): the default one made and filled with
    the embedded ``workspace`` (as ``name``) when it does not exist yet."""
    url = migrate.database_url(db)
    if not uses_default_store(db):
        return Bootstrap(url)
    if default_store_file().exists():
        return Bootstrap(url, name)
    from pmiek.adapters.files import read_workspace

    read = read_workspace(workspace)
    target = default_store_file()
    part = target.with_name(target.name + ".deel")  # made aside, then moved: all or nothing
    part.unlink(missing_ok=True)
    try:
        with Store(f"sqlite:///{part}") as store:
            migrate.upgrade(store.engine)
            store.import_workspace(read.workspace, name, source=f"pmiek serve: {workspace}")
        os.replace(part, target)
    finally:
        part.unlink(missing_ok=True)
    return Bootstrap(url, name, created=True)


def start_cycle(app: FastAPI, boot: Bootstrap, *,
                kinds: tuple[str, ...] = KINDS) -> Job | None:
    """Ask the app's worker for the cycle on the current version of the demo workspace
    (what is stored already is skipped); None when there is no demo workspace."""
    if boot.workspace is None:
        return None
    store: Store = app.state.store
    known = store.workspaces()
    if boot.workspace not in set(known["name"]):
        return None
    number = store.version(boot.workspace).number
    job: Job = app.state.worker.submit_cycle(boot.workspace, number, kinds=kinds)
    return job


def _region_of(areas: pd.DataFrame, municipality: str) -> str | None:
    parent = areas.loc[areas["id"] == municipality, "parent_id"].dropna()
    return None if parent.empty else str(parent.iloc[0])


def demo_accounts(store: Store, workspace: str | None) -> tuple[DemoAccount, ...]:
    """:data:`DEMO_ACCOUNTS`, the region account's area taken from ``workspace`` (the parent
    of Utrecht there) when the store holds it."""
    if workspace is None or workspace not in set(store.workspaces()["name"]):
        return DEMO_ACCOUNTS
    region = _region_of(store.load(workspace).areas, "GM0344")
    return tuple(DemoAccount(a.name, a.role, region) if a.name == "regio" and region else a
                 for a in DEMO_ACCOUNTS)


def create_demo_accounts(store: Store, *, profile: str = "standard",
                         workspace: str | None = None,
                         ) -> tuple[list[tuple[DemoAccount, str]], list[DemoAccount]]:
    """Create the demo accounts that do not exist yet: (the accounts made now with their
    passwords, the accounts that existed already)."""
    from pmiek.adapters.store import accounts
    from pmiek.adapters.web.passwords import hasher

    made: list[tuple[DemoAccount, str]] = []
    existing: list[DemoAccount] = []
    hashing = hasher(profile)
    for demo in demo_accounts(store, workspace):
        if accounts.account(store, demo.name) is not None:
            existing.append(demo)
            continue
        password = secrets.token_urlsafe(12)
        accounts.create_account(store, demo.name, demo.role, organisation=demo.organisation,
                                password_hash=hashing.hash(password), by="pmiek serve --demo",
                                by_role="beheerder")
        made.append((demo, password))
    return made, existing


def server_url(host: str, port: int) -> str:
    """The address to open in a browser."""
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}/"


__all__ = ["DEMO_ACCOUNTS", "DEMO_WORKSPACE", "Bootstrap", "DemoAccount", "bootstrap",
           "create_demo_accounts", "is_loopback", "server_url", "start_cycle",
           "uses_default_store"]
