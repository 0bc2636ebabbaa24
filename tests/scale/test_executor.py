"""The local cluster (thesis.scale.executor.local_cluster): its workers are forked from a server
that has the task modules loaded, and still have one thread for every numeric library, as the
environment the cluster is given says; this process's environment is left as it was."""

from __future__ import annotations

import multiprocessing
import os
from typing import Any

from thesis.scale.executor import WORKER_ENV, WORKER_PRELOAD, local_cluster


def _probe() -> dict[str, Any]:
    import sys

    import numba
    from threadpoolctl import threadpool_info

    return {
        "numba": numba.get_num_threads(),
        "blas": sorted({x["num_threads"] for x in threadpool_info() if x["user_api"] == "blas"}),
        "env": {k: os.environ.get(k) for k in WORKER_ENV},
        "loaded": [m for m in WORKER_PRELOAD if m in sys.modules],
        "pid": os.getpid(),
    }


def test_workers_start_with_the_task_modules_and_one_thread_each() -> None:
    from distributed import Client

    before = dict(os.environ)
    with local_cluster(1) as cluster, Client(cluster) as client:
        (worker,) = client.run(_probe).values()  # before any task ran there
    assert dict(os.environ) == before
    assert worker["pid"] != os.getpid()
    assert worker["numba"] == 1
    assert worker["blas"] == [1]
    assert worker["env"] == WORKER_ENV
    if "forkserver" in multiprocessing.get_all_start_methods():
        assert worker["loaded"] == list(WORKER_PRELOAD)
