"""What a read-only :class:`~thesis.data.db.Database` has read, kept beside the store for the next
process that reads the same file.

`thesis check` runs once per article, and a process that opens the DuckDB file spends most of its
start-up on the store, not on the check: importing DuckDB (0.1–0.2 s), opening the file and reading
the catalog, the companies' names and the few series the article speaks of (about 0.05 s), for a
check that takes 0.03 s. The answers are the same for every article checked against one state of
the file. With ``read_cache=True`` a read-only Database keeps each answer it reads (the catalog, a
series' whole rows with their public days, the first and last date of a series, event days,
company names) in a folder beside the store, ``<store>.reads/<state>/``, and a later process that
finds the file in the same state reads the answers back without opening the store or importing
DuckDB; whatever it lacks it reads from the store as before, and keeps.

The state is the store file's and its write-ahead log's size, modification time and inode, with
the format's version and Python's (pickles are read back by the same code that wrote them). Every
write to the store changes one of them: a commit appends to the log, a checkpoint rewrites the
file, a copy or a rebuild makes a new file. A file changed less than a second ago is not cached
(file times are as coarse as the kernel's clock tick, so a second write within the same tick could
keep the state; git's index has the same rule for "racily clean" entries). A folder of another
state is removed when a new one is made.

Every failure here is a miss, never an error: a folder that cannot be written (a read-only disk, a
store on a mount of someone else's), a file cut short or written by another version, a folder
removed by another process meanwhile. The answers are read and written whole (a temporary file
renamed into place), so a reader never sees half an answer. Why our own code: the answers are a
few plain Python lists per series and the point is to import nothing (pickle and os ship with
Python); a second database (SQLite, Parquet through pyarrow) would bring back the import this
avoids.
"""

from __future__ import annotations

import os
import pickle
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

__all__ = ["MISS", "ReadCache"]

#: what :meth:`ReadCache.get` returns for an answer not kept (an answer may itself be ``None``)
MISS: Any = object()

#: the layout of the answers kept; a change makes every older folder another state
FORMAT = 1
#: a store file changed more recently than this (seconds) is not cached: its state may not be final
RACY_S = 1.0
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]")


def _stat_key(path: Path) -> str | None:
    """The state of ``path`` and its write-ahead log as a folder name, or ``None`` when the file
    is missing or was changed less than :data:`RACY_S` ago."""
    try:
        st = path.stat()
    except OSError:
        return None
    parts = [f"{st.st_size}-{st.st_mtime_ns}-{st.st_ino}"]
    newest = st.st_mtime
    try:
        wal = Path(f"{path}.wal").stat()
    except FileNotFoundError:
        parts.append("nowal")
    except OSError:
        return None
    else:
        parts.append(f"{wal.st_size}-{wal.st_mtime_ns}-{wal.st_ino}")
        newest = max(newest, wal.st_mtime)
    if time.time() - newest < RACY_S:
        return None
    return f"v{FORMAT}-py{sys.version_info[0]}{sys.version_info[1]}-" + "-".join(parts)


def _file_name(key: tuple[Any, ...]) -> str:
    """A file name for an answer's key (``("rows", "sp500", "value")`` → ``rows.sp500.value``)."""
    return ".".join(_UNSAFE.sub(lambda m: f"%{ord(m.group()):02x}", str(k)) for k in key)


class ReadCache:
    """Answers read from the store file at ``store_path`` in its present state (see the module).

    :meth:`get` returns a kept answer or :data:`MISS`; :meth:`put` keeps one. Both only ever miss: a
    state that cannot be named (the file is missing or just changed) keeps nothing.
    """

    def __init__(self, store_path: Path) -> None:
        self.root = store_path.with_name(store_path.name + ".reads")
        self.store_path = store_path
        self.key = _stat_key(store_path)
        self._made = False

    @property
    def folder(self) -> Path | None:
        return None if self.key is None else self.root / self.key

    def get(self, key: tuple[Any, ...]) -> Any:
        folder = self.folder
        if folder is None:
            return MISS
        try:
            with (folder / _file_name(key)).open("rb") as fh:
                return pickle.load(fh)
        except Exception:  # not kept, cut short, another version's, unreadable: a miss
            return MISS

    def put(self, key: tuple[Any, ...], value: Any) -> None:
        folder = self.folder
        if folder is None or _stat_key(self.store_path) != self.key:
            return  # the file changed since this process first read it: the answer may be older
        try:
            if not self._made:
                self._prune()
                folder.mkdir(parents=True, exist_ok=True)
                self._made = True
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as fh:
                    pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(tmp, folder / _file_name(key))
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError:
            return  # a folder that cannot be written keeps nothing; the reads go on

    def _prune(self) -> None:
        """Remove the folders of other states (answers about a file that is no more)."""
        try:
            others = [p for p in self.root.iterdir() if p.name != self.key]
        except OSError:
            return
        for p in others:
            shutil.rmtree(p, ignore_errors=True)
