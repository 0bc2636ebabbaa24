"""Numbers in text: every number a sentence states, with its value, unit, scale, sign and precision.

Two views of one scan:

* :func:`find_numbers` — every number-like span (levels, percents, basis points, dollar amounts,
  dates, years, ordinals, quarters, tenors) and the *names* that merely contain digits ("S&P 500",
  "Russell 2000", "10-year Treasury"). The LLM writer's numeric guard matches these against facts.
* :func:`find_quantities` — the quantities a claim can state: numbers with units made explicit
  ("47 points", "25-basis-point"), ranges ("3.50%-3.75%", "between 6,800 and 6,900", "2% to
  2.25%"), scales ("$520 billion", "7k"), numbers and fractions in words ("ten thousand", "two
  cuts", "a half percent", "two-tenths of a percent") and multiplicative words ("double",
  "halve", "triple").

Both are linear in the length of the text: the patterns below have no nested or overlapping
quantifiers, and spans already taken are looked up by bisection (the old guard compared each new
span with every earlier one, which took minutes on ``'5%' * 100_000``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

from thesis.text.dates import (
    CLOCK_RE,
    DATE_SPAN_RE,
    QUARTER_RE,
    TENOR_RE,
    YEAR_RANGE_RE,
    month_number,
)
from thesis.text.tokens import SpanSet, Token, tokenize

__all__ = [
    "MULTIPLIERS",
    "NAME_PATTERNS",
    "NUMBER_WORDS",
    "ORDINALS",
    "NumberSpan",
    "Quantity",
    "SpanKind",
    "find_numbers",
    "find_quantities",
    "ordinal_value",
    "token_count",
    "word_value",
]

SpanKind = Literal["number", "date", "year", "ordinal", "quarter", "tenor", "name", "time"]

# Names that contain digits but state no number. Kept as spans of kind "name" and never checked.
NAME_PATTERNS: tuple[str, ...] = (
    r"S&(?:amp;)?P\s?(?:500|400|600|100|1500)",
    r"Standard\s(?:&|and)\sPoor(?:'|’)?s\s(?:500|400|600|100|1500)",
    r"S\s(?:&|and)\sP\s(?:500|400|600|100|1500)",
    r"SandP\s(?:500|400|600|100|1500)",  # a spun copy's "S&P"
    r"Russell\s(?:1000|2000|3000|Microcap)",
    r"Nasdaq[-\s]100",
    r"NDX\s?100",
    r"Dow(?:\sJones)?\s30",
    r"FTSE\s(?:100|250|350)",
    r"(?:Euro\s)?Stoxx\s(?:50|600)",
    r"Nikkei\s225",
    r"DAX\s40",
    r"CAC\s40",
    r"MSCI\sACWI|MSCI\sEAFE",
    r"GARCH\(\d,\s?\d\)",
    r"AR\(\d\)|ARMA\(\d,\s?\d\)",
    r"60/40",
    r"COVID-19",
    r"401\(k\)",
    r"\b(?:1|2|3|5|7|10|20|30)-?(?:year|yr|y)\s(?:Treasury|Treasuries|yield|yields|note|notes|bond|bonds|rate|rates|real\syield|breakeven|TIPS)\b",
    r"\b(?:2|5|10|30)[yY]\b",
    r"\b(?:2s|10s)(?:/|-|\sand\s)(?:2s|10s)\b",
    r"\bQE\d\b",
)
# the lookahead names every character a pattern above can start with: it changes no match, but
# rejects most positions in one test instead of trying each alternative there (re's own
# first-character filter is off for case-insensitive alternations); a pattern added above must
# add its first character here (tests/text checks that every pattern's examples still match)
_NAME_FIRST = "srndfemgacqSRNDFEMGACQ0-9"
_NAME_RE = re.compile(
    f"(?=[{_NAME_FIRST}])(?:" + "|".join(f"(?:{p})" for p in NAME_PATTERNS) + ")", re.IGNORECASE
)

_NUM_RE = re.compile(
    # the characters a number can start with (a bound, a blank, a sign, a currency, a digit, a
    # point): changes no match, rejects most positions in one test
    r"(?=[<>≤≥~\s+\-−–$Uu\d.])"
    r"(?<![\w.])"
    r"(?P<bound>[<>≤≥~])?\s?"
    r"(?P<sign>[+\-−–](?=[$\d]))?"
    r"(?P<usd>\$|US\$|USD\s)?"
    # a decimal comma before a percent sign ("closed up 1,62%", a translated page) first
    r"(?P<body>\d{1,3},\d{1,2}(?=\s?%)|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
    r"(?P<suffix>"
    r"\s?%|\s(?:percent|per\scent)\b"
    # hyphenated before a noun: "a 25-percent return", "a 0.5-percentage-point cut", "a 50-basis-point cut"
    r"|-(?:percent|per-cent)\b|-percentage-points?\b|-basis-points?\b|-bps?\b"
    r"|\s?(?:percentage|pct\.?)\s?points?\b|\s?pp\b|\s?ppts?\b"
    r"|\s?(?:bp|bps)\b|\s(?:basis|base)\spoints?\b"
    r"|\s?[x×](?![\w])"
    r"|(?:st|nd|rd|th)\b"
    r")?"
    r"(?P<scale>\s?(?:trillion|billion|million|thousand|tn|bn|mn|k)\b)?",
    re.IGNORECASE,
)


def token_count(tok: Token, *, ordinals: bool = True) -> int | None:
    """The whole count one token states: digits ("27", "1,500"), a number word ("twelve") or, unless
    ``ordinals`` is False, an ordinal ("fifth", "27th"); ``None`` otherwise.

    >>> [token_count(t) for t in tokenize("27 records, the fifth in twelve")]
    [27, None, None, None, 5, None, 12]
    """
    if tok.kind == "number":
        try:
            return int(tok.text.replace(",", ""))
        except ValueError:
            return None
    return word_value(tok.lower) or (ordinal_value(tok.lower) if ordinals else None)


@dataclass(frozen=True, slots=True)
class NumberSpan:
    """One number found in text.

    Attributes
    ----------
    start, end
        Character offsets in the text (``text[start:end] == self.text``).
    text
        The span as written ("6,812.61", "-2.5%", "25bp", "26 November 2025").
    kind
        ``number`` (with ``unit``), ``date``, ``year``, ``ordinal``, ``quarter``, ``tenor`` or
        ``name`` (a name containing digits, "S&P 500", never checked).
    value
        The number as written (sign included; for a percent "1.3%" it is 1.3), or for dates the
        year; ``None`` for names.
    decimals
        Digits after the decimal point as written (the stated precision).
    unit
        For numbers: ``pct`` ("%", "percent"), ``pp``, ``bp``, ``usd``, ``x`` (a multiple) or
        ``None`` (bare).
    signed
        ``"+"``, ``"-"`` or ``""``: the sign as written.
    bound
        ``"<"``, ``">"`` or ``""`` ("<1%" says only that the value is below 1 %).
    date
        For kind ``date``: ``(year, month, day)`` with ``None`` for parts not written.
    scale
        A written scale word ("billion"); such numbers match no fact.
    """

    start: int
    end: int
    text: str
    kind: SpanKind
    value: Decimal | None = None
    decimals: int = 0
    unit: str | None = None
    signed: str = ""
    bound: str = ""
    date: tuple[int | None, int | None, int | None] | None = None
    scale: str = ""


#: a body read with a decimal comma (the regex admits it only before a percent sign)
_DECIMAL_COMMA = re.compile(r"\d{1,3},\d{1,2}")


def _suffix_unit(suffix: str) -> str | None:
    s = suffix.strip().lower().rstrip(".").lstrip("-").replace("-", " ")
    if not s:
        return None
    if s in ("%", "percent", "per cent"):
        return "pct"
    if s.startswith(("percentage", "pct", "pp")):
        return "pp"
    if s.startswith(("bp", "basis", "base")):
        return "bp"
    if s in ("x", "×"):
        return "x"
    return "ordinal"


def find_numbers(text: str) -> list[NumberSpan]:
    """Find every number in ``text``, in order.

    Parameters
    ----------
    text
        Plain text or Markdown.

    Returns
    -------
    list of NumberSpan
        Non-overlapping spans sorted by position. Names containing digits come back with kind
        ``name``; everything else is a number a reader may check.

    Examples
    --------
    >>> [s.text for s in find_numbers("The S&P 500 closed at 6,812.61, 1.3% below 6,900.")]
    ['S&P 500', '6,812.61', '1.3%', '6,900']
    """
    spans: list[NumberSpan] = []
    taken = SpanSet()

    def add(span: NumberSpan) -> None:
        spans.append(span)
        taken.add(span.start, span.end)

    for m in _NAME_RE.finditer(text):
        add(NumberSpan(m.start(), m.end(), m.group(0), "name"))
    taken.commit()

    for m in DATE_SPAN_RE.finditer(text):
        if taken.overlaps(*m.span()):
            continue
        g = m.groupdict()
        y: int | None
        d: int | None
        if g["iso"]:
            y, mo, d = int(g["iy"]), int(g["im"]), int(g["id"])
        elif g["num"]:
            ny = g["ny"]
            y = int(ny) if len(ny) == 4 else 2000 + int(ny) if int(ny) < 70 else 1900 + int(ny)
            mo, d = int(g["nm"]), int(g["nd"])
        elif g["dmy"]:
            y = int(g["y1"]) if g["y1"] else None
            mo, d = month_number(g["m1"]), int(g["d1"])
        else:
            mo = month_number(g["m2"])
            y = int(g["y2"] or g["y3"]) if (g["y2"] or g["y3"]) else None
            d = int(g["d2"]) if g["d2"] else None
        if d is not None and not 1 <= d <= 31:
            continue
        if g["mdy"] and g["m2"].lower() == "may" and d is None and y is None:
            continue  # the verb "may"
        add(
            NumberSpan(
                m.start(), m.end(), m.group(0), "date", Decimal(y) if y else None, date=(y, mo, d)
            )
        )
    taken.commit()

    for m in QUARTER_RE.finditer(text):
        if taken.overlaps(*m.span()):
            continue
        qy = m.group("qy")
        year = None if not qy else int(qy) if len(qy) == 4 else 2000 + int(qy)
        q = m.group("q").upper()
        add(
            NumberSpan(
                m.start(),
                m.end(),
                m.group(0),
                "quarter",
                Decimal(int(q[1])),
                unit=q[0],
                date=(year, None, None),
            )
        )
    taken.commit()

    # a year range such as "2007–09" or "2000-02": two years, the second written short
    for m in YEAR_RANGE_RE.finditer(text):
        if taken.overlaps(*m.span()):
            continue
        y1 = int(m.group("y1"))
        y2 = y1 // 100 * 100 + int(m.group("y2"))
        if y2 <= y1:
            continue
        add(NumberSpan(m.start("y1"), m.end("y1"), m.group("y1"), "year", Decimal(y1)))
        add(NumberSpan(m.start("y2"), m.end("y2"), m.group("y2"), "year", Decimal(y2)))
    taken.commit()

    # a clock time ("as of 3:30 p.m.", "At 11:07 ET"): a moment of the day, not two figures
    for m in CLOCK_RE.finditer(text):
        if not taken.overlaps(*m.span()):
            add(NumberSpan(m.start(), m.end(), m.group(0), "time"))
    taken.commit()

    for m in TENOR_RE.finditer(text):
        span = m.span()
        if taken.overlaps(*span):
            continue
        add(
            NumberSpan(
                span[0],
                span[1],
                text[span[0] : span[1]],
                "tenor",
                Decimal(m.group("n")),
                unit=m.group("u").lower(),
            )
        )
    taken.commit()

    misgrouped_end = 0  # the end of the last run of wrongly grouped digits (skipped to)
    for m in _NUM_RE.finditer(text):
        if m.start() < misgrouped_end:
            continue  # the rest of "2,5479.42" after "2,547"
        body = m.group("body")
        start = (
            m.start("bound")
            if m.group("bound")
            else m.start("sign")
            if m.group("sign")
            else m.start("usd")
            if m.group("usd")
            else m.start("body")
        )
        end = m.end()
        if taken.overlaps(start, end):
            # a number inside a date or a name (e.g. the 500 of "S&P 500") is not a claim
            continue
        b_end = m.end("body")
        if "," in body and b_end < len(text) and text[b_end].isdigit():
            # "to 2,5479.42": digits grouped wrongly (a typo); its value is a guess, so the whole
            # run is a number of no value (the guard still flags it; no claim reads it), never
            # "2,547"
            run = b_end
            while run < len(text) and (text[run].isdigit() or text[run] in ",."):
                run += 1
            while run > b_end and not text[run - 1].isdigit():
                run -= 1
            add(NumberSpan(start, run, text[start:run], "number"))
            misgrouped_end = run
            continue
        # a trailing space captured by the optional groups is not part of the span
        while end > start and text[end - 1].isspace():
            end -= 1
        if "," in body and _DECIMAL_COMMA.fullmatch(body):
            body = body.replace(",", ".")  # a decimal comma ("1,62%")
        try:
            value = Decimal(body.replace(",", ""))
        except InvalidOperation:  # pragma: no cover - the regex only admits digits
            continue
        decimals = len(body.split(".")[1]) if "." in body else 0
        unit = "usd" if m.group("usd") else _suffix_unit(m.group("suffix") or "")
        sign = m.group("sign") or ""
        sign = "" if not sign else "+" if sign == "+" else "-"
        if sign == "-":
            value = -value
        bound = m.group("bound") or ""
        bound = {"≤": "<", "≥": ">", "~": ""}.get(bound, bound)
        if unit == "ordinal":
            kind: SpanKind = "ordinal"
            unit = None
        elif (
            unit is None
            and not sign
            and not m.group("scale")
            and "," not in body
            and decimals == 0
            and len(body) == 4
            and 1800 <= int(body) <= 2100
        ):
            kind = "year"
        else:
            kind = "number"
        add(
            NumberSpan(
                start,
                end,
                text[start:end],
                kind,
                value,
                decimals,
                unit,
                sign,
                bound,
                scale=(m.group("scale") or "").strip().lower(),
            )
        )
    spans.sort(key=lambda s: s.start)
    return spans


# --------------------------------------------------------------------------------------------
# quantities

#: numbers written as words
NUMBER_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALE_WORDS = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 10**6,
    "billion": 10**9,
    "trillion": 10**12,
}
#: ordinals written as words ("fourth") and the number they stand for
ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "twentieth": 20, "thirtieth": 30, "fiftieth": 50,
}  # fmt: skip
#: multiplicative words and the factor they state
MULTIPLIERS: dict[str, float] = {
    "double": 2.0, "doubled": 2.0, "doubles": 2.0, "doubling": 2.0,
    "triple": 3.0, "tripled": 3.0, "triples": 3.0, "tripling": 3.0,
    "quadruple": 4.0, "quadrupled": 4.0, "quadruples": 4.0,
    "halve": 0.5, "halved": 0.5, "halves": 0.5, "halving": 0.5,
}  # fmt: skip
_FRACTIONS = {"half": 0.5, "quarter": 0.25, "tenth": 0.1, "tenths": 0.1}
_SCALE_ABBR = {
    "k": 1_000, "thousand": 1_000, "mn": 10**6, "million": 10**6, "bn": 10**9,
    "billion": 10**9, "tn": 10**12, "trillion": 10**12,
}  # fmt: skip
_POINT_WORDS = frozenset({"point", "points", "pts", "pt"})
_RANGE_JOINERS = frozenset({"-", "–", "—", "to", "and"})

QuantityUnit = Literal["pct", "pp", "bp", "usd", "x", "points", "plain"]


def word_value(word: str) -> int | None:
    """The value of a number word ("twelve" → 12), or ``None``."""
    return NUMBER_WORDS.get(word.lower())


def ordinal_value(word: str) -> int | None:
    """The value of an ordinal ("fourth" → 4, "50th" → 50), or ``None``."""
    w = word.lower()
    if w in ORDINALS:
        return ORDINALS[w]
    if len(w) > 2 and w[:-2].isdigit() and w[-2:] in ("st", "nd", "rd", "th"):
        return int(w[:-2])
    return None


@dataclass(frozen=True, slots=True)
class Quantity:
    """A quantity a sentence states.

    Attributes
    ----------
    start, end
        Character offsets of the quantity as written (unit words included).
    text
        The quantity as written ("0.50%", "25 basis points", "3.50%-3.75%", "ten thousand").
    value
        The number as written, before any scale: "$520 billion" → 520.0 with ``scale`` 1e9; a
        range gives its low end; a signed number keeps its sign.
    unit
        ``pct`` (percent), ``pp`` (percentage points), ``bp`` (basis points), ``usd``, ``x`` (a
        multiple, "2.5x", "double"), ``points`` (index points) or ``plain``.
    decimals
        Digits after the decimal point as written (the stated precision).
    scale
        The multiplier of a scale word ("billion" → 1e9, "7k" → 1e3); 1.0 without one.
    sign
        ``"+"``, ``"-"`` or ``""`` as written.
    bound
        ``"<"`` or ``">"`` when written with a comparison sign ("<1%").
    high
        For a range, its high end (same unit and scale); ``None`` otherwise.
    words
        True when written in words ("ten thousand", "a half percent", "double").
    """

    start: int
    end: int
    text: str
    value: float
    unit: QuantityUnit
    decimals: int = 0
    scale: float = 1.0
    sign: str = ""
    bound: str = ""
    high: float | None = None
    words: bool = False

    @property
    def is_range(self) -> bool:
        return self.high is not None

    @property
    def magnitude(self) -> float:
        """``value × scale`` (the low end for a range)."""
        return self.value * self.scale


def _unit_of(span: NumberSpan) -> QuantityUnit:
    u = span.unit
    if u in ("pct", "pp", "bp", "usd", "x"):
        return u  # type: ignore[return-value]
    return "plain"


def _next_words(tokens: list[Token], k: int, n: int) -> list[Token]:
    """Up to ``n`` word tokens from index ``k``, skipping hyphens."""
    out: list[Token] = []
    while k < len(tokens) and len(out) < n:
        t = tokens[k]
        if t.kind == "word":
            out.append(t)
        elif not (t.kind == "punct" and t.text in "-‐–"):
            break
        k += 1
    return out


def _token_index(tokens: list[Token], starts: list[int], pos: int) -> int:
    """Index of the first token starting at or after ``pos``."""
    return bisect_left(starts, pos)


def _digit_quantity(
    text: str, span: NumberSpan, tokens: list[Token], starts: list[int]
) -> Quantity | None:
    if span.kind != "number" or span.value is None:
        return None
    unit = _unit_of(span)
    end = span.end
    k = _token_index(tokens, starts, span.end)
    if unit == "plain":
        words = _next_words(tokens, k, 3)
        low = [w.lower for w in words]
        if low[:1] and low[0] in _POINT_WORDS:
            unit, end = "points", words[0].end
        elif low[:2] == ["basis", "points"] or low[:2] == ["basis", "point"]:
            unit, end = "bp", words[1].end
    scale = _SCALE_ABBR.get(span.scale, 1.0)
    value = float(span.value)
    if span.scale and not span.unit:
        unit = "plain"
    return Quantity(
        span.start,
        end,
        text[span.start : end],
        value,
        unit,
        span.decimals,
        float(scale),
        span.signed,
        span.bound,
    )


#: "a range of" before a figure: its "and" joins a range's two ends
_RANGE_OF = re.compile(r"\brange\s+of$")


def _merge_ranges(text: str, qs: list[Quantity]) -> list[Quantity]:
    """'3.50%-3.75%', '2% to 2.25%', 'between 6,800 and 6,900': one quantity with a high end."""
    out: list[Quantity] = []
    i = 0
    while i < len(qs):
        a = qs[i]
        if i + 1 < len(qs):
            b = qs[i + 1]
            gap = text[a.end : b.start]
            joiner = gap.strip().lower()
            dash_sign = b.sign == "-" and not gap.strip()  # "3.50%-3.75%": the dash read as a sign
            # "between 3% and 3.25%", "a range of 4.75 and 5.00 percent": "and" joins a range
            before = text[max(0, a.start - 12) : a.start].strip().lower()
            between = before.endswith("between") or _RANGE_OF.search(before) is not None
            ok_join = dash_sign or joiner in ("-", "–", "—", "to") or (joiner == "and" and between)
            same_unit = (
                a.unit == b.unit or a.unit == "plain" or (a.unit, b.unit) == ("usd", "plain")
            )
            close = a.value > 0 and abs(b.value) <= 2.5 * a.value  # "63 to 25,822.29" is no range
            if ok_join and same_unit and close and len(gap) <= 5 and not a.sign and not a.bound:
                lo, hi = a.value, abs(b.value)
                if hi > lo and a.scale == b.scale:
                    out.append(
                        Quantity(
                            a.start,
                            b.end,
                            text[a.start : b.end],
                            lo,
                            b.unit if a.unit == "plain" else a.unit,
                            max(a.decimals, b.decimals),
                            a.scale,
                            "",
                            "",
                            hi,
                        )
                    )
                    i += 2
                    continue
        out.append(a)
        i += 1
    return out


def _word_quantities(text: str, tokens: list[Token], taken: SpanSet) -> list[Quantity]:
    """Numbers, fractions and multiples written in words, with a unit word when one follows."""
    out: list[Quantity] = []
    i = 0
    n = len(tokens)
    while i < n:
        t = tokens[i]
        low = t.lower
        if t.kind != "word" or taken.overlaps(t.start, t.end):
            i += 1
            continue
        if low in MULTIPLIERS:
            if i + 2 < n and tokens[i + 1].text == "-" and tokens[i + 2].lower.startswith("digit"):
                i += 3  # "double-digit": a size class, not a multiple
                continue
            out.append(Quantity(t.start, t.end, t.text, MULTIPLIERS[low], "x", words=True))
            i += 1
            continue
        value, j = _read_number_words(tokens, i)
        if value is None:
            i += 1
            continue
        unit, end_j = _unit_words(tokens, j)
        vague = value in (0, 1) or not float(value).is_integer()
        if unit == "plain" and vague and not _has_scale(tokens, i, j):
            # "one of", "a quarter of": too common to be a number without a unit
            i = j
            continue
        last = tokens[end_j - 1]
        out.append(Quantity(t.start, last.end, text[t.start : last.end], value, unit, words=True))
        i = end_j
    return out


def _has_scale(tokens: list[Token], i: int, j: int) -> bool:
    return any(tokens[k].lower in _SCALE_WORDS for k in range(i, j))


def _read_number_words(tokens: list[Token], i: int) -> tuple[float | None, int]:
    """'ten thousand', 'twenty-five', 'a half', 'two-tenths', 'a quarter': (value, next index)."""
    n = len(tokens)
    low = tokens[i].lower
    # fractions: "a half", "half a", "a tenth", "two-tenths"
    if low in ("a", "one") and i + 2 < n and tokens[i + 1].lower in _FRACTIONS:
        return _FRACTIONS[tokens[i + 1].lower], i + 2
    if (
        low in NUMBER_WORDS
        and i + 2 < n
        and tokens[i + 1].text in "-‐"
        and tokens[i + 2].lower == "tenths"
    ):
        return NUMBER_WORDS[low] / 10, i + 3
    if low not in NUMBER_WORDS and not (
        low == "a" and i + 1 < n and tokens[i + 1].lower in _SCALE_WORDS
    ):
        return None, i
    total = 0.0
    current = 0.0
    j = i
    seen = False
    while j < n:
        w = tokens[j]
        lw = w.lower
        if lw in NUMBER_WORDS:
            current += NUMBER_WORDS[lw]
        elif lw == "a" and not seen:
            current = 1
        elif lw in _SCALE_WORDS and seen:
            scale = _SCALE_WORDS[lw]
            if scale == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * scale
                current = 0
        elif w.text in "-‐" and j + 1 < n and tokens[j + 1].lower in NUMBER_WORDS and seen:
            pass
        else:
            break
        seen = True
        j += 1
    if j == i or (j == i + 1 and low == "a"):
        return None, i
    return total + current, j


def _unit_words(tokens: list[Token], j: int) -> tuple[QuantityUnit, int]:
    """The unit words after a number written in words: 'percent', 'percentage points',
    'basis points', 'points', 'of a percent', 'percentage point'."""
    words = _next_words(tokens, j, 4)
    low = [w.lower for w in words]

    # consume hyphens between the words the same way _next_words did
    def end_after(k: int) -> int:
        target = words[k].end
        m = j
        while m < len(tokens) and tokens[m].start < target:
            m += 1
        return m

    if low[:3] == ["of", "a", "percent"] or low[:4] == ["of", "a", "percentage", "point"]:
        return ("pct" if low[2] == "percent" else "pp"), end_after(2 if low[2] == "percent" else 3)
    if low[:1] == ["percent"]:
        return "pct", end_after(0)
    if low[:2] == ["per", "cent"]:
        return "pct", end_after(1)
    if low[:2] in (["percentage", "point"], ["percentage", "points"]):
        return "pp", end_after(1)
    if low[:2] in (["basis", "point"], ["basis", "points"]):
        return "bp", end_after(1)
    if low[:1] and low[0] in _POINT_WORDS:
        return "points", end_after(0)
    return "plain", j


def find_quantities(
    text: str,
    *,
    words: bool = True,
    tokens: list[Token] | None = None,
    spans: list[NumberSpan] | None = None,
) -> list[Quantity]:
    """The quantities ``text`` states, in order (see the module docstring).

    Parameters
    ----------
    text
        Any text.
    words
        Also read numbers, fractions and multiples written in words.
    tokens, spans
        ``tokenize(text)`` and ``find_numbers(text)`` when the caller has them already.

    Returns
    -------
    list of Quantity
        Non-overlapping, sorted by position; names, dates, years, ordinals, quarters and tenors
        are not quantities (see :func:`find_numbers` and :func:`thesis.text.dates.find_dates`).

    Examples
    --------
    >>> [(q.text, q.value, q.unit, q.high) for q in find_quantities("a range of 3.50%-3.75%")]
    [('3.50%-3.75%', 3.5, 'pct', 3.75)]
    >>> [(q.text, q.unit) for q in find_quantities("up 47 points, a 25-basis-point cut")]
    [('47 points', 'points'), ('25-basis-point', 'bp')]
    """
    spans = find_numbers(text) if spans is None else spans
    tokens = tokenize(text) if tokens is None else tokens
    starts = [t.start for t in tokens]
    qs = [q for s in spans if (q := _digit_quantity(text, s, tokens, starts)) is not None]
    qs = _merge_ranges(text, qs)
    if words:
        taken = SpanSet()
        for s in spans:
            taken.add(s.start, s.end)
        for q in qs:
            taken.add(q.start, q.end)
        taken.commit()
        qs = sorted([*qs, *_word_quantities(text, tokens, taken)], key=lambda q: q.start)
    return qs
