"""`check_command` through Typer (as `thesis.cli` registers it: its parameters are declared
without Typer, `typer_command` makes the Typer command), with the store in $THESIS_HOME."""

from __future__ import annotations

import json
import shutil

import typer
from typer.testing import CliRunner

from thesis.cli.check import check_command
from thesis.cli.params import typer_command


def _app() -> typer.Typer:
    app = typer.Typer()
    app.command("check")(typer_command(check_command))
    return app


def test_cli_json_html_and_table(claims_store, shared_articles, tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    shutil.copy(claims_store.path, home / "market.duckdb")
    monkeypatch.setenv("THESIS_HOME", str(home))
    runner = CliRunner()
    art = str(shared_articles / "001-full.txt")
    r = runner.invoke(_app(), [art, "--format", "json", "--out", str(tmp_path / "c.json")])
    assert r.exit_code == 0, r.output
    data = json.loads((tmp_path / "c.json").read_text())
    assert any(d["verdict"] == "contradicted" and "7,269" in d["quote"] for d in data)
    r = runner.invoke(_app(), [art, "--format", "html", "--out", str(tmp_path / "c.html")])
    assert r.exit_code == 0 and "<mark" in (tmp_path / "c.html").read_text()
    r = runner.invoke(_app(), [art, "--date", "2025-11-26"])
    assert r.exit_code == 0 and "contradicted" in r.output


def test_cli_bad_format_names_option(shared_articles):
    from thesis.errors import CheckError

    r = CliRunner().invoke(_app(), [str(shared_articles / "001.txt"), "--format", "pdf"])
    assert isinstance(r.exception, CheckError) and "--format" in str(r.exception)
