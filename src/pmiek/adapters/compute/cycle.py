"""The runs of an edition: insight, variants and assessment on one workspace version, from
parameters that a re-run can repeat.

:func:`run_cycle` calls the three stages (``pmiek.insight.analyse``,
``pmiek.variants.design_variants``, ``pmiek.assessment.appraise``) exactly as the CLI does
and returns each stage's result tables (``to_frames()``); :func:`versions` names the software
and solver that made them. The edition keeps both, so that ``pmiek edition verify`` can make
the runs again and compare the hashes of the canonical tables
(:func:`pmiek.programme.results.frames_hash`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from pmiek.domain.workspace import Workspace

KINDS = ("insight", "variants", "assess")

DEFAULTS: Mapping[str, Any] = {
    "scenario": "all", "lens": "all", "first_year": 2026, "insight_horizon": 2050,
    "horizon": 2035, "weights": "interval", "spread": 0.5, "samples": 20_000, "seed": 0,
    "lang": "nl",
}
"""The parameters of an edition's runs when none are given."""


@dataclass(frozen=True)
class CycleRun:
    """One stage's run: its kind, the parameters that repeat it, its tables."""

    kind: str
    parameters: dict[str, Any]
    frames: dict[str, pd.DataFrame] = field(repr=False)


def parameters_of(given: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """:data:`DEFAULTS` with ``given`` over them (unknown keys refused)."""
    given = dict(given or {})
    unknown = set(given) - set(DEFAULTS)
    if unknown:
        raise ValueError(f"unknown run parameters {sorted(unknown)}")
    return {**DEFAULTS, **given}


def run_cycle(workspace: Workspace, parameters: Mapping[str, Any] | None = None, *,
              kinds: tuple[str, ...] = KINDS,
              progress: Callable[[str], None] | None = None) -> list[CycleRun]:
    """Insight, variants and assessment (those of ``kinds``) on ``workspace``."""
    from pmiek.adapters.files.choice_files import scenario_with_choices
    from pmiek.adapters.files.lenses import load_lenses
    from pmiek.assessment.appraisal import WeightChoice, appraise
    from pmiek.insight.analysis import analyse
    from pmiek.variants.solver import SolverOptions
    from pmiek.variants.variant_set import design_variants

    p = parameters_of(parameters)
    tell = progress or (lambda _kind: None)
    ws, scenario = scenario_with_choices(workspace, str(p["scenario"]))
    runs: list[CycleRun] = []
    if "insight" in kinds:
        tell("insight")
        insight = analyse(ws, scenario, first_year=int(p["first_year"]),
                          horizon=int(p["insight_horizon"]))
        runs.append(CycleRun("insight", p, insight.to_frames()))
    if "variants" in kinds or "assess" in kinds:
        tell("variants")
        options = SolverOptions()
        variants = design_variants(ws, load_lenses(str(p["lens"])), scenario,
                                   first_year=int(p["first_year"]), horizon=int(p["horizon"]),
                                   options=options, baseline=False)
        if "variants" in kinds:
            runs.append(CycleRun("variants", p, variants.to_frames(str(p["lang"]))))
        if "assess" in kinds:
            tell("assess")
            choice = WeightChoice(str(p["weights"]), float(p["spread"]), int(p["samples"]),
                                  int(p["seed"]))
            appraisal = appraise(ws, variants, weights=choice, options=options,
                                 lang=str(p["lang"]))
            runs.append(CycleRun("assess", p, appraisal.to_frames()))
    return runs


def versions() -> dict[str, str]:
    """The software and solver versions a run depends on."""
    from pmiek.adapters.files.metadata import library_versions
    from pmiek.variants.solver import SolverOptions

    return library_versions(SolverOptions().record())
