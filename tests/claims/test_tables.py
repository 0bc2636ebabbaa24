"""Figures in a pipe table whose header row names each column's measure (claims/tables.py)."""

from __future__ import annotations

import pytest
from claim_results import results, shown

from thesis.claims.tables import column_measure

# 2024-10-14: the S&P 500 closed at 5,859.85, +0.77% on the day, +1.69% in October, +22.85% in
# 2024 (+24.09% with dividends); the 10-year yield was 4.08% (2024-10-11)
DAY = "2024-10-14"


def _cells(rs: list) -> list:
    return [r for r in rs if r.claim.rule == "table_cell"]


@pytest.mark.parametrize(
    ("header", "measure"),
    [
        ("Change From Previous Close (%)", ("change", "day")),
        ("% Chg", ("change", "day")),
        ("YTD (%)", ("change", "ytd")),
        ("MTD", ("change", "mtd")),
        ("1W", ("change", "week")),
        ("Close", ("close", "")),
        ("Current Price", ("close", "")),
        ("Prior Week", None),
        ("12/28/18", None),
        ("52-Week High", None),
        ("Open", None),
        ("Index", None),
    ],
)
def test_a_columns_header_names_its_measure(header, measure):
    assert column_measure(header) == measure


def test_a_row_is_read_by_its_headers_columns(claims_store):
    # the header leaves out the names' column: its named columns go with the figures in order
    text = (
        "| Change From Previous Close (%) | MTD (%) | YTD (%) | |\n| S&P500 | 0.77 | 2 | 21.4 |\n"
    )
    got = _cells(results(claims_store, text, DAY))
    assert [(r.claim.period.kind, r.verdict) for r in got] == [
        ("day", "supported"),
        ("mtd", "supported"),
        ("ytd", "contradicted"),
    ], shown(got)


def test_a_table_with_a_names_column_and_a_separator(claims_store):
    text = (
        "| Index | Close | % Chg |\n"
        "|---|---|---|\n"
        "| S&P 500 | 5,859.85 | +0.77% |\n"
        "| S&P 500 | 5,959.85 | -0.77% |\n"
    )
    got = _cells(results(claims_store, text, DAY))
    assert [(r.claim.measure, r.verdict) for r in got] == [
        ("close", "supported"),
        ("change", "supported"),
        ("close", "contradicted"),
        ("change", "contradicted"),
    ], shown(got)


def test_a_yields_current_column_is_its_level_and_its_to_date_columns_are_not_read(claims_store):
    text = "| Current Price | MTD | YTD | |\n| US 10-Year Treasury | 4.08 | 3.61 | 4.70 |\n"
    got = _cells(results(claims_store, text, DAY))
    assert [(r.claim.measure, r.verdict) for r in got] == [("yield", "supported")], shown(got)


@pytest.mark.parametrize(
    "text",
    [
        # a prior period, a change that says neither percent nor points
        "| | Prior Week |\n| S&P 500 | 2416.62 |\n",
        "| Index | Change |\n| S&P 500 | 44.82 |\n",
        # no header row: a row alone states no measure
        "| S&P 500 | 5,859.85 | 0.77 |\n",
    ],
)
def test_no_cell_is_read_without_a_header_that_names_its_measure(claims_store, text):
    assert not _cells(results(claims_store, text, DAY))


def test_a_column_headed_by_a_day_is_that_days_close(claims_store):
    # 2017-12-29 closed at 2,673.61 and 2018-12-28 at 2,485.74; "Prior Week" is not read
    text = "| | 12/29/17 | Prior Week | 12/28/18 |\n| S&P 500 | 2673.61 | 2416.62 | 2485.74 |\n"
    got = _cells(results(claims_store, text, DAY))
    assert [(r.claim.measure, r.verdict) for r in got] == [
        ("close", "supported"),
        ("close", "supported"),
    ], shown(got)
    assert [r.claim.date.isoformat() for r in got] == ["2017-12-29", "2018-12-28"], shown(got)


def test_a_table_without_outer_bars_and_a_calendar_header(claims_store):
    # 2023-12-29 to 2024-02-05: AMZN +12.09%, MSFT +7.83% (2024-02-06: +7.83%)
    text = "Stock | % Change In 2024 |\n---|---|\nAMZN | 12% |\nMSFT | 9.50% |\n"
    got = _cells(results(claims_store, text, "2024-02-06"))
    assert [(r.claim.period.kind, r.verdict) for r in got] == [
        ("year", "supported"),
        ("year", "contradicted"),
    ], shown(got)


def test_a_quarters_header_and_a_name_with_a_figure_in_it(claims_store):
    # 2020Q2: +19.95%; the week to 2019-12-27: +0.58%
    got = _cells(
        results(claims_store, "Index Returns | Q2 2020 |\nUS S&P 500 | 18.1% |\n", "2020-07-02")
    )
    assert [r.verdict for r in got] == ["contradicted"], shown(got)
    text = (
        "Data as of 12/27/19 | 1-Week | Y-T-D |\n"
        "Standard & Poor's 500 (Domestic Stocks) | 0.6% | 29.3% |\n"
    )
    got = _cells(results(claims_store, text, "2019-12-30"))
    assert [r.claim.period.kind for r in got] == ["week", "ytd"], shown(got)
    assert got[0].verdict == "supported", shown(got)


def test_a_quote_widgets_last_column_may_be_of_another_moment(claims_store):
    # 2018-10-10: MSFT fell 5.43%; a widget saved the next day shows +0.48%
    text = (
        "The S&P 500 fell 3.29% to 2,785.68 on Wednesday.\n"
        "Ticker | Security | Last | Change | %Chg |\n---|---|---|---|---|\n"
        "MSFT | MICROSOFT CORP. | 106.67 | +0.51 | +0.48% |\n"
    )
    got = _cells(results(claims_store, text, "2018-10-10"))
    assert got and all(r.verdict != "contradicted" for r in got), shown(got)
