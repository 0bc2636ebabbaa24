"""Shared fixtures.

Tests that need ``../shared`` use the ``shared_data`` or ``shared_articles`` fixture (directly or
through a store fixture): it skips with a clear reason when the folder is absent and fails when
``CI=true`` (CI always has it beside the clone), and every such test carries the ``shared`` marker
(``pytest -m "not shared"`` runs the rest).

One store holds all of ``../shared/data``. It is built ONCE per test run, under a file lock in the
folder every xdist worker shares, and reused by all workers:

``market_store_file``  the DuckDB file (treat it as read-only; several processes read it at once)
``market_store``       a read-only :class:`~thesis.data.store.Store` on it (one per worker)
``market_store_copy``  a writable Store on a fresh copy of the file, for a test that writes
``bundled_store_path``  the offline bundle that ``make demo`` uses, built the same way (no ../shared)

``shared_store`` (tests/data), ``claims_store`` (tests/writing) and ``shared_store``
(tests/portfolio, the file's path) are the same store under the names those tests use.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from thesis.data.store import Store

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("THESIS_SHARED", ROOT.parent / "shared"))
#: the fixtures that read ../shared; a test that uses one of them (even indirectly) is ``shared``
SHARED_FIXTURES = frozenset({"shared_data", "shared_articles"})


def _need(path: Path) -> Path:
    if not path.exists():
        msg = f"{path} is absent (tests that read ../shared in place need it beside the clone)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(msg)
        pytest.skip(msg)
    return path


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that needs ../shared (through any fixture) with ``shared``."""
    for item in items:
        if SHARED_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.shared)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``../shared/data``: real market CSVs, read in place."""
    return _need(SHARED / "data")


@pytest.fixture(scope="session")
def shared_articles() -> Path:
    """``../shared/articles``: real articles with hand-judged labels."""
    return _need(SHARED / "articles")


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never touch the user's real store: THESIS_HOME points at a temporary folder."""
    monkeypatch.setenv("THESIS_HOME", str(tmp_path_factory.mktemp("thesis_home")))


# ------------------------------------------------------------------------------------ the store
def _build_market_store(shared_data: Path, path: Path) -> None:
    """Import all of ``shared_data`` into ``path``, atomically: a half-built file never has the name."""
    from thesis.data.providers.csv import import_path
    from thesis.data.store import Store

    partial = path.with_name(path.name + ".partial")
    for stale in (partial, partial.with_name(partial.name + ".wal")):
        stale.unlink(missing_ok=True)
    with Store(partial) as writer:
        import_path(writer, shared_data)
    # close() checkpointed: the WAL is empty and gone, the file is complete on its own
    assert not partial.with_name(partial.name + ".wal").exists()
    partial.replace(path)


def _built_once(
    tmp_path_factory: pytest.TempPathFactory, name: str, build: Callable[[Path], None]
) -> Path:
    """``build(path)`` run once per test run, whatever the number of xdist workers.

    Under xdist the workers share ``getbasetemp().parent`` (this run's folder): the first worker to
    take the lock builds the file, the others wait and reuse it. Without xdist the session's own
    temporary folder holds it.
    """
    from filelock import FileLock

    if not os.environ.get("PYTEST_XDIST_WORKER"):  # one process: the session cache is enough
        folder = tmp_path_factory.getbasetemp() / name
        folder.mkdir(exist_ok=True)
        path = folder / "market.duckdb"
        if not path.exists():
            build(path)
        return path
    folder = tmp_path_factory.getbasetemp().parent / name
    folder.mkdir(exist_ok=True)
    path = folder / "market.duckdb"
    with FileLock(str(folder / "build.lock")):
        if not path.exists():
            build(path)
    return path


@pytest.fixture(scope="session")
def market_store_file(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store file with all of ``../shared/data`` imported, built once per test run.

    Treat it as read-only: a test that writes uses ``market_store_copy``.
    """
    return _built_once(
        tmp_path_factory, "market-store", lambda p: _build_market_store(shared_data, p)
    )


def _build_bundled_store(path: Path) -> None:
    """The offline bundle (``thesis data bundle``) into ``path``, atomically."""
    from thesis.data.providers.bundled import build_bundle
    from thesis.data.store import Store

    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    with Store(partial) as writer:
        build_bundle(writer)
    partial.replace(path)


@pytest.fixture(scope="session")
def bundled_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled offline store (what ``make demo`` runs on), built once per test run; read-only."""
    return _built_once(tmp_path_factory, "bundled-store", _build_bundled_store)


@pytest.fixture(scope="session")
def market_store(market_store_file: Path) -> Iterator[Store]:
    """A read-only Store on the shared store file (analysis, writing, pipeline and data tests)."""
    from thesis.data.store import Store

    store = Store(market_store_file, read_only=True)
    yield store
    store.close()


@pytest.fixture
def market_store_copy(market_store_file: Path, tmp_path: Path) -> Iterator[Store]:
    """A writable Store on a fresh copy of the shared store file, for one test."""
    from thesis.data.store import Store

    path = tmp_path / "market-copy" / "market.duckdb"
    path.parent.mkdir()
    shutil.copyfile(market_store_file, path)
    store = Store(path)
    yield store
    store.close()
