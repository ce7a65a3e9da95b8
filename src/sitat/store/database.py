"""Open the store's SQLite file: the writer's connection (WAL, migrated) or a read-only one."""

from __future__ import annotations

import os
import sqlite3
import unicodedata
from pathlib import Path

from ..errors import Errors, StoreError
from .migrations import MIGRATIONS, applied, migrate

DEFAULT_DB = "sitat.db"
BUSY_TIMEOUT_S = 30.0


def default_path() -> Path:
    """The database file used when none is given: ``$SITAT_DB``, else ``sitat.db`` here."""
    return Path(os.environ.get("SITAT_DB") or DEFAULT_DB)


def normalise_name(name: str) -> str:
    """The identity key of a speaker's name: NFC, casefolded, single spaces (``"Jonas  Gahr STØRE"``
    and ``"jonas gahr støre"`` are one key)."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def _functions(conn: sqlite3.Connection) -> None:
    # SQLite's lower() and NOCASE fold ASCII only; these fold Æ/Ø/Å too.
    conn.create_function("sitat_casefold", 1, lambda v: v.casefold() if isinstance(v, str) else v, deterministic=True)
    # The speaker identity key in SQL, so matching and the aliases file agree with normalise_name.
    conn.create_function("sitat_norm_name", 1, lambda v: normalise_name(v) if isinstance(v, str) else v, deterministic=True)


def _link_old_quotes(conn: sqlite3.Connection) -> None:
    """Once, after migration 0006: link the quotes stored before quote reuse existed."""
    from . import reuse

    if not reuse.needs_rebuild(conn):
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        if reuse.needs_rebuild(conn):  # again inside the lock: another process may have done it
            reuse.rebuild(conn)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def connect(path: str | Path | None = None) -> sqlite3.Connection:
    """The writer's connection: created and migrated if needed, WAL journal, foreign keys on.

    Autocommit mode (``isolation_level=None``): callers open their own ``BEGIN IMMEDIATE``
    transactions, so a batch is either committed whole or not at all, even under ``kill -9``.
    RETURNS (sqlite3.Connection): rows as ``sqlite3.Row``.
    """
    path = Path(path) if path is not None else default_path()
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_S)
    except sqlite3.Error as err:
        raise StoreError(Errors.E051.format(path=path, reason=err)) from None
    try:
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode = WAL")  # readers (Datasette) never block the writer
        conn.execute("PRAGMA synchronous = FULL")  # a commit is on disk before COMMIT returns
        conn.execute("PRAGMA foreign_keys = ON")
        _functions(conn)
        migrate(conn, path=str(path))
        _link_old_quotes(conn)
    except sqlite3.OperationalError as err:
        conn.close()
        if "locked" in str(err) or "busy" in str(err):
            raise StoreError(Errors.E053.format(path=path)) from None
        raise StoreError(Errors.E051.format(path=path, reason=err)) from None
    except sqlite3.DatabaseError as err:
        conn.close()
        raise StoreError(Errors.E051.format(path=path, reason=err)) from None
    except BaseException:
        conn.close()
        raise
    return conn


def connect_readonly(path: str | Path | None = None) -> sqlite3.Connection:
    """A ``mode=ro`` connection to an existing store, as Datasette reads it.

    A store made by an older sitat is migrated first (through a short writer connection).
    """
    path = Path(path) if path is not None else default_path()
    if not path.is_file():
        raise StoreError(Errors.E050.format(path=path))
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
        conn.row_factory = sqlite3.Row
        done = applied(conn)
    except sqlite3.DatabaseError as err:
        raise StoreError(Errors.E051.format(path=path, reason=err)) from None
    if not done:
        conn.close()
        raise StoreError(Errors.E051.format(path=path, reason="it has no sitat_migrations table"))
    if len(done) < len(MIGRATIONS):
        conn.close()
        connect(path).close()
        return connect_readonly(path)
    _functions(conn)
    return conn
