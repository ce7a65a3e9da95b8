"""docs/feeds.md cannot drift: every option, setting, feed key, table, column, route and error code is in it."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import click
import typer.main

from sitat.cli import app
from sitat.errors import Errors
from sitat.feeds.api import router
from sitat.feeds.config import Settings

ROOT = Path(__file__).parent.parent.parent
DOC = (ROOT / "docs" / "feeds.md").read_text(encoding="utf-8")
FEED_TABLES = ("feeds", "feed_items", "article_versions")


def test_docs_name_every_watch_option():
    command = typer.main.get_command(app).commands["watch"]
    for param in command.params:
        if isinstance(param, click.Option) and "--help" not in param.opts:
            assert any(f"`{opt}" in DOC for opt in param.opts), f"watch {param.opts} is not in docs/feeds.md"


def test_docs_name_every_setting_and_feed_key():
    example = (ROOT / "examples" / "feeds.toml").read_text(encoding="utf-8")
    for setting in fields(Settings):
        assert f"| `{setting.name}` |" in DOC, f"[watch] {setting.name} is not in docs/feeds.md"
        assert f"\n{setting.name} = " in example, f"[watch] {setting.name} is not in examples/feeds.toml"
    for key in ("url", "outlet", "language", "interval"):
        assert f"| `{key}` |" in DOC


def test_docs_name_every_feed_table_and_column(db):
    for table in FEED_TABLES:
        assert f"`{table}`" in DOC
        for row in db.execute(f"PRAGMA table_info({table})"):
            assert f"`{row[1]}`" in DOC, f"column {table}.{row[1]} is not in docs/feeds.md"


def test_docs_name_every_route():
    for route in router.routes:
        for method in route.methods:
            assert f"`{method} {route.path}`" in DOC


def test_docs_list_every_feed_error_code():
    for code in [name for name in vars(Errors) if re.fullmatch(r"E08\d", name)]:
        assert f"| {code} |" in DOC, f"{code} is not in docs/feeds.md"
