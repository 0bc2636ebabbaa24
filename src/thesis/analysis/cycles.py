"""Fed easing cycles: what the subject series (and small caps) did after the first cut.

Rules (stated in the result's ``rule`` and in facts' methods):

**Moves.** From a monthly (or daily) policy-rate *level* series, e.g. the effective fed funds
rate (monthly average, %): month ``t`` is a *cut* when the rate fell by at least ``threshold_bp``
over one month or over two months (``r_t − r_{t−1}`` or ``r_t − r_{t−2}`` ≤ −threshold), a *hike*
when it rose by as much; a month can be a cut or a hike, not both (the larger move wins). Daily
input is first averaged by calendar month. From FOMC *decisions* (``kind="decisions"``: target
rate on each decision date), a move is any decision that changed the target.

**Candidate first cut.** A cut whose previous move was a hike, or that comes at least
``hold_months`` calendar months after the previous move (a hold). A cut with no earlier move needs
``hold_months`` of data before it to count.

**Easing cycle.** A candidate starts an easing cycle when both of these hold:

1. *From a peak*: the rate before the cut (the higher of the two months before it; for decisions
   the target before it) is within ``threshold_bp / 2`` of its highest level over the
   ``peak_months`` before the cut. A cut resumed after a pause below an earlier, higher rate
   continues that cycle (2002-11 and 2003-07 continue the cycle of 2001).
2. *Not reversed*: over the ``confirm_months`` after the cut the rate never climbs back to within
   ``threshold_bp / 2`` of the rate before it. An easing undone within a year was a pause in a hiking
   phase, not a cycle: the 1987-07 and 1987-11 "first cuts" of the monthly effective rate (the
   rate was back above its pre-cut level by mid-1988), 1980-05 and 1981-02 in the Volcker years.
   It also means the easing lasted: the rate stayed below where it was for that long.

A candidate whose ``confirm_months`` are not complete on ``as_of`` and that has not been reversed
yet is *unconfirmed*: listed, but left out of the statistics (its outcome windows overlap the
months that decide whether it counts). Every candidate, its status and the reason are in
:meth:`FedCyclesResult.candidates_frame`.

**Windows.** For each cycle's first cut on date ``d`` and horizon ``h`` months: the subject's
change from the last observation on or before ``d`` to the last on or before ``d + h`` months —
a price return in percent for an index or a price, a change in percentage points for a yield, a
rate or a spread (``subject_kind``); monthly values, dated the first of their month, are averages
of that month. SMB compounded over the ``h`` calendar months after the cut's month,
``∏(1 + smb/100) − 1``. A window not complete on ``as_of`` is excluded (no lookahead), and so is
one with no data; the reason is recorded per cycle and measure.

**Recession.** A cycle is *followed by a recession* when an NBER recession *starts* (``usrec``
turns from 0 to 1) in the cut's month or within the 12 months after it. A recession already under
way at the cut does not count as following it (``recession_at_cut`` says so); such a cycle is in
neither split, since it was not one "without a recession" either. Unknown (excluded from the
split) when no start was seen and those months are not all known on ``as_of``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

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
    period_index,
    series_id,
)
from thesis.errors import AnalysisError, InsufficientDataError
from thesis.facts import Fact, Source

if TYPE_CHECKING:
    from pandas.api.typing import NaTType

    from thesis._types import DateLike

__all__ = [
    "CycleWindow",
    "FedCyclesResult",
    "easing_cycles",
    "easing_moves",
    "fed_cycles",
    "first_cuts",
]

HORIZONS = (3, 6, 12)
SPLITS = ("all", "recession", "no_recession")
STATS = ("median", "mean", "share_positive", "n")
RECESSION_SPAN_MONTHS = 12
#: statuses of a candidate first cut
STATUSES = ("confirmed", "unconfirmed", "continuation", "reversed")
SubjectKind = Literal["price", "yield"]
#: the unit of the dates pandas gives a month (``PeriodIndex.to_timestamp``)
_PERIOD_UNIT = pd.period_range("2000-01", periods=1, freq="M").to_timestamp().unit


@dataclass(frozen=True)
class CycleWindow:
    """One easing cycle: its first cut and what followed (``None`` = excluded, see ``excluded``)."""

    first_cut: pd.Timestamp
    rate_before_pct: float | None
    status: str  # "confirmed" or "unconfirmed"
    returns: dict[str, float | None]  # measure ("sp500_ret_3m", "smb_6m", …) → pct or pp
    excluded: dict[str, str]  # measure → why it has no value ("window ends after as_of", …)
    recession: bool | None  # a recession started within 12 months after the first cut
    recession_at_cut: bool | None


def _month_ordinals(t: np.ndarray) -> np.ndarray:
    """Months since 1970-01 (int64) of datetime64 values."""
    return t.astype("datetime64[M]").astype(np.int64)


def _month_start(o: np.ndarray | int) -> np.ndarray:
    """The first day (datetime64[ns]) of month ordinal(s) ``o`` (months since 1970-01)."""
    return np.asarray(o, dtype=np.int64).astype("datetime64[M]").astype("datetime64[ns]")


def _add_months(t: np.ndarray, k: int) -> np.ndarray:
    """``t + pd.DateOffset(months=k)`` on datetime64 values: the same day ``k`` calendar months
    later, clipped to that month's last day, time of day kept.

    Written on arrays because pandas applies a DateOffset one Timestamp at a time (about 10 µs
    each); tests check it against ``pd.DateOffset`` on random dates.
    """
    t = np.asarray(t, dtype="datetime64[ns]")
    month = t.astype("datetime64[M]")
    into = t - month.astype("datetime64[ns]")  # days and time since the first of the month
    day = into.astype("timedelta64[D]")
    target = month + k
    start = target.astype("datetime64[ns]")
    last_day = ((target + 1).astype("datetime64[D]") - target.astype("datetime64[D]")) - 1
    return start + np.minimum(day, last_day).astype("timedelta64[ns]") + (into - day)


def _nan_extreme(v: np.ndarray, how: str) -> float:
    """``pd.Series(v).max()`` (or ``min``): NaNs skipped, NaN when nothing is left."""
    v = v[~np.isnan(v)]
    if not len(v):
        return float("nan")
    return float(v.max() if how == "max" else v.min())


def easing_moves(
    rate: pd.Series, *, kind: Literal["level", "decisions"] = "level", threshold_bp: float = 20.0
) -> pd.Series:
    """Policy moves: a Series of +1 (hike) / −1 (cut) indexed by month start or decision date.

    Parameters
    ----------
    rate
        Policy rate in % p.a. (monthly or daily level series, or target on decision dates).
    kind
        ``"level"``: the one-or-two-month change rule; ``"decisions"``: each changed target.
    threshold_bp
        Size of a move for ``kind="level"`` (basis points).
    """
    if kind == "decisions":
        d = rate.diff()
        d = d[d.abs() > 1e-9]
        return np.sign(d).astype(int)
    if kind != "level":
        raise AnalysisError(
            f"unknown kind {kind!r}", where="kind", fix="use 'level' or 'decisions'"
        )
    first, m = _monthly_levels(rate)
    pos, sign = _level_moves(m, threshold_bp)
    # dated as pandas dates a month (``PeriodIndex.to_timestamp``: its unit, a frequency inferred)
    dates = _month_start(first + pos).astype(f"datetime64[{_PERIOD_UNIT}]")
    return pd.Series(sign, index=pd.DatetimeIndex(dates, freq="infer"), dtype=int)


def _level_moves(m: np.ndarray, threshold_bp: float) -> tuple[np.ndarray, np.ndarray]:
    """Positions in the monthly levels ``m`` (NaN: no data) of the moves, and their signs."""
    thr = threshold_bp / 100 - 1e-9  # tolerance: 5.13 − 5.33 is −0.2000…2 in floating point
    d1, d2 = np.full(len(m), np.nan), np.full(len(m), np.nan)
    d1[1:], d2[2:] = m[1:] - m[:-1], m[2:] - m[:-2]
    # the larger of the one- and two-month moves; NaN only when both are (pandas' skipna min/max)
    down, up = np.fmin(d1, d2), np.fmax(d1, d2)
    cut = (down <= -thr) & ~((up >= thr) & (up > -down))
    hike = (up >= thr) & ~cut
    pos = np.flatnonzero(cut | hike)
    return pos, np.where(cut[pos], -1, 1).astype(np.int64)


def _monthly_levels(rate: pd.Series) -> tuple[int, np.ndarray]:
    """Monthly level from the first month to the last (daily input averaged by calendar month;
    NaN for a month without data): (month ordinal of the first month, levels)."""
    m = rate
    if not is_monthly(rate):
        m = rate.groupby(date_index(rate).to_period("M")).mean()
        m.index = period_index(m).to_timestamp()
    o = _month_ordinals(date_index(m).to_numpy())
    v = m.to_numpy(dtype=float)
    keep = ~pd.Index(o).duplicated(keep="last")
    o, v = o[keep], v[keep]
    first = int(o.min())
    out = np.full(int(o.max()) - first + 1, np.nan)
    out[o - first] = v
    return first, out


def first_cuts(
    moves: pd.Series, *, data_start: pd.Timestamp, hold_months: int = 6
) -> list[pd.Timestamp]:
    """Candidate first cuts among ``moves`` (+1/−1 by date): a cut after a hike or a hold."""
    idx = date_index(moves)
    s = moves.to_numpy()
    if not len(s):
        return []
    t = idx.to_numpy()
    prev = np.concatenate([[pd.Timestamp(data_start).to_datetime64()], t[:-1]])
    prev_sign = np.concatenate([[0], s[:-1]])
    # the first move has no previous one: it needs hold_months of data before it
    held = _add_months(t, -hold_months) >= prev.astype("datetime64[ns]")
    ok = (s < 0) & ((prev_sign > 0) | held)
    return list(idx[ok])


def easing_cycles(
    rate: pd.Series,
    *,
    as_of: DateLike,
    kind: Literal["level", "decisions"] = "level",
    threshold_bp: float = 20.0,
    hold_months: int = 6,
    peak_months: int = 12,
    confirm_months: int = 12,
) -> pd.DataFrame:
    """Every candidate first cut in ``rate`` (known on ``as_of``) and whether it starts a cycle.

    The rules are in the module docstring.

    Returns
    -------
    DataFrame indexed by ``first_cut`` with ``rate_before_pct``, ``peak_pct`` (highest rate over
    the ``peak_months`` before), ``low_pct`` and ``high_after_pct`` (lowest and highest rate over
    the ``confirm_months`` after, as far as known on ``as_of``), ``status`` (one of
    :data:`STATUSES`) and ``reason`` (words).
    """
    as_ts = as_timestamp(as_of)
    as_np = as_ts.to_datetime64()
    if kind == "decisions":
        r = rate[rate.index <= as_ts].dropna()
    else:
        r = known_at(rate.dropna(), as_ts)
    moves = easing_moves(r, kind=kind, threshold_bp=threshold_bp)
    cands = first_cuts(moves, data_start=r.index[0], hold_months=hold_months)
    tol = threshold_bp / 200 + 1e-9
    rows = []
    # the windows as positions in plain arrays: month ordinals (level) or sorted dates
    # (decisions), searched instead of masked, one candidate at a time
    if kind == "level":
        first, m = _monthly_levels(r)
        cand_pos = (
            _month_ordinals(np.asarray([d.to_datetime64() for d in cands], dtype="datetime64[ns]"))
            - first
        )
    else:
        t, v = date_index(r).to_numpy(), r.to_numpy(dtype=float)
        cand_t = np.asarray([d.to_datetime64() for d in cands], dtype="datetime64[ns]")
        peak_from = _add_months(cand_t, -peak_months)
        ends = _add_months(cand_t, confirm_months)
    for k, d in enumerate(cands):
        if kind == "decisions":
            j = int(np.searchsorted(t, cand_t[k], side="left"))
            pre = float(v[j - 1])
            peak = _nan_extreme(v[int(np.searchsorted(t, peak_from[k], side="left")) : j], "max")
            # the target holds between decisions: its level on each day up to the window's end
            j_end = int(np.searchsorted(t, ends[k], side="right"))
            after, after_t = v[j:j_end], t[j:j_end]
            window_done = bool(ends[k] <= as_np)
        else:
            i = int(cand_pos[k])
            pre = float(np.nanmax([m[i - 1] if i >= 1 else np.nan, m[i - 2] if i >= 2 else np.nan]))
            peak = _nan_extreme(m[max(i - peak_months, 0) : i], "max")
            after = m[i : i + confirm_months + 1]
            after_t = _month_start(first + i + np.arange(len(after)))
            known = ~np.isnan(after)
            after, after_t = after[known], after_t[known]
            # the window's last month, complete on as_of
            window_done = bool(
                _month_start(first + i + confirm_months + 1) - np.timedelta64(1, "D") <= as_np
            )
        low, high = _nan_extreme(after, "min"), _nan_extreme(after, "max")
        back = np.flatnonzero(after >= pre - tol)
        if pre < peak - tol:
            status, why = (
                "continuation",
                f"the rate before the cut was below its high of the prior {peak_months} months",
            )
        elif len(back):
            status, why = (
                "reversed",
                f"the rate was back near its pre-cut level within {confirm_months} months "
                f"({pd.Timestamp(after_t[back[0]]):%Y-%m})",
            )
        elif window_done:
            status, why = "confirmed", f"not reversed within {confirm_months} months"
        else:
            status, why = (
                "unconfirmed",
                f"fewer than {confirm_months} months of data after it on as_of",
            )
        rows.append(
            {"first_cut": d, "rate_before_pct": pre, "peak_pct": peak, "low_pct": low,
             "high_after_pct": high, "status": status, "reason": why}
        )  # fmt: skip
    cols = ["rate_before_pct", "peak_pct", "low_pct", "high_after_pct", "status", "reason"]
    if not rows:
        return pd.DataFrame(columns=cols, index=pd.DatetimeIndex([], name="first_cut"))
    return pd.DataFrame(rows).set_index("first_cut")[cols]


@dataclass(frozen=True)
class FedCyclesResult:
    """Easing cycles and what followed (see :func:`fed_cycles`)."""

    as_of: pd.Timestamp
    subject: str
    subject_kind: SubjectKind
    rule: str
    cycles: tuple[CycleWindow, ...]  # confirmed and unconfirmed cycles
    candidates: pd.DataFrame = field(repr=False)
    measures: tuple[str, ...] = ()
    stats: dict[tuple[str, str, str], float] = field(default_factory=dict)
    incomplete: dict[str, int] = field(default_factory=dict)  # measure → windows after as_of
    policy_rate: float = float("nan")
    policy_rate_date: pd.Timestamp | NaTType = pd.NaT
    in_easing_cycle: bool = False
    thesis_cuts: int | None = None
    thesis_cut_bp: float | None = None
    notes: tuple[str, ...] = ()
    lineage: tuple[Source, ...] = field(default=())

    @property
    def confirmed(self) -> tuple[CycleWindow, ...]:
        """The cycles the statistics are drawn from."""
        return tuple(c for c in self.cycles if c.status == "confirmed")

    def measure(self, h: int) -> str:
        """The subject's measure at ``h`` months (``sp500_ret_12m``, ``ust10y_chg_12m``)."""
        return ids.fed_measure(self.subject, h, self.subject_kind)

    def to_frame(self) -> pd.DataFrame:
        """One row per cycle (index ``first_cut``): rate_before_pct, status, recession,
        recession_at_cut, each measure (pct or pp)."""
        rows = [
            {
                "first_cut": c.first_cut,
                "rate_before_pct": c.rate_before_pct,
                "status": c.status,
                "recession": c.recession,
                "recession_at_cut": c.recession_at_cut,
                **c.returns,
            }
            for c in self.cycles
        ]
        cols = ["first_cut", "rate_before_pct", "status", "recession", "recession_at_cut"]
        return pd.DataFrame(rows, columns=[*cols, *self.measures]).set_index("first_cut")

    def candidates_frame(self) -> pd.DataFrame:
        """Every candidate first cut with its status and the reason (see :func:`easing_cycles`)."""
        return self.candidates.copy()

    def exclusions_frame(self) -> pd.DataFrame:
        """One row per (cycle, measure) left out of the statistics, with the reason."""
        rows = [
            {"first_cut": c.first_cut, "measure": m, "reason": why}
            for c in self.cycles
            for m, why in c.excluded.items()
        ]
        return pd.DataFrame(rows, columns=["first_cut", "measure", "reason"])

    def stats_frame(self) -> pd.DataFrame:
        """Summary statistics: rows (measure, split), columns median, mean, share_positive, n."""
        idx = pd.MultiIndex.from_product([self.measures, SPLITS], names=["measure", "split"])
        return pd.DataFrame(
            {s: [self.stats.get((m, s, sp), np.nan) for m, sp in idx] for s in STATS}, index=idx
        )

    def _unit(self, m: str) -> str:
        return "pp" if m.startswith(f"{self.subject}_chg_") else "pct"

    def facts(self) -> list[Fact]:
        a, lin = str(self.as_of.date()), self.lineage
        conf = self.confirmed
        st = self.candidates["status"]
        out = [
            Fact(ids.fed("cycles.count"), len(conf), "count", a, self.rule, lin,
                 "easing cycles found (confirmed)"),
            Fact(ids.fed_cycles_count("unconfirmed"), int((st == "unconfirmed").sum()), "count",
                 a, self.rule, lin, "first cuts too recent to confirm (excluded)"),
            Fact(ids.fed_cycles_count("rejected"), int((st == "reversed").sum()), "count", a,
                 self.rule, lin, "first cuts reversed within a year (not easing cycles)"),
            Fact(ids.fed("policy_rate"), self.policy_rate, "pct", a,
                 "latest policy rate on or before as_of", lin, "policy rate", 2),
            Fact(ids.fed("policy_rate_date"), str(self.policy_rate_date.date()), "date", a,
                 "date of the latest policy rate", lin),
            Fact(ids.fed("in_easing_cycle"), self.in_easing_cycle, "bool", a,
                 "the last move up to as_of was a cut", lin),
        ]  # fmt: skip
        if conf:
            out += [
                Fact(ids.fed_cycles_count("first"), str(conf[0].first_cut.date()), "date", a,
                     self.rule, lin, "first easing cycle in the data"),
                Fact(ids.fed_cycles_count("last"), str(conf[-1].first_cut.date()), "date", a,
                     self.rule, lin, "latest easing cycle in the data"),
            ]  # fmt: skip
        for m, k in self.incomplete.items():
            out.append(
                Fact(ids.fed(f"cycles.incomplete.{m}"), k, "count", a,
                     "confirmed cycles whose window ends after as_of (excluded)", lin)
            )  # fmt: skip
        for c in self.cycles:
            d = str(c.first_cut.date())
            out.append(
                Fact(ids.cycle(d, "status"), c.status, "label", a, self.rule, lin,
                     "whether the cycle counts in the statistics")
            )  # fmt: skip
            for m, v in c.returns.items():
                if v is not None:
                    out.append(
                        Fact(ids.cycle(d, m), v, self._unit(m) if not m.startswith("smb_")
                             else "pct", a, self._measure_method(m), lin, "", 1)
                    )  # fmt: skip
            if c.recession is not None:
                out.append(
                    Fact(ids.cycle(d, "recession"), c.recession, "bool", a,
                         "an NBER recession started in the first cut's month or the 12 after",
                         lin)
                )  # fmt: skip
            if c.recession_at_cut is not None:
                out.append(
                    Fact(ids.cycle(d, "recession_at_cut"), c.recession_at_cut, "bool", a,
                         "NBER recession under way in the month before the first cut", lin)
                )  # fmt: skip
        for (m, s, sp), v in self.stats.items():
            unit = {"n": "count", "share_positive": "probability"}.get(s, self._unit(m))
            if m.startswith("smb_") and s in ("median", "mean"):
                unit = "pct"
            out.append(
                Fact(ids.fed_after_first_cut(m, s, sp), v, unit, a,
                     f"{s} over confirmed easing cycles with a complete window ({sp}); "
                     + self._measure_method(m), lin, "",
                     None if s == "n" else (2 if s == "share_positive" else 1))
            )  # fmt: skip
        if self.thesis_cuts is not None:
            out.append(
                Fact(ids.fed("thesis_cuts"), self.thesis_cuts, "count", a,
                     "the thesis's rate path", (), "cuts assumed by the thesis")
            )  # fmt: skip
        if self.thesis_cut_bp is not None:
            out.append(
                Fact(ids.fed("thesis_cut_bp"), self.thesis_cut_bp, "bp", a,
                     "the thesis's rate path", (), "size of each assumed cut")
            )  # fmt: skip
        return out

    def _measure_method(self, m: str) -> str:
        h = m.rsplit("_", 1)[-1][:-1]
        if m.startswith("smb_"):
            return f"Fama-French SMB compounded over the {h} months after the first cut's month"
        if self._unit(m) == "pp":
            return (
                f"change of {self.subject} in percentage points over {h} months from the first cut"
            )
        return f"{self.subject} price return over {h} months from the first cut"

    def summary(self) -> str:
        conf = self.confirmed
        lines = [
            f"### Fed easing cycles and {self.subject} (as of {self.as_of.date()})",
            "",
            f"- Rule: {self.rule}",
            f"- Policy rate {self.policy_rate:.2f}% ({self.policy_rate_date.date()}); "
            + ("in an easing cycle" if self.in_easing_cycle else "not in an easing cycle"),
            f"- Easing cycles: {len(conf)} confirmed, "
            f"{len(self.cycles) - len(conf)} too recent to confirm; "
            f"{len(self.candidates) - len(self.cycles)} other first cuts (continuations or "
            "reversed)",
            "",
        ]
        rows = [
            [str(c.first_cut.date()), c.status,
             {True: "yes", False: "no", None: "?"}[c.recession]]
            + [fmt_num(c.returns.get(m), 1) for m in self.measures]
            for c in self.cycles
        ]  # fmt: skip
        lines += [markdown_table(rows, ["first cut", "status", "recession", *self.measures]), ""]
        rows = []
        for m in self.measures:
            for sp in SPLITS:
                n = int(self.stats.get((m, "n", sp), 0))
                rows.append(
                    [
                        m,
                        sp,
                        str(n),
                        fmt_num(self.stats.get((m, "median", sp)), 1),
                        fmt_num(self.stats.get((m, "mean", sp)), 1),
                        fmt_num(self.stats.get((m, "share_positive", sp)), 2),
                    ]
                )
        lines.append(markdown_table(rows, ["measure", "split", "n", "median", "mean", "share > 0"]))
        if self.notes:
            lines += ["", *[f"- Note: {x}" for x in self.notes]]
        return "\n".join(lines)


