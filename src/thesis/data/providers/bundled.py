"""The ``bundled`` provider: the offline dataset, built only from data shipped inside installed wheels.

Nothing is downloaded and nothing is synthetic. Each series records the package, its version and
the loader in ``origin`` (e.g. ``skfolio 0.x: skfolio.datasets.load_sp500_index()``).

Sources (loaders that download, such as skfolio's Nasdaq or FTSE 100 sets, are not used):

- skfolio.datasets: ``load_sp500_index`` → ``sp500`` (1990-01-02..2022-12-28); ``load_sp500_dataset``
  → 20 adjusted stock prices (``aapl``, ``amd``, ``bac``, …); ``load_factors_dataset`` → factor ETFs
  ``mtum``, ``qual``, ``size``, ``usmv``, ``vlue``;
- arch.data: ``sp500`` → ``sp500_ohlc``, ``nasdaq`` (OHLCV 1999-2018), ``vix`` (2014-2019),
  ``frenchdata`` → ``ff3_*_m`` (its index holds integers such as 192607 for 1926-07), ``core_cpi``,
  ``default`` → ``aaa``, ``baa``, ``wti`` (daily), ``crude`` → ``brent_monthly``, ``wti_monthly``;
- statsmodels.datasets.macrodata (quarterly 1959-2009) → ``tbill3m_q``, ``cpi_q``, ``realgdp_q``,
  ``unemp_q``, ``infl_q``, ``realint_q``.
"""

from __future__ import annotations

import gzip
import importlib
import importlib.util
import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from thesis.data.providers.base import Provider, Query, register
from thesis.data.records import Batch, Frequency, IngestReport, SeriesBatch, SeriesInfo
from thesis.data.releases import PUBLICATION_LAG_DAYS
from thesis.errors import ProviderError, nearest

if TYPE_CHECKING:
    from thesis.data.store import Store

__all__ = ["BUNDLE", "BundleSpec", "BundledProvider", "build_bundle", "load_frame"]


@dataclass(frozen=True)
class BundleSpec:
    """One series cut out of one wheel loader's frame.

    ``loader`` is ``"module:function"``; ``value`` the frame's column; ``columns`` maps store fields
    (``open``, ``high``, ``low``, ``volume``, ``adj_close``) to frame columns.
    """

    id: str
    loader: str
    value: str
    name: str
    unit: str
    frequency: Frequency
    kind: str
    columns: Mapping[str, str] = field(default_factory=dict)
    total_return: bool = False
    description: str = ""
    #: days after each period's end before the figure is public (``PUBLICATION_LAG_DAYS``)
    release_lag_days: int = 0

    @property
    def package(self) -> str:
        return self.loader.split(".", 1)[0]


_SK_INDEX = "skfolio.datasets:load_sp500_index"
_SK_STOCKS = "skfolio.datasets:load_sp500_dataset"
_SK_FACTORS = "skfolio.datasets:load_factors_dataset"
_STOCKS = (
    "AAPL",
    "AMD",
    "BAC",
    "BBY",
    "CVX",
    "GE",
    "HD",
    "JNJ",
    "JPM",
    "KO",
    "LLY",
    "MRK",
    "MSFT",
    "PEP",
    "PFE",
    "PG",
    "RRC",
    "UNH",
    "WMT",
    "XOM",
)
_FACTOR_ETFS = {
    "MTUM": "momentum",
    "QUAL": "quality",
    "SIZE": "size",
    "USMV": "minimum volatility",
    "VLUE": "value",
}
_OHLC = {"open": "Open", "high": "High", "low": "Low", "volume": "Volume", "adj_close": "Adj Close"}
_MACRO = "statsmodels.datasets.macrodata:load_pandas"


def _s(
    id: str, loader: str, value: str, name: str, unit: str, freq: Frequency, kind: str, **kw: Any
) -> BundleSpec:
    return BundleSpec(id, loader, value, name, unit, freq, kind, **kw)


