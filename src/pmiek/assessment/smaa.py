"""SMAA-2: stochastic multicriteria acceptability analysis of an additive value model.

For every weight sample ``s`` (a row of ``weights``) each alternative ``i`` has the utility

    u[s, i] = Σ_j w[s, j] · v[s, i, j]

of its partial values ``v`` (higher is better). Sorting the alternatives by utility,
highest first, gives each one a rank; ties are broken by the alternatives' order (the
lower index ranks higher), so every sample gives a permutation. From the ranks:

- the *rank acceptability* b[i, r]: the share of samples in which ``i`` has rank ``r + 1``
  (each row and each column sums to 1);
- the *central weights* w_c[i]: the mean weight vector of the samples in which ``i`` ranks
  first (a NaN row when it never does);
- the *confidence factor* p_c[i]: the share of value samples in which ``i`` ranks first when
  the weights are fixed at its central weights (NaN when there are none).

Uncertain values: ``values`` may be one matrix (n_alt, n_crit), the same for every sample, or
a stack of value samples (n_v, n_alt, n_crit). With as many value samples as weight samples
they are paired sample by sample; with fewer, weight sample ``s`` uses value sample
``s % n_v``. The latter combines a few equally likely scenarios with many weight samples:
draw the weights, pass the scenarios' value matrices stacked, and every scenario is used by
every n_v-th weight sample (exactly equally often when n_samples is a multiple of n_v;
otherwise the first ``n_samples % n_v`` scenarios get one sample more). The confidence factor
is then the share of the n_v value samples (scenarios) in which the alternative ranks first.

Computation: the weights are processed in chunks (bounded memory, whatever n_samples is). A
compiled loop (numba) computes each sample's utilities, summing over the criteria in their
order; finds each alternative's rank by counting the alternatives ahead of it (up to
:data:`COUNTING_LIMIT` alternatives; a stable sort above); and adds the ranks to integer counts
and the weights of the first-ranked alternative to its weight sum. Pieces of a chunk run side
by side in threads (the loop releases the GIL). 10⁶ samples × 50 alternatives × 12 criteria
take about 0.3 s on two cores (``benchmarks/bench_smaa.py``).

References
----------
Lahdelma, R. & Salminen, P. (2001). SMAA-2: Stochastic multicriteria acceptability analysis
for group decision making. *Operations Research* 49(3), 444–454.
https://doi.org/10.1287/opre.49.3.444.11220

Tervonen, T. & Figueira, J. R. (2008). A survey on stochastic multicriteria acceptability
analysis methods. *J. Multi-Criteria Decision Analysis* 15(1–2), 1–14.
https://doi.org/10.1002/mcda.407
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from typing import Any

import numpy as np
import pandas as pd
from numba import njit
from numpy.typing import ArrayLike, NDArray

from pmiek.domain.arrays import Floats, Ints
from pmiek.errors import InputError

__all__ = ["SmaaResult", "smaa"]

CHUNK_BYTES = 1 << 23
"""Bytes of weights (float64) per chunk: the default chunk size is CHUNK_BYTES / (8·n_crit)
rows (87,381 rows for 12 criteria); the working set stays a few times this."""
MIN_CHUNK_ROWS = 1024
PARALLEL_ROWS = 16_384
"""Chunks with fewer rows than this run in one thread (starting threads costs more)."""
ROW_SUM_TOLERANCE = 1e-6
COUNTING_LIMIT = 256
"""Up to this many alternatives ranks are counted by pairwise comparison (O(n²) but
vectorised); above it a stable sort (O(n log n)) is faster."""
RESERVED_LABELS = ("alternative", "confidence")
"""Column names of :meth:`SmaaResult.central_weights_frame`, not allowed as criteria."""

_pools: dict[int, ThreadPoolExecutor] = {}


@dataclass(frozen=True, eq=False)
class SmaaResult:
    """The outcome of :func:`smaa`; the arrays are read-only.

    Attributes
    ----------
    rank_acceptability : ndarray (n_alt, n_alt)
        ``[i, r]``: share of the samples in which alternative ``i`` has rank ``r + 1``.
    central_weights : ndarray (n_alt, n_crit)
        Mean weights of the samples in which ``i`` ranks first; NaN row if it never does.
    confidence : ndarray (n_alt,)
        Share of the value samples in which ``i`` ranks first at its central weights (1.0 or
        0.0 for one value matrix); NaN where the central weights are NaN.
    n_samples : int
        Number of weight samples N.
    alternatives, criteria : tuple of str
        Labels of the rows and of the criteria.
    """

    rank_acceptability: Floats  # (n_alt, n_alt)
    central_weights: Floats  # (n_alt, n_crit)
    confidence: Floats  # (n_alt,)
    n_samples: int
    alternatives: tuple[str, ...]
    criteria: tuple[str, ...]

    def standard_error(self) -> Floats:
        """Monte-Carlo standard error √(p(1 − p)/N) of each rank acceptability (n_alt, n_alt)."""
        p = self.rank_acceptability
        return np.sqrt(p * (1.0 - p) / self.n_samples)

    def rank_counts(self) -> Ints:
        """The number of samples behind each rank acceptability (n_alt, n_alt), int64."""
        return np.rint(self.rank_acceptability * self.n_samples).astype(np.int64)

    def holistic_acceptability(self, meta_weights: ArrayLike | None = None) -> Floats:
        """The holistic acceptability index a_i = Σ_r α_r · b[i, r] (n_alt,).

        Parameters
        ----------
        meta_weights : array_like (n_alt,), optional
            The meta-weights α_r of ranks 1 … n. Default: linearly decreasing,
            α_r = (n − r)/(n − 1), so rank 1 counts fully and the last rank not at all (for
            one alternative α = (1,)).
        """
        n = len(self.alternatives)
        if meta_weights is None:
            alpha = np.ones(1) if n == 1 else (n - np.arange(1, n + 1)) / (n - 1)
        else:
            alpha = np.asarray(meta_weights, dtype=float)
            if alpha.shape != (n,) or not np.isfinite(alpha).all():
                raise InputError(f"meta_weights: expected {n} finite numbers (one per rank); "
                                 f"got shape {alpha.shape}")
        result: Floats = self.rank_acceptability @ alpha
        return result

    def to_frame(self) -> pd.DataFrame:
        """Rank acceptabilities as a tidy table: ``alternative``, ``rank`` (1 = best),
        ``acceptability``; one row per alternative and rank."""
        n = len(self.alternatives)
        return pd.DataFrame({
            "alternative": np.repeat(np.array(self.alternatives, dtype=object), n),
            "rank": np.tile(np.arange(1, n + 1), n),
            "acceptability": self.rank_acceptability.ravel(),
        })

    def central_weights_frame(self) -> pd.DataFrame:
        """One row per alternative: ``alternative``, one column per criterion with its
        central weight, and ``confidence``."""
        frame = pd.DataFrame(self.central_weights, columns=list(self.criteria))
        frame.insert(0, "alternative", list(self.alternatives))
        frame["confidence"] = self.confidence
        return frame


def smaa(values: ArrayLike, weights: ArrayLike, *, chunk_size: int | None = None,
         alternatives: Sequence[str] | None = None, criteria: Sequence[str] | None = None,
         threads: int | None = None) -> SmaaResult:
    """SMAA-2 rank acceptabilities, central weights and confidence factors.

    Parameters
    ----------
    values : array_like (n_alt, n_crit) or (n_v, n_alt, n_crit)
        Partial values, higher is better; a stack of value samples is paired with the weight
        samples (n_v = n_samples) or cycled (n_v < n_samples: sample ``s`` uses value sample
        ``s % n_v``; see the module docstring).
    weights : array_like (n_samples, n_crit)
        Weight samples; non-negative, each row summing to 1 (within 1e-6).
    chunk_size : int, optional
        Weight rows per chunk (default: about 8 MiB of weights, see :data:`CHUNK_BYTES`).
        Changes nothing in the result but the rounding of the central weights.
    alternatives, criteria : sequence of str, optional
        Labels (default "0", "1", …).
    threads : int, optional
        Threads that process pieces of a chunk side by side (default: the usable cores).

    Returns
    -------
    SmaaResult

    Raises
    ------
    InputError
        For arrays of the wrong shape, NaN or infinite entries, negative weights or weight
        rows that do not sum to 1; for value samples that cannot be matched to the weight
        samples; for labels of the wrong number, duplicated, or (criteria) reserved.
    """
    v = _check_values(values)
    n_v, n_alt, n_crit = v.shape
    w = np.asarray(weights)
    if w.ndim != 2 or w.shape[1] != n_crit or w.shape[0] == 0:
        raise InputError(f"smaa: weights must be an array (n_samples ≥ 1, {n_crit}) matching "
                         f"the {n_crit} criteria of values; got shape {w.shape}")
    n = w.shape[0]
    if np.ndim(values) == 3 and n_v > n:
        raise InputError(f"smaa: {n_v} value samples for {n} weight samples; expected as many "
                         f"value samples as weight samples (paired) or fewer (cycled)")
    alt_labels = _labels(alternatives, n_alt, "alternatives")
    crit_labels = _labels(criteria, n_crit, "criteria")
    reserved = sorted(set(crit_labels) & set(RESERVED_LABELS))
    if reserved:
        raise InputError(f"smaa: {reserved} cannot be a criterion label (a column of "
                         f"central_weights_frame)")
    rows = chunk_size if chunk_size is not None else max(MIN_CHUNK_ROWS,
                                                         CHUNK_BYTES // (8 * n_crit))
    if isinstance(rows, bool) or not isinstance(rows, int | np.integer) or rows < 1:
        raise InputError(f"smaa: chunk_size must be a positive whole number of rows; got "
                         f"{rows!r}")
    workers = max(1, threads if threads is not None else _cores())

    counts = np.zeros((workers, n_alt, n_alt), dtype=np.int64)
    sums = np.zeros((workers, n_alt, n_crit))
    for start in range(0, n, rows):
        chunk = _check_weights(w[start:start + rows], start)
        _run_pieces(chunk.shape[0], workers, partial(_rank_piece, chunk=chunk, values=v,
                                                     start=start, counts=counts, sums=sums))
    total = counts.sum(axis=0)
    first = total[:, 0]
    with np.errstate(invalid="ignore", divide="ignore"):
        central = sums.sum(axis=0) / first[:, None]
    central[first == 0] = np.nan
    defined = np.flatnonzero(first > 0)
    at = np.ascontiguousarray(central[defined].T)
    wins = np.zeros((workers, len(defined)), dtype=np.int64)
    _run_pieces(n_v, workers, lambda k, lo, hi: _first_counts(v[lo:hi], at, defined, wins[k]),
                min_rows=max(1, PARALLEL_ROWS // n_alt))
    confidence = np.full(n_alt, np.nan)
    confidence[defined] = wins.sum(axis=0) / n_v
    result = SmaaResult(total / n, central, confidence, n, alt_labels, crit_labels)
    for array in (result.rank_acceptability, result.central_weights, result.confidence):
        array.flags.writeable = False
    return result


def _cores() -> int:
    """The cores this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _rank_piece(k: int, lo: int, hi: int, *, chunk: Floats, values: Floats, start: int,
                counts: Ints, sums: Floats) -> None:
    """Rank rows ``lo:hi`` of ``chunk`` (weight rows from ``start``) into accumulator ``k``."""
    kernel = _rank_by_counting if values.shape[1] <= COUNTING_LIMIT else _rank_by_sorting
    kernel(chunk[lo:hi], values, start + lo, counts[k], sums[k])


