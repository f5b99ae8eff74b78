"""The pure logic of the intake round (issue 16) on tiny hand-built workspaces: who owns a
row, what a return changes, which changes are in conflict, and how accepted changes are
applied; and the labels and placeholders of an intake workbook."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pmiek.domain.intake import (
    MUNICIPALITY,
    OPERATOR,
    Submitter,
    accepted,
    ambiguous,
    apply,
    diff_return,
    existing_load,
    municipality_of_areas,
    no_changes,
    owners,
    partition,
    submitters,
    unmatched,
    with_duplicates,
)
from pmiek.domain.intake_sheets import (
    from_labels,
    hidden_ids,
    mask,
    placeholder,
    to_labels,
    understood,
    unmask,
)
from pmiek.domain.problems import Code
from pmiek.domain.tables import table
from pmiek.domain.workspace import Workspace

A = Submitter("A", MUNICIPALITY, "Aadorp")
B = Submitter("B", MUNICIPALITY, "Beek")


def _raw(rows: list[dict[str, object]]) -> pd.DataFrame:
    return pd.DataFrame([{k: None if v is None else str(v) for k, v in r.items()}
                         for r in rows], dtype=object)


def _development(ident: str, area: str, quantity: int = 10, name: str | None = None,
                 goals: str = "wonen") -> dict[str, object]:
    return {"id": ident, "name": name or f"dev {ident}", "sector": "housing",
            "area_id": area, "carrier": "electricity", "quantity": quantity, "unit": "homes",
            "start_year": 2026, "end_year": 2030, "certainty": 3, "policy_goals": goals}


AREAS = [
    {"id": "P", "name": "Provincie", "kind": "province", "parent_id": None},
    {"id": "R", "name": "Regio", "kind": "region", "parent_id": "P"},
    {"id": "A", "name": "Aadorp", "kind": "municipality", "parent_id": "R"},
    {"id": "B", "name": "Beek", "kind": "municipality", "parent_id": "R"},
    {"id": "H", "name": "Hotspot in A", "kind": "hotspot", "parent_id": "A"},
    {"id": "H2", "name": "Deel van H", "kind": "hotspot", "parent_id": "H"},
]


def _workspace(developments: list[dict[str, object]]) -> Workspace:
    workspace, problems = Workspace.from_raw({"areas": _raw(AREAS),
                                              "developments": _raw(developments)})
    assert not problems
    return workspace


BASE = [_development("d1", "A"), _development("d2", "H"), _development("d3", "B"),
        _development("d6", "H2")]


def _returned(base: Workspace, who: Submitter, rows: list[dict[str, object]]
              ) -> dict[str, pd.DataFrame]:
    """The submitter's tables as a return would hold them (typed like the base)."""
    typed = Workspace.from_raw({"areas": _raw(AREAS), "developments": _raw(rows)})[0]
    return {"developments": typed.developments}


def _by_id(changes: pd.DataFrame) -> dict[str, tuple[str, str, str]]:
    return {r.row_id: (r.status, r.conflict, r.columns) for r in changes.itertuples()}


def test_a_hotspot_belongs_to_the_municipality_around_it() -> None:
    towns = municipality_of_areas(_workspace(BASE).areas)
    assert towns.to_dict() == {"P": None, "R": None, "A": "A", "B": "B", "H": "A", "H2": "A"}


def test_partition_gives_each_development_to_one_municipality() -> None:
    base = _workspace(BASE)
    assert list(partition(base, A)["developments"]["id"]) == ["d1", "d2", "d6"]
    assert list(partition(base, B)["developments"]["id"]) == ["d3"]
    assert [s.id for s in submitters(base)] == ["A", "B"]


def test_a_return_is_new_changed_removed_and_conflicting_as_it_should() -> None:
    base = _workspace(BASE)
    rows = [_development("d1", "A", quantity=12),           # own row changed
            _development("d6", "H2"),                         # own row as it was
            _development("d4", "H"),                          # new, in own hotspot
            _development("d3", "B", name="renamed by A"),     # a row of B
            _development("d5", "B")]                          # new, in B's area
    changes = diff_return(A, _returned(base, A, rows), base, base)
    assert _by_id(changes) == {
        "d1": ("changed", "", "quantity"),
        "d6": ("unchanged", "", ""),
        "d4": ("new", "", ""),
        "d3": ("changed", "collision,outside", "name"),
        "d5": ("new", "outside", ""),
        "d2": ("removed", "", ""),
    }
    assert list(changes.loc[changes["row_id"] == "d2", "position"]) == [-1]
    assert list(changes.loc[changes["row_id"] == "d4", "position"]) == [2]


