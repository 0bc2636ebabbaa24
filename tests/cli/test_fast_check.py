"""`thesis check` starts without Typer's pydantic coercion: thesis.cli.fast parses plain
arguments exactly as Typer does, and leaves everything else to Typer."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from thesis.cli.check import check_command
from thesis.cli.fast import call_plain, plain_parser
from thesis.cli.params import Arg, Opt, typer_command

ROOT = Path(__file__).resolve().parents[2]


def _recorder(
    argument: Any = typer.Argument, option: Any = typer.Option
) -> tuple[Any, list[dict[str, Any]]]:
    """A command that records what it is called with, its parameters declared with ``argument``
    and ``option``: Typer's own (the default), or :mod:`thesis.cli.params`' ``Arg`` and ``Opt``."""
    seen: list[dict[str, Any]] = []

    def cmd(
        article: str = argument(..., help="a file"),
        date: str | None = option(None, "--date", help="a day"),
        fmt: str = option("table", "--format"),
        out: Path | None = option(None, "--out"),
        lock_timeout: float = option(30.0, "--lock-timeout"),
        count: int = option(3, "--count", "-n"),
    ) -> None:
        seen.append(
            {
                "article": article,
                "date": date,
                "fmt": fmt,
                "out": out,
                "lock_timeout": lock_timeout,
                "count": count,
            }
        )

    return cmd, seen


#: command lines both parsers read (positional, "-", "=" forms, negative numbers, "--")
ARGUMENT_LISTS = [
    ["a.txt"],
    ["-"],
    ["a.txt", "--date", "2025-11", "--format=json", "--out", "x/c.json"],
    ["--lock-timeout", "2.5", "a b.txt", "-n", "7"],
    ["a.txt", "--count", "-2", "--lock-timeout", "1e3"],
    ["--", "--not-an-option.txt"],
]


@pytest.mark.parametrize("args", ARGUMENT_LISTS)
def test_plain_arguments_parse_as_typer_parses_them(args: list[str]) -> None:
    cmd, fast = _recorder()
    assert call_plain(cmd, args)
    cmd2, typed = _recorder()
    app = typer.Typer()
    app.command()(cmd2)
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 0, res.output
    assert fast == typed
    assert [{k: type(v) for k, v in d.items()} for d in fast] == [
        {k: type(v) for k, v in d.items()} for d in typed
    ]


@pytest.mark.parametrize("args", ARGUMENT_LISTS)
def test_declarations_without_typer_parse_as_typer_parses_their_command(args: list[str]) -> None:
    """One declaration (Arg, Opt), two parsers: argparse on the function, Typer on
    typer_command(function); the same values, of the same types, as Typer's own declarations."""
    cmd, fast = _recorder(Arg, Opt)
    assert call_plain(cmd, args)
    cmd2, typed = _recorder(Arg, Opt)
    app = typer.Typer()
    app.command()(typer_command(cmd2))
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 0, res.output
    cmd3, reference = _recorder()
    assert call_plain(cmd3, args)
    assert fast == typed == reference
    assert [{k: type(v) for k, v in d.items()} for d in fast] == [
        {k: type(v) for k, v in d.items()} for d in reference
    ]


def test_typer_command_keeps_the_help_of_typers_own_declarations() -> None:
    cmd, _ = _recorder(Arg, Opt)
    cmd2, _ = _recorder()
    helps = []
    for f in (typer_command(cmd), cmd2):
        app = typer.Typer()
        app.command()(f)
        helps.append(CliRunner().invoke(app, ["--help"], env={"COLUMNS": "100"}).output)
    assert helps[0] == helps[1] and "--lock-timeout" in helps[0]


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["a.txt", "-h"],
        [],  # the missing argument: Typer says so
        ["a.txt", "--lock-timeout", "soon"],
        ["a.txt", "--count", "2.5"],
        ["a.txt", "--unknown", "1"],
        ["a.txt", "--form", "json"],  # no abbreviations (click has none)
        ["a.txt", "b.txt"],
    ],
)
def test_anything_else_is_left_to_typer(args: list[str]) -> None:
    cmd, seen = _recorder()
    assert not call_plain(cmd, args)
    assert seen == []


def test_parameters_it_does_not_model_are_left_to_typer() -> None:
    calls: list[Any] = []

    def flag(article: str = typer.Argument(...), quiet: bool = typer.Option(False)) -> None:
        calls.append(article)

    def env(article: str = typer.Argument(...), k: str = typer.Option("x", envvar="K")) -> None:
        calls.append(article)

    def bounded(n: int = typer.Option(1, min=0)) -> None:
        calls.append(n)

    def checked(p: Path = typer.Option(Path("."), exists=True)) -> None:
        calls.append(p)

    def listed(xs: list[str] = typer.Option([], "--x")) -> None:
        calls.append(xs)

    for f in (flag, env, bounded, checked, listed):
        assert not call_plain(f, ["a.txt"] if f in (flag, env) else [])
    assert calls == []


def test_the_check_command_stays_on_the_fast_path() -> None:
    """A new option on `thesis check` that Typer alone can parse would silently cost the
    command pydantic's import: keep its parameters plain, or change this test knowingly."""
    parser = plain_parser(check_command)
    ns = parser.parse_args(["a.txt", "--format", "json", "--lock-timeout", "5"])
    assert ns.article == "a.txt" and ns.fmt == "json" and ns.lock_timeout == 5.0
    assert ns.extractor == "rules" and ns.store_path is None


def test_check_command_imports_no_pydantic_and_no_other_command(
    market_store, shared_articles
) -> None:
    code = (
        "import sys\nfrom thesis.cli import main\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
        "mods = ('pydantic', 'typer', 'thesis.cli.commands', 'thesis.cli.data', 'thesis.cli.publish')\n"
        "print('LOADED', [m for m in mods if m in sys.modules], file=sys.stderr)"
    )
    art = shared_articles / "001.txt"
    store = str(market_store.path)
    res = subprocess.run(
        [sys.executable, "-c", code, "check", str(art), "--format", "json", "--store", store],
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": ""},
    )
    assert res.returncode == 0, res.stderr
    assert "LOADED []" in res.stderr, res.stderr
    assert json.loads(res.stdout)


def test_full_registration_after_check_keeps_the_order(capsys) -> None:
    """One process may run `check` and then any other command (tests, the web app): the help
    lists the commands as a fresh process does."""
    code = (
        "import sys\nfrom thesis.cli import main\n"
        "def go(a):\n    try:\n        main(a)\n    except SystemExit:\n        pass\n"
        "if sys.argv[1] == 'after':\n    go(['check', '-', '--format', 'bogus'])\n"
        "go(['--help'])\n"
    )
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": "", "COLUMNS": "100"}
    outs = [
        subprocess.run(
            [sys.executable, "-c", code, how], capture_output=True, text=True, env=env
        ).stdout
        for how in ("fresh", "after")
    ]
    assert "calibrate" in outs[0] and "check" in outs[0]
    assert outs[0] == outs[1]
