"""Fixtures: a real store built from ../shared/data CSVs (read in place) and skfolio's bundled prices."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from thesis.data import SeriesBatch, SeriesInfo, Store


def _batch(
    sid: str, frame: pd.DataFrame, value: str, total_return: bool, where: str
) -> SeriesBatch:
    f = frame[["date", value]].rename(columns={value: "value"}).dropna()
    info = SeriesInfo(
        sid,
        sid.upper(),
        "USD",
        "daily",
        "price",
        "csv",
        sid,
        origin=where,
        total_return=total_return,
    )
    return SeriesBatch(info, f, where=where)


@pytest.fixture(scope="session")
def shared_store(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with spy_tr, iwm_tr, tlt_tr, gld_tr (adj. close), spy (price only), xlu, msft_tr, nvda_tr."""
    path = tmp_path_factory.mktemp("pstore") / "market.duckdb"
    etf = pd.read_csv(shared_data / "etf_daily_spy_iwm_tlt_gld.csv")
    sec = pd.read_csv(shared_data / "sector_etf_daily_adjclose.csv")
    stk = pd.read_csv(shared_data / "stocks_daily_yahoo_2000_2024.csv")
    batches = []
    for t in ("SPY", "IWM", "TLT", "GLD"):
        batches.append(
            _batch(
                f"{t.lower()}_tr",
                etf[etf.ticker == t],
                "adj_close",
                True,
                "etf_daily_spy_iwm_tlt_gld.csv",
            )
        )
    batches.append(
        _batch("spy", etf[etf.ticker == "SPY"], "close", False, "etf_daily_spy_iwm_tlt_gld.csv")
    )
    batches.append(
        _batch("xlu", sec[sec.ticker == "XLU"], "adj_close", True, "sector_etf_daily_adjclose.csv")
    )
    for t in ("MSFT", "NVDA"):
        batches.append(
            _batch(
                f"{t.lower()}_tr",
                stk[stk.ticker == t],
                "adj_close",
                True,
                "stocks_daily_yahoo_2000_2024.csv",
            )
        )
    with Store(path) as s:
        s.ingest(batches)
    return path


@pytest.fixture(scope="session")
def sp500_prices() -> pd.DataFrame:
    """skfolio's bundled daily prices of 20 S&P 500 stocks (adjusted), 1990-2022."""
    from skfolio.datasets import load_sp500_dataset

    return load_sp500_dataset()
