"""A percentage after a bound price series with no measure the rules read ("Amazon (55%)", "S&P
500 Close: 6,932.05 (+0.32%)", "2019's 28.9%") is read as the series' change: over each calendar
year, quarter or month its sentence names, else over the session and the seven calendar periods
ending on the article's day. Supported when one gives the figure to its last digit while a match by
luck over the periods tried stays under 0.5% (a quarter of the searches' 2%: a figure no rule reads
is a change less often; `thesis.claims.chance`); never contradicted, since the measure is not
stated. A share ("28% of the time") or a gap ("outperforming the S&P 500 by 17%") is no change. Amazon rose 55.19% and Meta 138.47% in the first half of 2023; the S&P 500
rose 0.32% on 2025-12-24 and 28.88% in 2019."""

from __future__ import annotations

import pytest
from claim_results import results


@pytest.mark.parametrize(
    ("text", "day", "figure", "verdict", "read_as"),
    [
        # Amazon's +55.19% fits too, but a whole figure of that size is a match by luck too
        # often (0.9%) for a figure with no measure
        ("Leaders: Amazon (55%) and Meta (138%).", "2023-06-30", "55%", "unverifiable", ""),
        (
            "Leaders: Amazon (55%) and Meta (138%).",
            "2023-06-30",
            "138%",
            "supported",
            "year to date",
        ),
        ("Leaders: Amazon (54%) and Meta (130%).", "2023-06-30", "54%", "unverifiable", ""),
        # a small whole figure: one of eight periods gives it by luck too often
        ("Leaders: Amazon (5%).", "2023-06-30", "5%", "unverifiable", ""),
        ("S&P 500 Close: 6,932.05 (+0.32%)", "2025-12-24", "0.32%", "supported", "the session"),
        ("S&P 500 Close: 6,932.05 (+0.42%)", "2025-12-24", "0.42%", "unverifiable", ""),
        ("Returns: S&P 500 2019’s 28.9%.", "2020-01-15", "28.9%", "supported", "2019"),
        ("Returns: S&P 500 2019’s 26.9%.", "2020-01-15", "26.9%", "unverifiable", ""),
        # a period the sentence names is the only one read: 2022 to 12-30 gave −64.22%, the year
        # to 2022-12-30 −65.05%
        (
            "Stocks fell this year; META(65%) and NVDA (50%).",
            "2022-12-30",
            "65%",
            "unverifiable",
            "",
        ),
        (
            "Stocks fell this year; META(64%) and NVDA (50%).",
            "2022-12-30",
            "64%",
            "supported",
            "this year",
        ),
    ],
)
def test_a_percentage_read_as_the_series_change(claims_store, text, day, figure, verdict, read_as):
    got = [r for r in results(claims_store, text, day, "other") if figure in r.claim.quote]
    assert [r.verdict for r in got] == [verdict], [(r.claim.quote, r.evidence) for r in got]
    if read_as:
        assert read_as in got[0].evidence and "its words name no measure" in got[0].evidence


@pytest.mark.parametrize(
    ("text", "day"),
    [
        # the year to 2021-12-29 gave +27.61%, and 2024 to 2024-09-12 +17.32%: each would fit
        # as a change; a share and a gap are no change
        ("The S&P 500 closed at a record on 27.61% of the days this year.", "2021-12-29"),
        ("Nvidia is up 35% this year, outperforming the S&P 500 by 17% in 2024.", "2024-09-12"),
    ],
)
def test_a_share_or_a_gap_is_no_change(claims_store, text, day):
    got = [r for r in results(claims_store, text, day) if r.claim.measure == "other"]
    assert got, text
    assert "supported" not in {r.verdict for r in got}, [(r.claim.quote, r.evidence) for r in got]
