"""Step 1 on the map: the province map with stations in capacity-map classes, its table twin,
the GeoJSON and CSV behind it, and the station panel with its numbers, queue, relieving
projects, explain list and timeline.

Everything is read from the stored insight run of the workspace's current version
(:class:`~pmiek.adapters.web.results.Results`); :mod:`pmiek.adapters.web.step1` turns the
tables into rows, the templates format them. Publiek and gemeente see confidential assets
only counted per municipality and confidential projects without id or name
(:func:`pmiek.adapters.web.principal.audience`).
"""

from __future__ import annotations

import json
import math
import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

import pandas as pd
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from pmiek.adapters.store.store import VersionInfo
from pmiek.adapters.web import deps, geojson, step1
from pmiek.adapters.web.principal import audience
from pmiek.adapters.web.results import Results, RunInfo
from pmiek.adapters.web.texts import t
from pmiek.adapters.web.timeline_svg import Words, timeline_svg
from pmiek.domain.choice_rules import applied, expand
from pmiek.domain.labels import label
from pmiek.domain.workspace import Workspace
from pmiek.errors import PmiekError
from pmiek.insight.explain import Prepared, hour_label, prepare
from pmiek.report import numbers
from pmiek.report.public import PROVINCE, Hidden, scrub

router = APIRouter(include_in_schema=False)

INSIGHT = "insight"
VARIANTS = "variants"
EXPLAIN_CACHE = "explain"


@dataclass(frozen=True)
class Page:
    """What every step-1 route reads: the workspace version, its insight run, the view asked
    for and what the visitor may not see."""

    name: str
    info: VersionInfo
    workspace: Workspace
    run: RunInfo | None
    bottlenecks: pd.DataFrame
    offered: step1.Options
    view: step1.View
    hide: Hidden
    lang: str
    index: step1.Index
    variants: RunInfo | None = None

    @property
    def base(self) -> str:
        return f"/werkruimte/{quote(self.name, safe='')}"

    def station_url(self, asset_id: str, **changes: object) -> str:
        return (f"{self.base}/station/{quote(asset_id, safe='')}?"
                f"{urlencode(self.view.query(**changes))}")

    def map_url(self, **changes: object) -> str:
        return f"{self.base}/kaart?{urlencode(self.view.query(**changes))}"

    def table_url(self, table: str, **where: object) -> str:
        query = urlencode({k: str(v) for k, v in where.items() if v is not None})
        return f"{self.base}/tabellen/{table}" + (f"?{query}" if query else "")


def _results(request: Request) -> Results:
    return deps.results(request)


def _version(results: Results, name: str) -> VersionInfo:
    try:
        return results.version(name)
    except PmiekError:
        raise HTTPException(status_code=404) from None


_NO_RUN = step1.index(step1.normalised(pd.DataFrame()))


def _index(results: Results, run: RunInfo | None, workspace: Workspace) -> step1.Index:
    """The insight run's bottlenecks (normalised) and blocked tables, indexed once per run."""
    if run is None:
        return _NO_RUN
    return results.kept("run", ("index", run.id), lambda: step1.index(
        step1.normalised(results.table(run.id, "bottlenecks"), workspace),
        results.table(run.id, "blocked")))


def _asked_year(request: Request) -> str | None:
    """The year asked for. The map form sends the slider and the exact input both as
    ``year`` with the year shown as ``was``: the one that differs from it is the choice."""
    values = request.query_params.getlist("year")
    was = request.query_params.get("was")
    changed = [v for v in values if v.strip() and v.strip() != was]
    if changed:
        return changed[0]
    return values[0] if values else None


def page(request: Request, name: str, *, carrier: str | None = None,
         info: VersionInfo | None = None) -> Page:
    """The :class:`Page` of workspace ``name`` for ``request``'s query (404: no such
    workspace; 400: a query value the map cannot show). ``info``: the current version when
    the caller has just read it."""
    results = _results(request)
    info = _version(results, name) if info is None else info
    workspace = results.workspace(info.workspace, info.number)
    runs = results.runs(info.workspace, info.number)
    run = next((r for r in runs if r.kind == INSIGHT), None)
    variants = next((r for r in runs if r.kind == VARIANTS), None)
    found = _index(results, run, workspace)
    table, offered = found.bottlenecks, found.offered
    lang = deps.language(request)
    query = request.query_params
    try:
        view = step1.choose(offered, carrier=query.get("carrier") or carrier,
                            direction=query.get("direction") or None, year=_asked_year(request),
                            scenario=query.get("scenario") or None)
    except step1.BadChoice as exc:
        raise HTTPException(status_code=400, detail=t(exc.key, lang, **exc.values)) from None
    who = deps.principal(request)
    hide = results.hidden(info.workspace, info.number, audience(who), lang)
    return Page(info.workspace, info, workspace, run, table, offered, view, hide, lang, found,
                variants)


