"""``pmiek summary`` speaks the chosen language: labels instead of codes, and numbers with the
decimal mark and thousands separator of that language."""

from __future__ import annotations

from typer.testing import CliRunner

from pmiek.adapters.cli.main import build_app
from pmiek.adapters.files import read_workspace
from pmiek.domain.labels import label
from pmiek.domain.sizing import developed_mw

runner = CliRunner()
ENV = {"COLUMNS": "200"}


def _shown(value: float, lang: str) -> str:
    english = f"{value:,.1f}"
    return english if lang == "en" else \
        english.replace(",", " ").replace(".", ",").replace(" ", ".")


def test_summary_labels_sectors_and_formats_numbers_in_each_language() -> None:
    ws = read_workspace("utrecht").workspace
    total = float(developed_mw(ws)["demand_mw"].sum())
    assert total > 1000  # a thousands separator is needed
    for lang in ("nl", "en"):
        result = runner.invoke(build_app(lang), ["summary", "utrecht"], env=ENV)
        assert result.exit_code == 0, result.output
        assert _shown(total, lang) in result.output, (lang, _shown(total, lang))
        for sector in set(ws.developments["sector"]):
            assert label("sector", sector, lang) in result.output
    dutch = runner.invoke(build_app("nl"), ["summary", "utrecht"], env=ENV).output
    assert "housing" not in dutch and "woningbouw" in dutch
    assert "candidate" not in dutch and "kandidaat" in dutch
