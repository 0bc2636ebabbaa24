"""Reading an article: bytes from a file or stdin → plain text, a title and a publication date.

Plain text and Markdown are read as they are; ``# key: value`` header lines at the top (the format of
``../shared/articles``) are split off as metadata. HTML goes through trafilatura (main text without
scripts, navigation or footers) with a simple tag-stripping fallback. The date comes from ``--date``,
else the file (``# date:`` header, HTML meta tags, a dateline), else the caller falls back to the
store's last date with a warning.
"""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from thesis.errors import CheckError

__all__ = ["Article", "find_dateline", "parse_article", "read_article"]

_HEADER_RE = re.compile(r"^#\s*([A-Za-z_][\w-]*)\s*:\s*(.*)$")
_ISO_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
# "January 26, 2026", "Jan. 26, 2026", "26 January 2026"
_DATELINE_RE = re.compile(
    rf"\b(?:(?P<m1>{_MONTH_ALT})\.?\s+(?P<d1>\d{{1,2}}),?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTH_ALT})\.?,?\s+(?P<y2>\d{{4}}))\b",
    re.IGNORECASE,
)
_META_NAMES = (
    "article:published_time",
    "og:published_time",
    "datePublished",
    "date",
    "pubdate",
    "publishdate",
    "dc.date",
    "dc.date.issued",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
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
        The publication date, or ``None`` when the input does not say.
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
    date_source: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    html: bool = False


def _first_date(value: str) -> dt.date | None:
    m = _ISO_RE.search(value)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    m = _DATELINE_RE.search(value)
    return _dateline_match(m) if m else None


def _dateline_match(m: re.Match[str]) -> dt.date | None:
    mon = (m["m1"] or m["m2"] or "").lower()
    day = m["d1"] or m["d2"]
    year = m["y1"] or m["y2"]
    try:
        return dt.date(int(year), _MONTHS[mon], int(day))
    except (ValueError, KeyError, TypeError):
        return None


def find_dateline(text: str) -> dt.date | None:
    """A dateline: a full date near the top (first 400 characters) or on a line of its own.

    Returns ``None`` when there is none. Dates inside sentences further down are claims, not
    datelines, so only the top and short standalone lines count.
    """
    m = _DATELINE_RE.search(text[:400])
    if m:
        d = _dateline_match(m)
        if d:
            return d
    for line in text.splitlines():
        s = line.strip()
        if 0 < len(s) <= 60:
            m = _DATELINE_RE.search(s)
            # a line that is mostly a date (optionally with a time and zone): "January 26, 2026 16:14 ET"
            if (
                m
                and len(s) - (m.end() - m.start()) <= 30
                and not re.search(r"[.!?]$", s.rstrip(")"))
            ):
                d = _dateline_match(m)
                if d:
                    return d
    return None


def _decode(raw: bytes, where: str) -> tuple[str, list[str]]:
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CheckError(
            "the input is binary (it contains NUL bytes), not an article",
            where=where,
            fix="pass a .txt, .md or .html file (export a PDF or Word file to text first)",
        )
    for enc in (
        ("utf-8-sig", "utf-16") if raw.startswith((b"\xff\xfe", b"\xfe\xff")) else ("utf-8-sig",)
    ):
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
    return head.startswith(("<!doctype html", "<html")) or bool(
        re.search(r"<(head|body|article)\b", head)
    )


def _html_meta(src: str) -> dict[str, str]:
    meta: dict[str, str] = {}
    for tag in re.findall(r"<meta\b[^>]*>", src, flags=re.IGNORECASE):
        attrs = dict(
            (k.lower(), html_lib.unescape(v2 or v3))
            for k, v2, v3 in re.findall(r"([\w:.-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", tag)
        )
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop")
        if key and "content" in attrs:
            meta.setdefault(key, attrs["content"])
    for m in re.finditer(
        r"<time\b[^>]*datetime\s*=\s*[\"']([^\"']+)[\"']", src, flags=re.IGNORECASE
    ):
        meta.setdefault("time", m[1])
        break
    m = re.search(r"<title[^>]*>(.*?)</title>", src, flags=re.IGNORECASE | re.DOTALL)
    if m:
        meta.setdefault("title", html_lib.unescape(re.sub(r"\s+", " ", m[1])).strip())
    return meta


def _simple_html_text(src: str) -> str:
    """Fallback extraction: drop scripts, styles, navigation and tags; keep block breaks."""
    s = re.sub(r"<!--.*?-->", " ", src, flags=re.DOTALL)
    s = re.sub(
        r"<(script|style|noscript|nav|header|footer|aside|form|svg|iframe)\b.*?</\1\s*>",
        " ",
        s,
        flags=re.IGNORECASE | re.DOTALL,
    )
    s = re.sub(
        r"<(br|/p|/div|/h\d|/li|/tr|/article|/section)\b[^>]*>", "\n", s, flags=re.IGNORECASE
    )
    s = re.sub(r"<[^>]+>", " ", s)
    s = html_lib.unescape(s)
    lines = [re.sub(r"[ \t\xa0]+", " ", ln).strip() for ln in s.splitlines()]
    return "\n".join(ln for ln in lines if ln)


def _html_text(src: str, where: str, warnings: list[str]) -> str:
    try:
        import trafilatura

        text = trafilatura.extract(
            src, include_comments=False, include_tables=False, favor_recall=True, deduplicate=True
        )
    except Exception as e:  # trafilatura can fail on odd markup; the fallback still gives text
        warnings.append(
            f"{where}: trafilatura failed ({type(e).__name__}); used a simple text extraction"
        )
        text = None
    if not text or not text.strip():
        text = _simple_html_text(src)
        if text:
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
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise CheckError(
            "the article is empty", where=where, fix="pass a file with the article's text"
        )
    art = Article(text="", where=where, warnings=warnings)
    if _looks_like_html(text, suffix.lower()):
        art.html = True
        art.meta = _html_meta(text)
        art.title = art.meta.get("title", "")
        body = _html_text(text, where, warnings)
        for key in (*_META_NAMES, "time"):
            for k, v in art.meta.items():
                if k.lower() == key.lower():
                    d = _first_date(v)
                    if d:
                        art.date, art.date_source = d, f"HTML meta {k}"
                        break
            if art.date:
                break
    else:
        lines = text.split("\n")
        i = 0
        while i < len(lines) and (m := _HEADER_RE.match(lines[i].strip())):
            art.meta[m[1].lower()] = m[2].strip()
            i += 1
        body = "\n".join(lines[i:])
        if "date" in art.meta:
            d = _first_date(art.meta["date"])
            if d:
                art.date, art.date_source = d, "# date: header"
            else:
                warnings.append(
                    f"{where}: cannot read the date header {art.meta['date']!r}; ignored"
                )
        art.title = art.meta.get("title", "")
    body = body.strip("\n")
    if not art.title:
        first = next((ln.strip() for ln in body.splitlines() if ln.strip()), "")
        art.title = first if len(first) <= 200 else first[:200]
    if art.date is None:
        d = find_dateline(body)
        if d:
            art.date, art.date_source = d, "dateline in the text"
    art.text = body
    return art


def read_article(path: str | Path) -> Article:
    """Read ``path`` (``"-"`` for stdin) into an :class:`Article`.

    Raises
    ------
    CheckError
        Missing or unreadable file, empty or binary content; the message names the path and the fix.
    """
    if str(path) == "-":
        raw = sys.stdin.buffer.read()
        return parse_article(raw, "<stdin>")
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
