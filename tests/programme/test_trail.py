"""The whole governance cycle through the CLI (issue 17, done-when 2–5), on the example
workspace with one lens: new edition → decisions → ter inzage → zienswijzen typed into the
generated template and imported → answered → Nota → vastgesteld → monitoring → herijking into
2.1 with changed inputs → diff; then what it wrote is checked: the Nota's counts against the
register, private persons only as "Particulier N", no personal value in any public output, the
frozen edition refusing changes, its runs giving back their hashes, and the diff naming
exactly the changed input rows."""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pandas as pd
import pytest
from docx import Document
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from pmiek.adapters.cli.main import build_app
from pmiek.adapters.files.public_text import find_personal, normalise, normalised_text
from pmiek.adapters.store.consultation_store import Consultation
from pmiek.adapters.store.store import Store
from pmiek.programme.diff import changes_for

ROOT = Path(__file__).resolve().parents[2]
CHANGED_ROWS = {("developments", "D-DC", "removed"), ("resources", "2027|Stedin", "changed")}


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("governance_trail",
                                                  ROOT / "scripts" / "governance_trail.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["governance_trail"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def trail(tmp_path_factory: pytest.TempPathFactory) -> tuple[ModuleType, object, Path]:
    script = _script()
    base = tmp_path_factory.mktemp("trail")
    example = base / "voorbeeld"
    shutil.copytree(script.EXAMPLE, example)
    out = base / "uit"
    done = script.run(out, workspace="example", lens="wonen-eerst,evenwichtig", samples=500,
                      changes=script.example_herijking(example), example=example, verify=True,
                      quiet=True)
    return script, done, out


def _consult(out: Path, user: str = "kernteam") -> Consultation:
    return Consultation(Store(f"sqlite:///{(out / 'pmiek.db').as_posix()}"), user)


def test_the_cycle_ends_adopted_with_a_herijking(trail: tuple[ModuleType, object, Path]
                                                 ) -> None:
    script, done, out = trail
    consult = _consult(out)
    first = consult.edition(script.FIRST)
    assert first.state == "vastgesteld"
    following = consult.edition(script.NEXT)
    assert (following.state, following.predecessor) == ("concept", script.FIRST)
    assert following.version == first.version + 1
    bodies = consult.decisions(script.FIRST)["body"].tolist()
    assert bodies == ["kernteam", "eb", "gs", "statencommissie", "gs", "kernteam", "gs"]
    assert set(consult.runs(script.FIRST)["kind"]) == {"insight", "variants", "assess"}
    assert any(line.startswith("pmiek edition verify") for line in done.log)
    assert (out / "nota-van-beantwoording.docx").is_file()
    assert (out / "monitoring" / "monitoring.csv").is_file()


def test_the_notas_counts_equal_the_register(trail: tuple[ModuleType, object, Path]) -> None:
    script, _, out = trail
    register = _consult(out).register(script.FIRST)
    z = register.zienswijzen
    nota = json.loads((out / "openbaar" / "nota.json").read_text(encoding="utf-8"))
    counts = nota["counts"]
    assert counts["total"] == len(z) > 20
    for kind in ("particulier", "organisatie", "overheid"):
        assert counts[kind] == int((z["submitter_type"] == kind).sum())
    assert counts["te_laat"] == int((z["timeliness"] == "te_laat").sum()) >= 1
    assert counts["points"] == len(register.points)
    text = normalised_text(out / "nota-van-beantwoording.docx")
    assert f"{len(z)} zienswijzen" in text
    private = z[z["submitter_type"] == "particulier"].sort_values("number")
    public = pd.read_csv(out / "openbaar" / "zienswijzen_publiek.csv", dtype=str)
    shown = public.set_index("number").loc[private["number"], "indiener"].tolist()
    assert shown == [f"Particulier {k}" for k in range(1, len(private) + 1)]
    document = Document(str(out / "nota-van-beantwoording.docx"))
    named = {cell.text for table in document.tables for row in table.rows
             for cell in row.cells}
    assert {f"Particulier {k}" for k in range(1, len(private) + 1)} <= named


def test_no_public_output_holds_personal_data(trail: tuple[ModuleType, object, Path]) -> None:
    script, _, out = trail
    consult = _consult(out)
    people = consult.register(script.FIRST, personal=True).personal
    assert len(people) > 20 and people["email"].str.contains("@").sum() > 10
    public_names = [n for n in consult.register(script.FIRST).zienswijzen["public_name"] if n]
    files = [out / "nota-van-beantwoording.docx",
             *sorted((out / "openbaar").glob("*.*")),
             *sorted((out / "verschil-2.0-2.1").glob("*.*")),
             *sorted((out / "monitoring").glob("*.*")),
             *sorted((out / "monitoring-ip2024").glob("*.*"))]
    assert {p.suffix for p in files} >= {".docx", ".csv", ".json"}
    texts = {p.name: normalised_text(p) for p in files}
    assert find_personal(texts, people, public=public_names) == []
    planted = {**texts, "x.csv": texts[files[1].name] + " " + normalise(people["name"].iloc[3])}
    assert find_personal(planted, people, public=public_names)  # the scan can fail


def test_the_frozen_edition_refuses_and_reproduces(trail: tuple[ModuleType, object, Path]
                                                  ) -> None:
    script, done, out = trail
    db = f"sqlite:///{(out / 'pmiek.db').as_posix()}"
    runner = CliRunner()
    refused = (["edition", "run", script.FIRST, "--lens", "wonen-eerst,evenwichtig"],
               ["edition", "advance", script.FIRST, "--to", "concept", "--body", "kernteam"],
               ["consultation", "import", script.FIRST, str(out / "zienswijzen.xlsx")],
               ["consultation", "answer", script.FIRST,
                str(script.EXAMPLE / "zienswijzen" / "antwoorden.csv")])
    for args in refused:
        result = runner.invoke(build_app("nl"), [*args, "--db", db, "--as", "kernteam"])
        assert result.exit_code == 2, (args, result.output)
        assert any(word in result.output for word in ("bevroren", "herijking", "ter inzage",
                                                      "beantwoord")), result.output
    before = _consult(out).runs(script.FIRST)
    assert before["output_hash"].str.len().eq(64).all()
    assert any("verify" in line for line in done.log)  # it ran, and passed (exit 0)


def test_verify_finds_a_stored_hash_that_differs(trail: tuple[ModuleType, object, Path],
                                                 tmp_path: Path) -> None:
    script, _, out = trail
    copy = tmp_path / "kopie.db"
    shutil.copyfile(out / "pmiek.db", copy)
    engine = create_engine(f"sqlite:///{copy.as_posix()}")
    with engine.begin() as conn:
        conn.execute(text("UPDATE runs SET output_hash = :h WHERE kind = 'insight'"),
                     {"h": "0" * 64})
    engine.dispose()
    result = CliRunner().invoke(build_app("nl"), [
        "edition", "verify", script.FIRST, "--db", f"sqlite:///{copy.as_posix()}",
        "--as", "kernteam"])
    assert result.exit_code == 1, result.output
    assert result.output.count("gelijk") == 2 and "ANDERS" in result.output


def test_the_diff_names_exactly_the_changed_rows(trail: tuple[ModuleType, object, Path]
                                                 ) -> None:
    script, _, out = trail
    inputs = pd.read_csv(out / "verschil-2.0-2.1" / "input_changes.csv", dtype=str,
                         keep_default_na=False)
    assert set(zip(inputs["table"], inputs["row_id"], inputs["change"], strict=True)) == \
        CHANGED_ROWS
    results = pd.read_csv(out / "verschil-2.0-2.1" / "priority_changes.csv", dtype=str,
                          keep_default_na=False)
    linked = results["reason"] == "invoer"
    assert (results.loc[linked, "because"] != "").all()
    assert (results.loc[~linked, "reason"] == "herschikking").all()
    assert (results.loc[~linked, "because"] == "").all()
    points = _consult(out).register(script.FIRST).points
    changing = points[points["leads_to_change"].astype(bool)]
    assert len(changing) >= 1
    assert changes_for(inputs, changing["change_ref"]).all()
    promised = {f"{n}.{p}" for n, p in zip(changing["number"], changing["point"], strict=True)}
    for linked in inputs["zienswijzen"]:  # each changed row names the points that asked it
        assert set(linked.split(";")) == promised


def test_a_bad_ip_file_is_refused_with_row_and_column_and_nothing_written(
        trail: tuple[ModuleType, object, Path], tmp_path: Path) -> None:
    script, _, out = trail
    copy = tmp_path / "kopie.db"
    shutil.copyfile(out / "pmiek.db", copy)
    good = (script.EXAMPLE / "ip-2026-ontwerp.csv").read_text(encoding="utf-8").splitlines()
    header, first, second = good[0], good[1], good[2]
    bad = tmp_path / "ip-fout.csv"
    bad.write_text("\n".join([header + ",extra", first + ",x",
                              second.replace(",2029,", ",1999,").replace(",2030,", ",1999,")
                              + ",y", first + ",z"]) + "\n", encoding="utf-8")
    target = tmp_path / "monitoring"
    db = f"sqlite:///{copy.as_posix()}"
    before = _count(copy, "ip_projects")
    result = CliRunner().invoke(build_app("nl"), [
        "monitor", script.FIRST, "--ip", str(bad), "--ip-year", "2028", "--phase", "ontwerp",
        "--out", str(target), "--db", db, "--as", "kernteam"])
    assert result.exit_code == 2, result.output
    flat = " ".join(result.output.split())
    for place in ("rij 1, kolom extra", "rij 3, kolom planned_year", "rij 2 (", "rij 4 ("):
        assert place in flat, (place, flat)
    assert flat.count("kolom ip_reference") == 2
    assert not target.exists()
    assert _count(copy, "ip_projects") == before


def _count(database: Path, table: str) -> int:
    engine = create_engine(f"sqlite:///{database.as_posix()}")
    try:
        with engine.connect() as conn:
            return int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
    finally:
        engine.dispose()
