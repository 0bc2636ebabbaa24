"""`thesis screen`: rank a universe by a rule, in the terminal, to CSV/Parquet and as a chart."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, overload

import typer

from thesis.cli._app import app
from thesis.errors import SpecError

_SHOW = (
    ("status", "data", None),
    ("last_date", "last close", "date"),
    ("size", "size", None),
    ("mom_6m", "6m %", 1),
    ("index.mom_6m", "index 6m %", 1),
    ("vol", "vol %", 1),
    ("corr_theme", "corr AI", 2),
)


@overload
def _date(value: str, option: str) -> dt.date: ...
@overload
def _date(value: str | None, option: str) -> dt.date | None: ...
def _date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise SpecError(
            f"{option} {value!r} is not a date", where=option, fix="write it as YYYY-MM-DD"
        ) from None


def _cell(v: Any, fmt: Any) -> str:
    import pandas as pd

    if v is None or (isinstance(v, float) and v != v) or v is pd.NaT:
        return "–"
    if fmt == "date":
        return str(pd.Timestamp(v).date())
    if isinstance(fmt, int) and isinstance(v, int | float):
        return f"{v:,.{fmt}f}"
    return str(v)


@app.command("screen")
def screen_cmd(
    rule: str | None = typer.Argument(
        None,
        help="The rule, e.g. 'size == \"small\" and mom_6m > index.mom_6m and corr_theme > 0.5'. "
        "Default: the [theme.screen] rule of --thesis / --theme.",
        show_default=False,
    ),
    universe: str | None = typer.Option(
        None,
        "--universe",
        "-u",
        help="theme, sp500, store, a theme file (.toml) or tickers (PLPC,INOD,MSFT). Default: "
        "the theme's screen universe, else the theme, else store.",
    ),
    thesis_file: Path | None = typer.Option(
        None, "--thesis", help="A thesis file: its [theme], as_of and index."
    ),
    theme_file: Path | None = typer.Option(None, "--theme", help="A theme file (TOML)."),
    as_of: str | None = typer.Option(
        None,
        "--as-of",
        help="Screening date YYYY-MM-DD (default: the thesis's, else the index's last close).",
    ),
    index: str | None = typer.Option(
        None, "--index", help="Index series the stocks are compared with (default sp500)."
    ),
    rank_by: str | None = typer.Option(
        None, "--rank-by", help="Feature to rank by (default mom_6m)."
    ),
    ascending: bool = typer.Option(False, "--ascending", help="Rank the lowest first."),
    top: int | None = typer.Option(None, "--top", min=1, help="Keep the best N."),
    show_all: bool = typer.Option(False, "--all", help="List the members that fail too."),
    out: Path | None = typer.Option(
        None, "--out", help="Write every member's row to .csv or .parquet."
    ),
    chart: Path | None = typer.Option(None, "--chart", help="Write a PNG chart of the ranking."),
    odds: bool = typer.Option(
        False, "--odds", help="Also simulate each passing stock's odds (needs --horizon)."
    ),
    horizon: str | None = typer.Option(None, "--horizon", help="Horizon date for --odds."),
    gain: float = typer.Option(20.0, "--gain", help="Gain in percent for --odds (20 = +20 %)."),
    n_paths: int = typer.Option(10_000, "--paths", help="Paths per method for --odds."),
    seed: int = typer.Option(20251126, "--seed", help="Seed for --odds."),
    scheduler: str | None = typer.Option(
        None,
        "--scheduler",
        help="Run --odds as Dask tasks: `local` (worker processes here) or a scheduler address "
        "(tcp://HOST:8786); the odds are the same either way.",
    ),
    workers: int | None = typer.Option(None, "--workers", help="Workers for --scheduler local."),
    list_features: bool = typer.Option(
        False, "--features", help="List the features a rule may use and exit."
    ),
    store_path: Path | None = typer.Option(
        None, "--store", help="Store file (default $THESIS_HOME/market.duckdb)."
    ),
) -> None:
    """Screen a universe of stocks with a rule and rank those that pass, as known on a date.

    Each row says why it passed (the comparisons that held, with their numbers). Members without
    price data are listed as "no price data"; stale ones (no close in the last sessions) are
    flagged and measured as of their own last close, against the index over the same window.

    Example: [bold]thesis screen 'mom_6m > index.mom_6m and corr_theme > 0.5' --universe store --as-of 2025-11-26[/bold]
    """
    import numpy as np
    from rich.console import Console
    from rich.table import Table

    from thesis.data import Store
    from thesis.screen.screen import FRAME_COLUMNS, screen
    from thesis.screen.spec import load_theme_file

    console = Console(highlight=False)
    if list_features:
        from thesis.screen.features import NUMERIC_FEATURES
        from thesis.screen.fundamentals import FUNDAMENTAL_FEATURES

        names = sorted(
            {
                *NUMERIC_FEATURES,
                *FUNDAMENTAL_FEATURES,
                *FRAME_COLUMNS,
                "name",
                "sector",
                "sub_industry",
                "group",
                "date_added",
                "market_cap_usd",
            }
        )
        console.print(
            "Features a rule may use (index.<feature> is the index over the same window):"
        )
        console.print(", ".join(names))
        return
    theme = None
    spec_as_of = None
    spec_index = None
    if thesis_file is not None:
        from thesis.spec import load_thesis

        t = load_thesis(thesis_file)
        spec_as_of, spec_index = t.as_of, t.index.series
        if t.theme is not None:
            theme = t.theme.resolved(thesis_file)
    if theme_file is not None:
        theme = load_theme_file(theme_file).resolved(theme_file)
    sp = theme.screen if theme is not None else None
    rule = rule or (sp.rule if sp else None)
    if not rule:
        raise SpecError(
            "no rule given",
            where="thesis screen",
            fix="pass a rule, e.g. 'mom_6m > index.mom_6m', or a --thesis/--theme with [theme.screen]",
        )
    uni: Any = universe or (sp.universe if sp else ("theme" if theme is not None else "store"))
    idx = index or (theme.index if theme and theme.index else None) or spec_index or "sp500"
    store = Store(store_path, read_only=True) if store_path else Store(read_only=True)
    when = _date(as_of, "--as-of") or spec_as_of or store.latest(idx).date.date()
    view = store.view(when)
    res = screen(
        view,
        rule,
        universe=uni,
        theme=theme,
        index=idx,
        rank_by=rank_by or (sp.rank_by if sp else "mom_6m"),
        descending=not ascending and (sp.descending if sp is not None and not rank_by else True),
        top=top or (sp.top if sp else None),
        stale_limit=theme.stale_sessions if theme else 5,
    )
    table = Table(
        title=f"{res.universe} on {res.as_of.date()}: {res.rule}",
        title_justify="left",
        caption=f"ranked by {res.rank_by}; {int(res.table['passed'].sum())} pass of "
        f"{int(res.table['has_prices'].sum())} with prices ({len(res.table)} members)",
    )
    table.add_column("#", justify="right")
    table.add_column("ticker", style="bold", no_wrap=True)
    table.add_column("name", overflow="fold", max_width=24)
    for _, head, _fmt in _SHOW:
        table.add_column(head, justify="right" if _fmt not in (None, "date") else "left")
    table.add_column(res.rank_by if res.rank_by not in ("mom_6m",) else "rank by", justify="right")
    table.add_column("why", overflow="fold")
    rows = res.table if show_all else res.table[res.table["selected"]]
    for tk, r in rows.iterrows():
        style = None if r["passed"] else "dim"
        table.add_row(
            _cell(r["rank"], 0),
            str(tk),
            str(r.get("name") or ""),
            *[_cell(r.get(k), f) for k, _, f in _SHOW],
            _cell(r.get(res.rank_by), 2),
            str(r["why"]),
            style=style,
        )
    console.print(table)
    for n in res.notes:
        console.print(f"[yellow]note:[/yellow] {n}")
    if out is not None:
        frame = res.table.copy()
        for c in frame.columns:
            if frame[c].dtype == object:
                frame[c] = frame[c].map(lambda v: None if v is None else str(v))
        out.parent.mkdir(parents=True, exist_ok=True)
        if out.suffix.lower() == ".parquet":
            frame.to_parquet(out)
        elif out.suffix.lower() == ".csv":
            frame.to_csv(out)
        else:
            raise SpecError(
                f"cannot write {out.suffix or 'a file without suffix'}",
                where=str(out),
                fix="name the file .csv or .parquet",
            )
        console.print(f"wrote {out}")
    if chart is not None:
        from thesis.screen.chart import plot_screen

        console.print(f"wrote {plot_screen(res, chart)}")
    if odds:
        if horizon is None:
            raise SpecError(
                "--odds needs --horizon", where="--horizon", fix="add --horizon 2026-12-31"
            )
        from thesis.scale.screening import odds_many

        fs = res.features
        assert fs is not None
        rng = np.random.default_rng(seed)
        ot = Table(title=f"Odds by {horizon} ({n_paths:,} paths per method)", title_justify="left")
        for c in ("ticker", "method", f"P(gain ≥ {gain:g}%)", f"P(beat {idx})", "drift %/yr"):
            ot.add_column(c, justify="left" if c in ("ticker", "method") else "right")
        base = int(rng.integers(0, 2**63 - 1))
        every = odds_many(
            {tk: fs.panel.prices[tk] for tk in res.selected},
            as_of=res.as_of,
            horizon=_date(horizon, "--horizon"),
            index=fs.panel.index,
            index_id=idx,
            gains_pct=[gain],
            n_paths=n_paths,
            key_base=base,
            scheduler=scheduler,
            n_workers=workers,
        )
        for tk, o in every.items():
            for m, g in o.table.groupby("method", sort=False):
                pg = g[g["event"] == "gain"]["p"]
                pb = g[g["event"] == "outperform"]["p"]
                ot.add_row(
                    tk,
                    m,
                    f"{pg.iloc[0]:.0%}" if len(pg) else "–",
                    f"{pb.iloc[0]:.0%}" if len(pb) else "–",
                    f"{g['drift_ann_pct'].iloc[0]:.1f}",
                )
            for n in o.notes:
                console.print(f"[yellow]note:[/yellow] {n}")
        console.print(ot)
