"""What the governance commands share: the store, the acting user, dates, small renderers."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pandas as pd
import typer
from rich.table import Table

from pmiek.adapters.cli.i18n import literal, text
from pmiek.adapters.cli.store_cmd import current_user
from pmiek.programme.editions import parse_day


def acting_user(given: str | None) -> str:
    """``--as USER``, else ``PMIEK_USER``, else the login name."""
    return given or os.environ.get("PMIEK_USER") or current_user()


@contextmanager
def consultation_store(db: str | None, user: str | None) -> Iterator[Any]:
    """The store of ``--db`` (else ``PMIEK_DATABASE_URL``, else ``pmiek.db``) as the
    governance trail, acted on by the named user."""
    from pmiek.adapters.store.consultation_store import Consultation
    from pmiek.adapters.store.store import Store

    with Store(db) as store:
        yield Consultation(store, acting_user(user))


def day(value: str | None, what: str) -> dt.date:
    """An ISO date option (default: today)."""
    return dt.date.today() if value is None else parse_day(value, what)


def frame_table(frame: pd.DataFrame, title: str, columns: list[str] | None = None) -> Table:
    """A rich table of ``frame`` (its values shown literally)."""
    columns = columns or [str(c) for c in frame.columns]
    table = Table(title=literal(title), header_style="bold")
    for column in columns:
        table.add_column(literal(column))
    for row in frame[columns].itertuples(index=False):
        table.add_row(*[literal("" if pd.isna(v) else v) for v in row])
    return table


def as_option(lang: str) -> Any:
    return typer.Option("--as", help=text("prog.as", lang), show_default=False)


def db_option(lang: str) -> Any:
    return typer.Option("--db", help=text("store.db", lang), show_default=False)
