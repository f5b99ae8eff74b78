"""Why a variant builds a project or leaves it out, in words: one sentence per row of
:func:`pmiek.variants.why.explain` (assets and projects by their names in the workspace,
directions and resources by their labels, numbers through the one Dutch formatter), and a
count per reason for the terminal."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from pmiek.adapters.cli.i18n import TEXTS, Markup, literal, text
from pmiek.adapters.cli.render import decimal, number
from pmiek.domain.labels import in_language, label
from pmiek.domain.workspace import Workspace
from pmiek.variants.why import CHOSEN_REASONS, UNCHOSEN_REASONS

DIGITS = {"MW": 1, "M€": 1, "M€/MW": 2, "fte": 1, "stuks": 0}
"""Decimals shown per unit of ``value``."""


def _plain(key: str, lang: str, **values: object) -> str:
    """The text ``key`` in ``lang`` as plain text (for files; the terminal escapes it)."""
    return in_language(TEXTS[key], lang).format(**values)


def _names(frame: pd.DataFrame) -> dict[str, str]:
    names = frame["name"].astype(object).where(frame["name"].notna(), frame["id"])
    return dict(zip(frame["id"].astype(str), names.astype(str), strict=True))


def sentence(row: Mapping[str, Any], lang: str, assets: Mapping[str, str],
             projects: Mapping[str, str]) -> str:
    """The sentence for one row of ``why`` (``assets`` and ``projects``: id → name)."""
    reason = str(row["reason"])
    unit = str(row.get("unit") or "")
    value = row.get("value")
    year = row.get("year")
    fields = {
        "asset": assets.get(str(row.get("asset_id")), str(row.get("asset_id") or "")),
        "direction": label("direction", str(row.get("direction") or ""), lang),
        "year": "" if year is None or pd.isna(year) else str(int(year)),
        "other": projects.get(str(row.get("other_project")), str(row.get("other_project") or "")),
        "operator": str(row.get("operator") or ""),
        "value": decimal(value, lang, DIGITS.get(unit, 1)),
        "other_value": decimal(row.get("other_value"), lang, DIGITS.get(unit, 1)),
    }
    resource = str(row.get("resource") or "")
    if resource:
        fields["resource"] = _plain(f"why.resource.{resource}", lang)
        fields["unit"] = _plain(f"why.unit.{resource}", lang)
    key = f"why.{reason}"
    if reason == "not_needed" and not row.get("asset_id"):
        key = "why.not_needed_plain"
    elif reason == "lower_value" and not fields["year"]:
        key = "why.lower_value_plain"
    return _plain(key, lang, **fields)


def sentences(why: pd.DataFrame, workspace: Workspace, lang: str) -> list[str]:
    """One sentence per row of ``why``."""
    assets, projects = _names(workspace.assets), _names(workspace.projects)
    return [sentence(row, lang, assets, projects) for row in why.to_dict("records")]


def explained(why: pd.DataFrame, workspace: Workspace, lang: str) -> pd.DataFrame:
    """``why`` with the sentence of each row in column ``explanation``."""
    return why.assign(explanation=sentences(why, workspace, lang))


def counts_line(why: pd.DataFrame, lens: str, lang: str, file: str = "why.csv") -> Markup:
    """How many projects each reason has, built and not, in one line for the terminal."""
    found = why.groupby(["chosen", "reason"]).size()

    def items(chosen: bool, reasons: tuple[str, ...]) -> Markup:
        parts = [_plain("why.count_item", lang, n=number(int(found[(chosen, r)]), lang),
                        label=_plain(f"why.label.{r}", lang))
                 for r in reasons if (chosen, r) in found.index]
        return literal(", ".join(parts) or _plain("why.none", lang))

    return text("why.counts", lang, lens=lens, built=items(True, CHOSEN_REASONS),
                unbuilt=items(False, UNCHOSEN_REASONS), file=file)
