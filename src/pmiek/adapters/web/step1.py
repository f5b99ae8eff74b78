"""Step 1 for the map pages: the stored insight tables turned into what the pages show.

Pure functions on frames (no FastAPI, no store): which carrier, direction, year and scenario
the visitor sees (:func:`choose`), the stations of that view with their capacity-map class
(:func:`stations`), the confidential ones taken together per municipality
(:func:`confidential_groups`), and for one station its numbers (:func:`numbers`), its queue
of blocked developments (:func:`queue`), the projects that relieve it (:func:`relieving`),
the developments that make up its peak (:func:`explained`) and its timeline
(:func:`timeline`). Every number is the stored value; formatting is the template's job.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely

from pmiek.assessment.breakdown import area_levels
from pmiek.domain.arrays import Ints
from pmiek.domain.workspace import Workspace
from pmiek.insight.bottlenecks import CLASSES
from pmiek.insight.explain import Prepared, explain, terms_of
from pmiek.report.public import Hidden, scrub

DIRECTIONS = ("afname", "invoeding")
"""The load directions of the capacity map (demand, feed-in)."""
EXPLAIN_DIRECTION = {"afname": "demand", "invoeding": "feedin"}
NO_DATA = "geen_gegevens"
"""The class of a station without a stored row for the view."""
MAP_CLASSES = (*CLASSES, NO_DATA)
SEVERITY = {NO_DATA: -1, **{name: i for i, name in enumerate(CLASSES)}}
DEFAULT_CARRIER = "electricity"
DEFAULT_DIRECTION = "afname"
DEFAULT_YEAR = 2030
NUMBER_FIELDS = ("capacity_mw", "peak_mw", "shortage_mw", "hours_over", "utilisation",
                 "first_overload_year", "class")
"""The fields of a station's numbers (the ``bottlenecks`` columns the panel shows)."""
WHOLE = ("hours_over", "first_overload_year", "year", "connect_year", "start_year",
         "acm_priority", "earliest_year", "ip_year")
"""Columns whose values are whole numbers (stored as floats where a value is missing)."""
STATION_COLUMNS = ("asset_id", "name", "operator", "kind", "municipality_id", "municipality",
                   *NUMBER_FIELDS)
QUEUE_COLUMNS = ("development_id", "name", "sector", "asset_id", "acm_priority", "start_year",
                 "quantity", "unit", "connect_year")
EXPLAIN_COLUMNS = ("development_id", "name", "sector", "asset_id", "mw", "rules")
TIMELINE_COLUMNS = ("year", "peak_mw", "capacity_mw", "shortage_mw", "hours_over",
                    "utilisation", "class")
RELIEF_COLUMNS = ("project_id", "name", "operator", "kind", "status", "earliest_year",
                  "ip_year", "delta_demand_mw", "delta_feedin_mw", "new_parent_id")


class BadChoice(ValueError):
    """A query value the map cannot show: ``key`` names the message (texts_map), ``values``
    fill it in."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


@dataclass(frozen=True)
class Options:
    """What a stored insight run offers: its carriers, scenarios (in run order) and years."""

    carriers: tuple[str, ...]
    scenarios: tuple[str, ...]
    first_year: int
    last_year: int


@dataclass(frozen=True)
class View:
    """What the visitor looks at: one carrier, direction, year and scenario. ``asked`` is the
    year asked for when it lay outside the run's years (and was clamped)."""

    carrier: str
    direction: str
    year: int
    scenario: str
    asked: int | None = None

    def query(self, **changes: object) -> dict[str, str]:
        """The query string values of this view (with ``changes``)."""
        values: dict[str, object] = {"carrier": self.carrier, "direction": self.direction,
                                     "year": self.year, "scenario": self.scenario}
        values.update(changes)
        return {key: str(value) for key, value in values.items()}


@dataclass(frozen=True)
class Explained:
    """The explain list of a station: ``terms`` sum to ``peak_mw`` (at ``hour``)."""

    terms: pd.DataFrame
    peak_mw: float
    hour: int
    problem: str | None = None


# --- the stored tables, normalised ----------------------------------------------------------

