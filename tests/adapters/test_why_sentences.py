"""Why a project is built or not, in words: a sentence per reason in Dutch and English, with
the workspace's names and the Dutch number format."""

from __future__ import annotations

import pytest

from pmiek.adapters.cli.render_why import counts_line, sentence
from pmiek.domain.labels import label
from pmiek.variants.why import CHOSEN_REASONS, UNCHOSEN_REASONS
from tests.variants.test_why import hand_built_case

ASSETS = {a: f"Station {a} 150 kV" for a in ("A", "C", "E", "F", "G", "H", "K", "L")}
PROJECTS = {p: f"Project {p}" for p in ("P0", "P1", "X", "P2", "P6", "P7", "P8", "P4", "P5",
                                        "W", "Q0", "Q1", "M0", "N0")}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_reason_reads_as_a_sentence_with_names(lang: str) -> None:
    why = hand_built_case()[1]
    seen = set()
    for row in why.to_dict("records"):
        text = sentence(row, lang, ASSETS, PROJECTS)
        seen.add(row["reason"])
        assert text.endswith(".") and "{" not in text and "nan" not in text.lower()
        if row["asset_id"]:
            assert ASSETS[row["asset_id"]] in text
            assert label("direction", row["direction"], lang) in text
            assert str(row["year"]) in text
        if row["other_project"]:
            assert PROJECTS[row["other_project"]] in text
        if row["resource"]:
            assert row["operator"] in text
        assert text.startswith("Niet gekozen" if lang == "nl" else "Not chosen") == (
            not row["chosen"])
    assert seen == set(CHOSEN_REASONS) | set(UNCHOSEN_REASONS)


def test_numbers_follow_the_language() -> None:
    why = hand_built_case()[1].set_index("project_id")
    p1 = why.loc["P1"].to_dict()
    assert "(2,00 M€/MW)" in sentence(p1, "nl", ASSETS, PROJECTS)
    assert "(2.00 M€/MW)" in sentence(p1, "en", ASSETS, PROJECTS)
    p4 = why.loc["P4"].to_dict()
    nl = sentence(p4, "nl", ASSETS, PROJECTS)
    assert "het budget van Stedin in 2026 63,0 M€ tekort" in nl


def test_the_counts_line_names_each_reason_once() -> None:
    why = hand_built_case()[1]
    line = counts_line(why, "Evenwichtig", "nl")
    assert line.startswith("Waarom (Evenwichtig) — gebouwd: 2× ontlast een overbelast netdeel")
    assert "1× wacht op een vereist project" in line and "why.csv" in line
