"""Sentence logic for the outlook article: varied, hedged prose built only from facts.

Every sentence is a :class:`Sentence`: a sequence of :class:`Part` s, each either plain words or the
rendering of one fact (through :func:`thesis.writing.format.fmt`). No number is typed here: a
number can only enter the text as a fact part, so the Markdown, the HTML spans and the list of
facts used all come from the same parts.

Sentences are written with a small template syntax: ``{@level}`` is the fact ``{subject}.level``,
``{fed.policy_rate}`` a fact by full id, ``{@drawdown_pct|abs}`` passes a style to ``fmt`` and
``{@pe_trailing|d0}`` a number of decimals; ``{name}`` without a dot is a keyword argument (words or
parts). Fact ids are built by :mod:`thesis.ids`, never spelled here. Phrasing varies
deterministically: :func:`_pick` chooses among alternatives by a hash of the sentence key, so two
runs on the same facts write the same article, while different sentences (and different outlooks)
do not all read alike.

The words follow the series (:class:`thesis.analysis.kinds.SeriesProfile`): an index closes at
6,812.61 and is 1.28% below a level, a yield closes at 4.14% and is 86 bp below one; a level below
the current close is one the series *falls* to, never one it "reaches"; sections that do not apply
to the series (an earnings valuation of a yield) are left out, not filled.

Each section degrades on its own: when its facts are missing it says what could not be computed and
why (from ``outlook.notes`` when the analysis left a note).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from thesis import ids
from thesis.facts import Fact, FactSheet
from thesis.outlook import LevelView, Outlook
from thesis.writing.charts import (
    display_decimals,
    level_key,
    method_name,
    numeric_value,
    scenario_name,
)
from thesis.writing.format import LIKELIHOOD_SCALE, fmt, likelihood_words

__all__ = [
    "Article",
    "Part",
    "Section",
    "Sentence",
    "Table",
    "build_article",
    "build_sections",
]

# Below these sample sizes the article says the evidence is thin.
THIN_CYCLES = 10  # easing cycles
THIN_REGIME_MONTHS = 36  # months of history in a similar valuation regime
THIN_CALIBRATION = 30  # past forecasts scored per method and horizon

#: the historical base rate and the VIX-implied odds: method parts of their fact ids
BASE, IMPLIED = "baserate", "implied"
#: calibration horizons by label, in sessions
_CAL_SESSIONS = {"1m": 21, "3m": 63, "6m": 126, "12m": 252}

#: Nominal share of outcomes in each valuation zone: the ranges are cut at the regime's P/E
#: quantiles 10, 25, 75 and 90, so bear and bull hold 15 % each, base 50 %, each tail 10 %.
NOMINAL_RANGE_SHARES = {"below": 0.10, "bear": 0.15, "base": 0.50, "bull": 0.15, "above": 0.10}

_HORIZON_WORDS = {"1m": "one-month", "3m": "three-month", "6m": "six-month", "12m": "twelve-month"}
_PERIOD_WORDS = {"3m": "three months", "6m": "six months", "12m": "twelve months"}
_NUMBER_WORDS = {
    0: "no",
    1: "one",
    2: "two",
    3: "three",
    4: "four",
    5: "five",
    6: "six",
    7: "seven",
    8: "eight",
    9: "nine",
    10: "ten",
    11: "eleven",
    12: "twelve",
}
_PORTFOLIO_METRICS = (
    ("cagr_pct", "Annual return (CAGR)"),
    ("vol_ann_pct", "Volatility, annualised"),
    ("sharpe", "Sharpe ratio"),
    ("sortino", "Sortino ratio"),
    ("max_drawdown_pct", "Maximum drawdown"),
    ("calmar", "Calmar ratio"),
    ("beta", "Beta to the index"),
    ("correlation", "Correlation with the index"),
    ("tracking_error_pct", "Tracking error"),
    ("hit_rate", "Share of positive months"),
    ("worst_month_pct", "Worst month"),
    ("turnover_ann_pct", "Turnover, annual"),
    ("costs_pct", "Costs"),
)
#: parts of a run that may not apply to a series, in words
_PART_WORDS = {
    "valuation": "the earnings valuation",
    "range_calibration": "the calibration of the valuation ranges",
    "fed_cycles": "returns after past Fed easing cycles",
    "calibration": "the walk-forward calibration of the path models",
    "implied": "the VIX-implied odds (the VIX prices the S&P 500 only)",
    "portfolio": "the portfolio",
}
#: words in a fund's name (for "the SPDR S&P 500 ETF" rather than a company's bare name)
_FUND_WORDS = ("etf", "fund", "trust", "shares", "spdr", "ishares", "index")


# --------------------------------------------------------------------------- data structures


@dataclass(frozen=True, slots=True)
class Part:
    """A piece of a sentence: plain words (``fact_id`` None) or one fact's rendering."""

    text: str
    fact_id: str | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence with the facts behind it.

    Attributes
    ----------
    key
        Stable identifier (``summary.touch.6900``): the LLM writer's outline key and the
        provenance record's name.
    parts
        The text, in order.
    basis
        Facts the sentence relies on without printing them (the probabilities behind a likelihood
        word in the headline).
    """

    key: str
    parts: tuple[Part, ...]
    basis: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.parts)

    @property
    def fact_ids(self) -> tuple[str, ...]:
        """Facts printed in the sentence, then its basis; each once, in order."""
        ids_ = [p.fact_id for p in self.parts if p.fact_id] + list(self.basis)
        return tuple(dict.fromkeys(ids_))


Cell = tuple[Part, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """A small table whose numeric cells are fact parts."""

    key: str
    caption: str
    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]

    @property
    def fact_ids(self) -> tuple[str, ...]:
        ids_ = [p.fact_id for row in (self.header, *self.rows) for cell in row for p in cell]
        return tuple(dict.fromkeys(i for i in ids_ if i))


@dataclass
class Section:
    """A titled part of the article: paragraphs of sentences, tables, charts, subsections."""

    key: str
    title: str
    paragraphs: list[list[Sentence]] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: list[str] = field(default_factory=list)
    subsections: list[Section] = field(default_factory=list)
    banner: str = ""  # a line set apart above the text ("what happened next")

    def sentences(self) -> list[Sentence]:
        return [s for p in self.paragraphs for s in p]

    def walk(self) -> Iterable[Section]:
        yield self
        for sub in self.subsections:
            yield from sub.walk()


@dataclass
class Article:
    """The whole article before rendering.

    Attributes
    ----------
    headline
        The title sentence.
    standfirst
        The line under it: the analysis date, the horizon and the thesis quoted.
    dateline
        The article's own date (the analysis date) on a line of its own above the headline: a
        reader, and ``thesis check``, date the article by it, not by the horizon the headline
        names.
    sections
        In reading order.
    extra_facts
        Facts the writer itself states (the likelihood scale, nominal coverage levels, manifest
        versions, windows and hashes), so that every number in the text is a fact; the pipeline
        adds them to ``facts.json``.
    facts
        The outlook's facts plus ``extra_facts``.
    """

    headline: Sentence
    standfirst: Sentence
    sections: list[Section]
    extra_facts: list[Fact]
    facts: FactSheet
    dateline: Sentence | None = None

    def all_sections(self) -> list[Section]:
        return [s for top in self.sections for s in top.walk()]

    def fact_ids(self) -> list[str]:
        out: list[str] = list(self.headline.fact_ids) + list(self.standfirst.fact_ids)
        if self.dateline is not None:
            out.extend(self.dateline.fact_ids)
        for sec in self.all_sections():
            for s in sec.sentences():
                out.extend(s.fact_ids)
            for t in sec.tables:
                out.extend(t.fact_ids)
        return list(dict.fromkeys(out))


# --------------------------------------------------------------------------- sentence builder

_TOKEN = re.compile(r"\{([^{}]+)\}")


def _pick(key: str, options: Sequence[str], offset: int = 0) -> str:
    """Deterministic choice among phrasings by a hash of the sentence key."""
    h = int(hashlib.sha1(key.encode()).hexdigest()[:8], 16)
    # ``offset`` walks neighbouring sentences of one kind through different phrasings
    return options[(h + offset) % len(options)]


#: how a sentence names the yardsticks and the fourth method (not "the baserate method")
_PROSE_NAMES = {
    "implied": "VIX-implied",
    "baserate": "base rate",
    "conditional": "conditioned base rate",
    "baseline": "naive random walk",
}
#: methods that are not Monte Carlo models: referred to by their own name, without "method"
_YARDSTICKS = ("baserate", "conditional", "baseline")


def _prose(method: str) -> str:
    """Method name inside a sentence: acronyms stay upper case, words go lower case."""
    if method in _PROSE_NAMES:
        return _PROSE_NAMES[method]
    name = method_name(method)
    return name if name.isupper() else name.lower()


def _method_ref(method: str) -> str:
    """ "GBM", "the bootstrap method", "the base rate": how a sentence refers to a method."""
    name = _prose(method)
    if name.isupper():
        return name
    return f"the {name}" if method in _YARDSTICKS else f"the {name} method"


def _words(n: int) -> str:
    return _NUMBER_WORDS.get(n, "several")


class _Writer:
    """Builds sentences from templates against one outlook's facts."""

    def __init__(self, outlook: Outlook, facts: FactSheet) -> None:
        self.o = outlook
        self.s = outlook.subject
        self.facts = facts
        self.prof = outlook.series

    # -- facts
    def id(self, suffix: str) -> str:
        """A measure of the subject (``level`` → ``sp500.level``), through :mod:`thesis.ids`."""
        return ids.subject_measure(self.s, suffix)

    def get(self, fact_id: str) -> Fact | None:
        return self.facts.get(fact_id)

    def has(self, *fact_ids: str) -> bool:
        return all(i in self.facts for i in fact_ids)

    def num(self, fact_id: str) -> float | None:
        f = self.facts.get(fact_id)
        return f.number if f is not None else None

    def part(self, fact_id: str, **kw: Any) -> Part:
        fact = self.facts[fact_id]
        if kw.get("decimals") is None:
            kw["decimals"] = display_decimals(fact)
        return Part(fmt(fact, **kw), fact_id)

    # -- the subject in words
    @property
    def rate(self) -> bool:
        """A yield, rate or spread (moves in basis points)."""
        return self.prof.space == "diff"

    @property
    def noun(self) -> str:
        """ "index", "price", "yield" …: what "the …" refers to."""
        return self.prof.noun

    @property
    def the_name(self) -> str:
        """The subject's name as a sentence's subject: "the S&P 500", "NVIDIA"."""
        name = self.o.subject_name
        if name.lower().startswith("the "):
            return name
        if self.prof.kind == "price" and not any(
            w in name.lower().split() or w in name.lower() for w in _FUND_WORDS
        ):
            return name  # a company: "NVIDIA closed at", not "the NVIDIA"
        return f"the {name}"

    @property
    def The_name(self) -> str:
        n = self.the_name
        return n[0].upper() + n[1:] if n.startswith("the ") else n

    @property
    def its(self) -> str:
        return "its"

    # -- sentences
    def say(self, key: str, template: str, *, basis: Iterable[str] = (), **words: Any) -> Sentence:
        """Fill ``template``; facts must exist (callers check with :meth:`has`)."""
        parts: list[Part] = []
        pos = 0
        for m in _TOKEN.finditer(template):
            if m.start() > pos:
                parts.append(Part(template[pos : m.start()]))
            token = m.group(1)
            name, *mods = token.split("|")
            if name.startswith("@"):
                name = self.id(name[1:])
            if "." in name:
                kw: dict[str, Any] = {}
                for mod in mods:
                    if re.fullmatch(r"d\d", mod):
                        kw["decimals"] = int(mod[1])
                    else:
                        kw["style"] = mod
                parts.append(self.part(name, **kw))
            else:
                value = words[name]
                if isinstance(value, Part):
                    parts.append(value)
                elif isinstance(value, str):
                    parts.append(Part(value))
                else:
                    parts.extend(value)
            pos = m.end()
        if pos < len(template):
            parts.append(Part(template[pos:]))
        parts = _merge(parts)
        if parts and parts[0].fact_id is None and parts[0].text[:1].islower():
            parts[0] = Part(parts[0].text[0].upper() + parts[0].text[1:])
        return Sentence(key, tuple(parts), tuple(basis))

    def plain(self, key: str, text: str) -> Sentence:
        return Sentence(key, (Part(text),))

    def note(self, *keys: str) -> str | None:
        """The first analysis note whose key starts with one of ``keys``."""
        for k in keys:
            for nk, text in self.o.notes.items():
                if nk == k or nk.startswith(k + "."):
                    return text.strip()
        return None

    # -- levels
    def level_fid(self, view: LevelView) -> str:
        return ids.thesis_level(self.s, view.role, view.level)

    def views(self) -> list[tuple[LevelView, str]]:
        """Every level the thesis names with the fact id of its level, sorted by level."""
        return [
            (v, self.level_fid(v)) for v in self.o.level_views() if self.level_fid(v) in self.facts
        ]

    def levels(self) -> list[tuple[float, str, str]]:
        """(level, role, fact id) for the levels that have a level fact, sorted."""
        return [(v.level, v.role, fid) for v, fid in self.views()]

    def side(self, level: float) -> str:
        """``above`` (the level is above the close on ``as_of``), ``below`` or ``at``."""
        d = self.num(ids.distance(self.s, "points", level))
        if d is None:
            lv = self.num(ids.level(self.s))
            if lv is None:
                return "above"
            d = level - lv
        return "above" if d > 0 else "below" if d < 0 else "at"

    def due(self, level: float | None = None) -> str | None:
        """The fact id of the date a level is due (its own, else the horizon session)."""
        if level is not None and self.has(ids.level_date(self.s, level)):
            return ids.level_date(self.s, level)
        for fid in (ids.horizon(self.s, "date"), ids.outlook("horizon")):
            if self.has(fid):
                return fid
        return None

    def due_text(self, level: float | None = None) -> str:
        """``{fact}`` of the due date for a template, or "the horizon"."""
        fid = self.due(level)
        return "{" + fid + "}" if fid else "the horizon"

    def methods_with(self, event: ids.Event, key: float | str) -> list[tuple[str, str]]:
        """(method, fact id) of the methods that state a probability of ``event`` at ``key``."""
        out = []
        for m in self.o.methods:
            fid = ids.p_event(self.s, event, key, m)
            if self.has(fid):
                out.append((m, fid))
        return out

    def by_method(self, items: Sequence[tuple[str, str]]) -> list[Part]:
        return _join([[self.part(i), Part(f" ({_prose(m)})")] for m, i in items])

    @property
    def walk(self) -> str:
        """The closed-form random walk of the series' space (``gbm`` or ``normal``)."""
        return "normal" if self.rate else "gbm"


def _merge(parts: list[Part]) -> list[Part]:
    out: list[Part] = []
    for p in parts:
        if not p.text:
            continue
        if out and p.fact_id is None and out[-1].fact_id is None:
            out[-1] = Part(out[-1].text + p.text)
        else:
            out.append(p)
    return out


def _join(items: Sequence[Sequence[Part]], conj: str = "and") -> list[Part]:
    """["a"], ["b"], ["c"] → a, b and c (as parts)."""
    out: list[Part] = []
    for i, item in enumerate(items):
        if i:
            out.append(Part(f" {conj} " if i == len(items) - 1 else ", "))
        out.extend(item)
    return out