def _provenance(request: Request, info: VersionInfo) -> dict[str, Any]:
    editions = deps.store(request).editions()
    mine = editions[(editions["workspace"] == info.workspace)
                    & (editions["version"] == info.number)]
    return {"workspace": info.workspace, "number": info.number, "hash": info.content_hash,
            "edition": str(mine["edition"].iloc[0]) if len(mine) else None}


def _pending_job(request: Request, p: Page) -> str | None:
    """The page of the background job that computes step 1 for this version, when the
    worker says which it is (``worker.job_for(workspace, number)``)."""
    finder = getattr(request.app.state.worker, "job_for", None)
    if not callable(finder):
        return None
    job = finder(p.name, p.info.number)
    job_id = getattr(job, "id", job)
    return f"/taken/{quote(str(job_id), safe='')}" if job_id not in (None, "") else None


def _stations(results: Results, p: Page) -> pd.DataFrame:
    """Every station of the view, confidential ones included (never shown as such)."""
    view = p.view
    run_id = p.run.id if p.run else 0
    return results.kept(
        "view", ("stations", p.name, p.info.number, run_id, view.carrier, view.direction,
                 view.year, view.scenario),
        lambda: step1.stations(p.workspace, p.index.view_rows(view), view,
                               _towns(results, p)))