def normalised(bottlenecks: pd.DataFrame, workspace: Workspace | None = None) -> pd.DataFrame:
    """``bottlenecks`` as read back from the store with text columns as text (the scenario
    of a run without scenarios is ``""``) and a ``carrier`` column (from the assets when the
    run has none)."""
    if not len(bottlenecks.columns):
        return pd.DataFrame(columns=["scenario", "asset_id", "carrier", "direction", "year",
                                     *NUMBER_FIELDS])
    table = bottlenecks.copy()
    for column in ("scenario", "asset_id", "direction", "class"):
        table[column] = _text(table[column])
    if "carrier" not in table.columns:
        carriers = ({} if workspace is None else dict(zip(
            workspace.assets["id"].astype(str), workspace.assets["carrier"].astype(str),
            strict=True)))
        table["carrier"] = table["asset_id"].map(carriers).fillna(DEFAULT_CARRIER)
    table["carrier"] = _text(table["carrier"])
    return table


def _text(values: pd.Series) -> pd.Series:
    return pd.Series(values.astype(object).where(values.notna(), "").astype(str).to_numpy(),
                     index=values.index, dtype=object)


def options(bottlenecks: pd.DataFrame) -> Options:
    """The carriers, scenarios and years of a normalised ``bottlenecks`` table."""
    if not len(bottlenecks):
        return Options((), (), DEFAULT_YEAR, DEFAULT_YEAR)
    years = bottlenecks["year"].to_numpy(dtype=int)
    return Options(tuple(pd.unique(bottlenecks["carrier"])),
                   tuple(pd.unique(bottlenecks["scenario"])), int(years.min()),
                   int(years.max()))


def choose(offered: Options, *, carrier: str | None = None, direction: str | None = None,
           year: str | int | None = None, scenario: str | None = None) -> View:
    """The view asked for by query values (``None`` or ``""``: the default). A year outside
    the run's years is clamped (:attr:`View.asked` keeps it); a value that is not a whole
    year, an unknown direction, carrier or scenario is a :class:`BadChoice`."""
    direction = direction or DEFAULT_DIRECTION
    if direction not in DIRECTIONS:
        raise BadChoice("map.bad_direction", value=direction)
    if carrier:
        if offered.carriers and carrier not in offered.carriers:
            raise BadChoice("map.bad_carrier", value=carrier,
                            known=", ".join(offered.carriers))
    else:
        carrier = (DEFAULT_CARRIER if DEFAULT_CARRIER in offered.carriers or not
                   offered.carriers else offered.carriers[0])
    if scenario is None:
        scenario = offered.scenarios[0] if offered.scenarios else ""
    elif offered.scenarios and scenario not in offered.scenarios:
        raise BadChoice("map.bad_scenario", value=scenario,
                        known=", ".join(s or "–" for s in offered.scenarios))
    wanted = _year(year)
    shown = min(max(wanted, offered.first_year), offered.last_year)
    return View(carrier, direction, shown, scenario, asked=None if shown == wanted else wanted)


def _year(value: str | int | None) -> int:
    if value is None or (isinstance(value, str) and not value.strip()):
        return DEFAULT_YEAR
    try:
        return int(str(value).strip())
    except ValueError:
        raise BadChoice("map.bad_year", value=str(value)[:40]) from None


@dataclass(frozen=True)
class Index:
    """A run's ``bottlenecks`` (normalised) and ``blocked`` tables with the row positions of
    each view and of each station found once, so that a page takes its few rows without
    comparing every row of the run (the functions below give the same on the subset as on
    the whole table: the rows keep their order)."""

    bottlenecks: pd.DataFrame
    offered: Options
    by_view: Mapping[tuple[object, ...], Ints]
    """(scenario, direction, carrier, year) → positions in ``bottlenecks``."""
    by_station: Mapping[tuple[object, ...], Ints]
    """(asset_id, scenario, direction, carrier) → positions in ``bottlenecks``."""
    blocked: pd.DataFrame
    by_blocked_at: Mapping[tuple[object, ...], Ints]
    """(blocked_at, scenario) as text → positions in ``blocked``."""

    def view_rows(self, view: View) -> pd.DataFrame:
        """The rows of ``view`` (what :func:`stations` picks)."""
        at = self.by_view.get((view.scenario, view.direction, view.carrier, view.year))
        return self.bottlenecks.iloc[at if at is not None else []]

    def station_rows(self, asset_id: str, view: View) -> pd.DataFrame:
        """The rows of ``asset_id`` in the view's scenario, direction and carrier, every
        year (what :func:`numbers` and :func:`timeline` pick)."""
        at = self.by_station.get((asset_id, view.scenario, view.direction, view.carrier))
        return self.bottlenecks.iloc[at if at is not None else []]

    def numbers(self, asset_id: str, view: View) -> dict[str, object]:
        """:func:`numbers` of ``asset_id`` in the view."""
        at = self.by_station.get((asset_id, view.scenario, view.direction, view.carrier))
        if at is None:
            return dict.fromkeys(NUMBER_FIELDS)
        years = self.bottlenecks["year"].to_numpy()[at]
        hit = at[years == view.year]
        if not len(hit):
            return dict.fromkeys(NUMBER_FIELDS)
        row = self.bottlenecks.iloc[int(hit[0])]
        return {name: (None if _missing(row[name]) else _plain(row[name]))
                for name in NUMBER_FIELDS}

    def blocked_rows(self, asset_id: str, scenario: str) -> pd.DataFrame:
        """The rows of ``blocked`` at ``asset_id`` in ``scenario`` (what :func:`queue`
        picks)."""
        if not len(self.blocked.columns) or not len(self.blocked):
            return self.blocked
        at = self.by_blocked_at.get((asset_id, scenario))
        return self.blocked.iloc[at if at is not None else []]


