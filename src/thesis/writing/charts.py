"""Charts for the outlook article (matplotlib, Agg backend, PNG bytes).

Each builder takes an :class:`~thesis.outlook.Outlook` and returns a :class:`Chart`, or ``None``
when its inputs are missing, so the article degrades section by section. Numbers drawn as text on a
chart (threshold labels, probabilities on bars) go through :mod:`thesis.writing.format`, like the
prose. Every chart has labelled axes with units and a source line under it naming the series, the
provider and the data window, taken from the facts' lineage.

matplotlib is imported inside the functions so that ``import thesis.writing.charts`` stays cheap.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

    from thesis.facts import Fact
    from thesis.outlook import Outlook

from thesis import ids
from thesis.errors import WritingError
from thesis.facts import level_key

__all__ = [
    "CHART_BUILDERS",
    "Chart",
    "build_charts",
    "display_decimals",
    "level_key",
    "numeric_value",
]

# a quiet palette that survives greyscale printing: methods get distinct lightness as well as hue
_METHOD_COLOURS = {
    "gbm": "#4C72B0",
    "bootstrap": "#DD8452",
    "garch": "#55A868",
    "baseline": "#8172B3",
    "normal": "#4C72B0",
    "implied": "#937860",
    "baserate": "#222222",
    "conditional": "#DA8BC3",
}
_FALLBACK_COLOURS = ("#4C72B0", "#DD8452", "#55A868", "#8172B3", "#937860", "#DA8BC3")
_METHOD_NAMES = {
    "gbm": "GBM",
    "normal": "Normal",
    "bootstrap": "Bootstrap",
    "garch": "GARCH",
    "baseline": "Baseline",
    "implied": "VIX-implied",
    "baserate": "Base rate",
    "conditional": "Conditioned base rate",
}
_THRESHOLD_COLOUR = "#7F7F7F"
_TARGET_COLOUR = "#C44E52"
_DPI = 150


@dataclass(frozen=True, slots=True)
class Chart:
    """One rendered chart.

    Attributes
    ----------
    name
        Stable key (``index``, ``probabilities``, ``valuation``, ``fed_cycles``, ``volatility``,
        ``equity``, ``stress``); also the PNG's file stem.
    title
        Caption shown above the chart (plain words, no numbers).
    alt
        Alternative text for screen readers and the Markdown image.
    source
        The source line printed under the chart (also drawn into the image).
    png
        PNG bytes.
    fact_ids
        Facts whose values are drawn as text on the chart.
    """

    name: str
    title: str
    alt: str
    source: str
    png: bytes
    fact_ids: tuple[str, ...] = ()

    def data_uri(self) -> str:
        """The PNG as a ``data:image/png;base64,...`` URI for a standalone HTML page."""
        import base64

        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")


def method_name(method: str) -> str:
    """Display name of a probability method (``gbm`` → ``GBM``)."""
    return _METHOD_NAMES.get(method, method.replace("_", " ").title())


def _colour(method: str, i: int) -> str:
    return _METHOD_COLOURS.get(method, _FALLBACK_COLOURS[i % len(_FALLBACK_COLOURS)])


# --------------------------------------------------------------------------- helpers


def _figure(figsize: tuple[float, float]) -> tuple[Any, Any]:
    """A figure and its axes on the Agg canvas, without pyplot's global figure manager.

    The object-oriented API keeps rendering independent of any interactive backend a user may
    have configured, and skips pyplot's bookkeeping (a measurable share of a small chart's cost).
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    # drawn at the resolution of the PNG: the canvas is rendered once, as savefig(dpi=_DPI) would
    fig = Figure(figsize=figsize, dpi=_DPI)
    FigureCanvasAgg(fig)
    return fig, fig.subplots()


def _style(ax: Any) -> None:
    ax.spines["top"].set_visible(False)
    ax.spines["right"].set_visible(False)
    ax.grid(axis="y", color="#E5E5E5", linewidth=0.8)
    ax.set_axisbelow(True)
    ax.tick_params(labelsize=8)


def _finish(
    fig: Figure,
    source: str,
    *,
    left: float = 0.1,
    right: float = 0.97,
    bottom: float = 0.2,
    top: float = 0.9,
) -> bytes:
    """Draw the source line under the axes and return the PNG bytes.

    Margins are fixed per chart (fractions of the figure) rather than found by ``tight_layout``,
    which would draw every figure twice.
    """
    # wrap by characters ourselves: matplotlib's wrap=True re-lays the text out word by word,
    # which made the source line the most expensive text on every chart
    width = max(60, int(fig.get_figwidth() * 19))  # about 19 characters an inch at 6.5 pt
    text = textwrap.fill(source, width=width, break_on_hyphens=False)
    fig.text(0.01, 0.01, text, fontsize=6.5, color="#555555", ha="left", va="bottom")
    fig.subplots_adjust(left=left, right=right, bottom=bottom, top=top)
    for ax in fig.axes:
        _pin_title(ax)
    return _png(fig)


