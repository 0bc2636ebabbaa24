"""An Atom feed of published outlooks (``feedgen``), one entry per run.

Entry ids are ``urn:uuid:`` values derived from the run (its folder name and creation time), so a
republished site keeps them and feed readers do not show an outlook twice. Links are relative to
the site unless a base URL is given (a site opened from ``file://`` has none; Atom allows relative
references, resolved against the feed's own address).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from thesis.publish.runs import RunFolder

__all__ = ["atom_feed", "entry_id"]

_NS = uuid.UUID("6f1b5d0e-3b8e-4c47-9d3e-7a7c5e2c8a11")  # this project's namespace for uuid5


def entry_id(run: RunFolder) -> str:
    """A stable ``urn:uuid:`` for one run."""
    return uuid.uuid5(_NS, f"{run.id}|{run.created_at.isoformat()}").urn


def _join(base: str | None, rel: str) -> str:
    return rel if not base else base.rstrip("/") + "/" + rel


def atom_feed(
    runs: Sequence[RunFolder],
    *,
    title: str,
    links: dict[str, str],
    base_url: str | None = None,
    summaries: dict[str, str] | None = None,
    updated: dt.datetime | None = None,
) -> bytes:
    """The Atom document.

    Parameters
    ----------
    runs
        The outlooks, any order (entries are newest first).
    title
        The feed's title.
    links
        Run id → the article page's path within the site (``outlooks/ID/index.html``).
    base_url
        The site's public address; ``None`` keeps links relative.
    summaries
        Run id → a one-paragraph summary (plain text).
    updated
        The feed's ``updated`` (default: the newest run's creation time).

    Returns
    -------
    bytes
        UTF-8 XML.
    """
    from feedgen.feed import FeedGenerator

    ordered = sorted(runs, key=lambda r: r.created_at, reverse=True)
    fg = FeedGenerator()
    fg.id(
        uuid.uuid5(_NS, f"feed|{base_url or ''}|{title}").urn,
    )
    fg.title(title)
    fg.author({"name": "thesis"})
    fg.link(href=_join(base_url, "feed.xml"), rel="self", type="application/atom+xml")
    fg.link(href=_join(base_url, "index.html"), rel="alternate", type="text/html")
    fg.language("en")
    fg.generator("thesis")
    fg.subtitle("Market outlooks where every number is traced to data, with a track record.")
    newest = ordered[0].created_at if ordered else dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    fg.updated(updated or newest)
    for r in reversed(ordered):  # feedgen prepends: add oldest first, newest ends on top
        fe = fg.add_entry()
        fe.id(entry_id(r))
        fe.title(r.headline)
        href = _join(base_url, links[r.id])
        fe.link(href=href, rel="alternate", type="text/html")
        fe.published(r.created_at)
        fe.updated(r.created_at)
        text = (summaries or {}).get(r.id) or (
            f"Thesis: {r.title}. Analysis as of {r.as_of.isoformat()}, horizon "
            f"{r.horizon.isoformat()}."
        )
        fe.summary(text)
        fe.category(term=r.subject)
    return fg.atom_str(pretty=True)
