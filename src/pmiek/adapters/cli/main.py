"""The ``pmiek`` command: ``template``, ``validate``, ``convert``, ``summary``, ``show``,
``insight``, ``variants``, ``assess``, ``import``, ``export`` and ``db``.

Every command is a thin shell: it parses options, calls a stage (``pmiek.insight.analyse``,
``pmiek.variants.design_variants``, ``pmiek.assessment.appraise``), writes the result with
``pmiek.adapters.files.write_outputs`` and renders it. Help and output are Dutch by default;
``--lang en`` (anywhere on the line) or ``PMIEK_LANG=en`` switches to English. Exit codes:
0 done; 1 no feasible or verified answer, or an output that cannot be written; 2 invalid
input or options (nothing written); 3 a conflict in the store.
"""

import sys
from collections.abc import Sequence
from typing import Annotated

import typer

from pmiek.adapters.cli.assess_cmd import add_assess_command
from pmiek.adapters.cli.i18n import LANGUAGES, choose_language, text
from pmiek.adapters.cli.insight_cmd import add_insight_command
from pmiek.adapters.cli.options import Options
from pmiek.adapters.cli.store_cmd import add_store_commands
from pmiek.adapters.cli.variants_cmd import add_variants_command
from pmiek.adapters.cli.workspace_cmd import add_workspace_commands


def build_app(lang: str = "nl") -> typer.Typer:
    """The typer application with help texts in ``lang``."""
    app = typer.Typer(help=text("app", lang), no_args_is_help=True, add_completion=False,
                      pretty_exceptions_show_locals=False,
                      context_settings={"help_option_names": ["-h", "--help"]})
    o = Options(lang)

    @app.callback()
    def _root(*, language: Annotated[str, o.lang] = lang) -> None:
        if language not in LANGUAGES:
            raise typer.BadParameter(f"{language}: nl | en")

    add_workspace_commands(app, lang)
    add_insight_command(app, lang)
    add_variants_command(app, lang)
    add_assess_command(app, lang)
    add_store_commands(app, lang)
    return app


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the ``pmiek`` script."""
    args = list(sys.argv[1:] if argv is None else argv)
    lang = choose_language(args)
    build_app(lang)(args, prog_name="pmiek")


if __name__ == "__main__":
    main()
