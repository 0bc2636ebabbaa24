"""A call computed ahead in a helper process returns what the call returns in process; a helper
that cannot run leaves the caller to compute (None), and a closed one leaves no process."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from thesis.analysis._threads import one_blas_thread
from thesis.analysis.ahead import Ahead
from thesis.analysis.calibration import CacheProbe, calibrate, keep_in_cache
from thesis.data.cache import ResultCache


def _prices(n: int = 700, seed: int = 3) -> pd.Series:
    g = np.random.default_rng(seed)
    idx = pd.bdate_range("2001-01-02", periods=n, name="date")
    return pd.Series(900 * np.exp(np.r_[0.0, np.cumsum(g.normal(0, 0.012, n - 1))]), index=idx)


def _kwargs() -> dict:
    return {
        "prices": _prices(),
        "subject": "synth",
        "methods": ("gbm", "bootstrap", "garch"),
        "horizons": (5, 21),
        "step": "monthly",
        "n_paths": 300,
        "min_base_windows": 20,
        "base_rate": True,
        "garch_refit_every": 8,
    }


def test_calibration_ahead_equals_the_calibration_here() -> None:
    seed = np.random.SeedSequence(20251126)
    job = Ahead(calibrate, kwargs={**_kwargs(), "rng": np.random.default_rng(seed)})
    with one_blas_thread():  # as in a run: the GARCH fit's last digits depend on BLAS threads
        here = calibrate(**_kwargs(), rng=np.random.default_rng(seed))
    there = job.result()
    assert there is not None
    pd.testing.assert_frame_equal(there.scores, here.scores, check_exact=True)
    assert [f.to_dict() for f in there.facts()] == [f.to_dict() for f in here.facts()]


def test_a_failing_or_unpicklable_call_returns_none() -> None:
    bad = Ahead(calibrate, kwargs={**_kwargs(), "methods": ("nope",), "rng": None})
    assert bad.result() is None
    local = Ahead(lambda: 1)  # not importable by the helper: never started
    assert local.result() is None


def test_close_stops_the_helper() -> None:
    job = Ahead(calibrate, kwargs={**_kwargs(), "n_paths": 100_000, "rng": None})
    proc = job._proc
    assert proc is not None
    job.close()
    assert proc.poll() is not None
    assert job.result() is None


def test_cache_probe_finds_the_key_and_keep_in_cache_writes_it(tmp_path) -> None:
    from thesis.data.store import Store

    cache = ResultCache(Store(tmp_path / "market.duckdb"))
    kw = {**_kwargs(), "n_paths": 100}
    with pytest.raises(CacheProbe.Miss) as miss:
        calibrate(**kw, rng=np.random.default_rng(1), cache=CacheProbe(cache))
    fresh = calibrate(**kw, rng=np.random.default_rng(1))
    kept = keep_in_cache(fresh, cache, miss.value.key)
    assert kept.cache_status == "computed, cached"
    again = calibrate(**kw, rng=np.random.default_rng(1), cache=CacheProbe(cache))
    pd.testing.assert_frame_equal(again.scores, fresh.scores, check_exact=True)
    # the key is the one calibrate itself uses
    direct = calibrate(**kw, rng=np.random.default_rng(1), cache=cache)
    assert direct.cache_status == "from the cache"


def test_numba_threads_limits_the_block_and_restores(monkeypatch: pytest.MonkeyPatch) -> None:
    import numba

    from thesis.analysis._threads import numba_threads

    before = numba.get_num_threads()
    with numba_threads(1):
        assert numba.get_num_threads() == 1
    assert numba.get_num_threads() == before


def test_spare_core_reads_the_load(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from thesis.analysis import ahead

    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(os, "getloadavg", lambda: (0.4, 0.0, 0.0))
    assert ahead.spare_core()
    monkeypatch.setattr(os, "getloadavg", lambda: (3.9, 0.0, 0.0))
    assert not ahead.spare_core()
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    monkeypatch.setattr(os, "getloadavg", lambda: (0.0, 0.0, 0.0))
    assert not ahead.spare_core()
