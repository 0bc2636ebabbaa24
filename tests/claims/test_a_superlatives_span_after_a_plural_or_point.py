""" "to its lowest point in four months", "reaching the highest levels in 15 months": a span after
"in" ranks a level after "point" and after plural level nouns too, as it did after "level" (none
was read; issue 8, round 83)."""

from __future__ import annotations

import pytest
from claim_results import results, shown

# 2023-10-03: S&P 500 4,229.45, the lowest close since 2023-06-01 (4,221.02);
# 2023-07-13: 4,510.04, the highest since 2022-04-05 (4,525.12)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("The S&P 500 fell 1.4% to its lowest point in four months.", "2023-10-03"),
        ("The S&P 500 rose, reaching the highest levels in 15 months.", "2023-07-13"),
        ("The S&P 500 rose to its highest level in 15 months.", "2023-07-13"),
    ],
)
def test_a_span_after_in_ranks_the_level(claims_store, text, date):
    rs = results(claims_store, text, date, "since")
    assert [r.verdict for r in rs] == ["supported"], shown(rs)


def test_a_span_too_short_is_contradicted(claims_store):
    # the last close below 4,229.45 was four months before: "in two years" is wrong
    rs = results(
        claims_store, "The S&P 500 fell to its lowest point in two years.", "2023-10-03", "since"
    )
    assert [r.verdict for r in rs] == ["contradicted"], shown(rs)
