"""Render the outlook article: Markdown, a standalone HTML page and a PDF.

:func:`write_article` is the entry point. It builds the article from the outlook's facts
(:mod:`thesis.writing.narrative`), draws the charts (:mod:`thesis.writing.charts`), renders the
jinja2 templates in ``templates/`` and, for the PDF, hands the same HTML to WeasyPrint with the
stylesheet's print rules (A4, page numbers, no figure or table row split across pages).

- Markdown is plain text; charts are PNG files beside it (``charts/NAME.png``).
- HTML is one file: inline CSS, charts as ``data:`` URIs, and every number wrapped as
  ``<span class="fact" data-fact="ID" title="value · method · window">…</span>``.
- The result lists every fact id the text uses and one provenance record per sentence.
"""

from __future__ import annotations

import html as _html
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from thesis.errors import WritingError
from thesis.facts import Fact, FactSheet
from thesis.outlook import Outlook
from thesis.writing.narrative import Article, Part, Section, Sentence, Table, build_article

if TYPE_CHECKING:
    from thesis.writing.pdf import BackgroundPdf

__all__ = [
    "FORMATS",
    "ArticleResult",
    "clean_text",
    "md_escape",
    "render_html",
    "render_markdown",
    "write_article",
]

FORMATS = ("md", "html", "pdf")
_TEMPLATES = Path(__file__).with_name("templates")
_CHART_NOTE = ""


@dataclass
class ArticleResult:
    """What :func:`write_article` wrote.

    Attributes
    ----------
    files
        Format (``md``, ``html``, ``pdf``, ``chart.NAME``) → path written.
    fact_ids
        Every fact id the text, tables and headline use, in order of first use.
    provenance
        One record per sentence: ``section``, ``key``, ``text``, ``fact_ids``, ``source``
        (``deterministic``, or the LLM writer's source kinds).
    extra_facts
        Facts the writer states itself (likelihood scale, nominal coverage, manifest entries);
        they belong in ``facts.json`` next to the outlook's.
    markdown, html
        The rendered texts (``html`` is empty when not requested).
    writer_report
        With the LLM writer: its :class:`~thesis.writing.llm.WriterReport` (rejections per
        section and class, fallbacks); ``None`` otherwise.
    """

    files: dict[str, Path] = field(default_factory=dict)
    fact_ids: list[str] = field(default_factory=list)
    provenance: list[dict[str, Any]] = field(default_factory=list)
    extra_facts: list[Fact] = field(default_factory=list)
    markdown: str = ""
    html: str = ""
    writer_report: Any = None  # thesis.writing.llm.WriterReport, with writer="llm"

    @property
    def paths(self) -> dict[str, Path]:
        return self.files

    def provenance_summary(self) -> dict[str, Any]:
        """For the run manifest: sentence counts by source, and the records themselves."""
        counts: dict[str, int] = {}
        for p in self.provenance:
            counts[p["source"]] = counts.get(p["source"], 0) + 1
        out: dict[str, Any] = {"counts": counts, "sentences": self.provenance}
        if self.writer_report is not None:
            out["report"] = self.writer_report.to_dict()
        return out


# --------------------------------------------------------------------------- part rendering


def _is_code(part: Part) -> bool:
    return part.fact_id is not None and part.fact_id.endswith((".content_hash",))


#: control characters (C0 and DEL, C1) never reach an output: a NUL or a form feed in a title is
#: not text, and a line break would let a title open a heading or a block
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
#: Markdown punctuation that can start markup inside a line: emphasis, code, links and images,
#: tables, headings, escapes; escaped with a backslash (CommonMark: any ASCII punctuation)
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#])")
#: "<" opening a tag or an autolink, "!" before an image bracket is covered by escaping "["
_MD_TAG = re.compile(r"<(?=[A-Za-z/!?])")
#: text a Markdown renderer would turn into a link by itself (GFM autolinks, schemes)
_URLISH = re.compile(
    r"(?i)\b(?:[a-z][a-z0-9+.\-]{1,31}://|www\.|(?:javascript|vbscript|data|file|mailto):)\S*"
)


