"""Contradictions another reading of the data explains: a last check before ``contradicted``.

On text it has never seen, most of the checker's false contradictions were a *mis-binding*: the
right number read against the wrong day, period, base or measure (a year-to-date gain read on
Monday's close when the article quoted Friday's; "from 5.9% a month earlier" read as a monthly
change; "7.4% (to 4411.59 from 4109.31)" read from another base). In each, the stated figure
equals, within its own tolerance, *another simple statistic of the same subject near the
claim*. Before a claim is called contradicted, :func:`explain` looks for one; if one matches, the
verdict is ``unverifiable`` and the evidence names it. It never supports a claim.

The alternatives are few and fixed (``docs/claims.md``, "Readings"):

=====================  ===================================================================
measure                alternative statistics (each judged by the measure's own judge and
                       band: a match is a reading that *fits*, not one merely not contradicted)
=====================  ===================================================================
``change``,            the same subject's change month-, quarter- and year-to-date, ending
``points_change``      on each of the two sessions before the claim's day, the day itself and
                       the session after it (never after the article's date: the store is
                       read as of it); not for a span that names both its ends
``macro``              the same series' previous and next month (quarter), and its other
                       transform (year over year <-> month over month; GDP annualized <->
                       year over year) for the month judged
any percent figure     the ratio of the two levels the claim's own sentence states (exactly
                       two besides the figure)
(``change``,
``upside``,
``distance``)
``change`` over two    the total return of the same subject over the same period
months or more         (:func:`thesis.claims.subjects.total_return_of`), unless the sentence
                       says "price"; whole figures too
=====================  ===================================================================

Neither a bound ("more than 1.2%") nor a figure written without decimals ("5%", 4.5 to 5.5) is
ever explained by a nearby statistic (the total return over two months or more excepted: it is
the same period and subject, and the dividends of a year are wider than a whole figure's band):
each fits one of a dozen nearby statistics too often for the match to name a
reading. Tried and dropped, because on dev, the shared articles, the held-out sets or the rule
tests they lost right contradictions for no or as many false alarms removed: a level read as
the close of one of the three sessions before or the one after its day (a close stated on the
wrong day is what labellers call a contradiction: six right verdicts lost), a change over one
or five sessions or one year, and the ratio of two of three or more stated levels (a target
beside the base).

The search runs only on a claim about to be contradicted (a few dozen judge calls on plain
lists), so it costs nothing on the others.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import itertools
import re

from thesis.claims.frames import Claim, PeriodSpec
from thesis.claims.market import Market, Series, sessions_near
from thesis.claims.tolerance import pct_band
from thesis.text.dates import month_end
from thesis.text.numbers import Quantity, find_quantities
from thesis.text.sentences import split_sentences

__all__ = ["explain"]

#: the periods a change may be read over instead of its own: (period, words for the evidence)
_CHANGE_PERIODS: tuple[tuple[PeriodSpec, str], ...] = (
    (PeriodSpec("mtd", "month to date"), "month-to-date change"),
    (PeriodSpec("qtd", "quarter to date"), "quarter-to-date change"),
    (PeriodSpec("ytd", "year to date"), "year-to-date change"),
)
#: sessions before (negative) or after the claim's day that a change may be read on
_CHANGE_OFFSETS = (-2, -1, 0, 1)
_WHEN = {
    -2: "two sessions earlier",
    -1: "a session earlier",
    0: "the claim's own session",
    1: "a session later",
}
#: a transform's other transform: a rate read as the other one of the same series
_OTHER_TRANSFORM = {"yoy": "mom", "mom": "yoy", "annualized": "yoy"}
_OTHER_TRANSFORM_GDP = {"annualized": "yoy", "yoy": "annualized"}
#: percent measures whose figure may be the article's own arithmetic on two levels it states
_RATIO_MEASURES = frozenset({"change", "upside", "distance"})


def explain(c: Claim, day: dt.date, m: Market, claims: list[Claim], text: str = "") -> str | None:
    """The nearby statistic a claim about to be contradicted states instead, or ``None``.

    Parameters
    ----------
    c
        The claim (every reading of it contradicts).
    day
        Its latest literal day (the session it is read on).
    m
        The store as of the article's date (nothing after it is read).
    claims
        The article's claims (passed to the measure's judges).
    text
        The article's text, for the levels the claim's own sentence states ("" skips that
        alternative).

    Returns
    -------
    str or None
        The alternative in words ("the S&P 500's year-to-date change to the close of
        2024-06-14, a session earlier (13.87%)"), or ``None`` when no alternative matches.
    """
    if c.subject is None or not isinstance(c.stated_value, int | float):
        return None
    bound = c.comparator in (">=", "<=")
    if (
        c.measure == "change"
        and _long_period(c.period, day, c.decimals)
        and not _says_price(c, text)
    ):
        # "the S&P 500 plunged 18% in 2022" where returns are quoted with dividends: over a
        # year or more the total return is another reading (whole figures too: the gap between
        # the two is a dividend yield, one to two points a year, wider than a whole figure's band)
        for cc in _with_period_just_ended(c, day):
            got = _total_return(cc, day, m, claims) or _quoted_total_returns(
                cc, day, m, claims, text
            )
            if got:
                return got  # (a bound too: "up more than 28% this year" with dividends)
    if bound:
        return None  # a bound ("more than 1.2%") fits too many other statistics to name one
    if (
        c.measure in ("change", "points_change")
        and c.decimals >= 1
        and not (c.period and c.period.kind == "span")
    ):
        # a whole figure ("5%": 4.5 to 5.5) fits one of a dozen nearby changes too often to name
        # one; a span names both its ends ("from 2022 through the end of 2023")
        got = _change(c, day, m, claims) or _to_date_at_period_end(c, day, m, claims)
        if got:
            return got
    if c.measure == "change" and c.decimals >= 1 and (c.period is None or c.period.kind == "day"):
        got = _to_its_stated_close(c, day, m, claims, text)
        if got:
            return got
    if c.measure in ("change", "points_change") and not (c.period and c.period.kind == "span"):
        # a points figure to the cent that another period's change gives exactly is that
        # period's, whatever the words around it say (a table's misplaced "For the year:"
        # heading over the week's figures); the percent beside it follows it
        got = _to_the_cent(c, day, m, claims)
        if got:
            return got
    if c.measure == "macro":
        got = _macro(c, m, claims)
        if got:
            return got
    if (
        c.measure in _RATIO_MEASURES
        and c.unit in ("pct", "")
        and c.decimals >= 1
        and text
        and not (c.measure == "distance" and c.extra.get("base_close"))
    ):
        # a distance from the article's own close is read from that close already: it is
        # contradicted only when that close is itself wrong (judge._wrong_base), which the ratio
        # of the two would hide
        return _ratio(c, text)
    return None


#: the shortest period whose total return may be meant by a change: two months' dividends (about
#: 0.2 to 0.3 points) move a figure written to a tenth out of its band, a quarter's (0.3 to 0.5) a
#: whole percent (days counted with both ends, so a calendar quarter is 90 or more)
_TR_DAYS = 60
#: the same for a figure written to a hundredth over a span with both ends: a month's dividends
#: (0.1 points or more) are ten of its units
_TR_DAYS_HUNDREDTHS = 28


def _with_period_just_ended(c: Claim, day: dt.date) -> list[Claim]:
    """``c``, then ``c`` over the unit just ended when its words name a month, a quarter or a year
    but not which and its day is early in the next (``judge.just_ended``: "eked out a monthly
    gain of 0.2%" in a review published on June 2 is May's), which is as literal a reading."""
    from thesis.claims.judge import just_ended

    ended = just_ended(c.period, day)
    return [c] if ended is None else [c, dataclasses.replace(c, period=ended)]


def _long_period(p: PeriodSpec | None, day: dt.date | None = None, decimals: int = 0) -> bool:
    """A calendar year or month, a period to date (year, quarter) of two months or more by
    ``day``, or a period with both ends that spans two months or more; a month or more for a
    figure written to a hundredth ("down 33.79% from February 19 through March 23": five weeks'
    dividends, 0.13 points, are a dozen of its units)."""
    if p is None:
        return False
    if decimals >= 2 and p.kind == "span" and _period_days(p, day) >= _TR_DAYS_HUNDREDTHS:
        return True
    if p.kind in ("year", "month"):
        # a calendar month's dividends (0.1 to 0.2 points) are enough to move a figure written
        # to a tenth or a hundredth out of its band: "The SPX rose +3.67% in March" (price
        # +3.51%, with dividends +3.71%) in a review that quotes total returns
        return True
    return _period_days(p, day) >= _TR_DAYS


def _period_days(p: PeriodSpec, day: dt.date | None) -> float:
    """The days a period to date (by ``day``), a trailing span or a span with both ends covers,
    both ends counted; 0 when the words do not fix it."""
    if p.kind in ("ytd", "qtd") and day is not None:
        start = (
            dt.date(day.year, 1, 1)
            if p.kind == "ytd"
            else dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
        )
        return (day - start).days + 1
    if p.kind in ("trailing", "ago") and p.n and p.unit in ("month", "year"):
        return p.n * 365 / (12 if p.unit == "month" else 1)
    if p.first is not None and p.last is not None:
        return (p.last - p.first).days + 1
    return 0.0


def _says_price(c: Claim, text: str) -> bool:
    """Whether the claim's sentence says "price" ("the price index fell 19.4%", "a price return
    of"): then only the price reading is meant."""
    for a, b in _sentences(text):
        if a <= c.start < b:
            return _PRICE.search(text[a:b]) is not None
    return _PRICE.search(c.quote) is not None


#: "price" as the measure of a change ("the price index", "a price return"), not "a price target"
_PRICE = re.compile(r"\bprice\b(?![\s-]+targets?\b)", re.I)


def _total_return(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> str | None:
    from thesis.claims.judge import _FUND_FEES_YEAR, judge_change
    from thesis.claims.subjects import total_return_of

    assert c.subject is not None
    tr = total_return_of(c.subject)
    if tr is None or tr.key == c.subject.key or c.subject.key.endswith("_tr"):
        return None
    o = judge_change(dataclasses.replace(c, subject=tr), day, m, claims)
    if not isinstance(o.computed, float):
        return None
    # the total return is read on a fund's prices with dividends, which lag the index's by the
    # fund's fees and its tracking (about 0.1 pp a year): a figure that far from the fund's is
    # the index's total return as well
    half = 0.5 * 10.0 ** -(c.decimals or 0)
    fees = _FUND_FEES_YEAR * _years(c.period, day)
    near = abs(float(c.stated_value or 0) - o.computed) <= half + fees
    if o.ok is True or near:
        return f"the {tr.name}'s change over the same period ({o.computed:+.2f}%): {o.evidence}"
    return None


def _years(p: PeriodSpec | None, day: dt.date) -> float:
    """The length of a long period (see :func:`_long_period`) in years; 0 when unknown."""
    if p is None:
        return 0.0
    if p.kind in ("year", "month"):
        return 1.0 if p.kind == "year" else 1 / 12
    return _period_days(p, day) / 365


#: the most an index pays out in dividends in a year (percent): the widest gap its total return
#: may open over its price change
_DIVIDEND_YIELD_MAX = 2.5
_TOTAL_RETURN_WORDS = re.compile(r"\btotal[\s-]+returns?\b", re.I)


def _quoted_total_returns(
    c: Claim, day: dt.date, m: Market, claims: list[Claim], text: str
) -> str | None:
    """In an article that quotes total returns ("Total Return Index" heads its table) and whose
    total-return proxy does not settle the figure: a stated change above the price change by no
    more than the period's dividends may be the total return ("a modest 0.8% loss for the first
    quarter" on a price change of -1.22%)."""
    from thesis.claims.judge import judge_change

    if not text or _TOTAL_RETURN_WORDS.search(text) is None:
        return None
    o = judge_change(c, day, m, claims)
    p = c.period
    if not isinstance(o.computed, float) or p is None or p.first is None or p.last is None:
        return None
    years = ((min(p.last, day) - p.first).days + 1) / 365
    gap = float(c.stated_value or 0) - o.computed
    band = 0.5 * 10.0 ** (-c.decimals)
    if -band <= gap <= _DIVIDEND_YIELD_MAX * years + band:
        return (f"the total return the article quotes elsewhere: {gap:+.2f} pp above the price "
                f"change ({o.computed:+.2f}%), within the period's dividends")  # fmt: skip
    return None


def _sessions(
    c: Claim, day: dt.date, m: Market, offsets: tuple[int, ...]
) -> list[tuple[int, dt.date]]:
    """The sessions ``offsets`` away from the session on or before ``day`` (its subject's daily
    calendar as of the article's date), with their offsets."""
    assert c.subject is not None
    got = m.daily(c.subject)
    return [] if got is None else sessions_near(got[1], day, offsets)


def _change(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> str | None:
    from thesis.claims.judge import judge_change

    assert c.subject is not None
    for k, t in _sessions(c, day, m, _CHANGE_OFFSETS):
        for p, words in _CHANGE_PERIODS:
            o = judge_change(dataclasses.replace(c, period=p), t, m, claims)
            if o.ok is True and isinstance(o.computed, float):
                got = f"{o.computed:+.2f}" + ("%" if c.measure == "change" else " points")
                return f"the {c.subject.name}'s {words} to the close of {t}, {_WHEN[k]} ({got})"
    return None


def _to_its_stated_close(
    c: Claim, day: dt.date, m: Market, claims: list[Claim], text: str
) -> str | None:
    """A session's move in percent computed, within its rounding, from the previous close to the
    close the same words state ("rocketed 31.65%, closing at 21.63"), when that stated close is
    itself supported (a preliminary print, within the close's band): the move is the story's
    arithmetic on its own print, not a wrong figure."""
    from thesis.claims.judge import supported_close_within

    assert c.subject is not None
    sib = supported_close_within(c, claims, m, text)
    got = m.daily(c.subject)
    if sib is None or got is None:
        return None
    s: Series = got[1]
    near = sessions_near(s, sib.date or day, (-1,))
    if not near:
        return None
    t = near[0][1]
    prev = s.values[s.dates.index(t)]
    level = abs(float(sib.stated_value or 0))
    pct = (level / prev - 1) * 100
    if not pct_band(float(c.stated_value or 0), c.decimals, "=").verdict(pct):
        return None
    return (f"the change from the previous close ({t}: {prev:,.2f}) to the close the same words "
            f"state ({level:,.2f}, a preliminary print: {pct:+.2f}%)")  # fmt: skip


#: the periods a points figure to the cent is read over by :func:`_to_the_cent`
_CENT_PERIODS: tuple[tuple[PeriodSpec, str], ...] = (
    (PeriodSpec("day", "the session"), "change on the session"),
    (PeriodSpec("week", "the week"), "change over the week"),
    *_CHANGE_PERIODS,
)


#: how far a points figure stated to the cent may be from the data's and still name it (rounding)
_CENT = 0.011


def _to_the_cent(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> str | None:
    """Another period's change that a points figure stated to the cent ("up 39.33 points")
    equals: the session's, the week's, or to date, ending on the claim's session or the one
    before. A change in percent is read over the period its sibling points figure (the same
    subject, in words that overlap its own) fits to the cent. A chance match within a cent and
    a half on one of a dozen periods is a few in a thousand for a figure of a few dozen points;
    a whole figure or one decimal is never read so."""
    from thesis.claims.judge import judge_change

    assert c.subject is not None
    pts: Claim | None = c
    if c.measure != "points_change":
        pts = next((x for x in claims if x.measure == "points_change" and x.subject == c.subject
                    and x.start < c.end and c.start < x.end), None)  # fmt: skip
    if pts is None or pts.decimals < 2 or not isinstance(pts.stated_value, int | float):
        return None
    if abs(pts.stated_value) < 1:
        return None  # a fraction of a point fits too many periods by chance
    for k, t in _sessions(c, day, m, (0, -1)):
        for p, words in _CENT_PERIODS:
            if c.period is not None and c.period.kind == p.kind:
                continue  # its own reading, judged already
            o = judge_change(dataclasses.replace(pts, period=p), t, m, claims)
            if o.ok is not True or not isinstance(o.computed, float):
                continue
            if abs(abs(o.computed) - abs(float(pts.stated_value))) > _CENT:
                continue  # within the judge's band (a share of the level), not to the cent
            if pts is not c:
                o = judge_change(dataclasses.replace(c, period=p), t, m, claims)
                if o.ok is not True or not isinstance(o.computed, float):
                    continue
            got = f"{o.computed:+.2f}" + ("%" if c.measure == "change" else " points")
            return (f"the {c.subject.name}'s {words} to the close of {t}, {_WHEN[k]} ({got}), "
                    "which a figure to the cent names")  # fmt: skip
    return None


def _to_date_at_period_end(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> str | None:
    """A figure to date ("up 15.9% YTD") in a review published after a month or a quarter ended
    (a quarterly commentary dated October 8): the same period to date at the last session of the
    month or the quarter before the day, as a price or a total return."""
    from thesis.claims.judge import judge_change
    from thesis.claims.subjects import total_return_of

    p = c.period
    if p is None or p.kind not in ("ytd", "qtd") or c.subject is None:
        return None
    first = day.replace(day=1)
    ends = {first - dt.timedelta(days=1): "the month before",
            dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1) - dt.timedelta(days=1): "the quarter before"}  # fmt: skip
    tr = total_return_of(c.subject)
    subjects = [c.subject] + ([tr] if tr is not None and tr.key != c.subject.key else [])
    for end, words in sorted(ends.items(), reverse=True):
        if end.year != day.year and p.kind == "ytd":
            continue  # the year to date of another year
        for subj in subjects:
            o = judge_change(dataclasses.replace(c, subject=subj), end, m, claims)
            if o.ok is True and isinstance(o.computed, float):
                return (f"the {subj.name}'s change to date at the end of {words} ({end}: "
                        f"{o.computed:+.2f}%), the figure of a review published after it")  # fmt: skip
    return None


def _macro(c: Claim, m: Market, claims: list[Claim]) -> str | None:
    from thesis.claims.judge import _MACRO_LAG_GRACE, _macro_siblings, _period_key, judge_macro

    assert c.subject is not None
    quarterly = c.subject.key == "gdp"
    transform = str(c.extra.get("transform"))
    p = c.period
    if p is not None and p.first is not None:
        keys = [_period_key(p.first, quarterly)]
    else:
        later = m.later(m.as_of + dt.timedelta(days=_MACRO_LAG_GRACE))
        tr0 = "yoy" if transform == "any" else transform
        found = _macro_siblings(c.subject.key, tr0, later)
        known = m.series(found[0][0]) if found else None
        if known is None or not len(known):
            return None
        latest = _period_key(known.last, quarterly)
        keys = [latest, latest + 1]  # the latest release the article's date knew, and the next
    others = _OTHER_TRANSFORM_GDP if quarterly else _OTHER_TRANSFORM
    alts: list[tuple[int, str, str]] = []
    for key in keys:
        alts += [(key - 1, transform, "the previous"), (key + 1, transform, "the next")]
        if transform in others:
            alts.append((key, others[transform], "the other transform of"))
    seen = {(k, transform) for k in keys}
    for key, tr, words in alts:
        if (key, tr) in seen:
            continue
        seen.add((key, tr))
        first, last = _period_bounds(key, quarterly)
        if last > m.as_of:
            continue  # a period the article's date had not finished
        cc = dataclasses.replace(
            c,
            period=PeriodSpec("month", f"{first:%Y-%m}", first=first, last=last),
            extra={**c.extra, "transform": tr},
        )
        o = judge_macro(cc, m.as_of, m, claims)
        if o.ok is True:
            what = f"{first:%Y}Q{(first.month - 1) // 3 + 1}" if quarterly else f"{first:%Y-%m}"
            per = "quarter" if quarterly else "month"
            return f"the {c.subject.name} {tr} reading of {what} ({words} {per}): {o.evidence}"
    return None


def _period_bounds(key: int, quarterly: bool) -> tuple[dt.date, dt.date]:
    y, r = divmod(key, 4 if quarterly else 12)
    first = dt.date(y, r * 3 + 1 if quarterly else r + 1, 1)
    last_month = first.month + (2 if quarterly else 0)
    return first, month_end(first.year, last_month)


@functools.lru_cache(maxsize=8)
def _sentences(text: str) -> tuple[tuple[int, int], ...]:
    return tuple((s.start, s.end) for s in split_sentences(text))


@functools.lru_cache(maxsize=64)
def _levels(sentence: str) -> tuple[Quantity, ...]:
    """The levels a sentence states: plain numbers, index points or dollar amounts, written in
    digits, not ranges (percentages, basis points and counts in words are no levels)."""
    return tuple(
        q
        for q in find_quantities(sentence, words=False)
        if q.unit in ("plain", "points", "usd") and not q.is_range and q.magnitude > 0
    )


def _ratio(c: Claim, text: str) -> str | None:
    """A percent figure that is L1 / L2 − 1 for two levels its own sentence states."""
    span = next(((a, b) for a, b in _sentences(text) if a <= c.start < b), None)
    if span is None:
        return None
    a, b = span
    levels = [q for q in _levels(text[a:b]) if not (a + q.start <= c.start < a + q.end)]
    if len(levels) != 2:
        return None  # with a third level (a target, a threshold) the pair is a guess
    stated = float(c.stated_value or 0)
    sign_known = c.direction != 0 or stated < 0
    band = pct_band(stated if sign_known else abs(stated), c.decimals, c.comparator, c.hedge)
    for q1, q2 in itertools.permutations(levels, 2):
        v1, v2 = q1.magnitude, q2.magnitude
        if not 0.5 <= v1 / v2 <= 2.0:
            continue  # not two levels of one quantity
        r = (v1 / v2 - 1) * 100
        if band.verdict(r if sign_known else abs(r)) is True:
            return f"{q1.text} / {q2.text} − 1 = {r:+.2f}%, two levels its own sentence states"
    return None
