"""The thesis's rate path, placed on the FOMC's calendar.

A thesis states its path by meeting (``path = [-25, 0, -25]``: the change at each scheduled FOMC
meeting after ``as_of``, in basis points, negative for a cut) or by count (``cuts = 2`` or
``hikes = 3`` of ``cut_bp`` / ``hike_bp`` each, optionally on named ``dates``). The meetings come
from the store's ``fomc_meeting`` events, listed ahead of time by the Fed (``StoreView.schedule``);
dates the Fed calls tentative are flagged. The result states the meetings inside the horizon, the
move at each (for a path), the total, and where it would take the policy rate from its last
published value. It is a statement of the thesis's assumption placed on the calendar; it does not
forecast the Fed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, cast

import pandas as pd

from thesis import ids
from thesis.analysis._common import as_timestamp, lineage_of
from thesis.errors import SpecError
from thesis.facts import Fact, Source

if TYPE_CHECKING:
    from collections.abc import Iterator

    from thesis._types import DateLike

__all__ = ["STALE_DAYS", "Meeting", "RatePathResult", "check_path", "rate_path"]

#: a policy rate older than this on as_of is not "the rate now"
STALE_DAYS = 100


@dataclass(frozen=True)
class Meeting:
    """A scheduled FOMC meeting (its decision day) and whether the Fed calls the date tentative."""

    date: pd.Timestamp
    tentative: bool
    change_bp: float | None = None  # the thesis's move at this meeting (path or dated moves)


@dataclass(frozen=True)
class RatePathResult:
    """The thesis's rate path on the calendar (see :func:`rate_path`)."""

    as_of: pd.Timestamp
    horizon: pd.Timestamp
    by_meeting: bool
    cuts: int
    hikes: int
    cut_bp: float
    hike_bp: float
    meetings: tuple[Meeting, ...]
    total_bp: float
    rate_start: float | None
    rate_start_date: pd.Timestamp | None
    lineage: tuple[Source, ...]
    notes: tuple[str, ...] = ()

    @property
    def rate_after(self) -> float | None:
        """The policy rate after the path, percent (the last published rate plus the total)."""
        return None if self.rate_start is None else self.rate_start + self.total_bp / 100

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame(
            [
                {"date": m.date, "tentative": m.tentative, "change_bp": m.change_bp}
                for m in self.meetings
            ]
        )

    def facts(self) -> list[Fact]:
        a = str(self.as_of.date())
        cal = "FOMC meeting calendar in the store (decision days)"
        thesis = "the thesis's rate path"
        out = [
            Fact(ids.fed_meeting(None, "count"), len(self.meetings), "count", a,
                 f"{cal}, after {a} up to {self.horizon.date()}", (), "FOMC meetings to the horizon"),
        ]  # fmt: skip
        for i, m in enumerate(self.meetings, 1):
            out.append(
                Fact(ids.fed_meeting(i, "date"), str(m.date.date()), "date", a, cal, (),
                     f"FOMC meeting {i}")
            )  # fmt: skip
            out.append(
                Fact(ids.fed_meeting(i, "tentative"), m.tentative, "bool", a, cal, (),
                     f"FOMC meeting {i} is tentative")
            )  # fmt: skip
            if m.change_bp is not None:
                out.append(
                    Fact(ids.fed_path(i, "change_bp"), m.change_bp, "bp", a,
                         f"{thesis}, placed on the meeting of {m.date.date()}", (),
                         f"change at FOMC meeting {i}", 0)
                )  # fmt: skip
        tentative = [m for m in self.meetings if m.tentative]
        if tentative:
            out.append(
                Fact(ids.fed_meeting(None, "first_tentative"), str(tentative[0].date.date()),
                     "date", a, cal, (), "first meeting whose date is tentative")
            )  # fmt: skip
        moves = [m.change_bp for m in self.meetings if m.change_bp is not None]
        n_cut = sum(1 for x in moves if x < 0) if self.by_meeting else self.cuts
        n_hike = sum(1 for x in moves if x > 0) if self.by_meeting else self.hikes
        out += [
            Fact(ids.fed_path(None, "total_bp"), self.total_bp, "bp", a,
                 f"sum of {thesis}", (), "total change of the rate path", 0),
            Fact(ids.fed_path(None, "cuts"), n_cut, "count", a, thesis, (), "cuts in the path"),
            Fact(ids.fed_path(None, "hikes"), n_hike, "count", a, thesis, (), "hikes in the path"),
        ]  # fmt: skip
        if self.by_meeting:
            out.append(
                Fact(ids.fed_path(None, "holds"), sum(1 for x in moves if x == 0), "count", a,
                     thesis, (), "meetings without a move in the path")
            )  # fmt: skip
        if self.rate_start is not None and self.rate_start_date is not None:
            out += [
                Fact(ids.fed_path(None, "rate_start"), self.rate_start, "pct", a,
                     "last published policy rate on or before the analysis date", self.lineage,
                     "policy rate the path starts from", 2),
                Fact(ids.fed_path(None, "rate_start_date"), str(self.rate_start_date.date()),
                     "date", a, "date of that policy rate", self.lineage, "policy rate date"),
                Fact(ids.fed_path(None, "rate_after"), self.rate_after, "pct", a,
                     f"policy rate plus the total of {thesis}", self.lineage,
                     "policy rate after the path", 2),
            ]  # fmt: skip
        return out


