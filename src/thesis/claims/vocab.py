"""The words the claim rules read: movement, hedges, forecasts, intraday and negation markers.

Plain sets of lower-case words (and a few short phrases as word tuples), so that a rule asks "is
this token a word of movement" in O(1) and no pattern runs over unbounded text.
"""

from __future__ import annotations

__all__ = [
    "APPROXIMATE_WORDS",
    "CLOSE_WORDS",
    "DEFINITIONS",
    "DOWN_NOUNS",
    "DOWN_WORDS",
    "EARLIER_PERIODS",
    "EXPECTATION_WORDS",
    "FORECAST_PHRASES",
    "FORECAST_WORDS",
    "FOREIGN_NOUNS",
    "HEDGES",
    "INTRADAY_PHRASES",
    "INTRADAY_WORDS",
    "LEVEL_NOUNS",
    "LIVE_CONDITION_ENDS",
    "LIVE_PHRASES",
    "MOMENT_BEFORE",
    "MOMENT_PHRASES",
    "MOMENT_WORDS",
    "MOOD_OPENERS",
    "MOOD_PHRASES",
    "MOOD_WORDS",
    "NEGATIONS",
    "OTHER_ASSETS",
    "PAST_WORDS",
    "RECORD_WORDS",
    "RELATIVE_DAY_PHRASES",
    "ROLE_AFTER",
    "ROLE_WORDS",
    "UP_NOUNS",
    "UP_WORDS",
]

UP_WORDS = frozenset(
    [
        "up",
        "rose",
        "rise",
        "rises",
        "rising",
        "risen",
        "gain",
        "gained",
        "gains",
        "gaining",
        "climb",
        "climbed",
        "climbs",
        "climbing",
        "jump",
        "jumped",
        "jumps",
        "jumping",
        "surge",
        "surged",
        "surges",
        "surging",
        "rally",
        "rallied",
        "rallies",
        "rallying",
        "advance",
        "advanced",
        "advances",
        "advancing",
        "add",
        "added",
        "adds",
        "adding",
        "soar",
        "soared",
        "soars",
        "soaring",
        "increase",
        "increased",
        "increases",
        "increasing",
        "higher",
        "rebound",
        "rebounded",
        "rebounds",
        "grew",
        "grow",
        "grows",
        "growing",
        "tacked",
        "notched",
        "firmed",
        "popped",
        "spiked",
        "spiking",
        "improved",
        "returned",
        "boosted",
        # more forms of move verbs (each says its direction alone)
        "grown",
        "rebounding",
        "leapt",
        "leaped",
        "leaping",
        "leaps",
        "rocketed",
        "rocketing",
        "skyrocketed",
        "skyrocketing",
        "regained",
        "regains",
        "regaining",
        "recouped",
        "recoups",
        "recouping",
    ]
)
DOWN_WORDS = frozenset(
    [
        "down",
        "fell",
        "fall",
        "falls",
        "falling",
        "drop",
        "dropped",
        "drops",
        "dropping",
        "decline",
        "declined",
        "declines",
        "declining",
        "slid",
        "slide",
        "slides",
        "sliding",
        "lost",
        "lose",
        "loses",
        "losing",
        "shed",
        "sheds",
        "shedding",
        "sank",
        "sink",
        "sinks",
        "sinking",
        "tumble",
        "tumbled",
        "tumbles",
        "tumbling",
        "plunge",
        "plunged",
        "plunges",
        "plunging",
        "plummet",
        "plummeted",
        "plummets",
        "slump",
        "slumped",
        "slumps",
        "slumping",
        "retreat",
        "retreated",
        "retreats",
        "retreating",
        "lower",
        "slipped",
        "slip",
        "slips",
        "slipping",
        "dipped",
        "dip",
        "dips",
        "dipping",
        "decreased",
        "decrease",
        "decreases",
        "skid",
        "skidded",
        "skidding",
        "shrank",
        "shrink",
        "contracted",
        "eased",
        "eases",
        "easing",
        "weakened",
        "off",
        # more forms of move verbs ("has fallen 20% from its February
        # 19 peak", "had sunk 8%", "tanked 3%"); "edged" and "pulled" need their particle
        # ("edged up", "edged lower", "pulled back"), which the scan finds as "up"/"lower" or
        # not at all; "recovered" is left out ("recovered from its 20% fall": the figure is the
        # fall's)
        "shaved",
        "shaves",
        "shaving",
        "fallen",
        "sunk",
        "tank",
        "tanked",
        "tanks",
        "tanking",
        "nosedive",
        "nosedived",
        "nosedives",
        "nosediving",
        "plummeting",
        # "sagged 58.94 points", "swooned 2%"
        "sag",
        "sagged",
        "sags",
        "sagging",
        "swooned",
        "swoons",
        "swooning",
        "skids",
        "crashed",
        "cratered",
        "shrunk",
        "shrinks",
        "shrinking",
        "decreasing",
    ]
)
UP_NOUNS = frozenset(
    [
        "gain",
        "gains",
        "rise",
        "rises",
        "advance",
        "advances",
        "rally",
        "increase",
        "increases",
        "jump",
        "climb",
        "surge",
        "rebound",
        "return",
        "returns",
        "upswing",
        "upside",
        "ascent",
        "growth",
    ]
)
DOWN_NOUNS = frozenset(
    [
        "drop",
        "drops",
        "decline",
        "declines",
        "fall",
        "falls",
        "loss",
        "losses",
        "slide",
        "plunge",
        "slump",
        "retreat",
        "selloff",
        "dive",
        "tumble",
        "decrease",
        "downside",
    ]
)
#: move nouns of an episode, a swing from one extreme to the other ("a 34% tumble in March", "a
#: 20% rally in April"), unlike the nouns of a period's result ("gain", "loss", "return")
EPISODE_NOUNS = frozenset(
    {"drop", "drops", "decline", "declines", "fall", "falls", "slide", "plunge", "slump",
     "retreat", "selloff", "dive", "tumble", "rally", "jump", "surge", "rebound", "upswing",
     "climb", "rise", "rises", "advance", "advances"}
)  # fmt: skip
#: words that say a level is a close ("closed at", "ended at", "close of")
CLOSE_WORDS = frozenset(
    [
        "closed",
        "close",
        "closes",
        "closing",
        "ended",
        "ends",
        "ending",
        "end",
        "finished",
        "finish",
        "finishes",
        "finishing",
        "settled",
        "settle",
        "settles",
        "settling",
        # "to shut at 30.02 on Thursday": a spun wire story's word for the close
        "shut",
        "stood",
        "stands",
    ]
)
#: nouns that make a number a reference level ("the 6,900 threshold", "a record close of")
LEVEL_NOUNS = frozenset(
    [
        "threshold",
        "level",
        "mark",
        "milestone",
        "barrier",
        "line",
        "target",
        "high",
        "low",
        "peak",
        "record",
        "close",
        "closing",
        "resistance",
        "support",
        "handle",
        "territory",
        "bottom",
        "trough",
    ]
)
RECORD_WORDS = frozenset({"record", "all-time", "alltime", "highs"})

