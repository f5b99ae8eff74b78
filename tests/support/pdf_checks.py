"""Checks of a generated PDF: pages, blank pages, text, tags (structure tree, language, title).

Rendering and text extraction use poppler (`pdftoppm`, `pdftotext`; Debian package
poppler-utils, found through PMIEK_PDFTOPPM / PMIEK_PDFTOTEXT or PATH); the document's
objects are read with pikepdf.

Text extraction: `pdftotext -layout`. It keeps the cells of a table row on one line, also
when another cell of the row wraps over several lines, whatever the cells' vertical
alignment (tried on a WeasyPrint table of 80 rows with wrapping names and rationales: all 80
"project id … tier … year" rows found on one line). `pdftotext -raw` and pypdf's default
extraction follow the content stream and put a wrapped cell's lines between the row's other
cells (2 of 80 and 2–22 of 80 rows found); pypdf's layout mode finds all 80 too but is about
25 times slower (7 s against 0.3 s for 58 pages). Words hyphenated by the layout keep their
hyphen (U+2010) and line break in every method.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pikepdf
from PIL import Image

# A pixel is white when all its channels are at least this light (anti-aliasing and faint
# rules count as ink); a page is blank when less than BLANK_SHARE of its pixels are ink.
WHITE_LEVEL = 245
BLANK_SHARE = 0.001


def _tool_path(name: str) -> str | None:
    configured = os.environ.get(f"PMIEK_{name.upper()}", "").strip()
    if configured:
        return configured if os.access(configured, os.X_OK) else None
    return shutil.which(name)


def pdftoppm_path() -> str | None:
    """poppler's pdftoppm: PMIEK_PDFTOPPM, else PATH."""
    return _tool_path("pdftoppm")


def pdftotext_path() -> str | None:
    """poppler's pdftotext: PMIEK_PDFTOTEXT, else PATH."""
    return _tool_path("pdftotext")


def _require(name: str, path: str | None) -> str:
    if path is None:
        raise FileNotFoundError(
            f"{name} not found: run scripts/browser_tools.sh or set PMIEK_{name.upper()}"
        )
    return path


def page_count(pdf: Path) -> int:
    """The number of pages."""
    with pikepdf.open(pdf) as document:
        return len(document.pages)


def ink_shares(pdf: Path, dpi: int = 30) -> list[float]:
    """Per page (in order), the share of its pixels that are not white, rendered at `dpi`."""
    pdftoppm = _require("pdftoppm", pdftoppm_path())
    with tempfile.TemporaryDirectory(prefix="pmiek-pages-") as tmp:
        subprocess.run(
            [pdftoppm, "-r", str(dpi), "-png", str(pdf), str(Path(tmp) / "page")],
            check=True,
            capture_output=True,
        )
        # page-1.png … or page-01.png … (padded to the page count's width): sort by number.
        pngs = sorted(Path(tmp).glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        shares = []
        for png in pngs:
            with Image.open(png) as image:
                pixels = np.asarray(image.convert("RGB"))
            shares.append(float((pixels.min(axis=2) < WHITE_LEVEL).mean()))
    return shares


def blank_pages(pdf: Path, dpi: int = 30) -> list[int]:
    """The (1-based) numbers of the pages that are (nearly) white: under 0.1 % ink."""
    return [number for number, share in enumerate(ink_shares(pdf, dpi), 1) if share < BLANK_SHARE]


def pdf_text(pdf: Path) -> str:
    """The text of all pages (`pdftotext -layout`, UTF-8); pages are separated by a form feed."""
    pdftotext = _require("pdftotext", pdftotext_path())
    done = subprocess.run(
        [pdftotext, "-layout", "-enc", "UTF-8", str(pdf), "-"],
        check=True,
        capture_output=True,
    )
    return done.stdout.decode("utf-8")


def page_texts(pdf: Path) -> list[str]:
    """The text of each page (`pdf_text` split at its form feeds)."""
    pages = pdf_text(pdf).split("\f")
    # pdftotext ends the last page with a form feed too.
    return pages[:-1] if pages and not pages[-1].strip() else pages


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _element_counts(root: pikepdf.Dictionary) -> Counter[str]:
    """The structure elements below the StructTreeRoot, counted by their type (/S)."""
    counts: Counter[str] = Counter()
    stack: list[Any] = [root.get("/K")]
    seen: set[tuple[int, int]] = set()
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(node)
            continue
        if not isinstance(node, pikepdf.Dictionary):
            continue  # a marked-content id (integer) or nothing
        if node.is_indirect:
            if node.objgen in seen:
                continue
            seen.add(node.objgen)
        # Marked-content and object references (/Type /MCR, /OBJR) have no /S.
        if "/S" in node:
            counts[str(node.S).removeprefix("/")] += 1
            stack.append(node.get("/K"))
    return counts


def structure(pdf: Path) -> dict[str, Any]:
    """What a PDF reader learns about the document's accessibility from its catalog.

    A dict with
    - "tagged": the catalog has a StructTreeRoot; "marked": MarkInfo /Marked;
    - "lang": the catalog's /Lang (None when absent; WeasyPrint writes "" for a page
      without lang);
    - "title": docinfo /Title; "xmp_title": XMP dc:title; "display_title": ViewerPreferences
      /DisplayDocTitle;
    - "elements": {structure type: count}, the types as written in /S ("H1", "P", "Table",
      "Figure", "Link", ...; not mapped through /RoleMap).
    """
    with pikepdf.open(pdf) as document:
        root = document.Root
        tree = root.get("/StructTreeRoot")
        mark_info = root.get("/MarkInfo")
        preferences = root.get("/ViewerPreferences")
        # Read only: open_metadata() used as a context manager would write the XMP back into
        # the docinfo on exit (and drop a /Title the XMP lacks).
        xmp_title = document.open_metadata().get("dc:title")
        return {
            "tagged": isinstance(tree, pikepdf.Dictionary),
            "marked": bool(mark_info is not None and mark_info.get("/Marked", False)),
            "lang": _text(root.get("/Lang")),
            "title": _text(document.docinfo.get("/Title")),
            "xmp_title": _text(xmp_title),
            "display_title": bool(
                preferences is not None and preferences.get("/DisplayDocTitle", False)
            ),
            "elements": (
                dict(_element_counts(tree)) if isinstance(tree, pikepdf.Dictionary) else {}
            ),
        }
