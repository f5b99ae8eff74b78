"""Reading policy lenses: the built-in TOML files and a user's own (adapter: file I/O)."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path

from pmiek.errors import InputError
from pmiek.variants.lenses import BUILT_IN, Lens, parse_lens


def load_lens(name_or_path: str | Path) -> Lens:
    """A built-in lens by name, or a lens from a TOML file."""
    text = str(name_or_path)
    if text in BUILT_IN:
        source = resources.files("pmiek") / "data" / "lenses" / f"{text}.toml"
        return parse_lens(tomllib.loads(source.read_text(encoding="utf-8")), f"{text}.toml")
    path = Path(text)
    if not path.is_file():
        raise InputError(f"Lens '{text}' bestaat niet: kies een van {', '.join(BUILT_IN)} of "
                         "geef een TOML-bestand.")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path.name}: geen geldige TOML: {exc}") from exc
    return parse_lens(data, path.name)


def load_lenses(names: str) -> list[Lens]:
    """``all`` (the built-in lenses), one name or path, or a comma-separated list."""
    if names == "all":
        return [load_lens(name) for name in BUILT_IN]
    return [load_lens(name.strip()) for name in names.split(",") if name.strip()]
