"""What every output folder says about the run that wrote it: ``metadata.json`` for machines,
the ``metadata`` sheet of the workbook for people.

:func:`run_metadata` builds the record from the result's :class:`~pmiek.domain.provenance.
Provenance` — every key of :meth:`~pmiek.domain.provenance.Provenance.to_dict` flows through,
so a key added there later (a library's version and hash, an edition) appears without a
change here — and from the facts that a result knows about itself (``run_facts()``: the
solver's outcome per lens, the framework's status). On top come the date and time of writing
and the versions of the software. :func:`add_tables` adds the data tables: per CSV file its
rows, columns and SHA-256, and ``tables_sha256`` over all of them.

The hash of an output folder (:func:`output_hash`, recorded with a stored run) is taken over
the data tables only — never over this record, whose date differs on every run, nor over the
workbook or the charts.
"""

from __future__ import annotations

import datetime
import hashlib
import importlib.metadata
import json
import math
import platform
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from pmiek.domain.headers import yes_no
from pmiek.domain.labels import Pair, in_language

METADATA_FILE = "metadata.json"
"""The JSON sidecar of every output folder."""

FORMAT = 1
"""The version of the record's layout."""

CORE_LIBRARIES = ("numpy", "pandas", "openpyxl")
MODELLING_LIBRARIES = ("linopy",)
"""The libraries whose versions every record names; the modelling library's (and the
solver's, as the run's provenance records it) only where a solver ran."""

CSV_FORMAT: Pair = (
    "UTF-8, komma als scheidingsteken, kopregel met Engelse kolomnamen (snake_case), punt "
    "als decimaalteken, volledige precisie, lege cel = ontbreekt, inf = onbegrensd; een tekst "
    "die een rekenblad als formule zou lezen begint met een apostrof",
    "UTF-8, comma-separated, header row of English snake_case column names, dot as decimal "
    "mark, full precision, empty cell = missing, inf = unbounded; a text that a spreadsheet "
    "would read as a formula starts with an apostrophe")
"""How the data tables are written (the record says it in English; the sheet in its
language)."""

NONE = "–"
"""How a missing value reads in the sheet."""

KEY_LABELS: dict[str, Pair] = {
    "written_at": ("Geschreven op", "Written at"),
    "stage": ("Stap", "Stage"),
    "input_hash": ("Werkruimte (SHA-256 van haar tabellen)", "Workspace (SHA-256 of its tables)"),
    "edition": ("Editie", "Edition"),
    "scenarios": ("Scenario's", "Scenarios"),
    "first_year": ("Eerste jaar", "First year"),
    "horizon": ("Laatste jaar (horizon)", "Last year (horizon)"),
    "framework_status": ("Status afwegingskader", "Framework status"),
    "framework": ("Afwegingskader", "Framework"),
    "solver": ("Solver", "Solver"),
    "solver.solver": ("Solver", "Solver"),
    "solver.solver_version": ("Solver: versie", "Solver: version"),
    "solver.mip_gap": ("Solver: gevraagde MIP-gap", "Solver: MIP gap asked"),
    "solver.node_limit": ("Solver: knooppuntlimiet per lens", "Solver: node limit per lens"),
    "solver.time_limit": ("Solver: tijdslimiet per lens [s]", "Solver: time limit per lens [s]"),
    "solver.seed": ("Solver: startgetal (seed)", "Solver: seed"),
    "solver.threads": ("Solver: threads", "Solver: threads"),
    "solver_outcome": ("Afloop solver", "Solver outcome"),
    "termination": ("afloop", "termination"),
    "mip_gap": ("MIP-gap bereikt", "MIP gap reached"),
    "seconds": ("rekentijd [s]", "solve time [s]"),
    "nodes": ("knooppunten", "nodes"),
    "software": ("Versie", "Version"),
    "pmiek_version": ("Versie pmiek (berekening)", "Version of pmiek (computation)"),
    "tables_sha256": ("Gegevenstabellen (SHA-256)", "Data tables (SHA-256)"),
    "tables": ("Tabel", "Table"),
    "parameters": ("Parameter", "Parameter"),
    "csv_format": ("CSV-bestanden", "CSV files"),
    "workbooks": ("Werkmappen", "Workbooks"),
}
"""key (or dotted key) → label in the sheet; a key without one is shown as it is."""

