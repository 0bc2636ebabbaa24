"""The rule for a company's filed fundamentals: revenue, net income and capital expenditure.

"Microsoft reported revenue of $77.7 billion for the quarter ended September 30", "capex of
$19.4 billion in Q3", "revenue grew 18% year over year in the third quarter", "21% YoY revenue
growth in Q3 2025": a level (a scaled dollar amount) or a year-over-year change of one of the
items the EDGAR provider stores (``{ticker}_revenue_q`` ... ``{ticker}_capex_fy``), about a company
the sentence names, for a fiscal quarter or year its words name. The frame records the period as
written (a quarter number, a year and whether the words call it fiscal or calendar, a period end
date, or only "the quarter"); :mod:`thesis.claims.filings` turns it into every fiscal and
calendar reading the company's filings allow and judges them.

The period words are read with a few regular expressions on the clause's text rather than the
text layer's date mentions: those resolve "Q3" to a *calendar* quarter and know neither "FY2026"
nor "fiscal 2026", while here the quarter number and the year as written are what matter (the
company's fiscal calendar decides the days). Each pattern is linear (no nested quantifiers).
"""

from __future__ import annotations

import re

from thesis.claims.binding import Bind, Ctx, make_claim, subject_gap
from thesis.claims.document import Sent
from thesis.claims.frames import Claim, PeriodSpec
from thesis.claims.vocab import DOWN_NOUNS, DOWN_WORDS, UP_NOUNS, UP_WORDS
from thesis.text.dates import MONTH_NUMBERS
from thesis.text.numbers import Quantity
from thesis.text.tokens import Token

__all__ = ["ITEMS", "rule_fundamental"]

#: the items the EDGAR provider stores (series ``{ticker}_{item}_q`` / ``_fy``) and their names
ITEMS = {"revenue": "revenue", "net_income": "net income", "capex": "capital expenditure"}

_ONE_WORD = {
    "revenue": "revenue",
    "revenues": "revenue",
    "sales": "revenue",
    "capex": "capex",
}
_TWO_WORDS = {
    ("net", "income"): "net_income",
    ("net", "profit"): "net_income",
    ("net", "earnings"): "net_income",
    ("net", "loss"): "net_income",
    ("capital", "expenditure"): "capex",
    ("capital", "expenditures"): "capex",
    ("capital", "spending"): "capex",
}
#: words that may stand right before the item without narrowing it to a segment or a measure
#: other than the reported total ("cloud revenue", "adjusted net income" are not the total)
_PLAIN_BEFORE = frozenset(
    [
        "the",
        "its",
        "their",
        "his",
        "her",
        "total",
        "quarterly",
        "annual",
        "full-year",
        "fiscal",
        "reported",
        "in",
        "of",
        "on",
        "with",
        "and",
        "for",
        "to",
        "at",
        "as",
        "yoy",
        "y/y",
        "year-over-year",
        "quarter",
        "year",
        "quarter's",
        "year's",
        "company's",
        "company",
        "group",
        "group's",
        "overall",
        "consolidated",
        "record",
        "first-quarter",
        "second-quarter",
        "third-quarter",
        "fourth-quarter",
        "a",
        "an",
        "that",
        "which",
        "posted",
        "reported",
        "reporting",
        "report",
        "reports",
        "had",
        "has",
        "booked",
        "generated",
        "said",
        "showed",
    ]
)
_NARROWING = frozenset(
    {"adjusted", "non-gaap", "organic", "segment", "operating", "pro", "forma", "comparable"}
)
_YOY_RE = re.compile(
    r"\b(?:year[\s-]+(?:over|on)[\s-]+year|yoy|y/y|(?:from|than|over|versus|vs\.?|compared\s+"
    r"(?:with|to))\s+(?:a|the|one)\s+year\s+(?:earlier|ago|before)|from\s+(?:the\s+)?(?:same|"
    r"year-ago|prior-year)\s+(?:quarter|period))\b",
    re.IGNORECASE,
)
_QOQ_RE = re.compile(
    r"\b(?:sequential(?:ly)?|quarter[\s-]+(?:over|on)[\s-]+quarter|q/q|qoq|from\s+the\s+"
    r"(?:previous|prior|preceding)\s+quarter)\b",
    re.IGNORECASE,
)
_QUARTER_RE = re.compile(
    r"\b(?:Q(?P<qn>[1-4])|(?P<qw>first|second|third|fourth)(?:[\s-]+fiscal)?[\s-]+quarter)\b",
    re.IGNORECASE,
)
_YEAR_RE = re.compile(
    r"\b(?:(?P<fy>FY|fiscal(?:\s+year)?)[\s-]*'?(?P<fyy>\d{4}|\d{2})|(?P<y>(?:19|20)\d{2}))\b",
    re.IGNORECASE,
)
_ENDED_RE = re.compile(
    r"\b(?P<what>quarter|year|three\s+months)\s+(?:that\s+)?(?:ended|ending|ends|through)\s+"
    r"(?:on\s+)?(?P<mon>[A-Za-z]{3,9})\.?\s+(?P<day>\d{1,2})(?:,?\s+(?P<year>(?:19|20)\d{2}))?",
    re.IGNORECASE,
)
_LATEST_RE = re.compile(r"\bquarter\b", re.IGNORECASE)
_QWORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
_ANNUAL_WORDS = re.compile(r"\b(?:full[\s-]+year|fiscal[\s-]+year|annual|for\s+the\s+year)\b", re.I)
_PER_SHARE = frozenset({"share", "diluted"})
#: words between an item and its figure that turn to another quantity or event ("revenue beat
#: estimates and the stock rose 5%": the 5% is the stock's)
_STOP = frozenset(
    [
        "stock",
        "stocks",
        "shares",
        "share",
        "price",
        "prices",
        "valuation",
        "market",
        "cap",
        "estimates",
        "expectations",
        "consensus",
        "guidance",
        "beat",
        "beats",
        "missed",
        "misses",
        "topped",
        "and",
        "but",
        "while",
        "as",
        "after",
        "before",
        "when",
        "because",
        "since",
        "than",
    ]
)
#: words that may stand between a figure and the item after it ("$77.7 billion in revenue",
#: "21% YoY revenue growth", "an 18% increase in revenue")
_AFTER_GAP = frozenset(
    [
        "in",
        "of",
        "yoy",
        "y/y",
        "year-over-year",
        "annual",
        "quarterly",
        "increase",
        "rise",
        "growth",
        "jump",
        "gain",
        "decline",
        "drop",
        "fall",
    ]
)


