"""The Nota van Beantwoording and the other public outputs of a consultation (pure).

:func:`nota_content` turns the zienswijzen register, its points, the decisions register and the
consultation period into a :class:`NotaContent`: the introduction with counts computed from the
frames, the list of submitters (private persons only as "Particulier N", numbered in order of
their registration numbers), the answer table grouped by theme and the list of changes to the
programme. :func:`participation_paragraph` writes the paragraph that Omgevingsbesluit art. 10.8
asks of a programme; :func:`acknowledgement` the ontvangstbevestiging of one zienswijze;
:func:`public_frames` the CC0 tables without personal data. No file is read or written here:
:mod:`pmiek.adapters.files.nota_docx` writes the documents.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from types import MappingProxyType

import pandas as pd

from pmiek.programme.consultation import number_key
from pmiek.programme.consultation import public_names as register_names
from pmiek.programme.nota_texts import (
    acknowledgement,
    adoption,
    check_lang,
    count_sentence,
    date_text,
    late_sentence,
    participation_paragraph,
    period,
    process,
    text,
)

__all__ = [
    "LABELS",
    "PUNTEN_PUBLIEK",
    "SUBMITTER_TYPES",
    "ZIENSWIJZEN_PUBLIEK",
    "AnswerRow",
    "ChangeRow",
    "NotaContent",
    "Submitter",
    "ThemeSection",
    "acknowledgement",
    "consultation_counts",
    "nota_content",
    "participation_paragraph",
    "public_frames",
    "public_names",
]

SUBMITTER_TYPES = ("overheid", "organisatie", "particulier")
"""The kinds of submitter, in the order the Nota counts them."""

ZIENSWIJZEN_PUBLIEK = ("number", "received_on", "channel", "submitter_type", "indiener",
                       "timeliness")
"""The columns of the public (CC0) table of zienswijzen."""

PUNTEN_PUBLIEK = ("number", "point", "theme", "summary", "answer", "leads_to_change", "change",
                  "change_ref")
"""The columns of the public (CC0) table of points."""

LABELS: Mapping[str, Mapping[str, str]] = {
    "nl": {
        "title": "Nota van Beantwoording", "intro": "1 Inleiding",
        "submitters": "2 Lijst van indieners", "answers": "3 Beantwoording per thema",
        "changes": "4 Overzicht van wijzigingen", "private": "Particulier",
        "yes": "ja", "no": "nee", "unanswered": "(nog niet beantwoord)",
        "no_name": "naam niet opgegeven", "no_changes": "De zienswijzen leiden niet tot "
        "wijzigingen van het programma.", "page": "Pagina",
        "tijdig": "tijdig", "per_post_tijdig": "per post tijdig", "te_laat": "te laat",
        "overheid": "overheid", "organisatie": "organisatie", "particulier": "particulier",
    },
    "en": {
        "title": "Response memorandum", "intro": "1 Introduction",
        "submitters": "2 List of submitters", "answers": "3 Responses by theme",
        "changes": "4 Overview of changes", "private": "Private person",
        "yes": "yes", "no": "no", "unanswered": "(not yet answered)",
        "no_name": "name not given", "no_changes": "The submissions lead to no changes to "
        "the programme.", "page": "Page",
        "tijdig": "on time", "per_post_tijdig": "posted on time", "te_laat": "late",
        "overheid": "public body", "organisatie": "organisation", "particulier": "private person",
    },
}
"""Fixed words of the Nota per language."""

_HEADERS = {
    "nl": (("Nr", "Indiener", "Soort", "Ontvangen", "Termijn"),
           ("Nr", "Indiener", "Samenvatting", "Reactie", "Aanpassing"),
           ("Nr", "Thema", "Wijziging", "Betreft")),
    "en": (("No.", "Submitter", "Kind", "Received", "Term"),
           ("No.", "Submitter", "Summary", "Response", "Change"),
           ("No.", "Theme", "Change", "Concerns")),
}


@dataclass(frozen=True)
class Submitter:
    """One line of the list of submitters: no personal data, a private person as
    "Particulier N"."""

    number: str
    indiener: str
    submitter_type: str
    received_on: str
    timeliness: str


@dataclass(frozen=True)
class AnswerRow:
    """One row of the answer table: ``nr`` is ``"<registratienummer>.<point>"``."""

    nr: str
    indiener: str
    summary: str
    answer: str
    change: str


@dataclass(frozen=True)
class ThemeSection:
    """The rows of the answer table on one theme."""

    theme: str
    rows: tuple[AnswerRow, ...]


@dataclass(frozen=True)
class ChangeRow:
    """A change to the programme that follows from a point."""

    nr: str
    theme: str
    change: str
    change_ref: str


@dataclass(frozen=True)
class NotaContent:
    """Everything the Nota van Beantwoording says, in ``lang``, ready to be laid out."""

    programme: str
    lang: str
    title: str
    headings: tuple[str, str, str, str]
    introduction: tuple[str, ...]
    counts: Mapping[str, int]
    submitter_headers: tuple[str, ...]
    submitters: tuple[Submitter, ...]
    answer_headers: tuple[str, ...]
    themes: tuple[ThemeSection, ...]
    change_headers: tuple[str, ...]
    changes: tuple[ChangeRow, ...]
    no_changes: str

    def to_dict(self) -> dict[str, object]:
        """The content as plain data (for JSON)."""
        data = asdict(replace(self, counts={}))  # a mapping proxy cannot be deep-copied
        data["counts"] = dict(self.counts)
        return data


# --- small helpers -------------------------------------------------------------------


def _truthy(value: object) -> bool:
    if isinstance(value, str):
        return value.strip().casefold() in {"true", "ja", "yes", "1", "waar", "y", "j"}
    return text(value) != "" and bool(value)


def public_names(zienswijzen: pd.DataFrame, lang: str = "nl") -> dict[str, str]:
    """Registration number → the name the public sees
    (:func:`pmiek.programme.consultation.public_names`: a private person's "Particulier N",
    whatever their ``public_name`` says), in ``lang``, with a placeholder for an organisation
    or public body without a name."""
    check_lang(lang)
    words = LABELS[lang]
    shown = register_names(zienswijzen, words["private"]).map(text).str.strip()
    unnamed = [f"{words[kind].capitalize()} ({words['no_name']})"
               for kind in zienswijzen["submitter_type"]]
    shown = shown.where(shown != "", pd.Series(unnamed, index=zienswijzen.index))
    return dict(zip(zienswijzen["number"], shown, strict=True))


def _sorted_points(points: pd.DataFrame, known: Mapping[str, str]) -> pd.DataFrame:
    unknown = sorted(set(points["number"]) - set(known), key=number_key)
    if unknown:
        raise ValueError(f"points refer to zienswijzen not in the register: {unknown}")
    order = sorted(range(len(points)), key=lambda i: (number_key(points["number"].iat[i]),
                                                      int(points["point"].iat[i])))
    return points.iloc[order]


# --- counts and introduction ---------------------------------------------------------


def consultation_counts(zienswijzen: pd.DataFrame, points: pd.DataFrame) -> dict[str, int]:
    """The counts the Nota states: zienswijzen in total, per submitter type and per
    timeliness, points, points answered, points leading to a change, late points answered."""
    types = zienswijzen["submitter_type"].value_counts()
    timely = zienswijzen["timeliness"].value_counts()
    answered = points["answer"].map(text).str.strip() != ""
    late = set(zienswijzen.loc[zienswijzen["timeliness"] == "te_laat", "number"])
    counts = {"total": len(zienswijzen)}
    counts.update({kind: int(types.get(kind, 0)) for kind in SUBMITTER_TYPES})
    counts.update({kind: int(timely.get(kind, 0))
                   for kind in ("tijdig", "per_post_tijdig", "te_laat")})
    counts["points"] = len(points)
    counts["answered"] = int(answered.sum())
    counts["changes"] = int(points["leads_to_change"].map(_truthy).sum())
    counts["late_answered"] = int((answered & points["number"].isin(late)).sum())
    return counts


# --- the Nota ------------------------------------------------------------------------


def _edition_rows(decisions: pd.DataFrame, consultation: Mapping[str, object]) -> pd.DataFrame:
    edition = consultation.get("edition")
    if edition and "edition" in decisions.columns:
        decisions = decisions[decisions["edition"] == edition]
    return decisions.sort_values("decided_on", kind="stable")


def nota_content(programme: str, zienswijzen: pd.DataFrame, points: pd.DataFrame,
                 decisions: pd.DataFrame, consultation: Mapping[str, object], *,
                 lang: str = "nl") -> NotaContent:
    """The Nota van Beantwoording of ``programme`` in ``lang`` (``"nl"`` or ``"en"``).

    ``zienswijzen``, ``points`` and ``decisions`` are the registers with the columns of the
    shared data model; ``consultation`` holds ``start``, ``end`` (ISO dates), ``weeks`` and
    ``kennisgeving`` (and optionally ``edition``, which selects the decisions). Every count is
    computed from the frames. Raises :class:`ValueError` for points of an unknown zienswijze.
    """
    check_lang(lang)
    words = LABELS[lang]
    names = public_names(zienswijzen, lang)
    ordered = _sorted_points(points, names)
    counts = consultation_counts(zienswijzen, points)
    intro = (adoption(_edition_rows(decisions, consultation), lang),
             period(consultation, lang), count_sentence(counts, lang),
             late_sentence(counts, date_text(consultation.get("end"), lang), lang),
             process(lang))
    submitters = tuple(
        Submitter(row.number, names[row.number], words[row.submitter_type],
                  date_text(row.received_on, lang),
                  words.get(row.timeliness, row.timeliness))
        for row in sorted(zienswijzen.itertuples(index=False), key=lambda r: number_key(r.number)))
    sections: dict[str, list[AnswerRow]] = {}
    changes = []
    for row in ordered.itertuples(index=False):
        nr = f"{row.number}.{int(row.point)}"
        change = text(row.change).strip()
        leads = _truthy(row.leads_to_change)
        sections.setdefault(text(row.theme).strip() or "-", []).append(AnswerRow(
            nr, names[row.number], text(row.summary),
            text(row.answer).strip() or words["unanswered"],
            f"{words['yes']}: {change}" if leads else words["no"]))
        if leads:
            changes.append(ChangeRow(nr, text(row.theme), change, text(row.change_ref)))
    submitter_headers, answer_headers, change_headers = _HEADERS[lang]
    return NotaContent(
        programme=programme, lang=lang, title=words["title"],
        headings=(words["intro"], words["submitters"], words["answers"], words["changes"]),
        introduction=intro, counts=MappingProxyType(counts),
        submitter_headers=submitter_headers, submitters=submitters,
        answer_headers=answer_headers,
        themes=tuple(ThemeSection(theme, tuple(rows)) for theme, rows in sections.items()),
        change_headers=change_headers, changes=tuple(changes), no_changes=words["no_changes"])


# --- public tables ---------------------------------------------------------------------


def public_frames(zienswijzen: pd.DataFrame, points: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The CC0 public tables ``zienswijzen_publiek`` (:data:`ZIENSWIJZEN_PUBLIEK`, the
    submitter as ``indiener``: a public name or "Particulier N") and ``punten_publiek``
    (:data:`PUNTEN_PUBLIEK`), in order of registration number and point: no personal data,
    no ``public_name`` of a private person."""
    names = public_names(zienswijzen, "nl")
    ordered = zienswijzen.iloc[sorted(range(len(zienswijzen)),
                                      key=lambda i: number_key(zienswijzen["number"].iat[i]))]
    public = ordered.assign(indiener=ordered["number"].map(names))
    public = public.loc[:, list(ZIENSWIJZEN_PUBLIEK)].reset_index(drop=True)
    for name in ("received_on", "channel", "submitter_type", "timeliness"):
        public[name] = public[name].map(text)
    rows = _sorted_points(points, names)
    answers = rows.loc[:, list(PUNTEN_PUBLIEK)].reset_index(drop=True)
    answers["point"] = answers["point"].astype(int)
    answers["leads_to_change"] = answers["leads_to_change"].map(_truthy)
    for name in ("theme", "summary", "answer", "change", "change_ref"):
        answers[name] = answers[name].map(text)
    return {"zienswijzen_publiek": public, "punten_publiek": answers}
