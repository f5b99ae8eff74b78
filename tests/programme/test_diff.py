"""The edition diff (issue 17, done-when 5): a constructed herijking — one development removed,
one operator's budget lowered in one year — is named exactly, and every changed priority row is
linked to a changed input row that touches the project, or is a herschikking.

Expected links are derived here from the example's CSV files by hand (a walk up the asset
tree per development), not with :func:`pmiek.programme.diff.touching`.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import shapely

from pmiek.adapters.files import embedded_workspaces, read_workspace
from pmiek.domain.workspace import Workspace
from pmiek.programme.diff import (
    EXPLAINED_COLUMNS,
    INPUT_DIFF_COLUMNS,
    RESULT_DIFF_COLUMNS,
    changes_for,
    diff_summary,
    explain_diff,
    input_diff,
    result_diff,
    touching,
)


@pytest.fixture(scope="module")
def example() -> Workspace:
    return read_workspace("example").workspace


@pytest.fixture(scope="module")
def utrecht() -> Workspace:
    return read_workspace("utrecht").workspace


@pytest.fixture(scope="module")
def csv() -> dict[str, pd.DataFrame]:
    folder = Path(embedded_workspaces()["example"])
    return {name: pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False)
            for name in ("assets", "developments", "projects", "project_effects", "resources")}


def herijking(ws: Workspace, development: str, year: int, operator: str,
              budget: float) -> Workspace:
    """``ws`` without ``development`` and with ``operator``'s budget in ``year`` set."""
    resources = ws.resources.copy()
    row = (resources["year"] == year) & (resources["operator"] == operator)
    assert row.sum() == 1
    resources.loc[row, "budget_meur"] = budget
    developments = ws.developments[ws.developments["id"] != development]
    return ws.with_tables(developments=developments, resources=resources)


def as_set(diff: pd.DataFrame) -> set[tuple[str, str, str]]:
    return set(zip(diff["table"], diff["row_id"], diff["change"], strict=True))


