"""``pmiek assess``: steps 2 and 4 — score the variants on the afwegingskader, show how robust
the ranking is, and write the priority list of the chosen variant.

The variants come from a ``pmiek variants --out DIR`` folder (``--variants DIR``: scored as they
were decided) or are designed here (one MILP per lens). Written to ``--out``:

- ``framework.csv``: the criteria tree with global weights, value functions, motivation, basis,
  owner and status; ``indicator_registry.csv``: every indicator's unit and definition;
- ``indicators.csv`` (variant × scenario × indicator) and ``indicator_sources.csv`` (the
  developments, projects and rows each figure is made of);
- ``partial_values.csv``, ``scores.csv`` (weighted sum, TOPSIS, PROMETHEE II, rank-1
  acceptability, confidence, per-scenario sums), ``smaa.csv`` (rank acceptabilities with their
  standard errors), ``central_weights.csv``, ``stability.csv``;
- ``priority_list.csv``, ``.xlsx`` and ``.json``;
- charts: ``scores.png``, ``smaa.png``, ``stability.png``, ``priority.png``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress
from rich.table import Table

from pmiek.adapters.cli.i18n import text
from pmiek.adapters.cli.render import number
from pmiek.adapters.cli.variants_cmd import choose_lenses, invalid, quiet_highs, quiet_linopy
from pmiek.adapters.files.variant_results import read_comparison, read_variant
from pmiek.adapters.files.weights import read_weight_sessions
from pmiek.adapters.reports.assess_charts import (
    draw_acceptability,
    draw_priority,
    draw_scores,
    draw_stability,
)
from pmiek.assessment.indicators import REGISTRY, performance, registry_frame, sources
from pmiek.assessment.priority import priority_list
from pmiek.assessment.score import WEIGHT_MODES, Assessment, assess, contributions
from pmiek.domain.workspace import Workspace
from pmiek.errors import InputError, PmiekError
from pmiek.framework.tree import Framework
from pmiek.framework.weights import aggregate_weights
from pmiek.variants.instance import build_instance
from pmiek.variants.lenses import Lens
from pmiek.variants.result import VariantResult
from pmiek.variants.solve import solve

EXIT_FAILED = 1
OUT_FILES = ("framework.csv", "indicator_registry.csv", "indicators.csv",
             "indicator_sources.csv", "partial_values.csv", "scores.csv", "smaa.csv",
             "central_weights.csv", "stability.csv", "priority_list.csv", "priority_list.xlsx",
             "priority_list.json", "scores.png", "smaa.png", "stability.png", "priority.png")
"""Written every time; with workshop weights also ``weight_sets.csv`` and
``weight_spread.csv``."""


@dataclass(frozen=True)
class AssessSettings:
    scenarios: list[str | None] | None
    first_year: int
    horizon: int
    time_limit: float
    weights: str | pd.DataFrame
    spread: float
    samples: int
    seed: int
    choose: str | None


def read_weights(spec: str, workspace: Workspace, lang: str, console: Console
                 ) -> str | pd.DataFrame:
    """A weight mode (``interval``, ``ordinal``, ``uniform``, ``framework``) or, for a file,
    one global weight set of the leaves per participant and method of the workshop.

    The workshop's weights are *local* weights: each replaces the framework's weight of the
    criterion it names, within its siblings; criteria a participant does not name keep the
    framework's weight. So name every sibling of a group you weigh."""
    if spec in WEIGHT_MODES:
        return spec
    path = Path(spec)
    if not path.exists():
        raise invalid(text("assess.bad_weights", lang, spec=spec,
                           modes=", ".join(WEIGHT_MODES)), lang)
    try:
        framework = Framework.from_table(workspace.criteria, tuple(REGISTRY))
        sessions = read_weight_sessions(path, criteria=[c.id for c in framework.criteria])
        sets = []
        for method in sessions.methods:
            table = sessions.weights(method)
            for participant, row in table.iterrows():
                given = {str(k): float(v) for k, v in row.items() if pd.notna(v)}
                weights = framework.with_weights(given).weights()
                sets.append(weights.rename(f"{participant} ({method})"))
    except PmiekError as exc:
        raise invalid(_problems(exc, lang), lang) from None
    for warning in sessions.warnings(lang):
        console.print(f"[yellow]{escape(warning)}[/]")
    console.print(escape(text("assess.weights_file", lang, path=path, n=len(sets))))
    return pd.DataFrame(sets)


