"""Numba kernels for the Monte Carlo in :mod:`thesis.analysis.paths`.

Randomness is counter-based: path ``i`` of a run draws from its own SplitMix64 stream, seeded from
``(key, i)``. A path's numbers therefore depend only on the run's key and the path's index, never on
which thread simulated it or how paths were split into chunks. That is what makes a seed reproduce
the same probabilities with 1 or 16 threads, and what lets the fan chart re-simulate the first paths
of a run exactly (same key, same indices) while recording every session.

Every kernel simulates cumulative log returns ``x_t = ln(S_t / S_0)`` for ``t = 1..n_steps`` and
returns, per path, the running maximum and minimum of ``x_t`` over ``t = 1..n_steps`` (touch
detection for any number of levels, up and down) and ``x_t`` at the requested ``record_steps``
(1-based session numbers; the last one is usually ``n_steps``). Memory is ``O(n_paths)`` scalars.

**Threads by work size.** Each kernel exists twice, a serial loop and a ``prange`` loop over
paths, with one per-path body. :func:`gbm_paths`, :func:`bootstrap_paths` and :func:`garch_paths`
pick the serial one when the work (paths × sessions) is below :data:`PARALLEL_MIN_WORK`: a
thousand-path call in the walk-forward calibration ran four times slower on two threads than on
one (thread start-up and synchronisation cost more than the work). Counter-based streams make
both give identical numbers.

**GARCH draws normals by the ziggurat method** (Marsaglia & Tsang 2000, 128 layers), the other
kernels by Marsaglia's polar method. The ziggurat needs a logarithm in about 1 % of draws instead
of every pair, and the gamma variate of the Student-t shock uses Marsaglia & Tsang's squeeze,
which accepts about 98 % of draws without a logarithm: together GARCH paths run about twice as
fast. This changed GARCH's random numbers (not its law, which the tests check against arch's own
simulation) from the earlier polar-method version: a seed gives the same GARCH paths on any
number of threads, but not the same paths as before that change. GBM and the bootstrap draw
exactly as before.

This module imports numba at import time; import it lazily (inside functions).
"""

from __future__ import annotations

import math

import numba as nb
import numpy as np

__all__ = [
    "PARALLEL_MIN_WORK",
    "bootstrap_indices",
    "bootstrap_paths",
    "garch_paths",
    "gbm_paths",
    "normals_ziggurat",
    "parallel_for",
    "path_key",
    "uniforms",
]

#: below this many path-sessions a kernel runs on one thread (see the module docstring and
#: bench/bench_calibration.py, which measures the crossover)
PARALLEL_MIN_WORK = 2_000_000


def parallel_for(n_paths: int, n_steps: int) -> bool:
    """Whether a kernel call of this size runs its parallel variant."""
    return n_paths * n_steps >= PARALLEL_MIN_WORK and nb.get_num_threads() > 1


_GAMMA = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_S30 = np.uint64(30)
_S27 = np.uint64(27)
_S31 = np.uint64(31)
_S11 = np.uint64(11)
_INV53 = 1.0 / 9007199254740992.0  # 2**-53
_S32 = np.uint64(32)
_LOW32 = np.uint64(0xFFFFFFFF)
_INV31 = 2.0 / 4294967296.0  # maps [0, 2**32) onto [0, 2)


@nb.njit(inline="always", cache=True)
def _mix(z: np.uint64) -> np.uint64:
    # SplitMix64 finaliser (Steele, Lea & Flood 2014): a bijective avalanche of 64 bits.
    z = (z ^ (z >> _S30)) * _M1
    z = (z ^ (z >> _S27)) * _M2
    return z ^ (z >> _S31)


@nb.njit(inline="always", cache=True)
def path_key(key: np.uint64, path: np.int64) -> np.uint64:
    """Starting state of path ``path``'s stream: two rounds of mixing separate nearby indices."""
    return _mix(_mix(key ^ _mix(np.uint64(path) + _GAMMA)) + _GAMMA)


@nb.njit(inline="always", cache=True)
def _uniform(state: np.uint64) -> tuple[np.uint64, float]:
    # One SplitMix64 step; the top 53 bits give a double in (0, 1) (the +0.5 keeps it off 0).
    state = state + _GAMMA
    return state, ((_mix(state) >> _S11) + 0.5) * _INV53


@nb.njit(inline="always", cache=True)
def _normal_pair(state: np.uint64) -> tuple[np.uint64, float, float]:
    # Marsaglia's polar method: two independent standard normals without trigonometry. One 64-bit
    # draw gives the two coordinates (32 bits each, ample resolution for probabilities); the
    # point is rejected outside the unit disc (21 % of draws).
    while True:
        state = state + _GAMMA
        z = _mix(state)
        u = ((z >> _S32) + 0.5) * _INV31 - 1.0
        v = ((z & _LOW32) + 0.5) * _INV31 - 1.0
        s = u * u + v * v
        if s < 1.0:
            f = math.sqrt(-2.0 * math.log(s) / s)
            return state, u * f, v * f


