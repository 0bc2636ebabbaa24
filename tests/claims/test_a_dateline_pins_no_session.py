""" "Stock Market News for June 28, 2016" (a title), "[August 27, 2025] By" (a dateline), "| October
08, 2021" (a page's date line): the article's own date in a sentence that reports no move or
close dates the page, not the session. A story published the morning after ("...fell 1.8% to
close at 2,000.54") keeps the article's two candidate sessions; a sentence of the opening that
reports the session on that date still pins it (issue 8, round 80)."""

from __future__ import annotations

from claim_results import results

DAY = "2016-06-28"
# 2016-06-27: the S&P 500 closed at 2,000.54, -1.81% (2016-06-28: 2,036.09, +1.78%)
MOVE = "The S&P 500 fell 1.8% to close at 2,000.54, its lowest close since March."


def _figs(store, text):
    got = results(store, text, DAY)
    return [r for r in got if r.claim.measure in ("change", "close")]


def test_a_title_with_the_articles_date_leaves_the_session_before(claims_store):
    text = f"Market Wrap for June 28, 2016\n\nStocks extended their slide after the vote. {MOVE}"
    figs = _figs(claims_store, text)
    assert sorted(r.claim.measure for r in figs) == ["change", "close"]
    assert all(r.verdict == "supported" for r in figs), [(r.claim.quote, r.evidence) for r in figs]
    assert all("2016-06-27" in r.evidence for r in figs)


def test_a_dateline_leaves_the_session_before(claims_store):
    text = f"Brexit rout deepens\n[June 28, 2016] By A. Writer\n\n{MOVE}"
    figs = _figs(claims_store, text)
    assert figs and all(r.verdict == "supported" for r in figs), [
        (r.claim.quote, r.evidence) for r in figs
    ]


def test_an_opening_that_reports_the_session_on_the_date_still_pins_it(claims_store):
    # "Stocks fell on June 28, 2016": the opening reports that session, whose close was 2,036.09
    text = f"Stocks fell on June 28, 2016, as the rout deepened. {MOVE}"
    figs = _figs(claims_store, text)
    assert figs and all(r.verdict == "contradicted" for r in figs), [
        (r.claim.quote, r.evidence) for r in figs
    ]


def test_a_figure_neither_session_fits_is_still_contradicted(claims_store):
    text = "Market Wrap for June 28, 2016\n\nThe S&P 500 fell 1.8% to close at 1,950.12."
    got = [r for r in _figs(claims_store, text) if r.claim.measure == "close"]
    assert [r.verdict for r in got] == ["contradicted"], [(r.claim.quote, r.evidence) for r in got]
