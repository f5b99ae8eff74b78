"""The variant-design instance as arrays: projects, resources, developments, capacity rows.

``build_instance`` turns a workspace, its load projection and a lens into a :class:`Instance`
that both the MILP (``model.py``) and the greedy baseline (``greedy.py``) read, and against
which ``verify.py`` checks every schedule. Definitions (DESIGN.md, "Variant design"; each a
documented default):

- Years: ``first_year`` … ``horizon`` (default 2026–2035, the horizon of the grid operators'
  investment plans that the Startnotitie P-MIEK 2.0 names).
- A project is *in service from* one year or not at all. Candidates: no earlier than
  max(first_year + lead time, earliest_year). ``in_ip``/``under_construction`` projects keep
  their ``ip_year`` (from ``first_year`` when it lies before it; not within the horizon when it
  lies after) unless ``move_ip`` lets them move within their window; they must be built.
  ``done`` projects are part of the existing grid.
- Capex, FTE and transformers are spread evenly over the ``build_years`` that end the year
  before the in-service year (transformers are delivered over the build, so a station with
  three transformers built in three years takes one a year). Spending before ``first_year``
  is not counted.
- A development is *new* (a decision) when it starts in ``first_year`` or later; the others
  are existing load. ``s[d, y]`` is the share of a new development that is connected.
- Value of new development d in year y: lens weight × (demand + feed-in) [MW] × certainty/5 ×
  phasing share × scenario factor (weighted MW), times the lens' M€ per weighted MW-year and
  the discount factor 1/(1+r)^(y − first_year).
- Capacity rows, per asset with a capacity, year and direction: the load at the asset's peak
  hour, each development contributing ``net[d, y] · profile[d][peak hour]`` (the load
  engine's peak hours), must stay within the capacity plus the capacity of projects in
  service. Load that was over capacity before any decision (existing load) is tolerated but
  penalised (``overload``), so that new connections never add to an overload and projects
  that relieve it gain value.
- Re-parenting: a project that moves asset c from parent o to n takes the load of c's subtree
  out of the rows of the assets above o (up to the first shared ancestor) and into those above
  n, from its in-service year. This is the product of a binary and a linear load, written
  exactly with four linear rows per (move, row) — the McCormick envelope of a binary.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Literal, TypedDict

import numpy as np
import pandas as pd
from numpy.typing import NDArray
from scipy import sparse

from pmiek.domain.arrays import Bools, Floats, Ints, Objects
from pmiek.domain.choice_rules import end_use_share, expand, multipliers, origins
from pmiek.domain.defaults import FIRST_YEAR as FIRST_YEAR  # importable from here too
from pmiek.domain.defaults import VARIANTS_HORIZON
from pmiek.domain.sizing import developed_mw
from pmiek.domain.workspace import Workspace
from pmiek.errors import InputError
from pmiek.insight.hierarchy import closure
from pmiek.insight.inputs import gather, phasing_share, scenario_factors
from pmiek.variants.lenses import Lens
from pmiek.variants.projects import project_fields
from pmiek.variants.rows import row_fields

HORIZON = VARIANTS_HORIZON
"""The grid operators' investment plans look ahead over 2026–2035 (Startnotitie P-MIEK 2.0);
the resources table may run further, and ``horizon`` extends the design. An alias of
:data:`pmiek.domain.defaults.VARIANTS_HORIZON`, as ``FIRST_YEAR`` here is
:data:`pmiek.domain.defaults.FIRST_YEAR`."""
OVERLOAD_PENALTY = 2.0
"""An MW-year of overload costs this many times the highest value of an MW-year connected."""


@dataclass(frozen=True)
class Instance:
    """One variant-design instance. Shapes: ``S`` scenarios, ``Y`` years, ``P`` projects,
    ``R`` operators, ``D`` new developments, ``N`` capacity rows, ``Q`` (move, row) pairs."""

    lens: Lens
    level: str
    scenarios: tuple[str | None, ...]  # (S,)
    probability: Floats  # (S,) weight of each scenario in the expected value
    years: Ints  # (Y,)
    discount: Floats  # (Y,)
    # projects
    project_ids: NDArray[np.str_]  # (P,)
    project_names: Objects  # (P,)
    project_kind: Objects  # (P,)
    project_status: Objects  # (P,)
    operator_of_project: Ints  # (P,) index into operators, −1 when it has no resources
    capex: Floats  # (P,) M€
    fte_years: Floats  # (P,)
    transformers: Floats  # (P,)
    cost_factor: Floats  # (P,) lens factor on cost in the objective
    allowed: Bools  # (P, Y): may be in service from year y
    must_build: Bools  # (P,)
    spend: Floats  # (P, Y, Y): share of capex and FTE in year t (axis 2) if in service
    #                from year y (axis 1)
    material: Floats  # (P, Y, Y): share of transformers likewise (same spread as spend)
    requires: Ints  # (n, 2): (p, q) — p only when q is in service
    excludes: Ints  # (n, 2): never both
    # resources
    operators: Objects  # (R,)
    budget: Floats  # (R, Y) M€, NaN = no limit
    fte: Floats  # (R, Y)
    transformers_available: Floats  # (R, Y)
    # developments
    dev_rows: Ints  # (D,) row in workspace.developments
    dev_ids: Objects  # (D,)
    dev_sector: Objects  # (D,)
    value: Floats  # (S, D, Y) weighted MW (undiscounted)
    size_mw: Floats  # (S, D, Y) (demand + feed-in) × phasing × factor
    homes: Floats  # (S, D, Y) homes realised (housing in homes), × phasing
    must_from: Floats  # (D,) first year the development must be fully connected (NaN)
    # capacity rows
    row_asset: NDArray[np.str_]  # (N,) asset id
    row_year: Ints  # (N,) year index
    row_direction: NDArray[np.str_]  # (N,) "demand" | "feedin"
    row_capacity: Floats  # (N,) MW without the instance's projects
    row_delta: sparse.csr_matrix  # (N, P) MW added when the project is in service
    row_base: Floats  # (S, N) MW of existing load at the peak hour (base topology)
    row_coef: tuple[sparse.csr_matrix, ...]  # S × (N, D) MW per unit of s[d, row_year]
    # re-parenting
    move_project: Ints  # (Q,)
    move_row: Ints  # (Q,)
    move_sign: Floats  # (Q,) −1: the subtree leaves the row; +1: it arrives
    move_base: Floats  # (S, Q)
    move_coef: tuple[sparse.csr_matrix, ...]  # S × (Q, D)
    move_low: Floats  # (S, Q) bounds of the moved load (s in [0, 1])
    move_high: Floats  # (S, Q)
    value_meur_per_mw_year: float
    penalty_meur_per_mw_year: float
    local: Bools | None = None
    """(P,) at a hotspot level: the projects local to it, which the run may choose (in one of
    its areas or acting on an asset its developments load; :func:`_local_projects`); the
    others only keep their commitments. None at province level (every project is local)."""

    @property
    def n_projects(self) -> int:
        return len(self.project_ids)

    @property
    def n_developments(self) -> int:
        return len(self.dev_ids)

    def cost(self) -> Floats:
        """(P, Y) discounted capex [M€] if in service from each year."""
        result: Floats = np.einsum("pyt,t->py", self.spend, self.discount) * self.capex[:, None]
        return result

    def use(self, resource: str) -> Floats:
        """(P, Y, Y): the project's use of ``resource`` in year t if in service from year y."""
        if resource == "budget":
            return self.spend * self.capex[:, None, None]
        if resource == "fte":
            return self.spend * self.fte_years[:, None, None]
        if resource == "transformers":
            return self.material * self.transformers[:, None, None]
        raise KeyError(resource)

    def available(self, resource: str) -> Floats:
        return {"budget": self.budget, "fte": self.fte,
                "transformers": self.transformers_available}[resource]


