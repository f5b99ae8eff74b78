"""(Re)create the corpus of broken workspaces in ``tests/corpus/broken`` (and ``warnings``).

Every case is derived deterministically from the embedded example dataset: a few of its
tables, with one thing broken, written as a folder of CSV files (``input/``), a workbook
(``input.xlsx``) or a GeoPackage (``input.gpkg``), next to an ``expected.json`` naming the
problem ``pmiek validate`` must report. The generator checks every case as it writes it;
``tests/adapters/test_broken_corpus.py`` then runs the command line on the files on disk.

Run from the repository root::

    .venv/bin/python tests/corpus/make_corpus.py
"""

from __future__ import annotations

import copy
import csv
import json
import math
import re
import shutil
import sqlite3
import sys
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyogrio
import shapely
from openpyxl import Workbook

from pmiek.adapters.files import embedded_workspaces, read_workspace, write_workspace
from pmiek.domain.problems import Severity
from pmiek.domain.tables import HOURS_PER_YEAR, table
from pmiek.domain.workspace import Workspace

HERE = Path(__file__).resolve().parent
BROKEN = HERE / "broken"
WARNINGS = HERE / "warnings"
EXAMPLE = embedded_workspaces()["example"]
FIXED_TIME = (2024, 1, 1, 0, 0, 0)
FIXED_STAMP = "2024-01-01T00:00:00Z"

# --- tables as text ----------------------------------------------------------------------


@dataclass
class Sheet:
    """One table as text: a header and rows of cells (``""`` is an empty cell)."""

    name: str
    header: list[str]
    rows: list[list[str]]

    @classmethod
    def read(cls, name: str) -> Sheet:
        with (EXAMPLE / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader)
            return cls(name, header, [list(row) for row in reader])

    def key_of(self, row: list[str]) -> str:
        parts = [row[self.header.index(k)] for k in table(self.name).key if k in self.header]
        return "/".join(p for p in parts if p)  # an optional key part may be left empty

    def position(self, key: str) -> int:
        """The 0-based position of the row whose key (``a/b`` when composite) is ``key``."""
        matches = [i for i, row in enumerate(self.rows) if self.key_of(row) == key]
        if len(matches) != 1:
            raise KeyError(f"{self.name}: {len(matches)} rows with key {key!r}")
        return matches[0]

    def line(self, key: str) -> int:
        """The line of row ``key`` in the CSV file (the header is line 1)."""
        return self.position(key) + 2

    def get(self, key: str, column: str) -> str:
        return self.rows[self.position(key)][self.header.index(column)]

    def set(self, key: str, column: str, value: str) -> int:
        """Set one cell; returns the CSV line of the row (computed before any id change)."""
        position = self.position(key)
        self.rows[position][self.header.index(column)] = value
        return position + 2

    def append(self, values: dict[str, str]) -> int:
        self.rows.append([values.get(c, "") for c in self.header])
        return len(self.rows) + 1

    def copy_row(self, key: str, **changes: str) -> int:
        row = dict(zip(self.header, self.rows[self.position(key)], strict=True))
        row.update(changes)
        return self.append(row)

    def rename_column(self, old: str, new: str) -> None:
        self.header[self.header.index(old)] = new

    def drop_column(self, column: str) -> None:
        index = self.header.index(column)
        del self.header[index]
        for row in self.rows:
            del row[index]

    def add_column(self, column: str, value: str) -> None:
        self.header.append(column)
        for row in self.rows:
            row.append(value)

    def csv_text(self) -> str:
        out: list[str] = []
        for row in [self.header, *self.rows]:
            cells = []
            for cell in row:
                if any(ch in cell for ch in ',"\n'):
                    cell = '"' + cell.replace('"', '""') + '"'
                cells.append(cell)
            out.append(",".join(cells))
        return "\n".join(out) + "\n"

    def frame(self) -> pd.DataFrame:
        """The raw text frame a reader would deliver (``None`` for an empty cell)."""
        return pd.DataFrame([[c or None for c in row] for row in self.rows],
                            columns=self.header, dtype=object)


BASE_TABLES = ("areas", "assets", "developments", "projects", "project_effects", "resources",
               "scenarios", "scenario_factors", "scenario_parameters", "choice_rules",
               "criteria")


def base() -> dict[str, Sheet]:
    """The example without profiles: every development gets an explicit size (from the
    example's unit parameters) and no profile, so that nothing needs profiles.csv."""
    sheets = {name: Sheet.read(name) for name in BASE_TABLES}
    params = Sheet.read("unit_parameters")
    kw = {(r[0], r[1], r[2]): (float(r[3]), float(r[4])) for r in params.rows}
    dev = sheets["developments"]
    h = dev.header.index
    for row in dev.rows:
        if not row[h("demand_mw")] and not row[h("feedin_mw")]:
            demand, feedin = kw[(row[h("sector")], row[h("carrier")], row[h("unit")])]
            quantity = float(row[h("quantity")])
            row[h("demand_mw")] = f"{quantity * demand / 1000:g}"
            row[h("feedin_mw")] = f"{quantity * feedin / 1000:g}"
        row[h("profile")] = ""
    rules = sheets["choice_rules"]
    for row in rules.rows:
        row[rules.header.index("profile")] = ""
    return sheets


# --- cases ---------------------------------------------------------------------------------


@dataclass
class Case:
    name: str
    description: str
    code: str
    table: str
    row_id: str | None
    column: str | None
    row: int | None = None
    kind: str = "csv"  # csv | xlsx | gpkg
    sheets: dict[str, Sheet] = field(default_factory=dict)
    writer: Callable[[Path], None] | None = None
    also: tuple[str, ...] = ()
    file: str | None = None
    sheet: str | None = None
    severity: str = "error"

    @property
    def input_name(self) -> str:
        return {"csv": "input", "xlsx": "input.xlsx", "gpkg": "input.gpkg"}[self.kind]

    def expected(self) -> dict[str, object]:
        record: dict[str, object] = {
            "description": self.description,
            "severity": self.severity,
            "code": self.code,
            "table": self.table,
            "row_id": self.row_id,
            "column": self.column,
        }
        if self.row is not None:
            record["row"] = self.row
        if self.file is not None:
            record["file"] = self.file
        if self.sheet is not None:
            record["sheet"] = self.sheet
        record["also"] = list(self.also)
        return record


CASES: list[Callable[[dict[str, Sheet]], Case]] = []
WARNING_CASES: list[Callable[[dict[str, Sheet]], Case]] = []


def case(function: Callable[[dict[str, Sheet]], Case]) -> Callable[[dict[str, Sheet]], Case]:
    CASES.append(function)
    return function


def warning_case(
    function: Callable[[dict[str, Sheet]], Case],
) -> Callable[[dict[str, Sheet]], Case]:
    WARNING_CASES.append(function)
    return function


def pick(b: dict[str, Sheet], *names: str) -> dict[str, Sheet]:
    return {name: b[name] for name in names}


ASSETS = ("areas", "assets")
DEVELOPMENTS = ("areas", "assets", "developments")
PROJECTS = ("areas", "projects")