BUNDLE: tuple[BundleSpec, ...] = (
    _s("sp500", _SK_INDEX, "SP500", "S&P 500 index (daily close)", "points", "daily", "index"),
    *(
        _s(
            t.lower(),
            _SK_STOCKS,
            t,
            f"{t} (adjusted close)",
            "USD",
            "daily",
            "price",
            total_return=True,
            description="Adjusted for splits and dividends (skfolio's S&P 500 sample).",
        )
        for t in _STOCKS
    ),
    *(
        _s(
            t.lower(),
            _SK_FACTORS,
            t,
            f"iShares MSCI USA {n} factor ETF ({t}, adjusted close)",
            "USD",
            "daily",
            "price",
            total_return=True,
        )
        for t, n in _FACTOR_ETFS.items()
    ),
    _s(
        "sp500_ohlc",
        "arch.data.sp500:load",
        "Close",
        "S&P 500 index OHLCV (daily)",
        "points",
        "daily",
        "index",
        columns=_OHLC,
    ),
    _s(
        "nasdaq",
        "arch.data.nasdaq:load",
        "Close",
        "NASDAQ Composite OHLCV (daily)",
        "points",
        "daily",
        "index",
        columns=_OHLC,
    ),
    _s(
        "vix",
        "arch.data.vix:load",
        "vix",
        "CBOE Volatility Index (close)",
        "points",
        "daily",
        "index",
    ),
    *(
        _s(
            f"ff3_{c}_m",
            "arch.data.frenchdata:load",
            col,
            f"Fama-French 3-factor {c} (monthly)",
            "% per month",
            "monthly",
            "factor",
        )
        for c, col in (("mkt_rf", "Mkt-RF"), ("smb", "SMB"), ("hml", "HML"), ("rf", "RF"))
    ),
    _s(
        "core_cpi",
        "arch.data.core_cpi:load",
        "CPILFESL",
        "CPI-U less food and energy (core CPI), SA",
        "index 1982-84=100",
        "monthly",
        "macro",
        release_lag_days=PUBLICATION_LAG_DAYS["bls_cpi"],
    ),
    _s(
        "aaa",
        "arch.data.default:load",
        "AAA",
        "Moody's Aaa corporate bond yield",
        "% p.a.",
        "monthly",
        "yield",
    ),
    _s(
        "baa",
        "arch.data.default:load",
        "BAA",
        "Moody's Baa corporate bond yield",
        "% p.a.",
        "monthly",
        "yield",
    ),
    _s(
        "wti",
        "arch.data.wti:load",
        "DCOILWTICO",
        "WTI crude oil spot (daily)",
        "USD per barrel",
        "daily",
        "price",
    ),
    _s(
        "brent_monthly",
        "arch.data.crude:load",
        "Brent",
        "Brent crude oil (monthly)",
        "USD per barrel",
        "monthly",
        "price",
        description="Dated the 15th of each month, as in the loader.",
    ),
    _s(
        "wti_monthly",
        "arch.data.crude:load",
        "WTI",
        "WTI crude oil (monthly)",
        "USD per barrel",
        "monthly",
        "price",
        description="Dated the 15th of each month, as in the loader.",
    ),
    _s(
        "tbill3m_q",
        _MACRO,
        "tbilrate",
        "3-month Treasury bill rate (quarterly)",
        "% p.a.",
        "quarterly",
        "rate",
    ),
    _s(
        "cpi_q",
        _MACRO,
        "cpi",
        "CPI-U (quarterly, end of quarter)",
        "index 1982-84=100",
        "quarterly",
        "macro",
        release_lag_days=PUBLICATION_LAG_DAYS["bls_cpi"],
    ),
    _s(
        "realgdp_q",
        _MACRO,
        "realgdp",
        "Real GDP (quarterly)",
        "chained 2005 USD bn, SAAR",
        "quarterly",
        "macro",
        release_lag_days=PUBLICATION_LAG_DAYS["bea_gdp"],
    ),
    _s(
        "unemp_q",
        _MACRO,
        "unemp",
        "Unemployment rate (quarterly)",
        "%",
        "quarterly",
        "macro",
        release_lag_days=PUBLICATION_LAG_DAYS["bls_employment"],
    ),
    _s(
        "infl_q",
        _MACRO,
        "infl",
        "Inflation rate (quarterly, annualised)",
        "% p.a.",
        "quarterly",
        "macro",
    ),
    _s(
        "realint_q",
        _MACRO,
        "realint",
        "Real interest rate (quarterly)",
        "% p.a.",
        "quarterly",
        "rate",
    ),
)

