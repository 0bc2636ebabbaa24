"""What a claim is about: the series it names ("S&P 500", "the 10-year yield", "core CPI", "Nvidia").

Subjects are found by name on tokens (:class:`~thesis.text.phrases.PhraseMatcher`); companies are
added from the store's reference data (``store.securities()``: "Apple Inc." → "Apple", "AAPL"), so
that "Best Buy, rising over 8%" is bound to Best Buy (for which the store may hold no prices)
rather than to the last index named. Words that only point back ("the index", "the benchmark",
"it") are :class:`SubjectMention` with ``anaphora`` set; :mod:`thesis.claims.extract` resolves them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from thesis.claims.spreads import SPREAD_KEY, spread_aliases
from thesis.claims.vocab import DOWN_WORDS, UP_WORDS
from thesis.text.numbers import word_value
from thesis.text.phrases import PhraseMatcher
from thesis.text.tokens import Token

__all__ = [
    "ALL_SECTORS",
    "MARKET",
    "SECTORS",
    "SUBJECTS",
    "Subject",
    "SubjectFinder",
    "SubjectKind",
    "SubjectMention",
    "builtin_finder",
    "subject_by_key",
    "total_return_of",
]

SubjectKind = Literal[
    "index", "stock", "etf", "yield", "inflation", "policy_rate", "labor", "gdp", "volatility",
    "commodity", "market", "sector",
]  # fmt: skip


@dataclass(frozen=True)
class Subject:
    """A thing claims are made about.

    Attributes
    ----------
    key
        Short id ("sp500", "ust10y", "core_cpi", "nvda").
    name
        For messages ("S&P 500").
    kind
        ``index``, ``stock``, ``etf``, ``yield``, ``inflation``, ``policy_rate``, ``labor``, ``gdp``,
        ``volatility``, ``commodity`` or ``market`` (stocks in general).
    series
        Store ids to try, in order of preference.
    settle
        What data would settle a claim about it, for the evidence of unverifiable claims.
    """

    key: str
    name: str
    kind: SubjectKind
    series: tuple[str, ...]
    settle: str = ""
    aliases: tuple[str, ...] = field(default=(), compare=False, repr=False)


def _tenor_names(*tenors: str) -> list[str]:
    """The ways a tenor's Treasury yield is written with the country and the instrument named:
    "the two-year U.S. Treasury note yield", "the 10-year US Treasury note", "the 30-year
    Treasury bond yield". Spelled out for every tenor alike (a list by hand had them for one
    tenor and not another: "10-year U.S. Treasury yield" was a name, "2-year U.S. Treasury
    yield" was not)."""
    out: list[str] = []
    for tenor in tenors:
        for country in ("", "U.S. ", "US "):
            # "the 10-year U.S. Treasury rate fell 9bps to 0.64%": "rate" names the tenor's yield
            for tail in ("yield", "note yield", "note", "bond yield", "bond", "rate", ""):
                out.append(f"{tenor} {country}Treasury {tail}".strip())
        # "Today's 10-year T-note yield increased by 6 basis points to 4.06%" (Barchart's wraps)
        out += [f"{tenor} T-{kind}{tail}" for kind in ("note", "bond") for tail in (" yield", "")]
        # "the two-year note yield advanced to 2.897 percent": the instrument without "Treasury"
        out += [f"{tenor} {kind}{tail}" for kind in ("note", "bond") for tail in (" yield", "")]
    return out


def _s(key: str, name: str, kind: SubjectKind, series: tuple[str, ...], aliases: Iterable[str],
       settle: str = "") -> Subject:  # fmt: skip
    aliases = list(aliases)
    if kind == "yield":
        # a yield named with its tenor abbreviated: "the 10-yr note yield closed the year unchanged
        # at 3.88%", "The 2-yr note yield declined 17 basis points" name the tenor's yield as
        # "10-year"/"2-year" do (only the "N-year" spelling: "ten-yr" is not written)
        aliases += [
            re.sub(r"\b(\d+)-year\b", r"\1-yr", a) for a in aliases if re.search(r"\b\d+-year\b", a)
        ]
        # "10-year Treasury yields climbed to 3.08%": the plural of a tenor's yield is that
        # yield (a name with its tenor; "Treasury yields" alone names no series)
        aliases += [a + "s" for a in aliases if a.lower().endswith(("yield", "rate", "note"))]
    return Subject(
        key,
        name,
        kind,
        series,
        settle
        or f"daily {name} data (`thesis data import` or `thesis data update {series[0] if series else key}`)",
        tuple(aliases),
    )