#: hedge words (as tuples of words) → (hedge as written, comparator)
HEDGES: dict[tuple[str, ...], tuple[str, str]] = {
    ("about",): ("about", "~"), ("around",): ("around", "~"), ("roughly",): ("roughly", "~"),
    ("approximately",): ("approximately", "~"), ("some",): ("some", "~"), ("~",): ("~", "~"),
    ("close", "to"): ("close to", "<~"), ("near",): ("near", "~"), ("nearly",): ("nearly", "<~"),
    ("almost",): ("almost", "<~"), ("just", "under"): ("just under", "<~"),
    ("just", "shy", "of"): ("just shy of", "<~"), ("more", "than"): ("more than", ">="),
    ("over",): ("over", ">="), ("above",): ("above", ">="), ("at", "least"): ("at least", ">="),
    ("upwards", "of"): ("upwards of", ">="), ("just", "over"): ("just over", ">~"),
    ("just", "above"): ("just above", ">~"), ("less", "than"): ("less than", "<="),
    ("under",): ("under", "<="), ("at", "most"): ("at most", "<="), ("an", "estimated"): ("an estimated", "~"),
    ("approx",): ("approx.", "~"), ("a", "little", "more", "than"): ("a little more than", ">~"),
    ("slightly", "more", "than"): ("slightly more than", ">~"), ("well", "over"): ("well over", ">="),
    ("just", "about"): ("just about", "~"), ("a", "hair", "over"): ("a hair over", ">~"),
    ("as", "much", "as"): ("as much as", "intraday"), ("as", "a", "lot", "as"): ("as a lot as", "intraday"),
    ("greater", "than"): ("greater than", ">="), ("a", "minimum", "of"): ("a minimum of", ">="),
    ("as", "high", "as"): ("as high as", "intraday"),
    ("as", "low", "as"): ("as low as", "intraday"), ("as", "little", "as"): ("as little as", "intraday"),
    ("slightly",): ("slightly", "~"), ("nearly", "a"): ("nearly", "<~"),
}  # fmt: skip

