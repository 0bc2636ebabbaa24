"""A month written without a year.

* After "since" ("its highest level since January"), where the article names that month with
  another year elsewhere ("January 2019"), or the month is the article's own: the year is a
  guess, and a guess may support, never contradict.
* In a sentence that opens on a year ("Early 2023 saw consumer prices up 2.3% in April", "In
  2023, ..."): that year's month, not the latest one. A month in a sentence with no year keeps
  the latest reading.

Data: 10-year yield 2022-04-12 2.72%, 2022-04-11 2.79%; CPI-U April 2023 +4.93% y/y, April 2025
+2.31% y/y.
"""

from __future__ import annotations

import pytest

from thesis.claims import check_text, parse_article


def _of(store, text: str, date: str, measure: str):
    res = check_text(parse_article(text.encode(), "t.txt"), store, date=date).results
    return [r for r in res if r.claim.measure == measure]


def test_a_bare_since_month_the_article_dates_otherwise_is_not_contradicted(claims_store):
    text = (
        "The 10-year Treasury yield last traded this high in January 2019. On Tuesday, the"
        " 10-year Treasury yield hit its highest level since January."
    )
    got = _of(claims_store, text, "2022-04-12", "since")
    assert got and all(r.verdict != "contradicted" for r in got), [r.evidence for r in got]
    assert any("without a year" in r.evidence for r in got)


def test_a_bare_since_month_alone_is_still_judged(claims_store):
    # "closed at": a close ("hit its highest level" is a level of the moment, never contradicted)
    text = "On Tuesday, the 10-year Treasury yield closed at its highest level since January."
    got = _of(claims_store, text, "2022-04-12", "since")
    assert got and all(r.verdict == "contradicted" for r in got), [r.evidence for r in got]


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("Early 2023 saw consumer prices up 2.3% in April from a year earlier.", "contradicted"),
        ("In 2023, consumer prices rose 4.9% in April from a year earlier.", "supported"),
        ("Consumer prices rose 2.3% in April from a year earlier.", "supported"),
    ],
)
def test_a_month_takes_the_year_its_sentence_opens_on(claims_store, text, verdict):
    got = _of(claims_store, text, "2025-12-15", "macro")
    assert got and all(r.verdict == verdict for r in got), [r.evidence for r in got]