def _run_pieces(n: int, workers: int, work: Callable[[int, int, int], None],
                min_rows: int = PARALLEL_ROWS) -> None:
    """Call ``work(k, lo, hi)`` on ``workers`` consecutive pieces of ``n`` rows, in threads
    when there are enough rows; piece ``k`` owns accumulator ``k``."""
    pieces = workers if workers > 1 and n >= min_rows else 1
    edges = np.linspace(0, n, pieces + 1).astype(int)
    if pieces == 1:
        work(0, 0, n)
        return
    if workers not in _pools:
        _pools[workers] = ThreadPoolExecutor(max_workers=workers,
                                             thread_name_prefix="pmiek-smaa")
    list(_pools[workers].map(work, range(pieces), edges[:-1], edges[1:]))


def _labels(labels: Sequence[str] | None, n: int, name: str) -> tuple[str, ...]:
    if labels is None:
        return tuple(str(i) for i in range(n))
    result = tuple(str(label) for label in labels)
    if len(result) != n:
        raise InputError(f"smaa: expected {n} {name} labels; got {len(result)}")
    if len(set(result)) != n:
        raise InputError(f"smaa: {name} labels must be unique; got {list(result)}")
    return result


def _check_values(values: ArrayLike) -> Floats:
    """The values as a C-contiguous float64 stack (n_v, n_alt, n_crit), checked."""
    v = np.asarray(values)
    if v.ndim not in (2, 3) or 0 in v.shape:
        raise InputError("smaa: values must be an array (n_alt, n_crit) or (n_samples, n_alt, "
                         f"n_crit) with at least one of each; got shape {v.shape}")
    if not (np.issubdtype(v.dtype, np.floating) or np.issubdtype(v.dtype, np.integer)
            or v.dtype == np.bool_):
        raise InputError(f"smaa: values must be numbers; got dtype {v.dtype}")
    v = np.ascontiguousarray(v if v.ndim == 3 else v[None], dtype=np.float64)
    step = max(1, CHUNK_BYTES // (8 * v.shape[1] * v.shape[2]))
    for start in range(0, v.shape[0], step):
        bad = ~np.isfinite(v[start:start + step])
        if bad.any():
            where = tuple(int(x) for x in np.argwhere(bad)[0])
            at = (f"alternative {where[1]}, criterion {where[2]}" if np.ndim(values) == 2 else
                  f"value sample {start + where[0]}, alternative {where[1]}, "
                  f"criterion {where[2]}")
            raise InputError(f"smaa: values must be finite numbers; got "
                             f"{v[start:start + step][where]} at {at}")
    return v


def _check_weights(chunk: NDArray[Any], start: int) -> Floats:
    """A chunk of weight rows as C-contiguous float64, checked (rows from ``start``)."""
    if not (np.issubdtype(chunk.dtype, np.floating) or np.issubdtype(chunk.dtype, np.integer)):
        raise InputError(f"smaa: weights must be numbers; got dtype {chunk.dtype}")
    w = np.ascontiguousarray(chunk, dtype=np.float64)
    finite = np.isfinite(w).all(axis=1)
    if not finite.all():
        row = int(np.argmin(finite))
        raise InputError(f"smaa: weights must be finite numbers; weight row {start + row} is "
                         f"{w[row].tolist()}")
    negative = (w < 0).any(axis=1)
    if negative.any():
        row = int(np.argmax(negative))
        raise InputError(f"smaa: weights must be non-negative; weight row {start + row} is "
                         f"{w[row].tolist()}")
    off = np.abs(w.sum(axis=1) - 1.0) > ROW_SUM_TOLERANCE
    if off.any():
        row = int(np.argmax(off))
        raise InputError(f"smaa: each weight row must sum to 1 (within {ROW_SUM_TOLERANCE:g}); "
                         f"row {start + row} sums to {w[row].sum():.9g}. Divide the rows by "
                         f"their sums first")
    return w


@njit(cache=True, nogil=True, inline="always")
def _utilities(weights: Floats, s: int, v: Floats, sign: float,
               out: Floats) -> None:  # pragma: no cover - compiled
    """out[i] = sign · Σ_j weights[s, j] · v[i, j], summed over the criteria in their order
    (so the result does not depend on chunks or threads)."""
    n_alt, n_crit = v.shape
    for i in range(n_alt):
        total = 0.0
        for j in range(n_crit):
            total += weights[s, j] * v[i, j]
        out[i] = sign * total


@njit(cache=True, nogil=True)
def _rank_by_counting(weights: Floats, values: Floats, offset: int, counts: Ints,
                      sums: Floats) -> None:  # pragma: no cover - compiled
    """Add the ranks of weight rows ``weights`` (global rows ``offset`` …) to ``counts``
    (n_alt × rank) and their weights to ``sums`` of the first-ranked alternative. Row ``s``
    uses ``values[(offset + s) % n_v]``. Rank of i = #{k: u_k > u_i} + #{k < i: u_k = u_i}:
    branch-free comparisons that the compiler vectorises."""
    n_v, n_alt, n_crit = values.shape
    u = np.empty(n_alt)
    t = offset % n_v
    for s in range(weights.shape[0]):
        _utilities(weights, s, values[t], 1.0, u)
        for i in range(n_alt):
            ui = u[i]
            rank = 0
            for k in range(n_alt):
                rank += u[k] > ui
            for k in range(i):
                rank += u[k] == ui
            counts[i, rank] += 1
            if rank == 0:
                for j in range(n_crit):
                    sums[i, j] += weights[s, j]
        t += 1
        if t == n_v:
            t = 0


@njit(cache=True, nogil=True)
def _rank_by_sorting(weights: Floats, values: Floats, offset: int, counts: Ints,
                     sums: Floats) -> None:  # pragma: no cover - compiled
    """As :func:`_rank_by_counting`, by a stable sort (faster for many alternatives)."""
    n_v, n_alt, n_crit = values.shape
    negative = np.empty(n_alt)
    t = offset % n_v
    for s in range(weights.shape[0]):
        _utilities(weights, s, values[t], -1.0, negative)
        order = np.argsort(negative, kind="mergesort")  # stable: equal ones by index
        for r in range(n_alt):
            counts[order[r], r] += 1
        best = order[0]
        for j in range(n_crit):
            sums[best, j] += weights[s, j]
        t += 1
        if t == n_v:
            t = 0


@njit(cache=True, nogil=True)
def _first_counts(values: Floats, central: Floats, alternative: Ints,
                  wins: Ints) -> None:  # pragma: no cover - compiled
    """wins[k] += the value samples in which ``alternative[k]`` ranks first at the weights
    central[:, k] (central: n_crit × k, one column per alternative with central weights)."""
    n_v, n_alt, n_crit = values.shape
    m = alternative.shape[0]
    u = np.empty(m)
    top = np.empty(m)
    best = np.empty(m, dtype=np.int64)
    for t in range(n_v):
        v = values[t]
        top[:] = -np.inf
        best[:] = 0
        for a in range(n_alt):
            u[:] = 0.0
            for j in range(n_crit):
                vaj = v[a, j]
                for k in range(m):
                    u[k] += central[j, k] * vaj
            for k in range(m):
                if u[k] > top[k]:  # the first of equal utilities ranks highest
                    top[k] = u[k]
                    best[k] = a
        for k in range(m):
            if best[k] == alternative[k]:
                wins[k] += 1
