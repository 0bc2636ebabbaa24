"""Verdicts: each frame judged against the store (as of the article's date) and the article's own
arithmetic.

The policy (see ``docs/claims.md``):

1. A forecast, a conditional, an intraday figure or a negated statement is ``unverifiable``.
2. A frame with a *missing* slot is ``unverifiable``; the evidence names the slot.
3. Otherwise the claim is read in every way its words allow (:func:`readings`): the *literal*
   readings (its date, or each candidate session of the article's date: that session and the
   one before) and the *alternative* ones (other conventions for where a period starts, the
   day's range when the words do not say "closed"). Each reading is judged by the measure's
   judge against a :class:`~thesis.claims.tolerance.Band`.
4. ``supported`` when a literal reading fits (the evidence says which, when there are several);
   ``contradicted`` only when every reading, literal and alternative, contradicts beyond the
   tolerance; otherwise ``unverifiable``, and the evidence names the readings and what each gave.
5. A frame with an *assumed* slot (a default reading) or a *loose* one (bound too loosely for a
   contradiction: see :func:`thesis.claims.binding.strict_gaps`) can be supported, never
   contradicted; a contradiction by the calendar alone (no session on the named day) needs no
   strict subject.
6. Data that does not cover the claim's period gives ``unverifiable`` with what would settle it.

The arithmetic runs on plain lists (:class:`~thesis.claims.market.Series`): one series and a few
hundred operations a claim, which needs neither pandas nor numpy.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from thesis.claims import searches as _s
from thesis.claims.averages import judge_average
from thesis.claims.closures import judge_closure
from thesis.claims.fed_decisions import judge_fed, judge_fed_count, judge_fed_first_since
from thesis.claims.fed_meetings import judge_fed_meeting
from thesis.claims.frames import (
    CLOSING_VERB_WORDS,
    CONTRADICTED,
    MOVE_WITH_CLOSE_WORDS,
    OR_ITS_LAST_SESSION,
    SUPPORTED,
    UNVERIFIABLE,
    CheckedClaim,
    Claim,
    PeriodSpec,
)
from thesis.claims.level_runs import judge_level_run
from thesis.claims.market import (
    Market,
    Series,
    add_months,
    before,
    iso,
    on,
    on_or_before,
    sessions_between,
    sessions_near,
)
from thesis.claims.near_record import NEAR_PCT
from thesis.claims.opens import judge_session_open
from thesis.claims.record_streaks import judge_record_streak
from thesis.claims.regimes import judge_regime
from thesis.claims.streaks import judge_move_streak
from thesis.claims.subjects import PRICE_KINDS, subject_by_key, total_return_of
from thesis.claims.thresholds import judge_threshold
from thesis.claims.tolerance import (
    BP_SOURCE_TOL,
    DEFAULT_REVISION,
    LEVEL_TOL,
    REVISIONS,
    Band,
    bp_band,
    is_revised,
    level_band,
    pct_band,
    points_band,
    revision_band,
    session_pct_band,
    yield_band,
)
from thesis.claims.weekday_dates import judge_weekday_date
from thesis.errors import StoreError
from thesis.text.dates import WEEKDAYS

__all__ = ["Reading", "check_claims", "judge", "readings"]

_DAY = dt.timedelta(days=1)


@dataclass
class Outcome:
    """A judge's answer on one reading: ``ok`` True/False/None, evidence, tolerance, value."""

    ok: bool | None
    evidence: str
    tolerance: str = "n/a"
    computed: float | str | None = None
    settle: str = ""
    calendar: bool = False  # contradicted by the calendar alone (no session on the named day)


@dataclass(frozen=True)
class Reading:
    """One way to read a claim: the day it is judged on, the frame (with its period), a label
    for the evidence, and whether it is a literal reading of the words (a claim is supported
    only by a literal reading, contradicted only when every reading contradicts)."""

    day: dt.date
    claim: Claim
    label: str
    literal: bool = True
    searched: bool = False  # a period the words do not state, tried by :func:`thesis.claims.searches.searched_periods`


def _f(x: float, d: int = 2) -> str:
    return f"{x:,.{d}f}"


_SAME_PERIOD_WORDS = re.compile(r"\b(?:same|that)\b", re.I)


def _na(why: str, settle: str = "") -> Outcome:
    return Outcome(None, why, settle=settle)


Judge = Callable[[Claim, dt.date, Market, list[Claim]], Outcome]

_WHY_QUAL = {
    "forecast": "a forecast, an expectation or a hypothesis: data up to the article's date cannot settle it",
    "intraday": "an intraday figure (a session high or low, 'as much as', a time of day): daily closes cannot settle it",
    "negated": "a negated statement: the checker does not judge negations",
    "conditional": "a hypothetical or conditional statement (what would, could or might happen, or "
    "what must happen for something else): not a claim that it happened",
    "definition": "a definition (a bear market, a correction), not a statement about the data",
    "average": "an average, annualised or compound rate: the checker computes a change over a "
    "period, not its average per year",
    "extended": "a move or level in after-hours, premarket or extended trading: the regular "
    "session's closes cannot settle it",
    "count": "a count of occurrences or records, a share of occasions or a threshold ('N times', "
    "'on N days', 'record highs 37', '71% of the time', 'at 10 or lower'), not a level on a day",
}
#: the qualifiers that leave a claim unverifiable, in the order their reasons are given
_QUAL_ORDER = (
    "negated", "average", "extended", "count", "intraday", "forecast", "conditional", "definition",
)  # fmt: skip
_SLOT_WORDS = {
    "subject": "the series it is about (no index, yield or rate is named in its sentence)",
    "date": "the day it is about",
    "period": "the period of the change (no words such as 'today', 'this week', 'year-to-date', 'in November')",
}


def check_claims(claims: list[Claim], market: Market, text: str = "") -> list[CheckedClaim]:
    """Judge each claim; a claim that cannot be judged is ``unverifiable`` with the reason.

    ``text`` is the article's text (the levels a claim's own sentence states are one of the
    readings that keep it from a contradiction: :mod:`thesis.claims.explained`).

    A :class:`~thesis.errors.StoreError` (a damaged or locked store) is raised, never turned into
    "no data".
    """
    out = []
    market.session = article_session(claims, market)
    for c in claims:
        try:
            out.append(judge(c, claims, market, text))
        except StoreError:
            raise
        except Exception as e:  # one odd claim must not sink the report; say why it was not judged
            out.append(
                CheckedClaim(
                    c, UNVERIFIABLE, f"could not be judged ({type(e).__name__}: {e})", "n/a"
                )
            )
    return _restatements(out, claims, market, text)


#: what may stand between a move in points and its restatement in percent ("24.33 points, or
#: -0.08%", "105.23 points (2.11%)")
_RESTATED = re.compile(r"^\s*(?:points?|pts?)?\s*(?:,\s*or|or|\(|,)\s*[+\-−]?\s*$", re.I)


def _restatements(
    out: list[CheckedClaim], claims: list[Claim], m: Market, text: str
) -> list[CheckedClaim]:
    """A move in points and its restatement in percent are one move ("the S&P 500 dropped 24.33
    points, or -0.08%"). When the points fit a day and a period to their last digit, with a
    match by luck unlikely (:mod:`thesis.claims.searches`), that day and period are the
    percent's too: an unverifiable percent is judged on them, and contradicted by the data
    there (the points pin the frame the percent's own words left open). Other verdicts stay.

    The passes that read one claim through another run here too: a close found in the data pins
    the percent written after it (:func:`_pin_to_a_found_close`), and a session dated on a day no
    market traded adds a date claim (:func:`_sessions_on_closed_days`)."""
    if not text:
        return out
    try:
        _pin_restatements(out, claims, m, text)
        _pin_to_a_found_close(out, claims, m, text)
        out.extend(_sessions_on_closed_days(claims, m))
        out.sort(key=lambda r: r.claim.start)
    except StoreError:
        raise
    except Exception:  # a restatement that cannot be read keeps the verdicts already given
        pass
    return out


def _pin_restatements(out: list[CheckedClaim], claims: list[Claim], m: Market, text: str) -> None:
    for p in list(out):
        if p.verdict != SUPPORTED or p.claim.measure != "points_change":
            continue
        if p.claim.subject is None or p.claim.missing or "subject" in p.claim.assumed:
            continue  # its series was found by a search, not bound by its words
        fit = _fitting_reading(p.claim, claims, m)
        if fit is None or not _s.exact(p.claim, p.computed):
            continue
        if _s.move_luck(fit.claim, fit.day, m) > _s.LIMIT:
            continue
        for j, q in enumerate(out):
            c = q.claim
            if q.verdict != UNVERIFIABLE or c.measure != "change" or c.qualifiers or c.hedge:
                continue
            figure = text.rfind(f"{abs(float(c.stated_value or 0)):.{c.decimals}f}", c.start, c.end)
            if figure < 0 or not _RESTATED.match(text[p.claim.end : figure]):
                continue
            if "respectively" in text[figure : figure + 80].lower():
                continue  # "X points and 1.01 points, or -0.24% and -0.03%, respectively"
            cc = dataclasses.replace(c, subject=fit.claim.subject, period=fit.claim.period,
                                     assumed=[], loose={}, missing=[])  # fmt: skip
            o = judge_change(cc, fit.day, m, claims)
            if o.ok is False:
                ev = (f"{o.evidence} (the {p.claim.stated_value:g} points it restates fit "
                      f"{fit.day} to their last digit: that day and period are its own)")  # fmt: skip
                out[j] = CheckedClaim(c, CONTRADICTED, ev, o.tolerance, o.computed)


#: what may stand between a close and the session's move stated right after it ("Close
#: 6,449.15, -0.31%", "6,909.79 (+0.17%)")
_MOVE_AFTER_CLOSE = re.compile(r"^\s*(?:,|\(|;|/)?\s*$")


#: words after a percentage that name what it is measured from ("-17.6% from $613.23", "12%
#: below its high"): not the session's move
_BASE_AFTER = re.compile(
    r"\s*%?\s*(?:from|off|below|above|since|than|versus|vs\.?|over|under)\b", re.I
)


#: words before a level that make it the base of the move after it ("at 252.70 versus 252.08
#: (+0.25%)", "compared with 4,102.15")
_BASE_BEFORE = re.compile(r"\b(?:versus|vs\.?|compared (?:with|to)|against|from)\s*$", re.I)


def _pin_to_a_found_close(
    out: list[CheckedClaim], claims: list[Claim], m: Market, text: str
) -> None:
    """A level found in the data as a close to its last digit (:func:`thesis.claims.searches.
    searched_level`, a bound series with no measure) pins the day of a signed percentage written
    right after it ("S&P 500: Close 6,449.15, -0.31%"): that percentage is the session's move on
    that day, supported or contradicted there."""
    for p in list(out):
        if p.verdict != SUPPORTED or p.claim.measure != "other":
            continue
        pin = _s.found_close(p.claim, claims, m, text)
        if pin is None:
            continue
        subj, day = pin
        level_end = text.rfind(str(p.claim.stated_value), p.claim.start, p.claim.end)
        if level_end < 0 or _BASE_BEFORE.search(text[max(0, level_end - 20) : level_end]):
            continue  # "IWM at 252.70 versus 252.08 (+0.25%)": the close it is measured from
        level_end += len(str(p.claim.stated_value))
        for j, q in enumerate(out):
            c = q.claim
            if q.verdict != UNVERIFIABLE or c.measure != "other" or c.qualifiers or c.hedge:
                continue
            pct = _s.signed_pct(c)
            at = text.find(str(c.stated_value), level_end, c.end) if pct is not None else -1
            if (
                pct is None
                or pct[2] == 0
                or at < 0
                or not _MOVE_AFTER_CLOSE.match(text[level_end:at])
                or _BASE_AFTER.match(text, at + len(str(c.stated_value)))
            ):
                continue  # "$505.28, -17.6% from $613.23": a move from the level it names
            value, decimals, sign = pct
            cc = dataclasses.replace(
                c, measure="change", subject=subj, stated_value=sign * value, decimals=decimals,
                direction=sign, period=PeriodSpec("day", "the session of the close it follows"),
                assumed=[], loose={}, missing=[],
            )  # fmt: skip
            o = judge_change(cc, day, m, claims)
            note = f" (the session of the close it follows, {p.claim.stated_value} on {day})"
            moved = dataclasses.replace(c, kind="pct_change")  # a session's move, as judged
            if o.ok is False:
                out[j] = CheckedClaim(
                    moved, CONTRADICTED, o.evidence + note, o.tolerance, o.computed
                )
            elif o.ok is True:
                out[j] = CheckedClaim(moved, SUPPORTED, o.evidence + note, o.tolerance, o.computed)


def _sessions_on_closed_days(claims: list[Claim], m: Market) -> list[CheckedClaim]:
    """A close or a session's move dated by a full date on which no US market traded ("On
    January 6, 2024, the index ... closed at 4,839.81", a Saturday): the date itself is
    contradicted by the calendar, as a claim of its own (a close so dated is then not read on
    another day: :func:`_day_judged_apart`; a move's verdict stays its own). One claim per date."""
    out: list[CheckedClaim] = []
    seen: set[int] = set()
    for c in claims:
        span = c.extra.get("stated_day")
        if not isinstance(span, tuple) or c.measure not in ("close", "change", "points_change"):
            continue
        if c.measure != "close" and (
            c.period is None or c.period.kind != "day" or "period" in c.assumed
        ):
            continue  # a session's move only ("rose 1% on December 25"), not a period's
        if c.subject is None or c.date is None or span[0] in seen:
            continue
        if not _day_judged_apart(c, c.date, m):
            continue
        seen.add(span[0])
        d = Claim(
            quote=span[2], start=span[0], end=span[1], kind="date_fact", measure="session_day",
            subject=c.subject, stated_value=f"a session on {c.date.isoformat()}", date=c.date,
            bound={"date": span[2]}, rule="closed_day", id=f"{c.id}-day",
        )  # fmt: skip
        why = "a weekend" if c.date.weekday() >= 5 else "a market holiday"
        out.append(CheckedClaim(
            d, CONTRADICTED,
            f"no US market traded on {c.date.isoformat()} ({WEEKDAYS[c.date.weekday()].title()}, {why}); "
            f"the {c.subject.name} figure it dates ({c.quote!r}) cannot be that day's",
            "exact trading day",
        ))  # fmt: skip
    return out


def _fitting_reading(c: Claim, claims: list[Claim], m: Market) -> Reading | None:
    """The first literal reading of ``c`` that its judge supports, or ``None``."""
    fn = JUDGES.get(c.measure)
    if fn is None:
        return None
    for r in readings(c, m):
        if r.literal and not r.searched and _judge_reading(fn, r, m, claims).ok is True:
            return r
    return None


#: measures that state a day's close: a level, a record close, a first close beyond a level
_PINNING = frozenset({"close", "record", "first_cross"})


def article_session(claims: list[Claim], m: Market) -> dt.date | None:
    """The article's own session, when the article states its close: a level, a record or a
    first close beyond a level, bound to the article's date ("rose 0.6% today to close at
    5026.61", "closed above 5,000 for the first time" in a story dated that day) that the day's
    close fits and the session before's does not. Then the article was written after that close,
    and its "now" figures ("is up 4.8% this year so far") are read on that session only, not on
    the one before it as well (:func:`_candidate_days`). ``None`` when no such claim fits."""
    for c in claims:
        if c.measure not in _PINNING or c.missing or c.assumed or c.loose or c.qualifiers:
            continue
        if c.date is None or c.subject is None or c.extra.get("prior_event"):
            continue
        own = c.extra.get("article_date") and c.window is not None and c.window[0] == c.window[1]
        if not own and c.date != m.as_of:
            continue  # a day of its own words other than the article's ("today", its weekday)
        cal = _calendar(c, m)
        got = on_or_before(cal, m.as_of) if cal is not None else None
        if got is None or (m.as_of - got[0]).days > 4 or (not own and c.date != got[0]):
            continue
        prev = before(cal, got[0]) if cal is not None else None
        if prev is None:
            continue
        fn = JUDGES[c.measure]
        try:
            if fn(c, got[0], m, claims).ok is True and fn(c, prev[0], m, claims).ok is False:
                return got[0]
        except StoreError:
            raise
        except Exception:  # an odd claim is judged (and reported) by check_claims; skip it here
            continue
    return None


def judge(c: Claim, claims: list[Claim], m: Market, text: str = "") -> CheckedClaim:
    """The verdict on one claim (see the module docstring); ``text`` is the article's."""
    read = _thousands_separator(c, m)
    if read is c:
        out = _judge(c, claims, m, text)
        if out.verdict == CONTRADICTED and _cut_at_its_figure(c, text):
            ev = (f"{out.evidence}; not contradicted: the text stops right after its figure, "
                  "with no closing punctuation (an excerpt cut mid-number, perhaps)")  # fmt: skip
            return CheckedClaim(c, UNVERIFIABLE, ev, out.tolerance, out.computed,
                                settle="the whole text")  # fmt: skip
        if out.verdict == UNVERIFIABLE and c.extra.get("list_members") and _no_data(c, m):
            return _a_listed_name_holds(c, claims, m, text) or out
        if out.verdict == CONTRADICTED:
            return _moved_from_another_day(out, claims, m, text) or out
        return out
    out = _judge(read, claims, m, text)
    note = f" ({read.extra['thousands_separator']} read as {_f(float(read.stated_value or 0), 0)}: a dot separating thousands)"
    return dataclasses.replace(out, claim=c, evidence=out.evidence + note)


def _cut_at_its_figure(c: Claim, text: str) -> bool:
    """Whether the text ends with a digit inside the claim's words ("... from $9.97 to $11.0" at
    the end of a stored excerpt): the figure may have lost its last digits."""
    end = len(text.rstrip())
    return bool(text) and c.start < end <= c.end and text[end - 1].isdigit()


#: "down from last Friday's closing level of 4,697.53": the words between "from" and a level the
#: sentence moves from (no figure among them)
_FROM_LEVEL = re.compile(r"\bfrom\b[^.;\d]{0,60}$", re.I)


def _moved_from_another_day(
    out: CheckedClaim, claims: list[Claim], m: Market, text: str
) -> CheckedClaim | None:
    """A close contradicted on the day of another close the same sentence states of the same
    series, which it is the base of ("ended the week at 4,682.85, down from last Friday's closing
    level of 4,697.53" in a story dated the Monday after): the level moved from is another
    session's than the one moved to, whatever day its words were bound to. Unverifiable when the
    other close holds on that day; ``None`` otherwise."""
    c = out.claim
    if (
        c.measure != "close"
        or not text
        or not _FROM_LEVEL.search(text[max(0, c.start - 60) : c.start])
    ):
        return None
    for o in claims:
        if o is c or o.measure != "close" or o.subject != c.subject or o.date != c.date:
            continue
        if not (0 <= c.start - o.end <= 120) or "\n" in text[o.end : c.start]:
            continue
        if _judge(o, claims, m, text).verdict != SUPPORTED:
            continue
        ev = (f"{out.evidence}; not contradicted: it is the level the sentence moves from, to "
              f"{o.quote!r} on that day, so another session's")  # fmt: skip
        return CheckedClaim(c, UNVERIFIABLE, ev, out.tolerance, out.computed,
                            settle="words that name the day of the level moved from")  # fmt: skip
    return None


def _impossible_fall(c: Claim) -> CheckedClaim | None:
    """A price stated to have fallen by more than 100% ("the S&P 500 dropped 432% to 3932.69",
    "Amazon fell 706%": a decimal point lost): below zero whatever its day or period, so
    contradicted by arithmetic alone; ``None`` for anything else."""
    v = c.stated_value
    if c.measure != "change" or not isinstance(v, float) or c.subject is None:
        return None
    if c.subject.kind not in PRICE_KINDS or "subject" in c.missing or c.comparator in ("<=", "<"):
        return None
    if v > -100 or c.direction > 0:
        return None
    ev = (f"a fall of {abs(v):g}% would put {c.subject.name} below zero: a price cannot fall by "
          "more than 100% (a decimal point lost?)")  # fmt: skip
    return CheckedClaim(c, CONTRADICTED, ev, "arithmetic: a fall is at most 100%", None)


def _pinned_by_percent(
    c: Claim, claims: list[Claim], p0: float, close: float
) -> tuple[str, str] | None:
    """A move in points that its own percent contradicts ("up 11.20 points, or 0.28%" from
    3,691.96): when the percent fits the closes, the close the story used lies where the percent
    puts it (a preliminary close would move the percent too), so the points are the previous
    close times the percent, give or take its rounding. Returns (tolerance, evidence) when the
    stated points lie beyond that by more than their own rounding and a tenth; else ``None``."""
    if c.comparator not in ("=", "") or c.hedge or p0 <= 0:
        return None
    stated = abs(float(c.stated_value or 0))
    pct = next(
        (x for x in claims
         if x.measure == "change" and x.start == c.start and _same_period(x.period, c.period)
         and x.extra.get("own_amount") is not None
         and abs(abs(float(x.extra["own_amount"])) - stated) < 1e-9
         and x.comparator in ("=", "") and not x.hedge),
        None,
    )  # fmt: skip
    if pct is None:
        return None
    h = 0.5 * 10.0 ** -(pct.decimals or 0)
    p = abs(float(pct.stated_value or 0))
    if abs(abs(close / p0 - 1) * 100 - p) > h:
        return None  # the percent does not fit the closes: it pins nothing
    lo, hi = p0 * (p - h) / 100, p0 * (p + h) / 100
    tol = 0.5 * 10.0 ** (-c.decimals) + 0.05 + 0.1
    if lo - tol <= stated <= hi + tol:
        return None
    return (
        f"points: where its own percent puts the close, ±{tol:g}",
        f"its own {p:g}% of {_f(p0)} is {lo:.2f} to {hi:.2f} points, not {stated:g}",
    )


def _same_period(a: PeriodSpec | None, b: PeriodSpec | None) -> bool:
    """Whether two moves of one frame are over the same period: equal, or both a session."""
    return a == b or (a is not None and b is not None and a.kind == b.kind == "day")


def _own_move_arithmetic(c: Claim, m: Market) -> CheckedClaim | None:
    """A move stated three ways ("lost $26.60, or 1.69%, to settle at $1,650") on a series the
    store does not hold: the percent must be the amount over the level it started from (the
    level reached less the move), whatever the day; contradicted when it is not, beyond the
    rounding of all three figures and one unit of the percent's last digit (a close revised,
    a figure rounded twice); ``None`` otherwise (it agrees, or the data will judge it)."""
    amt, lvl, dec = c.extra.get("own_amount"), c.extra.get("pair_level"), c.decimals
    if c.measure != "change" or amt is None or not isinstance(lvl, float) or c.direction == 0:
        return None
    if c.hedge or c.comparator not in ("=", "") or c.extra.get("own_amount_hedged"):
        return None
    if not _no_data(c, m):
        return None
    x, stated = abs(float(amt)), abs(float(c.stated_value or 0))
    hx = 0.5 * 10.0 ** -int(c.extra.get("own_amount_decimals") or 0)
    hl = 0.5 * 10.0 ** -int(c.extra.get("pair_decimals") or 0)
    unit = 10.0 ** -(dec or 0)
    # the level before the move, on the direction the words give and on the other (a verb read
    # the wrong way, "gave up $8.76", must not make a contradiction of its own)
    for way in (c.direction, -c.direction):
        base = lvl - way * x
        if base - hl - hx <= 0 or x <= hx:
            return None
        lo = (x - hx) / (base + hl + hx) * 100
        hi = (x + hx) / (base - hl - hx) * 100
        if lo - unit <= stated <= hi + unit:
            return None
    base = lvl - c.direction * x
    ev = (
        f"the article's own figures: {x:g} / ({_f(lvl)} {'−' if c.direction > 0 else '+'} "
        f"{x:g}) = {x / base * 100:.2f}%, not {stated:g}% (no data for the series is needed)"
    )
    return CheckedClaim(c, CONTRADICTED, ev, f"arithmetic: ±{unit:g}pp beyond rounding", None)


def _adjusted_prices(c: Claim) -> bool:
    """Whether ``c``'s series is a share's or a fund's prices, which the store holds adjusted for
    later splits (and dividends): a level or a move in dollars can be confirmed, never refuted."""
    return c.subject is not None and c.subject.kind in ("stock", "etf")


def _no_data(c: Claim, m: Market) -> bool:
    """Whether the store holds no daily data of ``c``'s series up to the article's date (none, or
    a series that ends days before it)."""
    got = m.daily(c.subject) if c.subject is not None else None
    return got is None or _stale(got[1], m.as_of)


def _a_listed_name_holds(
    c: Claim, claims: list[Claim], m: Market, text: str
) -> CheckedClaim | None:
    """A claim about a list of names ("The S&P 500 and Nasdaq Composite have each risen 5.5%")
    bound to a name the store holds no data for: supported when another name of the list that the
    store holds fits it (the part the data can check holds; the evidence names the part it
    cannot). Never contradicted this way: the figure may be the other name's ("respectively"
    left unsaid)."""
    for subj in c.extra["list_members"]:
        if subj.kind == "market" or m.daily(subj) is None:
            continue  # a proxy for "stocks" is no name of the list
        extra = {k: v for k, v in c.extra.items() if k != "list_members"}
        got = _judge(dataclasses.replace(c, subject=subj, extra=extra), claims, m, text)
        if got.verdict == SUPPORTED:
            ev = (f"{got.evidence} (the claim names a list: {subj.name} holds it; no data for "
                  f"{c.subject.name if c.subject else 'the name it is bound to'})")  # fmt: skip
            return CheckedClaim(c, SUPPORTED, ev, got.tolerance, got.computed)
    return None


#: measures no price during a session can change: a release's figure, a Fed decision, a count of
#: decisions or records (a live story's intraday qualifier does not bear on them, `_judge`)
_NEVER_INTRADAY = frozenset({"macro", "fed_move", "fed_range", "fed_count", "record_count"})


#: words that make a figure quoted in a session its extreme, which no close settles
_SESSION_EXTREME_WORDS = frozenset(
    {"high", "low", "highs", "lows", "briefly", "touched", "touching", "peak", "peaked",
     "intraday", "session-high", "session-low"}
)  # fmt: skip


