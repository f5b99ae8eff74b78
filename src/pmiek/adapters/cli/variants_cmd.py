"""``pmiek variants``: step 3, a development variant per policy lens.

A thin shell around :func:`pmiek.variants.design_variants`: parse the options, run the stage
with a progress bar, write its tables (each lens' ``why.csv`` with a sentence per project)
and charts with :func:`pmiek.adapters.files.write_outputs`, print the comparison, why
projects are built or not, and what went wrong, and exit 1 when a lens has no valid
schedule.
"""

# No "from __future__ import annotations": typer reads the Annotated options at run time.

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from pmiek.adapters.cli.common import (
    EXIT_FAILED,
    console,
    progress_bar,
    quiet_solver,
    read_valid,
    reported,
)
from pmiek.adapters.cli.i18n import Markup, literal, text
from pmiek.adapters.cli.options import Options
from pmiek.adapters.cli.render import decimal, percent
from pmiek.adapters.cli.render_variants import print_comparison
from pmiek.adapters.cli.render_why import counts_line, explained
from pmiek.adapters.cli.store_cmd import record_stored_run
from pmiek.adapters.files import check_outputs, write_outputs
from pmiek.adapters.files.choice_files import choice_source, scenario_with_choices
from pmiek.adapters.files.lenses import load_lenses
from pmiek.adapters.files.metadata import METADATA_FILE
from pmiek.adapters.files.results_xlsx import WORKBOOK
from pmiek.adapters.files.variant_results import read_fixed_schedule
from pmiek.domain.defaults import FIRST_YEAR, LOAD_HORIZON, VARIANTS_HORIZON
from pmiek.domain.workspace import Workspace
from pmiek.variants import (
    BUILT_IN,
    LENS_FRAMES,
    ConnectionValue,
    LensOutcome,
    SolverOptions,
    Termination,
    VariantSet,
    design_variants,
)

LENS_FILES = (*(f"{name}.csv" for name in LENS_FRAMES), "gantt.png", "resources.png")


def add_variants_command(app: typer.Typer, lang: str) -> None:
    """Register ``variants`` on ``app`` with help texts in ``lang``."""
    o = Options(lang)

    @app.command("variants", help=text("variants.help", lang))
    def variants(
        *,
        workspace: Annotated[str | None, typer.Argument(help=text("variants.workspace", lang),
                                                        show_default=False)] = None,
        lens: Annotated[str, typer.Option("--lens", help=text(
            "variants.lens", lang, lenses=", ".join(BUILT_IN)))] = "all",
        level: Annotated[str, typer.Option("--level",
                                           help=text("variants.level", lang))] = "province",
        scenario: Annotated[str, o.scenario] = "all",
        out: Annotated[Path, o.out] = Path("out/varianten"),
        first_year: Annotated[int, o.first_year] = FIRST_YEAR,
        horizon: Annotated[int, o.variants_horizon] = VARIANTS_HORIZON,
        gap: Annotated[float, o.gap] = SolverOptions.mip_gap,
        node_limit: Annotated[int, o.node_limit] = SolverOptions.node_limit,
        time_limit: Annotated[float, o.time_limit] = SolverOptions.time_limit,
        move_ip: Annotated[bool, typer.Option("--move-ip/--no-move-ip",
                                              help=text("variants.move_ip", lang))] = False,
        fixed: Annotated[Path | None, typer.Option("--fixed", help=text("variants.fixed", lang),
                                                   show_default=False)] = None,
        baseline: Annotated[bool, typer.Option("--baseline/--no-baseline",
                                               help=text("variants.baseline", lang))] = True,
        language: Annotated[str, o.lang] = lang,
    ) -> None:
        shown = console(width=240)
        ws = read_valid(workspace, lang, max(horizon, LOAD_HORIZON), shown).workspace
        with reported(lang):  # refuse a bad --out before the computation
            check_outputs(out, sources=(workspace, fixed, choice_source(scenario)))
            ws, scenario = scenario_with_choices(ws, scenario)
        options = SolverOptions(mip_gap=gap, node_limit=node_limit, time_limit=time_limit)
        quiet_solver()
        with reported(lang), progress_bar(shown, "variants.progress", lang) as tell:
            pinned = read_fixed_schedule(fixed, ws) if fixed is not None else None
            result = design_variants(ws, load_lenses(lens), scenario, level=level,
                                     first_year=first_year, horizon=horizon, fixed=pinned,
                                     move_ip=move_ip, options=options, baseline=baseline,
                                     progress=tell)
        with reported(lang):
            write_outputs(result, out, frames=lens_frames(result, ws, lang),
                          extras=lens_charts(result, lang), sources=(workspace, fixed),
                          lang=lang)
        show_outcomes(result, ws, out, lang, shown)
        record_stored_run(workspace, "variants", dict(result.provenance.parameters), out,
                          console=shown, lang=lang, result=result)
        if result.failures:
            shown.print(f"[red]{text('variants.failures', lang, n=result.failures)}[/]")
            raise typer.Exit(EXIT_FAILED)


