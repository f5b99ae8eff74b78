"""Regenerate what the schema generates: docs/data-contract.md and the committed template.

Run with ``make docs``. Tests fail when either is stale.
"""

from __future__ import annotations

from pathlib import Path

from pmiek.adapters.files import write_workspace
from pmiek.domain.contract_doc import render_data_contract
from pmiek.domain.workspace import Workspace

ROOT = Path(__file__).resolve().parents[1]
CONTRACT = ROOT / "docs" / "data-contract.md"
TEMPLATE = ROOT / "docs" / "pmiek-sjabloon.xlsx"


def main() -> None:
    CONTRACT.parent.mkdir(exist_ok=True)
    CONTRACT.write_text(render_data_contract(), encoding="utf-8")
    write_workspace(Workspace(), TEMPLATE, overwrite=True)
    print(f"wrote {CONTRACT.relative_to(ROOT)} and {TEMPLATE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
