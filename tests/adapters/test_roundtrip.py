"""Workspaces survive writing and reading in every file format, exactly."""

from __future__ import annotations

import json
import tempfile
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd
import pyproj
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pmiek.adapters.files as files
from pmiek.adapters.files import read_workspace, write_workspace
from pmiek.domain import Code, Dtype, Table, Workspace, table
from pmiek.domain.coerce import PANDAS_DTYPES
from pmiek.domain.geometry import RD_BOUNDS
from pmiek.domain.tables import TABLES
from pmiek.errors import WriteError

TARGETS = {"csv": "out", "xlsx": "out.xlsx", "gpkg": "out.gpkg"}


def roundtrip(workspace: Workspace, folder: Path, kind: str) -> Workspace:
    """Write ``workspace`` as ``kind`` and read it back; reading must find nothing wrong."""
    path = write_workspace(workspace, folder / TARGETS[kind])
    result = read_workspace(path, validate_rules=False)
    assert result.problems == [], [p.message("en") for p in result.problems]
    return result.own_rows


def first_difference(left: Workspace, right: Workspace) -> str:
    """A readable account of the first differing cell (for assertion messages)."""
    for name in left.differences(right):
        a, b = left.table(name), right.table(name)
        if len(a) != len(b) or list(a.columns) != list(b.columns):
            return f"{name}: shape {a.shape} != {b.shape}"
        for column in a.columns:
            if a[column].dtype != b[column].dtype:
                return f"{name}.{column}: dtype {a[column].dtype} != {b[column].dtype}"
            for i, (x, y) in enumerate(zip(a[column], b[column], strict=True)):
                if isinstance(x, shapely.Geometry) and isinstance(y, shapely.Geometry):
                    x, y = (shapely.to_wkt(g, rounding_precision=30) for g in (x, y))
                if repr(x) != repr(y):
                    return f"{name}.{column}[{i}]: {x!r} != {y!r}"
        return name
    return ""


def assert_same(left: Workspace, right: Workspace) -> None:
    assert left.differences(right) == [], first_difference(left, right)


# --- the example -------------------------------------------------------------------------


def test_example_roundtrips_csv_xlsx_gpkg_csv(example: Workspace, tmp_path: Path) -> None:
    current = example
    written: list[Path] = []
    for target in ("first", "ws.xlsx", "ws.gpkg", "last"):
        written.append(write_workspace(current, tmp_path / target))
        result = read_workspace(written[-1], validate_rules=False)
        assert result.problems == [], target
        current = result.workspace
        assert_same(example, current)
    first, last = written[0], written[-1]
    # the CSV written after the detour through Excel and GeoPackage is byte for byte the same
    assert names(last) == names(first)
    for path in sorted(first.iterdir()):
        assert (last / path.name).read_bytes() == path.read_bytes(), path.name


def test_example_read_back_validates_clean(example: Workspace, tmp_path: Path) -> None:
    for kind in ("xlsx", "gpkg"):
        path = write_workspace(example, tmp_path / TARGETS[kind])
        result = read_workspace(path)
        assert result.ok and result.problems == []
        assert_same(example, result.workspace)


# --- random workspaces -------------------------------------------------------------------


SPECIAL = [";", ",", '"', "'", "\n", "\t", "=", "+", "-", "#", "@", "é", "€", "ë", "\u00a0", "😀"]


def texts(carriage_return: bool, identifier: bool = False) -> st.SearchStrategy[str]:
    """Non-empty NFC text (readers normalise it) without surrounding whitespace (readers
    strip it) and without control characters (Excel cannot hold them), except the tab and
    newline, and if asked the carriage return (which XML, and so .xlsx, turns into a
    newline); an ``identifier`` holds no control character at all."""
    special = [c for c in SPECIAL if not (identifier and c in "\n\t")]
    chars = st.characters(exclude_categories=("Cs", "Cc")) | st.sampled_from(
        special + ["\r"] * (carriage_return and not identifier))
    return st.text(chars, min_size=1, max_size=12).map(
        lambda s: unicodedata.normalize("NFC", s)).filter(lambda s: s == s.strip())


FLOATS = st.floats(allow_nan=False, allow_infinity=False) | st.sampled_from(
    [0.1, 0.1 + 0.2, 1e-300, -1e-300, 5e-324, 1.7976931348623157e308, 2.0**53 + 2, 1e22,
     344.0, -0.5])
