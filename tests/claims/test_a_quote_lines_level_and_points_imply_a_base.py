""" "S&P 500 (^GSPC): 6,615.37 (+76.61, +1.17%)": a quote line's level and its move in points put
the base at the level less the points, whatever the moment of the quote. That base must be the
close a period starts from (the previous session's, or the last of the week, month, quarter or
year before) on one of the article's candidate days; a stale base contradicts the pair. A level
far from every candidate day's close quotes another day (a page's live widget): not judged
(issue 8, round 80)."""

from __future__ import annotations

import pytest
from claim_results import results, shown

# 2025-11-20 6,538.76; 11-21 6,602.99; 11-24 6,705.12 (+102.13); 11-25 6,765.88


@pytest.mark.parametrize(
    ("line", "date", "verdict"),
    [
        # Monday's level and move from Friday's close
        ("S&P 500 (^GSPC): 6,705.12 (+102.13, +1.55%).", "2025-11-24", "supported"),
        # a move from Thursday's close quoted on the Tuesday: no candidate day's base
        ("S&P 500 (^GSPC): 6,615.37 (+76.61, +1.17%).", "2025-11-25", "contradicted"),
        # on the Monday the session before (Friday) is a candidate, whose base is Thursday's
        ("S&P 500 (^GSPC): 6,615.37 (+76.61, +1.17%).", "2025-11-24", "unverifiable"),
        # a year-to-date column: the base is the last close of 2024 (5,881.63)
        ("S&P 500 (^GSPC): 6,705.12 (+823.49 YTD).", "2025-11-24", None),
        # a live widget's quote of another year
        ("S&P 500 | 6032.38 | +33.64 |", "2018-08-21", "unverifiable"),
    ],
)
def test_the_base_a_quote_line_implies(claims_store, line, date, verdict):
    rs = results(claims_store, f"- {line} Broad strength.", date, "points_change")
    if verdict is None:
        assert rs and all(r.verdict != "contradicted" for r in rs), shown(rs)
    else:
        assert [r.verdict for r in rs] == [verdict], shown(rs)
