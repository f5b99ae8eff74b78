"""The ``pmiek`` command: ``template``, ``validate``, ``convert``, ``summary``, ``show``,
``insight``, ``variants``, ``assess``, ``import``, ``export`` and ``db``.

Help and output are Dutch by default; ``--lang en`` (anywhere on the line) or ``PMIEK_LANG=en``
switches to English. Exit codes: 0 success, 2 invalid input (nothing written), 1 other
errors.
"""


import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from pmiek.adapters.cli.i18n import LANGUAGES, choose_language, text
from pmiek.adapters.cli.render import problems_table, summary_tables
from pmiek.adapters.cli.store_cmd import (
    STORE_PREFIX,
    add_store_commands,
    read_stored,
    record_stored_run,
)
from pmiek.adapters.files import ReadResult, read_workspace, write_workspace
from pmiek.domain.problems import Severity, errors
from pmiek.domain.tables import TABLES
from pmiek.domain.validation import ValidationOptions
from pmiek.domain.workspace import Workspace
from pmiek.errors import InputError, PmiekError, WriteError
from pmiek.variants.instance import HORIZON
from pmiek.variants.lenses import BUILT_IN

EXIT_INVALID = 2


def _console() -> Console:
    return Console(soft_wrap=False, width=None if sys.stdout.isatty() else 160)


def _fail(error: PmiekError, lang: str, code: int) -> typer.Exit:
    Console(stderr=True).print(f"[red]{text('error', lang)}:[/] {error}", highlight=False)
    return typer.Exit(code)


def _report(result: ReadResult, lang: str, as_json: bool, console: Console) -> None:
    located = result.located()
    if as_json:
        payload = {
            "path": str(result.path),
            "valid": result.ok,
            "errors": len(errors(result.problems)),
            "warnings": sum(p.severity is Severity.WARNING for p in result.problems),
            "problems": [item.to_dict(lang) for item in located],
        }
        console.print_json(json.dumps(payload, ensure_ascii=False))
        return
    if located:
        console.print(problems_table(located, lang))
    n_errors = len(errors(result.problems))
    if n_errors or located:
        console.print(text("validate.summary", lang, errors=n_errors,
                           warnings=len(located) - n_errors, path=result.path))
    else:
        rows = sum(len(frame) for _, frame in result.workspace.items())
        console.print(text("validate.clean", lang, path=result.path, rows=rows,
                           tables=len(result.workspace.present())))


