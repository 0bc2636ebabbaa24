""" "Treasury yields rose", "the S&P 500 declined on Tuesday", "bond yields were sharply lower",
"the 10-year yield edged higher": a move verb right after its subject, with no figure in its
clause, states the sign of the session's move. Its period is assumed (no period words), so it is
support-only; generic Treasury yields are read as the 10-year's. A sign that fits one of the
article's candidate days and not the other supports nothing (issue 8, round 80)."""

from __future__ import annotations

import pytest
from claim_results import results, shown

# 2025-10-07 (Tuesday): S&P 500 -0.38%, 10-year 4.18 -> 4.14, 2-year 3.60 -> 3.57, VIX +5.31%
# 2025-10-06 (Monday): S&P 500 +0.36%, 10-year 4.13 -> 4.18


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Stocks fell on Tuesday.", "market"),
        ("The S&P 500 declined on Tuesday.", "sp500"),
        ("Treasury yields were sharply lower on Tuesday.", "ust10y"),
        ("Bond yields fell on Tuesday.", "ust10y"),
        ("The yield on the 10-year Treasury note fell on Tuesday.", "ust10y"),
        ("The two-year yield dropped on Tuesday.", "ust2y"),
        ("The VIX jumped on Tuesday.", "vix"),
        ("Treasury yields edged higher on Monday.", "ust10y"),
    ],
)
def test_a_move_verb_states_the_sessions_sign(claims_store, text, key):
    rs = results(claims_store, text, "2025-10-07", "direction")
    assert [r.verdict for r in rs] == ["supported"], shown(rs)
    assert rs[0].claim.subject.key == key, shown(rs)


def test_the_wrong_sign_is_never_contradicted(claims_store):
    # the period is assumed (no period words): support-only
    rs = results(claims_store, "The S&P 500 rallied on Tuesday.", "2025-10-07", "direction")
    assert [r.verdict for r in rs] == ["unverifiable"], shown(rs)
    assert "only assumed" in rs[0].evidence


def test_a_sign_fitting_one_candidate_day_only_supports_nothing(claims_store):
    # no day named: 2025-10-07 (yields fell) or 2025-10-06 (rose), the article's two sessions
    rs = results(claims_store, "Treasury yields rose.", "2025-10-07", "direction")
    assert [r.verdict for r in rs] == ["unverifiable"], shown(rs)
    assert "candidate days only" in rs[0].evidence, shown(rs)


@pytest.mark.parametrize(
    "text",
    [
        "The S&P 500 rose 0.4% on Tuesday.",  # a figure: the move rules'
        "Stocks fell this week.",  # another period
        "Stocks rallied for a third straight day.",
        "Dividend yields fell.",  # not the Treasury market's
        "Rising Treasury yields hurt stocks.",  # a participle before its noun
        "Stocks have fallen since the report.",  # a period from an event
    ],
)
def test_not_read_as_a_sessions_sign(claims_store, text):
    rs = [r for r in results(claims_store, text, "2025-10-07") if r.claim.rule == "move_direction"]
    assert rs == [], shown(rs)


def test_a_closing_verb_keeps_its_direction_past_an_adverb(claims_store):
    # rules.rule_direction: "closed sharply higher" is "closed higher" (2025-10-10: -2.71%)
    rs = results(
        claims_store, "U.S. stocks closed sharply lower Friday.", "2025-10-10", "direction"
    )
    assert [r.verdict for r in rs] == ["supported"], shown(rs)
    rs = results(
        claims_store, "U.S. stocks closed broadly higher Friday.", "2025-10-10", "direction"
    )
    assert [r.verdict for r in rs] == ["contradicted"], shown(rs)


@pytest.mark.parametrize(
    "text",
    [
        "European markets closed slightly lower Friday as omicron worries weighed.",
        "Asian and European stocks closed higher Friday.",
        "Global equities ended lower Friday.",
        "Emerging markets fell 1.5% on Friday.",
    ],
)
def test_another_regions_market_is_not_the_sp500(claims_store, text):
    # subjects._other_region: a region word before a generic market noun names another market
    # (2025-10-10: the S&P 500 fell 2.71%; none of these is judged on it; issue 8, round 82)
    rs = [r for r in results(claims_store, text, "2025-10-10") if r.claim.subject is not None]
    assert all(r.claim.subject.key != "market" for r in rs), shown(rs)
    assert all(r.verdict == "unverifiable" for r in rs), shown(rs)


def test_a_us_market_noun_is_still_the_market(claims_store):
    rs = results(claims_store, "U.S. stocks closed lower Friday.", "2025-10-10", "direction")
    assert [r.verdict for r in rs] == ["supported"], shown(rs)
