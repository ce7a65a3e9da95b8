"""Text stored once (migration 0008) and quotes counted per article and speaker (0009): the
views read the same texts the tables used to hold, and every way quotes change keeps the
full-text index and the counts right."""

from __future__ import annotations

import sqlite3

from sitat.store import migrations
from sitat.store.database import connect
from sitat.store.identity import read_aliases
from sitat.store.search import search
from sitat.store.writer import Writer

TEXT = ("Fylkesordfører Marit Vea (Sp) sier at ferjetilbudet over Sognefjorden må styrkes før sommeren. "
        "– Vi har ventet lenge nok på nye ferjer, sier Vea til avisen. "
        "Statens vegvesen opplyser at anbudet blir lyst ut i januar.")
QUOTES = [
    ("ferjetilbudet over Sognefjorden må styrkes før sommeren", "indirect", "Marit Vea", "person", "Sp", "fylkesordfører"),
    ("Vi har ventet lenge nok på nye ferjer", "direct", "Marit Vea", "person", "Sp", "fylkesordfører"),
    ("anbudet blir lyst ut i januar", "indirect", "Statens vegvesen", "organisation", None, None),
]


def fts_is_whole(conn: sqlite3.Connection) -> None:
    # Raises "database disk image is malformed" when the index and the quotes view disagree.
    conn.execute("INSERT INTO quotes_fts(quotes_fts, rank) VALUES ('integrity-check', 1)")


def tallies_match_quotes(conn: sqlite3.Connection) -> None:
    kept = conn.execute("SELECT article_id, speaker_id, speaker_entity, quotes, first_quote, day, outlet, section, "
                        "nullif(role, ''), nullif(organisation, ''), nullif(party, ''), nullif(country, ''), "
                        "nullif(gender, '') FROM quote_tallies JOIN tally_profiles p ON p.id = profile_id "
                        "ORDER BY 1, 2, 3").fetchall()
    counted = conn.execute(
        "SELECT q.article_id, coalesce(q.speaker_id, 0), coalesce(q.speaker_entity, ''), count(*), min(q.id), "
        "CAST(replace(substr(a.published, 1, 10), '-', '') AS INTEGER), a.outlet, a.section, ap.role, ap.organisation, ap.party, ap.country, ap.gender "
        "FROM quote_spans q JOIN articles a ON a.id = q.article_id "
        "LEFT JOIN article_speakers ap ON ap.article_id = q.article_id AND ap.entity = q.speaker_entity "
        "GROUP BY 1, 2, 3 ORDER BY 1, 2, 3").fetchall()
    assert [tuple(r) for r in kept] == [tuple(r) for r in counted]


def test_quotes_view_reads_text_cue_and_mention_from_the_article(article, writer, conn):
    item, art = article(TEXT, QUOTES, meta={"id": "sf-1"})
    writer.write([(item, art)])
    rows = conn.execute('SELECT text, "start", "end", mention_text, mention_start, mention_end FROM quotes ORDER BY id').fetchall()
    assert [r["text"] for r in rows] == [q[0] for q in QUOTES]
    for r in rows:
        assert TEXT[r["start"]:r["end"]] == r["text"]
        assert r["mention_text"] == TEXT[r["mention_start"]:r["mention_end"]]
    assert rows[0]["mention_text"] == "Vea"
    # Confidence is stored in percent and read back as 0-1.
    assert [r[0] for r in conn.execute("SELECT confidence FROM quotes")] == [0.9, 0.9, 0.9]
    mentions = conn.execute('SELECT speaker_id, "start", "end", text FROM mentions ORDER BY "start"').fetchall()
    assert [m["text"] for m in mentions] == ["Vea", "vegvesen"]  # the fixture mentions the last word of a name
    assert [hit.text for hit in search(conn, "ferjer")] == ["Vi har ventet lenge nok på nye ferjer"]
    fts_is_whole(conn)
    tallies_match_quotes(conn)


