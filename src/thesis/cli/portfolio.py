"""`thesis portfolio`: backtest, stress and tearsheet of the thesis file's ``[portfolio]``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from thesis.errors import SpecError

if TYPE_CHECKING:
    from thesis.portfolio.backtest import PortfolioRun
    from thesis.portfolio.spec import PortfolioSpec

app = typer.Typer(
    help="Backtest, stress and tearsheet of the thesis portfolio (the \\[portfolio] table of THESIS.toml).",
    no_args_is_help=True,
    rich_markup_mode="rich",
)

_THESIS = typer.Argument(
    ..., help="The thesis file (TOML) with a \\[portfolio] table.", exists=False
)


def load_portfolio(path: Path) -> tuple[PortfolioSpec, dt.date]:
    """Read the thesis file's portfolio spec and ``as_of`` (with :func:`thesis.spec.load_thesis`)."""
    from thesis.spec import load_thesis

    t = load_thesis(path)
    if t.portfolio is None:
        raise SpecError("the thesis has no [portfolio] table", where=str(path), fix=_FIX_NO_TABLE)
    return t.portfolio, t.as_of


_FIX_NO_TABLE = "add [portfolio] with at least one [portfolio.sleeves.NAME] (instruments, budget)"


def _run(path: Path, start: str | None, end: str | None, costs_bp: float | None) -> PortfolioRun:
    from thesis.data import Store
    from thesis.portfolio.backtest import run_portfolio

    spec, as_of = load_portfolio(path)
    theme = None
    if spec.screens:  # a screen over the thesis's [theme] needs the theme
        from thesis.spec import load_thesis

        t = load_thesis(path).theme
        theme = t.resolved(path) if t is not None else None
    return run_portfolio(
        spec, Store(read_only=True), as_of, start=start, end=end, costs_bp=costs_bp, theme=theme
    )


def _perf_table(run: Any) -> Any:
    from rich.table import Table

    perf = run.performance()
    t = Table(
        title=f"Backtest {run.portfolio.start.date()} – {run.portfolio.end.date()}, "
        f"costs {run.portfolio.costs_bp:g} bp"
    )
    t.add_column("measure")
    for c in perf.columns:
        t.add_column(c, justify="right")
    rows = (
        ("cagr", "CAGR", 1),
        ("vol_ann", "volatility", 1),
        ("sharpe", "Sharpe", 0),
        ("sortino", "Sortino", 0),
        ("max_drawdown", "max drawdown", 1),
        ("calmar", "Calmar", 0),
        ("beta", "beta vs S&P 500", 0),
        ("tracking_error", "tracking error", 1),
        ("worst_month", "worst month", 1),
        ("turnover_ann", "turnover / year", 1),
        ("costs", "costs (sum)", 1),
    )
    for key, label, pct in rows:
        vals = []
        for c in perf.columns:
            v = perf.loc[key, c]
            try:
                f = float(v)
            except (TypeError, ValueError):
                f = float("nan")
            vals.append("n/a" if f != f else (f"{f * 100:.2f} %" if pct else f"{f:.2f}"))
        t.add_row(label, *vals)
    dd = perf.loc[["max_drawdown_start", "max_drawdown_end"], "portfolio"]
    t.caption = f"portfolio max drawdown {_d(dd.iloc[0])} → {_d(dd.iloc[1])}"
    return t


def _d(x: Any) -> str:
    return "n/a" if x is None or x != x else str(getattr(x, "date", lambda: x)())


def _print_notes(console: Any, run: Any) -> None:
    sw = run.sleeve_weights()
    console.print(
        "Weights now: " + ", ".join(f"[bold]{n}[/] {v * 100:.1f} %" for n, v in sw.items())
    )
    if run.price_only:
        console.print(f"[yellow]price-only series (no dividends):[/] {', '.join(run.price_only)}")
    for n in run.portfolio.notes:
        console.print(f"[dim]note:[/] {n}")


