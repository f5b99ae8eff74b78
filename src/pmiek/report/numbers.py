"""The one formatter of numbers, amounts and dates in the programme document.

Dutch (default): ``38.100``, ``1.174,5 M€``, ``12,5%``, ``24 september 2025``; English:
``38,100``, ``1,174.5 M€``, ``12.5%``, ``24 September 2025``. A missing or infinite value is
``–``; a negative number has a real minus sign (−).
"""

from __future__ import annotations

import datetime as dt
import math

from pmiek.programme.terms import format_date

MISSING = "–"
_SWAP = str.maketrans({",": ".", ".": ","})


def _finite(value: object) -> float | None:
    try:
        x = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None


def number(value: object, digits: int = 0, lang: str = "nl") -> str:
    """``value`` rounded to ``digits`` decimals with thousands separators."""
    x = _finite(value)
    if x is None:
        return MISSING
    if round(x, digits) == 0:
        x = 0.0  # no "−0"
    text = f"{x:,.{digits}f}"
    if lang == "nl":
        text = text.translate(_SWAP)
    return text.replace("-", "−")


def meur(value: object, digits: int = 1, lang: str = "nl") -> str:
    """An amount in millions of euros: ``1.174,5 M€``."""
    text = number(value, digits, lang)
    return text if text == MISSING else f"{text}\u00a0M€"


def percent(share: object, digits: int = 0, lang: str = "nl") -> str:
    """A share as a percentage: 0.125 → ``13%`` (``12,5%`` with one digit)."""
    x = _finite(share)
    return MISSING if x is None else f"{number(100 * x, digits, lang)}%"


def date(day: dt.date | str | None, lang: str = "nl") -> str:
    """A date in words: ``24 september 2025``."""
    if day is None or (isinstance(day, float) and math.isnan(day)):
        return MISSING
    if isinstance(day, str):
        if not day.strip():
            return MISSING
        day = dt.date.fromisoformat(day.strip()[:10])
    if isinstance(day, dt.datetime):
        day = day.date()
    return format_date(day, lang)


def year(value: object) -> str:
    """A calendar year: no thousands separator (``2030``)."""
    x = _finite(value)
    return MISSING if x is None else str(round(x))


__all__ = ["MISSING", "date", "meur", "number", "percent", "year"]
