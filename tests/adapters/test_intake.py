"""The intake round on Utrecht (issue 16, done-when 1), through the command line.

The embedded Utrecht workspace is stored in a temporary SQLite store; ``pmiek intake
prepare`` writes the workbooks of all 26 municipalities and the grid operators; three are
filled in with openpyxl as people would, typing Dutch labels: Utrecht adds developments that
use only standard profiles, De Bilt edits a row of Zeist, Houten types a Dutch drop-down value
wrongly. ``pmiek intake merge`` refuses Houten's return whole (naming sheet, row and column),
keeps De Bilt's edit waiting until it is accepted, and stores Utrecht's return as one new
version with the provenance of every row. No prepared workbook holds a confidential row of
another party in any cell (nor anywhere in the file).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from typer.testing import CliRunner

from pmiek.adapters.cli.main import build_app
from pmiek.adapters.files import read_workspace
from pmiek.adapters.files.intake_xlsx import read_meta
from pmiek.adapters.files.library import shipped_library
from pmiek.adapters.store.migrate import upgrade
from pmiek.adapters.store.store import Store
from pmiek.domain.intake import MUNICIPALITY, partition
from pmiek.domain.labels import labels
from pmiek.domain.library import complete
from pmiek.domain.problems import errors
from pmiek.domain.sizing import UNIT_KEYS, developed_mw, profile_of
from pmiek.domain.validation import validate
from pmiek.domain.workspace import Workspace

pytestmark = pytest.mark.slow  # 20–35 s: 33 workbooks written, scanned and merged

runner = CliRunner()
ENV = {"COLUMNS": "300", "PMIEK_LANG": "nl", "PMIEK_USER": "provincie"}
UTRECHT, DE_BILT, HOUTEN, ZEIST = "GM0344", "GM0310", "GM0321", "GM0355"


def invoke(args: list[str], lang: str = "nl"):
    return runner.invoke(build_app(lang), args, env=ENV)


@pytest.fixture(scope="module")
def utrecht() -> Workspace:
    result = read_workspace("utrecht")
    assert result.ok
    return result.own_rows


@pytest.fixture(scope="module")
def round_(tmp_path_factory: pytest.TempPathFactory, utrecht: Workspace) -> Iterator[dict]:
    """A store holding Utrecht as version 1, and the prepared workbooks."""
    folder = tmp_path_factory.mktemp("intake")
    url = f"sqlite:///{folder}/pmiek.db"
    with Store(url) as store:
        upgrade(store.engine)
        store.import_workspace(utrecht, "utrecht")
    out = folder / "werkboeken"
    done = invoke(["intake", "prepare", "db:utrecht", "--out", str(out), "--db", url])
    assert done.exit_code == 0, done.output
    yield {"url": url, "out": out, "folder": folder, "summary": done.output}


def _workbooks(out: Path) -> list[Path]:
    return sorted(out.glob("*.xlsx"))


def _operators(workspace: Workspace) -> set[str]:
    return set(pd.concat([workspace.assets["operator"], workspace.projects["operator"],
                          workspace.resources["operator"]]).dropna())


def test_prepare_writes_one_workbook_per_municipality_and_operator(
        round_: dict, utrecht: Workspace) -> None:
    paths = _workbooks(round_["out"])
    towns = utrecht.areas[utrecht.areas["kind"] == "municipality"]
    assert len(towns) == 26
    metas = [read_meta(p) for p in paths]
    assert all(m is not None for m in metas)
    people = {(m.submitter.kind, m.submitter.id) for m in metas if m is not None}
    assert people == ({(MUNICIPALITY, str(t)) for t in towns["id"]}
                      | {("operator", o) for o in _operators(utrecht)})
    assert len(paths) == len(people)
    assert "26 gemeenten" in round_["summary"]
    with Store(round_["url"]) as store:
        base = store.version("utrecht").content_hash
    assert {m.base for m in metas if m is not None} == {base}
    # every development is in exactly one municipality's workbook, with its Dutch labels
    sector_labels = set(labels("sector", "nl").values())
    rows = 0
    for path, meta in zip(paths, metas, strict=True):
        assert meta is not None
        book = openpyxl.load_workbook(path)
        assert book.worksheets[0].title == "instructies"
        assert book["instructies"].protection.sheet
        assert book["keuzelijsten"].sheet_state == "hidden"
        if meta.submitter.kind != MUNICIPALITY:
            assert {"netcomponenten", "projecten"} <= set(book.sheetnames)
            continue
        sheet = book["ontwikkelingen"]
        assert not sheet.protection.sheet
        header = [c.value for c in sheet[1]]
        sectors = {r[header.index("sector")] for r in sheet.iter_rows(min_row=2,
                                                                      values_only=True)}
        assert sectors <= sector_labels
        own = partition(utrecht, meta.submitter)["developments"]
        assert sheet.max_row - 1 == len(own)
        rows += len(own)
        for key in ("kengetallen", "profielen", "aansluitpunten"):
            assert book[key].protection.sheet
        guidance = " ".join(str(c.value) for c in book["instructies"]["A"] if c.value)
        if own["policy_goals"].str.contains("bestaand").any():
            assert "Bestaande belasting" in guidance and "B23-" in guidance
    assert rows == len(utrecht.developments)


def _secrets(workspace: Workspace, kind: str, submitter: str) -> tuple[set[str], set[str]]:
    """The ids and names of the confidential assets and projects the submitter may not see."""
    ids: set[str] = set()
    names: set[str] = set()
    for frame in (workspace.assets, workspace.projects):
        secret = frame["confidential"].fillna(False).to_numpy(dtype=bool, copy=True)
        if kind != MUNICIPALITY:
            secret = secret & (frame["operator"] != submitter).to_numpy(dtype=bool)
        ids |= set(frame.loc[secret, "id"])
        names |= set(frame.loc[secret, "name"])
    return ids, names


def _all_cells(path: Path) -> list[str]:
    book = openpyxl.load_workbook(path)
    found = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None:
                    found.append(str(cell.value))
                if cell.comment is not None:
                    found.append(cell.comment.text)
    return found


def _file_text(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return "".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())


def test_no_workbook_holds_a_confidential_row_of_another_party(
        round_: dict, utrecht: Workspace) -> None:
    checked = 0
    for path in _workbooks(round_["out"]):
        meta = read_meta(path)
        assert meta is not None
        ids, names = _secrets(utrecht, meta.submitter.kind, meta.submitter.id)
        checked += bool(ids)  # all but Stedin, which owns every confidential row
        cells = _all_cells(path)
        everything = _file_text(path)
        for ident in ids:
            # the id as a word of its own (C-KBL-LW is not in TenneT's C-KBL-LWD-UNO)
            word = re.compile(rf"(?<![\w-]){re.escape(ident)}(?![\w-])")
            assert not any(word.search(cell) for cell in cells), (path.name, ident)
            assert not word.search(everything), (path.name, ident)
        assert not names & set(cells), path.name
    assert checked == len(_workbooks(round_["out"])) - 1
    # the scan finds what is there: Stedin sees its own confidential stations
    own, _ = _secrets(utrecht, MUNICIPALITY, "")
    stedin = round_["out"] / "netbeheerder-Stedin.xlsx"
    mine = utrecht.assets.loc[utrecht.assets["confidential"].fillna(False).to_numpy(dtype=bool)
                              & (utrecht.assets["operator"] == "Stedin").to_numpy(), "id"]
    assert len(mine) and all(any(i == c for c in _all_cells(stedin)) for i in mine)
    assert set(mine) <= own
    # a municipality connected to such a station sees a placeholder in its place
    amersfoort = _all_cells(round_["out"] / "gemeente-GM0307-Amersfoort.xlsx")
    assert "(vertrouwelijk 1)" in amersfoort


def test_untouched_workbooks_change_nothing_in_either_language(
        round_: dict, utrecht: Workspace, tmp_path: Path) -> None:
    """Every operator's workbook and a municipality's with placeholders read back exactly as
    prepared (labels, yes/no, placeholders, numbers); so does an English one."""
    from pmiek.adapters.files.intake import plan_merge
    from pmiek.adapters.files.intake_xlsx import Intake, write_intake_workbook
    from pmiek.domain.provenance import content_hash

    base = content_hash(utrecht)
    dutch = [p for p in _workbooks(round_["out"]) if p.name.startswith("netbeheerder-")]
    dutch.append(round_["out"] / "gemeente-GM0307-Amersfoort.xlsx")
    intake = Intake(utrecht, "utrecht", base, shipped_library(), dt.date(2026, 12, 8), "en")
    english = []
    for person in _people(utrecht):
        if person.id in ("Stedin", "GM0307"):
            english.append(tmp_path / f"{person.id}-en.xlsx")
            write_intake_workbook(intake, person, english[-1])
    book = openpyxl.load_workbook(english[0])
    assert {"instructions", "standard figures", "connection points"} <= set(book.sheetnames)
    plan = plan_merge(utrecht, [*dutch, *english],
                      lambda digest: utrecht if digest == base else None,
                      library=shipped_library())
    assert not [r.problems for r in plan.received if r.problems]
    assert set(plan.changes["status"]) == {"unchanged"}
    assert set(plan.changes["conflict"]) == {""}
    stedin = plan.changes[plan.changes["submitter"] == "Stedin"]
    assert len(stedin) == 2 * sum(len(f) for f in partition(
        utrecht, next(p for p in _people(utrecht) if p.id == "Stedin")).values())
    assert plan.merged.equals(utrecht)


def _workbook(round_: dict, town: str) -> Path:
    return next(round_["out"].glob(f"gemeente-{town}-*.xlsx"))


def _append(sheet, values: dict[str, object]) -> int:
    """Type ``values`` into the first empty row under the headers; returns the row number."""
    header = {c.value: c.column for c in sheet[1]}
    row = sheet.max_row + 1
    for key, value in values.items():
        sheet.cell(row=row, column=header[key], value=value)
    return row


def _fill(round_: dict, utrecht: Workspace) -> dict:
    """Fill in three workbooks as people would; returns what was done where."""
    returns = round_["folder"] / "inleveringen"
    returns.mkdir(exist_ok=True)
    # Utrecht: three new developments that rely on the standard figures and profiles only
    path = returns / _workbook(round_, UTRECHT).name
    shutil.copy(_workbook(round_, UTRECHT), path)
    book = openpyxl.load_workbook(path)
    sheet = book["ontwikkelingen"]
    new = {
        "UTR-WON-KZ": dict(name="Woningbouw Kanaleneiland-Zuid", sector="woningbouw",
                           area_id=UTRECHT, asset_id="MS-UTR-KAN", carrier="elektriciteit",
                           quantity=400, unit="woningen", start_year=2028, end_year=2030,
                           certainty=3, policy_goals="wonen", source="gemeente Utrecht"),
        "UTR-LAD-PAP": dict(name="Laadplein P+R Papendorp", sector="Mobiliteit",
                            area_id="HS-PAP", asset_id="MS-UTR-PAP", carrier="elektriciteit",
                            quantity=120, unit="laadpunten", profile="ev_evening",
                            start_year=2027, end_year=2028, certainty=4,
                            source="gemeente Utrecht"),
        "UTR-ZON-RIJ": dict(name="Zonneveld Rijnenburg-Noord", sector="zonne-energie",
                            area_id="HS-RIJ", asset_id="MS-UTR-RIJ", carrier="elektriciteit",
                            quantity=12.5, unit="MWp", start_year=2029, end_year=2029,
                            certainty=2, policy_goals="res", source="gemeente Utrecht"),
    }
    for ident, values in new.items():
        _append(sheet, {"id": ident, **values})
    book.save(path)
    # De Bilt: a row of Zeist, typed in with a larger quantity
    zeist = partition(utrecht, next(p for p in _people(utrecht) if p.id == ZEIST))
    target = zeist["developments"].dropna(subset=["quantity"]).iloc[0]
    foreign = str(target["id"])
    source_book = openpyxl.load_workbook(_workbook(round_, ZEIST))["ontwikkelingen"]
    header = [c.value for c in source_book[1]]
    copied = next(dict(zip(header, r, strict=True)) for r in source_book.iter_rows(
        min_row=2, values_only=True) if r[header.index("id")] == foreign)
    copied["quantity"] = float(target["quantity"]) + 250
    path = returns / _workbook(round_, DE_BILT).name
    shutil.copy(_workbook(round_, DE_BILT), path)
    book = openpyxl.load_workbook(path)
    _append(book["ontwikkelingen"], {k: v for k, v in copied.items() if v is not None})
    book.save(path)
    # Houten: a typo in the Dutch sector of an existing row
    path = returns / _workbook(round_, HOUTEN).name
    shutil.copy(_workbook(round_, HOUTEN), path)
    book = openpyxl.load_workbook(path)
    sheet = book["ontwikkelingen"]
    header = [c.value for c in sheet[1]]
    typo_row = 5
    sheet.cell(row=typo_row, column=header.index("sector") + 1, value="woningbouww")
    book.save(path)
    return {"folder": returns, "new": new, "foreign": foreign,
            "foreign_quantity": copied["quantity"], "typo_row": typo_row,
            "typo_id": sheet.cell(row=typo_row, column=header.index("id") + 1).value}


def _people(workspace: Workspace):
    from pmiek.domain.intake import submitters

    return submitters(workspace)


@pytest.fixture(scope="module")
def filled(round_: dict, utrecht: Workspace) -> dict:
    return _fill(round_, utrecht)


def _returns(filled: dict) -> list[str]:
    return [str(p) for p in sorted(filled["folder"].glob("*.xlsx"))]


def _line(output: str, *parts: str) -> bool:
    """Whether one line of ``output`` holds every part."""
    return any(all(p in line for p in parts) for line in output.splitlines())


def test_a_dry_run_reports_and_stores_nothing(round_: dict, filled: dict) -> None:
    done = invoke(["intake", "merge", "db:utrecht", *_returns(filled), "--db", round_["url"]])
    assert done.exit_code == 2, done.output  # a return was refused
    out = done.output
    houten = Path(_returns(filled)[1]).name
    assert "Geweigerd: " + houten in out
    # the refusal names file, sheet, row and column (one line of the table)
    assert _line(out, houten, f"│ {filled['typo_row']} ", filled["typo_id"], "sector",
                 "woningbouww")
    assert _line(out, "[ontwikkelingen]")
    assert "Bedoelde u 'woningbouw'?" in out
    assert _line(out, filled["foreign"], "gewijzigd", "quantity", "id van een rij van een ander",
                 "nee")
    assert "1 rij in conflict wacht" in out
    assert "Proefdraai: 3 rijen zouden meegaan" in out
    with Store(round_["url"]) as store:
        assert [v.number for v in store.versions("utrecht")] == [1]


def test_the_round_stores_one_version_with_provenance(
        round_: dict, filled: dict, utrecht: Workspace) -> None:
    done = invoke(["intake", "merge", "db:utrecht", *_returns(filled), "--apply",
                   "--db", round_["url"]])
    assert done.exit_code == 2, done.output  # Houten was refused; the rest is stored
    assert "Opgeslagen: 'utrecht' versie 2" in done.output
    with Store(round_["url"]) as store:
        assert [v.number for v in store.versions("utrecht")] == [1, 2]  # exactly one more
        stored = store.load("utrecht")
        records = store.provenance("utrecht")
        assert not len(store.provenance("utrecht", 1))
    dev = stored.developments.set_index("id")
    original = utrecht.developments.set_index("id")
    # the clean return's new rows are in, with Dutch labels read back as codes
    assert set(filled["new"]) <= set(dev.index)
    assert dev.loc["UTR-LAD-PAP", ["sector", "carrier", "unit", "area_id"]].tolist() == [
        "mobility", "electricity", "charge_points", "HS-PAP"]
    assert dev.loc["UTR-ZON-RIJ", "quantity"] == 12.5
    # the foreign edit waits; the refused return changed nothing
    assert dev.loc[filled["foreign"], "quantity"] == original.loc[filled["foreign"],
                                                                  "quantity"]
    assert dev.loc[filled["typo_id"], "sector"] == original.loc[filled["typo_id"], "sector"]
    others = stored.developments[~stored.developments["id"].isin(filled["new"])]
    assert others.reset_index(drop=True).equals(utrecht.developments)
    for name in ("areas", "assets", "projects", "profiles", "unit_parameters"):
        assert stored.table(name).equals(utrecht.table(name)), name
    # every row of Utrecht's return has a record: submitter, file and its SHA-256
    utrecht_file = next(Path(p) for p in _returns(filled) if UTRECHT in p)
    digest = hashlib.sha256(utrecht_file.read_bytes()).hexdigest()
    sheet = openpyxl.load_workbook(utrecht_file)["ontwikkelingen"]
    returned_ids = {r[0] for r in sheet.iter_rows(min_row=2, values_only=True) if r[0]}
    mine = records[records["file_name"] == utrecht_file.name]
    assert set(mine["row_id"]) == returned_ids
    assert set(mine["submitter"]) == {UTRECHT} and set(mine["sha256"]) == {digest}
    assert set(mine.loc[mine["row_id"].isin(filled["new"]), "action"]) == {"new"}
    assert set(records["submitter"]) == {UTRECHT, DE_BILT}  # Houten's return: nothing
    assert filled["foreign"] not in set(records["row_id"])
    assert (records["received_at"].notna()).all()
    shown = invoke(["intake", "provenance", "db:utrecht", "--db", round_["url"]])
    assert shown.exit_code == 0 and _line(shown.output, "UTR-WON-KZ", "nieuw", UTRECHT,
                                          utrecht_file.name, digest[:12])


def test_the_new_developments_run_on_the_standard_library(round_: dict, filled: dict) -> None:
    """The developments that name only standard figures and profiles validate and get their
    size and profile from the shipped library, with the workspace's own figures and profiles
    taken away."""
    with Store(round_["url"]) as store:
        stored = store.load("utrecht", 2)
    library = shipped_library()
    bare = stored.with_tables(profiles=stored.profiles.iloc[0:0],
                              unit_parameters=stored.unit_parameters.iloc[0:0])
    completed, use = complete(bare, library)
    assert not errors(validate(completed))
    assert use.profiles and use.unit_parameters
    new = completed.developments["id"].isin(list(filled["new"])).to_numpy()
    sizes = developed_mw(completed)[new]
    rows = completed.developments[new]
    figures = rows[list(UNIT_KEYS)].merge(library.unit_parameters, on=list(UNIT_KEYS),
                                          how="left")
    assert figures["demand_kw_per_unit"].notna().all()
    quantity = rows["quantity"].to_numpy(dtype=float)
    assert np.allclose(sizes["demand_mw"], quantity * figures["demand_kw_per_unit"] / 1000)
    assert np.allclose(sizes["feedin_mw"], quantity * figures["feedin_kw_per_unit"] / 1000)
    assert (sizes["demand_mw"] + sizes["feedin_mw"] > 0).all()
    profiles = profile_of(completed)[new]
    assert list(profiles) == ["housing_allelectric", "ev_evening", "solar"]
    assert set(profiles) <= set(library.profile_ids())


def test_an_accepted_foreign_edit_goes_in(round_: dict, filled: dict) -> None:
    de_bilt = next(p for p in _returns(filled) if DE_BILT in p)
    pair = f"{DE_BILT}:{filled['foreign']}"
    done = invoke(["intake", "merge", "db:utrecht", de_bilt, "--accept", pair, "--apply",
                   "--db", round_["url"], "--lang", "en"], "en")
    assert done.exit_code == 0, done.output
    assert "Stored: 'utrecht' version 3" in done.output
    with Store(round_["url"]) as store:
        assert [v.number for v in store.versions("utrecht")] == [1, 2, 3]
        dev = store.load("utrecht").developments.set_index("id")
        records = store.provenance("utrecht")
    assert dev.loc[filled["foreign"], "quantity"] == filled["foreign_quantity"]
    row = records[records["row_id"] == filled["foreign"]]
    assert row[["submitter", "action"]].values.tolist() == [[DE_BILT, "changed"]]
    # prepared from version 1, merged into version 2: Utrecht's rows are no change of De Bilt
    assert set(records["submitter"]) == {DE_BILT}


def test_merge_refuses_what_it_cannot_use(round_: dict, filled: dict, tmp_path: Path) -> None:
    stray = tmp_path / "los.xlsx"
    assert invoke(["template", str(stray)]).exit_code == 0
    done = invoke(["intake", "merge", "db:utrecht", str(stray), "--db", round_["url"]])
    assert done.exit_code == 2 and "geen uitvraagwerkboek" in done.output
    done = invoke(["intake", "merge", "db:utrecht", _returns(filled)[0], "--accept", "GM0310",
                   "--db", round_["url"]])
    assert done.exit_code == 2 and "INDIENER:ID" in done.output
    done = invoke(["intake", "merge", "utrecht", _returns(filled)[0], "--apply"])
    assert done.exit_code == 2 and "pmiek import" in done.output
    done = invoke(["intake", "merge", "db:utrecht@1", _returns(filled)[0], "--db",
                   round_["url"]])
    assert done.exit_code == 2 and "@VERSIE" in done.output


def test_intake_help_is_in_the_chosen_language() -> None:
    for path in (["intake"], ["intake", "prepare"], ["intake", "merge"],
                 ["intake", "provenance"]):
        dutch, english = invoke([*path, "--help"], "nl"), invoke([*path, "--help"], "en")
        assert dutch.exit_code == english.exit_code == 0
        assert "Gebruik: " in dutch.output and "Usage:" not in dutch.output
        assert not re.search(r"\b(Show this|Options|Arguments|Store|Read the)\b",
                             dutch.output), path
        assert "Usage: " in english.output and "Gebruik" not in english.output
