"""The stage commands on a short horizon: ``variants`` and ``assess`` with a corrupted example
and hostile options.

At most :data:`~tests.fuzz.conftest.STAGES_MOST` cases in all (each valid one solves or scores
for a second or more). ``variants`` runs one lens without the greedy baseline on 2026-2027 with
a node limit of 1; ``assess`` scores a variants folder made once per module (two lenses to
2030), copied per case and maybe corrupted, with 100 weight samples. Exit 1 (no feasible
schedule) may write the output, as exit 0 does; whatever was written must be complete: the
marker lists every file, and every listed file is there.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.budget import fuzz_settings
from tests.fuzz.harness import (
    Fuzz,
    check_answer,
    counted,
    invoke,
    places_of,
    read_back,
    snapshot,
    tree_changes,
)
from tests.fuzz.strategies import Op, apply_csv, csv_corruptions

pytestmark = pytest.mark.slow  # long-running; CI runs them

SHORT = ["--node-limit", "1", "--time-limit", "2"]
LENS_TOML = ('[lens]\nname = "x"\n', "", "\x00\x01", 'name = "[red]x[/]"\nweights = 1e308\n')


def _few_corruptions() -> st.SearchStrategy[tuple[Op, ...]]:
    return st.one_of(st.just(()), csv_corruptions().map(lambda ops: ops[:1]))


@pytest.fixture(scope="module")
def variants_folder(fuzz: Fuzz) -> Path:
    """Two lenses of the example to 2030, written by ``pmiek variants`` (not a fuzz case)."""
    folder = Path(tempfile.mkdtemp(prefix="variants-", dir=fuzz.root))
    (folder / "home").mkdir()
    source = fuzz.base("example", "csv").materialise(folder)
    made = invoke(["variants", str(source), "--lens", "wonen-eerst,evenwichtig",
                   "--no-baseline", "--horizon", "2030", *SHORT, "--out",
                   str(folder / "varianten")], lang="nl", cwd=folder, home=folder / "home",
                  cache=fuzz.cache)
    assert made.code == 0, made.shown()
    return folder / "varianten"


def _complete(out: Path) -> None:
    """An output folder that pmiek wrote holds its marker and every file the marker lists."""
    marker = out / ".pmiek-output.json"
    assert marker.is_file(), f"no marker in {out}"
    listed = json.loads(marker.read_text(encoding="utf-8")).get("files", [])
    missing = [name for name in listed if not (out / name).exists()]
    assert not missing, f"listed but missing in {out}: {missing[:5]}"


def _run_stage(fuzz: Fuzz, key: str, ops: tuple[Op, ...], extra: list[str], lang: str,
               variants: Path | None = None) -> None:
    with counted(key), fuzz.folder() as folder:
        source = fuzz.base("example", "csv").materialise(folder)
        apply_csv(source, ops)
        if variants is not None:
            shutil.copytree(variants, folder / "varianten")
        lens_file = folder / "lens.toml"
        lens_file.write_text(LENS_TOML[len(ops) % len(LENS_TOML)], encoding="utf-8")
        places = {"LENS_FILE": str(lens_file), "VARIANTS": str(folder / "varianten")}
        args = [key, str(source), *[places.get(a, a) for a in extra], "--out",
                str(folder / "uit")]
        before = snapshot(folder)
        outcome = invoke(args, lang=lang, cwd=folder, home=folder / "home", cache=fuzz.cache)
        # the options (with and without dashes) and their values
        options = [o for a in extra if len(a) > 2 for o in (a, a.lstrip("-"))]
        check_answer(outcome, [*places_of(source, folder / "uit", lens_file), *options],
                     fuzz.cache)
        allowed = "uit" if outcome.code in (0, 1) else None
        changes = tree_changes(before, snapshot(folder), allowed)
        assert not changes, f"files changed: {changes[:8]}\n{outcome.shown()}"
        if (folder / "uit").exists():
            _complete(folder / "uit")
        if outcome.code == 0:
            read_back(source)


LENSES = st.sampled_from(["wonen-eerst", "wonen-eerst", "wonen-eerst", "[red]x[/]",
                          "bestaat-niet", "wonen-eerst,wonen-eerst", "", "LENS_FILE"])


@fuzz_settings("variants")
@given(ops=_few_corruptions(), lens=LENSES,
       years=st.sampled_from([("2026", "2027")] * 3 + [("2031", "2027"), ("1900", "2027"),
                                                        ("2026", "2025"), ("2026", "2026")]),
       level=st.sampled_from(["province", "province", "HS-LW", "[x]", "GEEN"]),
       scenario=st.sampled_from(["all", "all", "KM", "XX", "[/]"]),
       lang=st.sampled_from(["nl", "en"]))
def test_variants_on_a_short_horizon(fuzz: Fuzz, ops: tuple[Op, ...], lens: str,
                                     years: tuple[str, str], level: str, scenario: str,
                                     lang: str) -> None:
    """``variants`` with a corrupted example, an odd lens, ``--first-year`` past the horizon,
    an unknown level or scenario: an answer from the table with the place named; what was
    written is complete; nothing else changed."""
    extra = ["--lens", lens, "--no-baseline", "--first-year", years[0], "--horizon", years[1],
             "--level", level, "--scenario", scenario, *SHORT]
    _run_stage(fuzz, "variants", ops, extra, lang)


@fuzz_settings("assess")
@given(ops=_few_corruptions(),
       weights=st.sampled_from(["interval", "interval", "ordinal", "uniform", "framework",
                                "bestaat-niet.xlsx", "LENS_FILE", "[red]x[/]"]),
       choose=st.sampled_from([None, None, "wonen-eerst", "[x]", "geen"]),
       lang=st.sampled_from(["nl", "en"]))
def test_assess_of_a_variants_folder(fuzz: Fuzz, variants_folder: Path, ops: tuple[Op, ...],
                                     weights: str, choose: str | None, lang: str) -> None:
    """``assess --variants`` with a corrupted example, odd weights or choice: an answer from
    the table with the place named; what was written is complete; nothing else changed."""
    extra = ["--variants", "VARIANTS", "--weights", weights, "--samples", "100",
             *(["--choose", choose] if choose is not None else [])]
    _run_stage(fuzz, "assess", ops, extra, lang, variants_folder)
