"""``thesis data``: the market data store from the command line.

A thin layer over :class:`thesis.data.Store` and :mod:`thesis.data.providers`: each command parses
its options, calls the public API and prints with rich. Heavy imports (pandas, DuckDB, providers)
happen inside the commands so that ``thesis --help`` stays fast. Errors are
:class:`~thesis.errors.ThesisError` subclasses; the root command prints them as one message and
exits non-zero (``thesis --debug ...`` shows the traceback).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from thesis.errors import DataError, ProviderError, StoreError, ThesisError, nearest

if TYPE_CHECKING:
    from rich.console import Console

    from thesis.data import Store

__all__ = ["app"]

HTTP_PROVIDERS = ("edgar", "fred", "stooq", "yahoo")

app = typer.Typer(
    name="data",
    help="The market data store: list, show, import, update, bundle.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


@app.callback()
def _group(
    ctx: typer.Context,
    store: Path | None = typer.Option(
        None,
        "--store",
        help="The store file (DuckDB). Default: $THESIS_HOME/market.duckdb "
        "(THESIS_HOME defaults to the platform's user data folder, e.g. ~/.local/share/thesis).",
        dir_okay=False,
        show_default=False,
    ),
    lock_timeout: float = typer.Option(
        30.0,
        "--lock-timeout",
        min=0.0,
        help="Seconds to wait while another process holds the store before giving up.",
    ),
) -> None:
    """The market data store: list, show, import, update, bundle.

    Everything else in thesis reads data from this store "as of" a date; these commands fill and
    inspect it.
    """
    ctx.obj = {"store": store, "lock_timeout": lock_timeout}


# ---------------------------------------------------------------------- helpers
def _open_store(ctx: typer.Context, *, read_only: bool) -> Store:
    from thesis.data import Store

    obj = ctx.obj or {}
    # a wait for another process's lock is announced, never silent
    return Store(
        obj.get("store"),
        read_only=read_only,
        lock_timeout=obj.get("lock_timeout", 30.0),
        on_wait=lambda msg: _console(stderr=True).print(msg),
    )


def _console(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)


def _date(value: str | None, option: str) -> str | None:
    """Check an ISO date option and return it unchanged (``None`` passes)."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise DataError(
            f"{value!r} is not a date",
            where=option,
            fix="write dates as YYYY-MM-DD (e.g. 2025-11-26)",
        ) from None


def _num(v: Any, *, integer: bool = False) -> str:
    """A number for tables: thousands separators, 7 significant digits (at most 6 decimals), no
    trailing zeros, so that float32 noise in source data (2485.739990234375) reads 2,485.74."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "—"
    if integer:
        return f"{v:,.0f}"
    x = float(v)
    digits = math.floor(math.log10(abs(x))) + 1 if x != 0 and math.isfinite(x) else 1
    decimals = min(6, max(0, 7 - digits))
    text = f"{x:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _day(v: Any) -> str:
    if v is None:
        return "—"
    try:
        import pandas as pd

        if pd.isna(v):
            return "—"
        return str(pd.Timestamp(v).date())
    except (TypeError, ValueError):
        return str(v)


@contextmanager
def _progress(
    label: str, total: int | None = None
) -> Iterator[tuple[Callable[[str], None], Callable[[], None]]]:
    """A rich progress bar on stderr; yields (say(message), advance())."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    columns: list[Any] = [SpinnerColumn(), TextColumn("{task.description}")]
    if total is not None:
        columns += [BarColumn(), MofNCompleteColumn()]
    columns.append(TimeElapsedColumn())
    console = _console(stderr=True)
    if not console.is_terminal:
        # no bar in logs and pipes (it would leave a blank line before every message)
        yield (lambda msg: None), (lambda: None)
        return
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(label, total=total)

        def say(msg: str) -> None:
            bar.update(task, description=f"{label}: {msg}")

        def advance() -> None:
            bar.advance(task)

        yield say, advance


