"""Key dates: the scheduled events inside a thesis's horizon that bear on it, and why.

A thesis on an index with two Fed cuts by year-end lives or dies on a handful of days: the FOMC
decisions, the inflation and jobs releases that decide whether the cuts come, the earnings of the
companies behind the index. This module lists them from the store's events:

- **FOMC decisions** announced ahead (:meth:`~thesis.data.view.StoreView.schedule`), with the
  tentative ones (the Fed publishes later years' calendars as tentative) flagged;
- **releases and earnings dates** a user imported (:mod:`thesis.data.providers.ics`: CPI, the jobs
  report, GDP, PCE, company results);
- **what already happened** in the window when it starts before ``as_of``: past meetings (with the
  decision where the store has it) and filing dates.

Each date says why it matters *for this thesis* (:class:`ThesisContext`: the rate path and the
earnings growth it assumes, the companies it covers), in words without numbers, so that the writer
and the calendar can quote it as it is.

:func:`key_dates_from_events` is pure (frames in, result out); :func:`key_dates` reads the frames
through a :class:`~thesis.data.view.StoreView`, so nothing after ``as_of`` is seen except dates that
were announced ahead.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import pandas as pd

from thesis.errors import AnalysisError
from thesis.facts import Fact, Source, content_hash

if TYPE_CHECKING:
    from collections.abc import Iterable

    from thesis._types import DateLike
    from thesis.data.view import StoreView
    from thesis.facts import FactSheet

__all__ = ["KeyDate", "KeyDatesResult", "ThesisContext", "key_dates", "key_dates_from_events"]

#: event kinds read from the store, in the order a day's events are listed
KINDS = ("fomc_meeting", "release", "earnings", "filing")
_KIND_WORDS = {
    "fomc_meeting": "FOMC decision",
    "release": "release",
    "earnings": "earnings",
    "filing": "filing",
}
_INFLATION = frozenset({"cpi", "pce", "ppi"})
_LABOUR = frozenset({"jobs", "jolts", "eci", "real_earnings"})
_GROWTH = frozenset({"gdp", "retail_sales", "ism"})
_RELEASE_LABELS = {
    "cpi": "CPI",
    "pce": "PCE inflation",
    "ppi": "PPI",
    "real_earnings": "Real Earnings",
    "jobs": "jobs report",
    "jolts": "JOLTS",
    "eci": "Employment Cost Index",
    "gdp": "GDP",
    "retail_sales": "retail sales",
    "ism": "ISM manufacturing",
}


@dataclass(frozen=True)
class ThesisContext:
    """What a thesis assumes, as far as key dates care.

    Attributes
    ----------
    subject
        The series the thesis is about (``sp500``).
    subject_name
        Its display name ("S&P 500").
    as_of, horizon
        The analysis date and the horizon.
    rate_moves
        Policy moves the thesis assumes before the horizon: positive for cuts, negative for hikes,
        0 for none, ``None`` when it does not say.
    eps_growth_pct
        The earnings growth it assumes, percent a year (``None``: not stated).
    tickers
        Companies the thesis covers: its own stock, or the constituents of its index (upper case).
    """

    subject: str
    subject_name: str
    as_of: dt.date
    horizon: dt.date
    rate_moves: int | None = None
    eps_growth_pct: float | None = None
    tickers: frozenset[str] = frozenset()

    @classmethod
    def from_spec(cls, spec: Any, tickers: Iterable[str] = ()) -> ThesisContext:
        """From a :class:`~thesis.spec.ThesisSpec` (any object with its attributes)."""
        rates = getattr(spec, "rates", None)
        moves = getattr(rates, "cuts", None) if rates is not None else None
        hikes = getattr(rates, "hikes", None) if rates is not None else None
        if isinstance(hikes, int) and hikes:
            moves = (moves or 0) - hikes
        earnings = getattr(spec, "earnings", None)
        return cls(
            subject=spec.index.series,
            subject_name=spec.index.name,
            as_of=spec.as_of,
            horizon=spec.horizon,
            rate_moves=moves,
            eps_growth_pct=getattr(earnings, "eps_growth_pct", None),
            tickers=frozenset(t.upper() for t in tickers),
        )

    @classmethod
    def from_facts(
        cls,
        facts: FactSheet,
        *,
        subject: str,
        subject_name: str,
        as_of: DateLike,
        horizon: DateLike,
        tickers: Iterable[str] = (),
    ) -> ThesisContext:
        """From a finished run's facts (``fed.thesis_cuts``, ``{S}.eps_growth_assumed_pct``)."""
        cuts = facts.get("fed.thesis_cuts")
        eps = facts.get(f"{subject}.eps_growth_assumed_pct")
        n_cuts = cuts.number if cuts is not None else None
        return cls(
            subject=subject,
            subject_name=subject_name,
            as_of=pd.Timestamp(as_of).date(),
            horizon=pd.Timestamp(horizon).date(),
            rate_moves=int(n_cuts) if n_cuts is not None else None,
            eps_growth_pct=eps.number if eps is not None else None,
            tickers=frozenset(t.upper() for t in tickers),
        )