def csv_case(b: dict[str, Sheet], tables: tuple[str, ...], **kwargs: object) -> Case:
    """A CSV-folder case; ``file`` defaults to the CSV file of the expected table."""
    kwargs.setdefault("file", f"{kwargs['table']}.csv")
    return Case(sheets=pick(b, *tables), **kwargs)  # type: ignore[arg-type]


# missing columns and values

@case
def missing_column_capacity(b: dict[str, Sheet]) -> Case:
    b["assets"].rename_column("capacity_demand_mw", "capacity_demand")
    return csv_case(b, ASSETS, name="missing_column_capacity",
                    description="assets.csv: required column capacity_demand_mw misspelt as "
                    "capacity_demand (also an unknown-column warning)",
                    code="missing_column", table="assets", row_id=None,
                    column="capacity_demand_mw")


@case
def missing_column_capex(b: dict[str, Sheet]) -> Case:
    b["projects"].drop_column("capex_meur")
    return csv_case(b, PROJECTS, name="missing_column_capex",
                    description="projects.csv without the required column capex_meur",
                    code="missing_column", table="projects", row_id=None,
                    column="capex_meur")


@case
def missing_value_operator(b: dict[str, Sheet]) -> Case:
    row = b["assets"].set("LWD-MS", "operator", "")
    return csv_case(b, ASSETS, name="missing_value_operator",
                    description="asset LWD-MS without operator", code="missing_value",
                    table="assets", row_id="LWD-MS", column="operator", row=row)


@case
def missing_value_start_year(b: dict[str, Sheet]) -> Case:
    row = b["developments"].set("D-HTN-W", "start_year", "")
    return csv_case(b, DEVELOPMENTS, name="missing_value_start_year",
                    description="development D-HTN-W without start_year",
                    code="missing_value", table="developments", row_id="D-HTN-W",
                    column="start_year", row=row)


# wrong types

@case
def wrong_type_voltage_text(b: dict[str, Sheet]) -> Case:
    row = b["assets"].set("NWG150", "voltage_kv", "150/20")
    return csv_case(b, ASSETS, name="wrong_type_voltage_text",
                    description="text '150/20' in the number column voltage_kv",
                    code="wrong_type", table="assets", row_id="NWG150", column="voltage_kv",
                    row=row)


@case
def wrong_type_capacity_text(b: dict[str, Sheet]) -> Case:
    row = b["assets"].set("HTN-MS", "capacity_demand_mw", "onbekend")
    return csv_case(b, ASSETS, name="wrong_type_capacity_text",
                    description="text 'onbekend' in the required number column "
                    "capacity_demand_mw (reported once, not also as missing)",
                    code="wrong_type", table="assets", row_id="HTN-MS",
                    column="capacity_demand_mw", row=row)


@case
def wrong_type_year_fraction(b: dict[str, Sheet]) -> Case:
    row = b["developments"].set("D-UTC-EV", "start_year", "2025.5")
    return csv_case(b, DEVELOPMENTS, name="wrong_type_year_fraction",
                    description="non-integer year 2025.5 in start_year", code="wrong_type",
                    table="developments", row_id="D-UTC-EV", column="start_year", row=row)


@case
def wrong_type_integer_decimal_comma(b: dict[str, Sheet]) -> Case:
    row = b["developments"].set("D-LW-BT", "certainty", "3,5")
    return csv_case(b, DEVELOPMENTS, name="wrong_type_integer_decimal_comma",
                    description="certainty '3,5' (a decimal comma) is not an integer",
                    code="wrong_type", table="developments", row_id="D-LW-BT",
                    column="certainty", row=row)


@case
def wrong_type_boolean(b: dict[str, Sheet]) -> Case:
    row = b["assets"].set("LWD-MS", "confidential", "misschien")
    return csv_case(b, ASSETS, name="wrong_type_boolean",
                    description="'misschien' in the boolean column confidential",
                    code="wrong_type", table="assets", row_id="LWD-MS", column="confidential",
                    row=row)


# enumerations

@case
def not_allowed_carrier(b: dict[str, Sheet]) -> Case:
    row = b["assets"].set("ODR150", "carrier", "elektriciteit")
    return csv_case(b, ASSETS, name="not_allowed_carrier",
                    description="carrier 'elektriciteit' (Dutch) instead of 'electricity'",
                    code="not_allowed", table="assets", row_id="ODR150", column="carrier",
                    row=row)


@case
def not_allowed_asset_kind(b: dict[str, Sheet]) -> Case:
    row = b["assets"].set("NWG-MS", "kind", "substation")
    return csv_case(b, ASSETS, name="not_allowed_asset_kind",
                    description="asset kind 'substation' is not in the list",
                    code="not_allowed", table="assets", row_id="NWG-MS", column="kind",
                    row=row)


@case
def not_allowed_sector(b: dict[str, Sheet]) -> Case:
    row = b["developments"].set("D-NWG-W", "sector", "woningbouw")
    return csv_case(b, DEVELOPMENTS, name="not_allowed_sector",
                    description="sector 'woningbouw' (Dutch) instead of 'housing'",
                    code="not_allowed", table="developments", row_id="D-NWG-W",
                    column="sector", row=row)


# ranges

@case
def negative_capacity(b: dict[str, Sheet]) -> Case:
    row = b["assets"].set("HTN-MS", "capacity_feedin_mw", "-40")
    return csv_case(b, ASSETS, name="negative_capacity",
                    description="negative feed-in capacity", code="out_of_range",
                    table="assets", row_id="HTN-MS", column="capacity_feedin_mw", row=row)


@case
def negative_capex(b: dict[str, Sheet]) -> Case:
    projects = b["projects"]
    row = projects.set("P-BAT", "capex_meur", "-8")
    projects.set("P-BAT", "capex_low_meur", "")
    projects.set("P-BAT", "capex_high_meur", "")
    return csv_case(b, PROJECTS, name="negative_capex",
                    description="negative capex (without a low/high range)",
                    code="out_of_range", table="projects", row_id="P-BAT",
                    column="capex_meur", row=row)


@case
def negative_criterion_weight(b: dict[str, Sheet]) -> Case:
    row = b["criteria"].set("MW-WRK", "weight", "-0.4")
    return csv_case(b, ("criteria",), name="negative_criterion_weight",
                    description="negative weight of criterion MW-WRK", code="out_of_range",
                    table="criteria", row_id="MW-WRK", column="weight", row=row)


@case
def certainty_out_of_range(b: dict[str, Sheet]) -> Case:
    row = b["developments"].set("D-DC", "certainty", "7")
    return csv_case(b, DEVELOPMENTS, name="certainty_out_of_range",
                    description="certainty 7 (the scale is 1…5)", code="out_of_range",
                    table="developments", row_id="D-DC", column="certainty", row=row)


@case
def acm_priority_out_of_range(b: dict[str, Sheet]) -> Case:
    row = b["developments"].set("D-UMC", "acm_priority", "5")
    return csv_case(b, DEVELOPMENTS, name="acm_priority_out_of_range",
                    description="acm_priority 5 (the scale is 0…3)", code="out_of_range",
                    table="developments", row_id="D-UMC", column="acm_priority", row=row)


