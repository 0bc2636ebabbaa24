"""Judging claims against the store (as of the article's date) and the article's own arithmetic.

Each :class:`~thesis.writing.claims.extract.Claim` gets a verdict — ``supported``, ``contradicted``
or ``unverifiable`` — with the evidence (data rows or arithmetic), the tolerance used, and, when the
data cannot settle it, what data would. Tolerances follow the precision stated: "1.3%" allows
±0.05 points, "5%" ±0.5, "about 5%" ±1; an index level must match the close within 0.05 %.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from thesis.errors import ThesisError
from thesis.writing.claims.extract import Claim
from thesis.writing.claims.resolve import WEEKDAYS

if TYPE_CHECKING:
    from thesis.data.store import Store

__all__ = ["CheckedClaim", "MarketView", "check_claims"]

SUPPORTED, CONTRADICTED, UNVERIFIABLE = "supported", "contradicted", "unverifiable"
_LOOSE = {
    "about",
    "around",
    "roughly",
    "approximately",
    "nearly",
    "almost",
    "some",
    "close to",
    "near",
    "~",
}
_LEVEL_TOL = 0.0005


@dataclass
class CheckedClaim:
    """A claim with its verdict, evidence, tolerance and (when unverifiable) what would settle it."""

    claim: Claim
    verdict: str
    evidence: str
    tolerance: str
    computed: float | str | None = None
    settle: str = ""

    def to_dict(self) -> dict[str, Any]:
        c = self.claim
        sv = c.stated_value
        if isinstance(sv, float) and sv.is_integer() and c.unit not in ("pct", "bp", "points"):
            sv = int(sv)
        return {
            "id": c.id,
            "quote": c.quote,
            "kind": c.kind,
            "measure": c.measure,
            "subject": c.subject.name if c.subject else None,
            "series": c.subject.series[0] if c.subject else None,
            "date": c.date.isoformat() if c.date else None,
            "stated_value": sv,
            "unit": c.unit,
            "verdict": self.verdict,
            "evidence": self.evidence
            + (f" What would settle it: {self.settle}." if self.settle else ""),
            "tolerance": self.tolerance,
            "computed_value": self.computed,
            "start": c.start,
            "end": c.end,
        }


def _f(x: float, d: int = 2) -> str:
    return f"{x:,.{d}f}"


def _ds(ts: Any) -> str:
    return pd.Timestamp(ts).date().isoformat()


class MarketView:
    """The store as of one date, with each series read once per run (the store read is the main cost)."""

    def __init__(self, store: Store | None, as_of: dt.date) -> None:
        self.store = store
        self.as_of = as_of
        self._cache: dict[str, pd.Series | None] = {}
        self.problems: dict[str, str] = {}

    def series(self, sid: str) -> pd.Series | None:
        if sid in self._cache:
            return self._cache[sid]
        s: pd.Series | None = None
        if self.store is not None:
            try:
                if self.store.has(sid):
                    s = self.store.get(sid, as_of=self.as_of).dropna()
                    if s.empty:
                        s = None
                        self.problems[sid] = f"series {sid!r} has no data on or before {self.as_of}"
            except ThesisError as e:
                self.problems[sid] = e.what
                s = None
        self._cache[sid] = s
        return s

    def daily(self, subject: Any) -> tuple[str, pd.Series] | None:
        for sid in subject.series:
            s = self.series(sid)
            if (s is not None and self._frequency(sid) in ("daily", "weekly")) or (
                s is not None and _looks_daily(s)
            ):
                return sid, s
        return None

    def monthly(self, subject: Any) -> tuple[str, pd.Series] | None:
        for sid in subject.series:
            s = self.series(sid)
            if s is not None and not _looks_daily(s):
                return sid, s
        return None

    def _frequency(self, sid: str) -> str:
        try:
            return self.store.info(sid).frequency if self.store is not None else ""
        except ThesisError:
            return ""


def _looks_daily(s: pd.Series) -> bool:
    if len(s) < 3:
        return False
    gaps = np.diff(s.index.values[-30:]).astype("timedelta64[D]").astype(int)
    return bool(np.median(gaps) <= 7)


def _on(s: pd.Series, d: dt.date) -> float | None:
    ts = pd.Timestamp(d)
    if ts in s.index:
        return float(s.loc[ts])
    return None


def _on_or_before(s: pd.Series, d: dt.date) -> tuple[pd.Timestamp, float] | None:
    sub = s.loc[: pd.Timestamp(d)]
    if sub.empty:
        return None
    return sub.index[-1], float(sub.iloc[-1])


def _pct_tol(c: Claim) -> tuple[float, str]:
    if c.hedge in _LOOSE:
        return 1.0, f"'{c.hedge}': ±1pp"
    if c.decimals == 0:
        return 0.5, "whole number: ±0.5pp"
    if c.decimals == 1:
        return 0.05, "1-decimal %: ±0.05pp (must round to the stated figure)"
    return 10.0 ** (-c.decimals), f"{c.decimals}-decimal %: ±{10.0 ** (-c.decimals):g}pp"


def _within(stated: float, computed: float, tol: float, hedge: str) -> bool:
    if hedge in ("more than", "over", "at least", "upwards of", "just over"):
        return computed >= stated - 1e-9 and (hedge != "just over" or computed <= stated + 1.0)
    if hedge in ("less than", "under", "just under"):
        return computed <= stated + 1e-9
    return abs(stated - computed) <= tol + 1e-9


def _unverifiable(c: Claim, why: str, settle: str = "") -> CheckedClaim:
    return CheckedClaim(c, UNVERIFIABLE, why, "n/a", settle=settle)


def _no_data(c: Claim, why: str) -> CheckedClaim:
    """Unverifiable for want of data: says what the claim's subject needs to settle it."""
    return _unverifiable(c, why, c.subject.settle if c.subject else "")


