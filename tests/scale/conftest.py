"""A small sharded corpus (JSONL, JSONL.gz with a broken line, Parquet) and one two-worker
LocalCluster shared by every test here: cluster start and the model load per worker are paid once."""

from __future__ import annotations

from pathlib import Path

import pytest
from sharded_corpus import write_corpus


@pytest.fixture(scope="session")
def sharded(tmp_path_factory) -> dict[str, Path]:
    return write_corpus(tmp_path_factory.mktemp("sharded"))


@pytest.fixture(scope="session")
def extract_nlp():
    """The pipeline as `sitat extract` loads it (cached per process, shared with other tests)."""
    from sitat.extract import UNUSED_COMPONENTS
    from sitat.language import load

    return load(exclude=UNUSED_COMPONENTS)


@pytest.fixture(scope="session")
def client():
    """A LocalCluster of two worker processes, one thread each, the pipeline loaded on both."""
    from sitat.scale.cluster import open_client

    with open_client(workers=2, memory_limit="2GiB") as dask_client:
        yield dask_client
