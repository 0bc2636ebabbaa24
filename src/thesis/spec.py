"""The thesis file (TOML) → a validated spec (pydantic).

Errors name the key and the line in the file, and say how to fix it. ``thesis new`` writes
:data:`TEMPLATE`, a commented example.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from thesis.errors import SpecError
from thesis.facts import level_key

__all__ = [
    "TEMPLATE",
    "AnalysisSpec",
    "CompareSpec",
    "DrawdownSpec",
    "EarningsSpec",
    "IndexSpec",
    "LevelSpec",
    "RatesSpec",
    "RiskSpec",
    "TargetSpec",
    "ThesisSpec",
    "level_key",
    "load_thesis",
    "parse_thesis",
]

Method = Literal["gbm", "normal", "bootstrap", "garch"]
LevelEvent = Literal["touch", "close_above", "close_below"]

#: the largest magnitude any number in a thesis may have: beyond it a value is a typo or an attack
#: (1e300 overflows the analyses' arithmetic). Dollar amounts a thesis cites (a company's capital
#: expenditure, a market capitalisation: trillions) stay well inside it; levels are held to the
#: series' own scale separately (within 100× of the close)
MAX_MAGNITUDE = 1e15


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def _finite_level(x: float, what: str) -> float:
    if not math.isfinite(x):
        raise ValueError(f"{what} {x} is not a finite number")
    return x


class TargetSpec(_Model):
    """A target level with who claims it and by when: the close on its date at or beyond it, in the
    direction it lies from the current level (at or above a target above, at or below one below)."""

    level: float = Field(description="in the series' unit (index points, USD, a yield in percent)")
    by: dt.date | None = Field(
        None, description="date the target is for; default: the thesis horizon"
    )
    claimed_by: str = ""

    @field_validator("level")
    @classmethod
    def _level(cls, v: float) -> float:
        return _finite_level(v, "target")


class LevelSpec(_Model):
    """A level with an explicit event: ``[[index.levels]] level = 5500, event = "close_below"``."""

    level: float = Field(description="in the series' unit")
    event: LevelEvent = Field(
        "touch",
        description="touch: a close at or beyond it before its date; close_above / close_below: "
        "the close on its date at or above / at or below it",
    )
    by: dt.date | None = Field(None, description="default: the thesis horizon")
    claimed_by: str = ""

    @field_validator("level")
    @classmethod
    def _level(cls, v: float) -> float:
        return _finite_level(v, "level")


class DrawdownSpec(_Model):
    """A fall of ``pct`` percent: ``[[index.drawdowns]] pct = 10, from = "high"``."""

    pct: float = Field(gt=0, lt=100, description="the fall, percent (10 = 10 %)")
    from_: Literal["high", "now"] = Field(
        "high",
        alias="from",
        description="high: from the running high (the record close, then any new high); "
        "now: from the close on as_of",
    )
    by: dt.date | None = Field(None, description="default: the thesis horizon")

    @property
    def key(self) -> str:
        from thesis.ids import drawdown_key

        return drawdown_key(self.pct, self.from_)


class IndexSpec(_Model):
    series: str = "sp500"
    name: str | None = Field(
        None, description="display name; default: the store's name for the series"
    )
    thresholds: list[float] = Field(
        default_factory=list, description="levels to touch before the horizon, in the series' unit"
    )
    targets: list[TargetSpec] = Field(default_factory=list)
    levels: list[LevelSpec] = Field(default_factory=list)
    drawdowns: list[DrawdownSpec] = Field(default_factory=list)

    @field_validator("thresholds")
    @classmethod
    def _finite(cls, v: list[float]) -> list[float]:
        for x in v:
            _finite_level(x, "threshold")
        return v

    @field_validator("targets", "levels", mode="before")
    @classmethod
    def _targets(cls, v: Any) -> Any:
        # allow `targets = [7269]` as a shorthand for [{level = 7269}]
        if isinstance(v, list):
            return [{"level": x} if isinstance(x, int | float) else x for x in v]
        return v

    @field_validator("drawdowns", mode="before")
    @classmethod
    def _drawdowns(cls, v: Any) -> Any:
        if isinstance(v, list):
            return [{"pct": x} if isinstance(x, int | float) else x for x in v]
        return v


def _series_or_none(v: Any) -> Any:
    """An empty string switches an optional input off."""
    return None if v == "" else v


class EarningsSpec(_Model):
    eps_growth_pct: float | None = Field(
        None, ge=-90, le=200, description="assumed EPS growth per year, percent (14 = 14 %)"
    )
    eps_series: str | None = "sp500_eps"
    level_monthly: str | None = "sp500_monthly"
    inflation_index: str | None = "cpi_u"
    long_yield: str | None = "ust10y_monthly"

    _blank = field_validator(
        "eps_series", "level_monthly", "inflation_index", "long_yield", mode="before"
    )(classmethod(lambda cls, v: _series_or_none(v)))


class RatesSpec(_Model):
    """The thesis's rate path: by meeting (``path``, basis points per FOMC meeting, negative for a
    cut) or by count (``cuts`` or ``hikes`` of ``cut_bp`` / ``hike_bp`` each)."""

    cuts: int = Field(0, description="number of cuts in the thesis's rate path")
    hikes: int = Field(0, description="number of hikes in the thesis's rate path")
    cut_bp: float = Field(25, gt=0, le=200, description="size of each cut, basis points")
    hike_bp: float = Field(25, gt=0, le=200, description="size of each hike, basis points")
    path: list[float] | None = Field(
        None,
        description="change at each FOMC meeting after as_of, basis points (-25 a cut, 0 a hold)",
    )
    dates: list[dt.date] = Field(
        default_factory=list, description="dates of the cuts, if the thesis names them"
    )
    policy_series: str | None = "fedfunds"
    recession_series: str | None = "usrec"
    # before the 1980s the Fed did not steer by a fed funds target, and the monthly series then
    # yields many short "cycles" that are noise; the default starts where targeting resumed
    cycles_start: dt.date | None = Field(
        dt.date(1982, 10, 1), description="first month searched for easing cycles"
    )

    _blank = field_validator("policy_series", "recession_series", mode="before")(
        classmethod(lambda cls, v: _series_or_none(v))
    )

    @model_validator(mode="before")
    @classmethod
    def _no_decisions_series(cls, data: Any) -> Any:
        # an earlier key that no analysis ever read: say so rather than "unknown key"
        if isinstance(data, dict) and "decisions_series" in data:
            raise ValueError(
                "rates.decisions_series is no longer a key: no analysis read it (easing cycles "
                "are found on rates.policy_series); delete the line"
            )
        return data

    @field_validator("cuts", "hikes")
    @classmethod
    def _count(cls, v: int, info: ValidationInfo) -> int:
        if v < 0:
            other = "hikes" if info.field_name == "cuts" else "cuts"
            raise ValueError(
                f"{info.field_name} is a count and cannot be negative; for {abs(v)} {other} "
                f"write `{other} = {abs(v)}`"
            )
        if v > 40:
            raise ValueError(f"{v} {info.field_name} is more than the FOMC meets in five years")
        return v

    @field_validator("path")
    @classmethod
    def _path(cls, v: list[float] | None) -> list[float] | None:
        if v is None:
            return v
        if not v:
            raise ValueError("the path is empty; give one change per meeting, e.g. [-25, 0, -25]")
        for x in v:
            if not math.isfinite(x) or abs(x) > 200:
                raise ValueError(
                    f"a move of {x} bp at one meeting is outside ±200 bp; write basis points "
                    "(-25 for a quarter-point cut)"
                )
        return v

    @model_validator(mode="after")
    def _one_way(self) -> RatesSpec:
        if self.path is not None and (self.cuts or self.hikes):
            raise ValueError(
                "state the rate path either by meeting (path) or by count (cuts / hikes), not both"
            )
        if self.cuts and self.hikes:
            raise ValueError(
                "cuts and hikes are both given; their order matters, so state them by meeting "
                "with path = [...]"
            )
        return self

    @property
    def total_bp(self) -> float:
        """The path's total change in basis points (negative for cuts)."""
        if self.path is not None:
            return float(sum(self.path))
        return self.hikes * self.hike_bp - self.cuts * self.cut_bp


