"""``pmiek insight``: loads, knelpunten and blocked developments, and ``insight explain``.

A thin shell around :func:`pmiek.insight.analyse`: parse the options, run the stage with a
progress bar, write its tables and maps with :func:`pmiek.adapters.files.write_outputs`, and
print the largest knelpunten.
"""

# No "from __future__ import annotations": typer reads the Annotated options at run time.

from contextlib import ExitStack
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from pmiek.adapters.cli.common import (
    EXIT_INVALID,
    console,
    fail,
    progress_bar,
    read_valid,
    reported,
    written,
)
from pmiek.adapters.cli.i18n import literal, text
from pmiek.adapters.cli.options import Options
from pmiek.adapters.cli.render import decimal, number
from pmiek.adapters.cli.store_cmd import record_stored_run
from pmiek.adapters.files import check_outputs, write_outputs
from pmiek.adapters.files.choice_files import choice_source, scenario_with_choices
from pmiek.domain.defaults import FIRST_YEAR, LOAD_HORIZON, flow_beside_mw
from pmiek.domain.labels import label
from pmiek.domain.workspace import Workspace
from pmiek.insight import InsightResult, analyse, explain
from pmiek.insight.bottlenecks import DIRECTIONS
from pmiek.insight.coverage import left_out
from pmiek.insight.explain import hour_label


def add_insight_command(app: typer.Typer, lang: str) -> None:
    """Register ``insight`` on ``app`` with help texts in ``lang``."""
    o = Options(lang)

    @app.command("insight", help=text("insight.help", lang))
    def insight(
        *,
        args: Annotated[list[str] | None, typer.Argument(help=text("insight.args", lang),
                                                         show_default=False)] = None,
        scenario: Annotated[str, typer.Option("--scenario",
                                              help=text("insight.scenario", lang))] = "all",
        out: Annotated[Path, o.out] = Path("out"),
        year: Annotated[list[int] | None, typer.Option("--year",
                                                       help=text("insight.year", lang))] = None,
        first_year: Annotated[int, typer.Option(
            "--first-year", help=text("insight.first_year", lang))] = FIRST_YEAR,
        workspace_option: Annotated[str | None, typer.Option(
            "--workspace", help=text("insight.workspace", lang))] = None,
        direction: Annotated[str, typer.Option("--direction",
                                               help=text("insight.direction", lang))] = "demand",
        dask: Annotated[str | None, typer.Option("--dask",
                                                 help=text("insight.dask", lang))] = None,
        horizon: Annotated[int, o.horizon] = LOAD_HORIZON,
        language: Annotated[str, o.lang] = lang,
    ) -> None:
        words = list(args or [])
        if words and words[0] == "explain":
            if len(words) != 3 or not words[2].isdigit():
                raise fail(text("insight.explain_usage", lang), lang, EXIT_INVALID)
            ws = read_valid(workspace_option, lang, horizon, console()).workspace
            with reported(lang):
                ws, scenario = scenario_with_choices(ws, scenario)
            run_explain(ws, words[1], int(words[2]), scenario=scenario, direction=direction,
                        lang=lang)
            return
        if len(words) > 1:
            raise fail(text("insight.explain_usage", lang), lang, EXIT_INVALID)
        source = words[0] if words else workspace_option
        ws = read_valid(source, lang, horizon, console()).workspace
        with reported(lang):  # refuse a bad --out before the computation
            check_outputs(out, sources=(source, choice_source(scenario)))
            ws, scenario = scenario_with_choices(ws, scenario)
        shown = console()
        result = _analyse(ws, scenario, first_year=first_year, horizon=horizon, dask=dask,
                          lang=lang, shown=shown)
        with reported(lang):
            paths = write_outputs(result, out, extras=_maps(ws, result, year, lang),
                                  sources=(source,), lang=lang)
        if len(result.largest(1)):
            shown.print(top_table(result, ws, lang))
        else:
            shown.print(text("insight.none", lang, years=f"{result.years[0]}–{result.years[-1]}",
                             n=len(result.scenarios)))
        warn_left_out(ws, lang, shown)
        shown.print(text("insight.written", lang, out=out, files=written(paths, out)))
        record_stored_run(source, "insight", dict(result.provenance.parameters), out,
                          console=shown, lang=lang, result=result)


SHOWN_LEFT_OUT = 8
"""At most this many left-out developments are named per reason."""


def warn_left_out(ws: Workspace, lang: str, shown: Console) -> None:
    """Say prominently how many developments (of how many) the load leaves out, and which."""
    missing = left_out(ws)
    if not len(missing):
        return
    lines = [text("insight.left_out", lang, n=len(missing), total=len(ws.developments))]
    for reason, group in missing.groupby("reason", sort=True):
        ids = group["id"].tolist()
        more = len(ids) - SHOWN_LEFT_OUT
        lines.append(text(f"insight.left_out_{reason}", lang, n=len(ids),
                          ids=", ".join(ids[:SHOWN_LEFT_OUT])
                          + (text("insight.and_more", lang, n=more) if more > 0 else "")))
    shown.print(literal("\n".join(lines)), style="bold yellow")