def _problems(exc: PmiekError, lang: str) -> str:
    """The problems of a ValidationError, one per line."""
    found = getattr(exc, "problems", [])
    return "\n".join(p.message(lang) for p in found) or str(exc)


def stored_variants(folder: Path, workspace: Workspace, lens_spec: str, lang: str
                    ) -> dict[str, tuple[Lens, VariantResult]]:
    """The feasible variants of a ``pmiek variants`` output folder, by lens name."""
    try:
        stored = read_comparison(folder)
    except PmiekError as exc:
        raise invalid(str(exc), lang) from None
    wanted = None if lens_spec == "all" else {lens.name: lens for lens in
                                              choose_lenses(lens_spec, lang)}
    found: dict[str, tuple[Lens, VariantResult]] = {}
    for row in stored:
        if row.termination not in ("optimal", "gap_limit", "time_limit", "heuristic"):
            continue
        if wanted is not None and row.lens not in wanted:
            continue
        lens = wanted[row.lens] if wanted is not None else None
        if lens is None:
            try:
                lens = choose_lenses(row.lens, lang)[0]
            except typer.Exit:
                raise invalid(text("assess.unknown_stored_lens", lang, lens=row.lens),
                              lang) from None
        try:
            found[row.lens] = (lens, read_variant(folder / row.folder, workspace, lens, row))
        except PmiekError as exc:
            raise invalid(str(exc), lang) from None
    return found


def designed_variants(workspace: Workspace, lenses: list[Lens], settings: AssessSettings,
                      lang: str, console: Console) -> dict[str, tuple[Lens, VariantResult]]:
    """Design one variant per lens (as ``pmiek variants`` does)."""
    quiet_highs()
    found: dict[str, tuple[Lens, VariantResult]] = {}
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task(text("variants.progress", lang, lens=""), total=len(lenses))
        for lens in lenses:
            progress.update(task, description=text("variants.progress", lang,
                                                   lens=escape(lens.label(lang))))
            try:
                instance = build_instance(workspace, lens, settings.scenarios,
                                        first_year=settings.first_year,
                                        horizon=settings.horizon)
            except InputError as exc:
                progress.stop()
                raise invalid(str(exc), lang) from None
            with quiet_linopy():
                result = solve(instance, time_limit=settings.time_limit)
            if result.feasible:
                found[lens.name] = (lens, result)
            else:
                skipped = text("assess.skipped", lang, lens=lens.label(lang),
                               message=result.message or result.termination.value)
                console.print(f"[yellow]{escape(skipped)}[/]")
            progress.advance(task)
    return found


