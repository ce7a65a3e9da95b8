"""The Dask engine on a two-worker LocalCluster: the same quotes as the local engine, bad records
reported by file:line, finished shards skipped on a re-run, failed shards retried and reported,
and the reduce step (loading into the store) giving the store `sitat ingest` gives."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sharded_corpus import BROKEN_AT

import sitat
from sitat.extract import extract_many
from sitat.read.files import iter_inputs
from sitat.scale import load_into_store, map_corpus, read_articles, read_pairs
from sitat.scale.dataset import DONE_DIR

pytestmark = pytest.mark.model
CHUNK = 2  # records per shard: the 4-line JSONL and 3-line JSONL.gz shards are cut in two each


def local_articles(paths: list[Path], nlp) -> list[dict]:
    """What `sitat extract --format jsonl` gives for ``paths``."""
    items = [i for i in iter_inputs([str(p) for p in paths]) if not isinstance(i, Exception)]
    return [a.to_dict() for a in extract_many(items, nlp=nlp)]


def without_source(article: dict) -> dict:
    return {k: v for k, v in article.items() if k != "source"}


@pytest.fixture(scope="module")
def mapped(sharded, client, tmp_path_factory):
    out = tmp_path_factory.mktemp("mapped") / "parquet"
    report = map_corpus([str(sharded["corpus"])], out, client=client, chunk_size=CHUNK)
    return out, report


def test_dask_run_matches_local_engine(sharded, mapped, extract_nlp, client):
    out, report = mapped
    assert len(client.scheduler_info()["workers"]) == 2
    assert (report.shards, report.done, report.skipped, report.failed) == (5, 5, 0, 0)
    got = [a.to_dict() for a in read_articles(out)]
    want = local_articles([sharded["plain"], sharded["gz"]], extract_nlp)
    assert got[: len(want)] == want  # same order, sources (path:line), quotes, offsets, speakers
    assert sum(len(a["quotes"]) for a in want) >= 10
    # Parquet rows are records of their own; compare them with the same records read as JSONL.
    from_parquet = [without_source(a) for a in got[len(want):]]
    assert from_parquet == [without_source(a) for a in local_articles([sharded["parquet_reference"]], extract_nlp)]
    assert [a["source"] for a in got[len(want):]] == [f"{sharded['parquet']}:1", f"{sharded['parquet']}:2"]


def test_bad_record_is_reported_with_file_and_line_and_the_shard_goes_on(sharded, mapped):
    out, report = mapped
    assert len(report.errors) == 1
    assert report.errors[0].startswith(f"E040 {sharded['plain']}:{BROKEN_AT}: not valid JSON (Unterminated string")
    done = json.loads(next((out / DONE_DIR).glob("a_artikler.jsonl-000000002-*.json")).read_text())
    assert done["errors"] == report.errors and done["articles"] == 1  # line 4 of the same shard was extracted
    assert report.articles == 8


def test_quotes_per_speaker_with_duckdb(mapped):
    import duckdb

    out, _ = mapped
    rows = duckdb.sql(f"SELECT speaker, count(*) AS quotes FROM read_parquet('{out}/quotes/*.parquet') "
                      "WHERE speaker IS NOT NULL GROUP BY speaker ORDER BY quotes DESC, speaker").fetchall()
    counts = {}
    for article in read_articles(out):
        for quote in article.quotes:
            if quote.speaker.name is not None:
                counts[quote.speaker.name] = counts.get(quote.speaker.name, 0) + 1
    assert dict(rows) == counts and len(rows) >= 5


def test_rerun_skips_finished_shards_and_redoes_only_new_records(sharded, client, tmp_path):
    plain = tmp_path / "artikler.jsonl"  # a copy of our own: this test changes the file
    shutil.copy(sharded["plain"], plain)
    out = tmp_path / "parquet"
    first = map_corpus([str(plain)], out, client=client, chunk_size=CHUNK)
    assert (first.shards, first.done, first.articles) == (2, 2, 3)
    stamps = {p.name: p.stat().st_mtime_ns for p in (out / "quotes").glob("*.parquet")}
    again = map_corpus([str(plain)], out, client=client, chunk_size=CHUNK)
    assert (again.done, again.skipped, again.articles) == (0, 2, 0)
    assert {p.name: p.stat().st_mtime_ns for p in (out / "quotes").glob("*.parquet")} == stamps
    # A record appended: the file changed, but the workers find lines 1-4 as they were, keep
    # those shards, and extract only the new chunk (line 5).
    with plain.open("a", encoding="utf-8") as f:
        f.write(json.dumps({"id": "ny-1", "title": "Ny sak", "text": "– Vi startar i morgon, seier ordførar Siri Dale."},
                           ensure_ascii=False) + "\n")
    changed = map_corpus([str(plain)], out, client=client, chunk_size=CHUNK)
    assert (changed.shards, changed.done, changed.skipped, changed.articles) == (3, 1, 2, 1)
    assert {p.name: p.stat().st_mtime_ns for p in (out / "quotes").glob("*.parquet")}.items() >= stamps.items()
    assert [a.meta.get("id") for a in read_articles(out)][-1] == "ny-1"
    assert sum(1 for _ in read_articles(out)) == first.articles + 1


def test_failed_shard_is_retried_reported_and_the_rest_finish(sharded, client, tmp_path):
    out = tmp_path / "parquet"
    gz_shards = [f"b_nyheter.jsonl.gz-{start:09d}" for start in (0, 2)]
    # A folder where the first gz shard's articles file must go: its write fails on every try.
    blocked = out / "articles"
    blocked.mkdir(parents=True)
    paths = [str(sharded["gz"])]
    from sitat.scale.shards import plan_shards

    first = plan_shards(paths, chunk_size=CHUNK)[0]
    (blocked / f"{first.name}.parquet").mkdir()
    (out / "_dataset.json").write_text(json.dumps({"format": 1, "inputs": [str(sharded["gz"].resolve())],
                                                   "chunk_size": CHUNK}))
    failures = []
    report = map_corpus(paths, out, client=client, chunk_size=CHUNK, retries=1, on_failure=failures.append)
    assert (report.done, report.failed) == (1, 1)
    assert failures == report.failures and failures[0].startswith(f"E093 shard {sharded['gz']} lines 1-2 failed after 2 tries")
    assert first.name.startswith(gz_shards[0])
    assert [a.source for a in read_articles(out)] == [f"{sharded['gz']}:3"]  # the failed shard is not half there
    (blocked / f"{first.name}.parquet").rmdir()
    retried = map_corpus(paths, out, client=client, chunk_size=CHUNK)
    assert (retried.done, retried.skipped, retried.failed) == (1, 1, 0)


def test_load_into_store_gives_the_store_local_ingest_gives(sharded, mapped, extract_nlp, tmp_path):
    out, _ = mapped
    local_paths = [sharded["plain"], sharded["gz"], sharded["parquet_reference"]]
    with sitat.Corpus(tmp_path / "lokal.db", nlp=extract_nlp) as local:
        local.ingest(local_paths)
    report = load_into_store(out, tmp_path / "dask.db")
    assert (report.ingested, report.failed) == (8, 0)
    again = load_into_store(out, tmp_path / "dask.db")
    assert (again.ingested, again.skipped) == (0, 8)

    speakers = "SELECT name, kind, party, role, organisation, gender FROM speakers ORDER BY name, kind"
    quotes = ('SELECT a.ext_id, q."start", q."end", q.text, q.type, s.name FROM quotes q JOIN articles a ON a.id = q.article_id '
              'LEFT JOIN speakers s ON s.id = q.speaker_id ORDER BY a.ext_id, q."start"')
    mentions = "SELECT s.name, count(*) FROM mentions m JOIN speakers s ON s.id = m.speaker_id GROUP BY 1 ORDER BY 1"
    with sitat.Corpus(tmp_path / "dask.db") as dask_store, sitat.Corpus(tmp_path / "lokal.db") as local:
        for sql in (speakers, quotes, mentions):
            assert dask_store.query(sql) == local.query(sql)
        assert len(dask_store.query(speakers)) >= 8


def test_pairs_rebuild_the_inputs_the_writer_hashes(sharded, mapped):
    from sitat.store.writer import content_hash

    out, _ = mapped
    items = {i.source: i for i in iter_inputs([str(sharded["plain"]), str(sharded["gz"])]) if not isinstance(i, Exception)}
    rebuilt = {item.source: item for item, _ in read_pairs(out)}
    assert {s: content_hash(i) for s, i in items.items()} == {s: content_hash(rebuilt[s]) for s in items}


def test_cli_extract_on_a_running_scheduler_writes_local_engine_jsonl(sharded, client, extract_nlp, tmp_path):
    from typer.testing import CliRunner

    from sitat.cli import app

    out = tmp_path / "ut"
    paths = [str(sharded["plain"])]
    result = CliRunner().invoke(app, ["extract", "--engine", "dask", "--scheduler", client.scheduler.address,
                                      *paths, "-o", str(out), "--format", "jsonl"])
    assert result.exit_code == 2, result.output  # the broken line, as the local engine exits
    assert f"{sharded['plain']}:{BROKEN_AT}" in result.output
    lines = (out / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == local_articles([Path(p) for p in paths], extract_nlp)
    shutil.rmtree(out / "quotes")
    refused = CliRunner().invoke(app, ["extract", "--engine", "dask", str(sharded["gz"]), "-o", str(out)])
    assert refused.exit_code == 1 and "E091" in refused.output


def test_cli_ingest_maps_on_the_cluster_and_loads_the_store(sharded, client, tmp_path):
    from typer.testing import CliRunner

    from sitat.cli import app

    db = tmp_path / "nyheter.db"
    command = ["ingest", "--engine", "dask", "--scheduler", client.scheduler.address, str(sharded["gz"]), "--db", str(db)]
    first = CliRunner().invoke(app, command)
    assert first.exit_code == 0, first.output
    assert "ingested 3 articles (3 new, 0 replaced)" in first.output
    again = CliRunner().invoke(app, command)
    assert again.exit_code == 0 and "skipped 3 unchanged" in again.output
    assert len(list((tmp_path / "nyheter.db.parquet").glob("*/quotes/*.parquet"))) == 1  # 3 lines: one shard
    with sitat.Corpus(db) as corpus:
        assert corpus.articles() == 3 and corpus.quotes() >= 5
    wrong = CliRunner().invoke(app, ["ingest", "--workers", "2", str(sharded["gz"]), "--db", str(db)])
    assert wrong.exit_code == 1 and "E098" in wrong.output
