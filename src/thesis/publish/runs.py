"""A run folder as the publishing side sees it: manifest, facts, article files, key dates.

``thesis run THESIS --out DIR`` writes ``article.md/.html/.pdf``, ``charts/``, ``facts.json`` and
``manifest.json``; :class:`RunFolder` reads them (and ``thesis.toml`` and ``keydates.ics`` when a
run left them). :func:`run_key_dates` computes a run's key dates from the store as of the run's
``as_of``; :func:`track_record` scores every probability of many runs against the store.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from thesis.errors import PublishError
from thesis.facts import Fact, FactSheet
from thesis.publish.forecasts import Forecast, published_forecasts, run_subject

if TYPE_CHECKING:
    from thesis._types import DateLike
    from thesis.analysis.keydates import KeyDatesResult
    from thesis.data.store import Store
    from thesis.publish.track import TrackRecord

__all__ = ["RunFolder", "find_runs", "run_key_dates", "track_record"]

_TITLE = re.compile(r"<title>(.*?)</title>", re.IGNORECASE | re.DOTALL)


@dataclass
class RunFolder:
    """One run's outputs on disk.

    Use :meth:`open`; it checks that the folder is a finished run.
    """

    path: Path
    manifest: dict[str, Any]
    fact_list: list[dict[str, Any]] = field(repr=False)

    @classmethod
    def open(cls, path: str | Path) -> RunFolder:
        """Read a run folder.

        Raises
        ------
        PublishError
            The folder is missing, or lacks ``manifest.json`` or ``facts.json``, or they are not
            valid JSON; the message names the file and the fix.
        """
        p = Path(path)
        if not p.is_dir():
            raise PublishError(
                "no such run folder",
                where=str(p),
                fix="pass the folder a run wrote (`thesis run THESIS --out DIR`)",
            )
        docs: dict[str, Any] = {}
        for name in ("manifest.json", "facts.json"):
            f = p / name
            if not f.is_file():
                raise PublishError(
                    f"the run folder has no {name}; it is not a finished run",
                    where=str(f),
                    fix="run the thesis again with `thesis run THESIS --out DIR`",
                )
            try:
                docs[name] = json.loads(f.read_text(encoding="utf-8"))
            except (ValueError, UnicodeDecodeError) as e:
                raise PublishError(
                    f"{name} is not valid JSON ({e})",
                    where=str(f),
                    fix="the run was interrupted or the file was edited; run the thesis again",
                ) from None
        if not isinstance(docs["facts.json"], list) or not isinstance(docs["manifest.json"], dict):
            raise PublishError(
                "facts.json must hold a list and manifest.json an object",
                where=str(p),
                fix="run the thesis again with `thesis run THESIS --out DIR`",
            )
        return cls(p, docs["manifest.json"], docs["facts.json"])

    # ------------------------------------------------------------------ identity
    @property
    def id(self) -> str:
        """The folder's name."""
        return self.path.name

    @property
    def title(self) -> str:
        return str(self.manifest.get("thesis") or self.id)

    @cached_property
    def headline(self) -> str:
        """The article's headline (its HTML title), else the thesis title."""
        html = self.file("article.html")
        if html is not None:
            with html.open(encoding="utf-8", errors="replace") as fh:
                head = fh.read(8192)
            m = _TITLE.search(head)
            if m:
                import html as _html

                return _html.unescape(" ".join(m.group(1).split()))
        return self.title

    @property
    def as_of(self) -> dt.date:
        return dt.date.fromisoformat(str(self.manifest["as_of"])[:10])

    @property
    def horizon(self) -> dt.date:
        return dt.date.fromisoformat(str(self.manifest["horizon"])[:10])

    @property
    def created_at(self) -> dt.datetime:
        """When the run was made (UTC); the folder's time when the manifest does not say."""
        raw = self.manifest.get("created_at")
        if raw:
            try:
                t = dt.datetime.fromisoformat(str(raw))
                return t if t.tzinfo else t.replace(tzinfo=dt.UTC)
            except ValueError:
                pass
        return dt.datetime.fromtimestamp((self.path / "manifest.json").stat().st_mtime, dt.UTC)

    @cached_property
    def subject(self) -> str:
        """The series the run is about."""
        return run_subject(self.fact_list) or "series"

    @cached_property
    def thesis_toml(self) -> dict[str, Any]:
        """The thesis file the run came from (``thesis.toml`` in the folder, else the manifest's
        ``thesis_file`` when it still exists); empty when neither is readable."""
        for cand in (self.path / "thesis.toml", self.manifest.get("thesis_file")):
            if not cand:
                continue
            p = Path(str(cand))
            if p.is_file():
                try:
                    return tomllib.loads(p.read_text(encoding="utf-8"))
                except (OSError, ValueError):
                    continue
        return {}

    @property
    def subject_name(self) -> str:
        name = self.thesis_toml.get("index", {}).get("name")
        return str(name) if name else self.subject

    @cached_property
    def facts(self) -> FactSheet:
        return FactSheet(Fact.from_dict(d) for d in self.fact_list)

    def forecasts(self, hindsight_days: int = 7) -> list[Forecast]:
        """Every probability the run published (see :mod:`thesis.publish.forecasts`)."""
        return published_forecasts(
            self.fact_list, self.manifest, run=self.id, hindsight_days=hindsight_days
        )

    # ------------------------------------------------------------------ files
    def file(self, name: str) -> Path | None:
        """A file of the run by relative name, or ``None``; never a path outside the folder."""
        root = self.path.resolve()
        p = (root / name).resolve()
        if not p.is_relative_to(root) or not p.is_file():
            return None
        return p

    def charts(self) -> list[Path]:
        d = self.path / "charts"
        return sorted(d.glob("*.png")) if d.is_dir() else []


