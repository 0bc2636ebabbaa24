"""Key dates: which events fall in the window, tentative flags, the article section, the .ics."""

from __future__ import annotations

import datetime as dt
import re

import icalendar
import pandas as pd
import pytest

from thesis.analysis.keydates import ThesisContext, key_dates, key_dates_from_events
from thesis.errors import AnalysisError
from thesis.facts import Fact, FactSheet
from thesis.publish.calendar import to_ics
from thesis.writing.keydates import key_dates_section

CTX = ThesisContext(
    subject="sp500",
    subject_name="S&P 500",
    as_of=dt.date(2025, 11, 26),
    horizon=dt.date(2026, 3, 31),
    rate_moves=2,
    eps_growth_pct=14.0,
    tickers=frozenset({"MSFT", "NVDA"}),
)


def _frame(rows: list[tuple[str, str, str, str | None]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "date": pd.to_datetime([r[0] for r in rows]),
            "kind": [r[1] for r in rows],
            "subject": [r[2] for r in rows],
            "value": [float("nan")] * len(rows),
            "detail": [r[3] for r in rows],
            "provider": ["test"] * len(rows),
        }
    )


SCHEDULED = _frame(
    [
        ("2025-12-10", "fomc_meeting", "scheduled", None),
        ("2026-01-13", "release", "cpi", '{"title": "Consumer Price Index for December 2025"}'),
        ("2026-01-28", "earnings", "MSFT", '{"label": "MSFT earnings", "status": "confirmed"}'),
        ("2026-03-18", "fomc_meeting", "scheduled", "tentative (future at snapshot time)"),
        ("2026-04-29", "fomc_meeting", "scheduled", None),  # after the horizon
    ]
)
HAPPENED = _frame(
    [
        ("2025-10-29", "fomc_meeting", "scheduled", None),
        (
            "2025-10-29",
            "fomc_decision",
            "fed_funds_target",
            '{"action": "LOWER", "change_pct": -0.25}',
        ),
        ("2025-10-30", "filing", "GOOGL", '{"title": "Alphabet 10-Q"}'),
        ("2025-09-01", "release", "cpi", None),  # before the window
    ]
)


def test_window_defaults_to_after_as_of_through_the_horizon() -> None:
    res = key_dates_from_events(SCHEDULED, HAPPENED, context=CTX)
    assert [d.date.isoformat() for d in res.dates] == [
        "2025-12-10",
        "2026-01-13",
        "2026-01-28",
        "2026-03-18",
    ]
    assert not res.past
    assert [d.tentative for d in res.dates] == [False, False, False, True]
    assert res.next("fomc_meeting").date == dt.date(2025, 12, 10)
    assert any("tentative" in n for n in res.notes)


def test_a_window_before_as_of_adds_what_happened_with_the_decision() -> None:
    res = key_dates_from_events(SCHEDULED, HAPPENED, context=CTX, start="2025-10-01")
    past = res.past
    assert [(d.date.isoformat(), d.kind) for d in past] == [
        ("2025-10-29", "fomc_meeting"),
        ("2025-10-30", "filing"),
    ]
    assert past[0].outcome == "rate cut" and past[0].past
    assert not past[0].tentative


def test_why_follows_the_thesis_and_has_no_numbers() -> None:
    res = key_dates_from_events(SCHEDULED, HAPPENED, context=CTX, start="2025-10-01")
    by_kind = {d.kind: d.why for d in res.upcoming}
    assert "cuts" in by_kind["fomc_meeting"]
    assert "constituent" in by_kind["earnings"]
    no_cuts = key_dates_from_events(
        SCHEDULED, HAPPENED, context=ThesisContext(**{**CTX.__dict__, "rate_moves": 0})
    )
    assert "no change" in no_cuts.upcoming[0].why
    own = key_dates_from_events(
        SCHEDULED,
        HAPPENED,
        context=ThesisContext(**{**CTX.__dict__, "subject": "msft", "subject_name": "Microsoft"}),
    )
    assert "own results" in next(d.why for d in own.upcoming if d.kind == "earnings")
    for d in res.dates:
        assert not re.search(r"\d", d.why + d.label), d


def test_facts_are_dates_and_counts() -> None:
    res = key_dates_from_events(SCHEDULED, HAPPENED, context=CTX)
    facts = FactSheet(res.facts())
    assert facts["keydates.count"].value == 4
    assert facts["keydates.count.fomc_meeting"].value == 2
    assert facts["keydates.tentative_count"].value == 1
    assert facts["keydates.next.release"].value == "2026-01-13"
    ev = facts["keydates.fomc_meeting.scheduled.2026-03-18"]
    assert ev.unit == "date" and ev.value == "2026-03-18" and "tentative" in ev.method
    assert all(f.lineage for f in facts)
    frame = res.to_frame()
    assert list(frame["kind"]) == ["fomc_meeting", "release", "earnings", "fomc_meeting"]