def _verdict(
    c: Claim, ok: Any, evidence: str, tolerance: str, computed: float | str | None
) -> CheckedClaim:
    """Supported when ``ok`` is true, else contradicted."""
    return CheckedClaim(c, SUPPORTED if ok else CONTRADICTED, evidence, tolerance, computed)


def _weekday_problem(c: Claim, d: dt.date | None) -> str:
    if c.stated_weekday is not None and d is not None and d.weekday() != c.stated_weekday:
        return f"{d.isoformat()} was a {WEEKDAYS[d.weekday()].title()}, not a {WEEKDAYS[c.stated_weekday].title()}"
    return ""


def check_claims(
    claims: list[Claim], store: Store | None, as_of: dt.date, view: MarketView | None = None
) -> list[CheckedClaim]:
    """Judge each claim; never raises for a claim (a claim that cannot be judged is unverifiable).

    Parameters
    ----------
    claims
        From :func:`~thesis.writing.claims.extract.extract_claims`, in text order.
    store
        The market data store (``None``: everything that needs data is unverifiable).
    as_of
        The article's date: nothing dated after it is used.
    """
    view = view or MarketView(store, as_of)
    out = []
    for c in claims:
        try:
            out.append(_check_one(c, claims, view))
        except Exception as e:  # one odd claim must not sink the report; say why it was not judged
            out.append(_unverifiable(c, f"could not be judged ({type(e).__name__}: {e})"))
    return out


def _stated_current(
    c: Claim, claims: list[Claim], date: dt.date | None
) -> tuple[float, str] | None:
    """The latest index level the article itself states (a 'closed at' claim) before claim ``c``."""
    best = None
    for o in claims:
        if o.start >= c.start and o is not c and o.start > c.end:
            break
        if (
            o.measure == "close"
            and not o.forecast  # "strategists see the index at 7,400" is no level it stands at
            and o.subject is c.subject
            and isinstance(o.stated_value, float)
            and o is not c
        ) and o.start <= c.end:
            best = o
    if best is None:
        return None
    return float(
        best.stated_value
    ), f"the level of {_f(float(best.stated_value))} the article states" + (
        f" for {best.date}" if best.date else ""
    )


def _check_one(c: Claim, claims: list[Claim], v: MarketView) -> CheckedClaim:
    subj = c.subject
    if c.measure == "other":
        why = "a figure the local data cannot settle (a forecast, company figure, count or third-party estimate)"
        if c.note:
            why = f"{c.note}: the checker cannot tell which data series this is"
            return _unverifiable(
                c,
                why,
                "a series for this subject in the store (`thesis data import`), named as the checker knows it",
            )
        settle = (
            subj.settle
            if subj is not None and subj.kind not in ("index",)
            else "a source for this figure"
        )
        return _unverifiable(c, why, settle)
    if c.measure == "fed_move":
        why = (
            "a forecast or market pricing"
            if c.forecast
            else "recent Fed decisions by meeting are not in the store"
        )
        return _unverifiable(
            c, why, "the Fed's target range by meeting (`thesis data update fed_target`)"
        )
    q = c.extra.get("qualifier")
    if q == "intraday":
        return _unverifiable(
            c,
            "an intraday figure (a session high/low or a time of day): daily closes cannot settle it",
            "intraday prices for the day stated",
        )
    if q == "negated":
        return _unverifiable(
            c, "a negated statement: the checker does not judge negations", "a reader's check"
        )
    if q == "range":
        return _unverifiable(
            c,
            "a range (traded between two levels): daily closes cannot settle intraday ranges",
            "intraday highs and lows over the period",
        )
    if subj is None:
        return _unverifiable(
            c,
            "the subject of this figure could not be identified",
            "a named subject (index, yield, rate)",
        )
    # arithmetic on the article's own numbers comes first: it needs no data
    if c.measure in ("upside", "distance"):
        return _check_distance(c, claims, v)
    if c.forecast and c.measure not in ("toward",):
        return _unverifiable(
            c,
            "a forecast or expectation: data up to the article's date cannot settle it",
            "the outcome, after the fact",
        )
    if (
        c.date is not None
        and c.date > v.as_of
        and c.measure not in ("cpi_yoy", "cpi_mom", "rate_since")
    ):
        return _unverifiable(
            c,
            f"refers to {c.date}, after the article's date {v.as_of}",
            "data after the article's date",
        )
    if subj.kind == "inflation":
        return _check_inflation(c, v)
    if subj.kind == "yield":
        return _check_yield(c, v)
    got = v.daily(subj)
    if got is None:
        mon = v.monthly(subj)
        extra = (
            f" (only monthly averages in {mon[0]!r}, which cannot settle a one-day figure)"
            if mon
            else ""
        )
        return _unverifiable(c, f"no daily data for {subj.name} in the store{extra}", subj.settle)
    sid, s = got
    fn = _CHECKS.get(c.measure)
    if fn is None:
        return _unverifiable(c, f"no check for claims of type {c.measure!r}", subj.settle)
    return fn(c, claims, sid, s, v)


def _ref_close(s: pd.Series, d: dt.date, sid: str) -> tuple[pd.Timestamp, float, str] | None:
    got = _on_or_before(s, d)
    if got is None:
        return None
    ts, val = got
    note = f"{sid} {_ds(ts)} close = {_f(val)}"
    return ts, val, note


