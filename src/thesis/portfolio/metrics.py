"""Performance metrics on daily simple returns.

Conventions follow empyrical (and are tested against it): 252 sessions a year; CAGR is
``(Π(1 + r))^(252 / n) − 1``; volatility is the sample standard deviation (ddof = 1) × √252; Sharpe is
mean over sample standard deviation of excess returns × √252 (risk-free rate 0 unless given, as a
daily rate); Sortino uses the downside deviation ``√mean(min(r − target, 0)²)``; maximum drawdown is
measured on the equity curve including its starting value; Calmar is CAGR / |max drawdown|; beta is
``cov(r, b) / var(b)`` (population moments); tracking error is the sample standard deviation of
``r − b`` × √252; hit rate is the share of sessions with a positive return; the worst month compounds
daily returns within calendar months.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, cast

import numpy as np
import pandas as pd

from thesis.analysis._common import date_index
from thesis.facts import Fact, Source

__all__ = [
    "PERIODS_PER_YEAR",
    "Performance",
    "annual_volatility",
    "beta",
    "cagr",
    "calmar",
    "correlation",
    "drawdown",
    "hit_rate",
    "max_drawdown",
    "monthly_returns",
    "performance",
    "rolling_sharpe",
    "rolling_volatility",
    "sharpe",
    "sortino",
    "tracking_error",
    "worst_month",
]

PERIODS_PER_YEAR = 252


def _arr(r: Any) -> np.ndarray:
    a = np.asarray(r, dtype=float)
    return a[np.isfinite(a)]


def cagr(returns: Any) -> float:
    """Compound annual growth rate (decimal) of daily simple returns."""
    r = _arr(returns)
    if len(r) == 0:
        return float("nan")
    return float(np.prod(1.0 + r) ** (PERIODS_PER_YEAR / len(r)) - 1.0)


def annual_volatility(returns: Any) -> float:
    """Annualised volatility (decimal): sample standard deviation × √252."""
    r = _arr(returns)
    return float(np.std(r, ddof=1) * np.sqrt(PERIODS_PER_YEAR)) if len(r) > 1 else float("nan")


def sharpe(returns: Any, risk_free: float = 0.0) -> float:
    """Annualised Sharpe ratio; ``risk_free`` is a daily rate."""
    r = _arr(returns) - risk_free
    if len(r) < 2:
        return float("nan")
    sd = np.std(r, ddof=1)
    return float(np.mean(r) / sd * np.sqrt(PERIODS_PER_YEAR)) if sd > 0 else float("nan")


def sortino(returns: Any, required_return: float = 0.0) -> float:
    """Annualised Sortino ratio against a daily ``required_return``."""
    r = _arr(returns) - required_return
    if len(r) < 2:
        return float("nan")
    dd = np.sqrt(np.mean(np.minimum(r, 0.0) ** 2)) * np.sqrt(PERIODS_PER_YEAR)
    return float(np.mean(r) * PERIODS_PER_YEAR / dd) if dd > 0 else float("nan")


def drawdown(returns: pd.Series) -> pd.Series:
    """Drawdown from the running peak (decimal, ≤ 0) at each session, starting value included."""
    r = returns.fillna(0.0).to_numpy(dtype=float)
    eq = np.concatenate([[1.0], np.cumprod(1.0 + r)])
    dd = eq / np.maximum.accumulate(eq) - 1.0
    return pd.Series(dd[1:], index=returns.index, name="drawdown")


def max_drawdown(returns: pd.Series) -> tuple[float, pd.Timestamp | None, pd.Timestamp | None]:
    """Maximum drawdown (decimal, ≤ 0), the peak date and the trough date.

    The peak date is the last close at the running high before the trough. When that high is the
    starting value (the close before the first return, which is not in the index), the first
    session's date is reported: read it as "from the start of the series".
    """
    r = returns.fillna(0.0).to_numpy(dtype=float)
    if len(r) == 0:
        return float("nan"), None, None
    eq = np.concatenate([[1.0], np.cumprod(1.0 + r)])
    peak = np.maximum.accumulate(eq)
    dd = eq / peak - 1.0
    j = int(np.argmin(dd))
    if dd[j] >= 0:
        return 0.0, None, None
    i = int(np.flatnonzero(eq[: j + 1] == peak[j])[-1])
    idx = returns.index
    return float(dd[j]), (idx[i - 1] if i > 0 else idx[0]), idx[j - 1]


def calmar(returns: pd.Series) -> float:
    """CAGR / |maximum drawdown| (NaN without a drawdown)."""
    mdd = max_drawdown(returns)[0]
    return cagr(returns) / abs(mdd) if mdd < 0 else float("nan")


def _pair(returns: pd.Series, benchmark: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    df = pd.concat([returns, benchmark], axis=1, join="inner").dropna()
    return df.iloc[:, 0].to_numpy(float), df.iloc[:, 1].to_numpy(float)


def beta(returns: pd.Series, benchmark: pd.Series) -> float:
    """``cov(r, b) / var(b)`` on the common sessions."""
    r, b = _pair(returns, benchmark)
    bc = b - b.mean()
    var = np.mean(bc * bc)
    return float(np.mean(bc * r) / var) if var > 1e-30 else float("nan")


def correlation(returns: pd.Series, benchmark: pd.Series) -> float:
    """Pearson correlation of daily returns on the common sessions."""
    r, b = _pair(returns, benchmark)
    return float(np.corrcoef(r, b)[0, 1])


def tracking_error(returns: pd.Series, benchmark: pd.Series) -> float:
    """Annualised standard deviation (ddof = 1) of active returns ``r − b`` (decimal)."""
    r, b = _pair(returns, benchmark)
    return float(np.std(r - b, ddof=1) * np.sqrt(PERIODS_PER_YEAR))


def hit_rate(returns: Any) -> float:
    """Share of sessions with a positive return, in [0, 1]."""
    r = _arr(returns)
    return float(np.mean(r > 0)) if len(r) else float("nan")


def monthly_returns(returns: pd.Series) -> pd.Series:
    """Calendar-month compounded returns (decimal), indexed by month end."""
    idx = date_index(returns, "returns")
    g = (1.0 + returns.fillna(0.0)).groupby([idx.year, idx.month]).prod() - 1.0
    g.index = pd.DatetimeIndex(
        [pd.Timestamp(year=y, month=m, day=1) + pd.offsets.MonthEnd(0) for y, m in g.index]
    )
    return g


def worst_month(returns: pd.Series) -> tuple[float, pd.Timestamp | None]:
    """The worst calendar month's compounded return (decimal) and its month end."""
    m = monthly_returns(returns)
    if m.empty:
        return float("nan"), None
    return float(m.min()), cast(pd.Timestamp, m.idxmin())  # the index is month ends


