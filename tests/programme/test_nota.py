"""The Nota van Beantwoording's content, the participation paragraph, the acknowledgement and
the public tables (issue 17), on a small hand-built register (fictief voorbeeld).

Expectations are computed here from the frames with plain Python, not taken from the code.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from pmiek.programme.nota import (
    NotaContent,
    acknowledgement,
    nota_content,
    participation_paragraph,
    public_frames,
)

PROGRAMME = "P-MIEK 2.0 Utrecht (fictief voorbeeld)"
MONTHS_NL = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
             "september", "oktober", "november", "december"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]


def dutch(iso: str) -> str:
    day = date.fromisoformat(iso)
    return f"{day.day} {MONTHS_NL[day.month - 1]} {day.year}"


def english(iso: str) -> str:
    day = date.fromisoformat(iso)
    return f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"


def zienswijzen_frame() -> pd.DataFrame:
    """Six zienswijzen, not in number order: 2 particulieren, 2 organisaties, 2 overheden,
    one late, one posted in time."""
    rows = [
        ("ZW-2025-004", "2025-10-20", "", "email", "particulier", "", "tijdig"),
        ("ZW-2025-001", "2025-09-30", "", "formulier", "overheid", "Gemeente Houten",
         "tijdig"),
        ("ZW-2025-006", "2025-11-12", "", "email", "organisatie",
         "Vereniging Zonnepark De Heuvel", "te_laat"),
        ("ZW-2025-002", "2025-10-02", "", "post", "particulier", "", "tijdig"),
        ("ZW-2025-003", "2025-10-15", "", "mondeling", "organisatie",
         "Natuur en Milieu Fictief", "tijdig"),
        ("ZW-2025-005", "2025-11-06", "2025-11-03", "post", "overheid", "Gemeente Bunnik",
         "per_post_tijdig"),
    ]
    columns = ["number", "received_on", "posted_on", "channel", "submitter_type",
               "public_name", "timeliness"]
    return pd.DataFrame(rows, columns=columns)


def points_frame() -> pd.DataFrame:
    rows = [
        ("ZW-2025-001", 2, "prioritering", "Het station Noord moet hoger op de lijst.",
         "P-12", "Het project is naar tier 1 verplaatst.", True,
         "Project P-12 eerder in dienst (2029).", "developments:D-UTR-12"),
        ("ZW-2025-001", 1, "netcapaciteit", "Er is te weinig netcapaciteit voor woningbouw.",
         "A-3", "De woningbouw is meegenomen in het middenscenario.", False, "", ""),
        ("ZW-2025-002", 1, "ruimte", "Geen nieuw station naast de speeltuin.", "P-7",
         "De locatie is nog niet gekozen; dit wordt meegenomen in het inpassingsplan.",
         False, "", ""),
        ("ZW-2025-003", 1, "warmte", "Warmtenetten ontbreken in het programma.", "",
         "Warmtenetten vallen buiten de P-MIEK maar zijn als ontwikkeling opgenomen.", True,
         "Ontwikkeling warmtenet Overvecht toegevoegd.", "developments:D-UTR-40"),
        ("ZW-2025-003", 2, "proces", "=SUM(A1:A9) de inspraak was te kort.", "",
         "De termijn van zes weken volgt uit de Awb.", False, "", ""),
        ("ZW-2025-004", 1, "kosten", "Wie betaalt de netverzwaring?", "",
         "De netbeheerder, via de nettarieven.", False, "", ""),
        ("ZW-2025-005", 1, "netcapaciteit", "Bedrijventerrein Oost wacht op "
         "aansluiting.", "D-UTR-22", "Het terrein is opgenomen.", True,
         "Bedrijventerrein Oost als ontwikkeling toegevoegd.",
         "developments:D-UTR-22;assets:A-9"),
        ("ZW-2025-006", 1, "waterstof", "Waterstof verdient een eigen thema.", "",
         "Waterstof is onderdeel van het thema moleculen.", False, "", ""),
    ]
    columns = ["number", "point", "theme", "summary", "concerns", "answer", "leads_to_change",
               "change", "change_ref"]
    return pd.DataFrame(rows, columns=columns)


def personal_frame() -> pd.DataFrame:
    rows = [
        ("ZW-2025-001", "", "Postbus 16", "3990 DA", "Houten", "m.jansen@houten.example",
         "Marleen Jansen"),
        ("ZW-2025-002", "Jan de Vries", "Kerkstraat 12", "3981 AB", "Odijk",
         "jan.devries@mail.example", ""),
        ("ZW-2025-003", "", "Postweg 4", "3512 XY", "Maarssen", "info@nmf.example",
         "Pieter Bakker"),
        ("ZW-2025-004", "Fatima El Amrani", "Lindelaan 3", "3972 KL", "Driebergen",
         "f.elamrani@mail.example", ""),
        ("ZW-2025-005", "", "Postbus 8", "3980 CA", "Bunnik", "gemeente@bunnik.example",
         "Sanne Visser"),
        ("ZW-2025-006", "", "Zonneweg 1", "3945 ZZ", "Cothen", "bestuur@heuvel.example",
         "Kees van Dam"),
    ]
    columns = ["number", "name", "address", "postcode", "city", "email", "contact_person"]
    frame = pd.DataFrame(rows, columns=columns)
    frame["retain_until"] = "2027-12-31"
    return frame


def decisions_frame() -> pd.DataFrame:
    rows = [
        ("concept", "kernteam_akkoord", "kernteam", "2025-06-24", "Kernteam 2025-06", "",
         "fictief voorbeeld"),
        ("kernteam_akkoord", "eb_advies", "eb", "2025-07-10", "EB-advies 2025-03", "",
         "fictief voorbeeld"),
        ("eb_advies", "gs_ontwerp", "gs", "2025-09-09", "GS-besluit 2025-0912",
         "Provinciaal Blad 2025, 15513", "fictief voorbeeld"),
        ("gs_ontwerp", "ter_inzage", "gs", "2025-09-24", "GS-besluit 2025-0913",
         "Provinciaal Blad 2025, 15600", "fictief voorbeeld"),
    ]
    frame = pd.DataFrame(rows, columns=["from_state", "to_state", "body", "decided_on",
                                        "reference", "publication", "note"])
    frame.insert(0, "edition", "P-MIEK 2.0")
    return frame


def consultation_dict() -> dict[str, object]:
    return {"edition": "P-MIEK 2.0", "start": "2025-09-24", "end": "2025-11-04", "weeks": 6,
            "kennisgeving": "Provinciaal Blad 2025, 15600"}


def expected_private_names(zienswijzen: pd.DataFrame, word: str = "Particulier"
                           ) -> dict[str, str]:
    """Particulier N numbered by sorted registration number (zero-padded in the fixture)."""
    numbers = sorted(n for n, t in zip(zienswijzen["number"], zienswijzen["submitter_type"],
                                       strict=True) if t == "particulier")
    return {number: f"{word} {i}" for i, number in enumerate(numbers, start=1)}


def content(lang: str = "nl") -> NotaContent:
    return nota_content(PROGRAMME, zienswijzen_frame(), points_frame(), decisions_frame(),
                        consultation_dict(), lang=lang)


# --- counts --------------------------------------------------------------------------


def test_counts_equal_the_register() -> None:
    register, points = zienswijzen_frame(), points_frame()
    kinds = list(register["submitter_type"])
    terms = list(register["timeliness"])
    late = {n for n, t in zip(register["number"], terms, strict=True) if t == "te_laat"}
    expected = {
        "total": len(kinds), "overheid": kinds.count("overheid"),
        "organisatie": kinds.count("organisatie"), "particulier": kinds.count("particulier"),
        "tijdig": terms.count("tijdig"), "per_post_tijdig": terms.count("per_post_tijdig"),
        "te_laat": terms.count("te_laat"), "points": len(points),
        "answered": sum(1 for a in points["answer"] if a.strip()),
        "changes": sum(1 for c in points["leads_to_change"] if c),
        "late_answered": sum(1 for n, a in zip(points["number"], points["answer"], strict=True)
                             if n in late and a.strip()),
    }
    nota = content()
    assert dict(nota.counts) == expected
    intro = " ".join(nota.introduction)
    assert f"In totaal zijn {expected['total']} zienswijzen ontvangen" in intro
    assert f"{expected['overheid']} van gemeenten en andere overheden" in intro
    assert f"{expected['organisatie']} van organisaties" in intro
    assert f"{expected['particulier']} van particulieren" in intro
    assert f"{expected['points']} punten" in intro


def test_late_zienswijze_is_counted_answered_and_marked() -> None:
    nota = content()
    intro = " ".join(nota.introduction)
    assert "1 zienswijze is na afloop van de termijn (4 november 2025) ontvangen" in intro
    assert "1 zienswijze is binnen de termijn op de post gedaan" in intro
    late = [s for s in nota.submitters if s.number == "ZW-2025-006"]
    assert late[0].timeliness == "te laat"
    answered = [r for t in nota.themes for r in t.rows if r.nr.startswith("ZW-2025-006.")]
    assert answered and all(r.answer == "Waterstof is onderdeel van het thema moleculen."
                            for r in answered)


def test_counts_follow_a_changed_register() -> None:
    register = zienswijzen_frame()
    register.loc[register["number"] == "ZW-2025-004", "timeliness"] = "te_laat"
    nota = nota_content(PROGRAMME, register, points_frame(), decisions_frame(),
                        consultation_dict())
    assert nota.counts["te_laat"] == 2
    assert "2 zienswijzen zijn na afloop van de termijn" in " ".join(nota.introduction)


def test_introduction_names_adoption_and_period_in_dutch_dates() -> None:
    intro = " ".join(content().introduction)
    assert f"op {dutch('2025-09-09')} vastgesteld" in intro
    assert "GS-besluit 2025-0912" in intro and "Provinciaal Blad 2025, 15513" in intro
    assert f"van {dutch('2025-09-24')} tot en met {dutch('2025-11-04')} (6 weken)" in intro


# --- submitters and the answer table ---------------------------------------------------


def test_private_persons_appear_only_as_particulier_n() -> None:
    register = zienswijzen_frame()
    register.loc[register["number"] == "ZW-2025-002", "public_name"] = "Jan de Vries"  # wrong
    nota = nota_content(PROGRAMME, register, points_frame(), decisions_frame(),
                        consultation_dict())
    private = expected_private_names(register)
    assert private == {"ZW-2025-002": "Particulier 1", "ZW-2025-004": "Particulier 2"}
    shown = {s.number: s.indiener for s in nota.submitters}
    for number, name in private.items():
        assert shown[number] == name
    for row in (r for t in nota.themes for r in t.rows):
        number = row.nr.rsplit(".", 1)[0]
        if number in private:
            assert row.indiener == private[number]
    assert "Jan de Vries" not in repr(nota)


def test_organisations_and_public_bodies_by_public_name_in_number_order() -> None:
    register = zienswijzen_frame()
    nota = content()
    assert [s.number for s in nota.submitters] == sorted(register["number"])
    names = dict(zip(register["number"], register["public_name"], strict=True))
    for submitter in nota.submitters:
        if submitter.submitter_type != "particulier":
            assert submitter.indiener == names[submitter.number]


def test_answer_table_grouped_by_theme_with_every_point() -> None:
    points = points_frame()
    nota = content()
    assert nota.answer_headers == ("Nr", "Indiener", "Samenvatting", "Reactie", "Aanpassing")
    assert len({t.theme for t in nota.themes}) == len(nota.themes) == points["theme"].nunique()
    rows = {r.nr: (t.theme, r) for t in nota.themes for r in t.rows}
    assert len(rows) == len(points)
    for point in points.itertuples():
        theme, row = rows[f"{point.number}.{point.point}"]
        assert theme == point.theme
        assert row.summary == point.summary and row.answer == point.answer
        assert row.change == (f"ja: {point.change}" if point.leads_to_change else "nee")
    first = next(t for t in nota.themes if t.theme == "netcapaciteit")
    assert [r.nr for r in first.rows] == ["ZW-2025-001.1", "ZW-2025-005.1"]


def test_changes_list_every_point_that_leads_to_a_change() -> None:
    points = points_frame()
    changing = points[points["leads_to_change"]]
    nota = content()
    assert [(c.nr, c.change, c.change_ref) for c in nota.changes] == sorted(
        (f"{p.number}.{p.point}", p.change, p.change_ref) for p in changing.itertuples())


def test_points_of_an_unknown_zienswijze_are_refused() -> None:
    points = points_frame()
    points.loc[0, "number"] = "ZW-2025-099"
    with pytest.raises(ValueError, match="ZW-2025-099"):
        nota_content(PROGRAMME, zienswijzen_frame(), points, decisions_frame(),
                     consultation_dict())


# --- participation, acknowledgement, English --------------------------------------------


def test_participation_names_every_body_dates_and_counts() -> None:
    committee = pd.DataFrame([{
        "edition": "P-MIEK 2.0", "from_state": "ter_inzage", "to_state": "ter_inzage",
        "body": "statencommissie", "decided_on": "2025-10-08", "reference": "Statenbrief 81",
        "publication": "", "note": "fictief voorbeeld"}])
    decisions = pd.concat([committee, decisions_frame()], ignore_index=True)  # not by date
    register = zienswijzen_frame()
    text = participation_paragraph(decisions, consultation_dict(), register)
    for name in ("kernteam", "Energy Board", "Gedeputeerde Staten", "statencommissie",
                 "gemeenten", "netbeheerders", "iedereen"):
        assert name in text
    for row in decisions.itertuples():
        assert f"Op {dutch(row.decided_on)}" in text
        assert row.reference in text
    kinds = list(register["submitter_type"])
    assert f"Dat leverde {len(kinds)} zienswijzen op" in text
    assert f"{kinds.count('particulier')} van particulieren" in text
    assert f"{list(register['timeliness']).count('te_laat')} te laat" in text
    # the register's order does not matter: the sentences follow the dates
    assert text.index("Energy Board") < text.index("statencommissie")


def test_participation_only_uses_the_consultations_edition() -> None:
    other = decisions_frame().assign(edition="P-MIEK 1.0", decided_on="2023-01-10")
    both = pd.concat([decisions_frame(), other], ignore_index=True)
    text = participation_paragraph(both, consultation_dict(), zienswijzen_frame())
    assert dutch("2023-01-10") not in text and dutch("2025-07-10") in text


def test_acknowledgement_states_number_date_nota_and_privacy() -> None:
    letter = acknowledgement("ZW-2025-002", "heer De Vries", "2025-10-02", PROGRAMME, "nl")
    assert "ZW-2025-002" in letter and dutch("2025-10-02") in letter
    assert "Nota van Beantwoording" in letter and PROGRAMME in letter
    assert "persoonsgegevens" in letter and "publiceren wij niet" in letter
    english_letter = acknowledgement("ZW-2025-002", "", "2025-10-02", PROGRAMME, "en")
    assert english("2025-10-02") in english_letter and "Sir or Madam" in english_letter
    assert "do not publish your personal data" in english_letter


def test_english_content() -> None:
    nota = content("en")
    register = zienswijzen_frame()
    assert nota.title == "Response memorandum"
    assert nota.answer_headers == ("No.", "Submitter", "Summary", "Response", "Change")
    shown = {s.number: s.indiener for s in nota.submitters}
    for number, name in expected_private_names(register, "Private person").items():
        assert shown[number] == name
    intro = " ".join(nota.introduction)
    assert english("2025-11-04") in intro and f"In total {len(register)} submissions" in intro
    assert all(r.change in ("no",) or r.change.startswith("yes: ")
               for t in nota.themes for r in t.rows)
    text = participation_paragraph(decisions_frame(), consultation_dict(), register, "en")
    assert "Energy Board" in text and english("2025-09-09") in text
    with pytest.raises(ValueError, match="lang"):
        content("de")


# --- public tables ---------------------------------------------------------------------


def test_public_frames_have_the_columns_and_no_personal_data() -> None:
    register, points = zienswijzen_frame(), points_frame()
    register.loc[register["number"] == "ZW-2025-004", "public_name"] = "Fatima El Amrani"
    frames = public_frames(register, points)
    assert list(frames["zienswijzen_publiek"].columns) == [
        "number", "received_on", "channel", "submitter_type", "indiener", "timeliness"]
    assert list(frames["punten_publiek"].columns) == [
        "number", "point", "theme", "summary", "answer", "leads_to_change", "change",
        "change_ref"]
    public = frames["zienswijzen_publiek"]
    assert list(public["number"]) == sorted(register["number"])
    private = expected_private_names(register)
    for number, name in private.items():
        assert public.loc[public["number"] == number, "indiener"].item() == name
    personal = personal_frame()
    values = {v for c in ("name", "address", "postcode", "email", "contact_person")
              for v in personal[c] if v}
    cells = {str(v) for frame in frames.values() for v in frame.to_numpy().ravel()}
    assert not any(value in cell for value in values for cell in cells)
    assert len(frames["punten_publiek"]) == len(points)
