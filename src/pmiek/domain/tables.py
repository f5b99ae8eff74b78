"""The tables of the data contract (../DESIGN.md, "Data contract"), declared once.

Column names are public: extend, never rename. Descriptions are Dutch (``nl``) and English
(``en``). Geometry is stored in EPSG:28992 (RD New); files may bring WGS84.
"""

from __future__ import annotations

from pmiek.domain.defaults import LATEST_YEAR, OLDEST_YEAR
from pmiek.domain.schema import Column, Dtype, Table

D = Dtype

CARRIERS = ("electricity", "heat", "hydrogen", "methane")
AREA_KINDS = ("province", "region", "municipality", "hotspot")
ASSET_KINDS = (
    "hv_station",
    "mv_station",
    "cable",
    "pipeline",
    "heat_network",
    "storage",
    "converter",
)
SECTORS = (
    "housing",
    "business_park",
    "mobility",
    "industry",
    "utility",
    "agriculture",
    "data_center",
    "solar",
    "wind",
    "heat_network",
    "other",
)
UNITS = ("homes", "ha", "m2", "charge_points", "MWp", "MW", "connections", "jobs", "other")
PROJECT_KINDS = (
    "new_station",
    "expansion",
    "cable",
    "pipeline",
    "heat_network",
    "storage",
    "conversion",
    "flex_contract",
)
PROJECT_STATUSES = ("candidate", "in_ip", "under_construction", "done")
CRITERION_GROUPS = ("maatschappelijke_waarde", "realiseerbaarheid", "systeemtoets")
DIRECTIONS = ("benefit", "cost")
VALUE_FUNCTIONS = ("linear", "piecewise_linear", "step")
CRITERION_STATUSES = ("concept", "adopted")

DUTCH_ALIASES: dict[str, str] = {
    "elektriciteit": "electricity", "stroom": "electricity", "warmte": "heat",
    "waterstof": "hydrogen", "gas": "methane", "aardgas": "methane", "groen gas": "methane",
    "provincie": "province", "regio": "region", "gemeente": "municipality",
    "hoogspanningsstation": "hv_station", "middenspanningsstation": "mv_station",
    "onderstation": "mv_station", "kabel": "cable", "leiding": "pipeline",
    "warmtenet": "heat_network", "opslag": "storage", "batterij": "storage",
    "conversie": "converter", "wonen": "housing", "woningbouw": "housing",
    "bedrijventerrein": "business_park", "mobiliteit": "mobility", "laadpunten": "charge_points",
    "industrie": "industry", "maatschappelijk": "utility", "landbouw": "agriculture",
    "datacenter": "data_center", "zon": "solar", "zonnepark": "solar", "windpark": "wind",
    "overig": "other", "woningen": "homes", "nieuw station": "new_station",
    "uitbreiding": "expansion", "flexcontract": "flex_contract", "kandidaat": "candidate",
    "in uitvoering": "under_construction", "gereed": "done", "baat": "benefit",
    "kosten": "cost", "lineair": "linear", "stapfunctie": "step", "trap": "step",
    "stuksgewijs lineair": "piecewise_linear", "vastgesteld": "adopted",
}
"""Dutch words users type for enumeration values; validation suggests the contract's value."""

HOURS_PER_YEAR = 8760
"""Every profile has one value per hour of a (non-leap) year."""

# Physical ranges. Every number in the contract has a lower and an upper bound, set well above
# the national scale of DESIGN.md (~10^6 developments, a Dutch peak demand of some 20 GW), so
# that a slip such as 1e308 MW is refused with its place instead of turning into inf or NaN in
# the results. Each bound is shown in the docs and in the template's column notes.
MAX_MW = 1e6
"""Any power [MW] (a capacity, a change of capacity, a development's contribution): 1 TW,
some fifty times the Dutch peak demand."""
MAX_KV = 1_200.0
"""A voltage level [kV]: above the highest in use anywhere (1,100 kV; 380 kV in the
Netherlands)."""
MAX_MWH = 1e8
"""The energy content of one storage [MWh]: 100 TWh."""
MAX_PEOPLE = 100_000_000
"""Inhabitants or dwellings of one area: more than five times the Dutch population."""
MAX_QUANTITY = 1e9
"""The size of a development in its own unit (homes, ha, m2, charge points, MWp, jobs, …)."""
MAX_KW_PER_UNIT = 1e6
"""A unit parameter [kW per unit]: 1 GW per unit."""
MAX_MEUR = 1e6
"""An amount of money [M€]: a million million euro, about the Dutch gross domestic product."""
MAX_FTE = 1e6
"""A workforce [fte or fte-years]: more than the Dutch technical workforce many times over."""
MAX_TRANSFORMERS = 100_000
"""A number of power transformers [pieces]."""
MAX_HA = 1e7
"""An area [ha]: more than twice the land and water of the Netherlands (4.15 million ha)."""
MAX_FACTOR = 1_000.0
"""A scenario's growth factor [-]."""
MAX_WEIGHT = 1e6
"""A criterion's local weight [-] (weights are normalised within their parent)."""


