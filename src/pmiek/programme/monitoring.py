"""Step 5: monitoring the P-MIEK against the grid operators' investment plans (IP).

The operators publish an investment plan every two years: the draft (*ontwerp*) for
consultation around 1 November of the odd year, the final plan (*definitief*) to the ACM on
1 January of the even year (governance reference, section 3). :class:`IPEdition` names one
edition, :func:`ip_edition_dates` gives its date.

An IP project list has the columns :data:`IP_COLUMNS` (read and checked by
:mod:`pmiek.adapters.files.ip_list`). A *mapping* (:data:`MAPPING_COLUMNS`) links a pmiek
project to an IP row by ``(operator, ip_reference)``; it is made by hand, helped by
:func:`suggest_matches`. :func:`monitor` then classifies every project of the priority list
(:data:`CLASSIFICATIONS`):

- ``op_tijd`` — in the IP, planned in or before the year the chosen variant needs it;
- ``te_laat`` — in the IP, planned later;
- ``vervallen`` — the IP row is cancelled (status ``vervallen``);
- ``ontbreekt`` — *confirmed* absent: the mapping has a row for the project with an empty
  ``ip_reference`` (someone checked the operator's IP and did not find it);
- ``niet_gekoppeld`` — cannot be decided: the mapping has no row for the project, or its
  ``ip_reference`` is not in this IP list (removed, renamed or mistyped; ``reason`` says which).

A *herijking signal* is raised for a tier-1 (spijtvrij) project that is missing from the IP
(``ontbreekt``, or ``vervallen``: a cancelled row no longer delivers it) or planned more than
:data:`SIGNAL_DELAY_YEARS` year later than needed. ``niet_gekoppeld`` raises no signal: it
asks for the mapping to be completed first.

The change against the previous IP edition compares whether the project is *in* each plan
(mapped to a row that exists and is not cancelled): ``nieuw`` (in now, not before),
``verdwenen`` (in before, not now), ``vervroegd`` / ``vertraagd`` / ``ongewijzigd`` (in both,
by planned year; ``ongewijzigd`` also when out of both). It is ``""`` when there is no previous
edition or when either mapping has no row for the project.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pmiek.domain.labels import localised
from pmiek.errors import InputError, said

IP_COLUMNS = ("operator", "ip_reference", "name", "station", "planned_year", "status",
              "cost_band", "miek_label")
"""The columns of an IP project list, in this order."""
IP_OPTIONAL = ("note",)
"""Columns an IP list (and a mapping) may have besides the required ones."""
IP_STATUSES = ("gepland", "in_uitvoering", "gereed", "vervallen")
MIEK_LABELS = ("", "pMIEK", "nMIEK")
YEARS = (2020, 2050)
"""The planned years (and IP years) accepted, inclusive."""
PHASES = ("ontwerp", "definitief")
MAPPING_COLUMNS = ("project_id", "operator", "ip_reference")
CLASSIFICATIONS = ("op_tijd", "te_laat", "ontbreekt", "niet_gekoppeld", "vervallen")
CHANGES = ("nieuw", "vervroegd", "vertraagd", "ongewijzigd", "verdwenen")
SIGNAL_TIER = 1
SIGNAL_DELAY_YEARS = 1
"""A tier-1 project planned *more* than this many years late raises a herijking signal."""

MONITOR_COLUMNS = [
    "project_id", "name", "operator", "tier", "needed_year", "ip_reference", "ip_name",
    "planned_year", "ip_status", "delay_years", "classification", "change", "herijking",
    "signal", "reason",
]
SUGGESTION_COLUMNS = ["project_id", "operator", "ip_reference", "score", "reason"]

CLASSIFICATION_LABELS = {
    "nl": {"op_tijd": "op tijd in het IP", "te_laat": "te laat in het IP",
           "ontbreekt": "ontbreekt in het IP", "niet_gekoppeld": "niet gekoppeld",
           "vervallen": "vervallen in het IP"},
    "en": {"op_tijd": "in the IP on time", "te_laat": "in the IP too late",
           "ontbreekt": "missing from the IP", "niet_gekoppeld": "not matched",
           "vervallen": "cancelled in the IP"},
}
CHANGE_LABELS = {
    "nl": {"nieuw": "nieuw", "vervroegd": "vervroegd", "vertraagd": "vertraagd",
           "ongewijzigd": "ongewijzigd", "verdwenen": "verdwenen", "": ""},
    "en": {"nieuw": "new", "vervroegd": "brought forward", "vertraagd": "delayed",
           "ongewijzigd": "unchanged", "verdwenen": "dropped", "": ""},
}
PHASE_LABELS = {"nl": {"ontwerp": "ontwerp", "definitief": "definitief"},
                "en": {"ontwerp": "draft", "definitief": "final"}}

_REASONS = {
    "nl": {"unmapped": "geen koppeling: bevestig een voorgestelde IP-referentie of leg vast dat "
                       "het project niet in het IP staat",
           "dangling": "referentie {ref} staat niet in deze IP-lijst van {operator}",
           "absent": "de koppeling legt vast dat het project niet in het IP van {operator} staat",
           "cancelled": "IP-project {ref} is vervallen",
           "late": "gepland {planned}, nodig {needed}: {delay} jaar te laat",
           "on_time": "gepland {planned}, nodig {needed}"},
    "en": {"unmapped": "no mapping: confirm a suggested IP reference or record that the "
                       "project is not in the IP",
           "dangling": "reference {ref} is not in this IP list of {operator}",
           "absent": "the mapping records that the project is not in {operator}'s IP",
           "cancelled": "IP project {ref} is cancelled",
           "late": "planned {planned}, needed {needed}: {delay} years late",
           "on_time": "planned {planned}, needed {needed}"},
}
_SIGNALS = {
    "nl": {"missing": "herijkingssignaal: spijtvrij project ontbreekt in het IP van {operator}",
           "late": "herijkingssignaal: spijtvrij project {delay} jaar te laat in het IP van "
                   "{operator}"},
    "en": {"missing": "herijking signal: no-regret project missing from {operator}'s IP",
           "late": "herijking signal: no-regret project {delay} years late in {operator}'s IP"},
}


# --- IP editions ------------------------------------------------------------------------------


def check_ip_edition(ip_year: int, phase: str) -> None:
    """Raise :class:`~pmiek.errors.InputError` unless ``ip_year`` is an even year within
    :data:`YEARS` and ``phase`` one of :data:`PHASES`."""
    if isinstance(ip_year, bool) or not isinstance(ip_year, int | np.integer) or \
            ip_year % 2 or not YEARS[0] <= ip_year <= YEARS[1]:
        raise said(InputError,
                   nl=f"IP-jaar {ip_year!r} bestaat niet: verwacht een even jaar van {YEARS[0]} "
                      f"tot en met {YEARS[1]} (het IP verschijnt om de twee jaar).",
                   en=f"IP year {ip_year!r} does not exist: expected an even year from "
                      f"{YEARS[0]} to {YEARS[1]} (the IP appears every two years).")
    if phase not in PHASES:
        raise said(InputError,
                   nl=f"IP-fase {phase!r} bestaat niet: verwacht {' of '.join(PHASES)}.",
                   en=f"IP phase {phase!r} does not exist: expected {' or '.join(PHASES)}.")


def ip_edition_dates(ip_year: int, phase: str) -> dt.date:
    """The date an IP edition appears: the draft (``ontwerp``) on 1 November of the year
    before ``ip_year``, the final plan (``definitief``) on 1 January of ``ip_year``."""
    check_ip_edition(ip_year, phase)
    year = int(ip_year)
    return dt.date(year - 1, 11, 1) if phase == "ontwerp" else dt.date(year, 1, 1)


@dataclass(frozen=True)
class IPEdition:
    """One edition of the operators' investment plans: ``IPEdition(2026, "ontwerp")``."""

    ip_year: int
    phase: str

    def __post_init__(self) -> None:
        check_ip_edition(self.ip_year, self.phase)

    @property
    def published_on(self) -> dt.date:
        """The date the edition appears (see :func:`ip_edition_dates`)."""
        return ip_edition_dates(self.ip_year, self.phase)

    def previous(self) -> IPEdition:
        """The edition before: the draft before a final plan, the final plan two years
        before a draft."""
        if self.phase == "definitief":
            return IPEdition(self.ip_year, "ontwerp")
        return IPEdition(self.ip_year - 2, "definitief")

    def label(self, lang: str = "nl") -> str:
        """``IP2026 (ontwerp)``, ``IP2026 (draft)``."""
        return f"IP{self.ip_year} ({localised(PHASE_LABELS, lang)[self.phase]})"


