"""Why a variant builds each project and leaves each other candidate out (``pmiek.variants.why``).

Every reason is checked against its own predicate, computed here from the instance's arrays
with plain numpy (loads, worst-case loads, resource use), not with ``why.py`` or ``verify.py``:

- ``relieves``: the named row is one the project relieves, and in some scenario it is
  overloaded without the project (connections kept) and more than with it;
- ``enables``: the named project is built, requires it, and relieves something itself;
- ``committed`` / ``no_relief``: taking it out overloads nothing; must-build or not;
- ``prerequisite``: the named project is required and not built;
- ``no_year``: no allowed year;
- ``not_needed``: every row it relieves, from its first allowed year, stays within capacity in
  every scenario even in the worst case of connections;
- ``cheaper_alternative``: the named row is overloaded in that worst case and relieved by both,
  and the named built project's capex per MW relieved there is lower;
- ``excluded``: the two exclude each other and the named one is built;
- ``prerequisite_late``: the named prerequisite comes after its last allowed year;
- ``resources``: forced in at its earliest possible year, the named resource row exceeds its
  limit, and in every other possible year some row does;
- ``lower_value`` / ``within_gap``: the objective of the schedule with the project forced in
  (``greedy.evaluate``, a model of its own) against the schedule's own.

A hand-built instance gives every reason at least once; on Utrecht (lens evenwichtig, KM)
every project is checked the same way.
"""

from __future__ import annotations

import dataclasses
from functools import cache

import numpy as np
import pandas as pd
import pytest
from scipy import sparse

from pmiek.adapters.files import read_workspace
from pmiek.domain.choice_rules import expand
from pmiek.variants.greedy import evaluate
from pmiek.variants.instance import Instance
from pmiek.variants.result import VariantResult
from pmiek.variants.why import CHOSEN_REASONS, UNCHOSEN_REASONS, WHY_COLUMNS, explain
from tests.variants.instances import LENS, spend_shares
from tests.variants.test_utrecht_lenses import variant

TOL = 1e-6
ASSETS = ("A", "C", "E", "F", "G", "H", "K", "L")
"""One asset per situation of the hand-built instance (see ``hand_built``)."""
FEEDIN = {"E"}
SIZE = {"A": (50.0, 60.0), "C": (5.0, 6.0), "E": (30.0, 30.0), "F": (30.0, 30.0),
        "G": (30.0, 30.0), "H": (30.0, 30.0), "K": (30.0, 30.0), "L": (5.0, 5.0)}
"""MW of the one new development behind each asset, per scenario."""
CAPACITY = {"A": 10.0, "C": 100.0, "E": 0.0, "F": 10.0, "G": 10.0, "H": 10.0, "K": 10.0,
            "L": 100.0}
# project: (asset it adds to or None, MW, capex, allowed year indices, operator, built year)
PROJECTS: dict[str, tuple[str | None, float, float, tuple[int, ...], int, int]] = {
    "P0": ("A", 20.0, 10.0, (1, 2, 3), 0, 1),       # relieves A
    "P1": ("A", 20.0, 40.0, (0, 1, 2, 3), 0, -1),   # 2 M€/MW against P0's 0.5
    "X": ("C", 10.0, 5.0, (0, 1, 2, 3), 0, -1),     # C never overloaded
    "P2": ("A", 10.0, 1.0, (0, 1, 2, 3), 0, -1),    # requires X
    "P6": ("A", 10.0, 1.0, (), 0, -1),              # no year in the horizon
    "P7": ("F", 20.0, 10.0, (0, 1, 2, 3), 0, -1),   # excludes P0
    "P8": ("G", 20.0, 10.0, (0,), 0, -1),           # requires P0, which comes in year 1
    "P4": ("G", 20.0, 100.0, (1, 2, 3), 0, -1),     # needs 100 M€ in a year; budget 50
    "P5": ("E", 5.0, 60.0, (1, 2, 3), -1, -1),      # 5 MW of feed-in for 60 M€
    "W": ("K", 20.0, 1.0, (1, 2, 3), -1, -1),       # 20 MW for 1 M€, left out by hand
    "Q0": (None, 0.0, 1.0, (1, 2, 3), 0, 1),        # relieves nothing; Q1 requires it
    "Q1": ("H", 20.0, 2.0, (1, 2, 3), 0, 1),        # relieves H
    "M0": (None, 0.0, 1.0, (0,), 0, 0),             # must be built, relieves nothing
    "N0": ("L", 10.0, 1.0, (0, 1, 2, 3), 0, 0),     # L never overloaded
}
EXPECTED = {"P0": "relieves", "Q1": "relieves", "Q0": "enables", "M0": "committed",
            "N0": "no_relief", "P1": "cheaper_alternative", "X": "not_needed",
            "P2": "prerequisite", "P6": "no_year", "P7": "excluded",
            "P8": "prerequisite_late", "P4": "resources", "P5": "lower_value",
            "W": "within_gap"}
