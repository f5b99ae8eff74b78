"""Reading the weights of a workshop from a workbook (or a folder of CSV files).

A weight session workbook has one sheet per weighting method, each in long form (one row per
judgement, the column names in row 1, Dutch or English):

========  =========================================================================
sheet     columns
========  =========================================================================
punten    ``deelnemer, criterium, punten`` (``participant, criterion, points``);
          also named ``points``
swing     ``deelnemer, criterium, swing`` (``participant, criterion, swing``)
ahp       ``deelnemer, criterium_a, criterium_b, waarde``
          (``participant, criterion_a, criterion_b, value``): "a is value times as
          important as b", on Saaty's scale 1/9 … 9; a fraction such as ``1/3`` may be
          typed as text
========  =========================================================================

Any sheet may be absent (or empty), but at least one must hold judgements; other sheets
(``uitleg``) are ignored, as are other columns. A folder holds the same tables as CSV files
named after the sheets (``punten.csv``, ``swing.csv``, ``ahp.csv``; ``,`` or ``;``).

:func:`read_weight_sessions` checks everything before computing anything: every problem is
collected as a :class:`~pmiek.domain.problems.Problem` naming the sheet (``table``), the row
as Excel shows it (``Problem.line``; the header is row 1), the column as written in the sheet,
what was expected and what arrived; then :class:`~pmiek.errors.ValidationError` is raised
with all of them. A file that cannot be read, or holds no weight sheet, raises
:class:`~pmiek.errors.ReadError`. Nothing partial is returned.

The empty workbook for a workshop, with an explanation sheet, is written by
:func:`~pmiek.adapters.files.weight_template.write_weight_template`; the result,
:class:`~pmiek.adapters.files.weight_sessions.WeightSessions`, is in
:mod:`pmiek.adapters.files.weight_sessions` (both are importable from here too).
"""

from __future__ import annotations

import difflib
import math
import os
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from pmiek.adapters.files.text import cell_text
from pmiek.adapters.files.weight_sessions import WeightSessions
from pmiek.adapters.files.weight_sheets import (
    _COLUMNS,
    Method,
    _norm,
    _number,
    _read_csv_folder,
    _read_xlsx,
    _Sheet,
    _text,
)
from pmiek.adapters.files.weight_template import write_weight_template
from pmiek.domain.problems import Code, Problem
from pmiek.errors import ReadError, ValidationError
from pmiek.framework.ahp import MAX_AHP_CRITERIA, AhpResult
from pmiek.framework.ahp_pairs import ahp_from_pairs, check_pairs
from pmiek.framework.weights import direct_weights, swing_weights

AHP_SCALE = (1 / 9, 9.0)
"""Saaty's scale; judgements outside it (by more than 2 %, so that 0.11 passes for 1/9)
are refused."""

_VALUE_EXPECTED: dict[Method, tuple[str, str]] = {
    "points": ("a number of points (0 or more)", "aantal punten (0 of meer)"),
    "swing": ("a number from 0 to 100", "getal van 0 tot en met 100"),
    "ahp": ("a number from 1/9 to 9, or a fraction such as 1/3 (typed as text: Excel turns "
            "1/3 into a date)",
            "getal van 1/9 tot en met 9, of een breuk zoals 1/3 (als tekst: Excel maakt van "
            "1/3 een datum)"),
}


# --- checking ----------------------------------------------------------------------------


def _fraction(value: float) -> str:
    """A judgement as typed: 3, 2.5, 1/3."""
    if value < 1 and abs(1 / value - round(1 / value)) < 1e-6:
        return f"1/{round(1 / value)}"
    return f"{value:.4g}"


