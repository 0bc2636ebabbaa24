"""Many theses as Dask tasks: one snapshot, one task per thesis, results written by the client.

``run_batch(specs, store, out)`` exports a :mod:`snapshot <thesis.scale.snapshot>` of what the
theses need, skips theses already done on the same data, runs the rest — in this process, on a
``LocalCluster`` or on a remote scheduler — and writes each result into ``out/<thesis id>/`` whole
or not at all. Workers never open the store; a task's result is its facts, manifest and files.

Results do not depend on where a task runs: every random draw comes from streams keyed by the
thesis's seed (``numpy.random.SeedSequence`` per analysis, counter-based streams per path), so a
serial run, a 2-worker cluster and a cluster that lost a worker half way give bit-identical facts.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import tempfile
import time
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from thesis.errors import ThesisError

if TYPE_CHECKING:
    from thesis.data.store import Store
    from thesis.scale.snapshot import Snapshot
    from thesis.spec import ThesisSpec

__all__ = [
    "BatchReport",
    "TaskResult",
    "ThesisTask",
    "make_tasks",
    "run_batch",
    "run_task",
    "thesis_id",
]


def thesis_id(spec: ThesisSpec) -> str:
    """A short, stable id of a thesis: a hash of its content (not of the file it came from)."""
    data = spec.model_dump(mode="json", exclude={"path"})
    h = hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:12]
    return f"{spec.index.series}-{spec.as_of.isoformat()}-{h}"


@dataclass(frozen=True)
class ThesisTask:
    """What a worker needs to run one thesis (small: the spec as plain data)."""

    thesis_id: str
    title: str
    spec: dict[str, Any]
    formats: tuple[str, ...] = ("md",)
    with_scorecard: bool = True


@dataclass
class TaskResult:
    """What comes back from a worker: facts and files, or the error."""

    thesis_id: str
    title: str
    ok: bool
    facts: list[dict[str, Any]] = field(default_factory=list)
    manifest: dict[str, Any] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    error: str | None = None
    error_type: str | None = None
    seconds: float = 0.0
    worker_pid: int = 0


def make_tasks(
    specs: Iterable[ThesisSpec], *, formats: Sequence[str] = ("md",), with_scorecard: bool = True
) -> list[ThesisTask]:
    """One task per thesis; the same thesis twice is run once."""
    seen: dict[str, ThesisTask] = {}
    for spec in specs:
        tid = thesis_id(spec)
        seen.setdefault(
            tid,
            ThesisTask(
                tid,
                spec.title,
                spec.model_dump(mode="json"),
                tuple(formats),
                with_scorecard,
            ),
        )
    return list(seen.values())


def run_task(task: ThesisTask, snapshot_path: str) -> TaskResult:
    """Run one thesis on a snapshot (this is the function Dask ships to workers).

    A :class:`~thesis.errors.ThesisError` or any other exception is returned as a failed result
    with its message, so that one bad thesis never stops a batch. Only a lost worker makes Dask
    retry the task elsewhere.
    """
    from thesis.pipeline import run_thesis
    from thesis.scale.executor import one_blas_thread
    from thesis.scale.snapshot import open_snapshot
    from thesis.spec import ThesisSpec

    t0 = time.perf_counter()
    res = TaskResult(task.thesis_id, task.title, ok=False, worker_pid=os.getpid())
    try:
        store = open_snapshot(snapshot_path)
        spec = ThesisSpec.model_validate(task.spec)
        with one_blas_thread(), tempfile.TemporaryDirectory(prefix="thesis-task-") as d:
            run = run_thesis(
                spec,
                store,
                out_dir=d,
                formats=task.formats,
                with_scorecard=task.with_scorecard,
            )
            for p in sorted(Path(d).rglob("*")):
                if p.is_file():
                    res.files[p.relative_to(d).as_posix()] = p.read_bytes()
        res.facts = [f.to_dict() for f in run.facts]
        res.manifest = run.manifest
        res.notes = dict(run.notes)
        res.ok = True
    except ThesisError as e:
        res.error, res.error_type = str(e), type(e).__name__
    except Exception as e:  # a bug in one thesis must not stop the batch; the trace is kept
        res.error = f"{type(e).__name__}: {e}\n{traceback.format_exc(limit=8)}"
        res.error_type = type(e).__name__
    res.seconds = time.perf_counter() - t0
    return res


@dataclass
class BatchReport:
    """What a batch did: theses run, skipped as already done, failed; timings and sizes."""

    out: Path
    snapshot: dict[str, Any]
    done: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    wall_s: float = 0.0
    task_s: float = 0.0
    bytes_in: int = 0
    bytes_out: int = 0
    scheduler: str = "in-process"
    workers: int = 1
    dashboard: str | None = None
    #: theses recorded in the store's ``runs`` table, and why not when they were not
    stored: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def n_tasks(self) -> int:
        return len(self.done) + len(self.failed)

    def to_dict(self) -> dict[str, Any]:
        return {
            "out": str(self.out),
            "snapshot": self.snapshot,
            "done": self.done,
            "skipped": self.skipped,
            "failed": self.failed,
            "wall_s": round(self.wall_s, 3),
            "task_s": round(self.task_s, 3),
            "bytes_in_per_task": self.bytes_in // max(self.n_tasks, 1),
            "bytes_out_per_task": self.bytes_out // max(self.n_tasks, 1),
            "scheduler": self.scheduler,
            "workers": self.workers,
            "stored": self.stored,
            "notes": self.notes,
        }


def _done_on(out: Path, tid: str) -> str | None:
    """The data hash a finished thesis folder was computed on, or None when not finished."""
    marker = out / tid / "batch.json"
    try:
        return json.loads(marker.read_text()).get("data_hash")
    except (OSError, ValueError):
        return None


def _write_result(out: Path, res: TaskResult, data_hash: str) -> None:
    """Write one thesis's folder whole: into a temporary folder, then one rename."""
    tmp = Path(tempfile.mkdtemp(prefix=f".{res.thesis_id}-", dir=out))
    try:
        for rel, data in res.files.items():
            p = tmp / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(data)
        (tmp / "facts.json").write_text(json.dumps(res.facts, indent=2, default=str))
        (tmp / "batch.json").write_text(
            json.dumps(
                {
                    "thesis_id": res.thesis_id,
                    "title": res.title,
                    "data_hash": data_hash,
                    "seconds": round(res.seconds, 3),
                },
                indent=2,
            )
        )
        final = out / res.thesis_id
        if final.exists():
            old = out / f".{res.thesis_id}.old-{os.getpid()}"
            os.replace(final, old)
            os.replace(tmp, final)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _size(obj: Any) -> int:
    import pickle

    buf = io.BytesIO()
    pickle.dump(obj, buf, protocol=pickle.HIGHEST_PROTOCOL)
    return buf.tell()


