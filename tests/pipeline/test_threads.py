"""The run's facts do not depend on the BLAS thread count the process starts with.

One thesis with GARCH (fitted by SLSQP on top of BLAS) runs twice in this process without the
result cache: once with every loaded BLAS set to one thread and once to two (as a laptop and a
server might be configured), the count set through threadpoolctl as ``OPENBLAS_NUM_THREADS`` would
set it at start-up. The facts must be identical, value for value: every BLAS call of a run happens
inside :func:`thesis.analysis._threads.one_blas_thread`. They write no article (no format): the
article's facts are in the result all the same, and its charts do not depend on BLAS.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from thesis.data.store import Store
from thesis.pipeline import run_thesis
from thesis.spec import load_thesis

SEED = Path(__file__).resolve().parents[2] / "examples" / "sp500-ai-rally-2026.toml"


def _spec():
    spec = load_thesis(SEED)
    a = spec.analysis.model_dump() | {
        "n_paths": 1000,
        "methods": ["garch", "bootstrap"],
        "calibrate": False,
    }
    data = spec.with_overrides(analysis=a).model_dump(by_alias=True, exclude_unset=True)
    data.pop("portfolio", None)
    data.pop("theme", None)
    return type(spec).model_validate(data)


def _run(store: Store, threads: int) -> list[dict]:
    import numpy.linalg  # noqa: F401  (the BLAS libraries loaded before they are counted)
    import scipy.linalg  # noqa: F401
    from threadpoolctl import threadpool_info, threadpool_limits

    with threadpool_limits(limits=threads, user_api="blas"):
        counts = {x["num_threads"] for x in threadpool_info() if x["user_api"] == "blas"}
        if counts != {threads}:
            pytest.skip(f"this machine's BLAS runs {counts} threads when asked for {threads}")
        res = run_thesis(_spec(), store, cache=False)
    # the day the run was made is the one fact that may differ between the two runs
    return [f.to_dict() for f in res.facts if f.id != "manifest.created_at"]


def test_facts_are_bit_identical_with_one_or_two_blas_threads(market_store: Store) -> None:
    one = _run(market_store, 1)
    two = _run(market_store, 2)
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
