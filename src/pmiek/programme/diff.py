"""The edition diff: what changed in the inputs, what changed in the priority list, and why.

:func:`input_diff` compares two workspaces table by table on each table's key
(:attr:`pmiek.domain.schema.Table.key`): rows added, removed and changed, with the names of the
changed columns and their values before and after. A profile is reported as one row per
profile id, not per hour. :func:`result_diff` compares two priority lists
(:func:`pmiek.assessment.priority.priority_list`): projects added or dropped, and tier,
in-service year and rank (``priority``) changes, one row per kind of change.
:func:`explain_diff` links each result change to the changed input rows that touch the project
(:func:`touching`); a change that no changed input touches is a re-optimisation
(*herschikking*): other projects moved.

What touches a project (:func:`touching`, per workspace; :func:`explain_diff` takes both):

- its own ``projects`` row and its ``project_effects`` rows;
- the assets it relieves (its effects' ``asset_id``) and every asset below them
  (``assets.parent_id``, downward: loads aggregate upward, so what is connected below a relieved
  asset loads it), and the new parent of a re-parenting effect (``new_parent_id``) itself.
  Ancestors are not included: a project's need is decided on the capacity rows it relieves;
- the ``developments`` connected to any of those assets (``asset_id``, or ``coupled_asset_id``
  for a conversion), the ``unit_parameters`` row of their sector, carrier and unit and the
  ``profiles`` they use (their own, or their unit parameter's);
- the ``choice_rules`` that route load onto those assets (``to_asset``) or select those
  developments by id (``development_ids``);
- the ``resources`` rows of its operator (every year);
- the projects it requires or excludes, and those that require or exclude it (the relation is
  symmetric: either side changes the other's schedule), with their ``projects`` and
  ``project_effects`` rows.

Tables that act on everything (areas, scenarios, scenario factors and parameters, criteria) touch
no project in particular; a change that only they explain shows as *herschikking*.
Re-parenting by another project's effect is not followed.

Pure: frames in, frames out; loops run over tables and columns, never over rows.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pmiek.domain.labels import label, language
from pmiek.domain.workspace import Workspace
from pmiek.programme.diff_inputs import (
    INPUT_CHANGES,
    INPUT_DIFF_COLUMNS,
    TABLE_ORDER,
    as_text,
    input_diff,
    row_ids,
    same_values,
)

__all__ = ["EXPLAINED_COLUMNS", "INPUT_CHANGES", "INPUT_DIFF_COLUMNS", "REASONS",
           "RESULT_CHANGES", "RESULT_DIFF_COLUMNS", "TOUCHING_COLUMNS", "changes_for",
           "diff_summary", "explain_diff", "input_diff", "points_for", "result_diff", "row_ids",
           "touching"]

RESULT_DIFF_COLUMNS = ["project_id", "name", "change", "old_tier", "new_tier",
                       "old_in_service_year", "new_in_service_year", "old_priority",
                       "new_priority"]
EXPLAINED_COLUMNS = [*RESULT_DIFF_COLUMNS, "because", "reason", "why"]
TOUCHING_COLUMNS = ["project_id", "table", "row_id"]
RESULT_CHANGES = ("added", "dropped", "tier", "year", "rank")
REASONS = ("invoer", "herschikking")


def _ids(values: pd.Series) -> pd.Series:
    return as_text(values).str.strip()


def _pairs(left: pd.Series, right: pd.Series, names: tuple[str, str]) -> pd.DataFrame:
    out = pd.DataFrame({names[0]: _ids(left).to_numpy(), names[1]: _ids(right).to_numpy()})
    return out[(out[names[0]] != "") & (out[names[1]] != "")].drop_duplicates()


def _listed(ids: pd.Series, lists: pd.Series, names: tuple[str, str]) -> pd.DataFrame:
    """(id, member) for every member of a ";"-separated list."""
    split = as_text(lists).str.split(";")
    out = pd.DataFrame({"id": _ids(ids).to_numpy(), "member": split.to_numpy()})
    out = out.explode("member")
    return _pairs(out["id"], out["member"].fillna(""), names)


def _below(assets: pd.DataFrame) -> pd.DataFrame:
    """(ancestor, asset): every asset at or below each asset, by ``parent_id`` (one merge per
    level; a cycle stops when it adds nothing new)."""
    ids = _ids(assets["id"])
    step = _pairs(assets["parent_id"], assets["id"], ("parent", "child"))
    found = pd.DataFrame({"ancestor": ids, "asset": ids}).drop_duplicates()
    frontier = found
    for _ in range(len(assets)):
        nxt = frontier.merge(step, left_on="asset", right_on="parent")[["ancestor", "child"]]
        nxt = nxt.rename(columns={"child": "asset"}).drop_duplicates()
        nxt = nxt.merge(found, how="left", indicator=True)
        frontier = nxt[nxt["_merge"] == "left_only"][["ancestor", "asset"]]
        if frontier.empty:
            break
        found = pd.concat([found, frontier], ignore_index=True)
    return found


def _rows(project_of: pd.DataFrame, on: str, frame: pd.DataFrame, column: str,
          name: str) -> pd.DataFrame:
    """(project_id, table, row_id) for the rows of ``frame`` whose ``column`` matches
    ``project_of[on]``."""
    rows = pd.DataFrame({"_match": _ids(frame[column]).to_numpy(),
                         "row_id": row_ids(name, frame).to_numpy()})
    hit = project_of.merge(rows, left_on=on, right_on="_match")
    return pd.DataFrame({"project_id": hit["project_id"], "table": name, "row_id": hit["row_id"]})


def touching(workspace: Workspace) -> pd.DataFrame:
    """The input rows that touch each project (the module docstring says which), as
    (project_id, table, row_id) with the row ids of :func:`input_diff`."""
    ws = workspace
    projects, effects, dev = ws.projects, ws.project_effects, ws.developments
    own = _pairs(projects["id"], projects["id"], ("project_id", "id"))
    relation = pd.concat([_listed(projects["id"], projects[c], ("project_id", "id"))
                          for c in ("requires", "excludes")])
    relation = pd.concat([own, relation, relation.rename(columns={"project_id": "id",
                                                                  "id": "project_id"})])
    relieved = _pairs(effects["project_id"], effects["asset_id"], ("project_id", "asset"))
    assets = pd.concat([
        relieved.merge(_below(ws.assets), left_on="asset", right_on="ancestor")[
            ["project_id", "asset_y"]].set_axis(["project_id", "asset"], axis=1),
        relieved, _pairs(effects["project_id"], effects["new_parent_id"],
                         ("project_id", "asset"))]).drop_duplicates()
    devs = pd.concat([_rows(assets, "asset", dev, c, "developments")
                      for c in ("asset_id", "coupled_asset_id")]).drop_duplicates()
    found = [
        _rows(relation, "id", projects, "id", "projects"),
        _rows(relation, "id", effects, "project_id", "project_effects"),
        _rows(assets, "asset", ws.assets, "id", "assets"), devs,
        _rows(_pairs(projects["id"], projects["operator"], ("project_id", "operator")),
              "operator", ws.resources, "operator", "resources"),
        *_via_developments(ws, devs, assets)]
    out = pd.concat(found, ignore_index=True).drop_duplicates()
    return _ordered(out, ["project_id"])[TOUCHING_COLUMNS]


def _via_developments(ws: Workspace, devs: pd.DataFrame, assets: pd.DataFrame
                      ) -> list[pd.DataFrame]:
    """The unit parameters, profiles and choice rules behind a project's developments."""
    dev, units, rules = ws.developments, ws.unit_parameters, ws.choice_rules
    key = ["sector", "carrier", "unit"]
    mine = devs[["project_id", "row_id"]].merge(
        pd.DataFrame({"row_id": row_ids("developments", dev).to_numpy(),
                      "_unit": row_ids("unit_parameters", dev, key).to_numpy(),
                      "_profile": _ids(dev["profile"]).to_numpy()}), on="row_id")
    unit_rows = pd.DataFrame({"_unit": row_ids("unit_parameters", units).to_numpy(),
                              "_unit_profile": _ids(units["profile"]).to_numpy()})
    mine = mine.merge(unit_rows, on="_unit", how="left")
    mine["profile"] = mine["_profile"].where(mine["_profile"] != "", mine["_unit_profile"])
    found = mine.dropna(subset=["_unit_profile"])
    profiles = mine[mine["profile"].fillna("") != ""]
    return [
        pd.DataFrame({"project_id": found["project_id"], "table": "unit_parameters",
                      "row_id": found["_unit"]}),
        pd.DataFrame({"project_id": profiles["project_id"], "table": "profiles",
                      "row_id": profiles["profile"]}),
        _rows(assets, "asset", rules, "to_asset", "choice_rules"),
        _rows(devs.rename(columns={"row_id": "dev"}), "dev", _explode_rules(rules),
              "development_ids", "choice_rules")]