def _id(nl: str, en: str) -> Column:
    return Column("id", D.STRING, nl, en, required=True)


def _name() -> Column:
    return Column("name", D.STRING, "Naam, zoals getoond in kaarten en rapporten.",
                  "Name as shown on maps and in reports.", required=True)


def _carrier(required: bool = True) -> Column:
    return Column("carrier", D.ENUM, "Energiedrager.", "Energy carrier.", required=required,
                  allowed=CARRIERS)


def _carrier_column(name: str, nl: str, en: str) -> Column:
    return Column(name, D.ENUM, nl, en, allowed=CARRIERS)


def _geometry(nl: str, en: str) -> Column:
    return Column("geometry", D.GEOMETRY, nl + " WKT in EPSG:28992 (RD New), of met "
                  "'SRID=4326;' ervoor in WGS84.", en + " WKT in EPSG:28992 (RD New), or "
                  "prefixed with 'SRID=4326;' in WGS84.")


def _mw(name: str, nl: str, en: str, required: bool = False) -> Column:
    return Column(name, D.FLOAT, nl, en, unit="MW", required=required, minimum=0.0,
                  maximum=MAX_MW)


def _year(name: str, nl: str, en: str, required: bool = False) -> Column:
    return Column(name, D.YEAR, nl, en, unit="jaar", required=required, minimum=OLDEST_YEAR,
                  maximum=LATEST_YEAR)


def _source() -> Column:
    return Column("source", D.STRING, "Bron van de gegevens (document, url, 'schatting').",
                  "Source of the figures (document, URL, 'estimate').")


AREAS = Table(
    "areas",
    "Gebieden: provincie, regio's (RES), gemeenten en hotspots.",
    "Areas: the province, (RES) regions, municipalities and hotspots.",
    (
        _id("Unieke code van het gebied, bijvoorbeeld de CBS-code GM0344.",
            "Unique code of the area, for example the CBS code GM0344."),
        _name(),
        Column("kind", D.ENUM, "Soort gebied.", "Kind of area.", required=True,
               allowed=AREA_KINDS),
        Column("parent_id", D.STRING, "Het omvattende gebied (gemeente → regio → provincie).",
               "The enclosing area (municipality → region → province).",
               references="areas.id"),
        Column("population", D.INTEGER, "Aantal inwoners.", "Number of inhabitants.",
               unit="inwoners", minimum=0, maximum=MAX_PEOPLE),
        Column("dwellings", D.INTEGER, "Aantal woningen.", "Number of dwellings.",
               unit="woningen", minimum=0, maximum=MAX_PEOPLE),
        _geometry("Omtrek van het gebied (vlak).", "Outline of the area (polygon)."),
        Column("geometry_source", D.STRING, "Herkomst van de omtrek: 'cbs-2025' (CBS / "
               "Kadaster, gebiedsindelingen 2025), 'union' (samengevoegd uit de gemeenten), "
               "'estimate' (geschat; kaarten tonen dan een waarschuwing) of een vrije "
               "omschrijving, die kaarten als bron tonen. Tekst met 'schematisch' geldt als "
               "geschat.", "Origin of the outline: 'cbs-2025' (CBS / Kadaster, "
               "gebiedsindelingen 2025), 'union' (merged from the municipalities), 'estimate' "
               "(estimated; maps then show a notice) or a free description, which maps show as "
               "the source. Text containing 'schematic' counts as estimated."),
    ),
)

