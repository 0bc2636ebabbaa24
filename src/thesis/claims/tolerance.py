"""Tolerances: which computed values a stated figure accepts, and which it clearly excludes.

A :class:`Band` has two ranges. Inside ``[lo, hi]`` the claim is *supported*; outside
``[c_lo, c_hi]`` it is *contradicted*; in between it is *unverifiable* (close enough that a
preliminary close, a rounding habit or a revision could explain it: a false alarm costs a reader
more than a miss). The support range follows the precision the figure is stated with ("1.3%"
accepts 1.25–1.35, "5%" accepts 4.5–5.5) and the hedge ("about" widens it both ways, "nearly" and
"almost" accept values a little below); the contradiction range adds a margin per measure on top.
A one-sided hedge ("more than", "over", "above", "at least"; "less than", "under", "below") is a
bound, not a rounded figure: "more than 1.2%" needs the actual at 1.2 or beyond, give or take
only the difference between a preliminary and a final close (:data:`PRELIMINARY_PCT`), and
below that it is contradicted.

=============  ==============================  ===========================================
measure        supported                       contradicted
=============  ==============================  ===========================================
percent        ± half a unit of the last       beyond the support range by more than
               digit (± 0.01 from 2 digits);   max(the support width, 0.1 pp)
               "about" ± max(1 pp, 5 %);
               "more than X": at least         below X − 0.01 (a bound: no grey zone)
               X − 0.01 (PRELIMINARY_PCT)
index level    ± 0.05 % ("about": ± one unit   beyond ± max(3 × support, 0.15 %)
               of the stated precision,
               within 0.05–0.5 %)
points         ± max(half a unit, 0.01,        beyond ± max(3 × support, 1 point, 0.02 %)
               0.05 % of the level)
yield level    ± max(0.05, half a unit) pp     beyond ± 0.30 pp (intraday levels differ)
basis points   ± 2 bp ("about": ± 4 bp)        beyond ± 10 bp
revised macro  as percent                      beyond the revision band of the series
               (supported by the latest        (:data:`REVISIONS`, each with its source):
               vintage within rounding)        between, "a later vintage", not judged
=============  ==============================  ===========================================

Revised macro series: the store holds the latest vintage of a series its catalog entry calls
revised (:func:`is_revised`): a figure as first published ("GDP grew 1.9 percent", the advance
estimate) may differ from it by a revision, so it is contradicted only beyond the band the series'
revisions reach.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "DEFAULT_REVISION",
    "LEVEL_TOL",
    "PRELIMINARY_LEVEL",
    "PRELIMINARY_PCT",
    "REVISIONS",
    "Band",
    "Revision",
    "bp_band",
    "is_revised",
    "level_band",
    "pct_band",
    "points_band",
    "revision_band",
    "yield_band",
]

_INF = float("inf")

#: how far a preliminary close's percent change may lie from the final one's (pp): the S&P 500
#: as first reported and as FRED holds it differ by a few hundredths of a point at most, which
#: moves a percent change by about 0.01 pp. A one-sided hedge ("more than 1.2%", "over 7%",
#: "less than 1%") is a bound: it allows this band, never half a unit of the stated figure.
PRELIMINARY_PCT = 0.01
#: the same for a level, in percent of it (0.01 %: about half a point on the S&P 500 at 5,000),
#: for a bound on a change in points ("more than 400 points")
PRELIMINARY_LEVEL = 0.01
#: how far a level a story states before the final print may lie from the final close (percent of
#: it): the support band of an index level, and of each end of a change in points
LEVEL_TOL = 0.05


@dataclass(frozen=True)
class Band:
    """Support range ``[lo, hi]``, contradiction outside ``[c_lo, c_hi]``, and the rule in words."""

    lo: float
    hi: float
    c_lo: float
    c_hi: float
    text: str

    def verdict(self, computed: float) -> bool | None:
        """True (supported), False (contradicted) or None (in the grey zone between)."""
        eps = 1e-9
        if self.lo - eps <= computed <= self.hi + eps:
            return True
        if computed < self.c_lo - eps or computed > self.c_hi + eps:
            return False
        return None


def _unit_tol(decimals: int) -> float:
    """Half a unit of the last digit stated; from two decimals on, one unit (preliminary data)."""
    return 0.5 * 10.0 ** (-decimals) if decimals <= 1 else 10.0 ** (-decimals)


def _round_slack(stated: float, decimals: int) -> float:
    """Half the place a whole figure may be rounded to: 5 for a multiple of ten ("about 50%"),
    2.5 for one of five ("roughly 25%"), else 0."""
    if decimals or stated < 5 or stated != int(stated):
        return 0.0
    n = int(stated)
    return 5.0 if n % 10 == 0 else 2.5 if n % 5 == 0 else 0.0


def pct_band(stated: float, decimals: int, comparator: str, hedge: str = "") -> Band:
    """For a percentage (a change, a distance, an upside, a rate), in percentage points.

    Hedges qualify the size of the figure: "fell nearly 2%" accepts −2.05 to −1.0; the band of a
    negative figure is the mirror of its magnitude's.
    """
    if stated < 0:
        b = pct_band(-stated, decimals, comparator, hedge)
        return Band(-b.hi, -b.lo, -b.c_hi, -b.c_lo, b.text.replace(f"{-stated:g}%", f"{stated:g}%"))
    tol = _unit_tol(decimals)
    if comparator == "~":
        w = max(1.0, tol)  # "about 5%": ±1 pp, the labelling convention
        # a hedged round figure may be rounded to its last digit's place ("approximately 50%" for
        # −53%): contradicted only beyond half of it (±5 for a multiple of ten, ±2.5 of five)
        margin = max(w, 0.1, _round_slack(stated, decimals) - w)
        lo, hi = stated - w, stated + w
        return Band(lo, hi, lo - margin, hi + margin, f"'{hedge}' {stated:g}%: ±{w:g}pp")
    if comparator in ("<~", ">~"):
        # "nearly 80%", "just over 19%": supported within the labelling convention's ±1 pp on the
        # hedge's side (half the figure below 2%); contradicted only beyond a quarter of the
        # figure and a margin, so that "nearly 80%" for +78.3% is close to the stated figure but
        # outside its tolerance: not judged (never supported, never contradicted)
        w = max(0.25 * stated, min(1.0, 0.5 * stated))
        if decimals >= 1:
            # "nearly 9.2%": a figure with decimals is no round one; the hedge's side reaches the
            # labelling convention's 1 pp (half the figure below 2%), not a quarter of the figure
            w = min(1.0, 0.5 * stated)
        near = min(w, max(1.0, tol))
        margin = max(2 * tol, 0.1 * stated, 0.1)
        if comparator == "<~":
            lo, hi, c_lo, c_hi = (
                stated - near,
                stated + tol,
                stated - w - margin,
                stated + tol + margin,
            )
        else:
            lo, hi, c_lo, c_hi = (
                stated - tol,
                stated + near,
                stated - tol - margin,
                stated + w + margin,
            )
        return Band(
            lo, hi, c_lo, c_hi,
            f"'{hedge}' {stated:g}%: from {lo:g} to {hi:g} (contradicted beyond {c_lo:g} to {c_hi:g})",
        )  # fmt: skip
    if comparator in (">=", ">"):
        # a bound, not a rounded figure: "more than 1.2%" needs 1.2 or more, give or take the
        # difference between a preliminary and a final close (never half a unit of 1.2)
        lo = stated - PRELIMINARY_PCT
        return Band(lo, _INF, lo, _INF, f"'{hedge}' {stated:g}%: a bound, at least {lo:g}")
    if comparator in ("<=", "<"):
        hi = stated + PRELIMINARY_PCT
        return Band(-_INF, hi, -_INF, hi, f"'{hedge}' {stated:g}%: a bound, at most {hi:g}")
    margin = max(tol, 0.1)
    d = "whole number" if decimals == 0 else f"{decimals}-decimal"
    return Band(stated - tol, stated + tol, stated - tol - margin, stated + tol + margin,
                f"{d} %: ±{tol:g}pp (contradicted beyond ±{tol + margin:g}pp)")  # fmt: skip


#: how far a session's move computed from a preliminary close may differ from the final one's,
#: in percentage points (a close revised by 0.03% moves the day's change by about that much)
PRELIMINARY_SESSION_PCT = 0.03


def session_pct_band(stated: float, decimals: int) -> Band:
    """For one session's move stated to a decimal ("rose 1.48%", "fell 0.2%"), unhedged: supported
    within half a unit of its last digit (one unit from two decimals, :func:`pct_band`), and
    contradicted beyond that plus a preliminary close's difference
    (:data:`PRELIMINARY_SESSION_PCT`), except toward a larger move, where a figure cut rather than
    rounded ("+0.89%" written "0.8%", as some publishers do) stays within one unit: a session's
    move has no other convention (no dividends, no other base) to widen the grey zone."""
    if stated < 0:
        b = session_pct_band(-stated, decimals)
        return Band(-b.hi, -b.lo, -b.c_hi, -b.c_lo, b.text.replace(f"{-stated:g}%", f"{stated:g}%"))
    tol = _unit_tol(decimals)
    unit = 10.0 ** (-decimals)
    lo, hi = stated - tol, stated + tol
    c_lo = lo - PRELIMINARY_SESSION_PCT
    c_hi = max(hi, stated + unit) + PRELIMINARY_SESSION_PCT
    return Band(lo, hi, c_lo, c_hi,
                f"{decimals}-decimal session %: ±{tol:g}pp (contradicted below {c_lo:.3g} or above "
                f"{c_hi:.3g}: a preliminary close, or a figure cut to its last digit)")  # fmt: skip


def level_band(
    stated: float, comparator: str, hedge: str = "", *, rounded_to: float = 0.0, unit: float = 0.0
) -> Band:
    """For an index or price level, as a ratio computed / stated − 1 (in percent). A level
    written rounded (``rounded_to`` points: "closed at 3,660", to ten) accepts half that unit.

    A hedge ("about", "approximately", "nearly") widens the band by one ``unit`` of the precision
    the level is written with, within 0.05–0.5 %: "about 7,000" (to the thousand) accepts ± 0.5 %,
    "approximately 6,912" (to the point) only the preliminary band; a writer who hedges a level
    written to the point does not mean 35 points either way. Without ``unit``: ± 0.5 %."""
    if comparator in ("~", "<~", ">~"):
        tol = 0.5 if not (unit and stated) else max(0.05, min(0.5, unit / abs(stated) * 100))
    else:
        tol = LEVEL_TOL
    if rounded_to and stated:
        tol = max(tol, 0.5 * rounded_to / abs(stated) * 100)
    margin = max(2 * tol, 0.1)
    if comparator in (">=", ">", ">~") and comparator != ">~":
        return Band(-tol, _INF, -tol - margin, _INF, f"'{hedge}' level: at least {stated:,.2f}")
    if comparator in ("<=", "<"):
        return Band(-_INF, tol, -_INF, tol + margin, f"'{hedge}' level: at most {stated:,.2f}")
    return Band(-tol, tol, -tol - margin, tol + margin,
                f"level: |close / stated − 1| ≤ {tol:g}% (contradicted beyond {tol + margin:g}%)")  # fmt: skip


def points_band(
    stated: float, decimals: int, comparator: str, level: float, hedge: str = ""
) -> Band:
    """For a change in index points; ``level`` (the close at either end, points) scales the band.

    A change in points is the difference of two levels: the day's close, which a story may state
    before the final print (within the level band, :data:`LEVEL_TOL` % of it), and an earlier
    close, final by then. So it accepts the stated figure's precision or that level band,
    whichever is wider: "slumped 48.21 points to 5,161.70" is the move to a preliminary close
    1.06 points from the final one (−49.27), supported as the level is; the margin beyond that
    is the same as for any figure (twice the band, at least a point)."""
    if stated < 0 and comparator in (">=", ">", "<=", "<"):
        # "dropped more than 50 points": a bound on the size of the fall, the mirror of the
        # magnitude's (as for a percentage: `pct_band`); read as a signed bound it was inverted
        b = points_band(-stated, decimals, comparator, level, hedge)
        text = b.text.replace("at least", "a fall of at least").replace(
            "at most", "a fall of at most"
        )
        return Band(-b.hi, -b.lo, -b.c_hi, -b.c_lo, text)
    tol = max(0.5 * 10.0 ** (-decimals), 0.01, LEVEL_TOL / 100 * abs(level))
    if comparator in ("~", "<~", ">~"):
        tol = max(tol, 0.01 * abs(stated) + 1.0)
    margin = max(2 * tol, 1.0, 0.0002 * level)
    if comparator in (">=", ">"):
        # a bound: "more than 400 points" needs 400, give or take a preliminary close's difference
        lo = stated - max(0.01, PRELIMINARY_LEVEL / 100 * abs(level))
        return Band(lo, _INF, lo, _INF, f"'{hedge}' points: a bound, at least {lo:g}")
    if comparator in ("<=", "<"):
        hi = stated + max(0.01, PRELIMINARY_LEVEL / 100 * abs(level))
        return Band(-_INF, hi, -_INF, hi, f"'{hedge}' points: a bound, at most {hi:g}")
    return Band(stated - tol, stated + tol, stated - tol - margin, stated + tol + margin,
                f"points: ±{tol:g} (contradicted beyond ±{tol + margin:g})")  # fmt: skip


def yield_band(
    stated: float, decimals: int, comparator: str, hedge: str = "", *, close: bool = False
) -> Band:
    """For a yield level in percent (closing yields; intraday levels differ). A level stated as a
    close ("ended May at 2.74%") is contradicted beyond ± 0.10 pp instead of ± 0.30."""
    tol = max(0.05, 0.5 * 10.0 ** (-decimals)) + (0.05 if comparator in ("~", "<~", ">~") else 0.0)
    if comparator in (">", ">="):
        return Band(
            stated - 0.005,
            _INF,
            stated - 0.25,
            _INF,
            f"'{hedge}' {stated:g}%: a close at or above it",
        )
    if comparator in ("<", "<="):
        return Band(
            -_INF,
            stated + 0.005,
            -_INF,
            stated + 0.25,
            f"'{hedge}' {stated:g}%: a close at or below it",
        )
    far = 0.10 if close else 0.30
    return Band(stated - tol, stated + tol, stated - far, stated + far,
                f"±{tol:.2f}pp of the closing yield (contradicted beyond ±{far:.2f}pp)")  # fmt: skip


#: how far a yield change quoted from another source than the H.15 closes (Tradeweb at 3 p.m.,
#: a dealer's screen at a time of day) may lie from the change of the closes: each end may differ
#: by a few basis points, as a level does (the 0.05 pp of `yield_band`)
BP_SOURCE_TOL = 5.0


def bp_band(stated: float, comparator: str, hedge: str = "") -> Band:
    """For a change in basis points (closing yields): supported within :data:`BP_SOURCE_TOL`,
    contradicted beyond ±10 bp."""
    tol = BP_SOURCE_TOL + (2.0 if comparator in ("~", "<~", ">~") else 0.0)
    if comparator in (">=", ">"):
        return Band(stated - tol, _INF, stated - 10, _INF, f"'{hedge}' {stated:g} bp: at least")
    return Band(stated - tol, stated + tol, stated - 10, stated + 10,
                f"±{tol:g} bp of the closing change (contradicted beyond ±10 bp)")  # fmt: skip


# ------------------------------------------------------------------------ revised macro series
@dataclass(frozen=True)
class Revision:
    """How far the latest vintage of a revised series may lie from a figure as first published:
    ``width`` in the unit of the stated figure (percentage points, or thousands of jobs), and
    where that width comes from."""

    width: float
    source: str


#: the revision band per (series, transform): a first-release figure within this distance of
#: the store's latest vintage is not contradicted (it may be a revision, not an error)
REVISIONS: dict[tuple[str, str], Revision] = {
    ("gdp_real", "annualized"): Revision(
        5.0,
        "BEA, 'The Revisions to GDP, GDI, and Their Major Components' (Survey of Current "
        "Business, 2021): quarterly real GDP growth is revised from the advance to the latest "
        "estimate by 1.3 pp on average (absolute), and by up to 4.7 pp (2008Q4: -3.8% → -8.5%)",
    ),
    ("gdp_real", "yoy"): Revision(
        2.5,
        "BEA revision studies (as above): four quarters' revisions partly offset; the largest "
        "year-over-year revisions are about 2 pp (2008-09)",
    ),
    ("core_pce", "yoy"): Revision(
        0.5,
        "BEA monthly and comprehensive revisions of the PCE price index: year-over-year core PCE "
        "inflation moves by 0.1-0.3 pp, up to about 0.5 pp in a comprehensive revision (2023)",
    ),
    ("core_pce", "mom"): Revision(0.2, "BEA revisions of monthly core PCE inflation (as above)"),
    ("cpi_u_sa", "mom"): Revision(
        0.2,
        "BLS re-estimates seasonal factors each February and revises five years of seasonally "
        "adjusted CPI; monthly changes move by 0.1 pp or less, rarely 0.2",
    ),
    ("cpi_u_sa", "yoy"): Revision(0.3, "BLS seasonal-factor revisions (as above)"),
    ("core_cpi", "mom"): Revision(0.2, "BLS seasonal-factor revisions of core CPI (as above)"),
    ("core_cpi", "yoy"): Revision(
        0.3,
        "BLS seasonal-factor revisions; the official year-over-year core rate is unadjusted and "
        "differs from the adjusted one by 0.1 pp or so",
    ),
    ("unrate", "level"): Revision(
        0.2,
        "BLS revises five years of seasonally adjusted unemployment rates each January; a rate "
        "moves by 0.1 pp at most in nearly every month",
    ),
    ("payems", "change"): Revision(
        700.0,
        "BLS CES revisions: the monthly change in nonfarm payrolls is revised from the first to "
        "the third estimate by about 50,000 on average (absolute), and to the latest vintage by up "
        "to about 0.4 million (December 2021: +199,000 first, +575,000 now) and 0.7 million in "
        "the pandemic (March 2020: -701,000 first, -1.4 million now)",
    ),
}
#: a series the catalog says is revised, with no band above: in percentage points
DEFAULT_REVISION = Revision(1.0, "no series-specific study: a wide default")

_NOT_REVISED = ("not seasonally adjusted", "(nsa)", "not revised", "never revised")


def is_revised(name: str, unit: str, description: str, kind: str) -> bool:
    """Whether a series' catalog entry makes it revision-prone: its description says it is
    revised, or it is a macro statistic that its name, unit or description does not call
    unadjusted (unadjusted CPI is never revised; seasonally adjusted series are, each year, and
    national accounts and payrolls are, with each estimate)."""
    text = f"{name} {unit} {description}".lower()
    if "revised" in text and not any(w in text for w in ("not revised", "never revised")):
        return True
    if any(w in text for w in _NOT_REVISED):
        return False
    return kind == "macro"


def revision_band(band: Band, stated: float, rev: Revision, sid: str) -> Band:
    """``band`` with its contradiction range widened to the revision band: a figure closer than
    that to the latest vintage is not contradicted."""
    return Band(
        band.lo,
        band.hi,
        min(band.c_lo, stated - rev.width),
        max(band.c_hi, stated + rev.width),
        band.text + f"; {sid} is revised after its first release and the store holds its latest "
        f"vintage: contradicted only beyond ±{rev.width:g} ({rev.source})",
    )
