"""Typed validation problems and their messages in Dutch and English.

Validation never raises on bad data: it collects :class:`Problem` objects, each naming the
table, the row (and the row's id), the column, what was expected, what arrived and how to fix
it. Messages are templates per :class:`Code`, rendered in the user's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Code(StrEnum):
    """The kinds of problem validation can report (one per rule)."""

    UNREADABLE = "unreadable"
    UNKNOWN_TABLE = "unknown_table"
    MISSING_COLUMN = "missing_column"
    UNKNOWN_COLUMN = "unknown_column"
    MISSING_VALUE = "missing_value"
    WRONG_TYPE = "wrong_type"
    NOT_ALLOWED = "not_allowed"
    OUT_OF_RANGE = "out_of_range"
    OUTSIDE_HORIZON = "outside_horizon"
    DUPLICATE_KEY = "duplicate_key"
    DANGLING_REFERENCE = "dangling_reference"
    CYCLE = "cycle"
    SELF_REFERENCE = "self_reference"
    START_AFTER_END = "start_after_end"
    PROFILE_LENGTH = "profile_length"
    PROFILE_NOT_NORMALISED = "profile_not_normalised"
    INVALID_GEOMETRY = "invalid_geometry"
    UNKNOWN_CRS = "unknown_crs"
    GEOMETRY_OUTSIDE_RD = "geometry_outside_rd"
    MISSING_MOTIVATION = "missing_motivation"
    CAPEX_RANGE = "capex_range"
    NO_SIZE = "no_size"
    CARRIER_MISMATCH = "carrier_mismatch"
    EXCLUDES_REQUIRED = "excludes_required"
    NO_PROFILE = "no_profile"
    NOT_CONNECTED = "not_connected"


# code -> (message nl, message en, hint nl, hint en); {placeholders} come from Problem.params.
_TEMPLATES: dict[Code, tuple[str, str, str, str]] = {
    Code.UNREADABLE: (
        "Bestand of tabel niet leesbaar: {reason}",
        "File or table cannot be read: {reason}",
        "Lever een leesbaar bestand: {expected}.",
        "Deliver a readable file: {expected}.",
    ),
    Code.UNKNOWN_TABLE: (
        "Onbekende tabel '{got}'; wordt genegeerd.",
        "Unknown table '{got}'; it is ignored.",
        "Gebruik een van de tabelnamen: {expected}.",
        "Use one of the table names: {expected}.",
    ),
    Code.MISSING_COLUMN: (
        "Verplichte kolom '{column}' ontbreekt.",
        "Required column '{column}' is missing.",
        "Voeg de kolom '{column}' toe; maak een sjabloon met 'pmiek template'.",
        "Add the column '{column}'; make a template with 'pmiek template'.",
    ),
    Code.UNKNOWN_COLUMN: (
        "Onbekende kolom '{column}'; wordt genegeerd.",
        "Unknown column '{column}'; it is ignored.",
        "Controleer de spelling; bekende kolommen: {expected}.",
        "Check the spelling; known columns: {expected}.",
    ),
    Code.MISSING_VALUE: (
        "Verplichte waarde ontbreekt.",
        "Required value is missing.",
        "Vul '{column}' in ({expected}).",
        "Fill in '{column}' ({expected}).",
    ),
    Code.WRONG_TYPE: (
        "Waarde '{got}' is geen {expected}.",
        "Value '{got}' is not {expected}.",
        "Vul een {expected} in.",
        "Enter {expected}.",
    ),
    Code.NOT_ALLOWED: (
        "Waarde '{got}' is niet toegestaan.",
        "Value '{got}' is not allowed.",
        "Kies een van: {expected}.{suggestion}",
        "Choose one of: {expected}.{suggestion}",
    ),
    Code.OUT_OF_RANGE: (
        "Waarde {got} ligt buiten het bereik {expected}.",
        "Value {got} is outside the range {expected}.",
        "Vul een waarde in het bereik {expected} in.",
        "Enter a value in the range {expected}.",
    ),
    Code.OUTSIDE_HORIZON: (
        "Jaar {got} ligt buiten de planhorizon {expected}.",
        "Year {got} lies outside the planning horizon {expected}.",
        "Kies een jaar in {expected}, of verleng de horizon met --horizon.",
        "Choose a year in {expected}, or extend the horizon with --horizon.",
    ),
    Code.DUPLICATE_KEY: (
        "Sleutel '{got}' komt {count} keer voor.",
        "Key '{got}' occurs {count} times.",
        "Maak '{column}' uniek: elke rij een eigen code.",
        "Make '{column}' unique: every row its own code.",
    ),
    Code.DANGLING_REFERENCE: (
        "Verwijzing '{got}' bestaat niet in {expected}.",
        "Reference '{got}' does not exist in {expected}.",
        "Gebruik een bestaande code uit {expected}, of voeg '{got}' daar toe.{suggestion}",
        "Use an existing code from {expected}, or add '{got}' there.{suggestion}",
    ),
    Code.CYCLE: (
        "Kringverwijzing: {got}.",
        "Cycle: {got}.",
        "Verbreek de kring: een {expected} mag niet (via andere) naar zichzelf verwijzen.",
        "Break the cycle: no {expected} may refer (through others) to itself.",
    ),
    Code.SELF_REFERENCE: (
        "Verwijst naar zichzelf ('{got}').",
        "Refers to itself ('{got}').",
        "Laat '{column}' leeg of verwijs naar een ander {expected}.",
        "Leave '{column}' empty or refer to another {expected}.",
    ),
    Code.START_AFTER_END: (
        "Beginjaar {got} ligt na eindjaar {expected}.",
        "Start year {got} is after end year {expected}.",
        "Maak start_year kleiner dan of gelijk aan end_year.",
        "Make start_year at most end_year.",
    ),
    Code.PROFILE_LENGTH: (
        "Profiel '{row_id}' heeft {got} uurwaarden.",
        "Profile '{row_id}' has {got} hourly values.",
        "Geef precies {expected} waarden, uur 0 t/m {last_hour}, elk uur één keer.",
        "Give exactly {expected} values, hours 0 to {last_hour}, each hour once.",
    ),
    Code.PROFILE_NOT_NORMALISED: (
        "Profiel '{row_id}' heeft een piek van {got}.",
        "Profile '{row_id}' has a peak of {got}.",
        "Deel alle waarden door de piek, zodat de hoogste waarde {expected} is.",
        "Divide every value by the peak, so that the highest value is {expected}.",
    ),
    Code.INVALID_GEOMETRY: (
        "Ongeldige geometrie: {got}.",
        "Invalid geometry: {got}.",
        "Geef geldige WKT, bijvoorbeeld {expected}; herstel zelfdoorsnijdingen (QGIS: "
        "'Geometrieën repareren').",
        "Give valid WKT, for example {expected}; repair self-intersections (QGIS: 'Fix "
        "geometries').",
    ),
    Code.UNKNOWN_CRS: (
        "Onbekend coördinatenstelsel: {got}.",
        "Unknown coordinate reference system: {got}.",
        "Lever EPSG:28992 (RD New) of EPSG:4326 (WGS84) met een bekende EPSG-code.",
        "Deliver EPSG:28992 (RD New) or EPSG:4326 (WGS84) with a known EPSG code.",
    ),
    Code.GEOMETRY_OUTSIDE_RD: (
        "Coördinaten {got} liggen buiten Nederland in RD New ({expected}).",
        "Coordinates {got} lie outside the Netherlands in RD New ({expected}).",
        "Zijn het lengte-/breedtegraden? Zet dan 'SRID=4326;' voor de WKT, of lever een "
        "GeoPackage met het juiste stelsel.",
        "Are these longitude/latitude? Then prefix the WKT with 'SRID=4326;', or deliver a "
        "GeoPackage with the right CRS.",
    ),
    Code.MISSING_MOTIVATION: (
        "Criterium zonder motivatie.",
        "Criterion without motivation.",
        "Schrijf in 'motivation' waarom dit criterium en dit gewicht meetellen; een "
        "afweging zonder motivatie is niet uitlegbaar (en niet houdbaar bij de rechter).",
        "Write in 'motivation' why this criterion and this weight count; an assessment "
        "without motivation cannot be explained (nor defended in court).",
    ),
    Code.CAPEX_RANGE: (
        "Investering {got} ligt niet binnen de bandbreedte {expected}.",
        "Capital cost {got} is not within the range {expected}.",
        "Zorg dat capex_low_meur ≤ capex_meur ≤ capex_high_meur.",
        "Make capex_low_meur ≤ capex_meur ≤ capex_high_meur.",
    ),
    Code.NO_SIZE: (
        "Geen omvang: demand_mw en feedin_mw zijn leeg en er is geen kengetal voor "
        "{expected}.",
        "No size: demand_mw and feedin_mw are empty and there is no unit parameter for "
        "{expected}.",
        "Vul demand_mw of feedin_mw in, of quantity en unit met een passende rij in "
        "unit_parameters.",
        "Fill in demand_mw or feedin_mw, or quantity and unit with a matching row in "
        "unit_parameters.",
    ),
    Code.CARRIER_MISMATCH: (
        "Energiedrager '{got}' past niet bij aansluitpunt '{asset}' ({expected}).",
        "Carrier '{got}' does not match connection point '{asset}' ({expected}).",
        "Kies een aansluitpunt met energiedrager '{got}', of corrigeer 'carrier'.",
        "Choose a connection point of carrier '{got}', or correct 'carrier'.",
    ),
    Code.EXCLUDES_REQUIRED: (
        "Project vereist en sluit tegelijk '{got}' uit.",
        "Project both requires and excludes '{got}'.",
        "Haal '{got}' uit 'requires' of uit 'excludes'.",
        "Remove '{got}' from 'requires' or from 'excludes'.",
    ),
    Code.NO_PROFILE: (
        "Geen uurprofiel: de ontwikkeling telt niet mee in de belastingberekening.",
        "No hourly profile: the development is left out of the load projection.",
        "Vul 'profile' in, of voeg een rij voor {expected} met een profiel toe aan "
        "unit_parameters.",
        "Fill in 'profile', or add a row for {expected} with a profile to unit_parameters.",
    ),
    Code.NOT_CONNECTED: (
        "Geen aansluitpunt: de ontwikkeling telt niet mee in de belastingberekening.",
        "No connection point: the development is left out of the load projection.",
        "Vul 'asset_id' in met het component waarop de ontwikkeling aansluit.",
        "Fill in 'asset_id' with the asset the development connects to.",
    ),
}


class _Default(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "?"


@dataclass(frozen=True)
class Problem:
    """One problem found in a workspace.

    ``row`` is the 0-based position in the table (shown to users as the spreadsheet row,
    ``row + 2``, since row 1 holds the column names); ``row_id`` is the value of the table's
    key in that row. ``expected`` and ``got`` are the values shown; ``params`` carries whatever
    else the message needs (a key ending in ``_nl`` replaces its plain key in Dutch messages).
    """

    code: Code
    table: str
    column: str | None = None
    row: int | None = None
    row_id: str | None = None
    expected: str = ""
    got: str = ""
    severity: Severity = Severity.ERROR
    params: Mapping[str, str] = field(default_factory=dict)

    @property
    def line(self) -> int | None:
        """The row number in a CSV file or worksheet (the header is row 1)."""
        return None if self.row is None else self.row + 2

    def _fields(self, lang: str) -> _Default:
        values = _Default(self.params)
        values.update(
            table=self.table,
            column=self.column or "",
            row_id=self.row_id or "",
            expected=self.expected,
            got=self.got,
        )
        if lang != "en":
            for key in [k for k in values if k.endswith("_nl")]:
                values[key[:-3]] = values[key]
        close = self.params.get("close")
        if close:
            values["suggestion"] = (
                f" Did you mean '{close}'?" if lang == "en" else f" Bedoelde u '{close}'?"
            )
        else:
            values["suggestion"] = ""
        return values

    def message(self, lang: str = "nl") -> str:
        """What is wrong, in ``lang``."""
        nl, en, _, _ = _TEMPLATES[self.code]
        return (en if lang == "en" else nl).format_map(self._fields(lang))

    def hint(self, lang: str = "nl") -> str:
        """How to fix it, in ``lang``."""
        _, _, nl, en = _TEMPLATES[self.code]
        return (en if lang == "en" else nl).format_map(self._fields(lang))

    def to_dict(self, lang: str = "nl") -> dict[str, object]:
        """A JSON-ready record of the problem (``expected`` and ``got`` in ``lang``)."""
        fields = self._fields(lang)
        return {
            "severity": self.severity.value,
            "code": self.code.value,
            "table": self.table,
            "row": self.line,
            "row_id": self.row_id,
            "column": self.column,
            "expected": fields["expected"],
            "got": fields["got"],
            "message": self.message(lang),
            "hint": self.hint(lang),
        }


def errors(problems: list[Problem]) -> list[Problem]:
    """The problems that make a workspace invalid (warnings excluded)."""
    return [p for p in problems if p.severity is Severity.ERROR]