def _pin_title(ax: Any) -> None:
    """Fix the title at the top of the axes where matplotlib's automatic placement would put it.

    Before every draw matplotlib looks for what could collide with the title (tick labels or an
    axis label on top, the y axis's offset text such as ``1e6``) by laying out every y tick label,
    about a tenth of a chart's cost. Our charts put ticks and labels at the bottom, so only an
    offset text can move the title: when the y formatter has none, the title stays at y = 1 and
    is pinned there, which skips the search and draws the same pixels.
    """
    if ax.xaxis.get_ticks_position() != "bottom" or ax.xaxis.get_label_position() != "bottom":
        return
    if not ax.get_title():
        return
    fmt = ax.yaxis.get_major_formatter()
    # the formatter's offset is a function of the tick locations, set again when drawn
    fmt.set_locs(ax.yaxis.get_majorticklocs())
    if fmt.get_offset():
        return
    ax.set_title(ax.get_title(), fontsize=ax.title.get_fontsize(), y=1.0)


def _png(fig: Figure) -> bytes:
    """The figure drawn once on its Agg canvas, as PNG bytes.

    The same pixels as ``fig.savefig(format="png", dpi=_DPI)`` (the figure is made at ``_DPI``),
    encoded by Pillow ourselves: an opaque image (every chart: white figure background) is
    written as RGB, not RGBA, and with zlib level 3 instead of 6. Decoded, the pixels are the
    same; the file is about 9% smaller and the encoding a third faster (bench/bench_charts.py).
    The resolution (pHYs) is recorded as savefig does; no text chunks.
    """
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    canvas = fig.canvas
    assert isinstance(canvas, FigureCanvasAgg)  # set by _figure
    canvas.draw()
    rgba = np.asarray(canvas.buffer_rgba())
    im = Image.fromarray(rgba, "RGBA")
    if bool((rgba[..., 3] == 255).all()):
        im = im.convert("RGB")
    buf = io.BytesIO()
    im.save(buf, format="png", dpi=(_DPI, _DPI), compress_level=3)
    return buf.getvalue()


def _source_line(outlook: Outlook, fact_ids: Iterable[str], extra: str = "") -> str:
    """ "Source: sp500 (fred), 2016-02-12 to 2025-11-26; ..." from the facts' lineage."""
    seen: dict[tuple[str, str], tuple[str | None, str | None]] = {}
    for fid in fact_ids:
        fact = outlook.facts.get(fid)
        if fact is None:
            continue
        for s in fact.lineage:
            key = (s.series, s.provider)
            start, end = seen.get(key, (s.start, s.end))
            starts = [x for x in (start, s.start) if x]
            ends = [x for x in (end, s.end) if x]
            seen[key] = (min(starts) if starts else None, max(ends) if ends else None)
    parts = []
    for (series, provider), (start, end) in seen.items():
        window = f", {start} to {end}" if start and end else ""
        parts.append(f"{series} ({provider}{window})")
    text = "Source: " + ("; ".join(parts) if parts else "thesis run")
    if extra:
        text += f". {extra}"
    return text + f". As of {outlook.as_of}."


# precise closes keep their cents; model outputs and levels named in a thesis read as whole points
_PRECISE_POINTS = (".level", ".high", ".level_at_horizon", ".distance_points")
# rates and distances a reader compares to the basis point keep two decimals
_PRECISE_PCT = (".distance_pct.", "policy_rate", "real_yield_pct", ".ytd_pct", ".change_12m_pct")


def numeric_value(fact: Fact) -> float:
    """The value of a fact the caller knows to be a number (``fact.is_numeric``), as a float.

    Raises
    ------
    WritingError
        When the value is not a number (a label, a date, a yes/no or nothing), naming the fact.
    """
    v = fact.number
    if v is None:
        raise WritingError(
            f"fact {fact.id!r} has the non-numeric value {fact.value!r} where a number is needed",
            where=fact.id,
            fix="give the fact a numeric value (float or int) or leave it out of numeric text",
        )
    return v


def display_decimals(fact: Fact) -> int | None:
    """The writer's precision for a fact, when the fact does not state one.

    Probabilities print as whole percents. Otherwise ``fact.decimals`` wins; failing that, integer
    values print without decimals (a threshold of
    6,900, a weight of 60%), points keep cents only for closes, and percents keep one decimal
    except for distances, drawdowns and rates.
    """
    if fact.unit == "probability" and fact.is_numeric:
        # simulated and historical shares are not known to a tenth of a percent: whole percents
        return 0
    v = fact.number  # None unless fact.is_numeric
    if fact.decimals is not None or v is None:
        return fact.decimals
    if fact.unit in ("points", "pct", "usd") and v.is_integer():
        return 0
    if fact.unit == "points" and not fact.id.endswith(_PRECISE_POINTS):
        return 0
    if fact.unit == "pct" and not (
        fact.id.endswith(".drawdown_pct") or any(k in fact.id for k in _PRECISE_PCT)
    ):
        return 1
    return None