def test_end_before_start_is_an_error() -> None:
    with pytest.raises(AnalysisError) as e:
        key_dates_from_events(
            SCHEDULED, HAPPENED, context=CTX, start="2026-02-01", end="2026-01-01"
        )
    assert e.value.fix


def test_from_the_store_view_tentative_fomc_and_imported_releases(events_store) -> None:
    ctx = ThesisContext(**{**CTX.__dict__, "horizon": dt.date(2026, 12, 31)})
    res = key_dates(events_store.view(ctx.as_of), ctx)
    fomc = [d for d in res.dates if d.kind == "fomc_meeting"]
    # the shared data's 2026 schedule: the meetings after 2026-08-22 are tentative
    assert [d.date.isoformat() for d in fomc if d.tentative] == [
        "2026-09-16",
        "2026-10-28",
        "2026-12-09",
    ]
    assert fomc[0].date == dt.date(2025, 12, 10)
    releases = {(d.date.isoformat(), d.subject) for d in res.dates if d.kind == "release"}
    assert ("2026-01-13", "cpi") in releases and ("2026-01-29", "gdp") in releases
    # a filing is never scheduled ahead: the imported one (2025-10-29) is before as_of
    assert not any(d.kind == "filing" for d in res.dates)
    with pytest.raises(AnalysisError):
        key_dates(events_store.view("2025-11-25"), ctx)


def _digits_outside_facts(sec) -> list[str]:
    bad = []
    for s in sec.sentences():
        for p in s.parts:
            if p.fact_id is None and re.search(r"\d", p.text):
                bad.append(p.text)
    for t in sec.tables:
        for row in (t.header, *t.rows):
            for cell in row:
                for p in cell:
                    if p.fact_id is None and re.search(r"\d", p.text):
                        bad.append(p.text)
    return bad


def test_article_section_states_numbers_only_as_facts() -> None:
    res = key_dates_from_events(SCHEDULED, HAPPENED, context=CTX, start="2025-10-01")
    thesis = [
        Fact("fed.thesis_cuts", 2, "count", "2025-11-26", "stated in the thesis"),
        Fact("fed.thesis_cut_bp", 25.0, "bp", "2025-11-26", "stated in the thesis"),
    ]
    sec = key_dates_section(res, FactSheet(thesis))
    assert sec.key == "keydates" and sec.title == "Key dates"
    text = " ".join(s.text for s in sec.sentences())
    assert "10 December 2025" in text and "counts on 2 cuts of 25" in text
    assert "tentative" in text
    assert not _digits_outside_facts(sec)
    ahead, past = sec.tables
    assert len(ahead.rows) == 4 and len(past.rows) == 2
    assert "rate cut" in ahead.rows[0][1][0].text or "rate cut" in past.rows[0][1][0].text
    ids = set(ahead.fact_ids)
    assert "keydates.fomc_meeting.scheduled.2026-03-18" in ids


def test_article_section_without_events_says_how_to_get_them() -> None:
    res = key_dates_from_events(SCHEDULED.iloc[0:0], HAPPENED.iloc[0:0], context=CTX)
    sec = key_dates_section(res)
    assert "thesis events import" in sec.sentences()[0].text
    assert not sec.tables and not _digits_outside_facts(sec)


def test_ics_round_trips_through_icalendar() -> None:
    res = key_dates_from_events(SCHEDULED, HAPPENED, context=CTX, start="2025-10-01")
    stamp = dt.datetime(2025, 11, 26, 18, 0, tzinfo=dt.UTC)
    raw = to_ics(res, stamp=stamp, name="Key dates", url="https://example.org/o", thesis_title="T")
    assert raw == to_ics(
        res, stamp=stamp, name="Key dates", url="https://example.org/o", thesis_title="T"
    )
    text = raw.decode("utf-8")
    assert text.count("\r\n") == text.count("\n"), "iCalendar lines end with CRLF"
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    cal = icalendar.Calendar.from_ical(raw)
    assert str(cal["VERSION"]) == "2.0" and "thesis" in str(cal["PRODID"])
    events = list(cal.walk("VEVENT"))
    assert len(events) == len(res.dates) == 6
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    for e, d in zip(events, res.dates, strict=True):
        start, end = e["DTSTART"].dt, e["DTEND"].dt
        assert start == d.date and not isinstance(start, dt.datetime)  # all-day
        assert end - start == dt.timedelta(days=1)
        assert e["DTSTAMP"].dt == stamp
        assert str(e["STATUS"]) == ("TENTATIVE" if d.tentative else "CONFIRMED")
        assert d.why.split(":")[0] in str(e["DESCRIPTION"])
        assert "https://example.org/o" in str(e["DESCRIPTION"])
    # the same thesis keeps its UIDs; another thesis gets its own
    other = to_ics(res, stamp=stamp, thesis_title="another thesis")
    assert {str(e["UID"]) for e in icalendar.Calendar.from_ical(other).walk("VEVENT")}.isdisjoint(
        uids
    )
    with pytest.raises(ValueError):
        to_ics(res, stamp=dt.datetime(2025, 11, 26))
