"""A small, safe rule language for screens.

A rule is one expression over the features of a stock, written in a thesis (``[theme.screen]
rule``) or on the command line::

    size == "small" and mom_6m > index.mom_6m and corr_theme > 0.5
    not stale and (rel_mom_6m > 5 or revenue_yoy >= 20)
    sector in ["Utilities", "Industrials"] and vol < 1.5 * index.vol

Allowed: feature names, ``index.<feature>`` (the index over the stock's own window), numbers,
strings, ``true``/``false`` (or ``True``/``False``), lists of constants for ``in``; comparisons
(``== != < <= > >= in not in``, chained), ``and``, ``or``, ``not``, parentheses, and ``+ - * /`` on
numbers. Nothing else: no calls, attributes other than ``index.``, subscripts or comprehensions.
The text is parsed with Python's :mod:`ast` and walked by this module; it is never passed to
``eval``. Percent features are percent numbers (``mom_6m > 10`` is "more than 10 %").

A comparison with a missing value (a stock without fundamentals, a figure that needs more history)
is false, and the stock's reasons say which value was missing. Every stock that passes carries its
reasons: the comparisons that held, with the numbers compared.
"""

from __future__ import annotations

import ast
import math
import operator
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from thesis.errors import nearest
from thesis.screen.errors import RuleError, UnknownFeatureError

__all__ = ["MAX_NODES", "Rule", "parse_rule"]

MAX_NODES = 200
MAX_LENGTH = 1000
_CMP: dict[type, tuple[str, Callable[[Any, Any], Any]]] = {
    ast.Eq: ("==", operator.eq),
    ast.NotEq: ("!=", operator.ne),
    ast.Lt: ("<", operator.lt),
    ast.LtE: ("<=", operator.le),
    ast.Gt: (">", operator.gt),
    ast.GtE: (">=", operator.ge),
}
_ARITH: dict[type, tuple[str, Callable[[Any, Any], Any]]] = {
    ast.Add: ("+", operator.add),
    ast.Sub: ("-", operator.sub),
    ast.Mult: ("*", operator.mul),
    ast.Div: ("/", operator.truediv),
}
_NAMES_TRUE = {"true": True, "True": True, "false": False, "False": False}


@dataclass(frozen=True)
class _Value:
    """A value over the rows: a Series (per stock) or a scalar; ``text`` is how it was written."""

    data: Any
    text: str

    def at(self, i: int) -> Any:
        return self.data.iloc[i] if isinstance(self.data, pd.Series) else self.data


@dataclass(frozen=True)
class _Truth:
    """A boolean over the rows and, per row, the reasons it holds (or why it does not)."""

    mask: np.ndarray
    why: list[list[str]]
    missing: list[list[str]]


@dataclass(frozen=True)
class Rule:
    """A parsed rule: its text, its tree and the features it names.

    Use :meth:`evaluate` on a features frame (rows: stocks; columns: features; ``index.*``
    columns for the index's figures).
    """

    text: str
    tree: ast.Expression
    names: tuple[str, ...]

    def check(self, available: Iterable[str], where: str = "rule") -> None:
        """Raise :class:`UnknownFeatureError` for a name that is not in ``available``."""
        avail = sorted(set(available))
        for n in self.names:
            if n not in avail:
                hint = nearest(n, avail)
                plain = [a for a in avail if not a.startswith("index.")]
                raise UnknownFeatureError(
                    f"the rule names an unknown feature {n!r}"
                    + (f"; did you mean {', '.join(hint)}?" if hint else ""),
                    where=f"{where}: {self.text}",
                    fix=f"use one of: {', '.join(plain)} (and index.<feature> for the index's "
                    "figure over the same window)",
                )

    def evaluate(self, features: pd.DataFrame, where: str = "rule") -> tuple[pd.Series, pd.Series]:
        """Evaluate on ``features``; returns ``(passed, why)``.

        ``passed`` is a boolean Series; ``why`` a Series of strings: for a passing row the
        comparisons that held, for a failing one the first that failed or the values missing.
        """
        self.check(features.columns, where)
        ev = _Evaluator(features, self.text, where)
        t = ev.truth(self.tree.body)
        reasons = []
        for i in range(len(features)):
            if t.mask[i]:
                reasons.append("; ".join(dict.fromkeys(t.why[i])))
            elif t.missing[i]:
                reasons.append("missing: " + ", ".join(dict.fromkeys(t.missing[i])))
            else:
                reasons.append("fails: " + "; ".join(dict.fromkeys(t.why[i])))
        idx = features.index
        return pd.Series(t.mask, index=idx, name="passed"), pd.Series(
            reasons, index=idx, name="why"
        )


