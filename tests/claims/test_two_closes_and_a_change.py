"""A signed change written after two closes a line joins ("Oct. 31 close at 5,705.45 - Nov. 29
close at 6,032.38 🟢 (+4.68%)") is the line's own arithmetic, B / A − 1, judged to the rounding
of its last digit with no series read; a close in a line that names no series is searched on the
series the article's text names ("Here are the S&P 500's month-by-month results,") (docs/claims.md,
round 60). The S&P 500 closed at 5,762.48 on 2024-09-30, 5,705.45 on 2024-10-31 and 6,032.38 on
2024-11-29."""

from __future__ import annotations

import pytest
from claim_results import results

HEAD = "Here are the S&P 500's month-by-month results,\n"


@pytest.mark.parametrize(
    ("line", "verdict"),
    [
        ("Sep. 30 close at 5,762.48 - Oct. 31 close at 5,705.45 🔴 (-0.99%)", "supported"),
        ("Oct. 31 close at 5,705.45 - Nov. 29 close at 6,032.38 🟢 (+4.68%)", "contradicted"),
        # two hundredths off its own levels (-0.99% written -1.01%): beyond its last digit
        ("Sep. 30 close at 5,762.48 - Oct. 31 close at 5,705.45 🔴 (-1.01%)", "contradicted"),
        # no sign: not a change written after the closes
        ("Sep. 30 close at 5,762.48 - Oct. 31 close at 5,705.45 (0.99%)", None),
    ],
)
def test_a_change_after_two_closes(claims_store, line, verdict):
    got = [
        r for r in results(claims_store, HEAD + line, "2025-05-30") if r.claim.rule == "two_closes"
    ]
    assert [r.verdict for r in got] == ([verdict] if verdict else []), [
        (r.claim.quote, r.evidence) for r in got
    ]


def test_a_close_with_no_series_is_read_on_the_series_the_text_names(claims_store):
    line = "Sep. 30 close at 5,762.48 - Oct. 31 close at 5,705.45 🔴 (-0.99%)"
    got = [
        r
        for r in results(claims_store, HEAD + line, "2025-05-30", "close")
        if "5,762.48" in r.claim.quote
    ]
    assert [r.verdict for r in got] == ["supported"], [(r.claim.quote, r.evidence) for r in got]
    assert "sp500 2024-09-30" in got[0].evidence
