"""Steps 2 and 4 as one stage: ``appraise`` measures a :class:`~pmiek.variants.VariantSet`
on the workspace's afwegingskader, scores and weighs the variants (weighted sum, TOPSIS,
PROMETHEE II, SMAA-2 over weights and scenarios, weight stability) and makes the priority list
of the chosen variant — one frozen :class:`Appraisal`, with the list broken down per
municipality, RES region and operator (:mod:`pmiek.assessment.breakdown`), the criteria that
make TOPSIS or PROMETHEE II put another variant first or second
(:mod:`pmiek.assessment.disagreement`)
and, for a hotspot, the projects it takes as given apart (``context``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from pmiek.assessment.breakdown import AREA_COLUMNS, OPERATOR_COLUMNS, by_area, by_operator
from pmiek.assessment.disagreement import Disagreement, disagreements
from pmiek.assessment.indicators import REGISTRY, performance, registry_frame, sources
from pmiek.assessment.priority import priority_list
from pmiek.assessment.score import WEIGHT_MODES, Assessment, assess, contributions
from pmiek.assessment.value_range import ValueRange, value_range
from pmiek.domain.labels import localised
from pmiek.domain.provenance import ProgressCallback, Provenance, no_progress
from pmiek.domain.workspace import Workspace
from pmiek.errors import InputError, said
from pmiek.framework.tree import Framework
from pmiek.framework.weights import aggregate_weights
from pmiek.variants.result import VariantResult
from pmiek.variants.solver import SolverOptions
from pmiek.variants.variant_set import VariantSet
from pmiek.variants.why import WHY_COLUMNS, explain

WHY_IN_PRIORITY = {"reason": "why_reason", "asset_id": "why_asset_id",
                   "direction": "why_direction", "year": "why_year",
                   "other_project": "why_other_project"}
"""The columns of the chosen variant's ``why`` table that the priority list carries, and
their names there."""


def framework_of(workspace: Workspace) -> Framework:
    """The workspace's afwegingskader, checked against the indicator registry: every
    indicator must exist, and a criterion's direction must agree with its indicator's."""
    return Framework.from_table(workspace.criteria, REGISTRY)


def session_weight_sets(framework: Framework, sessions: Mapping[str, pd.DataFrame]
                        ) -> pd.DataFrame:
    """One global weight set of the leaves per participant and method of a workshop.

    ``sessions`` maps a method (``punten``, ``swing``, ``ahp``) to a table of *local* weights
    (rows: participants, columns: criteria). Each given weight replaces the framework's
    weight of that criterion within its siblings; criteria a participant does not name keep
    the framework's weight."""
    sets = []
    for method, table in sessions.items():
        for participant, row in table.iterrows():
            given = {str(k): float(v) for k, v in row.items() if pd.notna(v)}
            sets.append(framework.with_weights(given).weights()
                        .rename(f"{participant} ({method})"))
    return pd.DataFrame(sets)