SUBJECTS: tuple[Subject, ...] = (
    _s("sp500", "S&P 500", "index", ("sp500",), [
        "S&P 500", "S&P 500 index", "S&P", "SPX", "^GSPC", "GSPC", "SP500", "Standard & Poor's 500",
        "Standard and Poor's 500", "Standard & Poor's 500 index", "S & P 500", "S&P500",
        # the wire's "500-stock index"
        "S&P 500-stock index", "Standard & Poor's 500-stock index",
        "Standard and Poor's 500-stock index", "S&P 500 stock index", "S and P 500",
        # a spun or badly encoded copy's spelling
        "SandP 500", "SandP", "S&amp;P 500",
    ]),
    _s("nasdaq", "Nasdaq Composite", "index", ("nasdaq", "nasdaq_composite"), [
        "Nasdaq", "Nasdaq Composite", "Nasdaq Composite Index", "^IXIC", "IXIC", "Nasdaq composite",
    ]),
    _s("nasdaq100", "Nasdaq 100", "index", ("nasdaq100", "ndx"), ["Nasdaq 100", "Nasdaq-100", "NDX"]),
    _s("dow", "Dow Jones Industrial Average", "index", ("dow", "djia"), [
        "Dow", "Dow Jones", "Dow Jones Industrial Average", "Dow Jones industrial average", "DJIA",
        "^DJI", "Dow Industrials", "Dow Jones Industrials", "Dow Industrial Average", "blue-chip Dow",
    ]),
    _s("russell2000", "Russell 2000", "index", ("russell2000", "rut"), ["Russell 2000", "RUT", "Russell"]),
    _s("vix", "VIX", "volatility", ("vix",), [
        "VIX", "Cboe Volatility Index", "CBOE Volatility Index", "volatility index", "fear gauge", "^VIX",
        # how wires describe it ("Wall Street's most watched gauge of investor anxiety")
        "gauge of investor anxiety", "gauge of investor fear", "gauge of market volatility",
        "volatility gauge", "fear index", "Cboe VIX", "CBOE VIX",
    ]),
    _s("ust10y", "10-year Treasury yield", "yield", ("ust10y", "ust10y_monthly"), [
        "10-year Treasury yield", "10-year yield", "10-year Treasury", "10-year note", "10-year note yield",
        "ten-year Treasury yield", "ten-year yield", "10-year Treasury note", "benchmark 10-year",
        "10-year US Treasury yield", "10-year U.S. Treasury yield", "yield on the 10-year Treasury",
        "yield on the 10-year note", "yield on the benchmark 10-year", "10-year rate", "US10Y", "10Y",
        "10-year U.S. Treasury", "yield on the 10-year U.S. Treasury", "10-year bond yield",
        *_tenor_names("10-year", "ten-year"),
    ]),
    _s("ust2y", "2-year Treasury yield", "yield", ("ust2y",), [
        "2-year Treasury yield", "2-year yield", "2-year Treasury", "2-year note", "two-year yield",
        "two-year Treasury yield", "two-year rate", "2-year rate", "two-year Treasury", "US2Y",
        "yield on the 2-year Treasury", "two-year note", "2-year note yield",
        *_tenor_names("2-year", "two-year"),
    ]),
    _s("ust30y", "30-year Treasury yield", "yield", ("ust30y",), [
        "30-year Treasury yield", "30-year yield", "30-year Treasury", "30-year bond", "thirty-year yield",
        "30-year bond yield", "long bond", *_tenor_names("30-year", "thirty-year"),
    ]),
    _s("fedfunds", "federal funds rate", "policy_rate", ("fed_target", "fedfunds_daily", "fedfunds"), [
        "federal funds rate", "fed funds rate", "federal funds target rate", "fed funds target",
        "policy rate", "benchmark interest rate", "benchmark lending rate", "benchmark rate",
        "key interest rate", "federal funds", "fed funds", "overnight borrowing rate",
    ], "the Fed's target range by meeting and the daily effective rate (fed_target, fedfunds_daily)"),
    _s("core_cpi", "core CPI", "inflation", ("core_cpi",), [
        "core CPI", "core consumer price index", "core consumer prices", "core inflation", "core prices",
        "core CPI inflation", "core index",
    ], "the monthly core CPI index (core_cpi)"),
    _s("core_pce", "core PCE inflation", "inflation", ("core_pce",), [
        "core PCE", "core PCE price index", "core personal consumption expenditures price index",
        "core personal consumption expenditures", "core personal consumption expenditure price index",
        "core personal consumption expenditure",
    ], "the monthly core PCE price index (core_pce)"),
    _s("pce", "PCE inflation", "inflation", ("pce",), [
        "PCE", "PCE price index", "personal consumption expenditures price index",
        "personal consumption expenditure price index",
        "Fed's preferred inflation gauge", "preferred inflation gauge", "Fed's preferred inflation rate",
        "Fed's preferred inflation measure", "Fed's preferred measure of inflation",
        "preferred inflation measure", "preferred inflation rate", "Fed's preferred gauge",
        "Fed's preferred inflation metric", "preferred inflation metric",
    ], "the monthly PCE price index (pce)"),
    _s("cpi", "CPI", "inflation", ("cpi_u",), [
        "CPI", "consumer price index", "consumer prices", "headline inflation", "inflation", "headline CPI",
        "CPI-U", "headline consumer price index", "annual inflation", "inflation rate",
    ], "the monthly CPI-U index (cpi_u)"),
    _s("unrate", "unemployment rate", "labor", ("unrate",), [
        "unemployment rate", "jobless rate", "unemployment",
    ], "the monthly unemployment rate (unrate)"),
    _s("payems", "nonfarm payrolls", "labor", ("payems",), [
        "nonfarm payrolls", "non-farm payrolls", "payrolls", "jobs", "nonfarm jobs",
    ], "first-release payrolls (the store holds the current vintage)"),
    _s("gdp", "real GDP", "gdp", ("gdp_real", "gdp"), [
        "GDP", "gross domestic product", "real GDP", "the economy", "U.S. economy", "US economy",
        "economic growth", "GDP growth",
    ], "quarterly real GDP (gdp_real)"),
    _s("gold", "gold", "commodity", ("gold", "gold_monthly"), ["gold", "gold price", "gold prices", "bullion"]),
    _s("oil", "crude oil", "commodity", ("wti", "brent"), [
        "oil", "crude", "crude oil", "WTI", "Brent", "oil prices", "West Texas Intermediate",
    ]),
    _s("bitcoin", "bitcoin", "commodity", ("btc",), ["bitcoin", "BTC"]),
    _s("market", "U.S. stocks (the S&P 500 as a proxy)", "market", ("sp500",), [
        "stocks", "U.S. stocks", "US stocks", "the stock market", "stock market", "equities",
        "equity market", "the equity market", "equity markets", "U.S. equity market",
        "Wall Street", "the market", "markets", "U.S. equities", "the broader market", "the broad market",
        "major indexes", "major U.S. stock indexes", "major averages", "the major averages",
        "all three gauges", "major U.S. indexes", "the major indexes",
    ], "an index named in the sentence"),
    # "all three major indexes closed at records": a claim about each of the Dow, the S&P 500 and
    # the Nasdaq, so about the S&P 500 as much as the other two (its part is what the store holds)
    _s("majors3", "the three major U.S. stock indexes (the S&P 500 among them)", "index", ("sp500",), [
        f"{a} {b}" for a in ("all three major", "the three major", "all three major U.S.",
                             "the three major U.S.", "all three major US", "all three major U.S. stock",
                             "the three major U.S. stock", "all three major stock", "all three main",
                             "the three main", "all three main U.S. stock", "all three U.S. stock",
                             "all three major U.S. benchmark", "all three major benchmark",
                             "the three major U.S. benchmark", "all three major US benchmark")
        for b in ("indexes", "indices", "averages", "stock indexes", "stock averages")
    ], "the Dow and the Nasdaq Composite (`thesis data import`)"),
    # "all three indexes closed at all-time highs": three indexes named before, the S&P 500 most
    # likely one of them but not by these words: its part supports, never contradicts (GROUP_KEYS)
    _s("three_named", "the three indexes named before (the S&P 500 among them, most likely)", "index",
       ("sp500",), [f"all three {b}" for b in ("indexes", "indices", "averages", "benchmarks",
                                                "benchmark indexes", "benchmark indices")],
       "the Dow and the Nasdaq Composite (`thesis data import`)"),
    # the 10-year minus 2-year spread: its own measure, never either yield (claims/spreads.py)
    _s(SPREAD_KEY, "10-year minus 2-year Treasury spread", "yield", (SPREAD_KEY,), spread_aliases()),
)  # fmt: skip

# ETFs and stocks the store may hold prices for, with their common names
_SECURITIES = {
    "spy": ("SPDR S&P 500 ETF", "etf", ["SPY"]),
    "iwm": ("iShares Russell 2000 ETF", "etf", ["IWM"]),
    "tlt": ("iShares 20+ Year Treasury Bond ETF", "etf", ["TLT"]),
    "gld": ("SPDR Gold Shares", "etf", ["GLD"]),
    "qqq": ("Invesco QQQ", "etf", ["QQQ"]),
    "msft": ("Microsoft", "stock", ["Microsoft", "MSFT"]),
    "aapl": ("Apple", "stock", ["Apple", "AAPL"]),
    "nvda": ("Nvidia", "stock", ["Nvidia", "NVIDIA", "NVDA"]),
    "amzn": ("Amazon", "stock", ["Amazon", "AMZN", "Amazon.com"]),
    "googl": ("Alphabet", "stock", ["Alphabet", "Google", "GOOGL", "GOOG"]),
    "meta": ("Meta Platforms", "stock", ["Meta", "META", "Meta Platforms", "Facebook"]),
    "tsla": ("Tesla", "stock", ["Tesla", "TSLA"]),
    "plpc": ("Preformed Line Products", "stock", ["Preformed Line Products", "PLPC"]),
    "inod": ("Innodata", "stock", ["Innodata", "INOD"]),
    "path": ("UiPath", "stock", ["UiPath"]),
    "fivn": ("Five9", "stock", ["Five9", "FIVN"]),
}
_SECTOR_ETFS = {
    "xlk": "technology", "xlf": "financials", "xle": "energy", "xlv": "health care",
    "xli": "industrials", "xly": "consumer discretionary", "xlp": "consumer staples",
    "xlu": "utilities", "xlb": "materials", "xlre": "real estate", "xlc": "communication services",
}  # fmt: skip


# The S&P 500's sectors, read on their Select Sector SPDR ETF as a proxy for the sector index
# (adjusted closes; a proxy supports a claim within its tracking error and never contradicts it).
# The technology, communication services and materials ETFs are capped (single-stock limits)
# and drift from their sector index by more than a proxy may: those sectors are subjects (a
# number about them is not the S&P 500's) without a series.
_SECTORS: dict[str, tuple[str, str | None, list[str]]] = {
    "energy": ("energy", "xle", ["energy", "energy sector", "energy stocks", "energy shares"]),
    "financials": ("financials", "xlf", [
        "financials", "financial sector", "financials sector", "financial stocks", "financial shares"]),
    "health_care": ("health care", "xlv", [
        "health care", "healthcare", "health-care", "health care sector", "healthcare sector",
        "health-care sector", "health care stocks", "healthcare stocks", "health-care stocks"]),
    "industrials": ("industrials", "xli", [
        "industrials", "industrial sector", "industrials sector", "industrial stocks"]),
    "discretionary": ("consumer discretionary", "xly", [
        "consumer discretionary", "consumer discretionary sector", "consumer discretionary stocks",
        "consumer discretionary shares", "consumer cyclicals", "consumer cyclical stocks"]),
    "staples": ("consumer staples", "xlp", [
        "consumer staples", "consumer staples sector", "consumer staples stocks", "staples"]),
    "utilities": ("utilities", "xlu", [
        "utilities", "utilities sector", "utility stocks", "utility sector", "utility shares",
        "utilities stocks"]),
    "real_estate": ("real estate", "xlre", [
        "real estate", "real estate sector", "real estate stocks", "real-estate sector"]),
    "technology": ("technology", None, [
        "technology", "tech", "technology sector", "tech sector", "information technology",
        "technology stocks", "tech stocks", "information technology sector", "tech shares"]),
    "communication": ("communication services", None, [
        "communication services", "communication services sector", "communications sector",
        "communication services stocks"]),
    "materials": ("materials", None, [
        "materials", "materials sector", "basic materials", "materials stocks"]),
}  # fmt: skip
#: sector words that are common words too: a sector only when capitalised or followed by
#: "sector", "stocks"... ("Energy rose 1.4%", "energy stocks"; not "food and energy")
_SECTOR_COMMON = frozenset(
    {"energy", "technology", "tech", "materials", "health", "healthcare", "health-care", "real",
     "staples", "utilities", "financials", "industrials"}
)  # fmt: skip
#: words after a sector word that make it something else ("energy prices", "tech giants")
_NOT_SECTOR_AFTER = frozenset(
    {"prices", "price", "costs", "cost", "bills", "bill", "inflation", "index", "component",
     "demand", "supply", "policy", "giants", "giant", "companies", "company", "firms", "sector's",
     "spending", "transition", "security", "estate", "services", "reform", "plans", "insurance",
     "select", "spdr", "etf", "etfs", "fund", "funds"}  # "Utilities Select Sector SPDR": the fund
)  # fmt: skip