def _fmt(fact: Fact, **kw: Any) -> str:
    from thesis.writing.format import fmt

    kw.setdefault("decimals", display_decimals(fact))
    return fmt(fact, **kw)


def _levels(outlook: Outlook) -> list[tuple[float, str, Fact | None]]:
    """Every level the thesis names as (level, role, fact), sorted by level."""
    s = outlook.subject
    return [
        (v.level, v.role, outlook.facts.get(ids.thesis_level(s, v.role, v.level)))
        for v in outlook.level_views()
    ]


#: axis label of a level by its fact unit, and how its ticks read
_LEVEL_AXIS = {
    "points": "Index level (points)",
    "usd": "Price (USD)",
    "pct": "Yield (%)",
    "pp": "Spread (percentage points)",
    "ratio": "Ratio",
}


def _level_axis(outlook: Outlook) -> str:
    prof = outlook.series
    label = _LEVEL_AXIS.get(prof.level_unit, "Level")
    if prof.level_unit == "pct" and prof.noun == "rate":
        label = "Rate (%)"
    return label


def _level_ticks(outlook: Outlook) -> Any:
    from matplotlib.ticker import FuncFormatter

    # axis ticks are matplotlib's own scale, not facts; only the grouping and unit are ours
    unit = outlook.series.level_unit
    if unit == "pct":
        return FuncFormatter(lambda v, _pos: f"{v:.2f}%")
    if unit in ("pp", "ratio"):
        return FuncFormatter(lambda v, _pos: f"{v:.2f}")
    if unit == "usd":
        return FuncFormatter(lambda v, _pos: f"${v:,.0f}" if abs(v) >= 100 else f"${v:,.2f}")
    return _thousands()


# --------------------------------------------------------------------------- builders


def index_chart(outlook: Outlook) -> Chart | None:
    """The index's history with thresholds, targets and each method's fan to the horizon.

    Never draws anything dated after ``as_of``: the realised path belongs to
    :func:`scorecard_chart` only.
    """
    return _index_fan(outlook, None)


def scorecard_chart(outlook: Outlook) -> Chart | None:
    """The forecast chart again, with the path the index actually took after ``as_of`` on top.

    Drawn only when ``outlook.charts["actual_after"]`` (closes after the analysis date) exists;
    the article places it in the scorecard section, below the banner that marks later data.
    """
    import pandas as pd

    actual = outlook.charts.get("actual_after")
    if actual is None or len(actual) == 0:
        return None
    actual = pd.Series(actual).dropna()
    actual.index = pd.to_datetime(actual.index)
    actual = actual[actual.index > pd.Timestamp(outlook.as_of)]
    if actual.empty:
        return None
    return _index_fan(outlook, actual)


