"""The texts of ``pmiek serve`` in Dutch and English (merged into :data:`i18n.TEXTS`)."""

SERVE_TEXTS: dict[str, tuple[str, str]] = {
    "serve.help": ("Start de webapplicatie. Zonder --db en zonder PMIEK_DATABASE_URL, als "
                   "pmiek.db hier nog niet bestaat: maakt die opslag, leest Utrecht in en "
                   "berekent de cyclus op de achtergrond. Met --demo ook demo-accounts voor "
                   "elke rol (alleen op deze computer).",
                   "Start the web application. Without --db and without PMIEK_DATABASE_URL, "
                   "when pmiek.db does not exist here yet: makes that store, imports Utrecht "
                   "and computes the cycle in the background. With --demo also demo accounts "
                   "for each role (on this computer only)."),
    "serve.host": ("Adres waarop de server luistert (standaard alleen deze computer).",
                   "Address the server listens on (default: this computer only)."),
    "serve.port": ("Poort waarop de server luistert.", "Port the server listens on."),
    "serve.demo": ("Maak demo-accounts voor elke rol; hun wachtwoorden worden één keer "
                   "getoond. Alleen op een loopback-adres.",
                   "Make demo accounts for each role; their passwords are shown once. Only on "
                   "a loopback address."),
    "serve.not_loopback": ("--demo kan alleen op een loopback-adres (localhost, 127.0.0.1 of "
                           "::1), niet op '{host}': demo-accounts horen niet op een netwerk. "
                           "Laat --host weg of kies een loopback-adres.",
                           "--demo works only on a loopback address (localhost, 127.0.0.1 or "
                           "::1), not on '{host}': demo accounts do not belong on a network. "
                           "Leave out --host or choose a loopback address."),
    "serve.bad_port": ("Poort {port} bestaat niet: kies er een van 1 tot en met {last}.",
                       "Port {port} does not exist: choose one from 1 to {last}."),
    "serve.creating": ("De opslag {file} bestaat nog niet: hij wordt gemaakt met de "
                       "werkruimte {name} …", "The store {file} does not exist yet: it is "
                       "being made with the workspace {name} …"),
    "serve.created": ("Opslag {file} gemaakt met werkruimte {name} (versie {version}).",
                      "Store {file} made with workspace {name} (version {version})."),
    "serve.computing": ("De berekeningen op {name} versie {version} lopen op de achtergrond; "
                        "de kaart toont 'berekening loopt' tot stap 1 klaar is.",
                        "The computations on {name} version {version} run in the background; "
                        "the map shows that the computation is running until step 1 is done."),
    "serve.accounts": ("Demo-accounts — de wachtwoorden worden alleen nu getoond, bewaar ze:",
                       "Demo accounts — the passwords are shown only now, keep them:"),
    "serve.accounts_exist": ("Deze demo-accounts bestonden al: {names}. Hun wachtwoorden zijn "
                             "getoond toen ze werden gemaakt. Een nieuw wachtwoord: log in als "
                             "beheerder en kies Accounts, of begin met een andere opslag dan "
                             "{file}.",
                             "These demo accounts existed already: {names}. Their passwords "
                             "were shown when they were made. A new password: log in as the "
                             "administrator and choose Accounts, or start with a new store "
                             "(delete {file})."),
    "serve.col.name": ("naam", "name"),
    "serve.col.role": ("rol", "role"),
    "serve.col.organisation": ("organisatie", "organisation"),
    "serve.col.password": ("wachtwoord", "password"),
    "serve.url": ("pmiek draait op {url} (stoppen: Ctrl-C).", "pmiek runs at {url} (stop: "
                  "Ctrl-C)."),
}
