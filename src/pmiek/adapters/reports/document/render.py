"""The programme document as files: ``p-miek.html`` (one self-contained file: styles and SVG
inline), ``p-miek.pdf`` (WeasyPrint, A4, tagged, from the same HTML with the print styles)
and ``tabellen/*.csv``, the tables every number of the text refers to.

A public document is checked before anything is written: should an id or name of a
confidential asset or project still occur in the HTML or a table, nothing is written.
"""

from __future__ import annotations

import html as html_lib
import io
import re
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import jinja2
import pandas as pd

from pmiek.adapters.files.inert import neutralise_frame
from pmiek.adapters.files.outputs import write_folder
from pmiek.adapters.reports.document.model import Document
from pmiek.adapters.reports.document.texts import words
from pmiek.errors import InputError, said
from pmiek.report.public import Hidden, leaks

HTML_FILE = "p-miek.html"
PDF_FILE = "p-miek.pdf"
TABLES_FOLDER = "tabellen"


class _Counter:
    """Figure numbers in document order."""

    def __init__(self) -> None:
        self.n = 0

    def next(self) -> int:
        self.n += 1
        return self.n


def _template_text(name: str) -> str:
    return (resources.files("pmiek.adapters.reports.document") / "templates" / name
            ).read_text(encoding="utf-8")


def html_text(doc: Document) -> str:
    """The document as one HTML text."""
    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(_template_text), autoescape=True,
        undefined=jinja2.StrictUndefined, trim_blocks=False, lstrip_blocks=False)
    template = env.get_template("p-miek.html.j2")
    return template.render(doc=doc, w=words(doc.lang), css=_template_text("p-miek.css"),
                           counter=_Counter())


def pdf_bytes(html: str) -> tuple[bytes, int]:
    """The PDF of ``html`` (A4 by its print styles, tagged: a structure tree, with the
    document's language and title) and its number of pages."""
    import weasyprint

    rendered = weasyprint.HTML(string=html, base_url=None).render(pdf_tags=True)
    pdf = rendered.write_pdf(pdf_tags=True)
    assert pdf is not None
    return bytes(pdf), len(rendered.pages)


def visible_text(html: str) -> str:
    """The text of ``html`` as a reader sees it (tags removed, entities decoded)."""
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", html))


def csv_text(frame: pd.DataFrame) -> str:
    out = io.StringIO()
    neutralise_frame(frame).to_csv(out, index=False, lineterminator="\n")
    return out.getvalue()


def check_public(html: str, tables: dict[str, str], hidden: Hidden) -> None:
    """Refuse to write a public document that names a confidential asset or project."""
    texts = {HTML_FILE: visible_text(html) + "\n" + html, **tables}
    found = leaks(texts, hidden)
    if found:
        places = sorted({file for file, _column, _value in found})
        raise said(InputError,
                   nl="De openbare versie zou vertrouwelijke netcomponenten of projecten "
                      f"noemen (in {', '.join(places)}); er is niets geschreven.",
                   en="The public version would name confidential assets or projects "
                      f"(in {', '.join(places)}); nothing was written.")


def write_report(doc: Document, out: Path, hidden: Hidden, *, pdf: bool = True,
                 overwrite: bool | None = None, sources: Sequence[Path] = ()
                 ) -> tuple[list[Path], int]:
    """Write the HTML, the PDF and the tables of ``doc`` into ``out`` (all or nothing, never
    replacing a file that pmiek did not write); the paths written and the PDF's pages."""
    html = html_text(doc)
    tables = {f"{TABLES_FOLDER}/{key}.csv": csv_text(frame)
              for key, frame in sorted(doc.tables_out.items())}
    check_public(html, tables, hidden)
    content, pages = pdf_bytes(html) if pdf else (b"", 0)
    names = [HTML_FILE, *([PDF_FILE] if pdf else []), *tables]

    def build(folder: Path) -> None:
        (folder / HTML_FILE).write_text(html, encoding="utf-8")
        if pdf:
            (folder / PDF_FILE).write_bytes(content)
        for name, text in tables.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")

    paths = write_folder(out, names, build, record={"report": doc.title},
                         overwrite=overwrite, parents=True, sources=list(sources))
    return paths, pages


__all__ = ["HTML_FILE", "PDF_FILE", "TABLES_FOLDER", "check_public", "html_text", "pdf_bytes",
           "visible_text", "write_report"]
