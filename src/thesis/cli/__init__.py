"""The command line: a thin Typer layer over the public API.

:func:`main` is the entry point. `thesis check ARTICLE` with plain arguments runs without
importing Typer (its parameters are declared in :mod:`thesis.cli.params` and parsed by
:mod:`thesis.cli.fast`); everything else, ``--help`` and every error of usage included, goes to the
Typer application in :mod:`thesis.cli._app`, which ``thesis.cli.app`` names (imported on first
use, so that the command modules' ``from thesis.cli import app`` keeps working).
"""

from __future__ import annotations

import sys
from typing import Any

from thesis.errors import ThesisError

__all__ = ["app", "main", "print_error"]


def __getattr__(name: str) -> Any:
    if name == "app":
        from thesis.cli._app import app

        return app
    raise AttributeError(f"module 'thesis.cli' has no attribute {name!r}")


def main(argv: list[str] | None = None) -> None:
    """Entry point: run a command, print ThesisErrors as one clear message and exit non-zero."""
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["check"]:
        from thesis.cli.check import check_command
        from thesis.cli.fast import call_plain

        # the common case without Typer (its import was a third of the command's start-up) and
        # without its parameter coercion (which imports pydantic); anything it does not parse
        # goes to Typer
        try:
            if call_plain(check_command, args[1:]):
                return
        except ThesisError as e:
            print_error(e)
            sys.exit(2)
        except KeyboardInterrupt:
            print("aborted", file=sys.stderr)
            sys.exit(130)
        except Exception as e:  # as the Typer path says it (thesis.cli._app.run)
            print(
                f"error: unexpected {type(e).__name__}: {e}\n"
                "(run again with --debug for the traceback)",
                file=sys.stderr,
            )
            sys.exit(1)
    from thesis.cli._app import run

    run(args)


def print_error(e: ThesisError) -> None:
    """Print ``e`` as one line on stderr: ``error:`` in bold red, then the message."""
    from rich.console import Console
    from rich.text import Text

    Console(stderr=True).print(Text("error: ", style="bold red") + Text(str(e)))
