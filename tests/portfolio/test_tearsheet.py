"""The tearsheet on ../shared/data: each chart drawn once with fixed margins (no label cut off),
the PNGs open, and the monthly returns are an HTML table with every month's value as text."""

from __future__ import annotations

import io
import re
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from thesis.data import Store
from thesis.portfolio.backtest import run_portfolio
from thesis.portfolio.tearsheet import _figures, build_tearsheet
from thesis.spec import load_thesis

THESIS = """
title = "Two sleeves"
as_of = 2024-03-08
horizon = 2024-12-31

[portfolio]
costs_bp = 5
start = 2019-01-02
benchmarks = { equity = "spy_tr" }

[portfolio.sleeves.stocks]
instruments = ["spy_tr", "iwm_tr"]
budget = 0.6

[portfolio.sleeves.defensive]
instruments = ["tlt_tr", "gld_tr"]
budget = 0.4
method = "inverse_vol"
"""


@pytest.fixture(scope="module")
def run(shared_store: Path, tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("tearsheet") / "thesis.toml"
    path.write_text(THESIS, encoding="utf-8")
    t = load_thesis(path)
    with Store(shared_store, read_only=True) as store:
        return run_portfolio(t.portfolio, store, t.as_of)


def test_every_label_lies_inside_its_figure(run) -> None:
    figs, _ = _figures(run)
    assert set(figs) == {"equity", "drawdown", "rolling", "weights"}
    for name, fig in figs.items():
        box = fig.get_tightbbox(fig.canvas.get_renderer())  # inches, every drawn artist
        w, h = fig.get_size_inches()
        assert box.x0 >= 0 and box.y0 >= 0, (name, box)
        assert box.x1 <= w and box.y1 <= h, (name, box, (w, h))


def test_pngs_open_and_monthly_returns_are_a_table_of_values(run) -> None:
    sheet = build_tearsheet(run, title="Two <sleeves>")
    assert set(sheet.figures) == {"equity", "drawdown", "rolling", "weights"}
    for name, png in sheet.figures.items():
        with Image.open(io.BytesIO(png)) as im:
            im.verify()
        with Image.open(io.BytesIO(png)) as im:
            assert im.format == "PNG" and im.size[0] > 500, name
    assert sheet.html.count("data:image/png;base64,") == 4
    assert "<title>Two &lt;sleeves&gt;</title>" in sheet.html
    heat = sheet.data["monthly"]
    r = run.portfolio.returns
    # every month of the backtest, compounded from the daily returns independently here
    by_month = (1 + r).groupby([r.index.year, r.index.month]).prod() - 1
    assert heat.notna().sum().sum() == len(by_month)
    for (year, month), x in by_month.items():
        assert heat.loc[year, month] == pytest.approx(x * 100, abs=1e-9)
    table = re.search(r"<table class='monthly'>(.*?)</table>", sheet.html, re.S)
    assert table is not None
    cells = re.findall(r"<td style='background:(#[0-9a-f]{6});color:#[0-9a-f]{3}'>([^<]*)</td>",
                       table.group(1))  # fmt: skip
    assert [v for _, v in cells] == [f"{x:.1f}" for x in heat.to_numpy().ravel() if np.isfinite(x)]
    # the same diverging scale: the largest loss red, the largest gain green
    vals = np.array([float(v) for _, v in cells])
    worst, best = cells[int(vals.argmin())][0], cells[int(vals.argmax())][0]
    rgb = [tuple(int(c[i : i + 2], 16) for i in (1, 3, 5)) for c in (worst, best)]
    assert rgb[0][0] > rgb[0][1] and rgb[1][1] > rgb[1][0]
