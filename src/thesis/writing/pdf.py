"""HTML to PDF with WeasyPrint, in this process or in a helper process beside it.

WeasyPrint is pure Python and, after the simulations, the largest single piece of a cold
``thesis run``: its import and the layout of the article's pages take about 3 s of CPU on the
reference 2-core machine, all on one core. :class:`BackgroundPdf` starts one helper process that
imports WeasyPrint while the caller draws the charts and writes the HTML, then lays the PDF out
while the caller builds the tearsheet and writes ``facts.json``: the spare core does the PDF.

The helper is a fresh interpreter running a few lines that import WeasyPrint only (not
``multiprocessing``: its ``spawn`` re-imports the caller's main script, and a fork would inherit
the caller's numba, DuckDB and BLAS threads' locks). The PDF is the same file either way
(WeasyPrint is deterministic for the same HTML, fonts and version). When the helper cannot be
started or fails for any reason, the caller renders the PDF itself, so errors are the ones
:func:`write_pdf` raises in process.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from thesis.errors import WritingError

__all__ = ["BackgroundPdf", "write_pdf"]

log = logging.getLogger(__name__)


def write_pdf(html: str, path: Path, base_url: str | None = None) -> Path:
    """Render ``html`` to a PDF at ``path`` with WeasyPrint (print CSS: A4, page numbers).

    Parameters
    ----------
    html
        A self-contained HTML page.
    path
        Where to write the PDF.
    base_url
        For relative links (the page is self-contained, so usually not needed).

    Returns
    -------
    Path

    Raises
    ------
    WritingError
        WeasyPrint or its system libraries (pango) are missing.
    """
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as e:  # OSError: missing system libraries (pango)
        raise WritingError(
            f"WeasyPrint is unavailable ({e})",
            where=str(path),
            fix="install weasyprint and its system libraries (pango), or ask for formats "
            "md and html only",
        ) from e
    # WeasyPrint logs every unsupported CSS property at WARNING; screen-only rules are expected
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    # the subset fonts' "modified" stamp is the clock's unless SOURCE_DATE_EPOCH is set: a fixed
    # one makes the same page the same bytes in any process at any second (reproducible builds)
    unset = "SOURCE_DATE_EPOCH" not in os.environ
    if unset:
        os.environ["SOURCE_DATE_EPOCH"] = PDF_EPOCH
    try:
        HTML(string=html, base_url=base_url).write_pdf(str(path))
    finally:
        if unset:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
    return path


#: the time stamp written into a PDF's subset fonts when SOURCE_DATE_EPOCH is not set
PDF_EPOCH = "0"


#: the helper: imports WeasyPrint at once, then reads one line (the PDF's path, the page's HTML
#: file and the base URL, tab-separated) and writes the PDF. It imports nothing of thesis, so it
#: runs whatever ``thesis`` the caller imported, and a failure only makes the caller render
_HELPER = """
import logging, os, sys
os.environ.setdefault("SOURCE_DATE_EPOCH", "0")  # as write_pdf: the same bytes in any process
from weasyprint import HTML
logging.getLogger("weasyprint").setLevel(logging.ERROR)
logging.getLogger("fontTools").setLevel(logging.ERROR)
line = sys.stdin.readline()
if line.strip():
    pdf, page, base = line.rstrip("\\n").split("\\t")
    with open(page, encoding="utf-8") as fh:
        HTML(string=fh.read(), base_url=base or None).write_pdf(pdf)
"""


class BackgroundPdf:
    """One helper process that renders a PDF while the caller goes on with other work.

    The helper (a fresh interpreter, not a fork: the caller has numba, DuckDB and BLAS threads
    whose locks a forked child could inherit held) starts at construction and imports WeasyPrint
    at once. :meth:`submit` hands it the page and returns; :meth:`result` waits for the file.
    Use as a context manager: leaving the block stops the helper.

    Examples
    --------
    >>> with BackgroundPdf() as pdf:  # doctest: +SKIP
    ...     pdf.submit(html, out / "article.pdf")
    ...     build_the_tearsheet()
    ...     pdf.result()
    """

    def __init__(self) -> None:
        import subprocess
        import sys

        self._args: tuple[str, Path, str | None] | None = None
        self._page: Path | None = None
        self._proc: subprocess.Popen[bytes] | None
        try:
            self._proc = subprocess.Popen(
                [sys.executable, "-c", _HELPER],
                stdin=subprocess.PIPE,
                # nothing is read back: a failure is rendered again in process, which says why
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        except OSError as e:  # no helper: the caller renders in process
            log.debug("no PDF helper process: %s", e)
            self._proc = None

    def __enter__(self) -> BackgroundPdf:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def submit(self, html: str, path: Path, base_url: str | None = None) -> Path:
        """Start rendering ``html`` to ``path``; returns ``path`` (written once :meth:`result`
        returns)."""
        import tempfile

        self._args = (html, path, base_url)
        if self._proc is None or self._proc.stdin is None:
            return path
        fd, name = tempfile.mkstemp(suffix=".html", prefix="thesis-pdf-")
        self._page = Path(name)
        try:
            with open(fd, "w", encoding="utf-8") as fh:
                fh.write(html)
            line = f"{Path(path).resolve()}\t{self._page}\t{base_url or ''}\n"
            if any(c in line[:-1] for c in "\n\r") or line.count("\t") != 2:
                raise OSError("a path with a tab or a line break")  # rendered in process
            self._proc.stdin.write(line.encode("utf-8"))
            self._proc.stdin.close()
        except OSError as e:  # the helper died or the page cannot be written: in process
            log.debug("PDF helper unavailable: %s", e)
            self._stop()
        return path

    def result(self) -> Path | None:
        """Wait for the PDF submitted last (rendering it here if the helper could not)."""
        if self._args is None:
            return None
        html, path, base_url = self._args
        self._args = None
        if self._proc is not None:
            ok = self._proc.wait() == 0 and Path(path).is_file()
            self._proc = None
            self._drop_page()
            if ok:
                return path
            log.debug("PDF helper failed; rendering in process")
        return write_pdf(html, path, base_url)

    def close(self) -> None:
        """Stop the helper process (an unfinished PDF is abandoned)."""
        self._stop()

    def _stop(self) -> None:
        if self._proc is not None:
            self._proc.kill()
            self._proc.wait()
            if self._proc.stdin is not None and not self._proc.stdin.closed:
                self._proc.stdin.close()
            self._proc = None
        self._drop_page()

    def _drop_page(self) -> None:
        if self._page is not None:
            self._page.unlink(missing_ok=True)
            self._page = None
