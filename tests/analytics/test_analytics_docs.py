"""docs/analytics.md cannot drift: every command, option, error code, dimension and role type is in it."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
import typer.main

from sitat.analytics import DIMENSIONS, GROUPINGS
from sitat.analytics.buckets import GENDERS, ROLE_TYPES
from sitat.cli import app
from sitat.errors import Errors

DOC = (Path(__file__).parent.parent.parent / "docs" / "analytics.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", ["stats", "speakers", "speaker", "export"])
def test_docs_name_every_analytics_option(command):
    cli = typer.main.get_command(app).commands[command]
    assert f"sitat {command}" in DOC
    for param in cli.params:
        if isinstance(param, click.Option) and "--help" not in param.opts:
            assert any(opt in DOC for opt in param.opts), f"{command} {param.opts} is not in docs/analytics.md"


def test_docs_list_every_analytics_error_code():
    for code in [name for name in vars(Errors) if re.fullmatch(r"E06\d", name)]:
        assert f"| {code} |" in DOC, f"{code} is not in docs/analytics.md"


def test_docs_name_every_dimension_value_and_grouping():
    for name in (*DIMENSIONS, *GENDERS, *ROLE_TYPES, *GROUPINGS, "quote_share", "source_share", "anonymous_quotes"):
        assert f"`{name}`" in DOC, f"{name} is not in docs/analytics.md"