def build_app(lang: str = "nl") -> typer.Typer:
    """The typer application with help texts in ``lang``."""
    app = typer.Typer(help=text("app", lang), no_args_is_help=True, add_completion=False,
                      pretty_exceptions_show_locals=False,
                      context_settings={"help_option_names": ["-h", "--help"]})

    workspace_arg = Annotated[str | None, typer.Argument(help=text("workspace", lang),
                                                         show_default=False)]
    lang_opt = Annotated[str, typer.Option("--lang", help=text("lang", lang))]
    json_opt = Annotated[bool, typer.Option("--json", help=text("json", lang))]
    horizon_opt = Annotated[int, typer.Option("--horizon", help=text("horizon", lang))]

    @app.callback()
    def _root(language: lang_opt = lang) -> None:
        if language not in LANGUAGES:
            raise typer.BadParameter(f"{language}: nl | en")

    @app.command("template", help=text("template.help", lang))
    def template(
        out: Annotated[Path, typer.Argument(help=text("template.out", lang))],
        overwrite: Annotated[bool, typer.Option("--overwrite",
                                                help=text("overwrite", lang))] = False,
        language: lang_opt = lang,
    ) -> None:
        if out.suffix.lower() != ".xlsx":
            raise _fail(InputError(text("template.suffix", lang)), lang, EXIT_INVALID)
        try:
            write_workspace(Workspace(), out, overwrite=overwrite, lang=lang)
        except PmiekError as exc:
            raise _fail(exc, lang, 1) from None
        _console().print(text("template.done", lang, path=out, tables=len(TABLES)))

    @app.command("validate", help=text("validate.help", lang))
    def validate(
        workspace: workspace_arg = None,
        as_json: json_opt = False,
        horizon: horizon_opt = 2050,
        language: lang_opt = lang,
    ) -> None:
        result = _read(workspace, lang, horizon)
        _report(result, lang, as_json, _console())
        if not result.ok:
            raise typer.Exit(EXIT_INVALID)

    @app.command("convert", help=text("convert.help", lang))
    def convert(
        source: Annotated[str, typer.Argument(help=text("convert.in", lang))],
        out: Annotated[Path, typer.Argument(help=text("convert.out", lang))],
        overwrite: Annotated[bool, typer.Option("--overwrite",
                                                help=text("overwrite", lang))] = False,
        horizon: horizon_opt = 2050,
        language: lang_opt = lang,
    ) -> None:
        console = _console()
        result = _read(source, lang, horizon)
        if not result.ok:
            _report(result, lang, False, console)
            console.print(f"[red]{text('convert.refused', lang)}[/]")
            raise typer.Exit(EXIT_INVALID)
        try:
            written = write_workspace(result.workspace, out, overwrite=overwrite, lang=lang)
        except PmiekError as exc:
            raise _fail(exc, lang, 1) from None
        console.print(text("convert.done", lang, path=written))

    @app.command("summary", help=text("summary.help", lang))
    def summary(
        workspace: workspace_arg = None,
        horizon: horizon_opt = 2050,
        language: lang_opt = lang,
    ) -> None:
        console = _console()
        result = _read(workspace, lang, horizon)
        console.print(f"[bold]{result.path}[/]")
        for table in summary_tables(result.workspace, lang):
            console.print(table)
        if not result.ok:
            note = text("summary.invalid", lang, errors=len(errors(result.problems)))
            console.print(f"[yellow]{note}[/]")

    @app.command("show", help=text("show.help", lang))
    def show(
        workspace: workspace_arg = None,
        out: Annotated[Path, typer.Option("--out", help=text("out", lang))] = Path("out"),
        horizon: horizon_opt = 2050,
        language: lang_opt = lang,
    ) -> None:
        from pmiek.adapters.reports.maps import draw_hierarchy, draw_map

        result = _read(workspace, lang, horizon)
        if not result.ok:
            _report(result, lang, False, _console())
            raise typer.Exit(EXIT_INVALID)
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _fail(WriteError(str(exc)), lang, 1) from None
        files = [out / "kaart.png", out / "hierarchie.png"]
        draw_map(result.workspace, files[0], lang)
        draw_hierarchy(result.workspace, files[1], lang)
        _console().print(text("show.done", lang, files=", ".join(map(str, files))))

    @app.command("insight", help=text("insight.help", lang))
    def insight(
        args: Annotated[list[str] | None, typer.Argument(help=text("insight.args", lang),
                                                         show_default=False)] = None,
        scenario: Annotated[str, typer.Option("--scenario",
                                              help=text("insight.scenario", lang))] = "all",
        out: Annotated[Path, typer.Option("--out", help=text("out", lang))] = Path("out"),
        year: Annotated[list[int] | None, typer.Option("--year",
                                                       help=text("insight.year", lang))] = None,
        first_year: Annotated[int, typer.Option("--first-year",
                                                help=text("insight.first_year", lang))] = 2026,
        workspace_option: Annotated[str | None, typer.Option(
            "--workspace", help=text("insight.workspace", lang))] = None,
        direction: Annotated[str, typer.Option("--direction",
                                               help=text("insight.direction", lang))] = "demand",
        dask: Annotated[str | None, typer.Option("--dask",
                                                 help=text("insight.dask", lang))] = None,
        horizon: horizon_opt = 2050,
        language: lang_opt = lang,
    ) -> None:
        from pmiek.adapters.cli.insight_cmd import run_explain, run_insight

        console = _console()
        words = list(args or [])
        if words and words[0] == "explain":
            if len(words) != 3 or not words[2].isdigit():
                raise _fail(InputError(text("insight.explain_usage", lang)), lang,
                            EXIT_INVALID)
            result = _read(workspace_option, lang, horizon)
            _require_valid(result, lang, console)
            run_explain(result.workspace, words[1], int(words[2]), scenario, direction, lang,
                        console)
            return
        if len(words) > 1:
            raise _fail(InputError(text("insight.explain_usage", lang)), lang, EXIT_INVALID)
        result = _read(words[0] if words else workspace_option, lang, horizon)
        _require_valid(result, lang, console)
        run_insight(result, scenario, out, list(range(first_year, horizon + 1)), year, lang,
                    console, dask)
        record_stored_run(words[0] if words else workspace_option, "insight", {
            "scenario": scenario, "first_year": first_year, "horizon": horizon}, out, console,
            lang)

    @app.command("variants", help=text("variants.help", lang))
    def variants(
        workspace: Annotated[str | None, typer.Argument(help=text("variants.workspace", lang),
                                                        show_default=False)] = None,
        lens: Annotated[str, typer.Option("--lens", help=text(
            "variants.lens", lang, lenses=", ".join(BUILT_IN)))] = "all",
        level: Annotated[str, typer.Option("--level",
                                           help=text("variants.level", lang))] = "province",
        scenario: Annotated[str, typer.Option("--scenario",
                                              help=text("variants.scenario", lang))] = "all",
        out: Annotated[Path, typer.Option("--out", help=text("out", lang))] = Path(
            "out/varianten"),
        first_year: Annotated[int, typer.Option("--first-year",
                                                help=text("variants.first_year", lang))] = 2026,
        horizon: Annotated[int, typer.Option("--horizon",
                                             help=text("variants.horizon", lang))] = HORIZON,
        time_limit: Annotated[float, typer.Option("--time-limit", min=0.1, help=text(
            "variants.time_limit", lang))] = 60.0,
        gap: Annotated[float, typer.Option("--gap", min=0.0, max=1.0,
                                           help=text("variants.gap", lang))] = 0.01,
        move_ip: Annotated[bool, typer.Option("--move-ip/--no-move-ip",
                                              help=text("variants.move_ip", lang))] = False,
        fixed: Annotated[Path | None, typer.Option("--fixed", help=text("variants.fixed", lang),
                                                   show_default=False)] = None,
        baseline: Annotated[bool, typer.Option("--baseline/--no-baseline",
                                               help=text("variants.baseline", lang))] = True,
        language: lang_opt = lang,
    ) -> None:
        from pmiek.adapters.cli.variants_cmd import (
            Settings,
            check_level,
            choose_lenses,
            choose_scenarios,
            invalid,
            read_fixed,
            run_variants,
        )

        console = Console(soft_wrap=False, width=None if sys.stdout.isatty() else 240)
        if horizon < first_year:
            raise invalid(text("variants.years", lang, horizon=horizon, first=first_year),
                          lang)
        lenses = choose_lenses(lens, lang)
        result = _read(workspace, lang, max(horizon, 2050))
        _require_valid(result, lang, console)
        chosen = choose_scenarios(result.workspace, scenario, lang)
        check_level(result.workspace, level, lang)
        pinned = read_fixed(fixed, result.workspace, lang) if fixed is not None else None
        settings = Settings(scenarios=chosen, level=level, first_year=first_year,
                            horizon=horizon, fixed=pinned, move_ip=move_ip,
                            time_limit=time_limit, mip_gap=gap, baseline=baseline)
        run_variants(result.workspace, lenses, settings, out, lang, console)
        record_stored_run(workspace, "variants", {
            "lens": lens, "scenario": scenario, "level": level, "first_year": first_year,
            "horizon": horizon, "gap": gap, "time_limit": time_limit}, out, console, lang)

    @app.command("assess", help=text("assess.help", lang))
    def assess(
        workspace: Annotated[str | None, typer.Argument(help=text("assess.workspace", lang),
                                                        show_default=False)] = None,
        variants_dir: Annotated[Path | None, typer.Option(
            "--variants", help=text("assess.variants", lang), show_default=False)] = None,
        lens: Annotated[str, typer.Option("--lens", help=text("assess.lens", lang))] = "all",
        scenario: Annotated[str, typer.Option("--scenario",
                                              help=text("variants.scenario", lang))] = "all",
        out: Annotated[Path, typer.Option("--out", help=text("out", lang))] = Path(
            "out/afweging"),
        weights: Annotated[str, typer.Option("--weights",
                                             help=text("assess.weights", lang))] = "interval",
        spread: Annotated[float, typer.Option("--spread", min=0.0, max=0.99,
                                              help=text("assess.spread", lang))] = 0.5,
        samples: Annotated[int, typer.Option("--samples", min=100, max=10_000_000,
                                             help=text("assess.samples", lang))] = 20_000,
        seed: Annotated[int, typer.Option("--seed", help=text("assess.seed", lang))] = 0,
        choose: Annotated[str | None, typer.Option("--choose", help=text("assess.choose", lang),
                                                   show_default=False)] = None,
        first_year: Annotated[int, typer.Option("--first-year",
                                                help=text("variants.first_year", lang))] = 2026,
        horizon: Annotated[int, typer.Option("--horizon",
                                             help=text("variants.horizon", lang))] = HORIZON,
        time_limit: Annotated[float, typer.Option("--time-limit", min=0.1, help=text(
            "assess.time_limit", lang))] = 60.0,
        as_json: Annotated[bool, typer.Option("--json", help=text("json", lang))] = False,
        language: lang_opt = lang,
    ) -> None:
        from pmiek.adapters.cli.assess_cmd import (
            AssessSettings,
            designed_variants,
            read_weights,
            run_assess,
            stored_variants,
        )
        from pmiek.adapters.cli.variants_cmd import choose_lenses, choose_scenarios, invalid

        console = Console(soft_wrap=False, width=None if sys.stdout.isatty() else 240,
                          stderr=as_json)
        if horizon < first_year:
            raise invalid(text("variants.years", lang, horizon=horizon, first=first_year),
                          lang)
        result = _read(workspace, lang, max(horizon, 2050))
        _require_valid(result, lang, console)
        chosen = choose_scenarios(result.workspace, scenario, lang)
        weight_spec = read_weights(weights, result.workspace, lang, console)
        settings = AssessSettings(scenarios=chosen, first_year=first_year, horizon=horizon,
                                  time_limit=time_limit, weights=weight_spec, spread=spread,
                                  samples=samples, seed=seed, choose=choose)
        if variants_dir is not None:
            found = stored_variants(variants_dir, result.workspace, lens, lang)
        else:
            found = designed_variants(result.workspace, choose_lenses(lens, lang), settings,
                                      lang, console)
        run_assess(result.workspace, found, settings, out, lang, console, as_json)
        record_stored_run(workspace, "assess", {
            "lens": lens, "scenario": scenario, "weights": weights, "spread": spread,
            "samples": samples, "seed": seed, "choose": choose}, out, console, lang)

    add_store_commands(app, lang)
    return app


def _require_valid(result: ReadResult, lang: str, console: Console) -> None:
    if not result.ok:
        _report(result, lang, False, console)
        raise typer.Exit(EXIT_INVALID)


def _read(workspace: str | None, lang: str, horizon: int) -> ReadResult:
    options = ValidationOptions(horizon=horizon)
    try:
        if workspace is not None and workspace.startswith(STORE_PREFIX):
            stored: ReadResult = read_stored(workspace, options)
            return stored
        return read_workspace(workspace, options=options)
    except InputError as exc:
        raise _fail(exc, lang, EXIT_INVALID) from None
    except PmiekError as exc:
        raise _fail(exc, lang, 1) from None


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the ``pmiek`` script."""
    args = list(sys.argv[1:] if argv is None else argv)
    lang = choose_language(args)
    build_app(lang)(args, prog_name="pmiek")


if __name__ == "__main__":
    main()