def _check_distance(c: Claim, claims: list[Claim], v: MarketView) -> CheckedClaim:
    L = float(c.level or 0.0)
    stated = float(c.stated_value or 0.0)
    base_note = ""
    st = _stated_current(c, claims, c.date)
    if st is not None:
        base, base_note = st
    else:
        got = v.daily(c.subject) if c.subject else None
        d = c.date or v.as_of
        if got is None:
            return _no_data(
                c,
                "the article states no base level and the store has no daily data for "
                f"{c.subject.name if c.subject else 'the subject'}",
            )
        ref = _ref_close(got[1], min(d, v.as_of), got[0])
        if ref is None:
            return _no_data(c, f"no close on or before {d}")
        base, base_note = ref[1], f"the close ({ref[2]}); the article states no base"
    tol, tol_txt = _pct_tol(c)
    if c.measure == "upside":
        comp = (L / base - 1.0) * 100.0
        ok = _within(stated, comp, tol, c.hedge)
        ev = f"({_f(L)} / {_f(base)} − 1) × 100 = {comp:.2f}% vs stated {stated:g}%; base: {base_note}"
        return _verdict(c, ok, ev, tol_txt, round(comp, 4))
    # distance: "X% below L" is read either as a share of the level (L/base − 1) or of L (1 − base/L)
    a = (L / base - 1.0) * 100.0
    b = (1.0 - base / L) * 100.0
    mag = abs(stated)
    side_ok = (base <= L * (1 + 1e-9)) if stated < 0 else (base >= L * (1 - 1e-9))
    ok = side_ok and (_within(mag, abs(a), tol, c.hedge) or _within(mag, abs(b), tol, c.hedge))
    word = "below" if stated < 0 else "above"
    ev = (
        f"base {_f(base)} vs {_f(L)}: ({_f(L)} / {_f(base)} − 1) × 100 = {a:.2f}%, "
        f"(1 − {_f(base)} / {_f(L)}) × 100 = {b:.2f}%; stated {mag:g}% {word}; base: {base_note}"
    )
    if not side_ok:
        ev += f"; but {_f(base)} is {'above' if stated < 0 else 'below'} {_f(L)}"
    return _verdict(c, ok, ev, tol_txt, round(a, 4))


def _check_close(
    c: Claim, claims: list[Claim], sid: str, s: pd.Series, v: MarketView
) -> CheckedClaim:
    d = c.date or v.as_of
    if pd.Timestamp(d) > s.index[-1]:
        return _no_data(c, f"the store's {sid} ends {_ds(s.index[-1])}, before {d}")
    ref = _ref_close(s, d, sid)
    if ref is None:
        return _no_data(c, f"{sid} starts {_ds(s.index[0])}, after {d}")
    ts, close, note = ref
    if ts.date() != d and c.extra.get("exact_day"):
        wd = f" ({WEEKDAYS[d.weekday()].title()})"
        return CheckedClaim(
            c,
            CONTRADICTED,
            f"no {sid} session on {d}{wd}; last close before it: {note}",
            "exact trading-day / calendar match",
            close,
        )
    tol = _LEVEL_TOL * (10 if c.hedge in _LOOSE else 1)
    stated = float(c.stated_value or 0.0)
    if not 0.5 <= stated / close <= 2.0:
        # a figure this far from the series is almost surely another quantity (a count, a price
        # of something else, a misread unit), not a wrong level: do not accuse
        return _no_data(
            c,
            f"{_f(stated)} is nowhere near the {sid} close ({note}); probably a different quantity",
        )
    diff = abs(stated - close) / close
    ok = diff <= tol + 1e-12
    ev = f"{note}; stated {_f(stated)}; |diff| = {diff * 100:.3f}%"
    if ts.date() != d:
        ev += f" (no session on {d}; last close before it)"
    return _verdict(
        c,
        ok,
        ev,
        f"index level: |stated − close| / close ≤ {tol * 100:g}%",
        close,
    )


def _check_record(
    c: Claim, claims: list[Claim], sid: str, s: pd.Series, v: MarketView
) -> CheckedClaim:
    d = c.date or v.as_of
    ref = _ref_close(s, d, sid)
    if ref is None:
        return _no_data(c, f"no {sid} close on or before {d}")
    ts, close, note = ref
    before = s.loc[: ts - pd.Timedelta(days=1)]
    if before.empty:
        return _no_data(c, f"no history before {_ds(ts)}")
    mx_ts = before.idxmax()
    mx = float(before.max())
    if close >= mx:
        ev = f"{note} ≥ every earlier close since {_ds(s.index[0])} (previous high {_f(mx)} on {_ds(mx_ts)})"
        return CheckedClaim(
            c, SUPPORTED, ev, "exact comparison with the running maximum of closes", close
        )
    ev = f"{note}; an earlier close was higher: {_f(mx)} on {_ds(mx_ts)} ({(close / mx - 1) * 100:.2f}%)"
    return CheckedClaim(
        c, CONTRADICTED, ev, "exact comparison with the running maximum of closes", close
    )


