"""Shards: the unit of work of the Dask engine, and how each one is read.

A shard is a bounded run of records of one corpus file (``.jsonl``, ``.jsonl.gz``, ``.parquet``),
or a group of loose article files (``.txt``, ``.html``). Large corpus files are cut into chunks of
``chunk_size`` records at fixed positions (0, chunk_size, 2*chunk_size, ...), so a chunk keeps its
name when the file grows and a re-run redoes only what changed.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..errors import Errors, InputError
from ..read.files import HTML_SUFFIXES, TEXT_SUFFIXES, expand_paths, iter_inputs
from ..read.inputs import MAX_BYTES, ArticleInput

# _lines and _open are the JSONL reader's own: chunks read lines exactly as `sitat extract` does.
from ..read.jsonl import (
    SNIFF_BYTES,
    _lines,
    _open,
    is_jsonl,
    parse_record,
    record_to_input,
)
from .messages import ScaleError, ScaleErrors

DEFAULT_CHUNK_SIZE = 2000  # records per task: minutes of work for one worker, small enough to retry
PARQUET_SUFFIX = ".parquet"
PARQUET_BATCH_ROWS = 1024


@dataclass(frozen=True)
class Shard:
    """One task's input: records ``start`` (inclusive) to ``stop`` (exclusive) of ``paths[0]``,
    or, for ``kind == "files"``, every file in ``paths``.

    kind (str): ``"jsonl"`` (plain or gzipped), ``"parquet"`` or ``"files"``.
    paths (tuple[str, ...]): the file(s) as given on the command line (sources keep this spelling).
    start, stop (int): the record range, counted from 0 (JSONL: physical lines; Parquet: rows).
    root (str): the planning process's working directory: a worker elsewhere opens relative paths
        from there, while sources and messages keep the spelling the user gave.
    """

    kind: str
    paths: tuple[str, ...]
    start: int = 0
    stop: int = 0
    root: str = ""

    def located(self, path: str) -> str:
        """Where a worker opens ``path``."""
        return path if not self.root or Path(path).is_absolute() else str(Path(self.root) / path)

    @property
    def name(self) -> str:
        """A stable, file-system safe name: readable stem, first record and a digest of the path(s)."""
        digest = hashlib.sha1("\0".join([self.kind, str(self.start), *map(_resolved, self.paths)]).encode()).hexdigest()
        stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", Path(self.paths[0]).name)[:40]
        return f"{stem}-{self.start:09d}-{digest[:10]}"

    def fingerprint(self, extractor: str) -> str:
        """Changes when an input file changes (size or mtime), the range changes, or the extractor does."""
        files = []
        for path in self.paths:
            try:
                stat = Path(path).stat()
                files.append([_resolved(path), stat.st_size, stat.st_mtime_ns])
            except OSError:
                files.append([_resolved(path), None, None])
        payload = json.dumps([self.kind, self.start, self.stop, files, extractor])
        return hashlib.sha256(payload.encode()).hexdigest()

    def describe(self) -> str:
        """``corpus.jsonl.gz lines 2001-4000`` / ``3 files from tests/articles/a.txt``, for messages."""
        if self.kind == "files":
            return f"{len(self.paths)} file(s) from {self.paths[0]}"
        unit = "rows" if self.kind == "parquet" else "lines"
        return f"{self.paths[0]} {unit} {self.start + 1}-{self.stop}"


def _resolved(path: str) -> str:
    return str(Path(path).resolve())


def _shard_file(path: Path) -> bool:
    return is_jsonl(path) or path.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES | {PARQUET_SUFFIX}


def input_files(paths: list[str]) -> Iterator[str]:
    """Files under ``paths`` in the order the local engine reads them: directories walked sorted,
    globs expanded. Parquet files are picked up too."""
    for raw in paths:
        if raw != "-" and Path(raw).is_dir():
            for child in sorted(Path(raw).rglob("*")):
                if child.is_file() and _shard_file(child):
                    yield str(child)
        else:
            yield from expand_paths([raw])


def count_records(kind: str, path: str) -> int:
    """Lines of a JSONL file (blank ones too: ranges are physical lines) or rows of a Parquet file.

    An unreadable file counts the lines read before the damage plus one, so the last chunk reaches
    the damage and its reader reports it (E046, E097) with the line it happened at.
    """
    lines = 0
    try:
        if kind == "parquet":
            import pyarrow.parquet as pq

            return pq.ParquetFile(path).metadata.num_rows
        last = b"\n"
        with _open(Path(path)) as stream:
            while block := stream.read(1 << 22):
                lines += block.count(b"\n")
                last = block[-1:]
        return lines + (last != b"\n")  # a last line without newline counts too
    except Exception:  # noqa: BLE001 - any damage: see above
        return lines + 1


def plan_shards(paths: list[str], *, chunk_size: int = DEFAULT_CHUNK_SIZE) -> list[Shard]:
    """The shards of ``paths``, in reading order.

    paths (list[str]): files, directories, globs.
    chunk_size (int): records per shard of a corpus file, and loose files per shard.
    RETURNS (list[Shard]): never empty; ScaleError (E090) when there is nothing to read.
    """
    shards: list[Shard] = []
    loose: list[str] = []
    root = str(Path.cwd())

    def flush_loose() -> None:
        for n in range(0, len(loose), chunk_size):
            shards.append(Shard("files", tuple(loose[n : n + chunk_size]), root=root))
        loose.clear()

    for path in input_files(paths):
        if path == "-":
            raise ScaleError(ScaleErrors.E090.format(path="- (stdin cannot be sharded)"))
        kind = "parquet" if path.lower().endswith(PARQUET_SUFFIX) else "jsonl" if is_jsonl(path) else None
        if kind is None:
            loose.append(path)
            continue
        flush_loose()
        total = count_records(kind, path)
        for start in range(0, max(total, 1), chunk_size):
            shards.append(Shard(kind, (path,), start, max(min(start + chunk_size, total), 1), root=root))
    flush_loose()
    if not shards:
        raise ScaleError(ScaleErrors.E090.format(path=", ".join(paths)))
    return shards


def read_shard(shard: Shard, *, max_bytes: int = MAX_BYTES) -> Iterator[tuple[int, ArticleInput | InputError]]:
    """``(record number, article or its error)`` for each record of the shard; never raises for bad input.

    Record numbers are 1-based lines (JSONL), rows (Parquet) or positions in the file group, and
    sources read as the local engine names them (``path:line``), so results compare one to one.
    """
    if shard.kind == "jsonl":
        yield from _read_jsonl_range(shard.paths[0], shard.start, shard.stop, max_bytes=max_bytes,
                                     located=shard.located(shard.paths[0]))
    elif shard.kind == "parquet":
        yield from _read_parquet_range(shard.paths[0], shard.start, shard.stop, located=shard.located(shard.paths[0]))
    else:
        for n, path in enumerate(shard.paths, 1):
            located = shard.located(path)
            for item in iter_inputs([located], max_bytes=max_bytes):
                if located == path:
                    yield n, item
                elif isinstance(item, ArticleInput):
                    item.source = path
                    yield n, item
                else:  # the file readers name the path they opened: name it as the user did
                    yield n, InputError(str(item).replace(located, path))


def _read_jsonl_range(path: str, start: int, stop: int, *, max_bytes: int,
                      located: str) -> Iterator[tuple[int, ArticleInput | InputError]]:
    """Lines ``start+1`` to ``stop`` of a JSONL corpus, each checked as ``read.jsonl`` checks it
    (same line reader, same messages); file-level problems are reported by the first chunk only."""
    p = Path(located)
    if not p.exists():
        if start == 0:
            yield 0, InputError(Errors.E010.format(path=path))
        return
    line = start
    try:
        with _open(p) as stream:
            head = stream.peek(SNIFF_BYTES)[:SNIFF_BYTES]  # type: ignore[attr-defined]
            if b"\x00" in head:
                if start == 0:
                    yield 0, InputError(Errors.E012.format(path=path, pos=head.find(b"\x00")))
                return
            for line, data, size in _lines(stream, max_bytes):
                if line <= start:
                    continue  # only read past: nothing before the chunk is parsed
                if line > stop:
                    return
                if data is None:
                    yield line, InputError(Errors.E044.format(path=path, line=line, size=size, limit=max_bytes))
                elif data.strip():
                    try:
                        yield line, parse_record(data, path=path, line=line)
                    except InputError as err:
                        yield line, err
    except (gzip.BadGzipFile, EOFError, zlib.error) as err:
        yield line, InputError(Errors.E046.format(path=path, line=line, reason=str(err) or type(err).__name__))
    except OSError as err:
        yield line, InputError(Errors.E014.format(path=path, reason=err.strerror or err))


def _parquet_value(value: Any) -> Any:
    """Parquet types -> the JSON types the record checks expect (timestamps -> ISO strings)."""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def _read_parquet_range(path: str, start: int, stop: int, *, located: str) -> Iterator[tuple[int, ArticleInput | InputError]]:
    """Rows ``start+1`` to ``stop`` of a Parquet file with the JSONL record's columns."""
    try:
        import pyarrow.parquet as pq

        table = pq.ParquetFile(located)
        row = 0
        for batch in table.iter_batches(batch_size=PARQUET_BATCH_ROWS):
            if row + batch.num_rows <= start:
                row += batch.num_rows
                continue
            for record in batch.to_pylist():
                row += 1
                if row <= start:
                    continue
                if row > stop:
                    return
                try:
                    clean = {k: _parquet_value(v) for k, v in record.items()}
                    yield row, record_to_input(clean, path=path, line=row)
                except InputError as err:
                    yield row, err
                except Exception as err:  # noqa: BLE001 - a value no reader expected: this row only
                    yield row, InputError(ScaleErrors.E096.format(path=path, line=row, reason=f"{type(err).__name__}: {err}"))
    except FileNotFoundError:
        yield 0, InputError(Errors.E010.format(path=path))
    except Exception as err:  # noqa: BLE001 - not Parquet, truncated, unreadable
        yield 0, InputError(ScaleErrors.E097.format(path=path, reason=f"{type(err).__name__}: {err}"))


def content_digest(shard: Shard, extractor: str) -> str:
    """sha256 over the shard's raw input (the bytes of its JSONL lines, its files, or for Parquet the
    file's size and time) and the extractor: a worker compares it with the done marker, so a shard
    whose file changed elsewhere (a record appended) is not extracted again."""
    digest = hashlib.sha256(extractor.encode())
    try:
        if shard.kind == "jsonl":
            with _open(Path(shard.located(shard.paths[0]))) as stream:
                for line, data in enumerate(stream, 1):
                    if line > shard.stop:
                        break
                    if line > shard.start:
                        digest.update(data)
        else:
            for path in shard.paths:
                located = Path(shard.located(path))
                if shard.kind == "files":
                    digest.update(hashlib.sha256(located.read_bytes()).digest())
                else:
                    stat = located.stat()
                    digest.update(f"{stat.st_size}:{stat.st_mtime_ns}".encode())
    except Exception:  # noqa: BLE001 - unreadable: never equal to a finished shard's digest
        return ""
    return digest.hexdigest()
