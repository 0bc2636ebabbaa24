"""The rules: one small function per class of phrasing, never per article.

Each rule reads one sentence (:class:`~thesis.claims.document.Sent`) and returns claim frames;
it looks only at bounded windows of tokens around a number, so its cost is linear in the
sentence. A rule marks the numbers it used so that later rules (and the catch-all ``other``)
leave them alone. The classes:

========== ==========================================================================
move       "rose 0.5% to 6,812.61", "up 34.62 points or 0.50% today", "down 15.29% from 52
           weeks ago": a change (and the close it reached)
close      "closed at 6,812.61", "ended November at 6,849.09", "its Sept. 6 close of 3,908"
noun_move  "a 16.4% price return for the year", "a decline of 0.4%", "Thursday's 1.2% drop"
distance   "1.3% below the 6,900 threshold", "off 0.39% from its record close of 6977.27
           hit Monday, Jan. 12, 2026", "21% below the February peak"
upside     "a 5% upside to 7,269", "a target of $256 indicating a potential upside of 36.7%",
           "would need to rally 9% to reach 7,500"
record     "closed at a record", "a new all-time closing high"
streak     "up for four consecutive trading days", "the fourth straight session in red"
rank       "fourth highest close in history", "the fourth highest this year"
since      "highest closing value since Tuesday, Jan. 13, 2026", "slowest pace since 2021"
first      "surpassed 4,000 points on Thursday for the first time"
extreme    "its annual closing low on April 8", "topping the previous record of 2,190.15"
yield      "the 10-year at about 4.145%", "fell 3 basis points to 4.01%"
macro      "CPI rose 2.7% year over year", "the unemployment rate rose to 5.9%"
fed        "cut rates by 25 basis points to a target range of 2% to 2.25%"
other      any other figure worth stating (judged unverifiable, with the reason)
========== ==========================================================================
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re
from collections.abc import Callable
from typing import Any

from thesis.claims.after_event import since_reaching
from thesis.claims.averages import rule_average
from thesis.claims.binding import (
    _SHORT_MOVE_WORDS,
    NONE,
    Bind,
    Ctx,
    _default_date,
    _event_weekday,
    _last_week_reading,
    bind_date,
    bind_period,
    bind_subject,
    coordinated_move,
    date_of,
    fronted_subject,
    list_subjects,
    make_claim,
    market_proxy,
    partner_of,
    period_close_of,
    period_owner,
    since_anchor,
    starts_since,
)
from thesis.claims.closures import rule_closure
from thesis.claims.dated_base import DatedBase, dated_base, since_bind
from thesis.claims.document import Sent, parenthesised_pair, previous_with_subject
from thesis.claims.fed_decisions import rule_fed, rule_fed_count, rule_fed_first_since
from thesis.claims.fed_meetings import rule_fed_meeting
from thesis.claims.frames import CLOSING_VERB_WORDS, Claim, PeriodSpec
from thesis.claims.from_to import (
    from_to_levels,
    rule_from_to_direction,
    rule_from_to_noun_move,
    rule_to_from_direction,
    rule_two_closes_and_change,
)
from thesis.claims.fundamentals import rule_fundamental
from thesis.claims.level_runs import rule_level_run
from thesis.claims.near_record import rule_near_record
from thesis.claims.opens import rule_session_open
from thesis.claims.peaks import rule_peak_on_day
from thesis.claims.prior_close import prior_close
from thesis.claims.record_streaks import record_streak_at, rule_record_streak
from thesis.claims.regimes import rule_regime
from thesis.claims.spans import stated_span
from thesis.claims.spreads import SPREAD_KEY
from thesis.claims.subjects import ALL_SECTORS, SubjectMention, subject_by_key, total_return_of
from thesis.claims.tables import rule_table_cell
from thesis.claims.tallies import COUNTED_KINDS, rule_ordinal_tally
from thesis.claims.thresholds import rule_threshold, yield_threshold
from thesis.claims.vocab import (
    CLOSE_WORDS,
    DEGREE_ADVERBS,
    DOWN_NOUNS,
    DOWN_WORDS,
    EPISODE_NOUNS,
    FOREIGN_NOUNS,
    NEGATIONS,
    UP_NOUNS,
    UP_WORDS,
)
from thesis.claims.weekday_dates import rule_weekday_date
from thesis.text.dates import WEEKDAYS, DateMention, Period, month_end
from thesis.text.numbers import Quantity, ordinal_value
from thesis.text.numbers import token_count as _count
from thesis.text.tokens import Token

__all__ = ["RULES", "Rule"]

Rule = Callable[[Ctx, Sent, set[int]], list[Claim]]

_PRICE_KINDS = ("index", "stock", "etf", "volatility", "commodity", "market", "sector")
_MOVE_UNITS = ("pct", "points")


def _is_level(q: Quantity) -> bool:
    """A number that can be a price or index level (not a percent, not a tiny bare number)."""
    return (
        q.unit in ("plain", "points", "usd") and not q.is_range and q.scale == 1.0 and q.value >= 1
    )


#: comparatives that, before "than", make a figure a gap to another level, not a move
_COMPARATIVES = frozenset(
    {"higher", "lower", "greater", "less", "bigger", "smaller", "better", "worse", "above",
     "below", "more", "fewer"}
)  # fmt: skip


#: words after "than" that name another level ("the record close", "its 50-day average")
_OTHER_LEVELS = frozenset(
    {"record", "records", "peak", "high", "highs", "low", "lows", "average", "averages", "level",
     "levels", "mark", "target", "estimate", "estimates", "lowest", "highest", "bottom",
     "trough", "all-time"}
)  # fmt: skip
#: words after "than" that make it the close a move runs from ("than it ended the previous week")
_EARLIER_CLOSE = frozenset(
    {"previous", "prior", "last", "ended", "closed", "finished", "ago", "yesterday", "before"}
)


def _compared_with(s: Sent, q: Quantity) -> bool:
    """Whether a comparative and "than" after the figure compare it with another level ("3
    points higher than the record close set in February"): the gap between two levels, which no
    period's move is. Not an earlier close ("1.6% higher than it ended the previous trading
    week"): that is the move from it."""
    skip = ("%", "percent", "points", "point", "pct")
    after = [w for w in s.words_after(q.end, 10) if w not in skip]
    if len(after) < 2 or after[0] not in _COMPARATIVES or after[1] != "than":
        return False
    ref = after[2:8]
    return bool(_OTHER_LEVELS.intersection(ref)) and _EARLIER_CLOSE.isdisjoint(ref)


def _price_subject(b: Bind) -> bool:
    return b.value is None or b.value.kind in _PRICE_KINDS


# ------------------------------------------------------------------------------------------ level
_LEVEL_FILLER = frozenset(
    [
        "close",
        "closing",
        "end",
        "ended",
        "finish",
        "finished",
        "settle",
        "settled",
        "the",
        "day",
        "session",
        "week",
        "month",
        "year",
        "at",
        "a",
        "an",
        "record",
        "new",
        "fresh",
        "all-time",
        "high",
        "level",
        "of",
        "about",
        "roughly",
        "nearly",
        "around",
        "approximately",
        "just",
        "record-shattering",
        "record-breaking",
        "its",
        "their",
        "highest",
    ]
)


def level_after(s: Sent, q: Quantity) -> Quantity | None:
    """The level a move reached: "to 6,812.61", "to close at about 2,954", "to a record 6,900",
    looking past a paired figure ("34.62 points or 0.50% today to 6950.23")."""
    toks = s.after(q.end, 16)
    seen_to = False
    fill = 0
    # "closed up 1.1 percent at 3,660": after a closing verb, "at" names the close as "to" does
    closing = any(t.lower in _CLOSING_VERBS for t in s.before(q.start, 4))
    # "fell 34.9 points, or 1.2 percent, at 2,882.70": "at" after a pair names the close, but not
    # after a state ("was down 103 points, or 2.5%, at 4,007": a moment of the session)
    state = any(t.lower in ("was", "were", "is", "are") for t in s.before(q.start, 3))
    paired = False
    for t in toks:
        w = t.lower
        paired = paired or (w == "or" and not state)
        if not seen_to and (
            any(p.start <= t.start < p.end for p in s.periods)
            or s.doc.date_spans.overlaps(t.start, t.end)
        ):
            continue  # "3.95% this week to 3901.06", "0.5% on Friday to 6,000"
        if not seen_to:
            if w == "to" or (w == "at" and (closing or paired)):
                seen_to = True
                continue
            if w in _AT_PARTICIPLES and _pending_at(toks, t):
                # a close stated after a move by a participle: "fell 1.4%, landing at 5,521.52",
                # "rose 0.5% on Tuesday, closing at a then-record 6,909.79": "at" names it as "to"
                closing = True
                continue
            if (
                w
                in (
                    "or",
                    "higher",
                    "lower",
                    ",",
                    "and",
                    "today",
                    "percent",
                    # "lost 67.28 points, or 1.63 per cent, to 4,108.54"
                    "per",
                    "cent",
                    "points",
                    "point",
                    "%",
                    "on",
                    "the",
                    "day",
                    "in",
                    "its",
                    "session",
                    # the close of a paired figure's parenthesis: "gained 105.23 points (2.11%)
                    # to 5,087.03" (its opening one: _opens_pair)
                    ")",
                    # a hedge of the paired figure: "added 28 points, or nearly 1%, to close at"
                    *_PAIR_HEDGES,
                )
                or t.kind == "number"
            ):
                continue
            if t.kind == "word" and (w in _WEEKDAY_WORDS or w.endswith("'s")):
                continue
            if t.text == "(" and _opens_pair(s, t):
                continue
            return None
        if t.kind == "number":
            lvl = next((x for x in s.quantities if x.start <= t.start < x.end), None)
            return lvl if lvl is not None and _is_level(lvl) else None
        if t.text == "$":
            continue
        if _then_record(toks, t) and fill < 5:
            fill += 1  # "closing at a then-record 6,909.79": a record on its day, a close still
            continue
        if (w in _LEVEL_FILLER or (w == "reach" and fill == 0)) and fill < 5:
            fill += 1  # "to reach 3,380.35": the level the move reached, as "to" alone names it
            continue
        return None
    return None


def _opens_pair(s: Sent, t: Token) -> bool:
    """Whether the parenthesis at ``t`` holds a move's paired figure ("gained 105.23 points
    (2.11%) to 5,087.03"): a quantity right after it that pairs with the one before it. "(to
    4411.59 from 4109.31)" holds a level with its own words, not a pair: not skipped."""
    nxt = next((x for x in s.quantities if x.start >= t.end), None)
    prev = next((x for x in reversed(s.quantities) if x.end <= t.start), None)
    return nxt is not None and prev is not None and parenthesised_pair(s.doc.text, prev, nxt)


#: participles that state the close a move reached when "at" follows ("landing at 5,521.52")
_AT_PARTICIPLES = frozenset({"closing", "ending", "finishing", "settling", "landing"})
#: hedges of a move's paired figure ("28 points, or nearly 1%") that do not end the move's words
_PAIR_HEDGES = ("nearly", "about", "roughly", "almost", "around", "approximately", "some", "just")


def _pending_at(toks: list[Token], t: Token) -> bool:
    """Whether the token right after ``t`` in ``toks`` is "at"."""
    i = toks.index(t)
    return i + 1 < len(toks) and toks[i + 1].lower == "at"


def _then_record(toks: list[Token], t: Token) -> bool:
    """Whether ``t`` is a word of "then-record" ("then", its hyphen): a record as of its day."""
    i = toks.index(t)
    nxt = [x.lower for x in toks[i + 1 : i + 3]]
    if t.lower == "then":
        return nxt[:2] == ["-", "record"] and toks[i + 1].start == t.end
    return t.text == "-" and i > 0 and toks[i - 1].lower == "then" and nxt[:1] == ["record"]


_WEEKDAY_WORDS = frozenset(WEEKDAYS[:5])
#: verbs that say a figure is the session's close ("closed up 1.1% at 3,660")
_CLOSING_VERBS = frozenset(
    {"closed", "closes", "closing", "ended", "ends", "ending", "finished", "finishes",
     "finishing", "settled", "settles", "settling"}
)  # fmt: skip


# ------------------------------------------------------------------------------------------ rules
#: plural move nouns: "declines of over 2.50%" names several moves, each of the figure's size
_PLURAL_MOVES = frozenset(
    {"declines", "drops", "falls", "losses", "gains", "rallies", "advances", "moves", "swings",
     "jumps", "slides", "selloffs", "sell-offs", "rises", "increases", "decreases"}
)  # fmt: skip
#: words that count moves ("three separate one-day declines", "several daily gains")
_COUNT_WORDS = frozenset(
    {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "several", "multiple",
     "many", "few", "separate", "numerous"}
)  # fmt: skip


def _counted_moves(s: Sent, q: Quantity) -> bool:
    """Whether ``q`` is the size of each of several counted moves shorter than a period ("had
    three separate one-day declines of over 2.50% in August"): no one move's figure. A streak
    without such moves ("without single-day gains of 1% or more since Dec. 7") counts none."""
    before = s.words_before(q.start, 8)
    if not (
        _PLURAL_MOVES.intersection(before[-5:]) and _SHORT_MOVE_WORDS.intersection(before[-5:])
    ):
        return False
    return any(w in _COUNT_WORDS or w.isdigit() for w in before)


def _between_bounds(s: Sent, q: Quantity) -> bool:
    """Whether ``q`` is a bound of a range "between X and Y" ("have fallen somewhere between 0%
    and 5%", "rose between 1% and 2%"): neither figure is the move."""
    if s.words_before(q.start, 1) == ["between"]:
        nxt = s.next_quantity(q)
        return nxt is not None and s.words_after(q.end, 1) == ["and"] and nxt.start - q.end <= 6
    if s.words_before(q.start, 1) == ["and"]:
        prev = s.prev_quantity(q)
        return (
            prev is not None
            and q.start - prev.end <= 6
            and s.words_before(prev.start, 1) == ["between"]
        )
    return False


#: words before "to" that make the figure after it the size of a move ("translating to 24.49
#: points", "equivalent to 50 points"), not the level reached
_AMOUNT_TO = frozenset(
    {"translating", "translates", "translated", "equating", "equates", "equated", "amounting",
     "amounts", "amounted", "equal", "equivalent", "corresponding", "adding", "close"}
)  # fmt: skip


def _level_reached(before: list[str]) -> bool:
    """Whether the two words before a figure in points make it the level a move reached ("climbed
    to 6,739 points", "closed at 6,791.69 points"), not its size."""
    if before[-1:] == ["at"]:
        return True
    return before[-1:] == ["to"] and not _AMOUNT_TO.intersection(before[-2:-1])


def rule_move(ctx: Ctx, s: Sent, used: set[int]) -> list[Claim]:
    """A change with a direction word, and the close it reached when one follows."""
    out: list[Claim] = []
    for q in s.quantities:
        if q.start in used or q.is_range or (q.words and q.unit not in ("pct", "points")):
            continue
        # "ended 5.91 higher to 2,862.96": a bare number with "higher"/"lower" is in points
        implied = q.unit == "plain" and s.words_after(q.end, 1)[:1] in (["higher"], ["lower"])
        if q.unit not in _MOVE_UNITS and not implied:
            continue
        if s.words_before(q.start, 1) == ["within"]:
            continue  # "to climb within 0.7% of its all-time high": a distance, not a move
        if q.unit != "pct" and _level_reached(s.words_before(q.start, 2)):
            continue  # "the index climbed to 6,739 points": the level reached, not a move
        if _between_bounds(s, q):
            continue  # "returns have fallen somewhere between 0% and 5%": a range, not a move
        if _counted_moves(s, q):
            continue  # "three separate one-day declines of over 2.50%": each move's size
        if crosses_threshold(s, q):
            continue  # "topped the 10% gain mark": a cumulative move's threshold, not a session's
        if _compared_with(s, q):
            continue  # "3 points higher than the record close set in February": a distance
        d, verb = s.direction(q)
        subj = bind_subject(ctx, s, q.start, after_ok=True)
        if d == 0 or not _price_subject(subj):
            continue
        if s.hedge(q)[0] == "up to" and subj.value is not None and subj.value.kind in _PCT_LEVELS:
            continue  # "VIX spiked up to 18%": a level quoted in percent, or the move's extreme
        fl = from_to_levels(s, q, d) if q.unit == "pct" else None
        if fl is not None:
            # "rose 2% from 4,000 to 4,080": the article's own arithmetic, as below, in the
            # "from A to B" order
            used.update({q.start, *fl[2]})
            out.append(make_claim(
                ctx, s, kind="pct_change", measure="upside", subject=NONE, rule="move",
                parts=[(q.start, fl[3])], value=q.value if q.sign else q.value * d, unit="pct", decimals=q.decimals, date=None,
                hedge=s.hedge(q), direction=d, level=fl[1], base=fl[0], needs=(),
                extra={"base_stated": True},
            ))  # fmt: skip
            continue
        prior = prior_close(ctx, s, q)
        if prior is None and (_distance_follows(s, q) or _upside_follows(s, q)):
            continue
        nxt_word = s.words_after(q.end, 2)
        if nxt_word and (nxt_word[0] in UP_NOUNS or nxt_word[0] in DOWN_NOUNS):
            continue  # "a 1.2% drop": the noun_move rule's
        if nxt_word and nxt_word[0] in FOREIGN_NOUNS:
            continue  # "decline was exacerbated by 125% tariffs": the figure is the tariff's
        if d > 0 and nxt_word[:2] and nxt_word[-1] in UP_NOUNS and verb.lower() == nxt_word[-1]:
            continue  # "a 3.1% GDP growth": not a move of the subject
        if _upside_parts(s, q) is not None:
            continue  # "a potential 45% increase from its current price": the upside rule's
        if _total_return_words(s, q, s.words_before(q.start, 4)):
            continue  # "up 16.3%, or 18.3% including dividends": not the index's price change
        lvl = level_after(s, q)
        date = bind_date(ctx, s, q.start)
        period = bind_period(ctx, s, q, level_follows=lvl is not None, verb=verb)
        base_day = _dated_base_of(s, q) if prior is None else None
        extreme: dict[str, str] | None = None
        if prior is not None:
            # "down 0.06% from last Friday's close", "by more than 5% since last Friday": the
            # earlier close the clause names is the move's base (thesis.claims.prior_close)
            period = prior[0]
        if base_day is not None:
            # "sold off 36 points from the 30 September close", "has risen 50% from its March
            # 23 low": the change since that day's close (a low or high one-sided: dated_base)
            period = since_bind(base_day)
            if base_day.kind != "close":
                extreme = {"from_extreme": base_day.kind}
        measure = "change" if q.unit == "pct" else "points_change"
        value = q.value if q.sign else q.value * d
        pair = _to_from_levels(s, q) if q.unit == "pct" else None
        if pair is None and q.unit == "pct" and lvl is not None:
            ev = since_reaching(s, q)
            if ev is not None and ev.base is not None and ev.base.start != lvl.start:
                # "fell nearly 10% to about 5,578 since reaching a peak of 6,144": between the
                # two levels it states
                pair = (lvl, ev.base)
        if pair is not None:
            # "has increased by 7.4% (to 4411.59 from 4109.31)": the article's own arithmetic
            # between the two levels it states (judged as an upside from a stated base). It
            # reads no series, so it needs no subject: B / A − 1 is the same whoever moved
            to_l, from_l = pair
            used.update({q.start, from_l.start})
            out.append(make_claim(
                ctx, s, kind="pct_change", measure="upside", subject=subj, rule="move",
                parts=_move_parts(ctx, s, q, from_l, period), value=value, unit="pct",
                decimals=q.decimals, date=None, hedge=s.hedge(q), direction=d, level=to_l.value,
                base=from_l.value, needs=(), extra={"base_stated": True},
            ))  # fmt: skip
            if lvl is not None and lvl.start not in used:
                used.add(lvl.start)
                out.append(_close_claim(ctx, s, lvl, subj, date, q.start, "move"))
            continue
        parts = _move_parts(ctx, s, q, lvl, period)
        if prior is not None:
            parts = [(parts[0][0], max(parts[0][1], prior[1]))]
        out.append(make_claim(
            ctx, s, kind="pct_change", measure=measure, subject=subj, parts=parts,
            rule="move", value=value, unit=q.unit if q.unit == "pct" else "points", decimals=q.decimals,
            date=date, period=period, hedge=s.hedge(q), direction=d, needs=("subject", "date", "period"),
            extra=extreme,
        ))  # fmt: skip
        used.add(q.start)
        if (
            verb.lower() in ("returned", "returns", "return", "returning")
            and subj.value is not None
            and total_return_of(subj.value) is not None
        ):
            # "the S&P 500 had returned more than 19% for the year": a price or a total return,
            # both literal, as the noun's "a 19% return" (judge.readings)
            out[-1].extra["or_total_return"] = True
        side = _extreme_side(s, q, d)
        if lvl is not None:
            # the level the move ran to: at any moment of the session the two figures must agree
            # with each other from the previous close (judge._judge_in_range)
            out[-1].extra.update(pair_level=lvl.value, pair_decimals=lvl.decimals)
        amt = _amount_restated(s, q) if q.unit == "pct" else None
        if amt is not None:  # "lost $26.60, or 1.69%, to settle at $1,650"
            hedge, cmp_ = s.hedge(amt)
            out[-1].extra.update(
                own_amount=amt.value,
                own_amount_decimals=amt.decimals,
                # "nearly 400 points, or 0.92%": a hedged amount pins no arithmetic
                own_amount_hedged=bool(hedge) or cmp_ not in ("=", ""),
            )
        if side:
            out[-1].extra.update(session_extreme=side, off_session=_off_session(s))
        if lvl is not None and lvl.start not in used:
            used.add(lvl.start)
            ldate = _level_own_day(ctx, s, lvl) or _period_end_too(ctx, date, out[-1])
            out.append(_close_claim(ctx, s, lvl, subj, ldate, q.start, "move"))
            if side:
                out[-1].extra.update(session_extreme=side, off_session=_off_session(s))
    return out


def _amount_restated(s: Sent, q: Quantity) -> Quantity | None:
    """The amount a move's percent ``q`` restates ("fell 879.44 points, or 3.2%", "lost $26.60,
    or 1.69%"): the figure right before it, joined by ", or"; ``None`` for anything else."""
    a = next((x for x in reversed(s.quantities) if x.end <= q.start), None)
    if a is None or a.unit not in ("points", "usd", "plain") or a.is_range or a.words:
        return None
    if a.scale != 1.0 or s.doc.text[a.end : q.start].replace(",", " ").split() != ["or"]:
        return None
    return a


#: the words that name a move and its sign before a parenthesised figure: "remained positive
#: (9.23%)", "continuing September's downward trend (-4.87%)" (0: the figure's own sign says)
_PAREN_MOVE_WORDS: dict[str, int] = {
    "positive": 1, "negative": -1, "upward": 1, "downward": -1, "gain": 1, "gains": 1,
    "loss": -1, "losses": -1, "advance": 1, "decline": -1, "trend": 0, "change": 0,
}  # fmt: skip


def rule_paren_move(ctx: Ctx, s: Sent, used: set[int]) -> list[Claim]:
    """A signed figure in a parenthesis after its words: "Year-to-date, the S&P 500 remained
    positive (9.23%)", "continuing September's downward trend (-4.87%)".

    The parenthesis holds one percentage and nothing else; the words before it, back to the
    clause's comma, hold no figure, a word that names the move (:data:`_PAREN_MOVE_WORDS`) and
    the period they state (bound explicitly). The sign is the figure's or the words'; when both
    say and disagree, or neither says, no claim. A parenthesis after a figure ("the one-year
    return was 8.31% (10.14%)") is another measure of it (a total return?): not read. Words
    that name no move ("was in correction mode (-10.28%)": a drawdown from a high) give none.
    """
    out: list[Claim] = []
    for q in s.quantities:
        if q.start in used or q.unit != "pct" or q.is_range or q.words:
            continue
        before = s.before(q.start, 12)
        after = s.after(q.end, 1)
        if not before or before[-1].text != "(" or not after or after[0].text != ")":
            continue
        seg: list[Token] = []
        for t in reversed(before[:-1]):
            if t.text in (",", ";", ":", "(", ")", "—", "–"):
                break
            seg.append(t)
        seg.reverse()
        if not seg or len(seg) >= 11:
            continue
        if any(seg[0].start <= m.start < q.start for m in s.quantities):
            continue  # a figure in the words: the parenthesis is that figure's
        signs = [_PAREN_MOVE_WORDS[t.lower] for t in seg if t.lower in _PAREN_MOVE_WORDS]
        if not signs:
            continue
        word_sign = next((x for x in signs if x != 0), 0)
        fig_sign = (1 if q.value > 0 else -1) if q.sign else 0
        if word_sign and fig_sign and word_sign != fig_sign:
            continue
        d = word_sign or fig_sign
        if d == 0:
            continue
        subj = bind_subject(ctx, s, q.start)
        if subj.value is None or not _price_subject(subj):
            continue
        period = bind_period(ctx, s, q, level_follows=False)
        if period.how != "explicit" or not isinstance(period.value, PeriodSpec):
            continue
        # the period must be the words' own ("continuing September's downward trend") or open
        # the sentence before a comma ("Year-to-date, the S&P 500 remained positive")
        spec_text = period.value.text
        spans = [(p.start, p.end) for p in s.periods if p.text == spec_text]
        spans += [(x.start, x.end) for x in s.dates if x.text == spec_text]
        opener = s.tokens[0].start if s.tokens else -1
        if not any(
            seg[0].start <= a < q.start
            or (a == opener and s.words_after(b, 1) == [","] and not s.doc.quantities_in(b, q.start)
                and _clause_commas(s, b, seg[0].start) == 1)
            for a, b in spans
        ):  # fmt: skip
            continue
        date = bind_date(ctx, s, q.start)
        used.add(q.start)
        out.append(make_claim(
            ctx, s, kind="pct_change", measure="change", subject=subj,
            parts=[(seg[0].start, after[0].end)], rule="move", value=abs(q.value) * d, unit="pct",
            decimals=q.decimals, date=date, period=period, hedge=s.hedge(q), direction=d,
            needs=("subject", "date", "period"),
        ))  # fmt: skip
    return out


def _clause_commas(s: Sent, a: int, b: int) -> int:
    """How many commas stand between ``a`` and ``b`` in the sentence."""
    return sum(1 for t in s.tokens if a <= t.start < b and t.text == ",")


def _to_from_levels(s: Sent, q: Quantity) -> tuple[Quantity, Quantity] | None:
    """ "7.4% (to 4411.59 from 4109.31)", "2.1% to 5,600 from 5,485": the two levels a move is
    stated between, right after the percentage (the level it reached, then the one it left)."""
    to_l = s.next_quantity(q)
    if to_l is None or not _is_level(to_l) or to_l.start - q.end > 8:
        return None
    gap = [t.lower for t in s.tokens if q.end <= t.start < to_l.start]
    if gap not in (["to"], ["(", "to"], [",", "to"]):
        return None
    from_l = _from_level(s, to_l)
    return (to_l, from_l) if from_l is not None else None


#: the kinds of subject whose level is often written in percent ("the VIX spiked up to 18%")
_PCT_LEVELS = frozenset({"volatility", "yield", "policy_rate", "inflation"})


def _extreme_side(s: Sent, q: Quantity, d: int) -> str:
    """ "rose as much as 2%", "fell as much as 120 points": the figure is the session's high (up)
    or low (down), measured from the previous close; "" for any other figure."""
    if (
        s.hedge(q)[0] not in ("as much as", "up to")
        or d == 0
        or (q.sign and (q.value > 0) != (d > 0))
    ):
        return ""
    return "high" if d > 0 else "low"


#: words that place a figure outside the regular session (its high and low do not bound it)
_OFF_SESSION = frozenset(
    {"premarket", "pre-market", "futures", "overnight", "after-hours", "before"}
)


def _off_session(s: Sent) -> bool:
    """Whether the sentence places its figures before the open or after the close ("before
    trading opened Monday", "in premarket trading", "futures"): the day's range does not hold
    them, though the previous close is still their base."""
    return any(t.lower in _OFF_SESSION for t in s.tokens)


#: the words before "high"/"low" that make it the session's own: "an intraday high of L", "touch
#: a high of L", "the session's low of L" (not "a record high of", "its 52-week low of")
_SESSION_SCOPE = frozenset({"intraday", "session", "session's", "day's", "a", "an"})
_TOUCH = frozenset(
    {"touch", "touched", "touching", "hit", "hits", "hitting", "reached", "reaching", "reach",
     "to", "struck", "set", "setting", "notched", "marked", "with"}
)  # fmt: skip


def _reaching(toks: list[Token], k: int) -> bool:
    """Whether token ``k`` (right before "a high of") reaches the extreme: a verb of reaching
    ("touched a high of"), or a session's range ("fluctuated between a high of 20.31 and a low of
    18.05", "traded between a low of ... and a high of")."""
    w = toks[k].lower
    if w in _TOUCH or w == "between":
        return True
    return w == "and" and any(
        x.lower == "between"
        and toks[j + 1].lower in ("a", "an")
        and toks[j + 2].lower in ("high", "low")
        for j, x in enumerate(toks[max(0, k - 8) : k], start=max(0, k - 8))
    )


def rule_session_extreme(ctx: Ctx, s: Sent, used: set[int]) -> list[Claim]:
    """The session's high or low: "hit an intraday high of 7,002.28 on Tuesday", "to touch a high
    of 6,050", "the gauge rose as high as 85.47". Daily closes cannot confirm it, but they bound
    it: a session's high is at least its close, its low at most (see
    :func:`thesis.claims.judge.judge_session_extreme`); where the store holds the day's range
    the figure is read on it."""
    out: list[Claim] = []
    toks = s.tokens
    for i, t in enumerate(toks):
        w = t.lower
        if w not in ("high", "low") or i == 0:
            continue
        if toks[i - 1].lower == "as" and i + 1 < len(toks) and toks[i + 1].lower == "as":
            # "rose as high as 85.47": the level after it
            lvl = next((q for q in s.quantities if q.start >= toks[i + 1].end), None)
            if lvl is None or ctx.doc.tokens_in(toks[i + 1].end, lvl.start):
                continue
            a = toks[i - 1].start
        else:
            scope = toks[i - 1].lower
            if scope not in _SESSION_SCOPE:
                continue
            if {x.lower for x in toks[max(0, i - 3) : i - 1]} & _EARLIER_EXTREME:
                continue  # "its previous intraday high of 4,818.62": an old extreme, a reference
            if scope in ("a", "an") and (i < 2 or not _reaching(toks, i - 2)):
                continue  # "a high of" must follow a verb of reaching ("touch a high of")
            lvl = _level_of(s, i, used)
            if lvl is None:
                continue
            a = toks[i - 1].start
        if lvl.start in used or not _is_level(lvl) or lvl.words or lvl.unit == "pct":
            continue
        subj = bind_subject(ctx, s, t.start)
        if subj.value is None or subj.value.kind not in ("index", "volatility", "stock", "etf"):
            continue
        if _period_named(ctx, s, lvl) is not None:
            continue  # "as high as 85.47 in March 2020": an extreme of a period, not of a day
        used.add(lvl.start)
        c = make_claim(
            ctx, s, kind="level", measure="session_extreme", subject=subj, parts=[(a, lvl.end)],
            rule="session_extreme", value=lvl.value, unit="usd" if lvl.unit == "usd" else "points",
            decimals=lvl.decimals, date=bind_date(ctx, s, lvl.start), level=lvl.value,
            extra={"session_extreme": w, "off_session": _off_session(s)},
        )  # fmt: skip
        if "intraday" not in c.qualifiers:
            c.qualifiers.append("intraday")
        if _EARLIER_IN_SESSION.search(ctx.doc.text, s.start, lvl.start):
            c.extra["earlier_moment"] = True  # the extreme until then, not the session's
        out.append(c)
    return out


#: words before "intraday high" that make it an old extreme ("its previous intraday high")
_EARLIER_EXTREME = frozenset({"previous", "prior", "former", "old", "earlier", "record"})
#: words that place a session's extreme at a moment before the story's ("Earlier in the trading
#: session, ... reached an intraday high of 4,832.17")
_EARLIER_IN_SESSION = re.compile(
    r"\b(?:earlier|early)\s+in\s+the\s+(?:trading\s+)?(?:session|day)\b|\bat\s+one\s+point\b", re.I
)


def _move_parts(
    ctx: Ctx, s: Sent, q: Quantity, lvl: Quantity | None, period: Bind
) -> list[tuple[int, int]]:
    """The words of a move: from its verb to its level or its period words."""
    a = q.start
    before = s.before(q.start, 5)
    for t in reversed(before):
        if t.lower in UP_WORDS or t.lower in DOWN_WORDS:
            a = t.start
            break
    else:
        # the second figure of "rose 0.6% for the day and nearly 17.4% year-to-date": from "and"
        a = next((t.start for t in reversed(before[-4:]) if t.lower == "and"), a)
        apart = s.verb_apart_from_by(q) if a == q.start else None
        if apart is not None:
            a = apart.start  # a verb and its "by X%" apart: from the verb
    b = (lvl or q).end
    spec = period.value
    if period.how == "explicit" and isinstance(spec, PeriodSpec) and spec.text:
        spans = [(p.start, p.end) for p in s.periods if p.text == spec.text]
        spans += [  # "24% in 2023"
            (d.start, d.end) for d in s.dates if d.kind == "year" and d.text == spec.text
        ]
        after = [x for x in spans if x[0] >= q.end and x[0] - b <= 60]
        if after and coordinated_move(s, q) is not None:
            # "up 31.84 points for a 1.4% gain for the week": the week is the points' as well,
            # but the words of the percent are its own claim's
            after = []
        if after:
            b = max(b, min(after)[1])
    return [(a, b)]


def _level_own_day(ctx: Ctx, s: Sent, lvl: Quantity) -> Bind | None:
    """The day right after a level a move ran to ("increased 6.78% for the week, closing at 17.95
    on Friday"): the level's own day, whatever day the move's words give."""
    w = s.words_after(lvl.end, 2)
    if (
        not w
        or w[0] not in ("on", "last")
        or not any(d.start >= lvl.end and d.start - lvl.end <= 5 for d in s.dates)
    ):
        return None
    got = bind_date(ctx, s, lvl.end, end=lvl.end + 20)
    return got if got.how == "explicit" and got.value is not ctx.lead else None


def _period_end_too(ctx: Ctx, date: Bind, move: Claim) -> Bind:
    """The day of a close stated after a move over a week or a month ("crashed 22% for the week,
    closing at 23.87"): the article's session, and, as for the move itself, the last session of
    the week just ended (:func:`thesis.claims.binding._last_week_reading`: a Monday's "for the
    week") or, early in a month, of the month just ended."""
    spec = move.period
    own = date.how == "explicit" and date.value is not ctx.lead
    if ctx.ref is None or spec is None or own:
        return date
    if spec.kind == "month" and ctx.ref.day <= 7:
        end: dt.date | None = ctx.ref.replace(day=1) - dt.timedelta(days=1)
    else:
        end = _last_week_reading(ctx, move, date)
    if end is None or end == ctx.ref:
        return date
    return dataclasses.replace(date, alt=(*date.alt, end))


def _close_claim(
    ctx: Ctx,
    s: Sent,
    lvl: Quantity,
    subj: Bind,
    date: Bind,
    a: int,
    rule: str,
    past_ref: bool = False,
) -> Claim:
    c = make_claim(
        ctx, s, kind="level", measure="close", subject=subj, parts=[(a, lvl.end)], rule=rule,
        value=lvl.value, unit="usd" if lvl.unit == "usd" else "points", decimals=lvl.decimals,
        date=date, hedge=s.hedge(lvl), level=lvl.value, forecast_ok=past_ref,
        hypothetical_ok=past_ref,
    )  # fmt: skip
    ctx.stated.append(c)  # a level the article states: the base of its own arithmetic
    return c


def _past_close_noun(ctx: Ctx, word: Token, date: Bind) -> bool:
    """Whether a close is named by the noun with a day or period that ended before the article's
    date ("a departure from the index's 2024 close of 5,881.63", "Friday's close of 4,605"): a
    fact of the past, whatever forecast its sentence makes from it."""
    if word.lower not in ("close", "closing") or ctx.ref is None:
        return False
    if date.how != "explicit" or date.value is None:
        return False
    day, _ = date_of(date)
    return day is not None and day < ctx.ref


def _from_dated_close(s: Sent, q: Quantity) -> DateMention | None:
    """ "36 points from the 30 September close": the dated close a move is measured from."""
    after = s.after(q.end, 8)
    if not after or after[0].lower != "from":
        return None
    d = next(
        (
            d
            for d in s.dates
            if after[0].end < d.start <= after[0].end + 6 and d.kind == "day" and d.first
        ),
        None,
    )
    if d is None:
        return None
    nxt = s.words_after(d.end, 2)
    return d if nxt[:1] in (["close"], ["closing"]) else None


def _dated_base_of(s: Sent, q: Quantity) -> DatedBase | None:
    """The dated low, high or close a move right before it is measured from (see
    :mod:`thesis.claims.dated_base`), "from the 30 September close" included."""
    got = dated_base(s, q.end)
    if got is not None:
        return got
    d = _from_dated_close(s, q)
    return DatedBase(d, "close", d.end) if d is not None else None


def _distance_follows(s: Sent, q: Quantity) -> bool:
    after = s.after(q.end, 3)
    w = [t.lower for t in after]
    if w[:1] == ["from"] and any(p.start == after[0].start for p in s.periods):
        return False  # "from 52 weeks ago", "from a year earlier": a period, not a level
    if _dated_base_of(s, q) is not None:
        return False  # "from the 30 September close", "from its March 23 low": since that day
    if w[:1] == ["from"] and stated_span(s, after[0].start, s.end) is not None:
        return False  # "rose 78% from 2023 through the end of 2025": a span, not a level
    return bool(w) and (w[0] in ("below", "above", "under", "beneath", "from", "away", "short", "shy")
                        or w[:2] == ["off", "its"])  # fmt: skip


def _upside_follows(s: Sent, q: Quantity) -> bool:
    w = s.words_after(q.end, 4)
    if any(x in ("upside", "downside") for x in w[:3]):
        return True
    # "would need to rally 9% to reach 7,500" is a target; "gained 1.4% to reach 3,380.35" is
    # a move made: only a target's words (a modal, a need, a target noun) make "to reach" one
    return w[:2] == ["to", "reach"] and _upside_parts(s, q) is not None


_CLOSE_GAP = frozenset(
    [
        "at",
        "of",
        "a",
        "an",
        "the",
        "record",
        "new",
        "fresh",
        "all-time",
        "closing",
        "level",
        # "to a closing value of 37.32", "a closing price of $340.54"
        "value",
        "price",
        "about",
        "roughly",
        "nearly",
        "around",
        "approximately",
        "just",
        "a",
        "record-shattering",
        "record-breaking",
        ":",
        # "ended Thursday's abbreviated session at 6,279.35": a shortened session is a session
        "abbreviated",
        "shortened",
        "holiday-shortened",
        "out",
        "its",
        "their",
        "session",
        "day",
        "week",
        "month",
        "quarter",
        "year",
        # "to finish trading at $138.07", "ended the trading day at"
        "trading",
    ]
)


#: nouns of an extreme a level may be the value of ("its all-time high stands at")
_VALUE_OF_EXTREME = frozenset(
    {"high", "highs", "low", "lows", "peak", "record", "trough", "bottom"}
)


def _small_figure(q: Quantity) -> bool:
    """Whether ``q`` is too small to be read as a close or a level: under 10, unless written to
    a decimal at 5 or more ("the VIX ended the day at 9.43", as in July 2017)."""
    return q.value < 10 and not (q.decimals >= 1 and q.value >= 5)


def rule_close(ctx: Ctx, s: Sent, used: set[int]) -> list[Claim]:
    """A close stated without a move: "closed at L", "ended November at L", "close of L"."""
    out: list[Claim] = []
    for q in s.quantities:
        if q.start in used or not _is_level(q) or _small_figure(q):
            continue
        # a record's words and a date may stand between the verb and the level ("closing at a
        # record-high value on July 10 of 5,633.91"): up to 12 words for those, 8 for the rest
        before = s.before(q.start, 12)
        k = next(
            (i for i in range(len(before) - 1, -1, -1) if before[i].lower in CLOSE_WORDS), None
        )
        if k is None:
            continue
        if before[k].lower in ("stands", "stood") and _VALUE_OF_EXTREME.intersection(
            w for w in s.words_before(before[k].start, 4)
        ):
            continue  # "the S&P 500's all-time high still stands at 4,818.62": the record's value
        gap = before[k + 1 :]
        prev = s.before(before[k].start, 1)
        record_of = _record_high_of(
            ctx, before[k], gap, infinitive=bool(prev) and prev[0].lower == "to"
        )
        if not record_of and len(gap) > 7:
            continue
        # "closed near 4714", "finished around 4,714": a hedge in place of "at" after the verb
        hedged = bool(gap) and gap[-1].lower in _HEDGED_AT and before[k].lower in _CLOSE_VERB_FORMS
        if not record_of and (
            not gap
            or not all(_close_gap_ok(ctx, gap, j) or (hedged and j == len(gap) - 1)
                       for j in range(len(gap)))
        ):  # fmt: skip
            continue
        if not record_of and (
            (not any(t.lower in ("at", "of", ":") for t in gap) and not hedged)
            or any(t.lower in ("high", "low", "highs", "lows") for t in gap)
        ):
            continue
        set_record_close = before[k].lower == "close" and _set_record_close_at(s, before[k], gap)
        colon = k + 1 < len(before) and before[k + 1].text == ":"
        # "to close at 2,954": the infinitive, a verb as "closed" is, not the noun of a reference
        verb_close = k > 0 and before[k - 1].lower == "to"
        if (
            before[k].lower == "close"
            and not colon
            and not verb_close
            and not _dated_noun(ctx, s, before[k])
            and not _dated_close_at(ctx, s, before[k], gap)
            and not set_record_close
        ):
            continue  # "its record close of L", "the Election Day close of L": a reference level
        subj = bind_subject(ctx, s, before[k].start)
        if not _price_subject(subj):
            continue
        date = _close_date(ctx, s, before[k].start, q)
        used.add(q.start)
        out.append(_close_claim(
            ctx, s, q, subj, date, before[k].start, "close",
            past_ref=_past_close_noun(ctx, before[k], date),
        ))  # fmt: skip
        if record_of:  # "closed at a record high of L": the close is a record too
            at = next(t for t in gap if t.lower == "at")
            out.append(make_claim(
                ctx, s, kind="level", measure="record", subject=subj, parts=[(at.start, q.end)],
                rule="close", value="record close", unit="", date=date, lead=False,
            ))  # fmt: skip
    return out


def _record_high_of(ctx: Ctx, verb: Token, gap: list[Token], infinitive: bool = False) -> bool:
    """ "closed at a record high of", "ended at an all-time high of", "finished at a new record
    closing high of": a closing verb, then a record high and "of" right before the level; a date
    may sit between the verb and "at" ("ended 2025 at a record high of")."""
    dated = [ctx.doc.date_spans.overlaps(t.start, t.end) for t in gap]
    # "closing at a record-high value on July 10 of 5,633.91": "on" before a date goes with it
    words = [
        t.lower
        for i, t in enumerate(gap)
        if t.text != "-"
        and not dated[i]
        and not (t.lower == "on" and i + 1 < len(gap) and dated[i + 1])
    ]
    if words[:3] in (["the", "day", "at"], ["the", "session", "at"]):
        words = words[2:]  # "to finish the day at a new high of 6,901"
    closing = verb.lower in _CLOSING_VERBS or (infinitive and verb.lower in _CLOSING_INFINITIVES)
    if not closing or words[:1] != ["at"] or words[-1:] != ["of"]:
        return False
    mid = [
        w for w in words[1:-1] if w not in ("a", "an", "its", "new", "fresh", "closing", "value")
    ]
    if mid == ["high"]:  # "at a new high of": a record only with "new" or "fresh"
        return "new" in words or "fresh" in words
    return mid in (["record"], ["record", "high"], ["all", "time", "high"], ["all-time", "high"],
                   ["record", "close"], ["record", "level"], ["record-high"])  # fmt: skip


#: verbs that set a record close ("secured a new record close at 6,901", "notched a record close")
_SETTING_VERBS = frozenset(
    {"secured", "secures", "securing", "set", "sets", "setting", "notched", "notches",
     "notching", "posted", "posts", "posting", "logged", "logs", "logging", "scored", "scores",
     "recorded", "records", "registered", "marked", "marks"}
)  # fmt: skip


def _set_record_close_at(s: Sent, tok: Token, gap: list[Token]) -> bool:
    """ "The S&P 500 also secured a new record close at 6,901": a verb of setting, "a (new)
    record close", then "at" and the level: that session's close, and a record (a level stated
    with a verb of standing). "its record close of L" (a reference level) is not one."""
    if [t.lower for t in gap] != ["at"]:
        return False
    prev = [t.lower for t in s.before(tok.start, 5)]
    if not prev or prev.pop() not in ("record", "all-time"):
        return False
    while prev and prev[-1] in ("new", "fresh"):
        prev.pop()
    if not prev or prev.pop() not in ("a", "another"):
        return False
    return bool(prev) and prev[-1] in _SETTING_VERBS


#: a closing verb's infinitive after "to" ("to finish the day at a new high of 6,901")
_CLOSING_INFINITIVES = frozenset({"finish", "close", "end", "settle"})


def _dated_close_at(ctx: Ctx, s: Sent, tok: Token, gap: list[Token]) -> bool:
    """ "is just 4.5% from Tuesday's close at 4,109": a day's close placed by "at" (a level
    stated with a verb of standing) is that day's close even after "from"; "at" right after the
    noun, a day or weekday right before it, and no record or extreme word there."""
    if [t.lower for t in gap] != ["at"]:
        return False
    prev = s.before(tok.start, 3)
    if any(t.lower in ("record", "high", "low") for t in prev):
        return False
    return any(
        d.kind in ("day", "weekday")
        and d.first is not None
        and d.first == d.last
        and any(d.start <= t.start < d.end for t in prev[-2:])
        for d in s.dates
    )


def _dated_noun(ctx: Ctx, s: Sent, tok: Token) -> bool:
    """Whether the noun "close" is dated right before it: "its Sept. 6 close of", "Friday's close of"."""
    prev = s.before(tok.start, 3)
    return any(ctx.doc.date_spans.overlaps(t.start, t.end) for t in prev[-2:]) and not any(
        t.lower in ("record", "high", "low", "from") for t in prev
    )


#: hedges that may stand for "at" right before a close's level ("closed near 4714")
_HEDGED_AT = frozenset({"near", "around", "about", "roughly", "approximately"})
#: the verb forms of a close (not the noun: "a close near 4,714" may be a reference; nor the
#: bare forms a noun shares, nor "stood")
_CLOSE_VERB_FORMS = CLOSE_WORDS - {"close", "end", "finish", "settle", "stood", "stands"}


def _close_gap_ok(ctx: Ctx, gap: list[Token], j: int) -> bool:
    """A word allowed between "closed" and the level: "at", "a record", a date, "record-shattering"."""
    t = gap[j]
    if (
        t.lower in _CLOSE_GAP
        or t.text in ("$", "*", "_")
        or ctx.doc.date_spans.overlaps(t.start, t.end)
    ):
        return True
    if _then_record(gap, t):
        return True  # "closing at a then-record 6,909.79"
    # a hyphenated word after "record" ("record-shattering")
    if t.text == "-" and j > 0 and gap[j - 1].lower in ("record", "all-time"):
        return True
    return j > 0 and gap[j - 1].text == "-" and gap[j - 1].end == t.start


def _close_date(ctx: Ctx, s: Sent, a: int, q: Quantity) -> Bind:
    """The day of a close: "closed out 2025 at" is the year's last session, "ended November at" the
    month's, else the day the sentence names (or the article's date)."""
    starts = any(t.lower in _START_WORDS for t in ctx.doc.tokens_in(a, q.start)[:2])
    own = _period_before_close_noun(ctx, s, a)
    if own is not None:
        return own
    for d in s.dates:
        # "By the end of 2025, the S&P 500 closed around 6,896": the period's last session, named
        # by the words that open the sentence
        if (
            d.end <= a
            and d.start - s.start <= 16
            and d.kind in ("year", "month")
            and d.last is not None
            and s.words_before(d.start, 2) == ["end", "of"]
            and not starts_since(s, d)
        ):
            last = d.last if d.kind != "month" else month_end(d.last.year, d.last.month)
            if ctx.ref is None or last <= ctx.ref or d.kind == "year":
                md = DateMention(d.start, d.end, d.text, "day", last, last, None, d.explicit_year)
                return Bind(md, f"the end of {d.text} (its last session)", "explicit")
    for d in s.dates:
        if (
            a <= d.start < q.start
            and d.kind in ("year", "month")
            and d.last is not None
            and d.first is not None
            # "its lowest close since 2022 at 3.575%": the year starts the rank, the level is now
            and not starts_since(s, d)
        ):
            if starts:  # "started 2022 at": the period's first session
                md = DateMention(
                    d.start, d.end, d.text, "day", d.first, d.first, None, d.explicit_year
                )
                return Bind(md, f"{d.text} (its first session)", "explicit")
            last = d.last if d.kind != "month" else month_end(d.last.year, d.last.month)
            if ctx.ref is not None and last > ctx.ref and d.kind == "month":
                break  # the article's own month, not over yet
            md = DateMention(d.start, d.end, d.text, "day", last, last, None, d.explicit_year)
            return Bind(md, f"{d.text} (its last session)", "explicit")
    date = bind_date(ctx, s, q.start)
    if date.how == "article" or (ctx.lead is not None and date.value is ctx.lead):
        other = _period_named(ctx, s, q)
        if other is not None:  # "peaked at 4.73% in April": a level of April, not of today
            return Bind(None, f"{other.text} (a period the clause names, not a day)", "none")
    return date


#: nouns of a close a period may own ("2019's close of", "the 2019 closing level of")
_CLOSE_NOUNS = frozenset({"close", "closing", "finish", "end"})


def _period_before_close_noun(ctx: Ctx, s: Sent, a: int) -> Bind | None:
    """ "2019's closing level of 3,234", "the 2019 close of", "March's close of", "the first
    quarter's close of": a year, month or quarter right before the noun of a close (a possessive
    "'s" between them at most) names that period's close, read on its last session. Not the
    article's own month, quarter or year, which has not ended: its close is not stated yet, and
    the level is not "now" either (the date slot is left unbound)."""
    toks = ctx.doc.tokens_in(a, a + 12)
    if not toks or toks[0].lower not in _CLOSE_NOUNS:
        return None
    for d in s.dates:
        if d.kind not in ("year", "month", "quarter") or d.first is None or d.last is None:
            continue
        gap = ctx.doc.text[d.end : a].strip().lower()
        if gap not in ("", "'s", "’s", "'", "’") or d.end > a:
            continue
        last = month_end(d.last.year, d.last.month) if d.kind == "month" else d.last
        if ctx.ref is not None and last > ctx.ref:  # not over yet: no close to read, nor "now"
            return Bind(None, f"{d.text} (a period not over by the article's date)", "none")
        md = DateMention(d.start, d.end, d.text, "day", last, last, None, d.explicit_year)
        return Bind(md, f"{d.text} (its last session: the period's close)", "explicit")
    return None


def _close_of_period(s: Sent, q: Quantity) -> Bind | None:
    """ "at the close of 2023", "at the end of May", "at the end of the first quarter" right after
    a level: that period's last day."""
    words = s.words_after(q.end, 4)
    if words[:3] not in (["at", "the", "close"], ["at", "the", "end"]) or words[3:4] != ["of"]:
        return None
    d = next(
        (
            d
            for d in s.dates
            if d.kind in ("year", "month", "quarter", "half")
            and q.end < d.start <= q.end + 30
            and d.last
        ),
        None,
    )
    if d is None or d.last is None:
        return None
    last = d.last if d.kind != "month" else month_end(d.last.year, d.last.month)
    return Bind(
        DateMention(d.start, d.end, d.text, "day", last, last), f"the close of {d.text}", "explicit"
    )


_START_WORDS = frozenset({"started", "start", "starting", "began", "begin", "beginning", "opened"})


def _period_named(ctx: Ctx, s: Sent, q: Quantity) -> DateMention | None:
    """A month, quarter or year named in ``q``'s clause that is not the article's own."""
    cl = s.clause_of(q.start)
    for d in s.dates:
        if d.kind in ("month", "quarter", "year") and d.first is not None and d.last is not None:
            near = cl.start <= d.start < cl.end or q.end <= d.start <= q.end + 30
            own = ctx.window is not None and d.first <= ctx.window[1] <= d.last
            if near and not own and not starts_since(s, d):
                return d
    return None


_NEUTRAL_NOUNS = frozenset({"performance", "return", "returns", "change", "move"})
_HEDGE_WORDS = frozenset(
    {
        "about",
        "around",
        "roughly",
        "nearly",
        "almost",
        "more",
        "than",
        "over",
        "just",
        "some",
        "approximately",
        "less",
        "under",
        "at",
        "least",
    }
)


#: verbs of a cumulative move reaching a threshold ("first crossed the 20% rally threshold")
_CROSS_VERBS = frozenset(
    {"crossed", "cross", "crosses", "crossing", "reached", "reach", "reaches", "reaching", "hit",
     "hits", "hitting", "topped", "tops", "topping", "surpassed", "surpasses", "surpassing",
     "passed", "passes", "breached", "breaches", "eclipsed", "eclipses", "exceeded", "exceeds"}
)  # fmt: skip
#: nouns that make a percent a threshold ("the 20% mark", "the 10% correction threshold")
_THRESHOLD_NOUNS = frozenset(
    {"threshold", "mark", "level", "barrier", "line", "milestone", "territory", "point"}
)


def crosses_threshold(s: Sent, q: Quantity) -> bool:
    """Whether a percent is a threshold a cumulative move reached ("when it first crossed the
    20% rally threshold", "topped the 10% gain mark", "hit the 20% level"), never one session's
    change: a crossing verb right before it (through "the"/"a"/"its") with a move or threshold
    noun after it, or a threshold noun right after it and "the" before it. Its base (the low a
    rally is measured from) is seldom in the clause, so the rules abstain on it (issue 8)."""
    if q.unit != "pct":
        return False
    before = [w for w in s.words_before(q.start, 4) if w not in ("first", "finally", "just")]
    art = bool(before) and before[-1] in ("the", "a", "its", "that")
    verb = (
        before[-2] if art and len(before) >= 2 else before[-1] if before else ""
    ) in _CROSS_VERBS
    after = [w for w in s.words_after(q.end, 3) if w != "-"][:2]
    moved = bool(after) and (
        after[0] in UP_NOUNS or after[0] in DOWN_NOUNS or after[0] in _THRESHOLD_NOUNS
    )
    threshold = any(w in _THRESHOLD_NOUNS for w in after)
    return (verb and art and moved) or (art and threshold)


def _noun_move_in(s: Sent, q: Quantity, noun: str) -> Bind | None:
    """The subject named right after "in" that follows a move's noun ("a 2% drop in financials",
    "a 0.7% drop in health care", "a 2.6% boost in consumer discretionary"): what moved, whatever
    the sentence named before; ``None`` otherwise."""
    after = s.after(q.end, 4)
    k = next((i for i, t in enumerate(after) if t.lower == noun), None)
    if k is None or k + 1 >= len(after) or after[k + 1].lower != "in":
        return None
    pos = after[k + 1].end
    m = next((m for m in s.subjects if 0 <= m.start - pos <= 5 and not m.anaphora), None)
    if m is None or m.subject is None:
        return None
    return Bind(m.subject, m.text, "named")


def rule_noun_move(ctx: Ctx, s: Sent, used: set[int]) -> list[Claim]:
    """A move named by a noun: "a 16.4% price return for the year", "a decline of 0.4%", "a loss
    of -18.68 points", "its current 8.6% year-to-date performance"."""
    out: list[Claim] = []
    for q in s.quantities:
        if q.start in used or q.unit not in ("pct", "points") or q.is_range:
            continue
        skip = ("price", "total", "annual", "monthly", "weekly", "daily", "year-to-date", "ytd")
        # a period's words between the number and its noun ("17.3% year-to-date gain", "8.6%
        # year to date performance") are the move's period, not its noun
        own = [p for p in s.periods if 0 <= p.start - q.end <= 2]
        nxt = [
            t.lower
            for t in s.after(q.end, 9)
            if t.lower not in skip
            and t.lower != "-"
            and not any(p.start <= t.start < p.end for p in own)
        ][:5]
        prev = [w for w in s.words_before(q.start, 5) if w not in _HEDGE_WORDS]
        nouns = UP_NOUNS | DOWN_NOUNS | _NEUTRAL_NOUNS
        noun = nxt[0] if nxt and nxt[0] in nouns else None
        if noun is None and len(prev) >= 2 and prev[-1] == "of" and prev[-2] in nouns:
            noun = prev[-2]
        if noun is None or noun in ("upside", "downside"):
            continue
        if _counted_moves(s, q):
            continue  # "three separate one-day declines of over 2.50%": each move's size
        subj = _noun_move_in(s, q, noun) or bind_subject(ctx, s, q.start, after_ok=True)
        if not _price_subject(subj) or _upside_follows(s, q):
            continue
        if crosses_threshold(s, q):
            used.add(q.start)  # "first crossed the 20% rally threshold": a cumulative move
            continue
        if _total_return_words(s, q, prev):
            # "a 25% total return": with dividends, which the index's closes leave out; read on
            # a total-return series (the S&P 500's on SPY's adjusted close, a proxy)
            tr = total_return_of(subj.value) if subj.value is not None else None
            if tr is None:
                continue
            proxy = tr.key == "sp500_tr"
            subj = Bind(tr, f"{subj.words} (total return)", "named",
                        subj.loose or (f"{tr.name}: a fund stands in for the index" if proxy else ""))  # fmt: skip
        d = 1 if noun in UP_NOUNS else -1 if noun in DOWN_NOUNS else 0
        period = bind_period(ctx, s, q, level_follows=False)
        if period.how == "weak":
            period = Bind(period.value, "no period words", "none")
        if period.how == "none" and _closing_clause(s, q):
            # "closed at 2,711.45 for a loss of 18.68 points", "ended with a gain of 1.2%": the
            # session's move, by the convention of "closed up 0.5%"
            period = Bind(PeriodSpec("day", "the session"), CLOSING_VERB_WORDS, "convention")
        # "a 50% gain from its March 23 low", "a gain of 50% from its March 23 low": since that
        # day's close (a low or high one-sided: dated_base)
        base_day = dated_base(s, _noun_end(s, q, noun)) or dated_base(s, q.end)
        extra: dict[str, Any] = {}
        if base_day is not None:
            period = since_bind(base_day)
            if base_day.kind != "close":
                extra["from_extreme"] = base_day.kind
        used.add(q.start)
        value = q.value if (q.sign or d == 0) else q.value * d
        # "a nearly 34% tumble in March": an episode's noun, read peak to trough as well
        # (judge._episode)
        if noun in EPISODE_NOUNS and base_day is None:
            extra["episode"] = True
        if (
            noun in ("return", "returns")
            and subj.value is not None
            and total_return_of(subj.value) is not None
            and "(total return)" not in subj.words
        ):
            # "the S&P 500's 25% return for the year": a price or a total return, both literal
            # (judge.readings reads the total-return series as well)
            extra["or_total_return"] = True
        out.append(make_claim(
            ctx, s, kind="pct_change", measure="change" if q.unit == "pct" else "points_change",
            subject=subj, parts=[(q.start, _noun_end(s, q, noun))], rule="noun_move", value=value,
            unit="pct" if q.unit == "pct" else "points", decimals=q.decimals,
            date=_noun_date(s, _noun_end(s, q, noun)) or bind_date(ctx, s, q.start),
            period=period, hedge=s.hedge(q), direction=d or (-1 if value < 0 else 1), needs=("subject", "date", "period"),
            extra=extra or None,
        ))  # fmt: skip
        pq = partner_of(s, q)
        if (
            pq is not None
            and pq.start > q.start
            and pq.start not in used
            and pq.unit in ("pct", "points")
        ):
            # "a loss of 18.68 points or 0.68%": the pair's other figure, the same move
            used.add(pq.start)
            sign = -1 if value < 0 else 1
            pv = pq.value if pq.sign else pq.value * sign
            out.append(make_claim(
                ctx, s, kind="pct_change", measure="change" if pq.unit == "pct" else "points_change",
                subject=subj, parts=[(pq.start, pq.end)], rule="noun_move", value=pv,
                unit="pct" if pq.unit == "pct" else "points", decimals=pq.decimals, date=bind_date(ctx, s, q.start),
                period=period, hedge=s.hedge(pq), direction=sign, needs=("subject", "date", "period"),
                extra={"from_extreme": extra["from_extreme"]} if "from_extreme" in extra else None,
            ))  # fmt: skip
    return out


def _noun_date(s: Sent, end: int) -> Bind | None:
    """The day written right after a move's noun ("its 25.9% dive on June 15, 2006", "a 3% drop on
    Monday"): the move's own day, even inside a "since ..." phrase whose date starts a period for
    the sentence's other claims; ``None`` when "on" and a day do not follow the noun."""
    nxt = s.after(end, 1)
    if not nxt or nxt[0].lower != "on":
        return None
    d = next((d for d in s.dates if d.start == nxt[0].end + 1 and d.first is not None), None)
    if d is None or d.kind not in ("day", "weekday") or d.first != d.last:
        return None
    return Bind(d, d.text, "explicit")


def _total_return_words(s: Sent, q: Quantity, prev: list[str]) -> bool:
    """Whether the words make a figure a total return: "a 25% total return", "a total return of
    about 18.4%", "28.7%, including dividends" (with dividends, which an index's closes leave out)."""
    after = s.words_after(q.end, 3)
    return (
        "total" in after[:2]
        or prev[-3:-1] == ["total", "return"]
        or ("dividends" in after and ("including" in after or "with" in after))
    )


def _closing_clause(s: Sent, q: Quantity) -> bool:
    """Whether a closing verb governs the number's clause right before it ("closed at L for a loss
    of", "ended the session with a gain of"), with no other figure of a move between."""
    cl = s.clause_of(q.start)
    toks = s.doc.tokens_in(cl.start, q.start)[-10:]
    k = next((i for i in range(len(toks) - 1, -1, -1) if toks[i].lower in _CLOSING_VERBS), None)
    if k is None:
        return False
    between = [t.lower for t in toks[k + 1 :]]
    return not any(w in UP_WORDS or w in DOWN_WORDS for w in between if w not in ("gain", "loss"))


def _noun_end(s: Sent, q: Quantity, noun: str) -> int:
    """The end of the noun that names a move ("a 16.4% price return" → after "return")."""
    for t in s.after(q.end, 4):
        if t.lower == noun:
            return t.end
    return q.end


_BELOW = frozenset({"below", "under", "beneath", "short", "shy", "off", "down", "away"})
_ABOVE = frozenset({"above", "over", "up"})
_REF_WORDS = {
    "record": "record", "all-time": "record", "peak": "peak", "52-week": "52w", "high": "high",
    "low": "low", "highs": "high", "lows": "low", "threshold": "level", "level": "level", "mark": "level", "barrier": "level",
    "milestone": "level", "target": "level",
}  # fmt: skip


def rule_distance(ctx: Ctx, s: Sent, used: set[int]) -> list[Claim]:
    """A percentage from a level: "1.3% below the 6,900 threshold", "off 0.39% from its record
    close of 6977.27 hit DATE", "up 20.19% from the Election Day close of 5782.76"."""
    out: list[Claim] = []
    for q in s.quantities:
        if q.start in used or q.unit not in ("pct", "points") or q.is_range:
            continue
        # "all-time" as one word (the record's name), as "record" is
        after = _compounds(s.after(q.end, 14))
        if not after:
            continue
        w0 = after[0].lower
        if any(p.start == after[0].start for p in s.periods):
            continue  # "from 52 weeks ago": a period, not a level
        d, _ = s.direction(q)
        hedge = s.hedge(q)
        within = s.words_before(q.start, 1) == ["within"] and w0 == "of"
        if w0 in ("below", "under", "beneath", "short", "shy", "away", "south"):
            sign = -1
        elif w0 in ("above", "over", "north"):
            sign = 1
        elif w0 == "from" and d != 0:
            sign = d
        elif within or (w0 == "off" and d == 0):
            # "within 1 percent of its all-time high": at most that far below the record;
            # "21% off its 52-week high": that far below it (a named high only, below)
            sign = -1
        else:
            continue
        lvl, ref, words_end = _reference(s, after)
        subj = bind_subject(ctx, s, q.start)
        if not _price_subject(subj) or (lvl is None and ref is None):
            continue
        if q.unit == "points" and (lvl is None or w0 in ("from", "off", "north", "south")):
            continue  # points from a level: "17.69 points below 7,000", "56 points shy of 7,000"
        if (within or w0 in ("off", "north", "south")) and (lvl is not None or ref is None):
            continue  # these words are read for a named extreme only ("within 1% of 6,000": a bound)
        if within:
            hedge = ("within", "<=")
        date = bind_date(ctx, s, q.start, before_only=True)
        used.add(q.start)
        if lvl is not None:
            used.add(lvl.start)
        named_ref = w0 != "from" or ref in ("record", "peak", "52w", "high", "low", "level")
        kind = "distance_to_level" if named_ref else "pct_change"
        own = _antecedent_level(s, q) if lvl is not None else None
        base = own.value if own is not None else _stated_base(ctx, s, q, subj, date)
        c = make_claim(
            ctx, s, kind=kind, measure="distance", subject=subj, parts=[(q.start, words_end)], rule="distance",
            value=q.value * sign if not q.sign else q.value, unit=q.unit, decimals=q.decimals, date=date,
            hedge=hedge, direction=sign, level=lvl.value if lvl else None, base=base,
            extra={"reference": ref or "level", "ref_words": ctx.doc.text[after[0].start : words_end],
                   "ref_low": _names_a_low(after, words_end), **_period_span(s, after, words_end, ref),
                   "base_close": own is None and base is not None},
            forecast_ok=True,
        )  # fmt: skip
        unnamed_close = (ref == "period" or _bare_own_high(after) is not None) and not _says_close(
            after, words_end
        )
        if lvl is None and (_session_high_words(after, words_end) or unnamed_close):
            c.loose["measure"] = (
                "its extreme may be a session's high or low (the words do not say a close), "
                "which closes cannot rule out"
            )
        elif within and _approach_verb(s, q):
            # "came within 0.2% of its all-time closing high on Tuesday": the nearest it got, at
            # some moment of the session; only "closed within" says the close
            c.loose["measure"] = (
                "'came within' is the nearest it got at some moment (often intraday), which "
                "closes cannot rule out"
            )
        out.append(c)
        out.extend(_reference_claims(ctx, s, q, lvl, subj, after, words_end))
    return out


#: verbs of getting near a level at some moment ("came within 0.2% of its record"), not a close
_APPROACH_VERBS = frozenset(
    {"came", "come", "comes", "coming", "got", "get", "gets", "getting", "moved", "moves",
     "traded", "trades", "trading", "crept", "edged", "rallied", "climbed", "rose", "drew",
     "pulled", "inched"}
)  # fmt: skip


def _approach_verb(s: Sent, q: Quantity) -> bool:
    """Whether "within X% of" at ``q`` follows a verb of getting near rather than a closing verb
    ("closed within 1% of its record") or one of standing ("is within 1%": the close, now)."""
    before = s.words_before(q.start, 4)[:-1]  # the words before "within"
    return bool(before) and before[-1] in _APPROACH_VERBS and not (set(before) & CLOSE_WORDS)


#: relative words between a level and a distance that make the level the distance's own start
_RELATIVE = (["which", "was"], ["which", "is"], ["which", "were"], ["that", "was"], ["that", "is"],
             ["which", "would", "be"], ["which", "represents"], ["which", "marks"])  # fmt: skip


def _antecedent_level(s: Sent, q: Quantity) -> Quantity | None:
    """ "the bottom-up target price ... was 6,006.66, which was 7.6% above the closing price of
    5,584.54": a level right before the relative clause is what the distance is measured from
    (the distance is between the two stated figures, not from the subject's close)."""
    prev = [x for x in s.quantities if x.end <= q.start]
    if not prev or not _is_level(prev[-1]):
        return None
    gap = [t.lower for t in s.tokens if prev[-1].end <= t.start < q.start]
    if gap[:1] != [","]:
        return None
    return prev[-1] if gap[1:] in _RELATIVE else None


def _period_span(s: Sent, after: list[Token], end: int, ref: str | None) -> dict[str, str]:
    """The named period of a distance from its high or low ("its February high"), as ISO
    first and last days, for the judge to take the extreme of (empty for any other reference)."""
    got = _period_extreme(s, after) if ref == "period" else None
    d = got[0] if got is not None else None
    if d is None or d.first is None or d.last is None:
        return {}
    first, last = d.first, d.last
    if d.modifier and d.kind == "month":
        # "its late July peak": the part of the month its modifier names, give or take a few
        # days within the month (a peak on July 19 is "late July" to some)
        first = max(first.replace(day=1), first - _MODIFIER_SLACK)
        last = min(month_end(last.year, last.month), last + _MODIFIER_SLACK)
    return {"ref_first": first.isoformat(), "ref_last": last.isoformat()}


#: how far the stretch a modifier names ("late July", "early February") is widened either way
_MODIFIER_SLACK = dt.timedelta(days=5)


def _says_close(after: list[Token], end: int) -> bool:
    """Whether the reference words call the extreme a close ("its February closing high")."""
    return bool({t.lower for t in after if t.end <= end} & {"close", "closing", "closed", "closes"})


def _session_high_words(after: list[Token], end: int) -> bool:
    """Whether a reference is an all-time or 52-week high (or low) the words do not call a close
    ("its all-time high", "its 52-week high", not "its record close", "its all-time closing
    high"): the extreme may be intraday, so closes support a distance to it, never contradict it."""
    words = {t.lower for t in after if t.end <= end}
    named = bool(words & {"all-time", "52"}) or "week" in words
    return named and not words & {"close", "closing", "closed", "closes", "record"}


def _names_a_low(after: list[Token], end: int) -> bool:
    """Whether the reference words (up to ``end``) name a low ("its 52-week low", "the record
    low"), not a high."""
    words = {t.lower for t in after if t.end <= end}
    return bool(words & {"low", "lows", "bottom", "trough"}) and not words & {
        "high",
        "highs",
        "peak",
    }


def _reference(s: Sent, after: list[Token]) -> tuple[Quantity | None, str | None, int]:
    """The level after "below"/"from": (the number, the kind of reference, end offset)."""
    ref: str | None = None
    end = after[0].end
    for t in after[1:]:
        w = t.lower
        if t.kind == "number":
            q = next((x for x in s.quantities if x.start <= t.start < x.end), None)
            if q is not None and _is_level(q):
                return q, ref, q.end
            if q is not None:
                return None, ref, end
            if len(t.text) == 2 and t.text == "52":
                ref = "52w"
            end = t.end
            continue  # "52-week", "2026": part of the reference's name
        if w in _REF_WORDS and ref in (None, "high", "low", "level"):
            ref = _REF_WORDS[w] if ref != "52w" else ref
        if t.kind == "punct" and t.text in (",", ";", ".", "(") and w != "$":
            break
        end = t.end
    named = _period_extreme(s, after)
    if named is not None:
        return None, "period", named[1]  # "its February high": the extreme of the named period
    bare = _bare_own_high(after)
    if bare is not None:
        return None, "record", bare  # "more than 21% off its high": its highest close ever
    return None, ref if ref in ("record", "peak", "52w") else None, end


#: extreme nouns a named period's high or low ends on ("its February high", "the April lows")
_EXTREME_NOUNS = frozenset({"high", "highs", "low", "lows", "peak", "peaks", "bottom", "trough"})


def _period_extreme(s: Sent, after: list[Token]) -> tuple[Any, int] | None:
    """Distance from a named high or low: the date mention (a month, a quarter, a year, a day)
    that names the period of the extreme right before its noun ("its February high", "its 2018
    peak", "the April lows", "its February 19 closing high"), and the noun's end; None when the
    words name no period or more than the period ("its recent high", "its February 2024 high
    after the rally" is read up to "high" only). Only a possessive or "the" opens the words, so
    that "from February's high" (the period is the owner) is not read."""
    if len(after) < 3 or after[1].lower not in ("its", "the", "their"):
        return None
    k = next((i for i, t in enumerate(after[2:9], 2) if t.lower in _EXTREME_NOUNS), None)
    if k is None:
        return None
    lo, hi = after[1].end, after[k].start
    found = [d for d in s.dates if lo <= d.start and d.end <= hi]
    if len(found) != 1 or found[0].first is None or found[0].last is None:
        return None
    d = found[0]
    if d.kind not in ("day", "month", "quarter", "half", "year"):
        return None
    rest = [t.lower for t in after[2:k] if not (d.start <= t.start < d.end)]
    if d.modifier:
        # "its late July peak", "the early-February high": the modifier's words go with the date
        rest = [w for w in rest if w not in ("early", "mid", "late", "-")]
    if any(w not in ("closing", "record", "all-time", "'s", "’s") for w in rest):
        return None  # "its February intraday high": not read
    return d, after[k].end


#: words that may follow "its high" when it names nothing more ("21% off its high, and ...")
_BARE_END = frozenset({",", ".", ";", ":", "and", "but", "as", "while", "—", "–", ")"})


def _bare_own_high(after: list[Token]) -> int | None:
    """ "its high", "its highs", "its closing high": the subject's own highest close with no
    period named, which is its all-time high (not "its recent high", "its high for the day",
    "its high of 6,000"); the end of the noun, or None."""
    words = [t.lower for t in after[1:5]]
    for n in (2, 3):
        if words[:n] in (["its", "high"], ["its", "highs"], ["its", "closing", "high"]):
            nxt = words[n] if len(words) > n else None
            if nxt is None or nxt in _BARE_END:
                return after[n].end
    return None


def _stated_base(
    ctx: Ctx,
    s: Sent,
    q: Quantity,
    subj: Bind,
    date: Bind | None = None,
    *,
    exclude_at: int | None = None,
) -> float | None:
    """A current level the article states for the subject before ``q`` (its own arithmetic): a
    close of the same day as the claim, in this sentence, the three before it or the list's
    header; never the claim whose words hold the figure at ``exclude_at`` (a move's own level)."""
    key = subj.value.key if subj.value is not None else None
    day = date_of(date)[0] if date is not None else None
    # a day of the claim's own words (the session the article's opening reports is no such day)
    stated_day = date is not None and date.how == "explicit" and date.value is not ctx.lead
    found: list[Claim] = []
    for c in reversed(ctx.stated):
        if c.start >= q.start:
            continue
        if exclude_at is not None and c.start <= exclude_at < c.end:
            continue
        if not _can_be_base(c):
            continue
        same = c.subject is not None and c.subject.key == key and isinstance(c.stated_value, float)
        near = s.index - _sent_index(ctx, c.start) <= 3 or (
            s.header is not None and c.start >= s.header.start
        )
        if same and near:
            found.append(c)
    mine = [c for c in found if day is None or c.date is None or c.date == day]
    if not stated_day and len({c.date for c in found}) > 1:
        # "... to 10,943" (Thursday) and "... to 10353" (On Wednesday) before "was down 35.5% from
        # its record": a claim whose day is only assumed may run from either
        return None
    return float(mine[0].stated_value) if mine else None  # type: ignore[arg-type]


def _last_stated(ctx: Ctx, s: Sent, q: Quantity) -> Claim | None:
    """The last level the article states before ``q``: in this sentence or the one before, or up
    to five sentences back when the sentence says "the current price"."""
    reach = 5 if "current" in s.words_after(q.end, 8) + s.words_before(q.start, 8) else 1
    for c in reversed(ctx.stated):
        if (
            c.start < q.start
            and isinstance(c.stated_value, float)
            and s.index - _sent_index(ctx, c.start) <= reach
            and _can_be_base(c)
        ):
            return c
    return None


#: qualifiers of a stated level that make it no base for another figure's arithmetic
_NOT_A_BASE = frozenset({"forecast", "conditional", "negated"})


def _can_be_base(c: Claim) -> bool:
    """Whether a level the article states may be the base of a later figure's arithmetic: not a
    forecast, a target or a hypothesis ("the S&P 500 could tumble to 4,000 by year-end" is no
    base for "a target of 4823.78, representing a 9.3% increase")."""
    return not _NOT_A_BASE & set(c.qualifiers)


def _sent_index(ctx: Ctx, pos: int) -> int:
    for st in ctx.sents:
        if st.start <= pos < st.end:
            return st.index
    return -99


def _reference_claims(
    ctx: Ctx, s: Sent, q: Quantity, lvl: Quantity | None, subj: Bind, after: list[Token], end: int
) -> list[Claim]:
    """The claims a reference phrase makes itself: "its record close of 6977.27 hit DATE" (the
    record and its day), "the Election Day close of 5782.76 on Tuesday, Nov. 5, 2024" (a close)."""
    if lvl is None:
        return []
    ds = [d for d in s.dates if lvl.end <= d.start <= lvl.end + 12 and d.kind == "day" and d.first]
    words = [t.lower for t in after if t.start < lvl.start]
    if "record" in words and "52-week" not in words and "low" not in words:
        # "its (previous) record close of 6977.27 (hit DATE)": a level named as the record
        # (judged as rule_record_level's: as of its day, else of the article's session)
        dm = ds[0] if ds else None
        return [make_claim(
            ctx, s, kind="date_fact" if dm else "level", measure="record_level", subject=subj,
            parts=[(after[1].start if len(after) > 1 else lvl.start, dm.end if dm else lvl.end)], rule="distance", value=lvl.value, unit="points",
            decimals=lvl.decimals, level=lvl.value, lead=False,
            date=Bind(dm, dm.text, "explicit") if dm else bind_date(ctx, s, lvl.start, before_only=True),
            extra={"prior": bool(_RECORD_PRIOR & set(words)), "date_stated": dm is not None,
                   "closing": bool({"close", "closing"} & set(words))},
        )]  # fmt: skip
    if not ds:
        return []
    dm = ds[0]
    assert dm.first is not None  # ds keeps only dated mentions
    date = Bind(dm, dm.text, "explicit")
    if "52-week" in words or "record" in words or any(w in ("high", "low") for w in words):
        extreme = "min" if "low" in words else "max"
        window = (
            "52w"
            if "52-week" in words
            else ("all" if "record" in words or "all-time" in words else "year")
        )
        return [make_claim(
            ctx, s, kind="date_fact", measure="extreme", subject=subj, parts=[(lvl.start, dm.end)], rule="distance",
            value=lvl.value, unit="points", decimals=lvl.decimals, date=date, level=lvl.value,
            extra={"extreme": extreme, "window": window, "year": dm.first.year if window == "year" else None},
        )]  # fmt: skip
    if "close" in words or "closing" in words:
        return [make_claim(
            ctx, s, kind="date_fact", measure="close_on_date", subject=subj, parts=[(lvl.start, dm.end)],
            rule="distance", value=dm.first.isoformat() if dm.first else dm.text, unit="date", date=date,
            level=lvl.value,
        )]  # fmt: skip
    return []


_UP_TARGET = frozenset(
    {"upside", "gain", "rise", "increase", "rally", "return", "climb", "advance", "jump"}
)
_DOWN_TARGET = frozenset(
    {"downside", "decline", "drop", "fall", "loss", "slide", "pullback", "correction"}
)
_TARGET_WORDS = frozenset(
    {"target", "targets", "estimate", "objective", "forecast", "projection", "call"}
)
_IMPLY = frozenset(
    [
        "implies",
        "implying",
        "imply",
        "indicating",
        "indicates",
        "suggesting",
        "suggests",
        "represent",
        "represents",
        "representing",
        "would",
        "means",
        "mean",
        "offering",
        "offers",
        "signaling",
    ]
)


def rule_upside(ctx: Ctx, s: Sent, used: set[int]) -> list[Claim]:
    """The article's own arithmetic from a level to a target: "5% upside to 7,269", "a target of
    $256 indicating a potential upside of 36.7%", "need to rally 9% to reach 7,500", "a 45%
    increase from its current price of $187"."""
    out: list[Claim] = []
    for q in s.quantities:
        if q.start in used or q.unit != "pct" or q.is_range:
            continue
        found = _upside_found(s, q)
        if found is None:
            earlier = _upside_to_earlier_target(ctx, s, q)
            if earlier is not None:
                used.add(q.start)
                out.append(earlier)
            continue
        sign, target, base_q, appositive = found
        if base_q is None and target.start > q.end:
            base_q = _current_level_before(s, q, target)
        subj = bind_subject(ctx, s, min(q.start, target.start), after_ok=True)
        if appositive:
            # "a low of 4,835, marking a peak-to-trough decline of 21%": the move to that level
            # from the level the article stated before it (never the level's own close), else
            # no arithmetic to check
            app_base = _stated_base(ctx, s, q, subj, None, exclude_at=target.start)
            if app_base is None:
                continue
            used.update({q.start, target.start})
            out.append(make_claim(
                ctx, s, kind="target_upside", measure="upside", subject=subj,
                parts=[(target.start, q.end)], rule="upside", value=q.value * sign, unit="pct",
                decimals=q.decimals, date=None, needs=("subject",), hedge=s.hedge(q),
                direction=sign, level=target.value,
                base=app_base,
                forecast_ok=True, hypothetical_ok=True, extra={"base_stated": True},
            ))  # fmt: skip
            continue
        used.update({q.start, target.start} | ({base_q.start} if base_q else set()))
        date: Bind | None = bind_date(ctx, s, q.start, before_only=True)
        if period_close_of(ctx, s, q.start) is not None:
            # "would have to rise another 2.9% to finish the year at 5,600": the period's close
            # is when the target is to be reached; the move starts at the current level
            date = _default_date(ctx, s)
        base = base_q.value if base_q is not None else _stated_base(ctx, s, q, subj, date)
        if subj.value is None and base is None:
            # "Analysts project a 5% upside to 7,269" after "the index closed at 6,812.61": the
            # arithmetic ties the figure to the level just stated, and so to its subject
            st = _last_stated(ctx, s, q)
            if st is not None and st.subject is not None:
                subj = Bind(
                    st.subject,
                    f"{st.subject.name} (the level {st.quote!r} just before)",
                    "anaphora",
                )
                base = float(st.stated_value)  # type: ignore[arg-type]
        parts = [(min(q.start, target.start), max(q.end, target.end, base_q.end if base_q else 0))]
        if base is not None:
            date = None  # the article's own arithmetic: no day to read
        out.append(make_claim(
            ctx, s, kind="target_upside", measure="upside", subject=subj, parts=parts, rule="upside",
            value=q.value * sign, unit="pct", decimals=q.decimals, date=date, needs=("subject",) if base is not None else ("subject", "date"),
            hedge=s.hedge(q), direction=sign, level=target.value, base=base, forecast_ok=True,
            hypothetical_ok=True, extra={"base_stated": base is not None},
        ))  # fmt: skip
    return out


def _target_sign(noun: str) -> int:
    """+1 for a noun of a rise to a target ("upside", "gain"), -1 for one of a fall, else 0."""
    return 1 if noun in _UP_TARGET else -1 if noun in _DOWN_TARGET else 0


#: verbs of a forecast of a level ("strategists now see the index ending the year at 5,600")
_SEE_WORDS = frozenset({"see", "sees", "expect", "expects", "predict", "predicts", "forecast",
                        "forecasts", "project", "projects", "targeting", "target"})  # fmt: skip
#: words that point back to a target the sentence before states ("Such a target implies ...")
_BACK_TO_TARGET = frozenset({"such", "this", "that", "the"})


def _upside_to_earlier_target(ctx: Ctx, s: Sent, q: Quantity) -> Claim | None:
    """The article's own arithmetic to a target the sentence before states, pointed back to:
    "the firm reiterated a 7,000 target for the benchmark this year. Such a target implies a 5.7%
    increase from the index's 6,617 close on Tuesday" (7,000 / 6,617 − 1 = 5.79%). Only with
    "such a" / "this" / "that" / "the" before a target's noun and a verb of implying before the
    percentage, a base level stated after "from" in its own sentence, and exactly one level the
    sentence before marks as a target (with no other figure there it could be)."""
    prev = [t.lower for t in s.before(q.start, 8)]
    if not any(w in _IMPLY for w in prev):
        return None
    if not any(
        w in _TARGET_WORDS and any(x in _BACK_TO_TARGET for x in prev[max(0, i - 2) : i])
        for i, w in enumerate(prev)
    ):
        return None
    after = [w for w in s.words_after(q.end, 3) if w not in ("potential", "of", "a")]
    sign = _target_sign(after[0] if after else "")
    base_q = s.next_quantity(q)
    if base_q is not None and (
        not _is_level(base_q) or "from" not in s.words_before(base_q.start, 5)
    ):
        if base_q.start - q.end < 60:
            return None  # another figure the clause states: not read
        base_q = None
    if not sign or s.index == 0:
        return None
    before = ctx.sents[s.index - 1]
    if "\n" in s.doc.text[before.end : s.start]:
        return None  # another paragraph
    # the level the sentence before forecasts, not one it moved "from" ("now see the index ending
    # the year at 5,600, up from the 5,200 level they had forecast in February")
    levels = [
        x
        for x in before.quantities
        if _is_level(x) and "from" not in before.words_before(x.start, 3)
    ]
    if len(levels) != 1:
        return None
    target = levels[0]
    near = before.words_after(target.end, 1) + before.words_before(target.start, 8)
    wide = before.words_before(target.start, 14)
    # "now see the US stock index ending the year at 5,600": a forecast of a level
    if not _TARGET_WORDS.intersection(near) and not (
        _SEE_WORDS.intersection(wide) and "year" in wide[-4:]
    ):
        return None
    subj = bind_subject(ctx, s, q.start, after_ok=True)
    if base_q is None:
        # "The new target implies a roughly 3% advance (from Friday's close)": from the
        # subject's close on the day the words name, else the article's own (the upside judge
        # reads it); the subject is the one the target sentence names when this one names none
        if subj.value is None:
            m = next((x for x in before.subjects if x.subject is not None and not x.anaphora
                      and x.subject.kind in ("index", "market", "etf")), None)  # fmt: skip
            if m is None:
                return None
            subj = Bind(m.subject, f"{m.text} (the target's sentence)", "anaphora",
                        f"its subject is the target sentence's ({m.text})")  # fmt: skip
        # "from Friday's close": the base is that day's close
        frm = next((d for d in s.dates if d.start > q.end and d.kind in ("day", "weekday", "relative")
                    and s.words_before(d.start, 1) == ["from"]), None)  # fmt: skip
        day = Bind(frm, frm.text, "explicit") if frm is not None else bind_date(ctx, s, q.start)
        return make_claim(
            ctx, s, kind="target_upside", measure="upside", subject=subj, parts=[(q.start, q.end)],
            rule="upside", value=q.value * sign, unit="pct", decimals=q.decimals,
            date=day, needs=("subject",), hedge=s.hedge(q), direction=sign,
            level=target.value, forecast_ok=True, hypothetical_ok=True,
            extra={"target_before": target.text},
        )  # fmt: skip
    return make_claim(
        ctx, s, kind="target_upside", measure="upside", subject=subj, parts=[(q.start, base_q.end)],
        rule="upside", value=q.value * sign, unit="pct", decimals=q.decimals, date=None, needs=(),
        hedge=s.hedge(q), direction=sign, level=target.value, base=base_q.value, forecast_ok=True,
        hypothetical_ok=True, extra={"base_stated": True, "target_before": target.text},
    )  # fmt: skip


_TAKE = frozenset(
    {
        "take",
        "takes",
        "put",
        "puts",
        "send",
        "sends",
        "bring",
        "brings",
        "leave",
        "leaves",
        "land",
        "lands",
        "push",
        "drag",
    }
)


#: words that restate a percent move in other units ("0.4%, translating to 24.49 points")
_RESTATE = frozenset(
    {"translating", "translates", "translated", "equal", "equals", "equating", "equivalent",
     "amounting", "amounts", "or", "i.e.", "representing"}
)  # fmt: skip
_POINT_WORDS = frozenset({"point", "points", "pts", "pt"})


def _restated_points(s: Sent, q: Quantity, nxt: Quantity) -> bool:
    """Whether the figure ``nxt`` after the percentage ``q`` restates the same move in index
    points ("an increase of 0.4%, translating to 24.49 points", "a 1.2% gain, equal to 80
    points"): a restating word between the two and a points word right after ``nxt``. Such a
    figure is the move's size, never a target level."""
    gap = [t.lower for t in s.tokens if q.end <= t.start < nxt.start]
    if not any(w in _RESTATE for w in gap):
        return False
    if nxt.unit == "points":
        return True
    after = [t.lower for t in s.tokens if t.start >= nxt.end][:1]
    return bool(after) and after[0] in _POINT_WORDS


def _needs_a_move(prev: list[str]) -> bool:
    """Whether the words before a percentage make it a move still to come ("would need to rally
    9%", "has to rise another 2.9%"); "has"/"have"/"had" only with "to" ("has increased by 7.4%"
    is a move that happened, not one the level needs)."""
    if any(w in ("need", "needs", "must", "should", "if") for w in prev):
        return True
    if any(
        w == "would" and prev[k + 1 : k + 2] not in (["eventually"], ["later"], ["ultimately"],
                                                     ["subsequently"], ["finally"])
        for k, w in enumerate(prev)
    ):  # fmt: skip
        return True  # (not "it would eventually settle up 11.2%": what then happened)
    return any(a in ("has", "have", "had") and b == "to" for a, b in itertools.pairwise(prev))


def _from_level(s: Sent, target: Quantity) -> Quantity | None:
    """ "(to 4411.59 from 4109.31)", "to 7,000 from 6,650": the level right after the target,
    after "from", is the move's base as the sentence states it."""
    nxt = s.next_quantity(target)
    if nxt is None or not _is_level(nxt) or nxt.unit != target.unit:
        return None
    gap = [t.lower for t in s.tokens if target.end <= t.start < nxt.start]
    return nxt if gap in (["from"], [",", "from"], ["up", "from"], ["down", "from"]) else None


def _current_level_before(s: Sent, q: Quantity, target: Quantity) -> Quantity | None:
    """ "From its current level at around 5,440, the S&P 500 would have to rise another 2.9% to
    finish the year at 5,600": a level before the percentage, in the same sentence, that the
    words name as the start ("from" before it, no other figure between it and the percentage)."""
    prevq = [x for x in s.quantities if x.end <= q.start and x is not target]
    if not prevq or not _is_level(prevq[-1]) or prevq[-1].unit != target.unit:
        return None
    lv = prevq[-1]
    words = s.words_before(lv.start, 6)
    if "from" not in words or any(w in _TARGET_WORDS for w in words):
        return None
    return lv


#: words that open an appositive naming the move to the level just before it ("4,835, marking a
#: peak-to-trough decline of 21%", "6,912, representing a 17% gain")
_APPOSITIVE = frozenset({"marking", "representing", "a", "an"})
_APPOSITIVE_WHICH = frozenset({"marks", "marked", "represents", "represented", "is", "was"})
#: words that end an appositive's noun phrase: a new clause or a second figure's words
_APPOSITIVE_STOP = frozenset(
    {"and", "but", "while", "it", "its", "before", "after", "as", "then", "with", ";"}
)


def _appositive_level(s: Sent, q: Quantity) -> Quantity | None:
    """The level right before the percentage ``q`` when ``q`` stands in an appositive of that
    level ("an intraday low of 4,835, marking a peak-to-trough decline of 21%", "a high of
    6,912, representing a 17% gain"): the move that ended at the level, never one to a level in
    a later clause ("..., it managed to recover slightly to close at 5,062"). ``None`` when the
    figure before ``q`` is no level or the words between open no appositive."""
    prevq = [x for x in s.quantities if x.end <= q.start]
    if not prevq or not _is_level(prevq[-1]):
        return None
    lv = prevq[-1]
    gap = [t.lower for t in s.tokens if lv.end <= t.start < q.start]
    if len(gap) < 2 or gap[0] != "," or len(gap) > 12:
        return None
    rest = gap[1:]
    if rest[0] == "which" and rest[1:2] and rest[1] in _APPOSITIVE_WHICH:
        rest = rest[2:]
    elif rest[0] in _APPOSITIVE:
        rest = rest[1:]
    else:
        return None
    if any(w in _APPOSITIVE_STOP or w == "," for w in rest):
        return None
    return lv


def _upside_parts(s: Sent, q: Quantity) -> tuple[int, Quantity, Quantity | None] | None:
    got = _upside_found(s, q)
    return None if got is None else got[:3]


def _upside_found(s: Sent, q: Quantity) -> tuple[int, Quantity, Quantity | None, bool] | None:
    """The sign, the target, the stated base and whether the target is the level an appositive
    follows (:func:`_appositive_level`) of the percentage ``q``, else ``None``."""
    after = [
        w
        for w in s.words_after(q.end, 6)
        if w not in ("potential", "of", "further", "more", "another", "a")
    ]
    prev = s.words_before(q.start, 8)
    noun = after[0] if after else ""
    sign = _target_sign(noun)
    bare = [w for w in prev if w not in _HEDGE_WORDS]  # "a gain of more than 3 percent"
    if sign == 0 and len(bare) >= 2 and bare[-1] == "of" and bare[-2] in _UP_TARGET | _DOWN_TARGET:
        sign, noun = (1 if bare[-2] in _UP_TARGET else -1), bare[-2]
    need = next((w for w in reversed(prev) if w in UP_WORDS or w in DOWN_WORDS), None)
    if sign == 0 and need and _needs_a_move(prev):
        sign = 1 if need in UP_WORDS else -1
    if sign == 0:
        return None
    nxt = s.next_quantity(q)
    tail = s.words_after(q.end, 10)
    # "a 10% fall would take it near 6,117", "should it fall 10%, it would land near 6,211"
    takes = any(w in _TAKE for w in tail[:7]) and any(
        w in ("near", "around", "at", "to") for w in tail[:9]
    )
    if (
        nxt is not None
        and _is_level(nxt)
        and ("to" in tail[:6] or "toward" in tail[:6] or "towards" in tail[:6] or takes)
        and nxt.start - q.end < 60
    ):
        if _restated_points(s, q, nxt):
            return None  # "an increase of 0.4%, translating to 24.49 points": the move in points
        app = _appositive_level(s, q)
        if app is not None:
            # "a low of 4,835, marking a peak-to-trough decline of 21%, it managed to recover
            # slightly to close at 5,062": the appositive's move is the one to the level before
            return sign, app, None, True
        if _turns_to_another(s, q.end, nxt.start):
            # "marking a bullish gap with a 0.75% increase, with expectations to hit 6,000 by the
            # end of the week": the level is another clause's target, not this move's end
            return None
        return sign, nxt, _from_level(s, nxt), False
    # a target named before: "a target of 7,269 implies 5.3% upside"
    levels = [x for x in s.quantities if x.end <= q.start and _is_level(x)]
    # "With the S&P 500's last close at 5,969.34, these projections imply a return of 9.75%": a
    # level stated as a close is where the upside runs from, never its target
    closes = [x for x in levels if _stated_as_close(s, x)]
    # "gained 60.76 points to finish at 6,765.88": a move in points is no level, nor a target
    moves = [x for x in levels if _a_moves_size(s, x)]
    prevq = [x for x in levels if x not in closes and x not in moves]
    if prevq and (any(w in _IMPLY for w in prev) or noun in ("upside", "downside")):
        target = prevq[-1]
        ctx_words = [t.lower for t in s.before(target.start, 8)]
        if any(w in _TARGET_WORDS for w in ctx_words) or any(w in _IMPLY for w in prev):
            # the level it runs from, stated after: "a 45% increase from its current price of
            # $187", "representing a 31.83% increase from its previous close of 16.43"
            stated = "current" in tail[:6] or "from" in tail[:3]
            base = nxt if nxt is not None and _is_level(nxt) and stated else None
            return sign, target, base, False
    return None


def _a_moves_size(s: Sent, x: Quantity) -> bool:
    """Whether the number ``x`` is the size of a move ("gained 60.76 points", "increased by 497.46
    points"), not a level it moved to ("a decline to 4,900")."""
    w = s.words_before(x.start, 2)
    moving = UP_WORDS | DOWN_WORDS
    return bool(w) and (w[-1] in moving or (w[-1] == "by" and len(w) > 1 and w[-2] in moving))


#: the words a close is stated with ("last close at", "closed at", "closing level of")
_CLOSE_BEFORE_LEVEL = frozenset({"close", "closed", "closing", "closes"})
#: verbs that end a session at a level ("concluded the day at 4,839.81", "finished the session at")
_SESSION_END_VERBS = (CLOSE_WORDS - _CLOSE_BEFORE_LEVEL - {"stood", "stands"}) | {
    "concluded", "concluding", "conclude", "concludes"
}  # fmt: skip
_SESSION_NOUNS = frozenset({"the", "day", "session", "trading", "its"})


def _stated_as_close(s: Sent, x: Quantity) -> bool:
    """Whether the level ``x`` is stated as a close: a close word right before it, with at most
    "at", "of", "level" or "price" between, or a verb that ends the session ("concluded the day
    at", "settled at")."""
    before = [w for w in s.words_before(x.start, 4) if w not in ("at", "of", "level", "price", "a")]
    if bool(before) and before[-1] in _CLOSE_BEFORE_LEVEL:
        return True
    words = s.words_before(x.start, 5)
    if words[-1:] != ["at"]:
        return False
    rest = [w for w in words[:-1] if w not in _SESSION_NOUNS]
    return bool(rest) and rest[-1] in _SESSION_END_VERBS


_RECORD_AFTER = frozenset(
    {"close", "closing", "high", "highs", "level", "levels", "finish", "territory"}
)
#: words after "to a record" / "at a record" that end the noun phrase: "climbed to a record and"
_TO_A_RECORD_NEXT = frozenset({"and", "on", "as", "after", "before", "while"})
_NOT_RECORD_BEFORE_EXTRA = frozenset(
    {"missed", "miss", "misses", "missing", "narrowly", "eyeing", "eyes", "nearing", "approaching"}
)
_NOT_RECORD_BEFORE = _NOT_RECORD_BEFORE_EXTRA | frozenset(
    {
        "from",
        "below",
        "off",
        "near",
        "shy",
        "short",
        "previous",
        "prior",
        "own",
        "intraday",
        "beneath",
        "under",
        "toward",
        "towards",
        "within",
    }
)


def _compounds(tokens: list[Token]) -> list[Token]:
    """The tokens with hyphenated words joined ("all", "-", "time" → "all-time"), so that a rule
    can ask for a compound as one word."""
    out: list[Token] = []
    i, n = 0, len(tokens)
    while i < n:
        t = tokens[i]
        if t.kind == "word" and i + 2 < n and tokens[i + 1].text in "-‐" and tokens[i + 2].kind == "word" \
                and tokens[i + 1].start == t.end and tokens[i + 2].start == tokens[i + 1].end:  # fmt: skip
            j = i + 2
            while (
                j + 2 < n
                and tokens[j + 1].text in "-‐"
                and tokens[j + 2].kind == "word"
                and tokens[j + 1].start == tokens[j].end
            ):
                j += 2
            text = "".join(x.text for x in tokens[i : j + 1])
            out.append(Token(t.start, tokens[j].end, text, "word"))
            i = j + 1
            continue
        out.append(t)
        i += 1
    return out


#: verbs that give a record's value ("its record close stands at 4,796.56", "is 4,796.56")
_RECORD_VALUE_VERBS = frozenset({"stands", "stood", "is", "was", "remains", "remained", "sits"})


def _record_value_follows(s: Sent, toks: list[Token], i: int) -> bool:
    """Whether a record's words are the subject of a copula that gives its value ("the S&P 500's
    record close stands at 4,796.56", "the all-time high still stands at 4,818.62"): the record's
    level, never a claim that the day set one (rule_record_level reads the level)."""
    after = [t for t in toks[i + 1 : i + 6] if t.lower not in ("still", "now", "currently")]
    k = next((j for j, t in enumerate(after) if t.lower in _RECORD_VALUE_VERBS), None)
    if k is None or any(
        t.lower not in ("high", "highs", "close", "closing", "low", "level") for t in after[:k]
    ):
        return False
    rest = after[k + 1 : k + 3]
    return any(q.start in {t.start for t in rest} for q in s.quantities) or (
        bool(rest) and rest[0].lower == "at"
    )


def _counted(s: Sent, toks: list[Token], i: int) -> bool:
    """Whether "record" at ``i`` follows a count ("registered 57 record closing highs"), not an
    ordinal ("its 57th record") or a date's day ("its February 19 record high")."""
    if i == 0 or toks[i - 1].kind != "number" or ordinal_value(toks[i - 1].lower):
        return False
    at = toks[i - 1].start
    return not any(d.start <= at < d.end for d in s.dates)


def rule_record(ctx: Ctx, s: Sent, used: set[int]) -> list[Claim]:
    """A record close claimed: "closed at a fresh record high", "a new all-time closing high";
    every one the sentence states, and for a list of names ("The S&P 500 and Nasdaq closed at
    records") one claim for each name."""
    toks = _compounds(s.tokens)
    out: list[Claim] = []
    taken: set[str] = set()  # the subjects already given a record in this sentence
    for i, t in enumerate(toks):
        w = t.lower
        if w.startswith(("record-", "all-time-")) and w not in ("record-high", "record-low"):
            w = "record"  # "a record-shattering 6,845.50", "record-breaking"
        elif w == "record-high":
            w = "all-time"
        if w not in ("record", "all-time", "new", "fresh"):
            continue
        nxt = [x.lower for x in toks[i + 1 : i + 4]]
        prev = [x.lower for x in toks[max(0, i - 3) : i]]
        latest = (
            bool(prev)
            and prev[-1] in ("latest", "new", "fresh", "another")
            and (not nxt or nxt[0] in ("in", "for", "as", "on", "."))
        )
        compound = t.lower.startswith("record-")
        # "closed at a record 6,845.50": the level right after the word is the record close
        level_next = (
            w == "record"
            and i + 1 < len(toks)
            and any(q.start == toks[i + 1].start and _is_level(q) for q in s.quantities)
        )
        # "climbed to a record and closed above 5,400", "closed at a record on Friday"
        to_a = (
            w == "record"
            and prev[-2:] in (["to", "a"], ["at", "a"])
            and bool(nxt)
            and nxt[0] in _TO_A_RECORD_NEXT
        )
        is_record = ((w == "record" and (compound or latest or level_next or to_a or not nxt or nxt[0] in _RECORD_AFTER or nxt[0] in (".", ",", "-"))) or
                     (w == "all-time" and nxt[:1] in (["high"], ["highs"], ["closing"])) or
                     (w in ("new", "fresh") and nxt[:2] in (["closing", "high"], ["closing", "highs"], ["high"], ["highs"], ["record"], ["all-time"])))  # fmt: skip
        missed = _missed_record(toks, i)
        if (
            not is_record
            or (any(p in _NOT_RECORD_BEFORE for p in prev) and not missed)
            or "close to" in " ".join(prev)  # "close to its all-time high": near_record's
            or _approaching(toks, i)  # "closing in on a new all-time high": not one yet
            # "came within 0.2% of its all-time closing high": a distance to the record, not one
            or ("within" in [x.lower for x in toks[max(0, i - 6) : i]] and "of" in prev)
            or ("for" in nxt[:1] and not latest)
            or "of" in nxt[1:3]
            or _record_value_follows(s, toks, i)
            # "registered 57 record closing highs": a count of records (record_count's), not
            # a record of the day
            or _counted(s, toks, i)
        ):
            continue
        subj = bind_subject(ctx, s, t.start)
        if subj.value is None:
            subj = fronted_subject(s, t.start)  # "After closing at a record high, the S&P 500 …"
        if subj.value is None or subj.value.kind not in ("index", "stock", "etf", "market"):
            continue
        if subj.value.key in taken:
            continue  # "a record close ... its fifth record this year": one claim a subject
        end = toks[min(len(toks) - 1, i + 2)].end
        # the record's day is the day of the close it qualifies ("closed out 2025 at a record")
        close = next(
            (c for c in reversed(ctx.stated) if s.start <= c.start <= t.start < c.end), None
        )
        date = bind_date(ctx, s, t.start)
        if close is not None and close.date is not None and not close.extra.get("article_date"):
            date = Bind(
                DateMention(
                    t.start, t.end, close.bound.get("date", ""), "day", close.date, close.date
                ),
                close.bound.get("date", ""),
                "explicit",
            )
        start = missed.start if missed is not None else t.start
        if to_a:  # "climbed to a record": the verb and the noun, not the words after it
            start, end = toks[max(0, i - 3)].start, t.end
        members = list_subjects(s, subj)
        for one in members:
            if one.value is None or one.value.key in taken:
                continue
            taken.add(one.value.key)
            name = next((m for m in s.subjects if m.text == one.words and m.start < start), None)
            a = name.start if len(members) > 1 and name is not None else start
            c = make_claim(
                ctx, s, kind="level", measure="record", subject=one, parts=[(a, end)], rule="record",
                value="not a record close" if missed else "record close", unit="", date=date, lead=False,
                extra={"missed": True} if missed else None,
            )  # fmt: skip
            if c.date is not None and not missed and _after_an_event(toks, i):
                # "S&P 500 ends lower after four-day rally to record high": the record is the
                # earlier event's, a session or more before the main clause's day
                c.extra["alt_days"] = [
                    *c.extra.get("alt_days", []),
                    *(c.date - dt.timedelta(days=k) for k in (1, 2, 3)),
                ]
                c.loose.setdefault("date", "a record in a clause of an earlier event ('after ...')")
            if missed is not None and "negated" in c.qualifiers:
                # "narrowly missed a fresh record close": the miss is the claim, not a negation
                near = {x.lower for x in s.before(t.start, 8)}
                if not near & (NEGATIONS - _MISSED):
                    c.qualifiers.remove("negated")
            out.append(c)
    return out


_MISSED = frozenset({"missed", "miss", "misses", "shy", "short"})

#: words of a record approached, not reached ("closing in on a new all-time high", "Flirts With
#: Its First Record Close", "within striking distance of")
_APPROACH_PHRASES = (
    ("closing", "in", "on"), ("closes", "in", "on"), ("close", "in", "on"), ("closed", "in", "on"),
    ("flirts", "with"), ("flirting", "with"), ("flirted", "with"), ("flirt", "with"),
    ("striking", "distance"), ("within", "reach"), ("chasing",), ("chases",), ("knocking", "on"),
)  # fmt: skip


def _after_an_event(toks: list[Token], i: int) -> bool:
    """Whether the record word at ``i`` is in a clause opened by "after" that follows a main
    clause's words ("ends lower after four-day rally to record high"), no other figure between."""
    k = next((j for j in range(i - 1, max(-1, i - 8), -1) if toks[j].lower == "after"), None)
    if k is None or k == 0:
        return False
    between = toks[k + 1 : i]
    return not any(x.kind == "number" or x.text in (",", ";") for x in between)


def _approaching(toks: list[Token], i: int) -> bool:
    """Whether the words before the record word at ``i`` (six at most) say it is approached."""
    words = [x.lower for x in toks[max(0, i - 6) : i] if x.kind == "word"]
    return any(
        tuple(words[k : k + len(ph)]) == ph
        for ph in _APPROACH_PHRASES
        for k in range(len(words) - len(ph) + 1)
    )


def _missed_record(toks: list[Token], i: int) -> Token | None:
    """ "ends shy of record high", "narrowly missed a fresh record close", "closed just short of
    its record": the word that says the close fell short of the record (the claim is that it is
    not a record), or ``None``."""
    prev = toks[max(0, i - 4) : i]
    for k, x in enumerate(prev):
        if x.lower not in _MISSED:
            continue
        rest = [y.lower for y in prev[k + 1 :]]
        if x.lower in ("shy", "short") and rest[:1] != ["of"]:
            continue
        if all(w in ("of", "a", "an", "its", "the", "fresh", "new", "their") for w in rest):
            return x
    return None


def _ordinal_at(toks: list[Token], j: int) -> int | None:
    """The ordinal at token ``j``: "fourth", or "50" followed by "th"."""
    if not 0 <= j < len(toks):
        return None
    t = toks[j]
    if t.kind == "word":
        return ordinal_value(t.lower)
    if t.kind == "number" and j + 1 < len(toks) and toks[j + 1].lower in ("st", "nd", "rd", "th"):
        return int(t.text) if t.text.isdigit() else None
    return None


_PEAK_COUNTED = frozenset({"peak", "high", "highs"})


def _record_times(s: Sent, toks: list[Token], i: int) -> Quantity | None:
    """A cardinal count of records around the record word at ``i``: "closed at a new record high
    37 times", "closed at a peak 57 times", "37 record closes", "nearly 40 record closing highs"
    (a plain number, whole, right before "times" after the word, or right before the word)."""

    def plain(tok: Token) -> Quantity | None:
        q = next((x for x in s.quantities if x.start == tok.start), None)
        ok = q is not None and q.unit == "plain" and q.value == int(q.value) and 2 <= q.value < 400
        return q if ok else None

    for j in range(i + 1, min(len(toks) - 1, i + 5)):
        if toks[j].kind == "number" and toks[j + 1].lower == "times":
            return plain(toks[j])
        if toks[j].kind == "punct":
            break
    if i > 0 and toks[i].lower.startswith("record") and toks[i - 1].kind == "number":
        after = {x.lower for x in toks[i + 1 : i + 3]}
        if after & {"closes", "highs", "closing"}:
            return plain(toks[i - 1])
    if i > 0 and toks[i].lower in ("all-time", "new") and toks[i - 1].kind == "number":
        # counts of record closes named as highs: "over 50 all-time highs", "24 new highs",
        # "nearly 40 new record highs" (not "new record" alone, nor "new highs" of a list)
        nxt = [x.lower for x in toks[i + 1 : i + 3]]
        if nxt[:1] == ["highs"] or nxt[:2] in (
            ["record", "highs"],
            ["record", "closes"],
            ["closing", "highs"],
        ):
            return plain(toks[i - 1])
    return None


def rule_record_count(ctx: Ctx, s: Sent, used: set[int]) -> list[Claim]:
    """How many record closes a year has seen: "its 38th record high of 2025", "a record closing
    high for the 50th time this year", "has closed at a new record high 37 times so far during
    2017", "closed at a peak 57 times this year"."""
    toks = _compounds(s.tokens)
    for i, t in enumerate(toks):
        if not t.lower.startswith("record") and t.lower not in ("peak", "all-time", "new"):
            continue
        times = _record_times(s, toks, i)
        # a number before "times" is a count even where a level rule took it ("closed at a
        # record 25 times": the counted guard leaves that reading unverifiable)
        if times is not None:
            got = _record_times_claim(ctx, s, toks, i, times)
            if got:
                used.add(times.start)
                return got
        if not t.lower.startswith("record"):
            continue
        n, nth = None, t
        for j in (i - 1, i - 2, i - 3):
            if _ordinal_at(toks, j):
                n, nth = _ordinal_at(toks, j), toks[j]
                break
        after = [x.lower for x in toks[i + 1 : i + 9]]
        if n is None and "time" in after:
            k = i + 1 + after.index("time")
            for j in range(k - 1, max(i, k - 4), -1):
                if _ordinal_at(toks, j):
                    n = _ordinal_at(toks, j)
                    break
        if not n or n < 2:
            continue
        year = next(
            (d for d in s.dates if t.end <= d.start <= t.end + 60 and d.first
             and (d.kind in ("year", "month")
                  or (d.kind == "day" and s.words_before(d.start, 1) == ["since"]))),
            None,
        )  # fmt: skip
        near = [x.lower for x in toks[i + 1 : i + 12]]
        this = _this_period(near)
        if year is None and this is None and _opens_year_to_date(toks, i):
            this = "year"  # "Year to date, this is the 23rd record close for the S&P 500"
        if year is None and this is None:
            continue
        subj = bind_subject(ctx, s, t.start)
        if subj.value is None and _FOR_AN_INDEX.match(s.doc.text, t.end, s.end):
            # "the 23rd record close for the S&P 500": the index named after "for"
            subj = bind_subject(ctx, s, t.start, after_ok=True)
        if subj.value is None or subj.value.kind not in ("index", "etf", "market"):
            continue
        end = max(t.end, year.end if year else toks[min(len(toks) - 1, i + 7)].end)
        y = year.first.year if year and year.first else (ctx.ref.year if ctx.ref else None)
        extra: dict[str, object] = {"n": n, "year": y}
        since = year is not None and s.words_before(year.start, 1) == ["since"]
        if since and year is not None and year.first is not None:
            # "its 27th record since June", "since June 5": counted from the start of that month
            # (or the day) to the claim's day, not within the month, which did not end the count
            extra["since"] = year.first
            return [make_claim(
                ctx, s, kind="other", measure="record_count", subject=subj,
                parts=[(nth.start, end)], rule="record_count", value=n, unit="count",
                date=bind_date(ctx, s, t.start), extra=extra,
            )]  # fmt: skip
        if year is not None and year.kind == "month" and year.first is not None:
            extra["month"] = year.first.month  # "the 11th record close of December 2024"
        elif year is None and this == "month" and ctx.ref is not None:
            extra["month"] = ctx.ref.month  # "its second record close this month"
        return [make_claim(
            ctx, s, kind="other", measure="record_count", subject=subj, parts=[(nth.start, end)],
            rule="record_count", value=n, unit="count", date=_count_date(ctx, s, t.start, year), extra=extra,
        )]  # fmt: skip
    return []


def _count_date(ctx: Ctx, s: Sent, pos: int, period: DateMention | None) -> Bind:
    """The day a count of records runs to: the last day of a named month or year that ended
    before the article's date (its count is final: "the 11th record close of December 2024" in a
    story of 2025) when the sentence names no day of its own ("its 20th record close of 2024 on
    March 1" counts to March 1), else the day the sentence names or the article's date."""
    date = bind_date(ctx, s, pos)
    if date.how not in ("article", "weak"):
        return date
    if period is not None and period.last is not None and ctx.ref is not None:
        last = (
            month_end(period.last.year, period.last.month)
            if period.kind == "month"
            else period.last
        )
        if last < ctx.ref:
            md = DateMention(period.start, period.end, period.text, "day", last, last, None,
                             period.explicit_year)  # fmt: skip
            return Bind(md, f"{period.text} (a period over by the article's date)", "explicit")
    return date


#: "record close for the S&P 500": the record's noun, then "for" and the index's name
_FOR_AN_INDEX = re.compile(r"\s+(?:close|closing\s+high|high)s?\s+for\s+(?:the\s+)?[A-Z]")


def _opens_year_to_date(toks: list[Token], i: int) -> bool:
    """Whether the clause before the record word at ``i`` opens with "year to date" ("Year to
    date, this is the 23rd record close"; "year-to-date" is one word or three)."""
    head = [t.lower for t in toks[:i]]
    text = " ".join(head[:6]).replace(" - ", "-")
    return text.startswith(("year to date", "year-to-date", "so far this year"))


def _this_period(words: list[str]) -> str | None:
    """ "this year", "of the year", "so far this month", "of the month" in ``words`` (the words
    after a record word): the article's own year or month, else ``None``."""
    for k in range(len(words) - 1):
        if words[k] in ("this", "the") and words[k + 1] in ("year", "month"):
            if words[k] == "the" and (k == 0 or words[k - 1] not in ("of", "in")):
                continue  # "the year before": only "of the year", "in the month"
            return words[k + 1]
    return None


def _record_times_claim(ctx: Ctx, s: Sent, toks: list[Token], i: int, q: Quantity) -> list[Claim]:
    """The frame of a cardinal record count: its year is named after the record word ("so far
    during 2017", "in 2024") or is "this year"; the subject must be an index or a fund."""
    t = toks[i]
    lo, hi = min(t.start, q.start), max(t.end, q.end)
    if t.lower in ("all-time", "new"):  # "50 all-time highs": the quote ends on the noun
        hi = next((x.end for x in toks[i + 1 : i + 3] if x.lower in ("highs", "closes")), hi)
    year = next(
        (d for d in s.dates if d.kind == "year" and d.first and hi <= d.start <= hi + 40
         and not _compared_year(s, hi, d)),
        None,
    )  # fmt: skip
    if year is None:  # "So far during 2017, the S&P 500 has set 37 record closes"
        year = next(
            (d for d in s.dates if d.kind == "year" and d.first and d.end <= lo
             and s.words_before(d.start, 1)[-1:] in (["during"], ["in"], ["for"], ["throughout"])),
            None,
        )  # fmt: skip
    if year is None:  # "has recorded over 50 all-time highs and added $6 trillion throughout 2021"
        year = _later_year_of_count(s, hi)
    near = [x.lower for x in toks if hi <= x.start <= hi + 40]
    this_year = any(near[k : k + 2] == ["this", "year"] for k in range(len(near)))
    assumed = year is None and not this_year
    if assumed and (
        (toks[i].lower.startswith("record") and toks[i - 1].kind != "number")
        or _generic_count(s, q)
    ):
        return []  # "closed at a record 25 times" with no year, "every year with over 45 highs"
    subj = bind_subject(ctx, s, lo)
    if subj.value is None or subj.value.kind not in ("index", "etf", "market"):
        return []
    yr = next((x for x in toks if hi <= x.start <= hi + 40 and x.lower == "year"), None)
    end = max(hi, year.end if year is not None else (yr.end if yr is not None else hi))
    y = year.first.year if year is not None and year.first else (ctx.ref.year if ctx.ref else None)
    c = make_claim(
        ctx, s, kind="other", measure="record_count", subject=subj, parts=[(lo, end)], rule="record_count",
        value=int(q.value), unit="count", date=_count_date(ctx, s, lo, year), hedge=s.hedge(q),
        extra={"n": int(q.value), "year": None if assumed else y, "cardinal": True}, at=q.start,
    )  # fmt: skip
    if assumed:
        # counts of record closes with no period named ("As of Thursday, the index posted 70
        # record closes"): the year to the bound day, the usual tally, only assumed (supports only)
        c.loose["period"] = "its period is only assumed (the year to its day; the words name none)"
    return [c]


#: the hedges a count of records may carry ("over 50 all-time highs")
_COUNT_HEDGES = frozenset(
    {"over", "more", "than", "nearly", "almost", "about", "some", "roughly", "around", "at",
     "least"}
)  # fmt: skip


#: words that make a count of records a condition or a class ("every year with over 45 highs")
_CONDITION_WORDS = frozenset(
    {"every", "each", "any", "if", "when", "whenever", "should", "could", "would"}
)


def _generic_count(s: Sent, q: Quantity) -> bool:
    """Counts of record closes that state no tally of their own: a condition or a class ("every
    year since 2000 with over 45 all-time highs", "if it sets 10 more record closes", "a year of
    more than 50 records")."""
    before = s.words_before(q.start, 8)
    k = len(before)
    while k and before[k - 1] in _COUNT_HEDGES:
        k -= 1
    if k and before[k - 1] in ("with", "without", "of", "to", "than", "more"):
        return True
    return not _CONDITION_WORDS.isdisjoint(before)


def _compared_year(s: Sent, hi: int, d: DateMention) -> bool:
    """Counts of record closes: whether a year after the count is one of comparison or of
    another span ("the most since 1998", "more than in 2017", "to match 2021")."""
    between = {t.lower for t in s.tokens if hi <= t.start < d.start}
    return not between.isdisjoint(("since", "than", "from", "after", "before", "match", "most"))


#: words that put a later year on a count of records ("... throughout 2021", "during 2017")
_COUNT_YEAR_PREPS = frozenset({"throughout", "during", "in", "for", "of"})


def _later_year_of_count(s: Sent, hi: int) -> DateMention | None:
    """Counts of record closes: the one year named after the count in its sentence, after
    "throughout", "during", "in", "for" or "of", with no "since" or "than" between ("the most
    since 1998" names a year of comparison, not the count's)."""
    years = [d for d in s.dates if d.kind == "year" and d.first and d.start >= hi]
    if len(years) != 1:
        return None
    d = years[0]
    if _compared_year(s, hi, d):
        return None
    return (
        d
        if s.words_before(d.start, 1)[-1:] and s.words_before(d.start, 1)[-1] in _COUNT_YEAR_PREPS
        else None
    )


_STREAK_WORDS = frozenset({"consecutive", "straight", "successive", "streak"})
_UNIT_WORDS = {"day": "session", "days": "session", "session": "session", "sessions": "session",
               "week": "week", "weeks": "week", "month": "month", "months": "month",
               "monthly": "month", "weekly": "week", "quarter": "quarter",
               "quarters": "quarter", "quarterly": "quarter"}  # fmt: skip
_UPISH = frozenset(
    {
        "up",
        "higher",
        "gains",
        "gain",
        "rose",
        "advanced",
        "winning",
        "green",
        "advance",
        "rise",
        "rally",
        "positive",
        # forms of the move verbs and nouns ("has risen for four straight sessions", "its fifth
        # straight gain"); an "up" verb beside a "down" one leaves the direction unbound
        "risen",
        "gained",
        "climbed",
        "rallied",
        "advances",
        "increases",
        "increase",
        "climb",
        # "has been rising for five consecutive months"
        "rising",
        "climbing",
        "gaining",
        "advancing",
        "rallying",
        # "its 4-day win streak"
        "win",
        "wins",
    }
)
_DOWNISH = frozenset(
    {
        "down",
        "lower",
        "losses",
        "loss",
        "fell",
        "declined",
        "losing",
        "red",
        "decline",
        "drop",
        "negative",
        "fallen",
        "drops",
        "declines",
        "dropped",
        "slid",
        "lost",
        "slump",
        "slide",
        "retreat",
        "fall",
        "falls",
        "falling",
        "declining",
        "dropping",
        "sliding",
        "slipping",
    }
)
#: the noun of a counted move ("its fifth straight drop", "a third consecutive gain"): the count
#: is of sessions when no unit word says otherwise, a reading the words do not state (loose)
_STREAK_MOVE_NOUNS = frozenset(
    {"gain", "gains", "advance", "rise", "increase", "climb", "drop", "decline", "loss", "fall",
     "slide", "retreat", "losses", "declines", "drops", "advances"}
)  # fmt: skip


#: verbs of a streak the day ended ("snaps a two-day losing streak", "halted a three-day slide")
_SNAP_WORDS = frozenset(
    {"snap", "snaps", "snapped", "snapping", "end", "ends", "ended", "ending", "broke", "breaks",
     "break", "breaking", "halt", "halts", "halted", "halting"}
)  # fmt: skip


def rule_streak(ctx: Ctx, s: Sent, used: set[int]) -> list[Claim]:
    """A run of up or down sessions (weeks, months): "up for four consecutive trading days", "the
    index's fourth straight session in red", "snaps a two-trading-day losing streak"."""
    toks = s.tokens
    for i, t in enumerate(toks):
        row_unit = _in_a_row(toks, i)
        row = row_unit is not None
        if t.lower not in ("consecutive", "straight", "successive", "streak") and not row:
            continue
        if record_streak_at(toks, i) is not None:
            continue  # "three consecutive record closes": the record streak's (record_streaks)
        window = [x.lower for x in toks[max(0, i - 6) : i + 6]]
        if (
            "since" in window
            or "longest" in window
            or "year" in window[6:9]
            or "years" in window[6:9]
        ):
            continue
        back = 7 if t.lower == "streak" else 5 if row else 3
        n_tok = next(
            (
                x
                for x in reversed(toks[max(0, i - back) : i])
                if _count(x) and x.lower not in ("a", "an")
            ),
            None,
        )
        unit_tok = next((x for x in toks[i + 1 : i + 4] if x.lower in _UNIT_WORDS), None)
        if t.lower == "streak":
            unit_tok = next((x for x in toks[max(0, i - 5) : i] if x.lower in _UNIT_WORDS), None)
        if row_unit is not None:
            # "the fifth day in a row", "four sessions in a row", "the fourth day running"
            unit_tok = toks[row_unit]
            if n_tok is not None and n_tok.start > unit_tok.start:
                n_tok = None
        unit = _UNIT_WORDS.get(unit_tok.lower, "") if unit_tok is not None else ""
        implied = ""
        if row_unit is not None and toks[row_unit].lower in _STREAK_MOVE_NOUNS:
            # "notched its fifth gain in a row": a move noun, no unit word
            unit = "session"
            implied = "the count's unit is not stated: read as sessions (a daily story's)"
        if unit_tok is None and n_tok is not None and not row and t.lower != "streak":
            # "its fifth straight drop", "a third consecutive gain": a move noun, no unit word
            nxt = toks[i + 1].lower if i + 1 < len(toks) else ""
            if nxt in _STREAK_MOVE_NOUNS:
                unit = "session"
                implied = "the count's unit is not stated: read as sessions (a daily story's)"
        if n_tok is None or not unit:
            continue
        # "fell for the fifth day in a row": the verb is further back than a streak word's
        words = [x.lower for x in toks[max(0, i - 9) : i]] + window if row else window
        up = any(w in _UPISH or w in UP_WORDS for w in words)
        down = any(w in _DOWNISH or w in DOWN_WORDS for w in words)
        if up == down:
            continue
        subj = bind_subject(ctx, s, t.start, after_ok=True)
        if subj.value is None or subj.value.kind not in (
            "index",
            "stock",
            "etf",
            "market",
            "yield",
            "volatility",
        ):
            continue
        # the verb right before the count, an article aside ("Snaps a two-trading-day losing
        # streak", "halted its three-day slide"); not "ended lower by 0.4% in a fifth ... session"
        n_at = toks.index(n_tok)
        lead = [x.lower for x in toks[max(0, n_at - 4) : n_at] if x.kind == "word"]
        while lead and lead[-1] in ("a", "an", "the", "its", "their"):
            lead.pop()
        # (an ordinal counts the day itself: "ended down 0.4% Tuesday, ending a fifth
        # consecutive day of losses" is the fifth loss, not a run it broke)
        snap = bool(lead) and lead[-1] in _SNAP_WORDS and not ordinal_value(n_tok.lower)
        # "its previous, nine-session losing streak": a run that ended before the day
        previous = bool(lead) and lead[-1] in ("previous", "prior", "preceding", "earlier")
        # "The moves come after five straight days of losses": the run before the day, or one
        # the day extended (a story written after the close)
        after = bool(lead) and lead[-1] in ("after", "following")
        end = unit_tok.end if unit_tok is not None else toks[i + 1].end
        a, b = toks[max(0, i - 4)].start, max(t.end, end)
        n = _count(n_tok) or 0
        c = make_claim(
            ctx, s, kind="pct_change", measure="streak", subject=subj, parts=[(a, b)], rule="streak",
            value=f"{n} {unit}s", unit=unit + "s",
            date=bind_date(ctx, s, t.start), direction=1 if up else -1,
            extra={"n": n, "unit": unit, "snapped": snap, "previous": previous, "after": after,
                   "ordinal": bool(ordinal_value(n_tok.lower))},
        )  # fmt: skip
        if implied:
            c.loose.setdefault("unit", implied)
        if (
            snap
            and unit == "session"
            and any(p.kind in ("week", "last_week", "month") for p in s.periods)
        ):
            # "declined 3.00% for the week, breaking a six-day winning streak": the streak broke
            # on some session of the week, which the words do not name
            c.loose.setdefault(
                "date",
                "a streak broken in a week's (a month's) story: on which session of it, the words do not say",
            )
        return [c]
    return []


def _in_a_row(toks: list[Token], i: int) -> int | None:
    """The index of the unit word of "in a row" ending at ``i`` ("row") or of "running" ("the
    fifth day in a row", "for the fourth day running"), else ``None``."""
    if (
        toks[i].lower == "row"
        and i >= 3
        and toks[i - 1].lower == "a"
        and toks[i - 2].lower == "in"
        and (toks[i - 3].lower in _UNIT_WORDS or toks[i - 3].lower in _STREAK_MOVE_NOUNS)
    ):
        return i - 3  # "the fifth day in a row", "its fifth gain in a row"
    if toks[i].lower == "running" and i >= 1 and toks[i - 1].lower in _UNIT_WORDS:
        return i - 1
    return None


def rule_rank(ctx: Ctx, s: Sent, used: set[int]) -> list[Claim]:
    """ "Fourth highest close in history", "the fourth highest this year"."""
    toks = s.tokens
    for i, t in enumerate(toks[:-1]):
        r = ordinal_value(t.lower) if t.kind == "word" else None
        if (
            t.kind == "number"
            and i + 1 < len(toks)
            and toks[i + 1].lower in ("st", "nd", "rd", "th")
        ):
            # ("3,900th": a count written with a thousands comma; _count reads it)
            r, i = _count(t, ordinals=False), i + 1
        if not r or i + 1 >= len(toks) or toks[i + 1].lower not in ("highest", "lowest"):
            continue
        rest = [x.lower for x in toks[i + 2 : i + 7]]
        if rest[:1] and rest[0] not in (
            "close",
            "closing",
            "finish",
            "level",
            "in",
            "this",
            "ever",
            "on",
            "of",
        ):
            continue
        year_d = next((d for d in s.dates if d.kind == "year" and d.start > toks[i].start), None)
        window = "year" if ("year" in rest or year_d is not None) else "all"
        subj = bind_subject(ctx, s, t.start)
        if subj.value is None or subj.value.kind not in ("index", "stock", "etf", "market"):
            continue
        end = toks[min(len(toks) - 1, i + 6)].end
        return [make_claim(
            ctx, s, kind="level", measure="rank", subject=subj, parts=[(t.start, end)], rule="rank",
            value=f"{r} {toks[i + 1].lower}", unit="rank", date=bind_date(ctx, s, t.start),
            extra={"rank": r, "hl": toks[i + 1].lower, "window": window, "year": year_d.first.year if year_d and year_d.first else None},
        )]  # fmt: skip
    return []


def rule_since(ctx: Ctx, s: Sent, used: set[int]) -> list[Claim]:
    """ "Highest closing value since DATE", "largest four-day gain since DATE", "longest winning
    streak since DATE", "the slowest pace since early 2021"."""
    toks = s.tokens
    for i, t in enumerate(toks):
        if t.lower not in ("since", "in", "of", "to"):
            continue
        if t.lower == "to" and (i == 0 or toks[i - 1].lower != "back"):
            continue  # "its lowest level back to April 2017", "dating back to": since then
        anchor = _since_anchor(ctx, s, i)
        if anchor is None or anchor.first is None:
            continue
        head = [x.lower for x in toks[max(0, i - 8) : i]]
        if t.lower == "to":  # "its lowest level (going, dating) back to"
            head = head[:-1]
            while head and head[-1] in ("going", "dating", "all", "the", "way"):
                head = head[:-1]
        if t.lower == "in" and not (
            head
            and (
                head[-1] in _SINCE_NOUNS
                or head[-1] in _SUPERLATIVES
                or head[-1] in _MACRO_NOUNS
                or _most(head)
            )  # "tumbled the most in 12 weeks"
        ):
            continue
        most = _most(head)
        sup = next((w for w in head if w in _SUPERLATIVES), None) or _not_seen(head) or most
        if sup is None:
            continue
        subj = bind_subject(ctx, s, t.start)
        if subj.value is None:
            subj = _demonstrative_subject(ctx, s) or subj
        if most and (subj.value is None or subj.value.kind not in _MOST_KINDS):
            continue  # "yields surged the most since March": a change in basis points
        if "headline" in head:
            subj = Bind(subject_by_key("cpi"), "headline", "named")
        elif "core" in head and subj.value is not None and subj.value.kind == "inflation":
            subj = Bind(subject_by_key("core_cpi"), "core", "named")
        if subj.value is None:
            continue
        what = _since_what(head)
        if str(what).startswith("streak") and {"record", "records"} & set(head):
            continue  # "its longest streak of records since 2021": a run of record closes, not
            # of up sessions (record_streaks reads those it can)
        if most:  # "slumped the most since February": the move the verb names
            what = "gain" if _most_verb(head) in UP_WORDS else "drop"
        if what == "level" and sup in ("steepest", "sharpest"):
            # "its steepest driblet since May 2022" (a spun "drop"): a slope ranks a move, never
            # a level; "sharpest" with no move word says neither which way nor over what
            if sup == "sharpest":
                continue
            what = "drop"
        if what == "level" and _ranks_a_move(toks, i, head, sup):
            continue  # "The five-session losing streak ... was its longest since early January",
            # "the best May since at least 2009": a streak's or a period's move ranked, not a level
        if (
            what == "level"
            and len(head) >= 2
            and head[-2] in _PERFORMANCE_UNITS
            and head[-1] in ("performance", "showing")
        ):
            # "its best monthly performance since July 2022": the unit's move, ranked
            what = "drop" if sup in ("worst", "weakest") else "gain"
        if what == "level" and any(w in _PERIOD_PERFORMANCE for w in head[-3:]):
            named = _own_period(ctx, s, head, t.start)
            if head[-1:] != ["year"] or named is None or named.kind != "year":
                continue  # "its best first half since 2019": a period's return the store's
                # superlatives do not compute, not a level; "its best year since" needs its year
        if what == "level" and any(w in _SINCE_MOVE_UNITS for w in head[-3:]):
            # "its best day in three weeks", "its best year since 2019": the period's move
            what = "drop" if sup in ("worst", "weakest") else "gain"
        if what in ("gain", "drop") and subj.value.kind == "policy_rate":
            continue  # "the biggest increase since 1994": a decision's size (the Fed's rules),
            # not a move of the rate's monthly averages
        counted = _window_count(toks[max(0, i - 8) : i])
        n, unit = counted if counted is not None else (None, "session")
        n_stated = n is not None
        own = _own_period(ctx, s, head, t.start) if n is None else None
        if own is None and n is None and what in ("gain", "drop"):
            unit = next(
                (_SINCE_MOVE_UNITS[w] for w in reversed(head[-3:]) if w in _SINCE_MOVE_UNITS), ""
            )
            if unit in ("year", "quarter"):
                continue  # "its best year since 2019" with no year named: not read
        if n is None and what in ("gain", "drop"):
            # "its best week since": one calendar week (weekly closes); "best day": one session
            # "the worst monthly decline since March 2020": month closes ("monthly" of a macro
            # rate is its release, read there)
            monthly_ok = subj.value.kind not in _MACRO_EXTREME_KINDS
            unit = next(
                (
                    _UNIT_WORDS[w]
                    for w in reversed(head[-4:])
                    if w in _UNIT_WORDS and (w != "monthly" or monthly_ok)
                ),
                "",
            )
            n_stated = unit != ""
            n, unit = 1, unit or "session"
        start_tok = toks[max(0, i - 8) + (head.index(sup) if sup in head else len(head) - 3)]
        # a macro rate is read on the latest release by the article's date: no day of its own
        macro = subj.value.kind in _MACRO_EXTREME_KINDS
        date = None if macro else bind_date(ctx, s, start_tok.start, end=start_tok.start + 1)
        if own is not None and what in ("gain", "drop") and not macro:
            # "For November, the S&P 500 rose 10.8%, its strongest advance since April": the
            # named month's (year's) move, as of its last day
            assert own.last is not None
            n, unit, n_stated = 1, own.kind, True
            end = DateMention(own.start, own.end, own.text, "day", own.last, own.last)
            date = Bind(end, own.text, "explicit")
        c = make_claim(
            ctx, s, kind="date_fact", measure="since", subject=subj, parts=[(start_tok.start, anchor.end)],
            rule="since", value=f"{sup} since {anchor.text}", unit="", date=date, needs=("subject",) if macro else ("subject", "date"),
            extra={"sup": sup, "what": what, "n": n, "anchor_first": anchor.first, "anchor_last": anchor.last,
                   "anchor_day": anchor.kind == "day", "anchor_weekday": anchor.weekday, "n_stated": n_stated,
                   "unit": unit, "points": "point" in head and "percentage" not in head},
        )  # fmt: skip
        if not macro and what == "level":
            # "reached a staggering 60.13, marking its highest closing since 2020": the
            # superlative is the stated level's (judge.judge_since reads it at that level)
            lvl = _level_it_reached(s, start_tok.start)
            if lvl is not None:
                c.extra["stated_level"] = (lvl.value, lvl.decimals)
                c.extra["of_closes"] = bool(_CLOSE_WORDS.intersection(head))
        if macro:
            c.extra["figure"] = _macro_figure(ctx, s, start_tok.start, subj)
            if sup in _EVALUATIVE and (
                subj.value.kind == "inflation" or subj.value.key == "unrate"
            ):
                # "the worst inflation since the early 1980s": for a measure where higher is
                # worse, the worst reading is the highest and the best the lowest
                c.extra["sup"] = _EVALUATIVE[sup]
            after_sup = head[head.index(sup) + 1 : head.index(sup) + 3] if sup in head else []
            if _EPISODE_NOUNS.intersection(after_sup):
                # "an inflation problem that turned into the worst period ... since the early
                # 1980s": an episode compared with episodes, not the latest release
                c.loose["measure"] = (
                    "a superlative of an episode ('the worst period'), not of the latest release"
                )
        k = next((n for n, x in enumerate(toks) if x.start >= start_tok.start), 0)
        _came_back_from(s, toks[max(0, k - 4) : k], c)
        _near_extreme(toks[max(0, k - 3) : k], c)
        nth = _ordinal_before(toks, k)
        if nth is not None and nth > 1:
            c.extra["nth"] = nth  # "the 2nd-best weekly gain since November 2023": one better
        return [c]
    return []


def _ordinal_before(toks: list[Token], k: int) -> int | None:
    """The ordinal right before the superlative at ``k`` ("2nd-best", "second-largest", "the
    third biggest"), a hyphen between at most."""
    j = k - 1
    if j >= 0 and toks[j].text in ("-", "‐"):
        j -= 1
    if j >= 1 and toks[j].lower in ("st", "nd", "rd", "th"):
        j -= 1
    return _ordinal_at(toks, j)


#: superlatives of a move or a run, never of a level ("its longest since", "the best May since")
_MOVE_SUPERLATIVES = frozenset(
    {"longest", "shortest", "biggest", "largest", "best", "worst", "strongest", "weakest",
     "sharpest", "steepest", "smallest", "fastest", "slowest"}
)  # fmt: skip
#: verbs that make the superlative after them a description of the clause's subject ("the
#: streak was its longest since")
_COPULAS = frozenset(
    {"was", "is", "were", "are", "marked", "became", "ranks", "ranked", "'s", "’s"}
)
#: nouns of a run or a move that a superlative after a copula may rank ("the losing streak was its
#: longest since January", "the decline was the worst since")
_RUN_NOUNS = frozenset(
    {"streak", "skid", "slide", "run", "rally", "losing", "winning", "selloff", "sell-off", "rout",
     "slump", "decline", "drop", "gain", "advance", "losses", "gains", "declines", "surge", "jump"}
)  # fmt: skip
#: calendar periods a superlative may rank the moves of ("the best May since 2009", "the worst
#: Monday since", "its best first quarter since")
_RANKED_PERIODS = frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
     "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday",
     "q1", "q2", "q3", "q4", "first-quarter", "second-quarter", "third-quarter", "fourth-quarter",
     "first-half", "second-half"}
)  # fmt: skip