ASSETS = Table(
    "assets",
    "Netcomponenten: stations, kabels, leidingen, warmtenetten, opslag en conversie. "
    "Belasting telt op naar het bovenliggende component.",
    "Grid assets: stations, cables, pipelines, heat networks, storage and conversion. "
    "Loads aggregate to the upstream asset.",
    (
        _id("Unieke code van het component.", "Unique code of the asset."),
        _name(),
        _carrier(),
        Column("kind", D.ENUM, "Soort component.", "Kind of asset.", required=True,
               allowed=ASSET_KINDS),
        Column("operator", D.STRING, "Netbeheerder of warmtebedrijf (TenneT, Stedin, …).",
               "Grid operator or heat company (TenneT, Stedin, …).", required=True),
        Column("voltage_kv", D.FLOAT, "Spanningsniveau, de hoogste zijde (150/20 kV → 150).",
               "Voltage level, the highest side (150/20 kV → 150).", unit="kV", minimum=0.0,
               maximum=MAX_KV),
        Column("parent_id", D.STRING, "Het bovenliggende component waarop de belasting "
               "doortelt; leeg voor het hoogste niveau.", "The upstream asset that the load "
               "aggregates to; empty at the top.", references="assets.id"),
        Column("area_id", D.STRING, "Gebied waarin het component ligt.",
               "Area the asset lies in.", references="areas.id"),
        _mw("capacity_demand_mw", "Beschikbare capaciteit voor afname. Bij opslag (kind = "
            "storage) ook het vermogen waarmee de opslag laadt en ontlaadt om de dagpiek van "
            "het bovenliggende component te scheren; projecten (project_effects) verhogen de "
            "capaciteit, niet dit vermogen.", "Available capacity for demand (afname). For "
            "storage (kind = storage) also the power with which it charges and discharges to "
            "shave the daily peak of its upstream asset; projects (project_effects) raise the "
            "capacity, not this power.", required=True),
        _mw("capacity_feedin_mw", "Beschikbare capaciteit voor invoeding.",
            "Available capacity for feed-in (invoeding).", required=True),
        Column("storage_energy_mwh", D.FLOAT, "Energie-inhoud van opslag (alleen bij kind "
               "= storage). Opslag scheert alleen met een vermogen (capacity_demand_mw) en een "
               "energie-inhoud boven 0, onder een bovenliggend component.", "Energy content "
               "of storage (kind = storage only). Storage shaves peaks only with a power "
               "(capacity_demand_mw) and an energy content above 0, below an upstream asset.",
               unit="MWh", minimum=0.0, maximum=MAX_MWH),
        _geometry("Ligging (punt of lijn).", "Location (point or line)."),
        Column("geometry_source", D.STRING, "Herkomst van de ligging: 'osm' (OpenStreetMap), "
               "'estimate' (geschat; kaarten tonen dan een waarschuwing) of een vrije "
               "omschrijving, die kaarten als bron tonen.", "Origin of the location: 'osm' "
               "(OpenStreetMap), 'estimate' (estimated; maps then show a notice) or a free "
               "description, which maps show as the source."),
        Column("confidential", D.BOOLEAN, "Vertrouwelijke netinformatie: publiek en "
               "gemeenten zien alleen geaggregeerd per gebied.", "Confidential grid data: the "
               "public and municipalities see it only aggregated per area.", default=False),
    ),
)

