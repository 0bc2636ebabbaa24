"""A series' average over a window the words state (issue 8, round 76).

"The VIX averaged just 11.1 in 2017", "the fourth quarter of 2006, when VIX averaged 11.03", "the
average closing for VIX this quarter is running close to 11.60", "well below the 20-year average
of 21", "its long-term average of around 20", "the 3.88% yield stood 157 bps above its 2.31%
average for the 10-year period": a level's mean over a window, which the store's daily closes
settle. Until this round such a figure was read as nothing (the VIX's "long-term average of 21"
is not its level on any day), so a wrong average was never caught.

The rule reads a figure tied to an average word in one of two ways: after it, with only linking
words between ("averaged around 14.5", "average ... came in at 11.1", "average of 21"), or right
before it ("its 2.31% average"). The window must be stated in the clause: a long-run word
("long-term", "historical", "usual"), a trailing length ("20-year average", "for the 10-year
period"), a calendar period ("in 2017", "the fourth quarter of 2006", "in late August") or a
to-date period ("this quarter", "so far this year"). Without one the figure is left alone: "the
VIX averaged 1.5% a day" states no window, and "the average analyst target" is not a mean of
closes. A moving average is :func:`thesis.claims.rules.rule_moving_average`'s; "on average", an
average return and an index named "Average" are not read here.

The judge (:func:`judge_average`) takes the mean of the daily closes in the window up to the
claim's day. A long-run average ("historical", "long-term", or five years and more) is a
convention as much as a figure (which first year, which closes), so it gets a relative slack of
:data:`LONG_RUN_SLACK` on top of the stated precision: "the long-term average of 20" is the
VIX's 19.4 since 1990, while "the 20-year average of 21" (19.4) is contradicted.

The phrasings are short token patterns next to an average word, so token lists find them; a
parse would add nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from thesis.claims.binding import Bind, bind_date, bind_subject, make_claim
from thesis.claims.frames import Claim, PeriodSpec
from thesis.claims.tolerance import Band
from thesis.text.numbers import token_count

if TYPE_CHECKING:
    from thesis.claims.binding import Ctx
    from thesis.claims.document import Sent
    from thesis.claims.judge import Outcome
    from thesis.claims.market import Market
    from thesis.text.dates import DateMention
    from thesis.text.numbers import Quantity

__all__ = [
    "AVERAGE_WORDS",
    "LONG_RUN_SLACK",
    "TRAILING_SLACK",
    "average_band",
    "judge_average",
    "rule_average",
]

#: the words that name an average (the rule runs only on sentences that hold one)
AVERAGE_WORDS = frozenset({"average", "averaged", "averaging"})
#: the words that make an average a long-run one: the series' whole history up to the day
_LONG_RUN = frozenset(
    {
        "long-term",
        "long-run",
        "longterm",
        "historical",
        "historic",
        "all-time",
        "usual",
        "normal",
        "typical",
        "long",
        "term",
        "run",
        "-",
    }
)
_LONG_RUN_WORDS = re.compile(
    r"\b(?:long[- ]?(?:term|run)|historical|historic|all-time|usual|normal|typical)\b", re.I
)
#: the words that may stand between an average word and its figure ("averaged just 11.1",
#: "average ... came in at 11.1", "average of 21", "average is running close to 11.60")
_LINK = frozenset(
    {
        "of",
        "at",
        "near",
        "around",
        "about",
        "roughly",
        "approximately",
        "nearly",
        "almost",
        "just",
        "only",
        "some",
        "during",
        "through",
        "throughout",
        "is",
        "was",
        "are",
        "were",
        "has",
        "had",
        "been",
        "be",
        "came",
        "comes",
        "come",
        "in",
        "stood",
        "stands",
        "stand",
        "sits",
        "sat",
        "sit",
        "running",
        "runs",
        "ran",
        "close",
        "to",
        "a",
        "an",
        "level",
        "reading",
        "now",
        "currently",
        "closing",
        "value",
        "~",
        "≈",
        "still",
        "below",
        "above",
        "under",
        "over",
        "more",
        "than",
        "less",
        "little",
        "slightly",
        "for",
        "the",
        "its",
        "this",
        "so",
        "far",
        ",",
        "out",
    }
)
#: subject kinds whose level a mean of daily closes settles, and the units their figure may carry
_KIND_UNITS = {
    "volatility": ("plain", "points"),
    "index": ("plain", "points"),
    "yield": ("pct",),
    "stock": ("usd",),
    "etf": ("usd",),
}
#: the calendar kinds of a date mention that name an average's window
_CALENDAR = {"year": "year", "quarter": "quarter", "month": "month", "half": "span"}
#: the to-date periods that name an average's window ("this quarter", "so far this year")
_TO_DATE = {"ytd": "ytd", "qtd": "qtd", "mtd": "mtd"}
#: the relative slack of a long-run average (five years or more, or "historical"): which first
#: year and which closes are the writer's convention (the VIX's mean since 1990 is 19.4, since
#: 2004 19.1), so a figure within 3 % of the mean of the store's history fits
LONG_RUN_SLACK = 0.03
#: the relative slack of a long trailing window (five years or more: "the 20-year average"): its
#: length is stated, so only which closes (and the first day's) is the writer's convention
TRAILING_SLACK = 0.01
#: a stated average this far from the mean (as a ratio either way) is another series' figure
_FAR = 0.5
#: a trailing window at least this many years long is a long-run average
_LONG_YEARS = 5


def rule_average(ctx: Ctx, s: Sent, used: set[int]) -> list[Claim]:
    """Claims of a series' average over a window its clause states (see the module)."""
    out: list[Claim] = []
    toks = s.tokens
    for i, t in enumerate(toks):
        low = t.lower
        if low not in AVERAGE_WORDS or _inside_a_name(s, t.start):
            continue
        prev = toks[i - 1].lower if i else ""
        if prev in ("moving", "on", "-") or (low != "average" and prev in ("an", "the", "its")):
            continue  # a moving average, "on average", "an averaged ..." (an adjective)
        q = _figure_after(s, i) or (_figure_before(s, i) if low == "average" else None)
        if q is None or q.start in used:
            continue
        window = _window(s, i, q)
        if window is None:
            continue
        spec, w_at, mention = window
        date = bind_date(ctx, s, q.start)
        if mention is not None and not date.ok:
            # "the fourth quarter of 2006, when VIX averaged 11.03": the window is the day slot
            date = Bind(mention, mention.text, "explicit")
        subj = bind_subject(ctx, s, q.start)
        kind = subj.value.kind if subj.value is not None else None
        if kind not in _KIND_UNITS or q.unit not in _KIND_UNITS[kind]:
            continue  # an average return, a count, a macro rate: not a mean of closes
        used.add(q.start)
        lo, hi = (q.value, q.high) if q.is_range and q.high is not None else (q.value, q.value)
        a, b = min(t.start, q.start), max(t.end, q.end)
        if a - 30 <= w_at < a:
            a = w_at  # "the 20-year average of 21": the window's words before the average word
        out.append(
            make_claim(
                ctx,
                s,
                kind="level" if kind != "yield" else "rate",
                measure="average",
                subject=subj,
                parts=[(a, b)],
                rule="average",
                value=q.value,
                unit=q.unit,
                decimals=q.decimals,
                date=date,
                # a trailing or long-run window is the frame's own kind ("window"): the readings of
                # a trailing change (judge.readings) are not an average's
                period=Bind(
                    spec
                    if spec.kind not in ("trailing", "all")
                    else PeriodSpec("window", spec.text),
                    spec.text,
                    "explicit",
                ),
                hedge=s.hedge(q),
                extra={"lo": lo, "hi": hi, "window": spec},
                needs=("subject", "date", "period"),
                at=q.start,
            )
        )
    return out


