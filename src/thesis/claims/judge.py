"""Verdicts: each frame judged against the store (as of the article's date) and the article's own
arithmetic.

The policy (see ``docs/claims.md``):

1. A forecast, a conditional, an intraday figure or a negated statement is ``unverifiable``.
2. A frame with a *missing* slot is ``unverifiable``; the evidence names the slot.
3. Otherwise the measure's judge computes the figure and compares it with a
   :class:`~thesis.claims.tolerance.Band`: inside the support range → ``supported``; outside
   the contradiction range → ``contradicted``; in between → ``unverifiable``.
4. A frame whose date is the article's own date is read on each candidate day (that session and
   the one before it; every session of a month when the article is dated to a month): it holds
   if one day fits, and the evidence says which.
5. A frame with an *assumed* slot (a default reading) can be supported, never contradicted.
6. Data that does not cover the claim's period gives ``unverifiable`` with what would settle it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from thesis.claims.frames import CONTRADICTED, SUPPORTED, UNVERIFIABLE, CheckedClaim, Claim
from thesis.claims.market import Market, before, iso, on, on_or_before, sessions_between, ts, upto
from thesis.claims.tolerance import Band, bp_band, level_band, pct_band, points_band, yield_band
from thesis.errors import StoreError
from thesis.text.dates import WEEKDAYS, month_end

__all__ = ["check_claims", "judge"]


@dataclass
class Outcome:
    """A judge's answer on one reading: ``ok`` True/False/None, evidence, tolerance, value."""

    ok: bool | None
    evidence: str
    tolerance: str = "n/a"
    computed: float | str | None = None
    settle: str = ""


def _f(x: float, d: int = 2) -> str:
    return f"{x:,.{d}f}"


def _na(why: str, settle: str = "") -> Outcome:
    return Outcome(None, why, settle=settle)


Judge = Callable[[Claim, dt.date, Market, list[Claim]], Outcome]

_WHY_QUAL = {
    "forecast": "a forecast, an expectation or a hypothesis: data up to the article's date cannot settle it",
    "intraday": "an intraday figure (a session high or low, 'as much as', a time of day): daily closes cannot settle it",
    "negated": "a negated statement: the checker does not judge negations",
    "definition": "a definition (a bear market, a correction), not a statement about the data",
}
_SLOT_WORDS = {
    "subject": "the series it is about (no index, yield or rate is named in its sentence)",
    "date": "the day it is about",
    "period": "the period of the change (no words such as 'today', 'this week', 'year-to-date', 'in November')",
}


def check_claims(claims: list[Claim], market: Market) -> list[CheckedClaim]:
    """Judge each claim; a claim that cannot be judged is ``unverifiable`` with the reason.

    A :class:`~thesis.errors.StoreError` (a damaged or locked store) is raised, never turned into
    "no data".
    """
    out = []
    for c in claims:
        try:
            out.append(judge(c, claims, market))
        except StoreError:
            raise
        except Exception as e:  # one odd claim must not sink the report; say why it was not judged
            out.append(
                CheckedClaim(
                    c, UNVERIFIABLE, f"could not be judged ({type(e).__name__}: {e})", "n/a"
                )
            )
    return out


def judge(c: Claim, claims: list[Claim], m: Market) -> CheckedClaim:
    """The verdict on one claim (see the module docstring)."""
    if c.measure == "other":
        return _unverifiable(c, _other_why(c))
    for q in ("negated", "intraday", "forecast", "definition"):
        if q in c.qualifiers:
            return _unverifiable(
                c, _WHY_QUAL[q], "the outcome, after the fact" if q == "forecast" else ""
            )
    if c.missing:
        slot = c.missing[0]
        if slot == "subject" and c.extra.get("unknown_subject"):
            why = f"its subject ({c.extra['unknown_subject']!r}) is not a series the checker knows"
        else:
            why = f"not judged: its {slot} is not stated ({_SLOT_WORDS.get(slot, slot)})"
        return _unverifiable(c, why, "a sentence that names it")
    fn = JUDGES.get(c.measure)
    if fn is None:
        return _unverifiable(c, f"no check for claims of type {c.measure!r}")
    days = _candidate_days(c, m)
    if not days:
        return _unverifiable(c, f"no data for {c.subject.name if c.subject else 'its subject'} on or before {m.as_of}",
                             c.subject.settle if c.subject else "")  # fmt: skip
    outcomes = [(d, fn(c, d, m, claims)) for d in days]
    return _combine(c, outcomes)


def _other_why(c: Claim) -> str:
    if c.extra.get("unknown_subject"):
        return f"a figure about {c.extra['unknown_subject']!r}, which the checker cannot tie to a series"
    if "forecast" in c.qualifiers:
        return "a forecast, an estimate or a third-party figure; no data series settles it"
    return "a figure the checker cannot tie to a series and a measure (a count, a company figure, an estimate)"


def _unverifiable(c: Claim, why: str, settle: str = "") -> CheckedClaim:
    return CheckedClaim(c, UNVERIFIABLE, why, "n/a", settle=settle)


def _candidate_days(c: Claim, m: Market) -> list[dt.date]:
    """The days to read a claim on: its date, or for the article's own date each session of the
    window (a day-dated article: that session and the one before it, latest first)."""
    if c.date is None or c.measure == "macro":
        return [m.as_of]
    if c.extra.get("window_days") and c.window is not None:
        return list(
            reversed(
                [
                    c.window[0] + dt.timedelta(days=i)
                    for i in range((c.window[1] - c.window[0]).days + 1)
                ]
            )
        )
    if not c.extra.get("article_date") or c.window is None:
        return [c.date]
    a, b = c.window
    cal = _calendar(c, m)
    if cal is None:
        return [b]
    if a == b:
        got = on_or_before(cal, b)
        if got is None:
            return [b]
        prev = before(cal, got[0])
        return [got[0].date()] + ([prev[0].date()] if prev else [])
    days = sessions_between(cal, a, b)
    return list(reversed(days)) or [b]


def _calendar(c: Claim, m: Market) -> pd.Series | None:
    if c.subject is not None:
        got = m.daily(c.subject)
        if got is not None:
            return got[1]
    s = m.series("sp500")
    return s


