"""The words of the zienswijzen template, in Dutch and English: every column described (as
:class:`~pmiek.domain.schema.Table` declarations, so that the data template's
:func:`~pmiek.adapters.files.xlsx.column_note` and drop-down lists serve here too) and the
instructions sheet (see :mod:`pmiek.adapters.files.consultation_xlsx`)."""

from __future__ import annotations

from pmiek.domain.schema import Column, Table
from pmiek.domain.schema import Dtype as D
from pmiek.programme.consultation import CHANNELS, SUBMITTER_TYPES

_DATE = ("Datum als JJJJ-MM-DD (of een Excel-datum).", "Date as YYYY-MM-DD (or an Excel date).")

ZIENSWIJZEN = Table("zienswijzen", "Zienswijzen, één rij per zienswijze.",
                    "Zienswijzen, one row per zienswijze.", (
    Column("number", D.STRING, "Registratienummer, bijvoorbeeld ZW-2025-001; uniek. De "
           "indiener krijgt dit nummer in de ontvangstbevestiging.",
           "Registration number, for example ZW-2025-001; unique. The submitter receives it "
           "in the acknowledgement.", required=True),
    Column("received_on", D.STRING, "Datum van ontvangst. " + _DATE[0],
           "Date of receipt. " + _DATE[1], required=True),
    Column("posted_on", D.STRING, "Alleen bij kanaal post: datum van het poststempel. "
           + _DATE[0] + " Leeg bij andere kanalen.",
           "Only for channel post: the postmark date. " + _DATE[1] + " Empty for other "
           "channels."),
    Column("channel", D.ENUM, "Hoe de zienswijze binnenkwam; mondeling: met verslag.",
           "How the zienswijze arrived; mondeling (oral): with a report.", required=True,
           allowed=CHANNELS),
    Column("submitter_type", D.ENUM, "Soort indiener.", "Kind of submitter.", required=True,
           allowed=SUBMITTER_TYPES),
    Column("public_name", D.STRING, "Naam van de organisatie of overheid zoals die openbaar "
           "wordt; verplicht bij organisatie en overheid, LEEG bij een particulier (diens "
           "naam staat alleen in persoonsgegevens).",
           "Name of the organisation or public body as published; required for organisatie "
           "and overheid, EMPTY for a private person (whose name is only in "
           "persoonsgegevens)."),
), key=("number",))

PUNTEN = Table("punten", "De punten van elke zienswijze, één rij per punt.",
               "The points of every zienswijze, one row per point.", (
    Column("number", D.STRING, "Registratienummer van de zienswijze (blad zienswijzen).",
           "Registration number of the zienswijze (sheet zienswijzen).", required=True,
           references="zienswijzen.number"),
    Column("point", D.INTEGER, "Nummer van het punt binnen de zienswijze: 1, 2, …",
           "Number of the point within the zienswijze: 1, 2, …", required=True, minimum=1),
    Column("theme", D.STRING, "Thema, bijvoorbeeld netcapaciteit, prioritering, warmte, "
           "waterstof, ruimte, proces, kosten.",
           "Theme, for example netcapaciteit, prioritering, warmte, waterstof, ruimte, "
           "proces, kosten.", required=True),
    Column("summary", D.STRING, "Samenvatting van het punt, zonder namen van personen.",
           "Summary of the point, without names of persons.", required=True),
    Column("concerns", D.ID_LIST, "Codes van de projecten, componenten, ontwikkelingen of "
           "criteria waar het punt over gaat, gescheiden door ;.",
           "Codes of the projects, assets, developments or criteria the point concerns, "
           "separated by ;."),
    Column("answer", D.STRING, "De reactie (leeg: nog niet beantwoord).",
           "The answer (empty: not answered yet)."),
    Column("leads_to_change", D.BOOLEAN, "Leidt het punt tot een aanpassing van het "
           "programma? ja of nee (leeg: nee).",
           "Does the point lead to a change of the programme? yes or no (empty: no)."),
    Column("change", D.STRING, "De aanpassing van het programma; verplicht als "
           "leads_to_change ja is.",
           "The change of the programme; required when leads_to_change is yes."),
    Column("change_ref", D.ID_LIST, "De invoerrijen die de aanpassing raakt, als tabel:id, "
           "gescheiden door ; (bijvoorbeeld developments:WON-HTN-3).",
           "The input rows the change touches, as table:id, separated by ; (for example "
           "developments:WON-HTN-3)."),
), key=("number", "point"))

