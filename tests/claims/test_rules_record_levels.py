"""A level named as the record: "its previous record close of L", "a record close of L on D",
"a fresh closing record of L on D".

With a stated day, that day's close is the level and tops every earlier close; without one, the
level is the highest close before the article's session ("previous") or up to it. Contradicted
only when the words say it was a close ("record close", "closing record") and the day's close is
another level, or was not a record; a record "high" may be intraday and is never contradicted.

Data: S&P 500 2022-01-03 4,796.56 (a record until 2024-01-19, 4,839.81); 2022-01-04 4,793.54;
2025-02-19 6,144.15 (a record; 2025-02-18 6,129.58, 2025-02-20 6,117.52).
"""

from __future__ import annotations

import pytest

from thesis.claims import check_text, parse_article


def _levels(store, text: str, date: str):
    res = check_text(parse_article(text.encode(), "t.txt"), store, date=date).results
    # "a closing record of L on D" is read as that day's close as well (rule_close)
    return [r for r in res if r.claim.measure in ("record_level", "close")]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("The S&P 500 stayed 5.5% below its previous record close of 4,796.56.", "2023-07-20"),
        ("The S&P 500 set a record close of 4,796.56 on Jan. 3, 2022.", "2023-07-20"),
        ("The S&P 500 remains under the record of 4,796.56 set on January 3, 2022.", "2023-07-20"),
        ("The S&P 500 notched a fresh closing record of 6,144.15 on Feb. 19.", "2025-02-21"),
        ("The S&P 500's record high close of 6,144 still stands.", "2025-03-03"),
    ],
)
def test_a_level_named_as_the_record_is_supported(claims_store, text, date):
    got = _levels(claims_store, text, date)
    assert got and all(r.verdict == "supported" for r in got), [r.evidence for r in got]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # that day's close was 6,144.15, not 6,164
        ("The S&P 500 notched a fresh closing record of 6,164 on Feb. 19.", "2025-02-21"),
        # 4,793.54 on Jan. 4, 2022 was below the record of the day before
        ("The S&P 500 posted a record close of 4,793.54 on Jan. 4, 2022.", "2023-07-20"),
    ],
)
def test_a_wrong_record_close_on_a_stated_day_is_contradicted(claims_store, text, date):
    got = _levels(claims_store, text, date)
    assert got and all(r.verdict == "contradicted" for r in got), [r.evidence for r in got]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # a record "high" may be the session's high
        ("The S&P 500 reached a record high of 6,160 on Feb. 19.", "2025-02-21"),
        # a back-reference binds too loosely to contradict
        ("It stayed well below its record close of 4,500.", "2023-07-20"),
        # the record of another window is rule_extreme's
        ("The S&P 500 hit its 52-week record of 4,500 in July.", "2023-07-20"),
    ],
)
def test_a_record_level_without_close_words_or_a_name_is_not_contradicted(claims_store, text, date):
    res = check_text(parse_article(text.encode(), "t.txt"), claims_store, date=date).results
    assert all(r.verdict != "contradicted" for r in res), [(r.claim.quote, r.evidence) for r in res]


@pytest.mark.parametrize(
    "text",
    [
        "The S&P 500 rose for a record of 12 straight sessions.",
        "Nvidia's record of 40 percent gains in a year drew buyers to the S&P 500.",
    ],
)
def test_a_count_or_a_percent_is_not_a_record_level(claims_store, text):
    assert not _levels(claims_store, text, "2023-07-20")
