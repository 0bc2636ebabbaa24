"""The spread between two Treasury yields as its own measure (issue 8).

"10Y/2Y at 0.64%", "the 2s10s spread", "the gap between the 10-year and 2-year yields" name the
difference of two daily yields, not either yield: read against the 10-year yield's level such a
figure is a false contradiction. The store holds the difference as its own daily series
(``ust10y2y``, FRED T10Y2Y = DGS10 − DGS2, in percentage points). Its names are written out here
as phrases rather than matched by a pattern because :class:`thesis.text.phrases.PhraseMatcher`
matches every subject name longest-first in one pass, and a longer name ("10Y/2Y") then wins over
the tenor inside it ("10Y") with no change to the finder.

A spread's day is judged only when the claim's own words state it
(:func:`spread_day_gap`): a spread quoted in an outlook or a summary list ("inversion (10Y/2Y at
0.64%)") is often an earlier reading, so read on the article's date it may support, never
contradict.
"""

from __future__ import annotations

from itertools import product

__all__ = ["SPREAD_KEY", "spread_aliases", "spread_day_gap"]

#: the subject key (and store series) of the 10-year minus 2-year Treasury spread
SPREAD_KEY = "ust10y2y"

_TEN = ("10-year", "ten-year", "10-yr", "10Y")
_TWO = ("2-year", "two-year", "2-yr", "2Y")


def spread_aliases() -> list[str]:
    """The names of the 10-year minus 2-year Treasury spread, either tenor first.

    Returns
    -------
    list of str
        Phrases for :class:`thesis.text.phrases.PhraseMatcher` ("10Y/2Y", "2s10s spread",
        "the spread between the 10-year and 2-year yields"...).
    """
    out = ["10s2s", "2s10s", "2s/10s", "10s/2s", "2s-10s", "10s-2s", "2-10 spread", "10-2 spread",
           "2/10 spread", "10/2 spread", "T10Y2Y", "10Y-2Y", "10Y/2Y", "2Y/10Y", "2Y-10Y"]  # fmt: skip
    out += [f"{a} spread" for a in out[:10]] + [f"{a} curve" for a in out[:6]]
    # "the spread between 2s and 10s", "the gap between twos and tens"
    for noun, (x, y) in product(
        ("spread", "gap", "difference"),
        (("2s", "10s"), ("10s", "2s"), ("twos", "tens"), ("tens", "twos")),
    ):
        out += [f"the {noun} between {x} and {y}", f"{noun} between {x} and {y}"]  # fmt: skip
    for a, b in product(_TEN, _TWO):
        for x, y in ((a, b), (b, a)):
            out += [f"{x}/{y}", f"{x}-{y}", f"{x}/{y} spread", f"{x}-{y} spread",
                    f"{x}/{y} Treasury spread", f"{x}-{y} Treasury spread",
                    f"{x}/{y} yield spread", f"{x}-{y} yield spread", f"{x}/{y} yield curve"]  # fmt: skip
    for noun, x, y in product(("spread", "gap", "difference"), (*_TEN, *_TWO), (*_TEN, *_TWO)):
        if (x in _TEN) == (y in _TEN):
            continue
        for the1, the2 in (("the ", "the "), ("the ", ""), ("", "")):
            for tail in ("yields", "Treasury yields", "notes", "Treasury notes", "Treasuries",
                         "yield", "rates"):  # fmt: skip
                out.append(f"{noun} between {the1}{x} and {the2}{y} {tail}")
    return list(dict.fromkeys(out))


def spread_day_gap(subject_key: str | None, stated: bool) -> str:
    """Why a spread figure's day is too loose to contradict, or ``""``.

    Parameters
    ----------
    subject_key
        The claim's subject key.
    stated
        Whether the claim's own words state its day (a day in its sentence or its list's
        header; not the article's date nor the session its opening reports).

    Returns
    -------
    str
        The reason for the ``date`` slot's looseness, or ``""`` when the claim is not about a
        spread or states its day.
    """
    if subject_key != SPREAD_KEY or stated:
        return ""
    return "a yield spread's day is not stated in its words (a quoted spread is often an earlier reading)"
