"""A move or level in after-hours, premarket or extended trading ("soared 25% afterhours", "in
extended trading", "In premarket trading Wednesday, ... was up 20%") is not the session's
close-to-close move: never judged against closes (unverifiable, the evidence says why). The
session's own move in the same words stays judged.

Data: NVDA 2023-05-24 close 305.38, 2023-05-23 306.88 (−0.49%).
"""

from __future__ import annotations

import pytest

from thesis.claims import check_text, parse_article

DAY = "2023-05-24"


def _changes(store, text: str):
    res = check_text(parse_article(text.encode(), "t.txt"), store, date=DAY).results
    return [r for r in res if r.claim.measure == "change"]


@pytest.mark.parametrize(
    "text",
    [
        "Nvidia (NVDA) stock jumped 24% afterhours on Wednesday after it raised its guidance.",
        "Shares of Nvidia jumped 24% in extended trading on Wednesday.",
        "Nvidia shares rose 26% after hours on Wednesday.",
        "Nvidia shares rose 26% in after-hours trading on Wednesday.",
        "In premarket trading Wednesday, Nvidia was up 20%.",
        "Nvidia gained 22% in post-market trading on Wednesday.",
    ],
)
def test_an_off_session_move_is_not_judged_on_closes(claims_store, text):
    got = _changes(claims_store, text)
    assert got and all(r.verdict == "unverifiable" for r in got), [r.evidence for r in got]
    assert all("extended trading" in r.evidence for r in got)


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("Nvidia shares fell 0.5% on Wednesday.", "supported"),
        ("Nvidia shares jumped 24% on Wednesday.", "contradicted"),
    ],
)
def test_the_sessions_own_move_is_still_judged(claims_store, text, verdict):
    got = _changes(claims_store, text)
    assert got and all(r.verdict == verdict for r in got), [r.evidence for r in got]
