"""The afwegingskader as a criteria tree: groups, sub-criteria, value functions and weights.

A :class:`Framework` is read from the workspace's ``criteria`` table. Its leaves (criteria with
an indicator) are what variants are scored on; a leaf's *global* weight is the product of the
local weights on its path, each normalised within its siblings. Every criterion carries its
motivation, its basis (policy or legal source), its owner and its status: ``concept``, or
``adopted`` by a body on a date — the framework is adopted when all its criteria are.

Value functions map an indicator to a partial value in [0, 1] (higher is better):

- ``linear`` without points: the local scale, from the worst to the best value any variant
  has in any scenario (for a ``cost`` criterion the lowest value scores 1);
- ``linear`` with two points, ``piecewise_linear`` with two or more: interpolated between the
  points and held constant beyond the first and the last;
- ``step``: the value of the last point at or below the indicator (below the first point: the
  first point's value).

Points are written ``x:value; x:value`` in the column ``value_points``.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from pmiek.errors import InputError
from pmiek.framework.weights import global_weights

GRID_OPERATOR_GROUPS = ("realiseerbaarheid", "systeemtoets")
"""DESIGN.md: realiseerbaarheid and systeemtoets belong to the grid operators."""
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class ValueFunction:
    """Indicator → partial value in [0, 1]; see the module docstring."""

    kind: str = "linear"
    direction: str = "benefit"
    points: tuple[tuple[float, float], ...] = ()

    def __call__(self, x: np.ndarray, low: float | None = None,
                 high: float | None = None) -> np.ndarray:
        """Partial values of ``x``; ``low``/``high`` give the local scale of a linear function
        without points (default: the range of ``x`` itself)."""
        x = np.asarray(x, dtype=float)
        if not self.points:
            lo = float(np.nanmin(x)) if low is None else low
            hi = float(np.nanmax(x)) if high is None else high
            if not hi > lo:
                return np.where(np.isnan(x), np.nan, 0.5)
            v = (x - lo) / (hi - lo)
            return np.clip(1.0 - v if self.direction == "cost" else v, 0.0, 1.0)
        xs = np.array([p[0] for p in self.points])
        vs = np.array([p[1] for p in self.points])
        if self.kind == "step":
            at = np.clip(np.searchsorted(xs, x, side="right") - 1, 0, len(xs) - 1)
            return np.where(np.isnan(x), np.nan, vs[at])
        return np.where(np.isnan(x), np.nan, np.interp(x, xs, vs))

    def describe(self, lang: str = "nl") -> str:
        """One line for reports: the kind and its points (or the local scale)."""
        if not self.points:
            return ("lineair, lokale schaal (slechtste → beste variant)" if lang != "en"
                    else "linear, local scale (worst → best variant)")
        shown = "; ".join(f"{_num(x, lang)} → {_num(v, lang)}" for x, v in self.points)
        kind = {"linear": ("lineair", "linear"), "piecewise_linear": (
            "stuksgewijs lineair", "piecewise linear"), "step": ("trap", "step")}[self.kind]
        return f"{kind[1] if lang == 'en' else kind[0]}: {shown}"


def _num(x: float, lang: str) -> str:
    text = f"{x:g}"
    return text if lang == "en" else text.replace(".", ",")


def parse_points(text: str, kind: str, direction: str, where: str) -> tuple[
        tuple[float, float], ...]:
    """``"0:0; 10:0,5; 20:1"`` → ((0, 0), (10, 0.5), (20, 1)), checked for ``kind`` and
    ``direction``. ``where`` names the criterion in messages."""
    text = (text or "").strip()
    if not text:
        if kind in ("piecewise_linear", "step"):
            raise InputError(f"{where}: value function '{kind}' needs value_points such as "
                             f"'0:0; 10:0.5; 20:1'; the cell is empty.")
        return ()
    points = []
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        pieces = part.split(":")
        try:
            if len(pieces) != 2:
                raise ValueError
            x, v = (float(s.strip().replace(",", ".")) for s in pieces)
        except ValueError:
            raise InputError(f"{where}: value_points expects 'x:value' pairs separated by "
                             f"';', got '{part}' in '{text}'.") from None
        if not (math.isfinite(x) and math.isfinite(v)):
            raise InputError(f"{where}: value_points must be finite numbers, got '{part}'.")
        if not 0.0 <= v <= 1.0:
            raise InputError(f"{where}: a partial value must lie in [0, 1], got {v:g} at "
                             f"x = {x:g}.")
        points.append((x, v))
    xs = [p[0] for p in points]
    if any(b <= a for a, b in itertools.pairwise(xs)):
        raise InputError(f"{where}: the x of value_points must increase strictly, got "
                         f"{', '.join(f'{x:g}' for x in xs)}.")
    need = {"linear": (2, 2), "piecewise_linear": (2, None), "step": (1, None)}[kind]
    if len(points) < need[0] or (need[1] is not None and len(points) > need[1]):
        wanted = "exactly 2" if need[1] == 2 else f"at least {need[0]}"
        raise InputError(f"{where}: value function '{kind}' needs {wanted} points, got "
                         f"{len(points)}.")
    vs = [p[1] for p in points]
    rising = all(b >= a for a, b in itertools.pairwise(vs))
    falling = all(b <= a for a, b in itertools.pairwise(vs))
    if direction == "benefit" and not rising:
        raise InputError(f"{where}: a benefit criterion's partial values must not fall as the "
                         f"indicator rises, got {', '.join(f'{v:g}' for v in vs)}.")
    if direction == "cost" and not falling:
        raise InputError(f"{where}: a cost criterion's partial values must not rise as the "
                         f"indicator rises, got {', '.join(f'{v:g}' for v in vs)}.")
    return tuple(points)


@dataclass(frozen=True)
class Criterion:
    """One node of the tree."""

    id: str
    parent_id: str | None
    name: str
    group: str
    indicator: str | None
    direction: str
    unit: str
    value_function: ValueFunction
    local_weight: float
    global_weight: float
    motivation: str
    basis: str
    owner: str
    version: str
    status: str
    adopted_by: str
    adopted_on: str

    @property
    def is_leaf(self) -> bool:
        return self.indicator is not None


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    return str(value).strip()


@dataclass(frozen=True)
class Framework:
    """The criteria tree; build it with :meth:`from_table`."""

    criteria: tuple[Criterion, ...]

    @classmethod
    def from_table(cls, table: pd.DataFrame, known_indicators: Sequence[str] | None = None
                   ) -> Framework:
        """Read the ``criteria`` table (already validated against the data contract) and
        check what the contract cannot: a leaf per indicator, known indicators, value points,
        weights that can be normalised, adoption dates."""
        if table.empty:
            raise InputError("The workspace has no criteria: an afwegingskader is needed to "
                             "assess variants (table 'criteria').")
        rows = table.reset_index(drop=True)
        ids = rows["id"].astype(str).str.strip().tolist()
        parents = [_text(v) or None for v in rows["parent_id"].astype(object)]
        has_child = set(p for p in parents if p)
        problems: list[str] = []
        local = rows["weight"].astype(object).map(
            lambda v: float("nan") if _text(v) == "" else float(v)).to_numpy(dtype=float)
        for i, (ident, parent) in enumerate(zip(ids, parents, strict=True)):
            where = f"criteria row {i + 2} (id {ident})"
            if parent is not None and parent not in ids:
                problems.append(f"{where}: parent_id '{parent}' is not a criterion.")
            given = _text(rows.at[i, "indicator"])
            if ident in has_child and given:
                problems.append(f"{where}: has sub-criteria and an indicator ('{given}'); "
                                "only leaves are scored.")
            if ident not in has_child and not given:
                problems.append(f"{where}: a criterion without sub-criteria needs an "
                                "indicator.")
            if given and known_indicators is not None and given not in known_indicators:
                problems.append(f"{where}: unknown indicator '{given}'; known: "
                                f"{', '.join(known_indicators)}.")
            if not np.isfinite(local[i]):
                problems.append(f"{where}: weight is empty; every criterion needs a local "
                                "weight.")
            adopted_on = _text(rows.at[i, "adopted_on"]) if "adopted_on" in rows else ""
            if adopted_on and not _DATE.match(adopted_on):
                problems.append(f"{where}: adopted_on '{adopted_on}' is not a date "
                                "YYYY-MM-DD.")
        if problems:
            raise InputError("The afwegingskader cannot be used:\n- " + "\n- ".join(problems))
        # normalise local weights within siblings; global = product along the path
        frame = pd.DataFrame({"id": ids, "parent": [p or "" for p in parents],
                              "w": local})
        sums = frame.groupby("parent")["w"].transform("sum")
        zero = frame.loc[sums <= 0, "parent"].unique()
        if len(zero):
            raise InputError("The afwegingskader cannot be used: the local weights under "
                             f"{', '.join(p or '(top level)' for p in zero)} sum to 0.")
        norm = dict(zip(ids, frame["w"] / sums, strict=True))
        global_weight = global_weights(pd.Series(local, index=ids),
                                       pd.Series([p or None for p in parents], index=ids)
                                       ).to_dict()
        criteria = []
        for i, ident in enumerate(ids):
            indicator = _text(rows.at[i, "indicator"]) or None
            direction = _text(rows.at[i, "direction"]) or "benefit"
            kind = _text(rows.at[i, "value_function"]) or "linear"
            where = f"criteria row {i + 2} (id {ident})"
            points = parse_points(_text(rows.at[i, "value_points"])
                                  if "value_points" in rows else "", kind, direction,
                                  where) if indicator else ()
            criteria.append(Criterion(
                id=ident, parent_id=parents[i], name=_text(rows.at[i, "name"]),
                group=_text(rows.at[i, "group"]), indicator=indicator, direction=direction,
                unit=_text(rows.at[i, "unit"]),
                value_function=ValueFunction(kind, direction, points),
                local_weight=float(norm[ident]), global_weight=global_weight[ident],
                motivation=_text(rows.at[i, "motivation"]), basis=_text(rows.at[i, "basis"]),
                owner=_text(rows.at[i, "owner"]),
                version=_text(rows.at[i, "version"]) if "version" in rows else "",
                status=(_text(rows.at[i, "status"]) if "status" in rows else "") or "concept",
                adopted_by=_text(rows.at[i, "adopted_by"]) if "adopted_by" in rows else "",
                adopted_on=_text(rows.at[i, "adopted_on"]) if "adopted_on" in rows else ""))
        return cls(tuple(criteria))

    # --- reading ------------------------------------------------------------------------------

    def leaves(self) -> list[Criterion]:
        return [c for c in self.criteria if c.is_leaf]

    def by_id(self, ident: str) -> Criterion:
        for c in self.criteria:
            if c.id == ident:
                return c
        raise KeyError(ident)

    def weights(self) -> pd.Series:
        """Global weights of the leaves (sum 1), indexed by criterion id."""
        leaves = self.leaves()
        return pd.Series([c.global_weight for c in leaves], index=[c.id for c in leaves],
                         name="weight")

    @property
    def status(self) -> str:
        """``adopted`` when every criterion is adopted, else ``concept``."""
        return "adopted" if all(c.status == "adopted" for c in self.criteria) else "concept"

    @property
    def version(self) -> str:
        versions = sorted({c.version for c in self.criteria if c.version})
        return ", ".join(versions)

    def status_text(self, lang: str = "nl") -> str:
        """One sentence on version and adoption, for reports."""
        version = self.version or ("zonder versie" if lang != "en" else "no version")
        adopted = [c for c in self.criteria if c.status == "adopted"]
        if self.status == "adopted":
            bodies = sorted({f"{c.adopted_by} ({c.adopted_on})".strip() for c in adopted})
            return (f"Afwegingskader {version}, vastgesteld door {', '.join(bodies)}."
                    if lang != "en" else
                    f"Framework {version}, adopted by {', '.join(bodies)}.")
        return (f"Afwegingskader {version}: concept ({len(adopted)} van "
                f"{len(self.criteria)} criteria vastgesteld)." if lang != "en" else
                f"Framework {version}: concept ({len(adopted)} of {len(self.criteria)} "
                "criteria adopted).")

    def warnings(self, lang: str = "nl") -> list[str]:
        """What a reader should know: grid-operator groups owned by someone else, criteria
        without a basis."""
        found = []
        for c in self.criteria:
            if c.group in GRID_OPERATOR_GROUPS and c.owner and \
                    "netbeheer" not in c.owner.lower() and "grid" not in c.owner.lower():
                found.append(
                    f"Criterium {c.id} ({c.group}) heeft eigenaar '{c.owner}'; realiseerbaarheid "
                    "en systeemtoets horen bij de netbeheerders." if lang != "en" else
                    f"Criterion {c.id} ({c.group}) is owned by '{c.owner}'; feasibility and "
                    "system check belong to the grid operators.")
            if not c.basis:
                found.append(f"Criterium {c.id} heeft geen grondslag (basis)." if lang != "en"
                             else f"Criterion {c.id} has no basis.")
        return found

    def with_weights(self, local: Mapping[str, float]) -> Framework:
        """The same tree with some local weights replaced (for example a workshop's), global
        weights recomputed. A sibling that ``local`` does not name keeps its normalised local
        weight, so name every sibling of a group you re-weigh."""
        unknown = sorted(set(local) - {c.id for c in self.criteria})
        if unknown:
            raise InputError(f"Unknown criteria in the weights: {', '.join(unknown)}.")
        table = self.to_frame()
        table["weight"] = [local.get(i, w) for i, w in zip(table["id"], table["weight"],
                                                            strict=True)]
        rebuilt = Framework.from_table(table)
        return Framework(tuple(replace(old, local_weight=new.local_weight,
                                       global_weight=new.global_weight)
                               for old, new in zip(self.criteria, rebuilt.criteria,
                                                   strict=True)))

    def to_frame(self, lang: str | None = None) -> pd.DataFrame:
        """The tree as a table: the contract's columns plus ``global_weight`` (and, with
        ``lang``, a readable ``value_function_text``)."""
        frame = pd.DataFrame([{
            "id": c.id, "parent_id": c.parent_id or "", "name": c.name, "group": c.group,
            "indicator": c.indicator or "", "direction": c.direction, "unit": c.unit,
            "value_function": c.value_function.kind,
            "value_points": "; ".join(f"{x:g}:{v:g}" for x, v in c.value_function.points),
            "weight": c.local_weight, "global_weight": c.global_weight,
            "motivation": c.motivation, "basis": c.basis, "owner": c.owner,
            "version": c.version, "status": c.status, "adopted_by": c.adopted_by,
            "adopted_on": c.adopted_on} for c in self.criteria])
        if lang is not None:
            frame["value_function_text"] = [c.value_function.describe(lang)
                                            for c in self.criteria]
        return frame

    # --- scoring ------------------------------------------------------------------------------

    def partial_values(self, performance: pd.DataFrame, variants: Sequence[str],
                       scenarios: Sequence[str]) -> np.ndarray:
        """(S, A, C) partial values of ``variants`` in ``scenarios`` on the leaves, from a long
        table ``variant, scenario, indicator, value``. A linear function without points uses
        the range over all variants and scenarios, so that scenarios share one scale."""
        leaves = self.leaves()
        cube = performance.pivot_table(index=["scenario", "variant"], columns="indicator",
                                       values="value", aggfunc="first", dropna=False)
        missing = sorted({str(c.indicator) for c in leaves if c.indicator not in cube.columns})
        if missing:
            raise InputError(f"No values for the indicator(s) {', '.join(map(str, missing))}.")
        index = pd.MultiIndex.from_product([list(scenarios), list(variants)])
        cube = cube.reindex(index)
        out = np.empty((len(scenarios), len(variants), len(leaves)))
        for j, c in enumerate(leaves):
            raw = cube[c.indicator].to_numpy(dtype=float).reshape(len(scenarios),
                                                                 len(variants))
            if np.isnan(raw).any():
                raise InputError(f"Criterion {c.id}: indicator '{c.indicator}' has no value "
                                 "for some variant or scenario (is the year beyond the "
                                 "horizon?).")
            out[:, :, j] = c.value_function(raw, float(raw.min()), float(raw.max()))
        return out
