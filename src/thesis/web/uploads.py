"""Uploads turned into text, or refused with a 4xx that says what is wrong and what to do.

An article may be pasted or uploaded as text, Markdown, HTML or PDF. Refused, before any parsing:

- empty (400), over the size limit (413);
- binary: NUL bytes, or the signature of an archive, image, office or executable file (415);
- not UTF-8 (400: the position of the first bad byte is named, and how to convert);
- a PDF that is encrypted or has no text layer, e.g. a scan (422).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath

__all__ = ["MAX_UPLOAD_BYTES", "UploadError", "UploadText", "read_upload", "safe_name"]

MAX_UPLOAD_BYTES = 20 * 1024 * 1024

#: leading bytes of formats that are not articles (PDF is read separately)
_SIGNATURES = {
    b"PK\x03\x04": "a ZIP archive (or a Word/Excel file)",
    b"\xd0\xcf\x11\xe0": "an old Office document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "a program",
    b"MZ": "a Windows program",
    b"Rar!": "a RAR archive",
    b"7z\xbc\xaf": "a 7-Zip archive",
}
_TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".xhtml", ".text", "")


class UploadError(Exception):
    """An upload the app refuses: HTTP ``status``, what is wrong, and the fix."""

    def __init__(self, status: int, what: str, fix: str, where: str = "upload") -> None:
        super().__init__(what)
        self.status = status
        self.what = what
        self.fix = fix
        self.where = where

    def to_dict(self) -> dict[str, str | int]:
        return {"error": self.what, "where": self.where, "fix": self.fix, "status": self.status}


@dataclass(frozen=True)
class UploadText:
    """An upload read as text: the text, a safe display name, and the suffix that says how to
    read it (``.html`` for HTML)."""

    text: str
    name: str
    suffix: str


def safe_name(filename: str | None, default: str = "upload") -> str:
    """The base name of an uploaded file (no folders, no control characters, at most 120)."""
    if not filename:
        return default
    base = PureWindowsPath(PurePosixPath(filename).name).name
    base = "".join(ch for ch in base if ch.isprintable() and ch not in '<>:"/\\|?*').strip(" .")
    return base[:120] or default


def _pdf_text(data: bytes, name: str) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise UploadError(
                422,
                "the PDF is encrypted",
                "save an unprotected copy, or paste the article's text",
                name,
            )
        pages = [p.extract_text() or "" for p in reader.pages]
    except UploadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as e:
        raise UploadError(
            422,
            f"the PDF cannot be read ({type(e).__name__}: {str(e)[:120]})",
            "check that the file is a complete PDF, or paste the article's text",
            name,
        ) from None
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text.strip():
        raise UploadError(
            422,
            "the PDF has no text layer (a scanned document?)",
            "run it through OCR first, or paste the article's text",
            name,
        )
    return text


def read_upload(
    data: bytes, filename: str | None = None, *, limit: int = MAX_UPLOAD_BYTES
) -> UploadText:
    """Turn uploaded bytes into article text.

    Parameters
    ----------
    data
        The bytes as received.
    filename
        The client's file name (only its base name is kept).
    limit
        The largest upload accepted, bytes.

    Raises
    ------
    UploadError
        See the module's list.
    """
    name = safe_name(filename, "pasted text")
    suffix = PurePosixPath(name).suffix.lower()
    if len(data) > limit:
        raise UploadError(
            413,
            f"the upload is {len(data) / 1e6:.1f} MB, over the {limit / 1e6:.0f} MB limit",
            "check the article alone (not a whole archive), or split it",
            name,
        )
    if not data.strip():
        raise UploadError(
            400, "the upload is empty", "paste the article's text or choose a file", name
        )
    if data[:5] == b"%PDF-":
        return UploadText(_pdf_text(data, name), name, ".txt")
    for sig, what in _SIGNATURES.items():
        if data.startswith(sig):
            raise UploadError(
                415,
                f"the file is {what}, not an article",
                "upload the article as text, HTML or PDF",
                name,
            )
    if b"\x00" in data[:8192]:
        raise UploadError(
            415,
            "the file is binary (it contains NUL bytes), not text",
            "upload the article as UTF-8 text, HTML or PDF",
            name,
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise UploadError(
            400,
            f"the file is not UTF-8 text (byte 0x{data[e.start]:02x} at line {line} cannot be "
            "decoded)",
            "save it as UTF-8 (e.g. `iconv -f WINDOWS-1252 -t UTF-8 FILE > FILE.txt`) and upload "
            "it again",
            name,
        ) from None
    bad = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\r\n\t\f")
    if bad > max(10, len(text[:20000]) // 50):
        raise UploadError(
            415,
            "the file is mostly control characters, not text",
            "upload the article as UTF-8 text, HTML or PDF",
            name,
        )
    if suffix not in _TEXT_SUFFIXES and suffix not in (".csv", ".rst", ".log"):
        suffix = ""
    return UploadText(text, name, suffix)
