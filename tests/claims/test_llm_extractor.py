"""`--extractor llm` against a real HTTP server on 127.0.0.1 replaying chat-completions JSON.

The model proposes frames; only those the article's words bind are kept, and the verdict is the
deterministic judge's. Dropped: a quote that is not in the article, a number that is not in its
quote, a subject its sentence does not name, a measure the checker does not judge, a frame the
rules already read. A failing endpoint (HTTP 500, malformed JSON) leaves the rules' claims.
"""

from __future__ import annotations

import json

import pytest
from werkzeug import Request, Response

from thesis.claims import check_text, parse_article
from thesis.claims.llm import LLMExtractor, parse_proposals
from thesis.errors import CheckError

MODEL = "scripted-extractor"
# "firmer" is no word of movement the rules know: they read the figure as 'other'; the model's
# frame for it is bound by the sentence's own words (the name, the number, "finished")
ARTICLE = (
    "# date: 2025-11-26\n"
    "The S&P 500 finished the session 0.69% firmer at 6,812.61 on Wednesday.\n"
    "The 10-year Treasury yield slipped to 4.00%.\n"
)
GOOD = {
    "quote": "The S&P 500 finished the session 0.69% firmer",
    "value": 0.69,
    "unit": "pct",
    "subject": "sp500",
    "measure": "change",
    "period": "the session",
    "date": "on Wednesday",
}
WRONG = {
    **GOOD,
    "quote": "The S&P 500 finished the session 2.5% firmer",
    "value": 2.5,
}  # not in the text
UNBOUND = {**GOOD, "subject": "dow"}  # the sentence names the S&P 500
NOT_IN_QUOTE = {**GOOD, "value": 1.5}
SEEN = {
    "quote": "The 10-year Treasury yield slipped to 4.00%",
    "value": 4.0,
    "unit": "pct",
    "subject": "ust10y",
    "measure": "yield",
}  # the rules read it already
ODD = {**GOOD, "measure": "sentiment"}  # fmt: skip


def completion(content: str) -> Response:
    payload = {
        "id": "chatcmpl-test", "object": "chat.completion", "created": 1764115200, "model": MODEL,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
    }  # fmt: skip
    return Response(json.dumps(payload), status=200, content_type="application/json")


@pytest.fixture
def endpoint(httpserver):
    requests: list[dict] = []

    def serve(reply):
        def handler(request: Request) -> Response:
            requests.append(json.loads(request.get_data()))
            return reply() if callable(reply) else completion(reply)

        httpserver.expect_request("/v1/chat/completions", method="POST").respond_with_handler(
            handler
        )
        return LLMExtractor(httpserver.url_for("/v1"), MODEL, max_retries=0, timeout=10), requests

    return serve


def test_bound_frames_are_kept_and_judged_by_the_data(endpoint, claims_store):
    extractor, requests = endpoint(
        "```json\n"
        + json.dumps({"claims": [GOOD, WRONG, UNBOUND, NOT_IN_QUOTE, SEEN, ODD]})
        + "\n```"
    )
    rep = check_text(parse_article(ARTICLE), claims_store, extractor=extractor)
    llm = [r for r in rep.results if r.claim.rule == "llm"]
    assert len(llm) == 1
    (r,) = llm
    # 6812.61 / 6765.88 − 1 = +0.69% (2025-11-25 → 11-26), the judge's own computation
    assert (
        r.verdict == "supported" and r.claim.subject.key == "sp500" and r.claim.period.kind == "day"
    )
    assert "proposed by" in r.claim.bound
    notes = " ".join(rep.warnings)
    assert "6 frames proposed, 1 kept" in notes
    for why in ("the quote is not in the article", "its number is not written in the quote",
                "its subject is not the one its sentence names", "the rules read it already",
                "a measure the checker does not judge"):  # fmt: skip
        assert why in notes, notes
    body = requests[0]
    assert body["model"] == MODEL and "ARTICLE:" in body["messages"][-1]["content"]


def test_a_failing_endpoint_leaves_the_rules_claims(endpoint, claims_store):
    extractor, _ = endpoint(lambda: Response("{}", status=500, content_type="application/json"))
    rep = check_text(parse_article(ARTICLE), claims_store, extractor=extractor)
    assert not [r for r in rep.results if r.claim.rule == "llm"]
    assert any("HTTP 500" in w and "rules' claims only" in w for w in rep.warnings)
    assert any(r.claim.measure == "yield" for r in rep.results)


def test_malformed_json_is_a_note_not_a_crash(endpoint, claims_store):
    extractor, _ = endpoint("here are the claims: none")
    rep = check_text(parse_article(ARTICLE), claims_store, extractor=extractor)
    assert any("no usable answer" in w for w in rep.warnings)


def test_options_are_checked():
    with pytest.raises(CheckError, match="--llm-base-url"):
        LLMExtractor("ftp://x", MODEL)
    with pytest.raises(CheckError, match="--llm-model"):
        LLMExtractor("http://127.0.0.1:9/v1", "")
    assert parse_proposals('[{"quote": "x"}, 3]') == [{"quote": "x"}]
