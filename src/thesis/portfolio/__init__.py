"""The balanced portfolio: sleeves, allocation, a fast backtest engine, metrics, stress, tearsheet.

Public names are imported lazily so that ``import thesis.portfolio`` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "BacktestResult",
    "Performance",
    "PortfolioRun",
    "PortfolioSpec",
    "Schedule",
    "StressResult",
    "Tearsheet",
    "build_schedule",
    "build_tearsheet",
    "load_prices",
    "performance",
    "run_backtest",
    "run_portfolio",
    "run_stress",
    "simulate",
    "simulate_reference",
    "stress_test",
]

_WHERE = {
    "BacktestResult": "engine",
    "run_backtest": "engine",
    "simulate": "engine",
    "simulate_reference": "engine",
    "Performance": "metrics",
    "performance": "metrics",
    "PortfolioSpec": "spec",
    "Schedule": "allocation",
    "build_schedule": "allocation",
    "PortfolioRun": "backtest",
    "load_prices": "backtest",
    "run_portfolio": "backtest",
    "run_stress": "backtest",
    "StressResult": "stress",
    "stress_test": "stress",
    "Tearsheet": "tearsheet",
    "build_tearsheet": "tearsheet",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(f"thesis.portfolio.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'thesis.portfolio' has no attribute {name!r}")
