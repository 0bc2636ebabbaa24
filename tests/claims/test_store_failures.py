"""Failing honestly: a damaged or locked store stops `thesis check` with its error (what, where,
fix) and a non-zero exit; a wait for a lock is announced. Never "unverifiable: no daily data".

Real parts: a copy of the session's DuckDB store cut to a tenth, and a second process that holds the
store open for writing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from thesis.claims import check_text, parse_article
from thesis.data.store import Store
from thesis.errors import StoreError

SRC = Path(__file__).resolve().parents[2] / "src"
ARTICLE = "# date: 2025-11-26\nThe S&P 500 rose 0.69% to 6,812.61 on Wednesday.\n"


def _thesis(*args: str, env_home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(SRC), "THESIS_HOME": str(env_home)}
    return subprocess.run(
        [sys.executable, "-c", "from thesis.cli import main; main()", *args],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip


@pytest.fixture()
def store_copy(claims_store, tmp_path: Path) -> Path:
    path = tmp_path / "market.duckdb"
    shutil.copy(claims_store.path, path)
    return path


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE)
    return p


def test_truncated_store_exits_with_its_error(store_copy: Path, article: Path, tmp_path: Path):
    size = store_copy.stat().st_size
    with store_copy.open("r+b") as fh:
        fh.truncate(size // 10)
    r = _thesis(
        "check", str(article), "--store", str(store_copy), "--format", "json", env_home=tmp_path
    )
    assert r.returncode != 0, r.stdout
    err = r.stderr.replace("\n", "")  # the terminal may wrap a long path
    assert any(w in err for w in ("corrupt", "cut short", "damaged")), err
    assert str(store_copy) in err and "Fix:" in err
    assert "unverifiable" not in r.stdout


def test_a_store_error_is_raised_not_reported_as_no_data(store_copy: Path):
    with store_copy.open("r+b") as fh:
        fh.truncate(store_copy.stat().st_size // 10)
    with pytest.raises(StoreError):
        check_text(parse_article(ARTICLE), Store(store_copy, read_only=True))


def test_a_locked_store_is_announced_and_exits(store_copy: Path, article: Path, tmp_path: Path):
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys; c = duckdb.connect(sys.argv[1]); print('held', flush=True); sys.stdin.read()", str(store_copy)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        r = _thesis(
            "check",
            str(article),
            "--store",
            str(store_copy),
            "--lock-timeout",
            "1",
            env_home=tmp_path,
        )
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)
    assert r.returncode != 0
    err = r.stderr.replace("\n", " ")
    assert "waiting:" in err  # the wait is announced before it times out
    assert f"PID {holder.pid}" in err and "locked" in err


def test_a_good_store_checks(store_copy: Path, article: Path, tmp_path: Path):
    r = _thesis(
        "check", str(article), "--store", str(store_copy), "--format", "json", env_home=tmp_path
    )
    assert r.returncode == 0, r.stderr
    assert '"verdict": "supported"' in r.stdout
