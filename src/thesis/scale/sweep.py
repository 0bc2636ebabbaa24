"""Calibration of every method over many series, as tasks on the same executor as batches.

``calibrate_sweep(store, ["sp500", "ust10y", ...], methods)`` runs one walk-forward calibration per
(series, method) on a snapshot of the store, in this process or on a Dask cluster, and returns one
frame of scores. Each task's random stream is keyed by the seed, the series and the method, so the
scores do not depend on how the tasks were spread.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from thesis._types import DateLike
from thesis.analysis.kinds import LOG_KINDS
from thesis.errors import ThesisError

if TYPE_CHECKING:
    from thesis.data.store import Store

__all__ = [
    "CalibrationTask",
    "SweepReport",
    "calibrate_sweep",
    "calibration_task",
    "sweepable_series",
]

#: series kinds the walk-forward calibration scores (log levels: indices, prices, ratios); yields and
#: rates are modelled in changes, which ``calibrate`` does not score yet, and GBM never runs on them
_KINDS = tuple(sorted(LOG_KINDS))


@dataclass(frozen=True)
class CalibrationTask:
    series: str
    method: str
    as_of: str | None
    start: str | None
    n_paths: int
    seed: int


@dataclass
class SweepReport:
    """Scores per (series, method, horizon) and the tasks that failed."""

    scores: pd.DataFrame
    failed: dict[str, str] = field(default_factory=dict)
    wall_s: float = 0.0
    where: str = "in-process"


def sweepable_series(store: Store, min_sessions: int = 1500) -> list[str]:
    """Every daily index, price or ratio series with enough history to calibrate on."""
    cat = store.catalog()
    keep = cat[
        (cat["frequency"] == "daily") & cat["kind"].isin(_KINDS) & (cat["count"] >= min_sessions)
    ]
    return sorted(keep["id"])


def calibration_task(task: CalibrationTask, snapshot_path: str) -> dict[str, Any]:
    """Calibrate one method on one series (runs on a worker); errors come back as data."""
    import numpy as np

    from thesis.analysis.calibration import calibrate
    from thesis.scale.executor import one_blas_thread
    from thesis.scale.snapshot import open_snapshot

    t0 = time.perf_counter()
    out: dict[str, Any] = {"series": task.series, "method": task.method}
    try:
        store = open_snapshot(snapshot_path)
        as_of = task.as_of or str(store.latest(task.series).date.date())
        prices = store.view(as_of).get(task.series)
        # the stream is keyed by what the task is, never by where or in which order it runs
        key = [task.seed, zlib.crc32(task.series.encode()), zlib.crc32(task.method.encode())]
        rng = np.random.default_rng(np.random.SeedSequence(key))
        with one_blas_thread():
            res = calibrate(
                prices,
                subject=task.series,
                methods=(task.method,),
                n_paths=task.n_paths,
                rng=rng,
                start=task.start,
                baseline=False,
            )
        frame = res.to_frame()
        if frame.index.name is not None:
            frame = frame.reset_index()
        frame.insert(0, "series", task.series)
        out["scores"] = frame
    except ThesisError as e:
        out["error"] = str(e)
    except Exception as e:  # one series must not stop a sweep; the error is reported
        out["error"] = f"{type(e).__name__}: {e}"
    out["seconds"] = time.perf_counter() - t0
    return out


def calibrate_sweep(
    store: Store,
    series: Sequence[str] | str,
    methods: Sequence[str] = ("gbm", "bootstrap", "garch"),
    *,
    n_paths: int = 2_000,
    seed: int = 20251126,
    as_of: DateLike | None = None,
    start: DateLike | None = None,
    scheduler: str | None = None,
    n_workers: int | None = None,
    client: Any = None,
    snapshot_root: str | None = None,
    progress: Callable[[int, int, dict[str, Any]], None] | None = None,
) -> SweepReport:
    """Walk-forward calibration of ``methods`` on each series (``"all"``: every sweepable one)."""
    import tempfile

    from thesis.scale.executor import execute, executor
    from thesis.scale.snapshot import export_snapshot

    t0 = time.perf_counter()
    ids = sweepable_series(store) if series == "all" else list(series)
    if not ids:
        raise ThesisError(
            "no series to calibrate",
            where="--series",
            fix="name series ids, or import daily series with enough history",
        )
    cut = None if as_of is None else pd.Timestamp(as_of).date().isoformat()
    root = snapshot_root or tempfile.mkdtemp(prefix="thesis-sweep-")
    snap = export_snapshot(store, root, series=ids, until=cut)
    tasks = [
        CalibrationTask(
            s, m, cut, None if start is None else str(pd.Timestamp(start).date()), n_paths, seed
        )
        for s in ids
        for m in methods
    ]
    frames, failed = [], {}
    with executor(scheduler, n_workers=n_workers, client=client) as ex:
        for i, res in enumerate(
            execute(calibration_task, tasks, ex, snapshot_path=str(snap.path)), 1
        ):
            if "error" in res:
                failed[f"{res['series']}/{res['method']}"] = res["error"]
            else:
                frames.append(res["scores"])
            if progress is not None:
                progress(i, len(tasks), res)
        where = ex.where
    scores = (
        pd.concat(frames, ignore_index=True).sort_values(["series", "method"], kind="stable")
        if frames
        else pd.DataFrame()
    )
    return SweepReport(scores.reset_index(drop=True), failed, time.perf_counter() - t0, where)
