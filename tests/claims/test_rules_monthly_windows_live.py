"""Month-over-month macro changes, windows ending on a named day, and stories filed mid-session.

- A macro figure's period words after a clause turn are the next clause's ("rose 0.1% in
  August, though the year-over-year rate slowed"); "monthly", "on the month" are the month's change.
- "N trading days through DAY" ends the counted window on DAY, not on the article's day.
- A story filed while the session is open ("if ... at the closing bell") reports intraday
  figures: its day's moves and levels are not judged against the close.

Data: CPIAUCSL 2022-08 / 2022-07 = +0.075%, CPI-U 2022-08 year over year 8.26%; S&P 500 closes
2022-09-06 3,908.19, 2022-09-09 4,067.36, 2022-09-12 4,110.41, 2022-09-13 3,932.69; 2020-02-26
3,116.39, 2020-02-27 2,978.76.
"""

from __future__ import annotations

import pytest
from claim_results import results as _results


def _with(results, needle: str):
    got = [r for r in results if needle in r.claim.quote]
    assert got, [r.claim.quote for r in results]
    return got


@pytest.mark.parametrize(
    "text",
    [
        "Consumer prices increased 0.1% in August, while the annual rate eased to 8.3%.",
        "The CPI edged up 0.1% last month, but the year-over-year pace slowed to 8.3%.",
        "Consumer prices rose 0.1% on the month in August.",
        "Inflation data showed a monthly gain of 0.1% in consumer prices in August.",
    ],
)
def test_a_months_change_is_not_read_as_year_over_year(claims_store, text):
    for r in _with(_results(claims_store, text, "2022-09-14"), "0.1%"):
        assert r.verdict != "contradicted", r.evidence


def test_a_wrong_monthly_change_is_not_supported(claims_store):
    # read as the month's change (0.08%), never as the year's 8.26%; "on the month" also marks
    # the clause's span as loose (round 9), so this is unverifiable rather than contradicted
    text = "Consumer prices rose 0.9% on the month in August."
    got = _with(_results(claims_store, text, "2022-09-14"), "0.9%")
    assert all(r.verdict != "supported" for r in got), [r.evidence for r in got]
    assert any("mom" in r.evidence for r in got), [r.evidence for r in got]


def test_year_over_year_words_in_the_same_clause_still_apply(claims_store):
    text = "Consumer prices rose 8.3% in August from a year earlier."
    got = _with(_results(claims_store, text, "2022-09-14"), "8.3%")
    assert any(r.verdict == "supported" for r in got), [r.evidence for r in got]


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("Stocks slid Wednesday. The S&P 500 had gained 4.1% over the last three trading days "
         "through Friday.", "supported"),
        ("Stocks slid Wednesday. The S&P 500 had gained 9.1% over the last three trading days "
         "through Friday.", "contradicted"),
    ],
)  # fmt: skip
def test_a_counted_window_ends_on_the_day_after_through(claims_store, text, verdict):
    got = _with(_results(claims_store, text, "2022-09-14"), "three trading days")
    assert got[0].verdict == verdict, got[0].evidence
    assert "2022-09-09" in got[0].evidence


def test_a_story_filed_before_the_close_is_not_held_to_the_close(claims_store):
    text = (
        "The S&P 500 was on the verge of a correction Thursday.\n\nThe S&P 500 dropped about 2.5% "
        "to 3,040. If the slide holds at the closing bell, the index will be in a correction."
    )
    for r in _results(claims_store, text, "2020-02-27"):
        assert r.verdict != "contradicted", r.evidence


def test_the_same_figures_after_the_close_are_still_contradicted(claims_store):
    text = "The S&P 500 dropped 2.5% to 3,040 on Thursday, its sixth straight loss."
    got = _results(claims_store, text, "2020-02-27")
    assert any(r.verdict == "contradicted" for r in got), [r.evidence for r in got]
