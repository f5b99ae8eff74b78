"""The Nota van Beantwoording as DOCX, the acknowledgement letters, the public CSV/JSON, and
the scan of every public output for personal data (issue 17, done-when 3).

The DOCX is read back with python-docx (runs joined) independently of the scan; the scan is
shown to fail on a planted personal value (positive control) before it is trusted to pass.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import docx
import pandas as pd
import pytest
from docx.oxml.ns import qn

from pmiek.adapters.files.nota_docx import write_acknowledgements, write_nota, write_public
from pmiek.adapters.files.public_text import find_personal, normalised_text
from pmiek.errors import WriteError
from pmiek.programme.nota import NotaContent, acknowledgement, nota_content, public_frames
from tests.programme.test_nota import (
    PROGRAMME,
    consultation_dict,
    decisions_frame,
    expected_private_names,
    personal_frame,
    points_frame,
    zienswijzen_frame,
)

HEADER = "Nr | Indiener | Samenvatting | Reactie | Aanpassing"


def make(points: pd.DataFrame | None = None, lang: str = "nl") -> NotaContent:
    return nota_content(PROGRAMME, zienswijzen_frame(),
                        points_frame() if points is None else points, decisions_frame(),
                        consultation_dict(), lang=lang)


def outputs(folder: Path, points: pd.DataFrame | None = None) -> dict[str, Path]:
    """The Nota, the public tables and the letters of the fixture, written into ``folder``."""
    points = points_frame() if points is None else points
    content = make(points)
    nota = write_nota(content, folder / "nota-van-beantwoording.docx")
    written = write_public(public_frames(zienswijzen_frame(), points), folder / "publiek",
                           content)
    found = {"nota": nota, **{p.name: p for p in written}}
    return found


def docx_texts(path: Path) -> tuple[list[str], list[list[list[str]]]]:
    """Paragraph texts (runs joined) and table cell texts, read with python-docx."""
    document = docx.Document(str(path))
    paragraphs = ["".join(run.text for run in p.runs) for p in document.paragraphs]
    tables = [[[cell.text for cell in row.cells] for row in table.rows]
              for table in document.tables]
    return paragraphs, tables


# --- the DOCX --------------------------------------------------------------------------


def test_docx_holds_every_number_answer_and_the_header(tmp_path: Path) -> None:
    points = points_frame()
    path = write_nota(make(points), tmp_path / "nota.docx")
    paragraphs, tables = docx_texts(path)
    everything = "\n".join(paragraphs + [c for t in tables for r in t for c in r])
    assert paragraphs[0] == "Nota van Beantwoording" and paragraphs[1] == PROGRAMME
    for heading in ("1 Inleiding", "2 Lijst van indieners", "3 Beantwoording per thema",
                    "4 Overzicht van wijzigingen"):
        assert heading in paragraphs
    for number in zienswijzen_frame()["number"]:
        assert number in everything
    for point in points.itertuples():
        assert point.answer in everything and f"{point.number}.{point.point}" in everything
    answer_tables = [t for t in tables if " | ".join(t[0]) == HEADER]
    assert len(answer_tables) == points["theme"].nunique()
    assert sum(len(t) - 1 for t in answer_tables) == len(points)
    document = docx.Document(str(path))
    for table in document.tables:
        tr_pr = table.rows[0]._tr.trPr
        assert tr_pr is not None and tr_pr.find(qn("w:tblHeader")) is not None
        assert all(r._tr.trPr is None or r._tr.trPr.find(qn("w:tblHeader")) is None
                   for r in table.rows[1:])


def test_docx_lists_private_persons_as_particulier_n(tmp_path: Path) -> None:
    path = write_nota(make(), tmp_path / "nota.docx")
    _, tables = docx_texts(path)
    listed = {row[0]: row[1] for row in tables[0][1:]}
    for number, name in expected_private_names(zienswijzen_frame()).items():
        assert listed[number] == name
    assert listed["ZW-2025-006"] == "Vereniging Zonnepark De Heuvel"


def test_docx_properties_language_and_footer(tmp_path: Path) -> None:
    path = write_nota(make(), tmp_path / "nota.docx")
    document = docx.Document(str(path))
    assert document.core_properties.title == f"Nota van Beantwoording – {PROGRAMME}"
    assert document.core_properties.language == "nl-NL"
    langs = document.styles.element.findall(f".//{qn('w:docDefaults')}//{qn('w:lang')}")
    assert [e.get(qn("w:val")) for e in langs] == ["nl-NL"]
    footer = document.sections[0].footer._element
    assert any(f.get(qn("w:instr")) == "PAGE" for f in footer.iter(qn("w:fldSimple")))
    assert round(document.sections[0].page_width.mm) == 210


def test_english_docx(tmp_path: Path) -> None:
    path = write_nota(make(lang="en"), tmp_path / "memo.docx")
    paragraphs, tables = docx_texts(path)
    assert paragraphs[0] == "Response memorandum"
    assert any(" | ".join(t[0]) == "No. | Submitter | Summary | Response | Change"
               for t in tables)
    assert "Private person 1" in {row[1] for row in tables[0]}
    assert docx.Document(str(path)).core_properties.language == "en-GB"


# --- public CSV and JSON ---------------------------------------------------------------


def test_public_tables_and_json(tmp_path: Path) -> None:
    files = outputs(tmp_path)
    with files["punten_publiek.csv"].open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    formula = next(r for r in rows if r["number"] == "ZW-2025-003" and r["point"] == "2")
    assert formula["summary"].startswith("'=")  # neutralised: no formula in a spreadsheet
    assert len(rows) == len(points_frame())
    data = json.loads(files["nota.json"].read_text(encoding="utf-8"))
    assert data["licence"] == "CC0-1.0"
    register = zienswijzen_frame()
    assert data["counts"]["total"] == len(register)
    assert data["counts"]["te_laat"] == list(register["timeliness"]).count("te_laat")
    assert sorted(s["number"] for s in data["submitters"]) == sorted(register["number"])
    assert len(data["changes"]) == int(points_frame()["leads_to_change"].sum())


def test_a_table_with_personal_columns_is_refused(tmp_path: Path) -> None:
    frames = {"zienswijzen_publiek": personal_frame()}
    with pytest.raises(WriteError):
        write_public(frames, tmp_path / "out", make())
    assert not (tmp_path / "out").exists()


# --- the scan for personal data (done-when 3) ------------------------------------------


def scan(files: dict[str, Path]) -> list[tuple[str, str, str]]:
    texts = {name: normalised_text(path) for name, path in files.items()}
    public = [*zienswijzen_frame()["public_name"], PROGRAMME]
    return find_personal(texts, personal_frame(), public=public)


def test_no_public_output_holds_personal_data(tmp_path: Path) -> None:
    files = outputs(tmp_path)
    assert set(files) == {"nota", "zienswijzen_publiek.csv", "punten_publiek.csv", "nota.json"}
    assert all(normalised_text(p) for p in files.values())  # something was read
    assert scan(files) == []


def test_scan_finds_a_planted_personal_value(tmp_path: Path) -> None:
    points = points_frame()
    points.loc[points["number"] == "ZW-2025-004", "summary"] = (
        "Mevrouw  FATIMA el Amrani vraagt wie de netverzwaring betaalt.")
    files = outputs(tmp_path, points)
    found = scan(files)
    holding_summaries = {"nota", "punten_publiek.csv", "nota.json"}
    assert set(found) == {(name, "name", "Fatima El Amrani") for name in holding_summaries}


def test_scan_reads_runs_headers_tables_and_properties(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph()
    for part in ("Zie ook Jan ", "de", " Vri", "es."):  # one name over four runs
        paragraph.add_run(part)
    document.add_table(rows=1, cols=1).cell(0, 0).text = "Kerkstraat\n12"
    document.sections[0].footer.paragraphs[0].text = "contact: info@nmf.example"
    document.core_properties.author = "Kees van Dam"
    path = tmp_path / "foreign.docx"
    document.save(str(path))
    found = find_personal({"foreign.docx": normalised_text(path)}, personal_frame())
    assert {(c, v) for _, c, v in found} == {
        ("name", "Jan de Vries"), ("address", "Kerkstraat 12"), ("email", "info@nmf.example"),
        ("contact_person", "Kees van Dam")}


def test_public_names_are_cut_out_but_the_same_word_elsewhere_is_found() -> None:
    personal = personal_frame()
    texts = {"a": normalised_text_of("Reactie van Gemeente Houten."),
             "b": normalised_text_of("Gemeente Houten; de indiener woont in Houten.")}
    assert [f for f, c, _ in find_personal(texts, personal) if c == "city"] == ["a", "b"]
    found = find_personal(texts, personal, public=["Gemeente Houten"])
    assert found == [("b", "city", "Houten")]
    # a whole word only: the city "Odijk" is not found inside "Odijkerweg"
    assert find_personal({"c": normalised_text_of("Odijkerweg")}, personal) == []


def normalised_text_of(text: str) -> str:
    return " ".join(text.casefold().split())


def test_scan_reads_csv_json_xlsx_html_and_skips_png(tmp_path: Path) -> None:
    from openpyxl import Workbook

    (tmp_path / "a.json").write_text(json.dumps({"x": ["Jan\u00a0de  Vries"]}), encoding="utf-8")
    (tmp_path / "b.html").write_text("<p>Pieter <b>Bakker</b></p>", encoding="utf-8")
    (tmp_path / "c.png").write_bytes(b"\x89PNG Jan de Vries")
    book = Workbook()
    book.active["C7"] = "3981 ab"
    book.save(tmp_path / "d.xlsx")
    (tmp_path / "e.csv").write_text('n,w\n1,"Lindelaan 3, Driebergen"\n', encoding="utf-8")
    texts = {p.name: normalised_text(p) for p in sorted(tmp_path.iterdir())}
    assert texts["c.png"] == ""
    found = {(f, v) for f, _, v in find_personal(texts, personal_frame())}
    assert found == {("a.json", "Jan de Vries"), ("b.html", "Pieter Bakker"),
                     ("d.xlsx", "3981 AB"), ("e.csv", "Lindelaan 3"),
                     ("e.csv", "Driebergen")}


# --- letters ---------------------------------------------------------------------------


def test_one_acknowledgement_per_registration_number(tmp_path: Path) -> None:
    register = zienswijzen_frame()
    letters = {row.number: acknowledgement(row.number, row.public_name, row.received_on,
                                           PROGRAMME, "nl")
               for row in register.itertuples()}
    written = write_acknowledgements(letters, tmp_path / "brieven")
    assert sorted(p.name for p in written) == sorted(
        f"ontvangstbevestiging-{n}.docx" for n in register["number"])
    for path in written:
        number = path.stem.removeprefix("ontvangstbevestiging-")
        text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
        assert f"nummer {number}" in text
    with pytest.raises(WriteError):
        write_acknowledgements({"../ZW-1": "x"}, tmp_path / "andere")


# --- not overwriting what pmiek did not write ------------------------------------------


def test_a_foreign_file_is_never_replaced(tmp_path: Path) -> None:
    foreign = tmp_path / "nota.docx"
    document = docx.Document()
    document.add_paragraph("Iemand anders zijn document")
    document.save(str(foreign))
    before = foreign.read_bytes()
    for overwrite in (False, True):
        with pytest.raises(WriteError):
            write_nota(make(), foreign, overwrite=overwrite)
        assert foreign.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["nota.docx"]  # no staging left


def test_pmiek_replaces_its_own_nota_only_with_overwrite(tmp_path: Path) -> None:
    path = write_nota(make(), tmp_path / "nota.docx")
    with pytest.raises(WriteError):
        write_nota(make(lang="en"), path)
    assert docx_texts(path)[0][0] == "Nota van Beantwoording"
    write_nota(make(lang="en"), path, overwrite=True)
    assert docx_texts(path)[0][0] == "Response memorandum"


def test_public_folder_with_a_foreign_file_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "publiek"
    folder.mkdir()
    (folder / "punten_publiek.csv").write_text("van iemand anders\n", encoding="utf-8")
    with pytest.raises(WriteError):
        write_public(public_frames(zienswijzen_frame(), points_frame()), folder, make())
    assert [p.name for p in folder.iterdir()] == ["punten_publiek.csv"]
    assert (folder / "punten_publiek.csv").read_text(encoding="utf-8") == "van iemand anders\n"