_LICENSES = {
    "skfolio": "shipped in the skfolio wheel (BSD-3-Clause); prices originally from Yahoo Finance",
    "arch": "shipped in the arch wheel (NCSA); data originally from FRED, Yahoo Finance, Ken French",
    "statsmodels": "shipped in the statsmodels wheel (BSD-3-Clause); US government data, public domain",
}


#: the files the wheel loaders read, with how each package's loader reads them. Read here without
#: importing the package: ``import skfolio`` imports scikit-learn and ``arch.data`` imports arch,
#: about a second of CPU each for a few compressed CSV files. A file not found where its version of
#: the package keeps it is left to the loader itself (tests/data/test_bundled.py compares every
#: series with its loader's output).
_WHEEL_FILES: dict[str, tuple[str, str, str]] = {
    _SK_INDEX: ("skfolio", "datasets/data/sp500_index.csv.gz", "skfolio"),
    _SK_STOCKS: ("skfolio", "datasets/data/sp500_dataset.csv.gz", "skfolio"),
    _SK_FACTORS: ("skfolio", "datasets/data/factors_dataset.csv.gz", "skfolio"),
    **{
        f"arch.data.{name}:load": ("arch", f"data/{name}/{file}", "arch")
        for name, file in (
            ("sp500", "sp500.csv.gz"),
            ("nasdaq", "nasdaq.csv.gz"),
            ("vix", "vix.csv.gz"),
            ("frenchdata", "frenchdata.csv.gz"),
            ("core_cpi", "core-cpi.csv.gz"),
            ("default", "default.csv.gz"),
            ("wti", "wti.csv.gz"),
            ("crude", "crude.csv.gz"),
        )
    },
}


def _read_wheel_file(loader: str) -> pd.DataFrame | None:
    """The frame ``loader`` returns, read from its file as the package's loader reads it, or None
    when the file is not where :data:`_WHEEL_FILES` says (the loader is then called)."""
    entry = _WHEEL_FILES.get(loader)
    if entry is None:
        return None
    pkg, rel, how = entry
    spec = importlib.util.find_spec(pkg)  # finds the package without running its __init__
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / rel
    if not path.is_file():
        return None
    if how == "skfolio":  # skfolio.datasets._base.load_gzip_compressed_csv_data
        with gzip.open(path, mode="rt", encoding="utf-8") as fh:
            df = pd.read_csv(fh, sep=",", index_col=0)
        df.index = pd.to_datetime(df.index, format="%Y-%m-%d")
        return df
    data = pd.read_csv(path)  # arch.data.utility.load_file
    if "Date" in data:
        data["Date"] = pd.to_datetime(data["Date"])
        data = data.set_index("Date")
    for col in data:
        data[col] = pd.to_numeric(data[col], errors="coerce")
    return data


def load_frame(loader: str) -> pd.DataFrame:
    """Call a wheel loader (``"module:function"``) and return its frame indexed by date.

    statsmodels' macrodata has ``year``/``quarter`` columns: the date is the quarter's first day.
    arch's frenchdata index holds integers such as 192607 stored as nanoseconds since 1970; they
    are decoded to the month's first day.
    """
    obj = _read_wheel_file(loader)
    if obj is None:
        mod_name, fn = loader.split(":")
        obj = getattr(importlib.import_module(mod_name), fn)()
    df = obj.data if hasattr(obj, "data") and not isinstance(obj, pd.DataFrame) else obj
    df = pd.DataFrame(df).copy()
    if loader == _MACRO:
        start = pd.PeriodIndex.from_fields(  # type: ignore[attr-defined]  # pandas>=2.2; stubs lag
            year=df["year"].astype(int), quarter=df["quarter"].astype(int), freq="Q"
        )
        df.index = start.to_timestamp(how="start")
    elif isinstance(df.index, pd.DatetimeIndex) and df.index.max() < pd.Timestamp("1971-01-01"):
        ints = df.index.as_unit("ns").asi8
        df.index = pd.to_datetime(ints.astype(str), format="%Y%m")
    df.index = pd.DatetimeIndex(df.index).as_unit("ns").rename("date")
    return df