def rolling_volatility(returns: pd.Series, window: int = 63) -> pd.Series:
    """Rolling annualised volatility (decimal) over ``window`` sessions."""
    return returns.rolling(window).std(ddof=1) * np.sqrt(PERIODS_PER_YEAR)


def rolling_sharpe(returns: pd.Series, window: int = 252) -> pd.Series:
    """Rolling annualised Sharpe ratio over ``window`` sessions (risk-free 0)."""
    roll = returns.rolling(window)
    return roll.mean() / roll.std(ddof=1) * np.sqrt(PERIODS_PER_YEAR)


@dataclass(frozen=True)
class Performance:
    """Summary statistics of one return series (decimals; dates as timestamps)."""

    cagr: float
    vol_ann: float
    sharpe: float
    sortino: float
    max_drawdown: float
    max_drawdown_start: pd.Timestamp | None
    max_drawdown_end: pd.Timestamp | None
    calmar: float
    hit_rate: float
    worst_month: float
    worst_month_date: pd.Timestamp | None
    turnover_ann: float
    costs: float
    beta: float = float("nan")
    correlation: float = float("nan")
    tracking_error: float = float("nan")
    start: pd.Timestamp | None = None
    end: pd.Timestamp | None = None
    sessions: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def to_markdown(self) -> str:
        rows = [
            ("CAGR", _pct(self.cagr)),
            ("Volatility (ann.)", _pct(self.vol_ann)),
            ("Sharpe", _num(self.sharpe)),
            ("Sortino", _num(self.sortino)),
            (
                "Max drawdown",
                f"{_pct(self.max_drawdown)} ({_d(self.max_drawdown_start)} to {_d(self.max_drawdown_end)})",
            ),
            ("Calmar", _num(self.calmar)),
            ("Hit rate (days up)", _pct(self.hit_rate)),
            ("Worst month", f"{_pct(self.worst_month)} ({_d(self.worst_month_date)[:7]})"),
            ("Turnover (one-way, ann.)", _pct(self.turnover_ann)),
            ("Costs (sum over the period)", _pct(self.costs)),
        ]
        if np.isfinite(self.beta):
            rows += [
                ("Beta", _num(self.beta)),
                ("Correlation", _num(self.correlation)),
                ("Tracking error", _pct(self.tracking_error)),
            ]
        return "\n".join(["| measure | value |", "|---|---|", *[f"| {a} | {b} |" for a, b in rows]])

    def facts(
        self, prefix: str, *, as_of: str, lineage: tuple[Source, ...] = (), costs_bp: float = 0.0
    ) -> list[Fact]:
        """Facts ``{prefix}.cagr_pct`` … (see docs/fact-ids.md, Portfolio)."""
        window = f"daily returns {_d(self.start)}..{_d(self.end)} ({self.sessions} sessions)"
        spec: list[tuple[str, Any, str, str, str]] = [
            (
                "cagr_pct",
                _p(self.cagr),
                "pct",
                "compound annual growth rate, 252 sessions a year",
                "CAGR",
            ),
            (
                "vol_ann_pct",
                _p(self.vol_ann),
                "pct",
                "sample std of daily returns × √252",
                "volatility",
            ),
            (
                "sharpe",
                self.sharpe,
                "ratio",
                "mean / std of daily returns × √252, risk-free 0",
                "Sharpe",
            ),
            ("sortino", self.sortino, "ratio", "mean × 252 / downside deviation × √252", "Sortino"),
            (
                "max_drawdown_pct",
                _p(self.max_drawdown),
                "pct",
                "largest fall from a running high",
                "max drawdown",
            ),
            (
                "max_drawdown_start",
                _d(self.max_drawdown_start),
                "date",
                "peak before the max drawdown",
                "drawdown peak",
            ),
            (
                "max_drawdown_end",
                _d(self.max_drawdown_end),
                "date",
                "trough of the max drawdown",
                "drawdown trough",
            ),
            ("calmar", self.calmar, "ratio", "CAGR / |max drawdown|", "Calmar"),
            (
                "hit_rate",
                self.hit_rate,
                "probability",
                "share of sessions with a positive return",
                "hit rate",
            ),
            (
                "worst_month_pct",
                _p(self.worst_month),
                "pct",
                "worst calendar month, compounded",
                "worst month",
            ),
            (
                "turnover_ann_pct",
                _p(self.turnover_ann),
                "pct",
                "one-way turnover per year, initial buy excluded",
                "turnover",
            ),
            (
                "costs_pct",
                _p(self.costs),
                "pct",
                f"sum of daily costs / value, {costs_bp:g} bp on traded value",
                "costs",
            ),
            (
                "beta",
                self.beta,
                "ratio",
                "cov(r, b) / var(b) of daily returns vs the S&P 500 benchmark",
                "beta",
            ),
            (
                "correlation",
                self.correlation,
                "ratio",
                "correlation of daily returns vs the S&P 500 benchmark",
                "correlation",
            ),
            (
                "tracking_error_pct",
                _p(self.tracking_error),
                "pct",
                "std of daily active returns × √252",
                "tracking error",
            ),
        ]
        out = []
        for key, value, unit, method, label in spec:
            if value is None or (isinstance(value, float) and not np.isfinite(value)):
                continue
            out.append(
                Fact(
                    id=f"{prefix}.{key}",
                    value=value,
                    unit=unit,
                    as_of=as_of,
                    method=f"{method}; {window}",
                    lineage=lineage,
                    label=f"{prefix} {label}",
                    decimals=2 if unit in ("pct", "ratio") else None,
                )
            )
        return out


