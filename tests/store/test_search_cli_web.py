"""`sitat search` (store.search) and the web search (serve.queries) build one query: same hits, same order."""

from __future__ import annotations

from datetime import date

import pytest

from sitat.serve.queries import search_quotes
from sitat.store.search import QuoteFilters, search

# Invented articles: shared words (so bm25 has ties and orders to keep), two outlets, dated and
# undated, Bokmål and Nynorsk, every quote type, one speaker quoted in three articles.
ARTICLES = [
    (("Ordføreren vil bygge ny bru\n\n– Brua over elva må stå ferdig før skolestart, sier ordfører Randi Myrvold (Sp).\n\n"
      "Hun sier at kommunen har pengene klare."),
     [("Brua over elva må stå ferdig før skolestart", "direct", "Randi Myrvold", "person", "Sp", "ordfører"),
      ("kommunen har pengene klare", "indirect", "Randi Myrvold", "person", "Sp", "ordfører")],
     {"id": "b1", "outlet": "Fjordingen", "published": "2023-03-14T07:30:00+01:00"}, "nb"),
    (("Opposisjonen tviler på brua\n\nTorleif Bakken (H) kaller planen «et luftslott over elva».\n\n"
      "– Kommunen har ikke pengene, og brua blir dyrere enn lovet, sier Bakken."),
     [("«et luftslott over elva»", "mixed", "Torleif Bakken", "person", "H", None),
      ("Kommunen har ikke pengene, og brua blir dyrere enn lovet", "direct", "Torleif Bakken", "person", "H", None)],
     {"id": "b2", "outlet": "Dalaposten", "published": "2023-03-15"}, "nb"),
    (("Brua får støtte frå fylket\n\n– Fylket vil gje pengar til brua over elva, seier fylkesordførar Nils Haugen.\n\n"
      "Myrvold seier at arbeidet kan byrje i haust."),
     [("Fylket vil gje pengar til brua over elva", "direct", "Nils Haugen", "person", None, "fylkesordførar"),
      ("arbeidet kan byrje i haust", "indirect", "Randi Myrvold", "person", "Sp", "ordfører")],
     {"id": "b3", "outlet": "Fjordingen", "published": "2023-04-02"}, "nn"),
    (("Skolestart uten bru\n\n– Elevene må ta ferja en stund til, sier rektor Ingrid Sæther.\n\n"
      "Myrvold sier at brua blir ferdig til jul."),
     [("Elevene må ta ferja en stund til", "direct", "Ingrid Sæther", "person", None, "rektor"),
      ("brua blir ferdig til jul", "indirect", "Randi Myrvold", "person", "Sp", "ordfører")],
     {"id": "b4", "outlet": "Dalaposten"}, "nb"),
]

FILTERS = [
    {},
    {"query": "brua"},
    {"query": "elva"},
    {"query": "pengene"},
    {"query": "brua", "outlet": "FJORDINGEN"},
    {"query": "brua", "speaker": "myrvold"},
    {"speaker": "myrvold"},
    {"speaker": "MYRVOLD", "type": "indirect"},
    {"outlet": "dalaposten"},
    {"since": "2023-03-15"},
    {"until": "2023-03-15"},
    {"since": "2023-03-15", "until": "2023-04-02", "query": "brua"},
    {"type": "direct"},
    {"query": "brua", "type": "indirect", "since": "2023-01-01"},
    {"query": "skolestart"},
    {"query": "ingenting"},
]


@pytest.fixture
def store(conn, writer, article):
    writer.write([article(text, quotes, source=f"bru.jsonl:{n}", meta=meta, lang=lang)
                  for n, (text, quotes, meta, lang) in enumerate(ARTICLES, 1)])
    return conn


def web(conn, filters: dict, **paging) -> list[int]:
    days = {k: date.fromisoformat(filters[k]) for k in ("since", "until") if k in filters}
    rest = {k: v for k, v in filters.items() if k not in ("query", "since", "until")}
    return [h["quote_id"] for h in search_quotes(conn, q=filters.get("query", ""), **days, **rest, **paging)]


def cli(conn, filters: dict, **limit) -> list[int]:
    return [h.quote_id for h in search(conn, filters.pop("query", ""), **filters, **limit)]


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: ",".join(f"{k}={v}" for k, v in f.items()) or "none")
def test_cli_and_web_search_find_the_same_quotes_in_the_same_order(store, filters):
    assert cli(store, dict(filters), limit=50) == web(store, filters, limit=50)
    assert cli(store, dict(filters), limit=2) == web(store, filters, limit=2)


def test_the_filters_are_not_vacuous(store):
    """The cases above would agree trivially if every search found nothing, or everything."""
    everything = cli(store, {}, limit=50)
    assert len(everything) == 8
    assert len(cli(store, {"query": "brua"}, limit=50)) == 4
    assert len(cli(store, {"speaker": "myrvold"}, limit=50)) == 4
    assert len(cli(store, {"since": "2023-03-15", "until": "2023-04-02", "query": "brua"}, limit=50)) == 2
    assert everything[-2:] == web(store, {}, limit=2, offset=6)  # the undated article's quotes come last


def test_web_pages_are_slices_of_the_cli_list(store):
    for filters in ({"query": "brua"}, {}, {"speaker": "myrvold"}):
        whole = cli(store, dict(filters), limit=50)
        pages = [q for offset in range(0, 10, 3) for q in web(store, filters, limit=3, offset=offset)]
        assert pages == whole


def test_one_speaker_by_id_as_by_name(store):
    (speaker_id,) = {row[0] for row in store.execute(
        "SELECT id FROM speakers WHERE norm_name = 'randi myrvold'")}
    assert web(store, {}, speaker_id=speaker_id, limit=50) == cli(store, {"speaker": "randi myrvold"}, limit=50)


def test_the_last_day_there_is_can_end_a_range(store):
    until_the_end = QuoteFilters(until=date.max.isoformat())
    assert len(until_the_end.hit_ids(store, limit=50)) == 6  # every dated quote
    assert web(store, {"until": date.max.isoformat()}, limit=50) == cli(store, {"until": date.max.isoformat()}, limit=50)