def _index_fan(outlook: Outlook, actual: Any) -> Chart | None:
    import pandas as pd

    hist = outlook.charts.get("index_history")
    if hist is None or len(hist) < 2:
        return None
    hist = pd.Series(hist).dropna()
    hist.index = pd.to_datetime(hist.index)
    # guard the forecast chart against later data slipping into the history frame
    hist = hist[hist.index <= pd.Timestamp(outlook.as_of)]
    if len(hist) < 2:
        return None
    # two years of history keep the fan readable next to it; one when the outcome is drawn too
    years = 2 if actual is None else 1
    hist = hist[hist.index >= hist.index[-1] - pd.DateOffset(years=years)]
    fans: dict[str, pd.DataFrame] = outlook.charts.get("fan") or {}

    fig, ax = _figure((7.2, 3.8))
    ax.plot(hist.index, hist.to_numpy(dtype=float), color="#222222", linewidth=1.1, label="Close")
    drawn: list[str] = []
    for i, (method, fan) in enumerate(fans.items()):
        if fan is None or len(fan) == 0:
            continue
        fan = fan.copy()
        fan.index = pd.to_datetime(fan.index)
        colour = _colour(method, i)
        # the widest band only for the first method: overlapping bands become unreadable
        if i == 0 and {"q05", "q95"} <= set(fan.columns):
            ax.fill_between(
                fan.index,
                fan["q05"],
                fan["q95"],
                color=colour,
                alpha=0.12,
                linewidth=0,
                label=f"{method_name(method)} 5–95th pct",
            )
        if {"q25", "q75"} <= set(fan.columns):
            ax.fill_between(
                fan.index,
                fan["q25"],
                fan["q75"],
                color=colour,
                alpha=0.25 if i == 0 else 0.12,
                linewidth=0,
                label=f"{method_name(method)} 25–75th pct",
            )
        if "q50" in fan.columns:
            ax.plot(
                fan.index,
                fan["q50"],
                color=colour,
                linewidth=1.0,
                linestyle="--",
                label=f"{method_name(method)} median",
            )
        drawn.append(method)
    if actual is not None:
        # the realised path: solid, dark red and thicker than the forecast's dashed medians,
        # joined to the last close before as_of so the eye follows it out of the history
        joined = pd.concat([hist.iloc[-1:], actual])
        ax.plot(
            joined.index,
            joined.to_numpy(dtype=float),
            color="#8B0000",
            linewidth=1.6,
            label="What happened (after the analysis date)",
            zorder=5,
        )
        ax.axvline(hist.index[-1], color="#555555", linewidth=0.8, linestyle="--")
        ax.text(
            hist.index[-1],
            ax.get_ylim()[0],
            " analysis date",
            fontsize=6.5,
            color="#555555",
            va="bottom",
            ha="left",
        )
    fact_ids: list[str] = []
    x_right = ax.get_xlim()[1]
    y_lo, y_hi = ax.get_ylim()
    gap = (y_hi - y_lo) * 0.045  # labels of close levels are pushed apart to stay readable
    last_y = -float("inf")
    for lv, kind, fact in _levels(outlook):
        colour = _TARGET_COLOUR if kind == "target" else _THRESHOLD_COLOUR
        ax.axhline(lv, color=colour, linewidth=0.9, linestyle=":" if kind == "threshold" else "-")
        if fact is not None:
            label = f"{kind} {_fmt(fact)}"
            fact_ids.append(fact.id)
        else:
            label = kind
        y = max(lv, last_y + gap)
        last_y = y
        ax.text(
            x_right,
            y,
            " " + label,
            color=colour,
            fontsize=7,
            va="center",
            ha="left",
            clip_on=False,
        )
    ax.set_ylabel(_level_axis(outlook), fontsize=8)
    ax.set_xlabel("Date", fontsize=8)
    if actual is None:
        title = f"{outlook.subject_name}: history and simulated range to the horizon"
    else:
        title = f"{outlook.subject_name}: the forecast against what happened"
    ax.set_title(title, fontsize=9)
    ax.legend(fontsize=6.5, loc="upper left", frameon=False, ncol=2)
    ax.yaxis.set_major_formatter(_level_ticks(outlook))
    _style(ax)
    used = [ids.level(outlook.subject), *fact_ids]
    extra = (
        "Fans: quantiles of simulated closes (" + ", ".join(method_name(m) for m in drawn) + ")"
        if drawn
        else ""
    )
    src = _source_line(outlook, used, extra)
    if actual is not None:
        src = src[: -len(f" As of {outlook.as_of}.")] + (
            f" Red line: closes after the analysis date ({outlook.as_of}), "
            f"{actual.index[0].date()} to {actual.index[-1].date()}."
        )
        return Chart(
            "scorecard",
            "The forecast against what happened after the analysis date",
            f"Line chart of the {outlook.subject_name} with the simulated range from the "
            "analysis date and, in red, the closes that followed",
            src,
            _finish(fig, src, right=0.86, bottom=0.17),
            tuple(fact_ids),
        )
    return Chart(
        "index",
        f"{outlook.subject_name[:1].upper()}{outlook.subject_name[1:]}, thresholds, targets "
        "and simulated range",
        f"Line chart of the {outlook.subject_name} with its thresholds, targets and fan "
        "of simulated closes",
        src,
        _finish(fig, src, right=0.86, bottom=0.17),
        tuple(fact_ids),
    )


def _thousands() -> Any:
    from matplotlib.ticker import FuncFormatter

    # axis ticks are matplotlib's own scale, not facts; only the grouping is ours
    return FuncFormatter(lambda v, _pos: f"{v:,.0f}")