@app.command()
def backtest(
    thesis: Path = _THESIS,
    start: str | None = typer.Option(
        None,
        "--start",
        help="First session (YYYY-MM-DD); default: when all instruments have entered.",
    ),
    end: str | None = typer.Option(
        None, "--end", help="Last session (YYYY-MM-DD); default: the thesis's as_of."
    ),
    costs_bp: float | None = typer.Option(
        None, "--costs-bp", help="Costs in bp of traded value (overrides the file)."
    ),
    facts_out: Path | None = typer.Option(
        None, "--facts", help="Also write the facts as JSON to this file."
    ),
) -> None:
    """Backtest the portfolio and its benchmarks (S&P 500 alone, 60/40) with the same engine and costs."""
    from rich.console import Console

    run = _run(thesis, start, end, costs_bp)
    console = Console()
    console.print(_perf_table(run))
    _print_notes(console, run)
    if facts_out is not None:
        from thesis.facts import FactSheet

        facts_out.write_text(FactSheet(run.facts()).to_json(), encoding="utf-8")
        console.print(f"facts written to {facts_out}")


@app.command()
def stress(thesis: Path = _THESIS) -> None:
    """Replay today's weights through historical windows and the thesis's named-risk shocks."""
    from rich.console import Console
    from rich.table import Table

    from thesis.data import Store
    from thesis.portfolio.backtest import run_stress

    run = _run(thesis, None, None, None)
    res = run.stress if run.stress is not None else run_stress(run, Store(read_only=True))
    t = Table(
        title=f"Stress tests on the weights of {run.portfolio.end.date()} (loss, positive = loss)"
    )
    for c in ("scenario", "kind", "window", "covered", "loss"):
        t.add_column(c, justify="left" if c in ("scenario", "kind", "window") else "right")
    for s in res.by_sleeve.columns:
        t.add_column(s, justify="right")
    t.add_column("gaps / proxies")

    def pct(x: float) -> str:
        return "n/a" if x != x else f"{x * 100:.1f} %"  # NaN: a sleeve with no data in the window

    for key, r in res.table.iterrows():
        name = str(key)  # scenario names index the table
        gp = "; ".join(
            x
            for x in (r["gaps"] and f"gap: {r['gaps']}", r["proxied"] and f"proxy: {r['proxied']}")
            if x
        )
        t.add_row(
            str(r.get("label") or name),
            r["kind"],
            f"{r['start']}..{r['end']}",
            pct(r["covered"]) + (" *" if r.get("partial") else ""),
            pct(r["loss"]),
            *[pct(res.by_sleeve[s].loc[name]) for s in res.by_sleeve.columns],
            gp or "–",
        )
    console = Console()
    console.print(t)
    if "partial" in res.table and bool(res.table["partial"].any()):
        console.print("* partial: the loss is that of the covered weight only (see gaps).")
    for s in res.skipped:
        console.print(f"[dim]{s}[/]")


@app.command()
def tearsheet(
    thesis: Path = _THESIS,
    out: Path = typer.Option(..., "--out", help="Folder for tearsheet.html and the chart PNGs."),
    start: str | None = typer.Option(None, "--start", help="First session (YYYY-MM-DD)."),
    end: str | None = typer.Option(None, "--end", help="Last session (YYYY-MM-DD)."),
    costs_bp: float | None = typer.Option(None, "--costs-bp", help="Costs in bp of traded value."),
) -> None:
    """Write a standalone HTML tearsheet (equity, drawdowns, rolling risk, weights, monthly returns, stress)."""
    from rich.console import Console

    from thesis.data import Store
    from thesis.facts import FactSheet
    from thesis.portfolio.backtest import run_stress
    from thesis.portfolio.tearsheet import build_tearsheet

    run = _run(thesis, start, end, costs_bp)
    res = run.stress if run.stress is not None else run_stress(run, Store(read_only=True))
    sheet = build_tearsheet(run, res)
    path = sheet.write(out)
    (out / "facts.json").write_text(
        FactSheet([*run.facts(), *res.facts()]).to_json(), encoding="utf-8"
    )
    Console().print(f"tearsheet written to {path}")