class CompareSpec(_Model):
    """Comparison assets; any may be left out (the analyses say what is missing)."""

    small_caps: str | None = "iwm_tr"
    large_caps: str | None = "spy_tr"
    bonds: str | None = "tlt_tr"
    gold: str | None = "gld_tr"
    vix: str | None = "vix"
    smb: str | None = "ff3_smb_m"

    @field_validator("*", mode="before")
    @classmethod
    def _blank(cls, v: Any) -> Any:
        return None if v == "" else v


class AnalysisSpec(_Model):
    methods: list[Method] | None = Field(
        None,
        description="default: gbm, bootstrap, garch for a price or index; normal, bootstrap, "
        "garch for a yield",
    )
    n_paths: int = Field(100_000, ge=1_000, le=5_000_000)
    gbm_window_sessions: int = Field(1260, ge=60, le=100_000)
    drift_ann_pct: float | None = Field(
        None,
        ge=-50,
        le=50,
        description="annual log drift for every method, percent (prices and index levels); leave "
        "out to use each window's mean daily log return (the history's own drift)",
    )
    drift_ann_bp: float | None = Field(
        None,
        ge=-500,
        le=500,
        description="annual drift of a yield, basis points; leave out for no drift",
    )
    calibrate: bool = True
    calibration_paths: int = Field(2_000, ge=200, le=1_000_000)
    calibration_start: dt.date | None = None

    @field_validator("methods")
    @classmethod
    def _methods(cls, v: list[str] | None) -> list[str] | None:
        if v is None:
            return v
        if not v:
            raise ValueError("name at least one method")
        if len(set(v)) != len(v):
            raise ValueError("a method is listed twice")
        return v


