"""Fixtures for the screener: a small real DuckDB store with made-up but realistic prices.

``synthetic_store`` holds, on XNYS sessions 2019-01-02..2025-11-26:

- ``idx``: an index (points, price only);
- ``aaa_tr``/``aaa`` (total return / close with volume), ``bbb_tr``, ``ccc_tr``, ``ddd_tr``: stocks
  driven by the index plus noise (``ccc`` ends 2024-03-08, as the shared Yahoo file does);
- ``ccc_iex``: a lower-quality feed of CCC to 2025-04-04 (its description says so), which extends it;
- ``eee_tr``: a stock whose history starts in 2025 (a short history);
- S&P-style reference rows for AAA, BBB, CCC, DDD and ZZZ (ZZZ has no prices; DDD was added to
  the index on 2024-06-03).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from thesis.data import SecurityBatch, SeriesBatch, SeriesInfo, Store

AS_OF = "2025-11-26"


def sessions(start: str = "2019-01-02", end: str = AS_OF) -> pd.DatetimeIndex:
    from thesis.data.calendars import sessions_between

    return sessions_between(start, end, include_start=True)


def _info(sid: str, name: str, *, tr: bool, desc: str = "", pid: str | None = None) -> SeriesInfo:
    return SeriesInfo(
        sid, name, "USD", "daily", "price", "test", pid or sid.split("_")[0].upper(),
        total_return=tr, description=desc,
    )  # fmt: skip


@pytest.fixture(scope="session")
def synthetic_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    rng = np.random.default_rng(7)
    days = sessions()
    n = len(days)
    ri = rng.normal(0.0003, 0.011, n)
    index = 3000 * np.exp(np.cumsum(ri))
    batches = [
        SeriesBatch(
            SeriesInfo("idx", "Test index", "points", "daily", "index", "test", "IDX"),
            pd.DataFrame({"date": days, "value": index}),
        )
    ]

    def stock(beta: float, vol: float, drift: float) -> np.ndarray:
        rs = drift + beta * ri + rng.normal(0, vol, n)
        return 50 * np.exp(np.cumsum(rs))

    aaa = stock(1.2, 0.010, 0.0004)
    bbb = stock(0.8, 0.015, -0.0002)
    ccc = stock(1.5, 0.020, 0.0008)
    ddd = stock(1.0, 0.012, 0.0001)
    vol = rng.integers(100_000, 200_000, n).astype(float)
    for sid, px in (("aaa_tr", aaa), ("bbb_tr", bbb), ("ddd_tr", ddd)):
        batches.append(
            SeriesBatch(_info(sid, f"{sid[:3].upper()} Inc (total return)", tr=True),
                        pd.DataFrame({"date": days, "value": px}))
        )  # fmt: skip
    batches.append(
        SeriesBatch(
            _info("aaa", "AAA Inc (close)", tr=False),
            pd.DataFrame({"date": days, "value": aaa * 0.98, "volume": vol}),
        )
    )
    end_c = days <= pd.Timestamp("2024-03-08")
    batches.append(
        SeriesBatch(_info("ccc_tr", "CCC Corp (total return)", tr=True),
                    pd.DataFrame({"date": days[end_c], "value": ccc[end_c]}))
    )  # fmt: skip
    iex = (days >= pd.Timestamp("2020-07-27")) & (days <= pd.Timestamp("2025-04-04"))
    batches.append(
        SeriesBatch(
            _info("ccc_iex", "CCC Corp (IEX feed)", tr=True,
                  desc="LOWER QUALITY: an IEX-only feed", pid="CCC"),
            pd.DataFrame({"date": days[iex], "value": ccc[iex] * 0.5}),
        )
    )  # fmt: skip
    late = days >= pd.Timestamp("2025-01-02")
    batches.append(
        SeriesBatch(_info("eee_tr", "EEE Ltd (total return)", tr=True),
                    pd.DataFrame({"date": days[late], "value": stock(1.0, 0.02, 0.0)[late]}))
    )  # fmt: skip
    batches.append(
        SecurityBatch(
            frame=pd.DataFrame(
                {
                    "symbol": ["AAA", "BBB", "CCC", "DDD", "ZZZ"],
                    "name": ["AAA Inc", "BBB Corp", "CCC Corp", "DDD Co", "ZZZ plc"],
                    "sector": [
                        "Information Technology",
                        "Utilities",
                        "Industrials",
                        "Utilities",
                        "Energy",
                    ],
                    "date_added": [
                        "2001-01-01",
                        "2010-05-05",
                        "2015-03-03",
                        "2024-06-03",
                        "2000-01-01",
                    ],
                    "cik": [1111, 2222, 3333, 4444, 5555],
                    "market_cap_usd": [300e9, 5e9, 1e9, 20e9, 500e6],
                    "financials_as_of": ["2026-08-21"] * 5,
                    "as_of": ["2026-08-08"] * 5,
                }
            ),
            provider="test",
            universe="sp500",
        )
    )
    path = tmp_path_factory.mktemp("screen_store") / "market.duckdb"
    with Store(path) as s:
        s.ingest(batches)
    return path


@pytest.fixture
def store(synthetic_store: Path):
    s = Store(synthetic_store, read_only=True)
    yield s
    s.close()
