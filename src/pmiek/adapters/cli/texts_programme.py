"""The texts of ``pmiek edition``, ``pmiek consultation``, ``pmiek monitor`` and
``pmiek db user`` in Dutch and English (merged into :data:`i18n.TEXTS`)."""

PROGRAMME_TEXTS: dict[str, tuple[str, str]] = {
    "prog.as": ("Handel als deze gebruiker van de opslag (anders PMIEK_USER, anders de "
                "inlognaam); de opslag controleert zijn rol.",
                "Act as this user of the store (else PMIEK_USER, else the login name); the "
                "store checks their role."),
    "yes": ("ja", "yes"),
    "no": ("nee", "no"),
    # --- edition ---
    "edition.help": ("Edities van het programma (een P-MIEK en zijn herijkingen): besluiten, runs, "
                     "controle en verschillen.",
                     "Editions of the programme (a P-MIEK and its herijkingen): decisions, runs, "
                     "checks and differences."),
    "edition.new.help": ("Maak een editie op een opgeslagen werkruimteversie en reken haar runs "
                         "(inzicht, varianten, afweging); met --from een herijking van een "
                         "vastgestelde editie.",
                         "Make an edition on a stored workspace version and compute its runs "
                         "(insight, variants, assessment); with --from a herijking of an "
                         "adopted edition."),
    "edition.name": ("De naam van de editie, bijv. 'P-MIEK Utrecht 2026'.",
                     "The edition's name, e.g. 'P-MIEK Utrecht 2026'."),
    "edition.workspace": ("De opgeslagen werkruimte: NAAM of db:NAAM[@VERSIE].",
                          "The stored workspace: NAME or db:NAME[@VERSION]."),
    "edition.from": ("De vastgestelde editie die deze herijkt.",
                     "The adopted edition this one recalibrates."),
    "edition.run": ("Reken de runs meteen (--no-run: later met pmiek edition run).",
                    "Compute the runs now (--no-run: later with pmiek edition run)."),
    "edition.created": ("Editie '{name}' gemaakt op {workspace} versie {version} (status "
                        "{state}).",
                        "Edition '{name}' made on {workspace} version {version} (state "
                        "{state})."),
    "edition.running": ("Runs van '{name}' worden gerekend …", "Computing the runs of '{name}' …"),
    "edition.running_kind": ("Runs van '{name}': {kind} …", "Runs of '{name}': {kind} …"),
    "edition.run_stored": ("Run {id} ({kind}) opgeslagen met {tables} tabellen.",
                           "Run {id} ({kind}) stored with {tables} tables."),
    "edition.list.help": ("Toon de edities en hun status.", "Show the editions and their state."),
    "edition.list.title": ("Edities", "Editions"),
    "edition.show.help": ("Toon een editie: status, besluiten en runs.",
                          "Show an edition: state, decisions and runs."),
    "edition.shown": ("Editie '{name}': {workspace} versie {version}, status {state}, bevroren: "
                      "{frozen}.",
                      "Edition '{name}': {workspace} version {version}, state {state}, frozen: "
                      "{frozen}."),
    "edition.decisions": ("Besluiten", "Decisions"),
    "edition.runs": ("Runs", "Runs"),
    "edition.advance.help": ("Zet de volgende stap (concept → kernteam_akkoord → eb_advies → "
                             "gs_ontwerp → ter_inzage → beantwoord → vastgesteld), vastgelegd "
                             "in het besluitenregister.",
                             "Take the next step (concept → kernteam_akkoord → eb_advies → "
                             "gs_ontwerp → ter_inzage → beantwoord → vastgesteld), recorded in "
                             "the decisions register."),
    "edition.to": ("De nieuwe status.", "The new state."),
    "edition.body": ("Het orgaan: kernteam, eb, gs, ps of statencommissie.",
                     "The body: kernteam, eb, gs, ps or statencommissie."),
    "edition.date": ("De datum van het besluit (JJJJ-MM-DD; standaard vandaag).",
                     "The date of the decision (YYYY-MM-DD; default today)."),
    "edition.reference": ("Het kenmerk van het besluit.", "The decision's reference."),
    "edition.publication": ("De bekendmaking, bijv. 'Provinciaal Blad prb-2025-15513'.",
                            "The publication, e.g. 'Provinciaal Blad prb-2025-15513'."),
    "edition.note": ("Een toelichting.", "A note."),
    "edition.start": ("Eerste dag van de terinzagelegging (standaard de besluitdatum).",
                      "First day of the inspection period (default the decision date)."),
    "edition.advanced": ("Editie '{name}' is nu '{state}' (besluit van {body}, {date}).",
                         "Edition '{name}' is now '{state}' (decision of {body}, {date})."),
    "edition.hear.help": ("Leg een bespreking of advies vast zonder statuswijziging "
                          "(statencommissie, PS, Energy Board).",
                          "Record a hearing or advice without a change of state (council "
                          "committee, PS, Energy Board)."),
    "edition.heard": ("Vastgelegd: {body} over '{name}'.", "Recorded: {body} on '{name}'."),
    "edition.run.help": ("Reken de runs van een concept-editie opnieuw (de oude vervallen).",
                         "Compute the runs of a concept edition again (the old ones go)."),
    "edition.verify.help": ("Reken de runs van een editie opnieuw en vergelijk de hashes van hun "
                            "tabellen met de opgeslagen.",
                            "Compute an edition's runs again and compare the hashes of their "
                            "tables with the stored ones."),
    "edition.other_software": ("Let op: run {id} is gemaakt met andere software- of "
                               "solverversies.",
                               "Note: run {id} was made with other software or solver "
                               "versions."),
    "edition.verified": ("Run {id} ({kind}): gelijk ({stored}).",
                         "Run {id} ({kind}): the same ({stored})."),
    "edition.differs": ("Run {id} ({kind}): ANDERS: opgeslagen {stored}, nu {now}.",
                        "Run {id} ({kind}): DIFFERENT: stored {stored}, now {now}."),
    "edition.diff.help": ("Wat veranderde tussen twee edities (of een editie en db:NAAM): "
                          "invoerrijen en prioriteitenlijst, met waarom.",
                          "What changed between two editions (or an edition and db:NAME): "
                          "input rows and priority list, with why."),
    "edition.old": ("De oude editie.", "The old edition."),
    "edition.new": ("De nieuwe editie, of db:NAAM voor de huidige werkruimte.",
                    "The new edition, or db:NAME for the current workspace."),
    # --- consultation ---
    "consult.help": ("De terinzagelegging: termijn, zienswijzen, reacties en de Nota van "
                     "Beantwoording.",
                     "The inspection period: term, views, answers and the Nota van "
                     "Beantwoording."),
    "consult.weeks": ("Duur van de terinzagelegging in weken.",
                      "Length of the inspection period in weeks."),
    "consult.period": ("Ter inzage van {start} tot en met {end} ({weeks} weken).",
                       "Open for inspection from {start} to {end} inclusive ({weeks} weeks)."),
    "consult.period.help": ("Bereken de termijn van een terinzagelegging vanaf START (Awb 3:16, "
                            "Algemene termijnenwet); met --kennisgeving ook de tekst van de "
                            "kennisgeving.",
                            "Compute the term of an inspection period from START (Awb 3:16, "
                            "General Time Limits Act); with --kennisgeving also the text of the "
                            "notice."),
    "consult.start": ("De eerste dag (JJJJ-MM-DD); die telt mee.",
                      "The first day (YYYY-MM-DD); it counts."),
    "consult.notice": ("Toon ook de kennisgeving (voorbeeldkanalen; pas ze aan).",
                       "Also show the notice (example channels; adapt them)."),
    "consult.programme": ("De naam van het programma in de kennisgeving.",
                          "The programme's name in the notice."),
    "consult.period_words": ("Ter inzage van {start} tot en met {end}: {weeks} weken, {days} "
                             "dagen.",
                             "Open for inspection from {start} to {end} inclusive: {weeks} "
                             "weeks, {days} days."),
    "consult.moved": ("  einde verschoven voorbij {day}: {why}",
                      "  end moved past {day}: {why}"),
    "consult.example_post": ("Provincie Utrecht, Postbus 80300, 3508 TH Utrecht (voorbeeld)",
                             "Provincie Utrecht, Postbus 80300, 3508 TH Utrecht (example)"),
    "consult.example_mail": ("het formulier op de website van de provincie (voorbeeld)",
                             "the form on the province's website (example)"),
    "consult.example_phone": ("het klantcontactcentrum, telefonisch (voorbeeld)",
                              "the contact centre, by telephone (example)"),
    "consult.example_online": ("www.provincie-utrecht.nl (voorbeeld)",
                               "www.provincie-utrecht.nl (example)"),
    "consult.example_place": ("het provinciehuis, Archimedeslaan 6, Utrecht (voorbeeld)",
                              "the provincial office, Archimedeslaan 6, Utrecht (example)"),
    "consult.template.help": ("Schrijf het werkboek voor het registreren van zienswijzen "
                              "(zienswijzen, punten, persoonsgegevens apart).",
                              "Write the workbook for registering views (views, points, "
                              "personal data apart)."),
    "consult.file": ("Het werkboek (.xlsx).", "The workbook (.xlsx)."),
    "consult.template_written": ("Sjabloon geschreven: {file}", "Template written: {file}"),
    "consult.import.help": ("Lees ingevulde zienswijzen (werkboek of map met CSV) in bij een "
                            "editie die ter inzage ligt: alles of niets, met de tijdigheid van "
                            "elke zienswijze.",
                            "Read filled-in views (workbook or folder of CSV) into an edition "
                            "open for inspection: all or nothing, with the timeliness of each "
                            "view."),
    "consult.source": ("Het ingevulde werkboek of de map met zienswijzen.csv, punten.csv en "
                       "persoonsgegevens.csv.",
                       "The filled-in workbook or the folder with zienswijzen.csv, punten.csv "
                       "and persoonsgegevens.csv."),
    "consult.not_open": ("Editie '{edition}' heeft geen terinzagelegging.",
                         "Edition '{edition}' has no inspection period."),
    "consult.imported": ("{n} zienswijzen met {points} punten ingelezen bij '{edition}' ({late} "
                         "te laat).",
                         "{n} views with {points} points imported into '{edition}' ({late} "
                         "late)."),
    "consult.list.help": ("Toon het register van zienswijzen (met --personal de "
                          "persoonsgegevens; alleen kernteam en beheerder).",
                          "Show the register of views (with --personal the personal data; "
                          "core team and administrator only)."),
    "consult.personal": ("Toon ook de persoonsgegevens.", "Also show the personal data."),
    "consult.register": ("Zienswijzen bij {edition}", "Views on {edition}"),
    "consult.points": ("Punten", "Points"),
    "consult.personal_title": ("Persoonsgegevens (vertrouwelijk)", "Personal data (confidential)"),
    "consult.answer.help": ("Sla de reacties op punten op (bestand met number, point, answer, "
                            "leads_to_change, change, change_ref).",
                            "Store the answers to points (file with number, point, answer, "
                            "leads_to_change, change, change_ref)."),
    "consult.answers": ("Het bestand met reacties (.csv of .xlsx).",
                        "The file of answers (.csv or .xlsx)."),
    "consult.answered": ("{n} reacties opgeslagen bij '{edition}'; nog zonder reactie: {left}.",
                         "{n} answers stored for '{edition}'; still unanswered: {left}."),
    "consult.memo.help": ("Schrijf de Nota van Beantwoording (DOCX) en de openbare gegevens "
                          "(CSV, JSON; CC0, zonder persoonsgegevens).",
                          "Write the Nota van Beantwoording (DOCX) and the public data (CSV, "
                          "JSON; CC0, without personal data)."),
    "consult.memo_out": ("Het DOCX-bestand van de nota.", "The DOCX file of the memo."),
    "consult.memo_data": ("Map voor de openbare CSV en JSON (standaard die van --out).",
                          "Folder for the public CSV and JSON (default that of --out)."),
    "consult.memo_written": ("Nota van Beantwoording geschreven: {file}; {n} openbare "
                             "bestanden in {folder}.",
                             "Nota van Beantwoording written: {file}; {n} public files in "
                             "{folder}."),
    "consult.letters.help": ("Schrijf een ontvangstbevestiging per indiener met zijn "
                             "registratienummer (kernteam en beheerder).",
                             "Write an acknowledgement per submitter with its registration "
                             "number (core team and administrator)."),
    "consult.letters_written": ("{n} ontvangstbevestigingen geschreven in {out}.",
                                "{n} acknowledgements written in {out}."),
    "consult.erase.help": ("Wis de persoonsgegevens waarvan de bewaartermijn voorbij is; de "
                           "editie verandert niet.",
                           "Erase the personal data whose retention period has passed; the "
                           "edition does not change."),
    "consult.today": ("De datum van vandaag (JJJJ-MM-DD).", "Today's date (YYYY-MM-DD)."),
    "consult.erased": ("{n} rijen persoonsgegevens gewist bij '{edition}'.",
                       "{n} rows of personal data erased for '{edition}'."),
    "diff.inputs": ("Gewijzigde invoer", "Changed inputs"),
    "diff.no_inputs": ("Geen invoer gewijzigd.", "No input changed."),
    "diff.priority": ("Wijzigingen in de prioriteitenlijst", "Changes to the priority list"),
    "diff.no_priority": ("De prioriteitenlijst is niet veranderd (of een kant heeft er geen).",
                         "The priority list did not change (or one side has none)."),
    "diff.written": ("Geschreven: {files}", "Written: {files}"),
    # --- monitor ---
    "monitor.help": ("Stap 5: leg de prioriteitenlijst van een editie naast het investeringsplan "
                     "(IP) van de netbeheerders: op tijd, te laat, ontbrekend, niet gekoppeld, "
                     "en signalen voor de herijking.",
                     "Step 5: hold an edition's priority list against the grid operators' "
                     "investment plan (IP): on time, late, missing, not matched, and signals "
                     "for the herijking."),
    "monitor.ip": ("De IP-projectlijst (CSV: operator, ip_reference, name, station, "
                   "planned_year, status, cost_band, miek_label).",
                   "The IP project list (CSV: operator, ip_reference, name, station, "
                   "planned_year, status, cost_band, miek_label)."),
    "monitor.ip_year": ("Het jaar van het IP (even: IP2026).", "The IP's year (even: IP2026)."),
    "monitor.phase": ("ontwerp (rond 1 november van het oneven jaar) of definitief (1 januari).",
                      "ontwerp (around 1 November of the odd year) or definitief (1 January)."),
    "monitor.map": ("Bevestigde koppelingen (CSV: project_id, operator, ip_reference; leeg = "
                    "niet in het IP).",
                    "Confirmed matches (CSV: project_id, operator, ip_reference; empty = not "
                    "in the IP)."),
    "monitor.no_priority": ("Editie '{edition}' heeft geen afweging met prioriteitenlijst "
                            "(pmiek edition run).",
                            "Edition '{edition}' has no assessment with a priority list "
                            "(pmiek edition run)."),
    "monitor.done": ("{n} projecten gemonitord: {on_time} op tijd, {late} te laat, {missing} "
                     "ontbrekend, {open} niet gekoppeld; {signals} herijkingssignalen "
                     "(vorige IP-editie: {previous}). Geschreven in {out}: {files}.",
                     "{n} projects monitored: {on_time} on time, {late} late, {missing} "
                     "missing, {open} not matched; {signals} herijking signals (previous IP "
                     "edition: {previous}). Written to {out}: {files}."),
    # --- users ---
    "user.help": ("Gebruikers van de opslag en hun rol.", "Users of the store and their role."),
    "user.add.help": ("Voeg een gebruiker toe (door een beheerder; de eerste gebruiker is "
                      "beheerder).",
                      "Add a user (by an administrator; the first user is an "
                      "administrator)."),
    "user.name": ("De naam van de gebruiker.", "The user's name."),
    "user.role": ("De rol: beheerder, kernteam, netbeheerder, gemeente of publiek.",
                  "The role: beheerder, kernteam, netbeheerder, gemeente or publiek."),
    "user.added": ("Gebruiker '{name}' toegevoegd met rol {role}.",
                   "User '{name}' added with role {role}."),
    "user.first": ("De eerste gebruiker van een opslag is beheerder, niet '{role}'.",
                   "The first user of a store is an administrator (beheerder), not '{role}'."),
    "user.list.help": ("Toon de gebruikers.", "Show the users."),
}
