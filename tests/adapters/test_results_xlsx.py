"""The workbook for people and the run's record, on small hand-made tables (the real runs are
in ``test_out_tree.py``)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from pmiek.adapters.files import results_xlsx, write_outputs
from pmiek.adapters.files.metadata import (
    METADATA_FILE,
    NONE,
    metadata_rows,
    output_hash,
    run_metadata,
)
from pmiek.adapters.files.results_xlsx import WORKBOOK, rounded, write_results_xlsx
from pmiek.domain.headers import HEADERS, SHEETS, TABLE_HEADERS, header, sheet_name
from pmiek.domain.provenance import Provenance
from pmiek.domain.quantities import Quantity, quantity


@dataclass(frozen=True)
class Result:
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    provenance: Provenance = field(default_factory=lambda: Provenance(
        "insight", {"scenarios": ["KM"], "first_year": 2026, "horizon": 2030}, "ab" * 32))

    def to_frames(self) -> dict[str, pd.DataFrame]:
        return dict(self.frames)


def _sheet(path: Path, title: str) -> list[tuple[object, ...]]:
    return list(load_workbook(path)[title].iter_rows(values_only=True))


# --- the vocabulary ---------------------------------------------------------------------


def test_every_header_names_its_unit_or_is_a_word() -> None:
    """Headers are capitalised text, never the snake_case name; a column in MW, M€ or a
    share says so in brackets."""
    for column, pair in HEADERS.items():
        for shown in pair:
            assert shown[0].isupper() and shown != column, column
        kind = quantity("any", column)
        if kind is Quantity.POWER:
            assert "[MW" in pair[0] and "[MW" in pair[1], column
        if kind is Quantity.MONEY:
            assert "[M€]" in pair[0], column
        if kind is Quantity.SHARE:
            assert "[%]" in pair[0] and "[%]" in pair[1], column
    assert all(table in SHEETS for table, _ in TABLE_HEADERS)


def test_quantities_follow_the_unit_in_the_name() -> None:
    assert quantity("loads", "peak_demand_mw") is Quantity.POWER
    assert quantity("summary", "overload_mw_years") is Quantity.POWER
    assert quantity("summary", "industry_mw_2030") is Quantity.POWER
    assert quantity("x", "energy_mwh") is Quantity.ENERGY
    assert quantity("comparison", "gain_milp_meur") is Quantity.MONEY
    assert quantity("summary", "homes_planned_2030") is Quantity.COUNT
    assert quantity("blocked", "connect_year") is Quantity.YEAR
    assert quantity("connected", "connected_share") is Quantity.SHARE
    assert quantity("homes_blocked", "KM") is Quantity.COUNT  # a scenario's column
    assert quantity("partial_values", "contribution") is Quantity.SCORE
    assert quantity("indicator_sources", "contribution") is Quantity.PER_UNIT
    assert quantity("loads", "asset_id") is None


def test_sheet_names_keep_the_table_and_fit_excel() -> None:
    assert sheet_name("evenwichtig/schedule") == "evenwichtig planning"
    assert sheet_name("evenwichtig/schedule", "en") == "evenwichtig schedule"
    cut = sheet_name("flex-en-opslag-eerst/connected", "nl", 31)
    assert len(cut) <= 31 and cut.endswith(" aangesloten") and cut.startswith("flex")


# --- the workbook -----------------------------------------------------------------------


def test_values_are_rounded_half_away_from_zero_and_stay_numbers(tmp_path: Path) -> None:
    frame = pd.DataFrame({
        "asset_id": ["A", "B", "C"],
        "peak_mw": [31.85, 2.25, -0.04],
        "hours_over": [3, 0, 12],
        "utilisation": [0.12345, 1.5, 0.0],
        "first_overload_year": [2031.0, np.nan, 2026.0],
        "capacity_mw": [np.inf, 10.0, 20.0],
    })
    path = tmp_path / "r.xlsx"
    write_results_xlsx({"bottlenecks": frame}, path)
    sheet = load_workbook(path)["knelpunten"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == tuple(header("bottlenecks", c) for c in frame.columns)
    assert [r[1] for r in rows[1:]] == [31.9, 2.3, 0]  # MW to 0.1; no -0.0
    assert [r[2] for r in rows[1:]] == [3, 0, 12]
    assert [r[3] for r in rows[1:]] == [0.123, 1.5, 0]  # a share to 0.1 %
    assert [r[4] for r in rows[1:]] == [2031, None, 2026]
    assert [r[5] for r in rows[1:]] == ["onbegrensd", 10, 20]
    cells = next(iter(sheet.iter_rows(min_row=2, max_row=2)))
    assert [c.number_format for c in cells[1:5]] == ["#,##0.0", "#,##0", "0.0%", "0"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:F4"


def test_rounding_per_value_and_per_row() -> None:
    np.testing.assert_array_equal(rounded(np.array([0.15, 1.005, -2.5, 2.675]), 2),
                                  [0.15, 1.01, -2.5, 2.68])
    np.testing.assert_array_equal(rounded(np.array([12.5, 12.5, 0.1234]), np.array([0, 1, 3])),
                                  [13, 12.5, 0.123])
    assert str(rounded(np.array([-0.04]), 1)[0]) == "0.0"


def test_infinity_is_a_word_and_booleans_read_yes_no(tmp_path: Path) -> None:
    frame = pd.DataFrame({"project_id": ["P1", "P2"],
                          "marginal_value_meur": [np.inf, 1.26],
                          "value_per_meur": [np.inf, -np.inf]})
    scores = pd.DataFrame({"variant": ["a", "b"], "chosen": [True, False]})
    for lang, word, yes in (("nl", "onmisbaar", "ja"), ("en", "indispensable", "yes")):
        path = tmp_path / f"{lang}.xlsx"
        write_results_xlsx({"priority_list": frame, "scores": scores}, path, lang=lang)
        rows = _sheet(path, sheet_name("priority_list", lang))
        assert [r[1] for r in rows[1:]] == [word, 1.3]
        assert rows[2][2] == f"−{word}"
        assert [r[1] for r in _sheet(path, "scores")[1:]] == [yes, "nee" if yes == "ja" else "no"]


def test_codes_read_as_labels_in_the_language(tmp_path: Path) -> None:
    frame = pd.DataFrame({"project_id": ["P1"], "kind": ["expansion"], "status": ["in_ip"],
                          "sector": ["housing"]})
    bottlenecks = pd.DataFrame({"asset_id": ["A"], "direction": ["afname"],
                                "carrier": ["electricity"], "class": ["congestie"]})
    write_results_xlsx({"schedule": frame, "bottlenecks": bottlenecks}, tmp_path / "nl.xlsx")
    assert _sheet(tmp_path / "nl.xlsx", "planning")[1] == (
        "P1", "uitbreiding", "in investeringsplan", "woningbouw")
    write_results_xlsx({"bottlenecks": bottlenecks}, tmp_path / "en.xlsx", lang="en")
    assert _sheet(tmp_path / "en.xlsx", "bottlenecks")[1] == (
        "A", "demand", "electricity", "congestion")


def test_amounts_in_the_row_unit_are_rounded_by_that_unit(tmp_path: Path) -> None:
    indicators = pd.DataFrame({"variant": ["a"] * 3, "scenario": ["KM"] * 3,
                               "indicator": ["homes", "mw", "share"],
                               "value": [1234.56, 12.345, 0.98765],
                               "unit": ["woningen", "MW", "-"]})
    sources = pd.DataFrame({"variant": ["a", "a"], "indicator": ["homes", "mw"],
                            "scenario": ["KM", "KM"], "kind": ["development"] * 2,
                            "item": ["D1", "D1"], "contribution": [10.6, 1.26],
                            "aggregate": ["sum", "sum"]})
    path = tmp_path / "r.xlsx"
    write_results_xlsx({"indicators": indicators, "indicator_sources": sources}, path)
    assert [r[3] for r in _sheet(path, "indicatoren")[1:]] == [1235, 12.3, 0.988]
    assert [r[5] for r in _sheet(path, "indicatorbronnen")[1:]] == [11, 1.3]


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    names = ["=1+2", "@SUM(A1)", "#N/A", "gewoon", "x" * 40_000]
    frame = pd.DataFrame({"project_id": names, "name": names})
    path = tmp_path / "r.xlsx"
    write_results_xlsx({"=evil/schedule": frame}, path)
    book = load_workbook(path)
    sheet = book.worksheets[0]
    cells = [row[1] for row in sheet.iter_rows(min_row=2)]
    assert [c.value for c in cells[:4]] == names[:4]
    assert len(cells[4].value) == 32_767 and cells[4].value.endswith(" […]")  # cut, visibly
    assert all(c.data_type == "s" for c in cells)
    assert [c.quotePrefix for c in cells] == [True, True, False, False, False]


def test_a_table_too_long_for_the_workbook_names_its_csv(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(results_xlsx, "MAX_ROWS", 3)
    frame = pd.DataFrame({"year": range(5), "peak_mw": np.arange(5.0)})
    path = tmp_path / "r.xlsx"
    write_results_xlsx({"lens/connected": frame, "loads": frame.head(2)}, path)
    rows = _sheet(path, "lens aangesloten")
    note = str(rows[0][0])
    assert len(rows) == 1 and "lens/connected.csv" in note and "5 rijen" in note
    assert len(_sheet(path, "belasting")) == 3


def test_a_column_the_vocabulary_does_not_know_keeps_its_name(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    write_results_xlsx({"nieuw": pd.DataFrame({"what_is_this": [1.23456]})}, path)
    assert _sheet(path, "nieuw") == [("what_is_this",), (1.23456,)]


# --- the record -------------------------------------------------------------------------


@dataclass(frozen=True)
class LaterProvenance(Provenance):
    """A provenance that records more than today's: the keys must flow through."""

    def to_dict(self) -> dict[str, object]:
        return {**super().to_dict(), "library": {"version": "2025.1", "sha256": "cd" * 32},
                "edition": "P-MIEK 2.0"}


