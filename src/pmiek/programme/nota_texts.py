"""The sentences of the Nota van Beantwoording, the participation paragraph and the
acknowledgement letter, in Dutch and English (pure).

:func:`participation_paragraph` writes what Omgevingsbesluit art. 10.8 asks of a programme —
who was involved, when, how and with what result — from the decisions register and the
consultation; :func:`acknowledgement` the ontvangstbevestiging of one zienswijze. The
introduction sentences of :func:`pmiek.programme.nota.nota_content` live here too.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import pandas as pd

from pmiek.programme.terms import format_date

LANGS = ("nl", "en")
"""The languages of the Nota."""

BODIES = {
    "nl": {"kernteam": "het kernteam", "eb": "de Energy Board", "gs": "Gedeputeerde Staten",
           "ps": "Provinciale Staten", "statencommissie": "de statencommissie"},
    "en": {"kernteam": "the core team (kernteam)", "eb": "the Energy Board",
           "gs": "the Provincial Executive (Gedeputeerde Staten)",
           "ps": "the Provincial Council (Provinciale Staten)",
           "statencommissie": "the States committee (statencommissie)"},
}
"""The name of each body of the decisions register in a sentence."""

_PLURAL = {"gs", "ps"}

_ACTIONS = {
    "nl": {"concept": "het concept opgesteld", "kernteam_akkoord": "met het concept ingestemd",
           "eb_advies": "advies uitgebracht over het concept",
           "gs_ontwerp": "het ontwerp vastgesteld",
           "ter_inzage": "het ontwerp ter inzage gelegd",
           "beantwoord": "de Nota van Beantwoording vastgesteld",
           "vastgesteld": "het programma vastgesteld", "discussed": "het programma besproken"},
    "en": {"concept": "drew up the concept", "kernteam_akkoord": "agreed to the concept",
           "eb_advies": "gave its advice on the concept", "gs_ontwerp": "adopted the draft",
           "ter_inzage": "put the draft open for inspection",
           "beantwoord": "adopted the response memorandum",
           "vastgesteld": "adopted the programme", "discussed": "discussed the programme"},
}


def check_lang(lang: str) -> None:
    """Refuse a language other than ``"nl"`` and ``"en"`` (:class:`ValueError`)."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {sorted(LANGS)}, not {lang!r}")