def _shown(results: Results, p: Page) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The stations the visitor may see one by one, and the others counted per
    municipality."""
    view = p.view
    run_id = p.run.id if p.run else 0

    def make() -> tuple[pd.DataFrame, pd.DataFrame]:
        table = _stations(results, p)
        return (step1.visible(table, p.hide),
                step1.confidential_groups(table, p.hide, *_group_label(p)))

    return results.kept("view", ("shown", p.name, p.info.number, run_id, view.carrier,
                                 view.direction, view.year, view.scenario, *_seen_as(p)),
                        make)


def _towns(results: Results, p: Page) -> pd.DataFrame:
    return results.kept("version", ("municipalities", p.name, p.info.number),
                        lambda: step1.municipalities(p.workspace))


def _seen_as(p: Page) -> tuple[str, str]:
    """What a cached, audience-dependent value depends on besides its inputs."""
    return ("intern" if p.hide.empty else "publiek", p.lang)


def _group_label(p: Page) -> tuple[str, str]:
    return t("map.confidential_group", p.lang), PROVINCE.get(p.lang, PROVINCE["nl"])


def _formatters(lang: str) -> dict[str, Callable[..., str]]:
    def mw(value: object, digits: int = 1) -> str:
        text = numbers.number(value, digits, lang)
        return text if text == numbers.MISSING else f"{text}\u00a0MW"

    def share(value: object) -> str:
        return numbers.percent(value, 0, lang)

    def whole(value: object) -> str:
        return numbers.number(value, 0, lang)

    def decimal(value: object, digits: int = 1) -> str:
        return numbers.number(value, digits, lang)

    return {"mw": mw, "share": share, "whole": whole, "decimal": decimal,
            "year": numbers.year, "raw": step1.raw,
            "lbl": lambda kind, value: label(kind, str(value), lang)}


def _class_labels(lang: str) -> dict[str, str]:
    return {name: t(f"map.class.{name}", lang) for name in step1.MAP_CLASSES}


def _common(request: Request, p: Page, provenance: dict[str, Any] | None = None
            ) -> dict[str, Any]:
    scenarios = _results(request).kept(
        "version", ("scenario names", p.name, p.info.number),
        lambda: dict(zip(p.workspace.scenarios["id"].astype(str),
                         p.workspace.scenarios["name"].astype(str), strict=True)))
    return {"p": p, "view": p.view,
            "provenance": _provenance(request, p.info) if provenance is None else provenance,
            "classes": step1.MAP_CLASSES, "class_labels": _class_labels(p.lang),
            "scenario_name": lambda s: scenarios.get(s, s) or t("map.no_scenario", p.lang),
            "carrier_name": lambda c: label("carrier", c, p.lang),
            **_formatters(p.lang)}


# --- the map -----------------------------------------------------------------------------------

def _content_key(p: Page, what: str, provenance: dict[str, Any] | None = None,
                 *more: Hashable) -> tuple[Hashable, ...]:
    """The key of content that depends on the version, its insight run, the view, the
    audience and the language (and ``more``): never on the individual visitor."""
    return (what, p.name, p.info.number, p.info.content_hash, p.run.id if p.run else 0,
            p.variants.id if p.variants else 0, p.view, *_seen_as(p),
            tuple(sorted((provenance or {}).items())), *more)


@router.get("/werkruimte/{workspace}/kaart")
def map_page(request: Request, workspace: str) -> Response:
    p = page(request, workspace)
    results = _results(request)
    provenance = _provenance(request, p.info)
    settings = deps.settings(request)
    if p.run is None:
        context = _common(request, p, provenance)
        context.update(pending=True, job_url=_pending_job(request, p), rows=[], groups=[],
                       counts={c: 0 for c in step1.MAP_CLASSES})
        return deps.render(request, "map.html.j2", context)
    key = _content_key(p, "kaart", provenance, bool(settings.background_map))
    kept = deps.cached(request, key)
    if kept is not None:
        return kept
    context = _common(request, p, provenance)
    shown, groups = _shown(results, p)
    counts = step1.class_counts(_stations(results, p))
    panel = f"{p.base}/station/__ID__?{urlencode(p.view.query())}"
    context.update(
        pending=False, job_url=None, rows=shown.to_dict("records"),
        groups=groups.to_dict("records"), counts=counts,
        areas_url=f"{p.base}/kaart/gebieden.geojson",
        stations_url=f"{p.base}/kaart/stations.geojson?{urlencode(p.view.query())}",
        csv_url=f"{p.base}/kaart/stations.csv?{urlencode(p.view.query())}",
        panel_url=panel, background="pdok" if settings.background_map else "off",
        source_url=p.table_url("inzicht:bottlenecks", scenario=p.view.scenario,
                               direction=p.view.direction, year=p.view.year))
    return deps.render(request, "map.html.j2", context, cache_key=key)


def _json(value: dict[str, Any]) -> Response:
    return Response(json.dumps(value, ensure_ascii=False, separators=(",", ":"),
                               allow_nan=False),
                    media_type="application/geo+json")


@router.get("/werkruimte/{workspace}/kaart/gebieden.geojson")
def map_areas(request: Request, workspace: str) -> Response:
    results = _results(request)
    info = _version(results, workspace)
    shapes = results.derived(("areas.geojson", info.workspace, info.number), lambda: geojson.areas(
        results.workspace(info.workspace, info.number)))
    return _json(shapes)


@router.get("/werkruimte/{workspace}/kaart/stations.geojson")
def map_stations(request: Request, workspace: str) -> Response:
    p = page(request, workspace)
    if p.run is None:
        return _json(geojson.collection([]))
    results = _results(request)

    def make() -> bytes:
        shown, _groups = _shown(results, p)
        labels = _class_labels(p.lang)
        return bytes(_json(geojson.stations(p.workspace, shown, p.station_url, labels)).body)

    body = results.kept("output", _content_key(p, "stations.geojson"), make)
    return Response(body, media_type="application/geo+json")


def _csv(text: str, filename: str) -> Response:
    return Response(text, media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


STATION_CSV = ("asset_id", "name", "operator", "municipality", "class", "utilisation",
               "peak_mw", "capacity_mw", "shortage_mw", "hours_over", "first_overload_year",
               "stations")


@router.get("/werkruimte/{workspace}/kaart/stations.csv")
def map_stations_csv(request: Request, workspace: str) -> Response:
    p = page(request, workspace)
    name = f"stations-{p.view.carrier}-{p.view.direction}-{p.view.year}.csv"
    if p.run is None:
        return _csv(step1.csv_text(pd.DataFrame(columns=list(STATION_CSV))), name)
    shown, groups = _shown(_results(request), p)
    shown = shown.assign(stations=1)
    long = [{"asset_id": "", "name": g["name"], "operator": "",
             "municipality": g["municipality"], "class": c, "stations": int(g[c])}
            for g in groups.to_dict("records") for c in step1.MAP_CLASSES if int(g[c])]
    rows = pd.concat([shown, pd.DataFrame(long, columns=list(STATION_CSV))],
                     ignore_index=True) if long else shown
    return _csv(step1.csv_text(rows, STATION_CSV), name)


# --- one station -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Station:
    """The station asked for: its asset row and the page it is seen on."""

    p: Page
    asset: dict[str, Any]

    @property
    def id(self) -> str:
        return str(self.asset["id"])


def station_of(request: Request, workspace: str, asset_id: str) -> Station:
    """The visible station ``asset_id`` (404 when unknown or confidential for the visitor);
    the view's carrier defaults to the station's own."""
    results = _results(request)
    info = _version(results, workspace)
    rows = results.kept("version", ("asset rows", info.workspace, info.number),
                        lambda: _asset_rows(results.workspace(info.workspace, info.number)))
    if asset_id not in rows:
        raise HTTPException(status_code=404)
    row = dict(rows[asset_id])
    p = page(request, workspace, carrier=str(row.get("carrier") or "") or None, info=info)
    if asset_id in p.hide.assets:
        raise HTTPException(status_code=404)
    return Station(p, row)


def _asset_rows(workspace: Workspace) -> dict[str, dict[str, Any]]:
    """Per asset id its row (missing values None), the first row of an id."""
    rows: dict[str, dict[str, Any]] = {}
    for record in workspace.assets.to_dict("records"):
        rows.setdefault(str(record["id"]), {
            key: (None if step1.raw(value) == "" else value) for key, value in record.items()})
    return rows


def _warm(results: Results, p: Page) -> None:
    """Prepare the explain lists of every year of the view's scenario in a background thread,
    once per version and scenario (about 60 ms of CPU a year on a province), so that a
    visitor moving through the years finds them ready. The preparations are the ones a
    request would make (same key, same function), only sooner; should one fail, the request
    that needs it makes it (and reports the failure) itself."""
    started: list[bool] = []

    def first() -> bool:
        started.append(True)
        return True

    results.kept("version", ("explain warm", p.name, p.info.number, p.view.scenario or None),
                 first)
    if not started:
        return

    def work() -> None:
        try:
            for year in range(p.offered.first_year, p.offered.last_year + 1):
                _prepared(results, p, year)()
        except Exception:
            pass

    threading.Thread(target=work, name=f"explain-{p.name}-{p.info.number}",
                     daemon=True).start()


def _prepared(results: Results, p: Page, year: int | None = None) -> Callable[[], Prepared]:
    """What the explain lists of every station of the view's year (or ``year``) and scenario
    share, kept per version, scenario and year."""
    name, number, scenario = p.name, p.info.number, p.view.scenario or None
    year = p.view.year if year is None else year
    expanded = lambda: results.kept(  # noqa: E731
        "version", ("expanded", name, number), lambda: expand(p.workspace))
    rules = lambda: results.kept(  # noqa: E731
        "version", ("rules", name, number, scenario),
        lambda: applied(expanded(), scenario).to_numpy(dtype=object))
    return lambda: results.kept(
        "explain", (EXPLAIN_CACHE, name, number, scenario, year),
        lambda: prepare(expanded(), year, scenario, rules=rules()))


def _words(results: Results, p: Page, prepared: Callable[[], Prepared]) -> dict[str, str]:
    """Every text an explain list of the view's scenario may hold, scrubbed for the
    visitor's audience once (:func:`step1.scrubbed`)."""
    def make() -> dict[str, str]:
        made = prepared()
        storage = [str(made.asset_ids[i]) for i in made.storage]
        return step1.scrubbed(
            [*made.development_id, *made.development_name, *made.development_sector,
             *made.development_rules, *made.asset_ids, *made.storage_name,
             *(f"(opslag {a})" for a in storage), "storage", ""], p.hide)

    return results.kept("version", ("explain words", p.name, p.info.number,
                                    p.view.scenario or None, *_seen_as(p)), make)


