"""pmiek: decision support for integraal programmeren of energy infrastructure (P-MIEK).

The public entry points::

    from pmiek import Workspace, read_workspace, write_workspace, validate
"""

from pmiek.adapters.files import read_workspace, write_workspace
from pmiek.domain import Problem, ValidationOptions, Workspace, validate

__version__ = "0.1.0"

__all__ = [
    "Problem",
    "ValidationOptions",
    "Workspace",
    "__version__",
    "read_workspace",
    "validate",
    "write_workspace",
]
