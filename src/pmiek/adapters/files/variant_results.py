"""Reading back the variants that ``pmiek variants --out DIR`` wrote.

``pmiek assess --variants DIR`` scores the variants as they were decided, without solving
again: per lens folder the schedule (``schedule.csv``) and the connected shares
(``connected.csv``) are read, the instance is rebuilt from the workspace with that schedule
fixed, and the overload is recomputed from the loads (the solver's overload is the smallest
that fits, so it equals the load beyond capacity). A folder that does not match the workspace
(other developments, projects or years) is refused with the reason. The level the variants
were designed for (``province`` or a hotspot, ``pmiek variants --level``) is read from the
folder's ``metadata.json``; a folder without one is read at province level.

pmiek writes its CSV files inert (a text that a spreadsheet would take for a formula gets a
leading apostrophe: :mod:`pmiek.adapters.files.inert`); reading them back removes it again, so
a project id such as ``-x`` or ``=A1`` comes back as it was.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pmiek.adapters.files.inert import restore, restore_text
from pmiek.adapters.files.lenses import load_lens, load_lenses
from pmiek.adapters.files.metadata import METADATA_FILE
from pmiek.domain.workspace import Workspace
from pmiek.errors import InputError, ReadError, said
from pmiek.variants.decisions import fixed_schedule, rebuild
from pmiek.variants.lenses import BUILT_IN, Lens
from pmiek.variants.result import FEASIBLE, Termination, VariantResult
from pmiek.variants.variant_set import VariantSet, check_level, from_results

FEASIBLE_VALUES = {t.value for t in FEASIBLE}


@dataclass(frozen=True)
class StoredVariant:
    """One row of ``comparison.csv``: which lens, in which folder, how its solve ended."""

    lens: str
    label: str
    folder: str
    termination: str
    mip_gap: float


def restored(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (all text, as read with ``dtype=str``) with the apostrophe that made its
    texts inert removed, in the column names too."""
    out = pd.DataFrame({restore(str(name)): restore_text(frame[name].to_numpy(dtype=object))
                        for name in frame.columns}, index=frame.index)
    return out if len(out.columns) == len(frame.columns) else frame


def _unreadable(path: Path, exc: Exception) -> ReadError:
    reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return _at(path, said(ReadError, nl=f"{path}: kan niet als CSV worden gelezen ({reason}).",
                          en=f"{path}: cannot be read as CSV ({reason})."))


def _at(path: Path, error: ReadError) -> ReadError:
    """``error`` with the path it concerns."""
    error.path = str(path)
    return error


def _read(path: Path, columns: tuple[str, ...]) -> pd.DataFrame:
    if not path.is_file():
        raise _at(path, said(ReadError,
                             nl=f"{path}: bestand ontbreekt (geschreven door 'pmiek variants "
                                "--out').",
                             en=f"{path}: file missing (written by 'pmiek variants --out')."))
    try:
        frame = restored(pd.read_csv(path, dtype=str, keep_default_na=False))
    except (ValueError, OSError, csv.Error) as exc:  # pandas' parser errors are ValueErrors
        raise _unreadable(path, exc) from None
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        expected, lacking = ", ".join(columns), ", ".join(missing)
        found = ", ".join(frame.columns) or "-"
        raise _at(path, said(ReadError,
                             nl=f"{path}: verwacht de kolommen {expected}; er ontbreken "
                                f"{lacking} (gevonden: {found}).",
                             en=f"{path}: expected the columns {expected}; missing {lacking} "
                                f"(found {found})."))
    return frame


def read_comparison(folder: Path) -> list[StoredVariant]:
    """The lenses of a ``pmiek variants`` output folder, from its ``comparison.csv``."""
    frame = _read(folder / "comparison.csv", ("lens", "label", "folder", "termination",
                                              "mip_gap"))
    out = []
    for row in frame.to_dict("records"):
        try:
            gap = float(row["mip_gap"]) if row["mip_gap"] else float("nan")
        except ValueError:
            gap = float("nan")
        out.append(StoredVariant(row["lens"], row["label"], row["folder"],
                                 row["termination"], gap))
    return out


