"""EDGAR provider against a real HTTP server on 127.0.0.1 replaying SEC's company-facts JSON."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pandas as pd
import pytest
from pytest_httpserver import HTTPServer

from thesis.data import Store
from thesis.data.providers import get_provider
from thesis.data.providers.edgar import (
    EdgarProvider,
    NoCikError,
    RateLimiter,
    ciks_from_store,
    parse_company_facts,
)
from thesis.data.records import SecurityBatch
from thesis.errors import ProviderError

PAYLOADS = Path(__file__).resolve().parents[1] / "fixtures" / "payloads" / "edgar"
FACTS = "/api/xbrl/companyfacts/CIK{cik}.json"
TICKERS = "/files/company_tickers.json"
UA = "thesis tests tests@example.org"


def payload(name: str) -> bytes:
    return (PAYLOADS / name).read_bytes()


def doc(name: str) -> dict:
    return json.loads(payload(name))


def edgar(server: HTTPServer, **kw) -> EdgarProvider:
    kw.setdefault("retries", 1)
    kw.setdefault("backoff", 0.01)
    kw.setdefault("timeout", 2.0)
    kw.setdefault("user_agent", UA)
    return EdgarProvider(
        facts_url=server.url_for("/api/xbrl/companyfacts/") + "CIK{cik}.json",
        tickers_url=server.url_for(TICKERS),
        **kw,
    )


@pytest.fixture(autouse=True)
def _no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("THESIS_SEC_USER_AGENT", "THESIS_EDGAR_FACTS_URL", "THESIS_EDGAR_TICKERS_URL"):
        monkeypatch.delenv(var, raising=False)


def by_id(batches) -> dict:
    return {b.info.id: b for b in batches}


def rows(batch) -> dict[str, tuple[float, str]]:
    f = batch.frame
    return {
        str(d.date()): (float(v), str(r.date()))
        for d, v, r in zip(f["date"], f["value"], f["released"], strict=True)
    }


def test_registered_by_name() -> None:
    assert isinstance(get_provider("edgar", user_agent=UA), EdgarProvider)


def test_known_cik_fetches_facts_only_and_sends_user_agent(httpserver: HTTPServer) -> None:
    httpserver.expect_request(FACTS.format(cik="0000080035")).respond_with_data(
        payload("CIK0000080035.json"), content_type="application/json"
    )
    batches = by_id(edgar(httpserver, ciks={"PLPC": "80035"}).fetch(["PLPC"]))
    assert len(httpserver.log) == 1  # no ticker-list request: the CIK was known
    req = httpserver.log[0][0]
    assert req.headers["User-Agent"] == UA
    assert set(batches) == {
        "plpc_revenue_q",
        "plpc_revenue_fy",
        "plpc_net_income_q",
        "plpc_net_income_fy",
        "plpc_capex_q",
        "plpc_capex_fy",
        "plpc_shares",
    }
    rev = batches["plpc_revenue_q"]
    assert rev.info.kind == "fundamental" and rev.info.frequency == "quarterly"
    assert rev.info.provider == "edgar" and "80035" in rev.where
    r = rows(rev)
    # a quarter stated in a 10-Q: its value and its filing date as the release date
    assert r["2025-09-30"] == (178_126_000.0, "2025-10-31")
    # the comparative restated in the 2025 10-Q (146.9 m) is not applied: first filed wins
    assert r["2024-09-30"] == (146_994_000.0, "2024-11-01")
    # the 10-K states no fourth quarter: FY 2024 minus the nine months, released with the 10-K
    assert r["2024-12-31"] == (593_713_000.0 - 436_796_000.0, "2025-03-07")
    assert "2024-12-31" in rev.info.description and "derived" in rev.info.description
    assert "restatement" in rev.info.description
    # the 8-K earnings release value (178.1 m) is not a 10-Q figure
    assert all(v != 178_100_000.0 for v, _ in r.values())


def test_cash_flow_quarters_from_year_to_date(httpserver: HTTPServer) -> None:
    httpserver.expect_request(FACTS.format(cik="0000080035")).respond_with_data(
        payload("CIK0000080035.json")
    )
    capex = rows(by_id(edgar(httpserver, ciks={"PLPC": "80035"}).fetch(["PLPC"]))["plpc_capex_q"])
    # 10-Qs give capex year to date: Q2 = H1 − Q1, Q3 = 9M − H1, Q4 = FY − 9M
    assert capex["2024-03-31"][0] == 8_104_000
    assert capex["2024-06-30"][0] == 17_012_000 - 8_104_000
    assert capex["2024-09-30"][0] == 24_633_000 - 17_012_000
    assert capex["2024-12-31"] == (33_878_000 - 24_633_000, "2025-03-07")
    assert capex["2025-09-30"] == (27_305_000 - 15_241_000, "2025-10-31")
    fy = rows(by_id(edgar(httpserver, ciks={"PLPC": "80035"}).fetch(["PLPC"]))["plpc_capex_fy"])
    assert fy == {"2024-12-31": (33_878_000.0, "2025-03-07")}


def test_fiscal_year_ending_june_and_ticker_list_lookup(httpserver: HTTPServer) -> None:
    httpserver.expect_request(TICKERS).respond_with_data(payload("company_tickers.json"))
    httpserver.expect_request(FACTS.format(cik="0000789019")).respond_with_data(
        payload("CIK0000789019.json")
    )
    batches = by_id(edgar(httpserver).fetch(["msft"]))
    assert [r[0].path for r in httpserver.log] == [TICKERS, FACTS.format(cik="0000789019")]
    rev = rows(batches["msft_revenue_q"])
    # fiscal Q4 (April-June 2025) = FY 2025 minus its three stated quarters
    assert rev["2025-06-30"] == (
        281_724_000_000 - 65_585_000_000 - 69_632_000_000 - 70_066_000_000,
        "2025-07-30",
    )
    assert rows(batches["msft_revenue_fy"])["2025-06-30"] == (281_724_000_000.0, "2025-07-30")
    capex = rows(batches["msft_capex_q"])
    assert capex["2025-03-31"][0] == 47_383_000_000 - 30_723_000_000


def test_share_classes_added_up(httpserver: HTTPServer) -> None:
    httpserver.expect_request(FACTS.format(cik="0001652044")).respond_with_data(
        payload("CIK0001652044.json")
    )
    (b,) = edgar(httpserver, ciks={"GOOGL": "1652044"}).fetch(["GOOGL"])
    assert b.info.id == "googl_shares" and b.info.unit == "shares"
    assert rows(b) == {"2025-10-21": (5_817e6 + 858e6 + 5_420e6, "2025-10-30")}


def test_ingest_and_view_sees_only_what_was_filed(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request(FACTS.format(cik="0000080035")).respond_with_data(
        payload("CIK0000080035.json")
    )
    with Store(tmp_path / "m.duckdb") as store:
        store.ingest(edgar(httpserver, ciks={"PLPC": "80035"}).fetch(["PLPC"]))
        before = store.view("2025-10-30").get("plpc_revenue_q")
        after = store.view("2025-10-31").get("plpc_revenue_q")
        assert before.index[-1] == pd.Timestamp("2025-06-30")
        assert after.index[-1] == pd.Timestamp("2025-09-30")
        # the derived Q4 2024 is known only from the 10-K's filing date
        early = store.view("2025-03-06").get("plpc_revenue_q")
        assert early.index[-1] == pd.Timestamp("2024-09-30")
        again = store.ingest(edgar(httpserver, ciks={"PLPC": "80035"}).fetch(["PLPC"]))
        assert again.new_rows == 0


def test_ciks_from_store_constituents(tmp_path: Path, httpserver: HTTPServer) -> None:
    with Store(tmp_path / "m.duckdb") as store:
        store.ingest(
            SecurityBatch(
                frame=pd.DataFrame(
                    {"symbol": ["MSFT", "XYZ"], "name": ["Microsoft", "x"], "cik": [789019, None]}
                ),
                provider="test",
                universe="sp500",
            )
        )
        assert ciks_from_store(store) == {"MSFT": "789019"}
        httpserver.expect_request(FACTS.format(cik="0000789019")).respond_with_data(
            payload("CIK0000789019.json")
        )
        p = edgar(httpserver, store=store)
        p.fetch(["MSFT"])
    assert [r[0].path for r in httpserver.log] == [FACTS.format(cik="0000789019")]


def test_ticker_with_explicit_cik_and_series_id_requests(httpserver: HTTPServer) -> None:
    p = edgar(httpserver)
    q = p.build_query(["PLPC:0000080035", "plpc_capex_q", "inod_revenue_fy", "BRK.B"])
    assert q.options["tickers"] == ("PLPC", "INOD", "BRK.B")
    assert q.provider_ids == ("80035", "", "")
    with pytest.raises(ProviderError, match="TICKER:CIK") as ei:
        p.build_query(["PLPC:abc"])
    assert "PLPC:80035" in str(ei.value)
    with pytest.raises(ProviderError, match="neither a ticker"):
        p.build_query(["not a ticker!"])


def test_unknown_ticker_has_no_cik_and_suggests(httpserver: HTTPServer) -> None:
    httpserver.expect_request(TICKERS).respond_with_data(payload("company_tickers.json"))
    with pytest.raises(NoCikError) as ei:
        edgar(httpserver).fetch(["MSFTX"])
    msg = str(ei.value)
    assert "MSFTX" in msg and "MSFT" in msg and "MSFTX:CIK" in msg
    assert isinstance(ei.value, ProviderError)


def test_dotted_ticker_matches_sec_dash(httpserver: HTTPServer) -> None:
    httpserver.expect_request(TICKERS).respond_with_data(payload("company_tickers.json"))
    httpserver.expect_request(FACTS.format(cik="0001067983")).respond_with_data(
        json.dumps({"cik": 1067983, "entityName": "BERKSHIRE HATHAWAY INC", "facts": {}})
    )
    assert edgar(httpserver).fetch(["BRK.B"]) == []  # no concept we read: no series


def test_404_unknown_cik_not_retried(httpserver: HTTPServer) -> None:
    httpserver.expect_request(FACTS.format(cik="0000000042")).respond_with_data(
        "Not Found", status=404
    )
    with pytest.raises(ProviderError) as ei:
        edgar(httpserver, retries=2).fetch(["ZZZ:42"])
    msg = str(ei.value)
    assert "404" in msg and "CIK 42" in msg and "CIK0000000042.json" in msg
    assert len(httpserver.log) == 1


def test_429_retried_then_success(httpserver: HTTPServer) -> None:
    url = FACTS.format(cik="0000080035")
    httpserver.expect_ordered_request(url).respond_with_data("slow down", status=429)
    httpserver.expect_ordered_request(url).respond_with_data(payload("CIK0000080035.json"))
    batches = edgar(httpserver, ciks={"PLPC": "80035"}).fetch(["PLPC"])
    assert len(httpserver.log) == 2 and len(batches) == 7


def test_429_persistent_gives_clear_error(httpserver: HTTPServer) -> None:
    httpserver.expect_request(FACTS.format(cik="0000080035")).respond_with_data(
        "Request Rate Threshold Exceeded", status=429
    )
    with pytest.raises(ProviderError) as ei:
        edgar(httpserver, retries=1, ciks={"PLPC": "80035"}).fetch(["PLPC"])
    msg = str(ei.value)
    assert "HTTP 429" in msg and "after 2 attempts" in msg and "try again later" in msg
    assert len(httpserver.log) == 2


def test_truncated_body(httpserver: HTTPServer) -> None:
    body = payload("CIK0000080035.json")
    httpserver.expect_request(FACTS.format(cik="0000080035")).respond_with_data(body[:5000])
    with pytest.raises(ProviderError) as ei:
        edgar(httpserver, ciks={"PLPC": "80035"}).fetch(["PLPC"])
    msg = str(ei.value)
    assert "truncated" in msg and "5,000 bytes" in msg and "run `thesis data update` again" in msg


def test_truncated_ticker_list(httpserver: HTTPServer) -> None:
    httpserver.expect_request(TICKERS).respond_with_data(payload("company_tickers.json")[:100])
    with pytest.raises(ProviderError, match="truncated"):
        edgar(httpserver).fetch(["PLPC"])


def test_html_block_page(httpserver: HTTPServer) -> None:
    httpserver.expect_request(FACTS.format(cik="0000080035")).respond_with_data(
        "<!DOCTYPE html><html><head><title>SEC.gov | Request Rate Threshold Exceeded</title>"
        "</head><body></body></html>",
        content_type="text/html",
    )
    with pytest.raises(ProviderError, match="HTML page") as ei:
        edgar(httpserver, ciks={"PLPC": "80035"}).fetch(["PLPC"])
    assert "User-Agent" in str(ei.value)


def test_not_company_facts_and_malformed_fact() -> None:
    with pytest.raises(ProviderError, match="not a company-facts document"):
        parse_company_facts({"cik": 1, "entityName": "x"}, "X")
    bad = doc("CIK0000789019.json")
    del bad["facts"]["us-gaap"]["PaymentsToAcquirePropertyPlantAndEquipment"]["units"]["USD"][2][
        "filed"
    ]
    with pytest.raises(ProviderError) as ei:
        parse_company_facts(bad, "MSFT", where="u")
    assert "PaymentsToAcquirePropertyPlantAndEquipment" in str(ei.value)
    assert "units.USD[3]" in str(ei.value)


def test_refuses_without_user_agent(httpserver: HTTPServer) -> None:
    p = edgar(httpserver, user_agent="", ciks={"PLPC": "80035"})
    with pytest.raises(ProviderError) as ei:
        p.fetch(["PLPC"])
    assert "THESIS_SEC_USER_AGENT" in str(ei.value) and "e-mail" in str(ei.value)
    with pytest.raises(ProviderError):
        edgar(httpserver, user_agent="just-a-name", ciks={"PLPC": "80035"}).fetch(["PLPC"])
    assert len(httpserver.log) == 0  # nothing was sent


def test_user_agent_from_environment(httpserver: HTTPServer, monkeypatch) -> None:
    monkeypatch.setenv("THESIS_SEC_USER_AGENT", "Env Person env@example.org")
    httpserver.expect_request(FACTS.format(cik="0001652044")).respond_with_data(
        payload("CIK0001652044.json")
    )
    p = EdgarProvider(
        facts_url=httpserver.url_for("/api/xbrl/companyfacts/") + "CIK{cik}.json",
        ciks={"GOOGL": "1652044"},
        retries=0,
    )
    p.fetch(["GOOGL"])
    assert httpserver.log[0][0].headers["User-Agent"] == "Env Person env@example.org"


def test_rate_limit_at_most_ten_a_second() -> None:
    with pytest.raises(ProviderError, match="at most 10"):
        EdgarProvider(user_agent=UA, max_rps=20)
    # a fake clock: five requests asked at the same instant start 0.1 s apart
    now = [100.0]
    slept: list[float] = []

    def sleep(s: float) -> None:
        slept.append(s)
        now[0] += s

    lim = RateLimiter(10, clock=lambda: now[0], sleep=sleep)
    starts = []
    for _ in range(5):
        lim.wait()
        starts.append(now[0])
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert gaps == pytest.approx([0.1] * 4)
    # a request that took a while books the next slot from its end
    now[0] += 1.0
    lim.touch()
    t = now[0]
    lim.wait()
    assert now[0] == pytest.approx(t + 0.1)


def test_provider_requests_pass_the_limiter(httpserver: HTTPServer) -> None:
    calls: list[str] = []

    class Counting(RateLimiter):
        def wait(self) -> None:
            calls.append("wait")
            super().wait()

    httpserver.expect_request(TICKERS).respond_with_data(payload("company_tickers.json"))
    httpserver.expect_request(FACTS.format(cik="0000789019")).respond_with_data(
        payload("CIK0000789019.json")
    )
    httpserver.expect_request(FACTS.format(cik="0000080035")).respond_with_data(
        payload("CIK0000080035.json")
    )
    p = edgar(httpserver, limiter=Counting(10, sleep=lambda s: None))
    p.fetch(["MSFT", "PLPC"])
    assert calls == ["wait"] * 3 and len(httpserver.log) == 3


def test_window_clips_rows(httpserver: HTTPServer) -> None:
    httpserver.expect_request(FACTS.format(cik="0000080035")).respond_with_data(
        payload("CIK0000080035.json")
    )
    b = by_id(
        edgar(httpserver, ciks={"PLPC": "80035"}).fetch(
            ["PLPC"], start="2025-01-01", end="2025-06-30"
        )
    )["plpc_revenue_q"]
    assert list(rows(b)) == ["2025-03-31", "2025-06-30"]


def test_cli_update_with_edgar(httpserver: HTTPServer, monkeypatch, tmp_path: Path) -> None:
    from thesis.cli import main

    monkeypatch.setenv("THESIS_HOME", str(tmp_path))
    monkeypatch.setenv("THESIS_SEC_USER_AGENT", UA)
    monkeypatch.setenv(
        "THESIS_EDGAR_FACTS_URL", httpserver.url_for("/api/xbrl/companyfacts/") + "CIK{cik}.json"
    )
    monkeypatch.setenv("THESIS_EDGAR_TICKERS_URL", httpserver.url_for(TICKERS))
    httpserver.expect_request(TICKERS).respond_with_data(payload("company_tickers.json"))
    httpserver.expect_request(FACTS.format(cik="0000080035")).respond_with_data(
        payload("CIK0000080035.json")
    )
    main(["data", "update", "--provider", "edgar", "PLPC"])
    with Store(tmp_path / "market.duckdb", read_only=True) as store:
        assert store.view("2025-11-26").latest("plpc_revenue_q").value == 178_126_000.0
    with pytest.raises(SystemExit) as ei:
        main(["data", "update", "--provider", "edgar", "NOPE"])
    assert ei.value.code == 2
