"""The web app in headless Chromium: start a run from the form and watch it finish, check an
article and read the highlighted verdicts, and a script in a title stays text."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from webhelpers import ARTICLES, ROOT

SCRIPT_TITLE = "<script>alert(1)</script> S&P 500 at 6,900"
VERDICTS = {"supported", "contradicted", "unverifiable"}


@pytest.fixture()
def page(browser, server):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    p = ctx.new_page()
    p.dialogs = []  # type: ignore[attr-defined]
    p.on("dialog", lambda d: (p.dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
    p.set_default_timeout(60_000)
    yield p
    ctx.close()


def test_start_a_run_from_the_form_and_watch_it_finish(page, server) -> None:
    page.goto(server["url"] + "/")
    form = page.locator("#form-fields")
    form.locator("input[name=title]").fill(SCRIPT_TITLE)
    form.locator("input[name=series]").fill("sp500")
    form.locator("input[name=name]").fill("S&P 500")
    form.locator("input[name=as_of]").fill("2025-11-26")
    form.locator("input[name=horizon]").fill("2026-12-31")
    form.locator("input[name=thresholds]").fill("6,900")
    form.locator("input[name=targets]").fill("7269")
    form.locator("input[name=eps_growth_pct]").fill("14")
    form.locator("input[name=cuts]").fill("2")
    form.locator("input[name=n_paths]").fill("1000")  # the least the form takes
    form.locator("button[type=submit]").click()
    page.wait_for_url("**/runs/*")
    # live progress: the script updates the state, then reloads the finished page
    page.wait_for_selector("#run-state.done", timeout=180_000)
    assert page.locator("#run-title").inner_text() == SCRIPT_TITLE
    assert page.locator("#probabilities td").count() > 0
    assert page.locator("a[href$='keydates.ics']").count() == 1
    assert page.dialogs == []  # the title's script never ran
    html = page.content()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    # the index lists the run by its title, as text
    page.goto(server["url"] + "/")
    assert page.get_by_text(SCRIPT_TITLE).count() >= 1 and page.dialogs == []


def test_check_an_article_and_read_the_verdicts(page, server, tmp_path: Path) -> None:
    page.goto(server["url"] + "/check")
    page.locator("#check-text").fill((ARTICLES / "own_daily_wrap.txt").read_text())
    page.locator("#check-submit").click()
    page.wait_for_selector("#result")
    marks = page.locator("#article mark.claim")
    n = marks.count()
    assert n >= 10
    verdicts = [marks.nth(i).get_attribute("data-verdict") for i in range(n)]
    assert set(verdicts) <= VERDICTS and "supported" in verdicts
    # colours follow the verdict
    first = page.locator("#article mark.claim.supported").first
    bg = first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert bg == "rgb(217, 242, 217)"
    # the evidence shows on hover
    first.hover()
    tip = first.evaluate("e => getComputedStyle(e, '::after').content")
    assert "supported:" in tip
    assert first.get_attribute("title").startswith("supported:")
    if os.environ.get("THESIS_SCREENSHOTS") == "1":
        out = ROOT / "docs" / "img" / "checker.png"
        out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out), full_page=False)
    with page.expect_download() as dl:
        page.locator("#json-download").click()
    path = tmp_path / "claims.json"
    dl.value.save_as(path)
    claims = json.loads(path.read_text())
    assert [c["verdict"] for c in claims if c["verdict"]] and {
        c["verdict"] for c in claims
    } <= VERDICTS


def test_upload_a_file_and_see_a_refusal(page, server, tmp_path: Path) -> None:
    page.goto(server["url"] + "/check")
    page.locator("#check-file").set_input_files(str(ARTICLES / "own_html_page.html"))
    page.locator("#check-submit").click()
    page.wait_for_selector("#result")
    assert page.locator("#article mark.claim").count() >= 1
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Le CAC 40 a gagné 1,2 %".encode("latin-1"))
    page.locator("#check-file").set_input_files(str(bad))
    page.locator("#check-submit").click()
    page.wait_for_selector("#error")
    assert "not UTF-8" in page.locator("#error").inner_text()
