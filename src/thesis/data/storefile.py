"""What is wrong with a store file, said so that the user can act on it.

DuckDB reports a damaged file, a full disk, a read-only file system and a file that is not a
database alike, as ``IOException`` or ``TransactionException`` with the operating system's words
inside the message. The advice differs a great deal: a damaged store is moved aside and rebuilt,
but a store on a read-only or full disk is intact and must *not* be rebuilt. This module tells the
causes apart from three witnesses, in this order:

1. the file itself (:func:`sniff`): DuckDB's signature at byte 8 and the block count its header
   records, so that a text file, an image, a zero-byte file and a file cut short are named as such
   before DuckDB is asked to open them;
2. the error (:func:`explain`): the ``errno`` of an ``OSError``, or the C library's text for it
   (``os.strerror``) inside DuckDB's message, and DuckDB's own wording for checksums, versions and
   short reads;
3. the file system (:func:`check_writable`, :func:`probe`): the read-only mount flag, write
   permission, free space, and as a last resort a probe write beside the store.

Every function returns a :class:`~thesis.errors.StoreError` (or ``None`` when it finds nothing) and
never raises, so that the caller decides what to do with the answer.
"""

from __future__ import annotations

import errno
import os
import re
import struct
import tempfile
from pathlib import Path

from thesis.errors import StoreError

__all__ = ["check_writable", "explain", "free_bytes", "probe", "sniff"]

#: DuckDB's file layout: three 4 KiB headers (main, then two database headers written in turn),
#: then fixed-size blocks; the main header carries the signature ``DUCK`` at byte 8
HEADER_BYTES = 3 * 4096
_MAGIC = b"DUCK"
_MAGIC_AT = 8
#: database header: checksum, iteration, meta block, free list, block count, block size (uint64 each)
_DB_HEADER = struct.Struct("<QQqqQQ")

#: signatures of files a user might point the store at by mistake
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an .xlsx/.docx file)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"PAR1", "a Parquet file"),
)

#: errno → reason, matched on ``OSError.errno`` or on ``os.strerror(errno)`` in DuckDB's message
_ERRNO_REASONS: tuple[tuple[int, str], ...] = tuple(
    (code, reason)
    for code, reason in (
        (errno.EROFS, "read_only"),
        (errno.ENOSPC, "full"),
        (getattr(errno, "EDQUOT", -1), "full"),
        (errno.EACCES, "permission"),
        (errno.EPERM, "permission"),
    )
    if code >= 0
)

REBUILD = (
    "move it aside (mv {p} {p}.bad) and rebuild with `thesis data import PATH` or "
    "`thesis data bundle`; restore it from a backup instead if you have one"
)
_ELSEWHERE = "or point --store (or THESIS_HOME) at a store somewhere else"


def _size(n: float) -> str:
    return f"{n / 2**20:,.1f} MiB" if n >= 2**20 else f"{n / 2**10:,.0f} KiB"


def free_bytes(path: Path) -> int | None:
    """Bytes free for an unprivileged user on the file system of ``path`` (or its nearest parent)."""
    p = path
    while not p.exists() and p != p.parent:
        p = p.parent
    try:
        st = os.statvfs(p)
    except (OSError, AttributeError):  # AttributeError: no statvfs on Windows
        return None
    return st.f_bavail * st.f_frsize


def _read_only_mount(path: Path) -> bool:
    p = path
    while not p.exists() and p != p.parent:
        p = p.parent
    try:
        return bool(os.statvfs(p).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):
        return False


# ------------------------------------------------------------------------------------- the file
def sniff(path: Path, *, deep: bool = False) -> StoreError | None:
    """Look at the file alone: is it a DuckDB file? ``None`` when it looks so (or is absent).

    Reads at most the 12 KiB of headers. With ``deep`` (after DuckDB failed on the file), a file
    that does not end on a block boundary is called cut short (an interrupted copy or download, or
    a disk that filled up while it was copied): DuckDB writes and trims whole blocks. That is a
    diagnosis, not a gate: a process killed while it extended the file can leave a partial block
    that DuckDB ignores, so a file that opens and reads is never refused for its size alone.
    """
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            head = f.read(HEADER_BYTES)
    except FileNotFoundError:
        return None
    except OSError as e:
        found = (
            _from_errno(path, e.errno, e.strerror or str(e), writing=False)
            if e.errno is not None
            else None
        )
        return found or StoreError(
            f"cannot read the store file ({e.strerror or e})",
            where=str(path),
            fix="check that the file is readable (ls -l), " + _ELSEWHERE,
            reason="io",
        )
    if size == 0:
        return StoreError(
            "the store file is empty (0 bytes): a store that was never written, perhaps because the "
            "disk was full or the process was stopped while creating it",
            where=str(path),
            fix=f"remove it (rm {path}) and run the command again; it holds no data",
            reason="empty",
        )
    if head[_MAGIC_AT : _MAGIC_AT + len(_MAGIC)] != _MAGIC:
        kind = _describe(head)
        return StoreError(
            f"the store path holds {kind}, not a DuckDB database",
            where=str(path),
            fix="point --store (or THESIS_HOME) at the store file (market.duckdb), or move this "
            f"file away (mv {path} {path}.not-a-store) and build a store with `thesis data bundle` "
            "or `thesis data import PATH`",
            reason="foreign",
        )
    block = _block_size(head)
    ragged = deep and block is not None and (size - HEADER_BYTES) % block != 0
    if size < HEADER_BYTES or ragged:
        detail = (
            f", which is not a whole number of its {block // 1024} KiB blocks"
            if ragged and block
            else f", less than DuckDB's {HEADER_BYTES // 1024} KiB of headers"
        )
        return StoreError(
            f"the store file is cut short: {size:,} bytes{detail} (an interrupted copy or "
            "download, or a disk that filled up while the file was written); its data cannot all "
            "be read",
            where=str(path),
            fix=REBUILD.format(p=path),
            reason="truncated",
        )
    return None


