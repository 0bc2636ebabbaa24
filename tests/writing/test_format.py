"""The formatting layer: hand-worked renderings per unit and style."""

from __future__ import annotations

import datetime as dt

import pytest

from thesis.errors import WritingError
from thesis.facts import Fact
from thesis.writing.format import (
    LIKELIHOOD_SCALE,
    allowed_renderings,
    fmt,
    fmt_value,
    likelihood_words,
    round_half_up,
)

AS_OF = "2025-11-26"


def fact(value, unit, fid="x.y", decimals=None, method="test") -> Fact:
    return Fact(fid, value, unit, AS_OF, method, decimals=decimals)


@pytest.mark.parametrize(
    ("value", "unit", "kwargs", "expected"),
    [
        # points: 2 decimals, thousands separators
        (6812.61, "points", {}, "6,812.61"),
        (6900, "points", {}, "6,900.00"),
        (6900, "points", {"decimals": 0}, "6,900"),
        (1234567.891, "points", {}, "1,234,567.89"),
        (-87.39, "points", {"style": "signed"}, "-87.39"),
        (87.39, "points", {"style": "signed"}, "+87.39"),
        (87.39, "points", {"style": "with_unit"}, "87.39 points"),
        # pct: a percent number, 2 decimals
        (1.2829, "pct", {}, "1.28%"),
        (1.2829, "pct", {"style": "signed"}, "+1.28%"),
        (-1.2829, "pct", {"style": "signed"}, "-1.28%"),
        (-1.2829, "pct", {"style": "abs"}, "1.28%"),
        (-1.2829, "pct", {}, "-1.28%"),
        (6.6996, "pct", {"decimals": 1}, "6.7%"),
        (1.28, "pct", {"style": "words"}, "1.28 percent"),
        (-0.001, "pct", {}, "0.00%"),  # no negative zero
        (-0.001, "pct", {"style": "signed"}, "0.00%"),
        # pp
        (1.26, "pp", {}, "1.3 percentage points"),
        (-1.26, "pp", {"style": "signed"}, "-1.3 percentage points"),
        (1.26, "pp", {"style": "short"}, "1.3 pp"),
        (1.0, "pp", {"decimals": 0}, "1 percentage point"),
        # probability: as a percent, 0 decimals, open ends
        (0.4213, "probability", {}, "42%"),
        (0.4213, "probability", {"decimals": 1}, "42.1%"),
        (0.4213, "probability", {"style": "decimal"}, "0.42"),
        (0.004, "probability", {}, "<1%"),
        (0.0099, "probability", {}, "<1%"),
        (0.01, "probability", {}, "1%"),
        (0.995, "probability", {}, ">99%"),
        (0.99, "probability", {}, "99%"),
        (0.0004, "probability", {"decimals": 1}, "<0.1%"),
        (0.0, "probability", {}, "0%"),
        (1.0, "probability", {}, "100%"),
        (0.125, "probability", {}, "13%"),  # half-up, as a reader rounds
        # bp, ratio, usd
        (25, "bp", {}, "25 bp"),
        (-25, "bp", {"style": "signed"}, "-25 bp"),
        (50, "bp", {"style": "words"}, "50 basis points"),
        (22.46, "ratio", {}, "22.5"),
        (22.46, "ratio", {"style": "times"}, "22.5×"),
        (181.2, "usd", {}, "$181.20"),
        (-181.2, "usd", {}, "-$181.20"),
        (2345.5, "usd", {}, "$2,345.50"),
        # days, count, months, years
        (12, "days", {}, "12"),
        (12, "days", {"style": "with_unit"}, "12 sessions"),
        (1, "days", {"style": "with_unit"}, "1 session"),
        (12, "days", {"style": "calendar"}, "12 days"),
        (1234, "count", {}, "1,234"),
        (100000, "count", {}, "100,000"),
        (29, "months", {}, "29"),
        (29, "months", {"style": "with_unit"}, "29 months"),
        (2.5, "months", {}, "2.5"),
        (3, "years", {"style": "with_unit"}, "3 years"),
        # dates
        ("2025-11-26", "date", {}, "26 November 2025"),
        ("2025-11-06", "date", {}, "6 November 2025"),
        ("2025-11-26", "date", {"style": "short"}, "Nov 26, 2025"),
        ("2025-11-26", "date", {"style": "iso"}, "2025-11-26"),
        ("2025-11-26", "date", {"style": "month"}, "November 2025"),
        (dt.date(2026, 12, 31), "date", {"style": "day_month"}, "31 December"),
        ("2026-12-31", "date", {"style": "year"}, "2026"),
        # bool, label
        (True, "bool", {}, "yes"),
        (False, "bool", {}, "no"),
        ("elevated", "label", {}, "elevated"),
    ],
)
def test_fmt_value(value, unit, kwargs, expected) -> None:
    assert fmt_value(value, unit, **kwargs) == expected


def test_fmt_uses_fact_decimals_unless_overridden() -> None:
    f = fact(6812.6123, "points", decimals=1)
    assert fmt(f) == "6,812.6"
    assert fmt(f, decimals=3) == "6,812.612"
    assert fmt(fact(6812.6123, "points")) == "6,812.61"


