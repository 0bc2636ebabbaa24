"""Target probabilities by Monte Carlo: GBM, stationary block bootstrap and GARCH(1,1)-t.

Three fitted estimators (``__init__`` stores settings; ``fit(prices, as_of)`` uses only closes dated
on or before ``as_of``, sets ``name_`` attributes and returns ``self``) simulate cumulative daily log
returns ``x_t = ln(S_t / S_0)`` from the ``as_of`` close over the XNYS sessions to the horizon.
:func:`target_probabilities` turns them into the probability of touching each level (any daily
close at or beyond it, up to and including the horizon session) and of closing at or above it on
the horizon, with Monte Carlo standard errors, horizon quantiles and fan-chart quantile paths.

Drift: every method simulates with the historical mean daily log return of its estimation window
(GBM: its ``window_sessions``; bootstrap and GARCH: all history up to ``as_of`` unless given a
window). That is a statement about the past, not a forecast; after a strong decade it makes every
upside probability larger. It is stated in each model's ``describe()``, in a ``mu_ann_pct`` fact per
method, in the method text of every probability, and the GBM closed forms are also given with zero
drift (``p_touch_closed_zero_drift``, ``p_close_above_closed_zero_drift``) so a reader sees how much
of each probability the drift supplies.

For GBM the same probabilities have closed forms (reflection principle for the running maximum of
Brownian motion with drift), shown next to the simulation as a check. The closed form monitors
continuously while the simulation looks at daily closes only; the Broadie–Glasserman–Kou
continuity correction (the barrier shifted away by ``exp(0.5826 σ √Δt)``) reconciles the two.

Reproducibility: each path draws from its own counter-based random stream keyed by the run's
Generator and the path's index (see :mod:`thesis.analysis._kernels`), so a seed gives the same
numbers whatever the thread count (``NUMBA_NUM_THREADS``) or chunk size.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Protocol

import numpy as np
import pandas as pd

from thesis.analysis._common import as_timestamp, checked_series, markdown_table
from thesis.errors import AnalysisError, InsufficientDataError
from thesis.facts import Fact, Source, content_hash, level_key

__all__ = [
    "METHODS",
    "BootstrapModel",
    "GBMModel",
    "GarchModel",
    "LevelOutcome",
    "PathModel",
    "TargetProbabilities",
    "gbm_close_probability",
    "gbm_touch_probability",
    "make_model",
    "method_key",
    "target_probabilities",
]

SESSIONS_PER_YEAR = 252
#: Broadie, Glasserman & Kou (1997): -zeta(1/2)/sqrt(2*pi), the discrete-monitoring shift.
BGK_BETA = 0.5826
QUANTILES = (0.05, 0.25, 0.50, 0.75, 0.95)
QUANTILE_NAMES = ("q05", "q25", "q50", "q75", "q95")
#: paths per kernel call; results do not depend on it (streams are keyed by path index)
CHUNK_PATHS = 1 << 18
METHODS = ("gbm", "bootstrap", "garch")
METHOD_NAMES = {
    "gbm": "geometric Brownian motion",
    "bootstrap": "stationary block bootstrap",
    "garch": "GARCH(1,1) Student-t",
    "baseline": "random walk, zero drift",
}


# --------------------------------------------------------------------------- input checks
def _closes(prices: Any, as_of: Any, *, name: str, need: int, method: str) -> pd.Series:
    """Validated closes dated on or before ``as_of``; at least ``need`` of them."""
    s = checked_series(prices, name=name, positive=True)
    if as_of is not None:
        s = s[s.index <= as_timestamp(as_of)]
    if len(s) < need:
        when = f" on or before {as_timestamp(as_of).date()}" if as_of is not None else ""
        raise InsufficientDataError(
            f"{method} needs at least {need} daily closes ({need - 1} returns){when}; "
            f"the series has {len(s)}",
            where=name,
            fix=f"import longer history for {name!r} or choose a later as_of",
        )
    return s


def _window_source(s: pd.Series, name: str) -> Source:
    """Lineage of exactly the closes a model used (the window, not the whole read)."""
    src = s.attrs.get("source")
    idx = s.index
    return Source(
        series=src.series if isinstance(src, Source) else name,
        provider=src.provider if isinstance(src, Source) else "unknown",
        start=str(idx[0].date()),
        end=str(idx[-1].date()),
        content_hash=content_hash(idx.to_numpy().view("int64"), s.to_numpy()),
        rows=len(s),
        origin=src.origin if isinstance(src, Source) else None,
    )


def _stated_drift(drift_ann_pct: float | None, window_mean: float) -> float:
    """Daily log drift: the stated annual drift (percent of log return a year) or the window's mean."""
    if drift_ann_pct is None:
        return window_mean
    if not math.isfinite(drift_ann_pct) or abs(drift_ann_pct) > 100:
        raise AnalysisError(
            f"drift {drift_ann_pct!r} %/yr is not a sensible annual log drift",
            where="analysis.drift_ann_pct",
            fix="state the drift as a percent a year (e.g. 6 for 6 %), or leave it out to use the "
            "window's mean",
        )
    return drift_ann_pct / 100.0 / SESSIONS_PER_YEAR


def method_key(base: int, method: str) -> np.uint64:
    """The random-stream key of ``method`` for a run whose Generator drew ``base``.

    Keyed by the method's name so that running fewer methods leaves the others' paths unchanged.
    """
    ss = np.random.SeedSequence([int(base), zlib.crc32(method.encode())])
    return np.uint64(ss.generate_state(1, dtype=np.uint64)[0])


