"""The published site: outlooks, key dates, an Atom feed and the track record, as static files.

:func:`build_site` writes a folder that works from ``file://`` and from any static host: every link
is relative and names its file (``outlooks/ID/index.html``, never a bare folder), there are no
scripts, and each article page is the run's standalone ``article.html`` (charts inline) with the
site's navigation added. Layout::

    index.html              the outlooks, newest first
    outlooks/ID/            index.html (the article), article.md/.pdf, facts.json, keydates.ics
    keydates.html           upcoming key dates across outlooks, and each outlook's
    keydates.ics            all of them, for a calendar
    track.html              the track record (track/reliability-*.png, forecasts.csv, record.json)
    feed.xml                Atom
    assets/site.css

Every page is rebuilt on each publish, so the track record follows the store as it fills in.
"""

from __future__ import annotations

import datetime as dt
import html as _html
import json
import math
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from thesis.errors import PublishError
from thesis.publish.runs import RunFolder, run_key_dates, track_record

if TYPE_CHECKING:
    from thesis.analysis.keydates import KeyDatesResult
    from thesis.data.store import Store
    from thesis.publish.track import TrackRecord

__all__ = ["SiteResult", "build_site", "reliability_png"]

_TEMPLATES = Path(__file__).with_name("templates")
_SAFE = re.compile(r"[^A-Za-z0-9._-]+")
_BODY = re.compile(r"<body[^>]*>", re.IGNORECASE)
#: files of a run copied next to its article page
_COPIED = ("article.md", "article.pdf", "article.html", "facts.json", "manifest.json")
_EVENT_WORDS = {
    "touch": "touch {level}",
    "close_above": "close at or above {level}",
    "close_below": "close at or below {level}",
}


@dataclass
class SiteResult:
    """What :func:`build_site` wrote.

    Attributes
    ----------
    root
        The site folder.
    pages
        Relative paths of the pages written.
    track
        The track record (scored on this publish).
    notes
        Things the publisher should know (no store, a run without key dates...).
    """

    root: Path
    pages: list[str] = field(default_factory=list)
    track: TrackRecord | None = None
    notes: list[str] = field(default_factory=list)


def _env() -> Any:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(_TEMPLATES)),
        autoescape=True,  # every title and label comes from a user's thesis or a calendar
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


def _slugs(runs: list[RunFolder]) -> dict[str, str]:
    out: dict[str, str] = {}
    used: set[str] = set()
    for r in sorted(runs, key=lambda r: (r.created_at, r.id)):
        base = _SAFE.sub("-", r.id).strip("-.") or "run"
        slug, i = base, 2
        while slug in used:
            slug, i = f"{base}-{i}", i + 1
        used.add(slug)
        out[r.id] = slug
    return out


def _pct(p: float) -> str:
    from thesis.writing.format import fmt_value

    return fmt_value(p, "probability")


def _num(x: float | None, d: int = 3) -> str:
    return "–" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:.{d}f}"


def _level(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}"


def _summary(run: RunFolder) -> str:
    """One paragraph: the touch probabilities of each level, by method."""
    from thesis.writing.charts import method_name

    fc = [f for f in run.forecasts() if f.event == "touch" and not f.method.endswith("_closed")]
    by_level: dict[float, list[str]] = {}
    for f in fc:
        by_level.setdefault(f.level, []).append(f"{_pct(f.probability)} ({method_name(f.method)})")
    parts = [
        f"touching {_level(lv)} before {run.horizon.isoformat()}: {', '.join(v)}"
        for lv, v in sorted(by_level.items())
    ]
    head = f"As of {run.as_of.isoformat()}"
    return f"{head}, the probability of " + "; of ".join(parts) + "." if parts else ""


