"""Walk-forward calibration: CRPS against closed forms, coverage on a known model, no look-ahead."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

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
    # i.i.d. normal log returns with constant volatility: GBM and the baseline are the truth
    s = gbm_prices(1800)
    res = calibrate(s, subject="synth", methods=("gbm", "bootstrap"), horizons=(5, 21),
                    step="weekly", n_paths=2_000, rng=np.random.default_rng(0))  # fmt: skip
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
              n_paths=500, garch_refit_every=3)  # fmt: skip
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
    assert "| method | horizon | cov50 | cov80 | cov95 | Brier | CRPS % | n |" in res.summary()
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
                    n_paths=500, rng=np.random.default_rng(0))  # fmt: skip
    f = res.to_frame()
    assert len(f) == 6 and f.coverage80.between(0, 1).all()
    assert res.origins[0].is_month_end or res.origins[0].day >= 26
    # the last origin leaves 63 sessions to score
    assert s.index.get_loc(res.origins[-1]) + 63 < len(s)