def rule_fundamental(ctx: Ctx, s: Sent, used: set[int]) -> list[Claim]:
    """A company's reported revenue, net income or capital expenditure for a fiscal period: a
    level ("revenue of $77.7 billion for the quarter ended September 30") or a change from a
    year earlier ("revenue grew 18% year over year in the third quarter")."""
    out: list[Claim] = []
    for q in s.quantities:
        if q.start in used or q.is_range:
            continue
        level = q.unit == "usd" and q.value * q.scale >= 1e5
        if not (level or q.unit == "pct"):
            continue
        item = _item_of(s, q)
        if item is None:
            continue
        key, item_tok, before_tok = item
        if level and _PER_SHARE & set(s.words_after(q.end, 3)):
            continue  # "$3.72 a share": earnings per share, not the total
        subj = _company(s, q.start)
        if subj is None:
            continue
        cl = s.clause_of(q.start)
        text = ctx.doc.text
        clause = text[cl.start : cl.end]
        loose: dict[str, str] = {}
        narrowing = _narrowing(s, before_tok, item_tok, clause)
        if narrowing:
            loose["measure"] = narrowing
        extra: dict[str, object] = {"item": key, "scale": q.scale}
        sign = -1.0 if item_tok.lower == "loss" else 1.0
        if level:
            value = sign * q.value * q.scale
            extra["change"] = "level"
            kind = "level"
        else:
            d, _w = s.direction(q)
            nxt = s.words_after(q.end, 4)
            grows = d != 0 or bool(set(nxt) & (UP_NOUNS | DOWN_NOUNS))
            if not grows:
                continue  # "a 45% margin": not a change of the item
            if d == 0:
                d = -1 if set(nxt) & DOWN_NOUNS else 1
            value = -q.value if (d < 0 and not q.sign) else q.value
            if _QOQ_RE.search(clause):
                extra["change"] = "qoq"
            else:
                extra["change"] = "yoy"
                if not _YOY_RE.search(clause):
                    loose["measure"] = (
                        "the words do not say year over year (a change from the quarter before "
                        "is another reading)"
                    )
            kind = "pct_change"
        period = _period(ctx, s, q, cl.start, cl.end, extra)
        used.add(q.start)
        c = make_claim(
            ctx, s, kind=kind, measure="fundamental", subject=subj, parts=[(q.start, q.end),
            (item_tok.start, item_tok.end)], rule="fundamental", value=value,
            unit="usd" if level else "pct", decimals=q.decimals, period=period,
            hedge=s.hedge(q), direction=int(sign) if level else (1 if value >= 0 else -1),
            extra=extra, needs=("subject", "period"), at=q.start,
        )  # fmt: skip
        c.loose.update(loose)
        out.append(c)
    return out


