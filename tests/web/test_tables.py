"""The table browser: the list of tables, a table page with filters and pages, its CSV, and
what publiek and gemeente see of the confidential asset LWD-MS and project P-LW-MS."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from fastapi.testclient import TestClient
from pandas.testing import assert_frame_equal
from sqlalchemy import select

from pmiek.adapters.files.csvfolder import write_csv_folder
from pmiek.adapters.store import models as m
from pmiek.adapters.store.store import Store
from pmiek.adapters.web.app import create_app
from tests.web.conftest import CONFIDENTIAL, WORKSPACE, settings_for

TABLES = f"/werkruimte/{WORKSPACE}/tabellen"
Client = Callable[[str], TestClient]


# --- helpers (used by test_api and test_pages too) ------------------------------------------


class _Tables(HTMLParser):
    """The tables of a page: per table its caption and rows of cell texts (th and td)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[dict[str, object]] = []
        self._cell: list[str] | None = None
        self._row: list[str] | None = None
        self._caption: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append({"caption": "", "rows": []})
        elif tag == "caption":
            self._caption = []
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "caption" and self._caption is not None:
            self.tables[-1]["caption"] = "".join(self._caption).strip()
            self._caption = None
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            rows = self.tables[-1]["rows"]
            assert isinstance(rows, list)
            rows.append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        for part in (self._cell, self._caption):
            if part is not None:
                part.append(data)


def html_tables(page: str) -> list[dict[str, object]]:
    parser = _Tables()
    parser.feed(page)
    return parser.tables


def confidential_words(url: str) -> list[str]:
    """The ids and names of the example's confidential asset and project (read from the
    stored workspace, not from the code under test)."""
    with Store(url) as store:
        workspace = store.load(WORKSPACE)
    words = list(CONFIDENTIAL)
    for kind, frame in (("asset", workspace.assets), ("project", workspace.projects)):
        ids = [k for k, v in CONFIDENTIAL.items() if v == kind]
        words += frame.loc[frame["id"].astype(str).isin(ids), "name"].astype(str).tolist()
    assert len(words) == 4, words
    return words


def stored_run_table(url: str, name: str, kind: str = "insight") -> pd.DataFrame:
    """Result table ``name`` of the newest stored run of ``kind``, read straight from the
    store's tables with pandas."""
    with Store(url) as store, store.engine.connect() as conn:
        text = conn.execute(
            select(m.run_tables.c.content).join(m.runs, m.runs.c.id == m.run_tables.c.run_id)
            .where(m.runs.c.kind == kind, m.run_tables.c.name == name)
            .order_by(m.runs.c.id.desc())).scalars().first()
    assert text is not None
    return pd.read_csv(io.StringIO(text))


def read_csv_text(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text))


def leaks(text: str, words: list[str]) -> list[str]:
    folded = text.casefold()
    return [w for w in words if w.casefold() in folded]


@pytest.fixture(scope="module")
def words(web_db: str) -> list[str]:
    return confidential_words(web_db)


@pytest.fixture
def kern(as_account: Client) -> TestClient:
    return as_account("kern")


@pytest.fixture
def utrecht(as_account: Client) -> TestClient:
    return as_account("utrecht")


def all_pages(client: TestClient, path: str) -> Iterator[str]:
    """Every page of a table page (following the 'next page' links)."""
    url: str | None = path
    seen = 0
    while url is not None:
        response = client.get(url)
        assert response.status_code == 200, response.text[:500]
        yield response.text
        seen += 1
        assert seen < 100
        found = re.search(r'<a href="([^"]+)" rel="next">', response.text)
        url = found.group(1).replace("&amp;", "&") if found else None


# --- the list of tables ------------------------------------------------------------------------


def _counts(page: str) -> dict[str, int]:
    counts = {}
    for table in html_tables(page):
        for row in table["rows"][1:]:  # type: ignore[index]
            counts[row[0]] = int(row[2].replace(".", ""))
    return counts