def run_assess(workspace: Workspace, variants: dict[str, tuple[Lens, VariantResult]],
               settings: AssessSettings, out: Path, lang: str, console: Console,
               as_json: bool = False) -> None:
    if len(variants) < 2:
        raise invalid(text("assess.too_few", lang, n=len(variants)), lang)
    try:
        framework = Framework.from_table(workspace.criteria, tuple(REGISTRY))
    except InputError as exc:
        raise invalid(str(exc), lang) from None
    for warning in framework.warnings(lang):
        console.print(f"[yellow]{escape(warning)}[/]")
    results = {name: result for name, (_, result) in variants.items()}
    labels = {name: lens.label(lang) for name, (lens, _) in variants.items()}
    first = next(iter(results.values())).instance
    scenario_names = [str(s) for s in first.scenarios]
    for name, result in results.items():
        if [str(s) for s in result.instance.scenarios] != scenario_names:
            raise invalid(text("assess.scenarios_differ", lang, lens=name), lang)
    if settings.choose is not None and settings.choose not in results:
        raise invalid(text("assess.unknown_choice", lang, lens=settings.choose,
                           lenses=", ".join(results)), lang)
    indicator_ids = tuple(REGISTRY)
    perf = performance(results, workspace, indicators=indicator_ids)
    try:
        scored = assess(framework, perf, list(results), scenario_names,
                        list(first.probability), weights=settings.weights,
                        spread=settings.spread, n_samples=settings.samples, seed=settings.seed)
    except InputError as exc:
        raise invalid(str(exc), lang) from None
    expected = scored.expected_partial()
    seen: set[int] = set()
    for a in range(len(scored.variants)):
        twins = [b for b in range(a + 1, len(scored.variants))
                 if b not in seen and np.allclose(expected[a], expected[b], atol=1e-9)]
        seen.update(twins)
        same = [labels[scored.variants[b]] for b in twins]
        if same and a not in seen:
            console.print("[yellow]" + escape(text(
                "assess.equal", lang, variant=labels[scored.variants[a]],
                others=", ".join(same))) + "[/]")
    chosen = settings.choose or scored.best()
    quiet_highs()
    with quiet_linopy(), console.status(text("assess.priority_progress", lang,
                                              lens=labels[chosen])):
        priority = priority_list(results[chosen], workspace, lang,
                                 time_limit=settings.time_limit)
    try:
        out.mkdir(parents=True, exist_ok=True)
        _write(out, workspace, framework, results, labels, perf, scored, priority, chosen, lang)
    except (OSError, PmiekError) as exc:
        raise invalid(str(exc), lang) from None
    if isinstance(settings.weights, pd.DataFrame):
        _write_sessions(out, settings.weights, framework, console, lang, quiet=as_json)
    if as_json:
        typer.echo(json.dumps(_summary(scored, labels, chosen, priority, out),
                              ensure_ascii=False, indent=2))
        return
    _print(console, framework, scored, labels, priority, chosen, settings, out, lang)


def _write(out: Path, workspace: Workspace, framework: Framework,
           results: dict[str, VariantResult], labels: dict[str, str], perf: pd.DataFrame,
           result: Assessment, priority: pd.DataFrame, chosen: str, lang: str) -> None:
    framework.to_frame(lang).to_csv(out / "framework.csv", index=False)
    registry = registry_frame(lang)
    registry.to_csv(out / "indicator_registry.csv", index=False)
    unit = dict(zip(registry["indicator"], registry["unit"], strict=True))
    indicators = perf.assign(unit=perf["indicator"].map(unit))
    indicators.to_csv(out / "indicators.csv", index=False)
    frames = []
    for name, variant in results.items():
        part = sources(variant, workspace)
        part.insert(0, "variant", name)
        frames.append(part)
    pd.concat(frames, ignore_index=True).to_csv(out / "indicator_sources.csv", index=False)
    leaves = framework.leaves()
    n_s, n_a, n_c = result.partial.shape
    partial = pd.DataFrame({
        "variant": np.tile(np.repeat(result.variants, n_c), n_s),
        "scenario": np.repeat(result.scenarios, n_a * n_c),
        "criterion": np.tile([c.id for c in leaves], n_s * n_a),
        "indicator": np.tile([c.indicator for c in leaves], n_s * n_a),
        "partial_value": result.partial.reshape(-1),
        "weight": np.tile(result.weights, n_s * n_a)})
    partial["contribution"] = partial["partial_value"] * partial["weight"]
    partial = partial.merge(perf, on=["variant", "scenario", "indicator"], how="left")
    partial.to_csv(out / "partial_values.csv", index=False)
    scores = result.scores.copy()
    scores.insert(1, "label", scores["variant"].map(labels))
    scores.insert(2, "chosen", scores["variant"] == chosen)
    scores.to_csv(out / "scores.csv", index=False)
    smaa = result.smaa
    n = len(result.variants)
    se = smaa.standard_error()
    pd.DataFrame({
        "variant": np.repeat(result.variants, n), "rank": np.tile(np.arange(1, n + 1), n),
        "acceptability": smaa.rank_acceptability.reshape(-1),
        "standard_error": np.asarray(se).reshape(-1)}).to_csv(out / "smaa.csv", index=False)
    central = pd.DataFrame(smaa.central_weights, columns=list(result.criteria))
    central.insert(0, "variant", list(result.variants))
    central.insert(1, "confidence", smaa.confidence)
    central.to_csv(out / "central_weights.csv", index=False)
    names = {c.id: c.name for c in leaves}
    stability = result.stability.copy()
    stability.insert(1, "name", stability["criterion"].map(names))
    for column in ("swap_at_lower", "swap_at_upper"):  # (ahead now, behind now)
        stability[column] = [" > ".join(pair) if isinstance(pair, tuple) else ""
                             for pair in stability[column]]
    stability.to_csv(out / "stability.csv", index=False)
    priority_out = priority.copy()
    priority_out.insert(1, "variant", chosen)
    priority_out.to_csv(out / "priority_list.csv", index=False)
    _xlsx(priority_out, out / "priority_list.xlsx", lang)
    (out / "priority_list.json").write_text(priority_out.replace(
        {np.inf: None}).to_json(orient="records", force_ascii=False, indent=1),
        encoding="utf-8")
    parts = contributions(result, framework)
    grouped = parts.groupby(["variant", "group"], as_index=False)["contribution"].sum()
    grouped["variant"] = grouped["variant"].map(labels)
    draw_scores(grouped, out / "scores.png", lang)
    acceptability = pd.read_csv(out / "smaa.csv")
    acceptability["variant"] = acceptability["variant"].map(labels)
    draw_acceptability(acceptability, out / "smaa.png", lang)
    draw_stability(stability, out / "stability.png", lang)
    if len(priority):
        draw_priority(priority, out / "priority.png", lang)


