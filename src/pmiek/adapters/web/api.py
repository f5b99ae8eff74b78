"""The JSON API (read only, under ``/api/v1``; described at ``/api/openapi.json``).

The same principal as the pages (the session cookie; anonymous: publiek) and the same
confidentiality: table rows come from :func:`pmiek.adapters.web.tables_view.select_rows`
like the table pages and their CSV; in the station list the confidential assets reach
publiek and gemeente only taken together per municipality and carrier, and asking for a
confidential station by id is a 404 for them. Errors are ``{"detail": "…"}``.

Numbers are JSON numbers; a missing value is ``null``; an infinite utilisation (a load on
zero capacity) is the string ``"Infinity"``.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import numpy as np
import pandas as pd
from fastapi import APIRouter, HTTPException, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from pmiek.adapters.web import deps
from pmiek.adapters.web import tables_view as tv
from pmiek.adapters.web.pages_overview import edition_rows, segment
from pmiek.adapters.web.principal import Principal, audience
from pmiek.adapters.web.results import Results, RunInfo
from pmiek.adapters.web.texts import t
from pmiek.report.public import scrub

router = APIRouter(prefix="/api/v1", tags=["pmiek"])

DIRECTIONS = ("afname", "invoeding")
DEFAULT_YEAR = 2030
"""The year of the station list when none is asked for (the map's default too), if the run
has it; else its first year."""
NUMBERS = ("peak_mw", "capacity_mw", "shortage_mw", "hours_over", "utilisation",
           "first_overload_year")


class WorkspaceOut(BaseModel):
    """A workspace of the store."""

    name: str
    current_version: int
    versions: int
    last_import: dt.datetime | None
    tables: str = Field(description="Path of its table list in this API's sense "
                                    "(/api/v1/werkruimtes/{name}/tabellen/{table}).")


class EditionOut(BaseModel):
    """An edition of the programme and its state."""

    name: str
    workspace: str
    version: int
    state: str = Field(description="concept, kernteam_akkoord, eb_advies, gs_ontwerp, "
                                   "ter_inzage, beantwoord or vastgesteld.")
    state_words: str
    adopted_by: str | None
    adopted_on: str | None


class StationOut(BaseModel):
    """A station's (asset's) step-1 numbers for one scenario, direction and year. For
    publiek and gemeente, confidential assets appear only as a row per municipality,
    carrier and class: ``asset_id`` and the numbers null, ``stations`` how many."""

    model_config = ConfigDict(populate_by_name=True)

    asset_id: str | None
    name: str
    operator: str | None
    area_id: str | None
    kind: str | None
    carrier: str | None
    stations: int = Field(description="How many assets the row stands for.")
    scenario: str
    direction: str
    year: int
    peak_mw: float | None
    capacity_mw: float | None
    shortage_mw: float | None
    hours_over: int | None
    utilisation: float | str | None = Field(
        description="peak / capacity; \"Infinity\" for a load on zero capacity.")
    first_overload_year: int | None
    class_: str | None = Field(alias="class", description="beschikbaar, dreigende_schaarste "
                                                          "or congestie.")


class StationsOut(BaseModel):
    """Every station for one scenario, year, direction (and carrier)."""

    workspace: str
    version: int
    run_id: int
    scenario: str
    year: int
    direction: str
    carrier: str | None
    stations: list[StationOut]


class StationDetailOut(BaseModel):
    """One station: what it is and its step-1 numbers (every row that passes the query)."""

    workspace: str
    version: int
    run_id: int
    asset: dict[str, Any]
    rows: list[StationOut]


class TableOut(BaseModel):
    """A page of the rows of one table, as the table page and its CSV show them."""

    workspace: str
    version: int
    table: str
    run_id: int | None
    columns: list[str]
    total: int = Field(description="Rows that pass the filter.")
    offset: int
    limit: int
    rows: list[dict[str, Any]]


# --- rows as JSON -----------------------------------------------------------------------------


def json_value(value: object) -> object:
    """A cell as JSON: numbers as numbers, a missing value as null, an infinite number as
    the string "Infinity" or "-Infinity"."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        number = float(value)
        if math.isnan(number):
            return None
        if math.isinf(number):
            return "Infinity" if number > 0 else "-Infinity"
        return number
    return str(value)


def json_rows(frame: pd.DataFrame) -> list[dict[str, object]]:
    """The rows of ``frame`` as JSON objects (column → :func:`json_value`)."""
    columns = [str(c) for c in frame.columns]
    values = [frame[c].to_numpy(dtype=object) for c in frame.columns]
    return [dict(zip(columns, (json_value(v[i]) for v in values), strict=True))
            for i in range(len(frame))]


