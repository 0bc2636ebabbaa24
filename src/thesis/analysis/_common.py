"""Input helpers the analyses share: timestamps, lineage, point-in-time trimming, tables.

Each rule is written once here so that every analysis applies the same one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import pandas as pd

from thesis.errors import AnalysisError
from thesis.facts import Source

SESSIONS_PER_YEAR = 252


def as_timestamp(value: object, what: str = "as_of") -> pd.Timestamp:
    """``value`` (a :data:`~thesis._types.DateLike`) as a tz-naive midnight
    :class:`pandas.Timestamp`, or an error naming ``what``."""
    if isinstance(value, pd.Timestamp | dt.date | dt.datetime | str | np.datetime64):
        try:
            ts = pd.Timestamp(value)
        except (ValueError, TypeError):
            ts = None
        # pd.Timestamp("NaT") is NaT, which is not a Timestamp instance
        if isinstance(ts, pd.Timestamp):
            return ts.tz_localize(None).normalize() if ts.tzinfo else ts.normalize()
    raise AnalysisError(
        f"{what} {value!r} is not a date",
        where=what,
        fix="write dates as YYYY-MM-DD (e.g. 2025-11-26)",
    )


def date_index(obj: pd.Series | pd.DataFrame, what: str = "series") -> pd.DatetimeIndex:
    """The index of a dated input as the :class:`pandas.DatetimeIndex` it is.

    For inputs that passed :func:`checked_series` or were built on dates; pandas-stubs type
    ``Series.index`` as a plain ``Index``, and this narrows it in one checked place.
    """
    idx = obj.index
    if not isinstance(idx, pd.DatetimeIndex):
        raise AnalysisError(
            f"the index is a {type(idx).__name__}, not a DatetimeIndex",
            where=what,
            fix="index the series by date (pd.to_datetime on the date column, then set_index)",
        )
    return idx


def period_index(obj: pd.Series | pd.DataFrame, what: str = "series") -> pd.PeriodIndex:
    """The index of ``obj`` as the :class:`pandas.PeriodIndex` it was built as (see
    :func:`date_index`)."""
    idx = obj.index
    if not isinstance(idx, pd.PeriodIndex):
        raise AnalysisError(
            f"the index is a {type(idx).__name__}, not a PeriodIndex",
            where=what,
            fix="index the series by period (index.to_period('M'))",
        )
    return idx


def series_id(s: pd.Series, default: str) -> str:
    """The store's series id from ``.attrs["source"]``, else the Series' name, else ``default``."""
    src = s.attrs.get("source") if hasattr(s, "attrs") else None
    if isinstance(src, Source):
        return src.series
    return str(s.name) if s.name is not None else default


def lineage_of(*series: pd.Series | None) -> tuple[Source, ...]:
    """Sources of the given inputs; inputs without a Source (hand-made data) contribute nothing."""
    out: list[Source] = []
    for s in series:
        if s is None:
            continue
        src = s.attrs.get("source")
        if isinstance(src, Source) and src not in out:
            out.append(src)
    return tuple(out)


def checked_series(
    s: object,
    *,
    name: str,
    positive: bool = False,
    allow_nan: bool = False,
    keep_attrs: bool = True,
) -> pd.Series:
    """Validate a dated numeric Series: DatetimeIndex, sorted, no duplicate dates.

    Parameters
    ----------
    s
        The input.
    name
        How the input is called in error messages (the argument name and series id).
    positive
        Prices: every value must be > 0.
    allow_nan
        Keep NaNs (they are dropped); otherwise a NaN is an error naming its date.
    keep_attrs
        Copy ``s.attrs`` (its Source) onto the result. An analysis that reads the lineage from its
        inputs passes False: pandas deep-copies ``attrs`` into every Series derived from the
        result, which on short series costs more than the arithmetic.
    """
    if not isinstance(s, pd.Series):
        raise AnalysisError(
            f"expected a pandas Series, got {type(s).__name__}",
            where=name,
            fix="pass one series, e.g. store.get('sp500')",
        )
    if not isinstance(s.index, pd.DatetimeIndex):
        raise AnalysisError(
            "the index is not a DatetimeIndex",
            where=name,
            fix="index the series by date (pd.to_datetime on the date column, then set_index)",
        )
    index = s.index  # a DatetimeIndex, checked above
    out = s.astype("float64")
    if index.tz is not None:
        out.index = index.tz_localize(None)
    if not out.index.is_monotonic_increasing:
        out = out.sort_index()
    if out.index.has_duplicates:
        dup = out.index[out.index.duplicated()][0]
        raise AnalysisError(
            f"duplicate date {dup.date()}", where=name, fix="keep one observation per date"
        )
    # numpy on the float64 values: the pandas calls cost more than the work on short series
    nan = np.isnan(out.to_numpy())
    if nan.any():
        if not allow_nan:
            first = out.index[int(nan.argmax())].date()
            raise AnalysisError(
                f"{int(nan.sum())} missing value(s), the first on {first}",
                where=name,
                fix="drop the missing rows (series.dropna()) or fill them before the analysis",
            )
        out = out[~nan]
    if positive and (out.to_numpy() <= 0).any():
        bad = out[out.to_numpy() <= 0]
        raise AnalysisError(
            f"non-positive price {bad.iloc[0]} on {bad.index[0].date()}",
            where=name,
            fix="prices must be > 0; check the series' unit (a return or a spread is not a price)",
        )
    out.attrs = dict(s.attrs) if keep_attrs else {}
    return out


def is_monthly(s: pd.Series) -> bool:
    """True when observations are about a month apart (dated at the start of their month)."""
    if len(s) < 3:
        return bool(len(s)) and all(d.day == 1 for d in s.index)
    gap = np.median(np.diff(s.index.to_numpy()).astype("timedelta64[D]").astype(int))
    return gap >= 27


def known_at(s: pd.Series, as_of: pd.Timestamp) -> pd.Series:
    """The part of ``s`` known on ``as_of``.

    Daily data: observations dated on or before ``as_of``. Monthly data (dated the first of the
    month, values describing the whole month): only complete months, those whose last day is on or
    before ``as_of``, so that a monthly average never includes days after ``as_of``.
    """
    if is_monthly(s):
        ends = date_index(s) + pd.offsets.MonthEnd(0)
        return s[ends <= as_of]
    return s[s.index <= as_of]


def value_on(s: pd.Series, when: pd.Timestamp) -> tuple[pd.Timestamp, float] | None:
    """The last observation dated on or before ``when`` (``None`` if there is none)."""
    idx = date_index(s)
    pos = int(idx.searchsorted(when, side="right")) - 1
    if pos < 0:
        return None
    return idx[pos], float(s.iloc[pos])


def fmt_num(x: float | None, decimals: int = 2) -> str:
    return "n/a" if x is None else f"{x:,.{decimals}f}"


def markdown_table(rows: Sequence[Sequence[str]], header: Sequence[str]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)