@dataclass(frozen=True)
class KeyDate:
    """One dated event and why it matters for the thesis.

    Attributes
    ----------
    date
        The day (all-day; ``time`` and ``tz`` give the clock time when the source did).
    kind, subject
        As stored (``fomc_meeting``/``scheduled``, ``release``/``cpi``, ``earnings``/``NVDA``).
    title
        The source's own title ("Consumer Price Index for December 2025").
    label
        A short name without numbers ("CPI", "NVDA earnings", "FOMC decision").
    why
        Why it matters for this thesis, in words (no numbers).
    tentative
        The date may still move (the Fed's tentative schedule, a calendar's STATUS:TENTATIVE).
    past
        On or before ``as_of``: it already happened (an outcome may be in ``outcome``).
    outcome
        What happened, in words ("rate cut"), for past events where the store says.
    source
        Where the date came from (file or provider).
    """

    date: dt.date
    kind: str
    subject: str
    title: str
    label: str
    why: str
    tentative: bool = False
    past: bool = False
    time: str | None = None
    tz: str | None = None
    outcome: str | None = None
    source: str = ""

    @property
    def key(self) -> str:
        """Stable identity: ``{kind}.{subject}.{YYYY-MM-DD}`` (fact ids and calendar UIDs)."""
        return f"{self.kind}.{_slug(self.subject)}.{self.date.isoformat()}"

    @property
    def fact_id(self) -> str:
        return f"keydates.{self.key}"


