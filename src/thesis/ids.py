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

import re
from dataclasses import dataclass
from typing import Literal

from thesis.facts import level_key

__all__ = [
    "EVENTS",
    "CalibrationFact",
    "Event",
    "LevelFact",
    "after_first_cut",
    "already_reached",
    "bands_in",
    "benchmark",
    "calibration",
    "crossed",
    "cycle",
    "cycle_measure",
    "dates_in",
    "distance",
    "drawdown_key",
    "drawdown_reached",
    "drawdown_trigger",
    "fed",
    "fed_meeting",
    "fed_path",
    "horizon",
    "level",
    "level_date",
    "manifest_data",
    "manifest_version",
    "method_param",
    "outlook",
    "p_closed_form",
    "p_event",
    "p_event_se",
    "parse_calibration",
    "parse_level_fact",
    "parse_stress",
    "portfolio",
    "portfolio_weight",
    "quantile",
    "range_bound",
    "regime",
    "scorecard",
    "sim",
    "size",
    "stress",
    "subject_measure",
    "tenors_in",
    "thesis_drawdown",
    "thesis_level",
    "valuation",
    "vix",
    "vol",
    "writing",
]

#: what a probability is of: touching a level before the horizon, closing at or above / at or
#: below it on the horizon date, or a drawdown of a given size
Event = Literal["touch", "close_above", "close_below", "drawdown"]
EVENTS: tuple[Event, ...] = ("touch", "close_above", "close_below", "drawdown")

_EVENT_BY_NAME: dict[str, Event] = {e: e for e in EVENTS}
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


def thesis_level(subject: str, role: Literal["threshold", "target", "level"], lvl: float) -> str:
    """A level the thesis states: ``sp500.threshold.6900``, ``sp500.target.7269``, or one stated
    with its own event (``[[index.levels]]``): ``sp500.stated_level.5500``."""
    measure = "stated_level" if role == "level" else role
    return f"{subject}.{measure}.{_key(lvl)}"


def thesis_drawdown(subject: str, key: str) -> str:
    """A drawdown the thesis states, in percent: ``sp500.drawdown.10pct_high``."""
    return f"{subject}.drawdown.{key}"


def level_date(subject: str, lvl: float) -> str:
    """The date a level is due when it is not the horizon: ``sp500.by.5500``."""
    return f"{subject}.by.{_key(lvl)}"


def distance(subject: str, unit: Literal["points", "pct", "sd", "bp"], lvl: float) -> str:
    """Distance from the current level to ``lvl``: ``sp500.distance_pct.6900``; for a yield the
    distance in basis points, ``ust10y.distance_bp.5``."""
    return f"{subject}.distance_{unit}.{_key(lvl)}"


def crossed(subject: str, lvl: float) -> str:
    """The last close before ``as_of`` on the far side of ``lvl`` (``sp500.crossed.6900``, a date)."""
    return f"{subject}.crossed.{_key(lvl)}"


def already_reached(subject: str, lvl: float) -> str:
    """The thesis's condition on ``lvl`` already holds on ``as_of``
    (``sp500.already_reached.6900``)."""
    return f"{subject}.already_reached.{_key(lvl)}"


def drawdown_key(pct: float, basis: str) -> str:
    """The key of a drawdown in ids: a fall of 10 % from the high → ``10pct_high``; from the
    current level → ``10pct_now``."""
    return f"{level_key(pct)}pct_{basis}"


def drawdown_trigger(subject: str, key: str) -> str:
    """The close that would complete a drawdown now: ``sp500.drawdown_trigger.10pct_high``."""
    return f"{subject}.drawdown_trigger.{key}"


def drawdown_reached(subject: str, key: str) -> str:
    """A drawdown that has already happened on ``as_of``: ``sp500.drawdown_reached.10pct_high``."""
    return f"{subject}.drawdown_reached.{key}"


# ------------------------------------------------------------------------------ probabilities
def p_event(subject: str, event: Event, lvl: float | str, method: str) -> str:
    """Probability of an event at a level by a method: ``sp500.p_touch.6900.gbm``."""
    return f"{subject}.{_P_MEASURE[event]}.{_key(lvl)}.{method}"


def p_event_se(subject: str, event: Event, lvl: float | str, method: str) -> str:
    """Its Monte Carlo standard error: ``sp500.p_touch_se.6900.gbm``."""
    return f"{subject}.{_P_SE_MEASURE[event]}.{_key(lvl)}.{method}"