Resource = Literal["budget", "fte", "transformers"]
"""A limited resource of the operators."""
RESOURCES: tuple[Resource, ...] = ("budget", "fte", "transformers")


def _area_scope(workspace: Workspace, level: str) -> set[str] | None:
    """The areas inside hotspot ``level`` (itself and everything below), or None (province)."""
    if level == "province":
        return None
    areas = workspace.areas
    if level not in set(areas["id"]):
        hotspots = areas.loc[areas["kind"] == "hotspot", "id"].tolist()
        raise InputError(f"Niveau '{level}' bestaat niet: gebruik 'province' of een gebied, "
                         f"bijvoorbeeld een hotspot: {', '.join(map(str, hotspots[:12]))}.")
    ids = pd.Index(areas["id"].astype(str))
    below = closure(ids.get_indexer(areas["parent_id"].astype(object).fillna("")))
    return set(ids[below[ids.get_loc(level)].indices])  # the area and all areas below it


class DevelopmentFields(TypedDict):
    """The development fields of :class:`Instance` (see there for their shapes)."""

    dev_rows: Ints
    dev_ids: Objects
    dev_sector: Objects
    value: Floats
    size_mw: Floats
    homes: Floats
    must_from: Floats


def _development_fields(workspace: Workspace, lens: Lens, scenarios: Sequence[str | None],
                        years: Ints, dev_rows: Ints) -> tuple[DevelopmentFields, float]:
    """Value, size, homes and must-connect year of the new developments ``dev_rows``, and
    the highest lens weight (at least 1)."""
    dev = workspace.developments.iloc[dev_rows]
    start = dev["start_year"].to_numpy(dtype=float)
    share = phasing_share(start, dev["end_year"].to_numpy(dtype=float), years)
    sizes = developed_mw(workspace).iloc[dev_rows]
    gross = sizes["demand_mw"].to_numpy() + sizes["feedin_mw"].to_numpy()
    # a row made by a choice rule serves the end use of the development it came from: it
    # is valued and obliged as that one (pmiek.domain.choice_rules.origins, end_use_share)
    served = workspace.developments.iloc[origins(workspace)[dev_rows]]
    weight = lens.weights(served["sector"], served["policy_goals"]) * \
        served["certainty"].to_numpy(dtype=float, na_value=3.0) / 5.0
    sectors = dev["sector"].to_numpy(dtype=object)
    served_sectors = served["sector"].to_numpy(dtype=object)
    carriers = dev["carrier"].to_numpy(dtype=object)
    size = np.stack([gross[:, None] * share
                     * scenario_factors(workspace, name, sectors, years, carriers)
                     * multipliers(workspace, name, years)[dev_rows]
                     for name in scenarios]) if len(scenarios) else np.zeros((0, 0, 0))
    is_homes = ((dev["unit"].astype(object) == "homes")
                & (dev["sector"].astype(object) == "housing")).to_numpy()
    homes = dev["quantity"].to_numpy(dtype=float, na_value=0.0) * is_homes
    must_from = np.full(len(dev), np.nan)
    priority = dev["acm_priority"].to_numpy(dtype=float, na_value=0.0)
    for rule in lens.must_connect:  # a rule or two per lens
        hit = priority >= rule.min_acm_priority
        if rule.sectors:
            hit &= np.isin(served_sectors, rule.sectors)
        by = start if rule.by is None else np.maximum(start, rule.by)
        must_from = np.where(hit, np.fmin(must_from, by), must_from)
    return {
        "dev_rows": dev_rows, "dev_ids": dev["id"].astype(str).to_numpy(),
        "dev_sector": sectors,
        # value the end use once: a made row's MW of another carrier count as the MW they
        # took over (pmiek.domain.choice_rules.end_use_share)
        "value": size * (weight * end_use_share(workspace)[dev_rows])[None, :, None],
        "size_mw": size,
        "homes": np.broadcast_to(homes[:, None] * share, size.shape).copy(),
        "must_from": must_from,
    }, float(np.max(weight, initial=1.0))


