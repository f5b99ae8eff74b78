"""The Energievisie's structuring choices as rules that transform developments (pure).

A *choice* (``heat_supply``, ``role_of_hydrogen``, …) has *options* (``collective``,
``individual``, …); each option is a set of rows of the ``choice_rules`` table. A scenario picks
one option per choice in ``scenario_parameters`` (``parameter`` = the choice, ``value`` = the
option); a choice without a row there leaves the developments as they are.

A rule *matches* the developments of the data (not the rows made by other rules) that fit its
selection: ``sector``, ``carrier``, ``area_id`` (that area or any area inside it),
``development_ids`` (';'-separated) and ``min_start_year`` (developments starting in or after
it), each empty for "any". Its effect
grows along its path: ``ramp(y) = clip((y − start_year + 1) / (end_year − start_year + 1), 0,
1)``, the phasing convention of the developments (1 in every year without a path).

- ``scale``: the development's demand and feed-in × ``1 + (factor − 1)·ramp(y)``.
- ``split``: of the development's demand, the part ``portion`` is divided over *routes*: the
  split rules of one choice, option and selection, whose ``share`` add up to 1. A route with a
  ``to_asset`` moves its part: the development keeps ``1 − Σ portion·share·ramp(y)`` of its
  demand, and a new development row, made once by :func:`expand`, carries
  ``demand × portion × share × conversion`` MW on ``to_asset`` (carrier ``to_carrier``, sector
  ``to_sector``, profile ``profile``; the rest as the development's) × ``ramp(y)``. A route
  without ``to_asset`` stays where it is. Split rules only match developments without
  feed-in (a demand is divided, not a net load).
- ``keep``: changes nothing; an option that leaves the developments as they are.

Several scale rules on one development multiply. In a scenario that does not pick an option,
its rows do nothing and the rows it would make carry 0. :func:`multipliers` gives the (D, Y)
factor the engines apply on top of the scenario factors; :func:`applied` names, per
development, the rules that act on it; :func:`check` validates the rules.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from pmiek.domain.arrays import Bools, Floats, Ints, Objects
from pmiek.domain.coerce import row_ids
from pmiek.domain.problems import Code, Problem, Severity
from pmiek.domain.sizing import developed_mw, profile_of
from pmiek.domain.tables import table
from pmiek.domain.workspace import Workspace

DERIVED_SEPARATOR = "~"
"""A made row's id is the development's id, this, and the rule's id."""
SHARE_TOLERANCE = 1e-6
"""How far the shares of one split may be from 1."""
MAX_AREA_DEPTH = 32
"""More nested areas than this are a cycle (validation reports those)."""


def options(workspace: Workspace, scenario: str | None) -> dict[str, str]:
    """The option ``scenario`` picks for each choice that has rules (none for ``None``)."""
    if scenario is None or not len(workspace.choice_rules):
        return {}
    rows = workspace.scenario_parameters
    rows = rows[(rows["scenario_id"] == scenario)
                & rows["parameter"].isin(workspace.choice_rules["choice"])]
    return dict(zip(rows["parameter"].astype(str), rows["value"].astype(str), strict=True))


def _area_within(areas: pd.DataFrame, developments_area: Objects,
                 targets: Objects) -> Bools:
    """(R, D) whether each development's area is the rule's area or lies inside it."""
    ids = pd.Index(areas["id"].astype(str))
    parent = ids.get_indexer(areas["parent_id"].astype(object).where(
        areas["parent_id"].notna(), "").astype(str))
    at = ids.get_indexer(pd.Series(developments_area).astype(object).where(
        pd.notna(developments_area), "").astype(str))
    target = ids.get_indexer(pd.Series(targets).astype(object).where(
        pd.notna(targets), "").astype(str))
    out = np.zeros((len(targets), len(developments_area)), dtype=bool)
    current = at.copy()
    for _ in range(MAX_AREA_DEPTH):  # up the area tree, one level per step
        known = current >= 0
        if not known.any():
            break
        out |= (current[None, :] == target[:, None]) & known[None, :] & (target[:, None] >= 0)
        current = np.where(known, parent[np.maximum(current, 0)], -1)
    return out


