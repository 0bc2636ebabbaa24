"""Universes: which stocks a screen or a theme looks at, as known on a date.

Four kinds, one shape (:class:`Universe`: a members frame indexed by ticker):

``theme``   the stocks a thesis or a theme file names, with their names and why each is there;
``sp500``   the store's S&P 500 constituents (sector, sub-industry, market cap, date added); a
            member counts only from its ``date_added`` (point in time), and because the list is a
            snapshot of today's members, companies that left the index before the snapshot are
            missing: the universe says so (survivorship bias);
``store``   every ticker with a price series in the store;
a list      tickers given on the command line or in a screen.

A stock enters a screen only from the date it has data (the features say which have none).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from thesis.errors import nearest
from thesis.screen.errors import EmptyUniverseError, UnknownTickerError
from thesis.screen.panel import price_catalog

__all__ = [
    "MEMBER_COLUMNS",
    "Universe",
    "known_tickers",
    "list_universe",
    "resolve_universe",
    "sp500_universe",
    "store_universe",
    "theme_universe",
]

MEMBER_COLUMNS = (
    "name",
    "group",
    "why",
    "sector",
    "sub_industry",
    "date_added",
    "cik",
    "market_cap_usd",
    "market_cap_as_of",
    "stated_size",
)


@dataclass(frozen=True)
class Universe:
    """The members of a universe on a date.

    Attributes
    ----------
    name
        ``theme AI``, ``sp500``, ``store`` or ``list``.
    members
        Indexed by upper-case ticker; columns :data:`MEMBER_COLUMNS` (missing values NaN/empty).
    as_of
        The date the membership is for.
    notes
        Caveats (survivorship bias, members not yet added on ``as_of``).
    """

    name: str
    members: pd.DataFrame
    as_of: pd.Timestamp
    notes: tuple[str, ...] = ()

    @property
    def tickers(self) -> list[str]:
        return list(self.members.index)

    def __len__(self) -> int:
        return len(self.members)


def _frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=["ticker", *MEMBER_COLUMNS])
    return df.set_index("ticker")


def _securities(view: Any) -> pd.DataFrame:
    try:
        sec = view.securities()
    except Exception:  # a store without the table has no reference data
        return pd.DataFrame(columns=["universe", "symbol"])
    return sec


def known_tickers(view: Any) -> set[str]:
    """Tickers the store knows: a price series, a reference row, or EDGAR fundamentals."""
    out = set(price_catalog(view))
    sec = _securities(view)
    if "symbol" in sec.columns:
        out |= {str(s).upper() for s in sec["symbol"].dropna()}
    for sid in view.series_ids():
        info = view.info(sid)
        if info.provider == "edgar" and info.provider_id:
            out.add(info.provider_id.split(":")[0].upper())
    return out


def _reference(view: Any) -> dict[str, dict[str, Any]]:
    """Per ticker: the store's reference data (sector, sub-industry, CIK, market-cap snapshot)."""
    sec = _securities(view)
    out: dict[str, dict[str, Any]] = {}
    if "symbol" not in sec.columns:
        return out
    for rec in sec.to_dict("records"):
        sym = str(rec.get("symbol") or "").upper()
        if not sym:
            continue
        cap_as_of = rec.get("financials_as_of") or rec.get("as_of")
        out[sym] = {
            "name": rec.get("name") or "",
            "sector": rec.get("sector") or "",
            "sub_industry": rec.get("gics_sub_industry") or rec.get("sub_industry") or "",
            "date_added": _date(rec.get("date_added")),
            "cik": _cik(rec.get("cik")),
            "market_cap_usd": _float(rec.get("market_cap_usd")),
            "market_cap_as_of": _date(cap_as_of),
            "universe": rec.get("universe") or "",
        }
    return out


def _date(x: Any) -> pd.Timestamp | None:
    if x is None or (isinstance(x, float) and x != x) or x == "":
        return None
    try:
        t = pd.Timestamp(str(x)[:10])
    except (ValueError, TypeError):
        return None
    return None if pd.isna(t) else t


def _float(x: Any) -> float:
    try:
        v = float(x)
    except (TypeError, ValueError):
        return float("nan")
    return v


def _cik(x: Any) -> str:
    if x is None or (isinstance(x, float) and (x != x or not x.is_integer())):
        return ""
    m = re.match(r"^0*(\d+)", str(int(x)) if isinstance(x, float) else str(x))
    return m.group(1) if m else ""


def _check_known(tickers: Sequence[str], view: Any, where: str) -> None:
    known = known_tickers(view)
    for t in tickers:
        if t not in known:
            hint = nearest(t, sorted(known))
            raise UnknownTickerError(
                f"unknown ticker {t!r}: the store has no prices, fundamentals or reference data "
                "for it" + (f"; did you mean {', '.join(hint)}?" if hint else ""),
                where=where,
                fix="check the spelling, or add its data: `thesis data import FILE` (prices) or "
                f"`thesis data update --provider edgar {t}` (fundamentals)",
            )


def _catalog_name(view: Any, ticker: str) -> str:
    infos = price_catalog(view).get(ticker, [])
    if not infos:
        return ""
    name = min(infos, key=lambda i: len(i.name)).name
    return re.sub(r"\s*\([^)]*\)\s*$", "", name).strip()