def _risk_words(key: str) -> str:
    """``ai_capex_disappointment`` → "AI capex disappointment"; plain words stay lower case."""
    name = scenario_name(key)
    first = name.split(" ")[0]
    return name if first.isupper() or first in ("Fed", "Covid") else name[0].lower() + name[1:]


def _no_digits(text: str) -> bool:
    return not any(ch.isdigit() for ch in text)


def _verdict(vals: Sequence[float]) -> str:
    lo, hi = likelihood_words(min(vals)), likelihood_words(max(vals))
    return lo if lo == hi else f"between {lo} and {hi}"


def _base_parts(w: _Writer, event: ids.Event, key: float | str) -> list[Part]:
    """ ", against 79% of past windows": the base rate beside a probability, when there is one."""
    fid = ids.p_event(w.s, event, key, BASE)
    if not w.has(fid):
        return []
    return [Part(", against "), w.part(fid), Part(" of past windows")]


def _skill_horizon(w: _Writer) -> str | None:
    """The calibration horizon nearest the thesis's horizon that has a base-rate verdict."""
    have = [h for h in _CAL_SESSIONS if w.has(ids.calibration_verdict("any_beats_base_rate", h))]
    if not have:
        return None
    n = w.num(ids.horizon(w.s, "sessions"))
    if n is None:
        return have[-1]
    return min(have, key=lambda h: (abs(_CAL_SESSIONS[h] - n), -_CAL_SESSIONS[h]))


def _models_beat_base_rate(w: _Writer) -> bool | None:
    """Whether any of the article's path models beat the base rate in the walk-forward tests
    (at the horizon nearest the thesis's); ``None`` when they were not scored against it."""
    h = _skill_horizon(w)
    if h is None:
        return None
    verdicts = [w.get(ids.calibration_verdict("beats_base_rate", h, m)) for m in w.o.methods]
    known = [bool(v.value) for v in verdicts if v is not None]
    if not known:
        return None
    return any(known)


# --------------------------------------------------------------------------- extra facts


def _extra_facts(outlook: Outlook) -> list[Fact]:
    """Facts the writer states itself: the likelihood scale, nominal coverage, the manifest."""
    as_of = outlook.as_of
    out: list[Fact] = [
        Fact(ids.outlook("as_of"), outlook.as_of, "date", as_of, "analysis date of the run"),
        Fact(ids.outlook("horizon"), outlook.horizon, "date", as_of, "horizon of the thesis"),
    ]
    for lower, words in LIKELIHOOD_SCALE:
        out.append(
            Fact(
                ids.writing("likelihood_scale", words.replace(" ", "_")),
                lower,
                "probability",
                as_of,
                "stated likelihood scale (thesis.writing.format)",
                label=f"lower bound of '{words}'",
            )
        )
    for k in (50, 80, 95):
        out.append(
            Fact(
                ids.writing("nominal_coverage", str(k)),
                k / 100,
                "probability",
                as_of,
                "nominal coverage of a central forecast band",
                label=f"central {k}% band",
            )
        )
    # yardsticks the scorecard and calibration sections state: a forecast's outer tails, the
    # Brier score of a constant coin-flip forecast, the nominal shares of the valuation zones
    out += [
        Fact(
            ids.writing("forecast_tail"),
            0.05,
            "probability",
            as_of,
            "tail beyond the 5% and 95% quantiles of a forecast",
            label="tail of a forecast distribution",
        ),
        Fact(
            ids.writing("coin_probability"),
            0.5,
            "probability",
            as_of,
            "a constant no-information forecast",
            label="coin-flip probability",
        ),
        Fact(
            ids.writing("brier_coin"),
            0.25,
            "ratio",
            as_of,
            "Brier score of a constant 0.5 forecast: (0.5 − outcome)²",
            label="Brier score of a coin flip",
            decimals=2,
        ),
    ]
    if outlook.facts.prefixed("calibration.ranges."):
        for zone, share in NOMINAL_RANGE_SHARES.items():
            out.append(
                Fact(
                    ids.writing("nominal_range", zone),
                    share,
                    "probability",
                    as_of,
                    "nominal share of outcomes in a valuation zone (P/E quantile bands "
                    "10-25-75-90)",
                    label=f"nominal share {zone}",
                )
            )
    have = {x.id for x in out}
    for f in outlook.facts:
        parsed = ids.parse_stress(f.id)
        if parsed is None or parsed[1] != "loss_pct":
            continue
        key = parsed[0]
        fid = ids.writing("scenario", key)
        if ids.stress(key, "label") in outlook.facts or fid in have:
            continue  # the stress analysis names the scenario itself
        # a scenario's name may contain a year ("GFC 2008"): as a label fact it is traced too
        out.append(
            Fact(
                fid,
                scenario_name(key),
                "label",
                as_of,
                "stress scenario name",
                label=f"name of the stress scenario {key}",
            )
        )
        have.add(fid)
    m = outlook.manifest or {}
    for src in _manifest_sources(outlook):
        series = str(src.get("series", ""))
        for key in ("start", "end"):
            if src.get(key):
                out.append(
                    Fact(
                        ids.manifest_data(series, key),
                        str(src[key])[:10],
                        "date",
                        as_of,
                        "run manifest",
                        label=f"{key} of the data window of {series}",
                    )
                )
        if src.get("content_hash"):
            out.append(
                Fact(
                    ids.manifest_data(series, "content_hash"),
                    str(src["content_hash"]),
                    "label",
                    as_of,
                    "run manifest",
                    label=f"content hash of {series}",
                )
            )
        if isinstance(src.get("rows"), int) and src["rows"] > 0:
            out.append(
                Fact(
                    ids.manifest_data(series, "rows"),
                    int(src["rows"]),
                    "count",
                    as_of,
                    "run manifest",
                    label=f"rows of {series}",
                )
            )
    seed = outlook.facts.get(ids.sim("seed"))
    seed_value = seed.value if seed is not None else m.get("seed")
    if isinstance(seed_value, int) and not isinstance(seed_value, bool):
        # a seed is an identifier: printed as written, without thousands separators
        out.append(
            Fact(
                ids.writing("seed"),
                str(seed_value),
                "label",
                as_of,
                "the run's random seed (sim.seed), as text",
                label="random seed",
            )
        )
    for pkg, ver in (m.get("versions") or {}).items():
        out.append(
            Fact(
                ids.manifest_version(pkg),
                str(ver),
                "label",
                as_of,
                "run manifest",
                label=f"version of {pkg}",
            )
        )
    if m.get("created_at"):
        out.append(
            Fact(
                "manifest.created_at",
                str(m["created_at"])[:10],
                "date",
                as_of,
                "run manifest",
                label="date the run was made",
            )
        )
    return [f for f in out if f.id not in outlook.facts]


def _manifest_sources(outlook: Outlook) -> list[dict[str, Any]]:
    """The data sources: the manifest's list, else the union of the facts' lineage."""
    m = outlook.manifest or {}
    raw = m.get("data") or m.get("sources")
    if isinstance(raw, dict):
        raw = [dict(v, series=k) if isinstance(v, dict) else {"series": k} for k, v in raw.items()]
    if raw:
        return [dict(r) for r in raw if isinstance(r, dict) and r.get("series")]
    seen: dict[str, dict[str, Any]] = {}
    for f in outlook.facts:
        for s in f.lineage:
            seen.setdefault(s.series, s.to_dict())
    return list(seen.values())


# --------------------------------------------------------------------------- summary


def _main_probability(
    w: _Writer, view: LevelView
) -> tuple[ids.Event, list[tuple[str, str]]] | None:
    """The event the headline states for a level, and its probabilities by method."""
    touch = w.methods_with("touch", view.level)
    if touch:
        return "touch", touch
    for ev in _close_events(w, view):
        items = w.methods_with(ev, view.level)
        if items:
            return ev, items
    return None


def _close_events(w: _Writer, view: LevelView) -> list[ids.Event]:
    """The close events the thesis states for a level (``close`` resolved by its side)."""
    out: list[ids.Event] = []
    for e in view.events:
        if e == "close":
            e = "close_below" if w.side(view.level) == "below" else "close_above"
        if e in ("close_above", "close_below") and e not in out:
            out.append(e)
    return out