def _matches(workspace: Workspace) -> Bools:
    """(R, D) whether rule r's selection holds for development d (made rows never match)."""
    rules, dev = workspace.choice_rules, workspace.developments
    n_r, n_d = len(rules), len(dev)
    if not n_r or not n_d:
        return np.zeros((n_r, n_d), dtype=bool)
    hit = np.ones((n_r, n_d), dtype=bool)
    for column in ("sector", "carrier"):
        wanted = rules[column].to_numpy(dtype=object, na_value=None)
        have = dev[column].to_numpy(dtype=object, na_value=None)
        hit &= pd.isna(wanted)[:, None] | (wanted[:, None] == have[None, :])
    area = rules["area_id"].to_numpy(dtype=object, na_value=None)
    if pd.notna(area).any():
        within = _area_within(workspace.areas, dev["area_id"].to_numpy(dtype=object,
                                                                        na_value=None), area)
        hit &= pd.isna(area)[:, None] | within
    named = rules["development_ids"].to_numpy(dtype=object, na_value=None)
    ids = dev["id"].astype(str).to_numpy()
    for r in np.flatnonzero(pd.notna(named)):  # the few rules that name developments
        hit[r] &= np.isin(ids, [i.strip() for i in str(named[r]).split(";") if i.strip()])
    since = rules["min_start_year"].to_numpy(dtype=float, na_value=np.nan)
    start = dev["start_year"].to_numpy(dtype=float, na_value=np.nan)
    hit &= np.isnan(since)[:, None] | (start[None, :] >= since[:, None])
    hit &= dev["choice_rule"].isna().to_numpy(dtype=bool)[None, :]
    split = (rules["action"] == "split").to_numpy(dtype=bool)
    feeds_in = developed_mw(workspace)["feedin_mw"].to_numpy() > 0
    hit[split] &= ~feeds_in[None, :]
    return hit


def ramps(rules: pd.DataFrame, years: Ints | Floats) -> Floats:
    """(R, Y) how far each rule has taken effect in each year (its path)."""
    start = rules["start_year"].to_numpy(dtype=float, na_value=np.nan)
    end = rules["end_year"].to_numpy(dtype=float, na_value=np.nan)
    end = np.where(np.isnan(end), start, end)
    years = np.asarray(years, dtype=float)
    out = np.clip((years[None, :] - start[:, None] + 1) / (end - start + 1)[:, None], 0.0, 1.0)
    return np.where(np.isnan(start)[:, None], 1.0, out)


def _moving(rules: pd.DataFrame) -> Bools:
    """(R,) the split routes that move their part to another asset."""
    moving: Bools = ((rules["action"] == "split") & rules["to_asset"].notna()).to_numpy(
        dtype=bool)
    return moving


def _part(rules: pd.DataFrame) -> Floats:
    """(R,) portion × share of each split route (1 where not given)."""
    portion = rules["portion"].to_numpy(dtype=float, na_value=np.nan)
    share = rules["share"].to_numpy(dtype=float, na_value=np.nan)
    part: Floats = np.nan_to_num(portion, nan=1.0) * np.nan_to_num(share, nan=0.0)
    return part


def _picked(workspace: Workspace) -> Bools:
    """(R,) the rules of an option that some scenario picks (the others never act)."""
    rules, params = workspace.choice_rules, workspace.scenario_parameters
    picked = set(zip(params["parameter"].astype(str), params["value"].astype(str),
                     strict=True))
    return np.array([(c, o) in picked for c, o in zip(
        rules["choice"].astype(str), rules["option"].astype(str), strict=True)], dtype=bool)


def is_expanded(workspace: Workspace) -> bool:
    """Whether the rows the rules make are in ``workspace`` already."""
    return bool(workspace.developments["choice_rule"].notna().any())


