"""Stress coverage, built-in proxies, labels and the no-data case, on a tiny hand-made store.

Every expected number is computed here by hand from the values written into the store.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from thesis.data import SeriesBatch, SeriesInfo, Store
from thesis.errors import SpecError
from thesis.portfolio.backtest import run_portfolio, run_stress
from thesis.portfolio.spec import DEFAULT_SCENARIOS, parse_portfolio
from thesis.portfolio.stress import TLT_DURATION, duration_proxy_level

START, END = dt.date(2001, 1, 10), dt.date(2001, 2, 15)
# Fama-French daily factors (percent per day): date → (mkt_rf, rf, smb)
FF = {
    "2001-01-09": (3.0, 0.02, 1.0),  # before the window: must not count
    "2001-01-10": (-1.0, 0.02, 0.4),  # the start day's own return: must not count
    "2001-01-11": (1.0, 0.02, 0.5),
    "2001-01-12": (-2.0, 0.02, 0.3),
    "2001-02-15": (0.5, 0.02, -0.1),
    "2001-02-16": (4.0, 0.02, 2.0),  # after the window
}
# 10-year yield, % p.a. (holidays and most days absent: a return is vs the previous observation)
UST = {
    "2001-01-09": 5.0,
    "2001-01-10": 5.1,
    "2001-01-11": 5.0,
    "2001-01-12": 5.2,
    "2001-02-15": 5.1,
    "2001-02-16": 4.0,
}
GOLD = {"2000-12-01": 270.0, "2001-01-01": 265.0, "2001-02-01": 262.0, "2001-03-01": 300.0}


def _info(
    sid: str, unit: str = "USD", freq: str = "daily", tr: bool = True, kind: str = "price"
) -> SeriesInfo:
    return SeriesInfo(
        sid, sid.upper(), unit, freq, kind, "csv", sid, origin="test", total_return=tr
    )


def _batch(sid: str, values: dict[str, float] | pd.Series, **kw: object) -> SeriesBatch:
    s = pd.Series(values)
    f = pd.DataFrame({"date": pd.to_datetime(s.index), "value": s.to_numpy(dtype=float)})
    return SeriesBatch(_info(sid, **kw), f, where="test")  # type: ignore[arg-type]


def _geometric(first: str, last: str, g: float, base: float = 100.0) -> pd.Series:
    d = pd.bdate_range(first, last)
    return pd.Series(base * (1 + g) ** np.arange(len(d)), index=d.strftime("%Y-%m-%d"))


PRICES = {
    "big": _geometric("2000-12-01", "2006-12-29", 0.0003),
    "iwm_tr": _geometric("2005-01-03", "2006-12-29", 0.0004),
    "tlt_tr": _geometric("2005-01-03", "2006-12-29", -0.0001),
    "gld_tr": _geometric("2005-01-03", "2006-12-29", 0.0002),
    "xlu": _geometric("2005-06-01", "2006-12-29", 0.0001),
}


@pytest.fixture(scope="module")
def tiny_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tiny") / "market.duckdb"
    batches = [_batch(k, v) for k, v in PRICES.items()]
    for j, sid in enumerate(("ff3_mkt_rf_d", "ff3_rf_d", "ff3_smb_d")):
        batches.append(
            _batch(sid, {d: v[j] for d, v in FF.items()}, unit="% per day", tr=False, kind="factor")
        )
    batches.append(_batch("ust10y", UST, unit="% p.a.", tr=False, kind="yield"))
    batches.append(_batch("gold_monthly", GOLD, unit="USD per troy oz", freq="monthly", tr=False))
    with Store(path) as s:
        s.ingest(batches)
    return path


def _spec(extra_stress: dict | None = None):
    return parse_portfolio(
        {
            "costs_bp": 0,
            "sleeves": {
                "large": {"instruments": ["big"], "budget": 0.5},
                "small": {"instruments": ["iwm_tr"], "budget": 0.2},
                "defensive": {"instruments": ["tlt_tr", "gld_tr"], "budget": 0.2},
                "utilities": {"instruments": ["xlu"], "budget": 0.1},
            },
            "stress": {
                "defaults": False,
                "scenarios": [
                    {"name": "tiny", "kind": "shock", "start": START, "end": END},
                    {"name": "nothing", "start": dt.date(1995, 1, 3), "end": dt.date(1995, 2, 1)},
                ],
                **(extra_stress or {}),
            },
        }
    )


def _run(store_path: Path, **kw: object):
    store = Store(store_path, read_only=True)
    run = run_portfolio(_spec(kw or None), store, "2006-12-29", stress=False)
    return run, run_stress(run, store)


def _by_hand() -> dict[str, float]:
    """Window returns of the tiny store's instruments and proxies, written out by hand."""
    small = (1 + 1.52 / 100) * (1 - 1.68 / 100) * (1 + 0.42 / 100) - 1
    d = TLT_DURATION
    tlt = (1 + 5.1 / 252 / 100 - d * (5.0 - 5.1) / 100) * (
        1 + 5.0 / 252 / 100 - d * (5.2 - 5.0) / 100
    ) * (1 + 5.2 / 252 / 100 - d * (5.1 - 5.2) / 100) - 1
    big = PRICES["big"]
    return {
        "big": big["2001-02-15"] / big["2001-01-10"] - 1,
        "iwm_tr": small,
        "tlt_tr": tlt,
        "gld_tr": 262.0 / 265.0 - 1,
    }


