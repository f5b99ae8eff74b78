"""Checks of the choices a stage is run with (scenarios, years), the same for every stage."""

from __future__ import annotations

from collections.abc import Sequence

from pmiek.domain.workspace import Workspace
from pmiek.errors import InputError, said


def check_scenarios(workspace: Workspace, names: Sequence[str]) -> list[str]:
    """``names``, each of which must be a scenario of ``workspace``."""
    known = [str(s) for s in workspace.scenarios["id"]]
    unknown = [name for name in names if name not in known]
    if unknown:
        missing, listed = ", ".join(unknown), ", ".join(known) or "-"
        raise said(InputError,
                   nl=f"Scenario '{missing}' bestaat niet; kies uit {listed} of 'all'.",
                   en=f"Scenario '{missing}' does not exist; choose from {listed} or 'all'.")
    return list(names)


def check_years(first_year: int, horizon: int) -> None:
    """The horizon may not lie before the first year."""
    if horizon < first_year:
        raise said(InputError,
                   nl=f"Het laatste jaar ({horizon}) ligt voor het eerste jaar ({first_year}).",
                   en=f"The last year ({horizon}) is before the first year ({first_year}).")