def parse_rule(text: str, where: str = "rule") -> Rule:
    """Parse and vet a rule (see the module docstring); raise :class:`RuleError` if unsafe or bad."""
    if not isinstance(text, str) or not text.strip():
        raise RuleError(
            "the rule is empty",
            where=where,
            fix='write a condition such as mom_6m > index.mom_6m and size == "small"',
        )
    if len(text) > MAX_LENGTH:
        raise RuleError(
            f"the rule is {len(text)} characters long (at most {MAX_LENGTH})",
            where=where,
            fix="shorten it; a screen needs a few conditions",
        )
    src = " ".join(text.split())  # one line: newlines inside a TOML string are allowed
    try:
        tree = ast.parse(src, mode="eval")
    except SyntaxError as e:
        # Python reports offset 0 for an expression cut short: point past its end
        col = (e.offset - 1) if e.offset else len(src)
        raise RuleError(
            f"the rule does not parse: {e.msg}\n  {src}\n  {' ' * col}^",
            where=where,
            fix="write comparisons joined by and / or, strings in quotes, e.g. "
            'size == "small" and mom_6m > 0',
        ) from None
    nodes = list(ast.walk(tree))
    if len(nodes) > MAX_NODES:
        raise RuleError(
            f"the rule has {len(nodes)} parts (at most {MAX_NODES})",
            where=where,
            fix="split it or simplify it",
        )
    names: list[str] = []
    _vet(tree.body, src, where, names)
    return Rule(text=src, tree=tree, names=tuple(dict.fromkeys(names)))


def _segment(src: str, node: ast.AST) -> str:
    return ast.get_source_segment(src, node) or type(node).__name__


def _vet(node: ast.AST, src: str, where: str, names: list[str]) -> None:
    """Allow only the constructs of the rule language; collect the feature names."""

    def bad(what: str) -> RuleError:
        return RuleError(
            f"{what} is not allowed in a rule: {_segment(src, node)!r}",
            where=where,
            fix="use feature names, numbers, strings, comparisons, and / or / not and + - * /",
        )

    if isinstance(node, ast.BoolOp):
        for v in node.values:
            _vet(v, src, where, names)
    elif isinstance(node, ast.UnaryOp):
        if not isinstance(node.op, ast.Not | ast.USub | ast.UAdd):
            raise bad("this operator")
        _vet(node.operand, src, where, names)
    elif isinstance(node, ast.Compare):
        for op in node.ops:
            if type(op) not in _CMP and not isinstance(op, ast.In | ast.NotIn):
                raise bad(f"the comparison {type(op).__name__}")
        for v in [node.left, *node.comparators]:
            _vet(v, src, where, names)
    elif isinstance(node, ast.BinOp):
        if type(node.op) not in _ARITH:
            raise bad("this arithmetic operator")
        _vet(node.left, src, where, names)
        _vet(node.right, src, where, names)
    elif isinstance(node, ast.Name):
        if node.id not in _NAMES_TRUE:
            names.append(node.id)
    elif isinstance(node, ast.Attribute):
        if not (isinstance(node.value, ast.Name) and node.value.id == "index"):
            raise bad("an attribute other than index.<feature>")
        names.append(f"index.{node.attr}")
    elif isinstance(node, ast.Constant):
        if not isinstance(node.value, int | float | str | bool) or node.value is None:
            raise bad("this constant")
    elif isinstance(node, ast.List | ast.Tuple | ast.Set):
        for e in node.elts:
            if not isinstance(e, ast.Constant) and not (
                isinstance(e, ast.UnaryOp)
                and isinstance(e.op, ast.USub)
                and isinstance(e.operand, ast.Constant)
            ):
                raise bad("a list item that is not a constant")
            _vet(e, src, where, names)
    elif isinstance(node, ast.Call):
        raise bad("a function call")
    elif isinstance(node, ast.Subscript):
        raise bad("indexing")
    else:
        raise bad(f"the construct {type(node).__name__}")