def _period_start(
    c: Claim, s: pd.Series, end_ts: pd.Timestamp
) -> tuple[pd.Timestamp, float, str] | None:
    p = c.period
    if p == "day":
        prev = s.loc[: end_ts - pd.Timedelta(days=1)]
        return (prev.index[-1], float(prev.iloc[-1]), "previous close") if len(prev) else None
    if p == "ytd" or p == "year":
        prev = s.loc[: pd.Timestamp(end_ts.year - 1, 12, 31)]
        return (
            (prev.index[-1], float(prev.iloc[-1]), "last close of the prior year")
            if len(prev)
            else None
        )
    if p == "month":  # a named calendar month ending at end_ts: from the prior month's last close
        prev = s.loc[: end_ts.replace(day=1) - pd.Timedelta(days=1)]
        return (
            (prev.index[-1], float(prev.iloc[-1]), "last close of the prior month")
            if len(prev)
            else None
        )
    if p == "mtd":
        prev = s.loc[: end_ts.replace(day=1) - pd.Timedelta(days=1)]
        return (
            (prev.index[-1], float(prev.iloc[-1]), "last close of the prior month")
            if len(prev)
            else None
        )
    if p in ("week", "last_week"):
        monday = end_ts - pd.Timedelta(days=end_ts.weekday())
        prev = s.loc[: monday - pd.Timedelta(days=1)]
        return (
            (prev.index[-1], float(prev.iloc[-1]), "last close of the prior week")
            if len(prev)
            else None
        )
    if p == "ndays":
        n = int(c.extra.get("n") or 0)
        upto = s.loc[:end_ts]
        if n <= 0 or len(upto) <= n:
            return None
        return upto.index[-1 - n], float(upto.iloc[-1 - n]), f"close {n} sessions earlier"
    if p == "52w":
        prev = s.loc[: end_ts - pd.Timedelta(weeks=52)]
        return (
            (prev.index[-1], float(prev.iloc[-1]), "close 52 weeks earlier") if len(prev) else None
        )
    if p == "since" and c.period_date is not None:
        prev = s.loc[: pd.Timestamp(c.period_date)]
        return (
            (prev.index[-1], float(prev.iloc[-1]), f"close on {c.period_date}")
            if len(prev)
            else None
        )
    if p == "drawdown":
        win = s.loc[end_ts - pd.Timedelta(days=120) : end_ts]
        if win.empty:
            return None
        return win.idxmax(), float(win.max()), "highest close in the 120 days before"
    return None


def _check_change(
    c: Claim, claims: list[Claim], sid: str, s: pd.Series, v: MarketView
) -> CheckedClaim:
    d = min(c.date or v.as_of, v.as_of)
    if c.period is None:
        return _unverifiable(
            c, "the period of this change is not stated", "the start and end dates of the change"
        )
    if pd.Timestamp(d) > s.index[-1] + pd.Timedelta(days=4):
        return _no_data(c, f"the store's {sid} ends {_ds(s.index[-1])}, before {d}")
    end = _on_or_before(s, d)
    if end is None:
        return _no_data(c, f"no {sid} close on or before {d}")
    end_ts, end_val = end
    end_note = f"{sid} {_ds(end_ts)} close {_f(end_val)}"
    if c.period == "base":
        st = _stated_current(c, claims, c.date)
        if st is not None:
            end_val, end_note = st[0], st[1]
        start_ts, start_val, start_note = (
            None,
            float(c.base or 0.0),
            f"stated base {_f(float(c.base or 0))}",
        )
    else:
        got = _period_start(c, s, end_ts)
        if got is None:
            return _no_data(c, f"not enough {sid} history for the period ({c.period})")
        start_ts, start_val, start_note = got
        start_note = f"{start_note}: {_ds(start_ts)} {_f(start_val)}"
    stated = float(c.stated_value or 0.0)
    if c.measure == "points_change":
        comp = end_val - start_val
        tol = (
            max(0.5 * 10.0 ** (-c.decimals), 0.01)
            if c.hedge not in _LOOSE
            else 0.01 * abs(stated) + 1
        )
        ok = _within(
            stated if c.direction else abs(stated), comp if c.direction else abs(comp), tol, c.hedge
        )
        ev = f"{end_note} − {start_note} = {comp:+.2f} points vs stated {stated:+g}"
        return _verdict(c, ok, ev, f"points: ±{tol:g}", round(comp, 4))
    comp = (end_val / start_val - 1.0) * 100.0
    tol, tol_txt = _pct_tol(c)
    if c.direction:
        ok = _within(stated, comp, tol, c.hedge)
    else:
        ok = _within(abs(stated), abs(comp), tol, c.hedge)
    ev = f"({end_note} / {start_note} − 1) × 100 = {comp:+.2f}% vs stated {stated:+g}%"
    return _verdict(c, ok, ev, tol_txt, round(comp, 4))


def _runs(s: pd.Series, sign: int) -> pd.Series:
    """Length of the run of up (sign=1) or down (-1) closes ending at each date."""
    chg = np.sign(np.diff(s.to_numpy()))
    out = np.zeros(len(s), dtype=int)
    for i in range(1, len(s)):
        out[i] = out[i - 1] + 1 if chg[i - 1] == sign else 0
    return pd.Series(out, index=s.index)


def _check_streak(
    c: Claim, claims: list[Claim], sid: str, s: pd.Series, v: MarketView
) -> CheckedClaim:
    upto = s.loc[: pd.Timestamp(c.date or v.as_of)].iloc[-400:]
    n = int(c.extra.get("n") or 0)
    runs = _runs(upto, c.direction or 1)
    k = int(runs.iloc[-1])
    rows = ", ".join(f"{_ds(t)} {_f(x)}" for t, x in upto.iloc[-(k + 1) :].items())
    ok = k >= n
    ev = f"{'up' if (c.direction or 1) > 0 else 'down'} closes in a row up to {_ds(upto.index[-1])}: {k} ({rows})"
    return _verdict(c, ok, ev, "exact count of sessions", k)


