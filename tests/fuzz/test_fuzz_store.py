"""``db:NAME@VERSION`` references: hostile names and versions, and damaged store files (the
store around each case: :mod:`tests.fuzz.worlds`)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.budget import fuzz_settings
from tests.fuzz.harness import Fuzz
from tests.fuzz.strategies import hostile_text
from tests.fuzz.worlds import DAMAGE, STORED, StoreCase, StoreFile, run_store_case

pytestmark = pytest.mark.slow  # long-running; CI runs them

NAMES = (STORED, STORED, "Net", f" {STORED}", f"{STORED} ", "", "[red]net[/]", "ne\u0301t",
         "netnet", "'; DROP TABLE workspaces; --", "%", "_", "*", "net@1", "db:net", "\\")
VERSIONS = (None, "1", "2", "3", "0", "-1", "01", "\u0661", "99999999999999999999",
            "9" * 400, "1e3", "x", " 1", "1 ", "+1", "1.0", "", "1@2", "\u00b2")


@fuzz_settings("store")
@given(name=st.one_of(st.sampled_from(NAMES),
                      hostile_text().filter(lambda t: len(t) < 99 and "\x00" not in t)),
       version=st.sampled_from(VERSIONS), damage=st.sampled_from(DAMAGE),
       command=st.sampled_from(["validate", "validate", "summary"]),
       lang=st.sampled_from(["nl", "en"]))
def test_store_references(fuzz: Fuzz, store_file: StoreFile, name: str, version: str | None,
                          damage: str, command: str, lang: str) -> None:
    """``db:NAME@VERSION`` with non-numeric, huge or odd versions and names, against a store
    that is fine, corrupt or unreachable: an answer from the table with the place named, the
    store file unchanged, and exit 0 only for a version that reads back valid."""
    run_store_case(fuzz, store_file, "store", StoreCase(name, version, damage, command, lang))
