"""Delivery commands: ``thesis calendar``, ``thesis events``, ``thesis publish``, ``thesis serve``.

Thin: each parses its options, calls :mod:`thesis.publish` or :mod:`thesis.web` and prints.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Literal, overload

import typer

from thesis.cli._app import app

if TYPE_CHECKING:
    from rich.console import Console

    from thesis.data.store import Store

__all__ = ["events_app", "publish_app"]

publish_app = typer.Typer(no_args_is_help=True, add_completion=False)
events_app = typer.Typer(no_args_is_help=True, add_completion=False)

_STORE_HELP = "Store file (default $THESIS_HOME/market.duckdb)."


def _date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        from thesis.errors import PublishError

        raise PublishError(
            f"{value!r} is not a date", where=option, fix="write it as YYYY-MM-DD"
        ) from None


@overload
def _store(
    path: Path | None, *, required: Literal[True] = True, read_only: bool = True
) -> Store: ...
@overload
def _store(path: Path | None, *, required: bool, read_only: bool = True) -> Store | None: ...
def _store(path: Path | None, *, required: bool = True, read_only: bool = True) -> Store | None:
    """The store, or ``None`` when it is optional and absent."""
    from thesis.data.store import Store, default_store_path

    p = path or default_store_path()
    if not p.exists() and not required:
        return None
    return Store(p, read_only=read_only)


def _console(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)


# ---------------------------------------------------------------------------------- calendar
@app.command()
def calendar(
    thesis_file: Path = typer.Argument(..., help="The thesis file (TOML)."),
    start: str | None = typer.Option(
        None, "--from", help="First day YYYY-MM-DD (default: the day after as_of)."
    ),
    end: str | None = typer.Option(
        None, "--to", help="Last day YYYY-MM-DD (default: the thesis horizon)."
    ),
    out: Path | None = typer.Option(
        None, "--out", help="Write the key dates as iCalendar (.ics) to this file."
    ),
    url: str | None = typer.Option(None, "--url", help="A link to the outlook, in every event."),
    store_path: Path | None = typer.Option(None, "--store", help=_STORE_HELP),
) -> None:
    """The key dates inside the thesis's horizon, each with why it matters.

    FOMC decisions (tentative ones flagged), imported releases and earnings; past events when
    --from is before as_of. --out writes an .ics file for Google, Outlook or Apple Calendar.
    """
    from rich.table import Table

    from thesis.analysis.keydates import ThesisContext, key_dates
    from thesis.publish.calendar import to_ics
    from thesis.spec import load_thesis

    spec = load_thesis(thesis_file)
    with _store(store_path) as store:
        view = store.view(spec.as_of)
        secs = view.securities(spec.index.series)
        tickers = list(secs["symbol"]) if "symbol" in secs else []
        res = key_dates(
            view,
            ThesisContext.from_spec(spec, tickers=tickers),
            start=_date(start, "--from"),
            end=_date(end, "--to"),
        )
    console = _console()
    table = Table(title=f"Key dates for {spec.index.name}, {res.start} to {res.end}")
    for col in ("date", "event", "why it matters"):
        table.add_column(col, overflow="fold")
    for d in res.dates:
        flag = " (tentative)" if d.tentative else (" (past)" if d.past else "")
        table.add_row(
            d.date.isoformat(), d.label + flag + (f": {d.outcome}" if d.outcome else ""), d.why
        )
    console.print(table)
    for n in res.notes:
        console.print(f"[yellow]note:[/] {n}")
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(
            to_ics(
                res,
                stamp=dt.datetime.now(dt.UTC).replace(microsecond=0),
                name=f"Key dates: {spec.title}",
                url=url,
                thesis_title=spec.title,
            )
        )
        console.print(f"[green]wrote[/] {out} ({len(res.dates)} events)")


# ---------------------------------------------------------------------------------- events
@events_app.command("import")
def events_import(
    paths: list[Path] = typer.Argument(..., help=".ics or CSV files (or folders of them)."),
    kind: str | None = typer.Option(
        None, "--kind", help="Force the kind: fomc_meeting, release, earnings or filing."
    ),
    subject: str | None = typer.Option(
        None, "--subject", help="Force the subject of every event (e.g. a ticker)."
    ),
    start: str | None = typer.Option(None, "--from", help="Keep events from this day."),
    end: str | None = typer.Option(None, "--to", help="Keep events up to this day."),
    store_path: Path | None = typer.Option(None, "--store", help=_STORE_HELP),
) -> None:
    """Import release calendars (BLS, BEA), earnings or filing dates from .ics or CSV.

    A CSV needs a date column and a title column (title, summary, event or name); kind,
    subject/ticker, time, status and description are optional. Re-importing changes nothing.
    """
    from thesis.data.providers.ics import import_events

    d0, d1 = _date(start, "--from"), _date(end, "--to")
    err = _console(stderr=True)
    with _store(store_path, read_only=False) as store:
        rep = import_events(
            store,
            [str(p) for p in paths],
            lambda m: err.print(m),
            kind=kind,
            subject=subject,
            start=d0.isoformat() if d0 else None,
            end=d1.isoformat() if d1 else None,
        )
    _console().print(f"imported {rep.events_new} new or changed event(s) into {store.path}")


@events_app.command("list")
def events_list(
    start: str | None = typer.Option(None, "--from", help="First day YYYY-MM-DD."),
    end: str | None = typer.Option(None, "--to", help="Last day YYYY-MM-DD."),
    kind: str | None = typer.Option(None, "--kind", help="Only this kind."),
    store_path: Path | None = typer.Option(None, "--store", help=_STORE_HELP),
) -> None:
    """List the events in the store (FOMC meetings and decisions, releases, earnings, filings)."""
    from rich.table import Table

    with _store(store_path) as store:
        ev = store.events(kind, start=_date(start, "--from"), end=_date(end, "--to"))
    table = Table(title=f"{len(ev)} event(s)")
    for col in ("date", "kind", "subject", "detail"):
        table.add_column(col, overflow="fold")
    for _, r in ev.iterrows():
        detail = r["detail"]
        table.add_row(
            str(r["date"].date()),
            str(r["kind"]),
            str(r["subject"] or ""),
            "" if detail is None else str(detail)[:120],
        )
    _console().print(table)


# ---------------------------------------------------------------------------------- publish
@publish_app.command("email")
def publish_email(
    run_dir: Path = typer.Argument(..., help="The run folder (`thesis run --out DIR`)."),
    to: list[str] = typer.Option(
        ..., "--to", help="Recipient; repeat the option or separate addresses with commas."
    ),
    smtp: str | None = typer.Option(None, "--smtp", help="SMTP server HOST:PORT."),
    starttls: bool = typer.Option(False, "--starttls", help="Upgrade with STARTTLS first."),
    user: str | None = typer.Option(
        None, "--user", help="Log in as USER; the password is read from --password-env."
    ),
    password_env: str = typer.Option(
        "THESIS_SMTP_PASSWORD", "--password-env", help="Environment variable with the password."
    ),
    sender: str = typer.Option("thesis@localhost.localdomain", "--from", help="The From address."),
    web_url: str | None = typer.Option(
        None, "--web-url", help="The web version of this outlook (linked at the top)."
    ),
    site_url: str | None = typer.Option(
        None,
        "--site-url",
        help="The published site's address; the link is SITE/outlooks/RUN/index.html.",
    ),
    subject: str | None = typer.Option(None, "--subject", help="Default: the headline."),
    dry_run: Path | None = typer.Option(
        None, "--dry-run", help="Write the message to this .eml file and send nothing."
    ),
    resend: bool = typer.Option(
        False, "--resend", help="Send again to recipients the ledger says were sent."
    ),
    store_path: Path | None = typer.Option(None, "--store", help=_STORE_HELP),
) -> None:
    """Send a run as a newsletter, once per recipient.

    HTML with inline charts and styles, plain text, the key dates as an .ics attachment and a
    link to the web version. A ledger in the run folder records who was sent, so running again
    after an error sends only the rest. The password is read from an environment variable.
    """
    from thesis.errors import PublishError
    from thesis.publish.email import build_newsletter, send_newsletter, write_eml
    from thesis.publish.runs import RunFolder, run_ics, run_key_dates

    to = [a.strip() for v in to for a in v.split(",") if a.strip()]  # --to a,b or --to a --to b
    run = RunFolder.open(run_dir)
    if web_url is None and site_url is not None:
        import re

        slug = re.sub(r"[^A-Za-z0-9._-]+", "-", run.id).strip("-.") or "run"
        web_url = f"{site_url.rstrip('/')}/outlooks/{slug}/index.html"
    if web_url is None:
        raise PublishError(
            "the newsletter needs a link to its web version",
            where="--web-url",
            fix="pass --web-url URL, or --site-url BASE for a site built with `thesis publish site`",
        )
    store = _store(store_path, required=False)
    try:
        kd = run_key_dates(run, store) if store is not None else None
        ics = run_ics(run, store, url=web_url)
    finally:
        if store is not None:
            store.close()
    msg = build_newsletter(
        run, sender=sender, to=to, web_url=web_url, key_dates=kd, ics=ics, subject=subject
    )
    console = _console()
    if store is None:
        console.print("[yellow]note:[/] no store: the newsletter has no key dates")
    if dry_run is not None:
        write_eml(msg, dry_run)
        console.print(f"[green]wrote[/] {dry_run} (nothing sent)")
        return
    if smtp is None:
        raise PublishError(
            "no SMTP server given",
            where="--smtp",
            fix="pass --smtp HOST:PORT, or --dry-run FILE.eml to write the message only",
        )
    rep = send_newsletter(
        run,
        msg,
        to,
        smtp=smtp,
        starttls=starttls,
        user=user,
        password_env=password_env,
        resend=resend,
        progress=lambda m: console.print(m),
    )
    if rep.skipped:
        console.print(
            f"skipped {len(rep.skipped)} recipient(s) already sent (ledger {rep.ledger}); "
            "--resend sends again"
        )
    console.print(f"[green]sent[/] to {len(rep.sent)} recipient(s)")


@publish_app.command("site")
def publish_site(
    runs: list[Path] = typer.Argument(..., help="Run folders, or folders of runs."),
    out: Path = typer.Option(Path("site"), "--out", help="The site folder."),
    title: str = typer.Option("thesis outlooks", "--title", help="The site's name."),
    base_url: str | None = typer.Option(
        None, "--base-url", help="Public address (absolute links in the feed)."
    ),
    score_as_of: str | None = typer.Option(
        None, "--as-of", help="Score the track record with data known on this day."
    ),
    store_path: Path | None = typer.Option(None, "--store", help=_STORE_HELP),
) -> None:
    """Build the static site: outlooks, key dates, an Atom feed and the track record.

    The track record scores every probability the runs published against what then happened
    (Brier score, reliability diagram, hit rates by method), recomputed on each publish.
    """
    from thesis.publish.runs import find_runs
    from thesis.publish.site import build_site

    found = find_runs([str(p) for p in runs])
    store = _store(store_path, required=False)
    try:
        res = build_site(
            found,
            out,
            store=store,
            title=title,
            base_url=base_url,
            score_as_of=_date(score_as_of, "--as-of"),
        )
    finally:
        if store is not None:
            store.close()
    console = _console()
    for n in res.notes:
        console.print(f"[yellow]note:[/] {n}")
    t = res.track
    if t is not None:
        console.print(
            f"track record: {len(t.rows)} forecasts, {len(t.resolved)} resolved"
            + (f", Brier {t.brier:.3f}" if t.resolved else "")
        )
    console.print(f"[green]wrote[/] {out}/index.html ({len(found)} outlook(s))")


# ---------------------------------------------------------------------------------- serve
@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind."),
    port: int = typer.Option(8000, "--port", help="Port."),
    runs: Path = typer.Option(Path("runs"), "--runs", help="Folder of run folders."),
    token_env: str = typer.Option(
        "THESIS_WEB_TOKEN",
        "--token-env",
        help="Environment variable with the access token (required off 127.0.0.1).",
    ),
    check_workers: int = typer.Option(
        2, "--check-workers", help="Processes for article checks (0: in the server)."
    ),
    store_path: Path | None = typer.Option(None, "--store", help=_STORE_HELP),
) -> None:
    """The web app: runs, live progress, the article checker, downloads.

    Browse runs, start one from a thesis file or a form, check an article (text, HTML or PDF)
    with its claims highlighted, download MD/HTML/PDF/ICS. Binds 127.0.0.1; any other address
    needs the access token in --token-env.
    """
    from thesis.web.server import serve as run_server

    run_server(
        host=host,
        port=port,
        runs_dir=runs,
        store_path=store_path,
        token_env=token_env,
        check_workers=check_workers,
    )
