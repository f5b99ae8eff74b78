"""Policy lenses: the built-in files, the weights they give, and every problem of a bad lens."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from pmiek.adapters.files.lenses import load_lens, load_lenses
from pmiek.domain import tables
from pmiek.domain.problems import Code, Problem, Severity
from pmiek.errors import InputError, ValidationError
from pmiek.variants.lenses import (
    ACM_PRIORITIES,
    BUILT_IN,
    DEFAULT_VALUE,
    PROJECT_KINDS,
    SECTORS,
    VALUE_KEYS,
    ConnectionValue,
    Lens,
    MustConnect,
    parse_lens,
    read_lens,
)

GOOD: dict[str, Any] = {
    "name": "mijn-lens", "label_nl": "Mijn lens", "label_en": "My lens",
    "value_meur_per_mw_year": 0.4, "discount_rate": 0.03, "default_sector_weight": 0.5,
    "sector_weights": {"housing": 3.0, "industry": 1},
    "goal_weights": {"wonen": 1.0},
    "project_cost_factors": {"storage": 0.5},
    "must_connect": [{"min_acm_priority": 2, "by": "start"},
                     {"min_acm_priority": 3, "sectors": ["housing"], "by": 2030}],
}


def problems_of(data: dict[str, Any]) -> list[Problem]:
    lens, problems = read_lens(data, "mijn-lens.toml")
    assert lens is None
    with pytest.raises(ValidationError) as caught:
        parse_lens(data, "mijn-lens.toml")
    assert isinstance(caught.value, InputError)
    assert caught.value.problems == problems
    return problems


def test_the_closed_sets_are_the_data_contracts() -> None:
    assert SECTORS == tables.SECTORS
    assert PROJECT_KINDS == tables.PROJECT_KINDS
    assert ACM_PRIORITIES == (0, 1, 2, 3)


def test_every_built_in_lens_reads_without_problems() -> None:
    lenses = load_lenses("all")
    assert [lens.name for lens in lenses] == list(BUILT_IN)
    for lens in lenses:
        assert lens.label("nl") and lens.label("en") and lens.description("en")
        assert lens.must_connect == (MustConnect(2, (), None),)
    flex = load_lens("flex-en-opslag-eerst")
    assert flex.project_cost_factors == {"storage": 0.4, "conversion": 0.4,
                                         "flex_contract": 0.4, "new_station": 1.5}
    assert flex.label("en") == "Flexibility and storage first"
    assert flex.label("de") == flex.label("nl") == "Flex en opslag eerst"  # Dutch by default


def test_a_good_lens_and_its_weights() -> None:
    lens = parse_lens(GOOD, "mijn-lens.toml")
    assert lens.must_connect == (MustConnect(2, (), None), MustConnect(3, ("housing",), 2030))
    assert (lens.value_meur_per_mw_year, lens.discount_rate) == (0.4, 0.03)
    sectors = pd.Series(["housing", "industry", "wind", None])
    goals = pd.Series(["wonen; zorg", None, "wonen", ""])
    np.testing.assert_allclose(lens.weights(sectors, goals), [4.0, 1.0, 1.5, 0.5])
    np.testing.assert_allclose(lens.cost_factors(pd.Series(["storage", "cable"])), [0.5, 1.0])
    minimal = parse_lens({"name": "kaal"}, "kaal.toml")
    assert minimal == Lens(name="kaal", label_nl="kaal", label_en="kaal")


def test_every_problem_of_a_lens_names_the_file_and_the_key() -> None:
    data = {**GOOD, "colour": "red", "value_meur_per_mw_year": 0, "discount_rate": "x",
            "label_en": 3, "sector_weights": {"housign": 2.0, "wind": -1.0},
            "project_cost_factors": [1.0],
            "must_connect": [{"min_acm_priority": 5, "by": 2030.5, "sectors": ["zon"],
                              "year": 2030}, 3]}
    problems = problems_of(data)
    assert [(p.code, p.column) for p in problems] == [
        (Code.UNKNOWN_KEY, "colour"),
        (Code.WRONG_TYPE, "label_en"),
        (Code.OUT_OF_RANGE, "value_meur_per_mw_year"),
        (Code.WRONG_TYPE, "discount_rate"),
        (Code.NOT_ALLOWED, "sector_weights.housign"),
        (Code.OUT_OF_RANGE, "sector_weights.wind"),
        (Code.WRONG_TYPE, "project_cost_factors"),
        (Code.UNKNOWN_KEY, "must_connect[1].year"),
        (Code.NOT_ALLOWED, "must_connect[1].min_acm_priority"),
        (Code.NOT_ALLOWED, "must_connect[1].sectors"),
        (Code.WRONG_TYPE, "must_connect[1].by"),
        (Code.WRONG_TYPE, "must_connect[2]"),
    ]
    assert {(p.table, p.row) for p in problems} == {("mijn-lens.toml", None)}
    by_column = {p.column: p for p in problems}
    assert by_column["sector_weights.housign"].hint("en").endswith("Did you mean 'housing'?")
    assert by_column["must_connect[1].sectors"].hint("nl").endswith("Bedoelde u 'solar'?")
    assert by_column["value_meur_per_mw_year"].expected == "(0, ∞)"
    assert by_column["must_connect[1].min_acm_priority"].expected == "0, 1, 2, 3"


def test_the_messages_name_the_place_in_dutch_and_english() -> None:
    (unknown,) = problems_of({"name": "x", "sector_wieghts": {"housing": 1.0}})
    assert unknown.place("nl") == unknown.place("en") == "mijn-lens.toml: sector_wieghts"
    assert unknown.message("nl") == "Onbekende sleutel 'sector_wieghts'."
    assert unknown.message("en") == "Unknown key 'sector_wieghts'."
    assert unknown.hint("nl").endswith("Bedoelde u 'sector_weights'?")
    (by,) = problems_of({"name": "x", "must_connect": [{"by": "begin"}]})
    assert by.message("nl") == "Waarde 'begin' is geen jaartal of \"start\"."
    assert by.message("en") == "Value 'begin' is not a year or \"start\"."
    (nameless,) = problems_of({"label_nl": "Zonder naam"})
    assert nameless.code is Code.MISSING_KEY and nameless.column == "name"
    with pytest.raises(ValidationError) as caught:
        parse_lens({"label_nl": "Zonder naam"}, "mijn-lens.toml")
    assert str(caught.value) == (
        "1 problem in mijn-lens.toml:\n- mijn-lens.toml: name: Required key 'name' is "
        "missing. Add the key, for example name = \"mijn-lens\".")
    assert caught.value.describe("nl").endswith(
        "Verplichte sleutel 'name' ontbreekt. Voeg de sleutel toe, bijvoorbeeld "
        "name = \"mijn-lens\".")


def test_a_lens_that_does_not_exist_or_is_not_toml(tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as caught:
        load_lens("wonen-eerts")
    (problem,) = caught.value.problems
    assert (problem.code, problem.table, problem.got) == (Code.UNKNOWN_LENS, "wonen-eerts",
                                                          "wonen-eerts")
    assert problem.hint("nl").endswith("Bedoelde u 'wonen-eerst'?")
    broken = tmp_path / "kapot.toml"
    broken.write_text("name = \n", encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        load_lens(broken)
    (problem,) = caught.value.problems
    assert (problem.code, problem.table) == (Code.UNREADABLE, "kapot.toml")
    assert problem.hint("nl") == "Lever een leesbaar bestand: een TOML-bestand (https://toml.io)."


def test_a_lens_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "eigen.toml"
    path.write_text('name = "eigen"\nlabel_nl = "Eigen"\n\n[sector_weights]\nsolar = 2.0\n\n'
                    "[[must_connect]]\nmin_acm_priority = 3\nby = 2028\n", encoding="utf-8")
    lens = load_lens(path)
    assert (lens.name, lens.label("en"), lens.sector_weights) == ("eigen", "Eigen",
                                                                  {"solar": 2.0})
    assert lens.must_connect == (MustConnect(3, (), 2028),)
    assert load_lenses(f"evenwichtig, {path}")[1] == lens


SOURCED = {"central": 0.5, "low": 0.25, "high": 1.5, "source": "Rapport X (2024), tabel 3"}


def test_a_value_outside_its_range_or_without_a_source_is_refused() -> None:
    # high below low: the high end is named; central outside [low, high]: the central value
    (high,) = problems_of({"name": "x", "value": {**SOURCED, "low": 0.6, "high": 0.4}})
    assert (high.code, high.table, high.column) == (Code.VALUE_RANGE, "mijn-lens.toml",
                                                    "value.high")
    assert high.place("en") == "mijn-lens.toml: value.high"
    assert "low 0.6 ≤ central 0.5 ≤ high 0.4" in high.message("en")
    assert high.hint("nl") == "Zorg in [value] dat low ≤ central ≤ high (M€ per MW-jaar)."
    (central,) = problems_of({"name": "x", "value": {**SOURCED, "central": 2.0}})
    assert (central.code, central.column) == (Code.VALUE_RANGE, "value.central")
    # no source, an empty one, or one that is not text
    for source in ({}, {"source": "  "}):
        data = {k: v for k, v in SOURCED.items() if k != "source"} | source
        (missing,) = problems_of({"name": "x", "value": data})
        assert (missing.code, missing.column) == (Code.MISSING_KEY, "value.source")
        assert missing.message("nl") == "Verplichte sleutel 'value.source' ontbreekt."
    (typed,) = problems_of({"name": "x", "value": {**SOURCED, "source": 2024}})
    assert (typed.code, typed.column) == (Code.WRONG_TYPE, "value.source")
    # a missing end, a misspelt key, a value that is no table, a number that is no number
    problems = problems_of({"name": "x", "value": {"central": 0.5, "hihg": 1.0, "low": "0,2",
                                                   "source": "y"}})
    assert [(p.code, p.column) for p in problems] == [
        (Code.UNKNOWN_KEY, "value.hihg"), (Code.WRONG_TYPE, "value.low"),
        (Code.MISSING_KEY, "value.high")]
    assert problems[0].hint("en").endswith("Did you mean 'high'?")
    (table,) = problems_of({"name": "x", "value": 0.5})
    assert (table.code, table.column) == (Code.WRONG_TYPE, "value")
    # the older bare number beside the table
    (twice,) = problems_of({"name": "x", "value_meur_per_mw_year": 0.5, "value": SOURCED})
    assert (twice.code, twice.column) == (Code.VALUE_TWICE, "value_meur_per_mw_year")


def test_a_sourced_value_and_the_older_bare_number(tmp_path: Path) -> None:
    lens = parse_lens({"name": "x", "value": {**SOURCED, "source_en": "Report X"}}, "x.toml")
    assert lens.value == ConnectionValue(0.5, 0.25, 1.5, SOURCED["source"], "Report X")
    assert lens.value_meur_per_mw_year == 0.5 and lens.value.sourced and lens.value.has_range
    assert lens.value.source_text("en") == "Report X"
    assert lens.value.source_text("nl") == SOURCED["source"]
    assert lens.at_value(1.5).value.central == 1.5
    assert lens.at_value(1.5).value.points() == {"low": 0.25, "central": 1.5, "high": 1.5}
    # the older key still reads, as a value without source or range, and says so
    old, problems = read_lens({"name": "x", "value_meur_per_mw_year": 0.4}, "x.toml")
    assert old is not None and old.value == ConnectionValue(0.4, 0.4, 0.4)
    assert not old.value.sourced and not old.value.has_range
    (warning,) = problems
    assert (warning.code, warning.severity, warning.column) == (
        Code.VALUE_UNSOURCED, Severity.WARNING, "value_meur_per_mw_year")
    assert warning.message("nl") == "Waarde 0.4 M€ per MW-jaar zonder bron en zonder bereik."
    # a lens that names no value takes pmiek's own, which has a source and a range
    assert parse_lens({"name": "x"}, "x.toml").value == DEFAULT_VALUE
    assert DEFAULT_VALUE.sourced and DEFAULT_VALUE.low < DEFAULT_VALUE.central < \
        DEFAULT_VALUE.high
    # a lens file with a bad range is refused naming the file and the key
    path = tmp_path / "eigen.toml"
    path.write_text('name = "eigen"\n\n[value]\ncentral = 0.5\nlow = 0.9\nhigh = 0.3\n'
                    'source = "Rapport X"\n', encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        load_lens(path)
    (problem,) = caught.value.problems
    assert (problem.code, problem.table, problem.column) == (Code.VALUE_RANGE, "eigen.toml",
                                                             "value.high")
    assert "eigen.toml: value.high" in caught.value.describe("nl")


def test_every_shipped_lens_states_its_value_with_a_source_and_a_range() -> None:
    for name in BUILT_IN:
        source = resources.files("pmiek") / "data" / "lenses" / f"{name}.toml"
        raw = tomllib.loads(source.read_text(encoding="utf-8"))
        assert "value" in raw and "value_meur_per_mw_year" not in raw, name
        assert set(raw["value"]) == set(VALUE_KEYS), name
        lens, problems = read_lens(raw, f"{name}.toml")
        assert lens is not None and problems == [], name
        value = lens.value
        assert value.sourced and value.source_en.strip(), name
        assert 0 < value.low < value.central < value.high, name
