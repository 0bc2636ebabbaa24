"""Typed builders for fact ids: the one place where an id's shape is written.

Every fact id is a dotted path ``subject.measure[.level][.method][.split]`` (see docs/fact-ids.md).
Whoever makes a fact and whoever reads one calls these builders, so that an id is never spelled
twice: an analysis writes ``Fact(ids.p_event(S, "touch", 6900, "gbm"), ...)`` and the writer reads
``facts.get(ids.p_event(S, "touch", 6900, "gbm"))``. No reader rebuilds an id with an f-string or
parses one with a regex; :func:`parse_level_fact` is the one parser, for the few readers that list
facts by family (the CLI's probability table, the scorecard).

Levels appear in ids through :func:`thesis.facts.level_key` (``6900`` → ``"6900"``,
``4500.5`` → ``"4500_5"``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from thesis.facts import level_key

__all__ = [
    "EVENTS",
    "Event",
    "LevelFact",
    "already_reached",
    "calibration",
    "crossed",
    "cycle",
    "distance",
    "fed",
    "horizon",
    "level",
    "method_param",
    "p_closed_form",
    "p_event",
    "p_event_se",
    "parse_level_fact",
    "quantile",
    "range_bound",
    "regime",
    "scorecard",
    "subject_measure",
    "thesis_level",
    "valuation",
]

#: what a probability is of: touching a level before the horizon, closing at or above / at or
#: below it on the horizon date, or a drawdown of a given size
Event = Literal["touch", "close_above", "close_below", "drawdown"]
EVENTS: tuple[Event, ...] = ("touch", "close_above", "close_below", "drawdown")

_P_MEASURE = {e: f"p_{e}" for e in EVENTS}
_P_SE_MEASURE = {e: f"p_{e}_se" for e in EVENTS}


def _key(x: float | str) -> str:
    return x if isinstance(x, str) else level_key(x)


# ------------------------------------------------------------------------------ the subject's own
def subject_measure(subject: str, measure: str) -> str:
    """A plain measure of the subject series: ``sp500.level``, ``sp500.ytd_pct``, ``sp500.high``."""
    return f"{subject}.{measure}"


def level(subject: str) -> str:
    """The close on the last session on or before ``as_of`` (``sp500.level``)."""
    return subject_measure(subject, "level")


def thesis_level(subject: str, role: Literal["threshold", "target"], lvl: float) -> str:
    """A level the thesis states: ``sp500.threshold.6900``, ``sp500.target.7269``."""
    return f"{subject}.{role}.{_key(lvl)}"


def distance(subject: str, unit: Literal["points", "pct", "sd"], lvl: float) -> str:
    """Distance from the current level to ``lvl``: ``sp500.distance_pct.6900``."""
    return f"{subject}.distance_{unit}.{_key(lvl)}"


def crossed(subject: str, lvl: float) -> str:
    """Whether ``lvl`` was already crossed before ``as_of`` (``sp500.crossed.6900``)."""
    return f"{subject}.crossed.{_key(lvl)}"


def already_reached(subject: str, lvl: float) -> str:
    """A level already reached on ``as_of``, not simulated (``sp500.already_reached.6900``)."""
    return f"{subject}.already_reached.{_key(lvl)}"


# ------------------------------------------------------------------------------ probabilities
def p_event(subject: str, event: Event, lvl: float | str, method: str) -> str:
    """Probability of an event at a level by a method: ``sp500.p_touch.6900.gbm``."""
    return f"{subject}.{_P_MEASURE[event]}.{_key(lvl)}.{method}"


def p_event_se(subject: str, event: Event, lvl: float | str, method: str) -> str:
    """Its Monte Carlo standard error: ``sp500.p_touch_se.6900.gbm``."""
    return f"{subject}.{_P_SE_MEASURE[event]}.{_key(lvl)}.{method}"


def p_closed_form(subject: str, event: Event, lvl: float | str, *, zero_drift: bool = False) -> str:
    """The GBM closed form: ``sp500.p_touch_closed.6900.gbm`` (``…_closed_zero_drift…``)."""
    suffix = "_closed_zero_drift" if zero_drift else "_closed"
    return f"{subject}.{_P_MEASURE[event]}{suffix}.{_key(lvl)}.gbm"


def quantile(subject: str, q: int, method: str) -> str:
    """A quantile of the horizon close: ``sp500.horizon_q05.gbm`` (``q`` in percent)."""
    return f"{subject}.horizon_q{q:02d}.{method}"


def horizon(subject: str, what: Literal["date", "sessions"]) -> str:
    """``sp500.horizon_date`` or ``sp500.horizon_sessions``."""
    return f"{subject}.horizon_{what}"


def method_param(subject: str, method: str, param: str) -> str:
    """A fitted parameter of a method: ``sp500.gbm.sigma_ann_pct``, ``sp500.garch.nu``."""
    return f"{subject}.{method}.{param}"


@dataclass(frozen=True, slots=True)
class LevelFact:
    """The parts of a per-level probability id (see :func:`parse_level_fact`)."""

    subject: str
    event: Event
    level_key: str
    method: str
    se: bool = False
    closed_form: bool = False
    zero_drift: bool = False


def parse_level_fact(fact_id: str) -> LevelFact | None:
    """Split a per-level probability id into its parts; ``None`` for any other id.

    >>> parse_level_fact("sp500.p_close_above.7269.bootstrap")
    LevelFact(subject='sp500', event='close_above', level_key='7269', method='bootstrap', se=False, closed_form=False, zero_drift=False)
    """
    parts = fact_id.split(".")
    if len(parts) != 4 or not parts[1].startswith("p_"):
        return None
    subject, measure, key, method = parts
    zero_drift = measure.endswith("_closed_zero_drift")
    closed = zero_drift or measure.endswith("_closed")
    se = measure.endswith("_se")
    base = measure.removesuffix("_closed_zero_drift").removesuffix("_closed").removesuffix("_se")
    event = base.removeprefix("p_")
    if event not in EVENTS:
        return None
    return LevelFact(subject, event, key, method, se, closed, zero_drift)  # type: ignore[arg-type]


# ------------------------------------------------------------------------------ valuation and regimes
def valuation(subject: str, measure: str, lvl: float | str | None = None) -> str:
    """A valuation measure, per level where it has one: ``sp500.pe_trailing``,
    ``sp500.implied_pe.7269``, ``sp500.implied_eps_growth_pct.7269``."""
    return f"{subject}.{measure}" if lvl is None else f"{subject}.{measure}.{_key(lvl)}"


def range_bound(
    subject: str,
    case: Literal["bear", "base", "bull"],
    bound: Literal["low", "high", "pe_low", "pe_high"],
) -> str:
    """A bound of a valuation range: ``sp500.range.base.low``."""
    return f"{subject}.range.{case}.{bound}"


def regime(subject: str, measure: str) -> str:
    """The valuation regime's readings: ``sp500.regime.real_yield_pct``, ``sp500.regime.months``."""
    return f"{subject}.regime.{measure}"


