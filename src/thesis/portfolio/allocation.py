"""Target weights on rebalance dates: within sleeves, then across sleeves, look-ahead free.

Rules
-----
Rebalance dates
    The first session of the backtest and the first session of each month (``monthly``) or of
    January, April, July and October (``quarterly``).
Estimation
    Weights for a rebalance on session ``t`` use daily returns up to and including ``t − 1`` only:
    the last ``sessions`` returns (``rolling``) or all of them (``expanding``; at least ``sessions``).
Screen sleeves
    A sleeve with a ``screen`` holds, from each rebalance date, the members the screen chose on
    data up to the previous session (``members``: sleeve → date → tickers; the caller runs the
    screens). Its weights are set over those members as for any sleeve.
Exits
    An instrument whose data end before the backtest does (``ends``) is sold on the first session
    after its last close, at that close (the engine carries the last price for the day, so no
    later price is assumed), and its weight goes to the rest of its sleeve; it is never held on
    at a flat price. That session is a rebalance date.
Entry of late starters
    An instrument enters at the first rebalance date on which it has a price and, when its sleeve
    or the across-sleeve method is estimated, ``estimation.sessions`` daily returns before that date.
    Until then its sleeve is weighted over the instruments that have entered; a sleeve with none has
    its budget spread pro rata over the other sleeves (all empty: cash).
Methods
    ``equal``; ``fixed`` (the sleeve's weights, renormalised over entered instruments);
    ``inverse_vol`` (1/σ); ``erc`` (equal risk contribution, skfolio ``RiskBudgeting``); ``hrp``
    (skfolio ``HierarchicalRiskParity``); ``min_variance`` and ``max_sharpe`` (skfolio ``MeanRisk``).
    When an optimiser fails or reports an inaccurate solution, the weights fall back to inverse
    volatility (clipped to the bounds) and a note says so. ``max_sharpe`` with every mean return at or
    below zero has no tangency portfolio: it falls back to ``min_variance`` and the note explains.
"""

from __future__ import annotations

import warnings
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, cast

import numpy as np
import pandas as pd

from thesis.errors import PortfolioError
from thesis.portfolio.spec import ESTIMATED_METHODS, Bounds, PortfolioSpec

__all__ = [
    "FALLBACK_METHOD",
    "Schedule",
    "build_schedule",
    "clip_to_bounds",
    "rebalance_dates",
    "schedule_dates",
    "weigh",
]

FALLBACK_METHOD = "inverse_vol"


@dataclass(frozen=True)
class Schedule:
    """Targets per rebalance date.

    Attributes
    ----------
    targets
        Rebalance dates × instruments, fractions of the portfolio (rows sum to 1, or 0 when nothing
        has entered yet).
    sleeve_weights
        Rebalance dates × sleeves, fractions of the portfolio.
    notes
        Decisions the rules forced (entries, fallbacks), one line each.
    """

    targets: pd.DataFrame
    sleeve_weights: pd.DataFrame
    notes: tuple[str, ...]


def rebalance_dates(sessions: pd.DatetimeIndex, frequency: str = "monthly") -> pd.DatetimeIndex:
    """The first session, and the first session of each month or quarter, in ``sessions``."""
    if len(sessions) == 0:
        return sessions
    per = sessions.to_period("M" if frequency == "monthly" else "Q")
    new = np.ones(len(sessions), bool)
    new[1:] = per[1:] != per[:-1]
    return sessions[new]


def schedule_dates(
    sessions: pd.DatetimeIndex,
    frequency: str = "monthly",
    ends: dict[str, pd.Timestamp] | None = None,
) -> tuple[pd.DatetimeIndex, dict[str, pd.Timestamp]]:
    """Rebalance dates plus the exit date of each instrument in ``ends`` that falls inside.

    Returns ``(dates, exits)``: the sorted dates and instrument → its exit date (the first session
    after its last close).
    """
    dates = rebalance_dates(sessions, frequency)
    exits: dict[str, pd.Timestamp] = {}
    for inst, end in (ends or {}).items():
        after = sessions[sessions > end]
        if len(after):
            exits[inst] = after[0]
    if exits:
        dates = dates.union(pd.DatetimeIndex(sorted(set(exits.values()))))
    return dates, exits


