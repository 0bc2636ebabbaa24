"""The second of two percentages joined by "and", each with its own period words, shares the
first one's verb and subject: "rose 0.6% for the day and nearly 17.4% year-to-date", "rising 28.9%
in 2019 and an impressive 17% so far in 2019", "gains of 9.5% in 2017 and 6.2% in 2018". Between
the first figure's period and the second figure only "and" and up to three plain words; a verb of
its own, another name or no period of its own leaves the second figure to the other rules.

Data: sp500 2018-12-31 2,506.85, 2019-06-27 2,924.92, 2019-06-28 2,941.76 (day +0.58 %, year to
date +17.35 %).
"""

from __future__ import annotations

import pytest
from claim_results import results


def _results(store, text: str, date: str = "2019-06-28"):
    return results(store, text, date)


def _ytd(store, text: str):
    got = [
        r
        for r in _results(store, text)
        if r.claim.period is not None and r.claim.period.kind == "ytd"
    ]
    assert len(got) == 1, [(r.claim.quote, r.claim.period) for r in _results(store, text)]
    return got[0]


@pytest.mark.parametrize(
    "text",
    [
        "The S&P 500 rose 0.6% for the day and nearly 17.4% year-to-date.",
        "On Friday the S&P 500 climbed 0.6% on the session and a solid 17.3% so far this year.",
    ],
)
def test_the_second_figure_shares_the_verb(claims_store, text):
    r = _ytd(claims_store, text)
    assert r.claim.measure == "change" and r.claim.subject.key == "sp500"
    assert r.verdict == "supported", r.evidence
    assert "% for the day" not in r.claim.quote[-25:], r.claim.quote


def test_a_wrong_second_figure_is_contradicted(claims_store):
    r = _ytd(claims_store, "The S&P 500 rose 0.6% for the day and 10% year-to-date.")
    assert r.verdict == "contradicted", r.evidence


def test_a_year_is_the_first_figures_period(claims_store):
    res = _results(
        claims_store,
        "The S&P 500 has rallied, rising 28.9% in 2019 and an impressive 17% so far in 2019.",
    )
    ytd = [r for r in res if r.claim.period is not None and r.claim.period.kind == "ytd"]
    assert len(ytd) == 1 and ytd[0].verdict == "supported", [
        (r.claim.quote, r.evidence) for r in res
    ]


@pytest.mark.parametrize(
    "text",
    [
        # a direction word of its own: the other rules read it as stated
        "The S&P 500 rose 0.6% for the day and fell 17.4% year-to-date.",
        # no period of its own after the second figure
        "The S&P 500 rose 0.6% for the day and 17.4% over a stretch.",
        # another name between: that one's figure
        "The S&P 500 rose 0.6% for the day and the Nasdaq 17.4% year-to-date.",
    ],
)
def test_not_a_coordinated_figure(claims_store, text):
    for r in _results(claims_store, text):
        if (
            "17.4" in r.claim.quote
            and r.claim.subject is not None
            and r.claim.subject.key == "sp500"
        ):
            assert not (r.claim.quote.startswith("and ") and r.claim.direction == 1), r.claim.quote