def _check_annual_streak(
    c: Claim, claims: list[Claim], sid: str, s: pd.Series, v: MarketView
) -> CheckedClaim:
    n = int(c.extra.get("n") or 0)
    thr = float(c.extra.get("threshold") or 0.0)
    sign = int(c.extra.get("sign") or 1)
    last_year = v.as_of.year - 1 if v.as_of < dt.date(v.as_of.year, 12, 31) else v.as_of.year
    ye = s.groupby(s.index.year).last()
    years = list(range(last_year - n + 1, last_year + 1))
    if n <= 0 or (last_year - n) not in ye.index or last_year not in ye.index:
        return _no_data(c, f"needs year-end closes {last_year - n}..{last_year}")
    rets = {y: (ye[y] / ye[y - 1] - 1) * 100 for y in years}
    ok = all((r * sign) >= thr for r in rets.values())
    ev = "year-end closes: " + ", ".join(f"{y} {r:+.2f}%" for y, r in rets.items())
    return _verdict(
        c,
        ok,
        ev,
        f"each year {'≥' if sign > 0 else '≤'} {sign * thr:g}%",
        None,
    )


def _check_rank(
    c: Claim, claims: list[Claim], sid: str, s: pd.Series, v: MarketView
) -> CheckedClaim:
    d = c.date or v.as_of
    ref = _ref_close(s, d, sid)
    if ref is None:
        return _unverifiable(c, f"no {sid} close on or before {d}")
    ts, close, note = ref
    win = s.loc[:ts] if c.extra.get("window") == "all" else s.loc[pd.Timestamp(ts.year, 1, 1) : ts]
    hi = c.extra.get("hl") == "highest"
    better = win[win > close] if hi else win[win < close]
    rank = 1 + len(better)
    want = int(c.extra.get("rank") or 0)
    scope = (
        f"since {_ds(s.index[0])} (the store's history)"
        if c.extra.get("window") == "all"
        else f"in {ts.year}"
    )
    lst = ", ".join(f"{_f(x)} ({_ds(t)})" for t, x in better.sort_values(ascending=not hi).items())
    ev = f"{note}; {'higher' if hi else 'lower'} closes {scope}: {lst or 'none'} → rank {rank}"
    return CheckedClaim(
        c, SUPPORTED if rank == want else CONTRADICTED, ev, "exact rank among closes", rank
    )


def _check_high_since(
    c: Claim, claims: list[Claim], sid: str, s: pd.Series, v: MarketView
) -> CheckedClaim:
    D = c.date
    if D is None:
        return _unverifiable(c, "the 'since' date could not be read")
    wd = _weekday_problem(c, D)
    if wd:
        return CheckedClaim(c, CONTRADICTED, wd, "exact calendar match", None)
    cur = _on_or_before(s, v.as_of)
    then = _on(s, D)
    if cur is None or then is None:
        return _no_data(c, f"no {sid} close on {D}" if then is None else "no current close")
    hi = c.extra.get("hl") == "highest"
    between = s.loc[pd.Timestamp(D) + pd.Timedelta(days=1) : cur[0] - pd.Timedelta(days=1)]
    ok_then = then > cur[1] if hi else then < cur[1]
    ok_between = bool((between < cur[1]).all()) if hi else bool((between > cur[1]).all())
    ev = (
        f"{sid} {D} close {_f(then)} vs {_ds(cur[0])} close {_f(cur[1])}; closes in between: "
        f"{'max' if hi else 'min'} {_f(float(between.max() if hi else between.min())) if len(between) else 'none'}"
    )
    return CheckedClaim(
        c,
        SUPPORTED if ok_then and ok_between else CONTRADICTED,
        ev,
        "exact comparison of closes",
        None,
    )


def _check_gain_since(
    c: Claim, claims: list[Claim], sid: str, s: pd.Series, v: MarketView
) -> CheckedClaim:
    D = c.date
    n = int(c.extra.get("n") or 0)
    if D is None or n <= 0:
        return _unverifiable(c, "the 'since' date or the window could not be read")
    wd = _weekday_problem(c, D)
    if wd:
        return CheckedClaim(c, CONTRADICTED, wd, "exact calendar match", None)
    upto = s.loc[: pd.Timestamp(v.as_of)]
    sign = int(c.extra.get("sign") or 1)
    pts = (upto - upto.shift(n)) * sign
    pct = (upto / upto.shift(n) - 1) * 100 * sign
    cur_pts, cur_pct = float(pts.iloc[-1]), float(pct.iloc[-1])
    if pd.Timestamp(D) not in upto.index:
        return CheckedClaim(
            c, CONTRADICTED, f"no {sid} session on {D}", "exact calendar match", None
        )
    mid = slice(pd.Timestamp(D) + pd.Timedelta(days=1), upto.index[-1] - pd.Timedelta(days=1))
    T = pd.Timestamp(D)
    ok = (
        float(pts.loc[T]) >= cur_pts
        and float(pct.loc[T]) >= cur_pct
        and bool((pts.loc[mid] < cur_pts).all())
        and bool((pct.loc[mid] < cur_pct).all())
    )
    ev = (
        f"{n}-day change now {cur_pts:+.2f} pts / {cur_pct:+.2f}%; on {D} {float(pts.loc[T]):+.2f} pts / "
        f"{float(pct.loc[T]):+.2f}%; largest in between {float(pts.loc[mid].max()):+.2f} pts / {float(pct.loc[mid].max()):+.2f}%"
    )
    return _verdict(c, ok, ev, "exact comparison of rolling changes", None)


