"""Shared fixtures.

Tests that need ``../shared/data`` use the ``shared_data`` fixture: it skips with a clear reason when
the folder is absent and fails when ``CI=true`` (CI always has it beside the clone).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("THESIS_SHARED", ROOT.parent / "shared"))


def _need(path: Path) -> Path:
    if not path.exists():
        msg = f"{path} is absent (tests that read ../shared in place need it beside the clone)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(msg)
        pytest.skip(msg)
    return path


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


@pytest.fixture(scope="session")
def market_store(shared_data: Path, tmp_path_factory: pytest.TempPathFactory):
    """A real DuckDB store with all of ``../shared/data`` imported once, opened read-only.

    Shared by the analysis, writing and pipeline tests; tests that write use their own store.
    """
    from thesis.data.providers.csv import import_path
    from thesis.data.store import Store

    path = tmp_path_factory.mktemp("market_store") / "market.duckdb"
    writer = Store(path)
    import_path(writer, shared_data)
    writer.close()
    store = Store(path, read_only=True)
    yield store
    store.close()