_GROUP_NOUNS = ("sector", "sectors", "stocks", "shares", "names")


def _sector_aliases(aliases: Iterable[str]) -> tuple[str, ...]:
    """A sector's names with the group nouns a wrap puts after them ("materials shares",
    "industrial names", "utility stocks"): every bare name, plural or singular, with each."""
    out = list(aliases)
    for a in list(out):
        if a.split()[-1] in _GROUP_NOUNS:
            continue
        for noun in _GROUP_NOUNS[2:]:
            out.append(f"{a} {noun}")
            if a.endswith("s") and not a.endswith(
                ("ss", "services")
            ):  # "industrials" → "industrial"
                out.append(
                    f"{a[:-1].removesuffix('ie') + ('y' if a.endswith('ies') else '')} {noun}"
                )
    return tuple(dict.fromkeys(out))


def _sector(key: str, name: str, etf: str | None, aliases: Iterable[str]) -> Subject:
    aliases = _sector_aliases(aliases)
    if etf is None:
        settle = f"the S&P 500 {name} sector index (its ETF is capped: no proxy)"
        return Subject(f"sector_{key}", f"the {name} sector", "sector", (), settle, tuple(aliases))
    return Subject(
        f"sector_{key}",
        f"the {name} sector ({etf.upper()} as a proxy)",
        "sector",
        (etf,),
        f"the S&P 500 {name} sector index (`thesis data update`), not only its ETF",
        tuple(aliases),
    )


SECTORS: tuple[Subject, ...] = tuple(_sector(k, n, e, al) for k, (n, e, al) in _SECTORS.items())
#: the eleven sectors together ("Eight of the 11 S&P 500 sectors ended lower"), read on their
#: eleven Select Sector SPDR ETFs (capped ones included: only the sign of each move counts)
ALL_SECTORS = Subject(
    "sectors", "the S&P 500's sectors (their Select Sector SPDR ETFs as proxies)", "sector",
    ("xlk", "xlf", "xle", "xlv", "xli", "xly", "xlp", "xlu", "xlb", "xlre", "xlc"),
    "the S&P 500 sector indexes (`thesis data update`), not only their ETFs",
)  # fmt: skip


def _security(key: str, name: str, kind: SubjectKind, aliases: Iterable[str]) -> Subject:
    return Subject(
        key,
        name,
        kind,
        (key, f"{key}_iex"),
        f"daily {name} prices (`thesis data update {key}`)",
        tuple(aliases),
    )


SECURITIES: tuple[Subject, ...] = tuple(
    _security(k, n, kind, al)  # type: ignore[arg-type]
    for k, (n, kind, al) in _SECURITIES.items()
) + tuple(_security(k, k.upper(), "etf", [k.upper()]) for k in _SECTOR_ETFS)

#: the S&P 500's total return (price and dividends), read on SPY's adjusted close as a proxy
#: (the fund trails the total-return index by its fee, about 0.1 pp a year)
SP500_TR = Subject(
    "sp500_tr", "S&P 500 total return (SPY's adjusted close as a proxy)", "index", ("spy_tr",),
    "the S&P 500 total-return index (`thesis data import`), not only SPY",
)  # fmt: skip


def total_return_of(subj: Subject) -> Subject | None:
    """The total-return series of a subject ("a 25% total return for 2024"): the S&P 500's read
    on SPY's adjusted close, a stock's or an ETF's on its own adjusted close; ``None`` when the
    checker knows none."""
    if subj.key in ("sp500", "market", "majors3", "three_named"):
        return SP500_TR
    if subj.kind in ("stock", "etf") and subj.series:
        base = subj.series[0]
        return Subject(f"{subj.key}_tr", f"{subj.name} (total return, adjusted close)", subj.kind,
                       (f"{base}_tr",), subj.settle)  # fmt: skip
    return None


_BY_KEY = {s.key: s for s in (*SUBJECTS, *SECURITIES, *SECTORS, ALL_SECTORS, SP500_TR)}
MARKET = _BY_KEY["market"]

# names that must be written with a capital to count (common words otherwise)
_CASED = frozenset({"meta", "apple", "path", "russell", "target", "visa", "gold"})


def subject_by_key(key: str) -> Subject:
    """The registered subject with this key (``KeyError`` otherwise)."""
    return _BY_KEY[key]


@dataclass(frozen=True, slots=True)
class SubjectMention:
    """A subject named (or pointed back to) in the text.

    ``anaphora`` is the kind of back-reference: ``index`` ("the index", "the gauge"),
    ``benchmark`` ("the benchmark", "the broad market"), ``pronoun`` ("it", "its"), or ``""`` for
    a name. ``subject`` is ``None`` for back-references (resolved by the extractor) and for
    unknown names (``unknown`` set: "the Zorblax index").
    """

    start: int
    end: int
    text: str
    subject: Subject | None
    anaphora: str = ""
    unknown: bool = False
    #: a subject described, not named ("smaller-company stocks" for the Russell 2000): no
    #: back-reference such as "the index" points to it
    described: bool = False


_ANAPHORA = PhraseMatcher(
    {
        "the index": "index",
        "the gauge": "index",
        "this index": "index",
        "the benchmark": "benchmark",
        "the benchmark index": "benchmark",
        "the broad index": "benchmark",
        "the broader index": "benchmark",
        "the broad-based index": "benchmark",
        "the large-cap index": "benchmark",
        "the broad-market index": "benchmark",
        "the benchmark S&P": "sp500",
        "the benchmark S&P 500": "sp500",
        "the benchmark S&P 500 index": "sp500",
        "broad-based index": "benchmark",
        "benchmark index": "benchmark",
        "the broad market index": "benchmark",
        "broad market index": "benchmark",
        "the broader market index": "benchmark",
        "the wider market index": "benchmark",
        "the wider index": "benchmark",
        "the broader benchmark": "benchmark",
        # "The drop left the large-cap benchmark 12% below its record close"
        "the large-cap benchmark": "benchmark",
        "the large-cap gauge": "benchmark",
        "the wider benchmark": "benchmark",
        "the stock": "stock",
        "the shares": "stock",
        "it": "pronoun",
        "its": "pronoun",
        "it's": "pronoun",
        "the tech-heavy index": "nasdaq",
        "the blue-chip index": "dow",
        "the blue-chip average": "dow",
        "the small-cap index": "russell2000",
        "the yield": "yield",
        "that yield": "yield",
        "this yield": "yield",
    }
)
#: the kinds of series that are prices: their percentage figures are price changes, and none can
#: fall by more than all of it
PRICE_KINDS = frozenset({"index", "stock", "etf", "sector", "market"})

#: double quotation marks, which a name may hold around a word ('"core" CPI'; a single one may
#: be an apostrophe)
_QUOTE_MARKS = frozenset({'"', "“", "”"})

#: single quotation marks: an opening one, and the closing ones (which may be apostrophes)
_OPEN_SINGLE = frozenset({"‘", "'"})
_CLOSE_SINGLE = frozenset({"’", "'"})


def _unquoted(tokens: list[Token]) -> list[Token]:
    """``tokens`` without quotation marks around words: double ones always, single ones in pairs
    around up to three words ("The ‘core’ CPI", "the 'core' CPI"; "S&P’s" keeps its apostrophe)."""
    out = [t for t in tokens if t.text not in _QUOTE_MARKS]
    drop: set[int] = set()
    for i, t in enumerate(out):
        if t.text not in _OPEN_SINGLE or i + 1 >= len(out) or out[i + 1].kind != "word":
            continue
        if i > 0 and out[i - 1].end == t.start and out[i - 1].kind == "word":
            continue  # an apostrophe after a word ("investors' views")
        for j in range(i + 2, min(i + 5, len(out))):
            if out[j].text in _CLOSE_SINGLE and out[j - 1].end == out[j].start:
                drop.update({i, j})
                break
    return [t for k, t in enumerate(out) if k not in drop]