def _explode_rules(rules: pd.DataFrame) -> pd.DataFrame:
    out = rules.assign(development_ids=as_text(rules["development_ids"]).str.split(";"))
    out = out.explode("development_ids")
    return out.assign(development_ids=out["development_ids"].str.strip())


def _ordered(frame: pd.DataFrame, first: list[str]) -> pd.DataFrame:
    """Sorted by ``first``, the tables of the contract, then row id."""
    order = frame["table"].map(TABLE_ORDER).fillna(len(TABLE_ORDER))
    return (frame.assign(_order=order).sort_values([*first, "_order", "row_id"], kind="stable")
            .drop(columns="_order").reset_index(drop=True))


_COMPARED = {"tier": "tier", "year": "in_service_year", "rank": "priority"}
"""Kind of result change → the priority-list column it compares."""


def _the_list(priority: pd.DataFrame) -> pd.DataFrame:
    """The listed projects (the fixed context of a hotspot run is numbered apart and left
    out), one row per project, with the compared columns."""
    listed = priority
    if "context" in priority:
        listed = priority[~priority["context"].fillna(False).astype(bool)]
    out = pd.DataFrame({"project_id": as_text(listed["project_id"]),
                        "name": as_text(listed["name"]) if "name" in listed else ""})
    for column in _COMPARED.values():
        out[column] = pd.array(listed[column], dtype="Int64") if len(listed) else \
            pd.array([], dtype="Int64")
    return out.drop_duplicates("project_id").reset_index(drop=True)


