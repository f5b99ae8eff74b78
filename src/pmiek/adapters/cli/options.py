"""The options that several commands share, with help in one language.

Each attribute is typer's parameter information, for ``Annotated[TYPE, o.name]`` in a command's
signature (the type stays in the signature, where type checkers see it)."""

# No "from __future__ import annotations": typer reads these annotations at run time.

import typer

from pmiek.adapters.cli.i18n import text


class Options:
    """typer's parameter information with help texts in ``lang``."""

    def __init__(self, lang: str) -> None:
        self.lang_code = lang
        self.workspace = typer.Argument(help=text("workspace", lang), show_default=False)
        self.lang = typer.Option("--lang", help=text("lang", lang))
        self.json = typer.Option("--json", help=text("json", lang))
        self.horizon = typer.Option("--horizon", help=text("horizon", lang))
        self.overwrite = typer.Option("--overwrite", help=text("overwrite", lang))
        self.scenario = typer.Option("--scenario", help=text("variants.scenario", lang))
        self.first_year = typer.Option("--first-year", help=text("variants.first_year", lang))
        self.variants_horizon = typer.Option("--horizon", help=text("variants.horizon", lang))
        self.gap = typer.Option("--gap", min=0.0, max=1.0, help=text("variants.gap", lang))
        self.node_limit = typer.Option("--node-limit", min=1,
                                       help=text("variants.node_limit", lang))
        self.out = typer.Option("--out", help=text("out", lang))
        self.time_limit = typer.Option("--time-limit", min=0.1,
                                       help=text("variants.time_limit", lang))
