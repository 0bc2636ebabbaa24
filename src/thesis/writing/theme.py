"""The article's theme section: the named stocks, the sector ETFs and the theme's claims.

Built only from facts (:mod:`thesis.screen.theme` makes them; ids in :mod:`thesis.screen.ids`):
each named stock's last close, momentum, volatility and drawdown against the index over the same
window, its odds, its filed fundamentals where the store has them; the sector ETFs against the
index; and the thesis's claims about the theme that no data can settle, named as such with their
source (or, where a filing can settle one, what the filing says). Every number is a fact part; the
section says plainly when the stocks' data are stale.

Use :func:`theme_section` with the outlook the pipeline builds; it returns ``None`` when the run
has no theme.
"""

from __future__ import annotations

from collections.abc import Sequence

from thesis.facts import FactSheet
from thesis.outlook import Outlook
from thesis.screen import ids
from thesis.writing.narrative import Part, Section, Sentence, Table, _Writer

__all__ = ["theme_section"]

Cell = tuple[Part, ...]
_DASH: Cell = (Part("–"),)
_METHOD_WORDS = {"bootstrap": "the bootstrap", "garch": "GARCH", "gbm": "GBM"}
_METHOD_HEADS = {"bootstrap": "bootstrap", "garch": "GARCH", "gbm": "GBM"}


def _tickers(facts: FactSheet, prefix: str = "stock") -> list[str]:
    """Tickers (id form) with a ``name`` fact, in the order the analysis stated them."""
    out: list[str] = []
    for f in facts:
        p = ids.parse_stock(f.id, prefix)
        if p is not None and p[1] == "name" and p[0] not in out:
            out.append(p[0])
    return out


def _cell(w: _Writer, fid: str, **kw: object) -> Cell:
    return (w.part(fid, **kw),) if w.has(fid) else _DASH


def _odds_ids(w: _Writer, t: str) -> tuple[list[str], list[str]]:
    """Ids of the gain and outperformance probabilities of ``t`` present in the facts."""
    gain, beat = [], []
    for f in w.facts:
        p = ids.parse_stock(f.id)
        if p is None or p[0] != t:
            continue
        if p[1].startswith("p_gain."):
            gain.append(f.id)
        elif p[1].startswith("p_outperform."):
            beat.append(f.id)
    return gain, beat


def _method_of(fid: str) -> str:
    return fid.rsplit(".", 1)[-1]


def _gain_of(w: _Writer, fid: str) -> str | None:
    """The ``theme.gain_pct`` fact of a ``p_gain`` id (its level part), if stated."""
    for f in w.facts:
        if (
            f.id.startswith("theme.gain_pct.")
            and (gain := f.number) is not None  # f.is_numeric
            and f.id == ids.theme_gain(gain)
            and ids.stock_p_gain("x", gain, "m").split(".")[-2] == fid.split(".")[-2]
        ):
            return f.id
    return None


def _level_of(fid: str) -> str:
    return fid.split(".")[-2]


def _intro(w: _Writer, stocks: Sequence[str]) -> list[Sentence]:
    out = []
    groups: dict[str, list[str]] = {}
    for t in stocks:
        g = w.get(ids.stock(t, "group"))
        groups.setdefault(str(g.value) if g else "", []).append(t)
    name = ids.theme("name")
    parts: list[Part] = [
        Part("The thesis names "),
        w.part(ids.theme("members")),
        Part(" stocks for its "),
    ]
    parts += [w.part(name), Part(" theme")]
    if len([g for g in groups if g]) > 1:
        parts.append(Part(": "))
        for i, ts in enumerate(ts for g, ts in groups.items() if g):
            if i:
                parts.append(Part("; "))
            parts.append(w.part(ids.stock(ts[0], "group")))
            parts.append(Part(" ("))
            for j, t in enumerate(ts):
                if j:
                    parts.append(Part(", "))
                parts.append(w.part(ids.stock(t, "name")))
            parts.append(Part(")"))
    parts.append(Part(f". Each is compared with the {w.o.subject_name} over the same window."))
    out.append(Sentence("theme.intro", tuple(parts)))
    return out


