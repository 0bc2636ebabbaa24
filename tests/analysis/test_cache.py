"""The result cache in the store: a cached calibration equals a fresh one, keys change with every
input, and a cache that cannot be written (read-only store, a file locked by another process) is
skipped with a note, never an error. Real DuckDB files, a real second process for the lock."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from thesis.analysis.calibration import calibrate
from thesis.data.cache import ResultCache, data_hash
from thesis.data.store import Store


def _prices(n=700, seed=4):
    g = np.random.default_rng(seed)
    idx = pd.bdate_range("2000-01-03", periods=n, name="date")
    return pd.Series(1000 * np.exp(np.cumsum(g.normal(0, 0.01, n))), index=idx, name="synth")


KW = dict(subject="synth", methods=("gbm",), horizons=(21, 63), n_paths=300, base_rate=True,
          garch_refit_every=6)  # fmt: skip


@pytest.fixture
def store(tmp_path):
    """An empty thesis store: the file, then its schema (written by any write, here optimize)."""
    import duckdb

    path = tmp_path / "market.duckdb"
    duckdb.connect(str(path)).close()
    s = Store(path)
    s.optimize()
    yield s
    s.close()


def test_cached_result_equals_a_fresh_one(store):
    cache = ResultCache(store)
    rng_a, rng_b, rng_c = (np.random.default_rng(7) for _ in range(3))
    fresh = calibrate(_prices(), rng=rng_a, **KW)
    first = calibrate(_prices(), rng=rng_b, cache=cache, **KW)
    second = calibrate(_prices(), rng=rng_c, cache=cache, **KW)
    assert first.cache_status == "computed, cached"
    assert second.cache_status == "from the cache"
    for r in (first, second):
        pd.testing.assert_frame_equal(r.scores, fresh.scores, check_exact=True)
        assert [(f.id, f.value, f.unit, f.method, f.lineage) for f in r.facts()] == [
            (f.id, f.value, f.unit, f.method, f.lineage) for f in fresh.facts()
        ]
        pd.testing.assert_frame_equal(r.skill_frame(), fresh.skill_frame())
    # the Generators end in the same state whichever way the result came
    assert rng_a.integers(1 << 30) == rng_b.integers(1 << 30) == rng_c.integers(1 << 30)
    e = cache.entries()
    assert list(e["kind"]) == ["calibration"] and list(e["series"]) == ["synth"]


@pytest.mark.parametrize(
    "change",
    [
        {"rng": np.random.default_rng(8)},
        {"n_paths": 301},
        {"horizons": (21,)},
        {"prices": _prices().mul(1.0001)},
        {"prices": _prices(701)},
    ],
)
def test_any_changed_input_misses(store, change):
    cache = ResultCache(store)
    calibrate(_prices(), rng=np.random.default_rng(7), cache=cache, **KW)
    kw = {**KW, "rng": np.random.default_rng(7), **change}
    prices = kw.pop("prices", _prices())
    r = calibrate(prices, cache=cache, **kw)
    assert r.cache_status == "computed, cached"
    assert len(cache.entries()) == 2


def test_a_cache_that_cannot_write_is_skipped_with_a_note(store, tmp_path):
    path = tmp_path / "market.duckdb"
    fresh = calibrate(_prices(), rng=np.random.default_rng(7), **KW)
    # a cache told not to write
    r = calibrate(_prices(), rng=np.random.default_rng(7), cache=ResultCache(store, write=False),
                  **KW)  # fmt: skip
    assert r.cache_status == (
        "computed, not cached: the cache is read-only here, so the result was not cached"
    )
    pd.testing.assert_frame_equal(r.scores, fresh.scores)
    # another read-only connection of this process holds the file: no write, no error
    other = Store(path, read_only=True)
    other.series_ids()  # opens its connection
    try:
        r = calibrate(_prices(), rng=np.random.default_rng(7), cache=ResultCache(store), **KW)
        assert r.cache_status.startswith("computed, not cached: the store could not be opened")
        pd.testing.assert_frame_equal(r.scores, fresh.scores)
    finally:
        other.close()


def test_a_read_only_store_object_still_caches(store, tmp_path):
    """``thesis run`` reads through Store(read_only=True); the cache writes its own table."""
    store.close()
    ro = Store(tmp_path / "market.duckdb", read_only=True)
    try:
        ro.series_ids()
        a = calibrate(_prices(), rng=np.random.default_rng(7), cache=ResultCache(ro), **KW)
        b = calibrate(_prices(), rng=np.random.default_rng(7), cache=ResultCache(ro), **KW)
        assert (a.cache_status, b.cache_status) == ("computed, cached", "from the cache")
        assert ro.series_ids() == []  # the store reads on afterwards
    finally:
        ro.close()


def test_deferred_writes_wait_for_flush_and_read_back_meanwhile(store):
    """A run defers its writes (``defer=True``): nothing is in the table until ``flush``, a get
    meanwhile reads the pending row as the table would give it back, and one flush writes all."""
    cache = ResultCache(store, defer=True)
    frame = pd.DataFrame({"a": [1.0, 2.5]})
    assert cache.put("k1", "calibration", "x", frame, {"n": 1}) is None
    assert cache.put("k2", "range_calibration", "y", frame * 2, {"n": 2}) is None
    frame.loc[0, "a"] = 99.0  # the caller's frame changes afterwards: the cached row does not
    assert ResultCache(store).entries().empty  # not written yet
    got, meta = cache.get("k1")
    assert got["a"].tolist() == [1.0, 2.5] and meta == {"n": 1}
    assert cache.flush() == []
    assert cache.flush() == []  # nothing left
    e = ResultCache(store).entries()
    assert sorted(e["kind"]) == ["calibration", "range_calibration"]
    got, meta = ResultCache(store).get("k2")
    assert got["a"].tolist() == [2.0, 5.0] and meta == {"n": 2}


def test_a_deferred_write_that_fails_names_each_result(store, tmp_path):
    cache = ResultCache(store, defer=True)
    cache.put("k1", "calibration", "x", pd.DataFrame({"a": [1.0]}), {})
    cache.put("k2", "regimes", "x", pd.DataFrame({"a": [2.0]}), {})
    other = Store(tmp_path / "market.duckdb", read_only=True)
    other.series_ids()  # another read-only connection of this process holds the file
    try:
        notes = cache.flush()
    finally:
        other.close()
    assert [n.split(":")[0] for n in notes] == ["calibration", "regimes"]
    assert all("could not be opened for writing" in n for n in notes)
    assert cache.notes == notes and ResultCache(store).get("k1") is None


def test_a_read_keeps_the_stores_connection_and_what_it_read(store):
    """A get reads through the store's own connection: the store is not closed, so the series it
    has read stay read (a run reads each series once)."""
    cache = ResultCache(store)
    cache.put("k", "calibration", "x", pd.DataFrame({"a": [1.0]}), {})
    store.series_ids()
    con = store._con
    assert con is not None
    assert cache.get("k") is not None and cache.get("missing") is None
    assert store._con is con


def test_a_store_locked_by_another_process_skips_the_cache(tmp_path):
    path = tmp_path / "locked.duckdb"
    child = subprocess.Popen(
        [sys.executable, "-c",
         "import duckdb, sys; c = duckdb.connect(sys.argv[1]); c.execute('CREATE TABLE t(x INT)');"
         " print('ready', flush=True); sys.stdin.read()", str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert child.stdout.readline().strip() == "ready"
        cache = ResultCache(Store(path, lock_timeout=0.1))
        assert cache.get("anything") is None
        why = cache.put("k", "calibration", "x", pd.DataFrame({"a": [1.0]}), {})
        assert why is not None and "could not be opened for writing" in why
        assert cache.notes == [why]
    finally:
        child.stdin.close()
        child.wait(timeout=60)
    # once the other process is gone the cache works
    cache = ResultCache(Store(path))
    assert cache.put("k", "calibration", "x", pd.DataFrame({"a": [1.0]}), {"n": 1}) is None
    frame, meta = cache.get("k")
    assert frame["a"].tolist() == [1.0] and meta == {"n": 1}


def test_keys_and_hashes():
    a = ResultCache.key("calibration", series="x", horizons=(21, 63), n=np.int64(3))
    b = ResultCache.key("calibration", n=3, horizons=[21, 63], series="x")
    assert a == b and len(a) == 64
    assert a != ResultCache.key("range_calibration", series="x", horizons=(21, 63), n=3)
    # the kind is positional only, so a result may depend on a part named "kind"
    assert ResultCache.key("calibration", kind="yield") != ResultCache.key("calibration")
    s = _prices()
    assert data_hash(s) == data_hash(s.copy())
    assert data_hash(s) != data_hash(s.iloc[:-1])
    assert data_hash(s, None) != data_hash(s)


def test_missing_file_and_foreign_table(tmp_path):
    cache = ResultCache(Store(tmp_path / "none.duckdb"))
    assert cache.get("k") is None and cache.entries().empty
    import duckdb

    p = tmp_path / "other.duckdb"
    con = duckdb.connect(str(p))
    con.execute("CREATE TABLE result_cache (key VARCHAR, something INT)")
    con.close()
    cache = ResultCache(Store(p))
    assert cache.get("k") is None  # a table of another shape reads as a miss
    why = cache.put("k", "calibration", "x", pd.DataFrame({"a": [1.0]}), {})
    assert why is not None and "could not be written" in why


def test_range_calibration_from_the_cache_is_identical(store):
    from thesis.analysis.range_calibration import calibrate_ranges

    g = np.random.default_rng(7)
    n = 400
    idx = pd.date_range("1950-01-01", periods=n, freq="MS", name="date")
    eps = pd.Series(5 * np.exp(np.cumsum(g.normal(0.004, 0.02, n))), index=idx)
    lvl = eps * 15 * np.exp(np.cumsum(g.normal(0, 0.04, n)))
    cpi = pd.Series(50 * np.exp(np.cumsum(g.normal(0.003, 0.004, n))), index=idx)
    yld = pd.Series(4 + np.cumsum(g.normal(0, 0.2, n)), index=idx)
    kw = dict(subject="x", growth_years=5, min_errors=40)
    fresh = calibrate_ranges(lvl, eps, cpi, yld, **kw)
    assert fresh.methods == ("calibrated", "regime_band")
    cache = ResultCache(store)
    a = calibrate_ranges(lvl, eps, cpi, yld, cache=cache, **kw)
    b = calibrate_ranges(lvl, eps, cpi, yld, cache=cache, **kw)
    assert (a.cache_status, b.cache_status) == ("computed, cached", "from the cache")
    pd.testing.assert_frame_equal(b.scores, fresh.scores, check_exact=True)
    assert [(f.id, f.value) for f in b.facts()] == [(f.id, f.value) for f in fresh.facts()]
    assert b.summary() == fresh.summary()
