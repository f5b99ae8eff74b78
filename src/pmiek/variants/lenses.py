"""Policy lenses: what a variant values, as data (TOML files), not code.

A lens weighs developments by sector and policy goal and may make some connections
obligatory; the built-in lenses live in ``pmiek/data/lenses/*.toml`` and a user's own lens is
a TOML file of the same shape::

    name = "wonen-eerst"
    label_nl = "Wonen eerst"
    label_en = "Housing first"
    description_nl = "…"          # why this lens, in one or two sentences
    value_meur_per_mw_year = 0.5  # societal value of one weighted MW connected for a year
    discount_rate = 0.0225        # Dutch social discount rate for cost-benefit analysis
    default_sector_weight = 1.0

    [sector_weights]              # developments.sector -> weight
    housing = 3.0

    [goal_weights]                # a policy goal in developments.policy_goals -> added weight
    wonen = 1.0

    [project_cost_factors]        # projects.kind -> factor on its cost in the objective
    storage = 0.5

    [[must_connect]]              # developments that must be connected, fully, by a year
    min_acm_priority = 2          # ACM priority 2 (veiligheid) and 3 (basisbehoefte)
    by = "start"                  # "start": from their own start year; or a year

The weight of development *d* is ``sector_weights[sector] + Σ goal_weights[goal]`` over its
policy goals (DESIGN.md: "lens weight(sector, policy goals)").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from pmiek.errors import InputError

BUILT_IN = ("wonen-eerst", "werk-en-industrie", "flex-en-opslag-eerst", "evenwichtig")
"""The built-in lenses, in the order they are shown."""


@dataclass(frozen=True)
class MustConnect:
    """Developments with ACM priority ≥ ``min_acm_priority`` (and of ``sectors`` when given)
    are connected fully from year ``by`` (``None``: their own start year)."""

    min_acm_priority: int = 0
    sectors: tuple[str, ...] = ()
    by: int | None = None


@dataclass(frozen=True)
class Lens:
    name: str
    label_nl: str
    label_en: str
    description_nl: str = ""
    description_en: str = ""
    value_meur_per_mw_year: float = 0.5
    discount_rate: float = 0.0225
    default_sector_weight: float = 1.0
    sector_weights: dict[str, float] = field(default_factory=dict)
    goal_weights: dict[str, float] = field(default_factory=dict)
    project_cost_factors: dict[str, float] = field(default_factory=dict)
    must_connect: tuple[MustConnect, ...] = ()

    def label(self, lang: str = "nl") -> str:
        return self.label_en if lang == "en" else self.label_nl

    def weights(self, sectors: pd.Series, goals: pd.Series) -> np.ndarray:
        """The lens weight of each development (sector weight + its goals' weights)."""
        sector = sectors.astype(object).map(self.sector_weights).to_numpy(dtype=float,
                                                                         na_value=np.nan)
        weight = np.where(np.isnan(sector), self.default_sector_weight, sector)
        if self.goal_weights:
            lists = goals.astype(object).fillna("").str.split(";").explode().str.strip()
            extra = lists.map(self.goal_weights).fillna(0.0).astype(float)
            weight = weight + extra.groupby(level=0).sum().reindex(
                goals.index, fill_value=0.0).to_numpy()
        return weight

    def cost_factors(self, kinds: pd.Series) -> np.ndarray:
        factor = kinds.astype(object).map(self.project_cost_factors)
        return factor.fillna(1.0).to_numpy(dtype=float)


def _number(table: dict[str, Any], key: str, where: str) -> float:
    value = table[key]
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError(f"{where}: '{key}' moet een getal zijn, gekregen: {value!r}")
    return float(value)


def _weights(data: dict[str, Any], key: str, where: str) -> dict[str, float]:
    table = data.get(key, {})
    if not isinstance(table, dict):
        raise InputError(f"{where}: [{key}] moet een tabel zijn (naam = getal)")
    return {str(k): _number(table, k, f"{where} [{key}]") for k in table}


def parse_lens(data: dict[str, Any], where: str) -> Lens:
    """A lens from the contents of a TOML file; ``where`` names the file in errors."""
    known = {"name", "label_nl", "label_en", "description_nl", "description_en",
             "value_meur_per_mw_year", "discount_rate", "default_sector_weight",
             "sector_weights", "goal_weights", "project_cost_factors", "must_connect"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise InputError(f"{where}: onbekende sleutel(s) {', '.join(unknown)}; verwacht: "
                         f"{', '.join(sorted(known))}")
    if "name" not in data:
        raise InputError(f"{where}: 'name' ontbreekt")
    rules = []
    for i, rule in enumerate(data.get("must_connect", [])):
        at = f"{where} [[must_connect]] #{i + 1}"
        by = rule.get("by", "start")
        if by != "start" and (isinstance(by, bool) or not isinstance(by, int)):
            raise InputError(f"{at}: 'by' moet \"start\" of een jaartal zijn, gekregen: {by!r}")
        rules.append(MustConnect(int(rule.get("min_acm_priority", 0)),
                                 tuple(str(s) for s in rule.get("sectors", [])),
                                 None if by == "start" else int(by)))
    scalars = {key: _number(data, key, where) for key in
               ("value_meur_per_mw_year", "discount_rate", "default_sector_weight")
               if key in data}
    if scalars.get("value_meur_per_mw_year", 1.0) <= 0:
        raise InputError(f"{where}: 'value_meur_per_mw_year' moet groter dan 0 zijn")
    name = str(data["name"])
    return Lens(
        name=name, label_nl=str(data.get("label_nl", name)),
        label_en=str(data.get("label_en", data.get("label_nl", name))),
        description_nl=str(data.get("description_nl", "")),
        description_en=str(data.get("description_en", "")),
        sector_weights=_weights(data, "sector_weights", where),
        goal_weights=_weights(data, "goal_weights", where),
        project_cost_factors=_weights(data, "project_cost_factors", where),
        must_connect=tuple(rules), **scalars,
    )