def _print_report(console: Console, rep: Any, what: str, store_path: Path) -> None:
    """One summary line for an IngestReport (or anything with the same attributes)."""
    series = getattr(rep, "series_rows", {}) or {}
    new_rows = getattr(rep, "new_rows", 0)
    parts = [f"{len(series)} series", f"{_num(new_rows, integer=True)} new rows"]
    for attr, name in (
        ("events_new", "new events"),
        ("securities", "securities"),
        ("documents", "documents"),
    ):
        n = getattr(rep, attr, 0)
        if n:
            parts.append(f"{_num(n, integer=True)} {name}")
    console.print(f"{what}: {', '.join(parts)} → {store_path}")


# ---------------------------------------------------------------------- list
@app.command("list")
def list_(ctx: typer.Context) -> None:
    """List the series in the store: id, name, unit, frequency, kind, provider, range and count.

    Example: [bold]thesis data list[/bold]
    """
    from rich.table import Table

    store = _open_store(ctx, read_only=True)
    console = _console()
    with store:
        cat = store.catalog()
    if cat.empty:
        console.print(
            f"The store at {store.path} holds no series yet. Build the offline dataset with "
            "`thesis data bundle`, import files with `thesis data import PATH`, or fetch with "
            "`thesis data update SERIES`."
        )
        return
    cells = {
        "id": list(cat["id"]),
        "start": [_day(v) for v in cat["start"]],
        "end": [_day(v) for v in cat["end"]],
        "count": [_num(v, integer=True) for v in cat["count"]],
        "freq": list(cat["frequency"]),
        "unit": list(cat["unit"]),
        "kind": list(cat["kind"]),
        "provider": list(cat["provider"]),
        "name": list(cat["name"]),
    }
    # columns by priority, as many as fit the terminal (a wrapped table is unreadable)
    shown: list[str] = []
    used = 1
    for col, vals in cells.items():
        width = max(len(col), *(len(str(v)) for v in vals)) + 3
        if col in ("id", "start", "end") or used + width <= console.width:
            shown.append(col)
            used += width
    table = Table(
        title=f"{len(cat)} series in {store.path}", title_justify="left", box=None, pad_edge=False
    )
    for col in shown:
        table.add_column(
            col,
            style="bold" if col == "id" else None,
            no_wrap=True,
            justify="right" if col == "count" else "left",
        )
    for i in range(len(cat)):
        table.add_row(*(str(cells[c][i]) for c in shown))
    console.print(table)
    left_out = [c for c in cells if c not in shown]
    if left_out:
        console.print(
            f"({', '.join(left_out)} left out for the terminal width; widen it, or see one "
            "series with `thesis data show ID`)"
        )


