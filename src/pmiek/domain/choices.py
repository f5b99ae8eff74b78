"""Checks of the choices a stage is run with (scenarios, years), the same for every stage."""

from __future__ import annotations

from collections.abc import Sequence

from pmiek.domain.defaults import EARLIEST_YEAR, LATEST_YEAR
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
    """The years of a run: ``EARLIEST_YEAR ≤ first_year ≤ horizon ≤ LATEST_YEAR``
    (:mod:`pmiek.domain.defaults`)."""
    if first_year < EARLIEST_YEAR:
        raise said(InputError,
                   nl=f"Het eerste jaar ({first_year}, --first-year) ligt voor {EARLIEST_YEAR}, "
                      "het vroegste jaar dat pmiek rekent; kies een later jaar.",
                   en=f"The first year ({first_year}, --first-year) is before {EARLIEST_YEAR}, "
                      "the earliest year pmiek computes; choose a later year.")
    if horizon > LATEST_YEAR:
        raise said(InputError,
                   nl=f"Het laatste jaar ({horizon}, --horizon) ligt na {LATEST_YEAR}, het "
                      "laatste jaar dat pmiek rekent; kies een eerder jaar.",
                   en=f"The last year ({horizon}, --horizon) is after {LATEST_YEAR}, the "
                      "last year pmiek computes; choose an earlier year.")
    if horizon < first_year:
        raise said(InputError,
                   nl=f"Het laatste jaar ({horizon}, --horizon) ligt voor het eerste jaar "
                      f"({first_year}, --first-year); kies een eerste jaar van {EARLIEST_YEAR} "
                      f"tot en met {horizon}.",
                   en=f"The last year ({horizon}, --horizon) is before the first year "
                      f"({first_year}, --first-year); choose a first year from {EARLIEST_YEAR} "
                      f"to {horizon}.")
