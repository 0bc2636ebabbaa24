"""Yahoo Finance via ``yfinance`` (optional extra: ``pip install 'thesis[yahoo]'``).

``yfinance`` scrapes an unofficial endpoint and breaks from time to time, so it is optional and
imported only when a fetch runs. ``extract`` asks ``yfinance.Ticker(symbol).history(...)`` for
unadjusted daily bars with an ``Adj Close`` column and serialises the frame to CSV bytes (the
"raw payload"), so that ``transform`` stays pure and is tested on saved payloads of that shape:
``Date,Open,High,Low,Close,Adj Close,Volume`` with ``Date`` like ``2024-01-02 00:00:00-05:00``.

Our ids map to Yahoo symbols through :data:`YAHOO_IDS`; any other symbol is accepted and stored
under an id-safe lower-case form (``^GSPC`` → ``gspc``, ``GC=F`` → ``gc_f``, ``BRK-B`` → ``brk_b``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import Any, ClassVar

from thesis.data.providers.base import (
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

__all__ = [
    "YAHOO_IDS",
    "YAHOO_LICENSE",
    "YahooProvider",
    "history_to_payload",
    "yahoo_series_id",
]

YAHOO_LICENSE = "Yahoo Finance via yfinance: personal use only (Yahoo terms of service)"

#: our series id → Yahoo symbol
YAHOO_IDS: dict[str, str] = {
    "sp500": "^GSPC",
    "vix": "^VIX",
    "ndx": "^NDX",
    "rut": "^RUT",
    "spy": "SPY",
    "qqq": "QQQ",
    "iwm": "IWM",
    "tlt": "TLT",
    "ief": "IEF",
    "gld": "GLD",
    "gold": "GC=F",
    "wti": "CL=F",
}

# symbol → (name, unit, kind)
_META: dict[str, tuple[str, str, str]] = {
    "^GSPC": ("S&P 500 index (Yahoo)", "points", "index"),
    "^VIX": ("CBOE Volatility Index (Yahoo)", "points", "index"),
    "^NDX": ("Nasdaq-100 index (Yahoo)", "points", "index"),
    "^RUT": ("Russell 2000 index (Yahoo)", "points", "index"),
    "SPY": ("SPDR S&P 500 ETF (SPY)", "USD", "price"),
    "QQQ": ("Invesco QQQ Trust (QQQ)", "USD", "price"),
    "IWM": ("iShares Russell 2000 ETF (IWM)", "USD", "price"),
    "TLT": ("iShares 20+ Year Treasury Bond ETF (TLT)", "USD", "price"),
    "IEF": ("iShares 7-10 Year Treasury Bond ETF (IEF)", "USD", "price"),
    "GLD": ("SPDR Gold Shares (GLD)", "USD", "price"),
    "GC=F": ("Gold futures, front month (COMEX)", "USD per troy ounce", "price"),
    "CL=F": ("WTI crude oil futures, front month (NYMEX)", "USD per barrel", "price"),
}

_BY_SYMBOL = {v: k for k, v in YAHOO_IDS.items()}
_SYMBOL_RE = re.compile(r"^\^?[A-Za-z0-9][A-Za-z0-9.=\-]{0,30}$")
_COLUMNS = {
    "open": "open",
    "high": "high",
    "low": "low",
    "close": "value",
    "adj close": "adj_close",
    "volume": "volume",
}
INSTALL_HINT = "pip install 'thesis[yahoo]'"


def yahoo_series_id(symbol: str) -> str:
    """Our series id for a Yahoo symbol: a mapped id, or the symbol made id-safe."""
    if symbol in _BY_SYMBOL:
        return _BY_SYMBOL[symbol]
    return re.sub(r"[^a-z0-9]+", "_", symbol.lower()).strip("_")


@register
class YahooProvider(Provider):
    """Yahoo Finance daily bars by our ids (see :data:`YAHOO_IDS`) or raw Yahoo symbols."""

    name: ClassVar[str] = "yahoo"
    description: ClassVar[str] = "Yahoo Finance via yfinance (optional extra; breaks often)"

    # ------------------------------------------------------------------ 1. query (pure)
    def build_query(
        self,
        series: Sequence[str],
        start: str | None = None,
        end: str | None = None,
        **options: Any,
    ) -> Query:
        """Map our ids (or raw symbols) to Yahoo symbols."""
        ours, syms = map_series(
            "yahoo",
            series,
            YAHOO_IDS,
            _SYMBOL_RE.match,
            lambda s: (yahoo_series_id(s.upper()), s.upper()),
            kind="Yahoo symbol",
            fix="use one of our ids or a Yahoo symbol such as AAPL, ^GSPC or GC=F",
        )
        urls = {sym: f"https://finance.yahoo.com/quote/{sym}/history" for sym in syms}
        return Query(
            series=ours,
            provider_ids=syms,
            start=start,
            end=end,
            options={"urls": urls},
        )

    # ------------------------------------------------------------------ 2. extract (I/O)
    def extract(
        self, query: Query, progress: Callable[[str], None] | None = None
    ) -> dict[str, bytes]:
        """Daily bars per symbol from yfinance, serialised as CSV bytes."""
        yf = _import_yfinance()
        out: dict[str, bytes] = {}
        for sym in query.provider_ids:
            if progress:
                progress(f"yahoo {sym}")
            where = query.options.get("urls", {}).get(sym, sym)
            try:
                kwargs: dict[str, Any] = {"interval": "1d", "auto_adjust": False, "actions": False}
                if query.start or query.end:
                    kwargs.update(start=query.start, end=_end_exclusive(query.end))
                else:
                    kwargs["period"] = "max"
                df = yf.Ticker(sym).history(raise_errors=True, **kwargs)
            except Exception as e:  # yfinance raises many types; all mean "Yahoo did not deliver"
                raise ProviderError(
                    f"yahoo: yfinance failed for {sym!r} ({type(e).__name__}: {str(e)[:200]})",
                    where=where,
                    fix="check the symbol on finance.yahoo.com; yfinance breaks often: "
                    "`pip install -U yfinance`, or use `--provider stooq` / `--provider fred`",
                ) from e
            if df is None or len(df) == 0:
                raise ProviderError(
                    f"yahoo: no data for symbol {sym!r}",
                    where=where,
                    fix="check the symbol on finance.yahoo.com and the --start/--end window",
                )
            out[sym] = history_to_payload(df)
        return out

    # ------------------------------------------------------------------ 3. transform (pure)
    def transform(self, query: Query, raw: dict[str, bytes]) -> list[Batch]:
        """Parse each saved history frame into a :class:`SeriesBatch` (close → ``value``)."""
        batches: list[Batch] = []
        for s, sym, body, where in payloads("yahoo", query, raw):
            p = parse_csv_payload(body, provider="yahoo", where=where)
            cols = {c.lower(): i for i, c in enumerate(p.header)}
            missing = [c for c in ("date", "close") if c not in cols]
            if missing:
                raise ProviderError(
                    f"yahoo: the history frame lacks {', '.join(missing)} (columns: "
                    f"{', '.join(p.header)})",
                    where=where,
                    fix="yfinance changed its output; `pip install -U yfinance` or use another "
                    "provider",
                )
            # the local exchange date is the part before the time (Yahoo stamps bars at midnight
            # exchange time, e.g. 2024-01-02 00:00:00-05:00)
            frame = bars_frame(
                p,
                cols,
                _COLUMNS,
                label=partial(_header_label, p.header, cols),
                provider="yahoo",
                where=where,
                start=query.start,
                end=query.end,
            )
            name, unit, kind = _META.get(sym, (f"{sym} (Yahoo)", "see finance.yahoo.com", "price"))
            info = SeriesInfo(
                id=s,
                name=name,
                unit=unit,
                frequency="daily",
                kind=kind,
                provider="yahoo",
                provider_id=sym,
                origin=where,
                license=YAHOO_LICENSE,
                description="Yahoo daily bars via yfinance; value = close (split-adjusted), "
                "adj_close = close adjusted for dividends",
            )
            batches.append(SeriesBatch(info=info, frame=frame.reset_index(drop=True), where=where))
        return batches


def history_to_payload(df: Any) -> bytes:
    """Serialise a ``Ticker.history`` frame (DatetimeIndex ``Date``, OHLC columns) to CSV bytes."""
    df = df.copy()
    df.index.name = "Date"
    return df.to_csv(lineterminator="\n").encode()


def _import_yfinance() -> Any:
    try:
        import yfinance
    except ImportError:
        raise ProviderError(
            "yahoo: the optional package yfinance is not installed",
            where="yahoo",
            fix=f"{INSTALL_HINT} (or use `--provider stooq` / `--provider fred`)",
        ) from None
    return yfinance


def _end_exclusive(end: str | None) -> str | None:
    """yfinance's ``end`` is exclusive; ours is inclusive."""
    if end is None:
        return None
    import datetime as dt

    return (dt.date.fromisoformat(str(end)[:10]) + dt.timedelta(days=1)).isoformat()


def _header_label(header: Sequence[str], cols: Mapping[str, int], src: str) -> str:
    """The payload's own name of column ``src`` (for error messages)."""
    return header[cols[src]]
