"""Value functions: an indicator → a partial value in [0, 1] (higher is better).

- ``linear`` without points: the local scale, from the worst to the best value any variant
  has in any scenario (for a ``cost`` criterion the lowest value scores 1);
- ``linear`` with two points, ``piecewise_linear`` with two or more: interpolated between the
  points and held constant beyond the first and the last;
- ``step``: the value of the last point at or below the indicator (below the first point: the
  first point's value).

Points are written ``x:value; x:value`` in the column ``value_points`` (a decimal comma is
accepted). :func:`read_points` reports every problem of such a cell as a
:class:`~pmiek.domain.problems.Problem`; :func:`parse_points` raises them.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from pmiek.domain.labels import localised
from pmiek.domain.problems import Code, Place, Problem
from pmiek.errors import ValidationError
from pmiek.framework.enums import Direction, ValueFunctionKind

Points = tuple[tuple[float, float], ...]
"""``(x, partial value)`` pairs, ``x`` strictly increasing."""

COLUMN = "value_points"
"""The column of the criteria table that holds the points."""

_COUNTS: dict[ValueFunctionKind, tuple[int, int | None]] = {
    ValueFunctionKind.LINEAR: (2, 2),
    ValueFunctionKind.PIECEWISE_LINEAR: (2, None),
    ValueFunctionKind.STEP: (1, None),
}
"""The fewest and the most points of each kind (``None``: no limit)."""

_EXAMPLE = {"nl": "0:0; 10:0,5; 20:1", "en": "0:0; 10:0.5; 20:1"}
_DECIMAL = {"nl": ",", "en": "."}
_LOCAL_SCALE = {"nl": "lineair, lokale schaal (slechtste → beste variant)",
                "en": "linear, local scale (worst → best variant)"}
_KIND_NAMES = {
    "nl": {ValueFunctionKind.LINEAR: "lineair",
           ValueFunctionKind.PIECEWISE_LINEAR: "stuksgewijs lineair",
           ValueFunctionKind.STEP: "trap"},
    "en": {ValueFunctionKind.LINEAR: "linear",
           ValueFunctionKind.PIECEWISE_LINEAR: "piecewise linear",
           ValueFunctionKind.STEP: "step"},
}
_COUNT_WORDS = {"nl": ("precies {n}", "minstens {n}"), "en": ("exactly {n}", "at least {n}")}
_TRENDS = {  # how the partial values must move as the indicator rises
    Direction.BENEFIT: {"nl": "gelijk blijven of stijgen", "en": "stay level or rise"},
    Direction.COST: {"nl": "gelijk blijven of dalen", "en": "stay level or fall"},
}


def number_text(x: float, lang: str) -> str:
    """``x`` in ``%g`` format with the decimal separator of ``lang``."""
    return f"{x:g}".replace(".", localised(_DECIMAL, lang))


@dataclass(frozen=True)
class ValueFunction:
    """Indicator → partial value in [0, 1]; see the module docstring.

    ``kind`` and ``direction`` accept the enum or its string.
    """

    kind: ValueFunctionKind = ValueFunctionKind.LINEAR
    direction: Direction = Direction.BENEFIT
    points: Points = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", ValueFunctionKind(self.kind))
        object.__setattr__(self, "direction", Direction(self.direction))

    def __call__(self, x: npt.ArrayLike, low: float | None = None,
                 high: float | None = None) -> npt.NDArray[np.float64]:
        """Partial values of ``x``; ``low``/``high`` give the local scale of a linear function
        without points (default: the range of ``x`` itself)."""
        values = np.asarray(x, dtype=float)
        if not self.points:
            return self._local_scale(values, low, high)
        xs = np.array([p[0] for p in self.points])
        vs = np.array([p[1] for p in self.points])
        if self.kind is ValueFunctionKind.STEP:
            at = np.clip(np.searchsorted(xs, values, side="right") - 1, 0, len(xs) - 1)
            return np.where(np.isnan(values), np.nan, vs[at])
        return np.where(np.isnan(values), np.nan, np.interp(values, xs, vs))

    def _local_scale(self, x: npt.NDArray[np.float64], low: float | None,
                     high: float | None) -> npt.NDArray[np.float64]:
        lo = float(np.nanmin(x)) if low is None else low
        hi = float(np.nanmax(x)) if high is None else high
        if not hi > lo:
            return np.where(np.isnan(x), np.nan, 0.5)
        v = (x - lo) / (hi - lo)
        return np.clip(1.0 - v if self.direction is Direction.COST else v, 0.0, 1.0)

    def describe(self, lang: str = "nl") -> str:
        """One line for reports: the kind and its points (or the local scale)."""
        if not self.points:
            return localised(_LOCAL_SCALE, lang)
        shown = "; ".join(f"{number_text(x, lang)} → {number_text(v, lang)}"
                          for x, v in self.points)
        return f"{localised(_KIND_NAMES, lang)[self.kind]}: {shown}"


def read_points(text: str | None, kind: ValueFunctionKind | str,
                direction: Direction | str, place: Place) -> tuple[Points, list[Problem]]:
    """``"0:0; 10:0,5; 20:1"`` → ((0, 0), (10, 0.5), (20, 1)), checked for ``kind`` and
    ``direction``; the points are empty when there is a problem. Problems are at ``place``
    (a row of the criteria table), column ``value_points``."""
    kind = ValueFunctionKind(kind)
    text = (text or "").strip()
    if not text:
        if kind is ValueFunctionKind.LINEAR:
            return (), []
        return (), [place.problem(Code.VALUE_POINTS_MISSING, COLUMN, expected=_EXAMPLE["en"],
                                  expected_nl=_EXAMPLE["nl"], kind=kind.value)]
    points, problems = _split(text, place)
    if problems:
        return (), problems
    problems = [*_check_order(points, place), *_check_count(points, kind, place),
                *_check_trend(points, Direction(direction), place)]
    return (() if problems else tuple(points)), problems


def parse_points(text: str | None, kind: ValueFunctionKind | str, direction: Direction | str,
                 where: str | None = None) -> Points:
    """:func:`read_points` for one cell; ``where`` names the criterion. Raises
    :class:`~pmiek.errors.ValidationError` (an ``InputError``) listing every problem."""
    points, problems = read_points(text, kind, direction, Place("criteria", row_id=where))
    if problems:
        raise ValidationError(problems, source="criteria")
    return points


def _split(text: str, place: Place) -> tuple[list[tuple[float, float]], list[Problem]]:
    points: list[tuple[float, float]] = []
    problems: list[Problem] = []
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        point = _point(part)
        if point is None:
            problems.append(place.problem(Code.VALUE_POINTS_SYNTAX, COLUMN, got=part,
                                          expected=_EXAMPLE["en"],
                                          expected_nl=_EXAMPLE["nl"]))
        elif not 0.0 <= point[1] <= 1.0:
            problems.append(place.problem(Code.VALUE_POINTS_RANGE, COLUMN, got=f"{point[1]:g}",
                                          expected="[0, 1]", x=f"{point[0]:g}"))
        else:
            points.append(point)
    return points, problems


def _point(part: str) -> tuple[float, float] | None:
    """``"10:0,5"`` → (10.0, 0.5); ``None`` when it is not two finite numbers."""
    pieces = part.split(":")
    if len(pieces) != 2:
        return None
    try:
        x, v = (float(s.strip().replace(",", ".")) for s in pieces)
    except ValueError:
        return None
    return (x, v) if math.isfinite(x) and math.isfinite(v) else None


def _listed(values: list[float]) -> str:
    return ", ".join(f"{v:g}" for v in values)


def _check_order(points: list[tuple[float, float]], place: Place) -> list[Problem]:
    xs = [p[0] for p in points]
    if all(b > a for a, b in itertools.pairwise(xs)):
        return []
    return [place.problem(Code.VALUE_POINTS_ORDER, COLUMN, got=_listed(xs))]


def _check_count(points: list[tuple[float, float]], kind: ValueFunctionKind,
                 place: Place) -> list[Problem]:
    fewest, most = _COUNTS[kind]
    if len(points) >= fewest and (most is None or len(points) <= most):
        return []
    exact = most == fewest
    words = {lang: texts[0 if exact else 1].format(n=fewest)
             for lang, texts in _COUNT_WORDS.items()}
    return [place.problem(Code.VALUE_POINTS_COUNT, COLUMN, got=str(len(points)),
                          expected=words["en"], expected_nl=words["nl"], kind=kind.value)]


def _check_trend(points: list[tuple[float, float]], direction: Direction,
                 place: Place) -> list[Problem]:
    trend = _TRENDS.get(direction)
    vs = [p[1] for p in points]
    steps = [b - a for a, b in itertools.pairwise(vs)]
    wrong = any(s < 0 for s in steps) if direction is Direction.BENEFIT else \
        any(s > 0 for s in steps)
    if trend is None or not wrong:
        return []
    return [place.problem(Code.VALUE_POINTS_DIRECTION, COLUMN, got=_listed(vs),
                          expected=direction.value, trend=trend["en"], trend_nl=trend["nl"])]


__all__ = ["Points", "ValueFunction", "parse_points", "read_points"]
