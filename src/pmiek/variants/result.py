"""The typed result of a variant design, the same for the MILP and the greedy baseline."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from pmiek.domain.arrays import Bools, Floats, Ints
from pmiek.variants.instance import RESOURCES, Instance, Resource


class Termination(enum.Enum):
    """How the solve ended. Only OPTIMAL and GAP_LIMIT (within the asked gap) are accepted
    silently; NODE_LIMIT (the deterministic search limit) with a schedule is reported with its
    gap; TIME_LIMIT (the wall-clock safety cap) too, and its answer is not reproducible."""

    OPTIMAL = "optimal"
    GAP_LIMIT = "gap_limit"
    NODE_LIMIT = "node_limit"
    TIME_LIMIT = "time_limit"
    INFEASIBLE = "infeasible"
    UNBOUNDED = "unbounded"
    ERROR = "error"
    HEURISTIC = "heuristic"  # the greedy baseline: feasible, no bound


FEASIBLE = frozenset({Termination.OPTIMAL, Termination.GAP_LIMIT, Termination.NODE_LIMIT,
                      Termination.TIME_LIMIT, Termination.HEURISTIC})
"""The terminations that come with a schedule."""

Method = Literal["milp", "greedy", "file"]
"""What made a variant: the MILP, the greedy baseline, or files read back
(:func:`~pmiek.variants.decisions.rebuild`)."""


@dataclass(frozen=True)
class Shortfall:
    """A resource row that a request cannot meet: what is needed beyond what is there."""

    resource: Resource
    operator: str
    year: int
    missing: float


@dataclass(frozen=True)
class VariantResult:
    """One variant: the schedule and what it connects.

    ``start`` (P,) is each project's in-service year index (−1: not built); ``connected``
    (S, D, Y) the connected share of every new development; ``objective`` [M€] the expected
    discounted value minus overload penalty minus cost; ``mip_gap`` the relative gap
    (0 for optimal, NaN for the greedy baseline).
    """

    instance: Instance
    method: Method
    termination: Termination
    objective: float
    mip_gap: float
    seconds: float
    start: Ints  # (P,)
    connected: Floats  # (S, D, Y)
    overload: Floats  # (S, N) MW over capacity (tolerated existing overload)
    message: str = ""
    shortfalls: tuple[Shortfall, ...] = field(default_factory=tuple)
    nodes: int = 0  # branch-and-bound nodes the solver explored

    @property
    def feasible(self) -> bool:
        return self.termination in FEASIBLE

    @property
    def reproducible(self) -> bool:
        """False when the wall-clock cap stopped the search: then another run on a machine
        with another load may find another schedule."""
        return self.termination is not Termination.TIME_LIMIT

    def expected(self) -> dict[str, float]:
        """The summary's figures as expected values over the scenarios (by probability)."""
        summary = self.summary()
        weight = np.asarray(self.instance.probability, dtype=float)
        figures = ("homes_connected_2030", "homes_planned_2030", "industry_mw_2030",
                   "overload_mw_years")
        values = {key: float(np.dot(weight, summary[key].to_numpy(dtype=float)))
                  for key in figures}
        values["projects_built"] = float(summary["projects_built"].iloc[0])
        values["capex_meur"] = float(summary["capex_meur"].iloc[0])
        return values

    def decided(self) -> pd.DataFrame:
        """The schedule of the projects this run decides on. At province level every project;
        for an area (``level``) only its own projects and the commitments, so that its
        schedule can pin those in a province run (``fixed``) without forbidding the projects
        elsewhere, which an area run never builds."""
        schedule = self.schedule()
        p = self.instance
        if p.level == "province":
            return schedule
        own = set(p.project_ids[p.allowed.any(axis=1) | p.must_build])
        return schedule[schedule["project_id"].isin(own)].reset_index(drop=True)

    def in_service(self) -> Bools:
        """(P, Y) bool: project in service in each year."""
        years = np.arange(len(self.instance.years))
        return (self.start[:, None] >= 0) & (years[None, :] >= self.start[:, None])

    def schedule(self) -> pd.DataFrame:
        """project_id, name, kind, operator, status, in_service_year (<NA>: not built),
        capex_meur, fte_years, transformers — built projects first, by year."""
        p = self.instance
        year = pd.array(np.where(self.start >= 0, p.years[np.maximum(self.start, 0)], 0),
                        dtype="Int64")
        year[self.start < 0] = pd.NA
        operator = np.where(p.operator_of_project >= 0,
                            p.operators[np.maximum(p.operator_of_project, 0)]
                            if len(p.operators) else "", "")
        frame = pd.DataFrame({
            "project_id": p.project_ids, "name": p.project_names, "kind": p.project_kind,
            "operator": operator, "status": p.project_status, "in_service_year": year,
            "capex_meur": p.capex, "fte_years": p.fte_years, "transformers": p.transformers,
        })
        return frame.sort_values(["in_service_year", "project_id"], na_position="last",
                                 kind="stable").reset_index(drop=True)

    def resource_use(self) -> pd.DataFrame:
        """year, operator, resource, used, available (NaN: no limit)."""
        p = self.instance
        rows = []
        built = self.start >= 0
        for resource in RESOURCES:
            use = p.use(resource)  # (P, Y, T)
            per_project = np.zeros((p.n_projects, len(p.years)))
            per_project[built] = use[np.flatnonzero(built), self.start[built]]
            for r, operator in enumerate(p.operators):
                used = per_project[p.operator_of_project == r].sum(axis=0)
                rows.append(pd.DataFrame({
                    "year": p.years, "operator": operator, "resource": resource,
                    "used": used, "available": p.available(resource)[r]}))
        if not rows:
            return pd.DataFrame(columns=["year", "operator", "resource", "used", "available"])
        return pd.concat(rows, ignore_index=True)

    def binding(self, tolerance: float = 1e-6) -> pd.DataFrame:
        """Resource rows used to their limit (within ``tolerance`` relative)."""
        use = self.resource_use()
        limit = use["available"]
        tight = limit.notna() & (use["used"] >= limit * (1 - tolerance) - tolerance) & \
            (use["used"] > 0)
        return use[tight].reset_index(drop=True)

    def connections(self) -> pd.DataFrame:
        """Per scenario, new development and year: the connected share and MW."""
        p = self.instance
        n_s, n_d, n_y = self.connected.shape
        return pd.DataFrame({
            "scenario": np.repeat([str(s) for s in p.scenarios], n_d * n_y),
            "development_id": np.tile(np.repeat(p.dev_ids, n_y), n_s),
            "sector": np.tile(np.repeat(p.dev_sector, n_y), n_s),
            "year": np.tile(p.years, n_s * n_d),
            "connected_share": self.connected.reshape(-1),
            "connected_mw": (self.connected * p.size_mw).reshape(-1),
        })

    def summary(self) -> pd.DataFrame:
        """Per scenario: the figures a comparison table shows."""
        p = self.instance
        rows = []
        y2030 = np.flatnonzero(p.years == 2030)
        for i, name in enumerate(p.scenarios):
            share = self.connected[i]
            at = y2030[0] if len(y2030) else len(p.years) - 1
            industry = np.isin(p.dev_sector, ("industry", "business_park"))
            rows.append({
                "scenario": str(name),
                "homes_connected_2030": float((share[:, at] * p.homes[i][:, at]).sum()),
                "homes_planned_2030": float(p.homes[i][:, at].sum()),
                "industry_mw_2030": float((share[industry, at] * p.size_mw[i][industry, at])
                                          .sum()),
                "connected_mw_end": float((share[:, -1] * p.size_mw[i][:, -1]).sum()),
                "planned_mw_end": float(p.size_mw[i][:, -1].sum()),
                "overload_mw_years": float(self.overload[i].sum()),
            })
        frame = pd.DataFrame(rows)
        built = self.start >= 0
        frame["projects_built"] = int(built.sum())
        frame["capex_meur"] = float(p.capex[built].sum())
        frame["objective_meur"] = self.objective
        return frame
