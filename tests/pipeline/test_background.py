"""`run_thesis(background=True)` (what `thesis run` does): the calibration computed ahead in a
helper process and the PDF rendered in another give the facts a run in one process gives."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from thesis.data.store import Store
from thesis.pipeline import run_thesis
from thesis.spec import parse_thesis

SEED = Path(__file__).resolve().parents[2] / "examples" / "sp500-ai-rally-2026.toml"


def _spec():
    # the seed without its theme and portfolio (their steps run in process either way)
    text = SEED.read_text().split("\n[theme]")[0]
    spec = parse_thesis(text, where=str(SEED))
    # an unusual path count: a calibration no other test has cached, so this run computes it;
    # origins since 2022 only (the helper's path is the same whatever the span, and the whole
    # history is four decades of monthly origins, computed twice here)
    a = spec.analysis.model_dump() | {
        "n_paths": 2_000,
        "calibrate": True,
        "calibration_paths": 317,
        "calibration_start": dt.date(2022, 1, 1),
    }
    return spec.with_overrides(analysis=a)


def test_background_run_states_the_same_facts(market_store: Store, tmp_path: Path) -> None:
    bg = run_thesis(
        _spec(), market_store, out_dir=tmp_path / "bg", formats=("html", "pdf"), background=True
    )
    # computed (in the helper), not read back: the helper's path is the one under test
    assert bg.results["calibration"].cache_status.startswith("computed")
    here = run_thesis(_spec(), market_store, cache=False)
    # the analyses' facts, in order (the article's own facts follow them in a run that writes)
    assert [f.to_dict() for f in bg.facts][: len(here.facts)] == [f.to_dict() for f in here.facts]
    assert (tmp_path / "bg" / "article.pdf").read_bytes().startswith(b"%PDF")
