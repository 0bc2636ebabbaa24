"""A standalone HTML tearsheet (inline CSS, charts as embedded PNG) and its parts for the article.

Charts: equity vs benchmarks, drawdowns, rolling volatility (63 sessions) and Sharpe (252),
weights by sleeve over time; tables: performance, monthly returns (cells coloured on a diverging
scale, the values as text) and stress.

Each chart is drawn once, with fixed margins per chart (as :mod:`thesis.writing.charts` does):
``bbox_inches="tight"`` would draw every figure twice, once to measure it and once to save it.
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
table.monthly td{font-size:.85em;padding:.15em .4em}
"""


@dataclass(frozen=True)
class Tearsheet:
    """The tearsheet: HTML text plus the figures (PNG bytes) and the data behind them.

    ``figures`` maps a chart name (``equity``, ``drawdown``, ``rolling``, ``weights``) to PNG
    bytes; ``data`` maps the same names, and ``monthly`` (the monthly returns in %, years by
    months, shown as a coloured table), to the frames shown.
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


#: margins of each chart (fractions of the figure: left, right, bottom, top), fixed so that each
#: is drawn once; tests check that every label lies inside the figure
_MARGINS = {
    "equity": (0.07, 0.98, 0.2, 0.91),
    "drawdown": (0.07, 0.98, 0.25, 0.89),
    "rolling": (0.07, 0.98, 0.16, 0.93),
    "weights": (0.07, 0.98, 0.11, 0.9),
}
_DPI = 110


def _png(fig: Any) -> bytes:
    """The figure drawn once at ``_DPI`` on its Agg canvas, as PNG bytes.

    The same pixels as ``fig.savefig(format="png", dpi=_DPI)``, encoded by Pillow ourselves: an
    opaque image is written as RGB rather than RGBA and with zlib level 3 rather than 6, which
    decodes to the same pixels in a smaller file, encoded faster (the outlook's charts do the
    same, see ``thesis.writing.charts._png`` and bench/bench_charts.py).
    """
    from PIL import Image

    fig.dpi = _DPI  # what savefig(dpi=_DPI) sets for its one draw
    fig.canvas.draw()
    rgba = np.asarray(fig.canvas.buffer_rgba())
    im = Image.fromarray(rgba, "RGBA")
    if bool((rgba[..., 3] == 255).all()):
        im = im.convert("RGB")
    buf = io.BytesIO()
    im.save(buf, format="png", dpi=(_DPI, _DPI), compress_level=3)
    return buf.getvalue()


def _figure(figsize: tuple[float, float], rows: int = 1) -> tuple[Any, Any]:
    """A figure on the Agg canvas, without pyplot's global figure manager (nothing to close)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize)
    FigureCanvasAgg(fig)
    return fig, fig.subplots(rows, 1, sharex=rows > 1)


