"""Shard planning, reading, the Parquet tables and the output folder, without a cluster or model."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from sitat.article import Article, Quote, Speaker, SpeakerProfile, TextSpan
from sitat.read.inputs import ArticleInput
from sitat.scale.dataset import prepare
from sitat.scale.messages import ScaleError
from sitat.scale.shards import content_digest, plan_shards, read_shard
from sitat.scale.tables import article_rows, rebuild, to_tables

TEXT = "Fergja til Lavik er innstilt.\n– Vi beklagar, seier dagleg leiar Kåre Nes i Fjordferjer."


def lines(n: int) -> str:
    return "".join(json.dumps({"id": f"f-{i}", "text": TEXT}, ensure_ascii=False) + "\n" for i in range(n))


def test_shards_cut_files_into_fixed_chunks_in_reading_order(tmp_path):
    (tmp_path / "b.jsonl.gz").write_bytes(gzip.compress(lines(5).encode()))
    (tmp_path / "a.jsonl").write_text(lines(2), encoding="utf-8")
    (tmp_path / "c.txt").write_text("Tittel\n\n" + TEXT, encoding="utf-8")
    (tmp_path / "notes.csv").write_text("ikkje ein artikkel", encoding="utf-8")
    shards = plan_shards([str(tmp_path)], chunk_size=2)
    assert [(Path(s.paths[0]).name, s.kind, s.start, s.stop) for s in shards] == [
        ("a.jsonl", "jsonl", 0, 2), ("b.jsonl.gz", "jsonl", 0, 2), ("b.jsonl.gz", "jsonl", 2, 4),
        ("b.jsonl.gz", "jsonl", 4, 5), ("c.txt", "files", 0, 0)]
    assert [[n for n, _ in read_shard(s)] for s in shards] == [[1, 2], [1, 2], [3, 4], [5], [1]]
    assert [i.source for _, i in read_shard(shards[2])] == [f"{tmp_path}/b.jsonl.gz:3", f"{tmp_path}/b.jsonl.gz:4"]


def test_a_growing_file_keeps_its_shard_names_and_unchanged_chunks_keep_their_digest(tmp_path):
    corpus = tmp_path / "k.jsonl"
    corpus.write_text(lines(3), encoding="utf-8")
    before = plan_shards([str(corpus)], chunk_size=2)
    digests, fingerprint = [content_digest(s, "x") for s in before], before[0].fingerprint("x")
    corpus.write_text(lines(5), encoding="utf-8")
    after = plan_shards([str(corpus)], chunk_size=2)
    assert [s.name for s in after[:2]] == [s.name for s in before]
    assert content_digest(after[0], "x") == digests[0] != content_digest(after[0], "y")
    assert content_digest(after[1], "x") != digests[1]  # line 4 is new in that chunk
    assert after[0].fingerprint("x") != fingerprint  # the file changed: the worker checks the bytes


def test_missing_and_damaged_files_are_reported_by_their_shard(tmp_path):
    broken = tmp_path / "brot.jsonl.gz"
    broken.write_bytes(gzip.compress(lines(3).encode())[:-20])
    not_parquet = tmp_path / "feil.parquet"
    not_parquet.write_text("ikkje parquet", encoding="utf-8")
    messages = [str(item) for path in (broken, not_parquet, tmp_path / "borte.jsonl")
                for shard in plan_shards([str(path)], chunk_size=10) for _, item in read_shard(shard)
                if not isinstance(item, ArticleInput)]
    assert [m[:4] for m in messages] == ["E046", "E097", "E010"]
    assert str(broken) in messages[0] and str(not_parquet) in messages[1]


def test_nothing_to_shard_is_a_clear_error(tmp_path):
    with pytest.raises(ScaleError, match="E090"):
        plan_shards([str(tmp_path)])


def test_rows_rebuild_the_article_exactly():
    cue = TextSpan("seier", 34, 39)
    mention = TextSpan("Kåre Nes", 53, 61)
    quote = Quote("Vi beklagar", 32, 43, "direct", cue,
                  Speaker("Kåre Nes", mention, "e1", role="dagleg leiar", organisation="Fjordferjer", gender="male",
                          kind="person"), 0.9, ["dash quote", "cue after"])
    profile = SpeakerProfile("e1", "Kåre Nes", "person", role="dagleg leiar", mentions=[mention], quotes=1)
    item = ArticleInput(TEXT, "k.jsonl:7", "Ferje", meta={"url": "https://x.example/a", "id": "f-7",
                                                         "authors": ["Per Hauge"], "published": "2024-08-26"})
    article = Article(TEXT, "nn", "Ferje", "k.jsonl:7", [quote], [profile], dict(item.meta))
    tables = to_tables(article_rows("s:7", "s", 7, item, article))
    [(item_back, article_back)] = rebuild({name: table.to_pylist() for name, table in tables.items()})
    assert item_back == item and article_back == article
    assert list(article_back.to_dict()) == list(article.to_dict())  # key order too: url before id


def test_an_output_folder_belongs_to_one_input(tmp_path):
    first = tmp_path / "a.jsonl"
    first.write_text(lines(1), encoding="utf-8")
    other = tmp_path / "b.jsonl"
    other.write_text(lines(1), encoding="utf-8")
    out = tmp_path / "ut"
    prepare(out, [str(first)], 10, plan_shards([str(first)], chunk_size=10))
    with pytest.raises(ScaleError, match="E091"):
        prepare(out, [str(other)], 10, plan_shards([str(other)], chunk_size=10))
    with pytest.raises(ScaleError, match="E091"):
        prepare(out, [str(first)], 5, plan_shards([str(first)], chunk_size=5))
    (tmp_path / "fremmed").mkdir()
    (tmp_path / "fremmed" / "x.txt").write_text("x")
    with pytest.raises(ScaleError, match="E091"):
        prepare(tmp_path / "fremmed", [str(first)], 10, plan_shards([str(first)], chunk_size=10))


def test_scaling_guide_names_every_message_and_option():
    import typer.main

    from sitat.cli import app
    from sitat.scale.messages import ScaleErrors

    guide = (Path(__file__).parent.parent.parent / "docs" / "scaling.md").read_text(encoding="utf-8")
    for code in [name for name in vars(ScaleErrors) if name.startswith("E")]:
        assert f"| {code} |" in guide, f"{code} is not in docs/scaling.md"
    commands = typer.main.get_command(app).commands
    for command in ("extract", "ingest"):
        options = {opt for param in commands[command].params for opt in getattr(param, "opts", [])}
        assert {"--engine", "--scheduler", "--workers"} <= options
        assert f"sitat {command} --engine dask" in guide
    assert "--scheduler tcp://" in guide and "--workers 2" in guide
