"""The hypothetical and conditional mood is not a claim of fact: a clause governed by would,
could, might, may, should, must, if, unless, in case, needs to, has to (or a fronted condition:
"If ...,", "Should ...,", "For X to reach Y, ...") is unverifiable, whatever rule read it; the
article's own arithmetic to a target (the upside rule) stays judged, being a hypothetical by
nature. Definitions ("a correction, defined as a 10% fall") are unverifiable too.

Closes by hand from sp500_daily_fred.csv: 2025-02-19 6144.15 (the record then), 2025-03-19
5675.29, 2025-03-20 5662.89 (7.83% below the record, 8.50% of the level): none of the falls
below were real.
"""

from __future__ import annotations

import datetime as dt

import pytest
from claim_results import results

from thesis.claims import extract_claims
from thesis.claims.binding import mood
from thesis.claims.document import Doc
from thesis.claims.extract import _sentences

DAY = "2025-03-20"


def _results(store, text: str):
    return results(store, text, DAY)


@pytest.mark.parametrize(
    "text",
    [
        "A slump of that size, which would mean the S&P 500 index (SPX) falling 20% from its "
        "February 19 all-time peak, is a distinct possibility, one strategist said.",
        "A deeper sell-off, which would mean the S&P 500 falling 15% from its February 19 "
        "record, cannot be ruled out.",
        "In case the S&P 500 drops 10% from its record close, a correction begins.",
        "If the selling goes on at this pace, the S&P 500 ends the month 12% below its record.",
        "Should the index slide 8% from its record, it erases its gains for the year.",
        "The S&P 500 needs to fall 20% from its record to enter a bear market.",
        "For the S&P 500 to get back to its record, it has to climb 12% from here.",
        "A correction, defined as a 10% fall from a recent high, arrived in 16 sessions.",
        "Unless buyers return, the S&P 500 could be 25% below its record by the summer.",
    ],
)
def test_a_hypothetical_is_never_judged_as_a_fact(claims_store, text):
    got = [r for r in _results(claims_store, text) if r.claim.measure != "other"]
    assert got, "no claim read"
    assert all(r.verdict == "unverifiable" for r in got), [
        (r.claim.quote, r.verdict, r.evidence) for r in got
    ]
    assert any(
        q in r.claim.qualifiers for r in got for q in ("conditional", "forecast", "definition")
    )


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        # the same distance, stated as a fact: judged
        ("The S&P 500 is now 7.8% below its February 19 record close.", "supported"),
        ("The S&P 500 is now 20% below its February 19 record close.", "contradicted"),
    ],
)
def test_the_same_figure_stated_as_a_fact_is_judged(claims_store, text, verdict):
    got = [r for r in _results(claims_store, text) if r.claim.measure == "distance"]
    assert [r.verdict for r in got] == [verdict], [(r.claim.quote, r.evidence) for r in got]


def test_the_arithmetic_to_a_target_stays_judged(claims_store):
    """ "Would have to fall 12% to hit 5,000" is the article's arithmetic from the close (5662.89 →
    5,000 is −11.7%): a hypothetical by nature, judged as arithmetic."""
    text = "The S&P 500 closed at 5,662.89 on Thursday. It would have to fall 12% to hit 5,000."
    got = [r for r in _results(claims_store, text) if r.claim.measure == "upside"]
    assert [r.verdict for r in got] == ["supported"]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The index could fall 10% from here.", "could"),
        ("If it drops 5%, the index is in a correction.", "If"),
        ("Should the S&P 500 fall 8%, its gains are gone.", "Should"),
        ("For the index to reach 7,000, it must gain 12%.", "must"),
        ("The index fell 2% on Monday.", ""),
        ("The index fell 2% in May.", ""),  # the month, not the modal
        ("The S&P 500 (SPX), which might drop 10%, ...", "might"),  # a bracket does not end it
    ],
)
def test_mood_words(text, word):
    doc = Doc(text, dt.date(2025, 3, 20))
    s = _sentences(doc)[0]
    q = s.quantities[-1]
    assert mood(s, q.start, q.end) == word


def test_a_past_fact_is_not_conditional():
    cs = extract_claims("The S&P 500 fell 2% on Monday, which was its worst day in a month.",
                        dt.date(2025, 3, 20))  # fmt: skip
    assert all("conditional" not in c.qualifiers for c in cs)