#: words that make a clause a forecast, an expectation or a hypothesis, not a fact
FORECAST_WORDS = frozenset(
    [
        "expect",
        "expects",
        "expected",
        "expecting",
        "expectation",
        "expectations",
        "project",
        "projects",
        "projected",
        "projecting",
        "projection",
        "projections",
        "forecast",
        "forecasts",
        "forecasted",
        "forecasting",
        "predict",
        "predicts",
        "predicted",
        "predicting",
        "prediction",
        "estimate",
        "estimates",
        "estimated",
        "could",
        "would",
        "might",
        "will",
        "should",
        "shall",
        "likely",
        "unlikely",
        "outlook",
        "anticipate",
        "anticipates",
        "anticipated",
        "anticipating",
        "priced",
        "pricing",
        "implied",
        "implies",
        "odds",
        "probability",
        "chance",
        "chances",
        "guidance",
        "consensus",
        "economists",
        "if",
        "unless",
        "aims",
        "aim",
        "hopes",
        "hope",
        "plans",
        "plan",
        "intends",
        "proposed",
        "potential",
        "potentially",
        "may",
        "possible",
        "possibly",
        "scenario",
        "hypothetical",
        "assume",
        "assuming",
        "assumes",
    ]
)
FORECAST_PHRASES = (
    ("on", "pace", "for"), ("on", "track", "for"), ("on", "course", "for"), ("set", "to"),
    ("poised", "to"), ("call", "for"), ("calls", "for"), ("see", "the"), ("sees", "the"),
    ("by", "year-end"), ("by", "year", "end"), ("by", "the", "end", "of"), ("going", "to"),
    ("slated", "to"), ("on", "pace", "to"), ("on", "track", "to"), ("on", "course", "to"),
)  # fmt: skip
#: words that make a figure intraday (daily closes cannot settle it)
INTRADAY_WORDS = frozenset(
    [
        "intraday",
        "intra-day",
        "midday",
        "premarket",
        "pre-market",
        "overnight",
        "futures",
        "pared",
        "paring",
        "live",
        "afternoon",
        "morning",
        "noon",
        "intrasession",
        "opened",
        "opening",
        "immediately",
    ]
)
INTRADAY_PHRASES = (
    # "up 0.6% on the day within about minutes of the announcement": a moment of the session
    ("within", "minutes"), ("within", "about", "minutes"), ("within", "hours"),
    ("minutes", "after"), ("minutes", "of", "the"), ("in", "the", "minutes"),
    ("as", "much", "as"), ("as", "high", "as"), ("as", "low", "as"), ("as", "little", "as"),
    ("at", "one", "point"), ("session", "high"), ("session", "low"), ("session", "highs"),
    ("session", "lows"), ("session", "peak"), ("session", "peaks"), ("session", "trough"),
    ("to", "trade", "at"), ("earlier", "in", "the", "session"), ("earlier", "in", "the", "day"),
    ("at", "the", "open"), ("in", "early", "trading"), ("in", "late", "trading"),
    ("after", "hours"), ("after", "the", "bell"), ("in", "early", "trade"), ("in", "late", "trade"),
    ("at", "its", "high"), ("at", "its", "low"), ("at", "its", "session"), ("before", "paring"),
    ("in", "the", "next"), ("at", "the", "time", "of", "writing"), ("as", "of", "writing"),
    # "The VIX jumped from 17 to 37 during market hours, then over 50 after hours"
    ("during", "market", "hours"), ("during", "trading", "hours"), ("during", "the", "session"),
    ("initially",), ("briefly",),
    *((w, d) for w in ("early", "late") for d in ("monday", "tuesday", "wednesday", "thursday", "friday")),
)  # fmt: skip
NEGATIONS = frozenset(
    {
        "not",
        "never",
        "no",
        "neither",
        "nor",
        "without",
        "failed",
        "fails",
        "fail",
        "missed",
        "misses",
    }
)
#: words that place a figure at a moment of the session other than its close ("had surged more
#: than 4% earlier on Tuesday", "was up 2% before giving up the gains", "at the session's high"):
#: the close cannot contradict it, the day's range may support it
MOMENT_WORDS = frozenset({"earlier", "initially", "briefly", "momentarily"})
MOMENT_PHRASES = (
    ("at", "one", "point"), ("at", "the", "session's", "high"), ("at", "the", "session's", "low"),
    ("at", "the", "day's", "high"), ("at", "the", "day's", "low"), ("at", "its", "session"),
    ("at", "session", "highs"), ("at", "session", "lows"), ("session's", "high"), ("session's", "low"),
    ("day's", "high"), ("day's", "low"), ("intraday", "high"), ("intraday", "low"),
)  # fmt: skip
#: words after a figure that end its moment before the close ("was up 2% before reversing")
MOMENT_BEFORE = frozenset(
    {"giving", "gave", "paring", "pared", "reversing", "reversed", "turning", "turned", "erasing",
     "erased", "trimming", "trimmed", "fading", "faded", "retreating", "retreated", "slipping",
     "slipped", "falling", "fell", "closing", "ending", "settling", "finishing", "losing", "easing",
     "eased", "backing", "coming", "sliding", "slid", "dropping", "dropped", "rebounding",
     "rebounded", "recovering", "recovered", "bouncing", "bounced"}
)  # fmt: skip
#: words that make a level approximate and of the moment ("trading near its highest level in 16
#: years", "hovering around 4.5%"): a close may support it, never contradict it
APPROXIMATE_WORDS = frozenset(
    {"trading", "traded", "trades", "hovering", "hovered", "hovers", "hover", "flirting",
     "flirted", "hugging", "straddling", "oscillating", "changing", "changed"}
)  # fmt: skip
#: periods "earlier" belongs to when it does not mark a moment of the session
EARLIER_PERIODS = frozenset(
    {"this", "that", "in", "last", "year", "month", "week", "quarter", "decade", "years", "months",
     "weeks", "quarters", "days", "sessions"}
)  # fmt: skip
#: words of the hypothetical or conditional mood: a clause they govern says what would, could or
#: might happen ("which would mean the S&P 500 falling 20%", "if the index drops 10%"), not
#: what did. They hold even where expectation words do not matter (a distance to a target).
MOOD_WORDS = frozenset(
    {"would", "could", "might", "may", "should", "must", "if", "unless", "whether",
     "suppose", "supposing", "assuming", "hypothetically", "hypothetical",
     # "market shocks can rapidly push the VIX above 40": what may happen, not what did
     "can"}
)  # fmt: skip
MOOD_PHRASES = (
    ("in", "case"), ("needs", "to"), ("need", "to"), ("has", "to"), ("have", "to"),
    ("in", "the", "event"), ("were", "to"),
)  # fmt: skip
#: words that open a fronted clause whose condition governs the main clause after it ("If the
#: selling goes on, the S&P 500 drops 10%", "Should the index slide 8%, ...")
MOOD_OPENERS = frozenset(
    {"if", "unless", "should", "were", "assuming", "suppose", "supposing", "whether"}
)
#: words that make a statement a definition ("a bear market, a drop of 20% from a record")
DEFINITIONS = frozenset(
    {"bear", "correction", "defined", "definition", "defines", "considered", "technically"}
)
#: markers of an article written during the session (its figures are intraday)
LIVE_PHRASES = (
    ("was", "last"), ("is", "last"), ("were", "last"), ("on", "pace", "for"), ("live", "updates"),
    ("on", "track", "for"), ("on", "track", "to"), ("in", "recent", "trade"), ("in", "recent", "trading"),
    ("in", "afternoon", "trade"), ("in", "morning", "trade"), ("in", "midday", "trade"),
    ("in", "early", "trading"), ("in", "late", "trading"), ("in", "early", "trade"), ("in", "late", "trade"),
    ("as", "of", "writing"), ("at", "the", "time", "of", "writing"), ("in", "afternoon", "trading"),
    ("in", "morning", "trading"), ("in", "midday", "trading"), ("in", "late", "afternoon"),
    ("in", "early", "afternoon"), ("in", "late", "morning"),
    # a story filed before the close ("at last check", "at midday")
    ("at", "last", "check"), ("at", "midday"), ("in", "midday", "dealings"),
)  # fmt: skip
#: "if a correction is confirmed at the closing bell": a condition on the coming close,
#: so the session is still open when the story is written (checked within one sentence)
LIVE_CONDITION_ENDS = (
    ("at", "the", "close"), ("at", "the", "closing", "bell"), ("by", "the", "close"),
    ("by", "the", "closing", "bell"), ("into", "the", "close"), ("at", "the", "end", "of", "the", "session"),
    ("by", "the", "end", "of", "the", "session"), ("at", "the", "end", "of", "trading"),
)  # fmt: skip
#: words that name a day only relative to another sentence ("the next day"): no date of their own
RELATIVE_DAY_PHRASES = (
    ("the", "next", "day"), ("the", "following", "day"), ("the", "day", "before"), ("that", "day"),
    ("a", "day", "later"), ("the", "previous", "day"), ("the", "prior", "day"), ("the", "next", "session"),
    ("the", "following", "session"), ("the", "previous", "session"), ("the", "prior", "session"),
    ("that", "week"), ("the", "next", "week"), ("the", "following", "week"),
)  # fmt: skip