def probability_chart(outlook: Outlook) -> Chart | None:
    """Probability of touching each level before the horizon, by method (grouped bars)."""
    import numpy as np

    s = outlook.subject
    levels = _levels(outlook)
    methods = [
        m
        for m in outlook.methods
        if any(ids.p_event(s, "touch", lv, m) in outlook.facts for lv, _, _ in levels)
    ]
    if not levels or not methods:
        return None
    fig, ax = _figure((7.2, 3.4))
    width = 0.8 / len(methods)
    x = np.arange(len(levels))
    used: list[str] = []
    for j, m in enumerate(methods):
        heights = []
        labels = []
        for lv, _, _ in levels:
            f = outlook.facts.get(ids.p_event(s, "touch", lv, m))
            heights.append(numeric_value(f) * 100 if f is not None else np.nan)
            labels.append(_fmt(f) if f is not None else "")
            if f is not None:
                used.append(f.id)
        pos = x - 0.4 + width * (j + 0.5)
        bars = ax.bar(pos, heights, width * 0.92, color=_colour(m, j), label=method_name(m))
        for bar, text in zip(bars, labels, strict=True):
            if text:
                ax.text(
                    bar.get_x() + bar.get_width() / 2,
                    bar.get_height() + 1.5,
                    text,
                    ha="center",
                    va="bottom",
                    fontsize=6.5,
                )
    names = []
    for _lv, kind, fact in levels:
        names.append(f"{_fmt(fact) if fact is not None else kind}\n({kind})")
    ax.set_xticks(x, names, fontsize=8)
    ax.set_ylim(0, 110)
    ax.set_ylabel("Probability of a close at or beyond it before the horizon (%)", fontsize=8)
    ax.set_xlabel(f"Level ({_level_axis(outlook).split(' (')[-1].rstrip(')')})", fontsize=8)
    ax.set_title("Chance of reaching each level, by method", fontsize=9)
    ax.legend(fontsize=7, frameon=False, loc="upper right")
    _style(ax)
    src = _source_line(outlook, used, "Monte Carlo path simulations")
    return Chart(
        "probabilities",
        "Probability of reaching each level, by method",
        "Bar chart of the probability of touching each level the thesis names, by method",
        src,
        _finish(fig, src, bottom=0.25),
        tuple(used),
    )


def valuation_chart(outlook: Outlook) -> Chart | None:
    """Bear, base and bull index ranges at the horizon with their P/E bands."""
    s = outlook.subject
    rb = lambda c, b: ids.range_bound(s, c, b)  # noqa: E731
    cases = [
        c
        for c in ("bear", "base", "bull")
        if rb(c, "low") in outlook.facts and rb(c, "high") in outlook.facts
    ]
    if not cases:
        return None
    fig, ax = _figure((7.2, 2.9))
    colours = {"bear": "#C44E52", "base": "#8C8C8C", "bull": "#55A868"}
    used: list[str] = []
    for i, c in enumerate(cases):
        lo, hi = outlook.facts[rb(c, "low")], outlook.facts[rb(c, "high")]
        used += [lo.id, hi.id]
        ax.barh(
            i,
            numeric_value(hi) - numeric_value(lo),
            left=numeric_value(lo),
            height=0.5,
            color=colours[c],
            alpha=0.75,
        )
        pel, peh = outlook.facts.get(rb(c, "pe_low")), outlook.facts.get(rb(c, "pe_high"))
        cond = ""
        if pel is not None and peh is not None:
            cond = f"P/E {_fmt(pel)}–{_fmt(peh)}"
            used += [pel.id, peh.id]
        ax.text(numeric_value(hi), i, f"  {_fmt(lo)}–{_fmt(hi)}  {cond}", va="center", fontsize=7)
    level = outlook.facts.get(ids.level(s))
    if level is not None:
        ax.axvline(numeric_value(level), color="#222222", linewidth=1.0)
        ax.text(
            numeric_value(level),
            len(cases) - 0.45,
            f"now {_fmt(level)}",
            fontsize=7,
            ha="center",
            va="bottom",
            zorder=5,
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1},
        )
        used.append(level.id)
    for lv, kind, _fact in _levels(outlook):
        colour = _TARGET_COLOUR if kind == "target" else _THRESHOLD_COLOUR
        ax.axvline(lv, color=colour, linewidth=0.9, linestyle=":")
    ax.set_yticks(range(len(cases)), [c.title() for c in cases], fontsize=8)
    ax.set_ylim(-0.6, len(cases) - 0.2)
    ax.set_xlabel("Index level at the horizon (points)", fontsize=8)
    ax.set_title(
        "Valuation ranges: the central case and the spread of past forecast errors", fontsize=9
    )
    ax.xaxis.set_major_formatter(_thousands())
    lo_x, hi_x = ax.get_xlim()
    ax.set_xlim(lo_x, hi_x + (hi_x - lo_x) * 0.35)  # room for the labels on the right
    _style(ax)
    ax.grid(axis="x", color="#E5E5E5", linewidth=0.8)
    ax.grid(axis="y", visible=False)
    src = _source_line(outlook, used, "Dotted lines: the levels the thesis names")
    return Chart(
        "valuation",
        "Valuation ranges with their P/E conditions",
        "Horizontal bars of the bear, base and bull index ranges",
        src,
        _finish(fig, src, left=0.08, bottom=0.22),
        tuple(used),
    )


