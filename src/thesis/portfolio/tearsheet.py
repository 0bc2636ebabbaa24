"""A standalone HTML tearsheet (inline CSS, charts as embedded PNG) and its parts for the article.

Charts: equity vs benchmarks, drawdowns, rolling volatility (63 sessions) and Sharpe (252),
weights by sleeve over time, monthly returns heat map; tables: performance and stress.
"""

from __future__ import annotations

import base64
import html
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from thesis.analysis._common import date_index
from thesis.portfolio.metrics import drawdown, monthly_returns, rolling_sharpe, rolling_volatility

if TYPE_CHECKING:
    from thesis.portfolio.backtest import PortfolioRun
    from thesis.portfolio.stress import StressResult

__all__ = ["Tearsheet", "build_tearsheet"]

_CSS = """
body{font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;max-width:1000px;margin:2em auto;color:#222}
h1{font-size:1.6em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;font-size:.9em;margin:.5em 0}td,th{padding:.25em .6em;border-bottom:1px solid #eee;text-align:right}
th:first-child,td:first-child{text-align:left}img{max-width:100%}.note{color:#666;font-size:.85em}
"""


@dataclass(frozen=True)
class Tearsheet:
    """The tearsheet: HTML text plus the figures (PNG bytes) and the data behind them.

    ``figures`` maps a chart name (``equity``, ``drawdown``, ``rolling``, ``weights``, ``monthly``)
    to PNG bytes; ``data`` maps the same names to the frames plotted.
    """

    html: str
    figures: dict[str, bytes] = field(default_factory=dict)
    data: dict[str, pd.DataFrame] = field(default_factory=dict)

    def write(self, out_dir: str | Path) -> Path:
        """Write ``tearsheet.html`` and the PNGs into ``out_dir``; return the HTML path."""
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        for name, png in self.figures.items():
            (out / f"{name}.png").write_bytes(png)
        p = out / "tearsheet.html"
        p.write_text(self.html, encoding="utf-8")
        return p


def _png(fig: Any) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(fig)
    return buf.getvalue()


