"""Help in the chosen language, all of it: the frame typer and click draw around our texts.

Our help texts are in :mod:`pmiek.adapters.cli.i18n`; the words around them — "Usage:",
the panel titles "Arguments", "Options", "Commands", "[default: …]", "[OPTIONS]" and the
``--help`` option's own line — come from typer and its vendored click, which ship English
only and keep them as module globals and command attributes read when the help is drawn.
:func:`localise_help` sets them for one run, on the root command before it starts.
"""

from __future__ import annotations

import functools
from typing import Any

from pmiek.domain.labels import in_language

WORDS: dict[str, tuple[str, str]] = {
    "option": ("Toon deze hulp en stop.", "Show this help and exit."),
    "usage": ("Gebruik:", "Usage:"),
    "options_metavar": ("[OPTIES]", "[OPTIONS]"),
    "subcommand_metavar": ("COMMANDO [ARGUMENTEN]...", "COMMAND [ARGS]..."),
    "arguments": ("Argumenten", "Arguments"),
    "options": ("Opties", "Options"),
    "commands": ("Commando's", "Commands"),
    "default": ("[standaard: {}]", "[default: {}]"),
    "required": ("[verplicht]", "[required]"),
    "envvar": ("[omgevingsvariabele: {}]", "[env var: {}]"),
    "error": ("Fout", "Error"),
    "aborted": ("Afgebroken.", "Aborted."),
    "deprecated": ("(verouderd) ", "(deprecated) "),
}
"""The frame's words, (Dutch, English)."""

FRAME = {"ARGUMENTS_PANEL_TITLE": "arguments", "OPTIONS_PANEL_TITLE": "options",
         "COMMANDS_PANEL_TITLE": "commands", "DEFAULT_STRING": "default",
         "REQUIRED_LONG_STRING": "required", "ENVVAR_STRING": "envvar",
         "ERRORS_PANEL_TITLE": "error", "ABORTED_TEXT": "aborted",
         "DEPRECATED_STRING": "deprecated"}
"""The globals of ``typer.rich_utils`` and the key of their words here."""


def localise_help(root: Any, lang: str) -> None:
    """The whole help frame of ``root`` and every command below it in ``lang``."""
    _localise_commands(root, lang)
    _localise_typer(lang)


def _localise_commands(command: Any, lang: str) -> None:
    """The ``--help`` option of ``command`` and every command below it, and the placeholders
    of their usage line."""
    command.options_metavar = in_language(WORDS["options_metavar"], lang)
    if hasattr(command, "commands"):  # a group: "COMMAND [ARGS]..."
        command.subcommand_metavar = in_language(WORDS["subcommand_metavar"], lang)
    shown = in_language(WORDS["option"], lang)
    if getattr(command, "_pmiek_help", None) != shown:
        original = getattr(command, "_pmiek_original_help", command.get_help_option)

        def get_help_option(ctx: Any) -> Any:
            option = original(ctx)
            if option is not None:
                option.help = shown
            return option

        command._pmiek_original_help = original
        command.get_help_option = get_help_option
        command._pmiek_help = shown
    for sub in getattr(command, "commands", {}).values():
        _localise_commands(sub, lang)


def _localise_typer(lang: str) -> None:
    """typer's panel titles and notes, and click's "Usage:" (wrapped once, the wrapper
    replaced on every call, so languages never stack)."""
    import typer.rich_utils
    from typer._click.formatting import HelpFormatter

    for name, key in FRAME.items():
        setattr(typer.rich_utils, name, in_language(WORDS[key], lang))
    usage = in_language(WORDS["usage"], lang)
    plain = getattr(HelpFormatter.write_usage, "__wrapped__", HelpFormatter.write_usage)

    @functools.wraps(plain)
    def write_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        plain(self, prog, args, f"{usage} " if prefix is None else prefix)

    HelpFormatter.write_usage = write_usage  # type: ignore[method-assign]