# ------------------------------------------------------------------------------ the Fed and cycles
def fed(measure: str) -> str:
    """``fed.policy_rate``, ``fed.in_easing_cycle``, ``fed.thesis_cuts``, ``fed.cycles.count``."""
    return f"fed.{measure}"


def cycle(first_cut: str, measure: str) -> str:
    """One easing cycle, keyed by its first cut's ISO date: ``fed.cycle.2019-08-01.sp500_ret_12m``."""
    return f"fed.cycle.{first_cut}.{measure}"


# ------------------------------------------------------------------------------ calibration and scorecard
def calibration(method: str, measure: str, horizon_label: str | None = None) -> str:
    """``calibration.gbm.brier.12m``, ``calibration.gbm.coverage80.12m``; ``calibration.start``."""
    if horizon_label is None:
        return f"calibration.{method}.{measure}" if measure else f"calibration.{method}"
    return f"calibration.{method}.{measure}.{horizon_label}"


def scorecard(subject: str, measure: str, *rest: str | float) -> str:
    """What followed ``as_of``: ``scorecard.sp500.touched.6900``, ``scorecard.sp500.brier_touch.6900.gbm``."""
    tail = "".join(f".{_key(r)}" for r in rest)
    return f"scorecard.{subject}.{measure}{tail}"


# ---- quant
# Builders for the quantitative analyses (valuation ranges, cycles, macro, implied, base rates and
# skill). Their ids are listed in docs/fact-ids.md under the same headings.


def eps_stale(subject: str) -> str:
    """Whether the trailing EPS is stale on ``as_of`` (``sp500.eps_stale``)."""
    return f"{subject}.eps_stale"


def eps_growth_basis(subject: str) -> str:
    """Where the EPS growth used comes from: ``thesis`` or ``trailing_cagr`` (``sp500.eps_growth_basis``)."""
    return f"{subject}.eps_growth_basis"


def eps_growth_rule(subject: str) -> str:
    """The no-foresight EPS growth, trailing ten-year CAGR (``sp500.eps_growth_rule_pct``)."""
    return f"{subject}.eps_growth_rule_pct"


def pe_current(subject: str) -> str:
    """The P/E the central case holds: level / EPS brought to ``as_of`` (``sp500.pe_current``)."""
    return f"{subject}.pe_current"


def range_central(subject: str) -> str:
    """The central case at the horizon (``sp500.range.central``)."""
    return f"{subject}.range.central"


