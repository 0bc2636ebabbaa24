"""The rule gates of :mod:`thesis.claims.extract` skip only passes that would find nothing.

A gate is a fast path (a test on the sentence's words before a rule scans its tokens); the slow
path is the rule itself. On every sentence of the claim corpora and the article fixtures, a rule
whose gate says "skip" must return no claim.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from thesis.claims.extract import _GATES, extract

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TEXTS = sorted(
    [*(FIXTURES / "claims_corpus").glob("*/*.txt"), *(FIXTURES / "articles").glob("own_*.txt")]
)


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_gate_skips_only_rules_that_find_nothing(path: Path) -> None:
    ex = extract(path.read_text(encoding="utf-8"), dt.date(2025, 11, 26))
    assert ex.ctx is not None
    skipped = 0
    for s in ex.ctx.sents:
        words = frozenset(t.lower for t in s.tokens)
        for rule, gate in _GATES.items():
            if gate(words):
                continue
            skipped += 1
            found = rule(ex.ctx, s, set())
            assert found == [], (
                f"{path.name}: {rule.__name__} finds {[c.quote for c in found]} in {s.text!r}, "
                "but its gate in thesis.claims.extract._GATES skips that sentence: add the word "
                "that triggered it to the gate"
            )
    assert skipped, "no sentence was skipped: the gates are not exercised"


@pytest.mark.parametrize(
    ("text", "rule_name"),
    [
        ("The S&P 500 closed at a record 6,890.89 on Tuesday.", "rule_record"),
        ("It was the index's 38th record close of 2025.", "rule_record_count"),
        ("The Dow posted its fourth highest close in history at 48,000.", "rule_rank"),
        ("The Nasdaq topped 20,000 for the first time on Wednesday.", "rule_first"),
        ("The S&P 500 is up three of the past four weeks.", "rule_count_of"),
    ],
)
def test_a_gate_lets_its_rule_run_on_its_trigger_words(text: str, rule_name: str) -> None:
    ex = extract(text, dt.date(2025, 11, 26))
    assert ex.ctx is not None
    words = frozenset(t.lower for t in ex.ctx.sents[0].tokens)
    gate = next(g for r, g in _GATES.items() if r.__name__ == rule_name)
    assert gate(words)