DEVELOPMENTS = Table(
    "developments",
    "Ruimtelijk-economische ontwikkelingen: woningbouw, bedrijventerreinen, laadpunten, "
    "zon- en windparken, industrie, warmtenetten.",
    "Spatial-economic developments: housing, business parks, chargers, solar and wind parks, "
    "industry, heat networks.",
    (
        _id("Unieke code van de ontwikkeling.", "Unique code of the development."),
        _name(),
        Column("sector", D.ENUM, "Sector.", "Sector.", required=True, allowed=SECTORS),
        Column("area_id", D.STRING, "Gebied waarin de ontwikkeling ligt.",
               "Area the development lies in.", required=True, references="areas.id"),
        Column("asset_id", D.STRING, "Aansluitpunt (component) voor deze energiedrager.",
               "Connection point (asset) for this carrier.", references="assets.id"),
        _carrier(),
        Column("quantity", D.FLOAT, "Omvang in de eenheid van 'unit'.",
               "Size in the unit given by 'unit'.", minimum=0.0,
               maximum=MAX_QUANTITY),
        Column("unit", D.ENUM, "Eenheid van 'quantity'.", "Unit of 'quantity'.",
               allowed=UNITS),
        _mw("demand_mw", "Bijdrage aan de gelijktijdige piek (afname); leeg = quantity × "
            "kengetal uit unit_parameters.", "Contribution to the coincident peak (demand); "
            "empty = quantity × unit parameter."),
        _mw("feedin_mw", "Bijdrage aan de gelijktijdige piek (invoeding); leeg = quantity × "
            "kengetal uit unit_parameters.", "Contribution to the coincident peak (feed-in); "
            "empty = quantity × unit parameter."),
        Column("profile", D.STRING, "Naam van het uurprofiel; leeg = profiel uit "
               "unit_parameters.", "Name of the hourly profile; empty = the profile of "
               "unit_parameters.", references="profiles.profile_id"),
        Column("coupled_asset_id", D.STRING, "Conversie: component van een andere "
               "energiedrager waarop deze ontwikkeling ook een belasting geeft (elektrolyser: "
               "waterstofnet; warmtepomp of e-boiler van een warmtenet: elektriciteitsnet).",
               "Conversion: asset of another carrier that this development also loads "
               "(electrolyser: hydrogen network; heat pump or e-boiler of a heat network: "
               "electricity grid).", references="assets.id"),
        Column("coupling_factor", D.FLOAT, "Conversie: belasting op coupled_asset_id per MW "
               "van deze ontwikkeling, zelfde uurprofiel; positief = zelfde richting "
               "(warmte → elektriciteitsvraag 1/COP), negatief = omgekeerd (elektrolyser: "
               "−rendement, waterstof wordt ingevoed).", "Conversion: load on coupled_asset_id "
               "per MW of this development, same hourly profile; positive = same direction "
               "(heat → electricity demand 1/COP), negative = opposite (electrolyser: "
               "−efficiency, hydrogen is fed in).", unit="MW/MW", minimum=-10.0, maximum=10.0),
        _year("start_year", "Eerste jaar van realisatie (fasering lineair).",
              "First year of realisation (phased linearly).", required=True),
        _year("end_year", "Laatste jaar van realisatie.", "Last year of realisation.",
              required=True),
        Column("certainty", D.INTEGER, "Zekerheid: 1 idee … 5 vastgesteld.",
               "Certainty: 1 idea … 5 adopted.", required=True, minimum=1, maximum=5),
        Column("acm_priority", D.INTEGER, "ACM-prioriteit: 0 geen, 1 congestieverzachter, "
               "2 veiligheid, 3 basisbehoefte.", "ACM priority: 0 none, 1 congestion "
               "relief, 2 safety, 3 basic needs.", minimum=0, maximum=3, default=0),
        Column("policy_goals", D.ID_LIST, "Beleidsdoelen, gescheiden door ';'.",
               "Policy goals, separated by ';'."),
        _source(),
        _geometry("Ligging (punt of vlak).", "Location (point or polygon)."),
        Column("choice_rule", D.STRING, "De regel (choice_rules.id) die deze rij uit een "
               "andere ontwikkeling maakte: pmiek vult dit bij het toepassen van de keuzes; "
               "laat leeg in eigen gegevens.", "The rule (choice_rules.id) that made this row "
               "from another development: pmiek fills it when it applies the choices; leave "
               "it empty in your own data.", references="choice_rules.id"),
    ),
)

UNIT_PARAMETERS = Table(
    "unit_parameters",
    "Kengetallen: bijdrage per eenheid aan de gelijktijdige piek, na gelijktijdigheid, met "
    "profiel en bron.",
    "Unit parameters: contribution per unit to the coincident peak after diversity, with "
    "profile and source.",
    (
        Column("sector", D.ENUM, "Sector.", "Sector.", required=True, allowed=SECTORS),
        _carrier(),
        Column("unit", D.ENUM, "Eenheid waarop het kengetal slaat.",
               "Unit the parameter applies to.", required=True, allowed=UNITS),
        Column("demand_kw_per_unit", D.FLOAT, "Afname per eenheid op het gelijktijdige "
               "piekmoment.", "Demand per unit at the coincident peak.", unit="kW/eenheid",
               minimum=0.0, maximum=MAX_KW_PER_UNIT, default=0.0),
        Column("feedin_kw_per_unit", D.FLOAT, "Invoeding per eenheid op het gelijktijdige "
               "piekmoment.", "Feed-in per unit at the coincident peak.", unit="kW/eenheid",
               minimum=0.0, maximum=MAX_KW_PER_UNIT, default=0.0),
        Column("profile", D.STRING, "Naam van het uurprofiel.", "Name of the hourly profile.",
               required=True, references="profiles.profile_id"),
        Column("source", D.STRING, "Bron van het kengetal.", "Source of the parameter.",
               required=True),
    ),
    key=("sector", "carrier", "unit"),
)

PROFILES = Table(
    "profiles",
    f"Uurprofielen: per naam {HOURS_PER_YEAR} waarden (uur 0 = 1 januari 00:00), "
    "genormaliseerd op een piek van 1.",
    f"Hourly profiles: {HOURS_PER_YEAR} values per name (hour 0 = 1 January 00:00), "
    "normalised to a peak of 1.",
    (
        Column("profile_id", D.STRING, "Naam van het profiel.", "Name of the profile.",
               required=True),
        Column("hour", D.INTEGER, "Uur van het jaar.", "Hour of the year.", unit="h",
               required=True, minimum=0, maximum=HOURS_PER_YEAR - 1),
        Column("value", D.FLOAT, "Waarde als fractie van de piek.",
               "Value as a fraction of the peak.", unit="-", required=True, minimum=0.0,
               maximum=1.0),
    ),
    key=("profile_id", "hour"),
)