# ---------------------------------------------------------------------- show
@app.command()
def show(
    ctx: typer.Context,
    series: str = typer.Argument(..., help="Series id, e.g. sp500 (see `thesis data list`)."),
    start: str | None = typer.Option(None, "--start", help="First date shown, YYYY-MM-DD."),
    end: str | None = typer.Option(None, "--end", help="Last date shown, YYYY-MM-DD."),
    as_of: str | None = typer.Option(
        None, "--as-of", help="Analysis date YYYY-MM-DD: nothing dated after it is shown."
    ),
    tail: int = typer.Option(10, "--tail", min=0, help="Show the last N rows (0: all rows)."),
    fields: str | None = typer.Option(
        None,
        "--fields",
        help="Comma-separated columns: value, open, high, low, volume, adj_close (default: value).",
    ),
) -> None:
    """Show the observations of one series, with a summary line (range, count, last value).

    Example: [bold]thesis data show sp500 --as-of 2025-11-26 --tail 5 --fields open,high,low,value[/bold]
    """
    import pandas as pd
    from rich.table import Table

    cols = None
    if fields is not None:
        cols = [c.strip().lower() for c in fields.split(",") if c.strip()]
        if not cols:
            raise DataError(
                "no field named",
                where=f"--fields {fields!r}",
                fix="name columns, e.g. --fields open,high,low,value (value is the close)",
            )
    start, end, as_of = _date(start, "--start"), _date(end, "--end"), _date(as_of, "--as-of")
    if start and end and start > end:
        raise DataError(
            f"--start {start} is after --end {end}",
            where="--start/--end",
            fix="swap them, or leave one out",
        )
    store = _open_store(ctx, read_only=True)
    with store:
        if not store.has(series) and store.has(series.strip().lower()):
            series = series.strip().lower()  # ids are lower-case; SP500 means sp500
        info = store.info(series)
        data = store.get(series, start=start, end=end, as_of=as_of, fields=cols)
    frame = data.to_frame("value") if isinstance(data, pd.Series) else data
    console = _console()
    console.print(f"[bold]{info.id}[/bold] — {info.name}")
    src = data.attrs.get("source")
    n = len(frame)
    if n == 0:
        console.print(f"{info.id}: no observations in the window ({info.unit}, {info.frequency}).")
        return
    shown = frame if tail == 0 else frame.tail(tail)
    table = Table()
    table.add_column("date", no_wrap=True)
    for c in frame.columns:
        table.add_column(c, justify="right", no_wrap=True)
    for d, row in zip(shown.index, shown.itertuples(index=False), strict=True):
        table.add_row(
            _day(d),
            *(_num(v, integer=(c == "volume")) for c, v in zip(frame.columns, row, strict=True)),
        )
    console.print(table)
    last_value = frame["value"].iloc[-1] if "value" in frame.columns else frame.iat[-1, 0]
    console.print(
        f"{info.id}: {_num(n, integer=True)} observations {_day(frame.index[0])} → "
        f"{_day(frame.index[-1])} ({', '.join(x for x in (info.frequency, info.unit) if x)}); last {_num(last_value)} on "
        f"{_day(frame.index[-1])}; source {info.provider}:{info.provider_id or info.id}"
        + (f", hash {src.content_hash}" if src is not None else "")
    )
    if info.note:
        console.print(f"note: {info.note}")


# ---------------------------------------------------------------------- import
@app.command("import")
def import_(
    ctx: typer.Context,
    path: list[Path] = typer.Argument(
        ...,
        help="CSV or Parquet file(s), or folder(s) whose files are all imported.",
        show_default=False,
    ),
    mapping: str | None = typer.Option(
        None,
        "--map",
        help='Column mapping KEY=COLUMN,... e.g. "date=Date,value=Close,series=spx". '
        "Default: known files by name, others inferred.",
    ),
    delimiter: str | None = typer.Option(
        None, "--delimiter", help="Field separator (default: detected), e.g. ';'."
    ),
    date_format: str | None = typer.Option(
        None,
        "--date-format",
        help="Layout of the dates, e.g. %d/%m/%Y (day first) or %m/%d/%Y. Default: ISO "
        "(YYYY-MM-DD); day/month dates only where the file settles the order (13/02/2020).",
    ),
    allow: str | None = typer.Option(
        None,
        "--allow",
        help="Accept values the checks refuse, noted in the catalog: nonpositive (zero or "
        "negative prices and index levels), magnitude (values past the limit of the series' kind), "
        "e.g. --allow nonpositive,magnitude.",
    ),
) -> None:
    """Import CSV/Parquet files (wide or long) into the store: all files or none.

    Every file is checked first; a bad row stops the import with its file:line and nothing is
    written. The files are written in one transaction: a failure (a full disk, a killed process)
    leaves the store as it was. Re-importing the same files changes nothing.

    Example: [bold]thesis data import ../shared/data[/bold]; [bold]thesis data import prices.csv
    --date-format %d/%m/%Y[/bold]
    """
    from thesis.data.providers.csv import import_path

    for p in path:
        if not p.exists():
            raise DataError(
                "no such file or folder",
                where=str(p),
                fix="check the path (relative to the current folder)",
            )
    store = _open_store(ctx, read_only=False)
    console = _console()
    notes: list[str] = []

    def progress(say: Callable[[str], None]) -> Callable[[str], None]:
        def relay(msg: str) -> None:
            if msg.startswith("note: "):
                notes.append(msg[len("note: ") :])  # kept: the bar is transient
            say(msg)

        return relay

    with store, _progress("import") as (say, _):
        rep = import_path(
            store,
            path[0] if len(path) == 1 else path,
            progress(say),
            mapping=mapping,
            delimiter=delimiter,
            date_format=date_format,
            allow=[a for a in (allow or "").split(",") if a.strip()],
        )
    for n in notes:
        _console(stderr=True).print(f"note: {n}")
    _print_report(console, rep, "imported", store.path)


