"""Macro turning points beyond the Fed, and what the subject series did after each.

Four indicators, each with a rule that dates its events from data public at the time:

``unemployment``
    The unemployment rate's 3-month average rises at least ``unemployment_rise_pp`` (0.5)
    percentage points above its lowest 3-month average of the previous 12 months (the Sahm rule).
    An event is the first month it does so after 12 months in which it did not.
``payrolls``
    The first monthly fall of nonfarm payrolls after ``payroll_growth_months`` (6) months of
    growth.
``gdp``
    The first quarter of falling real GDP (quarter-on-quarter) after a quarter of growth.
``curve``
    The 10-year minus 2-year Treasury spread (``ust10y2y``, or ``ust10y − ust2y`` where the
    spread series is missing) closes below zero for the first time after ``curve_rearm_sessions``
    (250, about a year) sessions at or above zero.

An event counts on the day it became public: the end of its period plus the release's lag
(``release_lag_days``; 0 for the daily spread). Final (revised) figures are used: the payrolls and
GDP first prints were sometimes different, so a few events may not have been visible in real time.

**What followed.** For each event public on ``d`` and horizon ``h`` months, the subject's change
from its last value known on ``d`` to its last value known on ``d + h`` months: a price return in
percent for an index or a price, a change in percentage points for a yield, a rate or a spread
(``subject_kind``). Monthly subjects (dated the first of the month, averages of it) count only
complete months. Windows not complete on ``as_of`` are excluded and counted.

**Now.** The state on ``as_of``: the Sahm indicator and whether it is at or above the threshold;
the latest payroll change; the latest GDP quarter; the spread and whether the curve is inverted
(and since when).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, cast

import numpy as np
import pandas as pd

from thesis import ids
from thesis.analysis._common import (
    as_timestamp,
    checked_series,
    date_index,
    fmt_num,
    is_monthly,
    known_at,
    lineage_of,
    markdown_table,
    series_id,
)
from thesis.data.releases import PUBLICATION_LAG_DAYS, period_end
from thesis.errors import AnalysisError, InsufficientDataError
from thesis.facts import Fact, Source

if TYPE_CHECKING:
    from collections.abc import Iterator

    from thesis._types import DateLike
    from thesis.analysis.cycles import SubjectKind

__all__ = ["INDICATORS", "MacroCyclesResult", "MacroEvent", "macro_cycles", "macro_events"]

INDICATORS = ("unemployment", "payrolls", "gdp", "curve")
HORIZONS = (3, 6, 12)
STATS = ("median", "mean", "share_positive", "n")
#: days after the end of a period before each indicator is public
DEFAULT_LAGS: Mapping[str, int] = {
    "unemployment": PUBLICATION_LAG_DAYS["bls_employment"],
    "payrolls": PUBLICATION_LAG_DAYS["bls_employment"],
    "gdp": PUBLICATION_LAG_DAYS["bea_gdp"],
    "curve": 0,
}
_LABEL = {
    "unemployment": "unemployment turn (Sahm rule)",
    "payrolls": "first fall in payrolls after growth",
    "gdp": "first quarter of falling real GDP",
    "curve": "2y–10y curve inversion",
}


@dataclass(frozen=True)
class MacroEvent:
    """One event: its period, the day it became public, and what followed (None = excluded)."""

    indicator: str
    period: pd.Timestamp  # the month / quarter start, or the day (curve)
    public: pd.Timestamp
    value: float  # the indicator's reading that triggered it
    moves: dict[str, float | None]
    excluded: dict[str, str]


@dataclass(frozen=True, eq=False)
class MacroCyclesResult:
    """Macro events, what followed for the subject, and the state now (see :func:`macro_cycles`)."""

    as_of: pd.Timestamp
    subject: str
    subject_kind: SubjectKind
    horizons: tuple[int, ...]
    events: tuple[MacroEvent, ...]
    stats: dict[tuple[str, str, str], float]  # (indicator, measure, stat) → value
    incomplete: dict[tuple[str, str], int]  # (indicator, measure) → windows after as_of
    now: dict[str, dict[str, Any]]  # indicator → readings on as_of
    rules: dict[str, str]
    notes: tuple[str, ...] = ()
    lineage: tuple[Source, ...] = field(default=())

    @property
    def indicators(self) -> tuple[str, ...]:
        """The indicators that were given."""
        return tuple(self.rules)

    @property
    def measures(self) -> tuple[str, ...]:
        return tuple(ids.fed_measure(self.subject, h, self.subject_kind) for h in self.horizons)

    @property
    def unit(self) -> str:
        return "pp" if self.subject_kind == "yield" else "pct"

    def to_frame(self) -> pd.DataFrame:
        """One row per event: indicator, period, public (date), value, and each measure."""
        rows = [
            {"indicator": e.indicator, "period": e.period, "public": e.public, "value": e.value,
             **e.moves}
            for e in self.events
        ]  # fmt: skip
        return pd.DataFrame(
            rows, columns=["indicator", "period", "public", "value", *self.measures]
        )

    def stats_frame(self) -> pd.DataFrame:
        """Rows (indicator, measure), columns median, mean, share_positive, n."""
        idx = pd.MultiIndex.from_product(
            [self.indicators, self.measures], names=["indicator", "measure"]
        )
        return pd.DataFrame(
            {s: [self.stats.get((i, m, s), np.nan) for i, m in idx] for s in STATS}, index=idx
        )

    def facts(self) -> list[Fact]:
        a, lin, u = str(self.as_of.date()), self.lineage, self.unit
        out: list[Fact] = []
        for ind in self.indicators:
            evs = [e for e in self.events if e.indicator == ind]
            rule = self.rules[ind]
            out.append(
                Fact(ids.macro(ind, "events"), len(evs), "count", a, rule, lin,
                     f"{_LABEL[ind]}s in the data")
            )  # fmt: skip
            if evs:
                out.append(
                    Fact(ids.macro(ind, "last_event"), str(evs[-1].period.date()), "date", a,
                         rule, lin, f"latest {_LABEL[ind]}")
                )  # fmt: skip
            for e in evs:
                d = str(e.period.date())
                out.append(
                    Fact(ids.macro_event(ind, d, "public"), str(e.public.date()), "date", a,
                         "end of the period plus the release lag", lin)
                )  # fmt: skip
                for m, v in e.moves.items():
                    if v is not None:
                        out.append(
                            Fact(ids.macro_event(ind, d, m), v, u, a, self._method(m, ind), lin,
                                 "", 1 if u == "pct" else 2)
                        )  # fmt: skip
            for m in self.measures:
                k = self.incomplete.get((ind, m), 0)
                out.append(
                    Fact(ids.macro_after(ind, m, "incomplete"), k, "count", a,
                         "events whose window ends after as_of (excluded)", lin)
                )  # fmt: skip
                for s in STATS:
                    v = self.stats.get((ind, m, s))
                    if v is None:
                        continue
                    unit = {"n": "count", "share_positive": "probability"}.get(s, u)
                    out.append(
                        Fact(ids.macro_after(ind, m, s), v, unit, a,
                             f"{s} over {_LABEL[ind]}s with a complete window; "
                             + self._method(m, ind), lin, "",
                             None if s == "n" else (2 if s == "share_positive" or u == "pp" else 1))
                    )  # fmt: skip
            for key, (v, unit, how, label) in self.now.get(ind, {}).items():
                dec = 2 if unit in ("pct", "pp") else None
                out.append(Fact(ids.macro_now(ind, key), v, unit, a, how, lin, label, dec))
        return out

    def _method(self, m: str, ind: str) -> str:
        h = m.rsplit("_", 1)[-1][:-1]
        what = (
            f"change of {self.subject} in percentage points"
            if self.subject_kind == "yield"
            else f"{self.subject} price return"
        )
        return f"{what} over {h} months from the day the {_LABEL[ind]} became public"

    def summary(self) -> str:
        lines = [f"### Macro turning points and {self.subject} (as of {self.as_of.date()})", ""]
        for ind in self.indicators:
            lines.append(f"- {_LABEL[ind]}: {self.rules[ind]}")
        lines.append("")
        rows = []
        for ind in self.indicators:
            for m in self.measures:
                rows.append(
                    [ind, m, str(int(self.stats.get((ind, m, "n"), 0))),
                     fmt_num(self.stats.get((ind, m, "median")), 1),
                     fmt_num(self.stats.get((ind, m, "share_positive")), 2)]
                )  # fmt: skip
        lines.append(markdown_table(rows, ["indicator", "measure", "n", "median", "share > 0"]))
        lines.append("")
        for ind, readings in self.now.items():
            parts = [f"{label or key} {v}" for key, (v, _u, _h, label) in readings.items()]
            lines.append(f"- Now, {ind}: " + "; ".join(parts))
        if self.notes:
            lines += ["", *[f"- Note: {n}" for n in self.notes]]
        return "\n".join(lines)


# ------------------------------------------------------------------------------ event rules
def _monthly(s: pd.Series) -> pd.Series:
    out = s.copy()
    out.index = date_index(s).to_period("M")
    out = out[~out.index.duplicated(keep="last")]
    return out.reindex(pd.period_range(out.index.min(), out.index.max(), freq="M"))


def sahm_indicator(unrate: pd.Series) -> pd.Series:
    """3-month average of the unemployment rate minus the lowest 3-month average of the previous
    12 months (pp), by month (PeriodIndex)."""
    m = _monthly(unrate)
    avg3 = m.rolling(3).mean()
    return avg3 - avg3.shift(1).rolling(12).min()


def _unemployment_events(unrate: pd.Series, rise_pp: float) -> tuple[pd.Series, pd.Series]:
    ind = sahm_indicator(unrate)
    on = ind >= rise_pp - 1e-9
    # armed: no trigger in the previous 12 months (and the indicator existed then)
    prior = on.shift(1).rolling(12).max()
    ev = on & (prior == 0)
    return ind[ev], ind


def _payroll_events(payems: pd.Series, growth_months: int) -> tuple[pd.Series, pd.Series]:
    d = _monthly(payems).diff()
    grew = (d > 0).astype(float).shift(1).rolling(growth_months).min()
    ev = (d < 0) & (grew == 1)
    return d[ev], d


def _gdp_events(gdp: pd.Series) -> tuple[pd.Series, pd.Series]:
    q = gdp.copy()
    q.index = date_index(q).to_period("Q")
    q = q[~q.index.duplicated(keep="last")]
    chg = (q / q.shift(1) - 1) * 100
    ev = (chg < 0) & (chg.shift(1) >= 0)
    return chg[ev], chg


def _curve_events(spread: pd.Series, rearm: int) -> pd.Series:
    s = spread.dropna()
    below = (s < 0).to_numpy()
    # sessions at or above zero before each day: a run counter reset at each inverted day
    run = np.zeros(len(s), dtype=int)
    c = 0
    for i, b in enumerate(below):
        run[i] = c
        c = 0 if b else c + 1
    ev = below & (run >= rearm)
    return s[ev]


def macro_events(
    *,
    unemployment: pd.Series | None = None,
    payrolls: pd.Series | None = None,
    gdp: pd.Series | None = None,
    curve: pd.Series | None = None,
    unemployment_rise_pp: float = 0.5,
    payroll_growth_months: int = 6,
    curve_rearm_sessions: int = 250,
    release_lag_days: Mapping[str, int] = DEFAULT_LAGS,
) -> pd.DataFrame:
    """Events of every given indicator: ``indicator``, ``period`` (start of the month / quarter,
    or the day), ``public`` (the day it became public) and ``value`` (the reading: Sahm indicator
    in pp, payroll change in thousands, GDP change in percent, spread in pp)."""
    return _macro_events(
        unemployment=unemployment, payrolls=payrolls, gdp=gdp, curve=curve,
        unemployment_rise_pp=unemployment_rise_pp, payroll_growth_months=payroll_growth_months,
        curve_rearm_sessions=curve_rearm_sessions, release_lag_days=release_lag_days,
    )[0]  # fmt: skip


def _macro_events(
    *,
    unemployment: pd.Series | None,
    payrolls: pd.Series | None,
    gdp: pd.Series | None,
    curve: pd.Series | None,
    unemployment_rise_pp: float,
    payroll_growth_months: int,
    curve_rearm_sessions: int,
    release_lag_days: Mapping[str, int],
) -> tuple[pd.DataFrame, dict[str, pd.Series]]:
    """:func:`macro_events` and each indicator's whole reading series (the Sahm indicator, the
    monthly payroll change, the quarterly GDP change), which :func:`_now` reads the latest of
    (computed once: they were computed twice, a sixth of the step's time)."""
    rows = []
    readings: dict[str, pd.Series] = {}

    def add(ind: str, ev: pd.Series, freq: str) -> None:
        start: pd.Index
        if isinstance(ev.index, pd.PeriodIndex):
            start = ev.index.to_timestamp()
        else:
            start = ev.index
        end = period_end(pd.DatetimeIndex(start), freq)
        lag = pd.Timedelta(days=int(release_lag_days.get(ind, 0)))
        for p, e, v in zip(start, end, ev.to_numpy(), strict=True):
            rows.append({"indicator": ind, "period": p, "public": e + lag, "value": float(v)})

    if unemployment is not None:
        ev, readings["unemployment"] = _unemployment_events(unemployment, unemployment_rise_pp)
        add("unemployment", ev, "monthly")
    if payrolls is not None:
        ev, readings["payrolls"] = _payroll_events(payrolls, payroll_growth_months)
        add("payrolls", ev, "monthly")
    if gdp is not None:
        ev, readings["gdp"] = _gdp_events(gdp)
        add("gdp", ev, "quarterly")
    if curve is not None:
        add("curve", _curve_events(curve, curve_rearm_sessions), "daily")
    out = pd.DataFrame(rows, columns=["indicator", "period", "public", "value"])
    return out.sort_values(["indicator", "period"], kind="stable").reset_index(drop=True), readings


# ------------------------------------------------------------------------------ the analysis
class _EventRow(Protocol):
    """A row of :func:`macro_events` as ``itertuples`` gives it."""

    indicator: str
    period: pd.Timestamp
    public: pd.Timestamp
    value: float


class _LastKnown:
    """The subject's last value known on a day (monthly: the last complete month), as
    :func:`~thesis.analysis._common.known_at` would give it, by bisection.

    Built once per series: an analysis asks it for every event's start and window end (hundreds
    of days), and cutting the series with a mask each time was a fifth of a run's CPU.
    """

    def __init__(self, s: pd.Series, monthly: bool) -> None:
        idx = date_index(s)
        # a month is known once its last day has passed (the rule of known_at)
        keys = idx + pd.offsets.MonthEnd(0) if monthly else idx
        self._keys = keys.to_numpy()
        self._idx = idx
        self._values = s.to_numpy(dtype=float)

    def __call__(self, when: pd.Timestamp) -> tuple[pd.Timestamp, float] | None:
        pos = int(np.searchsorted(self._keys, when.to_datetime64(), side="right")) - 1
        if pos < 0:
            return None
        return self._idx[pos], float(self._values[pos])


def macro_cycles(
    subject_series: pd.Series,
    *,
    as_of: DateLike,
    subject: str | None = None,
    subject_kind: SubjectKind = "price",
    unemployment: pd.Series | None = None,
    payrolls: pd.Series | None = None,
    gdp: pd.Series | None = None,
    curve: pd.Series | None = None,
    ust10y: pd.Series | None = None,
    ust2y: pd.Series | None = None,
    horizons: Sequence[int] = HORIZONS,
    unemployment_rise_pp: float = 0.5,
    payroll_growth_months: int = 6,
    curve_rearm_sessions: int = 250,
    release_lag_days: Mapping[str, int] = DEFAULT_LAGS,
) -> MacroCyclesResult:
    """Macro events known by ``as_of`` and the subject's moves after each (module docstring).

    Parameters
    ----------
    subject_series
        The thesis's series (daily or monthly): points or a price for ``subject_kind="price"``,
        % for ``"yield"``.
    as_of
        Nothing after it is used: events count from the day they became public, windows that
        end after it are excluded.
    subject
        Names the measures (default: the series id of ``subject_series``).
    subject_kind
        ``"price"`` (returns in percent) or ``"yield"`` (changes in percentage points).
    unemployment, payrolls, gdp
        ``unrate`` (%, monthly), ``payems`` (thousands, monthly), ``gdp_real`` (quarterly level).
    curve, ust10y, ust2y
        The 10y−2y spread (pp, daily, ``ust10y2y``) and/or the two yields (%, daily): the spread
        is the series where it has a value, else ``ust10y − ust2y``.
    horizons
        Window lengths in months.
    unemployment_rise_pp, payroll_growth_months, curve_rearm_sessions
        The event rules.
    release_lag_days
        Indicator → days after its period's end before it is public.

    Returns
    -------
    MacroCyclesResult

    Raises
    ------
    AnalysisError
        Unknown ``subject_kind``, no subject id, or no indicator given.
    InsufficientDataError
        No subject data on or before ``as_of``.
    """
    as_ts = as_timestamp(as_of)
    if subject_kind not in ("price", "yield"):
        raise AnalysisError(
            f"unknown subject_kind {subject_kind!r}",
            where="subject_kind",
            fix="use 'price' (index, ETF, stock) or 'yield' (a yield, rate or spread)",
        )
    subj = subject or series_id(subject_series, "")
    if not subj:
        raise AnalysisError(
            "the subject series has no id",
            where="subject",
            fix="pass subject= (the thesis's series id) or a series with a name",
        )
    sname = f"subject_series ({subj})"
    sx = checked_series(
        subject_series,
        name=sname,
        positive=subject_kind == "price",
        allow_nan=True,
        keep_attrs=False,  # the lineage is read from subject_series
    )
    monthly = is_monthly(sx)
    sx = known_at(sx, as_ts)
    if sx.empty:
        raise InsufficientDataError(
            f"no {subj} data on or before {as_ts.date()}",
            where=sname,
            fix="import the series' history or choose a later as_of",
        )

    def cut(s: pd.Series | None, arg: str, default: str) -> pd.Series | None:
        if s is None:
            return None
        # the lineage is read from the inputs: working copies without attrs (checked_series)
        return checked_series(
            s, name=f"{arg} ({series_id(s, default)})", allow_nan=True, keep_attrs=False
        )

    un = cut(unemployment, "unemployment", "unrate")
    pay = cut(payrolls, "payrolls", "payems")
    gd = cut(gdp, "gdp", "gdp_real")
    parts = [cut(curve, "curve", "ust10y2y")]
    t10, t2 = cut(ust10y, "ust10y", "ust10y"), cut(ust2y, "ust2y", "ust2y")
    if t10 is not None and t2 is not None:
        parts.append((t10 - t2).dropna())
    spread = None
    for p in parts:
        if p is not None:
            spread = p if spread is None else spread.combine_first(p)
    if spread is not None:
        spread = spread[spread.index <= as_ts]
    given = {"unemployment": un, "payrolls": pay, "gdp": gd, "curve": spread}
    if all(v is None for v in given.values()):
        raise AnalysisError(
            "no macro indicator was given",
            where="unemployment/payrolls/gdp/curve",
            fix="pass at least one of unrate, payems, gdp_real, ust10y2y (or ust10y and ust2y)",
        )
    # only periods public on as_of: the end of the period plus the release lag
    lag = {k: pd.Timedelta(days=int(release_lag_days.get(k, 0))) for k in INDICATORS}
    freq = {"unemployment": "monthly", "payrolls": "monthly", "gdp": "quarterly", "curve": "daily"}
    for k, s in list(given.items()):
        if s is not None:
            pe = period_end(date_index(s, k), freq[k]) + lag[k]
            given[k] = s[pe <= as_ts]
    ev, readings = _macro_events(
        unemployment=given["unemployment"], payrolls=given["payrolls"], gdp=given["gdp"],
        curve=given["curve"], unemployment_rise_pp=unemployment_rise_pp,
        payroll_growth_months=payroll_growth_months, curve_rearm_sessions=curve_rearm_sessions,
        release_lag_days=release_lag_days,
    )  # fmt: skip
    rules = {
        "unemployment": f"the 3-month average unemployment rate ≥ {unemployment_rise_pp:g} pp "
        "above its lowest 3-month average of the previous 12 months, first time in 12 months",
        "payrolls": f"the first monthly fall in nonfarm payrolls after {payroll_growth_months} "
        "months of growth",
        "gdp": "the first quarter-on-quarter fall in real GDP after a quarter of growth",
        "curve": f"the first close of the 10y−2y spread below zero after {curve_rearm_sessions} "
        "sessions at or above zero",
    }
    rules = {k: v for k, v in rules.items() if given[k] is not None}

    hs = tuple(int(h) for h in horizons)
    measures = [ids.fed_measure(subj, h, subject_kind) for h in hs]
    events = []
    incomplete: dict[tuple[str, str], int] = {}
    value_known = _LastKnown(sx, monthly)
    for row in cast("Iterator[_EventRow]", ev.itertuples(index=False)):
        moves: dict[str, float | None] = {}
        why: dict[str, str] = {}
        base = value_known(row.public)
        for h, m in zip(hs, measures, strict=True):
            end = row.public + pd.DateOffset(months=h)
            if end > as_ts:
                moves[m], why[m] = None, "window ends after as_of"
                incomplete[(row.indicator, m)] = incomplete.get((row.indicator, m), 0) + 1
                continue
            e = value_known(end)
            if base is None or e is None or e[0] <= base[0]:
                moves[m], why[m] = None, f"no {subj} data around the window"
            elif subject_kind == "yield":
                moves[m] = e[1] - base[1]
            else:
                moves[m] = (e[1] / base[1] - 1) * 100
        events.append(MacroEvent(row.indicator, row.period, row.public, row.value, moves, why))
    stats: dict[tuple[str, str, str], float] = {}
    for ind in rules:
        for m in measures:
            v = np.array(
                [e.moves[m] for e in events if e.indicator == ind and e.moves[m] is not None],
                dtype=float,
            )
            stats[(ind, m, "n")] = len(v)
            if len(v):
                stats[(ind, m, "median")] = float(np.median(v))
                stats[(ind, m, "mean")] = float(v.mean())
                stats[(ind, m, "share_positive")] = float((v > 0).mean())

    now = _now(given, unemployment_rise_pp, curve_rearm_sessions, ev, readings)
    notes = [
        "Events count from the day their figure was published; the figures are today's revised "
        "ones, so a payroll or GDP fall that was revised in later may not have been visible then.",
        "Each indicator has only a handful of events; the statistics are descriptive.",
    ]
    if monthly:
        notes.append(
            "The subject's moves use monthly averages and only months complete on each date."
        )
    return MacroCyclesResult(
        as_of=as_ts,
        subject=subj,
        subject_kind=subject_kind,
        horizons=hs,
        events=tuple(events),
        stats=stats,
        incomplete=incomplete,
        now=now,
        rules=rules,
        notes=tuple(notes),
        lineage=lineage_of(subject_series, unemployment, payrolls, gdp, curve, ust10y, ust2y),
    )


def _now(
    given: dict[str, pd.Series | None],
    rise_pp: float,
    rearm: int,
    ev: pd.DataFrame,
    readings: Mapping[str, pd.Series],
) -> dict[str, dict[str, Any]]:
    """Readings on as_of: key → (value, unit, method, label); ``readings`` holds each given
    indicator's reading series as :func:`_macro_events` computed it from ``given``."""
    out: dict[str, dict[str, Any]] = {}
    un = given["unemployment"]
    if un is not None and len(un) >= 15:
        ind = readings["unemployment"].dropna()  # sahm_indicator(un)
        if len(ind):
            p = ind.index[-1]
            # the latest rate and the latest Sahm reading need not share a month: a month
            # missing from the series (a delayed release) leaves the three-month average unknown
            rate = _monthly(un).dropna()
            out["unemployment"] = {
                "rate_pct": (float(rate.iloc[-1]), "pct",
                             "latest published unemployment rate", "unemployment rate"),
                "month": (str(rate.index[-1].to_timestamp().date()), "date",
                          "month of the latest published rate", ""),
                "sahm_month": (str(p.to_timestamp().date()), "date",
                               "month of the latest complete three-month average", ""),
                "sahm_pp": (float(ind.iloc[-1]), "pp",
                            "3-month average minus the lowest 3-month average of the prior 12 "
                            "months", "rise of unemployment above its low"),
                "rising": (bool(ind.iloc[-1] >= rise_pp - 1e-9), "bool",
                           f"the rise is at least {rise_pp:g} pp", "unemployment is rising"),
            }  # fmt: skip
    pay = given["payrolls"]
    if pay is not None and len(pay) >= 2:
        d = readings["payrolls"].dropna()  # _monthly(pay).diff()
        out["payrolls"] = {
            "change_k": (float(d.iloc[-1]), "count", "latest monthly change of nonfarm payrolls "
                         "(thousands of jobs)", "payroll change, thousands"),
            "change_jobs": (float(d.iloc[-1]) * 1000, "count", "latest monthly change of "
                            "nonfarm payrolls (jobs)", "payroll change, jobs"),
            "month": (str(d.index[-1].to_timestamp().date()), "date", "month of the latest change",
                      ""),
            "falling": (bool(d.iloc[-1] < 0), "bool", "the latest monthly change is negative",
                        "payrolls are falling"),
        }  # fmt: skip
    gd = given["gdp"]
    if gd is not None and len(gd) >= 2:
        chg = readings["gdp"].dropna()  # _gdp_events(gd)[1]
        out["gdp"] = {
            "change_pct": (float(chg.iloc[-1]), "pct", "latest quarter-on-quarter change of real "
                           "GDP (not annualised)", "real GDP change"),
            "quarter": (str(chg.index[-1].to_timestamp().date()), "date", "start of that quarter",
                        ""),
            "falling": (bool(chg.iloc[-1] < 0), "bool", "the latest quarter fell",
                        "real GDP is falling"),
        }  # fmt: skip
    sp = given["curve"]
    if sp is not None and len(sp.dropna()):
        s = sp.dropna()
        inv = bool(s.iloc[-1] < 0)
        cur = {
            "spread_pp": (float(s.iloc[-1]), "pp", "10-year minus 2-year Treasury yield, latest "
                          "close", "2y–10y spread"),
            "date": (str(s.index[-1].date()), "date", "date of the latest close", ""),
            "inverted": (inv, "bool", "the spread is below zero", "the curve is inverted"),
        }  # fmt: skip
        c_ev = ev[ev["indicator"] == "curve"]
        if inv:
            # start of the current inverted run
            pos = np.flatnonzero((s >= 0).to_numpy())
            start = s.index[pos[-1] + 1] if len(pos) else s.index[0]
            cur["inverted_since"] = (str(start.date()), "date", "first close of the current "
                                     "inverted run", "inverted since")  # fmt: skip
        if len(c_ev):
            cur["last_inversion"] = (str(c_ev["period"].iloc[-1].date()), "date",
                                     "latest inversion event", "latest inversion")  # fmt: skip
        out["curve"] = cur
    return out