def _article_page(run: RunFolder, root: str, site_title: str) -> str:
    """The run's standalone article with the site's navigation bar added."""
    src = run.file("article.html")
    nav = (
        '<nav style="font:14px sans-serif;background:#fff;border-bottom:1px solid #e2e2e2;'
        'padding:.6rem 1.2rem">'
        f'<a href="{root}index.html" style="font-weight:700;margin-right:1rem">'
        f"{_html.escape(site_title)}</a>"
        f'<a href="{root}index.html" style="margin-right:1rem">Outlooks</a>'
        f'<a href="{root}keydates.html" style="margin-right:1rem">Key dates</a>'
        f'<a href="{root}track.html" style="margin-right:1rem">Track record</a>'
        '<span style="color:#5f6368">Downloads: '
        + " ".join(
            f'<a href="{name}">{label}</a>'
            for name, label in (
                ("article.pdf", "PDF"),
                ("article.md", "Markdown"),
                ("keydates.ics", "key dates (.ics)"),
                ("facts.json", "facts.json"),
            )
            if name == "keydates.ics" or run.file(name) is not None
        )
        + "</span></nav>"
    )
    if src is None:
        return (
            f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>"
            f"{_html.escape(run.title)}</title></head><body>{nav}<main style='padding:1rem'>"
            f"<h1>{_html.escape(run.title)}</h1><p>This run has no HTML article; see its "
            "Markdown or PDF.</p></main></body></html>"
        )
    text = src.read_text(encoding="utf-8")
    m = _BODY.search(text)
    return text[: m.end()] + nav + text[m.end() :] if m else nav + text


def reliability_png(record: TrackRecord, title: str) -> bytes | None:
    """A reliability diagram of the resolved forecasts (PNG), by method; ``None`` when none."""
    if not record.resolved:
        return None
    import io

    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    from thesis.writing.charts import method_name

    rel = record.reliability()
    fig = Figure(figsize=(6.4, 5.2), dpi=120)
    ax = fig.subplots()
    ax.plot([0, 1], [0, 1], color="#999999", lw=1, ls="--", label="perfectly calibrated")
    colours = ("#4C72B0", "#DD8452", "#55A868", "#8172B3", "#937860", "#DA8BC3", "#C44E52")
    for i, (m, g) in enumerate(rel[rel["method"] != "all"].groupby("method", sort=True)):
        ax.plot(
            g["mean_forecast"],
            g["observed"],
            marker="o",
            lw=1.2,
            color=colours[i % len(colours)],
            label=method_name(str(m)),
        )
        for _, r in g.iterrows():
            ax.annotate(
                f"n={int(r['n'])}",
                (r["mean_forecast"], r["observed"]),
                textcoords="offset points",
                xytext=(4, -10),
                fontsize=7,
                color="#5f6368",
            )
    ax.set_xlim(0, 1)
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel("forecast probability (bin mean)")
    ax.set_ylabel("share that happened")
    ax.set_title(title, fontsize=11)
    ax.grid(alpha=0.3)
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def _track_rows(record: TrackRecord, hrefs: dict[str, str]) -> list[dict[str, Any]]:
    rows = []
    for r in record.rows:
        f, o = r.forecast, r.outcome
        if not o.resolved:
            outcome, css = "open", "open"
        elif o.happened:
            outcome, css = f"happened ({o.date})", "yes"
        else:
            outcome, css = f"did not happen ({o.date})", "no"
        rows.append(
            {
                "run": f.run,
                "href": hrefs.get(f.run, "index.html"),
                "hindsight": f.hindsight,
                "as_of": f.as_of.isoformat(),
                "horizon": f.horizon.isoformat(),
                "event": f"{f.series}: " + _EVENT_WORDS[f.event].format(level=_level(f.level)),
                "method": f.method,
                "probability": _pct(f.probability),
                "outcome": outcome,
                "css": css,
                "brier": _num(r.brier),
            }
        )
    return rows


def _group(record: TrackRecord, title: str, blurb: str, chart: str | None) -> dict[str, Any]:
    methods = [
        {
            "method": m["method"],
            "forecasts": int(m["forecasts"]),
            "resolved": int(m["resolved"]),
            "brier": _num(m["brier"]),
            "hit_rate": "–"
            if math.isnan(m["hit_rate"])
            else f"{_pct(m['hit_rate'])} of {int(m['calls'])}",
            "mean_forecast": "–" if math.isnan(m["mean_forecast"]) else _pct(m["mean_forecast"]),
            "observed": "–" if math.isnan(m["observed"]) else _pct(m["observed"]),
        }
        for m in record.by_method().to_dict("records")
    ]
    return {
        "title": title,
        "blurb": blurb,
        "n": len(record.rows),
        "resolved": len(record.resolved),
        "open": len(record.rows) - len(record.resolved),
        "brier": None if math.isnan(record.brier) else _num(record.brier),
        "methods": methods,
        "chart": chart,
    }


