"""``thesis batch``: many theses (files or a grid) as Dask tasks, or in this process."""

from __future__ import annotations

from pathlib import Path

import typer

from thesis.cli._app import app


@app.command()
def batch(
    theses: list[Path] = typer.Argument(None, help="Thesis files (TOML); or use --grid."),
    grid: Path | None = typer.Option(
        None, "--grid", help="A grid file: one template thesis × lists of values."
    ),
    out: Path = typer.Option(
        Path("out/batch"), "--out", help="Output folder, one sub-folder per thesis."
    ),
    scheduler: str | None = typer.Option(
        None,
        "--scheduler",
        help="`local` (a cluster of worker processes here) or a Dask scheduler address "
        "(tcp://HOST:8786); leave out to run in this process.",
    ),
    workers: int | None = typer.Option(
        None, "--workers", help="Worker processes for --scheduler local (default: one per core)."
    ),
    formats: str = typer.Option(
        "md", "--formats", help="Article formats: md, html, pdf (comma-separated)."
    ),
    force: bool = typer.Option(
        False, "--force", help="Run theses already done on the same data again."
    ),
    no_scorecard: bool = typer.Option(
        False,
        "--no-scorecard",
        help="Leave out scorecards (the snapshot then ends at the last as_of).",
    ),
    store_path: Path | None = typer.Option(
        None, "--store", help="Store file (default $THESIS_HOME/market.duckdb)."
    ),
) -> None:
    """Run many theses: each is a task; results are written whole into OUT/<thesis id>/.

    The store is read once, here, into a content-hashed snapshot that every worker reads; a thesis
    already done on the same data is skipped. Facts are identical whichever way the batch runs.
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from thesis.cli.commands import _store
    from thesis.errors import SpecError
    from thesis.scale.batch import BatchReport, TaskResult, run_batch
    from thesis.spec import load_thesis

    console = Console(stderr=True)
    store = _store(store_path)
    specs = [load_thesis(p) for p in theses or []]
    if grid is not None:
        from thesis.scale.grid import load_grid

        specs += load_grid(grid, store)
    if not specs:
        raise SpecError(
            "no theses to run",
            where="thesis batch",
            fix="name thesis files, or a grid with --grid GRID.toml",
        )
    fmts = tuple(f.strip() for f in formats.split(",") if f.strip())
    with Progress(
        TextColumn("[bold]batch[/]"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=console,
        transient=False,
    ) as bar:
        task = bar.add_task("", total=None)

        def started(report: BatchReport, n: int) -> None:
            bar.update(task, total=n)
            where = report.scheduler if scheduler is None else scheduler
            console.print(
                f"{len(specs)} theses: {n} to run, {len(report.skipped)} already done "
                f"(snapshot {report.snapshot['content_hash']}, "
                f"{report.snapshot['bytes'] / 1e6:.1f} MB, {len(report.snapshot['series'])} series); "
                f"running {'in this process' if scheduler is None else 'on ' + where}"
            )

        def step(i: int, n: int, res: TaskResult) -> None:
            bar.update(
                task, completed=i, description=("" if res.ok else f"[red]failed: {res.thesis_id}")
            )

        report = run_batch(
            specs,
            store,
            out,
            scheduler=scheduler,
            n_workers=workers,
            formats=fmts,
            with_scorecard=not no_scorecard,
            force=force,
            progress=step,
            on_start=started,
        )
    if report.dashboard:
        console.print(f"Dask dashboard: {report.dashboard}")
    console.print(
        f"done {len(report.done)}, skipped {len(report.skipped)}, failed {len(report.failed)} "
        f"in {report.wall_s:.1f} s → {out}"
    )
    for tid, err in report.failed.items():
        console.print(f"[red]failed[/] {tid}: {err.splitlines()[0]}")
    if report.failed:
        raise typer.Exit(3)
