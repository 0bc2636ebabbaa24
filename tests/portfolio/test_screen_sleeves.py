"""Screen sleeves and instruments whose data end early: on a small real store."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from thesis.data import SeriesBatch, SeriesInfo, Store
from thesis.data.calendars import sessions_between
from thesis.errors import PortfolioError, SpecError
from thesis.portfolio.backtest import run_portfolio
from thesis.portfolio.spec import parse_portfolio

END_B = pd.Timestamp("2024-06-14")


def _info(sid: str, pid: str, kind: str = "price") -> SeriesInfo:
    return SeriesInfo(sid, sid.upper(), "USD", "daily", kind, "test", pid, total_return=True)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    days = sessions_between("2022-01-03", "2024-12-31", include_start=True)
    n = len(days)
    rng = np.random.default_rng(11)
    t = np.arange(n)
    batches = [
        SeriesBatch(_info("idx", "IDX", "index"),
                    pd.DataFrame({"date": days, "value": 100 * np.exp(np.cumsum(rng.normal(0, 0.01, n)))})),
        SeriesBatch(_info("a_tr", "AAA"),
                    pd.DataFrame({"date": days, "value": 50 * np.exp(np.cumsum(rng.normal(0, 0.01, n)))})),
    ]  # fmt: skip
    b = 20 * np.exp(np.cumsum(rng.normal(0, 0.01, n)))
    keep = days <= END_B
    batches.append(
        SeriesBatch(_info("b_tr", "BBB"), pd.DataFrame({"date": days[keep], "value": b[keep]}))
    )
    # three stocks whose leadership rotates: each rises for one season and falls for the next
    for k, name in enumerate(("XXX", "YYY", "ZZZ")):
        phase = np.sin(2 * np.pi * (t / 180.0 + k / 3))
        r = 0.004 * phase + rng.normal(0, 0.002, n)
        batches.append(SeriesBatch(_info(f"{name.lower()}_tr", name),
                                   pd.DataFrame({"date": days, "value": 10 * np.exp(np.cumsum(r))})))  # fmt: skip
    path = tmp_path_factory.mktemp("scr_pf") / "market.duckdb"
    with Store(path) as s:
        s.ingest(batches)
    st = Store(path, read_only=True)
    yield st
    st.close()


def test_instrument_whose_data_end_is_sold_not_carried_flat(store: Store) -> None:
    spec = parse_portfolio({"sleeves": {"s": {"instruments": ["a_tr", "b_tr"], "budget": 1.0}},
                            "costs_bp": 0, "start": "2022-02-01"})  # fmt: skip
    run = run_portfolio(spec, store, "2024-12-31", stress=False)
    w = run.portfolio.weights
    x = pd.Timestamp("2024-06-17")  # the first session after b's last close
    assert w.loc[:END_B, "b_tr"].iloc[-1] > 0.3
    assert (w.loc[x:, "b_tr"] == 0).all()
    assert run.ends == {"b_tr": END_B}
    # sold at its last close: the exit session's return is a's return on its share only
    a = store.get("a_tr")
    eq = run.portfolio.equity
    wa = w.loc[END_B, "a_tr"]
    want = eq.loc[END_B] * (1 + wa * (a.loc[x] / a.loc[END_B] - 1))
    assert eq.loc[x] == pytest.approx(want)
    note = " ".join(run.notes)
    assert "b_tr: its data end 2024-06-14" in note and "sold on 2024-06-17" in note
    assert "not carried at a flat price" in note


def test_exit_is_forced_inside_a_drift_band(store: Store) -> None:
    spec = parse_portfolio({"sleeves": {"s": {"instruments": ["a_tr", "b_tr"], "budget": 1.0}},
                            "rebalance": {"drift_band": 0.9}, "costs_bp": 5,
                            "start": "2022-02-01"})  # fmt: skip
    run = run_portfolio(spec, store, "2024-12-31", stress=False)
    assert (run.portfolio.weights.loc["2024-06-17":, "b_tr"] == 0).all()
    assert pd.Timestamp("2024-06-17") in run.portfolio.trades.index


def test_screen_sleeve_is_rescreened_on_past_data_only(store: Store) -> None:
    spec = parse_portfolio(
        {
            "sleeves": {
                "core": {"instruments": ["a_tr"], "budget": 0.5},
                "lead": {"budget": 0.5, "screen": {"rule": "mom_1m > 0", "universe": ["XXX", "YYY", "ZZZ"],
                                                   "top": 1, "rank_by": "mom_1m", "index": "idx"}},
            },
            "costs_bp": 0,
            "start": "2022-06-01",
        }
    )  # fmt: skip
    run = run_portfolio(spec, store, "2024-12-31", stress=False)
    px = {t: store.get(f"{t.lower()}_tr") for t in ("XXX", "YYY", "ZZZ")}
    by = run.members["lead"]
    assert len(by) >= 25
    changed = 0
    prev_pick = None
    for d, picked in by.items():
        prev = px["XXX"].index[px["XXX"].index < d][-1]
        moms = {}
        for t, s in px.items():
            s = s.loc[:prev]
            back = s.loc[: prev - pd.DateOffset(months=1)]
            moms[t] = s.iloc[-1] / back.iloc[-1] - 1
        best = max(moms, key=moms.get)
        assert picked == ([best] if moms[best] > 0 else [])
        changed += prev_pick is not None and picked != prev_pick
        prev_pick = picked
        if picked:
            # held from that date at the sleeve's budget
            assert run.schedule.targets.loc[d, picked[0]] == pytest.approx(0.5)
    assert changed >= 3  # leadership rotates, so the sleeve does too
    assert run.sleeve_weights().sum() == pytest.approx(1.0, abs=1e-9)
    f = {x.id: x.value for x in run.facts()}
    assert f["portfolio.members.lead"] in ("XXX", "YYY", "ZZZ", "none")


def test_screen_sleeve_spec_errors() -> None:
    base = {"budget": 1.0}
    for sleeve, what in (
        ({**base}, "needs instruments"),
        ({**base, "instruments": ["a_tr"], "screen": {"rule": "vol > 0"}}, "not both"),
        (
            {**base, "method": "fixed", "weights": {}, "screen": {"rule": "vol > 0"}},
            "cannot use method",
        ),
        ({**base, "screen": {"rule": "vol >"}}, "does not parse"),
        ({**base, "screen": {"rule": "open(x)"}}, "function call"),
    ):
        with pytest.raises(SpecError) as ei:
            parse_portfolio({"sleeves": {"s": sleeve}})
        assert what in str(ei.value) and "portfolio.sleeves.s" in str(ei.value)


def test_theme_universe_needs_the_theme(store: Store) -> None:
    spec = parse_portfolio({"sleeves": {"s": {"budget": 1.0, "screen": {"rule": "vol > 0"}}}})
    with pytest.raises(PortfolioError) as ei:
        run_portfolio(spec, store, "2024-12-31", stress=False)
    assert "no theme was given" in str(ei.value)
    assert "portfolio.sleeves.s.screen.universe" in str(ei.value)


def test_reads_through_the_view(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[pd.Timestamp] = []
    real = Store.view

    def spy(self: Store, as_of):  # record every point-in-time view the backtest opens
        seen.append(pd.Timestamp(as_of))
        return real(self, as_of)

    monkeypatch.setattr(Store, "view", spy)
    spec = parse_portfolio({"sleeves": {"s": {"instruments": ["a_tr"], "budget": 1.0}}})
    run_portfolio(spec, store, "2023-12-29", stress=False)
    assert seen and all(t <= pd.Timestamp("2023-12-29") for t in seen)