@nb.njit(inline="always", cache=True)
def _normal(state: np.uint64) -> tuple[np.uint64, float]:
    state, z1, _z2 = _normal_pair(state)
    return state, z1


# ------------------------------------------------------------------------------ ziggurat normals
_ZN = 128
_ZR = 3.442619855899  # start of the tail
_ZV = 9.91256303526217e-3  # area of each layer


def _ziggurat_tables() -> tuple[np.ndarray, np.ndarray]:
    """Layer edges ``x_0 > x_1 = R > … > x_128 = 0`` (``x_0 = V / f(R)``, the base strip's width
    with the tail folded in) and ``f(x_i) = exp(−x_i² / 2)``."""
    x = np.zeros(_ZN + 1)
    x[0] = _ZV / math.exp(-0.5 * _ZR * _ZR)
    x[1] = _ZR
    for i in range(1, _ZN - 1):
        x[i + 1] = math.sqrt(-2.0 * math.log(_ZV / x[i] + math.exp(-0.5 * x[i] * x[i])))
    return x, np.exp(-0.5 * x * x)


_ZX, _ZF = _ziggurat_tables()
_M7 = np.uint64(0x7F)
_INV52 = 1.0 / 4503599627370496.0  # 2**-52: maps [0, 2**53) onto [0, 2)


@nb.njit(inline="always", cache=True)
def _zig_normal(state: np.uint64) -> tuple[np.uint64, float]:
    # One 64-bit draw: the low 7 bits pick the layer, the top 53 bits a uniform in (-1, 1)
    # (disjoint bits, so layer and position are independent). Inside the layer's rectangle and
    # under the next one: accept (about 99 %). Else the tail (layer 0) or the wedge test.
    while True:
        state = state + _GAMMA
        z = _mix(state)
        i = np.int64(z & _M7)
        u = ((z >> _S11) + 0.5) * _INV52 - 1.0
        x = u * _ZX[i]
        if abs(x) < _ZX[i + 1]:
            return state, x
        if i == 0:
            # the tail beyond R (Marsaglia 1964)
            while True:
                state, u1 = _uniform(state)
                state, u2 = _uniform(state)
                a = -math.log(u1) / _ZR
                if -2.0 * math.log(u2) > a * a:
                    return state, (_ZR + a) if u > 0.0 else -(_ZR + a)
        state, u2 = _uniform(state)
        if _ZF[i + 1] + u2 * (_ZF[i] - _ZF[i + 1]) < math.exp(-0.5 * x * x):
            return state, x


@nb.njit(inline="always", cache=True)
def _gamma_zig(state: np.uint64, d: float, c: float, x: float) -> tuple[np.uint64, float]:
    # Marsaglia & Tsang (2000) for shape >= 1 with d = shape − 1/3, c = 1 / sqrt(9 d) computed
    # once per kernel; ``x`` a first standard normal. The squeeze u < 1 − 0.0331 x⁴ accepts
    # without logarithms; it lies inside the acceptance region, so the draws are the same as
    # without it.
    while True:
        v = 1.0 + c * x
        if v > 0.0:
            v = v * v * v
            state, u = _uniform(state)
            x2 = x * x
            if u < 1.0 - 0.0331 * x2 * x2:
                return state, d * v
            if math.log(u) < 0.5 * x2 + d - d * v + d * math.log(v):
                return state, d * v
        state, x = _zig_normal(state)


@nb.njit(cache=True)
def normals_ziggurat(key: np.uint64, path: np.int64, n: np.int64) -> np.ndarray:
    """The first ``n`` ziggurat normals of path ``path``'s stream (for tests of the generator)."""
    out = np.empty(n)
    state = path_key(key, path)
    for i in range(n):
        state, out[i] = _zig_normal(state)
    return out


@nb.njit(cache=True)
def uniforms(key: np.uint64, path: np.int64, n: np.int64) -> np.ndarray:
    """The first ``n`` uniforms of path ``path``'s stream (for tests of the generator)."""
    out = np.empty(n)
    state = path_key(key, path)
    for i in range(n):
        state, out[i] = _uniform(state)
    return out


@nb.njit(inline="always", cache=True)
def _gbm_path(j, key, path_offset, n_steps, mu, sigma, record_steps, mx, mn, rec):
    n_rec = record_steps.shape[0]
    state = path_key(key, path_offset + j)
    x = 0.0
    hi = -np.inf
    lo = np.inf
    r = 0
    t = 0
    while t < n_steps:
        state, z1, z2 = _normal_pair(state)
        x += mu + sigma * z1
        t += 1
        hi = max(hi, x)
        lo = min(lo, x)
        if r < n_rec and record_steps[r] == t:
            rec[j, r] = x
            r += 1
        if t < n_steps:
            x += mu + sigma * z2
            t += 1
            hi = max(hi, x)
            lo = min(lo, x)
            if r < n_rec and record_steps[r] == t:
                rec[j, r] = x
                r += 1
    mx[j] = hi
    mn[j] = lo


