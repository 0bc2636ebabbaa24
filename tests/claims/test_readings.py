"""The readings mechanism of the judge: a claim is contradicted only when every reading its words
allow contradicts; supported when a literal reading fits; otherwise unverifiable, with the readings
named. Unit tests on a small store of hand-made series (no ../shared), plus the list arithmetic."""

from __future__ import annotations

import datetime as dt

import pytest

from thesis.claims.frames import CONTRADICTED, SUPPORTED, UNVERIFIABLE, Claim, PeriodSpec
from thesis.claims.judge import judge, period_variants, readings
from thesis.claims.market import Market, Series, add_months, before, on, on_or_before
from thesis.claims.subjects import subject_by_key
from thesis.data.records import SeriesInfo

D = dt.date


class ListStore:
    """The read API the checker uses (``has``, ``info``, ``rows``) over hand-made series."""

    def __init__(self, series: dict[str, dict[str, list]], events: dict | None = None) -> None:
        self.series = series
        self.events = events or {}

    def event_dates(self, kind: str) -> list:
        return [(d, "scheduled") for d in self.events.get(kind, [])]

    def has(self, sid: str) -> bool:
        return sid in self.series

    def info(self, sid: str) -> SeriesInfo:
        return SeriesInfo(sid, sid, "points", "daily", "index", "test", sid)

    def rows(self, sid, *, as_of=None, known_on=None, field="value"):
        s = self.series[sid]
        keep = [i for i, d in enumerate(s["date"]) if as_of is None or d <= as_of]
        col = s.get(field)
        if col is None:
            return [], []
        return [s["date"][i] for i in keep], [col[i] for i in keep]


def _weekdays(a: D, b: D) -> list[D]:
    out, d = [], a
    while d <= b:
        if d.weekday() < 5:
            out.append(d)
        d += dt.timedelta(days=1)
    return out


def _store(with_range: bool = False) -> ListStore:
    days = _weekdays(D(2023, 12, 1), D(2024, 3, 29))
    closes = [100.0 + i for i in range(len(days))]  # one point a session
    s = {"date": days, "value": closes}
    if with_range:
        s["high"] = [c + 3 for c in closes]
        s["low"] = [c - 3 for c in closes]
    return ListStore({"sp500": s})


def _claim(measure: str, value: float, period: PeriodSpec | None, quote: str, **kw) -> Claim:
    return Claim(quote, 0, len(quote), "pct_change", measure, subject_by_key("sp500"),
                 stated_value=value, unit="pct", decimals=kw.pop("decimals", 2), date=kw.pop("date", D(2024, 3, 28)),
                 period=period, direction=kw.pop("direction", 1), **kw)  # fmt: skip


def test_series_calendar_helpers() -> None:
    s = Series([D(2024, 1, 2), D(2024, 1, 3), D(2024, 1, 5)], [1.0, 3.0, 2.0])
    assert on(s, D(2024, 1, 4)) is None and on(s, D(2024, 1, 5)) == 2.0
    assert on_or_before(s, D(2024, 1, 4)) == (D(2024, 1, 3), 3.0)
    assert before(s, D(2024, 1, 3)) == (D(2024, 1, 2), 1.0) and before(s, D(2024, 1, 2)) is None
    assert s.between(D(2024, 1, 3), None).dates == [D(2024, 1, 3), D(2024, 1, 5)]
    assert s.argmax() == 1 and s.argmin() == 0 and len(s.before(D(2024, 1, 5))) == 2
    assert add_months(D(2024, 3, 31), -1) == D(2024, 2, 29) and add_months(
        D(2024, 1, 15), -13
    ) == D(2022, 12, 15)


def test_period_variants_name_the_other_conventions() -> None:
    week = period_variants(PeriodSpec("week", "this week"))
    assert week[0][0].kind == "trailing" and week[0][0].n == 5 and week[0][0].unit == "session"
    three = period_variants(PeriodSpec("trailing", "over three months", n=3, unit="month"))
    assert three[0][0].n == 63 and three[0][0].unit == "session"
    since = period_variants(PeriodSpec("since", "since March 1", anchor=D(2024, 3, 1)))
    assert since[0][0].kind == "since_open"
    # a calendar period has one convention: from the prior period's last close
    assert period_variants(PeriodSpec("ytd", "year-to-date")) == []
    assert period_variants(PeriodSpec("day", "today")) == []


