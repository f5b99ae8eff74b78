"""The public view of an edition's tables: confidential assets and projects only per area.

Grid operators mark assets and projects ``confidential`` (``assets.confidential``,
``projects.confidential``): the public document (``--audience publiek``, the default) names
none of them. :func:`prepare` gives the tables the document reads:

- every audience: ``assess/priority_list`` gets a column ``projects`` (1 per project row), so
  that counts are sums and stay right when rows are taken together;
- public: the confidential projects of the priority list and of each lens's schedule are
  taken together per municipality (and tier), their ids left empty and their name
  "Vertrouwelijke projecten (Utrecht)"; rows of ``why`` about them are dropped; every text cell
  of every table has each id and name of a confidential asset or project replaced by
  "vertrouwelijk" (a development named after a confidential station keeps the rest of its
  name). :func:`leaks` finds what would still be named, for the renderer's last check.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pmiek.assessment.breakdown import area_levels
from pmiek.domain.workspace import Workspace
from pmiek.programme.personal import find_personal

AUDIENCES = ("publiek", "intern")
WORD = {"nl": "vertrouwelijk", "en": "confidential"}
GROUP = {"nl": "Vertrouwelijke projecten ({area})", "en": "Confidential projects ({area})"}
PROVINCE = {"nl": "provinciebreed", "en": "province-wide"}
SUMMED = ("marginal_value_meur", "objective_with_meur", "objective_without_meur", "capex_meur",
          "cost_meur", "served_mw_years", "enabled_mw", "homes_enabled", "fte_years",
          "transformers", "projects")


@dataclass(frozen=True)
class Hidden:
    """What the public may not see: ids and names of confidential assets and projects, and
    the municipality (name) of each confidential project."""

    assets: frozenset[str]
    projects: frozenset[str]
    names: pd.DataFrame  # columns id, name: every hidden asset and project
    area_of_project: Mapping[str, str]

    @property
    def empty(self) -> bool:
        return not self.assets and not self.projects


def _flag(frame: pd.DataFrame) -> np.ndarray:
    if "confidential" not in frame.columns:
        return np.zeros(len(frame), dtype=bool)
    return frame["confidential"].fillna(False).astype(bool).to_numpy()


def hidden(workspace: Workspace, audience: str = "publiek", lang: str = "nl") -> Hidden:
    """The confidential assets and projects of ``workspace`` (none for ``intern``)."""
    if audience not in AUDIENCES:
        raise ValueError(f"audience must be one of {AUDIENCES}, not {audience!r}")
    assets, projects = workspace.assets, workspace.projects
    if audience == "intern":
        return Hidden(frozenset(), frozenset(), pd.DataFrame(columns=["id", "name"]), {})
    secret_assets = assets[_flag(assets)]
    secret_projects = projects[_flag(projects)]
    areas = workspace.areas
    names = dict(zip(areas["id"].astype(str), areas["name"].astype(str), strict=True))
    municipality = area_levels(areas)["municipality"] if len(areas) else pd.Series(dtype=str)
    area_id = secret_projects.get("area_id", pd.Series(index=secret_projects.index,
                                                       dtype=object))
    where = area_id.astype(object).where(area_id.notna(), "").astype(str)
    town = where.map(municipality).fillna("").map(names).fillna(PROVINCE.get(lang, "–"))
    listed = pd.concat([secret_assets[["id", "name"]], secret_projects[["id", "name"]]],
                       ignore_index=True).astype(str)
    return Hidden(frozenset(secret_assets["id"].astype(str)),
                  frozenset(secret_projects["id"].astype(str)), listed,
                  dict(zip(secret_projects["id"].astype(str), town, strict=True)))


def _pattern(hide: Hidden) -> re.Pattern[str] | None:
    tokens = sorted({t for t in pd.concat([hide.names["id"], hide.names["name"]]) if t.strip()},
                    key=len, reverse=True)
    if not tokens:
        return None
    return re.compile("|".join(rf"(?<![\w-]){re.escape(t)}(?![\w-])" for t in tokens),
                      re.IGNORECASE)


def scrub(frame: pd.DataFrame, hide: Hidden, lang: str = "nl") -> pd.DataFrame:
    """``frame`` with every id and name of ``hide`` in its text cells replaced by the word
    "vertrouwelijk"."""
    pattern = _pattern(hide)
    if pattern is None:
        return frame
    out = frame.copy()
    word = WORD.get(lang, WORD["nl"])
    for column in out.columns:
        values = out[column]
        if pd.api.types.is_object_dtype(values) or pd.api.types.is_string_dtype(values):
            text = values.astype(object).where(values.isna(), values.astype(str))
            out[column] = text.str.replace(pattern, word, regex=True)
    return out


def _grouped(frame: pd.DataFrame, hide: Hidden, keys: list[str], lang: str) -> pd.DataFrame:
    """``frame`` with its rows of hidden projects taken together per municipality and
    ``keys``: sums of :data:`SUMMED`, the earliest year, the best priority."""
    secret = frame["project_id"].astype(str).isin(hide.projects).to_numpy()
    if not secret.any():
        return frame
    rows = frame[secret].copy()
    rows["_area"] = rows["project_id"].astype(str).map(hide.area_of_project).fillna("")
    group = ["_area", *[k for k in keys if k in rows.columns]]
    agg: dict[str, str] = {c: "sum" for c in SUMMED if c in rows.columns}
    for column, how in (("priority", "min"), ("in_service_year", "min"), ("variant", "first"),
                        ("operator", "first"), ("tier_name", "first")):
        if column in rows.columns and column not in group:
            agg[column] = how
    taken = rows.groupby(group, sort=True, dropna=False).agg(agg).reset_index()
    taken["name"] = [GROUP.get(lang, GROUP["nl"]).format(area=a) for a in taken["_area"]]
    taken["project_id"] = ""
    taken = taken.drop(columns="_area")
    together = pd.concat([frame[~secret], taken.reindex(columns=frame.columns)],
                         ignore_index=True)
    order = [c for c in ("priority", "in_service_year") if c in together.columns]
    return together.sort_values(order, kind="stable").reset_index(drop=True) if order else \
        together


def prepare(frames: Mapping[str, pd.DataFrame], workspace: Workspace, audience: str = "publiek",
            lang: str = "nl") -> tuple[dict[str, pd.DataFrame], Hidden]:
    """The tables as the document of ``audience`` shows them (see the module docstring)."""
    hide = hidden(workspace, audience, lang)
    out = dict(frames)
    if "assess/priority_list" in out:
        priority = out["assess/priority_list"].copy()
        priority["projects"] = 1
        out["assess/priority_list"] = priority
    if hide.empty:
        return out, hide
    for key, frame in list(out.items()):
        if key == "assess/priority_list":
            frame = _grouped(frame, hide, ["tier"], lang)
        elif key.endswith("/schedule"):
            frame = _grouped(frame, hide, [], lang)
        elif key.endswith("/why"):
            keep = ~frame["project_id"].astype(str).isin(hide.projects)
            if "other_project" in frame.columns:
                keep &= ~frame["other_project"].astype(str).isin(hide.projects)
            frame = frame[keep].reset_index(drop=True)
        elif "asset_id" in frame.columns:
            frame = frame[~frame["asset_id"].astype(str).isin(hide.assets)]
            frame = frame.reset_index(drop=True)
        out[key] = scrub(frame, hide, lang)
    return out, hide


def leaks(texts: Mapping[str, str], hide: Hidden) -> list[tuple[str, str, str]]:
    """Every ``(file, column, value)`` where an id or name of ``hide`` occurs in ``texts``
    (compared as the personal-data scan compares: normalised, as whole words)."""
    if hide.empty:
        return []
    return find_personal(texts, hide.names, ("id", "name"))


__all__ = ["AUDIENCES", "Hidden", "hidden", "leaks", "prepare", "scrub"]
