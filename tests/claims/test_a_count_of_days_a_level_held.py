""" "the only two days in history when the VIX got below 9", "has closed above 50 on only 75
trading days": a level inside a count of the days it held is a count's threshold, not a level on
the article's day (both were contradicted on the day's close; issue 8, round 83)."""

from __future__ import annotations

import pytest
from claim_results import results, shown


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("These are the only two days in history when the VIX got below 9.", "2017-08-08"),
        ("Since 1990, the VIX has closed above 50 on only 75 trading days.", "2025-04-17"),
        ("The VIX has closed above 50 on just 75 days.", "2025-04-17"),
    ],
)
def test_a_threshold_of_counted_days(claims_store, text, date):
    rs = results(claims_store, text, date)
    assert rs and all(r.verdict == "unverifiable" for r in rs), shown(rs)
    assert any("count" in r.claim.qualifiers for r in rs), shown(rs)


def test_a_level_on_the_day_is_still_read(claims_store):
    rs = results(claims_store, "The VIX closed above 50 on Tuesday.", "2025-04-08")
    assert [r.verdict for r in rs] == ["supported"], shown(rs)  # 52.33 on 2025-04-08
