"""The library of standard profiles and unit parameters, and how a workspace uses it.

A :class:`Library` holds named hourly profiles and unit parameters (kengetallen per sector,
carrier and unit) that any workspace may use without copying them in. :func:`complete` adds to a
workspace the library rows it needs and does not define itself: the unit parameters of every
(sector, carrier, unit) of its developments that it has no row for, then every profile that its
developments or unit parameters name and that it does not hold. The workspace's own rows always
win; library rows are appended after them, so the row numbers of the workspace's own rows (in
problems and explanations) do not move. The tables it touched carry the library's stamp
(name, version, SHA-256) in ``DataFrame.attrs[LIBRARY]``, which
:class:`~pmiek.domain.provenance.Provenance` records with every result.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from pmiek.domain.sizing import UNIT_KEYS
from pmiek.domain.workspace import Workspace

LIBRARY = "pmiek_library"
"""The ``DataFrame.attrs`` key under which a completed table records the library's stamp."""


def _key_strings(frame: pd.DataFrame) -> pd.Index:
    """``sector/carrier/unit`` of every row (missing parts as empty text)."""
    parts = [frame[k].astype("string").fillna("") for k in UNIT_KEYS]
    joined = parts[0].str.cat(parts[1:], sep="/") if len(frame) else pd.Series([], dtype=str)
    return pd.Index(joined.to_numpy(dtype=object))


@dataclass(frozen=True)
class Library:
    """Standard ``profiles`` and ``unit_parameters`` (typed as the workspace tables of the same
    name), with the library's ``name`` and ``version``; ``descriptions`` say in words what
    each profile is (by profile id; they do not count in ``sha256``)."""

    name: str
    version: str
    profiles: pd.DataFrame
    unit_parameters: pd.DataFrame
    sha256: str = field(default="", compare=False)
    descriptions: Mapping[str, str] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        if not self.sha256:
            object.__setattr__(self, "sha256", _digest(self.profiles, self.unit_parameters))

    def stamp(self) -> dict[str, str]:
        """What a result records about the library: name, version and SHA-256 of its rows."""
        return {"name": self.name, "version": self.version, "sha256": self.sha256}

    def profile_ids(self) -> list[str]:
        """The names of the library's profiles, in their order."""
        return list(pd.unique(self.profiles["profile_id"].dropna()))


def _digest(profiles: pd.DataFrame, unit_parameters: pd.DataFrame) -> str:
    """SHA-256 over both tables, as the store hashes a workspace (exact values)."""
    from pmiek.domain.provenance import content_hash

    data = content_hash(Workspace(profiles=profiles, unit_parameters=unit_parameters))
    return hashlib.sha256(f"pmiek-library\x1f{data}".encode()).hexdigest()


@dataclass(frozen=True)
class LibraryUse:
    """What :func:`complete` took from the library: the ``unit_parameters`` keys
    (``sector/carrier/unit``) and the ``profiles`` ids, and the library's ``stamp``."""

    stamp: dict[str, str]
    unit_parameters: tuple[str, ...] = ()
    profiles: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready record."""
        return {**self.stamp, "unit_parameters": list(self.unit_parameters),
                "profiles": list(self.profiles)}


def complete(workspace: Workspace, library: Library) -> tuple[Workspace, LibraryUse]:
    """``workspace`` with the library rows it uses and does not define itself appended."""
    dev = workspace.developments
    own_params = workspace.unit_parameters
    used_keys = _key_strings(dev.dropna(subset=list(UNIT_KEYS))).unique()
    lib_keys = _key_strings(library.unit_parameters)
    wanted = ~lib_keys.isin(_key_strings(own_params)) & lib_keys.isin(used_keys)
    added_params = library.unit_parameters[np.asarray(wanted)]
    params = _append(own_params, added_params)

    named = pd.concat([dev["profile"], params["profile"]]).dropna()
    own_ids = workspace.profiles["profile_id"].dropna()
    lib_ids = library.profiles["profile_id"]
    take = lib_ids.isin(named) & ~lib_ids.isin(own_ids)
    added_profiles = library.profiles[take.to_numpy(dtype=bool)]
    profiles = _append(workspace.profiles, added_profiles)

    stamp = library.stamp()
    for frame in (params, profiles):
        frame.attrs[LIBRARY] = stamp
    use = LibraryUse(stamp, tuple(dict.fromkeys(lib_keys[np.asarray(wanted)])),
                     tuple(pd.unique(added_profiles["profile_id"])))
    return workspace.with_tables(unit_parameters=params, profiles=profiles), use


def _append(own: pd.DataFrame, extra: pd.DataFrame) -> pd.DataFrame:
    """``own`` followed by ``extra`` (a copy: the caller's frame is never changed)."""
    if not len(extra):
        return own.copy()
    out = pd.concat([own, extra.astype(own.dtypes.to_dict())], ignore_index=True)
    return out.astype(own.dtypes.to_dict())


def stamp_of(workspace: Workspace) -> dict[str, str] | None:
    """The stamp of the library that completed ``workspace``, if one did."""
    stamp = workspace.profiles.attrs.get(LIBRARY) or workspace.unit_parameters.attrs.get(
        LIBRARY)
    return dict(stamp) if stamp else None
