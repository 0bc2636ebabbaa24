"""An index in a bear market or a correction: "the S&P 500 entered a bear market on Monday",
"Wall Street fell deeper into a bear market", "the market entered correction territory",
"slipping closer to bear market territory", "just shy of entering bear market territory"
(issue 8, round 80).

The convention the press shares: a correction is a close 10% or more below the index's record
close, a bear market 20% or more, judged on closing values. The frame: subject (an index, or
"stocks" read as the S&P 500), regime (``bear`` or ``correction``), stance (``in``: the words say
the index is in it, entered it or fell into it; ``near``: "closer to", "just shy of", "nearly",
"approaching"), and the day (:func:`binding.bind_date`).

The ``regime`` measure (:func:`judge_regime`) reads the drawdown of the day's close from the
running record of closes. ``in``: supported at or beyond the threshold, or when the episode since
the last record crossed it and the index has not since risen 20% off its low (a bear market runs
until then, a correction until a new record or a rise of 10%: "fell deeper into a bear market");
contradicted when the episode's deepest close stayed :data:`MARGIN_PP` points short of the
threshold (a close a little short is a writer's intraday crossing: not judged). ``near``:
supported when the close is within :data:`NEAR_PP` points short of the threshold, never
contradicted (how near is near is the writer's). The store's daily history must start two years
before the day (an older record would make the drawdown look smaller); intraday words
("briefly", "intraday", "dipped into ... during") and negations are qualifiers that leave it
unverifiable.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from thesis.claims.binding import bind_date, bind_subject, make_claim, market_proxy

if TYPE_CHECKING:
    from thesis.claims.binding import Ctx
    from thesis.claims.document import Sent
    from thesis.claims.frames import Claim
    from thesis.claims.judge import Outcome
    from thesis.claims.market import Market

__all__ = ["REGIME_WORDS", "judge_regime", "rule_regime"]

#: the words without one of which :func:`rule_regime` finds nothing (``extract._GATES``)
REGIME_WORDS = frozenset({"bear", "correction"})
#: the drawdown (percent below the record close) of each regime
THRESHOLD = {"bear": 20.0, "correction": 10.0}
#: how far short of the threshold (points) the deepest close of the episode must stay to contradict
MARGIN_PP = 1.5
#: how far short of the threshold (points) a close is "near" it
NEAR_PP = 5.0

#: a verb or phrase that puts the index in the regime, then the regime's words: group 1 the stance
#: words, group 2 "bear market" or "correction"
_IN = re.compile(
    r"\b(entered|enters|entering|enter|(?:fell|falls|falling|slipped|slipping|slid|sliding|sank|"
    r"sinking|tumbled|tumbling|plunged|plunging|dropped|dropping|moved|crossed|plunges|tumbles|"
    r"dipped|dips|dipping|slumped|slumping|plummeted|plummeting|went|headed|tipped|tipping|"
    r"fallen)\s+(?:deeper\s+|further\s+|back\s+|officially\s+)?into|(?:is|was|are|were|remains|"
    r"remained|stays|stayed)\s+(?:now\s+|still\s+|officially\s+|firmly\s+)?in|(?:now\s+)?in|"
    r"confirm(?:s|ed|ing)?|putting\s+it\s+in|put\s+it\s+in|territory\s+of)\s+(?:a\s+|an\s+|the\s+)?"
    r"(?:new\s+|official\s+|technical\s+)?(bear[\s-]+market|correction)(?:\s+territory|\s+mode)?\b",
    re.I,
)
#: words of nearness before the regime's words: "closer to bear market territory", "just shy of
#: entering bear market territory", "on the brink of a correction"
_NEAR = re.compile(
    r"\b(closer\s+to|close\s+to|near|nearing|shy\s+of|approaching|on\s+the\s+(?:brink|verge|"
    r"cusp|edge)\s+of|within\s+striking\s+distance\s+of)\s+(?:entering\s+|confirming\s+)?"
    r"(?:a\s+|an\s+|the\s+)?(bear[\s-]+market|correction)(?:\s+territory)?\b",
    re.I,
)
#: words of nearness a few words before an entry ("close to confirming it is in a bear market")
_NEAR_BEFORE = re.compile(r"\b(close\s+to|closer\s+to|near|nearing|shy\s+of|brink|verge|cusp|"
                          r"approaching|almost|nearly|threatening\s+to|on\s+track\s+to)\b[^.;]*$", re.I)  # fmt: skip
#: words that make the crossing a moment of the session, not a close
_INTRADAY = re.compile(r"\b(briefly|intraday|intra-day|during\s+the\s+session|at\s+one\s+point|"
                       r"early\s+in\s+the\s+session|on\s+an\s+intraday\s+basis)\b", re.I)  # fmt: skip
#: words that make the regime another index's or a definition's
_NOT_OURS = re.compile(r"\b(defined|definition|considered|typically|average|averaged|each|"
                       r"every|since\s+world\s+war|bear\s+markets|corrections)\b", re.I)  # fmt: skip
_KINDS = ("index", "market", "etf")


def rule_regime(ctx: Ctx, s: Sent, used: set[int]) -> list[Claim]:
    """An index stated in, or near, a bear market or a correction (see the module docstring)."""
    text = s.doc.text
    sentence = text[s.start : s.end]
    if _NOT_OURS.search(sentence):
        return []
    out: list[Claim] = []
    taken: list[tuple[int, int]] = []
    for pattern, how in ((_NEAR, "near"), (_IN, "in")):
        for mt in pattern.finditer(text, s.start, s.end):
            stance = how
            if any(a < mt.end() and mt.start() < b for a, b in taken):
                continue  # "just shy of entering bear market territory": nearness, not entry
            taken.append((mt.start(), mt.end()))
            if stance == "in" and _NEAR_BEFORE.search(
                text[max(s.start, mt.start() - 40) : mt.start()]
            ):
                stance = "near"  # "close to confirming it is in a bear market"
            regime = "bear" if mt.group(2).lower().startswith("bear") else "correction"
            subj = bind_subject(ctx, s, mt.start())
            if subj.value is None or subj.value.kind not in _KINDS:
                continue
            subj = market_proxy(subj)  # "Wall Street entered a bear market": the S&P 500
            c = make_claim(
                ctx, s, kind="level", measure="regime", subject=subj,
                parts=[(mt.start(), mt.end())], rule="regime",
                value=f"{'near ' if stance == 'near' else ''}{regime}", unit="",
                date=bind_date(ctx, s, mt.start()),
                extra={"regime": regime, "stance": stance},
            )  # fmt: skip
            if _INTRADAY.search(sentence) and "intraday" not in c.qualifiers:
                c.qualifiers.append("intraday")
            out.append(c)
    return out


def judge_regime(c: Claim, day: dt.date, m: Market, claims: list[Claim]) -> Outcome:
    """The drawdown of the day's close from the record close (see the module docstring)."""
    from thesis.claims.judge import Outcome, _daily, _f, _na, iso

    got = _daily(c, m)
    if isinstance(got, Outcome):
        return got
    sid, s = got
    w = s.upto(min(day, m.as_of))
    if not len(w) or (day - w.last).days > 4:
        return _na(f"no {sid} close on {iso(day)}")
    if w.dates[0] > dt.date(day.year - 2, day.month, 1):
        return _na(f"{sid} history starts {iso(w.dates[0])}: too short for the record a drawdown is "
                   "measured from")  # fmt: skip
    vals, dates = w.values, w.dates
    regime, stance = str(c.extra["regime"]), str(c.extra["stance"])
    limit = THRESHOLD[regime]
    top_i = max(range(len(vals)), key=lambda i: (vals[i], i))
    top = vals[top_i]
    dd = (vals[-1] / top - 1) * 100
    episode = vals[top_i:]
    low_i = min(range(len(episode)), key=lambda i: episode[i])
    deepest = (episode[low_i] / top - 1) * 100
    since_low = (vals[-1] / episode[low_i] - 1) * 100
    ev = (f"{sid} {iso(w.last)} close {_f(vals[-1])}, {dd:+.2f}% from the record close {_f(top)} "
          f"({iso(dates[top_i])}); deepest close since {_f(episode[low_i])} "
          f"({iso(dates[top_i + low_i])}, {deepest:+.2f}%)")  # fmt: skip
    name = "a bear market" if regime == "bear" else "a correction"
    tol = f"{name}: a close {limit:g}% or more below the record close"
    if stance == "near":
        if -limit < dd <= -(limit - NEAR_PP):
            return Outcome(
                True, f"{ev}: within {NEAR_PP:g} points short of {name}", tol, round(dd, 2)
            )
        return _na(f"{ev}: how near is near is the writer's")
    if dd <= -limit:
        return Outcome(True, f"{ev}: {name}", tol, round(dd, 2))
    rebound = limit  # a bear market ends 20% off its low, a correction 10% (or at a new record)
    if deepest <= -limit and since_low < rebound:
        return Outcome(
            True, f"{ev}: still in {name} ({since_low:+.2f}% off the low)", tol, round(dd, 2)
        )
    if deepest > -(limit - MARGIN_PP):
        return Outcome(False, f"{ev}: never {limit:g}% below the record", tol, round(dd, 2))
    return _na(f"{ev}: within {MARGIN_PP:g} points of {name} (an intraday crossing may be meant)")
