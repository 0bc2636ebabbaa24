"""Sentence logic for the outlook article: varied, hedged prose built only from facts.

Every sentence is a :class:`Sentence`: a sequence of :class:`Part` s, each either plain words or the
rendering of one fact (through :func:`thesis.writing.format.fmt`). No number is typed here: a
number can only enter the text as a fact part, so the Markdown, the HTML spans and the list of
facts used all come from the same parts.

Sentences are written with a small template syntax: ``{@level}`` is the fact ``{subject}.level``,
``{fed.policy_rate}`` a fact by full id, ``{@drawdown_pct|abs}`` passes a style to ``fmt`` and
``{@pe_trailing|d0}`` a number of decimals; ``{name}`` without a dot is a keyword argument (words or
parts). Phrasing varies deterministically: :func:`_pick` chooses among alternatives by a hash of the
sentence key, so two runs on the same facts write the same article, while different sentences (and
different outlooks) do not all read alike.

Each section degrades on its own: when its facts are missing it says what could not be computed and
why (from ``outlook.notes`` when the analysis left a note).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from thesis.facts import Fact, FactSheet
from thesis.outlook import Outlook
from thesis.writing.charts import display_decimals, level_key, method_name, scenario_name
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
        ids = [p.fact_id for p in self.parts if p.fact_id] + list(self.basis)
        return tuple(dict.fromkeys(ids))


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
        ids = [p.fact_id for row in (self.header, *self.rows) for cell in row for p in cell]
        return tuple(dict.fromkeys(i for i in ids if i))


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

    def all_sections(self) -> list[Section]:
        return [s for top in self.sections for s in top.walk()]

    def fact_ids(self) -> list[str]:
        ids: list[str] = list(self.headline.fact_ids) + list(self.standfirst.fact_ids)
        for sec in self.all_sections():
            for s in sec.sentences():
                ids.extend(s.fact_ids)
            for t in sec.tables:
                ids.extend(t.fact_ids)
        return list(dict.fromkeys(ids))


# --------------------------------------------------------------------------- sentence builder

_TOKEN = re.compile(r"\{([^{}]+)\}")


def _pick(key: str, options: Sequence[str], offset: int = 0) -> str:
    """Deterministic choice among phrasings by a hash of the sentence key."""
    h = int(hashlib.sha1(key.encode()).hexdigest()[:8], 16)
    # ``offset`` walks neighbouring sentences of one kind through different phrasings
    return options[(h + offset) % len(options)]


def _prose(method: str) -> str:
    """Method name inside a sentence: acronyms stay upper case, words go lower case."""
    name = method_name(method)
    return name if name.isupper() else name.lower()


def _method_ref(method: str) -> str:
    """ "GBM", "the bootstrap method": how a sentence refers to a method by itself."""
    name = _prose(method)
    return name if name.isupper() else f"the {name} method"


def _words(n: int) -> str:
    return _NUMBER_WORDS.get(n, "several")


class _Writer:
    """Builds sentences from templates against one outlook's facts."""

    def __init__(self, outlook: Outlook, facts: FactSheet) -> None:
        self.o = outlook
        self.s = outlook.subject
        self.facts = facts

    # -- facts
    def id(self, suffix: str) -> str:
        return f"{self.s}.{suffix}"

    def get(self, fact_id: str) -> Fact | None:
        return self.facts.get(fact_id)

    def has(self, *ids: str) -> bool:
        return all(i in self.facts for i in ids)

    def num(self, fact_id: str) -> float | None:
        f = self.facts.get(fact_id)
        return float(f.value) if f is not None and f.is_numeric else None

    def part(self, fact_id: str, **kw: Any) -> Part:
        fact = self.facts[fact_id]
        if kw.get("decimals") is None:
            kw["decimals"] = display_decimals(fact)
        return Part(fmt(fact, **kw), fact_id)

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
    def levels(self) -> list[tuple[float, str, str]]:
        """(level, kind, fact id) for thresholds and targets that have a level fact, sorted."""
        out: dict[float, tuple[float, str, str]] = {}
        for lv in self.o.thresholds:
            fid = self.id(f"threshold.{level_key(lv)}")
            if fid in self.facts:
                out[float(lv)] = (float(lv), "threshold", fid)
        for lv in self.o.targets:
            fid = self.id(f"target.{level_key(lv)}")
            if fid in self.facts and float(lv) not in out:
                out[float(lv)] = (float(lv), "target", fid)
        return sorted(out.values())


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


# --------------------------------------------------------------------------- extra facts


