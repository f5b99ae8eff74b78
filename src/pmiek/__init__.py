"""pmiek: decision support for integraal programmeren of energy infrastructure (P-MIEK).

The public entry points::

    from pmiek import Workspace, read_workspace, write_workspace, validate

and the stages of the cycle, each returning one frozen result::

    pmiek.insight.analyse(workspace)                  # step 1 -> InsightResult
    pmiek.variants.design_variants(workspace, lenses) # step 3 -> VariantSet
    pmiek.assessment.appraise(workspace, variants)    # steps 2 and 4 -> Appraisal

Importing ``pmiek`` loads nothing heavy: the names below are looked up when first used
(PEP 562), so ``import pmiek.domain`` stays free of file formats, charts and databases.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_LAZY = {
    "Problem": "pmiek.domain",
    "ValidationOptions": "pmiek.domain",
    "Workspace": "pmiek.domain",
    "validate": "pmiek.domain",
    "read_workspace": "pmiek.adapters.files",
    "write_workspace": "pmiek.adapters.files",
    "write_outputs": "pmiek.adapters.files",
}
"""Public name → the module it lives in."""

__all__ = ["Problem", "ValidationOptions", "Workspace", "__version__", "read_workspace",
           "validate", "write_outputs", "write_workspace"]

if TYPE_CHECKING:
    from pmiek.adapters.files import read_workspace, write_outputs, write_workspace
    from pmiek.domain import Problem, ValidationOptions, Workspace, validate


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'pmiek' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
