"""The input half of the edition diff (:mod:`pmiek.programme.diff`): rows added, removed and
changed between two workspaces, table by table on each table's key.

A row's id is its key values joined with "|" (:func:`row_ids`). Values compare exactly, except
that missing equals missing and floats are equal within :data:`RELATIVE_TOLERANCE`; geometry
compares by its own ``==`` (exact coordinates). The profiles table is reported per profile (its
8760 hours are one row of the diff). Pure: one merge per table, no loop over rows.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from pmiek.domain.tables import TABLES, table
from pmiek.domain.workspace import Workspace

__all__ = ["INPUT_CHANGES", "INPUT_DIFF_COLUMNS", "RELATIVE_TOLERANCE", "TABLE_ORDER", "as_text",
           "input_diff", "row_ids", "same_values"]

INPUT_DIFF_COLUMNS = ["table", "row_id", "change", "columns", "before", "after"]
INPUT_CHANGES = ("added", "removed", "changed")
RELATIVE_TOLERANCE = 1e-9
"""Floats closer than this (relative to the larger) are equal."""
KEY_SEPARATOR = "|"
GROUPED = {"profiles": ("profile_id",)}
"""Tables reported per group of rows (a profile's 8760 hours) instead of per row."""
SHOWN = 3
"""How many changed rows of a group ``before`` and ``after`` show."""
MAX_TEXT = 60
"""Longer values (geometry) are cut to this many characters in ``before``/``after``."""
TABLE_ORDER = {t.name: i for i, t in enumerate(TABLES)}
"""Position of each table in the data contract: the order of the diff."""


def as_text(values: pd.Series) -> pd.Series:
    """Values as text, "" for a missing one; floats without a trailing ".0"."""
    missing = values.isna().to_numpy()
    if pd.api.types.is_float_dtype(values.dtype):
        text = values.astype(float).astype(str).str.replace(r"\.0$", "", regex=True)
    else:
        text = values.astype(object).astype(str)
    return text.astype(object).where(~missing, "")


def row_ids(table_name: str, frame: pd.DataFrame,
            key: Sequence[str] | None = None) -> pd.Series:
    """The id of each row of ``frame``: its key values (:attr:`Table.key`, or ``key``) joined
    with "|", e.g. ``"2027|Stedin"`` for resources."""
    columns = list(table(table_name).key if key is None else key)
    ids = pd.Series("", index=frame.index, dtype=object)
    for i, column in enumerate(columns):
        part = as_text(frame[column]) if column in frame else ""
        ids = (ids + KEY_SEPARATOR + part) if i else ids + part
    return ids


def same_values(a: pd.Series, b: pd.Series) -> np.ndarray:
    """Elementwise equality: missing equals missing, floats within the tolerance, anything
    else (geometry included) by its own ``==``."""
    na_a, na_b = a.isna().to_numpy(), b.isna().to_numpy()
    same = na_a & na_b
    both = ~na_a & ~na_b
    numeric = all(pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s)
                  for s in (a, b))
    if numeric and (pd.api.types.is_float_dtype(a) or pd.api.types.is_float_dtype(b)):
        x = a.to_numpy(dtype=float, na_value=np.nan)[both]
        y = b.to_numpy(dtype=float, na_value=np.nan)[both]
        with np.errstate(invalid="ignore", over="ignore"):
            close = np.abs(x - y) <= RELATIVE_TOLERANCE * np.maximum(np.abs(x), np.abs(y))
        same[both] = (x == y) | close
    else:
        x, y = a.to_numpy(dtype=object)[both], b.to_numpy(dtype=object)[both]
        same[both] = np.asarray(x == y, dtype=bool)
    return same


def _joined(index: pd.Index, pieces: Sequence[tuple[np.ndarray, pd.Series | str]]
            ) -> pd.Series:
    """Per row, the texts of the pieces whose mask holds, joined with ";"."""
    out = pd.Series("", index=index, dtype=object)
    for mask, text in pieces:
        grown = np.where(out == "", text, out + ";" + text)
        out = out.where(~np.asarray(mask, dtype=bool), pd.Series(grown, index=index))
    return out


def _prepared(name: str, frame: pd.DataFrame, values: list[str], group: list[str]
              ) -> pd.DataFrame:
    out = pd.DataFrame({"_row": row_ids(name, frame), "_group": row_ids(name, frame, group)})
    out["_occ"] = out.groupby("_row").cumcount()
    sub = [c for c in table(name).key if c not in group]
    out["_sub"] = row_ids(name, frame, sub) if sub else ""
    out["_pos"] = np.arange(len(frame))
    for column in values:
        out[column] = frame[column] if column in frame else pd.Series(np.nan, index=frame.index)
    return out.reset_index(drop=True)


def _cut(text: pd.Series) -> pd.Series:
    long = text.str.len() > MAX_TEXT
    return text.where(~long, text.str.slice(0, MAX_TEXT - 1) + "…")


def _merged(name: str, old: pd.DataFrame, new: pd.DataFrame
            ) -> tuple[pd.DataFrame, list[str], dict[str, np.ndarray]]:
    """Old and new rows side by side (outer merge on the key), the value columns, and per
    value column where a row present on both sides differs."""
    schema = table(name)
    group = list(GROUPED.get(name, schema.key))
    known = [c for c in schema.column_names if c not in schema.key]
    extra = sorted((set(old.columns) | set(new.columns)) - set(schema.column_names))
    values = known + extra
    merged = _prepared(name, old, values, group).merge(
        _prepared(name, new, values, group), on=["_group", "_row", "_occ"], how="outer",
        suffixes=("_old", "_new"), indicator=True)
    both = (merged["_merge"] == "both").to_numpy()
    differs = {c: both & ~same_values(merged[f"{c}_old"], merged[f"{c}_new"]) for c in values}
    return merged, values, differs