# planning horizon

@case
def outside_horizon_start_1990(b: dict[str, Sheet]) -> Case:
    row = b["developments"].set("D-NWG-ZON", "start_year", "1990")
    return csv_case(b, DEVELOPMENTS, name="outside_horizon_start_1990",
                    description="start_year 1990, before the planning horizon",
                    code="outside_horizon", table="developments", row_id="D-NWG-ZON",
                    column="start_year", row=row)


@case
def outside_horizon_end_2061(b: dict[str, Sheet]) -> Case:
    row = b["developments"].set("D-WN", "end_year", "2061")
    return csv_case(b, DEVELOPMENTS, name="outside_horizon_end_2061",
                    description="end_year 2061, after the planning horizon 2050",
                    code="outside_horizon", table="developments", row_id="D-WN",
                    column="end_year", row=row)


@case
def outside_horizon_project_2061(b: dict[str, Sheet]) -> Case:
    row = b["projects"].set("P-HTN-O", "earliest_year", "2061")
    return csv_case(b, PROJECTS, name="outside_horizon_project_2061",
                    description="project earliest_year 2061, after the planning horizon",
                    code="outside_horizon", table="projects", row_id="P-HTN-O",
                    column="earliest_year", row=row)


# keys

@case
def duplicate_asset_id(b: dict[str, Sheet]) -> Case:
    row = b["assets"].copy_row("UTC-MS", name="Utrecht-Centrum MS (dubbel)")
    return csv_case(b, ASSETS, name="duplicate_asset_id",
                    description="asset UTC-MS appears twice (the second copy is reported)",
                    code="duplicate_key", table="assets", row_id="UTC-MS", column="id",
                    row=row)


@case
def duplicate_development_id(b: dict[str, Sheet]) -> Case:
    row = b["developments"].set("D-UTC-W", "id", "D-MKZ")
    return csv_case(b, DEVELOPMENTS, name="duplicate_development_id",
                    description="two developments with id D-MKZ", code="duplicate_key",
                    table="developments", row_id="D-MKZ", column="id", row=row)


@case
def duplicate_resources_key(b: dict[str, Sheet]) -> Case:
    row = b["resources"].set("2028/Stedin", "year", "2027")
    return csv_case(b, ("resources",), name="duplicate_resources_key",
                    description="resources: year 2027 of Stedin given twice (composite key)",
                    code="duplicate_key", table="resources", row_id="2027/Stedin",
                    column="year/operator", row=row)


# references

@case
def dangling_asset_parent(b: dict[str, Sheet]) -> Case:
    row = b["assets"].set("NWG-MS", "parent_id", "NWG15O")
    return csv_case(b, ASSETS, name="dangling_asset_parent",
                    description="parent_id 'NWG15O' (letter O for zero) does not exist",
                    code="dangling_reference", table="assets", row_id="NWG-MS",
                    column="parent_id", row=row)


@case
def dangling_development_asset(b: dict[str, Sheet]) -> Case:
    row = b["developments"].set("D-HTN-ZON", "asset_id", "HTN-MS2")
    return csv_case(b, DEVELOPMENTS, name="dangling_development_asset",
                    description="development connected to a non-existent asset",
                    code="dangling_reference", table="developments", row_id="D-HTN-ZON",
                    column="asset_id", row=row)


@case
def dangling_development_area(b: dict[str, Sheet]) -> Case:
    row = b["developments"].set("D-LW-BT", "area_id", "GM0345")
    return csv_case(b, DEVELOPMENTS, name="dangling_development_area",
                    description="development in a non-existent area GM0345",
                    code="dangling_reference", table="developments", row_id="D-LW-BT",
                    column="area_id", row=row)


@case
def dangling_effect_project(b: dict[str, Sheet]) -> Case:
    row = b["project_effects"].set("P-BAT/NWG-MS", "project_id", "P-BATT")
    return csv_case(b, ("areas", "assets", "projects", "project_effects"),
                    name="dangling_effect_project",
                    description="project effect of a non-existent project P-BATT",
                    code="dangling_reference", table="project_effects",
                    row_id="P-BATT/NWG-MS", column="project_id", row=row)


@case
def dangling_effect_asset(b: dict[str, Sheet]) -> Case:
    row = b["project_effects"].set("P-FLEX/LWD150", "asset_id", "LWD151")
    return csv_case(b, ("areas", "assets", "projects", "project_effects"),
                    name="dangling_effect_asset",
                    description="project effect on a non-existent asset LWD151",
                    code="dangling_reference", table="project_effects",
                    row_id="P-FLEX/LWD151", column="asset_id", row=row)


@case
def dangling_project_requires(b: dict[str, Sheet]) -> Case:
    row = b["projects"].set("P-LW-MS", "requires", "P-ODR;P-OUDENRIJN")
    return csv_case(b, PROJECTS, name="dangling_project_requires",
                    description="requires lists a project P-OUDENRIJN that does not exist",
                    code="dangling_reference", table="projects", row_id="P-LW-MS",
                    column="requires", row=row)


@case
def dangling_criterion_parent(b: dict[str, Sheet]) -> Case:
    row = b["criteria"].set("RB-FTE", "parent_id", "RBX")
    return csv_case(b, ("criteria",), name="dangling_criterion_parent",
                    description="criterion under a non-existent parent RBX",
                    code="dangling_reference", table="criteria", row_id="RB-FTE",
                    column="parent_id", row=row)


@case
def dangling_scenario_factor(b: dict[str, Sheet]) -> Case:
    row = b["scenario_factors"].set("KM/industry/2030", "scenario_id", "KMM")
    return csv_case(b, ("scenarios", "scenario_factors"), name="dangling_scenario_factor",
                    description="growth factor of a non-existent scenario KMM",
                    code="dangling_reference", table="scenario_factors",
                    row_id="KMM/industry/2030", column="scenario_id", row=row)


# hierarchies

@case
def self_reference_asset_parent(b: dict[str, Sheet]) -> Case:
    row = b["assets"].set("UTC-MS", "parent_id", "UTC-MS")
    return csv_case(b, ASSETS, name="self_reference_asset_parent",
                    description="asset UTC-MS is its own parent", code="self_reference",
                    table="assets", row_id="UTC-MS", column="parent_id", row=row)


@case
def cycle_asset_hierarchy(b: dict[str, Sheet]) -> Case:
    row = b["assets"].set("BKK380", "parent_id", "NWG-MS")
    return csv_case(b, ASSETS, name="cycle_asset_hierarchy",
                    description="BKK380 → NWG-MS → NWG150 → ODR150 → BKK380",
                    code="cycle", table="assets", row_id="BKK380", column="parent_id",
                    row=row)


@case
def cycle_area_hierarchy(b: dict[str, Sheet]) -> Case:
    row = b["areas"].set("PV26", "parent_id", "GM0344")
    return csv_case(b, ("areas",), name="cycle_area_hierarchy",
                    description="PV26 → GM0344 → RES-U16 → PV26", code="cycle",
                    table="areas", row_id="PV26", column="parent_id", row=row)


