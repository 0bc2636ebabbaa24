""" "its first interest rate increase in more than three years", "the first rate reduction
delivered by the Fed in four years", "Today's rate cut was the first since December 2024", "the
fourth rate hike of the year": a Fed decision's first move in a span, after its noun, and an
ordinal counted over "the year" (none was read; issue 8, round 83)."""

from __future__ import annotations

import pytest
from claim_results import results, shown

# hikes 2018-12-19 (+20 bp effective) and 2022-03-16 (the next); cuts 2020-03-15 and 2024-09-18;
# 2018's hikes: 03-21, 06-13, 09-26, 12-19


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("The Federal Reserve on Wednesday approved its first interest rate increase in more than "
         "three years.", "2022-03-16"),
        ("The Fed slashed rates on Wednesday. This is the first rate reduction delivered by the "
         "Fed in four years.", "2024-09-19"),
        ("The Fed cut rates for the first time in more than four years on Wednesday.", "2024-09-18"),
        ("The Fed cut rates by a quarter point on Wednesday. Today's rate cut was the first since "
         "December 2024.", "2025-09-17"),
    ],
)  # fmt: skip
def test_a_first_move_in_a_span_or_after_its_noun(claims_store, text, date):
    rs = results(claims_store, text, date, "fed_first_since")
    assert [r.verdict for r in rs] == ["supported"], shown(rs)


def test_a_span_too_long_for_the_last_move_is_contradicted(claims_store):
    text = "The Fed slashed rates on Wednesday, its first rate cut in eight years."
    rs = results(claims_store, text, "2024-09-19", "fed_first_since")
    assert [r.verdict for r in rs] == ["contradicted"], shown(rs)


def test_a_span_shorter_than_the_gap_is_never_contradicted(claims_store):
    # the last cut was four and a half years before: "the first in two years" is true as well
    text = "The Fed slashed rates on Wednesday, its first rate cut in two years."
    rs = results(claims_store, text, "2024-09-19", "fed_first_since")
    assert [r.verdict for r in rs] == ["unverifiable"], shown(rs)


@pytest.mark.parametrize(
    ("ordinal", "verdict"), [("fourth", "supported"), ("third", "contradicted")]
)
def test_an_ordinal_of_the_year(claims_store, ordinal, verdict):
    text = f"The Federal Reserve raised rates on Wednesday, the {ordinal} rate hike of the year."
    rs = results(claims_store, text, "2018-12-19", "fed_count")
    assert [r.verdict for r in rs] == [verdict], shown(rs)
