"""The hand-off from analysis to writing: everything an article needs, and nothing that fetches data.

The pipeline fills an :class:`Outlook`; :mod:`thesis.writing` turns it into Markdown, HTML and PDF.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from thesis.facts import FactSheet

__all__ = ["Outlook"]


@dataclass
class Outlook:
    """What the writer receives.

    Attributes
    ----------
    title
        The thesis title.
    subject
        The index series id (``sp500``) and ``subject_name`` its display name ("S&P 500").
    as_of, horizon
        ISO dates.
    thresholds, targets
        Levels named in the thesis (``targets`` maps level → who claims it, may be empty text).
    methods
        Probability methods that ran (``gbm``, ``bootstrap``, ``garch``).
    facts
        Every number the article may say (see docs/fact-ids.md).
    charts
        Chart inputs, each optional:
        ``index_history`` (Series: close by date, up to as_of),
        ``fan`` (dict method → DataFrame indexed by future session, columns q05 q25 q50 q75 q95),
        ``fed_cycles`` (DataFrame: one row per first cut; columns first_cut, sp500_ret_3m_pct,
        sp500_ret_6m_pct, sp500_ret_12m_pct, smb_3m_pct, smb_6m_pct, smb_12m_pct, recession),
        ``vol_history`` (DataFrame: realised_ann_pct and garch_ann_pct by date),
        ``calibration`` (DataFrame: method, horizon, coverage50, coverage80, coverage95, brier, crps_pct, n),
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
