"""Screens: the features of a universe on a date, a rule over them, and a ranking.

:func:`screen_features` reads what a universe needs through one
:class:`~thesis.data.view.StoreView` (prices, the index, fundamentals as filed) and returns one
wide frame: a row per member, with the price features of :mod:`thesis.screen.features`, the
fundamentals of :mod:`thesis.screen.fundamentals`, the size bucket and the member's reference data.
Members without prices stay in the frame with ``status = "no price data"``: a store with more
price series screens them all, and a store without says which it could not.

:func:`run_screen` applies a :class:`~thesis.screen.rules.Rule` and ranks the stocks that pass.

Size buckets (market capitalisation, USD): mega ≥ 200 bn, large ≥ 10 bn, mid ≥ 2 bn,
small ≥ 300 m, micro below. The market cap is the shares outstanding filed by ``as_of`` (EDGAR)
times the last close; without filed shares, the store's constituents snapshot (which may be dated
after ``as_of``: a coarse bucket, not a point-in-time figure; the ``size_source`` column says so);
without either, the size the thesis states for the stock.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from thesis.facts import Fact, Source
from thesis.screen import ids
from thesis.screen.errors import EmptyUniverseError, UnknownFeatureError
from thesis.screen.features import compute_features
from thesis.screen.fundamentals import Fundamentals, load_fundamentals
from thesis.screen.panel import Panel, load_panel
from thesis.screen.rules import Rule, parse_rule
from thesis.screen.spec import AI_BASKET
from thesis.screen.universe import Universe

__all__ = [
    "FRAME_COLUMNS",
    "SIZE_BUCKETS",
    "FeatureSet",
    "ScreenResult",
    "run_screen",
    "screen",
    "screen_features",
    "size_bucket",
]

#: lower bounds of the size buckets, USD of market capitalisation
SIZE_BUCKETS = (("mega", 200e9), ("large", 10e9), ("mid", 2e9), ("small", 300e6), ("micro", 0.0))


def size_bucket(market_cap_usd: Any) -> np.ndarray:
    """The size bucket of each market cap (USD); ``None`` where unknown."""
    cap = np.asarray(market_cap_usd, dtype=float)
    out = np.full(cap.shape, None, dtype=object)
    done = ~np.isfinite(cap) | (cap <= 0)
    for name, lo in SIZE_BUCKETS:
        hit = ~done & (cap >= lo)
        out[hit] = name
        done |= hit
    return out


@dataclass(frozen=True)
class FeatureSet:
    """The features of a universe's members on one date (see :func:`screen_features`).

    ``frame`` is indexed by ticker; ``panel`` holds the prices read (members, basket, index), so
    that a screen can be re-run at earlier dates without reading again.
    """

    frame: pd.DataFrame
    universe: Universe
    panel: Panel
    fundamentals: Fundamentals
    as_of: pd.Timestamp
    index_id: str
    basket: tuple[str, ...]
    notes: tuple[str, ...] = ()

    @property
    def sources(self) -> tuple[Source, ...]:
        out = dict.fromkeys(self.panel.sources + self.fundamentals.sources)
        return tuple(out)

    def features(self) -> list[str]:
        """Names a rule may use (``index.*`` included)."""
        return sorted(self.frame.columns)


def _features_frame(
    panel: Panel,
    universe: Universe,
    fundamentals: Fundamentals,
    as_of: pd.Timestamp,
    *,
    basket: Sequence[str],
    stale_limit: int,
) -> pd.DataFrame:
    """The wide frame: reference data, price features, fundamentals, size, status."""
    members = universe.members
    feats = compute_features(
        panel.prices,
        panel.index,
        as_of,
        basket=basket,
        dollar_volume=panel.dollar_volume,
        stale_limit=stale_limit,
    ).reindex(members.index)
    feats["has_prices"] = feats["has_prices"].fillna(False).astype(bool)
    feats["stale"] = feats["stale"].fillna(False).astype(bool)
    fund = fundamentals.latest.reindex(members.index)
    df = pd.concat([members, feats, fund], axis=1)
    df.index.name = "ticker"
    # the quote: the last close as its own series states it
    q = {t: panel.quotes[t] for t in members.index if t in panel.quotes}
    df["close"] = pd.Series({t: v[1] for t, v in q.items()}, dtype="float64").reindex(df.index)
    df["price_series"] = pd.Series(
        {t: panel.choices[t].describe() for t in members.index if t in panel.choices},
        dtype=object,
    ).reindex(df.index)
    # market cap: filed shares × close (point in time), else the snapshot, else the stated size
    cap_pit = df["shares"] * df["close"]
    snap = pd.to_numeric(df["market_cap_usd"], errors="coerce")
    cap = cap_pit.where(cap_pit.notna(), snap)
    source = np.where(
        cap_pit.notna(),
        "filed shares × last close",
        # numpy's stubs take no None as a choice; at run time it makes an object array
        np.where(snap.notna(), "constituents snapshot", None),  # type: ignore[call-overload]
    ).astype(object)
    snap_after = df["market_cap_as_of"].notna() & (
        pd.to_datetime(df["market_cap_as_of"], errors="coerce") > as_of
    )
    source = np.where(
        (source == "constituents snapshot") & snap_after.to_numpy(),
        "constituents snapshot dated after as_of",
        source,
    )
    df["market_cap"] = cap.astype("float64")
    size = size_bucket(df["market_cap"].to_numpy())
    stated = df["stated_size"].to_numpy(dtype=object)
    use_stated = (
        pd.isna(pd.Series(size, dtype=object)).to_numpy()
        & pd.notna(pd.Series(stated, dtype=object)).to_numpy()
    )
    size = np.where(use_stated, stated, size)
    source = np.where(use_stated, "stated by the thesis", source)
    df["size"] = pd.Series(size, index=df.index, dtype=object)
    df["size_source"] = pd.Series(source, index=df.index, dtype=object)
    df["in_basket"] = df.index.isin(list(basket))
    df["status"] = np.where(
        ~df["has_prices"], "no price data", np.where(df["stale"], "stale", "current")
    )
    return df.drop(columns=["stated_size"])


def screen_features(
    view: Any,
    universe: Universe,
    *,
    index: str,
    basket: Sequence[str] = AI_BASKET,
    stale_limit: int = 5,
    series: dict[str, str] | None = None,
    panel: Panel | None = None,
) -> FeatureSet:
    """The features of ``universe``'s members as public on the view's date.

    Parameters
    ----------
    view
        A :class:`~thesis.data.view.StoreView`.
    universe
        The members (see :mod:`thesis.screen.universe`).
    index
        The index series id (e.g. ``sp500``).
    basket
        The theme basket for ``corr_theme`` and ``beta_theme``.
    stale_limit
        XNYS sessions without data after which a stock is ``stale``.
    series
        Ticker → a price series id to use instead of the automatic choice.
    panel
        Prices already read (a backtest re-screening at past dates passes its panel cut there).
    """
    if len(universe) == 0:
        raise EmptyUniverseError(
            f"the universe {universe.name!r} has no member on {pd.Timestamp(view.as_of).date()}",
            where=universe.name,
            fix="choose another universe or a later date",
        )
    as_of = pd.Timestamp(view.as_of).normalize()
    tickers = list(dict.fromkeys([*universe.tickers, *basket]))
    if panel is None:
        panel = load_panel(view, tickers, index=index, series=series)
    elif panel.as_of > as_of:
        panel = panel.upto(as_of)
    fund = load_fundamentals(view, universe.tickers)
    df = _features_frame(
        panel, universe, fund, as_of, basket=tuple(basket), stale_limit=stale_limit
    )
    notes = list(universe.notes)
    no_px = [t for t in universe.tickers if not bool(df.loc[t, "has_prices"])]
    if no_px:
        notes.append(
            f"{len(no_px)} of {len(universe)} members have no price data in the store on "
            f"{as_of.date()} and are listed as 'no price data' ({', '.join(no_px[:10])}"
            f"{', …' if len(no_px) > 10 else ''}); import their prices to screen them."
        )
    ext = sorted({c.extension for c in panel.choices.values() if c.extension})
    if ext:
        notes.append(
            "Prices after the primary files end are chained from lower-quality series "
            f"({', '.join(ext)}); figures that rest on them are rough."
        )
    stale = df.index[df["stale"]].tolist()
    if stale:
        notes.append(
            f"Stale data: {', '.join(stale[:10])}{', …' if len(stale) > 10 else ''} have no close "
            f"in the last {stale_limit} sessions before {as_of.date()}; their figures are as of "
            "their own last close (last_date), compared with the index over the same window."
        )
    snap = df["size_source"] == "constituents snapshot dated after as_of"
    if snap.any():
        notes.append(
            f"Size for {int(snap.sum())} stocks comes from the constituents' market-cap snapshot, "
            f"dated after {as_of.date()}: a coarse bucket, not a point-in-time figure."
        )
    return FeatureSet(
        frame=df,
        universe=universe,
        panel=panel,
        fundamentals=fund,
        as_of=as_of,
        index_id=index,
        basket=tuple(basket),
        notes=tuple(notes),
    )


@dataclass(frozen=True)
class ScreenResult:
    """The outcome of a screen on one date.

    Attributes
    ----------
    table
        Every member, ranked: ``rank`` (1 = best among those that pass; NaN otherwise),
        ``passed``, ``selected`` (within ``top``), ``why`` and the features.
    """

    rule: str
    universe: str
    as_of: pd.Timestamp
    rank_by: str
    descending: bool
    top: int | None
    table: pd.DataFrame
    notes: tuple[str, ...] = ()
    sources: tuple[Source, ...] = field(default_factory=tuple)
    features: FeatureSet | None = field(default=None, repr=False, compare=False)

    @property
    def passed(self) -> pd.DataFrame:
        """The stocks that pass, best first."""
        return self.table[self.table["passed"]].sort_values("rank")

    @property
    def selected(self) -> list[str]:
        """The tickers within ``top`` (all that pass when ``top`` is None), best first."""
        return self.table.index[self.table["selected"]].tolist()

    def to_frame(self) -> pd.DataFrame:
        return self.table

    def summary(self) -> str:
        p = self.passed
        lines = [
            f"Screen of {self.universe} on {self.as_of.date()}: {self.rule}",
            f"{len(p)} of {int(self.table['has_prices'].sum())} stocks with prices pass "
            f"({len(self.table)} members); ranked by {self.rank_by}",
        ]
        for t, r in p.iterrows():
            lines.append(f"{int(r['rank'])}. {t}: {r['why']}")
        lines += [f"- {n}" for n in self.notes]
        return "\n".join(lines)

    def facts(self) -> list[Fact]:
        a = str(self.as_of.date())
        how = f"screen '{self.rule}' over {self.universe} on {a}, ranked by {self.rank_by}"
        out = [
            Fact(ids.screen("rule"), self.rule, "label", a, "stated rule", (), "screen rule"),
            Fact(ids.screen("universe"), self.universe, "label", a, how, (), "screened universe"),
            Fact(ids.screen("universe_size"), len(self.table), "count", a, how, self.sources,
                 "members screened"),
            Fact(ids.screen("with_prices"), int(self.table["has_prices"].sum()), "count", a, how,
                 self.sources, "members with price data"),
            Fact(ids.screen("passed"), int(self.table["passed"].sum()), "count", a, how,
                 self.sources, "stocks that pass the rule"),
        ]  # fmt: skip
        for k, t in enumerate(self.selected, start=1):
            out.append(Fact(ids.screen_rank(k), t, "label", a, how, self.sources, f"ranked {k}"))
            out.append(
                Fact(ids.stock(t, "screen_why"), str(self.table.loc[t, "why"]), "label", a, how,
                     self.sources, f"why {t} passed")
            )  # fmt: skip
        return out


def run_screen(
    fs: FeatureSet,
    rule: str | Rule,
    *,
    rank_by: str = "mom_6m",
    descending: bool = True,
    top: int | None = None,
    where: str = "rule",
) -> ScreenResult:
    """Apply ``rule`` to the features and rank the stocks that pass by ``rank_by``.

    Members without price data never pass (their ``why`` says so); ties keep the universe order.
    """
    r = rule if isinstance(rule, Rule) else parse_rule(rule, where)
    df = fs.frame
    if rank_by not in df.columns or not pd.api.types.is_numeric_dtype(df[rank_by]):
        numeric = sorted(c for c in df.columns if pd.api.types.is_numeric_dtype(df[c]))
        raise UnknownFeatureError(
            f"cannot rank by {rank_by!r}: it is not a numeric feature",
            where="rank_by",
            fix=f"rank by one of: {', '.join(c for c in numeric if not c.startswith('index.'))}",
        )
    passed, why = r.evaluate(df, where)
    passed = passed & df["has_prices"]
    why = why.where(df["has_prices"], "no price data")
    key = df[rank_by].where(passed)
    order = key.rank(ascending=not descending, method="first", na_option="keep")
    table = df.assign(passed=passed, why=why, rank=order)
    table["selected"] = table["passed"] & (table["rank"] <= (top if top else len(table)))
    table = table.sort_values(["rank"], na_position="last", kind="stable")
    lead = ["rank", "passed", "selected", "status", "why"]
    table = table[lead + [c for c in table.columns if c not in lead]]
    notes = list(fs.notes)
    n_pass = int(passed.sum())
    if top and n_pass < top:
        notes.append(
            f"Only {n_pass} {'stock passes' if n_pass == 1 else 'stocks pass'}, fewer than the "
            f"{top} asked for."
        )
    return ScreenResult(
        rule=r.text,
        universe=fs.universe.name,
        as_of=fs.as_of,
        rank_by=rank_by,
        descending=descending,
        top=top,
        table=table,
        notes=tuple(notes),
        sources=fs.sources,
        features=fs,
    )


def screen(
    view: Any,
    rule: str | Rule,
    *,
    universe: str | Sequence[str] | Universe = "store",
    theme: Any = None,
    index: str = "sp500",
    basket: Sequence[str] | None = None,
    rank_by: str = "mom_6m",
    descending: bool = True,
    top: int | None = None,
    stale_limit: int = 5,
) -> ScreenResult:
    """Screen a universe on the view's date: read, compute the features, apply ``rule``, rank.

    ``universe`` is ``theme`` (needs ``theme``), ``sp500``, ``store``, a theme file, a
    comma-separated string or a list of tickers, or a :class:`~thesis.screen.universe.Universe`.
    The rule is checked before anything is read, so a misspelt feature fails at once.
    """
    from thesis.screen.features import NUMERIC_FEATURES
    from thesis.screen.fundamentals import FUNDAMENTAL_FEATURES
    from thesis.screen.universe import MEMBER_COLUMNS, resolve_universe

    r = rule if isinstance(rule, Rule) else parse_rule(rule)
    known = {
        *NUMERIC_FEATURES,
        *FUNDAMENTAL_FEATURES,
        *MEMBER_COLUMNS,
        *FRAME_COLUMNS,
    }
    known.discard("stated_size")  # the frame turns it into size / size_source
    r.check(known)
    u = (
        universe
        if isinstance(universe, Universe)
        else resolve_universe(universe, view, theme=theme)
    )
    bk = tuple(basket) if basket is not None else tuple(theme.basket if theme else AI_BASKET)
    fs = screen_features(view, u, index=index, basket=bk, stale_limit=stale_limit)
    return run_screen(fs, r, rank_by=rank_by, descending=descending, top=top)


#: columns the features frame adds besides the features and the member data
FRAME_COLUMNS = (
    "last_date",
    "liquidity_date",
    "has_prices",
    "stale",
    "close",
    "price_series",
    "market_cap",
    "size",
    "size_source",
    "in_basket",
    "status",
    "revenue_q_end",
    "revenue_q_label",
    "capex_q_end",
    "capex_q_label",
    "shares_date",
)
