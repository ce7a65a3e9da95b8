"""docs/corpus.md cannot drift: every table, view, column, command option and error code is in it."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
import typer.main

from sitat.cli import app
from sitat.errors import Errors

DOC = (Path(__file__).parent.parent.parent / "docs" / "corpus.md").read_text(encoding="utf-8")


def schema(conn):
    for name, kind in conn.execute("SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view') "
                                   "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts_%'"):
        yield name, [row[1] for row in conn.execute(f"PRAGMA table_info({name})")]


def test_docs_name_every_table_view_and_column(conn):
    for name, columns in schema(conn):
        assert f"`{name}`" in DOC, f"table or view {name} is not in docs/corpus.md"
        for column in columns:
            assert f"`{column}`" in DOC, f"column {name}.{column} is not in docs/corpus.md"


@pytest.mark.parametrize("command", ["ingest", "search"])
def test_docs_name_every_option(command):
    group = typer.main.get_command(app)
    cli = group.commands[command]
    assert f"sitat {command}" in DOC
    for param in cli.params:
        if isinstance(param, click.Option) and "--help" not in param.opts:
            assert any(opt in DOC for opt in param.opts), f"{command} {param.opts} is not in docs/corpus.md"


def test_docs_list_every_corpus_error_code():
    codes = [name for name in vars(Errors) if re.fullmatch(r"E04\d", name)] + ["E057"]
    for code in codes:
        assert code in DOC, f"{code} is not in docs/corpus.md"
