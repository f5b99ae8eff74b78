"""Step 5: monitoring the P-MIEK against the operators' investment plans
(pmiek.programme.monitoring)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd
import pytest

from pmiek.assessment.priority import PRIORITY_COLUMNS
from pmiek.errors import InputError
from pmiek.programme.monitoring import (
    CHANGE_LABELS,
    CHANGES,
    CLASSIFICATION_LABELS,
    CLASSIFICATIONS,
    IP_COLUMNS,
    MONITOR_COLUMNS,
    SUGGESTION_COLUMNS,
    IPEdition,
    check_ip_edition,
    ip_edition_dates,
    monitor,
    suggest_matches,
)

# --- constructing frames ----------------------------------------------------------------------


def priority(rows: list[tuple[str, str, int, int]]) -> pd.DataFrame:
    """A priority list with the real columns: (project_id, operator, tier, in_service_year)."""
    frame = pd.DataFrame({c: [""] * len(rows) for c in PRIORITY_COLUMNS})
    frame["priority"] = range(1, len(rows) + 1)
    frame["project_id"] = [r[0] for r in rows]
    frame["name"] = [f"Project {r[0]}" for r in rows]
    frame["operator"] = [r[1] for r in rows]
    frame["tier"] = [r[2] for r in rows]
    frame["in_service_year"] = [r[3] for r in rows]
    return frame


def ip_list(rows: Sequence[tuple[str, str, int | None, str]]) -> pd.DataFrame:
    """An IP list: (operator, ip_reference, planned_year, status)."""
    return pd.DataFrame({
        "operator": [r[0] for r in rows], "ip_reference": [r[1] for r in rows],
        "name": [f"IP {r[1]}" for r in rows], "station": ["" for _ in rows],
        "planned_year": pd.array([r[2] for r in rows], dtype="Int64"),
        "status": [r[3] for r in rows], "cost_band": ["10-50 M€" for _ in rows],
        "miek_label": ["pMIEK" for _ in rows]})[list(IP_COLUMNS)]


def mapping(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["project_id", "operator", "ip_reference"])


def expected_class(project: str, needed: int, ip: pd.DataFrame, links: pd.DataFrame) -> str:
    """The classification by the rules, row by row (an independent reading of them)."""
    mine = [r for r in links.itertuples() if r.project_id == project]
    if not mine:
        return "niet_gekoppeld"
    link = mine[0]
    if link.ip_reference == "":
        return "ontbreekt"
    rows = [r for r in ip.itertuples()
            if r.operator == link.operator and r.ip_reference == link.ip_reference]
    if not rows:
        return "niet_gekoppeld"
    if rows[0].status == "vervallen":
        return "vervallen"
    return "te_laat" if rows[0].planned_year > needed else "op_tijd"


PROJECTS = [("A", "Stedin", 1, 2030), ("B", "Stedin", 1, 2030), ("C", "TenneT", 1, 2029),
            ("D", "TenneT", 2, 2031), ("E", "Stedin", 3, 2032), ("F", "Stedin", 1, 2030),
            ("G", "TenneT", 2, 2033)]
IP = [("Stedin", "S-1", 2029, "gepland"), ("Stedin", "S-2", 2033, "gepland"),
      ("Stedin", "S-5", 2032, "vervallen"), ("TenneT", "T-7", 2033, "in_uitvoering"),
      ("TenneT", "T-9", 2027, "gereed")]  # T-9 is no P-MIEK project at all
LINKS = [("A", "Stedin", "S-1"), ("B", "Stedin", "S-2"), ("C", "TenneT", ""),
         ("E", "Stedin", "S-5"), ("F", "Stedin", "S-404"), ("G", "TenneT", "T-7")]


def test_every_classification_follows_the_rules() -> None:
    plan, links = ip_list(IP), mapping(LINKS)
    report = monitor(priority(PROJECTS), plan, links)
    expected = [expected_class(p, year, plan, links) for p, _, _, year in PROJECTS]
    assert report["classification"].tolist() == expected
    assert set(expected) == set(CLASSIFICATIONS)  # the case covers every class


def test_report_shape_order_and_years() -> None:
    report = monitor(priority(PROJECTS), ip_list(IP), mapping(LINKS))
    assert list(report.columns) == MONITOR_COLUMNS
    assert report["project_id"].tolist() == [p[0] for p in PROJECTS]
    assert report["needed_year"].tolist() == [p[3] for p in PROJECTS]
    planned = {ref: year for _, ref, year, _ in IP}
    for row in report.itertuples():
        in_ip = row.classification in ("op_tijd", "te_laat")
        if in_ip:
            assert row.planned_year == planned[row.ip_reference]
            assert row.delay_years == planned[row.ip_reference] - row.needed_year
        else:
            assert pd.isna(row.delay_years)
    assert report["change"].eq("").all()  # no previous edition


def test_unmatched_reasons_say_why() -> None:
    report = monitor(priority(PROJECTS), ip_list(IP), mapping(LINKS)).set_index("project_id")
    assert "S-404" in report.loc["F", "reason"]  # a reference that is not in the list
    assert report.loc["D", "reason"].startswith("geen koppeling")
    english = monitor(priority(PROJECTS), ip_list(IP), mapping(LINKS), lang="en")
    assert english.set_index("project_id").loc["D", "reason"].startswith("no mapping")


@pytest.mark.parametrize(("tier", "needed", "planned", "signal"), [
    (2, 2030, 2033, False),  # tier 2, three years late: no signal
    (1, 2030, 2031, False),  # tier 1, exactly one year late: none
    (1, 2030, 2032, True),   # tier 1, two years late: a signal
    (1, 2030, 2030, False),
    (3, 2030, 2040, False),
])
def test_herijking_signal_for_late_projects(tier: int, needed: int, planned: int,
                                            signal: bool) -> None:
    report = monitor(priority([("X", "Stedin", tier, needed)]),
                     ip_list([("Stedin", "S-1", planned, "gepland")]),
                     mapping([("X", "Stedin", "S-1")]))
    assert report["herijking"].tolist() == [signal]
    assert (report["signal"].iloc[0] != "") is signal
    if signal:
        assert str(planned - needed) in report["signal"].iloc[0]


def test_herijking_signal_for_missing_projects() -> None:
    projects = [("M", "Stedin", 1, 2030), ("N", "Stedin", 1, 2030), ("V", "Stedin", 1, 2030),
                ("M2", "Stedin", 2, 2030)]
    report = monitor(priority(projects), ip_list([("Stedin", "S-5", 2030, "vervallen")]),
                     mapping([("M", "Stedin", ""), ("V", "Stedin", "S-5"),
                              ("M2", "Stedin", "")]))
    flags = dict(zip(report["project_id"], report["herijking"], strict=True))
    # confirmed absent and cancelled tier-1 projects signal; unmatched and tier 2 do not
    assert flags == {"M": True, "N": False, "V": True, "M2": False}


def test_change_against_the_previous_edition() -> None:
    projects = [("new", "Stedin", 1, 2030), ("earlier", "Stedin", 1, 2030),
                ("later", "Stedin", 1, 2030), ("same", "Stedin", 1, 2030),
                ("gone", "Stedin", 1, 2030), ("cancelled", "Stedin", 1, 2030),
                ("still_out", "Stedin", 1, 2030), ("unknown", "Stedin", 1, 2030)]
    links = mapping([("new", "Stedin", "S-N"), ("earlier", "Stedin", "S-E"),
                     ("later", "Stedin", "S-L"), ("same", "Stedin", "S-S"),
                     ("gone", "Stedin", "S-G"), ("cancelled", "Stedin", "S-C"),
                     ("still_out", "Stedin", "")])
    before = ip_list([("Stedin", "S-E", 2031, "gepland"), ("Stedin", "S-L", 2029, "gepland"),
                      ("Stedin", "S-S", 2030, "gepland"), ("Stedin", "S-G", 2030, "gepland"),
                      ("Stedin", "S-C", 2030, "gepland")])
    now = ip_list([("Stedin", "S-N", 2030, "gepland"), ("Stedin", "S-E", 2029, "gepland"),
                   ("Stedin", "S-L", 2032, "gepland"), ("Stedin", "S-S", 2030, "in_uitvoering"),
                   ("Stedin", "S-C", 2030, "vervallen")])
    report = monitor(priority(projects), now, links, previous_ip=before)
    changes = dict(zip(report["project_id"], report["change"], strict=True))
    assert changes == {"new": "nieuw", "earlier": "vervroegd", "later": "vertraagd",
                       "same": "ongewijzigd", "gone": "verdwenen", "cancelled": "verdwenen",
                       "still_out": "ongewijzigd", "unknown": ""}
    # the previous mapping lacks a project: its change cannot be told
    partial = links[links["project_id"] != "later"]
    again = monitor(priority(projects), now, links, previous_ip=before,
                    previous_mapping=partial).set_index("project_id")
    assert again.loc["later", "change"] == ""
    assert again.loc["earlier", "change"] == "vervroegd"


def test_duplicate_keys_are_refused() -> None:
    with pytest.raises(InputError, match="P"):
        monitor(priority([("P", "Stedin", 1, 2030)]), ip_list(IP),
                mapping([("P", "Stedin", "S-1"), ("P", "Stedin", "S-2")]))
    with pytest.raises(InputError, match="S-1"):
        monitor(priority([("P", "Stedin", 1, 2030)]),
                ip_list([("Stedin", "S-1", 2030, "gepland")] * 2),
                mapping([("P", "Stedin", "S-1")]))


def test_labels_in_both_languages() -> None:
    for lang in ("nl", "en"):
        assert set(CLASSIFICATION_LABELS[lang]) == set(CLASSIFICATIONS)
        assert set(CHANGE_LABELS[lang]) == {*CHANGES, ""}
    assert CLASSIFICATION_LABELS["nl"]["ontbreekt"] != CLASSIFICATION_LABELS["en"]["ontbreekt"]


# --- IP editions -------------------------------------------------------------------------------


@pytest.mark.parametrize("year", [2024, 2026, 2030])
def test_edition_dates(year: int) -> None:
    assert ip_edition_dates(year, "ontwerp") == dt.date(year - 1, 11, 1)
    assert ip_edition_dates(year, "definitief") == dt.date(year, 1, 1)
    draft = IPEdition(year, "ontwerp")
    assert draft.published_on.month == 11 and draft.published_on.year % 2 == 1
    assert draft.previous() == IPEdition(year - 2, "definitief")
    assert IPEdition(year, "definitief").previous() == draft
    assert draft.label("nl") == f"IP{year} (ontwerp)"
    assert draft.label("en") == f"IP{year} (draft)"


@pytest.mark.parametrize(("year", "phase"), [(2025, "ontwerp"), (2018, "definitief"),
                                             (2052, "ontwerp"), (2026, "concept"),
                                             (True, "ontwerp")])
def test_bad_editions_are_refused(year: int, phase: str) -> None:
    with pytest.raises(InputError):
        check_ip_edition(year, phase)
    with pytest.raises(InputError):
        IPEdition(year, phase)


# --- suggested matches -------------------------------------------------------------------------


def workspace_frames() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    projects = pd.DataFrame({
        "id": ["P-ODR", "P-AMF2", "P-X"],
        "name": ["Nieuw 150 kV-station Oudenrijn", "Nieuw onderstation", "Iets anders"],
        "operator": ["TenneT", "Stedin", "Stedin"], "area_id": ["GM1", "GM2", "GM3"]})
    effects = pd.DataFrame({"project_id": ["P-ODR", "P-AMF2"],
                            "asset_id": ["ODR150", "AMN150"]})
    assets = pd.DataFrame({"id": ["ODR150", "AMN150"],
                           "name": ["Oudenrijn 150 kV", "Amersfoort-Noord 150 kV"]})
    return projects, effects, assets


def test_suggestions_rank_the_right_row_first() -> None:
    projects, effects, assets = workspace_frames()
    ip = pd.DataFrame({
        "operator": ["TenneT", "TenneT", "Stedin", "Stedin", "Stedin"],
        "ip_reference": ["T-NWG", "T-ODR", "S-ODR", "S-ZST", "S-AMN"],
        "name": ["Nieuw 150 kV-station Nieuwegein", "Nieuw 150 kV-station Oudenrijn",
                 "Nieuw 150 kV-station Oudenrijn", "Nieuw onderstation", "Nieuw onderstation"],
        "station": ["Nieuwegein", "Oudenrijn", "Oudenrijn", "Zeist", "Amersfoort-Noord"],
        "planned_year": [2030] * 5, "status": ["gepland"] * 5, "cost_band": [""] * 5,
        "miek_label": [""] * 5})
    found = suggest_matches(projects, effects, assets, ip)
    assert list(found.columns) == SUGGESTION_COLUMNS
    first = found.groupby("project_id").head(1).set_index("project_id")["ip_reference"]
    assert first["P-ODR"] == "T-ODR"  # same name and station; S-ODR is another operator's
    assert first["P-AMF2"] == "S-AMN"  # the same name twice: the station decides
    assert "S-ODR" not in set(found.loc[found["project_id"] == "P-ODR", "ip_reference"])
    assert (found["score"].between(0, 1)).all()
    # the order does not depend on the order of the input
    shuffled = suggest_matches(projects.iloc[::-1], effects, assets, ip.iloc[::-1])
    pd.testing.assert_frame_equal(found, shuffled)
    by_project = found.groupby("project_id", sort=False)["score"]
    assert all(s.is_monotonic_decreasing for _, s in by_project)
