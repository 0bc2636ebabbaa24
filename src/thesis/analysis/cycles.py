"""Fed easing cycles: what the index and small caps did after the first cut.

Rules (stated in the result's ``rule`` and in facts' methods):

**Moves.** From a monthly (or daily) policy-rate *level* series, e.g. the effective fed funds
rate (monthly average, %): month ``t`` is a *cut* when the rate fell by at least ``threshold_bp``
over one month or over two months (``r_t − r_{t−1}`` or ``r_t − r_{t−2}`` ≤ −threshold), a *hike*
when it rose by as much; a month can be a cut or a hike, not both (the larger move wins). Daily
input is first averaged by calendar month. From FOMC *decisions* (``kind="decisions"``: target
rate on each decision date), a move is any decision that changed the target.

**First cut of an easing cycle.** A cut whose previous move was a hike, or that comes at least
``hold_months`` calendar months after the previous move (a hold). A cut with no earlier move needs
``hold_months`` of data before it to count.

**Windows.** For each first cut on date ``d`` and horizon ``h`` months: the index's price return
from the last observation on or before ``d`` to the last on or before ``d + h`` months (monthly
index values, dated the first of their month, are averages of that month); SMB compounded over the
``h`` calendar months after the cut's month, ``∏(1 + smb/100) − 1``. A window whose data would not
be complete on ``as_of`` is excluded (no lookahead) and counted as incomplete.

**Recession.** NBER ``usrec`` = 1 in any month from 12 months before to 12 months after the cut's
month. Unknown (excluded from the recession split) when that span is not yet complete on ``as_of``
and no recession month was seen, or when ``usrec`` does not cover it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd

from thesis.analysis._common import (
    as_timestamp,
    checked_series,
    fmt_num,
    is_monthly,
    known_at,
    lineage_of,
    markdown_table,
    series_id,
    value_on,
)
from thesis.errors import AnalysisError, InsufficientDataError
from thesis.facts import Fact, Source

__all__ = ["CycleWindow", "FedCyclesResult", "easing_moves", "fed_cycles", "first_cuts"]

HORIZONS = (3, 6, 12)
SPLITS = ("all", "recession", "no_recession")
STATS = ("median", "mean", "share_positive", "n")
RECESSION_SPAN_MONTHS = 12


@dataclass(frozen=True)
class CycleWindow:
    """One easing cycle: its first cut and what followed (pct; ``None`` = incomplete or no data)."""

    first_cut: pd.Timestamp
    rate_before_pct: float | None
    returns: dict[str, float | None]  # measure ("sp500_ret_3m", "smb_6m", …) → pct
    recession: bool | None


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
    m = rate
    if not is_monthly(rate):
        m = rate.groupby(rate.index.to_period("M")).mean()
        m.index = m.index.to_timestamp()
    m = m.copy()
    m.index = m.index.to_period("M")
    m = m.reindex(pd.period_range(m.index.min(), m.index.max(), freq="M"))
    thr = threshold_bp / 100 - 1e-9  # tolerance: 5.13 − 5.33 is −0.2000…2 in floating point
    d1, d2 = m - m.shift(1), m - m.shift(2)
    down = pd.concat([d1, d2], axis=1).min(axis=1)
    up = pd.concat([d1, d2], axis=1).max(axis=1)
    cut = (down <= -thr) & ~((up >= thr) & (up > -down))
    hike = (up >= thr) & ~cut
    moves = pd.Series(0, index=m.index, dtype=int)
    moves[cut.to_numpy()] = -1
    moves[hike.to_numpy()] = 1
    moves = moves[moves != 0]
    moves.index = moves.index.to_timestamp()
    return moves


def first_cuts(
    moves: pd.Series, *, data_start: pd.Timestamp, hold_months: int = 6
) -> list[pd.Timestamp]:
    """First cuts of easing cycles among ``moves`` (+1/−1 by date); see the module rule."""
    out = []
    prev_date: pd.Timestamp | None = None
    prev_sign = 0
    for d, s in moves.items():
        if s < 0:
            if prev_date is None:
                if d - pd.DateOffset(months=hold_months) >= data_start:
                    out.append(d)
            elif prev_sign > 0 or d - pd.DateOffset(months=hold_months) >= prev_date:
                out.append(d)
        prev_date, prev_sign = d, s
    return out


@dataclass(frozen=True)
class FedCyclesResult:
    """Easing cycles and what followed (see :func:`fed_cycles`)."""

    as_of: pd.Timestamp
    index_name: str
    rule: str
    cycles: tuple[CycleWindow, ...]
    measures: tuple[str, ...]
    stats: dict[tuple[str, str, str], float]  # (measure, stat, split) → value
    incomplete: dict[str, int]  # measure → cycles whose window is not complete on as_of
    policy_rate: float
    policy_rate_date: pd.Timestamp
    in_easing_cycle: bool
    thesis_cuts: int | None
    thesis_cut_bp: float | None
    notes: tuple[str, ...]
    lineage: tuple[Source, ...] = field(default=())

    def to_frame(self) -> pd.DataFrame:
        """One row per cycle (index ``first_cut``): rate_before_pct, recession, each measure (pct)."""
        rows = [
            {
                "first_cut": c.first_cut,
                "rate_before_pct": c.rate_before_pct,
                "recession": c.recession,
                **c.returns,
            }
            for c in self.cycles
        ]
        cols = ["first_cut", "rate_before_pct", "recession", *self.measures]
        return pd.DataFrame(rows, columns=cols).set_index("first_cut")

    def stats_frame(self) -> pd.DataFrame:
        """Summary statistics: rows (measure, split), columns median, mean, share_positive, n."""
        idx = pd.MultiIndex.from_product([self.measures, SPLITS], names=["measure", "split"])
        return pd.DataFrame(
            {s: [self.stats.get((m, s, sp), np.nan) for m, sp in idx] for s in STATS}, index=idx
        )

    def facts(self) -> list[Fact]:
        a, lin = str(self.as_of.date()), self.lineage
        out = [
            Fact(
                "fed.cycles.count",
                len(self.cycles),
                "count",
                a,
                self.rule,
                lin,
                "easing cycles found",
            ),
            Fact(
                "fed.policy_rate",
                self.policy_rate,
                "pct",
                a,
                "latest policy rate on or before as_of",
                lin,
                "policy rate",
                2,
            ),
            Fact(
                "fed.policy_rate_date",
                str(self.policy_rate_date.date()),
                "date",
                a,
                "date of the latest policy rate",
                lin,
            ),
            Fact(
                "fed.in_easing_cycle",
                self.in_easing_cycle,
                "bool",
                a,
                "the last move up to as_of was a cut",
                lin,
            ),
        ]
        for m, k in self.incomplete.items():
            out.append(
                Fact(
                    f"fed.cycles.incomplete.{m}",
                    k,
                    "count",
                    a,
                    "first cuts whose window is not complete on as_of (excluded)",
                    lin,
                )
            )
        for c in self.cycles:
            key = f"fed.cycle.{c.first_cut.date()}"
            for m, v in c.returns.items():
                if v is not None:
                    out.append(
                        Fact(
                            f"{key}.{m}",
                            v,
                            "pct",
                            a,
                            _measure_method(m, self.index_name),
                            lin,
                            "",
                            1,
                        )
                    )
            if c.recession is not None:
                out.append(
                    Fact(
                        f"{key}.recession",
                        c.recession,
                        "bool",
                        a,
                        "NBER recession month within 12 months either side of the first cut",
                        lin,
                    )
                )
        for (m, s, sp), v in self.stats.items():
            unit = {"n": "count", "share_positive": "probability"}.get(s, "pct")
            out.append(
                Fact(
                    f"fed.after_first_cut.{m}.{s}.{sp}",
                    v,
                    unit,
                    a,
                    f"{s} over first cuts ({sp}); " + _measure_method(m, self.index_name),
                    lin,
                    "",
                    None if s == "n" else (2 if s == "share_positive" else 1),
                )
            )
        if self.thesis_cuts is not None:
            out.append(
                Fact(
                    "fed.thesis_cuts",
                    self.thesis_cuts,
                    "count",
                    a,
                    "the thesis's rate path",
                    (),
                    "cuts assumed by the thesis",
                )
            )
        if self.thesis_cut_bp is not None:
            out.append(
                Fact(
                    "fed.thesis_cut_bp",
                    self.thesis_cut_bp,
                    "bp",
                    a,
                    "the thesis's rate path",
                    (),
                    "size of each assumed cut",
                )
            )
        return out

    def summary(self) -> str:
        lines = [
            f"### Fed easing cycles (as of {self.as_of.date()})",
            "",
            f"- Rule: {self.rule}",
            f"- Policy rate {self.policy_rate:.2f}% ({self.policy_rate_date.date()}); "
            + ("in an easing cycle" if self.in_easing_cycle else "not in an easing cycle"),
            f"- Easing cycles found: {len(self.cycles)}",
            "",
        ]
        rows = [
            [str(c.first_cut.date()), {True: "yes", False: "no", None: "?"}[c.recession]]
            + [fmt_num(c.returns.get(m), 1) for m in self.measures]
            for c in self.cycles
        ]
        lines += [markdown_table(rows, ["first cut", "recession", *self.measures]), ""]
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
        lines.append(
            markdown_table(rows, ["measure", "split", "n", "median %", "mean %", "share > 0"])
        )
        if self.notes:
            lines += ["", *[f"- Note: {x}" for x in self.notes]]
        return "\n".join(lines)


def _measure_method(m: str, index_name: str) -> str:
    h = m.rsplit("_", 1)[-1]
    if m.startswith("smb_"):
        return f"Fama-French SMB compounded over the {h[:-1]} months after the first cut's month"
    return f"{index_name} price return over {h[:-1]} months from the first cut"


def _window_done(end: pd.Timestamp, monthly: bool, as_of: pd.Timestamp) -> bool:
    return (end + pd.offsets.MonthEnd(0) if monthly else end) <= as_of


def fed_cycles(
    policy_rate: pd.Series,
    index: pd.Series,
    *,
    smb: pd.Series | None = None,
    recession: pd.Series | None = None,
    as_of: Any,
    hold_months: int = 6,
    kind: Literal["level", "decisions"] = "level",
    threshold_bp: float = 20.0,
    index_name: str = "sp500",
    horizons: Sequence[int] = HORIZONS,
    current_rate: pd.Series | None = None,
    thesis_cuts: int | None = None,
    cut_bp: float | None = None,
) -> FedCyclesResult:
    """Easing cycles in ``policy_rate`` and the index / SMB returns after each first cut.

    The rules are in the module docstring.

    Parameters
    ----------
    policy_rate
        ``kind="level"``: policy-rate level in % p.a., monthly (dated the first of the month) or
        daily, e.g. ``fedfunds``. ``kind="decisions"``: target rate (%) on each FOMC decision date
        (``fed_target``).
    index
        Index level (points), monthly (e.g. ``sp500_monthly``, for long history) or daily.
    smb
        Fama-French SMB, percent per month (``ff3_smb_m``); optional.
    recession
        NBER recession indicator, 0/1 monthly (``usrec``); optional.
    as_of
        Nothing after it is used; windows that end after it are counted as incomplete.
    hold_months
        A cut at least this many months after the previous move starts a new cycle.
    threshold_bp
        Size of a move for ``kind="level"``.
    index_name
        Name used in measure ids (``sp500`` → ``sp500_ret_3m``).
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
    pr_name = f"policy_rate ({series_id(policy_rate, 'fedfunds')})"
    pr = checked_series(policy_rate, name=pr_name, allow_nan=True)
    pr = pr[pr.index <= as_ts] if kind == "decisions" else known_at(pr, as_ts)
    if len(pr) < 3:
        raise InsufficientDataError(
            f"{len(pr)} policy-rate observations on or before {as_ts.date()}",
            where=pr_name,
            fix="import the fed funds history (series 'fedfunds', from 1954) or choose a later as_of",
        )
    ix_name = f"index ({series_id(index, index_name)})"
    ix = checked_series(index, name=ix_name, positive=True, allow_nan=True)
    ix_monthly = is_monthly(ix)
    ix = known_at(ix, as_ts)
    sm = None if smb is None else known_at(checked_series(smb, name="smb", allow_nan=True), as_ts)
    rec = None
    if recession is not None:
        rec = known_at(checked_series(recession, name="recession", allow_nan=True), as_ts)
        rec.index = rec.index.to_period("M")

    moves = easing_moves(pr, kind=kind, threshold_bp=threshold_bp)
    starts = first_cuts(moves, data_start=pr.index[0], hold_months=hold_months)
    if kind == "decisions":
        rule = (
            f"first change of the target that is a cut after a hike or after ≥ {hold_months} months "
            "without a change (FOMC decisions)"
        )
    else:
        rule = (
            f"first month in which the monthly policy rate fell ≥ {threshold_bp:g} bp over one or two "
            f"months, after a hike or after ≥ {hold_months} months without a move of that size"
        )

    measures = [f"{index_name}_ret_{h}m" for h in horizons]
    if sm is not None:
        measures += [f"smb_{h}m" for h in horizons]
    incomplete = dict.fromkeys(measures, 0)
    cycles = []
    for d in starts:
        base = value_on(ix, d)
        rb = (
            value_on(pr, d - pd.Timedelta(days=1))
            if kind == "decisions"
            else value_on(pr, d - pd.DateOffset(months=1))
        )
        rets: dict[str, float | None] = {}
        for h in horizons:
            m = f"{index_name}_ret_{h}m"
            end = d + pd.DateOffset(months=h)
            if not _window_done(end, ix_monthly, as_ts):
                rets[m] = None
                incomplete[m] += 1
            else:
                e = value_on(ix, end)
                rets[m] = (
                    None
                    if base is None or e is None or e[0] <= base[0]
                    else (e[1] / base[1] - 1) * 100
                )
            if sm is not None:
                m = f"smb_{h}m"
                p0 = d.to_period("M")
                months = pd.period_range(p0 + 1, p0 + h, freq="M")
                if not _window_done(months[-1].to_timestamp(), True, as_ts):
                    rets[m] = None
                    incomplete[m] += 1
                else:
                    sv = sm.copy()
                    sv.index = sv.index.to_period("M")
                    sv = sv.reindex(months)
                    rets[m] = (
                        None
                        if sv.isna().any()
                        else (float(np.prod(1 + sv.to_numpy() / 100)) - 1) * 100
                    )
        cycles.append(
            CycleWindow(d, None if rb is None else rb[1], rets, _recession(rec, d, as_ts))
        )

    stats: dict[tuple[str, str, str], float] = {}
    for m in measures:
        for sp in SPLITS:
            vals = [
                c.returns[m]
                for c in cycles
                if c.returns[m] is not None
                and (
                    sp == "all" or (c.recession is not None and c.recession == (sp == "recession"))
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
        else known_at(checked_series(current_rate, name="current_rate", allow_nan=True), as_ts)
    )
    if cr.empty:
        raise InsufficientDataError(
            "no current policy rate on or before as_of",
            where="current_rate",
            fix="pass a rate series that reaches as_of",
        )
    cur_moves = (
        moves if current_rate is None else easing_moves(cr, kind="level", threshold_bp=threshold_bp)
    )
    notes = []
    small = [sp for sp in SPLITS if 0 < stats[(measures[0], "n", sp)] < 5]
    if small or len(cycles) < 5:
        notes.append(
            "Few easing cycles: the statistics rest on a handful of episodes and are descriptive only."
        )
    if any(incomplete.values()):
        notes.append(
            "Cycles whose windows are not complete on as_of are excluded from the statistics."
        )
    if kind == "level":
        notes.append(
            "Monthly averages of the policy rate place a cut made late in a month in the following month, "
            "and a large one-off swing of the effective rate can register as a move."
        )
    if rec is not None:
        notes.append(
            "NBER recession dates are announced long after the fact; the split uses the series as stored."
        )
    else:
        notes.append("No recession series was given; the recession split is empty.")
    if ix_monthly:
        notes.append(
            "Index returns use monthly average levels, which smooth the path within each month."
        )
    return FedCyclesResult(
        as_of=as_ts,
        index_name=index_name,
        rule=rule,
        cycles=tuple(cycles),
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


def _recession(rec: pd.Series | None, d: pd.Timestamp, as_of: pd.Timestamp) -> bool | None:
    if rec is None:
        return None
    p = d.to_period("M")
    span = pd.period_range(p - RECESSION_SPAN_MONTHS, p + RECESSION_SPAN_MONTHS, freq="M")
    v = rec.reindex(span)
    if (v == 1).any():
        return True
    if v.isna().any():  # span not covered (before the series starts, or not yet complete on as_of)
        return None
    return False