def _fmt(v: Any) -> str:
    if isinstance(v, bool | np.bool_):
        return "true" if v else "false"
    if isinstance(v, float | np.floating):
        if not math.isfinite(v):
            return "n/a"
        a = abs(float(v))
        if a >= 1e9:
            return f"{v / 1e9:,.2f}bn"
        if a >= 1e6:
            return f"{v / 1e6:,.2f}m"
        return f"{v:,.2f}"
    if isinstance(v, int | np.integer):
        return f"{v:,}"
    return str(v)


def _missing(v: Any) -> bool:
    return v is None or (isinstance(v, float | np.floating) and not math.isfinite(v)) or v is pd.NA


class _Evaluator:
    def __init__(self, features: pd.DataFrame, src: str, where: str) -> None:
        self.f = features
        self.src = src
        self.where = where
        self.n = len(features)

    # -- values
    def value(self, node: ast.AST) -> _Value:
        text = _segment(self.src, node)
        if isinstance(node, ast.Name):
            if node.id in _NAMES_TRUE:
                return _Value(_NAMES_TRUE[node.id], text)
            return _Value(self.f[node.id], text)
        if isinstance(node, ast.Attribute):
            return _Value(self.f[f"index.{node.attr}"], text)
        if isinstance(node, ast.Constant):
            return _Value(node.value, text)
        if isinstance(node, ast.List | ast.Tuple | ast.Set):
            return _Value([self.value(e).data for e in node.elts], text)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
            v = self.value(node.operand)
            self._numeric(v, node)
            return _Value(-v.data if isinstance(node.op, ast.USub) else v.data, text)
        if isinstance(node, ast.BinOp):
            a, b = self.value(node.left), self.value(node.right)
            self._numeric(a, node)
            self._numeric(b, node)
            with np.errstate(divide="ignore", invalid="ignore"):
                out = _ARITH[type(node.op)][1](a.data, b.data)
            if isinstance(out, pd.Series):
                out = out.replace([np.inf, -np.inf], np.nan)
            elif isinstance(out, float) and not math.isfinite(out):
                out = float("nan")
            return _Value(out, text)
        raise RuleError(
            f"{text!r} is a condition, not a value",
            where=f"{self.where}: {self.src}",
            fix="compare values (mom_6m > 0); combine conditions with and / or",
        )

    def _numeric(self, v: _Value, node: ast.AST) -> None:
        d = v.data
        ok = (
            pd.api.types.is_numeric_dtype(d) and not pd.api.types.is_bool_dtype(d)
            if isinstance(d, pd.Series)
            else isinstance(d, int | float) and not isinstance(d, bool)
        )
        if not ok:
            raise RuleError(
                f"{v.text!r} is not a number, so {_segment(self.src, node)!r} cannot be computed",
                where=f"{self.where}: {self.src}",
                fix="use arithmetic only on numeric features (mom_6m, vol, corr_theme, ...)",
            )

    # -- conditions
    def truth(self, node: ast.AST) -> _Truth:
        if isinstance(node, ast.BoolOp):
            parts = [self.truth(v) for v in node.values]
            n = self.n
            if isinstance(node.op, ast.And):
                mask = np.logical_and.reduce([p.mask for p in parts])
                why: list[list[str]] = []
                missing: list[list[str]] = []
                for i in range(n):
                    if mask[i]:
                        why.append([w for p in parts for w in p.why[i]])
                        missing.append([])
                        continue
                    failed = [p for p in parts if not p.mask[i]]
                    # a comparison that could be made and failed explains the row; values that
                    # were missing explain it only when nothing else failed
                    real = [p for p in failed if not p.missing[i]]
                    why.append(real[0].why[i] if real else [])
                    missing.append([] if real else [m for p in failed for m in p.missing[i]])
            else:
                mask = np.logical_or.reduce([p.mask for p in parts])
                why = [
                    [w for p in parts if p.mask[i] for w in p.why[i]]
                    if mask[i]
                    else [w for p in parts for w in p.why[i]]
                    for i in range(n)
                ]
                missing = [
                    [m for p in parts for m in p.missing[i]] if not mask[i] else []
                    for i in range(n)
                ]
            return _Truth(mask, why, missing)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            t = self.truth(node.operand)
            text = _segment(self.src, node)
            mask = ~t.mask & np.array([not m for m in t.missing])
            why = [
                [f"{text}"] if mask[i] else [f"not ({'; '.join(t.why[i])})"] for i in range(self.n)
            ]
            return _Truth(mask, why, [t.missing[i] if not mask[i] else [] for i in range(self.n)])
        if isinstance(node, ast.Compare):
            return self.compare(node)
        if isinstance(node, ast.Name | ast.Attribute):
            v = self.value(node)
            d = v.data
            if isinstance(d, bool):
                return _Truth(np.full(self.n, d), [[v.text]] * self.n, [[]] * self.n)
            if not (isinstance(d, pd.Series) and pd.api.types.is_bool_dtype(d)):
                raise RuleError(
                    f"{v.text!r} is not a yes/no feature, so it cannot stand alone as a condition",
                    where=f"{self.where}: {self.src}",
                    fix=f"compare it, e.g. {v.text} > 0",
                )
            mask = d.fillna(False).to_numpy(dtype=bool)
            return _Truth(
                mask,
                [[v.text] if mask[i] else [f"{v.text} is false"] for i in range(self.n)],
                [[]] * self.n,
            )
        if isinstance(node, ast.Constant) and isinstance(node.value, bool):
            return _Truth(
                np.full(self.n, node.value), [[str(node.value).lower()]] * self.n, [[]] * self.n
            )
        raise RuleError(
            f"{_segment(self.src, node)!r} is a value, not a condition",
            where=f"{self.where}: {self.src}",
            fix="compare it with something, e.g. mom_6m > 0",
        )

    def compare(self, node: ast.Compare) -> _Truth:
        terms = [self.value(node.left)] + [self.value(c) for c in node.comparators]
        mask = np.ones(self.n, bool)
        why: list[list[str]] = [[] for _ in range(self.n)]
        missing: list[list[str]] = [[] for _ in range(self.n)]
        for op, a, b in zip(node.ops, terms, terms[1:], strict=False):
            sym, fn = self._op(op, a, b)
            for i in range(self.n):
                if not mask[i] and not missing[i]:
                    continue
                x, y = a.at(i), b.at(i)
                absent = [t.text for t, v in ((a, x), (b, y)) if _missing(v)]
                if absent:
                    mask[i] = False
                    missing[i].extend(absent)
                    continue
                ok = bool(fn(x, y))
                shown = self._show(a, x, sym, b, y)
                if ok:
                    why[i].append(shown)
                else:
                    mask[i] = False
                    why[i] = [shown.replace(f" {sym} ", f" not {sym} ", 1)]
        return _Truth(mask, why, missing)

    def _show(self, a: _Value, x: Any, sym: str, b: _Value, y: Any) -> str:
        def side(v: _Value, val: Any) -> str:
            if isinstance(v.data, pd.Series):
                return f"{v.text} {_fmt(val)}"
            return _fmt(val) if not isinstance(val, list) else v.text

        return f"{side(a, x)} {sym} {side(b, y)}"

    def _op(self, op: ast.cmpop, a: _Value, b: _Value) -> tuple[str, Callable[[Any, Any], bool]]:
        if isinstance(op, ast.In | ast.NotIn):
            if not isinstance(b.data, list):
                raise RuleError(
                    f"'in' needs a list on its right, not {b.text!r}",
                    where=f"{self.where}: {self.src}",
                    fix='write sector in ["Utilities", "Industrials"]',
                )
            items = b.data
            if isinstance(op, ast.In):
                return "in", lambda x, _y: x in items
            return "not in", lambda x, _y: x not in items
        sym, fn = _CMP[type(op)]
        self._comparable(a, b, sym)
        return sym, fn

    def _comparable(self, a: _Value, b: _Value, sym: str) -> None:
        def kind(v: _Value) -> str:
            d = v.data
            if isinstance(d, pd.Series):
                if pd.api.types.is_bool_dtype(d):
                    return "bool"
                if pd.api.types.is_numeric_dtype(d):
                    return "number"
                if pd.api.types.is_datetime64_any_dtype(d):
                    return "date"
                return "text"
            if isinstance(d, bool):
                return "bool"
            if isinstance(d, int | float):
                return "number"
            return "text"

        ka, kb = kind(a), kind(b)
        if ka != kb:
            raise RuleError(
                f"{a.text!r} is a {ka} and {b.text!r} a {kb}: they cannot be compared with {sym}",
                where=f"{self.where}: {self.src}",
                fix='compare numbers with numbers and texts with quoted texts (size == "small")',
            )
        if ka in ("text", "bool") and sym not in ("==", "!="):
            raise RuleError(
                f"{sym} does not order {ka}s ({a.text!r} {sym} {b.text!r})",
                where=f"{self.where}: {self.src}",
                fix="use == or != for texts and yes/no features",
            )
