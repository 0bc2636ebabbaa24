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