class _Checker:
    """Collects the problems of one sheet."""

    def __init__(self, sheet: _Sheet, criteria: Sequence[str] | None,
                 problems: list[Problem]) -> None:
        self.sheet = sheet
        self.known = list(criteria) if criteria is not None else None
        self.problems = problems
        self.columns: dict[str, tuple[int, str]] = {}

    def problem(self, code: Code, column: str | None, line: int | None,
                participant: str | None = None, *, expected: str = "", expected_nl: str = "",
                got: str = "", **params: str) -> None:
        if expected_nl:
            params["expected_nl"] = expected_nl
        self.problems.append(Problem(
            code, self.sheet.name, column, None if line is None else line - 2, participant,
            expected=expected, got=got, params=params))

    def find_columns(self) -> bool:
        names: dict[str, tuple[int, str]] = {}
        for index, header in enumerate(self.sheet.header):
            key = _norm(header)
            if key and key not in names:
                names[key] = (index, str(cell_text(header)).strip())
        ok = True
        for english, dutch in _COLUMNS[self.sheet.method]:
            found = names.get(english) or names.get(dutch)
            if found is None:
                ok = False
                self.problems.append(Problem(Code.MISSING_COLUMN, self.sheet.name, english,
                                             params={"column_nl": dutch}))
            else:
                self.columns[english] = found
        return ok

    def header(self, column: str) -> str:
        return self.columns[column][1]

    def cell(self, cells: tuple[object, ...], column: str) -> object:
        index = self.columns[column][0]
        return cells[index] if index < len(cells) else None

    def participant(self, line: int, cells: tuple[object, ...]) -> str | None:
        value = _text(self.cell(cells, "participant"))
        if value is None:
            self.problem(Code.MISSING_VALUE, self.header("participant"), line,
                         expected="the participant's name or code",
                         expected_nl="naam of code van de deelnemer")
        return value

    def criterion(self, line: int, cells: tuple[object, ...], column: str,
                  participant: str | None) -> str | None:
        value = _text(self.cell(cells, column))
        if value is None:
            self.problem(Code.MISSING_VALUE, self.header(column), line, participant,
                         expected="the code of a criterion", expected_nl="code van een criterium")
            return None
        if self.known is not None and value not in self.known:
            close = difflib.get_close_matches(value, self.known, n=1)
            listed = ", ".join(self.known[:12]) + (", …" if len(self.known) > 12 else "")
            self.problem(Code.DANGLING_REFERENCE, self.header(column), line, participant,
                         expected=f"the criteria ({listed})",
                         expected_nl=f"de criteria ({listed})", got=value,
                         close=close[0] if close else "")
            return None
        return value

    def value(self, line: int, cells: tuple[object, ...], column: str,
              participant: str | None) -> float | None:
        method = self.sheet.method
        raw = self.cell(cells, column)
        expected, expected_nl = _VALUE_EXPECTED[method]
        if _text(raw) is None:
            self.problem(Code.MISSING_VALUE, self.header(column), line, participant,
                         expected=expected, expected_nl=expected_nl)
            return None
        number = _number(raw, fractions=method == "ahp")
        if number is None:
            self.problem(Code.WRONG_TYPE, self.header(column), line, participant,
                         expected=expected, expected_nl=expected_nl, got=str(cell_text(raw)))
            return None
        if method == "points" and number < 0:
            bounds = ("≥ 0", "≥ 0")
        elif method == "swing" and not 0 <= number <= 100:
            bounds = ("0 … 100", "0 … 100")
        elif method == "ahp" and not AHP_SCALE[0] * 0.98 <= number <= AHP_SCALE[1] * 1.02:
            bounds = ("1/9 … 9 (Saaty's scale)", "1/9 … 9 (schaal van Saaty)")
        else:
            return number
        self.problem(Code.OUT_OF_RANGE, self.header(column), line, participant,
                     expected=bounds[0], expected_nl=bounds[1], got=f"{number:g}")
        return None


_ScoreRow = tuple[int, str, str, float | None]
"""A points or swing row: (line, participant, criterion, value or ``None`` when bad)."""
_PairRow = tuple[int, str, str, float]
"""An AHP row of one participant: (line, criterion a, criterion b, value; NaN when bad)."""


def _ordered(found: list[str], known: Sequence[str] | None) -> list[str]:
    unique = list(dict.fromkeys(found))
    if known is None:
        return unique
    return [c for c in known if c in set(unique)]


def _scores(sheet: _Sheet, criteria: Sequence[str] | None,
            problems: list[Problem]) -> pd.DataFrame | None:
    """Points or swing: participant × criterion weights, or ``None`` with problems."""
    check = _Checker(sheet, criteria, problems)
    if not check.find_columns():
        return None
    value_column = "points" if sheet.method == "points" else "swing"
    before = len(problems)
    entries = _score_entries(check, value_column)
    _check_duplicate_scores(check, entries)
    order = _ordered([c for _, _, c, _ in entries], criteria)
    participants = list(dict.fromkeys(p for _, p, _, _ in entries))
    values = {p: _participant_scores(check, p, [e for e in entries if e[1] == p], order,
                                     value_column) for p in participants}
    if len(problems) > before:
        return None
    weigh = direct_weights if sheet.method == "points" else swing_weights
    frame = pd.DataFrame({p: weigh({c: values[p][c] for c in order}) for p in participants}).T
    frame.index.name = "participant"
    frame.columns.name = "criterion"
    return frame


def _score_entries(check: _Checker, value_column: str) -> list[_ScoreRow]:
    """Every row checked cell by cell; those naming a participant and a known criterion as
    (line, participant, criterion, value or ``None``)."""
    entries: list[_ScoreRow] = []
    for line, cells in check.sheet.rows:
        participant = check.participant(line, cells)
        criterion = check.criterion(line, cells, "criterion", participant)
        value = check.value(line, cells, value_column, participant)
        if participant is not None and criterion is not None:
            entries.append((line, participant, criterion, value))
    return entries