@case
def cycle_criteria(b: dict[str, Sheet]) -> Case:
    row = b["criteria"].set("MW", "parent_id", "MW-WRK")
    return csv_case(b, ("criteria",), name="cycle_criteria",
                    description="criterion MW under its own child MW-WRK", code="cycle",
                    table="criteria", row_id="MW", column="parent_id", row=row)


@case
def cycle_project_requires(b: dict[str, Sheet]) -> Case:
    row = b["projects"].set("P-ODR", "requires", "P-LW-MS")
    return csv_case(b, PROJECTS, name="cycle_project_requires",
                    description="P-ODR requires P-LW-MS, which requires P-ODR", code="cycle",
                    table="projects", row_id="P-ODR", column="requires", row=row)


@case
def requires_and_excludes(b: dict[str, Sheet]) -> Case:
    row = b["projects"].set("P-BAT", "requires", "P-FLEX")  # P-BAT already excludes P-FLEX
    return csv_case(b, PROJECTS, name="requires_and_excludes",
                    description="P-BAT both requires and excludes P-FLEX",
                    code="excludes_required", table="projects", row_id="P-BAT",
                    column="excludes", row=row)


@case
def start_after_end(b: dict[str, Sheet]) -> Case:
    row = b["developments"].set("D-UTC-W", "start_year", "2031")  # end_year is 2030
    return csv_case(b, DEVELOPMENTS, name="start_after_end",
                    description="start_year 2031 after end_year 2030",
                    code="start_after_end", table="developments", row_id="D-UTC-W",
                    column="start_year", row=row)


# profiles (small generated files instead of the example's 4 x 8760 hours)


def _shape(hour: int) -> float:
    """A daily shape with its peak (1) at 18:00."""
    return round(0.6 + 0.4 * math.cos(2 * math.pi * (hour % 24 - 18) / 24), 2)


def profile_rows(name: str, hours: list[int], scale: float = 1.0) -> list[list[str]]:
    return [[name, str(h), f"{_shape(h) * scale:g}"] for h in hours]


def profiles(*blocks: list[list[str]]) -> Sheet:
    return Sheet("profiles", ["profile_id", "hour", "value"],
                 [row for block in blocks for row in block])


@case
def profile_8759_values(b: dict[str, Sheet]) -> Case:
    sheet = profiles([["flat", str(h), "1"] for h in range(HOURS_PER_YEAR)],
                     profile_rows("household", list(range(HOURS_PER_YEAR - 1))))
    return Case(name="profile_8759_values",
                description="profile 'household' (after a valid 'flat') has 8759 hours",
                code="profile_length", table="profiles", row_id="household", column="hour",
                row=HOURS_PER_YEAR + 2, sheets={"profiles": sheet}, file="profiles.csv")


@case
def profile_duplicate_hour(b: dict[str, Sheet]) -> Case:
    hours = list(range(HOURS_PER_YEAR))
    hours.insert(4001, 4000)  # hour 4000 twice: 8761 values
    sheet = profiles(profile_rows("solar", hours))
    return Case(name="profile_duplicate_hour",
                description="profile 'solar' with hour 4000 twice (8761 values); also a "
                "duplicate key profile_id/hour", code="profile_length", table="profiles",
                row_id="solar", column="hour", row=2, sheets={"profiles": sheet},
                also=("duplicate_key",), file="profiles.csv")


@case
def profile_peak_0_8(b: dict[str, Sheet]) -> Case:
    sheet = profiles(profile_rows("ev_evening", list(range(HOURS_PER_YEAR)), scale=0.8))
    return Case(name="profile_peak_0_8",
                description="profile 'ev_evening' with a peak of 0.8 instead of 1",
                code="profile_not_normalised", table="profiles", row_id="ev_evening",
                column="value", row=2, sheets={"profiles": sheet}, file="profiles.csv")


# geometry

@case
def invalid_wkt(b: dict[str, Sheet]) -> Case:
    row = b["assets"].set("BAT-LW", "geometry", "POINT (132100, 457900)")
    return csv_case(b, ASSETS, name="invalid_wkt",
                    description="WKT with a comma between x and y", code="invalid_geometry",
                    table="assets", row_id="BAT-LW", column="geometry", row=row)


@case
def self_intersecting_polygon(b: dict[str, Sheet]) -> Case:
    row = b["areas"].set("HS-LW", "geometry", "POLYGON ((130300 456300, 132700 458700, "
                         "132700 456300, 130300 458700, 130300 456300))")
    return csv_case(b, ("areas",), name="self_intersecting_polygon",
                    description="a bow-tie polygon (self-intersection)",
                    code="invalid_geometry", table="areas", row_id="HS-LW",
                    column="geometry", row=row)


@case
def unknown_crs(b: dict[str, Sheet]) -> Case:
    row = b["assets"].set("HTN-MS", "geometry", "SRID=999999;POINT (1 2)")
    return csv_case(b, ASSETS, name="unknown_crs",
                    description="EWKT with an SRID no one knows", code="unknown_crs",
                    table="assets", row_id="HTN-MS", column="geometry", row=row)


@case
def wgs84_without_srid(b: dict[str, Sheet]) -> Case:
    row = b["assets"].set("UTC-MS", "geometry", "POINT (5.1214 52.0907)")
    return csv_case(b, ASSETS, name="wgs84_without_srid",
                    description="longitude/latitude without 'SRID=4326;' (outside RD New)",
                    code="geometry_outside_rd", table="assets", row_id="UTC-MS",
                    column="geometry", row=row)


# domain rules

@case
def missing_motivation(b: dict[str, Sheet]) -> Case:
    row = b["criteria"].set("RB", "motivation", "")
    return csv_case(b, ("criteria",), name="missing_motivation",
                    description="criterion RB without motivation", code="missing_motivation",
                    table="criteria", row_id="RB", column="motivation", row=row)


@case
def capex_outside_range(b: dict[str, Sheet]) -> Case:
    row = b["projects"].set("P-UTN", "capex_meur", "400")  # range 150…300
    return csv_case(b, PROJECTS, name="capex_outside_range",
                    description="capex 400 above capex_high_meur 300", code="capex_range",
                    table="projects", row_id="P-UTN", column="capex_meur", row=row)


@case
def no_size_without_quantity(b: dict[str, Sheet]) -> Case:
    row = b["developments"].set("D-UMC", "demand_mw", "")  # no quantity, no unit either
    return csv_case(b, DEVELOPMENTS, name="no_size_without_quantity",
                    description="development without demand_mw, feedin_mw or quantity",
                    code="no_size", table="developments", row_id="D-UMC", column="demand_mw",
                    row=row)


@case
def no_size_without_unit_parameter(b: dict[str, Sheet]) -> Case:
    dev = b["developments"]
    row = dev.set("D-MKZ", "demand_mw", "")
    dev.set("D-MKZ", "feedin_mw", "")
    dev.set("D-MKZ", "unit", "m2")  # housing in m2: no unit parameter, here or in the library
    return csv_case(b, DEVELOPMENTS, name="no_size_without_unit_parameter",
                    description="quantity in m2 but no matching unit_parameters row, neither "
                                "in the workspace nor in the shipped library",
                    code="no_size", table="developments", row_id="D-MKZ", column="demand_mw",
                    row=row)