def test_table_list_counts_rows_as_the_visitor_sees_them(client: TestClient, kern: TestClient,
                                                         web_db: str) -> None:
    stored = stored_run_table(web_db, "bottlenecks")
    with Store(web_db) as store:
        workspace = store.load(WORKSPACE)
    public = _counts(client.get(TABLES).text)
    internal = _counts(kern.get(TABLES).text)
    assert internal["inzicht:bottlenecks"] == len(stored)
    assert public["inzicht:bottlenecks"] == int((stored["asset_id"] != "LWD-MS").sum())
    assert internal["invoer:profiles"] == public["invoer:profiles"] == len(workspace.profiles)
    # the confidential asset is one aggregated row for the public: as many rows either way
    assert internal["invoer:assets"] == public["invoer:assets"] == len(workspace.assets)
    assert {"invoer:developments", "inzicht:loads", "inzicht:blocked"} <= set(public)


def test_table_list_links_every_table_and_its_csv(client: TestClient) -> None:
    page = client.get(TABLES).text
    assert f'href="{TABLES}/inzicht:bottlenecks"' in page
    assert f'href="{TABLES}/inzicht:bottlenecks.csv"' in page
    assert f'href="{TABLES}/invoer:project_effects.csv"' in page


def test_unknown_workspace_table_or_version_is_404(client: TestClient, web_db: str) -> None:
    for path in ("/werkruimte/nergens/tabellen", f"{TABLES}/invoer:nergens",
                 f"{TABLES}/invoer:assets.csv?versie=7", f"{TABLES}?versie=99"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert Path(web_db.removeprefix("sqlite:///")).name not in response.text


# --- confidentiality: page, CSV and JSON alike -----------------------------------------------

SHOWN = ("invoer:assets", "invoer:projects", "invoer:developments", "invoer:project_effects",
         "inzicht:bottlenecks", "inzicht:loads", "inzicht:blocked")


@pytest.mark.parametrize("table", SHOWN)
def test_publiek_and_gemeente_never_see_confidential_names(
        client: TestClient, utrecht: TestClient, words: list[str], table: str) -> None:
    for who in (client, utrecht):
        for page in all_pages(who, f"{TABLES}/{table}"):
            assert leaks(page, words) == [], table
        csv_text = who.get(f"{TABLES}/{table}.csv").text
        assert leaks(csv_text, words) == [], table
        api = who.get(f"/api/v1/werkruimtes/{WORKSPACE}/tabellen/{table}?limit=10000").text
        assert leaks(api, words) == [], table


@pytest.mark.parametrize(("table", "shown"), [("invoer:assets", ["LWD-MS", "Lage Weide MS"]),
                                              ("invoer:projects", ["P-LW-MS"]),
                                              ("inzicht:bottlenecks", ["LWD-MS"])])
def test_kernteam_sees_the_confidential_rows(kern: TestClient, table: str,
                                             shown: list[str]) -> None:
    key = "asset_id" if table.startswith("inzicht") else "id"
    page = kern.get(f"{TABLES}/{table}?{key}={shown[0]}").text
    rows = html_tables(page)[0]["rows"]
    assert len(rows) > 1  # type: ignore[arg-type]
    for word in shown:
        assert word in kern.get(f"{TABLES}/{table}.csv").text
        assert word in kern.get(f"/api/v1/werkruimtes/{WORKSPACE}/tabellen/{table}"
                                f"?limit=10000").text


def test_public_assets_take_the_confidential_station_together(client: TestClient,
                                                              web_db: str) -> None:
    shown = read_csv_text(client.get(f"{TABLES}/invoer:assets.csv").text)
    with Store(web_db) as store:
        assets = store.load(WORKSPACE).assets
    secret = assets[assets["confidential"].fillna(False).astype(bool)]
    together = shown[shown["confidential"]]
    assert len(together) == 1 and pd.isna(together["id"].iloc[0])
    assert "Utrecht" in together["name"].iloc[0] and str(len(secret)) in together["name"].iloc[0]
    assert together["area_id"].iloc[0] == "GM0344"  # the municipality, not the hotspot
    assert pd.isna(together["geometry"].iloc[0])
    # a public asset whose parent is confidential names no parent
    battery = shown[shown["id"] == "BAT-LW"]
    assert battery["parent_id"].iloc[0] == "vertrouwelijk"


def test_public_development_on_confidential_station_keeps_its_row(client: TestClient) -> None:
    shown = read_csv_text(client.get(f"{TABLES}/invoer:developments.csv").text)
    row = shown[shown["id"] == "D-LW-BT"]
    assert len(row) == 1 and row["asset_id"].iloc[0] == "vertrouwelijk"


# --- the CSV equals the stored tables ---------------------------------------------------------


def test_csv_of_a_result_table_equals_the_stored_run_table(kern: TestClient,
                                                           web_db: str) -> None:
    stored = stored_run_table(web_db, "bottlenecks")
    wanted = stored[(stored["asset_id"] == "UTC-MS") & (stored["year"] == 2030)]
    response = kern.get(f"{TABLES}/inzicht:bottlenecks.csv?asset_id=UTC-MS&year=2030")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert not response.content.startswith(b"\xef\xbb\xbf")  # documented: no BOM
    got = read_csv_text(response.text)
    assert len(got) == 4  # two scenarios × two directions
    assert_frame_equal(got.reset_index(drop=True), wanted.reset_index(drop=True),
                       check_dtype=False)


def test_csv_of_a_data_table_equals_the_workspace_as_csv(kern: TestClient, web_db: str,
                                                         tmp_path: Path) -> None:
    with Store(web_db) as store:
        write_csv_folder(store.load(WORKSPACE), tmp_path)
    plain = pd.read_csv(tmp_path / "developments.csv")
    wanted = plain[plain["sector"] == "housing"].reset_index(drop=True)
    got = read_csv_text(kern.get(f"{TABLES}/invoer:developments.csv?sector=housing").text)
    assert len(wanted) >= 2
    assert_frame_equal(got, wanted, check_dtype=False)


def test_public_csv_of_bottlenecks_is_the_stored_table_without_the_secret_station(
        client: TestClient, web_db: str) -> None:
    stored = stored_run_table(web_db, "bottlenecks")
    wanted = stored[(stored["asset_id"] != "LWD-MS") & (stored["year"] == 2035)
                    & (stored["direction"] == "invoeding")].reset_index(drop=True)
    got = read_csv_text(client.get(f"{TABLES}/inzicht:bottlenecks.csv?year=2035"
                                   f"&direction=invoeding").text)
    assert_frame_equal(got, wanted, check_dtype=False)


def test_csv_has_a_safe_attachment_name(client: TestClient) -> None:
    response = client.get(f"{TABLES}/inzicht:bottlenecks.csv")
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment;")
    name = re.search(r'filename="([^"]+)"', disposition)
    assert name and re.fullmatch(r"[A-Za-z0-9._-]+\.csv", name.group(1)), disposition


def test_csv_route_is_not_swallowed_by_the_page_route(client: TestClient) -> None:
    page = client.get(f"{TABLES}/invoer:assets")
    download = client.get(f"{TABLES}/invoer:assets.csv")
    assert page.headers["content-type"].startswith("text/html")
    assert download.headers["content-type"].startswith("text/csv")
    assert download.text.startswith("id,name,")


# --- filters -----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [f"{TABLES}/inzicht:bottlenecks?stationn=UTC-MS",
                                  f"{TABLES}/inzicht:bottlenecks.csv?stationn=UTC-MS",
                                  f"{TABLES}/inzicht:bottlenecks?kolom=stationn&waarde=x"])
