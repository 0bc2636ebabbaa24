"""A one-day move stated with its close in the same words ("closed at 4,310.12, up 0.74%") is one
session's: read on the article's candidate days, the move is supported only on a day its close
fits; where the close fits no day, the move's day is unknown and it is not supported.

Closes by hand (S&P 500): 2023-11-17 4,514.02, 11-20 4,547.38 (+0.74%), 11-21 4,538.19 (-0.20%).
An article dated 2023-11-21 may speak of the 21st or of the 20th.
"""

from __future__ import annotations

import pytest
from claim_results import results


def _move(store, text: str):
    got = [r for r in results(store, text, "2023-11-21") if r.claim.measure == "change"]
    assert len(got) == 1, [
        (r.claim.quote, r.claim.measure) for r in results(store, text, "2023-11-21")
    ]
    return got[0]


def test_a_move_is_not_supported_on_a_day_its_close_does_not_fit(claims_store):
    r = _move(claims_store, "The S&P 500 closed at 4,310.12, up 0.74%.")
    assert r.verdict == "unverifiable", r.evidence
    assert "2023-11-20: not judged" in r.evidence  # Monday fits the move, not the close


@pytest.mark.parametrize(
    "text",
    [
        "The S&P 500 closed at 4,547.38, up 0.74%.",  # Monday's pair, read on the candidate Monday
        "The S&P 500 closed at 4,538.19, down 0.20%.",  # Tuesday's pair
    ],
)
def test_a_move_and_close_of_one_candidate_day_are_supported(claims_store, text):
    assert _move(claims_store, text).verdict == "supported"


def test_a_move_stated_alone_keeps_its_candidate_days(claims_store):
    assert _move(claims_store, "The S&P 500 rose 0.74%.").verdict == "supported"