def _ranks_a_move(toks: list[Token], i: int, head: list[str], sup: str) -> bool:
    """Whether a superlative before "since" (at ``i``) ranks a move or a run rather than the
    level: a calendar period right after it ("the best May since at least 2009", "the worst
    Monday since": each such period's change ranked among like periods), or a run or move noun
    as the subject of a copula before "its"/"the" + the superlative ("The five-session losing
    streak for the S&P 500 was its longest since early January"). Such a rank is not read here
    (the claim is not made), so a level's rank never stands in for it."""
    if sup not in _MOVE_SUPERLATIVES or sup not in head:
        return False
    k = len(head) - 1 - head[::-1].index(sup)
    if any(w in _RANKED_PERIODS for w in head[k + 1 :]):
        return True
    lead = head[:k]
    while lead and lead[-1] in ("its", "the", "their", "his", "her", "a"):
        lead.pop()
    if not lead or lead[-1] not in _COPULAS:
        return False
    # the copula's subject: the clause before it, back to the sentence start or 20 words
    before = [x.lower for x in toks[max(0, i - 20) : i - len(head) + len(lead) - 1]]
    return bool(_RUN_NOUNS & set(before))


#: words before a superlative that put the level near the extreme, not at it ("hanging around
#: its lowest point since July", "near its highest since 2007")
_NEAR_EXTREME = frozenset(
    {"around", "near", "nearing", "approaching", "hovering", "toward", "towards"}
)


