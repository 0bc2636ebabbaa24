""" "Year to date, this is the 23rd record close for the S&P 500": a record count whose year an
opening "year to date" names and whose index follows "for" (no claim was read; issue 8, round
83)."""

from __future__ import annotations

import pytest
from claim_results import results, shown

# 2024-05-15: the 23rd close of 2024 above every earlier one


@pytest.mark.parametrize(("nth", "verdict"), [("23rd", "supported"), ("21st", "contradicted")])
def test_a_year_to_date_record_count(claims_store, nth, verdict):
    text = f"Year to date, this is the {nth} record close for the S&P 500."
    rs = results(claims_store, text, "2024-05-15", "record_count")
    assert [r.verdict for r in rs] == [verdict], shown(rs)


def test_no_year_no_count(claims_store):
    rs = results(
        claims_store, "This is the 23rd record close for the S&P 500.", "2024-05-15", "record_count"
    )
    assert not rs, shown(rs)