class _MeetingRow(Protocol):
    """A row of the meeting schedule as ``itertuples`` gives it (``subject`` and ``detail`` are
    optional columns, read with ``getattr``)."""

    date: DateLike


def _meetings(
    frame: pd.DataFrame | None, as_of: pd.Timestamp, horizon: pd.Timestamp
) -> list[Meeting]:
    if frame is None or len(frame) == 0:
        return []
    out = []
    seen: set[pd.Timestamp] = set()
    for row in cast("Iterator[_MeetingRow]", frame.itertuples()):
        d = pd.Timestamp(row.date).normalize()
        if d <= as_of or d > horizon or d in seen:
            continue
        if str(getattr(row, "subject", "scheduled") or "scheduled") == "unscheduled":
            continue
        detail = getattr(row, "detail", None)
        tentative = isinstance(detail, str) and "tentative" in detail.lower()
        seen.add(d)
        out.append(Meeting(d, tentative))
    return sorted(out, key=lambda m: m.date)


def check_path(
    path: Sequence[float],
    meetings: pd.DataFrame | None,
    *,
    as_of: DateLike,
    horizon: DateLike,
    where: str = "rates.path",
) -> list[Meeting]:
    """The meetings a path by meeting is placed on; a path the calendar cannot hold is refused.

    Raises
    ------
    SpecError
        No meeting inside the horizon, or more moves than meetings.
    """
    as_ts, h_ts = as_timestamp(as_of), as_timestamp(horizon, "horizon")
    cal = _meetings(meetings, as_ts, h_ts)
    if not cal:
        raise SpecError(
            "rates.path gives a move per FOMC meeting, but the store lists no meeting after "
            f"{as_ts.date()} up to {h_ts.date()}",
            where=where,
            fix="import the meeting calendar (`thesis data import` of fomc_meetings.csv), or "
            "state the path by count: cuts = N or hikes = N",
        )
    if len(path) > len(cal):
        raise SpecError(
            f"rates.path has {len(path)} moves but only {len(cal)} FOMC meetings fall after "
            f"{as_ts.date()} up to the horizon {h_ts.date()}",
            where=where,
            fix=f"give at most {len(cal)} moves, or move the horizon later",
        )
    return cal


