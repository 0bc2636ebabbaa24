"""A yield stated as the start of a move, with its day: "rose to 4.60% from 4.48% on Monday",
"from 4.83% late Tuesday", "from Friday's 3.75%", "from 3.10 percent a day earlier". The level is
that day's closing yield (a weekend day reads as the session before), read within the yield
band; a starting level is a dealer's mark of its session, so the claim can be supported, never
contradicted. Without a day, or with a weekday in an article dated only to a month, it is not read.

Data: ust10y 2022-10-18 4.01, 10-20 4.24, 10-21 4.21, 10-24 4.25; ust2y 10-20 4.62, 10-24 4.50.
"""

from __future__ import annotations

import pytest

from thesis.claims import check_text, parse_article


def _from_levels(store, text: str, date: str):
    res = check_text(parse_article(text.encode(), "t.txt"), store, date=date).results
    return [r for r in res if r.claim.extra.get("from_day")]


@pytest.mark.parametrize(
    ("text", "date", "day"),
    [
        ("The 10-year Treasury yield climbed to 4.16% from 4.01% on Tuesday.", "2022-10-20", "2022-10-18"),
        ("The two-year yield slipped to 4.49% from 4.62% a day earlier.", "2022-10-21", "2022-10-20"),
        ("The 10-year yield edged up to 4.26% from Friday's 4.21%.", "2022-10-24", "2022-10-21"),
        ("Yields on 2-year notes eased to 4.42% from 4.50% late Monday.", "2022-10-25", "2022-10-24"),
        # "a day earlier" on a Monday: the session before is Friday's
        ("The 10-year note's yield rose to 4.25 percent from 4.21 percent a day earlier.", "2022-10-24", "2022-10-23"),
        # a day named before the level in its clause is the move's own day
        ("On Thursday the 10-year yield rose to 4.24% from 4.14% a day earlier.", "2022-10-25", "2022-10-19"),
    ],
)  # fmt: skip
def test_a_starting_level_is_its_days_yield(claims_store, text, date, day):
    got = _from_levels(claims_store, text, date)
    assert len(got) == 1, [r.claim.quote for r in got]
    r = got[0]
    assert r.claim.measure == "yield" and str(r.claim.date) == day
    assert r.verdict == "supported", r.evidence


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("The 10-year Treasury yield climbed to 4.16% from 3.50% on Tuesday.", "2022-10-20"),
        ("The two-year yield slipped to 4.49% from 5.20% a day earlier.", "2022-10-21"),
    ],
)
def test_a_starting_level_is_never_contradicted(claims_store, text, date):
    got = _from_levels(claims_store, text, date)
    assert got and all(r.verdict == "unverifiable" for r in got), [r.evidence for r in got]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # a weekday in an article dated only to a month names no one day
        ("The 10-year yield edged up to 4.26% from Friday's 4.21%.", "2022-10"),
        # no day after the level: a start of another period
        ("The 10-year yield rose to 4.25% from 4.02% over the week.", "2022-10-24"),
        ("The 10-year yield rose to 4.25% from 4.02% at the start of the month.", "2022-10-24"),
    ],
)
def test_without_its_own_day_it_is_not_read(claims_store, text, date):
    assert _from_levels(claims_store, text, date) == []
