"""Hypothesis strategies for property tests: valid theses over any store.

:func:`thesis_texts` draws a thesis file (TOML text) about any daily price, index or yield in a
store, at a random ``as_of`` inside its history and a random horizon after it, with levels above
and below the close (thresholds, targets, levels with their own events and dates), drawdowns for a
price, a rate path by count or by meeting, and with and without each optional table. The theses
are *valid as written*; whether the store can answer all of them (a rate path longer than the
meetings it lists, a horizon past the calendar) is the system's to say, with a
:class:`~thesis.errors.ThesisError` that names the key.

Needs ``hypothesis`` (a test dependency); import this module only from tests.

>>> from hypothesis import given
>>> @given(text=thesis_texts(store))          # doctest: +SKIP
... def test_any_thesis(text): ...
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from hypothesis import strategies as st

from thesis.analysis.kinds import LOG_KINDS, RATE_KINDS

__all__ = ["subject_series", "thesis_texts", "to_toml"]

#: sessions of history a subject needs before ``as_of`` (GARCH needs 500 closes)
MIN_HISTORY = 520


def subject_series(store: Any, *, min_history: int = MIN_HISTORY) -> list[str]:
    """Daily prices, index levels and yields in ``store`` with enough history for a thesis."""
    out = []
    for sid in store.series_ids():
        info = store.info(sid)
        if info.frequency != "daily" or info.kind not in (LOG_KINDS | RATE_KINDS):
            continue
        if len(_closes(store, sid)) >= min_history + 20:
            out.append(sid)
    return sorted(out)


_CACHE: dict[tuple[int, str], pd.Series] = {}


def _closes(store: Any, series: str) -> pd.Series:
    key = (id(store), series)
    if key not in _CACHE:
        _CACHE[key] = store.get(series)
    return _CACHE[key]


def _round_level(x: float, rate: bool) -> float:
    if rate:
        return round(x, 2)
    if x >= 1000:
        return float(round(x, -1))
    if x >= 100:
        return float(round(x))
    return round(x, 2)


def _toml_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, int | float):
        return repr(float(v)) if isinstance(v, float) else str(v)
    if isinstance(v, str):
        return '"' + v.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    if isinstance(v, list | tuple):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    raise TypeError(f"cannot write {v!r} as TOML")


def to_toml(data: dict[str, Any]) -> str:
    """A thesis as TOML text: top-level keys, then tables and arrays of tables (one level deep
    below a table, as thesis files use)."""
    lines: list[str] = []
    tables: list[tuple[str, dict[str, Any]]] = []
    for k, v in data.items():
        if isinstance(v, dict):
            tables.append((k, v))
        else:
            lines.append(f"{k} = {_toml_value(v)}")
    for name, table in tables:
        lines += ["", f"[{name}]"]
        arrays = []
        for k, v in table.items():
            if isinstance(v, list) and v and isinstance(v[0], dict):
                arrays.append((k, v))
            else:
                lines.append(f"{k} = {_toml_value(v)}")
        for k, items in arrays:
            for item in items:
                lines += ["", f"[[{name}.{k}]]"]
                lines += [f"{ik} = {_toml_value(iv)}" for ik, iv in item.items()]
    return "\n".join(lines) + "\n"


_TITLE_WORDS = st.sampled_from(
    ["rally", "slump", "record", "rates", "yields", "gold", "tech", "recovery", "the Fed", "2026"]
)


@st.composite
def thesis_texts(
    draw: st.DrawFn,
    store: Any,
    *,
    series: Sequence[str] | None = None,
    n_paths: int = 1_000,
    hostile_titles: bool = True,
) -> str:
    """A thesis file (TOML text) about one of ``series`` (default: every subject the store holds).

    Parameters
    ----------
    store
        Any object with the Store read API.
    series
        The subjects to draw from; default :func:`subject_series`.
    n_paths
        Paths per method (small keeps a property test fast).
    hostile_titles
        Sometimes put Markdown, HTML and control characters in the title.
    """
    candidates = list(series) if series is not None else subject_series(store)
    # a kind first, then a series of it: the store holds dozens of prices and a few yields, and
    # each kind deserves its share of the examples
    by_kind: dict[str, list[str]] = {}
    for c in candidates:
        by_kind.setdefault(store.info(c).kind, []).append(c)
    kind = draw(st.sampled_from(sorted(by_kind)))
    sid = draw(st.sampled_from(by_kind[kind]))
    info = store.info(sid)
    rate = info.kind in RATE_KINDS
    closes = _closes(store, sid)
    i = draw(st.integers(MIN_HISTORY, len(closes) - 1))
    as_of = closes.index[i].date()
    close = float(closes.iloc[i])
    horizon = as_of + dt.timedelta(days=draw(st.integers(20, 550)))
    sd = float(np.std(np.diff(closes.to_numpy()[max(0, i - 252) : i + 1]), ddof=1)) if rate else 0.0

    def level() -> float:
        if rate:
            # within a few years' moves of the yield, either side
            move = draw(st.floats(-4.0, 4.0, allow_nan=False)) * max(sd, 0.02) * math.sqrt(252)
            return _round_level(close + move, True)
        return _round_level(close * math.exp(draw(st.floats(-0.6, 0.6, allow_nan=False))), False)

    index: dict[str, Any] = {"series": sid}
    if draw(st.booleans()):
        index["name"] = draw(st.sampled_from([sid.upper(), f"the {sid} series", info.name]))
    n_thr = draw(st.integers(0, 2))
    if n_thr:
        index["thresholds"] = sorted({level() for _ in range(n_thr)})
    targets = []
    for _ in range(draw(st.integers(0, 2))):
        t: dict[str, Any] = {"level": level()}
        if draw(st.booleans()):
            t["claimed_by"] = draw(st.sampled_from(["analysts", "the bulls", "a strategist"]))
        targets.append(t)
    if targets:
        index["targets"] = targets
    stated = []
    for _ in range(draw(st.integers(0, 2))):
        x: dict[str, Any] = {
            "level": level(),
            "event": draw(st.sampled_from(["touch", "close_above", "close_below"])),
        }
        if draw(st.booleans()) and (horizon - as_of).days > 10:
            x["by"] = as_of + dt.timedelta(days=draw(st.integers(5, (horizon - as_of).days)))
        stated.append(x)
    if stated:
        index["levels"] = stated
    if not rate and draw(st.booleans()):
        index["drawdowns"] = [
            {
                "pct": draw(st.sampled_from([5, 10, 15, 20, 30])),
                "from": draw(st.sampled_from(["high", "now"])),
            }
            for _ in range(draw(st.integers(1, 2)))
        ]
    words = draw(st.lists(_TITLE_WORDS, min_size=1, max_size=4))
    title = f"{sid} " + " ".join(words)
    if hostile_titles and draw(st.booleans()):
        title += draw(
            st.sampled_from(
                ["\n# heading", " ![x](https://e.example/x.png)", " <b>bold</b>", " *a* _b_ `c`"]
            )
        )
    data: dict[str, Any] = {
        "title": title,
        "as_of": as_of,
        "horizon": horizon,
        "seed": draw(st.integers(0, 2**31)),
        "index": index,
    }
    rates = draw(st.sampled_from(["none", "cuts", "hikes", "path"]))
    if rates == "cuts":
        data["rates"] = {"cuts": draw(st.integers(0, 4)), "cut_bp": draw(st.sampled_from([25, 50]))}
    elif rates == "hikes":
        data["rates"] = {"hikes": draw(st.integers(1, 4))}
    elif rates == "path":
        data["rates"] = {
            "path": draw(st.lists(st.sampled_from([-50, -25, 0, 25, 50]), min_size=1, max_size=4))
        }
    if draw(st.booleans()):
        data["earnings"] = {"eps_growth_pct": draw(st.sampled_from([0, 5, 10, 14]))}
    if draw(st.booleans()):
        data["compare"] = {"small_caps": "", "bonds": ""}
    space_methods = ["normal", "bootstrap", "garch"] if rate else ["gbm", "bootstrap", "garch"]
    analysis: dict[str, Any] = {"n_paths": n_paths, "calibrate": False}
    if draw(st.booleans()):
        analysis["methods"] = draw(
            st.lists(st.sampled_from(space_methods), min_size=1, max_size=3, unique=True)
        )
    data["analysis"] = analysis
    return to_toml(data)
