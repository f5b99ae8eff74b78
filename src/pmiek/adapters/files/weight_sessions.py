"""The weights of a workshop as read, per method and participant, and their group results.

:class:`WeightSessions` is what :func:`~pmiek.adapters.files.weights.read_weight_sessions`
returns; :class:`MethodSummary` is the group result of one weighting method (see
:meth:`WeightSessions.summary`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from pmiek.adapters.files.weight_sheets import METHODS
from pmiek.domain.labels import localised
from pmiek.errors import InputError
from pmiek.framework.ahp import AhpResult, aggregate_ahp
from pmiek.framework.weights import WeightSummary, aggregate_weights

WARNING_TEXTS = {
    "nl": {"participant": "Deelnemer", "group": "Groep (meetkundig gemiddelde van de matrices)"},
    "en": {"participant": "Participant", "group": "Group (geometric mean of the matrices)"},
}
"""Who a consistency warning is about, by language."""


@dataclass(frozen=True, eq=False)
class MethodSummary:
    """The group result of one weighting method.

    Attributes
    ----------
    method
        ``points``, ``swing`` or ``ahp``.
    weights
        The group's weights, summing to 1: for points and swing the mean of the participants'
        weights (renormalised); for AHP the weights of the geometric mean of their matrices.
    spread
        Mean, geometric mean, min, max and standard deviation of the participants' weights.
    group
        For AHP: the result of the geometric-mean matrix, with its consistency ratio.
    """

    method: str
    weights: pd.Series
    spread: WeightSummary
    group: AhpResult | None = None

    def to_frame(self) -> pd.DataFrame:
        """One row per criterion: the group ``weight``, then the columns of the spread."""
        frame = self.spread.to_frame()
        frame.insert(0, "weight", self.weights.reindex(frame.index))
        return frame


@dataclass(frozen=True, eq=False)
class WeightSessions:
    """The weights of a workshop, per method and participant.

    Attributes
    ----------
    path
        The workbook or folder read.
    points, swing
        Participant × criterion tables of normalised weights (``None`` when not given).
    ahp
        Per participant the AHP result of their comparison matrix (empty when not given).
    sources
        Per method present, the sheet (or file) it was read from.
    """

    path: str
    points: pd.DataFrame | None = None
    swing: pd.DataFrame | None = None
    ahp: Mapping[str, AhpResult] = field(default_factory=dict)
    sources: Mapping[str, str] = field(default_factory=dict)

    @property
    def methods(self) -> tuple[str, ...]:
        """The methods with judgements, in the order points, swing, ahp."""
        present = {"points": self.points is not None, "swing": self.swing is not None,
                   "ahp": bool(self.ahp)}
        return tuple(m for m in METHODS if present[m])

    def weights(self, method: str) -> pd.DataFrame:
        """Participant × criterion table of one method's normalised weights.

        For AHP, each participant's weights come from their own matrix (see
        :meth:`consistency` for its CR).
        """
        if method not in self.methods:
            raise InputError(f"no {method!r} weights in {self.path}; present: "
                             f"{', '.join(self.methods) or 'none'}")
        if method == "points":
            assert self.points is not None
            return self.points
        if method == "swing":
            assert self.swing is not None
            return self.swing
        frame = pd.DataFrame({p: r.weights for p, r in self.ahp.items()}).T
        frame.index.name = "participant"
        frame.columns.name = "criterion"
        return frame

    def consistency(self) -> pd.DataFrame:
        """Per AHP participant: ``lambda_max``, ``ci``, ``cr`` and ``consistent``."""
        frame = pd.DataFrame(
            [(r.lambda_max, r.ci, r.cr, r.consistent) for r in self.ahp.values()],
            index=pd.Index(list(self.ahp), name="participant"),
            columns=["lambda_max", "ci", "cr", "consistent"])
        return frame

    def group_ahp(self) -> AhpResult:
        """The AHP of the geometric mean of all participants' matrices."""
        if not self.ahp:
            raise InputError(f"no AHP judgements in {self.path}")
        return aggregate_ahp({p: r.matrix for p, r in self.ahp.items()})

    def summary(self) -> dict[str, MethodSummary]:
        """The group result of every method present (see :class:`MethodSummary`)."""
        out: dict[str, MethodSummary] = {}
        for method in self.methods:
            spread = aggregate_weights(self.weights(method))
            if method == "ahp":
                group = self.group_ahp()
                out[method] = MethodSummary(method, group.weights, spread, group)
            else:
                out[method] = MethodSummary(method, spread.mean.rename("weight"), spread)
        return out

    def warnings(self, lang: str = "nl") -> list[str]:
        """Texts for the workshop: every AHP participant (and the group) with CR above 0.1.

        Dutch by default, English with ``lang="en"``.
        """
        texts = []
        words = localised(WARNING_TEXTS, lang)
        who = words["participant"]
        for participant, result in self.ahp.items():
            text = result.warning(lang)
            if text:
                texts.append(f"{who} '{participant}': {text}")
        if len(self.ahp) > 1:
            text = self.group_ahp().warning(lang)
            if text:
                texts.append(f"{words['group']}: {text}")
        return texts


__all__ = [
    "MethodSummary",
    "WeightSessions",
]
