"""The terinzagelegging: its term, the timeliness of a zienswijze and the kennisgeving.

The term (Awb 3:16) is six weeks, configurable, from the day the ontwerp is laid open and
made known; that day counts, so the nominal end is ``start + 7 * weeks - 1`` days. A term
ending on a Saturday, Sunday or *algemeen erkende feestdag* runs on to the next day that is
none of these (Algemene termijnenwet, Atw art. 1(1)). The holidays (Atw art. 3): (1)
Nieuwjaarsdag, Tweede Paasdag, Hemelvaartsdag, Tweede Pinksterdag, both Kerstdagen,
Koningsdag (27 April, the 26th when the 27th is a Sunday) and 5 mei, every year; (2) Goede
Vrijdag; (3) days a royal decree (KB) equates with them, in practice the Friday after
Hemelvaartsdag and bridge days next to a holiday on a Tuesday or Thursday. Easter is computed
here; the KB days are configuration.

KB days ship in ``pmiek/data/programme/kb_days.csv``: one row per day with its ISO ``date``,
the ``decree`` that equates it and the public ``source`` (URL) it was found in. For a new
decree ("Besluit gelijkstelling van ... met een algemeen erkende feestdag", about every three
years) add one row per day it names; :func:`kb_days` checks the frame the caller read.

A written zienswijze is on time when received by the end of the term, or when posted by then
and received within a week after it (Awb 3:16(3), 6:9). The kennisgeving (Awb 3:12) says
who may react (eenieder), how, where the documents are and the term.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

import numpy as np
import numpy.typing as npt
import pandas as pd

from pmiek.errors import InputError, said

__all__ = [
    "KB_COLUMNS", "PER_POST_TIJDIG", "TE_LAAT", "TIJDIG", "TIMELINESS", "Channels", "Term",
    "atw_holidays", "dutch_date", "easter", "format_date", "kb_days", "kennisgeving", "term",
    "timeliness", "timeliness_frame",
]

TIJDIG = "tijdig"
PER_POST_TIJDIG = "per_post_tijdig"
TE_LAAT = "te_laat"
TIMELINESS = (TIJDIG, PER_POST_TIJDIG, TE_LAAT)
"""The timeliness of a zienswijze: received in time; posted in time and received within a
week (Awb 6:9(2)); late."""

POST_GRACE = timedelta(days=7)
"""How long after the end of the term a zienswijze posted in time may arrive (Awb 6:9(2))."""

KB_COLUMNS = ("date", "decree", "source")
"""The columns of the KB-days table (Atw art. 3(3))."""

_MONTHS = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}
_WEEKEND = {5: "zaterdag", 6: "zondag"}
_FIXED = {(1, 1): "Nieuwjaarsdag", (5, 5): "Bevrijdingsdag", (12, 25): "Eerste Kerstdag",
          (12, 26): "Tweede Kerstdag"}
_FROM_EASTER = {-2: "Goede Vrijdag", 1: "Tweede Paasdag", 39: "Hemelvaartsdag",
                50: "Tweede Pinksterdag"}  # days after Easter Sunday


# --- holidays ----------------------------------------------------------------------------
def easter(year: int) -> date:
    """Easter Sunday of ``year`` (Gregorian), by the anonymous Gregorian algorithm
    (Meeus/Jones/Butcher; J. Meeus, *Astronomical Algorithms*, 2nd ed. 1998, ch. 8)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (b - (b + 8) // 25 + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _kings_day(year: int) -> tuple[date, str]:
    """The monarch's day: Koningsdag from 2014 (27 April), before that Koninginnedag
    (30 April); the day before when it falls on a Sunday."""
    name, day = ("Koningsdag", 27) if year >= 2014 else ("Koninginnedag", 30)
    celebrated = date(year, 4, day)
    if celebrated.weekday() == 6:
        celebrated -= timedelta(days=1)
    return celebrated, name


@lru_cache(maxsize=256)
def _statutory(year: int) -> Mapping[date, str]:
    """The holidays of Atw art. 3(1) and (2) in ``year`` (cached; callers copy)."""
    sunday = easter(year)
    named = [(date(year, month, day), name) for (month, day), name in _FIXED.items()]
    named += [(sunday + timedelta(days=n), name) for n, name in _FROM_EASTER.items()]
    named.append(_kings_day(year))
    days: dict[date, str] = {}
    for day, name in named:  # Hemelvaartsdag can fall on 5 mei: both names
        days[day] = f"{days[day]} en {name}" if day in days else name
    return days


def atw_holidays(year: int, extra: Mapping[date, str] | None = None) -> dict[date, str]:
    """The algemeen erkende feestdagen of ``year`` (Atw art. 3), date → Dutch name.

    ``extra`` holds the days a royal decree equates with them (art. 3(3)), date → the
    decree's name; those in ``year`` are added with the decree as their name (a statutory
    holiday keeps its own name).
    """
    days = dict(_statutory(year))
    for day, decree in (extra or {}).items():
        if day.year == year:
            days.setdefault(day, decree)
    return days


def kb_days(frame: pd.DataFrame) -> dict[date, str]:
    """The KB days (Atw art. 3(3)) of a frame with columns ``date``, ``decree``, ``source``.

    Every row needs a valid ISO date (``2026-05-15``) that no other row has, and the name of
    its decree; ``source`` may be empty. A bad frame is refused whole with an
    :class:`~pmiek.errors.InputError` naming every bad row (row 1 = the column names) and
    column.
    """
    missing = [column for column in KB_COLUMNS if column not in frame.columns]
    if missing:
        expected, found = ", ".join(KB_COLUMNS), ", ".join(map(str, frame.columns))
        raise said(InputError, nl=f"KB-dagen: kolommen {expected} verwacht, {found} gevonden.",
                   en=f"KB days: columns {expected} expected, {found} found.")
    days: dict[date, str] = {}
    bad: list[tuple[str, int, object]] = []
    for position, (raw, decree) in enumerate(zip(frame["date"], frame["decree"], strict=True)):
        day = _one_date(raw)
        name = "" if pd.isna(decree) else str(decree).strip()
        if day is None or day in days:
            bad.append(("date" if day is None else "twice", position + 2, raw))
        if not name:
            bad.append(("decree", position + 2, decree))
        if day is not None and name:
            days.setdefault(day, name)
    if bad:
        nl, en = ("; ".join(_KB_BAD[kind][i].format(row=row, raw=raw) for kind, row, raw in bad)
                  for i in (0, 1))
        raise said(InputError, nl=f"KB-dagen: {nl}.", en=f"KB days: {en}.")
    return days


_KB_BAD = {  # (Dutch, English) per kind of bad row
    "date": ("rij {row}, kolom date: verwacht een datum als 2026-05-15, gevonden {raw!r}",
             "row {row}, column date: expected a date like 2026-05-15, found {raw!r}"),
    "twice": ("rij {row}, kolom date: {raw} staat er al eerder in",
              "row {row}, column date: {raw} is already listed"),
    "decree": ("rij {row}, kolom decree: noem het besluit dat deze dag gelijkstelt",
               "row {row}, column decree: name the decree that equates this day"),
}


def _one_date(value: object) -> date | None:
    """``value`` as a date (an ISO string, a date or a timestamp), or None."""
    if isinstance(value, datetime):  # a pandas Timestamp too
        return None if pd.isna(value) else value.date()
    if isinstance(value, date) or not isinstance(value, str):
        return value if isinstance(value, date) else None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return None


# --- the term ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Term:
    """A term of ``weeks`` weeks from ``start`` (the start day counts).

    ``nominal_end`` is the last day of the weeks counted; ``end`` is that day moved past
    Saturdays, Sundays and Atw holidays; ``moved_past`` lists each day skipped with the
    reason in Dutch.
    """

    start: date
    weeks: int
    nominal_end: date
    end: date
    moved_past: tuple[tuple[date, str], ...] = ()

    @property
    def days(self) -> int:
        """The length of the term in days, start and end included."""
        return (self.end - self.start).days + 1


def term(start: date, weeks: int = 6, extra: Mapping[date, str] | None = None) -> Term:
    """The term of ``weeks`` weeks that starts on ``start`` (Awb 3:16, Atw art. 1).

    ``extra`` holds the KB days (Atw art. 3(3)), date → decree, e.g. from :func:`kb_days`.
    """
    if isinstance(weeks, bool) or not isinstance(weeks, int) or weeks < 1:
        raise said(InputError,
                   nl=f"Een termijn duurt ten minste 1 week; gevonden {weeks!r} weken.",
                   en=f"A term lasts at least 1 week; found {weeks!r} weeks.")
    nominal_end = start + timedelta(days=7 * weeks - 1)
    end = nominal_end
    skipped: list[tuple[date, str]] = []
    while (reason := _not_a_working_day(end, extra)) is not None:
        skipped.append((end, reason))
        end += timedelta(days=1)
    return Term(start=start, weeks=weeks, nominal_end=nominal_end, end=end,
                moved_past=tuple(skipped))


def _not_a_working_day(day: date, extra: Mapping[date, str] | None) -> str | None:
    """Why ``day`` cannot end a term (in Dutch), or None when it can."""
    holiday = atw_holidays(day.year, extra).get(day)
    weekend = _WEEKEND.get(day.weekday())
    if holiday and weekend:
        return f"{holiday} ({weekend})"
    return holiday or weekend


# --- timeliness --------------------------------------------------------------------------
def timeliness(received: date, posted: date | None, end: date) -> str:
    """Whether a zienswijze received on ``received`` (posted on ``posted``, None when not
    sent by post) came in time for a term ending on ``end``: one of :data:`TIMELINESS`."""
    if received <= end:
        return TIJDIG
    if posted is not None and posted <= end and received <= end + POST_GRACE:
        return PER_POST_TIJDIG
    return TE_LAAT


def timeliness_frame(received: pd.Series, posted: pd.Series, end: date) -> pd.Series:
    """:func:`timeliness` for many zienswijzen at once, row by row by position.

    ``received`` must hold a date in every row; ``posted`` may be empty, None or NaT where
    a zienswijze was not posted. Dates are ISO strings, dates or timestamps; a time of day
    is ignored. Returns a Series of :data:`TIMELINESS` values with ``received``'s index.
    """
    if len(posted) != len(received):
        raise said(InputError, nl=f"{len(received)} ontvangstdata maar {len(posted)} postdata.",
                   en=f"{len(received)} received dates but {len(posted)} posted dates.")
    got = _datetimes(received, "received_on", required=True)
    sent = _datetimes(posted, "posted_on", required=False)
    last = np.datetime64(end, "D")
    on_time = got <= last
    by_post = ~np.isnat(sent) & (sent <= last) & (got <= last + np.timedelta64(7, "D"))
    verdict = np.select([on_time, by_post], [TIJDIG, PER_POST_TIJDIG], default=TE_LAAT)
    return pd.Series(verdict, index=received.index, name="timeliness", dtype=object)


def _datetimes(values: pd.Series, column: str, *, required: bool) -> npt.NDArray[np.datetime64]:
    """``values`` as day-precision datetime64 (NaT where empty); bad values raise."""
    as_text = values.astype("string").str.strip()
    blank = (values.isna() | as_text.isna() | (as_text == "")).to_numpy(dtype=bool)
    try:
        parsed = pd.to_datetime(as_text.where(~blank), errors="coerce", format="ISO8601")
    except (ValueError, TypeError):  # e.g. mixed time zones: no usable dates
        parsed = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    if isinstance(parsed.dtype, pd.DatetimeTZDtype):
        parsed = parsed.dt.tz_localize(None)
    out: npt.NDArray[np.datetime64] = parsed.to_numpy(dtype="datetime64[D]")
    bad = (np.isnat(out) & ~blank) | (blank & required)
    if bad.any():
        rows = ", ".join(str(int(i) + 2) for i in np.flatnonzero(bad)[:10])
        nl, en = ("", "") if required else (" of leeg", " or empty")
        raise said(InputError, nl=f"Kolom {column}, rij(en) {rows}: verwacht een datum als "
                                  f"2025-10-01{nl}.",
                   en=f"Column {column}, row(s) {rows}: expected a date like 2025-10-01{en}.")
    return out


# --- the kennisgeving --------------------------------------------------------------------
def format_date(day: date, lang: str = "nl") -> str:
    """``day`` in words: "24 september 2025" (Dutch, default) or "24 September 2025"."""
    months = _MONTHS.get(lang, _MONTHS["nl"])
    return f"{day.day} {months[day.month - 1]} {day.year}"


def dutch_date(day: date) -> str:
    """``day`` in Dutch words: "24 september 2025"."""
    return format_date(day, "nl")


@dataclass(frozen=True)
class Channels:
    """How a zienswijze can be submitted.

    ``postal_address``: where letters go ("Postbus 80300, 3508 TH Utrecht");
    ``electronic``: the e-mail address or web form (URL) designated for zienswijzen;
    ``appointment``: how to make an appointment for an oral zienswijze (phone or e-mail);
    ``online``: where the documents can be read online ("" when nowhere).
    """

    postal_address: str
    electronic: str
    appointment: str
    online: str = ""


_NUMBERS = {
    "nl": ("een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien",
           "elf", "twaalf"),
    "en": ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
           "eleven", "twelve"),
}

