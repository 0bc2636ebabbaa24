"""Per-stock odds as tasks: the same odds in this process and on a two-worker cluster."""

from __future__ import annotations

import numpy as np
import pandas as pd

from thesis.scale.screening import odds_many


def _prices() -> tuple[dict[str, pd.Series], pd.Series]:
    rng = np.random.default_rng(3)
    days = pd.bdate_range("2018-01-01", "2024-06-28")
    index = pd.Series(1000 * np.exp(np.cumsum(rng.normal(0.0003, 0.01, len(days)))), days)
    stocks = {
        t: pd.Series(50 * np.exp(np.cumsum(rng.normal(0.0004, 0.02, len(days)))), days)
        for t in ("AAA", "BBB", "CCC")
    }
    stocks["SHRT"] = stocks["AAA"].iloc[-300:]  # a short history: GARCH is left out with a note
    return stocks, index


def test_odds_are_the_same_wherever_they_run(client) -> None:
    stocks, index = _prices()
    kw = dict(
        as_of="2024-06-28",
        horizon="2024-12-31",
        index=index,
        index_id="idx",
        gains_pct=[10.0],
        n_paths=500,  # the same odds here and there, at any number of paths
        key_base=42,
    )
    here = odds_many(stocks, **kw)
    there = odds_many(stocks, client=client, **kw)
    assert list(here) == list(there) == ["AAA", "BBB", "CCC", "SHRT"]
    for t in here:
        pd.testing.assert_frame_equal(here[t].table, there[t].table)
        assert here[t].notes == there[t].notes
    assert set(here["AAA"].table["event"]) == {"gain", "outperform"}
    assert here["SHRT"].notes  # said why a method was left out