def _describe(head: bytes) -> str:
    for sig, name in _SIGNATURES:
        if head.startswith(sig):
            return name
    sample = head[:512]
    try:
        text = sample.decode("utf-8")
    except UnicodeDecodeError:
        return "a file of another format (no DuckDB signature)"
    printable = sum(c.isprintable() or c in "\r\n\t" for c in text)
    if text and printable / len(text) > 0.95:
        first = text.strip().splitlines()[0][:40] if text.strip() else ""
        return f"a text file (it begins {first!r})"
    return "a file of another format (no DuckDB signature)"


def _block_size(head: bytes) -> int | None:
    """The block size the newest database header records, or None when the headers do not parse.

    (The header's block count is no guide to the file's size: DuckDB trims free blocks at the end
    of the file without lowering it.)
    """
    best: tuple[int, int] | None = None
    for off in (4096, 8192):
        if len(head) < off + _DB_HEADER.size:
            return None
        _, iteration, _, _, _, block = _DB_HEADER.unpack_from(head, off)
        # only trust a plausible power of two (a format change in a later DuckDB must not make
        # every store look cut short)
        if not (2**12 <= block <= 2**30 and block & (block - 1) == 0):
            continue
        if best is None or iteration > best[0]:
            best = (iteration, block)
    return None if best is None else best[1]


# ------------------------------------------------------------------------------------- the error
def explain(
    path: Path, exc: BaseException, *, writing: bool, outcome: str = ""
) -> StoreError | None:
    """The StoreError for an error raised while using the store at ``path``.

    Parameters
    ----------
    path
        The store file.
    exc
        What DuckDB (or the operating system) raised.
    writing
        Whether the command was writing (a read-only mount matters only then).
    outcome
        What happened to the data, appended to the message (``"nothing was stored"``).

    Returns
    -------
    StoreError or None
        ``None`` when the error is not about the file, its disk or its lock (a programming error
        such as a bad SQL statement), so that the caller re-raises it unchanged.
    """
    if isinstance(exc, StoreError):
        return exc
    msg = str(exc)
    low = msg.lower()
    first = msg.strip().splitlines()[0][:300] if msg.strip() else type(exc).__name__
    if isinstance(exc, OSError) and exc.errno is not None:
        err = _from_errno(path, exc.errno, exc.strerror or msg, writing=writing, outcome=outcome)
        if err is not None:
            return err
    # imported here, on an error's path: a reader answered from the read cache never loads DuckDB
    import duckdb

    if not isinstance(exc, duckdb.Error | OSError | RuntimeError):
        return None
    if "could not set lock" in low or "conflicting lock" in low:
        return None  # the caller waits and names the holder
    for code, _ in _ERRNO_REASONS:
        if os.strerror(code).lower() in low:
            err = _from_errno(path, code, os.strerror(code), writing=writing, outcome=outcome)
            if err is not None:
                return err
    if "not a valid duckdb database file" in low:
        return sniff(path) or StoreError(
            "the store path holds a file that is not a DuckDB database",
            where=str(path),
            fix=f"point --store (or THESIS_HOME) at the store file, or move this file away (mv "
            f"{path} {path}.not-a-store)",
            reason="foreign",
        )
    if re.search(r"version number|storage version|serialization compatibility", low):
        return StoreError(
            f"the store was written by a DuckDB that this installation cannot read ({first})",
            where=str(path),
            fix=f"install the DuckDB that wrote it (pip install -U duckdb; this one is "
            f"{duckdb.__version__}), or rebuild the store with this one",
            reason="version",
        )
    if "could not read enough bytes" in low:
        return sniff(path, deep=True) or StoreError(
            f"the store file is shorter than its contents need ({first}): it was cut short or "
            "changed while it was read",
            where=str(path),
            fix=REBUILD.format(p=path),
            reason="truncated",
        )
    damaged = (
        isinstance(exc, duckdb.SerializationException | duckdb.InternalException)
        or "checksum" in low
        or "corrupt" in low
        or "failed to load metadata" in low
    )
    if damaged:
        return sniff(path, deep=True) or StoreError(
            f"the store file is corrupt: DuckDB found damaged data in it ({type(exc).__name__}: "
            f"{first})",
            where=str(path),
            fix=REBUILD.format(p=path),
            reason="corrupt",
        )
    io_kind = isinstance(
        exc,
        duckdb.IOException
        | duckdb.TransactionException
        | duckdb.FatalException
        | duckdb.ConnectionException
        | OSError,
    )
    if not io_kind and not (isinstance(exc, RuntimeError) and not isinstance(exc, duckdb.Error)):
        return None
    # DuckDB did not say why: ask the file and its file system
    found = sniff(path, deep=True) or probe(path, writing=writing, outcome=outcome)
    if found is not None:
        return found
    return StoreError(
        f"the store could not be {'written' if writing else 'read'} ({type(exc).__name__}: {first})"
        + (f"; {outcome}" if outcome else ""),
        where=str(path),
        fix="check the disk and the file (ls -l, df -h), then run the command again; run it with "
        "--debug for the full traceback",
        reason="io",
    )