def clean_text(text: str) -> str:
    """User text on one line: control characters (NUL, line breaks, tabs) become single spaces."""
    return _CONTROL.sub(" ", text)


def md_escape(text: str) -> str:
    """Plain text made inert in Markdown: it renders as the same words and never as markup.

    Control characters become spaces (no line break can open a heading, list or block quote);
    ``\\ ` * _ [ ] | #`` are backslash-escaped (no emphasis, code, link, image or table cell);
    ``<`` before a letter becomes ``&lt;`` (no HTML tag or autolink); and anything a renderer would
    link by itself (``https://…``, ``www.…``, ``javascript:…``) is set as inline code.
    """
    text = clean_text(text)
    out: list[str] = []
    pos = 0
    for m in _URLISH.finditer(text):
        url = m.group(0)
        # as a renderer does: closing punctuation after a link is the sentence's, not the link's
        keep = len(url.rstrip(".,;:!?\"')]}\u201d\u2019\u00bb"))
        out.append(_md_plain(text[pos : m.start()]))
        out.append(_md_code(url[:keep] or url))
        pos = m.start() + (keep or len(url))
    out.append(_md_plain(text[pos:]))
    return "".join(out)


def _md_plain(text: str) -> str:
    return _MD_TAG.sub("&lt;", _MD_SPECIAL.sub(r"\\\1", text))


def _md_code(text: str) -> str:
    """Inline code that holds ``text`` whatever backticks it contains (a longer fence)."""
    run = max((len(r) for r in re.findall(r"`+", text)), default=0)
    fence = "`" * (run + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _md_parts(parts: Iterable[Part]) -> str:
    out = []
    for p in parts:
        if _is_code(p):
            out.append(_md_code(clean_text(p.text)))
        else:
            out.append(md_escape(p.text))
    return "".join(out)


def _md_escape_cell(text: str) -> str:
    # cells are built from escaped parts already; only a pipe left unescaped could split a cell
    return re.sub(r"(?<!\\)\|", r"\\|", clean_text(text))


def _fact_title(fact: Fact | None) -> str:
    if fact is None:
        return ""
    window = fact.window() or "no data window"
    return f"{fact.value} · {fact.method} · {window}"


class _HtmlParts:
    """Renders parts as HTML, wrapping each fact in a span with its id and provenance."""

    def __init__(self, facts: FactSheet, spans: bool = True) -> None:
        self.facts = facts
        self.spans = spans

    def __call__(self, parts: Iterable[Part]) -> str:
        out = []
        for p in parts:
            text = _html.escape(clean_text(p.text), quote=False)
            if p.fact_id and self.spans:
                cls = "fact hash" if _is_code(p) else "fact"
                title = _html.escape(_fact_title(self.facts.get(p.fact_id)), quote=True)
                out.append(
                    f'<span class="{cls}" data-fact="{_html.escape(p.fact_id)}" '
                    f'title="{title}">{text}</span>'
                )
            else:
                out.append(text)
        return "".join(out)


_NUMERIC_TEXT = re.compile(r"^[-−+<>$]*\d[\d,]*(\.\d+)?(%| bp|×)?$")


def _is_numeric_cell(cell: Sequence[Part]) -> bool:
    """One fact that reads as a number (not a version string, hash or date)."""
    return (
        len(cell) == 1 and cell[0].fact_id is not None and bool(_NUMERIC_TEXT.match(cell[0].text))
    )


def _md_table(t: Table) -> str:
    header = [_md_escape_cell(_md_parts(c)) for c in t.header]
    lines = [f"**{md_escape(t.caption)}**", "", "| " + " | ".join(header) + " |"]
    align = ["---:" if rows_numeric else "---" for rows_numeric in _numeric_columns(t)]
    lines.append("| " + " | ".join(align) + " |")
    for row in t.rows:
        lines.append("| " + " | ".join(_md_escape_cell(_md_parts(c)) for c in row) + " |")
    return "\n".join(lines)


def _numeric_columns(t: Table) -> list[bool]:
    cols = len(t.header)
    out = []
    for j in range(cols):
        cells = [row[j] for row in t.rows if j < len(row)]
        out.append(
            bool(cells)
            and all(_is_numeric_cell(c) or (len(c) == 1 and c[0].text == "–") for c in cells)
            and any(_is_numeric_cell(c) for c in cells)
        )
    return out


def _html_table(t: Table, parts: _HtmlParts) -> str:
    numeric = _numeric_columns(t)
    num = ' class="num"'
    head = "".join(
        f"<th{num if numeric[j] else ''}>{parts(c)}</th>" for j, c in enumerate(t.header)
    )
    body = []
    for row in t.rows:
        cells = "".join(
            f"<td{num if j < len(numeric) and numeric[j] else ''}>{parts(c)}</td>"
            for j, c in enumerate(row)
        )
        body.append(f"<tr>{cells}</tr>")
    # the caption sits outside the table so that print CSS can keep the two on one page
    return (
        f'<div class="table" id="table-{t.key}"><p class="caption">'
        f"{_html.escape(clean_text(t.caption))}</p><table><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


def _paragraph_md(para: Sequence[Sentence]) -> str:
    return " ".join(_md_parts(s.parts) for s in para)


# --------------------------------------------------------------------------- rendering


def _env() -> Any:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(_TEMPLATES)),
        autoescape=False,  # parts are escaped by the filters; titles below by hand
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )


