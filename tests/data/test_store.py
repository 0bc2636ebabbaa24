"""The store (thesis.data.store): reads, vintages, idempotence, one transaction per call,
plausible values per kind, several stores in one process, clustering.

Damaged, foreign, locked, read-only and full store files, and killed imports, are in
``test_faults.py``.
"""

from __future__ import annotations

import time
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from thesis.data.records import DocumentBatch, SecurityBatch, SeriesBatch, SeriesInfo
from thesis.data.store import Store
from thesis.errors import DataError, IngestError, SeriesNotFoundError, StoreError


def info(sid: str = "sp500") -> SeriesInfo:
    return SeriesInfo(sid, "S&P 500", "points", "daily", "index", "test", sid.upper())


def batch(
    sid: str = "sp500", values: tuple[float, ...] = (4742.83, 4704.81, 4688.68)
) -> SeriesBatch:
    dates = pd.bdate_range("2024-01-02", periods=len(values))
    return SeriesBatch(info(sid), pd.DataFrame({"date": dates, "value": list(values)}))


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "market.duckdb", lock_timeout=5)
    s.ingest(batch())
    return s


def counts(store: Store) -> tuple[int, int, int]:
    con = store._reader()
    row = con.execute(
        "SELECT (SELECT count(*) FROM observations), (SELECT count(*) FROM current), "
        "(SELECT count(*) FROM ingests)"
    ).fetchall()[0]
    return tuple(int(x) for x in row)  # type: ignore[return-value]


def test_get_window_and_as_of(store: Store) -> None:
    s = store.get("sp500", start="2024-01-03", as_of="2024-01-03")
    assert s.index.tolist() == [pd.Timestamp("2024-01-03")] and s.tolist() == [4704.81]
    assert s.attrs["source"].series == "sp500" and s.attrs["source"].rows == 1


def test_reingest_is_idempotent(store: Store) -> None:
    before = counts(store)
    rep = store.ingest(batch())
    assert rep.new_rows == 0
    assert counts(store) == before  # no new rows, no new vintage, no ingest record


def test_changed_value_creates_vintage(store: Store) -> None:
    first = store.ingests()["ingested_at"].iloc[-1]
    time.sleep(0.01)
    rep = store.ingest(batch(values=(4742.83, 4705.00, 4688.68)))
    assert rep.new_rows == 1
    assert store.get("sp500").loc["2024-01-03"] == 4705.00
    assert store.get("sp500", vintage=first).loc["2024-01-03"] == 4704.81
    obs, cur, _ = counts(store)
    assert (obs, cur) == (4, 3)


def test_unknown_series_suggests_nearest(store: Store) -> None:
    with pytest.raises(SeriesNotFoundError) as e:
        store.get("sp50")
    msg = str(e.value)
    assert (
        "unknown series 'sp50'" in msg and "did you mean sp500" in msg and "thesis data list" in msg
    )


def test_as_of_before_start(store: Store) -> None:
    with pytest.raises(DataError) as e:
        store.get("sp500", as_of="2020-01-01")
    msg = str(e.value)
    assert "before series 'sp500' starts (2024-01-02)" in msg and "Fix:" in msg
    with pytest.raises(DataError, match="starts 2024-01-02"):
        store.latest("sp500", as_of="2020-01-01")


def test_bad_row_rejects_whole_batch(store: Store) -> None:
    before = counts(store)
    bad = SeriesBatch(
        info("other"),
        pd.DataFrame({"date": ["2024-01-02", "2024-01-03"], "value": ["1", "x"]}),
        where="input.csv",
    )
    with pytest.raises(DataError, match=r"input\.csv \(row 2\)"):
        store.ingest([batch("third"), bad])
    assert counts(store) == before and not store.has("third")


