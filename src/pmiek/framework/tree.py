"""The afwegingskader as a criteria tree: groups, sub-criteria, value functions and weights.

A :class:`Framework` is read from the workspace's ``criteria`` table
(:mod:`pmiek.framework.criteria_table` finds every problem in it). Its leaves (criteria with
an indicator) are what variants are scored on; a leaf's *global* weight is the product of the
local weights on its path, each normalised within its siblings. Every criterion carries its
motivation, its basis (policy or legal source), its owner and its status: ``concept``, or
``adopted`` by a body on a date — the framework is adopted when all its criteria are. Value
functions are in :mod:`pmiek.framework.value_function`.

Problems are raised as :class:`~pmiek.errors.ValidationError` (an ``InputError``) carrying
every :class:`~pmiek.domain.problems.Problem` found.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt
import pandas as pd

from pmiek.domain.labels import localised
from pmiek.domain.problems import Code, Place, Problem, closest, errors
from pmiek.errors import ValidationError
from pmiek.framework.criteria_table import TABLE, CriteriaRows, KnownIndicators, read_criteria
from pmiek.framework.enums import CriterionStatus, Direction, ValueFunctionKind
from pmiek.framework.value_function import ValueFunction, parse_points
from pmiek.framework.weights import global_weights

GRID_OPERATOR_GROUPS = ("realiseerbaarheid", "systeemtoets")
"""DESIGN.md: realiseerbaarheid and systeemtoets belong to the grid operators."""

_NO_VERSION = {"nl": "zonder versie", "en": "no version"}
_ADOPTED = {"nl": "Afwegingskader {version}, vastgesteld door {bodies}.",
            "en": "Framework {version}, adopted by {bodies}."}
_CONCEPT = {"nl": "Afwegingskader {version}: concept ({adopted} van {total} criteria "
                  "vastgesteld).",
            "en": "Framework {version}: concept ({adopted} of {total} criteria adopted)."}
_OWNER = {"nl": "Criterium {id} ({group}) heeft eigenaar '{owner}'; realiseerbaarheid en "
                "systeemtoets horen bij de netbeheerders.",
          "en": "Criterion {id} ({group}) is owned by '{owner}'; feasibility and system "
                "check belong to the grid operators."}
_NO_BASIS = {"nl": "Criterium {id} heeft geen grondslag (basis).",
             "en": "Criterion {id} has no basis."}
_ALL_CASES = {"en": "all variants and scenarios", "nl": "alle varianten en scenario's"}
_CASE = {"en": "{variant} in {scenario}", "nl": "{variant} in {scenario}"}


@dataclass(frozen=True)
class Criterion:
    """One node of the tree."""

    id: str
    parent_id: str | None
    name: str
    group: str
    indicator: str | None
    direction: Direction
    unit: str
    value_function: ValueFunction
    local_weight: float
    global_weight: float
    motivation: str
    basis: str
    owner: str
    version: str
    status: CriterionStatus
    adopted_by: str
    adopted_on: str

    @property
    def is_leaf(self) -> bool:
        return self.indicator is not None

    @property
    def owned_by_grid_operators(self) -> bool:
        """Whether the owner names the grid operators (``netbeheer…`` or ``grid…``)."""
        owner = self.owner.lower()
        return "netbeheer" in owner or "grid" in owner


def _weights(rows: CriteriaRows) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Local weights normalised within their siblings, and global weights."""
    parents = [p or "" for p in rows.parents]
    frame = pd.DataFrame({"parent": parents, "w": rows.weights})
    local = (frame["w"] / frame.groupby("parent")["w"].transform("sum")).to_numpy(dtype=float)
    found = global_weights(pd.Series(rows.weights, index=rows.ids),
                           pd.Series(rows.parents, index=rows.ids, dtype=object))
    return local, found.to_numpy(dtype=float)


