"""A real two-worker Dask LocalCluster, shared by the scale tests."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def client():
    """A real two-worker LocalCluster (one thread each), started once per test process."""
    from distributed import Client, LocalCluster

    from thesis.scale.executor import WORKER_ENV

    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            env=WORKER_ENV,
        ) as cluster,
        Client(cluster) as c,
    ):
        yield c
