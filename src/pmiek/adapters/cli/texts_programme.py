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
    "edition.help": ("Edities van het programma (P-MIEK 2.0, herijking 2.1): besluiten, runs, "
                     "controle en verschillen.",
                     "Editions of the programme (P-MIEK 2.0, herijking 2.1): decisions, runs, "
                     "checks and differences."),
    "edition.new.help": ("Maak een editie op een opgeslagen werkruimteversie en reken haar runs "
                         "(inzicht, varianten, afweging); met --from een herijking van een "
                         "vastgestelde editie.",
                         "Make an edition on a stored workspace version and compute its runs "
                         "(insight, variants, assessment); with --from a herijking of an "
                         "adopted edition."),
    "edition.name": ("De naam van de editie, bijv. 'P-MIEK 2.0'.",
                     "The edition's name, e.g. 'P-MIEK 2.0'."),
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
    "edition.publication": ("De bekendmaking, bijv. 'Provinciaal Blad 2025, 15513'.",
                            "The publication, e.g. 'Provinciaal Blad 2025, 15513'."),
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
