"""Importing event calendars (.ics and CSV): classification, errors with file:line, idempotence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from thesis.data.providers.ics import classify, import_events, parse_events
from thesis.data.store import Store
from thesis.errors import IngestError

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _rows(name: str, data: bytes) -> list[dict]:
    batch, _ = parse_events(name, data)
    out = []
    for _, r in batch.frame.iterrows():
        out.append({**r.to_dict(), "detail": json.loads(r["detail"])})
    return out


def test_agency_calendar_is_classified_with_times_and_status() -> None:
    batch, notes = parse_events("bls.ics", (FIXTURES / "bls_bea_2026.ics").read_bytes())
    f = batch.frame
    got = {
        (str(d.date()), k, s) for d, k, s in zip(f["date"], f["kind"], f["subject"], strict=True)
    }
    assert got == {
        ("2026-01-09", "release", "jobs"),
        ("2026-01-13", "release", "cpi"),
        ("2026-01-13", "release", "real_earnings"),
        ("2026-01-14", "release", "ppi"),
        ("2026-02-11", "release", "cpi"),
        ("2026-01-29", "release", "gdp"),
    }
    cpi = json.loads(f[(f["subject"] == "cpi") & (f["date"] == "2026-02-11")]["detail"].iloc[0])
    assert cpi["status"] == "tentative" and cpi["time"] == "08:30" and cpi["tz"] == "US-Eastern"
    assert cpi["title"] == "Consumer Price Index for January 2026"
    # the cancelled event is left out and said so, naming its line
    assert any("cancelled" in n and "bls.ics:" in n for n in notes)
    # the folded DESCRIPTION is unfolded
    jobs = json.loads(f[f["subject"] == "jobs"]["detail"].iloc[0])
    assert "Hours: 8:30 AM" in jobs["description"]


def test_csv_with_tickers_and_filings() -> None:
    rows = _rows("earnings.csv", (FIXTURES / "earnings.csv").read_bytes())
    kinds = {(r["kind"], r["subject"]) for r in rows}
    assert kinds == {("earnings", "MSFT"), ("earnings", "NVDA"), ("filing", "GOOGL")}
    nvda = next(r for r in rows if r["subject"] == "NVDA")
    assert nvda["detail"]["status"] == "tentative" and nvda["line"] == 3


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Consumer Price Index for October 2025", ("release", "cpi")),
        ("Real Earnings for October 2025", ("release", "real_earnings")),  # not company earnings
        ("The Employment Situation - November 2025", ("release", "jobs")),
        ("GDP (Second Estimate), 3rd Quarter 2025", ("release", "gdp")),
        ("Personal Income and Outlays, October 2025", ("release", "pce")),
        ("FOMC Meeting", ("fomc_meeting", "scheduled")),
        ("Apple Inc. (AAPL) earnings", ("earnings", "AAPL")),
        ("NVDA: Q3 FY2026 earnings call", ("earnings", "NVDA")),
        ("Tesla fourth-quarter results", ("earnings", "tesla")),
        ("Housing Starts for December 2025", ("release", "housing_starts")),
    ],
)
def test_classification_table(title: str, expected: tuple[str, str]) -> None:
    kind, subject, label = classify(title)
    assert (kind, subject) == expected
    assert label and not any(ch.isdigit() for ch in label)


def test_two_releases_of_one_kind_on_one_day_are_merged() -> None:
    ics = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n"
        b"BEGIN:VEVENT\r\nUID:a\r\nDTSTART;VALUE=DATE:20251205\r\n"
        b"SUMMARY:Consumer Price Index for September 2025\r\nEND:VEVENT\r\n"
        b"BEGIN:VEVENT\r\nUID:b\r\nDTSTART;VALUE=DATE:20251205\r\n"
        b"SUMMARY:Consumer Price Index for October 2025\r\nEND:VEVENT\r\n"
        b"END:VCALENDAR\r\n"
    )
    batch, notes = parse_events("two.ics", ics)
    assert len(batch.frame) == 1
    title = json.loads(batch.frame["detail"].iloc[0])["title"]
    assert "September" in title and "October" in title
    assert any("merged" in n for n in notes)


def test_recurring_event_is_expanded_without_excluded_dates() -> None:
    ics = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:r\r\n"
        b"DTSTART;VALUE=DATE:20260105\r\nRRULE:FREQ=MONTHLY;COUNT=4\r\n"
        b"EXDATE;VALUE=DATE:20260205\r\nSUMMARY:Desk jobs preview\r\nEND:VEVENT\r\n"
        b"END:VCALENDAR\r\n"
    )
    batch, _ = parse_events("r.ics", ics, kind="release", subject="jobs_preview")
    assert [str(d.date()) for d in batch.frame["date"]] == [
        "2026-01-05",
        "2026-03-05",
        "2026-04-05",
    ]


@pytest.mark.parametrize(
    ("name", "data", "message", "where"),
    [
        ("empty.ics", b"  \n", "empty", "empty.ics"),
        ("bin.ics", b"BEGIN\x00\x01\x02", "binary", "bin.ics"),
        ("latin.csv", b"date,title\n2026-01-13,Caf\xe9 report\n", "UTF-8", "latin.csv:2"),
        ("nodate.csv", b"day,title\n2026-01-13,CPI\n", "no 'date' column", "nodate.csv:1"),
        ("notitle.csv", b"date,value\n2026-01-13,1\n", "no title column", "notitle.csv:1"),
        (
            "baddate.csv",
            b"date,title\n2026-01-13,CPI\n13/01/2026,PPI\n",
            "not a date",
            "baddate.csv:3",
        ),
        ("ragged.csv", b"date,title\n2026-01-13,CPI,extra\n", "fields", "ragged.csv:2"),
        ("kind.csv", b"date,title,kind\n2026-01-13,CPI,holiday\n", "kind", "kind.csv:2"),
        (
            "nodt.ics",
            b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:1\r\n"
            b"SUMMARY:CPI\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
            "no DTSTART",
            "nodt.ics:4",
        ),
        (
            "part.ics",
            b"BEGIN:VEVENT\r\nSUMMARY:x\r\nEND:VEVENT\r\n",
            "BEGIN:VCALENDAR",
            "part.ics:1",
        ),
    ],
)
def test_bad_files_name_the_place_and_the_fix(name, data, message, where) -> None:
    with pytest.raises(IngestError) as e:
        parse_events(name, data)
    assert message in e.value.what
    assert e.value.where == where
    assert e.value.fix


def test_import_is_idempotent_and_atomic(tmp_path: Path) -> None:
    st = Store(tmp_path / "s.duckdb")
    rep = import_events(st, [FIXTURES / "bls_bea_2026.ics", FIXTURES / "earnings.csv"])
    assert rep.events_new == 9
    assert import_events(st, FIXTURES / "bls_bea_2026.ics").events_new == 0
    bad = tmp_path / "bad.csv"
    bad.write_text("date,title\n2026-03-01,Consumer Price Index\nnot-a-date,PPI\n")
    with pytest.raises(IngestError):
        import_events(st, [FIXTURES / "earnings.csv", bad])
    assert len(st.events()) == 9  # nothing of the failed call was written
    st.close()


def test_provider_is_registered_and_clips_the_window() -> None:
    from thesis.data.providers import get_provider, provider_names

    assert "ics" in provider_names()
    p = get_provider("ics")
    batches = p.fetch([str(FIXTURES / "bls_bea_2026.ics")], start="2026-01-10", end="2026-01-31")
    dates = sorted(str(d.date()) for d in batches[0].frame["date"])
    assert dates == ["2026-01-13", "2026-01-13", "2026-01-14", "2026-01-29"]


def test_the_demo_calendar_parses() -> None:
    root = Path(__file__).resolve().parents[2]
    batch, notes = parse_events(
        "us-2022.ics", (root / "examples/calendars/us-2022.ics").read_bytes()
    )
    counts = batch.frame.groupby(["kind", "subject"]).size().to_dict()
    assert counts == {
        ("fomc_meeting", "scheduled"): 8,
        ("release", "cpi"): 12,
        ("release", "jobs"): 12,
    }
    assert not notes
    assert all(d.year == 2022 for d in batch.frame["date"])
