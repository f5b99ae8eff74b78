"""The governance trail in the store: the edition process, its refusals, freezing (every kind
of change refused from the GS-ontwerp on), roles, personal data apart and erasable, IP lists —
on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pandas as pd
import pytest

from pmiek.adapters.store.consultation_store import Consultation
from pmiek.adapters.store.store import Store
from pmiek.errors import ConflictError, InputError
from pmiek.programme.results import frames_hash, read_canonical
from tests.store.helpers import count_rows, open_store, small

D = dt.date


@pytest.fixture
def trail(database_url: str) -> Iterator[tuple[Store, Consultation]]:
    with open_store(database_url) as store:
        store.add_user("beheer", "beheerder")
        store.add_user("kern", "kernteam")
        store.add_user("stedin", "netbeheerder")
        store.add_user("houten", "gemeente")
        store.import_workspace(small(), "u")
        yield store, Consultation(store, "kern")


def _frames() -> dict[str, pd.DataFrame]:
    return {"priority_list": pd.DataFrame({"priority": [1, 2], "project_id": ["A", "B"],
                                           "tier": [1, 2], "value": [0.1 + 0.2, 1e-17]}),
            "comparison": pd.DataFrame({"lens": ["x"], "seconds": [1.234]})}


def _to_ontwerp(consult: Consultation, name: str) -> None:
    consult.advance(name, "kernteam_akkoord", "kernteam", D(2025, 6, 2))
    consult.advance(name, "eb_advies", "eb", D(2025, 6, 20))
    consult.advance(name, "gs_ontwerp", "gs", D(2025, 9, 9), reference="GS 2025-0909")


def test_the_process_runs_in_order_and_refuses_skips(trail: tuple[Store, Consultation]
                                                    ) -> None:
    store, consult = trail
    consult.new_edition("P-MIEK 2.0", "u")
    with pytest.raises(InputError, match="kernteam_akkoord"):
        consult.advance("P-MIEK 2.0", "gs_ontwerp", "gs", D(2025, 6, 1), reference="x")
    with pytest.raises(InputError, match="Energy Board"):
        consult.advance("P-MIEK 2.0", "kernteam_akkoord", "eb", D(2025, 6, 1))
    _to_ontwerp(consult, "P-MIEK 2.0")
    with pytest.raises(InputError, match="vóór"):
        consult.advance("P-MIEK 2.0", "ter_inzage", "gs", D(2025, 9, 1), publication="PB 1",
                        term=(D(2025, 9, 24), D(2025, 11, 4), 6))
    with pytest.raises(InputError, match=r"publication|bekendmaking"):
        consult.advance("P-MIEK 2.0", "ter_inzage", "gs", D(2025, 9, 23),
                        term=(D(2025, 9, 24), D(2025, 11, 4), 6))
    consult.hear("P-MIEK 2.0", "statencommissie", D(2025, 9, 15), note="Statenbrief")
    consult.advance("P-MIEK 2.0", "ter_inzage", "gs", D(2025, 9, 23),
                    publication="Provinciaal Blad 2025, 15513",
                    term=(D(2025, 9, 24), D(2025, 11, 4), 6))
    with pytest.raises(InputError, match=r"4 november|2025-11-04"):
        consult.advance("P-MIEK 2.0", "beantwoord", "kernteam", D(2025, 11, 1), unanswered=[])
    with pytest.raises(InputError, match=r"2 punten|2 points"):
        consult.advance("P-MIEK 2.0", "beantwoord", "kernteam", D(2025, 11, 20),
                        unanswered=["ZW-1.1", "ZW-2.1"])
    consult.advance("P-MIEK 2.0", "beantwoord", "kernteam", D(2025, 11, 20), unanswered=[])
    info = consult.advance("P-MIEK 2.0", "vastgesteld", "gs", D(2025, 12, 9),
                           reference="GS 2025-1209", publication="Provinciaal Blad 2025, 20001")
    assert info.state == "vastgesteld"
    register = consult.decisions("P-MIEK 2.0")
    assert register["to_state"].tolist() == [
        "kernteam_akkoord", "eb_advies", "gs_ontwerp", "gs_ontwerp", "ter_inzage",
        "beantwoord", "vastgesteld"]
    assert register["body"].tolist() == ["kernteam", "eb", "gs", "statencommissie", "gs",
                                         "kernteam", "gs"]
    with pytest.raises(InputError, match="herijking"):
        consult.advance("P-MIEK 2.0", "concept", "kernteam", D(2026, 1, 5))
    actions = store.audit()["action"].tolist()
    assert actions.count("decide") == 7


def test_a_herijking_starts_from_an_adopted_edition_only(trail: tuple[Store, Consultation]
                                                        ) -> None:
    _, consult = trail
    consult.new_edition("P-MIEK 2.0", "u")
    with pytest.raises(InputError, match="vastgestelde"):
        consult.new_edition("P-MIEK 2.1", "u", predecessor="P-MIEK 2.0")
    with pytest.raises(ConflictError):
        consult.new_edition("P-MIEK 2.0", "u")


def test_a_frozen_edition_refuses_every_change(trail: tuple[Store, Consultation]) -> None:
    store, consult = trail
    store.import_workspace(small(), "u")  # version 2 exists
    consult.new_edition("E", "u", 1)
    run = consult.add_run("E", "assess", {"seed": 0}, _frames(), software={"pmiek": "t"})
    consult.set_version("E", 2)  # allowed while concept: the runs go with the old version
    assert consult.runs("E").empty
    run = consult.add_run("E", "assess", {"seed": 0}, _frames(), software={"pmiek": "t"})
    _to_ontwerp(consult, "E")
    before = (consult.runs("E"), consult.run_texts(run), consult.edition("E"))
    kinds = {
        "version": lambda: consult.set_version("E", 1),
        "add run": lambda: consult.add_run("E", "insight", {}, _frames(), software={}),
        "remove run": lambda: consult.remove_run("E", run),
    }
    for kind, change in kinds.items():
        with pytest.raises(InputError, match="bevroren") as refused:
            change()
        assert "GS" in refused.value.texts["en"], kind
    after = (consult.runs("E"), consult.run_texts(run), consult.edition("E"))
    pd.testing.assert_frame_equal(before[0], after[0])
    assert before[1:] == after[1:]


def test_stored_tables_give_back_their_hash(trail: tuple[Store, Consultation]) -> None:
    _, consult = trail
    consult.new_edition("E", "u")
    frames = _frames()
    run = consult.add_run("E", "assess", {}, frames, software={})
    stored = consult.runs("E").set_index("run_id").loc[run, "output_hash"]
    back = {k: read_canonical(v) for k, v in consult.run_texts(run).items()}
    assert stored == frames_hash(frames) == frames_hash(back)
    assert "seconds" not in back["comparison"].columns  # wall-clock time is not an answer
    slower = {**frames, "comparison": frames["comparison"].assign(seconds=99.0)}
    assert frames_hash(slower) == stored
    changed = {**frames, "priority_list": frames["priority_list"].assign(tier=[2, 2])}
    assert frames_hash(changed) != stored
    assert consult.run_table("E", "assess", "priority_list")["tier"].tolist() == [1, 2]


def test_roles_are_checked(trail: tuple[Store, Consultation]) -> None:
    store, consult = trail
    consult.new_edition("E", "u")
    for user in ("houten", "stedin", "niemand"):
        with pytest.raises(InputError, match=r"rol|onbekend"):
            Consultation(store, user).advance("E", "kernteam_akkoord", "kernteam",
                                              D(2025, 1, 1))
    assert Consultation(store, "houten").edition("E").state == "concept"
    with pytest.raises(InputError, match="rol"):
        Consultation(store, "stedin").register("E", personal=True)


def _register() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    z = pd.DataFrame({"number": ["ZW-1", "ZW-2"], "received_on": ["2025-10-01", "2025-11-10"],
                      "posted_on": ["", "2025-11-04"], "channel": ["email", "post"],
                      "submitter_type": ["particulier", "organisatie"],
                      "public_name": ["", "Vereniging X (fictief)"],
                      "timeliness": ["tijdig", "per_post_tijdig"]})
    p = pd.DataFrame({"number": ["ZW-1", "ZW-2"], "point": [1, 1], "theme": ["a", "b"],
                      "summary": ["s1", "s2"], "concerns": ["", ""], "answer": ["", ""],
                      "leads_to_change": [False, False], "change": ["", ""],
                      "change_ref": ["", ""]})
    people = pd.DataFrame({"number": ["ZW-1", "ZW-2"], "name": ["Jan Voorbeeld", "Els Test"],
                           "address": ["Voorbeeldstraat 1", "Laan 2"],
                           "postcode": ["1234 AB", "2345 BC"], "city": ["Houten", "Zeist"],
                           "email": ["jan@voorbeeld.nl", "els@voorbeeld.nl"],
                           "contact_person": ["", "Els Test"],
                           "retain_until": ["2026-12-31", "2027-12-31"]})
    return z, p, people


def test_personal_data_apart_readable_by_kernteam_only_and_erasable(
        trail: tuple[Store, Consultation]) -> None:
    store, consult = trail
    consult.new_edition("E", "u")
    z, p, people = _register()
    with pytest.raises(InputError, match="ter inzage"):
        consult.import_register("E", z, p, people)
    _to_ontwerp(consult, "E")
    consult.advance("E", "ter_inzage", "gs", D(2025, 9, 23), publication="PB",
                    term=(D(2025, 9, 24), D(2025, 11, 4), 6))
    consult.import_register("E", z, p, people)
    with pytest.raises(ConflictError):
        consult.import_register("E", z.iloc[:1], p.iloc[:1], people.iloc[:1])
    public = Consultation(store, "houten").register("E")
    assert public.personal.empty
    text = public.zienswijzen.to_csv() + public.points.to_csv()
    assert not any(v in text for v in people.drop(columns=["number", "retain_until"])
                   .to_numpy().ravel() if v)
    assert consult.register("E", personal=True).personal["name"].tolist() == [
        "Jan Voorbeeld", "Els Test"]
    edition_before = consult.edition("E")
    assert consult.erase_personal("E", D(2027, 1, 1)) == 1
    assert consult.register("E", personal=True).personal["number"].tolist() == ["ZW-2"]
    assert consult.edition("E") == edition_before
    assert count_rows(store.engine, "zienswijzen") == 2
    with pytest.raises(InputError, match=r"ZW-9\.1"):
        consult.answer("E", pd.DataFrame({"number": ["ZW-9"], "point": [1], "answer": ["x"],
                                          "leads_to_change": [False], "change": [""],
                                          "change_ref": [""]}))


def test_ip_lists_are_kept_per_operator_and_edition(trail: tuple[Store, Consultation]
                                                    ) -> None:
    _, consult = trail

    def ip(operator: str, year: int) -> pd.DataFrame:
        return pd.DataFrame({"operator": [operator], "ip_reference": ["R-1"], "name": ["n"],
                             "station": ["s"], "planned_year": [year], "status": ["gepland"],
                             "cost_band": ["10-50 M€"], "miek_label": ["pMIEK"]})

    assert consult.store_ip(2024, "definitief", ip("Stedin", 2029), file_name="a.csv",
                            sha256="1" * 64) == 1
    assert consult.store_ip(2026, "ontwerp", ip("Stedin", 2030), file_name="b.csv",
                            sha256="2" * 64) == 1
    assert consult.store_ip(2026, "ontwerp", ip("TenneT", 2031), file_name="c.csv",
                            sha256="3" * 64) == 1  # each operator its own plan
    assert consult.store_ip(2026, "ontwerp", ip("Stedin", 2030), file_name="b.csv",
                            sha256="2" * 64) == 0  # the same file again: nothing new
    with pytest.raises(ConflictError, match="Stedin"):
        consult.store_ip(2026, "ontwerp", ip("Stedin", 2032), file_name="d.csv",
                         sha256="4" * 64)
    assert sorted(consult.ip_list(2026, "ontwerp")["operator"]) == ["Stedin", "TenneT"]
    rows, used = consult.previous_ip(2026, "ontwerp")
    assert used == ["Stedin IP2024 (definitief)"] and rows["planned_year"].tolist() == [2029]
    rows, used = consult.previous_ip(2026, "definitief")
    assert used == ["Stedin IP2026 (ontwerp)", "TenneT IP2026 (ontwerp)"]
    assert sorted(rows["planned_year"]) == [2030, 2031]
    assert consult.previous_ip(2026, "definitief", ["TenneT"])[1] == ["TenneT IP2026 (ontwerp)"]
    assert consult.previous_ip(2024, "definitief")[1] == []