def range_calibration(
    subject: str, measure: Literal["errors", "start", "end", "horizon_months"]
) -> str:
    """The forecast errors behind the ranges' width: ``sp500.range.calibration.errors``."""
    return f"{subject}.range.calibration.{measure}"


def range_case(subject: str, lvl: float | str) -> str:
    """The case whose range holds a level (label): ``sp500.range_case.7269``."""
    return f"{subject}.range_case.{_key(lvl)}"


def ranges_share(bin_: str, horizon_label: str, method: str | None = None) -> str:
    """Walk-forward share of outcomes in a bin of the valuation ranges:
    ``calibration.ranges.share_base.12m``; the earlier regime-band rule, for comparison:
    ``calibration.ranges.regime_band.share_base.12m``."""
    head = "calibration.ranges" if method is None else f"calibration.ranges.{method}"
    return f"{head}.share_{bin_}.{horizon_label}"


def ranges_measure(measure: str, horizon_label: str | None = None) -> str:
    """Other range-calibration facts: ``calibration.ranges.n.12m``, ``calibration.ranges.start``."""
    return f"calibration.ranges.{measure}" + (f".{horizon_label}" if horizon_label else "")


def fed_measure(subject: str, months: int, kind: Literal["price", "yield"] = "price") -> str:
    """What the subject did after a first cut, as a measure name: ``sp500_ret_12m`` (a price
    return, pct) or ``ust10y_chg_12m`` (a change of a yield, pp)."""
    return f"{subject}_{'chg' if kind == 'yield' else 'ret'}_{int(months)}m"


def fed_after_first_cut(measure: str, stat: str, split: str) -> str:
    """A statistic over easing cycles: ``fed.after_first_cut.sp500_ret_12m.median.all``
    (``stat``: median, mean, share_positive, n; ``split``: all, recession, no_recession)."""
    return f"fed.after_first_cut.{measure}.{stat}.{split}"


def fed_cycles_count(what: Literal["unconfirmed", "rejected", "first", "last"]) -> str:
    """``fed.cycles.unconfirmed`` / ``fed.cycles.rejected`` (count), ``fed.cycles.first`` /
    ``fed.cycles.last`` (date of the first and latest confirmed cycle)."""
    return f"fed.cycles.{what}"


def macro(indicator: str, measure: str) -> str:
    """A macro indicator's summary: ``macro.curve.events`` (count), ``macro.curve.last_event``."""
    return f"macro.{indicator}.{measure}"


def macro_event(indicator: str, period: str, measure: str) -> str:
    """One macro event, keyed by its period's ISO date: ``macro.curve.event.2022-07-06.sp500_ret_12m``,
    ``macro.payrolls.event.2020-03-01.public``."""
    return f"macro.{indicator}.event.{period}.{measure}"


def macro_after(indicator: str, measure: str, stat: str) -> str:
    """A statistic over an indicator's events: ``macro.curve.after.sp500_ret_12m.median``
    (``stat``: median, mean, share_positive, n, incomplete)."""
    return f"macro.{indicator}.after.{measure}.{stat}"


def macro_now(indicator: str, key: str) -> str:
    """The indicator on ``as_of``: ``macro.curve.now.inverted``, ``macro.unemployment.now.sahm_pp``."""
    return f"macro.{indicator}.now.{key}"


def event_key(event: str, pct: float) -> str:
    """A calibration event relative to the origin: ``touch_p10`` (a close 10 % above at some point),
    ``close_above_p5``, ``touch_m10`` (10 % below), ``close_below_m10``."""
    sign = "p" if pct >= 0 else "m"
    return f"{event}_{sign}{abs(pct):g}".replace(".", "_")


def calibration_event(method: str, measure: str, event: str, horizon_label: str) -> str:
    """A method's score on one event: ``calibration.gbm.brier_touch_p10.12m``,
    ``calibration.gbm.bss_touch_p10.12m`` (Brier skill against the base rate),
    ``calibration.gbm.mean_p_touch_p10.12m``; ``event`` from :func:`event_key`."""
    return f"calibration.{method}.{measure}_{event}.{horizon_label}"


def calibration_observed(event: str, horizon_label: str) -> str:
    """How often the event happened over the scored origins: ``calibration.observed.touch_p10.12m``."""
    return f"calibration.observed.{event}.{horizon_label}"


def calibration_verdict(
    measure: Literal["best", "any_beats_base_rate", "beats_base_rate"],
    horizon_label: str,
    method: str | None = None,
) -> str:
    """``calibration.best.12m`` (label: the method with the lowest Brier score over the events,
    the base rate included), ``calibration.any_beats_base_rate.12m`` (bool) and
    ``calibration.gbm.beats_base_rate.12m`` (bool)."""
    if measure == "beats_base_rate":
        return f"calibration.{method}.beats_base_rate.{horizon_label}"
    return f"calibration.{measure}.{horizon_label}"
