"""Open a store for reading only: ``mode=ro``, never created, never written."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..errors import Errors, StoreError
from ..store.database import connect_readonly, default_path


def open_readonly(path: str | Path | None = None) -> sqlite3.Connection:
    """A ``mode=ro`` connection to an existing store; E060 when there is no file.

    path (str | Path | None): the database; ``$SITAT_DB`` or ``sitat.db`` when None.
    RETURNS (sqlite3.Connection): rows as ``sqlite3.Row``.
    DOCS: docs/analytics.md
    """
    path = Path(path) if path is not None else default_path()
    if not path.is_file():
        raise StoreError(Errors.E060.format(path=path))
    return connect_readonly(path)
