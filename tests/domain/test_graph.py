"""Cycle detection (pmiek.domain.graph) against naive reference implementations."""

from __future__ import annotations

import graphlib
import os
import subprocess
import sys

import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pmiek.domain.graph import dependency_cycles, parent_cycles

# --- parent pointers ---------------------------------------------------------------------


def naive_parent_cycles(ids: list[str | None], parents: list[str | None]) -> set[frozenset[int]]:
    """Walk from every row, following parents; a row seen twice on one walk closes a cycle."""
    first: dict[str, int] = {}
    for position, value in enumerate(ids):
        if value is not None and value not in first:
            first[value] = position
    step = [None if p is None else first.get(p) for p in parents]
    cycles: set[frozenset[int]] = set()
    for start in range(len(ids)):
        walk: list[int] = []
        node: int | None = start
        while node is not None and node not in walk:
            walk.append(node)
            node = step[node]
        if node is not None:
            cycles.add(frozenset(walk[walk.index(node):]))
    return cycles


def check_parent_cycles(ids: list[str | None], parents: list[str | None]) -> None:
    found = parent_cycles(pd.Series(ids, dtype="string"), pd.Series(parents, dtype="string"))
    expected = naive_parent_cycles(ids, parents)
    assert {frozenset(c) for c in found} == expected
    assert len(found) == len(expected)  # each cycle once
    first = {v: i for i, v in reversed(list(enumerate(ids))) if v is not None}
    for cycle in found:
        assert len(set(cycle)) == len(cycle)
        for k, node in enumerate(cycle):  # listed in walking order
            assert first[parents[node]] == cycle[(k + 1) % len(cycle)]


@st.composite
def forests_with_extra_edges(draw: st.DrawFn) -> tuple[list[str | None], list[str | None]]:
    """Unique ids; a parent-pointer forest (parents point to earlier rows, to nothing, or to an
    unknown id), then some pointers re-aimed at arbitrary rows (itself included)."""
    n = draw(st.integers(0, 25))
    ids: list[str | None] = [f"n{i}" for i in range(n)]
    parents: list[str | None] = []
    for i in range(n):
        kind = draw(st.sampled_from(["root", "unknown", "tree"] if i else ["root", "unknown"]))
        if kind == "root":
            parents.append(None)
        elif kind == "unknown":
            parents.append("missing")
        else:
            parents.append(f"n{draw(st.integers(0, i - 1))}")
    if n:
        extra = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)),
                              max_size=6))
        for source, target in extra:
            parents[source] = f"n{target}"
    return ids, parents


@settings(max_examples=300, deadline=None)
@given(forests_with_extra_edges())
def test_parent_cycles_match_a_naive_walk(case: tuple[list[str | None], list[str | None]],
                                          ) -> None:
    check_parent_cycles(*case)


NAMES = st.sampled_from(["a", "b", "c", "d", "e"]) | st.none()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(NAMES, NAMES), max_size=12))
def test_parent_cycles_with_duplicate_and_missing_ids(rows: list[tuple[str | None, str | None]],
                                                      ) -> None:
    check_parent_cycles([r[0] for r in rows], [r[1] for r in rows])


def test_parent_cycles_small_cases() -> None:
    ids = pd.Series(["a", "b", "c", "d", "e"], dtype="string")
    parents = pd.Series(["b", "c", "a", "d", None], dtype="string")
    assert parent_cycles(ids, parents) == [[0, 1, 2], [3]]
    assert parent_cycles(pd.Series([], dtype="string"), pd.Series([], dtype="string")) == []


@pytest.mark.parametrize(("ids", "parents"), [([None], [None]), ([None, "a"], ["a", None])])
def test_missing_parent_does_not_match_a_missing_id(ids: list[str | None],
                                                    parents: list[str | None]) -> None:
    assert parent_cycles(pd.Series(ids, dtype="string"),
                         pd.Series(parents, dtype="string")) == []


# --- dependencies ------------------------------------------------------------------------


def graphlib_has_cycle(edges: list[tuple[str, str]]) -> bool:
    sorter: graphlib.TopologicalSorter[str] = graphlib.TopologicalSorter()
    for node, before in edges:
        sorter.add(node, before)
    try:
        sorter.prepare()
    except graphlib.CycleError:
        return True
    return False


def is_cycle(cycle: list[str], edges: set[tuple[str, str]]) -> bool:
    """Each item a prerequisite of the next: (next, item) is an edge, wrapping around."""
    k = len(cycle)
    return k > 0 and len(set(cycle)) == k and all(
        (cycle[(i + 1) % k], cycle[i]) in edges for i in range(k))


EDGES = st.lists(st.tuples(st.sampled_from("abcdefg"), st.sampled_from("abcdefg")), max_size=14)


@settings(max_examples=300, deadline=None)
@given(EDGES, st.integers(1, 5))
@example([("a", "b"), ("a", "c"), ("b", "c"), ("c", "a")], 2)  # a cycle was once found twice
def test_dependency_cycles_iff_graphlib_finds_one(edges: list[tuple[str, str]],
                                                  limit: int) -> None:
    cycles = dependency_cycles(edges, limit=limit)
    assert bool(cycles) == graphlib_has_cycle(edges)
    assert len(cycles) <= limit
    for cycle in cycles:
        assert is_cycle(cycle, set(edges)), cycle
    # every cycle reported is a different one (one of its edges was broken to find the next)
    as_edges = [frozenset((c[(i + 1) % len(c)], c[i]) for i in range(len(c))) for c in cycles]
    assert len(set(as_edges)) == len(as_edges)


@settings(max_examples=100, deadline=None)
@given(st.permutations("abcdef"), st.integers(1, 6))
def test_dependency_cycles_find_every_disjoint_cycle(order: list[str], split: int) -> None:
    """Two disjoint rings (or one ring and a self-loop) are both reported."""
    first, second = order[:split], order[split:]
    ring = [(first[i], first[i - 1]) for i in range(len(first))]
    ring += [(second[i], second[i - 1]) for i in range(len(second))]
    cycles = dependency_cycles(ring)
    assert {frozenset(c) for c in cycles} == {frozenset(first), frozenset(second)} - {
        frozenset()}


def test_dependency_cycles_small_cases() -> None:
    assert dependency_cycles([]) == []
    assert dependency_cycles([("a", "b"), ("b", "c")]) == []
    assert dependency_cycles([("a", "a")]) == [["a"]]
    (cycle,) = dependency_cycles([("a", "b"), ("b", "c"), ("c", "a")])
    assert is_cycle(cycle, {("a", "b"), ("b", "c"), ("c", "a")})
    assert sorted(cycle) == ["a", "b", "c"]


def test_dependency_cycles_respect_the_limit() -> None:
    loops = [(c, c) for c in "abcdefgh"]
    assert len(dependency_cycles(loops, limit=3)) == 3
    assert len(dependency_cycles(loops)) == 8


def test_dependency_cycles_do_not_depend_on_string_hashing() -> None:
    """The same edges give the same cycles in every run (reports must be reproducible)."""
    code = ("from pmiek.domain.graph import dependency_cycles; print(dependency_cycles("
            "[('a','b'),('b','c'),('c','a'),('b','a'),('c','d'),('d','b')]))")
    outputs = {
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1
