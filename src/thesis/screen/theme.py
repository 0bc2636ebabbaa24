"""The theme analysis: a thesis's named stocks, the sector ETFs and the theme's claims, as of a date.

:func:`theme_analysis` is the entry point the pipeline calls with the run's
:class:`~thesis.data.view.StoreView`. For each stock the ``[theme]`` names it gives the level,
momentum, volatility and drawdown against the index over the same window, the correlation with
the theme basket, the fundamentals filed by ``as_of`` where the store has them, and the odds of
gaining X % or beating the index by the horizon (:mod:`thesis.screen.odds`); for each sector ETF
its momentum and risk against the index; and the thesis's claims that no data can settle, named as
such with their source. Stale data are flagged, never carried forward as if current.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from thesis.errors import AnalysisError
from thesis.facts import Fact, Source
from thesis.screen import ids
from thesis.screen.features import MOMENTUM_MONTHS
from thesis.screen.odds import StockOdds, stock_odds
from thesis.screen.panel import Panel, load_panel, price_catalog
from thesis.screen.screen import FeatureSet, ScreenResult, run_screen, screen_features
from thesis.screen.spec import ThemeClaim, ThemeSpec
from thesis.screen.universe import Universe, list_universe, resolve_universe, theme_universe

if TYPE_CHECKING:
    from thesis._types import DateLike

__all__ = ["ThemeResult", "theme_analysis"]

#: quarters of fundamentals stated per stock (the latest ones)
QUARTERS_STATED = 4


@dataclass(frozen=True)
class ThemeResult:
    """What the theme analysis found (see :func:`theme_analysis`).

    Attributes
    ----------
    stocks
        The named stocks' features (one row each; see :mod:`thesis.screen.screen`).
    sectors
        The sector ETFs' features.
    odds
        Ticker → :class:`~thesis.screen.odds.StockOdds` for the named stocks with prices.
    screen
        The theme's screen, when its ``[theme.screen]`` asks for one.
    notes
        Caveats: stale and extended data, short histories, survivorship, missing data.
    """

    theme: ThemeSpec
    as_of: pd.Timestamp
    horizon: pd.Timestamp
    index_id: str
    stocks: pd.DataFrame
    sectors: pd.DataFrame
    odds: dict[str, StockOdds]
    quarters: dict[str, pd.DataFrame]
    screen: ScreenResult | None
    notes: tuple[str, ...]
    lineage: dict[str, tuple[Source, ...]] = field(default_factory=dict)
    sources: tuple[Source, ...] = ()

    def to_frame(self) -> pd.DataFrame:
        """The named stocks and the sector ETFs, one row each (``kind``: stock or sector)."""
        return pd.concat(
            [self.stocks.assign(kind="stock"), self.sectors.assign(kind="sector")], axis=0
        )

    def summary(self) -> str:
        cols = ["status", "last_date", "mom_6m", "index.mom_6m", "vol", "max_dd", "corr_theme"]

        def table(df: pd.DataFrame) -> str:
            part = df[[c for c in cols if c in df]]
            num = part.select_dtypes("number").columns
            return part.assign(**{c: part[c].round(2) for c in num}).to_string()

        lines = [
            f"Theme {self.theme.name} as of {self.as_of.date()} (index {self.index_id})",
            table(self.stocks),
        ]
        if len(self.sectors):
            lines += ["", table(self.sectors)]
        lines += [f"- {n}" for n in self.notes]
        return "\n".join(lines)

    # ------------------------------------------------------------------ facts
    def facts(self) -> list[Fact]:
        a = str(self.as_of.date())
        out: list[Fact] = [
            Fact(ids.theme("name"), self.theme.name, "label", a, "stated in the thesis", (),
                 "theme"),
            Fact(ids.theme("members"), len(self.stocks), "count", a, "stocks the thesis names",
                 (), "named stocks"),
            Fact(ids.theme("index"), self.index_id, "label", a, "the index compared with", (),
                 "index"),
        ]  # fmt: skip
        for g in self.theme.gains_pct:
            out.append(Fact(ids.theme_gain(g), float(g), "pct", a, "stated in the thesis", (),
                            "gain the odds are for", 0 if float(g).is_integer() else 1))  # fmt: skip
        for t, row in self.stocks.iterrows():
            out += self._stock_facts(str(t), row, a)
            if t in self.odds:
                out += self.odds[t].facts()
            out += self._fundamental_facts(str(t), row, a)
        for t, row in self.sectors.iterrows():
            out += self._sector_facts(str(t), row, a)
        known = {f.id: f for f in out}
        for c in self.theme.claims:
            out += _claim_facts(c, a, known)
        if self.screen is not None:
            out += self.screen.facts()
        return out

    def _lin(self, t: str) -> tuple[Source, ...]:
        return self.lineage.get(t, ())

    def _stock_facts(self, t: str, r: pd.Series, a: str) -> list[Fact]:
        lin = self._lin(t)
        out: list[Fact] = []

        def add(measure: str, value: Any, unit: str, method: str, label: str, d: int | None = None,
                *, index: bool = False) -> None:  # fmt: skip
            if value is None or (isinstance(value, float) and not np.isfinite(value)):
                return
            if isinstance(value, pd.Timestamp):
                if pd.isna(value):
                    return
                value = str(value.date())
            fid = ids.stock_index(t, measure) if index else ids.stock(t, measure)
            out.append(Fact(fid, _py(value), unit, a, method, lin, label, d))

        stated = "stated in the thesis"
        add("name", r.get("name") or t, "label", stated, f"name of {t}")
        if r.get("group"):
            add("group", r["group"], "label", stated, f"group of {t} in the theme")
        if r.get("why"):
            add("why", r["why"], "label", stated, f"why {t} is in the theme")
        add("status", r["status"], "label",
            "current: a close in the last sessions before as_of; stale: none; no price data",
            f"data status of {t}")  # fmt: skip
        if not bool(r.get("has_prices")):
            return out
        last = pd.Timestamp(r["last_date"])
        add("last_date", last, "date", "last close on or before as_of", f"last close of {t}")
        add("stale", bool(r["stale"]), "bool",
            f"more than {self.theme.stale_sessions} XNYS sessions without a close before as_of",
            f"{t}'s data are stale")  # fmt: skip
        add("stale_sessions", int(r["stale_sessions"]), "days",
            "XNYS trading sessions after the last close up to as_of", f"sessions since {t}'s last close")  # fmt: skip
        if isinstance(r.get("price_series"), str):
            add("price_series", r["price_series"], "label", "series chosen for the prices",
                f"price series of {t}")  # fmt: skip
        add("close", r.get("close"), "usd",
            f"last close as its own series states it ({r.get('price_series')})",
            f"{t} close on {last.date()}", 2)  # fmt: skip
        window = f"up to {t}'s last close on {last.date()}"
        for k in MOMENTUM_MONTHS:
            add(
                f"mom_{k}m_pct",
                r.get(f"mom_{k}m"),
                "pct",
                f"change of the close over {k} month(s) {window}",
                f"{t} {k}-month change",
                1,
            )
            add(
                f"mom_{k}m_pct",
                r.get(f"index.mom_{k}m"),
                "pct",
                f"change of {self.index_id} over the same {k} month(s) {window}",
                f"{self.index_id} over the same window",
                1,
                index=True,
            )
            add(f"rel_mom_{k}m_pp", r.get(f"rel_mom_{k}m"), "pp",
                f"{t}'s {k}-month change minus {self.index_id}'s over the same window",
                f"{t} against {self.index_id}, {k} months", 1)  # fmt: skip
        add(
            "vol_ann_pct",
            r.get("vol"),
            "pct",
            f"standard deviation of daily log returns over 12 months {window}, × √252",
            f"{t} volatility, annualised",
            1,
        )
        add(
            "vol_ann_pct",
            r.get("index.vol"),
            "pct",
            f"{self.index_id} volatility over the same 12 months",
            f"{self.index_id} volatility",
            1,
            index=True,
        )
        add(
            "max_drawdown_pct",
            r.get("max_dd"),
            "pct",
            f"largest fall from a running high within 12 months {window}",
            f"{t} maximum drawdown",
            1,
        )
        add(
            "max_drawdown_pct",
            r.get("index.max_dd"),
            "pct",
            f"{self.index_id}'s largest fall within the same 12 months",
            f"{self.index_id} maximum drawdown",
            1,
            index=True,
        )
        add(
            "beta",
            r.get("beta"),
            "ratio",
            f"beta of daily log returns on {self.index_id}'s, 12 months {window}",
            f"{t} beta to {self.index_id}",
            2,
        )
        add(
            "corr_index",
            r.get("corr_index"),
            "ratio",
            f"correlation of daily log returns with {self.index_id}'s, 12 months {window}",
            f"{t} correlation with {self.index_id}",
            2,
        )
        basket = ", ".join(self.theme.basket)
        add(
            "corr_theme",
            r.get("corr_theme"),
            "ratio",
            f"correlation of daily log returns with the theme basket ({basket}; equal-weight, "
            f"without {t} itself), 12 months {window}",
            f"{t} correlation with the theme basket",
            2,
        )
        add(
            "beta_theme",
            r.get("beta_theme"),
            "ratio",
            f"beta of daily log returns on the theme basket ({basket}), 12 months {window}",
            f"{t} beta to the theme basket",
            2,
        )
        add(
            "liquidity_usd",
            r.get("liquidity"),
            "usd",
            "median daily dollar volume over the 3 months to liquidity_date",
            f"{t} median daily dollar volume",
            0,
        )
        add(
            "liquidity_date",
            r.get("liquidity_date"),
            "date",
            "last day of the volume data",
            f"{t} volume data end",
        )
        add(
            "market_cap_usd",
            r.get("market_cap"),
            "usd",
            f"market capitalisation: {r.get('size_source')}",
            f"{t} market capitalisation",
            0,
        )
        if r.get("size"):
            add("size", r["size"], "label",
                "bucket by market cap (mega ≥ 200 bn, large ≥ 10 bn, mid ≥ 2 bn, small ≥ 300 m "
                f"USD): {r.get('size_source')}", f"{t} size")  # fmt: skip
        # fmt: on
        return out

    def _fundamental_facts(self, t: str, r: pd.Series, a: str) -> list[Fact]:
        q = self.quarters.get(t)
        if q is None or q.empty:
            return []
        lin = tuple(s for s in self.sources if s.series.startswith(ids.ticker_key(t) + "_"))
        out: list[Fact] = []
        filed = "as first filed with the SEC (EDGAR company facts) on or before as_of"
        names = {"revenue": "revenue", "capex": "capital expenditure", "net_income": "net income"}
        for m in ("revenue", "capex", "net_income"):
            if m not in q.columns:
                continue
            s = q[m].dropna()
            if s.empty:
                continue
            last_end = s.index[-1]
            label = q.loc[last_end, "label"]
            out.append(Fact(ids.stock(t, f"{m}_q_usd"), float(s.iloc[-1]), "usd", a,
                            f"{names[m]} of the fiscal quarter {label} ending {last_end.date()}, {filed}",
                            lin, f"{t} {names[m]}, latest quarter", 0))  # fmt: skip
            out.append(Fact(ids.stock(t, f"{m}_q_period"), str(label), "label", a,
                            "fiscal quarter of the latest filed figure", lin,
                            f"{t} latest fiscal quarter"))  # fmt: skip
            out.append(Fact(ids.stock(t, f"{m}_q_end"), str(last_end.date()), "date", a,
                            "end of that fiscal quarter", lin, f"{t} quarter end"))  # fmt: skip
            yoy = q[f"{m}_yoy"].dropna() if f"{m}_yoy" in q else pd.Series(dtype=float)
            if last_end in yoy.index:
                out.append(Fact(ids.stock(t, f"{m}_yoy_pct"), float(yoy[last_end]), "pct", a,
                                f"{names[m]} of {label} against the quarter a year earlier, {filed}",
                                lin, f"{t} {names[m]} growth, year over year", 1))  # fmt: skip
            ttm = r.get(f"{m}_ttm")
            if ttm is not None and np.isfinite(ttm):
                out.append(Fact(ids.stock(t, f"{m}_ttm_usd"), float(ttm), "usd", a,
                                f"sum of the four fiscal quarters to {label}, {filed}", lin,
                                f"{t} {names[m]}, trailing twelve months", 0))  # fmt: skip
            for end in s.index[-QUARTERS_STATED:]:
                lab = str(q.loc[end, "label"])
                out.append(Fact(ids.stock_period(t, f"{m}_usd", lab), float(s[end]), "usd", a,
                                f"{names[m]} of fiscal quarter {lab} ending {end.date()}, {filed}",
                                lin, f"{t} {names[m]} {lab}", 0))  # fmt: skip
                if end in yoy.index:
                    out.append(Fact(ids.stock_period(t, f"{m}_yoy_pct", lab), float(yoy[end]),
                                    "pct", a, f"{names[m]} of {lab} against a year earlier, {filed}",
                                    lin, f"{t} {names[m]} growth {lab}", 1))  # fmt: skip
        sh = r.get("shares")
        if sh is not None and np.isfinite(sh):
            out.append(Fact(ids.stock(t, "shares"), float(sh), "count", a,
                            f"shares outstanding on the cover of the latest filing, {filed}", lin,
                            f"{t} shares outstanding", 0))  # fmt: skip
        return out

    def _sector_facts(self, t: str, r: pd.Series, a: str) -> list[Fact]:
        if not bool(r.get("has_prices")):
            return []
        lin = self._lin(t)
        last = pd.Timestamp(r["last_date"])
        window = f"up to {last.date()}"
        out = [
            Fact(ids.sector(t, "name"), str(r.get("name") or t), "label", a, "catalog name", lin,
                 f"name of {t}"),
            Fact(ids.sector(t, "last_date"), str(last.date()), "date", a,
                 "last close on or before as_of", lin, f"last close of {t}"),
            Fact(ids.sector(t, "stale"), bool(r["stale"]), "bool", a,
                 f"more than {self.theme.stale_sessions} XNYS sessions without a close before as_of",
                 lin, f"{t}'s data are stale"),
        ]  # fmt: skip
        for measure, col, unit, text, d in (
            ("mom_6m_pct", "mom_6m", "pct", f"change over 6 months {window}", 1),
            ("mom_12m_pct", "mom_12m", "pct", f"change over 12 months {window}", 1),
            ("rel_mom_6m_pp", "rel_mom_6m", "pp", f"6-month change minus {self.index_id}'s", 1),
            ("rel_mom_12m_pp", "rel_mom_12m", "pp", f"12-month change minus {self.index_id}'s", 1),
            ("vol_ann_pct", "vol", "pct", f"annualised volatility, 12 months {window}", 1),
            ("max_drawdown_pct", "max_dd", "pct", f"maximum drawdown, 12 months {window}", 1),
            ("beta", "beta", "ratio", f"beta to {self.index_id}, 12 months {window}", 2),
            ("corr_index", "corr_index", "ratio", f"correlation with {self.index_id}", 2),
            ("corr_theme", "corr_theme", "ratio", "correlation with the theme basket", 2),
        ):
            v = r.get(col)
            if v is not None and np.isfinite(v):
                out.append(Fact(ids.sector(t, measure), float(v), unit, a, text, lin,
                                f"{t} {text}", d))  # fmt: skip
        return out


def _py(v: Any) -> Any:
    if isinstance(v, np.generic):
        return v.item()
    return v


def _claim_facts(c: ThemeClaim, a: str, known: dict[str, Fact]) -> list[Fact]:
    """The claim's own parts (stated, not data) and, when a fact can settle it, the verdict."""
    stated = f"stated in the thesis, from {c.source}; not data"
    check = known.get(c.check_fact) if c.check_fact else None
    out = [
        Fact(ids.claim(c.id, "text"), c.text, "label", a, stated, (), "the claim as stated"),
        Fact(ids.claim(c.id, "source"), c.source, "label", a, "stated in the thesis", (),
             "source of the claim"),
    ]  # fmt: skip
    if c.value is not None and c.unit is not None:
        out.append(Fact(ids.claim(c.id, "value"), float(c.value), c.unit, a, stated, (),
                        "the claimed figure", _decimals(c.value)))  # fmt: skip
    if c.period is not None:
        out.append(Fact(ids.claim(c.id, "period"), str(c.period), "date", a, stated, (),
                        "the period the claim is about"))  # fmt: skip
    checked = check.number if check is not None else None
    if check is None or checked is None or c.value is None:
        out += [
            Fact(ids.claim(c.id, "why_unsettled"), c.why_unsettled, "label", a,
                 "why no data on as_of can settle the claim", (), "why it cannot be checked"),
            Fact(ids.claim(c.id, "settled"), False, "bool", a,
                 "no series in the store can confirm or refute the claim on as_of"
                 + (f" (it would take {c.check_fact})" if c.check_fact else ""), (),
                 "settled by data"),
        ]  # fmt: skip
        return out
    d = _decimals(c.value)
    agrees = abs(checked - float(c.value)) <= 0.5 * 10.0 ** (-d) + 1e-12
    out += [
        Fact(ids.claim(c.id, "settled"), True, "bool", a, f"checked against {check.id}",
             check.lineage, "settled by data"),
        Fact(ids.claim(c.id, "agrees"), bool(agrees), "bool", a,
             f"{check.id} = {checked:.4g} against the claimed {float(c.value):g}, at "
             f"the claim's precision ({d} decimal(s))", check.lineage, "the data agree"),
    ]  # fmt: skip
    return out


