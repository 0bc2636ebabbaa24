"""The demo on the bundled offline data (no ../shared needed): outputs, scorecard, edge cases.

``bundled_store`` (tests/conftest.py) is this module's copy of the bundle built once per test run.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from shared_runs import demo_spec

from thesis.data.store import Store
from thesis.pipeline import run_thesis

_demo = demo_spec


def test_demo_writes_the_article_and_a_complete_scorecard(demo_run) -> None:
    res, out = demo_run
    f = res.facts
    assert f["sp500.level_date"].value == "2021-12-31"
    # the bundle ends on 2022-12-28, the horizon: every call is settled
    assert f["scorecard.sp500.complete"].value is True
    assert f["scorecard.sp500.last_date"].value == "2022-12-28"
    # the S&P 500 never closed at 5,000 in 2022 (its high close was 4,796.56 on 2022-01-03)
    assert f["scorecard.sp500.touched.5000"].value is False
    assert f["scorecard.sp500.path_max"].value == pytest.approx(4796.56, abs=0.01)
    p = f["sp500.p_touch.5000.gbm"].value
    assert f["scorecard.sp500.brier_touch.5000.gbm"].value == pytest.approx(p**2)
    text = (out / "article.md").read_text()
    assert "## Scorecard" in text and "## Portfolio" in text
    assert (out / "tearsheet" / "tearsheet.html").exists()
    # the bundle has no earnings: the article says so instead of inventing a valuation
    assert "sp500.range.base.low" not in f
    assert "valuation" in " ".join(res.notes)


def test_a_level_below_the_close_is_fallen_to_not_already_reached(bundled_store: Store) -> None:
    """Issue 9: a target below the current level got no touch probability, and "already reached"
    fired for any level crossed at some time in history. Now a level below the close is one the
    index falls to (a touch probability, and the close at or below it), and "already reached"
    means the thesis's own condition holds on as_of."""
    spec = _demo()
    idx = spec.index.model_dump(by_alias=True, exclude_unset=True)
    idx["targets"] = [{"level": 4700.0}]  # below the 2021-12-31 close of 4,766.18
    idx["levels"] = [{"level": 4600.0, "event": "close_above"}]  # holds on as_of
    res = run_thesis(spec.with_overrides(index=idx), bundled_store, with_scorecard=False)
    f = res.facts
    p_fall = f["sp500.p_touch.4700.gbm"].value  # falling to 4,700 at some close before the horizon
    p_below = f["sp500.p_close_below.4700.gbm"].value
    assert 0 < p_below < p_fall < 1
    assert "sp500.already_reached.4700" not in f  # the target (a close at or below) does not hold
    assert f["sp500.already_reached.4600"].value is True  # a close at or above 4,600 holds today
    p = f["sp500.p_close_above.4600.gbm"].value  # but whether it still does is uncertain
    assert 0.5 < p < 1.0
    # 4,000 was crossed long before 2021, yet it is not "already reached": nothing says so
    idx["thresholds"] = [4000.0]
    res = run_thesis(spec.with_overrides(index=idx), bundled_store, with_scorecard=False)
    assert "sp500.already_reached.4000" not in res.facts
    assert 0 < res.facts["sp500.p_touch.4000.gbm"].value < 0.5


def test_llm_writer_end_to_end_behind_the_guard(
    bundled_store: Store, tmp_path: Path, httpserver, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real chat-completions server on 127.0.0.1 rewrites each section from its outline; in the
    summary it also slips in a made-up figure, which the guard must keep out of the article."""
    import json
    import re

    from werkzeug import Response

    made_up = "Strategists see a 12.5% rally on top of that."

    def chat(request):
        body = json.loads(request.data)
        user = body["messages"][-1]["content"]
        m = re.search(r"OUTLINE[^\n]*\n(.*?)\n\n", user, re.S)
        if m:  # a section request: echo the outline as prose
            text = " ".join(line[2:] for line in m.group(1).splitlines() if line.startswith("- "))
            if "SECTION: summary" in user:
                text += " " + made_up
        else:  # a redraft request: insist on the same invented number
            text = made_up
        payload = {
            "id": "x",
            "object": "chat.completion",
            "created": 0,
            "model": body["model"],
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": text}}],
        }  # fmt: skip
        return Response(json.dumps(payload), content_type="application/json")

    httpserver.expect_request("/v1/chat/completions", method="POST").respond_with_handler(chat)
    monkeypatch.setenv("OPENAI_API_KEY", "test-key")
    llm = {"base_url": httpserver.url_for("/v1"), "model": "local-test", "max_attempts": 2}
    res = run_thesis(
        _demo(), bundled_store, out_dir=tmp_path, formats=("md",), writer="llm", llm=llm
    )
    text = (tmp_path / "article.md").read_text()
    assert "Strategists see" not in text  # (12.5% alone also appears, as a stress loss)
    counts = res.manifest["sentences"]["counts"]
    assert counts.get("llm", 0) > 10  # the model's prose made it in where it kept to the facts
    assert sum(v for k, v in counts.items() if k != "llm") >= 1  # the invented one did not
    assert len(httpserver.log) > 5
