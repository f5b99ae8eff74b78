"""The zienswijzen template and its import (pmiek.adapters.files.consultation_xlsx): the
template as a person fills it in reads back as the CSV folder does; a broken one is refused
whole, naming sheet, row and column; nothing is written over a file pmiek did not write."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

import pmiek
from pmiek.adapters.files.consultation_xlsx import (
    RegisterError,
    read_answers,
    read_register,
    write_template,
)
from pmiek.adapters.files.safety import has_mark
from pmiek.domain.problems import Code
from pmiek.errors import WriteError
from pmiek.programme import consultation as c

EXAMPLE = Path(pmiek.__file__).parent / "data" / "utrecht" / "programme" / "zienswijzen"
COLUMNS = dict(zip(c.SHEETS, (c.ZIENSWIJZE_COLUMNS, c.POINT_COLUMNS, c.PERSONAL_COLUMNS),
                   strict=True))


def _csv(name: str) -> pd.DataFrame:
    return pd.read_csv(EXAMPLE / f"{name}.csv", dtype=str, keep_default_na=False)


def _typed(sheet: str, column: str, text: str) -> object:
    """What a person types into the cell: dates as dates, point numbers as numbers, yes/no
    in Dutch; an empty cell stays empty."""
    if text == "":
        return None
    if column in ("received_on", "posted_on", "retain_until"):
        return dt.datetime.fromisoformat(text)
    if column == "point":
        return int(text)
    if column == "leads_to_change":
        return "ja" if text == "true" else "nee"
    return text


def _fill(template: Path, target: Path) -> None:
    book = load_workbook(template)
    for sheet in c.SHEETS:
        frame = _csv(sheet)
        for row, record in enumerate(frame.itertuples(index=False), start=2):
            for col, (column, text) in enumerate(zip(frame.columns, record, strict=True),
                                                 start=1):
                book[sheet].cell(row=row, column=col, value=_typed(sheet, column, text))
    book.save(target)


@pytest.fixture
def template(tmp_path: Path) -> Path:
    return write_template(tmp_path / "zienswijzen.xlsx")


@pytest.fixture
def filled(template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "ingevuld.xlsx"
    _fill(template, target)
    return target


def test_the_template_has_the_sheets_and_columns(template: Path) -> None:
    book = load_workbook(template)
    assert book.sheetnames[:4] == ["toelichting", *c.SHEETS]
    for sheet, columns in COLUMNS.items():
        header = [cell.value for cell in book[sheet][1]]
        assert header == list(columns)
        assert "timeliness" not in header
        assert all(cell.comment is not None for cell in book[sheet][1])
    assert book["toelichting"].protection.sheet
    hidden = [s.title for s in book.worksheets if s.sheet_state == "hidden"]
    assert hidden == ["keuzelijsten"]
    assert has_mark(template, "xlsx")


def test_the_template_has_drop_downs_for_the_choices(template: Path) -> None:
    book = load_workbook(template)
    lists = book["keuzelijsten"]
    choices = {str(cells[0].value): [c.value for c in cells[1:] if c.value]
               for cells in lists.iter_cols()}
    found = {}
    for sheet in c.SHEETS:
        for validation in book[sheet].data_validations.dataValidation:
            letter = str(validation.sqref).split(":")[0].rstrip("0123456789")
            column = book[sheet][f"{letter}1"].value
            area = validation.formula1.split("!")[1].replace("$", "")
            values = [cell.value for (cell,) in lists[area]]
            found[f"{sheet}.{column}"] = values
    assert found == {"zienswijzen.channel": list(c.CHANNELS),
                     "zienswijzen.submitter_type": list(c.SUBMITTER_TYPES),
                     "punten.leads_to_change": ["ja", "nee"]}
    assert choices["punten.leads_to_change"] == ["ja", "nee"]


def test_the_instructions_exist_in_dutch_and_english(tmp_path: Path) -> None:
    dutch = load_workbook(write_template(tmp_path / "nl.xlsx"))["toelichting"]
    english = load_workbook(write_template(tmp_path / "en.xlsx", lang="en"))["toelichting"]
    text_nl = " ".join(str(c.value) for row in dutch.iter_rows() for c in row if c.value)
    text_en = " ".join(str(c.value) for row in english.iter_rows() for c in row if c.value)
    assert "nooit gepubliceerd" in text_nl and "never published" in text_en
    assert "Particulier 1" in text_nl and "Particulier 1" in text_en
    assert text_nl != text_en


def test_a_filled_template_reads_as_the_csv_folder(filled: Path) -> None:
    from_xlsx = read_register(filled)
    from_csv = read_register(EXAMPLE)
    for left, right in zip(from_xlsx.frames().values(), from_csv.frames().values(),
                           strict=True):
        pd.testing.assert_frame_equal(left, right)
    # and both are the example as written, typed
    assert from_csv.zienswijzen.astype(str).equals(_csv("zienswijzen"))
    points = _csv("punten")
    assert list(from_csv.points["point"]) == [int(p) for p in points["point"]]
    assert not from_csv.points["leads_to_change"].any()


def _break(filled: Path, target: Path) -> None:
    book = load_workbook(filled)
    z = book["zienswijzen"]
    z["D3"] = "fax"                        # row 3 (ZW-2025-002): channel
    z["F2"] = "Anna"                       # row 2 (ZW-2025-001) is a particulier
    z["B5"] = None                         # row 5 (ZW-2025-004): received_on
    book["punten"]["D4"] = '=CONCAT("a";"b")'  # a formula in a summary
    book.save(target)


def test_a_broken_template_is_refused_whole_naming_every_cell(filled: Path,
                                                              tmp_path: Path) -> None:
    broken = tmp_path / "kapot.xlsx"
    _break(filled, broken)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    with pytest.raises(RegisterError) as caught:
        read_register(broken)
    places = {(item.sheet, item.line, item.problem.column, item.problem.code)
              for item in caught.value.located}
    assert places == {("zienswijzen", 3, "channel", Code.NOT_ALLOWED),
                      ("zienswijzen", 2, "public_name", Code.NOT_ALLOWED),
                      ("zienswijzen", 5, "received_on", Code.MISSING_VALUE),
                      ("punten", 4, "summary", Code.NOT_ALLOWED),
                      # the formula has no value, so the summary is also missing
                      ("punten", 4, "summary", Code.MISSING_VALUE)}
    assert {item.path for item in caught.value.located} == {str(broken)}
    # the message names the row as the sheet shows it, and never the private name
    described = caught.value.describe("nl")
    assert "zienswijzen, rij 3 (ZW-2025-002), kolom channel" in described
    assert "punten!D4" in described and "Anna" not in described
    # reading wrote nothing
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_a_missing_sheet_is_named(filled: Path, tmp_path: Path) -> None:
    book = load_workbook(filled)
    del book["persoonsgegevens"]
    book.save(tmp_path / "zonder.xlsx")
    with pytest.raises(RegisterError) as caught:
        read_register(tmp_path / "zonder.xlsx")
    [item] = caught.value.located
    assert (item.problem.table, item.problem.code) == ("persoonsgegevens", Code.UNREADABLE)
    assert "persoonsgegevens" in item.problem.message("nl")


def test_a_broken_csv_row_is_named_by_file_and_line(tmp_path: Path) -> None:
    folder = tmp_path / "map"
    shutil.copytree(EXAMPLE, folder)
    lines = (folder / "zienswijzen.csv").read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("ZW-2025-004,"))
    assert ",email," in lines[index]
    lines[index] = lines[index].replace(",email,", ",telefax,")
    (folder / "zienswijzen.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(RegisterError) as caught:
        read_register(folder)
    [item] = caught.value.located
    assert (Path(item.path or "").name, item.line, item.problem.column) == (
        "zienswijzen.csv", index + 1, "channel")
    assert item.problem.place("en").startswith(f"zienswijzen.csv, row {index + 1}")


def test_the_template_is_not_written_over_a_foreign_file(tmp_path: Path) -> None:
    foreign = tmp_path / "register.xlsx"
    Workbook().save(foreign)
    content = foreign.read_bytes()
    for overwrite in (False, True):
        with pytest.raises(WriteError):
            write_template(foreign, overwrite=overwrite)
    assert foreign.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["register.xlsx"]


def test_the_template_replaces_its_own_file_only_when_asked(template: Path) -> None:
    with pytest.raises(WriteError):
        write_template(template)
    assert write_template(template, overwrite=True) == template
    assert has_mark(template, "xlsx")


def test_the_example_answers_read_and_apply() -> None:
    answers = read_answers(EXAMPLE / "antwoorden.csv")
    assert list(answers.columns) == list(c.ANSWER_COLUMNS)
    assert answers["point"].dtype == int and answers["leads_to_change"].dtype == bool
    register = read_register(EXAMPLE)
    done = c.apply_answers(register.points, answers)
    assert c.answered(done)
    assert int(done["leads_to_change"].sum()) == int(
        (_csv("antwoorden")["leads_to_change"] == "true").sum())


def test_answers_from_a_workbook_with_a_formula_are_refused(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "antwoorden"
    sheet.append(list(c.ANSWER_COLUMNS))
    sheet.append(["ZW-2025-001", 1, "Dank u.", "nee", None, None])
    sheet.append(["ZW-2025-001", "=1+1", "Dank u.", "nee", None, None])
    book.save(tmp_path / "antwoorden.xlsx")
    with pytest.raises(RegisterError) as caught:
        read_answers(tmp_path / "antwoorden.xlsx")
    assert ("antwoorden", 3, "point", Code.NOT_ALLOWED) in {
        (i.sheet, i.line, i.problem.column, i.problem.code) for i in caught.value.located}
