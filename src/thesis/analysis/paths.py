"""Target probabilities by Monte Carlo: a random walk, a stationary block bootstrap and GARCH(1,1)-t.

Three fitted estimators (``__init__`` stores settings; ``fit(prices, as_of)`` uses only closes dated
on or before ``as_of``, sets ``name_`` attributes and returns ``self``) simulate the cumulative sum
``x_t`` of daily increments from the ``as_of`` close over the XNYS sessions to the horizon. What an
increment is depends on the series (:mod:`thesis.analysis.kinds`):

- ``space="log"`` (index levels, prices): log returns, ``x_t = ln(S_t / S_0)``, so ``S_t = S_0 e^x``;
  the random walk is geometric Brownian motion (method ``gbm``);
- ``space="diff"`` (yields, rates, spreads): changes in percentage points, ``x_t = S_t − S_0``, so a
  yield can fall below zero and a move of 0.25 is 25 bp; the random walk is arithmetic Brownian
  motion (method ``normal``, the Bachelier model of rates). GBM is never used on a yield.

The numba kernels (:mod:`thesis.analysis._kernels`) only ever sum increments; the space decides
what is summed and how a level maps onto the sum (``ln(L / S_0)`` or ``L − S_0``).

:func:`target_probabilities` turns the paths into, for each level, the probability of touching it
(any daily close at or beyond it, up to and including its date: at or above a level above the
close, at or below one below it), of closing at or above it and at or below it on its date, and
for each drawdown the probability of a close X % below the current level or below the running high;
with Monte Carlo standard errors, horizon quantiles and fan-chart quantile paths.

Drift: for log series every method simulates with the historical mean daily log return of its
estimation window (GBM: its ``window_sessions``; bootstrap and GARCH: all history up to ``as_of``
unless given a window). That is a statement about the past, not a forecast; after a strong decade
it makes every upside probability larger. It is stated in each model's ``describe()``, in a drift
fact per method, in the method text of every probability, and the closed forms are also given with
zero drift so a reader sees how much of each probability the drift supplies. Yields have no
long-run trend worth extrapolating (a five-year window of rising rates would add 60 bp a year), so
in the ``diff`` space the drift is zero unless the thesis states one.

For the random walks the same probabilities have closed forms (reflection principle for the running
maximum of Brownian motion with drift), shown next to the simulation as a check. The closed form
monitors continuously while the simulation looks at daily closes only; the Broadie–Glasserman–Kou
continuity correction (the barrier shifted away by ``0.5826 σ √Δt``) reconciles the two.

Reproducibility: each path draws from its own counter-based random stream keyed by the run's
Generator and the path's index (see :mod:`thesis.analysis._kernels`), so a seed gives the same
numbers whatever the thread count (``NUMBA_NUM_THREADS``) or chunk size; and the first ``k``
sessions of a path are the same whatever its length, so a level due before the horizon is scored on
the same paths, cut at its date.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal, Protocol, cast

import numpy as np
import pandas as pd

from thesis import ids
from thesis.analysis._common import as_timestamp, checked_series, markdown_table
from thesis.errors import AnalysisError, InsufficientDataError, ThesisError
from thesis.facts import Fact, Source, content_hash

if TYPE_CHECKING:
    from collections.abc import Iterator

    from arch.univariate.base import ARCHModelFixedResult

    from thesis._types import DateLike

__all__ = [
    "METHODS",
    "BootstrapModel",
    "DrawdownOutcome",
    "DrawdownQuery",
    "GBMModel",
    "GarchModel",
    "LevelOutcome",
    "LevelQuery",
    "NormalModel",
    "PathModel",
    "TargetProbabilities",
    "default_methods",
    "gbm_close_probability",
    "gbm_touch_probability",
    "make_model",
    "max_drawdowns",
    "method_key",
    "target_probabilities",
]

Space = Literal["log", "diff"]
SESSIONS_PER_YEAR = 252
#: Broadie, Glasserman & Kou (1997): -zeta(1/2)/sqrt(2*pi), the discrete-monitoring shift.
BGK_BETA = 0.5826
QUANTILES = (0.05, 0.25, 0.50, 0.75, 0.95)
QUANTILE_NAMES = ("q05", "q25", "q50", "q75", "q95")
#: paths per kernel call; results do not depend on it (streams are keyed by path index)
CHUNK_PATHS = 1 << 18
#: floats per chunk when every session of a path is kept (drawdowns from the running high)
FULL_PATH_FLOATS = 1 << 22
METHODS = ("gbm", "normal", "bootstrap", "garch")
#: the methods that fit each space (GBM needs positive levels; the normal walk is for rates)
SPACE_METHODS: dict[str, tuple[str, ...]] = {
    "log": ("gbm", "bootstrap", "garch"),
    "diff": ("normal", "bootstrap", "garch"),
}
METHOD_NAMES = {
    "gbm": "geometric Brownian motion",
    "normal": "normal random walk of daily changes",
    "bootstrap": "stationary block bootstrap",
    "garch": "GARCH(1,1) Student-t",
    "baseline": "random walk, zero drift",
}
#: the closed-form random walk of each space
RANDOM_WALK = {"log": "gbm", "diff": "normal"}
#: errors that leave out one method instead of the whole analysis: the user-facing ones, and the
#: numerical failures of an optimiser or a linear solve on unlucky data
METHOD_ERRORS: tuple[type[BaseException], ...] = (
    ThesisError,
    ArithmeticError,
    ValueError,
    np.linalg.LinAlgError,
)


def default_methods(space: str) -> tuple[str, ...]:
    """The methods used when a thesis names none: the three of its space."""
    return SPACE_METHODS[space]


# --------------------------------------------------------------------------- input checks
def _closes(
    prices: Any, as_of: DateLike | None, *, name: str, need: int, method: str, positive: bool = True
) -> pd.Series:
    """Validated closes dated on or before ``as_of``; at least ``need`` of them."""
    s = checked_series(prices, name=name, positive=positive)
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


def _check_space(space: str) -> str:
    if space not in SPACE_METHODS:
        raise AnalysisError(
            f"unknown space {space!r}",
            where="space",
            fix="use 'log' (prices, index levels) or 'diff' (yields, rates, spreads)",
        )
    return space


def _increments(values: np.ndarray, space: str) -> np.ndarray:
    """Daily increments: log returns (``log``) or changes (``diff``), decimal per session."""
    return np.diff(np.log(values)) if space == "log" else np.diff(values)


def _stated_drift(drift_ann: float | None, window_mean: float, space: str = "log") -> float:
    """Daily drift of the increments.

    ``log``: the stated annual drift (percent of log return a year) or, when ``None``, the window's
    mean. ``diff``: the stated drift in basis points a year, or zero (see the module docstring).
    Both are divided by 100 and by 252: a percent of log return and a basis point of a yield are
    each a hundredth of the unit the increments are in.
    """
    if drift_ann is None:
        return window_mean if space == "log" else 0.0
    limit = 100 if space == "log" else 1000
    if not math.isfinite(drift_ann) or abs(drift_ann) > limit:
        unit = "%/yr" if space == "log" else "bp/yr"
        raise AnalysisError(
            f"drift {drift_ann!r} {unit} is not a sensible annual drift",
            where="analysis.drift_ann_pct" if space == "log" else "analysis.drift_ann_bp",
            fix="state the drift as a percent a year for a price (e.g. 6), in basis points a "
            "year for a yield (e.g. -25), or leave it out",
        )
    return drift_ann / 100.0 / SESSIONS_PER_YEAR


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
    space: str

    def fit(self, prices: pd.Series, as_of: DateLike | None = None) -> PathModel: ...

    def simulate(
        self,
        n_steps: int,
        n_paths: int,
        key: np.uint64,
        record_steps: Sequence[int],
        path_offset: int = 0,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]: ...

    def simulate_paths(
        self, n_steps: int, n_paths: int, key: np.uint64, path_offset: int = 0
    ) -> np.ndarray: ...

    def describe(self) -> str: ...

    def param_facts(self, subject: str, as_of: str) -> list[Fact]: ...


class _Base:
    """What the models share: the space, the estimation window, the fitted check, ``simulate``."""

    method = ""
    min_sessions = 253
    window_sessions: int | None = None
    space: str = "log"

    def _check_fitted(self) -> None:
        if not hasattr(self, "last_close_"):
            raise AnalysisError(
                f"{type(self).__name__} is not fitted",
                where=type(self).__name__,
                fix="call .fit(prices, as_of) first",
            )

    def _window(
        self, prices: pd.Series, as_of: DateLike | None, label: str
    ) -> tuple[str, pd.Series, pd.Series]:
        """Name, closes up to ``as_of`` and the estimation window (last ``window_sessions`` returns,
        all of them when ``None``)."""
        name = str(prices.name or "prices")
        s = _closes(
            prices,
            as_of,
            name=name,
            need=self.min_sessions,
            method=label,
            positive=self.space == "log",
        )
        used = s if self.window_sessions is None else s.iloc[-(self.window_sessions + 1) :]
        return name, s, used

    @property
    def _span(self) -> str:
        """The estimation window as ``YYYY-MM-DD..YYYY-MM-DD``."""
        return f"{self.window_start_.date()}..{self.window_end_.date()}"

    @property
    def _what(self) -> str:
        """What the increments are, in words."""
        return "daily log returns" if self.space == "log" else "daily changes"

    def _set_common(self, s: pd.Series, used: pd.Series, name: str) -> None:
        self.last_close_ = float(s.iloc[-1])
        self.last_date_ = s.index[-1]
        self.window_start_ = used.index[0]
        self.window_end_ = used.index[-1]
        self.n_returns_ = len(used) - 1
        self.source_ = _window_source(used, name)

    @property
    def drift_ann_pct_(self) -> float:
        """The simulated drift a year: mean daily increment × 252 × 100.

        In percent of log return a year for ``log``, in basis points a year for ``diff``.
        """
        return self._drift_daily() * SESSIONS_PER_YEAR * 100

    @property
    def drift_unit_(self) -> str:
        """The fact unit of :attr:`drift_ann_pct_` (``pct`` or ``bp``)."""
        return "pct" if self.space == "log" else "bp"

    @property
    def drift_text_(self) -> str:
        """The drift in words: "drift 12.86 %/yr" or "drift 0 bp/yr"."""
        if self.space == "log":
            return f"drift {self.drift_ann_pct_:.2f} %/yr"
        return f"drift {self.drift_ann_pct_:.0f} bp/yr"

    def _drift_daily(self) -> float:  # decimal increment per session
        raise NotImplementedError

    def _drift_fact(self, subject: str, as_of: str, how: str) -> Fact:
        lin = (self.source_,)
        if self.space == "log":
            return Fact(ids.method_param(subject, self.method, "mu_ann_pct"), self.drift_ann_pct_,
                        "pct", as_of, how, lin,
                        f"{self.method} drift of log returns, annualised", 2)  # fmt: skip
        return Fact(ids.method_param(subject, self.method, "mu_ann_bp"), self.drift_ann_pct_,
                    "bp", as_of, how, lin, f"{self.method} drift of daily changes, a year", 0)  # fmt: skip

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
        """Running max, running min and recorded cumulative increments of paths
        ``path_offset .. path_offset + n_paths - 1`` (see :mod:`thesis.analysis._kernels`)."""
        self._check_fitted()
        mx, mn, rec = self._kernel(key, path_offset, n_paths, n_steps, _record(record_steps))[:3]
        return mx, mn, rec

    def simulate_paths(
        self, n_steps: int, n_paths: int, key: np.uint64, path_offset: int = 0
    ) -> np.ndarray:
        """Every session of ``n_paths`` paths: cumulative increments, shape ``(n_paths, n_steps)``.

        The rows are paths ``path_offset..path_offset+n_paths-1`` of the run keyed ``key``,
        identical to the ones :meth:`simulate` summarises (fan charts, drawdowns and tests; memory
        ``8 * n_paths * n_steps``).
        """
        return self.simulate(n_steps, n_paths, key, np.arange(1, n_steps + 1), path_offset)[2]


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
    drift_ann_pct
        A stated drift, percent of log return a year; ``None`` uses the window's mean.

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

    def fit(self, prices: pd.Series, as_of: DateLike | None = None) -> GBMModel:
        name, s, used = self._window(prices, as_of, type(self).__name__.replace("Model", ""))
        r = _increments(used.to_numpy(), self.space)
        self.mu_ = (
            0.0
            if self.zero_drift
            else _stated_drift(self.drift_ann_pct, float(r.mean()), self.space)
        )
        self.sigma_ = float(r.std(ddof=1))
        if not (math.isfinite(self.sigma_) and self.sigma_ > 0):
            raise AnalysisError(
                f"the {self._what} over {used.index[0].date()}..{used.index[-1].date()} do not vary",
                where=name,
                fix="check the series (a constant or stale feed) or choose another window",
            )
        self._set_common(s, used, name)
        return self

    @property
    def mu_ann_pct_(self) -> float:
        return self.mu_ * SESSIONS_PER_YEAR * 100

    def _drift_daily(self) -> float:
        return self.mu_

    @property
    def sigma_ann_pct_(self) -> float:
        """Volatility a year: σ × √252 × 100 (percent of log return, or bp for ``diff``)."""
        return self.sigma_ * math.sqrt(SESSIONS_PER_YEAR) * 100

    def _kernel(
        self, key: np.uint64, path_offset: int, n_paths: int, n_steps: int, record: np.ndarray
    ) -> tuple[np.ndarray, ...]:
        from thesis.analysis._kernels import gbm_paths

        # the kernel sums Gaussian increments mu + sigma z: log returns here, changes for Normal
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
        return [
            Fact(ids.method_param(subject, "gbm", "mu_ann_pct"), self.mu_ann_pct_, "pct", as_of,
                 f"mean of {how}", lin, "GBM drift of log returns, annualised", 2),
            Fact(ids.method_param(subject, "gbm", "sigma_ann_pct"), self.sigma_ann_pct_, "pct",
                 as_of, f"standard deviation of {how.replace('× 252', '× √252')}", lin,
                 "GBM volatility, annualised", 2),
            *self._window_facts(subject, as_of, "GBM"),
        ]  # fmt: skip

    def _window_facts(self, subject: str, as_of: str, label: str) -> list[Fact]:
        lin = (self.source_,)
        return [
            Fact(ids.method_param(subject, self.method, "window_start"),
                 str(self.window_start_.date()), "date", as_of,
                 f"first close of the {label} estimation window", lin, f"{label} window start"),
            Fact(ids.method_param(subject, self.method, "window_end"),
                 str(self.window_end_.date()), "date", as_of,
                 f"last close of the {label} estimation window", lin, f"{label} window end"),
        ]  # fmt: skip


class NormalModel(GBMModel):
    """Arithmetic Brownian motion for yields and rates: i.i.d. normal daily changes.

    The Bachelier model of rates: the level moves by ``mu + sigma z`` percentage points a session,
    whatever its level, so a yield may fall below zero. Same parameters as :class:`GBMModel`; the
    drift is zero unless ``drift_ann_pct`` states one, read as **basis points a year**.

    Attributes
    ----------
    mu_, sigma_ : float
        Drift and standard deviation (ddof 1) of daily changes, percentage points per session.
    """

    method = "normal"
    space = "diff"

    def describe(self) -> str:
        drift = (
            "zero drift"
            if self.mu_ == 0
            else f"drift {self.drift_ann_pct_:.0f} bp/yr"
            + (" (stated)" if self.drift_ann_pct is not None else "")
        )
        return (
            f"normal random walk, {drift}, volatility {self.sigma_ann_pct_:.0f} bp/yr, from "
            f"{self.n_returns_:,} daily changes {self._span}"
        )

    def param_facts(self, subject: str, as_of: str) -> list[Fact]:
        how = f"daily changes {self._span}"
        lin = (self.source_,)
        drift_how = (
            "stated in the thesis (basis points a year)"
            if self.drift_ann_pct is not None
            else "zero: yields are not given a trend"
        )
        return [
            Fact(ids.method_param(subject, "normal", "mu_ann_bp"), self.drift_ann_pct_, "bp",
                 as_of, drift_how, lin, "drift of the yield, basis points a year", 0),
            Fact(ids.method_param(subject, "normal", "sigma_ann_bp"), self.sigma_ann_pct_, "bp",
                 as_of, f"standard deviation of {how} × √252, in basis points", lin,
                 "volatility of daily changes, basis points a year", 0),
            *self._window_facts(subject, as_of, "normal model"),
        ]  # fmt: skip


class BootstrapModel(_Base):
    """Stationary block bootstrap (Politis & Romano 1994) of historical daily increments.

    Blocks start at a uniformly drawn day and run on (wrapping from the last return to the first)
    for a geometric number of days with mean ``mean_block``: arch's ``StationaryBootstrap``
    scheme, drawn by a numba kernel.

    Parameters
    ----------
    mean_block
        Mean block length in sessions. ``None`` picks it with arch's ``optimal_block_length``
        (Politis & White 2004) applied to *squared* demeaned returns: the dependence worth keeping
        in daily returns is volatility clustering, which raw returns barely show.
    window_sessions
        Use the last ``window_sessions`` increments (``None``: all history up to ``as_of``).
    min_sessions
        Closes needed (252 returns).
    drift_ann_pct
        A stated drift (percent a year for ``log``, basis points a year for ``diff``).
    space
        ``log`` (log returns) or ``diff`` (changes, recentred on zero unless a drift is stated).

    Attributes
    ----------
    returns_ : ndarray, shape (n_returns,)
        The historical daily increments resampled (decimal log returns, or percentage points).
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
        space: str = "log",
    ) -> None:
        self.mean_block = mean_block
        self.window_sessions = window_sessions
        self.min_sessions = min_sessions
        self.drift_ann_pct = drift_ann_pct
        self.space = _check_space(space)

    def fit(self, prices: pd.Series, as_of: DateLike | None = None) -> BootstrapModel:
        name, s, used = self._window(prices, as_of, "the bootstrap")
        r = np.ascontiguousarray(_increments(used.to_numpy(), self.space))
        if self.mean_block is None:
            from arch.bootstrap import optimal_block_length

            sq = (r - r.mean()) ** 2
            block = float(optimal_block_length(sq)["stationary"].iloc[0])
            # Politis-White can return < 1 for nearly independent data and grows without bound
            # for near-unit-root dependence; keep blocks between a day and a quarter.
            block = block if math.isfinite(block) else 1.0
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
        if self.drift_ann_pct is not None or self.space == "diff":
            # recentre the increments on the stated drift (zero for a yield by default): the
            # shape (fat tails, clustering) is kept, only the mean is replaced
            drift = _stated_drift(self.drift_ann_pct, 0.0, self.space)
            r = np.ascontiguousarray(r - r.mean() + drift)
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
        # resampling keeps the window's mean: the expected daily increment is its sample mean
        return float(self.returns_.mean())

    def describe(self) -> str:
        if self.space == "diff":
            drift = (
                f"recentred on a stated drift of {self.drift_ann_pct_:.0f} bp/yr"
                if self.drift_ann_pct is not None
                else "recentred on zero drift"
            )
        elif self.drift_ann_pct is None:
            drift = f"their mean, {self.drift_ann_pct_:.2f} %/yr, is the drift"
        else:
            drift = f"recentred on a stated drift of {self.drift_ann_pct_:.2f} %/yr"
        return (
            f"stationary block bootstrap of {self.n_returns_:,} {self._what} {self._span} "
            f"({drift}), mean block {self.mean_block_:.1f} sessions ({self.block_rule_})"
        )

    def param_facts(self, subject: str, as_of: str) -> list[Fact]:
        how = (
            f"mean of the resampled daily log returns {self._span}, × 252 (the bootstrap keeps "
            "the window's mean)"
            if self.space == "log" and self.drift_ann_pct is None
            else "the drift the resampled increments were recentred on"
        )
        return [
            Fact(ids.method_param(subject, "bootstrap", "block_days"), self.mean_block_, "days",
                 as_of, f"mean block length in trading sessions ({self.block_rule_})",
                 (self.source_,), "stationary bootstrap mean block length", 1),
            self._drift_fact(subject, as_of, how),
        ]  # fmt: skip


