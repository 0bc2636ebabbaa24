"""Universes, price choice, fundamentals as filed, screens: on a small real store."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from thesis.data import SeriesBatch, Store
from thesis.data.providers.edgar import parse_company_facts
from thesis.screen import ids
from thesis.screen.errors import EmptyUniverseError, UnknownFeatureError, UnknownTickerError
from thesis.screen.fundamentals import fiscal_label, load_fundamentals
from thesis.screen.panel import load_panel
from thesis.screen.screen import run_screen, screen, screen_features, size_bucket
from thesis.screen.spec import ThemeSpec
from thesis.screen.universe import resolve_universe, sp500_universe, theme_universe

EDGAR = Path(__file__).resolve().parents[1] / "fixtures" / "payloads" / "edgar"
AS_OF = "2025-11-26"


def test_theme_universe_and_unknown_ticker(store: Store) -> None:
    view = store.view(AS_OF)
    th = ThemeSpec.model_validate(
        {"stocks": [{"ticker": "aaa", "why": "a leader", "size": "large"}, {"ticker": "ZZZ"}]}
    )
    u = theme_universe(th, view)
    assert u.tickers == ["AAA", "ZZZ"]  # ZZZ has reference data but no prices: it is known
    assert u.members.loc["AAA", "name"] == "AAA Inc" and u.members.loc["AAA", "cik"] == "1111"
    bad = ThemeSpec.model_validate({"stocks": [{"ticker": "AAB"}]})
    with pytest.raises(UnknownTickerError) as ei:
        theme_universe(bad, view)
    msg = str(ei.value)
    assert "'AAB'" in msg and "did you mean" in msg and "AAA" in msg and "edgar AAB" in msg
    with pytest.raises(EmptyUniverseError, match="names no stocks"):
        theme_universe(ThemeSpec(), view)


def test_sp500_is_point_in_time_with_a_survivorship_caveat(store: Store) -> None:
    u = sp500_universe(store.view("2024-01-02"))
    assert "DDD" not in u.tickers and "AAA" in u.tickers  # DDD joined on 2024-06-03
    assert any("Survivorship bias" in n and "2026-08-08" in n for n in u.notes)
    assert any("joined the index after 2024-01-02" in n for n in u.notes)
    assert "DDD" in sp500_universe(store.view(AS_OF)).tickers
    with pytest.raises(EmptyUniverseError, match="no S&P 500 constituent"):
        sp500_universe(store.view("1999-06-01"))


def test_resolve_universe_forms(store: Store) -> None:
    v = store.view(AS_OF)
    assert set(resolve_universe("store", v).tickers) == {"AAA", "BBB", "CCC", "DDD", "EEE"}
    assert resolve_universe("aaa, bbb", v).tickers == ["AAA", "BBB"]
    with pytest.raises(EmptyUniverseError, match="no theme was given"):
        resolve_universe("theme", v)


def test_price_choice_prefers_total_return_and_chains_lower_quality(store: Store) -> None:
    v = store.view(AS_OF)
    p = load_panel(v, ["AAA", "CCC", "NOPE"], index="idx")
    assert p.missing == ("NOPE",)
    a = p.choices["AAA"]
    assert a.series == "aaa_tr" and a.total_return and a.volume_series == "aaa"
    c = p.choices["CCC"]
    assert c.series == "ccc_tr" and c.extension == "ccc_iex"
    assert c.extension_from == pd.Timestamp("2024-03-11")
    # the extension's returns are chained onto the primary's last close (its levels are half)
    tr = store.get("ccc_tr")
    iex = store.get("ccc_iex")
    s = p.prices["CCC"].dropna()
    assert s.loc["2024-03-08"] == tr.loc["2024-03-08"]
    assert s.loc["2025-04-04"] == pytest.approx(
        tr.loc["2024-03-08"] * iex.loc["2025-04-04"] / iex.loc["2024-03-08"]
    )
    assert p.quotes["CCC"] == (pd.Timestamp("2025-04-04"), iex.iloc[-1], "ccc_iex")
    assert {"ccc_tr", "ccc_iex", "aaa_tr", "aaa", "idx"} <= {x.series for x in p.sources}


def test_view_date_bounds_the_panel(store: Store) -> None:
    p = load_panel(store.view("2023-06-30"), ["CCC"], index="idx")
    assert p.prices.index[-1] == pd.Timestamp("2023-06-30")
    assert p.choices["CCC"].extension is None  # the IEX file does not reach further yet


def test_size_buckets() -> None:
    got = size_bucket([250e9, 50e9, 5e9, 1e9, 100e6, np.nan, 0])
    assert list(got) == ["mega", "large", "mid", "small", "micro", None, None]


def test_screen_ranks_explains_and_keeps_no_price_rows(store: Store) -> None:
    res = screen(
        store.view(AS_OF),
        "not stale and corr_index > 0.3",
        universe="sp500",
        index="idx",
        basket=["AAA", "BBB"],
        rank_by="rel_mom_6m",
        top=2,
    )
    t = res.table
    assert t.loc["ZZZ", "status"] == "no price data" and not t.loc["ZZZ", "passed"]
    assert t.loc["ZZZ", "why"] == "no price data"
    assert t.loc["CCC", "status"] == "stale" and not t.loc["CCC", "passed"]
    passed = res.passed
    assert list(passed["rank"]) == list(range(1, len(passed) + 1))
    assert (passed["rel_mom_6m"].diff().dropna() <= 0).all()  # best first
    assert len(res.selected) == min(2, len(passed))
    for tk in passed.index:
        assert "corr_index" in passed.loc[tk, "why"] and "not stale" in passed.loc[tk, "why"]
    assert any("no price data" in n for n in res.notes)
    assert any("Survivorship" in n for n in res.notes)
    f = {x.id: x.value for x in res.facts()}
    assert f[ids.screen("universe_size")] == 5 and f[ids.screen("with_prices")] == 4
    assert f[ids.screen_rank(1)] == res.selected[0]


def test_screen_rejects_unknown_feature_before_reading(store: Store) -> None:
    with pytest.raises(UnknownFeatureError, match="corr_ai"):
        screen(store.view(AS_OF), "corr_ai > 0.5", universe="store", index="idx")
    fs = screen_features(
        store.view(AS_OF), resolve_universe("store", store.view(AS_OF)), index="idx"
    )
    with pytest.raises(UnknownFeatureError, match="cannot rank by 'name'"):
        run_screen(fs, "vol > 0", rank_by="name")


def test_size_from_snapshot_then_stated(store: Store) -> None:
    th = ThemeSpec.model_validate(
        {"stocks": [{"ticker": "AAA"}, {"ticker": "EEE", "size": "micro"}]}
    )
    fs = screen_features(store.view(AS_OF), theme_universe(th, store.view(AS_OF)), index="idx")
    f = fs.frame
    assert f.loc["AAA", "size"] == "mega"
    assert f.loc["AAA", "size_source"] == "constituents snapshot dated after as_of"
    assert f.loc["EEE", "size"] == "micro" and f.loc["EEE", "size_source"] == "stated by the thesis"


@pytest.fixture
def edgar_store(synthetic_store: Path, tmp_path: Path) -> Store:
    """The synthetic store plus PLPC's and MSFT's EDGAR facts, and PLPC prices."""
    path = tmp_path / "market.duckdb"
    shutil.copy(synthetic_store, path)
    batches = []
    for name, t in (("CIK0000080035.json", "PLPC"), ("CIK0000789019.json", "MSFT")):
        for s in parse_company_facts(json.loads((EDGAR / name).read_text()), t):
            batches.append(SeriesBatch(s.info, s.frame))
    days = store_days()
    batches.append(
        SeriesBatch(
            store_info("plpc_tr"),
            pd.DataFrame({"date": days, "value": np.linspace(90, 140, len(days))}),
        )
    )
    with Store(path) as st:
        st.ingest(batches)
    s = Store(path, read_only=True)
    yield s
    s.close()


def store_days() -> pd.DatetimeIndex:
    from thesis.data.calendars import sessions_between

    return sessions_between("2023-01-03", AS_OF, include_start=True)


def store_info(sid: str):
    from thesis.data import SeriesInfo

    return SeriesInfo(sid, "Preformed Line Products", "USD", "daily", "price", "test", "PLPC",
                      total_return=True)  # fmt: skip


def test_fiscal_labels() -> None:
    T = pd.Timestamp
    assert fiscal_label(T("2025-09-30"), T("2024-12-31")) == "fy2025q3"
    assert fiscal_label(T("2025-09-30"), T("2025-06-30")) == "fy2026q1"  # Microsoft
    assert fiscal_label(T("2025-10-26"), T("2025-01-26")) == "fy2026q3"  # NVIDIA
    assert fiscal_label(T("2024-11-02"), T("2025-02-01")) == "fy2025q3"
    assert fiscal_label(T("2025-09-27"), T("2024-09-28")) == "fy2025q4"
    assert fiscal_label(T("2025-09-30"), None) == "cy2025q3"


def test_fundamentals_as_filed(edgar_store: Store) -> None:
    f = load_fundamentals(edgar_store.view(AS_OF), ["PLPC", "MSFT", "AAA"])
    L = f.latest
    assert L.loc["PLPC", "revenue_q"] == 178_126_000
    assert L.loc["PLPC", "revenue_q_label"] == "fy2025q3"
    assert L.loc["PLPC", "revenue_yoy"] == pytest.approx((178_126 / 146_994 - 1) * 100)
    assert L.loc["PLPC", "revenue_ttm"] == pytest.approx(
        (156_917 + 148_523 + 169_582 + 178_126) * 1e3
    )
    assert L.loc["MSFT", "revenue_q_label"] == "fy2026q1"
    assert L.loc["MSFT", "capex_yoy"] == pytest.approx((19_394 / 14_923 - 1) * 100)
    assert np.isnan(L.loc["AAA", "revenue_q"]) and not f.has("AAA")
    # a day before PLPC filed its third quarter, the second quarter is the latest known
    before = load_fundamentals(edgar_store.view("2025-10-30"), ["PLPC"]).latest
    assert before.loc["PLPC", "revenue_q_label"] == "fy2025q2"


def test_market_cap_from_filed_shares(edgar_store: Store) -> None:
    th = ThemeSpec.model_validate({"stocks": [{"ticker": "PLPC", "size": "mid"}]})
    v = edgar_store.view(AS_OF)
    fs = screen_features(v, theme_universe(th, v), index="idx")
    r = fs.frame.loc["PLPC"]
    assert r["market_cap"] == pytest.approx(4_928_417 * 140.0)
    assert r["size"] == "small" and r["size_source"] == "filed shares × last close"
    res = run_screen(fs, "revenue_yoy > 20 and revenue_q > 1e8")
    assert res.selected == ["PLPC"] and "revenue_yoy 21.18 > 20" in res.table.loc["PLPC", "why"]
