"""Fixtures for the delivery tests: a store with events, and one finished run per session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"

#: a small thesis: two methods, few paths, no calibration, so the session's run takes seconds
THESIS = """\
title = "The S&P 500 reaches 6,900 and ends 2026 above 7,269"
as_of = 2025-11-26
horizon = 2026-12-31
seed = 7

[index]
series = "sp500"
name = "S&P 500"
thresholds = [6900]
targets = [7269]

[earnings]
eps_growth_pct = 14

[rates]
cuts = 2
cut_bp = 25

[analysis]
methods = ["gbm", "bootstrap"]
n_paths = 1000
calibrate = false
"""


@pytest.fixture(scope="session")
def events_store_path(events_store_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This worker's copy of the session's store (all of ../shared/data) with the test calendars
    (:data:`FIXTURES`) imported (tests/conftest.py builds it once per test run); the run's result
    cache writes into it."""
    path = tmp_path_factory.mktemp("events_store") / "market.duckdb"
    shutil.copyfile(events_store_file, path)
    return path


@pytest.fixture(scope="session")
def events_store(events_store_path: Path):
    from thesis.data.store import Store

    st = Store(events_store_path, read_only=True)
    yield st
    st.close()


@pytest.fixture(scope="session")
def run_dir(events_store, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One finished run (Markdown and HTML) of :data:`THESIS` on the events store."""
    from thesis.pipeline import run_thesis
    from thesis.spec import parse_thesis

    out = tmp_path_factory.mktemp("runs") / "seed-small"
    out.mkdir()
    (out / "thesis.toml").write_text(THESIS, encoding="utf-8")
    spec = parse_thesis(THESIS, where=str(out / "thesis.toml"))
    run_thesis(spec, events_store, out_dir=out, formats=("md", "html"), keep=("thesis.toml",))
    return out


@pytest.fixture()
def run_copy(run_dir: Path, tmp_path: Path) -> Path:
    """A private copy of the session's run (for tests that write into the folder)."""
    dst = tmp_path / run_dir.name
    shutil.copytree(run_dir, dst)
    return dst
