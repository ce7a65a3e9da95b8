"""The output folder: one Parquet file per shard and table, a done marker per shard, the shard list.

```
OUT/_dataset.json              inputs, chunk size and the shards in reading order (written by the client)
OUT/articles/<shard>.parquet   one file per shard in each of articles/, quotes/, speakers/, mentions/
OUT/_done/<shard>.json         written last: fingerprint, counts, bad records of the shard
```

A shard's files are written to hidden temporary names and renamed into place; its done marker is
removed before and written after, so a shard without a marker (or with a stale fingerprint) is
simply done again. Globs such as ``OUT/quotes/*.parquet`` never see a temporary file.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..article import Article
from ..read.inputs import ArticleInput
from .messages import ScaleError, ScaleErrors
from .shards import Shard
from .tables import TABLES, rebuild

DATASET_FILE = "_dataset.json"
DONE_DIR = "_done"
FORMAT_VERSION = 1


@dataclass
class ShardResult:
    """What one finished shard holds, as its done marker records it."""

    shard: str
    fingerprint: str
    describe: str
    articles: int = 0
    quotes: int = 0
    words: int = 0
    seconds: float = 0.0
    worker: str = ""
    errors: list[str] = field(default_factory=list)
    content: str = ""  # shards.content_digest of the input it was made from
    reused: bool = False  # this run found the input unchanged and kept the files


def _atomic_write_text(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def done_path(out: Path, shard: str) -> Path:
    return out / DONE_DIR / f"{shard}.json"


def read_done(out: Path, shard: str) -> ShardResult | None:
    """The shard's done marker, or None when it is not finished (or the marker is unreadable)."""
    try:
        return ShardResult(**json.loads(done_path(out, shard).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def has_files(out: Path, shard: str) -> bool:
    return all((out / table / f"{shard}.parquet").is_file() for table in TABLES)


def is_finished(out: Path, shard: Shard, fingerprint: str) -> bool:
    """Finished with this very input and extractor: a re-run may skip it."""
    done = read_done(out, shard.name)
    return done is not None and done.fingerprint == fingerprint and has_files(out, shard.name)


def reuse(out: Path, shard: Shard, fingerprint: str, content: str) -> ShardResult | None:
    """When the shard's input bytes are those it was made from (its file changed elsewhere), keep its
    files and record the new fingerprint; RETURNS the updated result, or None to extract again."""
    done = read_done(out, shard.name)
    if done is None or not content or done.content != content or not has_files(out, shard.name):
        return None
    done.fingerprint = fingerprint
    _atomic_write_text(done_path(out, shard.name), json.dumps(asdict(done), ensure_ascii=False, indent=1))
    done.reused = True
    return done


def write_shard(out: Path, result: ShardResult, tables: dict[str, Any]) -> None:
    """Write one shard's tables and then its done marker, each file atomically (tmp + rename)."""
    import pyarrow.parquet as pq

    marker = done_path(out, result.shard)
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.unlink(missing_ok=True)  # from here until the end the shard counts as not done
    for name in TABLES:
        folder = out / name
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{result.shard}.parquet.tmp"
        pq.write_table(tables[name], tmp, compression="zstd")
        os.replace(tmp, folder / f"{result.shard}.parquet")
    _atomic_write_text(marker, json.dumps(asdict(result), ensure_ascii=False, indent=1))


def prepare(out: Path, inputs: list[str], chunk_size: int, shards: list[Shard]) -> list[str]:
    """Claim ``out`` for these inputs and record the shard order; RETURNS the stale shards removed.

    A folder made from other inputs or another chunk size is refused (E091) rather than mixed.
    Shards no longer in the plan (a file deleted from the input folder) are removed, so globs over
    the folder count each article once.
    """
    spec = {"format": FORMAT_VERSION, "inputs": sorted(str(Path(p).resolve()) for p in inputs), "chunk_size": chunk_size}
    meta = out / DATASET_FILE
    if meta.is_file():
        try:
            theirs = json.loads(meta.read_text(encoding="utf-8"))
        except ValueError:
            theirs = {}
        if {k: theirs.get(k) for k in spec} != spec:
            raise ScaleError(ScaleErrors.E091.format(path=out, theirs=", ".join(theirs.get("inputs") or ["?"])
                                                     + f"; chunk size {theirs.get('chunk_size')}"))
    elif out.exists() and any(out.iterdir()):
        raise ScaleError(ScaleErrors.E091.format(path=out, theirs="files that are not sitat's"))
    out.mkdir(parents=True, exist_ok=True)
    names = [s.name for s in shards]
    stale = sorted({p.stem for p in (out / DONE_DIR).glob("*.json")} - set(names)) if (out / DONE_DIR).is_dir() else []
    for name in stale:
        done_path(out, name).unlink(missing_ok=True)
        for table in TABLES:
            (out / table / f"{name}.parquet").unlink(missing_ok=True)
    _atomic_write_text(meta, json.dumps(spec | {"shards": names, "describe": [s.describe() for s in shards]},
                                        ensure_ascii=False, indent=1))
    return stale


def shard_names(out: Path) -> list[str]:
    """The shards of a folder in reading order (E092 when it is not one of ours)."""
    try:
        return list(json.loads((out / DATASET_FILE).read_text(encoding="utf-8"))["shards"])
    except (OSError, ValueError, KeyError):
        raise ScaleError(ScaleErrors.E092.format(path=out)) from None


def read_shard_tables(out: Path, shard: str) -> dict[str, list[dict[str, Any]]]:
    import pyarrow.parquet as pq

    return {name: pq.read_table(out / name / f"{shard}.parquet").to_pylist() for name in TABLES}


def read_pairs(out: str | Path) -> Iterator[tuple[ArticleInput, Article]]:
    """Every article of a finished Parquet folder, with the input it came from, in reading order.

    out (str | Path): the folder ``sitat extract --engine dask -o`` wrote.
    RETURNS (Iterator[tuple[ArticleInput, Article]]): unfinished shards are left out.
    DOCS: docs/scaling.md
    """
    out = Path(out)
    for name in shard_names(out):
        if read_done(out, name) is None:
            continue
        yield from rebuild(read_shard_tables(out, name))


def read_articles(out: str | Path) -> Iterator[Article]:
    """Every article of a finished Parquet folder, as ``sitat.extract`` returns them.

    DOCS: docs/scaling.md
    """
    for _item, article in read_pairs(out):
        yield article
