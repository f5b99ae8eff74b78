"""The variant-design problem as arrays: projects, resources, developments, capacity rows.

``build_problem`` turns a workspace, its load projection and a lens into a :class:`Problem`
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
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

from pmiek.domain.sizing import developed_mw
from pmiek.domain.workspace import Workspace
from pmiek.errors import InputError
from pmiek.insight.hierarchy import closure
from pmiek.insight.inputs import gather, phasing_share, scenario_factors
from pmiek.insight.loads import project_loads
from pmiek.variants.lenses import Lens

FIRST_YEAR = 2026
HORIZON = 2035
"""The grid operators' investment plans look ahead over 2026–2035 (Startnotitie P-MIEK 2.0);
the resources table may run further, and ``horizon`` extends the design."""
FIXED_STATUSES = ("in_ip", "under_construction")
DIRECTIONS = ("demand", "feedin")
OVERLOAD_PENALTY = 2.0
"""An MW-year of overload costs this many times the highest value of an MW-year connected."""


@dataclass(frozen=True)
class Problem:
    """One variant-design instance. Shapes: ``S`` scenarios, ``Y`` years, ``P`` projects,
    ``R`` operators, ``D`` new developments, ``N`` capacity rows, ``Q`` (move, row) pairs."""

    lens: Lens
    level: str
    scenarios: tuple[str | None, ...]  # (S,)
    probability: np.ndarray  # (S,) weight of each scenario in the expected value
    years: np.ndarray  # (Y,)
    discount: np.ndarray  # (Y,)
    # projects
    project_ids: np.ndarray  # (P,)
    project_names: np.ndarray  # (P,)
    project_kind: np.ndarray  # (P,)
    project_status: np.ndarray  # (P,)
    operator_of_project: np.ndarray  # (P,) index into operators, −1 when it has no resources
    capex: np.ndarray  # (P,) M€
    fte_years: np.ndarray  # (P,)
    transformers: np.ndarray  # (P,)
    cost_factor: np.ndarray  # (P,) lens factor on cost in the objective
    allowed: np.ndarray  # (P, Y) bool: may be in service from year y
    must_build: np.ndarray  # (P,) bool
    spend: np.ndarray  # (P, Y, Y): share of capex and FTE in year t (axis 2) if in service
    #                    from year y (axis 1)
    material: np.ndarray  # (P, Y, Y): share of transformers likewise (same spread as spend)
    requires: np.ndarray  # (n, 2) int: (p, q) — p only when q is in service
    excludes: np.ndarray  # (n, 2) int: never both
    # resources
    operators: np.ndarray  # (R,)
    budget: np.ndarray  # (R, Y) M€, NaN = no limit
    fte: np.ndarray  # (R, Y)
    transformers_available: np.ndarray  # (R, Y)
    # developments
    dev_rows: np.ndarray  # (D,) row in workspace.developments
    dev_ids: np.ndarray  # (D,)
    dev_sector: np.ndarray  # (D,)
    value: np.ndarray  # (S, D, Y) weighted MW (undiscounted)
    size_mw: np.ndarray  # (S, D, Y) (demand + feed-in) × phasing × factor
    homes: np.ndarray  # (S, D, Y) homes realised (housing in homes), × phasing
    must_from: np.ndarray  # (D,) first year the development must be fully connected (NaN)
    # capacity rows
    row_asset: np.ndarray  # (N,) asset id
    row_year: np.ndarray  # (N,) year index
    row_direction: np.ndarray  # (N,) "demand" | "feedin"
    row_capacity: np.ndarray  # (N,) MW without the problem's projects
    row_delta: sparse.csr_matrix  # (N, P) MW added when the project is in service
    row_base: np.ndarray  # (S, N) MW of existing load at the peak hour (base topology)
    row_coef: tuple[sparse.csr_matrix, ...]  # S × (N, D) MW per unit of s[d, row_year]
    # re-parenting
    move_project: np.ndarray  # (Q,)
    move_row: np.ndarray  # (Q,)
    move_sign: np.ndarray  # (Q,) −1: the subtree leaves the row; +1: it arrives
    move_base: np.ndarray  # (S, Q)
    move_coef: tuple[sparse.csr_matrix, ...]  # S × (Q, D)
    move_low: np.ndarray  # (S, Q) bounds of the moved load (s in [0, 1])
    move_high: np.ndarray  # (S, Q)
    value_meur_per_mw_year: float
    penalty_meur_per_mw_year: float

    @property
    def n_projects(self) -> int:
        return len(self.project_ids)

    @property
    def n_developments(self) -> int:
        return len(self.dev_ids)

    def cost(self) -> np.ndarray:
        """(P, Y) discounted capex [M€] if in service from each year."""
        result: np.ndarray = np.einsum("pyt,t->py", self.spend, self.discount) * self.capex[:,
                                                                                           None]
        return result

    def use(self, resource: str) -> np.ndarray:
        """(P, Y, Y): the project's use of ``resource`` in year t if in service from year y."""
        if resource == "budget":
            return self.spend * self.capex[:, None, None]
        if resource == "fte":
            return self.spend * self.fte_years[:, None, None]
        if resource == "transformers":
            return self.material * self.transformers[:, None, None]
        raise KeyError(resource)

    def available(self, resource: str) -> np.ndarray:
        return {"budget": self.budget, "fte": self.fte,
                "transformers": self.transformers_available}[resource]