def _explained_rows(request: Request, s: Station
                    ) -> tuple[step1.Explained, list[dict[str, Any]]]:
    """The explain list of the station as the visitor sees it, and its rows as records."""
    p, view, results = s.p, s.p.view, _results(request)
    key = (EXPLAIN_CACHE, p.name, p.info.number, s.id, view.year, view.scenario,
           view.direction, *_seen_as(p))

    def make() -> tuple[step1.Explained, list[dict[str, Any]]]:
        prepared = _prepared(results, p)
        found = step1.explained(p.workspace, s.id, view, prepared)
        words = (_words(results, p, prepared) if not p.hide.empty and found.problem is None
                 else None)
        shown = step1.explained_for(found, p.hide, words)
        _warm(results, p)
        return shown, shown.terms.to_dict("records")

    return results.kept("station", key, make)


def _explained(request: Request, s: Station) -> step1.Explained:
    return _explained_rows(request, s)[0]


def _timeline(request: Request, s: Station) -> tuple[pd.DataFrame, list[dict[str, Any]]]:
    """The station's stored rows of every year (the view's scenario, direction, carrier)
    and as records."""
    p, view = s.p, s.p.view

    def make() -> tuple[pd.DataFrame, list[dict[str, Any]]]:
        rows = step1.timeline(p.index.station_rows(s.id, view), s.id, view)
        return rows, rows.to_dict("records")

    return _results(request).kept(
        "station", ("timeline", p.run.id if p.run else 0, s.id, view.scenario,
                    view.direction, view.carrier), make)