#: words after "the yield" that make it no back-reference to a yield named before: another
#: quantity ("the yield curve", "the yield gap") or a yield the words go on to name ("the yield on
#: ...", "the yield of ...", whose name, when the checker knows it, matched first)
_NOT_ONE_YIELD = frozenset(
    {
        "curve",
        "curves",
        "gap",
        "spread",
        "spreads",
        "on",
        "of",
        "for",
        "premium",
        "differential",
        "advantage",
        "pickup",
        "to",
    }
)


def _not_one_yield(tokens: list[Token], j: int) -> bool:
    return j < len(tokens) and tokens[j].text.lower() in _NOT_ONE_YIELD


#: words after "the stock" / "the shares" that make them no back-reference to one company
_NOT_ONE_STOCK = frozenset(
    {"market", "markets", "exchange", "exchanges", "index", "indexes", "indices", "of", "in",
     "gauge", "benchmark", "benchmarks", "average", "averages", "sector", "sectors"}
)  # fmt: skip


def _not_one_stock(tokens: list[Token], j: int) -> bool:
    return j < len(tokens) and tokens[j].lower in _NOT_ONE_STOCK


# descriptions that name one index ("the tech-heavy index", "the benchmark S&P 500"): a name
_NAMED_DESCRIPTIONS = frozenset({"nasdaq", "dow", "russell2000", "sp500"})
# words after "Dow Jones" that make it the news agency, not the index
_DOW_SOURCE = frozenset(
    {"newswires", "market", "&", "and", "news", "indices", "polled", "surveyed"}
)
# words after a bare tenor ("10-year") that make it something other than a yield
_NOT_YIELD = frozenset(
    [
        "p/e",
        "p",
        "cape",
        "average",
        "high",
        "low",
        "period",
        "span",
        "stretch",
        "bull",
        "bear",
        "run",
        "record",
        "anniversary",
        "plan",
        "mortgage",
        "mortgages",
        "loan",
        "fixed",
        "breakeven",
        "tips",
        "real",
        "horizon",
        "window",
        "history",
        "old",
    ]
)
# words that may follow a bare tenor ("the 10-year at 4.14%", "the 2-year rose") when it is a yield
_AFTER_TENOR = frozenset(
    [
        "yield",
        "yields",
        "note",
        "notes",
        "treasury",
        "treasuries",
        "bond",
        "bonds",
        "rate",
        "rates",
        "at",
        "to",
        "was",
        "is",
        "were",
        "rose",
        "fell",
        "climbed",
        "dropped",
        "jumped",
        "slipped",
        "edged",
        "ended",
        "closed",
        "finished",
        "near",
        "around",
        "and",
        "hit",
        "reached",
        "topped",
        "traded",
        "stood",
        "sat",
        "gained",
        "lost",
        "added",
        "shed",
        "declined",
        "advanced",
        "rallied",
        "eased",
        "firmed",
    ]
)
_UNKNOWN_HEADS = frozenset(
    {"index", "stock", "stocks", "shares", "fund", "etf", "average", "composite"}
)
_NOT_NAMES = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "their",
        "our",
        "his",
        "her",
        "and",
        "or",
        "but",
        "on",
        "in",
        "for",
        "at",
        "by",
        "after",
        "before",
        "since",
        "while",
        "as",
        "wall",
        "street",
        "u.s",
        "us",
        "reuters",
        "stocks",
        "shares",
        "meanwhile",
        "overall",
        "still",
        "also",
        "then",
        "up",
        "down",
        "key",
        "analysis",
        "new",
        "york",
        "year",
        "week",
        "month",
        "today",
        "tuesday",
        "monday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "big",
        "broad",
        "benchmark",
        "main",
        "major",
        "small",
        "large",
        "tech",
        "blue",
        "chip",
    ]
)