RESOURCES = ("budget", "fte", "transformers")


def _ids(text: object) -> list[str]:
    if text is None or (isinstance(text, float) and np.isnan(text)) or text is pd.NA:
        return []
    return [part.strip() for part in str(text).split(";") if part.strip()]


def _area_scope(workspace: Workspace, level: str) -> set[str] | None:
    """The areas inside hotspot ``level`` (itself and everything below), or None (province)."""
    if level == "province":
        return None
    areas = workspace.areas
    if level not in set(areas["id"]):
        hotspots = areas.loc[areas["kind"] == "hotspot", "id"].tolist()
        raise InputError(f"Niveau '{level}' bestaat niet: gebruik 'province' of een gebied, "
                         f"bijvoorbeeld een hotspot: {', '.join(map(str, hotspots[:12]))}.")
    parent = dict(zip(areas["id"].astype(str), areas["parent_id"].astype(object), strict=True))
    inside = {level}
    changed = True
    while changed:  # a few levels of areas
        grown = {a for a, p in parent.items() if isinstance(p, str) and p in inside} | inside
        changed = grown != inside
        inside = grown
    return inside


def _spend(build_years: np.ndarray, years: np.ndarray) -> np.ndarray:
    """(P, Y, Y) share in year t of a project in service from year y."""
    y = years[None, :, None]
    t = years[None, None, :]
    b = np.maximum(build_years, 1)[:, None, None]
    inside = (t >= y - b) & (t <= y - 1)
    result: np.ndarray = inside / b
    return result


