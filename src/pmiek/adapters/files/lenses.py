"""Reading policy lenses: the built-in TOML files and a user's own (adapter: file I/O).

Every problem — a lens that does not exist, a file that is not TOML, a bad key or value — is
raised as a :class:`~pmiek.errors.ValidationError` whose problems name the lens (the table)
and the key (the column).
"""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from pmiek.domain.problems import Code, Place, closest
from pmiek.errors import ValidationError
from pmiek.variants.lenses import BUILT_IN, Lens, parse_lens

_TOML = ("a TOML file (https://toml.io)", "een TOML-bestand (https://toml.io)")


def _unknown(text: str) -> ValidationError:
    problem = Place(text).problem(Code.UNKNOWN_LENS, got=text, expected=", ".join(BUILT_IN),
                                  close=closest(text, list(BUILT_IN)))
    return ValidationError([problem], source=text)


def _read(path: Path) -> dict[str, Any]:
    """The contents of a TOML file; a ValidationError when it cannot be read."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        english, dutch = _TOML
        problem = Place(path.name).problem(Code.UNREADABLE, reason=str(exc), expected=english,
                                           expected_nl=dutch)
        raise ValidationError([problem], source=path.name) from exc


def load_lens(name_or_path: str | Path) -> Lens:
    """A built-in lens by name, or a lens from a TOML file.

    Raises
    ------
    ValidationError
        When the lens does not exist, cannot be read, or breaks the lens format (every
        problem is listed).
    """
    text = str(name_or_path)
    if text in BUILT_IN:
        source = resources.files("pmiek") / "data" / "lenses" / f"{text}.toml"
        return parse_lens(tomllib.loads(source.read_text(encoding="utf-8")), f"{text}.toml")
    path = Path(text)
    if not path.is_file():
        raise _unknown(text)
    return parse_lens(_read(path), path.name)


def load_lenses(names: str) -> list[Lens]:
    """``all`` (the built-in lenses), one name or path, or a comma-separated list."""
    if names == "all":
        return [load_lens(name) for name in BUILT_IN]
    return [load_lens(name.strip()) for name in names.split(",") if name.strip()]
