"""The store's result cache never changes a number: a cached run equals a fresh one.

A copy of the real store: the seed runs twice with a seed no other test uses, first computing
every step (the cache is empty for it: checked) and filling the cache, then reading it all back.
The facts (ids, values, units, methods, lineage) and the rendered outputs (article, charts,
tearsheet) are identical; a change to the seed, the data or the levels is a new key and is
computed afresh. (A third run with ``cache=False`` would compute the same steps the first run
computed: the first run is the fresh one.)
"""

from __future__ import annotations

import filecmp
import re
from pathlib import Path

import pytest

from thesis.data.cache import ResultCache
from thesis.data.store import Store
from thesis.pipeline import run_thesis
from thesis.spec import parse_thesis

SEED = Path(__file__).resolve().parents[2] / "examples" / "sp500-ai-rally-2026.toml"


def _spec(**analysis: object):
    """The seed with 1,000 paths (the least a thesis takes) and 1,000 theme paths: the tests compare
    runs with each other, never a probability with a value."""
    text = SEED.read_text().replace("n_paths = 10000\n", "n_paths = 1000\n")
    spec = parse_thesis(text, where=str(SEED))
    a = spec.analysis.model_dump() | {"n_paths": 1_000, "calibrate": False} | analysis
    return spec.with_overrides(analysis=a)


def _facts(res) -> list[tuple]:
    return [(f.id, f.value, f.unit, f.method, f.lineage, f.label) for f in res.facts]


def _rendered(out: Path) -> list[str]:
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    return [f for f in files if f not in ("manifest.json", "keydates.ics")]


@pytest.fixture(scope="module")
def store(market_store_file: Path, tmp_path_factory: pytest.TempPathFactory):
    import shutil

    path = tmp_path_factory.mktemp("cache") / "market.duckdb"
    shutil.copyfile(market_store_file, path)
    with Store(path, read_only=True) as s:
        yield s


def test_cached_run_equals_a_fresh_one(store: Store, tmp_path: Path) -> None:
    spec = _spec().with_overrides(seed=11)  # a seed no other test here uses: an empty cache
    steps = ("probabilities", "regimes", "theme", "portfolio", "outputs")
    first = run_thesis(spec, store, out_dir=tmp_path / "first", formats=("md", "html"))
    for step in steps:  # computed here, not read: this run is a fresh one
        assert first.manifest["cache"].get(step) != "from the cache", (step, first.manifest)
    second = run_thesis(spec, store, out_dir=tmp_path / "second", formats=("md", "html"))
    cached = second.manifest["cache"]
    for step in steps:
        assert cached.get(step) == "from the cache", (step, cached)
    assert _facts(first) == _facts(second)
    names = _rendered(tmp_path / "first")
    assert "article.md" in names and "tearsheet/tearsheet.html" in names
    assert any(n.startswith("charts/") for n in names)
    assert _rendered(tmp_path / "second") == names
    _same, diff, errors = filecmp.cmpfiles(tmp_path / "first", tmp_path / "second", names, False)
    assert not diff and not errors, (diff, errors)
    kinds = set(ResultCache(store).entries()["kind"])
    assert {"probabilities", "theme", "portfolio", "regimes", "outputs"} <= kinds


def _index_only(spec):
    """``spec`` without its theme and portfolio (the keys of the index's probabilities are the
    point here; the theme and portfolio steps are keyed the same way, see the test above)."""
    data = spec.model_dump(by_alias=True, exclude_unset=True)
    data.pop("portfolio", None)
    data.pop("theme", None)
    return type(spec).model_validate(data)


def test_another_seed_or_level_is_a_new_key(store: Store) -> None:
    base = run_thesis(_index_only(_spec()), store)
    other_seed = run_thesis(_index_only(_spec().with_overrides(seed=7)), store)
    assert other_seed.manifest["cache"].get("probabilities") != "from the cache"
    # other draws: the median horizon closes differ (a probability of 1,000 paths may tie)
    q = [f"sp500.horizon_q50.{m}" for m in ("gbm", "bootstrap", "garch")]
    assert [other_seed.facts[i].value for i in q] != [base.facts[i].value for i in q]
    text = re.sub(r"thresholds = \[6900\]", "thresholds = [6950]", SEED.read_text())
    text = text.replace("n_paths = 10000\n", "n_paths = 1000\n")
    spec = parse_thesis(text, where="t.toml")
    a = spec.analysis.model_dump() | {"n_paths": 1_000, "calibrate": False}
    spec = spec.with_overrides(analysis=a)
    moved = run_thesis(_index_only(spec), store)
    assert moved.manifest["cache"].get("probabilities") != "from the cache"
    assert "sp500.p_touch.6950.gbm" in moved.facts


def test_no_cache_for_a_store_like_object(market_store: Store) -> None:
    from thesis.pipeline import _result_cache

    class ReadOnly:
        path = market_store.path

    assert _result_cache(ReadOnly()) is None
    assert _result_cache(market_store) is not None
