"""Record closes: a missed record ("ends shy of record high", "narrowly missed a fresh record
close": the close is below every earlier one), a close at a record high of a stated level ("closed
at an all-time high of L": a close and a record), and "all three major indexes closed at records"
(a claim about the S&P 500 among them).

Closes by hand from sp500_daily_fred.csv: record close 6890.89 on 2025-10-28, 2025-12-10
6886.68; 2020-11-27 3638.35 (record), 2020-12-01 3662.45 (record); 2025-08-14 6468.54 (record),
2025-08-22 6466.91 (below it).
"""

from __future__ import annotations

import pytest

from thesis.claims import check_text, parse_article


def _verdict(store, text: str, date: str, measure: str):
    rep = check_text(parse_article(text.encode(), "t.txt"), store, date=date)
    hits = [r for r in rep.results if r.claim.measure == measure]
    assert len(hits) == 1, [(r.claim.measure, r.claim.quote) for r in rep.results]
    return hits[0]


@pytest.mark.parametrize(
    ("date", "text", "verdict"),
    [
        ("2025-12-10", "The S&P 500 ends shy of record high.", "supported"),
        (
            "2025-12-10",
            "The S&P 500 index narrowly missed a fresh record close Wednesday.",
            "supported",
        ),
        # 2025-10-28 was a record close (6890.89 above every earlier close)
        (
            "2025-10-28",
            "The S&P 500 closed just short of a record high on Tuesday.",
            "contradicted",
        ),
    ],
)
def test_a_missed_record(claims_store, date, text, verdict):
    r = _verdict(claims_store, text, date, "record")
    assert r.claim.extra.get("missed") and r.verdict == verdict, r.evidence


@pytest.mark.parametrize(
    ("text", "close", "record"),
    [
        ("The S&P 500 closed at a record high of 3,662.45 on Tuesday.", "supported", "supported"),
        # the day's close was a record, but not at that level
        ("The S&P 500 closed at an all-time high of 3,700.00 on Tuesday.", "contradicted",
         "supported"),
    ],
)  # fmt: skip
def test_a_close_at_a_record_high_of_a_level(claims_store, text, close, record):
    assert _verdict(claims_store, text, "2020-12-01", "close").verdict == close
    assert _verdict(claims_store, text, "2020-12-01", "record").verdict == record


@pytest.mark.parametrize(
    ("date", "verdict"), [("2020-12-01", "supported"), ("2025-12-10", "contradicted")]
)
def test_all_three_major_indexes_at_records_is_a_claim_about_the_sp500(claims_store, date, verdict):
    text = "All three major U.S. stock indexes closed at record highs on Wednesday."
    if date == "2020-12-01":
        text = text.replace("Wednesday", "Tuesday")
    r = _verdict(claims_store, text, date, "record")
    assert r.claim.subject.series == ("sp500",) and r.verdict == verdict, r.evidence


@pytest.mark.parametrize(
    ("date", "text", "record"),
    [
        # the level right after "record" is the record close (2025-12-31 6,845.50 is 1.25 % below
        # the 2025-12-24 record; 2020-12-01 3,662.45 was a record)
        ("2026-01-02", "The S&P 500 closed out 2025 at a record 6,845.50.", "contradicted"),
        ("2020-12-02", "The S&P 500 closed at a record 3,662.45 on Tuesday.", "supported"),
        # a date between the closing verb and "at a record high of"
        ("2026-01-02", "The S&P 500 ended 2025 at a record high of 6,845.50.", "contradicted"),
    ],
)
def test_a_record_stated_before_its_level(claims_store, date, text, record):
    assert _verdict(claims_store, text, date, "close").verdict == "supported"
    r = _verdict(claims_store, text, date, "record")
    assert r.verdict == record, r.evidence


def test_a_record_percent_gain_is_no_record_close(claims_store):
    rep = check_text(
        parse_article(b"The S&P 500 posted a record 5% gain.", "t.txt"),
        claims_store,
        date="2024-01-02",
    )
    assert not [r for r in rep.results if r.claim.measure == "record"]