def performance(
    returns: pd.Series,
    *,
    benchmark: pd.Series | None = None,
    turnover: pd.Series | None = None,
    costs: pd.Series | None = None,
    equity: pd.Series | None = None,
) -> Performance:
    """All metrics of one daily return series.

    ``turnover`` is one-way turnover per session (the first trade, the initial purchase, is left
    out of the annual figure); ``costs`` and ``equity`` (post-trade) give the cost drag as the sum of
    daily ``cost / (equity + cost)``.
    """
    r = returns.dropna()
    mdd, mdd_s, mdd_e = max_drawdown(r)
    wm, wm_d = worst_month(r)
    years = len(r) / PERIODS_PER_YEAR
    to = float("nan")
    if turnover is not None and years > 0:
        tv = turnover.to_numpy(float)
        nz = np.flatnonzero(tv > 0)
        to = float(tv[nz[1:]].sum() / years) if len(nz) else 0.0
    cost = float("nan")
    if costs is not None and equity is not None:
        pre = equity.to_numpy(float) + costs.to_numpy(float)
        cost = float(np.sum(costs.to_numpy(float) / pre))
    b_kw: dict[str, float] = {}
    if benchmark is not None:
        b_kw = {
            "beta": beta(r, benchmark),
            "correlation": correlation(r, benchmark),
            "tracking_error": tracking_error(r, benchmark),
        }
    return Performance(
        cagr=cagr(r),
        vol_ann=annual_volatility(r),
        sharpe=sharpe(r),
        sortino=sortino(r),
        max_drawdown=mdd,
        max_drawdown_start=mdd_s,
        max_drawdown_end=mdd_e,
        calmar=calmar(r),
        hit_rate=hit_rate(r),
        worst_month=wm,
        worst_month_date=wm_d,
        turnover_ann=to,
        costs=cost,
        start=r.index[0] if len(r) else None,
        end=r.index[-1] if len(r) else None,
        sessions=len(r),
        **b_kw,
    )


def _p(x: float) -> float:
    return float(x) * 100.0


def _pct(x: float) -> str:
    return f"{x * 100:.2f} %" if np.isfinite(x) else "n/a"


def _num(x: float) -> str:
    return f"{x:.2f}" if np.isfinite(x) else "n/a"


def _d(x: pd.Timestamp | None) -> str:
    return str(pd.Timestamp(x).date()) if x is not None else "n/a"
