"""A command's parameters declared without importing Typer, for the commands that start fast.

`thesis check` runs once per article, and Typer's import alone was about a third of what remained
of its start-up (0.08 s of 0.25 s on the bench machine, once the store's reads were kept; see
:mod:`thesis.data.readcache`). A command declares its parameters with :class:`Arg` and
:class:`Opt`, which take the arguments ``typer.Argument`` and ``typer.Option`` take for a plain
parameter (a default, option names, a help text), and stays the one source of truth for both
parsers: :func:`typer_command` turns it into a Typer command (help, errors, anything that is not
plain), and :func:`thesis.cli.fast.call_plain` parses the common case with :mod:`argparse` without
importing Typer. Only plain parameters can be declared here (``str``, ``int``, ``float``, ``Path``,
optional or not): a flag, a callback, an environment variable or bounds are Typer's, declared
with Typer's own objects.
"""

from __future__ import annotations

import functools
import inspect
import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = ["Arg", "ArgSpec", "Opt", "OptSpec", "typer_command"]


@dataclass(frozen=True)
class ArgSpec:
    """A positional argument's declaration (made by :func:`Arg`)."""

    default: Any = ...
    help: str = ""


@dataclass(frozen=True)
class OptSpec:
    """An option's declaration (made by :func:`Opt`)."""

    default: Any
    decls: tuple[str, ...] = ()
    help: str = ""


def Arg(default: Any = ..., *, help: str = "") -> Any:
    """A positional argument: ``Arg(...)`` is required (as ``typer.Argument(...)``). Typed
    ``Any``, as Typer's are, so that it may stand as any parameter's default."""
    return ArgSpec(default, help)


def Opt(default: Any, *decls: str, help: str = "") -> Any:
    """An option: ``Opt(default, "--name", "-n", help=...)`` (as ``typer.Option``)."""
    return OptSpec(default, tuple(decls), help)


def typer_command(func: Callable[..., Any]) -> Callable[..., Any]:
    """``func`` as Typer reads a command: the same function, with a signature whose :class:`Arg`
    and :class:`Opt` defaults are ``typer.Argument`` and ``typer.Option`` and whose annotations
    are resolved types. Imports Typer."""
    import typer

    hints = typing.get_type_hints(func)
    params = []
    for name, p in inspect.signature(func).parameters.items():
        d = p.default
        if isinstance(d, ArgSpec):
            d = typer.Argument(d.default, help=d.help)
        elif isinstance(d, OptSpec):
            d = typer.Option(d.default, *d.decls, help=d.help)
        params.append(p.replace(default=d, annotation=hints.get(name, p.annotation)))

    @functools.wraps(func)
    def command(**kwargs: Any) -> Any:
        return func(**kwargs)

    command.__signature__ = inspect.Signature(params, return_annotation=None)  # type: ignore[attr-defined]
    command.__annotations__ = {k: v for k, v in hints.items() if k != "return"}
    return command
