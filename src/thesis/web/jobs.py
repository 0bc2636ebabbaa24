"""Runs started from the web app: one folder each, executed in a separate process.

A run is a folder under the runs folder with the thesis (``thesis.toml``) and a ``status.json``
(``queued`` → ``running`` with the step in progress → ``done`` or ``failed`` with its error). The
run itself executes in its own process (spawned, lower priority, one at a time by default), so that
a long Monte Carlo never blocks the web server or an article check, and a run that fails or
crashes leaves its error in its own folder and nothing else. The status file is the only channel:
the page polls it, and it survives a restart of the app (a run the app lost is marked failed).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import secrets
import threading
import traceback
from pathlib import Path
from typing import Any

from thesis.errors import PublishError

__all__ = ["RUN_ID", "JobManager", "read_status", "resolve_run", "run_worker"]

#: what a run id may look like (folder names the app creates, or that `thesis run --out` wrote)
RUN_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")
STATUS = "status.json"
ACTIVE = ("queued", "running")


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def resolve_run(runs_dir: Path, run_id: str) -> Path:
    """The folder of ``run_id`` inside ``runs_dir``; refuses ids that could leave it.

    Raises
    ------
    PublishError
        A malformed id (``..``, slashes, control characters) or no such run.
    """
    if not RUN_ID.fullmatch(run_id) or ".." in run_id:
        raise PublishError(
            f"{run_id[:60]!r} is not a run id",
            where="run id",
            fix="open a run from the list of runs",
        )
    root = runs_dir.resolve()
    p = (root / run_id).resolve()
    if p.parent != root or not p.is_dir():
        raise PublishError("no such run", where=run_id, fix="open a run from the list of runs")
    return p


def write_status(run_dir: Path, **fields: Any) -> dict[str, Any]:
    """Update a run's status file atomically (a reader never sees half a file)."""
    path = run_dir / STATUS
    status = read_status(run_dir) if path.exists() else {}
    status.update(fields)
    status["updated"] = _now()
    tmp = run_dir / f".{STATUS}.{os.getpid()}.{threading.get_ident()}.tmp"
    tmp.write_text(json.dumps(status, indent=2), encoding="utf-8")
    os.replace(tmp, path)
    return status


def read_status(run_dir: Path) -> dict[str, Any]:
    """A run's status: the file's content, or ``done`` for a folder a CLI run wrote."""
    path = run_dir / STATUS
    if path.exists():
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(data, dict):
                return data
        except (OSError, ValueError):
            pass
        return {"state": "failed", "error": "the status file is unreadable"}
    if (run_dir / "manifest.json").exists():
        return {"state": "done", "steps": []}
    return {"state": "unknown", "steps": []}


# ----------------------------------------------------------------------------- in the worker
def run_worker(
    run_dir: str, store_path: str | None, formats: tuple[str, ...], nice: int = 10
) -> str:
    """Execute one run (in its own process): load ``thesis.toml``, run it into ``run_dir``, write
    its key dates, and keep ``status.json`` current. Never raises: a failure is written to the
    status (and the traceback to ``error.log``)."""
    d = Path(run_dir)
    with contextlib.suppress(AttributeError, OSError):
        os.nice(nice)  # the run yields the CPU to the server and the checks
    steps: list[dict[str, Any]] = []
    write_status(d, state="running", started=_now(), step="starting", steps=steps, pid=os.getpid())
    try:
        from thesis.data.store import Store, default_store_path
        from thesis.pipeline import run_thesis
        from thesis.spec import load_thesis

        spec = load_thesis(d / "thesis.toml")
        path = Path(store_path) if store_path else default_store_path()

        def progress(label: str) -> None:
            now = _now()
            if steps:
                steps[-1]["finished"] = now
            steps.append({"step": label, "started": now})
            write_status(d, step=label, steps=steps)

        with Store(path, read_only=True) as store:
            # the job's own files (the thesis, the status) stay; the run's outputs join them, its
            # key dates (keydates.ics) among them
            run_thesis(
                spec,
                store,
                out_dir=d,
                formats=formats,
                progress=progress,
                keep=("thesis.toml", STATUS),
            )
        if steps:
            steps[-1]["finished"] = _now()
        write_status(d, state="done", step=None, steps=steps, finished=_now())
    except BaseException as e:  # a failed run reports itself; the app and other runs go on
        from thesis.errors import ThesisError

        msg = str(e) if isinstance(e, ThesisError) else f"unexpected {type(e).__name__}: {e}"
        (d / "error.log").write_text(traceback.format_exc(), encoding="utf-8")
        write_status(d, state="failed", error=msg, steps=steps, finished=_now())
    return str(d)


