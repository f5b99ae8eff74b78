"""Writing without losing a file: refused targets, pmiek's marks, staging, interrupted runs.

Every writer of pmiek follows these rules (see :mod:`pmiek.adapters.files.outputs` for folders
and :func:`pmiek.adapters.files.write_workspace` for single files):

- :func:`guard` refuses a target that is the command's own input, a folder that holds an input,
  a place inside an input folder, the current folder, the home folder, or a folder above the
  current or home folder. Paths are compared by what they are on disk (device and inode), so
  symbolic links, ``..`` and letter case cannot hide an input.
- A target that exists is replaced only when pmiek wrote it: an output folder holds the marker
  file, a workbook carries the custom document property :data:`MARK`, a GeoPackage the dataset
  metadata :data:`MARK` (:func:`has_mark`). Reading a mark reads at most :data:`MARK_LIMIT`
  bytes, never the whole file.
- :func:`staging` builds beside the target in a folder named ``.{target}.pmiek-XXXX`` that
  holds :data:`PID_FILE` (the writer's host and process id); the folder is removed when the
  write ends, however it ends, and a later write in the same folder removes staging folders
  whose writer is gone (a killed run).
- :func:`terminate_as_interrupt` turns SIGTERM into :class:`KeyboardInterrupt` while writing,
  so that clean-up runs; :func:`deferred_signals` holds SIGINT and SIGTERM back while files
  are moved into place, so that a move is never cut in half.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import sqlite3
import tempfile
import threading
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from pmiek.errors import WriteError, said

MARK = ("written_by", "pmiek")
"""The name and value of pmiek's mark inside a workbook or GeoPackage it wrote."""

MARK_LIMIT = 1 << 16
"""The most bytes read to find a mark (a workbook's custom properties, GeoPackage metadata)."""

STAGING_TAG = ".pmiek-"
"""Part of every staging folder's name: ``.{target}.pmiek-XXXX``."""

PID_FILE = "pmiek-writer.json"
"""The file in a staging folder naming the process that writes it."""

Source = str | os.PathLike[str] | None
"""An input of a command as given: a path, or a name that is no path (an embedded dataset,
``db:NAME``), or nothing; only what exists on disk is guarded."""


# --- refused targets --------------------------------------------------------------------


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        found = path.stat()
    except (OSError, ValueError):
        return None
    return found.st_dev, found.st_ino


def _with_parents(path: Path) -> dict[tuple[int, int], Path]:
    """``path`` and every folder above it (symbolic links followed), by identity."""
    real = Path(os.path.realpath(path))
    found: dict[tuple[int, int], Path] = {}
    for place in (real, *real.parents):
        identity = _identity(place)
        if identity is not None:
            found.setdefault(identity, place)
    return found


def _existing(sources: Sequence[Source]) -> list[Path]:
    paths = []
    for source in sources:
        if source is None:
            continue
        path = Path(source)
        if _identity(path) is not None:
            paths.append(path)
    return paths


def guard(target: Path, sources: Sequence[Source] = ()) -> None:
    """Refuse (:class:`WriteError`) to write ``target`` when it is an input, holds one, lies
    inside an input folder, or is the current folder, the home folder or a folder above them.
    ``sources`` are the command's inputs as given; those that do not exist are ignored."""
    above_target = _with_parents(target)
    own = _identity(target)
    for source in _existing(sources):
        source_id = _identity(source)
        if own is not None and own in _with_parents(source):
            _refuse_input(target, source, own == source_id)
        if source.is_dir() and source_id in above_target:
            raise said(
                WriteError,
                nl=f"{target} ligt in de invoermap {source}; pmiek schrijft niet in zijn "
                   "eigen invoer. Kies een plek buiten die map. Er is niets geschreven.",
                en=f"{target} lies inside the input folder {source}; pmiek does not write into "
                   "its own input. Choose a place outside that folder. Nothing was written.")
    if own is None:
        return
    for name_nl, name_en, place in _own_places():
        if own in _with_parents(place):
            raise said(
                WriteError,
                nl=f"{target} is {name_nl} of een map daarboven; pmiek schrijft daar niet in. "
                   "Kies een nieuwe of lege map. Er is niets geschreven.",
                en=f"{target} is {name_en} or a folder above it; pmiek does not write there. "
                   "Choose a new or empty folder. Nothing was written.")


def _own_places() -> list[tuple[str, str, Path]]:
    """The current and the home folder (in Dutch, in English, the path), where known."""
    places = []
    for name_nl, name_en, where in (("de huidige map", "the current folder", Path.cwd),
                                    ("je thuismap", "your home folder", Path.home)):
        try:
            places.append((name_nl, name_en, where()))
        except (OSError, RuntimeError, KeyError):  # a removed folder, no home: nothing to guard
            continue
    return places


def _refuse_input(target: Path, source: Path, same: bool) -> None:
    if same:
        raise said(WriteError,
                   nl=f"{target} is de invoer zelf; pmiek schrijft nooit over zijn invoer. Kies "
                      "een ander doel. Er is niets geschreven.",
                   en=f"{target} is the input itself; pmiek never writes over its input. "
                      "Choose another target. Nothing was written.")
    raise said(WriteError,
               nl=f"{target} bevat de invoer {source}; pmiek schrijft niet in een map boven "
                  "zijn invoer. Kies een ander doel. Er is niets geschreven.",
               en=f"{target} holds the input {source}; pmiek does not write into a folder "
                  "above its input. Choose another target. Nothing was written.")


# --- marks inside single files ----------------------------------------------------------


