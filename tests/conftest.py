"""Shared fixtures.

Tests that need ``../shared`` use the ``shared_data`` or ``shared_articles`` fixture (directly or
through a store fixture): it skips with a clear reason when the folder is absent and fails when
``CI=true`` (CI always has it beside the clone), and every such test carries the ``shared`` marker
(``pytest -m "not shared"`` runs the rest).

One store holds all of ``../shared/data``. It is built ONCE per test run, under a file lock in the
folder every xdist worker shares, and reused by all workers:

``market_store_file``  the DuckDB file (treat it as read-only; several processes read it at once)
``market_store``       a read-only :class:`~thesis.data.store.Store` on this worker's own copy of
                       it (a run's result cache writes into the store's file: each worker keeps its
                       own, so that no worker waits on another's lock and results cached by earlier
                       tests on the worker are read back as a user's second run would)
``market_store_copy``  a writable Store on a fresh copy of the file, for a test that writes
``events_store_file``  the shared store with the test calendars (tests/publish/fixtures) imported,
                       built the same way; the web and delivery tests copy it
``bundled_store_path``  the offline bundle that ``make demo`` uses, built the same way (no ../shared)
``bundled_store``      a read-only Store on a copy of it, one per module
``seed_run``, ``demo_run``  the seed thesis and the demo, run once per worker and written; read by
                       the pipeline and self-consistency tests (specs in tests/shared_runs.py)

Under xdist (``make test`` runs ``pytest -n 2``) the controller builds these files and compiles the
numba kernels (tests/prebuild.py) in background processes while the workers collect, and hands
out whole modules, the most expensive first (see ``pytest_xdist_make_scheduler`` below).

``shared_store`` (tests/data), ``claims_store`` (tests/writing) and ``shared_store``
(tests/portfolio, the file's path) are the same store under the names those tests use.
"""

from __future__ import annotations

import atexit
import itertools
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import prebuild
import pytest
from shared_runs import demo_spec, seed_spec

if TYPE_CHECKING:
    from thesis.data.store import Store

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("THESIS_SHARED", ROOT.parent / "shared"))
#: the fixtures that read ../shared; a test that uses one of them (even indirectly) is ``shared``
SHARED_FIXTURES = frozenset({"shared_data", "shared_articles"})


def _need(path: Path) -> Path:
    if not path.exists():
        msg = f"{path} is absent (tests that read ../shared in place need it beside the clone)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(msg)
        pytest.skip(msg)
    return path


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test that needs ../shared (through any fixture) with ``shared``; under xdist,
    order the work units (see :func:`pytest_xdist_make_scheduler`) the most expensive first."""
    for item in items:
        if SHARED_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.shared)
    if os.environ.get("PYTEST_XDIST_WORKER"):
        items[:] = _longest_first(config, items)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``../shared/data``: real market CSVs, read in place."""
    return _need(SHARED / "data")


@pytest.fixture(scope="session")
def shared_articles() -> Path:
    """``../shared/articles``: real articles with hand-judged labels."""
    return _need(SHARED / "articles")


@pytest.fixture(scope="session")
def _homes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A folder per test, numbered (see ``_isolated_home``)."""
    base = tmp_path_factory.mktemp("thesis_homes")
    return (base / str(n) for n in itertools.count())


@pytest.fixture(autouse=True)
def _isolated_home(_homes: Iterator[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the user's real store: THESIS_HOME points at a new empty folder.

    One numbered folder under a session folder, not ``tmp_path_factory.mktemp`` per test: mktemp
    lists the whole base folder to number each new one, which grows with every test (1.2 s of CPU
    per worker by the end of a run)."""
    home = next(_homes)
    home.mkdir()
    monkeypatch.setenv("THESIS_HOME", str(home))


