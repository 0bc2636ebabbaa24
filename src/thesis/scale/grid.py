"""A grid of theses: one template thesis × lists of values (series, levels, dates).

A grid file is TOML::

    template = "../examples/sp500-ai-rally-2026.toml"   # a thesis file, relative to this file
    name = "constituents +20 % by year-end"               # optional, added to every title

    [grid]                       # every combination of these values; keys are dotted thesis keys
    "index.series" = ["sp500", "spy_tr", "qqq"]
    as_of = [2024-12-31, 2025-06-30]
    "index.thresholds_pct" = [[10], [20]]   # levels as % moves from the close on as_of

A key ending in ``_pct`` whose stem is a list of levels (``index.thresholds``, ``index.targets``)
gives levels relative to the series' close on ``as_of``, read from the store as of that day, so one
grid can ask "+20 % by year-end" of every series. Every thesis in a grid is validated before any
runs; an error names the grid file, the combination and the key.
"""

from __future__ import annotations

import itertools
import tomllib
from collections.abc import Iterator
from copy import deepcopy
from pathlib import Path
from typing import TYPE_CHECKING, Any

from thesis.errors import SpecError, ThesisError

if TYPE_CHECKING:
    from thesis.data.store import Store
    from thesis.spec import ThesisSpec

__all__ = ["expand_grid", "load_grid"]

_RELATIVE_SUFFIX = "_pct"


def load_grid(path: str | Path, store: Store) -> list[ThesisSpec]:
    """Read a grid file and return every thesis it describes, validated."""
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SpecError("grid file not found", where=str(p), fix="check the path") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise SpecError(f"not a valid TOML grid: {e}", where=str(p), fix="fix the syntax") from None
    if "template" not in data:
        raise SpecError(
            "the grid names no template thesis",
            where=str(p),
            fix='add `template = "my-thesis.toml"` (a thesis file, relative to the grid file)',
        )
    template = (p.parent / data["template"]).resolve()
    try:
        base = tomllib.loads(template.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SpecError(
            f"template {data['template']!r} not found", where=f"{p}: template", fix="check the path"
        ) from None
    grid = data.get("grid", {})
    if not isinstance(grid, dict) or not grid:
        raise SpecError(
            "the grid has no [grid] table of values",
            where=str(p),
            fix='add e.g. [grid] "index.series" = ["sp500", "spy_tr"]',
        )
    return list(
        expand_grid(
            base,
            grid,
            store,
            where=str(p),
            template=str(template),
            name=data.get("name", ""),
            title=data.get("title"),
        )
    )


def _set(d: dict[str, Any], dotted: str, value: Any) -> None:
    keys = dotted.split(".")
    for k in keys[:-1]:
        d = d.setdefault(k, {})
        if not isinstance(d, dict):
            raise KeyError(dotted)
    d[keys[-1]] = value


def _label(key: str, value: Any) -> str:
    short = key.split(".")[-1]
    if short.endswith(_RELATIVE_SUFFIX):
        moves = value if isinstance(value, list) else [value]
        return f"{short.removesuffix(_RELATIVE_SUFFIX)}=" + ",".join(
            f"{float(m):+g}%" for m in moves
        )
    if isinstance(value, list):
        value = ",".join(f"{v:g}" if isinstance(v, float) else str(v) for v in value)
    return f"{short}={value}"


def expand_grid(
    base: dict[str, Any],
    grid: dict[str, list[Any]],
    store: Store,
    *,
    where: str = "grid",
    template: str | None = None,
    name: str = "",
    title: str | None = None,
) -> Iterator[ThesisSpec]:
    """Every combination of the grid's values applied to the template (plain TOML data).

    ``title``, when given, is a format string over the combination (each key's last part:
    ``{series}``, ``{as_of}``, ``{thresholds}``) and ``{series_name}`` (the store's name of the
    series); otherwise the template's title gets the values that vary, in brackets.
    """
    from thesis.spec import ThesisSpec, _spec_error

    for key, values in grid.items():
        if not isinstance(values, list) or not values:
            raise SpecError(
                f"grid key {key!r} must be a non-empty list of values",
                where=f"{where}: grid.{key}",
                fix=f'write e.g. "{key}" = [value1, value2]',
            )
    keys = list(grid)
    for combo in itertools.product(*(grid[k] for k in keys)):
        data = deepcopy(base)
        relative: dict[str, Any] = {}
        for k, v in zip(keys, combo, strict=True):
            if k.endswith(_RELATIVE_SUFFIX) and k.rsplit(".", 1)[-1].removesuffix(
                _RELATIVE_SUFFIX
            ) in (
                "thresholds",
                "targets",
            ):
                relative[k.removesuffix(_RELATIVE_SUFFIX)] = v
            else:
                _set(data, k, v)
        labels = ", ".join(
            _label(k, v) for k, v in zip(keys, combo, strict=True) if len(grid[k]) > 1
        )
        if relative:
            series = data.get("index", {}).get("series", "sp500")
            as_of = data.get("as_of")
            if as_of is None:
                raise SpecError(
                    f"relative levels need an as_of ({labels})",
                    where=f"{where}: grid",
                    fix="set as_of in the template or in the grid",
                )
            try:
                close = store.view(as_of).latest(series).value
            except ThesisError as e:
                raise SpecError(
                    f"cannot resolve relative levels for ({labels}): {e.what}",
                    where=f"{where}: grid",
                    fix=e.fix or "check the series and as_of of this combination",
                ) from None
            for k, moves in relative.items():
                moves = moves if isinstance(moves, list) else [moves]
                _set(data, k, [round(close * (1 + float(m) / 100), 2) for m in moves])
        if title is not None:
            fields = {
                k.split(".")[-1].removesuffix(_RELATIVE_SUFFIX): _label(k, v).split("=", 1)[1]
                for k, v in zip(keys, combo, strict=True)
            }
            series = data.get("index", {}).get("series", "sp500")
            fields["series_name"] = store.info(series).name if store.has(series) else series
            try:
                data["title"] = title.format(**fields)
            except (KeyError, IndexError, ValueError) as e:
                raise SpecError(
                    f"the grid's title names an unknown field ({e})",
                    where=f"{where}: title",
                    fix=f"use some of {{{', '.join(sorted(fields))}}}",
                ) from None
        else:
            tag = f"{name}: {labels}" if name and labels else name or labels
            data["title"] = f"{data.get('title', 'thesis')}" + (f" [{tag}]" if tag else "")
        try:
            yield ThesisSpec.model_validate({**data, "path": template})
        except Exception as e:
            from pydantic import ValidationError

            if isinstance(e, ValidationError):
                err = _spec_error(e, None, where)
                raise SpecError(
                    f"combination ({labels}): {err.what}", where=f"{where}: grid", fix=err.fix
                ) from None
            raise
