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

:func:`write_weight_template` writes the empty workbook for a workshop, with an explanation
sheet.
"""

from __future__ import annotations

import csv
import difflib
import math
import os
import re
import tempfile
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from zipfile import BadZipFile

import pandas as pd
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils.exceptions import InvalidFileException

from pmiek.adapters.files.text import cell_text
from pmiek.domain.problems import Code, Problem
from pmiek.errors import InputError, ReadError, ValidationError, WriteError
from pmiek.framework.weights import (
    MAX_AHP_CRITERIA,
    AhpResult,
    WeightSummary,
    aggregate_ahp,
    aggregate_weights,
    ahp_from_pairs,
    check_pairs,
    direct_weights,
    swing_weights,
)

Method = Literal["points", "swing", "ahp"]
METHODS: tuple[Method, ...] = ("points", "swing", "ahp")
"""The weighting methods, in the order they are reported."""

SHEET_NAMES: dict[str, dict[Method, str]] = {
    "nl": {"points": "punten", "swing": "swing", "ahp": "ahp"},
    "en": {"points": "points", "swing": "swing", "ahp": "ahp"},
}
"""The sheet of every method in the template, by language (both are read)."""

EXPLANATION_SHEET = {"nl": "uitleg", "en": "explanation"}

AHP_SCALE = (1 / 9, 9.0)
"""Saaty's scale; judgements outside it (by more than 2 %, so that 0.11 passes for 1/9)
are refused."""

_SHEET_ALIASES: dict[str, Method] = {
    "points": "points", "punten": "points", "swing": "swing", "ahp": "ahp",
}

# per method: (English name, Dutch name) of every required column, in template order
_COLUMNS: dict[Method, tuple[tuple[str, str], ...]] = {
    "points": (("participant", "deelnemer"), ("criterion", "criterium"), ("points", "punten")),
    "swing": (("participant", "deelnemer"), ("criterion", "criterium"), ("swing", "swing")),
    "ahp": (("participant", "deelnemer"), ("criterion_a", "criterium_a"),
            ("criterion_b", "criterium_b"), ("value", "waarde")),
}

_VALUE_EXPECTED: dict[Method, tuple[str, str]] = {
    "points": ("a number of points (0 or more)", "aantal punten (0 of meer)"),
    "swing": ("a number from 0 to 100", "getal van 0 tot en met 100"),
    "ahp": ("a number from 1/9 to 9, or a fraction such as 1/3 (typed as text: Excel turns "
            "1/3 into a date)",
            "getal van 1/9 tot en met 9, of een breuk zoals 1/3 (als tekst: Excel maakt van "
            "1/3 een datum)"),
}

_FRACTION = re.compile(r"^([+-]?\d+(?:[.,]\d+)?)\s*/\s*(\d+(?:[.,]\d+)?)$")
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")


# --- results -----------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class MethodSummary:
    """The group result of one weighting method.

    Attributes
    ----------
    method
        ``points``, ``swing`` or ``ahp``.
    weights
        The group's weights, summing to 1: for points and swing the mean of the participants'
        weights (renormalised); for AHP the weights of the geometric mean of their matrices.
    spread
        Mean, geometric mean, min, max and standard deviation of the participants' weights.
    group
        For AHP: the result of the geometric-mean matrix, with its consistency ratio.
    """

    method: str
    weights: pd.Series
    spread: WeightSummary
    group: AhpResult | None = None

    def to_frame(self) -> pd.DataFrame:
        """One row per criterion: the group ``weight``, then the columns of the spread."""
        frame = self.spread.to_frame()
        frame.insert(0, "weight", self.weights.reindex(frame.index))
        return frame


@dataclass(frozen=True, eq=False)
class WeightSessions:
    """The weights of a workshop, per method and participant.

    Attributes
    ----------
    path
        The workbook or folder read.
    points, swing
        Participant × criterion tables of normalised weights (``None`` when not given).
    ahp
        Per participant the AHP result of their comparison matrix (empty when not given).
    sources
        Per method present, the sheet (or file) it was read from.
    """

    path: str
    points: pd.DataFrame | None = None
    swing: pd.DataFrame | None = None
    ahp: Mapping[str, AhpResult] = field(default_factory=dict)
    sources: Mapping[str, str] = field(default_factory=dict)

    @property
    def methods(self) -> tuple[str, ...]:
        """The methods with judgements, in the order points, swing, ahp."""
        present = {"points": self.points is not None, "swing": self.swing is not None,
                   "ahp": bool(self.ahp)}
        return tuple(m for m in METHODS if present[m])

    def weights(self, method: str) -> pd.DataFrame:
        """Participant × criterion table of one method's normalised weights.

        For AHP, each participant's weights come from their own matrix (see
        :meth:`consistency` for its CR).
        """
        if method not in self.methods:
            raise InputError(f"no {method!r} weights in {self.path}; present: "
                             f"{', '.join(self.methods) or 'none'}")
        if method == "points":
            assert self.points is not None
            return self.points
        if method == "swing":
            assert self.swing is not None
            return self.swing
        frame = pd.DataFrame({p: r.weights for p, r in self.ahp.items()}).T
        frame.index.name = "participant"
        frame.columns.name = "criterion"
        return frame

    def consistency(self) -> pd.DataFrame:
        """Per AHP participant: ``lambda_max``, ``ci``, ``cr`` and ``consistent``."""
        frame = pd.DataFrame(
            [(r.lambda_max, r.ci, r.cr, r.consistent) for r in self.ahp.values()],
            index=pd.Index(list(self.ahp), name="participant"),
            columns=["lambda_max", "ci", "cr", "consistent"])
        return frame

    def group_ahp(self) -> AhpResult:
        """The AHP of the geometric mean of all participants' matrices."""
        if not self.ahp:
            raise InputError(f"no AHP judgements in {self.path}")
        return aggregate_ahp({p: r.matrix for p, r in self.ahp.items()})

    def summary(self) -> dict[str, MethodSummary]:
        """The group result of every method present (see :class:`MethodSummary`)."""
        out: dict[str, MethodSummary] = {}
        for method in self.methods:
            spread = aggregate_weights(self.weights(method))
            if method == "ahp":
                group = self.group_ahp()
                out[method] = MethodSummary(method, group.weights, spread, group)
            else:
                out[method] = MethodSummary(method, spread.mean.rename("weight"), spread)
        return out

    def warnings(self, lang: str = "nl") -> list[str]:
        """Texts for the workshop: every AHP participant (and the group) with CR above 0.1.

        Dutch by default, English with ``lang="en"``.
        """
        texts = []
        who = "Participant" if lang == "en" else "Deelnemer"
        for participant, result in self.ahp.items():
            text = result.warning(lang)
            if text:
                texts.append(f"{who} '{participant}': {text}")
        if len(self.ahp) > 1:
            text = self.group_ahp().warning(lang)
            if text:
                group = ("Group (geometric mean of the matrices)" if lang == "en"
                         else "Groep (meetkundig gemiddelde van de matrices)")
                texts.append(f"{group}: {text}")
        return texts