def at_value(instance: Instance, value: float) -> Instance:
    """``instance`` at ``value`` M€ per weighted MW-year instead of its lens' central value
    (a point of the lens' range, :class:`~pmiek.variants.lenses.ConnectionValue`): the same
    developments, rows, projects, resources and costs; the overload penalty, a multiple of the
    value (:data:`OVERLOAD_PENALTY`), scaled alike."""
    factor = value / instance.value_meur_per_mw_year
    return replace(instance, lens=instance.lens.at_value(value), value_meur_per_mw_year=value,
                   penalty_meur_per_mw_year=instance.penalty_meur_per_mw_year * factor)


def _local_projects(workspace: Workspace, scope: set[str], assets: set[str]) -> set[str]:
    """Projects a hotspot run may choose: in one of its areas, or acting on its assets."""
    effects = workspace.project_effects
    touched = effects["asset_id"].astype(str).isin(assets) | \
        effects["new_parent_id"].astype(object).isin(assets)
    projects = workspace.projects
    inside = projects.loc[projects["area_id"].astype(object).isin(scope), "id"]
    return set(inside.astype(str)) | set(effects.loc[touched, "project_id"].astype(str))


def build_instance(workspace: Workspace, lens: Lens,
                  scenarios: Sequence[str | None] | None = None, *, level: str = "province",
                  first_year: int = FIRST_YEAR, horizon: int = VARIANTS_HORIZON,
                  fixed: Mapping[str, float | None] | None = None,
                  move_ip: bool = False) -> Instance:
    """Build the instance. ``scenarios`` default to all of the workspace (or no scenario);
    ``fixed`` pins projects to an in-service year (``None``: not built), for example the
    decisions of a hotspot run in the province run."""
    if horizon < first_year:
        raise InputError(f"De horizon ({horizon}) ligt voor het eerste jaar ({first_year}).")
    workspace = expand(workspace)  # the rows the Energievisie's choices make
    years = np.arange(first_year, horizon + 1)
    if scenarios is None:
        scenarios = list(workspace.scenarios["id"]) or [None]
    scenarios = tuple(scenarios)
    known = set(workspace.scenarios["id"])
    for name in scenarios:
        if name is not None and name not in known:
            raise InputError(f"Scenario '{name}' bestaat niet; kies uit "
                             f"{', '.join(sorted(map(str, known)))}.")
    scope = _area_scope(workspace, level)

    projects = workspace.projects
    done = {str(p): -np.inf for p in projects.loc[projects["status"] == "done", "id"]}
    base = gather(workspace, scenarios[0], done, years)
    up = closure(base.parents[0])  # up[a, b] = 1: a is b or above it (base topology)

    dev = workspace.developments
    new = dev["start_year"].to_numpy(dtype=float) >= first_year
    if scope is None:
        in_scope = np.ones(len(dev), dtype=bool)
        in_rows = np.ones(base.n_assets, dtype=bool)
    else:
        in_scope = dev["area_id"].astype(object).isin(scope).to_numpy()
        own = pd.Index(base.asset_ids.astype(str)).get_indexer(
            dev["asset_id"][in_scope].dropna().astype(str).to_numpy())
        in_rows = np.asarray(up[:, own[own >= 0]].sum(axis=1)).ravel() > 0
    loaded = np.zeros(len(dev), dtype=bool)
    loaded[base.entry_development] = True
    dev_rows = np.flatnonzero(new & in_scope & loaded)
    decision_of_dev = np.full(len(dev), -1)
    decision_of_dev[dev_rows] = np.arange(len(dev_rows))
    developments, top_weight = _development_fields(workspace, lens, scenarios, years, dev_rows)

    local = None if scope is None else _local_projects(
        workspace, scope, set(base.asset_ids.astype(str)[in_rows]))
    project = project_fields(workspace, lens, years, fixed=dict(fixed or {}), move_ip=move_ip,
                             local=local)
    rows = row_fields(workspace, scenarios, years, base=base, done=done, projects=project,
                      in_rows=in_rows, decision_of_dev=decision_of_dev,
                      left_out=new & ~in_scope, up=up)
    value = lens.value_meur_per_mw_year
    return Instance(
        lens=lens, level=level, scenarios=scenarios,
        probability=np.full(len(scenarios), 1.0 / len(scenarios)), years=years,
        discount=(1.0 + lens.discount_rate) ** -(years - first_year).astype(float),
        **project, **developments, **rows, value_meur_per_mw_year=value,
        penalty_meur_per_mw_year=OVERLOAD_PENALTY * value * top_weight,
        local=None if local is None else np.isin(project["project_ids"], sorted(local)),
    )
