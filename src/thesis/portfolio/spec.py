"""The ``[portfolio]`` section of a thesis file, validated (pydantic v2, unknown keys rejected).

Example (TOML)::

    [portfolio]
    across = "fixed"                 # fixed budgets | inverse_vol | erc | hrp | min_variance
    costs_bp = 5                     # on traded value, both buys and sells
    benchmarks = { equity = "spy_tr", bond = "tlt_tr" }

    [portfolio.rebalance]
    frequency = "monthly"            # monthly | quarterly
    drift_band = 0.05                # optional: trade only when a weight is 5 pp off its target

    [portfolio.estimation]
    window = "rolling"               # rolling | expanding
    sessions = 252

    [portfolio.sleeves.large_cap_leaders]
    instruments = ["spy_tr"]
    budget = 0.5

    [portfolio.sleeves.defensive]
    instruments = ["tlt_tr", "gld_tr", "xlu"]
    budget = 0.2
    method = "inverse_vol"           # equal | fixed | inverse_vol | erc | hrp | min_variance | max_sharpe

    [portfolio.sleeves.ai_small_caps]  # a screen: re-run at every rebalance on data up to the day before
    budget = 0.3
    screen = { rule = 'size in ["small", "mid"] and rel_mom_6m > 0', universe = "theme", top = 2 }

    [portfolio.stress]
    defaults = true                  # keep DEFAULT_SCENARIOS (a scenario of the same name replaces one)
    default_proxies = true           # built-in proxies before IWM, TLT, GLD existed (see stress.py)
    proxies = { xlu = "my_utilities_index" }   # explicit proxies win over the built-in ones

    [[portfolio.stress.scenarios]]
    name = "ai_capex_disappointment"
    kind = "shock"
    start = 2000-03-24
    end = 2001-04-04
    label = "AI capex disappointment"          # default: the name with underscores as spaces
    basis = "sized on the Nasdaq-led fall of 2000-03-24..2001-04-04"

Budgets and fixed weights are fractions (0.5 = 50 %). Errors name the TOML key and say the fix.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from thesis.errors import SpecError

__all__ = [
    "DEFAULT_SCENARIOS",
    "ESTIMATED_METHODS",
    "Bounds",
    "Estimation",
    "PortfolioSpec",
    "Rebalance",
    "Scenario",
    "Sleeve",
    "SleeveScreen",
    "parse_portfolio",
]

WithinMethod = Literal["equal", "fixed", "inverse_vol", "erc", "hrp", "min_variance", "max_sharpe"]
AcrossMethod = Literal["fixed", "inverse_vol", "erc", "hrp", "min_variance"]
#: methods that need a window of past returns
ESTIMATED_METHODS = frozenset({"inverse_vol", "erc", "hrp", "min_variance", "max_sharpe"})
_TOL = 1e-6


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Bounds(_Model):
    """Per-instrument weight bounds inside a sleeve (fractions of the sleeve)."""

    min_weight: float = Field(0.0, ge=0.0, le=1.0)
    max_weight: float = Field(1.0, gt=0.0, le=1.0)

    @model_validator(mode="after")
    def _order(self) -> Bounds:
        if self.min_weight > self.max_weight:
            raise ValueError(
                f"min_weight {self.min_weight} exceeds max_weight {self.max_weight}; "
                "lower min_weight or raise max_weight"
            )
        return self


class SleeveScreen(_Model):
    """A sleeve's members chosen by a screen (see :mod:`thesis.screen`), re-run at each rebalance.

    On each rebalance date the screen runs on data up to the previous session (prices, and
    fundamentals filed by then); the best ``top`` stocks that pass and have a current price (not
    stale) become the sleeve's members until the next rebalance.
    """

    rule: str
    universe: str | list[str] = "theme"
    top: int = Field(5, ge=1, le=100)
    rank_by: str = "mom_6m"
    descending: bool = True
    index: str = "sp500"
    basket: list[str] | None = None
    stale_sessions: int = Field(5, ge=0)

    @field_validator("rule")
    @classmethod
    def _rule(cls, v: str) -> str:
        from thesis.screen.errors import RuleError
        from thesis.screen.rules import parse_rule

        try:
            parse_rule(v, where="screen.rule")
        except RuleError as e:
            raise ValueError(e.what) from None
        return v


class Sleeve(_Model):
    """A named group of instruments with a budget and a way to weight them."""

    instruments: list[str] = Field(default_factory=list)
    screen: SleeveScreen | None = None
    budget: float | None = None
    method: WithinMethod = "equal"
    #: for ``method = "fixed"``: instrument → weight inside the sleeve (sums to 1)
    weights: dict[str, float] | None = None
    bounds: Bounds | None = None

    @field_validator("budget")
    @classmethod
    def _budget(cls, v: float | None) -> float | None:
        if v is not None and v < 0:
            raise ValueError(
                f"budget {v} is negative; budgets are fractions of the portfolio in [0, 1]"
            )
        if v is not None and v > 1:
            raise ValueError(f"budget {v} exceeds 1; write 0.5 for 50 %")
        return v

    @model_validator(mode="after")
    def _weights(self) -> Sleeve:
        if self.screen is None and not self.instruments:
            raise ValueError("a sleeve needs instruments = [...] or a screen = { rule = ... }")
        if self.screen is not None and self.instruments:
            raise ValueError(
                "a sleeve has either instruments or a screen, not both; split it into two sleeves"
            )
        if self.screen is not None and self.method == "fixed":
            raise ValueError(
                'a screen sleeve cannot use method "fixed" (its members change); use equal or an '
                "estimated method"
            )
        if len(set(self.instruments)) != len(self.instruments):
            dup = sorted({i for i in self.instruments if self.instruments.count(i) > 1})
            raise ValueError(f"instrument(s) {dup} listed twice; list each once")
        if self.method == "fixed":
            if not self.weights:
                raise ValueError(
                    'method "fixed" needs weights = { id = fraction, ... } for every instrument'
                )
            missing = [i for i in self.instruments if i not in self.weights]
            extra = [k for k in self.weights if k not in self.instruments]
            if missing or extra:
                raise ValueError(
                    f"weights must name exactly the sleeve's instruments (missing {missing}, extra {extra})"
                )
            neg = {k: v for k, v in self.weights.items() if v < 0}
            if neg:
                raise ValueError(
                    f"negative weight(s) {neg}; long-only weights are fractions in [0, 1]"
                )
            total = sum(self.weights.values())
            if abs(total - 1.0) > _TOL:
                raise ValueError(
                    f"weights sum to {total:.6g}, {_by(total)}; scale them so that they sum to 1"
                )
        elif self.weights is not None:
            raise ValueError(
                f'weights are only used with method = "fixed" (method is "{self.method}")'
            )
        n = len(self.instruments) if self.screen is None else self.screen.top
        if self.bounds is not None and self.bounds.max_weight * n < 1 - _TOL:
            raise ValueError(
                f"bounds.max_weight {self.bounds.max_weight} × {n} instruments < 1: "
                "no weights can satisfy it; raise max_weight or add instruments"
            )
        return self


class Rebalance(_Model):
    """When to trade back to the targets.

    Calendar: the first session of each month (``monthly``) or of January, April, July, October
    (``quarterly``); targets are re-estimated on those dates. With ``drift_band`` set, trades happen
    only on sessions when some weight is more than ``drift_band`` (a fraction: 0.05 = 5 pp) off its
    target, checked every session at the close.
    """

    frequency: Literal["monthly", "quarterly"] = "monthly"
    drift_band: float | None = Field(None, gt=0.0, lt=1.0)


class Estimation(_Model):
    """The window of past daily returns behind estimated weights (look-ahead free)."""

    window: Literal["rolling", "expanding"] = "rolling"
    sessions: int = Field(252, ge=20)


class Scenario(_Model):
    """A stress scenario: instrument returns over a dated historical window, optionally scaled.

    ``kind = "historical"`` replays the window; ``kind = "shock"`` is a hypothetical named risk whose
    size is calibrated from the stated episode (the window) times ``scale``.

    ``label`` is the name a reader sees ("2000–02 tech bust"; default: ``name`` with underscores as
    spaces) and ``basis`` the stated calibration episode ("sized on the Nasdaq-led fall of
    2000-03-24..2001-04-04"; default: "replay of START..END" or "sized on START..END").
    """

    name: str
    kind: Literal["historical", "shock"] = "historical"
    start: dt.date
    end: dt.date
    scale: float = 1.0
    description: str = ""
    label: str = ""
    basis: str = ""

    @model_validator(mode="before")
    @classmethod
    def _defaults(cls, data: Any) -> Any:
        # fill label and basis before freezing, so that they are plain fields (and compare equal)
        if isinstance(data, dict):
            data = dict(data)
            if not data.get("label") and isinstance(data.get("name"), str):
                data["label"] = data["name"].replace("_", " ")
            if not data.get("basis") and data.get("start") and data.get("end"):
                verb = "sized on" if data.get("kind") == "shock" else "replay of"
                data["basis"] = f"{verb} {data['start']}..{data['end']}"
        return data

    @model_validator(mode="after")
    def _order(self) -> Scenario:
        if self.end <= self.start:
            raise ValueError(
                f"scenario {self.name!r}: end {self.end} is not after start {self.start}"
            )
        if not self.name.replace("_", "").isalnum():
            raise ValueError(f"scenario name {self.name!r}: use letters, digits and '_'")
        return self


def _sc(
    name: str,
    kind: Literal["historical", "shock"],
    start: str,
    end: str,
    description: str,
    label: str,
    basis: str,
) -> Scenario:
    return Scenario(
        name=name,
        kind=kind,
        start=dt.date.fromisoformat(start),
        end=dt.date.fromisoformat(end),
        description=description,
        label=label,
        basis=basis,
    )


#: Default scenarios: S&P 500 peak-to-trough windows, and the seed's named risks, each calibrated
#: on a named episode (the instruments' own returns over that window).
DEFAULT_SCENARIOS: tuple[Scenario, ...] = (
    _sc(
        "tech_bust",
        "historical",
        "2000-03-24",
        "2002-10-09",
        "2000–02 tech bust, S&P 500 peak to trough",
        "2000–02 tech bust",
        "replay of the S&P 500's peak-to-trough fall of 2000-03-24..2002-10-09",
    ),
    _sc(
        "gfc",
        "historical",
        "2007-10-09",
        "2009-03-09",
        "2007–09 financial crisis, S&P 500 peak to trough",
        "2007–09 financial crisis",
        "replay of the S&P 500's peak-to-trough fall of 2007-10-09..2009-03-09",
    ),
    _sc(
        "covid",
        "historical",
        "2020-02-19",
        "2020-03-23",
        "2020 Covid crash, S&P 500 peak to trough",
        "2020 Covid crash",
        "replay of the S&P 500's peak-to-trough fall of 2020-02-19..2020-03-23",
    ),
    _sc(
        "rate_shock_2022",
        "historical",
        "2022-01-03",
        "2022-10-12",
        "2022 rate shock, S&P 500 peak to trough",
        "2022 rate shock",
        "replay of the S&P 500's peak-to-trough fall of 2022-01-03..2022-10-12",
    ),
    _sc(
        "tariff_2025",
        "historical",
        "2025-02-19",
        "2025-04-08",
        "2025 tariff drawdown, S&P 500 peak to trough",
        "2025 tariff drawdown",
        "replay of the S&P 500's peak-to-trough fall of 2025-02-19..2025-04-08",
    ),
    _sc(
        "ai_capex_disappointment",
        "shock",
        "2000-03-24",
        "2001-04-04",
        "AI capex disappointment, sized on the first year of the 2000 internet/telecom capex bust",
        "AI capex disappointment",
        "sized on the Nasdaq-led fall of 2000-03-24..2001-04-04, the first year of the "
        "internet and telecom capex bust",
    ),
    _sc(
        "fed_misstep",
        "shock",
        "2022-08-16",
        "2022-10-12",
        "Fed misstep (rates up, equities down), sized on the 2022 Jackson Hole hawkish turn",
        "Fed misstep",
        "sized on the hawkish turn around Jackson Hole, 2022-08-16..2022-10-12 (rates up, "
        "equities down)",
    ),
    _sc(
        "volatility_return",
        "shock",
        "2018-01-26",
        "2018-02-08",
        "return of volatility, sized on the February 2018 'Volmageddon' VIX spike",
        "Return of volatility",
        "sized on the February 2018 VIX spike ('Volmageddon'), 2018-01-26..2018-02-08",
    ),
    _sc(
        "flight_to_safety",
        "shock",
        "2011-07-22",
        "2011-08-19",
        "flight to safety (equities down, bonds and gold up), sized on the 2011 US downgrade",
        "Flight to safety",
        "sized on the sell-off around the 2011 US downgrade, 2011-07-22..2011-08-19 (equities "
        "down, bonds and gold up)",
    ),
)


class StressSpec(_Model):
    """Stress scenarios; ``defaults = true`` keeps :data:`DEFAULT_SCENARIOS` (a named one replaces its default)."""

    defaults: bool = True
    scenarios: list[Scenario] = Field(default_factory=list)
    #: instrument → proxy series used where the instrument has no data in a window (wins over the
    #: built-in proxies of :data:`thesis.portfolio.stress.DEFAULT_PROXIES`)
    proxies: dict[str, str] = Field(default_factory=dict)
    #: use the built-in proxies (small caps, long Treasuries, gold) before the instruments' first dates
    default_proxies: bool = True

    def all(self) -> list[Scenario]:
        mine = {s.name: s for s in self.scenarios}
        out = [mine.pop(s.name, s) for s in DEFAULT_SCENARIOS] if self.defaults else []
        return out + list(mine.values())


class Benchmarks(_Model):
    """Benchmark series: ``equity`` (the S&P 500 alone) and ``bond`` (with equity: a 60/40 mix)."""

    equity: str | None = None
    bond: str | None = None


class PortfolioSpec(_Model):
    """The whole ``[portfolio]`` table."""

    sleeves: dict[str, Sleeve] = Field(min_length=1)
    across: AcrossMethod = "fixed"
    bounds: Bounds = Bounds()
    rebalance: Rebalance = Rebalance()
    estimation: Estimation = Estimation()
    costs_bp: float = Field(5.0, ge=0.0, le=1000.0)
    benchmarks: Benchmarks = Benchmarks()
    stress: StressSpec = StressSpec()
    start: dt.date | None = None
    end: dt.date | None = None

    @field_validator("sleeves")
    @classmethod
    def _names(cls, v: dict[str, Sleeve]) -> dict[str, Sleeve]:
        for name in v:
            if not name.replace("_", "").isalnum() or name != name.lower():
                raise ValueError(f"sleeve name {name!r}: use lower-case letters, digits and '_'")
        return v

    @model_validator(mode="after")
    def _budgets(self) -> PortfolioSpec:
        seen: dict[str, str] = {}
        for name, s in self.sleeves.items():
            for i in s.instruments:
                if i in seen:
                    raise ValueError(
                        f"instrument {i!r} is in sleeves {seen[i]!r} and {name!r}; keep it in one"
                    )
                seen[i] = name
        if self.across == "fixed":
            missing = [n for n, s in self.sleeves.items() if s.budget is None]
            if missing:
                raise ValueError(
                    f'across = "fixed" needs a budget for every sleeve; sleeves.{missing[0]}.budget is missing'
                )
            total = sum(s.budget or 0.0 for s in self.sleeves.values())
            if abs(total - 1.0) > _TOL:
                raise ValueError(
                    f"sleeves.*.budget: the sleeve budgets sum to {total:.6g}, {_by(total)}; make them sum to 1 "
                    "(or set across to an estimated method such as inverse_vol)"
                )
        if self.start and self.end and self.end <= self.start:
            raise ValueError(f"end {self.end} is not after start {self.start}")
        return self

    @property
    def instruments(self) -> list[str]:
        """Every named instrument, sleeve by sleeve, in the order written (screen sleeves name
        none: their members are chosen at each rebalance)."""
        return [i for s in self.sleeves.values() for i in s.instruments]

    @property
    def screens(self) -> dict[str, SleeveScreen]:
        """The screen sleeves: name → screen."""
        return {n: s.screen for n, s in self.sleeves.items() if s.screen is not None}

    def sleeve_of(self) -> dict[str, str]:
        return {i: n for n, s in self.sleeves.items() for i in s.instruments}

    @property
    def needs_estimation(self) -> bool:
        return self.across in ESTIMATED_METHODS or any(
            s.method in ESTIMATED_METHODS for s in self.sleeves.values()
        )


def _by(total: float) -> str:
    d = total - 1.0
    return f"{abs(d):.6g} {'over' if d > 0 else 'short of'} 1"


def parse_portfolio(table: dict[str, Any], where: str | None = None) -> PortfolioSpec:
    """Validate a ``[portfolio]`` table; errors name the key (``portfolio.sleeves.x.budget``) and the fix."""
    try:
        return PortfolioSpec.model_validate(table)
    except ValidationError as e:
        err = e.errors()[0]
        key = ".".join(["portfolio", *(str(p) for p in err["loc"])])
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            msg = "unknown key"
            fix = "remove it or check its spelling (see the [portfolio] example in the docs)"
        else:
            fix = "correct the value as the message says"
        n = len(e.errors())
        more = f" (and {n - 1} more problem{'s' if n > 2 else ''})" if n > 1 else ""
        raise SpecError(f"{key}: {msg}{more}", where=where, fix=fix) from None
