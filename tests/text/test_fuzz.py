"""Hypothesis: the text layer never raises, and its offsets always point into the text."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from thesis.text import (
    find_dates,
    find_numbers,
    find_periods,
    find_quantities,
    paragraph_sentences,
    parse_article_date,
    split_clauses,
    split_sentences,
    tokenize,
)

_MARKET = st.sampled_from(
    [
        "S&P",
        "500",
        "rose",
        "fell",
        "1.3%",
        "6,812.61",
        "$520",
        "billion",
        "7k",
        "3.50%-3.75%",
        "25",
        "basis",
        "points",
        "ten",
        "thousand",
        "double",
        "halve",
        "Monday",
        "Nov.",
        "26,",
        "2025",
        "2025-11-26",
        "Q3",
        "year-to-date",
        "since",
        "the",
        "April",
        "low",
        "past",
        "twelve",
        "months",
        "—",
        "(",
        ")",
        "[",
        "]",
        ".",
        ",",
        ";",
        ":",
        "-",
        "–",
        "%",
        "$",
        "’s",
        "\n",
        "0.5",
        "-2",
        "+3",
        "<1%",
        "~5%",
        "2.5x",
        "52-week",
    ]
)
_TEXT = st.one_of(st.text(max_size=300), st.lists(_MARKET, max_size=60).map(" ".join))


@settings(max_examples=300, deadline=None)
@given(
    _TEXT,
    st.one_of(st.none(), st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2035, 12, 31))),
)
def test_text_layer_never_raises(text, ref):
    for t in tokenize(text):
        assert text[t.start : t.end] == t.text
    for s in find_numbers(text):
        assert text[s.start : s.end] == s.text
    last = -1
    for q in find_quantities(text):
        assert 0 <= q.start < q.end <= len(text) and q.start >= last
        last = q.end
    for d in find_dates(text, ref):
        assert text[d.start : d.end] == d.text
    find_periods(text)
    for s in split_sentences(text, max_chars=80):
        assert 0 <= s.start < s.end <= len(text)
        for c in split_clauses(text, s):
            assert s.start <= c.start <= c.end <= s.end
    paragraph_sentences(text)
    parse_article_date(text)
