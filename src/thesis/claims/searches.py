"""Open slots searched in the data, for support only.

A claim whose words leave a slot open (no period, no series, no measure) cannot be contradicted:
another period, series or measure may be meant. It may still be supported where the data give its
figure, to its last digit, under a reading the words allow: the calendar periods ending on its day
(:func:`searched_periods`), the series the article names (:func:`searched_subject`), a close the
words allow (:func:`searched_level`), a change of its series (:func:`searched_move`), or the day's
close of an intraday figure (:func:`close_gives_it`). Trying several readings raises the chance
that one fits a wrong figure by luck, so each search supports only while the expected number of
chance matches over the readings it tried stays under :data:`thesis.claims.chance.LIMIT`; the
evidence states it. See ``docs/claims.md`` (rounds 50 to 57).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re

from thesis.claims import judge as _j
from thesis.claims.chance import LIMIT, level_chance, move_chance, sessions_in
from thesis.claims.chance import half_unit as _half_unit
from thesis.claims.frames import MOVE_TO_CLOSE, SUPPORTED, CheckedClaim, Claim, PeriodSpec
from thesis.claims.market import Market, Series, iso, on, on_or_before
from thesis.claims.subjects import PRICE_KINDS, Subject, SubjectFinder
from thesis.text.dates import find_dates, find_periods
from thesis.text.numbers import NumberSpan, find_numbers
from thesis.text.sentences import split_sentences
from thesis.text.tokens import tokenize

__all__ = [
    "close_gives_it",
    "exact",
    "found_close",
    "luck_words",
    "move_luck",
    "period_support",
    "searched_level",
    "searched_move",
    "searched_periods",
    "searched_subject",
    "signed_pct",
]  # fmt: skip

_ONE_DAY = dt.timedelta(days=1)


#: the most series a move with no series in its sentence is read on, nearest named first
_SEARCHED_SUBJECTS = 12


#: characters either side of a claim searched for its sentence
_AROUND = 400


def searched_level(c: Claim, claims: list[Claim], m: Market, text: str) -> CheckedClaim | None:
    """A level whose words leave a slot open, supported where a close matches it to its last
    digit (the class "a level found in the data"): "Tuesday's close at 4,109" in a sentence
    that names no series is read on each series the article names, on its bound or candidate
    days; "S&P 500: Close 6,449.15" or "last week's close of 5,277.51" (a bound series, no
    measure the rules read) on the days its sentence names (a span's last session), else on the
    article's sessions. Never contradicts (the open slot may be another series or another day);
    ``None`` when ``c`` is not such a claim or no close matches."""
    if c.hedge or c.comparator not in ("=", "") or set(c.qualifiers) & set(_j._QUAL_ORDER):
        return None
    got = _level_figure(c)
    if got is None:
        return None
    value, decimals = got
    if decimals == 0 and value % 100 == 0:
        return None  # a round mark ("above 6,000") is a threshold, not a close
    if c.measure == "close" and c.missing == ["subject"]:
        subjects = _named_subjects(c, claims, text)[:_SEARCHED_SUBJECTS]
        where = "on a series the article names; its sentence names none"
    elif c.measure == "other" and c.subject is not None and not c.missing:
        subjects = [c.subject]
        where = "its words name no measure"
    else:
        return None
    half = _half_unit(decimals)
    found = _close_match(c, subjects, m, text, value, decimals)
    if found is None:
        return None
    (sid, d, v), luck, tried, past = found
    if past:
        where = f"its words name no measure and no day: the closes of the past {_PAST_YEARS} years searched"
    ev = (f"{sid} {iso(d)} close {_j._f(v, max(decimals, 2))} vs stated {_j._f(value, decimals)}: read as "
          f"that close ({where}; {luck_words(luck, tried, 'closes')})")  # fmt: skip
    return CheckedClaim(
        _own_words(c), SUPPORTED, ev, f"±{half:.{decimals + 1}f} (its last digit)", v
    )


def _own_words(c: Claim) -> Claim:
    """``c`` with its quote starting after the last other figure before its own ("The stock rose
    16.4%, or $101.66, to $785.38 on Thursday" → "to $785.38 on Thursday"): a figure read as a
    close speaks for its own words, not for the figures its clause states before it."""
    if c.measure != "other" or not isinstance(c.stated_value, str):
        return c
    at = c.quote.rfind(c.stated_value)
    if at <= 0:
        return c
    before = [n for n in find_numbers(c.quote[:at]) if n.end <= at]
    if not before:
        return c
    k = before[-1].end
    while k < at and not c.quote[k].isalpha() and c.quote[k] != "$":
        k += 1
    return dataclasses.replace(c, quote=c.quote[k:], start=c.start + k)


def _close_match(
    c: Claim, subjects: list[Subject], m: Market, text: str, value: float, decimals: int
) -> tuple[tuple[str, dt.date, float], float, int, bool] | None:
    """The close a level is read as (:func:`_level_match` on its own days), else, for a bound
    series with no measure and a figure to the cent its words do not date ("the S&P 500's last
    close at 5,969.34", "the prior month's close of 4,507.66"), on the closes of the past years
    (a figure to the cent matches a close near it by luck about once in 10^5 closes); with
    whether the past was searched."""
    half = _half_unit(decimals)
    found = _level_match(c, subjects, m, text, value, half, past=False)
    if found is not None:
        return (*found, False)
    if c.measure == "other" and decimals >= 2 and _an_undated_close(c, m, text):
        found = _level_match(c, subjects, m, text, value, half, past=True)
        if found is not None:
            return (*found, True)
    return None


def searched_subject(c: Claim, claims: list[Claim], m: Market, text: str) -> CheckedClaim | None:
    """A move whose sentence names no series ("The stock rose 16.4% on Thursday", "It is up 9.5%
    year-to-date"), read on each series the article names: supported when one gives the stated
    figure to its last digit while a match by luck over the series tried stays unlikely
    (:mod:`thesis.claims.chance`); never contradicted (the series is open). Unhedged figures
    only, and no period search on top (one open slot at a time)."""
    if c.measure not in ("change", "points_change") or c.hedge or c.comparator not in ("=", ""):
        return None
    if c.stated_value is None:
        return None
    subjects = _named_subjects(c, claims, text)
    fits: list[tuple[str, CheckedClaim]] = []
    luck, tried = 0.0, 0
    level = _stated_close(c, claims)
    for subj in subjects:
        if tried >= _SEARCHED_SUBJECTS:
            break
        if m.daily(subj) is None:
            continue  # read lazily, nearest first: a series read costs more than the rest
        tried += 1
        cc = dataclasses.replace(
            c, subject=subj, missing=[], assumed=[*c.assumed, "subject"],
            extra={**c.extra, "searched_subject": True},
        )  # fmt: skip
        days = _j._candidate_days(cc, m)
        if level is not None:
            # "rose 0.25% to $103.83": only a series that closed there is meant, and a match by
            # luck needs the close to match by luck too (the rarer of the two)
            ser = m.daily(subj)
            value, half = level[0], _half_unit(level[1])
            closes = [v for d in days if ser is not None and (v := on(ser[1], d)) is not None]
            luck += sum(level_chance(v, value, half) for v in closes)
            if not any(abs(v - value) <= half for v in closes):
                continue
        else:
            # a day's moves on two days are independent draws; a longer period's are not
            each = [move_luck(cc, d, m) for d in days]
            day = cc.period is None or cc.period.kind == "day"
            luck += sum(each) if day else max(each, default=0.0)
        if luck > LIMIT:
            return None
        got = _j.judge(cc, claims, m, text)
        if got.verdict == SUPPORTED and exact(c, got.computed):
            fits.append((subj.name, got))
    if not fits:
        return None
    name, got = fits[0]
    ev = (f"{got.evidence} (its sentence names no series: read as {name}, which the article "
          f"names; {luck_words(luck, tried, 'series')})")  # fmt: skip
    return CheckedClaim(c, SUPPORTED, ev, got.tolerance, got.computed)


def _named_subjects(c: Claim, claims: list[Claim], text: str = "") -> list[Subject]:
    """The series the article's claims name, each once, the nearest to ``c`` first; then those
    its text names with no claim of their own ("Here are the S&P 500's month-by-month results:"
    before a list of closes that name no series), the nearest first."""
    near = sorted(
        (x for x in claims if x.subject is not None), key=lambda x: abs(x.start - c.start)
    )
    out = {x.subject.key: x.subject for x in near if x.subject is not None}
    for _at, subj in sorted(_text_subjects(text), key=lambda x: abs(x[0] - c.start)):
        out.setdefault(subj.key, subj)
    return list(out.values())


@functools.lru_cache(maxsize=4)
def _text_subjects(text: str) -> tuple[tuple[int, Subject], ...]:
    """The series an article's text names (by name, not a back-reference), with where."""
    if not text:
        return ()
    found = SubjectFinder().find(tokenize(text))
    return tuple(
        (m.start, m.subject)
        for m in found
        if m.subject is not None and not m.anaphora and m.subject.kind != "market"
    )


def _stated_close(c: Claim, claims: list[Claim]) -> tuple[float, int] | None:
    """The level a move is stated with ("rose 0.25% to $103.83"): the close claim its words run
    on to, and its decimals; ``None`` for a move stated alone."""
    if c.period is None or c.period.text != MOVE_TO_CLOSE:
        return None
    after = [
        x for x in claims if x.measure == "close" and c.start <= x.start <= c.end + _AROUND // 8
    ]
    first = min(after, key=lambda x: x.start, default=None)
    return _level_figure(first) if first is not None else None


def _level_days(c: Claim, m: Market, text: str, s: Series) -> list[dt.date]:
    """The days a bare level is read on: those its sentence names (a span's last session), else
    the article's session, or its two candidate sessions while none is pinned."""
    named = [
        (d.first, d.last) for d in find_dates(_sentence_of(c, text), m.as_of) if d.first and d.last
    ]
    if named:
        ends = [on_or_before(s, min(last, m.as_of)) for _first, last in named]
        return [e[0] for e, (first, _) in zip(ends, named, strict=True) if e and e[0] >= first]
    return _now_days(m, s)


def found_close(
    c: Claim, claims: list[Claim], m: Market, text: str
) -> tuple[Subject, dt.date] | None:
    """The series and day of the close a level searched in the data was read as
    (:func:`searched_level`, a bound series with no measure), ``None`` when it is not one."""
    if c.measure != "other" or c.subject is None or c.missing or c.hedge:
        return None
    got = _level_figure(c)
    if got is None:
        return None
    found = _close_match(c, [c.subject], m, text, *got)
    return None if found is None else (c.subject, found[0][1])


def signed_pct(c: Claim) -> tuple[float, int, int] | None:
    """The percentage a claim with no measure states, its decimals and its written sign (+1, -1
    or 0), or ``None`` when its figure is not one percentage."""
    got = _one_number(str(c.stated_value))
    if got is None or got.unit != "pct" or got.scale:
        return None
    return abs(float(got.value or 0)), got.decimals, {"+": 1, "-": -1}.get(got.signed, 0)


def _level_match(
    c: Claim,
    subjects: list[Subject],
    m: Market,
    text: str,
    value: float,
    half: float,
    *,
    past: bool,
) -> tuple[tuple[str, dt.date, float], float, int] | None:
    """The first close of ``subjects`` that gives ``value`` to ``half`` on the days read (the
    claim's own, and with ``past`` the sessions of the past years), with the chance of a match
    by luck over the closes tried and their number; ``None`` when none matches or luck is too
    likely (:data:`LIMIT`)."""
    luck, tried, match = 0.0, 0, None
    for subj in subjects:
        daily = m.daily(subj)
        if daily is None:
            continue
        sid, ser = daily
        days = (
            _j._candidate_days(c, m)
            if c.measure == "close"
            else _level_days(c, m, text, _j.session_calendar(sid, ser, m))
        )
        if past:
            days = list(dict.fromkeys([*days, *_past_days(ser, m)]))
        for d in days:
            v = on(ser, d)
            if v is None:
                continue
            luck, tried = luck + level_chance(v, value, half), tried + 1
            if match is None and abs(v - value) <= half:
                match = sid, d, v
        if luck > LIMIT:
            return None  # no need to read the other series
    return None if match is None else (match, luck, tried)


#: how far back a close its sentence does not date is searched
_PAST_YEARS = 5

#: words that make a level the close of the session the article reports ("closed at", "to close
#: at", "finished at"), not a close of the past named by a noun ("its last close at")
_SESSION_CLOSE = re.compile(
    r"\b(?:closed|finished|ended|settled|ending|finishing|settling|to\s+close|closing\s+at)\b", re.I
)


def _an_undated_close(c: Claim, m: Market, text: str) -> bool:
    """Whether a level is a close its words do not date: no day named in its sentence and no verb
    that makes it the close of the session reported."""
    if _SESSION_CLOSE.search(c.quote):
        return False
    return not any(d.first and d.last for d in find_dates(_sentence_of(c, text), m.as_of))


def _past_days(s: Series, m: Market) -> list[dt.date]:
    """The sessions of ``s`` in the :data:`_PAST_YEARS` years to the article's date, the latest
    first."""
    w = s.between(m.as_of.replace(year=m.as_of.year - _PAST_YEARS, day=1), m.as_of)
    return w.dates[::-1]


def _now_days(m: Market, s: Series) -> list[dt.date]:
    """The sessions of the article's day for the series ``s`` (:func:`thesis.claims.judge.
    day_sessions`), none when it ends days before the article."""
    return _j.day_sessions(s, m.as_of, m) or []


def _sentence_of(c: Claim, text: str) -> str:
    """The sentence of the article ``text`` that holds ``c`` (its quote when there is no text)."""
    if not text:
        return c.quote
    lo, hi = max(0, c.start - _AROUND), min(len(text), c.end + _AROUND)
    return next((text[lo + x.start : lo + x.end] for x in split_sentences(text[lo:hi])
                 if x.start <= c.start - lo < x.end), c.quote)  # fmt: skip


#: a figure no rule reads is a change of its series less often than a move with no period words
#: is one over some period, so a match by luck must be rarer still: a quarter of :data:`LIMIT`
#: (over dev and the held-out sets, the matches of claims labelled otherwise or meaning another
#: measure had chances of 0.7% to 1.4%; all but two right ones, 0.5% or less)
_UNKNOWN_MEASURE_PRIOR = 0.25


#: "28% of the time", "35% of the index": a share; "outperforming the S&P 500 by 17%": a gap
_SHARE = re.compile(r"^\s*\)?\s*of\b", re.I)


_GAP_WORDS = ("outperform", "underperform", "beat", "beating", "lag", "trail", "ahead of", "behind")


#: words after a percentage that make it a company's figure ("21% year-over-year revenue growth")
_COMPANY_WORDS = frozenset(
    {"revenue", "revenues", "sales", "earnings", "eps", "profit", "profits", "margin", "margins",
     "income", "dividend", "dividends", "payout", "growth", "stake", "ownership"}
)  # fmt: skip


def _not_a_price_change(text: str, c: Claim) -> bool:
    """Whether the percentage of ``c`` is a share of a whole, a gap between two series or a
    company's own figure, not a change of its price."""
    if not text:
        return False
    # the words right after the figure, which the claim's quote may run past
    at = text.find(str(c.stated_value).strip(), c.start, c.end)
    end = at + len(str(c.stated_value).strip()) if at >= 0 else c.end
    if _SHARE.match(text[end : end + 8]):
        return True
    after = re.findall(r"[a-z]+", text[end : end + 40].lower())[:4]
    if _COMPANY_WORDS.intersection(after):
        return True
    before = text[max(0, c.start - 60) : c.end].lower()
    return " by " in before[-20 - len(c.quote) :] and any(w in before for w in _GAP_WORDS)


def searched_move(c: Claim, claims: list[Claim], m: Market, text: str) -> CheckedClaim | None:
    """A percentage after a bound price series with no measure the rules read ("U.S. stocks
    ended 2024 with a remarkable 23% gain", "The S&P 500 index showed 4.59%", "Amazon (55%)"):
    read as the series' change over each period its sentence names (:func:`_named_periods`: "in
    2019", "last year", "this year", "over the past 12 months"), or, when it names none, over the
    session and the seven calendar periods ending on the article's day (:func:`searched_periods`).
    Supported when one gives the figure to its last digit while a match by luck over the periods
    tried stays under a quarter of :data:`LIMIT` (:data:`_UNKNOWN_MEASURE_PRIOR`); never
    contradicted (the measure is not stated), and never read for a share or a gap
    (:func:`_not_a_price_change`)."""
    if c.measure != "other" or c.unit != "pct" or c.subject is None or c.missing:
        return None
    if c.subject.kind not in PRICE_KINDS or c.hedge or c.comparator not in ("=", ""):
        return None
    if set(c.qualifiers) & set(_j._QUAL_ORDER):
        return None
    got = _one_number(str(c.stated_value))
    if got is None or got.unit != "pct" or got.scale or _not_a_price_change(text, c):
        return None
    daily = m.daily(c.subject)  # read last: a series read costs more than every test above
    if daily is None:
        return None
    sign = {"+": 1, "-": -1}.get(got.signed, 0)
    value, decimals = abs(float(got.value or 0)), got.decimals
    cc = dataclasses.replace(c, measure="change", stated_value=sign * value if sign else value,
                             decimals=decimals, direction=sign)  # fmt: skip
    named = _named_periods(_sentence_of(c, text), m.as_of)
    days = _now_days(m, _j.session_calendar(daily[0], daily[1], m))
    if named:
        tries = [(p, p.text, d) for p in named for d in days]
    else:
        tries = [(PeriodSpec("day", "the session"), "read as the session", d) for d in days]
        tries += [(p, w, d) for d in days for p, w in searched_periods(
            dataclasses.replace(cc, period=PeriodSpec("day"), assumed=["period"]), d)]  # fmt: skip
    per: dict[str, float] = {}
    fits = []
    for p, words, d in tries:
        cp = dataclasses.replace(cc, period=p)
        per[words] = max(per.get(words, 0.0), move_luck(cp, d, m))
        o = _j.judge_change(cp, d, m, claims)
        if o.ok is True and exact(cp, o.computed):
            fits.append((words, o))
    luck = sum(per.values())
    if not fits or luck > LIMIT * _UNKNOWN_MEASURE_PRIOR:
        return None
    words, o = fits[0]
    ev = (f"{o.evidence} ({words}: its words name no measure, and this change fits; "
          f"{luck_words(luck, len(per), 'periods')})")  # fmt: skip
    return CheckedClaim(c, SUPPORTED, ev, o.tolerance, o.computed)


def _named_periods(sentence: str, as_of: dt.date) -> list[PeriodSpec]:
    """The periods a sentence names for its figures: the calendar years, quarters, months and
    spans that ended by ``as_of`` ("in 2019", "last year") and the periods to date or trailing
    ("this year", "year-to-date", "in the past 12 months")."""
    out = [
        PeriodSpec("span" if d.kind == "span" else d.kind, d.text, first=d.first, last=d.last)
        for d in find_dates(sentence, as_of)
        if d.kind in ("year", "quarter", "month", "span") and d.first and d.last and d.last < as_of
    ]
    out += [
        PeriodSpec(p.kind, p.text, n=p.n, unit=p.unit)
        for p in find_periods(sentence)
        if p.kind in ("ytd", "mtd", "qtd", "week") or (p.kind == "trailing" and p.n and p.unit)
    ]
    return out


def _level_figure(c: Claim) -> tuple[float, int] | None:
    """The stated level of ``c`` and its decimals, or ``None`` when it is not a plain level (a
    percentage, a rate, a count)."""
    if c.unit not in ("points", "plain", "usd"):
        return None
    raw = c.stated_value
    if isinstance(raw, float):
        return raw, c.decimals
    got = _one_number(raw) if isinstance(raw, str) else None
    if got is None or got.signed or got.scale or got.unit not in (None, "usd"):
        return None
    return float(got.value or 0), got.decimals  # a value: see _one_number


def _one_number(raw: str) -> NumberSpan | None:
    """The number a stated value is ("$6,449.15", "+0.32%"), read by the text layer; ``None``
    when the value is anything else than one number (a "$" before it aside)."""
    text = raw.strip()
    spans = find_numbers(text)
    if len(spans) != 1 or spans[0].kind != "number" or spans[0].value is None:
        return None
    if spans[0].end != len(text):
        return None
    return spans[0] if text[: spans[0].start].strip() in ("", "$") else None


def close_gives_it(c: Claim, claims: list[Claim], m: Market, text: str) -> CheckedClaim | None:
    """An intraday figure that the day's close gives as well, to its last digit ("S&P 500 SPX,
    -1.42%" in a quote line written during the session; "the 10-year yield rose to 4.25% late
    Wednesday"): supported while a match by luck stays unlikely (:mod:`thesis.claims.chance`),
    since a figure quoted late in the session is often the close. A record in the session is
    not read on closes (an earlier session's high may top this one's close). Anything else
    settles nothing (``None``: the figure stays unverifiable as intraday); closes never
    contradict an intraday figure."""
    if c.hedge or c.comparator not in ("=", ""):
        return None
    if c.measure not in ("change", "points_change", "close", "yield"):
        return None
    got = _j.judge(dataclasses.replace(c, qualifiers=[]), claims, m, text)
    if got.verdict != SUPPORTED:
        return None
    days = _j._candidate_days(c, m)
    stated, half = float(c.stated_value or 0), _half_unit(c.decimals)
    if c.measure != "close":
        if not exact(c, got.computed):
            return None
        if c.measure == "yield":
            assert isinstance(got.computed, float)
            luck = len(days) * level_chance(got.computed, stated, half)
        else:
            luck = sum(move_luck(c, d, m) for d in days)
    else:
        # the judge's value is the gap in percent: the closes themselves, to the last digit
        ser = m.daily(c.subject) if c.subject is not None else None
        closes = [v for d in days if ser is not None and (v := on(ser[1], d)) is not None]
        if not any(abs(v - stated) <= half for v in closes):
            return None
        luck = sum(level_chance(v, stated, half) for v in closes)
    if luck > LIMIT:
        return None
    ev = f"{got.evidence} (an intraday figure; the day's close gives it too"
    ev += f"; {luck_words(luck, len(days), 'days')})"
    return CheckedClaim(c, SUPPORTED, ev, got.tolerance, got.computed)


def searched_periods(c: Claim, day: dt.date) -> list[tuple[PeriodSpec, str]]:
    """A move whose words state no period ("the S&P 500 gained 28.9%"): the calendar periods
    that end on ``day`` (the week, month, quarter and year to date, the past year, the last full
    month and year). Tried for support only (:func:`period_support`)."""
    if (
        "period" not in c.assumed
        or c.measure not in ("change", "points_change")
        or c.period is None
    ):
        return []
    if c.period.kind != "day" or c.hedge or c.comparator not in ("=", ""):
        return []
    if c.extra.get("searched_subject") or _j._words(c.quote) & _j._CLOSE_WORDS:
        # a move stated with its close ("closed at 4,310.12, up 0.74%") is that session's; a
        # series found by search is not searched over periods as well
        return []
    pm_last = day.replace(day=1) - _ONE_DAY
    return [
        (PeriodSpec("week", "the week to date"), "read as the week to date"),
        (PeriodSpec("mtd", "the month to date"), "read as the month to date"),
        (PeriodSpec("qtd", "the quarter to date"), "read as the quarter to date"),
        (PeriodSpec("ytd", "the year to date"), "read as the year to date"),
        (PeriodSpec("trailing", "the past year", n=1, unit="year"), "read as the past year"),
        (PeriodSpec("month", f"{pm_last:%B %Y}", first=pm_last.replace(day=1), last=pm_last),
         f"read as {pm_last:%B %Y}"),
        (PeriodSpec("year", f"{day.year - 1}", first=dt.date(day.year - 1, 1, 1),
                    last=dt.date(day.year - 1, 12, 31)), f"read as {day.year - 1}"),
    ]  # fmt: skip


def period_support(
    c: Claim, searched: list[tuple[_j.Reading, _j.Outcome]], m: Market
) -> CheckedClaim | None:
    """A move with no period words that one of the calendar periods :func:`searched_periods`
    gives to its last digit, while a match by luck over the periods tried stays under
    :data:`LIMIT` (the article's two candidate days give nearly the same value of a period: each
    period counts once); ``None`` otherwise. Called when no literal reading fits."""
    found = [(r, o) for r, o in searched if o.ok is True and exact(c, o.computed)]
    if not found:
        return None
    per: dict[str, float] = {}
    for r, _ in searched:
        key = r.label.split(" on ")[0]
        per[key] = max(per.get(key, 0.0), move_luck(r.claim, r.day, m))
    luck = sum(per.values())
    if luck > LIMIT:
        return None
    r, o = found[0]
    ev = (f"{o.evidence} ({r.label}: the words state no period, and this calendar period fits; "
          f"{luck_words(luck, len(per), 'periods')})")  # fmt: skip
    return CheckedClaim(c, SUPPORTED, ev, o.tolerance, o.computed)


def exact(c: Claim, computed: float | str | None) -> bool:
    """Whether a searched reading's value rounds to the stated figure."""
    if not isinstance(computed, float) or c.stated_value is None:
        return False
    return abs(abs(computed) - abs(float(c.stated_value))) <= _half_unit(c.decimals)


def move_luck(c: Claim, day: dt.date, m: Market) -> float:
    """The chance that the move ``c`` (its subject, its period ending ``day``) matches its stated
    figure by luck (:func:`thesis.claims.chance.move_chance`); 1 when it cannot be told."""
    got = m.daily(c.subject) if c.subject is not None else None
    sigma = m.sigma(got[0]) if got is not None else None
    if got is None or sigma is None or c.stated_value is None:
        return 1.0
    stated, half = float(c.stated_value), _half_unit(c.decimals)
    if c.measure == "points_change":
        close = on_or_before(got[1], day)
        if close is None or not close[1]:
            return 1.0
        stated, half = stated / close[1] * 100, half / close[1] * 100
    return move_chance(sigma, sessions_in(c.period, day), stated, half)


def luck_words(luck: float, n: int, what: str) -> str:
    return f"a match by luck over the {n} {what} tried: {luck:.1%}"