def _inside_a_name(s: Sent, pos: int) -> bool:
    """Whether ``pos`` lies in a subject's name ("the Dow Jones Industrial Average")."""
    return any(m.start <= pos < m.end for m in s.subjects)


def _figure_after(s: Sent, i: int) -> Quantity | None:
    """The figure an average word at token ``i`` runs to, over linking words, a subject's name or
    the window's words only ("averaged just 11.1", "average during 2017 came in at 11.1")."""
    toks = s.tokens
    spans = [(m.start, m.end) for m in s.subjects] + [(d.start, d.end) for d in s.dates]
    spans += [(p.start, p.end) for p in s.periods]
    for t in toks[i + 1 : i + 12]:
        if any(a <= t.start < b for a, b in spans):
            continue  # "during 2017", "for VIX": a window's or a name's words
        if t.kind == "number" or t.text in ("$", "~"):
            return next((q for q in s.quantities if q.start <= t.start < q.end), None)
        if t.lower not in _LINK:
            return None
    return None


def _figure_before(s: Sent, i: int) -> Quantity | None:
    """The figure right before an average noun ("its 2.31% average", "a 19.5 long-term
    average"), a long-run word at most between them."""
    toks = s.tokens
    k = i - 1
    while k >= 0 and toks[k].lower in _LONG_RUN:
        k -= 1
    if k > 0 and toks[k].text == "%":
        k -= 1
    if k < 0 or toks[k].kind != "number":
        return None
    return next((q for q in s.quantities if q.start <= toks[k].start < q.end), None)


