"""A figure to date ("gained 13.9% year to date") dated only by the session the article's opening
reports ("trading at around 5,440 as of Monday"): an article written during that session quotes
it as of the last close, so the session before is a non-literal reading. It blocks a
contradiction and never supports.

Closes by hand (S&P 500): 2023-12-29 4,769.83; 2024-06-14 (Friday) 5,431.60 (+13.87% year to
date); 2024-06-17 (Monday) 5,473.23 (+14.75%).
"""

from __future__ import annotations

import pytest
from claim_results import results

LEAD = "Recently, it hit an all-time high, trading at around 5,440 as of Monday. "


@pytest.mark.parametrize(
    "text",
    [
        "The S&P 500 is trading at around 5,440 as of Monday. So far, in 2024, the S&P 500 gained "
        "13.9% year to date.",
        "The S&P 500 edged higher on Monday. The index is up 13.9% so far this year.",
    ],
)
def test_a_figure_as_of_the_close_before_is_not_contradicted(claims_store, text):
    got = results(claims_store, text, "2024-06-18", "change")
    assert got and all(r.verdict == "unverifiable" for r in got), [r.evidence for r in got]
    assert "as of the close before the session it reports" in got[0].evidence


def test_the_lead_session_still_supports_and_a_wrong_figure_is_contradicted(claims_store):
    ok = "The S&P 500 is trading at around 5,440 as of Monday. The S&P 500 gained 14.7% year to date."
    got = results(claims_store, ok, "2024-06-18", "change")
    assert [r.verdict for r in got] == ["supported"], [r.evidence for r in got]
    bad = "The S&P 500 is trading at around 5,440 as of Monday. The S&P 500 gained 12.1% year to date."
    got = results(claims_store, bad, "2024-06-18", "change")
    assert [r.verdict for r in got] == ["contradicted"], [r.evidence for r in got]


def test_a_figure_of_a_stated_day_gets_no_such_reading(claims_store):
    text = LEAD + "On Monday, the S&P 500 closed up 14.7% for the year."
    got = results(claims_store, text, "2024-06-18", "change")
    assert all("the close before the session it reports" not in r.evidence for r in got)
