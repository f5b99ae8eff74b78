"""The empty weight session workbook for a workshop (:func:`write_weight_template`).

Sheets ``uitleg`` (explanation, with Saaty's scale), ``punten``, ``swing`` and ``ahp``, laid out
as :func:`~pmiek.adapters.files.weights.read_weight_sessions` reads them; Dutch by default,
English with ``lang="en"``. Every text is a string cell, never a formula
(:func:`~pmiek.adapters.files.priority.text_cells`).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from pmiek.adapters.files.priority import text_cells
from pmiek.adapters.files.weight_sheets import _COLUMNS, METHODS, SHEET_NAMES
from pmiek.domain.labels import in_language, localised
from pmiek.errors import WriteError

EXPLANATION_SHEET = {"nl": "uitleg", "en": "explanation"}

_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
TEMPLATE_ROWS = 500
"""The AHP value column is formatted as text this far, so that Excel keeps 1/3 a fraction."""

_EXPLANATION: dict[str, list[list[str]]] = {
    "nl": [
        ["pmiek – criteria wegen in een werksessie"],
        [],
        ["Elk werkblad is één wegingsmethode; vul er één of meer in en laat de andere leeg. "
         "Rij 1 bevat de kolomnamen (niet wijzigen); elke volgende rij is één oordeel van één "
         "deelnemer. Gebruik de codes van de criteria uit het afwegingskader. Elke deelnemer "
         "beoordeelt alle criteria van een werkblad."],
        [],
        ["werkblad", "wat in te vullen"],
        ["punten", "Verdeel per deelnemer punten (bijvoorbeeld 100) over de criteria: één rij "
                   "per deelnemer en criterium. Alleen de verhouding telt; 0 mag."],
        ["swing", "Stel je voor dat elk criterium van zijn slechtste naar zijn beste waarde "
                  "gaat. Geef de belangrijkste van die 'swings' 100 en elke andere swing 0 tot "
                  "100 ten opzichte daarvan. Eén rij per deelnemer en criterium."],
        ["ahp", "Vergelijk elk paar criteria één keer: criterium_a is 'waarde' keer zo "
                "belangrijk als criterium_b (schaal hieronder). Is criterium_b belangrijker, "
                "zet het dan in criterium_a, of vul een breuk in (1/3). Bij n criteria zijn "
                "n(n−1)/2 rijen per deelnemer nodig. Een consistentieratio boven 0,10 geeft "
                "een waarschuwing: de vergelijkingen spreken elkaar dan tegen."],
        [],
        ["waarde", "betekenis (schaal van Saaty)"],
        ["1", "even belangrijk"],
        ["3", "iets belangrijker"],
        ["5", "duidelijk belangrijker"],
        ["7", "veel belangrijker"],
        ["9", "extreem veel belangrijker"],
        ["2, 4, 6, 8", "tussenwaarden"],
    ],
    "en": [
        ["pmiek – weighting criteria in a workshop"],
        [],
        ["Every sheet is one weighting method; fill in one or more and leave the others empty. "
         "Row 1 holds the column names (do not change); every further row is one judgement of "
         "one participant. Use the criterion codes of the assessment framework. Every "
         "participant judges every criterion of a sheet."],
        [],
        ["sheet", "what to fill in"],
        ["points", "Divide points (for example 100) over the criteria, per participant: one "
                   "row per participant and criterion. Only the proportions count; 0 is "
                   "allowed."],
        ["swing", "Imagine every criterion moving from its worst to its best value. Give the "
                  "most important of these swings 100 and every other swing 0 to 100 relative "
                  "to it. One row per participant and criterion."],
        ["ahp", "Compare every pair of criteria once: criterion_a is 'value' times as "
                "important as criterion_b (scale below). If criterion_b is more important, put "
                "it in criterion_a, or enter a fraction (1/3). With n criteria a participant "
                "needs n(n−1)/2 rows. A consistency ratio above 0.10 gives a warning: the "
                "comparisons then contradict each other."],
        [],
        ["value", "meaning (Saaty's scale)"],
        ["1", "equally important"],
        ["3", "moderately more important"],
        ["5", "strongly more important"],
        ["7", "very strongly more important"],
        ["9", "extremely more important"],
        ["2, 4, 6, 8", "intermediate values"],
    ],
}


def _build_template(lang: str) -> Workbook:
    workbook = Workbook()
    explanation = workbook.active
    assert explanation is not None
    explanation.title = localised(EXPLANATION_SHEET, lang)
    for row in localised(_EXPLANATION, lang):
        explanation.append(row)
    explanation["A1"].font = Font(bold=True, size=13)
    for cells in explanation.iter_rows(min_row=2):
        for cell in cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        if len(cells) == 2 and cells[0].value in ("werkblad", "sheet", "waarde", "value"):
            for cell in cells:
                cell.font = Font(bold=True)
                cell.fill = _HEADER_FILL
    explanation.merge_cells("A3:B3")
    explanation.row_dimensions[3].height = 60
    explanation.column_dimensions["A"].width = 14
    explanation.column_dimensions["B"].width = 100
    for method in METHODS:
        sheet = workbook.create_sheet(localised(SHEET_NAMES, lang)[method])
        names = [in_language((nl, en), lang) for en, nl in _COLUMNS[method]]
        sheet.append(names)
        for index, cell in enumerate(sheet[1], start=1):
            cell.font = Font(bold=True)
            cell.fill = _HEADER_FILL
            sheet.column_dimensions[cell.column_letter].width = max(14, len(names[index - 1]) + 4)
        sheet.freeze_panes = "A2"
        if method == "ahp":
            for number in range(2, TEMPLATE_ROWS + 2):
                sheet.cell(row=number, column=len(names)).number_format = "@"
    return workbook


def _inert(workbook: Workbook) -> Workbook:
    """``workbook`` with every text a string cell (never a formula)."""
    for worksheet in workbook.worksheets:
        text_cells(worksheet)
    return workbook


def write_weight_template(path: str | os.PathLike[str], *, lang: str = "nl",
                          overwrite: bool = False) -> Path:
    """Write the empty weight session workbook for a workshop.

    Sheets ``uitleg`` (explanation, with Saaty's scale), ``punten``, ``swing`` and ``ahp``
    with Dutch column names (English sheet and column names with ``lang="en"``). The file is
    built beside the target and moved into place when complete.

    Parameters
    ----------
    path
        The ``.xlsx`` file to write.
    lang
        ``nl`` (default) or ``en``.
    overwrite
        Replace an existing file.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    WriteError
        When the file exists (without ``overwrite``), the folder does not, or writing fails.
    """
    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        raise WriteError(f"'{target.name}': gebruik de extensie .xlsx / use the .xlsx extension")
    if target.exists() and not overwrite:
        raise WriteError(f"'{target}' bestaat al / already exists (use overwrite)")
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise WriteError(f"Map '{parent}' bestaat niet / folder does not exist")
    handle, staging = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".xlsx", dir=parent)
    os.close(handle)
    try:
        _inert(_build_template(lang)).save(staging)
        os.replace(staging, target)
    except (OSError, ValueError) as exc:
        raise WriteError(f"Schrijven naar '{target}' mislukt / writing failed: {exc}") from exc
    finally:
        if os.path.exists(staging):
            os.unlink(staging)
    return target


__all__ = ["write_weight_template"]