@register
class BundledProvider(Provider):
    """Offline data from installed wheels (skfolio, arch, statsmodels)."""

    name = "bundled"
    description = "offline sample data shipped inside installed wheels (skfolio, arch, statsmodels)"

    def build_query(
        self,
        series: Sequence[str] = (),
        start: str | None = None,
        end: str | None = None,
        **options: Any,
    ) -> Query:
        ids = {s.id for s in BUNDLE}
        unknown = [s for s in series if s not in ids]
        if unknown:
            hint = nearest(unknown[0], ids)
            raise ProviderError(
                f"bundled: no series {unknown[0]!r}"
                + (f"; did you mean {', '.join(hint)}?" if hint else ""),
                where="bundled",
                fix=f"choose among {', '.join(sorted(ids))}",
            )
        chosen = tuple(series) or tuple(s.id for s in BUNDLE)
        loaders = tuple(dict.fromkeys(s.loader for s in BUNDLE if s.id in chosen))
        return Query(
            series=chosen, provider_ids=loaders, start=start, end=end, options=dict(options)
        )

    def extract(
        self, query: Query, progress: Callable[[str], None] | None = None
    ) -> dict[str, bytes]:
        """Run each wheel loader and serialise its frame to Parquet bytes (no network)."""
        raw: dict[str, bytes] = {}
        for loader in query.provider_ids:
            if progress:
                progress(f"bundled: {loader}")
            try:
                df = load_frame(loader)
            except (ImportError, AttributeError, OSError) as e:
                raise ProviderError(
                    f"bundled: the loader failed ({type(e).__name__}: {e})",
                    where=loader,
                    fix=f"install the package that ships it (pip install {loader.split('.')[0]})",
                ) from e
            buf = io.BytesIO()
            df.rename(columns=str).to_parquet(buf)
            raw[loader] = buf.getvalue()
        return raw

    def transform(self, query: Query, raw: dict[str, bytes]) -> list[Batch]:
        frames = {k: pd.read_parquet(io.BytesIO(v)) for k, v in raw.items()}
        out: list[Batch] = []
        for spec in BUNDLE:
            if spec.id not in query.series:
                continue
            df = frames[spec.loader]
            if query.start is not None:
                df = df[df.index >= pd.Timestamp(query.start)]
            if query.end is not None:
                df = df[df.index <= pd.Timestamp(query.end)]
            frame = pd.DataFrame(
                {
                    "date": df.index.to_numpy(dtype="datetime64[ns]"),
                    "value": df[spec.value].to_numpy(dtype="float64"),
                }
            )
            for fld, col in spec.columns.items():
                frame[fld] = df[col].to_numpy(dtype="float64")
            frame = frame[np.isfinite(frame["value"].to_numpy())].reset_index(drop=True)
            pkg = spec.package
            mod, fn = spec.loader.split(":")
            info = SeriesInfo(
                id=spec.id,
                name=spec.name,
                unit=spec.unit,
                frequency=spec.frequency,
                kind=spec.kind,
                provider="bundled",
                provider_id=f"{mod}.{fn}:{spec.value}",
                origin=f"{pkg} {version(pkg)}: {mod}.{fn}()",
                license=_LICENSES[pkg],
                description=spec.description,
                total_return=spec.total_return,
                release_lag_days=spec.release_lag_days,
            )
            out.append(SeriesBatch(info, frame, where=f"{mod}.{fn}()"))
        return out


def build_bundle(
    store: Store, progress: Callable[[str], None] | None = None, series: Sequence[str] = ()
) -> IngestReport:
    """Build the offline dataset into ``store`` in one transaction (idempotent).

    Parameters
    ----------
    store
        A writable :class:`~thesis.data.store.Store`.
    progress
        Called with one line per loader.
    series
        Restrict to these bundle ids (default: all, see :data:`BUNDLE`).
    """
    batches = BundledProvider().fetch(series, progress=progress)
    rep = store.ingest(batches, provider="bundled", origin="wheels: skfolio, arch, statsmodels")
    if rep.new_rows:
        store.optimize()  # cluster by series so that reads stay fast
    return rep
