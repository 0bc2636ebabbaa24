"""The one formatting layer: every number in generated text is rendered here, from a Fact.

``fmt(fact)`` renders a fact's value by its unit (thousands separators, %, bp, dates). The writer
never types a number into a template; it calls :func:`fmt`. The numeric guard
(:mod:`thesis.writing.guard`) uses :func:`allowed_renderings` and :func:`round_half_up` so that what
the writer may print and what the guard accepts come from the same rules.

Rounding is decimal half-up on the shortest ``repr`` of the float (6812.615 → "6,812.62"), the way a
reader rounds, not binary half-even.

Default precision by unit (``fact.decimals`` overrides it, an explicit ``decimals=`` overrides both):

=============  ========  ===============================
unit           decimals  example
=============  ========  ===============================
points         2         6,812.61
pct            2         1.28%
pp             1         1.3 percentage points
probability    0         42% (as a percent; <1%, >99%)
bp             0         25 bp
ratio          1         22.5
usd            2         $181.20
days           0         12 (``with_unit``: 12 sessions)
count          0         1,234
months         0         29
years          0         3
date           —         26 November 2025
bool           —         yes / no
label          —         the text
=============  ========  ===============================
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from thesis.errors import WritingError
from thesis.facts import Fact
from thesis.text.dates import MONTHS

__all__ = [
    "DEFAULT_DECIMALS",
    "LIKELIHOOD_SCALE",
    "STYLES",
    "allowed_renderings",
    "default_decimals",
    "fmt",
    "fmt_value",
    "likelihood_words",
    "parse_date",
    "round_half_up",
]

DEFAULT_DECIMALS: dict[str, int] = {
    "points": 2,
    "pct": 2,
    "pp": 1,
    "probability": 0,
    "bp": 0,
    "ratio": 1,
    "usd": 2,
    "days": 0,
    "count": 0,
    "months": 0,
    "years": 0,
}

#: Words for likelihood, IPCC-style: the first row whose lower bound ``p`` reaches is used.
#: Printed in the article's appendix so the reader knows what "likely" means here.
LIKELIHOOD_SCALE: tuple[tuple[float, str], ...] = (
    (0.99, "virtually certain"),
    (0.90, "very likely"),
    (0.66, "likely"),
    (0.33, "about as likely as not"),
    (0.10, "unlikely"),
    (0.01, "very unlikely"),
    (0.0, "exceptionally unlikely"),
)

#: Styles each unit understands (``default`` always works).
STYLES: dict[str, frozenset[str]] = {
    "points": frozenset({"default", "signed", "abs", "bare", "with_unit"}),
    "pct": frozenset({"default", "signed", "abs", "bare", "words"}),
    "pp": frozenset({"default", "signed", "abs", "bare", "short"}),
    "probability": frozenset({"default", "decimal", "bare"}),
    "bp": frozenset({"default", "signed", "abs", "bare", "words"}),
    "ratio": frozenset({"default", "signed", "abs", "bare", "times"}),
    "usd": frozenset({"default", "signed", "abs", "bare"}),
    "days": frozenset({"default", "bare", "with_unit", "calendar"}),
    "count": frozenset({"default", "bare", "abs"}),
    "months": frozenset({"default", "bare", "with_unit"}),
    "years": frozenset({"default", "bare", "with_unit"}),
    "date": frozenset({"default", "long", "short", "iso", "month", "day_month", "year"}),
    "bool": frozenset({"default"}),
    "label": frozenset({"default"}),
}

# --------------------------------------------------------------------------------------------
# numbers


def round_half_up(value: float | int | Decimal, decimals: int) -> Decimal:
    """Round ``value`` to ``decimals`` places, half away from zero, on its decimal ``repr``.

    Parameters
    ----------
    value
        A finite number.
    decimals
        Places after the point (≥ 0).

    Returns
    -------
    Decimal
        The rounded value (``-0`` normalised to ``0``).
    """
    d = (
        value
        if isinstance(value, Decimal)
        else Decimal(repr(float(value)) if isinstance(value, float) else str(value))
    )
    q = Decimal(1).scaleb(-decimals)
    r = d.quantize(q, rounding=ROUND_HALF_UP)
    if r.is_zero():
        r = abs(r)
    return r


def _digits(value: float | int | Decimal, decimals: int, *, sep: bool = True) -> str:
    """``1234.5`` → ``"1,234.50"`` (sign kept, ``-0.00`` printed as ``0.00``)."""
    r = round_half_up(value, decimals)
    return f"{r:,.{decimals}f}" if sep else f"{r:.{decimals}f}"


#: dollar amounts from these sizes on are written with a scale word ("$520 billion")
_USD_SCALES = ((Decimal(10) ** 12, "trillion"), (Decimal(10) ** 9, "billion"))


def _usd_scaled(value: float | int | Decimal) -> str | None:
    """``5.2e11`` → ``"$520 billion"``, ``1.25e12`` → ``"$1.25 trillion"``; ``None`` below a billion.

    Up to three significant figures are kept and trailing zeros dropped, so a round amount stays
    round ("$520 billion") and an amount known to the dollar is written with the precision a reader
    can take in ("$1.23 trillion").
    """
    x = abs(Decimal(repr(float(value))) if isinstance(value, float) else Decimal(value))
    for size, word in _USD_SCALES:
        if x >= size:
            q = x / size
            d = max(0, 3 - len(str(int(q))))
            body = f"{round_half_up(q, d):.{d}f}"
            if "." in body:
                body = body.rstrip("0").rstrip(".")
            return f"${body} {word}"
    return None


def default_decimals(unit: str, value: Any = None) -> int:
    """The default number of decimals for a unit (0 for units without one)."""
    if unit in ("days", "months", "years") and isinstance(value, float) and not value.is_integer():
        return 1  # a half month is worth saying
    return DEFAULT_DECIMALS.get(unit, 0)


def _check_number(value: Any, unit: str, where: str) -> float | int | Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise WritingError(
            f"cannot format {value!r} as a {unit} number",
            where=where,
            fix="give a numeric fact value (float or int) or use the unit 'label' for text",
        )
    if isinstance(value, float) and not math.isfinite(value):
        raise WritingError(
            f"cannot format the non-finite value {value!r}",
            where=where,
            fix="report missing data as an absent fact, not as NaN",
        )
    return value


def _signed(text: str, value: float | int | Decimal, decimals: int, style: str) -> str:
    """Apply the ``signed`` / ``abs`` styles to an already formatted non-negative body."""
    negative = round_half_up(value, decimals) < 0
    if style == "abs" or not negative:
        return ("+" + text) if style == "signed" and round_half_up(value, decimals) > 0 else text
    return "-" + text


def fmt_value(
    value: Any,
    unit: str,
    *,
    decimals: int | None = None,
    style: str = "default",
    method: str = "",
    where: str = "",
) -> str:
    """Render a bare value in ``unit``: the rules of :func:`fmt` without a Fact.

    Parameters
    ----------
    value
        The number, ISO date string (or ``datetime.date``), bool or label.
    unit
        One of :data:`thesis.facts.UNITS`.
    decimals
        Places after the point; ``None`` uses :data:`DEFAULT_DECIMALS`. For ``probability`` it is the
        decimals of the percent ("42%" is 0, "42.1%" is 1).
    style
        One of :data:`STYLES` for the unit: ``signed`` ("+1.28%"), ``abs`` (drop the sign),
        ``bare`` (the number only, with separators), ``with_unit`` ("12 sessions"), date styles
        ``short`` ("Nov 26, 2025"), ``iso``, ``month`` ("November 2025"), ``day_month``
        ("26 November"), ``year``.
    method
        The fact's method; for ``days`` with ``with_unit`` a method mentioning "calendar" prints
        "days" instead of "sessions".
    where
        Names the fact in error messages.

    Returns
    -------
    str
    """
    where = where or f"value {value!r} ({unit})"
    styles = STYLES.get(unit)
    if styles is None:
        raise WritingError(
            f"unknown unit {unit!r}", where=where, fix=f"use one of {sorted(STYLES)}"
        )
    if style not in styles:
        raise WritingError(
            f"style {style!r} does not apply to unit {unit!r}",
            where=where,
            fix=f"use one of {sorted(styles)}",
        )
    if decimals is not None and (not isinstance(decimals, int) or decimals < 0):
        raise WritingError(
            f"decimals must be a non-negative int, got {decimals!r}",
            where=where,
            fix="pass decimals=0, 1, 2, ... or None for the unit's default",
        )
    if value is None:
        raise WritingError(
            "cannot format a missing value",
            where=where,
            fix="leave the fact out of the sheet, or write the sentence that says the data is missing",
        )

    if unit == "date":
        return _fmt_date(value, style, where)
    if unit == "bool":
        if not isinstance(value, bool):
            raise WritingError(
                f"cannot format {value!r} as yes/no", where=where, fix="give a bool value"
            )
        return "yes" if value else "no"
    if unit == "label":
        return str(value)

    v = _check_number(value, unit, where)
    d = default_decimals(unit, v) if decimals is None else decimals

    if unit == "probability":
        if not 0.0 <= float(v) <= 1.0:
            raise WritingError(
                f"probability {v!r} is outside [0, 1]",
                where=where,
                fix="give a probability as a fraction (0.42), not a percent (42)",
            )
        if style == "decimal":
            return _digits(v, d if decimals is not None else 2, sep=False)
        pct = Decimal(repr(float(v))) * 100
        step = Decimal(1).scaleb(-d)
        # A probability estimated from data is never reported as exactly 0% or 100% unless it is.
        if 0 < pct < step:
            body = f"<{_digits(step, d)}"
        elif 100 - step < pct < 100:
            body = f">{_digits(100 - step, d)}"
        else:
            body = _digits(pct, d)
        return body if style == "bare" else body + "%"

    body = _digits(abs(Decimal(repr(float(v))) if isinstance(v, float) else Decimal(v)), d)
    if style == "bare":
        return _signed(body, v, d, "default")
    if unit == "pct":
        if style == "words":
            return _signed(body, v, d, "default") + " percent"
        return _signed(body + "%", v, d, style)
    if unit == "pp":
        if style == "short":
            return _signed(body, v, d, "default") + " pp"
        word = "percentage point" if body == "1" else "percentage points"
        return _signed(body, v, d, style) + " " + word
    if unit == "bp":
        if style == "words":
            return _signed(body, v, d, "default") + (
                " basis point" if body == "1" else " basis points"
            )
        return _signed(body, v, d, style) + " bp"
    if unit == "usd":
        scaled = _usd_scaled(v)
        if scaled is not None:  # "$520 billion", not "$520,000,000,000"
            return _signed(scaled, v, 0, style)
        return _signed("$" + body, v, d, style)
    if unit == "ratio":
        if style == "times":
            return _signed(body, v, d, "default") + "×"
        return _signed(body, v, d, style)
    if unit == "points":
        if style == "with_unit":
            return _signed(body, v, d, "default") + (" point" if body == "1" else " points")
        return _signed(body, v, d, style)
    if style == "abs":  # a count of a fall ("payrolls fell by 105 thousand")
        return body
    text = _signed(body, v, d, "default")
    if style in ("with_unit", "calendar"):
        if unit == "days":
            noun = "day" if style == "calendar" or "calendar" in method.lower() else "session"
        else:
            noun = unit[:-1]  # months → month, years → year
        return f"{text} {noun}" + ("" if body == "1" else "s")
    return text


def fmt(fact: Fact, *, decimals: int | None = None, style: str = "default") -> str:
    """Render a fact's value by its unit.

    Parameters
    ----------
    fact
        The fact; ``fact.decimals`` is used when set and ``decimals`` is not given.
    decimals
        Places after the point (see :func:`fmt_value`).
    style
        See :func:`fmt_value`.

    Returns
    -------
    str
        E.g. "6,812.61" (points), "1.28%" (pct), "42%" (probability), "26 November 2025" (date).

    Examples
    --------
    >>> from thesis.facts import Fact
    >>> fmt(Fact("sp500.distance_pct.6900", 1.2829, "pct", "2025-11-26", "levels"))
    '1.28%'
    """
    d = decimals if decimals is not None else fact.decimals
    return fmt_value(
        fact.value,
        fact.unit,
        decimals=d,
        style=style,
        method=fact.method,
        where=f"fact {fact.id!r}",
    )


# --------------------------------------------------------------------------------------------
# dates


def parse_date(value: Any, where: str = "") -> dt.date:
    """An ISO date string, ``datetime.date`` or ``datetime`` → ``datetime.date``."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            pass
    raise WritingError(
        f"cannot read {value!r} as a date",
        where=where or "date value",
        fix="store dates as ISO strings, YYYY-MM-DD",
    )