PROJECTS = Table(
    "projects",
    "Energie-infrastructuurprojecten (kandidaten en projecten in de investeringsplannen).",
    "Energy-infrastructure projects (candidates and projects in the investment plans).",
    (
        _id("Unieke code van het project.", "Unique code of the project."),
        _name(),
        Column("operator", D.STRING, "Uitvoerende netbeheerder of partij.",
               "Operator that carries out the project.", required=True),
        _carrier(),
        Column("kind", D.ENUM, "Soort project.", "Kind of project.", required=True,
               allowed=PROJECT_KINDS),
        Column("capex_meur", D.FLOAT, "Investering, beste schatting.",
               "Capital cost, best estimate.", unit="M€", required=True, minimum=0.0,
               maximum=MAX_MEUR),
        Column("capex_low_meur", D.FLOAT, "Investering, ondergrens.",
               "Capital cost, low end.", unit="M€", minimum=0.0, maximum=MAX_MEUR),
        Column("capex_high_meur", D.FLOAT, "Investering, bovengrens.",
               "Capital cost, high end.", unit="M€", minimum=0.0, maximum=MAX_MEUR),
        Column("fte_years", D.FLOAT, "Benodigde technische menskracht.",
               "Technical workforce needed.", unit="fte-jaar", minimum=0.0, maximum=MAX_FTE,
               default=0.0),
        Column("transformers", D.INTEGER, "Benodigde vermogenstransformatoren.",
               "Power transformers needed.", unit="stuks", minimum=0,
               maximum=MAX_TRANSFORMERS, default=0),
        Column("lead_time_years", D.INTEGER, "Doorlooptijd van besluit tot in bedrijf.",
               "Lead time from decision to in service.", unit="jaar", required=True,
               minimum=0, maximum=30),
        Column("build_years", D.INTEGER, "Jaren waarover kosten en menskracht vallen.",
               "Years over which cost and workforce are spread.", unit="jaar", minimum=1,
               maximum=30, default=1),
        _year("earliest_year", "Vroegste jaar van inbedrijfname.", "Earliest year in service."),
        Column("status", D.ENUM, "Status.", "Status.", allowed=PROJECT_STATUSES,
               default="candidate"),
        _year("ip_year", "Jaar van inbedrijfname volgens het investeringsplan.",
              "Year in service according to the investment plan."),
        Column("requires", D.ID_LIST, "Projecten die eerst klaar moeten zijn (';').",
               "Projects that must be done first (';').", references="projects.id"),
        Column("excludes", D.ID_LIST, "Projecten die niet samen met dit project kunnen (';').",
               "Projects that cannot be combined with this one (';').",
               references="projects.id"),
        Column("area_id", D.STRING, "Gebied van het project.", "Area of the project.",
               references="areas.id"),
        Column("spatial_claim_ha", D.FLOAT, "Ruimtebeslag.", "Spatial claim.", unit="ha",
               minimum=0.0, maximum=MAX_HA, default=0.0),
        Column("confidential", D.BOOLEAN, "Vertrouwelijk project.", "Confidential project.",
               default=False),
        _source(),
    ),
)

PROJECT_EFFECTS = Table(
    "project_effects",
    "Effecten van projecten op componenten: extra capaciteit, of een nieuw bovenliggend "
    "component.",
    "Effects of projects on assets: added capacity, or a new upstream asset.",
    (
        Column("project_id", D.STRING, "Project.", "Project.", required=True,
               references="projects.id"),
        Column("asset_id", D.STRING, "Component dat verandert.", "Asset that changes.",
               required=True, references="assets.id"),
        Column("delta_demand_mw", D.FLOAT, "Verandering van de afnamecapaciteit.",
               "Change of the demand capacity.", unit="MW", minimum=-MAX_MW, maximum=MAX_MW,
               default=0.0),
        Column("delta_feedin_mw", D.FLOAT, "Verandering van de invoedingscapaciteit.",
               "Change of the feed-in capacity.", unit="MW", minimum=-MAX_MW, maximum=MAX_MW,
               default=0.0),
        Column("new_parent_id", D.STRING, "Nieuw bovenliggend component na het project "
               "(omhangen); leeg = ongewijzigd.", "New upstream asset after the project "
               "(re-parenting); empty = unchanged.", references="assets.id"),
    ),
    key=("project_id", "asset_id"),
)

