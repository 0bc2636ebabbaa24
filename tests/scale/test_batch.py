"""Batches of theses: a snapshot read like the store, identical facts serial / 2 workers / a worker
killed, failures isolated, finished theses skipped, results written whole."""

from __future__ import annotations

import json
import os
import signal
import threading
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from thesis.data.records import EventBatch, SeriesBatch, SeriesInfo
from thesis.data.store import Store
from thesis.errors import SpecError, StoreError
from thesis.scale.batch import TaskResult, _write_result, make_tasks, run_batch, thesis_id
from thesis.scale.grid import expand_grid
from thesis.scale.snapshot import SnapshotStore, export_snapshot, series_named
from thesis.spec import parse_thesis

THESIS = """
title = "Index at {level}"
as_of = {as_of}
horizon = 2024-06-28
seed = {seed}
[index]
series = "idx"
name = "Test index"
thresholds = [{level}]
[earnings]
eps_series = ""
level_monthly = ""
inflation_index = ""
long_yield = ""
[rates]
policy_series = ""
recession_series = ""
[compare]
small_caps = ""
large_caps = ""
bonds = ""
gold = ""
vix = "vol"
smb = ""
[analysis]
methods = ["gbm", "bootstrap", "garch"]
n_paths = 1000
calibrate = false
"""
# 1,000 paths (the least a thesis takes): every test here compares runs with each other (serial,
# on a cluster, after a lost worker, again) or looks at what was written, never at a precision


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """A small real store: a seeded random-walk index, a volatility index and FOMC meetings."""
    path = tmp_path_factory.mktemp("batch") / "m.duckdb"
    rng = np.random.default_rng(7)
    days = pd.bdate_range("2015-01-01", "2024-06-28")
    idx = 1000 * np.exp(np.cumsum(rng.normal(0.0003, 0.011, len(days))))
    vol = 15 + np.abs(np.cumsum(rng.normal(0, 0.3, len(days)))) % 30
    st = Store(path)
    st.ingest(
        [
            SeriesBatch(
                SeriesInfo("idx", "Test index", "points", "daily", "index", "test", "idx"),
                pd.DataFrame({"date": days, "value": idx}),
            ),
            SeriesBatch(
                SeriesInfo("vol", "Vol index", "points", "daily", "index", "test", "vol"),
                pd.DataFrame({"date": days, "value": vol}),
            ),
            SeriesBatch(
                SeriesInfo("other", "Unused", "points", "daily", "index", "test", "other"),
                pd.DataFrame({"date": days[:10], "value": np.arange(10.0) + 1}),
            ),
            EventBatch(
                pd.DataFrame(
                    {
                        "date": pd.to_datetime(["2023-12-13", "2024-01-31", "2024-03-20"]),
                        "kind": ["fomc_meeting"] * 3,
                        "subject": ["scheduled"] * 3,
                    }
                ),
                provider="test",
            ),
        ]
    )
    st.close()
    return Store(path, read_only=True)


def _specs(n: int = 6):
    out = []
    for i in range(n):
        level = 1000 + 150 * i
        as_of = "2023-12-29" if i % 2 else "2023-06-30"
        out.append(parse_thesis(THESIS.format(level=level, as_of=as_of, seed=100 + i)))
    return out


# most batches here ask for no article format (formats=()): the tests read the facts and what was
# run or skipped, and a thesis then draws no charts; the command-line test writes article.md


def _facts(out: Path) -> dict[str, list]:
    return {p.parent.name: json.loads(p.read_text()) for p in sorted(out.glob("*/facts.json"))}


def test_snapshot_reads_like_the_store(store: Store, tmp_path: Path) -> None:
    snap = export_snapshot(store, tmp_path, series=["idx", "vol"], until="2024-01-31")
    ss = SnapshotStore(snap.path)
    assert ss.series_ids() == ["idx", "vol"]
    a, b = store.view("2024-01-31").get("idx"), ss.view("2024-01-31").get("idx")
    assert a.equals(b) and a.attrs["source"] == b.attrs["source"]
    # nothing after the cut-off; events are all kept (meetings are known ahead)
    assert ss.get("idx").index[-1] == pd.Timestamp("2024-01-31")
    assert len(ss.view("2023-12-29").schedule("fomc_meeting", end="2024-12-31")) == 2
    # the same data give the same folder; other data another one
    assert export_snapshot(store, tmp_path, series=["idx", "vol"], until="2024-01-31") == snap
    assert export_snapshot(store, tmp_path, series=["idx"], until="2024-01-31").content_hash != (
        snap.content_hash
    )
    with pytest.raises(StoreError, match="read-only"):
        ss.ingest([])
    with pytest.raises(StoreError, match="not a thesis snapshot"):
        SnapshotStore(tmp_path)


