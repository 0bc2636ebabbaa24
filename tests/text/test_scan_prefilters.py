"""The first-character lookaheads of the number, date and name patterns change no match.

Each pattern opens with a lookahead that names the characters a match can start with (a fast
path); the reference is the same pattern without it. They must find the same spans and groups
on the article fixtures, the claim corpora and generated text.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thesis.text import dates, numbers

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TEXTS = [
    p.read_text(encoding="utf-8", errors="replace")
    for p in sorted(
        [*(FIXTURES / "claims_corpus").glob("*/*.txt"), *(FIXTURES / "articles").glob("*.txt")]
    )
]


def _without_lookahead(rx: re.Pattern[str]) -> re.Pattern[str]:
    m = re.match(r"\(\?=\[[^\]]*\]\)", rx.pattern)
    assert m is not None, f"{rx.pattern[:40]!r} no longer opens with a first-character lookahead"
    return re.compile(rx.pattern[m.end() :], rx.flags)


PAIRS = {
    "name": (
        numbers._NAME_RE,
        re.compile("|".join(f"(?:{p})" for p in numbers.NAME_PATTERNS), re.IGNORECASE),
    ),
    "date": (dates.DATE_SPAN_RE, _without_lookahead(dates.DATE_SPAN_RE)),
    "year range": (dates.YEAR_RANGE_RE, _without_lookahead(dates.YEAR_RANGE_RE)),
    "number": (numbers._NUM_RE, _without_lookahead(numbers._NUM_RE)),
}


def _same(fast: re.Pattern[str], slow: re.Pattern[str], text: str) -> None:
    got = [(m.span(), m.groupdict()) for m in fast.finditer(text)]
    want = [(m.span(), m.groupdict()) for m in slow.finditer(text)]
    assert got == want


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_the_lookahead_changes_no_match_on_the_fixtures(name: str) -> None:
    fast, slow = PAIRS[name]
    for text in TEXTS:
        _same(fast, slow, text)


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_the_lookahead_changes_no_match_on_each_name_pattern_example(name: str) -> None:
    fast, slow = PAIRS[name]
    examples = "S&P 500, s&p500, Russell 2000, NASDAQ-100, Dow Jones 30, FTSE 100, Euro Stoxx 50, "
    examples += "Nikkei 225, DAX 40, CAC 40, MSCI ACWI, GARCH(1,1), AR(1), ARMA(1,1), 60/40, "
    examples += "COVID-19, 401(k), 10-year Treasury, 2y, QE3, US$5, USD 5, ~3%, ≥2%, −1.5%, .5%, "
    examples += "2025-11-26, 26 November 2025, Nov. 26, 2025, Sept 2024, 2007–09, 1999-01, "
    examples += "Standard & Poor's 500, Standard and Poors 400, S & P 500, S and P 500, 11/30/23, 1/3/2022, 2s and 10s, 2s/10s"
    _same(fast, slow, examples)
    _same(fast, slow, examples.upper())
    _same(fast, slow, examples.lower())


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("0123456789 .,-–%$<>~≥SsPpQqEeNnDdAaRrUu&/()yY\n")),
        max_size=80,
    )
)
def test_the_lookahead_changes_no_match_on_generated_text(text: str) -> None:
    for fast, slow in PAIRS.values():
        _same(fast, slow, text)


@pytest.mark.parametrize("pattern", numbers.NAME_PATTERNS)
def test_every_name_pattern_starts_with_a_character_the_lookahead_admits(pattern: str) -> None:
    # the first character of each alternative (after word boundaries and opening groups)
    firsts = []
    for alt in re.split(r"\|(?![^(]*\))", pattern):
        p = alt
        while p.startswith(("\\b", "(?:")):
            p = p[2:] if p.startswith("\\b") else p[3:]
        firsts.append("0" if p.startswith("\\d") else p[0])
    for c in firsts:
        assert re.fullmatch(f"[{numbers._NAME_FIRST}]", c, re.IGNORECASE), (
            f"the name pattern {pattern!r} can start with {c!r}: add it to numbers._NAME_FIRST"
        )
