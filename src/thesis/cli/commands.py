"""Top-level commands: ``thesis run``, ``thesis new``, ``thesis calibrate`` (``thesis check`` is in
:mod:`thesis.cli.check`).

Each command parses its options, calls the public API and prints with rich; nothing here computes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from thesis.cli._app import app

if TYPE_CHECKING:  # the CLI imports its machinery inside the commands, so that --help is quick
    from rich.console import Console

    from thesis.data import Store
    from thesis.pipeline import RunResult


def _store(store_path: Path | None) -> Store:
    from thesis.data import Store

    return Store(store_path, read_only=True) if store_path else Store(read_only=True)


def _date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        from thesis.errors import SpecError

        raise SpecError(
            f"{option} {value!r} is not a date", where=option, fix="write it as YYYY-MM-DD"
        ) from None


@app.command()
def run(
    thesis_file: Path = typer.Argument(
        ..., help="The thesis file (TOML); `thesis new FILE` writes a template."
    ),
    as_of: str | None = typer.Option(
        None, "--as-of", help="Analysis date YYYY-MM-DD (overrides the file)."
    ),
    seed: int | None = typer.Option(
        None, "--seed", help="Seed for every random draw (overrides the file)."
    ),
    out: Path = typer.Option(
        Path("out"), "--out", help="Output folder for facts.json, manifest.json and the article."
    ),
    n_paths: int | None = typer.Option(
        None, "--paths", help="Monte Carlo paths per method (overrides the file)."
    ),
    writer: str = typer.Option(
        "deterministic", "--writer", help="deterministic, or llm (needs --llm-base-url)."
    ),
    llm_base_url: str | None = typer.Option(
        None, "--llm-base-url", help="OpenAI-compatible endpoint, e.g. http://127.0.0.1:8000/v1"
    ),
    llm_model: str | None = typer.Option(None, "--llm-model", help="Model name at that endpoint."),
    llm_key_env: str = typer.Option(
        "OPENAI_API_KEY", "--llm-key-env", help="Environment variable that holds the API key."
    ),
    llm_timeout: float = typer.Option(
        30.0, "--llm-timeout", help="Seconds each LLM request may take in all."
    ),
    llm_retries: int = typer.Option(
        2, "--llm-retries", help="Retries of a failed LLM request (with backoff)."
    ),
    formats: str = typer.Option(
        "md,html,pdf", "--formats", help="Article formats to write, comma-separated."
    ),
    no_calibration: bool = typer.Option(
        False, "--no-calibration", help="Skip the walk-forward calibration."
    ),
    overwrite: bool = typer.Option(
        False, "--overwrite", help="Replace an existing, non-empty OUT folder whole."
    ),
    store_path: Path | None = typer.Option(
        None, "--store", help="Store file (default $THESIS_HOME/market.duckdb)."
    ),
) -> None:
    """Run every analysis the thesis asks for and write the outlook into OUT.

    Writes facts.json (every number with its lineage), manifest.json (versions, seed, data windows,
    content hashes, every file written with its sha256) and the article (Markdown, HTML, PDF). Uses
    only data dated on or before as_of; when the store holds later data, a separate scorecard says
    what actually followed. The outputs are written into a fresh folder beside OUT and moved into
    place when complete; an existing, non-empty OUT is refused unless --overwrite. With --writer llm
    the run prints the writer's report (sentences rejected per section and reason, fallbacks and
    why).

    Exit codes: 0 every part ran; 3 the outputs were written but some part was left out (a failed
    analysis or a missing input, listed in the summary and the article's caveats); 4 the outputs are
    complete but some of the model's text fell back to the deterministic writer (a section, or a
    rejected sentence); 2 an error stopped the run before anything was written (thesis, store or
    OUT); 1 an unexpected error. When both 3 and 4 apply, the run exits 3.
    """
    from rich.console import Console

    from thesis.analysis.ahead import spare_core
    from thesis.errors import SpecError
    from thesis.pipeline import EXIT_COMPLETE, run_thesis
    from thesis.spec import load_thesis

    console = Console()
    spec = load_thesis(thesis_file)
    changes: dict[str, object] = {"as_of": _date(as_of, "--as-of"), "seed": seed}
    if n_paths is not None or no_calibration:
        analysis = spec.analysis.model_dump()
        if n_paths is not None:
            analysis["n_paths"] = n_paths
        if no_calibration:
            analysis["calibrate"] = False
        changes["analysis"] = analysis
    if any(v is not None for v in changes.values()):
        spec = spec.with_overrides(**changes)
    if writer not in ("deterministic", "llm"):
        raise SpecError(
            f"unknown writer {writer!r}", where="--writer", fix="use deterministic or llm"
        )
    llm = None
    if writer == "llm":
        if not llm_base_url or not llm_model:
            raise SpecError(
                "--writer llm needs --llm-base-url and --llm-model",
                where="--writer",
                fix="e.g. --llm-base-url http://127.0.0.1:11434/v1 --llm-model llama3.1",
            )
        llm = {
            "base_url": llm_base_url,
            "model": llm_model,
            "api_key_env": llm_key_env,
            "timeout_s": llm_timeout,
            "retries": llm_retries,
        }
        from thesis.writing.llm import LLMWriter

        # bad settings fail here, before the analysis runs
        LLMWriter(llm_base_url, llm_model, llm_key_env, timeout_s=llm_timeout, retries=llm_retries)
    fmts = tuple(f.strip() for f in formats.split(",") if f.strip())
    with _store(store_path) as store, console.status("running…") as status:
        res = run_thesis(
            spec,
            store,
            out_dir=out,
            writer=writer,
            llm=llm,
            formats=fmts,
            progress=lambda label: status.update(f"[bold]{label}[/]…"),
            overwrite=overwrite,
            # one run: the calibration and the PDF use a spare core, when there is one now
            background=spare_core(),
        )
    _print_summary(console, res)
    for kind, path in res.files.items():
        console.print(f"  [green]wrote[/] {kind}: {path}")
    report = res.manifest.get("sentences", {}).get("report")
    if report:
        style = "yellow" if report["fell_back"] else "green"
        for line in report["summary"]:  # text from the endpoint is made printable by the writer
            console.print(line, style=style, markup=False, highlight=False)
    if res.exit_code != EXIT_COMPLETE:
        raise typer.Exit(res.exit_code)
    if report and report["fell_back"]:
        raise typer.Exit(4)


_EVENT_NAMES = {
    "touch": "touch before its date",
    "close_above": "close ≥ level on its date",
    "close_below": "close ≤ level on its date",
    "drawdown": "drawdown before the horizon",
}


def _print_summary(console: Console, res: RunResult) -> None:
    from rich.markup import escape
    from rich.table import Table

    from thesis import ids
    from thesis.writing.format import fmt

    f, S = res.facts, res.spec.index.series
    lvl = f.get(ids.level(S))
    if lvl is not None:
        console.print(
            f"[bold]{escape(res.outlook.subject_name)}[/] {fmt(lvl)} on "
            f"{fmt(f[ids.subject_measure(S, 'level_date')])}"
        )
    # one row per level (or drawdown) and event, one column per method, from the facts themselves
    rows: dict[tuple[str, str], dict[str, str]] = {}
    methods: list[str] = []
    by_key: dict[str, Any] = {}
    for fact in f:
        p = ids.parse_level_fact(fact.id)
        # the conditioned base rate stays in facts.json; the table shows the plain base rate
        if p is None or p.subject != S or p.se or p.closed_form or p.method == "conditional":
            continue
        if p.method not in methods:
            methods.append(p.method)
        se = f.get(ids.p_event_se(S, p.event, p.level_key, p.method))
        text = f"{fmt(fact, decimals=1)} ± {fmt(se, decimals=1)}" if se else fmt(fact)
        rows.setdefault((p.level_key, p.event), {})[p.method] = text
        by_key.setdefault(p.level_key, None)
    from thesis.facts import level_key

    labels: dict[str, str] = {}
    for v in res.outlook.level_views():
        fid = ids.thesis_level(S, v.role, v.level)
        if fid in f:
            labels[level_key(v.level)] = fmt(f[fid])
    for d in res.spec.index.drawdowns:
        fid = ids.thesis_drawdown(S, d.key)
        if fid in f:
            labels[d.key] = f"−{fmt(f[fid])} from {'high' if d.from_ == 'high' else 'now'}"
    table = Table(
        title="Probabilities (Monte Carlo ± standard error; beside them the historical base rate "
        "and, where the VIX prices the series, the risk-neutral VIX-implied odds)"
    )
    table.add_column("level")
    table.add_column("event")
    for m in methods:
        table.add_column(m, justify="right")
    for (key, event), cells in rows.items():
        table.add_row(
            labels.get(key, key), _EVENT_NAMES[event], *[cells.get(m, "—") for m in methods]
        )
    if rows:
        console.print(table)
    if res.left_out:
        console.print(
            f"[bold yellow]{len(res.left_out)} part(s) left out[/] (exit code {res.exit_code}):"
        )
        for x in res.left_out:
            console.print(f"  [yellow]{escape(x.step)}:[/] {escape(x.reason)}", highlight=False)
    if res.notes:
        console.print(f"[yellow]{len(res.notes)} caveat(s)[/] — listed in the article's appendix:")
        for key, note in res.notes.items():
            console.print(f"  [dim]{key.split('.')[0]}:[/] {escape(note)}", highlight=False)


@app.command()
def new(
    path: Path = typer.Argument(Path("thesis.toml"), help="Where to write the commented template."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing file."),
) -> None:
    """Write a commented thesis template to PATH."""
    from thesis.errors import SpecError
    from thesis.spec import TEMPLATE

    if path.exists() and not force:
        raise SpecError(
            "the file exists already", where=str(path), fix="choose another path or pass --force"
        )
    path.write_text(TEMPLATE, encoding="utf-8")
    typer.echo(f"wrote {path}; edit it, then run `thesis run {path}`")


@app.command()
def calibrate(
    thesis_file: Path | None = typer.Argument(
        None, help="Thesis file (its index, methods and as_of); default: sp500."
    ),
    series: str = typer.Option(
        "sp500",
        "--series",
        help="Series when no thesis file is given: one id, several (comma-separated), or `all` "
        "(every daily price, index and yield with enough history).",
    ),
    methods: str = typer.Option(
        "gbm,bootstrap,garch", "--methods", help="Comma-separated methods."
    ),
    as_of: str | None = typer.Option(
        None, "--as-of", help="Last date of the walk-forward (default: the data's end)."
    ),
    start: str | None = typer.Option(
        None, "--start", help="First origin (default: first date with enough history)."
    ),
    n_paths: int = typer.Option(2000, "--paths", help="Paths per origin and method."),
    seed: int = typer.Option(20251126, "--seed", help="Seed."),
    scheduler: str | None = typer.Option(
        None,
        "--scheduler",
        help="Run as Dask tasks, one per series and method: `local` (worker processes here) or "
        "a scheduler address (tcp://HOST:8786). Leave out to run in this process.",
    ),
    workers: int | None = typer.Option(
        None, "--workers", help="Worker processes for --scheduler local (default: one per core)."
    ),
    store_path: Path | None = typer.Option(
        None, "--store", help="Store file (default $THESIS_HOME/market.duckdb)."
    ),
) -> None:
    """Walk-forward calibration: how reliable the probability methods have been on history.

    Monthly origins; at each one every method is fitted on data up to that day only and scored on
    what followed over 3, 6 and 12 months: coverage of 50/80/95 % intervals, Brier score, CRPS,
    against a naive random-walk baseline and the historical base rate (the Brier skill column:
    above zero beats it); the S&P 500 and the funds that track it also score the VIX-implied odds.
    One series is kept in the store's result cache (a second run reads it back).

    With several series, `--series all` or `--scheduler`, the sweep runs one task per series and
    method (each with its own random stream, keyed by seed, series and method), in this process or
    on a Dask cluster, with the same scores either way; the sweep scores each method alone,
    without the base rate. Exit code 3 when some task failed (listed).
    """
    from rich.console import Console

    meths = tuple(m.strip() for m in methods.split(",") if m.strip())
    as_of_d = _date(as_of, "--as-of")
    start_d = _date(start, "--start")
    if thesis_file is not None:
        from thesis.spec import load_thesis

        spec = load_thesis(thesis_file)
        series = spec.index.series
        meths = tuple(spec.analysis.methods or meths)
        as_of_d = as_of_d or spec.as_of
    wanted = [x.strip() for x in series.split(",") if x.strip()]
    console = Console()
    if scheduler is not None or wanted == ["all"] or len(wanted) > 1:
        _calibrate_sweep(
            console, store_path, "all" if wanted == ["all"] else wanted, meths,
            n_paths=n_paths, seed=seed, as_of=as_of_d, start=start_d, scheduler=scheduler,
            workers=workers,
        )  # fmt: skip
        return
    _calibrate_one(console, store_path, wanted[0], meths, n_paths, seed, as_of_d, start_d)


def _calibrate_one(
    console: Any,
    store_path: Path | None,
    series: str,
    meths: tuple[str, ...],
    n_paths: int,
    seed: int,
    as_of_d: dt.date | None,
    start_d: dt.date | None,
) -> None:
    """One series in this process, with the base rate (and the VIX-implied odds where they
    apply), kept in the store's result cache."""
    import numpy as np
    from rich.table import Table

    from thesis.analysis.calibration import calibrate as run_cal
    from thesis.analysis.implied import MATCHING_VOL_INDEX
    from thesis.data.cache import ResultCache

    with _store(store_path) as store:
        prices = store.get(series, as_of=as_of_d)
        vol_id = MATCHING_VOL_INDEX.get(series)
        vol = store.get(vol_id, as_of=as_of_d) if vol_id and store.has(vol_id) else None
        with console.status("calibrating…"):
            res = run_cal(
                prices,
                subject=series,
                methods=meths,
                n_paths=n_paths,
                rng=np.random.default_rng(seed),
                start=start_d,
                base_rate=True,
                vol_index=vol,
                cache=ResultCache(store),
            )
    df = res.to_frame()
    months = {63: "3m", 126: "6m", 252: "12m"}
    df["horizon"] = [f"{months.get(int(h), '')} ({int(h)} sessions)".strip() for h in df["horizon"]]
    origins = f"{prices.index[0].date()}..{prices.index[-1].date()}"
    table = Table(
        title=f"Walk-forward calibration of {series}, data {origins}, {n_paths:,} paths per origin"
    )
    for col in df.columns:
        # a narrow terminal folds a name onto two lines rather than cutting it short
        table.add_column(str(col), justify="right", overflow="fold")
    for _, row in df.iterrows():
        table.add_row(*[f"{v:.3f}" if isinstance(v, float) else str(v) for v in row])
    console.print(table)
    console.print(
        "Coverage should be near the nominal 0.50 / 0.80 / 0.95; lower Brier and CRPS are better; "
        "bss is the Brier skill against the base rate (above zero beats it)."
    )
    for h in res.horizons:
        best, beat = res.verdict(h)
        if best is not None:
            console.print(
                f"{months.get(h, h)}: most accurate {best}; "
                + (f"beat the base rate: {', '.join(beat)}" if beat else "none beat the base rate")
            )
    console.print(f"[dim]{res.cache_status}[/]")