def fed_cycles_chart(outlook: Outlook) -> Chart | None:
    """The subject's returns 3, 6 and 12 months after each Fed first cut, recessions marked."""
    import numpy as np
    import pandas as pd

    df = outlook.charts.get("fed_cycles")
    if df is None or len(df) == 0:
        return None
    S = outlook.subject
    kind: Literal["price", "yield"] = "yield" if outlook.series.space == "diff" else "price"
    unit = "pp" if kind == "yield" else "pct"
    names = {f"{ids.fed_measure(S, h, kind)}_{unit}": f"{h} months" for h in (3, 6, 12)}
    cols = [c for c in names if c in df.columns]
    if not cols or "first_cut" not in df.columns:
        return None
    df = df.sort_values("first_cut")
    fig, ax = _figure((7.2, 3.4))
    x = np.arange(len(df))
    width = 0.8 / len(cols)
    shades = dict(zip(names, ("#A6BDDB", "#3690C0", "#034E7B"), strict=True))
    for j, c in enumerate(cols):
        ax.bar(
            x - 0.4 + width * (j + 0.5),
            df[c].to_numpy(dtype=float),
            width * 0.92,
            color=shades[c],
            label=f"after {names[c]}",
        )
    labels = [pd.Timestamp(d).strftime("%b %Y") for d in df["first_cut"]]
    ax.set_xticks(x, labels, rotation=45, ha="right", fontsize=7)
    if "recession" in df.columns:
        for xi, rec in zip(x, df["recession"].astype(bool), strict=True):
            if rec:
                ax.axvspan(xi - 0.45, xi + 0.45, color="#F2D7D5", zorder=0)
    ax.axhline(0, color="#222222", linewidth=0.8)
    ax.set_ylabel(
        "Change (percentage points)" if kind == "yield" else "Price return (%)", fontsize=8
    )
    ax.set_xlabel("Month of the first cut (shaded: recession within 12 months)", fontsize=8)
    name = outlook.subject_name
    # "the ten-year Treasury yield", but "the S&P 500" and "NVIDIA" as they are written
    the = f"the {name}" if name[:1].islower() else name
    ax.set_title(f"What {the} did after the Fed's first cut", fontsize=9)
    ax.legend(fontsize=7, frameon=False)
    _style(ax)
    first = ids.fed_after_first_cut(ids.fed_measure(S, 12, kind), "median", "all")
    used = (
        [first]
        if first in outlook.facts
        else [f.id for f in outlook.facts.prefixed(ids.fed(""))][:1]
    )
    src = _source_line(outlook, used, f"{len(df)} easing cycles; NBER recession dates")
    what = "Changes" if kind == "yield" else "Returns"
    return Chart(
        "fed_cycles",
        f"{what} of {outlook.subject_name} after the Fed's first cut",
        f"Bar chart of the {what.lower()} of {outlook.subject_name} after each Fed first cut",
        src,
        _finish(fig, src, bottom=0.3),
    )


def reliability_chart(outlook: Outlook) -> Chart | None:
    """The reliability diagram of the walk-forward calibration: each method's forecast
    probabilities (binned) against how often the events then happened, all events pooled, at the
    scored horizon nearest the thesis's. A calibrated method lies on the diagonal."""
    import numpy as np

    df = outlook.charts.get("reliability")
    if df is None or len(df) == 0:
        return None
    horizons = sorted({int(h) for h in df["horizon"]})
    n_f = outlook.facts.get(ids.horizon(outlook.subject, "sessions"))
    target = n_f.number if n_f is not None and n_f.number is not None else horizons[-1]
    h = min(horizons, key=lambda x: (abs(x - target), -x))
    d = df[df["horizon"] == h]
    keep = [*outlook.methods, "implied", "baserate"]
    methods = [m for m in keep if m in set(d["method"])]
    if not methods:
        return None
    fig, ax = _figure((5.6, 4.2))
    ax.plot([0, 100], [0, 100], color="#BBBBBB", linewidth=0.8, linestyle="--", zorder=0)
    for i, m in enumerate(methods):
        g = d[d["method"] == m].copy()
        g["w_p"] = g["p_mean"] * g["n"]
        g["w_o"] = g["observed"] * g["n"]
        b = g.groupby("bin_lo", sort=True)[["w_p", "w_o", "n"]].sum()
        b = b[b["n"] > 0]
        x = (b["w_p"] / b["n"]).to_numpy() * 100
        y = (b["w_o"] / b["n"]).to_numpy() * 100
        size = np.sqrt(b["n"].to_numpy()) * 2.0
        ax.plot(x, y, color=_colour(m, i), linewidth=1.0, label=method_name(m))
        ax.scatter(x, y, s=size, color=_colour(m, i), zorder=3)
    months = {21: "one month", 63: "three months", 126: "six months", 252: "twelve months"}
    span = months.get(h, f"{h} sessions")
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 100)
    ax.set_xlabel("Forecast probability (%)", fontsize=8)
    ax.set_ylabel("How often the event happened (%)", fontsize=8)
    ax.set_title(f"Reliability of past forecasts over {span}", fontsize=9)
    ax.legend(fontsize=7, frameon=False, loc="lower right")
    _style(ax)
    labels = {21: "1m", 63: "3m", 126: "6m", 252: "12m"}
    used = [
        fid
        for m in methods
        if (fid := ids.calibration(m, "n", labels.get(h, f"{h}d"))) in outlook.facts
    ][:1]
    src = _source_line(
        outlook,
        used,
        "Walk-forward forecasts of rises and falls of several sizes, binned by forecast; dot "
        "size: forecasts in the bin; dashed: perfect calibration",
    )
    return Chart(
        "reliability",
        "Reliability of past forecasts: forecast probability against what happened",
        "Reliability diagram: each method's binned forecast probabilities against the observed "
        "frequency of the events",
        src,
        _finish(fig, src, left=0.12, bottom=0.22),
    )


