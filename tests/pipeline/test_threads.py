"""The run's facts do not depend on the machine's BLAS thread count.

One thesis with GARCH (fitted by SLSQP on top of BLAS) runs in two fresh processes, one with
``OPENBLAS_NUM_THREADS=1`` and one with ``=2`` (as a laptop and a server might), without the result
cache; the facts.json they write must be identical, value for value. They write no article file
(no format): the article's facts are in facts.json all the same, and its charts do not depend on
BLAS.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parents[2] / "examples" / "sp500-ai-rally-2026.toml"

SCRIPT = """
import json, sys
from thesis.data.store import Store
from thesis.pipeline import run_thesis
from thesis.spec import load_thesis

spec = load_thesis(sys.argv[1])
a = spec.analysis.model_dump() | {"n_paths": 1000, "methods": ["garch", "bootstrap"],
                                  "calibrate": False}
data = spec.with_overrides(analysis=a).model_dump(by_alias=True, exclude_unset=True)
data.pop("portfolio", None)
data.pop("theme", None)
spec = type(spec).model_validate(data)
with Store(sys.argv[2], read_only=True) as store:
    run_thesis(spec, store, out_dir=sys.argv[3], formats=(), cache=False)
"""


def _run(store: Path, out: Path, threads: int) -> list[dict]:
    env = dict(os.environ, OPENBLAS_NUM_THREADS=str(threads), OMP_NUM_THREADS=str(threads),
               MKL_NUM_THREADS=str(threads))  # fmt: skip
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(SEED), str(store), str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    facts = json.loads((out / "facts.json").read_text())
    # the day the run was made is the one fact that may differ between the two processes
    return [f for f in facts if f["id"] != "manifest.created_at"]


def test_facts_are_bit_identical_with_one_or_two_blas_threads(
    market_store_file: Path, tmp_path: Path
) -> None:
    one = _run(market_store_file, tmp_path / "one", 1)
    two = _run(market_store_file, tmp_path / "two", 2)
    assert any(f["id"].endswith(".garch.nu") for f in one)  # a GARCH fit is among them
    assert len(one) == len(two)
    diff = [(a["id"], a["value"], b["value"]) for a, b in zip(one, two, strict=True) if a != b]
    assert not diff, diff[:10]


@pytest.mark.parametrize("module", ["thesis.scale.executor", "thesis.analysis._threads"])
def test_one_blas_thread_limits_every_loaded_blas(module: str) -> None:
    import importlib

    from threadpoolctl import threadpool_info

    one_blas_thread = importlib.import_module(module).one_blas_thread
    with one_blas_thread():
        blas = [x for x in threadpool_info() if x.get("user_api") == "blas"]
        assert blas and all(x["num_threads"] == 1 for x in blas)
