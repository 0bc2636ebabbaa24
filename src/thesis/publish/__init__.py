"""Delivery: key dates as a calendar, the newsletter, the static site with its feed and track record.

- :mod:`thesis.publish.runs`: a run folder as published (manifest, facts, article, key dates);
- :mod:`thesis.publish.forecasts`: the probabilities a run published (the one reader of fact ids);
- :mod:`thesis.publish.track`: scoring them against what happened (pure);
- :mod:`thesis.publish.calendar`: key dates as iCalendar;
- :mod:`thesis.publish.email`: the newsletter (build, send once per recipient);
- :mod:`thesis.publish.feed` and :mod:`thesis.publish.site`: the Atom feed and the static site.

Modules are imported on use, so that ``import thesis.publish`` stays cheap.
"""

from __future__ import annotations

from typing import Any

__all__ = ["build_site", "find_runs", "to_ics", "track_record"]


def __getattr__(name: str) -> Any:  # lazy public API
    if name == "build_site":
        from thesis.publish.site import build_site

        return build_site
    if name in ("find_runs", "track_record"):
        from thesis.publish import runs

        return getattr(runs, name)
    if name == "to_ics":
        from thesis.publish.calendar import to_ics

        return to_ics
    raise AttributeError(f"module 'thesis.publish' has no attribute {name!r}")
