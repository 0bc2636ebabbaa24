"""Fixtures for the claim checker: one store imported from ../shared/data per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"


@pytest.fixture(scope="session")
def claims_store(shared_data: Path, tmp_path_factory: pytest.TempPathFactory):
    """A real DuckDB store with ../shared/data imported (read in place), opened read-only."""
    from thesis.data.providers.csv import import_path
    from thesis.data.store import Store

    path = tmp_path_factory.mktemp("claims_store") / "market.duckdb"
    writer = Store(path)
    import_path(writer, shared_data)
    writer.close()
    store = Store(path, read_only=True)
    yield store
    store.close()


@pytest.fixture()
def fixtures_dir() -> Path:
    return FIXTURES