def _members_at(by_date: dict[pd.Timestamp, list[str]], d: pd.Timestamp) -> list[str]:
    """The members chosen on the last screening date on or before ``d``."""
    keys = [k for k in by_date if k <= d]
    return by_date[max(keys)] if keys else []


def clip_to_bounds(w: np.ndarray, lo: float, hi: float) -> np.ndarray:
    """Project positive weights summing to 1 onto ``lo ≤ w_i ≤ hi`` keeping proportions of the free ones."""
    w = np.asarray(w, float) / np.sum(w)
    n = len(w)
    hi = max(hi, 1.0 / n)  # feasible by construction (the spec checks it for the full sleeve)
    lo = min(lo, 1.0 / n)
    fixed = np.zeros(n, bool)
    out = w.copy()
    for _ in range(n + 1):
        free = ~fixed
        room = 1.0 - out[fixed].sum()
        s = w[free].sum()
        out[free] = w[free] / s * room if s > 0 else room / max(free.sum(), 1)
        over, under = free & (out > hi + 1e-15), free & (out < lo - 1e-15)
        if not over.any() and not under.any():
            break
        out[over], out[under] = hi, lo
        fixed |= over | under
    return out


def _inverse_vol(x: np.ndarray) -> np.ndarray:
    sd = np.std(x, axis=0, ddof=1)
    sd = np.where(sd > 0, sd, np.nanmin(sd[sd > 0]) if (sd > 0).any() else 1.0)
    return (1.0 / sd) / np.sum(1.0 / sd)


def weigh(
    returns: pd.DataFrame,
    method: str,
    bounds: Bounds | None = None,
    *,
    fixed: dict[str, float] | None = None,
    solver_params: dict[str, Any] | None = None,
) -> tuple[np.ndarray, str | None]:
    """Weights (summing to 1) for the columns of ``returns`` by ``method``, and a note on fallbacks.

    Parameters
    ----------
    returns
        Sessions × instruments of daily simple returns, no NaN (the estimation window).
    method
        One of ``equal``, ``fixed``, ``inverse_vol``, ``erc``, ``hrp``, ``min_variance``, ``max_sharpe``.
    bounds
        Per-instrument bounds (fractions); ``None`` is 0 to 1.
    fixed
        For ``fixed``: instrument → weight (renormalised over the columns present).
    solver_params
        Passed to skfolio's convex optimisers (e.g. ``{"max_iter": 50}``).

    Returns
    -------
    (weights, note): weights shape (N,); note is None or one sentence on what was done instead.
    """
    n = returns.shape[1]
    b = bounds or Bounds()
    if n == 1:
        return np.ones(1), None
    if method == "equal":
        return clip_to_bounds(np.full(n, 1.0 / n), b.min_weight, b.max_weight), None
    if method == "fixed":
        w = np.array([(fixed or {}).get(c, 0.0) for c in returns.columns], float)
        if w.sum() <= 0:
            return np.full(
                n, 1.0 / n
            ), "fixed weights of the entered instruments are all zero; used equal weights"
        return w / w.sum(), None
    x = returns.to_numpy(float)
    if method == "inverse_vol":
        return clip_to_bounds(_inverse_vol(x), b.min_weight, b.max_weight), None
    note = None
    if method == "max_sharpe" and np.all(x.mean(axis=0) <= 0.0):
        note = (
            "max_sharpe: every instrument's mean return in the window is ≤ 0 (risk-free 0), so no "
            "portfolio has a positive Sharpe ratio and the maximum-ratio problem has no solution; "
            "used min_variance instead"
        )
        method = "min_variance"
    try:
        w = _skfolio(returns, method, b, solver_params)
    except Exception as e:  # skfolio raises OptimizationError, ValueError or cvxpy errors
        why = str(e).splitlines()[0][:160]
        fb = clip_to_bounds(_inverse_vol(x), b.min_weight, b.max_weight)
        return fb, f"{method} failed ({type(e).__name__}: {why}); fell back to {FALLBACK_METHOD}"
    return w, note


