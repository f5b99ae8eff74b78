"""The words of an intake workbook, in Dutch and English: sheet names, headers and the
instructions (see :mod:`pmiek.adapters.files.intake_xlsx`)."""

from __future__ import annotations

from pmiek.domain.labels import in_language

DATA_SHEETS: dict[str, tuple[str, str]] = {
    "developments": ("ontwikkelingen", "developments"),
    "assets": ("netcomponenten", "assets"),
    "projects": ("projecten", "projects"),
    "project_effects": ("projecteffecten", "project_effects"),
    "resources": ("middelen", "resources"),
}
"""The sheet of each table a submitter fills in."""

OTHER_SHEETS: dict[str, tuple[str, str]] = {
    "instructions": ("instructies", "instructions"),
    "points": ("aansluitpunten", "connection points"),
    "figures": ("kengetallen", "standard figures"),
    "profiles": ("profielen", "standard profiles"),
    "lists": ("keuzelijsten", "lists"),
}
"""The sheets that are read by people only (never named like a table)."""

HEADERS: dict[str, tuple[str, str]] = {
    "id": ("id", "id"), "name": ("naam", "name"), "kind": ("soort", "kind"),
    "carrier": ("drager", "carrier"), "operator": ("netbeheerder", "operator"),
    "area_id": ("gebied", "area"), "sector": ("sector", "sector"), "unit": ("eenheid", "unit"),
    "demand_kw_per_unit": ("afname [kW per eenheid]", "demand [kW per unit]"),
    "feedin_kw_per_unit": ("invoeding [kW per eenheid]", "feed-in [kW per unit]"),
    "profile": ("profiel", "profile"), "source": ("bron", "source"),
    "origin": ("herkomst", "origin"), "profile_id": ("profiel", "profile"),
    "full_load_hours": ("vollasturen [h]", "full-load hours [h]"),
    "description": ("omschrijving", "description"),
    "column": ("kolom", "column"), "required": ("verplicht", "required"),
}
"""The column headers of the reference sheets and the instructions' column list."""

