"""``pmiek assess``: steps 2 and 4 — score the variants on the afwegingskader, show how robust
the ranking is, and write the priority list of the chosen variant.

A thin shell around :func:`pmiek.assessment.appraise`. The variants come from a
``pmiek variants --out DIR`` folder (``--variants DIR``: scored as they were decided) or are
designed here through :func:`pmiek.variants.design_variants`. Written to ``--out`` (see
:meth:`pmiek.assessment.Appraisal.to_frames`): ``framework.csv``, ``indicator_registry.csv``,
``indicators.csv``, ``indicator_sources.csv``, ``partial_values.csv``, ``scores.csv``,
``smaa.csv``, ``central_weights.csv``, ``stability.csv``, ``priority_list.csv``/``.xlsx``/
``.json`` (each project with why it is built, column ``why``), ``priority_by_area.csv`` and
``priority_by_operator.csv`` (the list per municipality, RES region and operator:
:mod:`pmiek.assessment.breakdown`), for a hotspot (``--level``, or variants designed for one)
``context.csv`` (the projects the run takes as given, apart from the list), ``why.csv`` (why
the chosen variant builds each project and leaves each other candidate out, a sentence each),
with
workshop weights also ``weight_sets.csv`` and ``weight_spread.csv``, with ``--value-range``
also ``value_range.csv`` (:mod:`pmiek.assessment.value_range`), the charts ``scores.png``,
``smaa.png``, ``stability.png``, ``priority.png``, and, as every run, ``resultaten.xlsx``
(every table for people, with the priority list's notes) and ``metadata.json``. Under the
priority list it states the value of a connection the list rests on (central, range and
source, from the lens file), and the priority sheet's notes repeat it. Where TOPSIS or
PROMETHEE II puts another variant first or second than the weighted sum, a sentence under the
ranking (and in the notes) names the criteria that cause it
(:mod:`pmiek.assessment.disagreement`).
"""

# No "from __future__ import annotations": typer reads the Annotated options at run time.

import json
from pathlib import Path
from typing import Annotated, Any

import pandas as pd
import typer
from rich.console import Console

from pmiek.adapters.cli.common import (
    console,
    progress_bar,
    quiet_solver,
    read_valid,
    reported,
    written,
)
from pmiek.adapters.cli.i18n import literal, text
from pmiek.adapters.cli.options import Options
from pmiek.adapters.cli.render_assess import (
    disagreement_lines,
    plain,
    print_appraisal,
    spread_table,
    value_lines,
)
from pmiek.adapters.cli.render_why import explained
from pmiek.adapters.cli.store_cmd import record_stored_run
from pmiek.adapters.files import check_outputs, write_outputs
from pmiek.adapters.files.choice_files import choice_source, scenario_with_choices
from pmiek.adapters.files.lenses import load_lenses
from pmiek.adapters.files.priority import write_priority_json
from pmiek.adapters.files.safety import Source
from pmiek.adapters.files.variant_results import read_variant_set
from pmiek.assessment import (
    WEIGHT_MODES,
    Appraisal,
    WeightChoice,
    appraise,
    framework_of,
    priority_notes,
    session_weight_sets,
)
from pmiek.domain.defaults import FIRST_YEAR, LOAD_HORIZON, VARIANTS_HORIZON
from pmiek.domain.workspace import Workspace
from pmiek.variants import SolverOptions, VariantSet, design_variants