def index(bottlenecks: pd.DataFrame, blocked: pd.DataFrame | None = None) -> Index:
    """The :class:`Index` of a normalised ``bottlenecks`` table and a stored ``blocked``
    table."""
    blocked = pd.DataFrame() if blocked is None else blocked
    by_view = _positions(bottlenecks, ["scenario", "direction", "carrier", "year"])
    by_station = _positions(bottlenecks, ["asset_id", "scenario", "direction", "carrier"])
    by_blocked_at: dict[tuple[object, ...], Ints] = {}
    if {"blocked_at", "scenario"} <= set(blocked.columns) and len(blocked):
        keys = pd.DataFrame({"at": _text(blocked["blocked_at"]).to_numpy(),
                             "scenario": _text(blocked["scenario"]).to_numpy()})
        by_blocked_at = _positions(keys, ["at", "scenario"])
    return Index(bottlenecks, options(bottlenecks), by_view, by_station, blocked,
                 by_blocked_at)


def _positions(table: pd.DataFrame, columns: list[str]) -> dict[tuple[object, ...], Ints]:
    if not len(table):
        return {}
    groups = table.groupby(columns, sort=False, dropna=True).indices
    return {tuple(key): np.asarray(rows, dtype=np.int64) for key, rows in groups.items()}


# --- stations of a view --------------------------------------------------------------------

def municipalities(workspace: Workspace) -> pd.DataFrame:
    """Per asset (index: its id) the ``municipality_id`` and ``municipality`` name it lies
    in: from its area (the municipality of its area or above), else the municipal outline
    that holds its location, else ``""``."""
    assets, areas = workspace.assets, workspace.areas
    ids = assets["id"].astype(str).to_numpy()
    found = np.full(len(ids), "", dtype=object)
    if len(areas):
        levels = area_levels(areas)["municipality"]
        area = _text(assets["area_id"]) if "area_id" in assets.columns else \
            pd.Series([""] * len(ids))
        found = area.map(levels).fillna("").astype(str).to_numpy(dtype=object)
        missing = found == ""
        town = areas[(areas["kind"].astype(str) == "municipality") & areas["geometry"].notna()]
        located = assets["geometry"].notna().to_numpy()
        if missing.any() and len(town):
            shapes = np.asarray(town["geometry"].to_numpy(), dtype=object)
            tree = shapely.STRtree(shapes)
            rows = np.flatnonzero(missing & located)
            points = shapely.point_on_surface(np.asarray(
                assets["geometry"].to_numpy(), dtype=object)[rows])
            hit_point, hit_area = tree.query(points, predicate="intersects")
            first = pd.Series(hit_area).groupby(hit_point).first()
            town_ids = town["id"].astype(str).to_numpy()
            for point, index in first.items():
                found[rows[int(point)]] = town_ids[int(index)]  # one per located asset
    names = dict(zip(areas["id"].astype(str), areas["name"].astype(str), strict=True))
    return pd.DataFrame({"municipality_id": found,
                         "municipality": [names.get(a, "") for a in found]},
                        index=pd.Index(ids, name="asset_id"))


