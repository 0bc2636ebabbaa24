"""Fixtures for the web app: a store with events, the app on 127.0.0.1, one finished run."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import httpx
import pytest
from webhelpers import THESIS, wait_for


@pytest.fixture(scope="session")
def web_store_path(events_store_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This worker's copy of the session's store (all of ../shared/data) with the test calendars
    (tests/publish/fixtures) imported (tests/conftest.py builds it once per test run); the runs'
    result cache writes into it."""
    path = tmp_path_factory.mktemp("web_store") / "market.duckdb"
    shutil.copyfile(events_store_file, path)
    return path


@pytest.fixture(scope="module")
def server(web_store_path: Path, tmp_path_factory: pytest.TempPathFactory):
    """The app on 127.0.0.1 (checks in the server process; runs write Markdown and HTML)."""
    from thesis.web.app import Settings
    from thesis.web.server import BackgroundServer

    runs = tmp_path_factory.mktemp("web_runs")
    settings = Settings(
        runs_dir=runs, store_path=web_store_path, check_workers=0, formats=("md", "html")
    )
    with BackgroundServer(settings) as url:
        yield {"url": url, "runs": runs, "settings": settings}


@pytest.fixture(scope="module")
def client(server) -> httpx.Client:
    with httpx.Client(base_url=server["url"], timeout=120, headers={"Origin": server["url"]}) as c:
        yield c


@pytest.fixture(scope="module")
def finished_run(client: httpx.Client) -> str:
    r = client.post("/runs", data={"mode": "text", "thesis_text": THESIS})
    assert r.status_code == 303, r.text
    url = r.headers["location"]
    st = wait_for(client, url)
    assert st["state"] == "done", st
    return url


def chromium_path() -> str | None:
    for cand in (os.environ.get("THESIS_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if cand and Path(cand).exists():
            return cand
    return None


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium through playwright (Debian's chromium package; never `playwright
    install`). Skips locally when either is missing, fails in CI. One per module: an idle browser
    and its driver would keep using CPU for the rest of the session."""
    exe = chromium_path()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        exe = None
    if exe is None:
        msg = (
            "headless Chromium is needed for the browser tests: install Debian's chromium "
            "(apt-get install -y chromium) and the playwright Python package"
        )
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(msg)
        pytest.skip(msg)
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=exe,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield b
        b.close()
