"""Charts: each builder draws from the outlook when its inputs exist and steps aside when not."""

from __future__ import annotations

import base64
import struct

import pytest
from test_article import SP, make_outlook

from thesis.errors import WritingError
from thesis.facts import Fact
from thesis.facts import level_key as analysis_level_key
from thesis.writing import charts as C


def _png_size(png: bytes) -> tuple[int, int]:
    """Width and height from the PNG header (IHDR), read by hand."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert png[12:16] == b"IHDR"
    return struct.unpack(">II", png[16:24])


@pytest.fixture(scope="module")
def charts() -> dict[str, C.Chart]:
    return C.build_charts(make_outlook(portfolio=True))


def test_all_charts_drawn_with_expected_size(charts) -> None:
    assert set(charts) == {
        "index",
        "probabilities",
        "valuation",
        "fed_cycles",
        "volatility",
        "equity",
        "stress",
    }
    for name, chart in charts.items():
        w, h = _png_size(chart.png)
        assert w == round(7.2 * 150), name  # figure width 7.2 in at 150 dpi
        assert 300 < h < 1000, name
        assert chart.title and chart.alt and chart.source.startswith("Source: ")


def test_source_line_names_series_provider_and_window(charts) -> None:
    src = charts["index"].source
    assert f"sp500 (fred, {SP.start} to {SP.end})" in src
    assert "As of 2025-11-26" in src


def test_level_labels_are_facts(charts) -> None:
    assert set(charts["index"].fact_ids) == {"sp500.threshold.6900", "sp500.target.7269"}
    assert "sp500.p_touch.7269.garch" in charts["probabilities"].fact_ids
    assert "sp500.range.bull.pe_high" in charts["valuation"].fact_ids


def test_data_uri_round_trips(charts) -> None:
    uri = charts["stress"].data_uri()
    assert uri.startswith("data:image/png;base64,")
    assert base64.b64decode(uri.split(",", 1)[1]) == charts["stress"].png


def test_missing_inputs_skip_charts() -> None:
    o = make_outlook(valuation=False, charts=False)
    out = C.build_charts(o)
    # only the probability bars can be drawn from facts alone
    assert set(out) == {"probabilities"}
    o.methods = []
    assert C.build_charts(o) == {}


@pytest.mark.parametrize("level", [6900, 6900.0, 7269, 4500.5, 12.25])
def test_level_key_agrees_with_analysis(level: float) -> None:
    assert C.level_key(level) == analysis_level_key(level)


@pytest.mark.parametrize(
    ("fact", "decimals"),
    [
        (Fact("sp500.level", 6812.61, "points", "2025-11-26", "close"), None),
        (Fact("sp500.threshold.6900", 6900.0, "points", "2025-11-26", "thesis"), 0),
        (Fact("sp500.horizon_q50.gbm", 7301.4, "points", "2025-11-26", "q"), 0),
        (Fact("sp500.distance_pct.6900", 1.2828, "pct", "2025-11-26", "d"), None),
        (Fact("sp500.drawdown_pct", -1.136, "pct", "2025-11-26", "d"), None),
        (Fact("portfolio.max_drawdown_pct", -24.5, "pct", "2025-11-26", "d"), 1),
        (Fact("portfolio.weight.bonds", 30.0, "pct", "2025-11-26", "w"), 0),
        (Fact("sp500.p_touch.6900.gbm", 0.8138, "probability", "2025-11-26", "mc", decimals=3), 0),
        (Fact("x.y", 3.14159, "ratio", "2025-11-26", "m", decimals=3), 3),
    ],
)
def test_display_decimals(fact: Fact, decimals: int | None) -> None:
    assert C.display_decimals(fact) == decimals


def test_numeric_value_of_numbers_and_refusal_of_others() -> None:
    assert C.numeric_value(Fact("sp500.level", 6812.61, "points", "2025-11-26", "close")) == 6812.61
    n = C.numeric_value(Fact("sim.n_paths", 20000, "count", "2025-11-26", "paths"))
    assert n == 20000.0 and isinstance(n, float)
    for value, unit in (("calm", "label"), ("2025-11-26", "date"), (True, "bool")):
        fact = Fact("sp500.odd", value, unit, "2025-11-26", "x")
        with pytest.raises(WritingError, match=r"sp500\.odd") as e:
            C.numeric_value(fact)
        assert e.value.where == "sp500.odd" and e.value.fix


def test_scenario_names() -> None:
    assert C.scenario_name("gfc_2008") == "GFC 2008"
    assert C.scenario_name("rate_shock") == "Rate shock"
    assert C.scenario_name("ai_capex_disappointment") == "AI capex disappointment"
    assert C.scenario_name("fed_misstep") == "Fed misstep"


def test_stress_chart_marks_partial_scenarios(charts) -> None:
    ids = charts["stress"].fact_ids
    assert "stress.tech_bust.coverage_pct" in ids  # drawn beside the hatched bar
    assert "stress.flight_to_safety.loss_pct" in ids  # a gain is drawn too
    assert "hatched" in charts["stress"].source
