"""The hand-off from analysis to writing: everything an article needs, and nothing that fetches data.

The pipeline fills an :class:`Outlook`; :mod:`thesis.writing` turns it into Markdown, HTML and PDF.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import pandas as pd

from thesis.analysis.kinds import SeriesProfile, profile_for
from thesis.facts import FactSheet

__all__ = ["LevelEvent", "LevelRole", "LevelView", "Outlook"]

#: what a level is in the thesis: a threshold (touched), a target (the close on its date) or a
#: level stated with its own event; also the part of its fact id (:func:`thesis.ids.thesis_level`)
LevelRole = Literal["threshold", "target", "level"]
#: what the thesis says of a level (see :class:`LevelView`)
LevelEvent = Literal["touch", "close", "close_above", "close_below"]


@dataclass(frozen=True)
class LevelView:
    """A level the thesis names, as the writer needs it.

    Attributes
    ----------
    level
        In the series' unit.
    roles
        ``threshold``, ``target`` and/or ``level`` (stated with its own event).
    events
        What the thesis says of it: ``touch``, ``close`` (a target: the close on its date beyond
        it, in the direction it lies from today), ``close_above``, ``close_below``.
    by
        Its date when not the horizon (``datetime.date`` or None).
    claimed_by
        Who claims it (free text, may be empty).
    """

    level: float
    roles: tuple[LevelRole, ...]
    events: tuple[LevelEvent, ...]
    by: Any = None
    claimed_by: str = ""

    @property
    def role(self) -> LevelRole:
        """The role that names its fact: target before threshold before level."""
        order: tuple[LevelRole, ...] = ("target", "threshold", "level")
        for r in order:
            if r in self.roles:
                return r
        return self.roles[0]


@dataclass
class Outlook:
    """What the writer receives.

    Attributes
    ----------
    title
        The thesis title.
    subject
        The series id (``sp500``) and ``subject_name`` its display name ("S&P 500").
    as_of, horizon
        ISO dates.
    thresholds, targets
        Levels named in the thesis (``targets`` maps level → who claims it, may be empty text).
    methods
        Probability methods that ran (``gbm`` or ``normal``, ``bootstrap``, ``garch``).
    facts
        Every number the article may say (see docs/fact-ids.md).
    charts
        Chart inputs, each optional:
        ``index_history`` (Series: close by date, up to as_of),
        ``fan`` (dict method → DataFrame indexed by future session, columns q05 q25 q50 q75 q95),
        ``fed_cycles`` (DataFrame: one row per first cut; columns first_cut, each measure with
        its unit, ``{subject}_ret_{3,6,12}m_pct`` for a price or ``{subject}_chg_{h}m_pp`` for a
        yield, smb_3m_pct, smb_6m_pct, smb_12m_pct, recession),
        ``vol_history`` (DataFrame: realised and GARCH volatility by date, ``*_ann_pct`` for a
        price, ``*_ann_bp`` for a yield),
        ``calibration`` (DataFrame: method, horizon, coverage50, coverage80, coverage95, brier,
        crps_pct, brier_events, bss, n), ``reliability`` (DataFrame: method, horizon, event,
        bin_lo, bin_hi, p_mean, observed, n: the reliability diagram),
        ``equity`` (DataFrame: portfolio and benchmarks' equity by date),
        ``stress`` (DataFrame: scenario × sleeve losses in pct),
        ``actual_after`` (Series: closes after as_of, only for the scorecard of a historical run).
    tables
        Named DataFrames the article may show as tables (numbers inside must also be facts).
    notes
        Named plain-text caveats the analyses raised (thin samples, stale EPS, crossed thresholds);
        they contain no numbers that are not facts.
    manifest
        The run manifest (versions, seed, data windows, content hashes).
    profile
        The series' kind, units and model space (:class:`thesis.analysis.kinds.SeriesProfile`);
        ``None`` reads as an index in points.
    levels
        Every level the thesis names with its events (:class:`LevelView`); empty: built from
        ``thresholds`` and ``targets``.
    drawdowns
        Drawdowns the thesis asks about: dicts with ``key``, ``pct``, ``basis`` (``high``/``now``).
    left_out, not_applicable
        Parts of the run that could not be computed (dicts with ``step``, ``reason``, ``kind``),
        and parts that do not apply to the series.
    key_dates
        The scheduled days inside the horizon that bear on the thesis
        (:class:`thesis.analysis.keydates.KeyDatesResult`), or ``None``; the article's "Key
        dates" section and the run's ``keydates.ics`` are written from it.
    """

    title: str
    subject: str
    subject_name: str
    as_of: str
    horizon: str
    thresholds: list[float] = field(default_factory=list)
    targets: dict[float, str] = field(default_factory=dict)
    methods: list[str] = field(default_factory=list)
    facts: FactSheet = field(default_factory=FactSheet)
    charts: dict[str, Any] = field(default_factory=dict)
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    manifest: dict[str, Any] = field(default_factory=dict)
    assumptions: dict[str, Any] = field(default_factory=dict)
    profile: SeriesProfile | None = None
    levels: list[LevelView] = field(default_factory=list)
    drawdowns: list[dict[str, Any]] = field(default_factory=list)
    left_out: list[dict[str, str]] = field(default_factory=list)
    not_applicable: list[str] = field(default_factory=list)
    key_dates: Any = None

    @property
    def series(self) -> SeriesProfile:
        """The profile, or an index in points when the outlook was built without one."""
        return self.profile or profile_for(self.subject, "index", "points")

    def level_views(self) -> list[LevelView]:
        """:attr:`levels`, or the thresholds and targets as level views (older hand-offs)."""
        if self.levels:
            return sorted(self.levels, key=lambda v: v.level)
        out: dict[float, LevelView] = {}
        for lv, who in self.targets.items():
            out[float(lv)] = LevelView(float(lv), ("target",), ("close",), None, who or "")
        for lv in self.thresholds:
            v = out.get(float(lv))
            if v is None:
                out[float(lv)] = LevelView(float(lv), ("threshold",), ("touch",))
            else:
                out[float(lv)] = LevelView(
                    v.level, (*v.roles, "threshold"), (*v.events, "touch"), v.by, v.claimed_by
                )
        return sorted(out.values(), key=lambda v: v.level)
