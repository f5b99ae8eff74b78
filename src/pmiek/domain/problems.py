"""Typed validation problems and their messages in Dutch and English.

Validation never raises on bad data: it collects :class:`Problem` objects, each naming the
table, the row (and the row's id), the column, what was expected, what arrived and how to fix
it. Messages are templates per :class:`Code`, rendered in the user's language.

The same problems report a bad criteria tree (:mod:`pmiek.framework`, table ``criteria``) and
a bad policy lens (:mod:`pmiek.variants.lenses`: the lens file is the table, the key the
column). :class:`Place` builds the problems of one table or row.

Every text exists in Dutch (the default) and English, in tables keyed by language
(:func:`pmiek.domain.labels.localised` picks the entry), so no code branches on the language.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

from pmiek.domain.labels import language


def closest(value: str, candidates: list[str]) -> str:
    """The candidate closest to ``value`` (a likely typo), or ``""`` when none is close."""
    match = difflib.get_close_matches(value, candidates, n=1, cutoff=0.6)
    return match[0] if match else ""


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
    COUPLED_TO_OWN_ASSET = "coupled_to_own_asset"
    REPARENT_CYCLE = "reparent_cycle"
    NO_PROFILE = "no_profile"
    NOT_CONNECTED = "not_connected"
    # reading (issue 13): what the readers refuse, in words
    TOO_LARGE = "too_large"
    SHORT_ROW = "short_row"
    DUPLICATE_COLUMN = "duplicate_column"
    UNNAMED_COLUMN = "unnamed_column"
    DUPLICATE_TABLE = "duplicate_table"
    AMBIGUOUS_NUMBER = "ambiguous_number"
    CONTROL_CHARACTER = "control_character"
    UNCACHED_FORMULA = "uncached_formula"
    MERGED_CELLS = "merged_cells"
    UNDECLARED_RD = "undeclared_rd"
    DROPPED_HEIGHT = "dropped_height"
    # geometric consistency (issue 14): warnings, pmiek.domain.rules_geometry
    ASSET_OUTSIDE_AREA = "asset_outside_area"
    DEVELOPMENT_OUTSIDE_AREA = "development_outside_area"
    AREA_OUTSIDE_PARENT = "area_outside_parent"
    # the Energievisie's choices (choice_rules)
    CHOICE_RULE_INCOMPLETE = "choice_rule_incomplete"
    CHOICE_SHARES = "choice_shares"
    UNKNOWN_OPTION = "unknown_option"
    # the criteria tree (pmiek.framework)
    NO_CRITERIA = "no_criteria"
    BRANCH_WITH_INDICATOR = "branch_with_indicator"
    LEAF_WITHOUT_INDICATOR = "leaf_without_indicator"
    UNKNOWN_INDICATOR = "unknown_indicator"
    DIRECTION_MISMATCH = "direction_mismatch"
    ZERO_WEIGHTS = "zero_weights"
    VALUE_POINTS_MISSING = "value_points_missing"
    VALUE_POINTS_SYNTAX = "value_points_syntax"
    VALUE_POINTS_RANGE = "value_points_range"
    VALUE_POINTS_ORDER = "value_points_order"
    VALUE_POINTS_COUNT = "value_points_count"
    VALUE_POINTS_DIRECTION = "value_points_direction"
    MISSING_INDICATOR_VALUES = "missing_indicator_values"
    # policy lenses (pmiek.variants.lenses)
    UNKNOWN_LENS = "unknown_lens"
    UNKNOWN_KEY = "unknown_key"
    MISSING_KEY = "missing_key"
    VALUE_RANGE = "value_range"
    VALUE_UNSOURCED = "value_unsourced"
    VALUE_TWICE = "value_twice"


# code -> (message nl, message en, hint nl, hint en); {placeholders} come from Problem.params.
_MESSAGES: dict[Code, tuple[str, str, str, str]] = {
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
    Code.COUPLED_TO_OWN_ASSET: (
        "Gekoppeld aan het eigen aansluitpunt '{got}': de belasting telt daar twee keer.",
        "Coupled to its own connection point '{got}': the load counts twice there.",
        "Maak coupled_asset_id leeg, of kies het component van de andere energiedrager "
        "(warmtepomp: het elektriciteitsnet; elektrolyser: het waterstofnet).",
        "Empty coupled_asset_id, or choose the asset of the other carrier (heat pump: the "
        "electricity grid; electrolyser: the hydrogen network).",
    ),
    Code.REPARENT_CYCLE: (
        "Na het omhangen door {projects_nl} ontstaat een kring: {got}.",
        "After the re-parenting by {projects} the assets form a cycle: {got}.",
        "Kies een ander new_parent_id: geen component mag (via andere) onder zichzelf komen "
        "te hangen, ook niet na de projecten.",
        "Choose another new_parent_id: no asset may end up (through others) below itself, "
        "also not after the projects.",
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
    Code.TOO_LARGE: (
        "{what} is te groot: {got}; de grens is {expected}.",
        "{what} is too large: {got}; the limit is {expected}.",
        "Verklein of splits de invoer (grens: {expected}).{advice}",
        "Reduce or split the input (limit: {expected}).{advice}",
    ),
    Code.SHORT_ROW: (
        "De rij heeft {got} velden, de kopregel {expected}: de laatste kolommen ontbreken.",
        "The row has {got} fields, the header {expected}: the last columns are missing.",
        "Vul de ontbrekende velden aan; ook een leeg veld krijgt zijn scheidingsteken.",
        "Add the missing fields; an empty field needs its separator too.",
    ),
    Code.DUPLICATE_COLUMN: (
        "Kolom '{column}' staat {count} keer in de kopregel ({got}).",
        "Column '{column}' appears {count} times in the header ({got}).",
        "Geef elke kolom een eigen naam; spaties voor en na een naam tellen niet mee.",
        "Give every column its own name; spaces around a name do not count.",
    ),
    Code.UNNAMED_COLUMN: (
        "Gegevens in kolom {position}, die geen naam heeft ('{got}').",
        "Data in column {position}, which has no name ('{got}').",
        "Geef de kolom een naam uit {expected}, of maak de kolom leeg.",
        "Name the column from {expected}, or empty it.",
    ),
    Code.DUPLICATE_TABLE: (
        "Tabel '{table}' staat meer dan eens in de invoer: {got}.",
        "Table '{table}' appears more than once in the input: {got}.",
        "Houd één blad of bestand per tabel; verwijder of hernoem de andere (let op spaties "
        "in de naam).",
        "Keep one sheet or file per table; delete or rename the others (mind spaces in the "
        "name).",
    ),
    Code.AMBIGUOUS_NUMBER: (
        "Getal '{got}' is dubbelzinnig: {reason}.",
        "Number '{got}' is ambiguous: {reason}.",
        "Schrijf het getal zonder scheidingsteken voor duizendtallen. Bedoelt u {expected}?",
        "Write the number without a thousands separator. Did you mean {expected}?",
    ),
    Code.CONTROL_CHARACTER: (
        "'{got}' bevat een onzichtbaar stuurteken ({character}).",
        "'{got}' contains an invisible control character ({character}).",
        "Verwijder het teken: codes en verwijzingen bestaan uit zichtbare tekens.",
        "Remove the character: codes and references consist of visible characters.",
    ),
    Code.UNCACHED_FORMULA: (
        "Cel {got} bevat een formule zonder opgeslagen uitkomst.",
        "Cell {got} holds a formula without a saved result.",
        "Open en bewaar de werkmap in Excel (dat slaat de uitkomst op), of vul de waarde zelf "
        "in.",
        "Open and save the workbook in Excel (which stores the result), or enter the value "
        "itself.",
    ),
    Code.MERGED_CELLS: (
        "Samengevoegde cellen {got}: alleen de eerste cel heeft een waarde, de andere lezen "
        "als leeg.",
        "Merged cells {got}: only the first cell holds a value, the others read as empty.",
        "Maak de samenvoeging ongedaan en vul elke cel in.",
        "Unmerge the cells and fill in every cell.",
    ),
    Code.UNDECLARED_RD: (
        "De coördinaten ({got}) lijken RD New ({expected}), maar het bestand geeft {crs}.",
        "The coordinates ({got}) look like RD New ({expected}), but the file gives {crs}.",
        "Geef het stelsel {expected} op in het bestand (GeoJSON: het lid 'crs'; WKT: "
        "'SRID=28992;'), of lever lengte- en breedtegraden in WGS84.",
        "Declare {expected} in the file (GeoJSON: the 'crs' member; WKT: 'SRID=28992;'), or "
        "deliver longitude and latitude in WGS84.",
    ),
    Code.DROPPED_HEIGHT: (
        "{got} geometrie(ën) met een hoogte (Z); de hoogte is weggelaten.",
        "{got} geometries with a height (Z); the height is dropped.",
        "Geen actie nodig: pmiek rekent in RD New, in twee dimensies. Lever 2D-geometrie om "
        "deze melding te voorkomen.",
        "No action needed: pmiek works in RD New, in two dimensions. Deliver 2D geometry to "
        "avoid this notice.",
    ),
    Code.CHOICE_RULE_INCOMPLETE: (
        "Een {action}-regel zonder '{column}'.",
        "A {action} rule without '{column}'.",
        "Vul '{column}' in: {expected}.",
        "Fill in '{column}': {expected}.",
    ),
    Code.CHOICE_SHARES: (
        "De aandelen van de verdeling ({rules}) tellen op tot {got}.",
        "The shares of the split ({rules}) add up to {got}.",
        "Maak de aandelen (share) van de regels met dezelfde keuze, optie en selectie samen "
        "{expected}; een route zonder to_asset blijft waar hij is.",
        "Make the shares of the rules with the same choice, option and selection add up to "
        "{expected}; a route without to_asset stays where it is.",
    ),
    Code.UNKNOWN_OPTION: (
        "Optie '{got}' van keuze '{choice}' heeft geen regels.",
        "Option '{got}' of choice '{choice}' has no rules.",
        "Kies een van {expected}, of voeg regels voor '{got}' toe aan choice_rules (een "
        "keep-regel als de optie niets verandert).",
        "Choose one of {expected}, or add rules for '{got}' to choice_rules (a keep rule "
        "when the option changes nothing).",
    ),
    Code.ASSET_OUTSIDE_AREA: (
        "Het component ligt {got} m buiten zijn gebied {area}; verwacht: erin, of hooguit "
        "{expected} m erbuiten.",
        "The asset lies {got} m outside its area {area}; expected: inside it, or at most "
        "{expected} m outside.",
        "Wijs in 'area_id' een ander gebied toe{found} of verplaats het punt in 'geometry'.",
        "Assign another area in 'area_id'{found} or move the point in 'geometry'.",
    ),
    Code.DEVELOPMENT_OUTSIDE_AREA: (
        "De ontwikkeling ligt {got} m buiten haar gebied {area}; verwacht: erin, of hooguit "
        "{expected} m erbuiten.",
        "The development lies {got} m outside its area {area}; expected: inside it, or at "
        "most {expected} m outside.",
        "Wijs in 'area_id' een ander gebied toe{found} of verplaats het punt in 'geometry'.",
        "Assign another area in 'area_id'{found} or move the point in 'geometry'.",
    ),
    Code.AREA_OUTSIDE_PARENT: (
        "Het gebied steekt tot {got} m buiten het omvattende gebied {area} uit; verwacht: "
        "erin, of hooguit {expected} m erbuiten.",
        "The area reaches up to {got} m outside its enclosing area {area}; expected: inside "
        "it, or at most {expected} m outside.",
        "Wijs in 'parent_id' het gebied toe dat dit gebied omvat, of corrigeer de omtrek "
        "('geometry') van een van beide.",
        "Assign in 'parent_id' the area that encloses this one, or correct the outline "
        "('geometry') of either.",
    ),
    Code.NO_CRITERIA: (
        "Het afwegingskader heeft geen criteria.",
        "The assessment framework has no criteria.",
        "Vul de tabel criteria: om varianten te beoordelen is een afwegingskader nodig.",
        "Fill in the table criteria: assessing variants needs an assessment framework.",
    ),
    Code.BRANCH_WITH_INDICATOR: (
        "Criterium '{row_id}' heeft subcriteria én indicator '{got}'; alleen criteria zonder "
        "subcriteria worden gescoord.",
        "Criterion '{row_id}' has sub-criteria and indicator '{got}'; only criteria without "
        "sub-criteria are scored.",
        "Maak 'indicator' leeg, of verplaats de indicator naar een subcriterium.",
        "Empty 'indicator', or move the indicator to a sub-criterion.",
    ),
    Code.LEAF_WITHOUT_INDICATOR: (
        "Criterium '{row_id}' heeft geen subcriteria en geen indicator.",
        "Criterion '{row_id}' has neither sub-criteria nor an indicator.",
        "Vul 'indicator' in, of hang subcriteria onder dit criterium.",
        "Fill in 'indicator', or put sub-criteria under this criterion.",
    ),
    Code.UNKNOWN_INDICATOR: (
        "Criterium '{row_id}': onbekende indicator '{got}'.",
        "Criterion '{row_id}': unknown indicator '{got}'.",
        "Kies een van: {expected}.{suggestion}",
        "Choose one of: {expected}.{suggestion}",
    ),
    Code.DIRECTION_MISMATCH: (
        "Criterium '{row_id}' telt indicator '{indicator}' als {got_word}, maar die indicator "
        "is een {expected_word}.",
        "Criterion '{row_id}' counts indicator '{indicator}' as a {got_word}, but that "
        "indicator is a {expected_word}.",
        "Zet 'direction' op '{expected}', of kies een indicator die bij '{got}' past.",
        "Set 'direction' to '{expected}', or choose an indicator that fits '{got}'.",
    ),
    Code.ZERO_WEIGHTS: (
        "De lokale gewichten onder {got} tellen op tot 0.",
        "The local weights under {got} sum to 0.",
        "Geef minstens één criterium van deze groep een gewicht groter dan 0.",
        "Give at least one criterion of this group a weight above 0.",
    ),
    Code.VALUE_POINTS_MISSING: (
        "Waardefunctie '{kind}' heeft waardepunten nodig; de cel is leeg.",
        "Value function '{kind}' needs value points; the cell is empty.",
        "Vul 'value_points' in, bijvoorbeeld '{expected}'.",
        "Fill in 'value_points', for example '{expected}'.",
    ),
    Code.VALUE_POINTS_SYNTAX: (
        "'{got}' is geen punt 'x:waarde' van twee eindige getallen.",
        "'{got}' is not a point 'x:value' of two finite numbers.",
        "Schrijf de punten als 'x:waarde', gescheiden door ';', bijvoorbeeld '{expected}'.",
        "Write the points as 'x:value' separated by ';', for example '{expected}'.",
    ),
    Code.VALUE_POINTS_RANGE: (
        "Deelwaarde {got} bij x = {x} ligt buiten [0, 1].",
        "Partial value {got} at x = {x} lies outside [0, 1].",
        "Geef elke deelwaarde tussen 0 (slechtst) en 1 (best).",
        "Give every partial value between 0 (worst) and 1 (best).",
    ),
    Code.VALUE_POINTS_ORDER: (
        "De x-waarden {got} stijgen niet strikt.",
        "The x values {got} do not increase strictly.",
        "Zet de punten op volgorde van oplopende x, elke x één keer.",
        "Order the points by increasing x, each x once.",
    ),
    Code.VALUE_POINTS_COUNT: (
        "Waardefunctie '{kind}' heeft {expected} punten nodig, gekregen: {got}.",
        "Value function '{kind}' needs {expected} points, got {got}.",
        "Geef {expected} punten, of kies een andere waardefunctie.",
        "Give {expected} points, or choose another value function.",
    ),
    Code.VALUE_POINTS_DIRECTION: (
        "De deelwaarden {got} passen niet bij richting '{expected}': ze moeten {trend} als "
        "de indicator stijgt.",
        "The partial values {got} do not fit direction '{expected}': they must {trend} as "
        "the indicator rises.",
        "Draai de volgorde van de deelwaarden om, of corrigeer 'direction'.",
        "Reverse the order of the partial values, or correct 'direction'.",
    ),
    Code.MISSING_INDICATOR_VALUES: (
        "Indicator '{got}' van criterium '{criterion}' ontbreekt voor: {cases}.",
        "Indicator '{got}' of criterion '{criterion}' is missing for: {cases}.",
        "Bereken de indicator voor elke variant en elk scenario; ligt het jaar van de "
        "indicator na de horizon?",
        "Compute the indicator for every variant and scenario; does the indicator's year lie "
        "beyond the horizon?",
    ),
    Code.UNKNOWN_LENS: (
        "Lens '{got}' bestaat niet: geen ingebouwde lens ({expected}) en geen bestand.",
        "Lens '{got}' does not exist: not a built-in lens ({expected}) nor a file.",
        "Kies een ingebouwde lens of geef het pad van een TOML-bestand.{suggestion}",
        "Choose a built-in lens or give the path of a TOML file.{suggestion}",
    ),
    Code.UNKNOWN_KEY: (
        "Onbekende sleutel '{column}'.",
        "Unknown key '{column}'.",
        "Gebruik een van: {expected}.{suggestion}",
        "Use one of: {expected}.{suggestion}",
    ),
    Code.MISSING_KEY: (
        "Verplichte sleutel '{column}' ontbreekt.",
        "Required key '{column}' is missing.",
        "Voeg de sleutel toe, bijvoorbeeld {expected}.",
        "Add the key, for example {expected}.",
    ),
    Code.VALUE_RANGE: (
        "De waarde ligt niet in haar bereik: low {low} ≤ central {central} ≤ high {high} "
        "geldt niet.",
        "The value is not within its range: low {low} ≤ central {central} ≤ high {high} "
        "does not hold.",
        "Zorg in [value] dat low ≤ central ≤ high (M€ per MW-jaar).",
        "Make low ≤ central ≤ high in [value] (M€ per MW-year).",
    ),
    Code.VALUE_UNSOURCED: (
        "Waarde {got} M€ per MW-jaar zonder bron en zonder bereik.",
        "Value {got} M€ per MW-year without a source or a range.",
        "Vervang '{column}' door een tabel [value] met central, low, high en source, zoals "
        "in de ingebouwde lenzen (README: 'Waarde van een aansluiting').",
        "Replace '{column}' by a table [value] with central, low, high and source, as in "
        "the built-in lenses (README: 'Waarde van een aansluiting').",
    ),
    Code.VALUE_TWICE: (
        "'{column}' en de tabel [value] geven allebei de waarde van een aansluiting.",
        "'{column}' and the table [value] both give the value of a connection.",
        "Verwijder '{column}': {expected} geeft de waarde met haar bereik en bron.",
        "Remove '{column}': {expected} gives the value with its range and source.",
    ),
}


class Template(NamedTuple):
    """The message and the hint of one code in one language."""

    message: str
    hint: str


_TEMPLATES: dict[str, dict[Code, Template]] = {
    "nl": {code: Template(nl, hint_nl) for code, (nl, _, hint_nl, _) in _MESSAGES.items()},
    "en": {code: Template(en, hint_en) for code, (_, en, _, hint_en) in _MESSAGES.items()},
}
"""Per language, per code: what is wrong and how to fix it."""

_SUGGESTION = {"nl": " Bedoelde u '{close}'?", "en": " Did you mean '{close}'?"}
_PLACE_WORDS = {"nl": ("rij", "kolom"), "en": ("row", "column")}


class _Default(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "?"


@dataclass(frozen=True)
class Problem:
    """One problem found in a workspace.

    ``row`` is the 0-based position in the table (shown to users as the spreadsheet row,
    ``row + 2``, since row 1 holds the column names); ``row_id`` is the value of the table's
    key in that row. ``expected`` and ``got`` are the values shown; ``params`` carries whatever
    else the message needs (a key ending in ``_nl`` replaces its plain key in Dutch messages;
    plain keys are English).
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
        lang = language(lang)
        values = _Default(self.params)
        values.update(
            table=self.table,
            column=self.column or "",
            row_id=self.row_id or "",
            expected=self.expected,
            got=self.got,
        )
        suffix = f"_{lang}"
        for key in [k for k in values if k.endswith(suffix)]:
            values[key.removesuffix(suffix)] = values[key]
        close = self.params.get("close")
        values["suggestion"] = _SUGGESTION[lang].format(close=close) if close else ""
        return values

    def message(self, lang: str = "nl") -> str:
        """What is wrong, in ``lang``."""
        return _TEMPLATES[language(lang)][self.code].message.format_map(self._fields(lang))

    def hint(self, lang: str = "nl") -> str:
        """How to fix it, in ``lang``."""
        return _TEMPLATES[language(lang)][self.code].hint.format_map(self._fields(lang))

    def place(self, lang: str = "nl") -> str:
        """Where, in ``lang``: ``criteria, rij 9 (A4), kolom indicator`` for a cell of a
        table, ``mijn-lens.toml: sector_weights.housign`` for a key of a file."""
        row_word, column_word = _PLACE_WORDS[language(lang)]
        shown = self.table
        if self.line is not None:
            shown += f", {row_word} {self.line}"
        if self.row_id:
            shown += f" ({self.row_id})"
        if not self.column:
            return shown
        return f"{shown}, {column_word} {self.column}" if self.line is not None else \
            f"{shown}: {self.column}"

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


@dataclass(frozen=True)
class Place:
    """Where problems are found: a table (or a file), and optionally one of its rows.

    ``row`` is the 0-based position, ``row_id`` the row's key, as in :class:`Problem`.
    """

    table: str
    row: int | None = None
    row_id: str | None = None

    def at(self, row: int, row_id: str | None) -> Place:
        """The same table at another row."""
        return Place(self.table, row, row_id)

    def problem(self, code: Code, column: str | None = None, *, expected: str = "",
                got: str = "", severity: Severity = Severity.ERROR,
                **params: str) -> Problem:
        """A problem at this place; ``params`` as in :class:`Problem`."""
        return Problem(code, self.table, column, self.row, self.row_id, expected=expected,
                       got=got, severity=severity, params=params)
