"""Universes, per-stock features and screens; the theme analysis (e.g. AI).

Public names are imported lazily so that ``import thesis.screen`` stays cheap.

>>> from thesis.screen import screen                       # doctest: +SKIP
>>> res = screen(store.view("2025-11-26"), 'mom_6m > index.mom_6m', universe="store")  # doctest: +SKIP
>>> res.passed[["why"]]                                     # doctest: +SKIP
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "FeatureSet",
    "Rule",
    "ScreenResult",
    "StockOdds",
    "ThemeResult",
    "ThemeSpec",
    "Universe",
    "compute_features",
    "features_reference",
    "load_fundamentals",
    "load_panel",
    "parse_rule",
    "plot_screen",
    "resolve_universe",
    "run_screen",
    "screen",
    "screen_features",
    "stock_odds",
    "theme_analysis",
]

_WHERE = {
    "FeatureSet": "screen",
    "ScreenResult": "screen",
    "run_screen": "screen",
    "screen": "screen",
    "screen_features": "screen",
    "Rule": "rules",
    "parse_rule": "rules",
    "StockOdds": "odds",
    "stock_odds": "odds",
    "ThemeResult": "theme",
    "theme_analysis": "theme",
    "ThemeSpec": "spec",
    "Universe": "universe",
    "resolve_universe": "universe",
    "compute_features": "features",
    "features_reference": "features",
    "load_fundamentals": "fundamentals",
    "load_panel": "panel",
    "plot_screen": "chart",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(f"thesis.screen.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'thesis.screen' has no attribute {name!r}")
