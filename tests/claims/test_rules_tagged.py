"""A figure tagged to a name without a verb, as in quote lines and tables (``rules.rule_tagged``):
"the S&P 500 (+0.8%)", "S&P 500: 5,000 (-1.1%)", "S&P 500 4,769.83 +0.3%". A signed figure is
the session's change and an unsigned level its close, by the convention of a quote line; the
words do not state the measure (a table's column may be the week's or the year's), so such a
claim may be supported and is never contradicted.

Closes by hand (sp500_daily_fred.csv, vix_daily.csv): 2024-03-14 S&P 500 5,150.48; 2024-03-15
(Friday) 5,117.09 (-0.65%, -33.39 points); VIX 2024-03-15 14.41.
"""

from __future__ import annotations

import pytest

from thesis.claims import check_text, parse_article


def _results(store, text: str, date: str):
    rep = check_text(parse_article(text.encode(), "t.txt"), store, date=date)
    return [r for r in rep.results if r.claim.rule == "tagged"]


@pytest.mark.parametrize(
    ("text", "measure", "value"),
    [
        ("Stocks slipped on Friday, the S&P 500 (-0.65%) leading the way down.", "change", -0.65),
        ("S&P 500: 5,117.09 (-0.65%)", "change", -0.65),
        ("S&P 500: 5,117.09 (-0.65%)", "close", 5117.09),
        ("S&P 500 5,117.09 -0.65%", "change", -0.65),
        ("S&P 500 5,117.09 -33.39", "points_change", -33.39),
        ("Cboe Volatility Index (VIX) 14.41", "close", 14.41),
        ("Stocks: S&P 500 -0.65%, Treasury yields up.", "change", -0.65),
    ],
)  # fmt: skip
def test_a_figure_after_its_name_is_the_sessions(claims_store, text, measure, value):
    got = [r for r in _results(claims_store, text, "2024-03-15") if r.claim.measure == measure]
    assert got, [r.claim.quote for r in _results(claims_store, text, "2024-03-15")]
    r = got[0]
    assert r.claim.stated_value == pytest.approx(value)
    assert r.verdict == "supported", r.evidence
    assert "measure" in r.claim.loose


@pytest.mark.parametrize(
    "text",
    [
        "S&P 500 (+1.5%) on Friday.",  # the session was -0.65%: a table's column may be another period
        "S&P 500: 4,800.00 (-0.65%)",
        "The S&P 500 4,900 -2.5%",
    ],
)
def test_a_figure_after_its_name_is_never_contradicted(claims_store, text):
    got = _results(claims_store, text, "2024-03-15")
    assert got
    assert all(r.verdict != "contradicted" for r in got), [(r.claim.quote, r.evidence) for r in got]


@pytest.mark.parametrize(
    "text",
    [
        "The S&P 500 5,000 level matters to traders.",  # a level's noun follows: not a quote line
        "Nvidia's 171-percent return in 2024 led the index.",  # a possessive's noun
        "S&P 500 futures (+0.3%) pointed higher.",  # a word between the name and the figure
        "At 2:30 p.m. the S&P 500 was up 0.3%.",  # a verb: the move rule's, not a quote line
        "Stocks (+0.65%) rose.",  # "stocks" is no series of its own
        "S&P 500 5,117.09 33.39",  # an unsigned figure after the level: neither close nor change
    ],
)
def test_not_a_quote_line(claims_store, text):
    got = _results(claims_store, text, "2024-03-15")
    assert all(r.claim.stated_value != 33.39 for r in got)
    if "33.39" not in text:
        assert got == []


def test_a_name_and_colon_is_no_time_of_day(claims_store):
    (r,) = [
        r
        for r in _results(claims_store, "S&P 500: 5,117.09", "2024-03-15")
        if r.claim.measure == "close"
    ]
    assert "intraday" not in r.claim.qualifiers
    assert r.verdict == "supported", r.evidence
