"""The CLI's texts in Dutch (default) and English, and the choice between them.

The language is Dutch unless ``--lang en`` is on the command line or ``PMIEK_LANG=en`` is
set. The choice is made before the commands are built, so help texts follow it too.

Every text is rich markup. The values put into it (paths, names, ids, messages) come from the
user's data, so :func:`text` shows them literally: control characters (escape sequences, bell,
NUL …) are removed and rich markup in them is escaped (:func:`literal`). The result is a
:class:`Markup`, which the printing helpers do not escape a second time.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from numbers import Number

from rich.markup import escape

from pmiek.adapters.cli.texts_assess import ASSESS_TEXTS
from pmiek.adapters.cli.texts_intake import INTAKE_TEXTS
from pmiek.adapters.cli.texts_programme import PROGRAMME_TEXTS
from pmiek.adapters.cli.texts_report import REPORT_TEXTS
from pmiek.adapters.cli.texts_serve import SERVE_TEXTS
from pmiek.adapters.cli.texts_store import STORE_TEXTS
from pmiek.adapters.cli.texts_why import WHY_TEXTS
from pmiek.adapters.files.inert import printable
from pmiek.domain.labels import in_language

LANGUAGES = ("nl", "en")

_COMMON: dict[str, tuple[str, str]] = {
    "app": ("pmiek: integraal programmeren van energie-infrastructuur (P-MIEK).",
            "pmiek: integrated programming of energy infrastructure (P-MIEK)."),
    "lang": ("Taal van help en uitvoer: nl of en (ook via PMIEK_LANG).",
             "Language of help and output: nl or en (also via PMIEK_LANG)."),
    "workspace": ("Werkruimte: map met CSV-bestanden, .xlsx, .gpkg, de naam van een "
                  "ingebouwde dataset, of db:NAAM[@VERSIE] uit de database.", "Workspace: "
                  "folder of CSV files, .xlsx, .gpkg, the name of an embedded dataset, or "
                  "db:NAME[@VERSION] from the database."),
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
    "validate.library": ("Uit de standaardbibliotheek {library} {version}: {parts}.",
                         "From the standard library {library} {version}: {parts}."),
    "validate.library_profiles": ("{n} profiel ({ids})", "{n} profile ({ids})"),
    "validate.library_profiles_many": ("{n} profielen ({ids})", "{n} profiles ({ids})"),
    "validate.library_units": ("{n} kengetal ({ids})", "{n} unit parameter ({ids})"),
    "validate.library_units_many": ("{n} kengetallen ({ids})", "{n} unit parameters ({ids})"),
    "and": (" en ", " and "),
    "validate.summary": ("{errors}, {warnings} in {path}.", "{errors}, {warnings} in {path}."),
    "validate.errors": ("{n} fout", "{n} error"),
    "validate.errors_many": ("{n} fouten", "{n} errors"),
    "validate.warnings": ("{n} waarschuwing", "{n} warning"),
    "validate.warnings_many": ("{n} waarschuwingen", "{n} warnings"),
    "validate.empty": ("{path}: leeg — geen enkele rij in de tabellen; vul de werkruimte (of "
                       "het sjabloon van 'pmiek template') en controleer opnieuw.",
                       "{path}: empty — not a single row in the tables; fill in the workspace "
                       "(or the template of 'pmiek template') and check again."),
    "convert.help": ("Zet een werkruimte om: map met CSV-bestanden ↔ .xlsx ↔ .gpkg. Het "
                     "formaat volgt uit DOEL (geen extensie = map).", "Convert a workspace: "
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
    "insight.progress": ("Scenario {label} doorrekenen", "Computing scenario {label}"),
    "insight.written": ("Geschreven in {out}: {files}.", "Written to {out}: {files}."),
    "insight.none": ("Geen knelpunten: geen component is in {years} overbelast, in afname of "
                     "invoeding.", "No bottlenecks: no asset is overloaded in {years}, in "
                     "demand or feed-in."),
    "insight.top": ("Grootste knelpunten (grootste tekort per component)",
                    "Largest bottlenecks (largest shortage per asset)"),
    "insight.unknown_asset": ("Onbekend component '{asset}'.", "Unknown asset '{asset}'."),
    "insight.explain_usage": ("Gebruik: pmiek insight explain COMPONENT JAAR [--workspace "
                              "WERKRUIMTE] [--scenario SCENARIO]; een werkruimte geef je met "
                              "--workspace, niet als eerste argument.",
                              "Usage: pmiek insight explain ASSET YEAR [--workspace WORKSPACE] "
                              "[--scenario SCENARIO]; give a workspace with --workspace, not as "
                              "the first argument."),
    "insight.left_out": ("Let op: {n} van de {total} ontwikkelingen tellen niet mee in de "
                         "belasting.",
                         "Note: {n} of the {total} developments do not count in the load."),
    "insight.left_out_no_connection": ("- zonder bestaande aansluiting (asset_id) ({n}): {ids}",
                                       "- without an existing connection (asset_id) ({n}): "
                                       "{ids}"),
    "insight.left_out_no_profile": ("- zonder bekend profiel (profile of kengetal) ({n}): {ids}",
                                    "- without a known profile (profile or unit parameter) "
                                    "({n}): {ids}"),
    "insight.and_more": (" en nog {n}", " and {n} more"),
    "insight.flow_methane": ("≈ {flow} m³/u aardgas (onderste verbrandingswaarde 31,65 MJ/m³, "
                             "aardgasequivalent)",
                             "≈ {flow} m³/h of natural gas (lower heating value 31.65 MJ/m³, "
                             "Groningen equivalent)"),
    "insight.flow_hydrogen": ("≈ {flow} kg/u waterstof (onderste verbrandingswaarde 120 MJ/kg)",
                              "≈ {flow} kg/h of hydrogen (lower heating value 120 MJ/kg)"),
    "insight.explain_title": ("{asset} {year}, {direction}: piek {peak} MW op {hour}",
                              "{asset} {year}, {direction}: peak {peak} MW at {hour}"),
    "variants.help": ("Stap 3, ontwikkelvarianten: per beleidslens een planning van projecten "
                      "(MILP, HiGHS) binnen budget, personeel en transformatoren, met wat die "
                      "aansluit; vergeleken met een gretige basisplanning (CSV, Gantt, "
                      "middelen).", "Step 3, development variants: per policy lens a schedule "
                      "of projects (MILP, HiGHS) within budget, staff and transformers, with "
                      "what it connects; compared with a greedy baseline (CSV, Gantt, "
                      "resources)."),
    "variants.workspace": ("Werkruimte (standaard: utrecht).", "Workspace (default: utrecht)."),
    "variants.lens": ("Beleidslens: een ingebouwde naam ({lenses}), 'all' voor alle, een "
                      "TOML-bestand, of een lijst met komma's.", "Policy lens: a built-in "
                      "name ({lenses}), 'all' for every one, a TOML file, or a comma list."),
    "variants.level": ("'province' (alles) of een gebied, bijvoorbeeld een hotspot (HS-LW): "
                       "alleen de ontwikkelingen en projecten daarbinnen.", "'province' "
                       "(everything) or an area, e.g. a hotspot (HS-LW): only the developments "
                       "and projects inside it."),
    "variants.scenario": ("Scenario-id, of 'all': de verwachte waarde over alle scenario's.",
                          "Scenario id, or 'all': the expected value over every scenario."),
    "variants.first_year": ("Eerste jaar van de planning.", "First year of the schedule."),
    "variants.horizon": ("Laatste jaar van de planning.", "Last year of the schedule."),
    "variants.time_limit": ("Veiligheidsgrens op de rekentijd per lens in seconden; wie hem "
                            "bereikt, krijgt een antwoord dat van de belasting van de machine "
                            "afhangt (niet reproduceerbaar).", "Safety cap on the solver time "
                            "per lens in seconds; an answer stopped by it depends on the "
                            "machine's load (not reproducible)."),
    "variants.node_limit": ("Zoeklimiet: het hoogste aantal knopen van branch-and-bound per "
                            "lens. Deterministisch: dezelfde invoer geeft dezelfde planning.",
                            "Search limit: the largest number of branch-and-bound nodes per "
                            "lens. Deterministic: the same input gives the same schedule."),
    "variants.gap": ("Toegestane relatieve MIP-gap (0,01 = 1%).", "Accepted relative MIP gap "
                     "(0.01 = 1%)."),
    "variants.move_ip": ("Projecten uit de investeringsplannen mogen binnen hun venster "
                         "schuiven (standaard: vast op hun IP-jaar).", "Projects of the "
                         "investment plans may move within their window (default: fixed at "
                         "their IP year)."),
    "variants.fixed": ("CSV met project_id,in_service_year die vastligt (leeg jaar = niet "
                       "bouwen), bijvoorbeeld schedule.csv van een hotspot.", "CSV of "
                       "project_id,in_service_year to pin (empty year = not built), e.g. the "
                       "schedule.csv of a hotspot run."),
    "variants.baseline": ("Vergelijk met de gretige basisplanning.", "Compare with the greedy "
                          "baseline."),
    "variants.progress": ("Lens {label} doorrekenen", "Solving lens {label}"),
    "variants.violation": ("{lens} ({method}): controle mislukt: {message}",
                           "{lens} ({method}): check failed: {message}"),
    "variants.failed": ("{lens}: {termination}. {message}", "{lens}: {termination}. "
                        "{message}"),
    "variants.greedy_failed": ("{lens}: de gretige basisplanning vond geen haalbare planning "
                               "({message}).", "{lens}: the greedy baseline found no feasible "
                               "schedule ({message})."),
    "variants.no_solution": ("Geen oplossing gevonden binnen de zoeklimiet ({nodes} knopen) "
                             "of de tijdslimiet ({seconds:g} s); verhoog --node-limit of "
                             "--time-limit.", "No solution found within the search limit "
                             "({nodes} nodes) or the time limit ({seconds:g} s); raise "
                             "--node-limit or --time-limit."),
    "variants.node_limit_note": ("{lens}: zoeklimiet van {nodes} knopen bereikt met gap {gap} "
                                 "(gevraagd {asked}); de planning is toelaatbaar en "
                                 "reproduceerbaar, maar mogelijk niet optimaal.",
                                 "{lens}: search limit of {nodes} nodes reached with gap {gap} "
                                 "(asked {asked}); the schedule is feasible and reproducible, "
                                 "but may not be optimal."),
    "variants.time_limit_note": ("{lens}: tijdslimiet van {seconds:g} s bereikt met gap "
                                 "{gap} (gevraagd {asked}); de planning is toelaatbaar, maar "
                                 "mogelijk niet optimaal en NIET reproduceerbaar: een andere "
                                 "run kan op een drukkere of rustigere machine een andere "
                                 "planning vinden. Verlaag --node-limit of verhoog "
                                 "--time-limit.", "{lens}: time limit of {seconds:g} s reached "
                                 "with gap {gap} (asked {asked}); the schedule is feasible but "
                                 "may not be optimal and is NOT reproducible: another run on a "
                                 "busier or quieter machine may find another schedule. Lower "
                                 "--node-limit or raise --time-limit."),
    "variants.title": ("Ontwikkelvarianten ({scenario}, {first}–{horizon}, {level})",
                       "Development variants ({scenario}, {first}–{horizon}, {level})"),
    "variants.expected": ("verwachte waarde over {n} scenario's", "expected value over {n} "
                          "scenarios"),
    "variants.caption": ("doelwaarde: verwachte verdisconteerde waarde van de aansluitingen − "
                         "boete op overbelasting − kosten; woningen 2030: aangesloten / "
                         "gepland.", "objective: expected discounted value of the "
                         "connections − penalty on overload − cost; homes 2030: connected / "
                         "planned."),
    "variants.caption_ratio": ("gretig: de basisplanning (projecten op volgorde van waarde per "
                               "euro); MILP/gretig: wat de MILP wint boven niets bouwen (alleen "
                               "de projecten uit de investeringsplannen) gedeeld door wat de "
                               "basisplanning daarboven wint.",
                               "greedy: the baseline (projects in order of value per euro); "
                               "MILP/greedy: what the MILP gains over building nothing (only "
                               "the investment plans' projects) divided by what the baseline "
                               "gains over it."),
    "variants.written": ("Geschreven in {out}: {files} (per lens: {lens_files}).",
                         "Written to {out}: {files} (per lens: {lens_files})."),
    "method.milp": ("MILP", "MILP"),
    "method.greedy": ("gretig", "greedy"),
    "variants.failures": ("{n} lens(en) zonder geldige planning; zie hierboven.",
                          "{n} lens(es) without a valid schedule; see above."),
    "term.optimal": ("optimaal", "optimal"),
    "term.gap_limit": ("binnen gap", "within gap"),
    "term.node_limit": ("zoeklimiet (gap {gap})", "search limit (gap {gap})"),
    "term.time_limit": ("tijdslimiet (gap {gap})", "time limit (gap {gap})"),
    "term.infeasible": ("onhaalbaar", "infeasible"),
    "term.unbounded": ("onbegrensd", "unbounded"),
    "term.error": ("fout", "error"),
    "term.heuristic": ("heuristiek", "heuristic"),
    "col.variant": ("variant", "variant"),
    "col.termination": ("afloop", "termination"),
    "col.gap": ("MIP-gap", "MIP gap"),
    "col.objective": ("doelwaarde [M€]", "objective [M€]"),
    "col.built": ("projecten", "projects"),
    "col.homes_2030": ("woningen 2030", "homes 2030"),
    "col.industry_2030": ("industrie 2030 [MW]", "industry 2030 [MW]"),
    "col.overload": ("overbelasting [MW·jaar]", "overload [MW·year]"),
    "col.greedy": ("gretig [M€]", "greedy [M€]"),
    "col.ratio": ("MILP/gretig", "MILP/greedy"),
    "col.improvement": ("MILP − gretig [M€]", "MILP − greedy [M€]"),
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
    "col.rules": ("keuzeregels", "choice rules"),
    "col.choice": ("keuze", "choice"),
    "col.option": ("optie", "option"),
    "col.actions": ("werking", "actions"),
    "col.scenarios": ("gekozen in scenario", "picked by scenario"),
    "col.peak_a": ("piek {a} [MW]", "peak {a} [MW]"),
    "col.peak_b": ("piek {b} [MW]", "peak {b} [MW]"),
    "col.change": ("verschil [MW]", "change [MW]"),
    "choices.help": ("Stap 2, de keuzes van de Energievisie: toon per keuze de opties, hun "
                     "regels en de scenario's die ze kiezen; met --compare A --compare B wat "
                     "twee scenario's of keuzesets (TOML-bestanden) per energiedrager en "
                     "component veranderen.",
                     "Step 2, the Energievisie's choices: list each choice's options, their "
                     "rules and the scenarios that pick them; with --compare A --compare B "
                     "what two scenarios or choice sets (TOML files) change per carrier and "
                     "asset."),
    "choices.compare": ("Een scenario of keuzeset (.toml) om te vergelijken; twee keer geven.",
                        "A scenario or choice set (.toml) to compare; give it twice."),
    "choices.year": ("Jaar van de vergelijking; vaker te geven (standaard 2030, 2035, 2040).",
                     "Year of the comparison; may be repeated (default 2030, 2035, 2040)."),
    "choices.out": ("Map voor choices_compare.csv (alle veranderingen).",
                    "Folder for choices_compare.csv (every change)."),
    "choices.two": ("Geef precies twee keer --compare: twee scenario's of keuzesets.",
                    "Give --compare exactly twice: two scenarios or choice sets."),
    "choices.title": ("Keuzes van de Energievisie", "The Energievisie's choices"),
    "choices.compare_title": ("{carrier} {year}: {a} → {b}, grootste veranderingen",
                              "{carrier} {year}: {a} → {b}, largest changes"),
    "choices.no_change": ("{a} en {b} geven dezelfde pieken.", "{a} and {b} give the same "
                          "peaks."),
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
    "unexpected": ("Onverwachte fout in pmiek ({kind}). Dit is een fout in pmiek zelf. Het "
                   "volledige verslag staat in {log}. Stuur dat bestand mee als u de fout "
                   "meldt.", "Unexpected error in pmiek ({kind}). This is a fault in pmiek "
                   "itself. The full report is in {log}. Include that file when you report "
                   "the error."),
    "unexpected.nolog": ("Onverwachte fout in pmiek ({kind}). Dit is een fout in pmiek zelf. "
                         "Het verslag kon niet worden bewaard in {log}: {reason}.",
                         "Unexpected error in pmiek ({kind}). This is a fault in pmiek itself. "
                         "The report could not be kept in {log}: {reason}."),
    "interrupted": ("Onderbroken (Ctrl-C).", "Interrupted (Ctrl-C)."),
}


def _merge(*tables: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for table in tables:
        twice = sorted(set(merged) & set(table))
        if twice:
            raise KeyError(f"text keys defined twice: {', '.join(twice)}")
        merged.update(table)
    return merged


TEXTS = _merge(_COMMON, ASSESS_TEXTS, STORE_TEXTS, WHY_TEXTS, INTAKE_TEXTS, PROGRAMME_TEXTS,
               REPORT_TEXTS, SERVE_TEXTS)
"""Every text of the CLI: key → (Dutch, English)."""


class Markup(str):
    """Text that is rich markup whose data is already escaped: print it as it is."""

    __slots__ = ()


def literal(value: object) -> Markup:
    """``value`` as rich markup that shows it literally: without control characters, with
    rich's markup characters escaped. A :class:`Markup` is returned unchanged."""
    if isinstance(value, Markup):
        return value
    return Markup(escape(printable(value)))


def _shown(value: object) -> object:
    """A value as :func:`text` puts it in: numbers as they are (format specs apply), anything
    else :func:`literal`."""
    if isinstance(value, Number | Markup):
        return value
    return literal(value)


def text(key: str, lang: str = "nl", **values: object) -> Markup:
    """The text ``key`` in ``lang``, formatted with ``values`` (shown literally: see the
    module docstring)."""
    shown = {name: _shown(value) for name, value in values.items()}
    return Markup(in_language(TEXTS[key], lang).format(**shown))


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