def _from_errno(
    path: Path, code: int, words: str, *, writing: bool, outcome: str = ""
) -> StoreError | None:
    reason = dict(_ERRNO_REASONS).get(code)
    tail = f"; {outcome}" if outcome else ""
    folder = path.parent
    if reason == "read_only":
        return StoreError(
            "the store is on a read-only file system"
            + ("" if words.lower() == "read-only file system" else f" ({words})")
            + f", so it cannot be written; the store itself is intact and reading it works{tail}",
            where=str(path),
            fix=f"remount {folder} read-write, or copy the store to a writable folder and point "
            f"--store (or THESIS_HOME) there (cp {path} DEST/market.duckdb); do not rebuild it",
            reason="read_only",
        )
    if reason == "full":
        free = free_bytes(path)
        return StoreError(
            f"the disk holding the store is full ({words}"
            + (f", {_size(free)} free" if free is not None else "")
            + f") while {'writing' if writing else 'reading'}{tail}",
            where=str(path),
            fix=f"free space on the file system of {folder} (df -h {folder}), then run the command "
            f"again; the store is intact, do not rebuild it; {_ELSEWHERE} on a disk with room",
            reason="full",
        )
    if reason == "permission":
        return StoreError(
            f"no permission to {'write' if writing else 'read'} the store ({words}){tail}",
            where=str(path),
            fix=f"run as the owner of {path} or give yourself access (chmod u+rw {path}; u+rwx on "
            f"{folder}), {_ELSEWHERE}",
            reason="permission",
        )
    return None


# ------------------------------------------------------------------------------------- the disk
def check_writable(path: Path) -> StoreError | None:
    """Before a write: can the store's folder be written at all? Cheap checks, no write.

    A read-only mount and a folder without write permission are found here, before DuckDB is asked
    (it would report them as if the file were damaged). A full disk is not refused in advance: a
    small write may still fit; :func:`explain` names it when it happens.
    """
    p = path if path.exists() else path.parent
    while not p.exists() and p != p.parent:
        p = p.parent
    if _read_only_mount(p):
        return _from_errno(path, errno.EROFS, os.strerror(errno.EROFS), writing=True)
    if not os.access(p, os.W_OK) or (path.exists() and not os.access(path.parent, os.W_OK)):
        return _from_errno(path, errno.EACCES, os.strerror(errno.EACCES), writing=True)
    return None


def probe(path: Path, *, writing: bool, outcome: str = "") -> StoreError | None:
    """Find out why a write failed when DuckDB did not say: mount flag, free space, a probe write.

    The probe writes one DuckDB block (256 KiB) to a temporary file beside the store and removes
    it; the operating system's answer (``EROFS``, ``ENOSPC``, ``EACCES``) names the cause.
    """
    if not writing:
        return None
    if _read_only_mount(path):
        return _from_errno(
            path, errno.EROFS, os.strerror(errno.EROFS), writing=True, outcome=outcome
        )
    folder = path.parent
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".thesis-probe-") as f:
            f.write(b"\0" * 2**18)
            f.flush()
            os.fsync(f.fileno())
    except OSError as e:
        if e.errno is not None:
            return _from_errno(path, e.errno, e.strerror or str(e), writing=True, outcome=outcome)
    return None