def add_assess_command(app: typer.Typer, lang: str) -> None:
    """Register ``assess`` on ``app`` with help texts in ``lang``."""
    o = Options(lang)

    @app.command("assess", help=text("assess.help", lang))
    def assess(
        *,
        workspace: Annotated[str | None, typer.Argument(help=text("assess.workspace", lang),
                                                        show_default=False)] = None,
        variants_dir: Annotated[Path | None, typer.Option(
            "--variants", help=text("assess.variants", lang), show_default=False)] = None,
        lens: Annotated[str, typer.Option("--lens", help=text("assess.lens", lang))] = "all",
        level: Annotated[str, typer.Option("--level", help=text("assess.level", lang))] = \
            "province",
        scenario: Annotated[str, o.scenario] = "all",
        out: Annotated[Path, o.out] = Path("out/afweging"),
        weights: Annotated[str, typer.Option("--weights",
                                             help=text("assess.weights", lang))] = "interval",
        spread: Annotated[float, typer.Option("--spread", min=0.0, max=0.99,
                                              help=text("assess.spread", lang))] = 0.5,
        samples: Annotated[int, typer.Option("--samples", min=100, max=10_000_000,
                                             help=text("assess.samples", lang))] = 20_000,
        seed: Annotated[int, typer.Option("--seed", help=text("assess.seed", lang))] = 0,
        choose: Annotated[str | None, typer.Option("--choose", help=text("assess.choose", lang),
                                                   show_default=False)] = None,
        with_range: Annotated[bool, typer.Option(
            "--value-range/--no-value-range", help=text("assess.value_range", lang))] = False,
        first_year: Annotated[int, o.first_year] = FIRST_YEAR,
        horizon: Annotated[int, o.variants_horizon] = VARIANTS_HORIZON,
        gap: Annotated[float, o.gap] = SolverOptions.mip_gap,
        node_limit: Annotated[int, o.node_limit] = SolverOptions.node_limit,
        time_limit: Annotated[float, o.time_limit] = SolverOptions.time_limit,
        as_json: Annotated[bool, o.json] = False,
        language: Annotated[str, o.lang] = lang,
    ) -> None:
        shown = console(width=240, stderr=as_json)
        ws = read_valid(workspace, lang, max(horizon, LOAD_HORIZON), shown).workspace
        with reported(lang):  # refuse a bad --out before the computation
            check_outputs(out, sources=(workspace, variants_dir, weights, choice_source(scenario)))
            ws, scenario = scenario_with_choices(ws, scenario)
        options = SolverOptions(mip_gap=gap, node_limit=node_limit, time_limit=time_limit)
        quiet_solver()
        with reported(lang):
            choice = WeightChoice(_weights(weights, ws, lang, shown), spread, samples, seed)
            found = _variants(ws, folder=variants_dir, lens=lens, scenario=scenario,
                              level=level, years=(first_year, horizon), options=options,
                              lang=lang, shown=shown)
            with progress_bar(shown, "assess.progress", lang) as tell:
                result = appraise(ws, found, weights=choice, choose=choose, options=options,
                                  lang=lang, progress=tell, with_value_range=with_range)
            paths, words = _write(result, ws, out, (workspace, variants_dir, weights), lang)
        _show(result, ws, lang=lang, shown=shown, out=out, paths=paths, why=words, raw=as_json)
        record_stored_run(workspace, "assess", dict(result.provenance.parameters), out,
                          console=shown, lang=lang, result=result)


def _weights(spec: str, ws: Workspace, lang: str, shown: Console) -> str | pd.DataFrame:
    """A weight mode, or one global weight set per participant and method of a workshop
    workbook (the weights in it are local: see ``session_weight_sets``)."""
    from pmiek.adapters.files.weights import read_weight_sessions
    from pmiek.errors import InputError

    if spec in WEIGHT_MODES:
        return spec
    path = Path(spec)
    if not path.exists():
        raise InputError(text("assess.bad_weights", lang, spec=spec,
                              modes=", ".join(WEIGHT_MODES)))
    framework = framework_of(ws)
    sessions = read_weight_sessions(path, criteria=[c.id for c in framework.criteria])
    sets = session_weight_sets(framework, {m: sessions.weights(m) for m in sessions.methods})
    for warning in sessions.warnings(lang):
        shown.print(f"[yellow]{literal(warning)}[/]")
    shown.print(literal(text("assess.weights_file", lang, path=path, n=len(sets))))
    return sets


def _variants(ws: Workspace, *, folder: Path | None, lens: str, scenario: str, level: str,
              years: tuple[int, int], options: SolverOptions, lang: str, shown: Console
              ) -> VariantSet:
    """The variants as decided in ``folder`` (at the level they were designed for), or
    designed now at ``level`` (one per lens)."""
    if folder is not None:
        return read_variant_set(folder, ws, lens)
    with progress_bar(shown, "variants.progress", lang) as tell:
        found = design_variants(ws, load_lenses(lens), scenario, level=level,
                                first_year=years[0], horizon=years[1], options=options,
                                baseline=False, progress=tell)
    for outcome in found.outcomes:
        if not outcome.result.feasible:
            skipped = text("assess.skipped", lang, lens=outcome.lens.label(lang),
                           message=outcome.result.message or outcome.result.termination.value)
            shown.print(f"[yellow]{literal(skipped)}[/]")
    return found


PRIORITY_BOOK = ("priority_list", "context", "priority_by_operator", "priority_by_area")
"""The tables of ``priority_list.xlsx`` (the fixed context only in a hotspot run)."""


def _write(result: Appraisal, ws: Workspace, out: Path, sources: tuple[Source, ...], lang: str
           ) -> tuple[list[Path], dict[str, str]]:
    """Write every output of ``result`` into ``out``; the paths written and, per project id,
    why it is built."""
    frames, words = _frames(result, ws, lang)
    paths = write_outputs(result, out, frames=frames,
                          extras=_files(result, frames["priority_list"], lang),
                          sources=sources, lang=lang, notes=value_notes(result, lang),
                          workbooks={"priority_list.xlsx": [
                              name for name in PRIORITY_BOOK if name in frames]})
    return paths, words