def build_site(
    runs: list[RunFolder],
    out: str | Path,
    *,
    store: Store | None = None,
    title: str = "thesis outlooks",
    base_url: str | None = None,
    today: dt.date | None = None,
    score_as_of: dt.date | None = None,
) -> SiteResult:
    """Write the static site.

    Parameters
    ----------
    runs
        The run folders to publish (:func:`thesis.publish.runs.find_runs`).
    out
        The site folder (created; its pages are replaced, other files left alone).
    store
        The market data store, for key dates and the track record (``None``: both say what is
        missing).
    title
        The site's name.
    base_url
        The public address, for absolute links in the feed (``None``: relative links).
    today
        The first day of "upcoming" on the key-dates page (default: the date of the newest run
        or of the store's data, whichever is later).
    score_as_of
        Score the track record with the data known on this date (default: all the store holds).

    Returns
    -------
    SiteResult
    """
    from thesis.publish.calendar import to_ics
    from thesis.publish.feed import atom_feed

    root = Path(out)
    if root.exists() and not root.is_dir():
        raise PublishError(
            "the site path is a file", where=str(root), fix="pass a folder for --out"
        )
    root.mkdir(parents=True, exist_ok=True)
    (root / "assets").mkdir(exist_ok=True)
    (root / "track").mkdir(exist_ok=True)
    shutil.copyfile(_TEMPLATES / "site.css", root / "assets" / "site.css")
    env = _env()
    res = SiteResult(root)
    slugs = _slugs(runs)
    hrefs = {r.id: f"outlooks/{slugs[r.id]}/index.html" for r in runs}
    published = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    common = {"site_title": title, "published": published}
    if store is None:
        res.notes.append("No store was given: key dates are left out and no forecast is resolved.")

    # ---- each outlook
    keydates: dict[str, KeyDatesResult] = {}
    for r in runs:
        d = root / "outlooks" / slugs[r.id]
        d.mkdir(parents=True, exist_ok=True)
        for name in _COPIED:
            p = r.file(name)
            if p is not None:
                shutil.copyfile(p, d / name)
        if (r.path / "charts").is_dir():
            (d / "charts").mkdir(exist_ok=True)
            for c in r.charts():
                shutil.copyfile(c, d / "charts" / c.name)
        if store is not None:
            try:
                keydates[r.id] = run_key_dates(r, store)
            except Exception as e:  # one run's key dates must not stop the publish
                res.notes.append(f"{r.id}: no key dates ({type(e).__name__}: {e})")
        url = (base_url.rstrip("/") + "/" + hrefs[r.id]) if base_url else None
        if r.id in keydates:
            (d / "keydates.ics").write_bytes(
                to_ics(
                    keydates[r.id],
                    stamp=r.created_at,
                    name=f"Key dates: {r.title}",
                    url=url,
                    thesis_title=r.title,
                )
            )
        elif (own := r.file("keydates.ics")) is not None:
            shutil.copyfile(own, d / "keydates.ics")
        (d / "index.html").write_text(_article_page(r, "../../", title), encoding="utf-8")
        res.pages.append(hrefs[r.id])

    ordered = sorted(runs, key=lambda r: (r.created_at, r.id), reverse=True)
    summaries = {r.id: _summary(r) for r in runs}

    # ---- index
    outlooks = []
    for r in ordered:
        base = f"outlooks/{slugs[r.id]}/"
        downloads = [
            (label, base + name)
            for name, label in (
                ("article.pdf", "PDF"),
                ("article.md", "Markdown"),
                ("keydates.ics", "Key dates (.ics)"),
                ("facts.json", "facts.json"),
            )
            if (root / base / name).exists()
        ]
        outlooks.append(
            {
                "href": hrefs[r.id],
                "headline": r.headline,
                "title": r.title,
                "as_of": r.as_of.isoformat(),
                "horizon": r.horizon.isoformat(),
                "published": r.created_at.strftime("%Y-%m-%d"),
                "summary": summaries[r.id],
                "downloads": downloads,
            }
        )
    _write(
        root / "index.html",
        env,
        "index.html.j2",
        res,
        root="",
        nav="index",
        page_title="Outlooks",
        outlooks=outlooks,
        **common,
    )

    # ---- key dates
    if today is None:
        cands = [r.as_of for r in runs]
        if store is not None and (last := store.last_date()) is not None:
            cands.append(last.date())
        today = max(cands) if cands else dt.date.today()
    upcoming = []
    by_outlook = []
    for r in ordered:
        kd = keydates.get(r.id)
        dates = list(kd.dates) if kd is not None else []
        for k in dates:
            if k.date >= today and not k.past:
                upcoming.append(
                    {
                        "date": k.date.isoformat(),
                        "label": k.label,
                        "tentative": k.tentative,
                        "why": k.why,
                        "href": hrefs[r.id],
                        "subject_name": kd.context.subject_name if kd else r.subject,
                    }
                )
        base = f"outlooks/{slugs[r.id]}/"
        by_outlook.append(
            {
                "href": hrefs[r.id],
                "headline": r.headline,
                "as_of": r.as_of.isoformat(),
                "horizon": r.horizon.isoformat(),
                "ics": base + "keydates.ics" if (root / base / "keydates.ics").exists() else None,
                "dates": [
                    {
                        "date": k.date.isoformat(),
                        "label": k.label,
                        "tentative": k.tentative,
                        "outcome": k.outcome,
                        "why": k.why,
                    }
                    for k in dates
                ],
                "empty": "No scheduled event in the store falls inside this outlook's horizon."
                if kd is not None
                else "Key dates need the market data store (publish with --store).",
            }
        )
    upcoming.sort(key=lambda x: (x["date"], x["label"]))
    merged = [(keydates[r.id], r.title) for r in ordered if r.id in keydates]
    newest = ordered[0].created_at if ordered else dt.datetime.now(dt.UTC)
    (root / "keydates.ics").write_bytes(to_ics(merged, stamp=newest, name=f"{title}: key dates"))
    notes = sorted({n for kd in keydates.values() for n in kd.notes})
    _write(
        root / "keydates.html",
        env,
        "keydates.html.j2",
        res,
        root="",
        nav="keydates",
        page_title="Key dates",
        upcoming=upcoming,
        outlooks=by_outlook,
        today=today.isoformat(),
        notes=notes,
        **common,
    )

    # ---- track record
    record = track_record(runs, store, as_of=score_as_of)
    res.track = record
    groups = []
    for hindsight, gtitle, blurb in (
        (
            False,
            "Live forecasts",
            "Published within a week of their analysis date, with no data after it in the store: "
            "the record that counts.",
        ),
        (
            True,
            "With hindsight",
            "Runs made long after their analysis date, or on a store that already held what "
            "followed (backtests and demonstrations). Scored the same way, kept apart: a backtest "
            "is not a track record.",
        ),
    ):
        g = record.group(hindsight)
        if not g.rows and hindsight:
            continue
        png = reliability_png(g, f"Reliability: {gtitle.lower()}")
        chart = None
        name = f"track/reliability-{'hindsight' if hindsight else 'live'}.png"
        if png is not None:
            (root / name).write_bytes(png)
            chart = name
        elif (root / name).exists():
            (root / name).unlink()
        groups.append(_group(g, gtitle, blurb, chart))
    frame = record.to_frame()
    frame.to_csv(root / "track" / "forecasts.csv", index=False)
    (root / "track" / "record.json").write_text(
        json.dumps(
            {
                "scored_on": record.scored_on.isoformat() if record.scored_on else None,
                "brier": None if math.isnan(record.brier) else record.brier,
                "by_method": {
                    "live": record.group(False).by_method().to_dict("records"),
                    "hindsight": record.group(True).by_method().to_dict("records"),
                },
                "forecasts": json.loads(frame.to_json(orient="records")),
            },
            indent=2,
            default=str,
        ),
        encoding="utf-8",
    )
    _write(
        root / "track.html",
        env,
        "track.html.j2",
        res,
        root="",
        nav="track",
        page_title="Track record",
        groups=groups,
        rows=_track_rows(record, hrefs),
        scored_on=record.scored_on.isoformat() if record.scored_on else None,
        notes=list(record.notes) + res.notes,
        **common,
    )

    # ---- feed
    (root / "feed.xml").write_bytes(
        atom_feed(runs, title=title, links=hrefs, base_url=base_url, summaries=summaries)
    )
    res.pages.append("feed.xml")
    return res


def _write(path: Path, env: Any, template: str, res: SiteResult, **ctx: Any) -> None:
    path.write_text(env.get_template(template).render(**ctx), encoding="utf-8")
    res.pages.append(path.relative_to(res.root).as_posix())