def test_filter_on_an_unknown_column_is_400_naming_it(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 400
    assert "stationn" in response.text and "asset_id" in response.text
    assert "first_overload_year" in response.text  # the allowed columns are listed


def test_filter_form_equals_column_parameters(kern: TestClient) -> None:
    direct = kern.get(f"{TABLES}/inzicht:bottlenecks.csv?asset_id=HTN-MS").text
    form = kern.get(f"{TABLES}/inzicht:bottlenecks.csv?kolom=asset_id&waarde=htn-ms").text
    assert direct == form
    assert len(read_csv_text(direct)) == 100  # 2 scenarios × 2 directions × 25 years


def test_free_text_and_number_filters(kern: TestClient, web_db: str) -> None:
    stored = stored_run_table(web_db, "bottlenecks")
    got = read_csv_text(kern.get(f"{TABLES}/inzicht:bottlenecks.csv?zoek=nwg").text)
    found = stored.astype(str).apply(lambda c: c.str.contains("nwg", case=False)).any(axis=1)
    assert 0 < len(got) == int(found.sum())
    assert set(got["asset_id"]) == {"NWG150", "NWG-MS"}
    got = read_csv_text(kern.get(f"{TABLES}/inzicht:bottlenecks.csv?year=2040"
                                 f"&year=2041").text)
    assert set(got["year"]) == {2040, 2041}
    assert len(got) == int(stored["year"].isin([2040, 2041]).sum())
    assert kern.get(f"{TABLES}/inzicht:bottlenecks?year=tweeduizend").status_code == 400


def test_filter_form_is_a_labelled_get_form(client: TestClient) -> None:
    page = client.get(f"{TABLES}/invoer:assets").text
    form = re.search(r"<form[^>]*>", page)
    assert form and 'method="get"' in form.group(0)
    for control in ("kolom", "waarde", "zoek"):
        assert f'<label for="{control}">' in page and f'id="{control}"' in page


# --- pages --------------------------------------------------------------------------------------


def test_table_page_is_an_accessible_table(kern: TestClient) -> None:
    page = kern.get(f"{TABLES}/inzicht:bottlenecks").text
    table = re.search(r'<table id="gegevens">.*?</table>', page, re.S)
    assert table
    assert "<caption" in table.group(0)
    headers = re.findall(r"<th [^>]*>", table.group(0))
    assert headers and all('scope="col"' in h for h in headers)
    assert re.search(r'<th scope="col" class="getal"><a href="/methode#piek">peak_mw</a>', page)
    assert '<td class="getal">' in table.group(0)
    assert 'style="' not in page
    assert "run 1" in page  # the source note names the run


def test_paging_covers_every_row_once(kern: TestClient, web_db: str) -> None:
    stored = stored_run_table(web_db, "bottlenecks")
    assert len(stored) > 200
    seen: list[list[str]] = []
    pages = list(all_pages(kern, f"{TABLES}/inzicht:bottlenecks"))
    for page in pages:
        rows = html_tables(page)[0]["rows"][1:]  # type: ignore[index]
        assert 0 < len(rows) <= 100
        seen += rows
    assert len(pages) == -(-len(stored) // 100)
    assert len(seen) == len(stored)
    assert [row[1] for row in seen] == stored["asset_id"].tolist()
    assert f"{len(stored)} rijen" in pages[0].replace(".", "")


def test_paging_keeps_the_filter_and_clamps_the_page(kern: TestClient) -> None:
    first = kern.get(f"{TABLES}/inzicht:bottlenecks?direction=afname").text
    assert re.search(r'href="[^"]*direction=afname[^"]*pagina=2" rel="next"', first)
    last = kern.get(f"{TABLES}/inzicht:bottlenecks?direction=afname&pagina=999").text
    assert "Pagina 5 van 5" in last
    assert 'rel="next"' not in last


# --- formula injection ------------------------------------------------------------------------

FORMULA = '=HYPERLINK("https://example.org/x","klik")'


@pytest.fixture
def formula_app(fresh_web_db: str) -> Iterator[TestClient]:
    """An app on a store whose workspace has a new version with a development named like
    a spreadsheet formula."""
    with Store(fresh_web_db) as store:
        workspace = store.load(WORKSPACE)
        developments = workspace.developments.copy()
        developments.loc[0, "name"] = FORMULA
        developments.loc[1, "source"] = "@SUM(A1:A2)"
        store.import_workspace(workspace.with_tables(developments=developments), WORKSPACE,
                               source="tests/web formula")
    with TestClient(create_app(settings_for(fresh_web_db))) as c:
        yield c


def test_csv_neutralises_formulas(formula_app: TestClient) -> None:
    response = formula_app.get(f"{TABLES}/invoer:developments.csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert rows[0]["name"] == "'" + FORMULA
    assert rows[1]["source"] == "'@SUM(A1:A2)"
    assert all(not (row["name"] or "x").startswith(("=", "+", "@")) for row in rows)
    page = formula_app.get(f"{TABLES}/invoer:developments").text
    assert "=HYPERLINK(&#34;https://example.org/x&#34;,&#34;klik&#34;)" in page \
        or "=HYPERLINK(&quot;https://example.org/x&quot;,&quot;klik&quot;)" in page


def test_new_version_without_run_says_the_computation_is_pending(
        formula_app: TestClient) -> None:
    page = formula_app.get(TABLES).text
    assert "Versie 2" in page
    assert "nog geen run 'insight'" in page.replace("&#39;", "'")
    assert formula_app.get(f"{TABLES}/inzicht:bottlenecks").status_code == 404
    older = formula_app.get(f"{TABLES}/inzicht:bottlenecks.csv?versie=1")
    assert older.status_code == 200 and "UTC-MS" in older.text


# --- the pieces -------------------------------------------------------------------------------


def test_file_names_and_cells() -> None:
    from pmiek.adapters.web.pages_tables import cell, safe_file_name

    assert safe_file_name("../../etc", "v1", 'a"b;c') == "etc-v1-a-b-c.csv"
    assert safe_file_name("") == "tabel.csv"
    assert cell(234.5, "float", "nl") == "234,50" and cell(12345.6, "float", "en") == "12,346"
    assert cell(0.64397, "float", "nl") == "0,644"
    assert cell(float("inf"), "float", "nl") == "∞" and cell(66.0, "float", "nl") == "66"
    assert cell(2030.0, "year", "nl") == "2030" and cell(None, "int", "nl") == "–"
    assert cell(True, "bool", "en") == "yes" and cell(pd.NA, "text", "nl") == ""


def test_csv_text_keeps_carriage_returns_and_booleans() -> None:
    from pmiek.adapters.web.pages_tables import csv_text

    frame = pd.DataFrame({"name": ["regel\reen", "-", "+31 30 123"],
                          "flag": pd.array([True, None, False], dtype="boolean"),
                          "mw": [1.5, float("nan"), -2.0]})
    back = list(csv.reader(io.StringIO(csv_text(frame), newline="")))
    assert back[0] == ["name", "flag", "mw"]
    assert back[1] == ["regel\reen", "true", "1.5"]
    assert back[2] == ["-", "", ""]  # a lone sign is no formula; missing stays empty
    assert back[3] == ["'+31 30 123", "false", "-2.0"]  # numbers are never touched


# --- kept pages (deps.render with a cache key) --------------------------------------------------


def test_a_kept_page_is_never_served_to_another_audience_or_language(
        kern: TestClient, client: TestClient) -> None:
    """kernteam first (the page is kept with the confidential station), then the public and
    English: each gets its own page, and the layout (who is logged in) is per request."""
    path = f"/werkruimte/{WORKSPACE}/tabellen/invoer:assets"
    first = kern.get(path)
    assert first.status_code == 200 and "LWD-MS" in first.text and "kern" in first.text
    again = kern.get(path)
    assert again.text == first.text  # the kept page, the same layout
    public = client.get(path)
    assert public.status_code == 200 and "LWD-MS" not in public.text
    assert "Inloggen" in public.text and "Ingelogd als" not in public.text
    english = client.get(path + "?lang=en")
    assert english.status_code == 200 and 'lang="en"' in english.text
    assert "LWD-MS" not in english.text


def test_a_new_version_is_not_served_from_a_kept_page(fresh_web_db: str) -> None:
    """A page kept for version 1 is not shown once version 2 is the current one."""
    from pmiek import read_workspace

    app = create_app(settings_for(fresh_web_db))
    path = f"/werkruimte/{WORKSPACE}/tabellen/invoer:areas"
    with TestClient(app) as anonymous:
        before = anonymous.get(path)
        assert before.status_code == 200 and "Nieuwegein" in before.text
        changed = read_workspace("example").workspace
        areas = changed.areas.copy()
        areas.loc[areas["id"] == "GM0356", "name"] = "Nieuwegein-Zuid"
        with Store(fresh_web_db) as store:
            store.import_workspace(changed.with_tables(areas=areas), WORKSPACE, source="test")
        after = anonymous.get(path)
        assert after.status_code == 200 and "Nieuwegein-Zuid" in after.text