def test_replacing_deleting_and_merging_keep_index_and_counts_right(article, writer, conn, tmp_path):
    first, art = article(TEXT, QUOTES, meta={"id": "sf-1", "outlet": "Firda", "published": "2025-12-01T08:00:00+01:00"})
    other, art2 = article("Marit Vea sier at hun er glad for pengene. Ferjene skal gå hver halvtime, opplyser Fjord1.",
                          [("hun er glad for pengene", "indirect", "Marit Vea", "person", "Sp", None),
                           ("Ferjene skal gå hver halvtime", "direct", "Fjord1", "organisation", None, None)],
                          meta={"id": "sf-2"})
    writer.write([(first, art), (other, art2)])
    # The first article changes: new text, one quote fewer.
    changed = TEXT.replace("Sognefjorden", "Sognesjøen").replace(" Statens vegvesen opplyser at anbudet blir lyst ut i januar.", "")
    item, art = article(changed, [(QUOTES[0][0].replace("Sognefjorden", "Sognesjøen"), *QUOTES[0][1:]), QUOTES[1]],
                        meta={"id": "sf-1"})
    assert writer.write([(item, art)]).replaced == 1
    fts_is_whole(conn)
    tallies_match_quotes(conn)
    assert search(conn, "Sognefjorden") == []
    assert [h.text for h in search(conn, "Sognesjøen")] == ["ferjetilbudet over Sognesjøen må styrkes før sommeren"]
    # Two speakers merged by hand: their quotes move, and the counts with them.
    rules = tmp_path / "aliases.tsv"
    rules.write_text("merge\tFjord1\tMarit Vea\n", encoding="utf-8")
    assert writer.apply_overrides(read_aliases(rules)) > 0
    tallies_match_quotes(conn)
    # Facets and profiles edited by hand (Datasette, a script) reach the counts too.
    conn.execute("UPDATE articles SET outlet = 'Sogn Avis', published = '2026-01-05' WHERE ext_id = 'sf-1'")
    conn.execute("UPDATE article_speakers SET party = 'Ap' WHERE entity = 'e1'")
    tallies_match_quotes(conn)
    # An article deleted by any client takes its quotes out of the index first.
    conn.execute("DELETE FROM articles WHERE ext_id = 'sf-2'")
    fts_is_whole(conn)
    tallies_match_quotes(conn)
    assert search(conn, "halvtime") == []
    assert conn.execute("SELECT count(*) FROM quote_spans").fetchone()[0] == 2


def test_store_from_before_0008_keeps_every_text_link_and_count(db_path, monkeypatch):
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:7])
    old = connect(db_path)
    assert migrations.applied(old)[-1] == "0007_stats_indexes"
    aid = old.execute("INSERT INTO articles (source, ext_id, text, content_hash, ingested_at) VALUES "
                      "('nyheter.jsonl:1', 'sf-1', ?, 'h1', '2026-11-25')", (TEXT,)).lastrowid
    sid = old.execute("INSERT INTO speakers (name, norm_name, kind, match_key) VALUES ('Marit Vea', 'marit vea', "
                      "'person', 'vea')").lastrowid
    old.execute("INSERT INTO article_speakers (article_id, speaker_id, entity, name, quotes) VALUES (?, ?, 'e1', 'Marit Vea', 2)",
                (aid, sid))
    at = TEXT.index("Vea")
    old.execute('INSERT INTO mentions (article_id, speaker_id, "start", "end", text) VALUES (?, ?, ?, ?, ?)',
                (aid, sid, at, at + 3, "Vea"))
    ids = []
    for snippet, kind, *_ in QUOTES[:2]:
        start = TEXT.index(snippet)
        cue = TEXT.index("sier")
        ids.append(old.execute(
            'INSERT INTO quotes (article_id, "start", "end", text, type, cue_text, cue_start, cue_end, speaker_id, '
            "speaker_entity, mention_text, mention_start, mention_end) VALUES (?, ?, ?, ?, ?, 'sier', ?, ?, ?, 'e1', 'Vea', ?, ?)",
            (aid, start, start + len(snippet), snippet, kind, cue, cue + 4, sid, at, at + 3)).lastrowid)
    old.execute("INSERT INTO quote_reuse (quote_id, cluster_id, text_hash, head_key, tail_key, similarity) "
                "VALUES (?, ?, ?, ?, ?, 100)", (ids[0], ids[0], 2**62 + 5, 2**40 + 7, 2**33 + 1))
    old.execute("UPDATE sitat_state SET value = 'done' WHERE key = 'quote_reuse'")
    old.close()
    monkeypatch.undo()

    conn = connect(db_path)
    assert migrations.applied(conn)[-2:] == ["0008_compact_store", "0009_quote_tallies"]
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    rows = conn.execute("SELECT id, text, cue_text, mention_text, speaker_id FROM quotes ORDER BY id").fetchall()
    assert [tuple(r) for r in rows] == [(ids[0], QUOTES[0][0], "sier", "Vea", sid), (ids[1], QUOTES[1][0], "sier", "Vea", sid)]
    assert [tuple(r) for r in conn.execute('SELECT speaker_id, "start", "end", text FROM mentions')] == [(sid, at, at + 3, "Vea")]
    reuse = conn.execute("SELECT quote_id, text_hash, head_key, tail_key FROM quote_reuse").fetchall()
    assert [tuple(r) for r in reuse] == [(ids[0], 5, 7, 1)]
    assert [h.text for h in search(conn, "ferjer")] == [QUOTES[1][0]]
    fts_is_whole(conn)
    tallies_match_quotes(conn)
    assert conn.execute("SELECT quotes FROM quote_tallies").fetchall()[0][0] == 2
    assert conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'Sognefjorden'").fetchone()[0] == 1
    # The writer goes on where the old store stopped.
    Writer(conn, extractor="test")
    conn.close()


