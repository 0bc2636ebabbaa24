"""The claim checker: read someone else's article, extract its numeric claims, judge them.

>>> from thesis.writing.claims import check_article
>>> report = check_article("article.txt", store)          # doctest: +SKIP
>>> report.to_json()                                      # doctest: +SKIP

Claims are judged against the store as of the article's date and against the article's own
arithmetic; see :mod:`thesis.writing.claims.check` for the verdicts and tolerances.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from thesis.writing.claims.check import CheckedClaim, MarketView, check_claims
from thesis.writing.claims.extract import Claim, extract_claims
from thesis.writing.claims.reading import Article, parse_article, read_article

if TYPE_CHECKING:
    from thesis.data.store import Store

__all__ = [
    "Article",
    "CheckReport",
    "CheckedClaim",
    "Claim",
    "check_article",
    "check_text",
    "extract_claims",
    "parse_article",
    "read_article",
]


@dataclass
class CheckReport:
    """The claims of one article with their verdicts.

    Attributes
    ----------
    article
        What was read (text, title, date and where the date came from).
    as_of
        The date the claims were judged at (the article's date).
    results
        One :class:`CheckedClaim` per claim, in text order.
    warnings
        Notes for the reader (date fallback, decoding, date outside the store's range...).
    """

    article: Article
    as_of: dt.date
    results: list[CheckedClaim]
    warnings: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        out = {"supported": 0, "contradicted": 0, "unverifiable": 0}
        for r in self.results:
            out[r.verdict] += 1
        return out

    def to_list(self) -> list[dict[str, Any]]:
        """The scorer's shape: one object per claim (id, quote, kind, subject, date, stated_value,
        verdict, evidence, tolerance, plus measure, unit, computed_value and offsets)."""
        return [r.to_dict() for r in self.results]

    def to_json(self, indent: int | None = 2) -> str:
        from thesis.writing.claims.report import to_json

        return to_json(self, indent=indent)

    def to_html(self) -> str:
        from thesis.writing.claims.report import to_html

        return to_html(self)

    def summary(self) -> str:
        """Markdown: one line of counts, then the contradicted claims with their evidence."""
        c = self.counts()
        lines = [
            f"**{self.article.where}** (dated {self.as_of}): {len(self.results)} claims — "
            f"{c['supported']} supported, {c['contradicted']} contradicted, {c['unverifiable']} unverifiable."
        ]
        for r in self.results:
            if r.verdict == "contradicted":
                lines.append(f"- “{r.claim.quote}”: {r.evidence}")
        return "\n".join(lines)


def _store_last_date(store: Store | None) -> dt.date | None:
    if store is None:
        return None
    for sid in ("sp500", "spy", "ust10y"):
        try:
            if store.has(sid):
                return store.latest(sid).date.date()
        except Exception:  # an empty or odd store: fall through to today's date
            continue
    return None


def check_text(
    article: Article, store: Store | None, *, date: dt.date | str | None = None
) -> CheckReport:
    """Check an :class:`Article` already read.

    Parameters
    ----------
    article
        From :func:`read_article` or :func:`parse_article`.
    store
        The market data store, or ``None`` (then every data claim is unverifiable).
    date
        The article's date (overrides what the article says); ISO string or date.
    """
    warnings = list(article.warnings)
    if date is not None:
        as_of = date if isinstance(date, dt.date) else _parse_date(str(date))
        article.date, article.date_source = as_of, "--date"
    elif article.date is not None:
        as_of = article.date
    else:
        last = _store_last_date(store)
        as_of = last or dt.date.today()
        warnings.append(
            f"{article.where}: the article states no date (no --date, '# date:' header, HTML meta tag or "
            f"dateline); judged as of {as_of}, the store's last date. Pass --date YYYY-MM-DD to set it."
        )
        article.date, article.date_source = as_of, "store's last date (fallback)"
    last = _store_last_date(store)
    if last is not None and as_of > last + dt.timedelta(days=7):
        warnings.append(
            f"the article's date {as_of} is after the store's last S&P 500 close ({last}); claims about later "
            "days are unverifiable. Run `thesis data update sp500` to extend the store."
        )
    claims = extract_claims(article.text, as_of)
    if not claims:
        warnings.append(f"{article.where}: no numeric claims found")
    results = check_claims(claims, store, as_of, MarketView(store, as_of))
    return CheckReport(article, as_of, results, warnings)


def check_article(
    path: str | Path, store: Store | None, *, date: dt.date | str | None = None
) -> CheckReport:
    """Read the article at ``path`` (``"-"`` for stdin) and check its claims.

    Raises
    ------
    CheckError
        The file is missing, empty, binary or not decodable; the message names the file and the fix.
    """
    return check_text(read_article(path), store, date=date)


def _parse_date(s: str) -> dt.date:
    from thesis.errors import CheckError

    try:
        return dt.date.fromisoformat(s.strip())
    except ValueError:
        raise CheckError(
            f"cannot read the date {s!r}",
            where="--date",
            fix="write it as YYYY-MM-DD, e.g. 2025-11-26",
        ) from None
