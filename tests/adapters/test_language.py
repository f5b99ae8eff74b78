"""Every command speaks the chosen language, all of it (issue 16, done-when 3).

Each command runs in Dutch and in English — normal runs, ``--help`` and error paths — and all
its output is captured. A line fails when it holds text of the other language: a fragment that
only the other language's text tables have (pmiek's texts, the help frame, the labels), or a
word of the frame that typer and click print in English only. In Dutch every number is
written by the one formatter (decimal comma, thousands dot): no ``124.571`` for 124,6, no
``35113`` for 35.113.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pmiek.adapters.cli.help_frame import TYPES, USAGE_ERRORS, WORDS
from pmiek.adapters.cli.i18n import LANGUAGES, TEXTS
from pmiek.adapters.cli.main import build_app
from pmiek.adapters.files.library import shipped_library
from pmiek.domain.labels import VOCABULARY
from pmiek.domain.provenance import software_version

pytestmark = pytest.mark.slow

PLACEHOLDER = re.compile(r"\{[^{}]*\}|\[/?[a-z ]*\]")
"""``{name}`` placeholders and rich markup such as ``[bold]`` … ``[/]``."""

FRAME_ONLY = {
    "nl": ("Usage:", "Try '", "for help", "Options", "Arguments", "Commands", "Show this",
           "No such", "Missing ", "Invalid value", "Aborted", "[default:", "[required]",
           "Input should", "Error:", "Traceback", "<str>", "<int>", "<bool>", "<path>",
           "<float>", "Possible options", "Did you mean", "Got unexpected"),
    "en": ("Gebruik:", "Zie '", "Opties", "Argumenten", "Commando's", "Fout:", "Ongeldige",
           "Onbekend", "[standaard:", "[verplicht]", "<tekst>", "<geheel getal>", "<pad>"),
}
"""What typer and click print in English only, and our Dutch frame (never in English)."""

FUNCTION_WORDS = {
    "nl": {"the", "with", "which", "should", "cannot", "does", "not", "and", "from", "this",
           "that", "when", "written", "missing", "every", "into"},
    "en": {"het", "een", "niet", "naar", "voor", "wordt", "zijn", "geen", "alle", "deze",
           "welke", "moet", "kies", "geschreven", "bestaat", "ontbreekt"},
}
"""Common words of one language that the other never uses: one in a line gives it away."""

ENGLISH_NUMBER = re.compile(
    r"(?<![\w.,/\\:#-])(\d{1,3}(?:,\d{3})+\.\d+|\d{1,3}(?:,\d{3}){2,}|\d+\.\d{1,2}|\d+\.\d{4,}"
    r"|\d{5,})"
    r"(?![\w/\\])(?!\.\d)(?!,\d)")
"""A number not written by the Dutch formatter: English thousands with a decimal point or in
two groups, a decimal point with other than three digits after it, or five or more digits
without a thousands dot. (``29,219`` is Dutch: 29 and 219 thousandths.)"""

DUTCH_NUMBER = re.compile(r"(?<![\w.,/\\:#-])(\d{1,3}(?:\.\d{3})+,\d+|\d+,\d{1,2})(?![\w/\\])"
                          r"(?!,\d)")
"""A Dutch-formatted number (decimal comma) in English output."""


def _pairs() -> Iterator[tuple[str, str]]:
    yield from TEXTS.values()
    yield from WORDS.values()
    yield from TYPES.values()
    for vocabulary in VOCABULARY.values():
        yield from vocabulary.values()


def _pieces(template: str) -> list[str]:
    """The literal pieces of a text template that say something on their own."""
    return [p.strip(" .,;:()'\"") for p in PLACEHOLDER.split(template)
            if len(p.strip().split()) >= 3 and len(p.strip()) >= 14]


def foreign_fragments() -> dict[str, set[str]]:
    """Per language, the fragments that only the other language's tables hold."""
    pairs = list(_pairs())
    nl_all = "\n".join(nl for nl, _ in pairs) + "\n" + "\n".join(d for _, d in USAGE_ERRORS)
    en_all = "\n".join(en for _, en in pairs)
    only_en = {p for _, en in pairs for p in _pieces(en) if p and p not in nl_all}
    only_nl = {p for nl, _ in pairs for p in _pieces(nl) if p and p not in en_all}
    return {"nl": only_en, "en": only_nl}