"""What each project of the hand-built instance is, by construction (see PROJECTS)."""


def hand_built() -> tuple[Instance, np.ndarray]:
    """Two scenarios, 2026–2029, one development and one asset (four yearly rows) per
    situation, one operator with 50 M€ a year; and the schedule to explain."""
    years = np.arange(2026, 2030)
    n_y, n_a = len(years), len(ASSETS)
    ids = list(PROJECTS)
    n_p = len(ids)
    row_asset = np.repeat(np.array(ASSETS), n_y)
    row_year = np.tile(np.arange(n_y), n_a)
    direction = np.where(np.isin(row_asset, list(FEEDIN)), "feedin", "demand")
    coef = tuple(sparse.csr_matrix(np.kron(np.diag([SIZE[a][s] for a in ASSETS]),
                                           np.ones((n_y, 1)))) for s in range(2))
    delta = np.zeros((n_a * n_y, n_p))
    allowed = np.zeros((n_p, n_y), dtype=bool)
    for k, (asset, mw, _, window, _, _) in enumerate(PROJECTS.values()):
        if asset is not None:
            delta[row_asset == asset, k] = mw
        allowed[k, list(window)] = True
    size = np.stack([np.repeat([[SIZE[a][s]] for a in ASSETS], n_y, axis=1)
                     for s in range(2)])
    build = np.ones(n_p)
    instance = Instance(
        lens=LENS, level="province", scenarios=("laag", "hoog"),
        probability=np.array([0.5, 0.5]), years=years,
        discount=1.0225 ** -(years - years[0]).astype(float),
        project_ids=np.array(ids, dtype=str), project_names=np.array(ids, dtype=object),
        project_kind=np.full(n_p, "expansion", dtype=object),
        project_status=np.where(np.array(ids) == "M0", "in_ip", "candidate").astype(object),
        operator_of_project=np.array([v[4] for v in PROJECTS.values()]),
        capex=np.array([v[2] for v in PROJECTS.values()]), fte_years=np.zeros(n_p),
        transformers=np.zeros(n_p), cost_factor=np.ones(n_p), allowed=allowed,
        must_build=np.array(ids) == "M0", spend=spend_shares(build, years, False),
        material=spend_shares(build, years, True),
        requires=np.array([[ids.index("P2"), ids.index("X")], [ids.index("P8"), ids.index("P0")],
                           [ids.index("Q1"), ids.index("Q0")]]),
        excludes=np.array([[ids.index("P0"), ids.index("P7")]]),
        operators=np.array(["Stedin"], dtype=object), budget=np.full((1, n_y), 50.0),
        fte=np.full((1, n_y), np.nan), transformers_available=np.full((1, n_y), np.nan),
        dev_rows=np.arange(n_a), dev_ids=np.array([f"D{a}" for a in ASSETS], dtype=str),
        dev_sector=np.full(n_a, "housing", dtype=object), value=size.copy(), size_mw=size,
        homes=np.zeros_like(size), must_from=np.full(n_a, np.nan),
        row_asset=row_asset.astype(str), row_year=row_year, row_direction=direction,
        row_capacity=np.repeat([CAPACITY[a] for a in ASSETS], n_y),
        row_delta=sparse.csr_matrix(delta), row_base=np.zeros((2, n_a * n_y)),
        row_coef=coef, move_project=np.zeros(0, dtype=int), move_row=np.zeros(0, dtype=int),
        move_sign=np.zeros(0), move_base=np.zeros((2, 0)),
        move_coef=tuple(sparse.csr_matrix((0, n_a)) for _ in range(2)),
        move_low=np.zeros((2, 0)), move_high=np.zeros((2, 0)),
        value_meur_per_mw_year=0.5, penalty_meur_per_mw_year=2.0)
    return instance, np.array([v[5] for v in PROJECTS.values()])


# --- the predicates, computed here --------------------------------------------------------

