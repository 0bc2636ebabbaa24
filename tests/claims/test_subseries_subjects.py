"""A word before a macro series' name that names one of its parts or another economy's series
("private payrolls", "private-sector jobs", "manufacturing jobs", "Black unemployment rate",
"food inflation"): the claim is about a series the store does not hold, never judged against the
total (nonfarm payrolls, the overall unemployment rate, the all-items CPI). A name the store holds
whole ("core CPI") is still read.

Data: PAYEMS April 2020 change −20,471 thousand; UNRATE March 2022 3.6–3.7%; core CPI March 2022
+6.48% year over year.
"""

from __future__ import annotations

import pytest
from claim_results import results as _results


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Private-sector employers shed jobs: private payrolls fell by 19.5 million in April.", "2020-05-08"),
        ("Private sector payrolls fell by 19.5 million in April.", "2020-05-08"),
        ("Manufacturing jobs dropped by 1.3 million in April.", "2020-05-08"),
        ("Government payrolls fell by 980,000 in April.", "2020-05-08"),
        ("The Black unemployment rate rose to 6.2% in March.", "2022-04-12"),
        ("Food inflation jumped 8.8% in the 12 months through March.", "2022-04-12"),
    ],
)  # fmt: skip
def test_a_part_of_a_macro_series_is_not_the_total(claims_store, text, date):
    res = _results(claims_store, text, date)
    assert all(r.verdict != "contradicted" for r in res), [r.evidence for r in res]
    assert not any(
        r.claim.subject is not None and r.claim.subject.key in ("payems", "unrate", "cpi")
        for r in res
        if r.verdict != "unverifiable"
    )


def test_a_part_names_the_unknown_series_in_the_evidence(claims_store):
    res = _results(claims_store, "The Black unemployment rate rose to 6.2% in March.", "2022-04-12")
    assert any("Black unemployment rate" in r.evidence for r in res), [r.evidence for r in res]


@pytest.mark.parametrize(
    ("text", "date", "verdict"),
    [
        ("Core CPI rose 6.5% in the 12 months through March.", "2022-04-12", "supported"),
        ("Core CPI rose 3% in the 12 months through March.", "2022-04-12", "contradicted"),
        ("Consumer prices rose 8.5% in the 12 months ending in March.", "2022-04-12", "supported"),
    ],
)
def test_a_whole_name_the_store_holds_is_still_judged(claims_store, text, date, verdict):
    res = [r for r in _results(claims_store, text, date) if r.claim.measure == "macro"]
    assert res and all(r.verdict == verdict for r in res), [r.evidence for r in res]
