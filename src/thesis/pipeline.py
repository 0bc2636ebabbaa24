"""spec → data → analyses → facts → writing → outputs, with a run manifest.

:func:`run` is the one main job (``thesis run`` and ``make demo``). It reads every input from the store
as of the thesis's ``as_of`` date, runs the analyses the thesis asks for, collects their facts, and
writes ``facts.json``, ``manifest.json`` and the article. When the store holds data after ``as_of``
(a historical run) it adds a scorecard, computed last and from a separate read, so that nothing later
can leak into the outlook.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import platform
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from thesis.data.store import Store
from thesis.errors import (
    AnalysisError,
    DataError,
    PortfolioError,
    SeriesNotFoundError,
    SpecError,
    ThesisError,
)
from thesis.facts import Fact, FactSheet, Source
from thesis.outlook import Outlook
from thesis.spec import ThesisSpec, level_key

__all__ = ["RunResult", "run_thesis"]

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


@dataclass
class RunResult:
    """What a run produced."""

    spec: ThesisSpec
    facts: FactSheet
    outlook: Outlook
    manifest: dict[str, Any]
    results: dict[str, Any] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)


class _Inputs:
    """Reads through one :class:`~thesis.data.view.StoreView` and remembers every source it used."""

    def __init__(self, store: Store, as_of: dt.date) -> None:
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
        return s  # type: ignore[return-value]

    def use(self, s: pd.Series) -> pd.Series:
        """Record the lineage of a series an analysis will use (for the manifest)."""
        src = s.attrs.get("source")
        if src is not None:
            self.sources[src.series] = src
        return s

    def optional(
        self, series: str | None, *, key: str, notes: dict[str, str], stale_days: int | None = None
    ) -> pd.Series | None:
        if not series:
            return None
        if not self.store.has(series):
            notes[key] = (
                f"The store has no series `{series}` (thesis key `{key}`), so this part was left out; "
                f"add it with `thesis data import` or `thesis data update {series}`."
            )
            return None
        s = self.get(series)
        if s is None:
            notes[key] = (
                f"Series `{series}` (thesis key `{key}`) has no data on or before the analysis date."
            )
            return None
        if stale_days is not None and (pd.Timestamp(self.as_of) - s.index[-1]).days > stale_days:
            notes[key] = (
                f"Series `{series}` (thesis key `{key}`) ends long before the analysis date, so it "
                "was not used for the current reading."
            )
            return None
        return self.use(s)


def _versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for name in _VERSIONED:
        with contextlib.suppress(metadata.PackageNotFoundError):
            out[name] = metadata.version(name)
    return out


def _check_spec_against_store(spec: ThesisSpec, store: Store) -> pd.Timestamp:
    series = spec.index.series
    if not store.has(series):
        from thesis.errors import nearest

        hint = nearest(series, store.series_ids())
        raise SpecError(
            f"index.series {series!r} is not in the store"
            + (f" (nearest: {', '.join(hint)})" if hint else ""),
            where=spec.where("index", "series"),
            fix=f"get it with `thesis data update {series}` or `thesis data import PATH`, "
            "or build the offline sample with `thesis data bundle`",
        )
    last = store.latest(series).date
    first = store.get(series).index[0]
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
    return last


def _thesis_facts(spec: ThesisSpec) -> list[Fact]:
    """The thesis's own numbers, so that the writer may say them (as claims, not as data)."""
    S, as_of = spec.index.series, spec.as_of.isoformat()
    m = f"stated in the thesis ({spec.source or spec.path or 'thesis file'})"
    out: list[Fact] = []
    out += [
        Fact(
            f"{S}.threshold.{level_key(L)}",
            float(L),
            "points",
            as_of,
            m,
            label="threshold",
            decimals=0 if float(L).is_integer() else 2,
        )
        for L in spec.index.thresholds
    ]
    for t in spec.index.targets:
        out.append(
            Fact(
                f"{S}.target.{level_key(t.level)}",
                float(t.level),
                "points",
                as_of,
                m,
                label=f"target{' claimed by ' + t.claimed_by if t.claimed_by else ''}",
                decimals=0 if float(t.level).is_integer() else 2,
            )
        )
    if spec.earnings.eps_growth_pct is not None:
        out.append(
            Fact(
                f"{S}.eps_growth_assumed_pct",
                spec.earnings.eps_growth_pct,
                "pct",
                as_of,
                m,
                label="EPS growth assumed by the thesis",
                decimals=0,
            )
        )
    out.append(
        Fact("fed.thesis_cuts", spec.rates.cuts, "count", as_of, m, label="rate cuts in the thesis")
    )
    out.append(
        Fact(
            "fed.thesis_cut_bp",
            spec.rates.cut_bp,
            "bp",
            as_of,
            m,
            label="size of each cut",
            decimals=0,
        )
    )
    out.append(Fact("sim.seed", spec.seed, "count", as_of, "the run's seed for every random draw"))
    return out


