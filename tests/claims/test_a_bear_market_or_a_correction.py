""" "Wall Street entered a bear market Monday", "the S&P 500 fell deeper into a bear market",
"the market entered correction territory", "just shy of entering bear market territory": the
drawdown of the day's close from the record close, 20% for a bear market and 10% for a
correction (the press's closing-value convention). A bear market runs until a 20% rise off its
low; nearness is supported within five points and never contradicted (issue 8, round 80)."""

from __future__ import annotations

import pytest
from claim_results import results, shown

# record close 4,796.56 (2022-01-03); 2022-06-13 3,749.63 (-21.83%); 2022-09-27 3,647.29
# record close 6,144.15 (2025-02-19); 2025-03-13 5,521.52 (-10.13%); 2025-04-04 5,074.08 (-17.42%)


@pytest.mark.parametrize(
    ("text", "date", "verdict"),
    [
        ("Wall Street entered a bear market Monday as the S&P 500 sank 3.9%.", "2022-06-13", "supported"),
        ("The S&P 500 fell deeper into a bear market on Tuesday.", "2022-09-27", "supported"),
        ("The S&P 500 entered correction territory on Thursday.", "2025-03-13", "supported"),
        # 17.42% below the record: no bear market, and the episode never reached 18.5%
        ("The S&P 500 has also crossed into a bear market on Friday.", "2025-04-04", "contradicted"),
        ("The selloff left the S&P 500 just shy of entering bear market territory on Friday.", "2025-04-04", "supported"),
        ("Stocks fell, with the S&P 500 close to confirming it is in a bear market on Friday.", "2025-04-04", "supported"),
        # intraday words and negations are not judged
        ("The S&P 500 briefly dipped into bear market territory on Friday.", "2025-04-04", "unverifiable"),
        ("The S&P 500 did not officially enter a bear market on Friday.", "2025-04-04", "unverifiable"),
    ],
)  # fmt: skip
def test_a_regime_is_a_drawdown_from_the_record_close(claims_store, text, date, verdict):
    rs = results(claims_store, text, date, "regime")
    assert [r.verdict for r in rs] == [verdict], shown(rs)


def test_a_definition_is_no_claim(claims_store):
    text = "A bear market is typically defined as a drop of 20% from a record high."
    assert results(claims_store, text, "2025-04-04", "regime") == []
