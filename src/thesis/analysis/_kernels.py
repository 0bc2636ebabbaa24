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

**GARCH draws its Student-t shocks by a ziggurat of the t law itself** (Marsaglia & Tsang 2000's
construction, 256 layers, tables built per ``nu`` by :func:`t_tables` and cached; the tail beyond
the last layer by Bailey's polar method conditioned on the tail), where it used to take a normal
over the square root of a gamma variate (three draws, two of them rejection loops, a division and
a square root on the recursion's chain). Session ``t``'s shock of a path starts from counter
``t`` of the path's stream: one 64-bit draw gives a layer and a point, and a branch-free pass over
all sessions computes them in vector instructions. One compare accepts about 99 % of points; the
others finish (wedge test, tail, or a new point) on the path's *side stream*, a second SplitMix64
sequence started from the path's state, used in the order of the sessions. A path's shocks are
still a function of ``(key, path)`` only, and the first ``n`` of them do not depend on how many
sessions are simulated. The recursion is written in variance (see :func:`garch_paths`), so only a
multiply and an add wait on the previous session. Measured on 200,000 paths × 252 sessions on one
thread (bench/bench_paths.py): about 830,000 paths/s, from 200,000 (4.8 ns a path-session: the
shocks 2.1, the recursion the rest). This changed GARCH's random numbers (not
its law, which the tests check against scipy's t and arch's own simulation): a seed gives the
same GARCH paths on any number of threads, but not the same paths as before. GBM and the
bootstrap draw exactly as before; the normal ziggurat (:func:`normals_ziggurat`) stays for
kernels that want normals.

This module imports numba at import time; import it lazily (inside functions).
"""

from __future__ import annotations

import functools
import math
from typing import NamedTuple

import numba as nb
import numpy as np

__all__ = [
    "GARCH_BLOCK",
    "PARALLEL_MIN_WORK",
    "T_LAYERS",
    "StudentTTables",
    "bootstrap_indices",
    "bootstrap_paths",
    "garch_paths",
    "gbm_paths",
    "normals_ziggurat",
    "parallel_for",
    "path_key",
    "student_t_draws",
    "t_tables",
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


# ----------------------------------------------------------------------- Student-t ziggurat
#: layers of the Student-t ziggurat (the low 8 bits of a draw pick one)
T_LAYERS = 256
_M8 = np.uint64(0xFF)


@nb.njit(cache=True)
def _t_layers(r: float, v: float, nu: float, x: np.ndarray, f: np.ndarray) -> float:
    # Fills the layer edges x[0..N] and heights f[0..N] of the ziggurat of the unnormalised t
    # density f(x) = (1 + x²/ν)^(−(ν+1)/2) (f(0) = 1) for a tail from ``r`` and layers of area
    # ``v``: x[0] = v / f(r) (the base strip with the tail folded in), x[1] = r, each next edge
    # where the layer of area v above f(x[i]) ends, x[N] = 0. Returns how far the top layer
    # reaches above f(0) = 1 (>= 0: the layers cover the density; +inf: they reached it before
    # the top layer, r is too small).
    n = x.shape[0] - 1
    a = -0.5 * (nu + 1.0)
    b = -2.0 / (nu + 1.0)
    fr = math.exp(a * math.log1p(r * r / nu))
    x[0] = v / fr
    f[0] = math.exp(a * math.log1p(x[0] * x[0] / nu))
    x[1] = r
    f[1] = fr
    for i in range(1, n - 1):
        y = v / x[i] + f[i]
        if y >= 1.0:
            return math.inf
        x[i + 1] = math.sqrt(nu * math.expm1(b * math.log(y)))  # f⁻¹(y)
        f[i + 1] = y
    y = v / x[n - 1] + f[n - 1]
    x[n] = 0.0
    f[n] = y
    return y - 1.0


class StudentTTables(NamedTuple):
    """The ziggurat of the Student-t law with ``nu`` degrees of freedom (see :func:`t_tables`)."""

    nu: float
    x: np.ndarray  # layer edges, x[0] = v / f(r) > x[1] = r > … > x[N] = 0
    f: np.ndarray  # f(x[i]); f[N] >= 1 is the top of the top layer
    r: float  # start of the tail
    v: float  # area of each layer (unnormalised density, f(0) = 1)
    w_tail: float  # (1 + r²/ν)^(−ν/2): Bailey's radius exceeds r when W < w_tail


@functools.lru_cache(maxsize=256)
def t_tables(nu: float) -> StudentTTables:
    """Ziggurat tables of the Student-t law with ``nu`` (> 0, finite) degrees of freedom.

    The tail start ``r`` is found by bisection so that the :data:`T_LAYERS` layers of equal area
    close at 0 (Marsaglia & Tsang 2000 build the normal's the same way); ``r`` is kept on the side
    where the top layer reaches at or above the density's peak, so the layers always cover the
    density and the sampler is exact whatever the bisection's last digit (the top layer's excess
    is rejected by its wedge test). The tail mass comes from scipy (``stdtr``). Cached per
    ``nu`` (about a millisecond to build): the calibration re-uses a fitted ``nu`` for many calls.

    Raises
    ------
    AnalysisError
        ``nu`` is not a finite number above 0.
    """
    from scipy import special

    from thesis.errors import AnalysisError

    if not (math.isfinite(nu) and nu > 0.0):
        raise AnalysisError(
            f"Student-t degrees of freedom nu={nu!r} is not a finite number above 0",
            where="thesis.analysis._kernels.t_tables",
            fix="pass the fitted nu of a GARCH(1,1)-t model (arch keeps it above 2)",
        )
    nu = float(nu)
    # ∫ f over the real line is 1 / c, c the t density at 0: 1 / (sqrt(ν) B(ν/2, 1/2)) (betaln
    # stays accurate for large ν, where a difference of two gammaln loses digits)
    c = math.exp(-special.betaln(0.5 * nu, 0.5)) / math.sqrt(nu)
    x, f = np.empty(T_LAYERS + 1), np.empty(T_LAYERS + 1)

    def reach(r: float) -> tuple[float, float]:
        v = r * math.exp(-0.5 * (nu + 1.0) * math.log1p(r * r / nu)) + special.stdtr(nu, -r) / c
        return _t_layers(r, v, nu, x, f), v

    lo, hi = 0.5, max(float(special.stdtrit(nu, 1.0 - 1.0 / T_LAYERS)), 1.0)
    while reach(hi)[0] >= 0.0:
        hi *= 2.0
    while reach(lo)[0] < 0.0:
        lo *= 0.5
    while hi - lo > 1e-12 * hi:
        mid = 0.5 * (lo + hi)
        if reach(mid)[0] >= 0.0:
            lo = mid
        else:
            hi = mid
    _reach, v = reach(lo)
    x.flags.writeable = False
    f.flags.writeable = False
    w_tail = math.exp(-0.5 * nu * math.log1p(lo * lo / nu))
    return StudentTTables(nu, x, f, lo, v, w_tail)


@nb.njit(cache=True)
def _zig_t_slow(
    state: np.uint64,
    i: np.int64,
    x: float,
    tx: np.ndarray,
    tf: np.ndarray,
    nu: float,
    r: float,
    w_tail: float,
) -> tuple[np.uint64, float]:
    # A Student-t draw by the ziggurat (as _zig_normal, 256 layers; see _t_fill for the quick
    # test that accepts about 99 % of points before this is called). This is the rest of a draw
    # whose point x in layer i failed the quick test, with further
    # uniforms from ``state``: the tail (layer 0) or the wedge test; a rejected point is replaced
    # by a new draw (the rejection loop). Not inlined: the hot loops stay small.
    while True:
        if i == 0:
            # |T| > r from Bailey's polar method (1994): T = ρ cos θ with ρ² = ν (W^(−2/ν) − 1),
            # W uniform on (0, 1) and θ uniform, independent; ρ > r exactly when W < w_tail,
            # so W is drawn on (0, w_tail) and the pair kept when |ρ cos θ| > r
            while True:
                state, u1 = _uniform(state)
                rho = math.sqrt(nu * math.expm1(-2.0 / nu * math.log(w_tail * u1)))
                while True:  # cos θ from a point uniform in the unit disc
                    state = state + _GAMMA
                    zz = _mix(state)
                    p = ((zz >> _S32) + 0.5) * _INV31 - 1.0
                    q = ((zz & _LOW32) + 0.5) * _INV31 - 1.0
                    s = p * p + q * q
                    if s < 1.0:
                        break
                t = rho * abs(p) / math.sqrt(s)
                if t > r:
                    return state, t if x > 0.0 else -t
        state, u2 = _uniform(state)
        y = tf[i] + u2 * (tf[i + 1] - tf[i])
        if y < math.exp(-0.5 * (nu + 1.0) * math.log1p(x * x / nu)):
            return state, x
        # rejected: a new point (layer from the low 8 bits, position from the top 53)
        state = state + _GAMMA
        z = _mix(state)
        i = np.int64(z & _M8)
        x = (((z >> _S11) + 0.5) * _INV52 - 1.0) * tx[i]
        if abs(x) < tx[i + 1]:
            return state, x


_SIDE = np.uint64(0xD1B54A32D192ED03)  # separates a path's side stream from its main one
_ONE = np.uint64(1)


@nb.njit(inline="always", cache=True)
def _t_fill(
    state0: np.uint64,
    out: np.ndarray,
    layer: np.ndarray,
    tx: np.ndarray,
    tf: np.ndarray,
    nu: float,
    r: float,
    w_tail: float,
) -> None:
    # len(out) Student-t draws of one path, in two passes. Draw t's point comes from the main
    # stream's counter t + 1 (state0 + (t + 1) γ, mixed): a loop without branches, which the
    # compiler turns into vector instructions. Then each point takes the quick test; the ~1 %
    # that fail finish in _zig_t_slow on the path's side stream (its own SplitMix64 sequence,
    # used in the order of t), which gives the same law as the one-stream ziggurat.
    n = out.shape[0]
    for t in range(n):
        z = _mix(state0 + np.uint64(t + 1) * _GAMMA)
        layer[t] = z & _M8
        out[t] = ((z >> _S11) + 0.5) * _INV52 - 1.0
    side = _mix(state0 ^ _SIDE)
    for t in range(n):
        i = layer[t]  # unsigned: no wrap-around of negative indices to check
        x = out[t] * tx[i]
        if abs(x) < tx[i + _ONE]:
            out[t] = x
        else:
            side, out[t] = _zig_t_slow(side, np.int64(i), x, tx, tf, nu, r, w_tail)


@nb.njit(cache=True)
def _t_draws(key, path, n, tx, tf, nu, r, w_tail):
    out = np.empty(n)
    _t_fill(path_key(key, path), out, np.empty(n, dtype=np.uint64), tx, tf, nu, r, w_tail)
    return out


def student_t_draws(key: np.uint64, path: int, n: int, nu: float) -> np.ndarray:
    """The first ``n`` Student-t draws (``nu`` degrees of freedom, not standardised) of path
    ``path``'s stream: the shocks :func:`garch_paths` uses, before the scaling to unit variance
    (for tests of the generator)."""
    tb = t_tables(nu)
    return _t_draws(np.uint64(key), np.int64(path), np.int64(n), tb.x, tb.f, tb.nu, tb.r,
                    tb.w_tail)  # fmt: skip


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


#: paths a GARCH task simulates with one buffer of shocks (the parallel loop's unit of work)
GARCH_BLOCK = 64


@nb.njit(inline="always", cache=True)
def _garch_block(
    b, key, path_offset, n_paths, n_steps, mu, omega, alpha, beta, sigma2_next, scale,
    tx, tf, nu, r, w_tail, record_steps, mx, mn, rec, hT,
):  # fmt: skip
    # Paths b·GARCH_BLOCK .. of the block: per path, first its n_steps shocks into a buffer
    # (_t_fill), then the recursion over the buffer, a loop without data-dependent branches
    # whose chain from session to session is one multiply and one add (see garch_paths). It
    # costs about 2.6 ns a session on this project's machine, bound both by that chain (1.8 ns
    # with the root removed) and by the scalar square root sqrt(h_t). Eight paths side by side
    # in (sessions × 8) buffers, for vector roots, measured slower overall (5.7 against 5.0 ns
    # a path-session), so one path at a time it is.
    n_rec = record_steps.shape[0]
    k = math.sqrt((nu - 2.0) / nu)  # Student-t → unit variance
    inv_scale = 1.0 / scale
    buf = np.empty(n_steps)
    layer = np.empty(n_steps, dtype=np.uint64)
    for j in range(b * GARCH_BLOCK, min((b + 1) * GARCH_BLOCK, n_paths)):
        _t_fill(path_key(key, path_offset + j), buf, layer, tx, tf, nu, r, w_tail)
        h = sigma2_next
        g = 0.0
        x = 0.0
        hi = -np.inf
        lo = np.inf
        ri = 0
        for t in range(n_steps):
            s = k * buf[t]
            if t > 0:
                h = omega + h * g
            x += (mu + math.sqrt(h) * s) * inv_scale
            g = beta + alpha * s * s
            hi = max(hi, x)
            lo = min(lo, x)
            if ri < n_rec and record_steps[ri] == t + 1:
                rec[j, ri] = x
                ri += 1
        mx[j] = hi
        mn[j] = lo
        hT[j] = h


@nb.njit(parallel=True, cache=True)
def _garch_par_t(key, path_offset, n_paths, n_steps, mu, omega, alpha, beta, sigma2_next, scale,
                 tx, tf, nu, r, w_tail, record_steps):  # fmt: skip
    mx, mn, hT = np.empty(n_paths), np.empty(n_paths), np.empty(n_paths)
    rec = np.empty((n_paths, record_steps.shape[0]))
    for b in nb.prange((n_paths + GARCH_BLOCK - 1) // GARCH_BLOCK):
        _garch_block(b, key, path_offset, n_paths, n_steps, mu, omega, alpha, beta, sigma2_next,
                     scale, tx, tf, nu, r, w_tail, record_steps, mx, mn, rec, hT)  # fmt: skip
    return mx, mn, rec, hT


@nb.njit(cache=True)
def _garch_ser_t(key, path_offset, n_paths, n_steps, mu, omega, alpha, beta, sigma2_next, scale,
                 tx, tf, nu, r, w_tail, record_steps):  # fmt: skip
    mx, mn, hT = np.empty(n_paths), np.empty(n_paths), np.empty(n_paths)
    rec = np.empty((n_paths, record_steps.shape[0]))
    for b in range((n_paths + GARCH_BLOCK - 1) // GARCH_BLOCK):
        _garch_block(b, key, path_offset, n_paths, n_steps, mu, omega, alpha, beta, sigma2_next,
                     scale, tx, tf, nu, r, w_tail, record_steps, mx, mn, rec, hT)  # fmt: skip
    return mx, mn, rec, hT


def _garch_call(kernel, key, path_offset, n_paths, n_steps, mu, omega, alpha, beta, nu,
                sigma2_next, scale, record_steps):  # fmt: skip
    if not nu > 2.0:
        from thesis.errors import AnalysisError

        raise AnalysisError(
            f"Student-t degrees of freedom nu={nu!r} give an infinite variance",
            where="thesis.analysis._kernels.garch_paths",
            fix="pass nu > 2 (arch's GARCH(1,1)-t fit keeps it above 2)",
        )
    tb = t_tables(float(nu))
    return kernel(key, path_offset, n_paths, n_steps, mu, omega, alpha, beta, sigma2_next, scale,
                  tb.x, tb.f, tb.nu, tb.r, tb.w_tail, record_steps)  # fmt: skip


def _garch_ser(key, path_offset, n_paths, n_steps, mu, omega, alpha, beta, nu, sigma2_next,
               scale, record_steps):  # fmt: skip
    """The one-thread variant of :func:`garch_paths` (same arguments)."""
    return _garch_call(_garch_ser_t, key, path_offset, n_paths, n_steps, mu, omega, alpha, beta,
                       nu, sigma2_next, scale, record_steps)  # fmt: skip


def _garch_par(key, path_offset, n_paths, n_steps, mu, omega, alpha, beta, nu, sigma2_next,
               scale, record_steps):  # fmt: skip
    """The ``prange`` variant of :func:`garch_paths` (same arguments)."""
    return _garch_call(_garch_par_t, key, path_offset, n_paths, n_steps, mu, omega, alpha, beta,
                       nu, sigma2_next, scale, record_steps)  # fmt: skip


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

    The shocks are ``z_t = sqrt((nu − 2) / nu) T_t`` with ``T_t`` the path's Student-t draws
    (:func:`student_t_draws`). The recursion is computed in variance, as
    ``h_{t+1} = omega + h_t (beta + alpha z_t^2)`` (``e_t^2 = h_t z_t^2``), so that from one session
    to the next only a multiply and an add wait on ``h_t``; the square root ``sqrt(h_t)`` and the
    shock's factor are off that chain. Per session, in this order of operations:
    ``x_t = x_{t-1} + (mu + sqrt(h_t) z_t) * (1 / scale)``.

    Raises
    ------
    AnalysisError
        ``nu`` is not above 2 (the shocks would have no variance).
    """
    kernel = _garch_par if parallel_for(n_paths, n_steps) else _garch_ser
    return kernel(key, path_offset, n_paths, n_steps, mu, omega, alpha, beta, nu, sigma2_next,
                  scale, record_steps)  # fmt: skip