def build_problem(workspace: Workspace, lens: Lens,
                  scenarios: Sequence[str | None] | None = None, *, level: str = "province",
                  first_year: int = FIRST_YEAR, horizon: int = HORIZON,
                  fixed: Mapping[str, float | None] | None = None,
                  move_ip: bool = False) -> Problem:
    """Build the instance. ``scenarios`` default to all of the workspace (or no scenario);
    ``fixed`` pins projects to an in-service year (``None``: not built), for example the
    decisions of a hotspot run in the province run."""
    if horizon < first_year:
        raise InputError(f"De horizon ({horizon}) ligt voor het eerste jaar ({first_year}).")
    years = np.arange(first_year, horizon + 1)
    n_y = len(years)
    if scenarios is None:
        scenarios = list(workspace.scenarios["id"]) or [None]
    scenarios = tuple(scenarios)
    known = set(workspace.scenarios["id"])
    for name in scenarios:
        if name is not None and name not in known:
            raise InputError(f"Scenario '{name}' bestaat niet; kies uit "
                             f"{', '.join(sorted(map(str, known)))}.")
    scope = _area_scope(workspace, level)
    fixed = dict(fixed or {})

    projects = workspace.projects
    status = projects["status"].astype(object).fillna("candidate").to_numpy()
    done = {str(p): -np.inf for p in projects["id"][status == "done"]}
    base_inputs = gather(workspace, scenarios[0], done, years)
    asset_ids = base_inputs.asset_ids.astype(str)
    a_index = pd.Index(asset_ids)
    base_parent = base_inputs.parents[0]
    up = closure(base_parent)  # up[a, b] = a is b or above it

    # --- developments ---------------------------------------------------------------------
    dev = workspace.developments
    start = dev["start_year"].to_numpy(dtype=float)
    end = dev["end_year"].to_numpy(dtype=float)
    new = start >= first_year
    if scope is not None:
        in_scope = dev["area_id"].astype(object).isin(scope).to_numpy()
        scope_assets = np.flatnonzero(
            np.asarray(up[:, a_index.get_indexer(
                dev["asset_id"][in_scope].dropna().astype(str).to_numpy())].sum(axis=1)
            ).ravel() > 0)
    else:
        in_scope = np.ones(len(dev), dtype=bool)
        scope_assets = np.arange(len(asset_ids))
    entries = base_inputs.entry_development
    decided = new & in_scope
    excluded = new & ~in_scope  # new developments elsewhere wait for their own run
    dev_rows = np.flatnonzero(decided & np.isin(np.arange(len(dev)), entries))
    d_of_row = np.full(len(dev), -1)
    d_of_row[dev_rows] = np.arange(len(dev_rows))
    share = phasing_share(start, end, years)
    sizes_frame = workspace.developments
    sizes = developed_mw(workspace)
    gross = (sizes["demand_mw"].to_numpy() + sizes["feedin_mw"].to_numpy())
    weight = lens.weights(sizes_frame["sector"], sizes_frame["policy_goals"])
    certainty = dev["certainty"].to_numpy(dtype=float, na_value=3.0) / 5.0
    quantity = dev["quantity"].to_numpy(dtype=float, na_value=0.0)
    is_homes = ((dev["unit"].astype(object) == "homes")
                & (dev["sector"].astype(object) == "housing")).to_numpy()
    sectors = dev["sector"].to_numpy(dtype=object)
    n_s = len(scenarios)
    value = np.zeros((n_s, len(dev_rows), n_y))
    size = np.zeros((n_s, len(dev_rows), n_y))
    for i, name in enumerate(scenarios):
        factor = scenario_factors(workspace, name, sectors[dev_rows], years)
        size[i] = gross[dev_rows, None] * share[dev_rows] * factor
        value[i] = size[i] * (weight * certainty)[dev_rows, None]
    homes = np.broadcast_to((quantity * is_homes)[dev_rows, None] * share[dev_rows],
                            (n_s, len(dev_rows), n_y)).copy()
    must_from = np.full(len(dev_rows), np.nan)
    priority = dev["acm_priority"].to_numpy(dtype=float, na_value=0.0)[dev_rows]
    for rule in lens.must_connect:
        hit = priority >= rule.min_acm_priority
        if rule.sectors:
            hit &= np.isin(sectors[dev_rows], rule.sectors)
        by = start[dev_rows] if rule.by is None else np.maximum(start[dev_rows], rule.by)
        must_from = np.where(hit, np.fmin(must_from, by), must_from)

    # --- projects -------------------------------------------------------------------------
    keep = status != "done"
    table = projects[keep]
    p_ids = table["id"].astype(str).to_numpy()
    p_status = status[keep]
    lead = table["lead_time_years"].to_numpy(dtype=float, na_value=0.0)
    earliest = table["earliest_year"].to_numpy(dtype=float, na_value=-np.inf)
    ip_year = table["ip_year"].to_numpy(dtype=float, na_value=np.nan)
    first_allowed = np.maximum(first_year + lead, earliest)
    allowed = years[None, :] >= first_allowed[:, None]
    is_fixed = np.isin(p_status, FIXED_STATUSES) & ~np.isnan(ip_year)
    must_build = is_fixed & (ip_year <= horizon)
    if not move_ip:
        pinned = np.maximum(ip_year, first_year)
        allowed[is_fixed] = years[None, :] == pinned[is_fixed, None]
    else:  # the optimiser may move them within their window, but must build them
        allowed[is_fixed & ~must_build] = False
    for pid, year in fixed.items():
        hits = np.flatnonzero(p_ids == str(pid))
        if not len(hits):
            raise InputError(f"Vastgelegd project '{pid}' bestaat niet of is al gereed.")
        p = hits[0]
        allowed[p] = False if year is None else years == year
        must_build[p] = year is not None and first_year <= float(year) <= horizon
    effects = workspace.project_effects
    effects = effects[effects["project_id"].astype(str).isin(set(p_ids))]
    if scope is not None:
        touched = effects["asset_id"].astype(str).isin(set(asset_ids[scope_assets])) | \
            effects["new_parent_id"].astype(object).isin(set(asset_ids[scope_assets]))
        local = table["area_id"].astype(object).isin(scope).to_numpy() | np.isin(
            p_ids, effects.loc[touched, "project_id"].astype(str).unique())
        # outside the hotspot: only the commitments (fixed projects) use resources
        allowed[~local & ~must_build] = False
    p_index = pd.Index(p_ids)
    requires, excludes = [], []
    for p, (req, exc) in enumerate(zip(table["requires"], table["excludes"], strict=True)):
        requires += [(p, q) for q in p_index.get_indexer(_ids(req)) if q >= 0]
        excludes += [(p, q) for q in p_index.get_indexer(_ids(exc)) if q > p]

    resources = workspace.resources
    operators = np.array(sorted(resources["operator"].astype(str).unique()), dtype=object)
    o_index = pd.Index(operators)
    y_index = pd.Index(years)
    frames = {}
    for column in ("budget_meur", "fte", "transformers"):
        grid = np.full((len(operators), n_y), np.nan)
        o = o_index.get_indexer(resources["operator"].astype(str))
        y = y_index.get_indexer(resources["year"].to_numpy(dtype=int))
        ok = (o >= 0) & (y >= 0)
        grid[o[ok], y[ok]] = resources[column].to_numpy(dtype=float, na_value=np.nan)[ok]
        frames[column] = grid

    # --- capacity rows --------------------------------------------------------------------
    assets = workspace.assets.set_index(workspace.assets["id"].astype(str))
    capacity_given = {key: assets[f"capacity_{key}_mw"].reindex(asset_ids).notna().to_numpy()
                      for key in DIRECTIONS}
    in_rows = np.zeros(len(asset_ids), dtype=bool)
    in_rows[scope_assets] = True
    row_a, row_y, row_k = [], [], []
    for k, key in enumerate(DIRECTIONS):
        a = np.flatnonzero(capacity_given[key] & in_rows)
        row_a.append(np.repeat(a, n_y))
        row_y.append(np.tile(np.arange(n_y), len(a)))
        row_k.append(np.full(len(a) * n_y, k))
    r_asset = np.concatenate(row_a)
    r_year = np.concatenate(row_y)
    r_dir = np.concatenate(row_k)
    n_rows = len(r_asset)
    row_of = np.full((len(asset_ids), n_y, 2), -1)
    row_of[r_asset, r_year, r_dir] = np.arange(n_rows)
    capacity = np.stack([base_inputs.capacity_demand_mw, base_inputs.capacity_feedin_mw], -1)
    r_capacity = capacity[r_asset, r_year, r_dir]

    e_asset = base_inputs.entry_asset
    e_profile = base_inputs.entry_profile
    e_dev = base_inputs.entry_development
    e_decision = d_of_row[e_dev]
    e_skip = excluded[e_dev]  # new developments outside the hotspot are left out
    # (row asset, entry) pairs: the entry lies at or below the row's asset
    pairs = up[:, e_asset].tocoo()
    pair_a, pair_e = pairs.row, pairs.col

    delta = np.zeros((n_rows, len(p_ids)))
    e_p = p_index.get_indexer(effects["project_id"].astype(str))
    e_a = a_index.get_indexer(effects["asset_id"].astype(str))
    for k, key in enumerate(DIRECTIONS):
        amount = effects[f"delta_{key}_mw"].to_numpy(dtype=float, na_value=0.0)
        for y in range(n_y):
            r = row_of[e_a, y, k]
            ok = (r >= 0) & (e_a >= 0)
            np.add.at(delta, (r[ok], e_p[ok]), amount[ok])

    moves = effects[effects["new_parent_id"].notna()]
    m_p = p_index.get_indexer(moves["project_id"].astype(str))
    m_child = a_index.get_indexer(moves["asset_id"].astype(str))
    m_new = a_index.get_indexer(moves["new_parent_id"].astype(str))
    ok = (m_child >= 0) & (m_new >= 0)
    m_p, m_child, m_new = m_p[ok], m_child[ok], m_new[ok]
    dense_up = up.toarray() > 0
    m_old = base_parent[m_child]
    old_anc = np.where(m_old[:, None] >= 0, dense_up[:, np.maximum(m_old, 0)].T, False)
    new_anc = dense_up[:, m_new].T  # (moves, assets)
    leave = old_anc & ~new_anc
    arrive = new_anc & ~old_anc
    q_move, q_asset = [], []
    q_sign = []
    for grid, sign in ((leave, -1.0), (arrive, 1.0)):
        mm, aa = np.nonzero(grid)
        q_move.append(mm)
        q_asset.append(aa)
        q_sign.append(np.full(len(mm), sign))
    qm = np.concatenate(q_move)
    qa = np.concatenate(q_asset)
    qs = np.concatenate(q_sign)
    # one (move, row) pair per year and direction with a row
    qm = np.repeat(qm, n_y * 2)
    qa_full = np.repeat(qa, n_y * 2)
    qs = np.repeat(qs, n_y * 2)
    qy = np.tile(np.repeat(np.arange(n_y), 2), len(qa))
    qk = np.tile(np.arange(2), len(qa) * n_y)
    q_row = row_of[qa_full, qy, qk]
    has_row = q_row >= 0
    qm, q_row, qs, qy, qk = qm[has_row], q_row[has_row], qs[has_row], qy[has_row], qk[has_row]
    n_q = len(q_row)
    # entries in each moved subtree
    sub = up[m_child][:, e_asset].tocoo()  # (moves, entries)
    sub_move, sub_entry = sub.row, sub.col

    row_base = np.zeros((n_s, n_rows))
    row_coef = []
    move_base = np.zeros((n_s, n_q))
    move_coef = []
    move_low = np.zeros((n_s, n_q))
    move_high = np.zeros((n_s, n_q))
    sign_of = np.array([1.0, -1.0])
    for i, name in enumerate(scenarios):
        inputs = base_inputs if i == 0 else gather(workspace, name, done, years)
        hours = _peak_hours(workspace, name, years, done, p_ids, must_build, ip_year,
                            m_new, asset_ids)
        net = inputs.entry_net_mw  # (entries, Y)
        profiles = inputs.profiles
        # every (pair, year, direction)
        n_pairs = len(pair_a)
        pa = np.repeat(pair_a, n_y * 2)
        pe = np.repeat(pair_e, n_y * 2)
        py = np.tile(np.repeat(np.arange(n_y), 2), n_pairs)
        pk = np.tile(np.arange(2), n_pairs * n_y)
        pr = row_of[pa, py, pk]
        use = (pr >= 0) & ~e_skip[pe]
        pa, pe, py, pk, pr = pa[use], pe[use], py[use], pk[use], pr[use]
        mw = sign_of[pk] * net[pe, py] * profiles[e_profile[pe], hours[pa, py, pk]]
        decision = e_decision[pe] >= 0
        row_base[i] = np.bincount(pr[~decision], weights=mw[~decision], minlength=n_rows)
        row_coef.append(sparse.csr_matrix(
            (mw[decision], (pr[decision], e_decision[pe[decision]])),
            shape=(n_rows, len(dev_rows))))
        # moved subtrees at each (move, row)
        if n_q:
            order = np.argsort(sub_move, kind="stable")
            starts = np.searchsorted(sub_move[order], np.arange(len(m_p) + 1))
            counts = np.diff(starts)[qm]
            qq = np.repeat(np.arange(n_q), counts)
            offsets = np.repeat(starts[qm], counts) + (np.arange(counts.sum())
                                                       - np.repeat(np.cumsum(counts) - counts,
                                                                   counts))
            ee = sub_entry[order][offsets]
            keep_e = ~e_skip[ee]
            qq, ee = qq[keep_e], ee[keep_e]
            row_asset_q = r_asset[q_row[qq]]
            mwq = sign_of[qk[qq]] * net[ee, qy[qq]] * profiles[
                e_profile[ee], hours[row_asset_q, qy[qq], qk[qq]]]
            dq = e_decision[ee] >= 0
            move_base[i] = np.bincount(qq[~dq], weights=mwq[~dq], minlength=n_q)
            coef = sparse.csr_matrix((mwq[dq], (qq[dq], e_decision[ee[dq]])),
                                     shape=(n_q, len(dev_rows)))
            move_coef.append(coef)
            move_low[i] = move_base[i] + np.asarray(coef.minimum(0).sum(axis=1)).ravel()
            move_high[i] = move_base[i] + np.asarray(coef.maximum(0).sum(axis=1)).ravel()
        else:
            move_coef.append(sparse.csr_matrix((0, len(dev_rows))))

    lens_value = lens.value_meur_per_mw_year
    top_weight = float(np.max(weight[dev_rows] * certainty[dev_rows], initial=1.0))
    return Problem(
        lens=lens, level=level, scenarios=scenarios,
        probability=np.full(n_s, 1.0 / n_s), years=years,
        discount=(1.0 + lens.discount_rate) ** -(years - first_year).astype(float),
        project_ids=p_ids, project_names=table["name"].astype(str).to_numpy(),
        project_kind=table["kind"].astype(str).to_numpy(), project_status=p_status,
        operator_of_project=o_index.get_indexer(table["operator"].astype(str)),
        capex=table["capex_meur"].to_numpy(dtype=float, na_value=0.0),
        fte_years=table["fte_years"].to_numpy(dtype=float, na_value=0.0),
        transformers=table["transformers"].to_numpy(dtype=float, na_value=0.0),
        cost_factor=lens.cost_factors(table["kind"]),
        allowed=allowed, must_build=must_build,
        spend=_spend(table["build_years"].to_numpy(dtype=float, na_value=1.0), years),
        material=_spend(table["build_years"].to_numpy(dtype=float, na_value=1.0), years),
        requires=np.array(requires, dtype=int).reshape(-1, 2),
        excludes=np.array(excludes, dtype=int).reshape(-1, 2),
        operators=operators, budget=frames["budget_meur"], fte=frames["fte"],
        transformers_available=frames["transformers"],
        dev_rows=dev_rows, dev_ids=dev["id"].astype(str).to_numpy()[dev_rows],
        dev_sector=sectors[dev_rows], value=value, size_mw=size, homes=homes,
        must_from=must_from,
        row_asset=asset_ids[r_asset], row_year=r_year,
        row_direction=np.array(DIRECTIONS)[r_dir], row_capacity=r_capacity,
        row_delta=sparse.csr_matrix(delta), row_base=row_base, row_coef=tuple(row_coef),
        move_project=m_p[qm] if n_q else np.zeros(0, dtype=int), move_row=q_row,
        move_sign=qs, move_base=move_base, move_coef=tuple(move_coef), move_low=move_low,
        move_high=move_high, value_meur_per_mw_year=lens_value,
        penalty_meur_per_mw_year=OVERLOAD_PENALTY * lens_value * top_weight,
    )