def p_closed_form(
    subject: str,
    event: Event,
    lvl: float | str,
    *,
    zero_drift: bool = False,
    method: str = "gbm",
) -> str:
    """The random walk's closed form: ``sp500.p_touch_closed.6900.gbm`` (``…_closed_zero_drift…``);
    for a yield the normal walk's, ``ust10y.p_touch_closed.5.normal``."""
    suffix = "_closed_zero_drift" if zero_drift else "_closed"
    return f"{subject}.{_P_MEASURE[event]}{suffix}.{_key(lvl)}.{method}"


def quantile(subject: str, q: int, method: str) -> str:
    """A quantile of the horizon close: ``sp500.horizon_q05.gbm`` (``q`` in percent)."""
    return f"{subject}.horizon_q{q:02d}.{method}"


def horizon(subject: str, what: Literal["date", "sessions"]) -> str:
    """``sp500.horizon_date`` or ``sp500.horizon_sessions``."""
    return f"{subject}.horizon_{what}"


def method_param(subject: str, method: str, param: str) -> str:
    """A fitted parameter of a method: ``sp500.gbm.sigma_ann_pct``, ``sp500.garch.nu``."""
    return f"{subject}.{method}.{param}"


def sim(measure: Literal["n_paths", "seed"]) -> str:
    """The run's simulation settings: ``sim.n_paths``, ``sim.seed``."""
    return f"sim.{measure}"


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
    event = _EVENT_BY_NAME.get(base.removeprefix("p_"))
    if event is None:
        return None
    return LevelFact(subject, event, key, method, se, closed, zero_drift)


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


# ------------------------------------------------------------------------------ volatility and safety
def vol(
    subject: str,
    which: Literal["realised", "garch"],
    what: Literal["level", "pctile"] = "level",
    unit: Literal["pct", "bp"] = "pct",
) -> str:
    """Volatility now: ``sp500.vol_realised_ann_pct``, ``ust10y.vol_realised_ann_bp`` (a yield's
    daily changes, in basis points a year), ``sp500.vol_garch_pctile``."""
    if what == "pctile":
        return f"{subject}.vol_{which}_pctile"
    return f"{subject}.vol_{which}_ann_{unit}"


def vix(measure: Literal["level", "pctile"]) -> str:
    """``vix.level``, ``vix.pctile``."""
    return f"vix.{measure}"


def size(measure: Literal["smb_12m_pct", "small_vs_large_12m_pp"]) -> str:
    """``size.smb_12m_pct``, ``size.small_vs_large_12m_pp``."""
    return f"size.{measure}"


# ------------------------------------------------------------------------------ the Fed and cycles
def fed(measure: str) -> str:
    """``fed.policy_rate``, ``fed.in_easing_cycle``, ``fed.thesis_cuts``, ``fed.cycles.count``."""
    return f"fed.{measure}"


def cycle(first_cut: str, measure: str) -> str:
    """One easing cycle, keyed by its first cut's ISO date: ``fed.cycle.2019-08-01.sp500_ret_12m``."""
    return f"fed.cycle.{first_cut}.{measure}"


def cycle_measure(series: str, months: int) -> str:
    """The measure name of a series' return over ``months`` after a first cut: ``sp500_ret_12m``."""
    return f"{series}_ret_{months}m"


def after_first_cut(
    measure: str,
    stat: Literal["median", "mean", "share_positive", "n"],
    split: Literal["all", "recession", "no_recession"] = "all",
) -> str:
    """Statistics over easing cycles: ``fed.after_first_cut.sp500_ret_12m.median.all``."""
    return f"fed.after_first_cut.{measure}.{stat}.{split}"


def fed_path(n: int | None, measure: str) -> str:
    """The thesis's rate path: per meeting ``fed.path.1.change_bp``, ``fed.path.1.date``; in all
    ``fed.path.total_bp``, ``fed.path.rate_after`` (``n`` None)."""
    return f"fed.path.{measure}" if n is None else f"fed.path.{n}.{measure}"


def fed_meeting(n: int | None, measure: str) -> str:
    """FOMC meetings inside the horizon: ``fed.meeting.1.date``, ``fed.meeting.1.tentative``;
    ``fed.meetings.count`` (``n`` None)."""
    return f"fed.meetings.{measure}" if n is None else f"fed.meeting.{n}.{measure}"


# ------------------------------------------------------------------------------ calibration and scorecard
def calibration(method: str, measure: str, horizon_label: str | None = None) -> str:
    """``calibration.gbm.brier.12m``, ``calibration.gbm.coverage80.12m``; ``calibration.start``."""
    if horizon_label is None:
        return f"calibration.{method}.{measure}" if measure else f"calibration.{method}"
    return f"calibration.{method}.{measure}.{horizon_label}"


