"""SEC EDGAR XBRL company facts: revenue, net income, capital expenditure and shares per company.

Endpoints (both JSON, no key; base URLs configurable for mirrors and tests):

* ``https://data.sec.gov/api/xbrl/companyfacts/CIK##########.json`` — every XBRL fact a company
  has filed: ``{"cik", "entityName", "facts": {taxonomy: {concept: {"label", "description",
  "units": {unit: [{"start", "end", "val", "accn", "fy", "fp", "form", "filed", "frame"}]}}}}}``
  (``start`` only for durations; ``fy``/``fp`` are the *filing's* fiscal year and period, not the
  fact's, so periods are identified by their dates);
* ``https://www.sec.gov/files/company_tickers.json`` — ticker → CIK:
  ``{"0": {"cik_str": 789019, "ticker": "MSFT", "title": "MICROSOFT CORP"}, ...}``.

SEC's fair-access rules are respected: every request carries a User-Agent with a contact
(``user_agent=`` or ``$THESIS_SEC_USER_AGENT``, e.g. ``"Jane Doe jane@example.org"``; the provider
refuses to run without one) and requests start at most ``max_rps`` (≤ 10) times a second.

What is stored, per ticker ``t`` (lower case; ``BRK.B`` → ``brk_b``):

``{t}_revenue_q`` / ``{t}_revenue_fy``        revenue per fiscal quarter / year (USD)
``{t}_net_income_q`` / ``{t}_net_income_fy``  ``NetIncomeLoss`` (USD)
``{t}_capex_q`` / ``{t}_capex_fy``            ``PaymentsToAcquirePropertyPlantAndEquipment`` (USD)
``{t}_shares``                                 shares outstanding on the cover page (count)

Each row is dated at the end of its period and carries the filing date as its release date, so
that ``store.view(as_of)`` sees a figure only once it was filed. Values are *as first reported*:
later filings repeat a period as a comparative and sometimes restate it; the first filing is the
one known at the time (the series' description counts the restatements left out).

Quarters: a 10-Q gives the quarter (three months) for income items but only the year to date for
cash-flow items (capital expenditure); a 10-K gives the year and usually no fourth quarter. A
quarter the filings do not state is derived from cumulative figures of the same fiscal year (Q2 =
H1 − Q1, Q4 = FY − Q1 − Q2 − Q3 or FY − nine months), released on the later filing's date; the
series' description lists the quarters so derived.

Revenue is read from ``RevenueFromContractWithCustomerExcludingAssessedTax`` (ASC 606, from
2018), then ``Revenues``, ``SalesRevenueNet`` (before 2018) and
``RevenueFromContractWithCustomerIncludingAssessedTax``, period by period in that order; the
description names the concepts used.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol, TypeGuard

from thesis.data.providers.base import HttpFetcher, Provider, Query, looks_like_html, register
from thesis.data.records import Batch, Frequency, SeriesBatch, SeriesInfo
from thesis.errors import ProviderError, nearest

__all__ = [
    "CONCEPTS",
    "EDGAR_LICENSE",
    "EdgarProvider",
    "NoCikError",
    "RateLimiter",
    "ciks_from_store",
    "edgar_series_id",
    "parse_company_facts",
    "parse_company_tickers",
]

EDGAR_LICENSE = "SEC EDGAR: US government data, public domain (sec.gov fair-access rules apply)"

#: our measure → XBRL concepts (taxonomy, concept, unit), in order of preference period by period
CONCEPTS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "revenue": (
        ("us-gaap", "RevenueFromContractWithCustomerExcludingAssessedTax", "USD"),
        ("us-gaap", "Revenues", "USD"),
        ("us-gaap", "SalesRevenueNet", "USD"),
        ("us-gaap", "RevenueFromContractWithCustomerIncludingAssessedTax", "USD"),
    ),
    "net_income": (("us-gaap", "NetIncomeLoss", "USD"),),
    "capex": (("us-gaap", "PaymentsToAcquirePropertyPlantAndEquipment", "USD"),),
    "shares": (
        ("dei", "EntityCommonStockSharesOutstanding", "shares"),
        ("us-gaap", "CommonStockSharesOutstanding", "shares"),
    ),
}
_NAMES = {
    "revenue": "revenue",
    "net_income": "net income",
    "capex": "capital expenditure (payments for property, plant and equipment)",
    "shares": "shares outstanding",
}
#: forms whose facts are kept (annual and quarterly reports and their amendments)
FORMS = frozenset({"10-K", "10-K/A", "10-Q", "10-Q/A", "10-KT", "10-KT/A"})
#: day counts that make a duration a quarter or a fiscal year (52/53-week years included)
QUARTER_DAYS = (80, 100)
YEAR_DAYS = (350, 380)
_SAME_DAY = 7  # period ends this close are the same period end (52/53-week calendars)
_TICKER_RE = re.compile(r"^[A-Za-z][A-Za-z0-9.\-]{0,9}$")
_CIK_RE = re.compile(r"^(?:CIK)?0*(\d{1,10})$", re.IGNORECASE)
_UA_RE = re.compile(r"\S+@\S+\.\S+")
_SERIES_RE = re.compile(
    r"^([a-z][a-z0-9_]*?)_(revenue_q|revenue_fy|net_income_q|net_income_fy|capex_q|capex_fy|shares)$"
)


class NoCikError(ProviderError):
    """A ticker with no EDGAR CIK (not in the store's constituents nor SEC's ticker list)."""


def edgar_series_id(ticker: str, measure: str, period: str | None) -> str:
    """Our series id for a ticker's measure: ``edgar_series_id("PLPC", "revenue", "q")`` → ``plpc_revenue_q``.

    ``period`` is ``"q"`` (fiscal quarters), ``"fy"`` (fiscal years) or ``None`` (shares).
    """
    base = re.sub(r"[^a-z0-9]+", "_", ticker.lower()).strip("_")
    return f"{base}_{measure}" + (f"_{period}" if period else "")


def ciks_from_store(store: Any) -> dict[str, str]:
    """Ticker → CIK from the store's reference data (``securities`` rows with a ``cik``)."""
    try:
        sec = store.securities()
    except Exception:  # an empty or missing store has no CIKs; the SEC list still resolves
        return {}
    if "cik" not in sec.columns or "symbol" not in sec.columns:
        return {}
    out: dict[str, str] = {}
    for sym, cik in zip(sec["symbol"], sec["cik"], strict=True):
        c = _cik_text(cik)
        if c and isinstance(sym, str):
            out[sym.upper()] = c
    return out