FIRST_KEYS = ("written_at", "stage", "input_hash", "edition", "scenarios", "first_year",
              "horizon", "framework_status", "framework", "solver", "solver_outcome",
              "software", "pmiek_version", "tables_sha256", "tables", "parameters")
"""The order of the sheet's rows; other keys follow in the record's order."""

HIDDEN = frozenset({"written_by", "format"})
"""Keys of the record that the sheet leaves out (they are for machines)."""

SHOWN_ONCE = ("scenarios", "first_year", "horizon")
"""Parameters shown in their own row, and so not again under ``parameters``."""


def library_versions(solver: Mapping[str, object] | None = None) -> dict[str, str]:
    """Python's version and those of pmiek, numpy, pandas and openpyxl — and, when a
    ``solver`` ran (its record in the provenance: name and version), linopy's and the
    solver's."""
    versions = {"python": platform.python_version()}
    for name in ("pmiek", *CORE_LIBRARIES, *(MODELLING_LIBRARIES if solver else ())):
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = "unknown"
    if solver and solver.get("solver"):
        versions[str(solver["solver"])] = str(solver.get("solver_version") or "unknown")
    return versions


def run_metadata(result: Any, *, now: datetime.datetime | None = None) -> dict[str, object]:
    """The record of ``result`` (anything with a ``provenance``; its ``run_facts()`` when it
    has them), written ``now`` (default: the current local time)."""
    record = result.provenance.to_dict()
    parameters = record.get("parameters")
    parameters = parameters if isinstance(parameters, Mapping) else {}
    facts = getattr(result, "run_facts", None)
    written = (now or datetime.datetime.now()).astimezone().isoformat(timespec="seconds")
    meta: dict[str, object] = {
        "written_by": "pmiek", "format": FORMAT, "written_at": written,
        "stage": record.get("stage"), "input_hash": record.get("input_hash"),
        "edition": record.get("edition"),
        **{key: parameters.get(key) for key in SHOWN_ONCE},
        **(facts() if callable(facts) else {}),
    }
    meta.update({key: value for key, value in record.items() if key not in meta})
    solver = record.get("solver")
    meta["software"] = library_versions(solver if isinstance(solver, Mapping) else None)
    meta["csv_format"] = in_language(CSV_FORMAT, "en")
    return meta


