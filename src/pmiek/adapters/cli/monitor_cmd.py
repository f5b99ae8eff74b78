"""``pmiek monitor EDITION --ip FILE.csv --out DIR``: step 5, the edition's priority list
against a grid operators' investment plan (IP).

The IP list is checked (all or nothing) and kept in the store as IP edition (year, phase);
``--map`` confirms matches of P-MIEK projects to IP references (kept with the edition); the
report classifies every project of the edition's priority list (in the IP on time, late,
cancelled, missing, not matched), compares it with the previous stored IP edition and raises
the herijking signals. Matches the mapping lacks are suggested by name and station in
``suggesties.csv``, to confirm in the next ``--map``.
"""

# No ``from __future__ import annotations``: typer reads the annotations at run time.
from pathlib import Path
from typing import Annotated

import typer

from pmiek.adapters.cli.common import console
from pmiek.adapters.cli.edition_cmd import _workspace_of
from pmiek.adapters.cli.i18n import text
from pmiek.adapters.cli.programme_common import as_option, consultation_store, db_option


def add_monitor_command(app: typer.Typer, lang: str) -> None:
    """Register ``monitor`` on ``app``."""

    @app.command("monitor", help=text("monitor.help", lang))
    def monitor_cmd(
        *,
        edition: Annotated[str, typer.Argument(help=text("edition.name", lang))],
        ip: Annotated[Path, typer.Option("--ip", help=text("monitor.ip", lang))],
        out: Annotated[Path, typer.Option("--out", help=text("out", lang))] =
        Path("out/monitoring"),
        ip_year: Annotated[int, typer.Option("--ip-year", help=text("monitor.ip_year", lang))]
        = 2026,
        phase: Annotated[str, typer.Option("--phase", help=text("monitor.phase", lang))] =
        "ontwerp",
        mapping_file: Annotated[Path | None, typer.Option(
            "--map", help=text("monitor.map", lang), show_default=False)] = None,
        overwrite: Annotated[bool, typer.Option("--overwrite",
                                                help=text("overwrite", lang))] = False,
        user: Annotated[str | None, as_option(lang)] = None,
        db: Annotated[str | None, db_option(lang)] = None,
        language: Annotated[str, typer.Option("--lang", help=text("lang", lang))] = lang,
    ) -> None:
        from pmiek.adapters.files import check_outputs
        from pmiek.adapters.files.ip_list import read_ip_list, read_mapping, write_monitoring
        from pmiek.adapters.files.metadata import file_hash
        from pmiek.programme.monitoring import check_ip_edition, monitor, suggest_matches

        check_ip_edition(ip_year, phase)
        check_outputs(out, sources=(ip, mapping_file))
        listed = read_ip_list(ip)
        given = None if mapping_file is None else read_mapping(mapping_file)
        with consultation_store(db, user) as consult:
            priority = consult.run_table(edition, "assess", "priority_list")
            if priority.empty:
                raise typer.BadParameter(text("monitor.no_priority", lang, edition=edition))
            consult.store_ip(ip_year, phase, listed, file_name=ip.name, sha256=file_hash(ip))
            if given is not None:
                consult.set_matches(edition, given)
            mapping = consult.matches(edition)
            previous, before = consult.previous_ip(
                ip_year, phase, sorted(listed["operator"].astype(str).unique()))
            workspace = _workspace_of(consult, edition)
        report = monitor(priority, listed, mapping, previous_ip=previous if before else None,
                         lang=lang)
        open_ = report[report["classification"] == "niet_gekoppeld"]["project_id"]
        projects = workspace.table("projects")
        suggestions = suggest_matches(projects[projects["id"].isin(open_)],
                                      workspace.table("project_effects"),
                                      workspace.table("assets"), listed, lang=lang)
        paths = write_monitoring(report, suggestions, out, lang, sources=(ip, mapping_file),
                                 overwrite=overwrite)
        counts = report["classification"].value_counts()
        console().print(text(
            "monitor.done", lang, n=len(report), on_time=int(counts.get("op_tijd", 0)),
            late=int(counts.get("te_laat", 0)), missing=int(counts.get("ontbreekt", 0)),
            open=int(counts.get("niet_gekoppeld", 0)), signals=int(report["herijking"].sum()),
            previous=", ".join(before) or "-",
            files=", ".join(p.name for p in paths), out=out))