#: nouns that, between a subject and a number, make the number about something else
FOREIGN_NOUNS = frozenset(
    [
        "futures",
        "options",
        "earnings",
        "eps",
        "revenue",
        "revenues",
        "profit",
        "profits",
        "sales",
        "margin",
        "margins",
        "capex",
        "dividend",
        "dividends",
        "buyback",
        "buybacks",
        "stake",
        "allocation",
        "weight",
        "weighting",
        "share",
        "shares",
        "stock",
        "stocks",
        "sector",
        "sectors",
        "etf",
        "etfs",
        "fund",
        "funds",
        "bond",
        "bonds",
        "dollar",
        "euro",
        "yen",
        "sterling",
        "yuan",
        "bitcoin",
        "oil",
        "crude",
        "gold",
        "silver",
        "copper",
        "wheat",
        "housing",
        "wages",
        "wage",
        "pay",
        "income",
        "debt",
        "deficit",
        "spending",
        "investment",
        "investments",
        "budget",
        "tariff",
        "tariffs",
        # "indexes closed higher as volatility fell to its lowest level": volatility's, not theirs
        "volatility",
        "valuation",
        "multiple",
        "multiples",
        "p/e",
        "ratio",
        "volume",
        "volumes",
        "members",
        "constituents",
        "companies",
        "company",
        "firms",
        "households",
        "wealth",
        "capitalization",
        "cap",
        "estimate",
        "estimates",
        "target",
        "targets",
        "forecast",
        "forecasts",
        "survey",
        "poll",
        "votes",
        "seats",
        "payrolls",
        "jobs",
        "unemployment",
        "inflation",
        "cpi",
        "gdp",
        "yield",
        "yields",
        "rate",
        "rates",
        "chance",
        "odds",
        "probability",
        "portfolio",
        "portfolios",
        "holdings",
        "inflows",
        "outflows",
        "flows",
        "assets",
    ]
)