def _check_duplicate_scores(check: _Checker, entries: list[_ScoreRow]) -> None:
    """A problem for every repeat of a (participant, criterion) row."""
    keys = Counter((p, c) for _, p, c, _ in entries)
    seen: set[tuple[str, str]] = set()
    key_columns = f"{check.header('participant')}, {check.header('criterion')}"
    for line, participant, criterion, _ in entries:
        if (participant, criterion) in seen:
            check.problem(Code.DUPLICATE_KEY, key_columns, line, participant,
                          got=f"{participant} / {criterion}",
                          count=str(keys[(participant, criterion)]))
        seen.add((participant, criterion))


def _participant_scores(check: _Checker, participant: str, entries: list[_ScoreRow],
                        order: list[str], value_column: str) -> dict[str, float]:
    """One participant's score per criterion (their first good row of each); a problem for
    every criterion without a row and, when all rows are good, for a total the method
    refuses."""
    scores: dict[str, float] = {}
    accepted: list[tuple[int, float]] = []
    complete = True
    for line, _, criterion, value in entries:
        if value is None or criterion in scores:
            complete = False
        else:
            scores[criterion] = value
            accepted.append((line, value))
    named = {c for _, _, c, _ in entries}
    for criterion in order:
        if criterion not in named:
            complete = False
            check.problem(
                Code.MISSING_VALUE, check.header("criterion"), None, participant,
                expected=f"a row for criterion '{criterion}'; 0 is allowed",
                expected_nl=f"een rij voor criterium '{criterion}'; 0 mag")
    if complete:
        _check_score_total(check, participant, accepted, value_column)
    return scores


def _check_score_total(check: _Checker, participant: str, accepted: list[tuple[int, float]],
                       value_column: str) -> None:
    """Points must add up to more than 0; the largest swing must be 100."""
    method = check.sheet.method
    if method == "points" and sum(value for _, value in accepted) <= 0:
        check.problem(Code.OUT_OF_RANGE, check.header(value_column), None, participant,
                      expected="> 0 (the total of the participant's points)",
                      expected_nl="> 0 (het totaal van de punten van de deelnemer)", got="0")
    if method == "swing" and max(value for _, value in accepted) != 100:
        line, top = max(accepted, key=lambda item: item[1])
        check.problem(
            Code.NOT_ALLOWED, check.header(value_column), line, participant, got=f"{top:g}",
            expected=f"100 for the most important swing of '{participant}' (the other "
                     "swings relative to it)",
            expected_nl=f"100 voor de belangrijkste swing van '{participant}' (de andere "
                        "swings ten opzichte daarvan)")


def _ahp_sessions(sheet: _Sheet, criteria: Sequence[str] | None,
                  problems: list[Problem]) -> dict[str, AhpResult] | None:
    """AHP: per participant the result of their matrix, or ``None`` with problems."""
    check = _Checker(sheet, criteria, problems)
    if not check.find_columns():
        return None
    before = len(problems)
    judgements = _ahp_judgements(check)
    order = _ordered([c for rows in judgements.values() for _, a, b, _ in rows for c in (a, b)],
                     criteria)
    if len(order) > MAX_AHP_CRITERIA:
        check.problem(Code.OUT_OF_RANGE, None, None,
                      expected=f"1 … {MAX_AHP_CRITERIA} (criteria in one AHP comparison)",
                      expected_nl=f"1 … {MAX_AHP_CRITERIA} (criteria in één AHP-vergelijking)",
                      got=str(len(order)))
        return None
    for participant, rows in judgements.items():
        _check_ahp_pairs(check, participant, rows, order)
    if len(problems) > before:
        return None
    return {participant: ahp_from_pairs([(a, b, v) for _, a, b, v in rows], order)
            for participant, rows in judgements.items()}


def _ahp_judgements(check: _Checker) -> dict[str, list[_PairRow]]:
    """Every row checked cell by cell; per participant the rows naming two different known
    criteria as (line, a, b, value; NaN when bad)."""
    judgements: dict[str, list[_PairRow]] = {}
    for line, cells in check.sheet.rows:
        participant = check.participant(line, cells)
        a = check.criterion(line, cells, "criterion_a", participant)
        b = check.criterion(line, cells, "criterion_b", participant)
        value = check.value(line, cells, "value", participant)
        if a is not None and a == b:
            check.problem(Code.NOT_ALLOWED, check.header("criterion_b"), line, participant,
                          got=b, expected=f"a criterion other than '{a}'",
                          expected_nl=f"een ander criterium dan '{a}'")
            continue
        if participant is not None and a is not None and b is not None:
            judgements.setdefault(participant, []).append(
                (line, a, b, math.nan if value is None else value))
    return judgements