# --- stations ---------------------------------------------------------------------------------


def _insight(results: Results, workspace: str, number: int | None, lang: str
             ) -> tuple[int, RunInfo, pd.DataFrame]:
    with tv.http_errors(lang):
        info = results.version(workspace, number)
    run = results.run(workspace, info.number, "insight")
    if run is None:
        raise HTTPException(status_code=404, detail=t("tables.no_run", lang, kind="insight"))
    return info.number, run, results.table(run.id, "bottlenecks")


def _choice(name: str, given: object, allowed: list[Any], lang: str) -> Any:
    if given is None:
        return allowed[0]
    if given not in allowed:
        shown = ", ".join(str(a) for a in allowed)
        raise HTTPException(status_code=400, detail=(
            f"'{name}' must be one of {shown}, not '{given}'." if lang == "en" else
            f"'{name}' is een van {shown}, niet '{given}'."))
    return given


def _with_assets(rows: pd.DataFrame, assets: pd.DataFrame) -> pd.DataFrame:
    about = assets[["id", "name", "operator", "area_id", "kind", "carrier"]].rename(
        columns={"id": "asset_id", "carrier": "asset_carrier"})
    out = rows.merge(about.astype(object), on="asset_id", how="left")
    if "carrier" not in out.columns:
        out["carrier"] = out["asset_carrier"]
    out["name"] = out["name"].where(out["name"].notna(), out["asset_id"])
    return out.drop(columns="asset_carrier").assign(stations=1)


def _grouped(rows: pd.DataFrame, *, who: Principal, results: Results, workspace: str,
             number: int, lang: str) -> pd.DataFrame:
    """``rows`` as ``who`` may see them: for publiek and gemeente, the confidential assets
    as one row per municipality, carrier and class with how many there are and no numbers
    of their own (as the map's table twin counts them)."""
    if audience(who) == "intern":
        return rows
    hide = results.hidden(workspace, number, "publiek", lang)
    secret = rows["asset_id"].astype(str).isin(hide.assets).to_numpy()
    if not secret.any():
        return scrub(rows, hide, lang)
    areas = results.workspace(workspace, number).areas
    made: list[dict[str, Any]] = []
    for (area, carrier, area_name), group in tv.per_municipality(rows[secret], areas, lang):
        for kind, members in group.groupby(group["class"].astype(str), sort=False):
            operators = members["operator"].dropna().unique()
            made.append({
                "asset_id": None, "area_id": area or None, "carrier": carrier or None,
                "name": t("api.confidential_stations", lang, area=area_name,
                          count=len(members)),
                "operator": operators[0] if len(operators) == 1 else None, "kind": None,
                "stations": len(members), "scenario": members["scenario"].iloc[0],
                "direction": members["direction"].iloc[0], "year": members["year"].iloc[0],
                "class": kind})
    together = pd.DataFrame(made).reindex(columns=rows.columns)
    return pd.concat([scrub(rows[~secret], hide, lang), together], ignore_index=True)


def _station_models(frame: pd.DataFrame) -> list[StationOut]:
    records = json_rows(frame[[c for c in StationOut.model_fields if c != "class_"]
                                 + ["class"]])
    return [StationOut.model_validate(record) for record in records]


@router.get("/werkruimtes", response_model=list[WorkspaceOut])
def workspaces(request: Request) -> list[WorkspaceOut]:
    """The workspaces of the store with their current version."""
    frame = deps.results(request).workspaces()
    return [WorkspaceOut(name=str(row["name"]), current_version=int(row["current_version"]),
                         versions=int(row["versions"]), last_import=row["last_import"],
                         tables=f"/api/v1/werkruimtes/{segment(row['name'])}/tabellen")
            for row in frame.astype(object).to_dict("records")]


@router.get("/edities", response_model=list[EditionOut])
def editions(request: Request) -> list[EditionOut]:
    """The editions of the programme with their state."""
    lang = deps.language(request)
    return [EditionOut(name=str(row["edition"]), workspace=str(row["workspace"]),
                       version=int(row["version"]), state=str(row["status"]),
                       state_words=t(f"state.{row['status']}", lang),
                       adopted_by=row["adopted_by"], adopted_on=row["adopted_on"])
            for row in edition_rows(deps.store(request))]


@router.get("/werkruimtes/{workspace}/stations", response_model=StationsOut,
            response_model_by_alias=True)
