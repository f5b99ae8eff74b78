"""Corrupted GeoPackage exports of the example through validate, summary and convert."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.budget import fuzz_settings
from tests.fuzz.harness import COMMANDS, SMALL, Case, Fuzz
from tests.fuzz.strategies import Op, gpkg_corruptions

pytestmark = pytest.mark.slow  # long-running; CI runs them

COMMAND = st.one_of(st.just("validate"), st.sampled_from(sorted(COMMANDS)))


@fuzz_settings("gpkg")
@given(base=st.sampled_from(SMALL), ops=gpkg_corruptions(), command=COMMAND,
       lang=st.sampled_from(["nl", "en"]))
def test_corrupted_geopackages(fuzz: Fuzz, base: str, ops: tuple[Op, ...], command: str,
                               lang: str) -> None:
    """Attribute cells, geometry blobs (garbage, 3D), layer tables and metadata (dropped,
    left out of gpkg_contents, a Z flag, another CRS) and bytes (flipped, truncated) of a
    .gpkg export: an answer from the table with the place named, or exit 0 for what reads
    back valid and round-trips; nothing but the output written."""
    fuzz.run("gpkg", Case("gpkg", base, ops, command, lang))
