"""The same inputs and options give the same schedules, whatever the machine's load.

The search stops on a deterministic limit (branch-and-bound nodes) set so low that it is
reached before the gap: if the solver's path depended on the clock, two runs — one of them
with the other core kept busy — would stop at different places.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import numpy as np
import pytest

from pmiek.adapters.files import read_workspace
from pmiek.adapters.files.lenses import load_lens
from pmiek.variants import SolverOptions, Termination, VariantSet, design_variants

pytestmark = pytest.mark.slow

OPTIONS = SolverOptions(mip_gap=0.0, node_limit=5)
"""A gap no run reaches, and a node limit that stops the search early."""


def _design() -> VariantSet:
    workspace = read_workspace("utrecht").workspace
    lenses = [load_lens("wonen-eerst"), load_lens("werk-en-industrie")]
    return design_variants(workspace, lenses, horizon=2030, options=OPTIONS, baseline=False)


@pytest.fixture
def busy_core() -> Iterator[None]:
    spinner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        yield
    finally:
        spinner.kill()
        spinner.wait()


@pytest.fixture(scope="module")
def quiet_run() -> VariantSet:
    return _design()


def test_the_limit_stops_the_search_before_the_gap(quiet_run: VariantSet) -> None:
    for outcome in quiet_run.outcomes:
        assert outcome.result.termination is Termination.NODE_LIMIT
        assert outcome.result.mip_gap > 0
        assert outcome.result.reproducible


def test_a_busy_machine_gives_the_same_schedules(quiet_run: VariantSet,
                                                 busy_core: None) -> None:
    busy_run = _design()
    for quiet, busy in zip(quiet_run.outcomes, busy_run.outcomes, strict=True):
        assert np.array_equal(quiet.result.start, busy.result.start)
        assert np.array_equal(quiet.result.connected, busy.result.connected)
        assert quiet.result.objective == busy.result.objective
    assert quiet_run.provenance.solver == busy_run.provenance.solver
    assert quiet_run.provenance.solver["solver"] == "highs"
    assert quiet_run.provenance.solver["node_limit"] == 5