class RiskSpec(_Model):
    name: str
    description: str = ""


class ThesisSpec(_Model):
    """A validated thesis file."""

    title: str
    as_of: dt.date
    horizon: dt.date
    seed: int = Field(20251126, ge=0)
    source: str = ""
    index: IndexSpec = Field(default_factory=IndexSpec)
    earnings: EarningsSpec = Field(default_factory=EarningsSpec)
    rates: RatesSpec = Field(default_factory=RatesSpec)
    compare: CompareSpec = Field(default_factory=CompareSpec)
    analysis: AnalysisSpec = Field(default_factory=AnalysisSpec)
    risks: list[RiskSpec] = Field(default_factory=list)
    portfolio: Any = None  # thesis.portfolio.spec.PortfolioSpec, validated in _portfolio
    theme: Any = None  # thesis.screen.spec.ThemeSpec, validated in _theme
    path: str | None = None

    @field_validator("risks", mode="before")
    @classmethod
    def _risks(cls, v: Any) -> Any:
        if isinstance(v, list):
            return [{"name": x} if isinstance(x, str) else x for x in v]
        return v

    @field_validator("portfolio", mode="before")
    @classmethod
    def _portfolio(cls, v: Any) -> Any:
        if v is None:
            return None
        from thesis.portfolio.spec import PortfolioSpec

        return v if isinstance(v, PortfolioSpec) else PortfolioSpec.model_validate(v)

    @field_validator("theme", mode="before")
    @classmethod
    def _theme(cls, v: Any) -> Any:
        if v is None:
            return None
        from thesis.screen.spec import ThemeSpec

        return v if isinstance(v, ThemeSpec) else ThemeSpec.model_validate(v)

    @field_validator("horizon")
    @classmethod
    def _horizon(cls, v: dt.date, info: ValidationInfo) -> dt.date:
        as_of = info.data.get("as_of")
        if as_of is not None and v <= as_of:
            raise ValueError(f"horizon {v} must be after as_of {as_of}")
        return v

    @model_validator(mode="after")
    def _dates(self) -> ThesisSpec:
        dated = [("target", t.level, t.by) for t in self.index.targets]
        dated += [("level", x.level, x.by) for x in self.index.levels]
        dated += [("drawdown", d.pct, d.by) for d in self.index.drawdowns]
        for what, value, by in dated:
            if by is not None and by <= self.as_of:
                raise ValueError(
                    f"{what} {value:g} is due {by}, which is not after as_of {self.as_of}"
                )
            if by is not None and by > self.horizon:
                raise ValueError(
                    f"{what} {value:g} is due {by}, after the horizon {self.horizon}; move it on "
                    "or before the horizon"
                )
        for d in self.rates.dates:
            if d <= self.as_of:
                raise ValueError(f"rates.dates: {d} is not after as_of {self.as_of}")
        return self

    # convenience -------------------------------------------------------------
    def where(self, *keys: str) -> str:
        """``file:line`` of a key in the thesis file (for errors found after parsing)."""
        if not self.path:
            return "thesis"
        try:
            text = Path(self.path).read_text(encoding="utf-8")
        except OSError:
            return self.path
        line = _locate(text, keys)
        return f"{self.path}:{line}" if line else self.path

    @property
    def levels(self) -> list[float]:
        """Every level the thesis names (thresholds, targets, levels), sorted, without repeats."""
        return sorted(
            {
                *self.index.thresholds,
                *(t.level for t in self.index.targets),
                *(x.level for x in self.index.levels),
            }
        )

    def claims(self) -> dict[float, str]:
        """Level → who claims it (targets and levels with ``claimed_by``)."""
        out: dict[float, str] = {}
        named: list[TargetSpec | LevelSpec] = [*self.index.targets, *self.index.levels]
        for t in named:
            if t.claimed_by and t.level not in out:
                out[t.level] = t.claimed_by
        return out

    def with_overrides(self, **changes: Any) -> ThesisSpec:
        """A copy with some values replaced (command-line options); errors name the key."""
        # only what the file set (and the overrides): a default stays a default, so that the run
        # can tell a table the thesis states from one it leaves out
        data = self.model_dump(by_alias=True, exclude_unset=True)
        data.update({k: v for k, v in changes.items() if v is not None})
        _check_numbers(data, None, "command-line override")
        try:
            return ThesisSpec.model_validate(data)
        except ValidationError as e:
            raise _spec_error(e, None, "command-line override") from None


