"""How precisely a number of a result table is shown to people, inferred from its column.

The tidy CSV files keep full precision; what a person reads — the workbook for people, later
a document — is rounded per quantity, and :func:`quantity` is the one place that says which
quantity a column holds:

>>> quantity("loads", "peak_demand_mw"), quantity("comparison", "capex_meur")
(<Quantity.POWER: 'power'>, <Quantity.MONEY: 'money'>)
>>> quantity("summary", "homes_connected_2030").decimals, quantity("blocked", "connect_year")
(0, <Quantity.YEAR: 'year'>)

MW and M€ to 0.1, homes, hours and other counts whole, years whole without a thousands
separator, shares (a fraction of 1) to 0.1 % — 3 decimals of the fraction —, scores on 0–1
to 3 decimals. A column in the unit that its row names (an indicator's value) is
:attr:`Quantity.PER_UNIT`: :func:`unit_decimals` rounds it by that unit. Columns are
recognised by name first (:data:`BY_NAME`, :data:`BY_TABLE`), then by their unit suffix or
prefix (``_mw``, ``_meur``, ``_mwh``, ``_year``, ``_share``, ``_rank``, ``homes_``,
``hours_``), then by their table (the scenario columns of ``homes_blocked``, the criterion
columns of ``central_weights`` and ``weight_sets``).
"""

from __future__ import annotations

from enum import Enum


class Quantity(Enum):
    """What a number is, and so how many decimals a person sees."""

    POWER = "power"
    """MW, and MW·year: 0.1."""
    MONEY = "money"
    """M€: 0.1."""
    ENERGY = "energy"
    """MWh, GWh: 0.1."""
    AMOUNT = "amount"
    """A size in its own unit (FTE-years, hectares): 0.1."""
    DURATION = "duration"
    """Seconds: 0.1."""
    COUNT = "count"
    """Homes, hours, projects, ranks: whole."""
    YEAR = "year"
    """A calendar year: whole, without thousands separator."""
    SHARE = "share"
    """A fraction of 1 shown as a percentage: 3 decimals (0.1 %)."""
    SCORE = "score"
    """A value or score on 0–1 (or −1–1): 3 decimals."""
    RATIO = "ratio"
    """A ratio of two amounts: 2 decimals."""
    PER_UNIT = "per_unit"
    """In the unit its row names: by :func:`unit_decimals`."""

    @property
    def decimals(self) -> int:
        """The decimals shown (for :attr:`PER_UNIT`, those of a unit not known)."""
        return _DECIMALS[self]


_DECIMALS = {Quantity.POWER: 1, Quantity.MONEY: 1, Quantity.ENERGY: 1, Quantity.AMOUNT: 1,
             Quantity.DURATION: 1, Quantity.COUNT: 0, Quantity.YEAR: 0, Quantity.SHARE: 3,
             Quantity.SCORE: 3, Quantity.RATIO: 2, Quantity.PER_UNIT: 1}

BY_NAME: dict[str, Quantity] = {
    "utilisation": Quantity.SHARE,
    "mip_gap": Quantity.SHARE,
    "weight": Quantity.SHARE,
    "global_weight": Quantity.SHARE,
    "confidence": Quantity.SHARE,
    "acceptability": Quantity.SHARE,
    "rank1_acceptability": Quantity.SHARE,
    "standard_error": Quantity.SHARE,
    "lower": Quantity.SHARE,
    "upper": Quantity.SHARE,
    "top_lower": Quantity.SHARE,
    "top_upper": Quantity.SHARE,
    "framework": Quantity.SHARE,
    "mean": Quantity.SHARE,
    "geometric_mean": Quantity.SHARE,
    "min": Quantity.SHARE,
    "max": Quantity.SHARE,
    "std": Quantity.SHARE,
    "partial_value": Quantity.SCORE,
    "weighted_sum": Quantity.SCORE,
    "topsis": Quantity.SCORE,
    "promethee_ii": Quantity.SCORE,
    "ratio_milp_greedy": Quantity.RATIO,
    "value_per_meur": Quantity.RATIO,
    "seconds": Quantity.DURATION,
    "fte_years": Quantity.AMOUNT,
    "quantity": Quantity.PER_UNIT,
    "transformers": Quantity.COUNT,
    "projects_built": Quantity.COUNT,
    "violations": Quantity.COUNT,
    "priority": Quantity.COUNT,
    "rank": Quantity.COUNT,
    "tier": Quantity.COUNT,
    "acm_priority": Quantity.COUNT,
    "hours_over": Quantity.COUNT,
    "n": Quantity.COUNT,
    "value": Quantity.PER_UNIT,
    "used": Quantity.PER_UNIT,
    "available": Quantity.PER_UNIT,
}
"""column → quantity, for the columns whose name carries no unit."""

