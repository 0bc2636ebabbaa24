"""Series naming for known files: a declarative table, file name → series specs.

The CSV provider (:mod:`thesis.data.providers.csv`) looks a file up here by its name. A known file
is mapped column by column onto well-named series (``sp500``, ``ust10y``, ``spy``, ``ff3_smb_m``);
any other file is imported by inference (see that module). Units and layouts follow
``../shared/data/README.md``.

A series fed by two files (``ust10y`` from the daily Treasury file and from ``fred_daily_long``)
has one :class:`SeriesSpec` object used in both entries, so that both imports write the same
catalog entry; identical values on the overlap add no rows and no vintage.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from thesis.data.records import Frequency, SeriesInfo
from thesis.data.releases import PUBLICATION_LAG_DAYS

__all__ = ["KNOWN_FILES", "FileSpec", "SeriesSpec", "known_file", "series_info"]

PROVIDER = "csv"
_LAG = PUBLICATION_LAG_DAYS


@dataclass(frozen=True)
class SeriesSpec:
    """One series cut out of a file.

    Parameters
    ----------
    id, name, unit, frequency, kind
        As in :class:`~thesis.data.records.SeriesInfo`.
    value
        The file's column that holds ``value``.
    columns
        Extra observation fields: store field (``open``, ``high``, ``low``, ``volume``,
        ``adj_close``) → file column.
    key
        In a long file, the value of the file's key column that selects this series (``"SPY"``).
    origin
        File name(s) the series comes from; default: the file's own name.
    fill_only
        Only add dates the store does not hold yet for this series (a secondary source that
        extends a primary one; where the two disagree the primary wins).
    """

    id: str
    name: str
    unit: str
    frequency: Frequency
    kind: str
    value: str
    columns: Mapping[str, str] = field(default_factory=dict)
    key: str | None = None
    description: str = ""
    total_return: bool = False
    origin: str = ""
    provider_id: str = ""
    license: str = ""
    fill_only: bool = False
    #: days after the end of each observation's period before it is public (see
    #: :data:`thesis.data.releases.PUBLICATION_LAG_DAYS`)
    release_lag_days: int = 0


@dataclass(frozen=True)
class FileSpec:
    """How one known file maps onto series, events or securities.

    ``special`` names a parser for non-series content: ``fomc_meetings``, ``fomc_decisions``,
    ``sp500_constituents`` (which reads its ``companion`` file, the financials snapshot, too).
    """

    file: str
    series: tuple[SeriesSpec, ...] = ()
    date: str = "date"
    key: str | None = None
    license: str = ""
    special: str | None = None
    companion: str | None = None
    #: a file that is only read as the companion of this other file
    part_of: str | None = None


def series_info(spec: SeriesSpec, file: FileSpec) -> SeriesInfo:
    """The catalog entry a spec writes (provider ``csv``, origin = file name)."""
    return SeriesInfo(
        id=spec.id,
        name=spec.name,
        unit=spec.unit,
        frequency=spec.frequency,
        kind=spec.kind,
        provider=PROVIDER,
        provider_id=spec.provider_id or (f"{file.file}:{spec.key or spec.value}"),
        origin=spec.origin or file.file,
        license=spec.license or file.license,
        description=spec.description,
        total_return=spec.total_return,
        release_lag_days=spec.release_lag_days,
    )


# ---------------------------------------------------------------------------------------- licenses
_PDDL = "ODC-PDDL-1.0 (datahub.io core)"
_PUBLIC = "US government data, public domain (source repo has no license file)"
_YAHOO = "Yahoo Finance terms (research/test use, cite the source)"
_FRENCH = "Kenneth R. French Data Library: free to use with citation"
_FED = "Federal Reserve facts, public domain"

_OHLCV = {"open": "open", "high": "high", "low": "low", "volume": "volume"}


def _col(
    id: str, name: str, unit: str, freq: Frequency, kind: str, value: str, **kw: Any
) -> SeriesSpec:
    return SeriesSpec(id=id, name=name, unit=unit, frequency=freq, kind=kind, value=value, **kw)


# ---------------------------------------------------------------------------------------- shared specs
_UST_FILES = "us_treasury_2y_10y_daily.csv + fred_daily_long.csv"
UST10Y = _col(
    "ust10y",
    "US Treasury 10-year constant-maturity yield (daily)",
    "% p.a.",
    "daily",
    "yield",
    "dgs10_pct",
    key="DGS10",
    provider_id="DGS10",
    origin=_UST_FILES,
    license=_PUBLIC,
    description="FRED DGS10 / Fed H.15; holidays absent. Two files feed it; they agree on the overlap.",
)
UST2Y = _col(
    "ust2y",
    "US Treasury 2-year constant-maturity yield (daily)",
    "% p.a.",
    "daily",
    "yield",
    "dgs2_pct",
    key="DGS2",
    provider_id="DGS2",
    origin=_UST_FILES,
    license=_PUBLIC,
    description="FRED DGS2 / Fed H.15 (from 1976-06-01); holidays absent.",
)
FEDFUNDS = _col(
    "fedfunds",
    "Effective federal funds rate (monthly average)",
    "% p.a.",
    "monthly",
    "rate",
    "fedfunds_pct",
    key="FEDFUNDS",
    provider_id="FEDFUNDS",
    origin="fed_funds_effective_monthly.csv + fred_macro_long.csv",
    license=_PUBLIC,
    description="FRED FEDFUNDS; the two files agree on the overlap.",
)

_ETF_NAMES = {
    "SPY": "SPDR S&P 500 ETF",
    "IWM": "iShares Russell 2000 ETF",
    "TLT": "iShares 20+ Year Treasury Bond ETF",
    "GLD": "SPDR Gold Shares",
}
_ETF_FILES = "etf_daily_spy_iwm_tlt_gld.csv + etf_daily_recent_2026.csv"
_ETF_CLOSE = {
    t: _col(
        t.lower(),
        f"{n} (close)",
        "USD",
        "daily",
        "price",
        "close",
        columns={**_OHLCV, "adj_close": "adj_close"},
        key=t,
        provider_id=t,
        origin=_ETF_FILES,
        license=_YAHOO,
        description=(
            "Yahoo Close: split-adjusted, NOT dividend-adjusted (use "
            f"{t.lower()}_tr for total return). etf_daily_recent_2026.csv only adds dates the primary "
            "file lacks: on its 400 overlapping days with the primary file closes agree except the "
            "last day (2026-08-21, up to 0.10 USD apart), opens differ by up to 0.10 USD on 50 days "
            "and volumes differ on almost every day (another feed), so the primary Yahoo file wins."
        ),
    )
    for t, n in _ETF_NAMES.items()
}

_STOCKS = {
    "MSFT": "Microsoft",
    "AMZN": "Amazon",
    "NVDA": "NVIDIA",
    "GOOGL": "Alphabet (class A)",
    "META": "Meta Platforms",
    "PLPC": "Preformed Line Products",
    "INOD": "Innodata",
    "PATH": "UiPath",
    "FIVN": "Five9",
}

_SECTORS = {
    "XLU": "Utilities",
    "XLB": "Materials",
    "XLC": "Communication Services",
    "XLE": "Energy",
    "XLF": "Financials",
    "XLI": "Industrials",
    "XLK": "Technology",
    "XLP": "Consumer Staples",
    "XLRE": "Real Estate",
    "XLV": "Health Care",
    "XLY": "Consumer Discretionary",
}


def _ff(
    prefix: str, suffix: str, cols: tuple[str, ...], freq: Frequency, unit: str
) -> tuple[SeriesSpec, ...]:
    names = {
        "mkt_rf": "market minus risk-free",
        "smb": "small minus big",
        "hml": "high minus low",
        "rmw": "robust minus weak",
        "cma": "conservative minus aggressive",
        "rf": "risk-free rate",
    }
    return tuple(
        _col(
            f"{prefix}_{c}_{suffix}",
            f"Fama-French {prefix[-1]}-factor {names[c]} ({freq})",
            unit,
            freq,
            "factor",
            c,
        )
        for c in cols
    )


_MACRO: tuple[tuple[str, str, str, str, Frequency, int], ...] = (
    (
        "cpi_u_sa",
        "CPIAUCSL",
        "CPI-U all items, seasonally adjusted",
        "index 1982-84=100",
        "monthly",
        _LAG["bls_cpi"],
    ),
    (
        "core_cpi",
        "CPILFESL",
        "CPI-U less food and energy (core CPI), SA",
        "index 1982-84=100",
        "monthly",
        _LAG["bls_cpi"],
    ),
    (
        "core_pce",
        "PCEPILFE",
        "PCE price index less food and energy (core PCE)",
        "index 2017=100",
        "monthly",
        _LAG["bea_pce"],
    ),
    ("unrate", "UNRATE", "Unemployment rate", "%", "monthly", _LAG["bls_employment"]),
    (
        "payems",
        "PAYEMS",
        "Total nonfarm payrolls",
        "thousands of persons",
        "monthly",
        _LAG["bls_employment"],
    ),
    (
        "indpro",
        "INDPRO",
        "Industrial production index",
        "index 2017=100",
        "monthly",
        _LAG["fed_g17"],
    ),
    ("m2", "M2SL", "M2 money stock", "USD bn", "monthly", _LAG["fed_h6"]),
    ("usrec", "USREC", "NBER recession indicator", "0/1", "monthly", _LAG["nber"]),
    ("gdp_real", "GDPC1", "Real GDP", "chained 2017 USD bn, SAAR", "quarterly", _LAG["bea_gdp"]),
    ("gdp", "GDP", "Nominal GDP", "USD bn, SAAR", "quarterly", _LAG["bea_gdp"]),
)

# ---------------------------------------------------------------------------------------- the table
#: Known files in import order: primary sources before the files that extend them.
KNOWN_FILES: dict[str, FileSpec] = {
    f.file: f
    for f in (
        FileSpec(
            "sp500_daily_fred.csv",
            license=_PDDL + "; S&P DJI owns index values",
            series=(
                _col(
                    "sp500",
                    "S&P 500 index (daily close)",
                    "points",
                    "daily",
                    "index",
                    "close",
                    provider_id="SP500",
                    description="FRED SP500; trading days only.",
                ),
            ),
        ),
        FileSpec(
            "sp500_monthly_shiller.csv",
            license=_PDDL,
            series=(
                _col(
                    "sp500_monthly",
                    "S&P 500 (monthly average of daily closes, Shiller)",
                    "points",
                    "monthly",
                    "index",
                    "sp500",
                    description="From 2023-10 the monthly mean of FRED daily closes.",
                ),
                _col(
                    "sp500_eps",
                    "S&P 500 earnings per index share (Shiller)",
                    "USD, annualised",
                    "monthly",
                    "fundamental",
                    "earnings",
                    description="Ends 2023-06.",
                    release_lag_days=_LAG["sp_earnings"],
                ),
                _col(
                    "sp500_dividend",
                    "S&P 500 dividends per index share (Shiller)",
                    "USD, annualised",
                    "monthly",
                    "fundamental",
                    "dividend",
                    description="Ends 2023-06.",
                    release_lag_days=_LAG["sp_earnings"],
                ),
                _col(
                    "sp500_cape",
                    "Shiller CAPE (P/E10)",
                    "ratio",
                    "monthly",
                    "ratio",
                    "cape_pe10",
                    description="Empty for 1871-1880.",
                ),
                _col(
                    "shiller_cpi",
                    "CPI-U (Shiller's monthly series)",
                    "index 1982-84=100",
                    "monthly",
                    "macro",
                    "cpi",
                    description="Aug/Sep-2023 are Shiller's estimates.",
                    release_lag_days=_LAG["bls_cpi"],
                ),
                _col(
                    "shiller_gs10",
                    "10-year Treasury yield (Shiller's GS10)",
                    "% p.a.",
                    "monthly",
                    "yield",
                    "long_rate_gs10",
                ),
                _col(
                    "sp500_real_price",
                    "S&P 500 real price (Shiller)",
                    "Jan-2000 USD",
                    "monthly",
                    "index",
                    "real_price",
                ),
                _col(
                    "sp500_real_dividend",
                    "S&P 500 real dividend (Shiller)",
                    "Jan-2000 USD",
                    "monthly",
                    "fundamental",
                    "real_dividend",
                    release_lag_days=_LAG["sp_earnings"],
                ),
                _col(
                    "sp500_real_earnings",
                    "S&P 500 real earnings (Shiller)",
                    "Jan-2000 USD",
                    "monthly",
                    "fundamental",
                    "real_earnings",
                    release_lag_days=_LAG["sp_earnings"],
                ),
                _col(
                    "sp500_real_tr",
                    "S&P 500 real total-return price (Shiller)",
                    "Jan-2000 USD",
                    "monthly",
                    "index",
                    "real_total_return_price",
                    total_return=True,
                ),
                _col(
                    "sp500_tr_cape",
                    "Shiller total-return CAPE",
                    "ratio",
                    "monthly",
                    "ratio",
                    "tr_cape",
                ),
                _col(
                    "sp500_excess_cape_yield",
                    "Shiller excess CAPE yield",
                    "fraction",
                    "monthly",
                    "ratio",
                    "excess_cape_yield",
                ),
            ),
        ),
        FileSpec(
            "us_treasury_10y_monthly.csv",
            license=_PDDL,
            series=(
                _col(
                    "ust10y_monthly",
                    "US Treasury 10-year yield (monthly average)",
                    "% p.a.",
                    "monthly",
                    "yield",
                    "yield_10y_pct",
                    provider_id="GS10",
                    description="Fed H.15, monthly average.",
                ),
            ),
        ),
        FileSpec("us_treasury_2y_10y_daily.csv", license=_PUBLIC, series=(UST10Y, UST2Y)),
        FileSpec(
            "fred_daily_long.csv",
            key="series_id",
            license=_PUBLIC,
            series=(
                replace(UST10Y, value="value"),
                replace(UST2Y, value="value"),
                _col(
                    "ust10y2y",
                    "10-year minus 2-year Treasury spread",
                    "percentage points",
                    "daily",
                    "yield",
                    "value",
                    key="T10Y2Y",
                    provider_id="T10Y2Y",
                ),
                _col(
                    "breakeven10y",
                    "10-year breakeven inflation rate",
                    "%",
                    "daily",
                    "yield",
                    "value",
                    key="T10YIE",
                    provider_id="T10YIE",
                    description="From 2003.",
                ),
            ),
        ),
        FileSpec(
            "us_cpi_monthly.csv",
            license=_PDDL,
            series=(
                _col(
                    "cpi_u",
                    "CPI-U all items, not seasonally adjusted",
                    "index 1982-84=100",
                    "monthly",
                    "macro",
                    "cpi_u_index_1982_84_100",
                    provider_id="CPIAUCNS",
                    description="BLS; October 2025 is absent (not published).",
                    release_lag_days=_LAG["bls_cpi"],
                ),
                _col(
                    "cpi_u_mom",
                    "CPI-U month-over-month change (NSA)",
                    "% per month",
                    "monthly",
                    "macro",
                    "inflation_mom_pct",
                    description="Month-over-month, not year-over-year.",
                    release_lag_days=_LAG["bls_cpi"],
                ),
            ),
        ),
        FileSpec("fed_funds_effective_monthly.csv", license=_PUBLIC, series=(FEDFUNDS,)),
        FileSpec(
            "fred_macro_long.csv",
            key="series_id",
            license=_PUBLIC,
            series=(
                *(
                    _col(i, n, u, f, "macro", "value", key=k, provider_id=k, release_lag_days=lag)
                    for i, k, n, u, f, lag in _MACRO
                ),
                replace(FEDFUNDS, value="value"),
            ),
        ),
        FileSpec(
            "fed_funds_effective_daily.csv",
            license=_PUBLIC,
            series=(
                _col(
                    "fedfunds_daily",
                    "Effective federal funds rate (daily)",
                    "% p.a.",
                    "daily",
                    "rate",
                    "effr_pct",
                    provider_id="DFF",
                    description="FRED DFF, calendar days; ends 2023-03-22.",
                ),
            ),
        ),
        FileSpec(
            "gold_monthly.csv",
            license=_PDDL,
            series=(
                _col(
                    "gold_monthly",
                    "Gold price (monthly)",
                    "USD per troy oz",
                    "monthly",
                    "price",
                    "gold_usd_per_troy_oz",
                    description="1833-1959 annual value repeated monthly; 1960+ World Bank monthly average.",
                ),
            ),
        ),
        FileSpec(
            "vix_daily.csv",
            license=_PDDL + "; CBOE terms on source",
            series=(
                _col(
                    "vix",
                    "CBOE Volatility Index (close)",
                    "points",
                    "daily",
                    "index",
                    "close",
                    columns={"open": "open", "high": "high", "low": "low"},
                    provider_id="VIX",
                    description="Before 1992 open = high = low = close.",
                ),
            ),
        ),
        FileSpec(
            "etf_daily_spy_iwm_tlt_gld.csv",
            key="ticker",
            license=_YAHOO,
            series=(
                *_ETF_CLOSE.values(),
                *(
                    _col(
                        f"{t.lower()}_tr",
                        f"{n} (adjusted close, total return)",
                        "USD",
                        "daily",
                        "price",
                        "adj_close",
                        key=t,
                        provider_id=f"{t}:adj_close",
                        total_return=True,
                        description="Split- and dividend-adjusted as of 2026-03-27; ends 2026-03-27.",
                    )
                    for t, n in _ETF_NAMES.items()
                ),
            ),
        ),
        FileSpec(
            "etf_daily_recent_2026.csv",
            key="ticker",
            license="source repo has no license",
            series=(
                *(replace(s, columns=dict(_OHLCV), fill_only=True) for s in _ETF_CLOSE.values()),
                _col(
                    "xlu_close",
                    "Utilities Select Sector SPDR (close, unadjusted)",
                    "USD",
                    "daily",
                    "price",
                    "close",
                    columns=dict(_OHLCV),
                    key="XLU",
                    provider_id="XLU",
                    description="Close as reported by the feed, no dividend adjustment (2026-03-31..).",
                ),
            ),
        ),
        FileSpec(
            "sector_etf_daily_adjclose.csv",
            key="ticker",
            license=_YAHOO,
            series=tuple(
                _col(
                    t.lower(),
                    f"{n} Select Sector SPDR (adjusted close)",
                    "USD",
                    "daily",
                    "price",
                    "adj_close",
                    key=t,
                    provider_id=t,
                    total_return=True,
                    description="Split+dividend adjusted as of 2026-01-02 (reflects the late-2025 ~2:1 "
                    "split: earlier levels are about half the prices quoted at the time).",
                )
                for t, n in _SECTORS.items()
            ),
        ),
        FileSpec(
            "stocks_daily_yahoo_2000_2024.csv",
            key="ticker",
            license=_YAHOO + "; repo Unlicense",
            series=(
                *(
                    _col(
                        t.lower(),
                        f"{n} (close)",
                        "USD",
                        "daily",
                        "price",
                        "close",
                        columns={**_OHLCV, "adj_close": "adj_close"},
                        key=t,
                        provider_id=t,
                        description="Yahoo Close, split-adjusted as of 2024-03-09 (NVDA is before its "
                        "2024-06 10:1 split), not dividend-adjusted.",
                    )
                    for t, n in _STOCKS.items()
                ),
                *(
                    _col(
                        f"{t.lower()}_tr",
                        f"{n} (adjusted close, total return)",
                        "USD",
                        "daily",
                        "price",
                        "adj_close",
                        key=t,
                        provider_id=f"{t}:adj_close",
                        total_return=True,
                    )
                    for t, n in _STOCKS.items()
                ),
            ),
        ),
        FileSpec(
            "stocks_etfs_daily_iex_2020_2025.csv",
            key="ticker",
            license="none (Alpaca IEX feed)",
            series=tuple(
                _col(
                    f"{t.lower()}_iex",
                    f"{_STOCKS.get(t) or _ETF_NAMES.get(t) or 'Utilities Select Sector SPDR'} "
                    "(IEX feed, adjusted)",
                    "USD",
                    "daily",
                    "price",
                    "close",
                    columns=dict(_OHLCV),
                    key=t,
                    provider_id=t,
                    total_return=True,
                    description="LOWER QUALITY: Alpaca IEX feed, split+dividend adjusted; volume is IEX-only "
                    "(about 2-7% of consolidated). PLPC and INOD are unreliable (errors up to 35%). "
                    "Use only to extend 2024-03..2025-04 for rough work.",
                )
                for t in (*_STOCKS, "SPY", "IWM", "TLT", "GLD", "XLU")
            ),
        ),
        FileSpec(
            "fama_french_3factors_daily.csv",
            license=_FRENCH,
            series=_ff("ff3", "d", ("mkt_rf", "smb", "hml", "rf"), "daily", "% per day"),
        ),
        FileSpec(
            "fama_french_3factors_monthly.csv",
            license=_FRENCH,
            series=_ff("ff3", "m", ("mkt_rf", "smb", "hml", "rf"), "monthly", "% per month"),
        ),
        FileSpec(
            "fama_french_5factors_monthly.csv",
            license=_FRENCH,
            series=_ff(
                "ff5", "m", ("mkt_rf", "smb", "hml", "rmw", "cma", "rf"), "monthly", "% per month"
            ),
        ),
        FileSpec("fomc_meetings.csv", date="decision_date", license=_FED, special="fomc_meetings"),
        FileSpec(
            "fomc_decisions_1982_2022.csv",
            license=_FED,
            special="fomc_decisions",
            series=(
                _col(
                    "fed_target",
                    "Federal funds target rate (at each FOMC decision)",
                    "% p.a.",
                    "event",
                    "rate",
                    "target_rate_pct",
                    provider_id="fomc_decisions",
                    # the file's dates from 2017-05 to 2019-10 run one meeting behind the Fed's
                    # decisions (checked against the daily effective rate; the claim checker
                    # reads that rate instead after 2016, claims/fed_decisions.TARGET_RELIABLE_UNTIL)
                    description=(
                        "Upper bound of the target range since 2008-12; 1982-10..2022-01. From "
                        "2017 to 2019 the source file dates each change one meeting late (the "
                        "2017-03-15 hike appears on 2017-05-03): use the daily effective rate "
                        "(fedfunds_daily) for those years."
                    ),
                ),
            ),
        ),
        FileSpec(
            "sp500_constituents.csv",
            date="",
            license=_PDDL,
            special="sp500_constituents",
            companion="sp500_constituents_financials.csv",
        ),
        FileSpec(
            "sp500_constituents_financials.csv",
            date="",
            license=_PDDL,
            special="sp500_constituents",
            part_of="sp500_constituents.csv",
        ),
    )
}

#: snapshot dates of the constituents files (README: constituents 2026-08-08, financials ≈2026-08-21)
CONSTITUENTS_AS_OF = "2026-08-08"
FINANCIALS_AS_OF = "2026-08-21"


def known_file(name: str) -> FileSpec | None:
    """The spec of a known file name (the base name, case-sensitive), else None."""
    return KNOWN_FILES.get(name)
