"""The day of a Fed meeting, read on the FOMC calendar the store holds (decision days): a meeting
stated on a day is that decision day or the first day of its two-day meeting; a range ends on it;
a day with no year is the one nearest the article's date; a weekday may be the one before or after
the article's date (support only); a written day with no meeting within a day of it, or with a
weekday that is not its own, is contradicted. The day must be one phrase with the meeting word,
and the meeting the Fed's. FOMC decisions: 2022-09-21, 2024-06-12, 2024-11-07, 2025-12-10."""

from __future__ import annotations

import pytest
from claim_results import results


@pytest.mark.parametrize(
    ("text", "day", "verdict"),
    [
        (
            "Investors are cautious ahead of the Fed's Sept. 20-21 meeting.",
            "2022-09-12",
            "supported",
        ),
        ("Traders look to the November 7 FOMC meeting.", "2024-10-21", "supported"),
        ("The central bank begins a two-day policy meeting on Tuesday.", "2024-06-10", "supported"),
        (
            "The Fed holds its next rate-setting meeting on Wednesday, 10 December 2025.",
            "2025-11-20",
            "supported",
        ),
        ("Traders look to the November 11 FOMC meeting.", "2024-10-21", "contradicted"),
        # 10 December 2025 was a Wednesday
        (
            "The Fed concludes a two-day meeting on Tuesday, 10 December 2025.",
            "2025-11-20",
            "contradicted",
        ),
        # a range one day off the meeting's: not judged (a day off is a reading, not an error)
        (
            "Investors are cautious ahead of the Fed's Sept. 19-20 meeting.",
            "2022-09-12",
            "unverifiable",
        ),
    ],
)
def test_the_meeting_day(claims_store, text, day, verdict):
    got = results(claims_store, text, day, "fed_meeting")
    assert [r.verdict for r in got] == [verdict], [(r.claim.quote, r.evidence) for r in got]


@pytest.mark.parametrize(
    "text",
    [
        # the day is the article's, not the meeting's
        "On December 8, 2025, stocks rose ahead of the Fed's decision.",
        # another body's meeting, or another kind of event
        "The Fed meets on March 18, after the ECB meeting.",
        "The minutes of the Fed's meeting on Jan. 10 were released.",
    ],
)
def test_no_meeting_day(claims_store, text):
    assert results(claims_store, text, "2025-12-09", "fed_meeting") == []


@pytest.mark.parametrize(("day", "supported"), [("2020-03-16", True), ("2020-03-10", False)])
def test_an_intermeeting_action_is_known_only_after_it(claims_store, day, supported):
    """The emergency cut of Sunday 2020-03-15 was no scheduled meeting: a story of 2020-03-10
    could not know it (no lookahead), one of 2020-03-16 could."""
    got = results(claims_store, "Traders recalled the Fed's March 15 meeting.", day, "fed_meeting")
    assert len(got) == 1, [r.evidence for r in got]
    assert (got[0].verdict == "supported") is supported, got[0].evidence
