"""The numba kernels: ziggurat normals against the normal law, the gamma squeeze inside the
acceptance region, serial and parallel variants identical, the thread choice by work size."""

from __future__ import annotations

import math

import numba
import numpy as np
import pytest
from scipy import stats

from thesis.analysis import _kernels as K
from thesis.errors import AnalysisError


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


# ------------------------------------------------------------------ the Student-t ziggurat
def _t_density(x, nu):
    """The unnormalised t density the tables are built on, f(0) = 1."""
    return (1 + x * x / nu) ** (-(nu + 1) / 2)


@pytest.mark.parametrize("nu", [2.05, 2.5, 4.0, 6.0, 30.0, 500.0, 1e6])
def test_t_tables_are_equal_areas_that_cover_the_density(nu):
    tb = K.t_tables(nu)
    x, f, n = tb.x, tb.f, K.T_LAYERS
    assert len(x) == len(f) == n + 1 and x[1] == tb.r and x[-1] == 0.0
    assert np.all(np.diff(x) < 0) and np.all(np.diff(f) > 0)
    # heights are the density at the edges
    np.testing.assert_allclose(f[:n], _t_density(x[:n], nu), rtol=1e-9)
    # every layer i >= 1, the top one included, is a rectangle of area V
    np.testing.assert_allclose(x[1:n] * (f[2:] - f[1:n]), tb.v, rtol=1e-9)
    # the base strip: r f(r) plus the tail mass beyond r equals V (scipy's t, unnormalised)
    c = stats.t(nu).pdf(0.0)
    assert tb.r * f[1] + stats.t(nu).sf(tb.r) / c == pytest.approx(tb.v, rel=1e-9)
    assert x[0] * f[1] == pytest.approx(tb.v, rel=1e-12)
    # the top layer reaches the peak (cover) and barely above it (efficiency)
    assert 1.0 <= f[-1] < 1.0 + 1e-9
    assert tb.w_tail == pytest.approx((1 + tb.r**2 / nu) ** (-nu / 2), rel=1e-12)
    assert K.t_tables(nu) is tb  # cached per nu
    with pytest.raises(ValueError):
        x[0] = 1.0  # shared, read-only


@pytest.mark.parametrize("nu", [2.05, 2.5, 4.0, 6.0, 30.0, 500.0])
def test_student_t_draws_follow_the_t_law(nu):
    n = 400_000
    d = K.student_t_draws(np.uint64(7), 0, n, nu)
    law = stats.t(nu)
    assert stats.kstest(d, law.cdf).pvalue > 0.001
    # the tail beyond r comes from a separate sampler (Bailey's, conditioned): its mass and its
    # shape must be right too
    r = K.t_tables(nu).r
    p = 2 * law.sf(r)
    k = np.count_nonzero(np.abs(d) > r)
    assert abs(k - p * n) < 5 * math.sqrt(p * n)
    tail = np.abs(d[np.abs(d) > r])
    assert stats.kstest(tail, lambda y: 1 - law.sf(y) / law.sf(r)).pvalue > 0.001
    # the wedges: the share of draws in each of a few bands matches the law (chi-square)
    edges = np.r_[-np.inf, law.ppf(np.linspace(0.02, 0.98, 25)), np.inf]
    counts = np.histogram(d, edges)[0]
    expected = n * np.diff(law.cdf(edges))
    assert stats.chisquare(counts, expected).pvalue > 0.001


@pytest.mark.parametrize("nu", [6.0, 30.0])
def test_standardised_t_shocks_have_zero_mean_unit_variance(nu):
    n = 1_000_000
    s = math.sqrt((nu - 2) / nu) * K.student_t_draws(np.uint64(8), 3, n, nu)
    # E s = 0, E s² = 1, E s⁴ = 3 (nu − 2) / (nu − 4): within 5 standard errors
    m4 = 3 * (nu - 2) / (nu - 4)
    assert abs(s.mean()) < 5 / math.sqrt(n)
    assert abs((s**2).mean() - 1) < 5 * math.sqrt((m4 - 1) / n)
    if nu > 6:  # symmetric: E s³ = 0, its standard error from E s⁶ (finite for nu > 6)
        m6 = 15 * (nu - 2) ** 2 / ((nu - 4) * (nu - 6))
        assert abs(np.mean(s**3)) < 5 * math.sqrt(m6 / n)
    # streams of different paths are different and uncorrelated
    s2 = K.student_t_draws(np.uint64(8), 4, n, nu)
    assert abs(np.corrcoef(s, s2)[0, 1]) < 5 / math.sqrt(n)


@pytest.mark.parametrize("nu", [0.0, -3.0, math.nan, math.inf])
def test_t_tables_reject_a_bad_nu(nu):
    with pytest.raises(AnalysisError, match="nu=") as e:
        K.t_tables(nu)
    assert "t_tables" in str(e.value) and "Fix:" in str(e.value)


def test_garch_paths_reject_nu_of_two_or_less():
    with pytest.raises(AnalysisError, match="infinite variance") as e:
        K.garch_paths(np.uint64(1), 0, 10, 5, 0.0, 0.02, 0.1, 0.87, 2.0, 1.0, 100.0, np.array([5]))
    assert "garch_paths" in str(e.value)


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


# --------------------------------------------------------------------------------- GARCH paths
GARCH = dict(mu=0.03, omega=0.02, alpha=0.1, beta=0.87, nu=5.0, h1=1.3, scale=100.0)