def load_thesis(path: str | Path) -> ThesisSpec:
    """Read and validate a thesis file; errors name the key, the line and the fix."""
    p = Path(path)
    if not p.exists():
        raise SpecError(
            "thesis file not found",
            where=str(p),
            fix="check the path, or write a template with `thesis new FILE`",
        )
    try:
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise SpecError(
            f"not UTF-8 text ({e.reason} at byte {e.start})",
            where=str(p),
            fix="save the file as UTF-8",
        ) from None
    return parse_thesis(text, where=str(p))


def parse_thesis(text: str, where: str = "<thesis>") -> ThesisSpec:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        m = re.search(r"line (\d+)", str(e))
        raise SpecError(
            f"not valid TOML: {e}",
            where=f"{where}:{m.group(1)}" if m else where,
            fix="fix the TOML syntax (strings in quotes, dates as 2025-11-26, tables as [name])",
        ) from None
    _check_numbers(data, text, where)
    try:
        spec = ThesisSpec.model_validate({**data, "path": where if where != "<thesis>" else None})
    except ValidationError as e:
        raise _spec_error(e, text, where) from None
    return spec


def _check_numbers(data: Any, text: str | None, where: str, loc: tuple[str, ...] = ()) -> None:
    """Every number in the thesis is finite and of a sane magnitude, before any work starts.

    TOML accepts ``nan``, ``inf`` and ``1e300``; the analyses would fail on them much later and far
    from the cause (a ``ValueError`` deep in the valuation, an ``OverflowError`` in a date sum).
    """
    if isinstance(data, dict):
        for k, v in data.items():
            _check_numbers(v, text, where, (*loc, str(k)))
        return
    if isinstance(data, list):
        for i, v in enumerate(data):
            _check_numbers(v, text, where, (*loc, str(i)))
        return
    if isinstance(data, bool) or not isinstance(data, int | float):
        return
    key = ".".join(k for k in loc if not k.isdigit()) or "(top level)"
    if key == "seed":
        return  # an identifier: SeedSequence takes any non-negative integer
    bad = None
    if isinstance(data, float) and not math.isfinite(data):
        bad = f"{data} is not a finite number"
    elif abs(data) > MAX_MAGNITUDE:
        bad = f"{data:g} is out of range (any number in a thesis stays within ±{MAX_MAGNITUDE:g})"
    if bad is not None:
        line = _locate(text, loc) if text else None
        raise SpecError(
            f"{key}: {bad}",
            where=f"{where}:{line}" if line else where,
            fix="write a finite number in the key's unit (see `thesis new` for a commented "
            "template)",
        )


