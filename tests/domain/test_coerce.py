"""Parsing raw text tables into typed tables (pmiek.domain.coerce)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyproj
import pytest
import shapely

from pmiek.domain import Code, Severity, Table, table
from pmiek.domain.coerce import PANDAS_DTYPES, coerce_table, empty_table, row_ids
from pmiek.domain.problems import Problem
from pmiek.domain.tables import TABLES


def raw(**columns: list[object]) -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(values, dtype=object) for name, values in columns.items()})


def project_rows(n: int, **columns: list[object]) -> pd.DataFrame:
    """``n`` raw project rows with every required column filled, overridden by ``columns``."""
    base: dict[str, list[object]] = {
        "id": [f"P{i}" for i in range(n)],
        "name": ["n"] * n,
        "operator": ["op"] * n,
        "carrier": ["electricity"] * n,
        "kind": ["expansion"] * n,
        "capex_meur": ["1"] * n,
        "lead_time_years": ["2"] * n,
    }
    base.update(columns)
    return raw(**base)


def values(frame: pd.DataFrame, column: str) -> list[object]:
    return [None if pd.isna(v) else v for v in frame[column]]


def wrong_types(problems: list[Problem]) -> list[tuple[str | None, int | None, str | None, str]]:
    return [(p.column, p.row, p.row_id, p.got) for p in problems if p.code is Code.WRONG_TYPE]


# --- numbers -----------------------------------------------------------------------------


def test_float_accepts_decimal_comma_point_exponent_and_blanks() -> None:
    texts = ["1,5", "-2,25", "344.0", "1e3", " 7 ", "0.1", "", None, "   "]
    typed, problems = coerce_table(table("projects"), project_rows(len(texts), capex_meur=texts))
    assert problems == []
    assert typed["capex_meur"].dtype == np.dtype("float64")
    assert values(typed, "capex_meur") == [1.5, -2.25, 344.0, 1000.0, 7.0, 0.1, None, None,
                                           None]


def test_float_rejects_text_thousands_separators_nan_and_inf() -> None:
    texts = ["abc", "1.000,5", "nan", "inf", "1e400", "12 MW"]
    typed, problems = coerce_table(table("projects"), project_rows(len(texts), capex_meur=texts))
    assert wrong_types(problems) == [("capex_meur", i, f"P{i}", t) for i, t in enumerate(texts)]
    assert all(p.table == "projects" and p.severity is Severity.ERROR for p in problems)
    assert {p.expected for p in problems} == {"a number"}
    assert {p.params["expected_nl"] for p in problems} == {"getal"}
    assert typed["capex_meur"].isna().all()


def test_integer_accepts_excel_style_whole_floats() -> None:
    texts = ["3", "3.0", "3,0", "1e1", " 4 ", "-0", None]
    typed, problems = coerce_table(table("projects"),
                                   project_rows(len(texts), transformers=texts))
    assert problems == []
    assert typed["transformers"].dtype == pd.Int64Dtype()
    # transformers defaults to 0 where empty
    assert values(typed, "transformers") == [3, 3, 3, 10, 4, 0, 0]


def test_integer_rejects_fractions_and_text() -> None:
    texts = ["2", "3.5", "x", "2,5", "inf"]
    typed, problems = coerce_table(table("projects"),
                                   project_rows(len(texts), lead_time_years=texts))
    assert wrong_types(problems) == [
        ("lead_time_years", 1, "P1", "3.5"),
        ("lead_time_years", 2, "P2", "x"),
        ("lead_time_years", 3, "P3", "2,5"),
        ("lead_time_years", 4, "P4", "inf"),
    ]
    assert {p.expected for p in problems} == {"an integer"}
    assert {p.params["expected_nl"] for p in problems} == {"geheel getal"}
    assert values(typed, "lead_time_years") == [2, None, None, None, None]


def test_integer_is_exact_beyond_float_precision() -> None:
    big = 2**53 + 1  # not representable as float64
    texts = [str(big), str(-(2**63)), str(2**63 - 1)]
    typed, problems = coerce_table(table("areas"), raw(
        id=["A", "B", "C"], name=["a"] * 3, kind=["region"] * 3, population=texts))
    assert problems == []
    assert values(typed, "population") == [big, -(2**63), 2**63 - 1]


def test_integer_outside_int64_is_a_wrong_type_not_a_crash() -> None:
    texts = [str(2**63), "1e30", "-99999999999999999999"]
    typed, problems = coerce_table(table("areas"), raw(
        id=["A", "B", "C"], name=["a"] * 3, kind=["region"] * 3, dwellings=texts))
    assert wrong_types(problems) == [("dwellings", i, k, t)
                                     for i, (k, t) in enumerate(zip("ABC", texts, strict=True))]
    assert typed["dwellings"].isna().all()


def test_year_accepts_whole_numbers_and_rejects_the_rest() -> None:
    texts = ["2030", "2031.0", "2030,5", "soon"]
    typed, problems = coerce_table(table("projects"),
                                   project_rows(len(texts), earliest_year=texts))
    assert typed["earliest_year"].dtype == pd.Int64Dtype()
    assert values(typed, "earliest_year") == [2030, 2031, None, None]
    assert wrong_types(problems) == [("earliest_year", 2, "P2", "2030,5"),
                                     ("earliest_year", 3, "P3", "soon")]
    assert {p.expected for p in problems} == {"a year"}
    assert {p.params["expected_nl"] for p in problems} == {"jaartal"}


# --- booleans, text, enums, lists --------------------------------------------------------


def test_boolean_spellings() -> None:
    truthy = ["true", "TRUE", "1", "ja", "Yes", "waar", "j", "y", "x", "1.0"]
    falsy = ["false", "0", "Nee", "no", "onwaar", "n", "0.0"]
    texts = [*truthy, *falsy]
    typed, problems = coerce_table(table("projects"),
                                   project_rows(len(texts), confidential=texts))
    assert problems == []
    assert typed["confidential"].dtype == pd.BooleanDtype()
    assert values(typed, "confidential") == [True] * len(truthy) + [False] * len(falsy)


def test_boolean_rejects_other_text() -> None:
    typed, problems = coerce_table(table("assets"), raw(
        id=["S1", "S2"], name=["s"] * 2, carrier=["heat"] * 2, kind=["storage"] * 2,
        operator=["o"] * 2, capacity_demand_mw=["1"] * 2, capacity_feedin_mw=["1"] * 2,
        confidential=["maybe", "ja"]))
    assert wrong_types(problems) == [("confidential", 0, "S1", "maybe")]
    assert problems[0].expected == "true/false"
    assert problems[0].params["expected_nl"] == "ja/nee (true/false)"
    assert values(typed, "confidential")[1:] == [True]


def test_string_is_stripped_and_blank_is_missing() -> None:
    typed, problems = coerce_table(table("scenarios"), raw(
        id=[" KM ", "EV"], name=["Koers; \"vast\", Zoë", "  "], description=["", None]))
    assert problems == []
    assert typed["id"].dtype == pd.StringDtype()
    assert values(typed, "id") == ["KM", "EV"]
    assert values(typed, "name") == ["Koers; \"vast\", Zoë", None]
    assert values(typed, "description") == [None, None]


def test_enum_values_are_case_normalised() -> None:
    texts = ["Electricity", " HEAT ", "hydrogen", "MeThAnE"]
    typed, problems = coerce_table(table("projects"), project_rows(len(texts), carrier=texts))
    assert problems == []
    assert typed["carrier"].dtype == pd.StringDtype()
    assert values(typed, "carrier") == ["electricity", "heat", "hydrogen", "methane"]


def test_enum_value_outside_the_list_is_kept_for_validation() -> None:
    typed, problems = coerce_table(table("projects"), project_rows(1, carrier=["gas"]))
    assert problems == []
    assert values(typed, "carrier") == ["gas"]


def test_id_list_accepts_semicolons_and_commas() -> None:
    texts = ["P1; P2", "P1,P2", ";P1;;", " P2 ", "", None, ";"]
    typed, problems = coerce_table(table("projects"), project_rows(len(texts), requires=texts))
    assert problems == []
    assert values(typed, "requires") == ["P1;P2", "P1;P2", "P1", "P2", None, None, None]


# --- geometry ----------------------------------------------------------------------------


def areas_with_geometry(geometries: list[object]) -> pd.DataFrame:
    n = len(geometries)
    return raw(id=[f"A{i}" for i in range(n)], name=["a"] * n, kind=["region"] * n,
               geometry=geometries)


def test_wkt_in_rd_new_is_kept_as_is() -> None:
    typed, problems = coerce_table(table("areas"), areas_with_geometry(
        ["POINT (136000.5 455000.25)", "SRID=28992;POINT (1 2)", None, " "]))
    assert problems == []
    geoms = values(typed, "geometry")
    assert geoms[0].equals_exact(shapely.Point(136000.5, 455000.25), tolerance=0.0)
    assert geoms[1].equals_exact(shapely.Point(1, 2), tolerance=0.0)
    assert geoms[2:] == [None, None]


@pytest.mark.parametrize("prefix", ["SRID=4326;", "srid=EPSG:4326;", " SRID=4326 ;"])
def test_ewkt_in_wgs84_is_converted_to_rd_new(prefix: str) -> None:
    typed, problems = coerce_table(table("areas"),
                                   areas_with_geometry([f"{prefix}POINT (5.1 52.1)"]))
    assert problems == []
    expected = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:28992", always_xy=True)
    x, y = expected.transform(5.1, 52.1)
    point = typed["geometry"].iloc[0]
    assert point.geom_type == "Point"
    assert abs(point.x - x) < 1e-6 and abs(point.y - y) < 1e-6
    # a sanity anchor: Utrecht lies near (135 km, 457 km) in RD New
    assert 130_000 < point.x < 140_000 and 450_000 < point.y < 460_000


def test_ewkt_polygon_converts_every_vertex() -> None:
    ring = "5.0 52.0, 5.2 52.0, 5.2 52.2, 5.0 52.0"
    typed, _ = coerce_table(table("areas"), areas_with_geometry([f"SRID=4326;POLYGON (({ring}))"]))
    transformer = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:28992", always_xy=True)
    lon, lat = np.array([5.0, 5.2, 5.2, 5.0]), np.array([52.0, 52.0, 52.2, 52.0])
    x, y = transformer.transform(lon, lat)
    got = shapely.get_coordinates(typed["geometry"].iloc[0])
    np.testing.assert_allclose(got, np.column_stack([x, y]), rtol=0, atol=1e-6)


def test_bad_wkt_and_unknown_srid_are_reported_per_row() -> None:
    typed, problems = coerce_table(table("areas"), areas_with_geometry(
        ["POINT (1 2", "SRID=999999;POINT (5 52)", "POINT (136000 455000)", "circle"]))
    found = [(p.code, p.column, p.row, p.row_id, p.got) for p in problems]
    assert found == [
        (Code.INVALID_GEOMETRY, "geometry", 0, "A0", "POINT (1 2"),
        (Code.INVALID_GEOMETRY, "geometry", 3, "A3", "circle"),
        (Code.UNKNOWN_CRS, "geometry", 1, "A1", "SRID=999999"),
    ]
    assert [g is None for g in typed["geometry"]] == [True, True, False, True]


def test_shapely_geometries_pass_through() -> None:
    point = shapely.Point(136000, 455000)
    typed, problems = coerce_table(table("areas"), areas_with_geometry([point, None]))
    assert problems == []
    assert typed["geometry"].iloc[0] is point
    assert typed["geometry"].iloc[1] is None


# --- columns -----------------------------------------------------------------------------


def test_missing_optional_columns_appear_typed_with_defaults() -> None:
    typed, problems = coerce_table(table("projects"), project_rows(2))
    assert problems == []
    assert list(typed.columns) == list(table("projects").column_names)
    for column in table("projects").columns:
        assert typed[column.name].dtype == PANDAS_DTYPES[column.dtype], column.name
    assert values(typed, "status") == ["candidate", "candidate"]
    assert values(typed, "fte_years") == [0.0, 0.0]
    assert values(typed, "transformers") == [0, 0]
    assert values(typed, "build_years") == [1, 1]
    assert values(typed, "spatial_claim_ha") == [0.0, 0.0]
    assert values(typed, "confidential") == [False, False]
    assert values(typed, "capex_low_meur") == [None, None]
    assert values(typed, "requires") == [None, None]
    assert values(typed, "earliest_year") == [None, None]


def test_defaults_fill_empty_cells_only() -> None:
    typed, problems = coerce_table(table("criteria"), raw(
        id=["C1", "C2"], name=["c"] * 2, group=["systeemtoets"] * 2, motivation=["m"] * 2,
        direction=["cost", ""], value_function=[None, "Step"]))
    assert problems == []
    assert values(typed, "direction") == ["cost", "benefit"]
    assert values(typed, "value_function") == ["linear", "step"]


def test_unknown_column_is_a_warning_and_is_dropped() -> None:
    frame = project_rows(1)
    frame["colour"] = ["red"]
    typed, problems = coerce_table(table("projects"), frame)
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.code, problem.severity, problem.table, problem.column, problem.row) == (
        Code.UNKNOWN_COLUMN, Severity.WARNING, "projects", "colour", None)
    assert "capex_meur" in problem.expected
    assert "colour" not in typed.columns


def test_missing_required_column_is_an_error() -> None:
    frame = project_rows(1).drop(columns=["capex_meur", "kind"])
    typed, problems = coerce_table(table("projects"), frame)
    assert [(p.code, p.severity, p.column) for p in problems] == [
        (Code.MISSING_COLUMN, Severity.ERROR, "kind"),
        (Code.MISSING_COLUMN, Severity.ERROR, "capex_meur"),
    ]
    assert typed["capex_meur"].isna().all()


def test_header_whitespace_is_ignored() -> None:
    frame = project_rows(1).rename(columns={"capex_meur": " capex_meur "})
    typed, problems = coerce_table(table("projects"), frame)
    assert problems == []
    assert values(typed, "capex_meur") == [1.0]


def test_row_positions_ignore_the_raw_index_and_composite_keys_name_the_row() -> None:
    frame = raw(sector=["housing", "housing"], carrier=["electricity", "heat"],
                unit=["homes", "homes"], demand_kw_per_unit=["1", "lots"],
                profile=["p", "p"], source=["s", "s"])
    frame.index = pd.Index([10, 20])
    typed, problems = coerce_table(table("unit_parameters"), frame)
    assert list(typed.index) == [0, 1]
    assert wrong_types(problems) == [("demand_kw_per_unit", 1, "housing/heat/homes", "lots")]


def test_row_id_is_missing_when_the_key_is_incomplete() -> None:
    _, problems = coerce_table(table("projects"),
                               project_rows(2, id=[None, "P1"], capex_meur=["x", "y"]))
    assert [(p.row, p.row_id) for p in problems] == [(0, None), (1, "P1")]


def test_row_ids_of_a_typed_table() -> None:
    frame = pd.DataFrame({"profile_id": pd.array(["a", None], dtype="string"),
                          "hour": pd.array([3, 4], dtype="Int64")})
    ids = row_ids(table("profiles"), frame)
    assert ids.iloc[0] == "a/3"
    assert pd.isna(ids.iloc[1])


@pytest.mark.parametrize("schema", TABLES, ids=lambda t: t.name)
def test_empty_table_has_every_column_typed(schema: Table) -> None:
    frame = empty_table(schema)
    assert len(frame) == 0
    assert list(frame.columns) == list(schema.column_names)
    for column in schema.columns:
        assert frame[column.name].dtype == PANDAS_DTYPES[column.dtype]