def result_diff(old_priority: pd.DataFrame, new_priority: pd.DataFrame) -> pd.DataFrame:
    """How the priority list changed: one row per project and kind of change (a project whose
    tier and rank both changed has two rows), columns :data:`RESULT_DIFF_COLUMNS`.

    ``change``: ``added`` (on the new list only), ``dropped`` (on the old list only),
    ``tier``, ``year`` (``in_service_year``), ``rank`` (``priority``). Unchanged projects are
    not listed. Ordered by new rank (dropped projects after, by old rank), then kind."""
    m = _the_list(old_priority).merge(_the_list(new_priority), on="project_id", how="outer",
                                      suffixes=("_old", "_new"), indicator=True)
    side = m["_merge"].astype(str)
    masks = {"added": (side == "right_only").to_numpy(),
             "dropped": (side == "left_only").to_numpy()}
    for kind, column in _COMPARED.items():
        masks[kind] = (side == "both").to_numpy() & ~same_values(m[f"{column}_old"],
                                                                  m[f"{column}_new"])
    found = pd.concat([m[mask].assign(change=kind, _kind=i)
                       for i, (kind, mask) in enumerate(masks.items())], ignore_index=True)
    found = found.sort_values(["priority_new", "priority_old", "project_id", "_kind"],
                              na_position="last", kind="stable")
    return pd.DataFrame({
        "project_id": found["project_id"],
        "name": found["name_new"].where(found["name_new"].notna(), found["name_old"]),
        "change": found["change"],
        **{f"{age}_{name}": found[f"{column}_{age}"]
           for name, column in (("tier", "tier"), ("in_service_year", "in_service_year"),
                                ("priority", "priority")) for age in ("old", "new")},
    })[RESULT_DIFF_COLUMNS].reset_index(drop=True)


_WORDS = {
    "added": ("Nieuw op de lijst (rang {new_priority}, tier {new_tier})",
              "New on the list (rank {new_priority}, tier {new_tier})"),
    "dropped": ("Van de lijst (was rang {old_priority}, tier {old_tier})",
                "Dropped from the list (was rank {old_priority}, tier {old_tier})"),
    "tier": ("Tier {old_tier} → {new_tier}", "Tier {old_tier} → {new_tier}"),
    "year": ("In bedrijf {old_in_service_year} → {new_in_service_year}",
             "In service {old_in_service_year} → {new_in_service_year}"),
    "rank": ("Rang {old_priority} → {new_priority}", "Rank {old_priority} → {new_priority}"),
    "touches": ("raakt", "touches"),
    "herschikking": ("herschikking: geen gewijzigde invoer raakt dit project",
                     "re-optimisation (herschikking): no changed input touches this project"),
    "added_row": ("toegevoegd", "added"), "removed_row": ("verwijderd", "removed"),
    "changed_row": ("gewijzigd", "changed"),
}


def _word(key: str, lang: str) -> str:
    return _WORDS[key][0 if language(lang) == "nl" else 1]


