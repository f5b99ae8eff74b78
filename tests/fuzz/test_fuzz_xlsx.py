"""Corrupted workbook exports of the example through validate, summary and convert."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.budget import fuzz_settings
from tests.fuzz.harness import COMMANDS, SLICES, Case, Fuzz
from tests.fuzz.strategies import Op, xlsx_corruptions

pytestmark = pytest.mark.slow  # long-running; CI runs them

COMMAND = st.one_of(st.just("validate"), st.sampled_from(sorted(COMMANDS)))


@fuzz_settings("xlsx")
@given(base=st.sampled_from(sorted(SLICES)), ops=xlsx_corruptions(), command=COMMAND,
       lang=st.sampled_from(["nl", "en"]))
def test_corrupted_workbooks(fuzz: Fuzz, base: str, ops: tuple[Op, ...], command: str,
                             lang: str) -> None:
    """Cells (hostile text, formulas without cached value, merged cells, errors, numbers past
    the edge), sheets (a twin whose name differs by a trailing space, renamed, hidden, moved),
    zip members (truncated, garbled, dropped, a size declared too small) and bytes of an
    .xlsx export: an answer from the table with the place named, or exit 0 for what reads
    back valid and round-trips; nothing but the output written."""
    fuzz.run("xlsx", Case("xlsx", base, ops, command, lang))
