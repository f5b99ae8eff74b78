"""The check tools of the programme document (tests/support), each against a positive and a
negative control: axe-core in Chromium on a good and a bad page, blank-page detection,
text extraction of table rows, and the PDF's tags (structure tree, language, title).
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
import weasyprint
from PIL import Image

from tests.support import browser, pdf_checks
from tests.support.browser import run_axe, screenshot, tools_or_skip
from tests.support.pdf_checks import blank_pages, page_count, page_texts, pdf_text, structure

GOOD_PAGE = """<!DOCTYPE html>
<html lang="nl">
<head><meta charset="utf-8"><title>Prioriteitenlijst</title></head>
<body>
<main>
<h1>Prioriteitenlijst</h1>
<p>Donkere tekst op een witte achtergrond.</p>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="Kaart van de knelpunten">
<form>
  <label for="jaar">Jaar</label> <input id="jaar" name="jaar" type="number" value="2030">
</form>
</main>
</body>
</html>
"""

# The same page with three faults: no lang, an image without alt, light grey text on white.
BAD_PAGE = """<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>Prioriteitenlijst</title></head>
<body>
<main>
<h1>Prioriteitenlijst</h1>
<p style="color: #c8c8c8; background: #ffffff">Lichtgrijze tekst op wit.</p>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<form>
  <label for="jaar">Jaar</label> <input id="jaar" name="jaar" type="number" value="2030">
