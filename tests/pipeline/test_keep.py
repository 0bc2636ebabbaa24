"""A caller's own files in the output folder (a web job's thesis and status) survive the run."""

from __future__ import annotations

from pathlib import Path

import pytest

from thesis.errors import SpecError
from thesis.pipeline import check_output_dir

THESIS = """
title = "t"
as_of = 2021-12-31
horizon = 2022-06-30
[index]
series = "sp500"
thresholds = [5000]
[analysis]
methods = ["gbm"]
n_paths = 1000
calibrate = false
"""


def test_kept_files_do_not_make_a_folder_a_previous_run(tmp_path: Path) -> None:
    out = tmp_path / "job"
    out.mkdir()
    (out / "thesis.toml").write_text("title = 'x'")
    (out / "status.json").write_text("{}")
    assert check_output_dir(out, keep=("thesis.toml", "status.json")) == out
    (out / "facts.json").write_text("[]")  # an earlier run's output: refused
    with pytest.raises(SpecError, match="not empty"):
        check_output_dir(out, keep=("thesis.toml", "status.json"))


def test_a_run_keeps_the_callers_files_and_adds_its_outputs(
    tmp_path: Path, bundled_store_path: Path
) -> None:
    from thesis.data.store import Store
    from thesis.pipeline import run_thesis
    from thesis.spec import parse_thesis

    out = tmp_path / "job"
    out.mkdir()
    (out / "thesis.toml").write_text("kept")
    (out / "status.json").write_text('{"state": "running"}')
    spec = parse_thesis(THESIS)
    with Store(bundled_store_path, read_only=True) as store:
        run_thesis(spec, store, out_dir=out, formats=("md",), keep=("thesis.toml", "status.json"))
    assert (out / "thesis.toml").read_text() == "kept"
    assert (out / "status.json").read_text() == '{"state": "running"}'
    assert (out / "article.md").exists() and (out / "manifest.json").exists()
    assert not list(tmp_path.glob(".job.*"))  # no working folder left behind
