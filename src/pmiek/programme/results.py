"""A run's result tables in canonical form, and their hash.

What an edition keeps of a run is its tables (the stage result's ``to_frames()``), each as
canonical CSV text: the columns in their order, no index, ``\\n`` line ends, floats in
Python's shortest round-trip form, and without the columns that measure the machine rather
than the answer (:data:`VOLATILE`: the wall-clock seconds of a solve). The hash over them
(:func:`frames_hash`) is what a re-run with the same software and solver versions must
reproduce: it covers no file, no date and no path.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Mapping

import pandas as pd

VOLATILE = ("seconds",)
"""Columns left out of the canonical tables: how long a solve took is not part of its
answer."""


def canonical(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` without its volatile columns and index."""
    kept = [c for c in frame.columns if str(c) not in VOLATILE]
    return frame.loc[:, kept].reset_index(drop=True)


def canonical_csv(frame: pd.DataFrame) -> str:
    """The canonical CSV text of ``frame``."""
    buffer = io.StringIO()
    canonical(frame).to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()


def text_hash(text: str) -> str:
    """SHA-256 of ``text`` as UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def tables_digest(texts: Mapping[str, str]) -> str:
    """SHA-256 over named canonical texts: each name and the SHA-256 of its text, in name
    order."""
    digest = hashlib.sha256()
    for name in sorted(texts):
        digest.update(f"{name}\x00{text_hash(texts[name])}\n".encode())
    return digest.hexdigest()


def frames_hash(frames: Mapping[str, pd.DataFrame]) -> str:
    """The hash of a run's result tables (:func:`tables_digest` of their canonical CSV)."""
    return tables_digest({name: canonical_csv(frame) for name, frame in frames.items()})


def read_canonical(text: str) -> pd.DataFrame:
    """A stored canonical table back as a frame (ids as text; numbers as numbers)."""
    if not text.strip():
        return pd.DataFrame()
    return pd.read_csv(io.StringIO(text), keep_default_na=True)
