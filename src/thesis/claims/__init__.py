"""The claim checker: read someone else's article, extract its claims as frames, judge them.

>>> from thesis.claims import check_article
>>> report = check_article("article.txt", store)          # doctest: +SKIP
>>> report.summary()                                      # doctest: +SKIP

Each claim is a frame with named slots (subject, measure, period, reference date, stated value,
comparator, hedge) bound to the words of its sentence (:mod:`thesis.claims.frames`); a claim is
judged only when its slots are bound, against the store as it stood on the article's date
(:mod:`thesis.claims.market`, through ``store.view``) and against the article's own arithmetic
(:mod:`thesis.claims.judge`). See ``docs/claims.md`` for the design.

Importing this package is cheap: the data side (pandas, the store) loads on the first check.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from thesis.claims.article import Article, parse_article, read_article
from thesis.claims.extract import extract_claims
from thesis.claims.frames import CheckedClaim, Claim
from thesis.errors import CheckError, DataError, SeriesNotFoundError
from thesis.text.dates import ArticleDate, parse_article_date

if TYPE_CHECKING:
    from thesis.claims.llm import LLMExtractor
    from thesis.claims.subjects import SubjectFinder
    from thesis.data.db import Database as Store

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
        The date the claims were judged at (the article's date; the last day of its window).
    results
        One :class:`CheckedClaim` per claim, in text order.
    warnings
        Notes for the reader (date fallback, decoding, a cut, a date outside the store's range...).
    window
        The article's date window (first, last day).
    """

    article: Article
    as_of: dt.date
    results: list[CheckedClaim]
    warnings: list[str] = field(default_factory=list)
    window: tuple[dt.date, dt.date] | None = None

    def counts(self) -> dict[str, int]:
        out = {"supported": 0, "contradicted": 0, "unverifiable": 0}
        for r in self.results:
            out[r.verdict] += 1
        return out

    def to_list(self) -> list[dict[str, Any]]:
        """One object per claim: id, quote, kind, subject, date, stated_value, verdict, evidence,
        tolerance, start/end offsets into the article text, and the frame (measure, unit, slots,
        bound, missing, assumed, qualifiers, rule)."""
        return [r.to_dict() for r in self.results]

    def to_json(self, indent: int | None = 2) -> str:
        from thesis.claims.report import to_json

        return to_json(self, indent=indent)

    def to_html(self) -> str:
        from thesis.claims.report import to_html

        return to_html(self)

    def summary(self) -> str:
        """Markdown: one line of counts, then the contradicted claims with their evidence."""
        c = self.counts()
        lines = [
            f"**{self.article.where}** (dated {self.as_of}): {len(self.results)} claims — "
            f"{c['supported']} supported, {c['contradicted']} contradicted, {c['unverifiable']} unverifiable."
        ]
        lines += [
            f"- “{r.claim.quote}”: {r.evidence}"
            for r in self.results
            if r.verdict == "contradicted"
        ]
        return "\n".join(lines)


def _store_last_date(store: Store | None) -> dt.date | None:
    """The last S&P 500 (or SPY, 10-year) date in the store; a store error is raised, not hidden."""
    if store is None:
        return None
    for sid in ("sp500", "spy", "ust10y"):
        if store.has(sid):
            try:
                last = store.latest_date(sid)
            except (DataError, SeriesNotFoundError):  # an empty series: try the next one
                continue
            if last is not None:
                return last
    return None


def _parse_date_option(s: str | dt.date) -> ArticleDate:
    if isinstance(s, dt.date):
        return ArticleDate(s, s)
    d = parse_article_date(str(s)) if str(s).strip()[:4].isdigit() else None
    if d is None:
        raise CheckError(
            f"cannot read the date {s!r}",
            where="--date",
            fix="write it as YYYY-MM-DD (e.g. 2025-11-26), or YYYY-MM for an article known only to its month",
        )
    return d


def check_text(
    article: Article,
    store: Store | None,
    *,
    date: dt.date | str | None = None,
    extractor: LLMExtractor | None = None,
) -> CheckReport:
    """Check an :class:`Article` already read.

    Parameters
    ----------
    article
        From :func:`read_article` or :func:`parse_article`.
    store
        The market data store, or ``None`` (then every data claim is unverifiable).
    date
        The article's date (overrides what the article says): ``YYYY-MM-DD``, ``YYYY-MM`` (a
        window) or a date.
    extractor
        Optional :class:`~thesis.claims.llm.LLMExtractor`: a model proposes frames, which are kept
        only when their words bind their slots (see :mod:`thesis.claims.llm`).

    Raises
    ------
    StoreError
        The store is damaged, not a thesis store, or locked: never reported as "no data".
    """
    from thesis.claims.extract import extract
    from thesis.claims.judge import check_claims
    from thesis.claims.market import Market

    warnings = list(article.warnings)
    last = _store_last_date(store)
    if date is not None:
        article.set_date(_parse_date_option(date), "--date")
    elif article.date is None:
        as_of0 = last or dt.date.today()
        warnings.append(
            f"{article.where}: the article states no date (no --date, '# date:' header, HTML meta tag or "
            f"dateline); judged as of {as_of0}, the store's last date. Pass --date YYYY-MM-DD to set it."
        )
        article.set_date(ArticleDate(as_of0, as_of0), "store's last date (fallback)")
    assert article.date is not None and article.window is not None
    as_of = article.date
    if last is not None and article.window[0] > last + dt.timedelta(days=7):
        warnings.append(
            f"the article's date {as_of} is after the store's last S&P 500 close ({last}); claims about later "
            "days are unverifiable. Run `thesis data update sp500` to extend the store."
        )
    finder = _finder(store.security_names() if store is not None else [])
    ex = extract(article.text, as_of, window=article.window, finder=finder, where=article.where)
    warnings += ex.warnings
    claims = ex.claims
    if extractor is not None:
        claims, notes = extractor.merge(article.text, claims, ex)
        warnings += notes
    if not claims:
        warnings.append(f"{article.where}: no numeric claims found")
    results = check_claims(claims, Market(store, as_of), article.text)
    return CheckReport(article, as_of, results, warnings, article.window)


#: subject finders by the store's companies: building one tokenises every company's names, which
#: costs more than a whole check, and the companies change only when the store is re-imported
_FINDERS: dict[tuple[tuple[str, str], ...], SubjectFinder] = {}


def _finder(names: list[tuple[str, str]]) -> SubjectFinder:
    """The :class:`SubjectFinder` for the store's (symbol, name) pairs, built once per set."""
    from thesis.claims.subjects import SubjectFinder, companies

    key = tuple(names)
    got = _FINDERS.get(key)
    if got is None:
        if len(_FINDERS) >= 4:  # a few stores per process at most; forget the oldest
            _FINDERS.pop(next(iter(_FINDERS)))
        got = _FINDERS[key] = SubjectFinder(companies(names))
    return got


def check_article(
    path: str | Path,
    store: Store | None,
    *,
    date: dt.date | str | None = None,
    extractor: LLMExtractor | None = None,
) -> CheckReport:
    """Read the article at ``path`` (``"-"`` for stdin) and check its claims.

    Raises
    ------
    CheckError
        The file is missing, empty, binary or not decodable; the message names the file and the fix.
    StoreError
        The store could not be read (damaged, locked): the check is not made.
    """
    return check_text(read_article(path), store, date=date, extractor=extractor)