def test_default_proxies_by_hand_and_partial_coverage(tiny_store: Path) -> None:
    run, res = _run(tiny_store)
    w = run.current_weights
    r = _by_hand()
    for inst, ret in r.items():
        assert res.instrument_returns.loc["tiny", inst] == pytest.approx(ret, rel=1e-12)
    assert math.isnan(res.instrument_returns.loc["tiny", "xlu"])  # utilities: no proxy, a gap
    cash = 1.0 - float(w.sum())
    covered = sum(w[i] for i in r) + cash
    row = res.table.loc["tiny"]
    assert row["covered"] == pytest.approx(1.0 - w["xlu"], abs=1e-12)
    assert row["covered"] == pytest.approx(covered, rel=1e-12)
    assert bool(row["partial"]) and row["gaps"] == "xlu"
    # the loss of the covered part only, not a portfolio loss with xlu counted as flat
    loss = -sum(w[i] * ret for i, ret in r.items()) / covered
    assert row["loss"] == pytest.approx(loss, rel=1e-12)
    assert res.by_sleeve.loc["tiny", "defensive"] == pytest.approx(
        -(w["tlt_tr"] * r["tlt_tr"] + w["gld_tr"] * r["gld_tr"]) / covered, rel=1e-12
    )
    assert math.isnan(res.by_sleeve.loc["tiny", "utilities"])
    for p in ("Fama-French market + SMB", "10-year yield at duration 17", "monthly gold price"):
        assert p in row["proxied"]

    facts = {f.id: f for f in res.facts()}
    assert (
        facts["stress.tiny.partial"].value is True and facts["stress.tiny.partial"].unit == "bool"
    )
    assert facts["stress.tiny.coverage_pct"].value == pytest.approx(covered * 100, rel=1e-12)
    assert facts["stress.tiny.loss_pct"].value == pytest.approx(loss * 100, rel=1e-12)
    m = facts["stress.tiny.loss_pct"].method
    assert "covered part only" in m and "xlu" in m
    assert "Mkt-RF + RF" in m and "duration 17" in m and "month averages" in m
    # no fake 0 for a sleeve with no coverage
    assert "stress.tiny.utilities.loss_pct" not in facts
    assert facts["stress.tiny.defensive.coverage_pct"].value == pytest.approx(100.0)
    assert {s.series for s in facts["stress.tiny.loss_pct"].lineage} >= {"ust10y", "gold_monthly"}
    text = res.summary()
    assert "partial" in text and "n/a" in text and "xlu" in text
    frame = res.to_frame()
    assert {"covered", "partial", "gaps", "loss.utilities", "coverage.utilities"} <= set(frame)


def test_no_data_at_all_is_a_note_not_zero(tiny_store: Path) -> None:
    _, res = _run(tiny_store)
    assert "nothing" not in res.table.index
    note = [s for s in res.skipped if s.startswith("nothing")]
    assert note and "no instrument has data or a proxy in 1995-01-03..1995-02-01" in note[0]
    assert not [f for f in res.facts() if f.id.startswith("stress.nothing.")]


