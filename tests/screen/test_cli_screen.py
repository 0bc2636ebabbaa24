"""`thesis screen` on a small real store: table, files, chart, errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from thesis.cli import main


@pytest.fixture
def home(synthetic_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(synthetic_store, tmp_path / "market.duckdb")
    monkeypatch.setenv("THESIS_HOME", str(tmp_path))
    monkeypatch.setenv("COLUMNS", "200")
    return tmp_path


def test_screen_table_files_and_chart(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = home / "s.csv"
    png = home / "s.png"
    main(["screen", "not stale and corr_index > 0.3", "--universe", "store", "--index", "idx",
          "--as-of", "2025-11-26", "--rank-by", "vol", "--ascending", "--all",
          "--out", str(out), "--chart", str(png)])  # fmt: skip
    text = capsys.readouterr().out
    assert "store on 2025-11-26" in text and "corr_index" in text
    assert "CCC" in text and "stale" in text  # failing rows listed with --all
    df = pd.read_csv(out, index_col="ticker")
    assert set(df.index) == {"AAA", "BBB", "CCC", "DDD", "EEE"}
    passed = df[df["passed"]].sort_values("rank")
    assert (passed["vol"].diff().dropna() >= 0).all()  # --ascending
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    main(["screen", "vol > 0", "--universe", "AAA,BBB", "--index", "idx", "--as-of",
          "2025-11-26", "--out", str(home / "s.parquet")])  # fmt: skip
    assert set(pd.read_parquet(home / "s.parquet").index) == {"AAA", "BBB"}


def test_screen_with_odds(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["screen", "not stale", "--universe", "AAA", "--index", "idx", "--as-of", "2025-11-26",
          "--odds", "--horizon", "2026-06-30", "--paths", "1000"])  # fmt: skip
    text = capsys.readouterr().out
    assert "P(gain ≥ 20%)" in text and "bootstrap" in text and "garch" in text


@pytest.mark.parametrize(
    ("args", "what"),
    [
        (["corr_ai > 0.5", "--universe", "store"], "unknown feature 'corr_ai'"),
        (["vol > 0", "--universe", "AAB"], "unknown ticker 'AAB'"),
        (["vol > 0", "--universe", "theme"], "no theme was given"),
        (["vol >"], "does not parse"),
        ([], "no rule given"),
        (["vol > 0", "--universe", "store", "--out", "x.xlsx"], "cannot write .xlsx"),
    ],
)
def test_errors_exit_2_with_a_clear_message(
    home: Path, capsys: pytest.CaptureFixture[str], args: list[str], what: str
) -> None:
    with pytest.raises(SystemExit) as ei:
        main(["screen", *args, "--index", "idx", "--as-of", "2025-11-26"])
    assert ei.value.code == 2
    err = capsys.readouterr().err
    assert what in " ".join(err.split()) and "Fix:" in err


def test_list_features(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["screen", "--features"])
    text = capsys.readouterr().out
    assert "corr_theme" in text and "revenue_yoy" in text and "stale" in text