def _peak_hours(workspace: Workspace, scenario: str | None, years: np.ndarray,
                done: Mapping[str, float], p_ids: np.ndarray, must_build: np.ndarray,
                ip_year: np.ndarray, move_targets: np.ndarray,
                asset_ids: np.ndarray) -> np.ndarray:
    """(A, Y, 2) the hour of each asset's demand and feed-in peak: from the load engine under
    the investment plans; for assets that receive moved load, with every project in service
    (under the plans a candidate new station has no load, so no peak hour of its own)."""
    planned = dict(done)
    planned.update({str(p): max(float(y), float(years[0]))
                    for p, y, m in zip(p_ids, ip_year, must_build, strict=True) if m})
    loads = project_loads(workspace, scenario, schedule=planned, years=years)
    hours = np.stack([loads["peak_demand_hour"].to_numpy(),
                      loads["peak_feedin_hour"].to_numpy()], axis=-1)
    if len(move_targets):
        everything = dict(done)
        everything.update({str(p): float(years[0]) for p in p_ids})
        full = project_loads(workspace, scenario, schedule=everything, years=years)
        alt = np.stack([full["peak_demand_hour"].to_numpy(),
                        full["peak_feedin_hour"].to_numpy()], axis=-1)
        hours[move_targets] = alt[move_targets]
    return hours