@dataclass(frozen=True)
class Appraisal:
    """Everything steps 2 and 4 say about a set of variants, with what produced it."""

    framework: Framework
    variants: VariantSet
    labels: Mapping[str, str]
    performance: pd.DataFrame
    sources: pd.DataFrame
    assessment: Assessment
    chosen: str
    priority: pd.DataFrame
    weight_sets: pd.DataFrame | None
    equal_variants: tuple[tuple[str, tuple[str, ...]], ...]
    lang: str
    provenance: Provenance
    value_range: ValueRange | None = None
    """The priority list over the range of the chosen lens' value of a connection (only when
    asked: it designs the variant twice more)."""
    why: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=WHY_COLUMNS))
    """Why the chosen variant builds each project and leaves each other candidate out
    (:func:`~pmiek.variants.why.explain`)."""
    by_area: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=AREA_COLUMNS))
    """The priority list (its listed projects) per municipality and RES region
    (:func:`~pmiek.assessment.breakdown.by_area`)."""
    by_operator: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=OPERATOR_COLUMNS))
    """The priority list (its listed projects) per grid operator."""

    @property
    def hotspot(self) -> bool:
        """Whether the variants were designed for a hotspot (an area) rather than the
        province: the priority list then has a fixed context."""
        return self.variants.level != "province"

    def to_frames(self) -> dict[str, pd.DataFrame]:
        """The tidy tables ``pmiek assess`` writes, by file name without ``.csv``."""
        frames = {
            "framework": self.framework.to_frame(self.lang),
            "indicator_registry": registry_frame(self.lang),
            "indicators": self.indicators(),
            "indicator_sources": self.sources,
            "partial_values": self.partial_values(),
            "scores": self.scores(),
            "smaa": self.acceptability(),
            "central_weights": self.central_weights(),
            "stability": self.stability(),
            "priority_list": self.priority_list(),
            "priority_by_area": self.by_area,
            "priority_by_operator": self.by_operator,
            "why": self.why,
        }
        if self.hotspot:
            frames["context"] = self.fixed_context()
        if self.value_range is not None:
            frames["value_range"] = self.value_range.table
        if self.weight_sets is not None:
            frames["weight_sets"] = self.weight_sets.rename_axis("participant").reset_index()
            frames["weight_spread"] = self.weight_spread().reset_index()
        return frames

    def run_facts(self) -> dict[str, object]:
        """What a run's record holds beside the provenance: the scenarios scored, the years
        of the variants, the framework's status (``concept`` or ``adopted``) and its sentence,
        and, for variants designed in this run, how each lens' solve ended."""
        designed = self.variants.provenance.stage == "variants"
        return {"scenarios": [str(s) for s in self.assessment.scenarios],
                "first_year": self.variants.first_year, "horizon": self.variants.horizon,
                "framework_status": self.framework.status.value,
                "framework": self.framework.status_text(self.lang),
                **(self.variants.run_facts() if designed else {})}

    def indicators(self) -> pd.DataFrame:
        """Variant × scenario × indicator, with the indicator's unit."""
        registry = registry_frame(self.lang)
        unit = dict(zip(registry["indicator"], registry["unit"], strict=True))
        return self.performance.assign(unit=self.performance["indicator"].map(unit))

    def partial_values(self) -> pd.DataFrame:
        """Per variant, scenario and leaf criterion: partial value, weight and contribution."""
        result, leaves = self.assessment, self.framework.leaves()
        n_s, n_a, n_c = result.partial.shape
        partial = pd.DataFrame({
            "variant": np.tile(np.repeat(result.variants, n_c), n_s),
            "scenario": np.repeat(result.scenarios, n_a * n_c),
            "criterion": np.tile([c.id for c in leaves], n_s * n_a),
            "indicator": np.tile([c.indicator for c in leaves], n_s * n_a),
            "partial_value": result.partial.reshape(-1),
            "weight": np.tile(result.weights, n_s * n_a)})
        partial["contribution"] = partial["partial_value"] * partial["weight"]
        return partial.merge(self.performance, on=["variant", "scenario", "indicator"],
                             how="left")

    def scores(self) -> pd.DataFrame:
        scores = self.assessment.scores.copy()
        scores.insert(1, "label", scores["variant"].map(dict(self.labels)))
        scores.insert(2, "chosen", scores["variant"] == self.chosen)
        return scores

    def acceptability(self) -> pd.DataFrame:
        """SMAA-2 rank acceptabilities with their standard errors."""
        smaa, variants = self.assessment.smaa, self.assessment.variants
        n = len(variants)
        return pd.DataFrame({
            "variant": np.repeat(variants, n), "rank": np.tile(np.arange(1, n + 1), n),
            "acceptability": smaa.rank_acceptability.reshape(-1),
            "standard_error": np.asarray(smaa.standard_error()).reshape(-1)})

    def central_weights(self) -> pd.DataFrame:
        smaa = self.assessment.smaa
        central = pd.DataFrame(smaa.central_weights, columns=list(self.assessment.criteria))
        central.insert(0, "variant", list(self.assessment.variants))
        central.insert(1, "confidence", smaa.confidence)
        return central

    def stability(self) -> pd.DataFrame:
        """Per weight the interval within which the ranking holds, and who swaps first."""
        names = {c.id: c.name for c in self.framework.leaves()}
        stability = self.assessment.stability.copy()
        stability.insert(1, "name", stability["criterion"].map(names))
        for column in ("swap_at_lower", "swap_at_upper"):  # (ahead now, behind now)
            stability[column] = [" > ".join(pair) if isinstance(pair, tuple) else ""
                                 for pair in stability[column]]
        return stability

    def most_sensitive(self, top: int = 3) -> pd.DataFrame:
        """The weights with the narrowest stability interval, narrowest first."""
        stability = self.stability()
        width = stability["upper"] - stability["lower"]
        return stability.assign(width=width).sort_values("width", kind="stable").head(top)

    def listed(self) -> pd.DataFrame:
        """The rows of the priority list proper: every built project at province level; at
        a hotspot, its own projects and their prerequisites (not the fixed context)."""
        return self.priority[~self.priority["context"].astype(bool)]

    def priority_list(self) -> pd.DataFrame:
        """The priority list with the chosen variant's name and, per project, its *why*: the
        reason code and the asset, direction and year it relieves (``why_*`` columns)."""
        return self._with_why(self.listed())

    def fixed_context(self) -> pd.DataFrame:
        """The built projects a hotspot run takes as given (:func:`~pmiek.assessment.
        priority.fixed_context`), as the priority list shows its projects (empty at province
        level)."""
        return self._with_why(self.priority[self.priority["context"].astype(bool)])

    def _with_why(self, rows: pd.DataFrame) -> pd.DataFrame:
        out = rows.drop(columns="context").reset_index(drop=True)
        out.insert(1, "variant", self.chosen)
        why = self.why[self.why["chosen"].astype(bool)][["project_id", *WHY_IN_PRIORITY]]
        return out.merge(why.rename(columns=WHY_IN_PRIORITY), on="project_id", how="left")

    def disagreements(self) -> tuple[Disagreement, ...]:
        """Where TOPSIS or PROMETHEE II puts another variant first or second than the
        weighted sum, the criteria that cause it (:func:`~pmiek.assessment.disagreement.
        disagreements`, on the expected partial values that the methods rank)."""
        scored = self.assessment
        values = pd.DataFrame(scored.expected_partial(), index=list(scored.variants),
                              columns=list(scored.criteria))
        return disagreements(values, scored.weights, scored.best())

    def weight_spread(self) -> pd.DataFrame:
        """Per criterion: the framework's weight and the workshop's mean, min and max."""
        if self.weight_sets is None:
            return pd.DataFrame()
        spread = aggregate_weights(self.weight_sets).to_frame()
        spread.insert(0, "framework", self.framework.weights().reindex(spread.index))
        return spread.rename_axis("criterion")

    def group_contributions(self) -> pd.DataFrame:
        """Per variant (by label) and group of the framework: the weighted-sum contribution."""
        parts = contributions(self.assessment, self.framework)
        grouped = parts.groupby(["variant", "group"], as_index=False)["contribution"].sum()
        grouped["variant"] = grouped["variant"].map(dict(self.labels))
        return grouped

    def ranking(self) -> list[dict[str, object]]:
        """The variants best first, with their scores and ranks (for ``--json``)."""
        scores = self.assessment.scores.sort_values(["rank", "rank1_acceptability"],
                                                    ascending=[True, False])
        return [{"variant": r["variant"], "label": self.labels[r["variant"]],
                 "weighted_sum": r["weighted_sum"], "rank": int(r["rank"]),
                 "topsis_rank": int(r["topsis_rank"]),
                 "promethee_rank": int(r["promethee_rank"]),
                 "rank1_acceptability": r["rank1_acceptability"],
                 "confidence": None if np.isnan(r["confidence"]) else r["confidence"],
                 "best_in_scenarios": r["best_in_scenarios"]}
                for r in scores.to_dict("records")]


