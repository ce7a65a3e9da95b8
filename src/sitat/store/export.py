"""Export the store's quotes, articles or speakers as CSV, JSON Lines or Parquet, written atomically."""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Iterator

from ..errors import Errors, StoreError

FORMATS = ("csv", "jsonl", "parquet")
# What each export holds: one row per quote (with speaker and article), article or speaker.
QUERIES = {
    "quotes": """SELECT q.id AS quote_id, q.article_id, a.published, a.outlet, a.section, a.title AS article_title,
        a.url, q.type, substr(a.text, q."start" + 1, q."end" - q."start") AS text, q."start", q."end", q.speaker_id,
        s.name AS speaker, s.kind AS speaker_kind,
        coalesce(ap.role, s.role) AS role, coalesce(ap.party, s.party) AS party,
        coalesce(ap.organisation, s.organisation) AS organisation, coalesce(ap.country, s.country) AS country,
        coalesce(ap.gender, s.gender) AS gender,
        CASE WHEN q.mention_start IS NOT NULL THEN substr(a.text, q.mention_start + 1, q.mention_end - q.mention_start) END
            AS mention_text,
        CASE WHEN q.cue_start IS NOT NULL THEN substr(a.text, q.cue_start + 1, q.cue_end - q.cue_start) END AS cue_text,
        q.confidence / 100.0 AS confidence
        -- quote_spans with texts sliced from the joined article: the quotes view would read it three times more
        FROM quote_spans q JOIN articles a ON a.id = q.article_id
        LEFT JOIN speakers s ON s.id = q.speaker_id
        LEFT JOIN article_speakers ap ON ap.article_id = q.article_id AND ap.entity = q.speaker_entity
        ORDER BY q.id""",
    "articles": """SELECT a.id AS article_id, a.source, a.url, a.ext_id, a.title, a.outlet, a.section, a.authors,
        a.published, a.lang, (SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes, a.text
        FROM articles a ORDER BY a.id""",
    "speakers": """SELECT c.speaker_id, c.name, c.kind, c.gender, c.party, c.role, s.organisation, s.country,
        c.quotes, c.articles, c.first_quoted, c.last_quoted
        FROM speaker_counts c JOIN speakers s ON s.id = c.speaker_id ORDER BY c.speaker_id""",
}
WHAT = tuple(QUERIES)


def export_rows(conn: sqlite3.Connection, what: str = "quotes") -> list[dict[str, Any]]:
    """The rows of one export (``quotes``, ``articles`` or ``speakers``) as dicts."""
    if what not in QUERIES:
        raise StoreError(Errors.E061.format(value=what, allowed=", ".join(WHAT)))
    cursor = conn.execute(QUERIES[what])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor]


@contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """A temporary file next to ``path``, renamed onto it when the block ends without error.

    Readers never see a half-written file; on failure the temporary file is removed and ``path``
    is left as it was.
    """
    path = Path(path)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as err:
        raise StoreError(Errors.E066.format(path=path, reason=err.strerror or err)) from None
    os.close(fd)
    tmp = Path(name)
    os.chmod(tmp, 0o644)  # mkstemp makes it private; an export is an ordinary file
    try:
        yield tmp
        os.replace(tmp, path)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise StoreError(Errors.E066.format(path=path, reason=err.strerror or err)) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_text_rows(rows: list[dict[str, Any]], fmt: str, out: IO[str]) -> None:
    """Write rows as CSV (header row first) or JSON Lines to a text stream."""
    if fmt == "csv":
        if not rows:
            return
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def write_parquet(rows: list[dict[str, Any]], path: Path, columns: list[str]) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise StoreError(Errors.E064.format(format="parquet", package="pyarrow")) from None
    table = pa.Table.from_pylist(rows) if rows else pa.table({c: pa.array([], pa.string()) for c in columns})
    pq.write_table(table, path)


def export(conn: sqlite3.Connection, path: str | Path, *, what: str = "quotes", format: str | None = None) -> int:
    """Write one export to ``path`` atomically (temporary file, then rename).

    conn (sqlite3.Connection): a connection to the store (read-only is enough).
    path (str | Path): the file to write.
    what (str): ``quotes``, ``articles`` or ``speakers``.
    format (str | None): ``csv``, ``jsonl`` or ``parquet``; from the file's suffix when None.
    RETURNS (int): the number of rows written.
    DOCS: docs/analytics.md
    """
    path = Path(path)
    fmt = format or path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise StoreError(Errors.E061.format(value=fmt, allowed=", ".join(FORMATS)))
    rows = export_rows(conn, what)
    with atomic_path(path) as tmp:
        if fmt == "parquet":
            columns = [d[0] for d in conn.execute(QUERIES[what] + " LIMIT 0").description]
            write_parquet(rows, tmp, columns)
        else:
            with tmp.open("w", encoding="utf-8", newline="") as out:
                write_text_rows(rows, fmt, out)
    return len(rows)