def in_service(instance: Instance, start: np.ndarray) -> np.ndarray:
    years = np.arange(len(instance.years))
    return (start[:, None] >= 0) & (years[None, :] >= start[:, None])


def added_capacity(instance: Instance, start: np.ndarray) -> np.ndarray:
    """(N,) MW the projects in service add to each row."""
    z = in_service(instance, start)[:, instance.row_year].T  # (N, P)
    return np.asarray(instance.row_delta.multiply(z).sum(axis=1)).ravel()


def moved(instance: Instance, start: np.ndarray, per_move: np.ndarray) -> np.ndarray:
    """(N,) the load the moves in service bring to (or take from) each row."""
    z = in_service(instance, start)
    on = z[instance.move_project, instance.row_year[instance.move_row]]
    out = np.zeros(len(instance.row_asset))
    np.add.at(out, instance.move_row, instance.move_sign * on * per_move)
    return out


def overload(instance: Instance, start: np.ndarray, connected: np.ndarray) -> np.ndarray:
    """(S, N) load beyond capacity with the connections kept."""
    found = []
    for s in range(len(instance.scenarios)):
        share = connected[s][:, instance.row_year].T  # (N, D)
        load = instance.row_base[s] + np.asarray(
            instance.row_coef[s].multiply(share).sum(axis=1)).ravel()
        if len(instance.move_row):
            share_q = connected[s][:, instance.row_year[instance.move_row]].T
            per_move = instance.move_base[s] + np.asarray(
                instance.move_coef[s].multiply(share_q).sum(axis=1)).ravel()
            load = load + moved(instance, start, per_move)
        found.append(np.where(np.isnan(instance.row_capacity), 0.0, np.maximum(
            load - instance.row_capacity - added_capacity(instance, start), 0.0)))
    return np.array(found)


def worst_excess(instance: Instance, start: np.ndarray) -> np.ndarray:
    """(S, N) the most any connection choice can load a row beyond its capacity."""
    found = []
    for s in range(len(instance.scenarios)):
        dense = instance.row_coef[s].toarray()
        load = instance.row_base[s] + np.where(dense > 0, dense, 0.0).sum(axis=1)
        if len(instance.move_row):
            most = np.where(instance.move_sign > 0, instance.move_high[s],
                            instance.move_low[s])
            load = load + moved(instance, start, most)
        found.append(load - instance.row_capacity - added_capacity(instance, start))
    return np.array(found)


def relieved_mw(instance: Instance, p: int) -> np.ndarray:
    """(N,) MW project p relieves on each row: capacity added plus load moved away."""
    mw = np.maximum(instance.row_delta[:, p].toarray().ravel(), 0.0)
    leaving = (instance.move_project == p) & (instance.move_sign < 0)
    if leaving.any():
        high = np.maximum(instance.move_high[:, leaving].max(axis=0), 0.0)
        np.add.at(mw, instance.move_row[leaving], high)
    return mw


def budget_use(instance: Instance, start: np.ndarray, resource: str) -> np.ndarray:
    """(R, Y) what the built projects use of ``resource``."""
    share = instance.material if resource == "transformers" else instance.spend
    amount = {"budget": instance.capex, "fte": instance.fte_years,
              "transformers": instance.transformers}[resource]
    used = np.zeros((len(instance.operators), len(instance.years)))
    for p in np.flatnonzero((start >= 0) & (instance.operator_of_project >= 0)):
        used[instance.operator_of_project[p]] += share[p, start[p]] * amount[p]
    return used


def exceeded(instance: Instance, start: np.ndarray, q: int, y: int) -> set[tuple[str, int]]:
    """The (resource, year index) rows of q's operator beyond the limit with q in from y."""
    r = instance.operator_of_project[q]
    if r < 0:
        return set()
    trial = start.copy()
    trial[q] = y
    found = set()
    for resource in ("budget", "fte", "transformers"):
        limit = instance.available(resource)[r]
        used = budget_use(instance, trial, resource)[r]
        for t in np.flatnonzero(~np.isnan(limit) & (used > limit + 1e-6 * np.maximum(
                1.0, np.abs(np.nan_to_num(limit))))):
            found.add((resource, int(t)))
    return found


def row_of(instance: Instance, row: pd.Series) -> int:
    hit = np.flatnonzero((instance.row_asset == row["asset_id"])
                         & (instance.row_direction == row["direction"])
                         & (instance.years[instance.row_year] == row["year"]))
    assert len(hit) == 1, row.to_dict()
    return int(hit[0])