def _extra_facts(outlook: Outlook) -> list[Fact]:
    """Facts the writer states itself: the likelihood scale, nominal coverage, the manifest."""
    as_of = outlook.as_of
    out: list[Fact] = [
        Fact("outlook.as_of", outlook.as_of, "date", as_of, "analysis date of the run"),
        Fact("outlook.horizon", outlook.horizon, "date", as_of, "horizon of the thesis"),
    ]
    for lower, words in LIKELIHOOD_SCALE:
        out.append(
            Fact(
                f"writing.likelihood_scale.{words.replace(' ', '_')}",
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
                f"writing.nominal_coverage.{k}",
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
            "writing.forecast_tail",
            0.05,
            "probability",
            as_of,
            "tail beyond the 5% and 95% quantiles of a forecast",
            label="tail of a forecast distribution",
        ),
        Fact(
            "writing.coin_probability",
            0.5,
            "probability",
            as_of,
            "a constant no-information forecast",
            label="coin-flip probability",
        ),
        Fact(
            "writing.brier_coin",
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
                    f"writing.nominal_range.{zone}",
                    share,
                    "probability",
                    as_of,
                    "nominal share of outcomes in a valuation zone (P/E quantile bands "
                    "10-25-75-90)",
                    label=f"nominal share {zone}",
                )
            )
    for f in outlook.facts.prefixed("stress."):
        key = f.id.split(".")[1]
        fid = f"writing.scenario.{key}"
        if f"stress.{key}.label" in outlook.facts:
            continue  # the stress analysis names the scenario itself
        if re.fullmatch(r"stress\.[^.]+\.loss_pct", f.id) and fid not in {x.id for x in out}:
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
    m = outlook.manifest or {}
    for src in _manifest_sources(outlook):
        series = str(src.get("series", "")).replace(".", "_")
        for key in ("start", "end"):
            if src.get(key):
                out.append(
                    Fact(
                        f"manifest.data.{series}.{key}",
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
                    f"manifest.data.{series}.content_hash",
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
                    f"manifest.data.{series}.rows",
                    int(src["rows"]),
                    "count",
                    as_of,
                    "run manifest",
                    label=f"rows of {series}",
                )
            )
    seed = outlook.facts.get("sim.seed")
    seed_value = seed.value if seed is not None else m.get("seed")
    if isinstance(seed_value, int) and not isinstance(seed_value, bool):
        # a seed is an identifier: printed as written, without thousands separators
        out.append(
            Fact(
                "writing.seed",
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
                f"manifest.version.{pkg}",
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


# --------------------------------------------------------------------------- sections


def _headline(w: _Writer) -> Sentence:
    name = w.o.subject_name
    levels = w.levels()
    if not w.has(w.id("level")):
        return w.plain("headline", f"{name} outlook")
    picks = []
    basis: list[str] = []
    chosen = levels[:1] + ([levels[-1]] if len(levels) > 1 else [])
    for lv, _, fid in chosen:
        ps = [(m, w.get(w.id(f"p_touch.{level_key(lv)}.{m}"))) for m in w.o.methods]
        ps = [(m, f) for m, f in ps if f is not None and f.is_numeric]
        if not ps:
            continue
        basis += [f.id for _, f in ps]
        vals = sorted(float(f.value) for _, f in ps)
        median = vals[len(vals) // 2]
        picks.append((fid, likelihood_words(median)))
    if not picks:
        return w.say("headline", f"{name} at {{@level}}: where it stands against its levels")
    horizon = w.id("horizon_date")
    by = " by {" + horizon + "|month}" if w.has(horizon) else ""
    first = f"reaching {{{picks[0][0]}}}{by} looks {picks[0][1]}"
    rest = f", {{{picks[1][0]}}} {picks[1][1]}" if len(picks) > 1 else ""
    return w.say("headline", f"{name} at {{@level}}: {first}{rest}", basis=basis)


def _drift_sentences(w: _Writer) -> list[Sentence]:
    """How much of the probabilities is the assumed drift: the same odds with no drift (GBM)."""
    if not w.has(w.id("gbm.mu_ann_pct")):
        return []
    stated = bool(w.o.assumptions.get("drift_ann_pct") is not None)
    out = [
        w.say(
            "summary.drift",
            "Every method assumes the index keeps drifting at the rate the thesis states, "
            "{@gbm.mu_ann_pct} a year."
            if stated
            else "Every method carries the window's own average return as its drift "
            "({@gbm.mu_ann_pct} a year for GBM): a trend of the past, not a forecast.",
        )
    ]
    clauses: list[list[Part]] = []
    for lv, _kind, fid in w.levels():
        k = level_key(lv)
        zt, zc = (
            w.id(f"p_touch_closed_zero_drift.{k}.gbm"),
            w.id(f"p_close_above_closed_zero_drift.{k}.gbm"),
        )
        if w.has(zt):
            clauses.append([Part("touching "), w.part(fid), Part(" at "), w.part(zt)])
        if w.has(zc) and w.get(w.id(f"already_reached.{k}")) is None and w.has(w.id(f"target.{k}")):
            clauses.append([Part("closing at or above "), w.part(fid), Part(" at "), w.part(zc)])
    if clauses:
        out.append(
            w.say(
                "summary.zero_drift",
                "With no drift at all, GBM would put {clauses}.",
                clauses=_join(clauses),
            )
        )
    return out


def _summary(w: _Writer) -> Section:
    sec = Section("summary", "Summary")
    o, name = w.o, w.o.subject_name
    para: list[Sentence] = []
    if not w.has(w.id("level"), w.id("level_date")):
        para.append(
            w.plain(
                "summary.missing",
                (
                    w.note("levels")
                    or f"No closing level of the {name} was available for the analysis date, "
                    "so the article cannot say where the index stands."
                ),
            )
        )
        sec.paragraphs.append(para)
        return sec
    if w.num(w.id("drawdown_pct")) is not None and w.has(w.id("high"), w.id("high_date")):
        at_record = bool((w.get(w.id("at_record")) or Fact("x", False, "bool", "", "")).value)
        if at_record or w.num(w.id("drawdown_pct")) == 0:
            para.append(
                w.say(
                    "summary.level",
                    f"The {name} closed at {{@level}} on {{@level_date}}, a record close.",
                )
            )
        else:
            tmpl = _pick(
                o.as_of + "level",
                (
                    f"The {name} closed at {{@level}} on {{@level_date}}, {{@drawdown_pct|abs}} "
                    "below its record close of {@high} on {@high_date}.",
                    f"On {{@level_date}} the {name} stood at {{@level}}, {{@drawdown_pct|abs}} "
                    "short of the record {@high} it set on {@high_date}.",
                ),
            )
            para.append(w.say("summary.level", tmpl))
    else:
        para.append(w.say("summary.level", f"The {name} closed at {{@level}} on {{@level_date}}."))

    below: list[list[Part]] = []
    above: list[list[Part]] = []
    for lv, kind, fid in w.levels():
        did = w.id(f"distance_pct.{level_key(lv)}")
        d = w.num(did)
        if d is None:
            continue
        item = [
            w.part(did, style="abs"),
            Part(" " + ("below" if d > 0 else "above") + " "),
            w.part(fid),
        ]
        who = o.targets.get(lv) or o.targets.get(int(lv)) if kind == "target" else ""
        if kind == "target" and who and _no_digits(who):
            # "(an illustrative year-end target)", "(the target of analysts cited by AInvest)"
            item.append(Part(f" ({who})" if "target" in who.lower() else f" (the target of {who})"))
        (below if d > 0 else above).append(item)
    if below:
        para.append(
            w.say(
                "summary.distance",
                _pick(o.as_of + "dist", ("That leaves it {items}.", "It sits {items}.")),
                items=_join(below),
            )
        )
    if above:
        para.append(w.say("summary.above", "It is already {items}.", items=_join(above)))
    first = next(
        (x for x in w.levels() if (w.num(w.id(f"distance_pct.{level_key(x[0])}")) or 0) > 0), None
    )
    if first is not None and w.has(w.id(f"distance_sd.{level_key(first[0])}")):
        k = level_key(first[0])
        para.append(
            w.say(
                f"summary.distance_sd.{k}",
                f"Closing that gap to {{{first[2]}}} takes a rise of about "
                f"{{@distance_sd.{k}|d1}} typical daily moves.",
            )
        )
    sec.paragraphs.append(para)

    # probabilities by method
    para = []
    any_p = False
    for n_level, (lv, _kind, fid) in enumerate(w.levels()):
        k = level_key(lv)
        touch = [
            (m, w.id(f"p_touch.{k}.{m}")) for m in o.methods if w.has(w.id(f"p_touch.{k}.{m}"))
        ]
        if not touch:
            # a level already reached: touching it is certain, but staying above it is not
            close = [
                (m, w.id(f"p_close_above.{k}.{m}"))
                for m in o.methods
                if w.has(w.id(f"p_close_above.{k}.{m}"))
            ]
            if close and w.has(w.id(f"already_reached.{k}")):
                any_p = True
                horizon = "{@horizon_date}" if w.has(w.id("horizon_date")) else "the horizon"
                para.append(
                    w.say(
                        f"summary.hold_above.{k}",
                        f"The index is already above {{{fid}}}; the chance that it is still at or "
                        f"above it on {horizon} is {{by_method}}.",
                        by_method=_join([[w.part(i), Part(f" ({_prose(m)})")] for m, i in close]),
                    )
                )
            continue
        any_p = True
        vals = [w.num(i) or 0.0 for _, i in touch]
        words_lo, words_hi = likelihood_words(min(vals)), likelihood_words(max(vals))
        verdict = words_lo if words_lo == words_hi else f"between {words_lo} and {words_hi}"
        by_method = _join([[w.part(i), Part(f" ({_prose(m)})")] for m, i in touch])
        horizon = "{@horizon_date}" if w.has(w.id("horizon_date")) else "the horizon"
        tmpl = _pick(
            o.as_of + ".touch",
            (
                f"The models put the chance that the index touches {{{fid}}} before {horizon} at "
                "{by_method}: {verdict} on the scale in the appendix.",
                f"A close at or above {{{fid}}} at some point before {horizon} looks {{verdict}}: "
                "{by_method}.",
                f"Reaching {{{fid}}} before {horizon} is {{verdict}} by these estimates, which "
                "give {by_method}.",
            ),
            offset=n_level,
        )
        para.append(w.say(f"summary.touch.{k}", tmpl, by_method=by_method, verdict=verdict))
        close = [
            (m, w.id(f"p_close_above.{k}.{m}"))
            for m in o.methods
            if w.has(w.id(f"p_close_above.{k}.{m}"))
        ]
        if close:
            cv = [w.num(i) or 0.0 for _, i in close]
            harder = "harder" if max(cv) <= min(vals) else "a different question"
            para.append(
                w.say(
                    f"summary.close_above.{k}",
                    _pick(
                        o.as_of + ".close",
                        (
                            f"Ending the period at or above it is {harder}: {{by_method}}.",
                            f"Finishing at or above it on the last day is {harder}: {{by_method}}.",
                        ),
                        offset=n_level,
                    ),
                    by_method=_join([[w.part(i), Part(f" ({_prose(m)})")] for m, i in close]),
                )
            )
    if not any_p:
        para.append(
            w.plain(
                "summary.no_probabilities",
                (
                    w.note("probabilities")
                    or "No probability method ran for this outlook, so it gives levels and "
                    "ranges only."
                ),
            )
        )
    sec.paragraphs.append(para)

    # the spread of outcomes and the caveat
    para = []
    m0 = next(
        (
            m
            for m in ("bootstrap", *o.methods)
            if w.has(*(w.id(f"horizon_q{q}.{m}") for q in ("05", "25", "50", "75", "95")))
        ),
        None,
    )
    if m0 is not None and w.has(w.id("horizon_date")):
        sessions = (
            " ({@horizon_sessions|with_unit} away)" if w.has(w.id("horizon_sessions")) else ""
        )
        para.append(
            w.say(
                "summary.quantiles",
                f"By {{@horizon_date}}{sessions}, the {_prose(m0)} simulation's "
                f"median close is {{@horizon_q50.{m0}}}; half of its paths end between "
                f"{{@horizon_q25.{m0}}} and {{@horizon_q75.{m0}}}, and nine in ten "
                f"between {{@horizon_q05.{m0}}} and {{@horizon_q95.{m0}}}.",
            )
        )
    if any_p:
        if w.has(w.id("gbm.window_start"), w.id("gbm.window_end")):
            para.append(
                w.say(
                    "summary.caveat",
                    "These probabilities come from the index's own behaviour, here "
                    "estimated from {@gbm.window_start} to {@gbm.window_end}; they "
                    "assume the months ahead resemble that window and say nothing "
                    "about news that has not happened yet.",
                )
            )
        else:
            para.append(
                w.plain(
                    "summary.caveat",
                    "These probabilities come from the index's own past behaviour; "
                    "they assume the months ahead resemble it and say nothing about "
                    "news that has not happened yet.",
                )
            )
        para.extend(_drift_sentences(w))
        ses = [f for f in w.facts.prefixed(w.id("p_touch_se.")) if f.is_numeric]
        if ses and w.has("sim.n_paths"):
            worst = max(ses, key=lambda f: float(f.value))
            para.append(
                w.say(
                    "summary.mc_error",
                    "Each method simulated {sim.n_paths} paths, so simulation noise is "
                    f"small: the largest Monte Carlo standard error is {{{worst.id}|d1}}.",
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
    o = w.o
    methods = [
        m
        for m in o.methods
        if any(w.has(w.id(f"p_touch.{level_key(lv)}.{m}")) for lv, _, _ in w.levels())
    ]
    if not methods:
        return None
    header: list[Cell] = [(Part("Level"),)]
    for m in methods:
        header += [(Part(f"{method_name(m)}: touch"),), (Part(f"{method_name(m)}: close above"),)]
    rows = []
    for lv, kind, fid in w.levels():
        k = level_key(lv)
        row: list[Cell] = [(w.part(fid), Part(f" ({kind})"))]
        for m in methods:
            for what in ("p_touch", "p_close_above"):
                i = w.id(f"{what}.{k}.{m}")
                row.append((w.part(i),) if w.has(i) else (Part("–"),))
        rows.append(tuple(row))
    return Table(
        "probabilities",
        "Probability of reaching each level before the horizon",
        tuple(header),
        tuple(rows),
    )


def _earnings(w: _Writer) -> Section:
    sec = Section("drivers.earnings", "Earnings and valuation")
    o = w.o
    para: list[Sentence] = []
    if not w.has(w.id("eps_trailing")):
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
    if w.has(w.id("eps_trailing_date"), w.id("pe_trailing")):
        para.append(
            w.say(
                "earnings.trailing",
                "Trailing twelve-month earnings per share were {@eps_trailing} as of "
                "{@eps_trailing_date}, which puts the index on a trailing P/E of "
                "{@pe_trailing}.",
            )
        )
    age = w.num(w.id("eps_age_months"))
    if age is not None and age > 4:
        para.append(
            w.say(
                "earnings.stale",
                "That figure is {@eps_age_months|with_unit} old, so the P/E is "
                "measured against stale earnings and should be read loosely.",
            )
        )
    if w.has(w.id("eps_growth_assumed_pct"), w.id("eps_forward")):
        para.append(
            w.say(
                "earnings.forward",
                "The thesis assumes earnings growth of {@eps_growth_assumed_pct}, "
                "which would take forward EPS to {@eps_forward}.",
            )
        )
    sec.paragraphs.append(para)

    para = []
    regime = [
        w.id(x)
        for x in (
            "regime.real_yield_pct",
            "regime.inflation_pct",
            "regime.months",
            "pe_regime_q10",
            "pe_regime_q50",
            "pe_regime_q90",
        )
    ]
    if w.has(*regime):
        para.append(
            w.say(
                "earnings.regime",
                "Real ten-year yields stand at {@regime.real_yield_pct} and inflation "
                "at {@regime.inflation_pct}. In the {@regime.months} months of history "
                "with similar readings, the P/E ranged from {@pe_regime_q10} (tenth "
                "percentile) to {@pe_regime_q90} (ninetieth), with a median of "
                "{@pe_regime_q50}.",
            )
        )
        months = w.num(w.id("regime.months")) or 0
        if months < THIN_REGIME_MONTHS:
            para.append(
                w.plain(
                    "earnings.regime_thin",
                    "That is a short history to lean on; the multiples could "
                    "easily sit outside this band.",
                )
            )
    cases = [
        c
        for c in ("bear", "base", "bull")
        if w.has(w.id(f"range.{c}.low"), w.id(f"range.{c}.high"))
    ]
    if cases:
        items = []
        for c in cases:
            item = [
                Part(f"a {c} case of "),
                w.part(w.id(f"range.{c}.low")),
                Part(" to "),
                w.part(w.id(f"range.{c}.high")),
            ]
            if w.has(w.id(f"range.{c}.pe_low"), w.id(f"range.{c}.pe_high")):
                item += [
                    Part(" (P/E "),
                    w.part(w.id(f"range.{c}.pe_low")),
                    Part(" to "),
                    w.part(w.id(f"range.{c}.pe_high")),
                    Part(")"),
                ]
            items.append(item)
        para.append(
            w.say(
                "earnings.ranges",
                "Applying those multiples to forward earnings gives {items}.",
                items=_join(items),
            )
        )
        para.append(
            w.plain(
                "earnings.conditions",
                "Each range holds only if earnings grow as assumed and the multiple "
                "stays inside the band seen under similar real yields and inflation; "
                "if either condition fails, so does the range.",
            )
        )
    sec.paragraphs.append(para)

    para = []
    for lv, _kind, fid in w.levels():
        k = level_key(lv)
        need = [w.id(x) for x in (f"implied_eps.{k}", "pe_regime_q50")]
        if w.has(*need):
            growth = (
                f", earnings growth of {{@implied_eps_growth_pct.{k}}} a year"
                if w.has(w.id(f"implied_eps_growth_pct.{k}"))
                else ""
            )
            para.append(
                w.say(
                    f"earnings.implied_eps.{k}",
                    f"To reach {{{fid}}}, the index needs forward EPS of about {{@implied_eps.{k}}} at the "
                    f"regime's median P/E of {{@pe_regime_q50}}{growth}.",
                )
            )
        need = [
            w.id(x) for x in (f"implied_pe.{k}", f"pe_share_above.{k}", "regime.real_yield_pct")
        ]
        if w.has(*need):
            tmpl = _pick(
                f"{o.as_of}.pe.{k}",
                (
                    f"Put the other way, at the assumed earnings {{{fid}}} needs a P/E of "
                    f"{{@implied_pe.{k}}}; a multiple that high occurred in {{@pe_share_above.{k}}} "
                    "of months with real yields near {@regime.real_yield_pct}.",
                    f"At the assumed earnings, {{{fid}}} implies a P/E of {{@implied_pe.{k}}}, "
                    f"reached or exceeded in {{@pe_share_above.{k}}} of months with real yields "
                    "near {@regime.real_yield_pct}.",
                ),
            )
            para.append(w.say(f"earnings.implied_pe.{k}", tmpl))
    if para:
        sec.paragraphs.append(para)
    sec.charts.append("valuation")
    return sec


def _fed(w: _Writer) -> Section:
    sec = Section("drivers.fed", "The Fed and past easing cycles")
    para: list[Sentence] = []
    if w.has("fed.policy_rate", "fed.policy_rate_date"):
        easing = w.get("fed.in_easing_cycle")
        tail = ""
        if easing is not None and isinstance(easing.value, bool):
            tail = (
                ", and the last move was a cut"
                if easing.value
                else ", and the last move was not a cut"
            )
        para.append(
            w.say(
                "fed.rate",
                f"The policy rate was {{fed.policy_rate}} on {{fed.policy_rate_date}}{tail}.",
                basis=[easing.id] if easing is not None else (),
            )
        )
    if w.num("fed.thesis_cuts") == 0:
        para.append(
            w.say("fed.thesis", "The thesis assumes no further cuts.", basis=["fed.thesis_cuts"])
        )
    elif w.has("fed.thesis_cuts", "fed.thesis_cut_bp"):
        para.append(
            w.say(
                "fed.thesis",
                "The thesis assumes {fed.thesis_cuts} cuts of {fed.thesis_cut_bp|words} each.",
            )
        )
    elif w.has("fed.thesis_cuts"):
        para.append(w.say("fed.thesis", "The thesis assumes {fed.thesis_cuts} cuts."))
    if para:
        sec.paragraphs.append(para)

    para = []
    base = "fed.after_first_cut.sp500_ret_12m"
    if w.has("fed.cycles.count", f"{base}.median.all"):
        share = (
            f", and it was positive in {{{base}.share_positive.all}} of them"
            if w.has(f"{base}.share_positive.all")
            else ""
        )
        para.append(
            w.say(
                "fed.cycles",
                _pick(
                    w.o.as_of + "fed",
                    (
                        "Across the {fed.cycles.count} easing cycles in the data, the "
                        "index's median price return in the twelve months after the "
                        f"first cut was {{{base}.median.all}}{share}.",
                        "In the {fed.cycles.count} easing cycles on record here, the "
                        "median twelve-month return after the first cut was "
                        f"{{{base}.median.all}}{share}.",
                    ),
                ),
            )
        )
        split = [f"{base}.{x}.{k}" for x in ("median", "n") for k in ("recession", "no_recession")]
        if w.has(*split):
            para.append(
                w.say(
                    "fed.split",
                    f"The split matters: the median was {{{base}.median.recession}} in the "
                    f"{{{base}.n.recession}} cycles followed by a recession within a year, and "
                    f"{{{base}.median.no_recession}} in the {{{base}.n.no_recession}} without one.",
                )
            )
        n = w.num("fed.cycles.count") or 0
        if n < THIN_CYCLES:
            para.append(
                w.plain(
                    "fed.thin",
                    "With so few cycles the evidence is thin: one or two episodes "
                    "move these medians a lot, and each cycle had its own cause.",
                )
            )
        for h in ("3m", "6m"):
            i = f"fed.after_first_cut.sp500_ret_{h}.median.all"
            if w.has(i):
                para.append(
                    w.say(
                        f"fed.short.{h}",
                        f"{_PERIOD_WORDS[h].capitalize()} after the first cut, the "
                        f"median return was {{{i}}}.",
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


def _size(w: _Writer) -> Section | None:
    sec = Section("drivers.size", "Small versus large caps")
    para: list[Sentence] = []
    pp = w.num("size.small_vs_large_12m_pp")
    if pp is not None:
        verb = "outpaced" if pp > 0 else "trailed"
        para.append(
            w.say(
                "size.relative",
                f"Over the past twelve months small caps {verb} "
                "large caps by {size.small_vs_large_12m_pp|abs}.",
            )
        )
    if w.has("size.smb_12m_pct"):
        para.append(
            w.say(
                "size.smb",
                "The Fama-French size factor (small minus big) returned "
                "{size.smb_12m_pct} over the same period.",
            )
        )
    i = "fed.after_first_cut.smb_12m.median.all"
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


def _risks(w: _Writer) -> Section:
    sec = Section("risks", "Risks")
    para: list[Sentence] = []
    if w.has(w.id("vol_realised_ann_pct")):
        regime = w.get(w.id("vol_regime"))
        reg = f", a {regime.value} regime" if regime is not None else ""
        pct = (
            ", higher than on {@vol_realised_pctile} of days in the index's history"
            if w.has(w.id("vol_realised_pctile"))
            else ""
        )
        para.append(
            w.say(
                "risks.vol",
                "Realised volatility over the last month is "
                "{@vol_realised_ann_pct} annualised" + pct + reg + ".",
                basis=[regime.id] if regime is not None else (),
            )
        )
    if w.has(w.id("vol_garch_ann_pct")):
        para.append(
            w.say(
                "risks.garch",
                "A GARCH model, which lets recent shocks raise "
                "expected volatility, puts it at {@vol_garch_ann_pct}.",
            )
        )
    if w.has("vix.level"):
        pct = (
            ", above {vix.pctile} of its closes since records began" if w.has("vix.pctile") else ""
        )
        para.append(
            w.say(
                "risks.vix",
                "The VIX, the market's price of one-month "
                "protection, is at {vix.level}" + pct + ".",
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
    cb, cg = w.num(w.id("corr_bonds_63d")), w.num(w.id("corr_gold_63d"))
    if cb is not None:
        hedge = (
            "so Treasuries have been cushioning equity losses"
            if cb < -0.1
            else "so Treasuries have offered little cushion"
            if cb > 0.1
            else "so Treasuries have moved largely independently of stocks"
        )
        para.append(
            w.say(
                "risks.corr_bonds",
                "Over the last three months, daily stock and "
                f"Treasury returns had a correlation of {{@corr_bonds_63d|d2}}, {hedge}.",
            )
        )
    if cg is not None:
        para.append(w.say("risks.corr_gold", "The correlation with gold was {@corr_gold_63d|d2}."))
    if w.has(w.id("flight_to_safety_share_63d"), w.id("flight_to_safety_share_hist")):
        para.append(
            w.say(
                "risks.flight",
                "Stocks fell while bonds and gold rose on "
                "{@flight_to_safety_share_63d} of recent days, against "
                "{@flight_to_safety_share_hist} over the full history.",
            )
        )
    risks = [
        r for r in (w.o.assumptions.get("risks") or []) if isinstance(r, str) and _no_digits(r)
    ]
    if risks:
        para.append(
            w.say(
                "risks.named",
                "The thesis itself names {items} as risks; the data "
                "here cannot price them directly.",
                items=_join([[Part(_risk_words(r))] for r in risks]),
            )
        )
    if para:
        sec.paragraphs.append(para)
    sec.charts.append("volatility")

    stress = [
        f
        for f in w.facts.prefixed("stress.")
        if re.fullmatch(r"stress\.[^.]+\.loss_pct", f.id) and f.is_numeric
    ]
    if stress:
        sec.subsections.append(_stress(w, stress))
    return sec


def _stress_name(w: _Writer, key: str) -> list[Part]:
    """ "the 2020 Covid crash": the stress analysis's label fact, else the writer's label fact."""
    for fid in (f"stress.{key}.label", f"writing.scenario.{key}"):
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
    f = w.get(f"stress.{key}.partial")
    if f is not None:
        return bool(f.value)
    cov = w.num(f"stress.{key}.coverage_pct")
    return cov is not None and cov < 100.0


def _stress(w: _Writer, stress: Sequence[Fact]) -> Section:
    """Stress tests: complete scenarios ranked by loss; partial ones set apart, never ranked."""
    sub = Section("risks.stress", "Stress tests")
    key = lambda f: f.id.split(".")[1]  # noqa: E731
    complete = sorted(
        (f for f in stress if not _stress_partial(w, key(f))), key=lambda f: -float(f.value)
    )
    partial = [f for f in stress if _stress_partial(w, key(f))]
    para: list[Sentence] = []

    def outcome(f: Fact) -> list[Part]:
        # loss_pct is positive for a loss; a negative value is a gain
        verb = "a loss of " if float(f.value) > 0 else "a gain of "
        return [Part(verb), w.part(f.id, style="abs")]

    losers = [f for f in complete if float(f.value) > 0]
    gainers = [f for f in complete if float(f.value) <= 0]

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
        partial.sort(key=lambda f: -float(f.value))
        covs = [f"stress.{key(f)}.coverage_pct" for f in partial]
        texts = {w.part(c, decimals=0).text for c in covs if w.has(c)}
        basis = [f"stress.{key(f)}.partial" for f in partial if w.has(f"stress.{key(f)}.partial")]
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
    if not w.facts.prefixed("portfolio."):
        return None
    sec = Section("portfolio", "Portfolio")
    para: list[Sentence] = []
    if w.has("portfolio.cagr_pct", "portfolio.vol_ann_pct"):
        para.append(
            w.say(
                "portfolio.return",
                "In the backtest the portfolio returned "
                "{portfolio.cagr_pct} a year with volatility of "
                "{portfolio.vol_ann_pct}.",
            )
        )
    if w.has(
        "portfolio.max_drawdown_pct", "portfolio.max_drawdown_start", "portfolio.max_drawdown_end"
    ):
        para.append(
            w.say(
                "portfolio.drawdown",
                "Its worst fall was "
                "{portfolio.max_drawdown_pct|abs}, from {portfolio.max_drawdown_start} "
                "to {portfolio.max_drawdown_end}.",
            )
        )
    if w.has("portfolio.sharpe", "benchmark.sp500.sharpe"):
        para.append(
            w.say(
                "portfolio.sharpe",
                "Its Sharpe ratio of {portfolio.sharpe|d2} "
                "compares with {benchmark.sp500.sharpe|d2} for the index alone.",
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
    weights = [f for f in w.facts.prefixed("portfolio.weight.") if f.is_numeric]
    if weights:
        items = [
            [Part(f.id.split(".", 2)[2].replace("_", " ") + " "), w.part(f.id)] for f in weights
        ]
        sec.paragraphs.append(
            [w.say("portfolio.weights", "Current weights: {items}.", items=_join(items))]
        )
    cols = [
        ("portfolio", "Portfolio"),
        ("benchmark.sp500", "Index"),
        ("benchmark.6040", "Sixty/forty"),
    ]
    cols = [(p, n) for p, n in cols if w.facts.prefixed(p + ".")]
    rows = []
    for metric, label in _PORTFOLIO_METRICS:
        if not any(w.has(f"{p}.{metric}") for p, _ in cols):
            continue
        row: list[Cell] = [(Part(label),)]
        for p, _ in cols:
            i = f"{p}.{metric}"
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


def _calibration(w: _Writer) -> Section:
    sec = Section("calibration", "How reliable these probabilities have been")
    para: list[Sentence] = []
    cells = {}
    for f in w.facts.prefixed("calibration."):
        m = re.fullmatch(r"calibration\.([^.]+)\.(coverage\d+|brier|crps_pct|n)\.([^.]+)", f.id)
        if m and m.group(1) != "ranges":  # the valuation ranges have their own paragraph
            cells[(m.group(1), m.group(2), m.group(3))] = f.id
    methods = list(dict.fromkeys(k[0] for k in cells))
    horizons = sorted({k[2] for k in cells}, key=lambda h: (len(h), h))
    if not cells:
        para.append(
            w.plain(
                "calibration.missing",
                w.note("calibration")
                or "The methods were not back-tested in this run, so the article "
                "cannot say how reliable their probabilities have been.",
            )
        )
        sec.paragraphs.append(para)
        _range_calibration(w, sec)
        return sec
    if w.has("calibration.start", "calibration.end"):
        para.append(
            w.say(
                "calibration.intro",
                "Each method was re-run on past dates from {calibration.start} to "
                "{calibration.end}, and its forecast bands were compared with what "
                "the index then did. A well-calibrated central band of "
                "{writing.nominal_coverage.80} should contain the outcome about "
                "that often.",
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
    if shared_n and len(methods) > 1:
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
    for n_m, m in enumerate(methods):
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
            items = []
            for h in held:
                item = [w.part(cells[(m, "coverage80", h)])]
                n_id = cells.get((m, "n", h))
                if n_id:
                    item += [Part(" of "), w.part(n_id)]
                item.append(Part(f" {_HORIZON_WORDS.get(h, h)} forecasts"))
                items.append(item)
            items = _join(items)
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
                f"The {_prose(m)} method's central {{writing.nominal_coverage.80}} band held "
                f"the outcome in {{items}}: {judgement}.",
                f"For {_method_ref(m)}, the central {{writing.nominal_coverage.80}} band held the "
                f"outcome in {{items}}, {judgement}.",
            ),
            offset=n_m,
        )
        para.append(w.say(f"calibration.{m}", tmpl, items=items))
    if thin:
        words = " and ".join(_HORIZON_WORDS.get(h, h) for h in thin)
        para.append(
            w.plain(
                "calibration.thin",
                f"The {words} samples are small, so those readings are tentative.",
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
        for s in ("coverage50", "coverage80", "coverage95", "brier", "n")
        if any(k[1] == s for k in cells)
    ]
    for s in stats:
        if s.startswith("coverage"):
            header.append(
                (Part("Band "), w.part(f"writing.nominal_coverage.{s[8:]}"), Part(" held"))
            )
        else:
            header.append((Part({"brier": "Brier score", "n": "Forecasts"}[s]),))
    rows = []
    for m in methods:
        for h in horizons:
            if not any((m, s, h) in cells for s in stats):
                continue
            row: list[Cell] = [(Part(method_name(m)),), (Part(_HORIZON_WORDS.get(h, h)),)]
            for s in stats:
                i = cells.get((m, s, h))
                row.append(
                    (w.part(i, decimals=3) if s == "brier" else w.part(i),) if i else (Part("–"),)
                )
            rows.append(tuple(row))
    sec.tables.append(
        Table("calibration", "Coverage of past forecast bands", tuple(header), tuple(rows))
    )
    _range_calibration(w, sec)
    return sec


def _range_calibration(w: _Writer, sec: Section) -> None:
    """Valuation ranges scored on past dates: shares of outcomes by zone against nominal."""
    hs = sorted(
        {f.id.rsplit(".", 1)[1] for f in w.facts.prefixed("calibration.ranges.share_inside.")},
        key=lambda h: (len(h), h),
    )
    if not hs:
        return
    h = "12m" if "12m" in hs else hs[-1]
    base = "calibration.ranges"
    need = [f"{base}.share_inside.{h}", f"{base}.share_base.{h}", "writing.nominal_range.base"]
    if not w.has(*need):
        return
    period = _PERIOD_WORDS.get(h, h)
    para: list[Sentence] = []
    window = (
        " from {calibration.ranges.start} to {calibration.ranges.end}"
        if w.has(f"{base}.start", f"{base}.end")
        else ""
    )
    n = f" at {{{base}.n.{h}}} past dates{window}" if w.has(f"{base}.n.{h}") else window
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
            f"{judge(base_share, 0.5)} the nominal {{writing.nominal_range.base}}, and inside "
            f"the bear-to-bull span {{{need[0]}}}, {judge(inside, 0.8)} the nominal "
            "{writing.nominal_coverage.80}.",
        )
    )
    below, above = f"{base}.share_below.{h}", f"{base}.share_above.{h}"
    if w.has(below, above, "writing.nominal_range.below"):
        para.append(
            w.say(
                "calibration.ranges_tails",
                f"It fell below the bear range {{{below}}} of the time and rose above the bull "
                f"range {{{above}}}, against a nominal {{writing.nominal_range.below}} each.",
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
        i = f"{base}.share_{zone}.{h}"
        if w.has(i) and w.has(f"writing.nominal_range.{zone}"):
            rows.append(((Part(label),), (w.part(i),), (w.part(f"writing.nominal_range.{zone}"),)))
    if w.has(need[0]):
        rows.append(
            (
                (Part("Inside bear to bull"),),
                (w.part(need[0]),),
                (w.part("writing.nominal_coverage.80"),),
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
    facts = w.facts.prefixed("scorecard.")
    if not facts:
        return None
    s, o, name = w.s, w.o, w.o.subject_name
    sec = Section(
        "scorecard",
        "Scorecard: what happened next",
        banner="This section uses data from after the analysis date. Nothing in the "
        "sections above used it.",
    )
    sc = f"scorecard.{s}"
    complete_f = w.get(f"{sc}.complete")
    end_id = next((i for i in (f"{sc}.level_at_end", f"{sc}.level_at_horizon") if w.has(i)), None)
    # older runs carry only level_at_horizon, which exists only once the horizon is reached
    complete = bool(complete_f.value) if complete_f is not None else end_id is not None
    horizon = w.id("horizon_date") if w.has(w.id("horizon_date")) else "outlook.horizon"
    para: list[Sentence] = []
    if end_id is not None:
        when = f" on {{{sc}.last_date}}" if w.has(f"{sc}.last_date") else ""
        change = w.num(f"{sc}.change_pct")
        since = ""
        if change is not None:
            direction = "up" if change > 0 else "down"
            since = (
                f", {direction} {{{sc}.change_pct|abs|d1}} from its close on the analysis date"
                if change != 0
                else ", unchanged from its close on the analysis date"
            )
        if complete:
            para.append(
                w.say(
                    "scorecard.level",
                    f"At the horizon the {name} closed at {{{end_id}}}{when}{since}.",
                    basis=[complete_f.id] if complete_f is not None else (),
                )
            )
        else:
            para.append(
                w.say(
                    "scorecard.level",
                    f"The data after the analysis date run only to {{{sc}.last_date}}, short "
                    f"of the horizon on {{{horizon}}}. The latest close was {{{end_id}}}{since}.",
                    basis=[complete_f.id] if complete_f is not None else (),
                )
            )
        if w.has(f"{sc}.path_max", f"{sc}.path_min"):
            when = "in between" if complete else "so far"
            para.append(
                w.say(
                    "scorecard.path",
                    f"Its highest close {when} was {{{sc}.path_max}} and its lowest "
                    f"{{{sc}.path_min}}.",
                )
            )
    if para:
        sec.paragraphs.append(para)

    # each level: touched / closed above versus the stated probabilities
    para = []
    pending: list[str] = []
    rows: list[tuple[Cell, ...]] = []
    methods = list(o.methods)
    for lv, _kind, fid in w.levels():
        k = level_key(lv)
        for event, outcome_id, p_stem, b_stem in (
            ("touch", f"{sc}.touched.{k}", "p_touch", "brier_touch"),
            ("close", f"{sc}.closed_above.{k}", "p_close_above", "brier_close_above"),
        ):
            probs = [(m, w.id(f"{p_stem}.{k}.{m}")) for m in methods]
            probs = [(m, i) for m, i in probs if w.has(i)]
            outcome = w.get(outcome_id)
            if not probs and outcome is None:
                continue
            if outcome is None:
                pending.append(event)
            # the table: one row per level and event
            label = (
                "touched before the horizon" if event == "touch" else "closed above at the horizon"
            )
            res = "pending" if outcome is None else ("yes" if outcome.value else "no")
            row: list[Cell] = [(w.part(fid),), (Part(label),), (Part(res),)]
            for m in methods:
                p_id, b_id = w.id(f"{p_stem}.{k}.{m}"), f"{sc}.{b_stem}.{k}.{m}"
                if not w.has(p_id):
                    row.append((Part("–"),))
                elif w.has(b_id):
                    row.append((w.part(p_id), Part(" ("), _brier_part(w, b_id), Part(")")))
                else:
                    row.append((w.part(p_id),))
            rows.append(tuple(row))
            if outcome is None or not probs:
                if outcome is not None:
                    verb = "touched" if event == "touch" else "closed above"
                    neg = "" if outcome.value else "not "
                    para.append(
                        w.say(
                            f"scorecard.{event}.{k}",
                            f"It {neg}{verb} {{{fid}}}.",
                            basis=[outcome.id],
                        )
                    )
                continue
            happened = bool(outcome.value)
            vals = [w.num(i) or 0.0 for _, i in probs]
            verdict = _calls(w, vals, happened)
            span = _prob_span(w, probs)
            if event == "touch":
                what = f"It reached {{{fid}}}" if happened else f"It never reached {{{fid}}}"
                tmpl = f"{what}; the methods had put the chance of touching it at {{span}}, so {verdict}."
            else:
                where = "above" if happened else "below"
                tmpl = (
                    f"It ended the period {where} {{{fid}}}, against a stated chance of {{span}} "
                    f"of closing above it: {verdict}."
                )
            para.append(w.say(f"scorecard.{event}.{k}", tmpl, span=span, basis=[outcome.id]))
    if para:
        sec.paragraphs.append(para)

    # where the outcome fell in each method's forecast, and the valuation ranges
    para = []
    pits = [(m, f"{sc}.pit.{m}") for m in methods if w.has(f"{sc}.pit.{m}")]
    if pits and complete and w.has("writing.forecast_tail"):
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
            bits.append(
                [Part(f"in the {where} "), w.part("writing.forecast_tail"), Part(f" of {who}")]
            )
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
    cases = [
        c
        for c in ("bear", "base", "bull")
        if w.has(w.id(f"range.{c}.low"), w.id(f"range.{c}.high"))
    ]
    hits = {c: w.get(f"{sc}.range_hit.{c}") for c in ("bear", "base", "bull")}
    if complete and end_id is not None and cases and any(f is not None for f in hits.values()):
        end = w.num(end_id) or 0.0
        lo_id, hi_id = w.id(f"range.{cases[0]}.low"), w.id(f"range.{cases[-1]}.high")
        basis = [f.id for f in hits.values() if f is not None]
        inside = [c for c in cases if hits.get(c) is not None and hits[c].value]
        if inside:
            c = inside[-1] if "base" not in inside else "base"
            tmpl = (
                f"The valuation ranges held: the close sat inside the {c} range of "
                f"{{@range.{c}.low}} to {{@range.{c}.high}}."
            )
        elif end < (w.num(lo_id) or 0.0):
            tmpl = (
                f"The valuation ranges did not hold: the close was below even the "
                f"{cases[0]} range, which started at {{{lo_id}}}."
            )
        else:
            tmpl = (
                f"The valuation ranges did not hold: the close was above even the "
                f"{cases[-1]} range, which ended at {{{hi_id}}}."
            )
        para.append(w.say("scorecard.ranges", tmpl, basis=basis))
    means = [(m, f"{sc}.brier_mean.{m}") for m in methods if w.has(f"{sc}.brier_mean.{m}")]
    if means:
        # one precision for the list, enough to show the smallest score's first digit
        dec = 4 if any(0 < abs(w.num(i) or 0) < 0.0005 for _, i in means) else 3
        items = [[w.part(i, decimals=dec), Part(f" ({_prose(m)})")] for m, i in means]
        n_settled = len(w.facts.prefixed(f"{sc}.brier_")) - len(means)
        averaged = (
            "On the one settled call"
            if n_settled == len(means)
            else "Averaged over the settled calls"
        )
        coin = (
            " (lower is better; a constant {writing.coin_probability} forecast scores "
            "{writing.brier_coin})"
            if w.has("writing.coin_probability", "writing.brier_coin")
            else " (lower is better)"
        )
        para.append(
            w.say(
                "scorecard.brier_mean",
                averaged + ", the Brier score" + coin + " was {items}.",
                items=_join(items),
            )
        )
        para.append(
            w.plain(
                "scorecard.one_path",
                "These calls all ride on a single path of the index, so one outcome settles "
                "them together; they say little about which method is better in general, "
                "which is what the calibration section above measures.",
            )
        )
    if para:
        sec.paragraphs.append(para)
    if not complete and end_id is not None:
        open_bits = []
        if "touch" in pending:
            open_bits.append("whether the levels not yet reached are touched")
        open_bits.append("where the final close lands against each forecast")
        if cases:
            open_bits.append("whether the valuation ranges hold")
        sec.paragraphs.append(
            [
                w.say(
                    "scorecard.pending",
                    "Settled so far: only the levels already reached. Still open until "
                    f"{{{horizon}}}: {{items}}.",
                    items=_join([[Part(b)] for b in open_bits]),
                )
            ]
        )
    if not sec.paragraphs:
        sec.paragraphs.append(
            [
                w.plain(
                    "scorecard.partial",
                    "Data after the analysis date exists, but "
                    "too little of it to score the outlook yet.",
                )
            ]
        )
    if rows:
        header: list[Cell] = [(Part("Level"),), (Part("Event"),), (Part("Happened"),)]
        header += [(Part(method_name(m)),) for m in methods]
        if means:
            mean_row: list[Cell] = [(Part("Mean Brier score"),), (Part(""),), (Part(""),)]
            for m in methods:
                i = f"{sc}.brier_mean.{m}"
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
    methods_text = {
        "gbm": "GBM: geometric Brownian motion with drift and volatility estimated from daily "
        "log returns.",
        "bootstrap": "Bootstrap: resampling blocks of the index's own daily returns, which keeps "
        "fat tails and short-run clustering.",
        "garch": "GARCH: a volatility model with Student-t shocks that lets today's volatility "
        "decay toward its long-run level.",
    }
    para = [
        w.plain(f"appendix.method.{m}", methods_text[m]) for m in o.methods if m in methods_text
    ]
    if w.has("sim.n_paths", "writing.seed"):
        para.append(
            w.say(
                "appendix.seed",
                "Each method simulated {sim.n_paths} paths; the "
                "run's random seed was {writing.seed}, so the numbers can be "
                "reproduced.",
            )
        )
    elif w.has("writing.seed"):
        para.append(w.say("appendix.seed", "The run's random seed was {writing.seed}."))
    para.append(
        w.plain(
            "appendix.rule",
            "Every number in this article is a recorded fact with "
            "its method and data window; the list is in the accompanying facts file.",
        )
    )
    if w.has("manifest.created_at"):
        para.append(w.say("appendix.created", "This run was made on {manifest.created_at}."))
    sec.paragraphs.append(para)

    rows = []
    for src in _manifest_sources(o):
        series = str(src["series"]).replace(".", "_")
        base = f"manifest.data.{series}"
        window: Cell = (Part("–"),)
        if w.has(f"{base}.start", f"{base}.end"):
            window = (
                w.part(f"{base}.start", style="iso"),
                Part(" to "),
                w.part(f"{base}.end", style="iso"),
            )
        rows.append(
            (
                (Part(str(src["series"])),),
                (Part(str(src.get("provider", "–"))),),
                window,
                (w.part(f"{base}.rows"),) if w.has(f"{base}.rows") else (Part("–"),),
                (w.part(f"{base}.content_hash"),)
                if w.has(f"{base}.content_hash")
                else (Part("–"),),
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
    vers = [f for f in extra if f.id.startswith("manifest.version.")]
    if vers:
        sec.tables.append(
            Table(
                "versions",
                "Software versions",
                ((Part("Package"),), (Part("Version"),)),
                tuple(((Part(f.id.split(".", 2)[2]),), (w.part(f.id),)) for f in vers),
            )
        )
    scale_rows = []
    bounds = [f for f in extra if f.id.startswith("writing.likelihood_scale.")]
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
        rows = tuple(
            (
                (Part(k.split(".")[0].replace("_", " ")),),
                (Part(t[0].upper() + t[1:] + ("" if t.endswith(".") else ".")),),
            )
            for k, t in notes
        )
        sec.tables.append(
            Table(
                "caveats", "Caveats the analyses raised", ((Part("Part"),), (Part("Caveat"),)), rows
            )
        )
    return sec


def _title_parts(outlook: Outlook, facts: FactSheet) -> list[Part]:
    """The thesis title (the user's words), with its numbers tied to facts by the guard."""
    from thesis.writing.guard import check_sentence

    title = outlook.title.strip()
    res = check_sentence(title, facts)
    parts: list[Part] = []
    pos = 0
    for m in sorted(res.matched, key=lambda m: m.span.start):
        if not m.fact_ids:
            continue
        # prefer the thesis's own levels over any other fact with the same value
        ids = sorted(
            m.fact_ids,
            key=lambda i: (".threshold." not in i and ".target." not in i, "horizon" not in i, i),
        )
        parts += [Part(title[pos : m.span.start]), Part(m.span.text, ids[0])]
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
    drivers.subsections = [_earnings(w), _fed(w)]
    size = _size(w)
    if size is not None:
        drivers.subsections.append(size)
    sections = [_summary(w), drivers, _risks(w)]
    for maybe in (_portfolio(w),):
        if maybe is not None:
            sections.append(maybe)
    sections.append(_calibration(w))
    sc = _scorecard(w)
    if sc is not None:
        sections.append(sc)
    sections.append(_appendix(w, extra))
    standfirst = w.say(
        "standfirst",
        "Analysis as of {outlook.as_of}, horizon {outlook.horizon}. "
        "Thesis under test: \u201c{title}\u201d.",
        title=_title_parts(outlook, facts),
    )
    return Article(_headline(w), standfirst, sections, extra, facts)


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
