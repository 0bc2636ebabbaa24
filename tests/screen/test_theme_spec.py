"""The [theme] table: validation messages name the key and the fix; theme files merge."""

from __future__ import annotations

from pathlib import Path

import pytest

from thesis.errors import SpecError
from thesis.screen.spec import ThemeSpec, load_theme_file, parse_theme
from thesis.spec import load_thesis, parse_thesis

ROOT = Path(__file__).resolve().parents[2]
HEAD = 'title = "t"\nas_of = 2025-11-26\nhorizon = 2026-12-31\n'


def test_seed_and_example_theme_load() -> None:
    spec = load_thesis(ROOT / "examples" / "sp500-ai-rally-2026.toml")
    th = spec.theme
    assert isinstance(th, ThemeSpec)
    assert {"PLPC", "INOD", "PATH", "FIVN", "NVDA", "MSFT", "GOOGL", "META", "AMZN"} == set(
        th.tickers
    )
    assert all(s.name and s.why for s in th.stocks)
    ids = {c.id for c in th.claims}
    assert {"hyperscaler_ai_capex", "utilities_data_centres"} <= ids
    assert all(c.source for c in th.claims)
    ai = load_theme_file(ROOT / "examples" / "themes" / "ai.toml")
    assert ai.screen is not None and ai.basket == ["NVDA", "MSFT", "GOOGL", "META", "AMZN"]


@pytest.mark.parametrize(
    ("table", "key", "what"),
    [
        ('[[theme.stocks]]\nticker = "PL PC"', "theme.stocks.0.ticker", "not a ticker"),
        (
            '[[theme.stocks]]\nticker = "X"\nwhy = "grew 21% a year"',
            "theme.stocks.0.why",
            "contains a number",
        ),
        ("[theme]\ngains_pct = [-150]", "theme.gains_pct", "outside"),
        ('[theme]\nbasket = ["NVDA", "a b"]', "theme.basket", "not a ticker"),
        ('[theme]\nmethods = ["monte"]', "theme.methods.0", "Input should be"),
        (
            '[[theme.claims]]\nid = "c"\ntext = "spend {value}"\nsource = "x"',
            "theme.claims.0",
            "give value and unit",
        ),
        (
            '[[theme.claims]]\nid = "c"\ntext = "spend 520 billion"\nsource = "x"',
            "theme.claims.0",
            "contains a number",
        ),
        (
            '[[theme.claims]]\nid = "c"\ntext = "t"\nsource = ""',
            "theme.claims.0.source",
            "needs its source",
        ),
        ('[[theme.stocks]]\nticker = "A"\n[[theme.stocks]]\nticker = "a"', "theme", "listed twice"),
    ],
)
def test_bad_tables_name_key_and_fix(table: str, key: str, what: str) -> None:
    with pytest.raises(SpecError) as ei:
        parse_thesis(HEAD + table)
    msg = str(ei.value)
    assert key in msg and what in msg and "Fix:" in msg


def test_unknown_key_lists_allowed_ones() -> None:
    with pytest.raises(SpecError) as ei:
        parse_thesis(HEAD + '[[theme.stocks]]\nticker = "A"\nreason = "x"')
    assert "unknown key 'reason'" in str(ei.value) and "why" in str(ei.value)
    with pytest.raises(SpecError, match=r"allowed: .*stocks"):
        parse_theme({"stonks": []})


def test_theme_file_merges_and_overrides(tmp_path: Path) -> None:
    (tmp_path / "themes").mkdir()
    (tmp_path / "themes" / "t.toml").write_text(
        '[theme]\nname = "AI"\nbasket = ["NVDA"]\n'
        '[[theme.stocks]]\nticker = "NVDA"\nwhy = "chips"\n'
        '[[theme.stocks]]\nticker = "PLPC"\nwhy = "grid"\n'
    )
    thesis = tmp_path / "x.toml"
    thesis.write_text(
        HEAD + '[theme]\nfile = "themes/t.toml"\n[[theme.stocks]]\nticker = "PLPC"\n'
        'why = "power lines"\n[[theme.stocks]]\nticker = "INOD"\n'
    )
    th = load_thesis(thesis).theme.resolved(thesis)
    assert th.tickers == ["NVDA", "PLPC", "INOD"]
    assert th.stock("PLPC").why == "power lines" and th.basket == ["NVDA"]
    missing = ThemeSpec(file="nope.toml")
    with pytest.raises(SpecError, match="theme file not found"):
        missing.resolved(tmp_path)
