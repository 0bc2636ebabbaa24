""" "The S&P 500 on Friday crossed 6,000 points for the first time": "crossed", "topped",
"breached", "hit", "touched" a level may be an intraday move, and the store holds no intraday
highs for an index; without closing words the first-crossing claim is never contradicted by
the closes alone (the 2024-11-08 high was above 6,000, the close 5,995.54). Closing words
("closed above", "ended above") make it a close, judged as before; a close above the level on
the day still supports it."""

from __future__ import annotations

import pytest
from claim_results import results

DAY = "2024-11-08"  # S&P 500 close 5,995.54 (no close at or above 6,000 yet)


@pytest.mark.parametrize(
    "text",
    [
        "The S&P 500 on Friday crossed 6,000 points for the first time.",
        "The S&P 500 topped 6,000 for the first time on Friday.",
        "The S&P 500 breached the 6,000 mark for the first time on Friday.",
    ],
)
def test_a_crossing_without_closing_words_is_not_contradicted_by_closes(claims_store, text):
    got = results(claims_store, text, DAY, "first_cross")
    assert got and all(r.verdict != "contradicted" for r in got), [
        (r.claim.quote, r.verdict, r.evidence) for r in got
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The S&P 500 closed above 6,000 for the first time on Friday.",
        "The S&P 500 ended above 6,000 for the first time on Friday.",
    ],
)
def test_closing_words_make_it_a_close(claims_store, text):
    got = results(claims_store, text, DAY, "first_cross")
    assert [r.verdict for r in got] == ["contradicted"], [(r.claim.quote, r.evidence) for r in got]


def test_an_earlier_first_close_still_contradicts_a_later_first_crossing(claims_store):
    # the first close above 5,000 was 2024-02-09: the high had crossed by then as well
    text = "The S&P 500 crossed 5,000 for the first time on Friday."
    got = results(claims_store, text, DAY, "first_cross")
    assert [r.verdict for r in got] == ["contradicted"], [(r.claim.quote, r.evidence) for r in got]
