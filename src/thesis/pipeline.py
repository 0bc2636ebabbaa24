"""spec → data → analyses → facts → writing → outputs, with a run manifest: a table of steps.

:func:`run_thesis` is the one main job (``thesis run``, ``make demo``, the web app and the batch
runner). It checks the thesis against the store and the output folder before any work, then runs
:data:`STEPS` in order. Each step is a small function of a :class:`RunContext` (the view of the
store on ``as_of``, the spec, the series' profile, the random streams, the results so far) that
returns a result with ``facts()`` or ``None``; each declares the results it needs and whether it
applies to the series' kind (:mod:`thesis.analysis.kinds`: a yield gets no earnings valuation).

A step that fails (a GARCH fit that does not converge, an input the store lacks, any
:class:`~thesis.errors.ThesisError` or numerical error inside it) is *left out*: its reason
becomes a caveat, the rest completes, and :attr:`RunResult.left_out` lists it (``thesis run``
exits with :data:`EXIT_INCOMPLETE`). Only the levels, without which nothing can be said, are
required.

When the store holds data after ``as_of`` (a historical run) a scorecard is added, computed last
and from a separate read, so that nothing later can leak into the outlook.

Outputs are written into a fresh temporary folder beside ``out_dir`` and moved into place when
complete; an existing, non-empty ``out_dir`` is refused unless ``overwrite`` (then it is replaced
whole). The manifest lists every file written with its sha256.

Every analysis runs with one BLAS thread (:func:`thesis.analysis._threads.one_blas_thread`), so the
facts are bit-identical whatever the machine's core count or ``OPENBLAS_NUM_THREADS``. The slow,
deterministic results (the path probabilities, the walk-forward calibrations, the volatility
regimes, the theme's per-stock odds, the portfolio backtest, and the rendered article, charts and
tearsheet) are kept in the store's result cache (:class:`thesis.data.cache.ResultCache`), keyed by
everything they depend on: the data (content hashes, or the store's ingest log and catalog), the
settings, the random stream, the code that computes them and the numeric libraries' versions; a
result read back is the one a fresh computation gives (``tests/pipeline/test_run_cache.py``), and
``run_thesis(..., cache=False)`` computes everything.

Adding an analysis is a few lines: a function ``def _my_step(ctx) -> Result | None`` and one
``Step("my_step", _my_step, needs=(...), applies=...)`` in :data:`STEPS`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import hashlib
import json
import os
import platform
import secrets
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, Literal, cast

import numpy as np
import pandas as pd

from thesis import ids
from thesis.analysis.kinds import SeriesProfile, profile_for
from thesis.errors import (
    DataError,
    SeriesNotFoundError,
    SpecError,
    ThesisError,
)
from thesis.facts import Fact, FactSheet, Source
from thesis.outlook import LevelEvent, LevelRole, LevelView, Outlook
from thesis.spec import ThesisSpec

__all__ = [
    "EXIT_COMPLETE",
    "EXIT_ERROR",
    "EXIT_INCOMPLETE",
    "STEPS",
    "LeftOut",
    "RunContext",
    "RunResult",
    "Step",
    "check_output_dir",
    "run_thesis",
]

#: ``thesis run`` exit codes: every part that applies to the series ran
EXIT_COMPLETE = 0
#: a ThesisError stopped the run before anything was written (bad thesis, store, --out)
EXIT_ERROR = 2
#: the run completed and wrote its outputs, but some part was left out (a failed step or a
#: missing input); the terminal summary and the article's caveats list what and why
EXIT_INCOMPLETE = 3

_VERSIONED = (
    "thesis",
    "numpy",
    "pandas",
    "scipy",
    "duckdb",
    "arch",
    "skfolio",
    "statsmodels",
    "exchange_calendars",
    "numba",
    "matplotlib",
    "weasyprint",
    "jinja2",
)
#: errors inside a step that leave the step out instead of ending the run: the user-facing ones
#: and the numerical failures of fitting and linear algebra on unlucky data
STEP_ERRORS: tuple[type[BaseException], ...] = (
    ThesisError,
    ArithmeticError,
    ValueError,
    np.linalg.LinAlgError,
)
#: the independent random streams of a run: adding an analysis never changes another's draws (a new
#: stream is appended, so the earlier ones keep their spawn keys)
STREAMS = ("paths", "calibration", "portfolio", "regimes", "theme")
#: a level further than this factor from the close (log series) or this many percentage points
#: (yields) is a typo or a test of the system, not a thesis
ABSURD_RATIO = 100.0
ABSURD_PP = 25.0
#: free space an output folder needs (charts and the PDF are a few MB)
MIN_FREE_BYTES = 16 * 2**20


@dataclass(frozen=True)
class LeftOut:
    """A part of the run that is missing from the outputs, and why.

    ``kind``: ``failed`` (the step raised a ThesisError or a numerical error the data explain),
    ``error`` (a defect: any other exception, isolated so that the rest completes) or ``missing``
    (an input the thesis names is not in the store, or has no data on ``as_of``).
    """

    step: str
    reason: str
    kind: Literal["failed", "error", "missing"] = "failed"

    def to_dict(self) -> dict[str, str]:
        return {"step": self.step, "reason": self.reason, "kind": self.kind}


@dataclass
class RunResult:
    """What a run produced.

    ``left_out`` lists the parts that could not be computed; ``complete`` is True when none was.
    ``not_applicable`` names the parts that do not apply to the series' kind (not an omission).
    """

    spec: ThesisSpec
    facts: FactSheet
    outlook: Outlook
    manifest: dict[str, Any]
    results: dict[str, Any] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)
    left_out: list[LeftOut] = field(default_factory=list)
    not_applicable: list[str] = field(default_factory=list)
    #: the store's result cache and the keys of the cached steps (for the rendered outputs)
    cache: Any = field(default=None, repr=False)
    cache_keys: dict[str, str] = field(default_factory=dict, repr=False)
    #: recomputes the backtest when the portfolio came from the cache but its tearsheet did not
    portfolio_compute: Any = field(default=None, repr=False)

    @property
    def complete(self) -> bool:
        return not self.left_out

    @property
    def exit_code(self) -> int:
        """:data:`EXIT_COMPLETE` or :data:`EXIT_INCOMPLETE`."""
        return EXIT_COMPLETE if self.complete else EXIT_INCOMPLETE


# --------------------------------------------------------------------------- reading inputs
class _Inputs:
    """Reads through one :class:`~thesis.data.view.StoreView` and remembers every source it used."""

    def __init__(self, store: Any, as_of: dt.date) -> None:
        self.store, self.as_of = store, as_of
        self.view = store.view(as_of)
        self.sources: dict[str, Source] = self.view.sources

    def get(self, series: str | None) -> pd.Series | None:
        """What of the series was public on ``as_of``; None when nothing was.

        Observations dated after ``as_of`` are never read; a value describing a period (a monthly
        average, a macro release, earnings) counts only once the period has ended and the figure
        was published (the series' release lag, :mod:`thesis.data.releases`).
        """
        if not series:
            return None
        try:
            s = self.view.get(series, record=False)
        except SeriesNotFoundError:
            raise
        except DataError:
            return None
        return s

    def use(self, s: pd.Series) -> pd.Series:
        """Record the lineage of a series an analysis will use (for the manifest)."""
        src = s.attrs.get("source")
        if src is not None:
            self.sources[src.series] = src
        return s


@dataclass
class RunContext:
    """Everything a step may read and what the steps have produced so far.

    Attributes
    ----------
    spec, store, data
        The thesis, the store (any object with the Store read API) and the reads through its view
        on ``as_of`` (``data.view``).
    profile
        The subject's kind, units and model space.
    name
        The subject's display name.
    prices
        The subject's daily closes public on ``as_of``.
    results, facts, notes, charts, tables
        What the steps have produced (results by step name).
    left_out, not_applicable
        Parts missing from the outputs, and parts that do not apply to the series.
    cache, cache_notes
        The store's result cache (``None``: results are always computed) and why a result could
        not be written to it (for the manifest).
    key_dates
        The thesis's key dates (:class:`thesis.analysis.keydates.KeyDatesResult`), for the
        article's section and ``keydates.ics``.
    ahead
        Steps computing in a helper process (:class:`thesis.analysis.ahead.Ahead`), by name:
        the step takes its result at its turn.
    """

    spec: ThesisSpec
    store: Any
    data: _Inputs
    profile: SeriesProfile
    name: str
    prices: pd.Series
    last_date: pd.Timestamp
    streams: dict[str, np.random.SeedSequence]
    results: dict[str, Any] = field(default_factory=dict)
    facts: FactSheet = field(default_factory=FactSheet)
    notes: dict[str, str] = field(default_factory=dict)
    charts: dict[str, Any] = field(default_factory=dict)
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    left_out: list[LeftOut] = field(default_factory=list)
    not_applicable: list[str] = field(default_factory=list)
    say: Callable[[str], None] = lambda _label: None
    cache: Any = None
    cache_notes: list[str] = field(default_factory=list)
    cache_keys: dict[str, str] = field(default_factory=dict)
    key_dates: Any = None
    ahead: dict[str, Any] = field(default_factory=dict)
    _current: str = ""

    @property
    def subject(self) -> str:
        return self.spec.index.series

    @property
    def as_of(self) -> dt.date:
        return self.spec.as_of

    @property
    def horizon(self) -> dt.date:
        return self.spec.horizon

    def rng(self, stream: str) -> np.random.Generator:
        """A fresh Generator on one of :data:`STREAMS` (the same draws on every call)."""
        return np.random.default_rng(self.streams[stream])

    def optional(
        self, series: str | None, *, key: str, stale_days: int | None = None
    ) -> pd.Series | None:
        """The series public on ``as_of`` when the thesis names one; ``None`` (with a note and a
        left-out entry) when the store lacks it, has nothing public yet, or it is stale."""
        if not series:
            return None
        step = self._current or key
        if not self.store.has(series):
            self._missing(
                key,
                f"The store has no series `{series}` (thesis key `{key}`), so this part was left "
                f"out; add it with `thesis data import` or `thesis data update {series}`.",
                step,
            )
            return None
        s = self.data.get(series)
        if s is None:
            self._missing(
                key,
                f"Series `{series}` (thesis key `{key}`) has no data on or before the analysis "
                "date.",
                step,
            )
            return None
        if stale_days is not None and (pd.Timestamp(self.as_of) - s.index[-1]).days > stale_days:
            self._missing(
                key,
                f"Series `{series}` (thesis key `{key}`) ends long before the analysis date, so it "
                "was not used for the current reading.",
                step,
            )
            return None
        return self.data.use(s)

    def _missing(self, key: str, note: str, step: str) -> None:
        self.notes[key] = note
        entry = LeftOut(f"{step} ({key})", note, "missing")
        if all(x.reason != note for x in self.left_out):
            self.left_out.append(entry)


@dataclass(frozen=True)
class Step:
    """One analysis of the run.

    Attributes
    ----------
    name
        Results key, timing key and the label of its caveats.
    run
        ``run(ctx) -> result | None``: a result with ``facts()`` (and optionally ``notes``), or
        ``None`` when the step had nothing to add (it records why in ``ctx``).
    needs
        Results of earlier steps it reads; when one is missing the step is left out.
    applies
        Whether the step applies to this thesis and series (a yield gets no earnings valuation);
        a step that does not apply is listed in ``not_applicable``, not as left out.
    required
        The run cannot go on without it (the current level).
    """

    name: str
    run: Callable[[RunContext], Any]
    needs: tuple[str, ...] = ()
    applies: Callable[[RunContext], bool] = lambda _ctx: True
    required: bool = False


# --------------------------------------------------------------------------- caching
#: modules whose code computes each cached result: any change to them is a new cache key
_CACHED_CODE = {
    "probabilities": ("thesis.analysis.paths", "thesis.analysis._kernels"),
    "portfolio": (
        "thesis.portfolio.backtest",
        "thesis.portfolio.allocation",
        "thesis.portfolio.engine",
        "thesis.portfolio.metrics",
        "thesis.portfolio.stress",
        "thesis.portfolio.spec",
        "thesis.screen.screen",
        "thesis.screen.features",
        "thesis.screen.universe",
    ),
    "theme": ("thesis.screen", "thesis.analysis.paths", "thesis.analysis._kernels"),
    "regimes": ("thesis.analysis.regimes", "thesis.analysis._common"),
}
#: libraries whose version can move a cached number
_NUMERIC_LIBS = ("numpy", "scipy", "pandas", "numba", "arch", "skfolio", "exchange_calendars")


@functools.cache
def _code_version(modules: tuple[str, ...], libs: tuple[str, ...] = _NUMERIC_LIBS) -> str:
    """sha256 of the source of ``modules`` (a package: every file in its folder) and the versions
    of ``libs``: a cached result is reused only by the same code on the same libraries."""
    import importlib.util

    h = hashlib.sha256()
    for name in modules:
        spec = importlib.util.find_spec(name)
        h.update(name.encode())
        folders = list(getattr(spec, "submodule_search_locations", None) or ())
        origin = getattr(spec, "origin", None)
        paths = (
            sorted(q for f in folders for q in Path(f).rglob("*") if q.is_file())
            if folders
            else ([Path(origin)] if origin and os.path.exists(origin) else [])
        )
        for q in paths:
            if q.suffix in (".pyc",) or "__pycache__" in q.parts:
                continue
            h.update(str(q.name).encode())
            h.update(q.read_bytes())
    for lib in libs:
        with contextlib.suppress(metadata.PackageNotFoundError):
            h.update(f"{lib}={metadata.version(lib)}".encode())
    return h.hexdigest()


def _result_cache(store: Any) -> Any:
    """The store's result cache, or ``None`` for a store-like object without a DuckDB file."""
    from thesis.data.store import Store

    # a snapshot (a folder of Parquet files on a worker) is a Store too, but has no file to cache in
    if not isinstance(store, Store) or not store.path.is_file():
        return None
    from thesis.data.cache import ResultCache

    # the steps' results are written together once no step reads the store (ResultCache.flush)
    return ResultCache(store, defer=True)


def _store_state(store: Any) -> str:
    """A fingerprint of everything the store holds: its ingest log and its catalog (each series'
    rows, first and last date). Results that read many series (the theme, the portfolio) are
    keyed by it, so any import, update or deletion invalidates them."""
    ingests, catalog = getattr(store, "ingests", None), getattr(store, "catalog", None)
    if ingests is None or catalog is None:  # a store-like object: never cached, never keyed
        return ""
    h = hashlib.sha256()
    for frame in (ingests(), catalog()):
        h.update(frame.to_json(orient="values", date_format="iso").encode())
    return h.hexdigest()


@dataclass(frozen=True)
class _Stored:
    """A step's result read back from the result cache: the facts, notes and chart data it gave.

    Its ``facts()`` are the fresh result's, value for value (ids, values, units, methods and
    lineage round-trip exactly through JSON and Parquet); the small fields a step reads from its
    result (``methods``, ``failed``) are attributes, read from ``meta``."""

    facts_: tuple[Fact, ...]
    notes: tuple[str, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict)
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    cache_status: str = "from the cache"

    def facts(self) -> list[Fact]:
        return list(self.facts_)

    def __getattr__(self, name: str) -> Any:
        meta = self.__dict__.get("meta") or {}
        if name in meta:
            v = meta[name]
            return tuple(v) if isinstance(v, list) else v
        raise AttributeError(name)


def _parquet(df: pd.DataFrame) -> bytes:
    import io

    buf = io.BytesIO()
    df.to_parquet(buf, index=True)
    return buf.getvalue()


def _pack(result: Any, frames: dict[str, pd.DataFrame], meta: dict[str, Any]) -> tuple:
    """``(frame, doc)`` for :meth:`ResultCache.put`: one row per chart frame (its own Parquet
    bytes, so that each keeps its index and dtypes), and the facts, notes and meta as JSON."""
    frame = pd.DataFrame(
        {"name": list(frames), "parquet": [_parquet(df) for df in frames.values()]},
        columns=["name", "parquet"],
    )
    doc = {
        "facts": [f.to_dict() for f in result.facts()],
        "notes": list(getattr(result, "notes", ()) or ()),
        "meta": meta,
    }
    return frame, doc


def _unpack(frame: pd.DataFrame, doc: dict[str, Any]) -> _Stored:
    import io

    frames = {
        str(name): pd.read_parquet(io.BytesIO(bytes(blob)))
        for name, blob in zip(frame["name"], frame["parquet"], strict=True)
    }
    return _Stored(
        tuple(Fact.from_dict(x) for x in doc["facts"]),
        tuple(doc["notes"]),
        dict(doc["meta"]),
        frames,
    )


def _cached_step(
    ctx: RunContext,
    kind: str,
    parts: dict[str, Any],
    compute: Callable[[], Any],
    frames: Callable[[Any], dict[str, pd.DataFrame]],
    meta: Callable[[Any], dict[str, Any]],
) -> Any:
    """``compute()``, or the result the cache holds for the same ``parts`` (a :class:`_Stored`).

    ``parts`` must name everything the result depends on; the code of the modules in
    :data:`_CACHED_CODE` and the numeric libraries' versions are added here."""
    cache = ctx.cache
    if cache is None:
        return compute()
    key = cache.key(kind, code=_code_version(_CACHED_CODE[kind]), **parts)
    ctx.cache_keys[kind] = key
    hit = cache.get(key)
    if hit is not None:
        try:
            return _unpack(*hit)
        except (KeyError, TypeError, ValueError):  # a row from another layout: recompute
            pass
    res = compute()
    frame, doc = _pack(res, frames(res), meta(res))
    why = cache.put(key, kind, ctx.subject, frame, doc)
    if why is not None:
        ctx.cache_notes.append(f"{kind}: {why}")
    return res


def _stream_state(ctx: RunContext, stream: str) -> dict[str, Any]:
    """What identifies a random stream in a cache key: its seed and spawn key."""
    ss = ctx.streams[stream]
    return {"entropy": ss.entropy, "spawn_key": list(ss.spawn_key)}


# --------------------------------------------------------------------------- the steps
def _levels(ctx: RunContext) -> Any:
    from thesis.analysis.levels import levels

    ix = ctx.spec.index
    return levels(
        ctx.prices,
        subject=ctx.subject,
        as_of=ctx.as_of,
        thresholds=ix.thresholds,
        targets=[t.level for t in ix.targets],
        others=[x.level for x in ix.levels],
        space=ctx.profile.space,
        level_unit=ctx.profile.level_unit,
    )


def _methods(ctx: RunContext) -> tuple[str, ...]:
    from thesis.analysis.paths import default_methods

    m = ctx.spec.analysis.methods
    return tuple(m) if m is not None else default_methods(ctx.profile.space)


def _probabilities(ctx: RunContext) -> Any:
    from thesis.analysis import paths as P
    from thesis.data.cache import data_hash

    a, ix, space = ctx.spec.analysis, ctx.spec.index, ctx.profile.space
    drift = a.drift_ann_pct if space == "log" else a.drift_ann_bp
    # rate volatility regimes last decades (the 1980s moved yields 10-20 bp a day): a yield's
    # bootstrap and GARCH use the last ten years, not the whole history
    window = None if space == "log" else 2520
    models: dict[str, Callable[[], P.PathModel]] = {
        "gbm": lambda: P.GBMModel(window_sessions=a.gbm_window_sessions, drift_ann_pct=drift),
        "normal": lambda: P.NormalModel(window_sessions=a.gbm_window_sessions, drift_ann_pct=drift),
        "bootstrap": lambda: P.BootstrapModel(
            drift_ann_pct=drift, space=space, window_sessions=window
        ),
        "garch": lambda: P.GarchModel(drift_ann_pct=drift, space=space, window_sessions=window),
    }
    methods = _methods(ctx)
    levels = [
        *(P.LevelQuery(t.level, "close", "target", t.by) for t in ix.targets if t.by),
        *(P.LevelQuery(x.level, x.event, "level", x.by) for x in ix.levels),
    ]
    drawdowns = [P.DrawdownQuery(d.pct, d.from_, d.by) for d in ix.drawdowns]

    def compute() -> Any:
        return P.target_probabilities(
            ctx.prices,
            subject=ctx.subject,
            as_of=ctx.as_of,
            horizon=ctx.horizon,
            thresholds=ix.thresholds,
            targets=[t.level for t in ix.targets],
            levels=levels,
            drawdowns=drawdowns,
            methods=methods,
            n_paths=a.n_paths,
            rng=ctx.rng("paths"),
            models={m: models[m]() for m in methods},
            space=space,
            level_unit=ctx.profile.level_unit,
            on_method_error="drop",
        )

    parts = {
        "series": ctx.subject,
        "data": data_hash(ctx.prices),
        "as_of": ctx.as_of,
        "horizon": ctx.horizon,
        "thresholds": list(ix.thresholds),
        "targets": [t.level for t in ix.targets],
        "levels": [(q.level, q.event, q.role, q.by) for q in levels],
        "drawdowns": [(d.pct, d.basis, d.by) for d in drawdowns],
        "methods": list(methods),
        "models": {m: repr(sorted(vars(models[m]()).items())) for m in methods},
        "n_paths": a.n_paths,
        "space": space,
        "level_unit": ctx.profile.level_unit,
        "rng": _stream_state(ctx, "paths"),
    }
    res = _cached_step(
        ctx,
        "probabilities",
        parts,
        compute,
        frames=lambda r: {f"fan.{m}": r.fan(m) for m in r.methods},
        meta=lambda r: {"methods": list(r.methods), "failed": dict(r.failed)},
    )
    for m, why in res.failed.items():
        ctx.left_out.append(LeftOut(f"probabilities ({m})", why, "failed"))
    ctx.charts["fan"] = {
        m: res.frames[f"fan.{m}"] if isinstance(res, _Stored) else res.fan(m) for m in res.methods
    }
    return res


def _vol_index(ctx: RunContext) -> str | None:
    """The volatility index that prices the subject (the VIX for the S&P 500), unless the thesis
    switched the VIX off (``compare.vix = ""``) or the store lacks it."""
    from thesis.analysis.implied import MATCHING_VOL_INDEX

    vol = MATCHING_VOL_INDEX.get(ctx.subject)
    if not vol or not ctx.spec.compare.vix or ctx.profile.space != "log":
        return None
    return vol if ctx.store.has(vol) else None


def _implied_applies(ctx: RunContext) -> bool:
    return _vol_index(ctx) is not None


def _implied(ctx: RunContext) -> Any:
    """The VIX-implied, risk-neutral odds at the thesis's levels (an index its volatility index
    prices: the S&P 500 and the funds that track it)."""
    from thesis.analysis.implied import implied_probabilities

    vol_id = _vol_index(ctx)
    vol = ctx.optional(vol_id, key="compare.vix", stale_days=10)
    if vol is None:
        return None
    r = ctx.spec.rates
    rate = ctx.optional(r.policy_series, key="rates.policy_series") if r.policy_series else None
    ix = ctx.spec.index
    levels = [*(t.level for t in ix.targets), *(x.level for x in ix.levels)]
    return implied_probabilities(
        ctx.prices,
        vol,
        subject=ctx.subject,
        as_of=ctx.as_of,
        horizon=ctx.horizon,
        thresholds=ix.thresholds,
        targets=levels,
        rate=rate,
        vol_index_name=vol_id,
    )


def _long_history(ctx: RunContext) -> pd.Series:
    """The subject's longest history public on ``as_of``: its monthly series (the thesis's
    ``earnings.level_monthly``) when that tracks the subject and starts earlier, else its daily
    closes."""
    if "_long" in ctx.results:
        return ctx.results["_long"]
    out = ctx.prices
    e = ctx.spec.earnings
    if ctx.profile.space == "log" and e.level_monthly and ctx.store.has(e.level_monthly):
        monthly = ctx.data.get(e.level_monthly)
        if monthly is not None and monthly.index[0] < ctx.prices.index[0] and _tracks(ctx, monthly):
            out = monthly
    ctx.results["_long"] = out
    return out


#: a base rate from fewer non-overlapping windows than this is too thin to stand beside the odds
MIN_INDEPENDENT_WINDOWS = 20


def _base_rates(ctx: RunContext) -> Any:
    """How often the subject moved that far within the horizon over every earlier window: on its
    daily closes when they hold enough independent windows, else on its long monthly series."""
    from thesis.analysis.baserate import base_rates
    from thesis.data.calendars import sessions_between

    ix = ctx.spec.index
    kind = "yield" if ctx.profile.space == "diff" else "price"
    h = len(sessions_between(pd.Timestamp(ctx.as_of), pd.Timestamp(ctx.horizon)))
    series = ctx.prices
    if h and (len(series) - h) / h < MIN_INDEPENDENT_WINDOWS:
        long = _long_history(ctx)
        if long is not series:
            series = ctx.data.use(long)
    levels = [*(t.level for t in ix.targets), *(x.level for x in ix.levels)]
    return base_rates(
        series,
        subject=ctx.subject,
        as_of=ctx.as_of,
        horizon=ctx.horizon,
        thresholds=ix.thresholds,
        targets=levels,
        drawdowns_pct=[d.pct for d in ix.drawdowns if d.from_ == "now"],
        subject_kind=kind,
    )


def _tracks(ctx: RunContext, monthly: pd.Series) -> bool:
    """Whether a monthly-average series is the subject's own (a month's mean close within 2 % of it
    over the last two years), so that its valuation describes the subject."""
    from thesis.analysis._common import date_index

    daily = ctx.prices
    mean = daily.groupby(date_index(daily, "prices").to_period("M")).mean()
    m = monthly.copy()
    m.index = date_index(m, "monthly").to_period("M")
    both = pd.concat([mean, m], axis=1, join="inner").dropna().tail(24)
    if len(both) < 6:
        return False
    ratio = (both.iloc[:, 0] / both.iloc[:, 1]).to_numpy()
    return bool(np.median(np.abs(ratio - 1.0)) < 0.02)


def _valuation_applies(ctx: RunContext) -> bool:
    e = ctx.spec.earnings
    if not ctx.profile.applies("valuation"):
        return False
    if not (e.level_monthly and e.eps_series and e.inflation_index and e.long_yield):
        return False  # the thesis switched the valuation off
    asked = "earnings" in ctx.spec.model_fields_set
    if not asked and e.level_monthly != "sp500_monthly":
        return False
    if not ctx.store.has(e.level_monthly):
        return True  # _valuation says the input is missing
    monthly = ctx.data.get(e.level_monthly)
    if monthly is None:
        return True
    if _tracks(ctx, monthly):
        return True
    if asked:  # the thesis asked for a valuation its monthly series cannot give
        note = (
            f"The monthly level series `{e.level_monthly}` (thesis key `earnings.level_monthly`) "
            f"does not track {ctx.name}, so earnings and multiples of another index were not "
            "applied to it; name the subject's own monthly series or remove `[earnings]`."
        )
        ctx._missing("earnings.level_monthly", note, "valuation")
    return False


#: the store's 10-year breakeven inflation rate (FRED T10YIE), for the real yield when present
BREAKEVEN_SERIES = "breakeven10y"


def _valuation(ctx: RunContext) -> Any:
    from thesis.analysis import valuation as val_mod

    e, ix = ctx.spec.earnings, ctx.spec.index
    monthly = ctx.optional(e.level_monthly, key="earnings.level_monthly")
    eps = ctx.optional(e.eps_series, key="earnings.eps_series")
    cpi = ctx.optional(e.inflation_index, key="earnings.inflation_index")
    long_y = ctx.optional(e.long_yield, key="earnings.long_yield")
    if monthly is None or eps is None or cpi is None or long_y is None:
        ctx.notes.setdefault(
            "valuation",
            "The valuation ranges need monthly index levels, EPS, an inflation index and "
            "a long yield; at least one is missing from the store, so no ranges are given.",
        )
        return None
    ctx.results["_valuation_inputs"] = (monthly, eps, cpi, long_y)
    # the breakeven is optional: without it the real yield is the yield less CPI inflation (said)
    breakeven = ctx.data.get(BREAKEVEN_SERIES) if ctx.store.has(BREAKEVEN_SERIES) else None
    if breakeven is not None:
        ctx.data.use(breakeven)
    lv = ctx.results["levels"]
    return val_mod.valuation_ranges(
        monthly,
        eps,
        cpi,
        long_y,
        subject=ctx.subject,
        as_of=ctx.as_of,
        horizon=ctx.horizon,
        eps_growth_pct=e.eps_growth_pct,
        breakeven=breakeven,
        targets=[t.level for t in ix.targets],
        thresholds=[*ix.thresholds, *(x.level for x in ix.levels)],
        level=lv.level,
        level_date=lv.level_date,
    )


def _range_calibration(ctx: RunContext) -> Any:
    from thesis.analysis._common import known_at
    from thesis.analysis.range_calibration import calibrate_ranges

    inputs = ctx.results.get("_valuation_inputs")
    if inputs is None:  # the valuation said why it has no inputs
        return None
    monthly, eps, cpi, long_y = inputs
    # outcomes are monthly averages: score only on months complete by as_of
    done = known_at(monthly, pd.Timestamp(ctx.as_of))
    return calibrate_ranges(
        done, eps, cpi, long_y, subject=ctx.subject, horizon_months=12, cache=ctx.cache
    )


def _rate_path(ctx: RunContext) -> Any:
    from thesis.analysis.ratepath import rate_path

    r = ctx.spec.rates
    meetings = ctx.data.view.schedule("fomc_meeting", end=pd.Timestamp(ctx.horizon))
    policy = ctx.optional(r.policy_series, key="rates.policy_series") if r.policy_series else None
    return rate_path(
        cuts=r.cuts,
        hikes=r.hikes,
        cut_bp=r.cut_bp,
        hike_bp=r.hike_bp,
        path=r.path,
        dates=r.dates,
        meetings=meetings,
        policy=policy,
        as_of=ctx.as_of,
        horizon=ctx.horizon,
        where=ctx.spec.where("rates", "path") if r.path is not None else "rates.path",
    )


def _subject_kind(ctx: RunContext) -> Literal["price", "yield"]:
    """How the cycle analyses measure the subject: price returns, or changes of a yield in pp."""
    return "yield" if ctx.profile.space == "diff" else "price"


def _cycles_apply(ctx: RunContext) -> bool:
    """Past easing cycles describe an equity (its returns after a first cut) and a yield or rate
    (its change in percentage points); a commodity fund or a ratio gets no cycle statistics."""
    return ctx.profile.equity or ctx.profile.space == "diff"


def _fed_cycles(ctx: RunContext) -> Any:
    from thesis.analysis import cycles as cyc_mod

    r, S = ctx.spec.rates, ctx.subject
    if not r.policy_series:
        return None
    policy = ctx.optional(r.policy_series, key="rates.policy_series")
    if policy is None:
        return None
    index_long = ctx.data.use(_long_history(ctx))
    smb = ctx.optional(ctx.spec.compare.smb, key="compare.smb") if _size_applies(ctx) else None
    rec = ctx.optional(r.recession_series, key="rates.recession_series")
    if ctx.store.info(r.policy_series).frequency == "quarterly":
        # the cycle detector works on months: carry each quarter's rate through its months
        src = policy.attrs.get("source")
        policy = policy.resample("MS").ffill()
        policy.attrs["source"] = src
        ctx.notes["rates.quarterly"] = (
            f"The policy-rate series `{r.policy_series}` is quarterly, so cycle dates are only "
            "known to the quarter."
        )
    if r.cycles_start is not None:
        policy = policy[policy.index >= pd.Timestamp(r.cycles_start)]
        if policy.empty:
            from thesis.errors import InsufficientDataError

            raise InsufficientDataError(
                f"the policy rate has no data between rates.cycles_start ({r.cycles_start}) and "
                f"the analysis date ({ctx.as_of})",
                where=ctx.spec.where("rates", "cycles_start"),
                fix="set an earlier rates.cycles_start, or a later as_of",
            )
    # a policy series that stopped long ago can still date past cycles, but not say where the
    # rate stands now
    stale = (pd.Timestamp(ctx.as_of) - policy.index[-1]).days > 100
    if stale:
        ctx.notes["rates.policy_now"] = (
            f"The policy-rate series `{r.policy_series}` ends long before the analysis date, so "
            "past easing cycles are shown but the current rate and stance are not."
        )
    cyc = cyc_mod.fed_cycles(
        policy,
        index_long,
        smb=smb,
        recession=rec,
        as_of=ctx.as_of,
        subject=S,
        subject_kind=_subject_kind(ctx),
        thesis_cuts=r.cuts,
        cut_bp=r.cut_bp,
    )
    drop = (ids.fed("policy_rate"), ids.fed("in_easing_cycle")) if stale else ()
    frame = cyc.to_frame().reset_index()
    measures = [m for m in cyc.measures if m in frame.columns]
    ctx.charts["fed_cycles"] = frame.rename(columns={c: f"{c}_{cyc._unit(c)}" for c in measures})
    ctx.tables["fed_cycles"] = cyc.to_frame()
    return _Filtered(cyc, drop)


@dataclass(frozen=True)
class _Filtered:
    """A result whose facts with some id prefixes are withheld (a stale policy rate)."""

    result: Any
    drop: tuple[str, ...]

    def facts(self) -> list[Fact]:
        return [f for f in self.result.facts() if not (self.drop and f.id.startswith(self.drop))]

    @property
    def notes(self) -> Sequence[str]:
        return getattr(self.result, "notes", ()) or ()

    def __getattr__(self, name: str) -> Any:
        if name == "result" or name.startswith("__"):
            # not set yet (copy and pickle build the object before its fields): no recursion
            raise AttributeError(name)
        return getattr(self.result, name)


def _size_applies(ctx: RunContext) -> bool:
    return ctx.profile.applies("size")


#: the macro indicators the store may hold (FRED ids), read when present; none is required
MACRO_SERIES = {
    "unemployment": "unrate",
    "payrolls": "payems",
    "gdp": "gdp_real",
    "curve": "ust10y2y",
    "ust10y": "ust10y",
    "ust2y": "ust2y",
}


def _macro_applies(ctx: RunContext) -> bool:
    return (ctx.profile.equity or ctx.profile.space == "diff") and any(
        ctx.store.has(s) for s in MACRO_SERIES.values()
    )


def _macro_cycles(ctx: RunContext) -> Any:
    """What followed unemployment turns, payroll falls, falling GDP and curve inversions."""
    from thesis.analysis.macro import macro_cycles

    given: dict[str, pd.Series] = {}
    for arg, sid in MACRO_SERIES.items():
        if sid == ctx.subject or not ctx.store.has(sid):
            continue  # the subject is not its own indicator
        s = ctx.data.get(sid)
        if s is not None and len(s):
            given[arg] = ctx.data.use(s)
    if not any(k in given for k in ("unemployment", "payrolls", "gdp", "curve")) and not (
        "ust10y" in given and "ust2y" in given
    ):
        ctx.notes["macro_cycles"] = (
            "No unemployment, payroll, GDP or yield-curve data were public on the analysis "
            "date, so past macro turning points are not described."
        )
        return None
    res = macro_cycles(
        ctx.data.use(_long_history(ctx)),
        as_of=ctx.as_of,
        subject=ctx.subject,
        subject_kind=_subject_kind(ctx),
        # the keys of MACRO_SERIES, each an argument of macro_cycles (None: not public)
        unemployment=given.get("unemployment"),
        payrolls=given.get("payrolls"),
        gdp=given.get("gdp"),
        curve=given.get("curve"),
        ust10y=given.get("ust10y"),
        ust2y=given.get("ust2y"),
    )
    ctx.tables["macro_cycles"] = res.to_frame()
    return res


def _regimes(ctx: RunContext) -> Any:
    from thesis.analysis import regimes as reg_mod

    c, prof = ctx.spec.compare, ctx.profile
    kw: dict[str, Any] = {}
    if prof.applies("vix") and c.vix != ctx.subject:
        kw["vix"] = ctx.optional(c.vix, key="compare.vix", stale_days=10)
    if prof.applies("correlations"):
        for name, key in (("bonds", "compare.bonds"), ("gold", "compare.gold")):
            x = ctx.optional(getattr(c, name), key=key, stale_days=10)
            if x is not None and _same_asset(ctx.prices, x):
                # the subject compared with itself (gold's ETF against gold) says nothing
                ctx.notes[key] = (
                    f"The {name} series `{getattr(c, name)}` moves with {ctx.name} itself, so it was "
                    "not used as a comparison."
                )
                x = None
            kw[name] = x
    if prof.applies("size"):
        kw["smb"] = ctx.optional(c.smb, key="compare.smb", stale_days=400)
        kw["small"] = ctx.optional(c.small_caps, key="compare.small_caps", stale_days=10)
        kw["large"] = ctx.optional(c.large_caps, key="compare.large_caps", stale_days=10)
    from thesis.data.cache import data_hash

    parts = {
        "series": ctx.subject,
        "as_of": ctx.as_of,
        "space": prof.space,
        "data": {k: data_hash(v) for k, v in [("subject", ctx.prices), *sorted(kw.items())]},
    }
    res = _cached_step(
        ctx,
        "regimes",
        parts,
        lambda: reg_mod.regimes(
            ctx.prices, subject=ctx.subject, as_of=ctx.as_of, space=prof.space, **kw
        ),
        frames=lambda r: {"vol_history": r.to_frame()},
        meta=lambda r: {},
    )
    ctx.charts["vol_history"] = (
        res.frames["vol_history"] if isinstance(res, _Stored) else res.to_frame()
    )
    return res


def _same_asset(a: pd.Series, b: pd.Series, sessions: int = 252) -> bool:
    """Whether two price series are one asset (daily log returns correlated above 0.98 over the
    last year of common sessions): an ETF and its total-return series, say."""
    both = pd.concat([a, b], axis=1, join="inner").dropna().tail(sessions + 1)
    if len(both) < 60 or (both <= 0).any().any():
        return False
    # a ufunc on a DataFrame is a DataFrame (__array_ufunc__); numpy's stubs say ndarray
    r = cast("pd.DataFrame", np.log(both)).diff().dropna()
    return bool(r.iloc[:, 0].corr(r.iloc[:, 1]) > 0.98)


def _calibration_args(ctx: RunContext) -> dict[str, Any]:
    """The arguments of the walk-forward calibration (all but the random stream and the cache)."""
    from thesis.analysis import calibration as cal_mod

    a = ctx.spec.analysis
    vol_id = _vol_index(ctx)
    return {
        "prices": ctx.prices,
        "subject": ctx.subject,
        "methods": tuple(m for m in _methods(ctx) if m in cal_mod.METHODS),
        "n_paths": a.calibration_paths,
        "start": a.calibration_start,
        "base_rate": True,
        "vol_index": ctx.data.get(vol_id) if vol_id else None,
    }


@dataclass(frozen=True)
class _Ready:
    """A step's result already at hand (read from the cache while deciding to compute ahead)."""

    value: Any
    key: None = None

    def result(self) -> Any:
        return self.value

    def close(self) -> None:
        pass


def _calibration_ahead(ctx: RunContext) -> Any:
    """Start the calibration in a helper process when it must be computed (not in the cache).

    The longest step of a cold run and a serial one: on a spare core it overlaps the steps before
    it. The helper computes exactly what the step would (same inputs and random stream, no cache);
    the step writes the result into the cache under the key the probe found.
    """
    from thesis.analysis import calibration as cal_mod
    from thesis.analysis.ahead import Ahead

    try:
        kwargs = _calibration_args(ctx)
        key = None
        if ctx.cache is not None:
            try:
                hit = cal_mod.calibrate(
                    **kwargs, rng=ctx.rng("calibration"), cache=cal_mod.CacheProbe(ctx.cache)
                )
            except cal_mod.CacheProbe.Miss as miss:
                key = miss.key
            else:
                return _Ready(hit)  # cached: no helper needed
    except Exception:  # bad inputs: the step reports them at its turn
        return None
    return Ahead(
        cal_mod.calibrate, kwargs={**kwargs, "rng": ctx.rng("calibration"), "cache": None}, key=key
    )


def _calibration(ctx: RunContext) -> Any:
    from thesis.analysis import calibration as cal_mod

    kwargs = _calibration_args(ctx)
    vol = kwargs["vol_index"]
    if vol is not None:
        ctx.data.use(vol)
    job = ctx.ahead.pop("calibration", None)
    res = job.result() if job is not None else None
    if res is None:  # not computed ahead (or the helper failed): here
        res = cal_mod.calibrate(**kwargs, rng=ctx.rng("calibration"), cache=ctx.cache)
    elif job.key is not None and ctx.cache is not None:
        res = cal_mod.keep_in_cache(res, ctx.cache, job.key)
    ctx.charts["calibration"] = res.to_frame()
    ctx.charts["reliability"] = res.reliability_frame()
    ctx.tables["calibration"] = res.to_frame()
    return res


def _theme(ctx: RunContext) -> Any:
    """The thesis's theme: its named stocks, the sector funds and its claims (issue 10)."""
    from thesis.screen.theme import theme_analysis

    if not hasattr(ctx.store, "series_ids"):
        raise DataError(
            "the theme analysis looks up stock and sector prices in the store's catalog, which "
            "this store object does not offer",
            where="[theme]",
            fix="run the thesis on a thesis store (thesis.data.Store), or remove [theme]",
        )
    theme = ctx.spec.theme.resolved(ctx.spec.path)
    parts = {
        "theme": theme.model_dump(mode="json"),
        "index": ctx.subject,
        "as_of": ctx.as_of,
        "horizon": ctx.horizon,
        "rng": _stream_state(ctx, "theme"),
        "store": _store_state(ctx.store),
    }
    res = _cached_step(
        ctx,
        "theme",
        parts,
        lambda: theme_analysis(
            ctx.data.view,
            ctx.spec.theme,
            index_series=ctx.subject,
            as_of=ctx.as_of,
            horizon=ctx.horizon,
            rng=ctx.rng("theme"),
            base=ctx.spec.path,
        ),
        frames=lambda r: {},
        meta=lambda r: {"sources": [x.to_dict() for x in getattr(r, "sources", ()) or ()]},
    )
    sources = (
        [Source.from_dict(x) for x in res.meta["sources"]]
        if isinstance(res, _Stored)
        else list(getattr(res, "sources", ()) or ())
    )
    for src in sources:
        ctx.data.sources[src.series] = src
    return res


def _portfolio(ctx: RunContext) -> Any:
    from thesis.portfolio import run_portfolio

    theme = ctx.spec.theme.resolved(ctx.spec.path) if ctx.spec.theme is not None else None

    def compute() -> Any:
        return run_portfolio(
            ctx.spec.portfolio, ctx.store, as_of=ctx.as_of, rng=ctx.rng("portfolio"), theme=theme
        )

    parts = {
        "portfolio": ctx.spec.portfolio.model_dump(mode="json"),
        "theme": theme.model_dump(mode="json") if theme is not None else None,
        "as_of": ctx.as_of,
        "rng": _stream_state(ctx, "portfolio"),
        "store": _store_state(ctx.store),
    }
    pf = _cached_step(
        ctx,
        "portfolio",
        parts,
        compute,
        frames=lambda r: dict(getattr(r, "charts", {}) or {}),
        meta=lambda r: {"sources": [x.to_dict() for x in getattr(r, "sources", ()) or ()]},
    )
    if isinstance(pf, _Stored):
        # the tearsheet needs the whole backtest: it is recomputed only if its files are not cached
        ctx.results["_portfolio_compute"] = compute
        ctx.charts.update(pf.frames)
        sources = [Source.from_dict(x) for x in pf.meta["sources"]]
    else:
        ctx.charts.update(getattr(pf, "charts", {}) or {})
        sources = list(getattr(pf, "sources", ()) or ())
    for src in sources:
        ctx.data.sources[src.series] = src
    return pf


def _key_dates(ctx: RunContext) -> Any:
    """The scheduled days inside the horizon that bear on the thesis (issue 11)."""
    from thesis.analysis.keydates import ThesisContext, key_dates

    tickers: list[str] = []
    if ctx.spec.theme is not None:
        theme = ctx.spec.theme.resolved(ctx.spec.path)
        tickers = [s.ticker for s in theme.stocks]
    tc = ThesisContext.from_spec(ctx.spec, tickers=tickers)
    tc = dataclasses.replace(tc, subject_name=ctx.name)
    res = key_dates(ctx.data.view, tc, start=ctx.as_of, end=ctx.horizon)
    ctx.key_dates = res
    return res


def _calibrate(ctx: RunContext) -> bool:
    return ctx.spec.analysis.calibrate


#: the run, in order; see :class:`Step`
STEPS: tuple[Step, ...] = (
    Step("levels", _levels, required=True),
    Step("probabilities", _probabilities, needs=("levels",)),
    Step("implied", _implied, needs=("levels",), applies=_implied_applies),
    Step("base_rates", _base_rates, needs=("levels",)),
    Step("valuation", _valuation, needs=("levels",), applies=_valuation_applies),
    Step(
        "range_calibration",
        _range_calibration,
        applies=lambda c: _calibrate(c) and "valuation" not in c.not_applicable,
    ),
    Step("rate_path", _rate_path),
    Step(
        "fed_cycles",
        _fed_cycles,
        applies=lambda c: _cycles_apply(c) and bool(c.spec.rates.policy_series),
    ),
    Step("macro_cycles", _macro_cycles, applies=_macro_applies),
    Step("regimes", _regimes),
    Step(
        "calibration",
        _calibration,
        applies=lambda c: _calibrate(c) and c.profile.applies("calibration"),
    ),
    Step("theme", _theme, applies=lambda c: c.spec.theme is not None),
    Step("portfolio", _portfolio, applies=lambda c: c.spec.portfolio is not None),
    Step("key_dates", _key_dates),
)


def _run_step(ctx: RunContext, step: Step) -> None:
    missing = [n for n in step.needs if n not in ctx.results]
    if missing:
        reason = f"it needs the {', '.join(missing)} result, which was left out"
        ctx.notes.setdefault(
            step.name, f"The {step.name.replace('_', ' ')} analysis did not run: {reason}."
        )
        ctx.left_out.append(LeftOut(step.name, reason, "failed"))
        return
    ctx.say(step.name.replace("_", " "))
    ctx._current = step.name
    t = time.perf_counter()
    try:
        res = step.run(ctx)
        facts = list(res.facts()) if res is not None else []
        # a step whose facts contradict the sheet (one id, two values) is as broken as one that
        # raised: it is left out whole rather than half added
        clash = [f.id for f in facts if (g := ctx.facts.get(f.id)) is not None and g != f]
        if clash:
            raise ValueError(f"its fact {clash[0]!r} contradicts one already stated")
    except Exception as e:
        if step.required:
            raise
        # an expected failure (bad data, a fit that does not converge) or a defect in the step:
        # either way one analysis must not take the whole outlook down; a defect is marked as such
        # ("error") so that tests and the summary can tell it from a failure the data explain
        expected = isinstance(e, STEP_ERRORS)
        what = e.what if isinstance(e, ThesisError) else f"{type(e).__name__}: {e}"
        if not expected:
            what = f"unexpected {what} (please report it)"
        fix = f" {e.fix}" if isinstance(e, ThesisError) and e.fix else ""
        ctx.notes[step.name] = (
            f"The {step.name.replace('_', ' ')} analysis could not run: {what}.{fix}"
        )
        ctx.left_out.append(LeftOut(step.name, what, "failed" if expected else "error"))
        res = None
    finally:
        ctx._current = ""
        ctx.timings[step.name] = round(time.perf_counter() - t, 3)
    if res is None:
        return
    ctx.results[step.name] = res
    ctx.facts.extend(facts)
    ctx.notes.update({f"{step.name}.{i}": n for i, n in enumerate(getattr(res, "notes", ()) or ())})


# --------------------------------------------------------------------------- checks before work
def _versions() -> dict[str, str]:
    return dict(_installed_versions())


@functools.cache
def _installed_versions() -> tuple[tuple[str, str], ...]:
    """What the manifest records, read once per process: ``importlib.metadata`` scans every
    installed distribution on each call (19 ms of a 0.35 s run), and what is imported cannot change
    under a running process."""
    out = [("python", platform.python_version())]
    for name in _VERSIONED:
        with contextlib.suppress(metadata.PackageNotFoundError):
            out.append((name, metadata.version(name)))
    return tuple(out)


def _series_hint(store: Any, series: str) -> str:
    from thesis.errors import nearest

    try:
        hint = nearest(series, store.series_ids())
    except Exception:  # a store-like object without a catalog listing
        return ""
    return f" (nearest: {', '.join(hint)})" if hint else ""


def _profile(spec: ThesisSpec, store: Any) -> SeriesProfile:
    series = spec.index.series
    if not store.has(series):
        raise SpecError(
            f"index.series {series!r} is not in the store" + _series_hint(store, series),
            where=spec.where("index", "series"),
            fix=f"get it with `thesis data update {series}` or `thesis data import PATH`, "
            "or build the offline sample with `thesis data bundle`",
        )
    info = store.info(series)
    return profile_for(
        series,
        info.kind,
        info.unit,
        frequency=info.frequency,
        where=spec.where("index", "series"),
    )


def _display_name(spec: ThesisSpec, store: Any) -> str:
    if spec.index.name:
        return spec.index.name
    name = str(store.info(spec.index.series).name or spec.index.series)
    return name.split(" (")[0].strip() or spec.index.series


def _check_spec_against_store(
    spec: ThesisSpec, store: Any, profile: SeriesProfile
) -> tuple[pd.Timestamp, pd.Series]:
    """The subject's closes public on ``as_of``; every level and method checked against them."""
    series = spec.index.series
    full = store.get(series)
    if full.empty:  # latest() says why (no data, and how to get it)
        store.latest(series)
        raise DataError(
            f"the store holds no observations of {series}",
            where=series,
            fix=f"import them (`thesis data update {series}` or `thesis data import PATH`)",
        )
    # the last date of the series as read (the store's latest() is a query of its own: 3 ms)
    last, first = full.index[-1], full.index[0]
    if pd.Timestamp(spec.as_of) > last:
        raise SpecError(
            f"as_of {spec.as_of} is after the last {series} close in the store ({last.date()})",
            where=spec.where("as_of"),
            fix=f"set as_of on or before {last.date()}, or update the data with `thesis data update {series}`",
        )
    if pd.Timestamp(spec.as_of) < first:
        raise SpecError(
            f"as_of {spec.as_of} is before {series} starts ({first.date()})",
            where=spec.where("as_of"),
            fix=f"set as_of on or after {first.date()}",
        )
    prices = store.view(spec.as_of).get(series, record=False)
    close = float(prices.iloc[-1])
    ix = spec.index
    stated = [("thresholds", x) for x in ix.thresholds]
    stated += [("targets", t.level) for t in ix.targets]
    stated += [("levels", x.level) for x in ix.levels]
    for key, L in stated:
        where = spec.where("index", key)
        if profile.positive and L <= 0:
            raise SpecError(
                f"index.{key}: {L:g} is not a positive level of {series}",
                where=where,
                fix="levels of a price or index are positive, in its own unit",
            )
        absurd = (
            L / close > ABSURD_RATIO or L / close < 1 / ABSURD_RATIO
            if profile.space == "log"
            else abs(L - close) > ABSURD_PP
        )
        if absurd:
            raise SpecError(
                f"index.{key}: {L:,.6g} is far from the {series} close of {close:,.6g} on "
                f"{prices.index[-1].date()} (a level must be within "
                + (
                    f"a factor of {ABSURD_RATIO:g} of it)"
                    if profile.space == "log"
                    else f"{ABSURD_PP:g} percentage points of it)"
                ),
                where=where,
                fix="check the level's unit: index points for an index, the price for a share, "
                "percent for a yield (4.5, not 450 or 0.045)",
            )
    if ix.drawdowns and not profile.applies("drawdown"):
        raise SpecError(
            f"index.drawdowns: a fall in percent does not apply to {series}, a {profile.kind} "
            "that moves in percentage points",
            where=spec.where("index", "drawdowns"),
            fix='state a level instead, e.g. [[index.levels]] level = 3.5, event = "close_below"',
        )
    methods = spec.analysis.methods
    if methods is not None:
        from thesis.analysis.paths import SPACE_METHODS

        wrong = [m for m in methods if m not in SPACE_METHODS[profile.space]]
        if wrong:
            why = (
                "GBM models log returns and needs a positive price; a yield moves in percentage "
                "points"
                if "gbm" in wrong
                else "the normal random walk of changes is for yields, rates and spreads"
            )
            raise SpecError(
                f"analysis.methods: {', '.join(wrong)} does not fit {series}, a {profile.kind} "
                f"({why})",
                where=spec.where("analysis", "methods"),
                fix=f"use some of {list(SPACE_METHODS[profile.space])}, or leave methods out",
            )
    r = spec.rates
    if r.path is not None:
        from thesis.analysis.ratepath import check_path

        check_path(
            r.path,
            store.view(spec.as_of).schedule("fomc_meeting", end=pd.Timestamp(spec.horizon)),
            as_of=spec.as_of,
            horizon=spec.horizon,
            where=spec.where("rates", "path"),
        )
    a = spec.analysis
    if profile.space == "log" and a.drift_ann_bp is not None:
        raise SpecError(
            "analysis.drift_ann_bp is for a yield; this series is a price or index",
            where=spec.where("analysis", "drift_ann_bp"),
            fix="state the drift of a price as analysis.drift_ann_pct",
        )
    if profile.space == "diff" and a.drift_ann_pct is not None:
        raise SpecError(
            "analysis.drift_ann_pct is for a price or index; a yield's drift is in basis points",
            where=spec.where("analysis", "drift_ann_pct"),
            fix="state it as analysis.drift_ann_bp (e.g. -25 for 25 bp lower a year)",
        )
    return last, prices


def check_output_dir(out: str | Path, *, overwrite: bool = False, keep: Sequence[str] = ()) -> Path:
    """Check that ``out`` can receive a run's outputs, before any work starts.

    ``out`` may not exist yet (its parent is created), may be an empty folder, or, with
    ``overwrite``, an existing folder that is replaced whole when the run completes. Files named in
    ``keep`` belong to the caller (a web job's thesis file and status) and do not make the folder a
    previous run's; they are carried into the new folder. A path that is
    a file, lies under a file, is not writable or sits on a full disk fails here with a
    :class:`~thesis.errors.SpecError` naming it.

    Returns
    -------
    Path
        The absolute output path.
    """
    p = Path(out).expanduser()
    p = p if p.is_absolute() else Path.cwd() / p
    fix_other = "choose another --out"
    for anc in [p, *p.parents]:
        if anc.exists() and not anc.is_dir():
            raise SpecError(
                "the output path is a file"
                if anc == p
                else f"the output path lies under a file ({anc})",
                where=str(p),
                fix=fix_other,
            )
        if anc.exists():
            break
    if p.exists() and any(x.name not in keep for x in p.iterdir()) and not overwrite:
        raise SpecError(
            "the output folder exists and is not empty; a run never mixes its files with an "
            "earlier run's",
            where=str(p),
            fix="choose a new --out, or pass --overwrite to replace the folder whole",
        )
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise SpecError(
            f"cannot create the output's parent folder ({e.strerror or e})",
            where=str(p.parent),
            fix=fix_other,
        ) from None
    if not os.access(p.parent, os.W_OK | os.X_OK):
        raise SpecError(
            "the output's parent folder is not writable", where=str(p.parent), fix=fix_other
        )
    try:
        free = shutil.disk_usage(p.parent).free
    except OSError:
        free = MIN_FREE_BYTES
    if free < MIN_FREE_BYTES:
        raise SpecError(
            f"the disk holding the output has only {free / 2**20:.1f} MB free",
            where=str(p.parent),
            fix="free some space or choose an --out on another disk",
        )
    # a real write settles what access() and disk_usage() may not (quotas, read-only mounts)
    try:
        probe = tempfile.mkdtemp(prefix=f".{p.name}.check-", dir=p.parent)
        try:
            with open(os.path.join(probe, "probe"), "wb") as fh:
                fh.write(b"\0" * 65536)
                fh.flush()
                os.fsync(fh.fileno())
        finally:
            shutil.rmtree(probe, ignore_errors=True)
    except OSError as e:
        raise SpecError(
            f"cannot write into the output's folder ({e.strerror or e})",
            where=str(p.parent),
            fix="free some space, fix the permissions, or choose another --out",
        ) from None
    return p


# --------------------------------------------------------------------------- the run
def _thesis_facts(spec: ThesisSpec, profile: SeriesProfile) -> list[Fact]:
    """The thesis's own numbers, so that the writer may say them (as claims, not as data)."""
    S, as_of = spec.index.series, spec.as_of.isoformat()
    m = f"stated in the thesis ({spec.source or spec.path or 'thesis file'})"
    unit = profile.level_unit
    dec = (
        (lambda x: 2) if profile.space == "diff" else (lambda x: 0 if float(x).is_integer() else 2)
    )
    out: list[Fact] = []
    ix = spec.index
    out += [
        Fact(ids.thesis_level(S, "threshold", L), float(L), unit, as_of, m, label="threshold",
             decimals=dec(L))
        for L in ix.thresholds
    ]  # fmt: skip
    for t in ix.targets:
        who = f" claimed by {t.claimed_by}" if t.claimed_by else ""
        out.append(
            Fact(ids.thesis_level(S, "target", t.level), float(t.level), unit, as_of, m,
                 label=f"target{who}", decimals=dec(t.level))
        )  # fmt: skip
    for x in ix.levels:
        out.append(
            Fact(ids.thesis_level(S, "level", x.level), float(x.level), unit, as_of, m,
                 label=f"level ({x.event.replace('_', ' ')})", decimals=dec(x.level))
        )  # fmt: skip
    for d in ix.drawdowns:
        out.append(
            Fact(ids.thesis_drawdown(S, d.key), float(d.pct), "pct", as_of, m,
                 label=f"drawdown from {'the high' if d.from_ == 'high' else 'the current level'}",
                 decimals=0 if float(d.pct).is_integer() else 1)
        )  # fmt: skip
    e = spec.earnings
    if e.eps_growth_pct is not None:
        out.append(
            Fact(ids.valuation(S, "eps_growth_assumed_pct"), e.eps_growth_pct, "pct", as_of, m,
                 label="EPS growth assumed by the thesis", decimals=0)
        )  # fmt: skip
    r = spec.rates
    out += [
        Fact(ids.fed("thesis_cuts"), r.cuts, "count", as_of, m, label="rate cuts in the thesis"),
        Fact(ids.fed("thesis_hikes"), r.hikes, "count", as_of, m, label="rate hikes in the thesis"),
        Fact(ids.fed("thesis_cut_bp"), r.cut_bp, "bp", as_of, m, label="size of each cut",
             decimals=0),
        Fact(ids.fed("thesis_hike_bp"), r.hike_bp, "bp", as_of, m, label="size of each hike",
             decimals=0),
        Fact(ids.sim("seed"), spec.seed, "count", as_of, "the run's seed for every random draw"),
    ]  # fmt: skip
    return out


def _level_views(spec: ThesisSpec) -> list[LevelView]:
    out: dict[float, LevelView] = {}
    ix = spec.index

    def add(level: float, role: LevelRole, event: LevelEvent, by: Any, who: str) -> None:
        v = out.get(float(level))
        if v is None:
            out[float(level)] = LevelView(float(level), (role,), (event,), by, who)
        else:
            out[float(level)] = LevelView(
                v.level,
                v.roles if role in v.roles else (*v.roles, role),
                v.events if event in v.events else (*v.events, event),
                v.by or by,
                v.claimed_by or who,
            )

    for t in ix.targets:
        add(t.level, "target", "close", t.by, t.claimed_by)
    for x in ix.thresholds:
        add(x, "threshold", "touch", None, "")
    for lv in ix.levels:
        add(lv.level, "level", lv.event, lv.by, lv.claimed_by)
    return sorted(out.values(), key=lambda v: v.level)


def _cache_summary(ctx: RunContext) -> dict[str, Any]:
    """Which results came from the store's cache (for the manifest; no number depends on it)."""
    out: dict[str, Any] = {"enabled": ctx.cache is not None}
    for name, res in ctx.results.items():
        status = getattr(res, "cache_status", None)
        if isinstance(status, str):
            out[name] = status
    if ctx.cache_notes:
        out["notes"] = list(dict.fromkeys(ctx.cache_notes))
    return out


def run_thesis(
    spec: ThesisSpec,
    store: Any,
    *,
    out_dir: str | Path | None = None,
    writer: str = "deterministic",
    llm: dict[str, Any] | None = None,
    formats: tuple[str, ...] = ("md", "html", "pdf"),
    progress: Callable[[str], None] | None = None,
    with_scorecard: bool = True,
    overwrite: bool = False,
    cache: bool = True,
    keep: Sequence[str] = (),
    background: bool = False,
) -> RunResult:
    """Run every analysis the thesis asks for and (with ``out_dir``) write the outputs.

    Parameters
    ----------
    spec
        The validated thesis (overrides such as ``--as-of`` and ``--seed`` already applied).
    store
        The market data store, or any object with its read API (``has``, ``info``, ``get``,
        ``latest``, ``events``, ``securities``, ``view``); it may be opened read-only. Only data
        public on ``spec.as_of`` reach the analyses.
    out_dir
        Where to write ``facts.json``, ``manifest.json`` and the article; None writes nothing.
        Checked before any work (see :func:`check_output_dir`); written atomically.
    writer
        ``deterministic`` or ``llm`` (then ``llm`` holds base_url, model, api_key_env).
    formats
        Article formats: any of ``md``, ``html``, ``pdf``.
    progress
        Called with a short label as each step starts.
    with_scorecard
        Add the scorecard when the store holds data after ``as_of``.
    overwrite
        Replace an existing, non-empty ``out_dir`` whole.
    cache
        Read and keep the slow, deterministic results in the store's result cache
        (:class:`thesis.data.cache.ResultCache`; only for a :class:`~thesis.data.store.Store`).
        A cached result is the one a fresh computation gives; ``False`` computes everything.
    keep
        Names of the caller's own files in ``out_dir`` (a web job's ``thesis.toml`` and
        ``status.json``): they neither block the run nor are lost; the finished folder carries them.
    background
        Use a spare core: compute the walk-forward calibration in a helper process while this
        one runs the steps before it (:mod:`thesis.analysis.ahead`), and render the PDF in
        another while this one builds the tearsheet and writes ``facts.json``
        (:class:`thesis.writing.pdf.BackgroundPdf`). The same facts and files; worth it for one
        run on a machine with a spare core (``thesis run``), not inside a batch that already
        keeps every core busy.

    Returns
    -------
    RunResult
        ``left_out`` lists what could not be computed (the exit code of ``thesis run``).

    Raises
    ------
    SpecError
        The thesis does not fit the store (unknown series, dates outside the data, absurd levels,
        methods that do not fit the series) or ``out_dir`` cannot be written; raised before any
        analysis runs.
    """
    say = progress or (lambda _label: None)
    t0 = time.perf_counter()
    out_path = (
        check_output_dir(out_dir, overwrite=overwrite, keep=keep) if out_dir is not None else None
    )
    profile = _profile(spec, store)
    last, prices = _check_spec_against_store(spec, store, profile)
    rng_root = np.random.SeedSequence(spec.seed)
    streams = dict(zip(STREAMS, rng_root.spawn(len(STREAMS)), strict=True))
    data = _Inputs(store, spec.as_of)
    data.use(prices)
    ctx = RunContext(
        spec=spec,
        store=store,
        data=data,
        profile=profile,
        name=_display_name(spec, store),
        prices=prices,
        last_date=last,
        streams=streams,
        say=say,
    )
    ctx.charts["index_history"] = prices[prices.index >= prices.index[-1] - pd.DateOffset(years=2)]
    if cache:
        ctx.cache = _result_cache(store)
    from thesis.analysis._threads import one_blas_thread

    if background and _calibrate(ctx) and ctx.profile.applies("calibration"):
        job = _calibration_ahead(ctx)
        if job is not None:
            ctx.ahead["calibration"] = job
    from thesis.analysis._threads import numba_threads

    # one BLAS thread: the facts must not depend on the machine's thread count
    try:
        with one_blas_thread(), contextlib.ExitStack() as held:
            if any(not isinstance(j, _Ready) for j in ctx.ahead.values()):
                # the helper holds the other core until its step takes the result: one numba
                # thread here meanwhile (the same paths with any count), none waiting on it
                held.enter_context(numba_threads(1))
            for step in STEPS:
                if not step.applies(ctx):
                    ctx.not_applicable.append(step.name)
                    continue
                _run_step(ctx, step)
                if not any(not isinstance(j, _Ready) for j in ctx.ahead.values()):
                    held.close()  # the helper is done: every thread again
    finally:
        for job in ctx.ahead.values():  # a step that never took its result (the run failed)
            job.close()
        ctx.ahead.clear()
        if ctx.cache is not None:  # the steps' results, in one write (a failed run keeps them too)
            ctx.cache_notes.extend(ctx.cache.flush())
    results, facts, notes = ctx.results, ctx.facts, ctx.notes
    results.pop("_valuation_inputs", None)
    results.pop("_long", None)
    portfolio_compute = results.pop("_portfolio_compute", None)
    S, as_of, horizon = spec.index.series, spec.as_of, spec.horizon

    # the thesis's own numbers, where no analysis has stated them already (as measured facts)
    facts.extend(f for f in _thesis_facts(spec, profile) if f.id not in facts)

    # ---- the scorecard: a separate read of what followed, after every analysis above has finished
    if with_scorecard and last > pd.Timestamp(as_of):
        say("scorecard")
        from thesis.analysis.scorecard import scorecard

        t = time.perf_counter()
        try:
            after = store.get(S, start=pd.Timestamp(as_of) + pd.Timedelta(days=1))
            tp = results.get("probabilities")
            sc = scorecard(
                FactSheet(list(facts)),
                after,
                subject=S,
                as_of=as_of,
                horizon=horizon,
                levels=spec.levels,
                methods=list(tp.methods) if tp is not None else list(_methods(ctx)),
                space=profile.space,
                level_unit=profile.level_unit,
                drawdowns=[(d.key, d.pct, d.from_) for d in spec.index.drawdowns],
                high=getattr(results.get("levels"), "high", None),
            )
        except STEP_ERRORS as e:
            what = e.what if isinstance(e, ThesisError) else f"{type(e).__name__}: {e}"
            notes["scorecard"] = f"The scorecard could not be computed: {what}."
            ctx.left_out.append(LeftOut("scorecard", what))
            sc = None
        ctx.timings["scorecard"] = round(time.perf_counter() - t, 3)
        if sc is not None:
            results["scorecard"] = sc
            facts.extend(sc.facts())
            ctx.charts["actual_after"] = after[after.index <= pd.Timestamp(horizon)]
            notes.update({f"scorecard.{i}": n for i, n in enumerate(sc.notes)})

    tp = results.get("probabilities")
    manifest: dict[str, Any] = {
        "thesis": spec.title,
        "thesis_file": spec.path,
        "as_of": as_of.isoformat(),
        "horizon": horizon.isoformat(),
        "series": profile.to_dict(),
        "seed": spec.seed,
        "random_streams": {k: list(v.spawn_key) for k, v in streams.items()},
        "methods": list(tp.methods) if tp is not None else list(_methods(ctx)),
        "n_paths": spec.analysis.n_paths,
        "store": str(getattr(store, "path", "") or type(store).__name__),
        "data": [s.to_dict() for s in data.sources.values()],
        # the scorecard's separate read of what followed as_of (never seen by the analyses)
        "scorecard_data": (
            results["scorecard"].source.to_dict()
            if "scorecard" in results and results["scorecard"].source is not None
            else None
        ),
        "versions": _versions(),
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "timings_s": ctx.timings,
        "writer": writer,
        "left_out": [x.to_dict() for x in ctx.left_out],
        "not_applicable": list(ctx.not_applicable),
        "cache": _cache_summary(ctx),
    }
    outlook = Outlook(
        title=spec.title,
        subject=S,
        subject_name=ctx.name,
        as_of=as_of.isoformat(),
        horizon=horizon.isoformat(),
        thresholds=list(spec.index.thresholds),
        targets={t.level: t.claimed_by for t in spec.index.targets},
        methods=list(tp.methods) if tp is not None else [],
        facts=facts,
        charts=ctx.charts,
        tables=ctx.tables,
        notes=notes,
        manifest=manifest,
        assumptions={
            "eps_growth_pct": spec.earnings.eps_growth_pct,
            "cuts": spec.rates.cuts,
            "hikes": spec.rates.hikes,
            "cut_bp": spec.rates.cut_bp,
            "hike_bp": spec.rates.hike_bp,
            "path": spec.rates.path,
            "drift_ann_pct": spec.analysis.drift_ann_pct,
            "drift_ann_bp": spec.analysis.drift_ann_bp,
            "risks": [x.name for x in spec.risks],
            "source": spec.source,
            "stated_tables": sorted(spec.model_fields_set),
        },
        profile=profile,
        levels=_level_views(spec),
        drawdowns=[
            {"key": d.key, "pct": d.pct, "basis": d.from_, "by": d.by} for d in spec.index.drawdowns
        ],
        left_out=[x.to_dict() for x in ctx.left_out],
        not_applicable=list(ctx.not_applicable),
        key_dates=ctx.key_dates,
    )
    result = RunResult(
        spec=spec,
        facts=facts,
        outlook=outlook,
        manifest=manifest,
        results=results,
        notes=notes,
        left_out=ctx.left_out,
        not_applicable=ctx.not_applicable,
        cache=ctx.cache,
        cache_keys=dict(ctx.cache_keys),
        portfolio_compute=portfolio_compute,
    )
    if out_path is not None:
        _write_outputs(
            result, out_path, writer=writer, llm=llm, formats=formats, say=say, t0=t0,
            overwrite=overwrite, keep=keep, background=background,
        )  # fmt: skip
    else:
        manifest["timings_s"]["total"] = round(time.perf_counter() - t0, 3)
    return result


# --------------------------------------------------------------------------- outputs
def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _write_outputs(
    result: RunResult,
    out: Path,
    *,
    writer: str,
    llm: dict[str, Any] | None,
    formats: tuple[str, ...],
    say: Callable[[str], None],
    t0: float,
    overwrite: bool,
    keep: Sequence[str] = (),
    background: bool = False,
) -> None:
    """Write everything into a fresh folder beside ``out``, then move it into place."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = _fresh_dir(out, "tmp")
    try:
        files = _write_into(
            result, tmp, writer=writer, llm=llm, formats=formats, say=say,
            background=background,
        )  # fmt: skip
        man = result.manifest
        man["timings_s"]["total"] = round(time.perf_counter() - t0, 3)
        man["files"] = [
            {"path": str(p.relative_to(tmp)), "sha256": _sha256(p), "bytes": p.stat().st_size}
            for p in sorted(x for x in tmp.rglob("*") if x.is_file())
        ]
        (tmp / "manifest.json").write_text(json.dumps(man, indent=2, default=str))
        files["manifest"] = tmp / "manifest.json"
        _move_into_place(tmp, out, overwrite=overwrite, keep=keep)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    result.files.update({k: out / p.relative_to(tmp) for k, p in files.items()})


def _fresh_dir(out: Path, tag: str) -> Path:
    """A new, empty folder beside ``out`` (same file system, so a rename moves it), created with
    the user's umask like any folder they make (``mkdtemp`` would make it private)."""
    for _ in range(100):
        p = out.parent / f".{out.name}.{tag}-{secrets.token_hex(6)}"
        try:
            p.mkdir()
        except FileExistsError:
            continue
        return p
    raise SpecError(
        "cannot create a working folder", where=str(out.parent), fix="choose another --out"
    )


def _move_into_place(tmp: Path, out: Path, *, overwrite: bool, keep: Sequence[str] = ()) -> None:
    old: Path | None = None
    if out.exists():
        if any(x.name not in keep for x in out.iterdir()) and not overwrite:
            # filled while the run was working
            raise SpecError(
                "the output folder was filled by something else during the run",
                where=str(out),
                fix="choose a new --out, or pass --overwrite",
            )
        for name in keep:  # the caller's own files, as they are now, go with the new outputs
            if (out / name).is_file() and not (tmp / name).exists():
                shutil.copy2(out / name, tmp / name)
        old = _fresh_dir(out, "old")
        os.replace(out, old / "previous")
    try:
        os.replace(tmp, out)
    except OSError:
        if old is not None:  # put the previous outputs back
            os.replace(old / "previous", out)
        raise
    finally:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


#: what the rendered outputs depend on besides the outlook: the writer's code and templates,
#: the tearsheet's, and the rendering libraries
_WRITING_CODE = (
    "thesis.writing",
    "thesis.portfolio.tearsheet",
    "thesis.facts",
    "thesis.ids",
    "thesis.text",
    "thesis.claims",  # the guard reads the thesis title with the claim reader's text tools
)
_WRITING_LIBS = ("matplotlib", "weasyprint", "jinja2", "numpy", "pandas")


def _digest(obj: Any) -> Any:
    """A stable digest of a chart input or table (frames by content, containers recursively)."""
    if isinstance(obj, pd.DataFrame | pd.Series):
        h = hashlib.sha256(pd.util.hash_pandas_object(obj, index=True).to_numpy().tobytes())
        h.update(repr(list(obj.columns) if isinstance(obj, pd.DataFrame) else obj.name).encode())
        h.update(repr(obj.index.names).encode())
        return h.hexdigest()
    if isinstance(obj, dict):
        return {str(k): _digest(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_digest(v) for v in obj]
    return repr(obj)


def _outputs_key(result: RunResult, writer: str, formats: tuple[str, ...]) -> str | None:
    """The cache key of the rendered article, charts and tearsheet: everything the writer reads
    from the outlook (facts, chart data, notes, the manifest without its timings), the formats,
    and the code; ``None`` when they must be rendered afresh (an LLM writer, no cache)."""
    cache = result.cache
    if cache is None or writer != "deterministic":
        return None
    pf = result.results.get("portfolio")
    if pf is not None and "portfolio" not in result.cache_keys:
        return None
    o = result.outlook
    man = {k: v for k, v in o.manifest.items() if k not in ("timings_s", "cache", "created_at")}
    kd = o.key_dates
    doc = {
        "outlook": [
            o.title,
            o.subject,
            o.subject_name,
            o.as_of,
            o.horizon,
            o.thresholds,
            sorted(o.targets.items()),
            o.methods,
            o.assumptions,
            o.drawdowns,
            o.left_out,
            o.not_applicable,
            repr(o.levels),
            o.profile.to_dict() if o.profile else None,
        ],
        "facts": hashlib.sha256(o.facts.to_json(indent=None).encode()).hexdigest(),
        "notes": o.notes,
        "charts": _digest(o.charts),
        "tables": _digest(o.tables),
        "manifest": json.loads(json.dumps(man, default=str)),
        # the article says the day the run was made
        "made_on": str(o.manifest.get("created_at", ""))[:10],
        "key_dates": None if kd is None else [repr(kd.dates), [f.to_dict() for f in kd.facts()]],
        "portfolio": result.cache_keys.get("portfolio"),
        "title": result.spec.title,
        "formats": list(formats),
    }
    return cache.key(
        "outputs",
        doc=hashlib.sha256(json.dumps(doc, sort_keys=True, default=str).encode()).hexdigest(),
        code=_code_version(_WRITING_CODE, _WRITING_LIBS),
    )


def _write_into(
    result: RunResult,
    out: Path,
    *,
    writer: str,
    llm: dict[str, Any] | None,
    formats: tuple[str, ...],
    say: Callable[[str], None],
    background: bool = False,
) -> dict[str, Path]:
    say("article")
    key = _outputs_key(result, writer, formats)
    hit = result.cache.get(key) if key is not None else None
    files: dict[str, Path] = {}
    if hit is not None:
        # the same article, charts and tearsheet as last time: written back byte for byte
        frame, meta = hit
        for rel, blob in zip(frame["path"], frame["bytes"], strict=True):
            p = out / str(rel)
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(bytes(blob))
        files.update({k: out / v for k, v in meta["files"].items()})
        result.manifest["sentences"] = meta["sentences"]
        extra = [Fact.from_dict(d) for d in meta["extra_facts"]]
        result.manifest.setdefault("cache", {})["outputs"] = "from the cache"
        files.update(_write_facts_and_dates(result, out, list(meta["fact_ids"]), extra))
        return files
    try:
        from thesis.writing import write_article
    except ImportError as e:  # the writer is part of the package; guards a broken install
        raise ThesisError(f"the article writer is unavailable ({e})", fix="reinstall thesis") from e
    from thesis.writing.pdf import BackgroundPdf

    # the helper process (started now, it imports WeasyPrint while the charts are drawn) lays the
    # PDF out while this process builds the tearsheet and writes facts.json; the same file
    with BackgroundPdf() if background and "pdf" in formats else contextlib.nullcontext() as pdf:
        art = write_article(result.outlook, out, formats=formats, writer=writer, llm=llm, pdf=pdf)
        files.update(art.files)
        result.manifest["sentences"] = art.provenance_summary()
        fact_ids = list(art.fact_ids)
        extra = list(art.extra_facts)
        pf = result.results.get("portfolio")
        if pf is not None:
            say("tearsheet")
            from thesis.portfolio.tearsheet import build_tearsheet

            run = pf if not isinstance(pf, _Stored) else result.portfolio_compute()
            sheet = build_tearsheet(
                run, getattr(run, "stress", None), title=f"Portfolio: {result.spec.title}"
            )
            files["tearsheet"] = sheet.write(out / "tearsheet")
        after = _write_facts_and_dates(result, out, fact_ids, extra)
        if pdf is not None:
            pdf.result()
    if key is not None:
        # the rendered outputs only: facts.json and the calendar are written on every run
        rendered = sorted(q for q in out.rglob("*") if q.is_file() and q not in after.values())
        blobs = pd.DataFrame(
            {
                "path": [q.relative_to(out).as_posix() for q in rendered],
                "bytes": [q.read_bytes() for q in rendered],
            }
        )
        meta = {
            "files": {k: v.relative_to(out).as_posix() for k, v in files.items()},
            "sentences": result.manifest["sentences"],
            "fact_ids": fact_ids,
            "extra_facts": [f.to_dict() for f in extra],
        }
        why = result.cache.put(key, "outputs", result.spec.index.series, blobs, meta)
        notes = [f"outputs: {why}"] if why is not None else result.cache.flush()
        if notes:
            result.manifest.setdefault("cache", {}).setdefault("notes", []).extend(notes)
    files.update(after)
    return files


def _write_facts_and_dates(
    result: RunResult, out: Path, fact_ids: list[str], extra: list[Fact]
) -> dict[str, Path]:
    """Write ``facts.json`` (every fact; the ones the text uses flagged) and the key dates'
    calendar; the paths by name."""
    files: dict[str, Path] = {}
    used = set(fact_ids)
    result.facts.extend(f for f in extra if f.id not in result.facts)
    payload = [dict(f.to_dict(), used_in_text=f.id in used) for f in result.facts]
    (out / "facts.json").write_text(json.dumps(payload, indent=2, default=str))
    files["facts"] = out / "facts.json"
    kd = result.outlook.key_dates
    if kd is not None:
        # the calendar file beside the article: the web app, the site and the newsletter use it
        from thesis.publish.calendar import to_ics

        stamp = dt.datetime.fromisoformat(str(result.manifest["created_at"]))
        title = " ".join(result.spec.title.split())  # one line: a calendar field has no breaks
        (out / "keydates.ics").write_bytes(
            to_ics(kd, stamp=stamp, name=f"Key dates: {title}", thesis_title=title)
        )
        files["keydates"] = out / "keydates.ics"
    return files
