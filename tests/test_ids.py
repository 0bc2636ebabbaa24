"""Fact-id builders: one spelling of each id, and the one parser round-trips them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thesis import ids


def test_builders_spell_the_documented_ids() -> None:
    assert ids.level("sp500") == "sp500.level"
    assert ids.thesis_level("sp500", "target", 7269) == "sp500.target.7269"
    assert ids.distance("ust10y", "pct", 4.5) == "ust10y.distance_pct.4_5"
    assert ids.p_event("sp500", "touch", 6900, "gbm") == "sp500.p_touch.6900.gbm"
    assert (
        ids.p_event_se("sp500", "close_below", 5500, "bootstrap")
        == "sp500.p_close_below_se.5500.bootstrap"
    )
    assert (
        ids.p_closed_form("sp500", "touch", 6900, zero_drift=True)
        == "sp500.p_touch_closed_zero_drift.6900.gbm"
    )
    assert ids.quantile("sp500", 5, "garch") == "sp500.horizon_q05.garch"
    assert ids.range_bound("sp500", "base", "low") == "sp500.range.base.low"
    assert ids.calibration("gbm", "brier", "12m") == "calibration.gbm.brier.12m"
    assert (
        ids.scorecard("sp500", "brier_touch", 6900, "gbm") == "scorecard.sp500.brier_touch.6900.gbm"
    )


@given(
    subject=st.from_regex(r"[a-z][a-z0-9_]{0,10}", fullmatch=True),
    event=st.sampled_from(ids.EVENTS),
    lvl=st.floats(min_value=0.01, max_value=1e6, allow_nan=False),
    method=st.sampled_from(["gbm", "bootstrap", "garch", "vix_implied", "baseline"]),
    se=st.booleans(),
)
def test_parse_inverts_the_probability_builders(subject, event, lvl, method, se) -> None:
    fid = (ids.p_event_se if se else ids.p_event)(subject, event, lvl, method)
    got = ids.parse_level_fact(fid)
    assert got is not None
    assert (got.subject, got.event, got.method, got.se) == (subject, event, method, se)
    assert got.level_key == ids.thesis_level(subject, "target", lvl).rsplit(".", 1)[1]


@pytest.mark.parametrize(
    "fid", ["sp500.level", "sp500.p_wobble.6900.gbm", "calibration.gbm.brier.12m"]
)
def test_parse_rejects_other_ids(fid: str) -> None:
    assert ids.parse_level_fact(fid) is None


def test_parse_reads_closed_forms() -> None:
    got = ids.parse_level_fact(ids.p_closed_form("sp500", "close_above", 7269))
    assert got is not None and got.closed_form and not got.zero_drift and got.event == "close_above"