def theme_universe(theme: Any, view: Any, *, where: str = "theme.stocks") -> Universe:
    """The stocks a :class:`~thesis.screen.spec.ThemeSpec` names (unknown tickers are errors)."""
    if not theme.stocks:
        raise EmptyUniverseError(
            f"the theme {theme.name!r} names no stocks",
            where=where,
            fix="add [[theme.stocks]] entries (ticker, name, why) or a theme file (theme.file)",
        )
    _check_known(theme.tickers, view, where)
    ref = _reference(view)
    rows = []
    for s in theme.stocks:
        r = ref.get(s.ticker, {})
        rows.append(
            {
                "ticker": s.ticker,
                "name": s.name or r.get("name") or _catalog_name(view, s.ticker),
                "group": s.group,
                "why": s.why,
                "sector": r.get("sector", ""),
                "sub_industry": r.get("sub_industry", ""),
                "date_added": r.get("date_added"),
                "cik": s.cik or r.get("cik", ""),
                "market_cap_usd": r.get("market_cap_usd", float("nan")),
                "market_cap_as_of": r.get("market_cap_as_of"),
                "stated_size": s.size,
            }
        )
    return Universe(f"theme {theme.name}", _frame(rows), pd.Timestamp(view.as_of))


def sp500_universe(view: Any) -> Universe:
    """The S&P 500 constituents the store holds that had been added by the view's date."""
    ref = {k: v for k, v in _reference(view).items() if v["universe"] == "sp500"}
    if not ref:
        raise EmptyUniverseError(
            "the store holds no S&P 500 constituents",
            where="universe sp500",
            fix="import them: `thesis data import ../shared/data` (sp500_constituents.csv)",
        )
    as_of = pd.Timestamp(view.as_of)
    rows, later = [], []
    snapshot = None
    sec = _securities(view)
    if "as_of" in sec.columns and len(sec):
        snapshot = _date(sec.loc[sec["universe"] == "sp500", "as_of"].max())
    for t, r in sorted(ref.items()):
        added = r["date_added"]
        if added is not None and added > as_of:
            later.append(t)
            continue
        rows.append({"ticker": t, **{k: r.get(k) for k in MEMBER_COLUMNS if k in r}})
    notes = [
        "Survivorship bias: the S&P 500 list is today's"
        + (f" (the snapshot of {snapshot.date()})" if snapshot is not None else "")
        + "; companies that left the index before it are missing, so a screen of past dates "
        "sees only the survivors."
    ]
    if later:
        notes.append(
            f"{len(later)} of today's members joined the index after {as_of.date()} and are left "
            f"out ({', '.join(later[:8])}{', …' if len(later) > 8 else ''})."
        )
    if not rows:
        raise EmptyUniverseError(
            f"no S&P 500 constituent in the store had been added by {as_of.date()}",
            where="universe sp500",
            fix="choose a later --as-of",
        )
    return Universe("sp500", _frame(rows), as_of, tuple(notes))


def store_universe(view: Any) -> Universe:
    """Every ticker with a price series in the store."""
    cat = price_catalog(view)
    if not cat:
        raise EmptyUniverseError(
            "the store holds no price series",
            where=str(getattr(view.store, "path", "store")),
            fix="import prices: `thesis data import ../shared/data`",
        )
    ref = _reference(view)
    rows = []
    for t in sorted(cat):
        r = ref.get(t, {})
        rows.append(
            {
                "ticker": t,
                **{k: r.get(k) for k in MEMBER_COLUMNS if k in r},
                "name": r.get("name") or _catalog_name(view, t),
            }
        )
    return Universe("store", _frame(rows), pd.Timestamp(view.as_of))


def list_universe(tickers: Sequence[str], view: Any, *, where: str = "universe") -> Universe:
    """Tickers named directly (unknown ones are errors)."""
    ts = [t.strip().upper() for t in tickers if t.strip()]
    if not ts:
        raise EmptyUniverseError(
            "the universe names no ticker", where=where, fix="name tickers, e.g. PLPC,INOD,MSFT"
        )
    _check_known(ts, view, where)
    ref = _reference(view)
    rows = [
        {
            "ticker": t,
            **{k: ref.get(t, {}).get(k) for k in MEMBER_COLUMNS if k in ref.get(t, {})},
            "name": ref.get(t, {}).get("name") or _catalog_name(view, t),
        }
        for t in dict.fromkeys(ts)
    ]
    return Universe("list", _frame(rows), pd.Timestamp(view.as_of))


def resolve_universe(
    spec: str | Sequence[str], view: Any, *, theme: Any = None, where: str = "universe"
) -> Universe:
    """A universe from its description: ``theme``, ``sp500``, ``store``, a theme file (``.toml``),
    a comma-separated string or a list of tickers."""
    if isinstance(spec, str):
        key = spec.strip()
        if key == "theme":
            if theme is None:
                raise EmptyUniverseError(
                    "the universe is 'theme' but no theme was given",
                    where=where,
                    fix="add a [theme] table to the thesis (or --theme FILE), or use sp500, store "
                    "or a list of tickers",
                )
            return theme_universe(theme, view, where=where)
        if key == "sp500":
            return sp500_universe(view)
        if key == "store":
            return store_universe(view)
        if key.endswith(".toml"):
            from thesis.screen.spec import load_theme_file

            th = load_theme_file(Path(key))
            return theme_universe(th.resolved(Path(key).parent), view, where=key)
        return list_universe(re.split(r"[,\s]+", key), view, where=where)
    return list_universe(list(spec), view, where=where)
