"""An edition's way from concept to adopted programme, and who may do what.

An edition ("P-MIEK 2.0", "P-MIEK 2.1 herijking") moves through :data:`STATES` one step at a
time (:data:`TRANSITIONS`); each step is a decision of a body (:data:`BODIES`) on a date, with
the decision's reference and, where the law asks for it, its publication (Provinciaal Blad).
:func:`check_transition` says why a step is refused; :func:`is_frozen` tells from which state
on an edition's inputs and results can no longer change (from the GS-ontwerp on: what lies
open for inspection is what gets answered and adopted). A herijking starts a new edition from
an adopted one (:func:`check_herijking`).

Pure: dates and states in, a refusal (an :class:`~pmiek.errors.InputError` in Dutch and
English) or nothing out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pmiek.errors import InputError, said

STATES = ("concept", "kernteam_akkoord", "eb_advies", "gs_ontwerp", "ter_inzage",
          "beantwoord", "vastgesteld")
"""The states of an edition, in order."""

BODIES: Mapping[str, tuple[str, str]] = {
    "kernteam": ("kernteam", "core team"),
    "eb": ("Energy Board", "Energy Board"),
    "gs": ("Gedeputeerde Staten", "Provincial Executive (GS)"),
    "ps": ("Provinciale Staten", "Provincial Council (PS)"),
    "statencommissie": ("statencommissie", "council committee"),
}
"""The bodies that decide or are heard, with their names in Dutch and English."""


@dataclass(frozen=True)
class Step:
    """One allowed step: the bodies that may take it and what it needs."""

    bodies: tuple[str, ...]
    needs_reference: bool = False
    needs_publication: bool = False


TRANSITIONS: Mapping[tuple[str, str], Step] = {
    ("concept", "kernteam_akkoord"): Step(("kernteam",)),
    ("kernteam_akkoord", "eb_advies"): Step(("eb",)),
    ("eb_advies", "gs_ontwerp"): Step(("gs",), needs_reference=True),
    ("gs_ontwerp", "ter_inzage"): Step(("gs",), needs_publication=True),
    ("ter_inzage", "beantwoord"): Step(("kernteam", "gs")),
    ("beantwoord", "vastgesteld"): Step(("gs", "ps"), needs_reference=True,
                                        needs_publication=True),
}
"""(from, to) → the step; every other pair is refused."""

HEARD = ("statencommissie", "ps", "eb")
"""Bodies whose hearing or advice may be recorded without a change of state."""

FROZEN_FROM = "gs_ontwerp"
"""From this state on an edition's workspace version and runs cannot change."""


def is_frozen(state: str) -> bool:
    """Whether an edition in ``state`` is frozen (from the GS-ontwerp on)."""
    return STATES.index(state) >= STATES.index(FROZEN_FROM)


def body_name(body: str, lang: str = "nl") -> str:
    """The body in words."""
    nl, en = BODIES.get(body, (body, body))
    return en if lang == "en" else nl


def parse_day(value: str | dt.date, what: str) -> dt.date:
    """An ISO date (``2025-09-24``), or a refusal that names ``what``."""
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise said(InputError, nl=f"{what}: verwacht een datum als 2025-09-24, kreeg "
                                  f"'{value}'.",
                   en=f"{what}: expected a date like 2025-09-24, got '{value}'.") from None


def _refuse(nl: str, en: str) -> InputError:
    return said(InputError, nl=nl, en=en)


def check_transition(current: str, target: str, body: str, *, on: dt.date,
                     last_decision: dt.date | None = None, reference: str = "",
                     publication: str = "") -> None:
    """Refuse (InputError) a step from ``current`` to ``target`` that the process does not
    allow, with the reason: an unknown state or body, a step that skips or goes back, a body
    that does not take this step, a date before the previous decision, a missing decision
    reference or publication."""
    if target not in STATES:
        raise _refuse(f"Onbekende status '{target}'; kies uit {', '.join(STATES)}.",
                      f"Unknown state '{target}'; choose from {', '.join(STATES)}.")
    if body not in BODIES:
        raise _refuse(f"Onbekend orgaan '{body}'; kies uit {', '.join(BODIES)}.",
                      f"Unknown body '{body}'; choose from {', '.join(BODIES)}.")
    step = TRANSITIONS.get((current, target))
    if step is None:
        allowed = [t for (f, t) in TRANSITIONS if f == current]
        nxt_nl = f"de volgende stap is '{allowed[0]}'" if allowed else "er volgt geen stap meer"
        nxt_en = f"the next step is '{allowed[0]}'" if allowed else "no step follows"
        raise _refuse(
            f"Van '{current}' naar '{target}' kan niet: {nxt_nl}"
            + (" (een vastgestelde editie krijgt een opvolger door herijking: pmiek edition "
               "new … --from)." if current == "vastgesteld" else "."),
            f"From '{current}' to '{target}' is not allowed: {nxt_en}"
            + (" (an adopted edition is followed by a herijking: pmiek edition new … --from)."
               if current == "vastgesteld" else "."))
    if body not in step.bodies:
        who = " of ".join(body_name(b) for b in step.bodies)
        who_en = " or ".join(body_name(b, "en") for b in step.bodies)
        raise _refuse(f"De stap naar '{target}' is een besluit van {who}, niet van "
                      f"{body_name(body)}.",
                      f"The step to '{target}' is a decision of {who_en}, not of "
                      f"{body_name(body, 'en')}.")
    _check_record(on, last_decision, reference, publication, step=step, target=target)


