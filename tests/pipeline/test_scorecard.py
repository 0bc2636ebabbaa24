"""The scorecard scores a finished run against what followed, by hand-worked numbers."""

from __future__ import annotations

import pandas as pd
import pytest

from thesis.analysis.scorecard import scorecard
from thesis.facts import Fact, FactSheet
from thesis.spec import level_key


def _facts() -> FactSheet:
    a = "2021-12-31"
    fs = [
        Fact("ix.level", 100.0, "points", a, "close"),
        Fact("ix.p_touch.110.gbm", 0.30, "probability", a, "mc"),
        Fact("ix.p_close_above.110.gbm", 0.20, "probability", a, "mc"),
        Fact("ix.p_touch.90.gbm", 0.40, "probability", a, "mc"),
        Fact("ix.p_close_above.90.gbm", 0.85, "probability", a, "mc"),
    ]
    fs += [
        Fact(f"ix.horizon_{q}.gbm", v, "points", a, "mc")
        for q, v in (("q05", 80.0), ("q25", 92.0), ("q50", 100.0), ("q75", 108.0), ("q95", 120.0))
    ]
    fs += [
        Fact("ix.range.base.low", 95.0, "points", a, "v"),
        Fact("ix.range.base.high", 105.0, "points", a, "v"),
    ]
    return FactSheet(fs)


def _after(values: list[float], start: str = "2022-01-03") -> pd.Series:
    return pd.Series(values, index=pd.bdate_range(start, periods=len(values)), name="ix")


def test_complete_run_is_scored_by_hand() -> None:
    # touches 111 (above 110) but ends at 104: touch yes, close above 110 no; 90 never touched from above
    after = _after([101, 111, 104])
    sc = scorecard(
        _facts(),
        after,
        subject="ix",
        as_of="2021-12-31",
        horizon=after.index[-1].date(),
        levels=[90, 110],
        methods=["gbm"],
        level_key=level_key,
    )
    assert sc is not None and sc.complete
    got = {f.id: f.value for f in sc.facts()}
    assert got["scorecard.ix.touched.110"] is True
    assert got["scorecard.ix.brier_touch.110.gbm"] == pytest.approx((0.30 - 1) ** 2)
    assert got["scorecard.ix.closed_above.110"] is False
    assert got["scorecard.ix.brier_close_above.110.gbm"] == pytest.approx(0.20**2)
    # 90 lies below the start level: "touch" means reaching 90 from above, which did not happen
    assert got["scorecard.ix.touched.90"] is False
    assert got["scorecard.ix.brier_touch.90.gbm"] == pytest.approx(0.40**2)
    assert got["scorecard.ix.closed_above.90"] is True
    assert got["scorecard.ix.brier_close_above.90.gbm"] == pytest.approx(0.15**2)
    # 104 lies between q50=100 and q75=108: PIT = 0.5 + 0.25 * 4/8
    assert got["scorecard.ix.pit.gbm"] == pytest.approx(0.625)
    assert got["scorecard.ix.range_hit.base"] is True
    assert all(f.id.startswith("scorecard.") for f in sc.facts())


def test_incomplete_run_scores_only_what_is_settled() -> None:
    after = _after([101, 105])
    sc = scorecard(
        _facts(),
        after,
        subject="ix",
        as_of="2021-12-31",
        horizon="2022-12-30",
        levels=[110],
        methods=["gbm"],
        level_key=level_key,
    )
    assert sc is not None and not sc.complete
    ids = {f.id for f in sc.facts()}
    assert "scorecard.ix.touched.110" not in ids  # not touched yet, could still be
    assert "scorecard.ix.closed_above.110" not in ids
    assert "scorecard.ix.pit.gbm" not in ids
    assert sc.notes


def test_data_after_horizon_is_ignored_and_none_without_data() -> None:
    after = _after([101, 111, 104, 130, 140])
    horizon = after.index[2].date()
    sc = scorecard(
        _facts(),
        after,
        subject="ix",
        as_of="2021-12-31",
        horizon=horizon,
        levels=[110],
        methods=["gbm"],
        level_key=level_key,
    )
    assert sc is not None and sc.level_at_end == 104 and sc.path_max == 111
    empty = scorecard(
        _facts(),
        _after([]),
        subject="ix",
        as_of="2021-12-31",
        horizon=horizon,
        levels=[110],
        methods=["gbm"],
        level_key=level_key,
    )
    assert empty is None