def _window(s: Sent, i: int, q: Quantity) -> tuple[PeriodSpec, int, DateMention | None] | None:
    """The window the clause states for the average at token ``i`` (see the module), as a period
    spec, the offset its words start at and the calendar period's date mention; ``None`` when the
    clause states none or two."""
    toks = s.tokens
    # "20-year average", "10-year average of 2.31%": a trailing length right before the word
    for k in range(max(0, i - 4), i - 1):
        if toks[k].kind == "number" and toks[k + 1].text in "-‐" and k + 2 < i:
            unit = toks[k + 2].lower.rstrip("s")
            n = token_count(toks[k], ordinals=False) or 0
            if unit in ("year", "month") and 0 < n <= 100:
                words = s.doc.text[toks[k].start : toks[k + 2].end]
                return PeriodSpec("trailing", words, n=n, unit=unit), toks[k].start, None
    at = toks[max(0, i - 4)].start
    run = _LONG_RUN_WORDS.search(s.doc.text, at, toks[i].start)
    if run:
        return PeriodSpec("all", run.group(0)), run.start(), None
    clause = s.clause_of(toks[i].start)
    lo, hi = min(clause.start, q.start), max(clause.end, q.end)
    trailing = [p for p in s.periods if lo <= p.start < hi and p.kind == "trailing" and p.n]
    if len(trailing) == 1 and trailing[0].unit in ("year", "month"):
        p = trailing[0]
        return PeriodSpec("trailing", p.text, n=p.n, unit=p.unit), p.start, None
    dates = [
        d
        for d in s.dates
        if lo <= d.start < hi and d.kind in _CALENDAR and d.first is not None and d.last is not None
    ]
    to_date = [p for p in s.periods if lo <= p.start < hi and p.kind in _TO_DATE]
    if len(dates) + len(to_date) != 1:
        return None
    if dates:
        d = dates[0]
        return PeriodSpec(_CALENDAR[d.kind], d.text, first=d.first, last=d.last), d.start, d
    p = to_date[0]
    return PeriodSpec(_TO_DATE[p.kind], p.text), p.start, None