def _calibrate_sweep(
    console: Any,
    store_path: Path | None,
    series: list[str] | str,
    meths: tuple[str, ...],
    *,
    n_paths: int,
    seed: int,
    as_of: dt.date | None,
    start: dt.date | None,
    scheduler: str | None,
    workers: int | None,
) -> None:
    """Every (series, method) as a task on the batch executor (thesis.scale.sweep)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.table import Table

    from thesis.scale.sweep import calibrate_sweep

    with (
        _store(store_path) as store,
        Progress(
            TextColumn("[bold]calibrate[/]"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.description}"),
            console=console,
        ) as bar,
    ):
        task = bar.add_task("", total=None)

        def step(i: int, n: int, res: dict[str, Any]) -> None:
            what = f"{res['series']}/{res['method']}"
            bar.update(
                task, total=n, completed=i,
                description=f"[red]failed: {what}" if "error" in res else what,
            )  # fmt: skip

        report = calibrate_sweep(
            store, series, meths, n_paths=n_paths, seed=seed, as_of=as_of, start=start,
            scheduler=scheduler, n_workers=workers, progress=step,
        )  # fmt: skip
    df = report.scores
    if len(df):
        months = {63: "3m", 126: "6m", 252: "12m"}
        cols = [c for c in ("series", "method", "horizon", "coverage50", "coverage80",
                            "coverage95", "brier", "crps_pct", "n") if c in df.columns]  # fmt: skip
        table = Table(title=f"Walk-forward calibration, {n_paths:,} paths per origin")
        for c in cols:
            table.add_column(
                c, justify="left" if c in ("series", "method") else "right", overflow="fold"
            )
        for _, row in df[cols].iterrows():
            table.add_row(
                *[
                    months.get(int(v), str(v))
                    if c == "horizon"
                    else f"{v:.3f}"
                    if isinstance(v, float)
                    else str(v)
                    for c, v in row.items()
                ]
            )
        console.print(table)
    console.print(
        f"{df['series'].nunique() if len(df) else 0} series, {len(report.failed)} failed task(s), "
        f"{report.wall_s:.1f} s {'in this process' if report.where == 'in-process' else 'on ' + report.where}"
    )
    for what, err in report.failed.items():
        console.print(f"[red]failed[/] {what}: {str(err).splitlines()[0]}", highlight=False)
    if report.failed:
        raise typer.Exit(3)
