"""IP project lists and the mapping in, the monitoring report out
(pmiek.adapters.files.ip_list)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pandas as pd
import pytest

from pmiek.adapters.files.ip_list import (
    MONITORING_FILES,
    read_ip_list,
    read_mapping,
    write_monitoring,
)
from pmiek.adapters.files.outputs import MARKER
from pmiek.adapters.reports.label_layout import LABEL_GID
from pmiek.adapters.reports.monitoring_chart import CLASS_STYLE, monitoring_figure
from pmiek.assessment.priority import PRIORITY_COLUMNS
from pmiek.domain.problems import Code
from pmiek.errors import ReadError, ValidationError
from pmiek.programme.monitoring import (
    CLASSIFICATION_LABELS,
    CLASSIFICATIONS,
    IP_COLUMNS,
    IP_STATUSES,
    MIEK_LABELS,
    YEARS,
    monitor,
)

HEADER = ",".join(IP_COLUMNS)
GOOD = [
    "Stedin,S-1,Netuitbreiding Woerden,Woerden,2030,gepland,10-50 M€,pMIEK",
    "Stedin,S-2,Nieuw onderstation Amersfoort 1,Amersfoort,2029,in_uitvoering,10-50 M€,",
    "TenneT,S-1,Nieuw 150 kV-station Oudenrijn,Oudenrijn,2031,gepland,100-250 M€,nMIEK",
    "TenneT,T-4,Vervanging schakelinstallatie,Lage Weide,,vervallen,< 10 M€,",
]
UTRECHT = resources.files("pmiek") / "data" / "utrecht"
PROGRAMME = UTRECHT / "programme"


def write(tmp_path: Path, lines: list[str], name: str = "ip.csv", sep: str = ",") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(line.replace(",", sep) for line in lines) + "\n",
                    encoding="utf-8")
    return path


def problems_of(path: Path) -> list[tuple[int | None, str | None, Code]]:
    with pytest.raises(ValidationError) as caught:
        read_ip_list(path)
    assert caught.value.source == path.name
    return [(p.line, p.column, p.code) for p in caught.value.problems]


# --- reading -----------------------------------------------------------------------------------


@pytest.mark.parametrize("sep", [",", ";"])
def test_a_good_list_is_read_typed(tmp_path: Path, sep: str) -> None:
    ip = read_ip_list(write(tmp_path, [HEADER, *GOOD], sep=sep))
    assert list(ip.columns) == [*IP_COLUMNS, "note"]
    assert ip["planned_year"].dtype == "Int64"
    assert ip["planned_year"].tolist()[:3] == [2030, 2029, 2031]
    assert pd.isna(ip["planned_year"].iloc[3])  # empty only because it is cancelled
    assert ip["ip_reference"].tolist() == ["S-1", "S-2", "S-1", "T-4"]  # S-1 twice: two operators
    assert ip["note"].eq("").all()
    assert ip["cost_band"].iloc[0] == "10-50 M€"


@pytest.mark.parametrize(("cell", "code"), [
    ("1999", Code.OUT_OF_RANGE), ("2070", Code.OUT_OF_RANGE), ("2030.5", Code.WRONG_TYPE),
    ("twintig", Code.WRONG_TYPE), ("", Code.MISSING_VALUE),
])
def test_bad_years_name_row_and_column(tmp_path: Path, cell: str, code: Code) -> None:
    bad = f"Stedin,S-9,Iets,Zeist,{cell},gepland,,"
    found = problems_of(write(tmp_path, [HEADER, *GOOD, bad]))
    assert found == [(len(GOOD) + 2, "planned_year", code)]


def test_the_year_range_is_inclusive(tmp_path: Path) -> None:
    rows = [f"Stedin,S-{y},Iets,Zeist,{y},gepland,," for y in YEARS]
    assert read_ip_list(write(tmp_path, [HEADER, *rows]))["planned_year"].tolist() == list(YEARS)


def test_unknown_and_missing_columns(tmp_path: Path) -> None:
    header = HEADER.replace("station", "stationn") + ",opmerking"
    found = problems_of(write(tmp_path, [header, GOOD[0] + ",x"]))
    assert (1, "stationn", Code.NOT_ALLOWED) in found
    assert (1, "opmerking", Code.NOT_ALLOWED) in found
    assert (1, "station", Code.MISSING_COLUMN) in found
    with pytest.raises(ValidationError) as caught:
        read_ip_list(write(tmp_path, [header, GOOD[0] + ",x"]))
    text = caught.value.describe("nl")
    assert "rij 1, kolom stationn" in text and "Bedoelde u 'station'?" in text
    assert "cost_band" in text  # the expected columns are listed


def test_duplicate_references_name_both_rows(tmp_path: Path) -> None:
    rows = [HEADER, *GOOD, "Stedin,S-2,Dubbel,Zeist,2030,gepland,,"]
    found = problems_of(write(tmp_path, rows))
    assert found == [(3, "ip_reference", Code.DUPLICATE_KEY),
                     (len(rows), "ip_reference", Code.DUPLICATE_KEY)]
    with pytest.raises(ValidationError) as caught:
        read_ip_list(write(tmp_path, rows))
    assert f"Stedin/S-2 (3, {len(rows)})" in caught.value.describe("en")


def test_bad_status_and_label(tmp_path: Path) -> None:
    rows = [HEADER, "Stedin,S-1,Iets,Zeist,2030,Gepland,,pmiek", "Stedin,S-3,Iets,Zeist,2030,,,"]
    found = problems_of(write(tmp_path, rows))
    assert sorted(found) == [(2, "miek_label", Code.NOT_ALLOWED), (2, "status", Code.NOT_ALLOWED),
                             (3, "status", Code.MISSING_VALUE)]
    with pytest.raises(ValidationError) as caught:
        read_ip_list(write(tmp_path, rows))
    assert "Bedoelde u 'gepland'?" in caught.value.describe("nl")
    assert all(status in caught.value.describe("nl") for status in IP_STATUSES)


def test_every_problem_is_reported_at_its_line(tmp_path: Path) -> None:
    # a blank line and a cell over two lines: the line numbers stay those of the file
    rows = [HEADER, GOOD[0], "", 'Stedin,S-5,"Twee\nregels",Zeist,2070,gepland,,',
            "Stedin,S-6,,Zeist,2030,klaar,,"]
    found = problems_of(write(tmp_path, rows))
    assert sorted(found) == [(4, "planned_year", Code.OUT_OF_RANGE),
                             (6, "name", Code.MISSING_VALUE), (6, "status", Code.NOT_ALLOWED)]


def test_a_missing_file_is_a_read_error(tmp_path: Path) -> None:
    with pytest.raises(ReadError):
        read_ip_list(tmp_path / "geen.csv")


def test_mapping(tmp_path: Path) -> None:
    good = write(tmp_path, ["project_id,operator,ip_reference,note", "P-1,Stedin,S-1,",
                            "P-2,TenneT,,bevestigd afwezig"], "koppeling.csv")
    links = read_mapping(good)
    assert links["ip_reference"].tolist() == ["S-1", ""]
    bad = write(tmp_path, ["project_id,operator,ip_reference", "P-1,Stedin,S-1", "P-1,,S-2"],
                "fout.csv")
    with pytest.raises(ValidationError) as caught:
        read_mapping(bad)
    found = sorted((p.line, p.column, p.code) for p in caught.value.problems)
    assert found == [(2, "project_id", Code.DUPLICATE_KEY), (3, "operator", Code.MISSING_VALUE),
                     (3, "project_id", Code.DUPLICATE_KEY)]


# --- the example -------------------------------------------------------------------------------


def example(name: str) -> Path:
    return Path(str(PROGRAMME / name))


def test_the_example_lists_are_valid_and_fictitious() -> None:
    lists = {name: read_ip_list(example(name)) for name in ("ip-2024.csv", "ip-2026-ontwerp.csv")}
    links = read_mapping(example("ip-mapping.csv"))
    for ip in [*lists.values(), links]:
        assert ip["note"].str.startswith("fictief voorbeeld").all()
    for ip in lists.values():
        assert 15 <= len(ip) <= 25 and set(ip["operator"]) == {"Stedin", "TenneT"}
    current = lists["ip-2026-ontwerp.csv"]
    refs = set(zip(current["operator"], current["ip_reference"], strict=True))
    named = links[links["ip_reference"] != ""]
    assert set(zip(named["operator"], named["ip_reference"], strict=True)) <= refs
    assert (links["ip_reference"] == "").sum() >= 2  # confirmed absent
    assert "vervallen" in set(current["status"])
    unmapped = refs - set(zip(named["operator"], named["ip_reference"], strict=True))
    assert unmapped  # IP rows that are no P-MIEK project
    assert set(current["miek_label"]) <= set(MIEK_LABELS)
    readme = example("README.md").read_text(encoding="utf-8")
    assert "fictie" in readme.lower()


def test_the_example_covers_every_classification() -> None:
    projects = pd.read_csv(Path(str(UTRECHT / "projects.csv")), dtype=str,
                           keep_default_na=False).set_index("id")
    links = read_mapping(example("ip-mapping.csv"))
    ids = [*links["project_id"], "C-FLEX-EB"]  # and one without a mapping
    frame = pd.DataFrame({c: "" for c in PRIORITY_COLUMNS}, index=range(len(ids)))
    frame["project_id"] = ids
    frame["operator"] = projects.loc[ids, "operator"].to_numpy()
    frame["tier"] = 1
    frame["in_service_year"] = 2030
    report = monitor(frame, read_ip_list(example("ip-2026-ontwerp.csv")), links,
                     previous_ip=read_ip_list(example("ip-2024.csv")))
    assert set(report["classification"]) == set(CLASSIFICATIONS)
    assert {"nieuw", "vertraagd", "verdwenen"} <= set(report["change"])


# --- writing -----------------------------------------------------------------------------------


def small_case(name: str = "Project") -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """A priority list, an IP list and a mapping with every classification."""
    rows = [("A", "Stedin", 1, 2030), ("B", "Stedin", 1, 2030), ("C", "Stedin", 2, 2031),
            ("D", "TenneT", 1, 2029), ("E", "Stedin", 3, 2032)]
    frame = pd.DataFrame({c: "" for c in PRIORITY_COLUMNS}, index=range(len(rows)))
    frame["project_id"] = [r[0] for r in rows]
    frame["name"] = name
    frame["operator"] = [r[1] for r in rows]
    frame["tier"] = [r[2] for r in rows]
    frame["in_service_year"] = [r[3] for r in rows]
    ip = pd.DataFrame({"operator": ["Stedin"] * 3, "ip_reference": ["S-1", "S-2", "S-3"],
                       "name": ["x", "y", "z"], "station": ["", "", ""],
                       "planned_year": pd.array([2030, 2033, 2031], dtype="Int64"),
                       "status": ["gepland", "gepland", "vervallen"], "cost_band": [""] * 3,
                       "miek_label": [""] * 3})
    links = pd.DataFrame({"project_id": ["A", "B", "C", "E"],
                          "operator": ["Stedin"] * 4, "ip_reference": ["S-1", "S-2", "", "S-3"]})
    return frame, ip, links


SUGGESTIONS = pd.DataFrame({"project_id": ["D"], "operator": ["TenneT"],
                            "ip_reference": ["=T-1"], "score": [0.5], "reason": ["naam"]})


def small_report(name: str = "Project") -> pd.DataFrame:
    return monitor(*small_case(name))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_write_monitoring(tmp_path: Path, lang: str) -> None:
    report = small_report("=HYPERLINK(\"http://x\")")
    out = tmp_path / "monitoring"
    written = write_monitoring(report, SUGGESTIONS, out, lang=lang)
    assert sorted(p.name for p in written) == sorted(MONITORING_FILES)
    assert (out / MARKER).is_file()
    table = pd.read_csv(out / "monitoring.csv", dtype=str, keep_default_na=False)
    assert table["name"].str.startswith("'=").all()  # no formula
    assert table["classification"].tolist() == report["classification"].tolist()
    labels = CLASSIFICATION_LABELS[lang]
    assert table["classification_label"].tolist() == [labels[c] for c in report["classification"]]
    assert pd.read_csv(out / "suggesties.csv", dtype=str)["ip_reference"].tolist() == ["'=T-1"]
    assert (out / "monitoring.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_bad_file_writes_nothing(tmp_path: Path) -> None:
    priority, _, links = small_case()
    out = tmp_path / "rapport"
    bad = write(tmp_path, [HEADER, GOOD[0], "Stedin,S-1,Dubbel,Zeist,1999,gepland,,"])
    with pytest.raises(ValidationError):
        ip = read_ip_list(bad)
        write_monitoring(monitor(priority, ip, links), SUGGESTIONS, out)
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["ip.csv"]  # no staging folder left


def test_the_chart_shows_every_project_by_class() -> None:
    report = small_report()
    assert set(report["classification"]) == set(CLASSIFICATIONS)
    fig = monitoring_figure(report, "nl")
    ax = fig.axes[0]
    shown = ax.get_legend()
    assert shown is not None
    legend = [t.get_text() for t in shown.get_texts()]
    for name in set(report["classification"]):
        assert any(text.startswith(CLASSIFICATION_LABELS["nl"][name]) for text in legend)
    assert len({CLASS_STYLE[c][0] for c in CLASSIFICATIONS}) == len(CLASSIFICATIONS)
    labels = [t.get_text() for t in ax.texts if t.get_gid() == LABEL_GID]
    quiet = (report["classification"] == "niet_gekoppeld") & ~report["herijking"]
    assert sorted(labels) == sorted(report.loc[~quiet, "project_id"])  # the rest: the table
    n = int(quiet.sum())
    assert any(f"({n}, in monitoring.csv)" in text for text in legend)
    assert "niet in het IP" in [t.get_text() for t in ax.get_yticklabels()]
