"""Names and paths: hostile input names and output targets for convert, template, validate and
show (the world around each case: :mod:`tests.fuzz.worlds`)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.budget import fuzz_settings
from tests.fuzz.harness import SMALL, Fuzz
from tests.fuzz.strategies import Long, Op, csv_corruptions
from tests.fuzz.worlds import TARGETS, PathCase, run_path_case

pytestmark = pytest.mark.slow  # long-running; CI runs them

NAMES = ("uit", "uit met spaties", "[red]uit[/]", "[uit", "uit]", "[/]", "über", "uit\u0301",
         "..", ".", "...", "uit.", "uit ", " uit", "-uit", "--overwrite", "--help",
         "uit\nregel", "uit\x1b[2J", "uit\x07", Long(300), "uit.xlsx", "UIT", "~", "$HOME",
         "*", "uit;ls", "'", '"', "\\", "%s", "{path}", "{0}", "\u202euit", "con", "nul")
"""Names a person (or a script) might give, and some that break naive code. (No NUL: no
command line can hold one.)"""

ANY_NAME = st.text(st.characters(exclude_characters="/\x00", exclude_categories=["Cs"]),
                   min_size=1, max_size=40).filter(lambda n: n not in (".", ".."))

SUFFIXES = ("", ".xlsx", ".gpkg", ".XLSX", ".csv", ".txt", ".xlsx.tmp")
LANGS = st.sampled_from(["nl", "en"])


def names() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(NAMES), ANY_NAME)


def input_names() -> st.SearchStrategy[str]:
    """Names the input can have on disk (not ``.`` or ``..``, short enough)."""
    return st.one_of(st.sampled_from([n for n in NAMES if n not in (".", "..") and
                                       len(n) < 100]), ANY_NAME)


@fuzz_settings("paths")
@given(command=st.sampled_from(["convert", "convert", "convert", "template", "validate"]),
       fmt=st.sampled_from(["csv", "csv", "csv", "xlsx", "gpkg"]), base=st.sampled_from(SMALL),
       input_name=input_names(), target=st.sampled_from(TARGETS), name=names(),
       suffix=st.sampled_from(SUFFIXES), overwrite=st.booleans(),
       ops=st.one_of(st.just(()), csv_corruptions()), lang=LANGS)
def test_names_and_paths(fuzz: Fuzz, command: str, fmt: str, base: str, input_name: str,
                         target: str, name: str, suffix: str, overwrite: bool,
                         ops: tuple[Op, ...], lang: str) -> None:
    """Output folder names with spaces, ``[``, Unicode, ``..``; an output that is an existing
    file, a foreign folder, ``.``, the input or its folder; hostile input names: an answer
    from the table with the place named, and no file changed that pmiek did not write."""
    run_path_case(fuzz, "paths", PathCase(command, fmt, base, input_name, target, name,
                                          suffix, overwrite, ops if fmt == "csv" else (), lang))


@fuzz_settings("show")
@given(base=st.sampled_from(["network", "developments"]), input_name=input_names(),
       target=st.sampled_from(TARGETS), name=names(), lang=LANGS)
def test_show_output_folders(fuzz: Fuzz, base: str, input_name: str, target: str, name: str,
                             lang: str) -> None:
    """``show --out`` towards the same targets: a new folder gets the drawings and the marker;
    a folder pmiek did not write, ``.``, the input's folder or home is refused untouched."""
    run_path_case(fuzz, "show", PathCase("show", "csv", base, input_name, target, name, "",
                                         False, (), lang))