def file_hash(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def tables_hash(folder: Path, files: Iterable[str]) -> str:
    """SHA-256 over the data tables ``files`` (relative POSIX names) in ``folder``: each
    file's name and SHA-256, in name order."""
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(f"{name}\x00{file_hash(folder / name)}\n".encode())
    return digest.hexdigest()


def add_tables(meta: dict[str, object], folder: Path,
               tables: Mapping[str, pd.DataFrame]) -> None:
    """Add the data tables (``name`` → ``name.csv`` in ``folder``) to ``meta``."""
    files = [f"{name}.csv" for name in tables]
    meta["tables"] = [{"file": file, "rows": len(frame),
                       "columns": [str(c) for c in frame.columns],
                       "sha256": file_hash(folder / file)}
                      for file, frame in zip(files, tables.values(), strict=True)]
    meta["tables_sha256"] = tables_hash(folder, files)


def _json_ready(value: object) -> object:
    """``value`` as strict JSON holds it: NaN as null, an infinity as ``"inf"``/``"-inf"``,
    numpy scalars as numbers, other objects as text."""
    if isinstance(value, Mapping):
        return {str(k): _json_ready(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_ready(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, str):  # a numpy scalar
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None if math.isnan(value) else ("inf" if value > 0 else "-inf")
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def write_metadata(meta: Mapping[str, object], path: Path) -> None:
    """``meta`` as an indented, strict JSON document."""
    path.write_text(json.dumps(_json_ready(meta), ensure_ascii=False, indent=1,
                               allow_nan=False) + "\n", encoding="utf-8")


def output_hash(folder: Path) -> str:
    """The hash of the data tables that the run which wrote ``folder`` wrote there (those
    its ``metadata.json`` lists; without one, every CSV file below ``folder``)."""
    names: Sequence[str] | None = None
    try:
        meta = json.loads((folder / METADATA_FILE).read_text(encoding="utf-8"))
        names = [str(t["file"]) for t in meta["tables"]]
    except (OSError, ValueError, KeyError, TypeError):
        names = None
    if names is None:
        names = [p.relative_to(folder).as_posix() for p in folder.rglob("*.csv")]
    return tables_hash(folder, names)


# --- the sheet ----------------------------------------------------------------------------


def _label(key: str, lang: str) -> str:
    """The label of a (dotted) key: its own, else its first part's followed by the rest
    (each part by its label where it has one); a key unknown throughout as it is."""
    pair = KEY_LABELS.get(key)
    if pair is not None:
        return in_language(pair, lang)
    first, _, rest = key.partition(".")
    if not rest or first not in KEY_LABELS:
        return key
    parts = [rest] if first == "tables" else rest.split(".")
    shown = [in_language(KEY_LABELS[p], lang) if i and p in KEY_LABELS else p
             for i, p in enumerate(parts)]
    return f"{in_language(KEY_LABELS[first], lang)} {': '.join(shown)}"


def _shown(value: object, lang: str) -> object:
    """A leaf value as the sheet shows it: numbers as numbers, the rest as text."""
    if value is None or value == [] or value == "":
        return NONE
    if isinstance(value, bool):
        return yes_no(value, lang)
    if isinstance(value, int | float):
        return value
    if isinstance(value, list | tuple):
        return ", ".join(NONE if v is None else str(v) for v in value)
    return str(value)


def _flatten(key: str, value: object, lang: str) -> list[tuple[str, object]]:
    if key == "tables" and isinstance(value, list):
        rows = in_language(("rijen", "rows"), lang)
        return [(f"tables.{t.get('file')}", f"{t.get('rows')} {rows}") for t in value
                if isinstance(t, Mapping)]
    if isinstance(value, Mapping):
        if not value:
            return [(key, NONE)]
        return [row for k, v in value.items() for row in _flatten(f"{key}.{k}", v, lang)]
    return [(key, _shown(value, lang))]


def metadata_rows(meta: Mapping[str, object], lang: str = "nl"
                  ) -> list[tuple[str, object, str]]:
    """The sheet's rows: (label in ``lang``, value, key). Every key of ``meta`` but
    :data:`HIDDEN` appears; a missing value reads :data:`NONE`."""
    keys = [k for k in FIRST_KEYS if k in meta] + [
        k for k in meta if k not in FIRST_KEYS and k not in HIDDEN]
    rows: list[tuple[str, object, str]] = []
    for key in keys:
        value = meta[key]
        if key == "parameters" and isinstance(value, Mapping):
            value = {k: v for k, v in value.items() if k not in SHOWN_ONCE}
        if key == "csv_format":
            value = in_language(CSV_FORMAT, lang)
        rows.extend((_label(flat, lang), shown, flat)
                    for flat, shown in _flatten(key, value, lang))
    return rows


__all__ = ["CSV_FORMAT", "FORMAT", "METADATA_FILE", "NONE", "add_tables", "file_hash",
           "library_versions", "metadata_rows", "output_hash", "run_metadata", "tables_hash",
           "write_metadata"]
