"""How much the readers read: limits per format, checked while reading.

A reader refuses, with a :class:`~pmiek.domain.problems.Problem` that names the limit and the
size met, what it cannot read safely: anything but a regular file (a named pipe would block
forever), a file larger than :attr:`ReadLimits.file_bytes`, a workbook whose parts expand past
:attr:`ReadLimits.xlsx_expanded_bytes` (a "zip bomb"), a table of more than
:attr:`ReadLimits.rows` rows, a cell of more than :attr:`ReadLimits.cell_chars` characters.

The defaults sit well above the national scale of the design (10⁶ developments, some 10³
hourly profiles of 8,760 values): a CSV file of 10⁶ developments is some 300 MB and its
workbook some 1 GB of XML. A caller with other needs passes its own :class:`ReadLimits`.
"""

from __future__ import annotations

import errno
import os
import stat
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from pmiek.domain.problems import Code, Problem

KIB = 2**10
MIB = 2**20
GIB = 2**30

EXCEL_ROWS = 1_048_576
"""The most rows a worksheet can have (the file format's own limit)."""

RATIO_FROM = 16 * MIB
""":attr:`ReadLimits.xlsx_ratio` applies to parts that expand to more than this."""

CHUNK = MIB
"""Decompressed bytes asked for at a time while counting."""


@dataclass(frozen=True)
class ReadLimits:
    """The most a reader reads of one input.

    Parameters
    ----------
    file_bytes
        The size of any one input file (CSV, GeoJSON, workbook, GeoPackage). [bytes]
    xlsx_expanded_bytes
        All parts of a workbook together, decompressed; counted while decompressing, so a
        zip header that under-declares a size does not help. [bytes]
    xlsx_ratio
        How many times one part of a workbook may expand when decompressed (for parts that
        expand to more than :data:`RATIO_FROM`); real sheets expand 5 to 20 times, crafted
        ones hundreds of times. [-]
    rows
        Rows per table (a worksheet also stops at Excel's own 1,048,576). [-]
    cell_chars
        Characters in one cell: room for a provincial outline of some 200,000 vertices in
        WKT at full precision. [-]
    """

    file_bytes: int = 2 * GIB
    xlsx_expanded_bytes: int = 4 * GIB
    xlsx_ratio: float = 100.0
    rows: int = 20_000_000
    cell_chars: int = 10_000_000


DEFAULT_LIMITS = ReadLimits()


def size_text(size: int) -> str:
    """A number of bytes for people: ``348 MiB``, ``12 KiB``, ``300 bytes``."""
    for unit, scale in (("GiB", GIB), ("MiB", MIB), ("KiB", KIB)):
        if size >= scale:
            return f"{size / scale:.3g} {unit}"
    return f"{size} bytes"


def count_text(count: int) -> str:
    """A count with thin spaces between thousands (the same in Dutch and English)."""
    return f"{count:,}".replace(",", "\u2009")


def too_large(table: str, what: tuple[str, str], *, limit: str, size: str,
              column: str | None = None, row: int | None = None,
              advice: tuple[str, str] = ("", "")) -> Problem:
    """A :attr:`~pmiek.domain.problems.Code.TOO_LARGE` problem: ``what`` (Dutch, English) is
    ``size``, more than ``limit``."""
    return Problem(Code.TOO_LARGE, table, column, row, expected=limit, got=size,
                   params={"what_nl": what[0], "what": what[1], "advice_nl": advice[0],
                           "advice": advice[1]})


def unreadable(table: str, path: Path, *, expected: tuple[str, str],
               reason: tuple[str, str]) -> Problem:
    """An :attr:`~pmiek.domain.problems.Code.UNREADABLE` problem of file ``path``;
    ``expected`` and ``reason`` in Dutch and English."""
    return Problem(Code.UNREADABLE, table, expected=expected[1], got=path.name,
                   params={"expected_nl": expected[0], "reason_nl": reason[0],
                           "reason": reason[1]})


_KINDS = ((stat.S_ISFIFO, "een named pipe", "a named pipe"),
          (stat.S_ISDIR, "een map", "a folder"),
          (stat.S_ISSOCK, "een socket", "a socket"),
          (stat.S_ISCHR, "een apparaat", "a device"),
          (stat.S_ISBLK, "een apparaat", "a device"))


def _kind(mode: int) -> tuple[str, str]:
    for test, dutch, english in _KINDS:
        if test(mode):
            return dutch, english
    return "geen gewoon bestand", "not a regular file"


