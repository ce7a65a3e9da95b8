"""FTS5 search over quotes: all words, prefixes, highlights, and the filters."""

from __future__ import annotations

import pytest

from sitat.errors import StoreError
from sitat.store.search import escape_query, search

ARTICLES = [
    ("Støre vil kutte skatten\n\n– Vi skal kutte skatten for folk med lave inntekter, sier statsminister Jonas Gahr Støre (Ap).\n\n"
     "Han sier at kuttet kommer i 2025.",
     [("Vi skal kutte skatten for folk med lave inntekter", "direct", "Jonas Gahr Støre", "person", "Ap", "statsminister"),
      ("kuttet kommer i 2025", "indirect", "Jonas Gahr Støre", "person", "Ap", "statsminister")],
     {"id": "n1", "outlet": "Østlendingen", "published": "2024-10-01T08:00:00+02:00"}),
    ("Høyre refser skatteplanen\n\nErna Solberg (H) kaller kuttet «et valgflesk uten dekning».\n\n"
     "– Skatten for bedriftene øker, sier Solberg.",
     [("«et valgflesk uten dekning»", "mixed", "Erna Solberg", "person", "H", None),
      ("Skatten for bedriftene øker", "direct", "Erna Solberg", "person", "H", None)],
     {"id": "n2", "outlet": "Vestlandsposten", "published": "2024-10-03"}),
    ("Blåbærsesongen er i gang\n\n– Det er mye blåbær i Østmarka i år, sier soppkontrollør Eva Li.",
     [("Det er mye blåbær i Østmarka i år", "direct", "Eva Li", "person", None, "soppkontrollør")],
     {"id": "n3", "outlet": "Østlendingen", "published": "2024-08-15"}),
]


@pytest.fixture
def store(conn, writer, article):
    writer.write([article(text, quotes, source=f"korpus.jsonl:{n}", meta=meta)
                  for n, (text, quotes, meta) in enumerate(ARTICLES, 1)])
    return conn


def texts(hits):
    return [h.text for h in hits]


def test_search_all_words_must_match_and_are_highlighted(store):
    (hit,) = search(store, "kutte skatten")
    assert hit.text == "Vi skal kutte skatten for folk med lave inntekter"
    assert hit.highlighted == "Vi skal <mark>kutte</mark> <mark>skatten</mark> for folk med lave inntekter"
    assert (hit.speaker, hit.party, hit.role, hit.outlet, hit.ext_id) == ("Jonas Gahr Støre", "Ap", "statsminister", "Østlendingen", "n1")


def test_search_is_case_blind_but_keeps_aeoeaa_apart(store):
    assert texts(search(store, "BLÅBÆR")) == ["Det er mye blåbær i Østmarka i år"]
    assert search(store, "blabaer") == [] and search(store, "ostmarka") == []


def test_search_prefix_and_phrase(store):
    assert sorted(texts(search(store, "skatt*"))) == ["Skatten for bedriftene øker", "Vi skal kutte skatten for folk med lave inntekter"]
    assert texts(search(store, '"uten dekning"')) == ["«et valgflesk uten dekning»"]
    assert search(store, '"dekning uten"') == []


@pytest.mark.parametrize(
    "filters, expected",
    [
        ({"speaker": "støre"}, ["Vi skal kutte skatten for folk med lave inntekter", "kuttet kommer i 2025"]),
        ({"speaker": "GAHR STØRE", "type": "indirect"}, ["kuttet kommer i 2025"]),
        ({"outlet": "østlendingen"}, ["Vi skal kutte skatten for folk med lave inntekter", "kuttet kommer i 2025",
                                      "Det er mye blåbær i Østmarka i år"]),
        ({"type": "mixed"}, ["«et valgflesk uten dekning»"]),
        ({"since": "2024-10-02"}, ["«et valgflesk uten dekning»", "Skatten for bedriftene øker"]),
        ({"until": "2024-10-01"}, ["Vi skal kutte skatten for folk med lave inntekter", "kuttet kommer i 2025",
                                   "Det er mye blåbær i Østmarka i år"]),
        ({"since": "2024-10-01", "until": "2024-10-01"}, ["Vi skal kutte skatten for folk med lave inntekter",
                                                          "kuttet kommer i 2025"]),
        ({"speaker": "%"}, []),
    ],
)
def test_search_filters_without_words(store, filters, expected):
    assert sorted(texts(search(store, "", **filters))) == sorted(expected)


def test_search_words_and_filters_together(store):
    hits = search(store, "skatt*", speaker="Solberg", since="2024-10-03", until="2024-10-03", outlet="Vestlandsposten")
    assert [(h.text, h.type, h.published) for h in hits] == [("Skatten for bedriftene øker", "direct", "2024-10-03")]
    assert search(store, "skatt*", speaker="Solberg", type="indirect") == []


def test_search_without_words_lists_newest_first_and_limits(store):
    hits = search(store, "", limit=2)
    assert [h.published[:10] for h in hits] == ["2024-10-03", "2024-10-03"]


def test_search_raw_fts5_syntax(store):
    assert len(search(store, "blåbær OR valgflesk", raw=True)) == 2
    with pytest.raises(StoreError, match=r"^E054"):
        search(store, "skatt AND (", raw=True)


def test_search_plain_words_never_break_fts5_syntax(store):
    for query in ('skatt-kutt', 'Støre\'s "halve', "AND OR NOT", "(2025)", "*", "e-post: x@y.no"):
        search(store, query)


@pytest.mark.parametrize("filters, code", [({"since": "1. oktober"}, "E055"), ({"until": "2024-13-01"}, "E055"),
                                           ({"type": "rykte"}, "E056")])
def test_search_bad_filters_are_named(store, filters, code):
    with pytest.raises(StoreError, match=rf"^{code}"):
        search(store, "skatt", **filters)


def test_escape_query():
    assert escape_query('kutte skatt* "uten dekning"') == '"kutte" "skatt"* "uten dekning"'
    assert escape_query('halv "frase') == '"halv" "frase"'
