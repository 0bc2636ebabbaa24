"""Importing all of ``../shared/data``: every series matches the file read independently by pandas."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from thesis.data.catalog import KNOWN_FILES, SeriesSpec
from thesis.data.providers.csv import import_path
from thesis.data.store import Store

SPECS = [(f.file, s) for f in KNOWN_FILES.values() for s in f.series if not s.fill_only]


def expected(shared: Path, file: str, spec: SeriesSpec) -> pd.Series:
    """The series as pandas reads the file on its own (value column, rows of its key, NaN dropped)."""
    fs = KNOWN_FILES[file]
    df = pd.read_csv(shared / file)
    if fs.key:
        df = df[df[fs.key] == spec.key]
    s = pd.Series(df[spec.value].to_numpy(dtype=float), index=pd.to_datetime(df[fs.date]))
    return s.dropna()


def test_sp500_reference_close(shared_store: Store) -> None:
    # README check value: FRED SP500 close on 2025-11-26
    assert shared_store.get("sp500").loc["2025-11-26"] == 6812.61
    # 2025-11-27 is Thanksgiving (NYSE closed): the latest close as of then is the 26th's
    assert shared_store.latest("sp500", "2025-11-27") == (pd.Timestamp("2025-11-26"), 6812.61)


@pytest.mark.parametrize(("file", "spec"), SPECS, ids=[f"{s.id}@{f}" for f, s in SPECS])
def test_series_matches_file(
    shared_store: Store, shared_data: Path, file: str, spec: SeriesSpec
) -> None:
    got = shared_store.get(spec.id)
    exp = expected(shared_data, file, spec)
    # a series fed by two files holds the union; this file's rows must all be there, unchanged
    common = got.reindex(exp.index)
    np.testing.assert_array_equal(common.to_numpy(), exp.to_numpy())
    if "+" not in (spec.origin or ""):
        assert len(got) == len(exp)
    info = shared_store.info(spec.id)
    assert info.provider == "csv" and file in info.origin and info.unit == spec.unit


def test_ohlcv_columns(shared_store: Store, shared_data: Path) -> None:
    df = pd.read_csv(shared_data / "etf_daily_spy_iwm_tlt_gld.csv")
    spy = df[df.ticker == "SPY"].set_index("date")
    got = shared_store.get("spy", fields=["open", "high", "low", "value", "volume", "adj_close"])
    row = got.loc["2020-03-16"]
    ref = spy.loc["2020-03-16"]
    assert (
        row["open"],
        row["high"],
        row["low"],
        row["value"],
        row["volume"],
        row["adj_close"],
    ) == (ref["open"], ref["high"], ref["low"], ref["close"], ref["volume"], ref["adj_close"])
    assert shared_store.info("spy_tr").total_return and not shared_store.info("spy").total_return


def test_two_sources_of_ust10y_add_no_vintage(shared_store: Store) -> None:
    con = duckdb.connect(str(shared_store.path), read_only=True)
    n_obs, n_cur = con.execute(
        "SELECT (SELECT count(*) FROM observations WHERE series_id='ust10y'), "
        "(SELECT count(*) FROM current WHERE series_id='ust10y')"
    ).fetchall()[0]
    con.close()
    assert n_obs == n_cur == 15983  # README: 15,983 rows in the daily Treasury file


def test_recent_etf_file_only_extends(shared_store: Store, shared_data: Path) -> None:
    # the primary file covers 2026-08-21, where the recent file says 765.62: the primary wins
    assert shared_store.get("spy").loc["2026-08-21"] == 765.72
    xlu = shared_store.get("xlu_close")
    assert xlu.index[0] == pd.Timestamp("2026-03-31") and xlu.iloc[-1] == 42.76


def test_events(shared_store: Store) -> None:
    meetings = shared_store.events("fomc_meeting")
    assert len(meetings) == 231
    unsched = meetings[meetings.subject == "unscheduled"]
    assert len(unsched) == 8
    assert unsched.set_index("date").loc["2020-03-15", "detail"] == "emergency Sunday cut"
    dec = shared_store.events("fomc_decision")
    assert len(dec) == 416
    row = dec.set_index("date").loc["1982-11-16"]
    assert row["value"] == 9.5 and json.loads(str(row["detail"])) == {
        "change_pct": -0.5,
        "action": "LOWER",
    }
    assert shared_store.info("fed_target").frequency == "event"
    assert shared_store.get("fed_target").loc["1982-11-16"] == 9.5


def test_securities(shared_store: Store) -> None:
    sec = shared_store.securities("sp500").set_index("symbol")
    assert len(sec) == 503
    mmm = sec.loc["MMM"]
    assert mmm["name"] == "3M" and mmm["sector"] == "Industrials"
    assert mmm["price"] == 178.96 and mmm["eps"] == 5.63
    assert str(pd.Timestamp(str(mmm["as_of"])).date()) == "2026-08-08"


def test_reimport_changes_nothing(market_store_copy: Store, shared_data: Path) -> None:
    n = len(market_store_copy.ingests())
    rep = import_path(market_store_copy, shared_data)
    assert rep.new_rows == 0 and rep.events_new == 0 and rep.securities == 0
    assert len(market_store_copy.ingests()) == n