def stations(request: Request, workspace: str, *,
             year: int | None = Query(None, description="Default: 2030, else the first year."),
             direction: str = Query("afname", description="afname or invoeding."),
             carrier: str | None = Query(None, description="Default: every carrier."),
             scenario: str | None = Query(None, description="Default: the first scenario."),
             versie: int | None = Query(None, ge=1, description="Default: current version."),
             ) -> StationsOut:
    """Every station's bottleneck numbers for one scenario, year and direction."""
    lang, who, results = deps.language(request), deps.principal(request), deps.results(request)
    number, run, table = _insight(results, workspace, versie, lang)
    chosen_scenario = _choice("scenario", scenario,
                              list(dict.fromkeys(table["scenario"].astype(str))), lang)
    years = sorted({int(y) for y in table["year"]})
    chosen_year = _choice("year", year if year is not None or DEFAULT_YEAR not in years
                          else DEFAULT_YEAR, years, lang)
    chosen_direction = _choice("direction", direction, list(DIRECTIONS), lang)
    keep = ((table["scenario"].astype(str) == chosen_scenario)
            & (table["year"] == chosen_year) & (table["direction"] == chosen_direction))
    if carrier is not None and "carrier" in table.columns:
        _choice("carrier", carrier, sorted(set(table["carrier"].astype(str))), lang)
        keep &= table["carrier"].astype(str) == carrier
    rows = _with_assets(table[keep], results.workspace(workspace, number).assets)
    seen = _grouped(rows, who=who, results=results, workspace=workspace, number=number,
                    lang=lang)
    return StationsOut(workspace=workspace, version=number, run_id=run.id,
                       scenario=chosen_scenario, year=chosen_year,
                       direction=chosen_direction, carrier=carrier,
                       stations=_station_models(seen))


@router.get("/werkruimtes/{workspace}/stations/{asset_id}", response_model=StationDetailOut,
            response_model_by_alias=True)
def station(request: Request, workspace: str, asset_id: str, *,
            year: int | None = None, direction: str | None = None,
            scenario: str | None = None,
            versie: int | None = Query(None, ge=1, description="Default: current version."),
            ) -> StationDetailOut:
    """One station: its facts and its numbers for every scenario, direction and year (or
    those asked for). A confidential station is not found for publiek and gemeente."""
    lang, who, results = deps.language(request), deps.principal(request), deps.results(request)
    number, run, table = _insight(results, workspace, versie, lang)
    assets = results.workspace(workspace, number).assets
    hide = results.hidden(workspace, number, audience(who), lang)
    known = assets["id"].astype(str) == asset_id
    if not known.any() or asset_id in hide.assets:
        raise HTTPException(status_code=404, detail=(
            f"No such station in workspace '{workspace}'." if lang == "en" else
            f"Dit station bestaat niet in werkruimte '{workspace}'."))
    keep = table["asset_id"].astype(str) == asset_id
    for column, value in (("year", year), ("direction", direction), ("scenario", scenario)):
        if value is not None:
            keep &= table[column].astype(str) == str(value)
    rows = _with_assets(table[keep], assets)
    if audience(who) == "publiek":
        rows = scrub(rows, hide, lang)
    facts = json_rows(scrub(tv.with_wkt(assets[known], "assets"), hide, lang))[0]
    return StationDetailOut(workspace=workspace, version=number, run_id=run.id, asset=facts,
                            rows=_station_models(rows))


# --- tables -----------------------------------------------------------------------------------


@router.get("/werkruimtes/{workspace}/tabellen/{table}", response_model=TableOut)
def table_rows(request: Request, workspace: str, table: str, *,
               limit: int = Query(tv.ROWS_PER_PAGE, ge=1, le=10_000),
               offset: int = Query(0, ge=0),
               zoek: str | None = Query(None, description="Free text found in any cell."),
               versie: int | None = Query(None, ge=1, description="Default: current version."),
               ) -> TableOut:
    """A page of the rows of a table (``invoer:assets``, ``inzicht:bottlenecks``, …) as the
    table page and its CSV show them. Every other query parameter is a filter
    ``column=value`` on a column of the table (repeat it for several values); an unknown
    column is a 400 that lists the columns."""
    lang, who, results = deps.language(request), deps.principal(request), deps.results(request)
    with tv.http_errors(lang):
        chosen = tv.select_rows(results, workspace, table, who, lang,
                                items=request.query_params.multi_items(), number=versie)
    page = tv.page_of(chosen.rows, offset=offset, limit=limit)
    src = chosen.source
    return TableOut(workspace=workspace, version=src.version.number, table=src.key,
                    run_id=src.run.id if src.run is not None else None,
                    columns=[str(c) for c in chosen.frame.columns], total=page.total,
                    offset=page.offset, limit=page.limit, rows=json_rows(page.rows))
