"""The exception tree of pmiek.

::

    PmiekError                  every error pmiek raises on purpose
    ├── InputError              something the user gave cannot be used
    │   ├── ReadError           a file or folder cannot be read (missing, wrong format, damaged)
    │   ├── ValidationError     the data was read but breaks the data contract (.problems)
    │   └── UnknownWorkspace    a workspace name or path that does not exist
    ├── WriteError              an output cannot be written (nothing is left half-written)
    ├── StoreError              the database cannot do what was asked (not upgraded, unknown name)
    │   └── ConflictError       someone else changed it first: nothing was written
    └── MissingExtraError       an optional feature whose extra is not installed

Third-party errors are translated at the adapters with ``raise … from exc``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pmiek.domain.problems import Problem


class PmiekError(Exception):
    """Base of every error pmiek raises on purpose."""


class InputError(PmiekError):
    """Something the user gave cannot be used."""


class ReadError(InputError):
    """A file or folder cannot be read."""

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.path = path


class ValidationError(InputError):
    """The data breaks the data contract; ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        from pmiek.domain.problems import errors

        self.problems = problems
        found = errors(problems)
        first = found[0].message("en") if found else "no errors"
        super().__init__(f"{len(found)} problem(s) in the workspace; first: {first}")


class UnknownWorkspace(InputError):
    """A workspace name or path that does not exist."""


class WriteError(PmiekError):
    """An output cannot be written."""


class StoreError(PmiekError):
    """The store cannot do what was asked (not upgraded, unknown workspace or version)."""


class ConflictError(StoreError):
    """Another writer changed the same workspace first; this write changed nothing."""


class MissingExtraError(PmiekError):
    """An optional feature is used without its extra installed."""

    def __init__(self, feature: str, extra: str) -> None:
        super().__init__(f"{feature} needs an optional dependency: pip install 'pmiek[{extra}]'")
        self.extra = extra
