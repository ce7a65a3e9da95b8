"""Read-only connections to the store, one per worker thread (``mode=ro``: queries never write)."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from ..store.database import connect_readonly


class ReadOnlyStore:
    """Hands each thread its own ``mode=ro`` connection to ``path``, opened on first use.

    SQLite connections may not cross threads, and opening one per request costs a migration
    check each time; a connection per worker thread costs neither. WAL mode gives every query a
    consistent snapshot, so readers see what an ingest has committed and never block it.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._lock = threading.Lock()
        self._all: list[sqlite3.Connection] = []

    def connection(self) -> sqlite3.Connection:
        """This thread's connection; StoreError E050/E051 when there is no usable store."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = connect_readonly(self.path)
            # Query threads may be reused by other requests; the connection stays in one thread.
            self._local.conn = conn
            with self._lock:
                self._all.append(conn)
        return conn

    def close(self) -> None:
        """Close every connection (at shutdown; threads that still run reopen on next use)."""
        with self._lock:
            conns, self._all = self._all, []
        for conn in conns:
            try:
                conn.close()
            except sqlite3.ProgrammingError:
                pass  # closed from another thread than the one that made it: SQLite refuses, harmless at exit
        self._local = threading.local()


class ThreadConnection:
    """Stands in for a connection and uses the calling thread's own one at each call.

    FastAPI may run a sync dependency and the sync endpoint that uses it on two different pool
    threads, and an SQLite connection refuses to cross threads; so the dependency hands out this
    proxy and the connection is picked where the query runs.
    """

    def __init__(self, store: ReadOnlyStore) -> None:
        self._store = store

    def __getattr__(self, name: str):
        return getattr(self._store.connection(), name)
