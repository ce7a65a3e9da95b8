"""The single writer: skip unchanged, replace changed, one speaker row per name, failures isolated."""

from __future__ import annotations

import pytest

from sitat.store.writer import content_hash

BUDSJETT = ("Regjeringen vil kutte skatten\n\n– Dette er et ansvarlig budsjett, sier finansminister Torstein Haugland (Ap).\n\n"
            "Marte Lunde (H) mener budsjettet er et lappeteppe.")
BUDSJETT_QUOTES = [
    ("Dette er et ansvarlig budsjett", "direct", "Torstein Haugland", "person", "Ap", "finansminister"),
    ("budsjettet er et lappeteppe", "indirect", "Marte Lunde", "person", "H", None),
]
FLOM = ("Flaumen stig i Voss\n\n– Vi har god oversikt, seier brannsjef Tore Hauge.\n\n"
        "Ifølgje politiet er ingen meldt sakna.")
FLOM_QUOTES = [
    ("Vi har god oversikt", "direct", "Tore Hauge", "person", None, "brannsjef"),
    ("er ingen meldt sakna", "indirect", "politiet", "organisation", None, None),
]


def rows(conn, sql, *params):
    return [tuple(r) for r in conn.execute(sql, params)]


def count(conn, table):
    return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_writer_stores_article_quotes_speakers_and_mentions(conn, writer, article):
    item, art = article(BUDSJETT, BUDSJETT_QUOTES, meta={"id": "ntb-1", "url": "https://ntb.example/1",
                                                        "authors": ["Kari Nordvik"], "published": "2024-10-07"})
    result = writer.write([(item, art)])
    assert (result.inserted, result.replaced, result.skipped, result.errors) == (1, 0, 0, [])
    (stored,) = conn.execute("SELECT * FROM articles")
    assert stored["ext_id"] == "ntb-1" and stored["authors"] == '["Kari Nordvik"]' and stored["lang"] == "nb"
    assert stored["content_hash"] == content_hash(item) and stored["extractor"] == "test"
    quotes = conn.execute('SELECT q.*, s.name FROM quotes q JOIN speakers s ON s.id = q.speaker_id ORDER BY q."start"').fetchall()
    assert [(q["text"], q["type"], q["name"]) for q in quotes] == [
        ("Dette er et ansvarlig budsjett", "direct", "Torstein Haugland"),
        ("budsjettet er et lappeteppe", "indirect", "Marte Lunde")]
    for q in quotes:
        assert stored["text"][q["start"] : q["end"]] == q["text"]
        assert stored["text"][q["mention_start"] : q["mention_end"]] == q["mention_text"]
    view = rows(conn, "SELECT speaker, role, party FROM quotes_with_speakers ORDER BY quote_id")
    assert view == [("Torstein Haugland", "finansminister", "Ap"), ("Marte Lunde", None, "H")]
    assert count(conn, "mentions") == 2 and count(conn, "article_speakers") == 2


def test_writer_same_content_is_skipped(conn, writer, article):
    batch = [article(BUDSJETT, BUDSJETT_QUOTES, meta={"id": "ntb-1"}), article(FLOM, FLOM_QUOTES, source="flom.txt")]
    assert writer.write(batch).inserted == 2
    before = {t: count(conn, t) for t in ("articles", "quotes", "speakers", "mentions", "quotes_fts")}
    again = writer.write(batch)
    assert (again.inserted, again.replaced, again.skipped) == (0, 0, 2)
    assert {t: count(conn, t) for t in before} == before
    assert [writer.plan(item).action for item, _ in batch] == ["skip", "skip"]


def test_writer_changed_article_replaces_its_quotes(conn, writer, article):
    writer.write([article(BUDSJETT, BUDSJETT_QUOTES, meta={"id": "ntb-1"})])
    (old_id,) = rows(conn, "SELECT id FROM articles")[0]
    changed = BUDSJETT.replace("et lappeteppe", "et lappeteppe uten retning")
    new_quotes = [BUDSJETT_QUOTES[0], ("budsjettet er et lappeteppe uten retning", "indirect", "Hanne Bergli", "person", "SV", None)]
    item, art = article(changed, new_quotes, meta={"id": "ntb-1"})
    assert writer.plan(item).action == "replace"
    result = writer.write([(item, art)])
    assert (result.inserted, result.replaced) == (0, 1)
    assert rows(conn, "SELECT id FROM articles") == [(old_id,)]
    assert rows(conn, "SELECT text FROM quotes ORDER BY id") == [("Dette er et ansvarlig budsjett",),
                                                                 ("budsjettet er et lappeteppe uten retning",)]
    # Marte Lunde is quoted nowhere any more: her speaker row goes; FTS follows the quotes.
    assert {r[0] for r in rows(conn, "SELECT name FROM speakers")} == {"Torstein Haugland", "Hanne Bergli"}
    assert rows(conn, "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH 'retning'") != []
    assert count(conn, "quotes_fts") == count(conn, "quotes") == 2
    assert rows(conn, "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'retning'") == [(1,)]