BY_NAME.update({
    # the value of a connected MW-year [M€ per MW-year]: a few tenths, two decimals
    **dict.fromkeys(("value_meur_per_mw_year", "value_low_meur_per_mw_year",
                     "value_high_meur_per_mw_year", "value_low", "value_central",
                     "value_high"), Quantity.RATIO),
    **dict.fromkeys(("rank_low", "rank_central", "rank_high"), Quantity.COUNT),
    **dict.fromkeys(("in_service_year_low", "in_service_year_central",
                     "in_service_year_high", "why_year"), Quantity.YEAR),
})

BY_TABLE: dict[tuple[str, str], Quantity] = {
    ("partial_values", "contribution"): Quantity.SCORE,
    ("indicator_sources", "contribution"): Quantity.PER_UNIT,
    ("why", "value"): Quantity.PER_UNIT,
    ("why", "other_value"): Quantity.PER_UNIT,
}
"""(table, column) → quantity, where a column's quantity differs per table."""

DYNAMIC: dict[str, Quantity] = {
    "homes_blocked": Quantity.COUNT,
    "central_weights": Quantity.SHARE,
    "weight_sets": Quantity.SHARE,
}
"""table → the quantity of the columns that the data names (scenarios, criteria)."""

_SUFFIXES: tuple[tuple[str, Quantity], ...] = (
    ("_year", Quantity.YEAR), ("_meur", Quantity.MONEY), ("_mwh", Quantity.ENERGY),
    ("_mw", Quantity.POWER), ("_share", Quantity.SHARE),
    ("_rank", Quantity.COUNT))
_INFIXES: tuple[tuple[str, Quantity], ...] = (
    ("_meur_", Quantity.MONEY), ("_mwh_", Quantity.ENERGY), ("_mw_", Quantity.POWER))
_PREFIXES: tuple[tuple[str, Quantity], ...] = (
    ("homes_", Quantity.COUNT), ("hours_", Quantity.COUNT), ("weighted_sum_", Quantity.SCORE),
    ("n_", Quantity.COUNT))

UNIT_DECIMALS: dict[str, int] = {
    **dict.fromkeys(("woningen", "homes", "banen", "jobs", "laadpunten", "charge_points",
                     "aansluitingen", "connections", "ontwikkelingen", "projecten",
                     "stations", "stuks", "transformers"), 0),
    **dict.fromkeys(("-", "share", "aandeel"), 3),
}
"""unit → decimals for :attr:`Quantity.PER_UNIT` columns; any other unit (MW, M€, ha,
fte-jaar, GWh/jaar, kt CO2/jaar, budget, fte …) gets 1."""

UNIT_COLUMNS = ("unit", "resource")
"""The columns that name the unit of a :attr:`Quantity.PER_UNIT` column on the same row."""


def quantity(table: str, column: str) -> Quantity | None:
    """The quantity of ``column`` in ``table`` (an output name: ``evenwichtig/schedule`` is
    ``schedule``); ``None`` for a column that holds no number the vocabulary knows."""
    table = table.rsplit("/", 1)[-1]
    found = BY_TABLE.get((table, column)) or BY_NAME.get(column)
    if found is not None:
        return found
    if column == "year":
        return Quantity.YEAR
    for suffix, kind in _SUFFIXES:
        if column.endswith(suffix):
            return kind
    for infix, kind in _INFIXES:
        if infix in column:
            return kind
    for prefix, kind in _PREFIXES:
        if column.startswith(prefix):
            return kind
    return DYNAMIC.get(table)


def unit_decimals(unit: object) -> int:
    """The decimals of an amount in ``unit`` (see :data:`UNIT_DECIMALS`)."""
    return UNIT_DECIMALS.get(str(unit).strip(), 1) if unit is not None else 1


__all__ = ["BY_NAME", "BY_TABLE", "DYNAMIC", "UNIT_COLUMNS", "UNIT_DECIMALS", "Quantity",
           "quantity", "unit_decimals"]