def fed_cycles(
    policy_rate: pd.Series,
    index: pd.Series,
    *,
    as_of: DateLike,
    subject: str | None = None,
    subject_kind: SubjectKind = "price",
    smb: pd.Series | None = None,
    recession: pd.Series | None = None,
    hold_months: int = 6,
    kind: Literal["level", "decisions"] = "level",
    threshold_bp: float = 20.0,
    peak_months: int = 12,
    confirm_months: int = 12,
    horizons: Sequence[int] = HORIZONS,
    current_rate: pd.Series | None = None,
    thesis_cuts: int | None = None,
    cut_bp: float | None = None,
) -> FedCyclesResult:
    """Easing cycles in ``policy_rate`` and the subject's (and SMB's) moves after each first cut.

    The rules are in the module docstring.

    Parameters
    ----------
    policy_rate
        ``kind="level"``: policy-rate level in % p.a., monthly (dated the first of the month) or
        daily, e.g. ``fedfunds``. ``kind="decisions"``: target rate (%) on each FOMC decision date
        (``fed_target``).
    index
        The subject series, monthly (e.g. ``sp500_monthly``, for long history) or daily: points
        or a price for ``subject_kind="price"``, % for ``"yield"``.
    as_of
        Nothing after it is used; windows that end after it are excluded with that reason.
    subject
        Names the measures (``sp500`` → ``sp500_ret_3m``); default the series id of ``index``
        (its ``.attrs["source"]`` or name). There is no default subject.
    subject_kind
        ``"price"``: returns in percent; ``"yield"`` (a yield, rate or spread): changes in
        percentage points.
    smb
        Fama-French SMB, percent per month (``ff3_smb_m``); optional.
    recession
        NBER recession indicator, 0/1 monthly (``usrec``); optional.
    hold_months, threshold_bp, peak_months, confirm_months
        The cycle rule (module docstring).
    horizons
        Window lengths in months.
    current_rate
        Series for the current policy rate (default ``policy_rate``); e.g. the monthly fed funds
        when the decisions file ends before ``as_of``.
    thesis_cuts, cut_bp
        The thesis's rate path (count of cuts, size of each in bp), reported as facts.

    Returns
    -------
    FedCyclesResult
    """
    as_ts = as_timestamp(as_of)
    if subject_kind not in ("price", "yield"):
        raise AnalysisError(
            f"unknown subject_kind {subject_kind!r}",
            where="subject_kind",
            fix="use 'price' (index, ETF, stock) or 'yield' (a yield, rate or spread)",
        )
    subj = subject or series_id(index, "")
    if not subj:
        raise AnalysisError(
            "the subject series has no id",
            where="subject",
            fix="pass subject= (the thesis's series id) or a series with a name",
        )
    pr_name = f"policy_rate ({series_id(policy_rate, 'fedfunds')})"
    pr = checked_series(policy_rate, name=pr_name, allow_nan=True, keep_attrs=False)
    pr = pr[pr.index <= as_ts] if kind == "decisions" else known_at(pr, as_ts)
    if len(pr) < 3:
        raise InsufficientDataError(
            f"{len(pr)} policy-rate observations on or before {as_ts.date()}",
            where=pr_name,
            fix="import the fed funds history (series 'fedfunds', from 1954) or choose a later as_of",
        )
    ix_name = f"index ({series_id(index, subj)})"
    ix = checked_series(
        index, name=ix_name, positive=subject_kind == "price", allow_nan=True, keep_attrs=False
    )
    ix_monthly = is_monthly(ix)
    ix = known_at(ix, as_ts)
    sm = (
        None
        if smb is None
        else known_at(checked_series(smb, name="smb", allow_nan=True, keep_attrs=False), as_ts)
    )
    rec = None
    if recession is not None:
        rec = known_at(
            checked_series(recession, name="recession", allow_nan=True, keep_attrs=False), as_ts
        )

    cand = easing_cycles(
        pr, as_of=as_ts, kind=kind, threshold_bp=threshold_bp, hold_months=hold_months,
        peak_months=peak_months, confirm_months=confirm_months,
    )  # fmt: skip
    starts = cand[cand["status"].isin(["confirmed", "unconfirmed"])]
    moves_rule = (
        "a change of the FOMC target"
        if kind == "decisions"
        else f"a change of ≥ {threshold_bp:g} bp in the monthly policy rate over one or two months"
    )
    rule = (
        f"first cut ({moves_rule}) after a hike or ≥ {hold_months} months without a move, from "
        f"within {threshold_bp / 2:g} bp of the rate's {peak_months}-month high, and not reversed "
        f"(the rate not back within {threshold_bp / 2:g} bp of its pre-cut level) in the "
        f"{confirm_months} months after"
    )

    measures = [ids.fed_measure(subj, h, subject_kind) for h in horizons]
    if sm is not None:
        measures += [f"smb_{h}m" for h in horizons]
    incomplete = dict.fromkeys(measures, 0)
    cycles = []
    # the inputs as plain arrays, searched by position (pandas' per-window masks and reindexes
    # were most of this function's time)
    ix_t, ix_v = date_index(ix).to_numpy(), ix.to_numpy(dtype=float)
    sm_months = None if sm is None else _by_month(sm)
    rec_months = None if rec is None else _by_month(rec)
    as_np = as_ts.to_datetime64()
    for d, rate_before, status in zip(
        date_index(starts), starts["rate_before_pct"], starts["status"], strict=True
    ):
        d_np = d.to_datetime64()
        base = int(np.searchsorted(ix_t, d_np, side="right")) - 1  # value_on: -1 = none
        p0 = int(_month_ordinals(np.asarray([d_np]))[0])
        rets: dict[str, float | None] = {}
        why: dict[str, str] = {}
        for h in horizons:
            m = ids.fed_measure(subj, h, subject_kind)
            end = _add_months(np.asarray([d_np]), h)[0]
            # the window's end, rolled to its month's end for monthly data (whole months)
            done_by = _month_start(p0 + h + 1) - np.timedelta64(1, "D") if ix_monthly else end
            if status != "confirmed":
                rets[m], why[m] = None, "cycle not yet confirmed on as_of"
            elif not done_by <= as_np:
                rets[m], why[m] = None, "window ends after as_of"
                incomplete[m] += 1
            else:
                e = int(np.searchsorted(ix_t, end, side="right")) - 1
                if base < 0 or e < 0 or e <= base:
                    rets[m], why[m] = None, f"no {subj} data around the window"
                elif subject_kind == "yield":
                    rets[m] = float(ix_v[e]) - float(ix_v[base])
                else:
                    rets[m] = (float(ix_v[e]) / float(ix_v[base]) - 1) * 100
            if sm_months is not None:
                m = f"smb_{h}m"
                if status != "confirmed":
                    rets[m], why[m] = None, "cycle not yet confirmed on as_of"
                elif not _month_start(p0 + h + 1) - np.timedelta64(1, "D") <= as_np:
                    rets[m], why[m] = None, "window ends after as_of"
                    incomplete[m] += 1
                else:
                    sv = _months(sm_months, p0 + 1, p0 + h)
                    if np.isnan(sv).any():
                        rets[m], why[m] = None, "no SMB data for part of the window"
                    else:
                        rets[m] = (float(np.prod(1 + sv / 100)) - 1) * 100
        after, at_cut = _recession(rec_months, p0)
        cycles.append(
            CycleWindow(d, float(rate_before), str(status), rets, why, after, at_cut)
        )  # fmt: skip

    stats: dict[tuple[str, str, str], float] = {}
    for m in measures:
        for sp in SPLITS:
            vals = [
                c.returns[m]
                for c in cycles
                if c.returns[m] is not None
                and (
                    sp == "all"
                    or (sp == "recession" and c.recession is True)
                    # "without one": no recession began after the cut and none was under way
                    or (
                        sp == "no_recession"
                        and c.recession is False
                        and c.recession_at_cut is False
                    )
                )
            ]
            v = np.asarray(vals, dtype=float)
            stats[(m, "n", sp)] = len(v)
            if len(v):
                stats[(m, "median", sp)] = float(np.median(v))
                stats[(m, "mean", sp)] = float(v.mean())
                stats[(m, "share_positive", sp)] = float((v > 0).mean())

    cr = (
        pr
        if current_rate is None
        else known_at(
            checked_series(current_rate, name="current_rate", allow_nan=True, keep_attrs=False),
            as_ts,
        )
    )
    if cr.empty:
        raise InsufficientDataError(
            "no current policy rate on or before as_of",
            where="current_rate",
            fix="pass a rate series that reaches as_of",
        )
    cur_moves = (
        easing_moves(pr, kind=kind, threshold_bp=threshold_bp)
        if current_rate is None
        else easing_moves(cr, kind="level", threshold_bp=threshold_bp)
    )
    notes = []
    n_conf = sum(c.status == "confirmed" for c in cycles)
    if n_conf < 5 or any(0 < stats[(measures[0], "n", sp)] < 5 for sp in SPLITS):
        notes.append(
            "Few easing cycles: the statistics rest on a handful of episodes and are descriptive only."
        )
    if any(c.excluded for c in cycles):
        notes.append(
            "Cycles whose windows are not complete on as_of, or not yet confirmed, are listed but "
            "left out of the statistics; the count in each statistic says how many remain."
        )
    notes.append(
        "A first cut counts as an easing cycle only once a year has passed without the rate "
        "returning to where it was, so the latest cut may be listed but not yet counted."
    )
    if kind == "level":
        notes.append(
            "Monthly averages of the policy rate place a cut made late in a month in the following "
            "month."
        )
    if rec is not None:
        notes.append(
            "A cycle counts as followed by a recession only when an NBER recession began in the "
            "year after the first cut; NBER dates are announced long after the fact."
        )
    else:
        notes.append("No recession series was given; the recession split is empty.")
    if ix_monthly:
        notes.append("Moves use monthly average levels, which smooth the path within each month.")
    return FedCyclesResult(
        as_of=as_ts,
        subject=subj,
        subject_kind=subject_kind,
        rule=rule,
        cycles=tuple(cycles),
        candidates=cand,
        measures=tuple(measures),
        stats=stats,
        incomplete=incomplete,
        policy_rate=float(cr.iloc[-1]),
        policy_rate_date=cr.index[-1],
        in_easing_cycle=bool(len(cur_moves) and cur_moves.iloc[-1] < 0),
        thesis_cuts=thesis_cuts,
        thesis_cut_bp=cut_bp,
        notes=tuple(notes),
        lineage=lineage_of(policy_rate, index, smb, recession, current_rate),
    )