def stations(workspace: Workspace, bottlenecks: pd.DataFrame, view: View,
             towns: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every asset of the view's carrier with its stored numbers for the view (class
    :data:`NO_DATA` and empty numbers where the run has no row): :data:`STATION_COLUMNS`
    and ``confidential``; the most severe class first, then by utilisation and name.
    ``towns``: :func:`municipalities` of ``workspace`` when already at hand."""
    assets = workspace.assets
    chosen = assets[assets["carrier"].astype(str) == view.carrier]
    rows = bottlenecks[(bottlenecks["scenario"] == view.scenario)
                       & (bottlenecks["direction"] == view.direction)
                       & (bottlenecks["carrier"] == view.carrier)
                       & (bottlenecks["year"] == view.year)]
    rows = rows.drop_duplicates("asset_id").set_index("asset_id")
    towns = municipalities(workspace) if towns is None else towns
    ids = chosen["id"].astype(str).to_numpy()
    table = pd.DataFrame({
        "asset_id": ids,
        "name": _text(chosen["name"]).to_numpy(),
        "operator": _text(chosen["operator"]).to_numpy(),
        "kind": _text(chosen["kind"]).to_numpy(),
        "municipality_id": towns["municipality_id"].reindex(ids).fillna("").to_numpy(),
        "municipality": towns["municipality"].reindex(ids).fillna("").to_numpy(),
        "confidential": (chosen["confidential"].fillna(False).astype(bool).to_numpy()
                         if "confidential" in chosen.columns else False),
    })
    for column in NUMBER_FIELDS:
        table[column] = rows[column].reindex(ids).to_numpy() if column in rows.columns \
            else np.nan
    table["class"] = _text(table["class"]).replace("", NO_DATA).to_numpy()
    order = pd.DataFrame({"s": -table["class"].map(SEVERITY).to_numpy(),
                          "u": -pd.to_numeric(table["utilisation"]).fillna(-1.0).to_numpy(),
                          "n": table["name"].str.lower().to_numpy()})
    table = table.iloc[order.sort_values(["s", "u", "n"], kind="stable").index]
    return table.reset_index(drop=True)


def visible(table: pd.DataFrame, hide: Hidden) -> pd.DataFrame:
    """The rows of ``table`` (``asset_id``) that ``hide`` does not hide, their texts
    scrubbed of hidden ids and names."""
    if hide.empty:
        return table.reset_index(drop=True)
    kept = table[~table["asset_id"].astype(str).isin(hide.assets)]
    return scrub(kept.reset_index(drop=True), hide)


def confidential_groups(table: pd.DataFrame, hide: Hidden, label: str,
                        province: str) -> pd.DataFrame:
    """The hidden stations of ``table`` taken together per municipality: ``municipality``,
    ``name`` (``label`` with ``{area}`` filled in; ``province`` where the station lies in no
    municipality), ``stations`` (how many) and one column per class of :data:`MAP_CLASSES`
    with how many are in it. No ids, names or numbers of the stations themselves."""
    columns = ["municipality", "name", "stations", *MAP_CLASSES]
    secret = table[table["asset_id"].astype(str).isin(hide.assets)]
    if not len(secret):
        return pd.DataFrame(columns=columns)
    where = secret["municipality"].astype(str).replace("", province)
    counts = pd.crosstab(where.to_numpy(), secret["class"].astype(str).to_numpy())
    counts = counts.reindex(columns=list(MAP_CLASSES), fill_value=0).sort_index()
    out = pd.DataFrame({"municipality": counts.index.astype(str),
                        "name": [label.format(area=a) for a in counts.index.astype(str)],
                        "stations": counts.sum(axis=1).to_numpy()})
    for name in MAP_CLASSES:
        out[name] = counts[name].to_numpy()
    return out[columns].reset_index(drop=True)


def class_counts(table: pd.DataFrame) -> dict[str, int]:
    """How many stations of ``table`` are in each class of :data:`MAP_CLASSES`."""
    counts = table["class"].astype(str).value_counts()
    return {name: int(counts.get(name, 0)) for name in MAP_CLASSES}


# --- one station -----------------------------------------------------------------------------

def numbers(bottlenecks: pd.DataFrame, asset_id: str, view: View) -> dict[str, object]:
    """The stored values of :data:`NUMBER_FIELDS` of ``asset_id`` in the view (None each
    when the run has no row for it)."""
    rows = bottlenecks[(bottlenecks["asset_id"] == asset_id)
                       & (bottlenecks["scenario"] == view.scenario)
                       & (bottlenecks["direction"] == view.direction)
                       & (bottlenecks["carrier"] == view.carrier)
                       & (bottlenecks["year"] == view.year)]
    if not len(rows):
        return dict.fromkeys(NUMBER_FIELDS)
    row = rows.iloc[0]
    return {name: (None if _missing(row[name]) else _plain(row[name])) for name in NUMBER_FIELDS}


def timeline(bottlenecks: pd.DataFrame, asset_id: str, view: View) -> pd.DataFrame:
    """The stored rows of ``asset_id`` for the view's scenario, direction and carrier, one
    per year (:data:`TIMELINE_COLUMNS`)."""
    rows = bottlenecks[(bottlenecks["asset_id"] == asset_id)
                       & (bottlenecks["scenario"] == view.scenario)
                       & (bottlenecks["direction"] == view.direction)
                       & (bottlenecks["carrier"] == view.carrier)]
    rows = rows.sort_values("year").drop_duplicates("year")
    return rows.reindex(columns=list(TIMELINE_COLUMNS)).reset_index(drop=True)


def queue(blocked: pd.DataFrame, asset_id: str, scenario: str) -> pd.DataFrame:
    """The developments of ``scenario`` that first had to wait at ``asset_id``
    (:data:`QUEUE_COLUMNS`), in the order of the stored table."""
    if not len(blocked.columns) or not len(blocked):
        return pd.DataFrame(columns=list(QUEUE_COLUMNS))
    at = _text(blocked["blocked_at"]) == asset_id
    same = _text(blocked["scenario"]) == scenario
    waited = blocked["blocked"].map(_truth) if "blocked" in blocked.columns else True
    rows = blocked[at & same & waited]
    return rows.reindex(columns=list(QUEUE_COLUMNS)).reset_index(drop=True)


def _truth(value: object) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "ja", "yes")
    return bool(value) and not _missing(value)


def schedules_of(tables: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The schedules of a stored variants run by lens folder (``<lens>/schedule``)."""
    return {name.rsplit("/", 1)[0]: frame for name, frame in sorted(tables.items())
            if name.endswith("/schedule") and "project_id" in frame.columns}


