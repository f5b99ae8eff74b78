"""The programme document (issue 18) from an adopted edition of the example trail and from a
workspace without an edition: what the PDF says, where every narrative number comes from,
what the public version leaves out, and the structure of HTML and PDF.

Every check reads the written files (the PDF's text, the HTML, ``tabellen/*.csv``) with its own
means, not through the generator."""

from __future__ import annotations

import json
import math
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pikepdf
import pypdf
import pytest
from typer.testing import CliRunner

from pmiek.adapters.cli.main import build_app
from pmiek.adapters.files.public_text import find_personal, normalise, normalised_text
from pmiek.adapters.store.consultation_store import Consultation
from pmiek.adapters.store.store import Store
from pmiek.domain.workspace import Workspace
from tests.report.conftest import Made
from tests.support.browser import run_axe, tools_or_skip
from tests.support.pdf_checks import blank_pages

CHAPTERS_NL = [
    "Samenvatting", "Aanleiding, proces en participatie", "Stap 1 – Inzicht",
    "Stap 2 – Energievisie en afwegingskader", "Stap 3 – Ontwikkelvarianten",
    "Stap 4 – Scoren en wegen", "Geprioriteerde projectenlijst",
    "Stap 5 – Borgen en uitvoeren", "Bijlage A – Databronnen",
    "Bijlage B – Methoden en formules", "Bijlage C – Validatie", "Bijlage D – Begrippenlijst",
    "Bijlage E – Brontabellen", "Bijlage F – Tabellen bij de figuren", "Bijlage G – Colofon"]


def _text(pdf: Path) -> str:
    done = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True)
    return done.stdout


def _consult(made: Made) -> Consultation:
    return Consultation(Store(made.db), "kernteam")


def _workspace(made: Made) -> Workspace:
    consult = _consult(made)
    info = consult.edition(made.script.FIRST)
    return consult.store.load(info.workspace, info.version)


# --- done-when 2: the priority list and the chapters in the PDF -------------------------
def test_every_project_with_its_tier_and_year_is_in_the_pdf(made: Made) -> None:
    engine = _consult(made).run_table(made.script.FIRST, "assess", "priority_list")
    written = pd.read_csv(made.internal / "tabellen" / "assess" / "priority_list.csv")
    assert written["project_id"].tolist() == engine["project_id"].tolist()
    assert written["tier"].tolist() == engine["tier"].tolist()
    lines = _text(made.internal / "p-miek.pdf").splitlines()
    assert len(engine) >= 2
    for row in engine.itertuples():
        pattern = re.compile(rf"(?<![\w-]){re.escape(str(row.project_id))}(?![\w-]).*?"
                             rf"\s{int(row.tier)}\s+{int(row.in_service_year)}\s")
        assert any(pattern.search(line + " ") for line in lines), row.project_id


def test_the_public_pdf_lists_every_open_project_and_groups_the_confidential(made: Made
                                                                          ) -> None:
    engine = _consult(made).run_table(made.script.FIRST, "assess", "priority_list")
    projects = _workspace(made).projects
    secret = set(projects.loc[projects["confidential"].fillna(False).astype(bool), "id"])
    lines = _text(made.public / "p-miek.pdf").splitlines()
    text = "\n".join(lines)
    listed = engine[~engine["project_id"].isin(secret)]
    for row in listed.itertuples():
        pattern = re.compile(rf"(?<![\w-]){re.escape(str(row.project_id))}(?![\w-]).*?"
                             rf"\s{int(row.tier)}\s+{int(row.in_service_year)}\s")
        assert any(pattern.search(line + " ") for line in lines), row.project_id
    chosen_secret = engine[engine["project_id"].isin(secret)]
    for project in chosen_secret["project_id"]:
        assert project not in text
    if len(chosen_secret):
        assert "Vertrouwelijke projecten (" in text


