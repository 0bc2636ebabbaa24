"""Round 5 recall classes: a level without a closing verb ("jumped to 52.33", "trades at",
"closed the trading session on Friday at an impressive L"), a record for each name of a list
("The S&P 500 and Nasdaq closed at records"), a day after a clause turn ("as investors ... on
Wednesday") that is another event's, moving averages, total returns, a subject carried from the
sentence before, and a noun move after a closing verb.

Closes by hand (sp500_daily_fred.csv, vix_daily.csv, etf_daily_spy_iwm_tlt_gld.csv):
2025-04-08 VIX 52.33, S&P 500 4,982.77; 2025-06-06 (Friday) S&P 500 6,000.36; 2024-05-21 5,321.41
(a record); 2018-05-15 2,711.45 (-18.68, -0.68%); 200-day mean of closes to 2020-02-28 3,047.18;
month-end closes 2019-01..2019-10 mean 2,888.38; SPY adjusted 2023-12-29 -> 2024-12-31 +24.89%;
2026-01-09 close 6,966.28 (a record).
"""

from __future__ import annotations

import pytest
from claim_results import results as _results


@pytest.mark.parametrize(
    ("date", "text", "verdict"),
    [
        ("2025-04-08", "The Cboe Volatility Index—Wall Street’s fear gauge—jumped to 52.33.", "supported"),
        ("2025-04-08", "The S&P 500 fell to 4,982.77 on Tuesday.", "supported"),
        # no closing verb: a moment of the session is another reading, never contradicted
        ("2025-04-08", "The S&P 500 fell to 4,700 on Tuesday.", "unverifiable"),
        ("2025-06-07", "The S&P 500 closed the trading session on Friday at an impressive 6,000.36.", "supported"),
        # a closing verb: the close is stated, and contradicted
        ("2025-06-07", "The S&P 500 closed the trading session on Friday at an impressive 6,100.36.", "contradicted"),
    ],
)  # fmt: skip
def test_a_level_reached(claims_store, date, text, verdict):
    (r,) = _results(claims_store, text, date, "close")
    assert r.verdict == verdict, r.evidence


def test_a_record_for_each_name_of_a_list_on_the_day_of_its_clause(claims_store):
    text = (
        "U.S. stocks closed higher on Tuesday, with the S&P 500 and Nasdaq recording new all-time "
        "closing highs as investors looked forward to earnings from NVIDIA on Wednesday afternoon."
    )
    got = {r.claim.subject.key: r for r in _results(claims_store, text, "2024-05-22", "record")}
    assert set(got) == {"sp500", "nasdaq"}
    assert got["sp500"].verdict == "supported", got["sp500"].evidence
    assert str(got["sp500"].claim.date) == "2024-05-21"
    assert got["nasdaq"].verdict == "unverifiable"  # the store holds no Nasdaq closes


@pytest.mark.parametrize(
    ("date", "text", "verdict"),
    [
        ("2020-02-28", "The drop also saw the S&P 500 close well below its 200-day moving average at 3,046.91.", "supported"),
        # a convention the words do not fix: never contradicted
        ("2020-02-28", "The drop also saw the S&P 500 close well below its 200-day moving average at 3,300.", "unverifiable"),
        ("2019-11-30", "The S&P 500's 10-month moving average currently sits at 2,888.", "supported"),
    ],
)  # fmt: skip
def test_a_moving_average(claims_store, date, text, verdict):
    (r,) = _results(claims_store, text, date, "moving_average")
    assert r.verdict == verdict, r.evidence


@pytest.mark.parametrize(("stated", "verdict"), [("25%", "supported"), ("30%", "unverifiable")])
def test_a_total_return_is_read_on_spy_adjusted(claims_store, stated, verdict):
    text = f"The S&P 500 delivered a {stated} total return for 2024."
    (r,) = _results(claims_store, text, "2025-01-03", "change")
    assert r.claim.subject.series == ("spy_tr",) and r.verdict == verdict, r.evidence


def test_a_subject_carried_from_the_sentence_before(claims_store):
    text = (
        "The S&P 500 closed at 6,966.28 on Friday. "
        "This record-breaking performance capped off the first full trading week of 2026."
    )
    (r,) = _results(claims_store, text, "2026-01-10", "record")
    assert r.verdict == "supported", r.evidence
    assert "carried" in r.claim.bound["subject"] and "subject" in r.claim.loose


@pytest.mark.parametrize(
    "second",
    [
        "The precious metal has climbed nearly 27% this year.",  # a noun the checker does not know
        "Energy rose 1.37 percent.",  # a sector
    ],
)
def test_a_sentence_with_a_subject_of_its_own_carries_none(claims_store, second):
    text = f"The S&P 500 rose 1% on Wednesday. {second}"
    rs = [r for r in _results(claims_store, text, "2022-05-11") if r.claim.start > 30]
    assert rs and all(r.claim.subject is None or r.claim.subject.key != "sp500" for r in rs)


def test_a_noun_move_after_a_closing_verb_is_the_sessions(claims_store):
    text = "The S&P 500 closed at 2,711.45 for a loss of -18.68 points or -0.68%."
    rs = _results(claims_store, text, "2018-05-15")
    moves = {r.claim.measure: r for r in rs if r.claim.measure in ("change", "points_change")}
    assert set(moves) == {"change", "points_change"}
    assert all(r.verdict == "supported" for r in moves.values()), [r.evidence for r in rs]