# ------------------------------------------------------------------ strict binding (contradictions)
#: words in a figure's clause that make it someone's expectation or target, before or after it
#: ("below the 0.4% increase and 5.4% annual gain expected respectively by economists")
EXPECTATION_WORDS = frozenset(
    [
        "expected",
        "expecting",
        "expectation",
        "expectations",
        "forecast",
        "forecasts",
        "forecasted",
        "estimate",
        "estimates",
        "estimated",
        "consensus",
        "projected",
        "predicted",
        "anticipated",
        "target",
        "targets",
        "economists",
        "analysts",
        "polled",
        "surveyed",
    ]
)
#: words right before a level that make it another quantity than the level now: a starting value
#: ("fell from 4.57%"), an earlier or a reference level ("a peak of", "the prior close of")
ROLE_WORDS = frozenset(
    [
        "from",
        "since",
        "previous",
        "previously",
        "prior",
        "earlier",
        "peak",
        "peaked",
        "high",
        "low",
        "trough",
        "target",
        "forecast",
        "expected",
        "estimate",
        "had",
    ]
)
#: words right before a level that make it a past level unless the clause names its day ("was")
PAST_WORDS = frozenset(["was", "were", "stood", "had"])
#: words right after a level that date it elsewhere ("4.2% a year ago", "2.1% previously")
ROLE_AFTER = (
    ("a", "year", "ago"), ("a", "year", "earlier"), ("a", "month", "ago"), ("a", "week", "ago"),
    ("earlier",), ("previously",), ("before",), ("ago",), ("last", "year"), ("at", "the", "start"),
    ("at", "the", "beginning"),
)  # fmt: skip
#: other assets named in a sentence: between a subject and its number they take the number
OTHER_ASSETS = frozenset(
    [
        "dollar",
        "euro",
        "yen",
        "pound",
        "sterling",
        "yuan",
        "franc",
        "oil",
        "crude",
        "brent",
        "wti",
        "gasoline",
        "bitcoin",
        "ether",
        "ethereum",
        "crypto",
        "silver",
        "copper",
        "platinum",
        "palladium",
        "wheat",
        "corn",
        "soybeans",
        "commodities",
        "treasuries",
        "bonds",
        "futures",
    ]
)

#: adverbs of degree a move's words may hold between a verb and its direction ("closed sharply
#: lower", "were slightly higher"): the core both the closing-verb window
#: (`binding._CLOSE_ADVERBS`) and the move-verb rules (`rules._MOVE_ADVERBS`) skip
DEGREE_ADVERBS = frozenset(
    {"sharply", "slightly", "mostly", "broadly", "modestly", "marginally", "significantly",
     "substantially"}
)  # fmt: skip
