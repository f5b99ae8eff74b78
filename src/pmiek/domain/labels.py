"""The vocabulary of the data contract for people: one label per value, in Dutch and English.

The contract's values (``electricity``, ``hv_station``, ``in_ip``, …) are English identifiers
and stay so in files; what a person reads — a legend, a table header, a sentence — is the
label from this one table, Dutch by default and English with ``lang="en"``:

>>> label("carrier", "electricity", "nl")
'elektriciteit'
>>> label("direction", "feedin", "en")
'feed-in'
>>> label("carrier", "ammonia", "nl")  # an unknown value is shown as it is
'ammonia'

Labels are lower case, as they read inside a sentence ("3 MW afname"); a legend or title that
starts with one capitalises it itself (:func:`capitalised`). The tier names of the priority
list are keyed by the tier number as text (``"1"``).

Every text table of the user-facing layers is keyed by language the same way;
:func:`localised` and :func:`in_language` pick the entry of a language, Dutch when the
language is not one of :data:`LANGUAGES`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

T = TypeVar("T")

LANGUAGES = ("nl", "en")
"""The languages of every user-facing text; the first is the default."""
DEFAULT_LANGUAGE = LANGUAGES[0]
_POSITION = {lang: i for i, lang in enumerate(LANGUAGES)}

Pair = tuple[str, str]
"""A text in Dutch and in English."""

_CARRIER: dict[str, Pair] = {
    "electricity": ("elektriciteit", "electricity"),
    "heat": ("warmte", "heat"),
    "hydrogen": ("waterstof", "hydrogen"),
    "methane": ("methaan (gas)", "methane (gas)"),
}
_SECTOR: dict[str, Pair] = {
    "housing": ("woningbouw", "housing"),
    "business_park": ("bedrijventerrein", "business park"),
    "mobility": ("mobiliteit", "mobility"),
    "industry": ("industrie", "industry"),
    "utility": ("utiliteit (diensten)", "services (utility buildings)"),
    "agriculture": ("landbouw", "agriculture"),
    "data_center": ("datacenter", "data centre"),
    "solar": ("zonne-energie", "solar power"),
    "wind": ("windenergie", "wind power"),
    "heat_network": ("warmtenet", "heat network"),
    "other": ("overig", "other"),
}
_AREA_KIND: dict[str, Pair] = {
    "province": ("provincie", "province"),
    "region": ("regio", "region"),
    "municipality": ("gemeente", "municipality"),
    "hotspot": ("hotspot", "hotspot"),
}
_ASSET_KIND: dict[str, Pair] = {
    "hv_station": ("hoogspanningsstation", "HV station"),
    "mv_station": ("middenspanningsstation", "MV station"),
    "cable": ("kabel", "cable"),
    "pipeline": ("leiding", "pipeline"),
    "heat_network": ("warmtenet", "heat network"),
    "storage": ("opslag", "storage"),
    "converter": ("conversie", "conversion"),
}
_PROJECT_KIND: dict[str, Pair] = {
    "new_station": ("nieuw station", "new station"),
    "expansion": ("uitbreiding", "expansion"),
    "cable": ("kabel", "cable"),
    "pipeline": ("leiding", "pipeline"),
    "heat_network": ("warmtenet", "heat network"),
    "storage": ("opslag", "storage"),
    "conversion": ("conversie", "conversion"),
    "flex_contract": ("flexcontract", "flexibility contract"),
}
_PROJECT_STATUS: dict[str, Pair] = {
    "candidate": ("kandidaat", "candidate"),
    "in_ip": ("in investeringsplan", "in investment plan"),
    "under_construction": ("in uitvoering", "under construction"),
    "done": ("gereed", "done"),
}
_UNIT: dict[str, Pair] = {
    "homes": ("woningen", "homes"),
    "ha": ("ha", "ha"),
    "m2": ("m²", "m²"),
    "charge_points": ("laadpunten", "charge points"),
    "MWp": ("MWp", "MWp"),
    "MW": ("MW", "MW"),
    "connections": ("aansluitingen", "connections"),
    "jobs": ("banen", "jobs"),
    "other": ("overig", "other"),
}
_DIRECTION: dict[str, Pair] = {
    "demand": ("afname", "demand"),
    "feedin": ("invoeding", "feed-in"),
}
_CRITERION_GROUP: dict[str, Pair] = {
    "maatschappelijke_waarde": ("maatschappelijke waarde", "societal value"),
    "realiseerbaarheid": ("realiseerbaarheid", "feasibility"),
    "systeemtoets": ("systeemtoets", "system check"),
}
_CAPACITY_CLASS: dict[str, Pair] = {
    "beschikbaar": ("capaciteit beschikbaar", "capacity available"),
    "dreigende_schaarste": ("dreigende schaarste", "threatening scarcity"),
    "congestie": ("congestie", "congestion"),
}
_TIER: dict[str, Pair] = {
    "1": ("spijtvrij", "no-regret"),
    "2": ("robuust", "robust"),
    "3": ("scenario-afhankelijk", "scenario-dependent"),
}
_POLICY_GOAL: dict[str, Pair] = {
    "bestaand": ("bestaande belasting", "existing load"),
    "co2": ("CO₂-reductie", "CO₂ reduction"),
    "wonen": ("woningbouw", "housing"),
    "res": ("duurzame opwek (RES)", "renewable generation (RES)"),
    "mobiliteit": ("mobiliteit", "mobility"),
    "onderwijs": ("onderwijs", "education"),
    "werk": ("werkgelegenheid", "employment"),
    "warmte": ("warmtetransitie", "heat transition"),
    "zorg": ("zorg", "health care"),
    "veiligheid": ("veiligheid", "safety"),
}
"""The policy goals of the embedded datasets (``developments.policy_goals`` is free text: a
goal without a label is shown as written)."""

_AREA_KIND_PLURAL: dict[str, Pair] = {
    "province": ("provincies", "provinces"),
    "region": ("regio's", "regions"),
    "municipality": ("gemeenten", "municipalities"),
    "hotspot": ("hotspots", "hotspots"),
}

_TABLE: dict[str, Pair] = {
    "areas": ("gebieden", "areas"), "assets": ("netcomponenten", "assets"),
    "developments": ("ontwikkelingen", "developments"),
    "unit_parameters": ("kengetallen", "unit parameters"),
    "profiles": ("profielen", "profiles"), "projects": ("projecten", "projects"),
    "project_effects": ("projecteffecten", "project effects"),
    "resources": ("middelen", "resources"), "scenarios": ("scenario's", "scenarios"),
    "scenario_factors": ("scenariofactoren", "scenario factors"),
    "scenario_parameters": ("scenarioparameters", "scenario parameters"),
    "choice_rules": ("keuzeregels", "choice rules"), "criteria": ("criteria", "criteria"),
}
_CHOICE_ACTION: dict[str, Pair] = {
    "scale": ("schalen", "scale"), "split": ("verdelen", "split"), "keep": ("behouden", "keep"),
}
_CHOICE: dict[str, Pair] = {
    "heat_supply": ("warmtevoorziening", "heat supply"),
    "role_of_hydrogen": ("rol van waterstof", "role of hydrogen"),
    "solar_on_land": ("zon op land", "solar on land"),
    "electrification": ("elektrificatie", "electrification"),
}
_CHOICE_OPTION: dict[str, Pair] = {
    "individual": ("individueel", "individual"),
    "individual_hybrid": ("individueel, hybride", "individual, hybrid"),
    "collective": ("collectief", "collective"), "mixed": ("gemengd", "mixed"),
    "limited": ("beperkt", "limited"), "broad": ("breed", "broad"),
    "domestic_limited": ("beperkt, binnenlands", "limited, domestic"),
    "import_hub": ("importknooppunt", "import hub"),
    "industry_and_heavy_transport": ("industrie en zwaar vervoer",
                                     "industry and heavy transport"),
    "low": ("laag", "low"), "medium": ("midden", "medium"), "high": ("hoog", "high"),
}

VOCABULARY: dict[str, dict[str, Pair]] = {
    "carrier": _CARRIER,
    "sector": _SECTOR,
    "area_kind": _AREA_KIND,
    "asset_kind": _ASSET_KIND,
    "project_kind": _PROJECT_KIND,
    "project_status": _PROJECT_STATUS,
    "unit": _UNIT,
    "direction": _DIRECTION,
    "criterion_group": _CRITERION_GROUP,
    "capacity_class": _CAPACITY_CLASS,
    "tier": _TIER,
    "policy_goal": _POLICY_GOAL,
    "table": _TABLE,
    "choice_action": _CHOICE_ACTION,
    "choice": _CHOICE,
    "choice_option": _CHOICE_OPTION,
}
"""kind → value → (Dutch, English). Kinds: the enumerations of the data contract
(:mod:`pmiek.domain.tables`), the load directions, the capacity-map classes of
:mod:`pmiek.insight.bottlenecks`, the tiers of the priority list, the tables of the contract,
and the structuring choices of the Energievisie that pmiek knows by name with their options
(a workspace may add others: they are shown by their code)."""


def language(lang: str) -> str:
    """``lang`` when pmiek speaks it, else :data:`DEFAULT_LANGUAGE`."""
    return LANGUAGES[_POSITION.get(lang, 0)]


def localised(texts: Mapping[str, T], lang: str) -> T:
    """The entry of ``lang`` in a table keyed by language; Dutch for an unknown language."""
    return texts.get(lang, texts[DEFAULT_LANGUAGE])


def in_language(pair: Pair, lang: str) -> str:
    """The Dutch or the English text of ``pair``; Dutch for an unknown language."""
    return pair[_POSITION.get(lang, 0)]


def _kind(kind: str) -> dict[str, Pair]:
    try:
        return VOCABULARY[kind]
    except KeyError:
        raise KeyError(f"unknown kind of label {kind!r}; known: "
                       f"{', '.join(VOCABULARY)}") from None


def label(kind: str, value: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The label of ``value`` of ``kind`` in ``lang``; the value itself when it has none.

    Raises ``KeyError`` for an unknown ``kind`` (a programming error, not a data error).
    """
    pair = _kind(kind).get(value)
    return value if pair is None else in_language(pair, lang)


