"""A thesis from the web form: fields → TOML text, checked by the same parser as a file."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

from thesis.errors import SpecError

__all__ = ["FORM_FIELDS", "thesis_from_form"]

#: form field → (label, help)
FORM_FIELDS = {
    "title": ("Title", "What the thesis says, e.g. “The S&P 500 reaches 7,000 in 2026”"),
    "series": ("Series", "A series id in the store (sp500, ust10y, spy_tr …)"),
    "name": ("Display name", "How the article names it (S&P 500)"),
    "as_of": ("As of", "Analysis date, YYYY-MM-DD: no data after it is used"),
    "horizon": ("Horizon", "YYYY-MM-DD, after as_of"),
    "thresholds": ("Thresholds", "Levels to touch, comma-separated (6900, 7000)"),
    "targets": ("Targets", "Year-end targets, comma-separated (7269)"),
    "eps_growth_pct": ("EPS growth, % a year", "Optional (14)"),
    "cuts": ("Rate cuts", "Number of Fed cuts the thesis assumes (0 for none)"),
    "n_paths": ("Monte Carlo paths", "Per method, 1,000 to 200,000"),
}
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")


def _s(value: str) -> str:
    """A TOML basic string (JSON's escaping is valid TOML)."""
    return json.dumps(value, ensure_ascii=False)


def _numbers(raw: str, field: str) -> list[float]:
    out = []
    # "6,900" is six thousand nine hundred; "6900, 7000" and "6900;7000" are two levels
    raw = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", raw)
    for part in filter(None, re.split(r"[,;\s]+", raw)):
        if not _NUMBER.match(part):
            raise SpecError(
                f"{part!r} is not a number",
                where=f"form field {field}",
                fix="write e.g. 6900, 7269",
            )
        out.append(float(part))
    return out


def _date(raw: str, field: str) -> str:
    v = raw.strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
        raise SpecError(
            f"{v!r} is not a date", where=f"form field {field}", fix="write it as YYYY-MM-DD"
        )
    return v


def thesis_from_form(form: Mapping[str, str]) -> str:
    """The TOML text of a thesis filled in on the form.

    Only the fields of :data:`FORM_FIELDS` are read; everything else keeps the defaults of a
    thesis file (see ``thesis new``). The text is then validated by :func:`thesis.spec.parse_thesis`
    like any file, so the form cannot express what a file could not.

    Raises
    ------
    SpecError
        A missing title or dates, a number or date that does not parse (naming the field).
    """

    def get(k: str) -> str:
        return str(form.get(k) or "").strip()

    title = get("title")
    if not title:
        raise SpecError(
            "the title is empty", where="form field title", fix="say what the thesis claims"
        )
    lines = [
        f"title = {_s(title)}",
        f"as_of = {_date(get('as_of'), 'as_of')}",
        f"horizon = {_date(get('horizon'), 'horizon')}",
        'source = "entered on the web form"',
        "",
        "[index]",
        f"series = {_s(get('series') or 'sp500')}",
        f"name = {_s(get('name') or get('series') or 'S&P 500')}",
        f"thresholds = {json.dumps(_numbers(get('thresholds'), 'thresholds'))}",
        f"targets = {json.dumps(_numbers(get('targets'), 'targets'))}",
    ]
    eps = get("eps_growth_pct")
    if eps:
        lines += ["", "[earnings]", f"eps_growth_pct = {_numbers(eps, 'eps_growth_pct')[0]}"]
    cuts = get("cuts") or "0"
    if not cuts.isdigit():
        raise SpecError(
            f"{cuts!r} is not a whole number", where="form field cuts", fix="write 0, 1, 2 …"
        )
    lines += ["", "[rates]", f"cuts = {int(cuts)}"]
    paths = get("n_paths").replace(",", "") or "20000"
    if not paths.isdigit():
        raise SpecError(
            f"{paths!r} is not a whole number", where="form field n_paths", fix="e.g. 20000"
        )
    lines += ["", "[analysis]", f"n_paths = {int(paths)}", "calibrate = false"]
    return "\n".join(lines) + "\n"