def _check_streak_since(
    c: Claim, claims: list[Claim], sid: str, s: pd.Series, v: MarketView
) -> CheckedClaim:
    D = c.date
    if D is None:
        return _unverifiable(c, "the 'since' date could not be read")
    wd = _weekday_problem(c, D)
    if wd:
        return CheckedClaim(c, CONTRADICTED, wd, "exact calendar match", None)
    upto = s.loc[: pd.Timestamp(v.as_of)]
    runs = _runs(upto, int(c.extra.get("sign") or 1))
    if pd.Timestamp(D) not in runs.index:
        return CheckedClaim(
            c, CONTRADICTED, f"no {sid} session on {D}", "exact calendar match", None
        )
    cur = int(runs.iloc[-1])
    then = int(runs.loc[pd.Timestamp(D)])
    start_cur = runs.index[-1 - cur] if cur < len(runs) else runs.index[0]
    mid = runs.loc[pd.Timestamp(D) + pd.Timedelta(days=1) : start_cur]
    n_then = c.extra.get("n_then")
    ok = then >= cur and bool((mid < cur).all()) and (n_then is None or int(n_then) == then)
    ev = f"current streak {cur} sessions; streak ending {D}: {then}; longest in between: {int(mid.max()) if len(mid) else 0}"
    return _verdict(c, ok, ev, "exact count of sessions", cur)


def _window(s: pd.Series, c: Claim, end: dt.date) -> tuple[pd.Series, str]:
    w = c.extra.get("window")
    e = pd.Timestamp(end)
    if w == "52w":
        return s.loc[e - pd.Timedelta(days=365) : e], "52 weeks to " + end.isoformat()
    if w == "year":
        y = c.extra.get("year") or (
            c.date.year if c.date and c.measure == "extreme_date" else end.year
        )
        return s.loc[pd.Timestamp(y, 1, 1) : min(e, pd.Timestamp(y, 12, 31))], str(y)
    return s.loc[:e], f"since {_ds(s.index[0])} (the store's history)"


def _check_extreme(
    c: Claim, claims: list[Claim], sid: str, s: pd.Series, v: MarketView
) -> CheckedClaim:
    end = v.as_of if c.measure == "extreme" else (c.date or v.as_of)
    if c.measure == "extreme_date" and c.extra.get("window") == "year" and c.date:
        end = min(dt.date(c.date.year, 12, 31), v.as_of)
    win, scope = _window(s, c, end)
    if win.empty:
        return _no_data(c, f"no {sid} data for {scope}")
    is_max = c.extra.get("extreme") == "max"
    ts = win.idxmax() if is_max else win.idxmin()
    val = float(win.loc[ts])
    what = "highest" if is_max else "lowest"
    ev = f"{what} {sid} close {scope}: {_f(val)} on {_ds(ts)}"
    problems = []
    if c.measure == "extreme" and c.level is not None and abs(c.level - val) / val > _LEVEL_TOL:
        problems.append(f"stated {_f(c.level)}")
    if c.date is not None and c.date != ts.date():
        problems.append(f"stated date {c.date}")
    wd = _weekday_problem(c, c.date)
    if wd:
        problems.append(wd)
    if problems:
        return CheckedClaim(
            c,
            CONTRADICTED,
            ev + "; " + "; ".join(problems),
            "exact trading-day match; level within 0.05%",
            val,
        )
    return CheckedClaim(c, SUPPORTED, ev, "exact trading-day match; level within 0.05%", val)


def _check_close_on_date(
    c: Claim, claims: list[Claim], sid: str, s: pd.Series, v: MarketView
) -> CheckedClaim:
    D = c.date
    if D is None:
        return _unverifiable(c, "the date could not be read")
    if pd.Timestamp(D) < s.index[0] or pd.Timestamp(D) > s.index[-1]:
        return _no_data(
            c, f"{D} is outside the store's {sid} history ({_ds(s.index[0])}..{_ds(s.index[-1])})"
        )
    L = float(c.level or 0.0)
    problems = []
    wd = _weekday_problem(c, D)
    if wd:
        problems.append(wd)
    val = _on(s, D)
    near = s.loc[pd.Timestamp(D) - pd.Timedelta(days=7) : pd.Timestamp(D) + pd.Timedelta(days=7)]
    match = [t for t, x in near.items() if abs(x - L) / x <= _LEVEL_TOL]
    if val is None:
        problems.append(f"no {sid} close on {D} (not a trading day)")
        if match:
            problems.append(f"{_f(L)} is the close of {', '.join(_ds(t) for t in match)}")
    elif abs(val - L) / val > _LEVEL_TOL:
        problems.append(f"{sid} {D} close = {_f(val)}, not {_f(L)}")
    if problems:
        return CheckedClaim(
            c,
            CONTRADICTED,
            "; ".join(problems),
            "exact trading-day / calendar match; level within 0.05%",
            val,
        )
    return CheckedClaim(
        c,
        SUPPORTED,
        f"{sid} {D} ({WEEKDAYS[D.weekday()].title()}) close = {_f(val or 0)}",
        "exact trading-day / calendar match; level within 0.05%",
        val,
    )