def _check_record(on: dt.date, last: dt.date | None, reference: str, publication: str, *,
                  step: Step, target: str) -> None:
    if last is not None and on < last:
        raise _refuse(f"Het besluit van {on.isoformat()} ligt vóór het vorige besluit "
                      f"({last.isoformat()}); besluiten volgen elkaar op in de tijd.",
                      f"The decision of {on.isoformat()} lies before the previous one "
                      f"({last.isoformat()}); decisions follow each other in time.")
    if step.needs_reference and not reference.strip():
        raise _refuse(f"De stap naar '{target}' vraagt het kenmerk van het besluit "
                      "(--reference).",
                      f"The step to '{target}' needs the decision's reference (--reference).")
    if step.needs_publication and not publication.strip():
        raise _refuse(f"De stap naar '{target}' vraagt de bekendmaking (--publication, bijv. "
                      "'Provinciaal Blad prb-2025-15513').",
                      f"The step to '{target}' needs its publication (--publication, e.g. "
                      "'Provinciaal Blad prb-2025-15513').")


def check_hearing(state: str, body: str, *, on: dt.date, last_decision: dt.date | None) -> None:
    """Refuse recording a hearing or advice (no change of state) by a body that is not heard,
    or on a date before the previous decision."""
    if body not in HEARD:
        raise _refuse(f"Alleen {', '.join(HEARD)} worden gehoord zonder statuswijziging, niet "
                      f"'{body}'.",
                      f"Only {', '.join(HEARD)} are heard without a change of state, not "
                      f"'{body}'.")
    _check_record(on, last_decision, "x", "x", step=Step((body,)), target=state)


def check_answered_step(target: str, *, on: dt.date, term_end: dt.date | None,
                        unanswered: Sequence[str]) -> None:
    """The step to ``beantwoord`` needs the term to have ended and every point answered."""
    if target != "beantwoord":
        return
    if term_end is None:
        raise _refuse("Er is geen terinzagelegging vastgelegd (pmiek edition advance … "
                      "--to ter_inzage --start DATUM).",
                      "No inspection period was recorded (pmiek edition advance … "
                      "--to ter_inzage --start DATE).")
    if on <= term_end:
        raise _refuse(f"De termijn loopt tot en met {term_end.isoformat()}; beantwoorden kan "
                      "pas daarna.",
                      f"The term runs to {term_end.isoformat()} inclusive; answering comes "
                      "after that.")
    if unanswered:
        shown = ", ".join(unanswered[:10]) + (" …" if len(unanswered) > 10 else "")
        raise _refuse(f"{len(unanswered)} punten hebben nog geen reactie: {shown}.",
                      f"{len(unanswered)} points have no answer yet: {shown}.")


def check_herijking(predecessor_state: str, predecessor: str) -> None:
    """A herijking starts from an adopted edition only."""
    if predecessor_state != "vastgesteld":
        raise _refuse(f"Een herijking begint bij een vastgestelde editie; '{predecessor}' is "
                      f"'{predecessor_state}'.",
                      f"A herijking starts from an adopted edition; '{predecessor}' is "
                      f"'{predecessor_state}'.")


def frozen_refusal(edition: str, state: str, what_nl: str, what_en: str) -> InputError:
    """The refusal of a change (``what``) to a frozen edition."""
    return _refuse(f"Editie '{edition}' is bevroren (status '{state}', vanaf het GS-ontwerp): "
                   f"{what_nl} kan niet meer. Begin een herijking met pmiek edition new … "
                   "--from.",
                   f"Edition '{edition}' is frozen (state '{state}', from the GS draft on): "
                   f"{what_en} is no longer possible. Start a herijking with pmiek edition "
                   "new … --from.")


PERMISSIONS: Mapping[str, tuple[str, ...]] = {
    "edition.read": ("beheerder", "kernteam", "netbeheerder", "gemeente", "publiek"),
    "edition.write": ("beheerder", "kernteam"),
    "consultation.write": ("beheerder", "kernteam"),
    "consultation.personal": ("beheerder", "kernteam"),
    "consultation.public": ("beheerder", "kernteam", "netbeheerder", "gemeente", "publiek"),
    "monitor": ("beheerder", "kernteam", "netbeheerder"),
    "user.write": ("beheerder",),
}
"""Action → the roles that may take it (DESIGN.md, "Roles and confidentiality")."""


def check_permission(user: str, role: str | None, action: str) -> None:
    """Refuse ``action`` to a user that does not exist (``role`` None) or whose role may not."""
    allowed = PERMISSIONS[action]
    if role is None:
        raise said(InputError,
                   nl=f"Gebruiker '{user}' is onbekend in deze opslag; een beheerder maakt "
                      "hem aan met pmiek db user add NAAM --role ROL.",
                   en=f"User '{user}' is unknown in this store; an administrator adds them "
                      "with pmiek db user add NAME --role ROLE.")
    if role not in allowed:
        raise said(InputError,
                   nl=f"Gebruiker '{user}' heeft de rol '{role}'; dit vraagt de rol "
                      f"{' of '.join(allowed)}.",
                   en=f"User '{user}' has the role '{role}'; this needs the role "
                      f"{' or '.join(allowed)}.")
