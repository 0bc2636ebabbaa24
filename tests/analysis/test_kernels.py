"""The numba kernels: ziggurat normals against the normal law, the gamma squeeze inside the
acceptance region, serial and parallel variants identical, the thread choice by work size."""

from __future__ import annotations

import math

import numba
import numpy as np
import pytest
from scipy import stats

from thesis.analysis import _kernels as K


def test_ziggurat_normals_follow_the_normal_law():
    z = K.normals_ziggurat(np.uint64(7), 0, 1_000_000)
    assert abs(z.mean()) < 0.005 and abs(z.std() - 1) < 0.005
    assert stats.kstest(z, "norm").pvalue > 0.001
    # the tail beyond R = 3.4426 comes from a separate sampler: its mass must be right too
    p = 2 * stats.norm.sf(K._ZR)
    k = np.count_nonzero(np.abs(z) > K._ZR)
    assert abs(k - p * len(z)) < 5 * math.sqrt(p * len(z))
    tail = np.abs(z[np.abs(z) > K._ZR])
    assert stats.kstest(tail, stats.truncnorm(K._ZR, np.inf).cdf).pvalue > 0.001
    # streams of different paths are different and uncorrelated
    z2 = K.normals_ziggurat(np.uint64(7), 1, 1_000_000)
    assert abs(np.corrcoef(z, z2)[0, 1]) < 0.005


def test_ziggurat_tables_are_equal_areas():
    x, f = K._ZX, K._ZF
    assert x[1] == K._ZR and x[-1] == 0.0
    # every layer i ≥ 1 is a rectangle of area V: x_i (f(x_{i+1}) − f(x_i)) = V
    areas = x[1:-2] * (f[2:-1] - f[1:-2])
    assert areas == pytest.approx(np.full(len(areas), K._ZV), rel=1e-9)
    # the base strip: R f(R) plus the tail mass beyond R equals V
    tail = math.sqrt(math.pi / 2) * math.erfc(K._ZR / math.sqrt(2))
    assert K._ZR * f[1] + tail == pytest.approx(K._ZV, rel=1e-6)


@pytest.mark.parametrize("nu", [2.5, 4.0, 6.0, 30.0])
def test_gamma_squeeze_lies_inside_the_acceptance_region(nu):
    # Marsaglia–Tsang: accept when log u < x²/2 + d − d v + d log v, v = (1 + c x)³; the squeeze
    # u < 1 − 0.0331 x⁴ must imply it, so that skipping the logarithms changes no draw
    d = nu / 2 - 1 / 3
    c = 1 / math.sqrt(9 * d)
    x = np.linspace(-1 / c + 1e-6, 6, 4001)
    v = (1 + c * x) ** 3
    rhs = 0.5 * x**2 + d - d * v + d * np.log(v)
    u_max = 1 - 0.0331 * x**4  # the squeeze accepts every u below this
    ok = u_max > 0
    assert np.all(np.log(np.clip(u_max[ok], 1e-300, None)) <= rhs[ok] + 1e-12)


def _args(kind):
    rec = np.array([10, 63, 252], dtype=np.int64)
    if kind == "gbm":
        return (0.0003, 0.011, rec)
    if kind == "boot":
        return (np.random.default_rng(0).normal(0, 0.01, 800), 0.05, rec)
    return (0.03, 0.02, 0.1, 0.87, 6.0, 1.1, 100.0, rec)


@pytest.mark.parametrize(
    ("ser", "par", "kind"),
    [
        (K._gbm_ser, K._gbm_par, "gbm"),
        (K._boot_ser, K._boot_par, "boot"),
        (K._garch_ser, K._garch_par, "garch"),
    ],
)
def test_serial_and_parallel_variants_are_identical(ser, par, kind, numba_parallel):
    key = np.uint64(99)
    a = ser(key, 5, 3_000, 252, *_args(kind))
    b = par(key, 5, 3_000, 252, *_args(kind))
    for x, y in zip(a, b, strict=True):
        np.testing.assert_array_equal(x, y)


def test_threads_follow_the_work_size(numba_parallel):
    before = numba.get_num_threads()
    try:
        numba.set_num_threads(1)
        assert not K.parallel_for(10**6, 252)
        if numba.config.NUMBA_NUM_THREADS > 1:
            numba.set_num_threads(2)
            assert K.parallel_for(10**5, 252)  # 25 million path-sessions
            assert not K.parallel_for(1_000, 252)  # a calibration call: one thread
    finally:
        numba.set_num_threads(before)
    # the dispatcher gives the same numbers whichever variant it picks
    key = np.uint64(3)
    small = K.garch_paths(key, 0, 1_000, 252, *_args("garch"))
    big = K.garch_paths(key, 0, 9_000, 252, *_args("garch"))
    np.testing.assert_array_equal(small[2], big[2][:1_000])


def test_garch_student_t_shocks_have_unit_variance_and_the_right_tails():
    # one step from h = 1 with mu = 0: the increments are the standardised t shocks / scale
    nu = 5.0
    _mx, _mn, rec, _h = K.garch_paths(
        np.uint64(11), 0, 400_000, 1, 0.0, 0.0, 0.0, 0.0, nu, 1.0, 1.0, np.array([1])
    )
    e = rec[:, 0]
    assert e.var() == pytest.approx(1.0, rel=0.02)
    ref = stats.t(nu, scale=math.sqrt((nu - 2) / nu))
    assert stats.kstest(e, ref.cdf).pvalue > 0.001
