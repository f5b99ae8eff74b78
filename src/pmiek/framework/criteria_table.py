"""Reading the ``criteria`` table: every problem of the tree, as typed problems.

:func:`read_criteria` checks what a criteria tree needs beyond the data contract — one
indicator per leaf and none on a branch, known indicators counted in their registry direction,
a tree without cycles, weights that can be normalised, value points that fit their function,
adoption dates — and reports every problem (table ``criteria``, the row's position and id, the
column) instead of stopping at the first.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol, TypeAlias

import numpy as np
import numpy.typing as npt
import pandas as pd

from pmiek.domain.graph import parent_cycles
from pmiek.domain.problems import Code, Place, Problem, closest
from pmiek.framework.enums import (
    CRITERION_DIRECTIONS,
    CriterionStatus,
    Direction,
    ValueFunctionKind,
)
from pmiek.framework.value_function import Points, read_points

TABLE = "criteria"
"""The table the problems name."""

REQUIRED = ("id", "parent_id", "indicator", "weight")
"""Columns without which no tree can be built."""

TEXT_COLUMNS = ("id", "parent_id", "name", "group", "indicator", "direction", "unit",
                "value_function", "value_points", "motivation", "basis", "owner", "version",
                "status", "adopted_by", "adopted_on")
"""The columns read as text (absent optional columns read as empty)."""

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATE_WORDS = {"en": "a date YYYY-MM-DD", "nl": "datum JJJJ-MM-DD"}
_NUMBER_WORDS = {"en": "a number", "nl": "getal"}
_NOT_NEGATIVE = "[0, ∞]"
_WEIGHT_WORDS = {"en": "a number ≥ 0", "nl": "een getal ≥ 0"}
_TOP_LEVEL = {"en": "(top level)", "nl": "(bovenste niveau)"}
_DIRECTION_WORDS = {
    "en": {Direction.BENEFIT: "benefit (more is better)",
           Direction.COST: "cost (less is better)"},
    "nl": {Direction.BENEFIT: "baat (meer is beter)",
           Direction.COST: "kostenpost (minder is beter)"},
}


class Directed(Protocol):
    """Anything with a direction, such as an entry of the indicator registry."""

    @property
    def direction(self) -> str: ...


KnownIndicators: TypeAlias = Sequence[str] | Mapping[str, Direction | str | Directed]
"""The indicators a leaf may use: their ids (no direction check), or a mapping id → direction
(or → an object with a ``direction``, such as the indicator registry itself)."""


def indicator_directions(known: KnownIndicators | None) -> dict[str, Direction | None] | None:
    """``known`` as id → direction (``None`` where only the id is known)."""
    if known is None:
        return None
    if not isinstance(known, Mapping):
        return dict.fromkeys(known)
    return {ident: Direction(value if isinstance(value, str) else value.direction)
            for ident, value in known.items()}


def _text(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


@dataclass(frozen=True)
class CriteriaRows:
    """The criteria table as clean columns: texts stripped (absent or empty cells ``""``),
    parents ``None`` for a root, local weights as given (NaN where unusable), value points
    parsed (empty for a branch)."""

    texts: dict[str, list[str]]
    weights: npt.NDArray[np.float64]
    points: list[Points] = field(default_factory=list)

    @property
    def ids(self) -> list[str]:
        return self.texts["id"]

    @property
    def parents(self) -> list[str | None]:
        return [p or None for p in self.texts["parent_id"]]

    def __len__(self) -> int:
        return len(self.ids)

    def place(self, i: int) -> Place:
        """Row ``i``, for its problems."""
        return Place(TABLE, i, self.ids[i] or None)


def read_criteria(table: pd.DataFrame, known: KnownIndicators | None = None
                  ) -> tuple[CriteriaRows | None, list[Problem]]:
    """The clean rows of ``table`` and every problem in it (rows ``None`` when the table is
    empty or lacks a required column)."""
    if table.empty:
        return None, [Place(TABLE).problem(Code.NO_CRITERIA)]
    missing = [c for c in REQUIRED if c not in table.columns]
    if missing:
        return None, [Place(TABLE).problem(Code.MISSING_COLUMN, c) for c in missing]
    frame = table.reset_index(drop=True)
    texts = {c: (frame[c].astype(object).map(_text).tolist() if c in frame.columns
                 else [""] * len(frame)) for c in TEXT_COLUMNS}
    weights, problems = _weights(frame["weight"], texts["id"])
    rows = CriteriaRows(texts, weights)
    problems += _check_ids(rows)
    problems += _check_parents(rows)
    problems += _check_indicators(rows, indicator_directions(known))
    problems += _check_choices(rows)
    problems += _check_dates(rows)
    problems += _check_groups(rows)
    points, point_problems = _read_points(rows)
    return CriteriaRows(texts, weights, points), problems + point_problems


# --- weights -----------------------------------------------------------------------------


def _weights(column: pd.Series, ids: list[str]) -> tuple[npt.NDArray[np.float64],
                                                        list[Problem]]:
    values = np.full(len(column), np.nan)
    problems: list[Problem] = []
    for i, raw in enumerate(column.astype(object)):
        place = Place(TABLE, i, ids[i] or None)
        number, problem = _weight(raw, place)
        values[i] = number
        problems += problem
    return values, problems


def _weight(raw: object, place: Place) -> tuple[float, list[Problem]]:
    text = _text(raw)
    if not text:
        return math.nan, [place.problem(Code.MISSING_VALUE, "weight",
                                        expected=_WEIGHT_WORDS["en"],
                                        expected_nl=_WEIGHT_WORDS["nl"])]
    try:
        number = float(text.replace(",", "."))  # a float's str() gives the same float back
    except ValueError:
        return math.nan, [place.problem(Code.WRONG_TYPE, "weight", got=text,
                                        expected=_NUMBER_WORDS["en"],
                                        expected_nl=_NUMBER_WORDS["nl"])]
    if not (math.isfinite(number) and number >= 0):
        return math.nan, [place.problem(Code.OUT_OF_RANGE, "weight", got=f"{number:g}",
                                        expected=_NOT_NEGATIVE)]
    return number, []


def _check_groups(rows: CriteriaRows) -> list[Problem]:
    """Sibling groups whose local weights sum to 0 (a group with an unusable weight is
    left to that weight's problem)."""
    parents = ["" if p in (None, i) else p for p, i in zip(rows.parents, rows.ids, strict=True)]
    frame = pd.DataFrame({"parent": parents, "w": rows.weights,
                          "unusable": np.isnan(rows.weights)})
    groups = frame.groupby("parent", sort=False).agg(total=("w", "sum"),
                                                     unusable=("unusable", "any"))
    zero = groups.index[(groups["total"] <= 0) & ~groups["unusable"]]
    problems = []
    for parent in zero:
        first = int(np.flatnonzero(frame["parent"].to_numpy() == parent)[0])
        words = {"en": parent, "nl": parent} if parent else _TOP_LEVEL
        problems.append(rows.place(first).problem(Code.ZERO_WEIGHTS, "weight",
                                                  got=words["en"], got_nl=words["nl"]))
    return problems


# --- the tree ----------------------------------------------------------------------------


def _check_ids(rows: CriteriaRows) -> list[Problem]:
    ids = pd.Series(rows.ids)
    counts = ids.value_counts()
    problems = [rows.place(int(i)).problem(Code.MISSING_VALUE, "id", expected="a unique code",
                                           expected_nl="een unieke code")
                for i in np.flatnonzero((ids == "").to_numpy())]
    for i in np.flatnonzero((ids.duplicated(keep=False) & (ids != "")).to_numpy()):
        ident = rows.ids[i]
        problems.append(rows.place(int(i)).problem(Code.DUPLICATE_KEY, "id", got=ident,
                                                   count=str(counts[ident])))
    return problems


def _check_parents(rows: CriteriaRows) -> list[Problem]:
    known = set(rows.ids)
    candidates = sorted(known)
    problems = []
    for i, parent in enumerate(rows.parents):
        if parent is None:
            continue
        if parent == rows.ids[i]:
            problems.append(rows.place(i).problem(Code.SELF_REFERENCE, "parent_id",
                                                  got=parent, expected="criterion",
                                                  expected_nl="criterium"))
        elif parent not in known:
            problems.append(rows.place(i).problem(
                Code.DANGLING_REFERENCE, "parent_id", got=parent, expected="criteria.id",
                close=closest(parent, candidates)))
    return problems + _check_cycles(rows)


def _check_cycles(rows: CriteriaRows) -> list[Problem]:
    ids = pd.Series(rows.ids, dtype=object)
    parents = pd.Series([None if p == i else p for p, i in zip(rows.parents, rows.ids,
                                                                 strict=True)], dtype=object)
    problems = []
    for cycle in parent_cycles(ids, parents):
        path = [rows.ids[i] for i in cycle]
        first = min(cycle)
        problems.append(rows.place(first).problem(
            Code.CYCLE, "parent_id", got=" → ".join([*path, path[0]]), expected="criterion",
            expected_nl="criterium"))
    return problems


def _check_indicators(rows: CriteriaRows, known: dict[str, Direction | None] | None
                      ) -> list[Problem]:
    has_child = {p for p, i in zip(rows.parents, rows.ids, strict=True) if p not in (None, i)}
    problems = []
    for i, indicator in enumerate(rows.texts["indicator"]):
        place = rows.place(i)
        if rows.ids[i] in has_child and indicator:
            problems.append(place.problem(Code.BRANCH_WITH_INDICATOR, "indicator",
                                          got=indicator))
        elif rows.ids[i] not in has_child and not indicator:
            problems.append(place.problem(Code.LEAF_WITHOUT_INDICATOR, "indicator"))
        elif indicator and known is not None:
            problems += _check_known(rows, i, indicator, known)
    return problems


def _check_known(rows: CriteriaRows, i: int, indicator: str,
                 known: dict[str, Direction | None]) -> list[Problem]:
    place = rows.place(i)
    if indicator not in known:
        return [place.problem(Code.UNKNOWN_INDICATOR, "indicator", got=indicator,
                              expected=", ".join(known),
                              close=closest(indicator, list(known)))]
    registered = known[indicator]
    given = rows.texts["direction"][i] or Direction.BENEFIT
    if registered not in CRITERION_DIRECTIONS or given not in CRITERION_DIRECTIONS or \
            given == registered:
        return []
    ours, theirs = Direction(given), Direction(registered)
    return [place.problem(
        Code.DIRECTION_MISMATCH, "direction", got=ours.value, expected=theirs.value,
        indicator=indicator, got_word=_DIRECTION_WORDS["en"][ours],
        got_word_nl=_DIRECTION_WORDS["nl"][ours],
        expected_word=_DIRECTION_WORDS["en"][theirs],
        expected_word_nl=_DIRECTION_WORDS["nl"][theirs])]


# --- cells -------------------------------------------------------------------------------

_CHOICES: dict[str, tuple[str, ...]] = {
    "direction": tuple(CRITERION_DIRECTIONS),
    "value_function": tuple(ValueFunctionKind),
    "status": tuple(CriterionStatus),
}
"""Columns with a closed set of values (empty cells take the contract's default)."""


def _check_choices(rows: CriteriaRows) -> list[Problem]:
    problems = []
    for column, allowed in _CHOICES.items():
        for i, value in enumerate(rows.texts[column]):
            if value and value not in allowed:
                problems.append(rows.place(i).problem(
                    Code.NOT_ALLOWED, column, got=value, expected=", ".join(allowed),
                    close=closest(value, list(allowed))))
    return problems


def _is_date(text: str) -> bool:
    if not _DATE.match(text):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _check_dates(rows: CriteriaRows) -> list[Problem]:
    return [rows.place(i).problem(Code.WRONG_TYPE, "adopted_on", got=text,
                                  expected=_DATE_WORDS["en"], expected_nl=_DATE_WORDS["nl"])
            for i, text in enumerate(rows.texts["adopted_on"])
            if text and not _is_date(text)]


def _read_points(rows: CriteriaRows) -> tuple[list[Points], list[Problem]]:
    """The value points of every leaf whose function and direction are known."""
    points: list[Points] = []
    problems: list[Problem] = []
    for i in range(len(rows)):
        kind = rows.texts["value_function"][i] or ValueFunctionKind.LINEAR
        direction = rows.texts["direction"][i] or Direction.BENEFIT
        usable = kind in _CHOICES["value_function"] and direction in _CHOICES["direction"]
        if not rows.texts["indicator"][i] or not usable:
            points.append(())
            continue
        found, wrong = read_points(rows.texts["value_points"][i], kind, direction,
                                   rows.place(i))
        points.append(found)
        problems += wrong
    return points, problems


__all__ = [
    "REQUIRED",
    "TABLE",
    "CriteriaRows",
    "Directed",
    "KnownIndicators",
    "indicator_directions",
    "read_criteria",
]
