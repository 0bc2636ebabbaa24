"""Extremes over a span named in words ("a new eight-month high", "16-year highs", "a three-week
low"; a 52-week extreme is the extreme rule's), "a high not seen since April 2011" (a superlative,
not a negation), and "the index" that may be the VIX; on their own example sentences (no store)."""

from __future__ import annotations

import datetime as dt

import pytest

from thesis.claims import extract_claims

D = dt.date(2024, 8, 5)  # a Monday


def _since(text: str, date: dt.date = D):
    hits = [c for c in extract_claims(text, date) if c.measure == "since"]
    assert len(hits) == 1, [(c.measure, c.quote) for c in extract_claims(text, date)]
    return hits[0]


@pytest.mark.parametrize(
    ("text", "subject", "sup", "days_back"),
    [
        ("The S&P 500 jumped to a new eight-month high on Monday.", "sp500", "highest", 195),
        ("The 10-year yield retreated from 16-year highs.", "ust10y", "highest", 4675),
        ("The VIX fell to a three-week low.", "vix", "lowest", 17),
    ],
)
def test_span_extreme(text: str, subject: str, sup: str, days_back: int) -> None:
    c = _since(text)
    assert c.rule == "span_extreme" and c.subject is not None and c.subject.key == subject
    assert c.extra["sup"] == sup and c.extra["what"] == "level"
    # only a better close well inside the span (its last 80%) contradicts
    assert (D - c.extra["anchor_last"]).days == days_back


def test_52_week_is_the_extreme_rules() -> None:
    assert not [
        c for c in extract_claims("The VIX hit a 52-week high.", D) if c.rule == "span_extreme"
    ]


def test_a_high_not_seen_since_is_a_superlative_not_a_negation() -> None:
    c = _since("The 10-year yield rose to 3.4%, a high not seen since April 2011.")
    assert c.extra["sup"] == "highest" and "negated" not in c.qualifiers
    assert c.extra["anchor_first"] == dt.date(2011, 4, 1)
    neg = [c for c in extract_claims("The S&P 500 did not close above 5,000 on Monday.", D)]
    assert all("negated" in c.qualifiers for c in neg if c.measure != "other")


def test_the_index_may_be_the_vix() -> None:
    text = "The Cboe Volatility Index jumped to 38.6 on Monday. That marks the highest level for the index since March 2020."
    c = _since(text)
    assert c.subject is not None and c.subject.key == "vix"


def test_an_extreme_it_came_back_from_is_never_contradicted() -> None:
    """ "Retreated from a three-year high": the high was reached before the day (the days of the
    week before are read too), and the words do not say which."""
    c = _since("The 10-year Treasury yield retreated from a three-year high on Tuesday.")
    assert "role" in c.loose and len(c.extra["alt_days"]) == 7
    c = _since("The 10-year Treasury yield rose to a three-year high on Tuesday.")
    assert "role" not in c.loose