def render_markdown(
    article: Article, charts: Mapping[str, Any], chart_paths: Mapping[str, str]
) -> str:
    """The article as Markdown (charts referenced by relative path).

    Parameters
    ----------
    article
        From :func:`thesis.writing.narrative.build_article`.
    charts
        Name → :class:`thesis.writing.charts.Chart` (missing names are skipped).
    chart_paths
        Name → path of the PNG relative to the Markdown file.

    Returns
    -------
    str
    """
    env = _env()
    env.filters["md_paragraph"] = _paragraph_md
    env.filters["md_table"] = _md_table
    env.filters["md"] = md_escape
    text = env.get_template("article.md.j2").render(
        headline=_md_parts(article.headline.parts),
        dateline=_md_parts(article.dateline.parts) if article.dateline is not None else "",
        thesis_line=_md_parts(article.standfirst.parts),
        sections=article.sections,
        charts=charts,
        chart_paths=chart_paths,
        chart_note=_CHART_NOTE,
    )
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def render_html(
    article: Article, charts: Mapping[str, Any], *, as_of: str = "", spans: bool = True
) -> str:
    """The article as one standalone HTML page (inline CSS, charts as data URIs).

    Parameters
    ----------
    article
        From :func:`thesis.writing.narrative.build_article`.
    charts
        Name → :class:`thesis.writing.charts.Chart`.
    as_of
        The analysis date for the page's ``<meta name="date">``.
    spans
        Wrap each number in its fact span (the page). The PDF is rendered without them: a
        printed page has no hover, and the extra inline boxes cost WeasyPrint layout time.

    Returns
    -------
    str
    """
    env = _env()
    parts = _HtmlParts(article.facts, spans=spans)
    env.filters["html_paragraph"] = lambda para: " ".join(parts(s.parts) for s in para)
    env.filters["html_table"] = lambda t: _html_table(t, parts)
    env.filters["e"] = lambda text: _html.escape(clean_text(str(text)))
    css = (_TEMPLATES / "article.css").read_text(encoding="utf-8")
    safe_sections = [_escaped_titles(s) for s in article.sections]
    charts_escaped = {k: _EscapedChart(v) for k, v in charts.items()}
    return env.get_template("article.html.j2").render(
        headline=parts(article.headline.parts),
        headline_text=_html.escape(clean_text(article.headline.text)),
        thesis_line=parts(article.standfirst.parts),
        sections=safe_sections,
        charts=charts_escaped,
        chart_note=_CHART_NOTE,
        css=css,
        as_of=_html.escape(as_of),
        spans=spans,
    )


