"""Step 5 on files: the operators' IP project lists and the mapping in, the monitoring out.

:func:`read_ip_list` reads an IP project list (CSV, ``,`` or ``;``, UTF-8, UTF-16 or
Windows-1252; a header row with exactly the columns
:data:`~pmiek.programme.monitoring.IP_COLUMNS`, optionally ``note``) and
:func:`read_mapping` the links of pmiek projects to IP rows
(:data:`~pmiek.programme.monitoring.MAPPING_COLUMNS`, optionally ``note``). Both check every
cell before returning anything: every problem is a :class:`~pmiek.domain.problems.Problem`
naming the file, the line as a text editor shows it (the header is line 1), the column, what
was expected and what arrived, and all of them are raised together as one
:class:`~pmiek.errors.ValidationError` (a file that cannot be read at all raises
:class:`~pmiek.errors.ReadError`). Rules of an IP list: ``operator``, ``ip_reference`` and
``name`` filled in; ``ip_reference`` unique per operator (every row of a duplicate is named);
``planned_year`` a whole year within :data:`~pmiek.programme.monitoring.YEARS` (empty only
for a cancelled row); ``status`` one of :data:`~pmiek.programme.monitoring.IP_STATUSES`;
``miek_label`` empty, ``pMIEK`` or ``nMIEK``. A mapping needs ``project_id`` (unique) and
``operator``; an empty ``ip_reference`` records that the project is *not* in the IP.

:func:`write_monitoring` writes ``monitoring.csv``, ``suggesties.csv`` and the chart
``monitoring.png`` into a folder, all or nothing, by the rules of
:func:`~pmiek.adapters.files.outputs.write_folder`; CSV cells a spreadsheet would take for a
formula are neutralised.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Sequence
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd

from pmiek.adapters.files.csvparse import Unreadable, decode, parse, separator
from pmiek.adapters.files.inert import neutralise_frame
from pmiek.adapters.files.limits import (
    DEFAULT_LIMITS,
    ReadLimits,
    count_text,
    read_bytes,
    too_large,
)
from pmiek.adapters.files.outputs import write_folder
from pmiek.adapters.files.safety import Source
from pmiek.adapters.reports.monitoring_chart import monitoring_figure
from pmiek.domain.labels import localised
from pmiek.domain.problems import Code, Problem, closest
from pmiek.errors import ReadError, ValidationError, said
from pmiek.programme.monitoring import (
    CHANGE_LABELS,
    CLASSIFICATION_LABELS,
    IP_COLUMNS,
    IP_OPTIONAL,
    IP_STATUSES,
    MAPPING_COLUMNS,
    MIEK_LABELS,
    YEARS,
)

MONITORING_FILES = ("monitoring.csv", "suggesties.csv", "monitoring.png")
"""The files :func:`write_monitoring` writes."""

_Cells = dict[str, np.ndarray]
"""The stripped text of every known column of a file (``""`` when empty)."""


class _File:
    """The records of one CSV file and the problems found in it."""

    def __init__(self, path: Path, limits: ReadLimits) -> None:
        self.path = Path(path)
        self.name = self.path.name
        self.problems: list[Problem] = []
        data, problem = read_bytes(self.path, self.name, limits)
        if problem is not None or data is None:
            raise _unreadable(self.path, problem)
        try:
            text = decode(data)
            records = parse(text, separator(text), limits.rows)
        except Unreadable as exc:
            raise _unreadable(self.path, None, exc.reason) from exc
        except (pd.errors.ParserError, pd.errors.EmptyDataError, csv.Error, ValueError) as exc:
            reason = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
            raise _unreadable(self.path, None, (reason, reason)) from exc
        if len(records) > limits.rows:
            raise ValidationError([too_large(self.name, (f"Bestand {self.name}",
                                                         f"File {self.name}"),
                                             limit=f"{count_text(limits.rows)} rijen / rows",
                                             size=f"> {count_text(limits.rows)}")],
                                  source=self.name)
        keep = records.filled()
        self.header = [str(n).strip() for n in records.names]
        self.raw = [np.asarray(c[keep], dtype=object) for c in records.columns]
        self.lines = np.asarray(records.lines[keep], dtype=np.int64)

    def problem(self, code: Code, column: str | None, line: int, *, row_id: str | None = None,
                expected: str = "", got: str = "", **params: str) -> None:
        """A problem at ``line`` of the file (the header is line 1)."""
        self.problems.append(Problem(code, self.name, column, line - 2, row_id,
                                     expected=expected, got=got, params=params))

    def columns(self, required: Sequence[str], optional: Sequence[str]) -> _Cells:
        """The stripped cells of every known column; a problem for every unknown, unnamed,
        repeated or missing column."""
        allowed = [*required, *optional]
        cells: _Cells = {}
        for position, (name, values) in enumerate(zip(self.header, self.raw, strict=True)):
            text = np.array([str(v).strip() for v in values], dtype=object)
            if name in cells:
                count = str(self.header.count(name))
                self.problem(Code.DUPLICATE_COLUMN, name, 1, got=", ".join(self.header),
                             count=count)
            elif name in allowed:
                cells[name] = text
            elif name or (text != "").any():
                self._unknown(name, position, text, allowed)
        for name in required:
            if name not in self.header:
                self.problems.append(Problem(Code.MISSING_COLUMN, self.name, name, -1,
                                             expected=", ".join(allowed)))
        return cells

    def _unknown(self, name: str, position: int, text: np.ndarray, allowed: list[str]) -> None:
        expected = ", ".join(allowed)
        if not name:
            got = str(text[text != ""][0])
            self.problem(Code.UNNAMED_COLUMN, None, 1, expected=expected, got=got,
                         position=str(position + 1))
            return
        self.problem(Code.NOT_ALLOWED, name, 1, expected=expected, got=name,
                     close=closest(name, allowed))

    def raise_if_any(self) -> None:
        if self.problems:
            raise ValidationError(self.problems, source=self.name)


def _unreadable(path: Path, problem: Problem | None,
                reason: tuple[str, str] | None = None) -> ReadError:
    if problem is not None:
        nl, en = problem.message("nl"), problem.message("en")
    else:
        why = reason or ("onbekende oorzaak", "unknown cause")
        nl = f"{path.name} is niet te lezen als CSV: {why[0]}"
        en = f"{path.name} cannot be read as CSV: {why[1]}"
    error = said(ReadError, nl=nl, en=en)
    error.path = str(path)
    return error


# --- the checks of the cells ------------------------------------------------------------------


def _required(file: _File, cells: _Cells, column: str, what: tuple[str, str],
              skip: np.ndarray | None = None) -> None:
    values = cells.get(column)
    if values is None:
        return
    empty = values == ""
    if skip is not None:
        empty &= ~skip
    for line in file.lines[empty]:
        file.problem(Code.MISSING_VALUE, column, int(line), expected=what[1],
                     expected_nl=what[0])


def _one_of(file: _File, cells: _Cells, column: str, allowed: Sequence[str],
            shown: str, *, empty_ok: bool) -> None:
    values = cells.get(column)
    if values is None:
        return
    if not empty_ok:
        _required(file, cells, column, (shown, shown))
    bad = (values != "") & ~np.isin(values, list(allowed))
    for line, value in zip(file.lines[bad], values[bad], strict=True):
        file.problem(Code.NOT_ALLOWED, column, int(line), expected=shown, got=str(value),
                     close=closest(str(value), [a for a in allowed if a]))


def _years(file: _File, cells: _Cells) -> pd.Series:
    """``planned_year`` as integers (``<NA>`` when empty or wrong)."""
    values = pd.Series(cells.get("planned_year", np.full(len(file.lines), "", dtype=object)),
                       dtype=object)
    whole = values.str.fullmatch(r"[+]?\d{1,6}").fillna(False).astype(bool)
    years = pd.to_numeric(values.where(whole), errors="coerce").astype("Int64")
    if "planned_year" not in cells:
        return years
    cancelled = cells.get("status", np.full(len(values), "", dtype=object)) == "vervallen"
    _required(file, cells, "planned_year", ("jaartal van inbedrijfname (bijvoorbeeld 2030)",
                                            "year in service (for example 2030)"),
              skip=cancelled)
    wrong = ((values != "") & ~whole).to_numpy()
    for line, value in zip(file.lines[wrong], values[wrong], strict=True):
        file.problem(Code.WRONG_TYPE, "planned_year", int(line), got=str(value),
                     expected="a whole year (for example 2030)",
                     expected_nl="heel jaartal (bijvoorbeeld 2030)")
    outside = (whole & ((years < YEARS[0]) | (years > YEARS[1]))).fillna(False).to_numpy()
    for line, year in zip(file.lines[outside], years[outside], strict=True):
        file.problem(Code.OUT_OF_RANGE, "planned_year", int(line), got=str(year),
                     expected=f"{YEARS[0]} … {YEARS[1]}")
    return years.where(~pd.Series(outside)).astype("Int64")


def _unique(file: _File, cells: _Cells, keys: Sequence[str]) -> None:
    """A problem at every row whose ``keys`` another row has too (naming all their lines)."""
    if any(k not in cells for k in keys):
        return
    frame = pd.DataFrame({k: cells[k] for k in keys})
    filled = (frame[keys[-1]] != "").to_numpy()
    twice = frame.duplicated(list(keys), keep=False).to_numpy() & filled
    for row in np.flatnonzero(twice):
        key = "/".join(str(frame.iloc[row][k]) for k in keys)
        same = (frame[list(keys)] == frame.iloc[row][list(keys)]).all(axis=1).to_numpy()
        others = ", ".join(str(n) for n in file.lines[same])
        file.problem(Code.DUPLICATE_KEY, keys[-1], int(file.lines[row]), row_id=key,
                     got=f"{key} ({others})", count=str(int(same.sum())))


def _frame(cells: _Cells, columns: Sequence[str], count: int) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(cells.get(c, np.full(count, "", dtype=object)),
                                      dtype=str) for c in columns})


# --- reading ----------------------------------------------------------------------------------


def read_ip_list(path: str | os.PathLike[str], *, limits: ReadLimits = DEFAULT_LIMITS,
                 ) -> pd.DataFrame:
    """The IP project list in ``path``: columns :data:`~pmiek.programme.monitoring.IP_COLUMNS`
    and ``note`` (text; ``planned_year`` as ``Int64``), one row per project, in file order.
    Raises :class:`~pmiek.errors.ValidationError` with every problem (see the module
    docstring), :class:`~pmiek.errors.ReadError` for a file that cannot be read."""
    file = _File(Path(path), limits)
    cells = file.columns(IP_COLUMNS, IP_OPTIONAL)
    for column, what in (("operator", ("naam van de netbeheerder", "name of the operator")),
                         ("ip_reference", ("referentie van het project in het IP",
                                           "reference of the project in the IP")),
                         ("name", ("naam van het project", "name of the project"))):
        _required(file, cells, column, what)
    _one_of(file, cells, "status", IP_STATUSES, ", ".join(IP_STATUSES), empty_ok=False)
    _one_of(file, cells, "miek_label", MIEK_LABELS, "'' (leeg / empty), pMIEK, nMIEK",
            empty_ok=True)
    years = _years(file, cells)
    _unique(file, cells, ("operator", "ip_reference"))
    file.raise_if_any()
    frame = _frame(cells, [*IP_COLUMNS, *IP_OPTIONAL], len(file.lines))
    frame["planned_year"] = years.array
    return frame


def read_mapping(path: str | os.PathLike[str], *, limits: ReadLimits = DEFAULT_LIMITS,
                 ) -> pd.DataFrame:
    """The mapping of pmiek projects to IP rows in ``path``: columns
    :data:`~pmiek.programme.monitoring.MAPPING_COLUMNS` and ``note`` (text); an empty
    ``ip_reference`` records that the project is not in the IP. Raises as
    :func:`read_ip_list`."""
    file = _File(Path(path), limits)
    cells = file.columns(MAPPING_COLUMNS, IP_OPTIONAL)
    _required(file, cells, "project_id", ("code van het pmiek-project", "pmiek project id"))
    _required(file, cells, "operator", ("naam van de netbeheerder", "name of the operator"))
    _unique(file, cells, ("project_id",))
    file.raise_if_any()
    return _frame(cells, [*MAPPING_COLUMNS, *IP_OPTIONAL], len(file.lines))


# --- writing ----------------------------------------------------------------------------------


def _labelled(report: pd.DataFrame, lang: str) -> pd.DataFrame:
    classes = localised(CLASSIFICATION_LABELS, lang)
    changes = localised(CHANGE_LABELS, lang)
    return report.assign(
        classification_label=report["classification"].map(classes).fillna(""),
        change_label=report["change"].map(changes).fillna(""))


def write_monitoring(report: pd.DataFrame, suggestions: pd.DataFrame,
                     out: str | os.PathLike[str], lang: str = "nl", *,
                     sources: Sequence[Source] = (), overwrite: bool | None = None,
                     ) -> list[Path]:
    """Write the monitoring ``report`` (:func:`~pmiek.programme.monitoring.monitor`) as
    ``monitoring.csv`` (with the classification and change in words, in ``lang``), the
    ``suggestions`` (:func:`~pmiek.programme.monitoring.suggest_matches`) as
    ``suggesties.csv`` and the chart ``monitoring.png`` into the folder ``out``, all or
    nothing (:func:`~pmiek.adapters.files.outputs.write_folder`: a folder that pmiek did not
    write, or one of ``sources``, is refused). Returns the paths written."""
    table = neutralise_frame(_labelled(report, lang))
    suggested = neutralise_frame(suggestions)
    figure = monitoring_figure(report, lang)

    def build(folder: Path) -> None:
        table.to_csv(folder / MONITORING_FILES[0], index=False, lineterminator="\n")
        suggested.to_csv(folder / MONITORING_FILES[1], index=False, lineterminator="\n")
        figure.savefig(folder / MONITORING_FILES[2], format="png", bbox_inches="tight")

    return write_folder(Path(out), MONITORING_FILES, build,
                        record={"monitoring": {"projects": len(report), "lang": lang}},
                        overwrite=overwrite, parents=True, sources=sources)