def test_every_provenance_key_flows_into_the_record_and_the_sheet(tmp_path: Path) -> None:
    provenance = LaterProvenance("variants", {"scenarios": ["KM", "EV"], "horizon": 2035,
                                              "gap": float("nan")}, "ef" * 32,
                                 solver={"solver": "highs", "mip_gap": 0.01})
    result = Result({"loads": pd.DataFrame({"year": [2030], "peak_demand_mw": [1.0]})},
                    provenance)
    write_outputs(result, tmp_path / "out")
    meta = json.loads((tmp_path / "out" / METADATA_FILE).read_text(encoding="utf-8"))
    assert meta["library"] == {"version": "2025.1", "sha256": "cd" * 32}
    assert meta["edition"] == "P-MIEK 2.0" and meta["parameters"]["gap"] is None
    assert meta["scenarios"] == ["KM", "EV"] and meta["first_year"] is None
    assert {"highs", "linopy", "numpy", "pandas", "pmiek"} <= set(meta["software"])
    rows = {key: value for _, value, key in _sheet(tmp_path / "out" / WORKBOOK,
                                                   "metadata")[1:]}
    assert rows["library.version"] == "2025.1" and rows["edition"] == "P-MIEK 2.0"
    assert rows["first_year"] == NONE and rows["scenarios"] == "KM, EV"
    assert rows["solver.mip_gap"] == 0.01


