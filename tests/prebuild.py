"""What a test run builds once: the stores and the numba kernels (used by tests/conftest.py).

The builders are here, not in conftest.py, because the controller of an xdist run also runs them in
background processes (``python tests/prebuild.py KIND PATH ...``) while the workers collect the tests,
so that the workers find the files built and the kernels compiled when their first test starts.

``market PATH SHARED_DATA [EVENTS_PATH]``  all of ``../shared/data`` imported into ``PATH`` (and then
                                          a copy with the test calendars into ``EVENTS_PATH``)
``bundle PATH``                           the offline bundle that ``make demo`` uses
``numba``                                 every serial numba kernel the code under test calls,
                                          compiled into numba's on-disk cache (``cache=True``),
                                          then their parallel variants the same way
``numba-parallel``                        the parallel variants alone

Each stage prints ``built STAGE`` (``market``, ``events``, ``bundle``, ``numba``,
``numba-parallel``) on a line of its own when it is done, so that the controller lets the tests
waiting for that stage go while the process goes on with the next: one process for the numba
kernels instead of two saves a second import of everything they need.

Every store is written atomically: a half-built file never has the name the tests look for. This
module is not a test module (pytest does not collect it).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: the calendars the web and delivery tests import (the BLS/BEA release dates and an earnings file)
CALENDARS = (
    ROOT / "tests" / "publish" / "fixtures" / "bls_bea_2026.ics",
    ROOT / "tests" / "publish" / "fixtures" / "earnings.csv",
)


def _atomically(path: Path, fill) -> None:
    """``fill(partial_path)`` then rename to ``path``; the store must be closed (no WAL) by then."""
    partial = path.with_name(path.name + ".partial")
    for stale in (partial, partial.with_name(partial.name + ".wal")):
        stale.unlink(missing_ok=True)
    fill(partial)
    # close() checkpointed: the WAL is empty and gone, the file is complete on its own
    assert not partial.with_name(partial.name + ".wal").exists()
    partial.replace(path)


def build_market_store(shared_data: Path, path: Path) -> None:
    """Import all of ``shared_data`` into ``path``."""
    from thesis.data.providers.csv import import_path
    from thesis.data.store import Store

    def fill(partial: Path) -> None:
        with Store(partial) as writer:
            import_path(writer, shared_data)

    _atomically(path, fill)


def build_events_store(market: Path, path: Path) -> None:
    """A copy of the market store ``market`` with :data:`CALENDARS` imported, into ``path``."""
    from thesis.data.providers.ics import import_events
    from thesis.data.store import Store

    def fill(partial: Path) -> None:
        shutil.copyfile(market, partial)
        with Store(partial) as st:
            import_events(st, list(CALENDARS))

    _atomically(path, fill)


def build_bundled_store(path: Path) -> None:
    """The offline bundle (``thesis data bundle``) into ``path``."""
    from thesis.data.providers.bundled import build_bundle
    from thesis.data.store import Store

    def fill(partial: Path) -> None:
        with Store(partial) as writer:
            build_bundle(writer)

    _atomically(path, fill)


def warm_numba(parallel: bool = False) -> None:
    """Call every numba kernel once, on tiny inputs, with the real callers' argument types.

    ``parallel=False``: the serial kernels (and the backtest's), which nearly every run uses;
    ``parallel=True``: the parallel (``prange``) variants, which only large runs and the tests that
    compare the two variants use. Compiling the parallel ones takes about as long again (6 s of CPU
    on a fresh clone), so a test run compiles them after the serial ones, while tests run.

    Each signature lands in numba's on-disk cache, so every later process (the xdist workers, the
    web app's run process, Dask workers, subprocess tests) loads it in a fraction of a second
    instead of compiling it again: on a fresh clone compiling them takes 10 s or more of CPU in
    each process that needs them. With a warm cache this only loads what is there.
    """
    import numpy as np
    import pandas as pd

    from thesis.analysis import _kernels as K
    from thesis.analysis.paths import target_probabilities
    from thesis.portfolio.engine import run_backtest

    rng = np.random.default_rng(0)
    days = pd.bdate_range(end="2024-06-28", periods=700, name="date")
    closes = pd.Series(4000 * np.exp(np.cumsum(rng.normal(3e-4, 0.011, len(days)))), index=days)
    yields = pd.Series(4 + np.cumsum(rng.normal(0, 0.05, len(days))), index=days)
    floor = K.PARALLEL_MIN_WORK
    try:
        # the serial variants; or, with the work threshold at zero, the parallel ones (on a
        # one-thread machine parallel_for still picks the serial ones, and nothing there ever
        # needs the parallel ones)
        for K.PARALLEL_MIN_WORK in (0,) if parallel else (floor,):
            for series, space, methods in (
                (closes, "log", ("gbm", "bootstrap", "garch")),
                (yields, "diff", ("normal", "bootstrap", "garch")),
            ):
                target_probabilities(
                    series, subject="warm", as_of=days[-1], horizon="2024-09-30",
                    thresholds=[float(series.iloc[-1]) * 1.01], methods=methods, n_paths=64,
                    rng=np.random.default_rng(1), fan_paths=16, space=space,
                )  # fmt: skip
    finally:
        K.PARALLEL_MIN_WORK = floor
    if parallel:
        return
    prices = pd.DataFrame({"a": closes.to_numpy(), "b": closes.to_numpy()[::-1]}, index=days)
    targets = pd.DataFrame({"a": [0.6], "b": [0.4]}, index=days[:1])
    run_backtest(prices, targets, costs_bp=5.0, drift_band=0.05)


def _built(stage: str) -> None:
    print(f"built {stage}", flush=True)


def main(argv: list[str]) -> None:
    kind, *args = argv
    if kind == "market":
        build_market_store(Path(args[1]), Path(args[0]))
        _built("market")
        if len(args) > 2:
            build_events_store(Path(args[0]), Path(args[2]))
            _built("events")
    elif kind == "bundle":
        build_bundled_store(Path(args[0]))
        _built("bundle")
    elif kind == "numba":
        warm_numba()
        _built("numba")
        warm_numba(parallel=True)
        _built("numba-parallel")
    elif kind == "numba-parallel":
        warm_numba(parallel=True)
        _built("numba-parallel")
    else:
        raise SystemExit(
            f"prebuild: unknown kind {kind!r} (market, bundle, numba or numba-parallel)"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
