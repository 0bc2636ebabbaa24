"""The specs of the runs several test modules read (``seed_run`` and ``demo_run`` in
tests/conftest.py), importable by name from any test module (``from shared_runs import
seed_spec``): a module name no folder's conftest shares."""

from __future__ import annotations

from pathlib import Path
from typing import Any

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SEED = EXAMPLES / "sp500-ai-rally-2026.toml"


def seed_spec(**analysis: object) -> Any:
    """The seed thesis with 4,000 paths (a probability's Monte Carlo standard error is then at
    most 0.5 / sqrt(4000) = 0.0079, under the 0.01 the tests ask), 1,000 for the theme's
    per-stock odds (no test reads their precision; the analysis is the same) and no calibration;
    ``analysis`` overrides the rest."""
    from thesis.spec import parse_thesis

    text = SEED.read_text().replace("n_paths = 10000\n", "n_paths = 1000\n")
    spec = parse_thesis(text, where=str(SEED))
    a = spec.analysis.model_dump() | {"n_paths": 4_000, "calibrate": False} | analysis
    return spec.with_overrides(analysis=a)


def demo_spec(**analysis: object) -> Any:
    """The demo (examples/demo-bundled.toml) with 2,000 paths and no calibration: a probability's
    Monte Carlo standard error is then at most 0.5 / sqrt(2000) = 0.011, far inside the gaps the
    tests ask for."""
    from thesis.spec import load_thesis

    spec = load_thesis(EXAMPLES / "demo-bundled.toml")
    a = spec.analysis.model_dump() | {"n_paths": 2_000, "calibrate": False} | analysis
    return spec.with_overrides(analysis=a)