def _queue(request: Request, s: Station) -> pd.DataFrame:
    p, results = s.p, _results(request)
    if p.run is None:
        return pd.DataFrame(columns=list(step1.QUEUE_COLUMNS))
    run_id = p.run.id

    def make() -> pd.DataFrame:
        rows = step1.queue(p.index.blocked_rows(s.id, p.view.scenario), s.id,
                           p.view.scenario)
        return scrub(rows, p.hide, p.lang) if not p.hide.empty else rows

    return results.kept("station", ("queue", run_id, s.id, p.view.scenario, *_seen_as(p)),
                        make)


def _relieving(request: Request, s: Station) -> tuple[pd.DataFrame, list[str]]:
    results, p = _results(request), s.p
    variants = p.variants

    def make() -> tuple[pd.DataFrame, list[str]]:
        tables = ({name: results.table(variants.id, name) for name in variants.tables
                   if name.endswith("/schedule")} if variants else {})
        schedules = step1.schedules_of(tables)
        table = step1.relieving(p.workspace, s.id, schedules)
        shown = step1.relieving_for(table, p.hide, t("station.confidential_project", p.lang))
        return shown, list(schedules)

    return results.kept("station", ("relieving", p.name, p.info.number,
                                    variants.id if variants else 0, s.id, *_seen_as(p)), make)