def test_the_chapters_come_in_the_order_of_the_startnotitie(made: Made) -> None:
    outline = pypdf.PdfReader(made.public / "p-miek.pdf").outline
    titles = [item.title for item in outline if not isinstance(item, list)]
    assert titles == CHAPTERS_NL
    reader = pypdf.PdfReader(made.public / "p-miek.pdf")
    pages = [page.extract_text() or "" for page in reader.pages]
    first_page = []
    for title in CHAPTERS_NL:  # the chapter's own page: after the table of contents
        first_page.append(next(i for i, p in enumerate(pages) if i > 1 and title in p))
    assert first_page == sorted(first_page)
    assert len(set(first_page)) == len(first_page)


# --- done-when 3: every narrative number in an anchor, equal to its cell -----------------
class _Narrative(HTMLParser):
    """The narrative paragraphs of the HTML: per paragraph the text outside anchors and the
    anchors (their data-bron and text)."""

    def __init__(self) -> None:
        super().__init__()
        self.paragraphs: list[dict[str, list]] = []  # type: ignore[type-arg]
        self._in_p = False
        self._anchor: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "p" and "verhaal" in (a.get("class") or "").split():
            self._in_p = True
            self.paragraphs.append({"outside": [], "anchors": []})
        elif tag == "a" and self._in_p and "bron" in (a.get("class") or "").split():
            self._anchor = {"bron": a.get("data-bron") or "", "text": ""}

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._anchor is not None:
            self.paragraphs[-1]["anchors"].append(self._anchor)
            self._anchor = None
        elif tag == "p":
            self._in_p = False

    def handle_data(self, data: str) -> None:
        if not self._in_p:
            return
        if self._anchor is not None:
            self._anchor["text"] += data
        else:
            self.paragraphs[-1]["outside"].append(data)


def _dutch(value: float, digits: int, lang: str) -> str:
    text = f"{value:,.{digits}f}"
    if lang == "nl":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return text.replace("-", "−")


def _cells(folder: Path, ref: dict) -> float:  # type: ignore[type-arg]
    frame = pd.read_csv(folder / "tabellen" / f"{ref['table']}.csv")
    keep = pd.Series(True, index=frame.index)
    for column, wanted in ref["where"].items():
        values = frame[column]
        if pd.api.types.is_bool_dtype(values):
            keep &= values.astype(str) == wanted
        elif pd.api.types.is_numeric_dtype(values):
            keep &= values == float(wanted)
        else:
            keep &= values.astype(str) == wanted
    rows = frame[keep]
    if ref["aggregate"] == "count":
        return float(len(rows))
    column = pd.to_numeric(rows[ref["column"]])
    if ref["aggregate"] == "value":
        assert len(column) == 1, ref
        return float(column.iloc[0])
    return float({"sum": column.sum, "min": column.min, "max": column.max}[ref["aggregate"]]())


def _expected(folder: Path, ref: dict, lang: str) -> str:  # type: ignore[type-arg]
    value = _cells(folder, ref)
    if "minus" in ref:
        value -= _cells(folder, ref["minus"])
        if ref.get("absolute"):
            value = abs(value)
    kind, digits = ref["format"], ref["digits"]
    if kind == "year":
        return str(round(value))
    if kind == "percent":
        return _dutch(100 * value, digits, lang) + "%"
    if round(value, digits) == 0:
        value = 0.0
    text = _dutch(value, digits, lang)
    return f"{text}\u00a0M€" if kind == "meur" else text


@pytest.mark.parametrize("which,lang", [("public", "nl"), ("internal", "nl"),
                                        ("english", "en"), ("workspace", "nl")])
def test_every_narrative_number_is_anchored_to_its_cell(made: Made, which: str,
                                                        lang: str) -> None:
    folder: Path = getattr(made, which)
    parser = _Narrative()
    parser.feed((folder / "p-miek.html").read_text(encoding="utf-8"))
    anchors = [a for p in parser.paragraphs for a in p["anchors"]]
    assert len(parser.paragraphs) >= 8 and len(anchors) >= 25
    for paragraph in parser.paragraphs:
        outside = "".join(paragraph["outside"])
        assert not re.search(r"\d", outside), outside
    for anchor in anchors:
        ref = json.loads(anchor["bron"])
        assert anchor["text"] == _expected(folder, ref, lang), ref
        assert math.isfinite(_cells(folder, ref))


