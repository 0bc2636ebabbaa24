"""A real two-worker Dask LocalCluster, shared by the scale tests.

The cluster starts with the first test that asks for ``client`` and stops as soon as the next test
to run is outside this folder (or none is left): an idle cluster (scheduler, nannies, workers,
heartbeats) keeps about a tenth of a core busy, which over the rest of a test session was several
seconds of CPU taken from the other tests. tests/conftest.py hands both modules here to one
worker, one after the other (``GROUPS``), so one cluster serves them all.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import pytest

_HERE = Path(__file__).resolve().parent
_open: dict[str, Any] = {}


def _start() -> Any:
    from distributed import Client

    from thesis.scale.executor import local_cluster

    stack = contextlib.ExitStack()
    cluster = stack.enter_context(local_cluster(2, dashboard_address=None))
    _open["client"] = stack.enter_context(Client(cluster))
    _open["stack"] = stack
    return _open["client"]


def _stop() -> None:
    _open.pop("client", None)
    stack = _open.pop("stack", None)
    if stack is not None:
        stack.close()


@pytest.fixture
def client() -> Any:
    """A real two-worker LocalCluster (one thread each), shared by the tests here."""
    return _open.get("client") or _start()


def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> None:
    if nextitem is None or _HERE not in Path(nextitem.path).resolve().parents:
        _stop()


def pytest_sessionfinish(session: pytest.Session) -> None:
    _stop()
