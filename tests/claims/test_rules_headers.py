"""Header lines and the lines below them: what a header gives to the lines of figures it heads.

A header is a line of its own. A table's header line that only names a period or a day ("On
Tuesday:", "For the year:") gives it to the lines of figures below; a list's header line (the
line a run of items hangs from: "The S&P 500 Index is up 0.50% today to 6950.23", "On October
6, the S&P 500 ... hit record closes") gives its day to the items. A sentence that goes on on a
list item's line is part of that item: never a header. And the day a header gives is the one its
own claim is dated by, never a day that starts a period ("for the first time since March 13").
"""

from __future__ import annotations

from thesis.claims import check_text, parse_article


def _check(store, text: str, date: str):
    return check_text(parse_article(text.encode(), "t.txt"), store, date=date).results


# The AP table ("How major US stock indexes fared"): sp500_daily_fred.csv 2021-12-31 4766.18,
# 2022-02-18 4348.87, 2022-02-22 4304.76 (−44.11; −461.42 for the year, −9.68%).
AP_TABLE = """On Tuesday:

The S&P 500 fell 44.11 points, or 1%, to 4,304.76.

For the year:

The S&P 500 is down 461.42 points, or 9.7%.
"""


def test_a_table_header_line_gives_its_period_and_day(claims_store):
    rep = check_text(parse_article(AP_TABLE.encode(), "t.txt"), claims_store, date="2022-02-22")
    got = {(r.claim.measure, r.claim.stated_value): r for r in rep.results}
    year = got[("change", -9.7)]
    assert year.claim.period.kind == "year" and "table's header" in year.claim.bound["period"]
    assert year.verdict == "supported"
    assert got[("points_change", -461.42)].verdict == "supported"
    assert got[("points_change", -44.11)].verdict == "supported"
    wrong = AP_TABLE.replace("9.7%", "5.7%")
    rep = check_text(parse_article(wrong.encode(), "t.txt"), claims_store, date="2022-02-22")
    assert next(r for r in rep.results if r.claim.stated_value == -5.7).verdict == "contradicted"


# sp500_daily_fred.csv: 2025-03-12 5599.30, 03-13 5521.52 (−1.39%); 2025-04-09 5456.90, 04-10
# 5268.05 (−3.46%). The item's second sentence ends "since March 13": the next item is not of
# March 13.
LIST = """Stocks sank on Thursday as the tariff rally faded. Here is how the day went:
- The Dow Jones Industrial Average lost 1,014.79 points to 39,593.66. The Dow also closed below \
its 200-day average for the first time since March 13.
- The S&P 500 dropped 3.46% to 5,268.05.
"""


def test_the_rest_of_a_list_item_is_not_a_header(claims_store):
    got = [r for r in _check(claims_store, LIST.replace("\\\n", ""), "2025-04-10")
           if r.claim.subject is not None and r.claim.subject.key == "sp500"]  # fmt: skip
    assert {r.claim.measure for r in got} == {"change", "close"}
    for r in got:
        assert r.claim.date.isoformat() == "2025-04-10" and r.verdict == "supported", r.evidence


def test_a_list_header_gives_its_own_day_not_a_period_start(claims_store):
    """A header line whose only day starts a period gives the items no day: they are read on
    the article's session."""
    text = (
        "The S&P 500 closed at its lowest level since March 13:\n"
        "- The S&P 500 dropped 3.46% to 5,268.05.\n"
    )
    got = [r for r in _check(claims_store, text, "2025-04-10") if r.claim.measure == "change"]
    assert [r.verdict for r in got] == ["supported"], [r.evidence for r in got]
    assert "March 13" not in got[0].claim.bound.get("date", "")


def test_a_list_header_line_gives_its_day(claims_store):
    """A header line of its own that dates its claim gives the day to the items below it."""
    text = "On April 10, stocks sank as the tariff rally faded.\n- The S&P 500 dropped 3.46% to 5,268.05.\n"
    got = [r for r in _check(claims_store, text, "2025-04-15") if r.claim.measure == "close"]
    assert [r.verdict for r in got] == ["supported"]
    assert "the list's header" in got[0].claim.bound["date"]
