"""A percent move read as one session's only by convention (a move stated with its close, a
closing verb) and larger than eight daily deviations of its series is not contradicted as a
session's move: "the S&P 500 started the year at 4,770 and it has advanced about 21% to 5,751" is
the year's move, and the convention, not the article, is what the data would contradict. A move the
words place on a day is still that day's. The S&P 500 closed at 5,751.07 on 2024-10-04, +20.57% on
the year; its daily moves then had a deviation of about 1.1%."""

from __future__ import annotations

import pytest
from claim_results import results


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("The S&P 500 started the year at 4,770 and it has advanced 21% to 5,751.", "unverifiable"),
        # a day the words name: judged as that day's, and contradicted
        ("The S&P 500 advanced 21% to 5,751 on Friday.", "contradicted"),
        # a session-sized move read by the same convention: still judged
        ("The S&P 500 advanced 2.5% to 5,751.", "contradicted"),
    ],
)
def test_a_convention_does_not_make_a_year_a_session(claims_store, text, verdict):
    got = results(claims_store, text, "2024-10-04", "change")
    assert [r.verdict for r in got] == [verdict], [(r.claim.quote, r.evidence) for r in got]