def relieving(workspace: Workspace, asset_id: str,
              schedules: Mapping[str, pd.DataFrame] | None = None) -> pd.DataFrame:
    """The projects that change ``asset_id``'s capacity (``project_effects`` rows on it)
    with their status and years (:data:`RELIEF_COLUMNS`, ``confidential``, and per lens of
    ``schedules`` a column ``scheduled:<lens>`` with the year the variant puts it in
    service); earliest year first."""
    effects = workspace.project_effects
    mine = effects[effects["asset_id"].astype(str) == asset_id]
    projects = workspace.projects.set_index(workspace.projects["id"].astype(str))
    ids = [p for p in mine["project_id"].astype(str) if p in projects.index]
    mine = mine[mine["project_id"].astype(str).isin(ids)]
    chosen = projects.loc[ids]
    table = pd.DataFrame({
        "project_id": ids,
        "name": _text(chosen["name"]).to_numpy(),
        "operator": _text(chosen["operator"]).to_numpy(),
        "kind": _text(chosen["kind"]).to_numpy(),
        "status": _text(chosen["status"]).to_numpy(),
        "earliest_year": chosen["earliest_year"].to_numpy(dtype=object),
        "ip_year": chosen["ip_year"].to_numpy(dtype=object),
        "delta_demand_mw": mine["delta_demand_mw"].to_numpy(dtype=float),
        "delta_feedin_mw": mine["delta_feedin_mw"].to_numpy(dtype=float),
        "new_parent_id": _text(mine["new_parent_id"]).to_numpy(),
        "confidential": (chosen["confidential"].fillna(False).astype(bool).to_numpy()
                         if "confidential" in chosen.columns else False),
    })
    for lens, schedule in (schedules or {}).items():
        years = dict(zip(schedule["project_id"].astype(str), schedule["in_service_year"],
                         strict=True))
        table[f"scheduled:{lens}"] = [None if _missing(years.get(p)) else int(float(
            str(years[p]))) for p in ids]
    first = pd.to_numeric(table["ip_year"], errors="coerce").fillna(
        pd.to_numeric(table["earliest_year"], errors="coerce")).fillna(9999)
    return table.iloc[np.argsort(first.to_numpy(), kind="stable")].reset_index(drop=True)


def relieving_for(table: pd.DataFrame, hide: Hidden, name: str) -> pd.DataFrame:
    """``table`` of :func:`relieving` as ``hide``'s audience sees it: a hidden project keeps
    its kind, status and years but loses its id and name (``name`` instead); every text
    scrubbed."""
    if hide.empty:
        return table
    out = table.copy()
    secret = out["project_id"].astype(str).isin(hide.projects).to_numpy()
    out.loc[secret, "project_id"] = ""
    out.loc[secret, "name"] = name
    out.loc[secret, "confidential"] = True
    return scrub(out, hide)


