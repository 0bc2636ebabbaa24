"""Fundamentals per stock as filed by a date: revenue, net income, capital expenditure, shares.

Reads the EDGAR series (:mod:`thesis.data.providers.edgar`: ``{t}_revenue_q``, ``{t}_revenue_fy``,
``{t}_net_income_q``, ``{t}_capex_q``, ``{t}_shares`` ...) through a
:class:`~thesis.data.view.StoreView`, so that only figures *filed* by ``as_of`` are used. Where a
store has none for a ticker, the ticker simply has no fundamentals (the outputs say so).

Fiscal periods are labelled as the company does (``fy2025q3``): the fiscal year ends on the month
and day of the company's annual figures (``{t}_revenue_fy``; a year ending in the first week of
January belongs to the year before, as 52/53-week calendars count it); without annual figures the
calendar quarter is used (``cy2025q3``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from thesis.analysis._common import date_index
from thesis.data.providers.edgar import edgar_series_id
from thesis.facts import Source

__all__ = ["FUNDAMENTAL_FEATURES", "Fundamentals", "fiscal_label", "load_fundamentals"]

#: columns added to the features (NaN where not filed)
FUNDAMENTAL_FEATURES = (
    "revenue_q",
    "revenue_yoy",
    "revenue_ttm",
    "net_income_ttm",
    "capex_q",
    "capex_yoy",
    "capex_ttm",
    "shares",
)
_MEASURES = ("revenue", "net_income", "capex")
_YEAR = pd.Timedelta(days=365)
_SLACK = pd.Timedelta(days=20)


def fiscal_label(end: pd.Timestamp, fy_end: pd.Timestamp | None) -> str:
    """``fy2025q3`` for a quarter ending ``end`` in a fiscal year ending on ``fy_end``'s month/day.

    Without ``fy_end`` the calendar quarter: ``cy2025q3``.
    """
    end = pd.Timestamp(end)
    if fy_end is None:
        return f"cy{end.year}q{(end.month - 1) // 3 + 1}"
    fy = pd.Timestamp(fy_end)
    # the fiscal year end on or after the quarter end (within a week for 52/53-week calendars)
    cand = pd.Timestamp(year=end.year, month=fy.month, day=1) + pd.offsets.MonthEnd(0)
    if fy.day < 8 and fy.month == 1:
        cand = pd.Timestamp(year=end.year, month=1, day=fy.day)
    while cand < end - pd.Timedelta(days=7):
        cand = cand + pd.DateOffset(years=1)
    months = (cand.year - end.year) * 12 + cand.month - end.month
    if cand.day < 8 and end.day > 20:
        months -= 1  # a quarter ending late in the month before an early-month year end
    q = 4 - round(months / 3)
    year = cand.year - 1 if (cand.month == 1 and cand.day < 8) else cand.year
    return f"fy{year}q{min(max(q, 1), 4)}"


@dataclass(frozen=True)
class Fundamentals:
    """Fundamentals of many tickers as filed by ``as_of``.

    Attributes
    ----------
    latest
        Indexed by ticker: :data:`FUNDAMENTAL_FEATURES` (USD, percent for ``_yoy``, count for
        shares) plus ``revenue_q_end``, ``revenue_q_label``, ``capex_q_end``, ``capex_q_label``,
        ``shares_date``.
    quarters
        Ticker → quarters × (``revenue``, ``revenue_yoy``, ``capex``, ``capex_yoy``,
        ``net_income``, ``label``), indexed by the quarter's end.
    sources
        Lineage of every series read.
    """

    latest: pd.DataFrame
    quarters: dict[str, pd.DataFrame] = field(default_factory=dict)
    sources: tuple[Source, ...] = ()

    def has(self, ticker: str) -> bool:
        return ticker in self.quarters or (
            ticker in self.latest.index and bool(self.latest.loc[ticker].notna().any())
        )


def _yoy(s: pd.Series) -> pd.Series:
    """Each quarter against the quarter ending a year earlier (±20 days), percent."""
    out = pd.Series(np.nan, index=s.index)
    for d, v in zip(date_index(s), s, strict=True):
        prior = s[(s.index >= d - _YEAR - _SLACK) & (s.index <= d - _YEAR + _SLACK)]
        if len(prior) and prior.iloc[-1] != 0:
            # pandas-stubs take no Timestamp label in Series.__setitem__
            out[d] = (v / prior.iloc[-1] - 1.0) * 100.0 * np.sign(prior.iloc[-1])  # type: ignore[call-overload]
    return out


def _ttm(s: pd.Series) -> float:
    """Sum of the last four quarters when they are consecutive (80-100 days apart), else NaN."""
    if len(s) < 4:
        return float("nan")
    last4 = s.iloc[-4:]
    gaps = np.diff(last4.index.values).astype("timedelta64[D]").astype(int)
    if not ((gaps >= 80) & (gaps <= 100)).all():
        return float("nan")
    return float(last4.sum())


def load_fundamentals(view: Any, tickers: Sequence[str]) -> Fundamentals:
    """Read the EDGAR series of ``tickers`` public on the view's date (absent ones are skipped)."""
    rows: dict[str, dict[str, Any]] = {}
    quarters: dict[str, pd.DataFrame] = {}
    sources: dict[str, Source] = {}

    def get(sid: str) -> pd.Series | None:
        if not view.has(sid):
            return None
        s = view.maybe(sid)
        if s is None or len(s.dropna()) == 0:
            return None
        src = s.attrs.get("source")
        if isinstance(src, Source):
            sources[src.series] = src
        return s.dropna()

    for t in tickers:
        fy_end = None
        for m in _MEASURES:
            fy = get(edgar_series_id(t, m, "fy")) if fy_end is None else None
            if fy is not None:
                fy_end = fy.index[-1]
        q = {m: get(edgar_series_id(t, m, "q")) for m in _MEASURES}
        shares = get(edgar_series_id(t, "shares", None))
        row: dict[str, Any] = {}
        table: dict[str, pd.Series] = {}
        for m, s in q.items():
            if s is None:
                continue
            table[m] = s
            yoy = _yoy(s)
            table[f"{m}_yoy"] = yoy
            if m in ("revenue", "capex"):
                row[f"{m}_q"] = float(s.iloc[-1])
                row[f"{m}_yoy"] = float(yoy.iloc[-1])
                row[f"{m}_q_end"] = s.index[-1]
                row[f"{m}_q_label"] = fiscal_label(s.index[-1], fy_end)
            row[f"{m}_ttm"] = _ttm(s)
        if shares is not None:
            row["shares"] = float(shares.iloc[-1])
            row["shares_date"] = shares.index[-1]
        if table:
            df = pd.DataFrame(table).sort_index()
            df["label"] = [fiscal_label(d, fy_end) for d in df.index]
            quarters[t] = df
        rows[t] = row
    cols = [
        *FUNDAMENTAL_FEATURES,
        "revenue_q_end",
        "revenue_q_label",
        "capex_q_end",
        "capex_q_label",
        "shares_date",
    ]
    latest = pd.DataFrame.from_dict(rows, orient="index").reindex(index=list(tickers), columns=cols)
    for c in FUNDAMENTAL_FEATURES:
        latest[c] = latest[c].astype("float64")
    return Fundamentals(latest=latest, quarters=quarters, sources=tuple(sources.values()))