@dataclass(frozen=True)
class KeyDatesResult:
    """The key dates of one thesis in a window.

    Attributes
    ----------
    context
        The thesis they were chosen for.
    start, end
        The window (inclusive).
    dates
        In date order, past ones first.
    sources
        Lineage per event kind read (series ``events:KIND``).
    notes
        What the reader should know (no calendar imported, tentative dates).
    """

    context: ThesisContext
    start: dt.date
    end: dt.date
    dates: tuple[KeyDate, ...]
    sources: tuple[Source, ...] = ()
    notes: tuple[str, ...] = field(default=())

    @cached_property
    def upcoming(self) -> tuple[KeyDate, ...]:
        """Dates after ``as_of``."""
        return tuple(d for d in self.dates if not d.past)

    @cached_property
    def past(self) -> tuple[KeyDate, ...]:
        return tuple(d for d in self.dates if d.past)

    def next(self, kind: str) -> KeyDate | None:
        """The first upcoming date of ``kind``."""
        return next((d for d in self.upcoming if d.kind == kind), None)

    def to_frame(self) -> pd.DataFrame:
        """One row per date: date, kind, subject, label, title, tentative, past, outcome, time,
        tz, why, source."""
        cols = [
            "date",
            "kind",
            "subject",
            "label",
            "title",
            "tentative",
            "past",
            "outcome",
            "time",
            "tz",
            "why",
            "source",
        ]
        return pd.DataFrame([{c: getattr(d, c) for c in cols} for d in self.dates], columns=cols)

    def summary(self) -> str:
        """Markdown: one line per date."""
        head = (
            f"Key dates for {self.context.subject_name} from {self.start} to {self.end} "
            f"({len(self.upcoming)} ahead, {len(self.past)} past)"
        )
        lines = [head, ""]
        for d in self.dates:
            flag = " (tentative)" if d.tentative else ""
            done = f" — {d.outcome}" if d.outcome else (" — past" if d.past else "")
            lines.append(f"- {d.date}: {d.label}{flag}{done}. {d.why}")
        return "\n".join(lines)

    def facts(self) -> list[Fact]:
        """``keydates.window_start``/``window_end`` (date), ``keydates.count`` and
        ``keydates.count.{kind}`` (count, upcoming dates), ``keydates.tentative_count`` (count),
        ``keydates.next.{kind}`` (date) and one date fact per event,
        ``keydates.{kind}.{subject}.{YYYY-MM-DD}``, labelled with the event's title."""
        as_of = self.context.as_of.isoformat()
        lin = self.sources
        method = "scheduled events in the store (announced ahead); past events as recorded"

        def f(fid: str, value: Any, unit: str, label: str) -> Fact:
            return Fact(f"keydates.{fid}", value, unit, as_of, method, lin, label)

        out = [
            f("window_start", self.start.isoformat(), "date", "first day of the key-dates window"),
            f("window_end", self.end.isoformat(), "date", "last day of the key-dates window"),
            f("count", len(self.upcoming), "count", "scheduled events ahead in the window"),
            f(
                "tentative_count",
                sum(d.tentative for d in self.upcoming),
                "count",
                "of which tentative",
            ),
        ]
        for kind in KINDS:
            n = sum(d.kind == kind for d in self.upcoming)
            if n:
                out.append(f(f"count.{kind}", n, "count", f"{_KIND_WORDS[kind]} dates ahead"))
            nxt = self.next(kind)
            if nxt is not None:
                out.append(
                    f(f"next.{kind}", nxt.date.isoformat(), "date", f"next {_KIND_WORDS[kind]}")
                )
        for d in self.dates:
            out.append(
                Fact(
                    d.fact_id,
                    d.date.isoformat(),
                    "date",
                    as_of,
                    f"{d.kind} event from {d.source or 'the store'}"
                    + (" (tentative)" if d.tentative else ""),
                    lin,
                    d.title,
                )
            )
        return out


# --------------------------------------------------------------------------------------- helpers
def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", str(text).lower()).strip("_") or "event"


def _detail(raw: Any) -> dict[str, Any]:
    """An event's ``detail``: JSON from the ics provider, or a plain note (the FOMC file)."""
    if raw is None or (isinstance(raw, float) and pd.isna(raw)):
        return {}
    text = str(raw)
    if text.startswith("{"):
        try:
            d = json.loads(text)
        except ValueError:
            return {"note": text}
        return d if isinstance(d, dict) else {"note": text}
    return {"note": text}


def _tentative(detail: dict[str, Any]) -> bool:
    status = str(detail.get("status", "")).lower()
    return status == "tentative" or "tentative" in str(detail.get("note", "")).lower()


