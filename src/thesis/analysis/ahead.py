"""Compute one analysis ahead, in a helper process on a spare core.

A cold ``thesis run`` spends most of its time in steps that each keep one core busy (the
walk-forward calibration is a long loop of small, serial simulations and fits). On a machine with
a spare core, :class:`Ahead` starts such a call in a fresh interpreter at the beginning of the
run, lets the run go on with the steps before it, and hands its result back at its turn: the
same result, because the call is the same (the same function, inputs and random stream, pickled
exactly, and one BLAS thread as in the run: :func:`thesis.analysis._threads.one_blas_thread`).

The helper is a fresh interpreter, not a fork (the caller's numba, DuckDB and BLAS threads would
leave their locks in a forked child) and not ``multiprocessing`` (its ``spawn`` re-runs the
caller's main script). It imports the same ``thesis`` as the caller. When it cannot be started or
fails for any reason, :meth:`Ahead.result` returns None and the caller computes in process, so
errors are reported as they would be without it.
"""

from __future__ import annotations

import logging
import os
import pickle
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

__all__ = ["Ahead", "spare_core"]

log = logging.getLogger(__name__)

_CHILD = "from thesis.analysis.ahead import _child; _child()"


def spare_core() -> bool:
    """Whether this machine has a core to spare now: two or more cores and a 1-minute load
    average (other work, before the run starts) below their count; where the load cannot be
    read, two or more cores.

    A helper process only pays on a spare core: on a busy machine it competes with the run for
    the cores there are. Measured on a shared 2-core machine (cold seed run): at a load of 2.5-2.7
    the helpers took it from 17.3 s to 13.2-15.9 s, at 4 they made it 27 s instead of 19-20 s.
    """
    cores = os.cpu_count() or 1
    if cores < 2:
        return False
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):  # not on this platform
        return True
    return load < cores


class Ahead:
    """``func(*args, **kwargs)`` computing in a helper process; :meth:`result` waits for it.

    Parameters
    ----------
    func
        A module-level function (pickled by reference).
    args, kwargs
        Its arguments (pickled; a :class:`numpy.random.Generator` travels with its state).
    key
        Anything the caller wants back with the result (a cache key).
    """

    def __init__(
        self,
        func: Callable[..., Any],
        args: Sequence[Any] = (),
        kwargs: Mapping[str, Any] | None = None,
        *,
        key: Any = None,
    ) -> None:
        import thesis

        self.key = key
        self._proc: subprocess.Popen[bytes] | None = None
        env = dict(os.environ)
        # the caller's thesis where a fresh interpreter would not find it (a checkout put on
        # sys.path at run time); never site-packages itself, which would then precede the stdlib
        root = str(Path(thesis.__file__).resolve().parents[1])
        if root not in _site_dirs():
            env["PYTHONPATH"] = os.pathsep.join(x for x in (root, env.get("PYTHONPATH")) if x)
        try:
            payload = pickle.dumps((func, tuple(args), dict(kwargs or {})), protocol=5)
            self._proc = subprocess.Popen(
                [sys.executable, "-c", _CHILD],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                env=env,
            )
            assert self._proc.stdin is not None
            self._proc.stdin.write(payload)  # the helper reads it before its imports
            self._proc.stdin.close()
        except Exception as e:  # no helper (cannot pickle, cannot start): computed in process
            log.debug("no helper process for %s: %s", getattr(func, "__name__", func), e)
            self.close()

    def result(self) -> Any | None:
        """The call's result, or None when the helper failed (compute it in process then)."""
        proc, self._proc = self._proc, None
        if proc is None or proc.stdout is None:
            return None
        data = proc.stdout.read()
        proc.stdout.close()
        if proc.wait() != 0 or not data:
            return None
        try:
            status, value = pickle.loads(data)
        except Exception as e:
            log.debug("helper result unreadable: %s", e)
            return None
        if status != "ok":
            log.debug("helper failed: %s", value)
            return None
        return value

    def close(self) -> None:
        """Stop the helper (its result is abandoned)."""
        proc, self._proc = self._proc, None
        if proc is not None:
            proc.kill()
            proc.wait()
            for f in (proc.stdin, proc.stdout):
                if f is not None and not f.closed:
                    f.close()


def _site_dirs() -> set[str]:
    import site

    dirs = [*site.getsitepackages(), site.getusersitepackages()]
    return {str(Path(d).resolve()) for d in dirs}


def _child() -> None:
    """The helper's side: read the call, compute it under one BLAS thread, write the result."""
    data = sys.stdin.buffer.read()
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything the call prints goes to stderr, never into the result
    try:
        from thesis.analysis._threads import one_blas_thread

        func, args, kwargs = pickle.loads(data)
        with one_blas_thread():
            reply = ("ok", func(*args, **kwargs))
        blob = pickle.dumps(reply, protocol=5)
    except BaseException as e:  # reported as a failure: the caller computes in process
        blob = pickle.dumps(("error", f"{type(e).__name__}: {e}"), protocol=5)
    out.write(blob)
    out.close()
