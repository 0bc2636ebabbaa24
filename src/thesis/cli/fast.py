"""Call a Typer command function from its arguments without Typer's parameter coercion.

Typer (0.26 and later) converts every parameter's value with a pydantic ``TypeAdapter``, so the
first value it converts imports pydantic: about a quarter of the start-up of `thesis check`, a
command run once per article, and one that needs no pydantic otherwise. :func:`call_plain` reads
the command's own Typer declarations (the ``typer.Argument``/``typer.Option`` defaults of its
signature, the single source of truth) and parses the arguments with :mod:`argparse` when every
parameter is a plain one (``str``, ``int``, ``float`` or ``Path``, optional or not, with no
callback, environment variable, prompt, bounds or path checks). Anything else (``--help``, an
unknown option, a value of the wrong type, a parameter it does not model) is left to Typer, so
help and error messages are Typer's own. argparse is hand-driven here rather than a library
because it ships with Python: the point is to import nothing. A command declared with
:mod:`thesis.cli.params` (``Arg``/``Opt``, plain by construction) is parsed without importing
Typer at all, as `thesis check` is.
"""

from __future__ import annotations

import argparse
import inspect
import typing
from collections.abc import Callable, Sequence
from pathlib import Path
from types import NoneType, UnionType
from typing import Any

__all__ = ["call_plain", "plain_parser"]

#: the value types parsed here, each by its own constructor (as Typer converts them)
_PLAIN: dict[Any, Callable[[str], Any]] = {str: str, int: int, float: float, Path: Path}
#: declaration attributes that only change help output, never a parsed value
_DISPLAY = {
    "help",
    "metavar",
    "hidden",
    "show_default",
    "show_choices",
    "show_envvar",
    "rich_help_panel",
    "autocompletion",
    "shell_complete",
    "default",
    "param_decls",
}


class _NotPlain(Exception):
    """The arguments (or the command) need Typer."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> typing.NoReturn:  # argparse would print and exit
        raise _NotPlain(message)


def _value_type(annotation: Any) -> Callable[[str], Any]:
    """The constructor of a plain annotation (``X`` or ``X | None``), else :class:`_NotPlain`."""
    if typing.get_origin(annotation) in (typing.Union, UnionType):
        args = [a for a in typing.get_args(annotation) if a is not NoneType]
        if len(args) != 1:
            raise _NotPlain(f"{annotation!r}")
        annotation = args[0]
    if annotation not in _PLAIN:
        raise _NotPlain(f"{annotation!r}")
    return _PLAIN[annotation]


def plain_parser(func: Callable[..., Any]) -> argparse.ArgumentParser:
    """An argparse parser equivalent to ``func``'s Typer parameters.

    Raises
    ------
    _NotPlain
        A parameter is not a plain one (see the module's docstring).
    """
    from thesis.cli.params import ArgSpec, OptSpec

    hints = typing.get_type_hints(func)
    parser = _Parser(prog=func.__name__, add_help=False, allow_abbrev=False)
    fresh: dict[type, dict[str, Any]] | None = None
    for name, p in inspect.signature(func).parameters.items():
        info = p.default
        if isinstance(info, ArgSpec | OptSpec):
            # declared without Typer (thesis.cli.params): plain by construction
            _add_plain(parser, name, info, _value_type(hints[name]))
            continue
        if fresh is None:
            import typer
            from typer.models import ArgumentInfo, OptionInfo

            fresh = {ArgumentInfo: vars(typer.Argument()), OptionInfo: vars(typer.Option())}
        if type(info) not in fresh:
            raise _NotPlain(name)
        base = fresh[type(info)]
        if any(v != base.get(k) for k, v in vars(info).items() if k not in _DISPLAY):
            raise _NotPlain(name)  # a callback, an envvar, bounds, path checks, a flag...
        # a plain Typer declaration is what Arg and Opt declare: added the same way
        spec = (
            ArgSpec(info.default)
            if isinstance(info, ArgumentInfo)
            else OptSpec(info.default, tuple(info.param_decls or ()))
        )
        _add_plain(parser, name, spec, _value_type(hints[name]))
    return parser


def _add_plain(parser: argparse.ArgumentParser, name: str, info: Any, convert: Any) -> None:
    """Add a plain parameter (an :class:`~thesis.cli.params.ArgSpec` or ``OptSpec``)."""
    from thesis.cli.params import ArgSpec

    required = info.default is ...
    if isinstance(info, ArgSpec):
        if not required:
            raise _NotPlain(name)  # an optional positional: leave it to Typer
        parser.add_argument(name, type=convert)
        return
    decls = list(info.decls) or ["--" + name.replace("_", "-")]
    if not all(d.startswith("-") for d in decls):
        raise _NotPlain(name)
    kw: dict[str, Any] = {"dest": name, "type": convert, "required": required}
    if not required:
        kw["default"] = info.default
    parser.add_argument(*decls, **kw)


def call_plain(func: Callable[..., Any], args: Sequence[str]) -> bool:
    """Call ``func`` with ``args`` parsed as Typer would parse them, if they are plain.

    Parameters
    ----------
    func
        A command function: its parameters' defaults are ``typer.Argument``/``Option``, or
        :class:`~thesis.cli.params.Arg`/``Opt`` (then Typer is not imported).
    args
        The command's arguments (after its name).

    Returns
    -------
    bool
        True when ``func`` was called (its errors propagate as they would under Typer); False
        when Typer must handle the arguments: nothing was called.
    """
    if any(a in ("--help", "-h") for a in args):
        return False
    try:
        parsed = plain_parser(func).parse_args(list(args))
    except (_NotPlain, ValueError, TypeError):
        return False
    func(**vars(parsed))
    return True
