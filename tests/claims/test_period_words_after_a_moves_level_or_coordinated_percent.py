""" "10-year US Treasury yields have risen by 30 bp to 3.2% during the past month", "closed at
2161.74 last Friday, up 31.84 points for a 1.4% gain for the week": a period phrase that
follows the level a move is stated with ("to 3.2% during the past month", "to 2,900 for the
week") or the percent coordinated with a points change ("for a 1.4% gain for the week", "and
1.4% this week") is the period of the move before it too; "during the week" and "during the
month" are period words like "for the week". "During the session" and a day named in the
clause still make a session's move, and so does a period phrase that follows another noun after
the level ("to 3,193.93 for its eighth gain in the last 10 days": the gains' days)."""

from __future__ import annotations

import datetime as dt

import pytest

from thesis.claims.extract import extract_claims


def _periods(text: str, measure: str, day: dt.date) -> list[str]:
    return [c.period.kind for c in extract_claims(text, day) if c.measure == measure and c.period]


@pytest.mark.parametrize(
    ("text", "measure", "kind"),
    [
        ("10-year US Treasury yields have risen by 30 bp to 3.2% during the past month.",
         "yield_change", "trailing"),
        ("10-year Treasury yields rose 30 basis points to 3.2% over the past month.",
         "yield_change", "trailing"),
        ("The S&P 500 rose 3% to 2,900 for the week.", "change", "week"),
        ("The S&P 500 fell 2% to 2,900 during the last three weeks.", "change", "trailing"),
        ("The S&P 500 fell 2% during the week.", "change", "week"),
        ("The S&P 500 fell 2% during the month.", "change", "month"),
        ("The S&P 500 closed at 2161.74 last Friday, up 31.84 points for a 1.4% gain for the "
         "week.", "points_change", "week"),
        ("The S&P 500 was up 31.84 points and 1.4% this week.", "points_change", "week"),
        ("The Dow rose 120 points for a 0.7% gain on the week.", "points_change", "week"),
    ],
)  # fmt: skip
def test_the_period_after_the_partner_figure_binds_the_move(text, measure, kind):
    assert _periods(text, measure, dt.date(2018, 10, 5)) == [kind]


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("The S&P 500 rose 0.6% during the session.", "change"),
        ("The S&P 500 rose 0.6% during trading on Friday.", "change"),
        ("The S&P 500 rose 3% to 2,900 on Friday.", "change"),
        ("The S&P 500 rose 3% to 2,900, its highest in the past month.", "change"),
        ("The Dow fell 100 points on Friday and 1.4% for the week.", "points_change"),
        ("The S&P 500 rose 20 points for a 1% gain on Friday.", "points_change"),
        # a period phrase after another noun that follows the level is that noun's
        ("The S&P 500 rose 81.58 points to 3,193.93 for its eighth gain in the last 10 days.",
         "points_change"),
        ("The S&P 500 rose 1.2% to 3,193.93, its third gain over the past week.", "change"),
    ],
)  # fmt: skip
def test_a_session_move_stays_a_session_move(text, measure):
    assert _periods(text, measure, dt.date(2018, 10, 5)) == ["day"]


def test_the_past_month_move_is_not_judged_as_one_session(claims_store):
    from claim_results import results

    text = "10-year US Treasury yields have risen by 30 bp to 3.2% during the past month."
    got = results(claims_store, text, "2018-10-05", "yield_change")
    assert got and all("previous close" not in r.evidence for r in got), [
        (r.verdict, r.evidence) for r in got
    ]