def _near_extreme(head: list[Token], c: Claim) -> None:
    """ "The yield is hanging around its lowest point since July": a level near the extreme, which
    a close a little above (or below) it fits. Supported when the day is the extreme, never
    contradicted: the words do not say how near."""
    words = [t.lower for t in head]
    close_to = any(
        words[k : k + 2] in (["close", "to"], ["closer", "to"]) for k in range(len(words))
    )
    if any(w in _NEAR_EXTREME for w in words) or close_to or "shy" in words:
        # "is close to its largest since late July", "just shy of its highest since"
        c.loose["role"] = "a level near the extreme, not at it: the words do not say how near"


#: the unit a superlative's noun names: "its best day", "its worst week", "its best year"
_SINCE_MOVE_UNITS = {"day": "session", "session": "session", "week": "week", "month": "month",
                     "year": "year", "quarter": "quarter"}  # fmt: skip
_OWN_PERIOD_LEAD = frozenset({"for", "in", "during", "over", "throughout"})


def _own_period(ctx: Ctx, s: Sent, head: list[str], pos: int) -> DateMention | None:
    """The calendar month or year a superlative's move is over, named before it with "for",
    "in", "during" ("For November, the S&P 500 rose 10.8%, its strongest advance since April";
    "rose 24% in 2023, its best year since 2021") and over by the article's date; ``None`` when
    the superlative names a shorter unit ("its best day since") or no such period is named."""
    if any(w in ("day", "session", "week") for w in head[-3:]) or ctx.ref is None:
        return None
    for d in reversed([d for d in s.dates if d.end <= pos and d.kind in ("month", "year")]):
        lead = [t.lower for t in s.before(d.start, 1)]
        if lead and lead[0] in _OWN_PERIOD_LEAD and d.last is not None and _ended(d.last, ctx.ref):
            return d
        return None
    return None


