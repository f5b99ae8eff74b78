"""The intake round: who delivers which rows, and what a return changes.

An intake round asks every municipality for its developments and every grid operator for its
assets, projects (with their effects) and resources, in one workbook each, and merges what
comes back. Who owns a row — its *submitter* — follows from the data:

- a development belongs to the municipality its ``area_id`` lies in: that area when it is a
  municipality, else the nearest enclosing municipality along ``areas.parent_id`` (a hotspot
  inside Utrecht belongs to Utrecht);
- an asset, a project and a resource row belong to their ``operator``; a project effect to the
  operator of its project.

A return is compared with the rows its workbook was prepared from (the *base*) and with the
workspace as it is now (the *current* version), row by row on the table's key
(:func:`diff_return`). Each returned or missing row gets a status:

- ``new``: its key is in neither; ``changed``: it differs from the row the submitter was given
  (or, for a key the submitter was not given, from the current row); ``unchanged``;
- ``removed``: a row of the base that the return no longer holds (and that still exists).

A new, changed or removed row is in *conflict* — it enters only when accepted explicitly —
when it is (:data:`CONFLICTS`, in this order):

- ``duplicate``: two returns bring the same key (:func:`with_duplicates`);
- ``collision``: its key is an existing row of someone else;
- ``stale``: the row the submitter was given has changed (or gone) in the workspace since the
  workbook was prepared;
- ``outside``: the row lies outside the submitter's own area or operator.

:func:`apply` writes the accepted rows into the current workspace: a changed row replaces the
row of its key where it stands, a removed row goes, new rows are appended, so that the row
numbers of everything else stay. Every step is a vector operation on the tables (merges on the
keys, column-wise comparisons); nothing loops over rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely

from pmiek.domain.arrays import Bools, Ints, Objects
from pmiek.domain.coerce import row_ids
from pmiek.domain.schema import Dtype, Table
from pmiek.domain.tables import table
from pmiek.domain.workspace import Workspace

MUNICIPALITY, OPERATOR = "municipality", "operator"
"""The kinds of submitter."""

SUBMITTER_TABLES: dict[str, tuple[str, ...]] = {
    MUNICIPALITY: ("developments",),
    OPERATOR: ("assets", "projects", "project_effects", "resources"),
}
"""The tables each kind of submitter delivers."""

STATUSES = ("new", "changed", "removed", "unchanged")
"""What a return does to a row."""

CONFLICTS = ("duplicate", "collision", "stale", "outside")
"""Why a row waits for explicit acceptance, in the order they are listed."""

ACTIVE = ("new", "changed", "removed")
"""The statuses that change the workspace."""

CHANGE_COLUMNS = ("return_number", "submitter", "table", "row_id", "status", "conflict",
                  "columns", "position")
"""The columns of a table of changes (:func:`diff_return`): the return's number, its
submitter, the table and key of the row, its status, its conflicts (comma-separated, empty
for none), the columns that changed (comma-separated) and its position in the returned table
(−1 for a removed row)."""


PROVENANCE_COLUMNS = ("table", "row_id", "submitter", "submitter_kind", "action",
                      "file_name", "sha256", "received_at")
"""The record of where a row of a merged version came from: its table and key, the
submitter (and its kind), what the return did with it (a status), the return's file name and
SHA-256, and when it was received."""


@dataclass(frozen=True)
class Submitter:
    """Who fills in one workbook: a municipality (``id`` its area id) or an operator (``id``
    its name as written in ``operator``)."""

    id: str
    kind: str
    name: str

    @property
    def tables(self) -> tuple[str, ...]:
        """The tables this submitter delivers."""
        return SUBMITTER_TABLES[self.kind]


def submitters(workspace: Workspace) -> list[Submitter]:
    """Every municipality (in the order of ``areas``) and every operator named in ``assets``,
    ``projects`` or ``resources`` (alphabetically)."""
    areas = workspace.areas
    towns = areas[(areas["kind"] == "municipality").fillna(False).to_numpy(dtype=bool)]
    towns = towns.drop_duplicates("id")
    named = pd.concat([workspace.table(t)["operator"] for t in ("assets", "projects",
                                                               "resources")]).dropna()
    return ([Submitter(str(i), MUNICIPALITY, str(n)) for i, n in
             zip(towns["id"], towns["name"].fillna(towns["id"]), strict=True)]
            + [Submitter(str(o), OPERATOR, str(o)) for o in sorted(pd.unique(named))])


def municipality_of_areas(areas: pd.DataFrame) -> pd.Series:
    """Per area id, the municipality it lies in (itself for a municipality; ``None`` for an
    area above or outside every municipality). Walks up ``parent_id`` one level per step for
    all areas at once; a cycle stops after as many steps as there are areas."""
    unique = areas.drop_duplicates("id")
    ids = unique["id"].to_numpy(dtype=object, na_value=None)
    is_town = (unique["kind"] == "municipality").fillna(False).to_numpy(dtype=bool)
    owner = ids.copy()
    owner[~is_town] = None
    parent = pd.Index(ids).get_indexer(unique["parent_id"].to_numpy(dtype=object,
                                                                     na_value=None))
    pointer = parent.copy()
    for _ in range(len(ids)):
        todo = pd.isna(owner) & (pointer >= 0)
        if not todo.any():
            break
        owner[todo] = owner[pointer[todo]]
        pointer[todo] = parent[pointer[todo]]
    return pd.Series(owner, index=pd.Index(ids, dtype=object), dtype=object)


def owners(workspace: Workspace, name: str, frame: pd.DataFrame | None = None) -> Objects:
    """The submitter id of every row of ``frame`` (default: the workspace's table ``name``),
    ``None`` where no one owns it. Areas and projects are looked up in ``workspace``."""
    rows = workspace.table(name) if frame is None else frame
    if name == "developments":
        towns = municipality_of_areas(workspace.areas)
        return _lookup(towns, rows["area_id"])
    if name == "project_effects":
        projects = workspace.projects.drop_duplicates("id")
        operators = pd.Series(projects["operator"].to_numpy(dtype=object, na_value=None),
                              index=pd.Index(projects["id"].to_numpy(dtype=object)))
        return _lookup(operators, rows["project_id"])
    return np.asarray(rows["operator"].to_numpy(dtype=object, na_value=None), dtype=object)


def _lookup(mapping: pd.Series, keys: pd.Series) -> Objects:
    """``mapping[key]`` for every key (``None`` for a key it lacks or a missing key)."""
    at = mapping.index.get_indexer(keys.to_numpy(dtype=object, na_value=None))
    values = mapping.to_numpy(dtype=object)
    out = np.full(len(keys), None, dtype=object)
    out[at >= 0] = values[at[at >= 0]]
    return out


def partition(workspace: Workspace, submitter: Submitter) -> dict[str, pd.DataFrame]:
    """The rows of ``submitter``, per table it delivers (index reset)."""
    out = {}
    for name in submitter.tables:
        mine = owners(workspace, name) == submitter.id
        out[name] = workspace.table(name)[mine].reset_index(drop=True)
    return out


EXISTING_GOAL = "bestaand"
"""The policy goal that marks a development as existing load (the load of the base year),
which a municipality keeps and updates instead of entering it again."""


def existing_load(developments: pd.DataFrame) -> Bools:
    """Which developments are existing load: rows whose ``policy_goals`` name
    :data:`EXISTING_GOAL`."""
    goals = developments["policy_goals"].astype("string")
    found = goals.str.contains(rf"(?:^|;)\s*{EXISTING_GOAL}\s*(?:;|$)", regex=True)
    return np.asarray(found.fillna(False).to_numpy(dtype=bool), dtype=bool)


# --- comparing rows -------------------------------------------------------------------------


def _comparable(column_dtype: Dtype, series: pd.Series) -> Objects:
    values = np.asarray(series.to_numpy(dtype=object, na_value=None), dtype=object)
    if column_dtype is Dtype.GEOMETRY and len(values):
        present = ~pd.isna(values)
        out = np.full(len(values), None, dtype=object)
        out[present] = shapely.to_wkb(values[present], hex=True)
        return out
    return values


def differences(schema: Table, left: pd.DataFrame, right: pd.DataFrame) -> pd.DataFrame:
    """Cell by cell, whether two aligned tables of ``schema`` differ (missing equals missing;
    numbers exactly; geometry by its binary form): a boolean frame with the schema's
    columns."""
    out = {}
    for column in schema.columns:
        a = _comparable(column.dtype, left[column.name])
        b = _comparable(column.dtype, right[column.name])
        missing_a, missing_b = pd.isna(a), pd.isna(b)
        with np.errstate(invalid="ignore"):
            same = np.asarray(a == b, dtype=bool) if len(a) else np.zeros(0, dtype=bool)
        out[column.name] = ~((missing_a & missing_b) | (~missing_a & ~missing_b & same))
    return pd.DataFrame(out, index=range(len(left)))


def _changed_columns(diff: pd.DataFrame) -> Objects:
    """The names of the differing columns of every row, comma-separated."""
    text = pd.Series("", index=diff.index, dtype=object)
    for name in diff.columns:
        text = text + np.where(diff[name].to_numpy(), f"{name},", "")
    return np.asarray(text.str.rstrip(",").to_numpy(dtype=object), dtype=object)


def _rows_at(frame: pd.DataFrame, positions: Ints) -> pd.DataFrame:
    """The rows of ``frame`` at ``positions``, index reset; a position of −1 gives some row
    (its comparison is not used), an empty ``frame`` empty rows."""
    if not len(frame):
        return frame.reindex(range(len(positions))).reset_index(drop=True)
    return frame.iloc[np.maximum(positions, 0)].reset_index(drop=True)


# --- a return against its base and the current workspace -------------------------------------


def _keys(schema: Table, frame: pd.DataFrame) -> Objects:
    return np.asarray(row_ids(schema, frame).to_numpy(dtype=object, na_value=None),
                      dtype=object)


def diff_return(submitter: Submitter, returned: Mapping[str, pd.DataFrame], base: Workspace,
                current: Workspace, number: int = 0) -> pd.DataFrame:
    """The changes (:data:`CHANGE_COLUMNS`) that return ``number`` of ``submitter`` makes:
    every returned row and every row of the base it no longer holds, with status and
    conflicts (all but ``duplicate``, which needs the other returns: :func:`with_duplicates`).

    ``returned`` holds the submitter's tables as read (typed, keys unique); ``base`` is the
    workspace its workbook was prepared from, ``current`` the one the changes go into.
    """
    # the returned projects count for the owner of a returned project effect
    context = current.with_tables(projects=pd.concat(
        [returned["projects"].astype(current.projects.dtypes.to_dict()), current.projects],
        ignore_index=True) if len(returned.get("projects", ())) else current.projects)
    parts = [_diff_table(table(name), submitter, returned[name], base=base, current=current,
                         context=context)
             for name in submitter.tables]
    changes = pd.concat([p for p in parts if len(p)] or [_empty_changes()], ignore_index=True)
    changes.insert(0, "return_number", number)
    return changes


def _empty_changes() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series([], dtype=object) for c in CHANGE_COLUMNS[1:]})


def no_changes() -> pd.DataFrame:
    """A table of changes without rows."""
    return _empty_changes().assign(return_number=pd.Series([], dtype=int))[
        list(CHANGE_COLUMNS)]


def _diff_table(schema: Table, submitter: Submitter, ret: pd.DataFrame, *, base: Workspace,
                current: Workspace, context: Workspace) -> pd.DataFrame:
    name, me = schema.name, submitter.id
    given = base.table(name)[owners(base, name) == me].reset_index(drop=True)
    now = current.table(name).reset_index(drop=True)
    ret = ret.reset_index(drop=True)
    ret_keys, given_keys, now_keys = (_keys(schema, f) for f in (ret, given, now))
    in_given = pd.Index(given_keys).get_indexer(ret_keys)
    in_now = pd.Index(now_keys).get_indexer(ret_keys)
    now_owner = _lookup(pd.Series(owners(current, name, now), index=pd.Index(now_keys)),
                        pd.Series(ret_keys, dtype=object))
    # compared with the row the submitter was given, else with the current row
    against_given = differences(schema, ret, _rows_at(given, in_given))
    against_now = differences(schema, ret, _rows_at(now, in_now))
    diff = pd.DataFrame(np.where((in_given >= 0)[:, None], against_given.to_numpy(),
                                 against_now.to_numpy()), columns=against_given.columns)
    differs = diff.to_numpy().any(axis=1)
    new = (in_given < 0) & (in_now < 0)
    status = np.select([new, differs], ["new", "changed"], "unchanged")
    given_moved = _given_moved(schema, given, now, np.maximum(in_given, 0), in_now) \
        & (in_given >= 0)
    flags = {
        "collision": (in_given < 0) & (in_now >= 0) & (now_owner != me),
        "stale": given_moved,
        "outside": owners(context, name, ret) != me,
    }
    returned_rows = _frame(submitter, name, ret_keys, status, flags=flags,
                           columns=np.where(new, "", _changed_columns(diff)),
                           positions=np.arange(len(ret)))
    removed = _removed(schema, submitter, given=given, given_keys=given_keys,
                       ret_keys=ret_keys, now=now, now_keys=now_keys)
    return pd.concat([f for f in (returned_rows, removed) if len(f)] or [_empty_changes()],
                     ignore_index=True)


def _given_moved(schema: Table, given: pd.DataFrame, now: pd.DataFrame, at_given: Ints,
                 at_now: Ints) -> Bools:
    """Whether the given row of each returned row has changed or gone since."""
    if not len(at_given):
        return np.zeros(0, dtype=bool)
    moved = differences(schema, _rows_at(given, at_given), _rows_at(now, at_now))
    return np.asarray(moved.to_numpy().any(axis=1) | (at_now < 0), dtype=bool)


def _removed(schema: Table, submitter: Submitter, *, given: pd.DataFrame, given_keys: Objects,
             ret_keys: Objects, now: pd.DataFrame, now_keys: Objects) -> pd.DataFrame:
    """The given rows the return no longer holds and that still exist."""
    gone = ~pd.Index(given_keys).isin(ret_keys)
    at_now = pd.Index(now_keys).get_indexer(given_keys[gone])
    keep = at_now >= 0
    at_given = np.flatnonzero(gone)[keep]
    moved = differences(schema, _rows_at(given, at_given), _rows_at(now, at_now[keep]))
    n = len(at_given)
    flags = {"collision": np.zeros(n, dtype=bool), "stale": moved.to_numpy().any(axis=1),
             "outside": np.zeros(n, dtype=bool)}
    return _frame(submitter, schema.name, given_keys[at_given], np.full(n, "removed"),
                  flags=flags, columns=np.full(n, ""), positions=np.full(n, -1))


def _frame(submitter: Submitter, name: str, keys: Objects, status: Objects, *,
           flags: Mapping[str, Bools], columns: Objects, positions: Ints) -> pd.DataFrame:
    active = np.isin(status, ACTIVE)
    conflict = _joined({kind: flags[kind] & active for kind in CONFLICTS if kind in flags},
                       len(keys))
    return pd.DataFrame({"submitter": submitter.id, "table": name, "row_id": keys,
                         "status": status, "conflict": conflict, "columns": columns,
                         "position": positions.astype(int)}, index=range(len(keys)))


def _joined(flags: Mapping[str, Bools], n: int) -> Objects:
    text = pd.Series("", index=range(n), dtype=object)
    for kind, mask in flags.items():
        text = text + np.where(mask, f"{kind},", "")
    return np.asarray(text.str.rstrip(",").to_numpy(dtype=object), dtype=object)


def with_duplicates(changes: pd.DataFrame) -> pd.DataFrame:
    """``changes`` of several returns with ``duplicate`` added to every new, changed or
    removed row whose key another return changes too."""
    out = changes.reset_index(drop=True).copy()
    active = out["status"].isin(ACTIVE).to_numpy()
    key = out["table"].astype(str) + "\x1f" + out["row_id"].astype(str)
    returns = out[active].groupby(key[active])["return_number"].nunique()
    duplicate = active & (key.map(returns).fillna(0).to_numpy() > 1)
    conflict = out["conflict"].astype(str)
    out["conflict"] = np.where(duplicate, ("duplicate," + conflict).str.rstrip(","), conflict)
    return out


# --- accepting and applying -----------------------------------------------------------------


def accepted(changes: pd.DataFrame, accept: Iterable[tuple[str, str]] = (),
             accept_all: Iterable[str] = ()) -> Bools:
    """Which changes go in: every new, changed or removed row without conflict, and those in
    conflict whose (submitter, row id) is in ``accept`` or whose submitter is in
    ``accept_all``."""
    active = changes["status"].isin(ACTIVE).to_numpy()
    free = (changes["conflict"].astype(str) == "").to_numpy()
    pair = changes["submitter"].astype(str) + "\x1f" + changes["row_id"].astype(str)
    named = pair.isin({f"{s}\x1f{r}" for s, r in accept}).to_numpy()
    everyone = changes["submitter"].isin(list(accept_all)).to_numpy()
    return np.asarray(active & (free | named | everyone), dtype=bool)


def ambiguous(changes: pd.DataFrame, taken: Bools) -> pd.DataFrame:
    """The accepted changes whose key is accepted from more than one return (only one can
    go in)."""
    chosen = changes[taken]
    key = chosen["table"].astype(str) + "\x1f" + chosen["row_id"].astype(str)
    many = key.map(chosen.groupby(key)["return_number"].nunique()) > 1
    return chosen[many.to_numpy()]


def unmatched(changes: pd.DataFrame, accept: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """The (submitter, row id) pairs of ``accept`` that name no row in conflict."""
    waiting = changes[(changes["conflict"].astype(str) != "").to_numpy()]
    known = set(zip(waiting["submitter"].astype(str), waiting["row_id"].astype(str),
                    strict=True))
    return [pair for pair in accept if pair not in known]


def apply(current: Workspace, changes: pd.DataFrame, taken: Bools,
          returned: Mapping[int, Mapping[str, pd.DataFrame]],
          ) -> tuple[Workspace, dict[str, pd.DataFrame]]:
    """``current`` with the changes ``taken`` made, and per table that changed where each row
    came from: a frame with ``return_number`` and ``position`` in that return (−1 for a row
    that did not come from a return).

    ``returned`` maps a return's number to its tables (as given to :func:`diff_return`).
    A changed row replaces the row of its key where it stands (or is appended when that row
    has gone), removed rows go, new rows are appended in the order of the changes.
    """
    chosen = changes[taken]
    tables: dict[str, pd.DataFrame] = {}
    sources: dict[str, pd.DataFrame] = {}
    for name in pd.unique(chosen["table"]):
        tables[name], sources[name] = _apply_table(
            table(str(name)), current.table(str(name)), chosen[chosen["table"] == name],
            returned)
    return current.with_tables(**tables), sources


def _apply_table(schema: Table, now: pd.DataFrame, chosen: pd.DataFrame,
                 returned: Mapping[int, Mapping[str, pd.DataFrame]],
                 ) -> tuple[pd.DataFrame, pd.DataFrame]:
    dtypes = now.dtypes.to_dict()
    now = now.reset_index(drop=True).assign(return_number=-1, position=-1)
    incoming = chosen[chosen["status"] != "removed"]
    parts = [returned[int(n)][schema.name].iloc[group["position"].to_numpy(dtype=int)]
             .astype(dtypes).assign(return_number=int(n),
                                    position=group["position"].to_numpy(dtype=int))
             for n, group in incoming.groupby("return_number", sort=False)]
    arriving = pd.concat(parts, ignore_index=True) if parts else now.iloc[0:0]
    now_keys = pd.Index(_keys(schema, now))
    at = now_keys.get_indexer(_keys(schema, arriving))
    removed = chosen.loc[chosen["status"] == "removed", "row_id"].to_numpy(dtype=object)
    stays = ~now_keys.isin(removed) & ~now_keys.isin(_keys(schema, arriving)[at >= 0])
    replacing = arriving[at >= 0].set_axis(at[at >= 0])
    appended = arriving[at < 0].set_axis(len(now) + np.arange(int((at < 0).sum())))
    pieces = [p for p in (now[stays], replacing, appended) if len(p)]
    merged = (pd.concat(pieces).sort_index(kind="stable") if pieces else now.iloc[0:0]) \
        .reset_index(drop=True)
    source = merged[["return_number", "position"]].astype(int)
    return merged.drop(columns=["return_number", "position"]).astype(dtypes), source
