"""Shared fixtures of the programme-document tests: one governance trail on the example
workspace (an adopted edition with zienswijzen, monitoring and one confidential asset and
project), and the documents made from it through the CLI."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest
from typer.testing import CliRunner

from pmiek.adapters.cli.main import build_app

ROOT = Path(__file__).resolve().parents[2]


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("governance_trail_report",
                                                  ROOT / "scripts" / "governance_trail.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["governance_trail_report"] = module
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True)
class Made:
    """The trail's folder and the documents made from it."""

    script: ModuleType
    trail: Path
    public: Path
    internal: Path
    english: Path
    workspace: Path

    @property
    def db(self) -> str:
        return f"sqlite:///{(self.trail / 'pmiek.db').as_posix()}"


def pmiek(*args: str) -> str:
    result = CliRunner().invoke(build_app("nl"), list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="session")
def made(tmp_path_factory: pytest.TempPathFactory) -> Made:
    script = _script()
    base = tmp_path_factory.mktemp("programmadocument")
    example = base / "voorbeeld"
    shutil.copytree(script.EXAMPLE, example)
    trail = base / "spoor"
    script.run(trail, workspace="example", lens="wonen-eerst,evenwichtig", samples=500,
               example=example, changes=script.example_herijking(example), quiet=True)
    db = f"sqlite:///{(trail / 'pmiek.db').as_posix()}"
    edition = script.FIRST
    pmiek("report", edition, "--db", db, "--as", "kernteam", "--out", str(base / "publiek"))
    pmiek("report", edition, "--db", db, "--as", "kernteam", "--audience", "intern",
          "--out", str(base / "intern"))
    pmiek("report", edition, "--db", db, "--as", "kernteam", "--lang", "en", "--no-pdf",
          "--out", str(base / "english"))
    pmiek("report", "example", "--out", str(base / "werkruimte"))
    return Made(script, trail, base / "publiek", base / "intern", base / "english",
                base / "werkruimte")