def _record(steps: Sequence[int] | np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(np.asarray(steps, dtype=np.int64))


# --------------------------------------------------------------------------- estimators
class PathModel(Protocol):
    """What :func:`target_probabilities` needs from a fitted model."""

    method: str
    min_sessions: int

    def fit(self, prices: pd.Series, as_of: Any = None) -> PathModel: ...

    def simulate(
        self,
        n_steps: int,
        n_paths: int,
        key: np.uint64,
        record_steps: Sequence[int],
        path_offset: int = 0,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]: ...

    def describe(self) -> str: ...

    def param_facts(self, subject: str, as_of: str) -> list[Fact]: ...


class _Base:
    """What the three models share: the estimation window, the fitted check, ``simulate``."""

    method = ""
    min_sessions = 253
    window_sessions: int | None = None

    def _check_fitted(self) -> None:
        if not hasattr(self, "last_close_"):
            raise AnalysisError(
                f"{type(self).__name__} is not fitted",
                where=type(self).__name__,
                fix="call .fit(prices, as_of) first",
            )

    def _window(
        self, prices: pd.Series, as_of: Any, label: str
    ) -> tuple[str, pd.Series, pd.Series]:
        """Name, closes up to ``as_of`` and the estimation window (last ``window_sessions`` returns,
        all of them when ``None``)."""
        name = str(prices.name or "prices")
        s = _closes(prices, as_of, name=name, need=self.min_sessions, method=label)
        used = s if self.window_sessions is None else s.iloc[-(self.window_sessions + 1) :]
        return name, s, used

    @property
    def _span(self) -> str:
        """The estimation window as ``YYYY-MM-DD..YYYY-MM-DD``."""
        return f"{self.window_start_.date()}..{self.window_end_.date()}"

    def _set_common(self, s: pd.Series, used: pd.Series, name: str) -> None:
        self.last_close_ = float(s.iloc[-1])
        self.last_date_ = s.index[-1]
        self.window_start_ = used.index[0]
        self.window_end_ = used.index[-1]
        self.n_returns_ = len(used) - 1
        self.source_ = _window_source(used, name)

    @property
    def drift_ann_pct_(self) -> float:
        """The simulated drift: mean daily log return × 252, in percent a year.

        For every method it is the historical mean log return of the estimation window (zero only
        for the calibration's baseline): a window of strong gains raises every upside probability.
        """
        return self._drift_daily() * SESSIONS_PER_YEAR * 100

    def _drift_daily(self) -> float:  # decimal log return per session
        raise NotImplementedError

    def _kernel(
        self, key: np.uint64, path_offset: int, n_paths: int, n_steps: int, record: np.ndarray
    ) -> tuple[np.ndarray, ...]:
        """Run the model's numba kernel (the model is fitted; ``record`` is int64, contiguous)."""
        raise NotImplementedError

    def simulate(
        self,
        n_steps: int,
        n_paths: int,
        key: np.uint64,
        record_steps: Sequence[int] | np.ndarray,
        path_offset: int = 0,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Running max, running min and recorded cumulative log returns of paths
        ``path_offset .. path_offset + n_paths - 1`` (see :mod:`thesis.analysis._kernels`)."""
        self._check_fitted()
        mx, mn, rec = self._kernel(key, path_offset, n_paths, n_steps, _record(record_steps))[:3]
        return mx, mn, rec

    def simulate_paths(self, n_steps: int, n_paths: int, key: np.uint64) -> np.ndarray:
        """Every session of ``n_paths`` paths: cumulative log returns, shape ``(n_paths, n_steps)``.

        The rows are paths ``0..n_paths-1`` of the run keyed ``key``, identical to the ones
        :meth:`simulate` summarises (used for fan charts and tests; memory ``8 * n_paths * n_steps``).
        """
        return self.simulate(n_steps, n_paths, key, np.arange(1, n_steps + 1))[2]


class GBMModel(_Base):
    """Geometric Brownian motion: i.i.d. normal daily log returns.

    Parameters
    ----------
    window_sessions
        Estimation window in sessions (the last ``window_sessions`` returns up to ``as_of``; fewer
        if the history is shorter, but at least ``min_sessions - 1``).
    zero_drift
        Force the drift to 0 (the naive random-walk baseline of the calibration).
    min_sessions
        Closes needed (252 returns: a year).

    Attributes
    ----------
    mu_, sigma_ : float
        Mean and standard deviation (ddof 1) of daily log returns, decimal per session.
    """

    method = "gbm"

    def __init__(
        self,
        window_sessions: int = 2520,
        *,
        zero_drift: bool = False,
        min_sessions: int = 253,
        drift_ann_pct: float | None = None,
    ) -> None:
        self.window_sessions = window_sessions
        self.zero_drift = zero_drift
        self.min_sessions = min_sessions
        self.drift_ann_pct = drift_ann_pct

    def fit(self, prices: pd.Series, as_of: Any = None) -> GBMModel:
        name, s, used = self._window(prices, as_of, "GBM")
        r = np.diff(np.log(used.to_numpy()))
        self.mu_ = 0.0 if self.zero_drift else _stated_drift(self.drift_ann_pct, float(r.mean()))
        self.sigma_ = float(r.std(ddof=1))
        self._set_common(s, used, name)
        return self

    @property
    def mu_ann_pct_(self) -> float:
        return self.mu_ * SESSIONS_PER_YEAR * 100

    def _drift_daily(self) -> float:
        return self.mu_

    @property
    def sigma_ann_pct_(self) -> float:
        return self.sigma_ * math.sqrt(SESSIONS_PER_YEAR) * 100

    def _kernel(
        self, key: np.uint64, path_offset: int, n_paths: int, n_steps: int, record: np.ndarray
    ) -> tuple[np.ndarray, ...]:
        from thesis.analysis._kernels import gbm_paths

        return gbm_paths(key, path_offset, n_paths, n_steps, self.mu_, self.sigma_, record)

    def describe(self) -> str:
        drift = (
            "zero drift"
            if self.zero_drift
            else f"drift {self.mu_ann_pct_:.2f} %/yr"
            + (" (stated)" if self.drift_ann_pct is not None else " (window mean)")
        )
        return (
            f"GBM, {drift}, volatility {self.sigma_ann_pct_:.2f} %/yr, from {self.n_returns_:,} daily "
            f"log returns {self._span}"
        )

    def param_facts(self, subject: str, as_of: str) -> list[Fact]:
        how = f"daily log returns {self._span}, × 252"
        lin = (self.source_,)
        f = f"{subject}.gbm"
        return [
            Fact(f"{f}.mu_ann_pct", self.mu_ann_pct_, "pct", as_of, f"mean of {how}", lin,
                 "GBM drift of log returns, annualised", 2),
            Fact(f"{f}.sigma_ann_pct", self.sigma_ann_pct_, "pct", as_of,
                 f"standard deviation of {how.replace('× 252', '× √252')}", lin,
                 "GBM volatility, annualised", 2),
            Fact(f"{f}.window_start", str(self.window_start_.date()), "date", as_of,
                 "first close of the GBM estimation window", lin, "GBM window start"),
            Fact(f"{f}.window_end", str(self.window_end_.date()), "date", as_of,
                 "last close of the GBM estimation window", lin, "GBM window end"),
        ]  # fmt: skip


class BootstrapModel(_Base):
    """Stationary block bootstrap (Politis & Romano 1994) of historical daily log returns.

    Blocks start at a uniformly drawn day and run on (wrapping from the last return to the first)
    for a geometric number of days with mean ``mean_block``: arch's ``StationaryBootstrap``
    scheme, drawn by a numba kernel.

    Parameters
    ----------
    mean_block
        Mean block length in sessions. ``None`` picks it with arch's ``optimal_block_length``
        (Politis & White 2004) applied to *squared* demeaned returns: the dependence worth keeping
        in daily index returns is volatility clustering, which raw returns barely show.
    window_sessions
        Use the last ``window_sessions`` returns (``None``: all history up to ``as_of``).
    min_sessions
        Closes needed (252 returns).

    Attributes
    ----------
    returns_ : ndarray, shape (n_returns,)
        The historical daily log returns resampled (decimal).
    mean_block_ : float
        Mean block length used (sessions).
    """

    method = "bootstrap"

    def __init__(
        self,
        mean_block: float | None = None,
        *,
        window_sessions: int | None = None,
        min_sessions: int = 253,
        drift_ann_pct: float | None = None,
    ) -> None:
        self.mean_block = mean_block
        self.window_sessions = window_sessions
        self.min_sessions = min_sessions
        self.drift_ann_pct = drift_ann_pct

    def fit(self, prices: pd.Series, as_of: Any = None) -> BootstrapModel:
        name, s, used = self._window(prices, as_of, "the bootstrap")
        r = np.ascontiguousarray(np.diff(np.log(used.to_numpy())))
        if self.mean_block is None:
            from arch.bootstrap import optimal_block_length

            sq = (r - r.mean()) ** 2
            block = float(optimal_block_length(sq)["stationary"].iloc[0])
            # Politis-White can return < 1 for nearly independent data and grows without bound
            # for near-unit-root dependence; keep blocks between a day and a quarter.
            self.mean_block_ = float(min(max(block, 1.0), 63.0))
            self.block_rule_ = "Politis-White optimal length on squared returns"
        else:
            if not self.mean_block >= 1:
                raise AnalysisError(
                    f"mean_block {self.mean_block} is below 1 session",
                    where="BootstrapModel(mean_block=...)",
                    fix="use a mean block length of at least 1 (e.g. 20 sessions) or None",
                )
            self.mean_block_ = float(self.mean_block)
            self.block_rule_ = "fixed"
        if self.drift_ann_pct is not None:
            # recentre the returns on the stated drift: the shape (fat tails, clustering) is kept,
            # only the mean is replaced
            r = np.ascontiguousarray(r - r.mean() + _stated_drift(self.drift_ann_pct, 0.0))
        self.returns_ = r
        self._set_common(s, used, name)
        return self

    def _kernel(
        self, key: np.uint64, path_offset: int, n_paths: int, n_steps: int, record: np.ndarray
    ) -> tuple[np.ndarray, ...]:
        from thesis.analysis._kernels import bootstrap_paths

        return bootstrap_paths(
            key, path_offset, n_paths, n_steps, self.returns_, 1.0 / self.mean_block_, record
        )

    def _drift_daily(self) -> float:
        # resampling keeps the window's mean: the expected daily log return is its sample mean
        return float(self.returns_.mean())

    def describe(self) -> str:
        return (
            f"stationary block bootstrap of {self.n_returns_:,} daily log returns {self._span} "
            + (
                f"(their mean, {self.drift_ann_pct_:.2f} %/yr, is the drift)"
                if self.drift_ann_pct is None
                else f"(recentred on a stated drift of {self.drift_ann_pct_:.2f} %/yr)"
            )
            + ", mean block "
            f"{self.mean_block_:.1f} sessions ({self.block_rule_})"
        )

    def param_facts(self, subject: str, as_of: str) -> list[Fact]:
        how = f"daily log returns {self._span}, × 252"
        return [
            Fact(f"{subject}.bootstrap.block_days", self.mean_block_, "days", as_of,
                 f"mean block length in trading sessions ({self.block_rule_})", (self.source_,),
                 "stationary bootstrap mean block length", 1),
            Fact(f"{subject}.bootstrap.mu_ann_pct", self.drift_ann_pct_, "pct", as_of,
                 f"mean of the resampled {how} (the bootstrap keeps the window's mean)",
                 (self.source_,), "bootstrap drift of log returns, annualised", 2),
        ]  # fmt: skip


class GarchModel(_Base):
    """GARCH(1,1) with Student-t innovations on percent daily log returns (arch).

    ``r_t = mu + e_t``, ``e_t = sqrt(h_t) z_t``, ``h_t = omega + alpha e_{t-1}^2 + beta h_{t-1}``;
    ``z_t`` unit-variance Student-t with ``nu`` degrees of freedom. ``mu`` is the sample mean of
    the window's returns (the drift GBM uses); arch fits ``omega, alpha, beta, nu`` to the demeaned
    returns (``mean="Zero"``). Simulation starts from the one-step-ahead variance known at
    ``as_of``, as arch's ``forecast(method="simulation")`` does.

    Parameters
    ----------
    params
        Fixed parameters ``{"mu", "omega", "alpha[1]", "beta[1]", "nu"}`` (arch's names). When
        given, ``fit`` does not re-estimate: it only filters the conditional variance through the
        data up to ``as_of`` (the calibration re-estimates every few origins this way).
    window_sessions
        Estimate on the last ``window_sessions`` returns (``None``: all history up to ``as_of``).
    min_sessions
        Closes needed (500: two years, so the persistence is identifiable).
    """

    method = "garch"
    PARAM_NAMES = ("mu", "omega", "alpha[1]", "beta[1]", "nu")

    def __init__(
        self,
        params: Mapping[str, float] | None = None,
        *,
        window_sessions: int | None = None,
        min_sessions: int = 500,
        drift_ann_pct: float | None = None,
    ) -> None:
        self.params = params
        self.window_sessions = window_sessions
        self.min_sessions = min_sessions
        self.drift_ann_pct = drift_ann_pct

    def fit(self, prices: pd.Series, as_of: Any = None) -> GarchModel:
        from arch import arch_model

        name, s, used = self._window(prices, as_of, "GARCH(1,1)")
        y = 100.0 * np.diff(np.log(used.to_numpy()))
        # The drift is the sample mean of the log returns (as for GBM) and the variance model is
        # fitted to the demeaned returns: a free Student-t location lands well above the mean
        # when the left tail is heavy (0.09 vs 0.05 %/day on 2016-2025), which would give GARCH
        # a much higher drift than the other methods for no reason to do with volatility.
        mu = float(y.mean()) if self.params is None else float(self.params["mu"])
        am = arch_model(y - mu, mean="Zero", vol="GARCH", p=1, q=1, dist="t", rescale=False)
        if self.params is None:
            res = am.fit(disp="off", show_warning=False)
            if res.convergence_flag != 0:
                raise AnalysisError(
                    f"the GARCH(1,1)-t fit did not converge (flag {res.convergence_flag})",
                    where=f"{name} {used.index[0].date()}..{used.index[-1].date()}",
                    fix="use a longer window or drop 'garch' from the methods",
                )
        else:
            res = am.fix([float(self.params[k]) for k in self.PARAM_NAMES[1:]])
        p = res.params
        if self.drift_ann_pct is not None:  # the variance stays fitted on the demeaned returns
            mu = 100.0 * _stated_drift(self.drift_ann_pct, 0.0)
        self.params_ = {"mu": mu, **{k: float(p[k]) for k in self.PARAM_NAMES[1:]}}
        self.fitted_ = self.params is None
        h_last = float(res.conditional_volatility[-1]) ** 2
        e_last = float(res.resid[-1])
        pp = self.params_
        self.sigma2_next_ = pp["omega"] + pp["alpha[1]"] * e_last**2 + pp["beta[1]"] * h_last
        self.persistence_ = pp["alpha[1]"] + pp["beta[1]"]
        self.nu_ = pp["nu"]
        self._set_common(s, used, name)
        return self

    def _drift_daily(self) -> float:
        return self.params_["mu"] / 100.0  # params are in percent log returns

    @property
    def sigma_now_ann_pct_(self) -> float:
        """Conditional volatility of the session after ``as_of``, annualised (pct)."""
        return math.sqrt(self.sigma2_next_ * SESSIONS_PER_YEAR)

    def simulate_with_variance(
        self,
        n_steps: int,
        n_paths: int,
        key: np.uint64,
        record_steps: Sequence[int],
        path_offset: int = 0,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """As :meth:`simulate`, plus the conditional variance of the last session (pct²)."""
        self._check_fitted()
        return self._kernel(key, path_offset, n_paths, n_steps, _record(record_steps))

    def _kernel(
        self, key: np.uint64, path_offset: int, n_paths: int, n_steps: int, record: np.ndarray
    ) -> tuple[np.ndarray, ...]:
        from thesis.analysis._kernels import garch_paths

        p = self.params_
        if not p["nu"] > 2.0:
            raise AnalysisError(
                f"Student-t degrees of freedom nu={p['nu']:.3g} give an infinite variance",
                where="GarchModel.params_",
                fix="refit on a longer window or drop 'garch' from the methods",
            )
        return garch_paths(
            key, path_offset, n_paths, n_steps, p["mu"], p["omega"], p["alpha[1]"],
            p["beta[1]"], p["nu"], self.sigma2_next_, 100.0, record,
        )  # fmt: skip

    def describe(self) -> str:
        p = self.params_
        how = "estimated" if self.fitted_ else "fixed parameters, variance filtered"
        return (
            f"GARCH(1,1)-t ({how}) on {self.n_returns_:,} percent daily log returns "
            f"{self._span}: α={p['alpha[1]']:.3f}, "
            f"β={p['beta[1]']:.3f}, ν={p['nu']:.1f}, volatility now "
            f"{self.sigma_now_ann_pct_:.1f} %/yr, drift {self.drift_ann_pct_:.2f} %/yr "
            + ("(mean log return of the window)" if self.drift_ann_pct is None else "(stated)")
        )

    def param_facts(self, subject: str, as_of: str) -> list[Fact]:
        lin = (self.source_,)
        f = f"{subject}.garch"
        how = f"arch GARCH(1,1)-t on daily log returns {self._span}"
        return [
            Fact(f"{f}.sigma_now_ann_pct", self.sigma_now_ann_pct_, "pct", as_of,
                 f"{how}; one-step-ahead conditional volatility × √252", lin,
                 "GARCH conditional volatility for the next session, annualised", 1),
            Fact(f"{f}.nu", self.nu_, "ratio", as_of, how, lin,
                 "Student-t degrees of freedom", 1),
            Fact(f"{f}.persistence", self.persistence_, "ratio", as_of, f"{how}; α + β", lin,
                 "GARCH persistence α + β", 3),
            Fact(f"{f}.mu_ann_pct", self.drift_ann_pct_, "pct", as_of,
                 f"{how}; mean log return of the window × 252 (the simulated drift)", lin,
                 "GARCH drift of log returns, annualised", 2),
        ]  # fmt: skip


_MODELS: dict[str, type] = {"gbm": GBMModel, "bootstrap": BootstrapModel, "garch": GarchModel}


def make_model(method: str) -> PathModel:
    """A default, unfitted model for ``method`` (one of :data:`METHODS`)."""
    try:
        return _MODELS[method]()
    except KeyError:
        raise AnalysisError(
            f"unknown method {method!r}", where="methods", fix=f"use some of {list(METHODS)}"
        ) from None


# --------------------------------------------------------------------------- closed forms
def gbm_touch_probability(
    barrier: float | np.ndarray,
    mu: float,
    sigma: float,
    n_steps: int,
    *,
    discrete: bool = True,
) -> np.ndarray:
    """P(the log price path reaches ``barrier`` within ``n_steps`` sessions) under GBM.

    Reflection principle for Brownian motion with drift ``mu`` and volatility ``sigma`` (both per
    session, log returns) over ``T = n_steps``: for ``b > 0``,
    ``P(max_{t<=T} X_t >= b) = Φ((μT − b)/(σ√T)) + exp(2μb/σ²) Φ((−b − μT)/(σ√T))``; for ``b < 0``
    the running minimum by symmetry. ``discrete`` applies the Broadie–Glasserman–Kou correction
    for monitoring at daily closes only: the barrier moves away from 0 by ``0.5826 σ``.

    Parameters
    ----------
    barrier
        ``ln(L / S_0)``; positive for levels above, negative for levels below.
    """
    from scipy.special import log_ndtr

    b = np.asarray(barrier, dtype=float)
    sign = np.where(b >= 0, 1.0, -1.0)
    a = np.abs(b) + (BGK_BETA * sigma if discrete else 0.0)
    m = sign * mu  # the drift toward the barrier
    sd = sigma * math.sqrt(n_steps)
    t1 = log_ndtr((m * n_steps - a) / sd)
    # the exponential can overflow where the normal tail underflows: add in logs
    t2 = 2.0 * m * a / sigma**2 + log_ndtr((-a - m * n_steps) / sd)
    p = np.exp(t1) + np.exp(t2)
    return np.clip(np.where(np.abs(b) == 0, 1.0, p), 0.0, 1.0)


def gbm_close_probability(
    barrier: float | np.ndarray, mu: float, sigma: float, n_steps: int, *, above: bool = True
) -> np.ndarray:
    """P(X_T ≥ barrier) (``above``) or P(X_T ≤ barrier) under GBM; exact on any grid."""
    from scipy.special import ndtr

    z = (np.asarray(barrier, dtype=float) - mu * n_steps) / (sigma * math.sqrt(n_steps))
    return ndtr(-z) if above else ndtr(z)


# --------------------------------------------------------------------------- result
@dataclass(frozen=True)
class LevelOutcome:
    """One level and what was asked of it.

    ``direction``: ``up`` (level above the close: touch means a close at or above it) or ``down``
    (below: a close at or below). ``reached``: an upside level at or under the ``as_of`` close; it
    is not simulated.
    """

    level: float
    roles: tuple[str, ...]  # "threshold", "target"
    direction: str
    reached: bool


@dataclass(frozen=True)
class TargetProbabilities:
    """Target probabilities of ``subject`` from ``as_of`` to ``horizon`` (see
    :func:`target_probabilities`).

    ``table`` has one row per method and simulated level: ``p_touch``, ``p_close_above``,
    ``p_close_below`` and their ``_se``, and for GBM the closed forms ``p_touch_closed``,
    ``p_close_above_closed`` and the same with the drift set to zero (``*_zero_drift``).
    """

    subject: str
    as_of: pd.Timestamp
    start_date: pd.Timestamp
    start_level: float
    horizon: pd.Timestamp
    sessions: pd.DatetimeIndex
    n_paths: int
    seed: int | None
    levels: tuple[LevelOutcome, ...]
    table: pd.DataFrame
    horizon_quantiles: Mapping[str, np.ndarray]
    fans: Mapping[str, pd.DataFrame]
    models: Mapping[str, Any]
    lineage: tuple[Source, ...]
    notes: tuple[str, ...] = field(default=())

    @property
    def methods(self) -> tuple[str, ...]:
        return tuple(self.models)

    @property
    def horizon_sessions(self) -> int:
        return len(self.sessions)

    def fan(self, method: str) -> pd.DataFrame:
        """Quantile paths for a fan chart (points), index: future sessions; q05 … q95."""
        if method not in self.fans:
            raise AnalysisError(
                f"no fan for method {method!r}",
                where="fan(method)",
                fix=f"use one of {list(self.fans)}",
            )
        return self.fans[method]

    def to_frame(self) -> pd.DataFrame:
        """The probability table (a copy), one row per method and level."""
        return self.table.copy()

    @cached_property
    def _as_of_str(self) -> str:
        return str(self.as_of.date())

    def summary(self) -> str:
        """Markdown: the methods side by side for each level and measure."""
        head = (
            f"**{self.subject}** from {self.start_level:,.2f} ({self.start_date.date()}) to "
            f"{self.horizon.date()} ({self.horizon_sessions} sessions), {self.n_paths:,} paths "
            "per method; probabilities ± one Monte Carlo standard error."
        )
        cols = list(self.methods)
        has_closed = "gbm" in cols
        header = ["level", "measure", *cols] + (["GBM closed form"] if has_closed else [])
        rows: list[list[str]] = []
        t = self.table.set_index(["level", "method"])
        for lv in self.levels:
            measures = []
            if lv.reached:
                rows.append(
                    [f"{lv.level:,.6g}", "touch: already reached", *["—"] * (len(header) - 2)]
                )
            else:
                measures.append(("p_touch", "touch " + ("≥" if lv.direction == "up" else "≤")))
            measures.append(("p_close_above", "close ≥ on horizon"))
            if lv.direction == "down":
                measures.append(("p_close_below", "close ≤ on horizon"))
            for col, label in measures:
                row = [f"{lv.level:,.6g}", label]
                for m in cols:
                    r = t.loc[(lv.level, m)]
                    row.append(f"{r[col]:.3f} ± {r[col + '_se']:.3f}")
                if has_closed:
                    closed = {"p_touch": "p_touch_closed", "p_close_above": "p_close_above_closed"}
                    c = closed.get(col)
                    row.append(f"{t.loc[(lv.level, 'gbm')][c]:.3f}" if c else "")
                rows.append(row)
        qrows = [
            ["horizon quantiles", name, *[f"{self.horizon_quantiles[m][i]:,.0f}" for m in cols]]
            + ([""] if has_closed else [])
            for i, name in enumerate(QUANTILE_NAMES)
        ]
        models = "\n".join(f"- {m}: {self.models[m].describe()}" for m in cols)
        notes = "".join(f"\n- {n}" for n in self.notes)
        return f"{head}\n\n{markdown_table(rows + qrows, header)}\n\n{models}{notes}\n"

    def facts(self) -> list[Fact]:
        """Facts as in docs/fact-ids.md ("Target probabilities")."""
        S, a, lin = self.subject, self._as_of_str, self.lineage
        cal = f"XNYS sessions after {self.start_date.date()} up to {self.horizon.date()}"
        out = [
            Fact(f"{S}.horizon_date", str(self.sessions[-1].date()), "date", a,
                 f"last {cal}", lin, "horizon session"),
            Fact(f"{S}.horizon_sessions", self.horizon_sessions, "days", a,
                 f"count of {cal}", lin, "trading sessions to the horizon"),
            Fact("sim.n_paths", self.n_paths, "count", a, "Monte Carlo paths per method", (),
                 "paths per method"),
        ]  # fmt: skip
        if self.seed is not None:
            out.append(
                Fact("sim.seed", self.seed, "count", a, "seed of the run's Generator", (), "seed")
            )
        for lv in self.levels:
            if lv.reached:
                out.append(
                    Fact(f"{S}.already_reached.{level_key(lv.level)}", True, "bool", a,
                         f"close {self.start_level:,.2f} on {self.start_date.date()} is at or above "
                         "the level: touching it is certain, closing above it on the horizon is "
                         "still simulated", lin,
                         f"{lv.level:,.6g} already reached on {self.start_date.date()}")
                )  # fmt: skip
        t = self.table
        for m, model in self.models.items():
            mlin = (model.source_,)
            how = (
                f"{METHOD_NAMES[m]} Monte Carlo, {self.n_paths:,} paths, {self.horizon_sessions} "
                f"sessions, drift {model.drift_ann_pct_:.2f} %/yr (mean log return of the window "
                f"{model.window_start_.date()}..{model.window_end_.date()})"
            )
            for r in t[t["method"] == m].itertuples():
                L = level_key(r.level)
                up = r.direction == "up"
                touch = ("at or above " if up else "at or below ") + f"{r.level:,.6g}"
                horizon = str(self.horizon.date())
                reached = r.level <= self.start_level and up
                items = (
                    []
                    if reached
                    else [
                        ("p_touch", r.p_touch, f"probability of a close {touch} by {horizon}"),
                        ("p_touch_se", r.p_touch_se, "Monte Carlo standard error of p_touch"),
                    ]
                )
                items += [
                    ("p_close_above", r.p_close_above,
                     f"probability of closing at or above {r.level:,.6g} on {horizon}"),
                    ("p_close_above_se", r.p_close_above_se, "Monte Carlo standard error"),
                ]  # fmt: skip
                if not up:
                    items += [
                        ("p_close_below", r.p_close_below,
                         f"probability of closing at or below {r.level:,.6g} on {horizon}"),
                        ("p_close_below_se", r.p_close_below_se, "Monte Carlo standard error"),
                    ]  # fmt: skip
                for meas, val, label in items:
                    out.append(
                        Fact(
                            f"{S}.{meas}.{L}.{m}", float(val), "probability", a, how, mlin, label, 3
                        )
                    )
                if m == "gbm":
                    closed = "GBM closed form (reflection principle)"
                    if not reached:
                        out.append(
                        Fact(f"{S}.p_touch_closed.{L}.gbm", float(r.p_touch_closed), "probability", a,
                             closed + ", Broadie–Glasserman–Kou correction for daily closes", mlin,
                             f"closed-form probability of a close {touch} by {horizon}", 3)
                        )  # fmt: skip
                    out.append(
                        Fact(f"{S}.p_close_above_closed.{L}.gbm", float(r.p_close_above_closed),
                             "probability", a, closed + " (lognormal terminal law)", mlin,
                             f"closed-form probability of closing at or above {r.level:,.6g}", 3)
                    )  # fmt: skip
                    zero = closed + " with the drift set to 0 (same volatility)"
                    out.append(
                        Fact(f"{S}.p_touch_closed_zero_drift.{L}.gbm",
                             float(r.p_touch_closed_zero_drift), "probability", a,
                             zero + ", Broadie–Glasserman–Kou correction for daily closes", mlin,
                             f"zero-drift probability of a close {touch} by {horizon}", 3)
                    )  # fmt: skip
                    out.append(
                        Fact(f"{S}.p_close_above_closed_zero_drift.{L}.gbm",
                             float(r.p_close_above_closed_zero_drift), "probability", a,
                             zero + " (lognormal terminal law)", mlin,
                             f"zero-drift probability of closing at or above {r.level:,.6g}", 3)
                    )  # fmt: skip
            for name, q in zip(QUANTILE_NAMES, self.horizon_quantiles[m], strict=True):
                out.append(
                    Fact(f"{S}.horizon_{name}.{m}", float(q), "points", a, how, mlin,
                         f"{name[1:]}th percentile of the close on {self.horizon.date()}", 0)
                )  # fmt: skip
            out.extend(model.param_facts(S, a))
        return out


# --------------------------------------------------------------------------- the analysis
def _levels(
    thresholds: Sequence[float], targets: Sequence[float], close: float
) -> tuple[LevelOutcome, ...]:
    roles: dict[float, list[str]] = {}
    for role, levels in (("threshold", thresholds), ("target", targets)):
        for x in levels:
            v = float(x)
            if not (math.isfinite(v) and v > 0):
                raise AnalysisError(
                    f"level {x!r} is not a positive number",
                    where=f"{role}s",
                    fix="give index levels in points (e.g. 6900)",
                )
            roles.setdefault(v, [])
            if role not in roles[v]:
                roles[v].append(role)
    out = []
    for v, rs in roles.items():
        # Downside only for thresholds strictly below; a target at or below the close (or any
        # level equal to it) is already reached: a certain touch is not worth simulating.
        if v < close and rs == ["threshold"]:
            out.append(LevelOutcome(v, tuple(rs), "down", False))
        else:
            out.append(LevelOutcome(v, tuple(rs), "up", v <= close))
    return tuple(sorted(out, key=lambda x: x.level))


def _seed_of(rng: np.random.Generator) -> int | None:
    ss = getattr(rng.bit_generator, "seed_seq", None)
    ent = getattr(ss, "entropy", None)
    spawn = getattr(ss, "spawn_key", ())
    return int(ent) if isinstance(ent, int) and not spawn else None


def target_probabilities(
    prices: pd.Series,
    *,
    subject: str,
    as_of: Any,
    horizon: Any,
    thresholds: Sequence[float] = (),
    targets: Sequence[float] = (),
    methods: Sequence[str] = METHODS,
    n_paths: int = 100_000,
    rng: np.random.Generator,
    models: Mapping[str, PathModel] | None = None,
    fan_paths: int = 20_000,
) -> TargetProbabilities:
    """Probabilities of touching and of closing beyond each level by ``horizon``, per method.

    Parameters
    ----------
    prices
        Daily closes (points) indexed by date, lineage in ``.attrs["source"]``; only closes dated
        on or before ``as_of`` are used. No NaNs, all > 0.
    subject
        Series id used in fact ids (``sp500``).
    as_of
        Analysis date; paths start from the last close on or before it.
    horizon
        Date; paths run over the XNYS sessions after the start close up to ``horizon``.
    thresholds, targets
        Levels (points). A threshold below the close is a downside level (touch = a close at or
        below it). An upside level at or under the close is recorded as already reached.
    methods
        Any of ``gbm``, ``bootstrap``, ``garch``.
    n_paths
        Paths per method. Memory is ``O(n_paths)``: three float64 per path (24 MB at 1,000,000).
    rng
        The run's Generator; one integer is drawn from it and keys every method's streams.
    models
        Unfitted models to use instead of the defaults (``{"gbm": GBMModel(window_sessions=252)}``).
    fan_paths
        Paths (the first ones of the run) whose every session is kept for the fan quantiles.

    Returns
    -------
    TargetProbabilities
    """
    from thesis.data.calendars import sessions_between

    if n_paths < 2:
        raise AnalysisError(
            f"n_paths={n_paths} is too few", where="n_paths", fix="use at least 1,000 paths"
        )
    methods = tuple(methods)
    if not methods:
        raise AnalysisError(
            "no methods chosen", where="methods", fix=f"use some of {list(METHODS)}"
        )
    fitted: dict[str, Any] = {}
    for m in methods:
        model = (models or {}).get(m) or make_model(m)
        fitted[m] = model
    as_of_ts = as_timestamp(as_of, "as_of")
    horizon_ts = as_timestamp(horizon, "horizon")
    name = str(prices.name or subject) if isinstance(prices, pd.Series) else subject
    if horizon_ts <= as_of_ts:
        raise AnalysisError(
            f"horizon {horizon_ts.date()} is not after as_of {as_of_ts.date()}",
            where="horizon",
            fix="choose a horizon date after as_of",
        )
    # the method that needs the longest history names the requirement in the error
    neediest = max(methods, key=lambda m: getattr(fitted[m], "min_sessions", 2))
    need = getattr(fitted[neediest], "min_sessions", 2)
    s = _closes(prices, as_of_ts, name=name, need=need, method=f"method {neediest!r}")
    s = s.rename(name)
    start_date, close = s.index[-1], float(s.iloc[-1])
    sessions = sessions_between(start_date, horizon_ts)
    if len(sessions) == 0:
        raise AnalysisError(
            f"no XNYS session between {start_date.date()} and {horizon_ts.date()}",
            where="horizon",
            fix="choose a horizon at least one trading day after as_of",
        )
    n_steps = len(sessions)
    levels = _levels(thresholds, targets, close)
    for m in methods:
        fitted[m].fit(s, as_of_ts)

    base = int(rng.integers(0, 2**63 - 1))
    # a level already reached is still simulated: the touch is certain, but whether the index
    # closes at or above it on the horizon is not (its p_touch is not reported, see facts())
    sim_levels = list(levels)
    b = np.array([math.log(lv.level / close) for lv in sim_levels])
    rows = []
    quants: dict[str, np.ndarray] = {}
    fans: dict[str, pd.DataFrame] = {}
    for m in methods:
        model = fitted[m]
        key = method_key(base, m)
        touch = np.zeros(len(sim_levels))
        above = np.zeros(len(sim_levels))
        terminal = np.empty(n_paths)
        for off in range(0, n_paths, CHUNK_PATHS):
            k = min(CHUNK_PATHS, n_paths - off)
            mx, mn, rec = model.simulate(n_steps, k, key, [n_steps], off)
            xT = rec[:, 0]
            terminal[off : off + k] = xT
            for i, lv in enumerate(sim_levels):
                hit = mx >= b[i] if lv.direction == "up" else mn <= b[i]
                touch[i] += np.count_nonzero(hit)
                above[i] += np.count_nonzero(xT >= b[i])
        p_t, p_a = touch / n_paths, above / n_paths
        p_b = np.array(
            [np.count_nonzero(terminal <= bi) / n_paths for bi in b]
        )  # differs from 1 - p_a only by ties, which a continuous law does not have
        se = lambda p: np.sqrt(p * (1 - p) / n_paths)  # noqa: E731
        for i, lv in enumerate(sim_levels):
            row = {
                "method": m,
                "level": lv.level,
                "role": "+".join(lv.roles),
                "direction": lv.direction,
                "p_touch": p_t[i],
                "p_touch_se": se(p_t[i]),
                "p_close_above": p_a[i],
                "p_close_above_se": se(p_a[i]),
                "p_close_below": p_b[i],
                "p_close_below_se": se(p_b[i]),
                "p_touch_closed": np.nan,
                "p_close_above_closed": np.nan,
                "p_touch_closed_zero_drift": np.nan,
                "p_close_above_closed_zero_drift": np.nan,
            }
            if m == "gbm":
                row["p_touch_closed"] = float(
                    gbm_touch_probability(b[i], model.mu_, model.sigma_, n_steps)
                )
                row["p_close_above_closed"] = float(
                    gbm_close_probability(b[i], model.mu_, model.sigma_, n_steps)
                )
                # the same law without drift: how much of each probability the drift supplies
                row["p_touch_closed_zero_drift"] = float(
                    gbm_touch_probability(b[i], 0.0, model.sigma_, n_steps)
                )
                row["p_close_above_closed_zero_drift"] = float(
                    gbm_close_probability(b[i], 0.0, model.sigma_, n_steps)
                )
            rows.append(row)
        quants[m] = close * np.exp(np.quantile(terminal, QUANTILES))
        del terminal
        nf = min(fan_paths, n_paths)
        paths = model.simulate_paths(n_steps, nf, key)
        fans[m] = pd.DataFrame(
            close * np.exp(np.quantile(paths, QUANTILES, axis=0).T),
            index=sessions,
            columns=list(QUANTILE_NAMES),
        )
        del paths
    table = pd.DataFrame(
        rows,
        columns=[
            "method", "level", "role", "direction", "p_touch", "p_touch_se", "p_close_above",
            "p_close_above_se", "p_close_below", "p_close_below_se", "p_touch_closed",
            "p_close_above_closed", "p_touch_closed_zero_drift", "p_close_above_closed_zero_drift",
        ],
    )  # fmt: skip
    notes = tuple(
        f"{lv.level:,.6g} is at or below the {start_date.date()} close of {close:,.2f}: "
        "already reached, so only the chance of closing at or above it on the horizon is given"
        for lv in levels
        if lv.reached
    )
    drifts = ", ".join(f"{m} {fitted[m].drift_ann_pct_:.1f}" for m in methods)
    notes += (
        "Every method's drift is the historical mean daily log return of its estimation window "
        f"(%/yr: {drifts}), not a forecast: a window of strong gains raises every upside "
        "probability. The GBM closed form with zero drift is given beside it for comparison.",
    )
    if min(fan_paths, n_paths) < n_paths:
        notes += (
            "The fan chart's quantile paths use a subsample of each method's paths (the first "
            "ones simulated); the probabilities and horizon quantiles use all of them.",
        )
    lineage = (_window_source(s, name),)
    return TargetProbabilities(
        subject=subject,
        as_of=as_of_ts,
        start_date=start_date,
        start_level=close,
        horizon=horizon_ts,
        sessions=sessions,
        n_paths=int(n_paths),
        seed=_seed_of(rng),
        levels=levels,
        table=table,
        horizon_quantiles=quants,
        fans=fans,
        models=fitted,
        lineage=lineage,
        notes=notes,
    )
