"""Turning raw tables (text as it arrives from a file) into typed tables.

A reader delivers every table as text columns (``None`` for an empty cell; a geometry column
may also hold shapely geometries). :func:`coerce_table` parses each column by its declared
:class:`~pmiek.domain.schema.Dtype`, reports what cannot be parsed, and never raises on bad
data. Domain rules (required, ranges, references, …) are checked afterwards on the typed
tables by :mod:`pmiek.domain.validation`, so a workspace built in Python is checked the same.

Text is stripped and NFC-normalised (the same id typed with a precomposed or a combining
accent is one id); ids and references may not hold control characters. Column names are
normalised the same way; two columns with one name, and data under a column without a name,
are errors. Numbers follow the decimal mark of their file (see :data:`DECIMAL`); a number
with the other mark in it is an error that asks which was meant, never a guess. Geometry
with a height (Z) is made 2D, with a warning.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely

from pmiek.domain import decimals, geometry_checks
from pmiek.domain.arrays import Bools, Floats, Objects
from pmiek.domain.geometry import UnknownCRS, to_rd_new
from pmiek.domain.geometry_checks import shorten
from pmiek.domain.problems import Code, Problem, Severity
from pmiek.domain.schema import Column, Dtype, Table

DECIMAL = "decimal"
"""The key in ``DataFrame.attrs`` under which a reader records the decimal mark of a raw
table: ``"."`` (comma-separated files, workbooks, GeoPackages) or ``","`` (semicolon-separated
files). Without it (a raw table built in Python) a comma followed by exactly three digits is
ambiguous and any other single comma is a decimal mark."""

_CONTROL = r"[\x00-\x1f\x7f-\x9f]"
_CONTROL_ONE = re.compile(_CONTROL)
_EWKT = re.compile(r"^\s*SRID=([^;]+);(.*)$", re.IGNORECASE | re.DOTALL)
_DIGITS = re.compile(r"^[+-]?\d+$")
_EXACT = 2.0**53  # integers up to this size are exact in float64
_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1
_TRUE = {"true", "1", "ja", "yes", "waar", "j", "y", "x", "1.0"}
_FALSE = {"false", "0", "nee", "no", "onwaar", "n", "0.0"}
_STRING = pd.StringDtype()
_ID_SEPARATOR = re.compile(r"\s*[;,]\s*")

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
    """An empty typed table with every column of ``schema`` (a fresh copy each call)."""
    return _empty(schema).copy(deep=True)


@functools.lru_cache(maxsize=64)
def _empty(schema: Table) -> pd.DataFrame:
    """The empty typed table of ``schema``, built once: building the typed columns costs a
    few milliseconds, and every workspace makes the tables it was not given."""
    return pd.DataFrame(
        {c.name: pd.Series([], dtype=PANDAS_DTYPES[c.dtype]) for c in schema.columns}
    )


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    return value if value.isascii() else unicodedata.normalize("NFC", value)


def _cleaned(raw: pd.Series) -> Objects:
    """The cells of ``raw`` stripped and NFC-normalised, ``None`` when empty.

    One pass over the cells: pandas' string methods on this dtype visit each cell in Python
    as well, once per method, and their fixed cost per call dominates the small tables of a
    workspace (five calls took 0.34 ms on 20 cells; this takes 0.06 ms, and is faster on
    35,040 cells too)."""
    values = pd.array(raw.to_numpy(dtype=object), dtype=_STRING).to_numpy(
        dtype=object, na_value=None)
    return np.array([_clean(v) for v in values], dtype=object)


def _text(raw: pd.Series) -> pd.Series:
    """Stripped, NFC-normalised text, with empty cells as <NA>."""
    return pd.Series(pd.array(_cleaned(raw), dtype=_STRING), index=raw.index)


@dataclass(frozen=True)
class _Cells:
    """One raw column being parsed: its values, its place, and the problems found so far."""

    raw: pd.Series
    schema: Table
    column: Column
    ids: pd.Series
    problems: list[Problem]
    decimal: str | None = None

    def report(self, mask: Bools, code: Code, *, expected: str, **params: str) -> None:
        """One problem for every row in ``mask``, showing the raw value."""
        self.problems.extend(
            Problem(code, self.schema.name, self.column.name, int(i), _row_id(self.ids, int(i)),
                    expected=expected, got=str(self.raw.iloc[i]), params=dict(params))
            for i in np.flatnonzero(mask))

    def wrong_type(self, mask: Bools) -> None:
        dtype = self.column.dtype
        self.report(mask, Code.WRONG_TYPE, expected=_EXPECTED[dtype],
                    expected_nl=_EXPECTED_NL[dtype])


def _row_id(ids: pd.Series, i: int) -> str | None:
    value = ids.iloc[i]
    return None if pd.isna(value) else str(value)


# --- numbers -------------------------------------------------------------------------------


def _report_ambiguous(cells: _Cells, text: Objects, mask: Bools) -> Bools:
    """Report the ambiguous numbers that have a reading of the column's type (an integer
    column: a whole number); returns the rows reported."""
    reason_nl, reason = decimals.REASONS[cells.decimal]
    reported = np.zeros(len(mask), dtype=bool)
    whole = cells.column.dtype in (Dtype.INTEGER, Dtype.YEAR)
    for i in np.flatnonzero(mask):
        meant = [m for m in decimals.readings(str(text[i]), cells.decimal)
                 if not whole or float(m.replace(",", ".")).is_integer()]
        if meant:
            reported[i] = True
            cells.problems.append(Problem(
                Code.AMBIGUOUS_NUMBER, cells.schema.name, cells.column.name, int(i),
                _row_id(cells.ids, int(i)), expected=" or ".join(meant), got=str(text[i]),
                params={"expected_nl": " of ".join(meant), "reason": reason,
                        "reason_nl": reason_nl}))
    return reported


def _coerce_number(cells: _Cells) -> pd.Series:
    text = _cleaned(cells.raw)
    present = np.fromiter((v is not None for v in text), bool, len(text))
    ambiguous = decimals.ambiguous(text, cells.decimal)
    reported = _report_ambiguous(cells, text, ambiguous) if ambiguous.any() else ambiguous
    number = decimals.parse_numbers(text, cells.decimal, ambiguous)
    if cells.column.dtype in (Dtype.INTEGER, Dtype.YEAR):
        return _integers(cells, text, number, present & ~reported)
    finite = np.isfinite(number)
    cells.wrong_type(present & ~finite & ~reported)
    return pd.Series(np.where(finite, number, np.nan), index=cells.raw.index)


def _integers(cells: _Cells, text: Objects, floats: Floats, present: Bools) -> pd.Series:
    finite = np.isfinite(floats)
    floats = np.where(finite, floats, 0.0)
    integral = finite & (np.mod(floats, 1.0) == 0.0) & (np.abs(floats) < 2.0**63)
    ints = np.where(integral, floats, 0.0).astype("int64")
    # beyond 2**53 a float is not exact: parse plain digits as Python ints, within int64
    for i in np.flatnonzero(present & finite & (np.abs(floats) >= _EXACT)):
        digits = str(text[i])
        if _DIGITS.match(digits):
            exact = int(digits)
            integral[i] = _INT64_MIN <= exact <= _INT64_MAX
            ints[i] = exact if integral[i] else 0
    cells.wrong_type(present & ~integral)
    result = pd.array(ints, dtype="Int64")
    result[~integral] = pd.NA
    return pd.Series(result, index=cells.raw.index)


# --- text, booleans ------------------------------------------------------------------------


def visible(text: str) -> str:
    """``text`` with every control character written as ``\\x07`` (so it can be shown)."""
    return _CONTROL_ONE.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _check_controls(cells: _Cells, text: Objects) -> None:
    """Ids and references may not hold control characters (a NUL, an escape, a tab …)."""
    column = cells.column
    if column.name not in cells.schema.key and column.references is None:
        return
    for i, value in enumerate(text):
        found = None if value is None else _CONTROL_ONE.search(value)
        if found is None:
            continue
        row_id = _row_id(cells.ids, i)
        cells.problems.append(Problem(
            Code.CONTROL_CHARACTER, cells.schema.name, column.name, i,
            None if row_id is None else visible(row_id),
            expected=_CONTROL_ONE.sub("", value), got=visible(value),
            params={"character": f"U+{ord(found.group()):04X}"}))


def _id_list(value: str) -> str | None:
    return ";".join(item for item in _ID_SEPARATOR.split(value) if item) or None


def _coerce_text(cells: _Cells) -> pd.Series:
    text = _cleaned(cells.raw)
    dtype = cells.column.dtype
    if dtype is Dtype.ENUM:  # an allowed value in any case; another one lowered
        allowed = {a.lower(): a for a in cells.column.allowed}
        text = np.array([v if v is None else allowed.get(v.lower(), v.lower()) for v in text],
                        dtype=object)
    elif dtype is Dtype.ID_LIST:
        text = np.array([v if v is None else _id_list(v) for v in text], dtype=object)
    _check_controls(cells, text)
    return pd.Series(pd.array(text, dtype=_STRING), index=cells.raw.index)


def _coerce_boolean(cells: _Cells) -> pd.Series:
    lowered = [v if v is None else v.lower() for v in _cleaned(cells.raw)]
    truth = np.fromiter((v in _TRUE for v in lowered), bool, len(lowered))
    false = np.fromiter((v in _FALSE for v in lowered), bool, len(lowered))
    present = np.fromiter((v is not None for v in lowered), bool, len(lowered))
    cells.wrong_type(present & ~truth & ~false)
    values = pd.array(truth, dtype="boolean")
    values[~(truth | false)] = pd.NA
    return pd.Series(values, index=cells.raw.index)


def _coerce_column(cells: _Cells) -> pd.Series:
    dtype = cells.column.dtype
    if dtype is Dtype.GEOMETRY:
        return _coerce_geometry(cells)
    if dtype in (Dtype.STRING, Dtype.ENUM, Dtype.ID_LIST):
        return _coerce_text(cells)
    if dtype is Dtype.BOOLEAN:
        return _coerce_boolean(cells)
    return _coerce_number(cells)


# --- geometry ------------------------------------------------------------------------------


def _coerce_geometry(cells: _Cells) -> pd.Series:
    raw, schema, column = cells.raw, cells.schema, cells.column
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
        cells.problems.append(Problem(Code.INVALID_GEOMETRY, schema.name, column.name, int(i),
                                      _row_id(cells.ids, int(i)), expected=example,
                                      got=shorten(str(raw.iloc[i]))))
    ok = present & ~bad
    parsed, flat = geometry_checks.drop_height(schema.name, column.name, parsed)
    out, was_flat = geometry_checks.drop_height(schema.name, column.name, out)
    cells.problems.extend(_first_only(flat + was_flat, cells.ids))
    for code in crs[ok & crs.notna().to_numpy()].unique():
        rows = ok & (crs == code).fillna(False).to_numpy()
        _reproject(cells, parsed, rows, code)
    out[ok] = parsed[ok]
    return pd.Series(out, index=raw.index, dtype=object)


def _first_only(found: list[Problem], ids: pd.Series) -> list[Problem]:
    """One warning of dropped heights for a column, counting all of them."""
    if not found:
        return []
    count = sum(int(p.got) for p in found)
    first = min(found, key=lambda p: p.row or 0)
    return [Problem(first.code, first.table, first.column, first.row,
                    _row_id(ids, first.row or 0), expected=first.expected, got=str(count),
                    severity=first.severity)]


def _reproject(cells: _Cells, parsed: Objects, rows: Bools, code: str) -> None:
    """Geometries of EWKT ``SRID=code;`` in ``rows`` to RD New, in place."""
    label = code if ":" in code else f"EPSG:{code}"
    rd, found = geometry_checks.undeclared_rd(cells.schema.name, cells.column.name,
                                              parsed[rows], label,
                                              said=(f"SRID={code}", f"SRID={code}"))
    positions = np.flatnonzero(rows)
    for problem in found:
        row = int(positions[problem.row or 0])
        cells.problems.append(Problem(problem.code, problem.table, problem.column, row,
                                      _row_id(cells.ids, row), expected=problem.expected,
                                      got=problem.got, params=problem.params))
    parsed[positions[rd]] = None
    rows = rows.copy()
    rows[positions[rd]] = False
    try:
        parsed[rows] = to_rd_new(parsed[rows], label)
    except UnknownCRS:
        for i in np.flatnonzero(rows):
            cells.problems.append(Problem(Code.UNKNOWN_CRS, cells.schema.name, cells.column.name,
                                          int(i), _row_id(cells.ids, int(i)),
                                          expected="EPSG:28992", got=f"SRID={code}"))
        parsed[rows] = None


def row_ids(schema: Table, frame: pd.DataFrame) -> pd.Series:
    """The key of every row as text (``a/b`` for a composite key), <NA> when a required part
    is missing; an optional part left empty (a scenario factor for every carrier) is left
    out of the text."""
    keys = [k for k in schema.key if k in frame.columns]
    if not keys:
        return pd.Series(pd.NA, index=frame.index, dtype=pd.StringDtype())
    optional = {c.name for c in schema.columns if not c.required}
    text: pd.Series | None = None
    for k in keys:
        part = frame[k].astype(pd.StringDtype())
        if k in optional:
            part = ("/" if text is not None else "") + part
            part = part.fillna("")
            text = part if text is None else text + part
        else:
            text = part if text is None else text + "/" + part
    assert text is not None
    return text


def _letters(position: int) -> str:
    """The spreadsheet letters of a 1-based column position (1 → A, 28 → AB)."""
    letters = ""
    while position:
        position, rest = divmod(position - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _unnamed(schema: Table, values: pd.Series, position: int) -> list[Problem]:
    """An error when the column at ``position`` (1-based), which has no name, holds data."""
    text = _text(values)
    filled = np.flatnonzero(text.notna().to_numpy())
    if not len(filled):
        return []
    first = int(filled[0])
    return [Problem(Code.UNNAMED_COLUMN, schema.name, None, first, expected=", ".join(
        schema.column_names), got=shorten(str(text.iloc[first])),
        params={"position": f"{position} ({_letters(position)})"})]


def normalise_header(schema: Table, raw: pd.DataFrame) -> tuple[pd.DataFrame, list[Problem]]:
    """``raw`` with its column names stripped and NFC-normalised, columns without a name
    left out (an error when they hold data) and every name once (an error naming each name
    given more than once; the first such column is kept)."""
    names = [unicodedata.normalize("NFC", str(c).strip()) for c in raw.columns]
    problems: list[Problem] = []
    positions: dict[str, list[int]] = {}
    for i, name in enumerate(names):
        if name:
            positions.setdefault(name, []).append(i)
        else:
            problems += _unnamed(schema, raw.iloc[:, i], i + 1)
    for name, found in positions.items():
        if len(found) > 1:
            problems.append(Problem(
                Code.DUPLICATE_COLUMN, schema.name, name, expected=name,
                got=", ".join(f"'{raw.columns[i]}'" for i in found),
                params={"count": str(len(found))}))
    keep = sorted(found[0] for found in positions.values())
    frame = raw.iloc[:, keep].set_axis([names[i] for i in keep], axis=1)
    return frame.reset_index(drop=True), problems


def _key_ids(schema: Table, raw: pd.DataFrame) -> pd.Series:
    key_frame = pd.DataFrame(
        {k: _text(raw[k]) if k in raw.columns else pd.Series(pd.NA, index=raw.index)
         for k in schema.key}
    )
    return row_ids(schema, key_frame)


def _column_problems(schema: Table, raw: pd.DataFrame) -> list[Problem]:
    problems = [Problem(Code.UNKNOWN_COLUMN, schema.name, name,
                        expected=", ".join(schema.column_names), got=name,
                        severity=Severity.WARNING)
                for name in raw.columns if name not in set(schema.column_names)]
    problems += [Problem(Code.MISSING_COLUMN, schema.name, column.name, expected=column.name,
                         got=", ".join(map(str, raw.columns)))
                 for column in schema.columns
                 if column.required and column.name not in raw.columns]
    return problems


def coerce_table(schema: Table, raw: pd.DataFrame, *, decimal: str | None = None,
                 ) -> tuple[pd.DataFrame, list[Problem]]:
    """Parse ``raw`` (text columns) into a typed table of ``schema``.

    Returns the typed table, with every schema column present and defaults filled in, and
    the problems found: bad column names (see :func:`normalise_header`), missing required
    columns, unknown columns (a warning), and values that cannot be parsed as their type
    (those cells become empty). ``decimal`` is the decimal mark of the file (see
    :data:`DECIMAL`).
    """
    raw, problems = normalise_header(schema, raw)
    problems += _column_problems(schema, raw)
    ids = _key_ids(schema, raw)
    typed: dict[str, pd.Series] = {}
    for column in schema.columns:
        if column.name in raw.columns:
            series = _coerce_column(_Cells(raw[column.name], schema, column, ids, problems,
                                           decimal))
        else:
            series = pd.Series(None, index=raw.index, dtype=object)
            series = series.astype(PANDAS_DTYPES[column.dtype])
        if column.default is not None:
            series = series.fillna(column.default)
        typed[column.name] = series.astype(PANDAS_DTYPES[column.dtype])
    return pd.DataFrame(typed, index=raw.index), problems