def _write_sessions(out: Path, sets: pd.DataFrame, framework: Framework, console: Console,
                    lang: str, quiet: bool) -> None:
    """The workshop's weight sets (global, per participant and method) and their spread:
    ``weight_sets.csv`` and ``weight_spread.csv``; the spread is printed too."""
    sets.rename_axis("participant").to_csv(out / "weight_sets.csv")
    spread = aggregate_weights(sets).to_frame()
    spread.insert(0, "framework", framework.weights().reindex(spread.index))
    spread.rename_axis("criterion").to_csv(out / "weight_spread.csv")
    if quiet:
        return
    names = {c.id: c.name for c in framework.leaves()}
    table = Table(title=text("assess.spread_title", lang, n=len(sets)), header_style="bold")
    for key in ("col.criterion", "col.framework", "col.mean", "col.min", "col.max"):
        table.add_column(text(key, lang), justify="left" if key == "col.criterion" else "right")
    for criterion, row in spread.iterrows():
        table.add_row(escape(names.get(str(criterion), str(criterion))),
                      *(_dec(float(row[c]), lang) for c in ("framework", "mean", "min", "max")))
    console.print(table)


def _xlsx(frame: pd.DataFrame, path: Path, lang: str) -> None:
    """The priority list as an Excel sheet with readable column widths and a frozen header."""
    from openpyxl.utils import get_column_letter

    sheet = "prioriteitenlijst" if lang != "en" else "priority list"
    shown = frame.replace({np.inf: np.nan})
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        shown.to_excel(writer, sheet_name=sheet, index=False)
        ws = writer.sheets[sheet]
        ws.freeze_panes = "A2"
        for k, column in enumerate(shown.columns, start=1):
            width = min(max(len(str(column)), *(len(str(v)) for v in shown[column].head(50))),
                        60)
            ws.column_dimensions[get_column_letter(k)].width = width + 2


