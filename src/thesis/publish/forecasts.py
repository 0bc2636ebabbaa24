"""The probabilities a run published, read from its ``facts.json``: the one place that reads them.

A probability forecast is a fact with unit ``probability`` whose id :func:`thesis.ids.parse_level_fact`
reads as a per-level event (``{series}.p_{event}.{level}.{method}``, see ``docs/fact-ids.md``):

==========================  =====================================================
event                       meaning
==========================  =====================================================
``touch``                   the series touches the level before the horizon (from the side it starts on)
``close_above``             the close on the horizon is at or above the level
``close_below``             the close on the horizon is at or below the level
==========================  =====================================================

The GBM closed forms are forecasts too (method ``gbm_closed``). Standard errors and the zero-drift
counterfactuals are not, and are left out, as is every probability of another structure
(percentiles, shares, a stock's odds of a gain) and the ``drawdown`` event, whose resolution needs
the drawdown's reference (the current level or the high) that the id does not carry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from thesis import ids

__all__ = [
    "RESOLVABLE",
    "Forecast",
    "level_from_key",
    "parse_probability_id",
    "published_forecasts",
    "run_subject",
]

#: events the track record can resolve from closes alone
RESOLVABLE = ("touch", "close_above", "close_below")


def level_from_key(key: str) -> float:
    """Invert :func:`thesis.facts.level_key`: ``"6900"`` → 6900.0, ``"4500_5"`` → 4500.5,
    ``"m2"`` → -2.0."""
    sign = -1.0 if key.startswith("m") else 1.0
    return sign * float(key.lstrip("m").replace("_", "."))


def parse_probability_id(fact_id: str) -> tuple[str, str, str, str] | None:
    """``(series, event, level key, method)`` of a forecast id, or ``None`` for any other id.

    >>> parse_probability_id("sp500.p_touch.6900.gbm")
    ('sp500', 'touch', '6900', 'gbm')
    >>> parse_probability_id("sp500.p_close_above_closed.7269.gbm")
    ('sp500', 'close_above', '7269', 'gbm_closed')
    >>> parse_probability_id("sp500.p_touch_se.6900.gbm") is None
    True
    """
    lf = ids.parse_level_fact(fact_id)
    if lf is None or lf.se or lf.zero_drift or lf.event not in RESOLVABLE:
        return None
    try:
        level_from_key(lf.level_key)
    except ValueError:
        return None
    return lf.subject, lf.event, lf.level_key, lf.method + ("_closed" if lf.closed_form else "")


def run_subject(facts: Iterable[Mapping[str, Any]]) -> str | None:
    """The series a run is about: the prefix of its ``{series}.horizon_date`` fact."""
    for f in facts:
        fid = str(f.get("id", ""))
        subject = fid.split(".", 1)[0]
        if f.get("unit") == "date" and fid == ids.horizon(subject, "date"):
            return subject
    return None


@dataclass(frozen=True)
class Forecast:
    """One published probability.

    Attributes
    ----------
    run
        The run that published it (its folder name).
    series
        The series it is about.
    event
        ``touch``, ``close_above`` or ``close_below``.
    level
        The level, in the series' unit; ``level_key`` as written in the id.
    method
        The method that computed it (``gbm``, ``bootstrap``, ``garch``, ``gbm_closed``...).
    probability
        In [0, 1].
    as_of, horizon
        The analysis date and the date by which it resolves.
    start_level
        The series' level on ``as_of`` (a touch is of the level from the side it starts on).
    published
        When the run was made (``created_at`` of its manifest).
    hindsight
        True when the run could know what followed (the store held later data, or it was made
        long after ``as_of``): such a forecast is scored but kept out of the live record.
    fact_id
        The fact it was read from.
    """

    run: str
    series: str
    event: str
    level: float
    level_key: str
    method: str
    probability: float
    as_of: dt.date
    horizon: dt.date
    start_level: float | None
    published: dt.datetime | None
    hindsight: bool
    fact_id: str

    @property
    def key(self) -> tuple[str, str, str, str, str, str]:
        """What makes two forecasts the same one (a run repeated on the same date)."""
        return (
            self.series,
            self.as_of.isoformat(),
            self.horizon.isoformat(),
            self.event,
            self.level_key,
            self.method,
        )


def _date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _datetime(value: Any) -> dt.datetime | None:
    if not value:
        return None
    try:
        t = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return t if t.tzinfo else t.replace(tzinfo=dt.UTC)


def published_forecasts(
    facts: Iterable[Mapping[str, Any]],
    manifest: Mapping[str, Any],
    *,
    run: str,
    hindsight_days: int = 7,
) -> list[Forecast]:
    """Every probability forecast in a run's facts.

    Parameters
    ----------
    facts
        The run's ``facts.json`` (a list of fact dicts).
    manifest
        Its ``manifest.json`` (``as_of``, ``horizon``, ``created_at``, ``scorecard_data``).
    run
        The run's name.
    hindsight_days
        A run made more than this many days after its ``as_of`` counts as made with hindsight.

    Returns
    -------
    list of Forecast
        In the order of the facts; empty when the run has none.
    """
    facts = list(facts)
    subject = run_subject(facts)
    by_id = {str(f.get("id")): f for f in facts}
    as_of = _date(manifest.get("as_of"))
    horizon = _date(by_id.get(ids.horizon(str(subject), "date"), {}).get("value")) or _date(
        manifest.get("horizon")
    )
    if as_of is None or horizon is None:
        return []
    created = _datetime(manifest.get("created_at"))
    hindsight = bool(manifest.get("scorecard_data")) or (
        created is not None and (created.date() - as_of).days > hindsight_days
    )
    out: list[Forecast] = []
    for f in facts:
        if f.get("unit") != "probability":
            continue
        parsed = parse_probability_id(str(f.get("id", "")))
        value = f.get("value")
        if parsed is None or isinstance(value, bool) or not isinstance(value, int | float):
            continue
        series, event, lkey, method = parsed
        lvl = by_id.get(ids.level(series), {}).get("value")
        out.append(
            Forecast(
                run=run,
                series=series,
                event=event,
                level=level_from_key(lkey),
                level_key=lkey,
                method=method,
                probability=float(value),
                as_of=_date(f.get("as_of")) or as_of,
                horizon=horizon,
                start_level=float(lvl) if isinstance(lvl, int | float) else None,
                published=created,
                hindsight=hindsight,
                fact_id=str(f["id"]),
            )
        )
    return out