# --- done-when 4: structure of the PDF ------------------------------------------------
def test_the_pdf_is_tagged_in_dutch_with_a_title_and_no_blank_page(made: Made) -> None:
    with pikepdf.open(made.public / "p-miek.pdf") as pdf:
        assert "/StructTreeRoot" in pdf.Root
        assert str(pdf.Root.Lang) == "nl"
        assert pdf.Root.MarkInfo.Marked
        title = str(pdf.open_metadata().get("dc:title") or pdf.docinfo.get("/Title"))
        assert title.startswith("P-MIEK 2.0")
        pages = len(pdf.pages)
    assert pages >= 15
    assert blank_pages(made.public / "p-miek.pdf") == []


@pytest.mark.browser
def test_the_html_passes_axe_core(made: Made) -> None:
    tools_or_skip("chromium", "axe")
    for folder in (made.public, made.workspace):
        violations = run_axe(folder / "p-miek.html")
        assert violations == [], json.dumps(violations, indent=1)[:3000]


# --- done-when 5: without an edition; nothing personal or confidential in public ----------
def test_a_workspace_without_an_edition_still_builds(made: Made) -> None:
    html = (made.workspace / "p-miek.html").read_text(encoding="utf-8")
    assert "zonder editie" in html and "WERKVERSIE" in html
    text = _text(made.workspace / "p-miek.pdf")
    assert "nog geen programmaspoor" in " ".join(text.split())
    assert (made.workspace / "tabellen" / "assess" / "priority_list.csv").is_file()


def _public_texts(folder: Path) -> dict[str, str]:
    files = [folder / "p-miek.html", *sorted((folder / "tabellen").rglob("*.csv"))]
    texts = {str(p.relative_to(folder)): normalised_text(p) for p in files}
    if (folder / "p-miek.pdf").is_file():
        texts["p-miek.pdf"] = normalise(_text(folder / "p-miek.pdf"))
    return texts


def test_the_public_document_names_no_person_and_nothing_confidential(made: Made) -> None:
    consult = _consult(made)
    people = consult.register(made.script.FIRST, personal=True).personal
    assert len(people) > 20
    public_names = [n for n in consult.register(made.script.FIRST).zienswijzen["public_name"]
                    if n]
    texts = _public_texts(made.public)
    assert find_personal(texts, people, public=public_names) == []
    workspace = _workspace(made)
    secret = pd.concat([t.loc[t["confidential"].fillna(False).astype(bool), ["id", "name"]]
                        for t in (workspace.assets, workspace.projects)])
    assert len(secret) == 2
    assert find_personal(texts, secret, ("id", "name")) == []
    assert find_personal(_public_texts(made.english), secret, ("id", "name")) == []
    # the scans can fail: the internal version names the confidential project
    assert find_personal(_public_texts(made.internal), secret, ("id", "name"))
    planted = {**texts, "x": texts["p-miek.html"] + " " + normalise(people["name"].iloc[2])}
    assert find_personal(planted, people, public=public_names)


def test_bad_options_are_refused_and_write_nothing(made: Made, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "uit"
    result = runner.invoke(build_app("nl"), ["report", "example", "--audience", "iedereen",
                                             "--out", str(out)])
    assert result.exit_code == 2 and "publiek of intern" in result.output
    assert not out.exists()
    result = runner.invoke(build_app("nl"), ["report", "example", "--year", "1999",
                                             "--out", str(out)])
    assert result.exit_code == 2 and "1999" in result.output and not out.exists()
    result = runner.invoke(build_app("nl"), ["report", "example", "--year", "2028", "--no-pdf",
                                             "--out", str(out)])
    assert result.exit_code == 0, result.output
    html = (out / "p-miek.html").read_text(encoding="utf-8")
    assert 'id="fig-knelpunten-2028"' in html and "fig-knelpunten-2030" not in html
    foreign = tmp_path / "van-iemand"
    foreign.mkdir()
    (foreign / "notities.txt").write_text("van mij", encoding="utf-8")
    result = runner.invoke(build_app("nl"), ["report", made.script.FIRST, "--db", made.db,
                                             "--as", "kernteam", "--no-pdf",
                                             "--out", str(foreign)])
    assert result.exit_code != 0
    assert sorted(p.name for p in foreign.iterdir()) == ["notities.txt"]