def test_explicit_proxy_wins_and_defaults_can_be_off(tiny_store: Path) -> None:
    _, res = _run(tiny_store, proxies={"iwm_tr": "big"})
    r = _by_hand()
    assert res.instrument_returns.loc["tiny", "iwm_tr"] == pytest.approx(r["big"], rel=1e-12)
    assert "iwm_tr→big" in res.table.loc["tiny", "proxied"]
    _, off = _run(tiny_store, default_proxies=False)
    assert set(off.table.loc["tiny", "gaps"].split(", ")) == {"iwm_tr", "tlt_tr", "gld_tr", "xlu"}
    assert off.table.loc["tiny", "proxied"] == ""


def test_proxies_only_before_first_date(tiny_store: Path) -> None:
    """A window inside the instruments' own history uses their own prices, never a proxy."""
    store = Store(tiny_store, read_only=True)
    spec = _spec({"scenarios": [{"name": "late", "start": "2006-01-03", "end": "2006-03-01"}]})
    run = run_portfolio(spec, store, "2006-12-29", stress=False)
    res = run_stress(run, store)
    assert res.table.loc["late", "proxied"] == "" and not res.table.loc["late", "partial"]
    iwm = PRICES["iwm_tr"]
    assert res.instrument_returns.loc["late", "iwm_tr"] == pytest.approx(
        iwm["2006-03-01"] / iwm["2006-01-03"] - 1, rel=1e-12
    )


def test_labels_and_basis() -> None:
    want = {
        "tech_bust": "2000–02 tech bust",
        "gfc": "2007–09 financial crisis",
        "covid": "2020 Covid crash",
        "rate_shock_2022": "2022 rate shock",
        "tariff_2025": "2025 tariff drawdown",
        "ai_capex_disappointment": "AI capex disappointment",
        "fed_misstep": "Fed misstep",
        "volatility_return": "Return of volatility",
        "flight_to_safety": "Flight to safety",
    }
    assert {s.name: s.label for s in DEFAULT_SCENARIOS} == want
    for s in DEFAULT_SCENARIOS:  # each basis states its episode's dates
        assert s.start.isoformat() in s.basis and s.end.isoformat() in s.basis
    spec = _spec(
        {
            "scenarios": [
                {"name": "my_shock", "kind": "shock", "start": START, "end": END},
                {
                    "name": "mine",
                    "start": START,
                    "end": END,
                    "label": "My episode",
                    "basis": "sized on my own reading of early 2001",
                },
            ]
        }
    )
    sc = {s.name: s for s in spec.stress.all()}
    assert sc["my_shock"].label == "my shock"
    assert sc["my_shock"].basis == "sized on 2001-01-10..2001-02-15"
    assert sc["mine"].label == "My episode" and sc["mine"].basis.startswith("sized on my own")


def test_label_facts_use_the_label(tiny_store: Path) -> None:
    _, res = _run(tiny_store)
    facts = {f.id: f for f in res.facts()}
    assert facts["stress.tiny.label"].value == "tiny" and facts["stress.tiny.label"].unit == "label"
    assert facts["stress.tiny.basis"].value == "sized on 2001-01-10..2001-02-15"


def test_unknown_stress_key_names_it() -> None:
    with pytest.raises(SpecError, match=r"portfolio\.stress\.default_proxy.*unknown key"):
        parse_portfolio(
            {
                "sleeves": {"a": {"instruments": ["x"], "budget": 1.0}},
                "stress": {"default_proxy": 1},
            }
        )


def test_duration_proxy_tracks_tlt(shared_data: Path) -> None:
    """The constant-duration proxy on the 10-year yield against TLT's own total return."""
    y = pd.read_csv(shared_data / "us_treasury_2y_10y_daily.csv", parse_dates=["date"])
    etf = pd.read_csv(shared_data / "etf_daily_spy_iwm_tlt_gld.csv", parse_dates=["date"])
    tlt = etf[etf.ticker == "TLT"].set_index("date")["adj_close"].dropna()
    proxy = duration_proxy_level(y.set_index("date")["dgs10_pct"])
    j = pd.concat([proxy, tlt], axis=1, join="inner", keys=["proxy", "tlt"]).dropna()
    r = j.pct_change().dropna()
    assert len(r) > 5000
    assert r["proxy"].corr(r["tlt"]) > 0.8
    # calendar 2008 (TLT +35 %, a large rally) and 2022 (TLT −30 %): within 4 percentage points
    for year in ("2008", "2022"):
        a = (1 + r.loc[year]).prod() - 1
        assert a["proxy"] == pytest.approx(a["tlt"], abs=0.04), year