def _links(touched: pd.DataFrame, changes: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Per project the changed input rows that touch it: ``because`` ("table:row_id;…") and
    the same in words (``links``)."""
    hit = touched.merge(changes[["table", "row_id", "change"]].drop_duplicates(),
                        on=["table", "row_id"])
    hit = _ordered(hit, ["project_id"])
    word = {t: label("table", t, lang) for t in hit["table"].unique()}
    change = {c: _word(f"{c}_row", lang) for c in INPUT_CHANGES}
    hit["ref"] = hit["table"] + ":" + hit["row_id"]
    hit["said"] = (hit["table"].map(word) + ":" + hit["row_id"] + " ("
                   + hit["change"].map(change) + ")")
    return hit.groupby("project_id", sort=False).agg(
        because=("ref", ";".join), links=("said", ", ".join)).reset_index()


def explain_diff(old_ws: Workspace, new_ws: Workspace, old_priority: pd.DataFrame,
                 new_priority: pd.DataFrame, *, lang: str = "nl",
                 input_changes: pd.DataFrame | None = None) -> pd.DataFrame:
    """:func:`result_diff` with why (columns :data:`EXPLAINED_COLUMNS`).

    ``because``: the changed input rows (:func:`input_diff`, or ``input_changes`` when given)
    that touch the project in the old or the new workspace (:func:`touching`), as
    ";"-joined ``table:row_id``; ``reason``: ``invoer`` when there is one, ``herschikking``
    (other projects moved) when there is none; ``why``: one sentence in ``lang``."""
    changes = input_diff(old_ws, new_ws) if input_changes is None else input_changes
    touched = pd.concat([touching(old_ws), touching(new_ws)]).drop_duplicates()
    found = result_diff(old_priority, new_priority).merge(
        _links(touched, changes, lang), on="project_id", how="left")
    found["because"] = found["because"].fillna("").astype(object)
    linked = (found["because"] != "").to_numpy()
    found["reason"] = np.where(linked, REASONS[0], REASONS[1])
    head = [_word(str(kind), lang).format(**{k: _shown(v) for k, v in row.items()})
            for kind, row in zip(found["change"], found[RESULT_DIFF_COLUMNS].to_dict("records"),
                                 strict=True)]  # one sentence per changed project
    tail = np.where(linked, _word("touches", lang) + " " + found["links"].fillna(""),
                    _word("herschikking", lang))
    found["why"] = [f"{h}: {t}" for h, t in zip(head, tail, strict=True)]
    return found[EXPLAINED_COLUMNS]


def _shown(value: object) -> str:
    return "–" if value is None or value is pd.NA or value != value else str(value)


def diff_summary(input_changes: pd.DataFrame, result_changes: pd.DataFrame
                 ) -> dict[str, object]:
    """Counts: ``input`` {table: {added/removed/changed: n}}, ``input_rows``, ``result``
    {kind: n}, ``projects`` (distinct projects with a result change) and, for an explained
    diff, ``reasons`` {invoer/herschikking: n rows}."""
    per_table = input_changes.groupby(["table", "change"], sort=False).size()
    summary: dict[str, object] = {
        "input": {t: {c: int(n) for (tt, c), n in per_table.items() if tt == t}
                  for t in dict.fromkeys(input_changes["table"])},
        "input_rows": len(input_changes),
        "result": {k: int((result_changes["change"] == k).sum()) for k in RESULT_CHANGES},
        "projects": int(result_changes["project_id"].nunique()),
    }
    if "reason" in result_changes:
        summary["reasons"] = {r: int((result_changes["reason"] == r).sum()) for r in REASONS}
    return summary


def changes_for(input_changes: pd.DataFrame, change_refs: pd.Series) -> pd.Series:
    """For each ";"-separated list of ``table:row_id`` references (a zienswijze point's
    ``change_ref``), whether every one of them is a row of ``input_changes``; False for an
    empty list."""
    known = set(input_changes["table"] + ":" + input_changes["row_id"])
    refs = as_text(change_refs).reset_index(drop=True).str.split(";").explode().str.strip()
    refs = refs[refs != ""]
    present = refs.isin(known).groupby(level=0).all()
    found = present.reindex(range(len(change_refs)), fill_value=False).to_numpy(dtype=bool)
    return pd.Series(found, index=change_refs.index, dtype=bool)


def points_for(input_changes: pd.DataFrame, points: pd.DataFrame) -> pd.Series:
    """For each changed input row, the zienswijze points (``number.point``, ";"-joined)
    whose change leads to it (their ``change_ref`` names ``table:row_id``), "" for none: the
    link from the Nota's list of changes to the diff."""
    keys = (input_changes["table"] + ":" + input_changes["row_id"]).reset_index(drop=True)
    if not len(points):
        return pd.Series("", index=input_changes.index, dtype=object)
    labels = as_text(points["number"]) + "." + as_text(points["point"])
    refs = pd.DataFrame({"label": labels.to_numpy(),
                         "ref": as_text(points["change_ref"]).str.split(";").to_numpy()})
    refs = refs.explode("ref")
    refs["ref"] = refs["ref"].astype(str).str.strip()
    joined = refs[refs["ref"] != ""].groupby("ref", sort=False)["label"].agg(";".join)
    return pd.Series(keys.map(joined).fillna("").to_numpy(), index=input_changes.index,
                     dtype=object)