# --- reading -----------------------------------------------------------------------------


@dataclass
class _Sheet:
    """One weight table as read: its cells, with the row number a person sees."""

    method: Method
    name: str
    header: list[object]
    rows: list[tuple[int, tuple[object, ...]]]


def _norm(header: object) -> str:
    text = cell_text(header) or ""
    return re.sub(r"[\s\-]+", "_", text.strip().lower())


def _text(value: object) -> str | None:
    text = cell_text(value)
    return text.strip() if text is not None and text.strip() else None


def _number(value: object, fractions: bool) -> float | None:
    """A cell as a finite number, or ``None`` when it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = float(value)
        return number if math.isfinite(number) else None
    if not isinstance(value, str):
        return None
    text = value.strip()
    match = _FRACTION.match(text) if fractions else None
    try:
        if match:
            numerator, denominator = (float(g.replace(",", ".")) for g in match.groups())
            number = numerator / denominator if denominator else math.nan
        elif _DECIMAL_COMMA.match(text):
            number = float(text.replace(",", "."))
        else:
            number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _fraction(value: float) -> str:
    """A judgement as typed: 3, 2.5, 1/3."""
    if value < 1 and abs(1 / value - round(1 / value)) < 1e-6:
        return f"1/{round(1 / value)}"
    return f"{value:.4g}"


def _read_xlsx(path: Path) -> list[_Sheet]:
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, OSError, KeyError, ValueError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ReadError(f"{path.name} is geen leesbare Excel-werkmap / is not a readable Excel "
                        f"workbook: {reason}", path=str(path)) from exc
    sheets: list[_Sheet] = []
    try:
        for worksheet in workbook.worksheets:
            method = _SHEET_ALIASES.get(worksheet.title.strip().lower())
            if method is None:
                continue
            rows = worksheet.iter_rows(values_only=True)
            header = list(next(rows, None) or ())
            data = [(line, tuple(row)) for line, row in enumerate(rows, start=2)
                    if any(_text(v) is not None for v in row)]
            sheets.append(_Sheet(method, worksheet.title, header, data))
    finally:
        workbook.close()
    return sheets


def _read_csv_folder(folder: Path) -> list[_Sheet]:
    sheets: list[_Sheet] = []
    for path in sorted(folder.iterdir()):
        method = _SHEET_ALIASES.get(path.stem.strip().lower())
        if method is None or path.suffix.lower() != ".csv" or not path.is_file():
            continue
        try:
            data = path.read_bytes()
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = data.decode("cp1252")
            try:
                separator = csv.Sniffer().sniff(text.split("\n", 1)[0], ",;\t").delimiter
            except csv.Error:
                separator = ","
            reader = csv.reader(text.splitlines(), delimiter=separator)
            header: list[object] = list(next(reader, []))
            rows: list[tuple[int, tuple[object, ...]]] = [
                (reader.line_num, tuple(row)) for row in reader if any(c.strip() for c in row)]
        except (OSError, csv.Error) as exc:
            raise ReadError(f"{path.name} is niet leesbaar / cannot be read: {exc}",
                            path=str(path)) from exc
        sheets.append(_Sheet(method, path.name, header, rows))
    return sheets


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
    method = sheet.method
    value_column = "points" if method == "points" else "swing"
    before = len(problems)
    entries: list[tuple[int, str, str, float | None]] = []
    for line, cells in sheet.rows:
        participant = check.participant(line, cells)
        criterion = check.criterion(line, cells, "criterion", participant)
        value = check.value(line, cells, value_column, participant)
        if participant is not None and criterion is not None:
            entries.append((line, participant, criterion, value))
    keys = Counter((p, c) for _, p, c, _ in entries)
    seen: set[tuple[str, str]] = set()
    key_columns = f"{check.header('participant')}, {check.header('criterion')}"
    for line, participant, criterion, _ in entries:
        if (participant, criterion) in seen:
            check.problem(Code.DUPLICATE_KEY, key_columns, line, participant,
                          got=f"{participant} / {criterion}",
                          count=str(keys[(participant, criterion)]))
        seen.add((participant, criterion))
    order = _ordered([c for _, _, c, _ in entries], criteria)
    participants = list(dict.fromkeys(p for _, p, _, _ in entries))
    values: dict[str, dict[str, float]] = {p: {} for p in participants}
    complete: dict[str, bool] = dict.fromkeys(participants, True)
    rows_of: dict[str, list[tuple[int, float]]] = {p: [] for p in participants}
    for line, participant, criterion, value in entries:
        if value is None or criterion in values[participant]:
            complete[participant] = False
        else:
            values[participant][criterion] = value
            rows_of[participant].append((line, value))
    for participant in participants:
        for criterion in order:
            if criterion not in {c for _, p, c, _ in entries if p == participant}:
                complete[participant] = False
                check.problem(
                    Code.MISSING_VALUE, check.header("criterion"), None, participant,
                    expected=f"a row for criterion '{criterion}'; 0 is allowed",
                    expected_nl=f"een rij voor criterium '{criterion}'; 0 mag")
        if not complete[participant]:
            continue
        scores = values[participant]
        if method == "points" and sum(scores.values()) <= 0:
            check.problem(Code.OUT_OF_RANGE, check.header(value_column), None, participant,
                          expected="> 0 (the total of the participant's points)",
                          expected_nl="> 0 (het totaal van de punten van de deelnemer)", got="0")
        if method == "swing" and max(scores.values()) != 100:
            line, top = max(rows_of[participant], key=lambda item: item[1])
            check.problem(
                Code.NOT_ALLOWED, check.header(value_column), line, participant, got=f"{top:g}",
                expected=f"100 for the most important swing of '{participant}' (the other "
                         "swings relative to it)",
                expected_nl=f"100 voor de belangrijkste swing van '{participant}' (de andere "
                            "swings ten opzichte daarvan)")
    if len(problems) > before:
        return None
    weigh = direct_weights if method == "points" else swing_weights
    frame = pd.DataFrame({p: weigh({c: values[p][c] for c in order}) for p in participants}).T
    frame.index.name = "participant"
    frame.columns.name = "criterion"
    return frame


def _ahp_sessions(sheet: _Sheet, criteria: Sequence[str] | None,
                  problems: list[Problem]) -> dict[str, AhpResult] | None:
    """AHP: per participant the result of their matrix, or ``None`` with problems."""
    check = _Checker(sheet, criteria, problems)
    if not check.find_columns():
        return None
    before = len(problems)
    judgements: dict[str, list[tuple[int, str, str, float]]] = {}
    for line, cells in sheet.rows:
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
    order = _ordered([c for rows in judgements.values() for _, a, b, _ in rows for c in (a, b)],
                     criteria)
    if len(order) > MAX_AHP_CRITERIA:
        check.problem(Code.OUT_OF_RANGE, None, None,
                      expected=f"1 … {MAX_AHP_CRITERIA} (criteria in one AHP comparison)",
                      expected_nl=f"1 … {MAX_AHP_CRITERIA} (criteria in één AHP-vergelijking)",
                      got=str(len(order)))
        return None
    pair_columns = f"{check.header('criterion_a')}, {check.header('criterion_b')}"
    for participant, rows in judgements.items():
        issues = check_pairs([(a, b, v) for _, a, b, v in rows], order)
        counts = Counter(frozenset((a, b)) for _, a, b, _ in rows)
        for issue in issues:
            if issue.kind == "missing":
                check.problem(
                    Code.MISSING_VALUE, check.header("value"), None, participant,
                    expected=f"a row comparing '{issue.a}' with '{issue.b}'; every pair once",
                    expected_nl=f"een rij die '{issue.a}' met '{issue.b}' vergelijkt; elk paar "
                                "één keer")
                continue
            assert issue.index is not None
            line = rows[issue.index][0]
            first_line = rows[issue.first][0] if issue.first is not None else None
            if issue.kind == "duplicate":
                check.problem(Code.DUPLICATE_KEY, pair_columns, line, participant,
                              got=f"{issue.a} – {issue.b}",
                              count=str(counts[frozenset((issue.a, issue.b))]))
            elif issue.kind == "contradictory":
                assert issue.first_value is not None
                earlier = _fraction(issue.first_value)
                check.problem(
                    Code.NOT_ALLOWED, check.header("value"), line, participant,
                    got=str(cell_text(issue.value)),
                    expected=f"{earlier}, as row {first_line} says of '{issue.a}' against "
                             f"'{issue.b}'; or remove one of both rows",
                    expected_nl=f"{earlier.replace('.', ',')}, zoals rij {first_line} zegt "
                                f"over '{issue.a}' ten opzichte van '{issue.b}'; of verwijder "
                                "een van beide rijen")
            # bad values were reported with their row already
    if len(problems) > before:
        return None
    return {participant: ahp_from_pairs([(a, b, v) for _, a, b, v in rows], order)
            for participant, rows in judgements.items()}


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


# --- the template ------------------------------------------------------------------------

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
    explanation.title = EXPLANATION_SHEET[lang]
    for row in _EXPLANATION[lang]:
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
    dutch = lang != "en"
    for method in METHODS:
        sheet = workbook.create_sheet(SHEET_NAMES["nl" if dutch else "en"][method])
        names = [nl if dutch else en for en, nl in _COLUMNS[method]]
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
        _build_template("en" if lang == "en" else "nl").save(staging)
        os.replace(staging, target)
    except (OSError, ValueError) as exc:
        raise WriteError(f"Schrijven naar '{target}' mislukt / writing failed: {exc}") from exc
    finally:
        if os.path.exists(staging):
            os.unlink(staging)
    return target


__all__ = [
    "AHP_SCALE",
    "METHODS",
    "SHEET_NAMES",
    "MethodSummary",
    "WeightSessions",
    "read_weight_sessions",
    "write_weight_template",
]
