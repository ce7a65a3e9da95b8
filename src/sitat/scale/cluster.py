"""Connect to a Dask cluster, or start one on this machine, with the pipeline loader on every worker."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from .messages import ScaleError, ScaleErrors
from .worker import PipelineLoader

CONNECT_TIMEOUT_S = 30


@contextmanager
def open_client(*, scheduler: str | None = None, workers: int | None = None,
                memory_limit: str | None = None) -> Iterator:
    """A ``distributed.Client``: to the scheduler at ``scheduler``, else to a LocalCluster of
    ``workers`` processes with one thread each (spaCy is not faster with threads; processes also
    keep one worker's memory apart from the others').

    scheduler (str | None): e.g. ``tcp://10.0.0.5:8786``; its workers must have sitat installed.
    workers (int | None): worker processes of the local cluster (default: the machine's cores).
    memory_limit (str | None): per local worker, e.g. ``"2GiB"`` (default: Dask's share of the RAM).
    DOCS: docs/scaling.md
    """
    from distributed import Client, LocalCluster

    cluster = None
    if scheduler:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT_S)
        except (OSError, TimeoutError) as err:
            raise ScaleError(ScaleErrors.E094.format(address=scheduler, reason=f"{type(err).__name__}: {err}")) from None
    else:
        cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                               dashboard_address=None, memory_limit=memory_limit or "auto")
        client = Client(cluster)
    try:
        client.register_plugin(PipelineLoader(), name=PipelineLoader.name)
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