def _check_first_cross(
    c: Claim, claims: list[Claim], sid: str, s: pd.Series, v: MarketView
) -> CheckedClaim:
    L = float(c.level or 0.0)
    scope_year = c.extra.get("scope_year")
    win = s.loc[pd.Timestamp(scope_year, 1, 1) :] if scope_year else s
    win = win.loc[: pd.Timestamp(v.as_of)]
    if not scope_year and (win.iloc[:20] >= L).any():
        return _no_data(
            c, f"{sid} history in the store starts {_ds(s.index[0])} already at or above {_f(L, 0)}"
        )
    above = win[win >= L]
    if above.empty:
        return CheckedClaim(
            c,
            CONTRADICTED,
            f"no {sid} close at or above {_f(L, 0)} up to {v.as_of}",
            "exact trading-day match",
            None,
        )
    first = above.index[0]
    ev = (
        f"first {sid} close at or above {_f(L, 0)}"
        + (f" in {scope_year}" if scope_year else "")
        + f": {_ds(first)} ({_f(float(above.iloc[0]))})"
    )
    if c.date is None:
        return CheckedClaim(c, SUPPORTED, ev, "exact trading-day match", _ds(first))
    if c.date == first.date():
        return CheckedClaim(c, SUPPORTED, ev, "exact trading-day match", _ds(first))
    extra = ""
    if _on(s, c.date) is None:
        extra = f"; {c.date} was a {WEEKDAYS[c.date.weekday()].title()} with no session"
    return CheckedClaim(c, CONTRADICTED, ev + extra, "exact trading-day match", _ds(first))


def _check_toward(
    c: Claim, claims: list[Claim], sid: str, s: pd.Series, v: MarketView
) -> CheckedClaim:
    L = float(c.level or 0.0)
    cur = _on_or_before(s, v.as_of)
    if cur is None:
        return _unverifiable(c, f"no {sid} close on or before {v.as_of}")
    above = s[s >= L]
    if cur[1] > L * (1 + _LEVEL_TOL):
        first = (
            f"; first close at or above it: {_ds(above.index[0])} ({_f(float(above.iloc[0]))})"
            if len(above)
            else ""
        )
        ev = f"{sid} {_ds(cur[0])} close {_f(cur[1])} is already above {_f(L, 0)} at the article's date{first}"
        return CheckedClaim(c, CONTRADICTED, ev, "level within 0.05%", cur[1])
    return CheckedClaim(
        c,
        SUPPORTED,
        f"{sid} {_ds(cur[0])} close {_f(cur[1])} is below {_f(L, 0)}",
        "level within 0.05%",
        cur[1],
    )


def _check_extreme_since(
    c: Claim, claims: list[Claim], sid: str, s: pd.Series, v: MarketView
) -> CheckedClaim:
    return _since_generic(c, s.loc[: pd.Timestamp(v.as_of)], sid, v.as_of)


def _since_generic(c: Claim, s: pd.Series, sid: str, ref: dt.date) -> CheckedClaim:
    since_end = pd.Timestamp(c.extra["since_end"])
    cur = _on_or_before(s, ref)
    if cur is None or s.index[0] > since_end:
        return _no_data(c, f"{sid} has no data back to {since_end.date()}")
    low = bool(c.extra.get("low"))
    between = s.loc[since_end + pd.Timedelta(days=1) : cur[0] - pd.Timedelta(days=1)]
    worse = between[between < cur[1]] if low else between[between > cur[1]]
    if len(worse):
        lst = ", ".join(
            f"{_ds(t)} {x:.2f}" for t, x in worse.sort_values(ascending=low).iloc[:4].items()
        )
        ev = f"{sid} {_ds(cur[0])} = {cur[1]:.2f}; {'lower' if low else 'higher'} values since {since_end.date()}: {lst}"
        return CheckedClaim(c, CONTRADICTED, ev, "exact comparison", cur[1])
    return CheckedClaim(
        c,
        SUPPORTED,
        f"{sid} {_ds(cur[0])} = {cur[1]:.2f}; no {'lower' if low else 'higher'} value since {since_end.date()}",
        "exact comparison",
        cur[1],
    )


def _yoy(s: pd.Series) -> pd.Series:
    s = s.copy()
    s.index = s.index.to_period("M")
    prev = s.copy()
    prev.index = prev.index + 12
    return ((s / prev.reindex(s.index)) - 1).dropna() * 100


def _cpi_months(c: Claim, as_of: dt.date) -> list[pd.Period]:
    if c.date is not None:
        return [pd.Period(c.date, "M")]
    # CPI for month m is published around the 10th–15th of m+1: before the 15th the latest month
    # may or may not be out, so both candidates are tried
    a = pd.Period(as_of, "M")
    if as_of.day >= 15:
        return [a - 1]
    if as_of.day >= 10:
        return [a - 1, a - 2]
    return [a - 2]