@pytest.mark.parametrize(
    "first, second, expected",
    [
        ({"id": "a"}, {"id": "b"}, 2),  # the same NTB text in two outlets: two articles
        ({"url": "https://x.example/1"}, {"url": "https://x.example/2"}, 2),
        ({}, {}, 1),  # no identity: the same content is the same article
    ],
)
def test_writer_identity_decides_what_is_the_same_article(conn, writer, article, first, second, expected):
    writer.write([article(FLOM, FLOM_QUOTES, source="a.jsonl:1", meta=first)])
    writer.write([article(FLOM, FLOM_QUOTES, source="b.jsonl:1", meta=second)])
    assert count(conn, "articles") == expected
    assert count(conn, "quotes") == 2 * expected


def test_writer_changed_file_without_id_replaces_by_path(conn, writer, article):
    writer.write([article(FLOM, FLOM_QUOTES, source="flaum_voss.txt")])
    item, art = article(FLOM + "\n\nVegen er stengd.", FLOM_QUOTES, source="flaum_voss.txt")
    assert writer.write([(item, art)]).replaced == 1
    assert count(conn, "articles") == 1 and count(conn, "quotes") == 2
    stdin_item, stdin_art = article(FLOM + "\n\nFerja går.", FLOM_QUOTES, source="-")
    assert writer.write([(stdin_item, stdin_art)]).inserted == 1  # stdin names no file to replace


def test_writer_one_speaker_row_per_name_and_kind_across_articles(conn, writer, article):
    later = ("Haugland svarer på kritikken\n\n– Vi kutter for dem som trenger det, sier Torstein  HAUGLAND.")
    writer.write([article(BUDSJETT, BUDSJETT_QUOTES, meta={"id": "1"}),
                  article(later, [("Vi kutter for dem som trenger det", "direct", "Torstein  HAUGLAND", "person", None, None)],
                          meta={"id": "2"})])
    speakers = rows(conn, "SELECT name, norm_name, party FROM speakers WHERE norm_name = 'torstein haugland'")
    assert speakers == [("Torstein Haugland", "torstein haugland", "Ap")]  # first form kept, party not lost
    assert rows(conn, "SELECT quotes, articles FROM speaker_counts WHERE name = 'Torstein Haugland'") == [(2, 2)]


def test_writer_anonymous_source_has_no_speaker_row(conn, writer, article):
    text = "Kilder i regjeringen sier at kuttet kommer.\n\nFlere partier er uenige."
    writer.write([article(text, [("kuttet kommer", "indirect", None, None, None, None)])])
    assert rows(conn, "SELECT speaker_id, mention_text FROM quotes") == [(None, None)]
    assert count(conn, "speakers") == 0


def test_writer_article_that_cannot_be_stored_is_rolled_back_alone(conn, writer, article):
    good = article(BUDSJETT, BUDSJETT_QUOTES, meta={"id": "god"})
    bad_item, bad = article(FLOM, FLOM_QUOTES, source="flaum.txt", meta={"id": "dårlig"})
    bad.quotes[1].type = "rykte"  # not a quote type: the CHECK constraint refuses it
    result = writer.write([(bad_item, bad), good])
    assert result.inserted == 1 and len(result.errors) == 1 and result.errors[0].startswith("flaum.txt:")
    assert rows(conn, "SELECT ext_id FROM articles") == [("god",)]
    assert count(conn, "quotes") == 2 and count(conn, "quotes_fts") == 2
    assert not rows(conn, "SELECT 1 FROM speakers WHERE name = 'Tore Hauge'")


def test_writer_batch_is_all_or_nothing_when_interrupted(conn, writer, article, monkeypatch):
    batch = [article(BUDSJETT, BUDSJETT_QUOTES, meta={"id": "1"}), article(FLOM, FLOM_QUOTES, meta={"id": "2"})]
    calls = []

    def interrupt(item, art, plan):
        calls.append(item)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return original(item, art, plan)

    original = writer._write_article
    monkeypatch.setattr(writer, "_write_article", interrupt)
    with pytest.raises(KeyboardInterrupt):
        writer.write(batch)
    assert not conn.in_transaction
    assert count(conn, "articles") == count(conn, "quotes") == count(conn, "speakers") == 0


def test_writer_waits_for_another_writer_then_says_so(db_path, conn, article):
    import sqlite3

    from sitat.errors import StoreError
    from sitat.store.writer import Writer

    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    impatient = Writer(sqlite3.connect(db_path, isolation_level=None, timeout=0.1))
    with pytest.raises(StoreError, match=r"^E053 .*nyheter\.db"):
        impatient.write([article(FLOM, FLOM_QUOTES)])
    other.execute("ROLLBACK")
    assert impatient.write([article(FLOM, FLOM_QUOTES)]).inserted == 1