def test_ingest_error_is_not_masked_by_rollback(store: Store) -> None:
    good = batch()
    frame = good.frame.astype({"value": object})
    frame.loc[1, "value"] = "x"
    with pytest.raises(IngestError, match="numeric"):
        store.ingest(SeriesBatch(good.info, frame))
    assert store.get("sp500").tolist() == [4742.83, 4704.81, 4688.68]


def test_text_dates_must_be_iso(store: Store) -> None:
    # "01/02/2024" is 1 February or 2 January: the store does not guess
    bad = SeriesBatch(
        info("other"),
        pd.DataFrame({"date": ["2024-01-02", "01/02/2024"], "value": [1.0, 2.0]}),
        where="feed.csv",
    )
    with pytest.raises(IngestError, match=r"feed\.csv \(row 2\): unparsable date '01/02/2024'"):
        store.ingest(bad)
    assert not store.has("other")


# ------------------------------------------------------------------------------------ one transaction
def test_ingest_many_gives_each_part_its_ingest_id(store: Store) -> None:
    before = int(store.ingests()["id"].max())
    reps = store.ingest_many(
        [([batch("aaa")], "a.csv"), ([batch("sp500")], "same.csv"), ([batch("bbb")], "b.csv")]
    )
    assert [r.changed for r in reps] == [3, 0, 3]
    got = store.ingests()[["id", "origin"]].tail(2).values.tolist()
    assert got == [[before + 1, "a.csv"], [before + 2, "b.csv"]]  # nothing recorded for "same"


def test_a_failure_inside_the_transaction_undoes_every_part(store: Store) -> None:
    before = counts(store)
    cat = store.catalog()
    # a document without text passes validation and fails while it is written, after the series
    # of the first part went in: the whole call must vanish
    broken = DocumentBatch(pd.DataFrame({"id": ["d1"], "date": ["2024-01-02"]}), provider="t")
    with pytest.raises(KeyError):
        store.ingest_many([([batch("aaa")], "a.csv"), ([broken], "docs")])
    assert counts(store) == before and not store.has("aaa")
    pd.testing.assert_frame_equal(store.catalog(), cat)


def test_fill_only_adds_missing_dates_and_keeps_the_catalog_entry(store: Store) -> None:
    other = SeriesInfo("sp500", "another feed", "points", "daily", "index", "feed", "X")
    extension = SeriesBatch(
        other,
        pd.DataFrame(
            {
                "date": pd.bdate_range("2024-01-03", periods=3),  # 3rd, 4th overlap; 5th is new
                "value": [1.0, 2.0, 4703.0],
            }
        ),
        fill_only=True,
    )
    rep = store.ingest(extension)
    assert rep.new_rows == 1
    assert store.get("sp500").tolist() == [4742.83, 4704.81, 4688.68, 4703.0]
    assert store.info("sp500").name == "S&P 500"  # the primary's entry stays


# ------------------------------------------------------------------------------------ plausible values
def price(values: list[float], sid: str = "acme", kind: str = "price") -> SeriesBatch:
    info_ = SeriesInfo(sid, sid, "USD", "daily", kind, "test", sid)
    dates = pd.bdate_range("2024-01-02", periods=len(values))
    frame = pd.DataFrame({"date": dates, "value": values, "line": range(2, len(values) + 2)})
    return SeriesBatch(info_, frame, where=f"{sid}.csv")


@pytest.mark.parametrize(
    ("values", "kind", "where", "words"),
    [
        ([10.0, -3.5, 11.0], "price", "acme.csv:3", "zero or negative value -3.5"),
        ([10.0, 11.0, 0.0], "index", "acme.csv:4", "zero or negative value 0"),
        ([4.2, 5000.0], "yield", "acme.csv:3", "implausibly large value 5000"),
        ([4500.0, 1e12], "index", "acme.csv:3", "implausibly large value 1e+12"),
    ],
)
def test_implausible_values_are_refused_with_the_line(
    store: Store, values: list[float], kind: str, where: str, words: str
) -> None:
    before = counts(store)
    with pytest.raises(IngestError) as e:
        store.ingest(price(values, kind=kind))
    msg = str(e.value)
    assert msg.startswith(where) and words in msg and "--allow" in msg and "Fix:" in msg
    assert counts(store) == before


