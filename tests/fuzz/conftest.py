"""Session fixtures of the fuzz suite: the base exports, the store, and a report of the cases
run (the profile and budget: :mod:`tests.fuzz.budget`)."""

from __future__ import annotations

from collections.abc import Generator

import pytest

from pmiek.adapters.files import read_workspace
from pmiek.domain.problems import errors
from pmiek.domain.validation import validate
from tests.fuzz.budget import BUDGET, budget
from tests.fuzz.harness import COMPLETED, COUNTS, CPU_SECONDS, SECONDS, Fuzz, example_slices
from tests.fuzz.worlds import StoreFile, make_store


@pytest.fixture(scope="session")
def fuzz(tmp_path_factory: pytest.TempPathFactory) -> Fuzz:
    """The slices of the example (exported in a format when first used) and the session's
    folders."""
    import matplotlib

    matplotlib.use("Agg")  # set up before any case, outside the cases' HOME and cache
    import matplotlib.pyplot

    assert matplotlib.pyplot.get_backend().lower() == "agg"

    example = read_workspace("example")
    assert example.ok
    slices = example_slices(example.workspace)
    for name, workspace in slices.items():
        assert not errors(validate(workspace)), name  # a base with errors would test nothing
    return Fuzz(tmp_path_factory.mktemp("fuzz"), slices)


@pytest.fixture(scope="session")
def store_file(fuzz: Fuzz) -> StoreFile:
    """The bytes of the session's store (see :mod:`tests.fuzz.worlds`)."""
    return make_store(fuzz)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, object, object]:
    """Note the fuzz tests that ran their cases and passed (a failed one stops early, and is
    red already: ``test_zz_budget`` counts only the others), and fail one that passed with
    fewer cases than its budget."""
    before = dict(COUNTS)
    result = yield
    ran = {key: count - before.get(key, 0) for key, count in COUNTS.items()
           if count != before.get(key, 0)}
    COMPLETED.update(ran)
    short = {key: f"{n} of {budget(key)}" for key, n in ran.items()
             if key in BUDGET and n < budget(key)}
    if short:  # checked here too: under pytest-xdist test_zz_budget may run elsewhere
        raise AssertionError(f"fuzz test ran fewer cases than planned: {short}")
    return result


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """How many cases each fuzz test ran (of how many planned), and in how many seconds."""
    if not COUNTS:
        return
    terminalreporter.section("fuzz cases")
    for key, count in sorted(COUNTS.items()):
        planned = f" of {budget(key):5d}" if key in BUDGET else " " * 9
        terminalreporter.write_line(f"{key:>10}: {count:5d}{planned} cases in "
                                    f"{SECONDS[key]:6.1f} s ({CPU_SECONDS[key]:6.1f} s "
                                    "processor)")
    terminalreporter.write_line(f"{'all':>10}: {sum(COUNTS.values()):5d} cases in "
                                f"{sum(SECONDS.values()):6.1f} s "
                                f"({sum(CPU_SECONDS.values()):6.1f} s processor)")
