"""A figure the words place at a moment of the session, or call approximate, is not a close.

"earlier" ("had surged more than 4% earlier on Tuesday"; not "earlier this year", "a year
earlier"), "at one point", "at the session's high", "was up … before giving up the gains" place
a figure at a moment other than the close; "trading near", "hovering around" make a level
approximate and of the moment. A close can never contradict such a figure (it may support it),
and the day's range, where the store holds highs and lows, is a literal reading.

From the data, by hand: sp500_daily_fred.csv 2025-04-07 5062.25, 2025-04-08 4982.77 (−1.57%: the
S&P 500 closed down that Tuesday); etf_daily_spy_iwm_tlt_gld.csv SPY 2025-04-07 close 504.38,
2025-04-08 high 524.98 (+4.08%), low 489.16, close 496.48; us_treasury_2y_10y_daily.csv 10-year
2025-04-08 4.26%.
"""

from __future__ import annotations

import datetime as dt

import pytest
from claim_results import results

from thesis.claims import check_text, parse_article
from thesis.claims.binding import session_moment
from thesis.claims.document import Doc
from thesis.claims.extract import _sentences

DAY = "2025-04-08"


def _results(store, text: str, measure: str):
    return results(store, text, DAY, measure)


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("The S&P 500 had surged more than 4% earlier on Tuesday, as hopes of a pause grew.",
         "change"),
        ("The S&P 500 was up 3.5% before giving up the gains.", "change"),
        ("The 10-year Treasury yield was hovering around 4.6% on Tuesday.", "yield"),
        ("The 10-year Treasury yield was trading near 4.7% on Tuesday.", "yield"),
    ],
)  # fmt: skip
def test_a_moment_or_an_approximate_level_is_never_contradicted_by_a_close(
    claims_store, text, measure
):
    got = _results(claims_store, text, measure)
    assert len(got) == 1
    assert got[0].verdict == "unverifiable", got[0].evidence
    assert "measure" in got[0].claim.loose


def test_the_same_figure_at_the_close_is_contradicted(claims_store):
    got = _results(claims_store, "The S&P 500 closed up 4% on Tuesday.", "change")
    assert [r.verdict for r in got] == ["contradicted"]


@pytest.mark.parametrize(
    "text",
    ["SPY had risen 4% earlier on Tuesday.", "SPY was up 4.1% before giving up the gains."],
)
def test_the_days_range_supports_a_moment(claims_store, text):
    got = _results(claims_store, text, "change")
    assert [r.verdict for r in got] == ["supported"], [r.evidence for r in got]
    assert "range" in got[0].evidence


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The S&P 500 had surged more than 4% earlier on Tuesday.", "moment"),
        ("The index was up 2% at one point.", "moment"),
        ("The index was up 2% before paring gains.", "moment"),
        ("The index traded at 5,000 at the session's high.", "moment"),
        ("The yield was hovering around 4.6%.", "approximate"),
        ("The S&P 500 rose 2% earlier this year.", ""),
        ("The S&P 500 rose 2% from a year earlier.", ""),
        ("The S&P 500 rose 2% before the Fed's decision.", ""),
    ],
)
def test_session_moment(text, kind):
    s = _sentences(Doc(text, dt.date(2025, 4, 8)))[0]
    q = s.quantities[-1]
    assert session_moment(s, q.start, q.end)[0] == kind


def test_a_close_after_an_intraday_aside_is_judged(claims_store):
    """ "fell 1.6% on Tuesday after rising as much as 4%": the intraday words are another event's."""
    text = "The S&P 500 fell 1.6% on Tuesday after rising as much as 4% early in the session."
    got = _results(claims_store, text, "change")
    assert got[0].verdict == "supported", got[0].evidence


def test_minutes_after_an_event_is_intraday(claims_store):
    """ "Up 0.3% on the day within 10 minutes of the announcement" (2024-09-18, the close was
    −0.29%): a moment of the session."""
    rep = check_text(
        parse_article(
            b"The benchmark S&P was up 0.3% on the day within 10 minutes of the announcement.",
            "t.txt",
        ),
        claims_store,
        date="2024-09-18",
    )
    got = [r for r in rep.results if r.claim.measure == "change"]
    assert got and all(r.verdict == "unverifiable" for r in got)
    assert "intraday" in got[0].claim.qualifiers