def test_negative_values_pass_for_kinds_that_have_them(store: Store) -> None:
    store.ingest(price([-0.5, 0.0, 1.2], sid="spread", kind="yield"))
    assert store.get("spread").tolist() == [-0.5, 0.0, 1.2]
    assert store.info("spread").note == ""


def test_allowed_values_are_stored_with_a_note(store: Store) -> None:
    rep = store.ingest(price([10.0, -3.5, -4.0]), allow=["nonpositive"])
    assert store.get("acme").tolist() == [10.0, -3.5, -4.0]
    (note,) = rep.notes
    assert "2 zero or negative values" in note and "acme.csv:3" in note
    assert store.info("acme").note == note
    assert store.ingests()["note"].iloc[-1] == note
    # still there after another ingest that does not touch those rows ...
    store.ingest(price([10.0]))
    assert store.info("acme").note == note
    # ... and gone once corrected values replace them
    store.ingest(price([10.0, 3.5, 4.0]))
    assert store.info("acme").note == ""


def test_past_the_hard_limit_nothing_is_stored_even_when_allowed(store: Store) -> None:
    with pytest.raises(IngestError, match=r"acme\.csv:3: value 1e\+308 .* beyond 1e\+30"):
        store.ingest(price([4500.0, 1e308]), allow=["magnitude", "nonpositive"])
    assert not store.has("acme")


def test_negative_volume_is_refused(store: Store) -> None:
    b = price([10.0, 11.0])
    frame = b.frame.assign(volume=[100.0, -5.0])
    with pytest.raises(IngestError, match=r"acme\.csv:3: negative value -5 in column 'volume'"):
        store.ingest(SeriesBatch(b.info, frame, where=b.where))


def test_unknown_allow_suggests(store: Store) -> None:
    with pytest.raises(IngestError, match="did you mean nonpositive"):
        store.ingest(price([1.0]), allow=["nonpositiv"])