def test_the_record_names_every_table_with_its_hash(tmp_path: Path) -> None:
    frames = {"loads": pd.DataFrame({"year": [2030], "peak_demand_mw": [1.5]}),
              "lens/schedule": pd.DataFrame({"project_id": ["P"], "capex_meur": [2.0]})}
    write_outputs(Result(frames), tmp_path / "out")
    meta = json.loads((tmp_path / "out" / METADATA_FILE).read_text(encoding="utf-8"))
    digest = hashlib.sha256()
    for name in ("lens/schedule.csv", "loads.csv"):
        body = (tmp_path / "out" / name).read_bytes()
        listed = next(t for t in meta["tables"] if t["file"] == name)
        assert listed["sha256"] == hashlib.sha256(body).hexdigest()
        digest.update(f"{name}\x00{hashlib.sha256(body).hexdigest()}\n".encode())
    assert meta["tables_sha256"] == digest.hexdigest() == output_hash(tmp_path / "out")
    assert meta["workbooks"] == [WORKBOOK] and meta["written_by"] == "pmiek"


def test_the_output_hash_is_over_the_tables_not_the_date(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_outputs(Result({"loads": pd.DataFrame({"peak_demand_mw": [1.0]})}), out)
    first = output_hash(out)
    meta = json.loads((out / METADATA_FILE).read_text(encoding="utf-8"))
    meta["written_at"] = "1999-01-01T00:00:00+00:00"
    (out / METADATA_FILE).write_text(json.dumps(meta), encoding="utf-8")
    (out / WORKBOOK).unlink()
    assert output_hash(out) == first
    (out / "loads.csv").write_text("peak_demand_mw\n2.0\n", encoding="utf-8")
    assert output_hash(out) != first


def test_the_sheet_says_the_record_in_the_language() -> None:
    meta = run_metadata(Result())
    dutch = {key: label for label, _, key in metadata_rows(meta, "nl")}
    english = {key: label for label, _, key in metadata_rows(meta, "en")}
    assert dutch.keys() == english.keys()
    assert dutch["written_at"] == "Geschreven op" and english["written_at"] == "Written at"
    assert "written_by" not in dutch and dutch["edition"] == "Editie"
    shown = {key: value for _, value, key in metadata_rows(meta, "nl")}
    assert shown["edition"] == NONE and "punt als decimaalteken" in str(shown["csv_format"])
    assert "linopy" not in meta["software"]  # no solver ran
