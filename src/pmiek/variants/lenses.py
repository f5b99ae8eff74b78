"""Policy lenses: what a variant values, as data (TOML files), not code.

A lens weighs developments by sector and policy goal and may make some connections
obligatory; the built-in lenses live in ``pmiek/data/lenses/*.toml`` and a user's own lens is
a TOML file of the same shape::

    name = "wonen-eerst"
    label_nl = "Wonen eerst"
    label_en = "Housing first"
    description_nl = "…"          # why this lens, in one or two sentences
    discount_rate = 0.0225        # Dutch social discount rate for cost-benefit analysis
    default_sector_weight = 1.0

    [value]                       # what one MW of weight 1 connected for a year is worth
    central = 0.5                 # M€ per MW-year: the central estimate …
    low = 0.25                    # … and the range of the public estimates
    high = 1.5
    source = "…"                  # where the figures come from (report, year, table)
    source_en = "…"               # optional: the source in English (default: source)

    [sector_weights]              # developments.sector -> weight
    housing = 3.0

    [goal_weights]                # a policy goal in developments.policy_goals -> added weight
    wonen = 1.0

    [project_cost_factors]        # projects.kind -> factor on its cost in the objective
    storage = 0.5

    [[must_connect]]              # developments that must be connected, fully, by a year
    min_acm_priority = 2          # ACM priority 2 (veiligheid) and 3 (basisbehoefte)
    sectors = ["housing"]         # optional: only these sectors
    by = "start"                  # "start": from their own start year; or a year

The weight of development *d* is ``sector_weights[sector] + Σ goal_weights[goal]`` over its
policy goals (DESIGN.md: "lens weight(sector, policy goals)"). Sectors, project kinds and ACM
priorities are the data contract's closed sets (:data:`Sector`, :data:`ProjectKind`,
:data:`AcmPriority`); policy goals are free text.

``[value]`` grounds the money (:class:`ConnectionValue`): a connected MW-year of weight 1 is
worth ``central`` M€, between ``low`` and ``high``, as ``source`` says; a development's MW-year
is worth its weight times that. Without ``[value]`` a lens takes pmiek's own sourced estimate
(:data:`~pmiek.domain.defaults.VALUE_MEUR_PER_MW_YEAR`, its range and source). The older key
``value_meur_per_mw_year = 0.5`` still reads, as a value without source or range (a warning,
:attr:`Code.VALUE_UNSOURCED`); next to ``[value]`` it is an error.

:func:`read_lens` reports every problem of a lens as a
:class:`~pmiek.domain.problems.Problem` (the lens file is the table, the key the column);
:func:`parse_lens` raises them as a :class:`~pmiek.errors.ValidationError`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal, cast, get_args

import numpy as np
import numpy.typing as npt
import pandas as pd

from pmiek.domain.defaults import (
    DISCOUNT_RATE,
    VALUE_MEUR_PER_MW_YEAR,
    VALUE_RANGE_MEUR_PER_MW_YEAR,
    VALUE_SOURCE,
)
from pmiek.domain.labels import localised
from pmiek.domain.problems import Code, Place, Problem, Severity, closest, errors
from pmiek.domain.tables import DUTCH_ALIASES
from pmiek.errors import ValidationError

BUILT_IN = ("wonen-eerst", "werk-en-industrie", "flex-en-opslag-eerst", "evenwichtig")
"""The built-in lenses, in the order they are shown."""

Sector = Literal["housing", "business_park", "mobility", "industry", "utility", "agriculture",
                 "data_center", "solar", "wind", "heat_network", "other"]
"""``developments.sector`` (the data contract's ``SECTORS``)."""
ProjectKind = Literal["new_station", "expansion", "cable", "pipeline", "heat_network",
                      "storage", "conversion", "flex_contract"]
"""``projects.kind`` (the data contract's ``PROJECT_KINDS``)."""
AcmPriority = Literal[0, 1, 2, 3]
"""ACM priority: 0 none, 1 congestieverzachter, 2 veiligheid, 3 basisbehoefte."""
FROM_START: Literal["start"] = "start"
"""``by = "start"`` in a ``[[must_connect]]`` rule: from each development's start year."""

SECTORS: tuple[Sector, ...] = get_args(Sector)
PROJECT_KINDS: tuple[ProjectKind, ...] = get_args(ProjectKind)
ACM_PRIORITIES: tuple[AcmPriority, ...] = get_args(AcmPriority)


@dataclass(frozen=True)
class MustConnect:
    """Developments with ACM priority ≥ ``min_acm_priority`` (and of ``sectors`` when given)
    are connected fully from year ``by`` (``None``: their own start year)."""

    min_acm_priority: AcmPriority = 0
    sectors: tuple[Sector, ...] = ()
    by: int | None = None


@dataclass(frozen=True)
class ConnectionValue:
    """What one MW of lens weight 1, connected for a year, is worth [M€ per MW-year]: the
    central estimate, the low and high end of its range, and where the figures come from
    (``source`` in Dutch, ``source_en`` in English; empty: the value has no source)."""

    central: float
    low: float
    high: float
    source: str = ""
    source_en: str = ""

    @property
    def sourced(self) -> bool:
        """Whether the value names its source (a lens with only ``value_meur_per_mw_year``
        does not)."""
        return bool(self.source.strip())

    @property
    def has_range(self) -> bool:
        return self.low < self.high

    def source_text(self, lang: str = "nl") -> str:
        """The source in ``lang`` (the Dutch one when there is no English one)."""
        return localised({"nl": self.source, "en": self.source_en or self.source}, lang)

    def points(self) -> dict[str, float]:
        """The value at the low end, the central estimate and the high end, by name."""
        return {"low": self.low, "central": self.central, "high": self.high}


DEFAULT_VALUE = ConnectionValue(VALUE_MEUR_PER_MW_YEAR, *VALUE_RANGE_MEUR_PER_MW_YEAR,
                                source=VALUE_SOURCE["nl"], source_en=VALUE_SOURCE["en"])
"""pmiek's own estimate of the value of a connection, for a lens that names none."""
VALUE_POINTS = ("low", "central", "high")
"""The points of a value's range, low to high (:meth:`ConnectionValue.points`)."""


@dataclass(frozen=True)
class Lens:
    name: str
    label_nl: str
    label_en: str
    description_nl: str = ""
    description_en: str = ""
    value: ConnectionValue = DEFAULT_VALUE
    discount_rate: float = DISCOUNT_RATE
    default_sector_weight: float = 1.0
    sector_weights: dict[Sector, float] = field(default_factory=dict)
    goal_weights: dict[str, float] = field(default_factory=dict)
    project_cost_factors: dict[ProjectKind, float] = field(default_factory=dict)
    must_connect: tuple[MustConnect, ...] = ()

    @property
    def value_meur_per_mw_year(self) -> float:
        """The central value of one MW of weight 1 connected for a year [M€]."""
        return self.value.central

    def at_value(self, value: float) -> Lens:
        """This lens with ``value`` M€ per weighted MW-year as its central value (its range
        and source kept): a point of the range for a sensitivity run."""
        return replace(self, value=replace(self.value, central=value))

    def label(self, lang: str = "nl") -> str:
        return localised({"nl": self.label_nl, "en": self.label_en}, lang)

    def description(self, lang: str = "nl") -> str:
        return localised({"nl": self.description_nl, "en": self.description_en}, lang)

    def weights(self, sectors: pd.Series, goals: pd.Series) -> npt.NDArray[np.float64]:
        """The lens weight of each development (sector weight + its goals' weights)."""
        sector = sectors.astype(object).map(self.sector_weights).to_numpy(dtype=float,
                                                                         na_value=np.nan)
        weight: npt.NDArray[np.float64] = np.where(np.isnan(sector),
                                                   self.default_sector_weight, sector)
        if self.goal_weights:
            lists = goals.astype(object).fillna("").str.split(";").explode().str.strip()
            extra = lists.map(self.goal_weights).fillna(0.0).astype(float)
            weight = weight + extra.groupby(level=0).sum().reindex(
                goals.index, fill_value=0.0).to_numpy(dtype=float)
        return weight

    def cost_factors(self, kinds: pd.Series) -> npt.NDArray[np.float64]:
        factor = kinds.astype(object).map(self.project_cost_factors)
        found: npt.NDArray[np.float64] = factor.fillna(1.0).to_numpy(dtype=float)
        return found


# --- reading a lens ------------------------------------------------------------------------

_TEXTS = ("name", "label_nl", "label_en", "description_nl", "description_en")
_POSITIVE = (0.0, False, math.inf)
_SCALARS: dict[str, tuple[float, bool, float]] = {  # key: (low, low allowed, high)
    "discount_rate": (0.0, True, 1.0),
    "default_sector_weight": (0.0, True, math.inf),
}
_TABLES: dict[str, tuple[str, ...] | None] = {  # key: the names allowed (None: any)
    "sector_weights": SECTORS,
    "goal_weights": None,
    "project_cost_factors": PROJECT_KINDS,
}
LEGACY_VALUE = "value_meur_per_mw_year"
"""The older key for the value of a connection: a number without source or range."""
KEYS = (*_TEXTS, *_SCALARS, "value", LEGACY_VALUE, *_TABLES, "must_connect")
"""The keys of a lens file."""
VALUE_KEYS = ("central", "low", "high", "source", "source_en")
"""The keys of the ``[value]`` table."""
RULE_KEYS = ("min_acm_priority", "sectors", "by")
"""The keys of a ``[[must_connect]]`` rule."""

_WORDS = {  # what a value must be: English, Dutch
    "number": ("a number", "getal"),
    "text": ("text", "tekst"),
    "table": ("a table (name = number)", "tabel (naam = getal)"),
    "rules": ("a list of tables [[must_connect]]", "lijst van tabellen [[must_connect]]"),
    "rule": ("a table [[must_connect]]", "tabel [[must_connect]]"),
    "list": ("a list of sectors", "lijst van sectoren"),
    "by": ('a year or "start"', 'jaartal of "start"'),
    "value": ("a table [value] with central, low, high and source",
              "tabel [value] met central, low, high en source"),
}


def _shown(value: object) -> str:
    """A TOML value as the user wrote it."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


@dataclass
class _Reader:
    """Collects the problems of one lens file while reading its values."""

    place: Place
    problems: list[Problem] = field(default_factory=list)

    def wrong_type(self, column: str, value: object, what: str) -> None:
        english, dutch = _WORDS[what]
        self.problems.append(self.place.problem(Code.WRONG_TYPE, column, got=_shown(value),
                                                expected=english, expected_nl=dutch))

    def not_allowed(self, column: str, value: str, allowed: tuple[object, ...]) -> None:
        names = [str(a) for a in allowed]
        alias = DUTCH_ALIASES.get(value.strip().lower(), "")
        close = alias if alias in names else closest(value, names)
        self.problems.append(self.place.problem(Code.NOT_ALLOWED, column, got=value,
                                                expected=", ".join(names), close=close))

    def unknown_keys(self, table: Mapping[str, Any], known: tuple[str, ...],
                     prefix: str = "") -> None:
        for key in sorted(set(table) - set(known)):
            self.problems.append(self.place.problem(Code.UNKNOWN_KEY, prefix + key,
                                                    expected=", ".join(known),
                                                    close=closest(key, list(known))))

    def text(self, data: Mapping[str, Any], key: str, default: str) -> str:
        value = data.get(key, default)
        if isinstance(value, str):
            return value
        self.wrong_type(key, value, "text")
        return default

    def number(self, value: object, column: str, bounds: tuple[float, bool, float]) -> float:
        """``value`` as a float within ``bounds`` (low, low allowed, high exclusive but for
        infinity); NaN after reporting a problem."""
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.wrong_type(column, value, "number")
            return math.nan
        low, low_allowed, high = bounds
        number = float(value)
        above = number >= low if low_allowed else number > low
        if not (math.isfinite(number) and above and number < high):
            shown = f"{'[' if low_allowed else '('}{low:g}, {high:g})".replace("inf", "∞")
            self.problems.append(self.place.problem(Code.OUT_OF_RANGE, column,
                                                    got=_shown(value), expected=shown))
            return math.nan
        return number


def _scalars(data: Mapping[str, Any], reader: _Reader) -> dict[str, float]:
    return {key: reader.number(data[key], key, bounds) for key, bounds in _SCALARS.items()
            if key in data}


def _value(data: Mapping[str, Any], reader: _Reader) -> ConnectionValue:
    """The value of a connection: the ``[value]`` table, the older bare number (unsourced,
    a warning), or pmiek's own estimate when the lens names neither."""
    table = data.get("value")
    if table is None:
        if LEGACY_VALUE not in data:
            return DEFAULT_VALUE
        number = reader.number(data[LEGACY_VALUE], LEGACY_VALUE, _POSITIVE)
        if math.isfinite(number):
            reader.problems.append(reader.place.problem(
                Code.VALUE_UNSOURCED, LEGACY_VALUE, got=_shown(number),
                severity=Severity.WARNING))
        return ConnectionValue(number, number, number)
    if LEGACY_VALUE in data:
        reader.problems.append(reader.place.problem(Code.VALUE_TWICE, LEGACY_VALUE,
                                                    expected="[value]"))
    if not isinstance(table, dict):
        reader.wrong_type("value", table, "value")
        return DEFAULT_VALUE
    reader.unknown_keys(table, VALUE_KEYS, "value.")
    numbers = {}
    for key, example in (("central", "0.5"), ("low", "0.25"), ("high", "1.5")):
        if key in table:
            numbers[key] = reader.number(table[key], f"value.{key}", _POSITIVE)
        else:
            reader.problems.append(reader.place.problem(Code.MISSING_KEY, f"value.{key}",
                                                        expected=f"{key} = {example}"))
            numbers[key] = math.nan
    source = _source(table, "source", reader, required=True)
    source_en = _source(table, "source_en", reader, required=False)
    low, central, high = numbers["low"], numbers["central"], numbers["high"]
    if all(math.isfinite(n) for n in numbers.values()) and not low <= central <= high:
        reader.problems.append(reader.place.problem(
            Code.VALUE_RANGE, "value.high" if low > high else "value.central",
            got=f"{low:g} ≤ {central:g} ≤ {high:g}", expected="low ≤ central ≤ high",
            low=f"{low:g}", central=f"{central:g}", high=f"{high:g}"))
    return ConnectionValue(central, low, high, source, source_en)


def _source(table: Mapping[str, Any], key: str, reader: _Reader, *, required: bool) -> str:
    """A source text of ``[value]``; a required one must name something."""
    column = f"value.{key}"
    found = table.get(key, "")
    if not isinstance(found, str):
        reader.wrong_type(column, found, "text")
        return ""
    if required and not found.strip():
        reader.problems.append(reader.place.problem(
            Code.MISSING_KEY, column,
            expected='source = "report, year, table or page"',
            expected_nl='source = "rapport, jaar, tabel of pagina"'))
    return found.strip()


def _weight_table(data: Mapping[str, Any], key: str, reader: _Reader) -> dict[str, float]:
    table = data.get(key, {})
    if not isinstance(table, dict):
        reader.wrong_type(key, table, "table")
        return {}
    allowed = _TABLES[key]
    found = {}
    for name, value in table.items():
        column = f"{key}.{name}"
        if allowed is not None and name not in allowed:
            reader.not_allowed(column, name, allowed)
        found[str(name)] = reader.number(value, column, (0.0, True, math.inf))
    return found


def _rules(data: Mapping[str, Any], reader: _Reader) -> tuple[MustConnect, ...]:
    rules = data.get("must_connect", [])
    if not isinstance(rules, list):
        reader.wrong_type("must_connect", rules, "rules")
        return ()
    return tuple(_rule(rule, f"must_connect[{n}]", reader)
                 for n, rule in enumerate(rules, start=1))


def _rule(rule: object, at: str, reader: _Reader) -> MustConnect:
    if not isinstance(rule, dict):
        reader.wrong_type(at, rule, "rule")
        return MustConnect()
    reader.unknown_keys(rule, RULE_KEYS, f"{at}.")
    priority = rule.get("min_acm_priority", 0)
    if not isinstance(priority, int) or isinstance(priority, bool) or \
            priority not in ACM_PRIORITIES:
        reader.not_allowed(f"{at}.min_acm_priority", _shown(priority), ACM_PRIORITIES)
        priority = 0
    return MustConnect(cast(AcmPriority, priority), _rule_sectors(rule, at, reader),
                       _rule_year(rule, at, reader))


def _rule_sectors(rule: Mapping[str, Any], at: str, reader: _Reader) -> tuple[Sector, ...]:
    sectors = rule.get("sectors", [])
    if not isinstance(sectors, list):
        reader.wrong_type(f"{at}.sectors", sectors, "list")
        return ()
    for sector in sectors:
        if sector not in SECTORS:
            reader.not_allowed(f"{at}.sectors", _shown(sector), SECTORS)
    return tuple(cast(Sector, s) for s in sectors if s in SECTORS)


def _rule_year(rule: Mapping[str, Any], at: str, reader: _Reader) -> int | None:
    by = rule.get("by", FROM_START)
    if by == FROM_START:
        return None
    if isinstance(by, bool) or not isinstance(by, int):
        reader.wrong_type(f"{at}.by", by, "by")
        return None
    return by


def read_lens(data: Mapping[str, Any], where: str) -> tuple[Lens | None, list[Problem]]:
    """A lens from the contents of a TOML file, and every problem in it; ``where`` names the
    file (the table of the problems). The lens is ``None`` when there is an error."""
    reader = _Reader(Place(where))
    reader.unknown_keys(data, KEYS)
    if "name" not in data:
        reader.problems.append(reader.place.problem(Code.MISSING_KEY, "name",
                                                    expected='name = "mijn-lens"'))
    name = reader.text(data, "name", where)
    label_nl = reader.text(data, "label_nl", name)
    label_en = reader.text(data, "label_en", label_nl)
    description_nl = reader.text(data, "description_nl", "")
    description_en = reader.text(data, "description_en", "")
    value = _value(data, reader)
    scalars = _scalars(data, reader)
    tables = {key: _weight_table(data, key, reader) for key in _TABLES}
    lens = Lens(
        name=name, label_nl=label_nl, label_en=label_en, description_nl=description_nl,
        description_en=description_en, value=value, **scalars,
        sector_weights=cast(dict[Sector, float], tables["sector_weights"]),
        goal_weights=tables["goal_weights"],
        project_cost_factors=cast(dict[ProjectKind, float], tables["project_cost_factors"]),
        must_connect=_rules(data, reader))
    return (None if errors(reader.problems) else lens), reader.problems


def parse_lens(data: Mapping[str, Any], where: str) -> Lens:
    """A lens from the contents of a TOML file; ``where`` names the file.

    Raises
    ------
    ValidationError
        Listing every problem, each naming the file (``table``) and the key (``column``).
    """
    lens, problems = read_lens(data, where)
    if lens is None:
        raise ValidationError(problems, source=where)
    return lens


__all__ = [
    "ACM_PRIORITIES",
    "BUILT_IN",
    "DEFAULT_VALUE",
    "FROM_START",
    "KEYS",
    "PROJECT_KINDS",
    "RULE_KEYS",
    "SECTORS",
    "VALUE_KEYS",
    "VALUE_POINTS",
    "AcmPriority",
    "ConnectionValue",
    "Lens",
    "MustConnect",
    "ProjectKind",
    "Sector",
    "parse_lens",
    "read_lens",
]
