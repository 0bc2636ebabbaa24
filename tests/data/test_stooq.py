"""Stooq provider against a real HTTP server on 127.0.0.1 replaying Stooq's daily CSV."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from thesis.data import SeriesBatch, Store
from thesis.data.providers import get_provider
from thesis.data.providers.stooq import StooqProvider, stooq_series_id
from thesis.errors import ProviderError

PAYLOADS = Path(__file__).resolve().parents[1] / "fixtures" / "payloads"
PATH = "/q/d/l/"


def payload(name: str) -> bytes:
    return (PAYLOADS / name).read_bytes()


def stooq(server: HTTPServer, **kw: Any) -> StooqProvider:
    kw.setdefault("retries", 2)
    kw.setdefault("backoff", 0.01)
    kw.setdefault("timeout", 2.0)
    return StooqProvider(url=server.url_for(PATH), **kw)


def test_registered_by_name() -> None:
    assert isinstance(get_provider("stooq"), StooqProvider)


def test_ohlcv_success(httpserver: HTTPServer) -> None:
    httpserver.expect_request(PATH, query_string={"s": "spy.us", "i": "d"}).respond_with_data(
        payload("stooq_spy_us.csv"), content_type="text/csv"
    )
    (batch,) = stooq(httpserver).fetch(["spy"])
    assert isinstance(batch, SeriesBatch)
    assert batch.info.id == "spy" and batch.info.provider_id == "spy.us"
    assert batch.info.unit == "USD" and batch.info.kind == "price"
    f = batch.frame
    assert len(f) == 5
    last = f.iloc[-1]
    # the fixture's last line: 2025-11-26,677.63,681.75,676.36,679.68,74632710
    assert str(last["date"].date()) == "2025-11-26"
    assert (last["open"], last["high"], last["low"], last["value"], last["volume"]) == (
        677.63,
        681.75,
        676.36,
        679.68,
        74632710.0,
    )
    assert f["line"].tolist() == [2, 3, 4, 5, 6]


def test_no_volume_column_and_gold_id(httpserver: HTTPServer) -> None:
    httpserver.expect_request(PATH, query_string={"s": "xauusd", "i": "d"}).respond_with_data(
        payload("stooq_xauusd.csv")
    )
    (batch,) = stooq(httpserver).fetch(["gold"])
    assert isinstance(batch, SeriesBatch)
    assert batch.info.id == "gold" and batch.info.unit == "USD per troy ounce"
    assert "volume" not in batch.frame.columns
    assert batch.frame["value"].tolist() == [4134.83, 4130.40, 4163.98]


def test_raw_symbols_and_window(httpserver: HTTPServer) -> None:
    httpserver.expect_request(
        PATH, query_string={"s": "aapl.us", "i": "d", "d1": "20251125", "d2": "20251126"}
    ).respond_with_data(payload("stooq_spy_us.csv"))
    (batch,) = stooq(httpserver).fetch(["AAPL"], start="2025-11-25", end="2025-11-26")
    assert isinstance(batch, SeriesBatch)
    assert batch.info.id == "aapl" and batch.info.provider_id == "aapl.us"
    assert batch.frame["value"].tolist() == [675.02, 679.68]
    assert stooq_series_id("^dax") == "dax" and stooq_series_id("7203.jp") == "7203_jp"


def test_ingest_ohlcv_into_store(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request(PATH).respond_with_data(payload("stooq_spy_us.csv"))
    with Store(tmp_path / "m.duckdb") as store:
        store.ingest(stooq(httpserver).fetch(["spy"]))
        df = store.get("spy", fields=["open", "value", "volume"], start="2025-11-25")
        assert df.loc["2025-11-25", "open"] == 668.61
        assert df.loc["2025-11-26", "volume"] == 74632710


def test_no_data_body_is_clear_error(httpserver: HTTPServer) -> None:
    httpserver.expect_request(PATH).respond_with_data("No data")
    with pytest.raises(ProviderError) as ei:
        stooq(httpserver).fetch(["zzzz.us"])
    msg = str(ei.value)
    assert "no data for symbol 'zzzz.us'" in msg and "s=zzzz.us" in msg and ".us" in msg
    assert len(httpserver.log) == 1


def test_hits_limit(httpserver: HTTPServer) -> None:
    httpserver.expect_request(PATH).respond_with_data("Exceeded the daily hits limit")
    with pytest.raises(ProviderError, match="daily download limit"):
        stooq(httpserver).fetch(["spy"])


def test_404(httpserver: HTTPServer) -> None:
    httpserver.expect_request(PATH).respond_with_data("", status=404)
    with pytest.raises(ProviderError, match=r"stooq: HTTP 404") as ei:
        stooq(httpserver).fetch(["spy"])
    assert "s=spy.us" in str(ei.value) and len(httpserver.log) == 1


@pytest.mark.parametrize("status", [429, 502])
def test_retry_then_clear_error(httpserver: HTTPServer, status: int) -> None:
    httpserver.expect_request(PATH).respond_with_data("", status=status)
    with pytest.raises(ProviderError) as ei:
        stooq(httpserver, retries=3).fetch(["spy"])
    assert len(httpserver.log) == 4
    msg = str(ei.value)
    assert f"HTTP {status}" in msg and "after 4 attempts" in msg and "s=spy.us" in msg


def test_retry_after_header_is_honoured(httpserver: HTTPServer) -> None:
    httpserver.expect_ordered_request(PATH).respond_with_data(
        "", status=429, headers={"Retry-After": "0"}
    )
    httpserver.expect_ordered_request(PATH).respond_with_data(payload("stooq_spy_us.csv"))
    (batch,) = stooq(httpserver, backoff=30).fetch(["spy"])  # Retry-After: 0 beats the backoff
    assert isinstance(batch, SeriesBatch)
    assert len(batch.frame) == 5


def test_timeout(httpserver: HTTPServer) -> None:
    def slow(request: Request) -> Response:
        time.sleep(0.5)
        return Response(payload("stooq_spy_us.csv"))

    httpserver.expect_request(PATH).respond_with_handler(slow)
    with pytest.raises(ProviderError, match=r"timed out after 0\.1 s after 1 attempt"):
        stooq(httpserver, timeout=0.1, retries=0).fetch(["spy"])


def test_truncated_mid_line(httpserver: HTTPServer) -> None:
    full = payload("stooq_spy_us.csv")
    httpserver.expect_request(PATH).respond_with_data(full[: full.index(b"676.36") + 3])
    with pytest.raises(ProviderError) as ei:
        stooq(httpserver).fetch(["spy"])
    msg = str(ei.value)
    assert "truncated" in msg and "line 6" in msg and "2025-11-26,677.63,681.75,676" in msg


def test_html_page(httpserver: HTTPServer) -> None:
    httpserver.expect_request(PATH).respond_with_data(payload("html_error.html"))
    with pytest.raises(ProviderError, match="returned an HTML page instead of daily CSV"):
        stooq(httpserver).fetch(["spy"])


def test_changed_format(httpserver: HTTPServer) -> None:
    httpserver.expect_request(PATH).respond_with_data(b"Get your apikey:\nhttps://stooq.com/...\n")
    with pytest.raises(ProviderError, match=r"unexpected CSV header .*missing date"):
        stooq(httpserver).fetch(["spy"])


def test_bad_symbol_rejected_before_io() -> None:
    with pytest.raises(ProviderError, match="neither a known series nor a Stooq symbol"):
        StooqProvider().build_query(["spy us!"])
