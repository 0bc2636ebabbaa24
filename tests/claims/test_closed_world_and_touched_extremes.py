"""Three classes of false alarm, each on its own example sentences (docs/claims.md, round 16):
a superlative "touched"/"hit"/"reached" is a level of the moment, not a close; a points figure
that restates a percent move is the move in points, not a target; and the closed world for
macro series: a macro figure is contradicted only when the phrase naming it is one of the
series' names with known modifiers.

Closes by hand (sp500_daily_fred.csv): S&P 500 2025-10-03 6,715.79, 2025-10-06 6,740.28 (+0.36%,
+24.49 points). UNRATE 2021-06 5.9%, 2021-07 5.4%; DGS10 2021-03-19 1.74, 2021-03-30 1.73.
"""

from __future__ import annotations

import pytest
from claim_results import results as _results

# ------------------------------------------------------- a superlative reached at some moment


@pytest.mark.parametrize(
    "text",
    [
        "Stocks fell Tuesday after the 10-year Treasury yield touched its highest level since January 2020.",
        "Stocks fell Tuesday after the 10-year Treasury yield hit its highest level since January 2020.",
        "Stocks fell Tuesday after the 10-year Treasury yield reached its highest level since January 2020.",
    ],
)  # fmt: skip
def test_a_touched_superlative_is_never_contradicted_by_closes(claims_store, text):
    """DGS10 closed at 1.73 on 2021-03-30, below 1.74 on 2021-03-19: the close is not the
    highest since January 2020, but a yield that "touched" it may have done so intraday."""
    got = [r for r in _results(claims_store, text, "2021-03-30") if r.claim.measure == "since"]
    assert got, "the since-superlative is read"
    assert all(r.verdict != "contradicted" for r in got), [r.evidence for r in got]
    assert all("measure" in r.claim.loose for r in got)


def test_a_closed_superlative_is_still_contradicted(claims_store):
    """ "Closed at its highest level since": a close, judged on the closes (ust10y 2021-02-01
    1.09%, below February 2020's 1.5-1.7%)."""
    text = "The 10-year Treasury yield closed at its highest level since January 2020 on Monday."
    got = [r for r in _results(claims_store, text, "2021-02-01") if r.claim.measure == "since"]
    assert [r.verdict for r in got] == ["contradicted"], [r.evidence for r in got]


def test_a_yields_superlative_beaten_by_less_than_sources_differ_is_not_settled(claims_store):
    """ust10y 2021-03-30 1.73%, 2021-03-19 1.74%: one hundredth, less than the closes of two
    sources differ (round 74)."""
    text = "The 10-year Treasury yield closed at its highest level since January 2020 on Tuesday."
    got = [r for r in _results(claims_store, text, "2021-03-30") if r.claim.measure == "since"]
    assert [r.verdict for r in got] == ["unverifiable"], [r.evidence for r in got]
    assert "sources differ" in got[0].evidence


# ------------------------------------------------------------ points restating a percent move


@pytest.mark.parametrize(
    ("text", "points", "verdict"),
    [
        ("The S&P 500 experienced an increase of 0.4%, translating to 24.49 points, concluding at 6,740.28 points.",
         24.49, "supported"),
        ("The S&P 500 rose 0.4%, translating to a gain of 24.49 points.", 24.49, "supported"),
        ("The S&P 500 rose 0.4%, equal to 24.49 points.", 24.49, "supported"),
        ("The S&P 500 rose 0.4%, translating to 90.5 points.", 90.5, "contradicted"),
    ],
)  # fmt: skip
def test_points_that_restate_a_percent_move_are_the_move(claims_store, text, points, verdict):
    got = _results(claims_store, text, "2025-10-06")
    assert all(r.claim.measure != "upside" for r in got), [r.evidence for r in got]
    pts = [r for r in got if r.claim.measure == "points_change"]
    assert [r.claim.stated_value for r in pts] == [points]
    assert pts[0].verdict in (verdict, "unverifiable" if verdict == "contradicted" else verdict)


def test_a_move_to_a_level_in_points_is_still_a_target(claims_store):
    """ "A 5% rally to 7,269 points": no restating word, so the level is the target."""
    got = _results(
        claims_store, "Analysts see a 5% rally to 7,269 points for the S&P 500.", "2025-10-06"
    )
    assert [r.claim.measure for r in got if r.claim.measure == "upside"] == ["upside"]


# ------------------------------------------------------------------ the closed world for macro


@pytest.mark.parametrize(
    "text",
    [
        "The real unemployment rate in this country is still above 9 percent.",
        "The broad unemployment rate is still above 9 percent.",
        "The number of individuals working two or more jobs rose to 8.802 million.",
        "The youth unemployment rate was 9.5% in July.",
    ],
)  # fmt: skip
def test_a_macro_name_with_an_unknown_modifier_is_never_contradicted(claims_store, text):
    got = _results(claims_store, text, "2021-08-06")
    assert all(r.verdict != "contradicted" for r in got), [(r.claim.quote, r.evidence) for r in got]


@pytest.mark.parametrize(
    "text",
    [
        "The unemployment rate was 9.5% in July.",
        "The U.S. unemployment rate was 9.5% in July.",
        "The nation's unemployment rate was 9.5% in July.",
        "The headline unemployment rate was 9.5% in July.",
        "July's unemployment rate was 9.5%.",
    ],
)  # fmt: skip
def test_a_macro_name_with_known_modifiers_is_still_contradicted(claims_store, text):
    """UNRATE for July 2021 is 5.4%: the series' own names, with determiners, the country or the
    release's words before them, are judged on it."""
    got = [r for r in _results(claims_store, text, "2021-08-06") if r.claim.stated_value == 9.5]
    assert [r.verdict for r in got] == ["contradicted"], [(r.claim.quote, r.evidence) for r in got]
