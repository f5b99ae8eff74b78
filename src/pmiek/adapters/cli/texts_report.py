"""The texts of ``pmiek report`` in Dutch and English (merged into :data:`i18n.TEXTS`)."""

REPORT_TEXTS: dict[str, tuple[str, str]] = {
    "report.help": ("Het programmadocument (P-MIEK) als HTML en PDF, gemaakt van een editie "
                    "(of van een werkruimte zonder editie): elk getal uit de tabellen van de "
                    "runs, met verwijzing naar tabel, rij en kolom.",
                    "The programme document (P-MIEK) as HTML and PDF, made from an edition (or "
                    "from a workspace without an edition): every number from the runs' tables, "
                    "with a reference to table, row and column."),
    "report.source": ("Een editie in de opslag (--db), anders een werkruimte: map, .xlsx, "
                      ".gpkg, ingebouwde dataset of db:NAAM[@VERSIE]; van een werkruimte "
                      "worden de runs nu gerekend.",
                      "An edition in the store (--db), else a workspace: folder, .xlsx, .gpkg, "
                      "embedded dataset or db:NAME[@VERSION]; a workspace's runs are computed "
                      "now."),
    "report.out": ("Map voor p-miek.html, p-miek.pdf en tabellen/.",
                   "Folder for p-miek.html, p-miek.pdf and tabellen/."),
    "report.audience": ("publiek (standaard: vertrouwelijke netcomponenten en projecten alleen "
                        "per gebied) of intern.",
                        "publiek (default: confidential assets and projects only per area) or "
                        "intern."),
    "report.pdf": ("Ook de PDF maken (--no-pdf: alleen HTML en tabellen).",
                   "Also make the PDF (--no-pdf: HTML and tables only)."),
    "report.year": ("Een jaar voor de knelpuntenkaarten (herhaalbaar: --year 2028 --year 2032; "
                    "standaard 2030 en 2035).",
                    "A year for the bottleneck maps (repeatable: --year 2028 --year 2032; "
                    "default 2030 and 2035)."),
    "report.bad_audience": ("--audience moet publiek of intern zijn, niet '{value}'.",
                            "--audience must be publiek or intern, not '{value}'."),
    "report.computing": ("Runs rekenen op de werkruimte: {label}",
                         "Computing the runs on the workspace: {label}"),
    "report.rendering": ("Document opmaken (HTML en PDF)…", "Laying out the document (HTML and "
                         "PDF)…"),
    "report.done": ("Programmadocument geschreven in {out}: {files} ({pages} pagina's PDF, "
                    "{facts} getallen met bronverwijzing, {seconds} s).",
                    "Programme document written to {out}: {files} ({pages} PDF pages, "
                    "{facts} numbers with a source reference, {seconds} s)."),
}
