"""Fact-id builders: one spelling of each id, and the one parser round-trips them."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thesis import ids


def test_builders_spell_the_documented_ids() -> None:
    assert ids.level("sp500") == "sp500.level"
    assert ids.thesis_level("sp500", "target", 7269) == "sp500.target.7269"
    assert ids.distance("ust10y", "pct", 4.5) == "ust10y.distance_pct.4_5"
    assert ids.p_event("sp500", "touch", 6900, "gbm") == "sp500.p_touch.6900.gbm"
    assert (
        ids.p_event_se("sp500", "close_below", 5500, "bootstrap")
        == "sp500.p_close_below_se.5500.bootstrap"
    )
    assert (
        ids.p_closed_form("sp500", "touch", 6900, zero_drift=True)
        == "sp500.p_touch_closed_zero_drift.6900.gbm"
    )
    assert ids.quantile("sp500", 5, "garch") == "sp500.horizon_q05.garch"
    assert ids.range_bound("sp500", "base", "low") == "sp500.range.base.low"
    assert ids.calibration("gbm", "brier", "12m") == "calibration.gbm.brier.12m"
    assert (
        ids.scorecard("sp500", "brier_touch", 6900, "gbm") == "scorecard.sp500.brier_touch.6900.gbm"
    )


@given(
    subject=st.from_regex(r"[a-z][a-z0-9_]{0,10}", fullmatch=True),
    event=st.sampled_from(ids.EVENTS),
    lvl=st.floats(min_value=0.01, max_value=1e6, allow_nan=False),
    method=st.sampled_from(["gbm", "bootstrap", "garch", "vix_implied", "baseline"]),
    se=st.booleans(),
)
def test_parse_inverts_the_probability_builders(subject, event, lvl, method, se) -> None:
    fid = (ids.p_event_se if se else ids.p_event)(subject, event, lvl, method)
    got = ids.parse_level_fact(fid)
    assert got is not None
    assert (got.subject, got.event, got.method, got.se) == (subject, event, method, se)
    assert got.level_key == ids.thesis_level(subject, "target", lvl).rsplit(".", 1)[1]


@pytest.mark.parametrize(
    "fid", ["sp500.level", "sp500.p_wobble.6900.gbm", "calibration.gbm.brier.12m"]
)
def test_parse_rejects_other_ids(fid: str) -> None:
    assert ids.parse_level_fact(fid) is None


def test_parse_reads_closed_forms() -> None:
    got = ids.parse_level_fact(ids.p_closed_form("sp500", "close_above", 7269))
    assert got is not None and got.closed_form and not got.zero_drift and got.event == "close_above"


def test_new_builders_spell_the_documented_ids() -> None:
    assert ids.thesis_level("sp500", "level", 5500) == "sp500.stated_level.5500"
    assert ids.drawdown_key(10, "high") == "10pct_high"
    assert ids.p_event("sp500", "drawdown", ids.drawdown_key(10, "high"), "gbm") == (
        "sp500.p_drawdown.10pct_high.gbm"
    )
    assert ids.distance("ust10y", "bp", 5) == "ust10y.distance_bp.5"
    assert ids.p_closed_form("ust10y", "touch", 5, method="normal") == (
        "ust10y.p_touch_closed.5.normal"
    )
    assert ids.vol("ust10y", "realised", unit="bp") == "ust10y.vol_realised_ann_bp"
    assert ids.vol("sp500", "garch", "pctile") == "sp500.vol_garch_pctile"
    assert ids.fed_path(2, "change_bp") == "fed.path.2.change_bp"
    assert ids.fed_path(None, "total_bp") == "fed.path.total_bp"
    assert ids.fed_meeting(None, "count") == "fed.meetings.count"
    assert ids.after_first_cut(ids.cycle_measure("spy", 12), "median") == (
        "fed.after_first_cut.spy_ret_12m.median.all"
    )
    assert ids.level_date("sp500", 5500) == "sp500.by.5500"
    assert ids.manifest_data("a.b", "end") == "manifest.data.a_b.end"


def test_parsers_of_id_families() -> None:
    got = ids.parse_level_fact("sp500.p_drawdown_se.10pct_high.garch")
    assert got is not None and got.event == "drawdown" and got.se and got.level_key == "10pct_high"
    c = ids.parse_calibration(ids.calibration("gbm", "coverage80", "12m"))
    assert c == ids.CalibrationFact("gbm", "coverage80", "12m")
    assert ids.parse_calibration(ids.calibration("ranges", "share_base", "12m")) is None
    assert ids.parse_calibration("calibration.start") is None
    assert ids.parse_stress(ids.stress("gfc_2008", "loss_pct")) == ("gfc_2008", "loss_pct")
    assert ids.parse_stress(ids.stress("gfc_2008", "loss_pct", sleeve="defensive")) is None
    assert ids.dates_in("fed.cycle.2019-08-01.sp500_ret_12m") == ("2019-08-01",)
    assert ids.tenors_in("fed.cycle.2019-08-01.sp500_ret_12m") == (12,)
    assert ids.tenors_in("sp500.corr_bonds_63d") == (63,)
    assert ids.bands_in("calibration.gbm.coverage80.12m") == (80,)
    assert ids.bands_in("sp500.horizon_q95.gbm") == (95,)


READERS = [
    "writing/narrative.py",
    "writing/charts.py",
    "writing/render.py",
    "writing/guard.py",
    "cli/commands.py",
    "analysis/scorecard.py",
    "analysis/levels.py",
    "analysis/paths.py",
    "analysis/regimes.py",
    "analysis/ratepath.py",
    "pipeline.py",
]


@pytest.mark.parametrize("module", READERS)
def test_no_module_spells_an_id_with_an_f_string(module: str) -> None:
    """``f"{S}.p_touch.{k}.{m}"`` is an id spelled outside :mod:`thesis.ids`: an f-string whose
    interpolation is followed by ``.word`` builds a dotted id by hand."""
    import ast
    from pathlib import Path

    src = Path(__file__).resolve().parents[1] / "src" / "thesis" / module
    tree = ast.parse(src.read_text(encoding="utf-8"))
    bad = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.JoinedStr):
            continue
        vals = node.values
        for a, b in itertools.pairwise(vals):
            if (
                isinstance(a, ast.FormattedValue)
                and isinstance(b, ast.Constant)
                and isinstance(b.value, str)
                and len(b.value) > 1
                and b.value[0] == "."
                and b.value[1].isalpha()
                and b.value[1:].split(" ")[0].replace("_", "").replace(".", "").isalnum()
                and " " not in b.value.split(".")[1]
                and b.value.split(".")[1] not in ("png", "md", "html", "pdf", "json", "toml")
            ):
                bad.append((node.lineno, ast.unparse(node)))
    assert not bad, bad
