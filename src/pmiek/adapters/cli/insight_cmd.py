"""``pmiek insight``: loads, knelpunten and blocked developments, and ``insight explain``."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from pmiek.adapters.cli.i18n import text
from pmiek.adapters.files import ReadResult
from pmiek.adapters.reports.insight_charts import (
    draw_bottleneck_map,
    draw_shortage_timeline,
    years_to_map,
)
from pmiek.domain.workspace import Workspace
from pmiek.insight.bottlenecks import find_bottlenecks
from pmiek.insight.explain import explain, hour_label
from pmiek.insight.inputs import gather
from pmiek.insight.loads import Reducer, project_loads
from pmiek.insight.queue import homes_blocked, queue

LOAD_COLUMNS = ["scenario", "asset_id", "year", "peak_demand_mw", "peak_feedin_mw",
                "capacity_demand_mw", "capacity_feedin_mw", "hours_over_demand",
                "hours_over_feedin"]


def scenarios_of(workspace: Workspace, choice: str | None) -> list[str | None]:
    """The scenarios to run: ``all`` (default) = every scenario, or none when there are none."""
    known = [str(s) for s in workspace.scenarios["id"]]
    if choice in (None, "all"):
        return list(known) or [None]
    if choice not in known:
        raise typer.BadParameter(f"'{choice}' ∉ {', '.join(known) or '-'}")
    return [choice]


def run_insight(result: ReadResult, scenario: str | None, out: Path, years: list[int],
                map_years: list[int] | None, lang: str, console: Console,
                dask: str | None = None) -> None:
    workspace = result.workspace
    chosen = scenarios_of(workspace, scenario)
    out.mkdir(parents=True, exist_ok=True)
    client = None
    reducer: Reducer | None = None
    if dask:
        from pmiek.adapters.compute import close, connect, dask_reducer

        client = connect(dask)
        reducer = dask_reducer(client)
    try:
        _run(workspace, chosen, out, years, map_years, lang, console, reducer)
    finally:
        if client is not None:
            close(client)


def _run(workspace: Workspace, chosen: list[str | None], out: Path, years: list[int],
         map_years: list[int] | None, lang: str, console: Console,
         reducer: Reducer | None) -> None:
    loads_frames, bottleneck_frames, blocked_frames, homes = [], [], [], {}
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task(text("insight.progress", lang), total=len(chosen))
        for name in chosen:
            label = name or ""
            inputs = gather(workspace, name, None, years)
            loads = project_loads(workspace, name, years=years, reducer=reducer)
            table = loads.drop_vars(["peak_demand_hour", "peak_feedin_hour"]).to_dataframe()
            table = table.reset_index().rename(columns={"asset": "asset_id"})
            loads_frames.append(table.assign(scenario=label)[LOAD_COLUMNS])
            bottlenecks = find_bottlenecks(loads)
            bottleneck_frames.append(bottlenecks.assign(scenario=label))
            waiting = queue(workspace, inputs, loads)
            blocked_frames.append(waiting[waiting["blocked"]].assign(scenario=label))
            homes[label] = homes_blocked(workspace, waiting, loads["year"].to_numpy())
            progress.advance(task)
    all_loads = pd.concat(loads_frames, ignore_index=True)
    all_bottlenecks = pd.concat(bottleneck_frames, ignore_index=True)
    all_blocked = pd.concat(blocked_frames, ignore_index=True)
    all_loads.to_csv(out / "loads.csv", index=False)
    first = ["scenario"]
    all_bottlenecks[first + [c for c in all_bottlenecks.columns if c not in first]].to_csv(
        out / "bottlenecks.csv", index=False)
    all_blocked[first + [c for c in all_blocked.columns if c not in first]].to_csv(
        out / "blocked.csv", index=False)
    pd.DataFrame(homes).rename_axis("year").to_csv(out / "homes_blocked.csv")
    names = dict(zip(workspace.assets["id"], workspace.assets["name"], strict=True))
    files = ["loads.csv", "bottlenecks.csv", "blocked.csv", "homes_blocked.csv"]
    for name, bottlenecks in zip(chosen, bottleneck_frames, strict=True):
        suffix = f"_{name}" if len(chosen) > 1 and name else ""
        for year in years_to_map(np.asarray(years), map_years):
            path = out / f"kaart_knelpunten_{year}{suffix}.png"
            draw_bottleneck_map(workspace, bottlenecks, year, path, lang)
            files.append(path.name)
        path = out / f"tijdlijn_tekort{suffix}.png"
        draw_shortage_timeline(bottlenecks, names, path, lang)
        files.append(path.name)
    console.print(top_table(all_bottlenecks, names, lang))
    console.print(text("insight.written", lang, out=out, files=", ".join(files)))


def top_table(bottlenecks: pd.DataFrame, names: dict[str, str], lang: str,
              top: int = 15) -> Table:
    """The largest knelpunten: per scenario, asset and direction, the largest shortage."""
    over = bottlenecks[bottlenecks["shortage_mw"] > 0]
    table = Table(title=text("insight.top", lang), header_style="bold")
    for key in ("col.scenario", "col.asset", "col.name", "col.direction", "col.first_year",
                "col.max_shortage", "col.year_max"):
        table.add_column(text(key, lang),
                         justify="right" if key in ("col.max_shortage", "col.first_year",
                                                    "col.year_max") else "left")
    if not len(over):
        return table
    index = over.groupby(["scenario", "asset_id", "direction"])["shortage_mw"].idxmax()
    worst = over.loc[index].sort_values("shortage_mw", ascending=False).head(top)
    for row in worst.itertuples(index=False):
        table.add_row(str(row.scenario), str(row.asset_id), names.get(row.asset_id, ""),
                      str(row.direction), str(row.first_overload_year),
                      f"{row.shortage_mw:.1f}", str(row.year))
    return table


def run_explain(workspace: Workspace, asset_id: str, year: int, scenario: str | None,
                direction: str, lang: str, console: Console) -> None:
    if asset_id not in set(workspace.assets["id"]):
        raise typer.BadParameter(text("insight.unknown_asset", lang, asset=asset_id))
    name = None if scenario in (None, "all") else scenario
    terms, peak, hour = explain(workspace, asset_id, year, name, direction=direction)
    title = text("insight.explain_title", lang, asset=asset_id, year=year,
                 direction=text(f"dir.{direction}", lang), peak=f"{peak:.3f}",
                 hour=hour_label(hour))
    table = Table(title=title, header_style="bold")
    for key in ("col.id", "col.name", "col.sector", "col.connection", "col.mw"):
        table.add_column(text(key, lang), justify="right" if key == "col.mw" else "left")
    for row in terms.itertuples(index=False):
        table.add_row(str(row.development_id), str(row.name), str(row.sector),
                      str(row.asset_id), f"{row.mw:.3f}")
    table.add_row("[bold]Σ[/]", "", "", "", f"[bold]{terms['mw'].sum():.3f}[/]")
    console.print(table)
