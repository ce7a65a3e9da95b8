"""Map a function over tasks in worker processes: results in input order, a bounded queue.

spaCy runs one core per process, so using every core means processes. Each worker loads the
pipeline once (the initializer) and keeps it. Tasks are read from the iterable only as results
are taken, so a stream of millions of articles never sits in memory. Workers are started with
one thread for the native maths libraries: two workers each spinning two OpenBLAS threads on two
cores would fight over them.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Any, Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Native libraries that read their thread count from the environment when they load.
THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")


class WorkersFailed(RuntimeError):
    """A worker process died before it could finish its task."""


def can_start_workers() -> bool:
    """True when worker processes would help and may be started from here.

    One core gains nothing; a daemonic process (a multiprocessing or Dask worker) may not have
    children of its own.
    """
    return available_cores() > 1 and not multiprocessing.current_process().daemon


def available_cores() -> int:
    """Cores this process may run on (the affinity mask where the OS has one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS and Windows
        return max(1, os.cpu_count() or 1)


def ordered_map(func: Callable[[T], R], tasks: Iterable[T], *, workers: int,
                initializer: Callable[..., Any] | None = None, initargs: tuple = (),
                in_flight: int | None = None) -> Iterator[R]:
    """``map(func, tasks)`` over ``workers`` processes, yielding results in task order.

    func (Callable): a module-level function (it is pickled by name).
    tasks (Iterable): its arguments, consumed lazily.
    workers (int): processes to start (at least 1).
    initializer (Callable | None): run once in every worker before its first task.
    in_flight (int | None): tasks submitted ahead of the one being waited on; 2 per worker
        by default, enough to keep every worker busy while the caller handles a result.
    RETURNS (Iterator): the results; an exception in a task is raised here, for that task,
        and WorkersFailed when a worker process dies (killed, out of memory, failed to start).
    """
    if workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    ahead = in_flight or 2 * workers
    tasks = iter(tasks)
    pending: deque[Future] = deque()
    # "spawn": a fresh interpreter per worker. Forking a process that already runs BLAS
    # threads (or holds the pipeline) is fragile and would copy whatever the parent holds.
    context = multiprocessing.get_context("spawn")
    with _one_native_thread():
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                   initializer=initializer, initargs=initargs)
        # Workers start as tasks arrive: fill the queue while the environment is set.
        _submit(pool, func, tasks, pending, ahead)
    try:
        while pending:
            try:
                result = pending.popleft().result()
            except BrokenProcessPool as err:
                raise WorkersFailed(f"a worker process stopped unexpectedly ({err})") from err
            _submit(pool, func, tasks, pending, ahead)
            yield result
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _submit(pool: ProcessPoolExecutor, func: Callable, tasks: Iterator, pending: deque, ahead: int) -> None:
    while len(pending) < ahead:
        try:
            task = next(tasks)
        except StopIteration:
            return
        pending.append(pool.submit(func, task))


@contextmanager
def _one_native_thread() -> Iterator[None]:
    """Child processes started inside see one thread per native library (unless set already)."""
    saved = {name: os.environ.get(name) for name in THREAD_VARIABLES}
    for name, value in saved.items():
        if value is None:
            os.environ[name] = "1"
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