class SubjectFinder:
    """Finds subject mentions on tokens.

    Parameters
    ----------
    extra
        More subjects (companies from the store's reference data), matched case-sensitively on
        their first letter.
    """

    def __init__(self, extra: Iterable[Subject] = ()) -> None:
        items: list[tuple[str, Subject]] = []
        self._extra_keys: set[str] = set()
        for s in (*SUBJECTS, *SECURITIES, *SECTORS):
            items.extend((a, s) for a in s.aliases)
        builtin = {a.lower() for a, _ in items}
        for s in extra:
            if s.key in _BY_KEY:
                continue
            self._extra_keys.add(s.key)
            # a company named like an index or a series ("Nasdaq, Inc." → "Nasdaq") does not shadow
            # the index: a bare "Nasdaq" in market prose is the index
            items.extend((a, s) for a in s.aliases if a.lower() not in builtin)
        # bare tenors ("the 10-year at 4.14%") are yields unless a word after them says otherwise
        for tenor, key in (("10-year", "ust10y"), ("ten-year", "ust10y"), ("2-year", "ust2y"),
                           ("two-year", "ust2y"), ("30-year", "ust30y")):  # fmt: skip
            items.append((tenor, _BY_KEY[key]))
        self._names = PhraseMatcher(items)

    def find(self, tokens: list[Token]) -> list[SubjectMention]:
        """All subject mentions in ``tokens``, in order (longest name first where two overlap).
        Quotation marks are not read: a quoted word of a name ('the so-called "core" CPI') is
        part of it."""
        tokens = _unquoted(tokens)
        out: list[SubjectMention] = []
        i, n = 0, len(tokens)
        names = self._names
        while i < n:
            t = tokens[i]
            if t.kind not in ("word", "punct", "number"):
                i += 1
                continue
            # can_start first: most tokens start no name, and the test is cheaper than the call
            m = names.match_at(tokens, i) if names.can_start(t) else None
            a0 = _ANAPHORA.match_at(tokens, i) if _ANAPHORA.can_start(t) else None
            if m is not None and a0 is not None and a0.j > m.j:
                m = None  # "the broad market index": the longer reading, a back-reference
            if a0 is not None and a0.value == "stock" and _not_one_stock(tokens, a0.j):
                a0 = None  # "the stock market", "the shares of Apple": no back-reference
            if a0 is not None and a0.value == "yield" and _not_one_yield(tokens, a0.j):
                a0 = None  # "the yield curve", "the yield on Apple's bonds": no back-reference
            if m is not None and m.value.key == "sp500" and self._sector_index_after(tokens, m.j):
                i = m.j  # "the S&P 500 utilities index": the sector's index, named next
                continue
            if m is not None and self._accept(tokens, m.i, m.j, m.value):
                k = _qualified(tokens, m.i, m.value)
                other = self._family_member(tokens, m.j) if m.value.kind == "index" else None
                if m.value.kind == "volatility":
                    other = _other_volatility_ticker(tokens, m.j)
                if other is None and m.value.key == "sp500":
                    other = _other_sp_index(tokens, m.i, m.j)
                g = _gap_noun(tokens, m.i) if m.value.kind in _GAP_KINDS else None
                if g is None and m.value.kind == "index":
                    g = _part_noun(tokens, m.i)  # "the information technology area of the S&P 500"
                if other is None and g is None and m.value.kind == "index":
                    # "S&P 500 Index contracts", "the E-mini S&P 500": futures on the index
                    d = _derivative(tokens, m.i, m.j)
                    if d is not None:
                        g, other = d
                if other is not None or g is not None:
                    # "the S&P 500 Software & Services Index", "the S&P 500 Growth": another
                    # index of the family; "its valuation gap to the S&P 500": a gap, not the
                    # index. Unknown subjects (the store holds neither).
                    lo = m.i if other is not None else (g if g is not None else m.i)
                    hi = other if other is not None else m.j
                    out.append(SubjectMention(
                        tokens[lo].start, tokens[hi - 1].end, _span_text(tokens, lo, hi), None,
                        unknown=True,
                    ))  # fmt: skip
                    i = hi
                    continue
                small = _size_segment(tokens, m.i) if m.value.kind == "market" else None
                if k is None and small is not None and tokens[small].lower in _SMALL_WORDS:
                    # "smaller-company stocks dropped 44.18 points, or 2.9 per cent, to 1,463.79"
                    # (the wires' name for the Russell 2000's market): the small-cap index
                    span = _span_text(tokens, small, m.j)
                    out.append(SubjectMention(tokens[small].start, m.end, span,
                                              _BY_KEY["russell2000"], described=True))  # fmt: skip
                elif k is not None:
                    # "the real 10-year yield", "inflation-adjusted": another series, unknown here
                    span = _span_text(tokens, k, m.j)
                    out.append(SubjectMention(tokens[k].start, m.end, span, None, unknown=True))
                else:
                    core = _CORE_OF.get(m.value.key)
                    # "inflation rose 6.3% in 12 months, excluding volatile energy and food
                    # prices": the core measure, named by what it leaves out
                    named = (
                        _BY_KEY[core]
                        if core is not None and _ex_food_and_energy(tokens, m.j)
                        else m.value
                    )
                    out.append(SubjectMention(m.start, m.end, _span_text(tokens, m.i, m.j), named))
                i = m.j
                continue
            a = a0  # the back-reference at i, if any (found above)
            if a is not None:
                kind = a.value
                subj = _BY_KEY.get(kind) if kind in _NAMED_DESCRIPTIONS else None
                out.append(
                    SubjectMention(
                        a.start, a.end, _span_text(tokens, a.i, a.j), subj, "" if subj else kind
                    )
                )
                i = a.j
                continue
            u = _unknown_name(tokens, i, self._names) or _other_tenor(tokens, i)
            if u is not None:
                out.append(
                    SubjectMention(
                        tokens[i].start,
                        tokens[u - 1].end,
                        _span_text(tokens, i, u),
                        None,
                        unknown=True,
                    )
                )
                i = u
                continue
            i += 1
        return out

    def _sector_index_after(self, tokens: list[Token], j: int) -> bool:
        """Whether a sector's name and "index" follow at ``j`` ("S&P 500 utilities index")."""
        got = self._names.match_at(tokens, j) if j < len(tokens) else None
        return (
            got is not None
            and got.value.kind == "sector"
            and got.j < len(tokens)
            and tokens[got.j].lower == "index"
        )

    def _family_member(self, tokens: list[Token], j: int) -> int | None:
        """The end (token index) of another index of a family named right after an index's name
        at ``j``: industry or sector words closed by "Index" ("S&P 500 Software & Services
        Index", "Nasdaq Biotechnology Index") or a style word ("S&P 500 Growth", "Russell 2000
        Value Index", "S&P 500 Equal Weight"); ``None`` when the words after the name are none
        of these or start a name the checker knows ("S&P 500 Volatility Index": the VIX's)."""
        n = len(tokens)
        if j >= n or tokens[j].kind != "word":
            return None
        if not tokens[j].text[:1].isupper():
            if tokens[j].lower not in _EQUAL_WORDS:
                return None
            k = j + 1  # "the S&P 500 equal-weight index", "the S&P 500 equally weighted"
            while k < n and tokens[k].text in "-‐":
                k += 1
            if k >= n or tokens[k].lower not in _WEIGHT_WORDS:
                return None
            return k + 2 if k + 1 < n and tokens[k + 1].lower in _FAMILY_HEADS else k + 1
        k = j
        while k < n and k - j < 6:
            t = tokens[k]
            if t.lower in _FAMILY_HEADS and k > j:
                known = self._names.match_at(tokens, j, k + 1)
                # "the S&P 500 Volatility Index": a name the checker knows (the VIX's) stays
                return k + 1 if known is None or known.j <= k else None
            if t.lower in _HEADLINE_WORDS or t.lower in UP_WORDS or t.lower in DOWN_WORDS:
                return None  # "S&P 500 Hits Record High": a headline's words, not a name
            if not (t.text in ("&", "-", "‐") or (t.kind == "word" and t.text[:1].isupper())):
                break
            k += 1
        if tokens[j].lower not in _STYLE_WORDS or self._names.match_at(tokens, j) is not None:
            return None
        # "S&P 500 Equal Weight", "Russell 2000 Value": the style words right after the name
        k = j
        while k < n and k - j < 3 and (tokens[k].lower in _STYLE_WORDS or tokens[k].text in "-‐"):
            k += 1
        return k

    def _accept(self, tokens: list[Token], i: int, j: int, subj: Subject) -> bool:
        first = tokens[i]
        low = first.base
        if subj.key in self._extra_keys:
            # companies from reference data: written exactly as named ("ON" the symbol, not "on")
            return _span_text(tokens, i, j) in subj.aliases
        if low in _CASED and not first.text[:1].isupper():
            return False
        if subj.kind == "sector" and not _sector_ok(tokens, i, j):
            return False
        if j < len(tokens) and tokens[j].text == ":" and i > 0 and tokens[i - 1].text == "(":
            return False  # "(NASDAQ:NVDA)": the exchange a ticker trades on, not the index
        if j + 1 < len(tokens) and tokens[j].text in "-‐" and tokens[j + 1].lower in _MODIFIED:
            return False  # "inflation-adjusted", "inflation-linked": a modifier, not the series
        if subj.key == "dow" and j < len(tokens):
            nxt = tokens[j]
            if nxt.lower in _DOW_SOURCE or (i > 0 and tokens[i - 1].lower == "by"):
                return False
        nxt_word = tokens[j].lower if j < len(tokens) else ""
        # "10-year P/E", "10-year average", "the 2-year anniversary": not a yield
        if subj.kind == "yield" and j - i <= 3 and nxt_word in _NOT_YIELD:
            return False
        bare = subj.kind == "yield" and all(
            t.kind == "number" or t.text in "-‐–" or t.lower in ("year", "ten", "two")
            for t in tokens[i:j]
        )
        if (
            bare
            and nxt_word
            and nxt_word not in _AFTER_TENOR
            # "the 10-year surging 9.9 basis points": a move verb (not "a two-year rally")
            and not (
                (nxt_word in UP_WORDS or nxt_word in DOWN_WORDS)
                and nxt_word.endswith(("ing", "ed"))
            )
            and tokens[j].kind == "word"
        ):
            return False  # "a two-year rally", "the 10-year stretch": a span of time, not a yield
        return not (subj.key == "market" and nxt_word in ("cap", "capitalization", "value"))


#: the numbers of the S&P's other U.S. indexes ("S&P 400", "S&P 600", "S&P 100", "S&P 1500")
_SP_OTHER_NUMBERS = frozenset({"100", "400", "600", "900", "1000", "1500"})
#: the size words of the S&P's other indexes ("S&P MidCap 400", "S&P SmallCap 600", "S&P Mid-Cap")
_SP_SIZE_WORDS = frozenset(
    {"midcap", "smallcap", "mid", "small", "mid-cap", "small-cap", "completion", "largecap",
     "large-cap", "large"}
)  # fmt: skip


def _other_sp_index(tokens: list[Token], i: int, j: int) -> int | None:
    """The end (token index) of another S&P index when the bare "S&P" at ``i:j`` starts its
    name: a number of the family other than 500 ("the S&P 400 gained 14.4%", "S&P 600"), a
    size word ("S&P MidCap 400", "S&P SmallCap 600", "the S&P Mid-Cap 400", "S&P Composite
    1500") or a slash to a partner's name ("S&P/TSX composite", "S&P/ASX 200"). ``None`` for
    "the S&P" alone (the S&P 500, as wires write it) and for "S&P 500" itself (matched whole).
    """
    n = len(tokens)
    if j >= n or j - i > 3 or tokens[i].text != "S":
        return None  # a longer alias ("S&P 500", "Standard & Poor's 500") matched: the S&P 500
    t = tokens[j]
    if t.kind == "number" and t.text in _SP_OTHER_NUMBERS:
        return j + 1
    if t.text == "/" and j + 1 < n and tokens[j + 1].kind == "word":
        k = j + 2  # "S&P/TSX composite index", "S&P/ASX 200": another country's index
        if k < n and (tokens[k].kind == "number" or tokens[k].lower in _SP_SIZE_WORDS):
            k += 1
        return k
    if t.lower == "composite" and j + 1 < n and tokens[j + 1].text == "1500":
        return j + 2  # "S&P Composite 1500" (a bare "S&P Composite" is the S&P 500's old name)
    if t.lower not in _SP_SIZE_WORDS:
        return _named_sp_index(tokens, j)
    # "S&P MidCap 400", "the S&P Mid-Cap 400", "S&P Mid Cap 400", "the S&P small-cap index"
    k = j + 1
    while k < n and k - j < 4 and (tokens[k].lower == "cap" or tokens[k].text in "-‐"):
        k += 1
    while tokens[k - 1].text in "-‐":
        k -= 1
    if k < n and tokens[k].kind == "number" and tokens[k].text in _SP_OTHER_NUMBERS:
        k += 1
    return k


