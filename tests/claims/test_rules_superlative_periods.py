"""A superlative move over the calendar month or year its sentence names: "For November, the S&P
500 rose 10.8%, its strongest advance since April", "rose 24% in 2023, its best year since 2021".

The move is the named period's (month over month, year over year, from each period's last close),
read as of its last day; a "best year" with no year named is not read (the store's superlatives
would read the session). A period still running on the article's date is not taken as named.

Data: S&P 500 monthly changes 2020: April +12.68%, May to October at most +7.01%, November
+10.75%. Yearly: 2019 +28.88%, 2020 +16.26%, 2021 +26.89%, 2022 -19.44%, 2023 +24.23%.
"""

from __future__ import annotations

import pytest

from thesis.claims import check_text, parse_article


def _since(store, text: str, date: str):
    res = check_text(parse_article(text.encode(), "t.txt"), store, date=date).results
    return [r for r in res if r.claim.measure == "since"]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("For November, the S&P 500 climbed 10.75%, its biggest gain since April.", "2020-12-02"),
        ("During November the S&P 500 gained 10.7%, its best month since April.", "2020-12-02"),
        ("The S&P 500 added 24% in 2023, its best year since 2021.", "2024-01-03"),
        ("In 2023 the S&P 500 climbed 24%, its largest advance since 2021.", "2023-12-30"),
    ],
)
def test_the_named_periods_superlative_is_supported(claims_store, text, date):
    got = _since(claims_store, text, date)
    assert got and all(r.verdict == "supported" for r in got), [r.evidence for r in got]
    assert all(r.claim.extra["unit"] in ("month", "year") for r in got)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # April 2020 (+12.68%) beat November (+10.75%)
        ("For November, the S&P 500 climbed 10.75%, its biggest gain since March.", "2020-12-02"),
        # 2021 (+26.89%) beat 2023 (+24.23%)
        ("The S&P 500 added 24% in 2023, its best year since 2020.", "2024-01-03"),
    ],
)
def test_a_better_period_since_the_anchor_contradicts(claims_store, text, date):
    got = _since(claims_store, text, date)
    assert got and all(r.verdict == "contradicted" for r in got), [r.evidence for r in got]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("The S&P 500 is having its best year since 2021.", "2023-12-30"),
        ("The S&P 500 ended its best first half since 2019 on a high.", "2023-07-03"),
    ],
)
def test_a_periods_superlative_without_its_period_is_not_read(claims_store, text, date):
    assert not _since(claims_store, text, date)
