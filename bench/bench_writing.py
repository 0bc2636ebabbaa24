"""Benchmark: render the outlook article next to quantstats' HTML tearsheet, and check one article.

Run with ``python bench/bench_writing.py`` (needs the bench extras: quantstats). In one process it
times

1. the full article (Markdown + HTML + PDF, with every chart) for an outlook built by the pipeline
   from the store in ``$THESIS_HOME`` when it holds the bundled example, else for the hand-built
   outlook of ``tests/writing/test_article.py``;
2. quantstats' full HTML tearsheet for the S&P 500 (skfolio's ``load_sp500_index`` daily returns);
3. checking one article with :mod:`thesis.claims`, when that module and ``../shared/articles``
   are there.

Targets (issue 4): the article in at most half of quantstats' time; a check in under 1 s. Each
figure is the median of ``REPEATS`` runs after one warm-up run (imports and font caches excluded
from every contender alike).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPEATS = 3


def _median_time(fn: Callable[[], object], repeats: int = REPEATS) -> float:
    fn()  # warm-up: imports, font caches, matplotlib's first figure
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def _outlook() -> tuple[object, str]:
    """The bundled example's outlook when the store has it, else the tests' synthetic one."""
    try:
        from thesis.data.store import Store, default_store_path
        from thesis.pipeline import run_thesis
        from thesis.spec import load_thesis

        if default_store_path().exists():
            spec = load_thesis(ROOT / "examples" / "demo-bundled.toml")
            with Store(read_only=True) as store:
                res = run_thesis(spec, store, out_dir=None)
            return res.outlook, f"pipeline outlook from {default_store_path()}"
    except Exception as e:  # the bench must still say something useful without a store
        print(f"(no bundled store outlook: {type(e).__name__}: {e})")
    sys.path.insert(0, str(ROOT / "tests" / "writing"))
    from test_article import make_outlook

    return make_outlook(portfolio=True), "synthetic outlook (tests/writing/test_article.py)"


def main() -> None:
    from thesis.writing.render import write_article

    outlook, what = _outlook()
    tmp = Path(tempfile.mkdtemp(prefix="bench_writing_"))
    n_facts = len(outlook.facts)  # type: ignore[attr-defined]
    t_article = _median_time(lambda: write_article(outlook, tmp / "article"))  # type: ignore[arg-type]
    pdf = tmp / "article" / "article.pdf"
    print(
        f"article (md+html+pdf, charts) for {what}, {n_facts} facts: {t_article:.2f} s "
        f"(PDF {pdf.stat().st_size / 1e3:.0f} kB)"
    )

    t_qs = None
    try:
        import quantstats as qs
        from skfolio.datasets import load_sp500_index

        prices = load_sp500_index()["SP500"]
        returns = prices.pct_change().dropna()
        returns.name = "S&P 500"
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            t_qs = _median_time(
                lambda: qs.reports.html(returns, output=str(tmp / "qs.html"), title="S&P 500"),
                repeats=1,
            )
        print(f"quantstats full HTML tearsheet, S&P 500 ({len(returns)} days): {t_qs:.2f} s")
    except Exception as e:
        print(f"quantstats tearsheet unavailable: {type(e).__name__}: {e}")
    if t_qs:
        ratio = t_article / t_qs
        verdict = "meets" if ratio <= 0.5 else "MISSES"
        print(f"article / quantstats = {ratio:.2f} ({verdict} the target of at most 0.5)")

    shared = Path(os.environ.get("THESIS_SHARED", ROOT.parent / "shared")) / "articles"
    article = shared / "001-full.txt"
    try:
        from thesis.claims import check_article
        from thesis.data.store import Store, default_store_path

        if not article.exists():
            raise FileNotFoundError(article)
        store = Store(read_only=True) if default_store_path().exists() else None
        t_check = _median_time(lambda: check_article(article, store))
        n = len(check_article(article, store).results)
        verdict = "meets" if t_check < 1.0 else "MISSES"
        print(
            f"check {article.name} ({n} claims, store: {'yes' if store else 'no'}): "
            f"{t_check:.3f} s ({verdict} the target of under 1 s)"
        )
    except Exception as e:
        print(f"claim check unavailable: {type(e).__name__}: {e}")


if __name__ == "__main__":
    main()
