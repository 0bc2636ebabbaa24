"""The article's "Key dates" section: the scheduled days inside the horizon that bear on the thesis.

Built from a :class:`~thesis.analysis.keydates.KeyDatesResult` with the narrative's blocks
(:class:`~thesis.writing.narrative.Section`, ``Sentence``, ``Part``, ``Table``): every date and count
is a fact part (``keydates.*``, ``fed.thesis_cuts``), the words come from the analysis's
``why`` (which holds no numbers), so the section passes the same rule as the rest of the article —
no number that is not a fact.

>>> sec = key_dates_section(result, facts)     # doctest: +SKIP
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from thesis.facts import Fact, FactSheet
from thesis.writing.format import fmt
from thesis.writing.narrative import Part, Section, Sentence, Table

if TYPE_CHECKING:
    from thesis.analysis.keydates import KeyDate, KeyDatesResult

__all__ = ["key_dates_section"]

_KIND_PLURAL = {
    "fomc_meeting": ("FOMC decision", "FOMC decisions"),
    "release": ("scheduled data release", "scheduled data releases"),
    "earnings": ("earnings date", "earnings dates"),
}
#: at most this many rows in the table of dates ahead (the calendar file has them all)
MAX_ROWS = 24


def _part(facts: FactSheet, fid: str, style: str = "default") -> Part:
    return Part(fmt(facts[fid], style=style), fid)


def _words(text: str) -> str:
    """Text that may appear as plain words: digits are left out (the rule for generated text)."""
    return text if not re.search(r"\d", text) else re.sub(r"\s*\S*\d\S*", "", text).strip()


def _plural(facts: FactSheet, kind: str) -> list[Part]:
    fid = f"keydates.count.{kind}"
    one, many = _KIND_PLURAL[kind]
    n = facts[fid].value
    return [_part(facts, fid), Part(f" {one if n == 1 else many}")]


def _event_cell(d: KeyDate) -> tuple[Part, ...]:
    label = _words(d.label) or d.kind.replace("_", " ")
    if d.tentative:
        label += " (tentative)"
    if d.outcome:
        label += f": {_words(d.outcome)}"
    return (Part(label),)


def _table(key: str, caption: str, dates: list[KeyDate], facts: FactSheet) -> Table:
    """Date, event and why it matters; a reason already given for an earlier row points back to
    it ("As for the first FOMC decision above."): twelve FOMC rows need not repeat one paragraph
    twelve times."""
    header = ((Part("Date"),), (Part("Event"),), (Part("Why it matters for this thesis"),))
    rows = []
    first: dict[str, str] = {}  # reason → the event it was first given for
    for d in dates:
        why = _words(d.why)
        label = _words(d.label) or d.kind.replace("_", " ")
        text = f"As for the first {first[why]} above." if why in first else why
        first.setdefault(why, label)
        rows.append(((_part(facts, d.fact_id, "short"),), _event_cell(d), (Part(text),)))
    return Table(key, caption, header, tuple(rows))


def key_dates_section(result: KeyDatesResult, facts: FactSheet | None = None) -> Section:
    """The "Key dates" section.

    Parameters
    ----------
    result
        The thesis's key dates (:func:`thesis.analysis.keydates.key_dates`).
    facts
        The article's facts; ``result.facts()`` are added where missing. ``fed.thesis_cuts`` and
        ``fed.thesis_cut_bp``, when present, let the section restate the rate path it tests.

    Returns
    -------
    Section
        Key ``keydates``: a paragraph on what lies ahead, a table of the dates ahead (at most
        :data:`MAX_ROWS`; the calendar file lists all), and one of the past dates in the window
        when it starts before ``as_of``.
    """
    sheet = FactSheet(list(facts) if facts is not None else [])
    sheet.extend(f for f in result.facts() if f.id not in sheet)
    sec = Section("keydates", "Key dates")
    para: list[Sentence] = []
    ahead = list(result.upcoming)
    if not ahead:
        para.append(
            Sentence(
                "keydates.none",
                (
                    Part("No scheduled event between "),
                    _part(sheet, "keydates.window_start"),
                    Part(" and "),
                    _part(sheet, "keydates.window_end"),
                    Part(
                        " is in the store. Import release and earnings calendars with the "
                        "command thesis events import FILE.ics to list them here."
                    ),
                ),
            )
        )
        sec.paragraphs.append(para)
    else:
        kinds = [k for k in _KIND_PLURAL if f"keydates.count.{k}" in sheet]
        listed: list[Part] = []
        for i, k in enumerate(kinds):
            if i:
                listed.append(Part(", " if i < len(kinds) - 1 else " and "))
            listed += _plural(sheet, k)
        para.append(
            Sentence(
                "keydates.overview",
                (
                    Part("Between "),
                    _part(sheet, "keydates.window_start"),
                    Part(" and "),
                    _part(sheet, "keydates.window_end"),
                    Part(f" the calendar holds {'' if listed else 'these '}"),
                    *listed,
                    Part(" that bear on this thesis."),
                ),
            )
        )
        if "keydates.next.fomc_meeting" in sheet:
            parts: list[Part] = [
                Part("The next FOMC decision is due on "),
                _part(sheet, "keydates.next.fomc_meeting"),
            ]
            for move in ("cut", "hike"):
                count: Fact | None = sheet.get(f"fed.thesis_{move}s")
                if count is None or not count.is_numeric or not count.value:
                    continue
                n = count.value
                parts += [Part("; the thesis counts on "), _part(sheet, f"fed.thesis_{move}s")]
                if f"fed.thesis_{move}_bp" in sheet:
                    parts += [
                        Part(f" {move}{'s' if n != 1 else ''} of "),
                        _part(sheet, f"fed.thesis_{move}_bp"),
                    ]
                else:
                    parts.append(Part(f" {move}{'s' if n != 1 else ''}"))
                parts.append(Part(" before its horizon"))
                break
            parts.append(Part("."))
            para.append(Sentence("keydates.next_fomc", tuple(parts)))
        tentative = sheet["keydates.tentative_count"].value
        if tentative:
            para.append(
                Sentence(
                    "keydates.tentative",
                    (
                        _part(sheet, "keydates.tentative_count"),
                        Part(
                            f" of these date{'s are' if tentative != 1 else ' is'} from a "
                            "tentative schedule and may still move."
                        ),
                    ),
                )
            )
        if not any(d.kind == "release" for d in ahead):
            para.append(
                Sentence(
                    "keydates.no_releases",
                    (
                        Part(
                            "No release calendar (inflation, jobs, growth) is in the store for "
                            "this window; the command thesis events import FILE.ics adds one."
                        ),
                    ),
                )
            )
        sec.paragraphs.append(para)
        sec.tables.append(
            _table("keydates.ahead", "Scheduled dates ahead", ahead[:MAX_ROWS], sheet)
        )
        if len(ahead) > MAX_ROWS:
            sec.paragraphs.append(
                [
                    Sentence(
                        "keydates.more",
                        (Part("The table shows the first dates; the calendar file lists all."),),
                    )
                ]
            )
    past = list(result.past)
    if past:
        sec.tables.append(
            _table("keydates.past", "In the window, before the analysis date", past, sheet)
        )
    return sec
