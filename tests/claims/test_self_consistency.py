"""Self-consistency: the articles thesis writes itself contain no claim the checker contradicts.

The demo (the bundled offline data) and the seed thesis (examples/sp500-ai-rally-2026.toml, on the
store imported from ../shared/data, with its calibration) are the runs the pipeline tests read
(``demo_run`` and ``seed_run`` in tests/conftest.py, fewer paths); their article.md is checked
against the same store.
"""

from __future__ import annotations

from pathlib import Path

from thesis.claims import check_article
from thesis.data.store import Store


def _contradicted(article: Path, store: Store) -> list[str]:
    rep = check_article(article, store)
    assert rep.results, "the article has no claims at all"
    assert any(r.verdict == "supported" for r in rep.results)
    return [f"{r.claim.quote!r}: {r.evidence}" for r in rep.results if r.verdict == "contradicted"]


def test_the_demo_article_has_no_contradicted_claim(demo_run, bundled_store: Store) -> None:
    _, out = demo_run
    assert _contradicted(out / "article.md", bundled_store) == []


def test_the_seed_article_has_no_contradicted_claim(seed_run, market_store: Store) -> None:
    _, out = seed_run
    assert _contradicted(out / "article.md", market_store) == []
