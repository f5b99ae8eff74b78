"""A workspace as a folder of CSV files, one per table, named after it (``assets.csv``).

Geometry tables may come as GeoJSON instead (``areas.geojson``), in any CRS the file
declares (WGS84 when it declares none, as RFC 7946 says). CSV files may use ``,`` or ``;``
as separator (Dutch Excel writes ``;``) and UTF-8 (with or without BOM) or Windows-1252.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pandas as pd

from pmiek.adapters.files.origin import Origin
from pmiek.adapters.files.text import to_text_frame
from pmiek.domain.problems import Code, Problem, Severity
from pmiek.domain.tables import TABLE_NAMES, table
from pmiek.domain.workspace import Workspace

RawTables = dict[str, pd.DataFrame]


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def _separator(text: str) -> str:
    header = text.split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(header, delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def read_csv_table(path: Path, name: str) -> tuple[pd.DataFrame | None, list[Problem]]:
    """One CSV file as a raw text table, or ``None`` with an ``unreadable`` problem."""
    try:
        text = _decode(path.read_bytes())
        frame = pd.read_csv(io.StringIO(text), sep=_separator(text), dtype=str,
                            keep_default_na=False, na_filter=False, skip_blank_lines=True)
    except (OSError, pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
        reason = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
        return None, [Problem(Code.UNREADABLE, name, expected="CSV (UTF-8)", got=path.name,
                              params={"reason": reason})]
    frame = frame.replace("", None)
    return frame, []


def _csv_lines(path: Path) -> np.ndarray:
    """The line number of every data row (blank lines are skipped by the reader)."""
    text = _decode(path.read_bytes())
    lines = [i + 1 for i, line in enumerate(text.splitlines()) if line.strip()]
    return np.asarray(lines[1:], dtype=int)


def read_csv_folder(folder: Path) -> tuple[RawTables, list[Problem], dict[str, Origin]]:
    """Every table file in ``folder`` as raw text tables, with their origins."""
    from pmiek.adapters.files.geo_reader import read_geojson_table

    raw: RawTables = {}
    problems: list[Problem] = []
    origins: dict[str, Origin] = {}
    for path in sorted(folder.iterdir()):
        suffix = path.suffix.lower()
        if path.name.startswith((".", "~$")) or suffix not in (".csv", ".geojson", ".json"):
            continue
        name = path.stem
        if name not in TABLE_NAMES:
            problems.append(Problem(Code.UNKNOWN_TABLE, name, expected=", ".join(TABLE_NAMES),
                                    got=path.name, severity=Severity.WARNING))
            origins.setdefault(name, Origin(str(path)))
            continue
        if name in raw:
            problems.append(Problem(Code.UNREADABLE, name, expected=f"{name}.csv",
                                    got=path.name, params={"reason": "table given twice"}))
            continue
        if suffix == ".csv":
            frame, found = read_csv_table(path, name)
            lines = _csv_lines(path) if frame is not None else np.empty(0, dtype=int)
        else:
            frame, found = read_geojson_table(path, name)
            lines = np.arange(1, 0 if frame is None else len(frame) + 1)
        problems += found
        origins[name] = Origin(str(path), None, lines)
        if frame is not None:
            raw[name] = frame
    return raw, problems, origins


def write_csv_folder(workspace: Workspace, folder: Path) -> list[Path]:
    """Write every table with rows (and the three core tables always) as CSV into ``folder``."""
    written = []
    for name, frame in workspace.items():
        if not len(frame) and name not in ("areas", "assets", "developments"):
            continue
        path = folder / f"{name}.csv"
        text = to_text_frame(table(name), frame)
        # with "\n" line ends, the csv module quotes a bare "\r" only when quoting every field
        bare_cr = any(isinstance(v, str) and "\r" in v for v in text.to_numpy().ravel())
        text.to_csv(path, index=False, lineterminator="\n",
                    quoting=csv.QUOTE_ALL if bare_cr else csv.QUOTE_MINIMAL)
        written.append(path)
    return written