def _rows_diff(name: str, merged: pd.DataFrame, values: list[str],
               differs: dict[str, np.ndarray]) -> pd.DataFrame:
    side = merged["_merge"].astype(str).to_numpy()
    changed = np.logical_or.reduce([differs[c] for c in values]) if values else side == ""
    change = np.select([side == "right_only", side == "left_only", changed],
                       ["added", "removed", "changed"], "")
    keep = change != ""
    rows = merged[keep]
    d = {c: differs[c][keep] for c in values}
    before = [(d[c], c + "=" + _cut(as_text(rows[f"{c}_old"]))) for c in values]
    after = [(d[c], c + "=" + _cut(as_text(rows[f"{c}_new"]))) for c in values]
    return pd.DataFrame({
        "table": name, "row_id": rows["_row"], "change": change[keep],
        "columns": _joined(rows.index, [(d[c], c) for c in values]),
        "before": _joined(rows.index, before), "after": _joined(rows.index, after),
        "_occ": rows["_occ"]})


def _grouped_diff(name: str, merged: pd.DataFrame, values: list[str],
                  differs: dict[str, np.ndarray]) -> pd.DataFrame:
    """One row per group (a profile): added or removed when all its rows are, changed when
    any row differs or is on one side only. ``before``/``after`` show the row counts when they
    differ and the first changed values as ``column[sub-key]=value``."""
    side = merged["_merge"].astype(str)
    flags = pd.DataFrame({"old": side != "right_only", "new": side != "left_only",
                          "only": side != "both", **{c: differs[c] for c in values}})
    per = flags.groupby(merged["_group"]).agg({**{c: "any" for c in values}, "old": "sum",
                                               "new": "sum", "only": "any"})
    hit = per[values].any(axis=1).to_numpy() if values else np.zeros(len(per), bool)
    change = np.select([per["old"] == 0, per["new"] == 0, per["only"].to_numpy() | hit],
                       ["added", "removed", "changed"], "")
    subkey = [c for c in table(name).key if c not in GROUPED[name]]
    names = [(per["only"].to_numpy(), KEY_SEPARATOR.join(subkey))] + [
        (per[c].to_numpy(), c) for c in values]
    counted = (per["old"] != per["new"]).to_numpy() & (change == "changed")
    shown = {}
    for when in ("old", "new"):
        rows = "rows=" + per[when].astype(str)
        examples = _examples(merged, values, differs, when, per.index)
        shown[when] = _joined(per.index, [(counted, rows), (examples != "", examples)])
    keep = change != ""
    return pd.DataFrame({
        "table": name, "row_id": per.index[keep], "change": change[keep],
        "columns": _joined(per.index, names)[keep].to_numpy(),
        "before": shown["old"][keep].to_numpy(), "after": shown["new"][keep].to_numpy(),
        "_occ": 0})


def _examples(merged: pd.DataFrame, values: list[str], differs: dict[str, np.ndarray],
              when: str, groups: pd.Index) -> pd.Series:
    """Per group, the first :data:`SHOWN` changed values as ``column[sub-key]=value`` (in the
    old file's order), then "…(+n)" for the rest."""
    parts = [pd.DataFrame({
        "_group": merged.loc[differs[c], "_group"], "_pos": merged.loc[differs[c], "_pos_old"],
        "text": c + "[" + merged.loc[differs[c], "_sub_old"].astype(object) + "]="
        + _cut(as_text(merged.loc[differs[c], f"{c}_{when}"]))}) for c in values]
    found = pd.concat(parts) if parts else pd.DataFrame(columns=["_group", "_pos", "text"])
    if found.empty:
        return pd.Series("", index=groups, dtype=object)
    found = found.sort_values(["_group", "_pos"], kind="stable")
    first = found.groupby("_group").head(SHOWN).groupby("_group")["text"].agg(";".join)
    more = found.groupby("_group").size().reindex(first.index) - SHOWN
    text = first + (";…(+" + more.astype(str) + ")").where(more > 0, "")
    return text.reindex(groups).fillna("").astype(object)


def input_diff(old: Workspace, new: Workspace) -> pd.DataFrame:
    """The input rows added, removed and changed from workspace ``old`` to ``new``.

    Columns :data:`INPUT_DIFF_COLUMNS`: ``table``; ``row_id`` (:func:`row_ids`; a profile's
    id for the profiles table); ``change`` (added, removed, changed); ``columns`` (the changed
    columns, ";"-joined, "" for added and removed rows); ``before`` and ``after`` (the changed
    values as ``column=value``). Missing equals missing; floats equal within
    :data:`RELATIVE_TOLERANCE`; geometry by its own ``==`` (exact). Ordered by the tables of
    the contract, then ``row_id``."""
    found = []
    for schema in TABLES:
        a, b = old.table(schema.name), new.table(schema.name)
        if a.empty and b.empty:
            continue
        merged, values, differs = _merged(schema.name, a, b)
        diff = (_grouped_diff if schema.name in GROUPED else _rows_diff)(
            schema.name, merged, values, differs)
        found.append(diff.sort_values(["row_id", "_occ"], kind="stable"))
    if not found:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in INPUT_DIFF_COLUMNS})
    return pd.concat(found, ignore_index=True)[INPUT_DIFF_COLUMNS]
