"""The thesis file: validation errors name the key, the line and the fix."""

from __future__ import annotations

import datetime as dt

import pytest

from thesis.errors import SpecError
from thesis.spec import TEMPLATE, level_key, load_thesis, parse_thesis


def test_template_parses_to_the_seed_case() -> None:
    spec = parse_thesis(TEMPLATE)
    assert spec.as_of == dt.date(2025, 11, 26)
    assert spec.index.thresholds == [6900]
    assert [t.level for t in spec.index.targets] == [7269]
    assert spec.earnings.eps_growth_pct == 14
    assert (spec.rates.cuts, spec.rates.cut_bp) == (2, 25)
    assert spec.levels == [6900, 7269]
    assert next(r.name for r in spec.risks) == "ai_capex_disappointment"


def test_examples_parse() -> None:
    from pathlib import Path

    for path in sorted(Path(__file__).parents[2].joinpath("examples").glob("*.toml")):
        spec = load_thesis(path)
        assert spec.horizon > spec.as_of, path


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.mark.parametrize(
    ("old", "new", "needle", "words"),
    [
        (
            "seed = 20251126",
            "seed = 20251126\nsede = 1",
            "sede = 1",
            ["unknown key 'sede'", "allowed keys"],
        ),
        (
            "thresholds = [6900]",
            "thresholds = [6900]\nthreshold = 1",
            "threshold = 1",
            ["index.threshold"],
        ),
        (
            "n_paths = 100000",
            'n_paths = "many"',
            'n_paths = "many"',
            ["analysis.n_paths", "integer"],
        ),
        (
            "horizon = 2026-12-31",
            "horizon = 2024-12-31",
            "horizon = 2024",
            ["horizon", "after as_of"],
        ),
        ("thresholds = [6900]", "thresholds = [nan]", "thresholds = [nan]", ["not a finite"]),
        ("thresholds = [6900]", "thresholds = [1e300]", "thresholds = [1e300]", ["out of range"]),
        ("eps_growth_pct = 14", "eps_growth_pct = nan", "eps_growth_pct = nan", ["finite"]),
        ("eps_growth_pct = 14", "eps_growth_pct = 1e300", "eps_growth_pct = 1e300", ["range"]),
        ("eps_growth_pct = 14", "eps_growth_pct = -inf", "eps_growth_pct = -inf", ["finite"]),
        ("cuts = 2 ", "cuts = -3 ", "cuts = -3", ["hikes = 3"]),
        ("cut_bp = 25", "cut_bp = 25\nhikes = 1", "[rates]", ["order matters", "path"]),
        ("cut_bp = 25", "cut_bp = 25\npath = [-25, 500]", "path = [", ["200 bp"]),
        (
            'policy_series = "fedfunds"',
            'policy_series = "fedfunds"\ndecisions_series = "fed_target"',
            "[rates]",
            ["decisions_series is no longer a key", "policy_series", "delete the line"],
        ),
        (
            'methods = ["gbm", "bootstrap", "garch"]',
            'methods = ["gbm", "monte"]',
            "methods = [",
            ["analysis.methods"],
        ),
    ],
)
def test_bad_keys_name_key_and_line(old: str, new: str, needle: str, words: list[str]) -> None:
    text = TEMPLATE.replace(old, new)
    assert text != TEMPLATE
    with pytest.raises(SpecError) as ei:
        parse_thesis(text, where="my.toml")
    msg = str(ei.value)
    assert f"my.toml:{_line_of(text, needle)}" in msg, msg
    for w in words:
        assert w in msg, msg
    assert "Fix:" in msg


def test_missing_required_key() -> None:
    text = TEMPLATE.replace("title = ", "# title = ")
    with pytest.raises(SpecError, match=r"title.*Field required[\s\S]*Fix: add `title"):
        parse_thesis(text, where="t.toml")


def test_toml_syntax_error_names_line() -> None:
    with pytest.raises(SpecError, match=r"t.toml:2: not valid TOML"):
        parse_thesis('title = "x"\nas_of = 2025-13-45\n', where="t.toml")


def test_missing_file() -> None:
    with pytest.raises(SpecError, match=r"thesis file not found[\s\S]*thesis new"):
        load_thesis("/nonexistent/thesis.toml")


def test_target_shorthand_and_level_keys() -> None:
    spec = parse_thesis(TEMPLATE.replace("thresholds = [6900]", "thresholds = [6900, 4500.5]"))
    assert spec.levels == [4500.5, 6900, 7269]
    assert level_key(6900.0) == "6900"
    assert level_key(4500.5) == "4500_5"