def test_series_named_finds_the_ids_a_thesis_uses(store: Store) -> None:
    spec = _specs(1)[0]
    assert series_named(spec.model_dump(mode="json"), set(store.series_ids())) == {"idx", "vol"}
    known = {"plpc", "plpc_iex", "plpc_revenue_q", "sp500", "xlu", "spy_tr", "spy"}
    assert series_named({"theme": {"stocks": ["PLPC"]}}, known) == {
        "plpc",
        "plpc_iex",
        "plpc_revenue_q",
    }
    assert series_named(["spy_tr"], known) == {"spy_tr"}


def test_serial_two_workers_and_a_killed_worker_give_identical_facts(
    store: Store, tmp_path: Path, client
) -> None:
    # four theses (two as_of dates): two per worker, so the worker killed when the first result
    # is back still holds one at least
    specs = _specs(4)
    # no article format: the facts are compared, and no thesis draws its charts three times
    serial = run_batch(specs, store, tmp_path / "serial", with_scorecard=False, formats=())
    assert len(serial.done) == 4 and not serial.failed
    want = _facts(tmp_path / "serial")
    assert len(want) == 4
    two = run_batch(specs, store, tmp_path / "two", client=client, with_scorecard=False, formats=())
    assert sorted(two.done) == sorted(serial.done)
    assert _facts(tmp_path / "two") == want

    # kill a worker (SIGKILL) as soon as the first thesis is back: its tasks move elsewhere
    pids = list(client.run(os.getpid).values())
    assert len(pids) == 2
    killed = threading.Event()

    def kill_one(i: int, n: int, res: TaskResult) -> None:
        if not killed.is_set():
            killed.set()
            os.kill(pids[0] if res.worker_pid != pids[0] else pids[1], signal.SIGKILL)

    lost = run_batch(
        specs,
        store,
        tmp_path / "lost",
        client=client,
        with_scorecard=False,
        formats=(),
        progress=kill_one,
    )
    assert killed.is_set()
    assert sorted(lost.done) == sorted(serial.done) and not lost.failed
    assert _facts(tmp_path / "lost") == want


def test_finished_theses_are_recorded_in_the_store(store: Store, tmp_path: Path) -> None:
    import shutil

    from thesis.data.runs import read_runs

    path = tmp_path / "writable.duckdb"
    shutil.copyfile(store.path, path)
    writable = Store(path, read_only=True)
    specs = _specs(2)
    rep = run_batch(specs, writable, tmp_path / "out", with_scorecard=False, formats=())
    assert rep.stored == 2 and not rep.notes
    every = read_runs(path)  # the copied store may hold earlier batches' rows too
    runs = every[every["thesis_id"].isin(rep.done)]
    assert sorted(runs["thesis_id"]) == sorted(rep.done)
    assert set(runs["data_hash"]) == {rep.snapshot["content_hash"]}
    assert set(runs["series"]) == {"idx"}
    one = runs[runs["thesis_id"] == rep.done[0]].iloc[0]
    on_disk = json.loads((tmp_path / "out" / rep.done[0] / "facts.json").read_text())
    assert json.loads(one["facts"]) == on_disk
    # the same batch again on the same data: nothing to run, nothing duplicated
    again = run_batch(
        specs, writable, tmp_path / "out", with_scorecard=False, formats=(), force=True
    )
    assert again.stored == 2 and len(read_runs(path)) == len(every)


def test_a_failing_thesis_is_reported_and_the_rest_complete(store: Store, tmp_path: Path) -> None:
    good = _specs(2)
    bad = parse_thesis(THESIS.format(level=1200, as_of="2014-06-30", seed=1))  # before the data
    rep = run_batch([*good, bad], store, tmp_path, with_scorecard=False, formats=())
    assert len(rep.done) == 2
    assert list(rep.failed) == [thesis_id(bad)]
    assert "before" in rep.failed[thesis_id(bad)]
    assert json.loads((tmp_path / "failures.json").read_text()) == rep.failed
    assert not (tmp_path / thesis_id(bad)).exists()


