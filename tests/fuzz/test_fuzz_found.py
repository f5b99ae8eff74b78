"""The found cases of the fuzz suite (:mod:`tests.fuzz.found`), each through the harness that
found it."""

from __future__ import annotations

import pytest

from tests.fuzz.found import FOUND, Found
from tests.fuzz.harness import Case, Fuzz
from tests.fuzz.worlds import PathCase, StoreFile, run_path_case, run_store_case


@pytest.mark.parametrize("found", FOUND, ids=[f.id for f in FOUND])
def test_found_case(fuzz: Fuzz, store_file: StoreFile, found: Found) -> None:
    """A failure the fuzz suite found once: it now passes every rule of the harness."""
    case = found.case
    if isinstance(case, Case):
        fuzz.run("found", case)
    elif isinstance(case, PathCase):
        run_path_case(fuzz, "found", case)
    else:
        run_store_case(fuzz, store_file, "found", case)