class GarchModel(_Base):
    """GARCH(1,1) with Student-t innovations on daily increments in percent or basis points (arch).

    ``r_t = mu + e_t``, ``e_t = sqrt(h_t) z_t``, ``h_t = omega + alpha e_{t-1}^2 + beta h_{t-1}``;
    ``z_t`` unit-variance Student-t with ``nu`` degrees of freedom. ``r_t`` is 100 × the increment:
    percent log returns for ``log``, basis-point changes for ``diff`` (volatility clusters in the
    changes of yields as it does in returns). ``mu`` is the sample mean of the window's returns
    for ``log`` (the drift GBM uses), zero for ``diff`` unless a drift is stated; arch fits
    ``omega, alpha, beta, nu`` to the demeaned increments (``mean="Zero"``). Simulation starts from
    the one-step-ahead variance known at ``as_of``, as arch's ``forecast(method="simulation")``
    does.

    Parameters
    ----------
    params
        Fixed parameters ``{"mu", "omega", "alpha[1]", "beta[1]", "nu"}`` (arch's names). When
        given, ``fit`` does not re-estimate: it only filters the conditional variance through the
        data up to ``as_of`` (the calibration re-estimates every few origins this way).
    window_sessions
        Estimate on the last ``window_sessions`` increments (``None``: all history up to ``as_of``).
    min_sessions
        Closes needed (500: two years, so the persistence is identifiable).
    drift_ann_pct
        A stated drift (percent a year for ``log``, basis points a year for ``diff``).
    space
        ``log`` or ``diff``.
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
        space: str = "log",
    ) -> None:
        self.params = params
        self.window_sessions = window_sessions
        self.min_sessions = min_sessions
        self.drift_ann_pct = drift_ann_pct
        self.space = _check_space(space)

    def fit(self, prices: pd.Series, as_of: DateLike | None = None) -> GarchModel:
        from arch import arch_model

        name, s, used = self._window(prices, as_of, "GARCH(1,1)")
        y = 100.0 * _increments(used.to_numpy(), self.space)
        # The drift is the sample mean of the log returns (as for GBM) and the variance model is
        # fitted to the demeaned returns: a free Student-t location lands well above the mean
        # when the left tail is heavy (0.09 vs 0.05 %/day on 2016-2025), which would give GARCH
        # a much higher drift than the other methods for no reason to do with volatility.
        mu = float(y.mean()) if self.params is None else float(self.params["mu"])
        am = arch_model(y - mu, mean="Zero", vol="GARCH", p=1, q=1, dist="t", rescale=False)
        res: ARCHModelFixedResult
        if self.params is None:
            fit = am.fit(disp="off", show_warning=False)
            if fit.convergence_flag != 0:
                raise AnalysisError(
                    f"the GARCH(1,1)-t fit did not converge (flag {fit.convergence_flag})",
                    where=f"{name} {used.index[0].date()}..{used.index[-1].date()}",
                    fix="use a longer window or drop 'garch' from the methods",
                )
            res = fit
        else:
            res = am.fix([float(self.params[k]) for k in self.PARAM_NAMES[1:]])
        p = res.params
        if self.drift_ann_pct is not None or (self.space == "diff" and self.params is None):
            # the variance stays fitted on the demeaned increments
            mu = 100.0 * _stated_drift(self.drift_ann_pct, 0.0, self.space)
        self.params_ = {"mu": mu, **{k: float(p[k]) for k in self.PARAM_NAMES[1:]}}
        if not all(math.isfinite(v) for v in self.params_.values()):
            raise AnalysisError(
                "the GARCH(1,1)-t fit returned non-finite parameters",
                where=f"{name} {used.index[0].date()}..{used.index[-1].date()}",
                fix="use a longer window or drop 'garch' from the methods",
            )
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
        return self.params_["mu"] / 100.0  # params are in percent (or bp) increments

    @property
    def sigma_now_ann_pct_(self) -> float:
        """Conditional volatility of the session after ``as_of``, a year (pct, or bp for diff)."""
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
        mx, mn, rec, h = self._kernel(key, path_offset, n_paths, n_steps, _record(record_steps))
        return mx, mn, rec, h

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
        unit = "percent daily log returns" if self.space == "log" else "daily changes in bp"
        vol = (
            f"{self.sigma_now_ann_pct_:.1f} %/yr"
            if self.space == "log"
            else f"{self.sigma_now_ann_pct_:.0f} bp/yr"
        )
        stated = "(stated)" if self.drift_ann_pct is not None else ""
        if self.space == "log" and self.drift_ann_pct is None:
            stated = "(mean log return of the window)"
        return (
            f"GARCH(1,1)-t ({how}) on {self.n_returns_:,} {unit} {self._span}: "
            f"α={p['alpha[1]']:.3f}, β={p['beta[1]']:.3f}, ν={p['nu']:.1f}, volatility now {vol}, "
            f"{self.drift_text_} {stated}".rstrip()
        )

    def param_facts(self, subject: str, as_of: str) -> list[Fact]:
        lin = (self.source_,)
        how = f"arch GARCH(1,1)-t on {self._what} {self._span}"
        if self.space == "log":
            vol = Fact(ids.method_param(subject, "garch", "sigma_now_ann_pct"),
                       self.sigma_now_ann_pct_, "pct", as_of,
                       f"{how}; one-step-ahead conditional volatility × √252", lin,
                       "GARCH conditional volatility for the next session, annualised", 1)  # fmt: skip
            drift_how = f"{how}; mean log return of the window × 252 (the simulated drift)"
        else:
            vol = Fact(ids.method_param(subject, "garch", "sigma_now_ann_bp"),
                       self.sigma_now_ann_pct_, "bp", as_of,
                       f"{how}; one-step-ahead conditional volatility × √252, basis points", lin,
                       "GARCH volatility of daily changes for the next session, a year", 0)  # fmt: skip
            drift_how = f"{how}; the drift of the simulated changes"
        return [
            vol,
            Fact(ids.method_param(subject, "garch", "nu"), self.nu_, "ratio", as_of, how, lin,
                 "Student-t degrees of freedom", 1),
            Fact(ids.method_param(subject, "garch", "persistence"), self.persistence_, "ratio",
                 as_of, f"{how}; α + β", lin, "GARCH persistence α + β", 3),
            self._drift_fact(subject, as_of, drift_how),
        ]  # fmt: skip


_MODELS: dict[str, type] = {
    "gbm": GBMModel,
    "normal": NormalModel,
    "bootstrap": BootstrapModel,
    "garch": GarchModel,
}


def make_model(method: str, space: str = "log", **kw: Any) -> PathModel:
    """A default, unfitted model for ``method`` in ``space`` (``log`` or ``diff``).

    Raises
    ------
    AnalysisError
        An unknown method, or one that does not fit the space (GBM on a yield, the normal random
        walk on a price).
    """
    _check_space(space)
    if method not in _MODELS:
        raise AnalysisError(
            f"unknown method {method!r}", where="methods", fix=f"use some of {list(METHODS)}"
        )
    if method not in SPACE_METHODS[space]:
        what = "a yield, rate or spread" if space == "diff" else "a price or index level"
        raise AnalysisError(
            f"method {method!r} does not fit {what}",
            where="analysis.methods",
            fix=f"use some of {list(SPACE_METHODS[space])}",
        )
    cls = _MODELS[method]
    if method in ("bootstrap", "garch"):
        kw["space"] = space
    return cls(**kw)


# --------------------------------------------------------------------------- closed forms
def gbm_touch_probability(
    barrier: float | np.ndarray,
    mu: float,
    sigma: float,
    n_steps: int,
    *,
    discrete: bool = True,
) -> np.ndarray:
    """P(the path of Brownian motion with drift reaches ``barrier`` within ``n_steps`` sessions).

    Reflection principle for Brownian motion with drift ``mu`` and volatility ``sigma`` (both per
    session, in the units of the increments: log returns for GBM, percentage points for the normal
    walk) over ``T = n_steps``: for ``b > 0``,
    ``P(max_{t<=T} X_t >= b) = Φ((μT − b)/(σ√T)) + exp(2μb/σ²) Φ((−b − μT)/(σ√T))``; for ``b < 0``
    the running minimum by symmetry. ``discrete`` applies the Broadie–Glasserman–Kou correction
    for monitoring at daily closes only: the barrier moves away from 0 by ``0.5826 σ``.

    Parameters
    ----------
    barrier
        ``ln(L / S_0)`` (GBM) or ``L − S_0`` (normal walk); positive for levels above.
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
    """P(X_T ≥ barrier) (``above``) or P(X_T ≤ barrier) under the random walk; exact on any grid."""
    from scipy.special import ndtr

    z = (np.asarray(barrier, dtype=float) - mu * n_steps) / (sigma * math.sqrt(n_steps))
    return ndtr(-z) if above else ndtr(z)


