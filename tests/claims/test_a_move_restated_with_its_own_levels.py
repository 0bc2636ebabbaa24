"""A move restated with its own levels in the same sentence ("up about 74% — having risen from a
more modest 17.60 to 29.90", "fell from a high of 4,100 to 4,020") is judged on its own arithmetic:
every number is stated, so no subject or day is guessed; the words between "from" and the level
only name it, a hedge there ("from about 17") leaves the arithmetic inexact."""

from __future__ import annotations

import pytest
from claim_results import results


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        # 17.60 → 29.90: +69.9%
        ("Since the beginning of the year, the CBOE VIX Volatility Index is up about 74% — having "
         "risen from a more modest 17.60 to 29.90 at the close today.", "contradicted"),
        ("Since the beginning of the year, the CBOE VIX Volatility Index is up about 70% — having "
         "risen from a more modest 17.60 to 29.90 at the close today.", "supported"),
        ("The VIX is up about 74%, after climbing from a low of 17.60 to 29.90.", "contradicted"),
        ("The VIX rose 70% from its close of 17.60 to 29.90.", "supported"),
    ],
)  # fmt: skip
def test_the_percent_is_judged_on_its_own_levels(claims_store, text, verdict):
    got = results(claims_store, text, "2022-01-24", measure="upside")
    assert [r.verdict for r in got] == [verdict], [(r.claim.quote, r.evidence) for r in got]


def test_a_restated_move_of_the_other_direction_is_not_its_arithmetic(claims_store):
    # the percent is not the fall's; the fall alone is judged on its levels (a rise: contradicted)
    text = "The VIX is up about 74% — having fallen from a more modest 17.60 to 29.90."
    got = results(claims_store, text, "2022-01-24", measure="upside")
    assert [(r.claim.stated_value, r.verdict) for r in got] == [(0.0, "contradicted")]


def test_a_hedged_from_level_is_not_exact_arithmetic(claims_store):
    text = "The VIX is up about 74%, having risen from about 17.60 to 29.90."
    assert results(claims_store, text, "2022-01-24", measure="upside") == []


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("The index fell from a high of 4,100 to 4,020.", "unverifiable"),
        ("The index rose from a high of 4,100 to 4,020.", "contradicted"),
    ],
)
def test_a_direction_between_named_levels(claims_store, text, verdict):
    # a direction alone is never supported on undated levels; its wrong sign contradicts it
    got = results(claims_store, text, "2022-01-24", measure="upside")
    assert [r.verdict for r in got] == [verdict], [(r.claim.quote, r.evidence) for r in got]
