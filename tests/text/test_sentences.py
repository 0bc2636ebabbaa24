"""Sentences, clauses, tokens and phrase matching."""

from __future__ import annotations

from thesis.text import PhraseMatcher, split_clauses, split_sentences, tokenize


def _texts(text, **kw):
    return [text[s.start : s.end] for s in split_sentences(text, **kw)]


def test_sentences_keep_abbreviations_numbers_and_initials():
    text = "The U.S. index rose 1.3% to 6,812.61 on Jan. 12. It fell. Mr. Smith said so!"
    assert _texts(text) == [
        "The U.S. index rose 1.3% to 6,812.61 on Jan. 12.",
        "It fell.",
        "Mr. Smith said so!",
    ]


def test_line_breaks():
    text = "Title line\nThe S&P 500 rose\n0.5% today.\n--Up 2% this week\n--Down 1% today"
    assert _texts(text) == [
        "Title line",
        "The S&P 500 rose\n0.5% today.",
        "--Up 2% this week",
        "--Down 1% today",
    ]


def test_long_sentences_are_cut_and_marked():
    text = "word " * 1000
    sents = split_sentences(text, max_chars=300)
    assert all(s.end - s.start <= 300 for s in sents) and all(s.cut for s in sents)


def test_clauses_protect_dates():
    text = "Off 0.39% from its high hit Monday, Jan. 12, 2026, the index said; then it fell."
    (s,) = split_sentences(text)
    from thesis.text import SpanSet, find_dates

    spans = SpanSet()
    for d in find_dates(text, None):
        spans.add(d.start, d.end)
    spans.commit()
    got = [text[c.start : c.end] for c in split_clauses(text, s, protected=spans)]
    assert got == [
        "Off 0.39% from its high hit Monday, Jan. 12, 2026",
        "the index said",
        "then it fell",
    ]


def test_tokens_keep_offsets():
    text = "S&P 500’s 6,812.61 (−1.3%)"
    for t in tokenize(text):
        assert text[t.start : t.end] == t.text
    assert [t.base for t in tokenize("Fed’s")] == ["fed"]


def test_phrase_matcher_ignores_dashes_and_fills_slots():
    m = PhraseMatcher({"year to date": "ytd", "over the last <num> days": "n"})
    toks = tokenize("up year-to-date and over the last four days")
    got = m.find(toks)
    assert [x.value for x in got] == ["ytd", "n"] and got[1].slots[0].text == "four"


def test_a_colon_between_digits_is_no_clause_mark():
    text = "The index fell 1% to 2,704 at 3:30 p.m. ET: a late slide; a 3:2 vote."
    (s,) = split_sentences(text)
    got = [text[c.start : c.end] for c in split_clauses(text, s)]
    assert got == ["The index fell 1% to 2,704 at 3:30 p.m. ET", "a late slide", "a 3:2 vote"]
