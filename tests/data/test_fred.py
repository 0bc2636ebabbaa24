"""FRED provider against a real HTTP server on 127.0.0.1 replaying FRED's CSV and JSON formats."""

from __future__ import annotations

import math
import time
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from thesis.data import SeriesBatch, Store
from thesis.data.providers import get_provider
from thesis.data.providers.fred import FRED_IDS, FredProvider, infer_frequency
from thesis.errors import ProviderError

PAYLOADS = Path(__file__).resolve().parents[1] / "fixtures" / "payloads"
CSV_PATH = "/graph/fredgraph.csv"
API_PATH = "/fred/series/observations"
KEY = "sekrit0123456789abcdef"


def payload(name: str) -> bytes:
    return (PAYLOADS / name).read_bytes()


def fred(server: HTTPServer, **kw: Any) -> FredProvider:
    kw.setdefault("retries", 2)
    kw.setdefault("backoff", 0.01)
    kw.setdefault("timeout", 2.0)
    return FredProvider(csv_url=server.url_for(CSV_PATH), api_url=server.url_for(API_PATH), **kw)


@pytest.fixture(autouse=True)
def _no_env_key(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("FRED_API_KEY", "THESIS_FRED_URL", "THESIS_FRED_API_URL"):
        monkeypatch.delenv(var, raising=False)


def test_registered_by_name() -> None:
    assert isinstance(get_provider("fred"), FredProvider)


def test_csv_success_maps_ids_and_parses_missing(httpserver: HTTPServer) -> None:
    httpserver.expect_request(CSV_PATH, query_string={"id": "SP500"}).respond_with_data(
        payload("fred_SP500.csv"), content_type="text/csv"
    )
    (batch,) = fred(httpserver).fetch(["sp500"])
    assert isinstance(batch, SeriesBatch)
    assert batch.info.id == "sp500"
    assert batch.info.provider_id == "SP500"
    assert batch.info.unit == "points" and batch.info.frequency == "daily"
    assert "S&P DJI" in batch.info.license
    f = batch.frame
    # the fixture's rows: 8 dates, Thanksgiving 2025-11-27 empty
    assert len(f) == 8
    close = dict(zip(f["date"].dt.strftime("%Y-%m-%d"), f["value"], strict=True))
    assert close["2025-11-26"] == 6812.61  # the reference close
    assert math.isnan(close["2025-11-27"])
    assert list(f["line"])[:2] == [2, 3]  # header is line 1
    assert "id=SP500" in batch.where


def test_csv_old_header_and_dot_missing(httpserver: HTTPServer) -> None:
    httpserver.expect_request(CSV_PATH, query_string={"id": "DGS10"}).respond_with_data(
        payload("fred_DGS10_old.csv")
    )
    (batch,) = fred(httpserver).fetch(["ust10y"])
    assert isinstance(batch, SeriesBatch)
    assert batch.info.id == "ust10y" and batch.info.unit == "% p.a." and batch.info.kind == "yield"
    vals = batch.frame["value"].tolist()
    assert math.isnan(vals[0])
    assert vals[1:] == [3.95, 3.91, 3.99, 4.05]


def test_raw_fred_id_and_window_passed_as_params(httpserver: HTTPServer) -> None:
    body = b"observation_date,DEXUSEU\n2024-01-02,1.0956\n2024-01-03,1.0919\n2024-01-04,1.0953\n"
    httpserver.expect_request(
        CSV_PATH, query_string={"id": "DEXUSEU", "cosd": "2024-01-03", "coed": "2024-01-04"}
    ).respond_with_data(body)
    (batch,) = fred(httpserver).fetch(["DEXUSEU"], start="2024-01-03", end="2024-01-04")
    assert isinstance(batch, SeriesBatch)
    assert batch.info.id == "dexuseu" and batch.info.provider_id == "DEXUSEU"
    # transform also applies the window (servers may ignore cosd/coed)
    assert batch.frame["value"].tolist() == [1.0919, 1.0953]


def test_ingest_into_store_and_reread(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request(CSV_PATH).respond_with_data(payload("fred_SP500.csv"))
    with Store(tmp_path / "m.duckdb") as store:
        rep = store.ingest(fred(httpserver).fetch(["sp500"]))
        assert rep.new_rows == 7  # 8 rows, one missing value dropped
        assert store.latest("sp500", as_of="2025-11-26").value == 6812.61
        again = store.ingest(fred(httpserver).fetch(["sp500"]))
        assert again.new_rows == 0


def test_json_api_with_key(httpserver: HTTPServer) -> None:
    httpserver.expect_request(
        API_PATH, query_string={"series_id": "CPIAUCNS", "file_type": "json", "api_key": KEY}
    ).respond_with_data(payload("fred_api_CPIAUCNS.json"), content_type="application/json")
    (batch,) = fred(httpserver, api_key=KEY).fetch(["cpi_u"])
    assert isinstance(batch, SeriesBatch)
    assert batch.info.id == "cpi_u" and batch.info.frequency == "monthly"
    assert batch.info.unit == "index 1982-84=100"
    v = batch.frame["value"].tolist()
    assert v[0] == 308.417 and math.isnan(v[4]) and v[5] == 314.175
    assert KEY not in batch.where and KEY not in batch.info.origin


def test_env_key_selects_api(httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRED_API_KEY", KEY)
    monkeypatch.setenv("THESIS_FRED_API_URL", httpserver.url_for(API_PATH))
    httpserver.expect_request(API_PATH).respond_with_data(payload("fred_api_CPIAUCNS.json"))
    (batch,) = FredProvider(retries=0).fetch(["CPIAUCNS"])
    assert isinstance(batch, SeriesBatch)
    assert batch.info.id == "cpi_u"  # a raw FRED id we map is stored under our id
    assert len(batch.frame) == 6


def test_404_unknown_series_not_retried(httpserver: HTTPServer) -> None:
    httpserver.expect_request(CSV_PATH).respond_with_data("Not Found", status=404)
    with pytest.raises(ProviderError) as ei:
        fred(httpserver).fetch(["NOSUCHSERIES"])
    msg = str(ei.value)
    assert "fred" in msg and "404" in msg and "id=NOSUCHSERIES" in msg
    assert "fred.stlouisfed.org" in msg  # the fix says where to look the id up
    assert len(httpserver.log) == 1


@pytest.mark.parametrize("status", [429, 500, 503])
def test_retryable_status_retried_then_clear_error(httpserver: HTTPServer, status: int) -> None:
    httpserver.expect_request(CSV_PATH).respond_with_data("busy", status=status)
    with pytest.raises(ProviderError) as ei:
        fred(httpserver, retries=2).fetch(["sp500"])
    msg = str(ei.value)
    assert len(httpserver.log) == 3  # one try + two retries
    assert f"HTTP {status}" in msg and "after 3 attempts" in msg
    assert msg.startswith(httpserver.url_for(CSV_PATH)) and "id=SP500" in msg
    assert "fred:" in msg and "try again later" in msg


def test_retry_then_success(httpserver: HTTPServer) -> None:
    httpserver.expect_ordered_request(CSV_PATH).respond_with_data("", status=502)
    httpserver.expect_ordered_request(CSV_PATH).respond_with_data(payload("fred_SP500.csv"))
    (batch,) = fred(httpserver).fetch(["sp500"])
    assert isinstance(batch, SeriesBatch)
    assert len(batch.frame) == 8 and len(httpserver.log) == 2


def test_timeout(httpserver: HTTPServer) -> None:
    def slow(request: Request) -> Response:
        time.sleep(0.6)
        return Response(payload("fred_SP500.csv"))

    httpserver.expect_request(CSV_PATH).respond_with_handler(slow)
    with pytest.raises(ProviderError) as ei:
        fred(httpserver, timeout=0.1, retries=1).fetch(["sp500"])
    msg = str(ei.value)
    assert "timed out after 0.1 s" in msg and "after 2 attempts" in msg and "id=SP500" in msg


def test_truncated_body_names_line(httpserver: HTTPServer) -> None:
    full = payload("fred_SP500.csv")
    cut = full[: full.index(b"6812.61") + 4]  # "2025-11-26,6812" with no newline
    httpserver.expect_request(CSV_PATH).respond_with_data(cut)
    with pytest.raises(ProviderError) as ei:
        fred(httpserver).fetch(["sp500"])
    msg = str(ei.value)
    assert "truncated" in msg and "line 7" in msg and "2025-11-26,6812" in msg


def test_ragged_line_names_line(httpserver: HTTPServer) -> None:
    body = b"observation_date,SP500\n2025-11-24,6705.12\n2025-11-25\n2025-11-26,6812.61\n"
    httpserver.expect_request(CSV_PATH).respond_with_data(body)
    with pytest.raises(ProviderError, match=r"line 3 has 1 fields"):
        fred(httpserver).fetch(["sp500"])


def test_text_in_value_names_line(httpserver: HTTPServer) -> None:
    body = b"observation_date,SP500\n2025-11-24,6705.12\n2025-11-25,n/a!\n"
    httpserver.expect_request(CSV_PATH).respond_with_data(body)
    with pytest.raises(ProviderError, match=r"'n/a!' in numeric column 'SP500' at line 3"):
        fred(httpserver).fetch(["sp500"])


def test_html_instead_of_csv(httpserver: HTTPServer) -> None:
    httpserver.expect_request(CSV_PATH).respond_with_data(
        payload("html_error.html"), content_type="text/html"
    )
    with pytest.raises(ProviderError) as ei:
        fred(httpserver).fetch(["sp500"])
    msg = str(ei.value)
    assert "HTML page instead of CSV" in msg and "Service Unavailable" in msg
    assert "id=SP500" in msg


def test_unexpected_header(httpserver: HTTPServer) -> None:
    httpserver.expect_request(CSV_PATH).respond_with_data(b"foo,bar,baz\n1,2,3\n")
    with pytest.raises(ProviderError, match="unexpected CSV header 'foo,bar,baz'"):
        fred(httpserver).fetch(["sp500"])


def test_api_key_never_in_errors(httpserver: HTTPServer) -> None:
    # FRED answers a bad request with 400 and a JSON error message; 500 is retried
    httpserver.expect_ordered_request(API_PATH).respond_with_json(
        {"error_code": 400, "error_message": f"Bad Request. api_key={KEY} is not registered."},
        status=400,
    )
    p = fred(httpserver, api_key=KEY)
    with pytest.raises(ProviderError) as ei:
        p.fetch(["sp500"])
    msg = str(ei.value)
    assert "HTTP 400" in msg and "not registered" in msg and "api_key=***" in msg
    assert KEY not in msg

    httpserver.clear()
    httpserver.expect_request(API_PATH).respond_with_data("oops", status=500)
    with pytest.raises(ProviderError) as ei:
        p.fetch(["sp500"])
    assert KEY not in str(ei.value) and "HTTP 500" in str(ei.value)


def test_truncated_json(httpserver: HTTPServer) -> None:
    full = payload("fred_api_CPIAUCNS.json")
    httpserver.expect_request(API_PATH).respond_with_data(full[: len(full) // 2])
    with pytest.raises(ProviderError, match="JSON body is truncated or invalid"):
        fred(httpserver, api_key=KEY).fetch(["cpi_u"])


def test_bad_query_suggests_ids() -> None:
    with pytest.raises(ProviderError, match="FRED has no series for 'gold'") as ei:
        FredProvider().build_query(["gold"])
    assert "--provider stooq" in str(ei.value)
    with pytest.raises(ProviderError, match="did you mean ust10y"):
        FredProvider().build_query(["ust10y!"])


def test_every_mapped_id_has_metadata() -> None:
    from thesis.data.providers.fred import fred_series_info

    for ours, fid in FRED_IDS.items():
        if fid is None:
            continue
        info = fred_series_info(ours, fid)
        assert info.unit != "see FRED", ours


@pytest.mark.parametrize(
    ("dates", "freq"),
    [
        (["2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05", "2024-01-08"], "daily"),
        (["2024-01-05", "2024-01-12", "2024-01-19"], "weekly"),
        (["2024-01-01", "2024-02-01", "2024-03-01"], "monthly"),
        (["2024-01-01", "2024-04-01", "2024-07-01"], "quarterly"),
        (["2022-01-01", "2023-01-01", "2024-01-01"], "annual"),
    ],
)
def test_infer_frequency(dates: list[str], freq: str) -> None:
    assert infer_frequency(dates) == freq


def test_json_text_value_names_observation(httpserver: HTTPServer) -> None:
    body = (
        b'{"observations":[{"date":"2024-01-01","value":"308.417"},'
        b'{"date":"2024-02-01","value":"abc"}]}'
    )
    httpserver.expect_request(API_PATH).respond_with_data(body)
    with pytest.raises(ProviderError, match=r"'abc' in numeric column 'CPIAUCNS' at observation 2"):
        fred(httpserver, api_key=KEY).fetch(["cpi_u"])
