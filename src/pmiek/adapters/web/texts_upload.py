"""Texts of the upload pages and the background jobs (see :mod:`texts`)."""

TEXTS: dict[str, dict[str, str]] = {
    "upload.title": {"nl": "Gegevens aanleveren voor {workspace}",
                     "en": "Submit data for {workspace}"},
    "upload.intro": {
        "nl": "Lever hier het ingevulde uitvraagwerkboek aan (een .xlsx-bestand dat het "
              "kernteam met 'pmiek intake prepare' voor u klaarzette). pmiek controleert het "
              "hele werkboek; zit er een fout in, dan ziet u waar (werkblad, rij, kolom) en wordt "
              "er niets opgeslagen. Een werkboek zonder fouten wordt de volgende versie van de "
              "werkruimte, en de berekeningen op die versie beginnen meteen.",
        "en": "Submit the completed intake workbook here (an .xlsx file that the core team "
              "prepared for you with 'pmiek intake prepare'). pmiek checks the whole workbook; "
              "when it has an error you see where (sheet, row, column) and nothing is stored. "
              "A workbook without errors becomes the next version of the workspace, and the "
              "computations on that version start at once."},
    "upload.who.heading": {"nl": "Wie mag wat aanleveren", "en": "Who may submit what"},
    "upload.who.gemeente": {
        "nl": "Een gemeenteaccount: het werkboek van de eigen gemeente (een regio: van haar "
              "gemeenten), dus de ontwikkelingen in het eigen gebied.",
        "en": "A municipality account: the workbook of its own municipality (a region: of its "
              "municipalities), that is the developments in its own area."},
    "upload.who.netbeheerder": {
        "nl": "Een netbeheerder: het eigen werkboek, met de eigen netcomponenten, projecten en "
              "middelen.",
        "en": "A grid operator: its own workbook, with its own assets, projects and "
              "resources."},
    "upload.who.kernteam": {
        "nl": "Het kernteam en de beheerder: elk werkboek.",
        "en": "The core team and the administrator: any workbook."},
    "upload.you": {"nl": "U bent ingelogd als {role}{scope}.",
                   "en": "You are logged in as {role}{scope}."},
    "upload.scope": {"nl": " voor {organisation}", "en": " for {organisation}"},
    "upload.base": {"nl": "De huidige versie is versie {number} (opgeslagen {when} door "
                          "{by}). Uw werkboek wordt op deze versie gebouwd.",
                    "en": "The current version is version {number} (stored {when} by {by}). "
                          "Your workbook is built on this version."},
    "upload.file": {"nl": "Werkboek (.xlsx, hoogstens {size})",
                    "en": "Workbook (.xlsx, at most {size})"},
    "upload.submit": {"nl": "Aanleveren", "en": "Submit"},
    "upload.jobs": {"nl": "Berekeningen op deze werkruimte", "en": "Computations on this "
                                                                    "workspace"},
    "upload.too_large": {
        "nl": "Het bestand is te groot: hoogstens {size}. Er is niets opgeslagen.",
        "en": "The file is too large: at most {size}. Nothing was stored."},
    "upload.no_file": {"nl": "Kies eerst een werkboek (.xlsx). Er is niets opgeslagen.",
                       "en": "Choose a workbook (.xlsx) first. Nothing was stored."},
    "upload.not_xlsx": {
        "nl": "'{name}' is geen .xlsx-bestand. Lever het uitvraagwerkboek aan zoals u het "
              "kreeg, als .xlsx. Er is niets opgeslagen.",
        "en": "'{name}' is not an .xlsx file. Submit the intake workbook as you received it, "
              "as .xlsx. Nothing was stored."},
    "upload.bad_base": {
        "nl": "Het formulier mist de versie waarop het is gebouwd. Laad de pagina opnieuw. "
              "Er is niets opgeslagen.",
        "en": "The form lacks the version it was built on. Reload the page. Nothing was "
              "stored."},
    "upload.conflict": {
        "nl": "Iemand anders heeft intussen versie {number} opgeslagen; niets is opgeslagen. "
              "Laad de pagina opnieuw en lever uw werkboek nog eens aan: het wordt dan op de "
              "nieuwe versie gebouwd.",
        "en": "Someone else has stored version {number} in the meantime; nothing was stored. "
              "Reload the page and submit your workbook again: it is then built on the new "
              "version."},
    "upload.store_failed": {"nl": "De opslag weigerde de nieuwe versie: {reason}",
                            "en": "The store refused the new version: {reason}"},
    "upload.forbidden": {
        "nl": "Dit werkboek is van {who}. Uw account ({role}{scope}) mag alleen het werkboek "
              "van de eigen organisatie aanleveren. Er is niets opgeslagen.",
        "en": "This workbook belongs to {who}. Your account ({role}{scope}) may only submit "
              "its own organisation's workbook. Nothing was stored."},
    "upload.who.municipality": {"nl": "gemeente {name} ({id})",
                                "en": "municipality {name} ({id})"},
    "upload.who.operator": {"nl": "netbeheerder {name}", "en": "grid operator {name}"},
    "upload.refused": {
        "nl": "Het werkboek {file} heeft {n} fout(en) en is geweigerd; er is niets "
              "opgeslagen. Verbeter de cellen hieronder en lever het opnieuw aan.",
        "en": "The workbook {file} has {n} error(s) and was refused; nothing was stored. "
              "Correct the cells below and submit it again."},
    "upload.warnings": {"nl": "Waarschuwingen (het werkboek is wel verwerkt)",
                        "en": "Warnings (the workbook was processed all the same)"},
    "upload.problems": {"nl": "Problemen in {file}", "en": "Problems in {file}"},
    "upload.ambiguous": {
        "nl": "Rij {id} van tabel {table} komt meer dan eens voor; er is niets opgeslagen.",
        "en": "Row {id} of table {table} occurs more than once; nothing was stored."},
    "upload.nothing": {
        "nl": "Het werkboek {file} van {who} is gelezen, maar verandert niets dat zonder "
              "toestemming mag meegaan. Er is geen nieuwe versie opgeslagen.",
        "en": "The workbook {file} of {who} was read, but changes nothing that may go in "
              "without approval. No new version was stored."},
    "upload.saved": {
        "nl": "Versie {number} opgeslagen (hash {hash}): het werkboek {file} van {who}.",
        "en": "Version {number} stored (hash {hash}): the workbook {file} of {who}."},
    "upload.counts": {"nl": "Wat het werkboek doet", "en": "What the workbook does"},
    "upload.waiting": {
        "nl": "Deze rijen wachten op het kernteam (ze zijn niet opgeslagen): ze botsen met "
              "gegevens van een ander of zijn intussen veranderd. Het kernteam kan ze met "
              "'pmiek intake merge --accept' alsnog toelaten.",
        "en": "These rows wait for the core team (they were not stored): they collide with "
              "someone else's data or have changed in the meantime. The core team can still "
              "admit them with 'pmiek intake merge --accept'."},
    "upload.follow": {"nl": "Volg de berekening van versie {number}",
                      "en": "Follow the computation of version {number}"},
    "upload.again": {"nl": "Nog een werkboek aanleveren", "en": "Submit another workbook"},
    "upload.col.severity": {"nl": "ernst", "en": "severity"},
    "upload.col.file": {"nl": "bestand", "en": "file"},
    "upload.col.sheet": {"nl": "werkblad", "en": "sheet"},
    "upload.col.row": {"nl": "rij", "en": "row"},
    "upload.col.id": {"nl": "id", "en": "id"},
    "upload.col.column": {"nl": "kolom", "en": "column"},
    "upload.col.expected": {"nl": "verwacht", "en": "expected"},
    "upload.col.found": {"nl": "gevonden", "en": "found"},
    "upload.col.problem": {"nl": "probleem", "en": "problem"},
    "upload.col.fix": {"nl": "oplossing", "en": "fix"},
    "upload.col.table": {"nl": "tabel", "en": "table"},
    "upload.col.status": {"nl": "wat", "en": "what"},
    "upload.col.columns": {"nl": "kolommen", "en": "columns"},
    "upload.col.why": {"nl": "waarom het wacht", "en": "why it waits"},
    "upload.col.count": {"nl": "rijen", "en": "rows"},
    "upload.severity.error": {"nl": "fout", "en": "error"},
    "upload.severity.warning": {"nl": "waarschuwing", "en": "warning"},
    "upload.status.new": {"nl": "nieuw", "en": "new"},
    "upload.status.changed": {"nl": "gewijzigd", "en": "changed"},
    "upload.status.removed": {"nl": "verwijderd", "en": "removed"},
    "upload.status.unchanged": {"nl": "ongewijzigd", "en": "unchanged"},
    "upload.status.conflict": {"nl": "wacht (conflict)", "en": "waiting (conflict)"},
    "upload.status.accepted": {"nl": "gaat mee", "en": "goes in"},
    "upload.conflict.duplicate": {"nl": "twee werkboeken brengen dezelfde rij",
                                  "en": "two workbooks bring the same row"},
    "upload.conflict.collision": {"nl": "id van een rij van een ander",
                                  "en": "id of someone else's row"},
    "upload.conflict.stale": {"nl": "de rij is veranderd sinds het werkboek werd klaargezet",
                              "en": "the row has changed since the workbook was prepared"},
    "upload.conflict.outside": {"nl": "buiten het eigen gebied of de eigen netbeheerder",
                                "en": "outside the own area or operator"},
    "job.title": {"nl": "Berekening van {workspace}, versie {number}",
                  "en": "Computation of {workspace}, version {number}"},
    "job.state.queued": {"nl": "Wacht op zijn beurt.", "en": "Waiting for its turn."},
    "job.state.running": {"nl": "Bezig. Deze pagina ververst vanzelf.",
                          "en": "Running. This page refreshes by itself."},
    "job.state.done": {"nl": "Klaar: de resultaten staan in de opslag.",
                       "en": "Done: the results are in the store."},
    "job.state.failed": {"nl": "Niet gelukt.", "en": "Failed."},
    "job.kind.insight": {"nl": "Stap 1: inzicht (belasting en knelpunten)",
                         "en": "Step 1: insight (loads and bottlenecks)"},
    "job.kind.variants": {"nl": "Varianten", "en": "Variants"},
    "job.kind.assess": {"nl": "Beoordeling", "en": "Assessment"},
    "job.step.waiting": {"nl": "wacht", "en": "waiting"},
    "job.step.running": {"nl": "bezig", "en": "running"},
    "job.step.done": {"nl": "klaar", "en": "done"},
    "job.step.skipped": {"nl": "was al berekend", "en": "computed before"},
    "job.step.failed": {"nl": "niet gelukt", "en": "failed"},
    "job.steps": {"nl": "Stappen", "en": "Steps"},
    "job.col.step": {"nl": "stap", "en": "step"},
    "job.col.state": {"nl": "stand", "en": "state"},
    "job.by": {"nl": "Gevraagd door {name} om {time} (UTC).",
               "en": "Asked by {name} at {time} (UTC)."},
    "job.finished": {"nl": "Klaar om {time} (UTC).", "en": "Finished at {time} (UTC)."},
    "job.refresh": {"nl": "Ververs de voortgang", "en": "Refresh the progress"},
    "job.to_map": {"nl": "Naar de kaart van {workspace}", "en": "To the map of {workspace}"},
    "job.none": {"nl": "Nog geen berekeningen sinds de server startte.",
                 "en": "No computations since the server started."},
}