def _station_context(request: Request, s: Station) -> dict[str, Any]:
    p, view = s.p, s.p.view
    context = _common(request, p)
    pending = p.run is None
    towns = _towns(_results(request), p)
    town = str(towns["municipality"].get(s.id, "")) if s.id in towns.index else ""
    name = str(s.asset.get("name") or s.id)
    if not p.hide.empty:  # a visible station named after a hidden one
        name = _results(request).kept(
            "station", ("name", p.name, p.info.number, s.id, *_seen_as(p)),
            lambda: str(scrub(pd.DataFrame({"name": [name]}), p.hide, p.lang)["name"].iloc[0]))
    values = p.index.numbers(s.id, view)
    explained, explain_rows = (
        _explained_rows(request, s) if not pending else
        (step1.Explained(pd.DataFrame(columns=list(step1.EXPLAIN_COLUMNS)), math.nan, -1), []))
    rows, timeline_rows = _timeline(request, s)
    queue_rows = _results(request).kept(
        "station", ("queue rows", p.run.id if p.run else 0, s.id, view.scenario,
                    *_seen_as(p)), lambda: _queue(request, s).to_dict("records"))
    relief_rows, lenses = _results(request).kept(
        "station", ("relief rows", p.name, p.info.number, p.variants.id if p.variants else 0,
                    s.id, *_seen_as(p)),
        lambda: (lambda made: (made[0].to_dict("records"), made[1]))(_relieving(request, s)))
    words = Words(
        title=t("station.chart_title", p.lang, name=name),
        description=t("station.chart_description", p.lang,
                      direction=t(f"map.direction.{view.direction}", p.lang),
                      first=view.year if not len(rows) else int(rows["year"].min()),
                      last=view.year if not len(rows) else int(rows["year"].max())),
        peak=t("station.chart_peak", p.lang), capacity=t("station.chart_capacity", p.lang),
        unit="MW")
    svg = _results(request).kept(
        "station", ("chart", p.run.id if p.run else 0, s.id, view, words, p.lang),
        lambda: timeline_svg(rows, words, key=f"tijdlijn-{_safe(s.id)}", year=view.year,
                             number=lambda v: numbers.number(
                                 v, 0 if v >= 10 or v == 0 else 1, p.lang)))
    total = float(explained.terms["mw"].sum()) if len(explained.terms) else 0.0
    stored_peak = values.get("peak_mw")
    csv_query = urlencode(view.query())
    station_base = f"{p.base}/station/{quote(s.id, safe='')}"
    context.update(
        pending=pending, job_url=_pending_job(request, p) if pending else None,
        station=s.asset, station_id=s.id, station_name=name, town=town, values=values,
        explained=explained, explain_rows=explain_rows,
        explain_total=total,
        explain_differs=(isinstance(stored_peak, float) and math.isfinite(stored_peak)
                         and abs(total - stored_peak) > 1e-6 and len(explained.terms) > 0),
        hour=(hour_label(explained.hour) if explained.hour >= 0 else ""),
        timeline_rows=timeline_rows, chart=svg,
        queue_rows=queue_rows, relief_rows=relief_rows,
        lenses=lenses,
        station_url=p.station_url(s.id), map_url=p.map_url(),
        csv={"tijdlijn": f"{station_base}/tijdlijn.csv?{csv_query}",
             "verklaring": f"{station_base}/verklaring.csv?{csv_query}",
             "wachtrij": f"{station_base}/wachtrij.csv?{csv_query}",
             "projecten": p.table_url("invoer:project_effects.csv", asset_id=s.id)},
        source={"row": p.table_url("inzicht:bottlenecks", asset_id=s.id, year=view.year,
                                   scenario=view.scenario, direction=view.direction,
                                   carrier=view.carrier),
                "years": p.table_url("inzicht:bottlenecks", asset_id=s.id,
                                     scenario=view.scenario, direction=view.direction,
                                     carrier=view.carrier),
                "blocked": p.table_url("inzicht:blocked", blocked_at=s.id,
                                       scenario=view.scenario),
                "effects": p.table_url("invoer:project_effects", asset_id=s.id),
                "asset": p.table_url("invoer:assets", id=s.id)},
        development_url=lambda d: p.table_url("invoer:developments", id=d),
        project_url=lambda q: p.table_url("invoer:projects", id=q),
    )
    return context


def _safe(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in text)


@router.get("/werkruimte/{workspace}/station/{asset_id}")
def station_page(request: Request, workspace: str, asset_id: str) -> Response:
    s = station_of(request, workspace, asset_id)
    return deps.render(request, "station.html.j2", _station_context(request, s),
                       block="panel")


@router.get("/werkruimte/{workspace}/station/{asset_id}/tijdlijn.csv")
def station_timeline_csv(request: Request, workspace: str, asset_id: str) -> Response:
    s = station_of(request, workspace, asset_id)
    rows = step1.timeline(s.p.bottlenecks, s.id, s.p.view)
    return _csv(step1.csv_text(rows, step1.TIMELINE_COLUMNS), f"tijdlijn-{_safe(s.id)}.csv")


@router.get("/werkruimte/{workspace}/station/{asset_id}/verklaring.csv")
def station_explain_csv(request: Request, workspace: str, asset_id: str) -> Response:
    s = station_of(request, workspace, asset_id)
    terms = _explained(request, s).terms if s.p.run is not None else pd.DataFrame()
    return _csv(step1.csv_text(terms.reindex(columns=list(step1.EXPLAIN_COLUMNS))),
                f"verklaring-{_safe(s.id)}-{s.p.view.year}.csv")


@router.get("/werkruimte/{workspace}/station/{asset_id}/wachtrij.csv")
def station_queue_csv(request: Request, workspace: str, asset_id: str) -> Response:
    s = station_of(request, workspace, asset_id)
    rows = _queue(request, s)
    return _csv(step1.csv_text(rows, step1.QUEUE_COLUMNS), f"wachtrij-{_safe(s.id)}.csv")