def test_a_literal_fit_is_supported() -> None:
    m = Market(_store(), D(2024, 3, 28))
    # 2024-03-28 close / 2024-03-27 close − 1: one point on about 183
    s = m.series("sp500")
    assert s is not None
    end, prev = on(s, D(2024, 3, 28)), on(s, D(2024, 3, 27))
    pct = round((end / prev - 1) * 100, 2)
    c = _claim("change", pct, PeriodSpec("day", "on Thursday"), f"rose {pct}% on Thursday")
    r = judge(c, [c], m)
    assert r.verdict == SUPPORTED


def test_contradicted_only_when_every_reading_contradicts() -> None:
    m = Market(_store(), D(2024, 3, 28))
    s = m.series("sp500")
    assert s is not None
    # "since March 1": from the close on March 1 (literal) and from the close before it (the open)
    frm_close = (on(s, D(2024, 3, 28)) / on(s, D(2024, 3, 1)) - 1) * 100
    frm_open = (on(s, D(2024, 3, 28)) / on(s, D(2024, 2, 29)) - 1) * 100
    p = PeriodSpec("since", "since March 1", anchor=D(2024, 3, 1))
    fits_open = _claim("change", round(frm_open, 2), p, "up since March 1")
    r = judge(fits_open, [fits_open], m)
    assert r.verdict == UNVERIFIABLE, r.evidence
    assert (
        "other readings" in r.evidence and "from the close before the start day: fits" in r.evidence
    )
    wrong = _claim("change", round(frm_close + 5, 2), p, "up since March 1")
    r = judge(wrong, [wrong], m)
    assert r.verdict == CONTRADICTED and "every other reading contradicts it too" in r.evidence


def test_the_sessions_range_blocks_a_contradiction_unless_the_words_say_closed() -> None:
    m = Market(_store(with_range=True), D(2024, 3, 28))
    s = m.series("sp500")
    assert s is not None
    close = on(s, D(2024, 3, 28))
    inside = close + 2  # within the day's range (close ± 3), 1% off the close
    c = Claim("the index rose to 190", 0, 22, "level", "close", subject_by_key("sp500"), stated_value=inside,
              unit="points", date=D(2024, 3, 28))  # fmt: skip
    assert any(not r.literal for r in readings(c, m))
    r = judge(c, [c], m)
    assert r.verdict == UNVERIFIABLE and "within the session's range: fits" in r.evidence
    closed = Claim("the index closed at 190", 0, 24, "level", "close", subject_by_key("sp500"),
                   stated_value=inside, unit="points", date=D(2024, 3, 28))  # fmt: skip
    assert all(r.literal for r in readings(closed, m))
    assert judge(closed, [closed], m).verdict == CONTRADICTED


def test_an_assumed_slot_never_contradicts() -> None:
    m = Market(_store(), D(2024, 3, 28))
    c = _claim("change", 9.0, PeriodSpec("day", ""), "rose 9%", assumed=["period"])
    assert judge(c, [c], m).verdict == UNVERIFIABLE


@pytest.mark.parametrize("day", [D(2017, 6, 14), D(2019, 7, 31)])
def test_fed_decisions_after_2016_are_not_read_from_the_lagging_file(day: D) -> None:
    dates = [day - dt.timedelta(days=30), day]
    store = ListStore(
        {"fed_target": {"date": dates, "value": [1.0, 1.25]}}, {"fomc_meeting": dates}
    )
    c = Claim("raised rates by a quarter point", 0, 30, "rate", "fed_move", subject_by_key("fedfunds"),
              stated_value=25.0, unit="bp", date=day)  # fmt: skip
    r = judge(c, [c], Market(store, day))
    assert r.verdict == UNVERIFIABLE and "fed_target" not in r.evidence, r.evidence
