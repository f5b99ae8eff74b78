"""Corrupted CSV exports of the example through validate and summary, and through convert
(two tests, so that the two halves can run side by side, for example under pytest-xdist)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.budget import fuzz_settings
from tests.fuzz.harness import SMALL, Case, Fuzz
from tests.fuzz.strategies import Op, csv_corruptions

pytestmark = pytest.mark.slow  # long-running; CI runs them

LANGS = st.sampled_from(["nl", "en"])
READING = st.sampled_from(["validate", "validate", "validate", "validate-json", "summary"])
CONVERTING = st.sampled_from(["convert-csv", "convert-xlsx", "convert-gpkg"])


@fuzz_settings("csv")
@given(base=st.sampled_from(SMALL), ops=csv_corruptions(), command=READING, lang=LANGS)
def test_corrupted_csv_folders(fuzz: Fuzz, base: str, ops: tuple[Op, ...], command: str,
                               lang: str) -> None:
    """Bytes, cells, headers, encodings, separators, structure and files of a CSV export,
    validated or summarised: an answer from the table with the place named, or exit 0 for
    what reads back valid and round-trips; nothing written."""
    fuzz.run("csv", Case("csv", base, ops, command, lang))


@fuzz_settings("csv-convert")
@given(base=st.sampled_from(SMALL), ops=csv_corruptions(), command=CONVERTING, lang=LANGS)
def test_corrupted_csv_folders_converted(fuzz: Fuzz, base: str, ops: tuple[Op, ...],
                                         command: str, lang: str) -> None:
    """The same corruptions through ``convert`` to a folder, a workbook and a GeoPackage:
    a refusal that writes nothing, or an output that reads back valid and equal to the
    input (no cell cut at Excel's limit, no formula, no lost value)."""
    fuzz.run("csv-convert", Case("csv", base, ops, command, lang))