def check(result: VariantResult, why: pd.DataFrame) -> None:
    """Every row of ``why`` against its own predicate (see the module docstring)."""
    p = result.instance
    start = np.asarray(result.start)
    ids = list(p.project_ids)
    assert list(why.columns) == WHY_COLUMNS
    assert sorted(why["project_id"]) == sorted(ids)  # province level: every project
    with_all = overload(p, start, result.connected)
    worst = worst_excess(p, start)
    requires = {(int(a), int(b)) for a, b in p.requires}
    excludes = {frozenset((int(a), int(b))) for a, b in p.excludes}
    base = None
    for _, row in why.iterrows():
        q = ids.index(row["project_id"])
        reason = row["reason"]
        assert bool(row["chosen"]) == (start[q] >= 0), row.to_dict()
        other = ids.index(row["other_project"]) if row["other_project"] else -1
        if row["chosen"]:
            assert reason in CHOSEN_REASONS
            without = start.copy()
            without[q] = -1
            gain = overload(p, without, result.connected) - with_all  # (S, N)
            if reason == "relieves":
                n = row_of(p, row)
                assert relieved_mw(p, q)[n] > 0
                s = int(np.argmax(gain[:, n]))
                assert gain[s, n] > TOL and overload(p, without, result.connected)[s, n] > TOL
                assert row["value"] == pytest.approx(gain[:, n].max(), rel=1e-6, abs=1e-6)
            elif reason == "enables":
                assert start[other] >= 0 and (other, q) in requires
                assert why.set_index("project_id").loc[row["other_project"], "reason"] in (
                    "relieves", "enables")
            else:
                assert (gain <= TOL).all()
                assert bool(p.must_build[q]) == (reason == "committed")
            continue
        assert reason in UNCHOSEN_REASONS
        first = int(np.argmax(p.allowed[q]))
        relieved = np.flatnonzero((relieved_mw(p, q) > 0) & (p.row_year >= first))
        if reason == "prerequisite":
            assert (q, other) in requires and start[other] < 0
        elif reason == "no_year":
            assert not p.allowed[q].any()
        elif reason == "not_needed":
            assert (worst[:, relieved] <= TOL).all()
        elif reason == "cheaper_alternative":
            n = row_of(p, row)
            assert n in relieved and worst[:, n].max() > TOL
            assert 0 <= start[other] <= p.row_year[n]  # in service in the row's year
            mine, theirs = relieved_mw(p, q)[n], relieved_mw(p, other)[n]
            assert mine > 0 and theirs > 0
            assert p.capex[other] / theirs < p.capex[q] / mine
            assert row["value"] == pytest.approx(p.capex[q] / mine)
        elif reason == "excluded":
            assert frozenset((q, other)) in excludes and start[other] >= 0
        elif reason == "prerequisite_late":
            assert (q, other) in requires
            assert start[other] > np.flatnonzero(p.allowed[q]).max()
        elif reason == "resources":
            needed = [b for a, b in requires if a == q]
            earliest = max([int(start[b]) for b in needed], default=0)
            years = np.flatnonzero(p.allowed[q] & (np.arange(len(p.years)) >= earliest))
            assert len(years)
            named = (row["resource"], int(np.flatnonzero(p.years == row["year"])[0]))
            assert named in exceeded(p, start, q, int(years[0]))
            assert row["operator"] == p.operators[p.operator_of_project[q]]
            assert all(exceeded(p, start, q, int(y)) for y in years)
        else:  # lower_value, within_gap: the objective with it forced in
            base = base if base is not None else evaluate(p, start).objective
            trial = start.copy()
            trial[q] = int(np.flatnonzero(p.years == row["year"])[0])
            change = evaluate(p, trial).objective - base
            scale = 1e-6 * max(1.0, abs(base))
            if reason == "lower_value":
                assert change <= scale
                assert row["value"] == pytest.approx(-change, rel=1e-4, abs=1e-3)
            else:
                assert change > 0
                assert row["value"] == pytest.approx(change, rel=1e-4, abs=1e-3)


# --- the hand-built instance --------------------------------------------------------------

@cache
def hand_built_case() -> tuple[VariantResult, pd.DataFrame]:
    instance, start = hand_built()
    result = evaluate(instance, start)
    assert result.feasible
    assert list(result.start) == list(start)  # the schedule as given
    return result, explain(result)