_KENNISGEVING = {
    "nl": """Kennisgeving ontwerp {programme}

Het ontwerp van {programme} van {body} ligt met de bijbehorende stukken {weeks} ter inzage, \
van {start} tot en met {end}.

Waar liggen de stukken ter inzage?
{where}

Wie kan reageren?
Eenieder kan over het ontwerp een zienswijze naar voren brengen.

Hoe kunt u reageren?
- Schriftelijk, per post aan {body}, {postal}, onder vermelding van "Zienswijze {programme}".
- Elektronisch, via {electronic}.
- Mondeling, na het maken van een afspraak via {appointment}. Van een mondelinge zienswijze \
wordt een verslag gemaakt.
Uw zienswijze moet uiterlijk op {end} zijn ontvangen. Een zienswijze die per post is \
verstuurd, is op tijd als zij uiterlijk op {end} op de post is gedaan en uiterlijk een week \
daarna is ontvangen.

Wat gebeurt er met uw zienswijze?
Alle zienswijzen worden beantwoord in een Nota van Beantwoording, die samen met het \
vastgestelde programma wordt gepubliceerd. Uw persoonsgegevens worden niet gepubliceerd.
""",
    "en": """Notice of the draft {programme}

The draft {programme} of {body} and the accompanying documents are open for inspection for \
{weeks}, from {start} up to and including {end}.

Where can the documents be inspected?
{where}

Who may respond?
Anyone may submit a view (zienswijze) on the draft.

How can you respond?
- In writing, by post to {body}, {postal}, marked "Zienswijze {programme}".
- Electronically, via {electronic}.
- Orally, by appointment via {appointment}. A report is made of every oral view.
Your view must be received no later than {end}. A view sent by post is on time if it was \
posted no later than {end} and is received no later than one week after that day.

What happens to your view?
Every view is answered in a Nota van Beantwoording (response document), published together \
with the adopted programme. Your personal data are not published.
""",
}