# ------------------------------------------------------------------------------- xdist scheduling
#: modules whose tests are independent units of work (no expensive module fixture): xdist may
#: hand their tests to different workers (the generated theses come in shards, see that module)
SPLIT_MODULES = frozenset({"tests/pipeline/test_generated.py"})
#: seconds per module (setup, calls and teardown, one worker; recorded by a fresh clone's run of
#: ``pytest -n 2`` with CI=true on an idle 2-core machine) for the modules that cost 1.5 s or more:
#: the order a fresh clone starts with. A run with the cache provider records the real figures
#: (``.pytest_cache``) and later runs order by them. Unknown modules count 0.05 s a test.
MODULE_SECONDS = {
    "tests/pipeline/test_generated.py": 39.0,
    "tests/data/test_faults.py": 18.4,
    "tests/writing/test_guard_hostile.py": 12.9,
    "tests/scale/test_batch.py": 12.1,
    "tests/claims/test_self_consistency.py": 12.1,
    "tests/analysis/test_paths.py": 8.4,
    "tests/pipeline/test_outputs.py": 8.1,
    "tests/web/test_browser.py": 7.9,
    "tests/pipeline/test_background.py": 7.8,
    "tests/pipeline/test_run.py": 6.4,
    "tests/claims/test_hostile.py": 6.0,
    "tests/web/test_app.py": 5.9,
    "tests/data/test_csv.py": 5.5,
    "tests/pipeline/test_run_cache.py": 4.9,
    "tests/writing/test_article.py": 4.7,
    "tests/data/test_shared_import.py": 4.2,
    "tests/analysis/test_cache.py": 3.8,
    "tests/data/test_store.py": 3.7,
    "tests/analysis/test_calibration.py": 3.4,
    "tests/analysis/test_ahead.py": 3.3,
    "tests/pipeline/test_demo.py": 3.0,
    "tests/publish/test_email.py": 2.6,
    "tests/data/test_cli_data.py": 2.5,
    "tests/portfolio/test_cli_stress.py": 2.4,
    "tests/pipeline/test_kinds.py": 2.1,
    "tests/analysis/test_kernels.py": 2.1,
    "tests/claims/test_store_failures.py": 2.1,
    "tests/writing/test_guard.py": 2.0,
    "tests/data/test_releases.py": 1.9,
    "tests/data/test_bundled.py": 1.8,
    "tests/publish/test_site.py": 1.6,
    "tests/data/test_edgar.py": 1.6,
}
_CACHE_KEY = "thesis/module_seconds"
#: modules that share an expensive session fixture go to one worker together, so that it is set up
#: once per run rather than once per worker: the two-worker Dask cluster (tests/scale/conftest.py)
#: the finished run the publishing tests read (``run_dir``, tests/publish/conftest.py), and the seed
#: and demo runs the pipeline and self-consistency tests read (``seed_run`` and
#: ``demo_run`` below)
GROUPS = {
    "tests/pipeline/test_run.py": "seed and demo runs",
    "tests/pipeline/test_wiring.py": "seed and demo runs",
    "tests/claims/test_self_consistency.py": "seed and demo runs",
    "tests/pipeline/test_demo.py": "seed and demo runs",
    "tests/writing/test_guard_hostile.py": "seed and demo runs",
    "tests/scale/test_batch.py": "tests/scale [dask cluster]",
    "tests/scale/test_executor.py": "tests/scale [dask cluster]",
    "tests/scale/test_screening.py": "tests/scale [dask cluster]",
    "tests/publish/test_email.py": "tests/publish [run_dir]",
    "tests/publish/test_site.py": "tests/publish [run_dir]",
    "tests/publish/test_track.py": "tests/publish [run_dir]",
}


def _module(nodeid: str) -> str:
    return nodeid.split("::", 1)[0]


def _unit(nodeid: str) -> str:
    """The work unit of a test: its module (or its module's :data:`GROUPS` entry), or the test
    itself in a :data:`SPLIT_MODULES` module."""
    module = _module(nodeid)
    return nodeid if module in SPLIT_MODULES else GROUPS.get(module, module)