class _EscapedChart:
    """A chart whose text attributes are HTML-escaped for the template."""

    def __init__(self, chart: Any) -> None:
        self._c = chart
        self.title = _html.escape(clean_text(chart.title))
        self.alt = _html.escape(clean_text(chart.alt), quote=True)
        self.source = _html.escape(clean_text(chart.source))

    def data_uri(self) -> str:
        return self._c.data_uri()


def _escaped_titles(sec: Section) -> Section:
    return Section(
        sec.key,
        _html.escape(clean_text(sec.title)),
        sec.paragraphs,
        sec.tables,
        sec.charts,
        [_escaped_titles(s) for s in sec.subsections],
        _html.escape(clean_text(sec.banner)),
    )


def render_pdf(html: str, path: Path, base_url: str | None = None) -> Path:
    """Render the HTML page to a PDF with WeasyPrint (print CSS: A4, page numbers).

    Parameters
    ----------
    html
        From :func:`render_html`.
    path
        Where to write the PDF.
    base_url
        For relative links (the page is self-contained, so usually not needed).

    Returns
    -------
    Path
    """
    from thesis.writing.pdf import write_pdf

    return write_pdf(html, path, base_url)


# --------------------------------------------------------------------------- entry point


def _provenance(article: Article, source: str = "deterministic") -> list[dict[str, Any]]:
    out = []

    def rec(section: str, s: Sentence) -> None:
        out.append(
            {
                "section": section,
                "key": s.key,
                "text": s.text,
                "fact_ids": list(s.fact_ids),
                "source": source,
            }
        )

    rec("headline", article.headline)
    rec("headline", article.standfirst)
    if article.dateline is not None:
        rec("headline", article.dateline)
    for sec in article.all_sections():
        for s in sec.sentences():
            rec(sec.key, s)
    return out


def write_article(
    outlook: Outlook,
    out_dir: Path | str,
    formats: Sequence[str] = FORMATS,
    *,
    writer: str = "deterministic",
    llm: Mapping[str, Any] | None = None,
    stem: str = "article",
    pdf: BackgroundPdf | None = None,
) -> ArticleResult:
    """Write the outlook article.

    Parameters
    ----------
    outlook
        The pipeline's hand-off (facts, chart inputs, notes, manifest).
    out_dir
        Folder to write into (created if missing): ``article.md`` with ``charts/*.png``,
        ``article.html``, ``article.pdf``.
    formats
        Any of ``md``, ``html``, ``pdf``; none writes no file and draws no chart (the result
        still holds the fact ids and provenance).
    writer
        ``deterministic`` (this module's sentences) or ``llm`` (the LLM writer drafts, the numeric
        guard checks, and failing sentences fall back to these; needs :mod:`thesis.writing.llm`).
    llm
        Settings for the LLM writer (base URL, model, ...), passed through.
    stem
        File name stem.
    pdf
        A helper process to render the PDF in (:class:`thesis.writing.pdf.BackgroundPdf`): the
        PDF is submitted and this returns before it is written; the caller waits with
        ``pdf.result()``. None renders it here.

    Returns
    -------
    ArticleResult
    """
    bad = [f for f in formats if f not in FORMATS]
    if bad:
        raise WritingError(
            f"unknown article format(s) {bad}", where="formats", fix=f"use any of {list(FORMATS)}"
        )
    if writer not in ("deterministic", "llm"):
        raise WritingError(
            f"unknown writer {writer!r}", where="writer", fix="use 'deterministic' or 'llm'"
        )
    from thesis.writing.charts import build_charts

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    article = build_article(outlook)
    provenance = _provenance(article)
    report = None
    if writer == "llm":
        article, provenance, report = _apply_llm(outlook, article, dict(llm or {}))
    # drawn only for a format that shows them (no format: the facts and provenance only)
    charts = build_charts(outlook) if formats else {}
    result = ArticleResult(
        fact_ids=article.fact_ids(),
        provenance=provenance,
        extra_facts=list(article.extra_facts),
        writer_report=report,
    )
    chart_paths: dict[str, str] = {}
    if "md" in formats:
        cdir = out / "charts"
        cdir.mkdir(exist_ok=True)
        for name, chart in charts.items():
            p = cdir / f"{name}.png"
            p.write_bytes(chart.png)
            chart_paths[name] = f"charts/{name}.png"
            result.files[f"chart.{name}"] = p
        result.markdown = render_markdown(article, charts, chart_paths)
        md = out / f"{stem}.md"
        md.write_text(result.markdown, encoding="utf-8")
        result.files["md"] = md
    if "html" in formats:
        result.html = render_html(article, charts, as_of=outlook.as_of)
    if "html" in formats:
        p = out / f"{stem}.html"
        p.write_text(result.html, encoding="utf-8")
        result.files["html"] = p
    if "pdf" in formats:
        printable = render_html(article, charts, as_of=outlook.as_of, spans=False)
        if pdf is None:
            result.files["pdf"] = render_pdf(printable, out / f"{stem}.pdf")
        else:
            result.files["pdf"] = pdf.submit(printable, out / f"{stem}.pdf")
    return result