def test_fmt_days_reads_calendar_from_method() -> None:
    assert (
        fmt(fact(45, "days", method="calendar days to the horizon"), style="with_unit") == "45 days"
    )
    assert fmt(fact(45, "days", method="XNYS sessions"), style="with_unit") == "45 sessions"


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (6812.615, 2, "6812.62"),  # binary 6812.615 is below the tie; a reader rounds up
        (2.675, 2, "2.68"),
        (-2.675, 2, "-2.68"),  # half away from zero
        (0.5, 0, "1"),
        (1.5, 0, "2"),
        (2.5, 0, "3"),
        (-0.4, 0, "0"),
    ],
)
def test_round_half_up(value, decimals, expected) -> None:
    assert str(round_half_up(value, decimals)) == expected


def test_allowed_renderings_points_includes_rounded_figures() -> None:
    r = allowed_renderings(fact(6812.61, "points"))
    assert {"6,812.61", "6812.61", "6,812.6", "6,813", "6813"} <= r
    assert "6,800" not in r and "6,812.62" not in r


def test_allowed_renderings_probability_as_percent_and_decimal() -> None:
    r = allowed_renderings(fact(0.4213, "probability"))
    assert {"42%", "42.1%", "42.13%", "0.42", "0.4213", "42 percent"} <= r
    assert "43%" not in r


def test_allowed_renderings_signed_pct_allows_absolute_value_not_flipped_sign() -> None:
    r = allowed_renderings(fact(-2.5, "pct"))
    assert {"-2.5%", "2.5%", "-2.50%", "3%", "2.5 percent"} <= r
    assert "+2.5%" not in r
    assert "+1.28%" in allowed_renderings(fact(1.28, "pct"))


def test_allowed_renderings_bp_also_as_percent() -> None:
    r = allowed_renderings(fact(25, "bp"))
    assert {"25 bp", "25bp", "25 basis points", "0.25%", "0.25 percentage points"} <= r


def test_allowed_renderings_date_parts() -> None:
    r = allowed_renderings(fact("2025-11-26", "date"))
    assert {
        "26 November 2025",
        "Nov 26, 2025",
        "2025-11-26",
        "2025",
        "26 November",
        "November 26",
        "November 2025",
    } <= r


def test_allowed_renderings_default_rendering_always_included() -> None:
    for f in [
        fact(6812.61, "points"),
        fact(-1.2829, "pct"),
        fact(1.26, "pp"),
        fact(0.4213, "probability"),
        fact(25, "bp"),
        fact(22.46, "ratio"),
        fact(181.2, "usd"),
        fact(12, "days"),
        fact(1234, "count"),
        fact("2025-11-26", "date"),
        fact(True, "bool"),
        fact("calm", "label"),
    ]:
        assert fmt(f) in allowed_renderings(f), f


@pytest.mark.parametrize(
    ("p", "words"),
    [
        (1.0, "virtually certain"),
        (0.99, "virtually certain"),
        (0.989, "very likely"),
        (0.90, "very likely"),
        (0.70, "likely"),
        (0.66, "likely"),
        (0.50, "about as likely as not"),
        (0.33, "about as likely as not"),
        (0.20, "unlikely"),
        (0.10, "unlikely"),
        (0.05, "very unlikely"),
        (0.01, "very unlikely"),
        (0.001, "exceptionally unlikely"),
        (0.0, "exceptionally unlikely"),
    ],
)
def test_likelihood_words(p, words) -> None:
    assert likelihood_words(p) == words


def test_likelihood_scale_is_descending_and_ends_at_zero() -> None:
    bounds = [b for b, _ in LIKELIHOOD_SCALE]
    assert bounds == sorted(bounds, reverse=True)
    assert bounds[-1] == 0.0


@pytest.mark.parametrize("p", [42, -0.1, 1.5, float("nan"), "high"])
def test_likelihood_words_rejects_non_probability(p) -> None:
    with pytest.raises(WritingError, match=r"outside \[0, 1\].*\n.*Fix: pass a probability"):
        likelihood_words(p)


def test_bad_input_messages_name_input_and_fix() -> None:
    with pytest.raises(WritingError, match=r"fact 'sp500\.level'.*missing value[\s\S]*Fix:"):
        fmt(Fact("sp500.level", None, "points", AS_OF, "m"))
    with pytest.raises(
        WritingError, match=r"style 'signed' does not apply to unit 'date'[\s\S]*Fix: use one of"
    ):
        fmt_value("2025-11-26", "date", style="signed")
    with pytest.raises(WritingError, match=r"cannot read 'yesterday' as a date[\s\S]*YYYY-MM-DD"):
        fmt_value("yesterday", "date")
    with pytest.raises(WritingError, match=r"probability 42 is outside[\s\S]*fraction"):
        fmt_value(42, "probability")
    with pytest.raises(WritingError, match=r"cannot format 'abc' as a points number[\s\S]*label"):
        fmt_value("abc", "points")
    with pytest.raises(WritingError, match=r"unknown unit 'furlongs'"):
        fmt_value(1, "furlongs")
    with pytest.raises(WritingError, match=r"decimals must be a non-negative int"):
        fmt_value(1.0, "points", decimals=-1)