def _combine(c: Claim, outcomes: list[tuple[dt.date, Outcome]]) -> CheckedClaim:
    several = len(outcomes) > 1
    fits = [(d, o) for d, o in outcomes if o.ok is True]
    if fits:
        d, o = fits[0]
        note = f" (read on {d}, one of the article's candidate days)" if several else ""
        return CheckedClaim(c, SUPPORTED, o.evidence + note, o.tolerance, o.computed)
    judged = [(d, o) for d, o in outcomes if o.ok is False]
    d, o = (judged or outcomes)[0]
    if judged and len(judged) == len(outcomes):
        if c.assumed:
            slots = ", ".join(c.assumed)
            return CheckedClaim(c, UNVERIFIABLE, f"{o.evidence}; not contradicted: its {slots} is only assumed "
                                f"({'; '.join(c.bound.get(s, '') for s in c.assumed)}), not stated", o.tolerance,
                                o.computed, settle=f"a sentence that states its {slots}")  # fmt: skip
        note = (
            f" (no candidate day fits: {', '.join(str(x) for x, _ in outcomes)})" if several else ""
        )
        return CheckedClaim(c, CONTRADICTED, o.evidence + note, o.tolerance, o.computed)
    return CheckedClaim(c, UNVERIFIABLE, o.evidence, o.tolerance, o.computed, settle=o.settle)


def _verdict(band: Band, computed: float, evidence: str) -> Outcome:
    ok = band.verdict(computed)
    if ok is None:
        evidence += "; close to the stated figure but outside its tolerance: not judged"
    return Outcome(ok, evidence, band.text, round(computed, 4))


def _daily(c: Claim, m: Market) -> tuple[str, pd.Series] | Outcome:
    subj = c.subject
    assert subj is not None
    got = m.daily(subj)
    if got is None:
        return _na(f"no daily data for {subj.name} in the store up to {m.as_of}", subj.settle)
    return got


def _weekday_problem(c: Claim, d: dt.date | None) -> str:
    wd = c.extra.get("stated_weekday")
    if wd is not None and d is not None and d.weekday() != wd:
        return f"{d} was a {WEEKDAYS[d.weekday()].title()}, not a {WEEKDAYS[wd].title()}"
    return ""


