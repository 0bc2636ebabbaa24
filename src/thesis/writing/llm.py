"""The optional LLM writer, behind the guard, with fallbacks that are never silent.

:class:`LLMWriter` asks any OpenAI-compatible chat-completions endpoint (OpenAI, vLLM, Ollama,
llama.cpp server) to turn the deterministic writer's outline into prose, one request per section. The
prompt gives the model the facts (ids, values, units, formatted) and the outline, and asks for prose
that uses only those numbers. Every draft then passes :func:`thesis.writing.guard.guard_draft`: a
sentence with a number that is not a fact, a promise or advice is sent back with the reason; one with
an instruction, a link, markup or a control character is not; after ``max_attempts`` redraft
requests a rejected sentence is replaced by the deterministic sentence (or dropped when it stated no
number). A reply that holds an instruction aimed at the model ("ignore all previous instructions")
is discarded whole.

When the endpoint fails — a timeout, a refused connection, an HTTP error after ``retries``
retries with backoff, a body that is not JSON or not a chat completion — the section falls back
to the deterministic text and the failure is recorded as a :class:`SectionFallback` whose message
says what happened, where (the base URL and model) and how to fix it. :meth:`LLMDraft.report`
gathers it all in a :class:`WriterReport` the CLI prints ("LLM writer: 5 of 42 sentences rejected
(3 number not a fact, 1 certainty, 1 injection); fell back to the deterministic writer in 2
sections"); the run never fails because the LLM did, unless ``strict=True``.

The transport is httpx rather than the OpenAI SDK: the SDK retries inside one call and cannot bound
a request's total time (a server that trickles bytes never times out) or the size of a reply, and
its errors do not say how many attempts were made. Here each attempt has a deadline of
``timeout_s`` seconds in all and a reply is read up to ``max_response_bytes``.
"""

from __future__ import annotations

import json
import math
import os
import re
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from thesis.errors import WritingError
from thesis.facts import Fact, FactSheet
from thesis.text.sentences import paragraph_sentences
from thesis.text.words import find_instructions
from thesis.writing.format import fmt
from thesis.writing.guard import (
    CLASS_LABELS,
    REASON_CLASSES,
    Provenance,
    _Index,
    check_sentence,
    guard_draft,
    rejection_counts,
)

__all__ = [
    "SYSTEM_PROMPT",
    "LLMDraft",
    "LLMRequestError",
    "LLMWriter",
    "SectionFallback",
    "SectionReport",
    "WriterReport",
    "facts_table",
]

SYSTEM_PROMPT = """\
You are a careful financial writer. You rewrite an outline of a market outlook into clear prose.
Rules:
- Use ONLY numbers that appear in the FACTS list, written as in its 'formatted' column or rounded to
  fewer decimals. Never compute, estimate or invent a number; no other dates, years or percentages.
  Do not write numbers as words ("ten thousand", "double", "a third") unless the outline does.
- Keep every fact the outline states, with its conditions and probabilities.
- Be hedged and plain: no promises or certainty ("guaranteed", "will reach"), no advice to buy or
  sell, nothing addressed to the reader.
- Reply with the prose only: no headings, lists, links, HTML or Markdown, no preamble."""


def facts_table(facts: Iterable[Fact]) -> str:
    """The facts as a pipe table for the prompt: id | value | unit | formatted | meaning."""
    rows = ["id | value | unit | formatted | meaning"]
    for f in facts:
        try:
            shown = fmt(f)
        except WritingError:
            continue  # a fact that cannot be shown cannot be used
        rows.append(f"{f.id} | {f.value} | {f.unit} | {shown} | {f.label or f.method}")
    return "\n".join(rows)


def _printable(text: str, limit: int = 120) -> str:
    """Text from the endpoint made safe to print: control and format characters as '?', cut."""
    safe = "".join(ch if ch.isprintable() else "?" for ch in text[: limit + 1])
    return safe if len(safe) <= limit else safe[: limit - 1] + "…"


# --------------------------------------------------------------------------------------------
# failures and reports


class LLMRequestError(WritingError):
    """A chat request that failed: what, where (URL and model), fix; and how it failed.

    Attributes
    ----------
    kind
        ``timeout``, ``connection``, ``http`` or ``bad response``.
    status
        The HTTP status, when there was one.
    attempts
        Requests made (the first and its retries).
    """

    def __init__(
        self,
        what: str,
        *,
        where: str,
        fix: str,
        kind: str,
        status: int | None = None,
        attempts: int = 1,
    ) -> None:
        self.kind = kind
        self.status = status
        self.attempts = attempts
        super().__init__(what, where=where, fix=fix)


