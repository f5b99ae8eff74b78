"""Benchmark of the report step (issue 18: the programme document), against a baseline
measured in the same run.

Usage (after ``make demo``, which leaves the Utrecht trail's store in
``out/demo/programma/pmiek.db``)::

    .venv/bin/python benchmarks/bench_report.py [--db sqlite:///out/demo/programma/pmiek.db]
        [--edition "P-MIEK 2.0"] [--repeat 3]

Steps, each the best of ``--repeat``:

1. baseline: reading the edition from the store (its runs' tables, decisions, register and
   monitoring: ``collect.from_edition``) — what any front end pays before showing anything;
2. building the document (public view, narratives, SVG charts and maps);
3. the HTML (Jinja2);
4. the PDF (WeasyPrint);
5. the whole ``pmiek report`` step as ``make demo`` runs it (a new process: imports, reading,
   building, writing both files and the tables), which must stay under 60 s.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from pmiek.adapters.reports.document.build import Builder  # noqa: E402
from pmiek.adapters.reports.document.collect import from_edition  # noqa: E402
from pmiek.adapters.reports.document.render import html_text, pdf_bytes  # noqa: E402
from pmiek.adapters.store.store import Store  # noqa: E402
from timing import best_of  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default=f"sqlite:///{ROOT / 'out/demo/programma/pmiek.db'}")
    parser.add_argument("--edition", default="P-MIEK 2.0")
    parser.add_argument("--user", default="kernteam")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if args.db.startswith("sqlite:///") and not Path(args.db[10:]).is_file():
        raise SystemExit(f"No store at {args.db}: run make demo first (or give --db).")

    with Store(args.db) as store:
        source = from_edition(store, args.user, args.edition)
        collect = best_of(args.repeat, lambda: from_edition(store, args.user, args.edition))
    build = best_of(args.repeat, lambda: Builder(source).build())
    doc = Builder(source).build()
    html = html_text(doc)
    render = best_of(args.repeat, lambda: html_text(doc))
    pdf, pages = pdf_bytes(html)
    to_pdf = best_of(args.repeat, lambda: pdf_bytes(html))
    steps: list[float] = []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as folder:
            start = time.perf_counter()
            subprocess.run([str(Path(sys.executable).parent / "pmiek"), "report",
                            args.edition, "--db", args.db, "--as", args.user,
                            "--out", str(Path(folder) / "uit")], check=True,
                           capture_output=True)
            steps.append(time.perf_counter() - start)
    whole = min(steps)
    print(f"{args.edition}: {pages} pages, HTML {len(html) / 1e6:.2f} MB, "
          f"PDF {len(pdf) / 1e6:.2f} MB, {len(doc.facts)} anchored numbers")
    print("| step | seconds | × baseline |")
    print("|---|---:|---:|")
    for name, seconds in (("read the edition from the store (baseline)", collect),
                          ("build the document (narratives, charts, maps)", build),
                          ("HTML (Jinja2)", render), ("PDF (WeasyPrint)", to_pdf),
                          ("whole `pmiek report` step (new process)", whole)):
        print(f"| {name} | {seconds:.2f} | {seconds / collect:.1f} |")
    if whole >= 60:
        raise SystemExit(f"the report step took {whole:.0f} s, more than 60 s")


if __name__ == "__main__":
    main()
