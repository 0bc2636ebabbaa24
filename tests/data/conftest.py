"""Fixtures for the data tests: the shared-data store (tests/conftest.py) and hand-made bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from thesis.data.store import Store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "csv"


@pytest.fixture(scope="session")
def shared_store(market_store: Store) -> Store:
    """All of ``../shared/data``, read-only (built once per test run; see tests/conftest.py)."""
    return market_store


@pytest.fixture
def csv_fixtures() -> Path:
    """Small hand-made bad-input files (tests/fixtures/csv)."""
    return FIXTURES