def text(value: object) -> str:
    """A cell as text; missing values as ``""``."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value)


def date_text(iso: object, lang: str) -> str:
    """An ISO date as "24 september 2025" (Dutch) or "24 September 2025"; "" stays ""."""
    found = text(iso).strip()
    if not found:
        return ""
    return format_date(date.fromisoformat(found[:10]), lang)


def counted(count: int, one: str, many: str) -> str:
    """``"1 zienswijze"``, ``"2 zienswijzen"``."""
    return f"{count} {one if count == 1 else many}"


# --- introduction of the Nota ----------------------------------------------------------


def adoption(decisions: pd.DataFrame, lang: str) -> str:
    """The sentence on GS's adoption of the draft (the last step to ``gs_ontwerp``; a
    hearing recorded in that state is no adoption)."""
    rows = decisions[(decisions["to_state"] == "gs_ontwerp")
                     & (decisions["from_state"] != "gs_ontwerp")]
    if rows.empty:
        return ("Het ontwerp is nog niet door Gedeputeerde Staten vastgesteld." if lang == "nl"
                else "The draft has not yet been adopted by the Provincial Executive.")
    row = rows.iloc[-1]
    refs = _references(row)
    when = date_text(row["decided_on"], lang)
    if lang == "nl":
        return f"Gedeputeerde Staten hebben het ontwerp op {when} vastgesteld{refs}."
    return f"The Provincial Executive (GS) adopted the draft on {when}{refs}."


def period(consultation: Mapping[str, object], lang: str) -> str:
    """The sentence on the terinzagelegging: dates, weeks, kennisgeving, who could react."""
    start = date_text(consultation.get("start"), lang)
    end = date_text(consultation.get("end"), lang)
    weeks = text(consultation.get("weeks"))
    notice = text(consultation.get("kennisgeving"))
    if lang == "nl":
        return (f"Het ontwerp heeft van {start} tot en met {end} ({weeks} weken) ter inzage "
                "gelegen" + (f"; de kennisgeving staat in {notice}" if notice else "")
                + ". In die periode kon iedereen schriftelijk, elektronisch of mondeling een "
                "zienswijze indienen.")
    return (f"The draft was open for inspection from {start} to {end} inclusive ({weeks} "
            "weeks)" + (f"; the notice was published in {notice}" if notice else "")
            + ". During that period anyone could submit a view in writing, electronically "
            "or orally.")


def count_sentence(counts: Mapping[str, int], lang: str) -> str:
    """How many zienswijzen came from whom, how many points, how many changes."""
    if lang == "nl":
        return (f"In totaal zijn {counted(counts['total'], 'zienswijze', 'zienswijzen')} "
                f"ontvangen: {counts['overheid']} van gemeenten en andere overheden, "
                f"{counts['organisatie']} van organisaties en {counts['particulier']} van "
                f"particulieren. Samen bevatten zij {counted(counts['points'], 'punt', 'punten')}"
                f"; {counts['changes']} daarvan {'leidt' if counts['changes'] == 1 else 'leiden'}"
                " tot een aanpassing van het programma.")
    return (f"In total {counted(counts['total'], 'submission was', 'submissions were')} "
            f"received: {counts['overheid']} from municipalities and other public bodies, "
            f"{counts['organisatie']} from organisations and {counts['particulier']} from "
            f"private persons. Together they contain "
            f"{counted(counts['points'], 'point', 'points')}; {counts['changes']} of them "
            f"{'leads' if counts['changes'] == 1 else 'lead'} to a change to the programme.")


def late_sentence(counts: Mapping[str, int], end: str, lang: str) -> str:
    """How many zienswijzen were late and what happened with them; posted ones on time."""
    late, posted = counts["te_laat"], counts["per_post_tijdig"]
    nl = lang == "nl"
    if not late:
        said = ("Er zijn geen zienswijzen te laat ontvangen." if nl
                else "No submission was received late.")
    elif nl:
        said = (f"{counted(late, 'zienswijze is', 'zienswijzen zijn')} na afloop van de "
                f"termijn ({end}) ontvangen. {'Die is' if late == 1 else 'Die zijn'} wel "
                f"beantwoord ({counted(counts['late_answered'], 'punt', 'punten')}) en in de "
                "lijst van indieners als 'te laat' aangemerkt.")
    else:
        said = (f"{counted(late, 'submission was', 'submissions were')} received after the "
                f"term ended ({end}). {'It was' if late == 1 else 'They were'} nevertheless "
                f"answered ({counted(counts['late_answered'], 'point', 'points')}) and "
                f"{'is' if late == 1 else 'are'} marked 'late' in the list of submitters.")
    if posted and nl:
        said += (f" {counted(posted, 'zienswijze is', 'zienswijzen zijn')} binnen de termijn "
                 "op de post gedaan en binnen een week daarna ontvangen; die gelden als tijdig.")
    elif posted:
        said += (f" {counted(posted, 'submission was', 'submissions were')} posted within the "
                 "term and received within a week after it; they count as on time.")
    return said


def process(lang: str) -> str:
    """How the zienswijzen were registered, anonymised and answered."""
    if lang == "nl":
        return ("Elke indiener heeft een ontvangstbevestiging met een registratienummer "
                "gekregen; in deze nota staan de zienswijzen onder dat nummer. Namen en andere "
                "persoonsgegevens van particulieren worden niet gepubliceerd: zij staan "
                "vermeld als 'Particulier' met een volgnummer. Elke zienswijze is in punten "
                "verdeeld en per thema beantwoord (hoofdstuk 3), met bij elk punt of het tot "
                "een aanpassing leidt; hoofdstuk 4 geeft een overzicht van de wijzigingen.")
    return ("Every submitter received an acknowledgement with a registration number; this "
            "memorandum lists the submissions under that number. Names and other personal "
            "data of private persons are not published: they appear as 'Private person' with "
            "a sequence number. Each submission is divided into points and answered by theme "
            "(chapter 3), with for each point whether it leads to a change; chapter 4 lists "
            "the changes.")


# --- participation (Omgevingsbesluit art. 10.8) ----------------------------------------


def _references(row: pd.Series) -> str:
    refs = "; ".join(t for t in (text(row["reference"]).strip(),
                                 text(row["publication"]).strip()) if t)
    return f" ({refs})" if refs else ""


def _decision_sentence(row: pd.Series, lang: str) -> str:
    body = text(row["body"]).strip()
    name = BODIES[lang].get(body, body)
    state = "discussed" if body == "statencommissie" else text(row["to_state"])
    action = _ACTIONS[lang].get(state, state)
    when = date_text(row["decided_on"], lang)
    if lang == "nl":
        verb = "hebben" if body in _PLURAL else "heeft"
        return f"Op {when} {verb} {name} {action}{_references(row)}."
    return f"On {when} {name} {action}{_references(row)}."


def participation_paragraph(decisions: pd.DataFrame, consultation: Mapping[str, object],
                            zienswijzen: pd.DataFrame, lang: str = "nl") -> str:
    """The participation paragraph of Omgevingsbesluit art. 10.8: who was involved (kernteam,
    municipalities and grid operators, Energy Board, GS, statencommissie, the public), when,
    how and with what result — one sentence per row of ``decisions`` (in date order; only
    ``consultation["edition"]``'s rows when given) and the counts of ``zienswijzen``."""
    check_lang(lang)
    edition = consultation.get("edition")
    if edition and "edition" in decisions.columns:
        decisions = decisions[decisions["edition"] == edition]
    rows = decisions.sort_values("decided_on", kind="stable")
    steps = " ".join(_decision_sentence(row, lang) for _, row in rows.iterrows())
    types = zienswijzen["submitter_type"].value_counts()
    late = int((zienswijzen["timeliness"] == "te_laat").sum())
    count = {kind: int(types.get(kind, 0)) for kind in ("overheid", "organisatie", "particulier")}
    start = date_text(consultation.get("start"), lang)
    end = date_text(consultation.get("end"), lang)
    notice = text(consultation.get("kennisgeving")).strip()
    if lang == "nl":
        return ("Het kernteam van de provincie heeft het programma voorbereid met gegevens van "
                "gemeenten en netbeheerders over ontwikkelingen, netten en projecten. "
                f"{steps} Van {start} tot en met {end} kon iedereen — inwoners, bedrijven, "
                "maatschappelijke organisaties, gemeenten en netbeheerders — schriftelijk, "
                "elektronisch of mondeling een zienswijze indienen"
                + (f" (kennisgeving: {notice})" if notice else "") + ". Dat leverde "
                f"{counted(len(zienswijzen), 'zienswijze', 'zienswijzen')} op: "
                f"{count['overheid']} van gemeenten en andere overheden, "
                f"{count['organisatie']} van organisaties en {count['particulier']} van "
                f"particulieren ({late} te laat, wel beantwoord). Alle zienswijzen zijn "
                "beantwoord in de Nota van Beantwoording, die ook de wijzigingen van het "
                "programma noemt die eruit volgen.")
    return ("The province's core team (kernteam) prepared the programme with data from "
            "municipalities and grid operators on developments, grids and projects. "
            f"{steps} From {start} to {end} anyone — residents, businesses, civil-society "
            "organisations, municipalities and grid operators — could submit a view in "
            "writing, electronically or orally"
            + (f" (notice: {notice})" if notice else "") + ". This brought "
            f"{counted(len(zienswijzen), 'submission', 'submissions')}: "
            f"{count['overheid']} from municipalities and other public bodies, "
            f"{count['organisatie']} from organisations and {count['particulier']} from "
            f"private persons ({late} late, answered nevertheless). Every submission is "
            "answered in the response memorandum, which also lists the changes to the "
            "programme that follow from them.")


# --- acknowledgement -------------------------------------------------------------------


def acknowledgement(number: str, public_name_or_salutation: str, received_on: str,
                    programme: str, lang: str = "nl") -> str:
    """The ontvangstbevestiging of zienswijze ``number`` (paragraphs separated by a blank
    line): the registration number, the date received, that the answer follows in the Nota
    van Beantwoording and that personal data are not published."""
    check_lang(lang)
    when = date_text(received_on, lang)
    who = public_name_or_salutation.strip()
    if lang == "nl":
        return "\n\n".join((
            f"Betreft: ontvangstbevestiging zienswijze {number}",
            f"Geachte {who or 'heer, mevrouw'},",
            f"Op {when} hebben wij uw zienswijze op het ontwerp van {programme} ontvangen. "
            f"Uw zienswijze is geregistreerd onder nummer {number}. Vermeld dit nummer als u "
            "contact met ons opneemt.",
            "Wij beantwoorden alle zienswijzen in de Nota van Beantwoording. Daarin vindt u de "
            "reactie op uw zienswijze onder uw registratienummer. U krijgt bericht wanneer de "
            "nota en het vastgestelde programma zijn gepubliceerd.",
            "Zienswijzen zijn openbaar, maar uw persoonsgegevens (naam, adres, e-mailadres) "
            "publiceren wij niet; een particulier staat in de nota als 'Particulier' met een "
            "volgnummer. Wij bewaren uw gegevens niet langer dan nodig.",
            "Met vriendelijke groet,\nGedeputeerde Staten"))
    return "\n\n".join((
        f"Subject: acknowledgement of submission {number}",
        f"Dear {who or 'Sir or Madam'},",
        f"On {when} we received your submission on the draft of {programme}. It has been "
        f"registered under number {number}. Please quote this number when you contact us.",
        "We answer every submission in the response memorandum (Nota van Beantwoording), "
        "where you will find the answer to yours under your registration number. You will "
        "be told when the memorandum and the adopted programme are published.",
        "Submissions are public, but we do not publish your personal data (name, address, "
        "e-mail address); a private person appears in the memorandum as 'Private person' "
        "with a sequence number. We keep your data no longer than necessary.",
        "Yours sincerely,\nThe Provincial Executive (Gedeputeerde Staten)"))
