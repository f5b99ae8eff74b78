"""A workspace as a folder of CSV files, one per table, named after it (``assets.csv``).

Geometry tables may come as GeoJSON instead (``areas.geojson``), in any CRS the file
declares (WGS84 when it declares none, as RFC 7946 says). CSV files may use ``,`` or ``;``
as separator (Dutch Excel writes ``;``), and UTF-8 (with or without BOM), UTF-16 (with a BOM,
or recognised by its zero bytes) or Windows-1252; a file in none of these is refused, naming
the encodings tried. In a comma-separated file the decimal mark is the dot, in a
semicolon-separated one the comma (see :mod:`pmiek.domain.decimals`).

Only regular files are read (a named pipe would block), within :class:`ReadLimits`. Rows
are numbered as the lines a text editor shows, also when a quoted cell holds line breaks; a
row with fewer fields than the header is an error. Text cells that a spreadsheet would take
for a formula are written with a leading apostrophe (:mod:`pmiek.adapters.files.inert`) and
read back without it, so a workspace round-trips unchanged.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd

from pmiek.adapters.files.csvparse import (
    Records,
    Unreadable,
    decode,
    field_counts,
    parse,
    separator,
)
from pmiek.adapters.files.inert import APOSTROPHE, neutralise, restore_text
from pmiek.adapters.files.limits import (
    DEFAULT_LIMITS,
    ReadLimits,
    count_text,
    long_cells,
    read_bytes,
    too_large,
    unreadable,
)
from pmiek.adapters.files.origin import Origin
from pmiek.adapters.files.text import to_text_frame
from pmiek.domain.coerce import DECIMAL
from pmiek.domain.problems import Code, Problem, Severity
from pmiek.domain.schema import Dtype
from pmiek.domain.tables import TABLE_NAMES, table
from pmiek.domain.workspace import Workspace

RawTables = dict[str, pd.DataFrame]

TEXT_DTYPES = (Dtype.STRING, Dtype.ENUM, Dtype.ID_LIST)
"""The columns whose values are text in a CSV file pmiek writes (and so may be neutralised);
numbers, booleans and geometry (WKT) are never touched."""

_EXPECTED = ("CSV in UTF-8, UTF-16 of Windows-1252", "CSV in UTF-8, UTF-16 or Windows-1252")


def _short_rows(name: str, text: str, records: Records, sep: str) -> list[Problem]:
    """An error for every row with fewer fields than the header up to its last named
    column (only rows whose last field is empty can be short: pandas pads them)."""
    named = max((i + 1 for i, n in enumerate(records.names) if n.strip()), default=0)
    if not records.columns or not len(records):
        return []
    rows = np.flatnonzero(records.columns[-1] == "") if records.fields is None else \
        np.arange(len(records))
    if not len(rows):
        return []
    counts = field_counts(text, records, rows, sep)
    short = counts < named
    return [Problem(Code.SHORT_ROW, name, row=int(row), expected=str(named), got=str(count))
            for row, count in zip(rows[short], counts[short], strict=True)]


def _restored(name: str, columns: list[np.ndarray], names: list[str]) -> list[np.ndarray]:
    """Text columns without the apostrophe that :func:`write_csv_folder` puts before text a
    spreadsheet would take for a formula."""
    text = {c.name for c in table(name).columns if c.dtype in TEXT_DTYPES}
    return [restore_text(values) if names[j].strip() in text and "\x00" + APOSTROPHE in
            "\x00" + "\x00".join(values) else values for j, values in enumerate(columns)]


def _long_cells(name: str, text: str, frame: pd.DataFrame, limits: ReadLimits,
                ) -> list[Problem]:
    """See :func:`~pmiek.adapters.files.limits.long_cells` (no cell is longer than its
    file)."""
    return long_cells(name, frame, limits) if len(text) > limits.cell_chars else []


def _unreadable(path: Path, name: str, reason: tuple[str, str]) -> list[Problem]:
    return [unreadable(name, path, expected=_EXPECTED, reason=reason)]


def read_csv_table(path: Path, name: str, *, limits: ReadLimits = DEFAULT_LIMITS,
                   ) -> tuple[pd.DataFrame | None, list[Problem], np.ndarray]:
    """One CSV file as a raw text table and the line of each row, or ``None`` and why not.

    The table carries its decimal mark in ``attrs`` (see :data:`pmiek.domain.coerce.DECIMAL`).
    """
    none = np.empty(0, dtype=int)
    data, problem = read_bytes(path, name, limits)
    if problem is not None or data is None:
        return None, [problem] if problem else [], none
    try:
        text = decode(data)
        sep = separator(text)
        records = parse(text, sep, limits.rows)
    except Unreadable as exc:
        return None, _unreadable(path, name, exc.reason), none
    except (pd.errors.ParserError, pd.errors.EmptyDataError, csv.Error, ValueError) as exc:
        reason = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
        return None, _unreadable(path, name, (reason, reason)), none
    if len(records) > limits.rows:
        return None, [too_large(name, (f"Tabel {name}", f"Table {name}"),
                                limit=f"{count_text(limits.rows)} rijen / rows",
                                size=f"> {count_text(limits.rows)}")], none
    return _table(name, text, sep, records, limits=limits)


def _table(name: str, text: str, sep: str, records: Records, *,
           limits: ReadLimits) -> tuple[pd.DataFrame | None, list[Problem], np.ndarray]:
    keep = records.filled()
    order = np.cumsum(keep) - 1  # a row's position once blank records are left out
    problems = [Problem(p.code, p.table, p.column, int(order[p.row or 0]), expected=p.expected,
                        got=p.got) for p in _short_rows(name, text, records, sep)
                if keep[p.row or 0]]
    columns = [c[keep] for c in records.columns]
    if APOSTROPHE in text:
        columns = _restored(name, columns, records.names)
    frame = pd.DataFrame({j: np.where(c == "", None, c) for j, c in enumerate(columns)},
                         index=range(int(keep.sum())), dtype=object)
    frame = frame.set_axis(records.names, axis=1)
    problems += _long_cells(name, text, frame, limits)
    frame.attrs[DECIMAL] = "," if sep == ";" else "."
    return frame, problems, records.lines[keep]


def read_csv_folder(folder: Path, *, limits: ReadLimits = DEFAULT_LIMITS,
                    ) -> tuple[RawTables, list[Problem], dict[str, Origin]]:
    """Every table file in ``folder`` as raw text tables, with their origins."""
    from pmiek.adapters.files.geo_reader import read_geojson_table

    raw: RawTables = {}
    problems: list[Problem] = []
    origins: dict[str, Origin] = {}
    for path in sorted(folder.iterdir()):
        suffix = path.suffix.lower()
        if path.name.startswith((".", "~$")) or suffix not in (".csv", ".geojson", ".json"):
            continue
        name = path.stem.strip()
        if name not in TABLE_NAMES:
            problems.append(Problem(Code.UNKNOWN_TABLE, name, expected=", ".join(TABLE_NAMES),
                                    got=path.name, severity=Severity.WARNING))
            origins.setdefault(name, Origin(str(path)))
            continue
        if name in origins:
            problems.append(Problem(Code.DUPLICATE_TABLE, name, got=", ".join(
                f"'{p}'" for p in (Path(origins[name].path).name, path.name))))
            continue
        if suffix == ".csv":
            frame, found, lines = read_csv_table(path, name, limits=limits)
        else:
            frame, found, lines = read_geojson_table(path, name, limits=limits)
        problems += found
        origins[name] = Origin(str(path), None, lines)
        if frame is not None:
            raw[name] = frame
    return raw, problems, origins


def _inert(value: object) -> object:
    return neutralise(value) if isinstance(value, str) else value


def write_csv_folder(workspace: Workspace, folder: Path) -> list[Path]:
    """Write every table with rows (and the three core tables always) as CSV into ``folder``.

    Text that a spreadsheet would take for a formula gets a leading apostrophe
    (:func:`~pmiek.adapters.files.inert.neutralise`; a lone sign is left as it is, see
    :data:`~pmiek.adapters.files.inert.LONE_SIGNS`); numbers are never touched.
    """
    written = []
    for name, frame in workspace.items():
        if not len(frame) and name not in ("areas", "assets", "developments"):
            continue
        path = folder / f"{name}.csv"
        text = to_text_frame(table(name), frame)
        for column in table(name).columns:
            if column.dtype in TEXT_DTYPES:
                text[column.name] = [_inert(v) for v in text[column.name]]
        # with "\n" line ends, the csv module quotes a bare "\r" only when quoting every field
        bare_cr = any(isinstance(v, str) and "\r" in v for v in text.to_numpy().ravel())
        text.to_csv(path, index=False, lineterminator="\n",
                    quoting=csv.QUOTE_ALL if bare_cr else csv.QUOTE_MINIMAL)
        written.append(path)
    return written
