"""`thesis check ARTICLE`: judge the numeric claims of someone else's article against the store."""

from __future__ import annotations

from pathlib import Path

import typer

__all__ = ["check_command"]


def check_command(
    article: str = typer.Argument(
        ..., help="The article: a .txt, .md or .html file, or - for stdin."
    ),
    date: str | None = typer.Option(
        None, "--date", help="The article's date (YYYY-MM-DD); default: from the file."
    ),
    fmt: str = typer.Option("table", "--format", help="Output: table, json or html."),
    out: Path | None = typer.Option(
        None, "--out", help="Write the output to this file instead of stdout."
    ),
    store_path: Path | None = typer.Option(
        None, "--store", help="Store file (default $THESIS_HOME/market.duckdb)."
    ),
) -> None:
    """Extract the article's numeric claims and judge each against the store (as of the article's
    date) and the article's own arithmetic: supported, contradicted or unverifiable, with evidence."""
    from thesis.data.store import Store, default_store_path
    from thesis.errors import CheckError
    from thesis.writing.claims import check_article
    from thesis.writing.claims.report import print_table

    if fmt not in ("table", "json", "html"):
        raise CheckError(f"unknown format {fmt!r}", where="--format", fix="use table, json or html")
    path = store_path or default_store_path()
    store = Store(path, read_only=True) if path.exists() else None
    try:
        report = check_article(article, store, date=date)
    finally:
        if store is not None:
            store.close()
    if store is None:
        report.warnings.append(
            f"no store at {path}: every claim that needs data is unverifiable; build it with "
            "`thesis data import ../shared/data` or `thesis data bundle`"
        )
    if fmt == "table":
        if out is None:
            print_table(report)
        else:
            from rich.console import Console

            with out.open("w", encoding="utf-8") as fh:
                print_table(report, Console(file=fh, width=160))
        return
    text = report.to_json() if fmt == "json" else report.to_html()
    if out is None:
        typer.echo(text)
    else:
        out.write_text(text, encoding="utf-8")
    if fmt == "json":
        for w in report.warnings:
            typer.echo(f"warning: {w}", err=True)
