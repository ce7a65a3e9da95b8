"""Archive scale: sharded corpora on a Dask cluster, written as Parquet partitions."""

from .dataset import read_articles, read_pairs
from .load import load_into_store
from .run import MapReport, map_corpus
from .shards import Shard, plan_shards

__all__ = ["MapReport", "Shard", "load_into_store", "map_corpus", "plan_shards", "read_articles", "read_pairs"]