def run_thesis(
    spec: ThesisSpec,
    store: Store,
    *,
    out_dir: str | Path | None = None,
    writer: str = "deterministic",
    llm: dict[str, Any] | None = None,
    formats: tuple[str, ...] = ("md", "html", "pdf"),
    progress: Callable[[str], None] | None = None,
    with_scorecard: bool = True,
) -> RunResult:
    """Run every analysis the thesis asks for and (with ``out_dir``) write the outputs.

    Parameters
    ----------
    spec
        The validated thesis (overrides such as ``--as-of`` and ``--seed`` already applied).
    store
        The market data store; only data dated on or before ``spec.as_of`` reach the analyses.
    out_dir
        Where to write ``facts.json``, ``manifest.json`` and the article; None writes nothing.
    writer
        ``deterministic`` or ``llm`` (then ``llm`` holds base_url, model, api_key_env).
    progress
        Called with a short label as each step starts.
    """
    say = progress or (lambda _label: None)
    t0 = time.perf_counter()
    timings: dict[str, float] = {}
    last = _check_spec_against_store(spec, store)
    S, as_of, horizon = spec.index.series, spec.as_of, spec.horizon
    rng_root = np.random.SeedSequence(spec.seed)
    # one child stream per analysis, so adding an analysis never changes another's draws
    streams = dict(
        zip(("paths", "calibration", "portfolio", "regimes"), rng_root.spawn(4), strict=True)
    )
    data = _Inputs(store, as_of)
    notes: dict[str, str] = {}
    results: dict[str, Any] = {}
    facts = FactSheet()
    charts: dict[str, Any] = {}
    tables: dict[str, pd.DataFrame] = {}

    def step(
        name: str, fn: Callable[[], Any], *, required: bool = False, drop: tuple[str, ...] = ()
    ) -> Any:
        say(name)
        t = time.perf_counter()
        try:
            res = fn()
        except (AnalysisError, DataError, PortfolioError) as e:
            if required:
                raise
            notes[name] = f"The {name} analysis could not run: {e.what}" + (
                f" {e.fix}" if e.fix else ""
            )
            res = None
        timings[name] = round(time.perf_counter() - t, 3)
        if res is not None:
            results[name] = res
            facts.extend(f for f in res.facts() if not f.id.startswith(drop) or not drop)
            notes.update({f"{name}.{i}": n for i, n in enumerate(getattr(res, "notes", ()) or ())})
        return res

    prices = data.get(S)
    assert prices is not None  # _check_spec_against_store made sure of it
    data.use(prices)
    charts["index_history"] = prices[prices.index >= prices.index[-1] - pd.DateOffset(years=2)]

    from thesis.analysis import levels as levels_mod

    lv = step(
        "levels",
        lambda: levels_mod.levels(
            prices,
            subject=S,
            as_of=as_of,
            thresholds=spec.index.thresholds,
            targets=[t.level for t in spec.index.targets],
        ),
        required=True,
    )

    from thesis.analysis import paths as paths_mod

    tp = step(
        "probabilities",
        lambda: paths_mod.target_probabilities(
            prices,
            subject=S,
            as_of=as_of,
            horizon=horizon,
            thresholds=spec.index.thresholds,
            targets=[t.level for t in spec.index.targets],
            methods=tuple(spec.analysis.methods),
            n_paths=spec.analysis.n_paths,
            rng=np.random.default_rng(streams["paths"]),
            models={
                "gbm": paths_mod.GBMModel(
                    window_sessions=spec.analysis.gbm_window_sessions,
                    drift_ann_pct=spec.analysis.drift_ann_pct,
                ),
                "bootstrap": paths_mod.BootstrapModel(drift_ann_pct=spec.analysis.drift_ann_pct),
                "garch": paths_mod.GarchModel(drift_ann_pct=spec.analysis.drift_ann_pct),
            },
        ),
        required=True,
    )
    if tp is not None:
        charts["fan"] = {m: tp.fan(m) for m in tp.methods}

    # valuation: earnings × multiple under the current rate/inflation regime
    e = spec.earnings
    monthly = data.optional(e.level_monthly, key="earnings.level_monthly", notes=notes)
    eps = data.optional(e.eps_series, key="earnings.eps_series", notes=notes)
    cpi = data.optional(e.inflation_index, key="earnings.inflation_index", notes=notes)
    long_y = data.optional(e.long_yield, key="earnings.long_yield", notes=notes)
    if monthly is not None and eps is not None and cpi is not None and long_y is not None:
        from thesis.analysis import valuation as val_mod

        step(
            "valuation",
            lambda: val_mod.valuation_ranges(
                monthly,
                eps,
                cpi,
                long_y,
                subject=S,
                as_of=as_of,
                horizon=horizon,
                eps_growth_pct=e.eps_growth_pct,
                targets=[t.level for t in spec.index.targets],
                thresholds=spec.index.thresholds,
                level=lv.level,
                level_date=lv.level_date,
            ),
        )
        if spec.analysis.calibrate:
            from thesis.analysis._common import known_at
            from thesis.analysis.range_calibration import calibrate_ranges

            # outcomes are monthly averages: score only on months complete by as_of
            done = known_at(monthly, pd.Timestamp(as_of))
            step(
                "range_calibration",
                lambda: calibrate_ranges(done, eps, cpi, long_y, subject=S, horizon_months=12),
            )
    else:
        notes.setdefault(
            "valuation",
            "The valuation ranges need monthly index levels, EPS, an inflation index and "
            "a long yield; at least one is missing from the store, so no ranges are given.",
        )

    # the Fed and what followed past easing cycles
    r = spec.rates
    policy = data.optional(r.policy_series, key="rates.policy_series", notes=notes)
    if policy is not None:
        from thesis.analysis import cycles as cyc_mod

        index_long = monthly if monthly is not None else prices
        smb = data.optional(spec.compare.smb, key="compare.smb", notes=notes)
        rec = data.optional(r.recession_series, key="rates.recession_series", notes=notes)
        if store.info(r.policy_series).frequency == "quarterly":
            # the cycle detector works on months: carry each quarter's rate through its months
            src = policy.attrs.get("source")
            policy = policy.resample("MS").ffill()
            policy.attrs["source"] = src
            notes["rates.quarterly"] = (
                f"The policy-rate series `{r.policy_series}` is quarterly, so cycle dates are only "
                "known to the quarter."
            )
        if r.cycles_start is not None:
            policy = policy[policy.index >= pd.Timestamp(r.cycles_start)]
        # a policy series that stopped long ago can still date past cycles, but not say where
        # the rate stands now
        stale = (pd.Timestamp(as_of) - policy.index[-1]).days > 100
        if stale:
            notes["rates.policy_now"] = (
                f"The policy-rate series `{r.policy_series}` ends long before the analysis date, so "
                "past easing cycles are shown but the current rate and stance are not."
            )
        cyc = step(
            "fed_cycles",
            lambda: cyc_mod.fed_cycles(
                policy,
                index_long,
                smb=smb,
                recession=rec,
                as_of=as_of,
                thesis_cuts=r.cuts,
                cut_bp=r.cut_bp,
            ),
            drop=("fed.policy_rate", "fed.in_easing_cycle") if stale else (),
        )
        if cyc is not None:
            frame = cyc.to_frame().reset_index()
            measures = [c for c in frame.columns if c.startswith(("sp500_ret_", "smb_"))]
            charts["fed_cycles"] = frame.rename(columns={c: f"{c}_pct" for c in measures})
            tables["fed_cycles"] = cyc.to_frame()

    # volatility regime, correlations, flight to safety, small vs large
    c = spec.compare
    kw = {
        "vix": data.optional(c.vix, key="compare.vix", notes=notes, stale_days=10),
        "bonds": data.optional(c.bonds, key="compare.bonds", notes=notes, stale_days=10),
        "gold": data.optional(c.gold, key="compare.gold", notes=notes, stale_days=10),
        "smb": data.optional(c.smb, key="compare.smb", notes=notes, stale_days=400),
        "small": data.optional(c.small_caps, key="compare.small_caps", notes=notes, stale_days=10),
        "large": data.optional(c.large_caps, key="compare.large_caps", notes=notes, stale_days=10),
    }
    from thesis.analysis import regimes as reg_mod

    reg = step("regimes", lambda: reg_mod.regimes(prices, subject=S, as_of=as_of, **kw))
    if reg is not None:
        charts["vol_history"] = reg.to_frame()

    if spec.analysis.calibrate:
        from thesis.analysis import calibration as cal_mod

        cal = step(
            "calibration",
            lambda: cal_mod.calibrate(
                prices,
                subject=S,
                methods=tuple(spec.analysis.methods),
                n_paths=spec.analysis.calibration_paths,
                rng=np.random.default_rng(streams["calibration"]),
                start=spec.analysis.calibration_start,
            ),
        )
        if cal is not None:
            charts["calibration"] = cal.to_frame()
            tables["calibration"] = cal.to_frame()

    if spec.portfolio is not None:
        from thesis.portfolio import run_portfolio

        pf = step(
            "portfolio",
            lambda: run_portfolio(
                spec.portfolio, store, as_of=as_of, rng=np.random.default_rng(streams["portfolio"])
            ),
        )
        if pf is not None:
            charts.update(getattr(pf, "charts", {}) or {})
            for src in getattr(pf, "sources", ()) or ():
                data.sources[src.series] = src

    # the thesis's own numbers, where no analysis has stated them already (as measured facts)
    facts.extend(f for f in _thesis_facts(spec) if f.id not in facts)

    # ---- the scorecard: a separate read of what followed, after every analysis above has finished
    if with_scorecard and last > pd.Timestamp(as_of):
        say("scorecard")
        from thesis.analysis.scorecard import scorecard

        after = store.get(S, start=pd.Timestamp(as_of) + pd.Timedelta(days=1))
        sc = scorecard(
            FactSheet(list(facts)),
            after,
            subject=S,
            as_of=as_of,
            horizon=horizon,
            levels=spec.levels,
            methods=list(spec.analysis.methods),
            level_key=level_key,
        )
        if sc is not None:
            results["scorecard"] = sc
            facts.extend(sc.facts())
            charts["actual_after"] = after[after.index <= pd.Timestamp(horizon)]
            notes.update({f"scorecard.{i}": n for i, n in enumerate(sc.notes)})

    manifest = {
        "thesis": spec.title,
        "thesis_file": spec.path,
        "as_of": as_of.isoformat(),
        "horizon": horizon.isoformat(),
        "seed": spec.seed,
        "random_streams": {k: list(v.spawn_key) for k, v in streams.items()},
        "methods": list(spec.analysis.methods),
        "n_paths": spec.analysis.n_paths,
        "store": str(store.path),
        "data": [s.to_dict() for s in data.sources.values()],
        # the scorecard's separate read of what followed as_of (never seen by the analyses)
        "scorecard_data": (
            results["scorecard"].source.to_dict()
            if "scorecard" in results and results["scorecard"].source is not None
            else None
        ),
        "versions": _versions(),
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "timings_s": timings,
        "writer": writer,
    }
    outlook = Outlook(
        title=spec.title,
        subject=S,
        subject_name=spec.index.name,
        as_of=as_of.isoformat(),
        horizon=horizon.isoformat(),
        thresholds=list(spec.index.thresholds),
        targets={t.level: t.claimed_by for t in spec.index.targets},
        methods=list(spec.analysis.methods),
        facts=facts,
        charts=charts,
        tables=tables,
        notes=notes,
        manifest=manifest,
        assumptions={
            "eps_growth_pct": spec.earnings.eps_growth_pct,
            "cuts": spec.rates.cuts,
            "cut_bp": spec.rates.cut_bp,
            "drift_ann_pct": spec.analysis.drift_ann_pct,
            "risks": [x.name for x in spec.risks],
            "source": spec.source,
        },
    )
    result = RunResult(
        spec=spec, facts=facts, outlook=outlook, manifest=manifest, results=results, notes=notes
    )
    if out_dir is not None:
        _write_outputs(result, Path(out_dir), writer=writer, llm=llm, formats=formats, say=say)
    manifest["timings_s"]["total"] = round(time.perf_counter() - t0, 3)
    if out_dir is not None:
        (Path(out_dir) / "manifest.json").write_text(json.dumps(manifest, indent=2, default=str))
    return result


