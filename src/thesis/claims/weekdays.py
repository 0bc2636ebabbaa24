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

__all__ = ["FAR_WEEKDAY_DAYS", "far_weekday_reading"]

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
