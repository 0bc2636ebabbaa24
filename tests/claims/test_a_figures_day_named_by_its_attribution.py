"""A figure's day named by its attribution phrase ("according to data released on September 2,
2025", "figures published on", "as of", "data from DATE show") binds the figure's date as "on
DATE" in its clause does: an article dated only to a month never searches its window for a day
that fits. On 2025-09-02 the 2-year yield closed at 3.66%, up 7 bp (3.59% on 2025-08-29); on
2025-09-23 it closed at 3.53%, down 8 bp."""

from __future__ import annotations

import pytest
from claim_results import results

from thesis.claims import check_text, parse_article

MONTH = "2025-09"


@pytest.mark.parametrize(
    "text",
    [
        "The two-year Treasury yield fell 6.2 basis points to 3.528%, according to data released "
        "on September 2, 2025.",
        "The two-year Treasury yield fell 6.2 basis points to 3.528%, according to figures "
        "published on September 2, 2025.",
        "Data from September 2, 2025 show the two-year Treasury yield fell 6.2 basis points to "
        "3.528%.",
    ],
)
def test_the_attributed_day_is_the_figures_day(claims_store, text):
    got = results(claims_store, text, MONTH)
    move = [r for r in got if r.claim.measure == "yield_change"]
    level = [r for r in got if r.claim.measure == "yield"]
    assert [r.verdict for r in move] == ["contradicted"], [(r.claim.quote, r.evidence) for r in got]
    assert "2025-09-02" in move[0].evidence
    # the level is read on that day only, never on a day of the month that fits (2025-09-23)
    assert level and all(r.verdict != "supported" for r in level), [r.evidence for r in level]
    assert all("2025-09-02" in r.evidence for r in level)


def test_a_figure_that_fits_its_attributed_day_is_supported(claims_store):
    text = (
        "The two-year Treasury yield fell 8 basis points to 3.53%, according to data released on "
        "September 23, 2025."
    )
    got = results(claims_store, text, MONTH)
    assert [r.verdict for r in got] == ["supported", "supported"], [r.evidence for r in got]


def test_without_an_attribution_the_month_is_searched(claims_store):
    got = results(claims_store, "The two-year Treasury yield fell 8 basis points to 3.53%.", MONTH)
    assert [r.verdict for r in got] == ["supported", "supported"], [r.evidence for r in got]
    assert all("candidate days" in r.evidence for r in got)


def test_today_in_an_article_dated_by_its_year_is_any_day_of_it(claims_store):
    # an article dated "2025" only: "today" is a day of 2025 (a record on 2025-12-24), never
    # the year's last day alone (2025-12-31 was no record)
    text = (
        "# date: 2025 (year from the URL only)\n\nThe S&P 500 closed at another record high today."
    )
    rep = check_text(parse_article(text.encode(), "t.txt"), claims_store)
    got = [r for r in rep.results if r.claim.measure == "record"]
    assert [r.verdict for r in got] == ["supported"], [(r.claim.quote, r.evidence) for r in got]