def _ended(last: dt.date, ref: dt.date) -> bool:
    """Whether a period ending ``last`` is over on ``ref``: it ended before, or only a weekend
    is left of it (a year-end review dated Saturday, December 30)."""
    days = (last - ref).days
    if days < 0:
        return True
    return days <= 2 and all((ref + dt.timedelta(days=k)).weekday() >= 5 for k in range(days + 1))


def _since_anchor(ctx: Ctx, s: Sent, i: int) -> DateMention | None:
    """The start of a "since" superlative: the date after "since", or for "in 3 weeks" the day
    that long before the article's date."""
    t = s.tokens[i]
    if t.lower == "in":  # "its best day in 3 weeks", "highest in five years"
        return _ago_anchor(ctx, s, s.tokens, i)
    if t.lower == "of":  # "its worst day of 2019", "the highest close of the year"
        return _of_period_anchor(ctx, s, i)
    for d in s.dates:
        if d.start < t.end:
            continue
        # "since the week ending March 25, 2022", "since the close of Dec. 24": that day
        gap = s.doc.text[t.end : d.start].lower().split()
        if d.start - t.end <= 12 or (len(gap) <= 3 and set(gap) <= _ANCHOR_LEAD):
            return d
        return None
    return None


_ANCHOR_LEAD = frozenset({"the", "week", "ending", "ended", "close", "of", "session", "on"})
#: the units a superlative "of" a period ranks ("its worst day of 2019", "the highest close of
#: the year", "the biggest drop of the month")
_OF_PERIOD_HEADS = frozenset(
    {"day", "session", "week", "close", "finish", "level", "drop", "decline", "loss", "fall",
     "selloff", "sell-off", "slide", "gain", "rally", "advance", "jump", "rise", "reading"}
)  # fmt: skip


