"""The worlds of the names-and-paths and store cases: what is on disk around the command.

**Paths.** Every path case builds the same small world in ``w/`` inside its folder —
``home/`` (the ``HOME`` of the run, with a file in it), ``vreemd.txt`` (a foreign file beside
everything), ``in/`` holding the input and ``in/ander.txt`` (a foreign file beside the input)
— and points the output at one of :data:`TARGETS`: a new name, an existing foreign file or
folder, an empty folder, an earlier pmiek export, the input itself, its folder, a place inside
it, ``.``, ``..``, the home folder, a link to the input, or a path whose folders do not exist
(a name ``..`` reaches the case folder, still inside the snapshot). Besides the common rules,
no file that existed before may change unless it is a pmiek export replaced with
``--overwrite``; a target that is or holds the input, a foreign file or the home folder may
not be written at all.

**Store.** The store of every store case is a copy of one made per session (the ``network``
slice of the example stored as ``net``, twice: versions 1 and 2) in the case folder, where the
snapshot sees it: reading from the store must change nothing in it either. The damage: none,
cut short, garbage, empty, a folder in its place, missing, or a SQLite file that is no store
(a GeoPackage).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

from tests.fuzz.harness import (
    Fuzz,
    Outcome,
    assert_roundtrips,
    assert_same,
    check_answer,
    counted,
    example_slices,
    invoke,
    places_of,
    read_back,
    snapshot,
    tree_changes,
)
from tests.fuzz.strategies import Op, apply_csv

TARGETS = ("new", "new", "existing_file", "foreign_dir", "empty_dir", "pmiek_export", "input",
           "input_folder", "inside_input", "dot", "dotdot", "home", "link_to_input",
           "missing_parents", "case_folder")
"""Where the output goes (``new`` twice: the ordinary case, most often)."""

STORED = "net"
"""The name of the workspace in the session's store."""

DAMAGE = ("none", "none", "none", "truncated", "garbage", "empty", "folder", "missing",
          "geopackage")
"""What can be wrong with the store file (``none`` most often)."""


# --- paths --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PathCase:
    """An input (``base`` in ``fmt``, named ``input_name``, maybe corrupted by ``ops``) and
    an output ``target`` of a kind, named ``name`` + ``suffix``, through ``command``."""

    command: str
    fmt: str
    base: str
    input_name: str
    target: str
    name: str
    suffix: str
    overwrite: bool
    ops: tuple[Op, ...] = ()
    lang: str = "nl"


@dataclass(frozen=True)
class World:
    """The files of one path case."""

    folder: Path
    source: Path
    target: Path
    cwd: Path
    replaceable: bool

    @property
    def home(self) -> Path:
        return self.folder / "w" / "home"

    @property
    def output(self) -> Path:
        """The target as an absolute path."""
        return self.target if self.target.is_absolute() else self.cwd / self.target


def _world(fuzz: Fuzz, case: PathCase, case_folder: Path) -> World:
    folder = case_folder / "w"
    (folder / "home").mkdir(parents=True)
    (folder / "home" / "privé.txt").write_text("van de gebruiker\n", encoding="utf-8")
    (folder / "vreemd.txt").write_text("van iemand anders\n", encoding="utf-8")
    inbox = folder / "in"
    inbox.mkdir()
    (inbox / "ander.txt").write_text("hoort bij de invoer niet\n", encoding="utf-8")
    source = fuzz.base(case.base, case.fmt).materialise(inbox, case.input_name)
    if case.fmt == "csv" and case.ops:
        apply_csv(source, case.ops)
    named = folder / (case.name + case.suffix)
    cwd = folder
    target, replaceable = named, False
    if case.target == "existing_file":
        _quietly(lambda: named.write_text("niet van pmiek\n", encoding="utf-8"))
    elif case.target in ("foreign_dir", "empty_dir"):
        _quietly(lambda: named.mkdir())
        if case.target == "foreign_dir":
            _quietly(lambda: (named / "notities.txt").write_text("x\n", encoding="utf-8"))
        replaceable = case.target == "empty_dir"
    elif case.target == "pmiek_export":
        kind = {"": "csv", ".xlsx": "xlsx", ".gpkg": "gpkg"}.get(case.suffix)
        if kind is not None and named.parent == folder and named.name not in (".", ".."):
            _quietly(lambda: fuzz.base("criteria", kind).materialise(folder, case.name))
            replaceable = case.overwrite or case.command == "show"
    elif case.target == "link_to_input":
        _quietly(lambda: named.symlink_to(source))
    target = _special(case.target, folder, source, named)
    if case.command == "template" and case.target == "input" and case.fmt == "xlsx":
        replaceable = case.overwrite  # template has no input: this is a pmiek export
    if case.target == "dotdot":
        cwd = folder / "home"
    return World(case_folder, source, target, cwd, replaceable)


def _special(kind: str, folder: Path, source: Path, named: Path) -> Path:
    return {
        "input": source, "input_folder": source.parent, "inside_input": source / "uit",
        "dot": Path("."), "dotdot": Path(".."), "home": folder / "home",
        "missing_parents": folder / "nieuw" / "dieper" / named.name, "case_folder": folder,
    }.get(kind, named)


def _quietly(action: Callable[[], object]) -> None:
    """Set up a part of the world that the name allows (a name too long for the file system
    simply leaves that part out)."""
    with contextlib.suppress(OSError):
        action()


