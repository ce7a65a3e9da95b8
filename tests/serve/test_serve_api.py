"""The HTTP API on a small ingested store: extract, ingest, search, speakers, articles, stats, limits."""

from __future__ import annotations

import sqlite3

import pytest
from serve_data import RECORDS, TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}
DRAFT = ("Ny bru over fjorden\n\n– Vi bygger brua innen 2028, sier samferdselsminister Ola Bakke (Sp).\n\n"
         "Ifølge Statens vegvesen blir prisen over to milliarder kroner.")


def test_serve_extract_is_the_article_json_of_sitat_extract(client, pipeline):
    import sitat

    r = client.post("/api/extract", json={"text": DRAFT, "lang": "nb"})
    assert r.status_code == 200, r.text
    body = r.json()
    expected = sitat.extract(DRAFT, lang="nb", source="api", nlp=pipeline).to_dict()
    assert body == expected
    assert body["quotes"], "the dash quote should be found"
    for quote in body["quotes"]:
        assert DRAFT[quote["start"]:quote["end"]] == quote["text"]  # offsets are str indices into the text sent
    assert any(q["speaker"]["name"] == "Ola Bakke" for q in body["quotes"])


def test_serve_extract_reads_html(client):
    page = ("<html><head><title>Ny bru over fjorden</title></head><body><article><h1>Ny bru over fjorden</h1>"
            "<p>Fylket har vedtatt å bygge ny bru over fjorden, og arbeidet starter til våren.</p>"
            "<p>– Vi bygger brua innen 2028, sier samferdselsminister Ola Bakke (Sp) til avisen.</p>"
            "<p>Pendlerne har ventet på brua i mange år, og mange av dem er glade for vedtaket.</p>"
            "</article></body></html>")
    r = client.post("/api/extract", json={"html": page})
    assert r.status_code == 200, r.text
    assert any("bygger brua" in q["text"] for q in r.json()["quotes"])


@pytest.mark.parametrize("body", [{}, {"text": "   "}, {"text": 5}, {"text": "Hei", "lang": "sv"}, {"tekst": "Hei"}])
def test_serve_extract_rejects_bad_bodies_with_a_message(client, body):
    r = client.post("/api/extract", json=body)
    assert r.status_code == 422
    assert r.json()["detail"][0]["msg"]


def test_serve_extract_html_without_text_is_400(client):
    r = client.post("/api/extract", json={"html": "<html><body><script>var x = 1;</script></body></html>"})
    assert r.status_code == 400
    assert r.json()["detail"].startswith("E047")


def test_serve_malformed_json_is_a_clear_422(client):
    r = client.post("/api/extract", content=b'{"text": "Hei', headers={"Content-Type": "application/json"})
    assert r.status_code == 422
    assert "json" in str(r.json()["detail"]).lower()


def test_serve_body_over_limit_is_413(client):
    big = "– Dette er for langt, sier Kari Nordvik.\n\n" * 60_000  # ~2.5 MB
    r = client.post("/api/extract", json={"text": big})
    assert r.status_code == 413
    assert "limit" in r.json()["detail"]


def test_serve_streamed_body_over_limit_is_413(client):
    def chunks():
        yield b'{"text": "'
        for _ in range(40):
            yield b"a" * 65536
        yield b'"}'

    r = client.post("/api/extract", content=chunks(), headers={"Content-Type": "application/json"})
    assert r.status_code == 413


def test_serve_extract_timeout_is_504(serve_db, pipeline):
    from fastapi.testclient import TestClient

    from sitat.serve import create_app

    with TestClient(create_app(serve_db, nlp=pipeline, extract_timeout_s=0.0)) as c:
        r = c.post("/api/extract", json={"text": DRAFT * 50})
    assert r.status_code == 504
    assert "longer than" in r.json()["detail"]


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer feil"}, {"Authorization": f"Basic {TOKEN}"}])
def test_serve_ingest_needs_the_token(client, headers, stored):
    before = stored("SELECT count(*) FROM articles")[0][0]
    r = client.post("/api/articles", json={"id": "uten-lov", "text": DRAFT}, headers=headers)
    assert r.status_code == 401
    assert "token" in r.json()["detail"]
    assert stored("SELECT count(*) FROM articles")[0][0] == before


