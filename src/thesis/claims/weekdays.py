"""A bare weekday that falls most of a week before a day-dated article (issue 8).

A bare weekday ("American stocks finished Wednesday") is resolved to the latest such day on or
before the article's date. A daily story reports the latest session: at most four days back (a
weekend and a Monday or Friday holiday: "Thursday" in a Monday story after Good Friday). A weekday
five or six days back ("Wednesday" in a story dated Tuesday) is more often a wrong weekday, or an
article date a day off, than a story about a session most of a week old: in the case that
raised it, every figure of the story matched the article's own date to the cent. Such a day may
support the figures it dates, never contradict them, and the article's own date and the session
before it are read as well (:func:`far_weekday_reading`).
"""

from __future__ import annotations

import datetime as dt

from thesis.text.dates import DateMention

__all__ = ["FAR_WEEKDAY_DAYS", "far_weekday_reading", "month_weekday_days", "named_week_day"]

#: the fewest days between a bare weekday and the article's date that make the weekday doubtful:
#: a weekend and a holiday put the latest session at most four days back
FAR_WEEKDAY_DAYS = 5


def far_weekday_reading(
    d: DateMention | None, ref: dt.date | None
) -> tuple[str, tuple[dt.date, ...]] | None:
    """Why a bare weekday is too far back to contradict, and the days to read as well.

    Parameters
    ----------
    d
        The weekday mention that dates a claim.
    ref
        The article's date (a single day).

    Returns
    -------
    tuple or None
        ``(reason, days)``: the looseness of the ``date`` slot and the article's date and the
        weekday before it, read as well; ``None`` when ``d`` is not a bare weekday at least
        :data:`FAR_WEEKDAY_DAYS` days before ``ref``.
    """
    if d is None or ref is None or d.kind != "weekday" or d.first is None:
        return None
    back = (ref - d.first).days
    if back < FAR_WEEKDAY_DAYS:
        return None
    prev = ref - dt.timedelta(days=1)
    while prev.weekday() >= 5:
        prev -= dt.timedelta(days=1)
    why = (
        f"{d.text!r} falls {back} days before the article's date ({ref}): the weekday or the "
        "date may be wrong, so the article's date is read as well"
    )
    return why, (ref, prev)


#: words right before a day that make it name a week ("the week of November 8", "the week ended
#: Nov. 8", "the week ending Friday, Nov. 8")
_WEEK_OF = (("week", "of"), ("week", "ended"), ("week", "ending"), ("week", "through"))


def named_week_day(words_before: list[list[str]], days: list[DateMention]) -> dt.date | None:
    """The day a text names as its week ("closed the week of November 8, 2024"), or ``None``.

    Parameters
    ----------
    words_before
        For each mention of ``days``, the lower-case words right before it (at least two).
    days
        Day mentions of the claim's sentence and the sentence before it, in text order.

    Returns
    -------
    datetime.date or None
        The day of the last mention preceded by "week of/ended/ending/through"; ``None`` when no
        mention names a week, or two name different ones.
    """
    got = {
        d.first
        for d, w in zip(days, words_before, strict=True)
        if d.kind in ("day", "weekday") and d.first is not None and tuple(w[-2:]) in _WEEK_OF
    }
    return got.pop() if len(got) == 1 else None


def month_weekday_days(
    d: DateMention | None, window: tuple[dt.date, dt.date] | None, week_day: dt.date | None
) -> tuple[dt.date, ...] | None:
    """The days a bare weekday may mean in an article dated only to a month (issue 8).

    Under a header dated to a month ("# date: 2024-11"), the text layer resolves "Friday" to the
    last Friday on or before the month's end, which is one guess among several: the weekday is
    any such weekday of the month, or the one in the week the text names just before ("closed the
    week of November 8, 2024, on a high note ... rose 0.4% on Friday"). Each is a literal
    reading, so a contradiction must hold on all of them, and the evidence names the day that fit.

    Parameters
    ----------
    d
        The weekday mention that dates a claim.
    window
        The article's date window; a month window (first day before last) makes the weekday
        ambiguous.
    week_day
        A day of the week the text names just before (:func:`named_week_day`), or ``None``.

    Returns
    -------
    tuple of datetime.date or None
        The candidate days, the named week's first; ``None`` when ``d`` is not a bare weekday or
        the article's date is a single day.
    """
    if d is None or d.kind != "weekday" or d.weekday is None or window is None:
        return None
    a, b = window
    if a == b:
        return None
    if week_day is not None:
        # the stated weekday of the named week (Monday to Sunday)
        return (week_day + dt.timedelta(days=d.weekday - week_day.weekday()),)
    first = a + dt.timedelta(days=(d.weekday - a.weekday()) % 7)
    out = []
    while first <= b:
        out.append(first)
        first += dt.timedelta(days=7)
    return tuple(reversed(out)) or None