def value_notes(result: Appraisal, lang: str) -> list[tuple[str, str]]:
    """The priority list's notes, the note on its value with the value of a connection it
    rests on (central, range, source), and a sentence per MCA method that puts another
    variant first or second, naming the criteria that cause it."""
    value = " ".join(plain(line) for line in value_lines(result, lang))
    methods = plain(text("assess.disagree_topic", lang))
    return [(topic, f"{note} {value}" if topic == "marginal_value_meur" else note)
            for topic, note in priority_notes(lang, context=result.hotspot)] + [
        (methods, plain(line)) for line in disagreement_lines(result, lang)]


def _frames(result: Appraisal, ws: Workspace, lang: str
            ) -> tuple[dict[str, pd.DataFrame], dict[str, str]]:
    """The tables to write, ``why`` and the priority list with why in words (``why.csv``'s
    column ``explanation``, the priority list's ``why``), and project id → why it is built."""
    why = explained(result.why, ws, lang)
    built = why[why["chosen"].astype(bool)]
    words = dict(zip(built["project_id"], built["explanation"], strict=True))
    frames = result.to_frames()
    for name in ("priority_list", "context"):
        if name in frames:
            listed = frames[name]
            frames[name] = listed.assign(why=listed["project_id"].map(words).fillna(""))
    frames["why"] = why
    return frames, words


def _files(result: Appraisal, priority: pd.DataFrame, lang: str) -> dict[str, Any]:
    """The priority list (as written to CSV) as JSON, and the four charts (its workbook is
    one of the workbooks for people that ``write_outputs`` makes)."""
    from pmiek.adapters.reports.assess_charts import (
        draw_acceptability,
        draw_priority,
        draw_scores,
        draw_stability,
    )

    acceptability = result.acceptability()
    acceptability["variant"] = acceptability["variant"].map(dict(result.labels))
    files: dict[str, Any] = {
        "priority_list.json": lambda path: write_priority_json(priority, path),
        "scores.png": lambda path: draw_scores(result.group_contributions(), path, lang),
        "smaa.png": lambda path: draw_acceptability(acceptability, path, lang),
        "stability.png": lambda path: draw_stability(result.stability(), path, lang),
    }
    listed = result.listed()
    if len(listed):
        files["priority.png"] = lambda path: draw_priority(listed, path, lang)
    return files


def _show(result: Appraisal, ws: Workspace, *, lang: str, shown: Console, out: Path,
          paths: list[Path], why: dict[str, str], raw: bool) -> None:
    """The assessment on the terminal (``raw``: as JSON) after it was written to ``out``."""
    _notes(result, lang, shown)
    if result.weight_sets is not None and not raw:
        shown.print(spread_table(result, lang))
    if raw:
        typer.echo(json.dumps(_summary(result, out), ensure_ascii=False, indent=2))
        return
    print_appraisal(shown, result, lang, why=why, level=_area_name(ws, result.variants.level))
    shown.print(text("assess.written", lang, out=out, files=written(paths, out)))


def _notes(result: Appraisal, lang: str, shown: Console) -> None:
    for warning in result.framework.warnings(lang):
        shown.print(f"[yellow]{literal(warning)}[/]")
    for first, others in result.equal_variants:
        shown.print("[yellow]" + literal(text("assess.equal", lang, variant=first,
                                             others=", ".join(others))) + "[/]")


def _area_name(ws: Workspace, area: str) -> str:
    """An area as people read it: its name with its id (``Lage Weide (HS-LW)``)."""
    names = dict(zip(ws.areas["id"].astype(str), ws.areas["name"].astype(str), strict=True))
    return f"{names[area]} ({area})" if area in names else area


def _summary(result: Appraisal, out: Path) -> dict[str, object]:
    scored = result.assessment
    value = result.variants.lenses()[result.chosen].value
    ranged = result.value_range
    return {"chosen": result.chosen, "out": str(out), "weights": scored.weight_mode,
            "samples": scored.n_samples, "scenarios": list(scored.scenarios),
            "ranking": result.ranking(), "priority_list": len(result.listed()),
            "level": result.variants.level,
            "context": len(result.fixed_context()) if result.hotspot else None,
            "disagreements": [{"method": d.method, "place": d.place, "first": d.first,
                               "other": d.other,
                               "criteria": list(d.criteria), "ahead": list(d.ahead)}
                              for d in result.disagreements()],
            "value": {"central_meur_per_mw_year": value.central, "low": value.low,
                      "high": value.high, "source": value.source or None},
            "value_range": None if ranged is None else {
                point: {"value": ranged.values[point], "termination": ranged.termination[point],
                        "chosen": ranged.chosen(point)} for point in ranged.values},
            "provenance": result.provenance.to_dict()}
