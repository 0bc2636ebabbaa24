"""Revised macro data: the store holds the latest vintage of a series its catalog calls revised
(a macro statistic not said to be unadjusted: GDP, payrolls, PCE, seasonally adjusted CPI, the
unemployment rate), so a figure as first published is supported when it matches, contradicted
only beyond the series' revision band (``thesis.claims.tolerance.REVISIONS``, each with its
source) and otherwise unverifiable, saying the data are a later vintage. Unadjusted CPI is never
revised: its band is the ordinary one.

From fred_macro_long.csv, by hand: GDPC1 2019-04-01 20602.275, 2019-07-01 20843.322 (2019Q3
annualized (20843.322 / 20602.275)^4 − 1 = +4.76%; the advance estimate was 1.9%); PAYEMS
2024-08 158074, 2024-09 158314 (+240 thousand; first published +254); PCEPILFE 2023-08 119.689,
2024-08 123.128 (+2.87% year over year; first published 2.7%).
"""

from __future__ import annotations

import pytest

from thesis.claims import check_text, parse_article
from thesis.claims.tolerance import REVISIONS, is_revised


def _macro(store, text: str, date: str):
    rep = check_text(parse_article(text.encode(), "t.txt"), store, date=date)
    got = [r for r in rep.results if r.claim.measure == "macro"]
    assert len(got) == 1, [(r.claim.measure, r.claim.quote) for r in rep.results]
    return got[0]


@pytest.mark.parametrize(
    ("text", "date", "verdict"),
    [
        # first releases a revision has since moved: a later vintage, not an error
        ("The economy grew at a 1.9 percent annual rate in the third quarter.", "2019-10-30",
         "unverifiable"),
        ("Nonfarm payrolls rose by 254,000 in September.", "2024-10-04", "unverifiable"),
        ("Core PCE prices rose 2.7% from a year earlier in August.", "2024-09-27", "unverifiable"),
        # beyond any revision: wrong
        ("GDP grew at a 12.0 percent annual rate in the third quarter.", "2019-10-30",
         "contradicted"),
        ("Employers added 1,254,000 jobs in September.", "2024-10-04", "contradicted"),
        ("Core PCE prices rose 3.9% from a year earlier in August.", "2024-09-27", "contradicted"),
        # the latest vintage itself: supported
        ("Employers added 240,000 jobs in September.", "2024-10-04", "supported"),
        ("Core PCE prices rose 2.9% from a year earlier in August.", "2024-09-27", "supported"),
    ],
)  # fmt: skip
def test_first_releases_against_the_latest_vintage(claims_store, text, date, verdict):
    r = _macro(claims_store, text, date)
    assert r.verdict == verdict, r.evidence
    if verdict == "unverifiable":
        assert "latest vintage" in r.evidence and "revised" in r.evidence


def test_a_shrinking_economy_is_a_negative_rate(claims_store):
    """ "GDP shrank ... down 0.5% year on year" is −0.5%, not +0.5%; "fell to 2.4%" is a level."""
    r = _macro(claims_store, "US GDP shrank in the past quarter, down 0.5% year on year.",
               "2025-06-28")  # fmt: skip
    assert r.claim.stated_value == -0.5
    r = _macro(claims_store, "Core PCE inflation fell to 2.7% in August.", "2024-09-27")
    assert r.claim.stated_value == 2.7


@pytest.mark.parametrize(
    ("name", "unit", "description", "kind", "revised"),
    [
        ("Real GDP", "chained 2017 USD bn, SAAR", "", "macro", True),
        ("Total nonfarm payrolls", "thousands of persons", "", "macro", True),
        ("CPI-U all items, not seasonally adjusted", "index 1982-84=100", "BLS", "macro", False),
        ("CPI-U month-over-month change (NSA)", "% per month", "", "macro", False),
        ("S&P 500 index (daily close)", "points", "", "index", False),
        ("A survey index", "points", "Revised each month by the publisher.", "sentiment", True),
    ],
)
def test_the_catalog_says_what_is_revised(name, unit, description, kind, revised):
    assert is_revised(name, unit, description, kind) is revised


def test_every_revision_band_states_its_source():
    for (sid, tr), rev in REVISIONS.items():
        assert rev.width > 0 and len(rev.source) > 20, (sid, tr)


def test_a_figure_the_words_compare_with_is_a_bound(claims_store):
    """ "Unemployment remains well above the 3.5% rate that prevailed before the pandemic" (June
    2021: 5.9%): "above the" bounds the figure, it does not state it."""
    r = _macro(
        claims_store,
        "Still, unemployment remains well above the 3.5% rate that prevailed before the pandemic.",
        "2021-07-02",
    )
    assert r.claim.comparator == ">=" and r.verdict != "contradicted", r.evidence
