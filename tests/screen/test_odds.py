"""Per-stock odds on the path engine: a closed form, reproducibility, caveats."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy.stats import norm

from thesis.data.calendars import sessions_between
from thesis.screen import ids
from thesis.screen.odds import stock_odds

#: some calls here are large enough for the kernels' parallel variants: wait for their
#: compilation (tests/conftest.py), not compile them again in this worker
pytestmark = pytest.mark.usefixtures("numba_parallel")


def _closes(n: int, sigma: float = 0.02, seed: int = 0, end: str = "2025-11-26") -> pd.Series:
    days = sessions_between("2010-01-04", end, include_start=True)[-n:]
    r = np.random.default_rng(seed).normal(0.0, sigma, len(days))
    return pd.Series(100 * np.exp(np.cumsum(r)), index=days, name="X")


def test_gbm_gain_odds_match_the_lognormal_closed_form() -> None:
    s = _closes(1500)
    o = stock_odds(s, ticker="X", as_of="2025-11-26", horizon="2026-12-31", gains_pct=[20, -10],
                   methods=["gbm"], n_paths=40_000, rng=np.random.default_rng(1),
                   drift_ann_pct=5.0)  # fmt: skip
    n = len(sessions_between("2025-11-26", "2026-12-31"))
    assert o.n_steps == n
    r = np.diff(np.log(s.to_numpy()[-1261:]))  # the GBM window: the last 1,260 returns
    sd, mu = r.std(ddof=1), 0.05 / 252
    for g in (20, -10):
        closed = 1 - norm.cdf((math.log1p(g / 100) - mu * n) / (sd * math.sqrt(n)))
        row = o.table[(o.table["event"] == "gain") & (o.table["target"] == g)].iloc[0]
        assert abs(row["p"] - closed) < 4 * row["se"] + 1e-3
        assert row["drift_ann_pct"] == pytest.approx(5.0)


def test_reproducible_and_keyed_by_ticker() -> None:
    s = _closes(800, seed=2)
    idx = _closes(2000, sigma=0.01, seed=3)
    kw = dict(as_of="2025-11-26", horizon="2026-06-30", index=idx, index_id="idx", n_paths=2_000)
    a = stock_odds(s, ticker="A", rng=np.random.default_rng(5), **kw)
    b = stock_odds(s, ticker="A", rng=np.random.default_rng(5), **kw)
    c = stock_odds(s, ticker="B", rng=np.random.default_rng(5), **kw)
    pd.testing.assert_frame_equal(a.table, b.table)
    assert not a.table["p"].equals(c.table["p"])  # another ticker draws other paths
    assert set(a.table["event"]) == {"gain", "outperform"}
    assert set(a.table["method"]) == {"bootstrap", "garch"}
    p = a.table["p"]
    assert ((p >= 0) & (p <= 1)).all()
    f = {x.id: x for x in a.facts()}
    assert ids.stock_p_gain("A", 20, "bootstrap") in f
    assert ids.stock_p_outperform("A", "idx", "garch") in f
    assert f[ids.stock_p_gain("A", 20, "garch")].unit == "probability"


def test_stale_short_and_too_short_for_garch() -> None:
    s = _closes(300, end="2025-04-04")
    o = stock_odds(s, ticker="OLD", as_of="2025-11-26", horizon="2026-12-31", n_paths=1_000,
                   rng=np.random.default_rng(0))  # fmt: skip
    text = " ".join(o.notes)
    assert o.stale_sessions == 163 and "data end 2025-04-04" in text
    assert "only 300 daily closes" in text
    assert "GARCH(1,1) Student-t needs 500 closes" in text
    assert set(o.table["method"]) == {"bootstrap"}
    f = {x.id: x for x in o.facts()}
    assert "start price on as_of is unknown" in f[ids.stock_p_gain("OLD", 20, "bootstrap")].method
