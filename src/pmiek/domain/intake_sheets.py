"""How an intake workbook shows a submitter's rows, and how what comes back is read.

- **Labels.** An enumeration is shown by its label in the workbook's language
  (:mod:`pmiek.domain.labels`: ``woningbouw``, ``elektriciteit``) and read back to the
  contract's code (:func:`from_labels`), accepting the label in either language, the code
  itself and the Dutch words of :data:`~pmiek.domain.tables.DUTCH_ALIASES` (``wonen``), in any
  case. Anything else is a ``not_allowed`` problem naming the row and column.
- **Confidential references.** A row of the submitter may point at an asset or project of
  another party that is confidential (a development connected to a station whose grid data the
  municipality may not see). The workbook shows such an id as a placeholder, ``(vertrouwelijk
  1)`` or ``(confidential 1)``, numbered in the order of the sorted ids (:func:`mask`); the
  numbering follows from the base workspace and the submitter alone, so the merge restores the
  ids from the same base (:func:`unmask`) without the workbook holding them.
- **Reference tables**: the connection points a submitter may see
  (:func:`connection_points`), the standard figures (:func:`standard_figures`) and the profiles
  (:func:`profile_overview`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

import numpy as np
import pandas as pd

from pmiek.domain.intake import MUNICIPALITY, Submitter
from pmiek.domain.labels import LANGUAGES, in_language, labels
from pmiek.domain.library import Library
from pmiek.domain.problems import Code, Problem, closest
from pmiek.domain.schema import Column, Dtype, Table
from pmiek.domain.sizing import UNIT_KEYS
from pmiek.domain.tables import (
    AREA_KINDS,
    ASSET_KINDS,
    CARRIERS,
    DUTCH_ALIASES,
    PROJECT_KINDS,
    PROJECT_STATUSES,
    SECTORS,
    UNITS,
    table,
)
from pmiek.domain.workspace import Workspace

_VOCABULARY: dict[tuple[str, ...], str] = {
    CARRIERS: "carrier", SECTORS: "sector", UNITS: "unit", ASSET_KINDS: "asset_kind",
    PROJECT_KINDS: "project_kind", PROJECT_STATUSES: "project_status", AREA_KINDS: "area_kind",
}
"""The label vocabulary of each enumeration of the contract, by its allowed values."""

YES_NO = {"nl": ("ja", "nee"), "en": ("yes", "no")}
"""How a workbook shows true and false (both read back, in either language)."""

CONFIDENTIAL_WORD = {"nl": "vertrouwelijk", "en": "confidential"}
"""The word of the placeholder of a confidential reference, per language."""

REFERENCES = ("assets.id", "projects.id")
"""The references that may point at a confidential row."""


def vocabulary_of(column: Column) -> str | None:
    """The kind of label of an enumeration column (``None``: shown as its code)."""
    return _VOCABULARY.get(column.allowed) if column.dtype is Dtype.ENUM else None


def shown(column: Column, lang: str) -> dict[str, str]:
    """Code → what a workbook in ``lang`` shows, for every allowed value of ``column``."""
    kind = vocabulary_of(column)
    named = labels(kind, lang) if kind else {}
    return {code: named.get(code, code) for code in column.allowed}


def _folded(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip().casefold()


def understood(column: Column, lang: str) -> dict[str, str]:
    """Every text read back as a code of ``column`` (folded: trimmed, lower case): the labels
    of ``lang``, the codes, the labels of the other languages and the Dutch aliases; where two
    would differ, the first of these wins."""
    out: dict[str, str] = {}
    sources = [shown(column, lang), {c: c for c in column.allowed},
               *(shown(column, other) for other in LANGUAGES if other != lang)]
    for source in sources:
        for code, text in source.items():
            out.setdefault(_folded(text), code)
    for word, code in DUTCH_ALIASES.items():
        if code in column.allowed:
            out.setdefault(_folded(word), code)
    return out


def to_labels(frame: pd.DataFrame, schema: Table, lang: str) -> pd.DataFrame:
    """A copy of ``frame`` (a table of ``schema``, or some of its columns) with every
    enumeration as its label and every boolean as yes or no in ``lang`` (object columns)."""
    out = frame.copy()
    yes, no = YES_NO[lang]
    for column in schema.columns:
        if column.name not in out.columns:
            continue
        values = out[column.name]
        if column.dtype is Dtype.ENUM:
            out[column.name] = values.astype(object).map(shown(column, lang)).where(
                values.notna(), None).astype(object)
        elif column.dtype is Dtype.BOOLEAN:
            flags = values.astype("boolean")
            words = pd.Series(np.where(flags.fillna(False).to_numpy(dtype=bool), yes, no),
                              index=out.index, dtype=object)
            out[column.name] = words.where(flags.notna().to_numpy(), None)
    return out


def from_labels(raw: pd.DataFrame, schema: Table, lang: str) -> tuple[pd.DataFrame,
                                                                       list[Problem]]:
    """A raw text table (as a reader gives it) with every enumeration's labels turned into
    codes; a value that is none of :func:`understood` stays and is a ``not_allowed`` problem
    at its row, offering the labels of ``lang`` (and the closest one)."""
    out = raw.copy()
    problems: list[Problem] = []
    ids = _row_texts(raw, schema)
    for column in schema.columns:
        if column.dtype is not Dtype.ENUM or column.name not in raw.columns:
            continue
        values = raw[column.name].astype("string")
        folded = values.str.normalize("NFC").str.strip().str.casefold()
        known = understood(column, lang)
        codes = folded.map(known)
        present = folded.fillna("").ne("").to_numpy()
        bad = present & codes.isna().to_numpy()
        cells = raw[column.name].to_numpy(dtype=object).copy()
        cells[present & ~bad] = codes.to_numpy(dtype=object)[present & ~bad]
        out[column.name] = cells
        choices = list(shown(column, lang).values())
        problems += [Problem(Code.NOT_ALLOWED, schema.name, column.name, int(i), ids[i],
                             expected=", ".join(choices), got=str(values.iloc[i]).strip(),
                             params={"close": _closest(str(folded.iloc[i]), known, column,
                                                       lang)})
                     for i in np.flatnonzero(bad)]
    return out, problems


def _closest(value: str, known: Mapping[str, str], column: Column, lang: str) -> str:
    """The label (in ``lang``) of the known text closest to ``value``, or ``""``."""
    match = closest(value, list(known))
    return shown(column, lang)[known[match]] if match else ""


def _row_texts(raw: pd.DataFrame, schema: Table) -> list[str | None]:
    keys = [k for k in schema.key if k in raw.columns]
    if not keys:
        return [None] * len(raw)
    parts = raw[keys].astype("string").fillna("")
    text = parts[keys[0]].str.cat([parts[k] for k in keys[1:]], sep="/") if len(keys) > 1 \
        else parts[keys[0]]
    return [t or None for t in text.str.strip("/").tolist()]


# --- confidential references ------------------------------------------------------------------


def hidden_ids(workspace: Workspace, submitter: Submitter) -> set[str]:
    """The ids of the confidential assets and projects the submitter may not see: every one
    for a municipality, those of other operators for an operator."""
    out: set[str] = set()
    for name in ("assets", "projects"):
        frame = workspace.table(name)
        secret = frame["confidential"].fillna(False).to_numpy(dtype=bool, copy=True)
        if submitter.kind != MUNICIPALITY:
            secret = secret & (frame["operator"] != submitter.id).fillna(True).to_numpy(
                dtype=bool)
        out |= set(frame.loc[secret, "id"].dropna().astype(str))
    return out


def _reference_columns(name: str) -> list[Column]:
    return [c for c in table(name).columns if c.references in REFERENCES]


def _items(series: pd.Series, column: Column) -> pd.Series:
    """The ids in a reference column, one per entry (a list split on ``;``), by row."""
    values = series.dropna().astype(str)
    return values.str.split(";").explode() if column.dtype is Dtype.ID_LIST else values


def placeholder(number: int, lang: str) -> str:
    """The text that stands for confidential reference ``number``."""
    return f"({in_language((CONFIDENTIAL_WORD['nl'], CONFIDENTIAL_WORD['en']), lang)} {number})"


def masked_ids(tables: Mapping[str, pd.DataFrame], hidden: set[str]) -> dict[int, str]:
    """Number → id of every hidden id the tables refer to (numbered from 1, ids sorted)."""
    found: set[str] = set()
    for name, frame in tables.items():
        for column in _reference_columns(name):
            items = _items(frame[column.name], column)
            found |= set(items[items.isin(hidden)])
    return {n: ident for n, ident in enumerate(sorted(found), start=1)}


def mask(tables: Mapping[str, pd.DataFrame], hidden: set[str], lang: str,
         ) -> tuple[dict[str, pd.DataFrame], dict[int, str]]:
    """The tables with every reference to a hidden id replaced by its placeholder, and the
    numbering (:func:`masked_ids`)."""
    numbers = masked_ids(tables, hidden)
    replace = {ident: placeholder(n, lang) for n, ident in numbers.items()}
    return {name: _replaced(name, frame, replace) for name, frame in tables.items()}, numbers


def unmask(tables: Mapping[str, pd.DataFrame], numbers: Mapping[int, str],
           ) -> dict[str, pd.DataFrame]:
    """The tables with every placeholder of ``numbers`` (in any language) replaced by its id;
    an unknown placeholder stays (and is a dangling reference)."""
    replace = {placeholder(n, lang): ident for n, ident in numbers.items()
               for lang in LANGUAGES}
    return {name: _replaced(name, frame, replace) for name, frame in tables.items()}


def _replaced(name: str, frame: pd.DataFrame, replace: Mapping[str, str]) -> pd.DataFrame:
    out = frame.copy()
    if not replace or not len(frame):
        return out
    for column in _reference_columns(name):
        series = out[column.name]
        if column.dtype is Dtype.ID_LIST:
            items = _items(series, column).replace(dict(replace))
            joined = items.groupby(level=0).agg(";".join)
            series = series.copy()
            series.loc[joined.index] = joined.to_numpy()
            out[column.name] = series
        else:
            out[column.name] = series.replace(dict(replace))
    return out


# --- reference tables -----------------------------------------------------------------------


def connection_points(workspace: Workspace, submitter: Submitter) -> pd.DataFrame:
    """The assets the submitter may see (all but :func:`hidden_ids`): id, name, kind, carrier,
    operator and area."""
    assets = workspace.assets
    visible = ~assets["id"].isin(hidden_ids(workspace, submitter)).to_numpy()
    return assets.loc[visible, ["id", "name", "kind", "carrier", "operator", "area_id"]] \
        .reset_index(drop=True)


def standard_figures(workspace: Workspace, library: Library) -> pd.DataFrame:
    """The unit parameters that apply: the workspace's own, then the library's for every
    sector, carrier and unit the workspace does not define; ``origin`` says which."""
    own = workspace.unit_parameters.assign(origin="workspace")
    own_keys = pd.MultiIndex.from_frame(own[list(UNIT_KEYS)].astype(object))
    lib = library.unit_parameters
    lib_keys = pd.MultiIndex.from_frame(lib[list(UNIT_KEYS)].astype(object))
    extra = lib[~lib_keys.isin(own_keys)].assign(origin="library")
    parts = [p.astype(own.dtypes.to_dict()) for p in (own, extra) if len(p)]
    return pd.concat(parts, ignore_index=True) if parts else own


def profile_overview(workspace: Workspace, library: Library) -> pd.DataFrame:
    """Every profile a development may name — the workspace's own, then the library's it
    does not hold — with its full-load hours (the sum of its values [h], as it peaks at 1),
    the library's description and ``origin``."""
    own = workspace.profiles
    lib = library.profiles[~library.profiles["profile_id"].isin(own["profile_id"])]
    rows = []
    for frame, origin in ((own, "workspace"), (lib, "library")):
        if len(frame):
            hours = frame.groupby("profile_id", sort=False)["value"].sum()
            rows.append(pd.DataFrame({"profile_id": hours.index.astype(str),
                                      "full_load_hours": hours.to_numpy(dtype=float),
                                      "origin": origin}))
    overview = pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(
        {"profile_id": [], "full_load_hours": [], "origin": []})
    overview["description"] = overview["profile_id"].map(dict(library.descriptions))
    return overview
