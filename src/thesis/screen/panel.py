"""Which store series price each ticker, and the wide price frame the features are computed on.

A ticker may have several price series in the store: a total-return series, a price-only close
(with volume), and a lower-quality feed that reaches later (the shared data's IEX file, flagged
"LOWER QUALITY" in its catalog description). The rule, for every ticker alike:

* the *primary* series is the best one public on ``as_of``: not flagged lower quality, total return
  before price only, then the one that reaches latest, then the longest;
* a lower-quality series that reaches later *extends* it: its returns are chained onto the
  primary's last close (never its levels: the two files may be adjusted differently), and the
  choice records the date the extension starts, so every output can say so;
* liquidity (median dollar volume) comes only from a series that is not flagged lower quality
  (an IEX-only volume is a few percent of the consolidated tape).

A store with more price series (any provider whose ``provider_id`` names the ticker, e.g.
``PLPC`` or ``PLPC:adj_close``) is read the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from thesis.data.records import SeriesInfo
from thesis.errors import DataError, SeriesNotFoundError
from thesis.facts import Source

__all__ = ["Panel", "PriceChoice", "choose_prices", "load_panel", "price_catalog", "ticker_of"]

_LOWER_QUALITY = re.compile(r"lower quality", re.IGNORECASE)


def ticker_of(info: SeriesInfo) -> str | None:
    """The ticker a price series belongs to (``PLPC:adj_close`` → ``PLPC``, ``spy.us`` → ``SPY``).

    ``None`` for series that are not prices of a traded instrument (indices, rates, macro).
    """
    if info.kind != "price":
        return None
    pid = (info.provider_id or "").split(":")[0].strip()
    if not pid:
        pid = info.id.split("_")[0]
    pid = re.sub(r"\.us$", "", pid, flags=re.IGNORECASE)
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9.\-]{0,9}", pid):
        return None
    return pid.upper()


def lower_quality(info: SeriesInfo) -> bool:
    """Whether the catalog flags the series as lower quality (its description says so)."""
    return bool(_LOWER_QUALITY.search(info.description or ""))


def price_catalog(view: Any) -> dict[str, list[SeriesInfo]]:
    """Ticker → its price series in the store (catalog order)."""
    out: dict[str, list[SeriesInfo]] = {}
    for sid in view.series_ids():
        info = view.info(sid)
        t = ticker_of(info)
        if t is not None:
            out.setdefault(t, []).append(info)
    return out


@dataclass(frozen=True)
class PriceChoice:
    """The series that price one ticker on a date.

    Attributes
    ----------
    ticker
        Upper case.
    series
        The primary series id.
    extension
        A lower-quality series chained on after the primary's last close, or ``None``.
    extension_from
        The first date priced by the extension.
    volume_series
        The series whose ``volume`` gives liquidity (``None``: none trustworthy).
    total_return
        Whether the primary includes dividends.
    """

    ticker: str
    series: str
    extension: str | None = None
    extension_from: pd.Timestamp | None = None
    volume_series: str | None = None
    total_return: bool = False

    def describe(self) -> str:
        text = f"{self.series}" + (" (total return)" if self.total_return else " (price only)")
        if self.extension:
            text += (
                f", extended from {self.extension_from.date() if self.extension_from else '?'} "
                f"with the lower-quality {self.extension}"
            )
        return text


def _rank(info: SeriesInfo, span: tuple[pd.Timestamp, pd.Timestamp, int]) -> tuple[Any, ...]:
    _start, end, count = span
    return (not info.total_return, -end.value, -count)


def choose_prices(
    candidates: Sequence[SeriesInfo],
    spans: dict[str, tuple[pd.Timestamp, pd.Timestamp, int]],
    ticker: str,
) -> PriceChoice | None:
    """Pick the primary series, an extension and the volume series among ``candidates``.

    ``spans`` gives each candidate's first date, last date (both within ``as_of``) and count;
    candidates without a span have no data public on ``as_of``.
    """
    have = [c for c in candidates if c.id in spans]
    if not have:
        return None
    good = [c for c in have if not lower_quality(c)] or have
    primary = min(good, key=lambda c: _rank(c, spans[c.id]))
    p_end = spans[primary.id][1]
    ext = None
    ext_from = None
    later = [
        c for c in have if c.id != primary.id and spans[c.id][1] > p_end and spans[c.id][0] <= p_end
    ]
    if later:
        ext_info = min(later, key=lambda c: (not c.total_return, -spans[c.id][1].value))
        ext = ext_info.id
    vol = [c for c in have if not lower_quality(c) and not c.total_return]
    vol_series = min(vol, key=lambda c: _rank(c, spans[c.id])).id if vol else None
    if ext is not None:
        ext_from = p_end  # refined by load_panel to the first extension date after p_end
    return PriceChoice(
        ticker=ticker,
        series=primary.id,
        extension=ext,
        extension_from=ext_from,
        volume_series=vol_series,
        total_return=primary.total_return,
    )


@dataclass(frozen=True)
class Panel:
    """Prices of many tickers side by side, as public on ``as_of``.

    Attributes
    ----------
    prices
        Dates × tickers (USD; NaN where a ticker has no observation that day), the primary series
        with any extension chained on.
    dollar_volume
        Dates × tickers: close × volume (USD) from the volume series, NaN where unknown.
    index
        The index series (``index_id``) on its own dates.
    choices
        Ticker → :class:`PriceChoice`.
    missing
        Tickers asked for that have no price data public on ``as_of``.
    quotes
        Ticker → ``(date, close, series id)``: the last close as the series that priced that day
        states it (not the chained level, which carries the primary's adjustments).
    sources
        Lineage of every series read.
    """

    prices: pd.DataFrame
    dollar_volume: pd.DataFrame
    index: pd.Series
    index_id: str
    as_of: pd.Timestamp
    choices: dict[str, PriceChoice] = field(default_factory=dict)
    missing: tuple[str, ...] = ()
    quotes: dict[str, tuple[pd.Timestamp, float, str]] = field(default_factory=dict)
    sources: tuple[Source, ...] = ()

    @property
    def tickers(self) -> list[str]:
        return list(self.prices.columns)

    def upto(self, when: Any) -> Panel:
        """The same panel cut at ``when`` (for re-screening at past dates without re-reading)."""
        t = pd.Timestamp(when).normalize()
        return Panel(
            prices=self.prices.loc[:t],
            dollar_volume=self.dollar_volume.loc[:t],
            index=self.index.loc[:t],
            index_id=self.index_id,
            as_of=t,
            choices=self.choices,
            missing=self.missing,
            quotes={},  # the quotes describe as_of; a cut panel is for features only
            sources=self.sources,
        )


def load_panel(
    view: Any,
    tickers: Sequence[str],
    *,
    index: str,
    series: dict[str, str] | None = None,
    start: Any = None,
) -> Panel:
    """Read the prices of ``tickers`` and the index through ``view`` into a :class:`Panel`.

    Parameters
    ----------
    view
        A :class:`~thesis.data.view.StoreView` (only data public on its ``as_of`` are read).
    tickers
        Upper-case tickers; those without price data are listed in ``Panel.missing``.
    index
        The index series id (e.g. ``sp500``).
    series
        Ticker → a price series id to use instead of the automatic choice.
    start
        First date to keep (default: everything).
    """
    cat = price_catalog(view)
    series = {k.upper(): v for k, v in (series or {}).items()}
    reads: dict[str, pd.DataFrame | pd.Series | None] = {}
    closes: dict[str, pd.Series] = {}
    volumes: dict[str, pd.Series] = {}
    choices: dict[str, PriceChoice] = {}
    missing: list[str] = []
    quotes: dict[str, tuple[pd.Timestamp, float, str]] = {}
    sources: dict[str, Source] = {}

    def read(sid: str, fields: list[str] | None = None) -> Any:
        """The series as public on the view's date (cached; ``None`` when nothing is)."""
        key = sid + ("|" + ",".join(fields) if fields else "")
        if key not in reads:
            try:
                reads[key] = view.get(sid, start, fields=fields, record=False)
            except (DataError, SeriesNotFoundError):
                reads[key] = None
        return reads[key]

    def use(x: Any) -> Any:
        src = x.attrs.get("source")
        if isinstance(src, Source):
            sources[src.series] = src
            view.use(x)
        return x

    def spans(ids: Iterable[str]) -> dict[str, tuple[pd.Timestamp, pd.Timestamp, int]]:
        out = {}
        for sid in ids:
            x = read(sid)
            if x is not None:
                x = x.dropna()
                if len(x):
                    out[sid] = (x.index[0], x.index[-1], len(x))
        return out

    for t in dict.fromkeys(x.upper() for x in tickers):
        if t in series:
            info = view.info(series[t])
            cands = [info]
        else:
            cands = cat.get(t, [])
        choice = choose_prices(cands, spans(c.id for c in cands), t)
        if choice is None:
            missing.append(t)
            continue
        s = use(read(choice.series)).dropna()
        quotes[t] = (s.index[-1], float(s.iloc[-1]), choice.series)
        if choice.extension:
            e = use(read(choice.extension)).dropna()
            p_end = s.index[-1]
            anchor = e.loc[:p_end]
            after = e.loc[e.index > p_end]
            if len(anchor) and len(after):
                # chain the extension's returns onto the primary's last close
                scaled = s.iloc[-1] * after / anchor.iloc[-1]
                s = pd.concat([s, scaled])
                quotes[t] = (after.index[-1], float(after.iloc[-1]), choice.extension)
                choice = PriceChoice(
                    ticker=t,
                    series=choice.series,
                    extension=choice.extension,
                    extension_from=after.index[0],
                    volume_series=choice.volume_series,
                    total_return=choice.total_return,
                )
            else:
                choice = PriceChoice(
                    ticker=t,
                    series=choice.series,
                    volume_series=choice.volume_series,
                    total_return=choice.total_return,
                )
        closes[t] = s
        choices[t] = choice
        if choice.volume_series:
            v = read(choice.volume_series, ["value", "volume"])
            dv = (v["value"] * v["volume"]).dropna() if v is not None else v
            if dv is not None and len(dv):
                use(v)
                volumes[t] = dv
    ix = read(index)
    if ix is None:
        view.get(index, start)  # raises the store's error naming the series and the fix
    idx = use(ix).dropna()
    prices = pd.concat(closes, axis=1).sort_index() if closes else pd.DataFrame()
    if len(prices.columns):
        prices.columns = list(closes)
    dollar = (
        pd.concat(volumes, axis=1).reindex(index=prices.index, columns=prices.columns)
        if volumes
        else pd.DataFrame(np.nan, index=prices.index, columns=prices.columns)
    )
    return Panel(
        prices=prices.astype("float64"),
        dollar_volume=dollar.astype("float64"),
        index=idx.astype("float64"),
        index_id=index,
        as_of=view.as_of,
        choices=choices,
        missing=tuple(missing),
        quotes=quotes,
        sources=tuple(sources.values()),
    )
