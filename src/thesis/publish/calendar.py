"""Key dates as an iCalendar file that Google Calendar, Outlook and Apple Calendar import.

Every event is all-day (``DTSTART;VALUE=DATE`` with the next day as ``DTEND``, the form every client
shows as a day's banner), carries a stable ``UID`` (so that importing a newer calendar updates the
events instead of duplicating them), a ``DTSTAMP`` in UTC, ``STATUS:TENTATIVE`` where the date may
still move, and a ``DESCRIPTION`` that says why the day matters for the thesis.

>>> ics = to_ics(result, stamp=dt.datetime(2025, 11, 26, tzinfo=dt.UTC))   # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from thesis.analysis.keydates import KeyDate, KeyDatesResult

__all__ = ["PRODID", "event_uid", "thesis_key", "to_ics"]

PRODID = "-//thesis//key dates//EN"
UID_DOMAIN = "thesis.invalid"


def thesis_key(subject: str, title: str) -> str:
    """A short stable key for one thesis: its series and a hash of its title."""
    h = hashlib.sha256(title.encode("utf-8")).hexdigest()[:10]
    return f"{subject}-{h}"


def event_uid(d: KeyDate, thesis: str, domain: str = UID_DOMAIN) -> str:
    """``{YYYYMMDD}-{kind}-{subject}-{thesis key}@{domain}``: the same event of the same thesis
    keeps its UID from one publish to the next, so calendar clients update it in place."""
    subject = "".join(ch if ch.isalnum() else "-" for ch in d.subject.lower()).strip("-")
    return f"{d.date:%Y%m%d}-{d.kind.replace('_', '-')}-{subject or 'event'}-{thesis}@{domain}"


def _description(d: KeyDate, extra: str = "") -> str:
    lines = [d.why]
    if d.title and d.title != d.label:
        lines.append(f"Source title: {d.title}")
    if d.time:
        lines.append(f"Time: {d.time}{' ' + d.tz if d.tz else ''}")
    if d.tentative:
        lines.append("Tentative: this date may still move.")
    if d.outcome:
        lines.append(f"Outcome: {d.outcome}.")
    if d.source:
        lines.append(f"Source: {d.source}")
    if extra:
        lines.append(extra)
    return "\n".join(lines)


def to_ics(
    results: KeyDatesResult | Sequence[tuple[KeyDatesResult, str]],
    *,
    stamp: dt.datetime,
    name: str | None = None,
    url: str | None = None,
    thesis_title: str | None = None,
) -> bytes:
    """Write key dates as an iCalendar (RFC 5545) file.

    Parameters
    ----------
    results
        One thesis's key dates, or several as ``(result, thesis title)`` pairs (a site's merged
        calendar); each event's summary then names its thesis's subject.
    stamp
        ``DTSTAMP`` of every event (timezone-aware; converted to UTC). Pass the run's creation
        time for a reproducible file.
    name
        Calendar name shown by clients (``X-WR-CALNAME``).
    url
        A link to the outlook, added to every description.
    thesis_title
        The thesis's title (for a single result); used for the UIDs and the description.

    Returns
    -------
    bytes
        The calendar, CRLF line endings, lines folded at 75 octets.
    """
    import icalendar

    from thesis.analysis.keydates import KeyDatesResult

    if stamp.tzinfo is None:
        raise ValueError("stamp must be timezone-aware (e.g. datetime.now(datetime.UTC))")
    pairs: list[tuple[KeyDatesResult, str]] = (
        [(results, thesis_title or results.context.subject_name)]
        if isinstance(results, KeyDatesResult)
        else list(results)
    )
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if name:
        cal.add("x-wr-calname", name)
    utc = stamp.astimezone(dt.UTC)
    seen: set[str] = set()
    for res, title in pairs:
        key = thesis_key(res.context.subject, title)
        for d in res.dates:
            uid = event_uid(d, key)
            if uid in seen:
                continue
            seen.add(uid)
            ev = icalendar.Event()
            ev.add("uid", uid)
            ev.add("dtstamp", utc)
            ev.add("dtstart", d.date)
            ev.add("dtend", d.date + dt.timedelta(days=1))
            summary = d.label + (" (tentative)" if d.tentative else "")
            if len(pairs) > 1:
                summary += f" — {res.context.subject_name}"
            ev.add("summary", summary)
            extra = f"Thesis: {title}"
            if url:
                extra += f"\nOutlook: {url}"
            ev.add("description", _description(d, extra))
            ev.add("categories", [d.kind.replace("_", " ")])
            ev.add("status", "TENTATIVE" if d.tentative else "CONFIRMED")
            ev.add("transp", "TRANSPARENT")
            if url:
                ev.add("url", url)
            cal.add_component(ev)
    return cal.to_ical()
