"""The rule language: what it allows, what it refuses, and the reasons it gives."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from thesis.screen.errors import RuleError, UnknownFeatureError
from thesis.screen.rules import parse_rule


@pytest.fixture
def feats() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "size": ["small", "mega", "small", None],
            "mom_6m": [12.0, 30.0, -4.0, 8.0],
            "index.mom_6m": [5.0, 5.0, 5.0, np.nan],
            "corr_theme": [0.6, 0.9, 0.7, 0.55],
            "vol": [30.0, 25.0, 80.0, 40.0],
            "index.vol": [15.0, 15.0, 15.0, 15.0],
            "sector": ["Utilities", "Information Technology", "Industrials", "Utilities"],
            "stale": [False, False, True, False],
            "revenue_yoy": [21.2, np.nan, 3.0, np.nan],
        },
        index=pd.Index(["PLPC", "NVDA", "FIVN", "XYZ"], name="ticker"),
    )


def run(rule: str, f: pd.DataFrame) -> tuple[list[str], pd.Series]:
    passed, why = parse_rule(rule).evaluate(f)
    return list(f.index[passed]), why


def test_the_issue_rule(feats: pd.DataFrame) -> None:
    ok, why = run('size == "small" and mom_6m > index.mom_6m and corr_theme > 0.5', feats)
    assert ok == ["PLPC"]
    assert why["PLPC"] == (
        "size small == small; mom_6m 12.00 > index.mom_6m 5.00; corr_theme 0.60 > 0.50"
    )
    assert why["NVDA"] == "fails: size mega not == small"
    assert why["FIVN"] == "fails: mom_6m -4.00 not > index.mom_6m 5.00"
    assert why["XYZ"].startswith("missing: ")  # no size and no index figure


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ("not stale and vol <= 2 * index.vol", ["PLPC", "NVDA"]),
        ('sector in ["Utilities", "Energy"]', ["PLPC", "XYZ"]),
        ('sector not in ["Utilities"]', ["NVDA", "FIVN"]),
        ("0 < mom_6m <= 12", ["PLPC", "XYZ"]),
        ("mom_6m - index.mom_6m > 20 or revenue_yoy >= 20", ["PLPC", "NVDA"]),
        ("stale == true", ["FIVN"]),
        ("not (mom_6m > 10)", ["FIVN", "XYZ"]),
        ("mom_6m > -5 and -mom_6m < 0", ["PLPC", "NVDA", "XYZ"]),
        ("corr_theme >= .55\nand vol > 30", ["FIVN", "XYZ"]),
    ],
)
def test_allowed_forms(feats: pd.DataFrame, rule: str, expected: list[str]) -> None:
    assert run(rule, feats)[0] == expected


def test_missing_values_are_false_and_named(feats: pd.DataFrame) -> None:
    ok, why = run("revenue_yoy > 10", feats)
    assert ok == ["PLPC"]
    assert why["NVDA"] == "missing: revenue_yoy"


def test_unknown_feature_lists_features_and_suggests(feats: pd.DataFrame) -> None:
    with pytest.raises(UnknownFeatureError) as ei:
        parse_rule("momentum_6m > 0 and corr_theme > 0.5").evaluate(feats)
    msg = str(ei.value)
    assert "'momentum_6m'" in msg and "did you mean" in msg and "mom_6m" in msg
    assert "corr_theme" in msg and "index.<feature>" in msg  # the list of features
    assert isinstance(ei.value, RuleError)
    with pytest.raises(UnknownFeatureError, match=r"index\.beta"):
        parse_rule("index.beta > 1").evaluate(feats)


@pytest.mark.parametrize(
    ("rule", "what"),
    [
        ('__import__("os").system("true")', "function call"),
        ("().__class__", "attribute other than index"),
        ("mom_6m.real > 0", "attribute other than index"),
        ("vol[0] > 1", "indexing"),
        ("(lambda: 1)()", "function call"),
        ("[x for x in vol]", "ListComp"),
        ("[vol] == [1]", "list item"),
        ("mom_6m ** 2 > 4", "arithmetic operator"),
        ("mom_6m if stale else vol", "IfExp"),
        ("(x := 1)", "NamedExpr"),
        ("mom_6m is None", "comparison Is"),
        ("~stale", "this operator"),
        ("f'{vol}' == 'x'", "JoinedStr"),
    ],
)
def test_unsafe_or_unknown_constructs_refused(rule: str, what: str) -> None:
    with pytest.raises(RuleError) as ei:
        parse_rule(rule)
    assert what in str(ei.value) and "Fix:" in str(ei.value)


def test_syntax_error_points_at_the_place() -> None:
    with pytest.raises(RuleError) as ei:
        parse_rule("mom_6m >")
    assert "does not parse" in str(ei.value) and "^" in str(ei.value)
    with pytest.raises(RuleError, match="empty"):
        parse_rule("   ")
    with pytest.raises(RuleError, match="characters long"):
        parse_rule("mom_6m > 0 and " * 100 + "vol > 0")


@pytest.mark.parametrize(
    ("rule", "what"),
    [
        ("size > 3", "is a text and '3' a number"),
        ('size < "small"', "does not order texts"),
        ("mom_6m", "not a yes/no feature"),
        ("mom_6m > 1 and vol", "not a yes/no feature"),
        ("size + 1 > 2", "is not a number"),
        ("sector in 'Utilities'", "needs a list"),
    ],
)
def test_type_errors_explain(feats: pd.DataFrame, rule: str, what: str) -> None:
    with pytest.raises(RuleError) as ei:
        parse_rule(rule).evaluate(feats)
    assert what in str(ei.value)


def test_division_by_zero_is_missing_not_an_error(feats: pd.DataFrame) -> None:
    f = feats.assign(vol=[0.0, 25.0, 80.0, 40.0])
    ok, why = run("mom_6m / vol > 0.1", f)
    assert ok == ["NVDA", "XYZ"] and why["PLPC"].startswith("missing")
