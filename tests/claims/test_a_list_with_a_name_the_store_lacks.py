"""A claim about a list of names bound to a name the store holds no data for (docs/claims.md,
round 60): "the S&P 500 and Nasdaq Composite have each risen 5.5%" is supported when a name of
the list the store holds fits it, and the evidence names the part it could not check. It is
never contradicted that way (the figure may be the other name's, "respectively" left unsaid).
The S&P 500 rose 5.50% in the first half of 2025 and 1.38% on 2021-12-27."""

from __future__ import annotations

import pytest
from claim_results import results


@pytest.mark.parametrize(
    ("text", "date", "verdict"),
    [
        ("In the first half of the year, the S&P 500 and Nasdaq Composite have each risen 5.5%.",
         "2025-06-30", "supported"),
        ("On Monday the S&P 500 and Nasdaq both gained 1.4%.", "2021-12-27", "supported"),
        # the held name does not fit: left unverifiable (the figure may be the Nasdaq's)
        ("On Monday the S&P 500 and Nasdaq both gained 3.1%.", "2021-12-27", "unverifiable"),
        # no list: a name the store lacks stays unverifiable
        ("On Monday the Nasdaq gained 1.4%.", "2021-12-27", "unverifiable"),
    ],
)  # fmt: skip
def test_a_listed_name_the_store_holds(claims_store, text, date, verdict):
    got = results(claims_store, text, date, "change")
    assert [r.verdict for r in got] == [verdict], [(r.claim.quote, r.evidence) for r in got]
    if verdict == "supported":
        assert "no data for Nasdaq Composite" in got[0].evidence


def test_a_list_of_shares_the_store_lacks_is_judged_without_error(claims_store):
    # the list's other names are shares the subjects registry does not hold (JPMorgan Chase):
    # read as they were found in the text, never looked up by key
    text = "Wells Fargo and JPMorgan Chase each rose 2% on Friday."
    got = results(claims_store, text, "2024-10-04")
    assert got and all("could not be judged" not in r.evidence for r in got), [
        r.evidence for r in got
    ]
