"""A chart of a screen: the ranking feature of each stock that passed, against the index."""

from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = ["plot_screen"]


def plot_screen(result: Any, path: str | Path, *, limit: int = 25) -> Path:
    """Write a PNG bar chart of ``result.rank_by`` for the stocks that passed (best first).

    Stale stocks are drawn hatched and the index's figure over the same window (``index.<rank_by>``,
    when the features have it) is marked on each bar. Returns the path written.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    df = result.passed.head(limit)
    col = result.rank_by
    fig, ax = plt.subplots(figsize=(8, 0.45 * max(len(df), 2) + 1.6), dpi=120)
    if len(df) == 0:
        ax.text(0.5, 0.5, "no stock passed the rule", ha="center", va="center")
        ax.set_axis_off()
    else:
        labels = list(df.index)[::-1]
        vals = df[col].to_numpy(dtype=float)[::-1]
        stale = df["stale"].to_numpy(dtype=bool)[::-1]
        bars = ax.barh(labels, vals, color=["#9aa7b8" if s else "#2f5d8a" for s in stale])
        for b, s in zip(bars, stale, strict=True):
            if s:
                b.set_hatch("//")
        icol = f"index.{col}"
        if icol in df.columns:
            ivals = df[icol].to_numpy(dtype=float)[::-1]
            ax.scatter(ivals, labels, marker="|", s=300, color="#c0392b", zorder=3,
                       label="index, same window")  # fmt: skip
            ax.legend(loc="lower right", fontsize=8, frameon=False)
        ax.axvline(0, color="#444", lw=0.8)
        ax.set_xlabel(col)
    ax.set_title(
        f"{result.universe} on {result.as_of.date()}: {result.rule}", fontsize=9, loc="left"
    )
    note = "hatched: stale data (figures as of the stock's last close)"
    fig.text(0.01, 0.01, note, fontsize=7, color="#555")
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    fig.savefig(p)
    plt.close(fig)
    return p
