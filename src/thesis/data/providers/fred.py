"""FRED (Federal Reserve Bank of St. Louis): macro, rates and a few market series.

Two routes to the same observations:

* the public CSV download ``https://fred.stlouisfed.org/graph/fredgraph.csv?id=SERIES`` (no key).
  Its header is ``observation_date,SERIES`` (older files: ``DATE,SERIES``); a missing value is
  ``.`` or an empty cell; the file ends with a newline;
* the JSON API ``https://api.stlouisfed.org/fred/series/observations`` when ``FRED_API_KEY`` is
  set: ``{"observations": [{"date": "...", "value": "..."}, ...]}`` with ``"."`` for missing.

Our series ids map to FRED ids through :data:`FRED_IDS`; any other FRED id is accepted as is and
stored under its lower-cased id (``DEXUSEU`` → ``dexuseu``). Base URLs come from the constructor,
``$THESIS_FRED_URL`` / ``$THESIS_FRED_API_URL`` or the class attributes, in that order.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from thesis.data.providers.base import (
    HttpFetcher,
    Provider,
    Query,
    clip_window,
    looks_like_html,
    map_series,
    parse_csv_payload,
    parse_dates,
    parse_numbers,
    payloads,
    register,
)
from thesis.data.records import Batch, Frequency, SeriesBatch, SeriesInfo
from thesis.data.releases import PUBLICATION_LAG_DAYS
from thesis.errors import ProviderError, nearest

__all__ = ["FRED_IDS", "FRED_LICENSE", "FredProvider", "fred_series_info"]

FRED_LICENSE = "FRED: public domain (US gov) unless noted; SP500 © S&P DJI"

#: our series id → FRED id (``None``: FRED has no such series any more)
FRED_IDS: dict[str, str | None] = {
    "sp500": "SP500",
    "ust10y": "DGS10",
    "ust2y": "DGS2",
    "ust10y2y": "T10Y2Y",
    "breakeven10y": "T10YIE",
    "fedfunds": "FEDFUNDS",
    "fedfunds_daily": "DFF",
    "cpi_u": "CPIAUCNS",
    "cpi_u_sa": "CPIAUCSL",
    "core_cpi": "CPILFESL",
    "core_pce": "PCEPILFE",
    "unrate": "UNRATE",
    "payems": "PAYEMS",
    "indpro": "INDPRO",
    "m2": "M2SL",
    "usrec": "USREC",
    "gdp": "GDP",
    "gdp_real": "GDPC1",
    "vix": "VIXCLS",
    "gold": None,  # FRED dropped the LBMA gold fixings in 2022
    "aaa": "AAA",
    "baa": "BAA",
    "wti": "DCOILWTICO",
}

# FRED id → (name, unit, frequency, kind)
_META: dict[str, tuple[str, str, Frequency, str]] = {
    "SP500": ("S&P 500 index (close)", "points", "daily", "index"),
    "DGS10": ("10-year Treasury constant maturity yield", "% p.a.", "daily", "yield"),
    "DGS2": ("2-year Treasury constant maturity yield", "% p.a.", "daily", "yield"),
    "T10Y2Y": ("10-year minus 2-year Treasury yield spread", "percentage points", "daily", "yield"),
    "T10YIE": ("10-year breakeven inflation rate", "% p.a.", "daily", "rate"),
    "FEDFUNDS": ("Effective federal funds rate (monthly average)", "% p.a.", "monthly", "rate"),
    "DFF": ("Effective federal funds rate (daily)", "% p.a.", "daily", "rate"),
    "CPIAUCNS": (
        "CPI-U all items, not seasonally adjusted",
        "index 1982-84=100",
        "monthly",
        "macro",
    ),
    "CPIAUCSL": ("CPI-U all items, seasonally adjusted", "index 1982-84=100", "monthly", "macro"),
    "CPILFESL": (
        "CPI-U less food and energy (core), seasonally adjusted",
        "index 1982-84=100",
        "monthly",
        "macro",
    ),
    "PCEPILFE": (
        "PCE price index less food and energy (core PCE)",
        "index 2017=100",
        "monthly",
        "macro",
    ),
    "UNRATE": ("Unemployment rate, seasonally adjusted", "%", "monthly", "macro"),
    "PAYEMS": (
        "Total nonfarm payrolls, seasonally adjusted",
        "thousands of persons",
        "monthly",
        "macro",
    ),
    "INDPRO": ("Industrial production index", "index 2017=100", "monthly", "macro"),
    "M2SL": ("M2 money stock, seasonally adjusted", "billions of USD", "monthly", "macro"),
    "USREC": ("NBER recession indicator (1 = recession)", "0/1", "monthly", "macro"),
    "GDP": ("Gross domestic product, nominal", "billions of USD, SAAR", "quarterly", "macro"),
    "GDPC1": (
        "Real gross domestic product",
        "billions of chained 2017 USD, SAAR",
        "quarterly",
        "macro",
    ),
    "VIXCLS": ("CBOE Volatility Index (VIX) close", "points", "daily", "index"),
    "AAA": ("Moody's seasoned Aaa corporate bond yield", "% p.a.", "monthly", "yield"),
    "BAA": ("Moody's seasoned Baa corporate bond yield", "% p.a.", "monthly", "yield"),
    "DCOILWTICO": ("WTI crude oil spot price, Cushing OK", "USD per barrel", "daily", "price"),
}

#: FRED id → the release it comes from, for the catalog's publication lag
_RELEASE = {
    "CPIAUCNS": "bls_cpi",
    "CPIAUCSL": "bls_cpi",
    "CPILFESL": "bls_cpi",
    "PCEPILFE": "bea_pce",
    "UNRATE": "bls_employment",
    "PAYEMS": "bls_employment",
    "INDPRO": "fed_g17",
    "M2SL": "fed_h6",
    "USREC": "nber",
    "GDP": "bea_gdp",
    "GDPC1": "bea_gdp",
}

_BY_FRED = {v: k for k, v in FRED_IDS.items() if v}
_FRED_ID_RE = re.compile(r"^[A-Za-z0-9_]{1,40}$")
_DATE_HEADERS = ("observation_date", "date")


def fred_series_info(
    series: str, fred_id: str, frequency: Frequency | None = None, origin: str = ""
) -> SeriesInfo:
    """The catalog entry for ``series`` fetched as FRED ``fred_id``.

    ``frequency`` is used for FRED ids we have no metadata for (inferred from the dates).
    """
    name, unit, freq, kind = _META.get(
        fred_id, (f"FRED series {fred_id}", "see FRED", frequency or "daily", "macro")
    )
    return SeriesInfo(
        id=series,
        name=name,
        unit=unit,
        frequency=freq,
        kind=kind,
        provider="fred",
        provider_id=fred_id,
        origin=origin,
        license=FRED_LICENSE,
        description=f"https://fred.stlouisfed.org/series/{fred_id}",
        release_lag_days=PUBLICATION_LAG_DAYS.get(_RELEASE.get(fred_id, ""), 0),
    )


def infer_frequency(dates: Sequence[str]) -> Frequency:
    """daily / weekly / monthly / quarterly / annual from the median gap between ISO dates."""
    import numpy as np

    if len(dates) < 2:
        return "daily"
    d = np.array(dates, dtype="datetime64[D]")
    gap = float(np.median(np.diff(d).astype("int64")))
    limits: tuple[tuple[int, Frequency], ...] = (
        (4, "daily"), (10, "weekly"), (45, "monthly"), (140, "quarterly")
    )  # fmt: skip
    for limit, freq in limits:
        if gap <= limit:
            return freq
    return "annual"


@register
class FredProvider(Provider):
    """FRED series by our ids (see :data:`FRED_IDS`) or raw FRED ids.

    Parameters
    ----------
    csv_url
        The ``fredgraph.csv`` endpoint (default ``$THESIS_FRED_URL`` or :attr:`CSV_URL`).
    api_url
        The JSON observations endpoint (default ``$THESIS_FRED_API_URL`` or :attr:`API_URL`).
    api_key
        FRED API key (default ``$FRED_API_KEY``); when set the JSON API is used.
    timeout, retries, backoff
        See :class:`~thesis.data.providers.base.HttpFetcher`.
    """

    name: ClassVar[str] = "fred"
    description: ClassVar[str] = "FRED (St. Louis Fed): rates, inflation, macro; CSV or JSON API"
    CSV_URL: ClassVar[str] = "https://fred.stlouisfed.org/graph/fredgraph.csv"
    API_URL: ClassVar[str] = "https://api.stlouisfed.org/fred/series/observations"

    def __init__(
        self,
        csv_url: str | None = None,
        api_url: str | None = None,
        api_key: str | None = None,
        *,
        timeout: float = 30.0,
        retries: int = 3,
        backoff: float = 1.0,
    ) -> None:
        self.csv_url = csv_url or os.environ.get("THESIS_FRED_URL") or self.CSV_URL
        self.api_url = api_url or os.environ.get("THESIS_FRED_API_URL") or self.API_URL
        self.api_key = api_key if api_key is not None else os.environ.get("FRED_API_KEY") or None
        self.http = HttpFetcher(
            self.name,
            timeout=timeout,
            retries=retries,
            backoff=backoff,
            secrets=[self.api_key] if self.api_key else (),
        )

    # ------------------------------------------------------------------ 1. query (pure)
    def build_query(
        self,
        series: Sequence[str],
        start: str | None = None,
        end: str | None = None,
        **options: Any,
    ) -> Query:
        """Map our ids (or raw FRED ids) to FRED ids; record the URL of each for messages."""
        ours, ids = map_series(
            "fred",
            series,
            FRED_IDS,
            # a FRED id we map (any case) or any other well-formed FRED id
            lambda s: s.upper() in _BY_FRED or _FRED_ID_RE.match(s),
            lambda s: (_BY_FRED.get(s.upper(), s.lower()), s.upper()),
            kind="FRED id",
            fix="use one of our ids (`thesis data update --help`) or a FRED id such as "
            "DGS10 (letters, digits and '_')",
            unavailable=_no_fred_series,
        )
        mode = "api" if self.api_key else "csv"
        urls = {fid: self._shown_url(fid, start, end, mode) for fid in ids}
        return Query(
            series=ours,
            provider_ids=ids,
            start=start,
            end=end,
            options={"mode": mode, "urls": urls},
        )

    def _params(self, fid: str, start: str | None, end: str | None, mode: str) -> dict[str, str]:
        if mode == "api":
            p = {"series_id": fid, "file_type": "json"}
            if start:
                p["observation_start"] = str(start)[:10]
            if end:
                p["observation_end"] = str(end)[:10]
            return p
        p = {"id": fid}
        if start:
            p["cosd"] = str(start)[:10]
        if end:
            p["coed"] = str(end)[:10]
        return p

    def _shown_url(self, fid: str, start: str | None, end: str | None, mode: str) -> str:
        import httpx

        base = self.api_url if mode == "api" else self.csv_url
        return str(httpx.URL(base, params=self._params(fid, start, end, mode)))

    # ------------------------------------------------------------------ 2. extract (I/O)
    def extract(
        self, query: Query, progress: Callable[[str], None] | None = None
    ) -> dict[str, bytes]:
        """Download each FRED id (CSV, or JSON when an API key is set)."""
        mode = query.options.get("mode", "csv")
        out: dict[str, bytes] = {}
        for s, fid in zip(query.series, query.provider_ids, strict=True):
            if progress:
                progress(f"fred {fid}")
            params = self._params(fid, query.start, query.end, mode)
            hint = nearest(s, FRED_IDS)
            not_found = (
                f"{fid} is not a FRED series id"
                + (f"; did you mean {', '.join(hint)}?" if hint and s not in FRED_IDS else "")
                + " (search https://fred.stlouisfed.org for the id)"
            )
            if mode == "api":
                params["api_key"] = self.api_key or ""
                out[fid] = self.http.get(self.api_url, params, not_found=not_found)
            else:
                out[fid] = self.http.get(self.csv_url, params, not_found=not_found)
        return out

    # ------------------------------------------------------------------ 3. transform (pure)
    def transform(self, query: Query, raw: dict[str, bytes]) -> list[Batch]:
        """Parse each payload into a :class:`SeriesBatch` (``date``, ``value``, ``line``)."""
        import pandas as pd

        mode = query.options.get("mode", "csv")
        batches: list[Batch] = []
        for s, fid, body, where in payloads("fred", query, raw):
            if mode == "api":
                dates, values, lines = _parse_json(body, fid, where)
            else:
                dates, values, lines = _parse_csv(body, fid, where)
            frame = pd.DataFrame(
                {
                    "date": pd.to_datetime(pd.Series(dates, dtype="object")),
                    "value": pd.Series(values, dtype="float64"),
                    "line": pd.Series(lines, dtype="int64"),
                }
            )
            frame = clip_window(frame, query.start, query.end).reset_index(drop=True)
            info = fred_series_info(s, fid, infer_frequency(dates), origin=where)
            batches.append(SeriesBatch(info=info, frame=frame, where=where))
        return batches


def _no_fred_series(s: str) -> ProviderError:
    return ProviderError(
        f"fred: FRED has no series for {s!r}",
        where="fred",
        fix=f"fetch {s!r} with another provider (`--provider stooq` or "
        "`--provider yahoo`) or import a file with `thesis data import PATH`",
    )


def _parse_csv(body: bytes, fid: str, where: str) -> tuple[list[str], list[float], list[int]]:
    p = parse_csv_payload(body, provider="fred", where=where)
    h = [c.lower() for c in p.header]
    if len(h) != 2 or h[0] not in _DATE_HEADERS:
        raise ProviderError(
            f"fred: unexpected CSV header {','.join(p.header)!r} (expected "
            f"'observation_date,{fid}' or 'DATE,{fid}')",
            where=f"{where} line 1",
            fix="FRED changed its download format; use the JSON API (set FRED_API_KEY) or report it",
        )
    if p.header[1].upper() != fid.upper():
        raise ProviderError(
            f"fred: the CSV holds series {p.header[1]!r}, not {fid!r}",
            where=f"{where} line 1",
            fix="check the series id",
        )
    dates = parse_dates([r[0] for r in p.rows], p.lines, provider="fred", where=where)
    values = parse_numbers(
        [r[1] for r in p.rows], p.lines, column=fid, provider="fred", where=where
    )
    return dates, values, p.lines


def _parse_json(body: bytes, fid: str, where: str) -> tuple[list[str], list[float], list[int]]:
    if looks_like_html(body):
        raise ProviderError(
            "fred: returned an HTML page instead of JSON",
            where=where,
            fix="the FRED API is down or has moved; try again later or unset FRED_API_KEY to use "
            "the CSV download",
        )
    try:
        doc = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise ProviderError(
            f"fred: the JSON body is truncated or invalid ({e.msg if hasattr(e, 'msg') else e})"
            + (
                f" at line {e.lineno} column {e.colno}"
                if isinstance(e, json.JSONDecodeError)
                else ""
            ),
            where=where,
            fix="the transfer was interrupted; run `thesis data update` again",
        ) from None
    if not isinstance(doc, dict) or "observations" not in doc:
        msg = doc.get("error_message") if isinstance(doc, dict) else None
        raise ProviderError(
            "fred: the JSON has no 'observations'" + (f" ({msg})" if msg else ""),
            where=where,
            fix="check the series id and the API key",
        )
    obs = doc["observations"]
    n = len(obs)
    # JSON has no line numbers; the position in the list (1-based) stands in for them
    lines = list(range(1, n + 1))
    try:
        date_cells = [str(o["date"]) for o in obs]
        value_cells = [str(o["value"]) for o in obs]
    except (KeyError, TypeError) as e:
        raise ProviderError(
            f"fred: an observation lacks {e}", where=where, fix="report it: the API format changed"
        ) from None
    dates = parse_dates(date_cells, lines, provider="fred", where=where, place="observation")
    values = parse_numbers(
        value_cells, lines, column=fid, provider="fred", where=where, place="observation"
    )
    return dates, values, lines
