"""Messages of the Dask engine, coded like ``sitat.errors.Errors`` (E090-E099)."""

from __future__ import annotations

from ..errors import SitatError


class ScaleError(SitatError):
    """A sharded run that cannot start or go on: bad output folder, no shards, no cluster."""


class ScaleErrors:
    E090 = "E090 {path}: no shards found; give .jsonl, .jsonl.gz, .parquet, .txt or .html files, or a directory of them"
    E091 = ("E091 {path}: this folder holds the results of other inputs ({theirs}); "
            "write to another folder with -o, or delete it to start over")
    E092 = "E092 {path}: not a sitat Parquet folder (no _dataset.json); run `sitat extract --engine dask ... -o {path}` first"
    E093 = "E093 shard {shard} failed after {tries} tries ({reason}); the other shards went on, run again to retry it"
    E094 = "E094 cannot reach the Dask scheduler at {address} ({reason}); is `dask scheduler` running there?"
    E095 = "E095 --engine dask writes a folder of Parquet partitions: give it with -o DIR"
    E096 = "E096 {path}:{line}: Parquet row cannot be read ({reason})"
    E097 = "E097 {path}: not a readable Parquet file ({reason})"
    E098 = "E098 --scheduler and --workers need --engine dask"
