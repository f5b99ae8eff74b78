"""The ``pmiek`` command: ``template``, ``validate``, ``convert``, ``summary``, ``show``,
``insight``, ``variants``, ``assess``, ``import``, ``export``, ``db`` and ``intake``.

Every command is a thin shell: it parses options, calls a stage (``pmiek.insight.analyse``,
``pmiek.variants.design_variants``, ``pmiek.assessment.appraise``), writes the result with
``pmiek.adapters.files.write_outputs`` and renders it. Help and output are Dutch by default;
``--lang en`` (anywhere on the line) or ``PMIEK_LANG=en`` switches to English.

Every failure is a message, never a traceback. Exit codes (also in the README):

- 0 done;
- 1 no feasible or verified answer, or an output that cannot be written;
- 2 invalid input or options (nothing written), including a store name or version that
  cannot be used and an option that click or typer refuses;
- 3 a conflict in the store (nothing written);
- 4 an unexpected error: a short message names a log file in the user's cache folder
  (``pmiek.adapters.cli.common.log_folder``) that holds the traceback;
- 130 interrupted (Ctrl-C).

The catch lives in the application itself (its root group, made by :func:`guarded_group`), so
it holds for the ``pmiek`` script and for an in-process run through typer's test runner alike.
"""

import contextlib
import os
import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer
from typer.core import TyperGroup
from typer.exceptions import TyperException

from pmiek.adapters.cli.assess_cmd import add_assess_command
from pmiek.adapters.cli.choices_cmd import add_choices_command
from pmiek.adapters.cli.common import exit_code, fail, interrupted, message_of, unexpected
from pmiek.adapters.cli.consultation_cmd import add_consultation_commands
from pmiek.adapters.cli.edition_cmd import add_edition_commands
from pmiek.adapters.cli.help_frame import localise_help
from pmiek.adapters.cli.i18n import LANGUAGES, choose_language, text
from pmiek.adapters.cli.insight_cmd import add_insight_command
from pmiek.adapters.cli.intake_cmd import add_intake_commands
from pmiek.adapters.cli.monitor_cmd import add_monitor_command
from pmiek.adapters.cli.options import Options
from pmiek.adapters.cli.report_cmd import add_report_command
from pmiek.adapters.cli.serve_cmd import add_serve_command
from pmiek.adapters.cli.store_cmd import add_store_commands
from pmiek.adapters.cli.variants_cmd import add_variants_command
from pmiek.adapters.cli.workspace_cmd import add_workspace_commands
from pmiek.errors import PmiekError

PASSED_ON = (typer.Exit, typer.Abort, TyperException)
"""What click and typer handle themselves: an exit with a code, an abort, a usage error
(exit 2, with the usage and no traceback)."""


def _handled(error: BaseException, lang: str) -> typer.Exit:
    """The message and exit code of an exception that left a command."""
    if isinstance(error, KeyboardInterrupt):
        return interrupted(lang)
    if isinstance(error, BrokenPipeError):  # the reader went away (``| head``): stop quietly
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return typer.Exit(1)
    if isinstance(error, PmiekError):
        return fail(message_of(error, lang), lang, exit_code(error))
    return unexpected(error, lang)


def guarded_group(lang: str) -> type[TyperGroup]:
    """The root command group, whose run turns every exception into a message and a
    documented exit code (see the module docstring), in ``lang``."""

    class GuardedGroup(TyperGroup):
        def invoke(self, ctx: Any) -> Any:
            try:
                return super().invoke(ctx)
            except PASSED_ON:
                raise
            except (Exception, KeyboardInterrupt) as error:
                raise _handled(error, lang) from None

        def main(self, *args: Any, **kwargs: Any) -> Any:
            localise_help(self, lang)
            try:
                return super().main(*args, **kwargs)
            except PASSED_ON:
                raise
            except Exception as error:  # raised while the line was read, before invoke
                code = _handled(error, lang).exit_code
                if kwargs.get("standalone_mode", True):
                    sys.exit(code)
                return code

    return GuardedGroup


def build_app(lang: str = "nl") -> typer.Typer:
    """The typer application with help texts in ``lang``."""
    app = typer.Typer(help=text("app", lang), no_args_is_help=True, add_completion=False,
                      cls=guarded_group(lang), pretty_exceptions_enable=False,
                      pretty_exceptions_show_locals=False,
                      context_settings={"help_option_names": ["-h", "--help"]})
    o = Options(lang)

    @app.callback()
    def _root(*, language: Annotated[str, o.lang] = lang) -> None:
        if language not in LANGUAGES:
            raise typer.BadParameter(f"{language}: nl | en")

    add_workspace_commands(app, lang)
    add_choices_command(app, lang)
    add_insight_command(app, lang)
    add_variants_command(app, lang)
    add_assess_command(app, lang)
    add_store_commands(app, lang)
    add_intake_commands(app, lang)
    add_edition_commands(app, lang)
    add_consultation_commands(app, lang)
    add_monitor_command(app, lang)
    add_report_command(app, lang)
    add_serve_command(app, lang)
    return app


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the ``pmiek`` script."""
    args = list(sys.argv[1:] if argv is None else argv)
    lang = choose_language(args)
    build_app(lang)(args, prog_name="pmiek")


if __name__ == "__main__":
    main()
