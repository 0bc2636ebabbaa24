"""Per-stock features as of a date, computed on the whole universe at once.

Definitions (one row per ticker; every figure is measured up to the ticker's *own* last close on
or before ``as_of``, which may be long before it: ``last_date`` and ``stale_sessions`` say so):

``level``            the last close (USD; chained total-return level where the series is one)
``mom_{1,3,6,12}m``  change of the close over the last 1, 3, 6, 12 calendar months, percent:
                     close(last) / close(last observation on or before last − k months) − 1
``vol``              standard deviation of daily log returns dated in the last 12 months × √252,
                     percent a year; a return spans from the previous observation of the ticker
``max_dd``           largest fall from a running high within the last 12 months of closes, percent (≤ 0)
``beta``, ``corr_index``  beta and correlation of the ticker's daily log returns with the index's on
                     the same dates, last 12 months (at least ``min_obs`` common returns)
``beta_theme``, ``corr_theme``  the same against the theme basket: the mean of the basket members'
                     log returns that day; a member is compared with the basket *without itself*
``liquidity``        median daily dollar volume (close × volume, USD) over the last 3 months of the
                     volume series' own data (``liquidity_date`` is its last day: a file with
                     volumes may end before the prices that extend it)
``index.{mom_*, vol, max_dd}``  the index over the same window as the ticker's figure, so that
                     ``mom_6m > index.mom_6m`` compares like with like even for a stale ticker
``rel_mom_{1,3,6,12}m``  ``mom`` minus ``index.mom``, percentage points
``stale_sessions``   XNYS sessions after ``last_date`` up to ``as_of``; ``stale`` when above the limit

The fast path works on the dates × tickers arrays with numpy (no loop over tickers);
:func:`features_reference` computes the same figures ticker by ticker with plain pandas, and the
tests hold the two together.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from types import TracebackType

    from thesis._types import DateLike

__all__ = [
    "MOMENTUM_MONTHS",
    "NUMERIC_FEATURES",
    "compute_features",
    "features_reference",
    "stale_sessions",
]

MOMENTUM_MONTHS = (1, 3, 6, 12)
WINDOW_MONTHS = 12
LIQUIDITY_MONTHS = 3
SESSIONS_PER_YEAR = 252
MIN_OBS = 60
#: the figures computed here (fundamentals and size are added by the theme analysis)
NUMERIC_FEATURES = (
    "level",
    *(f"mom_{k}m" for k in MOMENTUM_MONTHS),
    "vol",
    "max_dd",
    "beta",
    "corr_index",
    "beta_theme",
    "corr_theme",
    "liquidity",
    *(f"index.mom_{k}m" for k in MOMENTUM_MONTHS),
    "index.vol",
    "index.max_dd",
    *(f"rel_mom_{k}m" for k in MOMENTUM_MONTHS),
    "stale_sessions",
)


def stale_sessions(last_dates: pd.Index | list[DateLike | None], as_of: DateLike) -> np.ndarray:
    """XNYS sessions strictly after each date up to and including ``as_of`` (0 when current)."""
    from thesis.data.calendars import sessions_between, xnys

    last = pd.DatetimeIndex(last_dates)
    as_of_t = pd.Timestamp(as_of).normalize()
    out = np.full(len(last), np.nan)
    ok = last.notna()
    if not ok.any():
        return out
    lo = last[ok].min()
    first = pd.Timestamp(xnys().first_session).tz_localize(None)
    if lo < first:
        # before the calendar's first session: weekdays stand in for sessions
        out[ok] = np.busday_count(
            last[ok].values.astype("datetime64[D]") + 1, np.datetime64(as_of_t.date()) + 1
        )
        return np.maximum(out, 0)
    sess = sessions_between(lo, as_of_t)  # (lo, as_of]
    pos = sess.searchsorted(last[ok], side="right")
    out[ok] = len(sess) - pos
    return out


def _months_back(dates: pd.Index, months: int) -> pd.DatetimeIndex:
    return pd.DatetimeIndex(dates) - pd.DateOffset(months=months)


def _log_returns(p: np.ndarray, filled: np.ndarray, prev_row: np.ndarray) -> np.ndarray:
    """Log returns on each observed row, from the previous observation (NaN elsewhere).

    ``p`` is rows × columns with NaN where a column has no observation, ``filled`` the same carried
    forward, and ``prev_row`` the carried-forward row just before the first one (NaN when none).
    """
    obs = np.isfinite(p)
    prev = np.vstack([prev_row[None, :], filled[:-1]])
    with np.errstate(divide="ignore", invalid="ignore"):
        r = np.log(p) - np.log(prev)
    r[~obs] = np.nan
    return r


def _masked_stats(
    x: np.ndarray, y: np.ndarray, mask: np.ndarray, min_obs: int
) -> tuple[np.ndarray, np.ndarray]:
    """Column-wise beta of x on y and correlation over rows where ``mask`` (and both finite)."""
    m = mask & np.isfinite(x) & np.isfinite(y)
    n = m.sum(axis=0).astype(float)
    xs = np.where(m, x, 0.0)
    ys = np.where(m, y, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mx = xs.sum(axis=0) / n
        my = ys.sum(axis=0) / n
        dx = np.where(m, x - mx, 0.0)
        dy = np.where(m, y - my, 0.0)
        cov = (dx * dy).sum(axis=0) / (n - 1)
        vx = (dx * dx).sum(axis=0) / (n - 1)
        vy = (dy * dy).sum(axis=0) / (n - 1)
        beta = cov / vy
        corr = cov / np.sqrt(vx * vy)
    bad = n < min_obs
    beta[bad] = np.nan
    corr[bad] = np.nan
    return beta, corr


def compute_features(
    prices: pd.DataFrame,
    index: pd.Series,
    as_of: DateLike,
    *,
    basket: Sequence[str] = (),
    dollar_volume: pd.DataFrame | None = None,
    min_obs: int = MIN_OBS,
    stale_limit: int = 5,
) -> pd.DataFrame:
    """Features of every column of ``prices`` as of ``as_of`` (see the module docstring).

    Parameters
    ----------
    prices
        Dates × tickers (USD), NaN where a ticker has no observation; rows after ``as_of`` are
        ignored.
    index
        The index's closes (points) on its own dates.
    as_of
        The analysis date.
    basket
        Tickers of the theme basket (those present in ``prices`` are used).
    dollar_volume
        Dates × tickers of close × volume (USD), for ``liquidity``.
    min_obs
        Fewest common daily returns for volatility, beta and correlation (else NaN).
    stale_limit
        More XNYS sessions than this between a ticker's last close and ``as_of`` make it ``stale``.

    Returns
    -------
    DataFrame indexed by ticker: ``last_date``, ``liquidity_date`` (datetime), ``stale`` (bool),
    ``has_prices`` (bool) and the numeric features of :data:`NUMERIC_FEATURES`.
    """
    as_of_t = pd.Timestamp(as_of).normalize()
    cols = list(prices.columns)
    p_df = prices.loc[:as_of_t]
    ix = index.loc[:as_of_t].dropna()
    dates = p_df.index.union(ix.index)
    p_df = p_df.reindex(dates)
    out = pd.DataFrame(index=pd.Index(cols, name="ticker"))
    if len(dates) == 0 or not cols:
        out["last_date"] = pd.NaT
        out["liquidity_date"] = pd.NaT
        out["has_prices"] = False
        out["stale"] = False
        for f in NUMERIC_FEATURES:
            out[f] = np.nan
        return out
    p_all = p_df.to_numpy(dtype=float)
    n_all, n = p_all.shape
    obs_all = np.isfinite(p_all)
    has = obs_all.any(axis=0)
    last_all = np.where(has, n_all - 1 - np.argmax(obs_all[::-1], axis=0), 0)
    first_all = np.where(has, np.argmax(obs_all, axis=0), 0)
    last_dates = pd.DatetimeIndex(dates[last_all]).where(has)
    anchor = last_dates.fillna(dates[-1])
    filled_all = p_df.ffill().to_numpy()
    iv_all = ix.reindex(dates).to_numpy(dtype=float)
    i_filled_all = pd.Series(iv_all).ffill().to_numpy()
    # every window starts at most 12 months before a ticker's last close: work on those rows only
    back = {
        k: dates.searchsorted(_months_back(anchor, k), side="right") - 1 for k in MOMENTUM_MONTHS
    }
    wpos_all = dates.searchsorted(_months_back(anchor, WINDOW_MONTHS), side="right")
    lo = int(max(0, min(back[max(MOMENTUM_MONTHS)].min(), wpos_all.min()) - 1))
    if dollar_volume is not None and len(dollar_volume.columns):
        dv_all = dollar_volume.reindex(index=dates, columns=cols).to_numpy(dtype=float)
        dv_has = np.isfinite(dv_all).any(axis=0)
        dv_last_all = np.where(dv_has, n_all - 1 - np.argmax(np.isfinite(dv_all)[::-1], axis=0), 0)
        dv_dates = pd.DatetimeIndex(dates[dv_last_all]).where(dv_has)
        lpos_all = dates.searchsorted(
            _months_back(dv_dates.fillna(dates[-1]), LIQUIDITY_MONTHS), side="right"
        )
        lo = min(lo, int(lpos_all[dv_has].min()) if dv_has.any() else lo)
    p = p_all[lo:]
    filled = filled_all[lo:]
    iv = iv_all[lo:]
    i_filled = i_filled_all[lo:]
    prev_p = filled_all[lo - 1] if lo > 0 else np.full(n, np.nan)
    prev_i = i_filled_all[lo - 1 : lo] if lo > 0 else np.full(1, np.nan)
    n_t = len(p)
    obs = np.isfinite(p)
    last_pos = last_all - lo
    first_pos = first_all - lo
    cols_ix = np.arange(n)
    level = np.where(has, filled[last_pos, cols_ix], np.nan)
    # the index's close on each ticker's last date (carried from its last close on or before)
    i_last = i_filled[last_pos]
    out["last_date"] = last_dates
    out["has_prices"] = has
    out["level"] = level
    # --- momentum: one searchsorted per horizon over all tickers
    for k in MOMENTUM_MONTHS:
        pos = back[k] - lo
        ok = has & (pos >= first_pos) & (back[k] >= 0)
        pos_c = np.clip(pos, 0, n_t - 1)
        with np.errstate(invalid="ignore", divide="ignore"):
            mom = (level / filled[pos_c, cols_ix] - 1.0) * 100.0
            imom = (i_last / i_filled[pos_c] - 1.0) * 100.0
        out[f"mom_{k}m"] = np.where(ok, mom, np.nan)
        out[f"index.mom_{k}m"] = np.where(ok & np.isfinite(i_filled[pos_c]), imom, np.nan)
        out[f"rel_mom_{k}m"] = out[f"mom_{k}m"] - out[f"index.mom_{k}m"]
    # --- windows of the last 12 months (by date) ending at each ticker's last close
    wpos = wpos_all - lo
    rows = np.arange(n_t)[:, None]
    in_win = (rows >= wpos[None, :]) & (rows <= last_pos[None, :]) & has[None, :]
    r = _log_returns(p, filled, prev_p)
    ri = _log_returns(iv[:, None], i_filled[:, None], prev_i)[:, 0]
    rmask = in_win & np.isfinite(r)
    nret = rmask.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        rz = np.where(rmask, r, 0.0)
        mean = rz.sum(axis=0) / nret
        var = (np.where(rmask, r - mean, 0.0) ** 2).sum(axis=0) / (nret - 1)
    out["vol"] = np.where(nret >= min_obs, np.sqrt(var * SESSIONS_PER_YEAR) * 100.0, np.nan)
    beta, corr = _masked_stats(r, np.broadcast_to(ri[:, None], r.shape), in_win, min_obs)
    out["beta"], out["corr_index"] = beta, corr
    # --- the theme basket: mean of members' returns that day, without the ticker itself
    members = [c for c in basket if c in cols]
    if members:
        mi = [cols.index(c) for c in members]
        rb = r[:, mi]
        s = np.nansum(rb, axis=1)
        c = np.isfinite(rb).sum(axis=1)
        is_member = np.zeros(n, bool)
        is_member[mi] = True
        rz_self = np.where(np.isfinite(r), r, 0.0)
        own = np.where(is_member[None, :], rz_self, 0.0)
        cnt = c[:, None] - (is_member[None, :] & np.isfinite(r))
        with np.errstate(invalid="ignore", divide="ignore"):
            basket_r = np.where(cnt > 0, (s[:, None] - own) / cnt, np.nan)
        bt, ct = _masked_stats(r, basket_r, in_win, min_obs)
    else:
        bt = ct = np.full(n, np.nan)
    out["beta_theme"], out["corr_theme"] = bt, ct
    # --- maximum drawdown within the window (running high from the window's first close)
    pw = np.where(in_win & obs, p, np.nan)
    with np.errstate(invalid="ignore"):
        peak = np.fmax.accumulate(pw, axis=0)
        dd = pw / peak - 1.0
    dd_min = np.where(np.isfinite(dd), dd, np.inf).min(axis=0)
    out["max_dd"] = np.where(np.isfinite(dd_min) & has, dd_min * 100.0, np.nan)
    iw = np.where(in_win & np.isfinite(iv)[:, None], iv[:, None], np.nan)
    with np.errstate(invalid="ignore"):
        ipeak = np.fmax.accumulate(iw, axis=0)
        idd = iw / ipeak - 1.0
    idd_min = np.where(np.isfinite(idd), idd, np.inf).min(axis=0)
    out["index.max_dd"] = np.where(np.isfinite(idd_min) & has, idd_min * 100.0, np.nan)
    imask = in_win & np.isfinite(ri)[:, None]
    ni = imask.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        riz = np.where(imask, ri[:, None], 0.0)
        imean = riz.sum(axis=0) / ni
        ivar = (np.where(imask, ri[:, None] - imean, 0.0) ** 2).sum(axis=0) / (ni - 1)
    out["index.vol"] = np.where(ni >= min_obs, np.sqrt(ivar * SESSIONS_PER_YEAR) * 100.0, np.nan)
    # --- liquidity: median dollar volume over the last 3 months of the volume series' own data
    if dollar_volume is not None and len(dollar_volume.columns):
        dv = dv_all[lo:]
        lwin = (rows >= (lpos_all - lo)[None, :]) & (rows <= (dv_last_all - lo)[None, :])
        dvw = np.where(lwin & dv_has[None, :], dv, np.nan)
        with _quiet():
            out["liquidity"] = np.nanmedian(dvw, axis=0)
        out["liquidity_date"] = dv_dates
    else:
        out["liquidity"] = np.nan
        out["liquidity_date"] = pd.NaT
    st = stale_sessions(last_dates, as_of_t)
    out["stale_sessions"] = st
    out["stale"] = np.where(has, st > stale_limit, False).astype(bool)
    for f in NUMERIC_FEATURES:
        out[f] = out[f].astype("float64")
    return out


class _quiet:
    """Silence numpy's "All-NaN slice" warning (a ticker without volume gives NaN, as meant)."""

    def __enter__(self) -> None:
        import warnings

        self._w = warnings.catch_warnings()
        self._w.__enter__()
        warnings.simplefilter("ignore", RuntimeWarning)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._w.__exit__(exc_type, exc, tb)