def _figures(run: PortfolioRun) -> tuple[dict[str, Any], dict[str, pd.DataFrame]]:
    """The tearsheet's matplotlib figures (margins set, not drawn) and the frames behind them."""
    series = {
        "portfolio": run.portfolio,
        **{f"benchmark {k}": v for k, v in run.benchmarks.items()},
    }
    data: dict[str, pd.DataFrame] = {}
    figs: dict[str, Any] = {}

    eq = pd.DataFrame({k: v.equity / v.attrs.get("initial", 1.0) for k, v in series.items()})
    data["equity"] = eq
    fig, ax = _figure((9, 3.6))
    eq.plot(ax=ax, logy=True, lw=1.2)
    # plain numbers on the log axis ("4", not "4 × 10⁰")
    from matplotlib.ticker import FuncFormatter, LogLocator

    plain = FuncFormatter(lambda y, _pos: f"{y:g}")
    ax.yaxis.set_minor_locator(LogLocator(subs=(2.0, 5.0)))
    ax.yaxis.set_major_formatter(plain)
    ax.yaxis.set_minor_formatter(plain)
    ax.set_title("Growth of 1 (log scale)")
    ax.grid(alpha=0.3)
    figs["equity"] = fig

    dd = pd.DataFrame({k: drawdown(v.returns) for k, v in series.items()}) * 100
    data["drawdown"] = dd
    fig, ax = _figure((9, 2.8))
    dd.plot(ax=ax, lw=1)
    ax.set_title("Drawdown from the running high (%)")
    ax.grid(alpha=0.3)
    figs["drawdown"] = fig

    r = run.portfolio.returns
    roll = pd.DataFrame(
        {"vol_63d_pct": rolling_volatility(r, 63) * 100, "sharpe_252d": rolling_sharpe(r, 252)}
    )
    data["rolling"] = roll
    fig, (a1, a2) = _figure((9, 4.4), rows=2)
    roll["vol_63d_pct"].plot(ax=a1, lw=1, color="tab:red")
    a1.set_title("Rolling volatility, 63 sessions (% a year)")
    roll["sharpe_252d"].plot(ax=a2, lw=1, color="tab:green")
    a2.set_title("Rolling Sharpe ratio, 252 sessions")
    for a in (a1, a2):
        a.grid(alpha=0.3)
    figs["rolling"] = fig

    sl = run.sleeve_of()
    w = run.portfolio.weights
    ws = w.T.groupby(w.columns.map(sl)).sum().T[list(run.spec.sleeves)] * 100
    data["weights"] = ws
    fig, ax = _figure((9, 3))
    ax.stackplot(ws.index, ws.to_numpy().T, labels=ws.columns)
    ax.set_ylim(0, 100)
    ax.set_title("Weights by sleeve (% of the portfolio; the rest is cash)")
    ax.legend(loc="upper left", fontsize=8)
    figs["weights"] = fig
    for name, (left, right, bottom, top) in _MARGINS.items():
        figs[name].subplots_adjust(left=left, right=right, bottom=bottom, top=top)

    m = monthly_returns(r) * 100
    month_ends = date_index(m, "monthly returns")
    data["monthly"] = pd.DataFrame(
        {"year": month_ends.year, "month": month_ends.month, "r": m.to_numpy()}
    ).pivot(index="year", columns="month", values="r")
    return figs, data


def _monthly_table(heat: pd.DataFrame) -> str:
    """Monthly returns (%) as an HTML table: the values as text, each cell coloured on the
    diverging red-yellow-green scale symmetric around zero (±the largest move)."""
    from matplotlib import colormaps
    from matplotlib.colors import Normalize, to_hex

    v = heat.to_numpy(dtype=float)
    finite = np.isfinite(v)
    lim = float(np.abs(v[finite]).max()) if finite.any() else 1.0
    lim = lim or 1.0
    rgba = colormaps["RdYlGn"](Normalize(-lim, lim)(v))
    # dark text on the light middle of the scale, white on its dark ends (relative luminance)
    lum = rgba[..., :3] @ np.array([0.2126, 0.7152, 0.0722])
    head = "<tr><th>year</th>" + "".join(f"<th>{int(c)}</th>" for c in heat.columns) + "</tr>"
    rows = []
    for i, year in enumerate(heat.index):
        cells = []
        for j in range(v.shape[1]):
            if not finite[i, j]:
                cells.append("<td></td>")
                continue
            ink = "#fff" if lum[i, j] < 0.45 else "#222"
            cells.append(
                f"<td style='background:{to_hex(rgba[i, j])};color:{ink}'>{v[i, j]:.1f}</td>"
            )
        rows.append(f"<tr><td>{int(year)}</td>{''.join(cells)}</tr>")
    return f"<table class='monthly'>{head}{''.join(rows)}</table>"


def build_tearsheet(
    run: PortfolioRun, stress: StressResult | None = None, title: str = "Portfolio tearsheet"
) -> Tearsheet:
    """Build the tearsheet of a :class:`~thesis.portfolio.backtest.PortfolioRun` (and stress result)."""
    fig_objs, data = _figures(run)
    figs = {name: _png(fig) for name, fig in fig_objs.items()}

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
    ):
        b64 = base64.b64encode(figs[name]).decode()
        body.append(f'<h2>{caption}</h2><img alt="{caption}" src="data:image/png;base64,{b64}">')
    body += ["<h2>Monthly returns (%)</h2>", _monthly_table(data["monthly"])]
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