def average_band(lo: float, hi: float, decimals: int, comparator: str, slack: float) -> Band:
    """The values of a mean that fit a stated average ``lo``–``hi`` (one figure: ``lo == hi``):
    half a unit of its last digit, "about" ± 5 % (± 1 for a whole number), "nearly" on the low
    side, "more than" as a bound, plus ``slack`` (a share of the figure) for a long-run average's
    conventions. Contradicted beyond the band by a margin as wide again (at least 3 % of the
    figure)."""
    tol = 0.5 * 10.0 ** (-decimals) if decimals <= 1 else 10.0 ** (-decimals)
    if comparator in ("~", "<~", ">~"):
        tol = max(tol, 0.05 * abs(hi), 1.0 if decimals == 0 else 0.0)
    tol += slack * abs(hi)
    margin = max(tol, 0.03 * abs(hi))
    s_lo, s_hi = lo - tol, hi + tol
    if comparator == "<~":
        s_hi = hi + (0.5 * 10.0 ** (-decimals) if decimals <= 1 else 10.0 ** (-decimals))
    elif comparator == ">~":
        s_lo = lo - (0.5 * 10.0 ** (-decimals) if decimals <= 1 else 10.0 ** (-decimals))
    inf = float("inf")
    if comparator in (">", ">="):
        return Band(
            lo - tol, inf, lo - tol - margin, inf, f"at least {lo:g}, give or take {tol:.2g}"
        )
    if comparator in ("<", "<="):
        return Band(
            -inf, hi + tol, -inf, hi + tol + margin, f"at most {hi:g}, give or take {tol:.2g}"
        )
    text = f"the mean within {s_lo:.4g} to {s_hi:.4g} (contradicted beyond {s_lo - margin:.4g} to {s_hi + margin:.4g})"
    return Band(s_lo, s_hi, s_lo - margin, s_hi + margin, text)


def _years_back(day: dt.date, n: int, unit: str) -> dt.date:
    """The day ``n`` years (or months) before ``day`` (the 29th of February goes to the 28th)."""
    months = n * (12 if unit == "year" else 1)
    y, mo = divmod(day.year * 12 + day.month - 1 - months, 12)
    mo += 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(y, mo, d)
        except ValueError:
            continue
    return dt.date(y, mo, 28)


def judge_average(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    """The mean of the subject's daily closes over the claim's window, up to its day (see the
    module)."""
    from thesis.claims.judge import Outcome, _daily, _f, _na, _stale

    got = _daily(c, m)
    if isinstance(got, Outcome):
        return got
    sid, s = got
    p: PeriodSpec = c.extra["window"]  # the frame's period may be re-read (judge.readings)
    end = min(day, m.as_of)
    slack = LONG_RUN_SLACK if p.kind == "all" else 0.0
    if p.kind == "all":
        first = s.first
        if (end - first).days < 365 * 10:
            return _na(
                f"{sid} history in the store starts {first}: too short for a long-run average"
            )
    elif p.kind == "trailing":
        first = _years_back(end, int(p.n or 0), str(p.unit))
        if p.unit == "year" and int(p.n or 0) >= _LONG_YEARS:
            slack = TRAILING_SLACK
    elif p.kind in ("ytd", "qtd", "mtd"):
        first = {
            "ytd": dt.date(end.year, 1, 1),
            "qtd": dt.date(end.year, 3 * ((end.month - 1) // 3) + 1, 1),
            "mtd": end.replace(day=1),
        }[p.kind]
    else:
        assert p.first is not None and p.last is not None
        if p.first > m.as_of:
            return _na(f"the window {p.text!r} starts after the article's date: a forecast")
        first, end = p.first, min(p.last, m.as_of)
    if first < s.first - dt.timedelta(days=7):
        return _na(
            f"the store's {sid} starts {s.first}, after the window's start {first}",
            c.subject.settle if c.subject else "",
        )
    if _stale(s, end):
        return _na(f"no {sid} close up to {end}")
    w = s.between(first, end)
    if len(w) < 3:
        return _na(f"fewer than three {sid} closes from {first} to {end}")
    mean = sum(w.values) / len(w)
    lo, hi = float(c.extra["lo"]), float(c.extra["hi"])
    if not _FAR < hi / mean < 1 / _FAR:
        # "the index now stands at 24.1, above its 10-year average of 19.3" bound to the S&P 500
        return _na(f"{lo:g} is nowhere near the {sid} mean ({_f(mean)}): probably another series")
    band = average_band(lo, hi, c.decimals, c.comparator, slack)
    stated = f"{lo:g}" if lo == hi else f"{lo:g}–{hi:g}"
    ev = (f"{sid} mean of {len(w)} daily closes {w.first}..{w.last} = {_f(mean, 3)}; stated "
          f"{stated}{' (a long-run average: the writer may start elsewhere)' if slack else ''}")  # fmt: skip
    return Outcome(band.verdict(mean), ev, band.text, round(mean, 4))