PERSOONSGEGEVENS = Table("persoonsgegevens", "Persoonsgegevens; nooit openbaar.",
                         "Personal data; never published.", (
    Column("number", D.STRING, "Registratienummer van de zienswijze.",
           "Registration number of the zienswijze.", required=True,
           references="zienswijzen.number"),
    Column("name", D.STRING, "Naam van de indiener (bij een organisatie: wie ondertekende).",
           "Name of the submitter (for an organisation: who signed)."),
    Column("address", D.STRING, "Straat en huisnummer of postbus.",
           "Street and number, or PO box."),
    Column("postcode", D.STRING, "Postcode.", "Postcode."),
    Column("city", D.STRING, "Woonplaats.", "Town."),
    Column("email", D.STRING, "E-mailadres.", "E-mail address."),
    Column("contact_person", D.STRING, "Contactpersoon bij een organisatie of overheid.",
           "Contact person of an organisation or public body."),
    Column("retain_until", D.STRING, "Bewaren tot (daarna wissen). " + _DATE[0],
           "Keep until (then erase). " + _DATE[1], required=True),
), key=("number",))

TABLES = (ZIENSWIJZEN, PUNTEN, PERSOONSGEGEVENS)
DATE_COLUMNS = ("received_on", "posted_on", "retain_until")

YES_NO = {"nl": ("ja", "nee"), "en": ("yes", "no")}

INSTRUCTIONS: dict[str, list[str]] = {
    "nl": [
        "Register van zienswijzen — pmiek",
        "Dit werkblad is beveiligd; vul de bladen zienswijzen, punten en persoonsgegevens "
        "in. Rij 1 bevat de kolomnamen (niet wijzigen), gegevens vanaf rij 2. Oranje "
        "kolommen zijn verplicht. Lees in met: pmiek consultation import BESTAND.xlsx",
        "1. Geef elke zienswijze één rij in 'zienswijzen' met een uniek registratienummer "
        "(ZW-2025-001, ZW-2025-002, …) en één of meer rijen in 'punten' (punt 1, 2, …).",
        "2. Vul bij een particulier GEEN public_name in: de naam van een particulier wordt "
        "nooit openbaar en hoort alleen in 'persoonsgegevens'. In de Nota van Beantwoording "
        "heet een particulier 'Particulier 1', 'Particulier 2', …",
        "3. posted_on alleen bij kanaal post (het poststempel). Of een zienswijze tijdig is, "
        "berekent pmiek uit de datums en de termijn.",
        "4. Persoonsgegevens worden nooit gepubliceerd: niet in de Nota, niet in de "
        "openbare CSV of JSON. Ze worden gewist na retain_until.",
        "5. Typ waarden in; cellen met een formule worden geweigerd. Extra kolommen worden "
        "genegeerd.",
    ],
    "en": [
        "Register of zienswijzen — pmiek",
        "This sheet is protected; fill in the sheets zienswijzen, punten and "
        "persoonsgegevens. Row 1 holds the column names (do not change), data from row 2. "
        "Orange columns are required. Import with: pmiek consultation import FILE.xlsx",
        "1. Give every zienswijze one row in 'zienswijzen' with a unique registration "
        "number (ZW-2025-001, ZW-2025-002, …) and one or more rows in 'punten' (point 1, "
        "2, …).",
        "2. Do NOT fill in public_name for a private person (particulier): a private "
        "person's name is never published and belongs only in 'persoonsgegevens'. The Nota "
        "van Beantwoording calls private persons 'Particulier 1', 'Particulier 2', …",
        "3. posted_on only for channel post (the postmark). Whether a zienswijze is in "
        "time, pmiek computes from the dates and the term.",
        "4. Personal data is never published: not in the Nota, not in the public CSV or "
        "JSON. It is erased after retain_until.",
        "5. Type values in; cells holding a formula are refused. Extra columns are ignored.",
    ],
}

HEADER = {"nl": ("blad", "kolom", "verplicht", "omschrijving"),
          "en": ("sheet", "column", "required", "description")}