def test_a_row_changed_in_the_workspace_since_the_workbook_is_stale() -> None:
    base = _workspace(BASE)
    current = _workspace([_development("d1", "A", name="changed by the province"),
                          _development("d2", "H", quantity=99), *BASE[2:]])
    rows = [_development("d1", "A", quantity=12), _development("d6", "H2")]
    changes = diff_return(A, _returned(base, A, rows), base, current)
    found = _by_id(changes)
    assert found["d1"] == ("changed", "stale", "quantity")
    assert found["d2"] == ("removed", "stale", "")  # removed by A, changed since: waits
    assert found["d6"] == ("unchanged", "", "")
    # a row the submitter left alone is unchanged, even where the workspace moved on
    untouched = diff_return(A, _returned(base, A, BASE[:2] + BASE[3:]), base, current)
    assert set(untouched["status"]) == {"unchanged"}


def test_the_same_key_from_two_returns_is_a_duplicate() -> None:
    base = _workspace(BASE)
    from_a = diff_return(A, _returned(base, A, [*BASE[:2], BASE[3], _development("dx", "A")]),
                         base, base, number=0)
    from_b = diff_return(B, _returned(base, B, [BASE[2], _development("dx", "A")]), base, base,
                         number=1)  # in A's area too
    both = with_duplicates(pd.concat([from_a, from_b], ignore_index=True))
    dx = both[both["row_id"] == "dx"]
    assert list(dx["conflict"]) == ["duplicate", "duplicate,outside"]
    assert set(both.loc[both["row_id"] != "dx", "conflict"]) == {""}


def test_only_rows_without_conflict_or_accepted_explicitly_go_in() -> None:
    base = _workspace(BASE)
    rows = [*BASE[:2], BASE[3], _development("d3", "B", name="renamed by A"),
            _development("d4", "A")]
    changes = diff_return(A, _returned(base, A, rows), base, base)
    ids = changes["row_id"].to_numpy()
    assert set(ids[accepted(changes)]) == {"d4"}
    assert set(ids[accepted(changes, accept=[("A", "d3")])]) == {"d3", "d4"}
    assert set(ids[accepted(changes, accept_all=["A"])]) == {"d3", "d4"}
    assert set(ids[accepted(changes, accept=[("B", "d3")])]) == {"d4"}  # not B's return
    assert unmatched(changes, [("A", "d3"), ("A", "d4"), ("B", "d3")]) == [("A", "d4"),
                                                                          ("B", "d3")]


def test_apply_replaces_in_place_removes_and_appends() -> None:
    base = _workspace(BASE)
    rows = [_development("d1", "A", quantity=12), BASE[3], _development("d4", "H"),
            _development("d3", "B", name="renamed by A")]
    returned = _returned(base, A, rows)
    changes = diff_return(A, returned, base, base, number=7)
    merged, sources = apply(base, changes, accepted(changes), {7: returned})
    dev = merged.developments
    assert list(dev["id"]) == ["d1", "d3", "d6", "d4"]  # d2 removed, d4 appended
    assert list(dev["quantity"]) == [12.0, 10.0, 10.0, 10.0]
    assert list(dev["name"])[1] == "dev d3"  # the conflict waits
    assert dev.dtypes.equals(base.developments.dtypes)
    assert sources["developments"].values.tolist() == [[7, 0], [-1, -1], [-1, -1], [7, 2]]
    # accepting the conflict replaces B's row where it stands
    merged, _ = apply(base, changes, accepted(changes, accept=[("A", "d3")]), {7: returned})
    assert list(merged.developments["name"])[1] == "renamed by A"
    assert merged.areas.equals(base.areas)
    # nothing accepted: nothing changes
    same, none = apply(base, changes, np.zeros(len(changes), dtype=bool), {7: returned})
    assert same.equals(base) and none == {}
    assert apply(base, no_changes(), np.zeros(0, dtype=bool), {})[0].equals(base)


def test_two_accepted_returns_of_one_key_are_ambiguous() -> None:
    base = _workspace(BASE)
    a = diff_return(A, _returned(base, A, [*BASE[:2], BASE[3], _development("dx", "A")]),
                    base, base, number=0)
    b = diff_return(B, _returned(base, B, [BASE[2], _development("dx", "B")]), base, base,
                    number=1)
    both = with_duplicates(pd.concat([a, b], ignore_index=True))
    assert not len(ambiguous(both, accepted(both)))
    taken = accepted(both, accept_all=["A", "B"])
    assert sorted(ambiguous(both, taken)["return_number"]) == [0, 1]


