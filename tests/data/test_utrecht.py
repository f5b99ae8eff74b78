"""The embedded Utrecht dataset: valid, reproducible, sourced, and true to the public figures.

The reference figures below are literal copies of the public sources cited next to them (also
compiled in the project's reference notes), so this test does not read the build script's data
files (scripts/utrecht/).
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from pmiek.adapters.cli.main import build_app
from pmiek.adapters.files import DEFAULT_WORKSPACE, embedded_workspaces, read_workspace
from pmiek.domain.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]
DATA = embedded_workspaces()["utrecht"]
BUILDER = ROOT / "scripts" / "build_utrecht.py"
# The builder and its sibling modules (scripts/utrecht_*.py: reading the data files, the profile
# synthesis, the checks and station-peak report, SOURCES.md) hold methods only; every row and
# sourced figure is in scripts/utrecht/. The bound keeps tables from growing back into the
# builder, the row check below keeps them out of every module.
BUILDER_MODULES = sorted(BUILDER.parent.glob("utrecht_*.py"))
BUILDER_MAX_LINES = 600
TABLE_ROWS = 8  # a list, tuple, set or dict display with more row-like items is a table

# CBS code: (population, dwellings) on 1 January 2023 — ETM 2023 datasets (Quintel ETSource,
# CBS-based), https://github.com/quintel/etsource.
MUNICIPALITIES = {
    "GM0307": (160759, 68785), "GM0308": (25008, 11684), "GM0310": (43884, 19696),
    "GM0312": (16026, 6470), "GM0313": (22500, 8541), "GM0317": (9598, 4079),
    "GM0321": (50581, 20672), "GM0353": (33492, 14438), "GM0327": (31467, 13220),
    "GM0331": (14704, 5822), "GM0335": (13929, 5746), "GM0356": (65426, 29444),
    "GM0589": (10232, 4315), "GM0339": (5747, 2149), "GM0340": (20329, 8269),
    "GM0736": (45572, 18550), "GM0342": (47439, 20935), "GM1904": (65771, 28716),
    "GM0344": (367947, 159409), "GM1581": (50429, 21833), "GM0345": (68525, 28601),
    "GM1961": (60052, 24175), "GM0352": (23995, 10238), "GM0632": (53244, 22411),
    "GM0351": (14358, 5279), "GM0355": (66629, 29560),
}
HOMES_2030 = 83_500  # woondeals 2022-2030 of the regions Utrecht and Amersfoort (Rijksoverheid,
# 13 March 2023), Utrecht part of Foodvalley included
RES_TWH = {"RES-U16": 1.8, "RES-AMF": 0.5}  # RES 2030 targets (energieregioutrecht.nl;
# woudenberg.nl), generation = MWp × 900 h (PV) and MW × 2,756 h (wind), ETM full-load hours
CHARGE_POINTS_2030 = (1_700_000 - 518_000) * 593_037 / 7_931_940
# NAL 2030 target 1.7 M points (vng.nl) minus the 518,000 of April 2023
# (duurzaam-ondernemen.nl), scaled by the province's share of Dutch dwellings (ETM 2023)
FULL_LOAD_HOURS = {"solar": 900.0, "wind": 2756.0}


@pytest.fixture(scope="module")
def utrecht() -> Workspace:
    result = read_workspace("utrecht")
    assert result.problems == []
    return result.workspace


def share(frame: pd.DataFrame, year: int) -> np.ndarray:
    """The phasing share in ``year`` (DESIGN.md: linear from start_year to end_year)."""
    start = frame["start_year"].to_numpy(dtype=float)
    end = frame["end_year"].to_numpy(dtype=float)
    return np.clip((year - start + 1) / (end - start + 1), 0, 1)


def test_utrecht_is_the_default_and_validates_clean() -> None:
    assert DEFAULT_WORKSPACE == "utrecht"
    runner = CliRunner()
    for args in (["validate"], ["validate", "utrecht"]):
        result = runner.invoke(build_app("nl"), args)
        assert result.exit_code == 0, result.output
        assert str(DATA) in result.output.replace("\n", "")


def test_build_script_regenerates_the_dataset_byte_for_byte(tmp_path: Path) -> None:
    out = tmp_path / "utrecht"
    subprocess.run([sys.executable, str(BUILDER), "--out", str(out)], check=True,
                   capture_output=True)
    built = sorted(p.name for p in out.iterdir())
    shipped = sorted(p.name for p in DATA.iterdir() if p.is_file())
    assert built == shipped
    for name in built:
        assert (out / name).read_bytes() == (DATA / name).read_bytes(), name


def test_build_script_holds_methods_not_rows() -> None:
    """No table of rows or figures in the builder or its modules: they belong in
    scripts/utrecht/."""
    assert len(BUILDER.read_text(encoding="utf-8").splitlines()) <= BUILDER_MAX_LINES
    assert BUILDER_MODULES, "the builder's modules scripts/utrecht_*.py are missing"
    for path in [BUILDER, *BUILDER_MODULES]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.List | ast.Tuple | ast.Set):
                items = node.elts
            elif isinstance(node, ast.Dict):
                items = node.values
            else:
                continue
            rows = [e for e in items if isinstance(e, ast.List | ast.Tuple | ast.Set | ast.Dict)]
            numbers = [e for e in items if isinstance(e, ast.Constant)
                       and isinstance(e.value, int | float) and not isinstance(e.value, bool)]
            where = f"{path.name} line {node.lineno}"
            assert len(rows) <= TABLE_ROWS, f"{where}: a table of {len(rows)} rows"
            assert len(numbers) <= TABLE_ROWS, f"{where}: {len(numbers)} figures"


def test_sizes(utrecht: Workspace) -> None:
    assert len(utrecht.developments) >= 400
    assert len(utrecht.projects) >= 120
    electricity = utrecht.assets[utrecht.assets["carrier"] == "electricity"]
    assert len(electricity) >= 30
    assert electricity["parent_id"].notna().sum() >= 30  # a hierarchy, not a list
    assert {"heat", "hydrogen", "methane"} <= set(utrecht.assets["carrier"])
    hotspots = utrecht.areas[utrecht.areas["kind"] == "hotspot"]
    assert len(hotspots) >= 6
    assert set(utrecht.scenarios["name"]) == {"Koersvaste Middenweg", "Eigen Vermogen",
                                              "Gezamenlijke Balans", "Horizon Aanvoer"}
    assert set(utrecht.criteria["group"]) == {"maatschappelijke_waarde", "realiseerbaarheid",
                                              "systeemtoets"}


def test_population_and_dwellings_exact(utrecht: Workspace) -> None:
    municipalities = utrecht.areas[utrecht.areas["kind"] == "municipality"].set_index("id")
    assert set(municipalities.index) == set(MUNICIPALITIES)
    for code, (population, dwellings) in MUNICIPALITIES.items():
        assert municipalities.loc[code, "population"] == population, code
        assert municipalities.loc[code, "dwellings"] == dwellings, code
    province = utrecht.areas[utrecht.areas["kind"] == "province"].iloc[0]
    assert province["population"] == sum(p for p, _ in MUNICIPALITIES.values())
    assert province["dwellings"] == sum(d for _, d in MUNICIPALITIES.values())


def test_homes_to_2030_match_the_woondeals(utrecht: Workspace) -> None:
    dev = utrecht.developments
    homes = dev[(dev["sector"] == "housing") & (dev["unit"] == "homes")]
    total = float((homes["quantity"].to_numpy(dtype=float) * share(homes, 2030)).sum())
    assert total == pytest.approx(HOMES_2030, rel=0.05)


def test_res_generation_matches_the_targets(utrecht: Workspace) -> None:
    dev = utrecht.developments
    res = dev[dev["sector"].isin(["solar", "wind"])
              & dev["policy_goals"].fillna("").str.contains(r"\bres\b")]
    areas = utrecht.areas.set_index("id")
    region = res["area_id"].map(lambda a: a if areas.loc[a, "kind"] == "region"
                                else areas.loc[a, "parent_id"] if areas.loc[a, "kind"] ==
                                "municipality" else areas.loc[areas.loc[a, "parent_id"],
                                                              "parent_id"])
    hours = res["sector"].map(FULL_LOAD_HOURS).to_numpy(dtype=float)
    twh = res["quantity"].to_numpy(dtype=float) * share(res, 2030) * hours / 1e6
    by_region = pd.Series(twh).groupby(region.to_numpy()).sum()
    for name, target in RES_TWH.items():
        assert by_region[name] == pytest.approx(target, rel=0.05), name


def test_charge_points_to_2030_match_the_national_agenda(utrecht: Workspace) -> None:
    dev = utrecht.developments
    points = dev[dev["unit"] == "charge_points"]
    total = float((points["quantity"].to_numpy(dtype=float) * share(points, 2030)).sum())
    assert total == pytest.approx(CHARGE_POINTS_2030, rel=0.05)
    city = points[points["area_id"] == "GM0344"]
    in_city = float((city["quantity"].to_numpy(dtype=float) * share(city, 2030)).sum())
    assert in_city >= 10_000  # Utrecht city's own plan: at least 10,000 by 2030


def test_sources_cover_every_figure(utrecht: Workspace) -> None:
    sources = (DATA / "SOURCES.md").read_text(encoding="utf-8")
    for name, frame in utrecht.items():
        if len(frame):
            assert f"`{name}`" in sources or name in sources, name
    marker = re.compile(r"\[(S|D|E)[^\]]*\]")
    for name in ("developments", "projects", "unit_parameters"):
        cells = utrecht.table(name)["source"]
        assert cells.notna().all(), name
        unmarked = [c for c in cells if not marker.search(str(c))]
        assert not unmarked, (name, unmarked[:3])
    assert "[E]" in sources and "CBS / Kadaster" in sources
    # every area says where its outline comes from (the maps credit or flag it)
    assert set(utrecht.areas["geometry_source"]) == {"cbs-2025", "union", "estimate"}