def _skfolio(
    returns: pd.DataFrame, method: str, b: Bounds, solver_params: dict[str, Any] | None
) -> np.ndarray:
    from skfolio import RiskMeasure
    from skfolio.optimization import (
        HierarchicalRiskParity,
        MeanRisk,
        ObjectiveFunction,
        RiskBudgeting,
    )

    kw: dict[str, Any] = {"min_weights": b.min_weight, "max_weights": b.max_weight}
    if solver_params is not None:
        kw["solver_params"] = solver_params
    if method == "erc":
        model: Any = RiskBudgeting(risk_measure=RiskMeasure.VARIANCE, **kw)
    elif method == "hrp":
        model = HierarchicalRiskParity(
            risk_measure=RiskMeasure.VARIANCE, min_weights=b.min_weight, max_weights=b.max_weight
        )
    elif method == "min_variance":
        model = MeanRisk(objective_function=ObjectiveFunction.MINIMIZE_RISK, **kw)
    elif method == "max_sharpe":
        model = MeanRisk(objective_function=ObjectiveFunction.MAXIMIZE_RATIO, **kw)
    else:
        raise PortfolioError(
            f"unknown method {method!r}",
            where="portfolio method",
            fix="use equal, fixed, inverse_vol, erc, hrp, min_variance or max_sharpe",
        )
    with warnings.catch_warnings():
        # skfolio warns "Solution may be inaccurate" when the solver stops early: treat as failure
        warnings.simplefilter("error", UserWarning)
        model.fit(returns)
    w = np.asarray(model.weights_, float)
    if not np.all(np.isfinite(w)) or abs(w.sum() - 1.0) > 1e-4:
        raise ValueError(f"optimiser returned weights summing to {w.sum():.6g}")
    w = np.clip(w, 0.0, None)
    return w / w.sum()


