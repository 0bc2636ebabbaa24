"""Fed easing cycles: the detector on hand-made rate paths, windows by hand, known first cuts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from thesis.analysis.cycles import easing_cycles, easing_moves, fed_cycles, first_cuts
from thesis.errors import AnalysisError, InsufficientDataError

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


# Cycle A: hike 2001-01, first cut 2001-05 (5.50 → 5.00), never reversed. Cycle B: after 14 months
# at 5.00, a cut in 2002-09 from the 12-month high. 2003-08: a cut after a hold, but below the
# 12-month high (5.00 in 2002-08): it continues B. 2004-06: a cut after a hike, back at 4.75 in
# 2004-09: reversed, not a cycle.
PATH2 = (
    [5.0] * 12  # 2000
    + [5.5] * 4  # 2001-01..04
    + [5.25, 5.0]  # 2001-05, 06
    + [5.0] * 14  # 2001-07..2002-08
    + [4.75] * 4  # 2002-09..12
    + [4.5] * 7  # 2003-01..07
    + [4.25] * 5  # 2003-08..12
    + [4.75] * 5  # 2004-01..05
    + [4.5] * 3  # 2004-06..08
    + [4.75] * 16  # 2004-09..2005-12
)


def _path2():
    rate = _monthly(PATH2, name="fedfunds")
    index = _monthly(100 * 1.01 ** np.arange(len(PATH2)), name="spx")  # +1 % a month
    smb = _monthly([0.5] * len(PATH2))
    usrec = _monthly([0] * len(PATH2))
    usrec["2000-08-01":"2000-10-01"] = 1  # before cycle A: not "followed by" a recession
    usrec["2002-12-01":"2003-02-01"] = 1  # starts three months after cycle B's first cut
    return rate, index, smb, usrec


def test_cycle_rule_by_hand():
    rate, *_ = _path2()
    c = easing_cycles(rate, as_of="2005-12-31")
    assert c["status"].to_dict() == {
        MS("2001-05-01"): "confirmed",
        MS("2002-09-01"): "confirmed",
        MS("2003-08-01"): "continuation",
        MS("2004-06-01"): "reversed",
    }
    assert c.loc["2001-05-01", "rate_before_pct"] == 5.5
    assert c.loc["2003-08-01", "peak_pct"] == 5.0
    assert "2004-09" in c.loc["2004-06-01", "reason"]
    # a year after the cut is needed to confirm it: on 2003-06-30, cycle B is unconfirmed
    early = easing_cycles(rate, as_of="2003-06-30")
    assert early.loc["2002-09-01", "status"] == "unconfirmed"
    assert early.loc["2001-05-01", "status"] == "confirmed"


def test_windows_recession_and_stats_by_hand():
    rate, index, smb, usrec = _path2()
    r = fed_cycles(
        rate, index, smb=smb, recession=usrec, as_of="2005-12-31", thesis_cuts=2, cut_bp=25
    )
    assert r.subject == "spx"  # named by the series passed in
    t = r.to_frame()
    assert t.index.tolist() == [MS("2001-05-01"), MS("2002-09-01")]
    for d in ("2001-05-01", "2002-09-01"):
        for h in (3, 6, 12):
            assert t.loc[d, f"spx_ret_{h}m"] == pytest.approx((1.01**h - 1) * 100)
            assert t.loc[d, f"smb_{h}m"] == pytest.approx((1.005**h - 1) * 100)
    # a recession that began before cycle A does not count; B's began three months after it
    assert t.loc["2001-05-01", "recession"] == False  # noqa: E712
    assert t.loc["2002-09-01", "recession"] == True  # noqa: E712
    assert t.loc["2002-09-01", "recession_at_cut"] == False  # noqa: E712
    assert r.stats[("spx_ret_12m", "n", "all")] == 2
    assert r.stats[("spx_ret_12m", "n", "recession")] == 1
    assert r.stats[("spx_ret_12m", "n", "no_recession")] == 1
    assert r.stats[("spx_ret_3m", "share_positive", "all")] == 1.0
    facts = {f.id: f for f in r.facts()}
    # the count the text gives is the count the statistics use
    assert facts["fed.cycles.count"].value == 2
    assert facts["fed.after_first_cut.spx_ret_12m.n.all"].value == 2
    assert facts["fed.cycles.rejected"].value == 1
    assert facts["fed.cycles.first"].value == "2001-05-01"
    assert facts["fed.cycle.2001-05-01.spx_ret_3m"].unit == "pct"
    assert facts["fed.cycle.2002-09-01.status"].value == "confirmed"
    assert facts["fed.after_first_cut.spx_ret_3m.share_positive.all"].unit == "probability"
    assert facts["fed.thesis_cuts"].value == 2 and facts["fed.thesis_cut_bp"].unit == "bp"
    assert all(not any(ch.isdigit() for ch in n) for n in r.notes)
    assert not any("sp500" in f.id for f in facts.values())


def test_a_recession_under_way_at_the_cut_is_in_neither_split():
    rate, index, _smb, usrec = _path2()
    usrec[:] = 0
    usrec["2002-07-01":"2003-02-01"] = 1  # under way before cycle B's cut (2002-09), no new start
    r = fed_cycles(rate, index, recession=usrec, as_of="2005-12-31")
    t = r.to_frame()
    assert t.loc["2002-09-01", "recession"] == False  # noqa: E712
    assert t.loc["2002-09-01", "recession_at_cut"] == True  # noqa: E712
    assert r.stats[("spx_ret_12m", "n", "recession")] == 0
    assert r.stats[("spx_ret_12m", "n", "no_recession")] == 1  # cycle A only
    facts = {f.id: f for f in r.facts()}
    assert facts["fed.cycle.2002-09-01.recession_at_cut"].value is True


def test_unconfirmed_and_incomplete_are_excluded_with_reasons():
    rate, index, _smb, usrec = _path2()
    r = fed_cycles(rate, index, recession=usrec, as_of="2003-06-30", subject="spx")
    t = r.to_frame()
    assert t["status"].to_dict() == {MS("2001-05-01"): "confirmed", MS("2002-09-01"): "unconfirmed"}
    assert r.stats[("spx_ret_12m", "n", "all")] == 1
    ex = r.exclusions_frame()
    assert set(ex.loc[ex["first_cut"] == MS("2002-09-01"), "reason"]) == {
        "cycle not yet confirmed on as_of"
    }
    facts = {f.id: f for f in r.facts()}
    assert facts["fed.cycles.count"].value == 1 and facts["fed.cycles.unconfirmed"].value == 1
    # on 2002-05-31 cycle A's confirmation year and its 12-month window end together
    r = fed_cycles(rate, index, as_of="2002-05-31", subject="spx")
    assert r.to_frame()["status"].tolist() == ["confirmed"]
    assert r.incomplete["spx_ret_12m"] == 0 and r.stats[("spx_ret_12m", "n", "all")] == 1


def test_yield_subject_moves_in_percentage_points():
    rate, *_ = _path2()
    y = _monthly(4.0 + 0.01 * np.arange(len(PATH2)), name="ust10y")
    r = fed_cycles(rate, y, as_of="2005-12-31", subject_kind="yield")
    t = r.to_frame()
    assert "ust10y_chg_12m" in t.columns
    assert t.loc["2001-05-01", "ust10y_chg_12m"] == pytest.approx(0.12)
    facts = {f.id: f for f in r.facts()}
    assert facts["fed.cycle.2001-05-01.ust10y_chg_12m"].unit == "pp"
    assert facts["fed.after_first_cut.ust10y_chg_12m.median.all"].unit == "pp"


def test_no_lookahead_in_detection():
    rate, index, *_ = _path2()
    a = fed_cycles(rate, index, as_of="2002-01-31")
    assert a.to_frame().index.tolist() == [MS("2001-05-01")]
    assert a.to_frame()["status"].tolist() == ["unconfirmed"]
    assert a.policy_rate_date == MS("2002-01-01")
    bent = rate.where(rate.index <= "2002-01-31", 9.0)
    b = fed_cycles(bent, index, as_of="2002-01-31")
    pd.testing.assert_frame_equal(a.to_frame(), b.to_frame())


def test_subject_needs_a_name():
    rate, index, *_ = _path2()
    with pytest.raises(AnalysisError, match="subject"):
        fed_cycles(rate, index.rename(None), as_of="2005-12-31")
    with pytest.raises(AnalysisError, match="subject_kind"):
        fed_cycles(rate, index, as_of="2005-12-31", subject_kind="spread")


def test_too_little_rate_history():
    rate = _monthly([5.0, 5.0, 5.0, 5.0], name="fedfunds")
    with pytest.raises(
        InsufficientDataError, match=r"policy_rate \(fedfunds\).*\n.*import the fed funds"
    ):
        fed_cycles(rate, _monthly([100.0] * 4, name="spx"), as_of="2000-02-15")


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


def test_known_cycles_on_real_data(real):
    r = fed_cycles(
        real["ff"], real["spx"], smb=real["smb"], recession=real["usrec"], as_of="2025-11-26",
        subject="sp500",
    )  # fmt: skip
    conf = [c.first_cut for c in r.confirmed]
    # monthly averages place a late-month cut in the next month: allow one month
    for known in ("1989-06-05", "1995-07-06", "1998-09-29", "2001-01-03", "2007-09-18",
                  "2019-07-31", "2024-09-18"):  # fmt: skip
        gap = [abs((c.to_period("M") - MS(known).to_period("M")).n) for c in conf]
        assert min(gap) <= 1, known
    # the 1987 "first cuts" fell in a hiking year and were reversed within months: no cycle
    cand = r.candidates_frame()
    assert not any(c.year == 1987 for c in conf)
    assert set(cand.loc["1987", "status"]) <= {"reversed", "continuation"}
    # 2002-11 and 2003-07 continue the 2001 cycle
    assert cand.loc["2002-11-01", "status"] == cand.loc["2003-07-01", "status"] == "continuation"
    # 12 months after the 2001-01 cut, by hand from the monthly averages
    spx = real["spx"]
    t = r.to_frame()
    assert t.loc["2001-01-01", "sp500_ret_12m"] == pytest.approx(
        (spx["2002-01-01"] / spx["2001-01-01"] - 1) * 100
    )
    # recessions that began within a year after the cut: 2001-03, 2007-12, 2020-02
    assert t.loc[["2001-01-01", "2007-08-01", "2019-08-01"], "recession"].tolist() == [True] * 3
    assert t.loc["1995-08-01", "recession"] == False  # noqa: E712
    # USREC marks 1981-08 as the first month of the 1981–82 recession: the cut's own month counts
    assert t.loc["1981-08-01", "recession"] == True  # noqa: E712
    assert r.policy_rate_date == MS("2025-10-01") and r.in_easing_cycle
    facts = {f.id: f for f in r.facts()}
    n_all = r.stats[("sp500_ret_12m", "n", "all")]
    assert facts["fed.cycles.count"].value == len(conf) == n_all + r.incomplete["sp500_ret_12m"]


def test_known_first_cuts_from_decisions(real):
    r = fed_cycles(
        real["dec"], real["spx"], recession=real["usrec"], as_of="2022-01-31", kind="decisions",
        subject="sp500",
    )  # fmt: skip
    found = [c.first_cut for c in r.confirmed]
    assert MS("2001-01-03") in found and MS("2007-09-18") in found
    assert MS("1998-09-29") in found
    assert r.candidates_frame().loc["1987-12-16", "status"] == "reversed"