def _decimals(v: float) -> int:
    """Decimals a number was written with (21 → 0, 21.5 → 1, 520e9 → 0)."""
    text = repr(float(v))
    if "e" in text or text.endswith(".0"):
        return 0
    return len(text.split(".")[1])


def _lineage_by_ticker(panel: Panel) -> dict[str, tuple[Source, ...]]:
    by_id = {s.series: s for s in panel.sources}
    out: dict[str, tuple[Source, ...]] = {}
    for t, c in panel.choices.items():
        ids_ = [c.series, c.extension, c.volume_series, panel.index_id]
        out[t] = tuple(dict.fromkeys(by_id[i] for i in ids_ if i and i in by_id))
    return out


def theme_analysis(
    view: Any,
    theme: ThemeSpec,
    *,
    index_series: str,
    as_of: DateLike,
    horizon: DateLike,
    rng: np.random.Generator,
    base: str | Path | None = None,
) -> ThemeResult:
    """Analyse the theme of a thesis as known on ``as_of``.

    Parameters
    ----------
    view
        The run's :class:`~thesis.data.view.StoreView` (its date must be ``as_of``).
    theme
        The thesis's ``[theme]``.
    index_series
        The index the stocks are compared with (``theme.index`` wins when set).
    as_of, horizon
        The analysis date and the date the odds look ahead to.
    rng
        The run's Generator for the odds (one integer is drawn; each stock's streams are keyed by
        its ticker).
    base
        The thesis file or its folder, against which ``theme.file`` is resolved.
    """
    as_of_t = pd.Timestamp(as_of).normalize()
    if pd.Timestamp(view.as_of).normalize() != as_of_t:
        raise AnalysisError(
            f"the view is as of {pd.Timestamp(view.as_of).date()}, the analysis as of {as_of_t.date()}",
            where="theme_analysis",
            fix="pass store.view(as_of)",
        )
    theme = theme.resolved(base)
    index_id = theme.index or index_series
    members = theme_universe(theme, view)
    cat = price_catalog(view)
    sectors = [s for s in theme.sectors if s in cat]
    notes: list[str] = []
    absent = [s for s in theme.sectors if s not in cat]
    if absent:
        notes.append(f"Sector ETFs without prices in the store: {', '.join(absent)} (left out).")
    series = {s.ticker: s.series for s in theme.stocks if s.series}
    tickers = list(dict.fromkeys([*members.tickers, *theme.basket, *sectors]))
    panel = load_panel(view, tickers, index=index_id, series=series)
    fs = screen_features(
        view, members, index=index_id, basket=theme.basket, stale_limit=theme.stale_sessions,
        panel=panel,
    )  # fmt: skip
    notes += list(fs.notes)
    sector_frame = pd.DataFrame()
    if sectors:
        su = list_universe(sectors, view, where="theme.sectors")
        sfs = screen_features(
            view, su, index=index_id, basket=theme.basket, stale_limit=theme.stale_sessions,
            panel=panel,
        )  # fmt: skip
        sector_frame = sfs.frame
        stale_sec = sector_frame.index[sector_frame["stale"]].tolist()
        if stale_sec:
            notes.append(f"Stale sector data: {', '.join(stale_sec)}.")
    idx_info = view.info(index_id)
    if not idx_info.total_return and any(c.total_return for c in panel.choices.values()):
        notes.append(
            f"The index ({index_id}) is a price index without dividends while most stock and ETF "
            "series include them: relative figures favour the stocks by roughly the index's "
            "dividend yield."
        )
    odds: dict[str, StockOdds] = {}
    lineage = _lineage_by_ticker(panel)
    key_base = int(rng.integers(0, 2**63 - 1))
    for t in members.tickers:
        if t not in panel.prices.columns:
            continue
        try:
            o = stock_odds(
                panel.prices[t].dropna(),
                ticker=t,
                as_of=as_of_t,
                horizon=horizon,
                index=panel.index,
                index_id=index_id,
                gains_pct=theme.gains_pct,
                methods=theme.methods,
                n_paths=theme.n_paths,
                rng=rng,
                drift_ann_pct=theme.drift_ann_pct,
                stale_limit=theme.stale_sessions,
                key_base=key_base,
                lineage=lineage.get(t, ()),
            )
        except AnalysisError as e:
            notes.append(f"No odds for {t}: {e.what}")
            continue
        odds[t] = o
        notes += list(o.notes)
    if odds:
        notes.append(
            "Each stock's odds simulate its own history's mean return as the drift (stated beside "
            "them), not a forecast: a stock that soared in its window gets high upside odds."
        )
    scr = None
    if theme.screen is not None:
        sp = theme.screen
        if sp.universe == "theme":
            sfs2: FeatureSet = fs
        else:
            u: Universe = resolve_universe(
                sp.universe, view, theme=theme, where="theme.screen.universe"
            )
            sfs2 = screen_features(
                view, u, index=index_id, basket=theme.basket, stale_limit=theme.stale_sessions
            )
        scr = run_screen(
            sfs2, sp.rule, rank_by=sp.rank_by, descending=sp.descending, top=sp.top,
            where="theme.screen.rule",
        )  # fmt: skip
    sources = tuple(dict.fromkeys(panel.sources + fs.fundamentals.sources))
    return ThemeResult(
        theme=theme,
        as_of=as_of_t,
        horizon=pd.Timestamp(horizon).normalize(),
        index_id=index_id,
        stocks=fs.frame,
        sectors=sector_frame,
        odds=odds,
        quarters=fs.fundamentals.quarters,
        screen=scr,
        notes=tuple(dict.fromkeys(notes)),
        lineage=lineage,
        sources=sources,
    )