def volatility_chart(outlook: Outlook) -> Chart | None:
    """Realised and GARCH volatility with the history's quartiles as regime bands."""
    import pandas as pd

    df = outlook.charts.get("vol_history")
    if df is None or len(df) < 2:
        return None
    df = df.copy()
    df.index = pd.to_datetime(df.index)
    unit: Literal["pct", "bp"] = "bp" if "realised_ann_bp" in df.columns else "pct"
    cols = [c for c in (f"realised_ann_{unit}", f"garch_ann_{unit}") if c in df.columns]
    if not cols:
        return None
    fig, ax = _figure((7.2, 3.2))
    base = df[cols[0]].dropna()
    # regime bands from the full history's quartiles (chart shading only, not a stated number)
    q = base.quantile([0.25, 0.75, 0.95]).to_numpy()
    top = float(base.max()) * 1.05
    bands = [
        (0, q[0], "#E8F4EA", "calm"),
        (q[0], q[1], "#FFFFFF", "normal"),
        (q[1], q[2], "#FDF1E1", "elevated"),
        (q[2], top, "#F9E0E0", "stressed"),
    ]
    for lo, hi, colour, name in bands:
        ax.axhspan(lo, hi, color=colour, zorder=0)
        if hi - lo > top * 0.07:  # a thin band's name would overprint its neighbours'
            ax.text(
                df.index[0], (lo + hi) / 2, f" {name}", fontsize=6.5, color="#777777", va="center"
            )
    names = {
        f"realised_ann_{unit}": "Realised, 21 sessions",
        f"garch_ann_{unit}": "GARCH conditional",
    }
    colours = {f"realised_ann_{unit}": "#222222", f"garch_ann_{unit}": "#DD8452"}
    for c in cols:
        ax.plot(
            df.index, df[c].to_numpy(dtype=float), color=colours[c], linewidth=0.8, label=names[c]
        )
    ax.set_ylim(0, top)
    ax.set_ylabel(
        "Volatility, annualised (%)"
        if unit == "pct"
        else "Volatility of daily changes (bp a year)",
        fontsize=8,
    )
    ax.set_xlabel("Date", fontsize=8)
    ax.set_title("Volatility regime", fontsize=9)
    ax.legend(fontsize=7, frameon=False, loc="upper right")
    _style(ax)
    used = [
        i
        for i in (ids.vol(outlook.subject, "realised", unit=unit), ids.level(outlook.subject))
        if i in outlook.facts
    ]
    src = _source_line(outlook, used, "Bands: quartiles and 95th percentile of realised volatility")
    return Chart(
        "volatility",
        "Volatility regime",
        "Line chart of realised and GARCH volatility",
        src,
        _finish(fig, src, left=0.08, bottom=0.19),
    )


def equity_chart(outlook: Outlook) -> Chart | None:
    """Equity curves of the portfolio and its benchmarks."""
    import pandas as pd

    df = outlook.charts.get("equity")
    if df is None or len(df) < 2:
        return None
    df = df.copy()
    df.index = pd.to_datetime(df.index)
    fig, ax = _figure((7.2, 3.2))
    for i, c in enumerate(df.columns):
        ax.plot(
            df.index,
            df[c].to_numpy(dtype=float),
            linewidth=1.0,
            color=_FALLBACK_COLOURS[i % len(_FALLBACK_COLOURS)],
            label=str(c),
        )
    ax.set_ylabel("Growth of one dollar (USD)", fontsize=8)
    ax.set_xlabel("Date", fontsize=8)
    ax.set_title("Portfolio and benchmarks", fontsize=9)
    ax.legend(fontsize=7, frameon=False)
    _style(ax)
    used = [f.id for f in outlook.facts.prefixed(ids.portfolio(""))][:3]
    src = _source_line(outlook, used, "Backtest after costs")
    return Chart(
        "equity",
        "Portfolio and benchmarks",
        "Line chart of equity curves",
        src,
        _finish(fig, src, bottom=0.19),
    )