def test_older_store_gains_the_note_columns(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    with Store(path) as s:
        s.ingest(batch())
    con = duckdb.connect(str(path))
    con.execute("ALTER TABLE series DROP COLUMN note")
    con.execute("ALTER TABLE ingests DROP COLUMN note")
    con.close()
    ro = Store(path, read_only=True)
    assert ro.info("sp500").note == ""  # read as "no note" until migrated
    ro.close()
    rw = Store(path)
    rw.ingest(price([1.0, -1.0]), allow="nonpositive")
    assert "accepted with allow=nonpositive" in rw.info("acme").note


# ------------------------------------------------------------------------------------ one process
def test_reader_and_writer_in_one_process(tmp_path: Path) -> None:
    path = tmp_path / "market.duckdb"
    Store(path).ingest(batch("aaa"))
    reader = Store(path, read_only=True)
    assert reader.get("aaa").tolist() == [4742.83, 4704.81, 4688.68]
    # DuckDB refuses a read-write connection while this process holds a read-only one; the writer
    # asks this process's readers to let go instead of calling the file corrupt
    Store(path).ingest(batch("bbb"))
    assert reader.has("bbb")  # the reader reopened and saw the new series (no stale catalog)
    assert reader.get("bbb").tolist() == [4742.83, 4704.81, 4688.68]


def test_a_repeated_read_is_a_copy_and_a_write_is_seen(tmp_path: Path) -> None:
    """Store.get and Store.events keep their answers per connection: each caller gets its own copy,
    the arguments are the key (bounds, as_of, known_on, fields), and a write (by this Store or
    another one in the process) drops what was kept."""
    path = tmp_path / "market.duckdb"
    Store(path).ingest(batch("aaa"))
    reader = Store(path, read_only=True)
    first = reader.get("aaa")
    first.iloc[0] = -1.0
    first.attrs["source"] = None
    again = reader.get("aaa")
    assert again.tolist() == [4742.83, 4704.81, 4688.68] and again.attrs["source"].rows == 3
    assert reader.get("aaa", as_of="2024-01-03").tolist() == [4742.83, 4704.81]
    assert reader.get("aaa", start="2024-01-03").tolist() == [4704.81, 4688.68]
    frame = reader.get("aaa", fields=["value"])
    assert isinstance(frame, pd.DataFrame) and frame["value"].tolist() == again.tolist()
    assert reader.events().empty
    Store(path).ingest(batch("aaa", values=(4742.83, 4705.00, 4688.68, 4700.0)))
    assert reader.get("aaa").tolist() == [4742.83, 4705.00, 4688.68, 4700.0]


def test_a_missing_field_reads_as_nan_not_zero(tmp_path: Path) -> None:
    """A day without a high (NULL in the store) is NaN in every read, not the 0.0 that DuckDB's
    masked arrays hold in its slot: a high of zero would be a price that never was."""
    st = Store(tmp_path / "market.duckdb")
    days = pd.bdate_range("2024-01-02", periods=3)
    frame = pd.DataFrame({"date": days, "value": [10.0, 11.0, 12.0], "high": [10.5, None, 12.5]})
    st.ingest(SeriesBatch(info("px"), frame))
    for read in (
        st.get("px", fields=["value", "high"]),
        st.get("px", fields=["value", "high"], known_on="2024-01-04"),
        st.get("px", fields=["value", "high"], vintage=pd.Timestamp.now()),
    ):
        assert read["value"].tolist() == [10.0, 11.0, 12.0]
        high = read["high"].tolist()
        assert high[0] == 10.5 and high[2] == 12.5 and pd.isna(high[1]), high


def test_close_forgets_the_catalog(tmp_path: Path) -> None:
    path = tmp_path / "market.duckdb"
    Store(path).ingest(batch("aaa"))
    a = Store(path, read_only=True)
    assert a.series_ids() == ["aaa"]
    a.close()
    Store(path).ingest(batch("bbb"))
    assert a.series_ids() == ["aaa", "bbb"]


def test_securities_snapshot_that_drops_a_symbol(tmp_path: Path) -> None:
    s = Store(tmp_path / "market.duckdb")
    two = pd.DataFrame({"symbol": ["AAA", "BBB"], "name": ["A", "B"]})
    s.ingest(SecurityBatch(two, provider="test", universe="u"))
    rep = s.ingest(SecurityBatch(two.iloc[:1], provider="test", universe="u"))
    assert rep.securities >= 1
    assert s.securities("u")["symbol"].tolist() == ["AAA"]


def test_optimize_keeps_every_read(tmp_path: Path) -> None:
    def ramp(sid: str, n: int, start: str) -> SeriesBatch:
        dates = pd.bdate_range(start, periods=n)
        # hand-made values: 100, 101, 102, ...
        return SeriesBatch(
            info(sid), pd.DataFrame({"date": dates, "value": 100.0 + pd.RangeIndex(n)})
        )

    s = Store(tmp_path / "market.duckdb")
    s.ingest([ramp("bbb", 50, "2024-01-02"), ramp("aaa", 30, "2023-06-01")])
    s.ingest(ramp("aaa", 40, "2023-06-01"))  # ten more rows appended later
    before = {k: s.get(k) for k in ("aaa", "bbb")}
    s.optimize()
    for k, v in before.items():
        pd.testing.assert_series_equal(s.get(k), v)
    assert s.get("aaa").iloc[-1] == 139.0 and len(s.get("aaa")) == 40


def test_a_store_opened_read_only_refuses_writes(store: Store) -> None:
    ro = Store(store.path, read_only=True)
    with pytest.raises(StoreError, match="opened read-only"):
        ro.ingest(batch("x"))