def _analyse(ws: Workspace, scenario: str, *, first_year: int, horizon: int, dask: str | None,
             lang: str, shown: Console) -> InsightResult:
    with ExitStack() as stack, reported(lang):
        reducer = None
        if dask:
            from pmiek.adapters.compute import close, connect, dask_reducer

            client = connect(dask)
            stack.callback(close, client)
            reducer = dask_reducer(client)
        tell = stack.enter_context(progress_bar(shown, "insight.progress", lang))
        result = analyse(ws, scenario, first_year=first_year, horizon=horizon,
                         reducer=reducer, progress=tell)
    return result


def _maps(ws: Workspace, result: InsightResult, years: list[int] | None, lang: str
          ) -> dict[str, Any]:
    """Per scenario a map of knelpunten per chosen year — one of the electricity grid, one of
    the heat, gas and hydrogen networks when the workspace has any — and a shortage
    timeline."""
    from pmiek.adapters.reports.insight_charts import (
        draw_bottleneck_map,
        draw_shortage_timeline,
    )

    names = dict(zip(ws.assets["id"], ws.assets["name"], strict=True))
    several = len(result.scenarios) > 1
    extras: dict[str, Any] = {}
    located = ws.assets[ws.assets["geometry"].notna()]
    others = tuple(c for c in ("heat", "methane", "hydrogen") if (located["carrier"] == c).any())
    for part in result.scenarios:
        suffix = f"_{part.scenario}" if several and part.scenario else ""
        table = part.bottlenecks.assign(scenario=part.label)
        for year in result.map_years(years):
            extras[f"kaart_knelpunten_{year}{suffix}.png"] = (
                lambda path, t=table, y=year: draw_bottleneck_map(
                    ws, t, y, path, lang=lang, carriers=("electricity",)))
            if others:
                extras[f"kaart_knelpunten_{year}{suffix}_warmte_gas_waterstof.png"] = (
                    lambda path, t=table, y=year: draw_bottleneck_map(
                        ws, t, y, path, lang=lang, carriers=others))
        extras[f"tijdlijn_tekort{suffix}.png"] = (
            lambda path, t=table: draw_shortage_timeline(t, names, path, lang))
    return extras


def top_table(result: InsightResult, ws: Workspace, lang: str, top: int = 15) -> Table:
    """The largest knelpunten: per scenario, asset and direction, the largest shortage."""
    names = dict(zip(ws.assets["id"], ws.assets["name"], strict=True))
    table = Table(title=text("insight.top", lang), header_style="bold")
    for key in ("col.scenario", "col.asset", "col.name", "col.direction", "col.first_year",
                "col.max_shortage", "col.year_max"):
        table.add_column(text(key, lang),
                         justify="right" if key in ("col.max_shortage", "col.first_year",
                                                    "col.year_max") else "left")
    for row in result.largest(top).itertuples(index=False):
        table.add_row(literal(str(row.scenario)), literal(str(row.asset_id)),
                      literal(names.get(row.asset_id, "")),
                      text(f"dir.{DIRECTIONS.get(row.direction, row.direction)}", lang),
                      str(row.first_overload_year), decimal(row.shortage_mw, lang),
                      str(row.year))
    return table


def run_explain(ws: Workspace, asset_id: str, year: int, *, scenario: str | None,
                direction: str, lang: str) -> None:
    """Every development in ``asset_id``'s peak hour of ``year``, summing to the peak."""
    if asset_id not in set(ws.assets["id"]):
        raise fail(text("insight.unknown_asset", lang, asset=asset_id), lang, EXIT_INVALID)
    name = None if scenario in (None, "all") else scenario
    with reported(lang):
        terms, peak, hour = explain(ws, asset_id, year, name, direction=direction)
    title = text("insight.explain_title", lang, asset=asset_id, year=year,
                 direction=text(f"dir.{direction}", lang), peak=decimal(peak, lang),
                 hour=hour_label(hour))
    table = Table(title=literal(title), header_style="bold")
    ruled = bool(terms["rules"].astype(bool).any())  # a column only when a choice acts
    keys = ("col.id", "col.name", "col.sector", "col.connection",
            *(("col.rules",) if ruled else ()), "col.mw")
    for key in keys:
        table.add_column(text(key, lang), justify="right" if key == "col.mw" else "left")
    for row in terms.itertuples(index=False):
        rules = (literal(str(row.rules)),) if ruled else ()
        table.add_row(literal(str(row.development_id)), literal(str(row.name)),
                      literal(label("sector", str(row.sector), lang)),
                      literal(str(row.asset_id)), *rules,
                      decimal(row.mw, lang, 3))
    table.add_row("[bold]Σ[/]", *[""] * (len(keys) - 2),
                  f"[bold]{decimal(terms['mw'].sum(), lang, 3)}[/]")
    console().print(table)
    carrier = str(ws.assets.set_index("id").loc[asset_id, "carrier"])
    flow = flow_beside_mw(carrier, peak)
    if flow is not None:
        console().print(literal(text(f"insight.flow_{carrier}", lang,
                                             flow=number(round(flow[0]), lang))))
