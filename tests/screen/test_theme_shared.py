"""The seed's theme on the shared data as of 2025-11-26: figures, stale flags, the article section."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from thesis.facts import FactSheet
from thesis.outlook import Outlook
from thesis.screen import ids
from thesis.screen.theme import theme_analysis
from thesis.spec import load_thesis
from thesis.writing.guard import find_numbers
from thesis.writing.theme import theme_section

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "sp500-ai-rally-2026.toml"


@pytest.fixture(scope="module")
def seed_theme(market_store):
    spec = load_thesis(SEED)
    theme = spec.theme.model_copy(update={"n_paths": 1_000})
    res = theme_analysis(
        market_store.view(spec.as_of),
        theme,
        index_series=spec.index.series,
        as_of=spec.as_of,
        horizon=spec.horizon,
        rng=np.random.default_rng(spec.seed),
        base=SEED,
    )
    return spec, res


def test_stale_flags_as_of_the_seed_date(seed_theme) -> None:
    _, res = seed_theme
    f = FactSheet(res.facts())
    for t in ("plpc", "inod", "path", "fivn", "msft", "nvda"):
        # the Yahoo files end 2024-03-08; the lower-quality IEX feed carries them to 2025-04-04
        assert f.value(ids.stock(t, "status")) == "stale"
        assert f.value(ids.stock(t, "stale")) is True
        assert f.value(ids.stock(t, "last_date")) == "2025-04-04"
        assert f.value(ids.stock(t, "stale_sessions")) == 163
        series = str(f.value(ids.stock(t, "price_series")))
        assert f"{t}_tr" in series and "extended from 2024-03-11" in series and f"{t}_iex" in series
        # the last close is the IEX file's own, not the chained level
        assert f[ids.stock(t, "close")].method.endswith(
            f"extended from 2024-03-11 with the lower-quality {t}_iex)"
        )
    # the sector ETFs are current on that date
    assert f.value(ids.sector("xlu", "stale")) is False
    assert f.value(ids.sector("xlu", "last_date")) == "2025-11-26"
    notes = " ".join(res.notes)
    assert "Stale data" in notes and "lower-quality" in notes
    assert "PLPC's data end 2025-04-04, 163 sessions before 2025-11-26" in notes


def test_figures_against_the_index_over_the_same_window(seed_theme, market_store) -> None:
    _, res = seed_theme
    f = FactSheet(res.facts())
    sp = market_store.get("sp500", as_of="2025-11-26")
    # PLPC's six months end at its last close: the index over the same window
    back = sp.loc[: pd.Timestamp("2024-10-04")].iloc[-1]
    want = (sp.loc[:"2025-04-04"].iloc[-1] / back - 1) * 100
    assert f.value(ids.stock_index("plpc", "mom_6m_pct")) == pytest.approx(want)
    assert f.value(ids.stock("plpc", "rel_mom_6m_pp")) == pytest.approx(
        f.value(ids.stock("plpc", "mom_6m_pct")) - want
    )
    xlu = market_store.get("xlu", as_of="2025-11-26")
    back = xlu.loc[: pd.Timestamp("2025-05-26")].iloc[-1]
    assert f.value(ids.sector("xlu", "mom_6m_pct")) == pytest.approx(
        (xlu.iloc[-1] / back - 1) * 100
    )
    for fact in f:
        if fact.unit == "probability":
            assert 0 <= float(fact.value) <= 1
        if fact.is_numeric:
            assert math.isfinite(float(fact.value))
    # odds for every named stock, by both methods, and the gain they are for
    for t in res.theme.tickers:
        for m in ("bootstrap", "garch"):
            assert ids.stock_p_gain(t, 20, m) in f
            assert ids.stock_p_outperform(t, "sp500", m) in f
    assert f.value(ids.theme_gain(20)) == 20


def test_claims_are_named_unsettled_with_their_source(seed_theme) -> None:
    _, res = seed_theme
    f = FactSheet(res.facts())
    assert f.value(ids.claim("hyperscaler_ai_capex", "value")) == 520e9
    assert f.value(ids.claim("hyperscaler_ai_capex", "settled")) is False
    assert "J.P. Morgan" in str(f.value(ids.claim("hyperscaler_ai_capex", "source")))
    # no filings in the shared data: PLPC's growth claim cannot be checked there
    assert f.value(ids.claim("plpc_revenue_growth", "settled")) is False


def test_the_article_section(seed_theme) -> None:
    spec, res = seed_theme
    facts = FactSheet(res.facts())
    o = Outlook(title=spec.title, subject="sp500", subject_name="S&P 500",
                as_of="2025-11-26", horizon="2026-12-31", facts=facts)  # fmt: skip
    sec = theme_section(o)
    assert sec is not None and sec.key == "theme"
    text = " ".join(s.text for s in sec.sentences())
    assert "stale" in text and "lower-quality" in text
    assert "Preformed Line Products" in text and "Utilities" in text
    assert "No data in the store settles it" in text and "J.P. Morgan Global Research" in text

    # every number in the text is a fact part: the guard finds none outside them but names
    # (S&P 500); stock names with digits (Five9) are facts themselves
    def typed(text: str) -> list[str]:
        return [x.text for x in find_numbers(text) if x.kind != "name"]

    for s in sec.sentences():
        for p in s.parts:
            if p.fact_id is None:
                assert typed(p.text) == [], (s.key, p.text)
            else:
                assert p.fact_id in facts
    for t in sec.tables:
        for row in (t.header, *t.rows):
            for cell in row:
                for p in cell:
                    assert p.fact_id is not None or typed(p.text) == [], (t.key, p.text)
    assert {t.key for t in sec.tables} == {"theme.stocks", "theme.sectors"}
    assert theme_section(Outlook("t", "sp500", "S&P 500", "2025-11-26", "2026-12-31")) is None