RESOURCES = Table(
    "resources",
    "Schaarse middelen per jaar en netbeheerder: budget, menskracht en transformatoren.",
    "Scarce resources per year and operator: budget, workforce and transformers.",
    (
        _year("year", "Jaar.", "Year.", required=True),
        Column("operator", D.STRING, "Netbeheerder.", "Operator.", required=True),
        Column("budget_meur", D.FLOAT, "Investeringsbudget.", "Investment budget.",
               unit="M€", minimum=0.0, maximum=MAX_MEUR),
        Column("fte", D.FLOAT, "Beschikbare technische menskracht.",
               "Technical workforce available.", unit="fte", minimum=0.0, maximum=MAX_FTE),
        Column("transformers", D.INTEGER, "Leverbare vermogenstransformatoren.",
               "Power transformers that can be delivered.", unit="stuks", minimum=0,
               maximum=MAX_TRANSFORMERS),
    ),
    key=("year", "operator"),
)

SCENARIOS = Table(
    "scenarios",
    "Scenario's, bijvoorbeeld de verhaallijnen van II3050.",
    "Scenarios, for example the II3050 storylines.",
    (
        _id("Unieke code van het scenario.", "Unique code of the scenario."),
        _name(),
        Column("description", D.STRING, "Korte omschrijving.", "Short description."),
        _source(),
    ),
)

SCENARIO_FACTORS = Table(
    "scenario_factors",
    "Groeifactoren per scenario, sector (en eventueel drager) en jaar: lineair tussen de "
    "opgegeven jaren, daarbuiten constant; 1 voor een sector zonder factoren.",
    "Growth factors per scenario, sector (and optionally carrier) and year: linear between "
    "the given years, constant outside them; 1 for a sector without factors.",
    (
        Column("scenario_id", D.STRING, "Scenario.", "Scenario.", required=True,
               references="scenarios.id"),
        Column("sector", D.ENUM, "Sector.", "Sector.", required=True, allowed=SECTORS),
        Column("carrier", D.ENUM, "Drager waarvoor de factor geldt; leeg: elke drager van de "
               "sector waarvoor het scenario geen factor met die drager geeft.",
               "Carrier the factor applies to; empty: every carrier of the sector for which "
               "the scenario gives no factor with that carrier.", allowed=CARRIERS),
        _year("year", "Jaar.", "Year.", required=True),
        Column("factor", D.FLOAT, "Factor op de bijdrage (demand_mw en feedin_mw, ook de "
               "gekoppelde belasting) van de ontwikkelingen van deze sector in dit jaar. Per "
               "scenario en sector lineair geïnterpoleerd tussen de opgegeven jaren; vóór het "
               "eerste opgegeven jaar geldt de eerste factor, na het laatste de laatste (één "
               "opgegeven jaar: die factor in elk jaar). Een sector zonder factoren in het "
               "scenario krijgt 1, net als elke sector wanneer geen scenario gekozen is.",
               "Factor on the contribution (demand_mw and feedin_mw, the coupled load too) of "
               "this sector's developments in this year. Per scenario and sector interpolated "
               "linearly between the given years; before the first given year the first factor "
               "holds, after the last the last (one given year: that factor in every year). A "
               "sector without factors in the scenario gets 1, as does every sector when no "
               "scenario is chosen.", unit="-", required=True, minimum=0.0, maximum=MAX_FACTOR),
    ),
    key=("scenario_id", "sector", "carrier", "year"),
)

SCENARIO_PARAMETERS = Table(
    "scenario_parameters",
    "Keuzes uit de Energievisie per scenario als benoemde parameters (bijvoorbeeld de rol "
    "van waterstof).",
    "Energievisie choices per scenario as named parameters (for example the role of "
    "hydrogen).",
    (
        Column("scenario_id", D.STRING, "Scenario.", "Scenario.", required=True,
               references="scenarios.id"),
        Column("parameter", D.STRING, "Naam van de keuze.", "Name of the choice.",
               required=True),
        Column("value", D.STRING, "Gekozen waarde.", "Chosen value.", required=True),
        Column("description", D.STRING, "Toelichting.", "Explanation."),
    ),
    key=("scenario_id", "parameter"),
)

CHOICE_ACTIONS = ("scale", "split", "keep")
"""What a rule of an Energievisie choice does to the developments it matches."""

