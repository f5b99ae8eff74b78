"""The exception tree of pmiek.

::

    PmiekError                  every error pmiek raises on purpose
    ├── InputError              something the user gave cannot be used
    │   ├── ReadError           a file or folder cannot be read (missing, wrong format, damaged)
    │   ├── ValidationError     the data was read but breaks the data contract (.problems)
    │   └── UnknownWorkspace    a workspace name or path that does not exist
    ├── WriteError              an output cannot be written (nothing is left half-written)
    ├── SolveError              the solver gave no usable answer where one was needed
    ├── StoreError              the database cannot do what was asked (not upgraded, unknown name)
    │   └── ConflictError       someone else changed it first: nothing was written
    └── MissingExtraError       an optional feature whose extra is not installed

Third-party errors are translated at the adapters with ``raise … from exc``.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from pmiek.domain.problems import Problem


class PmiekError(Exception):
    """Base of every error pmiek raises on purpose.

    An error made with :func:`said` carries its message in Dutch and English (``texts``);
    ``str()`` gives both, :meth:`in_language` the one a front end speaks."""

    texts: Mapping[str, str] = MappingProxyType({})

    def in_language(self, lang: str) -> str:
        """The message in ``lang`` (Dutch for an unknown language), or ``str(self)``."""
        return self.texts.get(lang) or self.texts.get("nl") or str(self)


E = TypeVar("E", bound=PmiekError)


def said(error: type[E], *, nl: str, en: str) -> E:
    """An ``error`` whose message is ``nl`` in Dutch and ``en`` in English."""
    made = error(f"{nl} / {en}")
    made.texts = MappingProxyType({"nl": nl, "en": en})
    return made


class InputError(PmiekError):
    """Something the user gave cannot be used."""


class ReadError(InputError):
    """A file or folder cannot be read."""

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.path = path


class ValidationError(InputError):
    """The data breaks the data contract; ``problems`` lists every problem found.

    ``source`` names what was checked when it is not a workspace (``"criteria"``, a lens
    file); the message then lists every error with its place, in English. A front end shows
    ``problems`` in the user's language instead, or :meth:`describe`.
    """

    MAX_LISTED = 20
    """:meth:`describe` and the message list at most this many errors."""

    def __init__(self, problems: list[Problem], *, source: str | None = None) -> None:
        from pmiek.domain.problems import errors

        self.problems = problems
        self.source = source
        found = errors(problems)
        if source is None:
            first = found[0].message("en") if found else "no errors"
            message = f"{len(found)} problem(s) in the workspace; first: {first}"
        else:
            message = self.describe("en")
        super().__init__(message)

    def describe(self, lang: str = "nl") -> str:
        """Every error (at most :attr:`MAX_LISTED`), one per line with its place, in
        ``lang``."""
        from pmiek.domain.labels import localised
        from pmiek.domain.problems import errors

        found = errors(self.problems)
        one, many, more = localised(_DESCRIBE, lang)
        head = one if len(found) == 1 else many
        source = self.source or localised(_WORKSPACE, lang)
        lines = [head.format(n=len(found), source=source)]
        lines += [f"- {p.place(lang)}: {p.message(lang)} {p.hint(lang)}"
                  for p in found[:self.MAX_LISTED]]
        if len(found) > self.MAX_LISTED:
            lines.append(more.format(n=len(found) - self.MAX_LISTED))
        return "\n".join(lines)


_WORKSPACE = {"nl": "de werkruimte", "en": "the workspace"}
_DESCRIBE = {  # one error, several errors, how many more
    "nl": ("{n} probleem in {source}:", "{n} problemen in {source}:", "- en nog {n}"),
    "en": ("{n} problem in {source}:", "{n} problems in {source}:", "- and {n} more"),
}


class UnknownWorkspace(InputError):
    """A workspace name or path that does not exist."""


class WriteError(PmiekError):
    """An output cannot be written."""


class SolveError(PmiekError):
    """The solver gave no usable answer where one was needed (for example a fixed schedule
    that does not solve to optimality)."""


class StoreError(PmiekError):
    """The store cannot do what was asked (not upgraded, unknown workspace or version)."""


class ConflictError(StoreError):
    """Another writer changed the same workspace first; this write changed nothing."""


class MissingExtraError(PmiekError):
    """An optional feature is used without its extra installed."""

    def __init__(self, feature: str, extra: str) -> None:
        super().__init__(f"{feature} needs an optional dependency: pip install 'pmiek[{extra}]'")
        self.extra = extra