_PLACES = {"nl": "De stukken liggen in deze periode ter inzage bij: {places}.",
           "en": "During this period the documents can be inspected at: {places}."}
_ONLINE = {"nl": "U kunt de stukken online bekijken op {online}.",
           "en": "The documents can be read online at {online}."}
_WEEKS = {"nl": ("week", "weken"), "en": ("week", "weeks")}
_AND = {"nl": "en", "en": "and"}


def kennisgeving(programme: str, term: Term, *,
                 body: str = "Gedeputeerde Staten van Utrecht",
                 places: Sequence[str], channels: Channels, lang: str = "nl") -> str:
    """The kennisgeving of the terinzagelegging of the draft ``programme`` (Awb 3:12).

    It says who may react (eenieder), how (in writing by post, electronically via
    ``channels.electronic``, orally by appointment, with a report), where the documents lie
    (``places``, and ``channels.online``), the term in words and that every zienswijze is
    answered in a Nota van Beantwoording without publishing personal data. ``lang`` is
    "nl" (default) or "en".
    """
    lang = lang if lang in _KENNISGEVING else "nl"
    where = [_PLACES[lang].format(places=_enumerate(places, lang)) if any(places) else "",
             _ONLINE[lang].format(online=channels.online) if channels.online else ""]
    if not any(where):
        raise said(InputError,
                   nl="Een kennisgeving zegt waar de stukken ter inzage liggen: geef ten minste "
                      "een plaats of een internetadres op.",
                   en="A notice says where the documents can be inspected: give at least one "
                      "place or a web address.")
    one, many = _WEEKS[lang]
    number = _NUMBERS[lang][term.weeks - 1] if term.weeks <= 12 else str(term.weeks)
    return _KENNISGEVING[lang].format(
        programme=programme, body=body, weeks=f"{number} {one if term.weeks == 1 else many}",
        start=format_date(term.start, lang), end=format_date(term.end, lang),
        where=" ".join(part for part in where if part), postal=channels.postal_address,
        electronic=channels.electronic, appointment=channels.appointment)


def _enumerate(items: Sequence[str], lang: str) -> str:
    """"a, b en c" (Dutch) or "a, b and c" (English)."""
    items = [item for item in items if item]
    last = items.pop() if items else ""
    return f"{', '.join(items)} {_AND[lang]} {last}" if items else last