WORDS: dict[str, tuple[str, str]] = {
    "workspace": ("werkruimte", "workspace"),
    "library": ("standaardbibliotheek {name} {version}", "standard library {name} {version}"),
    "yes": ("ja", "yes"),
    "title.municipality": ("Uitvraag ontwikkelingen — gemeente {name} ({id})",
                           "Intake of developments — municipality {name} ({id})"),
    "title.operator": ("Uitvraag netcomponenten en projecten — {name}",
                       "Intake of assets and projects — {name}"),
    "prepared": ("Voorbereid op {date} uit werkruimte {workspace} (inhoud {base}…) met "
                 "pmiek {version}. Dit werkblad is beveiligd; vul de andere werkbladen in.",
                 "Prepared on {date} from workspace {workspace} (content {base}…) with pmiek "
                 "{version}. This sheet is protected; fill in the other sheets."),
    "do": ("Wat u doet", "What to do"),
    "columns": ("De kolommen van {sheet}", "The columns of {sheet}"),
    "step.rows": ("Werkblad '{sheet}' bevat {rows}. Pas rijen aan, voeg nieuwe rijen onderaan "
                  "toe en verwijder rijen die niet meer doorgaan.",
                  "Sheet '{sheet}' holds {rows}. Change rows, add new rows at the bottom and "
                  "delete rows that no longer go ahead."),
    "rows": ("{n} rijen", "{n} rows"),
    "row": ("1 rij", "1 row"),
    "step.ids": ("Laat de id van bestaande rijen staan: zo herkent pmiek de rij. Geef een "
                 "nieuwe rij een nieuwe, unieke id, bijvoorbeeld met {prefix} ervoor.",
                 "Keep the id of existing rows: that is how pmiek knows the row. Give a new "
                 "row a new, unique id, for example starting with {prefix}."),
    "step.lists": ("Kies sector, drager, eenheid, soort en status uit de keuzelijst. De lijsten "
                   "zijn in het Nederlands; pmiek zet ze bij het inlezen om naar de codes van "
                   "het datacontract. Een waarde die niet in de lijst staat, weigert de hele "
                   "inlevering, met werkblad, rij en kolom.",
                   "Choose sector, carrier, unit, kind and status from the drop-down list. "
                   "pmiek turns the words into the data contract's codes when it reads the "
                   "workbook. A value that is not in the list refuses the whole return, "
                   "naming sheet, row and column."),
    "step.size": ("Grootte: vul quantity en unit in en laat demand_mw en feedin_mw leeg; dan "
                  "rekent pmiek met de kengetallen van werkblad '{figures}'. Laat profile leeg "
                  "voor het profiel van het kengetal, of kies een profiel van werkblad "
                  "'{profiles}'. Vul demand_mw of feedin_mw alleen in als u de bijdrage aan de "
                  "piek zelf kent.",
                  "Size: fill in quantity and unit and leave demand_mw and feedin_mw empty; "
                  "pmiek then uses the figures of sheet '{figures}'. Leave profile empty for "
                  "the profile of the figure, or choose one from sheet '{profiles}'. Fill in "
                  "demand_mw or feedin_mw only when you know the contribution to the peak."),
    "step.points": ("Aansluitpunt (asset_id): kies een id van werkblad '{points}'. "
                    "'{placeholder}' staat voor een aansluitpunt met vertrouwelijke "
                    "netgegevens: laat die waarde staan zoals ze is.",
                    "Connection point (asset_id): choose an id from sheet '{points}'. "
                    "'{placeholder}' stands for a connection point with confidential grid "
                    "data: leave that value as it is."),
    "step.areas": ("Gebied (area_id): uw gemeente of een gebied daarbinnen: {areas}. Rijen "
                   "in een ander gebied neemt de provincie alleen over na uitdrukkelijke "
                   "aanvaarding.",
                   "Area (area_id): your municipality or an area inside it: {areas}. Rows in "
                   "another area are taken over only when the province accepts them "
                   "explicitly."),
    "step.existing": ("Bestaande belasting: de {rows} met beleidsdoel '{goal}' (grijs, ids "
                      "zoals {example}) zijn het bestaande verbruik en de bestaande opwek "
                      "van {year}. Houd ze en werk ze bij; voer bestaand verbruik niet "
                      "opnieuw in als nieuwe ontwikkeling, anders telt het dubbel.",
                      "Existing load: the {rows} with policy goal '{goal}' (grey, ids such "
                      "as {example}) are the existing demand and supply of {year}. Keep and "
                      "update them; do not enter existing demand again as a new development, "
                      "or it counts twice."),
    "step.no_existing": ("Bestaande belasting: er staat nog geen bestaand verbruik voor uw "
                         "gemeente in de werkruimte. Voer het in als rijen met beleidsdoel "
                         "'{goal}' en start- en eindjaar gelijk aan het basisjaar.",
                         "Existing load: the workspace holds no existing demand for your "
                         "municipality yet. Enter it as rows with policy goal '{goal}' and "
                         "start and end year equal to the base year."),
    "step.operator": ("Netcomponenten, projecten, projecteffecten en middelen van {name} "
                      "staan op hun eigen werkblad. Vertrouwelijke rijen van {name} zelf "
                      "staan erin; die van anderen niet: een verwijzing ernaar toont "
                      "'{placeholder}'; laat die staan.",
                      "The assets, projects, project effects and resources of {name} are on "
                      "their own sheets. Confidential rows of {name} itself are there, those "
                      "of others are not: a reference to one shows '{placeholder}'; leave it "
                      "as it is."),
    "step.return": ("Lever het bestand in zoals het is: verander de naam van de werkbladen en "
                    "de kolomkoppen niet. De provincie leest alle inleveringen in met 'pmiek "
                    "intake merge'; één fout weigert de hele inlevering, met de plek van de "
                    "fout, zodat u die kunt herstellen.",
                    "Return the file as it is: do not rename the sheets or the column "
                    "headers. The province reads every return with 'pmiek intake merge'; one "
                    "error refuses the whole return, naming where it is, so that you can fix "
                    "it."),
}
"""The words and instructions of a workbook; ``{…}`` are filled in per workbook."""


def word(key: str, lang: str, **values: object) -> str:
    """The text ``key`` in ``lang`` with ``values`` filled in."""
    return in_language(WORDS[key], lang).format(**values)


def sheet_name(key: str, lang: str) -> str:
    """The name of a data sheet (by table) or another sheet (by its key) in ``lang``."""
    pair = DATA_SHEETS.get(key) or OTHER_SHEETS[key]
    return in_language(pair, lang)


def header(key: str, lang: str) -> str:
    """A column header of a reference sheet in ``lang``."""
    return in_language(HEADERS[key], lang)
