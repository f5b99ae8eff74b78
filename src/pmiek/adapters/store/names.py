"""The names of stored workspaces and the references ``db:NAME`` and ``db:NAME@VERSION``.

A name is stored only when ``db:NAME`` can reach it again: at most :data:`MAX_NAME`
characters, without control characters (tab, line break, escape …) or the characters that
separate the parts of a reference or of a path (``@ : / \\``). Names are stripped of spaces at
either end and NFC-normalised, at import and at look-up alike, so that ``db: naam`` finds
``naam`` and an accent typed as one character or as a letter with a combining mark is the
same name. A version is a whole number from 1 to
:data:`MAX_VERSION` (the range of the database's integer column).
"""

from __future__ import annotations

import re
import unicodedata

from pmiek.errors import InputError, said

STORE_PREFIX = "db:"
MAX_NAME = 100
"""The longest name [characters]; the column holds 200, a name longer than 100 is a slip."""
MAX_VERSION = 2**31 - 1
"""The highest version number a store can hold (a 32-bit integer column)."""

_RESERVED = "@:/\\"
_VERSION = re.compile(r"[0-9]+")
_EXAMPLE = "db:utrecht-2026 of db:utrecht-2026@3"
_EXAMPLE_EN = "db:utrecht-2026 or db:utrecht-2026@3"


def _shown(name: str) -> str:
    """``name`` as a message may show it: control characters as ``\\x..`` escapes."""
    return "".join(c if unicodedata.category(c)[0] != "C" else f"\\x{ord(c):02x}"
                   for c in name)[:MAX_NAME + 20]


def _flaw(name: str) -> tuple[str, str] | None:
    """What makes ``name`` unusable as a stored name, in Dutch and English; None if nothing."""
    if not name:
        return ("de naam is leeg; geef er een met --name", "the name is empty; give one with "
                "--name")
    if len(name) > MAX_NAME:
        return (f"de naam is {len(name)} tekens lang, de grens is {MAX_NAME}",
                f"the name is {len(name)} characters long, the limit is {MAX_NAME}")
    if any(unicodedata.category(c)[0] == "C" for c in name):
        return ("de naam bevat een stuurteken (zoals een tab, regeleinde of escape)",
                "the name holds a control character (such as a tab, line break or escape)")
    reserved = sorted({c for c in name if c in _RESERVED})
    if reserved:
        listed = " ".join(reserved)
        return (f"de naam bevat {listed}, tekens die in een verwijzing {STORE_PREFIX}NAAM@VERSIE "
                "of een pad iets anders betekenen",
                f"the name holds {listed}, characters that mean something else in a reference "
                f"{STORE_PREFIX}NAME@VERSION or a path")
    return None


def storable_name(name: str) -> str:
    """``name`` stripped and NFC-normalised, or an :class:`~pmiek.errors.InputError` saying why
    the store could not address it (``db:NAME``)."""
    normal = lookup_name(name)
    flaw = _flaw(normal)
    if flaw is not None:
        nl, en = flaw
        raise said(InputError,
                   nl=f"Werkruimtenaam '{_shown(name)}' kan niet in de database: {nl}. Kies een "
                      "naam met letters, cijfers, '-', '_' of '.', bijvoorbeeld utrecht-2026.",
                   en=f"Workspace name '{_shown(name)}' cannot go into the database: {en}. "
                      "Choose a name of letters, digits, '-', '_' or '.', for example "
                      "utrecht-2026.")
    return normal


def lookup_name(name: str) -> str:
    """``name`` as the store keeps and looks it up: stripped and NFC-normalised (a name stored
    before the rules of :func:`storable_name` is still found)."""
    return unicodedata.normalize("NFC", name).strip()


def parse_version(text: str, reference: str) -> int:
    """The version number ``text`` of ``reference``, or an InputError."""
    if not _VERSION.fullmatch(text) or not 1 <= int(text) <= MAX_VERSION:
        raise said(InputError,
                   nl=f"'{_shown(reference)}': na @ komt een versienummer van 1 tot en met "
                      f"{MAX_VERSION}, niet '{_shown(text)}'; bijvoorbeeld {_EXAMPLE}.",
                   en=f"'{_shown(reference)}': after @ comes a version number from 1 to "
                      f"{MAX_VERSION}, not '{_shown(text)}'; for example {_EXAMPLE_EN}.")
    return int(text)


def parse_reference(reference: str) -> tuple[str, int | None]:
    """``db:NAME`` → (NAME, None), ``db:NAME@VERSION`` → (NAME, VERSION); an InputError for
    anything else (no name, a version that is not a whole number in range)."""
    body = reference.removeprefix(STORE_PREFIX)
    name, at, version = body.rpartition("@") if "@" in body else (body, "", "")
    if not name.strip():
        raise said(InputError,
                   nl=f"'{_shown(reference)}': de naam van de werkruimte ontbreekt; "
                      f"bijvoorbeeld {_EXAMPLE}.",
                   en=f"'{_shown(reference)}': the workspace name is missing; for example "
                      f"{_EXAMPLE_EN}.")
    return lookup_name(name), parse_version(version, reference) if at else None


__all__ = ["MAX_NAME", "MAX_VERSION", "STORE_PREFIX", "lookup_name", "parse_reference",
           "parse_version", "storable_name"]