# --------------------------------------------------------------------------- drawdowns
def max_drawdowns(
    model: PathModel,
    n_steps: int,
    n_paths: int,
    key: np.uint64,
    *,
    peak0: float = 0.0,
    path_offset: int = 0,
) -> np.ndarray:
    """Each path's largest fall from its running high, in the units of the increments.

    ``max_t (peak_t − x_t)`` over ``t = 0..n_steps`` with ``x_0 = 0`` and
    ``peak_t = max(peak0, x_1, …, x_t)``: ``peak0`` is the high before the path starts (``0``:
    the current level; ``ln(high / close)``: the record high). For log paths a value ``d`` is a
    fall of ``1 − e^{−d}``. Paths are simulated in chunks with every session kept (memory about
    32 MB whatever ``n_paths``); they are the same paths :meth:`simulate` summarises.
    """
    out = np.empty(n_paths)
    chunk = max(1, FULL_PATH_FLOATS // max(n_steps, 1))
    for off in range(0, n_paths, chunk):
        k = min(chunk, n_paths - off)
        x = model.simulate_paths(n_steps, k, key, path_offset + off)
        peak = np.maximum(np.maximum.accumulate(x, axis=1), peak0)
        out[off : off + k] = np.maximum((peak - x).max(axis=1), peak0)
    return out


# --------------------------------------------------------------------------- queries and results
Event = Literal["touch", "close_above", "close_below"]


@dataclass(frozen=True)
class LevelQuery:
    """A level the thesis names and what it says of it.

    ``event``: ``touch`` (a close at or beyond it before its date: at or above when the level is
    above the current close, at or below when it is below), ``close_above`` / ``close_below`` (the
    close on its date at or above / at or below it), or ``close`` (the close on its date beyond it
    in the direction it lies from today: a target). ``by``: the date (``None``: the horizon).
    """

    level: float
    event: str = "touch"
    role: str = "level"
    by: DateLike | None = None


@dataclass(frozen=True)
class DrawdownQuery:
    """A fall of ``pct`` percent from the current level (``basis="now"``) or from the running high
    (``basis="high"``: the highest close up to that day, starting from the record up to ``as_of``)
    at any close up to ``by`` (``None``: the horizon)."""

    pct: float
    basis: str = "high"
    by: DateLike | None = None

    @property
    def key(self) -> str:
        return ids.drawdown_key(self.pct, self.basis)


@dataclass(frozen=True)
class LevelOutcome:
    """One level and what was asked of it.

    ``direction``: ``up`` (the level is above the close on ``as_of``: touching it means a close at
    or above it), ``down`` (below: a close at or below it) or ``at`` (equal: touched already).
    ``reached``: touching it is certain (``direction == "at"``); no touch probability is given.
    ``holds``: the thesis's own event already holds on ``as_of`` (a ``close_above`` level at or
    below the close, a ``close_below`` one at or above it, a touch level equal to it).
    ``events``: the events the thesis states for it; ``by`` its date, ``n_steps`` the sessions to it.
    """

    level: float
    roles: tuple[str, ...]  # "threshold", "target", "level"
    direction: str
    reached: bool
    events: tuple[str, ...] = ("touch",)
    holds: bool = False
    by: pd.Timestamp | None = None
    n_steps: int = 0


@dataclass(frozen=True)
class DrawdownOutcome:
    """A drawdown asked about: ``trigger`` is the level whose close would complete it now
    (current level or record high × (1 − pct/100)); ``reached``: it has happened on ``as_of``."""

    pct: float
    basis: str
    key: str
    trigger: float
    reached: bool
    by: pd.Timestamp | None = None
    n_steps: int = 0


class _LevelRow(Protocol):
    """A row of :attr:`TargetProbabilities.table` as ``itertuples`` gives it (the columns read)."""

    level: float
    direction: str
    p_touch: float
    p_close_above: float
    p_close_below: float
    p_touch_closed: float
    p_close_above_closed: float
    p_close_below_closed: float
    p_touch_closed_zero_drift: float
    p_close_above_closed_zero_drift: float
    p_close_below_closed_zero_drift: float


class _DrawdownRow(Protocol):
    """A row of :attr:`TargetProbabilities.drawdown_table` as ``itertuples`` gives it."""

    key: str
    p: float
    p_se: float


@dataclass(frozen=True)
class TargetProbabilities:
    """Target probabilities of ``subject`` from ``as_of`` to ``horizon`` (see
    :func:`target_probabilities`).

    ``table`` has one row per method and level: ``p_touch``, ``p_close_above``, ``p_close_below``
    and their ``_se``, and for the random walk the closed forms ``p_touch_closed``,
    ``p_close_above_closed``, ``p_close_below_closed`` and the same with the drift set to zero
    (``*_zero_drift``). ``drawdown_table`` has one row per method and drawdown (``p``, ``p_se``).
    ``failed`` maps a method that could not run to the reason; the others ran.
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
    space: str = "log"
    level_unit: str = "points"
    drawdowns: tuple[DrawdownOutcome, ...] = ()
    drawdown_table: pd.DataFrame = field(default_factory=pd.DataFrame)
    failed: Mapping[str, str] = field(default_factory=dict)
    high: float | None = None

    @property
    def methods(self) -> tuple[str, ...]:
        return tuple(self.models)

    @property
    def horizon_sessions(self) -> int:
        return len(self.sessions)

    def fan(self, method: str) -> pd.DataFrame:
        """Quantile paths for a fan chart (level units), index: future sessions; q05 … q95."""
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

    def _lv(self, x: float) -> str:
        return f"{x:,.2f}" if self.space == "diff" else f"{x:,.6g}"

    def summary(self) -> str:
        """Markdown: the methods side by side for each level and measure."""
        head = (
            f"**{self.subject}** from {self._lv(self.start_level)} ({self.start_date.date()}) to "
            f"{self.horizon.date()} ({self.horizon_sessions} sessions), {self.n_paths:,} paths "
            "per method; probabilities ± one Monte Carlo standard error."
        )
        cols = list(self.methods)
        walk = RANDOM_WALK[self.space]
        has_closed = walk in cols
        header = ["level", "measure", *cols] + (["closed form"] if has_closed else [])
        rows: list[list[str]] = []
        t = self.table.set_index(["level", "method"])
        for lv in self.levels:
            measures = []
            if lv.reached:
                rows.append(
                    [self._lv(lv.level), "touch: already reached", *["—"] * (len(header) - 2)]
                )
            else:
                measures.append(("p_touch", "touch " + ("≥" if lv.direction == "up" else "≤")))
            measures += [("p_close_above", "close ≥ on date"), ("p_close_below", "close ≤ on date")]
            for col, label in measures:
                row = [self._lv(lv.level), label]
                for m in cols:
                    # a MultiIndex row key; pandas-stubs read a 2-tuple as (row, column)
                    r = t.loc[(lv.level, m)]  # type: ignore[index]
                    row.append(f"{r[col]:.3f} ± {r[col + '_se']:.3f}")
                if has_closed:
                    closed_row = t.loc[(lv.level, walk)]  # type: ignore[index]  # as above
                    row.append(f"{closed_row[col + '_closed']:.3f}")
                rows.append(row)
        for d in self.drawdowns:
            row = [f"−{d.pct:g} % from {'the high' if d.basis == 'high' else 'now'}", "drawdown"]
            for m in cols:
                if d.reached:
                    row.append("reached")
                    continue
                r = self.drawdown_table[
                    (self.drawdown_table.method == m) & (self.drawdown_table.key == d.key)
                ].iloc[0]
                row.append(f"{r.p:.3f} ± {r.p_se:.3f}")
            rows.append(row + ([""] if has_closed else []))
        qrows = [
            ["horizon quantiles", name, *[self._lv(self.horizon_quantiles[m][i]) for m in cols]]
            + ([""] if has_closed else [])
            for i, name in enumerate(QUANTILE_NAMES)
        ]
        models = "\n".join(f"- {m}: {self.models[m].describe()}" for m in cols)
        failed = "".join(f"\n- {m} left out: {why}" for m, why in self.failed.items())
        notes = "".join(f"\n- {n}" for n in self.notes)
        return f"{head}\n\n{markdown_table(rows + qrows, header)}\n\n{models}{failed}{notes}\n"

    def facts(self) -> list[Fact]:
        """Facts as in docs/fact-ids.md ("Target probabilities")."""
        S, a, lin = self.subject, self._as_of_str, self.lineage
        cal = f"XNYS sessions after {self.start_date.date()} up to {self.horizon.date()}"
        out = [
            Fact(ids.horizon(S, "date"), str(self.sessions[-1].date()), "date", a,
                 f"last {cal}", lin, "horizon session"),
            Fact(ids.horizon(S, "sessions"), self.horizon_sessions, "days", a,
                 f"count of {cal}", lin, "trading sessions to the horizon"),
            Fact(ids.sim("n_paths"), self.n_paths, "count", a, "Monte Carlo paths per method",
                 (), "paths per method"),
        ]  # fmt: skip
        if self.seed is not None:
            out.append(
                Fact(ids.sim("seed"), self.seed, "count", a, "seed of the run's Generator", (),
                     "seed")
            )  # fmt: skip
        lv_text = self._lv
        for lv in self.levels:
            if lv.by is not None and lv.by != self.horizon:
                out.append(
                    Fact(ids.level_date(S, lv.level), str(lv.by.date()), "date", a,
                         "the date the thesis gives this level", (), f"date for {lv_text(lv.level)}")
                )  # fmt: skip
            if lv.holds:
                out.append(
                    Fact(ids.already_reached(S, lv.level), True, "bool", a,
                         f"close {lv_text(self.start_level)} on {self.start_date.date()} already "
                         f"meets the thesis's condition on {lv_text(lv.level)} "
                         f"({', '.join(lv.events)}); whether it still does on its date is "
                         "simulated", lin,
                         f"{lv_text(lv.level)} already reached on {self.start_date.date()}")
                )  # fmt: skip
        for d in self.drawdowns:
            out.append(
                Fact(ids.drawdown_trigger(S, d.key), d.trigger, self.level_unit, a,
                     (f"record close {lv_text(self.high or 0)} × (1 − {d.pct:g} %)"
                      if d.basis == "high" else
                      f"close {lv_text(self.start_level)} × (1 − {d.pct:g} %)"), lin,
                     f"the close that would complete a fall of {d.pct:g} %", 2)
            )  # fmt: skip
            if d.reached:
                out.append(
                    Fact(ids.drawdown_reached(S, d.key), True, "bool", a,
                         f"the close on {self.start_date.date()} is already {d.pct:g} % or more "
                         "below the record close", lin, f"fall of {d.pct:g} % already reached")
                )  # fmt: skip
        t = self.table
        walk = RANDOM_WALK[self.space]
        for m, model in self.models.items():
            mlin = (model.source_,)
            how = (
                f"{METHOD_NAMES[m]} Monte Carlo, {self.n_paths:,} paths, {self.horizon_sessions} "
                f"sessions, {model.drift_text_} "
                + (
                    f"(mean log return of the window {model.window_start_.date()}.."
                    f"{model.window_end_.date()})"
                    if self.space == "log" and getattr(model, "drift_ann_pct", None) is None
                    else "(stated)"
                    if getattr(model, "drift_ann_pct", None) is not None
                    else f"(window {model.window_start_.date()}..{model.window_end_.date()})"
                )
            )
            for r in cast("Iterator[_LevelRow]", t[t["method"] == m].itertuples()):
                lv = next(x for x in self.levels if x.level == r.level)
                touch = ("at or above " if r.direction == "up" else "at or below ") + lv_text(
                    r.level
                )
                when = str((lv.by or self.horizon).date())
                items: list[tuple[Event, float, str]] = []
                if not lv.reached:
                    items += [
                        ("touch", r.p_touch, f"probability of a close {touch} by {when}"),
                    ]
                items += [
                    ("close_above", r.p_close_above,
                     f"probability of closing at or above {lv_text(r.level)} on {when}"),
                    ("close_below", r.p_close_below,
                     f"probability of closing at or below {lv_text(r.level)} on {when}"),
                ]  # fmt: skip
                for event, val, label in items:
                    se = getattr(r, f"p_{event}_se")
                    out.append(
                        Fact(ids.p_event(S, event, r.level, m), float(val), "probability", a, how,
                             mlin, label, 3)
                    )  # fmt: skip
                    out.append(
                        Fact(ids.p_event_se(S, event, r.level, m), float(se), "probability", a,
                             "Monte Carlo standard error", mlin, f"standard error of: {label}", 3)
                    )  # fmt: skip
                if m == walk:
                    closed = f"{METHOD_NAMES[m]} closed form (reflection principle)"
                    forms: list[tuple[Event, float, str, bool]] = []
                    if not lv.reached:
                        forms.append(("touch", r.p_touch_closed,
                                      ", Broadie–Glasserman–Kou correction for daily closes",
                                      False))  # fmt: skip
                        forms.append(("touch", r.p_touch_closed_zero_drift,
                                      ", Broadie–Glasserman–Kou correction for daily closes",
                                      True))  # fmt: skip
                    law = " (lognormal terminal law)" if self.space == "log" else " (normal law)"
                    forms += [
                        ("close_above", r.p_close_above_closed, law, False),
                        ("close_below", r.p_close_below_closed, law, False),
                        ("close_above", r.p_close_above_closed_zero_drift, law, True),
                        ("close_below", r.p_close_below_closed_zero_drift, law, True),
                    ]
                    for event, val, extra, zero in forms:
                        if zero and model.mu_ == 0:
                            continue  # the drift is zero already
                        text = closed + (
                            " with the drift set to 0 (same volatility)" if zero else ""
                        )
                        out.append(
                            Fact(ids.p_closed_form(S, event, r.level, zero_drift=zero, method=m),
                                 float(val), "probability", a, text + extra, mlin,
                                 ("zero-drift " if zero else "closed-form ")
                                 + f"probability of {event.replace('_', ' ')} {lv_text(r.level)}",
                                 3)
                        )  # fmt: skip
            dt_ = self.drawdown_table
            if len(dt_):
                for dr in cast("Iterator[_DrawdownRow]", dt_[dt_["method"] == m].itertuples()):
                    d = next(x for x in self.drawdowns if x.key == dr.key)
                    what = "the running high" if d.basis == "high" else "the current level"
                    label = f"probability of a close {d.pct:g} % below {what} by " + str(
                        (d.by or self.horizon).date()
                    )
                    out.append(
                        Fact(ids.p_event(S, "drawdown", dr.key, m), float(dr.p), "probability", a,
                             how, mlin, label, 3)
                    )  # fmt: skip
                    out.append(
                        Fact(ids.p_event_se(S, "drawdown", dr.key, m), float(dr.p_se),
                             "probability", a, "Monte Carlo standard error", mlin,
                             f"standard error of: {label}", 3)
                    )  # fmt: skip
            for name, q in zip(QUANTILE_NAMES, self.horizon_quantiles[m], strict=True):
                out.append(
                    Fact(ids.quantile(S, int(name[1:]), m), float(q), self.level_unit, a, how,
                         mlin, f"{name[1:]}th percentile of the close on {self.horizon.date()}",
                         2 if self.space == "diff" else 0)
                )  # fmt: skip
            out.extend(model.param_facts(S, a))
        return out


# --------------------------------------------------------------------------- the analysis
def _level_outcomes(
    queries: Sequence[LevelQuery], close: float, horizon: pd.Timestamp, positive: bool
) -> tuple[LevelOutcome, ...]:
    merged: dict[float, dict[str, Any]] = {}
    for q in queries:
        v = float(q.level)
        if not math.isfinite(v) or (positive and v <= 0):
            raise AnalysisError(
                f"level {float(q.level):g} is not a "
                + ("positive " if positive else "")
                + "number",
                where=f"{q.role}s",
                fix="give levels in the series' unit (e.g. 6900 points, or 4.5 for a 4.5 % yield)",
            )
        by = horizon if q.by is None else as_timestamp(q.by, "by")
        if by > horizon:
            raise AnalysisError(
                f"level {v:g} is due {by.date()}, after the horizon {horizon.date()}",
                where=f"{q.role}s",
                fix="move the date on or before the horizon, or extend the horizon",
            )
        slot = merged.setdefault(v, {"roles": [], "events": [], "by": by})
        if q.role not in slot["roles"]:
            slot["roles"].append(q.role)
        slot["by"] = min(slot["by"], by)
        ev = q.event
        if ev == "close":
            ev = "close_above" if v >= close else "close_below"
        if ev not in ("touch", "close_above", "close_below"):
            raise AnalysisError(
                f"unknown event {q.event!r} for level {v:g}",
                where=f"{q.role}s",
                fix="use touch, close_above or close_below",
            )
        if ev not in slot["events"]:
            slot["events"].append(ev)
    out = []
    for v, slot in merged.items():
        direction = "up" if v > close else "down" if v < close else "at"
        events = tuple(slot["events"])
        holds = any(
            (e == "touch" and direction == "at")
            or (e == "close_above" and v <= close)
            or (e == "close_below" and v >= close)
            for e in events
        )
        out.append(
            LevelOutcome(
                v, tuple(slot["roles"]), direction, direction == "at", events, holds, slot["by"]
            )
        )
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
    as_of: DateLike,
    horizon: DateLike,
    thresholds: Sequence[float] = (),
    targets: Sequence[float] = (),
    levels: Sequence[LevelQuery] = (),
    drawdowns: Sequence[DrawdownQuery] = (),
    methods: Sequence[str] | None = None,
    n_paths: int = 100_000,
    rng: np.random.Generator,
    models: Mapping[str, PathModel] | None = None,
    fan_paths: int = 5_000,
    space: str = "log",
    level_unit: str | None = None,
    on_method_error: Literal["raise", "drop"] = "raise",
) -> TargetProbabilities:
    """Probabilities of touching and of closing beyond each level, and of each drawdown, per method.

    Parameters
    ----------
    prices
        Daily closes indexed by date, lineage in ``.attrs["source"]``; only closes dated on or
        before ``as_of`` are used. No NaNs; all > 0 for ``space="log"``.
    subject
        Series id used in fact ids (``sp500``).
    as_of
        Analysis date; paths start from the last close on or before it.
    horizon
        Date; paths run over the XNYS sessions after the start close up to ``horizon``.
    thresholds
        Levels to touch (``LevelQuery(level, "touch", "threshold")``).
    targets
        Levels to close beyond on the horizon, in the direction they lie from today
        (``LevelQuery(level, "close", "target")``).
    levels
        Levels with an explicit event and date (:class:`LevelQuery`).
    drawdowns
        Falls of X % from the current level or the running high (:class:`DrawdownQuery`);
        ``space="log"`` only.
    methods
        Any of :data:`SPACE_METHODS` for the space; ``None``: all of them.
    n_paths
        Paths per method. Memory is ``O(n_paths)``: three float64 per path (24 MB at 1,000,000),
        plus 32 MB in chunks when a drawdown from the high is asked.
    rng
        The run's Generator; one integer is drawn from it and keys every method's streams.
    models
        Unfitted models to use instead of the defaults (``{"gbm": GBMModel(window_sessions=252)}``).
    fan_paths
        Paths (the first ones of the run) whose every session is kept for the fan quantiles; 5,000
        put a 5 % quantile within about half a percent of its value, finer than a chart can
        show, at a quarter of the cost of 20,000 (bench/bench_run.py).
    space
        ``log`` (prices, index levels: log returns) or ``diff`` (yields: changes).
    level_unit
        Fact unit of levels and quantiles (default ``points`` for log, ``pct`` for diff).
    on_method_error
        ``raise``: a method that cannot be fitted raises. ``drop``: it is left out, with the reason
        in :attr:`TargetProbabilities.failed`; the analysis fails only when every method did.

    Returns
    -------
    TargetProbabilities
    """
    from thesis.data.calendars import sessions_between

    space = _check_space(space)
    level_unit = level_unit or ("points" if space == "log" else "pct")
    if n_paths < 2:
        raise AnalysisError(
            f"n_paths={n_paths} is too few", where="n_paths", fix="use at least 1,000 paths"
        )
    methods = tuple(SPACE_METHODS[space] if methods is None else methods)
    if not methods:
        raise AnalysisError(
            "no methods chosen", where="methods", fix=f"use some of {list(SPACE_METHODS[space])}"
        )
    if drawdowns and space != "log":
        raise AnalysisError(
            "a drawdown in percent is asked of a yield or spread",
            where="drawdowns",
            fix="state a level instead (e.g. a close at or below 3.5)",
        )
    fitted: dict[str, Any] = {}
    for m in methods:
        given = (models or {}).get(m)
        fitted[m] = given if given is not None else make_model(m, space)
        if getattr(fitted[m], "space", "log") != space:
            raise AnalysisError(
                f"the {m} model works in the {fitted[m].space} space, the series in {space}",
                where="models",
                fix=f"build it with space={space!r}",
            )
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
    if on_method_error == "drop":
        need = min(getattr(fitted[m], "min_sessions", 2) for m in methods)
    s = _closes(
        prices, as_of_ts, name=name, need=need, method=f"method {neediest!r}",
        positive=space == "log",
    )  # fmt: skip
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
    queries = [
        *(LevelQuery(float(x), "touch", "threshold") for x in thresholds),
        *(LevelQuery(float(x), "close", "target") for x in targets),
        *levels,
    ]
    outcomes = _level_outcomes(queries, close, horizon_ts, positive=space == "log")

    def steps_to(by: pd.Timestamp) -> int:
        k = int(np.searchsorted(sessions.to_numpy(), np.datetime64(by), side="right"))
        if k == 0:
            raise AnalysisError(
                f"no XNYS session between {start_date.date()} and {by.date()}",
                where="levels",
                fix="give a date at least one trading day after as_of",
            )
        return k

    outcomes = tuple(
        LevelOutcome(o.level, o.roles, o.direction, o.reached, o.events, o.holds, o.by,
                     steps_to(o.by or horizon_ts))
        for o in outcomes
    )  # fmt: skip
    high = float(s.max())
    dd_out: list[DrawdownOutcome] = []
    for d in drawdowns:
        pct = float(d.pct)
        if not (math.isfinite(pct) and 0 < pct < 100):
            raise AnalysisError(
                f"drawdown {d.pct!r} % is not between 0 and 100",
                where="drawdowns",
                fix="give the fall in percent, e.g. 10 for a 10 % drawdown",
            )
        if d.basis not in ("now", "high"):
            raise AnalysisError(
                f"unknown drawdown basis {d.basis!r}",
                where="drawdowns",
                fix="use 'now' (from the current level) or 'high' (from the running high)",
            )
        ref = high if d.basis == "high" else close
        by = horizon_ts if d.by is None else as_timestamp(d.by, "by")
        dd_out.append(
            DrawdownOutcome(pct, d.basis, d.key, ref * (1 - pct / 100),
                            close <= ref * (1 - pct / 100), by, steps_to(by))
        )  # fmt: skip

    failed: dict[str, str] = {}
    for m in methods:
        try:
            fitted[m].fit(s, as_of_ts)
        except METHOD_ERRORS as e:
            if on_method_error == "raise":
                raise
            failed[m] = e.what if isinstance(e, ThesisError) else f"{type(e).__name__}: {e}"
    run = [m for m in methods if m not in failed]
    if not run:
        raise AnalysisError(
            "no method could be fitted: " + "; ".join(f"{m}: {w}" for m, w in failed.items()),
            where=name,
            fix="import longer history or choose other methods",
        )

    def barrier(level: float) -> float:
        return math.log(level / close) if space == "log" else level - close

    def to_level(x: np.ndarray) -> np.ndarray:
        return close * np.exp(x) if space == "log" else close + x

    base = int(rng.integers(0, 2**63 - 1))
    b = np.array([barrier(lv.level) for lv in outcomes])
    # every distinct date a level or drawdown is due on gets its own pass over the same paths
    # (a path's first k sessions do not depend on its length), the horizon always
    ends = sorted({n_steps, *(o.n_steps for o in outcomes), *(d.n_steps for d in dd_out)})
    rows = []
    dd_rows: list[tuple[str, str, int, int]] = []  # method, drawdown key, hits, paths
    quants: dict[str, np.ndarray] = {}
    fans: dict[str, pd.DataFrame] = {}
    for m in run:
        model = fitted[m]
        key = method_key(base, m)
        touch = np.zeros(len(outcomes))
        above = np.zeros(len(outcomes))
        below = np.zeros(len(outcomes))
        terminal = np.empty(n_paths)
        for end in ends:
            mine = [i for i, o in enumerate(outcomes) if o.n_steps == end]
            if not mine and end != n_steps and not any(d.n_steps == end for d in dd_out):
                continue
            for off in range(0, n_paths, CHUNK_PATHS):
                k = min(CHUNK_PATHS, n_paths - off)
                mx, mn, rec = model.simulate(end, k, key, [end], off)
                xT = rec[:, 0]
                if end == n_steps:
                    terminal[off : off + k] = xT
                for i in mine:
                    lv = outcomes[i]
                    hit = mx >= b[i] if lv.direction == "up" else mn <= b[i]
                    touch[i] += np.count_nonzero(hit)
                    above[i] += np.count_nonzero(xT >= b[i])
                    below[i] += np.count_nonzero(xT <= b[i])
                for do in dd_out:
                    if do.n_steps != end or do.basis != "now" or do.reached:
                        continue
                    thr = math.log1p(-do.pct / 100)
                    dd_rows.append((m, do.key, int(np.count_nonzero(mn <= thr)), k))
            for do in dd_out:
                if do.n_steps != end or do.basis != "high" or do.reached:
                    continue
                thr = -math.log1p(-do.pct / 100)
                dd = max_drawdowns(model, end, n_paths, key, peak0=math.log(high / close))
                dd_rows.append((m, do.key, int(np.count_nonzero(dd >= thr)), n_paths))
        p_t, p_a, p_b = touch / n_paths, above / n_paths, below / n_paths
        se = lambda p: np.sqrt(p * (1 - p) / n_paths)  # noqa: E731
        for i, lv in enumerate(outcomes):
            row = {
                "method": m,
                "level": lv.level,
                "role": "+".join(lv.roles),
                "direction": lv.direction,
                "events": "+".join(lv.events),
                "sessions": lv.n_steps,
                "p_touch": 1.0 if lv.reached else p_t[i],
                "p_touch_se": 0.0 if lv.reached else se(p_t[i]),
                "p_close_above": p_a[i],
                "p_close_above_se": se(p_a[i]),
                "p_close_below": p_b[i],
                "p_close_below_se": se(p_b[i]),
            }
            for c in ("p_touch_closed", "p_close_above_closed", "p_close_below_closed"):
                row[c] = row[c + "_zero_drift"] = np.nan
            if m == RANDOM_WALK[space]:
                mu, sig, n = model.mu_, model.sigma_, lv.n_steps
                for suffix, drift in (("", mu), ("_zero_drift", 0.0)):
                    row["p_touch_closed" + suffix] = float(
                        gbm_touch_probability(b[i], drift, sig, n)
                    )
                    row["p_close_above_closed" + suffix] = float(
                        gbm_close_probability(b[i], drift, sig, n)
                    )
                    row["p_close_below_closed" + suffix] = float(
                        gbm_close_probability(b[i], drift, sig, n, above=False)
                    )
            rows.append(row)
        quants[m] = to_level(np.quantile(terminal, QUANTILES))
        del terminal
        nf = min(fan_paths, n_paths)
        paths = model.simulate_paths(n_steps, nf, key)
        fans[m] = pd.DataFrame(
            to_level(np.quantile(paths, QUANTILES, axis=0).T),
            index=sessions,
            columns=list(QUANTILE_NAMES),
        )
        del paths
    table = pd.DataFrame(
        rows,
        columns=[
            "method", "level", "role", "direction", "events", "sessions", "p_touch", "p_touch_se",
            "p_close_above", "p_close_above_se", "p_close_below", "p_close_below_se",
            "p_touch_closed", "p_close_above_closed", "p_close_below_closed",
            "p_touch_closed_zero_drift", "p_close_above_closed_zero_drift",
            "p_close_below_closed_zero_drift",
        ],
    )  # fmt: skip
    agg: dict[tuple[str, str], list[int]] = {}
    for m, dkey, hits, n in dd_rows:
        tot = agg.setdefault((m, dkey), [0, 0])
        tot[0] += hits
        tot[1] += n
    dd_table = pd.DataFrame(
        [
            {"method": m, "key": k, "p": h / n, "p_se": math.sqrt((h / n) * (1 - h / n) / n)}
            for (m, k), (h, n) in agg.items()
        ],
        columns=["method", "key", "p", "p_se"],
    )
    fmt_lv = (lambda x: f"{x:,.2f}") if space == "diff" else (lambda x: f"{x:,.6g}")
    notes: tuple[str, ...] = tuple(
        f"{fmt_lv(lv.level)} equals the {start_date.date()} close: touching it is certain, so only "
        "the chance of closing beyond it on its date is given"
        for lv in outcomes
        if lv.reached
    )
    notes += tuple(
        f"A fall of {d.pct:g} % from the record close has already happened: the close of "
        f"{fmt_lv(close)} is below {fmt_lv(d.trigger)}."
        for d in dd_out
        if d.reached
    )
    if space == "log":
        drifts = ", ".join(f"{m} {fitted[m].drift_ann_pct_:.1f}" for m in run)
        notes += (
            "Every method's drift is the historical mean daily log return of its estimation "
            f"window (%/yr: {drifts}), not a forecast: a window of strong gains raises every "
            "upside probability. The closed form with zero drift is given beside it for "
            "comparison.",
        )
    else:
        notes += (
            "Changes of the series are simulated in percentage points with no trend unless the "
            "thesis states one; a random walk in rates has no pull back to a long-run level, so "
            "over long horizons its range is wide.",
        )
    if min(fan_paths, n_paths) < n_paths:
        notes += (
            "The fan chart's quantile paths use a subsample of each method's paths (the first "
            "ones simulated); the probabilities and horizon quantiles use all of them.",
        )
    for m, why in failed.items():
        notes += (f"The {METHOD_NAMES.get(m, m)} method was left out: {why}",)
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
        levels=outcomes,
        table=table,
        horizon_quantiles=quants,
        fans=fans,
        models={m: fitted[m] for m in run},
        lineage=lineage,
        notes=notes,
        space=space,
        level_unit=level_unit,
        drawdowns=tuple(dd_out),
        drawdown_table=dd_table,
        failed=failed,
        high=high,
    )
