"""Source balance for the dashboard, by outlet and by month: computed in the background, cached.

Counting every quote of a large store takes a while (seconds per ten thousand articles), and
the numbers only change when something is written. So the dashboard shows the last numbers
computed for its date range; when the store has changed since, it shows them with their time
and has them recomputed on a background thread (at most every ``MIN_AGE_S``). The very first
time, the page waits a few seconds for them and otherwise says they are on their way.
"""

from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..analytics import stats
from ..store.database import connect_readonly

log = logging.getLogger("sitat.serve")
MAX_ENTRIES = 32
MIN_AGE_S = 60.0  # a store that is being written to is recounted at most this often
FIRST_WAIT_S = 5.0


def _stamp(path: Path) -> tuple:
    """What changes when the store is written: size and mtime of the file and of its WAL."""
    out: list = []
    for p in (path, path.with_name(path.name + "-wal")):
        try:
            st = p.stat()
            out += [st.st_size, st.st_mtime_ns]
        except OSError:
            out += [None, None]
    return tuple(out)


@dataclass
class Balance:
    """``stats`` by outlet and by month for one date range, and when they were counted."""

    by_outlet: dict[str, Any]
    by_month: dict[str, Any]
    computed_at: float
    stamp: tuple
    current: bool = True  # False: the store has changed since; fresh numbers are on their way


class BalanceCache:
    """The dashboard's numbers per (since, until), recomputed on one background thread."""

    def __init__(self, path: Path, *, min_age_s: float = MIN_AGE_S) -> None:
        self.path = path
        self.min_age_s = min_age_s
        self.first_wait_s = FIRST_WAIT_S
        self._entries: dict[tuple, Balance] = {}
        self._running: dict[tuple, Future] = {}
        self._lock = threading.Lock()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sitat-balance")

    def _compute(self, key: tuple, stamp: tuple) -> Balance:
        since, until = key
        conn = connect_readonly(self.path)
        try:
            started = time.perf_counter()
            result = Balance(stats(conn, by="outlet", since=since, until=until),
                             stats(conn, by="month", since=since, until=until), time.time(), stamp)
            log.info("source balance %s counted in %.1f s", key, time.perf_counter() - started)
        finally:
            conn.close()
        with self._lock:
            self._entries[key] = result
            self._running.pop(key, None)
            while len(self._entries) > MAX_ENTRIES:
                self._entries.pop(min(self._entries, key=lambda k: self._entries[k].computed_at))
        return result

    def _start(self, key: tuple, stamp: tuple) -> Future:
        # Called with the lock held.
        future = self._running.get(key)
        if future is None:
            future = self._executor.submit(self._compute, key, stamp)
            future.add_done_callback(lambda f, key=key: self._forget(key, f))
            self._running[key] = future
        return future

    def _forget(self, key: tuple, future: Future) -> None:
        if future.exception() is not None:
            log.error("source balance %s failed: %s", key, future.exception())
        with self._lock:
            if self._running.get(key) is future:
                self._running.pop(key)

    def get(self, *, since: date | None, until: date | None) -> Balance | None:
        """The numbers for this range: current, stale (``current`` False), or None while first counted.

        Errors of the count (a missing store: E050) are raised here the first time.
        """
        key, stamp = (since, until), _stamp(self.path)
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and (entry.stamp == stamp or time.time() - entry.computed_at < self.min_age_s):
                return Balance(entry.by_outlet, entry.by_month, entry.computed_at, entry.stamp, entry.stamp == stamp)
            future = self._start(key, stamp)
        if entry is not None:
            return Balance(entry.by_outlet, entry.by_month, entry.computed_at, entry.stamp, False)
        try:
            return future.result(timeout=self.first_wait_s)
        except FutureTimeout:
            return None
