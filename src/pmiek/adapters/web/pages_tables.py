"""The table browser: the tables of a workspace version, one table page by page with a real
GET filter form, and the same rows as CSV.

Every route reads :func:`pmiek.adapters.web.tables_view.select_rows`, so that the page, its
CSV and the JSON API (:mod:`pmiek.adapters.web.api`) show the same rows to the same
principal. The CSV route is registered before the page route: ``{table}`` would otherwise
also match ``assets.csv``.

CSV (:func:`csv_text`): UTF-8 **without** a byte-order mark, comma-separated, ``.`` as the
decimal sign and ``\\n`` line ends — the form of every CSV file the CLI writes
(``pmiek insight --out``, ``pmiek export``), so that a download reads like those files in
pandas, R or a spreadsheet's import dialog (a mark would put itself in front of the first
column name for tools that do not expect it). Text that a spreadsheet would take for a
formula gets a leading apostrophe (:func:`pmiek.adapters.files.inert.neutralise_frame`).
"""

from __future__ import annotations

import csv
import math
import re
from typing import Any
from urllib.parse import urlencode

import pandas as pd
from fastapi import APIRouter, Request
from fastapi.responses import Response

from pmiek.adapters.files.inert import neutralise_frame
from pmiek.adapters.web import deps
from pmiek.adapters.web import tables_view as tv
from pmiek.adapters.web.pages_overview import helpers, segment
from pmiek.adapters.web.principal import audience
from pmiek.adapters.web.texts import t
from pmiek.domain.tables import table as contract_table
from pmiek.report import numbers

router = APIRouter(include_in_schema=False)

METHOD_ANCHORS = {
    "peak_mw": "piek", "peak_demand_mw": "piek", "peak_feedin_mw": "piek",
    "capacity_mw": "capaciteit", "capacity_demand_mw": "capaciteit",
    "capacity_feedin_mw": "capaciteit", "shortage_mw": "tekort", "hours_over": "uren",
    "hours_over_demand": "uren", "hours_over_feedin": "uren", "utilisation": "benutting",
    "first_overload_year": "eerste-jaar", "class": "klasse", "blocked": "wachtrij",
    "blocked_at": "wachtrij", "connect_year": "wachtrij",
}
"""Columns of the insight tables and the section of the method page that defines them."""

LONG_TEXT = 160
"""Text cells longer than this are shortened on the page (the CSV has them whole)."""

INSIGHT_TABLES = ("loads", "bottlenecks", "blocked", "homes_blocked")


def _kind(series: pd.Series, column: str) -> str:
    """How a column is shown: 'bool', 'year', 'int', 'float' or 'text'."""
    if pd.api.types.is_bool_dtype(series):
        return "bool"
    if pd.api.types.is_numeric_dtype(series):
        if tv.YEAR_COLUMN.search(column):
            return "year"
        return "int" if pd.api.types.is_integer_dtype(series) else "float"
    return "text"


def _float(value: float, lang: str) -> str:
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    size = abs(value)
    if value == round(value):
        return numbers.number(value, 0, lang)
    return numbers.number(value, 3 if size < 1 else 2 if size < 1000 else 0, lang)


def cell(value: object, kind: str, lang: str) -> str:
    """One cell as the page shows it (numbers in the notation of ``lang``)."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return numbers.MISSING if kind != "text" else ""
    if kind == "bool":
        return t("table.yes" if bool(value) else "table.no", lang)
    if kind == "year":
        return numbers.year(value)
    if kind == "int":
        return numbers.number(value, 0, lang)
    if kind == "float":
        return _float(float(value), lang)  # type: ignore[arg-type]
    text = str(value)
    if len(text) > LONG_TEXT:
        return text[:LONG_TEXT - 40] + t("table.truncated", lang, count=len(text))
    return text


def csv_text(frame: pd.DataFrame) -> str:
    """``frame`` as CSV (see the module docstring): booleans ``true``/``false`` as in the
    workspace's CSV files, formula-like text neutralised."""
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_bool_dtype(out[column]):
            flags = out[column].astype(object)
            out[column] = flags.where(flags.isna(), flags.map({True: "true", False: "false"}))
    out = neutralise_frame(out)
    cells = out.select_dtypes(exclude="number").to_numpy().ravel()
    bare_cr = any(isinstance(v, str) and "\r" in v for v in cells)
    text: str = out.to_csv(index=False, lineterminator="\n",
                           quoting=csv.QUOTE_ALL if bare_cr else csv.QUOTE_MINIMAL)
    return text


def safe_file_name(*parts: str) -> str:
    """A download's file name from ``parts``: letters, digits, '.', '_' and '-' only."""
    name = "-".join(re.sub(r"[^A-Za-z0-9._-]+", "-", p).strip("-.") for p in parts if p)
    return (name or "tabel")[:150] + ".csv"


def _href(path: str, params: list[tuple[str, str]]) -> str:
    return path + ("?" + urlencode(params) if params else "")


def _description(src: tv.Source, lang: str) -> str:
    if src.run is None:
        return contract_table(src.name).description(lang)
    if src.group == "inzicht" and src.name in INSIGHT_TABLES:
        return t(f"tables.about.{src.name}", lang)
    return t("tables.result_description", lang, name=src.name)