def _yield_quoted_in_session(
    c: Claim, claims: list[Claim], m: Market, text: str
) -> CheckedClaim | None:
    """A yield (or its change) quoted during the session ("The yield on the 10-year Treasury
    note rose 3 basis points to 4.23%" in a story written before the close): the closing
    yield's band already allows a quote from another source or time of day (± 0.05 pp, ± 5 bp
    for a change: :func:`thesis.claims.tolerance.yield_band`, :data:`BP_SOURCE_TOL`), so a fit
    there supports it; outside it the figure stays unverifiable, since a yield may move further
    within a session than between two closes' quotes (support only)."""
    if c.comparator == "intraday" or c.extra.get("session_extreme"):
        return None
    before = text[max(0, c.start - 40) : c.start].lower().split()[-4:]
    if not _SESSION_EXTREME_WORDS.isdisjoint([*before, *_words(c.quote)]):
        return None  # "a high of 3.01%", "it briefly dropped to 1.468%": the session's extreme
    got = judge(dataclasses.replace(c, qualifiers=[]), claims, m, text)
    if got.verdict != SUPPORTED or not isinstance(got.computed, float):
        return None
    if c.comparator in ("=", "") and isinstance(c.stated_value, (int, float)):
        # the quote's own band, never widened by a hedge: 0.05 pp for a level; under 5 bp for a
        # change (a live quote's change runs from the last close: its own drift adds to the gap)
        gap = abs(got.computed - float(c.stated_value))
        if (c.unit == "bp" and gap >= BP_SOURCE_TOL) or (c.unit != "bp" and gap > 0.05 + 1e-9):
            return None
    elif c.comparator not in (">=", "<="):
        return None
    ev = f"{got.evidence} (quoted during the session: the band allows a quote at another time)"
    return CheckedClaim(c, SUPPORTED, ev, got.tolerance, got.computed)


def _judge(c: Claim, claims: list[Claim], m: Market, text: str) -> CheckedClaim:
    if "intraday" in c.qualifiers and c.measure in _NEVER_INTRADAY:
        # "a report released Tuesday morning showed inflation decelerated to 3.1%": the morning
        # is the report's, and no session's prices change the figure
        c = dataclasses.replace(c, qualifiers=[q for q in c.qualifiers if q != "intraday"])
    if c.measure == "weekday":
        return judge_weekday_date(c)
    if c.measure == "closure":
        return judge_closure(c, m)
    found = _s.searched_level(c, claims, m, text) or _s.searched_move(c, claims, m, text)
    if found is not None:
        return found
    if c.measure == "other":
        return _unverifiable(c, _other_why(c))
    deepest = _period_extreme(c, m, claims)
    if deepest is not None:
        return deepest
    if (
        c.extra.get("session_extreme")
        and not c.missing
        and not {"negated", "forecast", "conditional", "definition", "average", "extended", "count"}
        & set(c.qualifiers)
    ):
        return _judge_session_bound(c, claims, m)
    if c.qualifiers == ["intraday"] and not c.missing:
        found = _s.close_gives_it(c, claims, m, text) or _intraday_pair(c, m)
        if found is None and c.measure in ("yield", "yield_change"):
            found = _yield_quoted_in_session(c, claims, m, text)
        if found is not None:
            return found
    for q in _QUAL_ORDER:
        if q in c.qualifiers:
            return _unverifiable(
                c,
                _WHY_QUAL[q],
                "the outcome, after the fact" if q in ("forecast", "conditional") else "",
            )
    impossible = _impossible_fall(c) or _own_move_arithmetic(c, m)
    if impossible is not None:
        return impossible
    if c.missing == ["subject"] and not c.extra.get("unknown_subject"):
        found = _s.searched_subject(c, claims, m, text)
        if found is not None:
            return found
    if (
        c.missing == ["period"]
        and not c.extra.get("unknown_period")
        and c.measure in ("change", "points_change")
    ):
        # "a 19.4% loss over the year" with no period the rules bind: the calendar periods
        # ending on its day, as for an assumed period (support only)
        cc = dataclasses.replace(c, missing=[], assumed=[*c.assumed, "period"],
                                 period=PeriodSpec("day", "the session (assumed)"))  # fmt: skip
        got = judge(cc, claims, m, text)
        if got.verdict == SUPPORTED and "the words state no period" in got.evidence:
            return CheckedClaim(c, SUPPORTED, got.evidence, got.tolerance, got.computed)
    if c.missing:
        slot = c.missing[0]
        if slot == "subject" and c.extra.get("unknown_subject"):
            why = f"its subject ({c.extra['unknown_subject']!r}) is not a series the checker knows"
        elif slot == "period" and _SAME_PERIOD_WORDS.search(str(c.extra.get("unknown_period", ""))):
            why = (f"not judged: its period ({c.extra['unknown_period']!r}) is another sentence's, "
                   "which its own words do not name")  # fmt: skip
        elif (
            slot == "period"
            and c.extra.get("unknown_period")
            and not _distributive_words(c.extra["unknown_period"])
        ):
            why = (
                f"not judged: its period ({c.extra['unknown_period']!r}) runs from an event, or "
                "over a time, the checker cannot place on the calendar"
            )
        elif slot == "period" and c.extra.get("unknown_period"):
            why = (
                f"not judged: its period ({c.extra['unknown_period']!r}) makes the figure hold for "
                "each part of it, not one change over the whole"
            )
        else:
            why = f"not judged: its {slot} is not stated ({_SLOT_WORDS.get(slot, slot)})"
        return _unverifiable(c, why, "a sentence that names it")
    fn = JUDGES.get(c.measure)
    if fn is None:
        return _unverifiable(c, f"no check for claims of type {c.measure!r}")
    if c.measure == "record" and c.loose and supported_close_within(c, claims, m, text) is not None:
        # a record level ("ended 2025 at a record high of 6,845.50"): the close its level half
        # states fits the bound series on the bound day, so the data confirm the binding its
        # record half shares; the record half is judged wherever the level half is
        c = dataclasses.replace(
            c, loose={k: v for k, v in c.loose.items() if k not in ("subject", "date")}
        )
    if (
        c.measure in ("change", "points_change")
        and ("subject" in c.assumed or "subject" in c.loose)
        and supported_close_within(c, claims, m, text) is not None
    ):
        # "large-cap stocks fell 0.49% to settle at 4,538.43": the close stated with the move is
        # the bound series' close on the bound day, so the data confirm the subject the words
        # only assumed (a market noun read as the S&P 500); the move is judged as a named one's
        c = dataclasses.replace(
            c,
            assumed=[a for a in c.assumed if a != "subject"],
            loose={k: v for k, v in c.loose.items() if k != "subject"},
            bound={**c.bound, "subject": f"{c.bound.get('subject', '')} (its stated close fits)"},
        )
    if (
        c.measure in ("change", "points_change")
        and "period" in c.assumed
        and c.bound.get("period") == "no period words"
        and not c.extra.get("sibling_check")
        and _session_sized(c, m)
        and _sibling_holds(c, claims, m, text)
    ):
        # "gained 57.48 points (+1.1%) to 5,696.21": the percent in the same words fits the
        # session, so the data confirm the session the words only assumed for the points
        c = dataclasses.replace(
            c,
            assumed=[a for a in c.assumed if a != "period"],
            bound={**c.bound, "period": "the session (the move stated with it fits the session)"},
        )
    if c.measure == "points_change" and isinstance(c.extra.get("tag_level"), float):
        stale = _quote_line_base(c, m)
        if stale is not None:
            return stale
    rs = readings(c, m)
    if not rs:
        return _unverifiable(c, f"no data for {c.subject.name if c.subject else 'its subject'} on or before {m.as_of}",
                             c.subject.settle if c.subject else "")  # fmt: skip
    results = [(r, _judge_reading(fn, r, m, claims)) for r in rs]
    out = _combine(c, _days_its_close_fits(c, results, m, claims), m)
    if out.verdict == CONTRADICTED and _too_big_for_a_session(c, m):
        why = (f"{out.evidence}; not contradicted: a move of {c.stated_value:g}% is beyond any "
               f"session of {c.subject.name if c.subject else 'its series'} in its words' reading, "
               "and no word says it was one session's")  # fmt: skip
        return CheckedClaim(c, UNVERIFIABLE, why, out.tolerance, out.computed,
                            settle="words that state its period")  # fmt: skip
    if out.verdict == CONTRADICTED and not _calendar_only(results):
        return _explained(out, rs[0].day, m, claims, text)
    return out


#: where the federal funds target's record starts (FRED's DFEDTAR, 1982-09-27): the ranks of a
#: policy rate "since" a time before it are not read on the effective rate's daily swings
_TARGET_ERA = dt.date(1982, 9, 27)

#: how far a volatility index's stated close may be from the stored one, in index points
_VOL_CENTS = 0.05

#: a session's move larger than this many daily deviations of its series is not read as one
#: session's when no word states its day's period (a 21% move of the S&P 500 "to 5,751")
_SESSION_SIGMAS = 8.0


def _too_big_for_a_session(c: Claim, m: Market) -> bool:
    """Whether ``c`` is a percent move read as one session's only by convention (no words state
    its period: "it has advanced about 21% to 5,751", "closed up 21%") and too large for one
    session of its series (:data:`_SESSION_SIGMAS` daily deviations): then the convention, not
    the article, is what the data contradicts. A move the words place on a day ("rose 21% on
    Tuesday") is still judged as that day's."""
    if (
        c.measure != "change"
        or c.period is None
        or c.period.kind != "day"
        or c.stated_value is None
    ):
        return False
    if c.bound.get("period") not in _CONVENTIONAL_SESSION and "period" not in c.assumed:
        return False
    got = m.daily(c.subject) if c.subject is not None else None
    sigma = m.sigma(got[0]) if got is not None else None
    return sigma is not None and abs(float(c.stated_value)) > _SESSION_SIGMAS * sigma


#: the words of a period bound to the session by convention only (``binding.bind_period``)
_CONVENTIONAL_SESSION = frozenset({MOVE_WITH_CLOSE_WORDS, CLOSING_VERB_WORDS})


#: how near the close a level read with its dot as a thousands separator must be, and how far the
#: decimal reading (:func:`_thousands_separator`)
_THOUSANDS_NEAR, _DECIMAL_FAR = 0.10, 0.50


def _thousands_separator(c: Claim, m: Market) -> Claim:
    """A level written "5.670" in a machine-translated text ("its new intraday high of 5.670") uses
    the dot as a thousands separator: read as 5,670 when that is within 10% of the series' last
    close and the decimal reading is more than half away from it (no index, stock or ETF price is
    both). Any other figure is returned as it is."""
    if c.unit not in ("points", "plain", "usd") or c.decimals != 3 or c.subject is None:
        return c
    value = c.stated_value
    if not isinstance(value, float) or not 1 <= value < 1000 or c.quote.count(f"{value:.3f}") == 0:
        return c
    got = m.daily(c.subject)
    last = on_or_before(got[1], c.date or m.as_of) if got is not None else None
    if last is None or not last[1]:
        return c
    big = value * 1000
    if abs(big / last[1] - 1) > _THOUSANDS_NEAR or abs(value / last[1] - 1) <= _DECIMAL_FAR:
        return c
    level = big if c.level == value else c.level
    extra = {**c.extra, "thousands_separator": f"{value:.3f}"}
    return dataclasses.replace(c, stated_value=big, decimals=0, level=level, extra=extra)


def _session_sized(c: Claim, m: Market) -> bool:
    """Whether a stated move is of a size one session can make: a fifth of the level at most
    ("lower at roughly 6,918 points" is a level its unit made a move of)."""
    got = m.daily(c.subject) if c.subject is not None else None
    last = on_or_before(got[1], c.date or m.as_of) if got is not None else None
    if last is None or not last[1]:
        return False
    v = abs(float(c.stated_value or 0))
    return v < 20 if c.measure == "change" else v < 0.2 * last[1]


def _sibling_holds(c: Claim, claims: list[Claim], m: Market, text: str) -> bool:
    """Whether the other move of the same subject and day in ``c``'s words (its percent for
    points, its points for a percent) is supported as the session's move."""
    for o in claims:
        if o is c or o.measure not in ("change", "points_change") or o.measure == c.measure:
            continue
        if (
            o.subject != c.subject
            or o.date != c.date
            or not (o.start <= c.end and c.start <= o.end)
        ):
            continue
        if o.period is None or o.period.kind != "day" or o.qualifiers or o.missing:
            continue
        oo = dataclasses.replace(o, extra={**o.extra, "sibling_check": True})
        if judge(oo, claims, m, text).verdict == SUPPORTED:
            return True
    return False


def supported_close_within(c: Claim, claims: list[Claim], m: Market, text: str) -> Claim | None:
    """A close claim of the same subject and day within ``c``'s words that is judged supported
    (its stated level is the bound series' close on the bound day, which confirms the subject
    and the day), or ``None``: the record half of a record level ("at a record high of
    6,845.50", "closed at a record 5,026.61") and the print a move runs to ("rocketed 31.65%,
    closing at 21.63", :mod:`thesis.claims.explained`) have one."""
    for o in claims:
        if o is c or o.measure != "close" or o.subject != c.subject or o.date != c.date:
            continue
        if not isinstance(o.stated_value, (int, float)):
            continue
        if not (o.start <= c.end and c.start <= o.end):
            continue
        if judge(o, claims, m, text).verdict == SUPPORTED:
            return o
    return None


def _explained(
    out: CheckedClaim, day: dt.date, m: Market, claims: list[Claim], text: str
) -> CheckedClaim:
    """``out`` (a contradiction) unless the stated figure is another simple statistic of the same
    subject near the claim (:func:`thesis.claims.explained.explain`): then ``unverifiable``, and
    the evidence names that statistic."""
    from thesis.claims.explained import explain

    c = out.claim
    alt = explain(c, day, m, claims, text)
    if alt is None:
        return out
    sv = float(c.stated_value or 0)
    stated = f"{sv:+,.{c.decimals}f}" + ("%" if c.unit == "pct" else f" {c.unit}".rstrip())
    ev = (f"{out.evidence}; not contradicted: the stated {stated} is {alt}: the words may mean "
          "that reading")  # fmt: skip
    return CheckedClaim(c, UNVERIFIABLE, ev, out.tolerance, out.computed,
                        settle="words that fix the day, the period and the measure")  # fmt: skip


def _days_its_close_fits(
    c: Claim, results: list[tuple[Reading, Outcome]], m: Market, claims: list[Claim]
) -> list[tuple[Reading, Outcome]]:
    """A one-day move read on several candidate days, stated with its close in the same words ("the
    S&P 500 closed at 4,310.12, up 0.74%"), is supported only on a day that close fits: the close
    and the move are one session's. A day where the move fits but the close does not is no
    support (the close fitting no day leaves the move's day unknown)."""
    days = {r.day for r, _ in results if r.literal}
    if len(days) < 2 or c.measure not in ("change", "points_change") or c.subject is None:
        return results
    close = next(
        (
            o
            for o in claims
            if o is not c
            and o.measure == "close"
            and o.subject is not None
            and o.subject.series == c.subject.series
            and c.start <= o.start
            and o.end <= c.end
            and isinstance(o.stated_value, int | float)
            and not (o.missing or o.qualifiers)
        ),
        None,
    )
    if close is None:
        return results
    out = []
    for r, o in results:
        if r.literal and o.ok is True:
            fits = _judge_reading(JUDGES["close"], dataclasses.replace(r, claim=close), m, claims)
            if fits.ok is not True:
                o = dataclasses.replace(
                    o,
                    ok=None,
                    evidence=f"{o.evidence}; not its session: the close stated with it "
                    f"({close.stated_value:,.2f}) does not fit {r.day}",
                )
        out.append((r, o))
    return out


def _judge_reading(fn: Judge, r: Reading, m: Market, claims: list[Claim]) -> Outcome:
    if r.claim.extra.get("range_reading"):
        return judge_range(r.claim, r.day, m, claims)
    if r.claim.measure == "session_extreme":  # a close's reading as the session's high or low
        return judge_session_extreme(r.claim, r.day, m, claims)
    return fn(r.claim, r.day, m, claims)


def _other_why(c: Claim) -> str:
    if c.extra.get("unknown_subject"):
        return f"a figure about {c.extra['unknown_subject']!r}, which the checker cannot tie to a series"
    if "forecast" in c.qualifiers:
        return "a forecast, an estimate or a third-party figure; no data series settles it"
    return "a figure the checker cannot tie to a series and a measure (a count, a company figure, an estimate)"


def _unverifiable(c: Claim, why: str, settle: str = "") -> CheckedClaim:
    return CheckedClaim(c, UNVERIFIABLE, why, "n/a", settle=settle)


# ------------------------------------------------------------------------------------ readings
def readings(c: Claim, m: Market) -> list[Reading]:
    """Every reading of ``c`` its words allow, literal ones first (see the module docstring).

    Literal: its stated date, or each candidate session of the article's date (that session and
    the one before it: an article published before the close describes the previous one; every
    session of a month for an article dated to a month). Alternative: other conventions for where its period starts (:func:`period_variants`); the session's
    range, for a level or a move whose words do not say it was a close (:func:`_range_ok`).
    """
    days = _candidate_days(c, m)
    if not days:
        return []
    several = len(days) > 1
    # a figure the words place at a moment of the session ("earlier", "before giving up the
    # gains"): the day's range is as literal a reading as the close (and the close never
    # contradicts it: see Claim.loose)
    moment = bool(c.extra.get("moment"))
    out = [Reading(d, c, f"on {d}" if several else "as stated") for d in days]
    # a move from a dated low or high: its close or its intraday figure (judge_change), never
    # the close before the day
    variants = [] if c.extra.get("from_extreme") else period_variants(c.period)
    for alt, words in variants:
        cc = dataclasses.replace(c, period=alt)
        out += [Reading(d, cc, words + (f" on {d}" if several else ""), False) for d in days]
    if c.measure == "first_cross" and several and c.subject is not None:
        # "Stocks just finished a third week of advances, lifting the S&P 500 above 3,000 for the
        # first time since July" in a Monday's story: a crossing the article's day does not date
        # may have come on any session of the week it tells of (blocks a contradiction only)
        got = m.daily(c.subject)
        week = sessions_near(got[1], min(days), range(-3, 1), strict=True) if got else []
        out += [Reading(d, c, f"on {d}, earlier in the week", False) for _, d in week]
    if c.period is not None and c.period.text.endswith(OR_ITS_LAST_SESSION):
        cc = dataclasses.replace(c, period=PeriodSpec("day", "the last session of the period"))
        out += [Reading(d, cc, "as the last session's move" + (f" on {d}" if several else ""))
                for d in days]  # fmt: skip
    if (
        c.period is not None
        and c.period.kind == "last_week"
        and c.date is not None
        and c.date.weekday() >= 4
    ):
        # a weekend's "last week" may be the trading week just ended ("The S&P 500 fell 1% last
        # week" in a Sunday column, or in a recap dated the Friday the week ended): as literal a
        # reading as the week before it
        just = PeriodSpec("week", "the trading week just ended (a weekend's 'last week')")
        monday = c.date - dt.timedelta(days=c.date.weekday())
        out += [Reading(d, dataclasses.replace(c, period=just), "as the week just ended" + (f" on {d}" if several else ""))
                for d in days if monday <= d <= c.date]  # fmt: skip
    if c.period is not None and c.period.kind == "week":
        # "results last Tuesday saw its shares drop almost 10% for the week": the week of a day
        # inside it runs to its last session, when that had passed by the article's date
        ends = sorted({d + dt.timedelta(days=4 - d.weekday()) for d in days if d.weekday() < 4})
        out += [Reading(f, c, f"to the end of the week ({f})") for f in ends
                if f <= m.as_of and f not in days]  # fmt: skip
    for alt, words in _since_span(c.period):
        cc = dataclasses.replace(c, period=alt)
        out += [Reading(d, cc, words + (f" on {d}" if several else "")) for d in days]
    out += _next_session_bases(c, m, days, several)
    # "a 25% return": a total return as literal as a price one (a year's "gain" has the total
    # return as a reading that only blocks a contradiction: thesis.claims.explained)
    tr = total_return_of(c.subject) if c.extra.get("or_total_return") and c.subject else None
    frames: list[tuple[Claim, str]] = [(c, "")]
    if tr is not None:
        frames.append((dataclasses.replace(c, subject=tr), " as a total return"))
    for cc, as_tr in frames:
        if as_tr:
            out += [Reading(d, cc, as_tr.strip() + (f" on {d}" if several else "")) for d in days]
        for d in days:
            ended = just_ended(c.period, d)
            if ended is not None:
                out.append(Reading(d, dataclasses.replace(cc, period=ended),
                                   f"as {ended.text}{as_tr}" + (f" on {d}" if several else "")))  # fmt: skip
    older = _older_session(c, m, days)
    if older is not None:
        out.append(Reading(older, c, f"on {older}, a session before the article's two", False))
    prior = _to_date_before_lead(c, m, days)
    if prior is not None:
        out.append(
            Reading(prior, c, f"as of the close before the session it reports ({prior})", False)
        )
    ep = _episode(c)
    if ep is not None:
        cc = dataclasses.replace(c, period=ep)
        out += [Reading(d, cc, f"as the move that reached its extreme in {ep.text}"
                        + (f" on {d}" if several else "")) for d in days]  # fmt: skip
    if len(days) <= 2:
        for d in days:
            out += [Reading(d, dataclasses.replace(c, period=p), words + (f" on {d}" if several else ""),
                            False, True) for p, words in _s.searched_periods(c, d)]  # fmt: skip
    span = c.period
    if span is not None and span.kind == "trailing" and span.unit == "day" and span.n:
        # "After reaching an all-time high on February 19, the S&P 500 declined 34% in just 33
        # days": the days run from the day another clause names
        for named in _alt_days(c):
            last = named + dt.timedelta(days=span.n)
            if last <= m.as_of and last not in days:
                out.append(Reading(last, c, f"as the {span.n} days from {named}"))
    side = c.extra.get("peak_side")
    if side and c.rule == "peak_on_day":
        # "the VIX peaked on March 18 at 85.47": the day's high as literal a reading as its close
        cc = dataclasses.replace(c, measure="session_extreme",
                                 extra={**c.extra, "session_extreme": side})  # fmt: skip
        out += [Reading(d, cc, f"as the session's {side}" + (f" on {d}" if several else ""))
                for d in days]  # fmt: skip
    if _range_ok(c, m):
        # "the highest level since": the day's high is as literal a reading as its close
        lit = c.measure == "since" or moment
        got = m.daily(c.subject) if c.subject is not None else None
        if got is not None and m.range_is_proxy(got[0]):
            lit = False  # a fund's range stands in: it blocks a contradiction, never supports
        cc = dataclasses.replace(c, extra={**c.extra, "range_reading": True})
        out += [Reading(d, cc, "within the session's range" + (f" on {d}" if several else ""), lit)
                for d in days]  # fmt: skip
    return out


def _episode(c: Claim) -> PeriodSpec | None:
    """A move written as a noun of an episode over a named period ("a nearly 34% tumble in
    March", "a 20% plunge in 2022"): as literal a reading as the period's close-to-close change
    is the move whose extreme (trough of a fall, top of a rally) fell in that period, measured
    from the opposite extreme of the 120 days before it; ``None`` for other claims."""
    p = c.period
    if not c.extra.get("episode") or p is None or p.kind not in ("month", "quarter", "year"):
        return None
    if p.first is None or p.last is None or c.direction == 0 or c.measure != "change":
        return None
    return PeriodSpec("episode", p.text, first=p.first, last=p.last)


#: the hedges of a move's extreme ("fell as much as 19% in April"), plain and machine-reworded
EXTREME_HEDGE_WORDS = frozenset({"as much as", "as a lot as", "up to"})


def _period_extreme(c: Claim, m: Market, claims: list[Claim]) -> CheckedClaim | None:
    """A move's extreme within a calendar period (the class "as much as within a period"): "fell
    as much as 19% in April", "fell by as a lot as 19% in April" is the depth of the fall at its
    worst, not the month's close-to-close change. Read as the episode whose extreme close fell in
    the period, from the highest (lowest) close of the period or of the months before it
    (:func:`_episode`, :func:`_episode_end`): supported where that closing reading fits; otherwise
    unverifiable (a session's low may go deeper than any close, so closes never contradict it,
    and the session's move from the close before is not what the words state). ``None`` for any
    other claim."""
    p = c.period
    if c.hedge not in EXTREME_HEDGE_WORDS or c.missing or set(c.qualifiers) - {"intraday"}:
        return None
    if c.measure != "change" or c.direction == 0 or c.subject is None or p is None:
        return None
    if p.kind not in ("month", "quarter", "year") or p.first is None or p.last is None:
        return None
    ep = PeriodSpec("episode", p.text, first=p.first, last=p.last)
    cc = dataclasses.replace(c, period=ep, qualifiers=[])
    days = _candidate_days(cc, m)
    rs = [Reading(d, cc, f"as the move at its extreme in {p.text} on {d}") for d in days]
    results = [(r, _judge_reading(JUDGES["change"], r, m, claims)) for r in rs]
    fits = [(r, o) for r, o in results if o.ok is True]
    if not fits:
        got = next((o for _, o in results if o.computed is not None), None)
        ev = f"{got.evidence}; " if got is not None else ""
        return _unverifiable(
            c,
            f"{ev}not contradicted: {c.hedge} {p.text} is the move at its extreme, and a "
            "session's high or low may go beyond any close",
            "the period's intraday highs and lows",
        )
    o = fits[0][1]
    ev = f"{o.evidence} (the move at its extreme in {p.text}, closing basis)"
    return CheckedClaim(c, SUPPORTED, ev, o.tolerance, o.computed)


_SESSION_FIGURES = frozenset(
    {"close", "change", "points_change", "yield", "yield_change", "record", "direction",
     "distance", "upside", "streak", "since", "rank", "count_of", "sector_count", "record_streak"}
)  # fmt: skip


