"""Clean outputs and honest failures (issue 13 items 6 and 7, issue 9 "failures isolated").

A run writes into a fresh folder and moves it into place; an existing folder is refused unless
overwritten whole; a bad ``--out`` fails before any analysis; the manifest lists every file with
its sha256; user text cannot inject Markdown or HTML; one failing analysis is left out, listed, and
the exit code says so.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import pytest

from thesis.data.store import Store
from thesis.data.view import StoreView
from thesis.errors import AnalysisError, SpecError
from thesis.pipeline import EXIT_INCOMPLETE, run_thesis
from thesis.spec import load_thesis

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _seed(**changes: Any):
    spec = load_thesis(EXAMPLES / "sp500-ai-rally-2026.toml")
    a = spec.analysis.model_dump(exclude_unset=True) | {"n_paths": 1_000, "calibrate": False}
    spec = spec.with_overrides(analysis=a, **changes)
    # no portfolio and no theme: these tests are about the outputs, not the backtest or the stocks
    data = spec.model_dump(by_alias=True, exclude_unset=True)
    data.pop("portfolio", None)
    data.pop("theme", None)
    return type(spec).model_validate(data)


class _Steps(list):
    def __call__(self, label: str) -> None:
        self.append(label)


@pytest.mark.parametrize("case", ["file", "under_file", "non_empty"])
def test_a_bad_out_fails_before_any_analysis(
    market_store: Store, tmp_path: Path, case: str
) -> None:
    f = tmp_path / "a_file"
    f.write_text("x")
    out = {"file": f, "under_file": f / "sub" / "out", "non_empty": tmp_path}[case]
    match = {
        "file": "the output path is a file",
        "under_file": "lies under a file",
        "non_empty": r"exists and is not empty[\s\S]*--overwrite",
    }[case]
    steps = _Steps()
    with pytest.raises(SpecError, match=match):
        run_thesis(_seed(), market_store, out_dir=out, progress=steps, formats=("md",))
    assert steps == []  # nothing ran
    assert f.read_text() == "x"


def test_a_full_disk_fails_before_any_analysis(
    market_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a real full file system needs a mount this test cannot make; the free-space reading is
    # replaced by what a full disk reports, and the check must refuse before the analysis
    import shutil
    from collections import namedtuple

    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda _p: usage(10**9, 10**9 - 4096, 4096))
    steps = _Steps()
    with pytest.raises(SpecError, match=r"only 0.0 MB free[\s\S]*free some space"):
        run_thesis(_seed(), market_store, out_dir=tmp_path / "o", progress=steps)
    assert steps == []


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores permissions")
def test_a_read_only_parent_fails_before_any_analysis(market_store: Store, tmp_path: Path) -> None:
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    try:
        with pytest.raises(SpecError, match="not writable"):
            run_thesis(_seed(), market_store, out_dir=ro / "out")
    finally:
        ro.chmod(0o755)


@pytest.fixture(scope="module")
def written(market_store: Store, tmp_path_factory: pytest.TempPathFactory):
    parent = tmp_path_factory.mktemp("outs")
    out = parent / "run"
    res = run_thesis(_seed(), market_store, out_dir=out, formats=("md", "html"))
    return res, out


def test_manifest_lists_every_file_with_its_sha256(written) -> None:
    res, out = written
    man = json.loads((out / "manifest.json").read_text())
    listed = {f["path"]: f["sha256"] for f in man["files"]}
    on_disk = {
        str(p.relative_to(out)) for p in out.rglob("*") if p.is_file() and p.name != "manifest.json"
    }
    assert set(listed) == on_disk and "article.md" in listed and "facts.json" in listed
    for rel, digest in listed.items():
        assert hashlib.sha256((out / rel).read_bytes()).hexdigest() == digest
    # the working folder was moved into place: nothing is left beside it
    assert [p.name for p in out.parent.iterdir()] == ["run"]
    assert all(p.parent == out or out in p.parents for p in res.files.values())


def test_overwrite_replaces_the_folder_whole(market_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "o"
    out.mkdir()
    (out / "stale.txt").write_text("from an earlier run")
    (out / "article.pdf").write_text("an old pdf")
    with pytest.raises(SpecError, match="--overwrite"):
        run_thesis(_seed(), market_store, out_dir=out, formats=("md",))
    assert (out / "stale.txt").exists()  # refused: nothing touched
    spec = _seed(as_of=load_thesis(EXAMPLES / "sp500-ai-rally-2026.toml").as_of)
    run_thesis(spec, market_store, out_dir=out, formats=("md",), overwrite=True)
    names = {p.name for p in out.iterdir()}
    assert "stale.txt" not in names and "article.pdf" not in names  # no file of another run
    assert {"article.md", "facts.json", "manifest.json"} <= names
    assert sorted(p.name for p in tmp_path.iterdir()) == ["o"]


def test_a_failure_while_writing_leaves_no_partial_folder(
    market_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import thesis.writing.render as render

    def boom(*_a: Any, **_k: Any) -> Any:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(render, "render_markdown", boom)
    with pytest.raises(OSError, match="No space left"):
        # cache=False: a rendering kept in the store's cache would not render again
        run_thesis(_seed(), market_store, out_dir=tmp_path / "o", formats=("md",), cache=False)
    assert list(tmp_path.iterdir()) == []


HOSTILE = (
    "Rally ahead\n# Pwned heading\n![tracker](https://evil.example/x.png) "
    "[click](javascript:alert(1)) <script>alert(1)</script> <img src=x onerror=alert(1)>"
    " *bold* _it_ `code` | pipe \x00 nul\r\n> quote www.evil.example"
)


def test_user_text_cannot_inject_markdown_or_html(market_store: Store, tmp_path: Path) -> None:
    spec = _seed(title=HOSTILE)
    idx = spec.index.model_dump(by_alias=True, exclude_unset=True)
    idx["name"] = "S&P 500\n## Fake section [x](http://evil.example)"
    idx["targets"] = [{"level": 7269, "claimed_by": "analysts ![i](http://evil.example/i.png)"}]
    spec = spec.with_overrides(index=idx)
    run_thesis(spec, market_store, out_dir=tmp_path / "o", formats=("md", "html"))
    md = (tmp_path / "o" / "article.md").read_text(encoding="utf-8")
    html = (tmp_path / "o" / "article.html").read_text(encoding="utf-8")
    for text in (md, html):
        assert "\x00" not in text
    lines = md.splitlines()
    assert not [x for x in lines if x.startswith(("# Pwned", "## Fake", "> quote"))]
    assert "![tracker](" not in md and "![i](" not in md and "](javascript:" not in md
    assert "](http://evil" not in md
    assert "<script" not in md and "<img" not in md
    # the links a renderer would make by itself are set as code, the words are still there
    assert "`https://evil.example/x.png`)" in md and "`www.evil.example`" in md
    assert "Pwned heading" in md
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'src="x"' not in html


def test_one_failing_analysis_is_left_out_and_the_run_completes(
    market_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import thesis.analysis.paths as paths
    import thesis.analysis.regimes as regimes

    def no_fit(self, prices, as_of=None):
        raise AnalysisError("the GARCH(1,1)-t fit did not converge (flag 8)", where="sp500")

    def broken(*_a: Any, **_k: Any) -> Any:
        raise ValueError("array must not contain infs or NaNs")

    monkeypatch.setattr(paths.GarchModel, "fit", no_fit)
    monkeypatch.setattr(regimes, "regimes", broken)
    # cache=False: the patched code has the same source, so a cached result would be reused
    res = run_thesis(_seed(), market_store, out_dir=tmp_path / "o", formats=("md",), cache=False)
    assert res.exit_code == EXIT_INCOMPLETE and not res.complete
    steps = {x.step for x in res.left_out}
    assert steps == {"probabilities (garch)", "regimes"}
    f = res.facts
    assert "sp500.p_touch.6900.gbm" in f and "sp500.p_touch.6900.garch" not in f
    assert "sp500.range.base.low" in f  # the rest ran
    md = (tmp_path / "o" / "article.md").read_text()
    assert "did not converge" in md and "The regimes analysis could not run" in md
    man = json.loads((tmp_path / "o" / "manifest.json").read_text())
    assert {x["step"] for x in man["left_out"]} == steps


def test_runs_on_any_object_with_the_store_read_api(market_store: Store) -> None:
    class Snapshot:
        """The read API only: what a Dask worker or the web app may hand over."""

        def __init__(self, store: Store) -> None:
            self._s = store

        def has(self, series: str) -> bool:
            return self._s.has(series)

        def info(self, series: str):
            return self._s.info(series)

        def get(self, *a: Any, **k: Any):
            return self._s.get(*a, **k)

        def latest(self, series: str):
            return self._s.latest(series)

        def events(self, *a: Any, **k: Any):
            return self._s.events(*a, **k)

        def securities(self, *a: Any, **k: Any):
            return self._s.securities(*a, **k)

        def view(self, as_of: Any) -> StoreView:
            return StoreView(self, as_of)

    a = run_thesis(_seed(), Snapshot(market_store), with_scorecard=False)
    b = run_thesis(_seed(), market_store, with_scorecard=False)
    assert market_store.read_only
    assert {f.id: f.value for f in a.facts} == {f.id: f.value for f in b.facts}


def test_cli_exit_codes_and_the_summary_of_what_was_left_out(
    market_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from thesis.cli import main

    thesis = tmp_path / "t.toml"
    text = (EXAMPLES / "sp500-ai-rally-2026.toml").read_text()
    # no theme and no portfolio: the exit codes and the summary are the point
    text = text.split("[theme]")[0].replace('vix = "vix"', 'vix = "vix_missing"')
    thesis.write_text(text)
    args = ["run", str(thesis), "--store", str(market_store.path), "--paths", "1000"]
    args += ["--no-calibration", "--formats", "md"]
    with pytest.raises(SystemExit) as e:
        main([*args, "--out", str(tmp_path / "o")])
    assert e.value.code == EXIT_INCOMPLETE
    out = capsys.readouterr().out
    assert "1 part(s) left out" in out and "compare.vix" in out and "vix_missing" in out
    with pytest.raises(SystemExit) as e:
        main([*args, "--out", str(tmp_path / "o")])  # exists now: refused, exit 2
    assert e.value.code == 2
    assert "--overwrite" in capsys.readouterr().err
    with pytest.raises(SystemExit) as e:
        main([*args, "--out", str(tmp_path / "o"), "--overwrite"])
    assert e.value.code == EXIT_INCOMPLETE