# ---------------------------------------------------------------------- update
def _provider_for(series: str, catalog_provider: str | None) -> str | None:
    """The default provider of a series: its catalog provider if it is an HTTP one, else the maps."""
    from thesis.data.providers.fred import FRED_IDS
    from thesis.data.providers.stooq import STOOQ_IDS

    if catalog_provider in HTTP_PROVIDERS:
        return catalog_provider
    if FRED_IDS.get(series):
        return "fred"
    if series in STOOQ_IDS:
        return "stooq"
    return None


@app.command()
def update(
    ctx: typer.Context,
    series: list[str] | None = typer.Argument(
        None,
        help="Series ids (sp500, ust10y, spy, ...) or the provider's own ids (DGS10, aapl.us). "
        "Default: every series in the store that came from fred, stooq or yahoo.",
        show_default=False,
    ),
    provider: str | None = typer.Option(
        None,
        "--provider",
        "-p",
        help="fred, stooq, yahoo, or edgar (SEC fundamentals by ticker: PLPC MSFT; needs "
        "THESIS_SEC_USER_AGENT with a contact e-mail). Default per series: its provider in the store, else fred for "
        "FRED-mapped ids (rates, inflation, macro, sp500, vix), stooq for ETFs and gold.",
    ),
    start: str | None = typer.Option(
        None, "--start", help="First date to fetch, YYYY-MM-DD (default: the full history)."
    ),
    end: str | None = typer.Option(None, "--end", help="Last date to fetch, YYYY-MM-DD."),
) -> None:
    """Fetch series from FRED, Stooq or Yahoo and ingest them into the store.

    Each series is ingested in its own transaction: one that fails is reported and the others
    still land. Re-running is safe (unchanged data adds nothing; revised values add a vintage).

    Environment: [bold]FRED_API_KEY[/bold] (use FRED's JSON API instead of the CSV download),
    [bold]THESIS_FRED_URL[/bold], [bold]THESIS_FRED_API_URL[/bold], [bold]THESIS_STOOQ_URL[/bold]
    (base URLs, e.g. a mirror or a local test server). Yahoo needs [bold]pip install 'thesis\\[yahoo]'[/bold].

    Example: [bold]thesis data update sp500 ust10y fedfunds[/bold]; [bold]thesis data update spy --provider stooq --start 2020-01-01[/bold]
    """
    from rich.table import Table

    from thesis.data.providers import get_provider

    start = _date(start, "--start")
    end = _date(end, "--end")
    if provider is not None and provider not in HTTP_PROVIDERS:
        hint = nearest(provider, HTTP_PROVIDERS)
        raise ProviderError(
            f"unknown provider {provider!r}"
            + (f"; did you mean {', '.join(hint)}?" if hint else ""),
            where="--provider",
            fix=f"use one of {', '.join(HTTP_PROVIDERS)}",
        )
    store = _open_store(ctx, read_only=False)
    catalog: dict[str, str] = {}
    if store.path.exists():
        cat = store.catalog()
        catalog = dict(zip(cat["id"], cat["provider"], strict=True))
        store.close()
    wanted = list(series or [])
    if not wanted:
        wanted = [s for s, p in catalog.items() if p in HTTP_PROVIDERS]
        if not wanted:
            raise DataError(
                "nothing to update: no series in the store came from fred, stooq or yahoo",
                where=str(store.path),
                fix="name the series, e.g. `thesis data update sp500 ust10y spy`",
            )
    plan: list[tuple[str, str]] = []
    for s in wanted:
        prov = provider or _provider_for(s, catalog.get(s))
        if prov is None:
            from thesis.data.providers.fred import FRED_IDS
            from thesis.data.providers.stooq import STOOQ_IDS

            hint = nearest(s, [*FRED_IDS, *STOOQ_IDS, *catalog])
            raise DataError(
                f"no provider is known for series {s!r}"
                + (f"; did you mean {', '.join(hint)}?" if hint else ""),
                where=s,
                fix="pass --provider fred (any FRED id such as DEXUSEU), --provider stooq (a symbol "
                "such as aapl.us) or --provider yahoo",
            )
        plan.append((s, prov))

    providers: dict[str, Any] = {}
    results: list[tuple[str, str, str, str, str, str]] = []
    failures: list[tuple[str, str, ThesisError]] = []
    with store, _progress("update", total=len(plan)) as (say, advance):
        for s, prov in plan:
            say(f"{s} ({prov})")
            try:
                # EDGAR maps tickers to CIKs with the store's constituents
                opts: dict[str, Any] = {"store": store} if prov == "edgar" else {}
                p = providers.get(prov) or providers.setdefault(prov, get_provider(prov, **opts))
                batches = p.fetch([s], start=start, end=end, progress=say)
                rep = store.ingest(
                    batches, provider=prov, origin=batches[0].where if batches else ""
                )
            except StoreError:
                raise  # the store itself failed (disk, lock, damage): no other series can land
            except ThesisError as e:
                failures.append((s, prov, e))
                results.append((s, prov, "—", "—", "—", f"[red]failed[/red]: {e.what}"))
            else:
                for b in batches:
                    sid = b.info.id
                    f = b.frame
                    rng = f"{_day(f['date'].min())} → {_day(f['date'].max())}" if len(f) else "—"
                    results.append(
                        (
                            sid,
                            prov,
                            _num(rep.series_rows.get(sid, 0), integer=True),
                            _num(rep.series_new_rows.get(sid, 0), integer=True),
                            rng,
                            "[green]ok[/green]",
                        )
                    )
            advance()
    console = _console()
    table = Table(title=f"update → {store.path}", title_justify="left")
    for name, kw in (
        ("series", {"style": "bold", "no_wrap": True}),
        ("provider", {}),
        ("rows", {"justify": "right"}),
        ("new", {"justify": "right"}),
        ("range", {"no_wrap": True}),
        ("status", {"overflow": "fold"}),
    ):
        table.add_column(name, **kw)
    for row in results:
        table.add_row(*row)
    console.print(table)
    if failures:
        lines = "; ".join(
            f"{s} ({prov}{', ' + e.where if e.where else ''}): {e.what}" for s, prov, e in failures
        )
        raise ProviderError(
            f"{len(failures)} of {len(plan)} series could not be updated: {lines}",
            where="thesis data update",
            fix=failures[0][2].fix or "run again later; the other series were stored",
        )