def _allowed(world: World, before: Mapping[str, object]) -> str | None:
    """The part of the case folder that the command may write on success: the target, unless
    it is or holds anything that was there (the input, a foreign file, the home folder) —
    then nothing; an empty folder or a pmiek export (with ``--overwrite``) may be replaced."""
    relative = os.path.relpath(os.path.normpath(world.output), world.folder)
    if relative == "." or relative.startswith(".."):
        return None
    if relative.startswith("w/nieuw/"):
        return "w/nieuw"
    inside = [p for p in before if p == relative or p.startswith(relative + "/")]
    if inside and not world.replaceable:
        return None
    return relative


def _args(case: PathCase, world: World) -> list[str]:
    flag = ["--overwrite"] if case.overwrite else []
    source, target = str(world.source), str(world.target)
    return {
        "convert": ["convert", source, target, *flag],
        "template": ["template", target, *flag],
        "validate": ["validate", source],
        "show": ["show", source, "--out", target],
    }[case.command]


def run_path_case(fuzz: Fuzz, key: str, case: PathCase) -> Outcome:
    """Build the world, run the command, check the answer, the tree and what exit 0 means."""
    with counted(key), fuzz.folder() as folder:
        world = _world(fuzz, case, folder)
        before = snapshot(folder)
        outcome = invoke(_args(case, world), lang=case.lang, cwd=world.cwd, home=world.home,
                         cache=fuzz.cache)
        places = [*places_of(world.source, world.target), str(world.target),
                  os.path.basename(os.path.normpath(world.output))]
        check_answer(outcome, places, fuzz.cache)
        allowed = _allowed(world, before) if outcome.code == 0 else None
        if case.command == "validate":
            allowed = None
        changes = tree_changes(before, snapshot(folder), allowed)
        assert not changes, f"files changed: {changes[:8]}\n{outcome.shown()}"
        if outcome.code == 0:
            _meaning(case, world, fuzz)
        return outcome


def _meaning(case: PathCase, world: World, fuzz: Fuzz) -> None:
    target = world.output
    if case.command == "validate":
        assert_roundtrips(read_back(world.source), "csv", fuzz.root)
    elif case.command == "convert":
        assert_same(read_back(world.source), read_back(target), "convert output")
    elif case.command == "template":
        assert not read_back(target).present(), "a template with rows"
    else:
        marker = target / ".pmiek-output.json"
        assert marker.is_file(), f"show wrote no marker in {target}"
        assert sorted(p.name for p in target.glob("*.png")), f"show drew nothing in {target}"


# --- the store ----------------------------------------------------------------------------


class StoreFile(bytes):
    """The bytes of a store, shown short (hypothesis prints the fixtures of a failing case)."""

    def __repr__(self) -> str:
        return f"<store, {len(self)} bytes>"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(repr(self))


def make_store(fuzz: Fuzz) -> StoreFile:
    """A store with the ``network`` slice of the example as ``net`` (versions 1 and 2)."""
    from pmiek.adapters.files import read_workspace
    from pmiek.adapters.store.migrate import upgrade
    from pmiek.adapters.store.store import Store

    folder = Path(tempfile.mkdtemp(prefix="store-", dir=fuzz.root))
    path = folder / "pmiek.db"
    store = Store(f"sqlite:///{path}")
    try:
        upgrade(store.engine)
        network = example_slices(read_workspace("example").workspace)["network"]
        store.import_workspace(network, STORED)
        store.import_workspace(network.with_tables(assets=network.assets.iloc[:-1]), STORED)
    finally:
        store.close()
    return StoreFile(path.read_bytes())


def _damage(path: Path, kind: str, data: bytes, fuzz: Fuzz) -> None:
    if kind == "folder":
        path.mkdir()
    elif kind != "missing":
        path.write_bytes({
            "none": data, "truncated": data[:len(data) // 3], "garbage": b"\x00pmiek" * 99,
            "empty": b"", "geopackage": fuzz.base("network", "gpkg").files[""],
        }[kind])


@contextmanager
def _store_env(url: str) -> Iterator[None]:
    with mock.patch.dict(os.environ, {"PMIEK_DATABASE_URL": url}):
        yield


@dataclass(frozen=True)
class StoreCase:
    """``command db:NAME[@VERSION]`` against a store file with ``damage``."""

    name: str
    version: str | None
    damage: str = "none"
    command: str = "validate"
    lang: str = "nl"

    @property
    def reference(self) -> str:
        return f"db:{self.name}" + ("" if self.version is None else f"@{self.version}")


def run_store_case(fuzz: Fuzz, store: bytes, key: str, case: StoreCase) -> Outcome:
    """Damage a copy of the store, run the command, check the answer, that the store file did
    not change, and that exit 0 means a version that reads back valid and round-trips."""
    with counted(key), fuzz.folder() as folder:
        _damage(folder / "pmiek.db", case.damage, store, fuzz)
        before = snapshot(folder)
        outcome = invoke([case.command, case.reference], lang=case.lang, cwd=folder,
                         home=folder / "home", cache=fuzz.cache)
        check_answer(outcome, [case.reference, case.name, "pmiek.db", "db:",
                               str(case.version)], fuzz.cache)
        changes = tree_changes(before, snapshot(folder), None)
        assert not changes, f"files changed: {changes}\n{outcome.shown()}"
        if outcome.code == 0 and case.command == "validate":
            from pmiek.adapters.cli.store_cmd import read_stored

            with _store_env(f"sqlite:///{folder / 'pmiek.db'}"):
                result = read_stored(case.reference)
            assert result.ok, outcome.shown()
            assert_roundtrips(result.workspace, "csv", fuzz.root)
        return outcome
