"""The optional LLM writer, behind the numeric guard.

:class:`LLMWriter` asks any OpenAI-compatible chat-completions endpoint (OpenAI, vLLM, Ollama,
llama.cpp server) to turn the deterministic writer's outline into prose, one request per section. The
prompt gives the model the facts (ids, values, units, formatted) and the outline, and asks for prose
that uses only those numbers. Every draft then passes :func:`thesis.writing.guard.guard_draft`: a
sentence with a number that is not a fact is sent back with the reason, and after ``max_attempts``
redraft requests it is replaced by the deterministic sentence. A timeout, a 5xx after the client's
retries, or a malformed response makes that section fall back to the deterministic text, with the
reason recorded; the run never fails because the LLM did, unless ``strict=True``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from thesis.errors import WritingError
from thesis.facts import Fact, FactSheet
from thesis.writing.format import fmt
from thesis.writing.guard import Provenance, check_sentence, guard_draft

__all__ = ["SYSTEM_PROMPT", "LLMDraft", "LLMWriter", "facts_table"]

SYSTEM_PROMPT = """\
You are a careful financial writer. You rewrite an outline of a market outlook into clear prose.
Rules:
- Use ONLY numbers that appear in the FACTS list, written as in its 'formatted' column or rounded to
  fewer decimals. Never compute, estimate or invent a number; no other dates, years or percentages.
