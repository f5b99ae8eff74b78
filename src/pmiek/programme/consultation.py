"""The zienswijzen register (issue 17): zienswijzen, their points, the personal data apart.

Three frames (governance reference, sections 1 and 2):

- ``zienswijzen`` (:data:`ZIENSWIJZE_COLUMNS`), one row per zienswijze, keyed by its
  registration number; ``public_name`` only for an organisation or a public body, never for
  a private person; :func:`with_timeliness` adds ``timeliness``;
- ``points`` (:data:`POINT_COLUMNS`), one row per point of a zienswijze, with its answer and
  whether it leads to a change of the programme;
- ``personal`` (:data:`PERSONAL_COLUMNS`): names, addresses and e-mail, never in any public
  output.

:func:`check_register` lists every problem of a register, :func:`apply_answers` fills in the
answers, :func:`public_names` and :func:`counts` give what the Nota van Beantwoording shows.
Pure: no file is read or written here (see :mod:`pmiek.adapters.files.consultation_xlsx`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

import pandas as pd

from pmiek.errors import ValidationError
from pmiek.programme.consultation_register import (
    ANSWER_COLUMNS,
    ANSWERS,
    CHANNELS,
    PERSONAL_COLUMNS,
    POINT_COLUMNS,
    POST_DAYS,
    PRIVATE,
    SHEETS,
    SUBMITTER_TYPES,
    TIMELINESS,
    ZIENSWIJZE_COLUMNS,
    Register,
    check_answers,
    check_register,
    finalise,
    normalise,
    normalise_answers,
    parse_bool,
    parse_date,
    parse_point,
    row_ids,
)
from pmiek.programme.terms import timeliness_frame

# --- what the register says -------------------------------------------------------------------


def with_timeliness(zienswijzen: pd.DataFrame, end: dt.date) -> pd.DataFrame:
    """A copy of ``zienswijzen`` with ``timeliness`` (:data:`TIMELINESS`) for a term that
    ends on ``end`` (the last day of the terinzagelegging, inclusive)."""
    out = zienswijzen.copy()
    out["timeliness"] = timeliness_frame(out["received_on"], out["posted_on"], end)
    return out


def number_key(number: str) -> tuple[object, ...]:
    """``ZW-2025-010`` after ``ZW-2025-9``: digit runs compare as numbers."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", str(number)))


def public_names(zienswijzen: pd.DataFrame, private_word: str = "Particulier") -> pd.Series:
    """The name shown in public for each zienswijze (same index): ``Particulier N`` (or
    ``private_word`` N) for a private person, N counting 1, 2, … in order of registration
    number; the public name of an organisation or public body otherwise."""
    order = sorted(zienswijzen.index, key=lambda i: number_key(zienswijzen.at[i, "number"]))
    names = zienswijzen["public_name"].astype(object).copy()
    private = [i for i in order if zienswijzen.at[i, "submitter_type"] == PRIVATE]
    for n, index in enumerate(private, start=1):
        names.at[index] = f"{private_word} {n}"
    return names


def counts(zienswijzen: pd.DataFrame) -> dict[str, object]:
    """``total``, per ``submitter_type`` and per ``timeliness`` (every allowed value, also
    when 0), and ``late`` (``te_laat``). Needs ``timeliness`` (:func:`with_timeliness`)."""
    if "timeliness" not in zienswijzen:
        raise ValueError("counts needs the column timeliness: use with_timeliness first")
    kinds = zienswijzen["submitter_type"].value_counts()
    terms = zienswijzen["timeliness"].value_counts()
    return {"total": len(zienswijzen),
            "submitter_type": {k: int(kinds.get(k, 0)) for k in SUBMITTER_TYPES},
            "timeliness": {t: int(terms.get(t, 0)) for t in TIMELINESS},
            "late": int(terms.get("te_laat", 0))}


def unanswered(points: pd.DataFrame) -> pd.DataFrame:
    """The points without an answer yet."""
    return points[points["answer"].fillna("").astype(str).str.strip() == ""]


def answered(points: pd.DataFrame) -> bool:
    """Whether every point has an answer."""
    return unanswered(points).empty


def next_numbers(existing: Sequence[str], year: int, n: int) -> list[str]:
    """``n`` new registration numbers ``ZW-{year}-001`` …, continuing after the highest
    existing number of that year (at least three digits)."""
    pattern = re.compile(rf"^ZW-{year}-(\d+)$")
    used = [int(m[1]) for m in map(pattern.match, map(str, existing)) if m]
    first = max(used, default=0) + 1
    return [f"ZW-{year}-{k:03d}" for k in range(first, first + n)]


def apply_answers(points: pd.DataFrame, answers: pd.DataFrame) -> pd.DataFrame:
    """A new ``points`` frame with ``answer``, ``leads_to_change``, ``change`` and
    ``change_ref`` taken from ``answers`` for the points it names (the others unchanged).

    Raises :class:`~pmiek.errors.ValidationError` (nothing applied) when an answer names no
    point, a (number, point) occurs twice, or a value is missing or of the wrong type."""
    answers = normalise_answers(answers)
    problems = check_answers(answers, points)
    if problems:
        raise ValidationError(problems, source=ANSWERS)
    out = points.copy()
    position = {key: i for i, key in enumerate(row_ids(points, "punten"))}
    rows = [position[key] for key in row_ids(answers, ANSWERS)]
    for column in ANSWER_COLUMNS[2:]:
        values = out[column].astype(bool if column == "leads_to_change" else object)
        values.iloc[rows] = answers[column].to_numpy()
        out[column] = values
    return out


__all__ = [
    "ANSWERS",
    "ANSWER_COLUMNS",
    "CHANNELS",
    "PERSONAL_COLUMNS",
    "POINT_COLUMNS",
    "POST_DAYS",
    "SHEETS",
    "SUBMITTER_TYPES",
    "TIMELINESS",
    "ZIENSWIJZE_COLUMNS",
    "Register",
    "answered",
    "apply_answers",
    "check_answers",
    "check_register",
    "counts",
    "finalise",
    "next_numbers",
    "normalise",
    "normalise_answers",
    "parse_bool",
    "parse_date",
    "parse_point",
    "public_names",
    "unanswered",
    "with_timeliness",
]