def _stale(w: _Writer, stocks: Sequence[str]) -> list[Sentence]:
    stale = [t for t in stocks if (f := w.get(ids.stock(t, "stale"))) is not None and f.value]
    if not stale:
        return []
    by_date: dict[str, list[str]] = {}
    for t in stale:
        by_date.setdefault(str(w.facts[ids.stock(t, "last_date")].value), []).append(t)
    out = []
    for k, (_, ts) in enumerate(by_date.items()):
        t0 = ts[0]
        who: str | list[Part] = "all of them" if len(ts) == len(stocks) else _names(w, ts)
        ext = w.get(ids.stock(t0, "price_series"))
        extended = ext is not None and "lower-quality" in str(ext.value)
        out.append(
            w.say(
                f"theme.stale.{k}",
                "The store's prices are stale for {who}: the last close is on "
                f"{{{ids.stock(t0, 'last_date')}}}, {{{ids.stock(t0, 'stale_sessions')}|with_unit}} "
                "before the analysis date"
                + (
                    ", and after the primary price files end the series rest on a lower-quality "
                    "feed"
                    if extended
                    else ""
                )
                + ". Every figure below is as of that last close, not as of today, and the "
                "odds start from a price the store does not have.",
                who=who,
            )
        )
    return out


def _stock_sentences(w: _Writer, stocks: Sequence[str]) -> list[Sentence]:
    out = []
    for t in stocks:
        mom = ids.stock(t, "mom_6m_pct")
        imom = ids.stock_index(t, "mom_6m_pct")
        if not w.has(mom, imom, ids.stock(t, "last_date")):
            if w.has(ids.stock(t, "status")):
                out.append(
                    w.say(
                        f"theme.stock.{t}.none",
                        "{name} has no price data in the store, so it is named but not measured.",
                        name=w.part(ids.stock(t, "name")),
                    )
                )
            continue
        why = ids.stock(t, "why")
        lead = "{name}" + (" ({why})" if w.has(why) else "")
        words = {"name": w.part(ids.stock(t, "name"))}
        if w.has(why):
            words["why"] = w.part(why)
        text = (
            lead
            + " moved {"
            + mom
            + "|signed} in the six months to {"
            + ids.stock(t, "last_date")
            + "}, against {"
            + imom
            + "|signed} for the index"
        )
        if w.has(ids.stock(t, "vol_ann_pct"), ids.stock(t, "max_drawdown_pct")):
            text += (
                "; its volatility was {" + ids.stock(t, "vol_ann_pct") + "} a year and its "
                "deepest fall in twelve months {" + ids.stock(t, "max_drawdown_pct") + "|abs}"
            )
        text += "."
        # basis given, so no key of words can be taken for it
        out.append(w.say(f"theme.stock.{t}", text, basis=(), **words))
        gain, beat = _odds_ids(w, t)
        if gain:
            g = gain[0]
            lvl = _level_of(g)
            same = [x for x in gain if _level_of(x) == lvl]
            first = same[0]
            rest = same[1:]
            gid = _gain_of(w, first)
            if gid is None:
                continue
            text = (
                f"The chance of a gain of at least {{{gid}}} by the horizon "
                f"is {{{first}}} by {_METHOD_WORDS.get(_method_of(first), _method_of(first))}"
            )
            for x in rest:
                text += f" and {{{x}}} by {_METHOD_WORDS.get(_method_of(x), _method_of(x))}"
            if beat:
                text += f"; of beating the index, {{{beat[0]}}}"
                for x in beat[1:]:
                    text += f" and {{{x}}}"
            text += "."
            out.append(w.say(f"theme.odds.{t}", text))
    return out


def _stock_table(w: _Writer, stocks: Sequence[str]) -> Table | None:
    rows = []
    gains = {}
    for t in stocks:
        g, b = _odds_ids(w, t)
        gains[t] = (g, b)
    methods = sorted({_method_of(x) for g, _ in gains.values() for x in g})
    first = next((g[0] for g, _ in gains.values() if g), None)
    gid = _gain_of(w, first) if first else None
    lvl = _level_of(first) if first and gid else None
    for t in stocks:
        if not w.has(ids.stock(t, "last_date")):
            continue
        row: list[Cell] = [
            (w.part(ids.stock(t, "name")),),
            _cell(w, ids.stock(t, "last_date")),
            _cell(w, ids.stock(t, "mom_6m_pct"), style="signed"),
            _cell(w, ids.stock_index(t, "mom_6m_pct"), style="signed"),
            _cell(w, ids.stock(t, "mom_12m_pct"), style="signed"),
            _cell(w, ids.stock(t, "vol_ann_pct")),
            _cell(w, ids.stock(t, "max_drawdown_pct")),
            _cell(w, ids.stock(t, "corr_theme")),
        ]
        for m in methods:
            fid = next((x for x in gains[t][0] if _level_of(x) == lvl and _method_of(x) == m), "")
            row.append(_cell(w, fid) if fid and lvl else _DASH)
        g, b = gains[t]
        row.append(_cell(w, b[0]) if b else _DASH)
        rows.append(tuple(row))
    if not rows:
        return None
    header: list[Cell] = [
        (Part("Stock"),),
        (Part("Last close"),),
        (Part("Six-month change"),),
        (Part("Index, same window"),),
        (Part("Twelve-month change"),),
        (Part("Volatility"),),
        (Part("Max drawdown"),),
        (Part("Correlation with the basket"),),
    ]
    for m in methods:
        if gid is not None and lvl is not None:
            header.append((Part("P(gain ≥ "), w.part(gid), Part(f"), {_METHOD_HEADS.get(m, m)}")))
        else:
            header.append((Part(f"P(gain), {_METHOD_HEADS.get(m, m)}"),))
    header.append((Part("P(beat the index)"),))
    return Table("theme.stocks", "The named stocks against the index", tuple(header), tuple(rows))


