"""The array rewrite of the easing-cycle rules against the plain pandas reference it replaced
(masks on a PeriodIndex, ``pd.DateOffset``), and against hand-worked series: NaN months, a cut
in the first months, ``as_of`` inside a window, FOMC decisions."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from thesis.analysis.cycles import _add_months, easing_cycles, easing_moves, first_cuts


# ----------------------------------------------------------------- the pandas reference (slow)
def _ref_monthly(rate: pd.Series) -> pd.Series:
    m = rate.copy()
    m.index = m.index.to_period("M")
    m = m[~m.index.duplicated(keep="last")]
    return m.reindex(pd.period_range(m.index.min(), m.index.max(), freq="M"))


def _ref_moves(rate: pd.Series, thr_bp: float = 20.0) -> pd.Series:
    m = _ref_monthly(rate)
    thr = thr_bp / 100 - 1e-9
    d1, d2 = m - m.shift(1), m - m.shift(2)
    down = pd.concat([d1, d2], axis=1).min(axis=1)
    up = pd.concat([d1, d2], axis=1).max(axis=1)
    cut = (down <= -thr) & ~((up >= thr) & (up > -down))
    hike = (up >= thr) & ~cut
    moves = pd.Series(0, index=m.index, dtype=int)
    moves[cut.to_numpy()] = -1
    moves[hike.to_numpy()] = 1
    moves = moves[moves != 0]
    moves.index = moves.index.to_timestamp()
    return moves


def _ref_first_cuts(moves: pd.Series, data_start: pd.Timestamp, hold: int = 6) -> list:
    out, prev_date, prev_sign = [], None, 0
    for d, s in zip(moves.index, moves, strict=True):
        if s < 0:
            start = data_start if prev_date is None else prev_date
            if (prev_date is not None and prev_sign > 0) or d - pd.DateOffset(months=hold) >= start:
                out.append(d)
        prev_date, prev_sign = d, s
    return out


def _ref_windows(rate: pd.Series, as_of: pd.Timestamp, cands: list, peak=12, confirm=12) -> list:
    m = _ref_monthly(rate[rate.index + pd.offsets.MonthEnd(0) <= as_of].dropna())
    out = []
    for d in cands:
        p = d.to_period("M")
        pre = float(np.nanmax([m.get(p - 1, np.nan), m.get(p - 2, np.nan)]))
        peak_v = float(m[(m.index >= p - peak) & (m.index < p)].max())
        after = m[(m.index >= p) & (m.index <= p + confirm)].dropna()
        done = (p + confirm).to_timestamp(how="end").normalize() <= as_of
        out.append((pre, peak_v, float(after.min()), float(after.max()), done))
    return out


# ----------------------------------------------------------------- hand-made series
def _monthly(values: list[float], start: str = "2000-01-01") -> pd.Series:
    return pd.Series(values, index=pd.date_range(start, periods=len(values), freq="MS"))


def _cases() -> dict[str, pd.Series]:
    rng = np.random.default_rng(3)
    walk = 5 + np.cumsum(rng.choice([-0.25, 0.0, 0.0, 0.25], size=240))
    holes = walk.copy()
    holes[[5, 6, 40, 41, 42, 100]] = np.nan
    return {
        # a hike cycle, a long hold, then cuts: one confirmed easing cycle from 2001-07
        "one_cycle": _monthly(
            [5.0] * 6 + [5.25, 5.5] + [5.5] * 10 + [5.25, 5.0, 4.75] + [4.5] * 14
        ),
        "cut_in_first_months": _monthly([6.0, 5.75, 5.5, 5.25] + [5.25] * 20),
        "nan_months": _monthly(list(holes)),
        "random_walk": _monthly(list(walk)),
    }


@pytest.mark.parametrize("name", list(_cases()))
def test_moves_and_first_cuts_match_the_pandas_reference(name: str) -> None:
    rate = _cases()[name]
    got = easing_moves(rate.dropna())
    ref = _ref_moves(rate.dropna())
    pd.testing.assert_series_equal(got, ref)
    start = rate.dropna().index[0]
    assert first_cuts(got, data_start=start) == _ref_first_cuts(ref, start)


@pytest.mark.parametrize("name", list(_cases()))
@pytest.mark.parametrize("as_of", ["2001-12-15", "2003-03-31", "2019-12-31"])
def test_windows_match_the_pandas_reference(name: str, as_of: str) -> None:
    rate, ts = _cases()[name], pd.Timestamp(as_of)
    known = rate[rate.index + pd.offsets.MonthEnd(0) <= ts].dropna()
    if len(known) < 3:
        pytest.skip("too little data on as_of for any move")
    got = easing_cycles(rate, as_of=ts)
    cands = _ref_first_cuts(_ref_moves(known), known.index[0])
    assert list(got.index) == cands
    for (pre, peak, low, high, done), (_, row) in zip(
        _ref_windows(rate, ts, cands), got.iterrows(), strict=True
    ):
        np.testing.assert_equal(
            [row["rate_before_pct"], row["peak_pct"], row["low_pct"], row["high_after_pct"]],
            [pre, peak, low, high],
        )
        if row["status"] == "confirmed":
            assert done
        if row["status"] == "unconfirmed":
            assert not done


def test_hand_worked_cycle_and_as_of_inside_its_window() -> None:
    rate = _cases()["one_cycle"]  # cuts 2001-07 (5.25), 2001-08, 2001-09; 4.5 from 2001-10
    full = easing_cycles(rate, as_of="2003-12-31")
    assert list(full.index) == [pd.Timestamp("2001-07-01")]
    row = full.iloc[0]
    assert (row["rate_before_pct"], row["peak_pct"], row["low_pct"]) == (5.5, 5.5, 4.5)
    assert row["status"] == "confirmed"
    # on 2002-03-15 the 12 months after the cut are not complete: listed, unconfirmed
    mid = easing_cycles(rate, as_of="2002-03-15")
    assert mid["status"].tolist() == ["unconfirmed"]
    assert mid.iloc[0]["high_after_pct"] == 5.25  # only months known on as_of


def test_a_cut_in_the_first_months_needs_hold_months_of_data() -> None:
    rate = _cases()["cut_in_first_months"]
    assert easing_cycles(rate, as_of="2001-12-31").empty  # no 6 months of data before it


def test_decisions_kind() -> None:
    dates = pd.to_datetime(
        ["2000-01-05", "2000-05-16", "2001-01-03", "2001-01-31", "2001-03-20", "2001-11-06",
         "2002-11-06", "2004-06-30"]
    )  # fmt: skip
    target = pd.Series([5.5, 6.5, 6.0, 5.5, 5.0, 2.0, 1.25, 1.25], index=dates)
    got = easing_cycles(target, as_of="2004-12-31", kind="decisions")
    # 2001-01-03: after a hike, from the 12-month high, never back within 10 bp of 6.5.
    # 2001-11-06: 7 months after the last move (a hold), but 5.0 is below the 6.0 of the 12
    # months before: a continuation. 2002-11-06: a year's hold at 2.0, then 1.25 for good.
    assert list(got.index) == list(pd.to_datetime(["2001-01-03", "2001-11-06", "2002-11-06"]))
    assert got["status"].tolist() == ["confirmed", "continuation", "confirmed"]
    assert got["rate_before_pct"].tolist() == [6.5, 5.0, 2.0]
    assert got["peak_pct"].tolist() == [6.5, 6.0, 2.0]
    assert got["low_pct"].tolist() == [2.0, 1.25, 1.25]
    assert easing_cycles(target, as_of="2001-06-30", kind="decisions")["status"].tolist() == [
        "unconfirmed"
    ]


def test_add_months_is_pandas_date_offset() -> None:
    rng = np.random.default_rng(11)
    days = pd.Timestamp("1999-01-01") + pd.to_timedelta(rng.integers(0, 12000, 400), "D")
    t = (days + pd.to_timedelta(rng.integers(0, 86400, 400), "s")).to_numpy()
    for k in (-13, -6, -1, 0, 1, 3, 12, 25):
        want = np.array([(pd.Timestamp(x) + pd.DateOffset(months=k)).to_datetime64() for x in t])
        np.testing.assert_array_equal(_add_months(t, k), want.astype("datetime64[ns]"))
    ends = pd.to_datetime(["2020-01-31", "2019-01-31", "2020-03-31", "2021-08-31"]).to_numpy()
    np.testing.assert_array_equal(
        _add_months(ends, 1),
        pd.to_datetime(["2020-02-29", "2019-02-28", "2020-04-30", "2021-09-30"])
        .to_numpy()
        .astype("datetime64[ns]"),
    )
