"""A company's filed revenue and capital expenditure: the `fundamental` rule and its verdicts.

The store is built with the EDGAR provider's own transform from the replayed company-facts JSON
of tests/fixtures/payloads/edgar (a real HTTP server on 127.0.0.1, as in tests/data/test_edgar.py).
By hand from those payloads:

* Microsoft (fiscal year ends June 30): revenue for the quarter ended 2025-09-30 (fiscal Q1
  FY2026, calendar Q3 2025) $77.673 billion, filed 2025-10-29; a year earlier (2024-09-30)
  $65.585 billion: +18.43 %. Quarter ended 2025-03-31 (fiscal Q3 FY2025) $70.066 billion, whose
  year-earlier quarter the payload does not hold. Capex (cash paid for property and equipment)
  for the quarter ended 2025-09-30: $19.394 billion.
* Preformed Line Products (fiscal year = calendar year): revenue Q3 2025 $178.126 million
  (filed 2025-10-31), Q3 2024 $146.994 million: +21.18 %.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from thesis.claims import check_text, parse_article
from thesis.data import Store
from thesis.data.providers.edgar import EdgarProvider

PAYLOADS = Path(__file__).resolve().parents[1] / "fixtures" / "payloads" / "edgar"
FACTS = "/api/xbrl/companyfacts/CIK{cik}.json"
UA = "thesis tests tests@example.org"


def payload(name: str) -> bytes:
    return (PAYLOADS / name).read_bytes()


@pytest.fixture(scope="module")
def store(make_httpserver: HTTPServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    server = make_httpserver
    for cik in ("0000789019", "0000080035"):
        server.expect_request(FACTS.format(cik=cik)).respond_with_data(
            payload(f"CIK{cik}.json"), content_type="application/json"
        )
    provider = EdgarProvider(
        facts_url=server.url_for("/api/xbrl/companyfacts/") + "CIK{cik}.json",
        tickers_url=server.url_for("/files/company_tickers.json"),
        ciks={"MSFT": "789019", "PLPC": "80035"},
        user_agent=UA,
        retries=1,
        backoff=0.01,
        timeout=2.0,
    )
    batches = provider.fetch(["MSFT", "PLPC"])
    server.clear()
    with Store(tmp_path_factory.mktemp("edgar") / "m.duckdb") as s:
        s.ingest(batches)
        yield s


def _one(store: Store, text: str, date: str):
    got = [
        r
        for r in check_text(parse_article(text.encode(), "t.txt"), store, date=date).results
        if r.claim.measure == "fundamental"
    ]
    assert len(got) == 1, [(r.claim.measure, r.claim.quote) for r in got]
    return got[0]


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("Microsoft reported revenue of $77.7 billion for the quarter ended September 30.", "supported"),
        ("Microsoft reported revenue of $79.5 billion for the quarter ended September 30.", "contradicted"),
        ("Microsoft revenue grew 18% year over year in the fiscal first quarter.", "supported"),
        ("Microsoft revenue grew 25% year over year in the fiscal first quarter.", "contradicted"),
        ("Microsoft revenue grew 18% year over year in Q1 FY2026.", "supported"),
        ("Microsoft posted capex of $19.4 billion in the quarter ended Sept. 30.", "supported"),
        ("Microsoft posted capex of $15.0 billion in the quarter ended Sept. 30.", "contradicted"),
        ("Preformed Line Products posted 21% YoY revenue growth in Q3 2025.", "supported"),
        ("Preformed Line Products said revenue rose 30% from a year earlier in the third quarter.", "contradicted"),
        ("Preformed Line Products reported revenue of $178.1 million for Q3 2025.", "supported"),
        ("Preformed Line Products reported revenue of $190.0 million for Q3 2025.", "contradicted"),
    ],
)  # fmt: skip
def test_level_and_year_over_year(store: Store, text: str, verdict: str) -> None:
    r = _one(store, text, "2025-11-05")
    assert r.verdict == verdict, r.evidence
    assert r.claim.rule == "fundamental" and r.claim.bound.get("period")


def test_tolerance_is_the_stated_precision(store: Store) -> None:
    # $77.673 billion: "$77.7 billion" accepts 77.65-77.75; "$77.60 billion" (± 0.005) does not,
    # and it is close enough not to be contradicted either (0.2 % of the figure)
    r = _one(
        store,
        "Microsoft reported revenue of $77.60 billion for the quarter ended September 30.",
        "2025-11-05",
    )
    assert r.verdict == "unverifiable", r.evidence
    assert r.computed == pytest.approx(77_673_000_000)
    ok = _one(
        store,
        "Microsoft reported revenue of about $78 billion for the quarter ended September 30.",
        "2025-11-05",
    )
    assert ok.verdict == "supported", ok.evidence


def test_unfiled_period_is_unverifiable_and_says_when_it_was_filed(store: Store) -> None:
    # the 10-Q for the quarter ended 2025-09-30 was filed on 2025-10-29
    r = _one(
        store,
        "Microsoft reported revenue of $77.7 billion for the quarter ended September 30.",
        "2025-10-20",
    )
    assert r.verdict == "unverifiable"
    assert "filed after the article's date" in r.evidence and "2025-10-29" in r.evidence


def test_fiscal_and_calendar_quarters_are_both_read(store: Store) -> None:
    # "the third quarter" of Microsoft: fiscal Q3 FY2025 (ended 2025-03-31, $70.066 billion) or
    # calendar Q3 2025 (ended 2025-09-30, $77.673 billion)
    fiscal = _one(
        store, "Microsoft reported revenue of $70.1 billion in the third quarter.", "2025-11-05"
    )
    assert fiscal.verdict == "supported" and "fiscal Q3 FY2025" in fiscal.evidence
    calendar = _one(store, "Microsoft reported revenue of $77.7 billion in Q3 2025.", "2025-11-05")
    assert calendar.verdict == "supported" and "calendar Q3 2025" in calendar.evidence
    both = _one(
        store, "Microsoft reported revenue of $75.0 billion in the third quarter.", "2025-11-05"
    )
    assert both.verdict == "contradicted" and "every reading" in both.evidence
    # calendar Q3 2025 disagrees (+18.4 %), fiscal Q3 FY2025 has no year-earlier figure: the
    # named "Q3" is not contradicted
    growth = _one(
        store, "Microsoft revenue grew 25% year over year in the third quarter.", "2025-11-05"
    )
    assert growth.verdict == "unverifiable", growth.evidence
    assert "other readings" in growth.evidence
    # "calendar" fixes the convention: then a disagreement is a contradiction
    cal = _one(
        store, "Microsoft reported revenue of $70.1 billion in calendar Q3 2025.", "2025-11-05"
    )
    assert cal.verdict == "contradicted", cal.evidence


def test_the_quarter_is_assumed_support_only(store: Store) -> None:
    ok = _one(store, "Microsoft said revenue rose 18% year over year in the quarter.", "2025-10-30")
    assert ok.verdict == "supported" and "period" in ok.claim.assumed
    bad = _one(
        store, "Microsoft said revenue rose 40% year over year in the quarter.", "2025-10-30"
    )
    assert bad.verdict == "unverifiable" and "assumed" in bad.evidence
    # months after the last filing, "the quarter" names no filing
    late = _one(
        store, "Microsoft said revenue rose 18% year over year in the quarter.", "2026-03-02"
    )
    assert late.verdict == "unverifiable" and "more than 45 days" in late.evidence


def test_abstains_unless_bound(store: Store) -> None:
    # a segment is not the filed total
    seg = _one(
        store,
        "Microsoft said cloud revenue grew 40% year over year in the fiscal first quarter.",
        "2025-11-05",
    )
    assert seg.verdict == "unverifiable" and "cloud" in seg.evidence
    # no period in the words
    nop = _one(store, "Microsoft reported revenue of $70.0 billion.", "2025-11-05")
    assert nop.verdict == "unverifiable" and "period" in nop.claim.missing
    # a company without EDGAR series in the store
    none = _one(
        store,
        "Apple reported revenue of $102.5 billion in the fiscal fourth quarter.",
        "2025-11-05",
    )
    assert none.verdict == "unverifiable" and "no EDGAR revenue series" in none.evidence
    # capex quoted above the cash paid (finance leases included) is not contradicted
    capex = _one(
        store,
        "Microsoft posted capex of $34.9 billion in the quarter ended Sept. 30.",
        "2025-11-05",
    )
    assert capex.verdict == "unverifiable" and "finance leases" in capex.evidence
    # the stock's move is not the revenue's, and vice versa
    both = check_text(
        parse_article(
            b"Microsoft shares rose 3% after revenue grew 18% year over year in Q1 FY2026.", "t.txt"
        ),
        store,
        date="2025-11-05",
    ).results
    fund = [r for r in both if r.claim.measure == "fundamental"]
    assert [r.claim.stated_value for r in fund] == [18] and fund[0].verdict == "supported"
    # a growth rate and the level it reached: two claims, both of revenue
    pair = check_text(
        parse_article(
            b"Microsoft said revenue rose 18% year over year to $77.7 billion in Q1 FY2026.",
            "t.txt",
        ),
        store,
        date="2025-11-05",
    ).results
    assert [(r.claim.unit, r.verdict) for r in pair if r.claim.measure == "fundamental"] == [
        ("pct", "supported"),
        ("usd", "supported"),
    ]
    # no revenue words: "2%" is the stock's move
    got = check_text(
        parse_article(b"Microsoft shares rose 2% on Wednesday.", "t.txt"), store, date="2025-11-05"
    )
    assert all(r.claim.measure != "fundamental" for r in got.results)


def test_frame_slots(store: Store) -> None:
    r = _one(
        store, "Preformed Line Products posted 21% YoY revenue growth in Q3 2025.", "2025-11-05"
    )
    c = r.claim
    assert c.subject is not None and c.subject.key == "plpc"
    assert c.unit == "pct" and c.stated_value == 21 and c.kind == "pct_change"
    assert c.extra["item"] == "revenue" and c.extra["q"] == 3 and c.extra["year"] == 2025
    assert r.computed == pytest.approx((178_126_000 / 146_994_000 - 1) * 100, abs=1e-3)


@pytest.mark.parametrize(
    ("text", "date", "verdict"),
    [
        # FY 2024 net income $37.057 million, filed with the 10-K on 2025-03-07
        ("Preformed Line Products reported net income of $37.1 million for fiscal 2024.", "2025-04-01", "supported"),
        ("Preformed Line Products reported net income of $45.0 million in 2024.", "2025-04-01", "contradicted"),
        ("Preformed Line Products reported net income of $37.1 million for fiscal 2024.", "2025-03-01", "unverifiable"),
        # Q3 2025 $2.589 million against $7.654 million: −66.2 %
        ("Preformed Line Products said net income fell 66% from a year earlier in the third quarter.", "2025-11-05", "supported"),
        ("Preformed Line Products said net income fell 20% from a year earlier in the third quarter.", "2025-11-05", "contradicted"),
    ],
)  # fmt: skip
def test_net_income_year_and_quarter(store: Store, text: str, date: str, verdict: str) -> None:
    r = _one(store, text, date)
    assert r.verdict == verdict, r.evidence
    assert r.claim.extra["item"] == "net_income"
    if date == "2025-03-01":
        assert "filed 2025-03-07" in r.evidence
