"""Step 3, ontwikkelvarianten: schedule infrastructure projects under scarce budget, workforce
and material, per policy lens (DESIGN.md, "Variant design").

``design_variants`` is the whole step (every lens, the greedy baseline, independent
verification) and returns a :class:`VariantSet`; ``design`` is one lens: ``build_instance`` →
``build_model`` → ``solve``. The ``greedy`` baseline has the same result type, and ``verify``
checks a schedule against every constraint without sharing the model builder's code;
``explain`` says why each project is built and why each other candidate is not. The
solver is reached only through :mod:`pmiek.variants.solver` (:class:`SolverOptions`).
"""

from pmiek.variants.decisions import fixed_schedule, rebuild
from pmiek.variants.greedy import greedy
from pmiek.variants.instance import Instance, at_value, build_instance
from pmiek.variants.lenses import BUILT_IN, ConnectionValue, Lens, MustConnect, parse_lens
from pmiek.variants.model import build_model
from pmiek.variants.result import FEASIBLE, Shortfall, Termination, VariantResult
from pmiek.variants.solve import design, solve
from pmiek.variants.solver import SolverOptions
from pmiek.variants.variant_set import (
    LENS_FRAMES,
    LensOutcome,
    VariantSet,
    design_variants,
    from_results,
)
from pmiek.variants.verify import Violation, verify
from pmiek.variants.why import WHY_COLUMNS, explain

__all__ = [
    "BUILT_IN",
    "FEASIBLE",
    "LENS_FRAMES",
    "WHY_COLUMNS",
    "ConnectionValue",
    "Instance",
    "Lens",
    "LensOutcome",
    "MustConnect",
    "Shortfall",
    "SolverOptions",
    "Termination",
    "VariantResult",
    "VariantSet",
    "Violation",
    "at_value",
    "build_instance",
    "build_model",
    "design",
    "design_variants",
    "explain",
    "fixed_schedule",
    "from_results",
    "greedy",
    "parse_lens",
    "rebuild",
    "solve",
    "verify",
]
