"""The tables of a workspace version as one principal may see them: the table pages, their
CSV downloads and the JSON API all read :func:`view`, so that the three never differ.

Tables (their key, and in a URL their *slug*: the key with each ``/`` written ``.``):

- ``invoer:<name>``: the tables of the data contract (:data:`pmiek.domain.tables.TABLES`) of
  the version, geometry as WKT in EPSG:28992;
- ``inzicht:<name>``, ``varianten:<name>``, ``afweging:<name>``: the result tables of the
  newest stored insight, variants and assess run on the version (a variant's table is named
  after its lens folder: ``varianten:balans.schedule``).

Confidentiality: publiek and gemeente (audience ``publiek``,
:func:`pmiek.adapters.web.principal.audience`) see

- the result tables as :func:`pmiek.report.public.prepare` makes them for the public
  document (rows of confidential assets left out, confidential projects taken together per
  municipality, every id and name of them in a text cell replaced by "vertrouwelijk");
- ``invoer:assets`` and ``invoer:projects`` without their confidential rows, and instead one
  row per municipality and carrier that counts them in its name ("Vertrouwelijke
  componenten (Utrecht): 1") and, for projects, sums costs and workforce as the public
  document does (:data:`_TAKEN_TOGETHER`);
- every text cell of every other data table scrubbed (:func:`pmiek.report.public.scrub`): a
  development connected to a confidential station keeps its row, its ``asset_id`` reads
  "vertrouwelijk".

Filters: ``column=value`` (a value of that column; several values of one column: any of
them; numbers compared as numbers, text without regard to case) and a free text found in
any cell (``zoek``); other query parameters are refused with the allowed column names.

The CSV form is described in :mod:`pmiek.adapters.web.pages_tables`, the JSON form in
:mod:`pmiek.adapters.web.api`.
"""

from __future__ import annotations

import contextlib
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from fastapi import HTTPException

from pmiek.adapters.store.store import VersionInfo
from pmiek.adapters.web.principal import Principal, audience
from pmiek.adapters.web.results import Results, RunInfo
from pmiek.assessment.breakdown import area_levels
from pmiek.domain.tables import TABLES, table
from pmiek.errors import InputError, PmiekError, StoreError, said
from pmiek.report.public import PROVINCE, Hidden, prepare, scrub

DATA = "invoer"
RESULT_KINDS = {"inzicht": "insight", "varianten": "variants", "afweging": "assess"}
"""Prefix of a result table → the kind of run that made it."""

ROWS_PER_PAGE = 100
RESERVED = frozenset({"zoek", "kolom", "waarde", "pagina", "versie", "lang", "limit", "offset"})
"""Query parameters that are no column filter."""

YEAR_COLUMN = re.compile(r"(^|_)year$")
_TAKEN_TOGETHER = {
    "assets": ((), (), {"nl": "Vertrouwelijke componenten ({area}): {count}",
                        "en": "Confidential assets ({area}): {count}"}),
    "projects": (("capex_meur", "capex_low_meur", "capex_high_meur", "fte_years",
                  "transformers", "spatial_claim_ha"), ("earliest_year", "ip_year"),
                 {"nl": "Vertrouwelijke projecten ({area}): {count}",
                  "en": "Confidential projects ({area}): {count}"}),
}
"""Data tables whose confidential rows are taken together per municipality and carrier:
the columns summed, the columns of which the earliest is kept, and the row's name (with the
number of rows). Projects as :mod:`pmiek.report.public` takes them together (costs and
workforce summed); assets only counted: capacities of stations at different levels of the
grid do not add up, and the sum over one station would be that station's capacity."""


class NotFound(PmiekError):
    """A table, station or version that does not exist (or that the principal may not
    see)."""


@dataclass(frozen=True)
class Source:
    """One table of a workspace version: where it comes from."""

    key: str
    group: str
    name: str
    workspace: str
    version: VersionInfo
    run: RunInfo | None

    @property
    def slug(self) -> str:
        """The key as it is written in a URL."""
        return self.key.replace("/", ".")