def features_reference(
    prices: pd.DataFrame,
    index: pd.Series,
    as_of: DateLike,
    *,
    basket: Sequence[str] = (),
    dollar_volume: pd.DataFrame | None = None,
    min_obs: int = MIN_OBS,
) -> pd.DataFrame:
    """The same features computed ticker by ticker with plain pandas (the reference, and the
    benchmark's baseline); no ``stale`` columns."""
    as_of_t = pd.Timestamp(as_of).normalize()
    idx = index.loc[:as_of_t].dropna()
    ri = np.log(idx).diff().dropna()
    rets = {c: np.log(prices[c].loc[:as_of_t].dropna()).diff().dropna() for c in prices.columns}
    members = [c for c in basket if c in prices.columns]
    rows: dict[Hashable, dict[str, float]] = {}
    for c in prices.columns:
        s = prices[c].loc[:as_of_t].dropna()
        if s.empty:
            rows[c] = {}
            continue
        last = s.index[-1]
        row: dict[str, float] = {"level": float(s.iloc[-1])}
        i_at = idx.loc[:last]
        for k in MOMENTUM_MONTHS:
            back = last - pd.DateOffset(months=k)
            before = s.loc[:back]
            ib = idx.loc[:back]
            if len(before):
                row[f"mom_{k}m"] = (s.iloc[-1] / before.iloc[-1] - 1) * 100
                if len(ib) and len(i_at):
                    row[f"index.mom_{k}m"] = (i_at.iloc[-1] / ib.iloc[-1] - 1) * 100
        w0 = last - pd.DateOffset(months=WINDOW_MONTHS)
        r = rets[c]
        rw = r[(r.index > w0) & (r.index <= last)]
        if len(rw) >= min_obs:
            row["vol"] = rw.std(ddof=1) * np.sqrt(SESSIONS_PER_YEAR) * 100
        both = pd.concat([rw, ri], axis=1, join="inner").dropna()
        if len(both) >= min_obs:
            x, y = both.iloc[:, 0], both.iloc[:, 1]
            row["beta"] = x.cov(y) / y.var()
            row["corr_index"] = x.corr(y)
        others = [m for m in members if m != c]
        if others:
            b = pd.concat([rets[m] for m in others], axis=1).mean(axis=1, skipna=True)
            both = pd.concat([rw, b], axis=1, join="inner").dropna()
            if len(both) >= min_obs:
                x, y = both.iloc[:, 0], both.iloc[:, 1]
                row["beta_theme"] = x.cov(y) / y.var()
                row["corr_theme"] = x.corr(y)
        sw = s[(s.index > w0) & (s.index <= last)]
        row["max_dd"] = float((sw / sw.cummax() - 1).min() * 100)
        iw = idx[(idx.index > w0) & (idx.index <= last)]
        if len(iw):
            row["index.max_dd"] = float((iw / iw.cummax() - 1).min() * 100)
        riw = ri[(ri.index > w0) & (ri.index <= last)]
        if len(riw) >= min_obs:
            row["index.vol"] = riw.std(ddof=1) * np.sqrt(SESSIONS_PER_YEAR) * 100
        if dollar_volume is not None and c in dollar_volume.columns:
            dv = dollar_volume[c].loc[:as_of_t].dropna()
            if len(dv):
                l0 = dv.index[-1] - pd.DateOffset(months=LIQUIDITY_MONTHS)
                row["liquidity"] = float(dv[dv.index > l0].median())
        for k in MOMENTUM_MONTHS:
            if f"mom_{k}m" in row and f"index.mom_{k}m" in row:
                row[f"rel_mom_{k}m"] = row[f"mom_{k}m"] - row[f"index.mom_{k}m"]
        rows[c] = row
    cols = [f for f in NUMERIC_FEATURES if f != "stale_sessions"]
    return pd.DataFrame.from_dict(rows, orient="index").reindex(columns=cols).astype("float64")