def find_runs(paths: list[str | Path]) -> list[RunFolder]:
    """Run folders among ``paths``: each path is a run, or a folder whose sub-folders are runs.

    Raises
    ------
    PublishError
        A path that does not exist, or that neither is a run nor holds one.
    """
    out: list[RunFolder] = []
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            raise PublishError(
                "no such folder", where=str(p), fix="pass run folders or a folder of runs"
            )
        if (p / "manifest.json").is_file():
            out.append(RunFolder.open(p))
            continue
        subs = sorted(q for q in p.iterdir() if q.is_dir() and (q / "manifest.json").is_file())
        if not subs:
            raise PublishError(
                "neither a run folder nor a folder of runs (no manifest.json found)",
                where=str(p),
                fix="pass the folders `thesis run --out` wrote",
            )
        out += [RunFolder.open(q) for q in subs]
    seen: set[Path] = set()
    uniq = []
    for r in out:
        if r.path.resolve() not in seen:
            seen.add(r.path.resolve())
            uniq.append(r)
    return uniq


def run_key_dates(run: RunFolder, store: Store) -> KeyDatesResult:
    """A run's key dates: the store's events from the day after ``as_of`` to the horizon, read as
    of the run's ``as_of``, chosen and explained for the run's thesis."""
    from thesis.analysis.keydates import ThesisContext, key_dates

    view = store.view(run.as_of)
    tickers: list[str] = []
    try:
        secs = view.securities(run.subject)
        tickers = [str(s) for s in secs["symbol"]] if "symbol" in secs else []
    except Exception:  # a store without reference data: no constituents to name
        tickers = []
    ctx = ThesisContext.from_facts(
        run.facts,
        subject=run.subject,
        subject_name=run.subject_name,
        as_of=run.as_of,
        horizon=run.horizon,
        tickers=tickers,
    )
    return key_dates(view, ctx)


def run_ics(run: RunFolder, store: Store | None, *, url: str | None = None) -> bytes | None:
    """The run's key dates as ``.ics`` bytes: its own ``keydates.ics`` when it wrote one, else
    computed from ``store``; ``None`` when there is neither."""
    own = run.file("keydates.ics")
    if own is not None:
        return own.read_bytes()
    if store is None:
        return None
    from thesis.publish.calendar import to_ics

    res = run_key_dates(run, store)
    return to_ics(
        res,
        stamp=run.created_at,
        name=f"Key dates: {run.title}",
        url=url,
        thesis_title=run.title,
    )


def track_record(
    runs: list[RunFolder], store: Store | None, *, as_of: DateLike | None = None
) -> TrackRecord:
    """Score every probability the runs published against the store's closes.

    Parameters
    ----------
    runs
        The published runs.
    store
        The market data store (``None``: every forecast stays open).
    as_of
        Score with the data known on this date (default: everything in the store).
    """
    import pandas as pd

    from thesis.errors import DataError
    from thesis.publish.track import score

    forecasts = [f for r in runs for f in r.forecasts()]
    closes: dict[str, pd.Series] = {}
    through: dict[str, dt.date] = {}
    notes: list[str] = []
    if store is not None:
        for series in sorted({f.series for f in forecasts}):
            if not store.has(series):
                notes.append(f"The store has no series `{series}`; its forecasts stay open.")
                continue
            try:
                if as_of is not None:
                    s = store.view(as_of).get(series, record=False)
                else:
                    s = store.get(series)
            except DataError as e:
                notes.append(f"`{series}`: {e.what}")
                continue
            closes[series] = s
            through[series] = pd.Timestamp(s.index[-1]).date()
    elif forecasts:
        notes.append("No store was given, so no forecast could be resolved.")
    sessions: dict[dt.date, dt.date] = {}
    for h in {f.horizon for f in forecasts}:
        sessions[h] = _last_session(h)
    return score(forecasts, closes, through, last_session=sessions, notes=notes)


def _last_session(day: dt.date) -> dt.date:
    """The last XNYS session on or before ``day`` (``day`` itself outside the calendar)."""
    import pandas as pd

    from thesis.data.calendars import sessions_between
    from thesis.errors import DataError

    try:
        s = sessions_between(pd.Timestamp(day) - pd.Timedelta(days=10), day)
    except DataError:
        return day
    return s[-1].date() if len(s) else day