def _garch_reference(key, path_offset, n_paths, n_steps, record_steps, p=GARCH):
    """The kernel's recursion in plain numpy, vectorised over paths, same operations in the same
    order (so the numbers must agree exactly), from the same Student-t draws."""
    nu = p["nu"]
    draws = np.stack([K.student_t_draws(key, path_offset + j, n_steps, nu) for j in range(n_paths)])
    k = math.sqrt((nu - 2.0) / nu)
    inv = 1.0 / p["scale"]
    h = np.full(n_paths, p["h1"])
    g = np.zeros(n_paths)
    x = np.zeros(n_paths)
    hi, lo = np.full(n_paths, -np.inf), np.full(n_paths, np.inf)
    rec = []
    for t in range(n_steps):
        s = k * draws[:, t]
        if t > 0:
            h = p["omega"] + h * g
        x = x + (p["mu"] + np.sqrt(h) * s) * inv
        g = p["beta"] + p["alpha"] * s * s
        hi, lo = np.maximum(hi, x), np.minimum(lo, x)
        if t + 1 in record_steps:
            rec.append(x)
    return hi, lo, np.stack(rec, axis=1), h


def _garch_args(p=GARCH, rec=(1, 7, 20)):
    return (p["mu"], p["omega"], p["alpha"], p["beta"], p["nu"], p["h1"], p["scale"],
            np.array(rec, dtype=np.int64))  # fmt: skip


@pytest.mark.parametrize("path_offset", [0, 1_000])
def test_garch_kernel_matches_a_numpy_reference_exactly(path_offset):
    key = np.uint64(2024)
    got = K.garch_paths(key, path_offset, 70, 20, *_garch_args())  # more than one block of 64
    ref = _garch_reference(key, path_offset, 70, 20, (1, 7, 20))
    for a, b in zip(got, ref, strict=True):
        np.testing.assert_array_equal(a, b)
    # and the textbook form of the recursion agrees to rounding: e = sqrt(h) z,
    # h' = omega + alpha e² + beta h
    nu, z = GARCH["nu"], K.student_t_draws(key, path_offset, 20, GARCH["nu"])
    z = z * math.sqrt((nu - 2) / nu)
    h, x, e = GARCH["h1"], 0.0, 0.0
    for t in range(20):
        if t > 0:
            h = GARCH["omega"] + GARCH["alpha"] * e * e + GARCH["beta"] * h
        e = math.sqrt(h) * z[t]
        x += (GARCH["mu"] + e) / GARCH["scale"]
    assert got[2][0, -1] == pytest.approx(x, rel=1e-12)
    assert got[3][0] == pytest.approx(h, rel=1e-12)


def test_garch_paths_depend_only_on_key_and_path_index():
    key, a = np.uint64(5), _garch_args(rec=(252,))
    whole = K.garch_paths(key, 0, 3_000, 252, *a)
    part = K.garch_paths(key, 1_000, 500, 252, *a)  # paths 1000..1499 on their own
    for x, y in zip(whole, part, strict=True):
        np.testing.assert_array_equal(x[1_000:1_500], y)
    other = K.garch_paths(np.uint64(6), 0, 3_000, 252, *a)
    assert not np.array_equal(whole[2], other[2])


@pytest.mark.skipif(numba.config.NUMBA_NUM_THREADS < 2, reason="numba has one thread here")
def test_garch_same_seed_same_paths_with_one_and_two_threads():
    before = numba.get_num_threads()
    outs = []
    try:
        for t in (1, 2):
            numba.set_num_threads(t)
            outs.append(K._garch_par(np.uint64(77), 3, 4_001, 60, *_garch_args(rec=(30, 60))))
    finally:
        numba.set_num_threads(before)
    for x, y in zip(*outs, strict=True):
        np.testing.assert_array_equal(x, y)


@pytest.mark.parametrize(
    ("params", "h"), [((0.02, 0.10, 0.87, 6.0), 40), ((0.05, 0.15, 0.80, 4.5), 20)]
)
def test_garch_paths_match_arch_simulation_in_distribution(params, h):
    # arch's own simulation of the same fixed model from the same starting variance
    from arch.univariate import GARCH as ArchGARCH
    from arch.univariate import StudentsT, ZeroMean

    n = 20_000
    y = np.random.default_rng(11).standard_t(6, 1_500)
    am = ZeroMean(y, volatility=ArchGARCH(), distribution=StudentsT(seed=np.random.default_rng(5)))
    res = am.fix(list(params))
    fc = res.forecast(horizon=h, method="simulation", simulations=n, reindex=False)
    sims = fc.simulations
    arch_var = np.asarray(sims.variances)[-1, :, -1]
    arch_cum = np.asarray(sims.values)[-1].sum(axis=1)
    h1 = float(fc.variance.iloc[-1, 0])
    omega, alpha, beta, nu = params
    _mx, _mn, rec, var = K.garch_paths(np.uint64(99), 0, n, h, 0.0, omega, alpha, beta, nu, h1,
                                       1.0, np.array([h]))  # fmt: skip
    ours_cum = rec[:, 0]
    for a, b in ((arch_var, var), (arch_cum, ours_cum)):
        se = math.sqrt(a.var() / n + b.var() / n)
        assert abs(a.mean() - b.mean()) <= 4 * se
        for q in (0.05, 0.25, 0.5, 0.75, 0.95):
            # our q-quantile sits at arch's q-quantile: arch's empirical CDF there is q within
            # 4 standard errors of the difference of two empirical CDFs (free of the density,
            # which is hard to estimate in a heavy tail)
            qb = np.quantile(b, q)
            assert abs(np.mean(a <= qb) - q) <= 4 * math.sqrt(2 * q * (1 - q) / n), (q, qb)
        assert stats.ks_2samp(a, b).pvalue > 1e-3