def sources(results: Results, workspace: str, number: int | None = None) -> list[Source]:
    """Every table of version ``number`` (default: current) of ``workspace``: the data
    tables, then the result tables of the newest run of each kind."""
    info = results.version(workspace, number)
    found = [Source(f"{DATA}:{t.name}", DATA, t.name, workspace, info, None) for t in TABLES]
    for prefix, kind in RESULT_KINDS.items():
        run = results.run(workspace, info.number, kind)
        if run is not None:
            found += [Source(f"{prefix}:{name}", prefix, name, workspace, info, run)
                      for name in run.tables]
    return found


def source(results: Results, workspace: str, slug: str, number: int | None = None) -> Source:
    """The table with URL form ``slug`` of that version (NotFound when it has none)."""
    for found in sources(results, workspace, number):
        if found.slug == slug:
            return found
    raise said(NotFound, nl=f"Werkruimte '{workspace}' heeft geen tabel '{slug}'.",
               en=f"Workspace '{workspace}' has no table '{slug}'.")


# --- the principal's view ---------------------------------------------------------------------


def with_wkt(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """A data table with its geometry as WKT text."""
    out = frame.copy()
    for column in table(name).columns:
        if column.dtype.value == "geometry" and column.name in out.columns:
            from shapely import to_wkt

            values = out[column.name].to_numpy(dtype=object)
            present = ~pd.isna(values)
            text = np.full(len(values), None, dtype=object)
            if present.any():
                text[present] = to_wkt(values[present])
            out[column.name] = pd.Series(text, index=out.index, dtype=object)
    return out.reset_index(drop=True)


def _years(frame: pd.DataFrame) -> pd.DataFrame:
    """A result table with its year columns as whole numbers where they are (a stored
    table reads a year column with gaps back as floats: 2030.0)."""
    out = frame
    for column in frame.columns:
        values = frame[column]
        if YEAR_COLUMN.search(str(column)) and values.dtype.kind == "f":
            known = values.dropna()
            if (known == np.round(known)).all():
                out = out.assign(**{str(column): values.astype("Int64")})
    return out


def raw(results: Results, src: Source) -> pd.DataFrame:
    """The table as stored (what kernteam, beheerder and grid operators see)."""
    if src.run is None:
        frame = results.workspace(src.workspace, src.version.number).table(src.name)
        return with_wkt(frame, src.name)
    return _years(results.table(src.run.id, src.name))


def per_municipality(rows: pd.DataFrame, areas: pd.DataFrame, lang: str
                     ) -> Iterator[tuple[tuple[str, str, str], pd.DataFrame]]:
    """``rows`` (with ``area_id`` and ``carrier``) in groups per municipality and carrier:
    ((municipality id or "", carrier or "", municipality name or "provinciebreed"), rows),
    the way :mod:`pmiek.report.public` takes confidential projects together."""
    where = rows["area_id"].astype(object).where(rows["area_id"].notna(), "").astype(str)
    municipality = area_levels(areas)["municipality"] if len(areas) else pd.Series(dtype=str)
    names = dict(zip(areas["id"].astype(str), areas["name"].astype(str), strict=True))
    work = pd.DataFrame({"area": where.map(municipality).fillna("").to_numpy(),
                         "carrier": rows["carrier"].astype(object).fillna("").to_numpy()})
    for (area, carrier), at in work.groupby(["area", "carrier"], sort=True).indices.items():
        name = names.get(str(area), PROVINCE.get(lang, PROVINCE["nl"]))
        yield (str(area), str(carrier), name), rows.iloc[at]


def _taken_together(frame: pd.DataFrame, name: str, secret: frozenset[str],
                    areas: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``frame`` (assets or projects) with its rows of ``secret`` ids replaced by one row per
    municipality and carrier (see :data:`_TAKEN_TOGETHER`)."""
    hidden_rows = frame["id"].astype(str).isin(secret).to_numpy()
    if not hidden_rows.any():
        return frame
    summed, earliest, label = _TAKEN_TOGETHER[name]
    rows = frame[hidden_rows]
    made: list[dict[str, Any]] = []
    for (area, carrier, area_name), group in per_municipality(rows, areas, lang):
        row: dict[str, Any] = dict.fromkeys(frame.columns)
        row.update(area_id=area or None, carrier=carrier or None, confidential=True,
                   name=label.get(lang, label["nl"]).format(area=area_name, count=len(group)))
        for column in summed:
            row[column] = group[column].sum(min_count=1)
        for column in earliest:
            row[column] = group[column].min()
        for column in ("operator", "kind"):
            one = group[column].dropna().unique()
            row[column] = one[0] if len(one) == 1 else None
        made.append(row)
    together = pd.DataFrame(made, columns=frame.columns).astype(frame.dtypes.to_dict())
    return pd.concat([frame[~hidden_rows], together], ignore_index=True)


def _public(results: Results, src: Source, lang: str) -> pd.DataFrame:
    number = src.version.number
    hide: Hidden = results.hidden(src.workspace, number, "publiek", lang)
    frame = raw(results, src)
    if hide.empty:
        return frame
    workspace = results.workspace(src.workspace, number)
    if src.run is not None:
        key = f"{src.run.kind}/{src.name}"
        prepared, _ = prepare({key: frame}, workspace, "publiek", lang)
        return prepared[key].reset_index(drop=True)
    if src.name in _TAKEN_TOGETHER:
        secret = hide.assets if src.name == "assets" else hide.projects
        frame = _taken_together(frame, src.name, secret, workspace.areas, lang)
    return scrub(frame, hide, lang).reset_index(drop=True)


def view(results: Results, src: Source, who: Principal, lang: str) -> pd.DataFrame:
    """Table ``src`` as ``who`` may see it (see the module docstring); kept per version or
    run, audience and language."""
    seen_by = audience(who)
    run_id = src.run.id if src.run is not None else None
    key = ("table", src.workspace, src.version.number, src.key, run_id)
    if seen_by == "intern":
        return results.derived(key, lambda: raw(results, src))
    return results.derived((*key, seen_by, lang), lambda: _public(results, src, lang))


# --- filters and pages ------------------------------------------------------------------------


@dataclass(frozen=True)
class Filter:
    """Column filters (column → accepted values) and a free text."""

    columns: tuple[tuple[str, tuple[str, ...]], ...] = ()
    text: str = ""

    def params(self) -> list[tuple[str, str]]:
        """The filter as query parameters (for links to other pages and the CSV)."""
        out = [(column, value) for column, values in self.columns for value in values]
        return out + ([("zoek", self.text)] if self.text else [])

    @property
    def empty(self) -> bool:
        return not self.columns and not self.text


def parse_filter(items: Iterable[tuple[str, str]], columns: Sequence[str], table_key: str,
                 ) -> Filter:
    """The filter of query parameters ``items`` on a table with ``columns``: ``column=value``,
    the form's ``kolom``/``waarde`` pair and ``zoek``; an unknown column is an InputError
    that names it and the allowed ones."""
    chosen: dict[str, list[str]] = {}
    text, form_column, form_value = "", "", ""

    def add(column: str, value: str) -> None:
        if column not in columns:
            allowed = ", ".join(columns)
            raise said(InputError,
                       nl=f"Tabel {table_key} heeft geen kolom '{column}'; filter op een "
                          f"van: {allowed}.",
                       en=f"Table {table_key} has no column '{column}'; filter on one of: "
                          f"{allowed}.")
        if value.strip() and value.strip() not in chosen.setdefault(column, []):
            chosen[column].append(value.strip())

    for key, value in items:
        if key == "zoek":
            text = value.strip()
        elif key == "kolom":
            form_column = value
        elif key == "waarde":
            form_value = value
        elif key not in RESERVED:
            add(key, value)
    if form_column and form_value.strip():
        add(form_column, form_value)
    return Filter(tuple((c, tuple(v)) for c, v in chosen.items() if v), text)


def _number(text: str, column: str) -> float:
    for candidate in (text, text.replace(".", "").replace(",", ".")):
        try:
            return float(candidate)
        except ValueError:
            continue
    raise said(InputError, nl=f"Kolom '{column}' bevat getallen; '{text}' is geen getal.",
               en=f"Column '{column}' holds numbers; '{text}' is not a number.")


def _matches(values: pd.Series, wanted: tuple[str, ...], column: str) -> np.ndarray:
    present = values.notna().to_numpy()
    if pd.api.types.is_bool_dtype(values):
        truth = {v.strip().casefold() in ("true", "ja", "yes", "1", "waar") for v in wanted}
        flags = values.astype(object).where(values.notna(), None).to_numpy()
        return present & np.isin(flags, list(truth))
    if pd.api.types.is_numeric_dtype(values):
        numbers = values.astype("float64").to_numpy(na_value=np.nan)
        hit = np.zeros(len(values), dtype=bool)
        for text in wanted:
            target = _number(text, column)
            hit |= np.isclose(numbers, target, rtol=1e-9, atol=0.0) | (numbers == target)
        return present & hit
    text = values.astype(object).where(values.notna(), "").astype(str).str.strip()
    folded = text.str.casefold().to_numpy()
    return present & np.isin(folded, [w.casefold() for w in wanted])


def apply(frame: pd.DataFrame, chosen: Filter) -> pd.DataFrame:
    """The rows of ``frame`` that pass the filter (an InputError for a non-number given to a
    number column)."""
    keep = np.ones(len(frame), dtype=bool)
    for column, wanted in chosen.columns:
        keep &= _matches(frame[column], wanted, column)
    if chosen.text:
        found = np.zeros(len(frame), dtype=bool)
        for column in frame.columns:
            cells = frame[column].astype(object).where(frame[column].notna(), "").astype(str)
            found |= cells.str.contains(chosen.text, case=False, regex=False).to_numpy()
        keep &= found
    return frame[keep]


@dataclass(frozen=True)
class Page:
    """One page of rows: the rows, how many rows the filtered table has, from where."""

    rows: pd.DataFrame
    total: int
    offset: int
    limit: int

    @property
    def number(self) -> int:
        return self.offset // self.limit + 1

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.limit))


def page_of(frame: pd.DataFrame, *, offset: int = 0, limit: int = ROWS_PER_PAGE) -> Page:
    """Rows ``offset`` … ``offset + limit`` of ``frame``."""
    offset = max(0, offset)
    return Page(frame.iloc[offset:offset + limit], len(frame), offset, limit)


@dataclass(frozen=True)
class Selection:
    """A table as the principal sees it (``frame``), the filter of the request and the rows
    that pass it (``rows``)."""

    source: Source
    frame: pd.DataFrame
    chosen: Filter
    rows: pd.DataFrame


def select_rows(results: Results, workspace: str, slug: str, who: Principal, lang: str, *,
                items: Iterable[tuple[str, str]], number: int | None = None,
                src: Source | None = None) -> Selection:
    """The rows of table ``slug`` that ``who`` sees and that pass the filter of the query
    parameters ``items``: what the table page, its CSV and the JSON API all show (``src``:
    the table's source when the caller looked it up already)."""
    src = src or source(results, workspace, slug, number)
    frame = view(results, src, who, lang)
    chosen = parse_filter(items, [str(c) for c in frame.columns], src.key)
    return Selection(src, frame, chosen, apply(frame, chosen))


NO_VERSION = {"nl": "Deze werkruimte of versie bestaat niet.",
              "en": "This workspace or version does not exist."}


@contextlib.contextmanager
def http_errors(lang: str) -> Iterator[None]:
    """Errors of this module as HTTP errors: an unknown workspace, version or table 404, a
    bad filter 400 (the store's own message is not shown: it names the database)."""
    try:
        yield
    except NotFound as exc:
        raise HTTPException(status_code=404, detail=exc.in_language(lang)) from exc
    except StoreError as exc:
        raise HTTPException(status_code=404, detail=NO_VERSION.get(lang, NO_VERSION["nl"])
                            ) from exc
    except InputError as exc:
        raise HTTPException(status_code=400, detail=exc.in_language(lang)) from exc


def version_param(text: str | None, lang: str) -> int | None:
    """The ``versie`` query parameter (None: the current version)."""
    if text is None or not text.strip():
        return None
    if not text.strip().isdigit():
        raise HTTPException(status_code=400, detail={
            "nl": f"'versie' is een versienummer (1, 2, …), niet '{text[:40]}'.",
            "en": f"'versie' is a version number (1, 2, …), not '{text[:40]}'."}[
                "en" if lang == "en" else "nl"])
    return int(text.strip())
