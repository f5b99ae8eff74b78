"""Names for the numpy arrays the pure core passes around, so that signatures say their type.

``Floats`` is ``NDArray[np.float64]`` and so on; the shape of an array is given in the
docstring or a comment beside it, as ``(assets × years)``.
"""

from __future__ import annotations

from typing import Any, TypeAlias

import numpy as np
from numpy.typing import NDArray

Floats: TypeAlias = NDArray[np.float64]
"""An array of float64 values (MW, shares, factors, …)."""
Ints: TypeAlias = NDArray[np.int64]
"""An array of int64 values: positions into another array (−1 where there is none), years,
counts."""
Bools: TypeAlias = NDArray[np.bool_]
"""A boolean mask."""
Objects: TypeAlias = NDArray[np.object_]
"""An array of Python objects: ids, names, shapely geometries."""
Numbers: TypeAlias = NDArray[Any]
"""An array of numbers whose dtype the caller chooses (float64 or float32)."""

__all__ = ["Bools", "Floats", "Ints", "Numbers", "Objects"]
