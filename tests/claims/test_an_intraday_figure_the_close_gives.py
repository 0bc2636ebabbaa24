"""An intraday figure ("was down 1.42% in afternoon trading") that the day's close gives as well is
supported: a figure quoted late in the session is often the close. A record in the session is not
read on closes (an earlier session's high may top this one's close). The figure must equal
the close's to its last digit, unhedged, while a match by luck stays under 2%
(`thesis.claims.chance`); otherwise it stays unverifiable, never contradicted (a session's figure
may differ from its close). On 2018-03-19 the S&P 500 closed at 2,712.92, −1.42%; on 2025-10-27 at a
record 6,875.16."""

from __future__ import annotations

import pytest
from claim_results import results


@pytest.mark.parametrize(
    ("text", "day", "verdict"),
    [
        ("The S&P 500 was down 1.42% in afternoon trading.", "2018-03-19", "supported"),
        # a hedge, another figure, or a whole figure a day's move matches by luck too often
        ("The S&P 500 was down about 1.42% in afternoon trading.", "2018-03-19", "unverifiable"),
        ("The S&P 500 was down 1.1% in afternoon trading.", "2018-03-19", "unverifiable"),
        ("The S&P 500 was down 1% in afternoon trading.", "2018-03-19", "unverifiable"),
        ("The S&P 500 was at 2,712.92 in afternoon trading.", "2018-03-19", "supported"),
        ("The S&P 500 was at 2,714.92 in afternoon trading.", "2018-03-19", "unverifiable"),
        ("The S&P 500 hit a record high Monday morning.", "2025-10-27", "unverifiable"),
    ],
)
def test_the_close_gives_an_intraday_figure(claims_store, text, day, verdict):
    got = [r for r in results(claims_store, text, day) if "intraday" in r.claim.qualifiers]
    assert [r.verdict for r in got] == [verdict], [(r.claim.quote, r.evidence) for r in got]
    if verdict == "supported":
        assert "an intraday figure; the day's close gives it too" in got[0].evidence
