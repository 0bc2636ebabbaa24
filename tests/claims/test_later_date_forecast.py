"""A claim whose clause runs to a date after the article's ("before 28 February 1998", "by March
2027") speaks of a time to come: a forecast, whatever its verb says.

Found by the generated theses (tests/pipeline/test_generated.py, CI's 200 examples): an outlook's
headline "the chance of reaching 32.46 before 16 March 1998 rates as likely, reaching 49.76 before
28 February 1998 unlikely" had its second level read as the VIX's level of the article's day. Before
round 74 the level abstained only because "reaching" may be a moment of the session; once a level
outside the session's own range fits no moment of it, the forecast was contradicted.
"""

from __future__ import annotations

from claim_results import quoted, results, shown


def test_a_level_reached_before_a_later_date_is_a_forecast(claims_store):
    # the VIX closed at 30.27 on 1997-12-24
    text = (
        "CBOE Volatility Index (close) at 30.27: the chance of reaching 32.46 before 16 March 1998"
        " rates as likely, reaching 49.76 before 28 February 1998 unlikely.\n"
    )
    rs = results(claims_store, text, "1997-12-24")
    got = quoted(rs, "49.76")
    assert got and all(r.verdict == "unverifiable" for r in got), shown(rs)
    assert any("forecast" in r.claim.qualifiers for r in got), shown(rs)
    # the S&P 500 closed at 4,783.45 on 2024-01-10
    rs = results(
        claims_store, "The S&P 500 reaching 5,200 by March 2024 is unlikely.", "2024-01-10"
    )
    got = quoted(rs, "5,200")
    assert got and all(r.verdict == "unverifiable" for r in got), shown(rs)


def test_a_later_event_beside_a_past_move_leaves_the_move_judged(claims_store):
    # "ahead of" an event to come: the move is the day's, judged on the data
    text = "The S&P 500 closed at 4,783.45, ahead of the Fed's meeting on January 31, 2024."
    rs = results(claims_store, text, "2024-01-10")
    got = quoted(rs, "4,783.45")
    assert got and got[0].verdict == "supported", shown(rs)
    # a stated close of a day after the article's: not a forecast, the data end before it
    rs = results(claims_store, "The S&P 500 closed at 5,000 on March 3, 2024.", "2024-01-10")
    got = quoted(rs, "5,000")
    assert got and got[0].verdict == "unverifiable", shown(rs)
    assert "forecast" not in got[0].claim.qualifiers, shown(rs)