def _of_period_anchor(ctx: Ctx, s: Sent, i: int) -> DateMention | None:
    """ "its worst day of 2019", "the highest close of the year", "the biggest drop of the
    month": the day before the named year (month) begins, as a "since" anchor; ``None`` when
    the word before "of" is no unit a superlative ranks or the words after it name no year or
    month."""
    toks = s.tokens
    if i == 0 or toks[i - 1].lower not in _OF_PERIOD_HEADS:
        return None
    nxt = [x.lower for x in toks[i + 1 : i + 3]]
    ref = ctx.doc.ref
    first: dt.date | None = None
    end = toks[i].end
    if nxt[:1] in (["the"], ["this"]) and nxt[1:2] in (["year"], ["month"]) and ref is not None:
        first = ref.replace(month=1, day=1) if nxt[1] == "year" else ref.replace(day=1)
        end = toks[i + 2].end
    else:
        d = next((d for d in s.dates if d.start == toks[i + 1].start), None) if i + 1 < len(
            toks) else None  # fmt: skip
        if d is None or d.first is None or d.kind not in ("year", "month"):
            return None
        first, end = d.first, d.end
    day = first - dt.timedelta(days=1)
    text = s.doc.text[toks[i].start : end]
    return DateMention(toks[i].start, end, f"the start of {text[3:]}", "span", day, day)


def _window_count(win: list[Token]) -> tuple[int, str] | None:
    """ "largest four-day gain", "largest two-week point gain": the number before "day" (or
    "-day", "-week") in the words before "since", and its unit (session, week or month)."""
    for k, x in enumerate(win[:-1]):
        n = _count(x)
        if not n or x.lower in ("a", "an"):
            continue
        nxt = win[k + 1]
        if nxt.text == "-" and k + 2 < len(win):
            nxt = win[k + 2]
        if nxt.lower in _UNIT_WORDS:
            return n, _UNIT_WORDS[nxt.lower]
    return None


_MOST_KINDS = frozenset({"index", "stock", "etf", "market", "volatility"})


def _most(head: list[str]) -> str | None:
    """ "slumped the most since February", "rose the most in two weeks": a verb of movement, then
    "the most": the largest such move."""
    if head[-2:] != ["the", "most"]:
        return None
    verb = _most_verb(head)
    return "largest" if verb else None


def _most_verb(head: list[str]) -> str:
    """The verb of movement "the most" measures: right before it ("slumped the most"), or the
    move an appositive follows ("rose 1.1%, the most since")."""
    if len(head) >= 3 and (head[-3] in UP_WORDS or head[-3] in DOWN_WORDS):
        return head[-3]
    if len(head) >= 3 and head[-3] == ",":
        return next((w for w in reversed(head[:-3]) if w in UP_WORDS or w in DOWN_WORDS), "")
    return ""


def _not_seen(head: list[str]) -> str | None:
    """ "a high not seen since April 2011", "lows not seen since 2009": the superlative it means."""
    if head[-3:-2] and head[-2:] == ["not", "seen"] and head[-3] in _HIGH_LOW:
        return _HIGH_LOW[head[-3]]
    return None


_HIGH_LOW = {"high": "highest", "highs": "highest", "low": "lowest", "lows": "lowest"}


def rule_span_extreme(ctx: Ctx, s: Sent, used: set[int]) -> list[Claim]:
    """A high or low over a span back from the article's date: "a new eight-month high", "16-year
    highs", "a three-week low" (not "52-week", which the extreme rule reads with its level)."""
    toks = s.tokens
    for i in range(2, len(toks)):
        sup = _HIGH_LOW.get(toks[i].lower)
        unit = toks[i - 1].lower
        if sup is None or unit not in ("day", "week", "month", "year") or toks[i - 2].text != "-":
            continue
        n = _count(toks[i - 3]) if i >= 3 else None
        if not n or (unit == "week" and n == 52) or ctx.ref is None:
            continue
        subj = bind_subject(ctx, s, toks[i - 3].start)
        if subj.value is None or subj.value.kind not in (
            "index",
            "volatility",
            "yield",
            "stock",
            "etf",
            *_MACRO_EXTREME_KINDS,
        ):
            continue
        span = {"day": 1, "week": 7, "month": 30.44, "year": 365.25}[unit] * n
        # like "its best day in 3 weeks": only a better close well inside the span (80%) contradicts
        day = ctx.ref - dt.timedelta(days=round(span * 0.8))
        # a macro rate ("a 30-year high" of inflation) is the latest release's: no day of its own
        macro = subj.value.kind in _MACRO_EXTREME_KINDS
        c = make_claim(
            ctx, s, kind=_extreme_kind(s, subj, toks[i].end), measure="since", subject=subj, parts=[(toks[i - 3].start, toks[i].end)],
            rule="span_extreme", value=f"{n}-{unit} {toks[i].lower}", unit="",
            date=None if macro else bind_date(ctx, s, toks[i].start), needs=("subject",) if macro else ("subject", "date"),
            extra={"sup": sup, "what": "level", "n": 1, "anchor_first": day, "anchor_last": day,
                   "anchor_day": False, "anchor_weekday": None},
        )  # fmt: skip
        if macro:
            c.extra["figure"] = _macro_figure(ctx, s, toks[i - 3].start, subj)
        else:
            lvl = _level_it_reached(s, toks[i - 3].start)
            if lvl is not None:
                c.extra["stated_level"] = (lvl.value, lvl.decimals)
        _came_back_from(s, toks[max(0, i - 7) : i - 2], c)
        return [c]
    return []


#: verbs that bring a series to a level ("reached 60.13", "hit a staggering 60.13")
_REACH_VERBS = frozenset({"reached", "hit", "touched", "topped", "reaching", "hitting", "touching"})


def _level_it_reached(s: Sent, pos: int) -> Quantity | None:
    """The level a superlative at ``pos`` names, stated right before it ("climbed to 4.63%,
    reaching a three-month high", "rose to 6,900, a two-week high"): the extreme is that level's,
    which may be an intraday one."""
    q = next((x for x in reversed(s.quantities) if x.end <= pos), None)
    if q is None or q.is_range:
        return None
    lead = s.words_before(q.start, 3)
    # "to 4.63%", "at 6,900"; "reached 60.13", "hit a staggering 60.13": a verb of reaching with
    # at most an article and one word between
    while len(lead) > 1 and lead[-2] in ("a", "an"):
        lead = lead[:-2]  # "a staggering"
    while lead and lead[-1] in ("a", "an"):
        lead = lead[:-1]
    if not lead or lead[-1] not in ("to", "at", *_REACH_VERBS):
        return None
    gap = [t.lower for t in s.doc.tokens_in(q.end, pos)]
    if len(gap) > 5 or any(w in ("and", "but", ";", "while", "after", "before") for w in gap):
        return None
    return q


#: subject kinds that are rates: their extremes ("a 30-year high" of inflation, "a seven-year
#: high" of the 10-year yield) are ``rate`` claims in the label taxonomy, like their levels
_RATE_KINDS = frozenset({"yield", "inflation", "labor", "policy_rate"})


def _extreme_kind(s: Sent, subj: Bind, end: int) -> str:
    """The label kind of an extreme ("a N-year high", "a record low") of ``subj`` ending at
    ``end``: ``rate`` for a yield or a macro rate ("is up 5.4%, a 30-year high": the superlative is
    a second claim about the figure, a rate claim of its own), else ``level``. When the figure
    follows it ("a 50-year low of 3.5%"), the figure's own claim is the rate claim and the
    extreme stays ``level``."""
    if subj.value is None or subj.value.kind not in _RATE_KINDS:
        return "level"
    nxt = s.after(end, 2)
    figure_after = len(nxt) == 2 and nxt[0].lower == "of" and nxt[1].kind == "number"
    return "level" if figure_after else "rate"


#: subjects whose extremes are over monthly releases (inflation, the unemployment rate, payrolls):
#: read on the latest release by the article's date (``judge._since_macro``)
_MACRO_EXTREME_KINDS = ("inflation", "labor")
#: nouns a macro superlative may end on before "in N years" ("the lowest unemployment rate in 50
#: years", "the highest inflation in four decades")
_MACRO_NOUNS = frozenset(
    {"rate", "inflation", "unemployment", "reading", "readings", "print", "increase", "level",
     "pace", "gain", "jump", "rise", "prices"}
)  # fmt: skip
_RECORD_WORDS = frozenset({"record", "all-time"})


#: words that compare a figure with a reference level named after them ("above its record low")
_REFERENCE_PREPOSITIONS = frozenset(
    {"above", "below", "under", "over", "from", "off", "near", "than", "beneath", "toward",
     "towards", "within", "of"}
)  # fmt: skip


def _compared_to_reference(before: list[str]) -> bool:
    """Whether the words before a record noun ("... above its record") make it a reference level
    something else is compared with, not the level the subject now stands at."""
    while before and before[-1] in ("its", "the", "their", "a", "an", "all-time"):
        before = before[:-1]
    return bool(before) and before[-1] in _REFERENCE_PREPOSITIONS


def rule_macro_record(ctx: Ctx, s: Sent, used: set[int]) -> list[Claim]:
    """A record of a macro series: "the unemployment rate hit a record low", "inflation at an
    all-time high", "the lowest jobless rate on record", "a record-low 3.4%". Read on the
    series' whole history (``judge._since_macro``: confirmed only when the store holds it all)."""
    toks = _compounds(s.tokens)
    for i, t in enumerate(toks):
        w = t.lower
        sup = None
        if w in ("record-high", "record-low", "all-time-high", "all-time-low"):
            sup = "highest" if w.endswith("high") else "lowest"
        elif w in _RECORD_WORDS and i + 1 < len(toks) and toks[i + 1].lower in _HIGH_LOW:
            sup = _HIGH_LOW[toks[i + 1].lower]
        elif w == "record" and i >= 2 and toks[i - 1].lower == "on" and toks[i - 2].lower != "went":
            sup = next(
                (_SUPERLATIVE_SIDE[x.lower] for x in reversed(toks[max(0, i - 6) : i - 1])
                 if x.lower in _SUPERLATIVE_SIDE),
                None,
            )  # fmt: skip
        if sup is None:
            continue
        if _compared_to_reference([x.lower for x in toks[max(0, i - 4) : i]]):
            continue  # "well above its record low", "off its record high": a reference, not now
        subj = bind_subject(ctx, s, t.start)
        if subj.value is None or subj.value.kind not in (*_MACRO_EXTREME_KINDS, "yield"):
            continue
        daily = subj.value.kind == "yield"  # a yield's record is over its daily closes
        end = toks[min(len(toks) - 1, i + 1)].end
        c = make_claim(
            ctx, s, kind=_extreme_kind(s, subj, end), measure="since", subject=subj, parts=[(t.start, end)],
            rule="macro_record", value=f"record {'high' if sup == 'highest' else 'low'}", unit="",
            date=bind_date(ctx, s, t.start) if daily else None,
            needs=("subject", "date") if daily else ("subject",),
            extra={"sup": sup, "what": "level", "n": 1, "anchor_first": None, "anchor_last": None,
                   "record": True, "anchor_day": False, "anchor_weekday": None,
                   "figure": None if daily else _macro_figure(ctx, s, t.start, subj)},
        )  # fmt: skip
        if daily and not {x.lower for x in s.before(t.start, 8)} & _CLOSING_VERBS:
            c.loose["measure"] = (
                "the words do not say a record close (an intraday record is another reading)"
            )
        _came_back_from(s, toks[max(0, i - 5) : i], c)
        return [c]
    return []


def _macro_figure(
    ctx: Ctx, s: Sent, pos: int, subj: Bind
) -> tuple[float, int, dt.date | None] | None:
    """The sentence's own figure of a macro subject before an extreme of it ("Consumer prices
    were up 5.4% from a year earlier, a 30-year high"): its value, decimals and the first day of
    the month it is of (``None`` when its words name none), read as :func:`rule_macro` reads it;
    the extreme is about that month."""
    if subj.value is None:
        return None
    key = subj.value.key
    # the figure before the extreme, else one right after it ("a fresh 40-year high of 8.6%")
    after = [
        q for q in s.quantities if pos < q.start <= pos + 40 and "of" in s.words_before(q.start, 2)
    ]
    for q in [*after[:1], *reversed(s.quantities)] if after else reversed(s.quantities):
        if (q.end > pos and q not in after) or q.is_range:
            continue
        if q.unit != "pct" and not (key == "payems" and q.magnitude >= 1000):
            continue
        if q not in after and "from" in s.words_before(q.start, 3):
            # "at an annual rate of 3%, accelerating from the 2.9% pace recorded in December and
            # the fastest level since May": a base the figure moved from is not the extreme's
            continue
        b = bind_subject(ctx, s, q.start)
        jobs = _jobs_after(s, q)
        if (b.value is None or b.value.key != key) and (jobs is None or key != "payems"):
            continue
        tr = "change" if key == "payems" else _macro_transform(s, q, key)[0]
        fig = _macro(ctx, s, q, b if b.value is not None else subj, tr, "")
        first = fig.period.first if fig.period is not None else None
        own = _possessive_month(s, pos)
        return float(fig.stated_value or 0), fig.decimals, own.first if own else first
    return None


def _possessive_month(s: Sent, pos: int) -> DateMention | None:
    """The month named in the possessive right before the extreme at ``pos`` ("down from
    August's 8.3% and June's 40-year high of 9.1%"): the month the extreme is of."""
    for d in s.dates:
        if d.kind == "month" and d.first is not None and 0 <= pos - d.end <= 4:
            between = s.doc.text[d.end : pos].strip()
            if between in ("'s", "\u2019s") or (not between and d.text.endswith(("'s", "\u2019s"))):
                return d
    return None


_SUPERLATIVE_SIDE = {"highest": "highest", "lowest": "lowest", "biggest": "highest",
                     "largest": "highest", "smallest": "lowest"}  # fmt: skip


#: words that make an extreme one the subject came back from ("retreated from a three-year
#: high", "pulled back from 16-year highs", "off its highest level since 2019")
_BACK_FROM = frozenset({"from", "off"})


def _came_back_from(s: Sent, head: list[Token], c: Claim) -> None:
    """ "Retreated from a three-year high": the extreme was reached before the day, not on it. The
    claim is read on the sessions of the week before as well (any may have been the high) and
    never contradicted: the words do not say which day it was."""
    if not any(t.lower in _BACK_FROM for t in head[-4:]):
        return
    c.loose["role"] = "an extreme it came back from: the words do not say on which earlier day"
    if c.date is not None:
        alt = [c.date - dt.timedelta(days=k) for k in range(1, 8)]
        c.extra["alt_days"] = [*c.extra.get("alt_days", []), *alt]


#: adjectives of a unit before "performance" ("its best monthly performance since")
_PERFORMANCE_UNITS = frozenset({"daily", "weekly", "monthly", "quarterly"})
#: nouns after a superlative that make it a period's performance ("its best first half since
#: 2019", "the worst year since 2008", "its strongest start to a year since 1997")
_PERIOD_PERFORMANCE = frozenset(
    {"half", "quarter", "year", "start", "performance", "showing", "stretch", "run", "decade",
     "finish", "end"}
)  # fmt: skip
_SINCE_NOUNS = frozenset(
    {
        "day",
        "week",
        "month",
        "session",
        "close",
        "level",
        "finish",
        "gain",
        "drop",
        "decline",
        "rally",
        "loss",
        "high",
        "low",
        "reading",
        "pace",
        # "to its lowest point in four months", "reaching the highest levels in 15 months"
        "point",
        "levels",
        "highs",
        "lows",
        "closes",
        "readings",
    }
)


def _ago_anchor(ctx: Ctx, s: Sent, toks: list[Token], i: int) -> DateMention | None:
    """ "in 3 weeks", "in more than four years", "in nearly seven years" after a superlative: the
    day that many units before the article's date, as a since-anchor."""
    if ctx.ref is None:
        return None
    j = i + 1
    while j < len(toks) and toks[j].lower in (
        "more",
        "than",
        "nearly",
        "almost",
        "over",
        "about",
        "roughly",
        "at",
        "least",
        "the",
        "past",
        "last",
    ):
        j += 1
    if j + 1 >= len(toks):
        return None
    n = _count(toks[j]) if toks[j].lower not in ("a", "an") else 1
    unit = toks[j + 1].lower.rstrip("s") if n else ""
    if not n or unit not in ("day", "week", "month", "year", "session"):
        return None
    delta = {"day": dt.timedelta(days=n), "session": dt.timedelta(days=round(n * 7 / 5)), "week": dt.timedelta(weeks=n),
             "month": dt.timedelta(days=round(n * 30.44)), "year": dt.timedelta(days=round(n * 365.25))}[unit]  # fmt: skip
    # "its best day in 3 weeks": the last better day was about 3 weeks ago, so only a better day
    # well inside the window (the last 80% of it) contradicts
    day = ctx.ref - delta * 0.8
    return DateMention(toks[i].start, toks[j + 1].end, f"{n} {unit}s", "span", day, day)


#: evaluative superlatives of a measure where higher is worse (inflation, unemployment)
_EVALUATIVE = {"worst": "highest", "best": "lowest"}
#: nouns of an episode after a superlative ("the worst period since"): not one release
_EPISODE_NOUNS = frozenset({"period", "stretch", "bout", "episode", "spell", "era", "phase", "run"})

_SUPERLATIVES = {
    "highest": "max", "lowest": "min", "largest": "max", "biggest": "max", "longest": "max",
    "best": "max", "worst": "min", "slowest": "min", "fastest": "max", "weakest": "min",
    "strongest": "max", "smallest": "min", "steepest": "min", "sharpest": "max",
}  # fmt: skip


_GAIN_WORDS = frozenset(
    [
        "gain",
        "gains",
        "rise",
        "advance",
        "rally",
        "increase",
        "climb",
        "jump",
        "surge",
        "rebound",
        "upswing",
        "rises",
        "advances",
        "rallies",
        "increases",
        "climbs",
        "jumps",
        "surges",
        "rebounds",
    ]
)
_DROP_WORDS = frozenset(
    ["drop", "decline", "loss", "fall", "selloff", "slide", "plunge", "tumble", "slump", "retreat",
     "drops", "declines", "losses", "falls", "selloffs", "slides", "plunges", "tumbles", "slumps",
     "retreats", "sell-off", "sell-offs"]
)  # fmt: skip


#: verbs after a sentence-opening "That"/"This" that rank what the sentence before reported
_MARK_VERBS = frozenset(
    {"marks", "marked", "represents", "represented", "was", "is", "made", "makes"}
)


def _demonstrative_subject(ctx: Ctx, s: Sent) -> Bind | None:
    """The subject of the sentence before, for a sentence that opens "That marks", "This was"
    ("The 10-year yield rose to 3.49%. That marks a high not seen since April 2011."): the
    demonstrative points to what that sentence reported; ``None`` otherwise."""
    w = [t.lower for t in s.tokens[:2]]
    if len(w) < 2 or w[0] not in ("that", "this") or w[1] not in _MARK_VERBS:
        return None
    got = previous_with_subject(ctx.sents, s)
    if got is None:
        return None
    subj, how = got
    return Bind(subj, f"'{s.tokens[0].text}' → {how}", "anaphora",
                f"its subject is a back-reference ('{s.tokens[0].text}' → {how})")  # fmt: skip


def _since_what(head: list[str]) -> str:
    # the words of the superlative's own clause: "snapping four-session winning streaks and also
    # recording their biggest single-session percentage declines since June 2020" ranks a drop
    cut = max((k for k, w in enumerate(head) if w in ("and", ",", ";")), default=-1)
    head = head[cut + 1 :]
    if any(w in ("streak", "winning", "losing") for w in head):
        return "streak_" + ("down" if "losing" in head else "up")
    if any(w in _GAIN_WORDS for w in head):
        return "gain"
    if any(w in _DROP_WORDS for w in head):
        return "drop"
    return "level"


_CROSS = frozenset(
    [
        "surpassed",
        "surpasses",
        "crossed",
        "crosses",
        "topped",
        "tops",
        "broke",
        "breaks",
        "closed",
        "closes",
        "closing",
        "eclipsed",
        "cleared",
        "hit",
        "hits",
        "reached",
        "reaches",
        "passed",
        "above",
        "over",
        "breached",
        # crossing a mark, in its other verb forms ("surpassing the 6,600 mark for the first time
        # in history", "cracked the 5,300-level for the first time", "crossing the 6,000 barrier")
        "surpassing",
        "surpass",
        "crossing",
        "cross",
        "topping",
        "breaking",
        "cracked",
        "cracks",
        "cracking",
        "exceeded",
        "exceeds",
        "exceeding",
        "eclipsing",
        "clearing",
        "breaching",
    ]
)


#: words that make the event after them earlier than the sentence's day ("rose Tuesday after the
#: S&P 500 closed above 6,600 for the first time")
_PRIOR_EVENT_WORDS = frozenset({"after", "since", "following"})


def _prior_event_word(s: Sent, pos: int) -> int | None:
    """Where "after", "since" or "following" opens the clause of the level at ``pos`` (within ten
    words before it, none of them a stop), else ``None``."""
    for t in reversed(s.before(pos, 10)):
        if t.lower in (".", ";", ",", "!", "?", "and", "but"):
            return None
        if t.lower in _PRIOR_EVENT_WORDS:
            return t.start
    return None