def _check_ahp_pairs(check: _Checker, participant: str, rows: list[_PairRow],
                     order: list[str]) -> None:
    """A problem for every pair of ``order`` the participant leaves out, gives twice or
    contradicts (bad values were reported with their row already)."""
    pair_columns = f"{check.header('criterion_a')}, {check.header('criterion_b')}"
    counts = Counter(frozenset((a, b)) for _, a, b, _ in rows)
    for issue in check_pairs([(a, b, v) for _, a, b, v in rows], order):
        if issue.kind == "missing":
            check.problem(
                Code.MISSING_VALUE, check.header("value"), None, participant,
                expected=f"a row comparing '{issue.a}' with '{issue.b}'; every pair once",
                expected_nl=f"een rij die '{issue.a}' met '{issue.b}' vergelijkt; elk paar "
                            "één keer")
            continue
        assert issue.index is not None
        line = rows[issue.index][0]
        if issue.kind == "duplicate":
            check.problem(Code.DUPLICATE_KEY, pair_columns, line, participant,
                          got=f"{issue.a} – {issue.b}",
                          count=str(counts[frozenset((issue.a, issue.b))]))
        elif issue.kind == "contradictory":
            assert issue.first_value is not None
            first_line = rows[issue.first][0] if issue.first is not None else None
            earlier = _fraction(issue.first_value)
            check.problem(
                Code.NOT_ALLOWED, check.header("value"), line, participant,
                got=str(cell_text(issue.value)),
                expected=f"{earlier}, as row {first_line} says of '{issue.a}' against "
                         f"'{issue.b}'; or remove one of both rows",
                expected_nl=f"{earlier.replace('.', ',')}, zoals rij {first_line} zegt "
                            f"over '{issue.a}' ten opzichte van '{issue.b}'; of verwijder "
                            "een van beide rijen")


# --- reading -----------------------------------------------------------------------------


def read_weight_sessions(path: str | os.PathLike[str],
                         criteria: Sequence[str] | None = None) -> WeightSessions:
    """Read and check the weights of a workshop.

    Parameters
    ----------
    path
        An ``.xlsx`` workbook (sheets ``punten``/``points``, ``swing``, ``ahp``), or a folder
        of CSV files named after those sheets.
    criteria
        The known criterion ids (for example the leaves of the criteria tree); when given,
        every other id is reported, and the weights follow this order. Without it, the
        criteria of a sheet are those it names, in order of appearance.

    Returns
    -------
    WeightSessions

    Raises
    ------
    ReadError
        When the path does not exist, is neither a workbook nor a folder, cannot be read, has
        two sheets for one method, or holds no weight sheet with judgements.
    ValidationError
        With every problem found (sheet, row, column, expected, got): a missing column or
        value, a value that is not a number or outside its range, an unknown criterion, a
        duplicate row, a participant without a row for some criterion, a points total of 0,
        a largest swing other than 100, an AHP pair missing, given twice or contradicted.
        Every participant must judge every criterion of the sheet (every pair for AHP).
    """
    source = Path(path)
    if not source.exists():
        raise ReadError(f"'{source}' bestaat niet / does not exist", path=str(source))
    if source.is_dir():
        sheets = _read_csv_folder(source)
    elif source.suffix.lower() in (".xlsx", ".xlsm"):
        sheets = _read_xlsx(source)
    else:
        raise ReadError(f"Onbekend formaat '{source.suffix}' van {source.name}: gebruik .xlsx of "
                        "een map met CSV-bestanden / unknown format: use .xlsx or a folder of "
                        "CSV files", path=str(source))
    names = "punten (points), swing, ahp"
    if not sheets:
        raise ReadError(f"{source.name} heeft geen werkblad {names} / has no sheet {names}",
                        path=str(source))
    by_method: dict[Method, _Sheet] = {}
    for sheet in sheets:
        if sheet.method in by_method:
            raise ReadError(f"{source.name}: twee werkbladen voor dezelfde methode / two sheets "
                            f"for one method: '{by_method[sheet.method].name}', '{sheet.name}'",
                            path=str(source))
        by_method[sheet.method] = sheet
    filled = {m: s for m, s in by_method.items() if s.rows}
    if not filled:
        raise ReadError(f"{source.name}: de werkbladen {', '.join(s.name for s in sheets)} zijn "
                        "leeg / the sheets hold no judgements", path=str(source))
    problems: list[Problem] = []
    points = _scores(filled["points"], criteria, problems) if "points" in filled else None
    swing = _scores(filled["swing"], criteria, problems) if "swing" in filled else None
    sessions = _ahp_sessions(filled["ahp"], criteria, problems) if "ahp" in filled else None
    if problems:
        raise ValidationError(problems)
    return WeightSessions(
        path=str(source), points=points, swing=swing, ahp=sessions or {},
        sources={m: s.name for m, s in filled.items()})


__all__ = [
    "AHP_SCALE",
    "WeightSessions",
    "read_weight_sessions",
    "write_weight_template",
]