- Keep every fact the outline states, with its conditions and probabilities.
- Be hedged and plain: no hype, no advice, no promises.
- Reply with the prose only: no headings, no lists, no preamble."""


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


@dataclass(frozen=True)
class LLMDraft:
    """The guarded LLM text and where each sentence came from.

    Attributes
    ----------
    sections
        Section name → final prose.
    provenance
        One :class:`~thesis.writing.guard.Provenance` per sentence.
    section_reasons
        Sections that fell back to the deterministic text as a whole, with the reason.
    model, base_url
        The endpoint used.
    requests
        Chat requests made (drafts and redrafts; the client's own retries not counted).
    """

    sections: dict[str, str]
    provenance: tuple[Provenance, ...]
    section_reasons: dict[str, str] = field(default_factory=dict)
    model: str = ""
    base_url: str = ""
    requests: int = 0

    def counts(self) -> dict[str, int]:
        """Sentences by source ("llm", "llm-redrafted", "deterministic", "dropped")."""
        out: dict[str, int] = {}
        for p in self.provenance:
            out[p.source] = out.get(p.source, 0) + 1
        return out

    def to_manifest(self) -> dict[str, Any]:
        """A JSON-ready record for the run manifest."""
        return {
            "writer": "llm",
            "model": self.model,
            "base_url": self.base_url,
            "requests": self.requests,
            "counts": self.counts(),
            "section_reasons": dict(self.section_reasons),
            "sentences": [p.to_dict() for p in self.provenance],
        }


class _Malformed(Exception):
    """The endpoint answered, but not with a usable chat completion."""


class LLMWriter:
    """Prose from an OpenAI-compatible endpoint, guarded against numbers that are not facts.

    Parameters
    ----------
    base_url
        The API root, e.g. ``https://api.openai.com/v1``, ``http://localhost:11434/v1`` (Ollama),
        ``http://localhost:8000/v1`` (vLLM, llama.cpp server).
    model
        Model name sent with each request.
    api_key_env
        Environment variable holding the key. Local servers need none; when the variable is unset a
        placeholder is sent.
    timeout
        Seconds per request.
    max_attempts
        Redraft requests per sentence that fails the guard before the deterministic sentence
        replaces it.
    max_retries
        The client's retries of a request on timeouts, connection errors, 429 and 5xx.
    temperature
        Sampling temperature.
    strict
        Raise :class:`~thesis.errors.WritingError` when the endpoint fails instead of falling back.
    extra_allowed
        Further spans the guard accepts (see :func:`thesis.writing.guard.check_sentence`).
    """

    def __init__(
        self,
        base_url: str,
        model: str,
        api_key_env: str = "OPENAI_API_KEY",
        timeout: float = 30.0,
        max_attempts: int = 3,
        *,
        max_retries: int = 2,
        temperature: float = 0.2,
        strict: bool = False,
        extra_allowed: Iterable[str | float | int] = (),
    ) -> None:
        if not base_url or not re.match(r"^https?://", base_url):
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
        if timeout <= 0:
            raise WritingError(
                f"LLM timeout must be positive, got {timeout}",
                where="LLMWriter(timeout=...)",
                fix="pass seconds per request, e.g. 30",
            )
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.api_key_env = api_key_env
        self.timeout = float(timeout)
        self.max_attempts = int(max_attempts)
        self.max_retries = int(max_retries)
        self.temperature = float(temperature)
        self.strict = strict
        self.extra_allowed = tuple(extra_allowed)
        self._client: Any = None
        self._requests = 0

    # -- transport ------------------------------------------------------------------------

    def _get_client(self) -> Any:
        if self._client is None:
            from openai import OpenAI  # heavy import, only when the LLM writer is used

            key = os.environ.get(self.api_key_env) or "not-needed"
            self._client = OpenAI(
                base_url=self.base_url,
                api_key=key,
                timeout=self.timeout,
                max_retries=self.max_retries,
            )
        return self._client

    def _complete(self, messages: list[dict[str, str]]) -> str:
        """One chat completion (stream off); the reply's text, or :class:`_Malformed`."""
        self._requests += 1
        resp = self._get_client().chat.completions.create(
            model=self.model,
            messages=messages,
            temperature=self.temperature,
            stream=False,
        )
        try:
            content = resp.choices[0].message.content
        except (AttributeError, IndexError, TypeError) as exc:
            raise _Malformed(f"no choices[0].message.content in the response ({exc})") from exc
        if not isinstance(content, str) or not content.strip():
            raise _Malformed("the response's message content is empty")
        return _clean(content)

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
            f"REDRAFT (attempt {attempt}): this sentence uses numbers that are not in the facts:\n"
            f"{why}\n\nSENTENCE: {sentence}\n\n"
            "Rewrite this one sentence using only numbers from the facts (or none). "
            "Reply with the sentence only."
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
            Final prose per section, in the outline's order, and the provenance of each sentence.

        Raises
        ------
        WritingError
            Only with ``strict``: the endpoint failed (timeout, HTTP error, malformed response).
        """
        strict = self.strict if strict is None else strict
        all_facts = list(facts)
        facts = all_facts
        table = facts_table(facts)
        self._requests = 0
        sections: dict[str, str] = {}
        provenance: list[Provenance] = []
        section_reasons: dict[str, str] = {}
        down: str | None = None  # after a timeout or connection failure, stop asking

        def redraft(section: str, sentence: str, reasons: Sequence[str], attempt: int) -> str:
            return self._complete(self.redraft_messages(section, sentence, reasons, attempt, table))

        for section, sentences in outline.items():
            sentences = list(sentences)
            if section_facts is not None and section in section_facts:
                allowed = set(section_facts[section])
                facts = [f for f in all_facts if f.id in allowed or f.unit == "date"]
                table = facts_table(facts)
            reason = down
            text = ""
            if reason is None:
                try:
                    text = self._complete(self.section_messages(section, sentences, table))
                except Exception as exc:  # the run never fails because the LLM did
                    reason = self._describe(exc)
                    if strict:
                        raise WritingError(
                            f"the LLM request for section {section!r} failed: {reason}",
                            where=f"{self.base_url} (model {self.model})",
                            fix="check the endpoint and model, raise --llm-timeout, or drop "
                            "strict mode to fall back to the deterministic writer",
                        ) from exc
                    if _is_transport(exc):
                        down = f"skipped after an earlier failure: {reason}"
            if reason is not None:
                section_reasons[section] = reason
                sections[section] = " ".join(sentences)
                for i, s in enumerate(sentences):
                    res = check_sentence(s, facts, self.extra_allowed)
                    provenance.append(
                        Provenance(section, i, s, "deterministic", 0, (reason,), res.fact_ids)
                    )
                continue
            guarded = guard_draft(
                {section: text},
                facts,
                fallback={section: sentences},
                redraft=redraft,
                max_attempts=self.max_attempts,
                extra_allowed=self.extra_allowed,
            )
            if strict:
                failed = [
                    p
                    for p in guarded.provenance
                    if p.reasons and "request failed" in " ".join(p.reasons)
                ]
                if failed:
                    raise WritingError(
                        f"an LLM redraft request for section {section!r} failed",
                        where=f"{self.base_url} (model {self.model})",
                        fix="check the endpoint, or drop strict mode to fall back",
                    )
            sections[section] = guarded.sections[section]
            provenance.extend(guarded.provenance)
        return LLMDraft(
            sections, tuple(provenance), section_reasons, self.model, self.base_url, self._requests
        )

    @staticmethod
    def _describe(exc: Exception) -> str:
        name = type(exc).__name__
        status = getattr(exc, "status_code", None)
        if status is not None:
            return f"HTTP {status} from the endpoint ({name})"
        if name == "APITimeoutError":
            return "the request timed out (APITimeoutError)"
        if isinstance(exc, _Malformed):
            return f"malformed response: {exc}"
        return f"{name}: {exc}"


def _is_transport(exc: Exception) -> bool:
    """A timeout or a refused connection: the endpoint is down, later sections would fail too."""
    return type(exc).__name__ in ("APITimeoutError", "APIConnectionError")


def _clean(content: str) -> str:
    """Strip code fences, headings and a leading "Here is ..." line from a model's reply."""
    text = content.strip()
    text = re.sub(r"^```[a-zA-Z]*\n|\n?```$", "", text).strip()
    lines = [ln for ln in text.splitlines() if not ln.lstrip().startswith("#")]
    if lines and re.match(r"^(here is|here's|sure[,!])", lines[0].strip(), re.IGNORECASE):
        lines = lines[1:]
    return "\n".join(lines).strip()
