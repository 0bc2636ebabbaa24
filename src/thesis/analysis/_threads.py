"""Thread limits that keep numbers identical from one machine to another.

A multi-threaded BLAS sums in an order that depends on its thread count, so a fit that calls it
(GARCH's optimiser, a least-squares solve) can move in its last digits between a laptop and a
server. :func:`one_blas_thread` pins every BLAS the process has loaded to one thread for a block:
the run (:func:`thesis.pipeline.run_thesis`) and each task on the batch executor
(:mod:`thesis.scale.executor`) compute inside it, so their facts are bit-identical whatever
``OPENBLAS_NUM_THREADS`` or the core count says.

threadpoolctl is the maintained way to do this at run time (environment variables only take
effect before a library is loaded).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["numba_threads", "one_blas_thread"]


#: (number of modules loaded when it was made, the controller)
_controller: tuple[int, Any] | None = None


def _threadpools() -> Any:
    """A threadpoolctl controller of the libraries loaded now, made again only when modules were
    imported since the last one (a library loads with the module that needs it).

    Making one reads the process's memory map and opens every library in it: 3 ms, twice per run,
    where limiting the libraries found costs microseconds.
    """
    global _controller
    import numpy.linalg  # noqa: F401
    import scipy.linalg
    import scipy.optimize  # noqa: F401
    from threadpoolctl import ThreadpoolController

    loaded = len(sys.modules)
    if _controller is None or _controller[0] != loaded:
        _controller = (loaded, ThreadpoolController())
    return _controller[1]


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """Run the block with one BLAS thread.

    A multi-threaded BLAS sums in an order that depends on its thread count, which moves fitted
    parameters (a GARCH fit) in their last digits from one machine to another. Every BLAS the run
    uses is loaded first: threadpoolctl limits only libraries already loaded (numpy's and scipy's
    own OpenBLAS, the latter loaded by its linalg module).
    """
    with _threadpools().limit(limits=1):
        yield


@contextmanager
def numba_threads(n: int) -> Iterator[None]:
    """Run the block with at most ``n`` numba threads in this thread (then the count before).

    The kernels give the same paths with any thread count (:mod:`thesis.analysis._kernels`); a
    run limits itself to one while a helper process computes beside it on the other core, so that
    a parallel kernel's threads do not wait on a core the helper holds.
    """
    import numba

    before = numba.get_num_threads()
    numba.set_num_threads(max(1, min(n, before)))
    try:
        yield
    finally:
        numba.set_num_threads(before)
