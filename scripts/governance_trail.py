"""The governance trail of a P-MIEK, end to end through the ``pmiek`` command line.

On a new store next to ``--out``: an edition "P-MIEK 2.0" on the workspace, its decisions
(kernteam, Energy Board, GS-ontwerp, the statencommissie, terinzagelegging), the zienswijzen
typed into the generated template and imported, their answers, the Nota van Beantwoording,
the acknowledgements, adoption by GS, monitoring against two IP editions, and a herijking
"P-MIEK 2.1" on inputs changed as a change set says (``herijking-2.1.csv``: the changes the
Nota promised, a development removed, an operator's budget lowered) with the diff between the
two. Every record of the Utrecht example is fictitious (see
``src/pmiek/data/utrecht/programme/README.md``).

    python scripts/governance_trail.py --out out/demo/programma            # Utrecht
    python scripts/governance_trail.py --workspace example --lens evenwichtig --out DIR

``make demo`` runs it on Utrecht. ``tests/programme/test_trail.py`` runs it on the example
workspace and checks what it wrote. The commands run in this process (typer's runner), each
echoed with its output, and the first that fails stops the trail.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from openpyxl import load_workbook

EXAMPLE = Path(__file__).resolve().parents[1] / "src" / "pmiek" / "data" / "utrecht" / "programme"
"""The fictitious Utrecht example: zienswijzen, answers, IP lists and their mapping."""

FIRST, NEXT = "P-MIEK 2.0", "P-MIEK 2.1 herijking"
MARKER = ".governance-trail"
"""The file that marks a folder as this script's (so that a rerun may replace its store)."""
SHEETS = {"zienswijzen": "zienswijzen.csv", "punten": "punten.csv",
          "persoonsgegevens": "persoonsgegevens.csv"}


@dataclass
class Trail:
    """Where the trail writes, and the command runner (in-process)."""

    out: Path
    workspace: str
    lens: str
    samples: int
    quiet: bool = False
    log: list[str] = field(default_factory=list)

    @property
    def db(self) -> str:
        return f"sqlite:///{(self.out / 'pmiek.db').as_posix()}"

    def pmiek(self, *args: str, user: str | None = "kernteam", store: bool = True) -> str:
        """Run ``pmiek ARGS [--db …] [--as user]``; its output, or SystemExit on failure."""
        from typer.testing import CliRunner

        from pmiek.adapters.cli.main import build_app

        argv = [*args, *(["--db", self.db] if store else []), *(["--as", user] if user else [])]
        shown = "pmiek " + " ".join(shlex.quote(a) for a in args)
        if not self.quiet:
            print(f"\n$ {shown}", flush=True)
        result = CliRunner().invoke(build_app("nl"), argv, catch_exceptions=False)
        self.log.append(shown)
        if not self.quiet or result.exit_code:
            print(result.output, end="", flush=True)
        if result.exit_code:
            raise SystemExit(f"governance trail: '{shown}' ended with exit code "
                             f"{result.exit_code}")
        return result.output


def fill_template(template: Path, folder: Path, target: Path) -> Path:
    """The template filled in from the CSV files in ``folder``, as a person would type it."""
    book = load_workbook(template)
    for sheet, file in SHEETS.items():
        frame = pd.read_csv(folder / file, dtype=str, keep_default_na=False)
        ws = book[sheet]
        header = [c.value for c in ws[1]]
        for r, record in enumerate(frame.to_dict("records"), start=2):
            for c, column in enumerate(header, start=1):
                if column in record and record[column] != "":
                    ws.cell(row=r, column=c, value=record[column])
    book.save(target)
    return target


def herijking_inputs(folder: Path, changes: pd.DataFrame) -> None:
    """Change an exported workspace as the herijking does: per row of ``changes`` (table,
    row_id, column, value) set a value, or remove the row when ``column`` is empty."""
    from pmiek.programme.diff import row_ids

    for table, edits in changes.groupby("table", sort=False):
        frame = pd.read_csv(folder / f"{table}.csv", dtype=str, keep_default_na=False)
        ids = row_ids(str(table), frame).to_numpy()
        for edit in edits.itertuples():
            hit = ids == edit.row_id
            if hit.sum() != 1:
                raise SystemExit(f"governance trail: no row {edit.row_id} in {table}")
            if edit.column:
                frame.loc[hit, edit.column] = edit.value
            else:
                frame, ids = frame[~hit], ids[~hit]
        frame.to_csv(folder / f"{table}.csv", index=False)


def adopt_draft(t: Trail) -> None:
    """From concept to terinzagelegging."""
    t.pmiek("edition", "advance", FIRST, "--to", "kernteam_akkoord", "--body", "kernteam",
            "--date", "2025-06-02", "--note", "Concept besproken in het kernteam (fictief)")
    t.pmiek("edition", "advance", FIRST, "--to", "eb_advies", "--body", "eb",
            "--date", "2025-06-26", "--reference", "EB-advies 2025-03 (fictief)")
    t.pmiek("edition", "advance", FIRST, "--to", "gs_ontwerp", "--body", "gs",
            "--date", "2025-09-09", "--reference", "GS-besluit 2025-0909 (fictief)")
    t.pmiek("edition", "hear", FIRST, "--body", "statencommissie", "--date", "2025-09-17",
            "--note", "Statenbrief besproken in de commissie Milieu, Mobiliteit en Economie "
            "(fictief)")
    t.pmiek("edition", "advance", FIRST, "--to", "ter_inzage", "--body", "gs",
            "--date", "2025-09-23", "--start", "2025-09-24",
            "--publication", "Provinciaal Blad 2025, 99901 (fictief)")


