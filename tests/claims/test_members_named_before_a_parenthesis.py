"""A figure about the members of an index is not the index's own, also when a parenthesis stands
between the member noun and the index ("147 of the individual stocks (i.e., 29% of the stocks) in
the S&P 500 gained at least 30% in 2017"): the subject is the members, which no series holds.

By hand: the S&P 500 itself rose 19.4% in 2017 (2,238.83 → 2,673.61), so the index read as the
subject would contradict a true statement about its members.
"""

from __future__ import annotations

import pytest
from claim_results import results


@pytest.mark.parametrize(
    "text",
    [
        "In 2017, 147 of the individual stocks (i.e., 29% of the stocks) in the S&P 500 gained at "
        "least 30% in 2017.",
        "A third of the companies (about 160 names) in the S&P 500 rose 30% in 2017.",
    ],
)
def test_members_before_a_parenthesis_are_not_the_index(claims_store, text):
    got = [r for r in results(claims_store, text, "2018-01-05") if "30%" in r.claim.quote]
    assert got and all(r.verdict == "unverifiable" for r in got), [
        (r.claim.quote, r.evidence) for r in got
    ]


def test_the_index_itself_is_still_judged(claims_store):
    got = results(claims_store, "The S&P 500 rose 30% in 2017.", "2018-01-05")
    assert any(r.verdict == "contradicted" for r in got), [(r.verdict, r.evidence) for r in got]
