"""An independent check of a variant: every rule of the schedule and of the connected shares.

Written from the definitions in ``instance.py`` with plain numpy and without ``model.py``, so
that a mistake in the MILP (or in the greedy baseline) shows up here as a violation instead of
being repeated. ``verify`` returns the violations, each with a Dutch message; an empty list
means the variant keeps every rule:

- ``shape``: ``start``, ``connected`` or ``overload`` do not fit the instance;
- ``start``: an in-service year index outside the horizon (−1 is "not built");
- ``allowed``: a project in service from a year it may not start in;
- ``must_build``: a project that has to be built is not;
- ``requires`` / ``excludes``: a precedence broken, two exclusive projects both built;
- ``budget``, ``fte``, ``transformers``: an operator's resource exceeded in a year;
- ``share_bounds``, ``monotone``, ``must_from``: a connected share outside [0, 1], lower than
  the year before, or below 1 from the year the lens makes the connection obligatory;
- ``capacity``: a row's load at the peak hour above its capacity, the capacity added by the
  projects in service and the overload the variant reports;
- ``overload``: a negative (or undefined) overload.

``objective`` recomputes the objective value of a variant from its schedule and shares.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, cast

import numpy as np

from pmiek.domain.arrays import Bools, Floats, Ints
from pmiek.variants.instance import RESOURCES, Instance
from pmiek.variants.result import VariantResult

RESOURCE_NL = {"budget": ("Budget", "M€"), "fte": ("Technisch personeel", "fte"),
               "transformers": ("Transformatoren", "stuks")}
DIRECTION_NL = {"demand": "afname", "feedin": "invoeding"}


ViolationKind = Literal["shape", "start", "allowed", "must_build", "requires", "excludes",
                       "budget", "fte", "transformers", "share_bounds", "monotone", "must_from",
                       "capacity", "overload"]
"""The rules a variant can break (see the module docstring)."""


@dataclass(frozen=True)
class Violation:
    """One broken rule: what (``kind``), where (a project, operator or row), in which
    calendar year (None when the rule is not about one year), the value found and its
    limit, and a Dutch sentence saying so."""

    kind: ViolationKind
    where: str
    year: int | None
    got: float
    limit: float
    message_nl: str


def _nl(value: float, digits: int = 1) -> str:
    """A number the Dutch way: 1.234,5."""
    if not np.isfinite(value):
        return str(value)
    text = f"{value:,.{digits}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def _slack(limit: Floats | float, tolerance: float) -> Floats:
    """The tolerance on a limit: relative to max(1, |limit|)."""
    slack: Floats = tolerance * np.maximum(1.0, np.abs(np.asarray(limit, dtype=float)))
    return slack


def _project(instance: Instance, p: int | np.integer[Any]) -> str:
    name = str(instance.project_names[p])
    pid = str(instance.project_ids[p])
    return pid if not name or name == pid else f"{pid} ({name})"


def _in_service(instance: Instance, start: Ints) -> Bools:
    """(P, Y) bool, from start (−1: not built)."""
    years = np.arange(len(instance.years))
    return (start[:, None] >= 0) & (years[None, :] >= start[:, None])


def _shapes(result: VariantResult) -> list[Violation]:
    p = result.instance
    n_s, n_d, n_y = len(p.scenarios), p.n_developments, len(p.years)
    expected = {"start": (p.n_projects,), "connected": (n_s, n_d, n_y),
                "overload": (n_s, len(p.row_asset))}
    found: list[Violation] = []
    for name, shape in expected.items():
        got = np.shape(getattr(result, name))
        if got != shape:
            found.append(Violation(
                "shape", name, None, float(np.prod(got)), float(np.prod(shape)),
                f"De variant past niet bij het probleem: '{name}' heeft vorm {got}, "
                f"verwacht {shape}."))
    return found


def _schedule(instance: Instance, raw: Floats, tolerance: float
              ) -> tuple[Ints, list[Violation]]:
    """The start array as integers (invalid entries: not built) and what is wrong with it."""
    found: list[Violation] = []
    n_y = len(instance.years)
    years = instance.years
    whole = np.isfinite(raw) & (np.abs(raw - np.round(raw)) <= tolerance)
    start = np.where(whole, np.round(np.where(whole, raw, -1)), -1).astype(int)
    bad = ~whole | (start < -1) | (start >= n_y)
    for p in np.flatnonzero(bad):
        found.append(Violation(
            "start", str(instance.project_ids[p]), None, float(raw[p]), float(n_y - 1),
            f"Project {_project(instance, p)} heeft geen geldig jaar van ingebruikname "
            f"(index {raw[p]}; toegestaan: −1 of 0 t/m {n_y - 1})."))
    start = np.where(bad, -1, start)
    built = start >= 0

    at = np.maximum(start, 0)
    outside = built & ~instance.allowed[np.arange(instance.n_projects), at]
    for p in np.flatnonzero(outside):
        window = years[instance.allowed[p]]
        allowed = (f"toegestaan: {window.min()}–{window.max()}" if len(window)
                   else "binnen de horizon nooit toegestaan")
        found.append(Violation(
            "allowed", str(instance.project_ids[p]), int(years[start[p]]),
            float(years[start[p]]), float(window.min()) if len(window) else float("nan"),
            f"Project {_project(instance, p)} mag niet in {years[start[p]]} in gebruik "
            f"komen ({allowed})."))
    for p in np.flatnonzero(instance.must_build & ~built):
        found.append(Violation(
            "must_build", str(instance.project_ids[p]), None, 0.0, 1.0,
            f"Project {_project(instance, p)} moet gebouwd worden (investeringsplan), maar "
            f"staat niet in de planning."))

    z = _in_service(instance, start)
    requires = np.asarray(instance.requires, dtype=int).reshape(-1, 2)
    if len(requires):
        rp, rq = requires[:, 0], requires[:, 1]
        broken = z[rp] & ~z[rq]  # (pairs, Y)
        for k in np.flatnonzero(broken.any(axis=1)):
            y = int(np.argmax(broken[k]))
            pk, qk = int(rp[k]), int(rq[k])
            when = (f"pas in {years[start[qk]]}" if start[qk] >= 0
                    else "wordt niet gebouwd")
            found.append(Violation(
                "requires", f"{instance.project_ids[pk]} vereist {instance.project_ids[qk]}",
                int(years[y]), float(years[start[pk]]),
                float(years[start[qk]]) if start[qk] >= 0 else float("nan"),
                f"Project {_project(instance, pk)} is in {years[y]} in gebruik, maar het "
                f"vereiste project {_project(instance, qk)} {when}."))
    excludes = np.asarray(instance.excludes, dtype=int).reshape(-1, 2)
    if len(excludes):
        ep, eq = excludes[:, 0], excludes[:, 1]
        for k in np.flatnonzero(built[ep] & built[eq]):
            pk, qk = int(ep[k]), int(eq[k])
            found.append(Violation(
                "excludes", f"{instance.project_ids[pk]} sluit {instance.project_ids[qk]} uit",
                int(years[max(start[pk], start[qk])]), 2.0, 1.0,
                f"Projecten {_project(instance, pk)} (in {years[start[pk]]}) en "
                f"{_project(instance, qk)} (in {years[start[qk]]}) sluiten elkaar uit, maar "
                f"worden allebei gebouwd."))
    return start, found


def resource_use(instance: Instance, start: Ints, resource: str) -> Floats:
    """(R, Y) what the schedule uses of ``resource`` per operator and year."""
    share = instance.material if resource == "transformers" else instance.spend
    amount = {"budget": instance.capex, "fte": instance.fte_years,
              "transformers": instance.transformers}[resource]
    counted = (start >= 0) & (instance.operator_of_project >= 0)
    p = np.flatnonzero(counted)
    per_project = share[p, start[p], :] * amount[p, None]  # (built, T)
    used = np.zeros((len(instance.operators), len(instance.years)))
    np.add.at(used, instance.operator_of_project[p], per_project)
    return used


def _resources(instance: Instance, start: Ints, tolerance: float) -> list[Violation]:
    found: list[Violation] = []
    limits = {"budget": instance.budget, "fte": instance.fte,
              "transformers": instance.transformers_available}
    for resource in RESOURCES:
        limit = np.asarray(limits[resource], dtype=float)
        used = resource_use(instance, start, resource)
        over = ~np.isnan(limit) & (used > limit + _slack(limit, tolerance))
        label, unit = RESOURCE_NL[resource]
        for r, t in zip(*np.nonzero(over), strict=True):
            operator = str(instance.operators[r])
            found.append(Violation(
                resource, operator, int(instance.years[t]), float(used[r, t]),
                float(limit[r, t]),
                f"{label} van {operator} in {instance.years[t]} overschreden: "
                f"{_nl(used[r, t])} > {_nl(limit[r, t])} {unit}."))
    return found


def _shares(instance: Instance, s: Floats, tolerance: float) -> list[Violation]:
    found: list[Violation] = []
    years = instance.years
    names = [str(name) for name in instance.scenarios]

    def where(c: int, d: int) -> str:
        return f"{instance.dev_ids[d]} (scenario {names[c]})"

    outside = ~((s >= -tolerance) & (s <= 1.0 + tolerance))
    for c, d, y in zip(*np.nonzero(outside), strict=True):
        found.append(Violation(
            "share_bounds", where(c, d), int(years[y]), float(s[c, d, y]), 1.0,
            f"Aangesloten deel van ontwikkeling {where(c, d)} in {years[y]} ligt niet tussen "
            f"0 en 1: {_nl(s[c, d, y], 3)}."))
    falls = s[:, :, 1:] < s[:, :, :-1] - tolerance
    for c, d, y in zip(*np.nonzero(falls), strict=True):
        found.append(Violation(
            "monotone", where(c, d), int(years[y + 1]), float(s[c, d, y + 1]),
            float(s[c, d, y]),
            f"Aangesloten deel van ontwikkeling {where(c, d)} daalt in {years[y + 1]}: "
            f"{_nl(s[c, d, y + 1], 3)} < {_nl(s[c, d, y], 3)} het jaar ervoor."))
    must = years[None, :] >= np.asarray(instance.must_from, dtype=float)[:, None]  # NaN: False
    short = must[None, :, :] & ~(s >= 1.0 - tolerance)
    for c, d, y in zip(*np.nonzero(short), strict=True):
        found.append(Violation(
            "must_from", where(c, d), int(years[y]), float(s[c, d, y]), 1.0,
            f"Ontwikkeling {where(c, d)} moet vanaf {int(instance.must_from[d])} volledig "
            f"aangesloten zijn, maar is in {years[y]} voor {_nl(100 * s[c, d, y])}% "
            f"aangesloten."))
    return found


def row_loads(instance: Instance, start: Ints, connected: Floats, scenario: int
              ) -> tuple[Floats, Floats]:
    """(N,) the load of every capacity row at its peak hour in ``scenario`` (existing load,
    connected shares, moved subtrees where the moving project is in service), and (N,) the
    capacity the projects in service add."""
    # np.bincount with weights returns floats (numpy's stub says intp), hence the casts
    n_rows = len(instance.row_asset)
    year = np.asarray(instance.row_year, dtype=int)
    s = connected[scenario]
    z = _in_service(instance, start).astype(float)
    coef = instance.row_coef[scenario].tocoo()
    load = np.asarray(instance.row_base[scenario], dtype=float) + cast(Floats, np.bincount(
        coef.row, weights=coef.data * s[coef.col, year[coef.row]], minlength=n_rows))
    n_q = len(instance.move_row)
    if n_q:
        q_row = np.asarray(instance.move_row, dtype=int)
        q_year = year[q_row]
        mc = instance.move_coef[scenario].tocoo()
        moved = np.asarray(instance.move_base[scenario], dtype=float) + cast(Floats, np.bincount(
            mc.row, weights=mc.data * s[mc.col, q_year[mc.row]], minlength=n_q))
        on = z[np.asarray(instance.move_project, dtype=int), q_year]
        load = load + cast(Floats, np.bincount(q_row, weights=instance.move_sign * on * moved,
                                               minlength=n_rows))
    delta = instance.row_delta.tocoo()
    added = cast(Floats, np.bincount(delta.row, weights=delta.data * z[delta.col, year[delta.row]],
                                     minlength=n_rows))
    return load, added


def _capacity(instance: Instance, start: Ints, connected: Floats,
              overload: Floats, tolerance: float) -> list[Violation]:
    found: list[Violation] = []
    capacity = np.asarray(instance.row_capacity, dtype=float)
    for c, name in enumerate(instance.scenarios):
        wrong = ~(overload[c] >= -tolerance)
        for n in np.flatnonzero(wrong):
            found.append(Violation(
                "overload", f"{instance.row_asset[n]} (scenario {name})",
                int(instance.years[instance.row_year[n]]), float(overload[c, n]), 0.0,
                f"Overbelasting van {instance.row_asset[n]} in "
                f"{instance.years[instance.row_year[n]]} (scenario {name}) is negatief of "
                f"onbepaald: {_nl(overload[c, n], 3)} MW."))
        load, added = row_loads(instance, start, connected, c)
        room = capacity + added + np.where(wrong, 0.0, overload[c])
        over = ~np.isnan(capacity) & ~(load <= room + _slack(capacity, tolerance))
        for n in np.flatnonzero(over):
            asset = str(instance.row_asset[n])
            direction = DIRECTION_NL.get(str(instance.row_direction[n]),
                                         str(instance.row_direction[n]))
            year = int(instance.years[instance.row_year[n]])
            found.append(Violation(
                "capacity", f"{asset} {direction} (scenario {name})", year, float(load[n]),
                float(room[n]),
                f"Capaciteit van {asset} ({direction}) in {year} overschreden in scenario "
                f"{name}: belasting {_nl(load[n])} MW > capaciteit {_nl(capacity[n])} MW + "
                f"projecten {_nl(added[n])} MW + overbelasting {_nl(overload[c, n])} MW."))
    return found


def verify(result: VariantResult, tolerance: float = 1e-6) -> list[Violation]:
    """Every rule the variant breaks (empty: none). Limits are met within ``tolerance``
    relative to max(1, |limit|); shares within ``tolerance`` absolute."""
    instance = result.instance
    found = _shapes(result)
    misshapen = {v.where for v in found}
    if "start" in misshapen:
        return found
    start, schedule = _schedule(instance, np.asarray(result.start, dtype=float), tolerance)
    found += schedule
    found += _resources(instance, start, tolerance)
    if misshapen:
        return found
    connected = np.asarray(result.connected, dtype=float)
    found += _shares(instance, connected, tolerance)
    found += _capacity(instance, start, connected, np.asarray(result.overload, dtype=float),
                       tolerance)
    return found


def objective(result: VariantResult) -> float:
    """The objective value of a variant [M€], from its schedule and shares: the expected
    discounted value of the connected developments − the overload penalty − the weighted
    discounted cost of the projects built."""
    p = result.instance
    start = np.asarray(result.start, dtype=int)
    value = p.value_meur_per_mw_year * np.einsum(
        "c,cdy,cdy,y->", p.probability, p.value, result.connected, p.discount)
    penalty = p.penalty_meur_per_mw_year * np.einsum(
        "c,cn,n->", p.probability, result.overload, p.discount[p.row_year])
    built = np.flatnonzero(start >= 0)
    cost = (p.cost_factor[built] * p.capex[built]
            * (p.spend[built, start[built], :] @ p.discount)).sum()
    return float(value - penalty - cost)