def _headline(w: _Writer) -> Sentence:
    """ "S&P 500 at 6,812.61: reaching 6,900 before 31 December 2026 looks very likely, 7,269 likely".

    A level below the close is one the series falls to ("falling to 5,500 before 30 June 2026 looks
    very unlikely"), never one it "reaches". Dates are days, not months: "by December 2026" reads
    as a statement about that month's level.
    """
    name = w.o.subject_name
    if not w.has(ids.level(w.s)):
        return w.plain("headline", f"{name} outlook")
    views = w.views()
    chosen = views[:1] + ([views[-1]] if len(views) > 1 else [])
    clauses: list[str] = []
    basis: list[str] = []
    last_verb, last_due = "", None
    for view, fid in chosen:
        main = _main_probability(w, view)
        if main is None:
            continue
        event, items = main
        basis += [i for _, i in items]
        vals = sorted(w.num(i) or 0.0 for _, i in items)
        words = likelihood_words(vals[len(vals) // 2])
        down = w.side(view.level) == "below"
        verb = {
            "touch": "falling to" if down else "reaching",
            "close_above": "closing at or above",
            "close_below": "closing at or below",
        }[event]
        due = w.due(view.level)
        prep = "before" if event == "touch" else "on"
        when = f" {prep} {{{due}}}" if due and due != last_due else ""
        if not clauses:
            clauses.append(f"the chance of {verb} {{{fid}}}{when} rates as {words}")
        elif verb == last_verb and not when:
            clauses.append(f"{{{fid}}} {words}")
        else:
            clauses.append(f"{verb} {{{fid}}}{when} {words}")
        last_verb, last_due = verb, due
    if not clauses:
        dd = _drawdown_items(w)
        if dd:
            _key, pct_id, items = dd[0]
            vals = sorted(w.num(i) or 0.0 for _, i in items)
            due = w.due()
            when = f" before {{{due}}}" if due else ""
            return w.say(
                "headline",
                f"{name} at {{@level}}: the chance of a {{{pct_id}}} fall from its high{when} "
                f"rates as {likelihood_words(vals[len(vals) // 2])}",
                basis=[i for _, i in items],
            )
        return w.say("headline", f"{name} at {{@level}}: where it stands against its levels")
    return w.say("headline", f"{name} at {{@level}}: " + ", ".join(clauses), basis=basis)


def _level_sentence(w: _Writer) -> Sentence:
    o, name = w.o, w.The_name
    if w.rate:
        tail = ""
        chg = w.num(w.id("change_12m_bp"))
        if chg is not None:
            tail = (
                ", unchanged over the past twelve months"
                if chg == 0
                else f", {'up' if chg > 0 else 'down'} {{@change_12m_bp|abs}} over the past "
                "twelve months"
                if w.prof.level_unit == "pct"
                # a spread's name holds two yields' ("10-year minus 2-year"): said without a verb
                # of change, its move is not read as either yield's
                else f", {{@change_12m_bp|abs}} {'above' if chg > 0 else 'below'} where it stood "
                "twelve months earlier"
            )
        return w.say("summary.level", f"{name} closed at {{@level}} on {{@level_date}}{tail}.")
    if w.num(w.id("drawdown_pct")) is not None and w.has(w.id("high"), w.id("high_date")):
        at_record = bool((w.get(w.id("at_record")) or Fact("x", False, "bool", "", "")).value)
        if at_record or w.num(w.id("drawdown_pct")) == 0:
            return w.say(
                "summary.level", f"{name} closed at {{@level}} on {{@level_date}}, a record close."
            )
        tmpl = _pick(
            o.as_of + "level",
            (
                f"{name} closed at {{@level}} on {{@level_date}}, {{@drawdown_pct|abs|d1}} "
                "below its record close of {@high} on {@high_date}.",
                f"On {{@level_date}} {w.the_name} stood at {{@level}}, {{@drawdown_pct|abs|d1}} "
                "short of the record {@high} it set on {@high_date}.",
            ),
        )
        return w.say("summary.level", tmpl)
    return w.say("summary.level", f"{name} closed at {{@level}} on {{@level_date}}.")


def _range_sentence(w: _Writer) -> Sentence | None:
    """A yield's range over the past year (its record says little about today)."""
    need = [w.id(x) for x in ("high_12m", "low_12m")]
    if not w.rate or not w.has(*need):
        return None
    lead = (
        "In that time"
        if w.num(w.id("change_12m_bp")) is not None
        else "Over the past twelve months"
    )
    return w.say(
        "summary.range",
        f"{lead} it has closed between {{@low_12m}} and {{@high_12m}}.",
    )


def _distance_parts(w: _Writer, view: LevelView, fid: str) -> list[Part] | None:
    unit: Literal["bp", "pct"] = "bp" if w.rate else "pct"
    did = ids.distance(w.s, unit, view.level)
    d = w.num(did)
    if d is None or d == 0:
        return None
    item = [
        w.part(did, style="abs"),
        Part(" " + ("below" if d > 0 else "above") + " "),
        w.part(fid),
    ]
    who = view.claimed_by
    if "target" in view.roles and who and _no_digits(who):
        # "(an illustrative year-end target)", "(the target of analysts cited by AInvest)"
        item.append(Part(f" ({who})" if "target" in who.lower() else f" (the target of {who})"))
    elif who and _no_digits(who):
        item.append(Part(f" (named by {who})"))
    return item


def _summary_levels(w: _Writer) -> list[Sentence]:
    para = [_level_sentence(w)]
    rng = _range_sentence(w)
    if rng is not None:
        para.append(rng)
    below: list[list[Part]] = []  # levels above the close: the series is below them
    above: list[list[Part]] = []
    for view, fid in w.views():
        item = _distance_parts(w, view, fid)
        if item is None:
            continue
        (below if w.side(view.level) == "above" else above).append(item)
    if below:
        para.append(
            w.say(
                "summary.distance",
                _pick(w.o.as_of + "dist", ("That leaves it {items}.", "It sits {items}.")),
                items=_join(below),
            )
        )
    if above:
        lead = "It is also" if below else "It stands"
        para.append(w.say("summary.above", f"{lead} {{items}}.", items=_join(above)))
    near = sorted(
        (
            (abs(w.num(ids.distance(w.s, "sd", v.level)) or 0.0), v, fid)
            for v, fid in w.views()
            if w.has(ids.distance(w.s, "sd", v.level)) and w.side(v.level) != "at"
        ),
        key=lambda x: x[0],
    )
    if near:
        _, view, fid = near[0]
        k = level_key(view.level)
        move = "fall" if w.side(view.level) == "below" else "rise"
        para.append(
            w.say(
                f"summary.distance_sd.{k}",
                f"Getting to {{{fid}}} takes a {move} of about "
                f"{{{ids.distance(w.s, 'sd', view.level)}|abs|d1}} typical daily moves.",
            )
        )
    return para


def _touch_sentence(w: _Writer, view: LevelView, fid: str, n: int) -> Sentence | None:
    items = w.methods_with("touch", view.level)
    if not items:
        return None
    k = level_key(view.level)
    vals = [w.num(i) or 0.0 for _, i in items]
    verdict = _verdict(vals)
    due = w.due_text(view.level)
    down = w.side(view.level) == "below"
    the, noun = w.the_name, w.noun
    if down:
        options = (
            f"The models put the chance that {the} falls to {{{fid}}} at some point before "
            f"{due} at {{by_method}}: {{verdict}} on the scale in the appendix.",
            f"A close at or below {{{fid}}} at some point before {due} looks {{verdict}}: "
            "{by_method}.",
            f"Falling to {{{fid}}} before {due} is {{verdict}} by these estimates, which give "
            "{by_method}.",
        )
    else:
        options = (
            f"The models put the chance that the {noun} touches {{{fid}}} before {due} at "
            "{by_method}: {verdict} on the scale in the appendix.",
            f"A close at or above {{{fid}}} at some point before {due} looks {{verdict}}: "
            "{by_method}.",
            f"Reaching {{{fid}}} before {due} is {{verdict}} by these estimates, which give "
            "{by_method}.",
        )
    return w.say(
        f"summary.touch.{k}",
        _pick(w.o.as_of + ".touch", options, offset=n),
        by_method=w.by_method(items) + _base_parts(w, "touch", view.level),
        verdict=verdict,
    )


def _close_sentences(
    w: _Writer, view: LevelView, fid: str, n: int, touched: bool
) -> list[Sentence]:
    k = level_key(view.level)
    events = _close_events(w, view)
    side = w.side(view.level)
    if not events and "touch" in view.events and side != "at":
        # a level to touch: say also how likely the close on its date is on the same side
        events = ["close_below" if side == "below" else "close_above"]
    out = []
    due = w.due_text(view.level)
    for ev in events:
        items = w.methods_with(ev, view.level)
        if not items:
            continue
        cv = [w.num(i) or 0.0 for _, i in items]
        rel = "above" if ev == "close_above" else "below"
        holds = (ev == "close_above" and side in ("below", "at")) or (
            ev == "close_below" and side in ("above", "at")
        )
        if holds:
            where = "at or above" if rel == "above" else "at or below"
            out.append(
                w.say(
                    f"summary.{ev}.{k}",
                    f"A close {where} {{{fid}}} already holds; the chance that it still holds on "
                    f"{due} is {{by_method}}: {{verdict}}.",
                    by_method=w.by_method(items) + _base_parts(w, ev, view.level),
                    verdict=_verdict(cv),
                    basis=[ids.already_reached(w.s, view.level)]
                    if w.has(ids.already_reached(w.s, view.level))
                    else (),
                )
            )
            continue
        if touched:
            t_by = dict(w.methods_with("touch", view.level))
            pairs = [(w.num(i) or 0.0, w.num(t_by[m]) or 0.0) for m, i in items if m in t_by]
            harder = "harder" if any(c < t for c, t in pairs) else "no easier"
            tmpl = _pick(
                w.o.as_of + ".close",
                (
                    f"Ending the period at or {rel} it is {harder}, a chance of {{by_method}}.",
                    f"Finishing at or {rel} it on the last day is {harder}, a chance of "
                    "{by_method}.",
                ),
                offset=n,
            )
            if due != "{" + str(w.due()) + "}":
                tmpl = f"Closing at or {rel} it on {due} is {harder}, a chance of {{by_method}}."
        else:
            tmpl = (
                f"The chance that the {w.noun} closes at or {rel} {{{fid}}} on {due} is "
                "{by_method}: {verdict}."
            )
        out.append(
            w.say(
                f"summary.{ev}.{k}",
                tmpl,
                by_method=w.by_method(items) + _base_parts(w, ev, view.level),
                verdict=_verdict(cv),
            )
        )
    return out


def _drawdown_items(w: _Writer) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(key, fact id of the stated fall, probabilities by method) of each drawdown."""
    out = []
    for d in w.o.drawdowns:
        key = str(d["key"])
        pct_id = ids.thesis_drawdown(w.s, key)
        items = w.methods_with("drawdown", key)
        if w.has(pct_id) and items:
            out.append((key, pct_id, items))
    return out


def _drawdown_sentences(w: _Writer) -> list[Sentence]:
    out = []
    for d in w.o.drawdowns:
        key = str(d["key"])
        pct_id = ids.thesis_drawdown(w.s, key)
        trig = ids.drawdown_trigger(w.s, key)
        if not w.has(pct_id):
            continue
        high = d.get("basis") == "high"
        dd_now = w.id("drawdown_pct")
        if w.has(ids.drawdown_reached(w.s, key), dd_now, w.id("level_date")):
            out.append(
                w.say(
                    f"summary.drawdown.{key}",
                    f"A fall of {{{pct_id}}} from the record close has already happened: the "
                    f"close on {{@level_date}} was {{{dd_now}|abs|d1}} below it.",
                    basis=[ids.drawdown_reached(w.s, key)],
                )
            )
            continue
        items = w.methods_with("drawdown", key)
        if not items or not w.has(trig):
            continue
        vals = [w.num(i) or 0.0 for _, i in items]
        ref = (
            f"from the running high, to {{{trig}}} or lower on today's record (a higher bar "
            "after any new high),"
            if high
            else f"from the close on the analysis date, to {{{trig}}} or lower,"
        )
        # the base rate counts falls from each window's start: it matches a fall from today
        base = [] if high else _base_parts(w, "drawdown", float(d["pct"]))
        out.append(
            w.say(
                f"summary.drawdown.{key}",
                f"A fall of at least {{{pct_id}}} {ref} before {w.due_text()} has a chance of "
                "{by_method}: {verdict}.",
                by_method=w.by_method(items) + base,
                verdict=_verdict(vals),
            )
        )
    return out


def _drift_sentences(w: _Writer) -> list[Sentence]:
    """How much of the probabilities is the assumed drift: the same odds with no drift."""
    if w.rate:
        fid = ids.method_param(w.s, "normal", "mu_ann_bp")
        drift = w.num(fid)
        if drift is None or drift == 0:
            return [
                w.plain(
                    "summary.drift",
                    f"No method gives the {w.noun} a trend: the simulated changes have no drift, "
                    "so the odds come from its volatility alone.",
                )
            ]
        return [
            w.say(
                "summary.drift",
                f"Every method assumes the {w.noun} drifts by {{{fid}|signed}} a year, as the "
                "thesis states.",
            )
        ]
    fid = ids.method_param(w.s, "gbm", "mu_ann_pct")
    if not w.has(fid):
        return []
    stated = bool(w.o.assumptions.get("drift_ann_pct") is not None)
    out = [
        w.say(
            "summary.drift",
            f"Every method assumes the {w.noun} keeps drifting at the rate the thesis states, "
            f"{{{fid}}} a year."
            if stated
            else "Every method carries the window's own average return as its drift "
            f"({{{fid}}} a year for GBM): a trend of the past, not a forecast.",
        )
    ]
    clauses: list[list[Part]] = []
    for view, fid_l in w.views():
        zt = ids.p_closed_form(w.s, "touch", view.level, zero_drift=True)
        if w.has(zt):
            verb = "falling to " if w.side(view.level) == "below" else "touching "
            clauses.append([Part(verb), w.part(fid_l), Part(" at "), w.part(zt)])
        for ev in _close_events(w, view):
            zc = ids.p_closed_form(w.s, ev, view.level, zero_drift=True)
            if w.has(zc) and not w.has(ids.already_reached(w.s, view.level)):
                rel = "above" if ev == "close_above" else "below"
                clauses.append(
                    [Part(f"closing at or {rel} "), w.part(fid_l), Part(" at "), w.part(zc)]
                )
    if clauses:
        out.append(
            w.say(
                "summary.zero_drift",
                "With no drift at all, GBM would put {clauses}.",
                clauses=_join(clauses),
            )
        )
    return out


def _base_rate_note(w: _Writer) -> list[Sentence]:
    """What the share of past windows beside each probability counts, and how much evidence it is."""
    P = lambda x: ids.method_param(w.s, BASE, x)  # noqa: E731
    need = [P("horizon_steps"), P("windows"), P("window_start"), P("window_end")]
    if not w.has(*need):
        return []
    steps = w.get(P("horizon_steps"))
    monthly = steps is not None and steps.unit == "months"
    when = "|month" if monthly else ""
    indep = (
        f" (about {{{P('independent_windows')}}} without overlap)"
        if w.has(P("independent_windows"))
        else ""
    )
    move = "change" if w.rate else "move"
    tail = (
        "; the series is of monthly averages, so a touch within a month is missed and the "
        "shares for touches are understated"
        if monthly
        else ""
    )
    out = [
        w.say(
            "summary.base_rate",
            "The share of past windows beside each probability is the base rate: how often the "
            f"{w.noun} itself made the same {move} within {{{P('horizon_steps')}|with_unit}} of "
            "a start.",
        ),
        w.say(
            "summary.base_rate_windows",
            f"It counts the {{{P('windows')}}} windows starting from "
            f"{{{P('window_start')}{when}}} to {{{P('window_end')}{when}}}{indep}, all ended by "
            f"the analysis date{tail}.",
        ),
    ]
    return out


def _base_rate_lead(w: _Writer) -> list[Sentence]:
    """When no path model beat the base rate in past tests, the base rates come first."""
    if _models_beat_base_rate(w) is not False:
        return []
    h = _skill_horizon(w)
    items: list[list[Part]] = []
    for view, fid in w.views():
        b = ids.p_event(w.s, "touch", view.level, BASE)
        if not w.has(b) or w.side(view.level) == "at":
            continue
        verb = "falling to " if w.side(view.level) == "below" else "reaching "
        items.append([Part(verb), w.part(fid), Part(" in "), w.part(b)])
    period = _PERIOD_WORDS.get(h or "", "the same horizon")
    lead = w.plain(
        "summary.base_lead",
        f"History comes first here: in the walk-forward tests below, none of the models forecast "
        f"moves over {period} better than the plain share of past windows in which the "
        f"{w.noun} made them.",
    )
    if not items:
        return [lead]
    return [
        lead,
        w.say(
            "summary.base_lead_levels",
            f"Over every earlier window of the same length the {w.noun} made a move like "
            "{items} of them.",
            items=_join(items),
        ),
    ]


def _implied_sentences(w: _Writer) -> list[Sentence]:
    """The VIX-implied, risk-neutral odds: the market's own price, set apart from the models."""
    vix = ids.method_param(w.s, IMPLIED, "vol_index_level")
    items: list[list[Part]] = []
    for view, fid in w.views():
        t = ids.p_event(w.s, "touch", view.level, IMPLIED)
        if w.has(t) and w.side(view.level) != "at":
            verb = "falling to " if w.side(view.level) == "below" else "touching "
            items.append([Part(verb), w.part(fid), Part(" at "), w.part(t)])
        for ev in _close_events(w, view):
            c = ids.p_event(w.s, ev, view.level, IMPLIED)
            if w.has(c):
                rel = "above" if ev == "close_above" else "below"
                items.append([Part(f"closing at or {rel} "), w.part(fid), Part(" at "), w.part(c)])
    if not items or not w.has(vix):
        return []
    return [
        w.say(
            "summary.implied",
            f"Option prices give a fourth, risk-neutral reading: with the VIX at {{{vix}}}, the "
            "odds at which options are priced put {items}.",
            items=_join(items),
        ),
        w.plain(
            "summary.implied_caveat",
            "Those odds include the premium investors pay for protection against falls, so they "
            "are not forecasts of how often a level is reached.",
        ),
    ]


def _summary(w: _Writer) -> Section:
    sec = Section("summary", "Summary")
    o = w.o
    if not w.has(ids.level(w.s), w.id("level_date")):
        sec.paragraphs.append(
            [
                w.plain(
                    "summary.missing",
                    w.note("levels")
                    or f"No closing level of {w.the_name} was available for the analysis date, "
                    "so the article cannot say where it stands.",
                )
            ]
        )
        return sec
    sec.paragraphs.append(_summary_levels(w))

    # probabilities by level and event; the base rates first when no model has beaten them
    para: list[Sentence] = _base_rate_lead(w)
    any_p = False
    for n, (view, fid) in enumerate(w.views()):
        touch = _touch_sentence(w, view, fid, n)
        closes = _close_sentences(w, view, fid, n, touch is not None)
        if touch is not None:
            para.append(touch)
        para += closes
        any_p = any_p or touch is not None or bool(closes)
    dd = _drawdown_sentences(w)
    para += dd
    any_p = any_p or bool(dd)
    if any_p:
        para += _implied_sentences(w)
    if not any_p:
        para.append(
            w.plain(
                "summary.no_probabilities",
                w.note("probabilities")
                or "No probability method ran for this outlook, so it gives levels and ranges only.",
            )
        )
    sec.paragraphs.append(para)

    # the spread of outcomes and the caveat
    para = []
    qs = (5, 25, 50, 75, 95)
    m0 = next(
        (m for m in ("bootstrap", *o.methods) if w.has(*(ids.quantile(w.s, q, m) for q in qs))),
        None,
    )
    horizon = ids.horizon(w.s, "date")
    if m0 is not None and w.has(horizon):
        q = {x: "{" + ids.quantile(w.s, x, m0) + "}" for x in qs}
        sessions = (
            f" ({{{ids.horizon(w.s, 'sessions')}|with_unit}} away)"
            if w.has(ids.horizon(w.s, "sessions"))
            else ""
        )
        para.append(
            w.say(
                "summary.quantiles",
                f"By {{{horizon}}}{sessions}, the {_prose(m0)} simulation's median close is "
                f"{q[50]}; half of its paths end between {q[25]} and {q[75]}, and nine in ten "
                f"between {q[5]} and {q[95]}.",
            )
        )
        # a yield or rate below zero is a model artefact; a spread below zero is common
        if w.rate and w.prof.level_unit == "pct" and (w.num(ids.quantile(w.s, 5, m0)) or 0.0) < 0:
            para.append(
                w.plain(
                    "summary.below_zero",
                    "The lower end lies below zero: a random walk of changes has no floor, so read "
                    "it as a measure of how wide the range is, not as a forecast of a negative "
                    f"{w.noun}.",
                )
            )
    if any_p:
        ws, we = (ids.method_param(w.s, w.walk, x) for x in ("window_start", "window_end"))
        own = "daily changes" if w.rate else "behaviour"
        if w.has(ws, we):
            para.append(
                w.say(
                    "summary.caveat",
                    f"These probabilities come from the {w.noun}'s own past {own}, here "
                    f"estimated from {{{ws}}} to {{{we}}}; they assume the months ahead resemble "
                    "that window and say nothing about news that has not happened yet.",
                )
            )
        else:
            para.append(
                w.plain(
                    "summary.caveat",
                    f"These probabilities come from the {w.noun}'s own past {own}; they assume "
                    "the months ahead resemble it and say nothing about news that has not "
                    "happened yet.",
                )
            )
        para.extend(_drift_sentences(w))
        para.extend(_base_rate_note(w))
        ses = []
        for f in w.facts:
            p = ids.parse_level_fact(f.id)
            if p is not None and p.subject == w.s and p.se and f.is_numeric:
                ses.append(f)
        if ses and w.has(ids.sim("n_paths")):
            worst = max(ses, key=numeric_value)
            para.append(
                w.say(
                    "summary.mc_error",
                    f"Each method simulated {{{ids.sim('n_paths')}}} paths, so simulation noise "
                    f"is small: the largest Monte Carlo standard error is {{{worst.id}|d1}}.",
                )
            )
    if para:
        sec.paragraphs.append(para)
    sec.charts += ["index", "probabilities"]
    table = _probability_table(w)
    if table is not None:
        sec.tables.append(table)
    return sec


def _probability_table(w: _Writer) -> Table | None:
    rows: list[tuple[Cell, ...]] = []
    methods = [m for m in w.o.methods]
    # beside the models: the market's risk-neutral odds and the history's base rate, where given
    for extra in (IMPLIED, BASE):
        if any(
            ids.parse_level_fact(f.id) is not None
            and f.id.startswith(w.s + ".")
            and f.id.endswith("." + extra)
            for f in w.facts
        ):
            methods.append(extra)
    names = {
        "touch": lambda side: (
            "touch before its date" if side != "below" else "fall to it before its date"
        ),
        "close_above": lambda side: "close at or above on its date",
        "close_below": lambda side: "close at or below on its date",
    }
    for view, fid in w.views():
        side = w.side(view.level)
        events: list[ids.Event] = ["touch", *_close_events(w, view)]
        if "touch" in view.events and len(events) == 1 and side != "at":
            events.append("close_below" if side == "below" else "close_above")
        for ev in events:
            items = dict(w.methods_with(ev, view.level))
            if not items:
                continue
            for extra in (IMPLIED, BASE):
                x = ids.p_event(w.s, ev, view.level, extra)
                if w.has(x):
                    items[extra] = x
            row: list[Cell] = [(w.part(fid),), (Part(names[ev](side)),)]
            for m in methods:
                row.append((w.part(items[m]),) if m in items else (Part("–"),))
            rows.append(tuple(row))
    for d in w.o.drawdowns:
        key = str(d["key"])
        pct_id = ids.thesis_drawdown(w.s, key)
        items = dict(w.methods_with("drawdown", key))
        if not w.has(pct_id) or not items:
            continue
        if d.get("basis") != "high":
            b = ids.p_event(w.s, "drawdown", float(d["pct"]), BASE)
            if w.has(b):
                items[BASE] = b
        row = [(Part("fall of "), w.part(pct_id)), (Part("drawdown before the horizon"),)]
        for m in methods:
            row.append((w.part(items[m]),) if m in items else (Part("–"),))
        rows.append(tuple(row))
    if not rows or not methods:
        return None
    heads = {IMPLIED: "VIX-implied (risk-neutral)", BASE: "Share of past windows"}
    header: list[Cell] = [(Part("Level"),), (Part("Event"),)]
    header += [(Part(heads.get(m, method_name(m))),) for m in methods]
    return Table(
        "probabilities", "Probability of each event, by method", tuple(header), tuple(rows)
    )


# --------------------------------------------------------------------------- drivers


#: how the valuation's real yield is defined, by the basis the analysis states
_REAL_YIELD_BASIS = {
    "breakeven": "the ten-year yield less the ten-year breakeven inflation rate",
    "cpi_yoy": "the ten-year yield less the past year's CPI inflation, as the data hold no "
    "breakeven rate for the month",
}


def _earnings(w: _Writer) -> Section | None:
    if "valuation" in w.o.not_applicable:
        return None
    sec = Section("drivers.earnings", "Earnings and valuation")
    o, S = w.o, w.s
    v = lambda measure, lvl=None: ids.valuation(S, measure, lvl)  # noqa: E731
    para: list[Sentence] = []
    if not w.has(v("eps_trailing")):
        reason = w.note("valuation", "earnings") or (
            "no earnings-per-share series was available on or before the analysis date"
        )
        para.append(
            w.say(
                "earnings.missing",
                "The valuation ranges could not be computed, so this outlook makes no "
                "claim about what earnings imply for the index. {reason}",
                reason=reason,
            )
        )
        sec.paragraphs.append(para)
        return sec
    if w.has(v("eps_trailing_date"), v("pe_trailing")):
        para.append(
            w.say(
                "earnings.trailing",
                f"Trailing twelve-month earnings per share were {{{v('eps_trailing')}}} in "
                f"{{{v('eps_trailing_date')}|month}}, the latest public on the analysis date, "
                f"which puts the index on a trailing P/E of {{{v('pe_trailing')}}}.",
            )
        )
    stale = w.get(ids.eps_stale(S))
    if stale is not None and stale.value is True and w.has(v("eps_age_months")):
        para.append(
            w.say(
                "earnings.stale",
                f"Those earnings are {{{v('eps_age_months')}|with_unit}} old, so the P/E is "
                "measured against stale earnings and should be read loosely; the ranges below "
                "carry the assumed growth across the gap.",
                basis=[ids.eps_stale(S)],
            )
        )
    growth_basis = w.get(ids.eps_growth_basis(S))
    growth, fwd = v("eps_growth_assumed_pct"), v("eps_forward")
    if w.has(growth, fwd):
        if (
            growth_basis is not None
            and growth_basis.value != "thesis"
            and w.has(ids.eps_growth_rule(S))
        ):
            para.append(
                w.say(
                    "earnings.forward",
                    "The thesis states no earnings growth, so the ranges use the past decade's: "
                    f"earnings grew {{{ids.eps_growth_rule(S)}}} a year over the ten years to "
                    f"{{{v('eps_trailing_date')}|month}}, which would take them to {{{fwd}}} by "
                    "the horizon.",
                    basis=[growth_basis.id],
                )
            )
        else:
            para.append(
                w.say(
                    "earnings.forward",
                    f"The thesis assumes earnings growth of {{{growth}}} a year, which would take "
                    f"earnings per share to {{{fwd}}} by the horizon.",
                )
            )
    sec.paragraphs.append(para)

    # the ranges: the central case, and the spread of past forecast errors around it
    para = []
    central, pe_now = ids.range_central(S), ids.pe_current(S)
    cal = lambda m: ids.range_calibration(S, m)  # noqa: E731
    cases = [
        c
        for c in ("bear", "base", "bull")
        if w.has(ids.range_bound(S, c, "low"), ids.range_bound(S, c, "high"))
    ]
    due = w.due_text()
    if w.has(central, pe_now):
        para.append(
            w.say(
                "earnings.central",
                "The central case has earnings growing as assumed and the multiple holding at "
                f"today's {{{pe_now}}} (the P/E on earnings brought forward to the analysis "
                f"date), which would put the index at {{{central}}} on {due}.",
            )
        )
    if cases:
        items = []
        for c in cases:
            rb = lambda b, c=c: ids.range_bound(S, c, b)  # noqa: E731
            item = [Part(f"a {c} case of "), w.part(rb("low")), Part(" to "), w.part(rb("high"))]
            if w.has(rb("pe_low"), rb("pe_high")):
                item += [
                    Part(" (P/E "),
                    w.part(rb("pe_low")),
                    Part(" to "),
                    w.part(rb("pe_high")),
                    Part(")"),
                ]
            items.append(item)
        if w.has(cal("errors"), cal("start"), cal("end"), cal("horizon_months")):
            lead = (
                "Around it, the spread of past misses sets the ranges: the "
                f"{{{cal('errors')}}} forecasts made the same way from "
                f"{{{cal('start')}|month}} to {{{cal('end')}|month}}, each "
                f"{{{cal('horizon_months')}|with_unit}} ahead, missed by amounts that give "
                "{items}."
            )
        else:
            lead = "Around it, the spread of past forecast errors gives {items}."
        para.append(w.say("earnings.ranges", lead, items=_join(items)))
        para.append(
            w.plain(
                "earnings.conditions",
                "The ranges say where the index has landed around such a forecast, not what "
                "must happen: they hold only as long as earnings and the multiple miss by no "
                "more than they have before.",
            )
        )
    if para:
        sec.paragraphs.append(para)

    # the regime of real yields and inflation, for context
    para = []
    r = lambda measure: ids.regime(S, measure)  # noqa: E731
    regime = [
        r("real_yield_pct"),
        r("inflation_pct"),
        r("months"),
        v("pe_regime_q10"),
        v("pe_regime_q50"),
        v("pe_regime_q90"),
    ]
    if w.has(*regime):
        ry_basis = w.get(r("real_yield_basis"))
        how = _REAL_YIELD_BASIS.get(str(ry_basis.value)) if ry_basis is not None else None
        defined = f" ({how})" if how else ""
        para.append(
            w.say(
                "earnings.regime",
                f"For context, real ten-year yields stand at {{{regime[0]}}}{defined} and "
                f"inflation at {{{regime[1]}}}. In the {{{regime[2]}}} months of history with "
                "the most similar readings of the yield less inflation and of inflation, the P/E "
                "ranged from "
                f"{{{regime[3]}}} (tenth percentile) to {{{regime[5]}}} (ninetieth), with a "
                f"median of {{{regime[4]}}}.",
                basis=[ry_basis.id] if ry_basis is not None else (),
            )
        )
        pe = w.num(pe_now)
        lo, hi = w.num(regime[3]), w.num(regime[5])
        if pe is not None and lo is not None and hi is not None:
            where = (
                "above that band"
                if pe > hi
                else "below that band"
                if pe < lo
                else "inside that band"
            )
            para.append(
                w.say(
                    "earnings.regime_now",
                    f"Today's multiple of {{{pe_now}}} is {where}; the ranges above do not "
                    "assume it moves toward the regime's.",
                )
            )
        months = w.num(r("months")) or 0
        if months < THIN_REGIME_MONTHS:
            para.append(
                w.plain(
                    "earnings.regime_thin",
                    "That is a short history to lean on; the multiples could "
                    "easily sit outside this band.",
                )
            )
    if para:
        sec.paragraphs.append(para)

    # what each level needs of earnings if the multiple holds
    para = []
    case_words = {
        "below": "below even the bear range",
        "bear": "inside the bear range",
        "base": "inside the base range",
        "bull": "inside the bull range",
        "above": "above even the bull range",
    }
    for view, fid in w.views():
        k = level_key(view.level)
        eps_id, g_id = v("implied_eps", view.level), v("implied_eps_growth_pct", view.level)
        if not w.has(eps_id):
            continue
        g = w.num(g_id)
        case = w.get(ids.range_case(S, view.level))
        where = (
            f"; it lies {case_words[str(case.value)]}"
            if case is not None and str(case.value) in case_words
            else ""
        )
        basis = [case.id] if case is not None else []
        if g is not None and g < 0:
            # a level below the index is not one it needs to "reach": say what it corresponds to
            text = (
                f"A level of {{{fid}}}, below the index today, corresponds at today's multiple "
                f"to earnings per share of about {{{eps_id}}}, which would take earnings "
                f"shrinking at {{{g_id}|abs}} a year{where}."
            )
        elif g is not None:
            text = (
                f"If the multiple holds, {{{fid}}} needs earnings per share of about "
                f"{{{eps_id}}}, growth of {{{g_id}}} a year{where}."
            )
        else:
            text = (
                f"If the multiple holds, {{{fid}}} corresponds to earnings per share of about "
                f"{{{eps_id}}}{where}."
            )
        para.append(w.say(f"earnings.implied_eps.{k}", text, basis=basis))
        need = [v("implied_pe", view.level), v("pe_share_above", view.level)]
        if w.has(*need, r("months")):
            tmpl = _pick(
                f"{o.as_of}:pe:{k}",
                (
                    f"Put the other way, at the assumed earnings {{{fid}}} means a P/E of "
                    f"{{{need[0]}}}; a multiple that high occurred in {{{need[1]}}} of those "
                    "similar months.",
                    f"At the assumed earnings, {{{fid}}} implies a P/E of {{{need[0]}}}, "
                    f"reached or exceeded in {{{need[1]}}} of those similar months.",
                ),
            )
            para.append(w.say(f"earnings.implied_pe.{k}", tmpl))
    if para:
        sec.paragraphs.append(para)
    sec.charts.append("valuation")
    return sec


def _rate_path_sentences(w: _Writer) -> list[Sentence]:
    a = w.o.assumptions
    stated = bool(a.get("path")) or bool(a.get("cuts")) or bool(a.get("hikes"))
    out: list[Sentence] = []
    total, after = ids.fed_path(None, "total_bp"), ids.fed_path(None, "rate_after")
    take = (
        f", which would take the policy rate from {{{ids.fed_path(None, 'rate_start')}}} to "
        f"{{{after}}}"
        if w.has(after, ids.fed_path(None, "rate_start"))
        else ""
    )
    if a.get("path"):
        n = int(w.num(ids.fed_meeting(None, "count")) or 0)
        items: list[list[Part]] = []
        for i in range(1, n + 1):
            ch, d = ids.fed_path(i, "change_bp"), ids.fed_meeting(i, "date")
            x = w.num(ch)
            if x is None or not w.has(d):
                continue
            if x == 0:
                items.append([Part("no change on "), w.part(d)])
            else:
                what = "a cut of " if x < 0 else "a hike of "
                items.append([Part(what), w.part(ch, style="abs"), Part(" on "), w.part(d)])
        if items and w.has(total):
            out.append(
                w.say(
                    "fed.thesis",
                    "The thesis sets out the path meeting by meeting: {items}; "
                    f"{{{total}|signed}} in all{take}.",
                    items=_join(items),
                )
            )
    elif a.get("cuts") or a.get("hikes"):
        kind = "cuts" if a.get("cuts") else "hikes"
        n_id, bp_id = ids.fed(f"thesis_{kind}"), ids.fed(f"thesis_{kind[:-1]}_bp")
        if w.has(n_id, bp_id):
            n = int(w.num(n_id) or 0)
            noun = kind if n != 1 else kind[:-1]
            tail = f", {{{total}|abs}} in all{take}" if w.has(total) and n > 1 else take
            out.append(
                w.say(
                    "fed.thesis",
                    f"The thesis assumes {{{n_id}}} {noun} of {{{bp_id}|words}} each{tail}.",
                )
            )
    elif "rates" in (a.get("stated_tables") or ()):
        out.append(w.plain("fed.thesis", "The thesis assumes no change in the policy rate."))
    if stated and out:
        out.append(
            w.plain(
                "fed.not_conditioned",
                f"The probabilities in the summary do not assume this path: they come from the "
                f"{w.noun}'s own past behaviour, whatever the Fed did then.",
            )
        )
    if stated:
        n_id = ids.fed_meeting(None, "count")
        n = int(w.num(n_id) or 0)
        dates = [ids.fed_meeting(i, "date") for i in range(1, n + 1)]
        if n and all(w.has(d) for d in dates):
            tent = ids.fed_meeting(None, "first_tentative")
            tail = (
                f"; the dates from {{{tent}}} on are tentative, as the Fed publishes them"
                if w.has(tent)
                else ""
            )
            times = "once" if n == 1 else ("twice" if n == 2 else f"{{{n_id}}} times")
            out.append(
                w.say(
                    "fed.meetings",
                    f"The FOMC is scheduled to meet {times} before the horizon: {{dates}}{tail}.",
                    dates=_join([[w.part(d)] for d in dates]),
                )
            )
        elif not n:
            out.append(
                w.plain(
                    "fed.meetings",
                    "The store lists no FOMC meeting inside the horizon, so the path is not placed "
                    "on dates.",
                )
            )
    return out


def _policy_sentence(w: _Writer) -> Sentence | None:
    rate, date = ids.fed("policy_rate"), ids.fed("policy_rate_date")
    if not w.has(rate, date):
        rate, date = ids.fed_path(None, "rate_start"), ids.fed_path(None, "rate_start_date")
        if not w.has(rate, date):
            return None
    easing = w.get(ids.fed("in_easing_cycle"))
    tail = ""
    if easing is not None and isinstance(easing.value, bool):
        tail = (
            ", and the last move was a cut" if easing.value else ", and the last move was not a cut"
        )
    d = w.get(date)
    monthly = d is not None and str(d.value).endswith("-01")
    when = f"in {{{date}|month}}" if monthly else f"on {{{date}}}"
    verb = "averaged" if monthly else "was"
    return w.say(
        "fed.rate",
        f"The policy rate {verb} {{{rate}}} {when}{tail}.",
        basis=[easing.id] if easing is not None else (),
    )


def _cycle_kind(w: _Writer) -> Literal["price", "yield"]:
    """How the cycle analyses measured the subject: ``price`` returns or ``yield`` changes."""
    return "yield" if w.rate else "price"


def _fed(w: _Writer) -> Section | None:
    kind = _cycle_kind(w)
    measure = ids.fed_measure(w.s, 12, kind)
    base = lambda stat, split="all", m=measure: ids.fed_after_first_cut(m, stat, split)  # noqa: E731
    has_cycles = w.has(base("median"))
    para: list[Sentence] = []
    pol = _policy_sentence(w)
    if pol is not None:
        para.append(pol)
    para += _rate_path_sentences(w)
    cycles_apply = "fed_cycles" not in w.o.not_applicable
    if not para and not cycles_apply:
        return None
    title = "The Fed and past easing cycles" if cycles_apply else "The Fed"
    sec = Section("drivers.fed", title)
    if para:
        sec.paragraphs.append(para)
    if not cycles_apply:
        return sec
    para = []
    # what "a change" means for the subject: a price return, or a yield's move in points
    what = f"the median change of the {w.noun}" if w.rate else f"the median return of the {w.noun}"
    count, first = ids.fed("cycles.count"), ids.fed_cycles_count("first")
    rejected, unconfirmed = ids.fed_cycles_count("rejected"), ids.fed_cycles_count("unconfirmed")
    if has_cycles and w.has(count, first):
        others: list[list[Part]] = []
        if (w.num(rejected) or 0) > 0:
            others.append(
                [w.part(rejected), Part(" other first cuts were reversed within a year")]
                if (w.num(rejected) or 0) != 1
                else [w.part(rejected), Part(" other first cut was reversed within a year")]
            )
        if (w.num(unconfirmed) or 0) > 0:
            others.append(
                [w.part(unconfirmed), Part(" is too recent to confirm")]
                if (w.num(unconfirmed) or 0) == 1
                else [w.part(unconfirmed), Part(" are too recent to confirm")]
            )
        tail = "; {others}, and are not counted" if others else ""
        para.append(
            w.say(
                "fed.count",
                f"The policy-rate history holds {{{count}}} easing cycles since "
                f"{{{first}|month}}: a first cut after a hike or a long hold that the Fed did not "
                f"undo within a year{tail}.",
                others=_join(others),
            )
        )
    if has_cycles:
        # the count behind the median; older fact sheets state only the cycles found
        n_id = base("n") if w.has(base("n")) else count
        share = (
            f", and it was positive in {{{base('share_positive')}}} of them"
            if w.has(base("share_positive")) and not w.rate
            else f", and it rose in {{{base('share_positive')}}} of them"
            if w.has(base("share_positive"))
            else ""
        )
        n_all, n_cycles = w.num(n_id), w.num(count)
        missing = ""
        if n_all is not None and n_cycles is not None and n_all < n_cycles:
            inc = ids.fed(f"cycles.incomplete.{measure}")
            missing = (
                f" (the latest {{{inc}}} had not yet run twelve months on the analysis date)"
                if w.has(inc) and (w.num(inc) or 0) > 0
                else " (the others lack twelve months of data)"
            )
        para.append(
            w.say(
                "fed.cycles",
                "Past easing cycles give a yardstick: over the twelve months after a first cut, "
                f"{what} across the {{{n_id}}} cycles with twelve months of data was "
                f"{{{base('median')}|signed}}{share}{missing}.",
            )
        )
        split = [base(x, k) for x in ("median", "n") for k in ("recession", "no_recession")]
        if w.has(*split):
            para.append(
                w.say(
                    "fed.split",
                    f"The split matters: the median was {{{split[0]}|signed}} in the "
                    f"{{{split[2]}}} cycles followed by a recession within a year, and "
                    f"{{{split[1]}|signed}} in the {{{split[3]}}} without one.",
                )
            )
        n = w.num(n_id) or 0
        if n < THIN_CYCLES:
            para.append(
                w.plain(
                    "fed.thin",
                    "With so few cycles the evidence is thin: a single episode "
                    "moves these medians a lot, and each cycle had its own cause.",
                )
            )
        for h in (3, 6):
            i = ids.fed_after_first_cut(ids.fed_measure(w.s, h, kind), "median", "all")
            if w.has(i):
                noun = "change" if w.rate else "return"
                para.append(
                    w.say(
                        f"fed.short.{h}m",
                        f"{_PERIOD_WORDS[f'{h}m'].capitalize()} after the first cut, the "
                        f"median {noun} was {{{i}|signed}}.",
                    )
                )
                break
    else:
        para.append(
            w.plain(
                "fed.missing",
                w.note("fed_cycles", "rates")
                or "Past easing cycles could not be analysed: no policy-rate "
                "history was available.",
            )
        )
    sec.paragraphs.append(para)
    sec.charts.append("fed_cycles")
    return sec


#: the macro indicators, how a sentence names their events, and in what order
_MACRO_WORDS = {
    "unemployment": (
        "unemployment turn",
        "the unemployment rule (the Sahm rule: the jobless rate's recent average rising well "
        "above its low of the past year) was triggered",
    ),
    "payrolls": (
        "first fall in payrolls",
        "payrolls fell for the first month after a run of monthly gains",
    ),
    "gdp": ("first quarter of falling GDP", "real GDP fell for the first quarter after growing"),
    "curve": (
        "yield-curve inversion",
        "the yield curve inverted (the ten-year yield closing below the two-year)",
    ),
}


def _macro_now(w: _Writer) -> list[Sentence]:
    """Where each macro indicator stands on the analysis date."""
    out: list[Sentence] = []
    N = ids.macro_now
    U = lambda k: N("unemployment", k)  # noqa: E731
    if w.has(U("rate_pct"), U("month"), U("sahm_pp")):
        rising = w.get(U("rising"))
        verdict = (
            "enough to trigger the rule"
            if rising is not None and rising.value is True
            else "short of the rule's trigger"
        )
        sahm_m, last_m = w.get(U("sahm_month")), w.get(U("month"))
        when = (
            f" as of {{{U('sahm_month')}|month}}, the latest month it can be computed for,"
            if sahm_m is not None and last_m is not None and sahm_m.value != last_m.value
            else ""
        )
        gap = w.num(U("sahm_pp")) or 0.0
        rel = (
            f"stood {{{U('sahm_pp')}|abs}} above its low of the past year"
            if gap > 0
            else f"stood {{{U('sahm_pp')}|abs}} below its lowest of the past year, a new low"
            if gap < 0
            else "matched its low of the past year"
        )
        out.append(
            w.say(
                "macro.now.unemployment",
                f"Unemployment was {{{U('rate_pct')}}} in {{{U('month')}|month}}; its "
                f"three-month average{when} {rel}: {verdict}.",
                basis=[rising.id, U("sahm_pp")] if rising is not None else [U("sahm_pp")],
            )
        )
    ch = w.num(N("payrolls", "change_jobs"))
    if ch is not None and w.has(N("payrolls", "month")):
        verb = "fell by" if ch < 0 else "rose by" if ch > 0 else "were unchanged at"
        out.append(
            w.say(
                "macro.now.payrolls",
                f"Nonfarm payrolls {verb} {{{N('payrolls', 'change_jobs')}|abs}} jobs in "
                f"{{{N('payrolls', 'month')}|month}}.",
            )
            if ch != 0
            else w.say(
                "macro.now.payrolls",
                f"Nonfarm payrolls did not change in {{{N('payrolls', 'month')}|month}}.",
            )
        )
    g = w.num(N("gdp", "change_pct"))
    if g is not None and w.has(N("gdp", "quarter")):
        # the direction only: a quarter's change reads as an annualised rate to most readers
        verb = "grew" if g > 0 else "shrank" if g < 0 else "was flat"
        out.append(
            w.say(
                "macro.now.gdp",
                f"Real GDP {verb} in the latest quarter published, the one that began in "
                f"{{{N('gdp', 'quarter')}|month}}.",
                basis=[N("gdp", "change_pct")],
            )
        )
    sp = w.num(N("curve", "spread_pp"))
    if sp is not None:
        inv = w.get(N("curve", "inverted"))
        if inv is not None and inv.value is True and w.has(N("curve", "inverted_since")):
            text = (
                f"The ten-year yield is {{{N('curve', 'spread_pp')}|abs}} below the two-year: "
                f"the curve has been inverted since {{{N('curve', 'inverted_since')}}}."
            )
        elif sp >= 0 and w.has(N("curve", "last_inversion")):
            text = (
                f"The ten-year yield is {{{N('curve', 'spread_pp')}|abs}} above the two-year, so "
                f"the curve is not inverted; its latest inversion began in "
                f"{{{N('curve', 'last_inversion')}|month}}."
            )
        else:
            text = (
                f"The spread of the ten-year over the two-year yield is "
                f"{{{N('curve', 'spread_pp')}|signed}}."
            )
        out.append(w.say("macro.now.curve", text, basis=[inv.id] if inv is not None else ()))
    return out


def _macro(w: _Writer) -> Section | None:
    """What followed past macro turning points, with sample sizes, and the state now."""
    inds = [i for i in _MACRO_WORDS if w.has(ids.macro(i, "events"))]
    if not inds:
        return None
    sec = Section("drivers.macro", "Macro turning points")
    kind = _cycle_kind(w)
    m12 = ids.fed_measure(w.s, 12, kind)
    noun = "change" if w.rate else "return"
    para: list[Sentence] = []
    for ind in inds:
        A = lambda stat, ind=ind: ids.macro_after(ind, m12, stat)  # noqa: E731
        n_events = ids.macro(ind, "events")
        ne = int(w.num(n_events) or 0)
        times = "once" if ne == 1 else "twice" if ne == 2 else f"{{{n_events}}} times"
        what = _MACRO_WORDS[ind][1]
        since = "" if para else "Since the data begin, "
        if not w.has(A("n"), A("median")) or (w.num(A("n")) or 0) == 0:
            para.append(
                w.say(
                    f"macro.{ind}",
                    f"{since}{what} {times}, too recently for a full year of the {w.noun} "
                    "after it to be known.",
                )
            )
            continue
        share = (
            f", higher a year later in {{{A('share_positive')}}} of cases"
            if w.has(A("share_positive"))
            else ""
        )
        n_full = int(w.num(A("n")) or 0)
        after = (
            "over the twelve months after each"
            if n_full == ne
            else f"over the twelve months after the {{{A('n')}}} with a full year of data"
        )
        # two sentences: the checker (and a reader) must not tie the subject's figures to the
        # indicator named in the same clause
        para.append(w.say(f"macro.{ind}", f"{since}{what} {times}."))
        para.append(
            w.say(
                f"macro.after_{ind}",
                f"{after[:1].upper()}{after[1:]}, the median {noun} of the {w.noun} was "
                f"{{{A('median')}|signed}}{share}.",
            )
        )
    if para:
        para.append(
            w.plain(
                "macro.thin",
                "Each indicator has only a handful of episodes, dated from when the figure was "
                "published, so these figures describe what followed, not what will.",
            )
        )
        sec.paragraphs.append(para)
    now = _macro_now(w)
    if now:
        sec.paragraphs.append(now)
    return sec


def _size(w: _Writer) -> Section | None:
    if not w.prof.applies("size"):
        return None
    sec = Section("drivers.size", "Small versus large caps")
    para: list[Sentence] = []
    sl = ids.size("small_vs_large_12m_pp")
    pp = w.num(sl)
    if pp is not None:
        verb = "outpaced" if pp > 0 else "trailed"
        para.append(
            w.say(
                "size.relative",
                f"Over the past twelve months small caps {verb} large caps by {{{sl}|abs}}.",
            )
        )
    smb = ids.size("smb_12m_pct")
    if w.has(smb):
        para.append(
            w.say(
                "size.smb",
                "The Fama-French size factor (small minus big) returned "
                f"{{{smb}}} over the same period.",
            )
        )
    i = ids.after_first_cut("smb_12m", "median", "all")
    if w.has(i):
        para.append(
            w.say(
                "size.after_cuts",
                "After past first cuts, the median twelve-month "
                f"return of the size factor was {{{i}}}; a rate cut has not reliably "
                "favoured small companies.",
            )
        )
    if not para:
        note = w.note("compare.smb", "compare.small_caps", "compare.large_caps")
        if note is None:
            return None
        para.append(w.plain("size.missing", note))
    sec.paragraphs.append(para)
    return sec


# --------------------------------------------------------------------------- risks


def _risks(w: _Writer) -> Section:
    sec = Section("risks", "Risks")
    para: list[Sentence] = []
    u: Literal["bp", "pct"] = "bp" if w.rate else "pct"
    realised = ids.vol(w.s, "realised", unit=u)
    if w.has(realised):
        regime = w.get(w.id("vol_regime"))
        art = "an" if regime is not None and str(regime.value)[:1] in "aeiou" else "a"
        reg = f", {art} {regime.value} regime" if regime is not None else ""
        pctile = ids.vol(w.s, "realised", "pctile")
        pct = f": {{{pctile}}} of days in the {w.noun}'s history had less" if w.has(pctile) else ""
        what = (
            f"Daily changes of the {w.noun} over the last month had a volatility of "
            f"{{{realised}}} a year"
            if w.rate
            else f"Realised volatility over the last month is {{{realised}}} annualised"
        )
        para.append(
            w.say(
                "risks.vol", what + pct + reg + ".", basis=[regime.id] if regime is not None else ()
            )
        )
    garch = ids.vol(w.s, "garch", unit=u)
    if w.has(garch):
        para.append(
            w.say(
                "risks.garch",
                "A GARCH model, which lets recent shocks raise expected volatility, puts it at "
                f"{{{garch}}}" + (" a year." if w.rate else "."),
            )
        )
    vix, vix_p = ids.vix("level"), ids.vix("pctile")
    if w.has(vix):
        pct = f", above {{{vix_p}}} of its closes since records began" if w.has(vix_p) else ""
        para.append(
            w.say(
                "risks.vix",
                f"The VIX, the market's price of one-month protection, is at {{{vix}}}{pct}.",
            )
        )
    if not para:
        para.append(
            w.plain(
                "risks.vol_missing",
                w.note("regimes") or "The volatility regime could not be measured for this run.",
            )
        )
    sec.paragraphs.append(para)

    para = []
    cb_id, cg_id = w.id("corr_bonds_63d"), w.id("corr_gold_63d")
    cb, cg = w.num(cb_id), w.num(cg_id)
    if cb is not None:
        hedge = (
            "so Treasuries have been cushioning its losses"
            if cb < -0.1
            else "so Treasuries have offered little cushion"
            if cb > 0.1
            else f"so Treasuries have moved largely independently of the {w.noun}"
        )
        para.append(
            w.say(
                "risks.corr_bonds",
                "Over the last three months, its daily returns and those of Treasuries had a "
                f"correlation of {{{cb_id}|d2}}, {hedge}.",
            )
        )
    if cg is not None:
        para.append(w.say("risks.corr_gold", f"The correlation with gold was {{{cg_id}|d2}}."))
    f63, fh = w.id("flight_to_safety_share_63d"), w.id("flight_to_safety_share_hist")
    if w.has(f63, fh):
        para.append(
            w.say(
                "risks.flight",
                f"On {{{f63}}} of recent days it fell while bonds and gold rose, against "
                f"{{{fh}}} over the full history.",
            )
        )
    risks = [
        r for r in (w.o.assumptions.get("risks") or []) if isinstance(r, str) and _no_digits(r)
    ]
    if risks:
        para.append(
            w.say(
                "risks.named",
                "The thesis itself names {items} as "
                + (
                    "risks; the data here cannot price them directly."
                    if len(risks) > 1
                    else "a risk; the data here cannot price it directly."
                ),
                items=_join([[Part(_risk_words(r))] for r in risks]),
            )
        )
    if para:
        sec.paragraphs.append(para)
    sec.charts.append("volatility")

    stress = [f for f in w.facts if _is_loss(f)]
    if stress:
        sec.subsections.append(_stress(w, stress))
    return sec


def _is_loss(f: Fact) -> bool:
    p = ids.parse_stress(f.id)
    return p is not None and p[1] == "loss_pct" and f.is_numeric


def _scenario(f: Fact) -> str:
    p = ids.parse_stress(f.id)
    return p[0] if p else ""


def _stress_name(w: _Writer, key: str) -> list[Part]:
    """ "the 2020 Covid crash": the stress analysis's label fact, else the writer's label fact."""
    for fid in (ids.stress(key, "label"), ids.writing("scenario", key)):
        if w.has(fid):
            part = w.part(fid)
            break
    else:
        part = Part(scenario_name(key))
    first = part.text.split(" ")[0]
    if first[:1].isupper() and not first.isupper() and first not in ("Fed", "Covid"):
        # a label written as a title ("Flight to safety") reads in prose as "the flight to safety"
        part = Part(part.text[0].lower() + part.text[1:], part.fact_id)
    return [Part("the "), part]


def _stress_partial(w: _Writer, key: str) -> bool:
    f = w.get(ids.stress(key, "partial"))
    if f is not None:
        return bool(f.value)
    cov = w.num(ids.stress(key, "coverage_pct"))
    return cov is not None and cov < 100.0


def _stress(w: _Writer, stress: Sequence[Fact]) -> Section:
    """Stress tests: complete scenarios ranked by loss; partial ones set apart, never ranked."""
    sub = Section("risks.stress", "Stress tests")
    key = _scenario
    complete = sorted(
        (f for f in stress if not _stress_partial(w, key(f))), key=lambda f: -numeric_value(f)
    )
    partial = [f for f in stress if _stress_partial(w, key(f))]
    para: list[Sentence] = []

    def outcome(f: Fact) -> list[Part]:
        # loss_pct is positive for a loss; a negative value is a gain
        verb = "a loss of " if numeric_value(f) > 0 else "a gain of "
        return [Part(verb), w.part(f.id, style="abs")]

    losers = [f for f in complete if numeric_value(f) > 0]
    gainers = [f for f in complete if numeric_value(f) <= 0]

    def named(f: Fact) -> list[Part]:
        return [*_stress_name(w, key(f)), Part(" ("), w.part(f.id, style="abs"), Part(")")]

    full = " that cover the whole portfolio" if partial else ""
    if losers:
        worst, rest = losers[0], losers[1:3]
        tail = ", followed by {rest}" if rest else ""
        para.append(
            w.say(
                "stress.worst",
                f"Of the scenarios{full}, today's weights would have lost most in {{worst}}"
                + tail
                + ".",
                worst=named(worst),
                rest=_join([named(f) for f in rest]),
            )
        )
        if len(losers) > 3:
            para.append(
                w.say(
                    "stress.mildest",
                    "The mildest loss among them was in {mild}.",
                    mild=named(losers[-1]),
                )
            )
    if gainers:
        para.append(
            w.say(
                "stress.gains",
                "The portfolio would have gained in {items}.",
                items=_join([named(f) for f in gainers]),
            )
        )
    if partial:
        partial.sort(key=lambda f: -numeric_value(f))
        covs = [ids.stress(key(f), "coverage_pct") for f in partial]
        texts = {w.part(c, decimals=0).text for c in covs if w.has(c)}
        basis = [
            ids.stress(key(f), "partial") for f in partial if w.has(ids.stress(key(f), "partial"))
        ]
        if len(texts) == 1 and all(w.has(c) for c in covs):
            # one coverage for all: say it once
            lead = (
                "One scenario covers"
                if len(partial) == 1
                else f"{_words(len(partial)).capitalize()} scenarios cover"
            )
            para.append(
                w.say(
                    "stress.partial",
                    f"{lead} only {{cov}} of the weights, because "
                    + ("its window predates" if len(partial) == 1 else "their windows predate")
                    + " part of the portfolio, so the figures leave those holdings out and are not ranked "
                    "with the rest: {items}.",
                    cov=w.part(covs[0], decimals=0),
                    items=_join(
                        [
                            [*_stress_name(w, key(f)), Part(" ("), *outcome(f), Part(")")]
                            for f in partial
                        ]
                    ),
                    basis=basis,
                )
            )
        else:
            items = []
            for f, cov in zip(partial, covs, strict=True):
                item = [*_stress_name(w, key(f)), Part(": "), *outcome(f)]
                if w.has(cov):
                    item += [
                        Part(" (covers only "),
                        w.part(cov, decimals=0),
                        Part(" of the weights)"),
                    ]
                items.append(item)
            para.append(
                w.say(
                    "stress.partial",
                    "Some windows predate part of the portfolio, so these figures leave those "
                    "holdings out and are not ranked with the rest: {items}.",
                    items=_join(items, "and"),
                    basis=basis,
                )
            )
    para.append(
        w.plain(
            "stress.caveat",
            "Scenarios show how the current weights would have fared, "
            "not how likely such a shock is.",
        )
    )
    sub.paragraphs.append(para)
    sub.charts.append("stress")
    return sub


def _portfolio(w: _Writer) -> Section | None:
    if not w.facts.prefixed(ids.portfolio("")):
        return None
    P, B = ids.portfolio, ids.benchmark
    sec = Section("portfolio", "Portfolio")
    para: list[Sentence] = []
    if w.has(P("cagr_pct"), P("vol_ann_pct")):
        para.append(
            w.say(
                "portfolio.return",
                f"In the backtest the portfolio returned {{{P('cagr_pct')}}} a year with "
                f"volatility of {{{P('vol_ann_pct')}}}.",
            )
        )
    if w.has(P("max_drawdown_pct"), P("max_drawdown_start"), P("max_drawdown_end")):
        para.append(
            w.say(
                "portfolio.drawdown",
                f"Its worst fall was {{{P('max_drawdown_pct')}|abs}}, from "
                f"{{{P('max_drawdown_start')}}} to {{{P('max_drawdown_end')}}}.",
            )
        )
    if w.has(P("sharpe"), B("sp500", "sharpe")):
        para.append(
            w.say(
                "portfolio.sharpe",
                f"Its Sharpe ratio of {{{P('sharpe')}|d2}} compares with "
                f"{{{B('sp500', 'sharpe')}|d2}} for its equity benchmark alone.",
            )
        )
    para.append(
        w.plain(
            "portfolio.caveat",
            "A backtest shows what these rules would have "
            "done, with hindsight about which assets existed; it is not a forecast.",
        )
    )
    sec.paragraphs.append(para)
    prefix = ids.portfolio_weight("")
    weights = [f for f in w.facts.prefixed(prefix) if f.is_numeric]
    if weights:
        items = [
            [Part(f.id.removeprefix(prefix).replace("_", " ") + " "), w.part(f.id)] for f in weights
        ]
        sec.paragraphs.append(
            [w.say("portfolio.weights", "Current weights: {items}.", items=_join(items))]
        )
    cols = [
        ("portfolio", "Portfolio"),
        ("benchmark.sp500", "Equity benchmark"),
        ("benchmark.6040", "Sixty/forty"),
    ]
    cols = [(p, n) for p, n in cols if w.facts.prefixed(p + ".")]
    cell = {
        "portfolio": P,
        "benchmark.sp500": lambda m: B("sp500", m),
        "benchmark.6040": lambda m: B("6040", m),
    }
    rows = []
    for metric, label in _PORTFOLIO_METRICS:
        if not any(w.has(cell[p](metric)) for p, _ in cols):
            continue
        row: list[Cell] = [(Part(label),)]
        for p, _ in cols:
            i = cell[p](metric)
            if not w.has(i):
                row.append((Part("–"),))
                continue
            # one precision per row, so a column of figures lines up
            dec = {"ratio": 2, "pct": 1, "probability": 0}.get(w.facts[i].unit)
            row.append((w.part(i, decimals=dec),))
        rows.append(tuple(row))
    if rows:
        sec.tables.append(
            Table(
                "portfolio",
                "Backtest metrics",
                ((Part("Metric"),), *[(Part(n),) for _, n in cols]),
                tuple(rows),
            )
        )
    sec.charts.append("equity")
    return sec


def _skill_paragraph(w: _Writer) -> list[Sentence]:
    """Brier skill of each method against the base rate, at the horizon nearest the thesis's;
    led by the base rate when none of the models beat it."""
    h = _skill_horizon(w)
    if h is None:
        return []
    period = _PERIOD_WORDS.get(h, h)
    bss = lambda m: ids.calibration(m, "bss", h)  # noqa: E731
    models = [m for m in w.o.methods if w.has(bss(m))]
    others = [m for m in (IMPLIED, "conditional", "baseline") if w.has(bss(m))]
    out: list[Sentence] = []
    beat = _models_beat_base_rate(w)
    if beat is False:
        out.append(
            w.plain(
                "calibration.base_lead",
                f"The plain base rate comes first: over {period}, none of the models forecast "
                f"rises and falls of the {w.noun} better than the share of earlier windows in "
                "which it had made them, so the shares of past windows beside each probability "
                "in the summary are the steadier guide.",
            )
        )
    if models:
        items = [[w.part(bss(m), style="signed"), Part(f" ({_prose(m)})")] for m in models]
        out.append(
            w.say(
                "calibration.skill",
                "Scored on the same dates against the base rate (at each date, the share of "
                "earlier windows of the same length in which the move had happened), the "
                f"models' {_HORIZON_WORDS.get(h, h)} probabilities of rises and falls of several "
                "sizes had a "
                "Brier skill of {items}: above zero is more accurate than the base rate, below "
                "zero less.",
                items=_join(items),
                basis=[
                    i
                    for m in models
                    if w.has(i := ids.calibration_verdict("beats_base_rate", h, m))
                ],
            )
        )
    if others:
        rest = [[Part(_method_ref(m) + " scored "), w.part(bss(m), style="signed")] for m in others]
        out.append(
            w.say("calibration.skill_others", "By the same measure {items}.", items=_join(rest))
        )
    best = w.get(ids.calibration_verdict("best", h))
    if best is not None and isinstance(best.value, str):
        name = _method_ref(best.value)
        out.append(
            w.say(
                "calibration.best",
                f"The most accurate forecast of those moves over {period} was {name}'s."
                if best.value != BASE
                else f"The most accurate forecast of those moves over {period} was the base "
                "rate itself.",
                basis=[best.id],
            )
        )
    return out


def _calibration(w: _Writer) -> Section:
    sec = Section("calibration", "How reliable these probabilities have been")
    para: list[Sentence] = []
    cells = {}
    for f in w.facts:
        c = ids.parse_calibration(f.id)
        # the valuation ranges have their own paragraph
        if c is not None and (
            c.measure.startswith("coverage") or c.measure in ("brier", "crps_pct", "n", "bss")
        ):
            cells[(c.method, c.measure, c.horizon)] = f.id
    methods = list(dict.fromkeys(k[0] for k in cells))
    horizons = sorted({k[2] for k in cells}, key=lambda h: (len(h), h))
    if not cells:
        not_run = (
            f"The walk-forward calibration scores the path models on prices and index levels; it "
            f"was not run for a {w.noun}, so the article cannot say how reliable these "
            "probabilities have been."
            if "calibration" in w.o.not_applicable and w.rate
            else None
        )
        para.append(
            w.plain(
                "calibration.missing",
                not_run
                or w.note("calibration")
                or "The methods were not back-tested in this run, so the article "
                "cannot say how reliable their probabilities have been.",
            )
        )
        sec.paragraphs.append(para)
        _range_calibration(w, sec)
        return sec
    if w.has(_CAL_START, _CAL_END):
        para.append(
            w.say(
                "calibration.intro",
                f"Each method was re-run on past dates from {{{_CAL_START}}} to "
                f"{{{_CAL_END}}}, using only the data available on each date, and its forecasts "
                f"were compared with what the {w.noun} then did.",
            )
        )
    skill = _skill_paragraph(w)
    if skill:
        para += skill
        sec.paragraphs.append(para)
        para = []
        sec.charts.append("reliability")
    # how often the central band held the outcome: the models and the market's odds
    banded = [m for m in (*w.o.methods, IMPLIED) if m in methods]
    if banded:
        para.append(
            w.say(
                "calibration.bands",
                f"A well-calibrated central band of {{{_NOMINAL80}}} should contain the outcome "
                "about that often.",
            )
        )
    thin: list[str] = []
    # when every method was scored on the same dates, the sample sizes are said once
    first = methods[0]
    shared_n = all(
        (m, "n", h) in cells
        and (first, "n", h) in cells
        and w.num(cells[(m, "n", h)]) == w.num(cells[(first, "n", h)])
        for m in methods
        for h in horizons
    )
    if shared_n and len(methods) > 1 and banded:
        para.append(
            w.say(
                "calibration.n",
                "Each method has {items}.",
                items=[
                    *_join(
                        [
                            [w.part(cells[(first, "n", h)]), Part(f" {_HORIZON_WORDS.get(h, h)}")]
                            for h in horizons
                        ]
                    ),
                    Part(" forecasts on record"),
                ],
            )
        )
    for n_m, m in enumerate(banded):
        held = [h for h in horizons if (m, "coverage80", h) in cells]
        if not held:
            continue
        for h in held:
            n_id = cells.get((m, "n", h))
            if n_id and (w.num(n_id) or 0) < THIN_CALIBRATION and h not in thin:
                thin.append(h)
        if shared_n and len(methods) > 1:
            # "87%, 86% and 81% of three-, six- and twelve-month forecasts"
            words = [_HORIZON_WORDS.get(h, h) for h in held]
            if all("-" in x for x in words):
                pre = [x.split("-")[0] + "-" for x in words[:-1]]
            else:
                pre = words[:-1]
            hw = ", ".join(pre) + " and " + words[-1] if pre else words[-1]
            items = [
                *_join([[w.part(cells[(m, "coverage80", h)])] for h in held]),
                Part(f" of {hw} forecasts"),
            ]
        else:
            per_horizon: list[list[Part]] = []
            for h in held:
                item = [w.part(cells[(m, "coverage80", h)])]
                n_id = cells.get((m, "n", h))
                if n_id:
                    item += [Part(" of "), w.part(n_id)]
                item.append(Part(f" {_HORIZON_WORDS.get(h, h)} forecasts"))
                per_horizon.append(item)
            items = _join(per_horizon)
        # judge on the horizon with the most forecasts: it is the steadiest reading
        best = max(held, key=lambda h: w.num(cells.get((m, "n", h), "")) or 0)
        cov = w.num(cells[(m, "coverage80", best)]) or 0.0
        judgement = (
            "about as often as it should"
            if abs(cov - 0.8) <= 0.05
            else "too rarely, so its bands were too narrow and the method overconfident"
            if cov < 0.8
            else "more often than needed, so its bands were cautious"
        )
        tmpl = _pick(
            f"calibration.{m}",
            (
                f"{_method_ref(m)[:1].upper() + _method_ref(m)[1:]}'s central "
                f"{{{_NOMINAL80}}} band held the outcome in {{items}}: {judgement}.",
                f"For {_method_ref(m)}, the central {{{_NOMINAL80}}} band held the "
                f"outcome in {{items}}, {judgement}.",
            ),
            offset=n_m,
        )
        para.append(w.say(f"calibration.{m}", tmpl, items=items))
    if thin:
        thin_words = " and ".join(_HORIZON_WORDS.get(h, h) for h in thin)
        para.append(
            w.plain(
                "calibration.thin",
                f"The {thin_words} samples are small, so those readings are tentative.",
            )
        )
    para.append(
        w.plain(
            "calibration.overlap",
            "Forecasts made on nearby dates overlap, so "
            "these samples carry less independent evidence than their size "
            "suggests.",
        )
    )
    sec.paragraphs.append(para)
    header: list[Cell] = [(Part("Method"),), (Part("Horizon"),)]
    stats = [
        s
        for s in ("coverage50", "coverage80", "coverage95", "bss", "n")
        if any(k[1] == s for k in cells)
    ]
    for s in stats:
        if s.startswith("coverage"):
            header.append(
                (Part("Band "), w.part(ids.writing("nominal_coverage", s[8:])), Part(" held"))
            )
        else:
            header.append((Part({"bss": "Skill against the base rate", "n": "Forecasts"}[s]),))
    rows = []
    for m in methods:
        for h in horizons:
            if not any((m, s, h) in cells for s in stats):
                continue
            row: list[Cell] = [(Part(method_name(m)),), (Part(_HORIZON_WORDS.get(h, h)),)]
            for s in stats:
                i = cells.get((m, s, h))
                if i is None:
                    row.append((Part("–"),))
                else:
                    row.append((w.part(i, style="signed" if s == "bss" else "default"),))
            rows.append(tuple(row))
    sec.tables.append(
        Table(
            "calibration",
            "Past forecasts: how often each band held the outcome, and skill against the base rate",
            tuple(header),
            tuple(rows),
        )
    )
    _range_calibration(w, sec)
    return sec


def _range_calibration(w: _Writer, sec: Section) -> None:
    """Valuation ranges scored on past dates: shares of outcomes by zone against nominal."""
    hs = sorted(
        {h for f in w.facts if (h := _ranges_horizon(f.id)) is not None},
        key=lambda h: (len(h), h),
    )
    if not hs:
        return
    h = "12m" if "12m" in hs else hs[-1]
    R = lambda measure, h=h: ids.calibration("ranges", measure, h)  # noqa: E731
    need = [R("share_inside"), R("share_base"), ids.writing("nominal_range", "base")]
    start, end = (ids.calibration("ranges", x) for x in ("start", "end"))
    n_id = R("n")
    if not w.has(*need):
        return
    period = _PERIOD_WORDS.get(h, h)
    para: list[Sentence] = []
    window = f" from {{{start}}} to {{{end}}}" if w.has(start, end) else ""
    n = f" at {{{n_id}}} past dates{window}" if w.has(n_id) else window
    inside, base_share = w.num(need[0]) or 0.0, w.num(need[1]) or 0.0

    def judge(share: float, nominal: float) -> str:
        if abs(share - nominal) <= 0.05:
            return "close to"
        return "less often than" if share < nominal else "more often than"

    para.append(
        w.say(
            "calibration.ranges",
            f"The valuation ranges were rebuilt{n} and compared with where the index stood "
            f"{period} later. It ended inside the base range {{{need[1]}}} of the time, "
            f"{judge(base_share, 0.5)} the nominal {{{need[2]}}}, and inside "
            f"the bear-to-bull span {{{need[0]}}}, {judge(inside, 0.8)} the nominal "
            f"{{{_NOMINAL80}}}.",
        )
    )
    below, above = R("share_below"), R("share_above")
    tail = ids.writing("nominal_range", "below")
    if w.has(below, above, tail):
        para.append(
            w.say(
                "calibration.ranges_tails",
                f"It fell below the bear range {{{below}}} of the time and rose above the bull "
                f"range {{{above}}}, against a nominal {{{tail}}} each.",
            )
        )
    para.append(
        w.plain(
            "calibration.ranges_overlap",
            f"Dates a month apart share most of their {period}, so these outcomes overlap "
            "heavily and hold far fewer independent episodes than the count suggests; "
            "read the shares as rough.",
        )
    )
    sec.paragraphs.append(para)
    rows = []
    names = {
        "below": "Below the bear range",
        "bear": "Bear range",
        "base": "Base range",
        "bull": "Bull range",
        "above": "Above the bull range",
    }
    for zone, label in names.items():
        i, nom = R(f"share_{zone}"), ids.writing("nominal_range", zone)
        if w.has(i, nom):
            rows.append(((Part(label),), (w.part(i),), (w.part(nom),)))
    if w.has(need[0]):
        rows.append(
            (
                (Part("Inside bear to bull"),),
                (w.part(need[0]),),
                (w.part(_NOMINAL80),),
            )
        )
    sec.tables.append(
        Table(
            "calibration_ranges",
            f"Where the index ended {period} after past valuation ranges",
            ((Part("Zone"),), (Part("Share of outcomes"),), (Part("Nominal"),)),
            tuple(rows),
        )
    )


def _ranges_horizon(fact_id: str) -> str | None:
    """The horizon of a ``calibration.ranges.share_inside.{h}`` fact, else None."""
    prefix = ids.calibration("ranges", "share_inside", "")
    return fact_id.removeprefix(prefix) if fact_id.startswith(prefix) else None


_CAL_START, _CAL_END = ids.calibration("start", ""), ids.calibration("end", "")
_NOMINAL80 = ids.writing("nominal_coverage", "80")


def _brier_part(w: _Writer, fact_id: str) -> Part:
    """A Brier score with enough decimals to show one significant digit (0.0003, not 0.000)."""
    v = abs(w.num(fact_id) or 0.0)
    return w.part(fact_id, decimals=3 if v >= 0.0005 or v == 0 else 4)


def _prob_span(w: _Writer, items: Sequence[tuple[str, str]]) -> list[Part]:
    """Stated probabilities of several methods: "91%" when one, else "85% (GARCH) to 91% (GBM)"."""
    ranked = sorted(items, key=lambda mi: w.num(mi[1]) or 0.0)
    lo, hi = ranked[0], ranked[-1]
    if len(ranked) == 1:
        return [w.part(lo[1]), Part(f" ({_prose(lo[0])})")]
    if w.part(lo[1]).text == w.part(hi[1]).text:
        return [w.part(lo[1]), Part(" from every method")]
    return [
        w.part(lo[1]),
        Part(f" ({_prose(lo[0])}) to "),
        w.part(hi[1]),
        Part(f" ({_prose(hi[0])})"),
    ]


def _calls(w: _Writer, probs: Sequence[float], happened: bool) -> str:
    """How the methods' calls fared: a call is right when it leaned towards what happened."""
    right = [(p > 0.5) == happened for p in probs if p != 0.5]
    if right and all(right):
        return "a hit for every method" if len(probs) > 1 else "a hit"
    if right and not any(right):
        return "a miss for every method" if len(probs) > 1 else "a miss"
    return "a split verdict across the methods"


def _scorecard(w: _Writer) -> Section | None:
    sc = lambda measure, *rest: ids.scorecard(w.s, measure, *rest)  # noqa: E731
    if not w.facts.prefixed(sc("")):
        return None
    o, name = w.o, w.the_name
    sec = Section(
        "scorecard",
        "Scorecard: what happened next",
        banner="This section uses data from after the analysis date. Nothing in the "
        "sections above used it.",
    )
    complete_f = w.get(sc("complete"))
    end_id = next((i for i in (sc("level_at_end"), sc("level_at_horizon")) if w.has(i)), None)
    # older runs carry only level_at_horizon, which exists only once the horizon is reached
    complete = bool(complete_f.value) if complete_f is not None else end_id is not None
    horizon = w.due() or ids.outlook("horizon")
    para: list[Sentence] = []
    if end_id is not None:
        when = f" on {{{sc('last_date')}}}" if w.has(sc("last_date")) else ""
        chg_id = sc("change_bp") if w.rate else sc("change_pct")
        change = w.num(chg_id)
        since = ""
        if change is not None:
            direction = "up" if change > 0 else "down"
            fmt_ = "|abs" if w.rate else "|abs|d1"
            since = (
                f", {direction} {{{chg_id}{fmt_}}} from its close on the analysis date"
                if change != 0
                else ", unchanged from its close on the analysis date"
            )
        basis = [complete_f.id] if complete_f is not None else ()
        if complete:
            para.append(
                w.say(
                    "scorecard.level",
                    f"At the horizon {name} closed at {{{end_id}}}{when}{since}.",
                    basis=basis,
                )
            )
        else:
            para.append(
                w.say(
                    "scorecard.level",
                    f"The data after the analysis date run only to {{{sc('last_date')}}}, short "
                    f"of the horizon on {{{horizon}}}. The latest close was {{{end_id}}}{since}.",
                    basis=basis,
                )
            )
        if w.has(sc("path_max"), sc("path_min")):
            if complete:
                # the span by its dates: undated, a reader (and the checker) takes the figures
                # for closes on one day
                tmpl = (
                    f"Between {{{ids.outlook('as_of')}}} and {{{sc('last_date')}}}, it closed as "
                    f"high as {{{sc('path_max')}}} and as low as {{{sc('path_min')}}}."
                    if w.has(ids.outlook("as_of"), sc("last_date"))
                    else f"Its highest close in between was {{{sc('path_max')}}} and its lowest "
                    f"{{{sc('path_min')}}}."
                )
            else:
                tmpl = (
                    f"Its highest close so far was {{{sc('path_max')}}} and its lowest "
                    f"{{{sc('path_min')}}}."
                )
            para.append(w.say("scorecard.path", tmpl))
    if para:
        sec.paragraphs.append(para)

    # each level: the events the run gave probabilities for, against what happened
    para = []
    pending: list[str] = []
    rows: list[tuple[Cell, ...]] = []
    methods = list(o.methods)
    labels = {
        "touch": ("touched", "brier_touch", "touched before its date"),
        "close_above": ("closed_above", "brier_close_above", "closed at or above on its date"),
        "close_below": ("closed_below", "brier_close_below", "closed at or below on its date"),
    }
    for view, fid in w.views():
        k = level_key(view.level)
        side = w.side(view.level)
        events: list[ids.Event] = ["touch", *_close_events(w, view)]
        if len(events) == 1 and side != "at":
            events.append("close_below" if side == "below" else "close_above")
        for event in events:
            outcome_m, brier_m, label = labels[event]
            probs = w.methods_with(event, view.level)
            outcome = w.get(sc(outcome_m, view.level))
            if not probs and outcome is None:
                continue
            if outcome is None:
                pending.append(event)
            if event == "touch" and side == "below":
                label = "fell to it before its date"
            res = "pending" if outcome is None else ("yes" if outcome.value else "no")
            row: list[Cell] = [(w.part(fid),), (Part(label),), (Part(res),)]
            for m in methods:
                p_id, b_id = ids.p_event(w.s, event, view.level, m), sc(brier_m, view.level, m)
                if not w.has(p_id):
                    row.append((Part("–"),))
                elif w.has(b_id):
                    row.append((w.part(p_id), Part(" ("), _brier_part(w, b_id), Part(")")))
                else:
                    row.append((w.part(p_id),))
            rows.append(tuple(row))
            if outcome is None or not probs:
                continue
            happened = bool(outcome.value)
            vals = [w.num(i) or 0.0 for _, i in probs]
            verdict = _calls(w, vals, happened)
            span = _prob_span(w, probs)
            if event == "touch":
                if side == "below":
                    what = f"It fell to {{{fid}}}" if happened else f"It never fell to {{{fid}}}"
                    tmpl = (
                        f"{what}; the methods had put the chance of that at {{span}}, so {verdict}."
                    )
                else:
                    what = f"It reached {{{fid}}}" if happened else f"It never reached {{{fid}}}"
                    tmpl = f"{what}; the methods had put the chance of touching it at {{span}}, so {verdict}."
            else:
                rel = "above" if event == "close_above" else "below"
                other = "below" if rel == "above" else "above"
                where = rel if happened else other
                tmpl = (
                    f"It ended the period {where} {{{fid}}}, against a stated chance of {{span}} "
                    f"of closing at or {rel} it: {verdict}."
                )
            para.append(w.say(f"scorecard.{event}.{k}", tmpl, span=span, basis=[outcome.id]))
    for d in o.drawdowns:
        key = str(d["key"])
        pct_id = ids.thesis_drawdown(w.s, key)
        probs = w.methods_with("drawdown", key)
        outcome = w.get(sc("drew_down", key))
        if not probs or not w.has(pct_id):
            continue
        res = "pending" if outcome is None else ("yes" if outcome.value else "no")
        row = [
            (Part("fall of "), w.part(pct_id)),
            (Part("drawdown before the horizon"),),
            (Part(res),),
        ]
        for m in methods:
            p_id, b_id = ids.p_event(w.s, "drawdown", key, m), sc("brier_drawdown", key, m)
            if not w.has(p_id):
                row.append((Part("–"),))
            elif w.has(b_id):
                row.append((w.part(p_id), Part(" ("), _brier_part(w, b_id), Part(")")))
            else:
                row.append((w.part(p_id),))
        rows.append(tuple(row))
        if outcome is None:
            pending.append("drawdown")
            continue
        happened = bool(outcome.value)
        verdict = _calls(w, [w.num(i) or 0.0 for _, i in probs], happened)
        what = "It fell" if happened else "It did not fall"
        ref = "its running high" if d.get("basis") == "high" else "its close on the analysis date"
        para.append(
            w.say(
                f"scorecard.drawdown.{key}",
                f"{what} {{{pct_id}}} from {ref}; the methods had put the chance "
                f"of that at {{span}}, so {verdict}.",
                span=_prob_span(w, probs),
                basis=[outcome.id],
            )
        )
    if para:
        sec.paragraphs.append(para)

    # where the outcome fell in each method's forecast, and the valuation ranges
    para = []
    pits = [(m, sc("pit", m)) for m in methods if w.has(sc("pit", m))]
    tail_id = ids.writing("forecast_tail")
    if pits and complete and w.has(tail_id):
        low = [m for m, i in pits if (w.num(i) or 0) <= 0.05]
        high = [m for m, i in pits if (w.num(i) or 0) >= 0.95]
        mid = [(m, i) for m, i in pits if m not in low and m not in high]
        bits: list[list[Part]] = []
        for group, where in ((low, "bottom"), (high, "top")):
            if not group:
                continue
            who = (
                "every method's forecast"
                if len(group) == len(pits) and len(pits) > 1
                else "the forecast of " + " and ".join(_prose(m) for m in group)
            )
            bits.append([Part(f"in the {where} "), w.part(tail_id), Part(f" of {who}")])
        for m, i in mid:
            bits.append([Part("with "), w.part(i), Part(f" of the {_prose(m)} forecast below it")])
        tail = ""
        if low or high:
            tail = (
                "; such an outcome lay outside the range those methods expected nine times in ten"
            )
        para.append(
            w.say(
                "scorecard.pit",
                "The final close fell {bits}" + tail + ".",
                bits=_join(bits, "and"),
                basis=[i for _, i in pits],
            )
        )
    rb = lambda c, b: ids.range_bound(w.s, c, b)  # noqa: E731
    cases = [c for c in ("bear", "base", "bull") if w.has(rb(c, "low"), rb(c, "high"))]
    hits = {c: w.get(sc("range_hit", c)) for c in ("bear", "base", "bull")}
    if complete and end_id is not None and cases and any(f is not None for f in hits.values()):
        end = w.num(end_id) or 0.0
        lo_id, hi_id = rb(cases[0], "low"), rb(cases[-1], "high")
        basis = [f.id for f in hits.values() if f is not None]
        inside = [c for c in cases if (hit := hits.get(c)) is not None and hit.value]
        if inside:
            c = inside[-1] if "base" not in inside else "base"
            tmpl = (
                f"The valuation ranges held: the close sat inside the {c} range of "
                f"{{{rb(c, 'low')}}} to {{{rb(c, 'high')}}}."
            )
        elif end < (w.num(lo_id) or 0.0):
            tmpl = (
                "The valuation ranges did not hold: the close was below even the "
                f"{cases[0]} range, which started at {{{lo_id}}}."
            )
        else:
            tmpl = (
                "The valuation ranges did not hold: the close was above even the "
                f"{cases[-1]} range, which ended at {{{hi_id}}}."
            )
        para.append(w.say("scorecard.ranges", tmpl, basis=basis))
    means = [(m, sc("brier_mean", m)) for m in methods if w.has(sc("brier_mean", m))]
    if means:
        # one precision for the list, enough to show the smallest score's first digit
        dec = 4 if any(0 < abs(w.num(i) or 0) < 0.0005 for _, i in means) else 3
        items = [[w.part(i, decimals=dec), Part(f" ({_prose(m)})")] for m, i in means]
        n_settled = sum(
            1
            for f in w.facts
            if f.id.startswith(sc("brier_")) and not f.id.startswith(sc("brier_mean"))
        )
        averaged = (
            "On the one settled call"
            if n_settled == len(means)
            else "Averaged over the settled calls"
        )
        coin_p, coin_b = ids.writing("coin_probability"), ids.writing("brier_coin")
        coin = (
            f" (lower is better; a constant {{{coin_p}}} forecast scores {{{coin_b}}})"
            if w.has(coin_p, coin_b)
            else " (lower is better)"
        )
        para.append(
            w.say(
                "scorecard.brier_mean",
                averaged + ", the Brier score" + coin + " was {items}.",
                items=_join(items),
            )
        )
        calibrated = any(ids.parse_calibration(f.id) for f in w.facts)
        para.append(
            w.plain(
                "scorecard.one_path",
                f"These calls all ride on a single path of the {w.noun}, so one outcome settles "
                "them together; they say little about which method is better in general"
                + (
                    ", which is what the calibration section above measures." if calibrated else "."
                ),
            )
        )
    if para:
        sec.paragraphs.append(para)
    if not complete and end_id is not None:
        open_bits = []
        if "touch" in pending or "drawdown" in pending:
            open_bits.append("whether the events that have not happened yet still happen")
        open_bits.append("where the final close lands against each forecast")
        if cases:
            open_bits.append("whether the valuation ranges hold")
        sec.paragraphs.append(
            [
                w.say(
                    "scorecard.pending",
                    "Settled so far: only the events that have already happened. Still open "
                    f"until {{{horizon}}}: {{items}}.",
                    items=_join([[Part(b)] for b in open_bits]),
                )
            ]
        )
    if not sec.paragraphs:
        sec.paragraphs.append(
            [
                w.plain(
                    "scorecard.partial",
                    "Data after the analysis date exists, but too little of it to score the "
                    "outlook yet.",
                )
            ]
        )
    if rows:
        header: list[Cell] = [(Part("Level"),), (Part("Event"),), (Part("Happened"),)]
        header += [(Part(method_name(m)),) for m in methods]
        if means:
            mean_row: list[Cell] = [(Part("Mean Brier score"),), (Part(""),), (Part(""),)]
            for m in methods:
                i = sc("brier_mean", m)
                mean_row.append((_brier_part(w, i),) if w.has(i) else (Part("–"),))
            rows.append(tuple(mean_row))
        sec.tables.append(
            Table(
                "scorecard",
                "Stated probability by method (Brier score in brackets; lower is better)",
                tuple(header),
                tuple(rows),
            )
        )
    sec.charts.append("scorecard")
    return sec


def _appendix(w: _Writer, extra: list[Fact]) -> Section:
    sec = Section("appendix", "Data and methods")
    o = w.o
    inc = "daily changes (in percentage points)" if w.rate else "daily returns"
    methods_text = {
        "gbm": "GBM: geometric Brownian motion with drift and volatility estimated from daily "
        "log returns.",
        "normal": f"Normal: a random walk of the {w.noun}'s daily changes in percentage points, "
        "with their volatility estimated from history and no drift unless the thesis states one; "
        "unlike a price, a yield can fall as far as it rises.",
        "bootstrap": f"Bootstrap: resampling blocks of the {w.noun}'s own {inc}, which keeps "
        "fat tails and short-run clustering.",
        "garch": "GARCH: a volatility model with Student-t shocks that lets today's volatility "
        f"decay toward its long-run level{' (fitted to daily changes in basis points)' if w.rate else ''}.",
    }
    para = [
        w.plain(f"appendix.method.{m}", methods_text[m]) for m in o.methods if m in methods_text
    ]
    if w.facts.prefixed(ids.method_param(w.s, IMPLIED, "")):
        para.append(
            w.plain(
                "appendix.method.implied",
                "VIX-implied: a lognormal law at the horizon whose volatility is the VIX, carried "
                "over the term by the VIX's own pull back to its long-run level, with the "
                "risk-neutral drift (the short rate); these are the odds at which options are "
                "priced, not forecasts.",
            )
        )
    if w.facts.prefixed(ids.method_param(w.s, BASE, "")):
        para.append(
            w.plain(
                "appendix.method.baserate",
                f"Base rate: the share of every earlier window of the same length, all ended by "
                f"the analysis date, in which the {w.noun} made the same move; the windows "
                "overlap, so they hold fewer independent episodes than their number.",
            )
        )
    seed, paths = ids.writing("seed"), ids.sim("n_paths")
    if w.has(paths, seed):
        para.append(
            w.say(
                "appendix.seed",
                f"Each method simulated {{{paths}}} paths; the run's random seed was {{{seed}}}, "
                "so the numbers can be reproduced.",
            )
        )
    elif w.has(seed):
        para.append(w.say("appendix.seed", f"The run's random seed was {{{seed}}}."))
    para.append(
        w.plain(
            "appendix.rule",
            "Every number in this article is a recorded fact with "
            "its method and data window; the list is in the accompanying facts file.",
        )
    )
    skipped = [_PART_WORDS[n] for n in o.not_applicable if n in _PART_WORDS and n != "portfolio"]
    if skipped:
        what = {"yield": "a yield", "rate": "a rate", "spread": "a spread"}.get(
            w.noun, f"this {w.noun}"
        )
        para.append(
            w.say(
                "appendix.not_applicable",
                f"Parts that do not describe {what} were left out rather than filled: {{items}}.",
                items=_join([[Part(x)] for x in skipped]),
            )
        )
    if w.has("manifest.created_at"):
        para.append(w.say("appendix.created", "This run was made on {manifest.created_at}."))
    sec.paragraphs.append(para)

    rows: list[tuple[Cell, ...]] = []
    for src in _manifest_sources(o):
        series = str(src["series"])
        md = lambda key, series=series: ids.manifest_data(series, key)  # noqa: E731
        window: Cell = (Part("–"),)
        if w.has(md("start"), md("end")):
            window = (
                w.part(md("start"), style="iso"),
                Part(" to "),
                w.part(md("end"), style="iso"),
            )
        rows.append(
            (
                (Part(series),),
                (Part(str(src.get("provider", "–"))),),
                window,
                (w.part(md("rows")),) if w.has(md("rows")) else (Part("–"),),
                (w.part(md("content_hash")),) if w.has(md("content_hash")) else (Part("–"),),
            )
        )
    if rows:
        sec.tables.append(
            Table(
                "sources",
                "Data sources",
                (
                    (Part("Series"),),
                    (Part("Provider"),),
                    (Part("Window"),),
                    (Part("Rows"),),
                    (Part("Content hash"),),
                ),
                tuple(rows),
            )
        )
    prefix = ids.manifest_version("")
    vers = [f for f in extra if f.id.startswith(prefix)]
    if vers:
        sec.tables.append(
            Table(
                "versions",
                "Software versions",
                ((Part("Package"),), (Part("Version"),)),
                tuple(((Part(f.id.removeprefix(prefix)),), (w.part(f.id),)) for f in vers),
            )
        )
    scale_rows = []
    sprefix = ids.writing("likelihood_scale", "")
    bounds = [f for f in extra if f.id.startswith(sprefix)]
    for i, f in enumerate(bounds):
        upper: Cell = (Part("and above"),) if i == 0 else (Part("up to "), w.part(bounds[i - 1].id))
        scale_rows.append(
            ((Part(str(f.label).split("'")[1]),), (Part("from "), w.part(f.id), Part(" "), *upper))
        )
    sec.tables.append(
        Table(
            "likelihood_scale",
            "Likelihood scale used in the text",
            ((Part("Words"),), (Part("Probability"),)),
            tuple(scale_rows),
        )
    )
    notes = [(k, t.strip()) for k, t in o.notes.items() if t and t.strip()]
    if notes:
        # one row per caveat, labelled by the part of the analysis that raised it
        caveats = tuple(
            (
                (Part(k.split(".")[0].replace("_", " ")),),
                (Part(t[0].upper() + t[1:] + ("" if t.endswith(".") else ".")),),
            )
            for k, t in notes
        )
        sec.tables.append(
            Table(
                "caveats",
                "Caveats the analyses raised",
                ((Part("Part"),), (Part("Caveat"),)),
                caveats,
            )
        )
    return sec


def _title_parts(outlook: Outlook, facts: FactSheet) -> list[Part]:
    """The thesis title (the user's words), with its numbers tied to facts by the guard."""
    from thesis.writing.guard import check_sentence

    title = " ".join(outlook.title.split())  # one line, whatever the file held
    res = check_sentence(title, facts)
    parts: list[Part] = []
    pos = 0
    own = (".threshold.", ".target.", ".stated_level.", ".drawdown.")
    for m in sorted(res.matched, key=lambda m: m.span.start):
        if not m.fact_ids:
            continue
        # prefer the thesis's own levels over any other fact with the same value
        choice = sorted(
            m.fact_ids,
            key=lambda i: (not any(x in i for x in own), "horizon" not in i, i),
        )
        parts += [Part(title[pos : m.span.start]), Part(m.span.text, choice[0])]
        pos = m.span.end
    parts.append(Part(title[pos:]))
    return [p for p in parts if p.text]


# --------------------------------------------------------------------------- public API


def build_article(outlook: Outlook) -> Article:
    """Build the whole article (sentences, tables, chart slots) from an outlook.

    Parameters
    ----------
    outlook
        The pipeline's hand-off; any subset of the facts in docs/fact-ids.md may be present.

    Returns
    -------
    Article
    """
    extra = _extra_facts(outlook)
    facts = FactSheet(list(outlook.facts) + extra)
    w = _Writer(outlook, facts)
    drivers = Section("drivers", "Drivers")
    drivers.subsections = [s for s in (_earnings(w), _fed(w), _macro(w), _size(w)) if s is not None]
    sections = [_summary(w)]
    if drivers.subsections:
        sections.append(drivers)
    # the thesis's theme reads after its drivers; the key dates close the outlook (they import
    # this module's blocks, so they are imported here)
    from thesis.writing.keydates import key_dates_section
    from thesis.writing.theme import theme_section

    theme = theme_section(outlook, facts)
    if theme is not None:
        sections.append(theme)
    sections.append(_risks(w))
    for maybe in (_portfolio(w),):
        if maybe is not None:
            sections.append(maybe)
    sections.append(_calibration(w))
    if outlook.key_dates is not None:
        kd = key_dates_section(outlook.key_dates, facts)
        # the section's own facts (dates and counts) join the article's, like the writer's own
        extra += [f for f in outlook.key_dates.facts() if f.id not in facts]
        facts.extend(f for f in outlook.key_dates.facts() if f.id not in facts)
        sections.append(kd)
    sc = _scorecard(w)
    if sc is not None:
        sections.append(sc)
    sections.append(_appendix(w, extra))
    standfirst = w.say(
        "standfirst",
        f"Analysis as of {{{ids.outlook('as_of')}}}, horizon {{{ids.outlook('horizon')}}}. "
        "Thesis under test: \u201c{title}\u201d.",
        title=_title_parts(outlook, facts),
    )
    dateline = w.say("dateline", f"Outlook as of {{{ids.outlook('as_of')}}}")
    return Article(_headline(w), standfirst, sections, extra, facts, dateline)


def build_sections(outlook: Outlook) -> dict[str, list[Sentence]]:
    """The article's sentences by section key, in reading order.

    Keys: ``headline``, ``summary``, ``drivers.earnings``, ``drivers.fed``, ``drivers.size``,
    ``risks``, ``risks.stress``, ``portfolio``, ``calibration``, ``scorecard``, ``appendix``
    (absent sections are left out). The LLM writer uses these as its outline and fallback.

    Parameters
    ----------
    outlook
        The pipeline's hand-off.

    Returns
    -------
    dict of str to list of Sentence
    """
    art = build_article(outlook)
    out: dict[str, list[Sentence]] = {"headline": [art.headline]}
    for sec in art.all_sections():
        if sec.paragraphs:
            out[sec.key] = sec.sentences()
    return out
