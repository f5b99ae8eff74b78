"""The shipped library of standard profiles and unit parameters (issue 16, done-when 2).

A workspace that holds only areas, assets and developments runs with the library and gives
the same loads as the same workspace with the library's rows copied in; the workspace's own
rows win; every result records the library's name, version and SHA-256."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from pmiek.adapters.cli.main import build_app
from pmiek.adapters.files import embedded_workspaces, read_workspace
from pmiek.adapters.files.library import library_folder, read_library, shipped_library
from pmiek.domain.library import Library, complete
from pmiek.domain.problems import Code
from pmiek.domain.sizing import developed_mw, profile_of
from pmiek.insight import analyse

UTRECHT = embedded_workspaces()["utrecht"]
CORE = ("areas", "assets", "developments")


@pytest.fixture(scope="module")
def bare(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Utrecht's areas, assets and developments only: no profiles, no unit parameters."""
    folder = tmp_path_factory.mktemp("bare")
    for name in CORE:
        shutil.copy(UTRECHT / f"{name}.csv", folder / f"{name}.csv")
    return folder


@pytest.fixture(scope="module")
def copied(tmp_path_factory: pytest.TempPathFactory, bare: Path) -> Path:
    """The bare workspace with the library's tables copied in by hand."""
    folder = tmp_path_factory.mktemp("copied")
    for path in bare.iterdir():
        shutil.copy(path, folder / path.name)
    for name in ("profiles", "unit_parameters"):
        shutil.copy(library_folder() / f"{name}.csv", folder / f"{name}.csv")
    return folder


def test_the_shipped_library_is_valid_and_named() -> None:
    library = shipped_library()
    assert re.fullmatch(r"[0-9a-f]{64}", library.sha256)
    assert library.stamp() == {"name": library.name, "version": library.version,
                               "sha256": library.sha256}
    peaks = library.profiles.groupby("profile_id")["value"].max()
    assert np.allclose(peaks.to_numpy(), 1.0)  # normalised to a peak of 1
    assert (library.profiles.groupby("profile_id").size() == 8760).all()
    # every unit parameter names a profile the library holds, and says where it comes from
    assert set(library.unit_parameters["profile"]) <= set(library.profile_ids())
    assert library.unit_parameters["source"].str.len().min() > 20
    sources = (library_folder() / "SOURCES.md").read_text(encoding="utf-8")
    for name in library.profile_ids():
        assert f"| {name} |" in sources


def test_the_hash_follows_the_content() -> None:
    library = shipped_library()
    changed = library.profiles.copy()
    changed.loc[0, "value"] = changed.loc[0, "value"] / 2
    other = Library(library.name, library.version, changed, library.unit_parameters)
    assert other.sha256 != library.sha256
    again = Library(library.name, library.version, library.profiles.copy(),
                    library.unit_parameters.copy())
    assert again.sha256 == library.sha256


def test_without_the_library_the_bare_workspace_has_no_sizes_or_profiles(bare: Path) -> None:
    alone = read_workspace(bare, library=None)
    codes = {p.code for p in alone.problems}
    assert Code.NO_SIZE in codes and Code.NO_PROFILE in codes and not alone.ok
    assert alone.library is None
    used = read_workspace(bare)
    assert used.ok, [p.message("en") for p in used.problems][:3]
    assert not any(p.code in (Code.NO_SIZE, Code.NO_PROFILE) for p in used.problems)
    assert used.library is not None and used.library.unit_parameters and used.library.profiles
    # own rows are what was read; the library rows come after them
    assert used.own_rows.profiles.empty and used.own_rows.unit_parameters.empty
    assert len(used.workspace.unit_parameters) == len(used.library.unit_parameters)


def test_same_loads_as_with_the_library_copied_in(bare: Path, copied: Path) -> None:
    with_library = read_workspace(bare)
    by_hand = read_workspace(copied)
    assert with_library.ok and by_hand.ok
    assert by_hand.own is None  # it defines everything itself: nothing taken
    a = analyse(with_library.workspace, horizon=2032)
    b = analyse(by_hand.workspace, horizon=2032)
    loads_a, loads_b = a.loads(), b.loads()
    assert len(loads_a) > 100 and loads_a["peak_demand_mw"].max() > 0
    pd.testing.assert_frame_equal(loads_a, loads_b)
    pd.testing.assert_frame_equal(a.bottlenecks(), b.bottlenecks())
    stamp = shipped_library().stamp()
    assert a.provenance.library == stamp == b.provenance.library
    assert a.provenance.to_dict()["library"]["sha256"] == stamp["sha256"]


def test_own_rows_win(bare: Path) -> None:
    library = shipped_library()
    ws = read_workspace(bare, library=None).workspace
    housing = library.unit_parameters[library.unit_parameters["sector"] == "housing"].copy()
    housing["demand_kw_per_unit"] = housing["demand_kw_per_unit"] * 3
    housing["profile"] = "mine"
    hours = np.arange(8760)
    mine = pd.DataFrame({"profile_id": "mine", "hour": hours,
                         "value": (hours % 24 == 7).astype(float)})
    own = ws.with_tables(unit_parameters=housing.reset_index(drop=True),
                         profiles=mine.astype(library.profiles.dtypes.to_dict()))
    done, use = complete(own, library)
    assert "housing/electricity/homes" not in use.unit_parameters
    assert "mine" not in use.profiles
    homes = (done.developments["unit"] == "homes") & done.developments["demand_mw"].isna()
    assert homes.any()
    names = profile_of(done)
    assert (names[homes] == "mine").all()
    sized = developed_mw(done)["demand_mw"][homes]
    by_library = developed_mw(complete(ws, library)[0])["demand_mw"][homes]
    assert np.allclose(sized.to_numpy(), 3 * by_library.to_numpy())
    # the workspace's rows keep their numbers: the library's come after them
    assert done.unit_parameters.iloc[: len(housing)]["profile"].eq("mine").all()
    assert done.profiles.iloc[:8760]["profile_id"].eq("mine").all()


def test_only_what_is_used_is_taken(bare: Path) -> None:
    library = shipped_library()
    ws = read_workspace(bare, library=None).workspace
    _, use = complete(ws, library)
    named = set(profile_of(complete(ws, library)[0]).dropna())
    assert set(use.profiles) == named & set(library.profile_ids())
    assert "heat_pump" not in use.profiles or "heat_pump" in named


def test_a_broken_library_is_refused(tmp_path: Path) -> None:
    for path in library_folder().iterdir():
        shutil.copy(path, tmp_path / path.name)
    text = (tmp_path / "unit_parameters.csv").read_text(encoding="utf-8")
    (tmp_path / "unit_parameters.csv").write_text(text.replace(",2,0,", ",twee,0,", 1),
                                                  encoding="utf-8")
    from pmiek.errors import ReadError
    with pytest.raises(ReadError, match=r"unit_parameters.csv, rij/row 2, demand_kw_per_unit"):
        read_library(tmp_path)


def test_validate_says_what_the_library_added(bare: Path) -> None:
    runner = CliRunner()
    nl = runner.invoke(build_app("nl"), ["validate", str(bare)], catch_exceptions=False)
    assert nl.exit_code == 0, nl.output
    assert "standaardbibliotheek" in nl.output and shipped_library().version in nl.output
    assert "kengetallen" in nl.output and "profielen" in nl.output
    js = runner.invoke(build_app("en"), ["validate", str(bare), "--json"],
                       catch_exceptions=False)
    payload = json.loads(js.stdout)
    assert payload["library"]["sha256"] == shipped_library().sha256
    assert "housing/electricity/homes" in payload["library"]["unit_parameters"]
