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

This module imports numba at import time; import it lazily (inside functions).
"""

from __future__ import annotations

import math

import numba as nb
import numpy as np

__all__ = [
    "bootstrap_indices",
    "bootstrap_paths",
    "garch_paths",
    "gbm_paths",
    "path_key",
    "uniforms",
]

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


@nb.njit(inline="always", cache=True)
def _gamma(state: np.uint64, shape: float, x: float) -> tuple[np.uint64, float]:
    # Marsaglia & Tsang (2000) rejection sampler, valid for shape >= 1 (here shape = nu/2 > 1).
    # ``x`` is a first standard normal supplied by the caller (the spare of a polar pair).
    d = shape - 1.0 / 3.0
    c = 1.0 / math.sqrt(9.0 * d)
    while True:
        v = 1.0 + c * x
        if v > 0.0:
            v = v * v * v
            state, u = _uniform(state)
            if math.log(u) < 0.5 * x * x + d - d * v + d * math.log(v):
                return state, d * v
        state, x = _normal(state)


@nb.njit(cache=True)
def uniforms(key: np.uint64, path: np.int64, n: np.int64) -> np.ndarray:
    """The first ``n`` uniforms of path ``path``'s stream (for tests of the generator)."""
    out = np.empty(n)
    state = path_key(key, path)
    for i in range(n):
        state, out[i] = _uniform(state)
    return out


@nb.njit(parallel=True, cache=True)
def gbm_paths(
    key: np.uint64,
    path_offset: np.int64,
    n_paths: np.int64,
    n_steps: np.int64,
    mu: float,
    sigma: float,
    record_steps: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gaussian log increments ``mu + sigma * z`` (per session, decimal log return).

    Returns ``(running_max, running_min, recorded)`` of shapes ``(n_paths,)``, ``(n_paths,)`` and
    ``(n_paths, len(record_steps))``. Path ``j`` of the output is stream ``path_offset + j``.
    """
    n_rec = record_steps.shape[0]
    mx = np.empty(n_paths)
    mn = np.empty(n_paths)
    rec = np.empty((n_paths, n_rec))
    for j in nb.prange(n_paths):
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
    return mx, mn, rec


@nb.njit(inline="always", cache=True)
def _next_index(state: np.uint64, idx: np.int64, p: float, n_hist: np.int64, first: bool):
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
            idx = 0
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


@nb.njit(parallel=True, cache=True)
def bootstrap_paths(
    key: np.uint64,
    path_offset: np.int64,
    n_paths: np.int64,
    n_steps: np.int64,
    returns: np.ndarray,
    p: float,
    record_steps: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Stationary block bootstrap of historical daily log ``returns`` (mean block ``1/p``).

    Same outputs as :func:`gbm_paths`.
    """
    n_hist = returns.shape[0]
    n_rec = record_steps.shape[0]
    mx = np.empty(n_paths)
    mn = np.empty(n_paths)
    rec = np.empty((n_paths, n_rec))
    for j in nb.prange(n_paths):
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
    return mx, mn, rec


@nb.njit(parallel=True, cache=True)
def garch_paths(
    key: np.uint64,
    path_offset: np.int64,
    n_paths: np.int64,
    n_steps: np.int64,
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
    ``h_1 = sigma2_next`` known on the origin and ``z_t`` Student-t with ``nu`` degrees of freedom
    scaled to unit variance. The log price moves by ``r_t / scale``.

    Returns ``(running_max, running_min, recorded, terminal_variance)``; ``terminal_variance`` is
    ``h_{n_steps}``, the conditional variance of the last simulated session (as arch reports it).
    """
    n_rec = record_steps.shape[0]
    mx = np.empty(n_paths)
    mn = np.empty(n_paths)
    rec = np.empty((n_paths, n_rec))
    hT = np.empty(n_paths)
    half_nu = 0.5 * nu
    t_scale = math.sqrt((nu - 2.0) / nu)  # unit-variance Student-t
    for j in nb.prange(n_paths):
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
            state, z, x0 = _normal_pair(state)
            state, g = _gamma(state, half_nu, x0)
            # t_nu = Z / sqrt(chi2_nu / nu) and chi2_nu = 2 * Gamma(nu / 2).
            e = math.sqrt(h) * t_scale * z / math.sqrt(2.0 * g / nu)
            x += (mu + e) / scale
            hi = max(hi, x)
            lo = min(lo, x)
            if r < n_rec and record_steps[r] == t + 1:
                rec[j, r] = x
                r += 1
        mx[j] = hi
        mn[j] = lo
        hT[j] = h
    return mx, mn, rec, hT
