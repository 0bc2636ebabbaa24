"""Fixtures for the data tests: a store holding all of ``../shared/data``, built once per session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from thesis.data.providers.csv import import_path
from thesis.data.store import Store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "csv"


@pytest.fixture(scope="session")
def shared_store(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """A store with every file of ``../shared/data`` imported (once per session; treat as read-only)."""
    path = tmp_path_factory.mktemp("shared_store") / "market.duckdb"
    store = Store(path)
    import_path(store, shared_data)
    yield store
    store.close()


@pytest.fixture
def csv_fixtures() -> Path:
    """Small hand-made bad-input files (tests/fixtures/csv)."""
    return FIXTURES