def _longest_first(config: pytest.Config, items: list[pytest.Item]) -> list[pytest.Item]:
    """``items`` with the work units in decreasing cost, each unit's tests in their own order.

    Deterministic for a given cache content, so that every worker collects the same order (xdist
    checks). A module stays contiguous: pytest tears a module's fixtures down when the next test is
    in another module.
    """
    cache = getattr(config, "cache", None)  # absent under -p no:cacheprovider
    measured = cache.get(_CACHE_KEY, {}) if cache is not None else {}
    per_module: dict[str, int] = {}
    for item in items:
        per_module[_module(item.nodeid)] = per_module.get(_module(item.nodeid), 0) + 1

    def seconds(module: str) -> float:
        return measured.get(module, MODULE_SECONDS.get(module, 0.05 * per_module[module]))

    def cost(unit: str) -> float:
        module = _module(unit)
        if module in SPLIT_MODULES:  # one test of the module
            return seconds(module) / per_module[module]
        return sum(seconds(m) for m in per_module if GROUPS.get(m, m) == unit)

    first: dict[str, int] = {}
    for i, item in enumerate(items):
        first.setdefault(_unit(item.nodeid), i)
    order = {u: (-cost(u), i) for u, i in first.items()}
    return sorted(items, key=lambda it: order[_unit(it.nodeid)])


def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """``-n N`` (xdist's ``--dist load``): whole modules (or :data:`GROUPS`) per worker, in the
    collection's order (the most expensive first, :func:`_longest_first`), the next unit to the
    first worker free.

    xdist's ``load`` splits a module across workers, so that each sets up the module's fixtures (a
    pipeline run, a server, a store) again; ``loadfile`` keeps modules whole but cannot split the
    generated-thesis shards. Other ``--dist`` modes are left to xdist.
    """
    if config.getoption("dist", "no") != "load":
        return None
    from xdist.scheduler import LoadScopeScheduling

    # LoadScopeScheduling would otherwise re-sort the units by their number of tests (its
    # ``--loadscope-reorder``, on by default), which put a module of three 20-second tests last
    config.option.loadscopereorder = False

    class ModuleScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return _unit(nodeid)

    return ModuleScheduling(config, log)


_module_seconds: dict[str, float] = {}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if not os.environ.get("PYTEST_XDIST_WORKER"):  # the controller (or a run without xdist)
        module = _module(report.nodeid)
        _module_seconds[module] = _module_seconds.get(module, 0.0) + report.duration


# ----------------------------------------------------------------- built in the background (xdist)
_background: list[subprocess.Popen[bytes]] = []


def _run_folder(config: pytest.Config) -> Path:
    """The folder every xdist worker shares (a worker's ``getbasetemp().parent``)."""
    return config._tmp_path_factory.getbasetemp()  # type: ignore[attr-defined]


def _selected_text(config: pytest.Config) -> str:
    """The source of every Python file under the paths this run collects from (a cheap look at
    which shared fixtures the selected tests may use)."""
    out = []
    for arg in config.args:
        path = Path(arg.split("::", 1)[0])
        path = path if path.is_absolute() else Path(config.invocation_params.dir) / path
        if path.is_file():  # a module: its own text and its folder's fixtures
            files = [path, *[c for c in [path.parent / "conftest.py"] if c.is_file()]]
        else:
            files = sorted(path.rglob("*.py")) if path.is_dir() else []
        out += [f.read_text(encoding="utf-8", errors="replace") for f in files]
    return "\n".join(out)


