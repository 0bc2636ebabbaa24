"""Fixtures for the claim checker: the shared-data store, built once per test run (tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"


@pytest.fixture(scope="session")
def claims_store(market_store):
    """The session's read-only store with ../shared/data imported (tests/conftest.py)."""
    return market_store


@pytest.fixture()
def fixtures_dir() -> Path:
    return FIXTURES
