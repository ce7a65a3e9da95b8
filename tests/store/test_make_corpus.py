"""benchmarks/make_corpus.py: resampled copies keep every quote, cue and mention at the right offsets."""

from __future__ import annotations

import importlib.util
import json
import random
import sys
from pathlib import Path

import pytest

from sitat.article import TextSpan

ROOT = Path(__file__).parent.parent.parent


@pytest.fixture(scope="module")
def make_corpus():
    spec = importlib.util.spec_from_file_location("make_corpus", ROOT / "benchmarks" / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_corpus"] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


TEXT = ("Kommunen kutter i skolebudsjettet\n\n"
        "Bystyret i Moss vedtok tirsdag å kutte 40 millioner kroner i skolebudsjettet.\n\n"
        "– Vi har ikke noe valg når inntektene faller, sier ordfører Hege Lunde (H).\n\n"
        "Foreldreutvalget er sterkt kritisk. Leder Per Aas sier at kuttet vil gå ut over de svakeste elevene.\n\n"
        "– Dette er kortsiktig politikk,\n\nog det er barna som betaler, sier Aas.\n\n"
        "Kuttet gjelder fra nyttår.")


def source(make_corpus, article):
    item, art = article(TEXT, [
        ("Vi har ikke noe valg når inntektene faller", "direct", "Hege Lunde", "person", "H", "ordfører"),
        ("kuttet vil gå ut over de svakeste elevene", "indirect", "Per Aas", "person", None, "leder"),
        # A quote over two paragraphs: they must stay together, in order.
        ("Dette er kortsiktig politikk,\n\nog det er barna som betaler", "direct", "Per Aas", "person", None, "leder"),
    ], source="moss.txt", title="Kommunen kutter i skolebudsjettet")
    q = art.quotes[0]
    at = TEXT.index("sier ordfører")
    art.quotes[0].cue = TextSpan("sier", at, at + 4)
    assert q.speaker.mention is not None
    return make_corpus.blocks_of(art)


def test_make_corpus_blocks_keep_quotes_across_paragraphs_whole(make_corpus, article):
    src = source(make_corpus, article)
    assert src.title == "Kommunen kutter i skolebudsjettet"
    texts = [TEXT[b.start:b.end] for b in src.blocks]
    assert "– Dette er kortsiktig politikk,\n\nog det er barna som betaler, sier Aas." in texts
    assert len(src.blocks) == 5


@pytest.mark.parametrize("seed", range(12))
def test_make_corpus_resampled_offsets_are_exact(make_corpus, article, seed, tmp_path):
    src = source(make_corpus, article)
    item, art, record = make_corpus.resample(src, seed, random.Random(seed), tmp_path / "k.jsonl")
    assert item.text == art.text == record["text"] and record["title"].startswith(src.title)
    assert record["id"] == f"syn-{seed:06d}" and record["url"].endswith(record["id"])
    for q in art.quotes:
        assert art.text[q.start:q.end] == q.text
        for span in (q.cue, q.speaker.mention):
            if span is not None:
                assert span.text and art.text[span.start:span.end] == span.text
    for p in art.speakers:
        assert p.quotes == sum(q.speaker.entity == p.entity for q in art.quotes)
    json.dumps(record, ensure_ascii=False)


def test_make_corpus_copies_go_through_the_writer_and_link_as_reuse(make_corpus, article, conn):
    src = source(make_corpus, article)
    rng = random.Random(7)
    batch = [make_corpus.resample(src, n, rng, Path("k.jsonl"))[:2] for n in range(8)]
    writer = make_corpus.corpus_writer(conn)
    assert writer.write(batch).inserted == 8
    assert writer.write(batch).skipped == 8  # the same seed, the same corpus: a re-run adds nothing
    bad = conn.execute('SELECT count(*) FROM quotes q JOIN articles a ON a.id = q.article_id '
                       'WHERE substr(a.text, q."start" + 1, q."end" - q."start") <> q.text').fetchone()[0]
    assert bad == 0
    # Every copy of the mayor's statement is one reuse cluster.
    clusters = conn.execute("SELECT count(DISTINCT r.cluster_id) FROM quote_reuse r JOIN quotes q ON q.id = r.quote_id "
                            "WHERE q.text LIKE 'Vi har ikke noe valg%'").fetchone()[0]
    assert clusters == 1