def test_rerun_skips_what_is_done_and_reruns_on_new_data(store: Store, tmp_path: Path) -> None:
    specs = _specs(2)
    first = run_batch(specs, store, tmp_path, with_scorecard=False, formats=())
    again = run_batch(specs, store, tmp_path, with_scorecard=False, formats=())
    assert not again.done and sorted(again.skipped) == sorted(first.done)
    forced = run_batch(specs, store, tmp_path, with_scorecard=False, formats=(), force=True)
    assert sorted(forced.done) == sorted(first.done)
    # other data (a later cut of the same store): theses run again
    later = run_batch(specs, store, tmp_path, with_scorecard=True, formats=())
    assert sorted(later.done) == sorted(first.done)


def test_a_result_is_written_whole_or_not_at_all(tmp_path: Path) -> None:
    res = TaskResult("t1", "t", ok=True, facts=[{"id": "x"}], files={"article.md": b"# hi"})
    _write_result(tmp_path, res, "h1")
    assert json.loads((tmp_path / "t1" / "batch.json").read_text())["data_hash"] == "h1"
    # a file that cannot be written (a name that is a folder's) fails before anything replaces t1
    broken = TaskResult("t1", "t", ok=True, files={"a": b"1", "a/b": b"2"})
    with pytest.raises(OSError):
        _write_result(tmp_path, broken, "h2")
    assert (tmp_path / "t1" / "article.md").read_bytes() == b"# hi"
    assert [p.name for p in tmp_path.iterdir()] == ["t1"]  # no temporary folder left behind


def test_the_same_thesis_twice_is_one_task() -> None:
    specs = _specs(2)
    assert len(make_tasks([*specs, specs[0]])) == 2
    assert thesis_id(specs[0]) != thesis_id(specs[1])


def test_grid_expands_values_and_relative_levels(store: Store) -> None:
    import tomllib

    base = tomllib.loads(THESIS.format(level=1000, as_of="2023-06-30", seed=1))
    grid = {"as_of": ["2023-06-30", "2023-12-29"], "index.thresholds_pct": [[10], [20]]}
    specs = list(expand_grid(base, grid, store, name="g"))
    assert len(specs) == 4
    close = store.view("2023-12-29").latest("idx").value
    last = specs[-1]
    assert str(last.as_of) == "2023-12-29"
    assert last.index.thresholds == [round(close * 1.2, 2)]
    assert "thresholds=+20%" in last.title and last.title.startswith("Index at 1000 [g: ")
    titled = list(expand_grid(base, grid, store, title="{series_name} from {as_of} ({thresholds})"))
    assert titled[-1].title == "Test index from 2023-12-29 (+20%)"
    with pytest.raises(SpecError, match="unknown field"):
        list(expand_grid(base, grid, store, title="{nope}"))
    with pytest.raises(SpecError, match="non-empty list"):
        list(expand_grid(base, {"as_of": []}, store))
    with pytest.raises(SpecError, match=r"combination \(.*horizon"):
        list(expand_grid(base, {"horizon": ["2020-01-01"]}, store))


def test_cli_batch_reports_failures_with_exit_code(store: Store, tmp_path: Path) -> None:
    from thesis.cli import main

    good = tmp_path / "good.toml"
    good.write_text(THESIS.format(level=1100, as_of="2023-06-30", seed=3))
    bad = tmp_path / "bad.toml"
    bad.write_text(THESIS.format(level=1100, as_of="2014-06-30", seed=3))
    with pytest.raises(SystemExit) as e:
        main(
            [
                "batch",
                str(good),
                str(bad),
                "--out",
                str(tmp_path / "out"),
                "--store",
                str(store.path),
                "--no-scorecard",
            ]
        )
    assert e.value.code == 3
    assert len(list((tmp_path / "out").glob("idx-*/article.md"))) == 1


def test_calibration_sweep_is_the_same_in_process_and_on_a_cluster(store: Store, client) -> None:
    from thesis.scale.sweep import calibrate_sweep

    kw = dict(n_paths=300, start="2022-01-01", as_of="2024-06-28")
    here = calibrate_sweep(store, ["idx", "vol"], ["gbm", "bootstrap"], **kw)
    there = calibrate_sweep(store, ["idx", "vol"], ["gbm", "bootstrap"], client=client, **kw)
    assert not here.failed and len(here.scores) == 12  # 2 series x 2 methods x 3 horizons
    pd.testing.assert_frame_equal(here.scores, there.scores)
    bad = calibrate_sweep(store, ["other"], ["gbm"], **kw)  # ten days of data
    assert list(bad.failed) == ["other/gbm"] and bad.scores.empty