def _provenance(request: Request, src_version: Any, workspace: str) -> dict[str, Any]:
    editions = deps.store(request).editions()
    chosen = editions[(editions["workspace"] == workspace)
                      & (editions["version"] == src_version.number)]
    return {"workspace": workspace, "number": src_version.number,
            "hash": src_version.content_hash,
            "edition": str(chosen["edition"].iloc[0]) if len(chosen) else None}


@router.get("/werkruimte/{workspace}/tabellen")
def tables(request: Request, workspace: str) -> Response:
    """The tables of the version (``?versie=``, default current) with their row counts as
    the visitor sees them."""
    lang, who, results = deps.language(request), deps.principal(request), deps.results(request)
    number = tv.version_param(request.query_params.get("versie"), lang)
    with tv.http_errors(lang):
        found = tv.sources(results, workspace, number)
    version = found[0].version
    groups: list[dict[str, Any]] = []
    for group in (tv.DATA, *tv.RESULT_KINDS):
        members = [src for src in found if src.group == group]
        groups.append({
            "key": group, "kind": tv.RESULT_KINDS.get(group, ""),
            "run": members[0].run if members else None,
            "tables": [{"source": src, "description": _description(src, lang),
                        "rows": len(tv.view(results, src, who, lang))} for src in members]})
    query = [("versie", str(number))] if number is not None else []
    return deps.render(request, "tables.html.j2", {
        **helpers(lang), "workspace": workspace, "version": version, "groups": groups,
        "query": "?" + urlencode(query) if query else "",
        "public": audience(who) == "publiek",
        "provenance": _provenance(request, version, workspace)})


@router.get("/werkruimte/{workspace}/tabellen/{table}.csv")
def table_csv(request: Request, workspace: str, table: str) -> Response:
    """The filtered rows of one table as CSV (see :mod:`tables_view` for the form)."""
    lang, who, results = deps.language(request), deps.principal(request), deps.results(request)
    number = tv.version_param(request.query_params.get("versie"), lang)
    with tv.http_errors(lang):
        chosen = tv.select_rows(results, workspace, table, who, lang,
                                items=request.query_params.multi_items(), number=number)
    name = safe_file_name(workspace, f"v{chosen.source.version.number}",
                             chosen.source.slug.replace(":", "-"))
    return Response(content=csv_text(chosen.rows), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/werkruimte/{workspace}/tabellen/{table}")
def table_page(request: Request, workspace: str, table: str) -> Response:
    """One table: filter form, a page of rows, pagination, the CSV link and the source."""
    lang, who, results = deps.language(request), deps.principal(request), deps.results(request)
    number = tv.version_param(request.query_params.get("versie"), lang)
    items = request.query_params.multi_items()
    with tv.http_errors(lang):
        src = tv.source(results, workspace, table, number)
    key = ("table", workspace, src.version.number, src.run.id if src.run else None, src.slug,
           tuple(sorted(items)), audience(who), lang)
    kept = deps.cached(request, key)
    if kept is not None:
        return kept
    with tv.http_errors(lang):
        chosen = tv.select_rows(results, workspace, table, who, lang, items=items,
                                number=number, src=src)
    try:
        wanted = int(request.query_params.get("pagina") or 1)
    except ValueError:
        wanted = 1
    size = tv.ROWS_PER_PAGE
    last = max(1, math.ceil(len(chosen.rows) / size))
    page = tv.page_of(chosen.rows, offset=(min(max(wanted, 1), last) - 1) * size, limit=size)
    columns: list[dict[str, Any]] = [{"name": str(c), "kind": _kind(chosen.frame[c], str(c)),
                "anchor": METHOD_ANCHORS.get(str(c)) if src.group == "inzicht" else None}
               for c in chosen.frame.columns]
    rows = [[(cell(value, col["kind"], lang), col["kind"] not in ("text", "bool"))
             for value, col in zip(record, columns, strict=True)]
            for record in page.rows.itertuples(index=False, name=None)]
    path = f"/werkruimte/{segment(workspace)}/tabellen/{segment(src.slug)}"
    keep = [("versie", str(number))] if number is not None else []
    params = chosen.chosen.params()

    def at(n: int) -> str:
        return _href(path, [*keep, *params, *([("pagina", str(n))] if n > 1 else [])])

    removals = [{"label": f"{column} = {value}",
                 "href": _href(path, [*keep, *[p for p in params if p != (column, value)]])}
                for column, value in params if column != "zoek"]
    if chosen.chosen.text:
        removals.append({"label": t("table.active_text", lang, text=chosen.chosen.text),
                         "href": _href(path, [*keep, *[p for p in params if p[0] != "zoek"]])})
    return deps.render(request, "table.html.j2", {
        **helpers(lang), "workspace": workspace, "source": src,
        "description": _description(src, lang), "columns": columns, "rows": rows,
        "page": page, "path": path, "public": audience(who) == "publiek",
        "hidden_params": [*keep, *[p for p in params if p[0] != "zoek"]],
        "search": chosen.chosen.text, "removals": removals,
        "clear_href": _href(path, keep),
        "first_href": at(1) if page.number > 1 else None,
        "previous_href": at(page.number - 1) if page.number > 1 else None,
        "next_href": at(page.number + 1) if page.number < page.pages else None,
        "last_href": at(page.pages) if page.number < page.pages else None,
        "csv_href": _href(path + ".csv", [*keep, *params]),
        "has_method": any(col["anchor"] for col in columns),
        "provenance": _provenance(request, src.version, workspace)}, cache_key=key)
