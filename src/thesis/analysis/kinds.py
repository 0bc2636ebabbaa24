"""What kind of series a thesis is about, and what follows from it for models, units and words.

The store's catalog says each series' ``kind`` (``index``, ``price``, ``yield``, ``rate``, ``ratio``,
…) and ``unit`` (:class:`thesis.data.records.SeriesInfo`). A :class:`SeriesProfile` turns that into
the few decisions every later stage needs:

- **the model space**: index levels, prices and ratios are positive and move in proportion to their
  level, so they are modelled in log returns (``space = "log"``); yields, rates and spreads move in
  percentage points whatever their level (a yield can be negative, a spread often is), so they are
  modelled in daily changes (``space = "diff"``) and their moves are stated in basis points;
- **the units**: the fact unit of a level (``points``, ``usd``, ``pct`` for a yield in percent,
  ``pp`` for a spread in percentage points, ``ratio``) and of a move (``pct`` or ``bp``);
- **the words**: the noun a sentence uses ("the index", "the price", "the yield");
- **which analyses apply**: valuation by earnings × P/E, returns after Fed easing cycles, the VIX and
  the stock–bond correlation describe equities; small versus large caps describes an equity index.

The profile is pure data, built once per run from the catalog entry; nothing here reads the store.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal

from thesis.errors import SpecError

__all__ = ["LOG_KINDS", "RATE_KINDS", "SeriesProfile", "profile_for"]

#: kinds modelled in log returns (strictly positive levels)
LOG_KINDS = frozenset({"index", "price", "ratio"})
#: kinds modelled in changes of percentage points (moves in basis points)
RATE_KINDS = frozenset({"yield", "rate"})

Space = Literal["log", "diff"]


@dataclass(frozen=True, slots=True)
class SeriesProfile:
    """How a series is modelled and described.

    Attributes
    ----------
    series
        The store's series id (``sp500``, ``ust10y``).
    kind
        The catalog's kind (``index``, ``price``, ``yield``, ``rate``, ``ratio``).
    catalog_unit
        The catalog's free-text unit ("points", "USD", "% p.a.", "percentage points").
    space
        ``log`` (log returns) or ``diff`` (changes in the series' own unit, percentage points).
    level_unit
        Fact unit of a level: ``points``, ``usd``, ``pct`` (a yield of 4.12 %), ``pp`` (a spread in
        percentage points) or ``ratio``.
    move_unit
        Fact unit of a move or distance: ``pct`` (relative) or ``bp`` (absolute, basis points).
    noun
        What a sentence calls the series: "index", "price", "yield", "rate", "spread", "ratio".
    equity
        An equity index or price: Fed-cycle returns, the VIX, stock–bond correlations apply.
    positive
        Levels must be > 0 (prices and index levels); yields and spreads need not be.
    """

    series: str
    kind: str
    catalog_unit: str
    space: Space
    level_unit: str
    move_unit: str
    noun: str
    equity: bool
    positive: bool

    @property
    def is_rate(self) -> bool:
        """Modelled in changes of percentage points (yields, rates, spreads)."""
        return self.space == "diff"

    @property
    def bp_per_unit(self) -> float:
        """Basis points in one unit of the level (100 for a yield in percent)."""
        return 100.0 if self.space == "diff" else math.nan

    def the(self, name: str) -> str:
        """How a sentence names the series: "the S&P 500", "the US 10-year yield"."""
        low = name.lower()
        return name if low.startswith("the ") else f"the {name}"

    def applies(self, what: str) -> bool:
        """Whether an analysis or section applies to this series.

        ``valuation`` (earnings × P/E), ``fed_cycle_returns``, ``vix``, ``correlations``,
        ``size`` (small vs large caps), ``calibration`` (walk-forward of the path models on log
        prices), ``drawdown`` (a fall of X % needs a positive level).
        """
        rules = {
            "valuation": self.equity,
            "fed_cycle_returns": self.equity,
            "vix": self.equity,
            "correlations": self.equity,
            "size": self.kind == "index" and self.equity,
            "calibration": self.space == "log",
            "drawdown": self.positive,
        }
        try:
            return rules[what]
        except KeyError:
            raise ValueError(f"unknown analysis {what!r}; known: {sorted(rules)}") from None

    def to_dict(self) -> dict[str, Any]:
        return {
            "series": self.series,
            "kind": self.kind,
            "catalog_unit": self.catalog_unit,
            "space": self.space,
            "level_unit": self.level_unit,
            "move_unit": self.move_unit,
            "noun": self.noun,
            "equity": self.equity,
        }


def _rate_unit(unit: str) -> tuple[str, str]:
    """(level unit, noun) of a yield or rate from the catalog's unit text."""
    u = unit.lower()
    if "percentage point" in u or u.strip() in ("pp", "pct pts"):
        return "pp", "spread"
    return "pct", "yield"


def profile_for(
    series: str,
    kind: str,
    unit: str = "",
    *,
    frequency: str = "daily",
    where: str = "index.series",
) -> SeriesProfile:
    """The profile of a series from its catalog entry.

    Parameters
    ----------
    series, kind, unit, frequency
        From :class:`thesis.data.records.SeriesInfo`.
    where
        The thesis key that names the series (for errors).

    Raises
    ------
    SpecError
        The series cannot be the subject of a thesis: not daily (the Monte Carlo runs over trading
        sessions), or a kind whose level is not a price, an index level or a yield (a macro series,
        a factor return, an event list).
    """
    if frequency != "daily":
        raise SpecError(
            f"series {series!r} is {frequency}; a thesis needs daily closes (the probabilities "
            "run over trading sessions)",
            where=where,
            fix="name a daily series (`thesis data list` shows each series' frequency), e.g. the "
            "daily index rather than its monthly average",
        )
    u = (unit or "").lower()
    if kind in LOG_KINDS:
        if kind == "ratio":
            level_unit, noun = "ratio", "ratio"
        elif kind == "price":
            level_unit = "usd" if ("usd" in u or "$" in u) else "points"
            noun = "price"
        else:
            level_unit, noun = "points", "index"
        return SeriesProfile(
            series, kind, unit, "log", level_unit, "pct", noun, kind in ("index", "price"), True
        )
    if kind in RATE_KINDS:
        level_unit, noun = _rate_unit(unit)
        if kind == "rate" and noun == "yield":
            noun = "rate"
        return SeriesProfile(series, kind, unit, "diff", level_unit, "bp", noun, False, False)
    raise SpecError(
        f"series {series!r} is a {kind} series; a thesis is about a price, an index level or a "
        "yield",
        where=where,
        fix="name a daily price, index or yield series (`thesis data list` shows each kind)",
    )
