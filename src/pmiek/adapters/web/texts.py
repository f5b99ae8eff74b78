"""The words of the web application, Dutch and English.

Each part of the app keeps its texts in its own module (``texts_common``, ``texts_auth``,
``texts_map``, ``texts_tables``, ``texts_upload``) as ``TEXTS = {key: {"nl": …, "en": …}}``;
:func:`t` looks a key up in all of them. A key used in two modules is an error at import.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import import_module
from typing import Any

PARTS = ("texts_common", "texts_auth", "texts_map", "texts_tables", "texts_upload")


def _merged() -> dict[str, Mapping[str, str]]:
    merged: dict[str, Mapping[str, str]] = {}
    for part in PARTS:
        texts: Mapping[str, Mapping[str, str]] = import_module(f"{__package__}.{part}").TEXTS
        for key, value in texts.items():
            if key in merged:
                raise RuntimeError(f"text key {key!r} defined twice ({part})")
            if set(value) != {"nl", "en"}:
                raise RuntimeError(f"text key {key!r} needs nl and en ({part})")
            merged[key] = value
    return merged


TEXTS = _merged()


def t(key: str, lang: str, **values: Any) -> str:
    """Text ``key`` in ``lang`` (Dutch for an unknown language), formatted with ``values``."""
    entry = TEXTS[key]
    text = entry.get(lang) or entry["nl"]
    return text.format(**values) if values else text