def labels(kind: str, lang: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    """Every value of ``kind`` and its label in ``lang``, in the order of the vocabulary."""
    return {value: in_language(pair, lang) for value, pair in _kind(kind).items()}


PLURALS: dict[str, dict[str, Pair]] = {
    "area_kind": _AREA_KIND_PLURAL,
}
"""kind → value → plural (Dutch, English), for the kinds that are counted in a sentence."""


def counted(kind: str, value: str, count: int, lang: str = DEFAULT_LANGUAGE) -> str:
    """``count`` and the label of ``value``, in the plural unless ``count`` is 1.

    >>> counted("area_kind", "municipality", 26, "nl")
    '26 gemeenten'
    >>> counted("area_kind", "hotspot", 1, "en")
    '1 hotspot'

    A value without a plural form keeps its label; an unknown ``kind`` is a ``KeyError``.
    """
    plural = PLURALS.get(kind, {}).get(value)
    if count == 1 or plural is None:
        return f"{count} {label(kind, value, lang)}"
    return f"{count} {in_language(plural, lang)}"


def capitalised(text: str) -> str:
    """``text`` with its first letter upper case, the rest as it is ("HV station" stays)."""
    return text[:1].upper() + text[1:]


__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "PLURALS",
    "VOCABULARY",
    "Pair",
    "capitalised",
    "counted",
    "in_language",
    "label",
    "labels",
    "language",
    "localised",
]
