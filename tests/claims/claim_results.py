"""The claim checker run on a snippet of text, for the rule tests (a module name no other folder
shares, so that ``from claim_results import results`` finds this one)."""

from __future__ import annotations

from thesis.claims import check_text, parse_article


def results(store, text: str, date: str, measure: str | None = None) -> list:
    """The checker's results for ``text`` (an article dated ``date``), those of ``measure`` only
    when it is given."""
    rep = check_text(parse_article(text.encode(), "t.txt"), store, date=date)
    return [r for r in rep.results if measure is None or r.claim.measure == measure]


def quoted(rs: list, needle: str) -> list:
    """The results whose quote holds ``needle``."""
    return [r for r in rs if needle in r.claim.quote]


def shown(rs: list) -> list:
    """What a failing assertion shows of ``rs``: quote, verdict, subject and evidence."""
    return [
        (r.claim.quote, r.verdict, r.claim.subject and r.claim.subject.key, r.evidence) for r in rs
    ]
