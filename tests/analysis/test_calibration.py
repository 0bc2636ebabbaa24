"""Walk-forward calibration: CRPS against closed forms, coverage on a known model, no look-ahead,
the base rate by brute force, Brier skill and the reliability diagram, conditioning that pays
where volatility clusters, and the implied method."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from thesis import ids
from thesis.analysis.calibration import calibrate, crps_sample, horizon_label
from thesis.errors import AnalysisError, InsufficientDataError


def gbm_prices(n: int, seed: int = 4, sigma: float = 0.01) -> pd.Series:
    g = np.random.default_rng(seed)
    idx = pd.bdate_range("2000-01-03", periods=n, name="date")
    return pd.Series(1000 * np.exp(np.r_[0.0, np.cumsum(g.normal(0, sigma, n - 1))]), index=idx)


def crps_normal(mu: float, sigma: float, y: float) -> float:
    """Closed form (Gneiting & Raftery 2007) for a normal forecast."""
    z = (y - mu) / sigma
    return sigma * (
        z * (2 * stats.norm.cdf(z) - 1) + 2 * stats.norm.pdf(z) - 1 / math.sqrt(math.pi)
    )


@pytest.mark.parametrize("y", [-2.0, 0.0, 0.7, 3.5])
def test_crps_of_a_normal_sample_matches_closed_form(y):
    x = np.random.default_rng(1).normal(0.5, 1.5, 400_000)
    assert crps_sample(x, y) == pytest.approx(crps_normal(0.5, 1.5, y), rel=5e-3, abs=2e-3)


def test_crps_sorted_formula_equals_energy_form():
    g = np.random.default_rng(2)
    x = g.standard_t(4, size=(5, 300))
    y = g.normal(size=5)
    brute = np.abs(x - y[:, None]).mean(1) - 0.5 * np.abs(x[:, :, None] - x[:, None, :]).mean(
        (1, 2)
    )
    np.testing.assert_allclose(crps_sample(x, y), brute, rtol=1e-12)


def test_coverage_near_nominal_when_the_model_is_true():
    # i.i.d. normal log returns with constant volatility: GBM and the baseline are the truth.
    # The tolerances are set by the number of origins (n ~ 300): a coverage's binomial standard
    # error is sqrt(p(1-p)/n) = 0.029 (50%), 0.023 (80%), 0.013 (95%), so they are about 2.7, 2.6
    # and 3.2 of them. 500 paths an origin put each interval end within about sqrt(p(1-p)/500)
    # = 0.013 in probability of the model's; that error is drawn afresh at each origin, so it adds
    # about 0.013 / sqrt(n) = 0.001 to a coverage's standard error (2,000 paths: half of that)
    s = gbm_prices(1800)
    res = calibrate(s, subject="synth", methods=("gbm", "bootstrap"), horizons=(5, 21),
                    step="weekly", n_paths=500, rng=np.random.default_rng(0))  # fmt: skip
    f = res.to_frame().set_index(["method", "horizon"])
    assert set(f.columns) >= {"coverage50", "coverage80", "coverage95", "brier", "crps_pct", "n"}
    for m in ("gbm", "baseline"):
        r = f.loc[(m, 5)]
        assert r.n > 250
        assert abs(r.coverage80 - 0.80) < 0.06
        assert abs(r.coverage50 - 0.50) < 0.08
        assert abs(r.coverage95 - 0.95) < 0.04
    hist = res.pit_histogram("gbm", 5)
    assert hist.sum() == pytest.approx(1.0)
    assert hist.max() < 0.2  # roughly flat (0.1 each)


def test_no_look_ahead_scores_do_not_depend_on_later_data():
    s = gbm_prices(900)
    kw = dict(subject="synth", methods=("gbm", "bootstrap", "garch"), horizons=(21, 63),
              n_paths=500, garch_refit_every=3, base_rate=True)  # fmt: skip
    full = calibrate(s, rng=np.random.default_rng(5), **kw).scores
    cut = calibrate(s.iloc[:800], rng=np.random.default_rng(5), **kw).scores
    key = ["origin", "method", "horizon"]
    both = cut.merge(full, on=key, suffixes=("_cut", "_full"))
    assert len(both) == len(cut) > 0
    for c in ("pit", "crps_pct", "brier", "in80"):
        np.testing.assert_array_equal(both[f"{c}_cut"], both[f"{c}_full"])


def test_facts_and_summary():
    s = gbm_prices(700)
    res = calibrate(s, subject="synth", methods=("gbm",), horizons=(21, 63, 126), n_paths=300,
                    rng=np.random.default_rng(1))  # fmt: skip
    ids = {f.id for f in res.facts()}
    for m in ("gbm", "baseline"):
        for h in ("1m", "3m", "6m"):
            for meas in ("coverage50", "coverage80", "coverage95", "brier", "crps_pct", "n"):
                assert f"calibration.{m}.{meas}.{h}" in ids
    assert {"calibration.start", "calibration.end"} <= ids
    head = "| method | horizon | cov50 | cov80 | cov95 | Brier | CRPS % | skill | n |"
    assert head in res.summary()
    assert horizon_label(252) == "12m" and horizon_label(10) == "10d"
    # origins are month ends with enough history (253 closes for GBM and the baseline)
    assert res.origins[0] >= s.index[252]
    assert res.origins.to_period("M").is_unique


def test_bad_input():
    with pytest.raises(InsufficientDataError, match="needs at least 316 daily closes") as e:
        calibrate(gbm_prices(300), subject="synth", methods=("gbm",), horizons=(63,),
                  rng=np.random.default_rng(0))  # fmt: skip
    assert "Fix: import longer history for 'synth'" in str(e.value)
    with pytest.raises(AnalysisError, match="unknown method 'arima'"):
        calibrate(
            gbm_prices(600), subject="synth", methods=("arima",), rng=np.random.default_rng(0)
        )
    with pytest.raises(AnalysisError, match="unknown step 'daily'"):
        calibrate(gbm_prices(600), subject="synth", methods=("gbm",), step="daily",
                  rng=np.random.default_rng(0))  # fmt: skip


def test_runs_on_sp500_history(shared_data):
    df = pd.read_csv(shared_data / "sp500_daily_fred.csv", parse_dates=["date"])
    s = df.set_index("date")["close"].rename("sp500")
    res = calibrate(s, subject="sp500", methods=("gbm", "bootstrap"), horizons=(63, 252),
                    n_paths=500, rng=np.random.default_rng(0), base_rate=True)  # fmt: skip
    f = res.to_frame()
    # gbm, bootstrap, baseline, the base rate and the conditioned base rate at two horizons
    assert len(f) == 10 and f.coverage80.dropna().between(0, 1).all()
    assert res.origins[0].is_month_end or res.origins[0].day >= 26
    # the last origin leaves 63 sessions to score
    assert s.index.get_loc(res.origins[-1]) + 63 < len(s)


def test_base_rate_skill_and_reliability_by_hand():
    s = gbm_prices(900, seed=8)
    res = calibrate(s, subject="synth", methods=("gbm",), horizons=(21, 63), n_paths=400,
                    rng=np.random.default_rng(2), baseline=False, base_rate=True)  # fmt: skip
    sc = res.scores
    assert res.methods == ("gbm", "baserate", "conditional")
    assert res.events == (
        "touch_p5", "close_above_p5", "touch_p10", "close_above_p10", "touch_p20",
        "close_above_p20", "touch_m10", "close_below_m10",
    )  # fmt: skip
    # the base rate at one origin, by brute force over the windows ended by it
    lp = np.log(s.to_numpy())
    row = sc[(sc["method"] == "baserate") & (sc["horizon"] == 21)].iloc[3]
    i = s.index.get_loc(row["origin"])
    hits = [np.max(lp[t + 1 : t + 22] - lp[t]) >= math.log(1.05) for t in range(0, i - 21 + 1)]
    assert row["p_touch_p5"] == pytest.approx(np.mean(hits))
    falls = [lp[t + 21] - lp[t] <= math.log(0.9) for t in range(0, i - 21 + 1)]
    assert row["p_close_below_m10"] == pytest.approx(np.mean(falls))
    # and the outcome of the origin's own window
    assert row["o_touch_p5"] == float(np.max(lp[i + 1 : i + 22] - lp[i]) >= math.log(1.05))
    # Brier skill by hand from the scores
    sk = res.skill_frame().set_index(["method", "horizon", "event"])
    g = sc[(sc["method"] == "gbm") & (sc["horizon"] == 63)]
    b = sc[(sc["method"] == "baserate") & (sc["horizon"] == 63)]
    bs = ((g["p_touch_p5"] - g["o_touch_p5"]) ** 2).mean()
    bb = ((b["p_touch_p5"] - b["o_touch_p5"]) ** 2).mean()
    assert sk.loc[("gbm", 63, "touch_p5"), "bss"] == pytest.approx(1 - bs / bb)
    assert sk.loc[("baserate", 63, "touch_p5"), "bss"] == pytest.approx(0.0)
    # the reliability diagram: every origin in one bin, observed frequencies by hand
    rel = res.reliability_frame()
    one = rel[(rel["method"] == "gbm") & (rel["horizon"] == 63) & (rel["event"] == "touch_p5")]
    assert one["n"].sum() == len(g)
    top = one.iloc[-1]
    sel = (g["p_touch_p5"] >= top["bin_lo"]) & (g["p_touch_p5"] <= top["bin_hi"])
    assert top["observed"] == pytest.approx(g.loc[sel, "o_touch_p5"].mean())
    facts = {f.id: f for f in res.facts()}
    assert facts[ids.calibration_event("gbm", "bss", "touch_p5", "3m")].unit == "ratio"
    assert ids.calibration_event("baserate", "bss", "touch_p5", "3m") not in facts
    assert facts[ids.calibration_observed("touch_p5", "3m")].value == pytest.approx(
        b["o_touch_p5"].mean()
    )
    best = facts[ids.calibration_verdict("best", "3m")].value
    assert best in res.methods
    f = res.to_frame().set_index(["method", "horizon"])
    beat = facts[ids.calibration_verdict("any_beats_base_rate", "3m")].value
    assert beat == bool((f.xs(63, level="horizon").drop("baserate")["bss"] > 0).any())
    assert facts[ids.calibration("gbm", "beats_base_rate", "3m")].value == bool(
        f.loc[("gbm", 63), "bss"] > 0
    )
    # the base rate has an empirical distribution, so intervals and a CRPS; the conditioned
    # one forecasts probabilities only
    assert not math.isnan(f.loc[("baserate", 63), "coverage80"])
    assert math.isnan(f.loc[("conditional", 63), "crps_pct"])
    assert ids.calibration("conditional", "coverage80", "3m") not in facts


def test_conditioning_pays_where_volatility_clusters():
    # calm and stormy spells of two years: the chance of a 5 % move in a month depends on them
    g = np.random.default_rng(12)
    n = 4000
    vol = np.where((np.arange(n) // 504) % 2 == 0, 0.004, 0.02)
    idx = pd.bdate_range("1990-01-01", periods=n)
    s = pd.Series(100 * np.exp(np.cumsum(g.normal(0, vol))), index=idx)
    res = calibrate(s, subject="synth", methods=(), horizons=(21,), step="weekly",
                    rng=np.random.default_rng(0), baseline=False, base_rate=True,
                    thresholds_pct=(5.0,), drawdowns_pct=(5.0,))  # fmt: skip
    sk = res.skill_frame().set_index(["method", "event"])
    for e in ("touch_p5", "touch_m5"):
        assert sk.loc[("conditional", e), "bss"] > 0.1


def test_implied_method_with_the_true_volatility_is_calibrated():
    s = gbm_prices(1500, seed=21, sigma=0.0125)
    vix = pd.Series(0.0125 * math.sqrt(252) * 100, index=s.index, name="vx")
    res = calibrate(s, subject="synth", methods=(), horizons=(21,), step="weekly",
                    rng=np.random.default_rng(0), baseline=False, vol_index=vix)  # fmt: skip
    f = res.to_frame().set_index("method")
    assert "implied" in res.methods
    assert abs(f.loc["implied", "coverage80"] - 0.80) < 0.06
    assert abs(f.loc["implied", "coverage50"] - 0.50) < 0.08