def has_mark(path: Path, kind: str) -> bool:
    """Whether the file at ``path`` (``kind`` ``xlsx``, ``docx`` or ``gpkg``) carries
    pmiek's mark. A file that cannot be read as that kind has none."""
    reader = {"xlsx": _xlsx_mark, "docx": _xlsx_mark, "gpkg": _gpkg_mark}.get(kind)
    if reader is None or not path.is_file():
        return False
    try:
        return reader(path)
    except (OSError, ValueError, KeyError, EOFError, RuntimeError, NotImplementedError,
            zipfile.BadZipFile, zlib.error, sqlite3.Error, SyntaxError):
        return False  # damaged, encrypted or not of that kind: not pmiek's


def _xlsx_mark(path: Path) -> bool:
    return xlsx_properties(path).get(MARK[0]) == MARK[1]


def xlsx_properties(path: Path) -> dict[str, str]:
    """The custom document properties of the workbook at ``path`` (name → text), read from at
    most :data:`MARK_LIMIT` bytes; none when the part is missing or larger. Raises what
    :func:`has_mark` catches for a file that is no workbook."""
    with zipfile.ZipFile(path) as archive:
        try:
            info = archive.getinfo("docProps/custom.xml")
        except KeyError:
            return {}
        if info.file_size > MARK_LIMIT:
            return {}
        with archive.open(info) as stream:
            data = stream.read(MARK_LIMIT + 1)  # the header may under-declare the size
    if len(data) > MARK_LIMIT:
        return {}
    found: dict[str, str] = {}
    for element in ElementTree.fromstring(data):
        name = element.get("name")
        if element.tag.endswith("property") and name is not None:
            found.setdefault(name, "".join(value.text or "" for value in element))
    return found


def _gpkg_mark(path: Path) -> bool:
    # immutable: no lock, no journal: reading leaves the file and its folder as they were
    uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
    with contextlib.closing(sqlite3.connect(uri, uri=True)) as connection:
        rows = connection.execute(
            "SELECT metadata FROM gpkg_metadata WHERE md_scope = 'dataset' "
            "AND length(metadata) <= ?", (MARK_LIMIT,)).fetchall()
    for (text,) in rows:
        root = ElementTree.fromstring(str(text))
        if any(item.get("key") == MARK[0] and (item.text or "") == MARK[1]
               for item in root.iter("MDI")):
            return True
    return False


# --- staging beside the target ----------------------------------------------------------


def _staging_prefix(target: Path) -> str:
    return f".{target.name[:100]}{STAGING_TAG}"


def _alive(record: dict[str, Any]) -> bool:
    """Whether the writer named in a staging folder may still run (unknown counts as alive)."""
    pid = record.get("pid")
    if record.get("host") != socket.gethostname() or not isinstance(pid, int) or pid <= 0:
        return True
    if os.name == "nt":  # os.kill(pid, 0) would end the process there: never reclaim
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process, or no way to tell
        return True
    return True


def _writer_of(folder: Path) -> dict[str, Any] | None:
    path = folder / PID_FILE
    try:
        if folder.is_symlink() or not path.is_file() or path.stat().st_size > MARK_LIMIT:
            return None
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return found if isinstance(found, dict) and found.get("written_by") == "pmiek" else None


def reclaim(parent: Path) -> list[Path]:
    """Remove the staging folders in ``parent`` left by pmiek runs that are gone (killed);
    only folders with a staging name *and* pmiek's writer file are touched. Returns them."""
    removed: list[Path] = []
    try:
        candidates = [p for p in parent.glob(f".*{STAGING_TAG}*") if p.is_dir()]
    except OSError:
        return removed
    for folder in candidates:
        record = _writer_of(folder)
        if record is not None and not _alive(record):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


@contextlib.contextmanager
def staging(target: Path) -> Iterator[Path]:
    """A new staging folder beside ``target`` (which holds the writer's pid), removed at the
    end however the block ends; staging folders of killed runs there are removed first."""
    parent = target.parent
    reclaim(parent)
    try:
        folder = Path(tempfile.mkdtemp(prefix=_staging_prefix(target), dir=parent))
    except OSError as exc:
        raise cannot_write(target, exc) from exc
    try:
        record = {"written_by": "pmiek", "pid": os.getpid(), "host": socket.gethostname(),
                  "target": target.name}
        (folder / PID_FILE).write_text(json.dumps(record), encoding="utf-8")
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def cannot_write(target: Path, exc: BaseException) -> WriteError:
    """The error for an operating-system failure while writing ``target``."""
    from pmiek.adapters.files.limits import OS_REASONS

    reason = getattr(exc, "strerror", None) or str(exc)
    known = OS_REASONS.get(getattr(exc, "errno", None) or -1)
    reason_nl = known[0] if known else f"fout van het besturingssysteem ({reason})"
    return said(WriteError,
                nl=f"Schrijven naar {target} lukt niet: {reason_nl}. Controleer of de map bestaat "
                   "en schrijfbaar is en of er ruimte is. Er is niets geschreven.",
                en=f"Cannot write {target}: {reason}. Check that the folder exists and is "
                   "writable and that there is space. Nothing was written.")


# --- signals ----------------------------------------------------------------------------


def _on_terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


@contextlib.contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """Within the block, SIGTERM raises :class:`KeyboardInterrupt` (as SIGINT does), so that
    ``finally`` blocks remove staging files. Only in the main thread; elsewhere a no-op."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(
            signal, "SIGTERM"):
        yield
        return
    previous = signal.signal(signal.SIGTERM, _on_terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL if previous is None else previous)


@contextlib.contextmanager
def deferred_signals() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back within the block (a handful of renames); they arrive
    when it ends. Where the platform cannot, a no-op."""
    mask = getattr(signal, "pthread_sigmask", None)
    if mask is None or threading.current_thread() is not threading.main_thread():
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM}
    previous = mask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        mask(signal.SIG_SETMASK, previous)
