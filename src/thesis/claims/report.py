"""Output of a check: a terminal table (rich), JSON (the scorer's shape) and a standalone HTML page
of the article with each claim highlighted by verdict (hover shows the evidence)."""

from __future__ import annotations

import html
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from thesis.claims import CheckReport

__all__ = ["print_table", "to_html", "to_json"]

_COLORS = {"supported": "#d9f2d9", "contradicted": "#f9d0d0", "unverifiable": "#eeeeee"}
_RICH = {"supported": "green", "contradicted": "bold red", "unverifiable": "dim"}


def to_json(report: CheckReport, indent: int | None = 2) -> str:
    """A JSON list with one object per claim (id, quote, kind, subject, date, stated_value, verdict,
    evidence, tolerance, ...)."""
    return json.dumps(report.to_list(), indent=indent, ensure_ascii=False, default=str)


def print_table(report: CheckReport, console: Any = None) -> None:
    """Print the claims as a rich table, then the warnings."""
    from rich.console import Console
    from rich.table import Table

    console = console or Console()
    c = report.counts()
    t = Table(
        title=f"{report.article.where} — as of {report.as_of} ({report.article.date_source})",
        caption=f"{c['supported']} supported · {c['contradicted']} contradicted · {c['unverifiable']} unverifiable",
        show_lines=True,
    )
    for col, ratio in (
        ("id", None),
        ("claim", 3),
        ("kind", None),
        ("subject", None),
        ("date", None),
        ("verdict", None),
        ("evidence", 4),
        ("tolerance", 2),
    ):
        t.add_column(col, overflow="fold", ratio=ratio)
    for r in report.results:
        d = r.to_dict()
        t.add_row(
            d["id"],
            d["quote"],
            d["kind"],
            d["subject"] or "",
            d["date"] or "",
            f"[{_RICH[r.verdict]}]{r.verdict}[/]",
            d["evidence"],
            d["tolerance"],
        )
    console.print(t)
    for w in report.warnings:
        console.print(f"[yellow]warning:[/] {w}")


def to_html(report: CheckReport) -> str:
    """A standalone page: the article text with every claim's quote highlighted by its verdict and
    its evidence in a hover tooltip, followed by a table of all claims."""
    text = report.article.text
    # overlapping quotes: paint the earliest-starting claim, nest nothing (keeps the markup valid)
    spans = sorted(
        ((r.claim.start, r.claim.end, r) for r in report.results), key=lambda x: (x[0], -x[1])
    )
    parts: list[str] = []
    pos = 0
    for a, b, r in spans:
        if a < pos:
            continue
        parts.append(html.escape(text[pos:a]))
        tip = f"{r.claim.id} · {r.verdict} · {r.claim.kind}\n{r.evidence}\nTolerance: {r.tolerance}"
        parts.append(
            f'<mark class="{r.verdict}" id="{r.claim.id}" title="{html.escape(tip, quote=True)}">'
            f"{html.escape(text[a:b])}<sup>{r.claim.id}</sup></mark>"
        )
        pos = b
    parts.append(html.escape(text[pos:]))
    body = "".join(parts).replace("\n", "<br>\n")
    rows = "\n".join(
        f'<tr class="{r.verdict}"><td><a href="#{r.claim.id}">{r.claim.id}</a></td><td>{html.escape(r.claim.quote)}</td>'
        f"<td>{html.escape(r.claim.kind)}</td><td>{r.verdict}</td><td>{html.escape(r.evidence)}</td>"
        f"<td>{html.escape(r.tolerance)}</td></tr>"
        for r in report.results
    )
    c = report.counts()
    warn = "".join(f"<li>{html.escape(w)}</li>" for w in report.warnings)
    css = "".join(f"mark.{k},tr.{k} td{{background:{v}}}" for k, v in _COLORS.items())
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Claim check: {html.escape(report.article.title or report.article.where)}</title>
<style>
body{{font:16px/1.55 Georgia,serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#222}}
mark{{padding:0 .1em;border-radius:3px;cursor:help}} mark.contradicted{{outline:1px solid #c33}}
sup{{font:10px sans-serif;color:#555;margin-left:2px}} {css}
table{{border-collapse:collapse;font:13px/1.4 sans-serif;margin-top:2rem}} td,th{{border:1px solid #ccc;padding:4px;vertical-align:top}}
.legend span{{padding:0 .4em;margin-right:.5em;border-radius:3px}} .meta{{font:13px sans-serif;color:#555}}
</style></head><body>
<p class="meta">{html.escape(report.article.where)} · judged as of {report.as_of} ({html.escape(report.article.date_source)}) ·
{c["supported"]} supported · {c["contradicted"]} contradicted · {c["unverifiable"]} unverifiable</p>
<p class="legend meta"><span style="background:{_COLORS["supported"]}">supported</span><span style="background:{_COLORS["contradicted"]}">contradicted</span><span style="background:{_COLORS["unverifiable"]}">unverifiable</span> (hover a claim for its evidence)</p>
{f'<ul class="meta">{warn}</ul>' if warn else ""}
<article>{body}</article>
<table><tr><th>id</th><th>claim</th><th>kind</th><th>verdict</th><th>evidence</th><th>tolerance</th></tr>
{rows}</table>
</body></html>
"""