def explained(workspace: Workspace, asset_id: str, view: View,
              prepared: Callable[[], Prepared] | None = None) -> Explained:
    """The developments (and storage) at or below ``asset_id`` at its peak hour of the
    view's year, in the view's direction and scenario (the scenario's choices applied):
    :func:`pmiek.insight.explain.explain`. A station the load model does not know gives an
    empty list with ``problem`` set. ``prepared``: gives
    ``pmiek.insight.explain.prepare(workspace, view.year, view.scenario or None)`` (e.g.
    kept for every station of the year); the result is the same."""
    try:
        if prepared is None:
            terms, peak, hour = explain(workspace, asset_id, view.year, view.scenario or None,
                                        direction=EXPLAIN_DIRECTION[view.direction])
        else:
            terms, peak, hour = terms_of(prepared(), asset_id,
                                         EXPLAIN_DIRECTION[view.direction])
    except (KeyError, ValueError) as exc:
        return Explained(pd.DataFrame(columns=list(EXPLAIN_COLUMNS)), math.nan, -1,
                         problem=str(exc))
    return Explained(terms.reindex(columns=list(EXPLAIN_COLUMNS)), float(peak), int(hour))


def explained_for(result: Explained, hide: Hidden,
                  words: Mapping[str, str] | None = None) -> Explained:
    """``result`` as ``hide``'s audience sees it: ids and names of hidden assets and projects
    in its texts replaced (the numbers stay, so the terms still sum to the peak).
    ``words``: :func:`scrubbed` of texts the terms may hold, looked up instead of scrubbed
    again (the result is the same: scrubbing works cell by cell)."""
    if hide.empty:
        return result
    if words is None:
        return Explained(scrub(result.terms, hide), result.peak_mw, result.hour,
                         result.problem)
    terms = result.terms.copy()
    for column in terms.columns:
        values = terms[column]
        if not (pd.api.types.is_object_dtype(values) or pd.api.types.is_string_dtype(values)):
            continue
        cells = values.to_numpy(dtype=object)
        if all(isinstance(v, str) and v in words for v in cells):
            terms[column] = pd.Series([words[v] for v in cells], index=terms.index,
                                      dtype=object)
        else:
            terms[column] = scrub(terms[[column]], hide)[column]
    return Explained(terms, result.peak_mw, result.hour, result.problem)


def scrubbed(texts: Iterable[str], hide: Hidden) -> dict[str, str]:
    """Each of ``texts`` as :func:`pmiek.report.public.scrub` leaves it for ``hide`` (the
    default language, as :func:`explained_for` scrubs)."""
    unique = pd.DataFrame({"text": pd.Series(sorted({str(t) for t in texts}), dtype=object)})
    done = scrub(unique, hide)["text"].to_numpy(dtype=object)
    return dict(zip(unique["text"].to_numpy(dtype=object), done, strict=True))


# --- values ------------------------------------------------------------------------------------

def _missing(value: object) -> bool:
    if value is None or value is pd.NA:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _plain(value: object) -> object:
    """A numpy scalar as the Python value it holds."""
    return value.item() if isinstance(value, np.generic) else value


def raw(value: object, column: str | None = None) -> str:
    """The stored value as text: ``""`` when missing, a whole-number column's value without
    a decimal point, a float as Python's shortest round-trip text (``repr``), else ``str``."""
    if _missing(value):
        return ""
    value = _plain(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if column in WHOLE and value.is_integer():
            return str(int(value))
        return repr(value)
    return str(value)


def csv_text(frame: pd.DataFrame, columns: Sequence[str] | None = None) -> str:
    """``frame`` (its ``columns``) as CSV: ``\\n`` line ends, floats in round-trip form,
    whole-number columns without decimals, missing values empty."""
    chosen = list(columns) if columns is not None else list(frame.columns)
    out = pd.DataFrame({c: [raw(v, c) for v in frame[c].to_numpy(dtype=object)]
                        if c in frame.columns else [""] * len(frame) for c in chosen})
    return str(out.to_csv(index=False, lineterminator="\n"))


__all__ = ["DIRECTIONS", "MAP_CLASSES", "NO_DATA", "NUMBER_FIELDS", "BadChoice", "Explained",
           "Index", "Options", "View", "choose", "class_counts", "confidential_groups",
           "csv_text", "explained", "explained_for", "index", "municipalities", "normalised",
           "numbers", "options", "queue", "raw", "relieving", "relieving_for", "schedules_of",
           "scrubbed", "stations", "timeline", "visible"]
