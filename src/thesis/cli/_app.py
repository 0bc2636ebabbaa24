"""The Typer application of the command line (see :mod:`thesis.cli`).

Sub-command groups live in their own modules (``data``, ``portfolio``) and are imported lazily where
they would pull in heavy libraries, so that ``thesis --help`` starts fast.
"""

from __future__ import annotations

import sys

import typer

from thesis.cli import print_error
from thesis.errors import ThesisError

app = typer.Typer(
    name="thesis",
    help="Turn a market thesis into evidence, numbers and a written outlook that can be trusted.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)

_DEBUG = False


@app.callback()
def _root(
    debug: bool = typer.Option(False, "--debug", help="Show the full traceback on errors."),
) -> None:
    global _DEBUG
    _DEBUG = debug


#: what has been added to ``app``: None, "check" (that command alone) or "all"
_REGISTERED: str | None = None


def _register(command: str | None = None) -> None:
    """Add the commands to ``app``, once per process.

    ``command="check"`` adds that command alone: `thesis check` is a command people run on one
    article at a time, and registering every group imports each command module and builds every
    command's parameters (about a sixth of its start-up). Any other command, ``--help`` or an
    unknown name registers everything, in the same order whatever was registered before.
    """
    global _REGISTERED
    if _REGISTERED == "all" or (command == "check" and _REGISTERED == "check"):
        return
    from thesis.cli.check import check_command
    from thesis.cli.params import typer_command

    if command == "check":
        app.command("check")(typer_command(check_command))
        _REGISTERED = "check"
        return
    if _REGISTERED == "check":  # re-added below, where a full registration puts it
        app.registered_commands[:] = [
            c
            for c in app.registered_commands
            if getattr(c.callback, "__wrapped__", c.callback) is not check_command
        ]
    from thesis.cli import (  # noqa: F401  (each module defines its commands on `app`)
        batch,
        commands,
        screen,
    )
    from thesis.cli.data import app as data_app

    app.command("check")(typer_command(check_command))

    app.add_typer(
        data_app, name="data", help="The market data store: list, show, import, update, bundle."
    )
    from thesis.cli.publish import events_app, publish_app  # also defines calendar, serve

    app.add_typer(
        publish_app, name="publish", help="Deliver runs: the newsletter (email) and the site."
    )
    app.add_typer(
        events_app, name="events", help="Release, earnings and filing dates: import, list."
    )
    try:
        from thesis.cli.portfolio import app as portfolio_app
    except ModuleNotFoundError as e:
        if e.name != "thesis.cli.portfolio":
            raise
    else:
        app.add_typer(
            portfolio_app,
            name="portfolio",
            help="Backtest, stress and tearsheet of the thesis portfolio.",
        )
    _REGISTERED = "all"


def run(args: list[str]) -> None:
    """Run the Typer app on ``args``; print ThesisErrors as one clear message and exit non-zero."""
    debug = "--debug" in args
    _register("check" if args[:1] == ["check"] else None)
    try:
        # without standalone mode click returns a command's exit code instead of exiting
        rc = app(args=args, standalone_mode=False)
        if isinstance(rc, int) and not isinstance(rc, bool) and rc:
            sys.exit(rc)
    except ThesisError as e:
        if debug:
            raise
        print_error(e)
        sys.exit(2)
    except (typer.Abort, KeyboardInterrupt):
        print("aborted", file=sys.stderr)
        sys.exit(130)
    except typer.Exit as e:
        sys.exit(e.exit_code)
    except SystemExit:
        raise
    except Exception as e:
        # usage errors (typer's vendored click exceptions) arrive here in standalone_mode=False
        if isinstance(e, typer.TyperException) and hasattr(e, "show"):
            e.show()
            sys.exit(getattr(e, "exit_code", 2))
        if debug:
            raise
        print(
            f"error: unexpected {type(e).__name__}: {e}\n(run again with --debug for the traceback)",
            file=sys.stderr,
        )
        sys.exit(1)
