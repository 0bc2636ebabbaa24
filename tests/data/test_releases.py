"""Release lags and the point-in-time view: a read as of a date sees only what was public then."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from thesis.data.records import EventBatch, SeriesBatch, SeriesInfo
from thesis.data.releases import PUBLICATION_LAG_DAYS, known_on, period_end
from thesis.data.store import Store
from thesis.errors import DataError, IngestError, SeriesNotFoundError


def months(s: pd.Series) -> list[int]:
    """The months of a series' dates."""
    return list(pd.DatetimeIndex(s.index).month)


def _monthly(start: str, n: int) -> pd.Series:
    s = pd.Series(range(n), index=pd.date_range(start, periods=n, freq="MS"), dtype=float)
    s.attrs["source"] = "lineage"
    return s


def _info(id: str, frequency: str = "monthly", lag: int = 0, kind: str = "macro") -> SeriesInfo:
    return SeriesInfo(id, id, "index", frequency, kind, "test", id, release_lag_days=lag)  # type: ignore[arg-type]


def test_monthly_values_wait_for_month_end_plus_the_release_lag() -> None:
    cpi = _monthly("2025-08-01", 3)  # August, September, October
    lag = PUBLICATION_LAG_DAYS["bls_cpi"]
    # October ends on the 31st; with the lag it is public on 15 November, not before
    assert months(known_on(cpi, "monthly", lag, pd.Timestamp("2025-11-14"))) == [8, 9]
    assert months(known_on(cpi, "monthly", lag, pd.Timestamp("2025-11-15"))) == [8, 9, 10]
    assert pd.Timestamp("2025-10-31") + pd.Timedelta(days=lag) == pd.Timestamp("2025-11-15")


def test_a_series_without_a_lag_needs_only_a_complete_month_and_daily_data_its_date() -> None:
    avg = _monthly("2025-10-01", 2)  # an average of October and of November
    got = known_on(avg, "monthly", 0, pd.Timestamp("2025-11-26"))
    assert months(got) == [10]  # November is not over on the 26th
    daily = pd.Series([1.0, 2.0], index=pd.to_datetime(["2025-11-25", "2025-11-26"]))
    assert len(known_on(daily, "daily", 0, pd.Timestamp("2025-11-26"))) == 2
    assert got.attrs["source"] == "lineage"


def test_period_ends() -> None:
    idx = pd.DatetimeIndex(["2025-01-01", "2025-04-01"])
    assert list(period_end(idx, "quarterly").strftime("%Y-%m-%d")) == ["2025-03-31", "2025-06-30"]
    assert list(period_end(idx, "annual").strftime("%Y-%m-%d")) == ["2025-12-31", "2025-12-31"]
    assert (period_end(idx, "daily") == idx).all()


@pytest.fixture
def store(tmp_path: Path) -> Store:
    st = Store(tmp_path / "m.duckdb")
    months = pd.date_range("2025-06-01", periods=5, freq="MS")  # June .. October
    quarters = pd.to_datetime(["2025-01-01", "2025-04-01", "2025-07-01"])
    st.ingest(
        [
            SeriesBatch(
                _info("cpi_x", lag=15),
                pd.DataFrame({"date": months, "value": [1.0, 2, 3, 4, 5]}),
            ),
            SeriesBatch(
                _info("avg_x", lag=0, kind="index"),
                pd.DataFrame({"date": months, "value": [1.0, 2, 3, 4, 5]}),
            ),
            SeriesBatch(
                _info("gdp_x", frequency="quarterly", lag=30),
                pd.DataFrame({"date": quarters, "value": [10.0, 11, 12]}),
            ),
            SeriesBatch(
                _info("px", frequency="daily", kind="price"),
                pd.DataFrame(
                    {"date": pd.bdate_range("2025-11-20", periods=6), "value": range(1, 7)}
                ),
            ),
            # revenue of a quarter, known on the filing date stated per row
            SeriesBatch(
                _info("rev_x", frequency="quarterly", lag=90, kind="fundamental"),
                pd.DataFrame(
                    {
                        "date": quarters,
                        "value": [100.0, 110, 120],
                        "released": pd.to_datetime(["2025-05-02", "2025-08-01", "2025-11-03"]),
                    }
                ),
            ),
            EventBatch(
                pd.DataFrame(
                    {
                        "date": pd.to_datetime(["2025-10-29", "2025-12-10", "2026-01-28"]),
                        "kind": ["fomc_meeting", "fomc_meeting", "fomc_meeting"],
                        "subject": ["fomc"] * 3,
                    }
                ),
                provider="test",
            ),
        ]
    )
    return st


def test_view_applies_each_series_catalog_lag(store: Store) -> None:
    assert store.info("cpi_x").release_lag_days == 15
    v = store.view("2025-11-14")
    assert months(v.get("cpi_x")) == [6, 7, 8, 9]  # October's figure is out on 15 Nov
    assert months(store.view("2025-11-15").get("cpi_x")) == [6, 7, 8, 9, 10]
    # an average of a month counts once the month is over, without a lag
    assert months(v.get("avg_x")) == [6, 7, 8, 9, 10]
    # Q3 ends 30 September, plus 30 days
    assert months(store.view("2025-10-29").get("gdp_x")) == [1, 4]
    assert months(store.view("2025-10-30").get("gdp_x")) == [1, 4, 7]
    # daily data are known on their date; nothing after as_of
    assert list(store.view("2025-11-24").get("px").values) == [1.0, 2.0, 3.0]