def lens_frames(result: VariantSet, ws: Workspace, lang: str) -> dict[str, Any]:
    """The tables to write: the variant set's, each lens' ``why`` with its sentences."""
    frames = result.to_frames(lang)
    for outcome in result.outcomes:
        if outcome.why is not None and f"{outcome.folder}/why" in frames:
            frames[f"{outcome.folder}/why"] = explained(outcome.why, ws, lang)
    return frames


def lens_charts(result: VariantSet, lang: str) -> dict[str, Any]:
    """Per lens with a schedule: the Gantt chart and the use of resources."""
    from pmiek.adapters.reports.variant_charts import draw_gantt, draw_resources

    extras: dict[str, Any] = {}
    for outcome in result.outcomes:
        if outcome.result.feasible:
            variant = outcome.result
            extras[f"{outcome.folder}/gantt.png"] = (
                lambda path, v=variant: draw_gantt(v, path, lang))
            extras[f"{outcome.folder}/resources.png"] = (
                lambda path, v=variant: draw_resources(v, path, lang))
    return extras


def show_outcomes(result: VariantSet, ws: Workspace, out: Path, lang: str,
                  shown: Console) -> None:
    """Per lens what went wrong or needs a word, then the comparison and what was written."""
    for outcome in result.outcomes:
        for line, style in lens_notes(outcome, result.options, lang):
            shown.print(f"[{style}]{literal(line)}[/]")
    print_comparison(shown, result.comparison(lang), result, ws, lang)
    for line in value_notes(result, lang):
        shown.print(line)
    for outcome in result.outcomes:
        if outcome.why is not None and outcome.result.feasible:
            shown.print(counts_line(outcome.why, outcome.lens.label(lang), lang,
                                    f"{outcome.folder}/why.csv"))
    folders = [f"{o.folder}/" for o in result.outcomes if o.result.feasible]
    shown.print(text("variants.written", lang, out=out,
                     files=", ".join(["comparison.csv", WORKBOOK, METADATA_FILE, *folders]),
                     lens_files=", ".join(LENS_FILES)))


def value_notes(result: VariantSet, lang: str) -> list[Markup]:
    """The value of a connection each lens rests on (central, range, source), one line per
    distinct value with the lenses that share it."""
    shared: dict[object, list[str]] = {}
    for outcome in result.outcomes:
        shared.setdefault(outcome.lens.value, []).append(outcome.lens.label(lang))
    lines = []
    for value, labels in shared.items():
        assert isinstance(value, ConnectionValue)
        central = decimal(value.central, lang, 2)
        if value.sourced:
            lines.append(text("assess.value", lang, lens=", ".join(labels), central=central,
                              low=decimal(value.low, lang, 2),
                              high=decimal(value.high, lang, 2),
                              source=value.source_text(lang)))
        else:
            lines.append(text("assess.value_unsourced", lang, lens=", ".join(labels),
                              central=central))
    return lines


def lens_notes(outcome: LensOutcome, options: SolverOptions, lang: str
               ) -> list[tuple[str, str]]:
    """The notes on one lens, each with its style: limits reached, failures, violations."""
    result, base, label = outcome.result, outcome.baseline, outcome.lens.label(lang)
    notes: list[tuple[str, str]] = []
    gap = percent(result.mip_gap, lang)
    asked = percent(options.mip_gap, lang)
    if result.termination is Termination.NODE_LIMIT:
        notes.append((text("variants.node_limit_note", lang, lens=label, nodes=result.nodes,
                           gap=gap, asked=asked), "yellow"))
    elif result.termination is Termination.TIME_LIMIT:
        notes.append((text("variants.time_limit_note", lang, lens=label,
                           seconds=options.time_limit, gap=gap, asked=asked), "yellow"))
    elif not result.feasible:
        detail = result.message
        if result.termination is Termination.ERROR and detail in (
                "time_limit", "terminated_by_limit", "iteration_limit"):
            detail = text("variants.no_solution", lang, seconds=options.time_limit,
                          nodes=options.node_limit)
        notes.append((text("variants.failed", lang, lens=label,
                           termination=text(f"term.{result.termination.value}", lang, gap=gap),
                           message=detail), "red"))
    if base is not None and not base.feasible and result.feasible:
        notes.append((text("variants.greedy_failed", lang, lens=label,
                           message=base.message or base.termination.value), "yellow"))
    for method, violation in outcome.violations:
        message = getattr(violation, f"message_{lang}", None) or violation.message_nl
        notes.append((text("variants.violation", lang, lens=label,
                           method=text(f"method.{method}", lang), message=message), "red"))
    return notes
