"""Writing the Nota van Beantwoording (DOCX), the acknowledgement letters and the public tables.

:func:`write_nota` lays a :class:`~pmiek.programme.nota.NotaContent` out in the usual Dutch
way with python-docx: title, the programme as subtitle, 1 Inleiding, 2 Lijst van indieners (a
table), 3 Beantwoording per thema (a heading per theme and a table Nr | Indiener |
Samenvatting | Reactie | Aanpassing whose header row repeats on every page), 4 Overzicht van
wijzigingen; A4, the document language in the styles, a page number in the footer.
:func:`write_acknowledgements` writes one letter per registration number,
:func:`write_public` the CC0 tables as CSV (formulas neutralised) and the Nota as JSON.

Nothing is written over a file that pmiek did not write (see
:mod:`pmiek.adapters.files.safety`): the Nota carries pmiek's mark as a custom document
property, as a workbook does, and replaces an existing file only with ``overwrite`` and that
mark; the folders are written by :func:`~pmiek.adapters.files.outputs.write_folder`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
from docx import Document
from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from pmiek.adapters.files import write_file
from pmiek.adapters.files.inert import neutralise_frame, printable
from pmiek.adapters.files.outputs import write_folder
from pmiek.adapters.files.public_text import PERSONAL_COLUMNS
from pmiek.adapters.files.safety import (
    MARK,
    Source,
)
from pmiek.errors import WriteError, said
from pmiek.programme.nota import LABELS, NotaContent

LICENCE = "CC0-1.0"
"""The licence of the public tables and ``nota.json``."""

_LANGUAGES = {"nl": "nl-NL", "en": "en-GB"}
TABLE_FONT = Pt(9)
"""The size of table text: the answers are long, the columns narrow."""
_ANSWER_WIDTHS_CM = (2.5, 2.5, 3.9, 4.5, 2.6)
_SUBMITTER_WIDTHS_CM = (2.8, 5.6, 2.4, 3.0, 2.2)
_CHANGE_WIDTHS_CM = (2.6, 2.4, 7.0, 4.0)
_CUSTOM = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    'custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
    'docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" '
    f'name="{MARK[0]}"><vt:lpwstr>{MARK[1]}</vt:lpwstr></property></Properties>')
_SAFE_NUMBER = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


# --- building blocks -------------------------------------------------------------------


def _clean(value: str) -> str:
    return printable(value)  # no control characters: XML cannot hold them


def _new_document(title: str, subject: str, lang: str) -> DocxDocument:
    """An empty A4 document with pmiek's mark, its properties and language set."""
    document = Document()
    properties = document.core_properties
    properties.title = _clean(title)
    properties.subject = _clean(subject)
    properties.author = "pmiek"
    properties.last_modified_by = "pmiek"
    properties.comments = ""
    properties.language = _LANGUAGES[lang]
    properties.created = properties.modified = datetime.now(UTC).replace(microsecond=0)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        run_defaults = defaults.find(qn("w:rPrDefault"))
        r_pr = run_defaults.find(qn("w:rPr")) if run_defaults is not None else None
        if r_pr is not None:
            for old in r_pr.findall(qn("w:lang")):
                r_pr.remove(old)
            language = OxmlElement("w:lang")
            language.set(qn("w:val"), _LANGUAGES[lang])
            r_pr.append(language)
    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Cm(2)
    package = document.part.package
    custom = Part(PackURI("/docProps/custom.xml"),
                  "application/vnd.openxmlformats-officedocument.custom-properties+xml",
                  _CUSTOM.encode("utf-8"), package)
    package.relate_to(custom, RT.CUSTOM_PROPERTIES)
    return document


def _page_footer(document: DocxDocument, word: str) -> None:
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.add_run(f"{word} ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _table(document: DocxDocument, headers: Sequence[str], rows: Sequence[Sequence[str]],
           widths: Sequence[float] = ()) -> None:
    """A table with a bold header row that repeats on every page."""
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    header = table.rows[0]
    header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for cell, name in zip(header.cells, headers, strict=True):
        run = cell.paragraphs[0].add_run(name)
        run.bold, run.font.size = True, TABLE_FONT
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.paragraphs[0].add_run(_clean(value)).font.size = TABLE_FONT
    if widths:
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Cm(width)  # the grid, which LibreOffice reads
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = Cm(width)


def _nota_document(content: NotaContent) -> DocxDocument:
    words = LABELS[content.lang]
    document = _new_document(f"{content.title} – {content.programme}", content.programme,
                             content.lang)
    document.add_heading(content.title, level=0)
    document.add_paragraph(_clean(content.programme), style="Subtitle")
    intro, listed, answers, changes = content.headings
    document.add_heading(intro, level=1)
    for paragraph in content.introduction:
        document.add_paragraph(_clean(paragraph))
    document.add_heading(listed, level=1)
    _table(document, content.submitter_headers,
           [(s.number, s.indiener, s.submitter_type, s.received_on, s.timeliness)
            for s in content.submitters], _SUBMITTER_WIDTHS_CM)
    document.add_heading(answers, level=1)
    for section in content.themes:
        document.add_heading(_clean(section.theme[:1].upper() + section.theme[1:]), level=2)
        _table(document, content.answer_headers,
               [(r.nr, r.indiener, r.summary, r.answer, r.change) for r in section.rows],
               _ANSWER_WIDTHS_CM)
    document.add_heading(changes, level=1)
    if content.changes:
        _table(document, content.change_headers,
               [(c.nr, c.theme, c.change, c.change_ref) for c in content.changes],
               _CHANGE_WIDTHS_CM)
    else:
        document.add_paragraph(content.no_changes)
    _page_footer(document, words["page"])
    return document