def file_problem(info: os.stat_result, path: Path, table: str, limits: ReadLimits,
                 ) -> Problem | None:
    """Why a file with status ``info`` cannot be read: not a regular file, or too large."""
    if not stat.S_ISREG(info.st_mode):
        dutch, english = _kind(info.st_mode)
        return unreadable(table, path, expected=("een gewoon bestand", "a regular file"),
                          reason=(f"'{path.name}' is {dutch}, geen gewoon bestand",
                                  f"'{path.name}' is {english}, not a regular file"))
    if info.st_size > limits.file_bytes:
        return too_large(table, (f"Bestand '{path.name}'", f"File '{path.name}'"),
                         limit=size_text(limits.file_bytes), size=size_text(info.st_size))
    return None


OS_REASONS: dict[int, tuple[str, str]] = {
    errno.ENOENT: ("het bestand bestaat niet", "no such file"),
    errno.EACCES: ("geen leesrechten", "permission denied"),
    errno.EPERM: ("geen leesrechten", "permission denied"),
    errno.EISDIR: ("het is een map", "it is a folder"),
    errno.ENOTDIR: ("een deel van het pad is geen map", "a part of the path is not a folder"),
    errno.ENAMETOOLONG: ("de naam is te lang", "the name is too long"),
    errno.ELOOP: ("te veel symbolische koppelingen", "too many symbolic links"),
}
"""Why the operating system refuses a file, in Dutch and English (its own text is English)."""


def os_reason(exc: OSError) -> tuple[str, str]:
    """(Dutch, English) reason of ``exc``: known errors in words, others by their number."""
    known = OS_REASONS.get(exc.errno or -1)
    if known is not None:
        return known
    return (f"besturingssysteemfout {exc.errno}", exc.strerror or type(exc).__name__)


def check_file(path: Path, table: str, limits: ReadLimits) -> Problem | None:
    """Why ``path`` cannot be read at all (see :func:`file_problem`), or ``None``.

    Only the status is asked for, so a named pipe is refused without being opened.
    """
    try:
        info = os.stat(path)
    except OSError as exc:
        return unreadable(table, path, expected=("een leesbaar bestand", "a readable file"),
                          reason=os_reason(exc))
    return file_problem(info, path, table, limits)


def read_bytes(path: Path, table: str, limits: ReadLimits,
               ) -> tuple[bytes | None, Problem | None]:
    """The content of the regular file ``path``, or ``None`` and why not.

    The file is opened without blocking and checked on the open file, so that a named pipe
    (or a file swapped for one) never blocks, and at most one byte more than the limit is
    read.
    """
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        return None, unreadable(table, path, expected=("een leesbaar bestand",
                                                       "a readable file"),
                                reason=os_reason(exc))
    problem = file_problem(os.fstat(handle), path, table, limits)
    if problem is not None:
        os.close(handle)
        return None, problem
    with open(handle, "rb") as stream:
        data = stream.read(limits.file_bytes + 1)
    if len(data) > limits.file_bytes:
        return None, too_large(table, (f"Bestand '{path.name}'", f"File '{path.name}'"),
                               limit=size_text(limits.file_bytes),
                               size=f"> {size_text(limits.file_bytes)}")
    return data, None


def long_cells(table: str, frame: pd.DataFrame, limits: ReadLimits) -> list[Problem]:
    """A problem for the first cell of every column of a raw text table that holds more
    than :attr:`ReadLimits.cell_chars` characters."""
    problems = []
    for position, column in enumerate(frame.columns):
        lengths = _lengths(frame.iloc[:, position].to_numpy(dtype=object),
                           limits.cell_chars)
        over = np.flatnonzero(lengths > limits.cell_chars)
        if len(over):
            problems.append(too_large(
                table, ("Een cel", "A cell"), column=str(column), row=int(over[0]),
                limit=f"{count_text(limits.cell_chars)} tekens / characters",
                size=f"{count_text(int(lengths[over[0]]))} tekens / characters"))
    return problems


def _lengths(values: np.ndarray, limit: int) -> np.ndarray:
    """The length of every text in an object array (0 for anything else, and for all when
    together they hold no more than ``limit`` characters)."""
    lengths = np.zeros(len(values), dtype=np.int64)
    try:
        if sum(map(len, filter(None, values))) <= limit:
            return lengths
    except TypeError:  # not only text (NaN, shapely geometries)
        pass
    present = np.flatnonzero(pd.notna(values))
    try:
        lengths[present] = np.fromiter(map(len, values[present]), dtype=np.int64,
                                       count=len(present))
    except TypeError:  # not only text (shapely geometries in a layer)
        lengths[present] = [len(v) if isinstance(v, str) else 0 for v in values[present]]
    return lengths


