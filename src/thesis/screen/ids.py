"""Fact ids of the screener and the theme analysis, built in one place.

Shapes (see docs/fact-ids.md once the lead moves these into :mod:`thesis.ids`):

``stock.{t}.{measure}``                 per-stock features: ``stock.plpc.mom_6m_pct``, ``stock.plpc.level``
``stock.{t}.index.{measure}``           the index over the same window as the stock's figure
``stock.{t}.{fundamental}[.{period}]``  ``stock.plpc.revenue_yoy_pct``, ``stock.plpc.revenue_yoy_pct.fy2025q3``
``stock.{t}.p_gain.{X}.{m}``            P(the stock gains at least X % by the horizon), method ``m``
``stock.{t}.p_outperform.{S}.{m}``      P(the stock beats index ``S`` by the horizon)
``stock.{t}.{m}.mu_ann_pct``            the drift a method simulates with
``sector.{t}.{measure}``                a sector ETF's features (``sector.xlu.rel_mom_6m_pp``)
``theme.{measure}``                     the theme itself (``theme.name``, ``theme.members``)
``theme.claim.{c}.{part}``              a claim of the thesis no data can settle (text, value, period, source)
``screen.{measure}``                    a screen run (``screen.passed``, ``screen.universe_size``)
``screen.rank.{k}``                     the ticker ranked ``k`` (label)

``t`` is the ticker in lower case with ``.``/``-`` as ``_`` (``BRK.B`` → ``brk_b``); ``X`` a gain in
percent written as a level (``20``, ``12_5``).
"""

from __future__ import annotations

import re

from thesis.facts import level_key

__all__ = [
    "claim",
    "parse_stock",
    "screen",
    "screen_rank",
    "sector",
    "stock",
    "stock_index",
    "stock_method",
    "stock_p_gain",
    "stock_p_outperform",
    "stock_period",
    "theme",
    "theme_gain",
    "ticker_key",
]


def ticker_key(ticker: str) -> str:
    """A ticker as written in ids: lower case, other characters as ``_`` (``BRK.B`` → ``brk_b``)."""
    return re.sub(r"[^a-z0-9]+", "_", ticker.lower()).strip("_")


def stock(ticker: str, measure: str) -> str:
    """``stock.plpc.mom_6m_pct``."""
    return f"stock.{ticker_key(ticker)}.{measure}"


def stock_index(ticker: str, measure: str) -> str:
    """The index's figure over the stock's window: ``stock.plpc.index.mom_6m_pct``."""
    return f"stock.{ticker_key(ticker)}.index.{measure}"


def stock_period(ticker: str, measure: str, period: str) -> str:
    """A per-period fundamental: ``stock.plpc.revenue_yoy_pct.fy2025q3``."""
    return f"stock.{ticker_key(ticker)}.{measure}.{period}"


def stock_p_gain(ticker: str, gain_pct: float, method: str, *, se: bool = False) -> str:
    """``stock.plpc.p_gain.20.bootstrap`` (``p_gain_se`` with ``se``)."""
    m = "p_gain_se" if se else "p_gain"
    return f"stock.{ticker_key(ticker)}.{m}.{level_key(gain_pct)}.{method}"


def stock_p_outperform(ticker: str, index: str, method: str, *, se: bool = False) -> str:
    """``stock.plpc.p_outperform.sp500.garch`` (``p_outperform_se`` with ``se``)."""
    m = "p_outperform_se" if se else "p_outperform"
    return f"stock.{ticker_key(ticker)}.{m}.{index}.{method}"


def stock_method(ticker: str, method: str, param: str) -> str:
    """A method's parameter for a stock: ``stock.plpc.bootstrap.mu_ann_pct``."""
    return f"stock.{ticker_key(ticker)}.{method}.{param}"


def sector(ticker: str, measure: str) -> str:
    """``sector.xlu.mom_6m_pct``."""
    return f"sector.{ticker_key(ticker)}.{measure}"


def theme(measure: str) -> str:
    """``theme.name``, ``theme.members``."""
    return f"theme.{measure}"


def theme_gain(gain_pct: float) -> str:
    """A gain the odds are asked for: ``theme.gain_pct.20`` (percent, stated by the thesis)."""
    return f"theme.gain_pct.{level_key(gain_pct)}"


def claim(claim_id: str, part: str) -> str:
    """``theme.claim.hyperscaler_capex.value``."""
    return f"theme.claim.{claim_id}.{part}"


def screen(measure: str) -> str:
    """``screen.passed``, ``screen.universe_size``."""
    return f"screen.{measure}"


def screen_rank(k: int) -> str:
    """``screen.rank.1``: the ticker ranked first (a label fact)."""
    return f"screen.rank.{k}"


def parse_stock(fact_id: str, prefix: str = "stock") -> tuple[str, str] | None:
    """``("plpc", "mom_6m_pct")`` for ``stock.plpc.mom_6m_pct`` (``prefix`` ``sector`` for ETFs);
    ``None`` for any other id. The one parser of these ids, for readers that list stocks."""
    parts = fact_id.split(".")
    if len(parts) < 3 or parts[0] != prefix:
        return None
    return parts[1], ".".join(parts[2:])