def _fmt_date(value: Any, style: str, where: str) -> str:
    d = parse_date(value, where)
    month = MONTHS[d.month - 1]
    if style in ("default", "long"):
        return f"{d.day} {month} {d.year}"
    if style == "short":
        return f"{month[:3]} {d.day}, {d.year}"
    if style == "iso":
        return d.isoformat()
    if style == "month":
        return f"{month} {d.year}"
    if style == "day_month":
        return f"{d.day} {month}"
    return str(d.year)


# --------------------------------------------------------------------------------------------
# what the guard accepts


def allowed_renderings(fact: Fact) -> set[str]:
    """Every way the fact's value may legitimately appear in text.

    The default rendering; the same rounded to fewer decimals down to 0 (a rounded figure is
    allowed); with and without thousands separators and the unit symbol; the absolute value for
    signed numbers; probabilities as a percent ("42%") and as a decimal ("0.42"); basis points also
    as percent ("0.25%"); dates in every date style and their parts (the year, "26 November",
    "November 26").

    The guard matches numerically (see :mod:`thesis.writing.guard`); this set is the readable list
    of the same rules, for error messages, prompts and tests.

    Parameters
    ----------
    fact
        The fact.

    Returns
    -------
    set of str
    """
    out: set[str] = set()
    unit, v = fact.unit, fact.value
    if v is None:
        return out
    if unit == "date":
        d = parse_date(v, f"fact {fact.id!r}")
        for style in STYLES["date"]:
            out.add(_fmt_date(d, style, fact.id))
        out.add(f"{MONTHS[d.month - 1]} {d.day}")
        out.add(f"{MONTHS[d.month - 1][:3]} {d.day}")
        out.add(f"{d.day} {MONTHS[d.month - 1][:3]}")
        return out
    if unit == "bool":
        return (
            {"yes", "no"}
            if not isinstance(v, bool)
            else ({"yes", "true"} if v else {"no", "false"})
        )
    if unit == "label":
        return {str(v)}
    if isinstance(v, bool) or not isinstance(v, int | float):  # fact.is_numeric, narrowed
        return out

    top = fact.decimals if fact.decimals is not None else default_decimals(unit, v)
    if unit == "probability":
        for places in range(max(top, 2), -1, -1):
            pct = Decimal(repr(float(v))) * 100
            for body in {_digits(pct, places), fmt_value(v, unit, decimals=places, style="bare")}:
                out |= {body + "%", body + " percent"}
        for places in range(top + 4, 0, -1):
            out.add(_digits(v, places, sep=False))
        return out

    for places in range(top, -1, -1):
        bodies = set()
        for x in (v, abs(v)):
            bodies.add(_digits(x, places))
            bodies.add(_digits(x, places, sep=False))
        for b in bodies:
            out.add(b)
            if unit == "pct":
                out |= {b + "%", b + " percent"}
                if v > 0:
                    out.add("+" + b + "%")
            elif unit == "pp":
                out |= {b + " percentage points", b + " pp", b + "pp"}
            elif unit == "bp":
                out |= {b + " bp", b + "bp", b + " basis points"}
            elif unit == "usd":
                out.add(("-$" + b[1:]) if b.startswith("-") else "$" + b)
                scaled = _usd_scaled(v)
                if scaled is not None:
                    out.add(scaled)
            elif unit == "ratio":
                out |= {b + "x", b + "×"}
    if unit == "bp":  # 25 bp is also 0.25 % (a quarter point)
        for places in range(2, -1, -1):
            b = _digits(abs(v) / 100, places)
            out |= {b + "%", b + " percentage points"}
    return out


# --------------------------------------------------------------------------------------------
# likelihood words


def likelihood_words(p: float) -> str:
    """Words for a probability on the stated scale :data:`LIKELIHOOD_SCALE`.

    Parameters
    ----------
    p
        Probability in [0, 1].

    Returns
    -------
    str
        "virtually certain" (≥ 99 %), "very likely" (≥ 90 %), "likely" (≥ 66 %), "about as likely as
        not" (≥ 33 %), "unlikely" (≥ 10 %), "very unlikely" (≥ 1 %), else "exceptionally unlikely".
    """
    try:
        x = float(p)
    except (TypeError, ValueError, InvalidOperation):
        x = math.nan
    if not 0.0 <= x <= 1.0:
        raise WritingError(
            f"probability {p!r} is outside [0, 1]",
            where="likelihood_words",
            fix="pass a probability as a fraction (0.42), not a percent (42)",
        )
    for lower, words in LIKELIHOOD_SCALE:
        if x >= lower:
            return words
    return LIKELIHOOD_SCALE[-1][1]  # pragma: no cover - the last bound is 0
