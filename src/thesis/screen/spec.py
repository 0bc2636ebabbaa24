"""The ``[theme]`` table of a thesis file (or a theme file), validated (pydantic v2).

Example (TOML)::

    [theme]
    name = "AI"
    file = "themes/ai.toml"          # optional: stocks (and claims) from a theme file, relative
                                     # to the thesis file; stocks listed here add to or override it
    basket = ["NVDA", "MSFT", "GOOGL", "META", "AMZN"]   # the theme basket (corr_theme, beta_theme)
    sectors = ["XLK", "XLU", "XLI"]  # sector ETFs compared with the index (default: all eleven)
    gains_pct = [20]                 # odds of gaining at least 20 % by the horizon
    methods = ["bootstrap", "garch"]
    n_paths = 10000

    [[theme.stocks]]
    ticker = "PLPC"
    name = "Preformed Line Products"
    group = "small-cap innovators"
    why = "makes the hardware that connects power lines: grid build-out for data centres"
    size = "small"                   # stated by the thesis; used only where no market cap is known

    [[theme.claims]]
    id = "hyperscaler_ai_capex"
    text = "hyperscalers such as Microsoft and Amazon will spend {value} on AI infrastructure in {period}"
    value = 520e9
    unit = "usd"
    period = 2026-12-31
    source = "a bank's projection cited by AInvest, 2025-12-24"
    why_unsettled = "a projection of future spending: no filing can confirm it before the year has passed"

    [theme.screen]
    rule = 'size == "small" and mom_6m > index.mom_6m and corr_theme > 0.5'
    universe = "theme"               # theme | sp500 | store | a list of tickers
    rank_by = "mom_6m"
    top = 3

Texts hold no digits: numbers enter the article as facts (``{value}``, ``{period}``), never typed.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from thesis.errors import SpecError

__all__ = [
    "AI_BASKET",
    "SECTOR_ETFS",
    "ScreenSpec",
    "ThemeClaim",
    "ThemeSpec",
    "ThemeStock",
    "load_theme_file",
]

#: the AI theme basket: the hyperscalers and the chip maker at the centre of the capex cycle
AI_BASKET = ("NVDA", "MSFT", "GOOGL", "META", "AMZN")
OddsMethod = Literal["bootstrap", "garch", "gbm"]
#: the methods of the stock odds when a theme names none
ODDS_METHODS: tuple[OddsMethod, ...] = ("bootstrap", "garch")
#: the Select Sector SPDRs, one per GICS sector
SECTOR_ETFS = ("XLB", "XLC", "XLE", "XLF", "XLI", "XLK", "XLP", "XLRE", "XLU", "XLV", "XLY")
SIZES = ("mega", "large", "mid", "small", "micro")
_TICKER = re.compile(r"^[A-Za-z][A-Za-z0-9.\-]{0,9}$")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_PLACEHOLDER = re.compile(r"\{(value|period)\}")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _ticker(v: str) -> str:
    v = v.strip()
    if not _TICKER.match(v):
        raise ValueError(f"{v!r} is not a ticker (letters, digits, '.' or '-', e.g. PLPC, BRK.B)")
    return v.upper()


def _no_digits(text: str, what: str) -> str:
    bare = _PLACEHOLDER.sub("", text)
    if re.search(r"\d", bare):
        raise ValueError(
            f"{what} {text!r} contains a number; write {{value}} or {{period}} where the number "
            "goes and give it as value = ... / period = YYYY-MM-DD, so that it becomes a fact"
        )
    return text


class ThemeStock(_Model):
    """A stock named by the theme, with why it belongs."""

    ticker: str
    name: str = ""
    group: str = ""
    why: str = ""
    size: Literal["mega", "large", "mid", "small", "micro"] | None = Field(
        None, description="size bucket stated by the thesis (used where no market cap is known)"
    )
    cik: str | None = Field(None, description="SEC CIK, for `thesis data update --provider edgar`")
    series: str | None = Field(None, description="price series id (default: found in the store)")

    @field_validator("ticker")
    @classmethod
    def _t(cls, v: str) -> str:
        return _ticker(v)

    @field_validator("group", "why")
    @classmethod
    def _text(cls, v: str) -> str:
        # names may hold digits (Five9, 3M); the reasons are prose, whose numbers must be facts
        return _no_digits(v, "text") if v else v


class ThemeClaim(_Model):
    """A claim the thesis makes about the theme that no data can settle (a projection)."""

    id: str
    text: str
    value: float | None = None
    unit: Literal["usd", "pct", "count", "ratio"] | None = None
    period: dt.date | None = None
    source: str
    why_unsettled: str = (
        "a projection of the future: no data available on the analysis date can settle it"
    )
    check_fact: str | None = Field(
        None,
        description="id of the fact that settles the claim when the store has the data (e.g. "
        "stock.plpc.revenue_yoy_pct.fy2025q3); without it the claim cannot be settled by data",
    )

    @field_validator("id")
    @classmethod
    def _id(cls, v: str) -> str:
        if not _ID.match(v):
            raise ValueError(f"claim id {v!r}: use lower-case letters, digits and '_'")
        return v

    @field_validator("source")
    @classmethod
    def _source(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("a claim needs its source (who said it, where, when)")
        return v

    @model_validator(mode="after")
    def _placeholders(self) -> ThemeClaim:
        _no_digits(self.text, "claim text")
        _no_digits(self.why_unsettled, "why_unsettled")
        used = set(_PLACEHOLDER.findall(self.text))
        if "value" in used and (self.value is None or self.unit is None):
            raise ValueError(f"claim {self.id!r}: the text uses {{value}}; give value and unit")
        if "period" in used and self.period is None:
            raise ValueError(
                f"claim {self.id!r}: the text uses {{period}}; give period = YYYY-MM-DD"
            )
        if self.value is not None and "value" not in used:
            raise ValueError(f"claim {self.id!r}: value is given but the text has no {{value}}")
        if re.search(r"\{(?!value\}|period\})", self.text):
            raise ValueError(
                f"claim {self.id!r}: only {{value}} and {{period}} may appear in braces"
            )
        return self


class ScreenSpec(_Model):
    """A screen: a rule over a universe, ranked."""

    rule: str
    universe: str | list[str] = "theme"
    rank_by: str = "mom_6m"
    descending: bool = True
    top: int | None = Field(None, ge=1)

    @field_validator("universe")
    @classmethod
    def _universe(cls, v: str | list[str]) -> str | list[str]:
        if isinstance(v, list):
            if not v:
                raise ValueError(
                    "the universe list is empty; name tickers or use theme/sp500/store"
                )
            return [_ticker(t) for t in v]
        return v


class ThemeSpec(_Model):
    """The whole ``[theme]`` table."""

    name: str = "AI"
    file: str | None = None
    stocks: list[ThemeStock] = Field(default_factory=list)
    basket: list[str] = Field(default_factory=lambda: list(AI_BASKET))
    sectors: list[str] = Field(default_factory=lambda: list(SECTOR_ETFS))
    index: str | None = Field(None, description="index series id (default: the thesis's index)")
    gains_pct: list[float] = Field(default_factory=lambda: [20.0])
    methods: list[OddsMethod] = Field(default_factory=lambda: list(ODDS_METHODS))
    n_paths: int = Field(10_000, ge=1_000, le=1_000_000)
    drift_ann_pct: float | None = Field(None, ge=-100, le=100)
    stale_sessions: int = Field(
        5, ge=0, description="sessions without data before a stock is stale"
    )
    claims: list[ThemeClaim] = Field(default_factory=list)
    screen: ScreenSpec | None = None
    path: str | None = None  # the file the table came from (set by the loader)

    @field_validator("basket", "sectors")
    @classmethod
    def _tickers(cls, v: list[str]) -> list[str]:
        return [_ticker(t) for t in v]

    @field_validator("gains_pct")
    @classmethod
    def _gains(cls, v: list[float]) -> list[float]:
        for g in v:
            if not -100 < g <= 1000:
                raise ValueError(f"gain {g} % is outside (-100, 1000]")
        return v

    @model_validator(mode="after")
    def _unique(self) -> ThemeSpec:
        seen: set[str] = set()
        for s in self.stocks:
            if s.ticker in seen:
                raise ValueError(f"stock {s.ticker} is listed twice; list each once")
            seen.add(s.ticker)
        ids = [c.id for c in self.claims]
        if len(set(ids)) != len(ids):
            raise ValueError("two claims share an id; give each its own")
        return self

    @property
    def tickers(self) -> list[str]:
        """The named stocks, in the order written."""
        return [s.ticker for s in self.stocks]

    def stock(self, ticker: str) -> ThemeStock | None:
        return next((s for s in self.stocks if s.ticker == ticker.upper()), None)

    def resolved(self, base: str | Path | None = None) -> ThemeSpec:
        """This theme with its ``file`` merged in (stocks and claims of the file first; entries
        here add to them or replace the one with the same ticker or id)."""
        if not self.file:
            return self
        root = Path(base) if base is not None else Path(self.path).parent if self.path else Path()
        if root.is_file():
            root = root.parent
        other = load_theme_file(root / self.file)
        mine = {s.ticker: s for s in self.stocks}
        stocks = [mine.pop(s.ticker, s) for s in other.stocks] + list(mine.values())
        mc = {c.id: c for c in self.claims}
        claims = [mc.pop(c.id, c) for c in other.claims] + list(mc.values())
        data = self.model_dump()
        data.update(
            file=None,
            stocks=[s.model_dump() for s in stocks],
            claims=[c.model_dump() for c in claims],
        )
        for key in ("basket", "sectors", "screen"):
            if key not in self.model_fields_set and key in other.model_fields_set:
                data[key] = other.model_dump()[key]
        return ThemeSpec.model_validate(data)


def load_theme_file(path: str | Path) -> ThemeSpec:
    """Read a theme file (TOML with a ``[theme]`` table or the table's keys at the top level)."""
    p = Path(path)
    if not p.exists():
        raise SpecError(
            "theme file not found",
            where=str(p),
            fix="check theme.file (relative to the thesis file), e.g. themes/ai.toml",
        )
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise SpecError(f"not valid TOML: {e}", where=str(p), fix="fix the TOML syntax") from None
    table = data.get("theme", data)
    return parse_theme(table, where=str(p))


def parse_theme(table: Any, where: str = "theme") -> ThemeSpec:
    """Validate a ``[theme]`` table; errors name the key (``theme.stocks.0.ticker``) and the fix."""
    try:
        spec = ThemeSpec.model_validate(table)
    except ValidationError as e:
        err = e.errors()[0]
        key = ".".join(["theme", *(str(p) for p in err["loc"])])
        msg = err["msg"].removeprefix("Value error, ")
        fix = (
            f"remove it or check its spelling (allowed: {', '.join(_allowed(err['loc']))})"
            if err["type"] == "extra_forbidden"
            else "correct the value as the message says"
        )
        if err["type"] == "extra_forbidden":
            msg = f"unknown key {err['loc'][-1]!r}"
        raise SpecError(f"{key}: {msg}", where=where, fix=fix) from None
    if where != "theme" and spec.path is None:
        spec = spec.model_copy(update={"path": where})
    return spec


def _allowed(loc: tuple[Any, ...]) -> list[str]:
    model: Any = ThemeSpec
    for part in loc[:-1]:
        if isinstance(part, int) or str(part).isdigit():
            continue
        f = model.model_fields.get(str(part))
        if f is None:
            break
        ann = f.annotation
        cands = [
            a
            for a in (ann, *getattr(ann, "__args__", ()))
            if isinstance(a, type) and issubclass(a, BaseModel)
        ]
        for a in getattr(ann, "__args__", ()):
            cands += [
                x
                for x in getattr(a, "__args__", ())
                if isinstance(x, type) and issubclass(x, BaseModel)
            ]
        if not cands:
            break
        model = cands[0]
    return sorted(k for k in model.model_fields if k != "path")