@dataclass(frozen=True)
class WeightChoice:
    """How weight uncertainty is sampled (see :func:`~pmiek.assessment.score.assess`)."""

    weights: str | pd.DataFrame = "interval"
    spread: float = 0.5
    samples: int = 20_000
    seed: int = 0

    def parameters(self) -> dict[str, object]:
        mode = self.weights if isinstance(self.weights, str) else "workshop"
        return {"weights": mode, "spread": self.spread, "samples": self.samples,
                "seed": self.seed}


def _equal_variants(assessment: Assessment, labels: Mapping[str, str]
                    ) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Variants that score the same on every criterion: (first, the others)."""
    expected = assessment.expected_partial()
    names = assessment.variants
    seen: set[int] = set()
    found = []
    for a in range(len(names)):
        if a in seen:
            continue
        twins = [b for b in range(a + 1, len(names))
                 if b not in seen and np.allclose(expected[a], expected[b], atol=1e-9)]
        seen.update(twins)
        if twins:
            found.append((labels[names[a]], tuple(labels[names[b]] for b in twins)))
    return tuple(found)


def _check(results: Mapping[str, VariantResult], choose: str | None) -> list[str]:
    if len(results) < 2:
        raise said(InputError,
                   nl="Een afweging vergelijkt minstens twee varianten met een planning; er "
                      f"zijn er {len(results)}.",
                   en="An assessment compares at least two variants with a schedule; there "
                      f"are {len(results)}.")
    first = next(iter(results.values())).instance
    scenario_names = [str(s) for s in first.scenarios]
    for name, result in results.items():
        if [str(s) for s in result.instance.scenarios] != scenario_names:
            raise said(InputError, nl=f"Variant '{name}' is over andere scenario's gemaakt.",
                       en=f"Variant '{name}' was made over other scenarios.")
    if choose is not None and choose not in results:
        raise said(InputError,
                   nl=f"Geen variant met de naam '{choose}'; kies uit {', '.join(results)}.",
                   en=f"No variant named '{choose}'; choose from {', '.join(results)}.")
    return scenario_names


def appraise(workspace: Workspace, variants: VariantSet, *,
             weights: WeightChoice | None = None, choose: str | None = None,
             options: SolverOptions | None = None, lang: str = "nl",
             progress: ProgressCallback | None = None, with_value_range: bool = False
             ) -> Appraisal:
    """DESIGN.md's ``pmiek.assessment.appraise``: indicators of every variant with a schedule,
    partial values on the afwegingskader, the ranking (weighted sum, TOPSIS, PROMETHEE II),
    SMAA-2 over weights and scenarios together, weight stability, and the priority list of
    the chosen variant (``choose``, default the best by weighted sum; its marginal values are
    re-solved under ``options``) with why it builds each project and not the others (as the
    variant set made it, or made here). ``lang`` is the language of names, tiers and
    rationales. ``with_value_range`` also designs the chosen variant at the low and the high
    end of its lens' value of a connection and makes those priority lists
    (:func:`~pmiek.assessment.value_range.value_range`)."""
    choice = weights or WeightChoice()
    if isinstance(choice.weights, str) and choice.weights not in WEIGHT_MODES:
        raise said(InputError,
                   nl=f"Onbekende weging '{choice.weights}'; kies uit "
                      f"{', '.join(WEIGHT_MODES)} of een werkboek.",
                   en=f"Unknown weights '{choice.weights}'; use {', '.join(WEIGHT_MODES)} or "
                      "a workbook.")
    tell = progress or no_progress
    results = variants.results()
    scenario_names = _check(results, choose)
    framework = framework_of(workspace)
    lenses = variants.lenses()
    labels = {name: lenses[name].label(lang) for name in results}
    steps = 7 if with_value_range else 3
    tell(0, steps, "indicatoren")
    perf = performance(results, workspace, indicators=tuple(REGISTRY))
    first = next(iter(results.values())).instance
    tell(1, steps, "scores")
    scored = assess(framework, perf, list(results), scenario_names, list(first.probability),
                    weights=choice.weights, spread=choice.spread, n_samples=choice.samples,
                    seed=choice.seed)
    chosen = choose or scored.best()
    tell(2, steps, labels[chosen])
    priority = priority_list(results[chosen], workspace, lang, options=options)
    listed = priority[~priority["context"].astype(bool)]
    made = [o.why for o in variants.outcomes if o.lens.name == chosen and o.why is not None]
    why = made[0] if made else explain(results[chosen], options)
    tell(3, steps, "")
    ranged = None
    if with_value_range:
        ranged = value_range(results[chosen], workspace, listed, lang=lang, options=options,
                             progress=lambda done, total, point: tell(
                                 3 + done, steps, localised(VALUE_POINT_WORDS, lang).get(
                                     point, "")))
    provenance = Provenance.of("assessment", workspace, {
        "variants": list(results), "choose": chosen, "lang": lang, **choice.parameters(),
        "variants_input_hash": variants.provenance.input_hash,
        "value_range": with_value_range},
        (options or SolverOptions(time_limit=30.0)).record())
    return Appraisal(framework, variants, labels, perf, _sources(results, workspace), scored,
                     chosen, priority, choice.weights if isinstance(choice.weights,
                                                                    pd.DataFrame) else None,
                     _equal_variants(scored, labels), lang, provenance, ranged, why,
                     by_area(listed, workspace, lang), by_operator(listed, workspace))


VALUE_POINT_WORDS = {"nl": {"low": "lage waarde", "high": "hoge waarde"},
                     "en": {"low": "low value", "high": "high value"}}
"""What the progress says while the chosen variant is designed at an end of its value range."""


def _sources(results: Mapping[str, VariantResult], workspace: Workspace) -> pd.DataFrame:
    frames = []
    for name, variant in results.items():
        part = sources(variant, workspace)
        part.insert(0, "variant", name)
        frames.append(part)
    return pd.concat(frames, ignore_index=True)