def _fundamentals(w: _Writer, stocks: Sequence[str]) -> list[Sentence]:
    out = []
    missing = []
    for t in stocks:
        rev = ids.stock(t, "revenue_q_usd")
        cap = ids.stock(t, "capex_q_usd")
        if not w.has(rev) and not w.has(cap):
            missing.append(t)
            continue
        name = w.part(ids.stock(t, "name"))
        if w.has(rev, ids.stock(t, "revenue_q_period")):
            text = (
                "{name} reported revenue of {"
                + rev
                + "} for the fiscal quarter {"
                + ids.stock(t, "revenue_q_period")
                + "}"
            )
            if w.has(ids.stock(t, "revenue_yoy_pct")):
                text += ", {" + ids.stock(t, "revenue_yoy_pct") + "|signed} on a year earlier"
            out.append(w.say(f"theme.fund.revenue.{t}", text + ".", name=name))
        if w.has(cap, ids.stock(t, "capex_q_period")):
            text = (
                "Its capital expenditure in fiscal quarter {"
                + ids.stock(t, "capex_q_period")
                + "} was {"
                + cap
                + "}"
            )
            if w.has(ids.stock(t, "capex_yoy_pct")):
                text += ", {" + ids.stock(t, "capex_yoy_pct") + "|signed} on a year earlier"
            out.append(w.say(f"theme.fund.capex.{t}", text + "."))
    if missing and len(missing) == len(stocks):
        out.append(
            w.plain(
                "theme.fund.none",
                "The store holds no company filings for these stocks, so their revenue and "
                "capital spending are not stated here; the command thesis data update "
                "--provider edgar with their tickers adds them.",
            )
        )
    elif missing:
        out.append(
            w.say(
                "theme.fund.some",
                "The store holds no filings for {who}.",
                who=_names(w, missing),
            )
        )
    return out


def _names(w: _Writer, tickers: Sequence[str]) -> list[Part]:
    parts: list[Part] = []
    for i, t in enumerate(tickers):
        if i:
            parts.append(Part(" and " if i == len(tickers) - 1 else ", "))
        parts.append(w.part(ids.stock(t, "name")))
    return parts


def _sectors(w: _Writer) -> tuple[list[Sentence], Table | None]:
    secs = [t for t in _tickers(w.facts, "sector") if w.has(ids.sector(t, "rel_mom_6m_pp"))]
    if not secs:
        return [], None
    ranked = sorted(secs, key=lambda t: float(w.num(ids.sector(t, "rel_mom_6m_pp")) or 0.0))
    best, worst = ranked[-1], ranked[0]
    sents = [
        w.say(
            "theme.sectors.range",
            "Among the sector funds, {best} did best against the index over six months, by {"
            + ids.sector(best, "rel_mom_6m_pp")
            + "|signed}, and {worst} worst, by {"
            + ids.sector(worst, "rel_mom_6m_pp")
            + "|signed}.",
            best=w.part(ids.sector(best, "name")),
            worst=w.part(ids.sector(worst, "name")),
        )
    ]
    # utilities get their own sentence only when the thesis makes a claim about them
    claims = " ".join(
        str(f.value).lower()
        for f in w.facts
        if f.id.startswith("theme.claim.") and f.id.endswith(".text")
    )
    if "xlu" in secs and best != "xlu" and worst != "xlu" and "utilit" in claims:
        sents.append(
            w.say(
                "theme.sectors.utilities",
                "Utilities, about which the thesis makes a claim below, moved {"
                + ids.sector("xlu", "mom_6m_pct")
                + "|signed}, {"
                + ids.sector("xlu", "rel_mom_6m_pp")
                + "|signed} against the index.",
            )
        )
    rows = []
    for t in sorted(secs, key=lambda t: -float(w.num(ids.sector(t, "rel_mom_6m_pp")) or 0.0)):
        rows.append(
            (
                (w.part(ids.sector(t, "name")),),
                _cell(w, ids.sector(t, "mom_6m_pct"), style="signed"),
                _cell(w, ids.sector(t, "rel_mom_6m_pp"), style="signed"),
                _cell(w, ids.sector(t, "mom_12m_pct"), style="signed"),
                _cell(w, ids.sector(t, "vol_ann_pct")),
                _cell(w, ids.sector(t, "beta")),
            )
        )
    header = tuple(
        (Part(h),)
        for h in (
            "Sector fund",
            "Six-month change",
            "Against the index",
            "Twelve-month change",
            "Volatility",
            "Beta",
        )
    )
    return sents, Table("theme.sectors", "Sector funds against the index", header, tuple(rows))