@case
def carrier_mismatch(b: dict[str, Sheet]) -> Case:
    row = b["developments"].set("D-WN", "asset_id", "UTC-MS")  # heat on an electricity asset
    return csv_case(b, DEVELOPMENTS, name="carrier_mismatch",
                    description="heat development connected to an electricity station",
                    code="carrier_mismatch", table="developments", row_id="D-WN",
                    column="carrier", row=row)


# unreadable files

def _raw_files(files: dict[str, bytes]) -> Callable[[Path], None]:
    def write(folder: Path) -> None:
        folder.mkdir()
        for name, data in files.items():
            (folder / name).write_bytes(data)
    return write


@case
def ragged_csv(b: dict[str, Sheet]) -> Case:
    text = b["areas"].csv_text().splitlines()
    text[3] += ",extra,velden"  # line 4 has two fields more than the header
    return Case(name="ragged_csv", description="areas.csv: line 4 has too many fields",
                code="unreadable", table="areas", row_id=None, column=None,
                writer=_raw_files({"areas.csv": ("\n".join(text) + "\n").encode()}),
                file="areas.csv")


@case
def unclosed_quote_csv(b: dict[str, Sheet]) -> Case:
    text = b["scenarios"].csv_text().replace("Koersvaste Middenweg", '"Koersvaste Middenweg')
    return Case(name="unclosed_quote_csv",
                description="scenarios.csv: a quote that is never closed",
                code="unreadable", table="scenarios", row_id=None, column=None,
                writer=_raw_files({"scenarios.csv": text.encode()}), file="scenarios.csv")


@case
def empty_csv(b: dict[str, Sheet]) -> Case:
    return Case(name="empty_csv", description="criteria.csv is an empty file (0 bytes)",
                code="unreadable", table="criteria", row_id=None, column=None,
                writer=_raw_files({"criteria.csv": b""}), file="criteria.csv")


@case
def empty_folder(b: dict[str, Sheet]) -> Case:
    return Case(name="empty_folder",
                description="a folder without any table (only a README.txt)",
                code="unreadable", table="-", row_id=None, column=None,
                writer=_raw_files({"README.txt": b"De tabellen staan nog op de G-schijf.\n"}),
                file="input")


# Excel workbooks


def _cell(text: str) -> object:
    if text == "":
        return None
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    if re.fullmatch(r"-?\d+\.\d+", text):
        return float(text)
    if text in ("true", "false"):
        return text == "true"
    return text


def normalise_zip(path: Path) -> None:
    """Fixed timestamps in a zip (an .xlsx), so that regenerating gives the same bytes."""
    with zipfile.ZipFile(path) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in entries:
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", FIXED_STAMP.encode(), data)
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, data)


def workbook(sheets: dict[str, Sheet], blank_before: dict[str, str] | None = None,
             ) -> Callable[[Path], None]:
    """A workbook as a person makes it: typed cells, and blank rows before some keys."""
    blank_before = blank_before or {}

    def write(path: Path) -> None:
        book = Workbook()
        first = book.active
        assert first is not None
        book.remove(first)
        for name, sheet in sheets.items():
            ws = book.create_sheet(name)
            ws.append(sheet.header)
            for row in sheet.rows:
                if sheet.key_of(row) == blank_before.get(name):
                    ws.append([])
                ws.append([_cell(c) for c in row])
        book.save(path)
        normalise_zip(path)
    return write


@case
def xlsx_wrong_type_certainty(b: dict[str, Sheet]) -> Case:
    dev = b["developments"]
    dev.set("D-NWG-W", "certainty", "hoog")
    # an empty row above D-NWG-W: it is the 3rd data row (CSV line 4) but sits in Excel row 5
    row = dev.line("D-NWG-W") + 1
    return Case(name="xlsx_wrong_type_certainty",
                description="workbook: certainty 'hoog' in sheet developments, below an "
                "empty row (the Excel row is reported)", code="wrong_type",
                table="developments", row_id="D-NWG-W", column="certainty", row=row,
                kind="xlsx", writer=workbook(pick(b, *DEVELOPMENTS),
                                             {"developments": "D-NWG-W"}),
                file="input.xlsx", sheet="developments")


@case
def xlsx_not_allowed_carrier(b: dict[str, Sheet]) -> Case:
    row = b["assets"].set("WN-UTR", "carrier", "warmte")
    return Case(name="xlsx_not_allowed_carrier",
                description="workbook: carrier 'warmte' in sheet assets", code="not_allowed",
                table="assets", row_id="WN-UTR", column="carrier", row=row, kind="xlsx",
                writer=workbook(pick(b, *ASSETS)), file="input.xlsx", sheet="assets")


@case
def xlsx_missing_value_name(b: dict[str, Sheet]) -> Case:
    b["areas"].set("GM0356", "name", "")
    row = b["areas"].line("GM0356") + 1
    return Case(name="xlsx_missing_value_name",
                description="workbook: area GM0356 without a name, below an empty row",
                code="missing_value", table="areas", row_id="GM0356", column="name",
                row=row, kind="xlsx", writer=workbook(pick(b, "areas"), {"areas": "GM0344"}),
                file="input.xlsx", sheet="areas")


@case
def broken_xlsx(b: dict[str, Sheet]) -> Case:
    def write(path: Path) -> None:
        path.write_text(b["areas"].csv_text(), encoding="utf-8")
    return Case(name="broken_xlsx", description="a CSV file renamed to .xlsx",
                code="unreadable", table="-", row_id=None, column=None, kind="xlsx",
                writer=write, file="input.xlsx")


# GeoPackages


def normalise_gpkg(path: Path) -> None:
    """Fixed timestamps in a GeoPackage, so that regenerating gives the same bytes."""
    with sqlite3.connect(path) as con:
        con.execute("UPDATE gpkg_contents SET last_change = ?", ("2024-01-01T00:00:00.000Z",))
    con.close()
    con = sqlite3.connect(path)
    con.execute("VACUUM")
    con.close()


def geopackage(sheets: dict[str, Sheet]) -> Callable[[Path], None]:
    """A GeoPackage written by pmiek itself from a (broken) workspace."""
    def write(path: Path) -> None:
        workspace, problems = Workspace.from_raw({n: s.frame() for n, s in sheets.items()})
        if problems:
            raise SystemExit(f"{path}: the workspace must parse cleanly: {problems}")
        write_workspace(workspace, path)
        normalise_gpkg(path)
    return write


@case
def gpkg_dangling_asset(b: dict[str, Sheet]) -> Case:
    dev = b["developments"]
    dev.set("D-LW-IND", "asset_id", "LWD-150")
    return Case(name="gpkg_dangling_asset",
                description="GeoPackage: development connected to asset 'LWD-150' (typo of "
                "LWD150); the row is the feature id", code="dangling_reference",
                table="developments", row_id="D-LW-IND", column="asset_id",
                row=dev.position("D-LW-IND") + 1, kind="gpkg",
                writer=geopackage(pick(b, *DEVELOPMENTS)), file="input.gpkg",
                sheet="developments")