def _start(args: list[str], locks: dict[str, Path]) -> threading.Thread:
    """Run ``python tests/prebuild.py ARGS`` in the background, holding ``locks`` until the stage
    each is named after is built.

    The locks are the ones :func:`_built_once` (and ``_numba_ready``) take in the workers, taken
    here before any worker starts: a worker that needs the file waits for this process, then finds
    it built (or, if the process failed, builds it itself). The process prints ``built STAGE``
    when a stage is done (tests/prebuild.py), which lets that stage's lock go at once; any lock
    still held is let go when the process ends. Returns the thread that waits for it.
    """
    from filelock import FileLock

    held: dict[str, FileLock] = {}
    for stage, lock in locks.items():
        lock.parent.mkdir(parents=True, exist_ok=True)
        fl = FileLock(str(lock), thread_local=False)
        fl.acquire()
        held[stage] = fl

    def run() -> None:
        try:
            if not _stopping.is_set():
                proc = subprocess.Popen(
                    [sys.executable, str(Path(prebuild.__file__)), *args],
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                    text=True,
                )
                _background.append(proc)
                assert proc.stdout is not None
                for line in proc.stdout:
                    stage = line.removeprefix("built ").strip()
                    if line.startswith("built ") and stage in held:
                        held.pop(stage).release()
                proc.wait()
        finally:
            for fl in held.values():
                fl.release()

    thread = threading.Thread(target=run, name=f"prebuild-{args[0]}", daemon=True)
    thread.start()
    return thread


_stopping = threading.Event()


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session: pytest.Session) -> None:
    """Under xdist, in the controller (before the workers start): build the stores the selected
    tests use and compile the numba kernels, in background processes, while the workers collect."""
    config = session.config
    if (
        os.environ.get("PYTEST_XDIST_WORKER")
        or config.getoption("dist", "no") == "no"
        or config.getoption("collectonly")
    ):
        return
    run = _run_folder(config)
    os.environ["THESIS_TEST_NUMBA_LOCK"] = str(run / "numba" / "ready.lock")
    os.environ["THESIS_TEST_NUMBA_PARALLEL_LOCK"] = str(run / "numba" / "parallel.lock")
    # the serial kernels, then the parallel variants while the first tests run: only the tests
    # that compare the two variants wait for those (the ``numba_parallel`` fixture)
    _start(
        ["numba"],
        {"numba": run / "numba" / "ready.lock", "numba-parallel": run / "numba" / "parallel.lock"},
    )
    text = _selected_text(config)
    if "bundled_store_path" in text:
        path = run / "bundled-store" / "market.duckdb"
        _start(["bundle", str(path)], {"bundle": path.with_name("build.lock")})
    uses = ("market_store", "shared_store", "claims_store", "events_store", "web_store", "run_dir")
    if (SHARED / "data").is_dir() and any(u in text for u in uses):
        market = run / "market-store" / "market.duckdb"
        events = run / "events-store" / "market.duckdb"
        _start(
            ["market", str(market), str(SHARED / "data"), str(events)],
            {"market": market.with_name("build.lock"), "events": events.with_name("build.lock")},
        )


def _selected_modules(config: pytest.Config) -> list[Path]:
    """The test modules under the paths this run collects from."""
    out: set[Path] = set()
    for arg in config.args:
        path = Path(arg.split("::", 1)[0])
        path = path if path.is_absolute() else Path(config.invocation_params.dir) / path
        if path.is_file():
            out.add(path)
        elif path.is_dir():
            out.update(path.rglob("test_*.py"))
    return sorted(out)


@pytest.hookimpl(tryfirst=True)
def pytest_collection(session: pytest.Session) -> None:
    """Under xdist, on every second worker: import the test modules in reverse order before the
    collection imports them in order.

    On a fresh clone each worker rewrites every test module's asserts (pytest's assertion
    rewriting) and caches the result in ``__pycache__``; both workers start at the first module
    and so both rewrite all of them, about 3 s of CPU each. Going the other way, this worker
    rewrites the second half while the other rewrites the first, and each then loads what the
    other cached. The import is the one pytest's collection would make (``prepend``: the module's
    folder first on ``sys.path``, its file name as the module name), which finds the module
    already imported; a module that fails to import is left to the collection to report.
    """
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not worker.startswith("gw") or int(worker[2:]) % 2 == 0:
        return
    if session.config.getoption("importmode") != "prepend":
        return
    import importlib

    for path in reversed(_selected_modules(session.config)):
        if path.stem in sys.modules:
            continue
        folder = str(path.parent)
        if sys.path[0] != folder:
            sys.path.insert(0, folder)
        try:
            importlib.import_module(path.stem)
        except (Exception, pytest.skip.Exception, pytest.fail.Exception):
            sys.modules.pop(path.stem, None)


