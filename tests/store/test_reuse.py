"""Quote reuse: one statement in several articles is one cluster, with first appearance, outlets and wire copy."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from sitat.cli import app
from sitat.errors import StoreError
from sitat.store import migrations
from sitat.store.database import connect
from sitat.store.migrations import MIGRATIONS
from sitat.store.reuse import detect_wire, fingerprint, quote_reuse, rebuild, top_reused
from sitat.store.search import search
from sitat.store.writer import Writer

HELSE = "Vi kommer ikke til å legge ned fødeavdelingen i Lofoten så lenge jeg er helseminister"
HELSE_NTB = "Vi kommer ikke til å legge ned fødeavdelingen i Lofoten så lenge jeg er helseminister"
HELSE_NEAR = "Vi kommer ikke til å legge ned fødeavdelingen på Lofoten så lenge jeg er helseminister"

# (text, quotes, meta): the same statement from the health minister, first in Lofotposten, then as
# NTB copy in Avisa Nordland, then a day later, reworded by one word, in Bodø Nu; one unrelated article.
ARTICLES = [
    ("Helseministeren lover å bevare fødetilbudet\n\nLEKNES: – " + HELSE + ", sier helseminister Jan Christian "
     "Vestre (Ap) til Lofotposten.\n\nHan besøkte sykehuset på Gravdal onsdag.",
     [(HELSE, "direct", "Jan Christian Vestre", "person", "Ap", "helseminister")],
     {"id": "lp-1", "outlet": "Lofotposten", "published": "2024-03-06T09:15:00+01:00", "authors": ["Siri Jakobsen"]}),
    ("Vestre: Fødeavdelingen består\n\nGRAVDAL (NTB): – " + HELSE_NTB + ", sa Vestre til Lofotposten.\n\n"
     "Helseforetaket vurderer fortsatt å samle fødsler i Bodø.",
     [(HELSE_NTB, "direct", "Vestre", "person", None, None)],
     {"id": "an-1", "outlet": "Avisa Nordland", "published": "2024-03-06T14:02:00+01:00", "authors": ["NTB"]}),
    ("Lokalpolitikere jubler\n\nVestre sa onsdag: «" + HELSE_NEAR + "». Ordføreren i Vestvågøy er glad.",
     [(HELSE_NEAR, "direct", "Jan Christian Vestre", "person", "Ap", "helseminister")],
     {"id": "bn-1", "outlet": "Bodø Nu", "published": "2024-03-07"}),
    ("Rekordfangst av skrei\n\n– Vi har aldri sett så mye skrei i Vestfjorden i mars måned, sier fisker Ola Pedersen.",
     [("Vi har aldri sett så mye skrei i Vestfjorden i mars måned", "direct", "Ola Pedersen", "person", None, "fisker")],
     {"id": "lp-2", "outlet": "Lofotposten", "published": "2024-03-05"}),
]


@pytest.fixture
def store(conn, writer, article):
    # Bodø Nu's article is ingested first, though published last: first appearance goes by date.
    order = [2, 0, 1, 3]
    writer.write([article(ARTICLES[i][0], ARTICLES[i][1], source=f"korpus.jsonl:{i + 1}", meta=ARTICLES[i][2])
                  for i in order])
    return conn


def clusters(conn):
    return conn.execute("SELECT a.ext_id, r.cluster_id FROM quote_reuse r JOIN quotes q ON q.id = r.quote_id "
                        "JOIN articles a ON a.id = q.article_id ORDER BY a.ext_id").fetchall()


def quote_id(conn, ext_id):
    return conn.execute("SELECT q.id FROM quotes q JOIN articles a ON a.id = q.article_id WHERE a.ext_id = ?",
                        (ext_id,)).fetchone()[0]


def test_reuse_links_exact_and_near_identical_statements(store):
    data = quote_reuse(store, quote_id(store, "an-1"))
    reuse = data["reuse"]
    assert reuse["articles"] == 3
    assert [q["outlet"] for q in reuse["quotes"]] == ["Lofotposten", "Avisa Nordland", "Bodø Nu"]
    assert reuse["first"]["outlet"] == "Lofotposten" and reuse["first"]["published"].startswith("2024-03-06T09")
    assert [o["outlet"] for o in reuse["outlets"]] == ["Lofotposten", "Avisa Nordland", "Bodø Nu"]
    assert reuse["wire"] == ["NTB"]
    # Bodø Nu's wording came in first; Lofotposten's is near it, NTB's the same as Lofotposten's.
    assert {q["outlet"]: q["similarity"] >= 100 for q in reuse["quotes"]} == {
        "Bodø Nu": True, "Lofotposten": False, "Avisa Nordland": True}
    assert all(q["similarity"] >= 90 for q in reuse["quotes"])
    fish = quote_reuse(store, quote_id(store, "lp-2"))["reuse"]
    assert fish["articles"] == 1 and fish["cluster_id"] != reuse["cluster_id"]


def test_reuse_top_statements_and_outlet_filter(store):
    (top,) = top_reused(store)
    assert (top["articles"], top["outlets"], top["first_outlet"], top["wire"]) == (3, 3, "Lofotposten", ["NTB"])
    assert top["text"] == HELSE and top["speaker"] == "Jan Christian Vestre"
    assert top_reused(store, min_outlets=4) == []


def test_reuse_count_on_search_hits(store):
    hits = {h.outlet: h for h in search(store, "fødeavdelingen")}
    assert {o: h.reuse_articles for o, h in hits.items()} == {"Lofotposten": 3, "Avisa Nordland": 3, "Bodø Nu": 3}
    (fish,) = search(store, "skrei")
    assert fish.reuse_articles == 1


def test_reuse_unknown_quote_is_a_clear_error(store):
    with pytest.raises(StoreError, match=r"^E067 no quote with id 999"):
        quote_reuse(store, 999)


@pytest.mark.parametrize("authors, outlet, text, expected", [
    (["NTB"], "Avisa Nordland", "Tekst uten kreditering.", "NTB"),
    (["Kari Nordmann/NTB"], "iTromsø", "Tekst.", "NTB"),
    (["Per Olsen, Avisenes Nyhetsbyrå"], None, "Tekst.", "ANB"),
    ([], "Fædrelandsvennen", "KRISTIANSAND (NTB): Bompengene øker fra nyttår.", "NTB"),
    ([], None, "Brussel (NTB-AFP): EU-landene er enige om nye sanksjoner.", "NTB"),
    ([], None, "Kyiv (©Reuters) Angrepet kom natt til tirsdag.", "Reuters"),
    ([], None, "NTB: Statsministeren varsler pressekonferanse.", "NTB"),
    # Jonas Gahr Støre (Ap) is the Labour Party, not the Associated Press; nor is an author called Ap.
    (["Ap"], None, "– Vi er klare, sier Jonas Gahr Støre (Ap).", None),
    (["Siri Jakobsen"], "Lofotposten", "Han sier at NTB-saken ikke er relevant.", None),
])
def test_reuse_wire_copy_from_byline_outlet_or_credit(authors, outlet, text, expected):
    assert detect_wire(authors, outlet, text) == expected


def test_reuse_short_statements_link_only_for_the_same_speaker(conn, writer, article):
    short = "Det er for tidlig å si noe"  # seven words: said by every police duty officer in the country
    writer.write([
        article(f"Brann i Bergen\n\n– {short}, sier operasjonsleder Knut Dale.", [(short, "direct", "Knut Dale", "person", None, "operasjonsleder")],
                source="a.txt", meta={"id": "a", "outlet": "BT"}),
        article(f"Ulykke i Molde\n\n– {short}, sier innsatsleder Mona Rye.", [(short, "direct", "Mona Rye", "person", None, "innsatsleder")],
                source="b.txt", meta={"id": "b", "outlet": "RBnett"}),
        article(f"Brannen i Bergen\n\n– {short}, sa Knut Dale i går.", [(short, "direct", "Knut Dale", "person", None, None)],
                source="c.txt", meta={"id": "c", "outlet": "BA"}),
    ])
    rows = conn.execute("SELECT a.ext_id, r.cluster_id FROM quote_reuse r JOIN quotes q ON q.id = r.quote_id "
                        "JOIN articles a ON a.id = q.article_id ORDER BY a.ext_id").fetchall()
    by_article = dict(rows)
    assert by_article["a"] == by_article["c"] != by_article["b"]
    assert fingerprint("Ja, det stemmer.") is None  # too short to link at all


def test_reuse_is_idempotent_on_rewrite_replace_and_rebuild(conn, writer, article, store):
    before = clusters(conn)
    writer.write([article(ARTICLES[1][0], ARTICLES[1][1], source="korpus.jsonl:2", meta=ARTICLES[1][2])])
    assert clusters(conn) == before  # unchanged article: skipped, nothing linked twice
    # The NTB article is updated: the quote row is replaced and linked again, to the same cluster.
    changed = dict(ARTICLES[1][2], published="2024-03-06T14:30:00+01:00")
    writer.write([article(ARTICLES[1][0], ARTICLES[1][1], source="korpus.jsonl:2", meta=changed)])
    after = clusters(conn)
    assert after == before
    conn.execute("BEGIN IMMEDIATE")
    rebuild(conn)
    conn.execute("COMMIT")
    assert clusters(conn) == after


def test_reuse_links_quotes_of_a_store_made_before_it(db_path, article, monkeypatch):
    monkeypatch.setattr(migrations, "MIGRATIONS", MIGRATIONS[:5])
    old = connect(db_path)
    Writer(old).conn.execute("BEGIN IMMEDIATE")
    for i, (text, quotes, meta) in enumerate(ARTICLES[:2]):  # as an older sitat wrote them: no reuse, no wire
        item, art = article(text, quotes, source=f"k:{i}", meta=meta)
        aid = old.execute("INSERT INTO articles (source, ext_id, outlet, published, authors, text, content_hash, ingested_at) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, '2024-03-08')", (item.source, meta["id"], meta["outlet"],
                          meta["published"], json.dumps(meta["authors"]), text, f"h{i}")).lastrowid
        q = art.quotes[0]
        old.execute('INSERT INTO quotes (article_id, "start", "end", text, type) VALUES (?, ?, ?, ?, ?)',
                    (aid, q.start, q.end, q.text, q.type))
    old.execute("COMMIT")
    old.close()
    monkeypatch.setattr(migrations, "MIGRATIONS", MIGRATIONS)
    conn = connect(db_path)
    assert len({c for _, c in clusters(conn)}) == 1 and len(clusters(conn)) == 2
    assert [r[0] for r in conn.execute("SELECT wire FROM articles ORDER BY id")] == [None, "NTB"]
    assert conn.execute("SELECT value FROM sitat_state WHERE key = 'quote_reuse'").fetchone()[0] == "done"
    conn.close()


def test_reuse_cli_lists_and_explains(store, db_path):
    runner = CliRunner()
    result = runner.invoke(app, ["reuse", "--db", str(db_path), "--json"])
    assert result.exit_code == 0, result.output
    (top,) = json.loads(result.stdout)["statements"]
    assert top["outlet_names"] == ["Lofotposten", "Avisa Nordland", "Bodø Nu"]
    result = runner.invoke(app, ["quote", str(top["quote_id"]), "--db", str(db_path)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "first printed 2024-03-06 in Lofotposten" in result.stdout and "wire copy: NTB" in result.stdout
    result = runner.invoke(app, ["search", "skrei", "--db", str(db_path)])
    assert result.exit_code == 0 and "articles" not in result.stdout
    result = runner.invoke(app, ["search", "fødeavdelingen", "--db", str(db_path)])
    assert "3 articles" in result.stdout
    result = runner.invoke(app, ["quote", "4242", "--db", str(db_path)])
    assert result.exit_code == 1 and "E067" in result.output