# ----------------------------------------------------------------------------- in the server
class JobManager:
    """Starts runs and knows which are in flight.

    Each run executes in its own spawned process (``fork`` is unsafe in a threaded server); at
    most ``max_parallel`` at once, the others wait as ``queued``. A dispatcher thread per slot
    takes the next run, starts its process and waits for it; a process that dies without
    reporting (killed, out of memory) leaves its run marked failed. :meth:`shutdown` stops the
    processes still running, so that no run outlives the app.

    Parameters
    ----------
    runs_dir
        Where run folders live (created).
    store_path
        The store each run reads (read-only).
    formats
        Article formats each run writes.
    max_parallel
        Runs executing at once; more wait as ``queued``.
    """

    def __init__(
        self,
        runs_dir: Path,
        store_path: Path | None,
        *,
        formats: tuple[str, ...] = ("md", "html", "pdf"),
        max_parallel: int = 1,
    ) -> None:
        import multiprocessing as mp
        import queue

        self.runs_dir = runs_dir
        self.runs_dir.mkdir(parents=True, exist_ok=True)
        self.store_path = store_path
        self.formats = formats
        self._ctx = mp.get_context("spawn")
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._lock = threading.Lock()
        self._running: dict[str, Any] = {}  # run id -> its process
        self._waiting: set[str] = set()
        self._stopping = False
        self._recover()
        self._threads = [
            threading.Thread(target=self._dispatch, name=f"thesis-runs-{i}", daemon=True)
            for i in range(max(1, max_parallel))
        ]
        for t in self._threads:
            t.start()

    def _recover(self) -> None:
        """Runs left queued or running by an earlier server never finish: say so."""
        for d in self.runs_dir.iterdir():
            if d.is_dir() and (d / STATUS).exists() and read_status(d).get("state") in ACTIVE:
                write_status(
                    d,
                    state="failed",
                    error="the app stopped before this run finished; start it again",
                )

    def new_run_id(self, title: str) -> str:
        slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:40].strip("-") or "run"
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
        return f"{stamp}-{slug}-{secrets.token_hex(2)}"

    def start(self, thesis_text: str, source: str) -> str:
        """Validate a thesis, create its run folder and queue it; returns the run id.

        Raises
        ------
        thesis.errors.SpecError
            The thesis does not parse or validate (nothing is created).
        """
        from thesis.spec import parse_thesis

        spec = parse_thesis(thesis_text, where=source)  # errors before anything is created
        run_id = self.new_run_id(spec.title)
        d = self.runs_dir / run_id
        d.mkdir()
        (d / "thesis.toml").write_text(thesis_text, encoding="utf-8")
        write_status(d, state="queued", title=spec.title, source=source, created=_now(), steps=[])
        with self._lock:
            self._waiting.add(run_id)
        self._queue.put(run_id)
        return run_id

    def _dispatch(self) -> None:
        while True:
            run_id = self._queue.get()
            if run_id is None or self._stopping:
                return
            d = self.runs_dir / run_id
            proc = self._ctx.Process(
                target=run_worker,
                args=(str(d), str(self.store_path) if self.store_path else None, self.formats),
                name=f"thesis-run-{run_id}",
                daemon=True,
            )
            with self._lock:
                self._waiting.discard(run_id)
                if self._stopping:
                    return
                proc.start()
                self._running[run_id] = proc
            proc.join()
            with self._lock:
                self._running.pop(run_id, None)
            if read_status(d).get("state") in ACTIVE:
                why = (
                    "the app stopped before this run finished; start it again"
                    if self._stopping
                    else f"the run's process ended abruptly (exit code {proc.exitcode})"
                )
                write_status(d, state="failed", error=why, finished=_now())

    def active(self) -> list[str]:
        """Runs queued or executing in this app."""
        with self._lock:
            return sorted(self._waiting | set(self._running))

    def list_runs(self) -> list[dict[str, Any]]:
        """Every run folder, newest first: ``id``, ``state``, ``title``, ``created``, ``error``."""
        out = []
        for d in self.runs_dir.iterdir():
            if not d.is_dir() or not RUN_ID.fullmatch(d.name):
                continue
            st = read_status(d)
            if st.get("state") == "unknown":
                continue
            title = st.get("title")
            created = st.get("created")
            if (not title or not created) and (d / "manifest.json").exists():
                try:
                    m = json.loads((d / "manifest.json").read_text(encoding="utf-8"))
                    title = title or m.get("thesis")
                    created = created or m.get("created_at")
                except (OSError, ValueError):
                    pass
            out.append(
                {
                    "id": d.name,
                    "state": st.get("state", "unknown"),
                    "title": str(title or d.name),
                    "created": str(created or ""),
                    "error": st.get("error"),
                }
            )
        out.sort(key=lambda r: (r["created"], r["id"]), reverse=True)
        return out

    def shutdown(self, timeout: float = 10.0) -> None:
        """Stop: queued runs are marked failed, running ones are terminated."""
        with self._lock:
            self._stopping = True
            waiting = sorted(self._waiting)
            procs = list(self._running.values())
        for run_id in waiting:
            write_status(
                self.runs_dir / run_id,
                state="failed",
                error="the app stopped before this run started; start it again",
            )
        for p in procs:
            p.terminate()
        for _ in self._threads:
            self._queue.put(None)
        for t in self._threads:
            t.join(timeout=timeout)
