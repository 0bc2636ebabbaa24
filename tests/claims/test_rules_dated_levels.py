"""A reference level whose own words date it (``rules.rule_dated_level``): "just shy of its
6,890.89 record close reached on Oct. 28", "up from 3.88% at the close of 2023", "its 2024
closing low of 3.95% hit Tuesday, Jan. 2". It is the close of that day (a yield's close for a
yield), not of the article's session. A level of a moment ("a high of L hit on Monday") is no
close and is not read here.

Closes by hand (sp500_daily_fred.csv, us_treasury_2y_10y_daily.csv): S&P 500 2024-03-12 5,175.27
(a record), 2024-03-15 5,117.09; 10-year 2023-12-29 3.88%, 2024-01-02 3.95%, 2024-03-15 4.31%.
"""

from __future__ import annotations

import pytest

from thesis.claims import check_text, parse_article


def _dated(store, text: str, date: str = "2024-03-15"):
    """The claims read as dated levels (the yield rule reads "at the close of 2023" itself)."""
    rep = check_text(parse_article(text.encode(), "t.txt"), store, date=date)
    return [
        r
        for r in rep.results
        if r.claim.rule == "dated_level" or (r.claim.rule == "yield" and "from" in r.claim.quote)
    ]


@pytest.mark.parametrize(
    ("text", "day", "verdict"),
    [
        ("The S&P 500 is just shy of its 5,175.27 record close reached on March 12.", "2024-03-12", "supported"),
        ("The S&P 500 sits below its 5,300 record close set on March 12.", "2024-03-12", "contradicted"),
        ("The 10-year yield rose to 4.31%, up from 3.88% at the close of 2023.", "2023-12-29", "supported"),
        ("The 10-year yield is up from its 2024 closing low of 3.95% hit Tuesday, Jan. 2.", "2024-01-02", "supported"),
    ],
)  # fmt: skip
def test_a_level_dated_by_its_own_words(claims_store, text, day, verdict):
    (r,) = _dated(claims_store, text)
    assert r.verdict == verdict, r.evidence
    assert day in r.evidence


@pytest.mark.parametrize(
    "text",
    [
        "The S&P 500 hit a high of 5,189.26 reached on March 12.",  # a moment, not a close
        "The S&P 500 closed at 5,117.09 on Friday.",  # no reference: the close rule's
        "The 10-year yield touched 4.5% on Tuesday, Jan. 2.",  # no dating verb after the level
    ],
)
def test_not_a_dated_reference(claims_store, text):
    assert _dated(claims_store, text) == []
