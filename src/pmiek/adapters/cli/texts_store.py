"""The texts of ``pmiek import``, ``export`` and ``db`` in Dutch and English (merged into
:data:`i18n.TEXTS`)."""

STORE_TEXTS: dict[str, tuple[str, str]] = {
    "store.db": ("Database: een SQLAlchemy-URL (standaard PMIEK_DATABASE_URL, anders "
                 "sqlite:///pmiek.db).", "Database: a SQLAlchemy URL (default "
                 "PMIEK_DATABASE_URL, else sqlite:///pmiek.db)."),
    "store.import.help": ("Sla een werkruimte op in de database als nieuwe versie (eerst "
                          "gecontroleerd; alles of niets).", "Store a workspace in the "
                          "database as a new version (validated first; all or nothing)."),
    "store.export.help": ("Schrijf een werkruimte uit de database naar een map, .xlsx of "
                          ".gpkg.", "Write a workspace from the database to a folder, .xlsx "
                          "or .gpkg."),
    "store.db.help": ("De database: migreren, inhoud, back-up en terugzetten.",
                      "The database: migrate, contents, backup and restore."),
    "store.upgrade.help": ("Breng de database naar de nieuwste versie van het schema (ook een "
                           "lege).", "Bring the database to the newest schema (an empty one "
                           "too)."),
    "store.list.help": ("Toon de werkruimten, hun versies en de edities.",
                        "Show the workspaces, their versions and the editions."),
    "store.backup.help": ("Schrijf de hele database naar één SQLite-bestand.",
                          "Write the whole database to one SQLite file."),
    "store.restore.help": ("Zet een back-up terug (in één transactie).",
                           "Restore a backup (in one transaction)."),
    "store.name": ("Naam van de werkruimte in de database.", "Name of the workspace in the "
                   "database."),
    "store.expect": ("De versie waarop deze wijziging voortbouwt; weigert als iemand intussen "
                     "een nieuwere opsloeg.", "The version this change builds on; refused "
                     "when someone stored a newer one since."),
    "store.note": ("Toelichting bij deze versie.", "Note on this version."),
    "store.out": ("Uitvoer: map, .xlsx of .gpkg.", "Output: folder, .xlsx or .gpkg."),
    "store.version": ("Versienummer (standaard de huidige).", "Version number (default: the "
                      "current one)."),
    "store.file": ("Back-upbestand (SQLite).", "Backup file (SQLite)."),
    "store.replace": ("Vervang alles wat in de database staat.", "Replace everything in the "
                      "database."),
    "store.invalid": ("{path} bevat fouten; er is niets opgeslagen.",
                      "{path} has errors; nothing was stored."),
    "store.importing": ("Opslaan als '{name}' in {url} …", "Storing as '{name}' in {url} …"),
    "store.imported": ("Opgeslagen: '{name}' versie {version} ({rows} rijen, {hash}…) in {url}.",
                       "Stored: '{name}' version {version} ({rows} rows, {hash}…) in {url}."),
    "store.exported": ("Geschreven: '{name}' versie {version} naar {out}.",
                       "Written: '{name}' version {version} to {out}."),
    "store.upgraded": ("{url}: schema {before} → {after}.", "{url}: schema {before} → {after}."),
    "store.list.title": ("Werkruimten in {url}", "Workspaces in {url}"),
    "store.col.version": ("huidige versie", "current version"),
    "store.col.versions": ("versies", "versions"),
    "store.col.last": ("laatst opgeslagen (UTC)", "last stored (UTC)"),
    "store.empty": ("{url}: nog geen werkruimten.", "{url}: no workspaces yet."),
    "store.edition": ("Editie {edition}: '{workspace}' versie {version} ({status}).",
                      "Edition {edition}: '{workspace}' version {version} ({status})."),
    "store.run": ("Vastgelegd in de database: run {id} ({kind}) op '{name}' versie {version}.",
                  "Recorded in the database: run {id} ({kind}) on '{name}' version {version}."),
    "store.backed_up": ("Back-up van {url} in {file} ({rows} rijen).",
                        "Backup of {url} in {file} ({rows} rows)."),
    "store.restored": ("{file} teruggezet in {url} ({rows} rijen).",
                       "{file} restored into {url} ({rows} rows)."),
    "audit.verify.help": ("Controleer het auditlogboek: de hashketen, de kop en de ankers in "
                          "besluiten en edities (exitcode 1 als er geknoeid is).",
                          "Check the audit log: the hash chain, its head and the anchors in "
                          "decisions and editions (exit code 1 when it was tampered with)."),
    "audit.checked": ("{url}: {rows} auditregels gecontroleerd, kop {head}…",
                      "{url}: {rows} audit rows checked, head {head}…"),
    "audit.intact": ("De auditketen is intact.", "The audit chain is intact."),
    "audit.broken": ("De auditketen is verbroken; gevonden problemen: {count} (zie de tabel).",
                     "The audit chain is broken; problems found: {count} (see the table)."),
    "audit.kind.edited": ("bewerkt", "edited"),
    "audit.kind.link": ("schakel", "link"),
    "audit.kind.deleted": ("verwijderd", "deleted"),
    "audit.kind.head": ("kop", "head"),
    "audit.kind.anchor": ("anker", "anchor"),
    "audit.col.row": ("regel", "row"),
    "audit.col.kind": ("soort", "kind"),
    "audit.col.problem": ("probleem", "problem"),
    "user.organisation": ("Organisatie van een netbeheerder (zoals in assets.operator) of "
                          "gemeente (gebieds-id): waarvoor het account optreedt.",
                          "Organisation of a netbeheerder (as in assets.operator) or gemeente "
                          "(area id): what the account acts for."),
}