def _by_month(s: pd.Series) -> tuple[int, np.ndarray]:
    """A monthly series as (month ordinal of its first month, values; NaN for a missing month)."""
    o = _month_ordinals(date_index(s).to_numpy())
    v = s.to_numpy(dtype=float)
    if not len(o):
        return 0, np.empty(0)
    if pd.Index(o).has_duplicates:
        raise AnalysisError(
            "more than one value in a month",
            where="smb/recession",
            fix="pass monthly series (one value a month, dated the first of the month)",
        )
    first = int(o.min())
    out = np.full(int(o.max()) - first + 1, np.nan)
    out[o - first] = v
    return first, out


def _months(by_month: tuple[int, np.ndarray], lo: int, hi: int) -> np.ndarray:
    """Values of months ``lo``..``hi`` (ordinals, inclusive) of :func:`_by_month`'s output; NaN
    outside the series."""
    first, v = by_month
    out = np.full(hi - lo + 1, np.nan)
    a, b = max(lo, first), min(hi, first + len(v) - 1)
    if a <= b:
        out[a - lo : b - lo + 1] = v[a - first : b - first + 1]
    return out


def _recession(rec: tuple[int, np.ndarray] | None, p: int) -> tuple[bool | None, bool | None]:
    """(a recession started in the cut's month ``p`` (ordinal) or the 12 after, one was under
    way before it)."""
    if rec is None:
        return None, None
    v = _months(rec, p - 1, p + RECESSION_SPAN_MONTHS)
    at_cut = None if np.isnan(v[0]) else bool(v[0] == 1)
    starts = (v[1:] == 1) & (v[:-1] == 0)
    if starts.any():
        return True, at_cut
    if np.isnan(v).any():  # not covered: before the series starts, or not yet known on as_of
        return None, at_cut
    return False, at_cut
