"""``thesis calibrate``: one series with the base rate (kept in the store's cache), or a sweep of
several series (``--series a,b`` / ``all``) as tasks on the batch executor."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from thesis.cli import main


@pytest.fixture
def store_path(market_store_file: Path, tmp_path: Path) -> Path:
    p = tmp_path / "market.duckdb"
    shutil.copyfile(market_store_file, p)
    return p


@pytest.fixture(autouse=True)
def _wide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # rich lays the table out for a wide terminal


def _cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    try:
        main(args)
        rc = 0
    except SystemExit as e:
        rc = int(e.code or 0)
    return rc, capsys.readouterr().out


def test_one_series_scores_skill_against_the_base_rate_and_is_cached(
    store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["calibrate", "--series", "sp500", "--methods", "gbm", "--paths", "200",
            "--start", "2023-06-01", "--as-of", "2025-06-30", "--store", str(store_path)]  # fmt: skip
    rc, out = _cli(args, capsys)
    assert rc == 0, out
    # the base rate, its conditioned variant and the VIX-implied odds are scored beside GBM
    for m in ("baserate", "conditional", "implied", "gbm"):
        assert m in out
    assert "bss" in out and "the base rate" in out
    assert "computed, cached" in out
    rc, again = _cli(args, capsys)
    assert rc == 0 and "from the cache" in again


def test_several_series_run_as_a_sweep(
    store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["calibrate", "--series", "sp500,xlu", "--methods", "gbm", "--paths", "200",
            "--start", "2024-01-01", "--as-of", "2025-06-30", "--store", str(store_path)]  # fmt: skip
    rc, out = _cli(args, capsys)
    assert rc == 0, out
    assert "sp500" in out and "xlu" in out
    assert "2 series, 0 failed task(s)" in out and "in this process" in out


def test_a_sweep_reports_a_series_it_cannot_calibrate(
    store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["calibrate", "--series", "sp500,unrate", "--methods", "gbm", "--paths", "200",
            "--start", "2024-01-01", "--as-of", "2025-06-30", "--store", str(store_path)]  # fmt: skip
    rc, out = _cli(args, capsys)
    assert rc == 3  # completed, with a task left out
    assert "failed" in out and "unrate/gbm" in out
