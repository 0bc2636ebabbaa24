"""Reading an article: bytes from a file or stdin → plain text, a title and the article's date.

Plain text and Markdown are read as they are; ``# key: value`` header lines at the top (the format
of ``../shared/articles``) are split off as metadata. HTML goes through trafilatura (main text
without scripts, navigation or footers) with a fallback built on the standard library's
:class:`html.parser.HTMLParser` (linear in the page, whatever its nesting). The article's date
comes from ``--date``, else the file: a ``# date:`` header (an ISO day, or a month such as
``2025-12`` — a *window* of days — with any note after it), HTML meta tags, or a dateline; else
the caller falls back to the store's last date with a warning.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from thesis.errors import CheckError
from thesis.text.dates import ArticleDate, find_dates, parse_article_date

if TYPE_CHECKING:
    from thesis.claims.page import PageReader

__all__ = ["Article", "find_dateline", "parse_article", "read_article"]

#: HTML larger than this skips trafilatura (its tree costs memory and time on huge pages)
MAX_HTML_FOR_TRAFILATURA = 1_500_000

_META_NAMES = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "dc.date",
    "dc.date.issued",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "time",
)


@dataclass
class Article:
    """One article to check.

    Attributes
    ----------
    text
        The body as plain text (what claims are extracted from; quotes are substrings of it).
    where
        The input's name (a path or ``<stdin>``), used in messages.
    title
        The title when the input has one.
    date
        The publication date (the last day of ``window`` when only a month is known), or
        ``None`` when the input does not say.
    window
        ``(first, last)`` day the article may be from: equal for a dated article, a month's first
        and last day for one dated to a month.
    date_source
        Where ``date`` came from (``"# date: header"``, ``"HTML meta article:published_time"``...).
    meta
        Header lines or HTML meta tags found.
    warnings
        Things the reader should know (fallback extraction, undecodable bytes...).
    html
        Whether the input was HTML.
    """

    text: str
    where: str
    title: str = ""
    date: dt.date | None = None
    window: tuple[dt.date, dt.date] | None = None
    date_source: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    html: bool = False

    def set_date(self, d: ArticleDate, source: str) -> None:
        self.date, self.window, self.date_source = d.last, (d.first, d.last), source


_DATELINE_WORDS = frozenset({"of", "at", "published", "updated", "posted", "dated", "on"})
_HORIZON_WORDS = frozenset({"before", "by", "until", "till", "through", "horizon", "to"})


def _lead_in(text: str, start: int) -> str:
    """The word right before ``start`` (lower case), e.g. "of" in "as of 31 December 2021"."""
    words = text[max(0, start - 24) : start].replace(",", " ").split()
    return words[-1].lower().strip("*_(:") if words else ""


def find_dateline(text: str) -> dt.date | None:
    """A dateline: a full date near the top (first 400 characters) or on a short line of its own.

    Returns ``None`` when there is none. Dates inside sentences further down are claims, not
    datelines, so only the top and short standalone lines count.
    """
    top = [
        d for d in find_dates(text[:400], None) if d.kind == "day" and d.explicit_year and d.first
    ]
    # "Analysis as of 31 December 2021" names the article's day; "before 28 December 2022" in a
    # title is a horizon, not the day it was written
    said = [d for d in top if _lead_in(text, d.start) in _DATELINE_WORDS]
    ahead = [d for d in top if _lead_in(text, d.start) not in _HORIZON_WORDS]
    for d in said or ahead:
        return d.first
    pos = 0
    for n, line in enumerate(text.split("\n")):
        if n > 2000:
            break
        s = line.strip()
        pos += len(line) + 1
        if 0 < len(s) <= 60 and s[-1:] not in ".!?":
            for d in find_dates(s, None):
                if (
                    d.kind == "day"
                    and d.explicit_year
                    and d.first
                    and len(s) - (d.end - d.start) <= 30
                ):
                    return d.first
    return None


def _decode(raw: bytes, where: str) -> tuple[str, list[str]]:
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CheckError(
            "the input is binary (it contains NUL bytes), not an article",
            where=where,
            fix="pass a .txt, .md or .html file (export a PDF or Word file to text first)",
        )
    utf16 = raw.startswith((b"\xff\xfe", b"\xfe\xff"))
    for enc in ("utf-8-sig", "utf-16") if utf16 else ("utf-8-sig",):
        try:
            return raw.decode(enc), []
        except UnicodeDecodeError:
            pass
    text = raw.decode("cp1252", errors="replace")
    warn = f"{where}: not valid UTF-8; decoded as Windows-1252 (characters may be wrong)"
    bad = sum(1 for ch in text if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\r\n\t\f"))
    if bad > max(20, len(text) // 20):
        raise CheckError(
            "the input does not decode as text (neither UTF-8 nor Windows-1252)",
            where=where,
            fix="convert the file to UTF-8 text (e.g. `iconv -f LATIN1 -t UTF-8 FILE`) and check it again",
        )
    return text, [warn]


def _looks_like_html(text: str, suffix: str) -> bool:
    if suffix in (".html", ".htm", ".xhtml"):
        return True
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or any(
        f"<{t}" in head for t in ("head>", "body>", "body ", "article>", "article ")
    )


def _read_page(src: str) -> PageReader:
    # html.parser is imported only for a page (most checks read plain text): thesis.claims.page
    from thesis.claims.page import PageReader

    p = PageReader()
    try:
        p.feed(src)
        p.close()
    except Exception:  # HTMLParser is lenient; a failure still leaves what was read
        pass
    return p


def _html_text(src: str, page: PageReader, where: str, warnings: list[str]) -> str:
    text = None
    if len(src) <= MAX_HTML_FOR_TRAFILATURA:
        try:
            import trafilatura  # heavy (lxml): only for HTML input

            text = trafilatura.extract(
                src,
                include_comments=False,
                include_tables=False,
                favor_recall=True,
                deduplicate=True,
            )
        except Exception as e:  # trafilatura can fail on odd markup; the fallback still gives text
            warnings.append(
                f"{where}: trafilatura failed ({type(e).__name__}); used a simple text extraction"
            )
    else:
        warnings.append(
            f"{where}: a page of {len(src):,} characters; used a simple text extraction"
        )
    if not text or not text.strip():
        text = page.text()
        if text and len(src) <= MAX_HTML_FOR_TRAFILATURA:
            warnings.append(
                f"{where}: main-text extraction found nothing; used a simple text extraction"
            )
    return text or ""


def parse_article(raw: bytes | str, where: str = "<input>", *, suffix: str = "") -> Article:
    """Turn raw bytes (or text) into an :class:`Article`.

    Raises
    ------
    CheckError
        Empty input, binary input, or text that does not decode. The message names ``where``.
    """
    if isinstance(raw, bytes):
        if not raw.strip():
            raise CheckError(
                "the article is empty",
                where=where,
                fix="pass a file with the article's text (.txt, .md or .html)",
            )
        text, warnings = _decode(raw, where)
    else:
        text, warnings = raw, []
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if not text.strip():
        raise CheckError(
            "the article is empty", where=where, fix="pass a file with the article's text"
        )
    art = Article(text="", where=where, warnings=warnings)
    if _looks_like_html(text, suffix.lower()):
        art.html = True
        page = _read_page(text)
        art.meta = page.meta
        from html import unescape

        art.title = unescape(" ".join(page.title.split()))
        body = _html_text(text, page, where, warnings)
        lowered = {k.lower(): (k, v) for k, v in art.meta.items()}
        for key in _META_NAMES:
            if key in lowered:
                k, v = lowered[key]
                d = parse_article_date(v)
                if d is not None:
                    art.set_date(d, f"HTML meta {k}")
                    break
    else:
        lines = text.split("\n")
        i = 0
        while i < len(lines) and i < 50 and _header(lines[i]) is not None:
            key, value = _header(lines[i])  # type: ignore[misc]
            art.meta[key] = value
            i += 1
        body = "\n".join(lines[i:])
        if "date" in art.meta:
            d = parse_article_date(art.meta["date"])
            if d is not None:
                art.set_date(
                    d,
                    "# date: header" + (f" (a {d.unit}: a window of days)" if d.is_window else ""),
                )
            else:
                warnings.append(
                    f"{where}: cannot read the date header {art.meta['date'][:60]!r}; ignored"
                )
        art.title = art.meta.get("title", "")
    body = body.strip("\n")
    if not art.title:
        first = next((ln.strip() for ln in body[:5000].splitlines() if ln.strip()), "")
        art.title = first[:200]
    if art.date is None:
        d0 = find_dateline(body)
        if d0:
            art.set_date(ArticleDate(d0, d0), "dateline in the text")
    art.text = body
    return art


def _header(line: str) -> tuple[str, str] | None:
    """A ``# key: value`` header line (key: a word), or ``None``."""
    s = line.strip()
    if not s.startswith("#"):
        return None
    rest = s[1:].lstrip()
    key, sep, value = rest.partition(":")
    key = key.strip()
    if (
        not sep
        or not key
        or len(key) > 40
        or not all(c.isalnum() or c in "_-" for c in key)
        or not key[0].isalpha()
    ):
        return None
    return key.lower(), value.strip()


def read_article(path: str | Path) -> Article:
    """Read ``path`` (``"-"`` for stdin) into an :class:`Article`.

    Raises
    ------
    CheckError
        Missing or unreadable file, empty or binary content; the message names the path and the fix.
    """
    if str(path) == "-":
        return parse_article(sys.stdin.buffer.read(), "<stdin>")
    p = Path(path)
    if not p.exists():
        raise CheckError("no such file", where=str(p), fix="check the path of the article to check")
    if p.is_dir():
        raise CheckError(
            "this is a folder, not an article", where=str(p), fix="pass one .txt, .md or .html file"
        )
    try:
        raw = p.read_bytes()
    except OSError as e:
        raise CheckError(
            f"cannot read the file ({e.strerror})", where=str(p), fix="check its permissions"
        ) from e
    return parse_article(raw, str(p), suffix=p.suffix)