def test_operators_own_their_assets_projects_and_effects() -> None:
    raw = {
        "assets": _raw([{"id": "S1", "name": "s", "carrier": "electricity",
                         "kind": "mv_station", "operator": "Net", "capacity_demand_mw": 1,
                         "capacity_feedin_mw": 1, "confidential": "true"},
                        {"id": "S2", "name": "t", "carrier": "electricity",
                         "kind": "hv_station", "operator": "Hoog", "capacity_demand_mw": 1,
                         "capacity_feedin_mw": 1, "parent_id": None}]),
        "projects": _raw([{"id": "P1", "name": "p", "operator": "Net", "carrier": "electricity",
                           "kind": "expansion", "capex_meur": 1, "lead_time_years": 1,
                           "requires": "P2"},
                          {"id": "P2", "name": "q", "operator": "Hoog",
                           "carrier": "electricity", "kind": "expansion", "capex_meur": 1,
                           "lead_time_years": 1, "confidential": "true"}]),
        "project_effects": _raw([{"project_id": "P1", "asset_id": "S1"},
                                 {"project_id": "P2", "asset_id": "S1"}]),
    }
    workspace = Workspace.from_raw(raw)[0]
    net = Submitter("Net", OPERATOR, "Net")
    assert [s.id for s in submitters(workspace)] == ["Hoog", "Net"]
    assert list(owners(workspace, "project_effects")) == ["Net", "Hoog"]
    assert hidden_ids(workspace, net) == {"P2"}  # its own confidential station is not hidden
    assert hidden_ids(workspace, A) == {"S1", "P2"}
    own = partition(workspace, net)
    shown, numbers = mask(own, hidden_ids(workspace, net), "nl")
    assert numbers == {1: "P2"}
    assert list(shown["projects"]["requires"]) == ["(vertrouwelijk 1)"]
    assert list(shown["project_effects"]["asset_id"]) == ["S1"]
    back = unmask({"projects": shown["projects"].assign(
        requires=pd.array([f"{placeholder(1, 'en')};P9"], dtype="string"))}, numbers)
    assert list(back["projects"]["requires"]) == ["P2;P9"]  # either language, items kept


def test_labels_are_shown_and_read_back_and_a_typo_is_named() -> None:
    schema = table("developments")
    base = _workspace(BASE)
    shown = to_labels(base.developments, schema, "nl")
    assert set(shown["sector"]) == {"woningbouw"} and set(shown["carrier"]) == {
        "elektriciteit"}
    assert set(shown["unit"]) == {"woningen"}
    raw = _raw([_development(f"n{i}", "A") for i in range(5)])
    raw["sector"] = ["Woningbouw", " wonen ", "housing", "woningbouww", None]
    raw["carrier"] = ["elektriciteit", "ELECTRICITY", "stroom", "warmte", "electricity"]
    codes, problems = from_labels(raw, schema, "nl")
    assert list(codes["sector"][:3]) == ["housing"] * 3 and pd.isna(codes["sector"][4])
    assert list(codes["carrier"]) == ["electricity"] * 3 + ["heat", "electricity"]
    assert len(problems) == 1
    typo = problems[0]
    assert (typo.code, typo.table, typo.column, typo.row, typo.row_id, typo.got) == (
        Code.NOT_ALLOWED, "developments", "sector", 3, "n3", "woningbouww")
    assert "woningbouw" in typo.expected and "'woningbouw'" in typo.hint("nl")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_label_reads_back_as_its_code(lang: str) -> None:
    for name in ("developments", "assets", "projects"):
        schema = table(name)
        for column in schema.columns:
            known = understood(column, lang)
            if column.allowed:
                shown = to_labels(pd.DataFrame({column.name: pd.array(
                    list(column.allowed), dtype="string")}), schema, lang)[column.name]
                assert [known[s.strip().casefold()] for s in shown] == list(column.allowed)


def test_existing_load_is_the_goal_bestaand() -> None:
    rows = [_development("e1", "A", goals="bestaand"), _development("e2", "A", goals="wonen"),
            _development("e3", "A", goals="wonen;bestaand"),
            _development("e4", "A", goals="bestaande_bouw")]
    assert list(existing_load(_workspace(rows).developments)) == [True, False, True, False]