@dataclass(frozen=True)
class SectionFallback:
    """A section written by the deterministic writer because the LLM's could not be used.

    Attributes
    ----------
    section
        Section name.
    kind
        ``timeout``, ``connection``, ``http``, ``bad response`` (the endpoint failed),
        ``skipped`` (not asked after the endpoint failed on an earlier section), ``injection``
        (the reply held an instruction aimed at the model), ``too long`` (the reply was longer
        than the writer accepts) or ``all rejected`` (the guard rejected every sentence).
    reason
        One line: what happened.
    message
        What happened, where (base URL, model, section) and how to fix it; fit for a terminal.
    rejected
        Sentences of the model's reply discarded with it (``injection``).
    """

    section: str
    kind: str
    reason: str
    message: str
    rejected: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "reason": self.reason,
            "message": self.message,
            "rejected": self.rejected,
        }


def _class_list(counts: Mapping[str, int]) -> str:
    return ", ".join(f"{n} {CLASS_LABELS.get(c, c)}" for c, n in counts.items() if n)


@dataclass(frozen=True)
class SectionReport:
    """What the guard and the fallbacks did to one section.

    Attributes
    ----------
    section
        Section name.
    drafted
        Sentences the model wrote that were checked (first drafts, and those of a discarded reply).
    rejected
        Rejected sentences by reason class (each counted once, under its most severe class).
    redrafted, replaced, dropped
        Rejected sentences fixed by a redraft, replaced by the deterministic writer's sentence, or
        dropped.
    fallback
        Set when the whole section is the deterministic writer's.
    """

    section: str
    drafted: int = 0
    rejected: dict[str, int] = field(default_factory=dict)
    redrafted: int = 0
    replaced: int = 0
    dropped: int = 0
    fallback: SectionFallback | None = None

    @property
    def n_rejected(self) -> int:
        return sum(self.rejected.values())

    def line(self) -> str:
        """One line for the terminal."""
        parts = []
        if self.drafted or self.n_rejected:
            text = f"{self.n_rejected} of {self.drafted} sentences rejected"
            if self.n_rejected:
                text += f" ({_class_list(self.rejected)})"
            parts.append(text)
        fixes = [
            f"{n} {what}"
            for n, what in (
                (self.redrafted, "redrafted"),
                (self.replaced, "replaced by the deterministic sentence"),
                (self.dropped, "dropped"),
            )
            if n
        ]
        if fixes:
            parts.append(", ".join(fixes))
        if self.fallback is not None:
            parts.append(f"fell back to the deterministic writer: {self.fallback.reason}")
        return f"{self.section}: " + "; ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "drafted": self.drafted,
            "rejected": dict(self.rejected),
            "redrafted": self.redrafted,
            "replaced": self.replaced,
            "dropped": self.dropped,
            "fallback": self.fallback.to_dict() if self.fallback else None,
        }