def _check_inflation(c: Claim, v: MarketView) -> CheckedClaim:
    subj = c.subject
    assert subj is not None
    got = None
    for sid in subj.series:
        s = v.series(sid) if v.store is not None else None
        if s is None and v.store is not None and v.store.has(sid):
            try:
                s = v.store.get(sid).dropna()
            except ThesisError:
                s = None
        if s is not None:
            got = (sid, s)
            break
    if got is None:
        return _unverifiable(c, f"no {subj.name} series in the store", subj.settle)
    sid, s = got
    if c.measure == "cpi_mom":
        return _unverifiable(
            c,
            "month-over-month CPI claims are not checked (seasonal adjustment differs)",
            subj.settle,
        )
    # the index through the article's month: a month's value is dated the 1st, so read without as_of
    # lookahead by keeping only months that were published by the article's date
    full = v.store.get(sid).dropna() if v.store is not None else s
    yoy = _yoy(full)
    months = _cpi_months(c, v.as_of)
    if c.measure == "rate_since":
        m = months[0]
        if m not in yoy.index:
            return _unverifiable(c, f"no {sid} value for {m}", subj.settle)
        ser = yoy.loc[:m]
        ser.index = ser.index.to_timestamp()
        return _since_generic(c, ser, f"{sid} YoY %", m.to_timestamp().date())
    tol, tol_txt = _pct_tol(c)
    stated = float(c.stated_value or 0.0)
    notes = []
    for m in months:
        if m not in yoy.index:
            notes.append(f"no {sid} value for {m} (or {m - 12})")
            continue
        comp = float(yoy.loc[m])
        i1 = float(full.loc[m.to_timestamp()])
        i0 = float(full.loc[(m - 12).to_timestamp()])
        ev = f"{sid} {m} {i1:.3f} / {m - 12} {i0:.3f} − 1 = {comp:.2f}% vs stated {stated:g}%"
        if _within(stated, comp, tol, c.hedge):
            return CheckedClaim(c, SUPPORTED, ev, tol_txt + " (YoY from the index)", round(comp, 4))
        notes.append(ev)
    if any("no " in n[:3] for n in notes) and len(notes) == 1 and notes[0].startswith("no "):
        return _unverifiable(c, notes[0], subj.settle)
    if all(n.startswith("no ") for n in notes):
        return _unverifiable(c, "; ".join(notes), subj.settle)
    return CheckedClaim(
        c, CONTRADICTED, "; ".join(n for n in notes), tol_txt + " (YoY from the index)", None
    )


def _check_yield(c: Claim, v: MarketView) -> CheckedClaim:
    subj = c.subject
    assert subj is not None
    d = c.date or v.as_of
    got = v.daily(subj)
    if got is not None:
        sid, s = got
        if pd.Timestamp(d) <= s.index[-1] and pd.Timestamp(d) >= s.index[0]:
            cur = _on_or_before(s, d)
            assert cur is not None
            if c.measure == "bp_change":
                prev = s.loc[: cur[0] - pd.Timedelta(days=1)]
                if c.period not in (None, "day"):
                    # "rose 12 basis points this week", "fell 9 basis points in November"
                    got0 = _period_start(c, s, cur[0])
                    if got0 is None:
                        return _unverifiable(
                            c, f"the period of this move ({c.period}) is not in {sid}", subj.settle
                        )
                    prev = s.loc[: got0[0]]
                comp = (cur[1] - float(prev.iloc[-1])) * 100
                stated = float(c.stated_value or 0)
                tol = 2.0 + (2.0 if c.hedge in _LOOSE else 0.0)
                diff = abs(stated - comp)
                ev = f"{sid} {_ds(cur[0])} {cur[1]:.2f}% − {_ds(prev.index[-1])} {float(prev.iloc[-1]):.2f}% = {comp:+.0f} bp vs stated {stated:+g} bp"
                if diff <= tol:
                    return CheckedClaim(
                        c,
                        SUPPORTED,
                        ev,
                        f"±{tol:g} bp (closing levels; intraday moves differ)",
                        comp,
                    )
                if diff > 10:
                    return CheckedClaim(
                        c, CONTRADICTED, ev, "more than 10 bp from the closing change", comp
                    )
                return _unverifiable(
                    c,
                    ev + "; close enough that intraday timing could explain it",
                    "intraday yields",
                )
            stated = float(c.stated_value or 0)
            tol = max(0.05, 0.5 * 10.0 ** (-c.decimals)) + (0.05 if c.hedge in _LOOSE else 0.0)
            diff = abs(stated - cur[1])
            ev = f"{sid} {_ds(cur[0])} close {cur[1]:.2f}% vs stated {stated:g}% (|diff| {diff:.3f}pp)"
            if diff <= tol + 1e-9:
                return CheckedClaim(
                    c,
                    SUPPORTED,
                    ev,
                    f"±{tol:.2f}pp (closing yield; intraday levels differ)",
                    cur[1],
                )
            if diff > 0.30:
                return CheckedClaim(
                    c, CONTRADICTED, ev, "more than 0.30pp from that day's closing yield", cur[1]
                )
            return _unverifiable(
                c,
                ev + "; within an intraday range of the close",
                "intraday yields at the time stated",
            )
    mon = v.monthly(subj)
    if mon is not None and c.measure == "yield":
        sid, s = mon
        m = pd.Timestamp(d.year, d.month, 1)
        if m in s.index:
            avg = float(s.loc[m])
            stated = float(c.stated_value or 0)
            ev = (
                f"{sid} {m.date().isoformat()[:7]} monthly average {avg:.2f}% vs stated {stated:g}%"
            )
            if abs(stated - avg) > 0.40:
                return CheckedClaim(
                    c, CONTRADICTED, ev, "one-day claim vs monthly average: > 0.40pp apart", avg
                )
            return _unverifiable(
                c, ev + "; a monthly average cannot settle a one-day level this close", subj.settle
            )
    return _unverifiable(c, f"no data for {subj.name} on {d} in the store", subj.settle)


_CHECKS = {
    "close": _check_close,
    "record": _check_record,
    "change": _check_change,
    "points_change": _check_change,
    "streak": _check_streak,
    "annual_streak": _check_annual_streak,
    "rank": _check_rank,
    "high_since": _check_high_since,
    "gain_since": _check_gain_since,
    "streak_since": _check_streak_since,
    "extreme": _check_extreme,
    "extreme_date": _check_extreme,
    "close_on_date": _check_close_on_date,
    "first_cross": _check_first_cross,
    "toward": _check_toward,
    "extreme_since": _check_extreme_since,
}