def _claims(w: _Writer) -> list[Sentence]:
    """The thesis's claims about the theme, each with its source (the thesis's own citation,
    quoted as written) and what the data say: the filings agree or not, or why no data settle it."""
    out = []
    seen: list[str] = []
    for f in w.facts:
        if f.id.startswith("theme.claim.") and f.id.endswith(".text"):
            seen.append(f.id.removeprefix("theme.claim.").removesuffix(".text"))
    for cid in seen:
        text = str(w.facts[ids.claim(cid, "text")].value)
        words: dict[str, Part] = {}
        if w.has(ids.claim(cid, "value")):
            words["value"] = w.part(ids.claim(cid, "value"))
        if w.has(ids.claim(cid, "period")):
            words["period"] = w.part(ids.claim(cid, "period"))
        claim_parts = list(w.say(f"theme.claim.{cid}.body", text, basis=(), **words).parts)
        if text[:1].islower() and claim_parts and claim_parts[0].fact_id is None:
            # say() opens a sentence with a capital; inside "The thesis says that ..." it is not one
            first = claim_parts[0].text
            claim_parts[0] = Part(first[:1].lower() + first[1:])
        settled = w.get(ids.claim(cid, "settled"))
        source = w.part(ids.claim(cid, "source"))
        if settled is not None and settled.value:
            agrees = w.get(ids.claim(cid, "agrees"))
            verdict = "agree" if agrees is not None and agrees.value else "do not agree"
            out.append(
                Sentence(
                    f"theme.claim.{cid}",
                    (
                        Part("The thesis says that "),
                        *claim_parts,
                        Part(" ("),
                        source,
                        Part(f"); the filings {verdict}."),
                    ),
                    basis=(ids.claim(cid, "agrees"),),
                )
            )
            continue
        why = w.get(ids.claim(cid, "why_unsettled"))
        tail: tuple[Part, ...] = (
            (
                Part(". No data in the store settles it ("),
                w.part(ids.claim(cid, "why_unsettled")),
                Part(")."),
            )
            if why is not None
            else (Part(". No data in the store settles it."),)
        )
        out.append(
            Sentence(
                f"theme.claim.{cid}",
                (Part("The thesis says that "), *claim_parts, Part(" ("), source, Part(")"), *tail),
            )
        )
    return out


def theme_section(outlook: Outlook, facts: FactSheet | None = None) -> Section | None:
    """The theme section of the article, or ``None`` when the facts hold no theme."""
    w = _Writer(outlook, facts if facts is not None else outlook.facts)
    if not w.has(ids.theme("name"), ids.theme("members")):
        return None
    stocks = _tickers(w.facts)
    sec = Section("theme", "The theme: " + str(w.facts[ids.theme("name")].value))
    sec.paragraphs.append(_intro(w, stocks) + _stale(w, stocks))
    groups: dict[str, list[str]] = {}
    for t in stocks:
        g = w.get(ids.stock(t, "group"))
        groups.setdefault(str(g.value) if g is not None else "", []).append(t)
    for members in groups.values():
        body = _stock_sentences(w, members)
        if body:
            sec.paragraphs.append(body)
    table = _stock_table(w, stocks)
    if table is not None:
        sec.tables.append(table)
    fund = _fundamentals(w, stocks)
    if fund:
        sec.paragraphs.append(fund)
    sents, stable = _sectors(w)
    if sents:
        sec.paragraphs.append(sents)
    if stable is not None:
        sec.tables.append(stable)
    claims = _claims(w)
    if claims:
        sec.paragraphs.append(claims)
    return sec