def build_tearsheet(
    run: PortfolioRun, stress: StressResult | None = None, title: str = "Portfolio tearsheet"
) -> Tearsheet:
    """Build the tearsheet of a :class:`~thesis.portfolio.backtest.PortfolioRun` (and stress result)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    series = {
        "portfolio": run.portfolio,
        **{f"benchmark {k}": v for k, v in run.benchmarks.items()},
    }
    data: dict[str, pd.DataFrame] = {}
    figs: dict[str, bytes] = {}

    eq = pd.DataFrame({k: v.equity / v.attrs.get("initial", 1.0) for k, v in series.items()})
    data["equity"] = eq
    fig, ax = plt.subplots(figsize=(9, 3.6))
    eq.plot(ax=ax, logy=True, lw=1.2)
    # plain numbers on the log axis ("4", not "4 × 10⁰")
    from matplotlib.ticker import FuncFormatter, LogLocator

    plain = FuncFormatter(lambda y, _pos: f"{y:g}")
    ax.yaxis.set_minor_locator(LogLocator(subs=(2.0, 5.0)))
    ax.yaxis.set_major_formatter(plain)
    ax.yaxis.set_minor_formatter(plain)
    ax.set_title("Growth of 1 (log scale)")
    ax.grid(alpha=0.3)
    figs["equity"] = _png(fig)

    dd = pd.DataFrame({k: drawdown(v.returns) for k, v in series.items()}) * 100
    data["drawdown"] = dd
    fig, ax = plt.subplots(figsize=(9, 2.8))
    dd.plot(ax=ax, lw=1)
    ax.set_title("Drawdown from the running high (%)")
    ax.grid(alpha=0.3)
    figs["drawdown"] = _png(fig)

    r = run.portfolio.returns
    roll = pd.DataFrame(
        {"vol_63d_pct": rolling_volatility(r, 63) * 100, "sharpe_252d": rolling_sharpe(r, 252)}
    )
    data["rolling"] = roll
    fig, (a1, a2) = plt.subplots(2, 1, figsize=(9, 4.4), sharex=True)
    roll["vol_63d_pct"].plot(ax=a1, lw=1, color="tab:red")
    a1.set_title("Rolling volatility, 63 sessions (% a year)")
    roll["sharpe_252d"].plot(ax=a2, lw=1, color="tab:green")
    a2.set_title("Rolling Sharpe ratio, 252 sessions")
    for a in (a1, a2):
        a.grid(alpha=0.3)
    figs["rolling"] = _png(fig)

    sl = run.sleeve_of()
    w = run.portfolio.weights
    ws = w.T.groupby(w.columns.map(sl)).sum().T[list(run.spec.sleeves)] * 100
    data["weights"] = ws
    fig, ax = plt.subplots(figsize=(9, 3))
    ax.stackplot(ws.index, ws.to_numpy().T, labels=ws.columns)
    ax.set_ylim(0, 100)
    ax.set_title("Weights by sleeve (% of the portfolio; the rest is cash)")
    ax.legend(loc="upper left", fontsize=8)
    figs["weights"] = _png(fig)

    m = monthly_returns(r) * 100
    month_ends = date_index(m, "monthly returns")
    heat = pd.DataFrame(
        {"year": month_ends.year, "month": month_ends.month, "r": m.to_numpy()}
    ).pivot(index="year", columns="month", values="r")
    data["monthly"] = heat
    fig, ax = plt.subplots(figsize=(9, 0.3 * len(heat) + 1.2))
    lim = float(np.nanmax(np.abs(heat.to_numpy()))) if heat.size else 1.0
    im = ax.imshow(heat.to_numpy(), cmap="RdYlGn", vmin=-lim, vmax=lim, aspect="auto")
    ax.set_yticks(range(len(heat)), [str(y) for y in heat.index])
    ax.set_xticks(range(len(heat.columns)), [str(c) for c in heat.columns])
    for (i, j), v in np.ndenumerate(heat.to_numpy()):
        if np.isfinite(v):
            ax.text(j, i, f"{v:.1f}", ha="center", va="center", fontsize=6)
    ax.set_title("Monthly returns (%)")
    fig.colorbar(im, ax=ax, fraction=0.02)
    figs["monthly"] = _png(fig)

    perf = run.performance()
    body = [
        f"<h1>{html.escape(title)}</h1>",
        f"<p>{run.portfolio.start.date()} to {run.portfolio.end.date()} · costs {run.portfolio.costs_bp:g} bp "
        f"on traded value · as of {run.as_of}</p>",
        "<h2>Performance</h2>",
        _perf_table(perf),
    ]
    for name, caption in (
        ("equity", "Equity vs benchmarks"),
        ("drawdown", "Drawdowns"),
        ("rolling", "Rolling volatility and Sharpe"),
        ("weights", "Weights over time"),
        ("monthly", "Monthly returns"),
    ):
        b64 = base64.b64encode(figs[name]).decode()
        body.append(f'<h2>{caption}</h2><img alt="{caption}" src="data:image/png;base64,{b64}">')
    if stress is not None:
        data["stress"] = stress.to_frame()
        body += [
            "<h2>Stress tests (today's weights; loss in %, positive = loss)</h2>",
            _stress_table(stress),
        ]
    if run.portfolio.notes:
        body.append(
            "<h2>Notes</h2><ul class='note'>"
            + "".join(f"<li>{html.escape(n)}</li>" for n in run.portfolio.notes)
            + "</ul>"
        )
    page = (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
        f"<style>{_CSS}</style></head><body>{''.join(body)}</body></html>"
    )
    return Tearsheet(html=page, figures=figs, data=data)


_ROWS = (
    ("cagr", "CAGR", True),
    ("vol_ann", "Volatility", True),
    ("sharpe", "Sharpe", False),
    ("sortino", "Sortino", False),
    ("max_drawdown", "Max drawdown", True),
    ("calmar", "Calmar", False),
    ("beta", "Beta vs S&P 500", False),
    ("tracking_error", "Tracking error", True),
    ("hit_rate", "Hit rate (days up)", True),
    ("worst_month", "Worst month", True),
    ("turnover_ann", "Turnover (one-way, a year)", True),
    ("costs", "Costs (sum)", True),
)


def _perf_table(perf: pd.DataFrame) -> str:
    head = "<tr><th></th>" + "".join(f"<th>{html.escape(c)}</th>" for c in perf.columns) + "</tr>"
    rows = []
    for key, label, pct in _ROWS:
        cells = []
        for c in perf.columns:
            x = perf[c].loc[key]
            v = float(x) if x is not None else float("nan")
            cells.append(
                "n/a" if not np.isfinite(v) else (f"{v * 100:.2f} %" if pct else f"{v:.2f}")
            )
        rows.append(f"<tr><td>{label}</td>" + "".join(f"<td>{x}</td>" for x in cells) + "</tr>")
    return f"<table>{head}{''.join(rows)}</table>"


def _stress_table(stress: StressResult) -> str:
    sl = list(stress.by_sleeve.columns)
    head = (
        "<tr><th>scenario</th><th>window</th><th>covered</th><th>loss</th>"
        + "".join(f"<th>{html.escape(s)}</th>" for s in sl)
        + "<th>gaps</th></tr>"
    )

    def pct(x: float) -> str:
        return "n/a" if x != x else f"{x * 100:.1f}"  # NaN: a sleeve with no data in the window

    rows = []
    for key, r in stress.table.iterrows():
        name = str(key)  # scenario names index the table
        cells = "".join(f"<td>{pct(stress.by_sleeve[s].loc[name])}</td>" for s in sl)
        label = html.escape(str(r.get("label") or name))
        partial = " *" if r.get("partial") else ""
        rows.append(
            f"<tr><td title='{html.escape(r['description'])}'>{label}</td>"
            f"<td>{r['start']}..{r['end']}</td><td>{pct(r['covered'])}{partial}</td>"
            f"<td>{pct(r['loss'])}</td>{cells}<td>{html.escape(r['gaps'] or '–')}</td></tr>"
        )
    foot = ""
    if "partial" in stress.table and bool(stress.table["partial"].any()):
        foot = "<p class='note'>* partial: the loss is that of the covered weight only.</p>"
    return f"<table>{head}{''.join(rows)}</table>{foot}"