def _criterion(rows: CriteriaRows, i: int, local_weight: float,
               global_weight: float) -> Criterion:
    cell = {column: values[i] for column, values in rows.texts.items()}
    direction = Direction(cell["direction"] or Direction.BENEFIT)
    kind = ValueFunctionKind(cell["value_function"] or ValueFunctionKind.LINEAR)
    return Criterion(
        id=cell["id"], parent_id=cell["parent_id"] or None, name=cell["name"],
        group=cell["group"], indicator=cell["indicator"] or None, direction=direction,
        unit=cell["unit"], value_function=ValueFunction(kind, direction, rows.points[i]),
        local_weight=local_weight, global_weight=global_weight,
        motivation=cell["motivation"], basis=cell["basis"], owner=cell["owner"],
        version=cell["version"],
        status=CriterionStatus(cell["status"] or CriterionStatus.CONCEPT),
        adopted_by=cell["adopted_by"], adopted_on=cell["adopted_on"])


def _read(table: pd.DataFrame, known: KnownIndicators | None, source: str) -> CriteriaRows:
    rows, problems = read_criteria(table, known)
    if rows is None or errors(problems):
        raise ValidationError(problems, source=source)
    return rows


@dataclass(frozen=True)
class Framework:
    """The criteria tree; build it with :meth:`from_table`."""

    criteria: tuple[Criterion, ...]

    @classmethod
    def from_table(cls, table: pd.DataFrame,
                   known_indicators: KnownIndicators | None = None) -> Framework:
        """Read the ``criteria`` table and check what the data contract cannot: a leaf per
        indicator, known indicators, value points, weights that can be normalised, adoption
        dates.

        ``known_indicators`` are the indicator ids a leaf may use; given as a mapping id →
        direction (or → an object with a ``direction``, such as
        ``pmiek.assessment.indicators.REGISTRY``), a criterion that counts a cost indicator
        as a benefit, or the reverse, is an error too.

        Raises
        ------
        ValidationError
            Listing every problem, each naming table ``criteria``, the row and the column.
        """
        rows = _read(table, known_indicators, TABLE)
        local, found = _weights(rows)
        return cls(tuple(_criterion(rows, i, float(local[i]), float(found[i]))
                         for i in range(len(rows))))

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
    def status(self) -> CriterionStatus:
        """``adopted`` when every criterion is adopted, else ``concept``."""
        adopted = all(c.status is CriterionStatus.ADOPTED for c in self.criteria)
        return CriterionStatus.ADOPTED if adopted else CriterionStatus.CONCEPT

    @property
    def version(self) -> str:
        versions = sorted({c.version for c in self.criteria if c.version})
        return ", ".join(versions)

    def status_text(self, lang: str = "nl") -> str:
        """One sentence on version and adoption, for reports."""
        version = self.version or localised(_NO_VERSION, lang)
        adopted = [c for c in self.criteria if c.status is CriterionStatus.ADOPTED]
        if self.status is CriterionStatus.ADOPTED:
            bodies = sorted({f"{c.adopted_by} ({c.adopted_on})".strip() for c in adopted})
            return localised(_ADOPTED, lang).format(version=version, bodies=", ".join(bodies))
        return localised(_CONCEPT, lang).format(version=version, adopted=len(adopted),
                                                total=len(self.criteria))

    def warnings(self, lang: str = "nl") -> list[str]:
        """What a reader should know: grid-operator groups owned by someone else, criteria
        without a basis."""
        found = []
        for c in self.criteria:
            if c.group in GRID_OPERATOR_GROUPS and c.owner and not c.owned_by_grid_operators:
                found.append(localised(_OWNER, lang).format(id=c.id, group=c.group,
                                                            owner=c.owner))
            if not c.basis:
                found.append(localised(_NO_BASIS, lang).format(id=c.id))
        return found

    def with_weights(self, local: Mapping[str, float]) -> Framework:
        """The same tree with some local weights replaced (for example a workshop's), global
        weights recomputed. A sibling that ``local`` does not name keeps its normalised local
        weight, so name every sibling of a group you re-weigh.

        Raises
        ------
        ValidationError
            When ``local`` names a criterion the tree does not have (table ``weights``), or
            the new weights are unusable (negative, not numbers, a group summing to 0).
        """
        ids = [c.id for c in self.criteria]
        unknown = sorted(set(local) - set(ids))
        if unknown:
            raise ValidationError([Place("weights").problem(
                Code.DANGLING_REFERENCE, "criterion", got=str(name), expected="criteria.id",
                close=closest(str(name), ids)) for name in unknown], source="weights")
        table = pd.DataFrame({
            "id": ids, "parent_id": [c.parent_id or "" for c in self.criteria],
            "indicator": [c.indicator or "" for c in self.criteria],
            "weight": [local.get(c.id, c.local_weight) for c in self.criteria]})
        new_local, new_global = _weights(_read(table, None, "weights"))
        return Framework(tuple(replace(c, local_weight=float(lw), global_weight=float(gw))
                               for c, lw, gw in zip(self.criteria, new_local, new_global,
                                                    strict=True)))

    def to_frame(self, lang: str | None = None) -> pd.DataFrame:
        """The tree as a table: the contract's columns plus ``global_weight`` (and, with
        ``lang``, a readable ``value_function_text``)."""
        frame = pd.DataFrame([{
            "id": c.id, "parent_id": c.parent_id or "", "name": c.name, "group": c.group,
            "indicator": c.indicator or "", "direction": c.direction.value, "unit": c.unit,
            "value_function": c.value_function.kind.value,
            "value_points": "; ".join(f"{x:g}:{v:g}" for x, v in c.value_function.points),
            "weight": c.local_weight, "global_weight": c.global_weight,
            "motivation": c.motivation, "basis": c.basis, "owner": c.owner,
            "version": c.version, "status": c.status.value, "adopted_by": c.adopted_by,
            "adopted_on": c.adopted_on} for c in self.criteria])
        if lang is not None:
            frame["value_function_text"] = [c.value_function.describe(lang)
                                            for c in self.criteria]
        return frame

    # --- scoring ------------------------------------------------------------------------------

    def partial_values(self, performance: pd.DataFrame, variants: Sequence[str],
                       scenarios: Sequence[str]) -> npt.NDArray[np.float64]:
        """(S, A, C) partial values of ``variants`` in ``scenarios`` on the leaves, from a long
        table ``variant, scenario, indicator, value``. A linear function without points uses
        the range over all variants and scenarios, so that scenarios share one scale.

        Raises
        ------
        ValidationError
            Naming every leaf whose indicator lacks a value for some variant and scenario
            (table ``performance``).
        """
        leaves = self.leaves()
        cube = performance.pivot_table(index=["scenario", "variant"], columns="indicator",
                                       values="value", aggfunc="first", dropna=False)
        cube = cube.reindex(pd.MultiIndex.from_product([list(scenarios), list(variants)]))
        shape = (len(scenarios), len(variants))
        out = np.empty((*shape, len(leaves)))
        problems: list[Problem] = []
        for j, c in enumerate(leaves):
            raw = (cube[c.indicator].to_numpy(dtype=float) if c.indicator in cube.columns
                   else np.full(shape[0] * shape[1], np.nan)).reshape(shape)
            if np.isnan(raw).any():
                problems.append(_missing_values(c, raw, variants, scenarios))
                continue
            out[:, :, j] = c.value_function(raw, float(raw.min()), float(raw.max()))
        if problems:
            raise ValidationError(problems, source="performance")
        return out


def _missing_values(leaf: Criterion, raw: npt.NDArray[np.float64], variants: Sequence[str],
                    scenarios: Sequence[str]) -> Problem:
    """The problem of a leaf whose indicator has no value for some variant and scenario."""
    cases = dict(_ALL_CASES)
    if not np.isnan(raw).all():
        where = np.argwhere(np.isnan(raw))
        cases = {lang: "; ".join(text.format(variant=variants[a], scenario=scenarios[s])
                                 for s, a in where) for lang, text in _CASE.items()}
    return Place("performance").problem(
        Code.MISSING_INDICATOR_VALUES, "value", got=str(leaf.indicator), criterion=leaf.id,
        cases=cases["en"], cases_nl=cases["nl"])


__all__ = [
    "GRID_OPERATOR_GROUPS",
    "Criterion",
    "Framework",
    "ValueFunction",
    "parse_points",
]
