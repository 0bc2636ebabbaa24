"""Regimes and safety: percentiles, volatilities and correlations against numpy/scipy references."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from thesis.analysis.regimes import percentile_of_last, regimes, vol_regime
from thesis.errors import AnalysisError, InsufficientDataError


def _walk(n, seed, start="2015-01-02", vol=0.01, name=None):
    rng = np.random.default_rng(seed)
    idx = pd.bdate_range(start, periods=n)
    return pd.Series(100 * np.exp(np.cumsum(rng.normal(0, vol, n))), index=idx, name=name)


def test_realised_vol_and_percentile_against_numpy_and_scipy():
    s = _walk(600, 1)
    r = regimes(s, subject="x", as_of=s.index[-1], garch=False)
    lr = np.diff(np.log(s.to_numpy()))
    assert r.vol_realised_ann_pct == pytest.approx(np.std(lr[-21:], ddof=1) * math.sqrt(252) * 100)
    hist = (
        np.array([np.std(lr[i - 21 : i], ddof=1) for i in range(21, len(lr) + 1)])
        * math.sqrt(252)
        * 100
    )
    assert r.to_frame()["realised_ann_pct"].dropna().to_numpy() == pytest.approx(hist)
    assert r.vol_realised_pctile == pytest.approx(
        stats.percentileofscore(hist, hist[-1], kind="weak") / 100
    )
    assert r.vol_regime == vol_regime(r.vol_realised_pctile)


@pytest.mark.parametrize(
    ("p", "label"),
    [
        (0.0, "calm"),
        (0.2499, "calm"),
        (0.25, "normal"),
        (0.7499, "normal"),
        (0.75, "elevated"),
        (0.95, "stressed"),
        (1.0, "stressed"),
    ],
)
def test_vol_regime_cutoffs(p, label):
    assert vol_regime(p) == label


def test_percentile_of_last():
    assert percentile_of_last(np.array([1.0, 5.0, 3.0, np.nan, 3.0])) == pytest.approx(3 / 4)


def test_correlations_and_flight_to_safety_by_hand():
    eq = _walk(300, 2, name="eq")
    bonds = _walk(300, 3, name="tlt").drop(
        eq.index[[50, 120, 280]]
    )  # missing days: align on common dates
    gold = _walk(300, 4, name="gld").drop(eq.index[[10, 281]])
    r = regimes(eq, subject="eq", as_of=eq.index[-1], bonds=bonds, gold=gold, garch=False)
    both = pd.concat([eq, bonds], axis=1, join="inner")
    lr = np.diff(np.log(both.to_numpy()), axis=0)
    assert r.corr_bonds == pytest.approx(np.corrcoef(lr[-63:, 0], lr[-63:, 1])[0, 1])
    three = pd.concat([eq, bonds, gold], axis=1, join="inner")
    lr3 = np.diff(np.log(three.to_numpy()), axis=0)
    flag = (lr3[:, 0] < 0) & (lr3[:, 1] > 0) & (lr3[:, 2] > 0)
    assert r.fts_share_hist == pytest.approx(flag.mean())
    assert r.fts_share_recent == pytest.approx(flag[-63:].mean())
    frame = r.to_frame()
    assert list(frame.columns) == ["realised_ann_pct", "garch_ann_pct", "corr_bonds", "corr_gold"]
    assert frame["corr_gold"].dropna().iloc[-1] == pytest.approx(r.corr_gold)


def test_flight_to_safety_on_a_constructed_path():
    idx = pd.bdate_range("2020-01-01", periods=201)
    # equity falls on every third session; bonds and gold rise on every session
    eq_r = np.where(np.arange(200) % 3 == 0, -0.01, 0.01)
    eq = pd.Series(100 * np.exp(np.concatenate([[0], np.cumsum(eq_r)])), index=idx)
    up = pd.Series(100 * np.exp(0.001 * np.arange(201)), index=idx)
    r = regimes(eq, subject="eq", as_of=idx[-1], bonds=up, gold=up * 2, garch=False)
    assert r.fts_share_hist == pytest.approx(np.mean(np.arange(200) % 3 == 0))
    assert r.fts_share_recent == pytest.approx(np.mean(np.arange(137, 200) % 3 == 0))


def test_garch_matches_its_own_recursion():
    s = _walk(800, 5)
    r = regimes(s, subject="x", as_of=s.index[-1])
    p = r.garch_params
    eps = np.diff(np.log(s.to_numpy())) * 100 - p["mu"]
    g = r.to_frame()["garch_ann_pct"].to_numpy() / math.sqrt(252)
    # sigma²_t = ω + α ε²_{t−1} + β σ²_{t−1}, checked on the last step
    assert g[-1] ** 2 == pytest.approx(
        p["omega"] + p["alpha[1]"] * eps[-2] ** 2 + p["beta[1]"] * g[-2] ** 2
    )
    assert r.vol_garch_pctile == pytest.approx(stats.percentileofscore(g, g[-1], kind="weak") / 100)
    assert p["alpha[1]"] + p["beta[1]"] < 1


def test_size_measures_by_hand():
    s = _walk(400, 6)
    smb = pd.Series(1.0, index=pd.date_range("2014-01-01", "2016-12-01", freq="MS"))
    smb[pd.Timestamp("2016-06-01")] = 5.0  # June 2016 is incomplete on as_of and must be ignored
    small = pd.Series(np.linspace(50, 60, 400), index=s.index)
    large = pd.Series(np.linspace(100, 110, 400), index=s.index)
    as_of = pd.Timestamp("2016-06-10")
    r = regimes(s, subject="x", as_of=as_of, smb=smb, small=small, large=large, garch=False)
    assert r.smb_12m_pct == pytest.approx((1.01**12 - 1) * 100)

    def chg(x):
        end = x[x.index <= as_of]
        base = x[x.index <= end.index[-1] - pd.DateOffset(years=1)]
        return (end.iloc[-1] / base.iloc[-1] - 1) * 100

    assert r.small_vs_large_12m_pp == pytest.approx(chg(small) - chg(large))


def test_no_lookahead():
    s = _walk(700, 7)
    vix = pd.Series(np.linspace(10, 30, 700), index=s.index)
    as_of = s.index[499]
    future = s.copy()
    future.iloc[500:] = future.iloc[500:] * np.exp(np.random.default_rng(8).normal(0, 0.05, 200))
    a = regimes(s.iloc[:500], subject="x", as_of=as_of, vix=vix.iloc[:500], bonds=vix.iloc[:500])
    vix_future = vix.copy()
    vix_future.iloc[500:] *= 3
    b = regimes(future, subject="x", as_of=as_of, vix=vix_future, bonds=vix_future)
    assert [(f.id, f.value) for f in a.facts()] == [(f.id, f.value) for f in b.facts()]


def test_bad_input():
    s = _walk(50, 9, name="sp500")
    with pytest.raises(InsufficientDataError, match=r"prices \(sp500\).*at least \d+"):
        regimes(s, subject="sp500", as_of=s.index[-1])
    with pytest.raises(AnalysisError, match=r"before the data starts"):
        regimes(s, subject="sp500", as_of="2000-01-01")
    bad = _walk(300, 9, name="sp500")
    bad.iloc[5] = -1
    with pytest.raises(AnalysisError, match=r"non-positive"):
        regimes(bad, subject="sp500", as_of=bad.index[-1])


def test_shared_data(shared_data):
    def rd(f, c):
        return pd.read_csv(shared_data / f, parse_dates=["date"]).set_index("date")[c]

    e = pd.read_csv(shared_data / "etf_daily_spy_iwm_tlt_gld.csv", parse_dates=["date"])
    tr = {t: g.set_index("date")["adj_close"].dropna() for t, g in e.groupby("ticker")}
    vix = rd("vix_daily.csv", "close")
    r = regimes(
        rd("sp500_daily_fred.csv", "close"),
        subject="sp500",
        as_of="2025-11-26",
        vix=vix,
        bonds=tr["TLT"],
        gold=tr["GLD"],
        smb=rd("fama_french_3factors_monthly.csv", "smb"),
        small=tr["IWM"],
        large=tr["SPY"],
    )
    assert r.vix_level == pytest.approx(vix[:"2025-11-26"].iloc[-1])
    v = vix[:"2025-11-26"].to_numpy()
    assert r.vix_pctile == pytest.approx(np.mean(v <= v[-1]))
    assert 5 < r.vol_realised_ann_pct < 80 and 5 < r.vol_garch_ann_pct < 80
    assert -1 <= r.corr_bonds <= 1 and -1 <= r.corr_gold <= 1
    ids = {f.id for f in r.facts()}
    for need in (
        "sp500.vol_regime",
        "vix.pctile",
        "sp500.corr_bonds_63d",
        "sp500.flight_to_safety_share_hist",
        "size.smb_12m_pct",
        "size.small_vs_large_12m_pp",
        "sp500.vol_garch_pctile",
    ):
        assert need in ids
    assert all(not any(ch.isdigit() for ch in n) for n in r.notes)
