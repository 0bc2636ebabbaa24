"""The provider interface: build query (pure) → extract (the only I/O) → transform (pure).

Modelled on OpenBB Platform's ``Fetcher``. A provider turns a request for series into canonical
batches (:mod:`thesis.data.records`) for :meth:`thesis.data.store.Store.ingest`; it never computes
analytics. Base URLs are attributes so that tests can point them at a server on 127.0.0.1 that
replays payloads in the provider's real format.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from thesis.data.records import Batch
from thesis.errors import ProviderError, nearest

__all__ = [
    "HttpFetcher",
    "Provider",
    "Query",
    "get_provider",
    "provider_names",
    "register",
]


@dataclass(frozen=True)
class Query:
    """A validated request: which series (our ids) and which provider ids, over which window."""

    series: tuple[str, ...]
    provider_ids: tuple[str, ...] = ()
    start: str | None = None
    end: str | None = None
    options: dict[str, Any] = field(default_factory=dict)


class Provider(ABC):
    """One source of data.

    Subclasses set ``name`` and implement the three steps. ``fetch`` runs them in order.
    """

    name: ClassVar[str] = ""
    #: one line for `thesis data update --help` and the catalog
    description: ClassVar[str] = ""

    @abstractmethod
    def build_query(self, series: Sequence[str], start: str | None = None, end: str | None = None, **options: Any) -> Query:
        """Validate and map the request (pure). Unknown series raise ProviderError with a hint."""

    @abstractmethod
    def extract(self, query: Query, progress: Callable[[str], None] | None = None) -> dict[str, bytes]:
        """Fetch raw payloads, one per provider id (the only I/O)."""

    @abstractmethod
    def transform(self, query: Query, raw: dict[str, bytes]) -> list[Batch]:
        """Parse raw payloads into canonical batches (pure, testable on saved payloads)."""

    def fetch(self, series: Sequence[str], start: str | None = None, end: str | None = None,
              progress: Callable[[str], None] | None = None, **options: Any) -> list[Batch]:
        q = self.build_query(series, start, end, **options)
        return self.transform(q, self.extract(q, progress))


class HttpFetcher:
    """GET with a timeout, retries with exponential backoff on 429/5xx and transport errors.

    Errors name the provider, the URL and the HTTP status, and say what to do.
    """

    RETRY_STATUS = frozenset({429, 500, 502, 503, 504})

    def __init__(self, provider: str, *, timeout: float = 20.0, retries: int = 3, backoff: float = 0.5,
                 headers: dict[str, str] | None = None) -> None:
        self.provider = provider
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.headers = {"User-Agent": "thesis/0.1 (+https://example.invalid/thesis)", **(headers or {})}

    def get(self, url: str, params: dict[str, Any] | None = None) -> bytes:
        import httpx

        last: str = ""
        shown = url
        for attempt in range(self.retries + 1):
            try:
                with httpx.Client(timeout=self.timeout, headers=self.headers, follow_redirects=True) as client:
                    r = client.get(url, params=params)
                shown = _redact(str(r.request.url))
                if r.status_code == 200:
                    return r.content
                last = f"HTTP {r.status_code}"
                if r.status_code == 404:
                    raise ProviderError(
                        f"{self.provider}: HTTP 404 not found — the series or symbol does not exist there",
                        where=shown,
                        fix="check the provider's id for this series (see `thesis data list`)",
                    )
                if r.status_code not in self.RETRY_STATUS:
                    raise ProviderError(
                        f"{self.provider}: HTTP {r.status_code} {r.reason_phrase}",
                        where=shown,
                        fix="check the request; if it persists the provider may have changed its API",
                    )
                wait = self._retry_after(r.headers.get("Retry-After"), attempt)
            except httpx.TimeoutException:
                last = f"timed out after {self.timeout:g} s"
                wait = self.backoff * 2**attempt
            except httpx.TransportError as e:
                last = f"connection failed ({type(e).__name__}: {e})"
                wait = self.backoff * 2**attempt
            if attempt < self.retries:
                time.sleep(wait)
        raise ProviderError(
            f"{self.provider}: {last} after {self.retries + 1} attempts",
            where=_redact(shown),
            fix="try again later (`thesis data update` is safe to repeat); offline analysis keeps using the store",
        )

    def _retry_after(self, header: str | None, attempt: int) -> float:
        if header:
            try:
                return min(float(header), 30.0)
            except ValueError:
                pass
        return self.backoff * 2**attempt


def _redact(url: str) -> str:
    """Hide API keys in URLs shown to the user."""
    import re

    return re.sub(r"(api_key|apikey|token)=[^&]+", r"\1=***", url)


def looks_like_html(raw: bytes) -> bool:
    head = raw[:512].lstrip().lower()
    return head.startswith(b"<!doctype html") or head.startswith(b"<html") or b"<head" in head or b"<body" in head


_REGISTRY: dict[str, Callable[[], Provider]] = {}


def register(cls: type[Provider]) -> type[Provider]:
    """Class decorator: make a provider available by its ``name``."""
    _REGISTRY[cls.name] = cls
    return cls


def provider_names() -> list[str]:
    _load_builtins()
    return sorted(_REGISTRY)


def get_provider(name: str, **kwargs: Any) -> Provider:
    _load_builtins()
    try:
        factory = _REGISTRY[name]
    except KeyError:
        hint = nearest(name, _REGISTRY)
        raise ProviderError(
            f"unknown provider {name!r}" + (f"; did you mean {', '.join(hint)}?" if hint else ""),
            fix=f"use one of {', '.join(sorted(_REGISTRY))}",
        ) from None
    return factory(**kwargs)


def _load_builtins() -> None:
    import importlib

    for mod in ("bundled", "csv", "fred", "stooq", "yahoo"):
        try:
            importlib.import_module(f"thesis.data.providers.{mod}")
        except ModuleNotFoundError as e:  # a provider module not written yet, or an optional extra
            if not e.name or not e.name.startswith("thesis.data.providers"):
                raise