def rule_first(ctx: Ctx, s: Sent, used: set[int]) -> list[Claim]:
    """ "Surpassed 4,000 points on Thursday for the first time", "closing above 6,966 for the first
    time in history"."""
    words = [t.lower for t in s.tokens]
    for i in range(len(words) - 3):
        if words[i + 1 : i + 3] == ["first", "time"] and words[i] in ("for", "the"):
            k = _since_after(words, i + 3)
            if k is not None:
                got = _first_since(ctx, s, i, k, used)
                if got:
                    return got
                continue
        if _marked_first_time(words, i):
            got = _first_after(ctx, s, i, used)
            if got:
                return got
            continue
        # "for the very first time" is "for the first time": ``o`` skips "very"
        o = 1 if words[i : i + 5] == ["for", "the", "very", "first", "time"] else 0
        if (words[i : i + 4] != ["for", "the", "first", "time"] and not o) or words[
            i + 4 + o : i + 5 + o
        ] == ["since"]:
            continue
        if _unread_relative_day(s, i + 4 + o):
            continue  # "exceeded the 5,000 mark for the first time a day earlier": its day unread
        scope = words[i + 4 + o : i + 7 + o]
        if scope[:1] == ["in"] and not (
            scope[1:2] in (["history"], ["its"], ["this"])
            or (len(scope) > 1 and scope[1].isdigit())
        ):
            # "closed below 5,000 for the first time in nearly a year": the first since then
            anchor = _first_in_anchor(ctx, s, i + 4 + o)
            got = _first_since(ctx, s, i, i + 4 + o, used, anchor) if anchor else []
            if got:
                return got
            continue
        lvls = [
            q
            for q in s.quantities
            if q.end <= s.tokens[i].start
            and _is_level(q)
            and q.value >= 100
            and q.start not in used
            and any(w in _CROSS for w in s.words_before(q.start, 4))
        ]
        if not lvls:
            continue
        lvl = lvls[-1]
        if any(w in ("below", "under", "beneath") for w in s.words_before(lvl.start, 3)):
            continue  # a first close below a level: not read
        subj = bind_subject(ctx, s, lvl.start)
        if subj.value is None or subj.value.kind not in ("index", "stock", "etf", "market"):
            continue
        used.add(lvl.start)
        year_d = next(
            (d for d in s.dates if d.kind == "year" and d.start > s.tokens[i].start), None
        )
        scope_year = (
            year_d.first.year
            if year_d and year_d.first
            else (ctx.ref.year if "this" in scope and "year" in scope and ctx.ref else None)
        )
        days = [d for d in s.dates if d.kind in ("day", "weekday", "relative") and d.first]
        # "edging higher Tuesday after the S&P 500 closed above 6,600 for the first time": a day
        # named before "after" is the sentence's, the crossing an earlier event whose day is not
        # stated; a day named after "after" is the crossing's own
        at = _prior_event_word(s, lvl.start)
        prior = at is not None and not any(d.start > at for d in days)
        said = [d for d in days if at is None or (d.start < at if prior else d.start > at)]
        date = Bind(said[-1 if prior else 0], said[-1 if prior else 0].text, "explicit") if said else bind_date(ctx, s, lvl.start)  # fmt: skip
        days = [] if prior else said
        rel = _event_weekday(s, lvl.start)
        if rel:
            # "for the first time the Monday after election day": a day no calendar places
            date, days = Bind(None, f"a day named only relative to another ({rel!r})", "none"), []
        # "crossed 6,000 for the first time" may be intraday (the store holds no intraday highs
        # for an index): only closing words ("closed above", "at the close") make it a close
        closed = any(
            w in _CLOSE_WORDS
            for w in (*s.words_before(lvl.start, 4), *words[i + 4 + o : i + 9 + o])
        )
        return [make_claim(
            ctx, s, kind="level", measure="first_cross", subject=subj, parts=[(lvl.start, s.tokens[i + 3 + o].end)],
            rule="first", value=lvl.value, unit="points", date=date, level=lvl.value,
            extra={"scope_year": scope_year, "date_stated": bool(days), "prior_event": prior,
                   "closed": closed},
        )]  # fmt: skip
    return []


#: verbs before "the first time" that make the clause after it the crossing ("This marked the
#: first time the broad market index ended a trading session above 5,300")
_MARKED_FIRST = frozenset({"marked", "marks", "marking", "was", "is", "became", "becomes"})
#: words after "for the first time" that place the crossing relative to another event, a day the
#: text layer does not read ("for the first time a day earlier", "two sessions before")
_RELATIVE_DAY_WORDS = frozenset({"earlier", "before", "ago", "prior", "previously"})


def _marked_first_time(words: list[str], i: int) -> bool:
    """ "marked the first time the index ended ... above 5,300" (crossing a mark, the crossing
    after the phrase): "the first time" right after a verb of being or marking, not "for the first
    time" and not "the first time since" (read by ``_first_since``)."""
    return (
        words[i : i + 3] == ["the", "first", "time"]
        and i > 0
        and words[i - 1] in _MARKED_FIRST
        and _since_after(words, i + 3) is None
    )


def _unread_relative_day(s: Sent, j: int) -> bool:
    """Whether one of the five words from token ``j`` places the event relative to another one
    ("a day earlier", "two days before") outside any date the text layer read."""
    toks = s.tokens[j : j + 5]
    for t in toks:
        if t.lower in (".", ";", ",", "!", "?"):
            return False
        if t.lower in _RELATIVE_DAY_WORDS and not any(d.start <= t.start < d.end for d in s.dates):
            return True
    return False


def _first_after(ctx: Ctx, s: Sent, i: int, used: set[int]) -> list[Claim]:
    """Crossing a mark stated as "This marked the first time the broad market index ended a
    trading session above 5,300", "It was the first time the index closed above 6,000 in its
    history": the level is after the phrase, in its clause, right after a side word ("above",
    "topped"); a first close below a level, a scope other than ever ("the first time in four
    years the index ..."), or a relative day the text does not read abstain (no claim)."""
    words = [t.lower for t in s.tokens]
    end = next(
        (k for k in range(i + 3, len(words)) if words[k] in (".", ";", "!", "?")), len(words)
    )
    if words[i + 3 : i + 4] == ["in"] and words[i + 4 : i + 5] != ["history"]:
        return []  # "the first time in four years ...": not the first time ever
    stop = s.tokens[end].start if end < len(words) else len(s.doc.text)
    lvls = [
        q
        for q in s.quantities
        if s.tokens[i + 2].end <= q.start < stop
        and _is_level(q)
        and q.value >= 100
        and q.start not in used
        and any(w in _CROSS for w in s.words_before(q.start, 4))
    ]
    if not lvls:
        return []
    lvl = lvls[0]
    if any(w in _BELOW_WORDS for w in s.words_before(lvl.start, 3)):
        return []  # a first close below a level: not read
    between = [t.lower for t in s.tokens[i + 3 : end] if t.start < lvl.start]
    if any(w in ("in", "since") for w in between[:3]) or _unread_relative_day(s, i + 3):
        return []
    after = [t.lower for t in s.tokens[i + 3 : end] if t.start >= lvl.end]
    if any(w in _RELATIVE_DAY_WORDS for w in after):
        return []
    subj = bind_subject(ctx, s, lvl.start)
    if subj.value is None or subj.value.kind not in ("index", "stock", "etf", "market"):
        return []
    days = [d for d in s.dates if d.kind in ("day", "weekday", "relative") and d.first]
    used.add(lvl.start)
    date = Bind(days[0], days[0].text, "explicit") if days else bind_date(ctx, s, lvl.start)
    closed = any(w in _CLOSE_WORDS for w in between)
    return [make_claim(
        ctx, s, kind="level", measure="first_cross", subject=subj,
        parts=[(s.tokens[i].start, lvl.end)], rule="first", value=lvl.value, unit="points",
        date=date, level=lvl.value,
        extra={"scope_year": None, "date_stated": bool(days), "prior_event": False,
               "closed": closed},
        at=lvl.start,
    )]  # fmt: skip


#: words right before a level that say which side of it the close is on
_ABOVE_WORDS = frozenset(
    _CROSS - {"closed", "closes", "closing", "hit", "hits", "reached", "reaches"}
)
_BELOW_WORDS = frozenset({"below", "under", "beneath"})
_CLOSE_WORDS = frozenset({"closed", "closes", "closing", "close", "settled", "ended", "finished"})


#: how far back "for the first time in N years" puts the last crossing, as shares of N years:
#: plain, "nearly"/"almost", "more than"/"over" (a stated span is rounded)
_FIRST_IN_SPAN = {"": (0.75, 1.25), "nearly": (0.75, 1.0), "more": (1.0, 1.5)}


def _first_in_anchor(ctx: Ctx, s: Sent, j: int) -> DateMention | None:
    """ "for the first time in four years", "in nearly a year", "in more than two years" (from
    the token ``j``, "in"): the window, before the article's date, in which the last crossing to
    that side lay (crossing a mark; a first crossing in a span, read as ``_first_since``)."""
    if ctx.ref is None:
        return None
    toks = s.tokens
    k = j + 1
    hedge = ""
    while k < len(toks) and toks[k].lower in ("more", "than", "nearly", "almost", "over", "about"):
        hedge = "nearly" if toks[k].lower in ("nearly", "almost") else (
            "more" if toks[k].lower in ("more", "over") else hedge)  # fmt: skip
        k += 1
    if k + 1 >= len(toks):
        return None
    n = 1 if toks[k].lower in ("a", "an") else _count(toks[k])
    unit = toks[k + 1].lower.rstrip("s") if n else ""
    if not n or unit not in ("month", "year"):
        return None
    days = n * (365.25 if unit == "year" else 30.44)
    lo, hi = _FIRST_IN_SPAN[hedge]
    first = ctx.ref - dt.timedelta(days=round(days * hi))
    last = ctx.ref - dt.timedelta(days=round(days * lo))
    return DateMention(toks[j].start, toks[k + 1].end, f"{n} {unit}s", "span", first, last)


def _since_after(words: list[str], j: int) -> int | None:
    """The position of "since" within 12 words after ``j`` in the same clause ("the first time it
    has closed above the 6,000 mark since February 21"), else ``None``."""
    for k in range(j, min(len(words), j + 13)):
        if words[k] == "since":
            return k
        if words[k] in (".", ";", "!", "?") or (words[k] == "," and k > j):
            return None
    return None


def _first_since(
    ctx: Ctx, s: Sent, i: int, k: int, used: set[int], anchor: DateMention | None = None
) -> list[Claim]:
    """ "closed below 14 for the first time since Dec. 2024", "For the first time since
    April 4, 2024, the S&P 500 fell below the key 5,000 mark": the close is on that side of the
    level, and no close between the anchor and the day was. The level is the one right after a
    side word ("above", "topped", "below", "under"...) in the sentence, before the phrase or, when
    the phrase is fronted (a comma after its anchor), after it; the anchor is the date after
    "since" (an event, "since the pandemic", is not read)."""
    anchor = anchor or _since_anchor(ctx, s, k)
    if anchor is None or anchor.first is None or anchor.last is None:
        return []
    phrase_start = s.tokens[i].start
    since_at = s.tokens[k].start
    in_date = [(d.start, d.end) for d in s.dates]

    def side_of(q: Quantity) -> str | None:
        before = s.words_before(q.start, 4)
        if any(w in _BELOW_WORDS for w in before):
            return "below"
        if any(w in _ABOVE_WORDS for w in before):
            return "above"
        return None

    cands = [
        q
        for q in s.quantities
        if _is_level(q)
        and q.start not in used
        and not any(a <= q.start < b for a, b in in_date)
        and side_of(q) is not None
    ]
    before = [q for q in cands if q.end <= phrase_start]
    inside = [q for q in cands if phrase_start < q.start and q.end <= since_at]
    fronted = anchor.end < len(s.doc.text) and s.doc.text[anchor.end : anchor.end + 1] == ","
    after = [q for q in cands if q.start >= anchor.end] if fronted else []
    lvl = inside[-1] if inside else before[-1] if before else (after[0] if after else None)
    if lvl is None:
        return []
    subj = bind_subject(ctx, s, lvl.start)
    if subj.value is None or subj.value.kind not in ("index", "stock", "etf", "volatility"):
        return []
    if (subj.value.kind == "index") != (lvl.value >= 100):
        return []  # "RSI is above 70" is no S&P 500 level, "5,000" no VIX level
    side = side_of(lvl)
    used.add(lvl.start)
    closed = any(w in _CLOSE_WORDS for w in s.words_before(lvl.start, 4))
    return [make_claim(
        ctx, s, kind="level", measure="first_cross", subject=subj,
        parts=[(min(lvl.start, phrase_start), max(lvl.end, anchor.end))], rule="first",
        value=lvl.value, unit="points", date=bind_date(ctx, s, lvl.start), level=lvl.value,
        extra={"since": (anchor.first, anchor.last), "side": side, "closed": closed,
               "anchor_text": anchor.text},
        at=lvl.start,
    )]  # fmt: skip


def _extreme_scope(s: Sent, i: int) -> tuple[int, str, DateMention | None]:
    """The word before "high"/"low"/"record" (past "closing"): its position, its text, and the
    year it names ("its 2026 closing high")."""
    toks = s.tokens
    j = i - 1 if toks[i - 1].lower != "closing" else i - 2
    if j < 0:
        return j, "", None
    yr = next((d for d in s.dates if d.kind == "year" and d.start == toks[j].start), None)
    return j, toks[j].lower, yr


def _level_of(s: Sent, i: int, used: set[int]) -> Quantity | None:
    """The level in "high of 6,977.27" (the quantity after "of"), unless another rule took it."""
    nxt = s.tokens[i + 1 : i + 3]
    if len(nxt) < 2 or nxt[0].lower != "of":
        return None
    lvl = next(
        (q for q in s.quantities if q.start <= nxt[1].start < q.end or q.start == nxt[1].start),
        None,
    )
    return lvl if lvl is not None and _is_level(lvl) and lvl.start not in used else None


def rule_extreme(ctx: Ctx, s: Sent, used: set[int]) -> list[Claim]:
    """An extreme close and its day: "its annual closing low on April 8", "topping the previous
    record of 2,190.15", "its 2026 closing high of 6977.27 hit Monday, Jan. 12, 2026"."""
    toks = s.tokens
    for i, t in enumerate(toks):
        w = t.lower
        if w not in ("low", "high", "record") or i == 0:
            continue
        j, scope, yr = _extreme_scope(s, i)
        prior = scope in ("previous", "prior")
        if not (prior or yr or scope in ("annual", "52-week", "all-time", "year's", "week")):
            continue
        lvl = _level_of(s, i, used)
        day = next(
            (
                d
                for d in s.dates
                if d.kind == "day"
                and d.first
                and t.end <= d.start <= (lvl.end if lvl else t.end) + 16
            ),
            None,
        )
        if lvl is None and day is None:
            continue
        subj = bind_subject(ctx, s, t.start)
        if subj.value is None or subj.value.kind not in ("index", "stock", "etf", "market"):
            continue
        if lvl is not None:
            used.add(lvl.start)
        window = (
            "52w"
            if scope in ("52-week", "week")
            else "year"
            if (scope in ("annual", "year's") or yr)
            else "all"
        )
        end = max(t.end, lvl.end if lvl else 0, day.end if day else 0)
        return [make_claim(
            ctx, s, kind="date_fact" if day else "level", measure="extreme", subject=subj,
            parts=[(toks[max(0, j)].start, end)], rule="extreme", value=lvl.value if lvl else (day.text if day else None),
            unit="points", date=Bind(day, day.text, "explicit") if day else bind_date(ctx, s, t.start), level=lvl.value if lvl else None,
            extra={"extreme": "min" if w == "low" else "max", "window": window, "prior": prior,
                   "year": yr.first.year if yr and yr.first else None, "date_stated": day is not None},
        )]  # fmt: skip
    return []


#: words between "record" and "of L" that keep the phrase a name of the record's level
_RECORD_NOUNS = frozenset({"high", "close", "closing", "level", "finish", "all-time"})
_RECORD_LEAD = frozenset(
    {"its", "the", "a", "their", "previous", "prior", "old", "earlier", "former", "fresh", "new",
     "closing", "all-time"}
)  # fmt: skip
_RECORD_PRIOR = frozenset({"previous", "prior", "old", "earlier", "former"})
#: words between the level and its day: "of 3,386.15 set on Feb. 19", "of 6,912 on December 24"
_RECORD_DAY_GAP = frozenset({"on", "set", "hit", "reached", "notched", "posted", ",", "recorded"})
#: words after the number that make it a count, not a level ("a record of 20 sessions")
_COUNT_AFTER = frozenset(
    {"days", "day", "sessions", "session", "weeks", "months", "years", "straight", "consecutive",
     "times", "%", "percent", "points", "point"}
)  # fmt: skip


def _all_time_high(toks: list[Token], i: int) -> bool:
    """ "its all-time high of 4797", "its all-time closing high of 3,386.15": "all-time" names
    the record when "high" follows it (with "closing" between); a low or "all-time of" is not."""
    if toks[i].lower != "all-time":
        return False
    nxt = [x.lower for x in toks[i + 1 : i + 3]]
    return nxt[:1] == ["high"] or nxt == ["closing", "high"]


def rule_record_level(ctx: Ctx, s: Sent, used: set[int]) -> list[Claim]:
    """A level named as the record: "its previous record of 2,190.15", "its record high close
    of 3,386.15", "a record close of 3,386.15 on Feb. 19", "a fresh closing record of 6,912 on
    December 24", "its all-time high of 4797" (a high, not said to be a close: never
    contradicted). The record as of the day the words give (the day after the level), else as of
    the article's session; "previous" asks for the record before it."""
    toks = _compounds(s.tokens)
    for i, t in enumerate(toks):
        if t.lower != "record" and not _all_time_high(toks, i):
            continue
        k = i + 1
        while k < len(toks) and k <= i + 3 and toks[k].lower in _RECORD_NOUNS:
            k += 1
        if k + 1 >= len(toks) or toks[k].lower != "of":
            continue
        nxt = toks[k + 1] if toks[k + 1].text != "$" or k + 2 >= len(toks) else toks[k + 2]
        lvl = next((q for q in s.quantities if q.start == nxt.start), None)
        if lvl is None or not _is_level(lvl) or lvl.start in used or lvl.words:
            continue
        if any(x.lower in _COUNT_AFTER for x in s.after(lvl.end, 1)):
            continue
        prev = [x.lower for x in toks[max(0, i - 3) : i]]
        if any(w in ("52-week", "year's", "annual", "month's", "week's") for w in prev):
            continue  # another window's extreme (rule_extreme)
        subj = bind_subject(ctx, s, t.start)
        if subj.value is None or subj.value.kind not in ("index", "etf", "market", "stock"):
            continue
        used.add(lvl.start)
        names = {x.lower for x in toks[i + 1 : k]} | set(prev[-1:])
        day = _record_day(s, lvl)
        date = Bind(day, day.text, "explicit") if day is not None else bind_date(ctx, s, t.start)
        end = day.end if day is not None else lvl.end
        year = _record_year(s, t.start) if day is None else None
        a = t.start  # the quote opens with the record's determiner: "its previous record of"
        for x in reversed(toks[max(0, i - 3) : i]):
            if x.lower not in _RECORD_LEAD:
                break
            a = x.start
        c = make_claim(
            ctx, s, kind="level", measure="record_level", subject=subj, parts=[(a, end)],
            rule="record_level", value=lvl.value, unit="points", decimals=lvl.decimals, date=date,
            level=lvl.value, hedge=s.hedge(lvl), lead=False,
            extra={"prior": bool(_RECORD_PRIOR & set(prev)), "date_stated": day is not None,
                   "closing": bool(names & {"close", "closing", "finish"}),
                   "year_first": year.first if year else None,
                   "year_last": year.last if year else None},
        )  # fmt: skip
        if (
            year is not None
            and year.first
            and c.date
            and year.first <= c.date
            and "date" in c.assumed
        ):
            # the year its words name is the claim's time (judge_record_level reads the year's
            # record closes), not the article's day the default gave it
            c.assumed.remove("date")
            c.bound["date"] = year.text
        return [c]
    return []


def _record_year(s: Sent, pos: int) -> DateMention | None:
    """The year a record at ``pos`` was set in, named in its clause or opening the sentence
    ("In 2023, the S&P 500 achieved an all-time high of 4,496"); not the start of a "since"."""
    cl = s.clause_of(pos)
    for d in s.dates:
        if d.kind != "year" or d.first is None or since_anchor(s, d):
            continue
        opening = d.start - s.start <= 4 and s.words_before(d.start, 1) in ([], ["in"])
        if cl.start <= d.start < cl.end or opening:
            return d
    return None


def _record_day(s: Sent, lvl: Quantity) -> DateMention | None:
    """The day a record's level was set, named right after it ("of 3,386.15 set on Feb. 19")."""
    for d in s.dates:
        if d.kind != "day" or not d.first or not lvl.end <= d.start <= lvl.end + 24:
            continue
        gap = [x.lower for x in s.tokens if lvl.end <= x.start < d.start]
        if all(w in _RECORD_DAY_GAP for w in gap):
            return d
    return None


_TOWARD = frozenset({"toward", "towards", "approaching", "nearing", "nears"})
_ASCENT = frozenset({"ascent", "climb", "rally", "rise", "march", "path", "advance", "push", "run"})
_DESCENT = frozenset({"slide", "fall", "decline", "drop", "retreat", "descent"})


def rule_toward(ctx: Ctx, s: Sent, used: set[int]) -> list[Claim]:
    """A level not yet reached: "the S&P 500's ascent toward the 6,900 level", "slid toward 6,000"."""
    for q in s.quantities:
        if q.start in used or not _is_level(q) or q.value < 100:
            continue
        prev = s.words_before(q.start, 4)
        k = next((i for i in range(len(prev) - 1, -1, -1) if prev[i] in _TOWARD), None)
        if k is None or not all(w in ("the", "a", "$") for w in prev[k + 1 :]):
            continue
        before = s.words_before(q.start, 8)
        up = any(w in _ASCENT or w in UP_WORDS for w in before)
        down = any(w in _DESCENT or w in DOWN_WORDS for w in before)
        if up == down:
            continue
        subj = bind_subject(ctx, s, q.start)
        if subj.value is None or subj.value.kind not in ("index", "etf"):
            continue
        used.add(q.start)
        return [make_claim(
            ctx, s, kind="level", measure="toward", subject=subj, parts=[(q.start - 20 if q.start >= 20 else 0, q.end)],
            rule="toward", value=f"{'below' if up else 'above'} {q.text}", unit="points", date=bind_date(ctx, s, q.start),
            level=q.value, direction=1 if up else -1,
        )]  # fmt: skip
    return []


def rule_annual_streak(ctx: Ctx, s: Sent, used: set[int]) -> list[Claim]:
    """ "The third consecutive year of double-digit gains", "three straight years of gains above 15%"."""
    toks = s.tokens
    for i, t in enumerate(toks):
        if t.lower not in ("consecutive", "straight", "successive") or i + 1 >= len(toks):
            continue
        if toks[i + 1].lower not in ("year", "years", "annual"):
            continue
        n_tok = next((x for x in reversed(toks[max(0, i - 2) : i]) if _count(x)), None)
        if n_tok is None:
            continue
        tail = [x.lower for x in toks[i + 2 : i + 9]]
        down = any(w in ("losses", "declines", "decline", "negative", "loss") for w in tail)
        if not down and not any(
            w in ("gains", "gain", "returns", "positive", "advances", "increases") for w in tail
        ):
            continue
        thr_q = next(
            (
                q
                for q in s.quantities
                if q.unit == "pct" and toks[i].end <= q.start <= toks[min(len(toks) - 1, i + 9)].end
            ),
            None,
        )
        thr = (
            thr_q.value if thr_q else (10.0 if "double" in tail or "double-digit" in tail else 0.0)
        )
        if thr_q is not None:
            used.add(thr_q.start)
        subj = bind_subject(ctx, s, t.start, after_ok=True)
        if subj.value is None or subj.value.kind not in ("index", "etf", "market"):
            continue
        n = _count(n_tok) or 0
        end = toks[min(len(toks) - 1, i + 8)].end
        return [make_claim(
            ctx, s, kind="pct_change", measure="annual_streak", subject=subj, parts=[(n_tok.start, end)],
            rule="annual_streak", value=f"{n} years of {'losses' if down else 'gains'} beyond {thr:g}%", unit="years",
            date=bind_date(ctx, s, t.start), direction=-1 if down else 1, extra={"n": n, "threshold": thr},
        )]  # fmt: skip
    return []


#: verbs and words right before a yield that put it above the figure ("surpassed 4.8%")
_YIELD_ABOVE = frozenset(
    {"topped", "above", "exceeded", "crossed", "surpassed", "breached", "eclipsed"}
)
_YIELD_LEAD = frozenset(
    [
        "surpassed",
        "breached",
        "eclipsed",
        "tops",
        "hits",
        "reaches",
        "crosses",
        "touches",
        "at",
        "to",
        "topped",
        "above",
        "below",
        "was",
        "is",
        "stood",
        "hit",
        "reached",
        "ended",
        "near",
        "around",
        "about",
        "of",
        "yielding",
        # "the benchmark 10-year Treasury note yielded 3.926%": the verb of the yield itself
        "yielded",
        "touched",
        "crossed",
        "exceeded",
        "under",
        "rose",
        "fell",
        "climbed",
        "dropped",
        "jumped",
        "slipped",
        "slid",
        "eased",
    ]
)


#: words between "a high of" and its figure that only round it ("an all-time high of almost 4.34%")
_EXTREME_HEDGES = frozenset(
    {"almost", "about", "nearly", "around", "roughly", "near", "just", "over", "under", "above",
     "below", "approximately", "some", "close", "to"}
)  # fmt: skip
#: what makes "a high of" a session's extreme ("a high of", "an intraday high of", "the day's low of")
_SESSION_EXTREME_SCOPE = frozenset(
    {"a", "an", "intraday", "session", "session's", "day's", "new", "fresh"}
)  # fmt: skip


def _yield_extreme_of(s: Sent, q: Quantity) -> tuple[str, int] | None:
    """Whether a yield's figure is the level of a high or low, not a close (the class "a high
    of L is an intraday or record figure, never a close"): ``("record high", start)`` for "hit an
    all-time high of almost 4.34%", "a record low of 0.5%" (judged on the series' whole history),
    ``("session high", start)`` for "touched a high of 4.3%", "an intraday low of 3.9%" (closes
    cannot settle it), else ``None``. A period's extreme ("a 16-year high of 4.9%", "its 52-week
    high of 4.231%") is neither and is left to the other readings; ``start`` is where its words
    begin."""
    before = _compounds(s.before(q.start, 10))
    k = len(before)
    while k and before[k - 1].lower in _EXTREME_HEDGES:
        k -= 1
    if k < 3 or before[k - 1].lower != "of" or before[k - 2].lower not in ("high", "low"):
        return None
    side = before[k - 2].lower
    scope = before[k - 3]
    if scope.lower in _RECORD_WORDS:
        a = (
            before[k - 4]
            if k >= 4 and before[k - 4].lower in ("a", "an", "new", "fresh")
            else scope
        )
        return f"record {side}", a.start
    if scope.lower in ("record-high", "record-low", "all-time-high", "all-time-low"):
        return None
    if scope.lower in _SESSION_EXTREME_SCOPE:
        return f"session {side}", scope.start
    return None


def _after_change_words(prev: list[str]) -> bool:
    """Whether a percent follows change words right before it ("was up by 0.2%", "down by 5.3%",
    "rose 2%", "gained 1.5%", "was up 0.2%"): the figure is a change, never a yield's level (a
    level is placed by a preposition: "rose to 4.6%", "was at 4.2%")."""
    words = list(prev)
    if words[-1:] == ["by"]:
        words.pop()  # "down by 5.3%", "up by 0.2%"
    while words and words[-1].endswith("ly") and len(words[-1]) > 4:
        words.pop()  # "rose sharply by 3.08%", "fell slightly 0.2%"
    return bool(words) and (words[-1] in UP_WORDS or words[-1] in DOWN_WORDS)


def rule_yield(ctx: Ctx, s: Sent, used: set[int]) -> list[Claim]:
    """A Treasury yield's level ("the 10-year at about 4.145%", "topped 4.27%"), its move ("fell 3
    basis points to 4.01%", "up 1.388 percentage points from 52 weeks ago") or its distance from a
    reference ("off 0.651 percentage point from its 52-week high of 4.231%")."""
    out: list[Claim] = []
    for q in s.quantities:
        if q.start in used or q.unit not in ("pct", "bp", "pp") or q.is_range:
            continue
        subj = bind_subject(ctx, s, q.start, after_ok=True)
        generic = _generic_yields_tenor(s, q) if subj.value is None else None
        subj = generic or subj
        if subj.value is None or subj.value.kind != "yield":
            continue
        own = _yields_pushed(ctx, s, q, used)
        if own is not None:
            out.append(own)
        if q.unit in ("bp", "pp"):
            if subj.value.key == SPREAD_KEY and s.words_before(q.start, 1) in (["to"], ["at"]):
                # "the spread between 2s and 10s rose to 58.1 bps": the spread's level, in bp
                used.add(q.start)
                pp = q.value / 100 if q.unit == "bp" else q.value
                out.append(make_claim(
                    ctx, s, kind="rate", measure="yield", subject=subj,
                    parts=[(q.start, q.end)], rule="yield", value=round(pp, 4), unit="pct",
                    decimals=q.decimals + (2 if q.unit == "bp" else 0), date=bind_date(ctx, s, q.start),
                    hedge=s.hedge(q), extra={"close": False},
                ))  # fmt: skip
                continue
            out.extend(_yield_move(ctx, s, q, subj, used))
            continue
        prev = s.words_before(q.start, 3)
        start_day = _from_day(ctx, s, q)
        if start_day is not None:  # "rose to 4.60% from 4.48% on Monday": that day's yield
            used.add(q.start)
            c = make_claim(
                ctx, s, kind="rate", measure="yield", subject=subj, parts=[(q.start, max(q.end, start_day.value.end))], rule="yield",
                value=q.value, unit="pct", decimals=q.decimals, date=start_day, hedge=s.hedge(q),
                extra={"close": False, "from_day": True},
            )  # fmt: skip
            if ctx.ref is not None and c.date is not None and c.date < ctx.ref:
                # a finished day's level: the live or intraday words ("late Tuesday", "a day
                # earlier") are about the move's end, not its start
                c.qualifiers = [x for x in c.qualifiers if x != "intraday"]
                c.extra.pop("moment", None)
            out.append(c)
            continue
        if _after_change_words(prev):
            continue  # "was up by 0.2%", "fell 5.3%": a change, never the yield's level
        if _range_end(s, q):
            continue
        reference = prev[-1:] == ["of"] and "from" in s.words_before(q.start, 8)
        end_of = _close_of_period(s, q)  # "up from 3.88% at the close of 2023": dated by its words
        if end_of is None and (not any(w in _YIELD_LEAD for w in prev) or reference):
            continue  # "from its 52-week high of 4.231%": a reference, not the level now
        hedge = s.hedge(q)
        extreme = _yield_extreme_of(s, q)
        if extreme is not None:  # "hit an all-time high of almost 4.34%", "touched a high of 4.3%"
            used.add(q.start)
            c = make_claim(
                ctx, s, kind="rate", measure="yield", subject=subj, parts=[(extreme[1], q.end)], rule="yield",
                value=q.value, unit="pct", decimals=q.decimals, date=bind_date(ctx, s, q.start), hedge=hedge,
                extra={"close": False, "record_extreme": extreme[0]},
            )  # fmt: skip
            if not extreme[0].startswith("record") and "intraday" not in c.qualifiers:
                c.qualifiers.append("intraday")  # a session's high or low: closes cannot settle it
            out.append(c)
            continue
        if hedge[1] == "=" and prev and prev[-1] in _YIELD_ABOVE:
            hedge = (prev[-1], ">")
        elif hedge[1] == "=" and prev and prev[-1] in ("below", "under"):
            hedge = (prev[-1], "<")
        if prev and hedge[0] == prev[-1] and hedge[0] in _YIELD_ABOVE | {"below", "under"}:
            # "the two-year topped 5% early in March": a side in a named period
            side = yield_threshold(ctx, s, q, subj, "below" if hedge[1][0] == "<" else "above")
            if side is not None:
                used.add(q.start)
                out.append(side)
                continue
        used.add(q.start)
        # "after ending May at 2.74%", "where it started 2022 at 1.51%": the level of that day
        verb = next(
            (
                t
                for t in reversed(s.before(q.start, 6))
                if t.lower in CLOSE_WORDS
                or t.lower in _START_WORDS
                or t.lower in UP_WORDS
                or t.lower in DOWN_WORDS
            ),
            None,
        )
        # "fell 9 basis points in November to 4.02%": the level at the end of the month named
        date = _close_date(ctx, s, verb.start if verb is not None else q.start, q)
        if end_of is not None:  # "up from 3.88% at the close of 2023"
            date = end_of
        in_month = _level_in_month(s, q, verb) if end_of is None else None
        if in_month is not None:
            # "peaked at 4.73% in April", "dipped to 3.61% in September": a level the yield
            # reached within the month (its highest, its lowest, or any close of it)
            mon, month_side = in_month
            assert mon.first is not None and mon.last is not None
            out.append(make_claim(
                ctx, s, kind="rate", measure="yield", subject=subj, parts=[(verb.start if verb is not None else q.start, mon.end)],
                rule="yield", value=q.value, unit="pct", decimals=q.decimals, date=Bind(mon, mon.text, "explicit"),
                hedge=hedge, extra={"close": False, "in_month": (mon.first, mon.last), "month_side": month_side},
            ))  # fmt: skip
            continue
        lead = verb.start if verb is not None else q.start
        if generic is not None:
            # the level of the generic "yields": its words start there, not at the price's verb
            lead = max(
                t.start for t in s.tokens if t.lower in ("yields", "yield") and t.start < q.start
            )
        out.append(make_claim(
            ctx, s, kind="rate", measure="yield", subject=subj, parts=[(lead, q.end)], rule="yield",
            value=q.value, unit="pct", decimals=q.decimals, date=date, hedge=hedge,
            extra={"close": verb is not None and verb.lower in CLOSE_WORDS},
            lead=generic is None,
        ))  # fmt: skip
    return out


