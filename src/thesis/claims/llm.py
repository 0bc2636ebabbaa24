"""Optional model extraction (``thesis check --extractor llm``): a model proposes claim frames;
binding and verdicts stay deterministic.

:class:`LLMExtractor` sends the article to any OpenAI-compatible chat-completions endpoint (the
same kind the LLM writer uses: OpenAI, vLLM, Ollama, llama.cpp server) and asks for frames as JSON:
the exact quote, the number, the subject, the measure and the words that give the period and the
date. A proposal becomes a claim only when the article's own words bind it:

* its quote is an exact substring of the article;
* its number is a quantity written in the quote (same value, a compatible unit);
* its subject is the one the sentence binds to that number (a name before it, a resolved "the
  index"), or is named in the same sentence;
* its measure is one the checker judges, and a period it needs is given by words of the sentence
  that read as a period ("year-to-date", "in November"...).

Everything else is dropped, with a note in the report's warnings. A frame the rules already read
is not duplicated; the verdict of every claim is the deterministic judge's. When the endpoint
fails (timeout, HTTP error, malformed JSON), the check goes on with the rules' claims and says so.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from thesis.claims.binding import (
    Bind,
    bind_date,
    bind_period,
    bind_subject,
    make_claim,
    subject_gap,
)
from thesis.claims.frames import Claim, PeriodSpec
from thesis.claims.subjects import SECURITIES, SUBJECTS
from thesis.errors import CheckError

if TYPE_CHECKING:
    from openai.types.chat import ChatCompletionMessageParam

    from thesis.claims.extract import Extraction

__all__ = ["SYSTEM_PROMPT", "LLMExtractor"]

#: measures a proposal may name, with the label kind each gets
MEASURES = {
    "close": "level",
    "change": "pct_change",
    "points_change": "pct_change",
    "distance": "distance_to_level",
    "upside": "target_upside",
    "yield": "rate",
    "yield_change": "rate",
    "macro": "rate",
}
_MAX_CHARS = 24_000  # the part of an article sent to the model

SYSTEM_PROMPT = """\
You extract checkable numeric claims from a market article. Reply with JSON only:
{"claims": [{"quote": "...", "value": 0.0, "unit": "pct|points|bp|usd", "subject": "...",
 "measure": "close|change|points_change|distance|upside|yield|yield_change|macro",
 "period": "...", "date": "...", "level": null}]}
Rules:
- "quote" is copied exactly from the article (same characters), as short as the claim allows.
- "value" is the number as written in the quote (a fall is negative); "level" is the reference
  level of a distance or an upside ("1.3% below 6,900" → 6900).
- "subject" is one of: SUBJECTS.
- "period" and "date" are the article's own words that give them ("year-to-date", "on Thursday"),
  or null when the article does not say.
- Leave out forecasts, estimates, company figures and anything without a number."""


def _subject_keys() -> list[str]:
    return [s.key for s in (*SUBJECTS, *SECURITIES) if s.kind != "market"]


@dataclass
class LLMExtractor:
    """Frames proposed by a chat-completions endpoint (see the module docstring).

    Parameters
    ----------
    base_url
        The API root, e.g. ``http://127.0.0.1:8000/v1``.
    model
        Model name sent with each request.
    api_key_env
        Environment variable with the key (a placeholder is sent when unset: local servers need none).
    timeout
        Seconds for the request.
    max_retries
        The client's retries on timeouts, connection errors, 429 and 5xx.
    """

    base_url: str
    model: str
    api_key_env: str = "OPENAI_API_KEY"
    timeout: float = 60.0
    max_retries: int = 1

    def __post_init__(self) -> None:
        if not self.base_url or not re.match(r"^https?://", self.base_url):
            raise CheckError(
                f"LLM base URL {self.base_url!r} is not an http(s) URL",
                where="--llm-base-url",
                fix="pass the API root, e.g. http://127.0.0.1:11434/v1",
            )
        if not self.model:
            raise CheckError(
                "no LLM model name given",
                where="--llm-model",
                fix="pass the model the endpoint serves",
            )
        if self.timeout <= 0:
            raise CheckError(
                f"timeout must be positive, got {self.timeout}",
                where="--llm-timeout",
                fix="pass seconds, e.g. 60",
            )

    def messages(self, text: str) -> list[ChatCompletionMessageParam]:
        system = SYSTEM_PROMPT.replace("SUBJECTS", ", ".join(_subject_keys()))
        return [
            {"role": "system", "content": system},
            {"role": "user", "content": "ARTICLE:\n" + text[:_MAX_CHARS]},
        ]

    def propose(self, text: str) -> list[dict[str, Any]]:
        """The model's proposals, as dicts (raises on a transport error or a malformed reply)."""
        from openai import OpenAI  # heavy import, only with --extractor llm

        client = OpenAI(
            base_url=self.base_url.rstrip("/"),
            api_key=os.environ.get(self.api_key_env) or "not-needed",
            timeout=self.timeout,
            max_retries=self.max_retries,
        )
        resp = client.chat.completions.create(
            model=self.model, messages=self.messages(text), temperature=0.0, stream=False
        )
        try:
            content = resp.choices[0].message.content
        except (AttributeError, IndexError, TypeError) as exc:
            raise ValueError(f"no choices[0].message.content in the response ({exc})") from exc
        return parse_proposals(content or "")

    def merge(
        self, text: str, claims: list[Claim], ex: Extraction
    ) -> tuple[list[Claim], list[str]]:
        """The rules' claims plus the proposals the article's words bind; notes on the rest."""
        try:
            proposals = self.propose(text)
        except Exception as exc:  # the check goes on with the rules' claims
            return claims, [
                f"--extractor llm: no usable answer from {self.base_url} ({_describe(exc)}); the rules' claims only"
            ]
        kept: list[Claim] = []
        dropped: dict[str, int] = {}
        for p in proposals:
            c, why = bind_proposal(p, text, claims + kept, ex)
            if c is None:
                dropped[why] = dropped.get(why, 0) + 1
            else:
                kept.append(c)
        notes = [f"--extractor llm: {len(proposals)} frames proposed, {len(kept)} kept"]
        notes += [f"--extractor llm: {n} dropped: {why}" for why, n in sorted(dropped.items())]
        out = sorted(claims + kept, key=lambda c: (c.start, c.end))
        for i, c in enumerate(out, 1):
            c.id = f"c{i:02d}"
        return out, notes