CHOICE_RULES = Table(
    "choice_rules",
    "Structurerende keuzes van de Energievisie als regels: per keuze (bijvoorbeeld "
    "heat_supply) en optie (bijvoorbeeld collective) regels die de ontwikkelingen omzetten. "
    "Een scenario kiest zijn opties in scenario_parameters (parameter = keuze, value = optie).",
    "Structuring choices of the Energievisie as rules: per choice (for example heat_supply) "
    "and option (for example collective), rules that transform the developments. A scenario "
    "picks its options in scenario_parameters (parameter = choice, value = option).",
    (
        _id("Unieke code van de regel; elke omgezette ontwikkeling noemt hem.",
            "Unique code of the rule; every transformed development names it."),
        Column("choice", D.STRING, "De keuze, zoals in scenario_parameters.parameter.",
               "The choice, as in scenario_parameters.parameter.", required=True),
        Column("option", D.STRING, "De optie van de keuze, zoals in "
               "scenario_parameters.value.", "The option of the choice, as in "
               "scenario_parameters.value.", required=True),
        Column("action", D.ENUM, "scale: vermenigvuldig de vraag en opwek van de "
               "ontwikkelingen met factor; split: verdeel (een deel, portion, van) hun vraag "
               "over routes; de aandelen (share) van de regels met dezelfde keuze, optie en "
               "selectie tellen op tot 1, een route zonder to_asset blijft waar hij is; keep: "
               "verandert niets (een optie zonder gevolgen).", "scale: multiply the "
               "developments' demand and feed-in by factor; split: divide (a part, portion, "
               "of) their demand over routes; the shares of the rules with the same choice, "
               "option and selection add up to 1, a route without to_asset stays where it "
               "is; keep: changes nothing (an option without consequences).", required=True,
               allowed=CHOICE_ACTIONS),
        Column("sector", D.ENUM, "Selectie: alleen ontwikkelingen van deze sector (leeg: "
               "alle).", "Selection: only developments of this sector (empty: all).",
               allowed=SECTORS),
        _carrier_column("carrier", "Selectie: alleen ontwikkelingen met deze energiedrager "
                        "(leeg: alle).", "Selection: only developments of this carrier "
                        "(empty: all)."),
        Column("area_id", D.STRING, "Selectie: alleen ontwikkelingen in dit gebied of een "
               "gebied daarbinnen (leeg: overal).", "Selection: only developments in this "
               "area or an area inside it (empty: everywhere).", references="areas.id"),
        Column("development_ids", D.ID_LIST, "Selectie: alleen deze ontwikkelingen, "
               "gescheiden door ';' (leeg: alle).", "Selection: only these developments, "
               "separated by ';' (empty: all).", references="developments.id"),
        _year("min_start_year", "Selectie: alleen ontwikkelingen die in of na dit jaar "
              "beginnen (nieuwbouw; leeg: alle).", "Selection: only developments that start "
              "in or after this year (new builds; empty: all)."),
        _year("start_year", "Het pad van de regel: hij werkt vanaf dit jaar en groeit "
              "lineair tot volledig in end_year (leeg: volledig vanaf het begin).", "The "
              "rule's path: it takes effect from this year and grows linearly to full in "
              "end_year (empty: full from the start)."),
        _year("end_year", "Het jaar waarin de regel volledig werkt.", "The year in which "
              "the rule takes full effect."),
        Column("factor", D.FLOAT, "scale: de factor op vraag en opwek.", "scale: the factor "
               "on demand and feed-in.", minimum=0.0, maximum=MAX_FACTOR),
        Column("portion", D.FLOAT, "split: het deel van de vraag dat verdeeld wordt "
               "(bijvoorbeeld het warmtepompdeel van de piek van een all-electric woning; "
               "leeg: 1).", "split: the part of the demand that is divided (for example the "
               "heat pump's part of an all-electric home's peak; empty: 1).", minimum=0.0,
               maximum=1.0),
        Column("share", D.FLOAT, "split: het aandeel van deze route.", "split: this "
               "route's share.", minimum=0.0, maximum=1.0),
        _carrier_column("to_carrier", "split: de energiedrager van de route (leeg: "
                        "blijft).", "split: the route's carrier (empty: stays)."),
        Column("to_asset", D.STRING, "split: de component waarop de route aansluit (leeg: "
               "blijft).", "split: the asset the route connects to (empty: stays).",
               references="assets.id"),
        Column("to_sector", D.ENUM, "split: de sector van de route (leeg: die van de "
               "ontwikkeling).", "split: the route's sector (empty: the development's).",
               allowed=SECTORS),
        Column("conversion", D.FLOAT, "split: MW op de route per MW verdeelde vraag (een "
               "warmtepomp met COP 2,5 bij piek: 1 MW elektrisch wordt 2,5 MW warmte; leeg: "
               "1).", "split: MW on the route per MW of divided demand (a heat pump with COP "
               "2.5 at peak: 1 MW electric becomes 2.5 MW heat; empty: 1).", unit="MW/MW",
               minimum=0.0, maximum=MAX_FACTOR),
        Column("profile", D.STRING, "split: het uurprofiel van de route (leeg: dat van de "
               "ontwikkeling).", "split: the route's hourly profile (empty: the "
               "development's).", references="profiles.profile_id"),
        Column("description", D.STRING, "Wat de regel doet, in woorden.", "What the rule "
               "does, in words."),
        Column("source", D.STRING, "Bron of motivering van de regel en zijn getallen.",
               "Source or motivation of the rule and its figures.", required=True),
    ),
)

