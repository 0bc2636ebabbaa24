"""Fed easing cycles: the detector on hand-made rate paths, windows by hand, known first cuts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from thesis.analysis.cycles import easing_moves, fed_cycles, first_cuts
from thesis.errors import InsufficientDataError

MS = pd.Timestamp


def _monthly(values, start="2000-01-01", name=None):
    return pd.Series(
        values, index=pd.date_range(start, periods=len(values), freq="MS"), name=name, dtype=float
    )


# 2000-01..2000-12 flat at 5.00; hike 2001-01 (5.50); hold; cut 2001-05 (5.25, first cut after a
# hike) and 2001-06 (5.00, same cycle); hold 8 months; cut 2002-03 (4.75, first cut after a hold);
# cut 2002-07 (4.50, only four months later: same cycle); a 10 bp wiggle in 2003 is no move.
PATH = (
    [5.0] * 12
    + [5.5] * 4
    + [5.25, 5.0]
    + [5.0] * 8
    + [4.75] * 4
    + [4.5] * 6
    + [4.4, 4.5]
    + [4.5] * 10
)


def test_detector_on_hand_made_path():
    rate = _monthly(PATH)
    moves = easing_moves(rate)
    assert moves[moves > 0].index.tolist() == [
        MS("2001-01-01"),
        MS("2001-02-01"),
    ]  # 2-month rule echoes
    assert moves[moves < 0].index.min() == MS("2001-05-01")
    cuts = first_cuts(moves, data_start=rate.index[0], hold_months=6)
    assert cuts == [MS("2001-05-01"), MS("2002-03-01")]
    # with a hold of 12 months the 2002 cut continues the 2001 cycle
    assert first_cuts(moves, data_start=rate.index[0], hold_months=12) == [MS("2001-05-01")]


def test_threshold_boundary_is_inclusive():
    # 5.33 → 5.13 is −20 bp, which floating point writes as −0.2000000000000002 or −0.19999…
    rate = _monthly([5.33] * 8 + [5.13, 5.13])
    assert easing_moves(rate).index.tolist() == [MS("2000-09-01"), MS("2000-10-01")]
    assert easing_moves(_monthly([5.33] * 8 + [5.20, 5.20])).empty


def test_decisions_input():
    dates = [
        "2001-01-01",
        "2001-03-15",
        "2001-05-01",
        "2001-06-20",
        "2001-08-01",
        "2002-01-10",
        "2002-03-01",
    ]
    target = pd.Series([5.0, 5.25, 5.25, 5.0, 4.75, 4.75, 4.5], index=pd.to_datetime(dates))
    moves = easing_moves(target, kind="decisions")
    assert moves.tolist() == [1, -1, -1, -1]
    # the 2002-03 cut comes 7 months after the last move: a new cycle
    assert first_cuts(moves, data_start=target.index[0]) == [MS("2001-06-20"), MS("2002-03-01")]


def test_windows_recession_and_stats_by_hand():
    rate = _monthly(PATH)
    index = _monthly(100 * 1.01 ** np.arange(len(PATH)), name="spx")  # +1 % a month
    smb = _monthly([0.5] * len(PATH))
    usrec = _monthly([0] * len(PATH))
    usrec[MS("2003-02-01")] = 1  # within 12 months after the 2002-03 cut, not within 12 of 2001-05
    as_of = "2003-01-31"  # 2002-03 + 12 months is after as_of: that window is incomplete
    r = fed_cycles(
        rate,
        index,
        smb=smb,
        recession=usrec,
        as_of=as_of,
        index_name="spx",
        thesis_cuts=2,
        cut_bp=25,
    )
    t = r.to_frame()
    assert t.index.tolist() == [MS("2001-05-01"), MS("2002-03-01")]
    for h in (3, 6, 12):
        assert t.loc["2001-05-01", f"spx_ret_{h}m"] == pytest.approx((1.01**h - 1) * 100)
        assert t.loc["2001-05-01", f"smb_{h}m"] == pytest.approx((1.005**h - 1) * 100)
    assert t.loc["2002-03-01", "spx_ret_6m"] == pytest.approx((1.01**6 - 1) * 100)
    assert pd.isna(t.loc["2002-03-01", "spx_ret_12m"]) and r.incomplete["spx_ret_12m"] == 1
    # usrec known only to 2003-01 on as_of: 2001-05 span complete and clean → False; 2002-03 unknown
    assert t.loc["2001-05-01", "recession"] == False  # noqa: E712
    assert t.loc["2002-03-01", "recession"] is None
    assert r.stats[("spx_ret_3m", "n", "all")] == 2
    assert r.stats[("spx_ret_3m", "median", "all")] == pytest.approx((1.01**3 - 1) * 100)
    assert r.stats[("spx_ret_3m", "share_positive", "all")] == 1.0
    assert r.stats[("spx_ret_3m", "n", "no_recession")] == 1
    assert r.stats[("spx_ret_3m", "n", "recession")] == 0
    assert r.stats[("spx_ret_12m", "n", "all")] == 1
    assert r.policy_rate == 4.4 and r.policy_rate_date == MS("2003-01-01")  # January is complete
    assert r.in_easing_cycle
    facts = {f.id: f for f in r.facts()}
    assert facts["fed.cycles.count"].value == 2
    assert facts["fed.cycle.2001-05-01.spx_ret_3m"].unit == "pct"
    assert facts["fed.after_first_cut.spx_ret_3m.share_positive.all"].unit == "probability"
    assert facts["fed.after_first_cut.spx_ret_3m.n.recession"].value == 0
    assert "fed.after_first_cut.spx_ret_3m.median.recession" not in facts  # nothing to summarise
    assert facts["fed.thesis_cuts"].value == 2 and facts["fed.thesis_cut_bp"].unit == "bp"
    assert all(not any(ch.isdigit() for ch in n) for n in r.notes)
    # later data reveals the recession and completes the window; as_of earlier is unchanged
    later = fed_cycles(rate, index, smb=smb, recession=usrec, as_of="2004-06-30", index_name="spx")
    assert later.to_frame().loc["2002-03-01", "recession"] == True  # noqa: E712


def test_no_lookahead_in_detection():
    rate = _monthly(PATH)
    index = _monthly(100 * 1.01 ** np.arange(len(PATH)))
    a = fed_cycles(rate, index, as_of="2002-01-31")
    assert a.to_frame().index.tolist() == [MS("2001-05-01")]
    assert a.policy_rate_date == MS("2002-01-01")


def test_too_little_rate_history():
    rate = _monthly([5.0, 5.0, 5.0, 5.0], name="fedfunds")
    with pytest.raises(
        InsufficientDataError, match=r"policy_rate \(fedfunds\).*\n.*import the fed funds"
    ):
        fed_cycles(rate, _monthly([100.0] * 4), as_of="2000-02-15")


@pytest.fixture(scope="module")
def real(shared_data):
    def rd(f, c):
        return pd.read_csv(shared_data / f, parse_dates=["date"]).set_index("date")[c]

    m = pd.read_csv(shared_data / "fred_macro_long.csv", parse_dates=["date"])
    return {
        "ff": rd("fed_funds_effective_monthly.csv", "fedfunds_pct"),
        "dec": rd("fomc_decisions_1982_2022.csv", "target_rate_pct"),
        "spx": rd("sp500_monthly_shiller.csv", "sp500"),
        "smb": rd("fama_french_3factors_monthly.csv", "smb"),
        "usrec": m[m.series_id == "USREC"].set_index("date")["value"],
    }


def test_known_first_cuts_on_real_data(real):
    r = fed_cycles(
        real["ff"], real["spx"], smb=real["smb"], recession=real["usrec"], as_of="2025-11-26"
    )
    found = r.to_frame().index
    # monthly averages place a late-month cut in the next month: allow one month
    for known in ("2001-01-03", "2007-09-18", "2019-07-31", "2024-09-18"):
        gap = np.abs((found.to_period("M") - MS(known).to_period("M")).map(lambda x: x.n))
        assert gap.min() <= 1, known
    assert MS("2001-01-01") in found and MS("2024-09-01") in found
    # 12 months after the 2001-01 cut, by hand from the monthly averages
    spx = real["spx"]
    assert r.to_frame().loc["2001-01-01", "sp500_ret_12m"] == pytest.approx(
        (spx["2002-01-01"] / spx["2001-01-01"] - 1) * 100
    )
    assert r.to_frame().loc["2001-01-01", "recession"] == True  # noqa: E712  (2001 recession)
    assert r.to_frame().loc["2024-09-01", "recession"] == False  # noqa: E712
    assert r.policy_rate_date == MS("2025-10-01") and r.in_easing_cycle
    n_all = r.stats[("sp500_ret_12m", "n", "all")]
    assert n_all == len(r.cycles) - r.incomplete["sp500_ret_12m"]


def test_known_first_cuts_from_decisions(real):
    r = fed_cycles(
        real["dec"], real["spx"], recession=real["usrec"], as_of="2022-01-31", kind="decisions"
    )
    found = r.to_frame().index
    assert MS("2001-01-03") in found and MS("2007-09-18") in found
    assert MS("1998-09-29") in found
