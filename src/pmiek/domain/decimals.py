"""Decimal marks: which texts are numbers in a file, and what an ambiguous one can mean.

A comma-separated file uses the dot as its decimal mark, a semicolon-separated one (Dutch
Excel) the comma. A number with the other mark in it is not guessed at: ``1,000`` in a
comma-separated file and ``2.500`` in a semicolon-separated one are refused with the readings
they allow (``1000 or 1``, ``2500 of 2,5``). Pure functions on text columns.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from pmiek.domain.arrays import Bools, Floats, Objects

DECIMAL_COMMA = re.compile(r"^([+-]?\d*),(\d+)$")


def _other_mark(decimal: str | None) -> str:
    return "." if decimal == "," else ","


def _grouped(decimal: str | None) -> str:
    """A number whose digits are grouped by threes with the mark that is not the decimal
    mark (``1.000`` or ``2.500,5`` where the comma is the decimal mark)."""
    mark, other = re.escape(decimal or "."), re.escape(_other_mark(decimal))
    return rf"[+-]?\d{{1,3}}(?:{other}\d{{3}})+(?:{mark}\d+)?"


_GROUPED_COMMA = re.compile(_grouped(","))
_COMMA_THREE = re.compile(r"[+-]?\d{1,3},\d{3}")


def ambiguous(text: Objects, decimal: str | None) -> Bools:
    """Numbers with the other mark in them: a likely thousands separator, or a decimal mark
    that the file does not use (``text``: stripped cells, ``None`` when empty)."""
    if decimal == ".":
        return np.fromiter((v is not None and "," in v for v in text), bool, len(text))
    # a comma as the decimal mark: digits grouped by dots; unknown: only a comma and exactly
    # three digits is really in doubt
    pattern = _GROUPED_COMMA if decimal == "," else _COMMA_THREE
    return np.fromiter((v is not None and pattern.fullmatch(v) is not None for v in text),
                       bool, len(text))


def _shown(number: float, mark: str) -> str:
    text = repr(number)
    return (text[:-2] if text.endswith(".0") else text).replace(".", mark)


def readings(value: str, decimal: str | None) -> list[str]:
    """What ``value`` can mean, written with the decimal mark ``decimal``: ``1,000`` in a
    comma-separated file is ``1000`` or ``1``; ``2.500`` in a semicolon-separated one
    ``2500`` or ``2,5``."""
    mark = decimal or "."
    other = _other_mark(decimal)
    found = []
    if re.fullmatch(_grouped(decimal), value):
        found.append(_shown(float(value.replace(other, "").replace(mark, ".")), mark))
    if value.count(other) == 1 and mark not in value and re.fullmatch(
            rf"[+-]?\d*{re.escape(other)}\d+", value):
        found.append(_shown(float(value.replace(other, ".")), mark))
    return found


REASONS = {
    ".": ("in een bestand met ',' als scheidingsteken is de punt het decimaalteken",
          "in a file separated by ',' the dot is the decimal mark"),
    ",": ("in een bestand met ';' als scheidingsteken is de komma het decimaalteken; een punt "
          "gevolgd door drie cijfers lijkt een scheidingsteken voor duizendtallen",
          "in a file separated by ';' the comma is the decimal mark; a dot followed by three "
          "digits looks like a thousands separator"),
    None: ("een komma gevolgd door drie cijfers kan een decimaalteken zijn of een "
           "scheidingsteken voor duizendtallen",
           "a comma followed by three digits can be a decimal mark or a thousands separator"),
}


def parse_numbers(text: Objects, decimal: str | None, skip: Bools) -> Floats:
    """``text`` (stripped cells, ``None`` when empty) as float64: NaN where not a number, and
    in the rows ``skip``."""
    fixed = text.copy() if decimal == "." else np.array(
        [None if v is None else DECIMAL_COMMA.sub(r"\1.\2", v) for v in text], dtype=object)
    fixed[skip] = None
    return np.asarray(pd.to_numeric(fixed, errors="coerce"), dtype="float64")
