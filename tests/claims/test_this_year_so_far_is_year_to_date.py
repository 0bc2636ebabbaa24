""" "This year so far", "thus far this year", "so far in 2024": the year to date, a period the
words state (as "year-to-date" and "so far this year" already were), so the change is judged
both ways from the prior year's last close. "This year" alone stays an assumed period: supported
by the year to date, never contradicted by it.

Closes by hand (S&P 500): 2023-12-29 4,769.83; 2024-02-08 4,997.91 (+4.78%); 2024-02-09 5,026.61
(+5.38%).
"""

from __future__ import annotations

import pytest
from claim_results import results


@pytest.mark.parametrize(
    "text",
    [
        "The S&P 500 is up 4.8% this year so far.",
        "The S&P 500 is now up 4.8% thus far this year.",
        "The S&P 500 has gained 4.8% this year thus far.",
        "The S&P 500 has gained 4.8% thus far in 2024.",
    ],
)
def test_the_year_to_date_so_far_is_supported(claims_store, text):
    got = results(claims_store, text, "2024-02-09", "change")
    assert len(got) == 1 and got[0].verdict == "supported", [r.evidence for r in got]
    assert got[0].claim.period is not None and got[0].claim.period.kind == "ytd"
    assert "period" not in got[0].claim.assumed


@pytest.mark.parametrize(
    "text",
    [
        "The S&P 500 is up 28% this year so far.",
        "The S&P 500 is now up 28% thus far this year.",
        "The S&P 500 has gained 28% thus far in 2024.",
    ],
)
def test_a_stated_year_to_date_the_closes_do_not_make_is_contradicted(claims_store, text):
    got = results(claims_store, text, "2024-02-09", "change")
    assert len(got) == 1 and got[0].verdict == "contradicted", [r.evidence for r in got]


def test_this_year_alone_is_still_only_assumed(claims_store):
    got = results(claims_store, "The S&P 500 is now up 28% this year.", "2024-02-09", "change")
    assert len(got) == 1 and got[0].verdict == "unverifiable", got[0].evidence
    assert "only assumed" in got[0].evidence


def test_so_far_after_a_back_reference_is_not_contradicted(claims_store):
    # (the article names two series: "the index" is a back-reference that only supports)
    text = "The S&P 500 rose and Nvidia fell on Friday. The index is up 28% this year so far."
    got = results(claims_store, text, "2024-02-09", "change")
    assert [r.verdict for r in got if "28%" in r.claim.quote] == ["unverifiable"]
