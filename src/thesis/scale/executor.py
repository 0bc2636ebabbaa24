"""One way to run many independent tasks: in this process, on a LocalCluster, or on a Dask scheduler.

Batches of theses, calibration sweeps and screens all go through :func:`execute`. Task functions
must be importable module-level functions whose results do not depend on where they run (every
random draw keyed by the task, one BLAS thread per task): then the three ways give identical
results, and Dask may move a lost worker's tasks elsewhere without changing anything.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from thesis.analysis._threads import one_blas_thread
from thesis.errors import ThesisError

__all__ = [
    "WORKER_ENV",
    "WORKER_PRELOAD",
    "Execution",
    "execute",
    "executor",
    "local_cluster",
    "one_blas_thread",
]

T = TypeVar("T")
R = TypeVar("R")

#: environment for worker processes: one thread each for every numeric library, so that N
#: workers use N cores and never oversubscribe them
WORKER_ENV = {
    "NUMBA_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
}


#: what every task imports (the analyses and the libraries under them): loaded once, in the
#: process the local cluster's processes fork from (:func:`local_cluster`)
WORKER_PRELOAD = (
    "distributed",
    "numpy",
    "pandas",
    "scipy.stats",
    "scipy.optimize",
    "exchange_calendars",
    "arch.univariate",
    "thesis.pipeline",
    "thesis.analysis.paths",
    "thesis.analysis.regimes",
    "thesis.analysis.calibration",
    "thesis.screen.odds",
    "thesis.scale.batch",
)


def _forkserver() -> bool:
    """Start this process's forkserver with :data:`WORKER_PRELOAD` imported and :data:`WORKER_ENV`
    set; ``False`` where there is no forkserver (Windows).

    A spawned worker process imports Python's scientific stack and thesis itself before its first
    task: 2 to 3 s of CPU per process, paid again by every nanny and every restarted worker. Forked
    from a server that imported them once, they start with them loaded. The environment has to be
    the server's: a library reads its thread count when it loads (numba, OpenBLAS), so setting it
    in the worker afterwards, as the Nanny does, would come too late.
    """
    import multiprocessing
    from multiprocessing import forkserver

    if "forkserver" not in multiprocessing.get_all_start_methods():
        return False
    saved = {k: os.environ.get(k) for k in WORKER_ENV}
    os.environ.update(WORKER_ENV)
    try:
        multiprocessing.get_context("forkserver").set_forkserver_preload(list(WORKER_PRELOAD))
        forkserver.ensure_running()  # started now, with this environment (once per process)
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return True


@contextmanager
def local_cluster(n_workers: int, *, dashboard_address: str | None = ":0") -> Iterator[Any]:
    """A LocalCluster of ``n_workers`` one-thread worker processes, forked from a server that has
    the task modules loaded (:func:`_forkserver`; spawned where there is none)."""
    import dask
    from distributed import LocalCluster

    method = "forkserver" if _forkserver() else "spawn"
    with (
        dask.config.set({"distributed.worker.multiprocessing-method": method}),
        LocalCluster(
            n_workers=n_workers,
            threads_per_worker=1,
            processes=True,
            env=WORKER_ENV,
            dashboard_address=dashboard_address,
        ) as cluster,
    ):
        yield cluster


@dataclass
class Execution:
    """Where tasks run: a description, the number of workers and the dashboard link if any."""

    where: str
    workers: int
    client: Any = None
    dashboard: str | None = None


@contextmanager
def executor(
    scheduler: str | None = None, *, n_workers: int | None = None, client: Any = None
) -> Iterator[Execution]:
    """Open the place tasks run; closes what it opened.

    ``scheduler``: ``None`` (this process), ``"local"`` (a LocalCluster of ``n_workers`` one-thread
    worker processes), or the address of a running Dask scheduler (``tcp://HOST:8786``). A
    ``client`` (a :class:`distributed.Client`) is used as it is.
    """
    if client is not None:
        yield Execution(
            str(client.scheduler.address), _n_workers(client), client, _dashboard(client)
        )
        return
    if scheduler is None:
        yield Execution("in-process", 1)
        return
    from distributed import Client

    if scheduler == "local":
        with (
            local_cluster(n_workers or os.cpu_count() or 1) as cluster,
            Client(cluster) as c,
        ):
            yield Execution("a local cluster", _n_workers(c), c, _dashboard(c))
        return
    if "://" in scheduler or ":" in scheduler:
        try:
            c = Client(scheduler, timeout=30)
        except OSError as e:
            raise ThesisError(
                f"cannot reach the Dask scheduler ({e})",
                where=scheduler,
                fix="start it (`dask scheduler`, then `dask worker ADDRESS` on each node) or "
                "check the address and port",
            ) from None
        with c:
            yield Execution(scheduler, _n_workers(c), c, _dashboard(c))
        return
    raise ThesisError(
        f"unknown scheduler {scheduler!r}",
        where="--scheduler",
        fix="use `local` (a cluster on this machine) or the address of a Dask scheduler, "
        "e.g. tcp://10.0.0.5:8786; leave it out to run in this process",
    )


def execute(
    fn: Callable[..., R],
    items: Sequence[T],
    ex: Execution,
    *,
    keys: Sequence[str] | None = None,
    **kwargs: Any,
) -> Iterator[R]:
    """``fn(item, **kwargs)`` for every item, yielded as each finishes (in any order).

    In-process the calls run one after the other; on a cluster they are Dask tasks (a lost
    worker's tasks are retried by the scheduler). Exceptions propagate: task functions that must
    not stop a run catch their own errors and return them.
    """
    if ex.client is None:
        for item in items:
            yield fn(item, **kwargs)
        return
    from distributed import as_completed

    futures = ex.client.map(
        fn, list(items), key=list(keys) if keys else None, pure=keys is not None, **kwargs
    )
    for fut in as_completed(futures):
        res = fut.result()
        fut.release()
        yield res


def _n_workers(client: Any) -> int:
    try:
        return len(client.scheduler_info().get("workers", {}))
    except Exception:  # an odd scheduler: unknown
        return 0


def _dashboard(client: Any) -> str | None:
    """The dashboard's address when the scheduler serves one (it needs bokeh)."""
    try:
        services = client.scheduler_info().get("services", {})
    except Exception:  # an old or odd scheduler: no link, no failure
        return None
    return client.dashboard_link if "dashboard" in services else None
