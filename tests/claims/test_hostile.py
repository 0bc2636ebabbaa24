"""Hostile input: the checker never raises (but for input that is not text, with a clear error),
and finishes on pathological inputs; how long each takes is measured in bench/bench_check.py.

The inputs are generated here (no large files in the repository): '1 ' * 8000 on one line, a
realistic article repeated to 1 MB and to 10 MB, '5%' * 100_000, 442 KB of word soup, twenty lines
of 'S&P 500 fell 3% ' then 5,000 '%', 100,000 nested brackets, 20,000 nested <div>, 100,000
digits, and binary data.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thesis.claims import check_text, parse_article
from thesis.claims.extract import MAX_CHARS
from thesis.errors import CheckError

ARTICLE = (
    "The S&P 500 rose 0.5% to 6,812.61 on Wednesday, Nov. 26, 2025, its third straight gain. "
    "The index is up 15.8% year-to-date, 1.3% below the 6,900 threshold. The 10-year Treasury "
    "yield fell 3 basis points to 4.00%. Analysts see 5% upside to 7,269 by year-end.\n"
)
_WORDS = [*ARTICLE.split(), "(", ")", "[", "]", "%", "$", "—", "since", "the", "April", "low"]


def pathological() -> dict[str, str]:
    rng = random.Random(7)
    return {
        "ones": "1 " * 8000,
        "realistic_1MB": ARTICLE * (1_000_000 // len(ARTICLE)),
        "big_10MB": ARTICLE * (10_000_000 // len(ARTICLE)),
        "percents": "5%" * 100_000,
        "word_soup": " ".join(rng.choice(_WORDS) for _ in range(70_000))[:442_000],
        "then_percents": "S&P 500 fell 3% \n" * 20 + "%" * 5000,
        "brackets": "(" * 100_000 + "S&P 500 rose 1%" + ")" * 100_000,
        "digits": "1" * 100_000,
        "dots": "1." * 100_000,
        "us": "U.S. " * 50_000,
    }


@pytest.mark.parametrize("name", sorted(pathological()))
def test_pathological_inputs_finish(name):
    text = pathological()[name]
    rep = check_text(parse_article(text.encode(), f"{name}.txt"), None, date="2025-11-26")
    assert isinstance(rep.results, list)
    if len(text) > MAX_CHARS:
        assert any("only the first" in w for w in rep.warnings)


def test_deep_html_finishes():
    page = "<html><body>" + "<div>" * 20_000 + ARTICLE + "</div>" * 20_000 + "</body></html>"
    rep = check_text(
        parse_article(page.encode(), "deep.html", suffix=".html"), None, date="2025-11-26"
    )
    assert any("6,812.61" in r.claim.quote for r in rep.results)


def test_binary_is_refused_with_a_clear_error():
    with pytest.raises(CheckError, match="binary"):
        parse_article(bytes(range(256)) * 40, "blob.bin")


_HTML = st.lists(
    st.sampled_from(["<p>", "</p>", "<div>", "</div>", "<script>", "</script>", "<meta name='date' content='2025-11-26'>",
                     "<title>", "</title>", "&amp;", "&#x26;", "<br>", "<", ">", "'", '"', *ARTICLE.split()]),
    max_size=120,
).map(" ".join)  # fmt: skip


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(st.text(max_size=400), st.lists(st.sampled_from(_WORDS), max_size=120).map(" ".join))
)
def test_checker_never_raises_on_text(text):
    try:
        art = parse_article(text.encode("utf-8", "surrogatepass"), "fuzz.txt")
    except CheckError:
        return  # empty or not text: a clear error is the right answer
    rep = check_text(art, None, date="2025-11-26")
    for r in rep.results:
        assert art.text[r.claim.start : r.claim.end] == r.claim.quote
    rep.to_json()
    rep.to_html()


@settings(max_examples=60, deadline=None)
@given(_HTML)
def test_checker_never_raises_on_html(page):
    try:
        art = parse_article(("<html>" + page).encode(), "fuzz.html", suffix=".html")
    except CheckError:
        return
    check_text(art, None, date="2025-11-26").to_list()


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=5, max_size=80).map(" ".join))
def test_checker_never_raises_against_the_store(claims_store, text):
    check_text(parse_article(text), claims_store, date="2025-11-26").to_list()
