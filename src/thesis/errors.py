"""The error hierarchy.

Every user-facing error says three things: *what* went wrong, *where* (a file and line, a series
id, a URL, a TOML key) and *how to fix it*. The CLI prints ``str(error)`` on one screen and exits
non-zero; ``--debug`` shows the traceback.
"""

from __future__ import annotations

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
    """The store file cannot be used: missing, damaged, not a store, or its disk refuses the write.

    ``reason`` says which, in one word a program can test (the message says it in words):

    ``missing``      no store at the path yet
    ``empty``        a zero-byte file (a store that was never written)
    ``corrupt``      DuckDB found damaged blocks (checksums, unreadable metadata)
    ``truncated``    the file is shorter than its own header says: cut short
    ``foreign``      not a DuckDB file at all (text, an image, another database)
    ``not_a_store``  a DuckDB database without the store's tables
    ``version``      written by a DuckDB this installation cannot read
    ``read_only``    the file system holding the store is mounted read-only
    ``permission``   the operating system refuses access to the file or its folder
    ``full``         the disk (or quota) ran out of space while writing
    ``locked``       another process holds the file (:class:`StoreLockedError`)
    ``io``           any other input/output failure, with DuckDB's own words
    """

    reasons = (
        "missing",
        "empty",
        "corrupt",
        "truncated",
        "foreign",
        "not_a_store",
        "version",
        "read_only",
        "permission",
        "full",
        "locked",
        "io",
    )

    def __init__(
        self,
        what: str,
        *,
        where: str | None = None,
        fix: str | None = None,
        reason: str = "io",
    ) -> None:
        if reason not in self.reasons:
            raise ValueError(f"unknown StoreError reason {reason!r}; use one of {self.reasons}")
        self.reason = reason
        super().__init__(what, where=where, fix=fix)


class StoreLockedError(StoreError):
    """Another process holds the store for writing."""

    def __init__(
        self, what: str, *, where: str | None = None, fix: str | None = None, reason: str = "locked"
    ) -> None:
        super().__init__(what, where=where, fix=fix, reason=reason)


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
    import difflib  # only when a name is unknown: not on every command's start-up

    close = difflib.get_close_matches(name, cands, n=n, cutoff=0.5)
    if len(close) < n:
        lowered = name.lower()
        close += [c for c in cands if lowered in c.lower() and c not in close][: n - len(close)]
    return close
