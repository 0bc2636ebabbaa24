"""Stress tests: today's weights replayed through historical windows and calibrated shocks.

For each scenario (a dated window), each instrument's return is its close on the last session on or
before ``end`` over its close on the last session on or before ``start``, minus one, times the
scenario's ``scale``. An instrument counts as covered when it has a close within
:data:`COVER_DAYS` calendar days on or before both dates. Uncovered instruments use their proxy
(``[portfolio.stress] proxies``) when the proxy is covered; otherwise they are a stated gap: their
weight is left out of the loss and listed. Windows ending after ``as_of`` are skipped (unknowable).

Losses are positive numbers (a 12 % fall is a loss of 12 %); a sleeve's loss is its contribution to
the portfolio's loss, ``−Σ_{i in sleeve} w_i R_i``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from thesis.facts import Fact, Source
from thesis.portfolio.spec import Scenario

__all__ = ["COVER_DAYS", "StressResult", "stress_test", "window_return"]

COVER_DAYS = 7


def window_return(prices: pd.Series, start: dt.date, end: dt.date) -> float | None:
    """Return over ``[start, end]`` (decimal), or None when the series does not cover both ends."""
    s = prices.dropna()
    a = s.loc[: pd.Timestamp(start)]
    b = s.loc[: pd.Timestamp(end)]
    if a.empty or b.empty:
        return None
    tol = pd.Timedelta(days=COVER_DAYS)
    if pd.Timestamp(start) - a.index[-1] > tol or pd.Timestamp(end) - b.index[-1] > tol:
        return None
    return float(b.iloc[-1] / a.iloc[-1] - 1.0)


@dataclass(frozen=True)
class StressResult:
    """Losses by scenario and sleeve.

    Attributes
    ----------
    table
        One row per scenario: ``kind``, ``start``, ``end``, ``description``, ``loss`` (decimal,
        positive = loss), ``covered`` (share of the weight with data or a proxy), ``gaps`` (text),
        ``proxied`` (text).
    by_sleeve
        Scenario × sleeve loss contributions (decimal, positive = loss).
    instrument_returns
        Scenario × instrument returns used (decimal, after scale; NaN = gap).
    weights
        The weights replayed (fractions, by instrument).
    as_of
        The analysis date.
    """

    table: pd.DataFrame
    by_sleeve: pd.DataFrame
    instrument_returns: pd.DataFrame
    weights: pd.Series
    as_of: dt.date
    sources: tuple[Source, ...] = ()
    skipped: tuple[str, ...] = ()

    def to_frame(self) -> pd.DataFrame:
        return pd.concat([self.table, self.by_sleeve.add_prefix("loss.")], axis=1)

    def summary(self) -> str:
        sl = list(self.by_sleeve.columns)
        lines = [
            "### Stress tests (today's weights)",
            "",
            "| scenario | window | loss | " + " | ".join(sl) + " | gaps |",
            "|---|---|---|" + "---|" * len(sl) + "---|",
        ]
        for name, r in self.table.iterrows():
            cells = " | ".join(f"{self.by_sleeve.loc[name, s] * 100:.1f} %" for s in sl)
            gap = r["gaps"] or "–"
            lines.append(
                f"| {name} | {r['start']}..{r['end']} | {r['loss'] * 100:.1f} % | {cells} | {gap} |"
            )
        if self.skipped:
            lines += ["", *[f"- {s}" for s in self.skipped]]
        return "\n".join(lines)

    def facts(self) -> list[Fact]:
        """``stress.{scenario}.loss_pct`` and ``stress.{scenario}.{sleeve}.loss_pct``."""
        out = []
        as_of = self.as_of.isoformat()
        for name, r in self.table.iterrows():
            if r["covered"] <= 0:
                continue
            how = (
                f"{'shock sized on' if r['kind'] == 'shock' else 'replay of'} {r['start']}..{r['end']} "
                f"({r['description']}); today's weights × each instrument's return over the window"
                + (f"; gaps: {r['gaps']}" if r["gaps"] else "")
                + (f"; proxies: {r['proxied']}" if r["proxied"] else "")
            )
            out.append(
                Fact(
                    f"stress.{name}.loss_pct",
                    float(r["loss"]) * 100,
                    "pct",
                    as_of,
                    how,
                    lineage=self.sources,
                    label=f"portfolio loss in the {name.replace('_', ' ')} scenario",
                    decimals=1,
                )
            )
            for s in self.by_sleeve.columns:
                out.append(
                    Fact(
                        f"stress.{name}.{s}.loss_pct",
                        float(self.by_sleeve.loc[name, s]) * 100,
                        "pct",
                        as_of,
                        how,
                        lineage=self.sources,
                        label=f"{s.replace('_', ' ')} sleeve's share of the loss in the {name.replace('_', ' ')} scenario",
                        decimals=1,
                    )
                )
        return out


def stress_test(
    weights: pd.Series,
    sleeve_of: dict[str, str],
    prices: pd.DataFrame,
    scenarios: list[Scenario],
    as_of: dt.date,
    proxies: dict[str, str] | None = None,
) -> StressResult:
    """Replay ``weights`` through each scenario.

    Parameters
    ----------
    weights
        Instrument → weight (fractions of the portfolio; cash is the rest).
    sleeve_of
        Instrument → sleeve name.
    prices
        Full price history, dates × series (instruments and proxies), as known at ``as_of``.
    scenarios
        The windows (see :class:`~thesis.portfolio.spec.Scenario`).
    proxies
        Instrument → proxy series id used where the instrument is not covered.
    """
    proxies = proxies or {}
    sleeves = list(dict.fromkeys(sleeve_of[i] for i in weights.index))
    rows, by_sleeve, rets, skipped = {}, {}, {}, []
    for sc in scenarios:
        if pd.Timestamp(sc.end) > pd.Timestamp(as_of):
            skipped.append(f"{sc.name}: window ends {sc.end}, after as_of {as_of}; skipped")
            continue
        r_inst: dict[str, float] = {}
        gaps, proxied = [], []
        for inst in weights.index:
            r = window_return(prices[inst], sc.start, sc.end) if inst in prices else None
            if r is None and inst in proxies and proxies[inst] in prices:
                r = window_return(prices[proxies[inst]], sc.start, sc.end)
                if r is not None:
                    proxied.append(f"{inst}→{proxies[inst]}")
            if r is None:
                if weights[inst] > 0:
                    gaps.append(inst)
                r_inst[inst] = np.nan
            else:
                r_inst[inst] = r * sc.scale
        rv = pd.Series(r_inst)
        contrib = (weights * rv).fillna(0.0)
        covered = float(weights[rv.notna()].sum() / weights.sum()) if weights.sum() > 0 else 0.0
        rows[sc.name] = {
            "kind": sc.kind,
            "start": sc.start.isoformat(),
            "end": sc.end.isoformat(),
            "description": sc.description,
            "loss": -float(contrib.sum()),
            "covered": covered,
            "gaps": ", ".join(gaps),
            "proxied": ", ".join(proxied),
        }
        by_sleeve[sc.name] = {
            s: -float(contrib[[i for i in weights.index if sleeve_of[i] == s]].sum())
            for s in sleeves
        }
        rets[sc.name] = rv
    table = pd.DataFrame.from_dict(rows, orient="index")
    if table.empty:
        table = pd.DataFrame(
            columns=["kind", "start", "end", "description", "loss", "covered", "gaps", "proxied"]
        )
    return StressResult(
        table=table,
        by_sleeve=pd.DataFrame.from_dict(by_sleeve, orient="index", columns=sleeves),
        instrument_returns=pd.DataFrame(rets).T,
        weights=weights,
        as_of=as_of,
        sources=tuple(prices.attrs.get("sources", ())),
        skipped=tuple(skipped),
    )
