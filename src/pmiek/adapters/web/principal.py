"""Who is asking: a role and, for grid operators and municipalities, a scope.

Roles (DESIGN.md, "Roles and confidentiality"), from the most to the least rights:

- ``beheerder``: everything, including accounts;
- ``kernteam``: the province's core team; sees and changes everything but accounts;
- ``netbeheerder``: a grid operator (``organisation`` = the operator as written in
  ``assets.operator``); sees confidential rows, changes only its own assets and projects;
- ``gemeente``: a municipality or RES region (``organisation`` = its area id); sees
  confidential assets and projects only aggregated per area, changes only the developments of
  its own area (a region: of its municipalities);
- ``publiek``: anyone, not logged in; reads what is public.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

ROLES = ("beheerder", "kernteam", "netbeheerder", "gemeente", "publiek")
SCOPED = {"netbeheerder": "operator", "gemeente": "area"}
"""The roles that act for one organisation, and what kind of organisation that is."""


@dataclass(frozen=True)
class Principal:
    """A logged-in account (or :data:`ANONYMOUS`)."""

    name: str
    role: str
    organisation: str | None = None
    csrf: str | None = None

    @property
    def anonymous(self) -> bool:
        return self.role == "publiek"

    @property
    def kind(self) -> str | None:
        """'operator', 'area' or None: what ``organisation`` names."""
        return SCOPED.get(self.role)


ANONYMOUS = Principal(name="", role="publiek")


def sees_confidential(who: Principal) -> bool:
    """Whether ``who`` may see confidential assets and projects one by one."""
    return who.role in ("beheerder", "kernteam", "netbeheerder")


def audience(who: Principal) -> str:
    """The audience of :mod:`pmiek.report.public` for ``who``: 'intern' or 'publiek'."""
    return "intern" if sees_confidential(who) else "publiek"


def is_manager(who: Principal) -> bool:
    return who.role == "beheerder"


def may_edit_operator(who: Principal, operator: str) -> bool:
    """Whether ``who`` may change the assets and projects of ``operator``."""
    if who.role in ("beheerder", "kernteam"):
        return True
    return who.role == "netbeheerder" and who.organisation == operator


def areas_of(who: Principal, areas: pd.DataFrame) -> frozenset[str]:
    """The area ids ``who`` (a gemeente account) acts for: its own area and every area below
    it (a region's municipalities, a municipality's hotspots)."""
    if who.role != "gemeente" or not who.organisation:
        return frozenset()
    ids = areas["id"].astype(str).to_numpy()
    parents = areas["parent_id"].astype(object).fillna("").astype(str).to_numpy()
    found = {who.organisation}
    while True:  # one pass per level of the area tree (province, region, municipality, …)
        more = set(ids[pd.Series(parents).isin(list(found)).to_numpy()]) - found
        if not more:
            return frozenset(found)
        found |= more


def may_edit_area(who: Principal, area_id: str, areas: pd.DataFrame) -> bool:
    """Whether ``who`` may change the developments of municipality ``area_id``."""
    if who.role in ("beheerder", "kernteam"):
        return True
    return area_id in areas_of(who, areas)
