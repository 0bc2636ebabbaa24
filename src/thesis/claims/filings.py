"""Verdicts on a company's filed fundamentals (the frames of :mod:`thesis.claims.fundamentals`).

The store holds, per ticker, the EDGAR series ``{t}_{item}_q`` and ``{t}_{item}_fy`` (USD; each
row dated at its fiscal period's end and released on its filing date), so the point-in-time read
as of the article's date holds exactly what had been filed by then.

A quarter named in words is read in every convention its words allow: "Q3" is the company's
fiscal third quarter *and* the calendar third quarter unless the words say "fiscal" (or write the
year as "FY2026") or "calendar"; fiscal year ``Y`` is the one that ends in ``Y`` (Microsoft's FY2026
ends on 2026-06-30, so its Q1 FY2026 ends on 2025-09-30, calendar Q3 2025). The company's fiscal
year end is the month its filed fiscal years end in. A claim is supported when one reading fits,
contradicted only when every reading has data and disagrees beyond the tolerance; a period filed
after the article's date is unverifiable, and the evidence says when it was filed.

Tolerances: a scaled dollar amount accepts its stated precision ("$77.7 billion": ± 0.05 billion)
and is contradicted beyond twice that (at least 0.2 % of the figure); "about" widens it to ± 2 %.
A year-over-year rate accepts ± 0.5 pp (or its stated precision, if coarser) and is contradicted
beyond 1 pp more; hedged rates take the percent bands of :func:`thesis.claims.tolerance.pct_band`.
Capital expenditure is filed as cash paid for property and equipment; companies often quote it
with finance leases added, so a stated figure *above* the filed one is never contradicted.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from typing import Any

from thesis.claims.frames import Claim
from thesis.claims.fundamentals import ITEMS
from thesis.claims.judge import Outcome
from thesis.claims.market import Market, Series, add_months
from thesis.claims.tolerance import Band, pct_band
from thesis.errors import DataError, SeriesNotFoundError

__all__ = ["fiscal_year_end_month", "judge_fundamental"]

_INF = float("inf")
_NEAR = 10  # days: a 52/53-week period ends within this of the month's end
_RECENT = 45  # days: an article this soon after a filing may call its quarter "the quarter"
_SCALES = {1e3: "thousand", 1e6: "million", 1e9: "billion", 1e12: "trillion"}

Target = tuple[str, str, dt.date]  # (label, "q" | "fy" | "cy", the period's nominal end)


def _month_end(y: int, m: int) -> dt.date:
    return add_months(dt.date(y, m, 1), 1) - dt.timedelta(days=1)


def _match(s: Series | None, end: dt.date) -> tuple[dt.date, float] | None:
    """The row of ``s`` whose date is within :data:`_NEAR` days of ``end``."""
    if s is None:
        return None
    i = bisect_left(s.dates, end - dt.timedelta(days=_NEAR))
    if i < len(s) and abs((s.dates[i] - end).days) <= _NEAR:
        return s.dates[i], s.values[i]
    return None


def _whole(m: Market, sid: str) -> Series | None:
    """Every row of ``sid`` the store holds, whenever filed (to tell "filed later" from "never")."""
    if m.store is None or not m.store.has(sid):
        return None
    try:
        dates, values = m.store.rows(sid)
    except (SeriesNotFoundError, DataError):
        return None
    return Series(dates, values) if dates else None


def _filed_on(m: Market, sid: str, day: dt.date) -> dt.date | None:
    """The day the row of ``sid`` dated ``day`` became public (a bisection on the store's
    point-in-time read: rows are cut from memory, so each probe is cheap)."""
    store = m.store
    assert store is not None

    def known(d: dt.date) -> bool:
        try:
            return day in store.rows(sid, as_of=day, known_on=d)[0]
        except (SeriesNotFoundError, DataError):
            return False

    lo, hi = day, day + dt.timedelta(days=800)
    if not known(hi):
        return None
    while lo < hi:
        mid = lo + (hi - lo) // 2
        if known(mid):
            hi = mid
        else:
            lo = mid + dt.timedelta(days=1)
    return lo


def fiscal_year_end_month(years: Series | None) -> int | None:
    """The month a company's fiscal years end in, from its filed fiscal years (a 52/53-week
    year ending in the first week of a month counts for the month before), or ``None``."""
    if years is None:
        return None
    months = Counter(
        (d - dt.timedelta(days=7)).month if d.day <= 7 else d.month for d in years.dates
    )
    return months.most_common(1)[0][0]


def _latest(end_of: Callable[[int], dt.date], as_of: dt.date) -> int:
    """The latest year ``y`` whose period (``end_of(y)``) had ended by ``as_of``."""
    y = as_of.year + 1
    while end_of(y) > as_of:
        y -= 1
    return y


def _targets(
    c_extra: dict[str, Any], fe: int | None, as_of: dt.date, known_q: Series | None
) -> tuple[list[Target], str]:
    """The periods the words may mean, literal readings all, and why a fiscal reading is missing
    (no filed fiscal year to tell the company's calendar)."""
    out: list[Target] = []
    note = ""
    annual = bool(c_extra.get("annual"))
    fiscal, calendar = bool(c_extra.get("fiscal")), bool(c_extra.get("calendar"))
    ended = c_extra.get("ended")
    kind = "fy" if annual else "q"
    if ended is not None:
        yr, mon, day = ended

        def at(y: int) -> dt.date:
            return dt.date(y, mon, min(day, _month_end(y, mon).day))

        y = yr if yr is not None else _latest(at, as_of)
        out.append((f"the {'year' if annual else 'quarter'} ended {at(y)}", kind, at(y)))
        return out, note
    if c_extra.get("latest") and not annual:
        if known_q is not None:
            out.append((f"the latest quarter filed (ended {known_q.last})", "q", known_q.last))
        return out, note
    n = c_extra.get("q")
    year = c_extra.get("year")
    if not calendar:
        if fe is None:
            note = "the store holds no filed fiscal year to tell the company's fiscal calendar"
        else:
            fe_m: int = fe

            def fiscal_end(y: int) -> dt.date:
                if n is None:
                    return _month_end(y, fe_m)
                back = add_months(dt.date(y, fe_m, 1), -3 * (4 - int(n)))
                return _month_end(back.year, back.month)

            y = int(year) if year is not None else _latest(fiscal_end, as_of)
            label = f"fiscal {'year' if n is None else f'Q{n}'} FY{y} (ended {fiscal_end(y)})"
            out.append((label, kind, fiscal_end(y)))
    if not fiscal:

        def cal_end(y: int) -> dt.date:
            return _month_end(y, 12 if n is None else 3 * int(n))

        if n is None and year is None:
            pass  # "the full year" with no year: the fiscal year
        else:
            y = int(year) if year is not None else _latest(cal_end, as_of)
            label = f"calendar {'year' if n is None else f'Q{n}'} {y}"
            k = "cy" if n is None else "q"
            if not any(abs((t[2] - cal_end(y)).days) <= _NEAR and t[1] in (k, "fy") for t in out):
                out.append((label, k, cal_end(y)))
            else:
                out = [(f"{t[0]}, {label}", t[1], t[2]) for t in out]
    return out, note


def _value(
    m: Market, sid_q: str, sid_fy: str, kind: str, end: dt.date
) -> tuple[float, dt.date, str] | str:
    """The filed value of the period ``kind`` ending near ``end`` as known on ``m.as_of``, its
    period end and its series, or why there is none."""
    if kind == "cy":
        # a calendar year of a company whose fiscal year ends in another month: its four quarters
        total = 0.0
        for k in range(4):
            q_end = _month_end(end.year, 3 * (k + 1))
            got = _value(m, sid_q, sid_fy, "q", q_end)
            if isinstance(got, str):
                return got
            total += got[0]
        return total, end, sid_q
    sid = sid_fy if kind == "fy" else sid_q
    row = _match(m.series(sid), end)
    if row is not None:
        return row[1], row[0], sid
    whole = _match(_whole(m, sid), end)
    if whole is not None:
        filed = _filed_on(m, sid, whole[0])
        when = f" (filed {filed})" if filed else ""
        return f"the period ended {whole[0]} was filed after the article's date {m.as_of}{when}"
    return f"the store holds no filed figure in {sid} for a period ending near {end}"


def _money(x: float, scale: float = 0.0) -> str:
    """A dollar amount in the stated scale word (by its size when none was stated)."""
    if scale <= 1.0:
        scale = max((k for k in _SCALES if k <= abs(x)), default=1.0)
    word = _SCALES.get(scale)
    if word is None:
        return f"${x:,.0f}"
    return f"${x / scale:,.3f} {word}"


def _level_band(
    stated: float, decimals: int, scale: float, comparator: str, hedge: str, capex: bool
) -> Band:
    tol = 0.5 * 10.0 ** (-decimals) * scale
    a = abs(stated)
    if comparator == "~":
        w = max(tol, 0.02 * a)
        lo, hi, m_ = stated - w, stated + w, max(w, 0.01 * a)
        text = f"'{hedge}': ±2%"
    elif comparator == "<~":
        lo, hi, m_ = stated - 0.05 * a, stated + tol, max(tol, 0.01 * a)
        text = f"'{hedge}': up to 5% below"
    elif comparator in (">=", ">"):
        lo, hi, m_ = stated - tol, _INF, max(tol, 0.002 * a)
        text = f"'{hedge}': at least {_money(stated - tol, scale)}"
    elif comparator in ("<=", "<"):
        lo, hi, m_ = -_INF, stated + tol, max(tol, 0.002 * a)
        text = f"'{hedge}': at most {_money(stated + tol, scale)}"
    else:
        lo, hi, m_ = stated - tol, stated + tol, max(tol, 0.002 * a)
        text = f"stated precision ±{_money(tol, scale)} (contradicted beyond ±{_money(tol + m_, scale)})"
    c_lo = lo - m_
    if capex:
        c_lo = -_INF  # a stated figure above the cash paid may include finance leases
        text += (
            "; a capex figure above the filed cash payments is not contradicted (finance leases)"
        )
    return Band(lo, hi, c_lo, hi + m_, text)


def _rate_band(stated: float, decimals: int, comparator: str, hedge: str) -> Band:
    if comparator != "=":
        return pct_band(stated, decimals, comparator, hedge)
    tol = max(0.5, 0.5 * 10.0 ** (-decimals))
    return Band(stated - tol, stated + tol, stated - tol - 0.5, stated + tol + 0.5,
                f"±{tol:g}pp on a stated growth rate (contradicted beyond ±{tol + 0.5:g}pp)")  # fmt: skip


def judge_fundamental(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    """Judge a filed-fundamentals frame against the store as of the article's date (see the
    module docstring)."""
    subj = c.subject
    assert subj is not None
    item = str(c.extra.get("item"))
    name = ITEMS.get(item, item)
    sid_q, sid_fy = f"{subj.key}_{item}_q", f"{subj.key}_{item}_fy"
    settle = f"{subj.name}'s EDGAR filings (`thesis data update {subj.key.upper()}` with the edgar provider)"
    if m.store is None or not (m.store.has(sid_q) or m.store.has(sid_fy)):
        return Outcome(
            None, f"the store holds no EDGAR {name} series for {subj.name} ({sid_q})", settle=settle
        )
    change = c.extra.get("change")
    if change == "qoq":
        return Outcome(None, f"a change of {subj.name}'s {name} from the quarter before: the checker judges "
                       "reported levels and year-over-year changes only", settle="a year-over-year figure")  # fmt: skip
    fe = fiscal_year_end_month(_whole(m, sid_fy))
    targets, note = _targets(c.extra, fe, m.as_of, m.series(sid_q))
    if c.extra.get("latest") and not c.extra.get("annual") and targets:
        # "the quarter" names the latest filed one only in an article written soon after it
        filed = _filed_on(m, sid_q, targets[0][2])
        if filed is None or (m.as_of - filed).days > _RECENT:
            return Outcome(None, f"'the quarter' is not a period the words name, and the latest "
                           f"quarter filed by {m.as_of} (ended {targets[0][2]}, filed {filed}) is "
                           f"more than {_RECENT} days old", settle="words that name the quarter")  # fmt: skip
    if not targets:
        why = (
            note
            or f"no period of {subj.name}'s filings matches the words ({c.bound.get('period', '')!r})"
        )
        return Outcome(None, why, settle=settle)
    assert isinstance(c.stated_value, int | float)
    stated = float(c.stated_value)
    scale = float(c.extra.get("scale") or 1.0)
    if change == "level":
        band = _level_band(stated, c.decimals, scale, c.comparator, c.hedge, item == "capex")
    else:
        band = _rate_band(stated, c.decimals, c.comparator, c.hedge)
    results: list[tuple[str, bool | None, str, float | None]] = []
    for label, kind, end in targets:
        got = _value(m, sid_q, sid_fy, kind, end)
        if isinstance(got, str):
            results.append((label, None, got, None))
            continue
        v, p_end, sid = got
        if change == "level":
            computed = v
            ev = f"{subj.name} {name} for {label}: {_money(v, scale)} ({sid}, period ended {p_end})"
        else:
            # the same fiscal period a year earlier (52/53-week years: within a few days)
            prev_end = dt.date(p_end.year - 1, p_end.month, min(p_end.day, 28))
            prev = _value(m, sid_q, sid_fy, kind, prev_end)
            if isinstance(prev, str) or prev[0] == 0:
                why = prev if isinstance(prev, str) else "the figure a year earlier is zero"
                results.append((label, None, f"no year-earlier figure for {label}: {why}", None))
                continue
            computed = (v / prev[0] - 1.0) * 100.0
            ev = (f"{subj.name} {name} for {label}: {_money(v)} against "
                  f"{_money(prev[0])} a year earlier (period ended {prev[1]}): "
                  f"{computed:+.2f}% ({sid})")  # fmt: skip
        ok = band.verdict(computed)
        if ok is None and item == "capex" and change == "level" and computed < band.lo:
            ev += (
                "; below the stated figure: capital expenditure quoted with finance leases is "
                "another reading, not judged"
            )
        elif ok is None:
            ev += "; close to the stated figure but outside its tolerance: not judged"
        results.append((label, ok, ev, round(computed, 4)))
    fits = [r for r in results if r[1] is True]
    if fits:
        _, _, ev, val = fits[0]
        return Outcome(True, ev + f"; stated {c.quote!r}", band.text, val)
    if results and all(r[1] is False for r in results) and not note:
        ev = "; ".join(r[2] for r in results)
        if len(results) > 1:
            ev += " (every reading of the period disagrees)"
        return Outcome(False, ev, band.text, results[0][3])
    parts = [
        f"{r[0]}: {r[2] if r[1] is None else ('contradicts' if r[1] is False else 'fits')}"
        for r in results
    ]
    ev = "; ".join(parts)
    if any(r[1] is False for r in results):
        ev = "not contradicted: the words allow other readings of the period (" + ev + ")"
    if note:
        ev += f"; {note}"
    first = next((r[3] for r in results if r[3] is not None), None)
    return Outcome(None, ev, band.text, first, settle=settle)
