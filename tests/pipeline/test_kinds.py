"""Any thesis on any series (issue 9): yields, ETFs, stocks, bearish levels, rate paths.

Each test runs the real pipeline on the real store (../shared/data imported once per session) with
few paths and no calibration, and reads the facts and the article's words.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from thesis.data.store import Store
from thesis.errors import SpecError
from thesis.pipeline import run_thesis
from thesis.spec import load_thesis, parse_thesis
from thesis.writing.narrative import build_article
from thesis.writing.render import render_markdown

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _fast(spec, n_paths: int = 1_000):
    a = spec.analysis.model_dump(exclude_unset=True) | {"n_paths": n_paths, "calibrate": False}
    return spec.with_overrides(analysis=a)


def _article(res) -> str:
    return render_markdown(build_article(res.outlook), {}, {})


@pytest.fixture(scope="module")
def yield_run(market_store: Store):
    spec = _fast(load_thesis(EXAMPLES / "ust10y-above-5pct-2026.toml"))
    res = run_thesis(spec, market_store)
    return res, _article(res)


def test_a_yield_is_modelled_in_changes_never_gbm(yield_run) -> None:
    res, _ = yield_run
    f = res.facts
    assert res.outlook.methods == ["normal", "bootstrap", "garch"]
    assert not [i for i in f.ids() if i.endswith(".gbm") or ".gbm." in i]
    assert f["ust10y.level"].unit == "pct" and f["ust10y.level"].value == pytest.approx(4.14)
    assert f["ust10y.distance_bp.5"].value == pytest.approx(86.0)
    assert f["ust10y.normal.mu_ann_bp"].value == 0.0  # no trend given to a yield
    assert f["ust10y.horizon_q50.normal"].unit == "pct"
    assert 0 < f["ust10y.p_touch.5.normal"].value < 1


def test_a_yield_article_reads_in_percent_and_basis_points(yield_run) -> None:
    res, md = yield_run
    body = md.split("## Data and methods")[0]
    assert "4.14%" in body and "5.00%" in body and "86 bp below 5.00%" in body
    # issue 9's findings: no record close, no "points", no P/E, no S&P, no small caps
    for bad in ("record close", "P/E", "S&P", "small caps", "median close is 4,"):
        assert bad not in body, bad
    assert not re.search(r"\d points", body)
    assert "## Drivers" in body and "### The Fed" in body
    assert "Earnings and valuation" not in md
    # past easing cycles and macro turning points describe a yield by its change in percentage
    # points, never by a return
    assert "median change of the yield" in body and "median return" not in body
    assert res.facts["fed.after_first_cut.ust10y_chg_12m.median.all"].unit == "pp"
    assert "macro.curve.after.ust10y_chg_12m.median" in res.facts
    # the two cuts the thesis assumes, and the meetings inside the horizon
    assert "2 cuts of 25 basis points each" in body
    assert re.search(
        r"The FOMC is scheduled to meet 8 times before the horizon: 28 January 2026", body
    )
    assert "tentative" in body
    # the VIX prices the S&P 500, not a yield; the walk-forward calibration is of log prices
    assert set(res.not_applicable) >= {"valuation", "implied", "calibration"}
    assert "fed_cycles" not in res.not_applicable
    assert res.complete, res.left_out


def test_an_etf_is_a_price_in_dollars_without_the_stock_market_sections(
    market_store: Store,
) -> None:
    res = run_thesis(_fast(load_thesis(EXAMPLES / "gld-450-2026.toml")), market_store)
    md = _article(res)
    f = res.facts
    assert f["gld.level"].unit == "usd" and "$450" in md and "$383.12" in md
    assert "gld.p_drawdown.15pct_high.gbm" in f
    assert "Earnings and valuation" not in md and "Small versus large" not in md
    assert "S&P" not in md.split("## Data and methods")[0]
    # gold's ETF is not compared with gold (gld_tr is the same asset)
    assert "gld.corr_gold_63d" not in f and "correlation with gold" not in md.lower()
    # the store holds closes to August 2026: the scorecard settles the touch of $450
    assert f["scorecard.gld.touched.450"].value is True


def test_a_single_stock(market_store: Store) -> None:
    res = run_thesis(_fast(load_thesis(EXAMPLES / "nvda-1000-2024.toml")), market_store)
    md = _article(res)
    assert "NVIDIA closed at $875.28" in md or "NVIDIA stood at $875.28" in md
    assert "the NVIDIA" not in md  # a company takes no article
    assert 0 < res.facts["nvda.p_touch.1000.gbm"].value < 1
    assert "nvda.p_drawdown.25pct_high.bootstrap" in res.facts


def test_a_bearish_level_is_fallen_to_never_reached(market_store: Store) -> None:
    res = run_thesis(_fast(load_thesis(EXAMPLES / "sp500-bear-5500-mid-2026.toml")), market_store)
    md = _article(res)
    f = res.facts
    for m in ("gbm", "bootstrap", "garch"):
        assert 0 < f[f"sp500.p_close_below.5500.{m}"].value <= f[f"sp500.p_touch.5500.{m}"].value
    assert "falls to 5,500" in md or "Falling to 5,500" in md or "at or below 5,500" in md
    assert "reach 5,500" not in md and "reaching 5,500" not in md.lower()
    assert "19.27% above 5,500" in md
    # the valuation of a level below the index says what it corresponds to, not "to reach"
    assert "A level of 5,500, below the index today, corresponds at today's multiple to" in md
    assert "to reach 5,500" not in md.lower() and "5,500 needs" not in md
    assert "A fall of at least 10% from the running high" in md
    # the data run to 2026-02-11, short of the horizon: the drawdowns are pending unless they
    # already happened (they did not: the index rose)
    assert f["scorecard.sp500.complete"].value is False


def test_a_rate_path_by_meeting_is_placed_on_the_fomc_calendar(market_store: Store) -> None:
    res = run_thesis(_fast(load_thesis(EXAMPLES / "ust2y-fed-hikes-2022.toml")), market_store)
    f = res.facts
    assert f["fed.meetings.count"].value == 8
    assert f["fed.meeting.1.date"].value == "2022-01-26"
    assert [f[f"fed.path.{i}.change_bp"].value for i in range(1, 9)] == [0, 25, 0, 25, 0, 25, 0, 0]
    assert f["fed.path.total_bp"].value == 75 and f["fed.path.hikes"].value == 3
    assert f["fed.path.rate_after"].value == pytest.approx(f["fed.path.rate_start"].value + 0.75)
    md = _article(res)
    assert "a hike of 25 bp on 16 March 2022" in md and "+75 bp in all" in md
    # the year that followed: the two-year closed 2022 at 4.41 %, far above the 1.5 % target
    assert f["scorecard.ust2y.complete"].value is True
    assert f["scorecard.ust2y.closed_above.1_5"].value is True
    assert f["scorecard.ust2y.change_bp"].unit == "bp"


def test_hikes_by_count_and_a_path_too_long(market_store: Store) -> None:
    text = (EXAMPLES / "ust2y-fed-hikes-2022.toml").read_text()
    text = text.replace("path = [0, 25, 0, 25, 0, 25, 0, 0]", "hikes = 3\nhike_bp = 50")
    res = run_thesis(_fast(parse_thesis(text)), market_store, with_scorecard=False)
    assert res.facts["fed.path.total_bp"].value == 150
    assert "3 hikes of 50 basis points each" in _article(res)
    long = (EXAMPLES / "ust2y-fed-hikes-2022.toml").read_text()
    long = long.replace(
        "path = [0, 25, 0, 25, 0, 25, 0, 0]", "path = [25, 25, 25, 25, 25, 25, 25, 25, 25]"
    )
    with pytest.raises(SpecError, match=r"9 moves but only 8 FOMC meetings[\s\S]*at most 8"):
        run_thesis(_fast(parse_thesis(long, where="h.toml")), market_store)
    # without a meeting calendar in the store a path cannot be placed: refused before any work
    early = long.replace("as_of = 2021-12-31", "as_of = 1995-12-29").replace(
        "horizon = 2022-12-30", "horizon = 1996-12-31"
    )
    with pytest.raises(SpecError, match="lists no meeting"):
        run_thesis(_fast(parse_thesis(early, where="h.toml")), market_store)


@pytest.mark.parametrize(
    ("extra", "match"),
    [
        ('methods = ["gbm"]', r"analysis.methods: gbm does not fit ust10y"),
        ("drift_ann_pct = 3", r"drift_ann_pct is for a price"),
    ],
)
def test_methods_and_drift_that_do_not_fit_a_yield_are_refused(
    market_store: Store, extra: str, match: str
) -> None:
    text = (EXAMPLES / "ust10y-above-5pct-2026.toml").read_text()
    text = text.replace("n_paths = 100000", f"n_paths = 100000\n{extra}")
    with pytest.raises(SpecError, match=match):
        run_thesis(parse_thesis(text, where="y.toml"), market_store)


def test_a_drawdown_on_a_yield_is_refused(market_store: Store) -> None:
    text = (
        EXAMPLES / "ust10y-above-5pct-2026.toml"
    ).read_text() + "\n[[index.drawdowns]]\npct = 10\n"
    with pytest.raises(SpecError, match=r"drawdowns: a fall in percent does not apply to ust10y"):
        run_thesis(parse_thesis(text, where="y.toml"), market_store)


def test_an_absurd_level_is_refused_before_any_work(market_store: Store, tmp_path: Path) -> None:
    text = (
        (EXAMPLES / "sp500-ai-rally-2026.toml").read_text().replace("level = 7269", "level = 1e9")
    )
    p = tmp_path / "s.toml"
    p.write_text(text)
    out = tmp_path / "out"
    with pytest.raises(
        SpecError, match=r"s.toml:\d+: index.targets: 1e\+09 is far from the sp500 close"
    ):
        run_thesis(load_thesis(p), market_store, out_dir=out)
    assert not out.exists()  # nothing was written
    y = (EXAMPLES / "ust10y-above-5pct-2026.toml").read_text().replace("[5.0]", "[500]")
    with pytest.raises(SpecError, match=r"percent for a yield \(4.5, not 450"):
        run_thesis(parse_thesis(y, where="y.toml"), market_store)


def test_a_monthly_or_macro_series_cannot_be_the_subject(market_store: Store) -> None:
    text = 'title = "x"\nas_of = 2020-01-31\nhorizon = 2020-12-31\n[index]\nseries = "unrate"\n'
    with pytest.raises(SpecError, match=r"unrate.*monthly; a thesis needs daily closes"):
        run_thesis(parse_thesis(text), market_store)


def test_another_index_gets_its_own_labels_not_the_sp500s(market_store: Store) -> None:
    # SPY tracks the S&P 500 at a tenth of its level: its facts and words are its own
    text = (
        'title = "SPY at 700"\nas_of = 2025-11-26\nhorizon = 2026-06-30\n'
        '[index]\nseries = "spy"\nthresholds = [700]\n'
    )
    res = run_thesis(_fast(parse_thesis(text)), market_store)
    assert res.outlook.subject_name == "SPDR S&P 500 ETF"  # the store's name, its own
    ids = res.facts.ids()
    assert not [i for i in ids if "sp500" in i and not i.startswith("benchmark.")]
    assert any(i.startswith("fed.after_first_cut.spy_ret_12m") for i in ids)
    # the S&P's earnings do not value SPY (its monthly series does not track SPY's level)
    assert "valuation" in res.not_applicable