def pytest_sessionfinish(session: pytest.Session) -> None:
    config = session.config
    if os.environ.get("PYTEST_XDIST_WORKER") or config.getoption("dist", "no") == "no":
        return
    cache = getattr(config, "cache", None)  # absent under -p no:cacheprovider
    if cache is not None and _module_seconds and not config.getoption("collectonly"):
        known = cache.get(_CACHE_KEY, {})
        cache.set(_CACHE_KEY, {**known, **{m: round(s, 2) for m, s in _module_seconds.items()}})


def pytest_unconfigure(config: pytest.Config) -> None:
    _stopping.set()
    for proc in _background:  # a run stopped early: the builds it started end with it
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        _session_over.set()


#: set in an xdist worker once its session is over and its reports are sent
_session_over = threading.Event()


def _exit_without_teardown() -> None:
    """In an xdist worker whose session ended, end the process after the atexit handlers without
    the interpreter's teardown (freeing every module and object of a two-minute session took
    the worker one to two seconds, which the controller waited for at the end of every run).
    Everything the worker owes the controller is sent by then; a worker that did not get this
    far (a crash, an internal error) exits the usual way, with its own status."""
    if _session_over.is_set():
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)


if os.environ.get("PYTEST_XDIST_WORKER"):
    # registered when this conftest loads, before the libraries the tests import register theirs:
    # atexit runs the last registered first, so theirs (thread pools, multiprocessing) run before
    atexit.register(_exit_without_teardown)


def _wait_for(env: str) -> None:
    """Under xdist, wait until the controller's background process lets go of the lock named by
    the environment variable ``env``: its stage is built (see :func:`_start`)."""
    lock = os.environ.get(env)
    if lock and os.environ.get("PYTEST_XDIST_WORKER"):
        from filelock import FileLock, Timeout

        try:
            with FileLock(lock, timeout=600):
                pass
        except Timeout:  # never block the tests on it: at worst a worker compiles on its own
            pass


@pytest.fixture(scope="session", autouse=True)
def _numba_ready() -> None:
    """Under xdist, wait for the controller's compilation of the serial numba kernels (see
    :func:`pytest_sessionstart`) before the first test, so that no worker compiles them again."""
    _wait_for("THESIS_TEST_NUMBA_LOCK")


@pytest.fixture(scope="session")
def numba_parallel() -> None:
    """Under xdist, wait for the controller's compilation of the kernels' parallel variants, which
    it starts after the serial ones: for a test that runs them (or a process it starts does)."""
    _wait_for("THESIS_TEST_NUMBA_PARALLEL_LOCK")


# ------------------------------------------------------------------------------------ the store
def _built_once(
    tmp_path_factory: pytest.TempPathFactory, name: str, build: Callable[[Path], None]
) -> Path:
    """``build(path)`` run once per test run, whatever the number of xdist workers.

    Under xdist the workers share ``getbasetemp().parent`` (this run's folder): the first worker to
    take the lock builds the file, the others wait and reuse it (the controller may have built it
    already, see :func:`pytest_sessionstart`). Without xdist the session's own temporary folder
    holds it.
    """
    from filelock import FileLock

    if not os.environ.get("PYTEST_XDIST_WORKER"):  # one process: the session cache is enough
        folder = tmp_path_factory.getbasetemp() / name
        folder.mkdir(exist_ok=True)
        path = folder / "market.duckdb"
        if not path.exists():
            build(path)
        return path
    folder = tmp_path_factory.getbasetemp().parent / name
    folder.mkdir(exist_ok=True)
    path = folder / "market.duckdb"
    with FileLock(str(folder / "build.lock")):
        if not path.exists():
            build(path)
    return path