</form>
</main>
</body>
</html>
"""

A4 = "<style>@page { size: A4; margin: 2cm; @bottom-center { content: counter(page) } }</style>"


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _pdf(path: Path, body: str, head: str = "", lang: str = "nl", tags: bool = True) -> Path:
    """A WeasyPrint PDF of a small document (A4, page numbers in the footer)."""
    lang_attribute = f' lang="{lang}"' if lang else ""
    html = f"<!DOCTYPE html><html{lang_attribute}><head>{head}{A4}</head><body>{body}</body></html>"
    weasyprint.HTML(string=html).write_pdf(path, pdf_tags=tags)
    return path


# --- tools_or_skip ---------------------------------------------------------------------------


def test_tools_or_skip_passes_when_the_tools_are_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = _write(tmp_path / "chromium", "#!/bin/sh\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PMIEK_CHROMIUM", str(fake))
    monkeypatch.setenv("CI", "true")
    assert browser.chromium_path() == str(fake)
    assert browser.missing_tools("chromium") == []
    tools_or_skip("chromium")  # neither skips nor fails


@pytest.mark.parametrize("ci", ["", "0", "false", "No"])
def test_tools_or_skip_skips_outside_ci(monkeypatch: pytest.MonkeyPatch, ci: str) -> None:
    monkeypatch.setenv("PMIEK_CHROMIUM", "/nonexistent/chromium")
    monkeypatch.setenv("CI", ci)
    assert browser.chromium_path() is None
    with pytest.raises(pytest.skip.Exception, match=r"chromium missing.*PMIEK_CHROMIUM"):
        tools_or_skip("chromium")


@pytest.mark.parametrize("ci", ["true", "1", "yes"])
def test_tools_or_skip_fails_under_ci(monkeypatch: pytest.MonkeyPatch, ci: str) -> None:
    monkeypatch.setenv("PMIEK_PDFTOPPM", "/nonexistent/pdftoppm")
    monkeypatch.setenv("CI", ci)
    with pytest.raises(pytest.fail.Exception, match=r"CI is set.*pdftoppm missing"):
        tools_or_skip("playwright", "pdftoppm")


# --- axe-core in Chromium --------------------------------------------------------------------


@pytest.fixture
def browser_tools() -> None:
    tools_or_skip("playwright", "chromium", "axe")


@pytest.mark.browser
@pytest.mark.usefixtures("browser_tools")
def test_axe_finds_no_violation_on_a_good_page(tmp_path: Path) -> None:
    assert run_axe(_write(tmp_path / "good.html", GOOD_PAGE)) == []


@pytest.mark.browser
@pytest.mark.usefixtures("browser_tools")
def test_axe_names_the_faults_of_a_bad_page(tmp_path: Path) -> None:
    violations = run_axe(_write(tmp_path / "bad.html", BAD_PAGE))
    by_id = {violation["id"]: violation for violation in violations}
    assert set(by_id) == {"image-alt", "html-has-lang", "color-contrast"}
    # Each points at the faulty element.
    assert [node["target"] for node in by_id["image-alt"]["nodes"]] == [["img"]]
    assert [node["target"] for node in by_id["html-has-lang"]["nodes"]] == [["html"]]
    (contrast,) = by_id["color-contrast"]["nodes"]
    assert "Lichtgrijze tekst" in contrast["html"]
    assert by_id["color-contrast"]["impact"] == "serious"
    assert all(violation["help"] for violation in violations)
    # The element's HTML is shortened (the <html> element holds the whole page).
    assert all(
        len(node["html"]) <= browser.HTML_EXCERPT
        for violation in violations
        for node in violation["nodes"]
    )
    assert len(BAD_PAGE) > browser.HTML_EXCERPT


@pytest.mark.browser
@pytest.mark.usefixtures("browser_tools")
def test_axe_runs_only_the_rules_of_the_tags_asked(tmp_path: Path) -> None:
    # Contrast is a level-AA rule; a missing alt or lang is level A.
    page = _write(tmp_path / "bad.html", BAD_PAGE)
    assert [violation["id"] for violation in run_axe(page, tags=("wcag2aa",))] == ["color-contrast"]


@pytest.mark.browser
@pytest.mark.usefixtures("browser_tools")
def test_screenshot_renders_the_page_whole_or_its_viewport(tmp_path: Path) -> None:
    page = _write(
        tmp_path / "tall.html",
        '<!DOCTYPE html><html lang="nl"><head><title>t</title></head>'
        '<body style="margin:0"><div style="height:2000px;background:#fff"></div>'
        '<div style="height:400px;background:#d00000"></div></body></html>',
    )
    whole = screenshot(page, tmp_path / "whole.png")
    viewport = screenshot(page, tmp_path / "viewport.png", full_page=False)
    with Image.open(whole) as image:
        pixels = np.asarray(image.convert("RGB")).astype(int)
    with Image.open(viewport) as image:
        top = np.asarray(image.convert("RGB")).astype(int)
    assert pixels.shape[0] >= 2400 > top.shape[0]
    red = (pixels[:, :, 0] > 180) & (pixels[:, :, 1] < 40) & (pixels[:, :, 2] < 40)
    # The red block fills the last 400 rows and nothing above them.
    assert red[-400:].all()
    assert not red[:-400].any()
    assert not ((top[:, :, 0] > 180) & (top[:, :, 1] < 40)).any()


# --- blank pages and page count --------------------------------------------------------------


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Small WeasyPrint documents, made once for the PDF tests of this module."""
    tmp = tmp_path_factory.mktemp("pdfs")
    title = "<title>Programma MIEK Utrecht</title>"
    text = "<p>" + "Lopende tekst over netcongestie en de volgorde van projecten. " * 20 + "</p>"
    return {
        "blank_second": _pdf(
            tmp / "blank_second.pdf",
            f'<h1>Samenvatting</h1>{text}<div style="break-before: page"></div>',
            head=title,
        ),
        "full": _pdf(
            tmp / "full.pdf",
            f'<h1>Samenvatting</h1>{text}<h2 style="break-before: page">Aanleiding</h2>{text}',
            head=title,
        ),
        "untagged": _pdf(tmp / "untagged.pdf", f"<h1>Samenvatting</h1>{text}", title, tags=False),
        "bare": _pdf(tmp / "bare.pdf", f"<h1>Samenvatting</h1>{text}", lang=""),
    }


def test_blank_pages_finds_the_empty_page(pdfs: dict[str, Path]) -> None:
    tools_or_skip("pdftoppm")
    assert page_count(pdfs["blank_second"]) == 2
    assert blank_pages(pdfs["blank_second"]) == [2]
    # The blank page still carries its page number: some ink, under the threshold.
    shares = pdf_checks.ink_shares(pdfs["blank_second"])
    assert 0 < shares[1] < pdf_checks.BLANK_SHARE < shares[0]


