"""Errors of the screener: each names the input, the place and the fix.

They subclass :class:`~thesis.errors.ThesisError` (through the nearest existing family) so that the
CLI prints them as one clear message; they live here until the lead moves them to
:mod:`thesis.errors`.
"""

from __future__ import annotations

from thesis.errors import AnalysisError, DataError, SpecError

__all__ = ["EmptyUniverseError", "RuleError", "UnknownFeatureError", "UnknownTickerError"]


class UnknownTickerError(DataError):
    """A ticker the store knows nothing about (no price series, no fundamentals, no reference row)."""


class EmptyUniverseError(AnalysisError):
    """A universe with no member on the screening date."""


class RuleError(SpecError):
    """A screen rule that cannot be parsed or uses a construct the rule language does not allow."""


class UnknownFeatureError(RuleError):
    """A screen rule that names a feature the screener does not compute."""
