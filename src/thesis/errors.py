"""The error hierarchy.

Every user-facing error says three things: *what* went wrong, *where* (a file and line, a series
id, a URL, a TOML key) and *how to fix it*. The CLI prints ``str(error)`` on one screen and exits
non-zero; ``--debug`` shows the traceback.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = [
    "AnalysisError",
    "CheckError",
    "DataError",
    "IngestError",
    "InsufficientDataError",
    "PortfolioError",
    "ProviderError",
    "PublishError",
    "SeriesNotFoundError",
    "SpecError",
    "StoreError",
    "StoreLockedError",
    "ThesisError",
    "WritingError",
    "nearest",
]


class ThesisError(Exception):
    """Base class: an error the user can act on.

    Parameters
    ----------
    what
        One sentence saying what went wrong.
    where
        The input and place: ``path:line``, a series id, a URL, a TOML key.
    fix
        What the user can do about it.
    """

    def __init__(self, what: str, *, where: str | None = None, fix: str | None = None) -> None:
        self.what = what
        self.where = where
        self.fix = fix
        super().__init__(self._render())

    def _render(self) -> str:
        parts = [self.what if self.where is None else f"{self.where}: {self.what}"]
        if self.fix:
            parts.append(f"Fix: {self.fix}")
        return "\n".join(parts)


class DataError(ThesisError):
    """Bad data: malformed files, gaps, NaNs, values out of range."""


class IngestError(DataError):
    """A batch could not be ingested; the store is unchanged."""


class SeriesNotFoundError(DataError, KeyError):
    """A series id that the store does not hold."""

    def __str__(self) -> str:  # KeyError would repr() the message
        return self._render()


class StoreError(ThesisError):
    """The store file is missing, corrupt or not a DuckDB database."""


class StoreLockedError(StoreError):
    """Another process holds the store for writing."""


class ProviderError(ThesisError):
    """A provider could not deliver: HTTP status, timeout, unexpected payload."""


class SpecError(ThesisError):
    """The thesis file is invalid."""


class AnalysisError(ThesisError):
    """An analysis cannot run on the data it was given."""


class InsufficientDataError(AnalysisError):
    """Too little history for a method."""


class PortfolioError(ThesisError):
    """A portfolio definition or backtest request is invalid."""


class WritingError(ThesisError):
    """The article or an LLM draft could not be produced."""


class CheckError(ThesisError):
    """An article could not be read for checking."""


class PublishError(ThesisError):
    """A run folder, newsletter, site or web request could not be published or served."""


def nearest(name: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """Return up to ``n`` candidates closest to ``name`` (for "did you mean" hints)."""
    cands = list(candidates)
    close = difflib.get_close_matches(name, cands, n=n, cutoff=0.5)
    if len(close) < n:
        lowered = name.lower()
        close += [c for c in cands if lowered in c.lower() and c not in close][: n - len(close)]
    return close
