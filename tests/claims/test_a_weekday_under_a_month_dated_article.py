""" "# date: 2024-11" and "closed the week of November 8, 2024, on a high note ... The S&P 500
rose 0.4% on Friday to 5,995.54": under an article dated only to a month, a bare weekday is any
such weekday of the month, or the one of the week the text names just before; the text layer's
latest Friday of the month (2024-11-29) is one guess of several. A contradiction must hold on
every reading, and the evidence names the day that fit (issue 8, round 33)."""

from __future__ import annotations

from claim_results import results

MONTH = "2024-11"


def test_the_named_weeks_weekday_is_read(claims_store):
    text = (
        "U.S. stock markets closed the week of November 8, 2024, on a high note. "
        "The S&P 500 rose 0.4% on Friday to 5,995.54."
    )
    got = results(claims_store, text, MONTH)
    figs = [r for r in got if r.claim.measure in ("change", "close")]
    assert sorted(r.claim.measure for r in figs) == ["change", "close"]
    assert all(r.verdict == "supported" for r in figs), [(r.claim.quote, r.evidence) for r in figs]
    assert all("2024-11-08" in r.evidence for r in figs)


def test_without_a_named_week_any_such_weekday_of_the_month_may_fit(claims_store):
    # 5,995.54 was the close of Friday 2024-11-08, not of the month's last Friday (6,032.38)
    got = results(claims_store, "The S&P 500 closed Friday at 5,995.54.", MONTH, "close")
    assert [r.verdict for r in got] == ["supported"], [(r.claim.quote, r.evidence) for r in got]
    assert "2024-11-08" in got[0].evidence


def test_a_figure_no_such_weekday_fits_is_still_contradicted(claims_store):
    # no Friday of November 2024 closed near 5,000
    got = results(claims_store, "The S&P 500 closed Friday at 5,000.12.", MONTH, "close")
    assert [r.verdict for r in got] == ["contradicted"], [(r.claim.quote, r.evidence) for r in got]


def test_a_day_dated_article_keeps_its_weekday(claims_store):
    # a single-day date: "Friday" is the latest Friday on or before it (2024-11-29)
    got = results(claims_store, "The S&P 500 closed Friday at 5,995.54.", "2024-11-30", "close")
    assert [r.verdict for r in got] == ["contradicted"], [(r.claim.quote, r.evidence) for r in got]