# --- monitoring -------------------------------------------------------------------------------


def _unique(frame: pd.DataFrame, keys: list[str], what: str) -> None:
    twice = frame[frame.duplicated(keys, keep=False)]
    if len(twice):
        shown = ", ".join(sorted({"/".join(map(str, r)) for r in twice[keys].to_numpy()}))
        raise said(InputError, nl=f"{what}: dubbele sleutel ({', '.join(keys)}): {shown}.",
                   en=f"{what}: duplicate key ({', '.join(keys)}): {shown}.")


def _text(series: pd.Series) -> pd.Series:
    return series.fillna("").astype(str).str.strip()


def _placement(projects: pd.DataFrame, ip: pd.DataFrame, mapping: pd.DataFrame
               ) -> pd.DataFrame:
    """Per project (``project_id``, ``operator``, in order): ``mapped``, ``ip_operator``,
    ``ip_reference``, ``found``, ``ip_name``, ``planned_year``, ``ip_status`` and ``in_ip``
    (found and not cancelled)."""
    _unique(mapping, ["project_id"], "mapping")
    _unique(ip, ["operator", "ip_reference"], "IP")
    links = pd.DataFrame({"project_id": _text(mapping["project_id"]),
                          "ip_operator": _text(mapping["operator"]),
                          "ip_reference": _text(mapping["ip_reference"]), "mapped": True})
    rows = pd.DataFrame({"ip_operator": _text(ip["operator"]),
                         "ip_reference": _text(ip["ip_reference"]),
                         "ip_name": _text(ip["name"]),
                         "planned_year": pd.to_numeric(ip["planned_year"]).astype("Int64"),
                         "ip_status": _text(ip["status"]), "found": True})
    rows = rows[rows["ip_reference"] != ""]
    base = pd.DataFrame({"project_id": _text(projects["project_id"]),
                         "operator": _text(projects["operator"])})
    out = base.merge(links, on="project_id", how="left")
    out["mapped"] = out["mapped"].astype("boolean").fillna(False).astype(bool)
    out["ip_operator"] = out["ip_operator"].where(out["mapped"], out["operator"])
    out["ip_reference"] = out["ip_reference"].fillna("")
    out = out.merge(rows, on=["ip_operator", "ip_reference"], how="left")
    out["found"] = out["found"].astype("boolean").fillna(False).astype(bool)
    out["ip_name"] = out["ip_name"].fillna("")
    out["ip_status"] = out["ip_status"].fillna("")
    out["in_ip"] = out["found"] & (out["ip_status"] != "vervallen")
    return out.set_axis(projects.index)


