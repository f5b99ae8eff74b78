"""The programme document as the templates see it: chapters of blocks (paragraphs, tables,
charts), with the numbers already formatted and the narrative facts already placed in
anchors."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from markupsafe import Markup, escape

from pmiek.report import numbers
from pmiek.report.facts import Fact, Paragraph


def slug(text: str) -> str:
    """An id fragment: ``variants/evenwichtig/summary`` → ``variants-evenwichtig-summary``."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@dataclass(frozen=True)
class Table:
    """A table as shown: ``frame`` holds the texts, ``numeric`` the right-aligned columns,
    ``csv`` the file under ``tabellen/`` it is written to (relative), if any."""

    key: str
    caption: str
    frame: pd.DataFrame
    numeric: frozenset[str] = frozenset()
    csv: str | None = None
    note: str = ""
    details: tuple[str, ...] = ()
    """A text per row, shown in a full-width row below it (the priority list's motivation)."""
    nowrap: frozenset[str] = frozenset()
    """Columns whose cells never break (ids)."""
    widths: tuple[int, ...] = ()
    """Column widths in percent (a fixed layout), for tables of long texts."""

    @property
    def id(self) -> str:
        return f"tabel-{slug(self.key)}"

    @property
    def classes(self) -> list[str]:
        """The class of each column's cells: ``num`` (right-aligned), ``id`` or none."""
        return ["num" if c in self.numeric else "id" if c in self.nowrap else ""
                for c in self.frame.columns]


@dataclass(frozen=True)
class Block:
    """One block of a chapter: ``kind`` is p, h3, table, chart, list or note."""

    kind: str
    content: Any
    narrative: bool = False


@dataclass
class Chapter:
    key: str
    title: str
    blocks: list[Block] = field(default_factory=list)
    appendix: bool = False

    @property
    def id(self) -> str:
        return f"h-{self.key}"

    def p(self, text: str | Markup, *, narrative: bool = False) -> None:
        self.blocks.append(Block("p", text if isinstance(text, Markup) else escape(text),
                                 narrative))

    def h3(self, text: str) -> None:
        self.blocks.append(Block("h3", text))

    def add(self, kind: str, content: Any) -> None:
        self.blocks.append(Block(kind, content))


@dataclass
class Document:
    lang: str
    title: str
    subtitle: str
    state: str
    state_line: str
    audience_line: str
    chapters: list[Chapter]
    colophon: dict[str, str]
    tables_out: dict[str, pd.DataFrame] = field(default_factory=dict)
    facts: list[Fact] = field(default_factory=list)


def anchored(paragraph: Paragraph, frames: Mapping[str, pd.DataFrame], lang: str,
             seen: list[Fact]) -> Markup:
    """``paragraph`` as HTML: its text escaped, each fact in an anchor that links to its
    source table (``#bron-…``) and names table, rows and column in ``data-bron``."""
    out: list[str] = []
    for part in paragraph:
        if isinstance(part, str):
            out.append(str(escape(part)))
            continue
        seen.append(part)
        out.append(
            f'<a class="bron" href="#bron-{slug(part.cells.table)}" '
            f'data-bron="{escape(part.reference())}" '
            f'title="{escape(part.describe(lang))}">{escape(part.text(frames, lang))}</a>')
    return Markup("".join(out))


Formatter = Callable[[Any], str]


def formatted(frame: pd.DataFrame, columns: Mapping[str, tuple[str, Formatter | None]],
              ) -> tuple[pd.DataFrame, frozenset[str]]:
    """The display of ``frame``: column → (header, formatter or None for text); the headers
    of the formatted (numeric) columns."""
    shown: dict[str, list[str]] = {}
    numeric: set[str] = set()
    for column, (header, fmt) in columns.items():
        if column not in frame.columns:
            continue
        values = frame[column].tolist()
        if fmt is None:
            shown[header] = ["" if _missing(v) else str(v) for v in values]
        else:
            shown[header] = [fmt(v) for v in values]
            numeric.add(header)
    return pd.DataFrame(shown), frozenset(numeric)


def _missing(value: object) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def num(digits: int, lang: str) -> Formatter:
    return lambda v: numbers.number(v, digits, lang)


def meur(digits: int, lang: str) -> Formatter:
    return lambda v: numbers.meur(v, digits, lang)


def pct(digits: int, lang: str) -> Formatter:
    return lambda v: numbers.percent(v, digits, lang)


def yr() -> Formatter:
    return numbers.year


def reference_json(facts: Iterable[Fact]) -> str:
    """Every fact's reference, one JSON list (for the tables appendix and tests)."""
    return json.dumps([json.loads(f.reference()) for f in facts], ensure_ascii=False)