def _named_sp_index(tokens: list[Token], j: int) -> int | None:
    """The end of another S&P index's name after a bare "S&P": capitalised words and numbers up to
    "index" ("the S&P U.S. Listed China 50 index", "S&P Dow Jones Indices"); ``None`` when a word
    in lower case or a headline's word comes first ("the S&P rose 1%")."""
    n = len(tokens)
    k = j
    while k < n and k - j < 12:
        t = tokens[k]
        if t.lower in _FAMILY_HEADS:
            return k + 1 if k > j else None
        if t.lower in _HEADLINE_WORDS or t.lower in UP_WORDS or t.lower in DOWN_WORDS:
            return None
        if not (t.kind == "number" or t.text in (".", "&", "-", "‐") or t.text[:1].isupper()):
            return None
        k += 1
    return None


#: the words that close the name of another index of a family ("... Software & Services Index")
_FAMILY_HEADS = frozenset({"index", "indices", "indexes"})
#: style words after an index's name that name a variant of it ("S&P 500 Growth", "Equal Weight")
_STYLE_WORDS = frozenset(
    {"growth", "value", "equal", "equal-weight", "equal-weighted", "equalweight", "dividend",
     "momentum", "quality", "pure", "esg", "weight", "weighted", "aristocrats"}
)  # fmt: skip
#: headline words after an index's name that end the search for another index's name
_HEADLINE_WORDS = frozenset(
    {"and", "as", "hits", "hit", "reach", "reaches", "new", "record", "closing", "high", "low",
     "at", "on", "in", "to", "after", "amid", "with", "of", "for", "is", "was", "notches"}
)  # fmt: skip
#: nouns of a relation between two measures ("its valuation gap to the S&P 500"): the gap, not
#: the index after it
_GAP_NOUNS = frozenset(
    {"gap", "spread", "premium", "discount", "ratio", "differential", "divergence"}
)
_GAP_LINKS = frozenset({"to", "over", "versus", "vs", "vs.", "against", "with", "relative"})
_GAP_KINDS = frozenset({"index", "market", "etf", "stock", "sector"})


def _gap_noun(tokens: list[Token], i: int) -> int | None:
    """The index of a gap noun right before a name at ``i`` ("gap to the", "premium over",
    "spread versus", "ratio relative to"), else ``None``."""
    k = i - 1
    if k >= 0 and tokens[k].lower == "the":
        k -= 1
    if k >= 0 and tokens[k].lower == "to" and k >= 1 and tokens[k - 1].lower == "relative":
        k -= 1
    if k < 1 or tokens[k].lower not in _GAP_LINKS or tokens[k - 1].lower not in _GAP_NOUNS:
        return None
    return k - 1


#: nouns of a part of an index ("the information technology area of the S&P 500")
_PART_NOUNS = frozenset(
    {"area", "areas", "segment", "segments", "portion", "part", "corner", "slice", "component",
     "components", "subsector", "sub-sector", "sub-index", "subindex", "industry", "industries"}
)  # fmt: skip


def _part_noun(tokens: list[Token], i: int) -> int | None:
    """The index of a part's noun right before an index's name at ``i`` ("area of the", "segment
    of"): the figure is the part's, not the index's; else ``None``."""
    k = i - 1
    if k >= 0 and tokens[k].lower == "the":
        k -= 1
    if k < 1 or tokens[k].lower != "of" or tokens[k - 1].lower not in _PART_NOUNS:
        return None
    if k >= 2 and tokens[k - 2].lower in ("a", "an", "one"):
        return None  # "Nvidia, a component of the S&P 500, rose 3.5%": a member, described
    return k - 1


_SECTOR_VERBS = frozenset(
    {"and", ",", "led", "lagged", "was", "were", "outperformed", "underperformed"}
)


def _after_sp500(tokens: list[Token], i: int) -> bool:
    """Whether the words right before ``i`` are the S&P 500's name ("S&P 500", "S&P")."""
    k = i - 1
    if k >= 0 and tokens[k].text == "500":
        k -= 1
    return (
        k >= 2 and tokens[k].text == "P" and tokens[k - 1].text == "&" and tokens[k - 2].text == "S"
    )


def _sector_ok(tokens: list[Token], i: int, j: int) -> bool:
    """Whether a sector's name is the sector: a name that is also a common word ("energy",
    "technology") counts when written with a capital or followed by "sector", "stocks"...; never
    before a word that makes it something else ("energy prices") nor after "food and"."""
    nxt = tokens[j].lower if j < len(tokens) else ""
    if nxt == "index" and _after_sp500(tokens, i):
        return True  # "The S&P 500 utilities index rose 1.2%": the index's sector index
    if nxt in _NOT_SECTOR_AFTER:
        return False
    if i > 1 and tokens[i - 1].lower == "and" and tokens[i - 2].lower == "food":
        return False
    words = [t.lower for t in tokens[i:j]]
    if words[-1] in _GROUP_NOUNS or words[0] not in _SECTOR_COMMON:
        return True
    # "technology down 3.3%", "energy and utilities fell": a sector moving
    return (
        tokens[i].text[:1].isupper() or nxt in _SECTOR_VERBS or nxt in UP_WORDS or nxt in DOWN_WORDS
    )


#: words after a hyphen that make a name a modifier ("inflation-adjusted", "S&P-linked")
_MODIFIED = frozenset({"adjusted", "linked", "protected", "indexed", "weighted"})
#: words before a yield's name that make it another series than the nominal yield
_YIELD_QUALIFIERS = frozenset({"real", "adjusted", "tips", "breakeven", "forward", "implied"})


#: words before a macro series' name that name one of its parts or another economy's series
#: ("private payrolls", "manufacturing jobs", "food inflation", "core PPI", "Black unemployment",
#: "UK inflation"): the store holds the total (nonfarm payrolls, the all-items CPI, the overall
#: unemployment rate, real GDP), never the part; a name that is itself a held part ("core CPI")
#: is matched whole before this is asked
_SUBSERIES_QUALIFIERS = frozenset(
    {
        "private", "adp", "manufacturing", "factory", "government", "public", "federal",
        "construction", "retail", "goods-producing", "service-providing", "services", "service",
        "goods", "farm", "mining", "leisure", "hospitality", "healthcare", "temporary", "temp",
        "black", "hispanic", "white", "asian", "youth", "teen", "teenage", "women's", "men's",
        "u-6", "u6", "veterans", "core", "supercore", "food", "energy", "shelter", "rent",
        "housing", "gasoline", "medical", "wage", "producer", "wholesale", "import", "export",
        "nominal", "uk", "british", "eurozone", "euro-zone", "german", "chinese", "japanese",
        "canadian", "china's", "japan's", "germany's", "canada's", "britain's", "state", "regional",
    }
)  # fmt: skip
_SUBSERIES_KINDS = frozenset({"labor", "inflation", "gdp"})


#: the core measure of a headline inflation series (the one that leaves out food and energy)
_CORE_OF = {"cpi": "core_cpi", "pce": "core_pce"}
#: words that leave something out of a measure ("excluding food and energy", "ex-food")
_EXCLUDING = frozenset(
    {"excluding", "excludes", "exclude", "ex", "ex-", "minus", "less", "stripping", "strips",
     "strip", "without"}
)  # fmt: skip
#: words after which a name's clause turns to another figure ("CPI rose 7.7%, while prices
#: excluding food and energy rose 6.3%"): what follows is not the name's
_TURNS = frozenset({"while", "whereas", "but", "compared", "versus", "vs", "vs.", "than", "from"})
_SPAN_UNITS = frozenset({"day", "week", "month", "year", "quarter"})


def _ex_food_and_energy(tokens: list[Token], j: int) -> bool:
    """Whether the words after a headline inflation name ending at token ``j`` leave out food
    and energy ("excluding food and energy", "excluding volatile energy and food prices",
    "stripping out food and energy costs"), before its clause turns to another figure or a
    second number: the measure is the core one."""
    numbers = 0
    for k in range(j, min(len(tokens), j + 20)):
        t = tokens[k]
        if t.lower in _TURNS or t.text in (";", ".", "!", "?") or t.lower == "core":
            return False
        nxt = tokens[k + 1].lower if k + 1 < len(tokens) else ""
        if t.kind == "number" and nxt.rstrip("s") not in _SPAN_UNITS:  # not "in 12 months"
            numbers += 1
            if numbers > 1:
                return False
        if t.lower in _EXCLUDING:
            words = {x.lower for x in tokens[k + 1 : k + 8]}
            return "food" in words and "energy" in words
    return False