def read_fixed_schedule(path: Path, workspace: Workspace) -> dict[str, float | None]:
    """project_id → in-service year (None: not built) from a CSV such as a ``schedule.csv``
    (``pmiek variants --fixed FILE``); the separator is detected."""
    if not path.is_file():
        raise _at(path, said(ReadError, nl=f"{path}: bestand bestaat niet.",
                             en=f"{path}: no such file."))
    try:
        frame = restored(pd.read_csv(path, dtype=str, keep_default_na=False, sep=None,
                                     engine="python"))
    except (ValueError, OSError, csv.Error) as exc:  # pandas' parser errors are ValueErrors
        raise _unreadable(path, exc) from None
    return fixed_schedule(frame, str(path), workspace)


def read_level(folder: Path, workspace: Workspace) -> str:
    """The level the variants of a ``pmiek variants`` output folder were designed for, from
    its ``metadata.json`` (``province`` when the folder has none or it names none)."""
    path = folder / METADATA_FILE
    if not path.is_file():
        return "province"
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise _unreadable_json(path, exc) from None
    parameters = record.get("parameters") if isinstance(record, dict) else None
    level = parameters.get("level", "province") if isinstance(parameters, dict) else "province"
    if not isinstance(level, str):
        raise _at(path, said(ReadError, nl=f"{path}: 'level' is geen tekst ({level!r}).",
                             en=f"{path}: 'level' is not a text ({level!r})."))
    try:
        check_level(workspace, level)
    except InputError as exc:
        raise _at(path, said(ReadError, nl=f"{path}: {exc.in_language('nl')}",
                             en=f"{path}: {exc.in_language('en')}")) from None
    return level


def _unreadable_json(path: Path, exc: Exception) -> ReadError:
    reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return _at(path, said(ReadError, nl=f"{path}: kan niet als JSON worden gelezen ({reason}).",
                          en=f"{path}: cannot be read as JSON ({reason})."))


def read_variant(folder: Path, workspace: Workspace, lens: Lens,
                 stored: StoredVariant | None = None, level: str = "province"
                 ) -> VariantResult:
    """The variant in ``folder`` as a :class:`VariantResult` on ``workspace``, designed at
    ``level``."""
    schedule = _read(folder / "schedule.csv", ("project_id", "in_service_year"))
    connected = _read(folder / "connected.csv", ("scenario", "development_id", "year",
                                                 "connected_share"))
    fixed = fixed_schedule(schedule, str(folder / "schedule.csv"))
    termination = Termination.OPTIMAL
    if stored is not None and stored.termination in {t.value for t in Termination}:
        termination = Termination(stored.termination)
    return rebuild(workspace, lens, fixed, connected, termination=termination,
                   mip_gap=stored.mip_gap if stored is not None else float("nan"),
                   where=str(folder / "connected.csv"), level=level)


def read_variant_set(folder: Path, workspace: Workspace, lens_spec: str = "all"
                     ) -> VariantSet:
    """The variants with a schedule in a ``pmiek variants`` output folder, as they were
    decided (``lens_spec``: ``all`` or the lenses to read, as for ``--lens``), at the level
    they were designed for (:func:`read_level`)."""
    level = read_level(folder, workspace)
    wanted = None if lens_spec == "all" else {lens.name: lens
                                              for lens in load_lenses(lens_spec)}
    found: dict[str, tuple[Lens, VariantResult]] = {}
    for row in read_comparison(folder):
        if row.termination not in FEASIBLE_VALUES:
            continue
        if wanted is not None and row.lens not in wanted:
            continue
        lens = wanted[row.lens] if wanted is not None else _stored_lens(row.lens)
        found[row.lens] = (lens, read_variant(folder / row.folder, workspace, lens, row,
                                              level))
    return from_results(workspace, found, stage=f"variants read from {folder.name}")


def _stored_lens(name: str) -> Lens:
    if name not in BUILT_IN:
        raise said(InputError,
                   nl=f"Lens '{name}' uit comparison.csv is geen ingebouwde lens; noem het "
                      "TOML-bestand met --lens.",
                   en=f"Lens '{name}' in comparison.csv is not built in; name its TOML file "
                      "with --lens.")
    return load_lens(name)
