"""The text of a public output as one normalised string, and a scan for personal data in it.

:func:`normalised_text` reads what a reader of the file could see — every paragraph of a DOCX
(its runs joined, so that a name split over runs is found whole), table cells, headers and
footers, notes, document properties; every cell of a CSV or workbook; every key and value of a
JSON file; the text of HTML, Markdown or plain text — case-folded, Unicode-normalised (NFKC)
and with whitespace collapsed. Images (PNG, JPEG) carry no text to scan and give ``""``.

:func:`find_personal` looks for every value of the personal-data table in such texts, as a
whole word sequence (so that a city "Ede" is not found inside "bedenkingen").
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

from pmiek.programme.personal import PERSONAL_COLUMNS, find_personal, normalise

IMAGES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp"})
"""Files without text to scan."""

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_BREAKS = {f"{_W}tab", f"{_W}br", f"{_W}cr"}
_TEXTS = {f"{_W}t", f"{_W}delText", f"{_W}instrText"}


def normalised_text(path: Path) -> str:
    """The visible text of the file at ``path``, normalised (:func:`normalise`); by suffix:
    ``.docx``, ``.xlsx``, ``.csv``, ``.json``/``.geojson``, images (``""``), anything else
    read as UTF-8 text (HTML: its text and attribute values besides the raw source)."""
    suffix = path.suffix.lower()
    if suffix in IMAGES:
        return ""
    reader = {".docx": _docx_text, ".xlsx": _xlsx_text, ".csv": _csv_text,
              ".json": _json_text, ".geojson": _json_text, ".html": _html_text,
              ".htm": _html_text}.get(suffix, _plain_text)
    return normalise(reader(path))


def _plain_text(path: Path) -> str:
    return path.read_text(encoding="utf-8-sig", errors="replace")


def _paragraphs(element: ElementTree.Element) -> Iterator[str]:
    """Each ``w:p`` of a WordprocessingML part as one text, its runs joined."""
    for paragraph in element.iter(f"{_W}p"):
        parts = []
        for node in paragraph.iter():
            if node.tag in _TEXTS:
                parts.append(node.text or "")
            elif node.tag in _BREAKS:
                parts.append(" ")
        yield "".join(parts)


def _all_text(element: ElementTree.Element) -> Iterator[str]:
    for node in element.iter():
        yield from (t for t in (node.text, *node.attrib.values()) if t and t.strip())


def _docx_text(path: Path) -> str:
    """Every XML part of the document: body, headers, footers, notes, comments (paragraphs
    with runs joined) and the document properties (all their text)."""
    found: list[str] = []
    with zipfile.ZipFile(path) as archive:
        for name in sorted(archive.namelist()):
            if not name.endswith(".xml") or name.startswith("word/theme/"):
                continue
            root = ElementTree.fromstring(archive.read(name))
            if name.startswith("docProps/"):
                found.extend(_all_text(root))
            elif name.startswith("word/") and name != "word/styles.xml":
                found.extend(_paragraphs(root))
    return "\n".join(found)


def _xlsx_text(path: Path) -> str:
    from openpyxl import load_workbook

    book = load_workbook(path, data_only=True)
    try:
        found = [str(value) for value in vars(book.properties).values()
                 if isinstance(value, str)]
        for sheet in book.worksheets:
            found.append(sheet.title)
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.value is not None:
                        found.append(str(cell.value))
                    if cell.comment is not None:
                        found.append(cell.comment.text)
    finally:
        book.close()
    return "\n".join(found)


def _csv_text(path: Path) -> str:
    reader = csv.reader(io.StringIO(_plain_text(path)))
    return "\n".join("\n".join(row) for row in reader)


def _json_strings(value: object) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_strings(item)
    elif value is not None:
        yield str(value)


def _json_text(path: Path) -> str:
    return "\n".join(_json_strings(json.loads(_plain_text(path))))


class _HtmlText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.parts.extend(f" {value} " for _, value in attrs if value)

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _html_text(path: Path) -> str:
    raw = _plain_text(path)
    parser = _HtmlText()
    parser.feed(raw)
    parser.close()
    return raw + "\n" + "".join(parser.parts)


__all__ = ["PERSONAL_COLUMNS", "find_personal", "normalise", "normalised_text"]
