"""Help in the chosen language, all of it: the frame typer and click draw around our texts.

Our help texts are in :mod:`pmiek.adapters.cli.i18n`; the words around them — "Usage:",
the panel titles "Arguments", "Options", "Commands", "[default: …]", "[OPTIONS]" and the
``--help`` option's own line — come from typer and its vendored click, which ship English
only and keep them as module globals and command attributes read when the help is drawn.
:func:`localise_help` sets them for one run, on the root command before it starts.
"""

from __future__ import annotations

import functools
import re
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
    "try": ("Zie [blue]'{command_path} {help_option}'[/] voor hulp.",
            "Try [blue]'{command_path} {help_option}'[/] for help."),
}
"""The frame's words, (Dutch, English)."""

TYPES: dict[str, tuple[str, str]] = {
    "str": ("tekst", "text"), "int": ("geheel getal", "integer"), "float": ("getal", "number"),
    "Path": ("pad", "path"), "path": ("pad", "path"), "bool": ("ja/nee", "yes/no"),
    "list": ("lijst", "list"),
    "datetime": ("datum", "date"), "range": ("bereik", "range"),
}
"""The names of the value types that typer shows beside an option (``<str>``), in words."""

USAGE_ERRORS: tuple[tuple[str, str], ...] = (
    (r"No such option: (?P<a>\S+) \(Possible options: (?P<b>.+)\)",
     "Onbekende optie: {a} (mogelijk: {b})"),
    (r"No such option: (?P<a>\S+)", "Onbekende optie: {a}"),
    (r"No such command '(?P<a>.+)'\. Did you mean (?P<b>.+)\?",
     "Onbekend commando '{a}'. Bedoel je {b}?"),
    (r"No such command '(?P<a>.+)'\.", "Onbekend commando '{a}'."),
    (r"Missing command\.", "Er ontbreekt een commando."),
    (r"Missing argument (?P<a>.+?)\.(?P<b>.*)", "Argument {a} ontbreekt.{b}"),
    (r"Missing option (?P<a>.+?)\.(?P<b>.*)", "Optie {a} ontbreekt.{b}"),
    (r"Missing parameter (?P<a>.+?)\.(?P<b>.*)", "Parameter {a} ontbreekt.{b}"),
    (r"Got unexpected extra arguments? \((?P<a>.+)\)", "Onverwachte extra argumenten ({a})"),
    (r"Option (?P<a>'\S+') requires an argument\.", "Optie {a} vraagt een waarde."),
    (r"Option (?P<a>'\S+') requires (?P<b>\d+) arguments\.", "Optie {a} vraagt {b} waarden."),
    (r"Option (?P<a>'\S+') does not take a value\.", "Optie {a} neemt geen waarde."),
    (r"Invalid value for (?P<a>.+?): Input should be a valid integer.*",
     "Ongeldige waarde voor {a}: geen geheel getal."),
    (r"Invalid value for (?P<a>.+?): Input should be a valid number.*",
     "Ongeldige waarde voor {a}: geen getal."),
    (r"Invalid value for (?P<a>.+?): Input should be greater than or equal to (?P<b>\S+)",
     "Ongeldige waarde voor {a}: moet minstens {b} zijn."),
    (r"Invalid value for (?P<a>.+?): Input should be less than or equal to (?P<b>\S+)",
     "Ongeldige waarde voor {a}: mag hoogstens {b} zijn."),
    (r"Invalid value for (?P<a>.+?): (?P<b>'.*') is not one of (?P<c>.+)\.",
     "Ongeldige waarde voor {a}: {b} is geen van {c}."),
    (r"Invalid value for (?P<a>.+?): .*", "Ongeldige waarde voor {a}."),
    (r"Invalid value: .*", "Ongeldige waarde."),
)
"""click's and typer's usage errors (English only) as patterns, with their Dutch text; an
error that none of them matches is shown in Dutch as "Ongeldige invoer" with the usage line
(never in English)."""

ARGUMENTS: dict[str, tuple[str, str]] = {
    "workspace": ("WERKRUIMTE", "WORKSPACE"), "source": ("BRON", "SOURCE"),
    "out": ("DOEL", "OUT"), "path": ("PAD", "PATH"), "name": ("NAAM", "NAME"),
    "file": ("BESTAND", "FILE"), "args": ("ARGUMENTEN", "ARGS"),
}
"""The placeholders of positional arguments in the usage line, by parameter name."""