def _older_session(c: Claim, m: Market, days: list[dt.date]) -> dt.date | None:
    """For a day's figure dated only by the article's date (no day in its words, no session named
    by the article's opening): the session before its two candidate days, a sanity reading (an
    article published a day late, or one that reports the day before). A figure that fits it is
    not contradicted."""
    if c.measure not in _SESSION_FIGURES or not c.extra.get("article_date") or c.window is None:
        return None
    if c.window[0] != c.window[1] or len(days) < 2:
        return None
    cal = _calendar(c, m)
    got = before(cal, min(days)) if cal is not None else None
    return got[0] if got else None


def _to_date_before_lead(c: Claim, m: Market, days: list[dt.date]) -> dt.date | None:
    """For a figure to date ("gained 13.9% year to date") dated only by the session the article's
    opening reports: the session before it, a non-literal reading. An article written during
    that session ("trading at around 5,440 as of Monday") quotes the figure as of the last close;
    one that fits it is not contradicted (and not supported by it either)."""
    if not c.extra.get("lead_to_date") or not days:
        return None
    cal = _calendar(c, m)
    got = before(cal, days[0]) if cal is not None else None
    return got[0] if got else None


def period_variants(p: PeriodSpec | None) -> list[tuple[PeriodSpec, str]]:
    """Other conventions for where a period starts: "this week" over the last five sessions as
    well as from the prior Friday's close, "over three months" in sessions (21 a month, 5 a week,
    252 a year) as well as by the calendar, "since D" from the close before D (the open of D) as
    well as D's. A calendar period (year-to-date, a named month) starts at the prior period's
    last close by the one convention publishers share; a figure from the period's first close is
    an error of that convention, so it is not a reading."""
    if p is None:
        return []
    if p.kind == "week":
        return [
            (PeriodSpec("trailing", p.text, n=5, unit="session"), "over the last five sessions")
        ]
    if p.kind in ("trailing", "ago") and p.n and p.unit in ("week", "month", "year"):
        per = {"week": 5, "month": 21, "year": 252}[p.unit]
        alt = PeriodSpec(p.kind, p.text, n=p.n * per, unit="session")
        return [(alt, f"over {p.n * per} sessions")]
    if p.kind == "since" and p.anchor is not None:
        return [(dataclasses.replace(p, kind="since_open"), "from the close before the start day")]
    if p.kind == "trailing" and p.unit == "session" and p.n and p.n > 1:
        # "the last 50 trading days" counted with both ends: from the close of the first of the
        # fifty, one session less than from the close before it
        alt = PeriodSpec(p.kind, p.text, n=p.n - 1, unit="session")
        return [(alt, f"over {p.n - 1} sessions (the {p.n} days counted with both ends)")]
    return []


#: how early in a calendar unit "for the year" (the month, the quarter) may still mean the one
#: just ended: a year-end review is published in January, a monthly recap in the first week
_JUST_ENDED_DAYS = {"year": 31, "quarter": 10, "month": 7}


def just_ended(p: PeriodSpec | None, day: dt.date) -> PeriodSpec | None:
    """ "For the year", "on the month" with no year or month named, read on a day early in the
    unit (January for a year, the first week of a month): the unit just ended is as literal a
    reading as the one under way (a review published after the period it reviews)."""
    if p is None or p.first is not None or p.kind not in _JUST_ENDED_DAYS:
        return None
    if p.kind == "year":
        start = dt.date(day.year, 1, 1)
        first, last = dt.date(day.year - 1, 1, 1), dt.date(day.year - 1, 12, 31)
        name = f"{day.year - 1}"
    else:
        months = 3 if p.kind == "quarter" else 1
        m0 = day.month - (day.month - 1) % months if months == 3 else day.month
        start = dt.date(day.year, m0, 1)
        last = start - dt.timedelta(days=1)
        first = add_months(start, -months)
        name = f"{first:%B %Y}" if months == 1 else f"Q{(first.month - 1) // 3 + 1} {first.year}"
    if (day - start).days >= _JUST_ENDED_DAYS[p.kind]:
        return None
    return PeriodSpec(p.kind, f"{name} (the {p.kind} just ended)", first=first, last=last)


def _next_session_bases(c: Claim, m: Market, days: list[dt.date], several: bool) -> list[Reading]:
    """ "Has gained 235% in the past 12 months": the base of a trailing span of months or years
    is the close a year before, the next session's or the one before it (the span counted with
    the month-ago day's own session), a writer's choice (for a stock that tripled, one session
    moves the figure by points); the neighbours' are readings that keep the figure from a
    contradiction, never ones that support it (:data:`BASE_READINGS`, :func:`_bases_straddle`)."""
    p = c.period
    if p is None or p.kind not in ("trailing", "ago") or p.unit not in ("month", "year") or not p.n:
        return []
    got = m.daily(c.subject) if c.subject is not None else None
    if got is None or c.subject is None:
        return []
    out = []
    for d in days:
        s = got[1]
        if s.last < d:  # the consolidated feed ended: the one the day is read on (later_feed)
            feed = m.later_feed(c.subject, got[0], d)
            s = feed[1] if feed is not None else s
        start = add_months(d, -p.n * (12 if p.unit == "year" else 1))
        later = s.between(start + _DAY, d)
        if len(later) < 2:
            continue
        alt = PeriodSpec("since", p.text, anchor=later.dates[0])
        at = f" on {d}" if several else ""
        out.append(Reading(d, dataclasses.replace(c, period=alt),
                           f"{BASE_READINGS[0]} ({later.dates[0]}){at}", False))  # fmt: skip
        before = s.before(start)
        if len(before):
            alt = PeriodSpec("since", p.text, anchor=before.dates[-1])
            out.append(Reading(d, dataclasses.replace(c, period=alt),
                               f"{BASE_READINGS[1]} ({before.dates[-1]}){at}", False))  # fmt: skip
    return out


#: the labels of the readings of a trailing span's base one session either side of its own
BASE_READINGS = ("from the next session's close", "from the close of the session before")


def _bases_straddle(c: Claim, results: list[tuple[Reading, Outcome]]) -> str | None:
    """ "Up 40% over the past month" where the month counted from the close a month before gives
    +38.0% and from the session before it +41.4%: the readings of where a trailing span starts
    lie on both sides of the figure, so a writer's base between them (a price during the
    session, another count of the month) gives it; a contradiction would be the convention's,
    not the figure's. Returns the range they span, else ``None`` (it is outside them all)."""
    p = c.period
    if p is None or p.kind not in ("trailing", "ago") or not isinstance(c.stated_value, float):
        return None
    vals = [
        float(o.computed)
        for r, o in results
        if isinstance(o.computed, (int, float)) and (r.literal or r.label.startswith(BASE_READINGS))
    ]
    if len(vals) < 2:
        return None
    lo, hi = min(vals), max(vals)
    if not lo < c.stated_value < hi:
        return None
    return f"{lo:+.2f} to {hi:+.2f}"


def _since_span(p: PeriodSpec | None) -> list[tuple[PeriodSpec, str]]:
    """ "Since Trump announced tariffs late last week": a change since an event the words place
    only within a week (the span from ``anchor`` to ``last``, at most ten days) starts on any
    weekday of it, each a literal reading (the span's first day is the period's own). A longer
    span ("since 2022") keeps the one convention of its start."""
    if p is None or p.kind != "since" or p.anchor is None or p.last is None:
        return []
    span = (p.last - p.anchor).days
    if not 0 < span <= 10:
        return []
    out = []
    for k in range(1, span + 1):
        d = p.anchor + dt.timedelta(days=k)
        if d.weekday() < 5:
            out.append((dataclasses.replace(p, anchor=d), f"from the close of {d}, in {p.text!r}"))
    return out


_CLOSE_WORDS = frozenset(
    {"close", "closed", "closing", "closes", "ended", "finished", "settled", "end", "ends",
     "finish", "finishes", "finishing", "settle", "settles", "settling"}
)  # fmt: skip


def _range_ok(c: Claim, m: Market) -> bool:
    """Whether the session's range is a reading of ``c``: a level or a one-day move whose words
    do not say it was a close, on a series the store holds highs and lows for."""
    if c.measure not in ("close", "change", "points_change", "since") or c.subject is None:
        return False
    if c.measure == "since" and c.extra.get("what") != "level":
        return False
    if c.measure in ("change", "points_change") and (c.period is None or c.period.kind != "day"):
        return False
    if _words(c.quote) & _CLOSE_WORDS or "close" in c.bound.get("date", "").lower():
        return False
    got = m.daily(c.subject)
    if got is None or m.session_range(got[0], proxy=True) is None:
        return False
    # an index's range read on its fund's: only for a figure whose day is the article's by
    # default (no day of its own words), while the article states no close of its own session
    # (a story written after the close states its figures as of the close)
    if m.range_is_proxy(got[0]):
        # (or by the session the article's opening reports, in another sentence: "Stocks fell on
        # Monday ... The S&P 500 index fell 24.74 points to 4,933.87", a snapshot before the close)
        dated_by_default = c.extra.get("article_date") or c.extra.get("lead_date")
        return bool(dated_by_default) and m.session is None
    return True


def _day_or_label(r: Reading) -> str:
    """A literal reading in a list of them: its day, or its label when it reads another period
    or subject than the frame's ("as 2024 (the year just ended) on 2025-01-06")."""
    return r.label if r.label.startswith("as ") and r.label != "as stated" else str(r.day)


def _past_year_extreme(c: Claim) -> bool:
    """Whether ``c`` is a named year's extreme ("its 2024 low of 5,768") whose year ended before
    every day the article may speak from: its day, only assumed, cannot change the figure."""
    year = c.extra.get("year")
    if c.measure != "extreme" or c.extra.get("window") != "year" or not isinstance(year, int):
        return False
    first = c.window[0] if c.window else c.date
    return first is not None and dt.date(year, 12, 31) < first


def _combine(c: Claim, results: list[tuple[Reading, Outcome]], m: Market) -> CheckedClaim:
    searched = [(r, o) for r, o in results if r.searched]
    results = [(r, o) for r, o in results if not r.searched]
    literal = [(r, o) for r, o in results if r.literal]
    if not any(o.ok is True for _, o in literal):
        found = _s.period_support(c, searched, m)
        if found is not None:
            return found
    several = len(literal) > 1
    fits = [(r, o) for r, o in literal if o.ok is True]
    against = [(r, o) for r, o in literal if o.ok is False]
    if fits and against and c.measure in _SIGN_MEASURES:
        # "yields fell" in a story whose session is not pinned: a sign fits one candidate day by
        # chance half the time, so a sign that fits one and not the other supports nothing
        (r, o), (r1, o1) = fits[0], against[0]
        ev = (f"{o.evidence}; but on {r1.day}: {o1.evidence}: the sign fits one of the article's "
              "candidate days only, and the words do not say which")  # fmt: skip
        return CheckedClaim(c, UNVERIFIABLE, ev, o.tolerance, o.computed,
                            settle="words that name the day")  # fmt: skip
    days = {r.day for r, _ in literal}
    # the day the words bind, when they bind one (not a month's window): a fit there is no chance
    own = c.date if c.window is None or (c.window[1] - c.window[0]).days <= 4 else None
    if fits and len(days) > _WINDOW_DAYS and all(r.day != own for r, _ in fits):
        luck = _window_luck(c, days, m)
        if luck > _s.LIMIT:
            # "VIX fell 3%" in a review dated to a month: of twenty candidate sessions, one or two
            # fit a one-decimal move by chance, so the fit names no day and supports nothing
            r, o = fits[0]
            hit = len({r.day for r, _ in fits})
            ev = (f"{o.evidence}; but it fits {hit} of the {len(days)} sessions the article's date "
                  f"allows, and {_s.luck_words(min(luck, 1.0), len(days), 'sessions')}")  # fmt: skip
            return CheckedClaim(c, UNVERIFIABLE, ev, o.tolerance, o.computed,
                                settle="words that name the day")  # fmt: skip
    if fits:
        r, o = fits[0]
        note = f" (read on {r.day}, one of the article's candidate days)" if several else ""
        if _day_or_label(r) == r.label:
            note = f" (read {r.label})"  # another subject or period than the frame's: say which
        return CheckedClaim(c, SUPPORTED, o.evidence + note, o.tolerance, o.computed)
    _r0, o0 = next(((r, o) for r, o in literal if o.ok is False), literal[0])
    if all(o.ok is False for _, o in results):
        assumed = [a for a in c.assumed if not (a == "date" and _past_year_extreme(c))]
        if assumed:
            slots = ", ".join(assumed)
            return CheckedClaim(c, UNVERIFIABLE, f"{o0.evidence}; not contradicted: its {slots} is only assumed "
                                f"({'; '.join(c.bound.get(s, '') for s in c.assumed)}), not stated", o0.tolerance,
                                o0.computed, settle=f"a sentence that states its {slots}")  # fmt: skip
        loose = {
            k: v
            for k, v in c.loose.items()
            if not (k == "subject" and _calendar_only(results))
            and not (k == "measure" and _own_range_read(c, results, m))
            and not (
                k == "measure"
                and c.measure == "distance"
                and _session_extreme_ref(c, c.date or m.as_of, m)
            )
        }
        if loose:
            why = "; ".join(dict.fromkeys(loose.values()))
            return CheckedClaim(c, UNVERIFIABLE, f"{o0.evidence}; not contradicted: {why}", o0.tolerance,
                                o0.computed, settle="a sentence whose own words bind it")  # fmt: skip
        note = (
            f" (no candidate day fits: {', '.join(dict.fromkeys(_day_or_label(r) for r, _ in literal))})"
            if several
            else ""
        )
        straddle = _bases_straddle(c, results)
        if straddle is not None:
            ev = (f"{o0.evidence}; not contradicted: the span's base one session either way puts "
                  f"the change at {straddle}, around the stated figure")  # fmt: skip
            return CheckedClaim(c, UNVERIFIABLE, ev, o0.tolerance, o0.computed,
                                settle="the day the span starts from")  # fmt: skip
        others = [r.label for r, _ in results if not r.literal]
        if others:
            note += f"; every other reading contradicts it too ({', '.join(others)})"
        return CheckedClaim(c, CONTRADICTED, o0.evidence + note, o0.tolerance, o0.computed)
    if any(o.ok is False for _, o in literal):
        # a literal reading contradicts, another reading does not: name them all
        parts = [f"{r.label}: {_said(o)}" for r, o in results if o.ok is not None or r.literal]
        ev = f"{o0.evidence}; not contradicted: the words allow other readings ({'; '.join(parts)})"
        return CheckedClaim(c, UNVERIFIABLE, ev, o0.tolerance, o0.computed,
                            settle="words that fix the reading (the day, the period, 'closed')")  # fmt: skip
    return CheckedClaim(c, UNVERIFIABLE, o0.evidence, o0.tolerance, o0.computed, settle=o0.settle)


#: more candidate sessions than this (an article dated to a month, a week's) make a window whose
#: chance of a fit by luck is weighed (:func:`_window_luck`); the usual two (the article's day and
#: the session before) are the article's own ambiguity, read as before
_WINDOW_DAYS = 5


def _window_luck(c: Claim, days: set[dt.date], m: Market) -> float:
    """The chance that one session's move ``c`` fits one of ``days`` by luck (the sum over the
    days, :func:`thesis.claims.searches.move_luck`; a sign fits half the sessions); 0 for a
    claim that is not one session's move."""
    if c.measure == "direction":
        return 1.0 - 0.5 ** len(days)
    if c.measure not in ("change", "points_change"):
        return 0.0
    if c.period is not None and c.period.kind != "day":
        return 0.0
    return sum(_s.move_luck(c, d, m) for d in days)


#: measures that state only a sign ("closed lower", "yields rose"): one candidate day's fit is no
#: support when another's contradicts (:func:`_combine`)
_SIGN_MEASURES = frozenset({"direction"})


def _own_range_read(c: Claim, results: list[tuple[Reading, Outcome]], m: Market) -> bool:
    """Whether the session's own range (the store's highs and lows of the series, not a fund's)
    was read among ``results``: a moment of the session is then a reading judged, not a doubt
    ("the VIX rose to 18.7" on a day whose high was 16.54 fits no moment of it)."""
    got = m.daily(c.subject) if c.subject is not None else None
    if got is None or m.range_is_proxy(got[0]):
        return False
    return any(r.claim.extra.get("range_reading") for r, _ in results)


def _words(text: str) -> set[str]:
    return {w.strip(".,;:'’\"()").lower() for w in text.split()}


def _calendar_only(results: list[tuple[Reading, Outcome]]) -> bool:
    """Whether every reading is contradicted by the calendar alone (no session at all on the day
    the words name: a weekend or a holiday), which holds whatever US market series is meant."""
    return all(o.calendar for _, o in results)


def _said(o: Outcome) -> str:
    verdict = {True: "fits", False: "contradicts", None: "not judged"}[o.ok]
    val = f" ({o.computed})" if isinstance(o.computed, float) else ""
    return f"{verdict}{val}"


def _candidate_days(c: Claim, m: Market) -> list[dt.date]:
    """The days to read a claim on: its date, or for the article's own date each session of the
    window (a day-dated article: that session and the one before it, latest first)."""
    if c.date is None or c.measure == "macro":
        return [m.as_of]
    if c.extra.get("window_days") and c.window is not None:
        n = (c.window[1] - c.window[0]).days
        return [c.window[1] - dt.timedelta(days=i) for i in range(n + 1)]
    if not c.extra.get("article_date") or c.window is None:
        return [c.date, *_alt_days(c)]
    a, b = c.window
    cal = _calendar(c, m)
    if cal is None:
        return _with_alt(c, [b])
    if a == b:
        return _with_alt(c, day_sessions(cal, b, m) or [b])
    days = sessions_between(cal, a, b)
    return _with_alt(c, list(reversed(days)) or [b])


def day_sessions(cal: Series, day: dt.date, m: Market) -> list[dt.date] | None:
    """The sessions a figure of the article's ``day`` may be of, latest first: the last session
    on or before it and the one before (an article published before the close describes the
    previous one), or that session alone once a close the article states pins it
    (:func:`article_session`); ``None`` when the series ends days before ``day`` (its last day
    is not "now")."""
    got = on_or_before(cal, day)
    if got is None or (day - got[0]).days > 4:
        return None
    if m.session == got[0]:
        return [got[0]]
    prev = before(cal, got[0])
    return [got[0]] + ([prev[0]] if prev else [])


def _with_alt(c: Claim, days: list[dt.date]) -> list[dt.date]:
    return days + [d for d in _alt_days(c) if d not in days]


def _alt_days(c: Claim) -> list[dt.date]:
    """Days named in another clause of the claim's sentence: read as well as its own."""
    return [d for d in c.extra.get("alt_days", ()) if d != c.date]


#: series with values on days the US stock market was closed (the VIX, computed in extended
#: hours on exchange holidays: "13.70" on July 4, 2023): the sessions a story may report are the
#: stock market's
_HOLIDAY_VALUES = frozenset({"vix"})


def session_calendar(sid: str, s: Series, m: Market) -> Series:
    """The sessions to read ``s`` (series ``sid``) on: its own dates, or the stock market's for a
    series with values on its holidays."""
    if sid in _HOLIDAY_VALUES:
        cal = m.stock_sessions(sid)
        if cal is not None:
            return cal
    return s


def _calendar(c: Claim, m: Market) -> Series | None:
    if c.subject is not None:
        got = m.daily(c.subject)
        if got is not None:
            return session_calendar(got[0], got[1], m)
    return m.series("sp500")


def _verdict(band: Band, computed: float, evidence: str) -> Outcome:
    ok = band.verdict(computed)
    if ok is None:
        evidence += "; close to the stated figure but outside its tolerance: not judged"
    return Outcome(ok, evidence, band.text, round(computed, 4))


def _daily(c: Claim, m: Market) -> tuple[str, Series] | Outcome:
    subj = c.subject
    assert subj is not None
    got = m.daily(subj)
    if got is None:
        return _na(f"no daily data for {subj.name} in the store up to {m.as_of}", subj.settle)
    return got


def _weekday_problem(c: Claim, d: dt.date | None) -> str:
    wd = c.extra.get("stated_weekday")
    if c.extra.get("weekday_doubt") and d != c.date:
        return ""  # a weekday far before the article's date: its date is read as well
    if wd is not None and d is not None and d.weekday() != wd:
        return f"{d} was a {WEEKDAYS[d.weekday()].title()}, not a {WEEKDAYS[wd].title()}"
    return ""


def _day_judged_apart(c: Claim, day: dt.date, m: Market) -> bool:
    """Whether ``day``, the full date ``c``'s words state, had no session: the date is then a
    claim of its own, contradicted on the calendar (:func:`_sessions_on_closed_days`)."""
    return (
        isinstance(c.extra.get("stated_day"), tuple)
        and not c.extra.get("article_date")
        and day <= m.as_of
        and not c.qualifiers
        and _no_session(m, day)
        # "On December 31, 2017, the S&P 500 closed at 2673" (a Sunday): a month's last day is
        # the "as of" date of the period's close, read on its last session
        and not (c.measure == "close" and (day + _DAY).day == 1)
    )


def _no_session(m: Market, day: dt.date) -> bool:
    """Whether no US market traded on ``day``: a weekend, or a weekday the S&P 500 has no close
    on inside its history (a holiday). True whatever series a claim is about."""
    if day.weekday() >= 5:
        return True
    spx = m.series("sp500")
    return spx is not None and spx.first <= day <= spx.last and on(spx, day) is None


def _stale(s: Series, day: dt.date, days: int = 4) -> bool:
    """Whether ``day`` is more than ``days`` after the series' last date (the store ends first)."""
    return day > s.last + dt.timedelta(days=days)


def _close_on(
    c: Claim, day: dt.date, m: Market, where: str = ""
) -> tuple[str, Series, tuple[dt.date, float]] | Outcome:
    """The subject's daily series and its close on or before ``day``, or the outcome that says
    there is none (no daily data, or ``day`` after the store's last close)."""
    got = _daily(c, m)
    if isinstance(got, Outcome):
        return got
    sid, s = got
    ref = on_or_before(s, day)
    if ref is None or _stale(s, day):
        return _na(f"no {sid} close on {day}{where}", c.subject.settle if c.subject else "")
    return sid, s, ref


