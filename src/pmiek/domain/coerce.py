"""Turning raw tables (text as it arrives from a file) into typed tables.

A reader delivers every table as text columns (``None`` for an empty cell; a geometry column
may also hold shapely geometries). :func:`coerce_table` parses each column by its declared
:class:`~pmiek.domain.schema.Dtype`, reports what cannot be parsed, and never raises on bad
data. Domain rules (required, ranges, references, …) are checked afterwards on the typed
tables by :mod:`pmiek.domain.validation`, so a workspace built in Python is checked the same.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import shapely

from pmiek.domain.arrays import Bools
from pmiek.domain.geometry import UnknownCRS, to_rd_new
from pmiek.domain.problems import Code, Problem, Severity
from pmiek.domain.schema import Column, Dtype, Table

_DECIMAL_COMMA = re.compile(r"^(-?\d+),(\d+)$")
_EWKT = re.compile(r"^\s*SRID=([^;]+);(.*)$", re.IGNORECASE | re.DOTALL)
_DIGITS = re.compile(r"^[+-]?\d+$")
_EXACT = 2.0**53  # integers up to this size are exact in float64
_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1
_TRUE = {"true", "1", "ja", "yes", "waar", "j", "y", "x", "1.0"}
_FALSE = {"false", "0", "nee", "no", "onwaar", "n", "0.0"}

_EXPECTED_NL = {
    Dtype.INTEGER: "geheel getal",
    Dtype.YEAR: "jaartal",
    Dtype.FLOAT: "getal",
    Dtype.BOOLEAN: "ja/nee (true/false)",
}
_EXPECTED = {
    Dtype.INTEGER: "an integer",
    Dtype.YEAR: "a year",
    Dtype.FLOAT: "a number",
    Dtype.BOOLEAN: "true/false",
}

PANDAS_DTYPES: dict[Dtype, object] = {
    Dtype.STRING: pd.StringDtype(),
    Dtype.ENUM: pd.StringDtype(),
    Dtype.ID_LIST: pd.StringDtype(),
    Dtype.INTEGER: pd.Int64Dtype(),
    Dtype.YEAR: pd.Int64Dtype(),
    Dtype.FLOAT: np.dtype("float64"),
    Dtype.BOOLEAN: pd.BooleanDtype(),
    Dtype.GEOMETRY: np.dtype("object"),
}


def empty_table(schema: Table) -> pd.DataFrame:
    """An empty typed table with every column of ``schema``."""
    return pd.DataFrame(
        {c.name: pd.Series([], dtype=PANDAS_DTYPES[c.dtype]) for c in schema.columns}
    )


def _text(raw: pd.Series) -> pd.Series:
    """Stripped text, with empty cells as <NA>."""
    text = raw.astype(pd.StringDtype()).str.strip()
    return text.mask(text == "")


def _problems_at(
    mask: Bools, raw: pd.Series, schema: Table, column: Column, code: Code, *, expected: str,
    ids: pd.Series, **params: str,
) -> list[Problem]:
    rows = np.flatnonzero(mask)
    return [
        Problem(code, schema.name, column.name, int(i), _row_id(ids, int(i)),
                expected=expected, got=str(raw.iloc[i]), params=dict(params))
        for i in rows
    ]


def _row_id(ids: pd.Series, i: int) -> str | None:
    value = ids.iloc[i]
    return None if pd.isna(value) else str(value)


def _parse_number(text: pd.Series) -> pd.Series:
    fixed = text.str.replace(_DECIMAL_COMMA, r"\1.\2", regex=True)
    return pd.to_numeric(fixed.astype(object), errors="coerce").astype("float64")


def _coerce_column(
    raw: pd.Series, schema: Table, column: Column, ids: pd.Series, problems: list[Problem]
) -> pd.Series:
    dtype = column.dtype
    if dtype is Dtype.GEOMETRY:
        return _coerce_geometry(raw, schema, column, ids, problems)
    text = _text(raw)
    present = text.notna().to_numpy()
    if dtype in (Dtype.STRING,):
        return text
    if dtype is Dtype.ENUM:
        lowered = text.str.lower()
        allowed = {a.lower(): a for a in column.allowed}
        return lowered.map(lambda v: allowed.get(v, v) if isinstance(v, str) else v).astype(
            pd.StringDtype()
        ).where(lowered.notna(), text)
    if dtype is Dtype.ID_LIST:
        parts = text.str.split(r"\s*[;,]\s*", regex=True)
        return parts.map(
            lambda items: ";".join(i for i in items if i) if isinstance(items, list) else items
        ).astype(pd.StringDtype()).mask(lambda s: s == "")
    if dtype is Dtype.BOOLEAN:
        lowered = text.str.lower()
        truth = lowered.isin(list(_TRUE)).to_numpy()
        false = lowered.isin(list(_FALSE)).to_numpy()
        bad = present & ~truth & ~false
        problems += _problems_at(bad, raw, schema, column, Code.WRONG_TYPE,
                                 expected=_EXPECTED[dtype], ids=ids,
                                 expected_nl=_EXPECTED_NL[dtype])
        values = pd.array(np.where(truth, True, False), dtype="boolean")
        values[~(truth | false)] = pd.NA
        return pd.Series(values, index=raw.index)
    number = _parse_number(text)
    finite = np.isfinite(number.to_numpy())
    bad = present & ~finite
    if dtype in (Dtype.INTEGER, Dtype.YEAR):
        floats = np.where(finite, number.to_numpy(), 0.0)
        integral = finite & (np.mod(floats, 1.0) == 0.0) & (np.abs(floats) < 2.0**63)
        ints = np.where(integral, floats, 0.0).astype("int64")
        # beyond 2**53 a float is not exact: parse plain digits as Python ints, within int64
        for i in np.flatnonzero(present & finite & (np.abs(floats) >= _EXACT)):
            digits = str(text.iloc[i])
            if _DIGITS.match(digits):
                exact = int(digits)
                integral[i] = _INT64_MIN <= exact <= _INT64_MAX
                ints[i] = exact if integral[i] else 0
        bad = present & ~integral
        problems += _problems_at(bad, raw, schema, column, Code.WRONG_TYPE,
                                 expected=_EXPECTED[dtype], ids=ids,
                                 expected_nl=_EXPECTED_NL[dtype])
        result = pd.array(ints, dtype="Int64")
        result[~integral] = pd.NA
        return pd.Series(result, index=raw.index)
    problems += _problems_at(bad, raw, schema, column, Code.WRONG_TYPE,
                             expected=_EXPECTED[dtype], ids=ids, expected_nl=_EXPECTED_NL[dtype])
    return number.where(finite, np.nan)


def _coerce_geometry(
    raw: pd.Series, schema: Table, column: Column, ids: pd.Series, problems: list[Problem]
) -> pd.Series:
    values = raw.to_numpy(dtype=object)
    out = np.full(len(values), None, dtype=object)
    is_geom = np.array([isinstance(v, shapely.Geometry) for v in values], dtype=bool)
    out[is_geom] = values[is_geom]
    text = _text(pd.Series(np.where(is_geom, None, values), index=raw.index, dtype=object))
    srid = text.str.extract(_EWKT)
    wkt = srid[1].fillna(text)
    crs = srid[0].str.strip()
    parsed = np.asarray(shapely.from_wkt(wkt.to_numpy(dtype=object, na_value=None),
                                         on_invalid="ignore"))
    present = text.notna().to_numpy()
    bad = present & pd.isna(parsed)
    example = "POINT (136000 455000)"
    for i in np.flatnonzero(bad):
        problems.append(Problem(Code.INVALID_GEOMETRY, schema.name, column.name, int(i),
                                _row_id(ids, int(i)), expected=example,
                                got=_shorten(str(raw.iloc[i]))))
    ok = present & ~bad
    for code in crs[ok & crs.notna().to_numpy()].unique():
        rows = ok & (crs == code).fillna(False).to_numpy()
        label = code if ":" in code else f"EPSG:{code}"
        try:
            parsed[rows] = to_rd_new(parsed[rows], label)
        except UnknownCRS:
            for i in np.flatnonzero(rows):
                problems.append(Problem(Code.UNKNOWN_CRS, schema.name, column.name, int(i),
                                        _row_id(ids, int(i)), expected="EPSG:28992",
                                        got=f"SRID={code}"))
            parsed[rows] = None
    out[ok] = parsed[ok]
    return pd.Series(out, index=raw.index, dtype=object)


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def row_ids(schema: Table, frame: pd.DataFrame) -> pd.Series:
    """The key of every row as text (``a/b`` for a composite key), <NA> when incomplete."""
    keys = [k for k in schema.key if k in frame.columns]
    if not keys:
        return pd.Series(pd.NA, index=frame.index, dtype=pd.StringDtype())
    text = frame[keys[0]].astype(pd.StringDtype())
    for k in keys[1:]:
        text = text + "/" + frame[k].astype(pd.StringDtype())
    return text


def coerce_table(schema: Table, raw: pd.DataFrame) -> tuple[pd.DataFrame, list[Problem]]:
    """Parse ``raw`` (text columns) into a typed table of ``schema``.

    Returns the typed table, with every schema column present and defaults filled in, and
    the problems found: missing required columns, unknown columns (a warning), and values that
    cannot be parsed as their type (those cells become empty).
    """
    problems: list[Problem] = []
    raw = raw.rename(columns=lambda c: str(c).strip())
    raw = raw.reset_index(drop=True)
    known = set(schema.column_names)
    for name in raw.columns:
        if name not in known:
            problems.append(Problem(Code.UNKNOWN_COLUMN, schema.name, name,
                                    expected=", ".join(schema.column_names), got=name,
                                    severity=Severity.WARNING))
    for column in schema.columns:
        if column.required and column.name not in raw.columns:
            problems.append(Problem(Code.MISSING_COLUMN, schema.name, column.name,
                                    expected=column.name, got=", ".join(map(str, raw.columns))))
    key_frame = pd.DataFrame(
        {k: _text(raw[k]) if k in raw.columns else pd.Series(pd.NA, index=raw.index)
         for k in schema.key}
    )
    ids = row_ids(schema, key_frame)
    typed: dict[str, pd.Series] = {}
    for column in schema.columns:
        if column.name in raw.columns:
            series = _coerce_column(raw[column.name], schema, column, ids, problems)
        else:
            series = pd.Series(None, index=raw.index, dtype=object)
            series = series.astype(PANDAS_DTYPES[column.dtype])
        if column.default is not None:
            series = series.fillna(column.default)
        typed[column.name] = series.astype(PANDAS_DTYPES[column.dtype])
    return pd.DataFrame(typed, index=raw.index), problems
