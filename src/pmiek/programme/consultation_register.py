"""The frames of the zienswijzen register, reading typed-in text, and the register's rules.

:func:`normalise` turns the text a person typed (the spreadsheet template or CSV files) into
the frames of :class:`Register`, leaving what it cannot read as it is; :func:`check_register`
then lists every problem, each with its table, row and column. Pure: no file is read or
written here. The public entry point is :mod:`pmiek.programme.consultation`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pmiek.domain.problems import Code, Place, Problem, closest
from pmiek.domain.tables import TABLE_NAMES

CHANNELS = ("post", "email", "formulier", "mondeling")
SUBMITTER_TYPES = ("particulier", "organisatie", "overheid")
TIMELINESS = ("tijdig", "per_post_tijdig", "te_laat")
PRIVATE = "particulier"

ZIENSWIJZE_COLUMNS = ("number", "received_on", "posted_on", "channel", "submitter_type",
                      "public_name")
"""The columns of ``zienswijzen`` as typed in; :func:`with_timeliness` adds ``timeliness``."""
POINT_COLUMNS = ("number", "point", "theme", "summary", "concerns", "answer",
                 "leads_to_change", "change", "change_ref")
PERSONAL_COLUMNS = ("number", "name", "address", "postcode", "city", "email",
                    "contact_person", "retain_until")
ANSWER_COLUMNS = ("number", "point", "answer", "leads_to_change", "change", "change_ref")

SHEETS = ("zienswijzen", "punten", "persoonsgegevens")
"""The names of the three tables (sheets of the template, CSV files of a folder)."""
ANSWERS = "antwoorden"

REQUIRED = {
    "zienswijzen": ("number", "received_on", "channel", "submitter_type"),
    "punten": ("number", "point", "theme", "summary"),
    "persoonsgegevens": ("number", "retain_until"),
    ANSWERS: ("number", "point"),
}
DATES = {"zienswijzen": ("received_on", "posted_on"), "persoonsgegevens": ("retain_until",)}
POST_DAYS = 7
"""A zienswijze posted in time counts when received at most this many days after the end
(Awb 6:9(2))."""

_TRUE = {"true", "ja", "j", "yes", "y", "1", "waar", "wahr"}
_FALSE = {"false", "nee", "n", "no", "0", "onwaar", ""}
_DAY_FIRST = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")


@dataclass(frozen=True)
class Register:
    """The register: zienswijzen, their points, and the personal data kept apart."""

    zienswijzen: pd.DataFrame
    points: pd.DataFrame
    personal: pd.DataFrame

    def frames(self) -> dict[str, pd.DataFrame]:
        """The frames by table name (:data:`SHEETS`)."""
        return dict(zip(SHEETS, (self.zienswijzen, self.points, self.personal), strict=True))


# --- reading typed-in text ------------------------------------------------------------------


def parse_date(value: object) -> str | None:
    """``value`` as an ISO date (``2025-09-24``), from ISO text (a time of day is dropped) or
    a Dutch ``24-9-2025``; ``None`` when it is no date."""
    text = str(value).strip()
    match = _ISO.match(text)
    if match:
        parts = (int(match[1]), int(match[2]), int(match[3]))
    elif (found := _DAY_FIRST.match(text)) is not None:
        parts = (int(found[3]), int(found[2]), int(found[1]))
    else:
        return None
    try:
        return dt.date(*parts).isoformat()
    except ValueError:
        return None


def parse_bool(value: object) -> bool | None:
    """``ja``/``nee``, ``true``/``false``, ``1``/``0`` (any case) as a bool; empty is false,
    anything else ``None``."""
    if isinstance(value, bool):
        return value
    text = "" if value is None else str(value).strip().lower()
    return True if text in _TRUE else False if text in _FALSE else None


def parse_point(value: object) -> int | None:
    """A point number (``3``, ``3.0``) as an int ≥ 1, else ``None``."""
    if isinstance(value, bool):
        return None
    try:
        number = float(str(value).strip())
    except ValueError:
        return None
    return int(number) if number.is_integer() and number >= 1 else None


def _text(series: pd.Series) -> pd.Series:
    return series.map(lambda v: "" if v is None or (isinstance(v, float) and v != v)
                      else str(v).strip()).astype(object)


def _keep(parse: Callable[[object], object | None], series: pd.Series) -> pd.Series:
    """Every value parsed by ``parse``, or left as it is when it cannot be."""
    def one(value: object) -> object:
        if value == "":
            return ""
        parsed = parse(value)
        return value if parsed is None else parsed
    return series.map(one).astype(object)


def normalise(raw: Register) -> Register:
    """The register from typed-in text: text stripped and ``""`` for empty, dates as ISO
    text, ``point`` as int, ``leads_to_change`` as bool (empty: false). Values that cannot
    be read stay as they are, for :func:`check_register` to report. Unknown columns are
    dropped; a missing column stays missing."""
    frames = []
    for name, frame, columns in zip(SHEETS, (raw.zienswijzen, raw.points, raw.personal),
                                    (ZIENSWIJZE_COLUMNS, POINT_COLUMNS, PERSONAL_COLUMNS),
                                    strict=True):
        keep = [c for c in (*columns, "timeliness") if c in frame.columns]
        out = pd.DataFrame({c: _text(frame[c]) for c in keep}, index=range(len(frame)))
        for column in DATES.get(name, ()):
            if column in out:
                out[column] = _keep(parse_date, out[column])
        frames.append(_typed_points(out) if name == "punten" else out)
    return Register(*frames)


def _typed_points(frame: pd.DataFrame) -> pd.DataFrame:
    if "point" in frame:
        frame["point"] = _keep(parse_point, frame["point"])
    if "leads_to_change" in frame:
        frame["leads_to_change"] = frame["leads_to_change"].map(
            lambda v: v if parse_bool(v) is None else parse_bool(v)).astype(object)
    return frame


def finalise(register: Register) -> Register:
    """A register that :func:`check_register` passed with its final dtypes (``point`` int,
    ``leads_to_change`` bool)."""
    points = register.points.copy()
    points["point"] = points["point"].astype(int)
    points["leads_to_change"] = points["leads_to_change"].astype(bool)
    return Register(register.zienswijzen.copy(), points, register.personal.copy())


# --- checks ---------------------------------------------------------------------------------


def row_ids(frame: pd.DataFrame, name: str) -> list[str]:
    """The id of every row: its number, and for a point ``number/point``."""
    numbers = frame["number"].astype(str) if "number" in frame else pd.Series([""] * len(frame))
    if name in ("punten", ANSWERS) and "point" in frame:
        return [f"{n}/{p}" if p != "" else n for n, p in zip(numbers, frame["point"],
                                                               strict=True)]
    return list(numbers)


def _columns(frame: pd.DataFrame, name: str, columns: Sequence[str]) -> list[Problem]:
    place = Place(name)
    return [place.problem(Code.MISSING_COLUMN, c) for c in columns if c not in frame.columns]


def _expects(column: str) -> tuple[str, str]:
    """What a column holds, in Dutch and English (for the hint of a missing value)."""
    if column in ("received_on", "posted_on", "retain_until"):
        return "een datum, JJJJ-MM-DD", "a date, YYYY-MM-DD"
    allowed = {"channel": CHANNELS, "submitter_type": SUBMITTER_TYPES}.get(column)
    if allowed:
        return f"een van: {', '.join(allowed)}", f"one of: {', '.join(allowed)}"
    return {"number": ("het registratienummer, bijvoorbeeld ZW-2025-001",
                       "the registration number, for example ZW-2025-001"),
            "point": ("het nummer van het punt: 1, 2, …", "the number of the point: 1, 2, …"),
            "theme": ("een thema, bijvoorbeeld netcapaciteit",
                      "a theme, for example netcapaciteit"),
            }.get(column, ("een tekst", "a text"))


def _required(frame: pd.DataFrame, name: str, ids: list[str]) -> list[Problem]:
    found = []
    for column in REQUIRED[name]:
        nl, en = _expects(column)
        for row in np.flatnonzero((frame[column].astype(str) == "").to_numpy()).tolist():
            found.append(Place(name, row, ids[row]).problem(
                Code.MISSING_VALUE, column, expected=en, expected_nl=nl))
    return found


def _wrong(place: Place, column: str, got: object, *, nl: str, en: str) -> Problem:
    return place.problem(Code.WRONG_TYPE, column, expected=en, got=str(got), expected_nl=nl)


def _types(frame: pd.DataFrame, name: str, ids: list[str]) -> list[Problem]:
    found = []
    for column in DATES.get(name, ()):
        for row, value in enumerate(frame[column]):
            if value != "" and parse_date(value) != value:
                found.append(_wrong(Place(name, row, ids[row]), column, value,
                                    nl="datum (JJJJ-MM-DD)", en="a date (YYYY-MM-DD)"))
    if name in ("punten", ANSWERS):
        for row, value in enumerate(frame["point"]):
            if value != "" and (isinstance(value, bool) or not isinstance(value, int)):
                found.append(_wrong(Place(name, row, ids[row]), "point", value,
                                    nl="geheel getal vanaf 1", en="a whole number from 1"))
        for row, value in enumerate(frame["leads_to_change"]):
            if not isinstance(value, bool):
                found.append(_wrong(Place(name, row, ids[row]), "leads_to_change", value,
                                    nl="ja of nee", en="yes or no"))
    return found


def _allowed(frame: pd.DataFrame, ids: list[str], column: str,
             allowed: Sequence[str]) -> list[Problem]:
    found = []
    for row, value in enumerate(frame[column]):
        if value != "" and value not in allowed:
            found.append(Place("zienswijzen", row, ids[row]).problem(
                Code.NOT_ALLOWED, column, expected=", ".join(allowed), got=str(value),
                close=closest(str(value), list(allowed))))
    return found


def _duplicates(frame: pd.DataFrame, name: str, ids: list[str]) -> list[Problem]:
    key = pd.Series(ids)
    counts = key.value_counts()
    column = "point" if name in ("punten", ANSWERS) else "number"
    return [Place(name, row, ids[row]).problem(Code.DUPLICATE_KEY, column, got=ids[row],
                                               count=str(counts[ids[row]]))
            for row in range(len(key)) if ids[row] and counts[ids[row]] > 1
            and key.iloc[:row].eq(ids[row]).any()]


def _dangling(values: pd.Series, ids: list[str], *, name: str, known: set[str],
              where: str) -> list[Problem]:
    column = str(values.name)
    return [Place(name, row, ids[row]).problem(
        Code.DANGLING_REFERENCE, column, got=str(v), expected=where,
        close=closest(str(v), sorted(known)))
        for row, v in enumerate(values) if v != "" and v not in known]


def _zienswijzen_rules(frame: pd.DataFrame, ids: list[str]) -> list[Problem]:
    """Public name only for organisations and public bodies; posted_on only by post, and not
    after receipt."""
    found = []
    for row, (kind, public, channel, posted, received) in enumerate(zip(
            frame["submitter_type"], frame["public_name"], frame["channel"],
            frame["posted_on"], frame["received_on"], strict=True)):
        place = Place("zienswijzen", row, ids[row])
        if kind == PRIVATE and public != "":
            found.append(place.problem(
                Code.NOT_ALLOWED, "public_name", got="filled in", got_nl="ingevuld",
                expected="empty for a private person (the name goes in persoonsgegevens)",
                expected_nl="leeg bij een particulier (de naam hoort in persoonsgegevens)"))
        elif kind in ("organisatie", "overheid") and public == "":
            found.append(place.problem(Code.MISSING_VALUE, "public_name",
                                       expected="the name of the organisation or public body",
                                       expected_nl="de naam van de organisatie of overheid"))
        if posted != "" and channel in CHANNELS and channel != "post":
            found.append(place.problem(
                Code.NOT_ALLOWED, "posted_on", got=str(posted),
                expected="empty unless the channel is post",
                expected_nl="leeg tenzij het kanaal post is"))
        elif posted != "" and parse_date(posted) == posted and \
                parse_date(received) == received and posted > received:
            found.append(place.problem(Code.OUT_OF_RANGE, "posted_on", got=str(posted),
                                       expected=f"≤ received_on ({received})"))
    return found


def _point_rules(points: pd.DataFrame, ids: list[str],
                 known: Mapping[str, Collection[str]] | None, name: str = "punten",
                 ) -> list[Problem]:
    """A change text when the point leads to a change; ``change_ref`` items ``table:id``;
    with ``known``, every concerned id and every changed row exists."""
    found = []
    everything = set().union(*known.values()) if known else set()
    for row, (change, leads, refs) in enumerate(zip(
            points["change"], points["leads_to_change"], points["change_ref"], strict=True)):
        place = Place(name, row, ids[row])
        if leads is True and change == "":
            found.append(place.problem(Code.MISSING_VALUE, "change",
                                       expected="the change (leads_to_change is yes)",
                                       expected_nl="de aanpassing (leads_to_change is ja)"))
        for ref in _items(refs):
            table, _, key = ref.partition(":")
            if not key or table not in TABLE_NAMES or (
                    known is not None and key not in known.get(table, ())):
                found.append(place.problem(
                    Code.DANGLING_REFERENCE, "change_ref", got=ref,
                    expected="table:id" if known is None else ", ".join(sorted(known)),
                    close=closest(ref, [f"{t}:{k}" for t, ks in (known or {}).items()
                                        for k in ks])))
        if known is not None and "concerns" in points:
            found += [place.problem(Code.DANGLING_REFERENCE, "concerns", got=item,
                                    expected=", ".join(sorted(known)),
                                    close=closest(item, sorted(everything)))
                      for item in _items(points["concerns"].iloc[row])
                      if item not in everything]
    return found


def _items(value: object) -> list[str]:
    return [v.strip() for v in str(value).split(";") if v.strip()]


def check_register(zienswijzen: pd.DataFrame, points: pd.DataFrame, personal: pd.DataFrame,
                   *, known: Mapping[str, Collection[str]] | None = None) -> list[Problem]:
    """Every problem of a (:func:`normalise`-d) register, each with table, row and column.

    ``known`` (table → ids, e.g. ``projects``, ``developments``) adds the check that every id
    in ``concerns`` and every ``table:id`` in ``change_ref`` exists."""
    tables = {"zienswijzen": (zienswijzen, ZIENSWIJZE_COLUMNS), "punten": (points,
              POINT_COLUMNS), "persoonsgegevens": (personal, PERSONAL_COLUMNS)}
    found = [p for name, (frame, columns) in tables.items()
             for p in _columns(frame, name, columns)]
    if found:
        return found
    ids = {name: row_ids(frame, name) for name, (frame, _) in tables.items()}
    for name, (frame, _) in tables.items():
        found += _required(frame, name, ids[name]) + _types(frame, name, ids[name])
        found += _duplicates(frame, name, ids[name])
    z = ids["zienswijzen"]
    found += _allowed(zienswijzen, z, "channel", CHANNELS)
    found += _allowed(zienswijzen, z, "submitter_type", SUBMITTER_TYPES)
    if "timeliness" in zienswijzen:
        found += _allowed(zienswijzen, z, "timeliness", TIMELINESS)
    found += _zienswijzen_rules(zienswijzen, z)
    numbers = {str(n) for n in zienswijzen["number"] if n != ""}
    found += _dangling(points["number"], ids["punten"], name="punten", known=numbers,
                       where="zienswijzen")
    found += _dangling(personal["number"], ids["persoonsgegevens"], name="persoonsgegevens",
                       known=numbers, where="zienswijzen")
    found += _dangling(zienswijzen["number"], z, name="zienswijzen",
                       known=set(points["number"].astype(str)), where="punten")
    return found + _point_rules(points, ids["punten"], known)


# --- answers ----------------------------------------------------------------------------------


def normalise_answers(raw: pd.DataFrame) -> pd.DataFrame:
    """Typed-in answers (:data:`ANSWER_COLUMNS`) as :func:`normalise` treats points."""
    keep = [c for c in ANSWER_COLUMNS if c in raw.columns]
    return _typed_points(pd.DataFrame({c: _text(raw[c]) for c in keep},
                                      index=range(len(raw))))


def check_answers(answers: pd.DataFrame, points: pd.DataFrame | None = None) -> list[Problem]:
    """Every problem of a (:func:`normalise_answers`-d) answers table; with ``points``, also
    every (number, point) that names no point."""
    found = _columns(answers, ANSWERS, ANSWER_COLUMNS)
    if found:
        return found
    ids = row_ids(answers, ANSWERS)
    found = _required(answers, ANSWERS, ids) + _types(answers, ANSWERS, ids)
    found += _duplicates(answers, ANSWERS, ids) + _point_rules(answers, ids, None, ANSWERS)
    if points is not None:
        known = set(row_ids(points, "punten"))
        found += [Place(ANSWERS, row, key).problem(Code.DANGLING_REFERENCE, "point", got=key,
                                                   expected="punten",
                                                   close=closest(key, sorted(known)))
                  for row, key in enumerate(ids) if key not in known]
    return found
