"""/api/feeds on a small FastAPI app with the state the server keeps (db_path, api_token)."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from sitat.feeds.api import router


def client_for(tmp_path, token: str | None) -> TestClient:
    app = FastAPI()
    app.state.db_path = tmp_path / "nyheter.db"
    app.state.api_token = token
    app.include_router(router)
    return TestClient(app)


FEED = {"url": "https://www.vestlandsposten.example/rss/innenriks.xml", "outlet": "Vestlandsposten", "language": "nb",
        "interval": 600}


def test_api_feeds_add_update_and_list(tmp_path):
    client = client_for(tmp_path, "hemmelig-nøkkel".encode().hex())
    auth = {"Authorization": "Bearer " + "hemmelig-nøkkel".encode().hex()}
    assert client.get("/api/feeds").json() == []
    created = client.post("/api/feeds", json=FEED, headers=auth)
    assert created.status_code == 201
    body = created.json()
    assert (body["url"], body["outlet"], body["lang"], body["interval_s"], body["origin"]) == (
        FEED["url"], "Vestlandsposten", "nb", 600, "api")
    assert body["last_success_at"] is None and body["items"] == 0 and body["active"] is True

    updated = client.post("/api/feeds", json=FEED | {"outlet": "VP", "language": "auto"}, headers=auth)
    assert updated.status_code == 200 and updated.json()["outlet"] == "VP" and updated.json()["lang"] is None
    listed = client.get("/api/feeds").json()
    assert [(f["url"], f["outlet"]) for f in listed] == [(FEED["url"], "VP")]


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer feil"}, {"Authorization": "Basic abc"}])
def test_api_feeds_post_needs_the_token(tmp_path, headers):
    client = client_for(tmp_path, "riktig")
    response = client.post("/api/feeds", json=FEED, headers=headers)
    assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"
    assert "API-nøkkel" in response.json()["detail"]
    assert client.get("/api/feeds").json() == []


def test_api_feeds_open_when_no_token_is_set(tmp_path):
    assert client_for(tmp_path, None).post("/api/feeds", json=FEED).status_code == 201


@pytest.mark.parametrize("body, field", [
    ({"url": "ftp://example.no/rss"}, "url"),
    ({"url": "nyheter.rss"}, "url"),
    (FEED | {"language": "sv"}, "language"),
    (FEED | {"interval": 1}, "interval"),
    ({"outlet": "NRK"}, "url"),
])
def test_api_feeds_bad_input_is_422(tmp_path, body, field):
    response = client_for(tmp_path, None).post("/api/feeds", json=body)
    assert response.status_code == 422
    assert field in {str(part) for error in response.json()["detail"] for part in error["loc"]}


def test_sitat_serve_app_serves_the_feeds_api(tmp_path):
    from sitat.serve import create_app
    from sitat.store.database import connect

    db = tmp_path / "nyheter.db"
    connect(db).close()  # an empty, migrated store, as `sitat serve` expects
    client = TestClient(create_app(db, api_token="riktig"))
    assert client.post("/api/feeds", json=FEED).status_code == 401
    assert client.post("/api/feeds", json=FEED, headers={"Authorization": "Bearer riktig"}).status_code == 201
    assert [f["outlet"] for f in client.get("/api/feeds").json()] == ["Vestlandsposten"]
    assert "/api/feeds" in client.get("/openapi.json").json()["paths"]