TYPE_NAME = re.compile(r"\b(" + "|".join(TYPES) + r")\b")

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
    for param in getattr(command, "params", ()):
        if param.param_type_name == "argument" and param.name in ARGUMENTS and (
                param.metavar is None or getattr(param, "_pmiek_metavar", False)):
            param.metavar = in_language(ARGUMENTS[param.name], lang)
            param._pmiek_metavar = True
    for sub in getattr(command, "commands", {}).values():
        _localise_commands(sub, lang)


class _NumbersIn(str):
    """A frame template (``[standaard: {}]``) whose ``format`` writes the numbers it is given
    as ``lang`` does: ``600.0`` becomes ``600,0`` in Dutch."""

    lang = "nl"

    def format(self, *args: object, **kwargs: object) -> str:
        if self.lang != "en":
            args = tuple(re.sub(r"(?<![\w.,])\d{5,}(?![\w.,])",
                                lambda m: f"{int(m.group()):,}".replace(",", "."),
                                re.sub(r"(?<![\w.])(-?\d+)\.(\d+)(?![\w.])", r"\1,\2",
                                       str(a))) for a in args)
        return super().format(*args, **kwargs)


def _numbers_in(template: str, lang: str) -> _NumbersIn:
    made = _NumbersIn(template)
    made.lang = lang
    return made


def _localise_types(lang: str) -> None:
    """The value type beside each option in words of ``lang`` (``<tekst>``), and none
    beside a flag (a flag takes no value)."""
    from typer.core import TyperArgument, TyperOption

    for cls in (TyperArgument, TyperOption):
        plain = getattr(cls.display_type_rich, "__wrapped__", cls.display_type_rich)

        def display_type_rich(self: Any, ctx: Any, plain: Any = plain) -> str | None:
            if getattr(self, "is_flag", False):
                return None
            shown = plain(self, ctx)
            if shown is None:
                return shown
            listed = re.sub(r"list\[(.*)\]", r"\1...", str(shown))  # repeatable
            return TYPE_NAME.sub(lambda m: in_language(TYPES[m.group(1)], lang), listed)

        display_type_rich.__wrapped__ = plain  # type: ignore[attr-defined]
        cls.display_type_rich = display_type_rich  # type: ignore[method-assign]


def usage_error(message: str, lang: str) -> str:
    """click's or typer's usage error ``message`` in ``lang``."""
    if lang == "en":
        return message
    for pattern, dutch in USAGE_ERRORS:
        found = re.fullmatch(pattern, message, re.S)
        if found:
            return dutch.format(**found.groupdict())
    return "Ongeldige invoer."


def _localise_errors(lang: str) -> None:
    """The usage errors that typer prints (with the hint how to get help) in ``lang``."""
    import typer.rich_utils

    typer.rich_utils.RICH_HELP = in_language(WORDS["try"], lang)
    plain = getattr(typer.rich_utils.rich_format_error, "__wrapped__",
                    typer.rich_utils.rich_format_error)

    @functools.wraps(plain)
    def rich_format_error(self: Any) -> None:
        english = self.format_message
        self.format_message = lambda: usage_error(english(), lang)
        plain(self)

    typer.rich_utils.rich_format_error = rich_format_error


def _localise_typer(lang: str) -> None:
    """typer's panel titles and notes, and click's "Usage:" (wrapped once, the wrapper
    replaced on every call, so languages never stack)."""
    import typer.rich_utils
    from typer._click.formatting import HelpFormatter

    for name, key in FRAME.items():
        setattr(typer.rich_utils, name, in_language(WORDS[key], lang))
    typer.rich_utils.DEFAULT_STRING = _numbers_in(in_language(WORDS["default"], lang), lang)
    typer.rich_utils.RANGE_STRING = _numbers_in(" [{}]", lang)
    _localise_types(lang)
    _localise_errors(lang)
    usage = in_language(WORDS["usage"], lang)
    plain = getattr(HelpFormatter.write_usage, "__wrapped__", HelpFormatter.write_usage)

    @functools.wraps(plain)
    def write_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        plain(self, prog, args, f"{usage} " if prefix is None else prefix)

    HelpFormatter.write_usage = write_usage  # type: ignore[method-assign]