def _qualified(tokens: list[Token], i: int, subj: Subject) -> int | None:
    """The index of a qualifier right before a yield's name ("real", "inflation-adjusted",
    "TIPS") or a macro series' name ("private payrolls", "private-sector jobs", "food
    inflation", "core PPI" where the store holds no core series of that name), which makes it a
    series the checker does not hold, else ``None``."""
    if subj.kind in _SUBSERIES_KINDS:
        return _subseries_qualifier(tokens, i)
    if subj.kind == "index":
        return _weighted_variant(tokens, i)
    if subj.kind == "market":
        got = _other_region(tokens, i)
        if got is None:
            size_at = _size_segment(tokens, i)
            got = (
                size_at
                if size_at is not None and tokens[size_at].lower not in _SMALL_WORDS
                else None
            )
        return got
    if subj.kind == "volatility":
        # "Australia's ASX200 VIX", "the Nikkei VIX": another market's volatility index
        k = next(
            (k for k in range(i - 1, max(-1, i - 4), -1) if tokens[k].lower in _FOREIGN_MARKETS),
            None,
        )
        if k is None:
            # "the nine-day CBOE Short-Term Volatility Index": a qualifier right before the name
            # (or before "CBOE"), not "oil prices push VIX"
            for j in range(i - 1, max(-1, i - 7), -1):
                seg = " ".join(t.lower for t in tokens[j:i]).replace(" - ", "-")
                if _OTHER_VOLATILITY.fullmatch(seg):
                    k = j
                    break
        return k
    if subj.kind != "yield":
        return None
    k = i - 1
    while k >= 0 and tokens[k].text in "-‐":
        k -= 1
    if k >= 0 and tokens[k].lower in _YIELD_QUALIFIERS:
        if tokens[k].lower == "adjusted" and k >= 2 and tokens[k - 2].lower == "inflation":
            return k - 2
        return k
    if k >= 1 and tokens[k].lower == "the" and tokens[k - 1].lower in ("on", "of"):
        # "the real rate of return (yield minus inflation) on the 10-year T-note": the noun the
        # name hangs from, up to a clause's punctuation, qualifies it as well
        for j in range(k - 2, max(-1, k - 14), -1):
            if tokens[j].text in (",", ";", ":", ".") or tokens[j].lower in ("and", "while", "but"):
                break
            if tokens[j].lower in _YIELD_QUALIFIERS:
                return j
    return None


#: words before a volatility index's name that make it another of Cboe's ("the nine-day CBOE
#: Short-Term Volatility Index", "the Nasdaq-100 Volatility Index"), and the tickers of those
#: indexes in brackets after it ("(:VXST)", "(VXN)")
_OTHER_VOLATILITY = re.compile(
    r"(?:short-term|nine-day|9-day|three-month|3-month|mid-term|nasdaq(?:-100)?|russell(?: 2000)?|"
    r"treasury|gold|oil|crude)(?: cboe(?:'s)?)?"
)
_OTHER_VOLATILITY_TICKERS = frozenset(
    {"vxst", "vix9d", "vxn", "rvx", "vxd", "vvix", "vix3m", "vxv", "vxo", "ovx", "gvz", "move",
     "vxmt", "vix1d"}
)  # fmt: skip


def _other_volatility_ticker(tokens: list[Token], j: int) -> int | None:
    """The end of a bracketed ticker of another of Cboe's volatility indexes right after a
    volatility index's name ending at ``j`` ("CBOE Short-Term Volatility Index (:VXST)"), else
    ``None``."""
    k = j
    if k < len(tokens) and tokens[k].text == "(":
        k += 1
        while k < len(tokens) and tokens[k].text in (":", "^", "$", "."):
            k += 1
        if k < len(tokens) and tokens[k].lower in _OTHER_VOLATILITY_TICKERS:
            return k + 1
    return None


#: words naming a region before a generic market noun ("European markets", "Asian and European
#: stocks", "global equities"): that market is not the U.S. one the S&P 500 stands for
_REGIONS = frozenset(
    {"asian", "asia", "asia-pacific", "pacific", "global", "world", "world's", "emerging",
     "overseas", "international", "foreign", "europe", "eurozone", "euro-zone", "london",
     "paris", "frankfurt", "tokyo", "shanghai", "mainland", "french", "italian", "spanish",
     "swiss", "brazilian", "mexican", "latin", "continental"}
)  # fmt: skip


def _other_region(tokens: list[Token], i: int) -> int | None:
    """The index of a region word before a generic market noun at ``i`` ("European markets
    closed slightly lower", "Asian and European stocks", "global equities"), else ``None``: the
    words name another market than the U.S. one (an unknown subject, not the S&P 500). Region
    words joined by "and" or a comma are read back to the first."""
    k, found = i - 1, None
    while k >= 0:
        w = tokens[k].lower
        if w in _REGIONS or w in _FOREIGN_MARKETS:
            found = k
        elif not (found is not None and w in ("and", ",", "&")):
            break
        k -= 1
    return found


#: words of a size segment before a market noun ("small-company stocks", "small-cap shares",
#: "smaller companies"): the Russell 2000's market or another, never the S&P 500's
_SIZE_WORDS = frozenset(
    {"small", "smaller", "small-cap", "smallcap", "small-caps", "mid-cap", "midcap", "mid",
     "micro-cap", "microcap", "small-company", "mid-size", "midsize"}
)  # fmt: skip
_SIZE_FILLERS = frozenset({"-", "company", "companies", "cap", "caps", "sized", "size"})
#: the size words of the small caps, whose market the Russell 2000 measures
_SMALL_WORDS = frozenset(
    {"small", "smaller", "small-cap", "smallcap", "small-caps", "small-company"}
)


def _size_segment(tokens: list[Token], i: int) -> int | None:
    """The index of a size word before a generic market noun at ``i`` ("A measure of
    small-company stocks fell into a bear market"), through hyphens and "company"/"cap", else
    ``None``: the words name a segment, not the market the S&P 500 stands for."""
    k = i - 1
    while k >= 0 and i - k <= 4:
        w = tokens[k].lower
        if w in _SIZE_WORDS:
            return k
        if w not in _SIZE_FILLERS:
            return None
        k -= 1
    return None


#: names of other markets before a volatility index's name ("Australia's ASX200 VIX")
_FOREIGN_MARKETS = frozenset(
    {"australia's", "australian", "asx", "asx200", "japan's", "japanese", "nikkei", "europe's",
     "european", "euro", "stoxx", "china's", "chinese", "hong", "uk's", "britain's", "british",
     "ftse", "india's", "indian", "nifty", "korea's", "korean", "kospi", "canada's", "canadian",
     "tsx", "germany's", "german", "dax"}
)  # fmt: skip


#: nouns of "the equal-weighted version of the S&P 500": a variant of the index named after it
_VARIANT_NOUNS = frozenset(
    {"version", "versions", "measure", "variant", "counterpart", "edition", "gauge", "index"}
)
#: the weighting words of another index of a family ("equal-weight", "equally weighted")
_WEIGHT_WORDS = frozenset({"weight", "weighted", "weighting"})
_EQUAL_WORDS = frozenset({"equal", "equally"})


#: nouns after an index's name that name a contract on it, not the index ("S&P 500 futures")
_DERIVATIVE_NOUNS = frozenset(
    {"futures", "contracts", "contract", "e-minis", "e-mini", "eminis", "emini", "minis"}
)
#: words allowed between an index's name and such a noun ("S&P 500 index futures")
_DERIVATIVE_FILLERS = frozenset({"index", "stock", "stock-index", "equity", "mini", "e"})


def _derivative(tokens: list[Token], i: int, j: int) -> tuple[int, int] | None:
    """The token span (start, end) of a futures contract named with an index's name at
    ``[i, j)``: a contract noun within three words after it ("S&P 500 Index contracts", "S&P
    500 futures", "S&P 500 index futures", "S&P 500 e-minis") or "E-mini"/"e-mini" right
    before it ("the E-mini S&P 500"). A future is another instrument than the index (its price
    runs ahead of the index's close, and overnight), so the mention is an unknown subject; a
    contract the store holds under its own name matches that name first. ``None`` otherwise."""
    n = len(tokens)
    k = j
    while k < n and k - j < 4:
        w = tokens[k].lower
        if w in _DERIVATIVE_NOUNS:
            return i, k + 1
        if not (w in _DERIVATIVE_FILLERS or tokens[k].text in "-‐"):
            break
        k += 1
    # "E-mini S&P 500": tokens "E", "-", "mini" right before the name
    b = i - 1
    if b >= 0 and tokens[b].lower in ("mini", "emini", "e-mini"):
        lo = b
        if b >= 2 and tokens[b - 1].text in "-‐" and tokens[b - 2].lower == "e":
            lo = b - 2
        if tokens[b].lower != "mini" or lo < b:
            return lo, j
    return None