def expand(workspace: Workspace) -> Workspace:
    """``workspace`` with a development row for every development and route that moves a part
    of its demand (module docstring), appended after the rows of the data; unchanged when
    there are none or they are there already. Only options that some scenario picks make
    rows. The rows of the data keep their positions."""
    rules = workspace.choice_rules
    if not len(rules) or is_expanded(workspace):
        return workspace
    moving = _moving(rules) & _picked(workspace)
    if not moving.any():
        return workspace
    hit = _matches(workspace) & moving[:, None]
    rule_at, dev_at = np.nonzero(hit)
    if not len(rule_at):
        return workspace
    dev = workspace.developments
    made = dev.iloc[dev_at].reset_index(drop=True)
    rule = rules.iloc[rule_at].reset_index(drop=True)
    gross = developed_mw(workspace)["demand_mw"].to_numpy()[dev_at]
    conversion = rule["conversion"].to_numpy(dtype=float, na_value=np.nan)
    made_mw = gross * _part(rules)[rule_at] * np.nan_to_num(conversion, nan=1.0)
    own_profile = profile_of(workspace).to_numpy(dtype=object, na_value=None)[dev_at]
    rule_profile = rule["profile"].to_numpy(dtype=object, na_value=None)
    rule_ids = rule["id"].astype(str).to_numpy()
    made["id"] = made["id"].astype(str).to_numpy() + DERIVED_SEPARATOR + rule_ids
    made["name"] = [f"{n} → {d if isinstance(d, str) and d else r}" for n, d, r in zip(
        made["name"].astype(str), rule["description"].to_numpy(dtype=object, na_value=None),
        rule_ids, strict=True)]
    made["carrier"] = rule["to_carrier"].fillna(made["carrier"]).to_numpy()
    made["sector"] = rule["to_sector"].fillna(made["sector"]).to_numpy()
    made["asset_id"] = rule["to_asset"].to_numpy()
    made["quantity"] = np.nan
    made["unit"] = None
    made["demand_mw"] = made_mw
    made["feedin_mw"] = 0.0
    made["profile"] = np.where(pd.isna(rule_profile), own_profile, rule_profile)
    made["coupled_asset_id"] = None
    made["coupling_factor"] = np.nan
    made["source"] = [f"{c}={o}: {r}" for c, o, r in zip(
        rule["choice"].astype(str), rule["option"].astype(str), rule_ids, strict=True)]
    made["choice_rule"] = rule_ids
    combined = pd.concat([dev, made.astype(dev.dtypes.to_dict())], ignore_index=True)
    return workspace.with_tables(developments=combined)


@dataclass(frozen=True)
class _Active:
    """The rules a scenario's options switch on."""

    on: Bools  # (R,)
    ramp: Floats  # (R, Y)


def _active(workspace: Workspace, scenario: str | None, years: Ints | Floats) -> _Active:
    rules = workspace.choice_rules
    picked = options(workspace, scenario)
    chosen = rules["choice"].astype(str).map(picked)
    on = (chosen == rules["option"].astype(str)).to_numpy(dtype=bool)
    return _Active(on, ramps(rules, years))


def multipliers(workspace: Workspace, scenario: str | None, years: Ints | Floats) -> Floats:
    """(D, Y) the factor the choices of ``scenario`` put on each development of the
    (expanded) workspace, on top of its scenario factor (module docstring)."""
    dev = workspace.developments
    rules = workspace.choice_rules
    out = np.ones((len(dev), len(years)))
    if not len(rules) or not len(dev):
        return out
    active = _active(workspace, scenario, years)
    acting = active.on & (rules["action"] != "keep").to_numpy(dtype=bool)
    if acting.any():  # else no option of this scenario changes a row of the data
        hit = _matches(workspace) & acting[:, None]
        scale = (rules["action"] == "scale").to_numpy(dtype=bool)
        factor = rules["factor"].to_numpy(dtype=float, na_value=1.0)
        for r in np.flatnonzero(scale & hit.any(axis=1)):  # a rule per choice and option
            out[hit[r]] *= 1.0 + (factor[r] - 1.0) * active.ramp[r][None, :]
        moving = _moving(rules)
        moved = (hit & moving[:, None]).T.astype(float) @ (_part(rules)[:, None]
                                                            * active.ramp)
        out *= np.clip(1.0 - moved, 0.0, None)
    made = dev["choice_rule"].to_numpy(dtype=object, na_value=None)
    is_made = pd.notna(made)
    if is_made.any():
        position = pd.Index(rules["id"].astype(str)).get_indexer(made[is_made].astype(str))
        known = position >= 0
        on = np.zeros(is_made.sum(), dtype=bool)
        on[known] = active.on[position[known]]
        ramp = np.zeros((is_made.sum(), len(years)))
        ramp[known] = active.ramp[position[known]]
        out[is_made] = ramp * on[:, None]
    return out


