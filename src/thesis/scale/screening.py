"""Per-stock odds of a screen as tasks on the batch executor (``thesis screen --odds --scheduler``).

Each stock's odds are one task. A task carries the stock's own closes and the index's (a few
tens of kilobytes) rather than a snapshot: the screen has already chosen and chained each
ticker's price series on the client. Random streams are keyed by the run's base key, the ticker,
the event and the method, so the odds do not depend on how the tasks were spread.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from thesis._types import DateLike

__all__ = ["OddsTask", "odds_many", "odds_task"]


@dataclass(frozen=True)
class OddsTask:
    ticker: str
    closes: pd.Series
    index: pd.Series | None
    index_id: str | None
    as_of: str
    horizon: str
    gains_pct: tuple[float, ...]
    methods: tuple[str, ...]
    n_paths: int
    key_base: int


def odds_task(task: OddsTask) -> Any:
    """One stock's odds (runs on a worker); returns a :class:`~thesis.screen.odds.StockOdds`."""
    import numpy as np

    from thesis.scale.executor import one_blas_thread
    from thesis.screen.odds import stock_odds

    with one_blas_thread():
        return stock_odds(
            task.closes,
            ticker=task.ticker,
            as_of=task.as_of,
            horizon=task.horizon,
            index=task.index,
            index_id=task.index_id,
            gains_pct=task.gains_pct,
            methods=task.methods,
            n_paths=task.n_paths,
            rng=np.random.default_rng(0),  # unused: key_base keys every stream
            key_base=task.key_base,
        )


def odds_many(
    prices: dict[str, pd.Series],
    *,
    as_of: DateLike,
    horizon: DateLike,
    index: pd.Series | None,
    index_id: str | None,
    gains_pct: Sequence[float] = (20.0,),
    methods: Sequence[str] = ("bootstrap", "garch"),
    n_paths: int = 10_000,
    key_base: int,
    scheduler: str | None = None,
    n_workers: int | None = None,
    client: Any = None,
    progress: Callable[[int, int, Any], None] | None = None,
) -> dict[str, Any]:
    """Odds for every ticker in ``prices``, in this process or as Dask tasks; ticker → StockOdds."""
    from thesis.scale.executor import execute, executor

    tasks = [
        OddsTask(
            t,
            s.dropna(),
            index,
            index_id,
            str(pd.Timestamp(as_of).date()),
            str(pd.Timestamp(horizon).date()),
            tuple(gains_pct),
            tuple(methods),
            n_paths,
            key_base,
        )
        for t, s in prices.items()
    ]
    out: dict[str, Any] = {}
    with executor(scheduler, n_workers=n_workers, client=client) as ex:
        for i, res in enumerate(execute(odds_task, tasks, ex), start=1):
            out[res.ticker] = res
            if progress is not None:
                progress(i, len(tasks), res)
    return {t: out[t] for t in prices if t in out}
