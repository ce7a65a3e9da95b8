"""Hostile input: quote text, titles and outlets holding HTML and script come out escaped on every
page; SQL in query parameters is only ever data."""

from __future__ import annotations

import re

import pytest
from markupsafe import escape
from serve_data import HOSTILE, SCRIPT_QUOTE, TOKEN

# What must never appear raw in a page: a tag or handler taken from the hostile record.
RAW = [re.compile(p) for p in (r"<script>alert", r"<img src=x", r"<b onmouseover", r"<svg onload", r"onerror=alert\(2\)>")]


def assert_escaped(page: str, where: str) -> None:
    for pattern in RAW:
        assert not pattern.search(page), f"{where}: {pattern.pattern!r} appears unescaped"


def test_serve_hostile_quote_is_stored_as_a_quote(client, hostile_article_id):
    """The probe is real: the extractor keeps the script text inside a quote."""
    article = client.get(f"/api/articles/{hostile_article_id}").json()
    assert any(SCRIPT_QUOTE in q["text"] for q in article["quotes"])
    assert article["title"].startswith("<script>")


def test_serve_hostile_text_is_escaped_on_every_page(client, hostile_article_id):
    article = client.get(f"/api/articles/{hostile_article_id}").json()
    speaker_ids = {q["speaker_id"] for q in article["quotes"] if q["speaker_id"]}
    assert speaker_ids
    pages = ["/", "/?q=godtar", "/?q=angrepet", "/?q=script", f"/artikler/{hostile_article_id}", "/talere",
             "/talere?q=nordvik", "/oversikt", "/oversikt?since=2024-03-01", "/utkast",
             *(f"/talere/{sid}" for sid in speaker_ids)]
    for url in pages:
        r = client.get(url)
        assert r.status_code == 200, url
        assert_escaped(r.text, url)
    article_page = client.get(f"/artikler/{hostile_article_id}").text
    assert str(escape(SCRIPT_QUOTE)) in article_page  # shown, as text
    search_page = client.get("/?q=godtar").text
    assert "&lt;script&gt;alert" in search_page


def test_serve_hostile_draft_is_escaped(client):
    text = "Hackere på ferde\n\n" + "\n\n".join(f"– {probe} er farlig, sier sjef Ola Nilsen." for probe in HOSTILE)
    r = client.post("/utkast", data={"tekst": text})
    assert r.status_code == 200
    assert_escaped(r.text, "/utkast (POST)")
    assert "&lt;script&gt;" in r.text


def test_serve_hostile_search_words_are_escaped(client):
    r = client.get("/", params={"q": '"><script>alert(1)</script>', "speaker": "<img src=x onerror=alert(2)>"})
    assert r.status_code == 200
    assert_escaped(r.text, "search form echo")


def test_serve_api_highlighted_html_is_escaped(client):
    hits = client.get("/api/quotes", params={"q": "godtar"}).json()["items"]
    assert hits and "<script>" in hits[0]["text"]
    assert "<script>" not in hits[0]["highlighted"] and "<mark>godtar</mark>" in hits[0]["highlighted"]


def test_serve_pages_send_a_strict_content_security_policy(client):
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


INJECTIONS = [
    "' OR 1=1 --", "'; DROP TABLE quotes; --", '" OR ""="', "%' OR '1'='1", "x' UNION SELECT name, sql FROM sqlite_master --",
    "1; SELECT * FROM articles", "NEAR(", ")", "quotes_fts MATCH 'a'", "\\", "%", "_", "qqq' -- *",
]


@pytest.mark.parametrize("value", INJECTIONS)
@pytest.mark.parametrize("param", ["q", "speaker", "outlet"])
def test_serve_sql_injection_in_quote_search_is_only_data(client, stored, param, value):
    before = stored("SELECT count(*) FROM quotes")[0][0]
    r = client.get("/api/quotes", params={param: value, "limit": 100})
    assert r.status_code in (200, 400), r.text
    if r.status_code == 200:
        # None of these strings is in a quote, a speaker's name or an outlet: nothing may match.
        assert r.json()["items"] == [], (param, value)
    page = client.get("/", params={param: value})
    assert page.status_code in (200, 400)
    assert stored("SELECT count(*) FROM quotes")[0][0] == before


@pytest.mark.parametrize("value", INJECTIONS)
def test_serve_sql_injection_in_speaker_search_and_dates(client, value):
    assert client.get("/api/speakers", params={"q": value}).json()["items"] == []
    assert client.get("/api/quotes", params={"since": value}).status_code == 422
    assert client.get("/api/stats", params={"until": value}).status_code == 422
    assert client.get(f"/api/articles/{value}").status_code in (404, 422)


def test_serve_token_is_not_leaked_in_errors(client):
    r = client.post("/api/articles", json={"text": "x"}, headers={"Authorization": "Bearer nesten"})
    assert TOKEN not in r.text


@pytest.mark.parametrize("value", ['"', "*", '""', "* *"])
def test_serve_query_of_only_operators_lists_the_newest_quotes(client, value):
    newest = client.get("/api/quotes").json()["items"]
    assert client.get("/api/quotes", params={"q": value}).json()["items"] == newest


@pytest.mark.parametrize("url", ["/api/articles/99999999999999999999", "/api/speakers/99999999999999999999",
                                 "/api/articles/0", "/api/speakers/-4", "/api/quotes?speaker_id=99999999999999999999"])
def test_serve_ids_outside_sqlite_integers_are_422_not_500(client, url):
    assert client.get(url).status_code == 422
