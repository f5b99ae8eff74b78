"""Step 3 as one stage: ``design_variants`` designs one variant per lens, with the greedy
baseline beside each and every schedule checked independently, and returns one frozen
:class:`VariantSet`.

The per-lens loop lives here and only here: the CLI, the assessment (``pmiek assess`` without
``--variants``), the web application and the programme document all call this function.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from pmiek.domain.choices import check_scenarios, check_years
from pmiek.domain.defaults import FIRST_YEAR, VARIANTS_HORIZON
from pmiek.domain.provenance import ProgressCallback, Provenance, no_progress
from pmiek.domain.workspace import Workspace
from pmiek.errors import InputError, said
from pmiek.variants.greedy import greedy, nothing
from pmiek.variants.instance import build_instance
from pmiek.variants.lenses import Lens
from pmiek.variants.result import Method, VariantResult
from pmiek.variants.solve import solve
from pmiek.variants.solver import SolverOptions
from pmiek.variants.verify import Violation, verify
from pmiek.variants.why import explain

COMPARISON_COLUMNS = [
    "lens", "label", "folder", "termination", "mip_gap", "seconds", "objective_meur",
    "projects_built", "capex_meur", "homes_connected_2030", "homes_planned_2030",
    "industry_mw_2030", "overload_mw_years", "greedy_objective_meur", "nothing_objective_meur",
    "gain_milp_meur", "gain_greedy_meur", "ratio_milp_greedy", "improvement_meur",
    "value_meur_per_mw_year", "value_low_meur_per_mw_year", "value_high_meur_per_mw_year",
    "value_source", "violations", "message",
]
"""The columns of ``comparison.csv``, one row per lens. ``nothing_objective_meur`` is the
objective of building no candidate (only the investment plans' projects); the gains are the
MILP's and the greedy baseline's objective above it, and ``ratio_milp_greedy`` is the ratio
of those gains (empty when the greedy baseline gains nothing). ``value_*`` is the lens' value
of a connected MW-year of weight 1 — central, low and high — with its source (empty: the lens
names none)."""
LENS_FRAMES = ("schedule", "connected", "resource_use", "summary", "why")
"""The tables written per lens folder (``why``: :func:`~pmiek.variants.why.explain`)."""


@dataclass(frozen=True)
class LensOutcome:
    """One lens: the MILP's variant, the greedy baseline's (None without baseline), the
    violations that the independent check found in each (``method``: milp or greedy), the
    folder its files go to, and why each project is built or not (``why``: the rows of
    :func:`~pmiek.variants.why.explain`; None when not made)."""

    lens: Lens
    folder: str
    result: VariantResult
    baseline: VariantResult | None
    violations: tuple[tuple[Method, Violation], ...] = ()
    reference: VariantResult | None = None
    """Building no candidate (:func:`~pmiek.variants.greedy.nothing`), with the baseline."""
    why: pd.DataFrame | None = None

    @property
    def failed(self) -> bool:
        """No schedule, or a schedule that breaks a rule."""
        return bool(self.violations) or not self.result.feasible

    def comparison_row(self, lang: str = "nl") -> dict[str, object]:
        """The row of ``comparison.csv``."""
        result, base = self.result, self.baseline
        row: dict[str, object] = {
            "lens": self.lens.name, "label": self.lens.label(lang), "folder": self.folder,
            "termination": result.termination.value, "mip_gap": result.mip_gap,
            "seconds": result.seconds, "objective_meur": result.objective,
            "greedy_objective_meur": math.nan, "nothing_objective_meur": math.nan,
            "gain_milp_meur": math.nan, "gain_greedy_meur": math.nan,
            "ratio_milp_greedy": math.nan,
            "improvement_meur": math.nan,
            "value_meur_per_mw_year": self.lens.value.central,
            "value_low_meur_per_mw_year": self.lens.value.low,
            "value_high_meur_per_mw_year": self.lens.value.high,
            "value_source": self.lens.value.source_text(lang),
            "violations": len(self.violations),
            "message": result.message,
        }
        if result.feasible:
            row.update(result.expected())
        if base is not None and base.feasible:
            row["greedy_objective_meur"] = base.objective
            if result.feasible:
                row["improvement_meur"] = result.objective - base.objective
        zero = self.reference
        if zero is not None and zero.feasible:
            row["nothing_objective_meur"] = zero.objective
            if result.feasible:
                row["gain_milp_meur"] = result.objective - zero.objective
            if base is not None and base.feasible:
                row["gain_greedy_meur"] = base.objective - zero.objective
                if result.feasible and base.objective - zero.objective > 0:
                    row["ratio_milp_greedy"] = ((result.objective - zero.objective)
                                                / (base.objective - zero.objective))
        return row

    def frames(self) -> dict[str, pd.DataFrame]:
        """The lens folder's tables (empty without a schedule)."""
        if not self.result.feasible:
            return {}
        result = self.result
        tables = {"schedule": result.decided(), "connected": result.connections(),
                  "resource_use": result.resource_use(), "summary": result.summary(),
                  "why": self.why}
        return {f"{self.folder}/{name}": table for name in LENS_FRAMES
                if (table := tables[name]) is not None}


@dataclass(frozen=True)
class VariantSet:
    """The variants of every lens, designed on the same instance settings, with what produced
    them. ``scenarios`` is the choice (None: every scenario, the expected value)."""

    outcomes: tuple[LensOutcome, ...]
    scenarios: tuple[str, ...] | None
    level: str
    first_year: int
    horizon: int
    options: SolverOptions
    baseline: bool
    provenance: Provenance
    notes: tuple[str, ...] = field(default_factory=tuple)

    def to_frames(self, lang: str = "nl") -> dict[str, pd.DataFrame]:
        """``comparison`` and, per lens with a schedule, ``<folder>/schedule``,
        ``<folder>/connected``, ``<folder>/resource_use``, ``<folder>/summary`` and (when
        made) ``<folder>/why``."""
        frames = {"comparison": self.comparison(lang)}
        for outcome in self.outcomes:
            frames.update(outcome.frames())
        return frames

    def comparison(self, lang: str = "nl") -> pd.DataFrame:
        """One row per lens: how the solve ended and what the variant builds and connects."""
        rows = [outcome.comparison_row(lang) for outcome in self.outcomes]
        return pd.DataFrame(rows).reindex(columns=COMPARISON_COLUMNS)

    def results(self) -> dict[str, VariantResult]:
        """The variants that have a schedule, by lens name."""
        return {o.lens.name: o.result for o in self.outcomes if o.result.feasible}

    def lenses(self) -> dict[str, Lens]:
        return {o.lens.name: o.lens for o in self.outcomes}

    @property
    def failures(self) -> int:
        return sum(o.failed for o in self.outcomes)

    @property
    def reproducible(self) -> bool:
        """False when a solve was stopped by the wall-clock cap."""
        return all(o.result.reproducible for o in self.outcomes)

    def run_facts(self) -> dict[str, object]:
        """What a run's record holds beside the provenance: the scenarios designed for (all
        of them named when the choice was every scenario) and per lens how its solve ended
        (termination, the MIP gap reached — None without a solution —, seconds, nodes)."""
        named = self.scenarios or next(
            (tuple(str(s) for s in o.result.instance.scenarios) for o in self.outcomes), ())
        return {"scenarios": list(named), "solver_outcome": {o.lens.name: {
            "termination": o.result.termination.value,
            "mip_gap": None if math.isnan(o.result.mip_gap) else float(o.result.mip_gap),
            "seconds": round(float(o.result.seconds), 3), "nodes": int(o.result.nodes)}
            for o in self.outcomes}}


def folder_name(name: str, taken: set[str]) -> str:
    """A safe, unique folder name for a lens (added to ``taken``)."""
    base = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.") or "lens"
    folder, k = base, 2
    while folder in taken:
        folder, k = f"{base}-{k}", k + 1
    taken.add(folder)
    return folder


def check_level(workspace: Workspace, level: str) -> None:
    """``province`` or the id of an area of the workspace."""
    areas = workspace.areas
    if level != "province" and level not in set(areas["id"].astype(str)):
        hotspots = ", ".join(areas.loc[areas["kind"] == "hotspot", "id"].astype(str)) or "-"
        raise said(InputError,
                   nl=f"Niveau '{level}' bestaat niet: gebruik 'province' of een gebied "
                      f"(hotspots: {hotspots}).",
                   en=f"Level '{level}' does not exist: use 'province' or an area "
                      f"(hotspots: {hotspots}).")


def scenario_selection(workspace: Workspace, choice: str | Sequence[str] | None
                       ) -> tuple[str, ...] | None:
    """None for ``all``/None (every scenario, the expected value), else the named ones."""
    if choice is None or choice == "all":
        return None
    names = (choice,) if isinstance(choice, str) else tuple(choice)
    return tuple(check_scenarios(workspace, names))


@dataclass(frozen=True)
class DesignSettings:
    """What every lens is designed with."""

    scenarios: tuple[str, ...] | None = None
    level: str = "province"
    first_year: int = FIRST_YEAR
    horizon: int = VARIANTS_HORIZON
    fixed: Mapping[str, float | None] | None = None
    move_ip: bool = False
    options: SolverOptions = field(default_factory=SolverOptions)
    baseline: bool = True

    def parameters(self) -> dict[str, object]:
        return {"scenarios": list(self.scenarios) if self.scenarios else "all",
                "level": self.level, "first_year": self.first_year, "horizon": self.horizon,
                "fixed": dict(self.fixed) if self.fixed else {}, "move_ip": self.move_ip,
                "baseline": self.baseline}


def design_variants(workspace: Workspace, lenses: Sequence[Lens],
                    scenarios: str | Sequence[str] | None = None, *,
                    level: str = "province", first_year: int = FIRST_YEAR,
                    horizon: int = VARIANTS_HORIZON,
                    fixed: Mapping[str, float | None] | None = None, move_ip: bool = False,
                    options: SolverOptions | None = None, baseline: bool = True,
                    progress: ProgressCallback | None = None) -> VariantSet:
    """DESIGN.md's ``pmiek.variants.design_variants``: one variant per lens (through the
    one-lens :func:`~pmiek.variants.solve.design` steps), the greedy baseline beside it
    (``baseline``), every schedule checked by :func:`~pmiek.variants.verify.verify`, and
    why each project is built or not (:func:`~pmiek.variants.why.explain`).
    ``scenarios``: None/``"all"`` = the expected value over every scenario, or the named
    ones. ``progress`` is told before each lens."""
    if not lenses:
        raise said(InputError, nl="Geen lens gekozen.", en="No lens chosen.")
    check_years(first_year, horizon)
    check_level(workspace, level)
    settings = DesignSettings(scenario_selection(workspace, scenarios), level, first_year,
                              horizon, fixed, move_ip, options or SolverOptions(), baseline)
    tell = progress or no_progress
    taken: set[str] = set()
    outcomes: list[LensOutcome] = []
    for done, lens in enumerate(lenses):
        tell(done, len(lenses), lens.label("nl"))
        outcomes.append(_design_one(workspace, lens, folder_name(lens.name, taken), settings))
    tell(len(lenses), len(lenses), "")
    provenance = Provenance.of("variants", workspace, {
        "lenses": [lens.name for lens in lenses], **settings.parameters()},
        settings.options.record())
    return VariantSet(tuple(outcomes), settings.scenarios, level, first_year, horizon,
                      settings.options, baseline, provenance)


def _design_one(workspace: Workspace, lens: Lens, folder: str, settings: DesignSettings
                ) -> LensOutcome:
    instance = build_instance(workspace, lens, settings.scenarios, level=settings.level,
                              first_year=settings.first_year, horizon=settings.horizon,
                              fixed=settings.fixed, move_ip=settings.move_ip)
    result = solve(instance, options=settings.options)
    base = greedy(instance, settings.options) if settings.baseline else None
    zero = nothing(instance, settings.options) if settings.baseline else None
    checked: list[tuple[Method, VariantResult]] = [("milp", result)] if result.feasible else []
    if base is not None and base.feasible:
        checked.append(("greedy", base))
    violations = tuple((method, v) for method, variant in checked for v in verify(variant))
    why = explain(result, settings.options) if result.feasible else None
    return LensOutcome(lens, folder, result, base, violations, zero, why)


def from_results(workspace: Workspace, variants: Mapping[str, tuple[Lens, VariantResult]],
                stage: str = "variants (read)") -> VariantSet:
    """A :class:`VariantSet` of variants designed earlier (for example read back from a
    ``pmiek variants`` folder), so that the assessment takes one kind of input."""
    taken: set[str] = set()
    outcomes = tuple(LensOutcome(lens, folder_name(name, taken), result, None)
                     for name, (lens, result) in variants.items())
    first = next(iter(variants.values()))[1].instance if variants else None
    years = list(first.years) if first is not None else []
    scenarios = tuple(str(s) for s in first.scenarios) if first is not None else None
    provenance = Provenance.of(stage, workspace, {"lenses": list(variants)})
    return VariantSet(outcomes, scenarios, first.level if first is not None else "province",
                      int(years[0]) if len(years) else FIRST_YEAR,
                      int(years[-1]) if len(years) else VARIANTS_HORIZON, SolverOptions(),
                      False, provenance)