@case
def gpkg_layer_without_crs(b: dict[str, Sheet]) -> Case:
    sheets = pick(b, *ASSETS)

    def write(path: Path) -> None:
        for name, sheet in sheets.items():
            frame = sheet.frame()
            geometry = shapely.from_wkt(frame.pop("geometry").to_numpy(dtype=object))
            fields = [np.asarray(frame[c].to_numpy(dtype=object)) for c in frame.columns]
            crs = "EPSG:28992" if name == "areas" else None  # assets: no CRS at all
            with warnings.catch_warnings():  # "'crs' was not provided": that is the point
                warnings.simplefilter("ignore", UserWarning)
                pyogrio.raw.write(path, np.asarray(shapely.to_wkb(geometry)), fields,
                                  list(frame.columns), layer=name, driver="GPKG",
                                  geometry_type="Unknown", crs=crs, append=path.exists())
        normalise_gpkg(path)
    return Case(name="gpkg_layer_without_crs",
                description="GeoPackage whose assets layer has no CRS", code="unknown_crs",
                table="assets", row_id=None, column="geometry", kind="gpkg", writer=write,
                file="input.gpkg", sheet="assets")


@case
def broken_gpkg(b: dict[str, Sheet]) -> Case:
    def write(path: Path) -> None:
        path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 84 + b"afgebroken download")
    return Case(name="broken_gpkg", description="a truncated GeoPackage (download aborted)",
                code="unreadable", table="-", row_id=None, column=None, kind="gpkg",
                writer=write, file="input.gpkg")


# --- reading (issue 13): cases of the readers' new checks go here ---


def _csv_files(b: dict[str, Sheet], tables: tuple[str, ...],
               **texts: str) -> Callable[[Path], None]:
    """A CSV folder of ``tables``, with some files given as text instead."""
    files = {f"{name}.csv": b[name].csv_text().encode() for name in tables}
    files.update({name.replace("__", "."): text.encode("utf-8")
                  for name, text in texts.items()})
    return _raw_files(files)


def _edited_workbook(sheets: dict[str, Sheet], edit: Callable[[Workbook], None],
                     ) -> Callable[[Path], None]:
    """A workbook of ``sheets`` as :func:`workbook` makes it, then changed by ``edit``."""
    def write(path: Path) -> None:
        workbook(sheets)(path)
        from openpyxl import load_workbook

        book = load_workbook(path)
        edit(book)
        book.save(path)
        normalise_zip(path)
    return write


@case
def short_row(b: dict[str, Sheet]) -> Case:
    lines = b["areas"].csv_text().splitlines()
    line = b["areas"].line("RES-U16")
    lines[line - 1] = lines[line - 1].rsplit(",", 2)[0]  # no geometry, geometry_source
    return Case(name="short_row", description="areas.csv: the row of RES-U16 has 6 fields, "
                "the header 8 (a row with too few fields)", code="short_row", table="areas",
                row_id=None, column=None, row=line,
                writer=_raw_files({"areas.csv": ("\n".join(lines) + "\n").encode()}),
                file="areas.csv")


@case
def duplicate_column(b: dict[str, Sheet]) -> Case:
    b["assets"].add_column("operator ", "")
    return csv_case(b, ASSETS, name="duplicate_column",
                    description="assets.csv: columns 'operator' and 'operator ' (the same "
                    "after trimming)", code="duplicate_column", table="assets", row_id=None,
                    column="operator")


@case
def unnamed_column(b: dict[str, Sheet]) -> Case:
    b["areas"].add_column("", "")
    row = b["areas"].set("GM0356", "", "nog nakijken")
    return csv_case(b, ("areas",), name="unnamed_column",
                    description="areas.csv: a note in a column without a header",
                    code="unnamed_column", table="areas", row_id=None, column=None, row=row)


@case
def ambiguous_number(b: dict[str, Sheet]) -> Case:
    sheet = b["resources"]
    row = sheet.set("2027/TenneT", "budget_meur", "2.500")
    text = "\n".join(";".join(r) for r in [sheet.header, *sheet.rows]) + "\n"
    return Case(name="ambiguous_number", description="resources.csv separated by ';' (decimal "
                "comma) with budget '2.500': 2500 or 2,5?", code="ambiguous_number",
                table="resources", row_id="2027/TenneT", column="budget_meur", row=row,
                writer=_raw_files({"resources.csv": text.encode()}), file="resources.csv")


@case
def control_character_in_id(b: dict[str, Sheet]) -> Case:
    row = b["developments"].set("D-MKZ", "id", "D-\x07MKZ")
    return csv_case(b, DEVELOPMENTS, name="control_character_in_id",
                    description="development id with a bell character (U+0007) in it",
                    code="control_character", table="developments", row_id="D-\\x07MKZ",
                    column="id", row=row)


@case
def undeclared_rd_geojson(b: dict[str, Sheet]) -> Case:
    areas = b["areas"]
    features = [{"type": "Feature", "geometry": None if not geometry else
                 json.loads(shapely.to_geojson(shapely.from_wkt(geometry))),
                 "properties": {c: v or None for c, v in zip(areas.header, row, strict=True)
                                if c != "geometry"}}
                for row in areas.rows for geometry in [row[areas.header.index("geometry")]]]
    text = json.dumps({"type": "FeatureCollection", "features": features})
    first = next(i for i, f in enumerate(features) if f["geometry"] is not None)
    return Case(name="undeclared_rd_geojson",
                description="areas.geojson in RD New without a 'crs' (GeoJSON means WGS84)",
                code="undeclared_rd", table="areas", row_id=None, column="geometry",
                row=first + 1, writer=_csv_files(b, (), areas__geojson=text),
                file="areas.geojson")


@case
def xlsx_duplicate_sheet(b: dict[str, Sheet]) -> Case:
    def edit(book: Workbook) -> None:
        copy = book.copy_worksheet(book["assets"])
        copy.title = "assets "
    return Case(name="xlsx_duplicate_sheet",
                description="workbook with sheets 'assets' and 'assets ' (a trailing space)",
                code="duplicate_table", table="assets", row_id=None, column=None, kind="xlsx",
                writer=_edited_workbook(pick(b, *ASSETS), edit), file="input.xlsx",
                sheet="assets")


@case
def xlsx_uncached_formula(b: dict[str, Sheet]) -> Case:
    row = b["assets"].set("NWG-MS", "voltage_kv", "=150/10")  # a formula, never calculated
    return Case(name="xlsx_uncached_formula",
                description="workbook: voltage_kv of NWG-MS is a formula without a saved "
                "result", code="uncached_formula", table="assets", row_id=None,
                column="voltage_kv", row=row, kind="xlsx", writer=workbook(pick(b, *ASSETS)),
                file="input.xlsx", sheet="assets")


