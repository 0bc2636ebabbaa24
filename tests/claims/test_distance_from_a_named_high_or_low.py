"""Distance from a named high or low: "The index is now down about 12 percent from its February
high", "more than 21% off its high", "10% above its January low" (``rules.rule_distance`` with
``rules._period_extreme`` and ``rules._bare_own_high``). The extreme is the highest (lowest)
close of the named period (a month, a quarter, a year, a day) before the claim's day, or of all
time for the bare "its high"; words that do not say a close leave an intraday extreme possible,
so closes support the distance, never contradict it; "its February closing high" may contradict.
"its recent high", "its high of the year", "from February's high" are not read here.

Data: S&P 500 2025-04-03 close 5,396.52; 2025-03-28 close 5,580.94; highest February 2025 close
6,144.15 (2025-02-19, also the record); lowest January 2025 close 5,827.04 (2025-01-10);
2022-06-14 close 3,735.48, record close 4,796.56 (2022-01-03).
"""

from __future__ import annotations

import pytest
from claim_results import results


def _distance(store, text: str, date: str):
    got = results(store, text, date, "distance")
    assert len(got) == 1, [r.claim.quote for r in got]
    return got[0]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        (
            "The S&P 500 fell 4.8% on Thursday. The index is now down about 12 percent from its "
            "February high and at its lowest level since the election.",
            "2025-04-03",
        ),
        ("The S&P 500 declined 12% from its February highs.", "2025-04-03"),
        ("The S&P 500 is now 9% below its February closing high.", "2025-03-28"),
        ("The S&P 500 is more than 21% off its high, and falling.", "2022-06-14"),
        ("The S&P 500 has fallen more than 20% from its highs.", "2022-06-14"),
    ],
)
def test_a_distance_from_a_named_high_is_read(claims_store, text, date):
    r = _distance(claims_store, text, date)
    assert r.verdict == "supported", r.evidence
    assert "6,144.15" in r.evidence or "4,796.56" in r.evidence


def test_a_named_low_is_the_periods_lowest_close(claims_store):
    r = _distance(claims_store, "The S&P 500 is 4% below its January low.", "2025-03-28")
    assert r.verdict == "supported", r.evidence
    assert "5,827.04" in r.evidence


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        # the words say a close and the day: closes settle it
        ("On Friday, the S&P 500 closed 3% below its February closing high.", "contradicted"),
        # the month of the reference is no other time the sentence tells of: "now" is the
        # article's date (round 74; it was left assumed before)
        ("The S&P 500 is now 3% below its February closing high.", "contradicted"),
        # a month's high may be intraday: a figure between the close's distance (-9.17%) and
        # the one from the highest high its fund's range allows (-9.66%) is not judged ...
        ("The S&P 500 is now down 9.5% from its February high.", "unverifiable"),
        # ... one no session high can reach is (round 76: the fund's range bounds it)
        ("The S&P 500 is now down about 3 percent from its February high.", "contradicted"),
        ("The S&P 500 is more than 30% off its high.", "unverifiable"),
    ],
)
def test_only_a_close_named_as_such_contradicts(claims_store, text, verdict):
    assert _distance(claims_store, text, "2025-03-28").verdict == verdict


@pytest.mark.parametrize(
    "text",
    [
        "The S&P 500 is 10% off its high of the year.",
        "The S&P 500 is 10% below its recent high.",
        "The S&P 500 is 10% below its early-February high.",
    ],
)
def test_a_high_the_words_do_not_name_is_not_read(claims_store, text):
    assert results(claims_store, text, "2025-03-28", "distance") == []
