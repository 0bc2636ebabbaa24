""" "the 10-year yield hit an all-time high of almost 4.34%": a yield's "high of L" ("a high
of", "an intraday high of", "an all-time/record high of") is a session's or a record's figure,
never the day's close. A record is read on the closes of the series' whole history (a session's
high is at least its close, so a record high below the highest close is impossible); a
session's extreme is not judged."""

from __future__ import annotations

import pytest
from claim_results import results

# ust10y: 2024-10-29 close 4.28%; highest close 15.84% (1981-09-30), lowest 0.52% (2020-08-04)


def _yields(store, text: str, day: str = "2024-10-29") -> list:
    return [r for r in results(store, text, day) if r.claim.measure == "yield"]


@pytest.mark.parametrize(
    "text",
    [
        "On Tuesday, the 10-year yield TMUBMUSD10Y 4.257% hit an all-time high of almost 4.34%.",
        "The 10-year Treasury yield hit a record high of 4.34% on Tuesday.",
        "The 10-year Treasury yield set a new record high of about 4.3% on Tuesday.",
        "The 10-year Treasury yield fell to a record low of 4.1% on Tuesday.",
    ],
)
def test_a_record_below_the_history_is_contradicted(claims_store, text):
    got = [r for r in _yields(claims_store, text) if r.claim.extra.get("record_extreme")]
    assert got, [(r.claim.quote, r.evidence) for r in _yields(claims_store, text)]
    assert got[0].verdict == "contradicted", (got[0].claim.quote, got[0].evidence)
    assert "1981-09-30" in got[0].evidence or "2020-" in got[0].evidence, got[0].evidence


def test_a_record_on_its_own_day_is_supported(claims_store):
    got = _yields(
        claims_store,
        "The 10-year Treasury yield hit a record high of 15.84% on Wednesday.",
        "1981-09-30",
    )
    assert [r.verdict for r in got] == ["supported"], [(r.claim.quote, r.evidence) for r in got]


@pytest.mark.parametrize(
    "text",
    [
        "The 10-year Treasury yield hit a high of 4.34% on Tuesday.",
        "The 10-year Treasury yield touched an intraday high of 4.34% on Tuesday.",
        "The two-year yield hit a session low of 4.0% on Tuesday.",
    ],
)
def test_a_session_extreme_is_never_judged_on_the_close(claims_store, text):
    got = _yields(claims_store, text)
    assert got, text
    assert all(r.verdict == "unverifiable" for r in got), [(r.claim.quote, r.evidence) for r in got]


def test_a_level_without_a_high_is_still_the_close(claims_store):
    got = _yields(claims_store, "The 10-year Treasury yield rose to 4.28% on Tuesday.")
    assert [r.verdict for r in got] == ["supported"], [(r.claim.quote, r.evidence) for r in got]
