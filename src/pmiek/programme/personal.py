"""Personal data must never reach a public output: the normalised comparison of texts with
the values of the personal-data table (pure; the adapters read the files,
:mod:`pmiek.adapters.files.public_text`).

:func:`find_personal` looks for every value of the personal-data table in texts, as a whole
word sequence (so that a city "Ede" is not found inside "bedenkingen");
:func:`personal_in_register` applies it to the public fields of a register before it is
stored, so that a name typed into a summary or an answer is refused at the door.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from pmiek.errors import InputError, said

PERSONAL_COLUMNS = ("name", "address", "postcode", "city", "email", "contact_person")
"""The columns of the personal-data table whose values no public output may contain."""

TYPED_COLUMNS = ("name", "address", "email", "contact_person")
"""The personal values looked for in what the kernteam types (summaries, answers): a city or
postcode is too often also a place the zienswijze is about."""

PUBLIC_FIELDS = {"zienswijzen": ("public_name",),
                 "points": ("theme", "summary", "concerns", "answer", "change", "change_ref")}
"""The fields of a register that public outputs show."""


def normalise(text: str) -> str:
    """``text`` Unicode-normalised (NFKC), case-folded, with runs of whitespace as one space."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def find_personal(texts: Mapping[str, str], personal: pd.DataFrame,
                  columns: Sequence[str] = PERSONAL_COLUMNS, *,
                  public: Iterable[str] = ()) -> list[tuple[str, str, str]]:
    """Every ``(file, column, value)`` where a non-empty value of ``personal`` (in
    ``columns`` that it has) occurs in ``texts`` (file → :func:`normalised_text`), compared
    after :func:`normalise` and as a whole word sequence; in the order of ``texts``, then of
    the table.

    ``public`` are phrases that may be published although a personal value is part of them
    (the public names of organisations and public bodies, the programme's name): each of
    their occurrences is cut out of the texts before the search, so that a contact's city
    "Houten" is not found in "Gemeente Houten" but is found anywhere else."""
    cuts = sorted({normalise(p) for p in public} - {""}, key=len, reverse=True)
    if cuts:
        allowed = re.compile("|".join(rf"(?<!\w){re.escape(c)}(?!\w)" for c in cuts))
        texts = {file: allowed.sub(" | ", content) for file, content in texts.items()}
    wanted: list[tuple[str, str, re.Pattern[str]]] = []
    for column in (c for c in columns if c in personal.columns):
        for value in personal[column].dropna().astype(str):
            needle = normalise(value)
            if needle:
                wanted.append((column, value,
                               re.compile(rf"(?<!\w){re.escape(needle)}(?!\w)")))
    found: list[tuple[str, str, str]] = []
    for file, content in texts.items():
        hits = [(file, column, value) for column, value, pattern in wanted
                if pattern.search(content)]
        found.extend(dict.fromkeys(hits))
    return found


def refusal(found: Sequence[tuple[str, str, str]]) -> InputError:
    """The refusal of a register whose public fields hold personal data (``found`` from
    :func:`personal_in_register`); it names the place and field, never the value."""
    shown = "; ".join(f"{place} {field} ({column})" for place, field, column in found[:10])
    more = f" (+{len(found) - 10})" if len(found) > 10 else ""
    return said(InputError,
                nl=f"Persoonsgegevens in een openbaar veld: {shown}{more}. Zet ze alleen in "
                   "het blad persoonsgegevens; er is niets opgeslagen.",
                en=f"Personal data in a public field: {shown}{more}. Put them only in the "
                   "sheet persoonsgegevens; nothing was stored.")


def personal_in_register(zienswijzen: pd.DataFrame, points: pd.DataFrame,
                         personal: pd.DataFrame) -> list[tuple[str, str, str]]:
    """Every ``(place, field, personal column)`` where a value of ``personal`` (its
    :data:`TYPED_COLUMNS`) stands in a public field: ``place`` is the registration number,
    or ``number.point`` for a point. The public names of organisations and public bodies may
    hold a contact's city or name only as part of that public name."""
    public = [str(v) for v in zienswijzen.get("public_name", pd.Series(dtype=str)).dropna()
              if str(v).strip()]
    texts: dict[str, str] = {}
    for frame, fields, places in (
            (zienswijzen, PUBLIC_FIELDS["zienswijzen"], zienswijzen["number"].astype(str)),
            (points, PUBLIC_FIELDS["points"],
             points["number"].astype(str) + "." + points["point"].astype(str))):
        for field in (f for f in fields if f in frame.columns):
            values = frame[field].fillna("").astype(str)
            for place, value in zip(places, values, strict=True):
                if value.strip() and field != "public_name":
                    texts[f"{place}\x00{field}"] = normalise(value)
    found = find_personal(texts, personal, TYPED_COLUMNS, public=public)
    out: list[tuple[str, str, str]] = []
    for key, column, _ in found:
        place, field = key.split("\x00")
        out.append((place, field, column))
    return out