# ------------------------------------------------------------------------------------- levels
def judge_close(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    got = _daily(c, m)
    if isinstance(got, Outcome):
        return got
    sid, s = got
    if ts(day) > s.index[-1]:
        return _na(
            f"the store's {sid} ends {iso(s.index[-1])}, before {day}",
            c.subject.settle if c.subject else "",
        )
    ref = on_or_before(s, day)
    if ref is None:
        return _na(
            f"{sid} starts {iso(s.index[0])}, after {day}", c.subject.settle if c.subject else ""
        )
    t, close = ref
    stated = float(c.stated_value or 0)
    if not 0.5 <= stated / close <= 2.0:
        return _na(
            f"{_f(stated)} is nowhere near the {sid} close ({iso(t)}: {_f(close)}); probably another quantity"
        )
    wd = _weekday_problem(c, day)
    exact_day = not c.extra.get("article_date") and c.extra.get("stated_weekday") is not None
    if wd or (exact_day and t.date() != day):
        why = wd or f"no {sid} session on {day} ({WEEKDAYS[day.weekday()].title()})"
        return Outcome(
            False,
            f"{why}; last close on or before it: {iso(t)} {_f(close)}",
            "exact trading day",
            close,
        )
    band = level_band(stated, c.comparator, c.hedge)
    diff = (close / stated - 1) * 100
    ev = f"{sid} {iso(t)} close = {_f(close)}; stated {_f(stated)} ({diff:+.3f}%)"
    if c.subject is not None and c.subject.kind in ("stock", "etf"):
        # stored prices may be split- or dividend-adjusted: a level can only be confirmed
        ok = band.verdict(diff)
        return Outcome(
            True if ok else None,
            ev + ("" if ok else "; stored prices may be adjusted: not judged"),
            band.text,
            close,
        )
    return _verdict(band, diff, ev)


def judge_record(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    got = _daily(c, m)
    if isinstance(got, Outcome):
        return got
    sid, s = got
    ref = on_or_before(s, day)
    if ref is None or ts(day) > s.index[-1] + pd.Timedelta(days=4):
        return _na(f"no {sid} close on {day} in the store", c.subject.settle if c.subject else "")
    t, close = ref
    prior = s.iloc[: s.index.searchsorted(t)]
    if len(prior) < 250:
        return _na(f"{sid} history before {iso(t)} is too short to call a record")
    mx_t = prior.idxmax()
    mx = float(prior.max())
    if close >= mx:
        longer = m.series("sp500_monthly") if sid == "sp500" else None
        if longer is not None:
            old = longer.loc[: s.index[0] - pd.Timedelta(days=1)]
            if len(old) and float(old.max()) > close:
                return Outcome(False, f"{sid} {iso(t)} close {_f(close)} is below the monthly average of "
                               f"{iso(old.idxmax())[:7]} ({_f(float(old.max()))})", "running maximum of closes", close)  # fmt: skip
        ev = f"{sid} {iso(t)} close {_f(close)} ≥ every earlier close since {iso(s.index[0])} (previous high {_f(mx)} on {iso(mx_t)})"
        return Outcome(True, ev, "exact comparison with the running maximum of closes", close)
    ev = f"{sid} {iso(t)} close {_f(close)}; an earlier close was higher: {_f(mx)} on {iso(mx_t)} ({(close / mx - 1) * 100:+.2f}%)"
    return Outcome(False, ev, "exact comparison with the running maximum of closes", close)


# ------------------------------------------------------------------------------------ changes
def _period_start(
    c: Claim, s: pd.Series, end_t: pd.Timestamp, m: Market
) -> tuple[pd.Timestamp, float, str] | Outcome:
    p = c.period
    if p is None:
        return _na("the period of this change is not stated")
    k = p.kind
    if k == "day":
        got = before(s, end_t)
        return (*got, "previous close") if got else _na("no earlier close")
    if k in ("ytd", "year"):
        y = p.first.year if (k == "year" and p.first) else end_t.year
        got = on_or_before(s, dt.date(y - 1, 12, 31))
        return (*got, f"last close of {y - 1}") if got else _na(f"no close in {y - 1}")
    if k in ("mtd", "month"):
        first = p.first or end_t.date().replace(day=1)
        got = before(s, first)
        return (*got, "last close of the prior month") if got else _na("no close before the month")
    if k == "qtd":
        q0 = dt.date(end_t.year, 3 * ((end_t.month - 1) // 3) + 1, 1)
        got = before(s, q0)
        return (
            (*got, "last close of the prior quarter") if got else _na("no close before the quarter")
        )
    if k == "quarter" and p.first:
        got = before(s, p.first)
        return (
            (*got, "last close of the prior quarter") if got else _na("no close before the quarter")
        )
    if k in ("week", "last_week"):
        monday = end_t - pd.Timedelta(days=end_t.weekday())
        got = before(s, monday)
        return (*got, "last close of the prior week") if got else _na("no close before the week")
    if k in ("trailing", "ago") and p.n:
        return _back(s, end_t, p.n, p.unit or "day")
    if k in ("since_low", "since_high") and p.first is not None and p.last is not None:
        w = s.loc[ts(p.first) : ts(p.last)]
        if w.empty:
            return _na(f"no close in {p.text!r}")
        t = w.idxmin() if k == "since_low" else w.idxmax()
        return (
            t,
            float(w.loc[t]),
            f"{'lowest' if k == 'since_low' else 'highest'} close of {p.first:%Y-%m}",
        )
    if k == "swing":
        # "plummeted 19% in a matter of weeks": from the extreme close of the months before
        w = s.loc[end_t - pd.Timedelta(days=120) : end_t]
        t = w.idxmax() if c.direction < 0 else w.idxmin()
        return (
            t,
            float(w.loc[t]),
            ("highest" if c.direction < 0 else "lowest") + " close of the 120 days before",
        )
    if k == "since":
        if p.anchor is None:
            return _na(f"the start of the period ({p.text!r}) is not a date")
        got = on_or_before(s, p.anchor)
        return (*got, f"close on {p.anchor}") if got else _na(f"no close on or before {p.anchor}")
    return _na(f"periods of the kind {k!r} are not checked")


def _back(
    s: pd.Series, end_t: pd.Timestamp, n: int, unit: str
) -> tuple[pd.Timestamp, float, str] | Outcome:
    if unit == "session":
        i = s.index.searchsorted(end_t, side="right") - 1
        if i - n < 0:
            return _na("not enough history")
        return s.index[i - n], float(s.iloc[i - n]), f"close {n} sessions earlier"
    delta = {"day": pd.Timedelta(days=n), "week": pd.Timedelta(weeks=n)}.get(unit)
    start = end_t - delta if delta is not None else end_t - pd.DateOffset(**{f"{unit}s": n})
    got = on_or_before(s, start.date())
    return (
        (*got, f"close {n} {unit}{'s' if n > 1 else ''} earlier")
        if got
        else _na("not enough history")
    )


def _period_end(c: Claim, day: dt.date, s: pd.Series) -> tuple[pd.Timestamp, float] | None:
    p = c.period
    end = day
    if (
        p is not None
        and p.kind in ("month", "year", "quarter")
        and p.last is not None
        and p.last < day
    ):
        end = p.last
    if p is not None and p.kind == "last_week":
        end = day - dt.timedelta(days=day.weekday() + 1)
    return on_or_before(s, end)


def judge_change(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    got = _daily(c, m)
    if isinstance(got, Outcome):
        return got
    sid, s = got
    if ts(day) > s.index[-1] + pd.Timedelta(days=4):
        return _na(
            f"the store's {sid} ends {iso(s.index[-1])}, before {day}",
            c.subject.settle if c.subject else "",
        )
    p = c.period
    if (
        p is not None
        and p.kind in ("month", "year")
        and p.first is not None
        and p.last is not None
        and p.last > m.as_of
    ):
        return _na(f"{p.text} had not ended by the article's date {m.as_of}")
    end = _period_end(c, day, s)
    if end is None:
        return _na(f"no {sid} close on or before {day}")
    end_t, end_v = end
    start = _period_start(c, s, end_t, m)
    if isinstance(start, Outcome):
        return start
    st_t, st_v, st_note = start
    stated = float(c.stated_value or 0)
    sign_known = c.direction != 0
    if c.measure == "points_change":
        comp = end_v - st_v
        band = points_band(
            stated if sign_known else abs(stated), c.decimals, c.comparator, end_v, c.hedge
        )
        ev = f"{sid} {iso(end_t)} {_f(end_v)} − {st_note} {iso(st_t)} {_f(st_v)} = {comp:+.2f} points vs stated {stated:+g}"
        return _verdict(band, comp if sign_known else abs(comp), ev)
    comp = (end_v / st_v - 1) * 100
    band = pct_band(stated if sign_known else abs(stated), c.decimals, c.comparator, c.hedge)
    ev = f"{sid} {iso(end_t)} {_f(end_v)} / {st_note} {iso(st_t)} {_f(st_v)} − 1 = {comp:+.2f}% vs stated {stated:+g}%"
    return _verdict(band, comp if sign_known else abs(comp), ev)


# ------------------------------------------------------------------------ distances, upsides
def _base(c: Claim, day: dt.date, m: Market) -> tuple[float, str] | Outcome:
    if c.base is not None:
        return float(c.base), f"the level of {_f(float(c.base))} the article states"
    if c.subject is None:
        return _na("no subject")
    if c.subject.kind in ("stock", "etf"):
        return _na(
            "the article states no current price, and stored prices may be adjusted",
            c.subject.settle,
        )
    got = _daily(c, m)
    if isinstance(got, Outcome):
        return got
    sid, s = got
    ref = on_or_before(s, day)
    if ref is None or ts(day) > s.index[-1] + pd.Timedelta(days=4):
        return _na(f"no {sid} close on {day}", c.subject.settle)
    return ref[1], f"{sid} {iso(ref[0])} close {_f(ref[1])}"


def _reference_level(c: Claim, day: dt.date, m: Market) -> tuple[float, str] | Outcome:
    if c.level is not None:
        return float(c.level), _f(float(c.level))
    got = _daily(c, m)
    if isinstance(got, Outcome):
        return got
    sid, s = got
    win = upto(s, before(s, day)[0] if before(s, day) else day)
    if len(win) < 250:
        return _na(f"{sid} history is too short for its {c.extra.get('reference')}")
    t = win.idxmax()
    return float(win.max()), f"its highest close {_f(float(win.max()))} ({iso(t)})"


def judge_distance(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    base = _base(c, day, m)
    if isinstance(base, Outcome):
        return base
    lvl = _reference_level(c, day, m)
    if isinstance(lvl, Outcome):
        return lvl
    (b, b_note), (L, l_note) = base, lvl
    stated = float(c.stated_value or 0)
    # "X% below L" is read as a share of the base (L/b − 1) or of the level (1 − b/L)
    readings = {"(base / level − 1)": (b / L - 1) * 100, "(level / base − 1)": -(L / b - 1) * 100}
    band = pct_band(stated, c.decimals, c.comparator, c.hedge)
    oks = {k: band.verdict(v) for k, v in readings.items()}
    ev = (
        f"base {b_note}; level {l_note}: "
        + ", ".join(f"{k} = {v:+.2f}%" for k, v in readings.items())
        + f" vs stated {stated:+g}%"
    )
    comp = (L / b - 1) * 100  # the distance from the base to the level, as the old checker did
    if any(v is True for v in oks.values()):
        return Outcome(True, ev, band.text, round(comp, 4))
    if all(v is False for v in oks.values()):
        return Outcome(False, ev, band.text, round(comp, 4))
    return Outcome(
        None,
        ev + "; close to the stated figure but outside its tolerance: not judged",
        band.text,
        round(comp, 4),
    )


def judge_upside(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    base = _base(c, day, m)
    if isinstance(base, Outcome):
        return base
    b, b_note = base
    L = float(c.level or 0)
    stated = float(c.stated_value or 0)
    comp = (L / b - 1) * 100
    band = pct_band(stated, c.decimals, c.comparator, c.hedge)
    ev = f"({_f(L)} / {_f(b)} − 1) × 100 = {comp:+.2f}% vs stated {stated:+g}%; base: {b_note}"
    return _verdict(band, comp, ev)


# ----------------------------------------------------------------------------- runs and ranks
def _runs(s: pd.Series, sign: int) -> np.ndarray:
    """Length of the run of up (sign 1) or down (−1) closes ending at each row."""
    chg = np.sign(np.diff(s.to_numpy()))
    out = np.zeros(len(s), dtype=int)
    for i in range(1, len(s)):
        out[i] = out[i - 1] + 1 if chg[i - 1] == sign else 0
    return out


def _resample(s: pd.Series, unit: str) -> pd.Series:
    if unit == "week":
        return (
            s.groupby(s.index.to_period("W-FRI"))
            .last()
            .set_axis(s.groupby(s.index.to_period("W-FRI")).apply(lambda x: x.index[-1]))
        )
    if unit == "month":
        return (
            s.groupby(s.index.to_period("M"))
            .last()
            .set_axis(s.groupby(s.index.to_period("M")).apply(lambda x: x.index[-1]))
        )
    return s


def judge_streak(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    got = _daily(c, m)
    if isinstance(got, Outcome):
        return got
    sid, s = got
    n = int(c.extra.get("n") or 0)
    unit = c.extra.get("unit", "session")
    w = upto(s, day).iloc[-1500:]
    if len(w) < 3 or ts(day) > s.index[-1] + pd.Timedelta(days=4):
        return _na(f"no {sid} data up to {day}")
    w = _resample(w, unit)
    if unit in ("week", "month") and len(w) > 1:
        last = w.index[-1]
        ended = (
            (last + pd.Timedelta(days=3)).month != last.month
            if unit == "month"
            else last.weekday() >= 4
        )
        if not ended:
            w = w.iloc[:-1]  # "its seventh straight monthly advance" counts finished months
    sign = c.direction or 1
    if c.extra.get("snapped"):
        r = _runs(w.iloc[:-1], sign)
        k = int(r[-1])
        broke = np.sign(w.iloc[-1] - w.iloc[-2]) == -sign
        ev = f"{unit}s {'down' if sign < 0 else 'up'} in a row before {iso(w.index[-1])}: {k}; then {'a move the other way' if broke else 'no break'}"
        return Outcome(
            bool(broke and k == n) if broke and k <= n else (None if k > n else False),
            ev,
            "exact count",
            k,
        )
    r = _runs(w, sign)
    k = int(r[-1])
    rows = ", ".join(f"{iso(t)} {_f(x)}" for t, x in w.iloc[-(k + 1) :].items())
    ev = f"{unit}s {'up' if sign > 0 else 'down'} in a row up to {iso(w.index[-1])}: {k} ({rows})"
    return Outcome(True if k == n else (False if k < n else None), ev, "exact count of sessions", k)


def judge_rank(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    got = _daily(c, m)
    if isinstance(got, Outcome):
        return got
    sid, s = got
    ref = on_or_before(s, day)
    if ref is None or ts(day) > s.index[-1] + pd.Timedelta(days=4):
        return _na(f"no {sid} close on {day}")
    t, close = ref
    window = c.extra.get("window")
    year = c.extra.get("year") or t.year
    win = upto(s, t) if window == "all" else s.loc[pd.Timestamp(year, 1, 1) : t]
    hi = c.extra.get("hl") == "highest"
    better = win[win > close] if hi else win[win < close]
    rank = 1 + len(better)
    scope = f"since {iso(s.index[0])} (the store's history)" if window == "all" else f"in {year}"
    if window == "all" and (len(s) < 250 * 10):
        return _na(f"{sid} history in the store is too short for a rank in history")
    lst = ", ".join(
        f"{_f(x)} ({iso(tt)})" for tt, x in better.sort_values(ascending=not hi).iloc[:6].items()
    )
    ev = f"{sid} {iso(t)} close {_f(close)}; {'higher' if hi else 'lower'} closes {scope}: {lst or 'none'} → rank {rank}"
    return Outcome(rank == int(c.extra.get("rank") or 0), ev, "exact rank among closes", rank)


def judge_since(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    if c.subject is not None and c.subject.kind == "inflation":
        return _since_inflation(c, m)
    got = _daily(c, m)
    if isinstance(got, Outcome):
        return got
    sid, s = got
    a_first, a_last = c.extra.get("anchor_first"), c.extra.get("anchor_last")
    if a_first is None:
        return _na("the 'since' date could not be read")
    w = upto(s, day)
    if len(w) < 3 or ts(day) > s.index[-1] + pd.Timedelta(days=4) or ts(a_first) < s.index[0]:
        return _na(f"{sid} does not cover {a_first}..{day}", c.subject.settle if c.subject else "")
    what, sup = c.extra.get("what"), c.extra.get("sup", "")
    n = int(c.extra.get("n") or 1)
    if what in ("gain", "drop"):
        sign = 1 if what == "gain" else -1
        series = (w / w.shift(n) - 1) * 100 * sign
    elif str(what).startswith("streak"):
        series = pd.Series(_runs(w, -1 if what == "streak_down" else 1), index=w.index).astype(
            float
        )
    else:
        series = w * (1 if _SUP_MAX.get(sup, True) else -1)
    if what in ("gain", "drop") or str(what).startswith("streak"):
        pass  # already signed so that the superlative ("worst drop", "largest gain") is the max
    cur_t = series.index[-1]
    cur = float(series.iloc[-1])
    if c.extra.get("anchor_day"):
        wd = _weekday_problem(c, a_first) if c.extra.get("anchor_weekday") is not None else ""
        if (
            c.extra.get("anchor_weekday") is not None
            and a_first.weekday() != c.extra["anchor_weekday"]
        ):
            wd = f"{a_first} was a {WEEKDAYS[a_first.weekday()].title()}, not a {WEEKDAYS[c.extra['anchor_weekday']].title()}"
        if wd:
            return Outcome(False, wd, "exact calendar match", None)
        then = on(series, a_first)
        if then is None:
            return Outcome(False, f"no {sid} session on {a_first}", "exact calendar match", None)
        mid = series.loc[ts(a_first) + pd.Timedelta(days=1) : cur_t - pd.Timedelta(days=1)]
        between_ok = bool((mid < cur).all())
        # a later day beyond today's value contradicts "the highest since D"; D itself below today
        # may be a close against an intraday extreme, so that alone is not judged
        ok = True if (then >= cur and between_ok) else (False if not between_ok else None)
        ev = (f"now ({iso(cur_t)}) {cur:.2f}; on {a_first} {then:.2f}; between them at most "
              f"{float(mid.max()) if len(mid) else float('nan'):.2f}")  # fmt: skip
        return Outcome(ok, ev, "exact comparison", round(cur, 4))
    mid = series.loc[ts(a_last) + pd.Timedelta(days=1) : cur_t - pd.Timedelta(days=1)]
    worse = mid[mid > cur]
    ev = f"now ({iso(cur_t)}) {cur:.2f}; values above it since {a_last}: " + (
        ", ".join(f"{iso(t)} {x:.2f}" for t, x in worse.iloc[:4].items()) or "none"
    )
    return Outcome(len(worse) == 0, ev, "exact comparison", round(cur, 4))


def _since_inflation(c: Claim, m: Market) -> Outcome:
    """ "The slowest headline pace since early 2021": the latest year-over-year rate published by
    the article's date against every rate since the anchor."""
    subj = c.subject
    assert subj is not None
    sid, s = _macro_series(subj.key, "yoy", m)
    if s is None:
        return _na(f"no {subj.name} series in the store", subj.settle)
    yoy = _macro_values(s, "yoy", subj.key == "gdp")
    a_last = c.extra.get("anchor_last")
    if not len(yoy) or a_last is None or yoy.index[0].start_time.date() > a_last:
        return _na(f"{sid} does not cover the period since {a_last}", subj.settle)
    cur_p, cur = yoy.index[-1], float(yoy.iloc[-1])
    low = not _SUP_MAX.get(c.extra.get("sup", ""), True)
    mid = yoy[(yoy.index > pd.Period(a_last, "M")) & (yoy.index < cur_p)]
    worse = mid[mid < cur] if low else mid[mid > cur]
    ev = (f"{sid} year-over-year, latest published by {m.as_of}: {cur_p} {cur:.2f}%; "
          f"{'lower' if low else 'higher'} since {a_last:%Y-%m}: "
          + (", ".join(f"{p} {x:.2f}%" for p, x in worse.sort_values(ascending=low).iloc[:4].items()) or "none"))  # fmt: skip
    return Outcome(len(worse) == 0, ev, "exact comparison of year-over-year rates", round(cur, 4))


_SUP_MAX = {"highest": True, "largest": True, "biggest": True, "best": True, "strongest": True,
            "fastest": True, "lowest": False, "worst": False, "weakest": False, "slowest": False,
            "smallest": False, "steepest": False}  # fmt: skip


def judge_first_cross(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    got = _daily(c, m)
    if isinstance(got, Outcome):
        return got
    sid, s = got
    L = float(c.level or 0)
    scope_year = c.extra.get("scope_year")
    w = upto(s, m.as_of)
    if scope_year:
        w = w.loc[pd.Timestamp(scope_year, 1, 1) :]
    elif (w.iloc[:20] >= L).any():
        return _na(
            f"{sid} history in the store starts {iso(s.index[0])} already at or above {_f(L, 0)}"
        )
    above = w[w >= L]
    if above.empty:
        return Outcome(
            False,
            f"no {sid} close at or above {_f(L, 0)} up to {m.as_of}",
            "exact trading day",
            None,
        )
    first = above.index[0]
    ev = f"first {sid} close at or above {_f(L, 0)}{f' in {scope_year}' if scope_year else ''}: {iso(first)} ({_f(float(above.iloc[0]))})"
    if not c.extra.get("date_stated"):
        # "for the first time" about the article's day: the first close above must be that day
        return Outcome(
            first.date() == day or None if first.date() < day else first.date() == day,
            ev,
            "exact trading day",
            iso(first),
        )
    if first.date() == day:
        return Outcome(True, ev, "exact trading day", iso(first))
    extra = (
        f"; {day} was a {WEEKDAYS[day.weekday()].title()} with no session"
        if on(s, day) is None
        else ""
    )
    return Outcome(False, ev + extra, "exact trading day", iso(first))


def judge_extreme(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    got = _daily(c, m)
    if isinstance(got, Outcome):
        return got
    sid, s = got
    w = upto(s, m.as_of)
    window, year = c.extra.get("window"), c.extra.get("year")
    if c.extra.get("prior"):
        w = w.iloc[: w.index.searchsorted(ts(m.as_of))]  # the record before the article's day
        if len(w) < 250:
            return _na(f"{sid} history is too short")
    elif window == "52w":
        w = w.loc[ts(m.as_of) - pd.Timedelta(days=365) :]
    elif window == "year":
        y = year or day.year
        w = w.loc[pd.Timestamp(y, 1, 1) : pd.Timestamp(y, 12, 31)]
    elif len(w) < 250 * 10:
        return _na(
            f"{sid} history in the store starts {iso(s.index[0])}: too short for an all-time extreme"
        )
    if w.empty:
        return _na(f"no {sid} data for the window")
    mx = c.extra.get("extreme") == "max"
    t = w.idxmax() if mx else w.idxmin()
    val = float(w.loc[t])
    ev = f"{'highest' if mx else 'lowest'} {sid} close in the window: {_f(val)} on {iso(t)}"
    problems = []
    if c.level is not None and abs(c.level / val - 1) > 0.0005:
        problems.append(f"stated {_f(c.level)}")
    if c.extra.get("date_stated") and c.date is not None and c.date != t.date():
        problems.append(f"stated date {c.date}")
    wd = _weekday_problem(c, c.date)
    if wd:
        problems.append(wd)
    if problems:
        return Outcome(
            False, ev + "; " + "; ".join(problems), "exact trading day; level within 0.05%", val
        )
    return Outcome(True, ev, "exact trading day; level within 0.05%", val)


def judge_close_on_date(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    got = _daily(c, m)
    if isinstance(got, Outcome):
        return got
    sid, s = got
    if ts(day) < s.index[0] or ts(day) > s.index[-1]:
        return _na(
            f"{day} is outside the store's {sid} history", c.subject.settle if c.subject else ""
        )
    L = float(c.level or 0)
    problems = []
    wd = _weekday_problem(c, day)
    if wd:
        problems.append(wd)
    val = on(s, day)
    if val is None:
        near = s.loc[ts(day) - pd.Timedelta(days=7) : ts(day) + pd.Timedelta(days=7)]
        match = [iso(t) for t, x in near.items() if abs(x / L - 1) <= 0.0005]
        problems.append(f"no {sid} close on {day} ({WEEKDAYS[day.weekday()].title()}: not a trading day)"
                        + (f"; {_f(L)} is the close of {', '.join(match)}" if match else ""))  # fmt: skip
    elif abs(val / L - 1) > 0.0005:
        problems.append(f"{sid} {day} close = {_f(val)}, not {_f(L)}")
    if problems:
        return Outcome(False, "; ".join(problems), "exact trading day; level within 0.05%", val)
    return Outcome(
        True,
        f"{sid} {day} ({WEEKDAYS[day.weekday()].title()}) close = {_f(val or 0)}",
        "exact trading day; level within 0.05%",
        val,
    )


# ------------------------------------------------------------------------------- yields, macro
def judge_yield(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    subj = c.subject
    assert subj is not None
    got = m.daily(subj)
    stated = float(c.stated_value or 0)
    if got is not None and ts(day) <= got[1].index[-1]:
        sid, s = got
        cur = _period_end(c, day, s) if c.measure == "yield_change" else on_or_before(s, day)
        if cur is None:
            return _na(f"no {sid} value on or before {day}", subj.settle)
        if c.measure == "yield_change":
            start = _period_start(c, s, cur[0], m)
            if isinstance(start, Outcome):
                return start
            comp = (cur[1] - start[1]) * 100
            band = bp_band(stated, c.comparator, c.hedge)
            ev = f"{sid} {iso(cur[0])} {cur[1]:.2f}% − {start[2]} {iso(start[0])} {start[1]:.2f}% = {comp:+.0f} bp vs stated {stated:+g} bp"
            return _verdict(band, comp, ev)
        band = yield_band(
            stated, c.decimals, c.comparator, c.hedge, close=bool(c.extra.get("close"))
        )
        ev = f"{sid} {iso(cur[0])} close {cur[1]:.2f}% vs stated {c.hedge + ' ' if c.hedge else ''}{stated:g}%"
        return _verdict(band, cur[1], ev)
    mon = next((m.series(sid) for sid in subj.series if m.frequency(sid) == "monthly"), None)
    if mon is not None and c.measure == "yield":
        t = pd.Timestamp(day.year, day.month, 1)
        if t in mon.index:
            avg = float(mon.loc[t])
            ev = f"{t:%Y-%m} monthly average {avg:.2f}% vs stated {stated:g}%"
            if abs(stated - avg) > 0.40 and c.comparator == "=":
                return Outcome(
                    False,
                    ev + " (more than 0.40pp apart)",
                    "one day vs the monthly average: > 0.40pp",
                    avg,
                )
            return _na(
                ev + "; a monthly average cannot settle a one-day level this close", subj.settle
            )
    return _na(f"no daily data for {subj.name} on {day} in the store", subj.settle)


_MACRO_LAG_GRACE = 45  # days after a period's end by which every US monthly release is out
_MACRO_SERIES = {
    ("cpi", "yoy"): ("cpi_u", "cpi_u_sa"), ("cpi", "mom"): ("cpi_u_sa", "cpi_u"),
    ("core_cpi", "yoy"): ("core_cpi",), ("core_cpi", "mom"): ("core_cpi",),
    ("core_pce", "yoy"): ("core_pce",), ("core_pce", "mom"): ("core_pce",),
    ("unrate", "level"): ("unrate",), ("gdp", "annualized"): ("gdp_real",), ("gdp", "yoy"): ("gdp_real",),
}  # fmt: skip


def judge_macro(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    """A macro figure against the series as published: the month (quarter) the sentence names,
    read once it was out; else the latest release by the article's date, or the one after it
    when its period had ended (the release lag in the catalog is approximate)."""
    subj = c.subject
    assert subj is not None
    transform = str(c.extra.get("transform"))
    if subj.key == "payems":
        return _na(
            "payrolls are revised after their first release; the store holds the current vintage",
            subj.settle,
        )
    if (subj.key, "yoy") not in _MACRO_SERIES and (subj.key, transform) not in _MACRO_SERIES:
        return _na(f"no {subj.name} series in the store", subj.settle)
    readings = ["yoy", "mom"] if transform == "any" else [transform]
    stated = float(c.stated_value or 0)
    band = pct_band(stated, c.decimals, c.comparator, c.hedge)
    if transform in ("mom", "annualized", "any") or subj.key in ("core_cpi", "core_pce", "gdp"):
        # seasonally adjusted or revised series: a small gap may be a revision, not an error
        w = 1.5 if subj.key == "gdp" else 0.3
        band = Band(band.lo, band.hi, min(band.c_lo, stated - w), max(band.c_hi, stated + w),
                    band.text + f"; a revised or seasonally adjusted series: contradicted only beyond ±{w:g}pp")  # fmt: skip
    p = c.period
    stated_period = p is not None and p.first is not None
    if stated_period and p is not None and p.last is not None and p.last > m.as_of:
        return _na(f"{p.text} had not ended by the article's date {m.as_of}")
    notes: list[str] = []
    results: list[bool | None] = []
    for tr in readings:
        sid, s = _macro_series(subj.key, tr, m.later(m.as_of + dt.timedelta(days=_MACRO_LAG_GRACE)))
        if s is None:
            notes.append(f"no {subj.name} series for {tr}")
            continue
        quarterly = subj.key == "gdp"
        freq = "Q" if quarterly else "M"
        vals = _macro_values(s, tr, quarterly)
        if stated_period and p is not None and p.first is not None:
            periods = [pd.Period(p.first, freq)]
        else:
            known = m.series(sid)  # what the article's date knew, from its catalog's release lag
            if known is None or not len(known):
                notes.append(f"no {sid} figure public by {m.as_of}")
                continue
            last = pd.Period(known.index[-1], freq)
            periods = [last] + ([last + 1] if (last + 1).end_time.date() < m.as_of else [])
        for per in periods:
            if per not in vals.index:
                notes.append(f"no {sid} value for {per}")
                continue
            comp = float(vals.loc[per])
            results.append(band.verdict(comp))
            notes.append(f"{sid} {per} {tr} = {comp:.2f}% vs stated {stated:g}%")
    found = [n for n in notes if not n.startswith("no ")]
    if not results:
        return _na("; ".join(notes), subj.settle)
    if any(r is True for r in results):
        i = results.index(True)
        return Outcome(True, found[i], band.text, None)
    if all(r is False for r in results):
        return Outcome(False, "; ".join(found), band.text, None)
    return Outcome(
        None, "; ".join(found) + "; close to the stated figure: not judged", band.text, None
    )


def _macro_series(key: str, transform: str, m: Market) -> tuple[str, pd.Series | None]:
    order = _MACRO_SERIES.get((key, transform), ())
    for sid in order:
        s = m.series(sid)
        if s is not None:
            return sid, s
    return (order[0] if order else key), None


def _macro_values(s: pd.Series, transform: str, quarterly: bool = False) -> pd.Series:
    """Year-over-year, month-over-month (quarter-over-quarter) or annualized rates in percent, or
    the level, indexed by period."""
    per = s.copy()
    per.index = per.index.to_period("Q" if quarterly else "M")
    if transform == "level":
        return per
    if transform == "annualized":
        return ((per / per.shift(1)) ** 4 - 1).dropna() * 100
    lag = (4 if quarterly else 12) if transform == "yoy" else 1
    prev = per.copy()
    prev.index = prev.index + lag
    return ((per / prev.reindex(per.index)) - 1).dropna() * 100


def _fed_target_move(m: Market, day: dt.date) -> tuple[float, float, str] | None:
    """(change in bp, target after, evidence) of a decision in the store's FOMC target series."""
    tgt = m.series("fed_target")
    if tgt is None or ts(day) > tgt.index[-1] + pd.Timedelta(days=2):
        return None
    got = on_or_before(tgt, day)
    if got is None or (day - got[0].date()).days > 1:
        return None
    prev = before(tgt, got[0])
    if prev is None:
        return None
    chg = (got[1] - prev[1]) * 100
    return (
        chg,
        got[1],
        f"fed_target {iso(prev[0])} {prev[1]:.2f}% → {iso(got[0])} {got[1]:.2f}% ({chg:+.0f} bp)",
    )


def _effective_move(m: Market, day: dt.date) -> tuple[float, float, str] | None:
    """(change in bp, rate after, evidence) of the daily effective fed funds rate around ``day``."""
    eff = m.later(day + dt.timedelta(days=10)).series("fedfunds_daily")
    if eff is None or ts(day) + pd.Timedelta(days=5) > eff.index[-1]:
        return None
    pre = eff.loc[ts(day) - pd.Timedelta(days=8) : ts(day)].iloc[-3:]
    post = eff.loc[ts(day) + pd.Timedelta(days=1) : ts(day) + pd.Timedelta(days=8)].iloc[:3]
    if not len(pre) or not len(post):
        return None
    chg = (float(post.mean()) - float(pre.mean())) * 100
    ev = f"effective fed funds rate {float(pre.mean()):.2f}% before {day}, {float(post.mean()):.2f}% after ({chg:+.0f} bp)"
    return chg, float(post.mean()), ev


def judge_fed(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    """A Fed decision on ``day``: the store's target series (to 2022) and the daily effective rate
    (which moves with the target; to 2023). Supported if either shows the move; contradicted only
    if every source there is shows a different one (the target file has known gaps)."""
    sources = [x for x in (_fed_target_move(m, day), _effective_move(m, day)) if x is not None]
    if not sources:
        return _na("the store holds no Fed decision or daily effective rate for that date",
                   "the Fed's target range by meeting (fed_target) or the daily effective rate (fedfunds_daily)")  # fmt: skip
    ev = "; ".join(x[2] for x in sources)
    if c.measure == "fed_range":
        lo, hi = float(c.level or 0), float(c.extra.get("high") or 0)
        oks = [lo - 0.02 <= x[1] <= hi + 0.02 for x in sources]
        return Outcome(
            any(oks) or (False if len(sources) > 1 else None),
            ev,
            "the rate after the decision inside the range",
            None,
        )
    stated = float(c.stated_value or 0)
    band = Band(
        stated - 6,
        stated + 6,
        stated - 15,
        stated + 15,
        "±6 bp of the move (the effective rate drifts a few bp)",
    )
    oks = [band.verdict(x[0]) for x in sources]
    if any(o is True for o in oks):
        return Outcome(True, ev, band.text, sources[oks.index(True)][0])
    if len(oks) > 1 and all(o is False for o in oks):
        return Outcome(False, ev, band.text, sources[0][0])
    return Outcome(None, ev + "; one source only, or close: not judged", band.text, sources[0][0])


def judge_toward(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    got = _daily(c, m)
    if isinstance(got, Outcome):
        return got
    sid, s = got
    cur = on_or_before(s, day)
    if cur is None or ts(day) > s.index[-1] + pd.Timedelta(days=4):
        return _na(f"no {sid} close on {day}")
    L = float(c.level or 0)
    below = c.direction > 0  # "ascent toward L": not reached yet
    ev = f"{sid} {iso(cur[0])} close {_f(cur[1])} vs {_f(L, 0)}"
    if (cur[1] < L) == below:
        return Outcome(
            True, ev + f" ({'below' if below else 'above'} it)", "the level on the day", cur[1]
        )
    if abs(cur[1] / L - 1) > 0.001:
        w = upto(s, day)
        crossed = w[w >= L] if below else w[w <= L]
        first = (
            f"; first close {'at or above' if below else 'at or below'} it: {iso(crossed.index[0])}"
            if len(crossed)
            else ""
        )
        return Outcome(
            False,
            ev + f": already {'above' if below else 'below'} it{first}",
            "the level on the day (0.1% margin)",
            cur[1],
        )
    return Outcome(
        None, ev + "; within 0.1% of it: not judged", "the level on the day (0.1% margin)", cur[1]
    )


def judge_annual_streak(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    got = _daily(c, m)
    if isinstance(got, Outcome):
        return got
    sid, s = got
    n = int(c.extra.get("n") or 0)
    thr = float(c.extra.get("threshold") or 0)
    sign = c.direction or 1
    w = upto(s, day)
    ye = w.groupby(w.index.year).last()
    last_day = w.groupby(w.index.year).apply(lambda x: x.index[-1])
    # the last complete year: the latest year whose last session is in the data, in December
    years = [y for y in ye.index if last_day[y].month == 12 and last_day[y].day >= 24]
    if not years or n <= 0:
        return _na(f"no complete year of {sid} closes up to {day}")
    last = years[-1]
    span = list(range(last - n + 1, last + 1))
    if (last - n) not in ye.index:
        return _na(
            f"needs year-end {sid} closes from {last - n} to {last}",
            c.subject.settle if c.subject else "",
        )
    rets = {y: (ye[y] / ye[y - 1] - 1) * 100 for y in span}
    ok = all(r * sign > thr - 1e-9 for r in rets.values())
    ev = "year-end closes: " + ", ".join(f"{y} {r:+.2f}%" for y, r in rets.items())
    return Outcome(ok, ev, f"each year {'≥' if sign > 0 else '≤'} {sign * thr:g}%", None)


def judge_yield_distance(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    """ "Off 0.651 percentage point from its 52-week high of 4.231%": the closing yield minus the
    level stated, in basis points."""
    subj = c.subject
    assert subj is not None
    got = m.daily(subj)
    if got is None:
        return _na(f"no daily data for {subj.name}", subj.settle)
    sid, s = got
    cur = on_or_before(s, day)
    if cur is None or ts(day) > s.index[-1] + pd.Timedelta(days=4):
        return _na(f"no {sid} close on {day}", subj.settle)
    comp = (cur[1] - float(c.level or 0)) * 100
    stated = float(c.stated_value or 0)
    ev = f"{sid} {iso(cur[0])} close {cur[1]:.2f}% − {float(c.level or 0):g}% = {comp:+.0f} bp vs stated {stated:+g} bp"
    return _verdict(bp_band(stated, c.comparator, c.hedge), comp, ev)


def judge_direction(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    """ "Closed lower": the sign of the move over the period. Contradicted only when the move the
    other way exceeds 0.1% (0.5% when the S&P 500 stands for "stocks" in general)."""
    got = _daily(c, m)
    if isinstance(got, Outcome):
        return got
    sid, s = got
    end = _period_end(c, day, s)
    if end is None or ts(day) > s.index[-1] + pd.Timedelta(days=4):
        return _na(f"no {sid} close on {day}")
    start = _period_start(c, s, end[0], m)
    if isinstance(start, Outcome):
        return start
    comp = (end[1] / start[1] - 1) * 100
    margin = 0.5 if c.extra.get("proxy") else 0.1
    ev = f"{sid} {iso(end[0])} {_f(end[1])} / {start[2]} {iso(start[0])} {_f(start[1])} − 1 = {comp:+.2f}% (stated: {c.stated_value})"
    if comp * c.direction > 0:
        return Outcome(
            True,
            ev,
            f"the sign of the move; contradicted beyond {margin:g}% the other way",
            round(comp, 4),
        )
    if comp * c.direction < 0 and abs(comp) > margin:
        return Outcome(
            False,
            ev,
            f"the sign of the move; contradicted beyond {margin:g}% the other way",
            round(comp, 4),
        )
    return Outcome(
        None,
        ev + "; too small a move to judge",
        f"contradicted beyond {margin:g}% the other way",
        round(comp, 4),
    )


def judge_record_count(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    """ "Its 38th record high of 2025": the closes of the year up to the day that topped every
    earlier close (the store's history must start two years before the year)."""
    got = _daily(c, m)
    if isinstance(got, Outcome):
        return got
    sid, s = got
    year = int(c.extra.get("year") or day.year)
    if s.index[0] > pd.Timestamp(year - 2, 1, 1):
        return _na(f"{sid} history starts {iso(s.index[0])}: too short to count records in {year}")
    w = upto(s, day)
    prior_max = w.cummax().shift(1)
    records = w[(w > prior_max) & (w.index.year == year)]
    n = int(c.extra.get("n") or 0)
    ev = (
        f"{sid} closes above every earlier close in {year} up to {iso(w.index[-1])}: {len(records)}"
    )
    if len(records):
        ev += f" (the last on {iso(records.index[-1])})"
    is_record_today = len(records) and records.index[-1] == w.index[-1]
    ok = len(records) == n and bool(is_record_today) if "time" in c.quote else len(records) == n
    return Outcome(ok, ev, "exact count of record closes", len(records))


JUDGES: dict[str, Judge] = {
    "record_count": judge_record_count,
    "direction": judge_direction,
    "yield_distance": judge_yield_distance,
    "toward": judge_toward,
    "annual_streak": judge_annual_streak,
    "close": judge_close,
    "record": judge_record,
    "change": judge_change,
    "points_change": judge_change,
    "distance": judge_distance,
    "upside": judge_upside,
    "streak": judge_streak,
    "rank": judge_rank,
    "since": judge_since,
    "first_cross": judge_first_cross,
    "extreme": judge_extreme,
    "close_on_date": judge_close_on_date,
    "yield": judge_yield,
    "yield_change": judge_yield,
    "macro": judge_macro,
    "fed_move": judge_fed,
    "fed_range": judge_fed,
}

_ = month_end