def _why(kind: str, subject: str, ctx: ThesisContext, past: bool = False) -> str:
    """Why an event bears on the thesis, in words: no numbers (the writer quotes it as it is,
    and a name such as "S&P 500" holds digits, so the thesis's subject is not named)."""
    if past and kind != "filing":
        return (
            "Before the analysis date: the outlook's data include it where the store holds "
            "its figures."
        )
    if kind == "fomc_meeting":
        if ctx.rate_moves is None:
            return (
                "A rate decision resets the discount rate behind valuations and the odds of "
                "each level."
            )
        if ctx.rate_moves > 0:
            return (
                "The thesis counts on Fed rate cuts before its horizon: this decision delivers "
                "one, holds, or moves the other way, and the odds of each level move with it."
            )
        if ctx.rate_moves < 0:
            return (
                "The thesis counts on Fed rate hikes before its horizon: this decision delivers "
                "one, holds, or cuts instead."
            )
        return (
            "The thesis assumes no change in policy rates: a cut or a hike at this meeting "
            "departs from it."
        )
    if kind == "release":
        s = subject.lower()
        if s in _INFLATION:
            cut = (
                " and the Fed's room to cut as the thesis assumes"
                if (ctx.rate_moves or 0) > 0
                else ""
            )
            return (
                "Inflation sets the real yield that the valuation ranges are conditioned on"
                f"{cut}; a hot print has ended rallies before."
            )
        if s in _LABOUR:
            return (
                "The labour market is the Fed's other mandate: a weak report raises the odds of "
                "cuts and of slower earnings, a strong one the reverse."
            )
        if s in _GROWTH:
            eps = (
                " the earnings growth the thesis assumes and"
                if ctx.eps_growth_pct is not None
                else ""
            )
            return f"Growth drives{eps} the recession risk that ended past easing-cycle rallies."
        return "A scheduled release imported as relevant to this thesis."
    if kind == "earnings":
        own = subject.upper() == ctx.subject.upper()
        if own:
            return "The company's own results: the largest scheduled move for this thesis."
        if subject.upper() in ctx.tickers:
            eps = (
                ", against the earnings growth the thesis assumes"
                if ctx.eps_growth_pct is not None
                else ""
            )
            return f"A constituent of the index: its results and guidance feed its earnings{eps}."
        return (
            "Results imported for this thesis: they bear on it through the earnings of the "
            "market it covers."
        )
    if kind == "filing":
        return (
            "A filing: the figures it reported are public from this day, and the store's "
            "fundamentals count them from it."
        )
    return "An event imported as relevant to this thesis."


def _label(kind: str, subject: str, detail: dict[str, Any]) -> str:
    lab = str(detail.get("label") or "")
    if kind == "fomc_meeting":
        return "FOMC decision" if subject != "unscheduled" else "FOMC intermeeting action"
    if kind == "release":
        lab = lab or _RELEASE_LABELS.get(subject, subject.replace("_", " "))
    elif kind in ("earnings", "filing"):
        lab = lab or f"{subject} {_KIND_WORDS[kind]}"
    # labels are quoted in generated text, which must carry no number that is not a fact
    return lab if lab and not re.search(r"\d", lab) else _KIND_WORDS.get(kind, "event").capitalize()


def _decision_words(detail: dict[str, Any]) -> str | None:
    action = str(detail.get("action") or "").upper()
    return {"LOWER": "rate cut", "RAISE": "rate hike", "KEEP": "rates held"}.get(action)


def _source(kind: str, frame: pd.DataFrame) -> Source | None:
    if frame.empty:
        return None
    d = pd.to_datetime(frame["date"])
    provs = sorted({str(p) for p in frame.get("provider", pd.Series(dtype=object)).dropna()})
    return Source(
        series=f"events:{kind}",
        provider=",".join(provs) or "store",
        start=str(d.min().date()),
        end=str(d.max().date()),
        content_hash=content_hash(d.to_numpy(), frame["subject"].astype(str).to_numpy()),
        rows=len(frame),
    )