def _write_outputs(
    result: RunResult,
    out: Path,
    *,
    writer: str,
    llm: dict[str, Any] | None,
    formats: tuple[str, ...],
    say: Callable[[str], None],
) -> None:
    out.mkdir(parents=True, exist_ok=True)
    say("article")
    try:
        from thesis.writing import write_article
    except ImportError as e:  # the writer is part of the package; this only guards a broken install
        raise ThesisError(f"the article writer is unavailable ({e})", fix="reinstall thesis") from e
    art = write_article(result.outlook, out, formats=formats, writer=writer, llm=llm)
    result.files.update(art.files)
    result.manifest["sentences"] = art.provenance_summary()
    # facts.json lists every fact; the ones the text uses are flagged
    used = set(art.fact_ids)
    result.facts.extend(f for f in art.extra_facts if f.id not in result.facts)
    payload = [dict(f.to_dict(), used_in_text=f.id in used) for f in result.facts]
    (out / "facts.json").write_text(json.dumps(payload, indent=2, default=str))
    result.files["facts"] = out / "facts.json"
    pf = result.results.get("portfolio")
    if pf is not None:
        say("tearsheet")
        from thesis.portfolio.tearsheet import build_tearsheet

        sheet = build_tearsheet(
            pf, getattr(pf, "stress", None), title=f"Portfolio: {result.spec.title}"
        )
        result.files["tearsheet"] = sheet.write(out / "tearsheet")
    result.files["manifest"] = out / "manifest.json"
