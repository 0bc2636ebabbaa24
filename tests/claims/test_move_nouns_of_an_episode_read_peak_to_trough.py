""" "The turnaround for the S&P 500 from a nearly 34% tumble in March": a move written as a noun
of an episode ("a 34% tumble/plunge/drop/slide in March", "a 31% rally in April") over a named
period is read as the swing whose extreme fell in that period (from the opposite extreme of the
120 days before it) as well as the period's close-to-close change; either reading can support
it, and a contradiction must survive both. A verb ("fell 34% in March") and a result's noun ("a
31% gain in April") stay the period's change.

Closes by hand (S&P 500, 2020): 2020-02-19 3,386.15 (the peak), 2020-02-28 2,954.22, 2020-03-23
2,237.40 (the trough: −33.92%), 2020-03-31 2,584.59 (March −12.51%), 2020-04-29 2,939.51 (+31.38%
from the trough), 2020-04-30 2,912.43 (April +12.68%).
"""

from __future__ import annotations

import pytest
from claim_results import results

DAY = "2020-08-12"


@pytest.mark.parametrize(
    "text",
    [
        "The stunning turnaround for the S&P 500 from a nearly 34% tumble in March shows it.",
        "The S&P 500 suffered a 34% plunge in March.",
        "The S&P 500 suffered a 12.5% drop in March.",
        "The S&P 500 posted a 31% rally in April.",
    ],
)
def test_an_episode_fits_either_reading(claims_store, text):
    got = results(claims_store, text, DAY, "change")
    assert [r.verdict for r in got] == ["supported"], [r.evidence for r in got]


@pytest.mark.parametrize(
    "text",
    [
        "The S&P 500 suffered a 50% plunge in March.",
        "The S&P 500 fell 34% in March.",
        "The S&P 500 posted a 31% gain in April.",
    ],
)
def test_a_figure_no_reading_fits_is_contradicted(claims_store, text):
    got = results(claims_store, text, DAY, "change")
    assert [r.verdict for r in got] == ["contradicted"], [r.evidence for r in got]


def test_the_verb_is_the_months_change(claims_store):
    got = results(claims_store, "The S&P 500 fell 12.5% in March.", DAY, "change")
    assert [r.verdict for r in got] == ["supported"], [r.evidence for r in got]
    assert "last close of the prior month" in got[0].evidence