def runs(tmp: Path) -> list[tuple[list[str], set[int]]]:
    """Every command with its expected exit codes: normal runs, help and errors."""
    foreign = tmp / "eigen-map"
    foreign.mkdir()
    (foreign / "eigen.txt").write_text("niet overschrijven", encoding="utf-8")
    return [
        (["--help"], {0}),
        (["template", str(tmp / "sjabloon.xlsx")], {0}),
        (["validate", str(tmp / "sjabloon.xlsx")], {0}),
        (["validate", "example"], {0}),
        (["validate", "example", "--json"], {0}),
        (["validate", "nergens"], {2}),
        (["validate", "nergens", "--json"], {2}),
        (["convert", "example", str(tmp / "vb.xlsx")], {0}),
        (["convert", "example", str(tmp / "vb.xlsx")], {1}),
        (["convert", "example", str(foreign)], {1, 2}),
        (["summary", "utrecht"], {0}),
        (["show", "example", "--out", str(tmp / "kaart")], {0}),
        (["choices", "utrecht"], {0}),
        (["choices", "utrecht", "--compare", "KM", "--compare", "GB"], {0}),
        (["insight", "example", "--out", str(tmp / "inzicht")], {0}),
        (["insight", "utrecht", "--scenario", "KM", "--year", "2030",
          "--out", str(tmp / "inzicht-utrecht")], {0}),
        (["insight", "explain", "LWD150", "2030", "--scenario", "KM"], {0}),
        (["insight", "explain", "GAS-STD", "2026", "--scenario", "KM"], {0}),
        (["insight", "explain", "NERGENS", "2030"], {2}),
        (["insight", "explain"], {2}),
        (["insight", "example", "--scenario", "XX"], {2}),
        (["insight", "--horizon", "abc"], {2}),
        (["insight", "--bogus"], {2}),
        (["insight", "--year"], {2}),
        (["variants", "example", "--lens", "all", "--out", str(tmp / "varianten")],
         {0}),
        (["variants", "example", "--lens", "onbekend"], {2}),
        (["assess", "example", "--variants", str(tmp / "varianten"), "--out",
          str(tmp / "afweging")], {0}),
        (["assess", "example", "--variants", str(tmp / "nergens")], {2}),
        (["db", "upgrade"], {0}),
        (["import", "example", "--name", "vb"], {0}),
        (["import"], {2}),
        (["db", "list"], {0}),
        (["db", "versies"], {2}),
        (["export", "vb", str(tmp / "export")], {0}),
        (["intake", "prepare", "db:vb", "--out", str(tmp / "intake")], {0}),
        (["intake", "merge", "db:vb", str(tmp / "geen-retour.xlsx")], {1, 2}),
        (["intake", "provenance", "db:vb"], {0}),
        (["nocommand"], {2}),
    ]


def _commands(app_group: object) -> Iterator[list[str]]:
    """The path of every command below the root."""
    for name, command in getattr(app_group, "commands", {}).items():
        yield [name]
        for path in _commands(command):
            yield [name, *path]


@pytest.fixture(scope="module", params=LANGUAGES)
def outputs(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
            ) -> tuple[str, list[tuple[list[str], str]]]:
    lang: str = request.param
    tmp = tmp_path_factory.mktemp(f"lang-{lang}")
    env = {"COLUMNS": "200", "PMIEK_DATABASE_URL": f"sqlite:///{tmp / 'pmiek.db'}",
           "PMIEK_USER": "tester", "PMIEK_LANG": lang}
    runner = CliRunner()
    app = build_app(lang)
    import typer

    group = typer.main.get_command(app)
    captured = []
    here = Path.cwd()
    os.chdir(tmp)  # a command without --out writes below the current folder: the test's own
    try:
        for args, codes in runs(tmp):
            result = runner.invoke(app, args, env=env)
            assert result.exit_code in codes, (lang, args, result.output)
            assert not isinstance(result.exception, AssertionError | TypeError | KeyError)
            captured.append((args, result.output))
        for path in _commands(group):
            result = runner.invoke(app, [*path, "--help"], env=env)
            assert result.exit_code == 0, (lang, path, result.output)
            captured.append(([*path, "--help"], result.output))
    finally:
        os.chdir(here)
    return lang, captured


def _versions() -> tuple[str, ...]:
    return (shipped_library().version, software_version())


def test_no_line_in_the_other_language(outputs: tuple[str, list[tuple[list[str], str]]]
                                       ) -> None:
    lang, captured = outputs
    fragments = foreign_fragments()[lang]
    assert len(fragments) > 100  # the tables hold enough text to catch a stray line
    found = []
    for args, output in captured:
        flat = " ".join(output.split())  # the terminal wraps lines: join them
        for fragment in fragments:
            if fragment in flat:
                found.append((args, fragment))
        for word in FRAME_ONLY[lang]:
            if word in output:
                found.append((args, word))
        words = set(re.findall(r"[a-zé'-]+", flat.lower()))  # branch-and-bound: one word
        found += [(args, word) for word in sorted(words & FUNCTION_WORDS[lang])]
    assert not found, found[:20]


def test_dutch_numbers_come_from_the_one_formatter(
        outputs: tuple[str, list[tuple[list[str], str]]]) -> None:
    lang, captured = outputs
    pattern = ENGLISH_NUMBER if lang == "nl" else DUTCH_NUMBER
    found = []
    numbers = 0
    for args, output in captured:
        if "--json" in args:  # JSON is for machines: dot decimals by design
            continue
        for version in _versions():
            output = output.replace(version, "")
        numbers += len(re.findall(r"\d", output))
        found += [(args, m.group(1), output[max(0, m.start() - 40):m.end() + 20])
                  for m in pattern.finditer(output)]
    assert numbers > 1000
    assert not found, found[:20]


def test_the_checks_catch_what_they_look_for() -> None:
    """The patterns above are not vacuous: they find the faults of the issue."""
    assert ENGLISH_NUMBER.search("piek 124.571 MW") is None  # a Dutch thousands dot: fine
    assert ENGLISH_NUMBER.search("piek 124.5 MW") is not None
    assert ENGLISH_NUMBER.search("78840 rijen") is not None
    assert ENGLISH_NUMBER.search("2,531.7 MW") is not None
    assert ENGLISH_NUMBER.search("2.531,7 MW en 35.113 rijen in 2030") is None
    assert DUTCH_NUMBER.search("2.531,7 MW") is not None
    assert DUTCH_NUMBER.search("2,531.7 MW") is None
    assert "Show this" in FRAME_ONLY["nl"] and "Gebruik:" in FRAME_ONLY["en"]
    fragments = foreign_fragments()
    assert "Toon deze hulp en stop" in fragments["en"]
    assert "Show this help and exit" in fragments["nl"]