@pytest.fixture(scope="session")
def market_store_file(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store file with all of ``../shared/data`` imported, built once per test run.

    Treat it as read-only: a test that writes uses ``market_store_copy``.
    """
    return _built_once(
        tmp_path_factory, "market-store", lambda p: prebuild.build_market_store(shared_data, p)
    )


@pytest.fixture(scope="session")
def events_store_file(market_store_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shared store with the test calendars imported (the BLS/BEA release dates and an
    earnings file from tests/publish/fixtures), built once per test run; read-only: copy it."""
    return _built_once(
        tmp_path_factory,
        "events-store",
        lambda p: prebuild.build_events_store(market_store_file, p),
    )


@pytest.fixture(scope="session")
def bundled_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled offline store (what ``make demo`` runs on), built once per test run; read-only:
    a test whose run writes (the result cache does) copies it, see ``bundled_store_copy``."""
    return _built_once(tmp_path_factory, "bundled-store", prebuild.build_bundled_store)


@pytest.fixture(scope="module")
def bundled_store(
    bundled_store_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    """A read-only Store on this module's copy of the bundled offline store (a run's result cache
    writes into the store's file, so runs never share the one built for the test run)."""
    from thesis.data.store import Store

    path = tmp_path_factory.mktemp("bundle") / "market.duckdb"
    shutil.copyfile(bundled_store_path, path)
    with Store(path, read_only=True) as store:
        yield store


@pytest.fixture(scope="session")
def market_store(
    market_store_file: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    """A read-only Store on this worker's copy of the shared store file (analysis, writing,
    pipeline and data tests).

    Read-only for the tests; a run's result cache writes its table into the file (as
    ``thesis run`` does on a user's store), which is why each worker has its own copy.
    """
    from thesis.data.store import Store

    path = tmp_path_factory.mktemp("market-store") / "market.duckdb"
    shutil.copyfile(market_store_file, path)
    store = Store(path, read_only=True)
    yield store
    store.close()


@pytest.fixture
def market_store_copy(market_store_file: Path, tmp_path: Path) -> Iterator[Store]:
    """A writable Store on a fresh copy of the shared store file, for one test."""
    from thesis.data.store import Store

    path = tmp_path / "market-copy" / "market.duckdb"
    path.parent.mkdir()
    shutil.copyfile(market_store_file, path)
    store = Store(path)
    yield store
    store.close()


# ------------------------------------------------------------ runs that several modules only read
@pytest.fixture(scope="session")
def seed_run(market_store: Store, tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Path]:
    """The seed thesis run once per worker, with every analysis (the calibration since 2022 with
    300 paths), written as Markdown and HTML: ``(result, out_dir)``. Read-only: the pipeline
    tests (tests/pipeline/test_run.py, test_wiring.py) and the self-consistency check
    (tests/claims/test_self_consistency.py) read the same run, which :data:`GROUPS` sends to
    one worker."""
    import datetime as dt

    from thesis.pipeline import run_thesis

    spec = seed_spec(calibrate=True, calibration_paths=300, calibration_start=dt.date(2022, 1, 1))
    out = tmp_path_factory.mktemp("seed_run") / "out"
    res = run_thesis(spec, market_store, out_dir=out, formats=("md", "html"), cache=False)
    return res, out


@pytest.fixture(scope="session")
def demo_run(
    bundled_store_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Any, Path]:
    """The demo on the bundled store, run once per worker and written as Markdown and HTML:
    ``(result, out_dir)``. Read-only; tests/pipeline/test_demo.py, the self-consistency check and
    the hostile-model suite (tests/writing/test_guard_hostile.py) read it (one worker, see
    :data:`GROUPS`)."""
    from thesis.data.store import Store
    from thesis.pipeline import run_thesis

    root = tmp_path_factory.mktemp("demo_run")
    shutil.copyfile(bundled_store_path, root / "market.duckdb")
    with Store(root / "market.duckdb", read_only=True) as store:
        res = run_thesis(demo_spec(), store, out_dir=root / "out", formats=("md", "html"))
    return res, root / "out"
