"""Forecasts read from facts.json and the track record's scoring, on hand-worked examples."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest

from thesis.publish.forecasts import (
    Forecast,
    level_from_key,
    parse_probability_id,
    published_forecasts,
)
from thesis.publish.track import (
    TrackRecord,
    brier_score,
    hit_rate,
    reliability_table,
    resolve,
    score,
)

UTC = dt.UTC


def _f(
    event: str,
    level: float,
    p: float,
    *,
    method: str = "gbm",
    start: float = 100.0,
    run: str = "r1",
    published: dt.datetime | None = None,
    hindsight: bool = False,
) -> Forecast:
    return Forecast(
        run=run,
        series="idx",
        event=event,
        level=level,
        level_key=str(int(level)),
        method=method,
        probability=p,
        as_of=dt.date(2025, 1, 2),
        horizon=dt.date(2025, 1, 10),
        start_level=start,
        published=published or dt.datetime(2025, 1, 2, 18, tzinfo=UTC),
        hindsight=hindsight,
        fact_id=f"idx.p_{event}.{int(level)}.{method}",
    )


CLOSES = pd.Series(
    [100.0, 101.0, 104.0, 99.0, 102.0, 103.0],
    index=pd.to_datetime(
        ["2025-01-02", "2025-01-03", "2025-01-06", "2025-01-07", "2025-01-08", "2025-01-10"]
    ),
)


@pytest.mark.parametrize(
    ("fid", "expected"),
    [
        ("sp500.p_touch.6900.gbm", ("sp500", "touch", "6900", "gbm")),
        ("sp500.p_close_above.7269.bootstrap", ("sp500", "close_above", "7269", "bootstrap")),
        ("ust10y.p_close_below.4_5.garch", ("ust10y", "close_below", "4_5", "garch")),
        ("sp500.p_touch_closed.6900.gbm", ("sp500", "touch", "6900", "gbm_closed")),
        ("sp500.p_touch_se.6900.gbm", None),
        ("sp500.p_drawdown.10.gbm", None),  # needs its reference (level or high) to resolve
        ("sp500.p_touch_closed_zero_drift.6900.gbm", None),
        ("sp500.pe_share_above.6900", None),
        ("fed.after_first_cut.sp500_ret_3m.share_positive.all", None),
        ("scorecard.sp500.pit.gbm", None),
    ],
)
def test_probability_ids(fid: str, expected) -> None:
    assert parse_probability_id(fid) == expected


def test_level_keys_invert_the_fact_rule() -> None:
    from thesis.facts import level_key

    for x in (6900.0, 4500.5, 4.25, -2.0):
        assert level_from_key(level_key(x)) == x


def test_published_forecasts_from_facts_and_manifest() -> None:
    facts = [
        {"id": "sp500.horizon_date", "value": "2026-12-31", "unit": "date", "as_of": "2025-11-26"},
        {"id": "sp500.level", "value": 6812.61, "unit": "points", "as_of": "2025-11-26"},
        {
            "id": "sp500.p_touch.6900.gbm",
            "value": 0.9,
            "unit": "probability",
            "as_of": "2025-11-26",
        },
        {
            "id": "sp500.p_touch_se.6900.gbm",
            "value": 0.01,
            "unit": "probability",
            "as_of": "2025-11-26",
        },
        {
            "id": "sp500.pe_share_above.6900",
            "value": 0.3,
            "unit": "probability",
            "as_of": "2025-11-26",
        },
        {"id": "sp500.p_touch.7269.gbm", "value": True, "unit": "bool", "as_of": "2025-11-26"},
    ]
    live = {
        "as_of": "2025-11-26",
        "horizon": "2026-12-31",
        "created_at": "2025-11-27T08:00:00+00:00",
    }
    (f,) = published_forecasts(facts, live, run="seed")
    assert (f.series, f.event, f.level, f.method, f.probability) == (
        "sp500",
        "touch",
        6900.0,
        "gbm",
        0.9,
    )
    assert f.horizon == dt.date(2026, 12, 31) and f.start_level == 6812.61 and not f.hindsight
    late = {**live, "created_at": "2026-03-01T08:00:00+00:00"}
    assert published_forecasts(facts, late, run="seed")[0].hindsight
    peek = {**live, "scorecard_data": {"series": "sp500"}}
    assert published_forecasts(facts, peek, run="seed")[0].hindsight
    assert published_forecasts(facts, {"created_at": "x"}, run="seed") == []


def test_scores_by_hand() -> None:
    # (0.8 - 1)^2 + (0.3 - 0)^2 + (0.6 - 0)^2 = 0.04 + 0.09 + 0.36 = 0.49; / 3
    assert brier_score([0.8, 0.3, 0.6], [True, False, False]) == pytest.approx(0.49 / 3)
    # calls: 0.8 -> yes (right), 0.3 -> no (right), 0.6 -> yes (wrong); 0.5 makes no call
    assert hit_rate([0.8, 0.3, 0.6, 0.5], [True, False, False, True]) == (pytest.approx(2 / 3), 3)
    assert math.isnan(brier_score([], []))
    assert math.isnan(hit_rate([0.5], [True])[0])


def test_reliability_bins_by_hand() -> None:
    p = [0.05, 0.12, 0.18, 0.75, 0.71, 1.0]
    o = [False, False, True, True, False, True]
    t = reliability_table(p, o, bins=10)
    assert list(t["bin_low"]) == [0.0, 0.1, 0.7, 0.9]
    assert list(t["n"]) == [1, 2, 2, 1]
    assert t["mean_forecast"].tolist() == pytest.approx([0.05, 0.15, 0.73, 1.0])
    assert t["observed"].tolist() == pytest.approx([0.0, 0.5, 0.5, 1.0])


def test_touch_resolves_early_and_close_waits_for_the_horizon() -> None:
    up = resolve(_f("touch", 104, 0.4), CLOSES, complete=False)
    assert (up.resolved, up.happened, up.date, up.level_seen) == (
        True,
        True,
        dt.date(2025, 1, 6),
        104.0,
    )
    miss = _f("touch", 110, 0.4)
    assert not resolve(miss, CLOSES, complete=False).resolved
    done = resolve(miss, CLOSES, complete=True)
    assert (done.resolved, done.happened, done.date) == (True, False, dt.date(2025, 1, 10))
    # a level below the start is touched from above
    down = resolve(_f("touch", 99.5, 0.2, start=100.0), CLOSES, complete=False)
    assert down.happened and down.date == dt.date(2025, 1, 7)
    # the close on as_of itself does not count
    assert not resolve(_f("touch", 100, 0.5, start=98.0), CLOSES.iloc[:1], complete=False).resolved
    above = _f("close_above", 103, 0.5)
    assert not resolve(above, CLOSES, complete=False).resolved
    r = resolve(above, CLOSES, complete=True)
    assert (r.happened, r.level_seen) == (True, 103.0)
    assert resolve(_f("close_below", 102, 0.5), CLOSES, complete=True).happened is False


def test_score_dedupes_repeats_and_splits_hindsight() -> None:
    early = dt.datetime(2025, 1, 2, 9, tzinfo=UTC)
    late = dt.datetime(2025, 1, 2, 20, tzinfo=UTC)
    fs = [
        _f("touch", 104, 0.30, published=early),
        _f("touch", 104, 0.40, published=late, run="r2"),  # the same forecast republished
        _f("touch", 110, 0.20),
        _f("close_above", 103, 0.70, method="bootstrap"),
        _f("close_above", 105, 0.90, hindsight=True, run="bt"),
    ]
    rec = score(fs, {"idx": CLOSES}, {"idx": dt.date(2025, 1, 10)})
    assert len(rec.rows) == 4
    kept = next(r for r in rec.rows if r.forecast.level == 104)
    assert kept.forecast.probability == 0.40 and kept.forecast.run == "r2"
    live = rec.group(hindsight=False)
    # resolved: touch 104 (p .4, happened), touch 110 (p .2, not), close>=103 (p .7, happened)
    # Brier = ((.4-1)^2 + (.2-0)^2 + (.7-1)^2) / 3 = (.36 + .04 + .09) / 3
    assert live.brier == pytest.approx(0.49 / 3)
    bm = live.by_method().set_index("method")
    assert bm.loc["gbm", "brier"] == pytest.approx((0.36 + 0.04) / 2)
    # gbm calls: .4 -> no (wrong, it happened), .2 -> no (right)
    assert bm.loc["gbm", "hit_rate"] == pytest.approx(0.5) and bm.loc["gbm", "calls"] == 2
    assert bm.loc["bootstrap", "hit_rate"] == 1.0
    hs = rec.group(hindsight=True)
    assert len(hs.rows) == 1 and hs.rows[0].outcome.happened is False
    assert hs.brier == pytest.approx(0.81)
    frame = rec.to_frame()
    assert set(frame.columns) >= {"run", "probability", "resolved", "happened", "brier"}
    rel = live.reliability(bins=5)
    assert set(rel["method"]) == {"all", "gbm", "bootstrap"}


def test_missing_series_and_incomplete_data_stay_open() -> None:
    rec = score([_f("close_above", 103, 0.7)], {}, {})
    assert not rec.resolved and math.isnan(rec.brier)
    rec = score(
        [_f("close_above", 103, 0.7)],
        {"idx": CLOSES},
        {"idx": dt.date(2025, 1, 9)},
        last_session={dt.date(2025, 1, 10): dt.date(2025, 1, 10)},
    )
    assert not rec.resolved
    assert isinstance(rec, TrackRecord) and rec.scored_on == dt.date(2025, 1, 9)


def test_probabilities_in_unit_interval_property() -> None:
    rng = np.random.default_rng(3)
    p = rng.uniform(0, 1, 200)
    o = rng.uniform(0, 1, 200) < p
    b = brier_score(p, o)
    assert 0 <= b <= 1
    t = reliability_table(p, o, bins=10)
    assert t["n"].sum() == 200
    assert ((t["mean_forecast"] >= t["bin_low"]) & (t["mean_forecast"] <= t["bin_high"])).all()


def test_track_record_of_a_real_run(run_dir, events_store) -> None:
    from thesis.publish.runs import RunFolder, track_record

    run = RunFolder.open(run_dir)
    rec = track_record([run], events_store)
    # the store holds closes after as_of: the run is a backtest, scored apart from the live record
    assert rec.rows and all(r.forecast.hindsight for r in rec.rows)
    touch = [r for r in rec.rows if r.forecast.event == "touch" and r.forecast.level == 6900]
    # 6,900 was first closed above on 2025-12-11 (shared data)
    assert touch and all(
        r.outcome.happened and r.outcome.date == dt.date(2025, 12, 11) for r in touch
    )
    # the store ends before the horizon: closes at the horizon are open
    assert all(not r.outcome.resolved for r in rec.rows if r.forecast.event == "close_above")