@dataclass(frozen=True)
class WriterReport:
    """The LLM writer's account of a run: rejections per section and class, and every fallback.

    ``fell_back`` is true when any of the model's text did not reach the article — a section
    written by the deterministic writer, or a rejected sentence replaced or dropped — and is what
    ``thesis run`` turns into exit code 4.
    """

    model: str
    base_url: str
    requests: int
    sections: tuple[SectionReport, ...]

    @property
    def drafted(self) -> int:
        return sum(s.drafted for s in self.sections)

    @property
    def rejected(self) -> int:
        return sum(s.n_rejected for s in self.sections)

    @property
    def by_class(self) -> dict[str, int]:
        """Rejected sentences by reason class, most severe first."""
        out = {c: sum(s.rejected.get(c, 0) for s in self.sections) for c in REASON_CLASSES}
        return {c: n for c, n in out.items() if n}

    @property
    def fallbacks(self) -> tuple[SectionFallback, ...]:
        return tuple(s.fallback for s in self.sections if s.fallback is not None)

    @property
    def replaced(self) -> int:
        return sum(s.replaced for s in self.sections)

    @property
    def redrafted(self) -> int:
        return sum(s.redrafted for s in self.sections)

    @property
    def dropped(self) -> int:
        return sum(s.dropped for s in self.sections)

    @property
    def fell_back(self) -> bool:
        return bool(self.fallbacks or self.replaced or self.dropped)

    def summary(self) -> str:
        """One line: rejections by class, what became of them, sections that fell back."""
        text = f"LLM writer: {self.rejected} of {self.drafted} sentences rejected"
        if self.rejected:
            text += f" ({_class_list(self.by_class)})"
        fixes = [
            f"{n} {what}"
            for n, what in (
                (self.redrafted, "redrafted"),
                (self.replaced, "replaced by the deterministic writer's"),
                (self.dropped, "dropped"),
            )
            if n
        ]
        if fixes:
            text += "; " + ", ".join(fixes)
        n = len(self.fallbacks)
        if n:
            text += f"; fell back to the deterministic writer in {n} section{'s' * (n != 1)}"
        return text

    def lines(self) -> list[str]:
        """The summary, one line per section with something to say, and each distinct failure
        message (what, where, fix) once, naming the other sections it applies to."""
        out = [self.summary()]
        skipped = [s.section for s in self.sections if s.fallback and s.fallback.kind == "skipped"]
        out += [
            "  " + s.line()
            for s in self.sections
            if (s.n_rejected or s.fallback or s.dropped) and s.section not in skipped
        ]
        if skipped:
            out.append(
                "  not asked, as the endpoint had failed: " + ", ".join(repr(s) for s in skipped)
            )
        groups: dict[tuple[str, str], list[SectionFallback]] = {}
        for fb in self.fallbacks:
            if fb.kind != "skipped":
                groups.setdefault((fb.kind, fb.reason), []).append(fb)
        for same in groups.values():
            out += ["  " + ln for ln in same[0].message.splitlines()]
            if len(same) > 1:
                others = ", ".join(repr(fb.section) for fb in same[1:])
                out.append(f"  (the same for section{'s' * (len(same) > 2)} {others})")
        return out

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready (the run manifest's ``sentences.report``)."""
        return {
            "writer": "llm",
            "model": self.model,
            "base_url": self.base_url,
            "requests": self.requests,
            "drafted": self.drafted,
            "rejected": self.rejected,
            "by_class": self.by_class,
            "redrafted": self.redrafted,
            "replaced": self.replaced,
            "dropped": self.dropped,
            "fell_back": self.fell_back,
            "sections": {s.section: s.to_dict() for s in self.sections},
            "summary": self.lines(),
        }


@dataclass(frozen=True)
class LLMDraft:
    """The guarded LLM text and where each sentence came from.

    Attributes
    ----------
    sections
        Section name → final prose.
    provenance
        One :class:`~thesis.writing.guard.Provenance` per sentence (and one ``dropped`` record per
        rejected sentence that nothing replaced).
    section_reasons
        Sections that fell back to the deterministic text as a whole, with the reason (one line).
    model, base_url
        The endpoint used.
    requests
        Chat requests made (drafts and redrafts, retries not counted).
    fallbacks
        Section → :class:`SectionFallback`, for the sections in ``section_reasons``.
    """

    sections: dict[str, str]
    provenance: tuple[Provenance, ...]
    section_reasons: dict[str, str] = field(default_factory=dict)
    model: str = ""
    base_url: str = ""
    requests: int = 0
    fallbacks: dict[str, SectionFallback] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        """Sentences by source ("llm", "llm-redrafted", "deterministic", "dropped")."""
        out: dict[str, int] = {}
        for p in self.provenance:
            out[p.source] = out.get(p.source, 0) + 1
        return out

    def report(self) -> WriterReport:
        """Rejections per section and class, and every fallback."""
        rejected = rejection_counts(self.provenance)
        out = []
        for section in self.sections:
            provs = [p for p in self.provenance if p.section == section]
            fb = self.fallbacks.get(section)
            counts = dict(rejected.get(section, {}))
            drafted = sum(1 for p in provs if p.source != "deterministic" or p.classes)
            if fb is not None and fb.rejected:
                counts["injection"] = counts.get("injection", 0) + fb.rejected
                counts = {c: counts[c] for c in REASON_CLASSES if c in counts}
                drafted += fb.rejected
            out.append(
                SectionReport(
                    section,
                    drafted,
                    counts,
                    redrafted=sum(p.source == "llm-redrafted" for p in provs),
                    replaced=sum(p.source == "deterministic" and p.rejected for p in provs),
                    dropped=sum(p.source == "dropped" for p in provs),
                    fallback=fb,
                )
            )
        return WriterReport(self.model, self.base_url, self.requests, tuple(out))

    def to_manifest(self) -> dict[str, Any]:
        """A JSON-ready record for the run manifest."""
        return {
            "writer": "llm",
            "model": self.model,
            "base_url": self.base_url,
            "requests": self.requests,
            "counts": self.counts(),
            "section_reasons": dict(self.section_reasons),
            "report": self.report().to_dict(),
            "sentences": [p.to_dict() for p in self.provenance],
        }


# --------------------------------------------------------------------------------------------
# the writer


class _Deadline(Exception):
    """An attempt ran past its total time."""


class _TooLarge(Exception):
    """A reply longer than max_response_bytes."""


class LLMWriter:
    """Prose from an OpenAI-compatible endpoint, guarded against anything that is not a fact.

    Parameters
    ----------
    base_url
        The API root, e.g. ``https://api.openai.com/v1``, ``http://localhost:11434/v1`` (Ollama),
        ``http://localhost:8000/v1`` (vLLM, llama.cpp server).
    model
        Model name sent with each request.
    api_key_env
        Environment variable holding the key. Local servers need none; when the variable is unset
        no ``Authorization`` header is sent.
    timeout_s
        Seconds each attempt may take in all (connecting, waiting, reading); ``--llm-timeout``.
    max_attempts
        Redraft requests per sentence that fails the guard before the deterministic sentence
        replaces it.
    retries
        Retries of a request that timed out, could not connect, or got HTTP 408, 429 or 5xx;
        ``--llm-retries``. The wait before retry *k* is ``backoff_s * 2**(k-1)`` seconds, or what
        the server's ``Retry-After`` asks, at most ``max_backoff_s``.
    backoff_s, max_backoff_s
        See ``retries`` (seconds).
    temperature
        Sampling temperature.
    strict
        Raise :class:`~thesis.errors.WritingError` when the endpoint fails instead of falling back.
    extra_allowed
        Further spans the guard accepts (see :func:`thesis.writing.guard.check_sentence`).
    max_reply_chars
        A section reply longer than this (characters, after cleaning) is discarded whole.
    max_response_bytes
        A response body longer than this is not read further (a bad response).
    """

    def __init__(
        self,
        base_url: str,
        model: str,
        api_key_env: str = "OPENAI_API_KEY",
        timeout_s: float = 30.0,
        max_attempts: int = 3,
        *,
        retries: int = 2,
        backoff_s: float = 0.5,
        max_backoff_s: float = 8.0,
        temperature: float = 0.2,
        strict: bool = False,
        extra_allowed: Iterable[str | float | int] = (),
        max_reply_chars: int = 20_000,
        max_response_bytes: int = 2_000_000,
    ) -> None:
        if not base_url or not re.match(r"^https?://[^\s/]", base_url):
            raise WritingError(
                f"LLM base URL {base_url!r} is not an http(s) URL",
                where="--llm-base-url",
                fix="pass the API root, e.g. http://localhost:11434/v1 or https://api.openai.com/v1",
            )
        if not model:
            raise WritingError(
                "no LLM model name given",
                where="--llm-model",
                fix="pass the model name the endpoint serves, e.g. --llm-model llama3.1",
            )
        if (
            isinstance(timeout_s, bool)
            or not isinstance(timeout_s, int | float)
            or not math.isfinite(timeout_s)
            or timeout_s <= 0
        ):
            raise WritingError(
                f"LLM timeout must be a positive number of seconds, got {timeout_s!r}",
                where="--llm-timeout (llm.timeout_s)",
                fix="pass seconds per request, e.g. --llm-timeout 30",
            )
        if isinstance(retries, bool) or not isinstance(retries, int) or not 0 <= retries <= 10:
            raise WritingError(
                f"LLM retries must be a whole number from 0 to 10, got {retries!r}",
                where="--llm-retries (llm.retries)",
                fix="pass how often to retry a failed request, e.g. --llm-retries 2",
            )
        if not max_attempts >= 0:
            raise WritingError(
                f"max_attempts must be ≥ 0, got {max_attempts!r}",
                where="llm.max_attempts",
                fix="pass the redraft requests allowed per sentence, e.g. 3",
            )
        if not (math.isfinite(backoff_s) and backoff_s >= 0 and math.isfinite(max_backoff_s)):
            raise WritingError(
                f"LLM backoff must be finite seconds ≥ 0, got {backoff_s!r}, {max_backoff_s!r}",
                where="llm.backoff_s, llm.max_backoff_s",
                fix="pass e.g. backoff_s=0.5, max_backoff_s=8",
            )
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.api_key_env = api_key_env
        self.timeout_s = float(timeout_s)
        self.max_attempts = int(max_attempts)
        self.retries = int(retries)
        self.backoff_s = float(backoff_s)
        self.max_backoff_s = float(max_backoff_s)
        self.temperature = float(temperature)
        self.strict = strict
        self.extra_allowed = tuple(extra_allowed)
        self.max_reply_chars = int(max_reply_chars)
        self.max_response_bytes = int(max_response_bytes)
        self._http: Any = None
        self._requests = 0
        self._down: str | None = None

    # -- transport ------------------------------------------------------------------------

    @property
    def _where(self) -> str:
        return f"{self.base_url} (model {self.model})"

    def _client(self) -> Any:
        if self._http is None:
            import httpx

            from thesis._tls import ssl_context

            self._http = httpx.Client(
                timeout=httpx.Timeout(self.timeout_s), follow_redirects=False, verify=ssl_context()
            )
        return self._http

    def close(self) -> None:
        """Close the HTTP connection pool (``write`` does so when it ends)."""
        if self._http is not None:
            self._http.close()
            self._http = None

    def _post(self, payload: dict[str, Any]) -> tuple[int, bytes, Mapping[str, str]]:
        """One attempt: (status, body, headers); the body read within the deadline and size cap."""
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        key = os.environ.get(self.api_key_env)
        if key:
            headers["Authorization"] = f"Bearer {key}"
        deadline = time.monotonic() + self.timeout_s
        chunks: list[bytes] = []
        size = 0
        with self._client().stream(
            "POST", f"{self.base_url}/chat/completions", json=payload, headers=headers
        ) as resp:
            for chunk in resp.iter_bytes():
                size += len(chunk)
                if size > self.max_response_bytes:
                    raise _TooLarge
                if time.monotonic() > deadline:
                    raise _Deadline
                chunks.append(chunk)
            return resp.status_code, b"".join(chunks), resp.headers

    def _delay(self, retry: int, retry_after: float | None) -> float:
        if retry_after is not None:
            return max(0.0, min(self.max_backoff_s, retry_after))
        return min(self.max_backoff_s, self.backoff_s * 2 ** (retry - 1))

    def _fail(self, what: str, fix: str, kind: str, status: int | None = None) -> LLMRequestError:
        return LLMRequestError(what, where=self._where, fix=fix, kind=kind, status=status)

    def _complete(self, messages: list[dict[str, str]]) -> str:
        """One chat completion (stream off), with retries; the reply's text.

        Raises
        ------
        LLMRequestError
            What failed, where and how to fix it, after the retries.
        """
        import httpx

        self._requests += 1
        payload = {
            "model": self.model,
            "messages": messages,
            "temperature": self.temperature,
            "stream": False,
        }
        last: LLMRequestError | None = None
        retry_after: float | None = None
        tries = self.retries + 1
        for attempt in range(1, tries + 1):
            if attempt > 1:
                time.sleep(self._delay(attempt - 1, retry_after))
            retry_after = None
            try:
                status, body, headers = self._post(payload)
            except (_Deadline, httpx.TimeoutException):
                last = self._fail(
                    f"the request timed out: no complete answer within {self.timeout_s:g} s",
                    f"check that the server at {self.base_url} is running and not overloaded, "
                    f"or raise --llm-timeout (now {self.timeout_s:g} s) or --llm-retries "
                    f"(now {self.retries})",
                    "timeout",
                )
                continue
            except _TooLarge:
                raise self._fail(
                    f"malformed response: the reply is larger than {self.max_response_bytes:,} bytes",
                    "check that --llm-base-url points at a chat-completions API",
                    "bad response",
                ) from None
            except httpx.ConnectError as exc:
                last = self._fail(
                    f"could not connect ({_printable(str(exc) or type(exc).__name__)})",
                    f"start the server at {self.base_url}, or correct --llm-base-url",
                    "connection",
                )
                continue
            except httpx.HTTPError as exc:  # a dropped connection, a protocol error
                last = self._fail(
                    f"the connection failed ({type(exc).__name__}: {_printable(str(exc))})",
                    f"check the server at {self.base_url}, or raise --llm-retries",
                    "connection",
                )
                continue
            if 200 <= status < 300:
                return self._parse(body)
            last = self._fail(
                f"HTTP {status} from the endpoint{_error_detail(body)}",
                _http_fix(status, self.api_key_env),
                "http",
                status,
            )
            if status not in (408, 429) and status < 500:
                break  # a request error: asking again gives the same answer
            retry_after = _retry_after(headers)
        assert last is not None
        if attempt > 1:
            last = LLMRequestError(
                f"{last.what} (after {attempt} attempts)",
                where=self._where,
                fix=last.fix or "",
                kind=last.kind,
                status=last.status,
                attempts=attempt,
            )
        raise last

    def _parse(self, body: bytes) -> str:
        fix = (
            "check that --llm-base-url points at an OpenAI-compatible API root (ending in /v1) "
            "and that --llm-model names a chat model"
        )
        try:
            data = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            head = _printable(body[:60].decode("utf-8", "replace"), 60)
            raise self._fail(
                f"malformed response: the reply is not JSON (it begins {head!r})",
                fix,
                "bad response",
            ) from None
        try:
            content = data["choices"][0]["message"]["content"]
        except (KeyError, IndexError, TypeError):
            raise self._fail(
                f"malformed response: no choices[0].message.content in the reply ({_shape(data)})",
                fix,
                "bad response",
            ) from None
        if not isinstance(content, str) or not content.strip():
            raise self._fail(
                "malformed response: the response's message content is empty"
                if not content or isinstance(content, str)
                else f"malformed response: the message content is a {type(content).__name__}",
                fix,
                "bad response",
            )
        return content

    # -- prompts --------------------------------------------------------------------------

    def section_messages(
        self, section: str, sentences: Sequence[str], table: str
    ) -> list[dict[str, str]]:
        """The chat messages asking for one section's prose."""
        outline = "\n".join(f"- {s}" for s in sentences)
        user = (
            f"FACTS (the only numbers you may use):\n{table}\n\n"
            f"SECTION: {section}\n"
            f"OUTLINE (keep its facts and conditions, improve the prose):\n{outline}\n\n"
            "Write this section as one or two paragraphs."
        )
        return [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": user}]

    def redraft_messages(
        self, section: str, sentence: str, reasons: Sequence[str], attempt: int, table: str
    ) -> list[dict[str, str]]:
        """The chat messages sending one failing sentence back with the guard's reasons."""
        why = "\n".join(f"- {r}" for r in reasons)
        user = (
            f"FACTS (the only numbers you may use):\n{table}\n\n"
            f"SECTION: {section}\n"
            f"REDRAFT (attempt {attempt}): this sentence breaks the rules (numbers that are not "
            f"in the facts, promises, advice):\n"
            f"{why}\n\nSENTENCE: {sentence}\n\n"
            "Rewrite this one sentence using only numbers from the facts (or none), hedged, with "
            "no advice. Reply with the sentence only."
        )
        return [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": user}]

    # -- writing --------------------------------------------------------------------------

    def write(
        self,
        outline: Mapping[str, Sequence[str]],
        facts: FactSheet | Iterable[Fact],
        *,
        strict: bool | None = None,
        section_facts: Mapping[str, Iterable[str]] | None = None,
    ) -> LLMDraft:
        """Write every section of ``outline`` through the model and the guard.

        Parameters
        ----------
        outline
            Section name → the deterministic writer's sentences for it (also the fallback).
        facts
            The facts the text may use.
        strict
            Overrides the writer's ``strict``.
        section_facts
            Section name → the ids of the facts its outline uses. When given, each section's draft
            is held to those facts (and to dates): a number that happens to equal some unrelated
            fact elsewhere in the outlook (an invented "12.5%" matching a stress loss of 12.48 %)
            is rejected. The model is shown only that section's facts.

        Returns
        -------
        LLMDraft
            Final prose per section, in the outline's order, the provenance of each sentence and
            every fallback (see :meth:`LLMDraft.report`).

        Raises
        ------
        WritingError
            Only with ``strict``: the endpoint failed (timeout, HTTP error, malformed response).
        """
        strict = self.strict if strict is None else strict
        self._requests = 0
        self._down = None
        try:
            return self._write(outline, list(facts), strict, section_facts)
        finally:
            self.close()

    def _write(
        self,
        outline: Mapping[str, Sequence[str]],
        all_facts: list[Fact],
        strict: bool,
        section_facts: Mapping[str, Iterable[str]] | None,
    ) -> LLMDraft:
        facts = all_facts
        table = facts_table(facts)
        sections: dict[str, str] = {}
        provenance: list[Provenance] = []
        fallbacks: dict[str, SectionFallback] = {}

        def redraft(section: str, sentence: str, reasons: Sequence[str], attempt: int) -> str:
            if self._down is not None:
                raise LLMRequestError(
                    f"not asked: {self._down}", where=self._where, fix="", kind="skipped"
                )
            try:
                return _clean(
                    self._complete(
                        self.redraft_messages(section, sentence, reasons, attempt, table)
                    )
                )[0]
            except LLMRequestError as exc:
                if exc.kind in ("timeout", "connection"):
                    self._down = f"the endpoint failed on a redraft for {section!r} ({exc.kind})"
                raise

        def deterministic(section: str, sentences: list[str], fb: SectionFallback) -> None:
            fallbacks[section] = fb
            sections[section] = " ".join(sentences)
            index = _Index.of(facts)  # prepared once for the section, not once per sentence
            for i, s in enumerate(sentences):
                res = check_sentence(s, facts, self.extra_allowed, _index=index)
                provenance.append(
                    Provenance(section, i, s, "deterministic", 0, (fb.reason,), res.fact_ids)
                )

        for section, sentences in outline.items():
            sentences = list(sentences)
            if section_facts is not None and section in section_facts:
                allowed = set(section_facts[section])
                facts = [f for f in all_facts if f.id in allowed or f.unit == "date"]
                table = facts_table(facts)
            if self._down is not None:
                reason = f"not asked: {self._down}"
                deterministic(
                    section, sentences, SectionFallback(section, "skipped", reason, reason)
                )
                continue
            try:
                reply = self._complete(self.section_messages(section, sentences, table))
            except LLMRequestError as exc:
                if strict:
                    raise WritingError(
                        f"the LLM request for section {section!r} failed: {exc.what}",
                        where=exc.where,
                        fix=f"{exc.fix}; or drop strict mode to fall back to the deterministic "
                        "writer",
                    ) from exc
                if exc.kind in ("timeout", "connection"):
                    self._down = f"the endpoint failed on section {section!r} ({exc.kind})"
                failed = SectionFallback(
                    section,
                    exc.kind,
                    exc.what,
                    f"section {section!r} fell back to the deterministic writer: {exc}",
                )
                deterministic(section, sentences, failed)
                continue
            discarded = self._whole_reply_check(section, reply)
            if discarded is not None:
                deterministic(section, sentences, discarded)
                continue
            text, removed = _clean(reply)
            provenance.extend(
                Provenance(section, 0, "", "dropped", 0, (why,), (), line, (cls,))
                for line, cls, why in removed
            )
            if not text:
                reason = "the model's reply holds no prose besides headings, fences or a preamble"
                deterministic(
                    section,
                    sentences,
                    SectionFallback(
                        section,
                        "bad response",
                        reason,
                        f"section {section!r} fell back to the deterministic writer: {reason} "
                        f"({self._where})\nFix: check that --llm-model names a chat model that "
                        "follows the prompt",
                    ),
                )
                continue
            guarded = guard_draft(
                {section: text},
                facts,
                fallback={section: sentences},
                redraft=redraft,
                max_attempts=self.max_attempts,
                extra_allowed=self.extra_allowed,
                max_redrafts=self.max_attempts * max(len(sentences), 1),
            )
            redraft_failed = any(
                "request failed" in " ".join(p.reasons) for p in guarded.provenance
            )
            if strict and redraft_failed:
                raise WritingError(
                    f"an LLM redraft request for section {section!r} failed",
                    where=self._where,
                    fix="check the endpoint, or drop strict mode to fall back",
                )
            provenance.extend(guarded.provenance)
            if guarded.sections[section].strip():
                sections[section] = guarded.sections[section]
                continue
            reason = "the guard rejected every sentence of the model's reply"
            deterministic(
                section,
                sentences,
                SectionFallback(
                    section,
                    "all rejected",
                    reason,
                    f"section {section!r} fell back to the deterministic writer: {reason} "
                    f"({self._where})",
                ),
            )
        return LLMDraft(
            sections,
            tuple(provenance),
            {s: fb.reason for s, fb in fallbacks.items()},
            self.model,
            self.base_url,
            self._requests,
            fallbacks,
        )

    def _whole_reply_check(self, section: str, reply: str) -> SectionFallback | None:
        """A reply too long to read, or holding an instruction aimed at the model, is discarded."""
        if len(reply) > self.max_reply_chars:
            reason = (
                f"the model's reply is {len(reply):,} characters, more than the "
                f"{self.max_reply_chars:,} accepted"
            )
            return SectionFallback(
                section,
                "too long",
                reason,
                f"section {section!r} fell back to the deterministic writer: {reason} "
                f"({self._where})\nFix: check the model, or raise max_reply_chars",
            )
        found = find_instructions(reply)
        if not found:
            return None
        shown = _printable(found[0].text, 60)
        n = sum(len(p) for p in paragraph_sentences(reply))
        reason = (
            f"the model's reply holds an instruction aimed at the model ({shown!r}); "
            f"its {n} sentence{'s' * (n != 1)} were discarded"
        )
        return SectionFallback(
            section,
            "injection",
            reason,
            f"section {section!r} fell back to the deterministic writer: {reason} "
            f"({self._where})\nFix: use a model and endpoint you trust; nothing from this reply "
            "reached the article",
            rejected=n,
        )


def _shape(data: Any) -> str:
    """A few words on what a JSON reply held instead of a chat completion."""
    if not isinstance(data, dict):
        return f"the reply is a JSON {type(data).__name__}"
    choices = data.get("choices")
    if choices is None:
        keys = ", ".join(_printable(str(k), 20) for k in list(data)[:5])
        return f"no 'choices'; keys: {keys or 'none'}"
    if not isinstance(choices, list):
        return f"'choices' is a {type(choices).__name__}"
    if not choices:
        return "'choices' is empty"
    return "choices[0] has no message content"


def _error_detail(body: bytes) -> str:
    """': message' from an OpenAI-style error body, made printable; empty when there is none."""
    try:
        data = json.loads(body)
        msg = data["error"]["message"] if isinstance(data["error"], dict) else data["error"]
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return ""
    return f": {_printable(str(msg), 120)}" if msg else ""


def _http_fix(status: int, key_env: str) -> str:
    if status in (401, 403):
        return f"check the API key in ${key_env} (--llm-key-env)"
    if status == 404:
        return "check --llm-base-url (the API root, often ending in /v1) and --llm-model"
    if status == 429:
        return "the endpoint is rate-limiting: wait, or raise --llm-retries"
    if status >= 500:
        return "the server failed: check its log, or raise --llm-retries"
    return "check --llm-base-url and --llm-model"


def _retry_after(headers: Mapping[str, str]) -> float | None:
    """Seconds the server asks to wait (``retry-after-ms`` or ``retry-after`` in seconds)."""
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        raw = headers.get(name)
        if raw is None:
            continue
        try:
            value = float(raw) * scale
        except ValueError:
            continue  # an HTTP date: fall back to the backoff
        if math.isfinite(value):
            return value
    return None


_PREAMBLE_RE = re.compile(r"(?:here is|here's|here are|sure[,!]|certainly[,!]|of course[,!])", re.I)


def _clean(content: str) -> tuple[str, list[tuple[str, str, str]]]:
    """A model's reply without an outer code fence, heading lines and a leading "Here is ..."
    line; the removed lines come back as (line, reason class, reason), to be reported."""
    text = content.strip()
    text = re.sub(r"^```[a-zA-Z]*\n|\n?```$", "", text).strip()
    removed: list[tuple[str, str, str]] = []
    lines: list[str] = []
    for ln in text.splitlines():
        st = ln.strip()
        if st.startswith("#"):
            removed.append(
                (ln, "markup", f"{_printable(st, 40)!r} is a Markdown heading line (markup)")
            )
            continue
        first = not any(x.strip() for x in lines)
        if first and _PREAMBLE_RE.match(st) and (st.endswith(":") or len(st) < 60):
            removed.append(
                (ln, "injection", f"{_printable(st, 40)!r} is talk to the user (injection)")
            )
            continue
        lines.append(ln)
    return "\n".join(lines).strip(), removed