def _apply_llm(
    outlook: Outlook, article: Article, settings: dict[str, Any]
) -> tuple[Article, list[dict[str, Any]], Any]:
    """Let the LLM writer redraft the prose; its guarded text replaces the sections' paragraphs.

    :class:`thesis.writing.llm.LLMWriter` (built from ``settings``) receives each section's
    deterministic sentences as the outline and fallback, and returns guarded prose. Numbers in it
    are mapped back to fact ids by the guard, so the HTML still marks each one. The headline and
    the appendix stay deterministic (the appendix is a record, not prose).
    """
    from thesis.writing.guard import _Index, check_sentence, split_sentences
    from thesis.writing.llm import LLMWriter

    writer = LLMWriter(**settings)
    by_key = {s.key: s for s in article.all_sections() if s.paragraphs and s.key != "appendix"}
    outline = {k: [s.text for s in sec.sentences()] for k, sec in by_key.items()}
    # each section is held to the facts its own outline uses, not to every fact in the outlook
    scope = {
        k: {fid for s in sec.sentences() for fid in s.fact_ids}
        | {fid for t in sec.tables for fid in t.fact_ids}
        for k, sec in by_key.items()
    }
    draft = writer.write(outline, article.facts, section_facts=scope)
    for key, text in draft.sections.items():
        sec = by_key.get(key)
        if sec is None or not text.strip():
            continue
        paras = []
        scoped = [f for f in article.facts if f.id in scope[key] or f.unit == "date"]
        index = _Index.of(scoped)  # prepared once per section, not once per sentence
        for i, para in enumerate(split_sentences(text)):
            sents = []
            for j, sentence in enumerate(para):
                res = check_sentence(sentence, scoped, _index=index)
                sents.append(Sentence(f"{key}.{i}.{j}", _parts_from_guard(sentence, res)))
            paras.append(sents)
        sec.paragraphs = paras
    prov = [dict(p.to_dict(), key=f"{p.section}.{p.index}") for p in draft.provenance]
    det = [p for p in _provenance(article) if p["section"] not in draft.sections]
    return article, det + prov, draft.report()


def _parts_from_guard(text: str, res: Any) -> tuple[Part, ...]:
    parts: list[Part] = []
    pos = 0
    for m in sorted(res.matched, key=lambda m: m.span.start):
        if not m.fact_ids:
            continue
        if m.span.start > pos:
            parts.append(Part(text[pos : m.span.start]))
        parts.append(Part(m.span.text, m.fact_ids[0]))
        pos = m.span.end
    if pos < len(text):
        parts.append(Part(text[pos:]))
    return tuple(parts)
