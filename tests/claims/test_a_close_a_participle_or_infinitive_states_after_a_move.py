""" "added 28 points, or nearly 1%, to close at 2,954", "fell 1.4%, landing at 2,954.18",
"rose 0.95% on Thursday, closing at a then-record 2,954.18": the close a move reached, stated by
an infinitive or a participle of a closing verb (or "landing") and "at", after a hedged paired
figure or "then-record", is that session's close, bound by the clause's own subject and day."""

from __future__ import annotations

import pytest
from claim_results import results

# S&P 500: 2019-06-19 close 2,926.46, 2019-06-20 close 2,954.18 (+0.95%, +27.72 points)
DAY = "2019-06-20"


def _close(store, text: str):
    got = results(store, text, DAY, "close")
    assert got, (text, [(r.claim.measure, r.claim.quote) for r in results(store, text, DAY)])
    return got[0]


@pytest.mark.parametrize(
    "text",
    [
        "The S&P 500 added 28 points, or nearly 1%, to close at 2,954.",
        "The S&P 500 added 28 points, or about 1%, to close at 2,954 -- a record.",
        "The S&P 500 rose 0.95% on Thursday, closing at a then-record 2,954.18.",
        "The S&P 500 rose 0.95% on Thursday, closing at 2,954.18.",
        "The S&P 500 gained 0.9%, landing at 2,954.18.",
        "The S&P 500 rose 0.9% Thursday, finishing at 2,954.18.",
        "The S&P 500 climbed on Thursday to close at 2,954.",
    ],
)
def test_the_stated_close_is_the_sessions(claims_store, text):
    r = _close(claims_store, text)
    assert r.verdict == "supported", (r.claim.quote, r.evidence)
    assert "2019-06-20" in r.evidence, r.evidence


@pytest.mark.parametrize(
    "text",
    [
        "The S&P 500 rose 0.95% on Thursday, closing at a then-record 2,994.18.",
        "The S&P 500 added 28 points, or nearly 1%, to close at 2,994.",
    ],
)
def test_a_wrong_close_is_contradicted(claims_store, text):
    r = _close(claims_store, text)
    assert r.verdict == "contradicted", (r.claim.quote, r.evidence)


def test_no_subject_no_close(claims_store):
    r = _close(claims_store, "It then rallied on Thursday, closing at a then-record 2,994.18.")
    assert r.verdict != "contradicted", (r.claim.quote, r.evidence)


def test_the_noun_close_is_still_a_reference(claims_store):
    # "its record close of L" is a reference level, not the day's close: not read as one
    got = [
        r
        for r in results(claims_store, "The S&P 500 is 3% below its record close of 3,000.", DAY)
        if r.claim.measure == "close"
    ]
    assert not got, [(r.claim.quote, r.evidence) for r in got]