def build_schedule(
    prices: pd.DataFrame,
    spec: PortfolioSpec,
    sessions: pd.DatetimeIndex,
    *,
    solver_params: dict[str, Any] | None = None,
    members: dict[str, dict[pd.Timestamp, list[str]]] | None = None,
    ends: dict[str, pd.Timestamp] | None = None,
) -> Schedule:
    """Target weights for every rebalance date in ``sessions``.

    Parameters
    ----------
    prices
        Full price history (dates × instruments, NaN before each starts), including the sessions
        before the backtest used for estimation. Nothing after a rebalance date's previous session
        is used for that date's weights.
    spec
        The portfolio definition.
    sessions
        The backtest's sessions (a subset of ``prices.index``).
    members
        Screen sleeve → screening date → the tickers it holds from then (columns of ``prices``).
    ends
        Instrument → its last close, for instruments whose data end before the backtest's last
        session (each is sold on the next session; see "Exits").
    """
    need_est = spec.needs_estimation
    win = spec.estimation.sessions
    filled = prices.ffill()
    rets = filled.pct_change(fill_method=None)
    # a gap carried forward shows as a zero return; before the first price it stays NaN
    pos_of = prices.index.get_indexer(sessions)
    dates, exits = schedule_dates(sessions, spec.rebalance.frequency, ends)
    has_price = prices.notna().cumsum().gt(0).to_numpy()
    nret = rets.notna().cumsum().to_numpy()
    cols = list(prices.columns)
    col_ix = {c: i for i, c in enumerate(cols)}
    tgt = np.zeros((len(dates), len(cols)))
    sleeves = list(spec.sleeves)
    sw = np.zeros((len(dates), len(sleeves)))
    entered: dict[str, pd.Timestamp] = {}
    events: dict[str, list[pd.Timestamp]] = defaultdict(list)
    reasons: dict[str, str] = {}
    empty_at: dict[str, list[pd.Timestamp]] = defaultdict(list)
    first_pos = int(pos_of[0])
    for k, d in enumerate(dates):
        # an int: the index is unique (get_indexer above refuses one that is not)
        p = int(cast(int, prices.index.get_loc(d)))
        lo = max(0, p - win) if spec.estimation.window == "rolling" else 0
        window = rets.iloc[lo:p]
        avail: dict[str, list[str]] = {}
        for sname, s in spec.sleeves.items():
            est = need_est
            ok = []
            insts = (
                s.instruments
                if s.screen is None
                else _members_at((members or {}).get(sname, {}), d)
            )
            for inst in insts:
                i = col_ix[inst]
                if not has_price[p, i]:
                    continue
                if inst in exits and d >= exits[inst]:
                    continue
                if est and (p < 1 or nret[p - 1, i] - (nret[lo - 1, i] if lo > 0 else 0) < win):
                    continue
                ok.append(inst)
                entered.setdefault(inst, d)
            avail[sname] = ok
        sleeve_rets: dict[str, pd.Series] = {}
        within: dict[str, np.ndarray] = {}
        for sname, ok in avail.items():
            if not ok:
                empty_at[sname].append(d)
                continue
            s = spec.sleeves[sname]
            x = window[ok].dropna()
            if s.method in ESTIMATED_METHODS and len(x) < 2:
                raise PortfolioError(
                    f"sleeve {sname!r}: no common window of returns for {ok} before {d.date()}",
                    where=f"portfolio.sleeves.{sname}",
                    fix="use instruments with overlapping history or a shorter estimation.sessions",
                )
            w, note = weigh(
                x, s.method, s.bounds or spec.bounds, fixed=s.weights, solver_params=solver_params
            )
            if note:
                key = f"sleeve {sname!r}: {note.split(';')[0].split(' (')[0]}"
                events[key].append(d)
                reasons[key] = note
            within[sname] = w
            sleeve_rets[sname] = pd.Series(x.to_numpy() @ w, index=x.index)
        live = [n for n in sleeves if n in within]
        if not live:
            continue
        if spec.across == "fixed":
            bud = np.array([spec.sleeves[n].budget or 0.0 for n in live])
            aw = bud / bud.sum() if bud.sum() > 0 else np.full(len(live), 1.0 / len(live))
        else:
            sx = pd.concat(sleeve_rets, axis=1)[live].dropna()
            aw, note = weigh(sx, spec.across, None, solver_params=solver_params)
            if note:
                key = f"across sleeves: {note.split(';')[0].split(' (')[0]}"
                events[key].append(d)
                reasons[key] = note
        for j, n in enumerate(live):
            sw[k, sleeves.index(n)] = aw[j]
            for inst, wi in zip(avail[n], within[n], strict=True):
                tgt[k, col_ix[inst]] = aw[j] * wi
    notes: list[str] = []
    start = sessions[0]
    screened = {i for by in (members or {}).values() for ms in by.values() for i in ms}
    for inst, d in entered.items():
        if inst in screened:
            continue  # a screened stock enters when a screen first chooses it: not a decision here
        if d > start:
            rule = f"{win} sessions of returns" if need_est else "a price"
            notes.append(f"{inst} entered on {d.date()}, the first rebalance with {rule}")
    for inst, exit_day in exits.items():
        held = bool((tgt[dates < exit_day, col_ix[inst]] > 0).any())
        if not held:
            continue
        notes.append(
            f"{inst}: its data end {(ends or {})[inst].date()}, before the backtest does; sold "
            f"on {exit_day.date()} at its last close and its weight given to the rest of its sleeve "
            "(not carried at a flat price)"
        )
    for inst in spec.instruments:
        if inst not in entered:
            notes.append(
                f"{inst} never entered: it lacks {'enough history' if need_est else 'prices'} in the window"
            )
    for sname, ds in empty_at.items():
        notes.append(
            f"sleeve {sname!r} had no entered instrument on {len(ds)} rebalance date(s) "
            f"({ds[0].date()}..{ds[-1].date()}); its budget went pro rata to the other sleeves"
        )
    for key, ds in events.items():
        notes.append(
            f"{reasons[key]} — on {len(ds)} of {len(dates)} rebalance dates (first {ds[0].date()})"
        )
    if first_pos < 0:
        raise PortfolioError("backtest sessions are not in the price index", where="portfolio")
    return Schedule(
        targets=pd.DataFrame(tgt, index=dates, columns=cols),
        sleeve_weights=pd.DataFrame(sw, index=dates, columns=sleeves),
        notes=tuple(notes),
    )