def _summary(result: Assessment, labels: dict[str, str], chosen: str, priority: pd.DataFrame,
             out: Path) -> dict[str, object]:
    return {
        "chosen": chosen, "out": str(out), "weights": result.weight_mode,
        "samples": result.n_samples, "scenarios": list(result.scenarios),
        "ranking": [{"variant": r["variant"], "label": labels[r["variant"]],
                     "weighted_sum": r["weighted_sum"], "rank": int(r["rank"]),
                     "topsis_rank": int(r["topsis_rank"]),
                     "promethee_rank": int(r["promethee_rank"]),
                     "rank1_acceptability": r["rank1_acceptability"],
                     "confidence": None if np.isnan(r["confidence"]) else r["confidence"]}
                    for r in result.scores.sort_values("rank").to_dict("records")],
        "priority_list": len(priority),
    }


def _pct(x: float, lang: str) -> str:
    if not np.isfinite(x):
        return "–"
    shown = f"{100 * x:.0f}%"
    return shown


def _dec(x: float, lang: str, digits: int = 3) -> str:
    """1,234.5 in English, 1.234,5 in Dutch; – for a missing value."""
    if not np.isfinite(x):
        return "–"
    shown = f"{x:,.{digits}f}"
    if lang == "en":
        return shown
    return shown.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def _print(console: Console, framework: Framework, result: Assessment,
           labels: dict[str, str], priority: pd.DataFrame, chosen: str,
           settings: AssessSettings, out: Path, lang: str) -> None:
    console.print(escape(framework.status_text(lang)))
    mode = text(f"assess.mode.{result.weight_mode}", lang,
                spread=f"{100 * settings.spread:.0f}")
    table = Table(title=text("assess.title", lang, n=len(result.scenarios)),
                  header_style="bold", caption=text("assess.caption", lang, mode=mode,
                                                    samples=number(result.n_samples, lang)),
                  caption_justify="left")
    for key in ("col.rank", "col.variant", "col.score", "col.topsis", "col.promethee",
                "col.rank1", "col.confidence", "col.best_in"):
        table.add_column(text(key, lang), justify="left" if key in (
            "col.variant", "col.best_in") else "right")
    for row in result.scores.sort_values(["rank", "rank1_acceptability"],
                                         ascending=[True, False]).to_dict("records"):
        mark = " ◀" if row["variant"] == chosen else ""
        table.add_row(str(row["rank"]), escape(labels[row["variant"]]) + mark,
                      _dec(row["weighted_sum"], lang), str(row["topsis_rank"]),
                      str(row["promethee_rank"]), _pct(row["rank1_acceptability"], lang),
                      _pct(row["confidence"], lang),
                      escape(str(row["best_in_scenarios"]).replace(";", ", ") or "–"))
    console.print(table)
    stab = result.stability.assign(width=result.stability["upper"]
                                   - result.stability["lower"]).sort_values("width").head(3)
    names = {c.id: c.name for c in framework.leaves()}
    parts = [text("assess.stability_item", lang, name=names.get(r["criterion"],
                                                                 r["criterion"]),
                  weight=_dec(r["weight"], lang), lower=_dec(r["lower"], lang),
                  upper=_dec(r["upper"], lang)) for r in stab.to_dict("records")]
    console.print(escape(text("assess.stability", lang, items="; ".join(parts))))
    top = Table(title=text("assess.priority_title", lang, lens=labels[chosen],
                           n=len(priority)), header_style="bold")
    for key in ("col.priority", "col.project", "col.year", "col.tier", "col.marginal",
                "col.rationale"):
        top.add_column(text(key, lang), justify="right" if key in (
            "col.priority", "col.year", "col.tier", "col.marginal") else "left",
            overflow="fold", max_width=90 if key == "col.rationale" else None)
    for row in priority.head(10).to_dict("records"):
        value = row["marginal_value_meur"]
        top.add_row(str(row["priority"]), escape(str(row["name"])),
                    str(row["in_service_year"]), f"{row['tier']} {row['tier_name']}",
                    text("assess.indispensable", lang) if not np.isfinite(value)
                    else _dec(value, lang, 1), escape(str(row["rationale"])))
    console.print(top)
    console.print(text("assess.written", lang, out=out, files=", ".join(OUT_FILES)))