def parse_proposals(content: str) -> list[dict[str, Any]]:
    """The ``claims`` list of a reply (code fences allowed); ``ValueError`` when it is not JSON."""
    s = content.strip()
    if s.startswith("```"):
        s = s.split("\n", 1)[1] if "\n" in s else ""
        s = s.rsplit("```", 1)[0]
    data = json.loads(s)
    if isinstance(data, dict):
        data = data.get("claims", [])
    if not isinstance(data, list):
        raise ValueError("the reply's JSON has no list of claims")
    return [d for d in data if isinstance(d, dict)]


def _describe(exc: Exception) -> str:
    status = getattr(exc, "status_code", None)
    if status is not None:
        return f"HTTP {status}"
    return f"{type(exc).__name__}: {str(exc)[:120]}"


def bind_proposal(
    p: dict[str, Any], text: str, have: list[Claim], ex: Extraction
) -> tuple[Claim | None, str]:
    """A claim from one proposal when the article's words bind it, else ``(None, why)``."""
    quote, measure = p.get("quote"), p.get("measure")
    if not isinstance(quote, str) or not quote.strip() or quote not in text:
        return None, "the quote is not in the article"
    if measure not in MEASURES:
        return None, "a measure the checker does not judge"
    try:
        value = float(p.get("value"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None, "no number"
    ctx = ex.ctx
    if ctx is None:
        return None, "no context"
    a = text.index(quote)
    b = a + len(quote)
    s = next((x for x in ctx.sents if x.start <= a < x.end), None)
    if s is None:
        return None, "the quote is not in a sentence the checker read"
    q = next(
        (
            x
            for x in s.quantities
            if a <= x.start < b and abs(abs(x.value) - abs(value)) <= 10 ** -(x.decimals + 1) * 5
        ),
        None,
    )
    if q is None:
        return None, "its number is not written in the quote"
    subj = bind_subject(ctx, s, q.start)
    want = p.get("subject")
    if subj.value is None or subj.value.key != want:
        named = next(
            (
                m
                for m in s.subjects
                if m.subject is not None and m.subject.key == want and m.start < q.start
            ),
            None,
        )
        if named is None:
            return None, "its subject is not the one its sentence names"
        # the model's choice, not the nearest name the rules bind: it can support, never contradict
        subj = Bind(named.subject, named.text, "named",
                    subject_gap(s, named, q.start) or "its subject is not the name nearest the number")  # fmt: skip
    if any(c.start <= q.start < c.end and c.measure == measure for c in have):
        return None, "the rules read it already"
    sign = -1 if value < 0 else 1
    needs: tuple[str, ...] = ("subject", "date")
    period = None
    if measure in ("change", "points_change", "yield_change"):
        period = bind_period(ctx, s, q, level_follows=False)
        if period.how in ("weak", "none"):
            # the model may name a period, but the sentence's own words must bind one
            return None, "no words of its sentence bind the period of that number"
        needs = ("subject", "date", "period")
    level = p.get("level")
    c = make_claim(
        ctx, s, kind=MEASURES[measure], measure=measure, subject=subj, parts=[(a, b)], rule="llm",
        value=q.value * sign if measure != "close" else q.value, unit={"points_change": "points", "yield_change": "bp"}.get(measure, q.unit),
        decimals=q.decimals, date=bind_date(ctx, s, q.start), period=period, hedge=s.hedge(q), direction=sign,
        level=float(level) if isinstance(level, int | float) else (q.value if measure == "close" else None), needs=needs,
        forecast_ok=measure in ("distance", "upside"), at=q.start,
    )  # fmt: skip
    if measure == "macro":
        c.extra["transform"] = "any"
        c.period = PeriodSpec("any", "")
    c.bound["proposed by"] = "the model (bound by the words above)"
    return c, ""
