"""A bare "a record" after "to" or "at", ended by a conjunction or a time word: "climbed to a
record and closed above 5,400", "closed at a record on Wednesday" (``rules.rule_record``, round
23). Closes by hand (S&P 500): 2025-12-24 6,932.05 (a record); 2025-12-26 6,929.94 (not one).
"""

from __future__ import annotations

import pytest
from claim_results import results


@pytest.mark.parametrize(
    "text",
    [
        "The S&P 500 climbed to a record and closed above 6,900 on Wednesday.",
        "The S&P 500 closed at a record on Wednesday.",
        "The S&P 500 rose to a record as technology shares rallied on Wednesday.",
    ],
)
def test_a_bare_record_is_a_record_close(claims_store, text):
    got = results(claims_store, text, "2025-12-24", "record")
    assert len(got) == 1 and got[0].verdict == "supported", [r.evidence for r in got]
    assert "record" in got[0].claim.quote and "closed above" not in got[0].claim.quote


def test_a_bare_record_on_a_day_below_the_record_is_contradicted(claims_store):
    got = results(claims_store, "The S&P 500 closed at a record on Friday.", "2025-12-26", "record")
    assert len(got) == 1 and got[0].verdict == "contradicted", [r.evidence for r in got]


@pytest.mark.parametrize(
    "text",
    [
        "The S&P 500 rose to a record in volume terms.",
        "The S&P 500 rose to a record 10 sessions in a row.",
    ],
)
def test_a_record_of_something_else_is_not_a_record_close(claims_store, text):
    got = results(claims_store, text, "2025-12-24", "record")
    assert not got, [r.claim.quote for r in got]