def _weighted_variant(tokens: list[Token], i: int) -> int | None:
    """The index of the first word of an equal-weighting qualifier before an index's name at
    ``i`` ("the equal-weighted S&P 500", "the equal weight S&P 500", "the equal-weighted
    version of the S&P 500", "the equally weighted measure of the S&P 500"), which names another
    index of the family (the equal-weight index, which the store does not hold), else ``None``.

    "Cap-weighted" is not such a qualifier: the S&P 500 itself is weighted by market
    capitalisation, so "the cap-weighted S&P 500" is the index."""
    k = i - 1
    if k >= 0 and tokens[k].lower == "the":
        k -= 1
    if k >= 1 and tokens[k].lower == "of" and tokens[k - 1].lower in _VARIANT_NOUNS:
        k -= 2  # "the equal-weighted version of the S&P 500"
    while k >= 0 and tokens[k].text in "-‐":
        k -= 1
    if k < 0 or tokens[k].lower not in _WEIGHT_WORDS:
        return None
    k -= 1
    while k >= 0 and tokens[k].text in "-‐":
        k -= 1
    return k if k >= 0 and tokens[k].lower in _EQUAL_WORDS else None


def _subseries_qualifier(tokens: list[Token], i: int) -> int | None:
    """The index of a word right before a macro name (``i``) that names a part of the series or
    another economy's ("private", "private-sector", "manufacturing", "ADP", "food"), else
    ``None``. "Private sector" and "private-sector" count as "private"."""
    k = i - 1
    while k >= 0 and tokens[k].text in "-‐":
        k -= 1
    if k < 0:
        return None
    low = tokens[k].lower
    if low in ("sector", "sector's") or low.endswith("-sector"):
        if low.endswith("-sector"):
            low = low.removesuffix("-sector")
        else:
            k -= 1
            while k >= 0 and tokens[k].text in "-‐":
                k -= 1
            if k < 0:
                return None
            low = tokens[k].lower
    return k if low in _SUBSERIES_QUALIFIERS else None


def _span_text(tokens: list[Token], i: int, j: int) -> str:
    # rebuild from offsets is done by callers when they hold the text; here join with spaces where
    # the tokens were apart, which is exact for the short names matched
    parts: list[str] = []
    for k in range(i, j):
        if k > i and tokens[k].start > tokens[k - 1].end:
            parts.append(" ")
        parts.append(tokens[k].text)
    return "".join(parts)


def _unknown_name(tokens: list[Token], i: int, known: PhraseMatcher | None = None) -> int | None:
    """A name the checker does not know, followed by a word that makes it a security or index
    ("the Zorblax index", "Acme shares"), a company suffix ("ETSY Inc.", "Acme Corp.") or a
    ticker in brackets ("Etsy (ETSY)", "Acme (NYSE: ACME)"): the index after it, else ``None``."""
    t = tokens[i]
    if t.kind != "word" or not t.text[:1].isupper() or t.lower in _NOT_NAMES:
        return None
    j = i
    while (
        j < len(tokens) and j < i + 4 and tokens[j].kind == "word" and tokens[j].text[:1].isupper()
    ):
        if j > i and known is not None and known.match_at(tokens, j) is not None:
            return (
                None  # "the Chicago Board Options Exchange's CBOE Volatility Index": a known name
            )
        if j > i and tokens[j].lower in _COMPANY_SUFFIXES:
            # "ETSY Inc.": the name ends with its suffix (and the suffix's full stop)
            dot = (
                j + 1 < len(tokens)
                and tokens[j + 1].text == "."
                and tokens[j + 1].start == tokens[j].end
            )
            return j + 2 if dot else j + 1
        j += 1
    if j < len(tokens) and tokens[j].lower in _UNKNOWN_HEADS and j > i:
        return j + 1
    k = _ticker_end(tokens, j)
    if k is not None and known is not None and known.match_at(tokens, k - 2) is not None:
        return None  # "Utilities Select Sector SPDR (XLU)": the ticker is a name the checker knows
    return k


_TENOR_UNITS = frozenset({"month", "week", "year"})
_TENOR_AFTER = _AFTER_TENOR | frozenset({"hits", "bill", "bills", "yielded", "touched"})


def _other_tenor(tokens: list[Token], i: int) -> int | None:
    """A Treasury of a maturity the checker holds no series for ("the 6-month hits its highest
    close since 2007", "the 5-year yield rose"): an unknown subject that takes the number from any
    yield or index named before it. The index after it, else ``None``."""
    j = _tenor_unit_at(tokens, i)
    if j is None or j + 1 >= len(tokens):
        return None
    t = tokens[i]
    n = (int(t.text) if t.text.isdigit() else None) if t.kind == "number" else word_value(t.lower)
    if not n or (tokens[j].lower == "year" and n in (2, 10, 30)):
        return None
    if tokens[j + 1].lower in _TENOR_AFTER:
        return j + 1
    # "The 5 year and 10 year U.S. Treasury Notes": a tenor of a list whose noun follows the last
    if tokens[j + 1].lower in ("and", "or", ",") and _tenor_unit_at(tokens, j + 2) is not None:
        return j + 1
    return None


def _tenor_unit_at(tokens: list[Token], i: int) -> int | None:
    """The index of the unit of a tenor at ``i`` ("5-year", "5 year", "six-month"), else None."""
    if i >= len(tokens) or not (tokens[i].kind == "number" or word_value(tokens[i].lower)):
        return None
    j = i + 1
    if j < len(tokens) and tokens[j].text in "-‐":
        j += 1
    return j if j < len(tokens) and tokens[j].lower in _TENOR_UNITS else None


def _ticker_end(tokens: list[Token], j: int) -> int | None:
    """ "(ETSY)", "(NYSE: ETSY)", "(NASDAQ:NVDA)" at token ``j``: the index after the bracket."""
    if j >= len(tokens) or tokens[j].text != "(":
        return None
    inner = tokens[j + 1 : j + 6]
    k = next((n for n, x in enumerate(inner) if x.text == ")"), None)
    if k is None or k == 0:
        return None
    words = [x for x in inner[:k] if x.text != ":"]
    sym = words[-1].text if words else ""
    ok = 1 <= len(sym) <= 6 and sym.isalpha() and sym.isupper() and len(words) <= 2
    return j + 1 + k + 1 if ok else None


_COMPANY_SUFFIXES = frozenset(
    {"inc", "corp", "corporation", "co", "ltd", "plc", "llc", "incorporated", "holdings", "group"}
)


_SUFFIXES = frozenset(
    [
        "inc",
        "inc.",
        "corp",
        "corp.",
        "corporation",
        "co",
        "co.",
        "company",
        "ltd",
        "ltd.",
        "plc",
        "holdings",
        "group",
        "class",
        "a",
        "b",
        "c",
        "the",
        "incorporated",
        "n.v.",
        "s.a.",
        "sa",
        "ag",
        "se",
    ]
)


def companies(frame: object) -> list[Subject]:
    """Subjects for the companies in ``store.security_names()`` ((symbol, name) pairs) or in a
    frame with columns ``symbol`` and ``name`` (``store.securities()``).

    "Apple Inc." gives the aliases "Apple Inc.", "Apple" and "AAPL"; a one-letter symbol or a
    name that is a common word is kept only with its capital (see :class:`SubjectFinder`).
    """
    out: list[Subject] = []
    if isinstance(frame, list):
        rows = [tuple(r)[:2] for r in frame if isinstance(r, tuple | list) and len(r) >= 2]
    else:
        try:
            rows = list(zip(frame["symbol"], frame["name"], strict=False))  # type: ignore[index]
        except (KeyError, TypeError):
            return out
    for sym, name in rows:
        if not isinstance(sym, str) or not isinstance(name, str) or not sym:
            continue
        key = sym.lower().replace(".", "_").replace("-", "_")
        words = name.replace(",", " ").split()
        core = [w for w in words if w.lower() not in _SUFFIXES]
        aliases = {name}
        if core:
            aliases.add(" ".join(core))
        if len(sym) > 1:
            aliases.add(sym)
        out.append(
            Subject(
                key,
                " ".join(core) or name,
                "stock",
                (key, f"{key}_iex"),
                f"daily {sym} prices (`thesis data update {key}`)",
                tuple(sorted(aliases)),
            )
        )
    return out


@functools.lru_cache(maxsize=1)
def builtin_finder() -> SubjectFinder:
    """The :class:`SubjectFinder` of the built-in subjects alone, built once per process (building
    one tokenises every alias, about 30 ms: more than a whole check of a short article)."""
    return SubjectFinder()
