"""Yahoo provider: transform on a saved history-frame payload, and the missing-extra path.

yfinance cannot be pointed at a local server, so nothing here fetches; the network-free parts
(query mapping, the payload format, transform, errors) are tested instead.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from thesis.data import SeriesBatch, Store
from thesis.data.providers import get_provider
from thesis.data.providers.yahoo import YahooProvider, history_to_payload, yahoo_series_id
from thesis.errors import ProviderError

PAYLOADS = Path(__file__).resolve().parents[1] / "fixtures" / "payloads"


def test_registered_by_name() -> None:
    assert isinstance(get_provider("yahoo"), YahooProvider)


def test_query_maps_ids_and_raw_symbols() -> None:
    q = YahooProvider().build_query(["sp500", "spy", "aapl", "GC=F", "brk-b"], start="2025-01-02")
    assert q.provider_ids == ("^GSPC", "SPY", "AAPL", "GC=F", "BRK-B")
    assert q.series == ("sp500", "spy", "aapl", "gold", "brk_b")
    assert yahoo_series_id("^FTSE") == "ftse"
    with pytest.raises(ProviderError, match="neither a known series nor a Yahoo symbol"):
        YahooProvider().build_query(["s p y"])


def test_transform_saved_payload() -> None:
    p = YahooProvider()
    q = p.build_query(["spy"])
    (batch,) = p.transform(q, {"SPY": (PAYLOADS / "yahoo_SPY.csv").read_bytes()})
    assert isinstance(batch, SeriesBatch)
    f = batch.frame
    assert batch.info.id == "spy" and batch.info.provider == "yahoo" and batch.info.unit == "USD"
    # the exchange-local date, not the UTC instant (00:00-05:00 is 05:00 UTC the same day)
    assert [str(d.date()) for d in f["date"]] == ["2025-11-24", "2025-11-25", "2025-11-26"]
    assert f["value"].iloc[-1] == pytest.approx(679.6799926757812, abs=0)
    assert f["adj_close"].iloc[-1] == pytest.approx(677.9541625976562, abs=0)
    assert f["volume"].tolist() == [80437900.0, 79916400.0, 74632700.0]


def test_payload_round_trip_from_history_frame(tmp_path: Path) -> None:
    # a frame shaped like yfinance's Ticker.history(auto_adjust=False, actions=False)
    idx = pd.DatetimeIndex(["2024-03-08", "2024-03-11", "2024-03-12"], name="Date").tz_localize(
        "America/New_York"
    )  # DST starts 2024-03-10: offsets -05:00 then -04:00
    df = pd.DataFrame(
        {
            "Open": [5123.3, 5111.0, 5117.9],
            "High": [5189.3, 5124.7, 5179.1],
            "Low": [5117.5, 5091.1, 5114.5],
            "Close": [5123.69, 5117.94, 5175.27],
            "Adj Close": [5123.69, 5117.94, 5175.27],
            "Volume": [3.9e9, 3.8e9, 4.1e9],
        },
        index=idx,
    )
    p = YahooProvider()
    q = p.build_query(["^GSPC"])
    (batch,) = p.transform(q, {"^GSPC": history_to_payload(df)})
    assert isinstance(batch, SeriesBatch)
    assert batch.info.id == "sp500" and batch.info.unit == "points"
    assert [str(d.date()) for d in batch.frame["date"]] == [
        "2024-03-08",
        "2024-03-11",
        "2024-03-12",
    ]
    np.testing.assert_array_equal(batch.frame["value"], df["Close"].to_numpy())
    with Store(tmp_path / "m.duckdb") as store:
        store.ingest([batch])
        assert store.latest("sp500").value == 5175.27


def test_transform_rejects_truncated_and_foreign_payloads() -> None:
    p = YahooProvider()
    q = p.build_query(["spy"])
    raw = (PAYLOADS / "yahoo_SPY.csv").read_bytes()
    with pytest.raises(ProviderError, match=r"truncated.*line 4"):
        p.transform(q, {"SPY": raw[:-20]})
    with pytest.raises(ProviderError, match="lacks close"):
        p.transform(q, {"SPY": b"Date,Price\n2025-11-24,1\n"})


def test_missing_extra_is_clear(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "yfinance", None)  # makes `import yfinance` fail
    with pytest.raises(ProviderError) as ei:
        YahooProvider().fetch(["spy"])
    msg = str(ei.value)
    assert "yfinance is not installed" in msg and "pip install 'thesis[yahoo]'" in msg


def test_import_is_lazy() -> None:
    code = "import sys, thesis.data.providers.yahoo;print('yfinance' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
