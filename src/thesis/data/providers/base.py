"""The provider interface: build query (pure) → extract (the only I/O) → transform (pure).

Modelled on OpenBB Platform's ``Fetcher``. A provider turns a request for series into canonical
batches (:mod:`thesis.data.records`) for :meth:`thesis.data.store.Store.ingest`; it never computes
analytics. Base URLs are attributes so that tests can point them at a server on 127.0.0.1 that
replays payloads in the provider's real format.

Shared helpers for HTTP providers live here too: :class:`HttpFetcher` (timeout, retries with
backoff, errors naming provider, URL and status, secrets redacted) and :func:`parse_csv_payload`
(HTML pages, truncated bodies and ragged lines become errors naming the line).
"""

from __future__ import annotations

import csv
import io
import re
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from thesis.data.records import Batch
from thesis.errors import ProviderError, nearest

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "CsvPayload",
    "HttpFetcher",
    "Provider",
    "Query",
    "bars_frame",
    "clip_window",
    "get_provider",
    "looks_like_html",
    "map_series",
    "parse_csv_payload",
    "parse_dates",
    "parse_numbers",
    "payloads",
    "provider_names",
    "redact",
    "register",
]


@dataclass(frozen=True)
class Query:
    """A validated request: which series (our ids) and which provider ids, over which window.

    ``series[i]`` is fetched as ``provider_ids[i]``. ``options`` carries provider-specific settings
    (e.g. the URL shown in errors for each provider id).
    """

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
    def build_query(
        self,
        series: Sequence[str],
        start: str | None = None,
        end: str | None = None,
        **options: Any,
    ) -> Query:
        """Validate and map the request (pure). Unknown series raise ProviderError with a hint."""

    @abstractmethod
    def extract(
        self, query: Query, progress: Callable[[str], None] | None = None
    ) -> dict[str, bytes]:
        """Fetch raw payloads, one per provider id (the only I/O)."""

    @abstractmethod
    def transform(self, query: Query, raw: dict[str, bytes]) -> list[Batch]:
        """Parse raw payloads into canonical batches (pure, testable on saved payloads)."""

    def fetch(
        self,
        series: Sequence[str],
        start: str | None = None,
        end: str | None = None,
        progress: Callable[[str], None] | None = None,
        **options: Any,
    ) -> list[Batch]:
        """Run build_query → extract → transform and return the batches for ``Store.ingest``."""
        q = self.build_query(series, start, end, **options)
        return self.transform(q, self.extract(q, progress))


class HttpFetcher:
    """GET with a timeout, retries with exponential backoff on 429/5xx and transport errors.

    Errors name the provider, the URL (secrets redacted) and the HTTP status, and say what to do.

    Parameters
    ----------
    provider
        Provider name, the first word of every error.
    timeout
        Seconds per attempt (connect and read).
    retries
        Extra attempts after the first on 429, 5xx, timeouts and connection failures.
    backoff
        Seconds before the first retry; doubled for each further one (a ``Retry-After`` header
        wins, capped at 30 s).
    secrets
        Strings (API keys) that must never appear in an error message.
    """

    RETRY_STATUS = frozenset({429, 500, 502, 503, 504})

    def __init__(
        self,
        provider: str,
        *,
        timeout: float = 20.0,
        retries: int = 3,
        backoff: float = 0.5,
        headers: dict[str, str] | None = None,
        secrets: Iterable[str] = (),
    ) -> None:
        self.provider = provider
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.headers = {
            "User-Agent": "thesis/0.1 (+https://example.invalid/thesis)",
            **(headers or {}),
        }
        self.secrets = tuple(s for s in secrets if s)

    def get(
        self, url: str, params: dict[str, Any] | None = None, *, not_found: str | None = None
    ) -> bytes:
        """GET ``url`` and return the body of a 200 response.

        ``not_found`` is the fix shown on HTTP 404 (e.g. the nearest known series ids).
        """
        import httpx

        from thesis._tls import ssl_context

        full = httpx.URL(url, params=params) if params else httpx.URL(url)
        shown = self.redact(str(full))
        last = ""
        for attempt in range(self.retries + 1):
            try:
                with httpx.Client(
                    timeout=self.timeout,
                    headers=self.headers,
                    follow_redirects=True,
                    verify=ssl_context(),
                ) as client:
                    r = client.get(full)
                if r.status_code == 200:
                    return r.content
                last = f"HTTP {r.status_code} {r.reason_phrase}".rstrip()
                if r.status_code == 404:
                    raise ProviderError(
                        f"{self.provider}: HTTP 404 not found — the series or symbol does not "
                        "exist there",
                        where=shown,
                        fix=not_found
                        or "check the provider's id for this series (see `thesis data list`)",
                    )
                if r.status_code not in self.RETRY_STATUS:
                    detail = self.redact(_body_snippet(r.content))
                    raise ProviderError(
                        f"{self.provider}: {last}" + (f" ({detail})" if detail else ""),
                        where=shown,
                        fix="check the request (series id, API key); if it persists the provider "
                        "may have changed its API",
                    )
                wait = self._retry_after(r.headers.get("Retry-After"), attempt)
            except httpx.TimeoutException:
                last = f"timed out after {self.timeout:g} s"
                wait = self.backoff * 2**attempt
            except httpx.TransportError as e:
                last = self.redact(f"connection failed ({type(e).__name__}: {e})")
                wait = self.backoff * 2**attempt
            if attempt < self.retries:
                time.sleep(wait)
        raise ProviderError(
            f"{self.provider}: {last} after {self.retries + 1} attempt"
            + ("s" if self.retries else ""),
            where=shown,
            fix="try again later (`thesis data update` is safe to repeat); offline analysis keeps "
            "using the store",
        )

    def redact(self, text: str) -> str:
        """``text`` with API keys (query parameters and known secrets) replaced by ``***``."""
        text = redact(text)
        for s in self.secrets:
            text = text.replace(s, "***")
        return text

    def _retry_after(self, header: str | None, attempt: int) -> float:
        if header:
            try:
                return min(float(header), 30.0)
            except ValueError:
                pass
        return self.backoff * 2**attempt