def test_serve_ingest_stores_good_articles_and_reports_bad_ones(client, stored):
    batch = [
        {"id": "api-1", "outlet": "Fjordabladet", "published": "2024-04-02", "title": "Ny bru over fjorden", "text": DRAFT},
        {"id": "api-2", "title": "Uten tekst"},
        {"id": "api-3", "published": "i går", "text": DRAFT},
        {"title": "Uten id", "text": DRAFT.replace("2028", "2030")},
    ]
    r = client.post("/api/articles", json=batch, headers=AUTH)
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["ingested"], body["failed"]) == (2, 2)
    assert body["errors"][0].startswith("E043 request:2") and body["errors"][1].startswith("E045 request:3")
    first, _, _, fourth = body["article_ids"]
    assert body["article_ids"][1:3] == [None, None] and first and fourth and first != fourth
    assert stored("SELECT outlet, published FROM articles WHERE ext_id = 'api-1'") == [("Fjordabladet", "2024-04-02")]
    article = client.get(f"/api/articles/{first}").json()
    assert any(q["text"] == "Vi bygger brua innen 2028" or "bygger brua" in q["text"] for q in article["quotes"])

    again = client.post("/api/articles", json=batch[0], headers=AUTH).json()
    assert (again["ingested"], again["skipped"], again["article_ids"]) == (0, 1, [first])


def test_serve_ingest_of_new_anonymous_articles_never_replaces_another(client, stored):
    one = {"title": "Første", "text": "– Vi er fornøyde med året, sier styreleder Eva Holm."}
    two = {"title": "Andre", "text": "– Vi er skuffet over året, sier styreleder Jon Dahl."}
    ids = [client.post("/api/articles", json=body, headers=AUTH).json()["article_ids"][0] for body in (one, two)]
    assert ids[0] != ids[1]
    assert {t for (t,) in stored("SELECT title FROM articles WHERE id IN (?, ?)", tuple(ids))} == {"Første", "Andre"}


def test_serve_article_has_text_quotes_and_exact_offsets(client, stored):
    (article_id,) = stored("SELECT id FROM articles WHERE ext_id = 'nb-2024-0210'")[0]
    a = client.get(f"/api/articles/{article_id}").json()
    assert a["title"] == "Skattekutt for pensjonister" and a["outlet"] == "Nyhetsbyrået"
    assert a["text"] == RECORDS[1]["text"]
    assert len(a["quotes"]) >= 2
    for q in a["quotes"]:
        assert a["text"][q["start"]:q["end"]] == q["text"]
        if q["cue"]:
            assert a["text"][q["cue"]["start"]:q["cue"]["end"]] == q["cue"]["text"]
        if q["mention"]:
            assert a["text"][q["mention"]["start"]:q["mention"]["end"]] == q["mention"]["text"]
    for m in a["mentions"]:
        assert a["text"][m["start"]:m["end"]] == m["text"]
    names = {s["speaker_name"] for s in a["speakers"]}
    assert {"Torstein Haugland", "Marte Lunde"} <= names


def test_serve_missing_things_are_404_json(client):
    for url in ("/api/articles/987654", "/api/speakers/987654", "/api/nothing"):
        r = client.get(url)
        assert r.status_code == 404 and r.headers["content-type"].startswith("application/json")
        assert r.json()["detail"]


def test_serve_quotes_search_filters_and_highlights(client):
    hits = client.get("/api/quotes", params={"q": "pensjonist*"}).json()["items"]
    assert hits and all("pensjonist" in h["text"].lower() for h in hits)
    for h in hits:
        assert h["matches"] and all(h["text"][s:e].lower().startswith("pensjonist") for s, e in h["matches"])
        assert "<mark>" in h["highlighted"]
    by_speaker = client.get("/api/quotes", params={"speaker": "haugland"}).json()["items"]
    assert by_speaker and {h["speaker"] for h in by_speaker} == {"Torstein Haugland"}
    by_outlet = client.get("/api/quotes", params={"outlet": "vestlandsposten"}).json()["items"]
    assert by_outlet and {h["outlet"] for h in by_outlet} == {"Vestlandsposten"}
    dated = client.get("/api/quotes", params={"since": "2024-02-01", "until": "2024-02-28"}).json()["items"]
    assert dated and {h["published"][:10] for h in dated} == {"2024-02-10"}
    direct = client.get("/api/quotes", params={"type": "direct"}).json()["items"]
    assert direct and {h["type"] for h in direct} == {"direct"}


def test_serve_quotes_pages_do_not_overlap(client):
    first = client.get("/api/quotes", params={"limit": 5}).json()
    second = client.get("/api/quotes", params={"limit": 5, "offset": first["next_offset"]}).json()
    assert first["next_offset"] == 5 and len(first["items"]) == 5
    assert not {h["quote_id"] for h in first["items"]} & {h["quote_id"] for h in second["items"]}
    everything = client.get("/api/quotes", params={"limit": 100}).json()
    assert everything["next_offset"] is None
    assert [h["quote_id"] for h in everything["items"][:10]] == [h["quote_id"] for h in first["items"] + second["items"]]


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 101}, {"offset": -1}, {"since": "i fjor"},
                                    {"type": "sitat"}, {"until": "2024-13-01"}])