@nb.njit(parallel=True, cache=True)
def _gbm_par(key, path_offset, n_paths, n_steps, mu, sigma, record_steps):
    mx, mn = np.empty(n_paths), np.empty(n_paths)
    rec = np.empty((n_paths, record_steps.shape[0]))
    for j in nb.prange(n_paths):
        _gbm_path(j, key, path_offset, n_steps, mu, sigma, record_steps, mx, mn, rec)
    return mx, mn, rec


@nb.njit(cache=True)
def _gbm_ser(key, path_offset, n_paths, n_steps, mu, sigma, record_steps):
    mx, mn = np.empty(n_paths), np.empty(n_paths)
    rec = np.empty((n_paths, record_steps.shape[0]))
    for j in range(n_paths):
        _gbm_path(j, key, path_offset, n_steps, mu, sigma, record_steps, mx, mn, rec)
    return mx, mn, rec


def gbm_paths(
    key: np.uint64,
    path_offset: int,
    n_paths: int,
    n_steps: int,
    mu: float,
    sigma: float,
    record_steps: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gaussian log increments ``mu + sigma * z`` (per session, decimal log return).

    Returns ``(running_max, running_min, recorded)`` of shapes ``(n_paths,)``, ``(n_paths,)`` and
    ``(n_paths, len(record_steps))``. Path ``j`` of the output is stream ``path_offset + j``.
    """
    kernel = _gbm_par if parallel_for(n_paths, n_steps) else _gbm_ser
    return kernel(key, path_offset, n_paths, n_steps, mu, sigma, record_steps)


@nb.njit(inline="always", cache=True)
def _next_index(
    state: np.uint64, idx: np.int64, p: float, n_hist: np.int64, first: bool
) -> tuple[np.uint64, np.int64]:
    # The stationary bootstrap (Politis & Romano 1994) exactly as arch draws it: a block starts at
    # a uniform random index with probability p (and always at the first step), otherwise the
    # previous index advances by one and wraps around the end of the history.
    state, u = _uniform(state)
    if first or u < p:
        state, v = _uniform(state)
        idx = min(np.int64(v * n_hist), n_hist - 1)
    else:
        idx += 1
        if idx == n_hist:
            idx = np.int64(0)
    return state, idx


@nb.njit(parallel=True, cache=True)
def bootstrap_indices(
    key: np.uint64,
    path_offset: np.int64,
    n_paths: np.int64,
    n_steps: np.int64,
    p: float,
    n_hist: np.int64,
) -> np.ndarray:
    """The resampled history indices, shape ``(n_paths, n_steps)`` (for tests against arch)."""
    out = np.empty((n_paths, n_steps), dtype=np.int64)
    for j in nb.prange(n_paths):
        state = path_key(key, path_offset + j)
        idx = np.int64(0)
        for t in range(n_steps):
            state, idx = _next_index(state, idx, p, n_hist, t == 0)
            out[j, t] = idx
    return out


@nb.njit(inline="always", cache=True)
def _boot_path(j, key, path_offset, n_steps, returns, p, record_steps, mx, mn, rec):
    n_hist = returns.shape[0]
    n_rec = record_steps.shape[0]
    state = path_key(key, path_offset + j)
    idx = np.int64(0)
    x = 0.0
    hi = -np.inf
    lo = np.inf
    r = 0
    for t in range(n_steps):
        state, idx = _next_index(state, idx, p, n_hist, t == 0)
        x += returns[idx]
        hi = max(hi, x)
        lo = min(lo, x)
        if r < n_rec and record_steps[r] == t + 1:
            rec[j, r] = x
            r += 1
    mx[j] = hi
    mn[j] = lo


@nb.njit(parallel=True, cache=True)
def _boot_par(key, path_offset, n_paths, n_steps, returns, p, record_steps):
    mx, mn = np.empty(n_paths), np.empty(n_paths)
    rec = np.empty((n_paths, record_steps.shape[0]))
    for j in nb.prange(n_paths):
        _boot_path(j, key, path_offset, n_steps, returns, p, record_steps, mx, mn, rec)
    return mx, mn, rec


@nb.njit(cache=True)
def _boot_ser(key, path_offset, n_paths, n_steps, returns, p, record_steps):
    mx, mn = np.empty(n_paths), np.empty(n_paths)
    rec = np.empty((n_paths, record_steps.shape[0]))
    for j in range(n_paths):
        _boot_path(j, key, path_offset, n_steps, returns, p, record_steps, mx, mn, rec)
    return mx, mn, rec


def bootstrap_paths(
    key: np.uint64,
    path_offset: int,
    n_paths: int,
    n_steps: int,
    returns: np.ndarray,
    p: float,
    record_steps: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Stationary block bootstrap of historical daily log ``returns`` (mean block ``1/p``).

    Same outputs as :func:`gbm_paths`.
    """
    kernel = _boot_par if parallel_for(n_paths, n_steps) else _boot_ser
    return kernel(key, path_offset, n_paths, n_steps, returns, p, record_steps)


@nb.njit(inline="always", cache=True)
def _garch_path(
    j, key, path_offset, n_steps, mu, omega, alpha, beta, sigma2_next, scale, d, c, cc,
    record_steps, mx, mn, rec, hT,
):  # fmt: skip
    n_rec = record_steps.shape[0]
    state = path_key(key, path_offset + j)
    h = sigma2_next
    e = 0.0
    x = 0.0
    hi = -np.inf
    lo = np.inf
    r = 0
    for t in range(n_steps):
        if t > 0:
            h = omega + alpha * e * e + beta * h
        state, z = _zig_normal(state)
        state, x0 = _zig_normal(state)
        state, g = _gamma_zig(state, d, c, x0)
        # unit-variance Student-t: t_nu = Z / sqrt(chi2_nu / nu), chi2_nu = 2 Gamma(nu / 2),
        # scaled by sqrt((nu − 2) / nu): e = Z sqrt(h (nu − 2) / (2 g)) with one square root
        e = z * math.sqrt(h * cc / g)
        x += (mu + e) / scale
        hi = max(hi, x)
        lo = min(lo, x)
        if r < n_rec and record_steps[r] == t + 1:
            rec[j, r] = x
            r += 1
    mx[j] = hi
    mn[j] = lo
    hT[j] = h


@nb.njit(parallel=True, cache=True)
def _garch_par(key, path_offset, n_paths, n_steps, mu, omega, alpha, beta, nu, sigma2_next,
               scale, record_steps):  # fmt: skip
    mx, mn, hT = np.empty(n_paths), np.empty(n_paths), np.empty(n_paths)
    rec = np.empty((n_paths, record_steps.shape[0]))
    d = 0.5 * nu - 1.0 / 3.0
    c = 1.0 / math.sqrt(9.0 * d)
    cc = 0.5 * (nu - 2.0)
    for j in nb.prange(n_paths):
        _garch_path(j, key, path_offset, n_steps, mu, omega, alpha, beta, sigma2_next, scale,
                    d, c, cc, record_steps, mx, mn, rec, hT)  # fmt: skip
    return mx, mn, rec, hT


@nb.njit(cache=True)
def _garch_ser(key, path_offset, n_paths, n_steps, mu, omega, alpha, beta, nu, sigma2_next,
               scale, record_steps):  # fmt: skip
    mx, mn, hT = np.empty(n_paths), np.empty(n_paths), np.empty(n_paths)
    rec = np.empty((n_paths, record_steps.shape[0]))
    d = 0.5 * nu - 1.0 / 3.0
    c = 1.0 / math.sqrt(9.0 * d)
    cc = 0.5 * (nu - 2.0)
    for j in range(n_paths):
        _garch_path(j, key, path_offset, n_steps, mu, omega, alpha, beta, sigma2_next, scale,
                    d, c, cc, record_steps, mx, mn, rec, hT)  # fmt: skip
    return mx, mn, rec, hT


def garch_paths(
    key: np.uint64,
    path_offset: int,
    n_paths: int,
    n_steps: int,
    mu: float,
    omega: float,
    alpha: float,
    beta: float,
    nu: float,
    sigma2_next: float,
    scale: float,
    record_steps: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """GARCH(1,1) with standardised Student-t shocks, from the one-step-ahead variance.

    The model is on returns in the fitted units (percent log returns, ``scale = 100``):
    ``r_t = mu + e_t``, ``e_t = sqrt(h_t) z_t``, ``h_{t+1} = omega + alpha e_t^2 + beta h_t`` with
    ``h_1 = sigma2_next`` known on the origin and ``z_t`` Student-t with ``nu`` (> 2) degrees of
    freedom scaled to unit variance. The log price moves by ``r_t / scale``.

    Returns ``(running_max, running_min, recorded, terminal_variance)``; ``terminal_variance`` is
    ``h_{n_steps}``, the conditional variance of the last simulated session (as arch reports it).
    """
    kernel = _garch_par if parallel_for(n_paths, n_steps) else _garch_ser
    return kernel(key, path_offset, n_paths, n_steps, mu, omega, alpha, beta, nu, sigma2_next,
                  scale, record_steps)  # fmt: skip
