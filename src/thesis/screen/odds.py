"""Per-stock odds: the chance that a stock gains X % or beats the index by the horizon.

The path engine (:mod:`thesis.analysis.paths`) simulates each stock's own daily log returns over
the XNYS sessions from ``as_of`` to the horizon, by the stationary block bootstrap and by
GARCH(1,1)-t (and GBM when asked):

* ``P(gain ≥ X %)`` is the share of paths whose cumulative return reaches ``ln(1 + X/100)``
  at the horizon;
* ``P(outperform)`` simulates the stock's price *relative to the index* (their ratio on common
  dates) the same way: the share of paths where the ratio ends above where it started.

Each probability comes with its Monte Carlo standard error, and each method's drift (the mean
log return of its window, or a stated one) is given beside it.

Where the stock's data end before ``as_of`` (a stale file), no price on ``as_of`` is known: the
odds are then those of a horizon of the same number of sessions, with the model fitted to the
history that exists, and the result says so. A history shorter than two years is flagged, and a
method that needs more history than there is (GARCH: 500 closes) is left out with a note.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, cast

import numpy as np
import pandas as pd

from thesis.analysis.paths import BootstrapModel, GarchModel, GBMModel, method_key
from thesis.errors import AnalysisError, InsufficientDataError
from thesis.facts import Fact, Source
from thesis.screen import ids

if TYPE_CHECKING:
    from collections.abc import Iterator

    from thesis._types import DateLike

__all__ = ["SHORT_HISTORY_SESSIONS", "StockOdds", "stock_odds"]

#: fewer closes than this (two years of sessions) and the odds carry a short-history caveat
SHORT_HISTORY_SESSIONS = 504
_MIN_SESSIONS = {"gbm": 253, "bootstrap": 253, "garch": 500}
_METHOD_NAMES = {
    "gbm": "geometric Brownian motion",
    "bootstrap": "stationary block bootstrap",
    "garch": "GARCH(1,1) Student-t",
}


def _model(method: str, drift_ann_pct: float | None) -> BootstrapModel | GarchModel | GBMModel:
    if method == "bootstrap":
        return BootstrapModel(drift_ann_pct=drift_ann_pct)
    if method == "garch":
        return GarchModel(drift_ann_pct=drift_ann_pct)
    if method == "gbm":
        return GBMModel(window_sessions=252 * 5, drift_ann_pct=drift_ann_pct)
    raise AnalysisError(
        f"unknown method {method!r}", where="theme.methods", fix="use bootstrap, garch or gbm"
    )


class _OddsRow(Protocol):
    """A row of :attr:`StockOdds.table` as ``itertuples`` gives it."""

    method: str
    event: str  # gain / outperform
    target: float | str  # the gain in percent, or the index's id
    p: float
    se: float
    drift_ann_pct: float
    window_start: pd.Timestamp
    window_end: pd.Timestamp
    n_returns: int


@dataclass(frozen=True)
class StockOdds:
    """Odds of one stock by the horizon (see :func:`stock_odds`).

    Attributes
    ----------
    table
        One row per method and event: ``method``, ``event`` (``gain`` or ``outperform``),
        ``target`` (the gain in percent, or the index id), ``p``, ``se``, ``drift_ann_pct``,
        ``window_start``, ``window_end``, ``n_returns``.
    """

    ticker: str
    as_of: pd.Timestamp
    horizon: pd.Timestamp
    last_date: pd.Timestamp
    n_steps: int
    n_paths: int
    table: pd.DataFrame
    index_id: str | None = None
    stale_sessions: int = 0
    notes: tuple[str, ...] = ()
    lineage: tuple[Source, ...] = field(default_factory=tuple)

    def p(self, event: str, target: Any, method: str) -> float | None:
        t = self.table
        row = t[(t["event"] == event) & (t["target"] == target) & (t["method"] == method)]
        return float(row["p"].iloc[0]) if len(row) else None

    def to_frame(self) -> pd.DataFrame:
        return self.table.assign(ticker=self.ticker)

    def facts(self) -> list[Fact]:
        a = str(self.as_of.date())
        t = self.ticker
        out = [
            Fact(ids.stock(t, "odds_sessions"), self.n_steps, "days", a,
                 f"XNYS sessions from {a} to {self.horizon.date()}", self.lineage,
                 "trading sessions to the horizon"),
            Fact(ids.stock(t, "odds_n_paths"), self.n_paths, "count", a,
                 "Monte Carlo paths per method and event", (), "paths per method"),
        ]  # fmt: skip
        for r in cast("Iterator[_OddsRow]", self.table.itertuples()):
            how = (
                f"{_METHOD_NAMES[r.method]} Monte Carlo of the stock's own daily log returns "
                + ("relative to the index " if r.event == "outperform" else "")
                + f"{r.window_start.date()}..{r.window_end.date()} ({r.n_returns:,} returns), "
                f"{self.n_paths:,} paths over {self.n_steps} sessions, drift "
                f"{r.drift_ann_pct:.1f} %/yr"
                + (
                    f"; the data end {self.last_date.date()}, {self.stale_sessions} sessions "
                    "before as_of, so the start price on as_of is unknown"
                    if self.stale_sessions
                    else ""
                )
            )
            if r.event == "gain":
                pid = ids.stock_p_gain(t, float(r.target), r.method)
                sid = ids.stock_p_gain(t, float(r.target), r.method, se=True)
                label = f"probability that {t} gains at least {float(r.target):g} % by {self.horizon.date()}"
            else:
                pid = ids.stock_p_outperform(t, str(r.target), r.method)
                sid = ids.stock_p_outperform(t, str(r.target), r.method, se=True)
                label = f"probability that {t} beats {r.target} by {self.horizon.date()}"
            out.append(Fact(pid, float(r.p), "probability", a, how, self.lineage, label, 3))
            out.append(
                Fact(sid, float(r.se), "probability", a, "Monte Carlo standard error", (),
                     "standard error", 4)
            )  # fmt: skip
        for method, g in self.table[self.table["event"] == "gain"].groupby("method"):
            m = str(method)
            out.append(
                Fact(ids.stock_method(t, m, "mu_ann_pct"), float(g["drift_ann_pct"].iloc[0]),
                     "pct", a, f"drift the {_METHOD_NAMES[m]} simulates with (mean daily log "
                     "return of its window × 252, or the stated drift)", self.lineage,
                     f"{m} drift for {t}", 1)
            )  # fmt: skip
        return out


def stock_odds(
    closes: pd.Series,
    *,
    ticker: str,
    as_of: DateLike,
    horizon: DateLike,
    index: pd.Series | None = None,
    index_id: str | None = None,
    gains_pct: Sequence[float] = (20.0,),
    methods: Sequence[str] = ("bootstrap", "garch"),
    n_paths: int = 10_000,
    rng: np.random.Generator,
    drift_ann_pct: float | None = None,
    stale_limit: int = 5,
    key_base: int | None = None,
    lineage: Sequence[Source] = (),
) -> StockOdds:
    """Probability that the stock gains each of ``gains_pct`` and beats the index by ``horizon``.

    Parameters
    ----------
    closes
        The stock's daily closes (USD), dated on or before ``as_of`` (later ones are ignored).
    index
        The index's closes; with it, ``P(outperform)`` is computed on the stock/index ratio.
    gains_pct
        Gains in percent (20 = at least +20 % at the horizon).
    methods
        Any of ``bootstrap``, ``garch``, ``gbm``.
    rng
        The run's Generator: one integer is drawn and keys every stream (by ticker, event and
        method, so that adding a stock changes no other stock's paths), unless ``key_base`` is
        given.
    drift_ann_pct
        A stated drift (percent a year) for every method; default: each window's own mean.
    stale_limit
        Sessions between the last close and ``as_of`` above which the odds say the data are stale.
    lineage
        Sources of the inputs, where ``closes`` and ``index`` carry none in ``.attrs``.
    """
    from thesis.data.calendars import sessions_between

    as_of_t = pd.Timestamp(as_of).normalize()
    hz = pd.Timestamp(horizon).normalize()
    if hz <= as_of_t:
        raise AnalysisError(
            f"horizon {hz.date()} is not after as_of {as_of_t.date()}",
            where="horizon",
            fix="choose a horizon after as_of",
        )
    if n_paths < 100:
        raise AnalysisError(f"n_paths={n_paths} is too few", where="n_paths", fix="use 10,000")
    s = closes.loc[:as_of_t].dropna()
    s = s[s > 0]
    if len(s) < 2:
        raise InsufficientDataError(
            f"{ticker} has {len(s)} closes on or before {as_of_t.date()}",
            where=f"stock {ticker}",
            fix="import its prices (`thesis data import FILE`)",
        )
    last = s.index[-1]
    n_steps = len(sessions_between(as_of_t, hz))
    stale = len(sessions_between(last, as_of_t)) if last < as_of_t else 0
    base = int(rng.integers(0, 2**63 - 1)) if key_base is None else int(key_base)
    notes: list[str] = []
    if len(s) < SHORT_HISTORY_SESSIONS:
        notes.append(
            f"{ticker} has only {len(s)} daily closes (under two years): its odds rest on a short "
            "history and may miss the stock's bad years."
        )
    if stale > stale_limit:
        notes.append(
            f"{ticker}'s data end {last.date()}, {stale} sessions before {as_of_t.date()}: the "
            f"odds are for a horizon of {n_steps} sessions from a price on {as_of_t.date()} that "
            "the store does not have, with the model fitted to the history that ends then."
        )
    series: list[tuple[str, Any, pd.Series]] = [("gain", None, s)]
    if index is not None:
        ix = index.loc[:as_of_t].dropna()
        both = pd.concat([s, ix], axis=1, join="inner").dropna()
        ratio = (both.iloc[:, 0] / both.iloc[:, 1]).rename(f"{ticker}/{index_id}")
        if len(ratio) >= 2:
            series.append(("outperform", index_id or "index", ratio))
    rows = []
    for event, target, x in series:
        for m in methods:
            need = _MIN_SESSIONS[m]
            if len(x) < need:
                notes.append(
                    f"{_METHOD_NAMES[m]} needs {need} closes; {ticker} has {len(x)}"
                    + (" on dates shared with the index" if event == "outperform" else "")
                    + f", so its {'outperformance ' if event == 'outperform' else ''}odds by "
                    f"{m} are left out."
                )
                continue
            model = _model(m, drift_ann_pct)
            try:
                model.fit(x, as_of_t)
            except AnalysisError as e:
                notes.append(f"{ticker}: the {_METHOD_NAMES[m]} fit failed ({e.what}); left out.")
                continue
            key = method_key(base, f"{ticker}|{event}|{m}")
            _mx, _mn, rec = model.simulate(n_steps, n_paths, key, [n_steps])
            xt = rec[:, 0]
            common = {
                "method": m,
                "drift_ann_pct": float(model.drift_ann_pct_),
                "window_start": model.window_start_,
                "window_end": model.window_end_,
                "n_returns": int(model.n_returns_),
            }
            if event == "gain":
                for g in gains_pct:
                    p = float(np.count_nonzero(xt >= math.log1p(g / 100.0)) / n_paths)
                    rows.append({**common, "event": "gain", "target": float(g), "p": p,
                                 "se": math.sqrt(p * (1 - p) / n_paths)})  # fmt: skip
            else:
                p = float(np.count_nonzero(xt > 0.0) / n_paths)
                rows.append({**common, "event": "outperform", "target": target, "p": p,
                             "se": math.sqrt(p * (1 - p) / n_paths)})  # fmt: skip
    if index is not None and index_id and not any(r["event"] == "outperform" for r in rows):
        notes.append(f"{ticker}: too few dates shared with {index_id} for outperformance odds.")
    cols = ["method", "event", "target", "p", "se", "drift_ann_pct", "window_start",
            "window_end", "n_returns"]  # fmt: skip
    lin = tuple(lineage)
    for inp in (closes, index):
        src = inp.attrs.get("source") if inp is not None else None
        if isinstance(src, Source) and src not in lin:
            lin += (src,)
    return StockOdds(
        ticker=ticker,
        as_of=as_of_t,
        horizon=hz,
        last_date=last,
        n_steps=n_steps,
        n_paths=n_paths,
        table=pd.DataFrame(rows, columns=cols),
        index_id=index_id,
        stale_sessions=stale,
        notes=tuple(notes),
        lineage=lin,
    )
