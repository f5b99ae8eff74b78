"""The sentence that says which criteria make an MCA method disagree with the weighted sum,
in Dutch and English, from the assessment of a constructed performance matrix."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

import numpy as np
import pandas as pd
import pytest

from pmiek.adapters.cli.render_assess import disagreement_lines, plain
from pmiek.assessment import Appraisal
from pmiek.assessment.disagreement import Disagreement, disagreements

VALUES = pd.DataFrame({"k1": [0.5, 0.55, 0.4], "k2": [0.5, 0.55, 0.4],
                       "k3": [0.5, 0.55, 0.4], "big": [1.0, 0.0, 0.5]},
                      index=["hoog", "breed", "midden"])
"""'hoog' leads by the whole scale on one criterion, 'breed' narrowly on three: the weighted
sum puts 'hoog' first, PROMETHEE II 'breed'."""
NAMES = {"k1": "Woningen", "k2": "Werk", "k3": "Klimaat", "big": "Kosten"}


@dataclass(frozen=True)
class _Leaf:
    id: str
    name: str


class _Framework:
    def leaves(self) -> list[_Leaf]:
        return [_Leaf(c, NAMES[c]) for c in VALUES.columns]


class _Appraised:
    """What the sentence reads of an :class:`Appraisal`: the framework's leaves, the
    variants' labels and the disagreements."""

    def __init__(self, found: tuple[Disagreement, ...]) -> None:
        self.framework = _Framework()
        self.labels = {"hoog": "Hoog", "breed": "Breed", "midden": "Midden"}
        self.found = found

    def disagreements(self) -> tuple[Disagreement, ...]:
        return self.found


@pytest.mark.parametrize(("lang", "expected"), [
    ("nl", "PROMETHEE II zet Breed eerst en niet Hoog, de eerste volgens de gewogen som. Dat "
           "komt door Woningen, Werk, Klimaat (Breed beter) en Kosten (Hoog beter): "
           "PROMETHEE II telt per criterium alleen welke variant beter is, niet hoeveel."),
    ("en", "PROMETHEE II ranks Breed first, not Hoog, the first by the weighted sum. The cause "
           "is Woningen, Werk, Klimaat (Breed ahead) and Kosten (Hoog ahead): PROMETHEE II "
           "counts per criterion only which variant is better, not by how much."),
])
def test_the_sentence_names_the_criteria_and_who_leads_on_them(lang: str,
                                                                expected: str) -> None:
    found = tuple(d for d in disagreements(VALUES, np.full(4, 0.25), "hoog")
                  if d.method == "promethee_ii")
    assert found and set(found[0].criteria) == set(NAMES)
    lines = disagreement_lines(cast(Appraisal, _Appraised(found)), lang)
    assert [plain(line) for line in lines] == [expected]


def test_no_sentence_when_the_methods_agree() -> None:
    assert disagreement_lines(cast(Appraisal, _Appraised(())), "nl") == []
