"""Types shared across the package.

``DateLike`` is what every ``as_of``, ``start`` and ``end`` accepts: an ISO string
(``"2025-11-26"``), a :class:`datetime.date` or :class:`datetime.datetime`, a
:class:`pandas.Timestamp` or a :class:`numpy.datetime64`. Functions turn it into a date with
``pandas.Timestamp(x)`` and treat ``None`` as "no bound".
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:  # pandas and numpy stay unimported for `import thesis`
    import numpy as np
    import pandas as pd

__all__ = ["DateLike"]

DateLike: TypeAlias = "str | dt.date | pd.Timestamp | np.datetime64"
