"""The generated narratives: every number a fact that reads, no digit outside a fact, and the
sentences say what the tables say (on the example's results and on small frames built here)."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd
import pytest

from pmiek.report.facts import Fact, Paragraph, facts_of, plain
from pmiek.report.narrative import (
    stability_paragraph,
    summary_paragraphs,
    tier_paragraphs,
    variant_paragraphs,
)

Frames = Mapping[str, pd.DataFrame]
LANGS = ("nl", "en")
DIGIT = re.compile(r"\d")
MARKERS = {"nl": ("woningen", "projecten", "netbeheerder", "gewicht", "investeringen"),
           "en": ("homes", "projects", "grid operator", "weight", "investment")}
"""Words only the one language uses (none of them is in a label of the frames)."""


@pytest.fixture(scope="module")
def example_frames() -> dict[str, pd.DataFrame]:
    from pmiek.adapters.cli.common import _read
    from pmiek.adapters.compute.cycle import run_cycle

    ws = _read("example", 2035).workspace
    # two of the four lenses and fewer SMAA samples: the same tables in half the time
    runs = run_cycle(ws, {"lens": "wonen-eerst,werk-en-industrie", "samples": 2000})
    frames = {f"{r.kind}/{name}": t for r in runs for name, t in r.frames.items()}
    frames["assess/priority_list"] = frames["assess/priority_list"].assign(projects=1)
    return frames


def small_frames() -> dict[str, pd.DataFrame]:
    """Hand-built results: three lenses and an infeasible one, a priority list with all
    three tiers and one aggregated public row, two scenarios, five weights."""
    comparison = pd.DataFrame({
        "lens": ["eerste", "tweede", "derde", "vierde"],
        "label": ["Eerste", "Tweede", "Derde", "Vierde"],
        "projects_built": [12.0, 1.0, 9.0, np.nan],
        "capex_meur": [1174.04, 80.0, 950.55, np.nan],
        "homes_connected_2030": [38100.0, 28200.0, 30000.0, np.nan],
        "homes_planned_2030": [54250.0, 54250.0, 54250.0, np.nan],
        "industry_mw_2030": [12.34, 40.0, 25.0, np.nan],
        "overload_mw_years": [230.4, 410.0, 300.0, np.nan],
    })
    priority = pd.DataFrame({
        "priority": [1, 2, 3, 4, 5, 6, 7],
        "variant": "tweede",
        "project_id": ["P-A", "P-B", "P-C", "P-D", "P-E", "", "P-G"],
        "operator": ["Stedin", "TenneT", "Stedin", "Stedin", "Liander", "Stedin", "Liander"],
        "tier": [1, 1, 1, 2, 3, 3, 3],
        "tier_name": ["spijtvrij"] * 3 + ["robuust"] + ["scenario-afhankelijk"] * 3,
        "in_service_year": [2027, 2031, 2029, 2030, 2032, np.nan, 2033],
        "capex_meur": [10.0, 200.5, 33.25, 70.0, 15.0, 40.0, 5.5],
        "marginal_value_meur": [50.0, 120.0, 10.0, 30.0, 2.0, 4.0, 1.0],
        "projects": [1, 1, 1, 1, 1, 3, 1],
    })
    scores = pd.DataFrame({
        "variant": ["eerste", "tweede", "derde"], "label": ["Eerste", "Tweede", "Derde"],
        "chosen": [False, True, False], "rank": [2, 1, 3],
        "rank1_acceptability": [0.3, 0.64, 0.06], "confidence": [np.nan, 0.81, np.nan],
    })
    stability = pd.DataFrame({
        "criterion": ["C-A", "C-B", "C-C", "ST-N1", "C-E"],
        "name": ["Woningbouw", "Werk", "Kosten", "Reserve (N-1)", "Ruimte"],
        "weight": [0.30, 0.20, 0.25, 0.15, 0.10],
        "lower": [0.22, 0.0, 0.249, 0.0, 0.0],
        "upper": [0.41, 1.0, 0.40, 0.19, 0.50],
        "swap_at_lower": ["eerste > tweede", "", "tweede > derde", "", ""],
        "swap_at_upper": ["tweede > derde", "", "", "derde > eerste", "eerste > derde"],
    })
    blocked = pd.DataFrame({"year": [2026, 2027, 2028], "KM": [0.0, 3200.0, 2900.0],
                            "EV": [0.0, 4100.0, 4500.0]})
    return {"variants/comparison": comparison, "assess/priority_list": priority,
            "assess/scores": scores, "assess/stability": stability,
            "insight/homes_blocked": blocked}


@pytest.fixture(scope="module", params=["example", "small"])
def frames(request: pytest.FixtureRequest) -> Frames:
    if request.param == "example":
        result: Frames = request.getfixturevalue("example_frames")
        return result
    return small_frames()


def everything(frames: Frames, lang: str) -> list[Paragraph]:
    return [*(p for _, _, p in variant_paragraphs(frames, lang)),
            *(p for _, p in tier_paragraphs(frames, lang)),
            *summary_paragraphs(frames, lang), stability_paragraph(frames, lang)]


# --- every paragraph -------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_every_fact_reads_a_finite_number(frames: Frames, lang: str) -> None:
    facts = facts_of(everything(frames, lang))
    assert facts
    for fact in facts:
        assert math.isfinite(fact.value(frames)), fact.reference()


@pytest.mark.parametrize("lang", LANGS)
def test_no_digit_outside_a_fact(frames: Frames, lang: str) -> None:
    for paragraph in everything(frames, lang):
        assert paragraph
        texts = [s for s in paragraph if isinstance(s, str)]
        assert not [s for s in texts if DIGIT.search(s)], plain(paragraph, frames, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_speaks_only_itself(frames: Frames, lang: str) -> None:
    other = "en" if lang == "nl" else "nl"
    text = " ".join(plain(p, frames, lang) for p in everything(frames, lang)).lower()
    assert any(word in text for word in MARKERS[lang])
    assert not [word for word in MARKERS[other] if word in text]


@pytest.mark.parametrize("function", [variant_paragraphs, tier_paragraphs, summary_paragraphs,
                                      stability_paragraph])
def test_other_languages_are_refused(function: Callable[[Frames, str], object]) -> None:
    with pytest.raises(ValueError, match="lang"):
        function(small_frames(), "de")


# --- per variant -----------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_variant_paragraphs_follow_the_comparison(frames: Frames, lang: str) -> None:
    comparison = frames["variants/comparison"]
    result = variant_paragraphs(frames, lang)
    assert [lens for lens, _, _ in result] == comparison["lens"].astype(str).tolist()
    assert [label for _, label, _ in result] == comparison["label"].astype(str).tolist()
    homes = comparison.set_index("lens")["homes_connected_2030"]
    for lens, _, paragraph in result:
        used = {f.cells.column for f in facts_of([paragraph]) if f.minus is None}
        if np.isfinite(homes[lens]):
            assert {"homes_connected_2030", "homes_planned_2030", "capex_meur"} <= used
        else:
            assert not used


@pytest.mark.parametrize("lang", LANGS)
def test_more_or_fewer_agrees_with_the_sign(frames: Frames, lang: str) -> None:
    words = {"nl": ("meer dan", "minder dan", "evenveel als"),
             "en": ("more than", "fewer than", "as many as")}[lang]
    comparison = frames["variants/comparison"]
    homes = comparison.set_index("lens")["homes_connected_2030"].dropna()
    checked = 0
    for lens, _, paragraph in variant_paragraphs(frames, lang):
        if lens not in homes.index or len(homes) < 2:
            continue
        others = homes.drop(lens)
        other = others.index[others.to_numpy().argmax()]
        difference = homes[lens] - homes[other]
        text = plain(paragraph, frames, lang)
        diffs = [(k, s) for k, s in enumerate(paragraph) if isinstance(s, Fact) and s.minus]
        if round(difference) == 0:
            assert not diffs and words[2] in text
            continue
        assert len(diffs) == 1
        k, fact = diffs[0]
        assert fact.minus is not None and dict(fact.minus.where)["lens"] == other
        assert fact.value(frames) == pytest.approx(abs(difference))
        following = paragraph[k + 1]
        assert isinstance(following, str)
        assert following.lstrip().startswith(words[0] if difference > 0 else words[1]), text
        checked += 1
    if frames["variants/comparison"]["label"].iloc[0] == "Eerste":
        assert checked == 3


def test_the_small_frames_read_as_expected() -> None:
    frames = small_frames()
    nl = {lens: plain(p, frames, "nl") for lens, _, p in variant_paragraphs(frames, "nl")}
    en = {lens: plain(p, frames, "en") for lens, _, p in variant_paragraphs(frames, "en")}
    assert "38.100 van de 54.250" in nl["eerste"]
    assert "8.100 meer dan ‘Derde’" in nl["eerste"]  # the next highest
    assert "9.900 minder dan ‘Eerste’" in nl["tweede"]  # the highest other
    assert "9,900 fewer than ‘Eerste’" in en["tweede"]
    assert "1.174,0\u00a0M€" in nl["eerste"] and "12,3 MW" in nl["eerste"]
    assert "bouwt 1 project voor" in nl["tweede"] and "12 projecten" in nl["eerste"]
    assert "1,174.0\u00a0M€" in en["eerste"]
    assert "Vierde" in nl["vierde"] and not DIGIT.search(nl["vierde"])
    two = {k: v.iloc[:2] if k == "variants/comparison" else v for k, v in frames.items()}
    first = plain(variant_paragraphs(two, "nl")[0][2], two, "nl")
    assert "38.100" in first and "9.900 meer dan ‘Tweede’" in first


def test_a_name_with_digits_is_left_out() -> None:
    frames = small_frames()
    comparison = frames["variants/comparison"].copy()
    comparison["label"] = ["Plan 2030", "Tweede", "Derde", "Vier 4"]
    comparison["lens"] = ["eerste", "tweede", "derde", "v4"]
    frames["variants/comparison"] = comparison
    texts = {lens: plain(p, frames, "nl") for lens, _, p in variant_paragraphs(frames, "nl")}
    assert "‘eerste’" in texts["eerste"] and "Plan" not in texts["eerste"]
    assert "‘eerste’" in texts["tweede"]
    assert texts["v4"].startswith("Deze variant")
    assert not DIGIT.search(texts["v4"])


# --- per tier --------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_tier_paragraphs_add_up(frames: Frames, lang: str) -> None:
    listed = frames["assess/priority_list"]
    by_tier = listed.groupby("tier")
    result = tier_paragraphs(frames, lang)
    assert [tier for tier, _ in result] == sorted(listed["tier"].unique().tolist())
    total = 0.0
    for tier, paragraph in result:
        facts = facts_of([paragraph])
        where = [dict(f.cells.where) for f in facts]
        count = [f for f, w in zip(facts, where, strict=True)
                 if f.cells.column == "projects" and set(w) == {"tier"}]
        assert len(count) == 1
        total += count[0].value(frames)
        capex = [f for f in facts if f.cells.column == "capex_meur"]
        assert [f.value(frames) for f in capex] == [pytest.approx(
            by_tier["capex_meur"].sum()[tier])]
        years = {f.cells.aggregate: f.value(frames) for f in facts
                 if f.cells.column == "in_service_year"}
        lo, hi = by_tier["in_service_year"].min()[tier], by_tier["in_service_year"].max()[tier]
        assert years == ({"min": lo} if lo == hi else {"min": lo, "max": hi})
        operators = [(w["operator"], f.value(frames)) for f, w in zip(facts, where, strict=True)
                     if "operator" in w]
        expected = listed[listed["tier"] == tier].groupby("operator")["projects"].sum()
        assert dict(operators) == expected.to_dict()
        assert [n for _, n in operators] == sorted(expected.to_numpy(), reverse=True)
        value = [f for f in facts if f.cells.column == "marginal_value_meur"]
        assert value[0].value(frames) == pytest.approx(
            by_tier["marginal_value_meur"].sum()[tier])
    assert total == listed["projects"].sum()
    if (listed["projects"] == 1).all():
        assert total == len(listed)


def test_the_small_tiers_read_as_expected() -> None:
    frames = small_frames()
    nl = dict((t, plain(p, frames, "nl")) for t, p in tier_paragraphs(frames, "nl"))
    en = dict((t, plain(p, frames, "en")) for t, p in tier_paragraphs(frames, "en"))
    assert nl[1].startswith("Spijtvrij") and en[1].startswith("No-regret")
    assert "tussen 2027 en 2031" in nl[1] and "2 bij Stedin en 1 bij TenneT" in nl[1]
    assert "telt 1 project met 70,0\u00a0M€" in nl[2] and "in bedrijf in 2030" in nl[2]
    assert "telt 5 projecten" in nl[3]  # the aggregated public row counts three
    assert "3 bij Stedin en 2 bij Liander" in nl[3]
    assert "3 with Stedin and 2 with Liander" in en[3]


# --- summary and stability -------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_summary_reads_the_chosen_variant_and_the_list(frames: Frames, lang: str) -> None:
    paragraphs = summary_paragraphs(frames, lang)
    assert 2 <= len(paragraphs) <= 4
    scores = frames["assess/scores"]
    chosen = scores[scores["chosen"].astype(bool)].iloc[0]
    facts = facts_of(paragraphs)
    read = {(f.cells.table, f.cells.column, tuple(f.cells.where)): f.value(frames)
            for f in facts}
    assert read[("assess/scores", "rank1_acceptability",
                 (("variant", chosen["variant"]),))] == chosen["rank1_acceptability"]
    key = ("assess/scores", "confidence", (("variant", chosen["variant"]),))
    assert (key in read) == bool(np.isfinite(chosen["confidence"]))
    listed = frames["assess/priority_list"]
    assert read[("assess/priority_list", "projects", ())] == listed["projects"].sum()
    assert read[("assess/priority_list", "projects", (("tier", "1"),))] == (
        listed.loc[listed["tier"] == 1, "projects"].sum())
    blocked = frames["insight/homes_blocked"].drop(columns="year").max()
    peaks = {f.cells.column: f.value(frames) for f in facts
             if f.cells.table == "insight/homes_blocked"}
    if (blocked.round() == 0).all():
        assert not peaks
    else:
        assert peaks == blocked.to_dict()


def test_the_small_summary_reads_as_expected() -> None:
    frames = small_frames()
    nl = " ".join(plain(p, frames, "nl") for p in summary_paragraphs(frames, "nl"))
    assert "‘Tweede’" in nl and "64%" in nl and "81%" in nl
    assert "telt 9 projecten" in nl and "daarvan zijn er 3 spijtvrij" in nl
    assert "3.200 woningen op een aansluiting in scenario KM en 4.500 in EV" in nl
    frames["assess/scores"] = frames["assess/scores"].assign(confidence=np.nan)
    frames["insight/homes_blocked"] = frames["insight/homes_blocked"].rename(
        columns={"KM": "S1"})
    nl = " ".join(plain(p, frames, "nl") for p in summary_paragraphs(frames, "nl"))
    assert "betrouwbaarheid" not in nl
    assert "tussen 3.200 en 4.500 woningen" in nl


def test_stability_names_the_narrowest_margins() -> None:
    frames = small_frames()
    table = frames["assess/stability"]
    below = (table["weight"] - table["lower"]).where(table["swap_at_lower"] != "")
    above = (table["upper"] - table["weight"]).where(table["swap_at_upper"] != "")
    margin = pd.concat([below, above], axis=1).min(axis=1).dropna()
    expected = table.loc[margin.sort_values(kind="stable").index[:3], "criterion"].tolist()
    for lang in LANGS:
        paragraph = stability_paragraph(frames, lang)
        named = list(dict.fromkeys(dict(f.cells.where)["criterion"]
                                   for f in facts_of([paragraph])))
        assert named == expected
        text = plain(paragraph, frames, lang)
        assert "eerste" not in text and "tweede" not in text  # ids became labels
    nl = plain(stability_paragraph(frames, "nl"), frames, "nl")
    assert "‘Kosten’ (nu 25,0%) kan tussen 24,9% en 40,0%" in nl
    assert "bij 24,9% haalt ‘Derde’ ‘Tweede’ in" in nl
    assert "bij 22% haalt ‘Tweede’ ‘Eerste’ in; bij 41% haalt ‘Derde’ ‘Tweede’ in" in nl
    # "Reserve (N-1)" and "ST-N1" hold a digit: neither is shown
    assert "een criterium uit de stabiliteitstabel (nu 15%)" in nl


def test_stability_without_a_swap_says_so() -> None:
    frames = small_frames()
    frames["assess/stability"] = frames["assess/stability"].assign(swap_at_lower="",
                                                                   swap_at_upper="")
    paragraph = stability_paragraph(frames, "en")
    assert not facts_of([paragraph])
    assert "No weight changes the ranking" in plain(paragraph, frames, "en")
