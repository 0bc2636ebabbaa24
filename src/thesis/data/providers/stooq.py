"""Stooq: daily OHLCV for stocks, ETFs, indices and spot metals (no key).

The download ``https://stooq.com/q/d/l/?s=spy.us&i=d`` returns a CSV with the header
``Date,Open,High,Low,Close,Volume`` (no ``Volume`` for indices, currencies and metals) and lines
ending in CRLF. An unknown symbol returns the body ``No data``; too many downloads in a day return
``Exceeded the daily hits limit``.

Our ids map to Stooq symbols through :data:`STOOQ_IDS`. Any other symbol is accepted: a bare ticker
is taken as a US listing (``aapl`` → ``aapl.us``) and stored under the ticker (``aapl``); symbols
with a market suffix or a caret are used as given (``7203.jp`` → ``7203_jp``, ``^dax`` → ``dax``).
The base URL comes from the constructor, ``$THESIS_STOOQ_URL`` or :attr:`StooqProvider.URL`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from thesis.data.providers.base import (
    HttpFetcher,
    Provider,
    Query,
    bars_frame,
    map_series,
    parse_csv_payload,
    payloads,
    register,
)
from thesis.data.records import Batch, SeriesBatch, SeriesInfo
from thesis.errors import ProviderError

__all__ = ["STOOQ_IDS", "STOOQ_LICENSE", "StooqProvider", "stooq_series_id"]

STOOQ_LICENSE = "Stooq: free data for personal, non-commercial use (stooq.com terms)"

#: our series id → Stooq symbol
STOOQ_IDS: dict[str, str] = {
    "spy": "spy.us",
    "qqq": "qqq.us",
    "iwm": "iwm.us",
    "dia": "dia.us",
    "tlt": "tlt.us",
    "ief": "ief.us",
    "shy": "shy.us",
    "agg": "agg.us",
    "lqd": "lqd.us",
    "hyg": "hyg.us",
    "tip": "tip.us",
    "gld": "gld.us",
    "slv": "slv.us",
    "efa": "efa.us",
    "eem": "eem.us",
    "vnq": "vnq.us",
    "gold": "xauusd",
    "spx": "^spx",
    "ndx": "^ndx",
}

# symbol → (name, unit, kind)
_META: dict[str, tuple[str, str, str]] = {
    "spy.us": ("SPDR S&P 500 ETF (SPY)", "USD", "price"),
    "qqq.us": ("Invesco QQQ Trust (Nasdaq-100 ETF)", "USD", "price"),
    "iwm.us": ("iShares Russell 2000 ETF (IWM)", "USD", "price"),
    "dia.us": ("SPDR Dow Jones Industrial Average ETF (DIA)", "USD", "price"),
    "tlt.us": ("iShares 20+ Year Treasury Bond ETF (TLT)", "USD", "price"),
    "ief.us": ("iShares 7-10 Year Treasury Bond ETF (IEF)", "USD", "price"),
    "shy.us": ("iShares 1-3 Year Treasury Bond ETF (SHY)", "USD", "price"),
    "agg.us": ("iShares Core US Aggregate Bond ETF (AGG)", "USD", "price"),
    "lqd.us": ("iShares iBoxx Investment Grade Corporate Bond ETF (LQD)", "USD", "price"),
    "hyg.us": ("iShares iBoxx High Yield Corporate Bond ETF (HYG)", "USD", "price"),
    "tip.us": ("iShares TIPS Bond ETF (TIP)", "USD", "price"),
    "gld.us": ("SPDR Gold Shares (GLD)", "USD", "price"),
    "slv.us": ("iShares Silver Trust (SLV)", "USD", "price"),
    "efa.us": ("iShares MSCI EAFE ETF (EFA)", "USD", "price"),
    "eem.us": ("iShares MSCI Emerging Markets ETF (EEM)", "USD", "price"),
    "vnq.us": ("Vanguard Real Estate ETF (VNQ)", "USD", "price"),
    "xauusd": ("Gold spot price", "USD per troy ounce", "price"),
    "^spx": ("S&P 500 index (Stooq)", "points", "index"),
    "^ndx": ("Nasdaq-100 index (Stooq)", "points", "index"),
}

_BY_SYMBOL = {v: k for k, v in STOOQ_IDS.items()}
_SYMBOL_RE = re.compile(r"^\^?[A-Za-z0-9][A-Za-z0-9._\-]{0,30}$")
_COLUMNS = {"open": "open", "high": "high", "low": "low", "close": "value", "volume": "volume"}


def stooq_series_id(symbol: str) -> str:
    """Our series id for a Stooq symbol: a mapped id, or the symbol made id-safe."""
    sym = symbol.lower()
    if sym in _BY_SYMBOL:
        return _BY_SYMBOL[sym]
    if sym.endswith(".us"):
        sym = sym[:-3]
    return re.sub(r"[^a-z0-9]+", "_", sym).strip("_")


def _raw_symbol(s: str) -> tuple[str, str]:
    """(our id, Stooq symbol) of a raw symbol (a bare ticker is a US listing)."""
    sym = s.lower()
    if not (sym in _BY_SYMBOL or "." in sym or sym.startswith("^")):
        sym = f"{sym}.us"
    return stooq_series_id(sym), sym


@register
class StooqProvider(Provider):
    """Stooq daily OHLCV by our ids (see :data:`STOOQ_IDS`) or raw Stooq symbols.

    Parameters
    ----------
    url
        The CSV download endpoint (default ``$THESIS_STOOQ_URL`` or :attr:`URL`).
    timeout, retries, backoff
        See :class:`~thesis.data.providers.base.HttpFetcher`.
    """

    name: ClassVar[str] = "stooq"
    description: ClassVar[str] = "Stooq: daily OHLCV for stocks, ETFs, indices, gold (no key)"
    URL: ClassVar[str] = "https://stooq.com/q/d/l/"

    def __init__(
        self,
        url: str | None = None,
        *,
        timeout: float = 30.0,
        retries: int = 3,
        backoff: float = 1.0,
    ) -> None:
        self.url = url or os.environ.get("THESIS_STOOQ_URL") or self.URL
        self.http = HttpFetcher(self.name, timeout=timeout, retries=retries, backoff=backoff)

    # ------------------------------------------------------------------ 1. query (pure)
    def build_query(
        self,
        series: Sequence[str],
        start: str | None = None,
        end: str | None = None,
        **options: Any,
    ) -> Query:
        """Map our ids (or raw symbols) to Stooq symbols."""
        ours, syms = map_series(
            "stooq",
            series,
            STOOQ_IDS,
            _SYMBOL_RE.match,
            _raw_symbol,
            kind="Stooq symbol",
            fix="use one of our ids or a Stooq symbol such as aapl.us, ^spx or xauusd",
        )
        urls = {sym: self._shown_url(sym, start, end) for sym in syms}
        return Query(
            series=ours,
            provider_ids=syms,
            start=start,
            end=end,
            options={"urls": urls},
        )

    def _params(self, sym: str, start: str | None, end: str | None) -> dict[str, str]:
        p = {"s": sym, "i": "d"}
        if start:
            p["d1"] = str(start)[:10].replace("-", "")
        if end:
            p["d2"] = str(end)[:10].replace("-", "")
        return p

    def _shown_url(self, sym: str, start: str | None, end: str | None) -> str:
        import httpx

        return str(httpx.URL(self.url, params=self._params(sym, start, end)))

    # ------------------------------------------------------------------ 2. extract (I/O)
    def extract(
        self, query: Query, progress: Callable[[str], None] | None = None
    ) -> dict[str, bytes]:
        """Download the daily CSV of each symbol."""
        out: dict[str, bytes] = {}
        for sym in query.provider_ids:
            if progress:
                progress(f"stooq {sym}")
            out[sym] = self.http.get(
                self.url,
                self._params(sym, query.start, query.end),
                not_found=f"check the symbol {sym!r} on stooq.com (US listings end in .us)",
            )
        return out

    # ------------------------------------------------------------------ 3. transform (pure)
    def transform(self, query: Query, raw: dict[str, bytes]) -> list[Batch]:
        """Parse each CSV into a :class:`SeriesBatch`: close → ``value``, plus open/high/low/volume."""
        batches: list[Batch] = []
        for s, sym, body, where in payloads("stooq", query, raw):
            head = body[:200].strip().lower()
            if head.startswith(b"no data"):
                raise ProviderError(
                    f"stooq: no data for symbol {sym!r} (unknown symbol, or nothing in the window)",
                    where=where,
                    fix="check the symbol on stooq.com: US stocks and ETFs end in .us (aapl.us), "
                    "indices start with ^ (^spx); widen --start if you gave one",
                )
            if head.startswith(b"exceeded the daily hits limit"):
                raise ProviderError(
                    "stooq: the daily download limit is exceeded",
                    where=where,
                    fix="try again tomorrow, or use `--provider yahoo`",
                )
            p = parse_csv_payload(body, provider="stooq", where=where, what="daily CSV")
            cols = {c.lower(): i for i, c in enumerate(p.header)}
            missing = [c for c in ("date", "open", "high", "low", "close") if c not in cols]
            if missing:
                raise ProviderError(
                    f"stooq: unexpected CSV header {','.join(p.header)!r} (missing "
                    f"{', '.join(missing)}; expected Date,Open,High,Low,Close,Volume)",
                    where=f"{where} line 1",
                    fix="Stooq changed its download format (or asks for an API key now); use "
                    "`--provider yahoo` or import a CSV with `thesis data import`",
                )
            frame = bars_frame(
                p,
                cols,
                _COLUMNS,
                label=str.capitalize,
                provider="stooq",
                where=where,
                start=query.start,
                end=query.end,
            )
            name, unit, kind = _META.get(
                sym, (f"{sym} (Stooq)", "USD" if sym.endswith(".us") else "see stooq.com", "price")
            )
            info = SeriesInfo(
                id=s,
                name=name,
                unit=unit,
                frequency="daily",
                kind=kind,
                provider="stooq",
                provider_id=sym,
                origin=where,
                license=STOOQ_LICENSE,
                description="Stooq daily OHLCV; value = close as Stooq publishes it (adjusted by "
                "Stooq for splits and, for many listings, dividends: compare before mixing "
                "with unadjusted closes)",
            )
            batches.append(SeriesBatch(info=info, frame=frame.reset_index(drop=True), where=where))
        return batches