# --------------------------------------------------------------------------------------- analysis
def key_dates_from_events(
    scheduled: pd.DataFrame,
    happened: pd.DataFrame,
    *,
    context: ThesisContext,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
) -> KeyDatesResult:
    """The key dates in ``[start, end]`` from event frames (pure).

    Parameters
    ----------
    scheduled
        Events announced ahead and dated after ``context.as_of`` (``date``, ``kind``, ``subject``,
        ``detail``, optional ``provider``), as :meth:`StoreView.schedule` returns them.
    happened
        Events dated on or before ``context.as_of``, as :meth:`StoreView.events` returns them
        (``fomc_decision`` rows annotate the meetings of the same day).
    context
        The thesis.
    start, end
        The window; default the day after ``as_of`` to the horizon.

    Returns
    -------
    KeyDatesResult

    Raises
    ------
    AnalysisError
        ``end`` before ``start``.
    """
    as_of = context.as_of
    s = pd.Timestamp(start).date() if start is not None else as_of + dt.timedelta(days=1)
    e = pd.Timestamp(end).date() if end is not None else context.horizon
    if e < s:
        raise AnalysisError(
            f"the key-dates window ends ({e}) before it starts ({s})",
            where="--from/--to",
            fix="give an end date on or after the start date",
        )
    out: list[KeyDate] = []
    sources: list[Source] = []
    decisions: dict[dt.date, dict[str, Any]] = {}
    if not happened.empty:
        dec = happened[happened["kind"] == "fomc_decision"]
        for _, r in dec.iterrows():
            decisions[pd.Timestamp(r["date"]).date()] = _detail(r.get("detail"))
    frames = (
        (scheduled, False),
        (happened, True),
    )
    for frame, past in frames:
        if frame is None or frame.empty:
            continue
        f = frame[frame["kind"].isin(KINDS)].copy()
        f["day"] = pd.to_datetime(f["date"]).dt.date
        f = f[(f["day"] >= s) & (f["day"] <= e)]
        f = f[(f["day"] <= as_of)] if past else f[(f["day"] > as_of)]
        if not past:
            # past filings matter; scheduled ones are not known ahead and none should be here
            f = f[f["kind"] != "filing"]
        for kind in KINDS:
            src = _source(kind, f[f["kind"] == kind])
            if src is not None:
                sources.append(src)
        for _, r in f.iterrows():
            kind, subject = str(r["kind"]), str(r["subject"] or "")
            det = _detail(r.get("detail"))
            day = r["day"]
            outcome = _decision_words(decisions[day]) if past and day in decisions else None
            out.append(
                KeyDate(
                    date=day,
                    kind=kind,
                    subject=subject,
                    title=str(det.get("title") or _label(kind, subject, det)),
                    label=_label(kind, subject, det),
                    why=_why(kind, subject, context, past),
                    tentative=_tentative(det) and not past,
                    past=past,
                    time=det.get("time"),
                    tz=det.get("tz"),
                    outcome=outcome,
                    source=str(det.get("source") or r.get("provider") or ""),
                )
            )
    order = {k: i for i, k in enumerate(KINDS)}
    out.sort(key=lambda d: (d.date, order.get(d.kind, 9), d.subject))
    notes: list[str] = []
    ahead = [d for d in out if not d.past]
    if not any(d.kind == "release" for d in ahead) and e > as_of:
        notes.append(
            "No release calendar (CPI, jobs, GDP) is in the store for this window; import one "
            "with `thesis events import FILE.ics`."
        )
    if any(d.tentative and d.kind == "fomc_meeting" for d in ahead):
        notes.append("Some FOMC dates are from the Fed's tentative schedule and may still move.")
    if any(d.tentative and d.kind != "fomc_meeting" for d in ahead):
        notes.append("Some release or earnings dates are marked tentative by their source.")
    return KeyDatesResult(context, s, e, tuple(out), tuple(sources), tuple(notes))


def key_dates(
    view: StoreView,
    context: ThesisContext,
    *,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
) -> KeyDatesResult:
    """The key dates of a thesis, read through ``view`` (its ``as_of`` must be the thesis's).

    Scheduled events after ``as_of`` come from :meth:`StoreView.schedule` (only kinds announced
    ahead); events on or before it from :meth:`StoreView.events`. See
    :func:`key_dates_from_events` for the window and the result.
    """
    if view.date != context.as_of:
        raise AnalysisError(
            f"the view is as of {view.date} but the thesis is as of {context.as_of}",
            where="key_dates",
            fix="read through store.view(thesis.as_of)",
        )
    e = pd.Timestamp(end).date() if end is not None else context.horizon
    s = pd.Timestamp(start).date() if start is not None else None
    scheduled = view.schedule(None, end=e)
    happened = (
        view.events(None, start=s)
        if s is not None and s <= context.as_of
        else view.events(None, start=context.as_of).iloc[0:0]
    )
    return key_dates_from_events(scheduled, happened, context=context, start=start, end=e)