def map_series(
    provider: str,
    series: Sequence[str],
    id_map: Mapping[str, str | None],
    is_symbol: Callable[[str], object],
    raw: Callable[[str], tuple[str, str]],
    *,
    kind: str,
    fix: str,
    unavailable: Callable[[str], ProviderError] | None = None,
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Map requested series (our ids or the provider's own symbols) to ``(ours, theirs)``.

    Each request is stripped; one of our ids maps through ``id_map``; anything else that
    ``is_symbol`` accepts is mapped by ``raw`` to ``(our id, provider id)``.

    Parameters
    ----------
    provider
        Provider name, the first word of every error.
    id_map
        Our series id → provider id; ``None`` where the provider has no such series (then
        ``unavailable(id)`` is raised).
    kind, fix
        What a raw symbol is called ("Stooq symbol") and the fix shown for a request that is
        neither an id nor a symbol (the nearest of our ids are suggested).

    Returns
    -------
    ours, theirs : tuple of str
        Equal length; ``series[i]`` is stored as ``ours[i]`` and fetched as ``theirs[i]``.

    Raises
    ------
    ProviderError
        No series requested; a request that is neither an id nor a symbol; an unavailable id.
    """
    if not series:
        raise ProviderError(f"{provider}: no series requested", fix="name at least one series id")
    ours: list[str] = []
    theirs: list[str] = []
    for s in series:
        s = s.strip()
        if s in id_map:
            pid = id_map[s]
            if pid is None:
                assert unavailable is not None, f"{provider}: {s!r} maps to None"
                raise unavailable(s)
            ours.append(s)
            theirs.append(pid)
        elif is_symbol(s):
            our, their = raw(s)
            ours.append(our)
            theirs.append(their)
        else:
            hint = nearest(s, id_map)
            raise ProviderError(
                f"{provider}: {s!r} is neither a known series nor a {kind}"
                + (f"; did you mean {', '.join(hint)}?" if hint else ""),
                where=provider,
                fix=fix,
            )
    return tuple(ours), tuple(theirs)


def payloads(
    provider: str, query: Query, raw: Mapping[str, bytes]
) -> Iterator[tuple[str, str, bytes, str]]:
    """``(our id, provider id, body, where)`` for each series of ``query``, in order.

    ``where`` is the URL recorded in ``query.options["urls"]`` (else the provider id).

    Raises
    ------
    ProviderError
        ``raw`` lacks the payload of a provider id.
    """
    urls: dict[str, str] = query.options.get("urls", {})
    for s, pid in zip(query.series, query.provider_ids, strict=True):
        where = urls.get(pid) or pid
        if pid not in raw:
            raise ProviderError(f"{provider}: no payload for {pid}", where=where)
        yield s, pid, raw[pid], where


def clip_window(frame: pd.DataFrame, start: str | None, end: str | None) -> pd.DataFrame:
    """Rows of ``frame`` whose ``date`` lies in ``[start, end]`` (either bound may be ``None``)."""
    import pandas as pd

    if start:
        frame = frame[frame["date"] >= pd.Timestamp(start)]
    if end:
        frame = frame[frame["date"] <= pd.Timestamp(end)]
    return frame


def bars_frame(
    p: CsvPayload,
    cols: Mapping[str, int],
    columns: Mapping[str, str],
    *,
    label: Callable[[str], str],
    provider: str,
    where: str,
    start: str | None,
    end: str | None,
) -> pd.DataFrame:
    """Daily bars from a parsed CSV: ``date``, the numeric ``columns`` present, ``line``.

    Parameters
    ----------
    p
        The parsed payload.
    cols
        Lower-cased header name → column index (must hold ``"date"``).
    columns
        Lower-cased source column → output column (e.g. ``"close"`` → ``"value"``); absent
        source columns are skipped.
    label
        The column name shown in errors for a source column.
    start, end
        Window to keep (see :func:`clip_window`); the index is not reset.
    """
    import pandas as pd

    dates = parse_dates([r[cols["date"]] for r in p.rows], p.lines, provider=provider, where=where)
    data: dict[str, Any] = {"date": pd.to_datetime(pd.Series(dates, dtype="object"))}
    for src, dst in columns.items():
        if src in cols:
            data[dst] = pd.Series(
                parse_numbers(
                    [r[cols[src]] for r in p.rows],
                    p.lines,
                    column=label(src),
                    provider=provider,
                    where=where,
                ),
                dtype="float64",
            )
    data["line"] = pd.Series(p.lines, dtype="int64")
    return clip_window(pd.DataFrame(data), start, end)


_SECRET_PARAM = re.compile(r"(api_key|apikey|token|key)=[^&\s]+", re.IGNORECASE)


def redact(url: str) -> str:
    """Hide API keys in URLs shown to the user."""
    return _SECRET_PARAM.sub(r"\1=***", url)


_redact = redact  # old private name


def _body_snippet(raw: bytes, n: int = 160) -> str:
    """A short, one-line excerpt of an error body (JSON message, page title or text)."""
    text = raw[:4000].decode("utf-8", "replace")
    m = re.search(r'"error_message"\s*:\s*"([^"]*)"', text)
    if m:
        return m.group(1).strip()[:n]
    m = re.search(r"<title[^>]*>(.*?)</title>", text, re.IGNORECASE | re.DOTALL)
    if m:
        return " ".join(m.group(1).split())[:n]
    if looks_like_html(raw):
        return ""
    return " ".join(text.split())[:n]


def looks_like_html(raw: bytes) -> bool:
    """True when ``raw`` starts like an HTML page (an error or login page instead of data)."""
    head = raw[:512].lstrip().lower()
    return (
        head.startswith(b"<!doctype html")
        or head.startswith(b"<html")
        or b"<head" in head
        or b"<body" in head
    )


@dataclass(frozen=True)
class CsvPayload:
    """A CSV body split into a header and data rows, each row with its 1-based line number."""

    header: list[str]
    rows: list[list[str]]
    lines: list[int]


def parse_csv_payload(raw: bytes, *, provider: str, where: str, what: str = "CSV") -> CsvPayload:
    """Split a provider's CSV body into header and rows, rejecting what is not a whole CSV.

    Parameters
    ----------
    raw
        The response body.
    provider, where
        Named in errors (``where`` is the URL, secrets already redacted).
    what
        What was expected, for messages ("CSV", "daily CSV").

    Raises
    ------
    ProviderError
        An HTML page instead of CSV; an empty body; a body that does not end with a newline (the
        real providers always end their files with one, so a missing newline means the transfer
        was cut); a row whose number of fields differs from the header. The message names the
        line.
    """
    if looks_like_html(raw):
        title = _body_snippet(raw)
        raise ProviderError(
            f"{provider}: returned an HTML page instead of {what}"
            + (f" (page title: {title!r})" if title else ""),
            where=where,
            fix="the provider is down, rate-limiting or has moved the download; try again later "
            "or check the URL in a browser",
        )
    text = raw.decode("utf-8-sig", errors="replace")
    if not text.strip():
        raise ProviderError(
            f"{provider}: returned an empty body instead of {what}",
            where=where,
            fix="try again later; if it persists the series may have been discontinued",
        )
    physical = text.splitlines()
    if not text.endswith(("\n", "\r")):
        n = len(physical)
        raise ProviderError(
            f"{provider}: the {what} body is truncated: line {n} ({physical[-1][:60]!r}) is cut "
            "off (no final newline)",
            where=f"{where} line {n}",
            fix="the transfer was interrupted; run `thesis data update` again",
        )
    reader = csv.reader(io.StringIO(text))
    header: list[str] | None = None
    rows: list[list[str]] = []
    lines: list[int] = []
    for row in reader:
        line = reader.line_num
        if not row or all(not c.strip() for c in row):
            continue
        if header is None:
            header = [c.strip() for c in row]
            continue
        if len(row) != len(header):
            raise ProviderError(
                f"{provider}: line {line} has {len(row)} fields but the header "
                f"{','.join(header)!r} has {len(header)} ({','.join(row)[:60]!r})",
                where=f"{where} line {line}",
                fix="the body is cut or malformed; run `thesis data update` again",
            )
        rows.append(row)
        lines.append(line)
    assert header is not None  # a non-blank text has at least one row
    return CsvPayload(header=header, rows=rows, lines=lines)


def parse_numbers(
    cells: Sequence[str],
    lines: Sequence[int],
    *,
    column: str,
    provider: str,
    where: str,
    missing: Iterable[str] = ("", ".", "null", "NaN", "nan", "N/A"),
    place: str = "line",
) -> list[float]:
    """Cells of one CSV column as floats; ``missing`` markers become NaN.

    Any other text raises :class:`ProviderError` naming the line (``place`` says what the numbers
    in ``lines`` count, e.g. ``"observation"`` for a JSON list), the column and the cell.
    """
    miss = set(missing)
    out: list[float] = []
    for cell, line in zip(cells, lines, strict=True):
        c = cell.strip()
        if c in miss:
            out.append(float("nan"))
            continue
        try:
            out.append(float(c))
        except ValueError:
            raise ProviderError(
                f"{provider}: text {c[:40]!r} in numeric column {column!r} at {place} {line}",
                where=f"{where} {place} {line}",
                fix="the provider changed its format or the body is corrupt; run the update "
                "again, and report it if it persists",
            ) from None
    return out


def parse_dates(
    cells: Sequence[str],
    lines: Sequence[int],
    *,
    provider: str,
    where: str,
    place: str = "line",
) -> list[str]:
    """ISO dates (``YYYY-MM-DD``, optionally followed by a time) checked cell by cell.

    Returns the ``YYYY-MM-DD`` part; anything else raises :class:`ProviderError` naming the line.
    """
    import datetime as dt

    out: list[str] = []
    for cell, line in zip(cells, lines, strict=True):
        c = cell.strip()[:10]
        try:
            dt.date.fromisoformat(c)
        except ValueError:
            raise ProviderError(
                f"{provider}: {cell.strip()[:40]!r} at {place} {line} is not a date (YYYY-MM-DD)",
                where=f"{where} {place} {line}",
                fix="the body is cut or the provider changed its format; run the update again",
            ) from None
        out.append(c)
    return out


_REGISTRY: dict[str, Callable[..., Provider]] = {}


def register(cls: type[Provider]) -> type[Provider]:
    """Class decorator: make a provider available by its ``name``."""
    _REGISTRY[cls.name] = cls
    return cls


def provider_names() -> list[str]:
    """Names of the registered providers (the built-in ones are imported on first use)."""
    _load_builtins()
    return sorted(_REGISTRY)


def get_provider(name: str, **kwargs: Any) -> Provider:
    """A provider instance by name; ``kwargs`` go to its constructor (base URLs, timeouts)."""
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

    for mod in ("bundled", "csv", "edgar", "fred", "ics", "stooq", "yahoo"):
        try:
            importlib.import_module(f"thesis.data.providers.{mod}")
        except ModuleNotFoundError as e:  # a provider module not written yet, or an optional extra
            if not e.name or not e.name.startswith("thesis.data.providers"):
                raise
