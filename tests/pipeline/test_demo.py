"""The demo on the bundled offline data (no ../shared needed): outputs, scorecard, edge cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from thesis.data.providers.bundled import build_bundle
from thesis.data.store import Store
from thesis.pipeline import run_thesis
from thesis.spec import load_thesis

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def bundled_store(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("bundle") / "market.duckdb"
    writer = Store(path)
    build_bundle(writer)
    writer.close()
    with Store(path, read_only=True) as store:
        yield store


def _demo(**analysis: object):
    spec = load_thesis(EXAMPLES / "demo-bundled.toml")
    a = spec.analysis.model_dump() | {"n_paths": 10_000, "calibrate": False} | analysis
    return spec.with_overrides(analysis=a)


def test_demo_writes_the_article_and_a_complete_scorecard(
    bundled_store: Store, tmp_path: Path
) -> None:
    res = run_thesis(_demo(), bundled_store, out_dir=tmp_path, formats=("md", "html"))
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
    text = (tmp_path / "article.md").read_text()
    assert "## Scorecard" in text and "## Portfolio" in text
    assert (tmp_path / "tearsheet" / "tearsheet.html").exists()
    # the bundle has no earnings: the article says so instead of inventing a valuation
    assert "sp500.range.base.low" not in f
    assert "valuation" in " ".join(res.notes)


def test_a_level_already_reached_is_not_a_certain_simulation(bundled_store: Store) -> None:
    spec = _demo()
    idx = spec.index.model_dump()
    idx["targets"] = [{"level": 4700.0}]  # below the 2021-12-31 close of 4,766.18
    res = run_thesis(spec.with_overrides(index=idx), bundled_store, with_scorecard=False)
    f = res.facts
    assert f["sp500.already_reached.4700"].value is True
    assert "sp500.p_touch.4700.gbm" not in f  # a certain touch is not stated as a probability
    p = f["sp500.p_close_above.4700.gbm"].value  # but ending above it is still uncertain
    assert 0.5 < p < 1.0


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