POINTS = st.builds(shapely.Point,
                   st.floats(RD_BOUNDS[0], RD_BOUNDS[2]), st.floats(RD_BOUNDS[1], RD_BOUNDS[3]))


def value_strategy(dtype: Dtype, allowed: tuple[str, ...], carriage_return: bool,
                   identifier: bool = False) -> st.SearchStrategy[object]:
    if dtype is Dtype.STRING:
        return texts(carriage_return, identifier)
    if dtype is Dtype.ENUM:
        return st.sampled_from(allowed)
    if dtype is Dtype.ID_LIST:
        item = texts(carriage_return, identifier).filter(lambda s: ";" not in s and "," not in s)
        return st.lists(item, min_size=1, max_size=3).map(";".join)
    if dtype in (Dtype.INTEGER, Dtype.YEAR):
        return st.integers(-(2**63), 2**63 - 1)
    if dtype is Dtype.FLOAT:
        return FLOATS
    if dtype is Dtype.BOOLEAN:
        return st.booleans()
    assert dtype is Dtype.GEOMETRY
    return POINTS


@st.composite
def tables(draw: st.DrawFn, schema: Table, carriage_return: bool) -> pd.DataFrame:
    n = draw(st.integers(0, 3))
    columns: dict[str, pd.Series] = {}
    for column in schema.columns:
        identifier = column.name in schema.key or column.references is not None
        value = value_strategy(column.dtype, column.allowed, carriage_return, identifier)
        if not column.required and column.default is None:
            value = st.none() | value  # empty wherever the contract allows it
        cells = [draw(value) for _ in range(n)]
        columns[column.name] = pd.Series(cells, dtype=PANDAS_DTYPES[column.dtype])
    return pd.DataFrame(columns)


@st.composite
def workspaces(draw: st.DrawFn, carriage_return: bool = True) -> Workspace:
    chosen = draw(st.lists(st.sampled_from(TABLES), max_size=5, unique=True))
    frames = {schema.name: draw(tables(schema, carriage_return)) for schema in chosen}
    return Workspace(**frames)