def judge_range(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    if c.measure == "since":
        mixed = judge_since(c, day, m, claims)
        if mixed.ok is not True or c.extra.get("range_all"):
            return mixed
        # the day's high against earlier closes fits; against earlier highs too? "the VIX hit
        # 55.2, its highest since 2020" three days after an intraday 60.13: on a session's
        # extreme both sides are extremes, and a reading that holds only when they are mixed
        # does not support
        whole = judge_since(
            dataclasses.replace(c, extra={**c.extra, "range_all": True}), day, m, claims
        )
        if whole.ok is False:
            ev = f"{mixed.evidence}; on every session's extreme, not only the day's: {whole.evidence}"
            return Outcome(None, ev, mixed.tolerance, mixed.computed)
        return mixed
    return _judge_in_range(c, day, m)


def _judge_in_range(c: Claim, day: dt.date, m: Market) -> Outcome:
    """The session's range as a reading: a level between the day's low and high, or a move to
    anywhere in that range from the previous close, fits; else the reading contradicts."""
    got = _daily(c, m)
    if isinstance(got, Outcome):
        return got
    sid, s = got
    rng = m.session_range(sid, proxy=True)  # a reading that only blocks a contradiction
    ref = on_or_before(s, day)
    if rng is None or ref is None or _stale(s, day):
        return _na(f"no {sid} range on {day}")
    t, _ = ref
    lo, hi = on(rng[0], t), on(rng[1], t)
    prev = before(s, t)
    if lo is None or hi is None or prev is None:
        return _na(f"no {sid} range on {iso(t)}")
    stated = float(c.stated_value or 0)
    if c.measure == "close":
        band = level_band(stated, c.comparator, c.hedge, unit=_unit(c, stated))
        span = ((lo / stated - 1) * 100, (hi / stated - 1) * 100)
    elif c.measure == "points_change":
        band = points_band(stated, c.decimals, c.comparator, prev[1], c.hedge)
        span = (lo - prev[1], hi - prev[1])
    else:
        band = pct_band(stated, c.decimals, c.comparator, c.hedge)
        span = ((lo / prev[1] - 1) * 100, (hi / prev[1] - 1) * 100)
    if c.measure != "close" and c.direction == 0:
        span = (0.0, max(abs(span[0]), abs(span[1])))
    pair = c.extra.get("pair_level")
    if c.measure != "close" and isinstance(pair, float) and pair > 0 and not _adjusted_prices(c):
        # (a share's stated price is not comparable with its stored, split-adjusted prices)
        return _pair_in_range(c, stated, pair, (lo, hi), prev, sid, t)
    ok = (
        True
        if band.lo <= span[1] and span[0] <= band.hi
        else (None if band.c_lo <= span[1] and span[0] <= band.c_hi else False)
    )
    ev = f"{sid} {iso(t)} range {_f(lo)}–{_f(hi)} ({span[0]:+.2f} to {span[1]:+.2f})"
    return Outcome(ok, ev, band.text, None)


#: how far (a share of the base) the base a quote line's level and points imply may lie from a
#: close: both figures are written to the hundredth, and a preliminary level moves its points
#: with it, so the base they imply is the close the quote was taken from
_BASE_FIT = 0.0002
#: how far from a candidate day's close a quote line's level may be and still be that day's
#: (a moment of the session): further, the line quotes another day (a page's live widget)
_QUOTE_NEAR = 0.03


def _quote_line_base(c: Claim, m: Market) -> CheckedClaim | None:
    """A quote line's level and its move in points ("S&P 500: 6,615.37 (+76.61, +1.17%)"): the two
    put the base they move from at the level less the points, whatever the moment of the quote.
    That base must be the close a period starts from (the previous session's, or the last of the
    week, month, quarter or year before) on one of the candidate days; a base that is the close
    of none (a stale quote's base) contradicts the pair. ``None`` when a base fits, or when the
    store cannot say."""
    if c.subject is None or c.hedge or c.comparator not in ("=", "") or _adjusted_prices(c):
        return None
    got = m.daily(c.subject)
    if got is None:
        return None
    _sid, s = got
    level = float(c.extra["tag_level"])
    base = level - float(c.stated_value or 0)
    starts: dict[dt.date, tuple[float, str]] = {}
    near_day = False
    for d in _candidate_days(c, m):
        ref = on_or_before(s, d)
        prev = before(s, ref[0]) if ref is not None else None
        if ref is None or prev is None or _stale(s, d):
            return None
        near_day |= abs(level / ref[1] - 1) <= _QUOTE_NEAR
        starts[prev[0]] = (prev[1], "the previous session's")
        for k, first in (("week", d - dt.timedelta(days=d.weekday())),
                         ("month", d.replace(day=1)),
                         ("quarter", d.replace(month=(d.month - 1) // 3 * 3 + 1, day=1)),
                         ("year", d.replace(month=1, day=1))):  # fmt: skip
            got_k = before(s, first)
            if got_k is not None:
                starts.setdefault(got_k[0], (got_k[1], f"the last of the {k} before"))
    if not near_day:
        return None  # a level far from every candidate day's close: a quote of another day
    closes = [(t, v, why) for t, (v, why) in sorted(starts.items())]
    if base <= 0 or any(abs(v / base - 1) <= _BASE_FIT for _, v, _w in closes):
        return None
    near = ", ".join(f"{iso(t)} {_f(v)} ({w})" for t, v, w in closes)
    ev = (f"the level {_f(float(c.extra['tag_level']))} less the stated {float(c.stated_value or 0):+,.2f} "
          f"points puts the base at {_f(base)}, the close a period starts from on no candidate "
          f"day: {near}")  # fmt: skip
    return CheckedClaim(
        c, CONTRADICTED, ev, f"the base within {_BASE_FIT * 100:g}% of a close", round(base, 2)
    )


def _intraday_pair(c: Claim, m: Market) -> CheckedClaim | None:
    """A move at a moment of the session stated with the level it ran to ("on Tuesday morning the
    S&P 500 has fallen 2.4% to 3019.96"): closes cannot settle either figure, but the two must
    agree with each other from the previous close. Contradicted when they disagree on every
    candidate day; ``None`` otherwise (the intraday figure stays unverifiable)."""
    pair = c.extra.get("pair_level")
    if c.measure not in ("change", "points_change") or not isinstance(pair, float) or pair <= 0:
        return None
    if c.hedge or c.comparator not in ("=", "") or c.subject is None or _adjusted_prices(c):
        return None
    got = m.daily(c.subject)
    if got is None:
        return None
    _sid, s = got
    moves = []
    for d in _candidate_days(c, m):
        prev = before(s, d)
        if prev is None or _stale(s, d):
            return None
        # the arithmetic alone: the day's range (which may be a fund's) is not needed
        moves.append(_pair_move(c, float(c.stated_value or 0), pair, prev))
    if not moves or any(abs(x.implied - x.stated) <= x.tol for x in moves):
        return None
    ev = "; ".join(dict.fromkeys(x.words for x in moves))
    return CheckedClaim(c, CONTRADICTED, f"an intraday figure, but the article's own figures disagree: {ev}",
                        f"the two figures agree to ±{moves[0].tol:.2g}", round(moves[0].implied, 4))  # fmt: skip


class _PairMove(NamedTuple):
    """The move from a previous close to a stated level, against the stated move."""

    implied: float  # the move the two levels make (a magnitude when no direction is stated)
    stated: float  # the move stated (likewise)
    tol: float  # how far the two may differ: the figures' rounding and another source's close
    level_tol: float  # half a unit of the stated level's last digit
    words: str


def _pair_move(c: Claim, stated: float, pair: float, prev: tuple[dt.date, float]) -> _PairMove:
    """The move from the previous close ``prev`` to the stated level ``pair``, held to the stated
    move: to its rounding and the level's, and a few hundredths more for another source's
    previous close."""
    p0 = prev[1]
    pct = c.measure == "change"
    implied = (pair / p0 - 1) * 100 if pct else pair - p0
    if c.direction == 0:
        implied, stated = abs(implied), abs(stated)
    unit = "%" if pct else " points"
    words = (f"the stated level {_f(pair)} from the previous close ({iso(prev[0])} {_f(p0)}) is "
             f"{implied:+.2f}{unit}, stated {stated:+g}{unit}")  # fmt: skip
    level_tol = 0.5 * 10.0 ** (-int(c.extra.get("pair_decimals") or 0))
    slack = (level_tol / p0 * 100 if pct else level_tol) + (0.02 if pct else 0.02 * p0 / 100)
    return _PairMove(implied, stated, 0.5 * 10.0 ** (-c.decimals) + slack, level_tol, words)


def _pair_in_range(
    c: Claim,
    stated: float,
    pair: float,
    rng: tuple[float, float],
    prev: tuple[dt.date, float],
    sid: str,
    t: dt.date,
) -> Outcome:
    """A move stated with the level it ran to ("has fallen 2.4% to 3019.96"), read at a moment of
    the session: the level must lie in the day's range, and the two figures must agree with each
    other (:func:`_pair_move`)."""
    lo, hi = rng
    x = _pair_move(c, stated, pair, prev)
    ev = f"{sid} {iso(t)} range {_f(lo)}–{_f(hi)}; {x.words}"
    inside = lo - x.level_tol <= pair <= hi + x.level_tol
    if c.hedge or c.comparator not in ("=", ""):
        return Outcome(None if inside else False, ev + ("" if inside else ": outside the range"),
                       "the two figures of one moment", round(x.implied, 4))  # fmt: skip
    fits = abs(x.implied - x.stated) <= x.tol
    why = "" if inside else ": the level is outside the day's range"
    return Outcome(
        fits and inside, ev + why, f"the two figures agree to ±{x.tol:.2g}", round(x.implied, 4)
    )


# ---------------------------------------------------------------------- the session's extremes
def _judge_session_bound(c: Claim, claims: list[Claim], m: Market) -> CheckedClaim:
    """A session's high or low ("as much as 2%", "an intraday high of L"), on each candidate day
    (see :func:`judge_session_extreme`). The words speak of the moment the figure names, so a
    looseness that only says "a moment of the session, not the close" does not apply to it."""
    days = _candidate_days(c, m)
    if not days:
        return _unverifiable(c, f"no data for {c.subject.name if c.subject else 'its subject'} on or before {m.as_of}")  # fmt: skip
    if "moment" in c.extra:
        c = dataclasses.replace(c, loose={k: v for k, v in c.loose.items() if k != "measure"})
    several = len(days) > 1
    results = [
        (
            Reading(d, c, f"on {d}" if several else "as stated"),
            judge_session_extreme(c, d, m, claims),
        )
        for d in days
    ]
    return _combine(c, results, m)


def judge_session_extreme(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    """A session's high or low, or a move to it from the previous close ("rose as much as 2%").

    Read on the day's high or low where the store holds them. Otherwise closes only bound it: a
    session's high is at least its close and its low at most, so a high stated clearly below the
    close (or a largest gain clearly below the close's gain) is contradicted; anything else is not
    judged. A move stated with the level it reached ("jumped as much as 172% to 62.27") is the
    article's own arithmetic from the previous close, whatever the moment (before the open
    included): the two figures must agree with each other. Neither bound holds for a figure
    before the open or after the close, nor in an article written during the session. A high
    stated between the previous close and the day's high (or its close, where the store has no
    high) is what a story written before the session ended says: it is contradicted only when the
    article also states that day's close (a low the same way)."""
    got = _close_on(c, day, m)
    if isinstance(got, Outcome):
        return got
    sid, s, (t, close) = got
    if t != day:
        return _na(f"no {sid} session on {day}")
    prev = before(s, t)
    if prev is None:
        return _na(f"no {sid} close before {iso(t)}")
    p0 = prev[1]
    stated = float(c.stated_value or 0)
    high = c.extra.get("session_extreme") == "high"
    word = "high" if high else "low"
    bounded = not c.extra.get("off_session") and not c.extra.get("live")
    rng = m.session_range(sid) if bounded else None
    ext = on(rng[1 if high else 0], t) if rng is not None else None
    if c.measure in ("change", "points_change"):
        pct = c.measure == "change"
        band = (
            pct_band(stated, c.decimals, c.comparator, c.hedge)
            if pct
            else points_band(stated, c.decimals, c.comparator, p0, c.hedge)
        )

        def move(x: float) -> float:
            return (x / p0 - 1) * 100 if pct else x - p0

        unit = "%" if pct else " points"
        pair = c.extra.get("pair_level")
        if isinstance(pair, float) and pair > 0:
            # the level as written is rounded to its last digit: its implied move is a range
            lo_, hi_ = move(pair * (1 - 0.0005)), move(pair * (1 + 0.0005))
            if hi_ < band.c_lo or lo_ > band.c_hi:
                return Outcome(False, f"the article's own figures: {_f(pair)} from the previous close "
                               f"({sid} {iso(prev[0])} {_f(p0)}) is {move(pair):+.2f}{unit}, not {stated:+g}{unit}",
                               band.text, round(move(pair), 4))  # fmt: skip
        if ext is not None:
            ev = f"{sid} {iso(t)} session {word} {_f(ext)} ({move(ext):+.2f}{unit} from {_f(p0)})"
            earlier = 0 <= stated < move(ext) if high else move(ext) < stated <= 0
            final = not earlier or _final_extreme(c, t, claims)
            return _extreme_verdict(band, move(ext), ev, final)
        ev = f"{sid} {iso(t)} close {_f(close)} ({move(close):+.2f}{unit} from {iso(prev[0])} {_f(p0)})"
        earlier = 0 <= stated < move(close) if high else move(close) < stated <= 0
        if (
            bounded
            and (not earlier or _final_extreme(c, t, claims))
            and (move(close) > band.c_hi if high else move(close) < band.c_lo)
        ):
            why = "largest gain" if high else "largest fall"
            return Outcome(False, f"{ev}: the session's {why} cannot be smaller than its close's "
                           f"({stated:+g}{unit} stated)", band.text, round(move(close), 4))  # fmt: skip
        return _na(f"{ev}; the session's {word} is not in the store (closes only bound it)")
    band = level_band(stated, c.comparator, c.hedge, unit=_unit(c, stated))
    if ext is not None:
        ev = f"{sid} {iso(t)} session {word} {_f(ext)}"
        earlier = p0 <= stated < ext if high else ext < stated <= p0
        final = not earlier or _final_extreme(c, t, claims)
        got = _extreme_verdict(band, (ext / stated - 1) * 100, ev, final)
        if got.ok is False and _adjusted_prices(c):
            # "the intraday high of $2,391.89" against prices adjusted for a later split
            return _na(f"{ev}; stored prices may be adjusted for splits: not judged")
        return got
    ev = f"{sid} {iso(t)} close {_f(close)}"
    r = (close / stated - 1) * 100
    earlier = p0 <= stated < close if high else close < stated <= p0
    if (
        bounded
        and (not earlier or _final_extreme(c, t, claims))
        and (r > band.c_hi if high else r < band.c_lo)
    ):
        return Outcome(False, f"{ev}: a session's {word} of {_f(stated)} would be "
                       f"{'below' if high else 'above'} its close", band.text, round(close, 4))  # fmt: skip
    return _na(f"{ev}; the session's {word} is not in the store (closes only bound it)")


_CLOSING_WORDS = frozenset({"closed", "ended", "finished", "settled", "close", "closing", "ending"})


def _final_extreme(c: Claim, day: dt.date, claims: list[Claim]) -> bool:
    """Whether the session's high or low ``c`` states is the session's final one: the article
    reports the close, and the words do not place the extreme earlier in the session ("Earlier in
    the trading session, the S&P 500 reached an intraday high of 4,832.17": the high until then)."""
    return not c.extra.get("earlier_moment") and _close_reported(c, day, claims)


def _close_reported(c: Claim, day: dt.date, claims: list[Claim]) -> bool:
    """Whether the article states the close of ``c``'s subject on ``day`` in closing words (a
    close or a move that "closed", "ended", "finished"): then it was written after the session,
    and the session's high and low it states are the final ones."""
    key = c.subject.key if c.subject else None
    for o in claims:
        if o is c or o.extra.get("session_extreme") or o.date != day:
            continue
        if (o.subject.key if o.subject else None) != key:
            continue
        if o.measure in ("close", "change", "points_change") and _CLOSING_WORDS & set(
            o.quote.lower().replace(",", " ").split()
        ):
            return True
    return False


def _extreme_verdict(band: Band, actual: float, ev: str, final: bool) -> Outcome:
    """A stated session extreme ("rose as much as 31%", "as high as 37.95") against the day's.

    A high stated between the previous close and the day's high (a low between the day's low and
    the previous close) is what a story written before the session ended says: it is judged
    against the day's final extreme only when the article also states that day's close (``final``
    is then True, as it is for a figure no moment of the session could show). Otherwise a figure
    short of the day's extreme is not judged.
    """
    out = _verdict(band, actual, ev)
    if out.ok is not False or final:
        return out
    return _na(
        f"{ev}; the stated figure lies between the previous close and the day's extreme, as one "
        "written before the session ended would, and the article states no close of that day"
    )


# ------------------------------------------------------------------------------------- levels
def judge_close(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    got = _daily(c, m)
    if isinstance(got, Outcome):
        return got
    sid, s = got
    settle = c.subject.settle if c.subject else ""
    if day > s.last and not _weekend_after(s.last, day):
        return _na(f"the store's {sid} ends {iso(s.last)}, before {day}", settle)
    ref = on_or_before(s, day)
    if ref is None:
        return _na(f"{sid} starts {iso(s.first)}, after {day}", settle)
    t, close = ref
    stated = float(c.stated_value or 0)
    if not 0.5 <= stated / close <= 2.0:
        return _na(
            f"{_f(stated)} is nowhere near the {sid} close ({iso(t)}: {_f(close)}); probably another quantity"
        )
    wd = _weekday_problem(c, day)
    exact_day = not c.extra.get("article_date") and c.extra.get("stated_weekday") is not None
    if not wd and not exact_day and t != day and _day_judged_apart(c, day, m):
        # "On January 6, 2024 (a Saturday), the S&P 500 closed at 4,839.81": the date, a claim of
        # its own, is contradicted; the level is not read on another day as well
        return _na(f"no session on {day} ({WEEKDAYS[day.weekday()].title()}): the date is "
                   "contradicted as a claim of its own; the level is not read on another day")  # fmt: skip
    if wd or (exact_day and t != day):
        why = wd or f"no {sid} session on {day} ({WEEKDAYS[day.weekday()].title()})"
        return Outcome(
            False,
            f"{why}; last close on or before it: {iso(t)} {_f(close)}",
            "exact trading day",
            close,
            calendar=bool(wd) or _no_session(m, day),
        )
    band = level_band(
        stated, c.comparator, c.hedge, rounded_to=_rounded_to(c, stated), unit=_unit(c, stated)
    )
    vol = c.subject is not None and c.subject.kind == "volatility" and c.comparator in ("=", "")
    if vol and not c.hedge:
        # a volatility index closes twice (the 4:00 p.m. print and Cboe's 4:15 p.m. settlement)
        # and is quoted from either or from a mark before them: a few cents either way
        tol = max(band.hi, _VOL_CENTS / close * 100)
        band = dataclasses.replace(band, lo=-tol, hi=tol, c_lo=-3 * tol, c_hi=3 * tol,
                                   text=f"a volatility index's close: ±{_VOL_CENTS:g} points (two "
                                   f"closing prints; contradicted beyond ±{3 * _VOL_CENTS:g})")  # fmt: skip
    elif (
        c.decimals >= 1
        and c.comparator in ("=", "")
        and not c.hedge
        and _words(c.quote) & _CLOSE_WORDS
    ):
        # a close written to the cent ("to close at 6,860.92"): a preliminary print is the one
        # excuse for a difference, so the grey zone is one band wide, not two
        band = dataclasses.replace(band, c_lo=2 * band.lo, c_hi=2 * band.hi,
                                   text=f"{band.text}; a close to the cent: contradicted beyond {2 * band.hi:g}%")  # fmt: skip
    diff = (close / stated - 1) * 100
    ev = f"{sid} {iso(t)} close = {_f(close)}; stated {_f(stated)} ({diff:+.3f}%)"
    if _adjusted_prices(c):
        # stored prices may be split- or dividend-adjusted: a level can only be confirmed
        ok = band.verdict(diff)
        return Outcome(
            True if ok else None,
            ev + ("" if ok else "; stored prices may be adjusted: not judged"),
            band.text,
            close,
        )
    return _verdict(band, diff, ev)


def _unit(c: Claim, stated: float) -> float:
    """One unit of the precision a level is written with: 0.01 for "6,912.50", 1 for "6,912",
    100 for "6,900" (trailing zeros of a whole number, up to a thousand)."""
    if c.decimals > 0:
        return 10.0**-c.decimals
    if not stated.is_integer():
        return 0.0
    n, unit = int(abs(stated)), 1.0
    while n and n % 10 == 0 and unit < 1000:
        n //= 10
        unit *= 10
    return unit


def _rounded_to(c: Claim, stated: float) -> float:
    """The rounding a level shows: to ten points when written without decimals and ending in a
    zero ("closed at 3,660"), else to the last digit written ("the VIX closed at 14.4" for
    14.43: to a tenth)."""
    if c.decimals == 0 and stated >= 1000 and stated.is_integer() and int(stated) % 10 == 0:
        return 10.0
    return 10.0**-c.decimals


def judge_record(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    got = _close_on(c, day, m, " in the store")
    if isinstance(got, Outcome):
        return got
    sid, s, (t, close) = got
    prior = s.before(t)
    if len(prior) < 250 and not _record_in_daily_window(sid, s, t, m):
        return _na(f"{sid} history before {iso(t)} is too short to call a record")
    i = prior.argmax()
    mx_t, mx = prior.dates[i], prior.values[i]
    tol = "exact comparison with the running maximum of closes"
    if c.extra.get("near"):  # "just below its all-time high", "near record highs" (near_record)
        return _near_record(c, sid, iso(t), close, mx, iso(mx_t))
    if c.extra.get("missed"):
        # "ends shy of record high": below the highest earlier close
        ev = f"{sid} {iso(t)} close {_f(close)}; highest earlier close {_f(mx)} on {iso(mx_t)} ({(close / mx - 1) * 100:+.2f}%)"
        return Outcome(close < mx, ev, tol, close)
    if close >= mx:
        old = _older_history(sid, s, m)
        if old is not None and len(old) and max(old.values) > close:
            j = old.argmax()
            return Outcome(False, f"{sid} {iso(t)} close {_f(close)} is below the monthly average of "
                           f"{iso(old.dates[j])[:7]} ({_f(old.values[j])})", tol, close)  # fmt: skip
        ev = f"{sid} {iso(t)} close {_f(close)} ≥ every earlier close since {iso(s.first)} (previous high {_f(mx)} on {iso(mx_t)})"
        if len(prior) < 250:
            ev += (
                f"; {_FUND_PROXIES[sid].upper()}'s closes put the older record below this history's"
            )
        return Outcome(True, ev, tol, close)
    ev = f"{sid} {iso(t)} close {_f(close)}; an earlier close was higher: {_f(mx)} on {iso(mx_t)} ({(close / mx - 1) * 100:+.2f}%)"
    return Outcome(False, ev, tol, close)


def _near_record(c: Claim, sid: str, t: str, close: float, mx: float, mx_t: str) -> Outcome:
    """A close "just below" (``near`` = "below") or "near" its record: within ``NEAR_PCT`` of the
    highest earlier close ``mx`` supports; a record close contradicts "below" only; any other
    close is not judged (the words set no exact distance)."""
    gap = (close / mx - 1) * 100
    ev = f"{sid} {t} close {_f(close)}; highest earlier close {_f(mx)} on {mx_t} ({gap:+.2f}%)"
    tol = f"within {NEAR_PCT:g}% of the highest earlier close"
    if c.extra["near"] == "below" and close >= mx:
        return Outcome(False, ev + ": a record close, not below one", tol, close)
    if gap >= -NEAR_PCT:
        return Outcome(True, ev, tol, close)
    return _na(ev + f": more than {NEAR_PCT:g}% below; the words set no exact distance")


#: a daily series → the monthly series that reaches back before it (the S&P 500 since 1871)
_OLDER_HISTORY = {"sp500": "sp500_monthly"}


def _older_history(sid: str, s: Series, m: Market) -> Series | None:
    """The monthly history of ``sid`` from before its daily closes begin, or None when the store
    has none (the record checks read it: a record of the daily closes may not be the record)."""
    longer_id = _OLDER_HISTORY.get(sid)
    longer = m.series(longer_id) if longer_id else None
    return longer.before(s.first) if longer is not None else None


#: how far a fund's price may drift from its index's over a year or two (fees, rounding): the
#: margin by which the fund's record inside the index's daily history must top its older one
_FUND_RECORD_MARGIN = 0.01


def _record_in_daily_window(sid: str, s: Series, t: dt.date, m: Market) -> bool:
    """Whether the index's record before ``t`` lies inside its short daily history, as the fund
    that tracks it shows: the fund's highest close from the history's first day to ``t`` tops
    every close of the fund before that day by more than :data:`_FUND_RECORD_MARGIN` ("topping the
    previous record of 2,190.15" in November 2016, the S&P 500's closes starting that February:
    SPY's May 2015 record lies 2.4% below its August 2016 one)."""
    fund = _FUND_PROXIES.get(sid)
    f = m.series(fund) if fund else None
    if f is None:
        return False
    older, inside = f.before(s.first), f.between(s.first, t - _DAY)
    if not len(older) or len(inside) < 20:
        return False
    return max(older.values) * (1 + _FUND_RECORD_MARGIN) < max(inside.values)


def _record_history(sid: str, s: Series, t: dt.date, m: Market) -> str:
    """Why the store's closes before ``t`` cannot name the record (too few, or the monthly
    history before the daily one was higher), or ''."""
    prior = s.before(t)
    if len(prior) < 250 and not _record_in_daily_window(sid, s, t, m):
        return f"{sid} history before {iso(t)} is too short to name the record"
    old = _older_history(sid, s, m)
    if old is not None and len(old) and max(old.values) > max(prior.values):
        return f"{sid} daily history starts {iso(s.first)}: the record may be older"
    return ""


def judge_record_level(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    """A level named as the record ("its previous record of 2,190.15", "a record close of
    3,386.15 on Feb. 19"): with a stated day, that day's close is the level and tops every
    earlier close; else the highest close before the day ("previous"), or up to it."""
    got = _daily(c, m)
    if isinstance(got, Outcome):
        return got
    sid, s = got
    L = float(c.level or 0)
    band = level_band(L, c.comparator, c.hedge, rounded_to=_rounded_to(c, L), unit=_unit(c, L))
    adjusted = c.subject is not None and c.subject.kind in ("stock", "etf")
    if c.extra.get("date_stated"):
        val = on(s, day)
        why = _record_history(sid, s, day, m) if day <= s.last else f"no {sid} close on {day}"
        if why:
            return _na(why)
        if val is None:
            near = [iso(t) for t, x in s.between(day - dt.timedelta(days=7), day + dt.timedelta(days=7)).items()
                    if abs(x / L - 1) <= 0.0005]  # fmt: skip
            ev = f"no {sid} close on {day}" + (
                f"; {_f(L)} is the close of {', '.join(near)}" if near else ""
            )
            return Outcome(False if _no_session(m, day) and not adjusted else None, ev,
                           "exact trading day", None, calendar=_no_session(m, day))  # fmt: skip
        prior = s.before(day)
        j = prior.argmax()
        diff = (val / L - 1) * 100
        ev = (f"{sid} {iso(day)} close = {_f(val)}; stated {_f(L)} ({diff:+.3f}%); highest earlier "
              f"close {_f(prior.values[j])} on {iso(prior.dates[j])}")  # fmt: skip
        fits = band.verdict(diff)
        record = val >= prior.values[j]
        if fits and record:
            return Outcome(True, ev, band.text + "; a record: above every earlier close", val)
        wrong = fits is False or not record  # a record is exact, as judge_record's
        if adjusted or not c.extra.get("closing") or not wrong:
            return Outcome(None, ev + ("" if record else "; not a record close"), band.text, val)
        return Outcome(False, ev + ("" if record else "; not a record close"), band.text, val)
    first = c.extra.get("year_first")
    if isinstance(first, dt.date) and first <= day and not c.extra.get("prior") and not adjusted:
        # "In 2023, the S&P 500 achieved an all-time high of 4,496": a record set in that year
        # tops every close before it, and an intraday high tops its close: a level below the
        # highest close before the year is no record of that year, whatever its reading
        w = s.before(first)
        last = min(c.extra.get("year_last") or day, day)
        if len(w):
            j = w.argmax()
            top = w.values[j]
            if band.verdict((top / L - 1) * 100) is False and top > L:
                ev = (f"highest {sid} close before {first.year}: {_f(top)} on {iso(w.dates[j])}; "
                      f"a record set in {first.year} is at least that (an intraday high tops "
                      f"its close) vs stated {_f(L)}")  # fmt: skip
                return Outcome(False, ev, band.text, top)
            yr = s.between(first, last)
            if len(yr) and not _record_history(sid, s, first, m):
                records, run = [], top
                for t, x in yr.items():
                    if x >= run:
                        records.append((t, x))
                    run = max(run, x)
                ev = f"{sid} record closes in {first.year} up to {iso(last)}: {len(records)}"
                if not records:  # no record close that year: the level is another's
                    return _na(f"{ev} (highest close before it {_f(top)}) vs stated {_f(L)}")
                rec = next((r for r in records if band.verdict((r[1] / L - 1) * 100)), None)
                if rec is not None:
                    ev += f", among them {_f(rec[1])} on {iso(rec[0])} vs stated {_f(L)}"
                    return Outcome(True, ev, band.text, rec[1])
                # an intraday record of that year may be the level: the year's, not the day's
                return _na(f"{ev}, none at {_f(L)} (an intraday record may be)")
    tops: list[tuple[str, dt.date, float]] = []
    for words, w in (("before", s.before(day)), ("up to", s.upto(day))):
        if (c.extra.get("prior") and words == "up to") or not len(w):
            continue
        why = _record_history(sid, s, w.last, m)
        if why:
            return _na(why)
        j = w.argmax()
        tops.append((words, w.dates[j], w.values[j]))
    if not tops:
        return _na(f"no {sid} closes before {day}")
    outs = [(band.verdict((v / L - 1) * 100), f"highest {sid} close {w} {iso(day)}: {_f(v)} on {iso(t)}", v)
            for w, t, v in tops]  # fmt: skip
    hit = next((o for o in outs if o[0]), None)
    if hit is not None:
        return Outcome(True, hit[1] + f" vs stated {_f(L)}", band.text, hit[2])
    ev = "; ".join(o[1] for o in outs) + f" vs stated {_f(L)}"
    ok = (
        False
        if all(o[0] is False for o in outs) and c.extra.get("closing") and not adjusted
        else None
    )
    return Outcome(ok, ev, band.text, outs[0][2])


# ------------------------------------------------------------------------------------ changes
Start = tuple[dt.date, float, str]


def _prior(s: Series, d: dt.date, what: str) -> Start | Outcome:
    """The last close before ``d``, named ``what``."""
    got = before(s, d)
    return (*got, what) if got else _na(f"no close before {d}")


def _period_first(p: PeriodSpec, end_t: dt.date) -> dt.date | None:
    """The first day of a calendar period (year, quarter, month) ending at ``end_t``."""
    k = p.kind
    if k in ("ytd", "year"):
        return dt.date(p.first.year if (k == "year" and p.first) else end_t.year, 1, 1)
    if k in ("mtd", "month"):
        return p.first or end_t.replace(day=1)
    if k == "span" and p.first is not None:
        return p.first  # "from 2023 through the end of 2025": from the close before its first day
    if k == "qtd" or (k == "quarter" and p.first):
        return (
            p.first if k == "quarter" else dt.date(end_t.year, 3 * ((end_t.month - 1) // 3) + 1, 1)
        )
    return None


def _period_start(c: Claim, s: Series, end_t: dt.date, m: Market) -> Start | Outcome:
    p = c.period
    if p is None:
        return _na("the period of this change is not stated")
    k = p.kind
    if k == "day":
        got = before(s, end_t)
        return (*got, "previous close") if got else _na("no earlier close")
    first = _period_first(p, end_t)
    if first is not None:
        if k == "span":
            return _prior(s, first, f"last close before {first}")
        names = {"ytd": "year", "year": "year", "mtd": "month", "month": "month"}
        name = names.get(k, "quarter")
        return _prior(s, first, f"last close of the prior {name}")
    if k in ("week", "last_week"):
        return _prior(s, end_t - dt.timedelta(days=end_t.weekday()), "last close of the prior week")
    if k in ("trailing", "ago") and p.n:
        return _back(s, end_t, p.n, p.unit or "day")
    if k in ("since_low", "since_high") and p.first is not None and p.last is not None:
        w = s.between(p.first, p.last)
        if not len(w):
            return _na(f"no close in {p.text!r}")
        i = w.argmin() if k == "since_low" else w.argmax()
        hl = "lowest" if k == "since_low" else "highest"
        return w.dates[i], w.values[i], f"{hl} close of {p.first:%Y-%m}"
    if k in ("swing", "episode"):
        # "plummeted 19% in a matter of weeks", "a nearly 34% tumble in March": from the extreme
        # close of the months before (an episode's extreme in its period: see _episode_end)
        w = s.between(end_t - _EPISODE_LOOKBACK, end_t)
        i = w.argmax() if c.direction < 0 else w.argmin()
        hl = "highest" if c.direction < 0 else "lowest"
        return w.dates[i], w.values[i], f"{hl} close of the 120 days before"
    if k in ("since", "since_open"):
        if p.anchor is None:
            return _na(f"the start of the period ({p.text!r}) is not a date")
        if k == "since_open":
            return _prior(s, p.anchor, f"close before {p.anchor}")
        got = on_or_before(s, p.anchor)
        return (*got, f"close on {p.anchor}") if got else _na(f"no close on or before {p.anchor}")
    return _na(f"periods of the kind {k!r} are not checked")


def _back(s: Series, end_t: dt.date, n: int, unit: str) -> Start | Outcome:
    if unit == "session":
        i = s.dates.index(end_t) if on(s, end_t) is not None else len(s.upto(end_t)) - 1
        if i - n < 0:
            return _na("not enough history")
        return s.dates[i - n], s.values[i - n], f"close {n} sessions earlier"
    if unit in ("day", "week"):
        start = end_t - dt.timedelta(days=n * (7 if unit == "week" else 1))
    else:
        start = add_months(end_t, n * (12 if unit == "year" else 1) * -1)
    got = on_or_before(s, start)
    return (
        (*got, f"close {n} {unit}{'s' if n > 1 else ''} earlier")
        if got
        else _na("not enough history")
    )


def _open(last: dt.date, as_of: dt.date) -> bool:
    """Whether a period ending ``last`` still had a weekday to trade after ``as_of`` (an article
    of Friday 2023-12-29, the year's last session, speaks of a year that had ended)."""
    d = as_of + _DAY
    while d <= last:
        if d.weekday() < 5:
            return True
        d += _DAY
    return False


def _distributive_words(text: str) -> bool:
    """Whether an unknown period's words are those of a figure for each part ("in each of")."""
    return bool({"each", "every", "both"} & set(text.lower().split()))


#: how far back a swing's or an episode's peak (or trough) is looked for
_EPISODE_LOOKBACK = dt.timedelta(days=120)


def _episode_end(c: Claim, p: PeriodSpec, day: dt.date, s: Series) -> tuple[dt.date, float] | None:
    """The close in the period ``p`` that ends the largest move in the claim's direction from
    the extreme close of the 120 days before it: "a 34% tumble in March" read as the sell-off
    whose trough fell in March (peak to trough), not the month's close-to-close change.

    A running extreme over the window (a bounded walk: the period's closes and the 120 days
    before them, about 110 closes) instead of a library call: the series is a plain list."""
    if p.first is None or p.last is None:
        return None
    w = s.between(p.first - _EPISODE_LOOKBACK, min(p.last, day))
    best: tuple[float, int] | None = None
    ext = None
    for i, (t, v) in enumerate(zip(w.dates, w.values, strict=True)):
        ext = v if ext is None else (max(ext, v) if c.direction < 0 else min(ext, v))
        if t < p.first or not ext:
            continue
        # the move from the window's extreme so far to this close, in the claim's direction;
        # the window's start trails each close by at most the lookback plus the period's length
        mv = (v / ext - 1) * (1 if c.direction > 0 else -1)
        if best is None or mv > best[0]:
            best = (mv, i)
    if best is None:
        return None
    return w.dates[best[1]], w.values[best[1]]


def _period_end(c: Claim, day: dt.date, s: Series) -> tuple[dt.date, float] | None:
    p = c.period
    if p is not None and p.kind == "episode":
        return _episode_end(c, p, day, s)
    end = day
    calendar = p is not None and p.kind in ("month", "year", "quarter", "span")
    if calendar and p is not None and p.last is not None and p.last < day:
        end = p.last
    if p is not None and p.kind == "last_week":
        end = day - dt.timedelta(days=day.weekday() + 1)
    if p is not None and p.kind == "span" and p.n and p.unit == "session" and p.first:
        # "in the four trading days following April 2": the n-th close after the day
        w = s.between(p.first, None)  # the series ends on the article's date: no lookahead
        return (w.dates[p.n - 1], w.values[p.n - 1]) if len(w) >= p.n else None
    return on_or_before(s, end)


def _final_close_stated(c: Claim, claims: list[Claim], close: float) -> bool:
    """Whether the sentence of a move in points (stated to the cent) states right after it the
    close it ran to, equal to the final ``close`` to its last digit."""
    if c.decimals < 2 or c.subject is None:
        return False
    for x in claims:
        if (
            x.measure == "close"
            and x.subject == c.subject
            and c.start <= x.start <= c.end + 60
            and isinstance(x.stated_value, float)
            and x.decimals >= 2
            and abs(x.stated_value - close) <= 0.5 * 10.0 ** (-x.decimals) + 1e-9
        ):
            return True
    return False


#: the precision a price is quoted to (a cent, a hundredth of a point)
_CENT = 0.01


#: an index the store may hold no daily closes for (the Russell 2000; the S&P 500 before FRED's
#: ten years) → the fund that tracks it, whose session move can confirm the index's
_FUND_PROXIES = {"russell2000": "iwm", "sp500": "spy", "market": "spy"}


def _on_its_fund(c: Claim, day: dt.date, m: Market, claims: list[Claim], none: Outcome) -> Outcome:
    """ "The Russell 2000 rose 1.2%" with no Russell closes in the store: a session's percent move
    of an index is confirmed by the fund that tracks it (IWM, SPY) when the fund's move fits the
    figure as stated; it never contradicts it (a fund's move differs from its index's by a
    dividend, fees, its own closing print: up to a tenth of a point, more on an ex-dividend day).
    ``none`` (the index's own "no data") when the fund does not confirm it."""
    fund = _FUND_PROXIES.get(c.subject.key) if c.subject is not None else None
    if fund is None or c.measure != "change" or c.period is None or c.period.kind != "day":
        return none
    proxy = subject_by_key(fund)
    got = judge_change(dataclasses.replace(c, subject=proxy), day, m, claims)
    if got.ok is not True:
        return dataclasses.replace(none, evidence=f"{none.evidence}; {proxy.name}: {got.evidence}")
    name = c.subject.name if c.subject is not None else "the index"
    note = (
        f"{fund.upper()}, the fund that tracks the {name}: it confirms the figure, never refutes it"
    )
    return dataclasses.replace(got, evidence=f"{got.evidence} ({note})")


def judge_change(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    got = _daily(c, m)
    if isinstance(got, Outcome):
        return _on_its_fund(c, day, m, claims, got)
    sid, s = got
    primary = ""  # set when another feed of the prices stands in after the first one ends
    if _stale(s, day):
        alt = m.later_feed(c.subject, sid, day) if c.subject is not None else None
        if alt is None or c.measure == "points_change":
            # (a move in dollars is not read on another feed: its prices are adjusted)
            return _na(
                f"the store's {sid} ends {iso(s.last)}, before {day}",
                c.subject.settle if c.subject else "",
            )
        primary, (sid, s) = sid, alt
    p = c.period
    if (
        p is not None
        and p.kind in ("month", "year", "span")
        and p.first
        and p.last
        and _open(p.last, m.as_of)
    ):
        todate = {"year": "ytd", "month": "mtd"}.get(p.kind)
        if todate is None or p.first > m.as_of or day < p.first:
            return _na(f"{p.text} had not ended by the article's date {m.as_of}")
        # "Meta is now up 35% in 2024" on 2024-02-02: the year is the article's own, not over,
        # so its change is the one to date
        c = dataclasses.replace(c, period=PeriodSpec(todate, f"{p.text}, to date (not over yet)"))
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
        if _final_close_stated(c, claims, end_v) and c.comparator in ("=", "") and not c.hedge:
            # "lost 67.28 points, or 1.63 per cent, to 4,108.54": the close it ran to is the
            # final one to the cent, so the move is the difference of two final closes; no
            # preliminary close to allow for, only the figure's rounding and the few cents by
            # which sources' closes differ (FRED's 3,921.05 is another's 3,921.08)
            tol = 0.5 * 10.0 ** (-c.decimals) + 0.05
            s_ = stated if sign_known else abs(stated)
            band = Band(s_ - tol, s_ + tol, s_ - tol - 0.1, s_ + tol + 0.1,
                        f"points: ±{tol:g}, the close it ran to being the final one (contradicted beyond ±{tol + 0.1:g})")  # fmt: skip
        ev = f"{sid} {iso(end_t)} {_f(end_v)} − {st_note} {iso(st_t)} {_f(st_v)} = {comp:+.2f} points vs stated {stated:+g}"
        pinned = _pinned_by_percent(c, claims, st_v, end_v)
        if pinned is not None:
            return Outcome(False, f"{ev}; {pinned[1]}", pinned[0], round(comp, 4))
        got_ = _from_extreme(c, band, comp if sign_known else abs(comp), ev, sign_known)
        if got_.ok is False and _adjusted_prices(c):
            # a share's move in dollars, against stored prices adjusted for later splits
            return _na(f"{got_.evidence}; stored prices may be adjusted for splits: not judged")
        return got_
    comp = (end_v / st_v - 1) * 100
    # a sector read on its ETF: the proxy tracks the sector index to within about 0.05 pp a day
    # (and the S&P 500's total return read on SPY, which trails it by its fee)
    proxy = c.subject is not None and (c.subject.kind == "sector" or c.subject.key == "sp500_tr")
    decimals = min(c.decimals, 1) if proxy else c.decimals
    band = pct_band(stated if sign_known else abs(stated), decimals, c.comparator, c.hedge)
    if (
        p is not None and p.kind == "day" and c.comparator in ("=", "") and not c.hedge
        and decimals >= 1 and not proxy and not c.extra.get("from_extreme")
    ):  # fmt: skip
        band = session_pct_band(stated if sign_known else abs(stated), decimals)
    elif c.decimals == 0 and c.comparator in ("=", "") and not c.hedge:
        # a whole percent ("rose 17% in 2025"): its rounding, and a tenth for a preliminary
        # close; dividends are another reading (thesis.claims.explained), not a wider band
        # (at least a tenth; a preliminary close's level error, LEVEL_TOL %, scales with the
        # ratio the figure states: it moves "235%" by a sixth of a point)
        more = max(0.1, LEVEL_TOL * (1 + abs(stated) / 100))
        band = dataclasses.replace(band, c_lo=band.lo - more, c_hi=band.hi + more,
                                   text=f"{band.text.split(' (')[0]} (contradicted beyond ±{0.5 + more:.2g}pp)")  # fmt: skip
        s_ = stated if sign_known else abs(stated)
        if s_ > 0:  # a figure cut, not rounded ("surged 31%" for +31.83%): toward the larger move
            band = dataclasses.replace(band, c_hi=max(band.c_hi, s_ + 1.0))
        elif s_ < 0:
            band = dataclasses.replace(band, c_lo=min(band.c_lo, s_ - 1.0))
    paired = c.extra.get("pair_level")  # "fell -3.42% to 15.80": the close it ran to
    off = isinstance(paired, float) and 0 < abs(paired - end_v) <= _CENT + 1e-9
    cent = 100 * _CENT * (1 / st_v + 1 / end_v) if off and st_v > 0 and end_v > 0 else 0.0
    if cent > 0.01:
        # a low-priced series (the VIX near 16) whose close the article prints a cent off the
        # store's: another print of both days' closes, which moves the change by this much
        # ("fell -3.42% to 15.80" from 16.36, against 15.79 and 16.37)
        band = dataclasses.replace(band, c_lo=band.c_lo - cent, c_hi=band.c_hi + cent,
                                   text=f"{band.text}; contradicted only {cent:.2f} pp further (a "
                                   "cent on either close)")  # fmt: skip
    if proxy:
        band = dataclasses.replace(
            band, lo=band.lo - 0.05, hi=band.hi + 0.05,
            text=f"{band.text}, ±0.05 pp more (an ETF proxy)",
        )  # fmt: skip
        if c.subject is not None and c.subject.kind == "sector":
            band = _proxy_drift(band, sid, st_t, end_t, m)
    ev = f"{sid} {iso(end_t)} {_f(end_v)} / {st_note} {iso(st_t)} {_f(st_v)} − 1 = {comp:+.2f}% vs stated {stated:+g}%"
    if primary:
        k = max(1, len(s.between(st_t, end_t)) - 1)
        gap = m.feed_gap(primary, sid, k)
        if gap is None or gap > FEED_GAP_MAX:
            return _na(f"{ev}; the store's {primary} ends {iso(m.series(primary).last)}, and "  # type: ignore[union-attr]
                       f"{sid}, another feed of its prices, strays from it too far to judge",
                       c.subject.settle if c.subject else "")  # fmt: skip
        # contradicted only beyond the largest gap the two feeds have shown over that many
        # sessions; supported within that gap up to a quarter point (:data:`FEED_SUPPORT_MAX`):
        # the feed's closing print is not the consolidated close the article quotes ("Microsoft
        # was down 1.85%": -1.76% on IEX's prints)
        sup = min(gap, FEED_SUPPORT_MAX)
        band = dataclasses.replace(
            band, lo=band.lo - sup, hi=band.hi + sup, c_lo=band.c_lo - gap, c_hi=band.c_hi + gap,
            text=f"{band.text}, ±{sup:.2f} pp more ({sid}, another feed), contradicted only "
            f"±{gap:.2f} pp further (its largest gap to {primary} over {k} session(s) where both "
            "have prices)",
        )  # fmt: skip
    return _from_extreme(c, band, comp if sign_known else abs(comp), ev, sign_known)


#: how far a sector's fund may drift from its index per year (pp): capped weights, fees and cash
#: ("Financials down 20.14% in 2018" on XLF, whose weights the fund's caps change)
_TRACKING_PP_YEAR = 2.0
#: the dividends per year a total-return proxy holds on top of its index's price return (pp): a
#: sector's yield reaches about 4% (utilities, energy)
_DIVIDEND_PP_YEAR = 4.0


def _proxy_drift(band: Band, sid: str, first: dt.date, last: dt.date, m: Market) -> Band:
    """``band`` widened for a sector read on its fund over more than a week: the fund's tracking
    drift both ways, and, when the store holds its total return, the dividends a price return
    leaves out (the stated price change may fall short of the fund's by that much). A week or
    less keeps the band: an ETF tracks its index to about 0.05 pp a day."""
    years = (last - first).days / 365.25
    if years <= 7 / 365.25:
        return band
    drift = _TRACKING_PP_YEAR * years
    info = m.info(sid)
    dividends = _DIVIDEND_PP_YEAR * years if info is not None and info.total_return else 0.0
    return dataclasses.replace(
        band, c_lo=band.c_lo - drift - dividends, c_hi=band.c_hi + drift,
        text=f"{band.text}; contradicted only {drift:.2g} pp further for the fund's drift from "
        f"its index{f' and {dividends:.2g} pp below for the dividends its total return holds' if dividends else ''}",
    )  # fmt: skip


#: the largest gap (pp) between two feeds' changes for the second to stand in for the first
FEED_GAP_MAX = 2.0
#: how far (pp) another feed's change may lie from the stated one and still support it: its
#: closing prints differ from the consolidated closes by a few cents a day (IEX's by up to about
#: 0.4 pp on a day's move; a quarter point covers most sessions)
FEED_SUPPORT_MAX = 0.25


def _from_extreme(c: Claim, band: Band, comp: float, ev: str, sign_known: bool) -> Outcome:
    """The verdict of a change, one-sided for a move from a dated low or high
    (``extra["from_extreme"]``, :mod:`thesis.claims.dated_base`): the store holds an index's
    closes only, and the day's intraday low is at or below its close (a high at or above), so
    the change from a low is at least the close-based ``comp`` and the change from a high at
    most ``comp``. A stated figure beyond the band on the far side contradicts both readings;
    one on the near side may be the intraday reading, so it is not judged."""
    side = c.extra.get("from_extreme")
    out = _verdict(band, comp, ev)
    if side not in ("low", "high") or out.ok is not False:
        return out
    far = comp > band.c_hi if side == "low" else comp < band.c_lo
    word = "low is at or below" if side == "low" else "high is at or above"
    bound = "at least" if side == "low" else "at most"
    if far and sign_known:
        why = (f"; the day's intraday {word} its close, so the change from it is {bound} "
               "the close-based figure: the stated one is beyond it either way")  # fmt: skip
        return dataclasses.replace(out, evidence=out.evidence + why)
    why = (f"; the day's intraday {word} its close (not in the store for an index), so the "
           f"change from it is {bound} the close-based figure: the stated one may be the "
           "intraday reading, not judged")  # fmt: skip
    return dataclasses.replace(out, ok=None, evidence=out.evidence + why)


# ------------------------------------------------------------------------ distances, upsides
def _base(
    c: Claim, day: dt.date, m: Market, *, stored_level: bool = False
) -> tuple[float, str] | Outcome:
    """The level a distance or an upside runs from: the one the article states, else the
    subject's close on ``day``. A share's stored prices are adjusted for later splits and
    dividends, so its close stands in only when the other level is read from the same stored
    series (``stored_level``: "357% from the March 2020 low"), never against a stated price."""
    if c.base is not None:
        return float(c.base), f"the level of {_f(float(c.base))} the article states"
    if c.subject is None:
        return _na("no subject")
    if c.subject.kind in ("stock", "etf") and not stored_level:
        return _na(
            "the article states no current price, and stored prices may be adjusted",
            c.subject.settle,
        )
    got = _close_on(c, day, m)
    if isinstance(got, Outcome):
        return got
    sid, _s, (t, close) = got
    return close, f"{sid} {iso(t)} close {_f(close)}"


#: how far an index's session extreme may lie beyond the one its fund's range implies (percent)
_PROXY_EXTREME_SLACK = 0.5


def _session_extreme_ref(c: Claim, day: dt.date, m: Market) -> tuple[float, str, bool] | None:
    """The lowest low (highest high) of a named period in the store's session ranges, for a
    distance from that period's low (high) the words do not say was a close, and whether the
    range is a fund's standing in for the index's (:meth:`Market.session_range`): then the
    extreme is pushed :data:`_PROXY_EXTREME_SLACK` % further out, a bound that can block a
    contradiction or let one stand, never support. ``None`` when the store holds no range for
    the series, or the claim names no period."""
    if c.level is not None or not c.extra.get("ref_first") or c.subject is None:
        return None
    got = m.daily(c.subject)
    if got is None:
        return None
    proxy = m.range_is_proxy(got[0])
    rng = m.session_range(got[0], proxy=proxy)
    if rng is None:
        return None
    low = bool(c.extra.get("ref_low"))
    first = dt.date.fromisoformat(c.extra["ref_first"])
    last = dt.date.fromisoformat(c.extra["ref_last"])
    w = rng[0 if low else 1].before(day).between(first, last)
    if not len(w):
        return None
    i = w.argmin() if low else w.argmax()
    v = w.values[i]
    if not proxy:
        return v, f"session {'low' if low else 'high'} {_f(v)} ({iso(w.dates[i])})", False
    v *= 1 - _PROXY_EXTREME_SLACK / 100 if low else 1 + _PROXY_EXTREME_SLACK / 100
    note = (f"session {'low' if low else 'high'} at most {_f(v)} beyond ({iso(w.dates[i])}: its "
            f"fund's range, {_PROXY_EXTREME_SLACK:g}% further out)")  # fmt: skip
    return v, note, True


def _reference_level(c: Claim, day: dt.date, m: Market) -> tuple[float, str] | Outcome:
    if c.level is not None:
        return float(c.level), _f(float(c.level))
    got = _daily(c, m)
    if isinstance(got, Outcome):
        return got
    sid, s = got
    win = s.before(day)
    if c.extra.get("ref_first"):
        # distance from a named high or low ("its February high"): the extreme close of the
        # named period, up to the day before the claim's day
        first = dt.date.fromisoformat(c.extra["ref_first"])
        last = dt.date.fromisoformat(c.extra["ref_last"])
        if not s.dates or s.dates[0] > first:
            return _na(f"{sid} history does not reach back to {iso(first)}")
        win = win.between(first, last)
        if not len(win):
            return _na(f"no {sid} close from {iso(first)} to {iso(last)} before {iso(day)}")
        low = bool(c.extra.get("ref_low"))
        i = win.argmin() if low else win.argmax()
        what = f"{'lowest' if low else 'highest'} close from {iso(first)} to {iso(last)}"
        return win.values[i], f"its {what}: {_f(win.values[i])} ({iso(win.dates[i])})"
    if len(win) < 250:
        return _na(f"{sid} history is too short for its {c.extra.get('reference')}")
    what = "highest"
    if c.extra.get("reference") == "52w":  # "its 52-week high": the year before the day only
        win = win.between(day - dt.timedelta(days=365), None)
        what = "52-week " + ("lowest" if c.extra.get("ref_low") else "highest")
    elif c.extra.get("ref_low"):
        what = "lowest"
    i = win.argmin() if c.extra.get("ref_low") else win.argmax()
    return win.values[i], f"its {what} close {_f(win.values[i])} ({iso(win.dates[i])})"


def _wrong_base(c: Claim, day: dt.date, m: Market, b: float) -> tuple[float, str] | None:
    """The store's close on ``day`` when the distance runs from a close the article states
    ("closed at 6,982.31, just 17.69 points below 7,000") and that close is wrong beyond the
    level band's margin: a distance that fits only the article's own wrong close is no fact about
    the market. ``None`` otherwise."""
    if not c.extra.get("base_close") or c.subject is None or c.subject.kind in ("stock", "etf"):
        return None
    got = _close_on(c, day, m)
    if isinstance(got, Outcome):
        return None
    sid, _s, (t, close) = got
    if t != day or level_band(b, "=").verdict((close / b - 1) * 100) is not False:
        return None
    return close, f"{sid} {iso(t)} close {_f(close)}"


def _judge_points_distance(c: Claim, day: dt.date, m: Market, b: float, b_note: str,
                           L: float, l_note: str) -> Outcome:  # fmt: skip
    """ "17.69 points below 7,000": the base's difference from the level, in points."""
    stated = float(c.stated_value or 0)
    band = points_band(stated, c.decimals, c.comparator, L, c.hedge)
    comp = round(b - L, 2)
    ev = f"base {b_note}; level {l_note}: base − level = {comp:+,.2f} points vs stated {stated:+g}"
    ok = band.verdict(comp)
    if ok is True:
        wrong = _wrong_base(c, day, m, b)
        if wrong is not None and band.verdict(wrong[0] - L) is False:
            return Outcome(False, f"{ev}; it fits only the article's own close, and from the "
                           f"{wrong[1]} it is {wrong[0] - L:+,.2f} points", band.text, comp)  # fmt: skip
        return Outcome(True, ev, band.text, comp)
    if ok is False:
        return Outcome(False, ev, band.text, comp)
    return Outcome(None, ev + "; close to the stated figure but outside its tolerance: not judged",
                   band.text, comp)  # fmt: skip


def judge_distance(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    base = _base(c, day, m, stored_level=c.level is None)
    if isinstance(base, Outcome):
        return base
    lvl = _reference_level(c, day, m)
    if isinstance(lvl, Outcome):
        return lvl
    (b, b_note), (L, l_note) = base, lvl
    if c.unit == "points":
        return _judge_points_distance(c, day, m, b, b_note, L, l_note)
    stated = float(c.stated_value or 0)
    # "X% below L" is read as a share of the base (L/b − 1) or of the level (1 − b/L)
    readings_ = {"(base / level − 1)": (b / L - 1) * 100, "(level / base − 1)": -(L / b - 1) * 100}
    ext = _session_extreme_ref(c, day, m)
    if ext is not None:
        # a named period's high or low may be a session's (the words do not say a close): its
        # extreme in the store's own highs and lows is read as well
        L2, l2_note, _proxy = ext
        l_note += f"; {l2_note}"
        readings_ |= {"(base / session extreme − 1)": (b / L2 - 1) * 100,
                      "(session extreme / base − 1)": -(L2 / b - 1) * 100}  # fmt: skip
    band = pct_band(stated, c.decimals, c.comparator, c.hedge)
    oks = [band.verdict(v) for v in readings_.values()]
    ev = (f"base {b_note}; level {l_note}: " + ", ".join(f"{k} = {v:+.2f}%" for k, v in readings_.items())
          + f" vs stated {stated:+g}%")  # fmt: skip
    comp = round((L / b - 1) * 100, 4)  # the distance from the base to the level
    if any(v is True for v in (oks[:2] if ext is not None and ext[2] else oks)):
        wrong = _wrong_base(c, day, m, b)
        if wrong is not None:
            w = wrong[0]
            alt = [(w / L - 1) * 100, -(L / w - 1) * 100]
            if all(band.verdict(v) is False for v in alt):
                return Outcome(False, f"{ev}; it fits only the article's own close, and from the "
                               f"{wrong[1]} it is {alt[0]:+.2f}% / {alt[1]:+.2f}%", band.text, comp)  # fmt: skip
        return Outcome(True, ev, band.text, comp)
    if ext is not None:
        # any level between the lowest close and the lowest low may be the one meant: a figure
        # inside the span of a convention's two readings is not contradicted
        vals = list(readings_.values())
        for lo_, hi_ in ((min(vals[0], vals[2]), max(vals[0], vals[2])),
                         (min(vals[1], vals[3]), max(vals[1], vals[3]))):  # fmt: skip
            if hi_ >= band.c_lo and lo_ <= band.c_hi:
                return Outcome(None, ev + "; between a close and a session extreme: not judged",
                               band.text, comp)  # fmt: skip
    if all(v is False for v in oks):
        return Outcome(False, ev, band.text, comp)
    return Outcome(
        None,
        ev + "; close to the stated figure but outside its tolerance: not judged",
        band.text,
        comp,
    )


def judge_upside(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    base = _base(c, day, m)
    if isinstance(base, Outcome):
        return base
    b, b_note = base
    L = float(c.level or 0)
    stated = float(c.stated_value or 0)
    if (
        not c.extra.get("base_stated")
        and b
        and abs(L / b - 1) * 100 <= LEVEL_TOL
        and abs(stated) >= 0.1
    ):
        # "followed with a 0.6% gain to reach 6,263.26", the day's close: the move that reached
        # the level, not an upside still to go
        return _na(
            f"{_f(L)} is the close itself ({b_note}): the move that reached it, not an upside to it"
        )
    comp = (L / b - 1) * 100
    band = pct_band(stated, c.decimals, c.comparator, c.hedge)
    if c.rule == "two_closes":
        # the article's own arithmetic between two levels it writes to the cent: no preliminary
        # close to excuse a difference, only the rounding of its last digit
        unit = 10.0**-c.decimals
        band = Band(stated - unit / 2, stated + unit / 2, stated - unit, stated + unit,
                    f"its last digit: ±{unit / 2:g}pp (contradicted beyond ±{unit:g}pp)")  # fmt: skip
    said = f"{stated:+g}%"
    if c.extra.get("direction_only"):  # "an increase from A to B": the sign alone is stated
        said = "a rise (above 0)" if c.direction > 0 else "a fall (below 0)"
    ev = f"({_f(L)} / {_f(b)} − 1) × 100 = {comp:+.2f}% vs stated {said}; base: {b_note}"
    if c.extra.get("direction_only") and band.verdict(comp) is not False:
        # a direction its own levels agree with says nothing of the market (the levels are
        # claims of their own): it may contradict, never support
        return _na(f"{ev}; consistent with its own levels, which the store does not date")
    out = _verdict(band, comp, ev)
    if out.ok is False and not c.extra.get("base_stated") and c.subject is not None:
        # "Deutsche Bank ... forecasting the index at 8,000, implying a 17% upside": the upside
        # is the forecaster's, from the level when the forecast was made, which may be weeks
        # before the article; a close of the months before that gives it leaves it unsettled
        got = _daily(c, m)
        if not isinstance(got, Outcome):
            sid, s = got
            for t, x in reversed(list(s.before(day).items())[-FORECAST_BASE_SESSIONS:]):
                if x and band.verdict((L / x - 1) * 100) is not False:
                    why = (
                        f"; from the {sid} close of {iso(t)} ({_f(x)}) it is "
                        f"{(L / x - 1) * 100:+.2f}%: the forecast may be older than the article"
                    )
                    return _na(ev + why)
    return out


#: how far back the level a quoted forecast ran from may lie (about three months of sessions)
FORECAST_BASE_SESSIONS = 63


# ----------------------------------------------------------------------------- runs and ranks
def _runs(values: list[float], sign: int) -> list[int]:
    """Length of the run of up (sign 1) or down (−1) closes ending at each row."""
    out = [0] * len(values)
    for i in range(1, len(values)):
        d = values[i] - values[i - 1]
        out[i] = out[i - 1] + 1 if (d > 0 if sign > 0 else d < 0) else 0
    return out


def _resample(s: Series, unit: str) -> Series:
    """The last close of each week (ending Friday), month, quarter or year, dated by its
    session."""
    if unit not in ("week", "month", "quarter", "year"):
        return s
    last: dict[tuple[int, int] | dt.date, tuple[dt.date, float]] = {}
    for d, v in s.items():
        key = (
            d + dt.timedelta(days=(4 - d.weekday()) % 7)
            if unit == "week"
            else (d.year, d.month)
            if unit == "month"
            else (d.year, 100 + (d.month - 1) // 3)
            if unit == "quarter"
            else (d.year, 0)
        )
        last[key] = (d, v)
    rows = sorted(last.values())
    return Series([d for d, _ in rows], [v for _, v in rows])


def judge_streak(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    got = _daily(c, m)
    if isinstance(got, Outcome):
        return got
    sid, s = got
    n = int(c.extra.get("n") or 0)
    unit = c.extra.get("unit", "session")
    w = s.upto(day).sl(-1500)
    if len(w) < 3 or _stale(s, day):
        return _na(f"no {sid} data up to {day}")
    w = _resample(w, unit)
    w = _finished(w, unit, s, m.as_of)
    sign = c.direction or 1
    if c.extra.get("snapped"):
        k = _runs(w.values[:-1], sign)[-1]
        d = w.values[-1] - w.values[-2]
        broke = d < 0 if sign > 0 else d > 0
        ev = f"{unit}s {'down' if sign < 0 else 'up'} in a row before {iso(w.last)}: {k}; then {'a move the other way' if broke else 'no break'}"
        ok = bool(broke and k == n) if broke and k <= n else (None if k > n else False)
        return Outcome(ok, ev, "exact count", k)
    if c.extra.get("previous"):
        return _previous_streak(w.values, sign, n, unit, w.last)
    k = _runs(w.values, sign)[-1]
    rows = ", ".join(f"{iso(t)} {_f(x)}" for t, x in w.sl(-(k + 1)).items())
    ev = f"{unit}s {'up' if sign > 0 else 'down'} in a row up to {iso(w.last)}: {k} ({rows})"
    if c.extra.get("after") and len(w) > 2:
        # "after five straight days of losses": the run up to the session before the day, or
        # the one that includes it; a contradiction must hold on both
        kb = _runs(w.values[:-1], sign)[-1]
        ev += f"; up to the session before: {kb}"
        ok = True if n in (k, kb) else (False if max(k, kb) < n else None)
        return Outcome(ok, ev, "exact count of sessions", k)
    if k == 0 and k < n and len(w) > n + 1 and _runs(w.values[:-1], sign)[-1] == n:
        # "rallied on Wednesday to snap a five-session losing skid ... The five-session losing
        # streak was its longest": a streak the day ended, counted up to the session before,
        # fits; the contradiction does not survive that reading (nor is it supported: the
        # sentence may tell of a streak still running)
        return _na(f"{ev}; up to the session before, {n} in a row: a streak the day ended")
    if k > n and c.extra.get("ordinal") and unit == "session" and not c.hedge:
        # "its fourth consecutive day of gains" on the seventh: an ordinal counts the day's place
        # in the run, exactly. A writer may take a flat session (under 0.05%) for no gain: the run
        # after the last such session is a count as well, so the claim contradicts only when
        # neither count is its own
        flat = _run_after_flat(w.values, k)
        if flat != n:
            ev += f"; after the last flat session (a move under {_FLAT_PCT}%) in the run: {flat}"
            return Outcome(
                False, ev, "exact count of sessions (an ordinal: the day's place in the run)", k
            )
        return _na(f"{ev}; {n} counted after a flat session in the run")
    return Outcome(True if k == n else (False if k < n else None), ev, "exact count of sessions", k)


#: a session's move (percent) a writer may count as flat, not as a gain or a loss
_FLAT_PCT = 0.05


def _run_after_flat(values: list[float], k: int) -> int:
    """The length of the last ``k``-session run counted from after its last flat session (a move
    under :data:`_FLAT_PCT` percent); ``k`` when the run holds none."""
    run = values[-(k + 1) :]
    for j in range(len(run) - 1, 0, -1):
        if run[j - 1] and abs(run[j] / run[j - 1] - 1) * 100 < _FLAT_PCT:
            return len(run) - 1 - j
    return k


def _previous_streak(values: list[float], sign: int, n: int, unit: str, last: dt.date) -> Outcome:
    """ "Its previous, nine-session losing streak": the last run of that direction that had ended
    before the day. It fits when that run is ``n`` long; when it is not, the words may count
    another run (an earlier one, or one ended by the day itself), so the claim is not judged."""
    runs = _runs(values, sign)
    ended = [runs[i] for i in range(len(runs) - 1) if runs[i] > 0 and runs[i + 1] == 0]
    k = ended[-1] if ended else 0
    way = "up" if sign > 0 else "down"
    ev = f"the last run of {unit}s {way} that had ended before {iso(last)}: {k}"
    return Outcome(True if k == n else None, ev, "exact count", k)


def _finished(
    w: Series, unit: str, daily: Series | None = None, as_of: dt.date | None = None
) -> Series:
    """Week or month closes (from :func:`_resample`) without an unfinished last week or month:
    "its seventh straight monthly advance" counts finished months. With the ``daily`` series and
    the article's date, a week that ends before its Friday is over when that Friday is past and
    had no session (a holiday: the week to Thursday, 2023-04-06)."""
    if unit not in ("week", "month", "quarter", "year") or len(w) < 2:
        return w
    last = w.last
    if unit == "week" and daily is not None and as_of is not None and last.weekday() < 4:
        friday = last + dt.timedelta(days=4 - last.weekday())
        if as_of >= friday and not len(daily.between(last + _DAY, friday)):
            return w
    soon = last + dt.timedelta(days=3)
    ended = (
        soon.month != last.month
        if unit == "month"
        else (soon.month - 1) // 3 != (last.month - 1) // 3 or soon.year != last.year
        if unit == "quarter"
        else (last + dt.timedelta(days=4)).year != last.year
        if unit == "year"
        else last.weekday() >= 4
    )
    return w if ended else w.sl(None, -1)


def judge_count_of(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    """ "Up three of the past four weeks", "up four of the past six trading days": the number of
    up (or down) sessions or weeks among the last ``m`` up to the day, exactly."""
    got = _daily(c, m)
    if isinstance(got, Outcome):
        return got
    sid, s = got
    n, of, unit = int(c.extra["n"]), int(c.extra["of"]), str(c.extra["unit"])
    if _stale(s, day):
        return _na(f"no {sid} data up to {day}")
    w = _finished(_resample(s.upto(day).sl(-(of * 25 + 30)), unit), unit)
    if len(w) < of + 1:
        return _na(f"not enough {sid} history up to {day}")
    tail = w.sl(-(of + 1))
    moves = [
        (t, b - a)
        for t, a, b in zip(tail.dates[1:], tail.values[:-1], tail.values[1:], strict=True)
    ]
    sign = c.direction or 1
    k = sum(1 for _, d in moves if d * sign > 0)
    rows = ", ".join(f"{iso(t)} {d:+.2f}" for t, d in moves)
    ev = f"{sid} {unit}s {'up' if sign > 0 else 'down'} among the last {of} to {iso(tail.last)}: {k} ({rows})"
    if c.extra.get("latest") and k == n and moves[-1][1] * sign <= 0:
        # "its ninth gain in the last ten sessions": the latest is the ninth; the count fits
        # but the last move does not, so another day may be meant: not judged
        return Outcome(None, f"{ev}; the latest {unit} did not move that way", "exact count", k)
    return Outcome(k == n, ev, "exact count", k)


#: a sector ETF's move this close to zero may have the other sign on its sector index
_SECTOR_FLAT = 0.1


def judge_sector_count(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    """ "Eight of the 11 sectors ended lower": the sectors' ETFs that moved that way over the
    period. The ETFs stand in for the sector indexes: a move within ±0.1 pp of zero may have
    either sign, so the count is a range; supported when the stated count is in it, not judged
    when it is one off (an ETF can part from its sector index), contradicted beyond (the claim
    stays loose: never contradicted when its period is only assumed). Needs all eleven ETFs
    (XLRE from 2015, XLC from 2018)."""
    assert c.subject is not None
    n, of = int(c.extra["n"]), int(c.extra["of"])
    moves: list[tuple[str, float]] = []
    for sid in c.subject.series:
        s = m.series(sid)
        if s is None or _stale(s, day):
            continue
        end = _period_end(c, day, s)
        if end is None:
            continue
        start = _period_start(c, s, end[0], m)
        if isinstance(start, Outcome):
            continue
        moves.append((sid, (end[1] / start[1] - 1) * 100))
    if len(moves) != of:
        return _na(
            f"the store holds {len(moves)} of the {of} sector ETFs up to {day}",
            c.subject.settle,
        )
    sign = c.direction or 1
    sure = sum(1 for _, x in moves if x * sign > _SECTOR_FLAT)
    maybe = sum(1 for _, x in moves if x * sign > -_SECTOR_FLAT)
    rows = ", ".join(f"{sid.upper()} {x:+.2f}%" for sid, x in sorted(moves, key=lambda r: -r[1]))
    way = "up" if sign > 0 else "down"
    ev = (
        f"sector ETFs {way} to {day}: {sure}"
        + (f" to {maybe}" if maybe != sure else "")
        + f" of {of} ({rows})"
    )
    tol = (
        f"the count of ETFs {way}; a move within ±{_SECTOR_FLAT} pp of zero may go either way, "
        "and a count one off may be one ETF that parts from its sector index"
    )
    got = f"{sure}-{maybe}" if maybe != sure else sure
    if sure <= n <= maybe:
        return Outcome(True, ev, tol, got)
    if sure - 1 <= n <= maybe + 1:
        # an ETF is not its sector index (capped weights, other holdings: XLC fell 0.75% on a
        # day its index rose 0.67%): one sector the other way is no contradiction
        return Outcome(None, ev + "; one off: an ETF may part from its sector index", tol, got)
    return Outcome(False, ev, tol, got)


#: how far a stated moving average may sit from the simple mean of closes and be supported:
#: writers' conventions differ (which closes, simple or exponential), by a few tenths of a percent
_MA_TOL = 0.5


def judge_moving_average(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    """ "Its 200-day moving average at 3,046.91": the mean of the last *n* closes up to the day
    (sessions; weekly or month-end closes for weeks and months, with and without the unfinished
    last one), supported within ±0.5 %; never contradicted (see :func:`thesis.claims.rules.rule_moving_average`)."""
    got = _daily(c, m)
    if isinstance(got, Outcome):
        return got
    sid, s = got
    if _stale(s, day):
        return _na(f"no {sid} close on {day}")
    n, unit = int(c.extra["n"]), str(c.extra["unit"])
    w = _resample(s.upto(day).sl(-(n * 25 + 30) if unit != "session" else -(n + 1)), unit)
    tails = [w.sl(-n)]
    if unit != "session" and len(w) > n:
        tails.append(w.sl(-(n + 1), -1))  # without the last, perhaps unfinished, period
    stated = float(c.stated_value or 0)
    best: tuple[float, str] | None = None
    for tail in tails:
        if len(tail) < n:
            continue
        mean = sum(tail.values) / n
        gap = (stated / mean - 1) * 100
        note = f"{sid} mean of {n} {unit} closes {iso(tail.dates[0])}..{iso(tail.last)} = {_f(mean)}; stated {_f(stated)} ({gap:+.2f}%)"
        if best is None or abs(gap) < abs(best[0]):
            best = (gap, note)
    if best is None:
        return _na(f"not enough {sid} history up to {day}")
    tol = f"±{_MA_TOL}% of the mean of closes (a convention the words do not fix)"
    if abs(best[0]) <= _MA_TOL:
        return Outcome(True, best[1], tol, round(best[0], 4))
    return Outcome(False if abs(best[0]) > 3 * _MA_TOL else None, best[1], tol, round(best[0], 4))


def judge_rank(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    got = _close_on(c, day, m)
    if isinstance(got, Outcome):
        return got
    sid, s, (t, close) = got
    window = c.extra.get("window")
    year = c.extra.get("year") or t.year
    win = s.upto(t) if window == "all" else s.between(dt.date(year, 1, 1), t)
    hi = c.extra.get("hl") == "highest"
    better = [(x, tt) for tt, x in win.items() if (x > close if hi else x < close)]
    rank = 1 + len(better)
    scope = f"since {iso(s.first)} (the store's history)" if window == "all" else f"in {year}"
    if window == "all" and len(s) < 250 * 10:
        return _na(f"{sid} history in the store is too short for a rank in history")
    top = sorted(better, key=lambda r: -r[0] if hi else r[0])[:6]
    lst = ", ".join(f"{_f(x)} ({iso(tt)})" for x, tt in top)
    ev = f"{sid} {iso(t)} close {_f(close)}; {'higher' if hi else 'lower'} closes {scope}: {lst or 'none'} → rank {rank}"
    return Outcome(rank == int(c.extra.get("rank") or 0), ev, "exact rank among closes", rank)


def _since_values(c: Claim, w: Series) -> Series:
    """The values a "since" superlative compares, signed so that the superlative is the max."""
    what, sup = c.extra.get("what"), c.extra.get("sup", "")
    n = int(c.extra.get("n") or 1)
    if what in ("gain", "drop"):
        sign = 1 if what == "gain" else -1
        v = w.values
        # "largest two-week point gain", and any move of a yield: its moves are in points of
        # percent (basis points), not in percent of the yield (a 2-day fall from 0.8% to 0.6%
        # is no larger than one from 5.05% to 4.60%)
        if c.extra.get("points") or (c.subject is not None and c.subject.kind == "yield"):
            return Series(w.dates[n:], [(v[i] - v[i - n]) * sign for i in range(n, len(v))])
        return Series(w.dates[n:], [(v[i] / v[i - n] - 1) * 100 * sign for i in range(n, len(v))])
    if str(what).startswith("streak"):
        return Series(
            w.dates, [float(x) for x in _runs(w.values, -1 if what == "streak_down" else 1)]
        )
    k = 1 if _SUP_MAX.get(sup, True) else -1
    return Series(w.dates, [x * k for x in w.values])


def judge_since(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    if c.subject is not None and c.subject.kind in ("inflation", "labor"):
        return _since_macro(c, m, claims)
    got = _daily(c, m)
    if isinstance(got, Outcome):
        return got
    sid, s = got
    if c.extra.get("range_all"):  # every session's high (low), the day's with them
        rng = m.session_range(sid)
        if rng is None:
            return _na(f"no {sid} range in the store")
        s = rng[1] if _SUP_MAX.get(c.extra.get("sup", ""), True) else rng[0]
    elif c.extra.get("range_reading"):
        s = _with_extreme_today(c, s, day, m.session_range(sid))
    if c.extra.get("record"):  # "the 10-year yield fell to a record low": every earlier close
        w = s.upto(day)
        if len(w) < 3 or _stale(s, day):
            return _na(f"no {sid} close on {day}", c.subject.settle if c.subject else "")
        vals = _since_values(c, w)
        out = _since_on(c, vals, sid, m, w.first - _DAY, w.first - _DAY)
        far = [x for x in vals.values[:-1] if x > vals.values[-1] + _YIELD_SOURCE_GAP]
        if out.ok is False and not far:
            # closing yields differ by a few hundredths from one source to another (Treasury's
            # constant maturity, a 5 p.m. quote): a record missed by less is not judged
            why = f"; every earlier close that beats it is within {_YIELD_SOURCE_GAP} pp"
            return Outcome(None, out.evidence + why, out.tolerance, out.computed)
        official = _HISTORY_STARTS.get(sid)
        if out.ok is True and (official is None or s.first > official):
            why = f"; the store's {sid} starts on {s.first}: an earlier close may beat it"
            return Outcome(None, out.evidence + why, out.tolerance, out.computed)
        return out
    a_first, a_last = c.extra.get("anchor_first"), c.extra.get("anchor_last")
    if a_first is None or a_last is None:  # a DateMention has both days or neither
        return _na("the 'since' date could not be read")
    unit = str(c.extra.get("unit") or "session")
    if c.extra.get("anchor_day") and unit in ("week", "month"):
        # "since the week of July 2, 2020": that week's (month's) last close stands for the day
        a_first = _period_row_date(s, a_first, unit) or a_first
        a_last = a_first
    elif c.extra.get("anchor_day") and a_first.weekday() >= 5:
        # "the largest decline since Aug. 28, 2011", a Sunday: no session to compare with, whatever
        # the data before the store's first day
        wd = WEEKDAYS[a_first.weekday()].title()
        return Outcome(False, f"{a_first} was a {wd}: no session that day", "exact calendar match",
                       None, calendar=True)  # fmt: skip
    w = s.upto(day)
    if len(w) < 3 or _stale(s, day) or a_first < s.first:
        return _na(f"{sid} does not cover {a_first}..{day}", c.subject.settle if c.subject else "")
    if c.subject is not None and c.subject.kind == "policy_rate" and a_first < _TARGET_ERA:
        # "the lowest level since 1962": the target's record starts in 1982, and the effective
        # rate's daily swings of a point or more cannot rank a target that far back
        return _na(f"the federal funds target's record starts in {_TARGET_ERA.year}; the "
                   f"effective rate's daily swings of {a_first.year} cannot rank one")  # fmt: skip
    if unit in ("week", "month", "year"):  # "the largest two-week gain since the week ending D"
        weeks = _resample(w, unit)
        done = _finished(weeks, unit)
        if len(done) < len(weeks) and not c.extra.get("partial_read"):
            # the last week may be over already (a holiday Friday: the week to Thursday, July 2,
            # 2020) or not: both are readings, and a contradiction must hold on both
            whole = judge_since(
                dataclasses.replace(c, extra={**c.extra, "partial_read": True}), day, m, claims
            )
            w = done
            part = _since_on(c, _since_values(c, w), sid, m, a_first, a_last)
            if part.ok is True or whole.ok is True:
                return part if part.ok is True else whole
            if part.ok is False and whole.ok is False:
                return Outcome(False, f"{part.evidence}; with the week to {iso(weeks.last)} as a "
                               f"whole week: {whole.evidence}", part.tolerance, part.computed)  # fmt: skip
            return Outcome(None, f"{part.evidence}; with the week to {iso(weeks.last)}: {whole.evidence}",
                           part.tolerance, part.computed)  # fmt: skip
        w = weeks if c.extra.get("partial_read") else done
    series = _since_values(c, w)
    out = _since_on(c, series, sid, m, a_first, a_last)
    if out.ok is False and c.subject is not None and c.subject.kind == "yield":
        # "the 2-year yield's biggest single-session decline since March 2020" beaten by 2 bp
        # on the store's official closes: another source's closes differ by as much
        cur = series.values[-1]
        mid = series.between(a_last + _DAY, series.last - _DAY)
        if not any(x > cur + _YIELD_SOURCE_GAP for x in mid.values):
            why = f"; every value that beats it is within {_YIELD_SOURCE_GAP} pp (sources differ)"
            return Outcome(None, out.evidence + why, out.tolerance, out.computed)
    stated = c.extra.get("stated_level")
    if stated is None or c.extra.get("what") != "level" or unit != "session":
        return out
    lvl, dec = stated
    close = w.values[-1]
    if abs(close - lvl) <= 0.5 * 10.0 ** (-dec) + 1e-9:
        return out  # the level stated is the close
    if (
        c.extra.get("of_closes")
        and not c.extra.get("article_date")  # on a candidate day, it may be another's close
        and abs(lvl / close - 1) > _NOT_THE_CLOSE
    ):
        # "reached a staggering 60.13, marking its highest closing since 2020" on a day that
        # closed at 46.98: the sentence makes the level its close, which it was not
        ev = (f"{out.evidence}; but the sentence makes {lvl:g} its close, and the close on "
              f"{iso(w.last)} was {close:.2f}")  # fmt: skip
        return Outcome(None, ev, out.tolerance, out.computed)
    # "climbed to 4.63%, reaching a three-month high" with a close of 4.54%: the extreme is the
    # stated level's, perhaps an intraday one; the closes and the stated level must agree
    at = _since_on(c, _since_values(c, Series(w.dates, [*w.values[:-1], lvl])), sid, m, a_first, a_last)  # fmt: skip
    ev = (f"{out.evidence}; at the level the sentence states ({lvl:g}, not the close "
          f"{close:.2f}): {at.evidence}")  # fmt: skip
    return Outcome(out.ok if out.ok == at.ok else None, ev, out.tolerance, out.computed)


#: how far (a fraction) a level a superlative of closes is stated at may lie from the close
#: before it is plainly another moment's ("reached a staggering 60.13, marking its highest
#: closing" on a 46.98 close), not the close as another source gives it (52.24 for 52.33)
_NOT_THE_CLOSE = 0.02


def _since_on(
    c: Claim, series: Series, sid: str, m: Market, a_first: dt.date, a_last: dt.date
) -> Outcome:
    """The verdict of a "since" superlative on its values (signed so the superlative is the max)
    from the anchor ``a_first``..``a_last``."""
    cur_t, cur = series.last, series.values[-1]
    if c.extra.get("anchor_day"):
        aw = c.extra.get("anchor_weekday")
        if aw is not None and a_first.weekday() != aw:
            wd = f"{a_first} was a {WEEKDAYS[a_first.weekday()].title()}, not a {WEEKDAYS[aw].title()}"
            return Outcome(False, wd, "exact calendar match", None, calendar=True)
        then = on(series, a_first)
        if then is None:
            return Outcome(False, f"no {sid} session on {a_first}", "exact calendar match", None,
                           calendar=_no_session(m, a_first))  # fmt: skip
        mid = series.between(a_first + _DAY, cur_t - _DAY)
        between_ok = all(x < cur for x in mid.values)
        # a later day beyond today's value contradicts "the highest since D"; D itself below today
        # may be a close against an intraday extreme, so that alone is not judged
        ok = True if (then >= cur and between_ok) else (False if not between_ok else None)
        top = max(mid.values) if len(mid) else float("nan")
        ev = (
            f"now ({iso(cur_t)}) {cur:.2f}; on {a_first} {then:.2f}; between them at most {top:.2f}"
        )
        return Outcome(ok, ev, "exact comparison", round(cur, 4))
    mid = series.between(a_last + _DAY, cur_t - _DAY)
    worse = [(t, x) for t, x in mid.items() if x > cur]
    nth = int(c.extra.get("nth") or 1)
    if nth > 1:
        # "the 2nd-best weekly gain since November 2023": exactly one better since then; more
        # contradicts it, fewer leaves another count (a partial week, a tie) possible
        ev = f"now ({iso(cur_t)}) {cur:.2f}; values above it since {a_last}: " + (
            ", ".join(f"{iso(t)} {x:.2f}" for t, x in worse[:6]) or "none")  # fmt: skip
        ok = True if len(worse) == nth - 1 else (False if len(worse) >= nth else None)
        return Outcome(
            ok, f"{ev} → rank {len(worse) + 1}, stated {nth}", "exact rank", round(cur, 4)
        )
    ev = f"now ({iso(cur_t)}) {cur:.2f}; values above it since {a_last}: " + (
        ", ".join(f"{iso(t)} {x:.2f}" for t, x in worse[:4]) or "none"
    )
    if not worse:
        # "its biggest drop since 2008" is the largest since some day of 2008: say which
        past = series.between(None, a_last)
        j = next((j for j in range(len(past) - 1, -1, -1) if past.values[j] > cur), None)
        ev += (
            f"; the last above it: {iso(past.dates[j])} {past.values[j]:.2f}"
            if j is not None
            else ""
        )
    ties = [t for t, x in mid.items() if abs(x - cur) < 1e-9]
    if not worse and ties:
        # "the weakest since September 2022" at 3.49% when 2024-09-24 closed at 3.49% too: at the
        # data's precision it was as low then; the superlative is the tie's, not settled
        ev += f"; equal to it on {iso(ties[-1])}: not judged"
        return Outcome(None, ev, "exact comparison", round(cur, 4))
    return Outcome(len(worse) == 0, ev, "exact comparison", round(cur, 4))


def _period_row_date(s: Series, d: dt.date, unit: str) -> dt.date | None:
    """The last session of the week (ending Friday) or month holding ``d``."""
    if unit == "week":
        end = d + dt.timedelta(days=(4 - d.weekday()) % 7)
        start = end - dt.timedelta(days=6)
    else:
        start, end = d.replace(day=1), add_months(d.replace(day=1), 1) - _DAY
    w = s.between(start, end)
    return w.last if len(w) else None


def _with_extreme_today(
    c: Claim, s: Series, day: dt.date, rng: tuple[Series, Series] | None
) -> Series:
    """``s`` up to ``day`` with the day's close replaced by its high (for "the highest level
    since") or its low: a level not said to be a close may be the session's extreme, and every
    earlier day keeps its close (an earlier intraday spike does not make a later close lower)."""
    w = s.upto(day)
    if rng is None or not len(w):
        return w
    hi = _SUP_MAX.get(c.extra.get("sup", ""), True)
    x = on(rng[1] if hi else rng[0], w.last)
    if x is None:
        return w
    return Series(w.dates, [*w.values[:-1], x])


#: the first month of each macro series' official history: a record ("a record low") is
#: confirmed only when the store holds the series from then on (an earlier month may beat it)
_HISTORY_STARTS = {
    "cpi_u": dt.date(1913, 1, 1), "cpi_u_sa": dt.date(1947, 1, 1),
    "core_cpi": dt.date(1957, 1, 1), "core_pce": dt.date(1959, 1, 1), "pce": dt.date(1959, 1, 1),
    "unrate": dt.date(1948, 1, 1), "payems": dt.date(1939, 1, 1),
    # daily Treasury constant-maturity yields (FRED DGS10, DGS2, DGS30)
    "ust10y": dt.date(1962, 1, 2), "ust2y": dt.date(1976, 6, 1), "ust30y": dt.date(1977, 2, 15),
}  # fmt: skip
#: how far closing yields from two sources may differ (pp): a yield's record missed by less is
#: not contradicted
_YIELD_SOURCE_GAP = 0.05
#: how an extreme of each macro subject is measured (else year over year, as inflation is)
_EXTREME_TRANSFORMS = {"unrate": "level", "payems": "change"}


def _since_macro(c: Claim, m: Market, claims: list[Claim]) -> Outcome:
    """ "A 30-year high", "the highest since 1990", "the lowest unemployment rate in 50 years", "a
    record low": the latest release by the article's date (or the month the sentence's figure is
    of) against every month since the anchor (a record: the whole history). Inflation is read
    year over year, the unemployment rate as a level, payrolls as a month's change. A month
    beyond the current one by more than the series' revision band (``tolerance.REVISIONS``:
    the store holds the latest vintage, the article the first release) contradicts; one beyond
    it within the band leaves the claim unverifiable; rates are compared as published, to one
    decimal. The catalog's release lag is approximate: a next month that had ended is read as
    well (a release-day story), and a contradiction must hold on both."""
    subj = c.subject
    assert subj is not None
    tr = _EXTREME_TRANSFORMS.get(subj.key, "yoy")
    sid, s = _macro_series(subj.key, tr, m)
    if s is None:
        return _na(f"no {subj.name} series in the store", subj.settle)
    quarterly = subj.key == "gdp"
    vals = _macro_values(s, tr, quarterly)
    if not vals:
        return _na(f"no {subj.name} figure in the store by {m.as_of}", subj.settle)
    first_p = min(vals)
    a_last = c.extra.get("anchor_last")
    if c.extra.get("record"):
        a_p = first_p - 1
        official = _HISTORY_STARTS.get(sid)
        covered = official is not None and s.first <= official
        scope = f"since {_period_label(first_p, quarterly)} (the store's history)"
    elif a_last is None:
        return _na("the 'since' date could not be read")
    else:
        a_p = _period_key(a_last, quarterly)
        covered = first_p <= a_p + 1
        scope = f"since {a_last:%Y-%m}"
    cands = _macro_months(c, claims, sid, tr, vals, quarterly, m)
    if not cands:
        return _na(f"no {sid} figure for the month the article speaks of", subj.settle)
    info = m.info(sid)
    width = (
        REVISIONS.get((sid, tr), DEFAULT_REVISION).width
        if info is not None and is_revised(info.name, info.unit, info.description, info.kind)
        else 0.0
    )
    low = not _SUP_MAX.get(c.extra.get("sup", ""), True)
    nd = 0 if tr == "change" else 1  # as published: rates to a tenth, payrolls to the thousand
    unit = " thousand" if tr == "change" else "%"
    outs = []
    for p, when in cands:
        cur = round(vals[p], nd)
        sign = -1 if low else 1
        mid = [(k, round(x, nd)) for k, x in sorted(vals.items()) if a_p < k < p]
        worse = sorted(((x, k) for k, x in mid if sign * (x - cur) > 1e-9), reverse=not low)
        far = [(x, k) for x, k in worse if sign * (x - cur) > width + 1e-9]
        lst = (
            ", ".join(f"{_period_label(k, quarterly)} {x:g}{unit}" for x, k in worse[:4]) or "none"
        )
        ev = (f"{sid} {_MACRO_TR_WORDS.get(tr, tr)}, {when}: {_period_label(p, quarterly)} "
              f"{cur:g}{unit}; {'lower' if low else 'higher'} {scope}: {lst}")  # fmt: skip
        episode = c.extra.get("figure") is None and all(
            0 < p - k <= _EPISODE_PERIODS for _x, k in far
        )
        if far and episode:
            # "Inflation is at a 40-year high" with no figure of its own, the high set within the
            # last year: the words may speak of that episode, not of the latest month alone
            ok: bool | None = None
            ev += "; the high lies within the year before: the words may speak of that episode"
        elif far:
            ok = False
        elif worse:
            ok = None
            ev += (f"; within {sid}'s revision band (±{width:g}): the first release may have "
                   "ranked otherwise")  # fmt: skip
        elif not covered:
            ok = None
            start = _HISTORY_STARTS.get(sid)
            ev += (f"; the store's {sid} starts in {_period_label(first_p, quarterly)}"
                   + (f", the series in {start:%Y}" if start else "") + ": an earlier month may beat it")  # fmt: skip
        else:
            ok = True
        outs.append(Outcome(ok, ev, f"comparison of {'revised ' if width else ''}monthly figures"
                            + (f" (revision band ±{width:g})" if width else ""), cur))  # fmt: skip
    fit = next((o for o in outs if o.ok), None)
    if fit is not None or len(outs) == 1:
        return fit or outs[0]
    ok = False if all(o.ok is False for o in outs) else None
    return Outcome(ok, "; ".join(o.evidence for o in outs), outs[0].tolerance, outs[0].computed)


_MACRO_TR_WORDS = {"yoy": "year-over-year", "level": "level", "change": "monthly change"}
#: how many months back an extreme may lie and still be "at a 40-year high" with no month named
_EPISODE_PERIODS = 12


def _macro_months(
    c: Claim, claims: list[Claim], sid: str, tr: str, vals: dict[int, float], quarterly: bool,
    m: Market,
) -> list[tuple[int, str]]:  # fmt: skip
    """The month(s) a macro extreme is about, with words for the evidence: the month the
    sentence's own figure of the subject is of ("Consumer prices rose 5.4% in September ..., a
    13-year high"), or the months whose value that figure matches; else the latest release by
    the article's date and the next one when its month had ended (newest first, see
    :func:`_latest_months`)."""
    fig = c.extra.get("figure")  # (value, decimals, first day of its month or None)
    known = m.series(sid)
    if known is None or not len(known):
        return []
    last = _period_key(known.last, quarterly)
    _sid2, later = _macro_series(
        c.subject.key if c.subject else "", tr,
        m.later(m.as_of + dt.timedelta(days=_MACRO_LAG_GRACE)),
    )  # fmt: skip
    nxt = _macro_values(later, tr, quarterly) if later is not None else {}
    if fig is not None and fig[2] is not None:
        k = _period_key(fig[2], quarterly)
        if k not in vals and k in nxt and _period_end_date(k, quarterly) < m.as_of:
            vals[k] = nxt[k]  # a month the article names, out on its date (release day)
        if k in vals:
            return [(k, f"the month its figure is of ({_period_label(k, quarterly)})")]
    months = [(last, f"latest published by {m.as_of}")]
    if last + 1 in nxt and _period_end_date(last + 1, quarterly) < m.as_of:
        vals[last + 1] = nxt[last + 1]
        months = _latest_months(last, quarterly, m)
    if fig is not None and tr != "change":
        band = pct_band(fig[0], fig[1], "=")
        own = [(k, w) for k, w in months if k in vals and band.verdict(vals[k]) is True]
        if own:
            return [(k, w + f", the month its figure ({fig[0]:g}%) fits") for k, w in own]
        # "Inflation, which briefly rose above 9% – a 40-year high" written when the latest
        # release was 7.1%: the figure, and its extreme, are of an earlier month the words do not
        # name; the months of the last two years that the figure fits are its candidates
        earlier = [
            (k, f"a month its figure ({fig[0]:g}%) fits, which the words do not name")
            for k in sorted(vals, reverse=True)
            if last - _FIGURE_LOOKBACK // (3 if quarterly else 1) <= k < last
            and band.verdict(vals[k]) is True
        ]
        if earlier:
            return earlier
    return [(k, w) for k, w in months if k in vals]


#: how many months back a macro extreme's stated figure may be of when it fits no latest month
#: (two years; eight periods of a quarterly series)
_FIGURE_LOOKBACK = 24


def _latest_months(last: int, quarterly: bool, m: Market) -> list[tuple[int, str]]:
    """The latest release by the article's date (by the catalog's release lag) and the month
    after it, whose period had ended: newest first once that month has been over for a week
    (the catalog's lag is a bound some releases beat: CPI comes out between the 10th and the
    15th; an article dated in that window speaks of the month just released)."""
    nxt = (last + 1, "the next release, if the article speaks of it")
    cur = (last, f"latest published by {m.as_of} (by the catalog's release lag)")
    if _period_end_date(last + 1, quarterly) + dt.timedelta(days=7) <= m.as_of:
        return [nxt, cur]
    return [cur, nxt]


_SUP_MAX = {"highest": True, "largest": True, "biggest": True, "best": True, "strongest": True,
            "fastest": True, "lowest": False, "worst": False, "weakest": False, "slowest": False,
            "smallest": False, "steepest": False}  # fmt: skip


def judge_first_cross(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    out = _first_cross(c, day, m)
    if out.ok is False and _adjusted_prices(c):
        # "Amazon shares closed above $1,000 for the first time": the stored prices are adjusted
        # for later splits, so a price level can be confirmed, never refuted
        return dataclasses.replace(
            out, ok=None, evidence=f"{out.evidence}; stored prices may be adjusted for splits"
        )
    return out


def _first_cross(c: Claim, day: dt.date, m: Market) -> Outcome:
    got = _daily(c, m)
    if isinstance(got, Outcome):
        return got
    sid, s = got
    L = float(c.level or 0)
    if c.extra.get("since"):
        return _first_since(c, day, m, sid, s, L)
    scope_year = c.extra.get("scope_year")
    w = s.upto(m.as_of)
    if scope_year:
        w = w.between(dt.date(scope_year, 1, 1), None)
    elif any(x >= L for x in w.values[:20]):
        return _na(
            f"{sid} history in the store starts {iso(s.first)} already at or above {_f(L, 0)}"
        )
    above = [(t, x) for t, x in w.items() if x >= L]
    # without closing words ("crossed", "topped", "hit" 6,000) the crossing may have been intraday:
    # a close at or above L on or before the day proves it (the high was at least the close), but
    # no close above L by the day cannot rule it out, so that contradiction does not survive
    closed = c.extra.get("closed", True)
    if not above:
        return Outcome(
            False if closed else None,
            f"no {sid} close at or above {_f(L, 0)} up to {m.as_of}"
            + ("" if closed else " (no closing words: an intraday crossing is not ruled out)"),
            "exact trading day",
            None,
        )
    first, fv = above[0]
    ev = f"first {sid} close at or above {_f(L, 0)}{f' in {scope_year}' if scope_year else ''}: {iso(first)} ({_f(fv)})"
    if c.extra.get("prior_event"):
        # "rose Tuesday after the S&P 500 closed above 6,600 for the first time": an earlier
        # event whose day is not stated; support-only, on a crossing in the week before the day
        ok = True if day - _PRIOR_EVENT_DAYS <= first < day else None
        why = f"; an event before {day} ('after'), its day not stated"
        return Outcome(ok, ev + why, "a trading day in the week before", iso(first))
    if not c.extra.get("date_stated"):
        # "for the first time" about the article's day: the first close above must be that day
        ok = None if first < day else (True if first == day else (False if closed else None))
        return Outcome(ok, ev, "exact trading day", iso(first))
    if first == day:
        return Outcome(True, ev, "exact trading day", iso(first))
    if first > day and not closed:
        # the first close above came later; the day's intraday high may have crossed already
        why = "; no closing words: an intraday crossing on the day is not ruled out"
        return Outcome(None, ev + why, "exact trading day", iso(first))
    extra = (
        f"; {day} was a {WEEKDAYS[day.weekday()].title()} with no session"
        if on(s, day) is None
        else ""
    )
    return Outcome(False, ev + extra, "exact trading day", iso(first), calendar=_no_session(m, day))


#: how long before the sentence's day an event it follows ("after ... for the first time") may be
_PRIOR_EVENT_DAYS = dt.timedelta(days=7)
#: a close this near the level (a share of it) is on neither side: a stated level is often rounded
_CROSS_MARGIN = 0.0005
#: a "since" anchor this many days after the last close on that side is not where "since" points
_SINCE_SLACK_DAYS = 31


def _first_since(c: Claim, day: dt.date, m: Market, sid: str, s: Series, L: float) -> Outcome:
    """ "closed below 14 for the first time since Dec. 2024". On ``day`` the close is on
    that side of L, and no close between the anchor and ``day`` was: the last one on that side
    before ``day`` lies in the anchor's period. Contradicted when a close after the anchor was
    already clearly on that side (then it was not the first time since), or when the last one
    on that side is more than a month before the anchor; a close on the other side on ``day`` is
    contradicted only when the words say "closed" (else the session's high or low is another
    reading)."""
    first, last = c.extra["since"]
    below = c.extra.get("side") == "below"
    m_abs = L * _CROSS_MARGIN

    def on_side(x: float) -> bool:
        return x < L - m_abs if below else x > L + m_abs

    w = s.upto(m.as_of)
    if not len(w) or w.first > first:
        return _na(f"{sid} history in the store starts {iso(s.first)}, after {iso(first)}")
    side = "below" if below else "above"
    since = w.between(first, None).values
    if not since or not 0.5 * min(since) <= L <= 2 * max(since):
        return _na(f"{_f(L, 0)} is not a level {sid} has been near since {iso(first)}")
    between = [(t, x) for t, x in w.items() if last < t < day and on_side(x)]
    if between:
        t, x = between[0]
        return Outcome(
            False,
            f"{sid} closed {side} {_f(L, 0)} after {iso(last)} and before {iso(day)}: {iso(t)} "
            f"{_f(x)} ({len(between)} such closes)",
            "exact trading day",
            iso(t),
        )
    prior = [(t, x) for t, x in w.items() if t < day and on_side(x)]
    today = on(s, day)
    if today is None:
        return _na(f"no {sid} close on {iso(day)}")
    if prior:
        pt, px = prior[-1]
        ev = f"{sid} {iso(day)} close {_f(today)}; last close {side} {_f(L, 0)} before it: {iso(pt)} {_f(px)}"
    else:
        pt, ev = None, f"{sid} {iso(day)} close {_f(today)}; no earlier close {side} {_f(L, 0)}"
    # the day's own close is compared exactly: "closed below 14" on a close of 14.00 is wrong, one
    # of 13.996 is right (the margin is for the closes in between, whose rounding is not stated)
    if (today >= L) if below else (today <= L):
        return Outcome(False if c.extra.get("closed") else None, ev, "exact trading day", today)
    if pt is None:
        return Outcome(None, ev, "exact trading day", today)
    if first <= pt <= last:
        return Outcome(True, ev, "exact trading day", today)
    if pt < first - dt.timedelta(days=_SINCE_SLACK_DAYS):
        return Outcome(False, ev + f", long before {iso(first)}", "exact trading day", today)
    return Outcome(None, ev, "exact trading day", today)


#: how far a month's highest close may lie above its average (percent): a crash month's range
_MONTH_SPREAD = 15.0


def _monthly_history_below(c: Claim, m: Market, w: Series) -> bool:
    """Whether the subject's monthly averages before its daily closes start (the S&P 500's since
    1871) stay so far below the daily history's highest close that no close before could have
    reached it: an all-time high is then the daily history's. Lows are never read so."""
    if c.extra.get("extreme") != "max" or c.subject is None or not len(w):
        return False
    top = w.values[w.argmax()]
    for sid in dict.fromkeys([*c.subject.series, *(f"{x}_monthly" for x in c.subject.series)]):
        mon = m.series(sid)
        if mon is None or m.frequency(sid) != "monthly":
            continue
        if not len(mon) or mon.first >= w.first:
            continue
        before = mon.before(w.first)
        if len(before) >= 120 and before.values[before.argmax()] * (1 + _MONTH_SPREAD / 100) < top:
            return True
    return False


def judge_extreme(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    got = _daily(c, m)
    if isinstance(got, Outcome):
        return got
    sid, s = got
    w = s.upto(m.as_of)
    window, year = c.extra.get("window"), c.extra.get("year")
    if c.extra.get("prior"):
        w = w.before(m.as_of)  # the record before the article's day
        if len(w) < 250:
            return _na(f"{sid} history is too short")
    elif window == "52w":
        w = w.between(m.as_of - dt.timedelta(days=365), None)
    elif window == "year":
        y = year or day.year
        w = w.between(dt.date(y, 1, 1), dt.date(y, 12, 31))
    elif len(w) < 250 * 10 and not _monthly_history_below(c, m, w):
        return _na(
            f"{sid} history in the store starts {iso(s.first)}: too short for an all-time extreme"
        )
    if not len(w):
        return _na(f"no {sid} data for the window")
    mx = c.extra.get("extreme") == "max"
    i = w.argmax() if mx else w.argmin()
    t, val = w.dates[i], w.values[i]
    ev = f"{'highest' if mx else 'lowest'} {sid} close in the window: {_f(val)} on {iso(t)}"
    problems = []
    if c.level is not None and abs(c.level / val - 1) > 0.0005:
        problems.append(f"stated {_f(c.level)}")
    if c.extra.get("date_stated") and c.date is not None and c.date != t:
        problems.append(f"stated date {c.date}")
    wd = _weekday_problem(c, c.date)
    if wd:
        problems.append(wd)
    tol = "exact trading day; level within 0.05%"
    if problems and c.level is not None and not _words(c.quote) & _CLOSE_WORDS:
        intraday = _intraday_extreme(c, w, sid, m, mx, val, ev)
        if intraday is not None:
            return intraday
    if problems:
        return Outcome(False, ev + "; " + "; ".join(problems), tol, val)
    return Outcome(True, ev, tol, val)


def _intraday_extreme(
    c: Claim, w: Series, sid: str, m: Market, mx: bool, val: float, ev: str
) -> Outcome | None:
    """An extreme the words do not call a close ("its 52-week high of $646.19"): the window's
    highest high (lowest low) where the store holds the session's range supports it; a level
    between that and the highest close is left unverifiable; where the store holds closes only,
    so is one beyond the highest close (an intraday high may be it). ``None``: judge it on closes."""
    level = float(c.level or 0)
    beyond = level > val if mx else level < val
    rng = m.session_range(sid)
    if rng is None:
        if beyond:
            return Outcome(None, f"{ev}; stated {_f(level)}: beyond every close, so perhaps an "
                           "intraday extreme, which the store does not hold")  # fmt: skip
        return None
    side = rng[1 if mx else 0].between(w.first, w.last)
    if not len(side):
        return None
    j = side.argmax() if mx else side.argmin()
    ext = side.values[j]
    ev2 = f"{ev}; {'highest high' if mx else 'lowest low'}: {_f(ext)} on {iso(side.dates[j])}"
    tol = "level within 0.05% of the window's close or intraday extreme"
    if abs(level / ext - 1) <= 0.0005:
        return Outcome(True, ev2, tol, ext)
    if beyond and (level <= ext if mx else level >= ext):
        return Outcome(None, ev2 + f"; stated {_f(level)}: between the two", tol, ext)
    return None


def judge_close_on_date(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    got = _daily(c, m)
    if isinstance(got, Outcome):
        return got
    sid, s = got
    if day < s.first or day > s.last:
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
        near = s.between(day - dt.timedelta(days=7), day + dt.timedelta(days=7))
        match = [iso(t) for t, x in near.items() if abs(x / L - 1) <= 0.0005]
        problems.append(f"no {sid} close on {day} ({WEEKDAYS[day.weekday()].title()}: not a trading day)"
                        + (f"; {_f(L)} is the close of {', '.join(match)}" if match else ""))  # fmt: skip
    elif abs(val / L - 1) > 0.0005:
        problems.append(f"{sid} {day} close = {_f(val)}, not {_f(L)}")
    tol = "exact trading day; level within 0.05%"
    if problems:
        cal = bool(wd) or (val is None and _no_session(m, day))
        return Outcome(False, "; ".join(problems), tol, val, calendar=cal)
    return Outcome(
        True, f"{sid} {day} ({WEEKDAYS[day.weekday()].title()}) close = {_f(val or 0)}", tol, val
    )


# ------------------------------------------------------------------------------- yields, macro
def _weekend_after(last: dt.date, day: dt.date) -> bool:
    """Whether every day after ``last`` up to ``day`` is a Saturday or a Sunday."""
    return 0 < (day - last).days <= 2 and all(
        (last + dt.timedelta(days=k)).weekday() >= 5 for k in range(1, (day - last).days + 1)
    )


def _yield_in_month(c: Claim, got: tuple[str, Series], stated: float) -> Outcome:
    """ "peaked at 4.73% in April", "dipped to 3.61% in September", "rose to 5% in October": the
    month's highest (lowest) close within the yield band of the stated level, or for a level the
    yield reached, any close of the month within it. Support only: a session's high or low may go
    beyond every close, and a level "reached" in a month may be a mark within a session."""
    sid, s = got
    first, last = c.extra["in_month"]
    w = s.between(first, last)
    if not len(w):
        return _na(f"no {sid} close from {first} to {last}")
    side = c.extra.get("month_side", "any")
    band = yield_band(stated, c.decimals, "=")
    lo_i, hi_i = w.argmin(), w.argmax()
    lo, hi = w.values[lo_i], w.values[hi_i]
    ev = (f"{sid} closes {first:%Y-%m}: lowest {lo:.2f}% on {iso(w.dates[lo_i])}, highest "
          f"{hi:.2f}% on {iso(w.dates[hi_i])}; stated {stated:g}%")  # fmt: skip
    tol = f"±{band.hi - stated:.2f}pp of the month's {'highest' if side == 'max' else 'lowest' if side == 'min' else 'closes'}"
    if side == "max":
        ok = band.verdict(hi) is True
    elif side == "min":
        ok = band.verdict(lo) is True
    else:
        ok = band.lo <= hi and lo <= band.hi
    if ok:
        return Outcome(True, ev, tol, hi if side != "min" else lo)
    return Outcome(None, ev + "; not contradicted: a session's extreme may lie beyond its closes",
                   tol, hi if side != "min" else lo, settle="the month's intraday highs and lows")  # fmt: skip


def judge_yield(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    subj = c.subject
    assert subj is not None
    got = m.daily(subj)
    stated = float(c.stated_value or 0)
    if c.extra.get("in_month") and got is not None:
        return _yield_in_month(c, got, stated)
    if got is not None and day > got[1].last and _weekend_after(got[1].last, day):
        day = got[1].last  # "at the end of July", a Saturday: the month's last session
    if got is not None and day <= got[1].last:
        sid, s = got
        cur = _period_end(c, day, s) if c.measure == "yield_change" else on_or_before(s, day)
        if cur is None:
            return _na(f"no {sid} value on or before {day}", subj.settle)
        if str(c.extra.get("record_extreme", "")).startswith("record"):
            return _yield_record_level(c, sid, s, cur[0])
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
        t = dt.date(day.year, day.month, 1)
        avg = on(mon, t)
        if avg is not None:
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


def _yield_record_level(c: Claim, sid: str, s: Series, day: dt.date) -> Outcome:
    """A yield's all-time high or low stated with its level ("hit an all-time high of almost
    4.34%"), on the closes up to ``day``: the figure may be intraday, and a session's high is at
    least its close (a low at most), so a record high stated clearly below the highest close
    before it (a record low clearly above the lowest) is contradicted, whatever the history the
    store lacks (an older close could only move the record further away). One at the day's close,
    when that close is itself the record, is supported; anything else is not judged."""
    stated = float(c.stated_value or 0)
    high = str(c.extra.get("record_extreme")).endswith("high")
    band = yield_band(stated, c.decimals, c.comparator, c.hedge)
    upto = s.upto(day)
    i = upto.argmax() if high else upto.argmin()
    rec_day, rec = upto.dates[i], upto.values[i]
    word = "highest" if high else "lowest"
    tol = (
        f"an all-time {'high' if high else 'low'} is at least the highest close (a low at most the "
        f"lowest): contradicted beyond {band.c_hi - stated if high else stated - band.c_lo:.2f}pp"
    )
    ev = (
        f"{sid} {word} close {iso(upto.first)}..{iso(day)}: {rec:.2f}% on "
        f"{iso(rec_day)} vs stated all-time {'high' if high else 'low'} "
        f"{c.hedge + ' ' if c.hedge else ''}{stated:g}%"
    )
    if (high and band.c_hi < rec) or (not high and band.c_lo > rec):
        return Outcome(False, ev, tol, round(rec, 4))
    if rec_day == day and band.lo <= rec <= band.hi:
        return Outcome(True, ev, tol, round(rec, 4))
    return _na(ev + "; the record may have been intraday: not judged", "")


_MACRO_LAG_GRACE = 45  # days after a period's end by which every US monthly release is out
_MACRO_SERIES = {
    ("cpi", "yoy"): ("cpi_u", "cpi_u_sa"), ("cpi", "mom"): ("cpi_u_sa", "cpi_u"),
    ("core_cpi", "yoy"): ("core_cpi",), ("core_cpi", "mom"): ("core_cpi",),
    ("core_pce", "yoy"): ("core_pce",), ("core_pce", "mom"): ("core_pce",),
    ("unrate", "level"): ("unrate",), ("unrate", "level_change"): ("unrate",), ("gdp", "annualized"): ("gdp_real",), ("gdp", "yoy"): ("gdp_real",),
    ("payems", "change"): ("payems",),
}  # fmt: skip


def _macro_band(c: Claim, stated: float, sid: str, transform: str, m: Market) -> tuple[Band, Band]:
    """The band of a macro figure against ``sid``, and the band without the revision margin: a
    series the catalog calls revised is contradicted only beyond its revision band
    (:data:`~thesis.claims.tolerance.REVISIONS`)."""
    if transform == "change":  # payrolls, in thousands, as stated ("254,000": ±0.5 thousand)
        # any gap beyond the rounding is for the revision band to weigh
        band = Band(stated - 0.5, stated + 0.5, stated - 0.5, stated + 0.5, "±0.5 thousand")
    else:
        band = pct_band(stated, c.decimals, c.comparator, c.hedge)
    info = m.info(sid) if sid else None
    if info is None or not is_revised(info.name, info.unit, info.description, info.kind):
        return band, band
    rev = REVISIONS.get((sid, transform), DEFAULT_REVISION)
    return revision_band(band, stated, rev, sid), band


def judge_macro(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    """A macro figure against the series as published: the month (quarter) the sentence names,
    read once it was out; else the latest release by the article's date, or the one after it
    when its period had ended (the release lag in the catalog is approximate)."""
    subj = c.subject
    assert subj is not None
    transform = str(c.extra.get("transform"))
    if subj.key == "payems" and transform != "change":
        return _na(
            "a payroll level, not a month's change: the store holds the level's latest vintage, "
            "revised after its first release",
            subj.settle,
        )
    if (subj.key, "yoy") not in _MACRO_SERIES and (subj.key, transform) not in _MACRO_SERIES:
        return _na(f"no {subj.name} series in the store", subj.settle)
    stated = float(c.stated_value or 0)
    if transform == "change":
        stated = stated / 1000 * (c.direction or 1)  # "added 254,000 jobs": thousands
    band = _macro_band(c, stated, "", transform, m)[0]
    p = c.period
    stated_period = p is not None and p.first is not None
    if stated_period and p is not None and p.last is not None and p.last > m.as_of:
        return _na(f"{p.text} had not ended by the article's date {m.as_of}")
    quarterly = subj.key == "gdp"
    notes: list[str] = []
    vintage: list[str] = []  # not contradicted only because the figure may be a first release
    results: list[tuple[bool | None, str, bool]] = []  # (verdict, evidence, the usual series?)
    later = m.later(m.as_of + dt.timedelta(days=_MACRO_LAG_GRACE))
    for tr in ["yoy", "mom"] if transform == "any" else [transform]:
        found_series = _macro_siblings(subj.key, tr, later)
        if not found_series:
            notes.append(f"no {subj.name} series for {tr}")
            continue
        if stated_period and p is not None and p.first is not None:
            periods = [_period_key(p.first, quarterly)]
        else:
            known = m.series(found_series[0][0])  # what the article's date knew (release lag)
            if known is None or not len(known):
                notes.append(f"no {found_series[0][0]} figure public by {m.as_of}")
                continue
            last = _period_key(known.last, quarterly)
            periods = (
                [k for k, _w in _latest_months(last, quarterly, m)]
                if _period_end_date(last + 1, quarterly) < m.as_of
                else [last]
            )
            named = _release_named(c, claims, periods, quarterly)
            if named is not None and not c.extra.get("previous"):
                periods = [named]
            back = int(c.extra.get("previous") or 0)  # "from 5.2% to 4.8%": the reading before
            periods = [k - back for k in periods]
        # the usual series first (CPI year over year unadjusted, month over month seasonally
        # adjusted), then its sibling: a figure that fits only the sibling is another reading
        for k, (sid, ser) in enumerate(found_series):
            vals = _macro_values(ser, tr, quarterly)
            sband, plain = _macro_band(c, stated, sid, tr, m)
            if k == 0:
                band = sband
            unit = {"change": " thousand", "level_change": " pp"}.get(tr, "%")
            for per in periods:
                label = _period_label(per, quarterly)
                if per not in vals:
                    notes.append(f"no {sid} value for {label}")
                    continue
                v = vals[per]
                ok = sband.verdict(v)
                if ok is None and plain.verdict(v) is False:
                    why = sband.text.split("; ", 1)[-1]
                    vintage.append(f"a gap of {abs(v - stated):.2f} from {sid}: {why}")
                ev = f"{sid} {label} {tr} = {v:.2f}{unit} vs stated {stated:g}{unit}"
                results.append((ok, ev, k == 0))
    if not results:
        return _na("; ".join(notes), subj.settle)
    usual = [r for r in results if r[2]]
    # a stated period the usual series holds: a sibling's missing value is no newer release
    unheld = [
        n
        for n in notes
        if n.startswith("no ") and " value for " in n and not (stated_period and usual)
    ]
    fit = next((r for r in usual if r[0] is True), None)
    if fit is not None:
        return Outcome(True, fit[1], band.text, None)
    ev = "; ".join(dict.fromkeys(r[1] for r in usual or results))
    sib = next((r for r in results if not r[2] and r[0] is True), None)
    if sib is not None:
        return Outcome(
            None, f"{ev}; not contradicted: it fits the sibling series ({sib[1]})", band.text, None
        )
    if all(r[0] is False for r in results) and unheld:
        # the article may speak of a release the store does not hold yet
        return Outcome(
            None, f"{ev}; not contradicted: {unheld[0]}, which it may speak of", band.text, None
        )
    if all(r[0] is False for r in results):
        return Outcome(False, "; ".join(dict.fromkeys(r[1] for r in results)), band.text, None)
    if vintage:
        return Outcome(None, f"{ev}; not contradicted: {vintage[0]}", band.text, None,
                       settle="the figure as first published (ALFRED's vintages)")  # fmt: skip
    return Outcome(None, ev + "; close to the stated figure: not judged", band.text, None)


#: how far before a macro figure (characters) another figure of its release may name its month
_RELEASE_NAMED_CHARS = 300


def _release_named(
    c: Claim, claims: list[Claim], periods: list[int], quarterly: bool
) -> int | None:
    """The month of the release the article names elsewhere ("The CPI report for January showed
    headline inflation rising 3% year-over-year. On a month-over-month basis, CPI rose 0.4%"):
    another figure of the same release (the indicator or its core) whose words state the newer of
    the months ``c`` may speak of (the latest published by the catalog's lag, and the next) pins
    that month for the figures that name none. Only a figure of a sentence just before (within
    :data:`_RELEASE_NAMED_CHARS`) names it: a story of two releases names each where it speaks
    of it, and a figure "from" an earlier month beside the one named is the earlier month's.
    ``None`` when no figure names one, or two name different months."""
    if c.subject is None or len(periods) < 2:
        return None
    family = c.subject.key.removeprefix("core_")
    named = {
        _period_key(x.period.first, quarterly)
        for x in claims
        if x.extra.get("sentence", -1) < c.extra.get("sentence", -1)  # a sentence before
        and 0 <= c.start - x.start <= _RELEASE_NAMED_CHARS
        and x.measure == "macro"
        and x.subject is not None
        and x.subject.key.removeprefix("core_") == family
        and x.period is not None
        and x.period.first is not None
        and "period" in x.bound
    }
    # only the newer month: the older is the one the lag already reads, and a figure that names
    # it may be a retrospective one ("matching September's 0.2% rise")
    return max(periods) if named & set(periods) == {max(periods)} else None


def _macro_siblings(key: str, transform: str, m: Market) -> list[tuple[str, Series]]:
    """Every series of the measure the store holds, the usual one first (seasonally adjusted and
    unadjusted CPI are siblings: a figure that fits one of them is not contradicted)."""
    out = []
    for sid in _MACRO_SERIES.get((key, transform), ()):
        ser = m.series(sid)
        if ser is not None:
            out.append((sid, ser))
    return out


def _macro_series(key: str, transform: str, m: Market) -> tuple[str, Series | None]:
    order = _MACRO_SERIES.get((key, transform), ())
    for sid in order:
        s = m.series(sid)
        if s is not None:
            return sid, s
    return (order[0] if order else key), None


def _period_key(d: dt.date, quarterly: bool) -> int:
    """A month (or quarter) as a counter: consecutive periods are consecutive integers."""
    return d.year * 4 + (d.month - 1) // 3 if quarterly else d.year * 12 + d.month - 1


def _period_start_date(k: int, quarterly: bool) -> dt.date:
    y, r = divmod(k, 4 if quarterly else 12)
    return dt.date(y, r * 3 + 1 if quarterly else r + 1, 1)


def _period_end_date(k: int, quarterly: bool) -> dt.date:
    return _period_start_date(k + 1, quarterly) - _DAY


def _period_label(k: int, quarterly: bool) -> str:
    y, r = divmod(k, 4 if quarterly else 12)
    return f"{y}Q{r + 1}" if quarterly else f"{y}-{r + 1:02d}"


def _macro_values(s: Series, transform: str, quarterly: bool = False) -> dict[int, float]:
    """Year-over-year, month-over-month (quarter-over-quarter) or annualized rates in percent, or
    the level, by period (see :func:`_period_key`)."""
    per = {_period_key(d, quarterly): v for d, v in s.items()}
    if transform == "level":
        return per
    keys = sorted(per)
    if transform == "annualized":  # the previous row, whatever its period
        return {b: ((per[b] / per[a]) ** 4 - 1) * 100 for a, b in itertools.pairwise(keys)}
    if transform in ("change", "level_change"):  # a month's change in the level (payrolls,
        # thousands; a rate's, points)
        return {k: per[k] - per[k - 1] for k in keys if k - 1 in per}
    lag = (4 if quarterly else 12) if transform == "yoy" else 1
    return {k: (per[k] / per[k - lag] - 1) * 100 for k in keys if k - lag in per}


def judge_toward(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    got = _close_on(c, day, m)
    if isinstance(got, Outcome):
        return got
    sid, s, cur = got
    L = float(c.level or 0)
    below = c.direction > 0  # "ascent toward L": not reached yet
    ev = f"{sid} {iso(cur[0])} close {_f(cur[1])} vs {_f(L, 0)}"
    if (cur[1] < L) == below:
        return Outcome(
            True, ev + f" ({'below' if below else 'above'} it)", "the level on the day", cur[1]
        )
    if abs(cur[1] / L - 1) > 0.001:
        crossed = [t for t, x in s.upto(day).items() if (x >= L if below else x <= L)]
        first = (
            f"; first close {'at or above' if below else 'at or below'} it: {iso(crossed[0])}"
            if crossed
            else ""
        )
        ev += f": already {'above' if below else 'below'} it{first}"
        return Outcome(False, ev, "the level on the day (0.1% margin)", cur[1])
    return Outcome(
        None, ev + "; within 0.1% of it: not judged", "the level on the day (0.1% margin)", cur[1]
    )


def _year_ends(w: Series) -> dict[int, tuple[dt.date, float]]:
    """Each year's last session and close."""
    out: dict[int, tuple[dt.date, float]] = {}
    for d, v in w.items():
        out[d.year] = (d, v)
    return out


def judge_annual_streak(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    got = _daily(c, m)
    if isinstance(got, Outcome):
        return got
    sid, s = got
    n = int(c.extra.get("n") or 0)
    thr = float(c.extra.get("threshold") or 0)
    sign = c.direction or 1
    ye = _year_ends(s.upto(day))
    # the last complete year: the latest year whose last session is in the data, in December
    years = [y for y, (d, _) in ye.items() if d.month == 12 and d.day >= 24]
    if not years or n <= 0:
        return _na(f"no complete year of {sid} closes up to {day}")
    last = years[-1]
    if (last - n) not in ye:
        return _na(
            f"needs year-end {sid} closes from {last - n} to {last}",
            c.subject.settle if c.subject else "",
        )
    rets = {y: (ye[y][1] / ye[y - 1][1] - 1) * 100 for y in range(last - n + 1, last + 1)}
    ok = all(r * sign > thr - 1e-9 for r in rets.values())
    ev = "year-end closes: " + ", ".join(f"{y} {r:+.2f}%" for y, r in rets.items())
    tol = f"each year {'≥' if sign > 0 else '≤'} {sign * thr:g}%"
    tr = total_return_of(c.subject) if c.subject is not None and sign > 0 else None
    if not ok and tr is not None and c.subject is not None and tr.key != c.subject.key:
        # "two consecutive years of 25% or greater gains": 2023 and 2024 were +24.2% and +23.3%
        # in price, about +26.3% and +25.0% with dividends: a year's gain may be its total return
        got_tr = m.daily(tr)
        ye_tr = _year_ends(got_tr[1].upto(day)) if got_tr is not None else {}
        if got_tr is not None and all(y in ye_tr and y - 1 in ye_tr for y in rets):
            tr_rets = {y: (ye_tr[y][1] / ye_tr[y - 1][1] - 1) * 100 for y in rets}
            # (the proxy is a fund's prices with dividends, a year's fees below its index's)
            if all(r > thr - _FUND_FEES_YEAR - 1e-9 for r in tr_rets.values()):
                ev += f"; as total returns ({got_tr[0]}): " + ", ".join(
                    f"{y} {r:+.2f}%" for y, r in tr_rets.items()
                )
                return Outcome(None, ev + ": a year's gain may be its total return", tol, None)
    return Outcome(ok, ev, tol, None)


#: how far (pp) a fund's total return may trail its index's in a year: fees and tracking
_FUND_FEES_YEAR = 0.15


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
    if cur is None or _stale(s, day):
        return _na(f"no {sid} close on {day}", subj.settle)
    comp = (cur[1] - float(c.level or 0)) * 100
    stated = float(c.stated_value or 0)
    ev = f"{sid} {iso(cur[0])} close {cur[1]:.2f}% − {float(c.level or 0):g}% = {comp:+.0f} bp vs stated {stated:+g} bp"
    band = bp_band(stated, c.comparator, c.hedge)
    level_day = c.extra.get("level_day")
    base = on(s, dt.date.fromisoformat(level_day)) if isinstance(level_day, str) else None
    if base is not None:
        # "down 45 bp from its 4.33% close on 11/30/23": the move from the store's close that day
        # too; one that fits only the stated level (another source's close) is not judged
        data = (cur[1] - base) * 100
        ev += f"; from the {sid} close of {level_day} ({base:.2f}%): {data:+.0f} bp"
        if band.verdict(data) is True:
            return Outcome(True, ev, band.text, round(data, 1))
        if band.verdict(comp) is True:
            return Outcome(None, ev + ": it fits only the stated level, another source's close",
                           band.text, round(data, 1))  # fmt: skip
        return _verdict(band, data, ev)
    return _verdict(band, comp, ev)


def judge_direction(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    """ "Closed lower": the sign of the move over the period. Contradicted only when the move the
    other way exceeds 0.1% (0.5% when the S&P 500 stands for "stocks" in general)."""
    got = _daily(c, m)
    if isinstance(got, Outcome):
        return got
    sid, s = got
    end = _period_end(c, day, s)
    if end is None or _stale(s, day):
        return _na(f"no {sid} close on {day}")
    start = _period_start(c, s, end[0], m)
    if isinstance(start, Outcome):
        return start
    comp = (end[1] / start[1] - 1) * 100
    margin = 0.5 if c.extra.get("proxy") else 0.1
    tol = f"the sign of the move; contradicted beyond {margin:g}% the other way"
    ev = f"{sid} {iso(end[0])} {_f(end[1])} / {start[2]} {iso(start[0])} {_f(start[1])} − 1 = {comp:+.2f}% (stated: {c.stated_value})"
    if comp * c.direction > 0:
        return Outcome(True, ev, tol, round(comp, 4))
    if comp * c.direction < 0 and abs(comp) > margin:
        return Outcome(False, ev, tol, round(comp, 4))
    return Outcome(None, ev + "; too small a move to judge", tol, round(comp, 4))


def judge_record_count(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    """ "Its 38th record high of 2025": the closes of the year up to the day that topped every
    earlier close (the store's history must start two years before the year)."""
    got = _daily(c, m)
    if isinstance(got, Outcome):
        return got
    sid, s = got
    year = int(c.extra.get("year") or day.year)
    since = c.extra.get("since")  # "its 27th record since June": from that month's first day
    first = since if isinstance(since, dt.date) else dt.date(year, 1, 1)
    if first > day:
        return _na(f"the count starts {iso(first)}, after the claim's day {iso(day)}")
    if s.first > dt.date(first.year - 2, 1, 1) and not _names_record(sid, s, first, m):
        return _na(f"{sid} history starts {iso(s.first)}: too short to count records from {first}")
    month = c.extra.get("month")  # "the 11th record close of December 2024": that month's
    w = s.upto(day)
    records: list[dt.date] = []
    top = float("-inf")
    for d, v in w.items():
        inside = d >= first if since else d.year == year and month in (None, d.month)
        if v > top and inside and top > float("-inf"):
            records.append(d)
        top = max(top, v)
    n = int(c.extra.get("n") or 0)
    span = (
        f"{iso(first)} to {iso(day)}"
        if since
        else f"{year}-{int(month):02d}"
        if month
        else f"{year}"
    )
    ev = f"{sid} closes above every earlier close in {span} up to {iso(w.last)}: {len(records)}"
    if records:
        ev += f" (the last on {iso(records[-1])})"
    if c.extra.get("cardinal"):
        return _record_tally(c, n, len(records), ev)
    today = bool(records) and records[-1] == w.last
    ok = len(records) == n and today if "time" in c.quote else len(records) == n
    return Outcome(ok, ev, "exact count of record closes", len(records))


def _names_record(sid: str, s: Series, t: dt.date, m: Market) -> bool:
    """Whether the daily closes before ``t`` name the record standing at ``t``: their highest
    tops every monthly average before the daily history by more than 3 % (a month's closes stay
    within a few percent of its average, so no older close can have been higher)."""
    prior = s.before(t)
    old = _older_history(sid, s, m)
    if not len(prior) or old is None:
        return False
    return bool(len(old)) and max(prior.values) > 1.03 * max(old.values)


def _record_tally(c: Claim, n: int, got: int, ev: str) -> Outcome:
    """A cardinal count of record closes ("37 times so far during 2017", "nearly 40 record
    closing highs"): exact, or within the hedge ("nearly"/"almost": up to 10 % fewer, at least
    one fewer; "about": ±10 %; "more than": more). Contradicted only beyond the band by more than
    two records and a tenth of the count (a writer may count a tie or a record of the session in
    progress), when the words say the records are closes."""
    slack = max(1, round(0.1 * n))
    lo, hi = {
        "<~": (n - slack, n - 1),
        "~": (n - slack, n + slack),
        ">": (n + 1, 10**6),
        ">=": (n, 10**6),
        "<": (0, n - 1),
    }.get(c.comparator, (n, n))
    tol = (
        f"count of record closes in [{lo}, {min(hi, 10**5)}]"
        if (lo, hi) != (n, n)
        else "exact count of record closes"
    )
    if lo <= got <= hi:
        return Outcome(True, ev, tol, got)
    far = max(2, round(0.1 * n))
    closes = any(w in c.quote.lower() for w in ("close", "closing"))
    if closes and (got < lo - far or got > hi + far):
        return Outcome(False, ev, tol + f"; contradicted beyond {far} more or fewer", got)
    return Outcome(None, ev + "; close to the stated count but outside it: not judged", tol, got)


def judge_fundamental(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    """A company's filed revenue, net income or capital expenditure (:mod:`thesis.claims.filings`)."""
    from thesis.claims.filings import judge_fundamental as judge_filed

    return judge_filed(c, day, m, claims)


def judge_own_direction(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    """The direction a verb pushes a figure against the two levels its clause states ("raising
    yields to 2.53% from Thursday's 2.55%"): the article's own arithmetic, no data read."""
    to, frm = float(c.level or 0), float(c.base or 0)
    word = "higher" if c.direction > 0 else "lower"
    ev = f"the article's own figures: from {frm:g} to {to:g} is {to - frm:+.2f}, stated {word}"
    tol = "the sign of the stated levels' difference"
    if to == frm:
        return _na(ev + ": the levels are equal")
    return Outcome((to - frm > 0) == (c.direction > 0), ev, tol, round(to - frm, 4))


JUDGES: dict[str, Judge] = {
    "own_direction": judge_own_direction,
    "fundamental": judge_fundamental,
    "count_of": judge_count_of,
    "sector_count": judge_sector_count,
    "moving_average": judge_moving_average,
    "average": judge_average,
    "session_open": judge_session_open,
    "record_count": judge_record_count,
    "direction": judge_direction,
    "yield_distance": judge_yield_distance,
    "toward": judge_toward,
    "annual_streak": judge_annual_streak,
    "close": judge_close,
    "session_extreme": judge_session_extreme,
    "record": judge_record,
    "change": judge_change,
    "points_change": judge_change,
    "distance": judge_distance,
    "upside": judge_upside,
    "streak": judge_streak,
    "move_streak": judge_move_streak,
    "record_streak": judge_record_streak,
    "rank": judge_rank,
    "since": judge_since,
    "first_cross": judge_first_cross,
    "threshold": judge_threshold,
    "level_run": judge_level_run,
    "extreme": judge_extreme,
    "record_level": judge_record_level,
    "regime": judge_regime,
    "close_on_date": judge_close_on_date,
    "yield": judge_yield,
    "yield_change": judge_yield,
    "macro": judge_macro,
    "fed_move": judge_fed,
    "fed_range": judge_fed,
    "fed_first_since": judge_fed_first_since,
    "fed_count": judge_fed_count,
    "fed_meeting": judge_fed_meeting,
}
