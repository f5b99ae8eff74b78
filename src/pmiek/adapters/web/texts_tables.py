"""Texts of the overview, the edition page, the tables pages and the static pages
(accessibility statement, method) (see :mod:`texts`)."""

TEXTS: dict[str, dict[str, str]] = {
    # --- overview ---------------------------------------------------------------------------
    "overview.title": {"nl": "Overzicht", "en": "Overview"},
    "overview.intro": {
        "nl": "Het P-MIEK (Provinciaal Meerjarenprogramma Infrastructuur Energie en Klimaat) "
              "legt vast welke uitbreidingen van het energienet de provincie, de "
              "netbeheerders en de gemeenten samen eerst aanpakken. Deze applicatie laat "
              "per werkruimte zien waar het net de komende jaren vol raakt (stap 1: kaart, "
              "stations en tabellen) en welke edities van het programma er zijn, met elk "
              "besluit dat erover is genomen.",
        "en": "The P-MIEK (the province's multi-year programme for energy and climate "
              "infrastructure) sets out which grid extensions the province, the grid "
              "operators and the municipalities take on first. This application shows for "
              "each workspace where the grid fills up in the coming years (step 1: map, "
              "stations and tables) and which editions of the programme exist, with every "
              "decision taken on them."},
    "overview.intro_method": {
        "nl": "Hoe de getallen berekend worden staat op de pagina",
        "en": "How the numbers are computed is explained on the page"},
    "overview.method_link": {"nl": "Methode", "en": "Method"},
    "overview.workspaces": {"nl": "Werkruimtes", "en": "Workspaces"},
    "overview.workspaces_caption": {
        "nl": "Werkruimtes met hun huidige versie en laatste import",
        "en": "Workspaces with their current version and last import"},
    "overview.no_workspaces": {
        "nl": "Er zijn nog geen werkruimtes in deze opslag.",
        "en": "This store has no workspaces yet."},
    "overview.name": {"nl": "Naam", "en": "Name"},
    "overview.current_version": {"nl": "Huidige versie", "en": "Current version"},
    "overview.versions": {"nl": "Versies", "en": "Versions"},
    "overview.last_import": {"nl": "Laatste import", "en": "Last import"},
    "overview.links": {"nl": "Bekijken", "en": "View"},
    "overview.map_of": {"nl": "Kaart van {name}", "en": "Map of {name}"},
    "overview.tables_of": {"nl": "Tabellen van {name}", "en": "Tables of {name}"},
    "overview.upload_to": {"nl": "Gegevens aanleveren voor {name}", "en": "Submit data for {name}"},
    "overview.editions": {"nl": "Edities", "en": "Editions"},
    "overview.editions_caption": {
        "nl": "Edities van het programma met hun status",
        "en": "Editions of the programme with their state"},
    "overview.no_editions": {"nl": "Er zijn nog geen edities.",
                             "en": "There are no editions yet."},
    "overview.workspace": {"nl": "Werkruimte", "en": "Workspace"},
    "overview.version": {"nl": "Versie", "en": "Version"},
    "overview.state": {"nl": "Status", "en": "State"},
    "overview.adopted_by": {"nl": "Vastgesteld door", "en": "Adopted by"},
    "overview.adopted_on": {"nl": "Vastgesteld op", "en": "Adopted on"},
    # --- edition states -----------------------------------------------------------------------
    "state.concept": {"nl": "concept", "en": "draft"},
    "state.kernteam_akkoord": {"nl": "akkoord kernteam", "en": "agreed by the core team"},
    "state.eb_advies": {"nl": "advies Energy Board", "en": "advised by the Energy Board"},
    "state.gs_ontwerp": {"nl": "ontwerp van Gedeputeerde Staten",
                         "en": "draft of the Provincial Executive"},
    "state.ter_inzage": {"nl": "ter inzage", "en": "open for inspection"},
    "state.beantwoord": {"nl": "zienswijzen beantwoord", "en": "submissions answered"},
    "state.vastgesteld": {"nl": "vastgesteld", "en": "adopted"},
    # --- edition page -------------------------------------------------------------------------
    "edition.title": {"nl": "Editie {name}", "en": "Edition {name}"},
    "edition.facts": {"nl": "Gegevens van de editie", "en": "Facts of the edition"},
    "edition.workspace": {"nl": "Werkruimte en versie", "en": "Workspace and version"},
    "edition.workspace_value": {"nl": "{workspace}, versie {number}",
                                "en": "{workspace}, version {number}"},
    "edition.content_hash": {"nl": "Inhoudshash van de versie (SHA-256)",
                             "en": "Content hash of the version (SHA-256)"},
    "edition.state": {"nl": "Status", "en": "State"},
    "edition.frozen": {"nl": "bevroren: invoer en runs veranderen niet meer",
                       "en": "frozen: inputs and runs no longer change"},
    "edition.adopted": {"nl": "Vastgesteld", "en": "Adopted"},
    "edition.adopted_value": {"nl": "door {body} op {day}", "en": "by {body} on {day}"},
    "edition.predecessor": {"nl": "Herijking van", "en": "Revision of"},
    "edition.inspection": {"nl": "Ter inzage", "en": "Open for inspection"},
    "edition.inspection_value": {"nl": "{start} tot en met {end} ({weeks} weken)",
                                 "en": "{start} to {end} ({weeks} weeks)"},
    "edition.anchor": {"nl": "Auditanker bij aanmaken", "en": "Audit anchor at creation"},
    "edition.anchor_note": {
        "nl": "Een auditanker is de kop van de hashketen van het auditlog op het moment van "
              "vastleggen; wie later een auditregel wijzigt of verwijdert, breekt de keten "
              "en dat ziet de controle (pmiek db verify-audit).",
        "en": "An audit anchor is the head of the audit log's hash chain at the moment of "
              "recording; whoever later edits or deletes an audit row breaks the chain, and "
              "the check (pmiek db verify-audit) sees it."},
    "edition.tables_link": {"nl": "Tabellen van deze versie",
                            "en": "Tables of this version"},
    "edition.decisions": {"nl": "Besluitenregister", "en": "Decisions register"},
    "edition.decisions_caption": {"nl": "Besluiten over editie {name}, in volgorde",
                                  "en": "Decisions on edition {name}, in order"},
    "edition.no_decisions": {"nl": "Over deze editie is nog geen besluit vastgelegd.",
                             "en": "No decision on this edition has been recorded yet."},
    "edition.decided_on": {"nl": "Datum", "en": "Date"},
    "edition.body": {"nl": "Orgaan", "en": "Body"},
    "edition.step": {"nl": "Stap", "en": "Step"},
    "edition.step_value": {"nl": "van {before} naar {after}", "en": "from {before} to {after}"},
    "edition.heard": {"nl": "gehoord of advies (geen stap)",
                      "en": "heard or advised (no step)"},
    "edition.reference": {"nl": "Kenmerk", "en": "Reference"},
    "edition.publication": {"nl": "Publicatie", "en": "Publication"},
    "edition.note": {"nl": "Toelichting", "en": "Note"},
    "edition.decision_anchor": {"nl": "Auditanker", "en": "Audit anchor"},
    "edition.runs": {"nl": "Runs", "en": "Runs"},
    "edition.runs_caption": {"nl": "Runs van editie {name}", "en": "Runs of edition {name}"},
    "edition.version_runs": {
        "nl": "Aan deze editie zijn nog geen runs gekoppeld. Op versie {number} van de "
              "werkruimte zijn deze runs opgeslagen:",
        "en": "No runs are attached to this edition yet. These runs are stored on version "
              "{number} of the workspace:"},
    "edition.version_runs_caption": {"nl": "Runs op versie {number}",
                                     "en": "Runs on version {number}"},
    "edition.no_runs": {"nl": "Er zijn nog geen runs.", "en": "There are no runs yet."},
    "edition.run": {"nl": "Run", "en": "Run"},
    "edition.kind": {"nl": "Soort", "en": "Kind"},
    "edition.input_hash": {"nl": "Invoerhash", "en": "Input hash"},
    "edition.output_hash": {"nl": "Uitvoerhash", "en": "Output hash"},
    "edition.software": {"nl": "Software", "en": "Software"},
    "edition.finished": {"nl": "Klaar op", "en": "Finished"},
    "edition.unknown": {"nl": "niet vastgelegd", "en": "not recorded"},
    # --- tables -------------------------------------------------------------------------------
    "tables.title": {"nl": "Tabellen van {workspace}", "en": "Tables of {workspace}"},
    "tables.breadcrumb": {"nl": "Kruimelpad", "en": "Breadcrumb"},
    "tables.version": {
        "nl": "Versie {number} van werkruimte {workspace}, gemaakt op {day} door {by}; "
              "inhoudshash {hash}.",
        "en": "Version {number} of workspace {workspace}, made on {day} by {by}; content "
              "hash {hash}."},
    "tables.confidential": {
        "nl": "U ziet de openbare weergave: vertrouwelijke componenten en projecten van "
              "netbeheerders ontbreken in deze tabellen of staan er alleen samengevoegd per "
              "gemeente in, en hun namen en codes zijn vervangen door 'vertrouwelijk'.",
        "en": "You see the public view: confidential assets and projects of grid operators "
              "are left out of these tables or appear only taken together per "
              "municipality, and their names and codes are replaced by 'confidential'."},
    "tables.group.invoer": {"nl": "Invoer (datacontract)", "en": "Inputs (data contract)"},
    "tables.group.inzicht": {"nl": "Inzicht (stap 1)", "en": "Insight (step 1)"},
    "tables.group.varianten": {"nl": "Varianten", "en": "Variants"},
    "tables.group.afweging": {"nl": "Afweging", "en": "Appraisal"},
    "tables.run_source": {
        "nl": "Uit run {run} ({kind}), klaar op {day}; uitvoerhash {hash}.",
        "en": "From run {run} ({kind}), finished on {day}; output hash {hash}."},
    "tables.no_run": {
        "nl": "Voor deze versie is nog geen run '{kind}' opgeslagen; de berekening volgt.",
        "en": "No '{kind}' run is stored for this version yet; the computation follows."},
    "tables.caption": {"nl": "{group}: tabellen met aantal rijen",
                       "en": "{group}: tables with their number of rows"},
    "tables.table": {"nl": "Tabel", "en": "Table"},
    "tables.description": {"nl": "Omschrijving", "en": "Description"},
    "tables.rows": {"nl": "Rijen", "en": "Rows"},
    "tables.download": {"nl": "Download", "en": "Download"},
    "tables.csv_of": {"nl": "CSV van {table}", "en": "CSV of {table}"},
    "tables.about.loads": {
        "nl": "Piekbelasting en capaciteit per component, jaar en scenario, in beide "
              "richtingen, met de uren boven de capaciteit.",
        "en": "Peak load and capacity per asset, year and scenario, in both directions, "
              "with the hours over capacity."},
    "tables.about.bottlenecks": {
        "nl": "Knelpunten per component, richting (afname, invoeding), jaar en scenario: "
              "piek, capaciteit, tekort, uren erboven, benutting, eerste jaar van "
              "overbelasting en klasse van de capaciteitskaart.",
        "en": "Bottlenecks per asset, direction (demand, feed-in), year and scenario: "
              "peak, capacity, shortage, hours over, utilisation, first year of overload "
              "and capacity-map class."},
    "tables.about.blocked": {
        "nl": "Ontwikkelingen die op capaciteit wachten: waar ze geblokkeerd zijn en in "
              "welk jaar ze kunnen aansluiten.",
        "en": "Developments waiting for capacity: where they are blocked and in which year "
              "they can connect."},
    "tables.about.homes_blocked": {
        "nl": "Aantal woningen dat per jaar en scenario op aansluiting wacht.",
        "en": "Number of homes waiting for a connection per year and scenario."},
    "tables.result_description": {"nl": "Resultaattabel {name} van de run.",
                                  "en": "Result table {name} of the run."},
    # --- one table ----------------------------------------------------------------------------
    "table.title": {"nl": "Tabel {table}", "en": "Table {table}"},
    "table.source_data": {
        "nl": "Bron: werkruimte {workspace}, versie {number} (inhoudshash {hash}), tabel "
              "{table} van het datacontract.",
        "en": "Source: workspace {workspace}, version {number} (content hash {hash}), "
              "table {table} of the data contract."},
    "table.source_run": {
        "nl": "Bron: run {run} ({kind}) op werkruimte {workspace}, versie {number}; "
              "invoerhash {input}, uitvoerhash {output}, klaar op {day}.",
        "en": "Source: run {run} ({kind}) on workspace {workspace}, version {number}; "
              "input hash {input}, output hash {output}, finished on {day}."},
    "table.method": {"nl": "Hoe deze getallen berekend worden: zie de",
                     "en": "How these numbers are computed: see the"},
    "table.method_link": {"nl": "methode", "en": "method"},
    "table.filter": {"nl": "Filteren", "en": "Filter"},
    "table.filter_label": {"nl": "Filter de tabel", "en": "Filter the table"},
    "table.column": {"nl": "Kolom", "en": "Column"},
    "table.value": {"nl": "Waarde (precies, hoofdletters tellen niet)",
                    "en": "Value (exact, case does not matter)"},
    "table.search": {"nl": "Zoek in alle kolommen", "en": "Search all columns"},
    "table.apply": {"nl": "Filter toepassen", "en": "Apply filter"},
    "table.active": {"nl": "Actieve filters", "en": "Active filters"},
    "table.active_text": {"nl": "tekst bevat '{text}'", "en": "text contains '{text}'"},
    "table.remove": {"nl": "Verwijder filter {what}", "en": "Remove filter {what}"},
    "table.clear": {"nl": "Alle filters wissen", "en": "Clear all filters"},
    "table.count": {"nl": "{total} rijen; rij {first} tot en met {last} hieronder.",
                    "en": "{total} rows; rows {first} to {last} below."},
    "table.count_none": {"nl": "Geen rijen voldoen aan het filter.",
                         "en": "No rows match the filter."},
    "table.csv": {"nl": "Download als CSV ({total} rijen, met dit filter)",
                  "en": "Download as CSV ({total} rows, with this filter)"},
    "table.csv_note": {
        "nl": "CSV: UTF-8, komma als scheidingsteken en punt als decimaalteken, zoals de "
              "bestanden van de opdrachtregel; tekst die een spreadsheet als formule zou "
              "lezen begint met een apostrof.",
        "en": "CSV: UTF-8, comma-separated with a point as decimal sign, like the files "
              "of the command line; text that a spreadsheet would read as a formula starts "
              "with an apostrophe."},
    "table.caption": {"nl": "{table}: pagina {page} van {pages}",
                      "en": "{table}: page {page} of {pages}"},
    "table.pages": {"nl": "Paginering", "en": "Pagination"},
    "table.first": {"nl": "Eerste pagina", "en": "First page"},
    "table.previous": {"nl": "Vorige pagina", "en": "Previous page"},
    "table.next": {"nl": "Volgende pagina", "en": "Next page"},
    "table.last": {"nl": "Laatste pagina", "en": "Last page"},
    "table.page_of": {"nl": "Pagina {page} van {pages}", "en": "Page {page} of {pages}"},
    "table.truncated": {"nl": "… ({count} tekens; volledig in de CSV)",
                        "en": "… ({count} characters; complete in the CSV)"},
    "table.yes": {"nl": "ja", "en": "yes"},
    "table.no": {"nl": "nee", "en": "no"},
    "table.infinite": {"nl": "∞", "en": "∞"},
    # --- API ---------------------------------------------------------------------------------
    "api.confidential_stations": {"nl": "Vertrouwelijke stations ({area}): {count}",
                                  "en": "Confidential stations ({area}): {count}"},
    # --- accessibility statement --------------------------------------------------------------
    "a11y.title": {"nl": "Toegankelijkheidsverklaring", "en": "Accessibility statement"},
    "a11y.intro": {
        "nl": "De provincie wil dat iedereen deze webapplicatie voor het P-MIEK kan "
              "gebruiken: inwoners, gemeenten, netbeheerders en medewerkers, ook wie een "
              "schermlezer, vergroting of alleen een toetsenbord gebruikt.",
        "en": "The province wants everyone to be able to use this web application for the "
              "P-MIEK: residents, municipalities, grid operators and staff, including people "
              "who use a screen reader, magnification or only a keyboard."},
    "a11y.law": {
        "nl": "Overheidswebsites en -applicaties moeten voldoen aan het Besluit digitale "
              "toegankelijkheid overheid: de Europese norm EN 301 549, die gelijk is aan de "
              "Web Content Accessibility Guidelines (WCAG) 2.1 op niveau A en AA.",
        "en": "Government websites and applications must meet the Dutch Besluit digitale "
              "toegankelijkheid overheid: the European standard EN 301 549, which equals the "
              "Web Content Accessibility Guidelines (WCAG) 2.1 at levels A and AA."},
    "a11y.status_heading": {"nl": "Nalevingsstatus", "en": "Compliance status"},
    "a11y.status": {"nl": "Voldoet gedeeltelijk", "en": "Partially compliant"},
    "a11y.status_text": {
        "nl": "Deze applicatie voldoet gedeeltelijk aan de eisen. Die status houdt zij tot "
              "een onafhankelijke deskundige de volledige applicatie heeft onderzocht "
              "(een audit) en geen afwijkingen meer vindt.",
        "en": "This application partially meets the requirements. It keeps that status "
              "until an independent expert has examined the whole application (an audit) "
              "and finds no more deviations."},
    "a11y.tested_heading": {"nl": "Wat wij testen", "en": "What we test"},
    "a11y.tested_axe": {
        "nl": "Bij elke nieuwe versie controleert een geautomatiseerde test elke pagina met "
              "axe-core 4.14.1 in de webbrowser Chromium op de succescriteria van WCAG 2.0 "
              "en 2.1, niveau A en AA. De eis is nul meldingen.",
        "en": "For every new version, an automated test checks every page with axe-core "
              "4.14.1 in the Chromium web browser against the success criteria of WCAG 2.0 "
              "and 2.1, levels A and AA. The requirement is zero findings."},
    "a11y.tested_keyboard": {
        "nl": "Een toetsenbordtest bedient de pagina's zonder muis: hij kiest jaar, "
              "richting en scenario en bereikt de cijfers van een station via de tabel naast "
              "de kaart. De focus is steeds zichtbaar.",
        "en": "A keyboard test uses the pages without a mouse: it chooses year, direction "
              "and scenario and reaches a station's numbers through the table beside the "
              "map. The focus is always visible."},
    "a11y.tested_limits": {
        "nl": "Geautomatiseerde tests vinden maar een deel van de mogelijke problemen. Een "
              "audit door een deskundige op alle succescriteria volgt, en daarna opnieuw "
              "ten minste elke 36 maanden.",
        "en": "Automated tests find only part of the possible problems. An audit by an "
              "expert against all success criteria follows, and after that again at least "
              "every 36 months."},
    "a11y.known_heading": {"nl": "Bekende beperkingen", "en": "Known limitations"},
    "a11y.known_map": {
        "nl": "De kaart is een afbeelding die u met muis of toetsenbord bedient. Alles wat "
              "op de kaart staat, staat ook in een tabel op dezelfde pagina, met een link "
              "naar de cijfers van elk station; kleuren op de kaart hebben ook een patroon "
              "en een letter.",
        "en": "The map is an image that you operate with mouse or keyboard. Everything on "
              "the map is also in a table on the same page, with a link to each station's "
              "numbers; colours on the map also have a pattern and a letter."},
    "a11y.known_charts": {
        "nl": "Elke grafiek heeft een tabel met dezelfde getallen, en elke tabel een "
              "CSV-download.",
        "en": "Every chart has a table with the same numbers, and every table a CSV "
              "download."},
    "a11y.known_background": {
        "nl": "De optionele achtergrondkaart van PDOK komt van buiten deze applicatie en is "
              "niet mee getest.",
        "en": "The optional PDOK background map comes from outside this application and "
              "was not tested with it."},
    "a11y.contact_heading": {"nl": "Contact", "en": "Contact"},
    "a11y.contact": {
        "nl": "Loopt u tegen een probleem aan, of heeft u informatie in een andere vorm "
              "nodig? Meld het bij de provincie via [contactgegevens van de provincie: "
              "e-mailadres of webformulier, in te vullen door de beheerder]. U krijgt "
              "binnen twee weken antwoord. Bent u niet tevreden over de afhandeling, dan "
              "kunt u zich wenden tot de Nationale ombudsman.",
        "en": "Do you run into a problem, or do you need information in another form? "
              "Report it to the province via [the province's contact details: e-mail "
              "address or web form, to be filled in by the administrator]. You will receive "
              "an answer within two weeks. If you are not satisfied with how it was "
              "handled, you can turn to the National Ombudsman."},
    "a11y.made_for": {"nl": "Deze verklaring hoort bij pmiek {version}.",
                      "en": "This statement belongs to pmiek {version}."},
    # --- method -------------------------------------------------------------------------------
    "method.title": {"nl": "Methode: de getallen van stap 1",
                     "en": "Method: the numbers of step 1"},
    "method.intro": {
        "nl": "Stap 1 laat zien waar het energienet vol raakt: per component (station, "
              "kabel, leiding, warmtenet), richting (afname of invoeding), jaar en scenario. "
              "Alle getallen op de kaart, in de stationspanelen en in de tabellen komen uit "
              "de opgeslagen run 'inzicht' op een versie van de werkruimte; elke tabel is "
              "met de herkomst van de run en de versie als CSV te downloaden.",
        "en": "Step 1 shows where the energy grid fills up: per asset (station, cable, "
              "pipeline, heat network), direction (demand or feed-in), year and scenario. "
              "Every number on the map, in the station panels and in the tables comes from "
              "the stored 'insight' run on a version of the workspace; every table can be "
              "downloaded as CSV with the run and version it came from."},
    "method.contents": {"nl": "Op deze pagina", "en": "On this page"},
    "method.piek": {"nl": "Piek (peak_mw, MW)", "en": "Peak (peak_mw, MW)"},
    "method.piek_text": {
        "nl": "De hoogste belasting van een component in een jaar, in één richting. Per uur "
              "van het jaar worden de bijdragen opgeteld van alle ontwikkelingen die op het "
              "component of op een component eronder aansluiten: de omvang van elke "
              "ontwikkeling (naar de mate waarin zij dat jaar gerealiseerd is, lineair "
              "tussen start- en eindjaar, maal de factor van het scenario) maal haar "
              "uurprofiel. Als matrixproduct: L[a,j,t] = Σₖ A[a,j,k] · P[k,t], met A de "
              "opgetelde bijdrage per profiel k onder component a in jaar j en P de "
              "profielen. De afnamepiek is het hoogste uur met afname, max over t van "
              "max(L, 0); de invoedingspiek het hoogste uur met teruglevering, max over t "
              "van max(−L, 0). Opslag scheert de dagpieken binnen zijn energie-inhoud; "
              "conversie (een elektrolyser, een warmtepomp) koppelt de dragers.",
        "en": "The highest load of an asset in a year, in one direction. For every hour of "
              "the year, the contributions of all developments connected to the asset or to "
              "an asset below it are added up: the size of each development (as far as it "
              "is realised that year, linearly between start and end year, times the "
              "scenario's factor) times its hourly profile. As a matrix product: L[a,y,t] = "
              "Σₖ A[a,y,k] · P[k,t], with A the summed contribution per profile k below "
              "asset a in year y and P the profiles. The demand peak is the highest hour of "
              "demand, the maximum over t of max(L, 0); the feed-in peak the highest hour of "
              "feed-in, the maximum over t of max(−L, 0). Storage shaves the daily peaks "
              "within its energy content; conversion (an electrolyser, a heat pump) couples "
              "the carriers."},
    "method.capaciteit": {"nl": "Capaciteit (capacity_mw, MW)",
                          "en": "Capacity (capacity_mw, MW)"},
    "method.capaciteit_text": {
        "nl": "De beschikbare capaciteit voor afname (capacity_demand_mw) of invoeding "
              "(capacity_feedin_mw) van het component in de tabel assets, plus de "
              "verandering (delta_demand_mw, delta_feedin_mw in project_effects) van elk "
              "project dat in dat jaar in bedrijf is. In stap 1 is dat een project uit de "
              "investeringsplannen (status in_ip, under_construction of done) vanaf zijn "
              "jaar in het plan (ip_year); een afgerond project zonder jaar telt altijd mee, "
              "kandidaat-projecten nog niet.",
        "en": "The available capacity of the asset for demand (capacity_demand_mw) or "
              "feed-in (capacity_feedin_mw) in the assets table, plus the change "
              "(delta_demand_mw, delta_feedin_mw in project_effects) of every project in "
              "service in that year. In step 1 that is a project of the investment plans "
              "(status in_ip, under_construction or done) from its year in the plan "
              "(ip_year); a finished project without a year always counts, candidate "
              "projects do not yet."},
    "method.tekort": {"nl": "Tekort (shortage_mw, MW)", "en": "Shortage (shortage_mw, MW)"},
    "method.tekort_text": {
        "nl": "tekort = max(piek − capaciteit, 0): hoeveel de piek boven de capaciteit "
              "uitkomt, en 0 als de piek past.",
        "en": "shortage = max(peak − capacity, 0): how far the peak exceeds the capacity, "
              "and 0 when the peak fits."},
    "method.uren": {"nl": "Uren boven de capaciteit (hours_over)",
                    "en": "Hours over capacity (hours_over)"},
    "method.uren_text": {
        "nl": "Het aantal uren van het jaar (van de 8760) waarin de belasting in die "
              "richting boven de capaciteit ligt. Een hoge piek in weinig uren vraagt "
              "andere oplossingen (flexibiliteit, opslag) dan een tekort in duizenden uren.",
        "en": "The number of hours of the year (out of 8,760) in which the load in that "
              "direction is above the capacity. A high peak in few hours calls for other "
              "solutions (flexibility, storage) than a shortage in thousands of hours."},
    "method.benutting": {"nl": "Benutting (utilisation)", "en": "Utilisation (utilisation)"},
    "method.benutting_text": {
        "nl": "benutting = piek / capaciteit, als fractie (0,9 is 90 %). Een belasting op "
              "een component zonder capaciteit heeft een oneindige benutting (∞); zonder "
              "belasting is de benutting 0.",
        "en": "utilisation = peak / capacity, as a fraction (0.9 is 90%). A load on an "
              "asset without capacity has an infinite utilisation (∞); without load the "
              "utilisation is 0."},
    "method.eerste-jaar": {"nl": "Eerste jaar van overbelasting (first_overload_year)",
                           "en": "First year of overload (first_overload_year)"},
    "method.eerste-jaar_text": {
        "nl": "Het eerste jaar waarin het tekort groter is dan 0, per component, richting "
              "en scenario; leeg als dat in de rekenperiode (2026–2050) niet gebeurt. Een "
              "project dat later in bedrijf gaat, kan de overbelasting weer opheffen.",
        "en": "The first year in which the shortage is above 0, per asset, direction and "
              "scenario; empty when that does not happen within the period computed "
              "(2026–2050). A project coming into service later can lift the overload "
              "again."},
    "method.klasse": {"nl": "Klasse (class)", "en": "Class (class)"},
    "method.klasse_text": {
        "nl": "Zoals op de capaciteitskaart van Netbeheer Nederland: beschikbaar onder 90 % "
              "benutting, dreigende schaarste van 90 % tot en met 100 %, congestie boven "
              "100 %. Op de kaart heeft elke klasse ook een eigen patroon en letter, zodat "
              "kleur niet het enige kenmerk is.",
        "en": "As on the capacity map of Netbeheer Nederland: available (beschikbaar) below "
              "90% utilisation, threatening scarcity (dreigende schaarste) from 90% up to "
              "100%, congestion (congestie) above 100%. On the map every class also has its "
              "own pattern and letter, so that colour is not the only cue."},
    "method.wachtrij": {"nl": "Wachtrij en geblokkeerde ontwikkelingen (blocked)",
                        "en": "Queue and blocked developments (blocked)"},
    "method.wachtrij_text": {
        "nl": "Op een component dat in een jaar overbelast is, wachten de nieuwe "
              "ontwikkelingen die nog niet zijn aangesloten: eerst naar ACM-prioriteit "
              "(3 basisbehoefte voorop, dan 2 veiligheid, 1 congestieverzachter, 0 geen), "
              "dan naar startjaar, dan naar code. Ze sluiten aan zolang hun belasting op het "
              "piekuur van het component nog past; de rest is geblokkeerd. Wie ergens op "
              "de weg naar boven geblokkeerd is (bij het aansluitpunt of een component "
              "erboven, in een van beide richtingen), wacht; de ontwikkeling sluit aan in "
              "het eerste jaar waarin zij nergens meer geblokkeerd is (connect_year). Dit is "
              "een verkenning op het piekuur, geen loadflowberekening.",
        "en": "On an asset that is overloaded in a year, the new developments not yet "
              "connected wait: first by ACM priority (3 basic needs first, then 2 safety, "
              "1 congestion relief, 0 none), then by start year, then by code. They connect "
              "as long as their load at the asset's peak hour still fits; the rest are "
              "blocked. A development blocked anywhere on its way up (at its connection "
              "point or an asset above it, in either direction) waits; it connects in the "
              "first year in which it is blocked nowhere (connect_year). This is a "
              "screening at the peak hour, not a load-flow calculation."},
    "method.verklaring": {"nl": "Verklaring van de piek", "en": "Explanation of the peak"},
    "method.verklaring_text": {
        "nl": "Voor één component, jaar, richting en scenario: de bijdrage van elke "
              "ontwikkeling op of onder het component (en van elke opslag) op het piekuur, "
              "met de keuzeregels van het scenario die erop werken. De bijdragen tellen op "
              "tot de piek; zo is te zien welke ontwikkelingen een station in een klasse "
              "brengen.",
        "en": "For one asset, year, direction and scenario: the contribution of every "
              "development at or below the asset (and of every storage) at the peak hour, "
              "with the scenario's choice rules acting on it. The contributions add up to "
              "the peak, which shows which developments put a station in its class."},
    "method.confidential": {"nl": "Vertrouwelijke gegevens",
                            "en": "Confidential data"},
    "method.confidential_text": {
        "nl": "Netbeheerders kunnen componenten en projecten als vertrouwelijk aanmerken. "
              "Publiek en gemeenten zien vertrouwelijke stations alleen geteld per gemeente "
              "en klasse, zonder hun eigen getallen, en vertrouwelijke projecten per "
              "gemeente samengevoegd met opgetelde kosten en menskracht, zoals in het "
              "programmadocument; hun namen en codes zijn elders vervangen door "
              "'vertrouwelijk'. Dat geldt op de pagina's, in de CSV-downloads en in de "
              "JSON-API.",
        "en": "Grid operators can mark assets and projects as confidential. The public and "
              "municipalities see confidential stations only counted per municipality and "
              "class, without their own numbers, and confidential projects taken together "
              "per municipality with summed costs and workforce, as in the programme "
              "document; their names and codes are replaced by 'confidential' elsewhere. "
              "This holds on the pages, in the CSV downloads and in the JSON API."},
}
