"""The CLI's texts in Dutch (default) and English, and the choice between them.

The language is Dutch unless ``--lang en`` is on the command line or ``PMIEK_LANG=en`` is
set. The choice is made before the commands are built, so help texts follow it too.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

LANGUAGES = ("nl", "en")

TEXTS: dict[str, tuple[str, str]] = {
    "app": ("pmiek: integraal programmeren van energie-infrastructuur (P-MIEK).",
            "pmiek: integrated programming of energy infrastructure (P-MIEK)."),
    "lang": ("Taal van help en uitvoer: nl of en (ook via PMIEK_LANG).",
             "Language of help and output: nl or en (also via PMIEK_LANG)."),
    "workspace": ("Werkruimte: map met CSV-bestanden, .xlsx, .gpkg, of de naam van een "
                  "ingebouwde dataset.", "Workspace: folder of CSV files, .xlsx, .gpkg, or the "
                  "name of an embedded dataset."),
    "json": ("Uitvoer als JSON, voor scripts.", "Output as JSON, for scripts."),
    "horizon": ("Laatste jaar van de planhorizon.", "Last year of the planning horizon."),
    "overwrite": ("Een bestaand uitvoerbestand vervangen.", "Replace an existing output."),
    "template.help": ("Schrijf het Excel-invoersjabloon: een werkblad per tabel, met "
                      "toelichting per kolom en keuzelijsten.", "Write the Excel input "
                      "template: one sheet per table, with column notes and drop-down lists."),
    "template.out": ("Uitvoerbestand (.xlsx).", "Output file (.xlsx)."),
    "template.done": ("Sjabloon geschreven: {path} ({tables} tabellen).",
                      "Template written: {path} ({tables} tables)."),
    "template.suffix": ("Het sjabloon is een Excel-bestand: geef een naam die eindigt op "
                        ".xlsx.", "The template is an Excel file: give a name ending in .xlsx."),
    "validate.help": ("Controleer een werkruimte tegen het datacontract. Exitcode 0 = in "
                      "orde, 2 = fouten.", "Check a workspace against the data contract. "
                      "Exit code 0 = clean, 2 = errors."),
    "validate.clean": ("{path}: in orde ({rows} rijen in {tables} tabellen).",
                       "{path}: clean ({rows} rows in {tables} tables)."),
    "validate.summary": ("{errors} fout(en), {warnings} waarschuwing(en) in {path}.",
                         "{errors} error(s), {warnings} warning(s) in {path}."),
    "convert.help": ("Zet een werkruimte om: map met CSV-bestanden ↔ .xlsx ↔ .gpkg. Het "
                     "formaat volgt uit OUT (geen extensie = map).", "Convert a workspace: "
                     "folder of CSV files ↔ .xlsx ↔ .gpkg. The format follows OUT (no "
                     "ending = folder)."),
    "convert.in": ("Invoer (werkruimte).", "Input (workspace)."),
    "convert.out": ("Uitvoer: map, .xlsx of .gpkg.", "Output: folder, .xlsx or .gpkg."),
    "convert.done": ("Geschreven: {path}.", "Written: {path}."),
    "convert.refused": ("Niets geschreven: de invoer bevat fouten.",
                        "Nothing written: the input has errors."),
    "summary.help": ("Vat een werkruimte samen: tabellen, ontwikkelingen per sector, "
                     "componenten en projecten.", "Summarise a workspace: tables, developments "
                     "per sector, assets and projects."),
    "show.help": ("Teken de kaart van gebieden, netcomponenten en ontwikkelingen en de "
                  "hiërarchie van de componenten (PNG).", "Draw the map of areas, assets and "
                  "developments and the asset hierarchy (PNG)."),
    "out": ("Uitvoermap.", "Output folder."),
    "show.done": ("Geschreven: {files}.", "Written: {files}."),
    "insight.help": ("Stap 1, inzicht: belasting per component en jaar, knelpunten en "
                     "geblokkeerde ontwikkelingen (CSV, kaarten, tijdlijn). 'pmiek insight "
                     "explain COMPONENT JAAR' toont waaruit een piek bestaat.",
                     "Step 1, insight: load per asset and year, bottlenecks and blocked "
                     "developments (CSV, maps, timeline). 'pmiek insight explain ASSET YEAR' "
                     "shows what makes up a peak."),
    "insight.args": ("[WERKRUIMTE] of: explain COMPONENT JAAR.",
                     "[WORKSPACE] or: explain ASSET YEAR."),
    "insight.scenario": ("Scenario-id, of 'all' voor alle scenario's.",
                         "Scenario id, or 'all' for every scenario."),
    "insight.year": ("Jaar voor een kaart (herhaalbaar); standaard eerste jaar, 2030, 2035.",
                     "Year to map (repeatable); default first year, 2030, 2035."),
    "insight.first_year": ("Eerste jaar van de berekening.", "First year computed."),
    "insight.workspace": ("Werkruimte (bij explain).", "Workspace (with explain)."),
    "insight.direction": ("Richting bij explain: demand (afname) of feedin (invoeding).",
                          "Direction with explain: demand or feedin."),
    "insight.dask": ("Reken op een Dask-cluster: 'local' (deze machine) of het adres van "
                     "een scheduler, tcp://host:8786.", "Compute on a Dask cluster: 'local' "
                     "(this machine) or a scheduler's address, tcp://host:8786."),
    "insight.progress": ("Scenario's doorrekenen", "Computing scenarios"),
    "insight.written": ("Geschreven in {out}: {files}.", "Written to {out}: {files}."),
    "insight.top": ("Grootste knelpunten (grootste tekort per component)",
                    "Largest bottlenecks (largest shortage per asset)"),
    "insight.unknown_asset": ("Onbekend component '{asset}'.", "Unknown asset '{asset}'."),
    "insight.explain_usage": ("Gebruik: pmiek insight explain COMPONENT JAAR",
                              "Usage: pmiek insight explain ASSET YEAR"),
    "insight.explain_title": ("{asset} {year}, {direction}: piek {peak} MW op {hour}",
                              "{asset} {year}, {direction}: peak {peak} MW at {hour}"),
    "dir.demand": ("afname", "demand"),
    "dir.feedin": ("invoeding", "feed-in"),
    "col.scenario": ("scenario", "scenario"),
    "col.asset": ("component", "asset"),
    "col.name": ("naam", "name"),
    "col.direction": ("richting", "direction"),
    "col.first_year": ("eerste jaar tekort", "first year short"),
    "col.max_shortage": ("grootste tekort [MW]", "largest shortage [MW]"),
    "col.year_max": ("in jaar", "in year"),
    "col.connection": ("aansluiting", "connection"),
    "col.mw": ("MW op piekuur", "MW at peak hour"),
    "col.severity": ("ernst", "severity"),
    "col.file": ("bestand", "file"),
    "col.row": ("rij", "row"),
    "col.id": ("id", "id"),
    "col.column": ("kolom", "column"),
    "col.table": ("tabel", "table"),
    "col.problem": ("probleem", "problem"),
    "col.fix": ("oplossing", "fix"),
    "col.rows": ("rijen", "rows"),
    "col.sector": ("sector", "sector"),
    "col.count": ("aantal", "count"),
    "col.demand": ("afname [MW]", "demand [MW]"),
    "col.feedin": ("invoeding [MW]", "feed-in [MW]"),
    "col.carrier": ("drager", "carrier"),
    "col.kind": ("soort", "kind"),
    "col.capacity": ("capaciteit afname [MW]", "demand capacity [MW]"),
    "col.status": ("status", "status"),
    "col.capex": ("investering [M€]", "capex [M€]"),
    "severity.error": ("fout", "error"),
    "severity.warning": ("waarschuwing", "warning"),
    "summary.tables": ("Tabellen", "Tables"),
    "summary.developments": ("Ontwikkelingen per sector (bij volledige realisatie)",
                             "Developments per sector (when fully realised)"),
    "summary.assets": ("Netcomponenten", "Grid assets"),
    "summary.projects": ("Projecten", "Projects"),
    "summary.invalid": ("Let op: de werkruimte bevat {errors} fout(en); zie 'pmiek validate'.",
                        "Note: the workspace has {errors} error(s); see 'pmiek validate'."),
    "error": ("Fout", "Error"),
}


def text(key: str, lang: str = "nl", **values: object) -> str:
    """The text ``key`` in ``lang``, formatted with ``values``."""
    nl, en = TEXTS[key]
    return (en if lang == "en" else nl).format(**values)


def choose_language(argv: Sequence[str], environ: dict[str, str] | None = None) -> str:
    """The language asked for by ``--lang X`` / ``--lang=X`` in ``argv`` or ``PMIEK_LANG``."""
    environ = dict(os.environ) if environ is None else environ
    lang = environ.get("PMIEK_LANG", "nl")
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            lang = argv[i + 1]
        elif arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
    lang = lang.strip().lower()[:2]
    return lang if lang in LANGUAGES else "nl"
