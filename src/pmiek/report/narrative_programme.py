"""The generated paragraphs of the programme trail: the consultation's counts and the
monitoring against the investment plans. As in :mod:`pmiek.report.narrative`, every number is
a :class:`~pmiek.report.facts.Fact` and the text between them holds no digit."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from pmiek.report.facts import Fact, Paragraph, cells

COUNTS = "programma/zienswijzen_tellingen"
MONITORING = "programma/monitoring"

_TEXT: dict[str, dict[str, object]] = {
    "nl": {
        "total": ("Tijdens de terinzagelegging kwamen ", " zienswijzen binnen met samen ",
                  " punten"),
        "late": (", waarvan ", " te laat"),
        "changes": (". Van de punten zijn er ", " beantwoord; ",
                    " leiden tot een wijziging van het programma."),
        "types": {"particulier": "van particulieren", "organisatie": "van organisaties",
                  "overheid": "van overheden", "bedrijf": "van bedrijven"},
        "types_intro": " Naar indiener: ",
        "monitor": ("Van de ", " projecten op de lijst staan er ", " op tijd in het "
                    "investeringsplan, ", " later dan nodig en ontbreken er ",
                    "; ", " zijn nog niet gekoppeld. ", " projecten geven een signaal voor "
                    "herijking."),
    },
    "en": {
        "total": ("During the public review ", " comments were received with ",
                  " points in all"),
        "late": (", of which ", " late"),
        "changes": (". Of the points, ", " were answered; ",
                    " lead to a change of the programme."),
        "types": {"particulier": "from private persons", "organisatie": "from organisations",
                  "overheid": "from public bodies", "bedrijf": "from companies"},
        "types_intro": " By submitter: ",
        "monitor": ("Of the ", " projects on the list, ", " are in the investment plan on "
                    "time, ", " later than needed and ", " are missing; ",
                    " are not linked yet. ", " projects signal a need for recalibration."),
    },
}


def _words(lang: str) -> Mapping[str, object]:
    if lang not in _TEXT:
        raise ValueError(f"lang must be nl or en, not {lang!r}")
    return _TEXT[lang]


def _count(name: str) -> Fact:
    return Fact(cells(COUNTS, "aantal", telling=name))


def consultation_paragraph(frames: Mapping[str, pd.DataFrame], lang: str = "nl") -> Paragraph:
    """The consultation in numbers, from ``programma/zienswijzen_tellingen`` (telling, aantal:
    total, one row per submitter type, tijdig/per_post_tijdig/te_laat, points, answered,
    changes)."""
    t = _words(lang)
    counts = frames[COUNTS].set_index("telling")["aantal"]
    total, late, changes = t["total"], t["late"], t["changes"]
    assert isinstance(total, tuple) and isinstance(late, tuple) and isinstance(changes, tuple)
    out: list[str | Fact] = [total[0], _count("total"), total[1], _count("points"), total[2]]
    if counts.get("te_laat", 0):
        out += [late[0], _count("te_laat"), late[1]]
    out += [changes[0], _count("answered"), changes[1], _count("changes"), changes[2]]
    types = t["types"]
    assert isinstance(types, dict)
    present = [k for k in types if counts.get(k, 0)]
    if present:
        out.append(str(t["types_intro"]))
        for i, kind in enumerate(present):
            out += [_count(kind), f" {types[kind]}"]
            out.append("." if i == len(present) - 1 else ", ")
    return tuple(out)


def monitoring_paragraph(frames: Mapping[str, pd.DataFrame], lang: str = "nl") -> Paragraph:
    """The monitoring in numbers, from ``programma/monitoring`` (one row per project)."""
    t = _words(lang)["monitor"]
    assert isinstance(t, tuple)

    def n(**where: object) -> Fact:
        return Fact(cells(MONITORING, "project_id", "count", **where))

    return (t[0], n(), t[1], n(classification="op_tijd"), t[2], n(classification="te_laat"),
            t[3], n(classification="ontbreekt"), t[4], n(classification="niet_gekoppeld"),
            t[5], n(herijking=True), t[6])


__all__ = ["COUNTS", "MONITORING", "consultation_paragraph", "monitoring_paragraph"]