def rate_path(
    *,
    cuts: int = 0,
    hikes: int = 0,
    cut_bp: float = 25,
    hike_bp: float = 25,
    path: Sequence[float] | None = None,
    dates: Sequence[dt.date] = (),
    meetings: pd.DataFrame | None = None,
    policy: pd.Series | None = None,
    as_of: DateLike,
    horizon: DateLike,
    where: str = "rates.path",
) -> RatePathResult:
    """Place the thesis's rate path on the FOMC meetings between ``as_of`` and ``horizon``.

    Parameters
    ----------
    cuts, hikes, cut_bp, hike_bp
        The path by count (basis points each).
    path
        The path by meeting: basis points at each scheduled meeting after ``as_of``, in order.
    dates
        Dates of the counted moves when the thesis names them (one per cut or hike).
    meetings
        ``fomc_meeting`` events (columns ``date``, ``subject``, ``detail``), e.g.
        ``store.view(as_of).schedule("fomc_meeting", end=horizon)``.
    policy
        The policy rate (percent) public on ``as_of``, e.g. ``fedfunds``; optional.
    where
        ``file:line`` of the path in the thesis, for errors.

    Raises
    ------
    SpecError
        A path longer than the meetings inside the horizon, a path with no meeting calendar, or
        ``dates`` that do not match the count.
    """
    as_ts, h_ts = as_timestamp(as_of), as_timestamp(horizon, "horizon")
    cal = _meetings(meetings, as_ts, h_ts)
    notes: list[str] = []
    by_meeting = path is not None
    if by_meeting:
        assert path is not None
        cal = check_path(path, meetings, as_of=as_ts, horizon=h_ts, where=where)
        cal = [
            Meeting(m.date, m.tentative, float(path[i]) if i < len(path) else None)
            for i, m in enumerate(cal)
        ]
        total = float(sum(path))
        if len(path) < len(cal):
            notes.append(
                "The path names fewer moves than there are meetings to the horizon; the later "
                "meetings are left without a move."
            )
    else:
        total = hikes * hike_bp - cuts * cut_bp
        if dates:
            n = cuts + hikes
            if len(dates) != n:
                raise SpecError(
                    f"rates.dates names {len(dates)} dates for {n} moves",
                    where=where.replace("path", "dates"),
                    fix="give one date per cut or hike, or leave dates out",
                )
            step = -cut_bp if cuts else hike_bp
            on = {pd.Timestamp(d).normalize() for d in dates}
            cal = [Meeting(m.date, m.tentative, step if m.date in on else None) for m in cal]
            missing = sorted(on - {m.date for m in cal})
            if missing:
                notes.append(
                    "Some dates the thesis gives for its moves are not scheduled FOMC meetings; "
                    "the Fed can move between meetings, but rarely does."
                )
        moves = cuts + hikes
        if cal and moves > len(cal):
            notes.append(
                "The thesis counts more moves than there are scheduled meetings before the "
                "horizon; it would take moves between meetings, which the Fed makes only in a "
                "crisis."
            )
        if not cal and moves:
            notes.append(
                "The store lists no FOMC meetings inside the horizon, so the moves are not placed "
                "on dates."
            )
    tentative = [m for m in cal if m.tentative]
    if tentative and (by_meeting or cuts or hikes):
        notes.append(
            "Some meeting dates are tentative: the Fed publishes each year's calendar ahead and "
            "may still move them."
        )
    rate = rate_date = None
    lineage: tuple[Source, ...] = ()
    if policy is not None and len(policy.dropna()):
        p = policy.dropna()
        p = p[p.index <= as_ts]
        # a policy rate published long before as_of says where the rate was, not where it is
        # (a quarterly T-bill series that ended years ago): the path is then not priced from it
        if len(p) and (as_ts - p.index[-1]).days <= STALE_DAYS:
            rate, rate_date = float(p.iloc[-1]), p.index[-1]
            lineage = lineage_of(policy)
        elif len(p):
            notes.append(
                "The policy-rate series ends long before the analysis date, so the rate the path "
                "would lead to is not given."
            )
    return RatePathResult(
        as_of=as_ts,
        horizon=h_ts,
        by_meeting=by_meeting,
        cuts=cuts,
        hikes=hikes,
        cut_bp=float(cut_bp),
        hike_bp=float(hike_bp),
        meetings=tuple(cal),
        total_bp=float(total),
        rate_start=rate,
        rate_start_date=rate_date,
        lineage=lineage,
        notes=tuple(notes),
    )