#: verbs of a level a yield reached at its highest or lowest in a period, and of one it reached
_PEAK_VERBS = frozenset({"peaked", "topped", "crested", "maxed"})
_TROUGH_VERBS = frozenset({"dipped", "bottomed", "troughed", "bottoming"})


def _level_in_month(s: Sent, q: Quantity, verb: Token | None) -> tuple[DateMention, str] | None:
    """The month right after a yield level reached by a move verb ("peaked at 4.73% in April",
    "dipped to 3.61% in September", "rose to 5% in October") and which close of it the verb
    names: ``max``, ``min`` or ``any``; ``None`` for other words."""
    near = [t for t in s.before(q.start, 4) if t.kind == "word"]
    own = next((t for t in reversed(near) if t.lower in _PEAK_VERBS | _TROUGH_VERBS), None)
    verb = own or verb
    if verb is None or verb.lower in CLOSE_WORDS:
        return None
    if s.words_after(q.end, 1) != ["in"]:
        return None
    after = s.after(q.end, 2)
    mon = next((d for d in s.dates if len(after) > 1 and d.start == after[1].start), None)
    if mon is None or mon.kind != "month" or mon.first is None or mon.last is None:
        return None
    w = verb.lower
    side = "max" if w in _PEAK_VERBS else "min" if w in _TROUGH_VERBS else "any"
    return mon, side


#: verbs that push yields one way ("raising yields to 4.5% from Tuesday's 4.36%")
_PUSH_UP = frozenset({"raising", "lifting", "hiking", "boosting", "raised", "lifted", "hiked"})
_PUSH_DOWN = frozenset({"lowering", "reducing", "cutting", "trimming", "weighing", "depressing",
                        "lowered", "reduced", "cut", "trimmed"})  # fmt: skip


def _yields_pushed(ctx: Ctx, s: Sent, q: Quantity, used: set[int]) -> Claim | None:
    """ "Prices for the 10-year Treasury fell sharply, raising yields to 2.53% from Thursday's
    2.55%": the direction the verb pushes yields against the two levels the clause states, the
    article's own arithmetic (a machine-written wrap picks the verb by the price's move and may
    pick the wrong one); ``None`` for other words."""
    before = s.words_before(q.start, 3)
    if len(before) < 3 or before[1:] != ["yields", "to"]:
        return None
    d = 1 if before[0] in _PUSH_UP else -1 if before[0] in _PUSH_DOWN else 0
    base = s.next_quantity(q)
    if d == 0 or base is None or base.unit != "pct" or base.start in used:
        return None
    gap = [t.lower for t in s.doc.tokens_in(q.end, base.start)]
    if not gap or gap[0] != "from" or len(gap) > 5:
        return None
    start = next(t.start for t in reversed(s.before(q.start, 6)) if t.lower == before[0])
    if _price_of(s, next((m.start for m in s.subjects if m.start < start), start)):
        start = s.start  # "Prices for the 10-year Treasury fell, raising yields ...": the whole
    return make_claim(
        ctx,
        s,
        kind="rate",
        measure="own_direction",
        subject=NONE,
        parts=[(start, base.end)],
        rule="yield",
        value="higher" if d > 0 else "lower",
        unit="",
        date=None,
        direction=d,
        level=q.value,
        base=base.value,
        needs=(),
    )


def _generic_yields_tenor(s: Sent, q: Quantity) -> Bind | None:
    """ "Prices for the 10-year Treasury strengthened, lowering yields to 4.21% from Monday's
    4.28%": "yields" right before a level (through a verb and "to", "at") in a sentence that names
    one Treasury tenor only are that tenor's; ``None`` otherwise."""
    before = s.words_before(q.start, 4)
    if "yields" not in before and "yield" not in before:
        return None
    tenors = {m.subject.key: m for m in s.subjects if m.subject is not None and m.subject.kind == "yield"
              and not m.anaphora and m.start < q.start}  # fmt: skip
    if len(tenors) != 1:
        return None
    m = next(iter(tenors.values()))
    how = f"yields → {m.text} (the sentence's only tenor)"
    return Bind(m.subject, how, "anaphora", f"its subject is a back-reference ({how})")


def _range_end(s: Sent, q: Quantity) -> bool:
    """ "between 1.6% on the low end and around 3% on the high end since mid-2011": a figure named
    as one end of a range a span covers is no level of a day."""
    w = s.words_after(q.end, 4)
    return w[:1] in (["on"], ["at"]) and w[1:2] == ["the"] and w[2:3] in (
        ["low"], ["high"], ["lower"], ["upper"]) and w[3:4] == ["end"]  # fmt: skip


#: words after a level that say it is the day before's: "from 3.10 percent a day earlier"
_DAY_BEFORE = (("a", "day", "earlier"), ("the", "day", "before"), ("the", "previous", "day"),
               ("the", "previous", "session"), ("the", "prior", "session"), ("a", "day", "ago"),
               ("the", "prior", "day"))  # fmt: skip
_FROM_DAY_LOOSE = "a starting level quoted with a day may be a mark of that session, not its close"


def _from_day(ctx: Ctx, s: Sent, q: Quantity) -> Bind | None:
    """The day of a yield stated as the start of a move, or ``None``: "to 4.60% from 4.48% on
    Monday", "from 4.83% late Tuesday", "from Friday's 3.75%", "from 3.10 percent a day
    earlier" (the session before the day the sentence speaks of). The binding is loose: a yield
    quoted "late Tuesday" is a dealer's mark, not the constant-maturity close, so the claim can be
    supported, never contradicted."""
    single = ctx.window is not None and ctx.window[0] == ctx.window[1]
    # a weekday or "yesterday" in an article dated only to a month names no one day
    kinds = ("day", "weekday", "relative") if single else ("day",)
    prev = s.before(q.start, 2)
    if not prev or prev[-1].lower != "from":
        named = len(prev) == 2 and prev[0].lower == "from"
        if not named:
            return None
        dm = next((d for d in s.dates if prev[1].start <= d.start < q.start), None)
        # "from Friday's 3.75%": the weekday or date right before the level
        if dm is None or dm.day is None or dm.kind not in kinds:
            return None
        return Bind(dm, dm.text, "explicit", _FROM_DAY_LOOSE)
    after = s.after(q.end, 4)
    if after and after[0].lower in ("on", "late", "early"):
        after = after[1:]
    if not after:
        return None
    dm = next((d for d in s.dates if d.start == after[0].start), None)
    if dm is not None and dm.day is not None and dm.kind in kinds:
        return Bind(dm, dm.text, "explicit", _FROM_DAY_LOOSE)
    words = tuple(t.lower for t in after[:3])
    if words not in _DAY_BEFORE:
        return None
    # the day the move is about: one named before the level in its clause ("On Tuesday, the yield
    # fell to 3.05% from 3.10% a day earlier"), not another level's start day ("from 4.83% late
    # Tuesday and ... from 4.40% a day earlier"), else the article's own day
    cl = s.clause_of(q.start)
    own_days = [
        d.day
        for d in s.dates
        if cl.start <= d.start < q.start
        and d.day is not None
        and d.kind in kinds
        and not {"from", "late", "early"} & set(s.words_before(d.start, 3))
    ]
    own = own_days[-1] if own_days else (ctx.ref if single else None)
    if own is None:
        return None
    day = own - dt.timedelta(days=1)  # a weekend day reads as the session before it
    text = " ".join(t.text for t in after[:3])
    dm = DateMention(after[0].start, after[2].end, text, "relative", day, day)
    return Bind(dm, text, "explicit", _FROM_DAY_LOOSE)


def _yield_move(ctx: Ctx, s: Sent, q: Quantity, subj: Bind, used: set[int]) -> list[Claim]:
    d, _ = s.direction(q)
    if d == 0:
        return []
    # the size, signed by the direction: "fell -13 basis points" writes the fall twice
    bp = abs(q.value) * (100 if q.unit == "pp" else 1)
    after = s.after(q.end, 12)
    close = next((k for k, t in enumerate(after[:5]) if t.text == ")"), None)
    if after and after[0].text == "(" and close is not None:
        after = after[close + 1 :]  # "down 45 basis points (bps) from its 4.33% close"
    date = bind_date(ctx, s, q.start, before_only=True)
    common = dict(subject=subj, rule="yield", unit="bp", decimals=q.decimals + (2 if q.unit == "pp" else 0),
                  date=date, hedge=s.hedge(q), direction=d)  # fmt: skip
    used.add(q.start)
    if after and after[0].lower == "from" and not any(p.start == after[0].start for p in s.periods):
        ref = next(
            (
                x
                for x in s.quantities
                if x.start > q.end and x.unit == "pct" and x.start - q.end < 80
            ),
            None,
        )
        if ref is None:
            return []
        used.add(ref.start)
        # "from its 4.33% close on 11/30/23": the day of the level
        on = next(
            (
                x
                for x in s.dates
                if x.kind == "day"
                and x.first is not None
                and ref.end <= x.start <= ref.end + 25
                and set(s.doc.text[ref.end : x.start].lower().split())
                <= {"close", "closing", "level", "on", "at", "the", "of"}
            ),
            None,
        )
        extra = {"level_day": on.first.isoformat()} if on is not None and on.first else None
        return [make_claim(
            ctx, s, kind="rate", measure="yield_distance", parts=[(q.start, ref.end)], value=bp * d,
            level=ref.value, extra=extra, **common,  # type: ignore[arg-type]
        )]  # fmt: skip
    lvl_follows = bool(after) and after[0].lower == "to"
    period = bind_period(ctx, s, q, level_follows=lvl_follows)
    return [make_claim(
        ctx, s, kind="rate", measure="yield_change", parts=[(q.start, q.end)], value=bp * d, period=period,
        needs=("subject", "date", "period"), **common,  # type: ignore[arg-type]
    )]  # fmt: skip


def rule_macro(ctx: Ctx, s: Sent, used: set[int]) -> list[Claim]:
    """A macro figure: CPI or PCE inflation (year over year, month over month), the unemployment
    rate, GDP growth, payrolls."""
    out: list[Claim] = []
    for q in s.quantities:
        if q.start in used or q.is_range:
            continue
        subj = bind_subject(ctx, s, q.start)
        jobs = _jobs_after(s, q)
        if jobs is not None and (subj.value is None or subj.value.kind not in ("inflation", "gdp")):
            subj = jobs  # "employers added 254,000 jobs"
        if subj.value is None or subj.value.kind not in ("inflation", "labor", "gdp"):
            continue
        key = subj.value.key
        if key == "payems":
            if q.unit == "plain" and q.magnitude >= 1000:
                used.add(q.start)
                d, _ = s.direction(q)
                if not d and set(s.words_before(q.start, 3)) & _JOB_VERBS:
                    d = 1  # "the US created 187,000 jobs"
                # "added 254,000 jobs", "rose by 254,000": the month's change; else a level
                tr, words = (
                    ("change", "a month's change") if d else ("level_count", "the figure itself")
                )
                out.append(_macro(ctx, s, q, subj, tr, words))
            continue
        if q.unit != "pct":
            continue
        transform, words = _macro_transform(s, q, key)
        used.add(q.start)
        out.append(_macro(ctx, s, q, subj, transform, words))
    return out


_JOB_VERBS = frozenset({"created", "creates", "generated", "generates", "adding", "added"})


def _jobs_after(s: Sent, q: Quantity) -> Bind | None:
    """ "254,000 jobs", "254,000 nonfarm payrolls": the number counts payroll jobs."""
    nxt = s.words_after(q.end, 3)
    nxt = nxt[1:] if nxt[:1] in (["new"], ["nonfarm"], ["non-farm"]) else nxt
    if nxt[:1] in (["jobs"], ["payrolls"], ["positions"]):
        return Bind(subject_by_key("payems"), f"{q.text} {nxt[0]}", "named")
    return None


def _macro_transform(s: Sent, q: Quantity, key: str) -> tuple[str, str]:
    """How a macro percentage is measured: the period words nearest the number ("0.4% month over
    month and 3.9% from a year ago"), "in January from December" (a month on month), else the
    measure's usual reading, or ``any`` (year over year or month over month) when none is usual."""
    cands = [
        p for p in s.periods if p.kind in ("yoy", "mom", "qoq", "annualized", "ago", "trailing")
    ]
    after = [
        p
        for p in cands
        if q.end <= p.start <= q.end + 60
        and not any(q.end <= x.start < p.start for x in s.quantities)
        and not _turns_to_another(s, q.end, p.start)
    ]
    # period words before the number are its own only when no other figure owns them ("0.6
    # percent from a month earlier and 6.2 percent": the month is the 0.6's)
    before = [
        p
        for p in cands
        if p.end <= q.start
        and not any(p.end <= x.start < q.start for x in s.quantities)
        and period_owner(s, p) is q
    ]
    if after and _earlier_reading(s, q, after[0]):
        after = []  # "from 5.9% a month earlier": when the earlier reading was, not a transform
    p = after[0] if after else (before[-1] if before else None)
    if key == "unrate":
        if _rate_moved_by(s, q):
            return "level_change", "a change of the rate (points)"
        return "level", "a rate"
    if p is not None:
        kind = {"qoq": "annualized"}.get(p.kind, p.kind)
        if p.kind in ("ago", "trailing"):  # "3.9% from a year ago", "over the past 12 months"
            unit_n = (p.unit, p.n)
            kind = (
                "yoy"
                if unit_n in (("year", 1), ("month", 12))
                else "mom"
                if unit_n == ("month", 1)
                else ""
            )
            if not kind:
                return "any", p.text
        return kind, p.text
    months = [d for d in s.dates if d.kind == "month" and d.start > q.end]
    if len(months) >= 2 and s.doc.text[months[0].end : months[1].start].split() == ["from"]:
        return "mom", f"{months[0].text} from {months[1].text}"  # "in January from December"
    words = s.words_before(q.start, 8)
    if "annual" in words or "year-over-year" in words or "12-month" in words:
        return "yoy", "annual"
    # "a monthly rise of 0.1%", "0.1% on the month": the month's change
    near = words + s.words_after(q.end, 4)
    if set(near) & {"monthly", "month-over-month", "month-on-month"} or _on_the_month(s, q):
        return "mom", "monthly"
    if key == "gdp":
        return "annualized", "GDP growth (annualized, as reported)"
    return "any", "no period words (year over year or month over month)"


def _rate_moved_by(s: Sent, q: Quantity) -> bool:
    """ "the unemployment rate declined by 0.4%", "rose 0.2%": a rate that moves by a figure
    moves by points, so the figure is a change of the level, never the level ("fell to 4.1%",
    "rose from 3.9%" and "at 4.1%" name levels)."""
    d, verb = s.direction(q)
    w3 = s.words_before(q.start, 3)
    if w3[-2:] in (["higher", "than"], ["lower", "than"]) and w3[:1] != ["by"]:
        return False  # "is still higher than 10%": a level it is compared with
    prev = [w for w in s.words_before(q.start, 3) if w not in _HEDGE_WORDS]
    if d == 0 or not prev:
        return False
    if prev[-1] == "by":
        return True
    return prev[-1] == verb.lower()


def _earlier_reading(s: Sent, q: Quantity, p: Period) -> bool:
    """ "increased to 6.3% in August from 5.9% a month earlier", "from 3.2% a year ago": the
    figure after "from" is the measure's earlier reading (the same measure, read a month or a
    year before), and the period words right after it say when, not over what it is measured."""
    return (
        p.kind == "ago"
        and s.words_before(q.start, 1) in (["from"], ["after"])
        and not [t for t in s.tokens if q.end <= t.start < p.start]
    )


#: words that open another clause after a comma ("rose 0.1% in August, though the
#: year-over-year rate slowed to 8.3%"): period words after them are another figure's
_CLAUSE_TURNS = frozenset(
    {"though", "although", "while", "whereas", "but", "and", "as", "with", "even", "yet"}
)


def _turns_to_another(s: Sent, a: int, b: int) -> bool:
    """Whether a comma or semicolon followed by a clause-opening word stands between
    ``a`` and ``b``: the period words at ``b`` belong to the next clause, not the figure at ``a``."""
    toks = s.doc.tokens_in(a, b)
    return any(
        t.text in (",", ";") and i + 1 < len(toks) and toks[i + 1].lower in _CLAUSE_TURNS
        for i, t in enumerate(toks)
    ) or any(t.text == ";" for t in toks)


#: words after a macro figure that compare it with another reading ("matching September's",
#: "in line with August's", "the same as in July", "unchanged from October")
_COMPARING = frozenset(
    {"matching", "matched", "match", "matches", "equaling", "equalling", "mirroring", "like",
     "unlike", "versus", "vs", "than", "unchanged"}
)  # fmt: skip


def _compared_month(s: Sent, q: Quantity, d: DateMention) -> bool:
    """Whether the month ``d`` after the figure ``q`` is named in a comparison with another
    reading ("core CPI rose 3.0%, matching both forecasts and September's reading"): a comparing
    word stands between them (or "in line with", "same as")."""
    if d.start < q.end:
        return False
    between = s.doc.text[q.end : d.start].lower().replace(",", " ").split()
    if len(between) > 8:
        return False
    joined = " ".join(between)
    return not _COMPARING.isdisjoint(between) or "in line with" in joined or "same as" in joined


def _on_the_month(s: Sent, q: Quantity) -> bool:
    """ "0.4% on the month", "0.4% for the month": the month's change (the words right after)."""
    return s.words_after(q.end, 3) in (["on", "the", "month"], ["for", "the", "month"])


def _macro(ctx: Ctx, s: Sent, q: Quantity, subj: Bind, transform: str, words: str) -> Claim:
    months = [
        d
        for d in s.dates
        if d.kind in ("month", "quarter")
        and d.first is not None
        and not since_anchor(s, d)  # "rose 0.9% last month, the sharpest gain since April"
    ]
    # a month right after another figure is that figure's ("rose to 5.9% from 5.8% in May"), and
    # so is one with another figure between it and this one ("increased 0.8% from the prior month
    # after a 0.6% gain in March": March is the 0.6%'s)
    mine = [
        d
        for d in months
        if not any(x is not q and x.end <= d.start and d.start - x.end <= 6 for x in s.quantities)
        and not (d.start > q.end and any(q.end <= x.start < d.start for x in s.quantities))
    ]
    base = _base_month(s, q, months)
    if base is not None and transform in ("any", "yoy"):
        # "6.2 percent from April 2021": the change over twelve months to April 2022
        return _macro_claim(ctx, s, q, subj, "yoy", base, f"from {base.text}, twelve months before")
    mine = [d for d in mine if d is not base]
    cl = s.clause_of(q.start)
    # a month before the number is its own only in its clause or right before it ("a January
    # cut ..., with inflation stuck at 2.8%": January is the cut's)
    mine = [d for d in mine if d.start > q.end or cl.start <= d.start or q.start - d.end <= 40]
    # "rose 3.0%, matching both forecasts and September's reading": a month the figure is
    # compared with is another reading's, not the figure's own
    mine = [d for d in mine if not _compared_month(s, q, d)]
    month = min(mine, key=lambda d: abs(d.start - q.start)) if mine else None
    d, _ = s.direction(q)
    frm = s.words_before(q.start, 1) == [
        "from"
    ]  # "rose to 5.9% from 5.8% in May": the earlier reading
    if frm:
        # its own month, after it: not one past another figure or a turn to another clause
        # ("from 7.7% a month before, adding to the retreat ... from a peak of 9.1% in June")
        later = [
            x
            for x in months
            if x.start > q.end
            and not any(q.end <= y.start < x.start for y in s.quantities)
            and not _turns_to_another(s, q.end, x.start)
        ]
        month = later[0] if later else None
    elif month is not None and month.start > q.end + 60:
        month = None
    spec = PeriodSpec(transform, month.text if month else "", month.first if month else None,
                      month.last if month else None)  # fmt: skip
    previous = frm and month is None and _from_to_level(s, q)
    earlier = _earlier_month(s, q, months)
    if earlier is not None:
        spec, words = earlier[0], earlier[1]
        spec = dataclasses.replace(spec, kind=transform)
        month_words = ""
    else:
        month_words = month.text + ", " if month else ""
    how = "weak" if transform == "any" else "explicit"
    period = Bind(spec, month_words + words, how)
    stated = month is not None or earlier is not None
    c = _frame_macro(ctx, s, q, subj, transform, period, stated, frm, d)
    if previous:
        # "dropping from 5.2% to 4.8%": the first figure is the reading before the one the
        # second states (the release before the latest, when no month is named)
        c.extra["previous"] = 1
    return c


def _from_to_level(s: Sent, q: Quantity) -> bool:
    """ "from 5.2% to 4.8%": another percent figure follows ``q`` after "to" alone."""
    nxt = s.next_quantity(q)
    return (
        nxt is not None and nxt.unit == q.unit and s.doc.text[q.end : nxt.start].split() == ["to"]
    )


