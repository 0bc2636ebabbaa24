"""Facts: every number the system says, with where it came from.

A :class:`Fact` is one number (or date, or short label) with a stable dotted id, an explicit unit,
the ``as_of`` date it was computed for, the method that produced it, and the lineage of its
inputs (:class:`Source`: series, provider, window and content hash).

Units are explicit strings. The conventions:

``points``       index points
``pct``          percent, written as a percent number (1.28 means 1.28 %)
``pp``           percentage points (a difference of two percents)
``probability``  a probability in [0, 1]
``bp``           basis points
``ratio``        a plain ratio (a P/E of 22.5, a Sharpe ratio)
``usd``          US dollars
``days``         calendar or trading days (the fact's method says which)
``count``        a count
``date``         an ISO date, stored as a string
``bool``         true or false
``label``        a short text label (a regime name)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np

__all__ = ["UNITS", "Fact", "FactSheet", "Source", "content_hash", "level_key"]

UNITS = frozenset(
    {
        "points",
        "pct",
        "pp",
        "probability",
        "bp",
        "ratio",
        "usd",
        "days",
        "count",
        "date",
        "bool",
        "label",
        "years",
        "months",
    }
)

FactValue = float | int | str | bool | None


def level_key(level: float) -> str:
    """A level as written in fact ids: ``6900.0`` → ``"6900"``, ``4500.5`` → ``"4500_5"``.

    The one rule for levels in ids (``sp500.p_touch.6900.gbm``); a minus sign becomes ``m``.
    """
    x = float(level)
    if x.is_integer():
        return str(int(x)).replace("-", "m")
    return repr(x).replace(".", "_").replace("-", "m")


def content_hash(*arrays: Any) -> str:
    """Short sha256 of the bytes of the given arrays (index and values), for lineage."""
    h = hashlib.sha256()
    for a in arrays:
        arr = np.ascontiguousarray(np.asarray(a))
        if arr.dtype == object:
            h.update("|".join(map(str, arr.tolist())).encode())
        else:
            h.update(arr.tobytes())
    return h.hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Source:
    """Lineage of one input: which series, from which provider, over which window."""

    series: str
    provider: str
    start: str | None
    end: str | None
    content_hash: str
    rows: int = 0
    origin: str | None = None  # file, URL or package loader the data came from

    def to_dict(self) -> dict[str, Any]:
        # every field is a scalar: a plain dict in field order (dataclasses.asdict deep-copies,
        # which dominated writing facts.json for a run's thousands of facts)
        return {
            "series": self.series,
            "provider": self.provider,
            "start": self.start,
            "end": self.end,
            "content_hash": self.content_hash,
            "rows": self.rows,
            "origin": self.origin,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Source:
        return cls(**d)


@dataclass(frozen=True, slots=True)
class Fact:
    """One traced number.

    Parameters
    ----------
    id
        Stable dotted path: subject, measure, level, method (``sp500.p_touch.6900.gbm``).
    value
        The number (float/int), or an ISO date string (unit ``date``), a bool or a short label.
    unit
        One of :data:`UNITS`.
    as_of
        The analysis date (ISO); nothing after it was used, except for ``scorecard.*`` facts.
    method
        How it was computed, in words a reader understands ("GBM Monte Carlo, 100,000 paths").
    lineage
        The inputs' sources.
    label
        A short human description ("probability of touching 6,900 before 2026-12-31").
    """

    id: str
    value: FactValue
    unit: str
    as_of: str
    method: str
    lineage: tuple[Source, ...] = ()
    label: str = ""
    decimals: int | None = None  # preferred display precision; the writer may choose otherwise

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise ValueError(
                f"fact {self.id!r}: unknown unit {self.unit!r}; use one of {sorted(UNITS)}"
            )
        v = self.value
        if isinstance(v, np.generic):
            object.__setattr__(self, "value", v.item())
            v = self.value
        if isinstance(v, float) and not math.isfinite(v):
            raise ValueError(
                f"fact {self.id!r}: value {v} is not finite; report missing data instead"
            )
        if self.unit == "probability" and isinstance(v, int | float) and not 0.0 <= float(v) <= 1.0:
            raise ValueError(f"fact {self.id!r}: probability {v} outside [0, 1]")

    @property
    def is_numeric(self) -> bool:
        return isinstance(self.value, int | float) and not isinstance(self.value, bool)

    @property
    def number(self) -> float | None:
        """The value as a float when it is a number (:attr:`is_numeric`), else ``None``."""
        v = self.value
        return float(v) if isinstance(v, int | float) and not isinstance(v, bool) else None

    def window(self) -> str:
        """The data windows of the inputs, as text ("sp500 2016-02-12..2025-11-26")."""
        return "; ".join(f"{s.series} {s.start}..{s.end}" for s in self.lineage)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "value": self.value,
            "unit": self.unit,
            "as_of": self.as_of,
            "method": self.method,
            "label": self.label,
            "decimals": self.decimals,
            "lineage": [s.to_dict() for s in self.lineage],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Fact:
        return cls(
            id=d["id"],
            value=d["value"],
            unit=d["unit"],
            as_of=d["as_of"],
            method=d["method"],
            lineage=tuple(Source.from_dict(s) for s in d.get("lineage", ())),
            label=d.get("label", ""),
            decimals=d.get("decimals"),
        )


@dataclass
class FactSheet:
    """An ordered, id-unique collection of facts."""

    _facts: dict[str, Fact] = field(default_factory=dict)

    def __init__(self, facts: Iterable[Fact] = ()) -> None:
        self._facts = {}
        self.extend(facts)

    def add(self, fact: Fact) -> Fact:
        old = self._facts.get(fact.id)
        if old is not None and old != fact:
            raise ValueError(f"fact id {fact.id!r} added twice with different content")
        self._facts[fact.id] = fact
        return fact

    def extend(self, facts: Iterable[Fact]) -> None:
        for f in facts:
            self.add(f)

    def __getitem__(self, fact_id: str) -> Fact:
        try:
            return self._facts[fact_id]
        except KeyError:
            from thesis.errors import nearest

            hint = nearest(fact_id, self._facts)
            raise KeyError(
                f"no fact {fact_id!r}" + (f"; nearest: {', '.join(hint)}" if hint else "")
            ) from None

    def get(self, fact_id: str) -> Fact | None:
        return self._facts.get(fact_id)

    def __contains__(self, fact_id: object) -> bool:
        return fact_id in self._facts

    def __iter__(self) -> Iterator[Fact]:
        return iter(self._facts.values())

    def __len__(self) -> int:
        return len(self._facts)

    def ids(self) -> list[str]:
        return list(self._facts)

    def prefixed(self, prefix: str) -> list[Fact]:
        return [f for f in self._facts.values() if f.id.startswith(prefix)]

    def value(self, fact_id: str) -> FactValue:
        return self[fact_id].value

    def to_list(self) -> list[dict[str, Any]]:
        return [f.to_dict() for f in self._facts.values()]

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_list(), indent=indent, default=_json_default)

    @classmethod
    def from_json(cls, text: str) -> FactSheet:
        return cls(Fact.from_dict(d) for d in json.loads(text))


def _json_default(o: Any) -> Any:
    if isinstance(o, dt.date):
        return o.isoformat()
    if isinstance(o, np.generic):
        return o.item()
    raise TypeError(f"not JSON serialisable: {type(o)}")