def test_profiles_edited_by_hand_and_ids_changed_keep_counts_and_index_right(article, writer, conn):
    item, art = article(TEXT, QUOTES, meta={"id": "sf-1"})
    writer.write([(item, art)])
    conn.execute("DELETE FROM article_speakers WHERE entity = 'e1'")
    tallies_match_quotes(conn)
    conn.execute("INSERT INTO article_speakers (article_id, speaker_id, entity, name, party) "
                 "SELECT article_id, speaker_id, 'e1', 'Marit Vea', 'KrF' FROM quote_spans WHERE speaker_entity = 'e1' LIMIT 1")
    tallies_match_quotes(conn)
    conn.execute("UPDATE article_speakers SET entity = 'e9' WHERE entity = 'e1'")
    tallies_match_quotes(conn)
    conn.execute("PRAGMA foreign_keys = OFF")  # as in the sqlite3 shell: quote_reuse would refuse a new id
    conn.execute("UPDATE quote_spans SET id = id + 100 WHERE id = (SELECT min(id) FROM quote_spans)")
    fts_is_whole(conn)
    tallies_match_quotes(conn)


def test_text_with_a_nul_character_is_refused_with_its_position(article, writer, conn):
    # SQLite's substr() stops at U+0000, so the quotes of such a text could not be read back.
    text = TEXT.replace("Sognefjorden", "Sogne\x00fjorden")
    item, art = article(text, QUOTES[1:2], meta={"id": "nul"})
    result = writer.write([(item, art)])
    assert result.inserted == 0 and "NUL character at position" in result.errors[0]
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 0


def _old_store(db_path, monkeypatch) -> sqlite3.Connection:
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:7])
    return connect(db_path)


def test_migration_drops_rows_orphaned_while_foreign_keys_were_off(db_path, monkeypatch):
    old = _old_store(db_path, monkeypatch)
    ids = [old.execute("INSERT INTO articles (source, text, content_hash, ingested_at) VALUES (?, ?, ?, '2026-11-25')",
                       (f"a{n}.txt", TEXT, f"h{n}")).lastrowid for n in (1, 2)]
    sid = old.execute("INSERT INTO speakers (name, norm_name, kind) VALUES ('Marit Vea', 'marit vea', 'person')").lastrowid
    snippet = QUOTES[1][0]
    start = TEXT.index(snippet)
    for aid in ids:
        old.execute("INSERT INTO article_speakers (article_id, speaker_id, entity, name) VALUES (?, ?, 'e1', 'Marit Vea')",
                    (aid, sid))
        old.execute('INSERT INTO quotes (article_id, "start", "end", text, type, speaker_id, speaker_entity) '
                    "VALUES (?, ?, ?, ?, 'direct', ?, 'e1')", (aid, start, start + len(snippet), snippet, sid))
    old.execute("UPDATE sitat_state SET value = 'done' WHERE key = 'quote_reuse'")
    old.execute("PRAGMA foreign_keys = OFF")  # as Datasette or the sqlite3 shell delete
    old.execute("DELETE FROM articles WHERE id = ?", (ids[0],))
    old.close()
    monkeypatch.undo()

    conn = connect(db_path)
    assert migrations.applied(conn)[-1] == "0009_quote_tallies"
    assert conn.execute("SELECT article_id FROM quotes").fetchall()[0][0] == ids[1]
    assert conn.execute("SELECT count(*) FROM article_speakers").fetchone()[0] == 1
    fts_is_whole(conn)
    tallies_match_quotes(conn)
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_migration_lists_each_mention_once_when_two_entities_share_a_speaker(db_path, monkeypatch):
    old = _old_store(db_path, monkeypatch)
    aid = old.execute("INSERT INTO articles (source, text, content_hash, ingested_at) VALUES ('a.txt', ?, 'h', 'x')",
                      (TEXT,)).lastrowid
    sid = old.execute("INSERT INTO speakers (name, norm_name, kind) VALUES ('Marit Vea', 'marit vea', 'person')").lastrowid
    for entity in ("e1", "e2"):  # two entities merged into one speaker by an old merge
        old.execute("INSERT INTO article_speakers (article_id, speaker_id, entity, name) VALUES (?, ?, ?, 'Marit Vea')",
                    (aid, sid, entity))
    at = TEXT.index("Vea")
    for start in (at, TEXT.index("Vea", at + 1)):
        old.execute('INSERT INTO mentions (article_id, speaker_id, "start", "end", text) VALUES (?, ?, ?, ?, ?)',
                    (aid, sid, start, start + 3, "Vea"))
    old.close()
    monkeypatch.undo()

    conn = connect(db_path)
    rows = conn.execute('SELECT entity, "start", text FROM mentions ORDER BY "start"').fetchall()
    assert [tuple(r) for r in rows] == [("e1", at, "Vea"), ("e1", TEXT.index("Vea", at + 1), "Vea")]


def test_jsonl_record_with_an_escaped_nul_is_reported_and_the_rest_read(tmp_path):
    from sitat.read.jsonl import read_jsonl

    corpus = tmp_path / "nyheter.jsonl"
    corpus.write_text('{"id": "1", "text": "Ordføreren sier at\\u0000 brua er trygg."}\n'
                      '{"id": "2", "text": "Ordføreren sier at brua er trygg."}\n', encoding="utf-8")
    first, second = list(read_jsonl(corpus))
    assert isinstance(first, Exception) and "nyheter.jsonl:1" in str(first) and "NUL character at position 18" in str(first)
    assert second.text == "Ordføreren sier at brua er trygg."