def test_a_rows_own_release_date_overrides_the_lag(store: Store) -> None:
    # Q3 revenue was filed on 3 November: the 90-day lag would hide it until 29 December
    assert list(store.view("2025-11-02").get("rev_x").values) == [100.0, 110.0]
    assert list(store.view("2025-11-03").get("rev_x").values) == [100.0, 110.0, 120.0]


def test_view_records_lineage_of_the_window_it_returned(store: Store) -> None:
    v = store.view("2025-11-14")
    s = v.get("cpi_x")
    src = v.sources["cpi_x"]
    assert src.end == "2025-09-01" and src.rows == 4 == len(s)
    assert s.attrs["source"] == src
    v.get("avg_x", record=False)
    assert "avg_x" not in v.sources


def test_view_errors_and_maybe(store: Store) -> None:
    v = store.view("2025-06-20")  # June's CPI is not out yet
    with pytest.raises(DataError, match="no figure public on 2025-06-20"):
        v.get("cpi_x")
    assert v.maybe("cpi_x") is None
    assert v.maybe("nope") is None and v.maybe("") is None
    with pytest.raises(SeriesNotFoundError, match="did you mean"):
        v.get("cpi_y")
    with pytest.raises(DataError):  # px starts on 2025-11-20
        store.view("2025-11-01").latest("px")
    assert store.view("2025-11-26").latest("px").value == 5.0


def test_view_events_and_the_announced_schedule(store: Store) -> None:
    v = store.view("2025-11-26")
    assert list(v.events("fomc_meeting")["date"].dt.strftime("%Y-%m-%d")) == ["2025-10-29"]
    ahead = v.schedule("fomc_meeting", end="2026-12-31")
    assert list(ahead["date"].dt.strftime("%Y-%m-%d")) == ["2025-12-10", "2026-01-28"]
    assert v.schedule("fomc_decision").empty  # outcomes are not known ahead


def test_release_dates_are_validated(tmp_path: Path) -> None:
    st = Store(tmp_path / "m.duckdb")
    bad = pd.DataFrame(
        {"date": ["2025-07-01"], "value": [1.0], "released": ["2025-06-01"], "line": [7]}
    )
    with pytest.raises(IngestError, match="before the observation's date") as e:
        st.ingest(SeriesBatch(_info("r"), bad, where="rev.csv"))
    assert "rev.csv:7" in str(e.value)
    junk = bad.assign(released=["soon"])
    with pytest.raises(IngestError, match="unparsable release date"):
        st.ingest(SeriesBatch(_info("r"), junk, where="rev.csv"))


def test_a_store_written_before_release_lags_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    st = Store(path)
    st.ingest(
        SeriesBatch(_info("cpi_x", lag=15), pd.DataFrame({"date": ["2025-09-01"], "value": [1.0]}))
    )
    st.close()
    # make it look like a schema-1 store: no lag column, no release dates
    con = duckdb.connect(str(path))
    for table, col in (
        ("series", "release_lag_days"),
        ("current", "released"),
        ("observations", "released"),
    ):
        con.execute(f"ALTER TABLE {table} DROP COLUMN {col}")
    con.close()
    ro = Store(path, read_only=True)
    assert ro.info("cpi_x").release_lag_days == 0  # read as "no lag" until migrated
    assert len(ro.view("2025-10-01").get("cpi_x")) == 1
    ro.close()
    rw = Store(path)
    rw.ingest(
        SeriesBatch(_info("cpi_x", lag=15), pd.DataFrame({"date": ["2025-10-01"], "value": [2.0]}))
    )
    assert rw.info("cpi_x").release_lag_days == 15
    assert len(rw.view("2025-11-14").get("cpi_x")) == 1
    assert len(rw.view("2025-11-15").get("cpi_x")) == 2


def test_every_read_cut_from_memory_is_the_sql_read(store: Store) -> None:
    """Store.get cuts a series read once per connection; the SQL of a point-in-time read
    (``Database._select``) is the reference, on every series here (lags, quarterly periods, rows'
    own release dates, in order and restated out of order) and a grid of bounds and days."""
    quarters = pd.to_datetime(["2024-10-01", "2025-01-01", "2025-04-01", "2025-07-01"])
    restated = SeriesBatch(
        _info("rev_y", frequency="quarterly", lag=90, kind="fundamental"),
        pd.DataFrame(
            {
                "date": quarters,
                "value": [90.0, 100, 110, 120],
                # the first quarter was filed late, after the second
                "released": pd.to_datetime(
                    ["2025-06-20", "2025-05-02", "2025-08-01", "2025-11-03"]
                ),
            }
        ),
    )
    store.ingest(restated)
    days = [None, *pd.to_datetime(["2025-01-15", "2025-05-02", "2025-06-30", "2025-11-03",
                                  "2025-11-24", "2026-01-01"]).date]  # fmt: skip
    con = store._reader()
    compared = 0
    for series in ("cpi_x", "avg_x", "gdp_x", "px", "rev_x", "rev_y"):
        for start in (None, days[2]):
            for upper in days:
                for known in days:
                    if start and upper and upper < start:
                        continue
                    sql, params = store._select(series, ["value"], start, upper, known, None)
                    want = con.execute(sql, params).fetchall()
                    got = store.get(series, start=start, end=upper, known_on=known)
                    assert [(d.date(), v) for d, v in got.items()] == want, (
                        series, start, upper, known,
                    )  # fmt: skip
                    compared += 1
    assert compared > 250