@case
def xlsx_merged_cells(b: dict[str, Sheet]) -> Case:
    areas = b["areas"]
    first = areas.line("GM0344")
    assert areas.get("GM0356", "parent_id") == areas.get("GM0344", "parent_id")
    column = chr(ord("A") + areas.header.index("parent_id"))

    def edit(book: Workbook) -> None:
        book["areas"].merge_cells(f"{column}{first}:{column}{first + 1}")
    return Case(name="xlsx_merged_cells",
                description="workbook: parent_id of GM0344 and GM0356 merged into one cell",
                code="merged_cells", table="areas", row_id=None, column="parent_id",
                row=first, kind="xlsx", writer=_edited_workbook(pick(b, "areas"), edit),
                file="input.xlsx", sheet="areas")


@case
def xlsx_expands_too_much(b: dict[str, Sheet]) -> Case:
    def write(path: Path) -> None:
        workbook(pick(b, "areas"))(path)
        with zipfile.ZipFile(path) as source:
            entries = [(info, source.read(info)) for info in source.infolist()]
        cell = b"<c><v>0</v></c>" * 2**21  # 30 MiB of XML in some 30 KiB
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
            for info, data in entries:
                if info.filename == "xl/worksheets/sheet1.xml":
                    data = data.replace(b"</sheetData>",
                                        b'<row r="99">' + cell + b"</row></sheetData>")
                target.writestr(zipfile.ZipInfo(info.filename, date_time=FIXED_TIME), data,
                                compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return Case(name="xlsx_expands_too_much",
                description="a workbook of some 30 KiB whose sheet expands to 30 MiB of XML "
                "(a zip bomb)", code="too_large", table="-", row_id=None, column=None,
                kind="xlsx", writer=write, file="input.xlsx")


@warning_case
def gpkg_3d_layer(b: dict[str, Sheet]) -> Case:
    sheets = pick(b, *ASSETS)

    def write(path: Path) -> None:
        for name, sheet in sheets.items():
            frame = sheet.frame()
            geometry = shapely.from_wkt(frame.pop("geometry").to_numpy(dtype=object))
            if name == "assets":
                geometry = shapely.force_3d(geometry, 2.5)  # a height of 2.5 m
            fields = [np.asarray(frame[c].to_numpy(dtype=object)) for c in frame.columns]
            pyogrio.raw.write(path, np.asarray(shapely.to_wkb(geometry)), fields,
                              list(frame.columns), layer=name, driver="GPKG",
                              geometry_type="Unknown", crs="EPSG:28992",
                              append=path.exists())
        normalise_gpkg(path)
    assets = b["assets"]
    first = next(i for i, row in enumerate(assets.rows)
                 if row[assets.header.index("geometry")])
    return Case(name="gpkg_3d_layer", description="GeoPackage whose assets are POINT Z: the "
                "height is dropped, with a warning", code="dropped_height", table="assets",
                row_id=None, column="geometry", row=first + 1,
                kind="gpkg", writer=write, file="input.gpkg", sheet="assets",
                severity="warning")


# --- semantic rules (issue 13): cases of the new validation rules go here ---

EFFECTS = ("areas", "assets", "projects", "project_effects")


@case
def project_excludes_itself(b: dict[str, Sheet]) -> Case:
    row = b["projects"].set("P-BAT", "excludes", "P-FLEX;P-BAT")
    return csv_case(b, PROJECTS, name="project_excludes_itself",
                    description="P-BAT lists itself in excludes", code="self_reference",
                    table="projects", row_id="P-BAT", column="excludes", row=row)


@case
def project_requires_itself(b: dict[str, Sheet]) -> Case:
    row = b["projects"].set("P-LW-MS", "requires", "P-ODR;P-LW-MS")
    return csv_case(b, PROJECTS, name="project_requires_itself",
                    description="P-LW-MS lists itself in requires (not a cycle of one)",
                    code="self_reference", table="projects", row_id="P-LW-MS",
                    column="requires", row=row)


@case
def coupled_to_own_asset(b: dict[str, Sheet]) -> Case:
    developments = b["developments"]
    row = developments.set("D-DC", "coupled_asset_id", developments.get("D-DC", "asset_id"))
    developments.set("D-DC", "coupling_factor", "0.5")
    return csv_case(b, DEVELOPMENTS, name="coupled_to_own_asset",
                    description="D-DC coupled to its own connection point LWD150 (its load "
                    "would count twice)", code="coupled_to_own_asset", table="developments",
                    row_id="D-DC", column="coupled_asset_id", row=row)


CHOICES = ("areas", "assets", "developments", "scenarios", "scenario_parameters",
           "choice_rules")


@case
def choice_shares(b: dict[str, Sheet]) -> Case:
    row = b["choice_rules"].line("HS-COL-WN")
    b["choice_rules"].set("HS-COL-EL", "share", "0.5")
    return csv_case(b, CHOICES, name="choice_shares",
                    description="the routes of the 'collective' split share 0.7 + 0.5 = 1.2",
                    code="choice_shares", table="choice_rules", row_id="HS-COL-WN",
                    column="share", row=row)


@case
def choice_rule_incomplete(b: dict[str, Sheet]) -> Case:
    row = b["choice_rules"].set("HS-COL-WN", "to_carrier", "")
    return csv_case(b, CHOICES, name="choice_rule_incomplete",
                    description="a route to the heat network without its carrier",
                    code="choice_rule_incomplete", table="choice_rules", row_id="HS-COL-WN",
                    column="to_carrier", row=row)


@case
def unknown_option(b: dict[str, Sheet]) -> Case:
    row = b["scenario_parameters"].set("EV/heat_supply", "value", "collectief")
    return csv_case(b, CHOICES, name="unknown_option",
                    description="scenario EV picks heat_supply 'collectief', which has no rules",
                    code="unknown_option", table="scenario_parameters",
                    row_id="EV/heat_supply", column="value", row=row)


@case
def reparent_cycle(b: dict[str, Sheet]) -> Case:
    row = b["project_effects"].append({"project_id": "P-ODR", "asset_id": "NWG150",
                                       "new_parent_id": "HTN-MS"})
    return csv_case(b, EFFECTS, name="reparent_cycle",
                    description="P-ODR hangs NWG150 below HTN-MS, which hangs below NWG150",
                    code="reparent_cycle", table="project_effects", row_id="P-ODR/NWG150",
                    column="new_parent_id", row=row)


@case
def reparent_cycle_of_two_projects(b: dict[str, Sheet]) -> Case:
    effects = b["project_effects"]
    row = effects.append({"project_id": "P-ODR", "asset_id": "UTC-MS",
                          "new_parent_id": "LWD-MS"})
    effects.append({"project_id": "P-UTN", "asset_id": "LWD-MS", "new_parent_id": "UTC-MS"})
    return csv_case(b, EFFECTS, name="reparent_cycle_of_two_projects",
                    description="P-ODR hangs UTC-MS below LWD-MS and P-UTN LWD-MS below "
                    "UTC-MS: each alone is fine, together a cycle", code="reparent_cycle",
                    table="project_effects", row_id="P-ODR/UTC-MS", column="new_parent_id",
                    row=row)


@case
def capacity_1e308(b: dict[str, Sheet]) -> Case:
    row = b["assets"].set("LWD150", "capacity_demand_mw", "1e308")
    return csv_case(b, ASSETS, name="capacity_1e308",
                    description="a capacity of 1e308 MW (it would become inf in the results)",
                    code="out_of_range", table="assets", row_id="LWD150",
                    column="capacity_demand_mw", row=row)


@case
def year_past_2100(b: dict[str, Sheet]) -> Case:
    row = b["projects"].set("P-HTN-O", "ip_year", "9999")
    return csv_case(b, PROJECTS, name="year_past_2100",
                    description="ip_year 9999: outside every horizon pmiek accepts",
                    code="out_of_range", table="projects", row_id="P-HTN-O",
                    column="ip_year", row=row)


# warnings only (valid workspaces)

@warning_case
def unknown_table(b: dict[str, Sheet]) -> Case:
    extra = Sheet("assets", list(b["assets"].header), copy.deepcopy(b["assets"].rows[:2]))

    def write(folder: Path) -> None:
        folder.mkdir()
        for name in ASSETS:
            (folder / f"{name}.csv").write_text(b[name].csv_text(), encoding="utf-8")
        (folder / "assets_oud.csv").write_text(extra.csv_text(), encoding="utf-8")
    return Case(name="unknown_table", description="an extra file assets_oud.csv is ignored",
                code="unknown_table", table="assets_oud", row_id=None, column=None,
                writer=write, severity="warning")


@warning_case
def unknown_column(b: dict[str, Sheet]) -> Case:
    b["assets"].add_column("opmerking", "")
    b["assets"].set("LWD-MS", "opmerking", "controleren")
    return csv_case(b, ASSETS, name="unknown_column",
                    description="an extra column 'opmerking' is ignored",
                    code="unknown_column", table="assets", row_id=None, column="opmerking",
                    severity="warning")


@warning_case
def development_without_profile(b: dict[str, Sheet]) -> Case:
    # the base gives developments an explicit size and no profile (it leaves profiles out)
    return csv_case(b, DEVELOPMENTS, name="development_without_profile",
                    description="a development without an hourly profile (its own, or from "
                                "unit parameters here or in the shipped library) is left out "
                                "of the load projection", code="no_profile",
                    table="developments", row_id="D-LW-IND", column="profile",
                    severity="warning")


@warning_case
def development_not_connected(b: dict[str, Sheet]) -> Case:
    b["developments"].set("D-MKZ", "asset_id", "")
    return csv_case(b, DEVELOPMENTS, name="development_not_connected",
                    description="a development without a connection point is left out of "
                                "the load projection", code="not_connected",
                    table="developments", row_id="D-MKZ", column="asset_id",
                    severity="warning")


# geometric consistency (issue 14): warnings, so valid workspaces

@warning_case
def asset_outside_area(b: dict[str, Sheet]) -> Case:
    # Nieuwegein (GM0356) ends at x = 137000; the station moves 2 km east of it, into Houten
    row = b["assets"].set("NWG-MS", "geometry", "POINT (139000 448000)")
    return csv_case(b, ASSETS, name="asset_outside_area",
                    description="asset NWG-MS of Nieuwegein (GM0356) lies 2,000 m east of "
                    "it, in Houten", code="asset_outside_area", table="assets",
                    row_id="NWG-MS", column="area_id", row=row, severity="warning")


@warning_case
def development_outside_area(b: dict[str, Sheet]) -> Case:
    # Merwedekanaalzone (y = 454600) named to Nieuwegein, which ends at y = 450500
    row = b["developments"].set("D-MKZ", "area_id", "GM0356")
    return csv_case(b, DEVELOPMENTS, name="development_outside_area",
                    description="development D-MKZ in Utrecht named to Nieuwegein (GM0356): "
                    "its point lies 4,100 m north of it", code="development_outside_area",
                    table="developments", row_id="D-MKZ", column="area_id", row=row,
                    severity="warning")


@warning_case
def area_outside_parent(b: dict[str, Sheet]) -> Case:
    # a hotspot of Nieuwegein (x ≤ 137000) that reaches to x = 137600
    row = b["areas"].append({"id": "HS-NWG", "name": "Nieuwegein Plettenburg",
                             "kind": "hotspot", "parent_id": "GM0356",
                             "geometry": "POLYGON ((136000 446000, 137600 446000, "
                             "137600 447000, 136000 447000, 136000 446000))",
                             "geometry_source": "schematisch"})
    return csv_case(b, ASSETS, name="area_outside_parent",
                    description="hotspot HS-NWG reaches 600 m outside its municipality "
                    "Nieuwegein (GM0356)", code="area_outside_parent", table="areas",
                    row_id="HS-NWG", column="parent_id", row=row, severity="warning")


# --- writing and checking ------------------------------------------------------------------


def write_case(item: Case, folder: Path) -> Path:
    folder.mkdir(parents=True)
    target = folder / item.input_name
    if item.writer is not None:
        item.writer(target)
    else:
        target.mkdir()
        for name, sheet in item.sheets.items():
            (target / f"{name}.csv").write_text(sheet.csv_text(), encoding="utf-8")
    expected = json.dumps(item.expected(), ensure_ascii=False, indent=2) + "\n"
    (folder / "expected.json").write_text(expected, encoding="utf-8")
    return target


def check_case(item: Case, target: Path) -> list[str]:
    """What is wrong with a generated case (nothing, normally)."""
    result = read_workspace(target)
    found = [loc.to_dict("en") for loc in result.located()]
    wanted = {k: v for k, v in item.expected().items()
              if k in ("severity", "code", "table", "row_id", "column", "row", "sheet")}
    hits = [p for p in found if all(p.get(k) == v for k, v in wanted.items())]
    trouble = []
    if not hits:
        trouble.append(f"expected {wanted}, got {found}")
    allowed = {item.code, *item.also}
    if item.severity == "error":
        stray = [p for p in found if p["severity"] == "error" and p["code"] not in allowed]
    else:
        stray = [p for p in found if p["severity"] == "error"]
    if stray:
        trouble.append(f"unexpected errors: {stray}")
    if item.severity == "error" and result.ok:
        trouble.append("the workspace is valid")
    return trouble


def check_base() -> None:
    """The base the cases start from must be valid (with warnings only)."""
    b = base()
    workspace, problems = Workspace.from_raw({n: s.frame() for n, s in b.items()})
    from pmiek.domain.validation import validate

    problems += validate(workspace)
    bad = [p for p in problems if p.severity is Severity.ERROR]
    if bad:
        raise SystemExit(f"the base workspace is not valid: {bad}")


def main() -> int:
    check_base()
    failures: list[str] = []
    for root, makers in ((BROKEN, CASES), (WARNINGS, WARNING_CASES)):
        if root.exists():
            shutil.rmtree(root)
        root.mkdir(parents=True)
        names = set()
        for make in makers:
            item = make(base())
            assert item.name == make.__name__, (item.name, make.__name__)
            assert item.name not in names, item.name
            names.add(item.name)
            target = write_case(item, root / item.name)
            failures += [f"{item.name}: {t}" for t in check_case(item, target)]
        print(f"{root.relative_to(HERE.parent.parent)}: {len(makers)} cases")
    for failure in failures:
        print(failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