def check_roundtrip(workspace: Workspace, kind: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        back = roundtrip(workspace, Path(folder), kind)
    assert_same(workspace, back)


SETTINGS = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@SETTINGS
@given(workspaces())
def test_random_workspace_roundtrips_through_csv(workspace: Workspace) -> None:
    check_roundtrip(workspace, "csv")


@SETTINGS
@given(workspaces(carriage_return=False))
def test_random_workspace_roundtrips_through_xlsx(workspace: Workspace) -> None:
    check_roundtrip(workspace, "xlsx")


@SETTINGS
@given(workspaces())
def test_random_workspace_roundtrips_through_gpkg(workspace: Workspace) -> None:
    check_roundtrip(workspace, "gpkg")


def scenarios(names: list[str | None]) -> Workspace:
    n = len(names)
    return Workspace(scenarios=pd.DataFrame({
        "id": pd.array([f"S{i}" for i in range(n)], dtype="string"),
        "name": pd.array(["s"] * n, dtype="string"),
        "description": pd.array(names, dtype="string"),
        "source": pd.array([None] * n, dtype="string"),
    }))


TRICKY = ["a;b", 'say "hi"', "x,y", "two\nlines", "=1+1", "=SUM(A1:A2)", "+31 6", "-5",
          "0012", "NA", "nan", "None", "#N/A", "TRUE", "1e5", "日本", "Zoë", None,
          "-x", "@A1", "'=1+2", "''-x", "'plain", "'"]


@pytest.mark.parametrize("kind", ["csv", "xlsx", "gpkg"])
def test_text_that_looks_like_something_else_stays_text(kind: str, tmp_path: Path) -> None:
    workspace = scenarios(TRICKY)
    assert_same(workspace, roundtrip(workspace, tmp_path, kind))


@pytest.mark.parametrize("kind", ["csv", "xlsx", "gpkg"])
def test_numbers_keep_every_digit(kind: str, tmp_path: Path) -> None:
    workspace = Workspace(resources=pd.DataFrame({
        "year": pd.array([-(2**63), 2**63 - 1, 2**53 + 1, 2030], dtype="Int64"),
        "operator": pd.array(["a", "b", "c", "d"], dtype="string"),
        "budget_meur": [0.1 + 0.2, 1.7976931348623157e308, 1.7126972312471181e46, 5e-324],
        "fte": [1e-300, None, -0.5, 123456789.12345679],
        "transformers": pd.array([None, 2**53 + 1, -(2**62) - 1, 0], dtype="Int64"),
    }))
    assert_same(workspace, roundtrip(workspace, tmp_path, kind))


@pytest.mark.parametrize("kind", ["csv", "xlsx", "gpkg"])
def test_coordinates_keep_every_digit(kind: str, tmp_path: Path) -> None:
    geometries = [
        shapely.Point(0.00014569454105450123, 289000.0),
        shapely.Point(-6999.999999999999, 628999.9999999999),
        shapely.LineString([(0.1 + 0.2, 300000.0), (1e-5, 455000.123456789)]),
        None,
    ]
    n = len(geometries)
    workspace = Workspace(areas=pd.DataFrame({
        column.name: pd.Series(
            {"id": [f"A{i}" for i in range(n)], "name": ["a"] * n, "kind": ["region"] * n,
             "geometry": geometries}.get(column.name, [None] * n),
            dtype=PANDAS_DTYPES[column.dtype])
        for column in table("areas").columns}))
    assert_same(workspace, roundtrip(workspace, tmp_path, kind))


@pytest.mark.parametrize("kind", ["csv", "gpkg"])
def test_carriage_returns_survive(kind: str, tmp_path: Path) -> None:
    workspace = scenarios(["cr\rlf", "crlf\r\nx", "a\r\r.", None])
    assert_same(workspace, roundtrip(workspace, tmp_path, kind))


def test_carriage_returns_survive_in_xlsx(tmp_path: Path) -> None:
    """XML normalises a bare carriage return to \\n unless it is written as a character
    reference; openpyxl does so when it writes through lxml, which pmiek installs (python-docx
    needs it), so the text survives whole in a workbook too."""
    import openpyxl

    assert openpyxl.LXML
    workspace = scenarios(["cr\rlf", "crlf\r\nx"])
    back = roundtrip(workspace, tmp_path, "xlsx")
    assert list(back.scenarios["description"]) == ["cr\rlf", "crlf\r\nx"]


@pytest.mark.parametrize("kind", ["csv", "xlsx", "gpkg"])
def test_empty_workspace_roundtrips(kind: str, tmp_path: Path) -> None:
    assert_same(Workspace(), roundtrip(Workspace(), tmp_path, kind))


# --- CSV dialects and GeoJSON ------------------------------------------------------------


def test_semicolon_cp1252_csv_from_dutch_excel(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    folder.mkdir()
    text = ("id;name;carrier;kind;operator;capacity_demand_mw;capacity_feedin_mw\r\n"
            "S1;Zoë's station, oost;Electricity;hv_station;Stedin;1,5;12\r\n")
    (folder / "assets.csv").write_bytes(text.encode("cp1252"))
    result = read_workspace(folder)
    assert result.problems == []
    assets = result.workspace.assets
    assert assets["name"].tolist() == ["Zoë's station, oost"]
    assert assets["carrier"].tolist() == ["electricity"]
    assert assets["capacity_demand_mw"].tolist() == [1.5]
    assert assets["capacity_feedin_mw"].tolist() == [12.0]


def test_utf8_csv_with_byte_order_mark(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    folder.mkdir()
    text = "id,name,kind\nGM0344,Zoë € 😀,municipality\n"
    (folder / "areas.csv").write_bytes(text.encode("utf-8-sig"))
    result = read_workspace(folder)
    assert result.problems == []
    assert result.workspace.areas["id"].tolist() == ["GM0344"]
    assert result.workspace.areas["name"].tolist() == ["Zoë € 😀"]


def test_problems_in_a_csv_name_file_and_line(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    folder.mkdir()
    (folder / "areas.csv").write_text(
        "id,name,kind\n\nGM1,Een,municipality\nGM2,Twee,village\n", encoding="utf-8")
    result = read_workspace(folder)
    (located,) = result.located()
    assert located.problem.code is Code.NOT_ALLOWED
    assert (located.path, located.sheet, located.line) == (str(folder / "areas.csv"), None, 4)


def feature(props: dict[str, object], geometry: dict[str, object]) -> dict[str, object]:
    return {"type": "Feature", "properties": props, "geometry": geometry}


def test_geojson_in_wgs84_inside_a_csv_folder_becomes_rd_new(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    folder.mkdir()
    (folder / "assets.csv").write_text(
        "id,name,carrier,kind,operator,capacity_demand_mw,capacity_feedin_mw\n"
        "S1,Station,electricity,hv_station,TenneT,10,5\n", encoding="utf-8")
    ring = [[5.0, 52.0], [5.2, 52.0], [5.2, 52.2], [5.0, 52.0]]
    collection = {"type": "FeatureCollection", "features": [
        feature({"id": "GM0344", "name": "Utrecht", "kind": "municipality", "population": 5},
                {"type": "Point", "coordinates": [5.1, 52.1]}),
        feature({"id": "GM0356", "name": "Nieuwegein", "kind": "municipality",
                 "population": None}, {"type": "Polygon", "coordinates": [ring]}),
    ]}
    (folder / "areas.geojson").write_text(json.dumps(collection), encoding="utf-8")
    result = read_workspace(folder)
    assert result.problems == []
    areas = result.workspace.areas
    assert areas["id"].tolist() == ["GM0344", "GM0356"]
    assert [None if pd.isna(v) else v for v in areas["population"]] == [5, None]
    transformer = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:28992", always_xy=True)
    x, y = transformer.transform(5.1, 52.1)
    point = areas["geometry"].iloc[0]
    assert abs(point.x - x) < 1e-6 and abs(point.y - y) < 1e-6
    lon, lat = np.array(ring).T
    expected = np.column_stack(transformer.transform(lon, lat))
    got = shapely.get_coordinates(areas["geometry"].iloc[1])
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-6)
    assert len(result.workspace.assets) == 1


def test_written_geojson_reads_back_in_rd_new(example: Workspace, tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    folder.mkdir()
    files.write_geojson(example, "assets", folder / "assets.geojson")
    back = read_workspace(folder, validate_rules=False)
    assert back.problems == []
    before = example.assets["geometry"].to_numpy(dtype=object)
    after = back.workspace.assets["geometry"].to_numpy(dtype=object)
    assert np.array_equal(pd.isna(before), pd.isna(after))
    present = ~pd.isna(before)
    np.testing.assert_allclose(shapely.get_coordinates(after[present]),
                               shapely.get_coordinates(before[present]), rtol=0, atol=1e-3)


# --- writing is all or nothing -----------------------------------------------------------


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("kind", ["csv", "xlsx", "gpkg"])
def test_write_refuses_to_overwrite(kind: str, example: Workspace, tmp_path: Path) -> None:
    target = tmp_path / TARGETS[kind]
    write_workspace(Workspace(), target)
    before = names(target) if target.is_dir() else target.read_bytes()
    with pytest.raises(WriteError):
        write_workspace(example, target)
    assert names(tmp_path) == [target.name]  # no staging left behind
    assert (names(target) if target.is_dir() else target.read_bytes()) == before
    write_workspace(example, target, overwrite=True)
    assert names(tmp_path) == [target.name]
    assert_same(example, read_workspace(target, validate_rules=False).own_rows)


def test_write_refuses_unknown_format_and_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(WriteError):
        write_workspace(Workspace(), tmp_path / "out.ods")
    with pytest.raises(WriteError):
        write_workspace(Workspace(), tmp_path / "missing" / "out.xlsx")
    assert names(tmp_path) == []


def failing(error: Exception) -> object:
    """A writer that writes part of its output, then fails."""
    def write(workspace: Workspace, path: Path, *args: object) -> None:
        if path.suffix:
            path.write_bytes(b"half")
        else:
            (path / "areas.csv").write_text("id\n", encoding="utf-8")
        raise error
    return write


@pytest.mark.parametrize(("kind", "writer"), [
    ("csv", "write_csv_folder"), ("xlsx", "write_xlsx"), ("gpkg", "write_gpkg")])
def test_failed_write_leaves_no_target(kind: str, writer: str, example: Workspace,
                                       tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, writer, failing(OSError("disk full")))
    target = tmp_path / TARGETS[kind]
    with pytest.raises(WriteError, match="disk full"):
        write_workspace(example, target)
    assert names(tmp_path) == []


def test_failed_overwrite_keeps_the_old_target(example: Workspace, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.xlsx"
    write_workspace(example, target)
    old = target.read_bytes()
    monkeypatch.setattr(files, "write_xlsx", failing(OSError("disk full")))
    with pytest.raises(WriteError):
        write_workspace(Workspace(), target, overwrite=True)
    assert names(tmp_path) == ["out.xlsx"]
    assert target.read_bytes() == old


def test_unexpected_failure_also_leaves_nothing(example: Workspace, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "write_csv_folder",
                        failing(RuntimeError("bug")))
    with pytest.raises(RuntimeError, match="bug"):
        write_workspace(example, tmp_path / "out")
    assert names(tmp_path) == []