CRITERIA = Table(
    "criteria",
    "Afwegingskader: criteriaboom met indicatoren, waardefuncties, gewichten en motivatie.",
    "Assessment framework: criteria tree with indicators, value functions, weights and "
    "motivation.",
    (
        _id("Unieke code van het criterium.", "Unique code of the criterion."),
        Column("parent_id", D.STRING, "Bovenliggend criterium; leeg voor een hoofdgroep.",
               "Parent criterion; empty for a main group.", references="criteria.id"),
        _name(),
        Column("group", D.ENUM, "Hoofdgroep van het afwegingskader.",
               "Main group of the framework.", required=True, allowed=CRITERION_GROUPS),
        Column("indicator", D.STRING, "Indicator waarmee gescoord wordt.",
               "Indicator used to score."),
        Column("direction", D.ENUM, "Meer is beter (benefit) of minder is beter (cost).",
               "More is better (benefit) or less is better (cost).", allowed=DIRECTIONS,
               default="benefit"),
        Column("unit", D.STRING, "Eenheid van de indicator.", "Unit of the indicator."),
        Column("value_function", D.ENUM, "Waardefunctie.", "Value function.",
               allowed=VALUE_FUNCTIONS, default="linear"),
        Column("weight", D.FLOAT, "Lokaal gewicht binnen het bovenliggende criterium.",
               "Local weight within the parent criterion.", unit="-", minimum=0.0,
               maximum=MAX_WEIGHT),
        Column("motivation", D.STRING, "Waarom dit criterium en dit gewicht (verplicht: de "
               "afweging moet uitlegbaar zijn).", "Why this criterion and this weight "
               "(required: the assessment must be explainable).", required=True),
        Column("basis", D.STRING, "Beleids- of wettelijke grondslag.",
               "Policy or legal basis."),
        Column("owner", D.STRING, "Eigenaar (realiseerbaarheid en systeemtoets: "
               "netbeheerders).", "Owner (feasibility and system check: grid operators)."),
        Column("value_points", D.STRING, "Punten van de waardefunctie als 'x:waarde; …' "
               "(waarde 0–1), oplopend in x. Verplicht bij piecewise_linear en step; bij "
               "linear leeg voor de schaal van slechtste tot beste variant.",
               "Points of the value function as 'x:value; …' (value 0–1), increasing in x. "
               "Required for piecewise_linear and step; empty for linear means the scale "
               "from the worst to the best variant."),
        Column("version", D.STRING, "Versie van het afwegingskader waarin dit criterium "
               "staat, bijvoorbeeld 2.0.", "Version of the framework this criterion belongs "
               "to, for example 2.0."),
        Column("status", D.ENUM, "concept, of adopted (vastgesteld door adopted_by op "
               "adopted_on).", "concept, or adopted (by adopted_by on adopted_on).",
               allowed=CRITERION_STATUSES, default="concept"),
        Column("adopted_by", D.STRING, "Orgaan dat het criterium en gewicht vaststelde, "
               "bijvoorbeeld Provinciale Staten.", "Body that adopted the criterion and "
               "weight, for example Provinciale Staten."),
        Column("adopted_on", D.STRING, "Datum van vaststelling (JJJJ-MM-DD).",
               "Date of adoption (YYYY-MM-DD)."),
    ),
)

TABLES: tuple[Table, ...] = (
    AREAS,
    ASSETS,
    DEVELOPMENTS,
    UNIT_PARAMETERS,
    PROFILES,
    PROJECTS,
    PROJECT_EFFECTS,
    RESOURCES,
    SCENARIOS,
    SCENARIO_FACTORS,
    SCENARIO_PARAMETERS,
    CHOICE_RULES,
    CRITERIA,
)
"""Every table of the data contract, in the order files, sheets and docs list them."""

TABLES_BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}
TABLE_NAMES: tuple[str, ...] = tuple(TABLES_BY_NAME)


def table(name: str) -> Table:
    """The schema of table ``name``."""
    try:
        return TABLES_BY_NAME[name]
    except KeyError:
        raise KeyError(f"unknown table {name!r}; known: {', '.join(TABLE_NAMES)}") from None