# --- input diff --------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["example", "utrecht"])
def test_a_herijking_names_exactly_the_changed_rows(name: str, request: pytest.FixtureRequest
                                                    ) -> None:
    ws: Workspace = request.getfixturevalue(name)
    development = str(ws.developments["id"].iloc[len(ws.developments) // 2])
    last = ws.resources.iloc[-1]
    year, operator, budget = int(last["year"]), str(last["operator"]), float(last["budget_meur"])
    new = herijking(ws, development, year, operator, budget * 0.5)
    diff = input_diff(ws, new)
    assert list(diff.columns) == INPUT_DIFF_COLUMNS
    assert as_set(diff) == {("developments", development, "removed"),
                            ("resources", f"{year}|{operator}", "changed")}
    changed = diff[diff["change"] == "changed"].iloc[0]
    assert changed["columns"] == "budget_meur"
    assert changed["before"] == f"budget_meur={budget:g}"
    assert changed["after"] == f"budget_meur={budget * 0.5:g}"
    removed = diff[diff["change"] == "removed"].iloc[0]
    assert (removed["columns"], removed["before"], removed["after"]) == ("", "", "")
    assert input_diff(ws, ws).empty
    # the other way round, the development is added back
    assert ("developments", development, "added") in as_set(input_diff(new, ws))


def test_a_profile_is_one_row_however_many_hours_change(example: Workspace) -> None:
    profiles = example.profiles.copy()
    name = str(profiles["profile_id"].iloc[-1])
    hours = profiles.index[profiles["profile_id"] == name]
    assert len(hours) == 8760
    profiles.loc[hours[100], "value"] = 1.0 - float(profiles.loc[hours[100], "value"])
    diff = input_diff(example, example.with_tables(profiles=profiles))
    assert as_set(diff) == {("profiles", name, "changed")}
    assert diff["columns"].tolist() == ["value"]
    hour = int(profiles.loc[hours[100], "hour"])
    assert diff["after"].iloc[0].startswith(f"value[{hour}]=")
    # five changed hours: three shown, the rest counted; an hour dropped is reported too
    for h in hours[200:205]:
        profiles.loc[h, "value"] = 0.25 if profiles.loc[h, "value"] != 0.25 else 0.5
    fewer = profiles.drop(index=hours[8000])
    diff = input_diff(example, example.with_tables(profiles=fewer))
    assert as_set(diff) == {("profiles", name, "changed")}
    assert diff["columns"].iloc[0] == "hour;value"
    assert diff["before"].iloc[0].startswith("rows=8760;")
    assert diff["after"].iloc[0].startswith("rows=8759;")
    assert diff["after"].iloc[0].endswith(";…(+3)")
    gone = example.profiles[example.profiles["profile_id"] != name]
    assert as_set(input_diff(example, example.with_tables(profiles=gone))) == {
        ("profiles", name, "removed")}


def resources(rows: list[tuple[int, str, float, float]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["year", "operator", "budget_meur", "fte"])
    return frame.astype({"year": "Int64", "operator": "string"}).assign(
        transformers=pd.array([2] * len(rows), dtype="Int64"))


def test_added_removed_changed_nan_and_tolerance() -> None:
    nan = float("nan")
    old = Workspace(resources=resources([
        (2026, "A", 100.0, 10.0), (2027, "A", nan, 10.0), (2028, "A", 1e6, 1.0),
        (2029, "A", 3.0, 1.0), (2026, "B", 5.0, 5.0)]))
    new = Workspace(resources=resources([
        (2026, "A", 100.0 * (1 + 1e-12), 10.0),  # within the tolerance
        (2027, "A", nan, 10.0),                  # NaN equals NaN
        (2028, "A", 1e6 * (1 + 1e-6), 2.0),      # beyond it, and fte too
        (2029, "A", nan, 1.0),                   # a value became missing
        (2030, "B", 5.0, 5.0)]))
    diff = input_diff(old, new)
    assert diff[["row_id", "change", "columns"]].values.tolist() == [
        ["2026|B", "removed", ""], ["2028|A", "changed", "budget_meur;fte"],
        ["2029|A", "changed", "budget_meur"], ["2030|B", "added", ""]]
    assert diff["before"].tolist()[1:3] == ["budget_meur=1000000;fte=1", "budget_meur=3"]
    assert diff["after"].tolist()[2] == "budget_meur="
    assert (diff["table"] == "resources").all()


def test_geometry_and_text_compare_exactly(example: Workspace) -> None:
    assets = example.assets.copy()
    assets["geometry"] = [None if g is None else shapely.from_wkt(shapely.to_wkt(g))
                          for g in assets["geometry"]]  # equal copies, not the same objects
    assert input_diff(example, example.with_tables(assets=assets)).empty
    first, second = str(assets["id"].iloc[0]), str(assets["id"].iloc[1])
    assets.loc[0, "geometry"] = shapely.Point(1.0, 2.0)
    assets.loc[1, "parent_id"] = pd.NA
    diff = input_diff(example, example.with_tables(assets=assets))
    assert diff[["row_id", "columns"]].values.tolist() == sorted(
        [[first, "geometry"], [second, "parent_id"]])
    assert "geometry=POINT (1 2)" in diff["after"].tolist()


def test_the_diff_follows_the_contract_order(example: Workspace) -> None:
    new = herijking(example, "D-DC", 2027, "Stedin", 10.0)
    projects = example.projects.copy()
    projects.loc[0, "capex_meur"] = 1.0
    diff = input_diff(example, new.with_tables(projects=projects))
    assert diff["table"].tolist() == ["developments", "projects", "resources"]


# --- result diff -------------------------------------------------------------------------


def priority(rows: list[tuple[int, str, int, int]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["priority", "project_id", "tier", "in_service_year"])
    return frame.assign(name=frame["project_id"].str.lower(), context=False)


def test_result_diff_finds_every_kind_and_omits_the_unchanged() -> None:
    old = priority([(1, "A", 1, 2030), (2, "B", 1, 2031), (3, "C", 2, 2032), (4, "D", 3, 2033)])
    new = priority([(1, "A", 1, 2030), (2, "C", 1, 2034), (3, "B", 1, 2031), (4, "E", 3, 2033)])
    diff = result_diff(old, new)
    assert list(diff.columns) == RESULT_DIFF_COLUMNS
    got = set(zip(diff["project_id"], diff["change"], strict=True))
    assert got == {("C", "rank"), ("C", "tier"), ("C", "year"), ("B", "rank"), ("E", "added"),
                   ("D", "dropped")}
    c = diff[diff["project_id"] == "C"].iloc[0]
    assert (c["old_tier"], c["new_tier"], c["old_in_service_year"], c["new_in_service_year"],
            c["old_priority"], c["new_priority"]) == (2, 1, 2032, 2034, 3, 2)
    e = diff[diff["project_id"] == "E"].iloc[0]
    assert pd.isna(e["old_priority"]) and e["new_priority"] == 4 and e["name"] == "e"
    assert diff["project_id"].iloc[-1] == "D"  # dropped projects come last
    assert result_diff(old, old).empty


def test_the_fixed_context_is_not_compared() -> None:
    old = priority([(1, "A", 1, 2030), (1, "X", 3, 2030)])
    old.loc[1, "context"] = True
    new = priority([(1, "A", 1, 2030)])
    assert result_diff(old, new).empty


# --- touching and explaining ---------------------------------------------------------------


def ancestors_or_self(asset: str, assets: pd.DataFrame) -> list[str]:
    parent = dict(zip(assets["id"], assets["parent_id"], strict=True))
    chain = [asset]
    while parent.get(chain[-1], ""):
        chain.append(parent[chain[-1]])
    return chain


def touched_by_development(dev: str, csv: dict[str, pd.DataFrame]) -> set[str]:
    """The projects with an effect on the development's asset or one above it."""
    asset = csv["developments"].set_index("id").loc[dev, "asset_id"]
    above = ancestors_or_self(asset, csv["assets"])
    effects = csv["project_effects"]
    return set(effects.loc[effects["asset_id"].isin(above), "project_id"])


def test_touching_follows_the_tables(example: Workspace, csv: dict[str, pd.DataFrame]) -> None:
    found = touching(example)
    rows = {(p, t, r) for p, t, r in found.itertuples(index=False)}
    for dev in csv["developments"]["id"]:
        linked = {p for p, t, r in rows if (t, r) == ("developments", dev)}
        assert linked == touched_by_development(dev, csv), dev
    for project, operator in zip(csv["projects"]["id"], csv["projects"]["operator"],
                                 strict=True):
        mine = {r for p, t, r in rows if p == project and t == "resources"}
        of_operator = csv["resources"][csv["resources"]["operator"] == operator]
        assert mine == {f"{y}|{operator}" for y in of_operator["year"]}
        assert (project, "projects", project) in rows
    # P-HTN-O re-parents its station under ODR150: the new parent touches it, its own
    # ancestors do not
    assert ("P-HTN-O", "assets", "ODR150") in rows
    top = csv["assets"].loc[csv["assets"]["parent_id"] == "", "id"]
    assert not {(p, r) for p, t, r in rows if t == "assets" and r in set(top)}
    # requires is followed both ways
    assert ("P-ODR", "projects", "P-LW-MS") in rows and ("P-LW-MS", "projects", "P-ODR") in rows


def test_touching_survives_a_cycle(example: Workspace) -> None:
    assets = example.assets.copy()
    assets.loc[assets["id"] == "BKK380", "parent_id"] = "ODR150"  # ODR150 → BKK380 → ODR150
    found = touching(example.with_tables(assets=assets))
    assert ("P-ODR", "assets", "LWD150") in set(found.itertuples(index=False))


def test_explain_links_changes_to_projects(example: Workspace,
                                           csv: dict[str, pd.DataFrame]) -> None:
    dev, year, operator = "D-DC", 2027, "Stedin"
    new = herijking(example, dev, year, operator, 5.0)
    operator_of = dict(zip(csv["projects"]["id"], csv["projects"]["operator"], strict=True))
    by_dev = touched_by_development(dev, csv)
    by_budget = {p for p, o in operator_of.items() if o == operator}
    # a project of another operator than Stedin that the removed development loads, a Stedin
    # project it does not load, and a project touched by neither
    via_dev = sorted(by_dev - by_budget)[0]
    via_budget = sorted(by_budget - by_dev)[0]
    untouched = sorted(set(operator_of) - by_dev - by_budget)[0]
    assert (via_dev, via_budget, untouched) == ("P-UTN", "P-BAT", "P-ODR")
    old_list = priority([(1, via_dev, 1, 2030), (2, via_budget, 2, 2030), (3, untouched, 2, 2031)])
    new_list = priority([(1, via_dev, 2, 2030), (2, untouched, 2, 2031), (3, via_budget, 2, 2030)])
    raw = explain_diff(example, new, old_list, new_list)
    assert list(raw.columns) == EXPLAINED_COLUMNS
    explained = raw.set_index(["project_id", "change"])
    assert set(explained.index) == {(via_dev, "tier"), (via_budget, "rank"), (untouched, "rank")}
    assert explained.loc[(via_dev, "tier"), "because"] == f"developments:{dev}"
    assert explained.loc[(via_budget, "rank"), "because"] == f"resources:{year}|{operator}"
    assert explained.loc[(untouched, "rank"), "because"] == ""
    assert explained["reason"].to_dict() == {(via_dev, "tier"): "invoer",
                                             (via_budget, "rank"): "invoer",
                                             (untouched, "rank"): "herschikking"}
    assert explained.loc[(via_dev, "tier"), "why"] == (
        f"Tier 1 → 2: raakt ontwikkelingen:{dev} (verwijderd)")
    assert "herschikking" in explained.loc[(untouched, "rank"), "why"]
    english = explain_diff(example, new, old_list, new_list, lang="en")
    assert english["why"].iloc[0] == f"Tier 1 → 2: touches developments:{dev} (removed)"
    # a development added in the new edition touches its project through the new workspace
    assert explain_diff(new, example, new_list, old_list)["because"].iloc[0] == (
        f"developments:{dev}")


def test_summary_counts(example: Workspace) -> None:
    new = herijking(example, "D-DC", 2027, "Stedin", 5.0)
    changes = input_diff(example, new)
    result = result_diff(priority([(1, "A", 1, 2030), (2, "B", 1, 2030)]),
                         priority([(1, "B", 2, 2030), (2, "C", 1, 2030)]))
    summary = diff_summary(changes, result)
    assert summary["input"] == {"developments": {"removed": 1}, "resources": {"changed": 1}}
    assert summary["input_rows"] == 2 and summary["projects"] == 3
    assert summary["result"] == {"added": 1, "dropped": 1, "tier": 1, "year": 0, "rank": 1}
    assert "reasons" not in summary


def test_changes_for_links_consultation_points(example: Workspace) -> None:
    changes = input_diff(example, herijking(example, "D-DC", 2027, "Stedin", 5.0))
    refs = pd.Series(["developments:D-DC", "developments:D-DC; resources:2027|Stedin", "",
                      "developments:D-MKZ", None, "developments:D-DC;developments:D-MKZ"],
                     index=[3, 3, 4, 5, 6, 7])
    assert changes_for(changes, refs).tolist() == [True, True, False, False, False, False]
    assert changes_for(changes, refs).index.tolist() == [3, 3, 4, 5, 6, 7]


# --- end to end ------------------------------------------------------------------------------


def truly_touches(project: str, table: str, row_id: str, workspaces: list[Workspace]) -> bool:
    """Checked on the tables directly: a development below an asset the project relieves,
    or a resources row of the project's operator."""
    for ws in workspaces:
        projects = ws.projects.set_index("id")
        effects = ws.project_effects[ws.project_effects["project_id"] == project]
        if table == "resources":
            return row_id.split("|")[1] == projects.loc[project, "operator"]
        if table == "developments" and row_id in set(ws.developments["id"]):
            asset = ws.developments.set_index("id").loc[row_id, "asset_id"]
            above = ancestors_or_self(asset, ws.assets.fillna({"parent_id": ""}))
            if set(effects["asset_id"]) & set(above):
                return True
    return False


@pytest.mark.slow
def test_a_real_herijking_is_explained(example: Workspace) -> None:
    from pmiek.adapters.files.lenses import load_lenses
    from pmiek.assessment import WeightChoice, appraise
    from pmiek.variants import SolverOptions, design_variants

    def listed(ws: Workspace) -> pd.DataFrame:
        made = design_variants(ws, load_lenses("evenwichtig,wonen-eerst"), None,
                               options=SolverOptions(time_limit=60), baseline=False)
        appraised = appraise(ws, made, weights=WeightChoice(samples=50, seed=1),
                             options=SolverOptions(time_limit=30))
        return appraised.to_frames()["priority_list"]

    new = herijking(example, "D-DC", 2027, "Stedin", 5.0)
    assert as_set(input_diff(example, new)) == {("developments", "D-DC", "removed"),
                                                ("resources", "2027|Stedin", "changed")}
    old_list, new_list = listed(example), listed(new)
    explained = explain_diff(example, new, old_list, new_list)
    changed = result_diff(old_list, new_list)
    assert explained[RESULT_DIFF_COLUMNS].equals(changed)
    linked = explained["because"] != ""
    assert (explained["reason"] == np.where(linked, "invoer", "herschikking")).all()
    for project, because in zip(explained["project_id"], explained["because"], strict=True):
        for ref in filter(None, because.split(";")):
            table, row_id = ref.split(":", 1)
            assert truly_touches(project, table, row_id, [example, new]), (project, ref)


def test_points_for_links_each_changed_row_to_the_points_that_promised_it() -> None:
    from pmiek.programme.diff import points_for

    changes = pd.DataFrame({"table": ["developments", "resources", "projects"],
                            "row_id": ["D-1", "2027|Stedin", "P-9"]})
    points = pd.DataFrame({"number": ["ZW-1", "ZW-1", "ZW-2"], "point": [1, 2, 1],
                           "change_ref": ["developments:D-1", "",
                                          "resources:2027|Stedin; developments:D-1"]})
    assert points_for(changes, points).tolist() == ["ZW-1.1;ZW-2.1", "ZW-2.1", ""]
    assert points_for(changes, points.iloc[0:0]).tolist() == ["", "", ""]