def _company(s: Sent, pos: int) -> Bind | None:
    """The company a figure at ``pos`` is about: the nearest name before it in its sentence, when
    it is a company's. (:func:`~thesis.claims.binding.bind_subject` takes "revenue" after a
    company's name for another thing than its stock, which is right for prices and is the very
    thing this rule reads.) A back-reference ("the company", "its") binds nothing."""
    for m in reversed([m for m in s.subjects if m.start < pos]):
        if m.unknown or m.anaphora or m.subject is None:
            return None
        if m.subject.kind != "stock":
            return None
        return Bind(m.subject, m.text, "named", subject_gap(s, m, pos))
    return None


def _item_of(s: Sent, q: Quantity) -> tuple[str, Token, Token | None] | None:
    """The item a figure is of: the nearest item word before it in its clause with no other
    figure between ("revenue of $77.7 billion", "revenue grew 18%"), or right after it ("$77.7
    billion in revenue", "21% YoY revenue growth"). Returns (item, its last word, the word
    before the item's first word)."""
    cl = s.clause_of(q.start)
    toks = [t for t in s.tokens if cl.start <= t.start < cl.end and t.kind != "punct"]
    i_q = next((i for i, t in enumerate(toks) if t.start >= q.start), None)
    if i_q is None:
        return None
    # before: up to eight words back, stopping at another figure
    for i in range(i_q - 1, max(-1, i_q - 9), -1):
        other = next(
            (x for x in s.quantities if x is not q and x.start <= toks[i].start < x.end), None
        )
        if toks[i].kind == "number" and other is not None:
            gap = s.doc.text[other.end : q.start].split()
            if other.unit == "pct" and gap[-1:] == ["to"] and len(gap) <= 5:
                continue  # "revenue rose 18% year over year to $77.7 billion": the level reached
            break
        got = _item_at(toks, i)
        if got is not None:
            key, first = got
            return key, toks[i], toks[first - 1] if first > 0 else None
        if toks[i].lower in _STOP:
            break
    # after: up to four words past the figure ("in revenue", "YoY revenue growth")
    j_end = next((i for i, t in enumerate(toks) if t.start >= q.end), len(toks))
    for i in range(j_end, min(len(toks), j_end + 4)):
        got = _item_at(toks, i)
        if got is not None:
            key, first = got
            return key, toks[i], toks[first - 1] if first > 0 else None
        two = i + 1 < len(toks) and (toks[i].lower, toks[i + 1].lower) in _TWO_WORDS
        if toks[i].lower not in _AFTER_GAP and not two:
            break
    return None


def _item_at(toks: list[Token], i: int) -> tuple[str, int] | None:
    """The item whose last word is ``toks[i]``, with the index of its first word."""
    w = toks[i].lower
    if i > 0 and (toks[i - 1].lower, w) in _TWO_WORDS:
        return _TWO_WORDS[(toks[i - 1].lower, w)], i - 1
    if w in _ONE_WORD:
        return _ONE_WORD[w], i
    return None


def _narrowing(s: Sent, before: Token | None, item: Token, clause: str) -> str:
    """Why the item may be a part or an adjusted measure rather than the filed total ("cloud
    revenue", "adjusted net income"): a word before it that is neither a plain word nor the
    company's name, or an adjusting word in the clause."""
    words = {w.strip(".,;:'’\"()").lower() for w in clause.split()}
    adj = words & _NARROWING
    if adj:
        return f"the words speak of an adjusted or partial measure ({sorted(adj)[0]!r}), not the filed total"
    if before is None or before.kind != "word":
        return ""
    b = before.lower
    if b in _PLAIN_BEFORE or before.base in _PLAIN_BEFORE:
        return ""
    if any(m.start <= before.start < m.end for m in s.subjects):
        return ""  # "Microsoft revenue", "Microsoft's revenue"
    if b in UP_WORDS or b in DOWN_WORDS or b in UP_NOUNS or b in DOWN_NOUNS:
        return ""
    if _QUARTER_RE.fullmatch(before.text) or _YEAR_RE.fullmatch(before.text):
        return ""
    return f"the words may name a part of the total ({before.text} …), not the filed total"


def _period(ctx: Ctx, s: Sent, q: Quantity, a: int, b: int, extra: dict[str, object]) -> Bind:
    """The fiscal period the figure is for, from its clause, else its sentence (see the module
    docstring); fills ``extra`` with what the words say (``q``, ``year``, ``fiscal``,
    ``calendar``, ``annual``, ``ended``, ``latest``)."""
    text = ctx.doc.text
    for lo, hi in ((a, b), (s.start, s.end)):
        others = [x.start for x in s.quantities if x is not q and not _reached(s, q, x)]
        got = _period_in(text, lo, hi, q, others, extra)
        if got is not None:
            return got
    return Bind(None, "", "none")