@dataclass(frozen=True, slots=True)
class CalibrationFact:
    """The parts of a per-method calibration id (see :func:`parse_calibration`)."""

    method: str
    measure: str
    horizon: str


def parse_calibration(fact_id: str) -> CalibrationFact | None:
    """``calibration.gbm.coverage80.12m`` → its method, measure and horizon; ``None`` for any id
    that is not a per-method, per-horizon calibration score (``calibration.start``,
    ``calibration.ranges.*`` are not)."""
    parts = fact_id.split(".")
    if len(parts) != 4 or parts[0] != "calibration" or parts[1] == "ranges":
        return None
    return CalibrationFact(parts[1], parts[2], parts[3])


def scorecard(subject: str, measure: str, *rest: str | float) -> str:
    """What followed ``as_of``: ``scorecard.sp500.touched.6900``, ``scorecard.sp500.brier_touch.6900.gbm``."""
    tail = "".join(f".{_key(r)}" for r in rest)
    return f"scorecard.{subject}.{measure}{tail}"


# ------------------------------------------------------------------------------ portfolio and stress
def portfolio(metric: str) -> str:
    """``portfolio.cagr_pct``, ``portfolio.sharpe``."""
    return f"portfolio.{metric}"


def portfolio_weight(sleeve: str) -> str:
    """``portfolio.weight.defensive``."""
    return f"portfolio.weight.{sleeve}"


def benchmark(name: str, metric: str) -> str:
    """``benchmark.sp500.sharpe``, ``benchmark.6040.cagr_pct``."""
    return f"benchmark.{name}.{metric}"


def stress(scenario: str, measure: str, sleeve: str | None = None) -> str:
    """``stress.gfc_2008.loss_pct``, ``stress.gfc_2008.label``; per sleeve
    ``stress.gfc_2008.defensive.loss_pct``."""
    return (
        f"stress.{scenario}.{measure}"
        if sleeve is None
        else f"stress.{scenario}.{sleeve}.{measure}"
    )


def parse_stress(fact_id: str) -> tuple[str, str] | None:
    """``stress.gfc_2008.loss_pct`` → ``("gfc_2008", "loss_pct")``; ``None`` for a per-sleeve id
    or any other id."""
    parts = fact_id.split(".")
    if len(parts) != 3 or parts[0] != "stress":
        return None
    return parts[1], parts[2]


# ------------------------------------------------------------------------------ the writer's own
def outlook(measure: Literal["as_of", "horizon"]) -> str:
    """``outlook.as_of``, ``outlook.horizon``."""
    return f"outlook.{measure}"


def writing(measure: str, *rest: str) -> str:
    """Facts the writer states itself: ``writing.likelihood_scale.likely``,
    ``writing.nominal_coverage.80``, ``writing.seed``."""
    return ".".join(("writing", measure, *rest))


def manifest_data(series: str, key: str) -> str:
    """A data window of the run: ``manifest.data.sp500.start`` (``.end``, ``.rows``,
    ``.content_hash``); dots in a series id become ``_``."""
    return f"manifest.data.{series.replace('.', '_')}.{key}"


def manifest_version(package: str) -> str:
    """``manifest.version.numpy``."""
    return f"manifest.version.{package}"


_ISO_IN_ID = re.compile(r"(?:1[89]|20)\d\d-[01]\d-[0-3]\d")
_TENOR_IN_ID = re.compile(r"(?<![\d-])(\d{1,3})(?:d|m|y|w)\b")
_BAND_IN_ID = re.compile(r"(?:coverage|_q|pctile|pe_regime_q)(\d{2})\b")


def dates_in(fact_id: str) -> tuple[str, ...]:
    """ISO dates written inside an id (``fed.cycle.2019-08-01.sp500_ret_12m`` → 2019-08-01)."""
    return tuple(_ISO_IN_ID.findall(fact_id))


def tenors_in(fact_id: str) -> tuple[int, ...]:
    """Window lengths an id names (``sp500_ret_12m`` → 12, ``corr_bonds_63d`` → 63): a text may
    cite them as "twelve months" or "63 sessions"."""
    return tuple(int(x) for x in _TENOR_IN_ID.findall(fact_id))


def bands_in(fact_id: str) -> tuple[int, ...]:
    """Interval and quantile levels an id names (``coverage80`` → 80, ``horizon_q95`` → 95,
    ``pe_regime_q10`` → 10): a text may say "the 80% band" or "the 95th percentile"."""
    return tuple(int(x) for x in _BAND_IN_ID.findall(fact_id))


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