def run_batch(
    specs: Iterable[ThesisSpec],
    store: Store,
    out: str | os.PathLike[str],
    *,
    scheduler: str | None = None,
    n_workers: int | None = None,
    client: Any = None,
    formats: Sequence[str] = ("md",),
    with_scorecard: bool = True,
    snapshot_root: str | os.PathLike[str] | None = None,
    force: bool = False,
    record: bool = True,
    progress: Callable[[int, int, TaskResult], None] | None = None,
    on_start: Callable[[BatchReport, int], None] | None = None,
) -> BatchReport:
    """Run many theses and write each into ``out/<thesis id>/``.

    Parameters
    ----------
    specs
        Validated theses.
    store
        The market data store; read once, on this machine, to export the snapshot.
    out
        Output folder; a thesis already there with the same data hash is skipped unless ``force``.
    scheduler
        ``None``: run in this process; ``"local"``: a LocalCluster of ``n_workers`` one-thread
        processes; an address (``tcp://HOST:8786``): a running Dask scheduler. ``client`` may
        instead pass a :class:`distributed.Client` to use as it is.
    record
        Also write each finished thesis's facts into the store's ``runs`` table
        (:mod:`thesis.data.runs`), in one transaction after the batch; a store that cannot be
        written is skipped with a note (the folders hold everything).
    progress
        Called after each thesis with (finished, total, result).
    """
    from thesis.scale.executor import execute, executor
    from thesis.scale.snapshot import export_snapshot, series_named

    t0 = time.perf_counter()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    specs = list(specs)
    tasks = make_tasks(specs, formats=formats, with_scorecard=with_scorecard)
    known = {sid: store.info(sid) for sid in store.series_ids()}
    needed: set[str] = set()
    for t in tasks:
        needed |= series_named(t.spec, known)
    # the scorecard reads what followed as_of: keep all dates then; otherwise cut at the last as_of
    until = None if with_scorecard or not specs else max(s.as_of for s in specs)
    snap: Snapshot = export_snapshot(
        store, snapshot_root or out / ".snapshots", series=sorted(needed), until=until
    )
    report = BatchReport(out=out, snapshot=snap.to_dict())
    todo = []
    for t in tasks:
        if not force and _done_on(out, t.thesis_id) == snap.content_hash:
            report.skipped.append(t.thesis_id)
        else:
            todo.append(t)

    rows: list[dict[str, Any]] = []

    def finish(res: TaskResult, n: int) -> None:
        report.task_s += res.seconds
        report.bytes_out += _size(res)
        if res.ok:
            _write_result(out, res, snap.content_hash)
            report.done.append(res.thesis_id)
            if record:
                rows.append(
                    {
                        "thesis_id": res.thesis_id,
                        "data_hash": snap.content_hash,
                        "title": res.title,
                        "series": (res.manifest.get("series") or {}).get("series", ""),
                        "as_of": res.manifest.get("as_of"),
                        "horizon": res.manifest.get("horizon"),
                        "facts": res.facts,
                        "manifest": res.manifest,
                    }
                )
        else:
            report.failed[res.thesis_id] = res.error or "failed"
        if progress is not None:
            progress(n, len(todo), res)

    path = str(snap.path)
    report.bytes_in = sum(_size((t, path)) for t in todo)
    with executor(scheduler, n_workers=n_workers, client=client) as ex:
        report.scheduler, report.workers, report.dashboard = ex.where, ex.workers, ex.dashboard
        if on_start is not None:
            on_start(report, len(todo))
        # a fresh key per batch: a result is never taken from an earlier batch's cache
        run_key = os.urandom(4).hex()
        keys = [f"thesis-{t.thesis_id}-{run_key}" for t in todo]
        for i, res in enumerate(
            execute(run_task, todo, ex, keys=keys, snapshot_path=path), start=1
        ):
            finish(res, i)
    if rows and hasattr(store, "path") and not hasattr(store, "content_hash"):  # not a snapshot
        from thesis.data.runs import record_runs

        try:
            report.stored = record_runs(store.path, rows)
        except ThesisError as e:
            report.notes.append(
                f"the store was not updated ({e.what}); the folders hold every result"
            )
    (out / "failures.json").write_text(json.dumps(report.failed, indent=2))
    report.wall_s = time.perf_counter() - t0
    (out / "batch-report.json").write_text(json.dumps(report.to_dict(), indent=2))
    return report
