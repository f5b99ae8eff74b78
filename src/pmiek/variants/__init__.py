"""Step 3, ontwikkelvarianten: schedule infrastructure projects under scarce budget, workforce
and material, per policy lens (DESIGN.md, "Variant design").

``build_instance`` → ``build_model`` → ``solve`` (or ``design`` for all three), the
``greedy`` baseline with the same result type, and ``verify`` that checks a schedule against
every constraint without sharing the model builder's code.
"""

from pmiek.variants.instance import Instance, build_instance
from pmiek.variants.lenses import BUILT_IN, Lens, MustConnect, parse_lens
from pmiek.variants.result import Shortfall, Termination, VariantResult

__all__ = [
           "BUILT_IN",
           "Instance",
           "Lens",
           "MustConnect",
           "Shortfall",
           "Termination",
           "VariantResult",
           "build_instance",
           "parse_lens",
]
