"""`thesis check ARTICLE`: judge the claims of someone else's article against the store.

Imports are lazy: the command's parameters are declared without Typer (:mod:`thesis.cli.params`),
so that its common case starts without importing it; the checker and the store load when the
command runs (and rich only for the table output).
"""

from __future__ import annotations

import sys
from pathlib import Path

from thesis.cli.params import Arg, Opt

__all__ = ["check_command"]


def check_command(
    article: str = Arg(..., help="The article: a .txt, .md or .html file, or - for stdin."),
    date: str | None = Opt(
        None,
        "--date",
        help="The article's date: YYYY-MM-DD, or YYYY-MM when only the month is known.",
    ),
    fmt: str = Opt("table", "--format", help="Output: table, json or html."),
    out: Path | None = Opt(None, "--out", help="Write the output to this file instead of stdout."),
    store_path: Path | None = Opt(
        None, "--store", help="Store file (default $THESIS_HOME/market.duckdb)."
    ),
    extractor: str = Opt(
        "rules",
        "--extractor",
        help="rules, or llm: a model proposes frames (needs --llm-base-url).",
    ),
    llm_base_url: str | None = Opt(
        None, "--llm-base-url", help="OpenAI-compatible endpoint, e.g. http://127.0.0.1:8000/v1"
    ),
    llm_model: str | None = Opt(None, "--llm-model", help="Model name at that endpoint."),
    llm_key_env: str = Opt(
        "OPENAI_API_KEY", "--llm-key-env", help="Environment variable that holds the API key."
    ),
    llm_timeout: float = Opt(60.0, "--llm-timeout", help="Seconds for the model's answer."),
    lock_timeout: float = Opt(
        30.0, "--lock-timeout", help="Seconds to wait for a store another process holds."
    ),
) -> None:
    """Extract the article's claims and judge each against the store (as of the article's date) and the article's own arithmetic: supported, contradicted or unverifiable, with evidence.

    A claim is judged only when its sentence binds what it is about (the series, the period, the date); otherwise it is unverifiable and the evidence says which part is missing. A damaged or locked store stops the check with an error: it is never reported as "no data".
    """
    from thesis.errors import CheckError

    if fmt not in ("table", "json", "html"):
        raise CheckError(f"unknown format {fmt!r}", where="--format", fix="use table, json or html")
    if extractor not in ("rules", "llm"):
        raise CheckError(
            f"unknown extractor {extractor!r}", where="--extractor", fix="use rules or llm"
        )
    llm = None
    if extractor == "llm":
        if not llm_base_url or not llm_model:
            raise CheckError(
                "--extractor llm needs --llm-base-url and --llm-model",
                where="--extractor",
                fix="e.g. --llm-base-url http://127.0.0.1:11434/v1 --llm-model llama3.1",
            )
        from thesis.claims.llm import LLMExtractor

        llm = LLMExtractor(llm_base_url, llm_model, llm_key_env, llm_timeout)

    from thesis.claims import check_article
    from thesis.data.db import Database, default_store_path

    # the store's pandas-free read path: the command starts without pandas or numpy, and with
    # the read cache without DuckDB when an earlier check read the same state of the file
    path = store_path or default_store_path()
    store = None
    if path.exists():
        store = Database(
            path,
            read_only=True,
            lock_timeout=lock_timeout,
            on_wait=lambda msg: print(f"waiting: {msg}", file=sys.stderr, flush=True),
            read_cache=True,
        )
    try:
        if store is not None:
            # open now: a damaged or locked store stops here with its error (unless the catalog
            # is kept for this very state of the file, which an earlier process opened)
            store.series_ids()
        report = check_article(article, store, date=date, extractor=llm)
    finally:
        if store is not None:
            store.close()
    if store is None:
        report.warnings.append(
            f"no store at {path}: every claim that needs data is unverifiable; build it with "
            "`thesis data import ../shared/data` or `thesis data bundle`"
        )
    if fmt == "table":
        from thesis.claims.report import print_table

        if out is None:
            print_table(report)
        else:
            from rich.console import Console

            with out.open("w", encoding="utf-8") as fh:
                print_table(report, Console(file=fh, width=160))
        return
    text = report.to_json() if fmt == "json" else report.to_html()
    if out is None:
        print(text)
    else:
        out.write_text(text, encoding="utf-8")
    for w in report.warnings:
        print(f"warning: {w}", file=sys.stderr)
