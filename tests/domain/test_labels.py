"""The one vocabulary table: every value of the contract has a Dutch and an English label."""

from __future__ import annotations

import doctest

import pytest

from pmiek.domain import labels as labels_module
from pmiek.domain.labels import (
    LANGUAGES,
    PLURALS,
    VOCABULARY,
    capitalised,
    counted,
    in_language,
    label,
    labels,
    language,
    localised,
)
from pmiek.domain.tables import (
    AREA_KINDS,
    ASSET_KINDS,
    CARRIERS,
    CHOICE_ACTIONS,
    CRITERION_GROUPS,
    PROJECT_KINDS,
    PROJECT_STATUSES,
    SECTORS,
    TABLE_NAMES,
    UNITS,
)
from pmiek.insight.bottlenecks import CLASSES, DIRECTIONS


@pytest.mark.parametrize(("kind", "values"), [
    ("carrier", CARRIERS),
    ("sector", SECTORS),
    ("area_kind", AREA_KINDS),
    ("asset_kind", ASSET_KINDS),
    ("project_kind", PROJECT_KINDS),
    ("project_status", PROJECT_STATUSES),
    ("unit", UNITS),
    ("criterion_group", CRITERION_GROUPS),
    ("capacity_class", CLASSES),
    ("direction", tuple(DIRECTIONS.values())),
    ("tier", ("1", "2", "3")),
    ("table", TABLE_NAMES),
    ("choice_action", CHOICE_ACTIONS),
])
def test_every_value_of_the_contract_has_a_label_in_both_languages(
    kind: str, values: tuple[str, ...]
) -> None:
    assert tuple(VOCABULARY[kind]) == values  # no value missing, none extra, same order
    for lang in LANGUAGES:
        shown = labels(kind, lang)
        assert list(shown) == list(values)
        assert all(text.strip() == text and text for text in shown.values())


def test_labels_in_dutch_and_english() -> None:
    assert label("carrier", "electricity", "nl") == "elektriciteit"
    assert label("carrier", "electricity", "en") == "electricity"
    assert label("asset_kind", "hv_station", "en") == "HV station"
    assert label("project_status", "in_ip", "nl") == "in investeringsplan"
    assert labels("direction", "nl") == {"demand": "afname", "feedin": "invoeding"}
    assert labels("direction", "en") == {"demand": "demand", "feedin": "feed-in"}
    assert [label("tier", t, "nl") for t in "123"] == ["spijtvrij", "robuust",
                                                      "scenario-afhankelijk"]
    assert [label("tier", t, "en") for t in "123"] == ["no-regret", "robust",
                                                      "scenario-dependent"]


def test_dutch_is_the_default_and_the_fallback() -> None:
    assert label("sector", "housing") == "woningbouw"
    assert label("sector", "housing", "de") == "woningbouw"
    assert language("en") == "en" and language("fr") == "nl"
    assert localised({"nl": 1, "en": 2}, "en") == 2
    assert localised({"nl": 1, "en": 2}, "EN") == 1
    assert in_language(("ja", "yes"), "en") == "yes"
    assert in_language(("ja", "yes"), "xx") == "ja"


def test_unknown_value_is_shown_as_it_is_and_unknown_kind_is_an_error() -> None:
    assert label("carrier", "ammonia", "en") == "ammonia"
    with pytest.raises(KeyError, match="unknown kind of label 'colour'; known: carrier"):
        label("colour", "red", "nl")
    with pytest.raises(KeyError, match="colour"):
        labels("colour", "nl")


def test_capitalised_keeps_the_rest() -> None:
    assert capitalised("maatschappelijke waarde") == "Maatschappelijke waarde"
    assert capitalised("HV station") == "HV station"
    assert capitalised("") == ""


def test_every_area_kind_is_counted_in_singular_and_plural() -> None:
    assert tuple(PLURALS["area_kind"]) == AREA_KINDS
    assert [counted("area_kind", k, 1, "nl") for k in AREA_KINDS] == [
        "1 provincie", "1 regio", "1 gemeente", "1 hotspot"]
    assert [counted("area_kind", k, 2, "nl") for k in AREA_KINDS] == [
        "2 provincies", "2 regio's", "2 gemeenten", "2 hotspots"]
    assert [counted("area_kind", k, 1, "en") for k in AREA_KINDS] == [
        "1 province", "1 region", "1 municipality", "1 hotspot"]
    assert [counted("area_kind", k, 0, "en") for k in AREA_KINDS] == [
        "0 provinces", "0 regions", "0 municipalities", "0 hotspots"]


def test_a_value_without_a_plural_keeps_its_label() -> None:
    assert counted("carrier", "heat", 3, "nl") == "3 warmte"
    assert counted("area_kind", "district", 3, "en") == "3 district"
    with pytest.raises(KeyError, match="colour"):
        counted("colour", "red", 2)


def test_examples_in_the_docstring_hold() -> None:
    result = doctest.testmod(labels_module)
    assert result.attempted >= 3 and result.failed == 0
