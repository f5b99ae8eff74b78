"""The ``pmiek`` command line (typer + rich)."""