# ---------------------------------------------------------------------- bundle
@app.command()
def bundle(
    ctx: typer.Context,
    if_missing: bool = typer.Option(
        False, "--if-missing", help="Do nothing when the store already holds series."
    ),
) -> None:
    """Build the offline dataset from real data shipped inside our dependencies (no network).

    Loads skfolio's and arch's datasets (S&P 500 and stocks, factor ETFs, Nasdaq, VIX,
    Fama-French factors, core CPI, AAA/BAA yields, WTI); each series records its package and
    loader. Safe to repeat.

    Example: [bold]thesis data bundle --if-missing[/bold]
    """
    store = _open_store(ctx, read_only=False)
    console = _console()
    if if_missing and store.path.exists():
        with store:
            n = len(store.series_ids())
        if n:
            console.print(
                f"The store at {store.path} already holds {n} series; nothing to do "
                "(run without --if-missing to rebuild)."
            )
            return
    try:
        from thesis.data.providers.bundled import build_bundle
    except ModuleNotFoundError as e:
        if e.name != "thesis.data.providers.bundled":
            raise
        raise DataError(
            "the bundled dataset builder is not part of this installation",
            where="thesis.data.providers.bundled",
            fix="reinstall thesis (`make demo` or `pip install -e .`), or import files with "
            "`thesis data import PATH`",
        ) from None

    with store, _progress("bundle") as (say, _):
        rep = build_bundle(store, progress=say)
    _print_report(console, rep, "bundled", store.path)
