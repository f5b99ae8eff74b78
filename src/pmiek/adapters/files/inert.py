"""Making text inert: no formula in a spreadsheet, no escape sequence on a terminal.

A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is taken by
Excel (and LibreOffice) as a formula when a CSV file is opened; the usual defence is a leading
apostrophe, which spreadsheets show as text and hide. pmiek writes it in every CSV it makes
(:func:`neutralise_frame`) and removes it again when reading its own CSV files
(:func:`restore_text`), so that a workspace round-trips unchanged. Numbers are never touched:
only values that are text in the table (a ``-3`` in a text column is text).

:func:`printable` removes control characters (ANSI escape sequences among them) from text that
is shown on a terminal.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""The first characters that make a spreadsheet read a cell as a formula."""

APOSTROPHE = "'"

LONE_SIGNS = ("-", "+")
"""A lone sign is no formula (a spreadsheet shows it as text): it is written as it is, so
that a unit column's ``-`` stays ``-``."""

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_ALL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _formula_like(text: str) -> bool:
    return text.startswith(FORMULA_STARTS) and text not in LONE_SIGNS


def neutralise(text: str) -> str:
    """``text`` with a leading apostrophe when a spreadsheet would read it as a formula; an
    apostrophe already in front of such text is doubled, so that :func:`restore` gives
    ``text`` back."""
    if _formula_like(text.lstrip(APOSTROPHE)):
        return APOSTROPHE + text
    return text


def restore(text: str) -> str:
    """The inverse of :func:`neutralise`: one leading apostrophe removed where
    :func:`neutralise` would have put it."""
    if text.startswith(APOSTROPHE) and _formula_like(text.lstrip(APOSTROPHE)):
        return text[1:]
    return text


def _is_text(values: np.ndarray) -> np.ndarray:
    return np.fromiter((isinstance(v, str) for v in values), dtype=bool, count=len(values))


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` in which every text value is :func:`neutralise`-d (column names
    too); numbers, booleans and missing values are left as they are."""
    out = frame.copy()
    for name in out.columns:
        series = out[name]
        if series.dtype.kind in "biufcmM":
            continue
        values = series.to_numpy(dtype=object, na_value=None)
        text = _is_text(values)
        if not text.any():
            continue
        fixed = values.copy()
        fixed[text] = [neutralise(v) for v in values[text]]
        out[name] = pd.Series(fixed, index=out.index, dtype=object)
    out.columns = [neutralise(c) if isinstance(c, str) else c for c in out.columns]
    return out


def restore_text(values: np.ndarray) -> np.ndarray:
    """An object array of text (or ``None``) with :func:`restore` applied to every text."""
    text = _is_text(values)
    if not text.any():
        return values
    out = values.copy()
    out[text] = [restore(v) for v in values[text]]
    return out


def printable(text: object, *, keep_newlines: bool = True) -> str:
    """``str(text)`` without control characters (escape sequences, bell, backspace, NUL …);
    newlines and tabs stay when ``keep_newlines``."""
    pattern = _CONTROL if keep_newlines else _CONTROL_ALL
    return pattern.sub("", str(text))