def _earlier_month(
    s: Sent, q: Quantity, months: list[DateMention]
) -> tuple[PeriodSpec, str] | None:
    """ "to 6.3% in August from 5.9% a month earlier": the month of an earlier reading, counted
    back from the month the sentence names before it (a month or a year before it)."""
    p = next((p for p in s.periods if p.start >= q.end), None)
    if p is None or not _earlier_reading(s, q, p) or p.n is None:
        return None
    back = {"month": p.n, "year": 12 * p.n, "quarter": 3 * p.n}.get(p.unit or "")
    named = [d for d in months if d.kind == "month" and d.end <= q.start and d.first is not None]
    if back is None or not named:
        return None
    ref = named[-1].first
    assert ref is not None
    k = ref.year * 12 + ref.month - 1 - back
    first = dt.date(k // 12, k % 12 + 1, 1)
    text = f"{p.text} ({first:%B %Y}, counted from {named[-1].text})"
    return PeriodSpec("any", text, first, month_end(first.year, first.month)), text


def _base_month(s: Sent, q: Quantity, months: list[DateMention]) -> DateMention | None:
    """ "6.2 percent from April 2021": a month with its year right after "from" that follows the
    number (no other figure between): the month the change is measured from."""
    for d in months:
        if d.kind != "month" or d.start < q.end or d.first is None or not d.explicit_year:
            continue
        between = s.doc.text[q.end : d.start].lower().split()
        if between[-1:] == ["from"] and len(between) <= 3:
            return d
    return None


def _macro_claim(
    ctx: Ctx, s: Sent, q: Quantity, subj: Bind, transform: str, base: DateMention, words: str
) -> Claim:
    """A change from a base month to the month twelve later (the figure's own month)."""
    assert base.first is not None
    first = dt.date(base.first.year + 1, base.first.month, 1)
    spec = PeriodSpec(
        transform, f"{base.text} + 12 months", first, month_end(first.year, first.month)
    )
    period = Bind(spec, words, "explicit")
    d, _ = s.direction(q)
    return _frame_macro(ctx, s, q, subj, transform, period, True, False, d)


def _frame_macro(
    ctx: Ctx, s: Sent, q: Quantity, subj: Bind, transform: str, period: Bind, month_stated: bool,
    frm: bool, d: int,
) -> Claim:  # fmt: skip
    return make_claim(
        ctx, s, kind="rate", measure="macro", subject=subj, parts=[(q.start, q.end)], rule="macro",
        value=q.magnitude if transform in ("level_count", "change") else _macro_sign(s, q, transform, d),
        unit="pct" if transform != "level_count" else "count", decimals=q.decimals,
        date=None, period=period, hedge=s.hedge(q), direction=d, needs=("subject",),
        extra={"transform": transform, "month_stated": month_stated, "from": frm},
    )  # fmt: skip


def _macro_sign(s: Sent, q: Quantity, transform: str, d: int) -> float:
    """A macro rate with its sign: "GDP shrank ... down 0.5% year on year", "CPI fell 0.1% in
    May" are negative rates; "inflation fell to 2.4%", "eased from 3%" name the rate's level."""
    if q.sign or d >= 0 or transform == "level":
        return q.value
    prev = [w for w in s.words_before(q.start, 3) if w not in _HEDGE_WORDS]
    nxt = s.words_after(q.end, 2)
    if (prev and prev[-1] in ("to", "at")) or "from" in prev or (nxt and nxt[0] in UP_NOUNS):
        return q.value  # "down from March's 8.5% increase": a level, or a rise
    return -q.value


#: verbs that place a subject at a level without saying it closed there ("trades at 6,388.64",
#: "sits at nearly 6,175", "jumped to 52.33"); a closing verb is :func:`rule_close`'s
_AT_VERBS = frozenset(
    {"trades", "traded", "trading", "sits", "sat", "sitting", "stands", "standing", "hovers",
     "hovered", "hovering", "is", "was", "now", "valued"}
)  # fmt: skip
#: a level stated with a direction or a verb of standing: adjectives between a copula (or the
#: subject's name) and "at" that say where the series stands, not a move made at the level
#: ("The VIX Volatility Index was lower at 27.98", "VIX steady at 16.5", "turned flat at 1.72%")
_STANDING_ADJS = frozenset(
    {"lower", "higher", "flat", "steady", "unchanged", "firmer", "weaker", "stronger", "little",
     "changed", "slightly", "marginally", "modestly", "sharply", "much"}
)  # fmt: skip
#: the verbs of standing a standing adjective follows ("was lower at", "turned flat at", "held
#: steady at"); a verb of moving ("rose 1% higher at") is not one
_STANDING_VERBS = frozenset(
    {"was", "is", "were", "are", "stood", "stands", "held", "holds", "holding", "remained",
     "remains", "turned", "sat", "sits", "traded", "trades", "trading", "ended", "closed",
     "finished", "settled"}
)  # fmt: skip


def _standing_verb(s: Sent, before: list[Token], j: int) -> int | None:
    """Where the verb of standing (or the subject's name) is when ``before[j]`` (the word before
    "at") is a standing adjective ("lower", "steady",
    "flat", "little changed") right after a verb of standing or after the subject's own name (a
    headline's "VIX steady at 16.5"): a level stated with a direction, the class "a level stated
    with a direction or a verb of standing". A figure between them ("was 3.5% lower at") makes it
    a move and its level, which the move rules read; ``None`` when it is not one."""
    k = j
    while k >= 0 and before[k].lower in _STANDING_ADJS:
        k -= 1
    if k == j or k < 0:
        return None
    if before[k].lower in _STANDING_VERBS:
        return k
    named = any(
        m.end == before[k].end and m.subject is not None and not m.anaphora for m in s.subjects
    )
    return k if named else None


_LEVEL_GAP = frozenset(
    {"a", "an", "the", "about", "roughly", "nearly", "around", "approximately", "just", "almost",
     "some", "near", "close", "level", "levels", "of", "$"}
)  # fmt: skip


#: verbs that place a subject at a level with no preposition between ("currently trading near
#: 6,932", "The S&P 500 reached 6,143.70", "hovering around 5,000"): the level of a moment of
#: the session, as "trades at" is
_BARE_PLACING = frozenset(
    {"trading", "trades", "traded", "hovering", "hovers", "hovered", "sitting", "sits", "sat",
     "standing", "stands", "stood", "reached", "reaches", "reaching"}
)  # fmt: skip
#: a copula after which the level is the named value's ("the current level is about 6,812",
#: "with its closing value being 6,978.03")
_VALUE_COPULAS = frozenset({"is", "was", "being", "stood", "stands"})
_VALUE_NOUNS = frozenset({"level", "value"})
_VALUE_ADJS = frozenset({"current", "latest", "present", "closing"})
#: words that may follow a bare-placed level and keep it a level ("reached 6,143.70, a mere
#: fraction"; "trading near 6,932 points"); any other word makes the number something else
#: ("reached 70 million shares", "sits 5 points below")
_AFTER_BARE_LEVEL = frozenset(
    {"points", "point", "on", "in", "and", "as", "at", "by", "before", "after", "during", "today",
     "yesterday", "this", "last", "earlier", "while", "with", "for", "but", "when", "mark", "level"}
)  # fmt: skip


def _bare_placing(s: Sent, q: Quantity, before: list[Token], k: int) -> int | None:
    """The index in ``before`` of the verb that places the level ``q`` with no preposition
    ("trading near 6,932", "reached 6,143.70", "the current level is about 6,812"); ``None``
    when the words before it are not such a verb, or the word after it makes it no level."""
    if k < 0:
        return None
    w = before[k].lower
    if w in _BARE_PLACING:
        pass
    elif not (
        w in _VALUE_COPULAS
        and k >= 2
        and before[k - 1].lower in _VALUE_NOUNS
        and before[k - 2].lower in _VALUE_ADJS
    ):
        return None
    nxt = s.after(q.end, 1)
    if nxt and nxt[0].kind == "word" and nxt[0].lower not in _AFTER_BARE_LEVEL:
        return None
    return k


def _closing_value(before: list[Token], j: int) -> bool:
    """ "its closing value being 6,978.03": the copula after "closing value" states the close."""
    return j >= 2 and before[j - 1].lower in _VALUE_NOUNS and before[j - 2].lower == "closing"


def rule_level(ctx: Ctx, s: Sent, used: set[int]) -> list[Claim]:
    """A level a named price series reached or stands at, without a closing verb: "the VIX jumped
    to 52.33", "The S&P 500 currently trades at 6,388.64", "Today the index sits at nearly 6,175",
    "The S&P 500 closed the trading session on Friday at an impressive 6,000.36". The words do
    not say it is the close (it may be a moment of the session), so a close may support it and
    never contradicts it."""
    out: list[Claim] = []
    for q in s.quantities:
        if q.start in used or not _is_level(q) or _small_figure(q) or q.words:
            continue
        before = s.before(q.start, 9)
        k = len(before) - 1
        fill = 0
        while k >= 0 and before[k].lower in _LEVEL_GAP and fill < 4:
            k -= 1
            fill += 1
        bare = _bare_placing(s, q, before, k)
        if bare is not None:
            k = bare + 1  # "trading near 6,932", "reached 6,143.70": the verb with no preposition
        elif k < 0 or before[k].lower not in ("to", "at"):
            # one adjective may stand between "at an" and the level ("at an impressive 6,000.36")
            if not (k >= 1 and before[k].kind == "word" and before[k - 1].lower in ("a", "an")):
                continue
            k -= 2
            while k >= 0 and before[k].lower in _LEVEL_GAP and before[k].lower not in ("to", "at"):
                k -= 1
            if k < 0 or before[k].lower not in ("to", "at"):
                continue
        prep = before[k] if bare is None else before[bare]
        j = k - 1
        # "closed the trading session on Friday at": a closing verb a few words before "at"
        gap = 0
        while (
            j >= 0
            and prep.lower == "at"
            and gap < 5
            and before[j].lower not in CLOSE_WORDS
            and (
                before[j].lower in ("the", "trading", "session", "day", "on", "week")
                or ctx.doc.date_spans.overlaps(before[j].start, before[j].end)
            )
        ):
            j -= 1
            gap += 1
        if j < 0:
            continue
        vk = _standing_verb(s, before, j) if prep.lower == "at" else None
        standing = vk is not None
        if vk is not None:
            j = vk  # "was lower at 27.98", "VIX steady at 16.5": the level, not a move at it
        verb = before[j].lower
        closing = verb in _CLOSING_VERBS or (bare is not None and _closing_value(before, j))
        moving = verb in UP_WORDS or verb in DOWN_WORDS
        if bare is not None or standing:
            moving = False  # a verb that places the level, not a move
        elif not (closing or moving or (prep.lower == "at" and verb in _AT_VERBS)):
            continue
        if closing and gap == 0 and bare is None and not standing:
            continue  # "closed at L": rule_close's (it declined this one on purpose)
        if prep.lower == "at" and moving and not closing:
            continue  # "rose 0.5% at 6,000", "fell at the open": not a level reached
        # a headline's "VIX steady at 16.5": the name itself stands where the verb would
        subj = bind_subject(ctx, s, prep.start if standing else before[j].start)
        if subj.value is None or subj.value.kind not in ("index", "volatility", "stock", "etf"):
            continue
        per = _period_named(ctx, s, q)
        if per is not None and (per.start < q.start or "," not in ctx.doc.text[q.end : per.start]):
            continue  # "surged to a record 2,872.87 in January": a level of a period, not a day
        date = bind_date(ctx, s, q.start)
        used.add(q.start)
        c = make_claim(
            ctx, s, kind="level", measure="close", subject=subj, parts=[(before[j].start, q.end)],
            rule="level", value=q.value, unit="usd" if q.unit == "usd" else "points",
            decimals=q.decimals, date=date, hedge=s.hedge(q), level=q.value,
        )  # fmt: skip
        if not closing:
            c.loose.setdefault(
                "measure",
                f"the words ({verb!r}) do not say it is the close: it may be a moment of the session",
            )
        out.append(c)
    return out


#: verbs that date a reference level ("its record close of L reached on Oct. 28", "its closing
#: low of 3.374% hit Wednesday, Jan. 18")
_DATING_VERBS = frozenset(
    {"reached", "set", "hit", "notched", "recorded", "posted", "made", "seen"}
)
_CLOSE_NOUNS = frozenset({"close", "closing", "closed", "finish", "settle", "settlement"})
#: the words one of which a sentence needs for rule_dated_level to find anything (its gate)
DATED_LEVEL_WORDS = _DATING_VERBS | {"close", "end"}


def _dated_by_verb(s: Sent, q: Quantity) -> DateMention | None:
    """The day a reference level's own words give it: a dating verb (and "on") right after the
    level or after its noun ("L record close reached on Oct. 28", "low of 3.374% hit Wednesday,
    Jan. 18, 2023"), then a single day."""
    after = s.after(q.end, 6)
    k = next((i for i, t in enumerate(after) if t.lower in _DATING_VERBS), None)
    if k is None or any(
        t.kind == "number" and not s.doc.date_spans.overlaps(t.start, t.end) for t in after[:k]
    ):
        return None
    rest = after[k + 1 :]
    at = rest[1].start if rest[:1] and rest[0].lower == "on" and len(rest) > 1 else (
        rest[0].start if rest else -1)  # fmt: skip
    return next(
        (
            d
            for d in s.dates
            if d.start == at and d.kind in ("day", "weekday") and d.first == d.last
        ),
        None,
    )


def rule_dated_level(ctx: Ctx, s: Sent, used: set[int]) -> list[Claim]:
    """A reference level whose own words date it: "just shy of its 6,890.89 record close
    reached on Oct. 28", "up from 3.88% at the close of 2023", "its 2023 closing low of 3.374%
    hit Wednesday, Jan. 18, 2023". The close of that day (a yield's close for a yield), not of
    the article's session; a role word before it ("from", "of") keeps it loose as any reference
    level (`strict_gaps`)."""
    out: list[Claim] = []
    for q in s.quantities:
        if q.start in used or q.is_range or q.words or q.sign:
            continue
        words = s.words_before(q.start, 4) + s.words_after(q.end, 3)
        end_of = _close_of_period(s, q)
        day = None if end_of is not None else _dated_by_verb(s, q)
        if end_of is None and (day is None or _CLOSE_NOUNS.isdisjoint(words)):
            continue  # a level of a moment ("a high of L hit on Monday") is not a close
        subj = bind_subject(ctx, s, q.start)
        if subj.value is None:
            continue
        yld = subj.value.kind == "yield" and q.unit == "pct"
        if not yld and not (subj.value.kind in _TAG_KINDS and _is_level(q) and q.unit != "usd"):
            continue
        date = end_of or Bind(day, day.text, "explicit")  # type: ignore[union-attr]
        used.add(q.start)
        b = max(q.end, date.value.end)
        if yld:
            c = make_claim(
                ctx, s, kind="rate", measure="yield", subject=subj, parts=[(q.start, b)],
                rule="dated_level", value=q.value, unit="pct", decimals=q.decimals, date=date,
                hedge=s.hedge(q), extra={"close": True},
            )  # fmt: skip
        else:
            c = make_claim(
                ctx, s, kind="level", measure="close", subject=subj, parts=[(q.start, b)],
                rule="dated_level", value=q.value, unit="points", decimals=q.decimals, date=date,
                hedge=s.hedge(q), level=q.value,
            )  # fmt: skip
        out.append(c)
    return out


#: what may stand between a name and the figure tagged to it ("S&P 500 (+0.8%)", "S&P 500:
#: 5,000", "Cboe Volatility Index (VIX) 14.41 +0.12"): brackets, a colon, a dash, blanks
_TAG_KINDS = ("index", "stock", "etf", "volatility")
_TAG_PUNCT = frozenset({"(", ")", ":", "[", "]", "-", "–", "—", "|"})


def _tagged_name(s: Sent, q: Quantity) -> SubjectMention | None:
    """The name a figure is tagged to with no verb between: only brackets, a colon or a dash, or
    a level right after the name ("S&P 500 4,769.83 +0.3%"), stand between them."""
    m = next((m for m in reversed(s.subjects) if m.end <= q.start), None)
    if m is None or m.subject is None or m.anaphora or q.start - m.end > 40:
        return None
    if m.text.endswith(("'s", "’s")) or s.doc.text[q.end : q.end + 1] == "-":
        return None  # "Nvidia's 171-percent return": a possessive's noun, not a quote line
    levels = 0
    for t in s.doc.tokens_in(m.end, q.start):
        if t.text in _TAG_PUNCT or t.text == ",":
            continue
        x = next((x for x in s.quantities if x.start == t.start), None)
        if x is not None and _is_level(x) and not x.sign and levels == 0:
            levels += 1  # the level a change follows on a quote line
            continue
        if any(n.start <= t.start < n.end for n in s.subjects):
            continue  # the ticker in "Cboe Volatility Index (VIX)"
        if levels and any(x.start <= t.start < x.end for x in s.quantities):
            continue  # a token inside the level ("5,117.09")
        return None
    return m


def rule_tagged(ctx: Ctx, s: Sent, used: set[int]) -> list[Claim]:
    """A figure tagged to a name without a verb, as in quote lines and tables: "the S&P 500
    (+0.8%)", "S&P 500: 5,000 (-1.1%)", "S&P 500 4,769.83 +0.3%". A signed percent or points
    figure is the session's change, an unsigned level the session's close, by the convention of
    a quote line; the words do not state the measure (a table's column may be the week's or the
    year's), so the claim may be supported and is never contradicted."""
    out: list[Claim] = []
    for q in s.quantities:
        if q.start in used or q.is_range or q.words or q.bound:
            continue
        change = bool(q.sign) and q.unit in ("pct", "points", "plain")
        if not change and not (_is_level(q) and q.unit != "usd" and q.value >= 10):
            continue
        m = _tagged_name(s, q)
        if m is None or m.subject is None or m.subject.kind not in _TAG_KINDS:
            continue
        if (
            not change
            and s.doc.tokens_in(m.end, q.start)
            and any(x.end <= q.start and x.start >= m.end for x in s.quantities)
        ):
            continue  # "Dow 17,891.16 117.52": an unsigned figure after the level is no close
        nxt = s.after(q.end, 1)
        if not change and nxt and nxt[0].kind == "word":
            continue  # "S&P 500 5,000 points target", "Nasdaq 100 stocks": not a quote line
        subj = bind_subject(ctx, s, q.start)
        if subj.value is not m.subject:
            continue
        date = bind_date(ctx, s, q.start)
        used.add(q.start)
        why = "a figure after its name, with no words that say what it measures"
        if change:
            unit = "pct" if q.unit == "pct" else "points"
            period = Bind(PeriodSpec("day", "the session (a quote line)"), why, "convention")
            c = make_claim(
                ctx, s, kind="pct_change", measure="change" if unit == "pct" else "points_change",
                subject=subj, parts=[(m.start, q.end)], rule="tagged", value=q.value, unit=unit,
                decimals=q.decimals, date=date, period=period, direction=-1 if q.value < 0 else 1,
                needs=("subject", "date", "period"),
            )  # fmt: skip
            lvl = next(
                (
                    x
                    for x in s.quantities
                    if m.end <= x.start < q.start and _is_level(x) and not x.sign
                ),
                None,
            )
            if lvl is not None and unit == "points":
                # "S&P 500: 6,615.37 (+76.61, +1.17%)": the level and its move from a base
                c.extra["tag_level"] = lvl.value
        else:
            c = make_claim(
                ctx, s, kind="level", measure="close", subject=subj, parts=[(m.start, q.end)],
                rule="tagged", value=q.value, unit="points", decimals=q.decimals, date=date,
                level=q.value,
            )  # fmt: skip
        c.loose.setdefault("measure", f"{why}: the session's by the convention of a quote line")
        out.append(c)
    return out


def rule_other(ctx: Ctx, s: Sent, used: set[int]) -> list[Claim]:
    """Any other figure worth stating: judged unverifiable, with the reason."""
    out: list[Claim] = []
    for q in s.quantities:
        if q.start in used:
            continue
        if _is_time(s, q):
            continue
        worth = (
            q.unit in ("pct", "pp", "bp", "usd", "x")
            or q.scale > 1
            or q.is_range
            or (q.unit in ("plain", "points") and q.value >= 10)
        )
        if not worth or (q.words and q.unit in ("plain", "x")):
            continue
        subj = bind_subject(ctx, s, q.start)
        cl = s.clause_of(q.start)
        used.add(q.start)
        out.append(make_claim(
            ctx, s, kind="other", measure="other", subject=subj, parts=[(cl.start, cl.end)], rule="other",
            value=q.text, unit=q.unit, decimals=q.decimals, needs=(),
        ))  # fmt: skip
    return out


_DIR_WORDS = {"higher": 1, "lower": -1, "up": 1, "down": -1}
_DIR_NOUNS = {"gains": 1, "gain": 1, "advances": 1, "losses": -1, "loss": -1, "declines": -1}


_DIR_VERBS = frozenset({"closed", "ended", "finished", "settled", "concluded"})
#: "on a high note": the closing verb's direction, in an idiom (a tone word before "note")
_NOTE_TONES = {
    "high": 1, "positive": 1, "strong": 1, "upbeat": 1, "bullish": 1,
    "low": -1, "negative": -1, "sour": -1, "weak": -1, "down": -1, "downbeat": -1, "bearish": -1,
    "sombre": -1, "somber": -1,
}  # fmt: skip
#: the words a closing verb's object may hold before the idiom and still be the session ("ended
#: on a high note", "concluded the final trading session of 2025 on a high note"); a week, month
#: or year is another period, not read
_SESSION_OBJECT = frozenset(
    {"the", "final", "last", "trading", "session", "day", "of", "its", "their", "today", "day's"}
)


def _note_idiom(s: Sent, toks: list[Token], i: int) -> tuple[int, Token] | None:
    """ "ended on a high note", "concluded the final trading session of 2025 on a sour note": the
    direction of the session the closing verb at ``i`` ends, and the word "note"; ``None`` when
    the words are not the idiom or its object is not the session."""
    for k in range(i + 1, min(i + 12, len(toks) - 3)):
        w = toks[k].lower
        if w == "on":
            a, tone, note = (x.lower for x in toks[k + 1 : k + 4])
            d = _NOTE_TONES.get(tone)
            if a in ("a", "an") and note == "note" and d is not None:
                return d, toks[k + 3]
            return None
        if w not in _SESSION_OBJECT and not s.doc.date_spans.overlaps(toks[k].start, toks[k].end):
            return None
    return None


def rule_direction(ctx: Ctx, s: Sent, used: set[int]) -> list[Claim]:
    """A direction without a figure: "U.S. stocks closed lower on Friday", "the S&P 500 ended
    higher", "all three gauges closed out August with monthly losses"."""
    toks = s.tokens
    for i, t in enumerate(toks):
        if t.lower not in _DIR_VERBS or i + 1 >= len(toks):
            continue
        nxt = toks[i + 1 : i + 7]
        if [x.lower for x in nxt[:2]] == ["up", "shop"]:
            continue  # "closed up shop for the holiday": not a direction
        while len(nxt) > 1 and nxt[0].lower in _MOVE_ADVERBS:
            nxt = nxt[1:]  # "closed sharply higher", "ended broadly lower"
        note = _note_idiom(s, toks, i)
        if note is not None:
            nxt = [note[1]]  # "concluded the final trading session of 2025 on a high note"
        elif t.lower == "concluded":
            continue
        d = note[0] if note is not None else _DIR_WORDS.get(nxt[0].lower)
        if d is not None and len(nxt) > 1 and any(q.start == nxt[1].start for q in s.quantities):
            continue  # "closed up 0.5%": the move rule's
        if d is None and nxt[0].lower == "out":
            d = next((_DIR_NOUNS[x.lower] for x in nxt if x.lower in _DIR_NOUNS), None)
        if d is None:
            continue
        subj = bind_subject(ctx, s, t.start)
        if subj.value is None or subj.value.kind not in ("index", "market", "etf", "stock"):
            continue
        month = next(
            (
                x
                for x in s.dates
                if x.kind in ("month", "quarter", "year")
                and x.start > t.start
                and x.first
                and x.last
                and x.start - t.end < 12
            ),
            None,
        )
        date = bind_date(ctx, s, t.start)
        if month is not None and month.first is not None and month.last is not None:
            # "closed out 2023 with a gain", "closed out August with monthly losses": the period
            # named, read on its last session
            period = Bind(
                PeriodSpec(month.kind, month.text, month.first, month.last), month.text, "explicit"
            )
            last = (
                month.last
                if month.kind != "month"
                else month_end(month.last.year, month.last.month)
            )
            date = Bind(DateMention(month.start, month.end, month.text, "day", last, last),
                        f"{month.text} (its last session)", "explicit")  # fmt: skip
        else:
            period = Bind(PeriodSpec("day", "the session"), CLOSING_VERB_WORDS, "convention")
            pc = period_close_of(ctx, s, t.start)
            if pc is not None:  # "closed out the week higher"
                first, last_ = (pc.first, pc.last) if pc.unit != "week" else (None, None)
                period = Bind(PeriodSpec(pc.unit, f"the {pc.unit} it closed out", first, last_),
                              f"the close of the {pc.unit}", "explicit")  # fmt: skip
        proxy = subj.value.kind == "market"  # judged with a wider margin (judge_direction)
        subj = market_proxy(subj)  # "stocks closed lower": the S&P 500 stands for the market
        end = nxt[-1].end if month is not None else nxt[0].end
        return [make_claim(
            ctx, s, kind="pct_change", measure="direction", subject=subj, parts=[(t.start, end)], rule="direction",
            value="higher" if d > 0 else "lower", unit="", date=date, period=period,
            direction=d, extra={"proxy": proxy}, needs=("subject", "date", "period"),
        )]  # fmt: skip
    return []


#: past tenses of the move verbs that say a direction alone ("yields fell", "stocks rallied"): a
#: finite verb, not a participle before a noun ("rising yields") or a noun ("a drop in"); verbs
#: that need an object or a figure ("added", "returned", "notched") are left out
_PAST_MOVES = frozenset(
    w
    for w in UP_WORDS | DOWN_WORDS
    if (w.endswith("ed") or w in ("rose", "fell", "grew", "leapt", "sank", "slid"))
    and w not in ("added", "returned", "boosted", "improved", "notched", "tacked", "increased",
                  "decreased", "contracted", "advanced")
)  # fmt: skip
#: "were higher", "was sharply lower": a copula and a comparative
_COPULAS = frozenset({"was", "were"})
#: adverbs that may stand between a subject and its verb, or a copula and its comparative (and
#: the auxiliary of a past perfect: "stocks had rallied on Monday")
_MOVE_ADVERBS = DEGREE_ADVERBS | {
    "also", "further", "again", "then", "steadily", "largely", "generally", "had"
}  # fmt: skip
#: words that give the move a period other than the session: left to the rules that read periods
_OTHER_PERIOD_WORDS = frozenset(
    {"week", "weeks", "weekly", "month", "months", "monthly", "year", "years", "annual", "quarter",
     "quarters", "quarterly", "ytd", "since", "session", "sessions", "days", "straight", "row",
     "consecutive", "streak", "until"}
)  # fmt: skip
#: verbs of a small move that take their direction from the comparative after them ("edged higher")
_DRIFT_VERBS = frozenset(
    {"edged", "inched", "ticked", "moved", "crept", "drifted", "pushed", "traded"}
)
#: the instrument's noun after a tenor's name ("the 10-year Treasury note", "the 2-year bond")
_INSTRUMENT_NOUNS = frozenset({"note", "notes", "bond", "bonds", "treasury", "treasuries", "yield"})
#: the generic names of the Treasury market's yields, read as the 10-year's (the benchmark)
_GENERIC_YIELDS = (("treasury", "yields"), ("bond", "yields"), ("u.s.", "treasury", "yields"),
                   ("government", "bond", "yields"), ("long-term", "yields"), ("yields",))  # fmt: skip


def _adverbs_before(toks: list[Token], i: int) -> int:
    n = 0
    while i - n - 1 >= 0 and toks[i - n - 1].lower in _MOVE_ADVERBS:
        n += 1
    return n


def _generic_yields(toks: list[Token], i: int) -> str | None:
    """ "Treasury yields" / "bond yields" right before the verb at ``i`` (adverbs between): the
    words, else ``None``. A bare "yields" counts only at the start of its sentence or after
    "the"/"and" (not "dividend yields", "high yields")."""
    j = i - _adverbs_before(toks, i)
    for words in _GENERIC_YIELDS:
        n = len(words)
        if j - n < 0 or tuple(x.lower for x in toks[j - n : j]) != words:
            continue
        if words == ("yields",) and j - n > 0 and toks[j - n - 1].lower not in ("the", "and", ","):
            continue
        return " ".join(x.text for x in toks[j - n : j])
    return None


#: the kinds of series whose direction a day's closes settle
_DIRECTION_KINDS = frozenset({"index", "market", "etf", "yield", "volatility", "stock", "sector"})


#: words after a move verb that turn to the event it followed ("declined Wednesday following the
#: Fed's final decision of the year"): their period words are the event's
_EVENT_AFTER_MOVE = frozenset({"following", "after", "ahead", "before", "amid", "despite"})


def rule_move_direction(ctx: Ctx, s: Sent, used: set[int]) -> list[Claim]:
    """A move verb with no figure right after its subject: "Treasury yields rose", "the S&P 500
    declined on Tuesday", "bond yields were sharply lower", "the 10-year yield edged higher". The
    session's sign of the move, read with the period assumed (no period words: the session), so
    support-only: words this loose never contradict (issue 8's abstention). A clause with a figure
    is the move rules'; one with words of another period (a week, "since", a streak) is left
    alone. Generic "Treasury yields" are read as the 10-year's, the benchmark. One claim per
    series ("stocks were higher and Treasury yields declined Wednesday": two)."""
    toks = s.tokens
    out: list[Claim] = []
    seen: set[str] = set()
    for i, t in enumerate(toks):
        d, k = _move_word(toks, i)
        if not d:
            continue
        got = _mover(ctx, s, toks, i)
        if got is None:
            continue
        subj, start, generic = got
        if subj.value is None or subj.value.key in seen:
            continue
        cl = s.clause_of(t.start)
        names = [(x.start, x.end) for x in s.subjects]
        if any(
            cl.start <= q.start < cl.end and not any(a <= q.start < b for a, b in names)
            for q in s.quantities
        ):
            continue  # a figure in the clause (a tenor's aside): the move rules', or unreadable here
        # "... declined Wednesday following the Fed's final decision of the year": the words of
        # an event after the move are the event's, not the move's period
        end = next((x.start for x in toks if t.end <= x.start < cl.end
                    and x.lower in _EVENT_AFTER_MOVE), cl.end)  # fmt: skip
        own = [
            x
            for x in toks
            if cl.start <= x.start < end and not any(a <= x.start < b for a, b in names)
        ]
        if _OTHER_PERIOD_WORDS.intersection(x.lower for x in own):
            continue
        if any(x.kind in ("week", "month", "quarter", "year", "ytd", "span", "range") for x in s.dates
               if cl.start <= x.start < end and not any(a <= x.start < b for a, b in names)):  # fmt: skip
            continue
        seen.add(subj.value.key)
        proxy = generic or subj.value.kind == "market"
        subj = market_proxy(subj)  # "stocks fell": the S&P 500 stands for the market
        period = Bind(PeriodSpec("day", "the session (assumed)"), "no period words", "weak")
        out.append(make_claim(
            ctx, s, kind="pct_change", measure="direction", subject=subj, parts=[(start, toks[k].end)],
            rule="move_direction", value="higher" if d > 0 else "lower", unit="", lead=False,
            date=bind_date(ctx, s, t.start), period=period, direction=d, extra={"proxy": proxy},
            needs=("subject", "date", "period"),
        ))  # fmt: skip
    return out


def _move_word(toks: list[Token], i: int) -> tuple[int, int]:
    """The direction of the move word at ``i`` (0 when none) and the index of its last token: a
    past tense of a move verb ("fell"), or a copula or a verb of a small move and a comparative
    ("were sharply lower", "edged higher")."""
    w = toks[i].lower
    if w in _PAST_MOVES:
        return (1 if w in UP_WORDS else -1), i
    if w in _COPULAS or w in _DRIFT_VERBS:
        k = i + 1
        while k < len(toks) - 1 and toks[k].lower in _MOVE_ADVERBS:
            k += 1
        if k < len(toks) and toks[k].lower in ("higher", "lower"):
            return (1 if toks[k].lower == "higher" else -1), k
    return 0, i


def _mover(ctx: Ctx, s: Sent, toks: list[Token], i: int) -> tuple[Bind, int, bool] | None:
    """The subject of the move word at ``i``: a name ending right before it (an adverb or two
    between, or the instrument's noun after a tenor: "the yield on the 10-year Treasury note
    fell"), or generic Treasury yields; with where its words start and whether it is generic."""
    j = i - _adverbs_before(toks, i)
    generic = _generic_yields(toks, i)
    if generic is not None:
        at = toks[j - len(generic.split())].start
        return (
            Bind(subject_by_key("ust10y"), f"{generic} (the 10-year as the benchmark)", "named"),
            at,
            True,
        )
    j -= 1
    while j >= 0 and toks[j].lower in _INSTRUMENT_NOUNS:
        j -= 1
    if j < 0:
        return None
    m = next((x for x in s.subjects if x.start <= toks[j].start < x.end), None)
    if m is None or m.subject is None or m.subject.kind not in _DIRECTION_KINDS:
        return None
    if m.subject.kind == "yield" and _price_of(s, m.start):
        return None  # "Prices for the benchmark 10-year Treasury fell": the note's price, not its yield
    subj = bind_subject(ctx, s, toks[i].start)
    if subj.value is None or subj.value.key != m.subject.key:
        return None
    return subj, m.start, False


def _price_of(s: Sent, pos: int) -> bool:
    """Whether the words before a Treasury's name at ``pos`` make its price the subject ("Prices
    for the 10-year Treasury", "the price of the 10-year note")."""
    w = s.words_before(pos, 4)
    while w and w[-1] in ("the", "benchmark", "a"):
        w = w[:-1]
    return len(w) >= 2 and w[-1] in ("for", "of", "on") and w[-2] in ("price", "prices")


def _is_time(s: Sent, q: Quantity) -> bool:
    """A time of day ("16:14 ET", "4:02 p.m."): not a figure."""
    nxt = s.after(q.end, 2)
    prev = s.before(q.start, 2)
    if nxt and nxt[0].text == ":" and nxt[0].start == q.end:
        return True
    if (
        prev
        and prev[-1].text == ":"
        and prev[-1].end == q.start
        and len(prev) > 1
        and prev[-2].kind == "number"
    ):
        return True
    return bool(nxt) and nxt[0].lower in ("a.m", "p.m", "am", "pm", "et", "gmt", "est", "edt")


_OF_UNITS = {"weeks": "week", "sessions": "session", "days": "session", "months": "month"}


def rule_count_of(ctx: Ctx, s: Sent, used: set[int]) -> list[Claim]:
    """ "Up three of the past four weeks", "Yield is up two of the past three trading days": how
    many of the last few sessions (weeks, months) closed up or down."""
    toks = s.tokens
    for i in range(len(toks) - 5):
        d = {"up": 1, "higher": 1, "down": -1, "lower": -1}.get(toks[i].lower)
        n = _count(toks[i + 1]) if d else None
        if not n or toks[i + 2].lower != "of" or toks[i + 3].lower not in ("the", "its"):
            continue
        j = i + 4 + (toks[i + 4].lower in ("past", "last", "previous"))
        of = _count(toks[j]) if j < len(toks) else None
        k = j + 1 + (j + 1 < len(toks) and toks[j + 1].lower == "trading")
        unit = _OF_UNITS.get(toks[k].lower) if of and k < len(toks) else None
        if unit is None or of is None or not 0 < n <= of:
            continue
        subj = bind_subject(ctx, s, toks[i].start, after_ok=True)
        if subj.value is None or subj.value.kind not in COUNTED_KINDS:
            continue
        used.update(q.start for q in s.quantities if toks[i].start <= q.start < toks[k].end)
        return [make_claim(
            ctx, s, kind="other", measure="count_of", subject=subj, parts=[(toks[i].start, toks[k].end)],
            rule="count_of", value=f"{n} of {of} {unit}s", unit="count", date=bind_date(ctx, s, toks[i].start),
            direction=d or 1, extra={"n": n, "of": of, "unit": unit},
        )]  # fmt: skip
    return []


_SECTOR_UP = frozenset({"green", "positive", "higher", "gains", "advanced", "up", "rose", "gained"})
_SECTOR_DOWN = frozenset({"red", "negative", "lower", "losses", "declined", "down", "fell", "lost"})


def rule_sector_count(ctx: Ctx, s: Sent, used: set[int]) -> list[Claim]:
    """How many of the S&P 500's eleven sectors rose or fell: "Eight of the 11 primary S&P 500
    sectors ended in red", "All but one of the S&P 500's 11 sectors advanced", "Nine of 11
    large-cap sectors are positive YTD", "Energy was the only one of the 11 industry sectors to
    finish in the green", "all 11 sectors finished in positive territory". Judged on the
    sectors' ETFs (:func:`thesis.claims.judge.judge_sector_count`)."""
    toks = s.tokens
    for k, t in enumerate(toks):
        if t.lower != "sectors":
            continue
        j = next(
            (i for i in range(k - 1, max(-1, k - 7), -1)
             if toks[i].text in ("11", "10") or toks[i].lower in ("eleven", "ten")),
            None,
        )  # fmt: skip
        if j is None or any(x.kind == "number" and x.text not in ("500",) for x in toks[j + 1 : k]):
            continue
        total = _count(toks[j]) or 0
        n: int | None = None
        if j > 0 and toks[j - 1].lower == "all":
            n, a = total, toks[j - 1].start
        else:
            o = next((i for i in range(j - 1, max(-1, j - 9), -1) if toks[i].lower == "of"), None)
            if o is not None and o > 1 and toks[o - 1].lower == "out":
                o -= 1  # "Nine out of 11 U.S. sectors": as "Nine of 11"
            if o is None or o == 0:
                continue
            h = [x.lower for x in toks[max(0, o - 3) : o]]
            a = toks[max(0, o - 3)].start
            if h[-3:-1] == ["all", "but"] or h[-2:-1] == ["but"]:
                n = total - (_count(toks[o - 1]) or 0)
            elif h[-1:] == ["all"] or h[-1:] == ["each"]:
                n = total
            elif h[-1:] == ["none"]:
                n = 0
            elif h[-1:] == ["one"] and "only" in h:
                n = 1
            else:
                n = _count(toks[o - 1])
            a = toks[o - 1].start if n is not None and h[-2:-1] not in (["but"], ["only"]) else a
        if n is None or not 0 <= n <= total:
            continue
        cl = s.clause_of(t.start)
        after = [x for x in ctx.doc.tokens_in(t.end, cl.end)[:14]]
        hit = next((x for x in after if x.lower in _SECTOR_UP | _SECTOR_DOWN), None)
        if hit is None:
            continue
        d = 1 if hit.lower in _SECTOR_UP else -1
        q = next((x for x in s.quantities if x.start == toks[j].start), None)
        if q is not None:
            used.add(q.start)
        period = (
            bind_period(ctx, s, q, level_follows=False)
            if q is not None
            else Bind(None, "no period words", "none")
        )
        if period.how not in ("explicit", "convention") or not isinstance(period.value, PeriodSpec):
            closing = any(x.lower in _CLOSING_VERBS or x.lower in ("finish", "end", "close")
                          for x in after[: after.index(hit)])  # fmt: skip
            yearly = next((d for d in s.dates if d.kind == "year" and starts_since(s, d)), None)
            period = (
                Bind(
                    PeriodSpec("day", "the session"),
                    CLOSING_VERB_WORDS,
                    "convention",
                    # "for the first time since 2021, all 11 sectors finished in positive
                    # territory": a comparison across years, whose period may be the year
                    f"the sentence compares with a year ({yearly.text!r}): the period may be a year"
                    if yearly is not None
                    else "",
                )
                if closing  # "ended in red", "to finish in the green": the session's moves
                else Bind(PeriodSpec("day", "the session"), "no period words: the session", "weak")
            )
        return [make_claim(
            ctx, s, kind="other", measure="sector_count", subject=Bind(ALL_SECTORS, "sectors", "named"),
            parts=[(a, hit.end)], rule="sector_count", value=f"{n} of {total} sectors {'up' if d > 0 else 'down'}",
            unit="count", date=bind_date(ctx, s, t.start), period=period, direction=d,
            extra={"n": n, "of": total}, needs=("date", "period"), lead=False,
        )]  # fmt: skip
    return []


_MA_UNITS = {"day": "session", "days": "session", "session": "session", "week": "week",
             "weeks": "week", "month": "month", "months": "month"}  # fmt: skip
_MA_SKIP = frozenset(
    {"currently", "now", "sits", "sat", "stands", "stood", "is", "was", "at", "of", "near",
     "around", "about", "roughly", "nearly", "the", "level", "(", ")", "sma", "dma", "ma", ",",
     "line", "which", "comes", "came", "in", "lies", "$"}
)  # fmt: skip


def rule_moving_average(ctx: Ctx, s: Sent, used: set[int]) -> list[Claim]:
    """A moving average's level: "its 200-day moving average at 3,046.91", "The 10-month moving
    average currently sits at 2,888", "3,000 (psychological level/200-day SMA)", "the 20-day
    SMA ... at 3,055". Judged as the mean of the last *n* closes (sessions, weekly or month-end
    closes) up to the day, never contradicted: the words do not say which convention (simple or
    exponential, which closes) the writer used."""
    toks = s.tokens
    out: list[Claim] = []
    for i in range(len(toks) - 2):
        if toks[i].kind != "number" or toks[i + 1].text not in "-‐":
            continue
        unit_w = toks[i + 2].lower
        rest = [x.lower for x in toks[i + 3 : i + 5]]
        if unit_w in ("dma", "dmas"):
            unit, k = "session", i + 3
        elif unit_w in _MA_UNITS and (rest[:2] == ["moving", "average"] or rest[:1] in (["sma"], ["ma"])
                                      or rest[:1] == ["average"]):  # fmt: skip
            unit, k = _MA_UNITS[unit_w], i + 3 + (2 if rest[:1] == ["moving"] else 1)
        else:
            continue
        n = _count(toks[i])
        if not n or n < 2 or n > 400:
            continue
        # the level: after the words ("at 3,046.91", "currently sits at 2,888"), else right before
        # them in parentheses ("3,000 (psychological level/200-day SMA)")
        lvl = None
        for x in toks[k : k + 8]:
            if x.kind == "number":
                lvl = next((q for q in s.quantities if q.start == x.start), None)
                break
            if x.lower not in _MA_SKIP and x.text not in ("$",):
                break
        if lvl is None or not _is_level(lvl):
            # "is 2% below October's close, at 2,980": the level "at" names, further on
            lvl = next((q for q in s.quantities if toks[k - 1].end <= q.start <= toks[k - 1].end + 60
                        and _is_level(q) and s.words_before(q.start, 1) == ["at"]), None)  # fmt: skip
        if lvl is None or not _is_level(lvl) or lvl.value < 10 or lvl.start in used:
            prev = [x for x in toks[max(0, i - 6) : i]]
            if "(" in [x.text for x in prev]:
                p0 = max(j for j, x in enumerate(prev) if x.text == "(")
                lvl = next((q for q in s.quantities if p0 > 0 and q.end <= prev[p0].start
                            and prev[p0].start - q.end <= 2), None)  # fmt: skip
        if lvl is None or not _is_level(lvl) or lvl.value < 10 or lvl.start in used:
            continue
        subj = bind_subject(ctx, s, toks[i].start, after_ok=True)
        if subj.value is not None and subj.value.kind not in (
            "index",
            "stock",
            "etf",
            "volatility",
        ):
            continue
        used.add(lvl.start)
        used.add(toks[i].start)
        a, b = min(toks[i].start, lvl.start), max(toks[k - 1].end, lvl.end)
        c = make_claim(
            ctx, s, kind="level", measure="moving_average", subject=subj, parts=[(a, b)],
            rule="moving_average", value=lvl.value, unit="points", decimals=lvl.decimals,
            date=bind_date(ctx, s, toks[i].start), hedge=s.hedge(lvl), level=lvl.value,
            extra={"n": n, "unit": unit}, at=lvl.start,
        )  # fmt: skip
        c.loose.setdefault(
            "measure",
            "a moving average's convention (simple or exponential, which closes) is not stated",
        )
        out.append(c)
    return out


#: the rules in the order they run (earlier rules claim numbers first)
RULES: tuple[Rule, ...] = (
    rule_fed,
    rule_fed_first_since,
    rule_fed_count,
    rule_fed_meeting,
    rule_moving_average,
    rule_average,
    rule_session_open,
    rule_table_cell,
    rule_sector_count,
    rule_count_of,
    rule_ordinal_tally,
    rule_yield,
    rule_macro,
    rule_fundamental,
    rule_annual_streak,
    rule_two_closes_and_change,
    rule_move,
    rule_paren_move,
    rule_close,
    rule_distance,
    rule_upside,
    rule_from_to_noun_move,
    rule_noun_move,
    rule_from_to_direction,
    rule_to_from_direction,
    rule_first,
    rule_level_run,
    rule_threshold,
    rule_toward,
    rule_record_level,
    rule_extreme,
    rule_session_extreme,
    rule_record_streak,
    rule_record_count,
    rule_record,
    rule_near_record,
    rule_direction,
    rule_move_direction,
    rule_closure,
    rule_regime,
    rule_streak,
    rule_rank,
    rule_since,
    rule_span_extreme,
    rule_macro_record,
    rule_dated_level,
    rule_level,
    rule_tagged,
    rule_peak_on_day,
    rule_other,
    rule_weekday_date,
)

_ = dt  # dates are used through the bindings