def origins(workspace: Workspace) -> Ints:
    """(D,) per development of the (expanded) workspace, the row of the development of the
    data it stands for: itself, or for a made row ``<id>~<rule>`` the row of ``<id>``."""
    dev = workspace.developments
    out = np.arange(len(dev), dtype=np.int64)
    made = dev["choice_rule"].to_numpy(dtype=object, na_value=None)
    is_made = pd.notna(made)
    if is_made.any():
        ids = dev["id"].astype(str)
        source = ids[is_made].str.rsplit(DERIVED_SEPARATOR, n=1).str[0].to_numpy()
        found = pd.Index(ids.to_numpy()[~is_made]).get_indexer(source)
        data_rows = np.flatnonzero(~is_made)
        out[is_made] = np.where(found >= 0, data_rows[np.maximum(found, 0)], out[is_made])
    return out


NO_GAS_FOR_NEW = ("housing", "utility")
"""Sectors whose new buildings get no gas connection: since 1 July 2018 a new building with a
small-user connection is not connected to the gas network (Gaswet art. 10 lid 6, wet
Voortgang energietransitie). A new gas row of these sectors serves no end use that the law
allows, so it earns nothing."""


def end_use_share(workspace: Workspace) -> Floats:
    """(D,) per development of the (expanded) workspace, the part of its MW that counts as
    end use served: 1 for the rows of the data, 1 / ``conversion`` for a row a split made, and
    0 for gas (``methane``) rows that serve homes or utility buildings (:data:`NO_GAS_FOR_NEW`).

    This is the one place where the value of a connection is tied to its carrier. A made row
    carries ``conversion`` MW on its new carrier per MW of the demand it took over (a home's
    heat pump of 1.2 kW becomes 2.0 kW on the heat network); valuing its MW as they are would
    count the same homes twice. Valued by this share, the homes are worth what they were worth
    on one carrier, however their demand is divided. Only new developments are valued (the
    variants decide on those), so the gas rule concerns new buildings only."""
    dev = workspace.developments
    out = np.ones(len(dev))
    served = dev["sector"].to_numpy(dtype=object)[origins(workspace)]
    gas = dev["carrier"].to_numpy(dtype=object) == "methane"
    if gas.any():  # a gas demand (not a green-gas feed-in) of homes or utility buildings
        sizes = developed_mw(workspace)
        takes = (sizes["demand_mw"].to_numpy() > 0) & ~(sizes["feedin_mw"].to_numpy() > 0)
        out[gas & takes & np.isin(served.astype(str), NO_GAS_FOR_NEW)] = 0.0
    made = dev["choice_rule"].to_numpy(dtype=object, na_value=None)
    is_made = pd.notna(made)
    if not is_made.any() or not len(workspace.choice_rules):
        return out
    rules = workspace.choice_rules
    conversion = rules["conversion"].to_numpy(dtype=float, na_value=1.0)
    at = pd.Index(rules["id"].astype(str)).get_indexer(made[is_made].astype(str))
    factor = np.where(at >= 0, conversion[np.maximum(at, 0)], 1.0)
    out[is_made] *= np.divide(1.0, factor, out=np.zeros_like(factor), where=factor > 0)
    return out


def applied(workspace: Workspace, scenario: str | None) -> pd.Series:
    """Per development of the (expanded) workspace, the ids of the rules that act on it in
    ``scenario``, joined by ';' (empty when none): the rules that scale or split it, or
    the rule that made it."""
    dev = workspace.developments
    rules = workspace.choice_rules
    if not len(rules) or not len(dev):
        return pd.Series([""] * len(dev), index=dev.index, dtype=object)
    active = _active(workspace, scenario, np.zeros(0))
    hit = _matches(workspace) & active.on[:, None]
    hit &= (rules["action"] != "keep").to_numpy(dtype=bool)[:, None]
    ids = rules["id"].astype(str).to_numpy()
    named = pd.Series("", index=dev.index, dtype=object)
    for r in np.flatnonzero(hit.any(axis=1)):  # the few rules that act, in table order
        named[hit[r]] = named[hit[r]] + ";" + ids[r]
    named = named.str.removeprefix(";")
    made = dev["choice_rule"].astype(object)
    position = pd.Index(ids).get_indexer(made.fillna("").astype(str))
    made_on = (position >= 0) & active.on[np.maximum(position, 0)]
    return named.where(~made_on, made.astype(str))


