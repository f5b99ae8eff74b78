"""Reading a workshop's weights from a workbook (pmiek.adapters.files.weights)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

from pmiek.adapters.files.weight_sessions import WeightSessions
from pmiek.adapters.files.weight_template import write_weight_template
from pmiek.adapters.files.weights import read_weight_sessions
from pmiek.domain.problems import Code, Problem
from pmiek.errors import InputError, ReadError, ValidationError, WriteError
from pmiek.framework.ahp import aggregate_ahp
from pmiek.framework.ahp_pairs import ahp_from_pairs

CRITERIA = ["co2", "kosten", "ruimte"]


def fill(path: Path, rows: dict[str, list[tuple[object, ...]]]) -> Path:
    """Write ``rows`` from row 2 of the named sheets of the workbook at ``path``."""
    workbook = load_workbook(path)
    for name, values in rows.items():
        sheet = workbook[name]
        for r, row in enumerate(values, start=2):
            for c, value in enumerate(row, start=1):
                sheet.cell(row=r, column=c, value=value)
    workbook.save(path)
    return path


def template(tmp_path: Path, lang: str = "nl") -> Path:
    return write_weight_template(tmp_path / "weging.xlsx", lang=lang)


VALID = {
    "punten": [("P1", "co2", 50), ("P1", "kosten", 30), ("P1", "ruimte", 20),
               ("P2", "co2", 10), ("P2", "kosten", "60,5"), ("P2", "ruimte", 29.5)],
    "swing": [("P1", "co2", 100), ("P1", "kosten", 50), ("P1", "ruimte", 50),
              ("P2", "ruimte", 100), ("P2", "kosten", 100), ("P2", "co2", 0)],
    "ahp": [("P1", "co2", "kosten", 3), ("P1", "co2", "ruimte", 5),
            ("P1", "kosten", "ruimte", 2),
            ("P2", "kosten", "co2", 2), ("P2", "co2", "ruimte", "1/3"),
            ("P2", "ruimte", "kosten", "4")],
}


def test_the_template_is_a_workshop_workbook(tmp_path: Path) -> None:
    path = template(tmp_path)
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["uitleg", "punten", "swing", "ahp"]
    assert [c.value for c in workbook["punten"][1]] == ["deelnemer", "criterium", "punten"]
    assert [c.value for c in workbook["swing"][1]] == ["deelnemer", "criterium", "swing"]
    assert [c.value for c in workbook["ahp"][1]] == ["deelnemer", "criterium_a", "criterium_b",
                                                     "waarde"]
    assert workbook["ahp"]["D2"].number_format == "@"  # 1/3 stays a fraction in Excel
    explanation = " ".join(str(c.value) for row in workbook["uitleg"].iter_rows() for c in row
                           if c.value)
    assert "schaal van Saaty" in explanation and "n(n−1)/2" in explanation
    english = load_workbook(write_weight_template(tmp_path / "en.xlsx", lang="en"))
    assert english.sheetnames == ["explanation", "points", "swing", "ahp"]
    assert [c.value for c in english["ahp"][1]] == ["participant", "criterion_a",
                                                    "criterion_b", "value"]


def test_the_template_is_not_written_over_a_file(tmp_path: Path) -> None:
    path = template(tmp_path)
    with pytest.raises(WriteError, match="already exists"):
        write_weight_template(path)
    assert write_weight_template(path, overwrite=True) == path
    with pytest.raises(WriteError, match=r"\.xlsx extension"):
        write_weight_template(tmp_path / "weging.csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["weging.xlsx"]  # no staging left


def test_round_trip(tmp_path: Path) -> None:
    path = fill(template(tmp_path), VALID)
    sessions = read_weight_sessions(path, criteria=CRITERIA)
    assert isinstance(sessions, WeightSessions)
    assert sessions.methods == ("points", "swing", "ahp")
    assert sessions.sources == {"points": "punten", "swing": "swing", "ahp": "ahp"}

    points = sessions.weights("points")
    assert list(points.index) == ["P1", "P2"] and list(points.columns) == CRITERIA
    assert points.loc["P1"].to_dict() == pytest.approx({"co2": 0.5, "kosten": 0.3,
                                                        "ruimte": 0.2})
    assert points.loc["P2", "kosten"] == pytest.approx(0.605)  # decimal comma as text
    swing = sessions.weights("swing")
    assert swing.loc["P2"].to_dict() == pytest.approx({"co2": 0, "kosten": 0.5, "ruimte": 0.5})
    assert list(swing.columns) == CRITERIA  # the order of the known criteria

    expected = ahp_from_pairs([("kosten", "co2", 2), ("co2", "ruimte", 1 / 3),
                               ("ruimte", "kosten", 4)], CRITERIA)
    p2 = sessions.ahp["P2"]
    np.testing.assert_allclose(p2.weights, expected.weights)
    assert p2.matrix.loc["ruimte", "co2"] == pytest.approx(3)
    np.testing.assert_allclose(sessions.weights("ahp").sum(axis=1), 1)
    consistency = sessions.consistency()
    assert list(consistency.columns) == ["lambda_max", "ci", "cr", "consistent"]
    assert consistency.loc["P2", "cr"] == pytest.approx(expected.cr)

    summary = sessions.summary()
    assert set(summary) == {"points", "swing", "ahp"}
    assert summary["points"].weights.to_dict() == pytest.approx(
        {"co2": 0.3, "kosten": 0.4525, "ruimte": 0.2475})
    group = aggregate_ahp({p: r.matrix for p, r in sessions.ahp.items()})
    np.testing.assert_allclose(summary["ahp"].weights, group.weights)
    assert summary["ahp"].group is not None
    assert summary["ahp"].group.cr == pytest.approx(group.cr)
    frame = summary["ahp"].to_frame()
    assert list(frame.columns) == ["weight", "mean", "geometric_mean", "min", "max", "std", "n"]
    assert frame["weight"].sum() == pytest.approx(1) and (frame["n"] == 2).all()


def test_inconsistent_participants_get_a_warning(tmp_path: Path) -> None:
    path = fill(template(tmp_path), {"ahp": [
        ("P1", "co2", "kosten", 2), ("P1", "kosten", "ruimte", 2), ("P1", "co2", "ruimte", 4),
        ("P2", "co2", "kosten", 9), ("P2", "kosten", "ruimte", 9),
        ("P2", "ruimte", "co2", 9)]})
    sessions = read_weight_sessions(path)
    assert sessions.methods == ("ahp",)
    assert sessions.consistency()["consistent"].to_dict() == {"P1": True, "P2": False}
    warnings = sessions.warnings()
    assert warnings[0].startswith("Deelnemer 'P2': Consistentieratio ")
    assert "is hoger dan 0,10" in warnings[0]
    assert warnings[1].startswith("Groep (meetkundig gemiddelde van de matrices): ")
    assert sessions.warnings("en")[0].startswith("Participant 'P2': Consistency ratio ")
    with pytest.raises(InputError, match="no 'points' weights"):
        sessions.weights("points")


def test_english_workbook_and_criteria_in_order_of_appearance(tmp_path: Path) -> None:
    path = fill(write_weight_template(tmp_path / "w.xlsx", lang="en"), {
        "points": [("Anna", "b", 1), ("Anna", "a", 3)]})
    sessions = read_weight_sessions(path)
    assert sessions.methods == ("points",)
    assert sessions.weights("points").loc["Anna"].to_dict() == {"b": 0.25, "a": 0.75}


def located(problems: list[Problem]) -> set[tuple[str, int | None, str | None, Code,
                                                    str | None]]:
    return {(p.table, p.line, p.column, p.code, p.row_id) for p in problems}


def test_a_broken_workbook_reports_every_problem(tmp_path: Path) -> None:
    path = fill(template(tmp_path), {
        "punten": [
            ("P1", "co2", 50),
            ("P1", "kosten", "veel"),        # 3: not a number
            ("P1", "koste", 10),             # 4: unknown criterion
            ("P1", "ruimte", 20),
            ("P2", "co2", 40), ("P2", "kosten", 60), ("P2", "ruimte", 0),
            ("P2", "co2", 5),                # 9: again
            (None, "ruimte", 3),             # 10: no participant
        ],
        "swing": [
            ("P1", "co2", 100), ("P1", "kosten", 150), ("P1", "ruimte", 50),  # 3: > 100
            ("P2", "co2", 80), ("P2", "kosten", 40), ("P2", "ruimte", 20),    # 5: max not 100
        ],
        "ahp": [
            ("P1", "co2", "kosten", 3), ("P1", "co2", "ruimte", 5),  # kosten–ruimte missing
            ("P2", "co2", "kosten", 3),
            ("P2", "kosten", "co2", 2),      # 5: contradicts row 4
            ("P2", "co2", "ruimte", 2), ("P2", "kosten", "ruimte", 1),
            ("P2", "ruimte", "kosten", 1),   # 8: the same pair again
            ("P3", "co2", "co2", 1),         # 9: a criterion with itself
            ("P3", "co2", "kosten", 12),     # 10: off Saaty's scale; two pairs missing
        ],
    })
    with pytest.raises(ValidationError) as caught:
        read_weight_sessions(path, criteria=CRITERIA)
    problems = caught.value.problems
    assert located(problems) == {
        ("punten", 3, "punten", Code.WRONG_TYPE, "P1"),
        ("punten", 4, "criterium", Code.DANGLING_REFERENCE, "P1"),
        ("punten", 9, "deelnemer, criterium", Code.DUPLICATE_KEY, "P2"),
        ("punten", 10, "deelnemer", Code.MISSING_VALUE, None),
        ("swing", 3, "swing", Code.OUT_OF_RANGE, "P1"),
        ("swing", 5, "swing", Code.NOT_ALLOWED, "P2"),
        ("ahp", None, "waarde", Code.MISSING_VALUE, "P1"),
        ("ahp", 5, "waarde", Code.NOT_ALLOWED, "P2"),
        ("ahp", 8, "criterium_a, criterium_b", Code.DUPLICATE_KEY, "P2"),
        ("ahp", 9, "criterium_b", Code.NOT_ALLOWED, "P3"),
        ("ahp", 10, "waarde", Code.OUT_OF_RANGE, "P3"),
        ("ahp", None, "waarde", Code.MISSING_VALUE, "P3"),
    }
    assert len(problems) == 13  # P3 misses two pairs
    by_place = {(p.table, p.line): p for p in problems if p.line is not None}
    wrong = by_place[("punten", 3)]
    assert wrong.got == "veel"
    assert wrong.message("nl") == "Waarde 'veel' is geen aantal punten (0 of meer)."
    assert wrong.message("en") == "Value 'veel' is not a number of points (0 or more)."
    assert by_place[("punten", 4)].hint("nl").endswith("Bedoelde u 'kosten'?")
    assert by_place[("swing", 3)].message("en") == "Value 150 is outside the range 0 … 100."
    assert "100 voor de belangrijkste swing van 'P2'" in by_place[("swing", 5)].hint("nl")
    assert by_place[("swing", 5)].got == "80"
    contradiction = by_place[("ahp", 5)]
    assert contradiction.got == "2"
    assert contradiction.hint("nl") == (
        "Kies een van: 1/3, zoals rij 4 zegt over 'kosten' ten opzichte van 'co2'; of "
        "verwijder een van beide rijen.")
    missing = sorted(p.hint("en") for p in problems if p.code is Code.MISSING_VALUE
                     and p.table == "ahp")
    assert missing == [
        "Fill in 'waarde' (a row comparing 'co2' with 'ruimte'; every pair once).",
        "Fill in 'waarde' (a row comparing 'kosten' with 'ruimte'; every pair once).",
        "Fill in 'waarde' (a row comparing 'kosten' with 'ruimte'; every pair once).",
    ]
    assert "problem(s)" in str(caught.value)


def test_incomplete_and_empty_participants(tmp_path: Path) -> None:
    path = fill(template(tmp_path), {"punten": [
        ("P1", "co2", 0), ("P1", "kosten", 0), ("P1", "ruimte", 0),   # total 0
        ("P2", "co2", 10), ("P2", "kosten", -1),                       # 6: negative; no ruimte
    ]})
    with pytest.raises(ValidationError) as caught:
        read_weight_sessions(path)
    assert located(caught.value.problems) == {
        ("punten", None, "punten", Code.OUT_OF_RANGE, "P1"),
        ("punten", 6, "punten", Code.OUT_OF_RANGE, "P2"),
        ("punten", None, "criterium", Code.MISSING_VALUE, "P2"),
    }


def test_missing_columns_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "w.xlsx"
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Punten"
    sheet.append(["Deelnemer", "criterion", "opmerking"])
    sheet.append(["P1", "a", "x"])
    workbook.save(path)
    with pytest.raises(ValidationError) as caught:
        read_weight_sessions(path)
    [problem] = caught.value.problems
    assert (problem.table, problem.code, problem.column) == ("Punten", Code.MISSING_COLUMN,
                                                             "points")
    assert problem.message("nl") == "Verplichte kolom 'punten' ontbreekt."


def test_a_workbook_without_weight_sheets_cannot_be_read(tmp_path: Path) -> None:
    path = tmp_path / "other.xlsx"
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "projecten"
    sheet.append(["id", "naam"])
    workbook.save(path)
    with pytest.raises(ReadError, match="has no sheet punten") as caught:
        read_weight_sessions(path)
    assert caught.value.path == str(path)


def test_an_unfilled_template_cannot_be_read(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="hold no judgements"):
        read_weight_sessions(template(tmp_path))


def test_unreadable_paths(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="does not exist"):
        read_weight_sessions(tmp_path / "missing.xlsx")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip file")
    with pytest.raises(ReadError, match="not a readable Excel workbook"):
        read_weight_sessions(broken)
    other = tmp_path / "weights.txt"
    other.write_text("x", encoding="utf-8")
    with pytest.raises(ReadError, match="unknown format"):
        read_weight_sessions(other)


def test_two_sheets_for_one_method(tmp_path: Path) -> None:
    path = tmp_path / "w.xlsx"
    workbook = Workbook()
    first = workbook.active
    assert first is not None
    first.title = "points"
    workbook.create_sheet("punten")
    workbook.save(path)
    with pytest.raises(ReadError, match="two sheets for one method: 'points', 'punten'"):
        read_weight_sessions(path)


def test_a_folder_of_csv_files(tmp_path: Path) -> None:
    (tmp_path / "punten.csv").write_text(
        "deelnemer;criterium;punten\nP1;a;2,5\n\nP1;b;7,5\n", encoding="utf-8")
    (tmp_path / "ahp.csv").write_text(
        "participant,criterion_a,criterion_b,value\nP1,a,b,1/3\nP1,a,b,3\n", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("whatever\n", encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        read_weight_sessions(tmp_path)
    assert located(caught.value.problems) == {
        ("ahp.csv", 3, "value", Code.NOT_ALLOWED, "P1")}
    (tmp_path / "ahp.csv").unlink()
    sessions = read_weight_sessions(tmp_path)
    assert sessions.sources == {"points": "punten.csv"}
    assert sessions.weights("points").loc["P1"].to_dict() == {"a": 0.25, "b": 0.75}


def test_too_many_criteria_for_ahp(tmp_path: Path) -> None:
    names = [f"k{i:02d}" for i in range(16)]
    rows = [("P1", a, b, 1) for i, a in enumerate(names) for b in names[i + 1:]]
    path = fill(template(tmp_path), {"ahp": rows})
    with pytest.raises(ValidationError) as caught:
        read_weight_sessions(path)
    [problem] = caught.value.problems
    assert (problem.code, problem.got) == (Code.OUT_OF_RANGE, "16")


def test_weights_table_is_a_frame(tmp_path: Path) -> None:
    sessions = read_weight_sessions(fill(template(tmp_path), VALID))
    for method in sessions.methods:
        frame = sessions.weights(method)
        assert isinstance(frame, pd.DataFrame)
        assert frame.index.name == "participant" and frame.columns.name == "criterion"
