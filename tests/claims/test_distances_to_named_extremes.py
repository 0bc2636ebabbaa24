"""A percentage from an extreme named as an all-time or 52-week high (or low): "is just 0.6% shy
of an all-time high set in January of 2022", "within 1 percent of its all-time high", "0.1% north
of its last all-time high", "21% off its 52-week high", "2% above its 52-week low"
(``rules.rule_distance``). The extreme is the highest (lowest) close before the day, over the
year before it for "52-week"; "within X%" is at most X% below it. Words that do not say a close
("all-time high", not "all-time closing high") leave an intraday extreme possible: closes support
the distance, never contradict it. "Within", "off", "north of" are read for a named extreme only
("within 1% of 6,000" is a bound, not read here).

Data: S&P 500 2023-12-29 close 4,769.83, record close 4,796.56 on 2022-01-03 (−0.56 %);
2022-09-21 close 3,789.93, highest close of the year before 4,796.56 (−20.99 %), lowest 3,666.77
(2022-06-16, +3.36 %).
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
        ("The S&P 500 is just 0.6% shy of an all-time high set in January of 2022.", "2023-12-29"),
        ("The S&P 500 is 0.6% below its all-time high.", "2023-12-29"),
        (
            "This latest rise brought the S&P 500 within 1 percent of its all-time high.",
            "2023-12-29",
        ),
        ("The S&P 500 is 0.6% off its all-time closing high.", "2023-12-29"),
        ("The S&P 500 is 21% off its 52-week high.", "2022-09-21"),
        ("The S&P 500 is 21% below its 52-week high.", "2022-09-21"),
        ("The S&P 500 is 3.4% above its 52-week low.", "2022-09-21"),
    ],
)
def test_a_distance_to_a_named_extreme_is_read(claims_store, text, date):
    r = _distance(claims_store, text, date)
    assert r.verdict == "supported", r.evidence


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        # the words say a close: closes settle it
        ("The S&P 500 is 3% below its all-time closing high.", "contradicted"),
        # an all-time high may be intraday: never contradicted by closes
        ("The S&P 500 is 3% below its all-time high.", "unverifiable"),
        ("The S&P 500 is within 0.2 percent of its all-time high.", "unverifiable"),
    ],
)
def test_only_a_close_named_as_such_contradicts(claims_store, text, verdict):
    assert _distance(claims_store, text, "2023-12-29").verdict == verdict


def test_a_52_week_extreme_is_of_the_year_before(claims_store):
    r = _distance(claims_store, "The S&P 500 is 3.4% above its 52-week low.", "2022-09-21")
    assert "2022-06-16" in r.evidence and "52-week lowest" in r.evidence, r.evidence


def test_within_a_plain_level_is_not_a_distance(claims_store):
    got = results(claims_store, "The S&P 500 is within 1% of 4,800.", "2023-12-29", "distance")
    assert got == []