def _problem(code: Code, row: int, rule_id: object, column: str, *, expected: str, got: str,
             table: str = "choice_rules", **params: str) -> Problem:
    return Problem(code, table, column, row, None if pd.isna(rule_id) else str(rule_id),
                   expected=expected, got=got, severity=Severity.ERROR, params=params)


SPLIT_KEYS = ("choice", "option", "sector", "carrier", "area_id", "development_ids",
              "min_start_year", "portion")
"""The columns that make split rules one split: the same choice, option and selection."""


def check(workspace: Workspace) -> list[Problem]:
    """The problems of the choice rules: a scale rule without a factor; a route that moves
    without a carrier or keeps a carrier without an asset; shares of a split that do not add
    up to 1; a scenario that picks an option no rule has."""
    rules = workspace.choice_rules
    if not len(rules):
        return []
    cell = {name: rules[name].to_numpy(dtype=object, na_value=None)
            for name in ("id", "action", "factor", "share", "to_carrier", "to_asset")}
    problems: list[Problem] = []
    groups: dict[tuple[object, ...], list[int]] = {}
    keys = [rules[name].to_numpy(dtype=object, na_value=None) for name in SPLIT_KEYS]
    for i, action in enumerate(cell["action"]):  # a rule per row: a few dozen at most
        rule_id = cell["id"][i]
        if action == "scale" and cell["factor"][i] is None:
            problems.append(_problem(Code.CHOICE_RULE_INCOMPLETE, i, rule_id, "factor",
                                     expected="een factor / a factor", got="",
                                     action="scale"))
        if action != "split":
            continue
        for column, other in (("to_carrier", "to_asset"), ("to_asset", "to_carrier")):
            if cell[column][i] is None and cell[other][i] is not None:
                problems.append(_problem(Code.CHOICE_RULE_INCOMPLETE, i, rule_id, column,
                                         expected=f"{column} bij {other} / with {other}",
                                         got="", action="split"))
        if cell["share"][i] is None:
            problems.append(_problem(Code.CHOICE_RULE_INCOMPLETE, i, rule_id, "share",
                                     expected="een aandeel / a share", got="",
                                     action="split"))
        groups.setdefault(tuple(k[i] for k in keys), []).append(i)
    for members in groups.values():
        total = sum(float(cell["share"][i] or 0.0) for i in members)
        if abs(total - 1.0) > SHARE_TOLERANCE:
            first = members[0]
            problems.append(_problem(Code.CHOICE_SHARES, first, cell["id"][first], "share",
                                     expected="1", got=f"{total:g}", rules=", ".join(
                                         str(cell["id"][i]) for i in members)))
    problems += _unknown_options(workspace)
    return problems


def _unknown_options(workspace: Workspace) -> list[Problem]:
    rules = workspace.choice_rules
    params = workspace.scenario_parameters
    known: dict[str, set[str]] = {}
    for choice, option in zip(rules["choice"].astype(str), rules["option"].astype(str),
                              strict=True):
        known.setdefault(choice, set()).add(option)
    chosen = params["parameter"].astype(object).to_numpy()
    values = params["value"].astype(object).to_numpy()
    bad = [i for i, (c, v) in enumerate(zip(chosen, values, strict=True))
           if c in known and v not in known[c]]
    if not bad:
        return []
    keys = row_ids(table("scenario_parameters"), params)
    return [_problem(Code.UNKNOWN_OPTION, i, keys.iloc[i], "value",
                     table="scenario_parameters", expected=", ".join(sorted(known[chosen[i]])),
                     got=str(values[i]), choice=str(chosen[i])) for i in bad]


__all__ = ["DERIVED_SEPARATOR", "applied", "check", "end_use_share", "expand", "is_expanded",
           "multipliers", "options", "origins", "ramps"]
