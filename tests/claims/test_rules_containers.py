"""A container is not the subject: an index named as the group a member belongs to ("the top
sector in the S&P 500", "among S&P 500 stocks", "a component of the Nasdaq 100", "on the Dow")
is not what the number is about. The number binds the member (a sector, a stock; unverifiable
when the store lacks it or the member is unnamed), never the index. Plural sector names and
sector names with a group noun ("Materials shares", "industrial names") are sectors.

By hand from the shared data: on 2024-03-08 the S&P 500 fell 0.65% (5,157.36 -> 5,123.69),
XLF rose 0.17%, XLU rose 0.25%; no figure below is the S&P 500's.
"""

from __future__ import annotations

import pytest
from claim_results import results

from thesis.claims.subjects import SubjectFinder
from thesis.text import tokenize


def _results(store, text: str, date: str = "2024-03-08"):
    return results(store, text, date, "change")


@pytest.mark.parametrize(
    ("text", "key"),
    [
        (
            "Financials were the top sector in the S&P 500 during the session, surging 1.6% "
            "and closing at a record.",
            "sector_financials",
        ),
        ("Utilities were the worst performers in the S&P 500, falling 1.3% on Friday.",
         "sector_utilities"),
        ("Financials in the S&P 500 rose 1.6% on Friday.", "sector_financials"),
        ("Nvidia, a component of the S&P 500, rose 3.5% on Friday.", "nvda"),
        ("Nvidia was the top gainer among S&P 500 stocks on Friday, rising 2.9%.", "nvda"),
        ("Intel was the worst performer of the Nasdaq 100 on Friday, down 3%.", "intc"),
        ("Boeing was the biggest decliner on the Dow, falling 2.5% on Friday.", "ba"),
    ],
)  # fmt: skip
def test_a_member_of_an_index_is_the_subject(claims_store, text, key):
    (r,) = _results(claims_store, text)
    assert r.claim.subject is not None and r.claim.subject.key == key, r.claim.subject
    assert r.verdict != "contradicted", r.evidence


@pytest.mark.parametrize(
    "text",
    [
        "The best-performing stock in the S&P 500 rose 5% on Friday.",
        "The S&P 500 fell 0.6% while the best-performing stock in the Nasdaq 100 rose 5% on Friday.",
        "Shares in the S&P 500 rose 2% on average on Friday.",
    ],
)
def test_an_unnamed_member_is_unknown_never_the_index(claims_store, text):
    rs = [r for r in _results(claims_store, text) if r.claim.stated_value in (5.0, 2.0)]
    (r,) = rs
    assert r.claim.subject is None, r.claim.subject
    assert r.verdict == "unverifiable"


@pytest.mark.parametrize(
    "text",
    [
        "The rally in the S&P 500 sent it up 2% on Friday.",
        "The S&P 500 rose 2% on Friday.",
        "Apple rose 1% and the S&P 500 rose 2% on Friday.",
    ],
)
def test_the_index_itself_is_still_its_subject(claims_store, text):
    """No member noun before the preposition ("the rally in"): the index is the subject, and a
    wrong figure about it is still contradicted (it fell 0.65%)."""
    rs = [r for r in _results(claims_store, text) if r.claim.stated_value == 2.0]
    (r,) = rs
    assert r.claim.subject is not None and r.claim.subject.key == "sp500"
    if "rally" not in text:
        assert r.verdict == "contradicted", r.evidence


def test_it_after_a_container_is_the_member(claims_store):
    (r,) = _results(
        claims_store, "Apple is the largest company in the S&P 500, and it fell 2% on Friday."
    )
    assert r.claim.subject is not None and r.claim.subject.key == "aapl"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Financials", "sector_financials"),
        ("Industrials", "sector_industrials"),
        ("Utilities", "sector_utilities"),
        ("Materials", "sector_materials"),
        ("Energy stocks", "sector_energy"),
        ("tech shares", "sector_technology"),
        ("Materials shares", "sector_materials"),
        ("industrial names", "sector_industrials"),
        ("Utility stocks", "sector_utilities"),
        ("consumer staple shares", "sector_staples"),
    ],
)
def test_plural_sector_names_are_sectors(text, key):
    (m,) = SubjectFinder().find(tokenize(f"{text} fell 1.2% on Friday."))
    assert m.subject is not None and m.subject.key == key


@pytest.mark.parametrize("text", ["energy prices fell 1.2%.", "food and energy rose 1.2%."])
def test_common_words_stay_common(text):
    assert all(
        m.subject is None or m.subject.kind != "sector"
        for m in SubjectFinder().find(tokenize(text))
    )
