"""Shared by the web tests and their fixtures (a module with a unique name, so that imports
never pick up another folder's conftest)."""

from __future__ import annotations

import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
CALENDARS = ROOT / "tests" / "publish" / "fixtures"
ARTICLES = ROOT / "tests" / "fixtures" / "articles"

THESIS = """\
title = "The S&P 500 reaches 6,900 and ends 2026 above 7,269"
as_of = 2025-11-26
horizon = 2026-12-31
seed = 7

[index]
series = "sp500"
name = "S&P 500"
thresholds = [6900]
targets = [7269]

[earnings]
eps_growth_pct = 14

[rates]
cuts = 2

[analysis]
methods = ["gbm", "bootstrap"]
n_paths = 1000
calibrate = false
"""


def wait_for(client: httpx.Client, run_url: str, timeout: float = 180.0) -> dict:
    """Poll a run's status until it is no longer queued or running."""
    deadline = time.monotonic() + timeout
    while True:
        st = client.get(run_url + "/status.json").json()
        if st["state"] not in ("queued", "running"):
            return st
        if time.monotonic() > deadline:
            raise AssertionError(f"the run did not finish in {timeout} s: {st}")
        time.sleep(0.25)
