"""Self-consistency: the articles thesis writes itself contain no claim the checker contradicts.

The demo (the bundled offline data, built once per test run: tests/conftest.py) and the seed thesis
(examples/sp500-ai-rally-2026.toml, on the store imported from ../shared/data) are run with fewer
paths, and their article.md is checked against the same store.
"""

from __future__ import annotations

from pathlib import Path

from thesis.claims import check_article
from thesis.data.store import Store
from thesis.pipeline import run_thesis
from thesis.spec import load_thesis

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _spec(name: str):
    """The example with 2,000 paths, no calibration and, where it has a theme, 1,000 paths for the
    theme's per-stock odds (the article states them as odds, which the checker does not judge
    against the store; the analysis is the same)."""
    spec = load_thesis(EXAMPLES / name)
    a = spec.analysis.model_dump() | {"n_paths": 2_000, "calibrate": False}
    spec = spec.with_overrides(analysis=a)
    if spec.theme is not None:
        spec = spec.with_overrides(theme=spec.theme.model_dump() | {"n_paths": 1_000})
    return spec


def _contradicted(article: Path, store: Store) -> list[str]:
    rep = check_article(article, store)
    assert rep.results, "the article has no claims at all"
    assert any(r.verdict == "supported" for r in rep.results)
    return [f"{r.claim.quote!r}: {r.evidence}" for r in rep.results if r.verdict == "contradicted"]


def test_the_demo_article_has_no_contradicted_claim(bundled_store: Store, tmp_path: Path) -> None:
    run_thesis(_spec("demo-bundled.toml"), bundled_store, out_dir=tmp_path, formats=("md",))
    assert _contradicted(tmp_path / "article.md", bundled_store) == []


def test_the_seed_article_has_no_contradicted_claim(market_store: Store, tmp_path: Path) -> None:
    run_thesis(_spec("sp500-ai-rally-2026.toml"), market_store, out_dir=tmp_path, formats=("md",))
    assert _contradicted(tmp_path / "article.md", market_store) == []
