"""The quantitative analyses, the theme and the key dates, wired into the run and the article.

The seed thesis runs once per worker (``seed_run`` in tests/conftest.py: few paths, a short
calibration) on the real store, without the result cache; each test reads the facts, the article and the files the run wrote. Issue 9 (base rates
beside every probability, the VIX-implied odds, macro turning points, skill against the base
rate), issue 10 (the theme section) and issue 11 (key dates, ``keydates.ics``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from thesis import ids
from thesis.data.store import Store
from thesis.pipeline import STREAMS, run_thesis
from thesis.spec import load_thesis, parse_thesis

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SEED = EXAMPLES / "sp500-ai-rally-2026.toml"


def _seed_text() -> str:
    text = SEED.read_text()
    # fewer paths for the theme's per-stock odds (the analysis is the same)
    return text.replace("n_paths = 10000\n", "n_paths = 1000\n")


@pytest.fixture(scope="module")
def seed(seed_run):
    """The seed run every pipeline test reads (``seed_run``, tests/conftest.py): its result, its
    folder and its article."""
    res, out = seed_run
    return res, out, (out / "article.md").read_text()


def test_every_analysis_ran(seed) -> None:
    res, _, _ = seed
    assert res.complete, res.left_out
    assert not res.not_applicable
    for step in ("implied", "base_rates", "macro_cycles", "theme", "key_dates", "calibration"):
        assert step in res.manifest["timings_s"], step


def test_a_fifth_random_stream_leaves_the_others_unchanged(seed) -> None:
    res, _, _ = seed
    streams = res.manifest["random_streams"]
    assert list(streams) == list(STREAMS) and STREAMS[-1] == "theme"
    # spawned in order: the earlier streams keep the keys they had before the theme's was added
    assert [streams[s] for s in ("paths", "calibration", "portfolio", "regimes")] == [
        [0],
        [1],
        [2],
        [3],
    ]


def test_base_rates_stand_beside_every_probability(seed) -> None:
    res, _, md = seed
    f = res.facts
    for lv in ("6900", "7269"):
        for ev in ("touch", "close_above"):
            p = f[f"sp500.p_{ev}.{lv}.baserate"].value
            assert 0 < p < 1
    # the daily S&P 500 holds too few independent 13-month windows: the monthly series since 1871
    assert f[ids.method_param("sp500", "baserate", "horizon_steps")].unit == "months"
    assert f[ids.method_param("sp500", "baserate", "window_start")].value == "1871-01-01"
    summary = md.split("## Drivers")[0]
    assert summary.count("of past windows") >= 4
    assert "Share of past windows" in summary  # the table's column
    assert "understated" in summary  # monthly averages miss touches within a month


def test_the_vix_implied_odds_are_stated_as_risk_neutral(seed) -> None:
    res, _, md = seed
    f = res.facts
    p = f["sp500.p_touch.6900.implied"]
    assert 0 < p.value < 1 and "risk-neutral" in p.method
    assert f[ids.method_param("sp500", "implied", "rate_pct")].value == pytest.approx(
        f["fed.policy_rate"].value
    )
    summary = md.split("## Drivers")[0]
    assert "risk-neutral reading" in summary and "VIX-implied (risk-neutral)" in summary
    assert "not forecasts of how often a level is reached" in summary


def test_valuation_states_its_central_case_basis_and_staleness(seed) -> None:
    res, _, md = seed
    f = res.facts
    assert f["sp500.regime.real_yield_basis"].value == "breakeven"
    assert f[ids.eps_stale("sp500")].value is True
    earnings = md[md.index("### Earnings") : md.index("### The Fed")]
    assert "Applying those multiples" not in earnings and "regime's median P/E" not in earnings
    assert "The central case has earnings growing as assumed and the multiple holding" in earnings
    assert "past misses sets the ranges" in earnings
    assert "breakeven inflation rate" in earnings and "stale" in earnings
    assert "If the multiple holds, 6,900 needs earnings per share" in earnings
    assert "breakeven10y" in {s["series"] for s in res.manifest["data"]}


def test_fed_cycles_use_the_subjects_measure_and_say_what_was_excluded(seed) -> None:
    res, _, md = seed
    f = res.facts
    m = ids.fed_measure("sp500", 12, "price")
    n = f[ids.fed_after_first_cut(m, "n", "all")].value
    assert n >= 5
    fed = md[md.index("### The Fed") : md.index("### Macro")]
    assert f"across the {n} cycles with twelve months of data" in fed
    rejected = f[ids.fed_cycles_count("rejected")].value
    assert rejected > 0 and f"{rejected} other first cuts were reversed within a year" in fed


def test_macro_turning_points_with_sample_sizes_and_the_state_now(seed) -> None:
    res, _, md = seed
    f = res.facts
    macro = md[md.index("### Macro turning points") : md.index("### Small")]
    for ind in ("unemployment", "payrolls", "gdp", "curve"):
        n = f[ids.macro_after(ind, "sp500_ret_12m", "n")].value
        assert n > 0
    assert "the median return of the index was" in macro
    assert re.search(r"The yield curve inverted .* \d+ times\.", macro)
    assert "Nonfarm payrolls" in macro and "jobs in" in macro
    assert (
        f["macro.payrolls.now.change_jobs"].value == 1000 * f["macro.payrolls.now.change_k"].value
    )


def test_calibration_scores_skill_against_the_base_rate(seed) -> None:
    res, _, md = seed
    f = res.facts
    assert "calibration.baserate.n.12m" in f and "calibration.implied.n.12m" in f
    assert "calibration.gbm.bss.12m" in f
    cal = md[md.index("## How reliable") : md.index("## Key dates")]
    assert "Brier skill of" in cal and "against the base rate" in cal
    beats = f[ids.calibration_verdict("any_beats_base_rate", "12m")].value
    models = [
        f.get(ids.calibration_verdict("beats_base_rate", "12m", m)) for m in res.outlook.methods
    ]
    if not any(x.value for x in models if x is not None):
        assert "The plain base rate comes first" in cal
    assert isinstance(beats, bool)
    assert "reliability" in res.outlook.charts and len(res.outlook.charts["reliability"])


def test_the_theme_reads_after_the_drivers_and_before_the_portfolio(seed) -> None:
    res, _, md = seed
    heads = [line for line in md.splitlines() if line.startswith("## ")]
    assert heads.index("## The theme: AI") == heads.index("## Drivers") + 1
    assert heads.index("## The theme: AI") < heads.index("## Portfolio")
    assert "theme.members" in res.facts
    # the claims no data settle are quoted with their source, and said to be unsettled
    assert "No data in the store settles it (" in md and "J.P. Morgan Global Research" in md


def test_key_dates_close_the_article_and_the_calendar_is_written(seed) -> None:
    res, out, md = seed
    heads = [line for line in md.splitlines() if line.startswith("## ")]
    assert heads.index("## Key dates") == heads.index("## Data and methods") - 2  # scorecard
    assert res.facts["keydates.count.fomc_meeting"].value == 9
    ics = (out / "keydates.ics").read_bytes()
    import icalendar

    cal = icalendar.Calendar.from_ical(ics)
    assert len(cal.walk("VEVENT")) == 9
    man = json.loads((out / "manifest.json").read_text())
    assert "keydates.ics" in {f["path"] for f in man["files"]}


def test_a_thesis_without_earnings_growth_uses_the_past_decade(market_store: Store) -> None:
    text = _seed_text().replace("eps_growth_pct = 14\n", "")
    text = re.sub(r"\n\[theme\][\s\S]*", "\n", text)  # the theme and portfolio are not the point
    spec = parse_thesis(text, where="no-growth.toml")
    a = spec.analysis.model_dump() | {"n_paths": 1_000, "calibrate": False}
    res = run_thesis(spec.with_overrides(analysis=a), market_store, cache=False)
    f = res.facts
    assert f[ids.eps_growth_basis("sp500")].value == "trailing_cagr"
    assert f["sp500.eps_growth_assumed_pct"].value == f[ids.eps_growth_rule("sp500")].value
    from thesis.writing.narrative import build_article
    from thesis.writing.render import render_markdown

    md = render_markdown(build_article(res.outlook), {}, {})
    assert "The thesis states no earnings growth, so the ranges use the past decade's" in md


def test_a_stock_gets_its_own_base_rate_and_no_vix_odds(market_store: Store) -> None:
    spec = load_thesis(EXAMPLES / "nvda-1000-2024.toml")
    a = spec.analysis.model_dump(exclude_unset=True) | {"n_paths": 1_000, "calibrate": False}
    res = run_thesis(spec.with_overrides(analysis=a), market_store, cache=False)
    assert "implied" in res.not_applicable
    assert not [i for i in res.facts.ids() if i.endswith(".implied")]
    steps = res.facts[ids.method_param("nvda", "baserate", "horizon_steps")]
    assert steps.unit == "days"  # daily closes since 2000 hold enough windows