def test_serve_quotes_rejects_bad_parameters(client, params):
    r = client.get("/api/quotes", params=params)
    assert r.status_code == 422


def test_serve_speakers_list_and_profile(client):
    page = client.get("/api/speakers", params={"limit": 50}).json()
    assert page["items"] and page["items"][0]["quotes"] >= page["items"][-1]["quotes"]
    haugland = client.get("/api/speakers", params={"q": "haugland"}).json()["items"]
    assert [s["name"] for s in haugland] == ["Torstein Haugland"]
    profile = client.get(f"/api/speakers/{haugland[0]['speaker_id']}").json()
    assert profile["quotes"] == haugland[0]["quotes"] and profile["gender"] == "m"
    assert profile["role_type"] == "politician"
    assert any(r["role"] == "finansminister" for r in profile["roles"])
    assert {"month": "2024-02", "quotes": 1} in profile["timeline"]
    assert {o["outlet"] for o in profile["outlets"]} >= {"Nyhetsbyrået"}
    assert profile["latest_quotes"][0]["text"]


def test_serve_stats_match_the_analytics_numbers(client, serve_db):
    from sitat.analytics import open_readonly, stats

    r = client.get("/api/stats", params={"by": "month"})
    assert r.status_code == 200
    conn = open_readonly(serve_db)
    try:
        expected = stats(conn, by="month")
    finally:
        conn.close()
    body = r.json()
    assert body["totals"] == expected["totals"]
    assert [g["key"] for g in body["groups"]] == [g["key"] for g in expected["groups"]]
    assert client.get("/api/stats", params={"by": "nothing"}).status_code == 422


def test_serve_queries_use_read_only_connections(app):
    conn = app.state.store.connection()
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        conn.execute("DELETE FROM quote_spans")


def test_serve_missing_store_is_503_with_the_next_step(tmp_path):
    from fastapi.testclient import TestClient

    from sitat.serve import create_app

    with TestClient(create_app(tmp_path / "finnes-ikke.db")) as c:
        r = c.get("/api/quotes")
        page = c.get("/")
    assert r.status_code == 503 and "sitat ingest" in r.json()["detail"]
    assert page.status_code == 503 and "sitat ingest" in page.text
    assert not (tmp_path / "finnes-ikke.db").exists()


def test_serve_cors_is_off_unless_origins_are_given(client, serve_db):
    from fastapi.testclient import TestClient

    from sitat.serve import create_app

    origin = {"Origin": "https://redaksjon.example"}
    assert "access-control-allow-origin" not in client.get("/api/stats", headers=origin).headers
    with TestClient(create_app(serve_db, cors_origins=["https://redaksjon.example"])) as c:
        assert c.get("/api/stats", headers=origin).headers["access-control-allow-origin"] == "https://redaksjon.example"


def test_serve_settings_are_on_app_state(app, serve_db):
    assert app.state.db_path == serve_db and app.state.api_token == TOKEN


def test_serve_loads_the_pipeline_once(serve_db, monkeypatch):
    """Two apps, many requests: the shipped pipeline is loaded once per process (lazily)."""
    from fastapi.testclient import TestClient

    from sitat.serve import create_app, extraction

    assert extraction.shared_pipeline() is extraction.shared_pipeline()
    calls = []
    real = extraction.shared_pipeline
    monkeypatch.setattr(extraction, "shared_pipeline", lambda: calls.append(1) or real())
    app = create_app(serve_db)
    with TestClient(app) as c:
        assert calls == []  # nothing loads it before a request needs it
        for _ in range(2):
            assert c.post("/api/extract", json={"text": DRAFT}).status_code == 200
    assert len(calls) == 1 and app.state.extractor.pipeline() is real()


def test_serve_openapi_documents_every_route(client):
    spec = client.get("/openapi.json").json()
    paths = {(p, m) for p, ops in spec["paths"].items() for m in ops}
    assert {("/api/extract", "post"), ("/api/articles", "post"), ("/api/quotes", "get"), ("/api/speakers", "get"),
            ("/api/speakers/{speaker_id}", "get"), ("/api/articles/{article_id}", "get"), ("/api/stats", "get")} <= paths
    assert not any(p.startswith(("/artikler", "/talere", "/utkast", "/oversikt")) for p, _ in paths)
    assert client.get("/docs").status_code == 200


def test_serve_api_docs_work_offline(client):
    # Swagger UI's script and styles come from this server, not a CDN.
    page = client.get("/docs").text
    assert "cdn." not in page and "/docs-assets/swagger-ui-bundle.js" in page
    script = client.get("/docs-assets/swagger-ui-bundle.js")
    assert script.status_code == 200 and len(script.content) > 100_000
    assert client.get("/docs-assets/swagger-ui.css").status_code == 200