def stress_chart(outlook: Outlook) -> Chart | None:
    """Portfolio return by stress scenario (horizontal bars; a gain points right).

    ``stress.{scenario}.loss_pct`` is positive for a loss, so the bar is ``-value``. Scenarios
    whose window covers only part of the weights (``stress.{scenario}.partial``) are hatched and
    their coverage (``stress.{scenario}.coverage_pct``) is written beside the name.
    """
    facts = [
        f
        for f in outlook.facts
        if (p := ids.parse_stress(f.id)) is not None and p[1] == "loss_pct" and f.is_numeric
    ]
    if not facts:
        return None
    # worst loss at the bottom of the axis: read top-down from mild to severe
    facts = sorted(facts, key=lambda f: -numeric_value(f))
    facts.reverse()
    fig, ax = _figure((7.2, 0.5 + 0.4 * len(facts) + 1.0))
    names: list[str] = []
    vals: list[float] = []
    used: list[str] = []
    any_partial = False
    for f in facts:
        key = _key(f.id)
        label = outlook.facts.get(ids.stress(key, "label"))
        name = str(label.value) if label is not None else scenario_name(key)
        partial = _stress_partial(outlook, key)
        cov = outlook.facts.get(ids.stress(key, "coverage_pct"))
        if partial:
            any_partial = True
            name += f"\n(covers {_fmt(cov, decimals=0)})" if cov is not None else "\n(partial)"
            if cov is not None:
                used.append(cov.id)
        names.append(name)
        vals.append(-numeric_value(f))
        used.append(f.id)
    for i, (f, v) in enumerate(zip(facts, vals, strict=True)):
        partial = _stress_partial(outlook, _key(f.id))
        ax.barh(
            i,
            v,
            height=0.6,
            color="#C44E52" if v < 0 else "#55A868",
            alpha=0.35 if partial else 0.8,
            hatch="///" if partial else None,
            edgecolor="#7F7F7F" if partial else "none",
            linewidth=0.6,
        )
        ax.text(
            v,
            i,
            f" {_fmt(f, style='abs')} {'loss' if v < 0 else 'gain'} ",
            va="center",
            ha="right" if v < 0 else "left",
            fontsize=7,
        )
    ax.axvline(0, color="#222222", linewidth=0.8)
    ax.set_yticks(range(len(facts)), names, fontsize=7.5)
    ax.set_xlabel("Portfolio return in the scenario (%; left of zero is a loss)", fontsize=8)
    ax.set_title("Stress tests: today's weights through past and hypothetical shocks", fontsize=9)
    lo, hi = min(0.0, min(vals)), max(0.0, max(vals))
    span = (hi - lo) or 1.0
    ax.set_xlim(
        lo - span * 0.3 if lo < 0 else -span * 0.05, hi + span * 0.3 if hi > 0 else span * 0.05
    )
    _style(ax)
    ax.grid(axis="y", visible=False)
    extra = "Historical and hypothetical scenarios"
    if any_partial:
        extra += "; hatched: the window covers only part of the weights"
    src = _source_line(outlook, used, extra)
    return Chart(
        "stress",
        "Stress tests",
        "Horizontal bars of the portfolio's return by stress scenario",
        src,
        _finish(fig, src, left=0.24, bottom=0.6 / fig.get_figheight() + 0.12),
        tuple(used),
    )


def _key(fact_id: str) -> str:
    p = ids.parse_stress(fact_id)
    return p[0] if p else ""


def _stress_partial(outlook: Outlook, key: str) -> bool:
    f = outlook.facts.get(ids.stress(key, "partial"))
    if f is not None:
        return bool(f.value)
    cov = outlook.facts.get(ids.stress(key, "coverage_pct"))
    return cov is not None and (pct := cov.number) is not None and pct < 100.0


_ACRONYMS = {"gfc", "ai", "us", "uk", "eu", "ltcm", "gdp", "cpi", "qe", "qt", "vix"}
_PROPER = {"fed": "Fed", "covid": "Covid", "opec": "OPEC", "brexit": "Brexit"}


def scenario_name(key: str) -> str:
    """``gfc_2008`` → ``GFC 2008``, ``tech_bust`` → ``Tech bust``: sentence case, acronyms kept."""
    words = [w for w in key.replace("-", "_").split("_") if w]
    out = []
    for i, w in enumerate(words):
        low = w.lower()
        if low in _ACRONYMS:
            out.append(low.upper())
        elif low in _PROPER:
            out.append(_PROPER[low])
        else:
            out.append(low.capitalize() if i == 0 else low)
    return " ".join(out)


CHART_BUILDERS: dict[str, Callable[[Outlook], Chart | None]] = {
    "index": index_chart,
    "probabilities": probability_chart,
    "valuation": valuation_chart,
    "fed_cycles": fed_cycles_chart,
    "reliability": reliability_chart,
    "volatility": volatility_chart,
    "equity": equity_chart,
    "stress": stress_chart,
    "scorecard": scorecard_chart,
}


def build_charts(outlook: Outlook) -> dict[str, Chart]:
    """Every chart whose inputs exist, keyed by :attr:`Chart.name`."""
    out: dict[str, Chart] = {}
    for name, builder in CHART_BUILDERS.items():
        chart = builder(outlook)
        if chart is not None:
            out[name] = chart
    return out