def consult(t: Trail, example: Path) -> None:
    """The zienswijzen: template, typed in, imported, answered; the Nota and the letters."""
    template = t.out / "zienswijzen-sjabloon.xlsx"
    t.pmiek("consultation", "template", str(template), "--overwrite", user=None, store=False)
    filled = fill_template(template, example / "zienswijzen", t.out / "zienswijzen.xlsx")
    t.pmiek("consultation", "import", FIRST, str(filled))
    t.pmiek("consultation", "answer", FIRST, str(example / "zienswijzen" / "antwoorden.csv"))
    t.pmiek("edition", "advance", FIRST, "--to", "beantwoord", "--body", "kernteam",
            "--date", "2025-11-20")
    t.pmiek("consultation", "memo", FIRST, "--out", str(t.out / "nota-van-beantwoording.docx"),
            "--data", str(t.out / "openbaar"), "--overwrite")
    t.pmiek("consultation", "letters", FIRST, "--out", str(t.out / "ontvangstbevestigingen"),
            "--overwrite")
    t.pmiek("edition", "advance", FIRST, "--to", "vastgesteld", "--body", "gs",
            "--date", "2025-12-09", "--reference", "GS-besluit 2025-1209 (fictief)",
            "--publication", "Provinciaal Blad 2025, 99902 (fictief)")


def monitor(t: Trail, example: Path) -> None:
    """Step 5 against IP2024 (definitief) and then the draft IP2026."""
    t.pmiek("monitor", FIRST, "--ip", str(example / "ip-2024.csv"), "--ip-year", "2024",
            "--phase", "definitief", "--map", str(example / "ip-mapping.csv"),
            "--out", str(t.out / "monitoring-ip2024"), "--overwrite")
    t.pmiek("monitor", FIRST, "--ip", str(example / "ip-2026-ontwerp.csv"), "--ip-year", "2026",
            "--phase", "ontwerp", "--out", str(t.out / "monitoring"), "--overwrite")


def herijking(t: Trail, name: str, changes: Path) -> None:
    """P-MIEK 2.1 on changed inputs, and the diff."""
    folder = t.out / "werkruimte-herijking"
    t.pmiek("export", name, str(folder), "--overwrite", user=None)
    herijking_inputs(folder, pd.read_csv(changes, dtype=str, keep_default_na=False))
    t.pmiek("import", str(folder), "--name", name, "--note", "herijking 2.1 (fictief)",
            user=None)
    t.pmiek("edition", "new", NEXT, "--workspace", name, "--from", FIRST, "--lens", t.lens,
            "--samples", str(t.samples))
    t.pmiek("edition", "diff", FIRST, NEXT, "--out", str(t.out / "verschil-2.0-2.1"),
            "--overwrite")


def example_herijking(example: Path) -> Path:
    """Fit a copy ``example`` of the fictitious programme data to the small example workspace
    (the shipped herijking changes Utrecht's rows): the answers that promise a change point at
    D-DC and the Stedin budget of 2027, and the herijking removes D-DC and sets that budget to
    5. Returns the herijking's change file."""
    answers = pd.read_csv(example / "zienswijzen" / "antwoorden.csv", dtype=str,
                          keep_default_na=False)
    changing = answers["leads_to_change"].str.lower().isin(["true", "ja", "1"])
    answers.loc[changing, "change_ref"] = "developments:D-DC;resources:2027|Stedin"
    answers.to_csv(example / "zienswijzen" / "antwoorden.csv", index=False)
    pd.DataFrame({"table": ["developments", "resources"], "row_id": ["D-DC", "2027|Stedin"],
                  "column": ["", "budget_meur"], "value": ["", "5"], "note": ["", ""]}
                 ).to_csv(example / "herijking-2.1.csv", index=False)
    return example / "herijking-2.1.csv"


def run(out: Path, *, workspace: str = "utrecht", lens: str = "all", samples: int = 20_000,
        changes: Path = EXAMPLE / "herijking-2.1.csv",
        example: Path = EXAMPLE, ip: bool = True, verify: bool = False,
        quiet: bool = False) -> Trail:
    """The whole trail into ``out`` (a new folder, or one this script wrote before)."""
    marker = out / MARKER
    if out.exists() and any(out.iterdir()) and not marker.exists():
        raise SystemExit(f"governance trail: {out} holds files this script did not write; "
                         "choose a new folder")
    out.mkdir(parents=True, exist_ok=True)
    marker.write_text("written by scripts/governance_trail.py\n", encoding="utf-8")
    (out / "pmiek.db").unlink(missing_ok=True)  # the trail's own store of a previous run
    t = Trail(out, workspace, lens, samples, quiet)
    name = "werkruimte"
    t.pmiek("db", "upgrade", user=None)
    t.pmiek("db", "user", "add", "beheer", "--role", "beheerder", user="beheer")
    t.pmiek("db", "user", "add", "kernteam", "--role", "kernteam", user="beheer")
    t.pmiek("import", workspace, "--name", name, user=None)
    t.pmiek("edition", "new", FIRST, "--workspace", name, "--lens", lens,
            "--samples", str(samples))
    adopt_draft(t)
    consult(t, example)
    if verify:
        t.pmiek("edition", "verify", FIRST)
    if ip:
        monitor(t, example)
    herijking(t, name, changes)
    t.pmiek("edition", "show", FIRST)
    return t


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--workspace", default="utrecht")
    parser.add_argument("--lens", default="all")
    parser.add_argument("--samples", type=int, default=20_000)
    parser.add_argument("--verify", action="store_true",
                        help="make the runs of P-MIEK 2.0 again and compare their hashes")
    args = parser.parse_args(argv)
    run(args.out, workspace=args.workspace, lens=args.lens, samples=args.samples,
        verify=args.verify)


if __name__ == "__main__":
    main(sys.argv[1:])