def test_blank_pages_finds_none_when_every_page_has_text(pdfs: dict[str, Path]) -> None:
    tools_or_skip("pdftoppm")
    assert page_count(pdfs["full"]) == 2
    assert blank_pages(pdfs["full"]) == []


# --- text --------------------------------------------------------------------------------------


def test_pdf_text_keeps_a_table_row_on_one_line(tmp_path: Path) -> None:
    tools_or_skip("pdftotext")
    rows = [
        (f"PRJ-{i:03d}", "Verzwaring station " + "Lange Naam " * (i % 4), 1 + i % 3, 2026 + i % 9)
        for i in range(60)
    ]
    cells = "".join(
        f"<tr><td>{pid}</td><td>{name}</td><td>{tier}</td><td>{year}</td>"
        f"<td>{'Motivering die over regels doorloopt. ' * (i % 4)}</td></tr>"
        for i, (pid, name, tier, year) in enumerate(rows)
    )
    pdf = _pdf(
        tmp_path / "table.pdf",
        "<table><thead><tr><th>Project</th><th>Naam</th><th>Tier</th><th>Jaar</th>"
        f"<th>Motivering</th></tr></thead><tbody>{cells}</tbody></table>",
        head="<title>t</title><style>td { vertical-align: middle; width: 4cm }</style>",
    )
    text = pdf_text(pdf)
    assert page_count(pdf) > 1  # the table runs over pages
    for pid, _, tier, year in rows:
        (line,) = [line for line in text.splitlines() if re.search(rf"\b{pid}\b", line)]
        assert re.search(rf"{pid}\b.*\s{tier}\s+{year}\b", line), line
    pages = page_texts(pdf)
    assert len(pages) == page_count(pdf)
    assert "PRJ-000" in pages[0]
    assert "PRJ-000" not in pages[-1]
    assert "PRJ-059" in pages[-1]


# --- structure: tags, language, title ----------------------------------------------------------


def test_structure_of_a_tagged_pdf(pdfs: dict[str, Path]) -> None:
    found = structure(pdfs["full"])
    assert found["tagged"] is True
    assert found["marked"] is True
    assert found["lang"] == "nl"
    assert found["title"] == "Programma MIEK Utrecht"
    # One H1 and one H2 in the HTML, and (at least) their two paragraphs.
    assert found["elements"]["H1"] == 1
    assert found["elements"]["H2"] == 1
    assert found["elements"]["P"] >= 2
    assert "Table" not in found["elements"]


def test_structure_of_an_untagged_pdf(pdfs: dict[str, Path]) -> None:
    found = structure(pdfs["untagged"])
    assert found["tagged"] is False
    assert found["marked"] is False
    assert found["elements"] == {}
    # Language and title do not depend on the tags.
    assert found["lang"] == "nl"
    assert found["title"] == "Programma MIEK Utrecht"


def test_structure_without_language_or_title(pdfs: dict[str, Path]) -> None:
    found = structure(pdfs["bare"])
    assert found["tagged"] is True
    assert found["lang"] in (None, "")  # WeasyPrint writes an empty /Lang
    assert found["title"] is None


def test_structure_counts_tables_figures_and_links(tmp_path: Path) -> None:
    pdf = _pdf(
        tmp_path / "kinds.pdf",
        "<h1>Kop</h1><h2>Een</h2><h2>Twee</h2><p>Zie <a href='#t'>de tabel</a>.</p>"
        "<table id='t'><tr><th>Jaar</th></tr><tr><td>2030</td></tr><tr><td>2035</td></tr></table>"
        "<img alt='Kaart' src='data:image/svg+xml,"
        "<svg xmlns=%22http://www.w3.org/2000/svg%22 width=%2220%22 height=%2220%22/>'>",
        head="<title>t</title>",
    )
    elements = structure(pdf)["elements"]
    assert (elements["H1"], elements["H2"]) == (1, 2)
    assert (elements["Table"], elements["TR"], elements["TH"], elements["TD"]) == (1, 3, 1, 2)
    assert elements["Link"] == 1
    assert elements["Figure"] == 1