def _classify(place: pd.DataFrame, needed: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """The classification of every project and its delay (planned − needed) [years]."""
    delay = (place["planned_year"] - needed).where(place["in_ip"]).astype("Int64")
    late = delay.fillna(0).to_numpy() > 0
    classes = np.select(
        [~place["mapped"].to_numpy(), (place["ip_reference"] == "").to_numpy(),
         ~place["found"].to_numpy(), (place["ip_status"] == "vervallen").to_numpy(), late],
        ["niet_gekoppeld", "ontbreekt", "niet_gekoppeld", "vervallen", "te_laat"],
        "op_tijd")
    return classes, delay


def _reasons(place: pd.DataFrame, needed: pd.Series, classes: np.ndarray, delay: pd.Series,
             lang: str) -> list[str]:
    texts = localised(_REASONS, lang)
    keys = np.select(
        [~place["mapped"].to_numpy(), classes == "ontbreekt", classes == "niet_gekoppeld",
         classes == "vervallen", classes == "te_laat"],
        ["unmapped", "absent", "dangling", "cancelled", "late"], "on_time")
    return [texts[key].format(ref=ref, operator=operator, planned=planned, needed=need,
                              delay=late)
            for key, ref, operator, planned, need, late in zip(
                keys, place["ip_reference"], place["ip_operator"],
                place["planned_year"].astype(str), needed.astype(str), delay.astype(str),
                strict=True)]


def _signals(tier: pd.Series, classes: np.ndarray, delay: pd.Series, operator: pd.Series,
             lang: str) -> tuple[np.ndarray, list[str]]:
    texts = localised(_SIGNALS, lang)
    first = pd.to_numeric(tier, errors="coerce").to_numpy() == SIGNAL_TIER
    missing = np.isin(classes, ["ontbreekt", "vervallen"])
    late = delay.fillna(0).to_numpy() > SIGNAL_DELAY_YEARS
    flag = first & (missing | late)
    text = [("" if not f else texts["missing"].format(operator=o) if m
             else texts["late"].format(operator=o, delay=d))
            for f, m, o, d in zip(flag, missing, operator, delay.astype(str), strict=True)]
    return flag, text


def _changes(now: pd.DataFrame, before: pd.DataFrame) -> np.ndarray:
    known = now["mapped"].to_numpy() & before["mapped"].to_numpy()
    was, is_ = before["in_ip"].to_numpy(), now["in_ip"].to_numpy()
    shift = (now["planned_year"] - before["planned_year"]).fillna(0).to_numpy()
    return np.select(
        [~known, is_ & ~was, was & ~is_, was & is_ & (shift < 0), was & is_ & (shift > 0)],
        ["", "nieuw", "verdwenen", "vervroegd", "vertraagd"], "ongewijzigd")


def monitor(priority: pd.DataFrame, ip: pd.DataFrame, mapping: pd.DataFrame, *,
            previous_ip: pd.DataFrame | None = None,
            previous_mapping: pd.DataFrame | None = None, lang: str = "nl") -> pd.DataFrame:
    """The monitoring report: one row per project of the priority list (its order kept),
    columns :data:`MONITOR_COLUMNS`.

    ``priority`` is the ``priority_list`` table (``project_id``, ``name``, ``operator``,
    ``tier``, ``in_service_year`` are used: the year the chosen variant needs the project is
    ``needed_year``); ``ip`` an IP list (:data:`IP_COLUMNS`); ``mapping`` the links
    (:data:`MAPPING_COLUMNS`, one row per project). ``previous_ip`` (with
    ``previous_mapping``, default ``mapping``) is the previous IP edition, for ``change``.
    ``delay_years`` is planned − needed [years], for projects in the IP only; texts
    (``signal``, ``reason``) are in ``lang``. The module docstring defines the classes.
    """
    needed = pd.to_numeric(priority["in_service_year"], errors="coerce").astype("Int64")
    place = _placement(priority, ip, mapping)
    classes, delay = _classify(place, needed)
    flag, signal = _signals(priority["tier"], classes, delay, place["operator"], lang)
    if previous_ip is None:
        change = np.full(len(priority), "", dtype=object)
    else:
        before = _placement(priority, previous_ip,
                            mapping if previous_mapping is None else previous_mapping)
        change = _changes(place, before)
    report = pd.DataFrame({
        "project_id": place["project_id"], "name": _text(priority["name"]),
        "operator": place["operator"], "tier": priority["tier"], "needed_year": needed,
        "ip_reference": place["ip_reference"], "ip_name": place["ip_name"],
        "planned_year": place["planned_year"].astype("Int64"), "ip_status": place["ip_status"],
        "delay_years": delay, "classification": classes, "change": change,
        "herijking": flag, "signal": pd.Series(signal, index=priority.index, dtype=str),
        "reason": pd.Series(_reasons(place, needed, classes, delay, lang),
                            index=priority.index, dtype=str)}, index=priority.index)
    return report.reset_index(drop=True)[MONITOR_COLUMNS]


# --- suggested matches ------------------------------------------------------------------------

_VOLTAGE = re.compile(r"\d+(?:\s*/\s*\d+)*\s*kv\b")
_WORD = re.compile(r"[0-9a-zà-ÿ]+")
_GENERIC = frozenset({
    "nieuw", "nieuwe", "uitbreiding", "station", "stations", "en", "de", "het", "van", "bij",
    "tot", "ms", "hs", "kv", "extra", "stedin", "tennet", "net", "netuitbreiding", "mva", "mw",
    "new", "expansion", "and", "of",
})
NAME_WEIGHT = 0.6
"""The share of the name similarity in a suggestion's score; the station match has the rest."""


def _words(text: str) -> list[str]:
    """The distinctive words of a name: lower case, without voltages and generic words."""
    words = _WORD.findall(_VOLTAGE.sub(" ", text.lower()))
    return [w for w in words if w not in _GENERIC and (len(w) > 1 or w.isdigit())]


def _tokens(text: str) -> frozenset[str]:
    return frozenset(_words(text))


def _name_score(a: str, b: str) -> float:
    """The larger of the character similarity (difflib, on the distinctive words) and the
    word overlap (Jaccard)."""
    wa, wb = _words(a), _words(b)
    ratio = difflib.SequenceMatcher(None, " ".join(wa), " ".join(wb), autojunk=False).ratio()
    ta, tb = set(wa), set(wb)
    overlap = len(ta & tb) / len(ta | tb) if ta | tb else 0.0
    return max(ratio, overlap)


def _station_score(station: str, assets: frozenset[str]) -> float:
    """The share of the IP station's words found among the project's asset names."""
    words = _tokens(station)
    return len(words & assets) / len(words) if words else 0.0


def suggest_matches(projects: pd.DataFrame, effects: pd.DataFrame, assets: pd.DataFrame,
                    ip: pd.DataFrame, *, per_project: int = 3, minimum: float = 0.35,
                    lang: str = "nl") -> pd.DataFrame:
    """Suggested IP rows for pmiek projects, to be confirmed in the mapping: columns
    :data:`SUGGESTION_COLUMNS`, sorted by project, best score first (ties by reference).

    ``projects`` has ``id``, ``name``, ``operator`` (the workspace table ``projects``);
    its stations are the ``name`` of the ``assets`` (``id``, ``name``) it touches in
    ``effects`` (``project_id``, ``asset_id``). Only IP rows of the project's operator are
    compared. ``score`` [0–1] is :data:`NAME_WEIGHT` × name similarity + the rest × the share
    of the IP station's words in those asset names; at most ``per_project`` rows with a
    score of at least ``minimum`` are kept.
    """
    names = assets.set_index(assets["id"].astype(str))["name"].astype(str)
    touched = effects.assign(asset=effects["asset_id"].astype(str).map(names).fillna(""))
    words = touched.groupby(touched["project_id"].astype(str))["asset"].agg(
        lambda found: frozenset().union(*map(_tokens, found)))
    base = pd.DataFrame({"project_id": projects["id"].astype(str),
                         "project_name": _text(projects["name"]),
                         "operator": _text(projects["operator"])})
    rows = pd.DataFrame({"operator": _text(ip["operator"]),
                         "ip_reference": _text(ip["ip_reference"]),
                         "ip_name": _text(ip["name"]), "station": _text(ip["station"])})
    pairs = base.merge(rows, on="operator", how="inner")
    empty: frozenset[str] = frozenset()
    name = np.array([_name_score(a, b) for a, b in zip(
        pairs["project_name"], pairs["ip_name"], strict=True)], dtype=float)
    station = np.array([_station_score(s, words.get(p, empty)) for s, p in zip(
        pairs["station"], pairs["project_id"], strict=True)], dtype=float)
    pairs["score"] = np.round(NAME_WEIGHT * name + (1 - NAME_WEIGHT) * station, 3)
    word = localised({"nl": ("naam", "station"), "en": ("name", "station")}, lang)
    pairs["reason"] = [f"{word[0]} {n:.0%}" + (f"; {word[1]} {s} {st:.0%}" if st > 0 else "")
                       for n, s, st in zip(name, pairs["station"], station, strict=True)]
    kept = pairs[pairs["score"] >= minimum].sort_values(
        ["project_id", "score", "ip_reference"], ascending=[True, False, True], kind="stable")
    kept = kept.groupby("project_id", sort=False).head(per_project)
    return kept[SUGGESTION_COLUMNS].reset_index(drop=True)


__all__ = [
    "CHANGES",
    "CHANGE_LABELS",
    "CLASSIFICATIONS",
    "CLASSIFICATION_LABELS",
    "IP_COLUMNS",
    "IP_OPTIONAL",
    "IP_STATUSES",
    "MAPPING_COLUMNS",
    "MIEK_LABELS",
    "MONITOR_COLUMNS",
    "NAME_WEIGHT",
    "PHASES",
    "PHASE_LABELS",
    "SIGNAL_DELAY_YEARS",
    "SIGNAL_TIER",
    "SUGGESTION_COLUMNS",
    "YEARS",
    "IPEdition",
    "check_ip_edition",
    "ip_edition_dates",
    "monitor",
    "suggest_matches",
]
