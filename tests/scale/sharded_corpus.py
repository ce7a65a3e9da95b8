"""A small sharded corpus written from our own articles: JSONL with a broken line, JSONL.gz, Parquet."""

from __future__ import annotations

import gzip
import json
from datetime import datetime
from pathlib import Path

ARTICLES = Path(__file__).parent.parent / "articles"
# Short articles of ours in both standards, as corpus records (title line split off).
JSONL_ARTICLES = ["legevakt_nordfjord", "flaum_voss", "torskekvote"]
PARQUET_ARTICLES = ["cupfinale", "strompris"]
BROKEN_LINE = '{"id": "brudd-1", "title": "Avbrote linje", "text": "– Dette var ikkje ferdig, sa\n'
BROKEN_AT = 3  # the broken record is line 3 of the plain JSONL shard


def record(stem: str, n: int) -> dict:
    title, _, body = (ARTICLES / f"{stem}.txt").read_text(encoding="utf-8").partition("\n")
    return {"id": f"arkiv-{stem}", "title": title.strip(), "text": body.strip(), "outlet": "Testavisa",
            "published": f"2024-0{n + 1}-1{n}T08:00:00+01:00", "authors": ["Ola Nordmann"]}


def write_corpus(folder: Path) -> dict[str, Path]:
    """Three shard files under ``folder/corpus`` and, beside it, the Parquet shard's records as
    JSONL for the local engine (which does not read Parquet)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    corpus = folder / "corpus"
    corpus.mkdir()
    lines = [json.dumps(record(stem, n), ensure_ascii=False) + "\n" for n, stem in enumerate(JSONL_ARTICLES)]
    lines.insert(BROKEN_AT - 1, BROKEN_LINE)
    plain = corpus / "a_artikler.jsonl"
    plain.write_text("".join(lines), encoding="utf-8")
    gz = corpus / "b_nyheter.jsonl.gz"
    gz.write_bytes(gzip.compress((ARTICLES / "nyheter.jsonl").read_bytes()))
    records = [record(stem, n) for n, stem in enumerate(PARQUET_ARTICLES)]
    reference = folder / "c_arkiv.jsonl"
    reference.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    table = pa.Table.from_pylist(records)
    # Archives store times as timestamps, not strings: the reader turns them back into ISO 8601.
    published = pa.array([datetime.fromisoformat(r["published"]) for r in records], type=pa.timestamp("s", tz="+01:00"))
    table = table.set_column(table.schema.get_field_index("published"), "published", published)
    parquet = corpus / "c_arkiv.parquet"
    pq.write_table(table, parquet)
    return {"corpus": corpus, "plain": plain, "gz": gz, "parquet": parquet, "parquet_reference": reference}