# --- single file -----------------------------------------------------------------------


def write_nota(content: NotaContent, path: Path, *, overwrite: bool = False,
               sources: Sequence[Source] = ()) -> Path:
    """Write the Nota van Beantwoording ``content`` as a DOCX at ``path``, whole or not at
    all. An existing file is replaced only with ``overwrite`` and only when pmiek wrote it;
    ``sources`` (the command's inputs) are never written over. Returns the path written."""
    target = Path(path)
    if target.suffix.lower() != ".docx":
        raise said(WriteError,
                   nl=f"{target.name} eindigt niet op .docx; de Nota van Beantwoording is een "
                      "Word-document. Er is niets geschreven.",
                   en=f"{target.name} does not end in .docx; the response memorandum is a "
                      "Word document. Nothing was written.")
    return write_file(target, "docx", lambda built: _nota_document(content).save(str(built)),
                      overwrite=overwrite, sources=sources)


# --- folders ---------------------------------------------------------------------------


def _letter_name(number: str) -> str:
    if not _SAFE_NUMBER.fullmatch(number):
        raise said(WriteError,
                   nl=f"Registratienummer {number!r} kan geen bestandsnaam worden: gebruik "
                      "letters, cijfers, '.', '_' en '-'. Er is niets geschreven.",
                   en=f"Registration number {number!r} cannot be a file name: use letters, "
                      "digits, '.', '_' and '-'. Nothing was written.")
    return f"ontvangstbevestiging-{number}.docx"


def write_acknowledgements(letters: Mapping[str, str], folder: Path, *,
                           lang: str = "nl", overwrite: bool | None = None,
                           sources: Sequence[Source] = ()) -> list[Path]:
    """Write one DOCX per registration number of ``letters`` (number → letter text, paragraphs
    separated by a blank line) into ``folder`` as ``ontvangstbevestiging-<number>.docx``, all
    or nothing (the rules of :func:`~pmiek.adapters.files.outputs.write_folder`)."""
    names = {number: _letter_name(number) for number in letters}

    def build(stage: Path) -> None:
        for number, letter in letters.items():
            document = _new_document(f"Ontvangstbevestiging {number}", number, lang)
            for paragraph in letter.split("\n\n"):
                document.add_paragraph(_clean(paragraph))
            document.save(str(stage / names[number]))

    return write_folder(Path(folder), list(names.values()), build,
                        record={"content": "ontvangstbevestigingen"}, overwrite=overwrite,
                        sources=sources)


def write_public(frames: Mapping[str, pd.DataFrame], folder: Path, content: NotaContent, *,
                 overwrite: bool | None = None, sources: Sequence[Source] = (),
                 texts: Mapping[str, str] | None = None) -> list[Path]:
    """Write the public tables ``frames`` (name → ``name.csv``, e.g. ``zienswijzen_publiek``
    and ``punten_publiek``, text neutralised against spreadsheet formulas) and ``nota.json``
    (``content`` with ``"licence": "CC0-1.0"``) into ``folder``, all or nothing. A table with
    a column of the personal-data table is refused: it may never be published. ``texts``
    (file name → text, e.g. the participation paragraph) are written as UTF-8 text files."""
    texts = dict(texts or {})
    for name, frame in frames.items():
        personal = sorted(set(PERSONAL_COLUMNS) & set(frame.columns))
        if personal or not re.fullmatch(r"[a-z0-9_]+", name):
            raise said(WriteError,
                       nl=f"De tabel {name!r} mag niet openbaar worden: een tabelnaam heeft "
                          f"alleen a-z, 0-9 en '_' en persoonsgegevens ({personal}) worden nooit "
                          "gepubliceerd. Er is niets geschreven.",
                       en=f"The table {name!r} may not be published: a table name has only "
                          f"a-z, 0-9 and '_', and personal data ({personal}) are never "
                          "published. Nothing was written.")
    names = [f"{name}.csv" for name in frames] + ["nota.json", *texts]

    def build(stage: Path) -> None:
        for name, frame in frames.items():
            neutralise_frame(frame).to_csv(stage / f"{name}.csv", index=False)
        data = {"licence": LICENCE, **content.to_dict()}
        (stage / "nota.json").write_text(json.dumps(data, ensure_ascii=False, indent=1),
                                         encoding="utf-8")
        for name, body in texts.items():
            (stage / name).write_text(body.rstrip("\n") + "\n", encoding="utf-8")

    return write_folder(Path(folder), names, build,
                        record={"content": "nota-publiek", "licence": LICENCE},
                        overwrite=overwrite, sources=sources)