def test_each_reason_occurs_where_the_instance_was_built_for_it() -> None:
    _, why = hand_built_case()
    assert dict(zip(why["project_id"], why["reason"], strict=True)) == EXPECTED
    assert set(EXPECTED.values()) == set(CHOSEN_REASONS) | set(UNCHOSEN_REASONS)


def test_each_reason_of_the_hand_built_instance_holds_by_its_own_predicate() -> None:
    check(*hand_built_case())


def test_the_named_figures_of_the_hand_built_instance() -> None:
    why = hand_built_case()[1].set_index("project_id")
    # P0 adds 20 MW to A from 2027; without it, A's connections overload it by 20 MW
    assert why.loc["P0", ["asset_id", "direction", "year"]].tolist() == ["A", "demand", 2027]
    assert why.loc["P0", "value"] == pytest.approx(20.0)
    assert why.loc["Q0", "other_project"] == "Q1"
    assert why.loc["P1", ["other_project", "year"]].tolist() == ["P0", 2027]  # P0 from 2027
    assert (why.loc["P1", "value"], why.loc["P1", "other_value"]) == pytest.approx((2.0, 0.5))
    assert why.loc["P2", "other_project"] == "X"
    # C holds 100 MW and its development is at most 6 MW: 94 MW of room
    assert why.loc["X", "value"] == pytest.approx(94.0)
    assert why.loc["P7", "other_project"] == "P0"
    assert why.loc["P8", ["other_project", "year"]].tolist() == ["P0", 2027]
    # in service from 2027 at the earliest, built in 2026: 100 M€ against the 50 M€ less
    # what P0, Q0 and Q1 (in service in 2027) spend in 2026: 10 + 1 + 2
    assert why.loc["P4", ["resource", "operator", "year"]].tolist() == ["budget", "Stedin",
                                                                        2026]
    assert why.loc["P4", "value"] == pytest.approx(100.0 - (50.0 - 13.0))
    # forced in from 2027, 2028 or 2029: capex spent (and discounted) the year before, the MW
    # it adds connected (weight 1, 0.5 M€ per MW-year) from then on; the best year named
    d = 1.0225 ** -np.arange(4.0)
    loss = {y: 60.0 * d[y - 1] - 0.5 * 5.0 * d[y:].sum() for y in (1, 2, 3)}
    best = min(loss, key=loss.__getitem__)
    assert (why.loc["P5", "year"], why.loc["P5", "value"]) == (2026 + best, pytest.approx(
        loss[best]))
    gain = {y: 0.5 * 20.0 * d[y:].sum() - 1.0 * d[y - 1] for y in (1, 2, 3)}
    best = max(gain, key=gain.__getitem__)
    assert (why.loc["W", "year"], why.loc["W", "value"]) == (2026 + best, pytest.approx(
        gain[best]))


def test_a_hotspot_variant_explains_only_the_projects_it_decides_on() -> None:
    instance, start = hand_built()
    outside = np.array(list(PROJECTS)) == "P1"
    local = dataclasses.replace(instance, level="HS-X",
                                allowed=instance.allowed & ~outside[:, None])
    why = explain(evaluate(local, start))
    assert "P1" not in set(why["project_id"])
    assert set(why["project_id"]) == set(PROJECTS) - {"P1", "P6"}  # P6: no year either


# --- Utrecht ------------------------------------------------------------------------------

@cache
def utrecht_case() -> tuple[VariantResult, pd.DataFrame]:
    result = variant("evenwichtig")  # KM, shared with test_utrecht_lenses
    assert result.feasible
    return result, explain(result)


def test_on_utrecht_every_project_has_a_reason_that_holds() -> None:
    result, why = utrecht_case()
    check(result, why)
    counts = why.groupby(["chosen", "reason"]).size()
    built = why[why["chosen"]]
    assert len(built) == int((result.start >= 0).sum())
    # nearly every built project relieves a row of its own; the reasons of the issue
    # (prerequisite, not needed, cheaper alternative, resources) cover nearly every other
    assert (built["reason"] == "relieves").mean() > 0.9
    listed = ("prerequisite", "not_needed", "cheaper_alternative", "resources")
    others = why[~why["chosen"]]
    assert others["reason"].isin(listed).mean() > 0.9, counts
    # the rows named are the workspace's assets, in the variant's years
    named = why[why["asset_id"] != ""]
    assets = set(expand(read_workspace("utrecht").workspace).assets["id"].astype(str))
    assert set(named["asset_id"]) <= assets
    assert set(named["direction"]) <= {"demand", "feedin"}
    assert named["year"].between(2026, 2035).all()
