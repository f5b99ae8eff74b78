"""The texts of ``pmiek intake`` in Dutch and English (merged into :data:`i18n.TEXTS`)."""

INTAKE_TEXTS: dict[str, tuple[str, str]] = {
    "intake.help": ("De uitvraag aan gemeenten en netbeheerders: werkboeken maken, "
                    "inleveringen samenvoegen en de herkomst van rijen tonen.",
                    "The intake round of municipalities and grid operators: make the "
                    "workbooks, merge the returns and show where rows came from."),
    "intake.prepare.help": ("Schrijf één werkboek per gemeente (haar ontwikkelingen) en per "
                            "netbeheerder (zijn netcomponenten en projecten) in --out, met "
                            "keuzelijsten in het Nederlands, kengetallen, profielen en een "
                            "beveiligd blad met instructies.",
                            "Write one workbook per municipality (its developments) and per "
                            "grid operator (its assets and projects) into --out, with "
                            "drop-down lists, standard figures, profiles and a protected "
                            "instructions sheet."),
    "intake.out": ("Map voor de werkboeken (nieuw of leeg, of eerder door pmiek geschreven).",
                   "Folder for the workbooks (new or empty, or written by pmiek before)."),
    "intake.merge.help": ("Lees de ingeleverde werkboeken, controleer elk (één fout weigert "
                          "de hele inlevering) en toon per indiener wat nieuw, gewijzigd en "
                          "verwijderd is en wat in conflict staat. Met --apply: sla alles wat "
                          "meegaat op als één nieuwe versie, met de herkomst van elke rij.",
                          "Read the returned workbooks, check each (one error refuses the "
                          "whole return) and show per submitter what is new, changed and "
                          "removed and what is in conflict. With --apply: store everything "
                          "that goes in as one new version, with the provenance of every "
                          "row."),
    "intake.target": ("De werkruimte waarin de inleveringen komen: db:NAAM uit de database "
                      "(nodig voor --apply), of een map, .xlsx of ingebouwde dataset voor "
                      "alleen een overzicht.",
                      "The workspace the returns go into: db:NAME from the database (needed "
                      "for --apply), or a folder, .xlsx or embedded dataset for a report "
                      "only."),
    "intake.returns": ("De ingeleverde werkboeken (.xlsx).", "The returned workbooks (.xlsx)."),
    "intake.metavar.workspace": ("WERKRUIMTE", "WORKSPACE"),
    "intake.metavar.returns": ("INLEVERINGEN", "RETURNS"),
    "intake.accept": ("Neem een rij in conflict toch over: INDIENER:ID (herhaalbaar).",
                      "Take a row in conflict all the same: SUBMITTER:ID (repeatable)."),
    "intake.accept_all": ("Neem alle rijen in conflict van deze indiener over (herhaalbaar).",
                          "Take every row in conflict of this submitter (repeatable)."),
    "intake.apply": ("Sla het resultaat op als nieuwe versie (--apply), of toon alleen wat er "
                     "zou gebeuren (--dry-run, standaard).",
                     "Store the result as a new version (--apply), or only show what would "
                     "happen (--dry-run, the default)."),
    "intake.provenance.help": ("Toon waar de rijen van een versie vandaan komen: indiener, "
                               "bestand, SHA-256 en datum van ontvangst.",
                               "Show where the rows of a version came from: submitter, file, "
                               "SHA-256 and date received."),
    "intake.reference": ("db:NAAM of db:NAAM@VERSIE (ook alleen NAAM).",
                         "db:NAME or db:NAME@VERSION (NAME alone too)."),
    "intake.preparing": ("Werkboeken maken: {label}", "Making workbooks: {label}"),
    "intake.reading": ("Inleveringen lezen: {label}", "Reading returns: {label}"),
    "intake.prepared": ("{n} werkboeken in {out}: {towns} en {operators}; basis {workspace} "
                        "(inhoud {base}…).",
                        "{n} workbooks in {out}: {towns} and {operators}; base {workspace} "
                        "(content {base}…)."),
    "intake.operators": ("{n} netbeheerders", "{n} operators"),
    "intake.operator": ("1 netbeheerder", "1 operator"),
    "intake.bad_accept": ("--accept '{value}': verwacht INDIENER:ID, bijvoorbeeld "
                          "GM0344:WON-UTR-1.",
                          "--accept '{value}': expected SUBMITTER:ID, for example "
                          "GM0344:WON-UTR-1."),
    "intake.at_version": ("De inleveringen gaan in de huidige versie van '{name}': laat "
                          "@VERSIE weg.",
                          "The returns go into the current version of '{name}': leave out "
                          "@VERSION."),
    "intake.needs_store": ("Alleen een werkruimte in de database (db:NAAM) kan de inleveringen "
                           "opnemen; sla {workspace} eerst op met 'pmiek import'.",
                           "Only a workspace in the database (db:NAME) can take the returns; "
                           "store {workspace} first with 'pmiek import'."),
    "intake.returned": ("{file}: {who}, SHA-256 {sha}…", "{file}: {who}, SHA-256 {sha}…"),
    "intake.who.municipality": ("gemeente {name} ({id})", "municipality {name} ({id})"),
    "intake.who.operator": ("netbeheerder {name}", "operator {name}"),
    "intake.who.unknown": ("onbekende indiener", "unknown submitter"),
    "intake.refused": ("Geweigerd: {file} ({errors}); niets van deze inlevering gaat mee. "
                       "Herstel de fout op de genoemde plek en lever opnieuw in.",
                       "Refused: {file} ({errors}); nothing of this return goes in. Fix the "
                       "error where it is named and return it again."),
    "intake.errors": ("1 fout", "1 error"),
    "intake.errors_many": ("{n} fouten", "{n} errors"),
    "intake.summary": ("Per indiener", "Per submitter"),
    "intake.changes": ("Wijzigingen van {who}", "Changes by {who}"),
    "intake.no_changes": ("{who}: geen wijzigingen.", "{who}: no changes."),
    "intake.more": ("… en nog {n} rijen.", "… and {n} more rows."),
    "intake.col.file": ("bestand", "file"),
    "intake.col.submitter": ("indiener", "submitter"),
    "intake.col.new": ("nieuw", "new"),
    "intake.col.changed": ("gewijzigd", "changed"),
    "intake.col.removed": ("verwijderd", "removed"),
    "intake.col.unchanged": ("ongewijzigd", "unchanged"),
    "intake.col.conflict": ("in conflict", "in conflict"),
    "intake.col.accepted": ("gaat mee", "goes in"),
    "intake.col.table": ("tabel", "table"),
    "intake.col.id": ("id", "id"),
    "intake.col.status": ("wat", "what"),
    "intake.col.columns": ("kolommen", "columns"),
    "intake.col.why": ("conflict", "conflict"),
    "intake.col.action": ("actie", "action"),
    "intake.col.sha": ("SHA-256", "SHA-256"),
    "intake.col.received": ("ontvangen (UTC)", "received (UTC)"),
    "intake.status.new": ("nieuw", "new"),
    "intake.status.changed": ("gewijzigd", "changed"),
    "intake.status.removed": ("verwijderd", "removed"),
    "intake.status.unchanged": ("ongewijzigd", "unchanged"),
    "intake.conflict.duplicate": ("ook in een andere inlevering", "in another return too"),
    "intake.conflict.collision": ("id van een rij van een ander", "id of someone else's row"),
    "intake.conflict.stale": ("intussen gewijzigd in de werkruimte",
                              "changed in the workspace since"),
    "intake.conflict.outside": ("buiten eigen gebied of netbeheerder",
                                "outside own area or operator"),
    "intake.yes": ("ja", "yes"),
    "intake.no": ("nee", "no"),
    "intake.waiting": ("{n} rijen in conflict wachten. Neem ze alleen over na controle: "
                       "--accept INDIENER:ID of --accept-all INDIENER.",
                       "{n} rows in conflict wait. Take them only after checking: --accept "
                       "SUBMITTER:ID or --accept-all SUBMITTER."),
    "intake.waiting_one": ("1 rij in conflict wacht. Neem haar alleen over na controle: "
                           "--accept INDIENER:ID of --accept-all INDIENER.",
                           "1 row in conflict waits. Take it only after checking: --accept "
                           "SUBMITTER:ID or --accept-all SUBMITTER."),
    "intake.unmatched": ("--accept {pair}: geen rij in conflict met die indiener en id.",
                         "--accept {pair}: no row in conflict with that submitter and id."),
    "intake.ambiguous": ("{table} {id} is aanvaard uit meer dan één inlevering ({files}); "
                         "aanvaard er één.",
                         "{table} {id} is accepted from more than one return ({files}); "
                         "accept one."),
    "intake.invalid": ("Samen geven de inleveringen fouten; er is niets opgeslagen.",
                       "Together the returns give errors; nothing was stored."),
    "intake.nothing": ("Niets om op te slaan: geen rij gaat mee.",
                       "Nothing to store: no row goes in."),
    "intake.dry_run": ("Proefdraai: {n} rijen zouden meegaan; er is niets opgeslagen. Gebruik "
                       "--apply om op te slaan.",
                       "Dry run: {n} rows would go in; nothing was stored. Use --apply to "
                       "store."),
    "intake.saving": ("Opslaan als nieuwe versie van '{name}' …",
                      "Storing as a new version of '{name}' …"),
    "intake.saved": ("Opgeslagen: '{name}' versie {version}, met de herkomst van {rows} rijen "
                     "uit {returns} ({hash}…).",
                     "Stored: '{name}' version {version}, with the provenance of {rows} rows "
                     "from {returns} ({hash}…)."),
    "intake.returns_n": ("{n} inleveringen", "{n} returns"),
    "intake.returns_one": ("1 inlevering", "1 return"),
    "intake.provenance.title": ("Herkomst van '{name}' versie {version}",
                                "Provenance of '{name}' version {version}"),
    "intake.provenance.none": ("'{name}' versie {version} heeft geen rijen uit een uitvraag.",
                               "'{name}' version {version} has no rows from an intake round."),
}