def _cik_text(cik: Any) -> str | None:
    """A CIK as digits without leading zeros (from an int, a float such as 789019.0 or text)."""
    if cik is None or isinstance(cik, bool):
        return None
    if isinstance(cik, float):
        return str(int(cik)) if cik == cik and cik.is_integer() and cik > 0 else None
    m = _CIK_RE.match(str(cik).strip())
    return m.group(1) if m else None


class RateLimiter:
    """At most ``max_rps`` request starts per second (a minimum spacing between starts).

    Thread-safe. ``clock`` and ``sleep`` are injectable so that the spacing can be checked without
    waiting.
    """

    def __init__(
        self,
        max_rps: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if not max_rps > 0:
            raise ValueError("max_rps must be positive")
        self.interval = 1.0 / max_rps
        self.clock, self.sleep = clock, sleep
        self._next = -float("inf")
        self._lock = threading.Lock()

    def wait(self) -> None:
        """Block until the next request may start, and book that slot."""
        with self._lock:
            now = self.clock()
            if now < self._next:
                self.sleep(self._next - now)
                now = self._next
            self._next = now + self.interval

    def touch(self) -> None:
        """Book the next slot no earlier than one interval from now (after a request finished)."""
        with self._lock:
            self._next = max(self._next, self.clock() + self.interval)


@register
class EdgarProvider(Provider):
    """Fundamentals from SEC EDGAR's XBRL company facts, by ticker.

    Parameters
    ----------
    facts_url
        Company-facts URL template with ``{cik}`` (10 digits); default ``$THESIS_EDGAR_FACTS_URL``
        or :attr:`FACTS_URL`.
    tickers_url
        SEC's ``company_tickers.json``; default ``$THESIS_EDGAR_TICKERS_URL`` or :attr:`TICKERS_URL`.
    user_agent
        Who is asking, with a contact e-mail (SEC requires it); default ``$THESIS_SEC_USER_AGENT``.
    ciks
        Known ticker → CIK (e.g. :func:`ciks_from_store`); other tickers are looked up in SEC's list.
    max_rps
        Request starts per second, at most 10 (SEC's limit).
    timeout, retries, backoff
        See :class:`~thesis.data.providers.base.HttpFetcher` (429 and 5xx are retried; the
        backoff is at least one request interval).
    store
        A :class:`~thesis.data.store.Store` whose constituents' CIKs are used (``thesis data
        update`` passes its store).
    limiter
        A shared :class:`RateLimiter` (default: one of ``max_rps`` for this provider).

    Requests name tickers (``PLPC``), tickers with a CIK (``PLPC:80035``) or our EDGAR series ids
    (``plpc_revenue_q``; every series of that ticker is fetched, one request per company).
    """

    name: ClassVar[str] = "edgar"
    description: ClassVar[str] = (
        "SEC EDGAR XBRL company facts: revenue, net income, capex, shares (by ticker)"
    )
    FACTS_URL: ClassVar[str] = "https://data.sec.gov/api/xbrl/companyfacts/CIK{cik}.json"
    TICKERS_URL: ClassVar[str] = "https://www.sec.gov/files/company_tickers.json"
    MAX_RPS: ClassVar[float] = 10.0

    def __init__(
        self,
        facts_url: str | None = None,
        tickers_url: str | None = None,
        user_agent: str | None = None,
        ciks: Mapping[str, str] | None = None,
        *,
        max_rps: float = MAX_RPS,
        timeout: float = 30.0,
        retries: int = 3,
        backoff: float = 1.0,
        store: Any = None,
        limiter: RateLimiter | None = None,
    ) -> None:
        self.facts_url = facts_url or os.environ.get("THESIS_EDGAR_FACTS_URL") or self.FACTS_URL
        if "{cik}" not in self.facts_url:
            raise ProviderError(
                f"edgar: the company-facts URL {self.facts_url!r} has no {{cik}} placeholder",
                where="facts_url / THESIS_EDGAR_FACTS_URL",
                fix="write it like https://data.sec.gov/api/xbrl/companyfacts/CIK{cik}.json",
            )
        self.tickers_url = (
            tickers_url or os.environ.get("THESIS_EDGAR_TICKERS_URL") or self.TICKERS_URL
        )
        self.user_agent = (
            user_agent if user_agent is not None else os.environ.get("THESIS_SEC_USER_AGENT", "")
        ).strip()
        known = dict(ciks_from_store(store)) if store is not None else {}
        known.update({k.upper(): str(v) for k, v in (ciks or {}).items()})
        self.ciks = known
        if not 0 < max_rps <= self.MAX_RPS:
            raise ProviderError(
                f"edgar: max_rps={max_rps} is outside (0, {self.MAX_RPS:g}]",
                where="max_rps",
                fix="SEC allows at most 10 requests a second; use a value up to 10",
            )
        self.limiter = limiter or RateLimiter(max_rps)
        # a retry waits at least one request interval, so that retries stay within the limit too
        self.http = HttpFetcher(
            self.name,
            timeout=timeout,
            retries=retries,
            backoff=max(backoff, self.limiter.interval),
            headers={"User-Agent": self.user_agent, "Accept-Encoding": "gzip, deflate"},
        )
        self._sec_tickers: dict[str, tuple[str, str]] | None = None

    # ------------------------------------------------------------------ 1. query (pure)
    def build_query(
        self,
        series: Sequence[str],
        start: str | None = None,
        end: str | None = None,
        **options: Any,
    ) -> Query:
        """Tickers (upper case) and the CIKs known without a request ('' when SEC's list must say)."""
        if not series:
            raise ProviderError("edgar: no ticker requested", fix="name tickers, e.g. PLPC MSFT")
        tickers: list[str] = []
        ciks: list[str] = []
        for raw in series:
            s = raw.strip()
            ticker, cik = _parse_request(s)
            if ticker in tickers:
                continue
            tickers.append(ticker)
            ciks.append(cik or self.ciks.get(ticker, ""))
        return Query(
            series=tuple(t.lower() for t in tickers),
            provider_ids=tuple(ciks),
            start=start,
            end=end,
            options={"tickers": tuple(tickers)},
        )

    # ------------------------------------------------------------------ 2. extract (I/O)
    def extract(
        self, query: Query, progress: Callable[[str], None] | None = None
    ) -> dict[str, bytes]:
        """SEC's ticker list when a CIK is unknown, then one company-facts document per ticker.

        Returns ``{TICKER: body}`` (and ``"company_tickers.json"`` when the list was read).
        """
        self._check_user_agent()
        tickers: tuple[str, ...] = query.options["tickers"]
        out: dict[str, bytes] = {}
        ciks = list(query.provider_ids)
        if not all(ciks):
            if progress:
                progress("edgar company_tickers.json")
            body = self._get(
                self.tickers_url, "check the ticker-list URL (THESIS_EDGAR_TICKERS_URL)"
            )
            out["company_tickers.json"] = body
            sec = parse_company_tickers(body, where=self.tickers_url)
            for i, t in enumerate(tickers):
                if ciks[i]:
                    continue
                hit = sec.get(t) or sec.get(t.replace(".", "-"))
                if hit is None:
                    hint = nearest(t, list(sec))
                    raise NoCikError(
                        f"edgar: ticker {t!r} has no CIK in SEC's ticker list or the store's "
                        "constituents" + (f"; did you mean {', '.join(hint)}?" if hint else ""),
                        where=self.tickers_url,
                        fix=f"check the ticker, or give its CIK as {t}:CIK (look it up on "
                        "https://www.sec.gov/edgar/searchedgar/companysearch); funds and "
                        "foreign issuers filing 20-F have no US-GAAP company facts",
                    )
                ciks[i] = hit[0]
        for t, cik in zip(tickers, ciks, strict=True):
            if progress:
                progress(f"edgar {t} (CIK {cik})")
            url = self.facts_url.format(cik=f"{int(cik):010d}")
            out[t] = self._get(
                url,
                f"SEC has no company facts for CIK {cik} (ticker {t}): the CIK is wrong or "
                "the company files no XBRL financial statements; check it on "
                "https://www.sec.gov/edgar/searchedgar/companysearch",
            )
        return out

    def _get(self, url: str, not_found: str) -> bytes:
        """One GET within the rate limit: the start waits for a free slot, and the next request
        waits at least an interval after this one (retries included) has finished."""
        self.limiter.wait()
        try:
            return self.http.get(url, not_found=not_found)
        finally:
            self.limiter.touch()

    def _check_user_agent(self) -> None:
        if not self.user_agent or not _UA_RE.search(self.user_agent):
            raise ProviderError(
                "edgar: SEC requires a User-Agent that names you and gives a contact e-mail"
                + (f" (got {self.user_agent!r})" if self.user_agent else " (none is set)"),
                where="THESIS_SEC_USER_AGENT",
                fix='set it, e.g. export THESIS_SEC_USER_AGENT="Jane Doe jane@example.org" '
                "(https://www.sec.gov/os/accessing-edgar-data)",
            )

    # ------------------------------------------------------------------ 3. transform (pure)
    def transform(self, query: Query, raw: dict[str, bytes]) -> list[Batch]:
        """Parse each company's facts into series batches (see the module docstring)."""
        import pandas as pd

        batches: list[Batch] = []
        for t in query.options["tickers"]:
            if t not in raw:
                raise ProviderError(f"edgar: no payload for {t}", where=t)
            body = raw[t]
            doc = _load_json(body, where=f"company facts of {t}")
            cik = str(doc.get("cik", "")) if isinstance(doc, dict) else ""
            where = self.facts_url.format(cik=f"{int(cik):010d}") if cik.isdigit() else t
            for s in parse_company_facts(doc, t, where=where):
                frame = s.frame
                if query.start:
                    frame = frame[frame["date"] >= pd.Timestamp(query.start)]
                if query.end:
                    frame = frame[frame["date"] <= pd.Timestamp(query.end)]
                batches.append(
                    SeriesBatch(info=s.info, frame=frame.reset_index(drop=True), where=where)
                )
        return batches


def _parse_request(s: str) -> tuple[str, str]:
    """``PLPC`` / ``PLPC:80035`` / ``plpc_revenue_q`` → ``(TICKER, cik or '')``."""
    if ":" in s:
        t, _, c = s.partition(":")
        m = _CIK_RE.match(c.strip())
        if not m or not _TICKER_RE.match(t.strip()):
            raise ProviderError(
                f"edgar: {s!r} is not TICKER:CIK",
                where=s,
                fix="write the ticker and its SEC CIK, e.g. PLPC:80035",
            )
        return t.strip().upper(), m.group(1)
    m = _SERIES_RE.match(s)
    if m:
        return m.group(1).upper().replace("_", "."), ""
    if not _TICKER_RE.match(s):
        raise ProviderError(
            f"edgar: {s!r} is neither a ticker nor one of our EDGAR series ids",
            where=s,
            fix="name a ticker (PLPC), a ticker with its CIK (PLPC:80035) or a series such as "
            "plpc_revenue_q",
        )
    return s.upper(), ""


def _load_json(body: bytes, *, where: str) -> Any:
    if looks_like_html(body):
        raise ProviderError(
            "edgar: returned an HTML page instead of JSON",
            where=where,
            fix="SEC blocks requests without a proper User-Agent or above 10 a second; check "
            "THESIS_SEC_USER_AGENT and try again later",
        )
    try:
        return json.loads(body)
    except UnicodeDecodeError as e:
        raise ProviderError(
            f"edgar: the body is not UTF-8 JSON ({e.reason})",
            where=where,
            fix="run `thesis data update` again; report it if it persists",
        ) from None
    except json.JSONDecodeError as e:
        # a whole JSON document ends with its closing brace or bracket; a cut transfer does not
        cut = not body.rstrip().endswith((b"}", b"]")) or e.pos >= len(body.rstrip()) - 1
        raise ProviderError(
            f"edgar: the JSON body is {'truncated' if cut else 'invalid'} ({e.msg} at line "
            f"{e.lineno} column {e.colno}, {len(body):,} bytes received)",
            where=where,
            fix="the transfer was interrupted; run `thesis data update` again",
        ) from None


def parse_company_tickers(
    body: bytes, *, where: str = "company_tickers.json"
) -> dict[str, tuple[str, str]]:
    """SEC's ``company_tickers.json`` → ``{TICKER: (cik, title)}``."""
    doc = _load_json(body, where=where)
    rows = doc.values() if isinstance(doc, dict) else doc if isinstance(doc, list) else None
    if rows is None:
        raise ProviderError(
            "edgar: the ticker list is neither an object nor a list",
            where=where,
            fix="check THESIS_EDGAR_TICKERS_URL points at company_tickers.json",
        )
    out: dict[str, tuple[str, str]] = {}
    for r in rows:
        try:
            out[str(r["ticker"]).upper()] = (str(int(r["cik_str"])), str(r.get("title", "")))
        except (KeyError, TypeError, ValueError):
            raise ProviderError(
                f"edgar: a ticker-list entry lacks 'ticker' or 'cik_str' ({str(r)[:80]})",
                where=where,
                fix="SEC changed the file's format; report it",
            ) from None
    return out


# ---------------------------------------------------------------------- parsing company facts
@dataclass(frozen=True)
class _Fact:
    start: dt.date | None
    end: dt.date
    val: float
    filed: dt.date
    concept: str

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1 if self.start else 0


class _Duration(Protocol):
    """A :class:`_Fact` over a period: its ``start`` is known."""

    @property
    def start(self) -> dt.date: ...
    @property
    def end(self) -> dt.date: ...
    @property
    def val(self) -> float: ...
    @property
    def filed(self) -> dt.date: ...
    @property
    def days(self) -> int: ...


def _is_duration(f: _Fact) -> TypeGuard[_Duration]:
    return f.start is not None


@dataclass(frozen=True)
class ParsedSeries:
    """One series parsed from a company-facts document: its catalog entry and rows."""

    info: SeriesInfo
    frame: Any  # pandas DataFrame: date, value, released


def _date(x: Any, where: str, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat(str(x)[:10])
    except ValueError:
        raise ProviderError(
            f"edgar: {what} {x!r} is not a date",
            where=where,
            fix="SEC changed the company-facts format or the body is corrupt; run the update again",
        ) from None


def _facts_of(
    doc: Mapping[str, Any], taxonomy: str, concept: str, unit: str, where: str
) -> list[_Fact]:
    node = doc.get("facts", {}).get(taxonomy, {}).get(concept)
    if not node:
        return []
    items = node.get("units", {}).get(unit)
    if items is None:
        return []
    out = []
    for i, it in enumerate(items, start=1):
        place = f"{where} facts.{taxonomy}.{concept}.units.{unit}[{i}]"
        if not isinstance(it, dict) or "end" not in it or "val" not in it or "filed" not in it:
            raise ProviderError(
                f"edgar: a {concept} fact lacks 'end', 'val' or 'filed'",
                where=place,
                fix="SEC changed the company-facts format; report it",
            )
        if it.get("form") not in FORMS:
            continue
        try:
            val = float(it["val"])
        except (TypeError, ValueError):
            raise ProviderError(
                f"edgar: {concept} value {it['val']!r} is not a number",
                where=place,
                fix="the body is corrupt; run the update again",
            ) from None
        start = _date(it["start"], place, "start") if it.get("start") else None
        end = _date(it["end"], place, "end")
        filed = _date(it["filed"], place, "filing date")
        if filed < end:
            continue  # a fact filed before its period ended is a forecast or a typo, not a figure
        out.append(_Fact(start, end, val, filed, concept))
    return out


def _first_filed(facts: Iterable[_Fact]) -> tuple[dict[tuple[Any, dt.date], _Fact], int]:
    """Per period (start, end): the first-filed fact; and how many later filings changed the value."""
    best: dict[tuple[Any, dt.date], _Fact] = {}
    restated = 0
    for f in sorted(facts, key=lambda f: f.filed):
        k = (f.start, f.end)
        if k not in best:
            best[k] = f
        elif abs(f.val - best[k].val) > 0.5:
            restated += 1
    return best, restated


def _close(a: dt.date, b: dt.date, days: int = _SAME_DAY) -> bool:
    return abs((a - b).days) <= days


def _quarters_and_years(
    periods: Mapping[tuple[Any, dt.date], _Fact],
) -> tuple[
    list[tuple[dt.date, float, dt.date]], list[tuple[dt.date, float, dt.date]], list[dt.date]
]:
    """Fiscal years and quarters from duration facts; quarters missing from the filings are
    derived from cumulative figures of the same fiscal year.

    Returns ``(quarters, years, derived)``: rows ``(period end, value, release date)`` and the
    period ends of derived quarters.
    """
    durs = [f for f in periods.values() if _is_duration(f)]
    years = sorted([f for f in durs if YEAR_DAYS[0] <= f.days <= YEAR_DAYS[1]], key=lambda f: f.end)
    direct = [f for f in durs if QUARTER_DAYS[0] <= f.days <= QUARTER_DAYS[1]]
    cumul = [f for f in durs if f.days > QUARTER_DAYS[1] and f.days <= YEAR_DAYS[1]]
    quarters: dict[dt.date, tuple[float, dt.date]] = {}
    for f in direct:
        if not any(_close(f.end, e) for e in quarters):
            quarters[f.end] = (f.val, f.filed)
    derived: list[dt.date] = []
    # fiscal years by their first day: cumulative figures (half-year, nine months, year) start
    # on it; a quarter is the difference of two consecutive cumulative figures
    starts: list[dt.date] = []
    for f in cumul:
        if not any(_close(f.start, s) for s in starts):
            starts.append(f.start)
    for s in starts:
        chain: list[tuple[dt.date, float, dt.date]] = []  # (end, cumulative value, filed)
        same = sorted((f for f in cumul if _close(f.start, s)), key=lambda f: f.end)
        q1 = [f for f in direct if _close(f.start, s)]
        if q1:
            chain.append((q1[0].end, q1[0].val, q1[0].filed))
        for f in same:
            if not any(_close(f.end, e) for e, _, _ in chain):
                chain.append((f.end, f.val, f.filed))
        chain.sort()
        # fill cumulative gaps from stated quarters (Q1 + Q2 for the half year, etc.)
        prev_end, prev_val, prev_filed = s - dt.timedelta(days=1), 0.0, dt.date.min
        for end, val, filed in chain:
            months = (end - prev_end).days
            if QUARTER_DAYS[0] <= months <= QUARTER_DAYS[1]:
                if not any(_close(end, e) for e in quarters):
                    quarters[end] = (val - prev_val, max(filed, prev_filed))
                    derived.append(end)
            elif 2 * QUARTER_DAYS[0] <= months <= 2 * QUARTER_DAYS[1] + 5:
                # two quarters in one step: the first must be stated to split them
                mids = [e for e in quarters if prev_end < e < end and not _close(e, end)]
                if mids and not any(_close(end, e) for e in quarters):
                    m = mids[0]
                    qv, qf = quarters[m]
                    quarters[end] = (val - prev_val - qv, max(filed, prev_filed, qf))
                    derived.append(end)
            prev_end, prev_val, prev_filed = end, val, filed
    # a year whose three first quarters are known but not as cumulative figures: Q4 = FY − Q1..Q3
    for y in years:
        if any(_close(y.end, e) for e in quarters):
            continue
        inside = sorted(e for e in quarters if y.start < e < y.end and not _close(e, y.end))
        if len(inside) == 3:
            vals = [quarters[e] for e in inside]
            quarters[y.end] = (
                y.val - sum(v for v, _ in vals),
                max([y.filed, *(f for _, f in vals)]),
            )
            derived.append(y.end)
    q_rows = sorted((e, v, f) for e, (v, f) in quarters.items())
    y_rows = [(y.end, y.val, y.filed) for y in years]
    # one row per year end (two filings may state the same year with different starts)
    seen: list[dt.date] = []
    y_out = []
    for r in y_rows:
        if not any(_close(r[0], e) for e in seen):
            seen.append(r[0])
            y_out.append(r)
    return q_rows, y_out, sorted(derived)


def parse_company_facts(doc: Any, ticker: str, *, where: str = "") -> list[ParsedSeries]:
    """A company-facts document → our series for ``ticker`` (pure; see the module docstring).

    Raises
    ------
    ProviderError
        The document is not company facts (no ``facts``), or a fact is malformed (the message
        names the concept and the entry).
    """
    where = where or f"company facts of {ticker}"
    if not isinstance(doc, dict) or not isinstance(doc.get("facts"), dict):
        raise ProviderError(
            "edgar: the JSON is not a company-facts document (no 'facts' object)",
            where=where,
            fix="check the company-facts URL (THESIS_EDGAR_FACTS_URL); SEC answers with "
            "{'cik', 'entityName', 'facts': ...}",
        )
    entity = str(doc.get("entityName") or ticker)
    cik = doc.get("cik", "")
    out: list[ParsedSeries] = []
    for measure, concepts in CONCEPTS.items():
        used: list[str] = []
        merged: dict[tuple[Any, dt.date], _Fact] = {}
        restated = 0
        for tax, concept, unit in concepts:
            facts = _facts_of(doc, tax, concept, unit, where)
            if not facts:
                continue
            if measure == "shares":
                # several share classes are stated separately for one cover date: add them up
                by_filing: dict[tuple[dt.date, dt.date], float] = {}
                for f in facts:
                    by_filing[(f.end, f.filed)] = by_filing.get((f.end, f.filed), 0.0) + f.val
                facts = [_Fact(None, e, v, fd, concept) for (e, fd), v in by_filing.items()]
            first, n = _first_filed(facts)
            added = {k: f for k, f in first.items() if k not in merged}
            if measure == "shares":
                added = {
                    k: f for k, f in added.items() if not any(_close(k[1], m[1], 0) for m in merged)
                }
            if added:
                used.append(concept)
                restated += n
                merged.update(added)
        if not merged:
            continue
        label = _NAMES[measure]
        concepts_text = ", ".join(used)
        base_desc = (
            f"SEC EDGAR company facts of {entity} (CIK {cik}), XBRL {concepts_text}; values as "
            "first filed, released on the filing date"
            + (f"; {restated} later restatement(s) of this measure not applied" if restated else "")
        )
        if measure == "shares":
            rows = sorted((k[1], f.val, f.filed) for k, f in merged.items())
            out.append(
                _series(ticker, measure, None, f"{entity}: {label}", "shares", "quarterly",
                        rows, base_desc + "; classes added up", where)
            )  # fmt: skip
            continue
        q_rows, y_rows, derived = _quarters_and_years(merged)
        if q_rows:
            d = base_desc
            if derived:
                d += (
                    "; quarters derived from cumulative figures of the fiscal year (e.g. Q4 = FY − "
                    f"Q1..Q3) for periods ending {', '.join(str(x) for x in derived)}"
                )
            out.append(
                _series(ticker, measure, "q", f"{entity}: {label}, fiscal quarter", "USD",
                        "quarterly", q_rows, d, where)
            )  # fmt: skip
        if y_rows:
            out.append(
                _series(ticker, measure, "fy", f"{entity}: {label}, fiscal year", "USD", "annual",
                        y_rows, base_desc, where)
            )  # fmt: skip
    return out


def _series(
    ticker: str,
    measure: str,
    period: str | None,
    name: str,
    unit: str,
    frequency: Frequency,
    rows: list[tuple[dt.date, float, dt.date]],
    description: str,
    where: str,
) -> ParsedSeries:
    import pandas as pd

    sid = edgar_series_id(ticker, measure, period)
    info = SeriesInfo(
        id=sid,
        name=name,
        unit=unit,
        frequency=frequency,
        kind="fundamental",
        provider="edgar",
        provider_id=f"{ticker.upper()}:{measure}" + (f":{period}" if period else ""),
        origin=where,
        license=EDGAR_LICENSE,
        description=description,
    )
    frame = pd.DataFrame(
        {
            "date": pd.to_datetime([r[0] for r in rows]),
            "value": pd.Series([r[1] for r in rows], dtype="float64"),
            "released": pd.to_datetime([r[2] for r in rows]),
        }
    )
    return ParsedSeries(info=info, frame=frame)