def _reached(s: Sent, q: Quantity, x: Quantity) -> bool:
    """Whether ``x`` is the level a change ``q`` reached ("rose 18% year over year to $77.7
    billion in Q1"): the two share their period words."""
    if x.start < q.end:
        return False
    gap = s.doc.text[q.end : x.start].split()
    return gap[-1:] == ["to"] and len(gap) <= 5


def _period_in(
    text: str, lo: int, hi: int, q: Quantity, others: list[int], extra: dict[str, object]
) -> Bind | None:
    """The period words of ``text[lo:hi]`` that go with ``q`` (none with another figure between
    them and ``q``: "grew 18% in the quarter, after 16% in Q4 2024")."""
    span = text[lo:hi]

    def mine(mt: re.Match[str]) -> bool:
        a, b = lo + mt.start(), lo + mt.end()
        gap = (q.end, a) if a >= q.end else (b, q.start)
        return not any(gap[0] <= x < gap[1] for x in others)

    fiscal = re.search(r"\bfiscal\b|\bFY", span, re.IGNORECASE) is not None
    calendar = re.search(r"\bcalendar\b", span, re.IGNORECASE) is not None
    m_end = _ENDED_RE.search(span)
    if m_end is not None and m_end.group("mon").lower().rstrip(".") in MONTH_NUMBERS:
        mon = MONTH_NUMBERS[m_end.group("mon").lower().rstrip(".")]
        day = int(m_end.group("day"))
        yr = int(m_end.group("year")) if m_end.group("year") else None
        annual = m_end.group("what").lower() == "year"
        extra.update(ended=(yr, mon, day), annual=annual, fiscal=fiscal, calendar=calendar)
        kind = "fiscal_year" if annual else "fiscal_quarter"
        return Bind(PeriodSpec(kind, m_end.group(0)), m_end.group(0), "explicit")
    quarters = [mt for mt in _QUARTER_RE.finditer(span) if mine(mt)]
    years = [
        y
        for y in _YEAR_RE.finditer(span)
        if not (lo + y.start() <= q.start < lo + y.end()) and mine(y)  # not the figure itself
    ]
    if quarters:
        qm = min(quarters, key=lambda x: abs(lo + x.start() - q.start))
        n = int(qm.group("qn")) if qm.group("qn") else _QWORDS[qm.group("qw").lower()]
        # the year that goes with the quarter: within a few words of it ("Q3 2025", "the
        # third quarter of fiscal 2026", "fiscal 2026 first quarter", "Q1 FY26")
        near = [
            y
            for y in years
            if -25 <= y.start() - qm.end() <= 25 or -25 <= qm.start() - y.end() <= 8
        ]
        ym = min(near, key=lambda y: abs(y.start() - qm.start())) if near else None
        year, fy_word = _year_of(ym)
        extra.update(q=n, year=year, fiscal=fiscal or fy_word, calendar=calendar, annual=False)
        words = span[
            min(qm.start(), ym.start() if ym else qm.start()) : max(
                qm.end(), ym.end() if ym else qm.end()
            )
        ]
        loose = "" if len(quarters) == 1 else "the sentence names several quarters"
        return Bind(PeriodSpec("fiscal_quarter", words), words, "explicit", loose=loose)
    period_years = [
        y
        for y in years
        if y.group("fy") or re.search(r"\b(?:in|for|during|of)\s+$", span[: y.start()])
    ]
    if period_years:
        ym = min(period_years, key=lambda y: abs(lo + y.start() - q.start))
        year, fy_word = _year_of(ym)
        extra.update(q=None, year=year, fiscal=fiscal or fy_word, calendar=calendar, annual=True)
        loose = "" if len(period_years) == 1 else "the sentence names several years"
        return Bind(PeriodSpec("fiscal_year", ym.group(0)), ym.group(0), "explicit", loose=loose)
    ann = _ANNUAL_WORDS.search(span)
    if ann is not None:
        extra.update(q=None, year=None, fiscal=True, calendar=False, annual=True, latest=True)
        return Bind(
            PeriodSpec("fiscal_year", ann.group(0)), ann.group(0) + " (the latest filed)", "weak"
        )
    lat = _LATEST_RE.search(span)
    if lat is not None:
        extra.update(q=None, year=None, fiscal=fiscal, calendar=calendar, annual=False, latest=True)
        return Bind(
            PeriodSpec("fiscal_quarter", "the quarter"), "the quarter (the latest filed)", "weak"
        )
    return None


def _year_of(ym: re.Match[str] | None) -> tuple[int | None, bool]:
    """The year a match names and whether it is written as a fiscal year ("FY26", "fiscal 2026")."""
    if ym is None:
        return None, False
    if ym.group("fy"):
        y = int(ym.group("fyy"))
        return (2000 + y if y < 100 else y), True
    return int(ym.group("y")), False