class ZipRefused(Exception):
    """A workbook that was not (entirely) decompressed: too large, or a damaged part.

    ``problem`` says why; ``decompressed`` is how many bytes were decompressed before
    stopping.
    """

    def __init__(self, problem: Problem, decompressed: int) -> None:
        super().__init__(problem.message("en"))
        self.problem = problem
        self.decompressed = decompressed


_EXPANDED = ("De uitgepakte werkmap", "The expanded workbook")
_BOMB = (" Een werkmap die zo veel groter uitpakt dan hij is, is beschadigd of met opzet zo "
         "gemaakt.",
         " A workbook that expands so much more than its size is damaged or made so on "
         "purpose.")


def _declared(archive: zipfile.ZipFile, limits: ReadLimits) -> None:
    """Refuse on the sizes the archive declares, before decompressing anything."""
    declared = sum(info.file_size for info in archive.infolist())
    if declared > limits.xlsx_expanded_bytes:
        raise ZipRefused(too_large("-", _EXPANDED, limit=size_text(limits.xlsx_expanded_bytes),
                                   size=size_text(declared), advice=_BOMB), 0)
    for info in archive.infolist():
        if info.file_size > max(RATIO_FROM, limits.xlsx_ratio * info.compress_size):
            raise ZipRefused(_ratio(info.filename, info.file_size, info.compress_size,
                                    limits), 0)


def _ratio(part: str, size: int, compressed: int, limits: ReadLimits) -> Problem:
    ratio = size / max(compressed, 1)
    return too_large("-", (f"De uitpakfactor van onderdeel {part}",
                           f"The expansion of part {part}"),
                     limit=f"{limits.xlsx_ratio:g}×", size=f"{ratio:.0f}× ({size_text(size)})",
                     advice=_BOMB)


def _damaged(part: str, exc: Exception) -> Problem:
    if isinstance(exc, zipfile.BadZipFile) and "CRC" in str(exc):
        english = "its content does not match the size and checksum its header declares"
        dutch = "de inhoud klopt niet met de grootte en controlesom die de kop opgeeft"
    else:
        english = dutch = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return Problem(Code.UNREADABLE, "-", expected="Excel (.xlsx)", got=part,
                   params={"reason": f"part {part} is damaged: {english}",
                           "reason_nl": f"onderdeel {part} is beschadigd: {dutch}"})


Visitor = Callable[[str, bytes], None]
"""Called with the name of a part and each decompressed chunk of it, in order."""


def expand_zip(archive: zipfile.ZipFile, limits: ReadLimits, visit: Visitor | None = None,
               ) -> int:
    """Decompress every part of ``archive`` through a counter; returns the bytes counted.

    Refuses (:class:`ZipRefused`) on the declared sizes first, then while decompressing: as
    soon as the running total passes :attr:`ReadLimits.xlsx_expanded_bytes`, or a part
    expands more than :attr:`ReadLimits.xlsx_ratio` times, after at most one byte more than
    the limit; and when a part cannot be decompressed (a damaged or truncated stream, a
    checksum or size that does not match what the header declares).
    """
    _declared(archive, limits)
    total = 0
    for info in archive.infolist():
        try:
            total = _expand_part(archive, info, limits, total, visit)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError,
                RuntimeError, ValueError) as exc:
            raise ZipRefused(_damaged(info.filename, exc), total) from exc
    return total


def _expand_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: ReadLimits,
                 total: int, visit: Visitor | None) -> int:
    part = 0
    allowed = max(RATIO_FROM, limits.xlsx_ratio * info.compress_size)
    with archive.open(info) as stream:
        while chunk := stream.read(min(CHUNK, limits.xlsx_expanded_bytes - total + 1)):
            total += len(chunk)
            part += len(chunk)
            if total > limits.xlsx_expanded_bytes:
                raise ZipRefused(too_large("-", _EXPANDED,
                                           limit=size_text(limits.xlsx_expanded_bytes),
                                           size=f"> {size_text(limits.xlsx_expanded_bytes)}",
                                           advice=_BOMB), total)
            if part > allowed:
                raise ZipRefused(_ratio(info.filename, part, info.compress_size, limits),
                                 total)
            if visit is not None:
                visit(info.filename, chunk)
    return total