def _spec_error(e: ValidationError, text: str | None, where: str) -> SpecError:
    """One clear SpecError from pydantic's errors: the key, its line, what is wrong, the fix."""
    err = e.errors()[0]
    loc = tuple(str(x) for x in err["loc"])
    key = ".".join(loc) or "(top level)"
    line = _locate(text, loc) if text else None
    msg = err["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
    if err["type"] == "extra_forbidden":
        msg = f"unknown key {loc[-1]!r}"
        fix = f"remove or rename it; allowed keys here: {', '.join(_allowed_keys(loc[:-1]))}"
    elif err["type"] == "missing":
        fix = f"add `{loc[-1]} = ...` (see `thesis new` for a commented template)"
    else:
        fix = "correct the value (see `thesis new` for a commented template)"
    more = f" (and {len(e.errors()) - 1} more problem(s))" if len(e.errors()) > 1 else ""
    return SpecError(f"{key}: {msg}{more}", where=f"{where}:{line}" if line else where, fix=fix)


def _allowed_keys(loc: tuple[str, ...]) -> list[str]:
    model: Any = ThesisSpec
    for part in loc:
        if part.isdigit():
            continue
        field = model.model_fields.get(part)
        if field is None:
            return []
        ann = field.annotation
        args = getattr(ann, "__args__", ())
        cand = [a for a in (ann, *args) if isinstance(a, type) and issubclass(a, BaseModel)]
        if not cand:
            if part == "portfolio":
                from thesis.portfolio.spec import PortfolioSpec

                model = PortfolioSpec
                continue
            if part == "theme":
                from thesis.screen.spec import ThemeSpec

                model = ThemeSpec
                continue
            return []
        model = cand[0]
    return sorted(k for k in model.model_fields if k != "path")


def _locate(text: str, loc: tuple[str, ...]) -> int | None:
    """Best-effort line number of the key ``loc`` in the TOML text (1-based)."""
    keys = [k for k in loc if not k.isdigit()]
    if not keys:
        return None
    table: list[str] = []
    fallback = None
    for i, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        m = re.match(r"^\[\[?\s*([^\]]+?)\s*\]\]?$", line)
        if m:
            table = [t.strip() for t in m.group(1).split(".")]
            if table == keys:
                fallback = fallback or i
            continue
        m = re.match(r"^([A-Za-z0-9_\-\"']+)\s*=", line)
        if m:
            key = m.group(1).strip("\"'")
            if [*table, key] == keys:
                return i
            if key == keys[-1] and table == keys[:-1][: len(table)] and fallback is None:
                fallback = i
            # inline table or dotted key such as  index = { series = ... }
            if [*table, key] == keys[: len(table) + 1] and fallback is None:
                fallback = i
    return fallback


TEMPLATE = """\
# A thesis file for `thesis run`. Every key is optional unless marked REQUIRED.
# Dates are TOML dates (2025-11-26); percentages are written as percent numbers (14 = 14 %).

title = "The S&P 500 reaches 6,900 in 2026 and 7,269 by year-end"   # REQUIRED
as_of = 2025-11-26          # REQUIRED: the analysis uses only data dated on or before this day
horizon = 2026-12-31        # REQUIRED: the date the outlook looks ahead to
seed = 20251126             # seeds every random number; recorded in the run manifest
source = "AInvest, 2025-12-24"  # where the thesis comes from (free text)
# the risks the article names; the portfolio section stress-tests them
risks = ["ai_capex_disappointment", "fed_misstep", "volatility_return", "flight_to_safety"]

[index]
series = "sp500"            # a daily series in the store (`thesis data list`): an index, an ETF,
                            # a stock, or a yield such as ust10y (levels then in percent: 4.5)
name = "S&P 500"            # default: the store's name for the series
thresholds = [6900]         # levels to touch at any time before the horizon (above the close:
                            # a close at or above; below it: a close at or below)

[[index.targets]]           # levels to close beyond on their date, in the direction they lie
level = 7269
claimed_by = "analysts"
# by = 2026-12-31           # default: the horizon

# [[index.levels]]          # a level with an explicit event: touch, close_above or close_below
# level = 5500
# event = "close_below"
# by = 2026-06-30

# [[index.drawdowns]]       # a fall of pct percent from the running high (or from = "now")
# pct = 10
# from = "high"

[earnings]
eps_growth_pct = 14         # assumed EPS growth per year
eps_series = "sp500_eps"    # trailing 12-month EPS (Shiller data)
level_monthly = "sp500_monthly"
inflation_index = "cpi_u"   # CPI index; inflation is its year-over-year change
long_yield = "ust10y_monthly"

[rates]
cuts = 2                    # the thesis's rate path by count: cuts (or hikes = N) ...
cut_bp = 25                 # ... of this size in basis points (hike_bp for hikes)
# path = [-25, 0, -25]      # or meeting by meeting: bp at each FOMC meeting after as_of
# dates = [2026-03-18, 2026-06-17]
policy_series = "fedfunds"
recession_series = "usrec"

[compare]                   # leave a key out (or set "") when the store lacks that series
small_caps = "iwm_tr"
large_caps = "spy_tr"
bonds = "tlt_tr"
gold = "gld_tr"
vix = "vix"
smb = "ff3_smb_m"

[analysis]
methods = ["gbm", "bootstrap", "garch"]   # for a yield: ["normal", "bootstrap", "garch"] (default)
n_paths = 100000
gbm_window_sessions = 1260  # about five years of sessions
# drift_ann_pct = 0         # a stated drift for every method (percent a year); by default each
                            # method uses its window's mean return, which the article states
# drift_ann_bp = 0          # for a yield: a stated drift in basis points a year (default: none)
calibrate = true
calibration_paths = 2000
"""
