"""The web app's door to the claim checker: the one module that imports it.

The checker is :mod:`thesis.claims`; the one import line below is the app's only tie to it.

Checks run in worker processes (:func:`make_pool`) so that many can run at once on several cores
and none waits behind a long run. Each worker opens the store read-only once and reads it through
:class:`LockedStore`. While the app serves, the store does not change, and the store keeps what it
read on its connection (``Database.rows`` for the checker's series, ``Store.get`` for pandas
reads): a series read for one article (the main cost of a check) is reused by the next.
"""

from __future__ import annotations

import datetime as dt
import threading
from concurrent.futures import Executor, ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from thesis.claims import check_text, parse_article  # the one import of the checker

if TYPE_CHECKING:
    from thesis._types import DateLike
    from thesis.data.store import Store
    from thesis.data.view import StoreView

__all__ = ["LockedStore", "check_payload", "close_worker_store", "init_worker", "make_pool"]


class LockedStore:
    """A read-only :class:`~thesis.data.store.Store` whose calls are serialised.

    One DuckDB connection is not safe to share between threads: every call holds a lock. What a
    read returns is kept by the store itself for the connection's life (repeated ``get`` reads are
    answered from memory as copies, series for the checker are cut from one read of each), so
    this wrapper keeps nothing of its own. :meth:`view` returns a
    :class:`~thesis.data.view.StoreView` whose reads go through the lock too.
    """

    def __init__(self, store: Any) -> None:
        self._store = store
        self._lock = threading.RLock()

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._store, name)
        if not callable(attr):
            return attr
        lock = self._lock

        def locked(*args: Any, **kwargs: Any) -> Any:
            with lock:
                return attr(*args, **kwargs)

        # kept on the instance, so that the next call finds it without coming here (a check
        # calls the store's methods dozens of times)
        self.__dict__[name] = locked
        return locked

    def view(self, as_of: DateLike) -> StoreView:
        from thesis.data.view import StoreView

        # a stand-in for the Store it wraps: the same reads, through __getattr__ and the lock
        return StoreView(cast("Store", self), as_of)


# ------------------------------------------------------------------------------- one per process
_STORE: LockedStore | None = None
_STORE_PATH: str | None = None


def init_worker(store_path: str | None) -> None:
    """Open the store once in this process (the pool's initializer)."""
    global _STORE, _STORE_PATH
    _STORE_PATH = store_path
    _STORE = None
    if store_path and Path(store_path).exists():
        from thesis.data.store import Store

        _STORE = LockedStore(Store(store_path, read_only=True))


def close_worker_store() -> None:
    """Let go of the store file (another process may then write it)."""
    global _STORE
    if _STORE is not None:
        _STORE.close()
    _STORE = None


def check_payload(
    text: str, where: str, suffix: str = "", date: str | None = None
) -> dict[str, Any]:
    """Check an article's text and return the result as plain data.

    Parameters
    ----------
    text
        The article (plain text, Markdown or HTML), already decoded.
    where
        Its name, for messages.
    suffix
        The file suffix (``.html`` reads the text as HTML).
    date
        The article's date (ISO), overriding what the text says.

    Returns
    -------
    dict
        ``title``, ``where``, ``date``, ``date_source``, ``warnings``, ``text`` (what the claims'
        offsets index), ``counts`` and ``claims`` (the checker's ``to_list()`` shape: id, quote,
        kind, verdict, evidence, start, end, ...).

    Raises
    ------
    thesis.errors.CheckError
        The text is empty or the date does not parse.
    """
    art = parse_article(text, where, suffix=suffix)
    report = check_text(art, cast("Store | None", _STORE), date=date)  # see LockedStore.view
    if _STORE is None:
        report.warnings.append(
            "no market data store: every claim that needs data is unverifiable "
            "(start the app with --store, or build one with `thesis data import`)"
        )
    claims = report.to_list()
    d = report.as_of
    return {
        "title": report.article.title,
        "where": report.article.where,
        "date": d.isoformat() if isinstance(d, dt.date) else str(d),
        "date_source": report.article.date_source,
        "warnings": list(report.warnings),
        "text": report.article.text,
        "counts": report.counts(),
        "claims": claims,
    }


def _ping() -> int:
    return 1


def make_pool(workers: int, store_path: str | None) -> Executor | None:
    """A pool of ``workers`` processes for checks, each with the store open; ``None`` for 0.

    The processes are started (and the store opened) before this returns, so that the first
    request does not pay for it.
    """
    if workers <= 0:
        init_worker(store_path)
        return None
    import multiprocessing as mp

    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=mp.get_context("spawn"),  # fork is unsafe in a threaded server
        initializer=init_worker,
        initargs=(store_path,),
    )
    for f in [pool.submit(_ping) for _ in range(workers * 2)]:
        f.result()
    return pool
