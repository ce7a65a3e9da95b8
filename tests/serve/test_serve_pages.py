"""The web pages, read as HTML: search, article, speaker, speakers, dashboard, draft checker."""

from __future__ import annotations

import html
import json
import re

DRAFT = ("Ny bru over fjorden\n\n– Vi bygger brua innen 2028, sier samferdselsminister Ola Bakke (Sp).\n\n"
         "Ordfører Siri Vik (H) sier at kommunen vil bidra med penger.")


def marked_text(page: str, element_id: str) -> str:
    """The text shown in a marked-text element, labels left out, entities decoded."""
    body = re.search(rf'id="{element_id}">(.*?)</div>', page, re.DOTALL).group(1)
    body = re.sub(r'<span class="lbl[^"]*"[^>]*>[^<]*</span>', "", body)
    return html.unescape(re.sub(r"<[^>]+>", "", body))


def popups(page: str) -> dict:
    return json.loads(re.search(r'<script type="application/json" id="sitat-popups">(.*?)</script>', page, re.DOTALL).group(1))


def article_id(stored, ext_id: str) -> int:
    return stored("SELECT id FROM articles WHERE ext_id = ?", (ext_id,))[0][0]


def test_serve_search_page_lists_hits_with_speaker_outlet_date_and_highlight(client):
    r = client.get("/", params={"q": "pensjonist*"})
    assert r.status_code == 200 and '<html lang="nb">' in r.text
    assert "<mark>Pensjonistene</mark>" in r.text or "<mark>pensjonistene</mark>" in r.text
    assert "Torstein Haugland" in r.text and "Nyhetsbyrået" in r.text and "2024-02-10" in r.text
    assert re.search(r'href="/talere/\d+"', r.text) and re.search(r'href="/artikler/\d+#q\d+"', r.text)


def test_serve_search_page_filters_and_pages(client):
    r = client.get("/", params={"outlet": "Vestlandsposten", "type": "direct"})
    assert "Vestlandsposten" in r.text and "Nyhetsbyrået</span>" not in r.text
    first = client.get("/")
    assert 'rel="next"' in first.text
    second = client.get("/", params={"side": 2})
    assert 'rel="prev"' in second.text
    hits = lambda page: re.findall(r'href="/artikler/\d+#q(\d+)"', page)
    assert not set(hits(first.text)) & set(hits(second.text))


def test_serve_search_page_says_when_a_date_is_wrong(client):
    r = client.get("/", params={"since": "forrige uke"})
    assert r.status_code == 200 and "ikke en dato" in r.text


def test_serve_article_page_marks_every_quote_and_keeps_the_text_exact(client, stored):
    aid = article_id(stored, "nb-2024-0210")
    text, = stored("SELECT text FROM articles WHERE id = ?", (aid,))[0]
    quotes = stored('SELECT id, "start", "end", speaker_id FROM quotes WHERE article_id = ?', (aid,))
    page = client.get(f"/artikler/{aid}").text
    assert marked_text(page, "article-text") == text
    assert {int(q) for q in re.findall(r'class="q spk-[\w-]+[^"]*" id="q\d+" data-q="(\d+)"', page)} == {q[0] for q in quotes}
    assert 'class="cue' in page or ' cue"' in page
    assert "mention" in page
    data = popups(page)
    assert set(data["quotes"]) == {str(q[0]) for q in quotes}
    named = [v["speaker"] for v in data["quotes"].values() if v["speaker"]]
    assert {"Torstein Haugland", "Marte Lunde"} <= {s["name"] for s in named}
    assert all(s["url"].startswith("/talere/") for s in named)
    haugland = next(s for s in named if s["name"] == "Torstein Haugland")
    assert haugland["role"] == "finansminister" and haugland["party"] == "Ap"


def test_serve_article_page_colours_speakers_apart(client, stored):
    aid = article_id(stored, "nb-2024-0210")
    page = client.get(f"/artikler/{aid}").text
    colour_of = {}
    for colour, qid in re.findall(r'class="q (spk-[\w-]+)[^"]*"[^>]*data-q="(\d+)"', page):
        colour_of[int(qid)] = colour
    by_speaker = {}
    for qid, sid in stored("SELECT id, speaker_id FROM quotes WHERE article_id = ?", (aid,)):
        by_speaker.setdefault(sid, set()).add(colour_of[qid])
    assert all(len(c) == 1 for c in by_speaker.values())  # one colour per speaker
    assert len({next(iter(c)) for c in by_speaker.values()}) == len(by_speaker)  # different speakers, different colours


def test_serve_speaker_page_has_profile_roles_timeline_and_outlets(client):
    sid = client.get("/api/speakers", params={"q": "haugland"}).json()["items"][0]["speaker_id"]
    page = client.get(f"/talere/{sid}").text
    assert "<h1>Torstein Haugland</h1>" in page
    assert "finansminister" in page and "Roller over tid" in page
    assert "<svg" in page and len(re.findall(r'<rect class="bar"', page)) >= 1
    assert "2024-02: 1 sitater" in page
    assert "Nyhetsbyrået" in page and "mann" in page and "politikere" in page


def test_serve_speakers_page_lists_and_finds(client):
    page = client.get("/talere", params={"q": "lunde"}).text
    assert "Marte Lunde" in page and "Torstein Haugland" not in page


def test_serve_dashboard_draws_balance_by_outlet_and_month(client):
    page = client.get("/oversikt").text
    for title in ("Kjønn", "Parti", "Rolletype", "Land"):
        assert f"<h2>{title}</h2>" in page
    assert page.count('data-dimension="gender"') == 3
    assert "Vestlandsposten" in page and "Nyhetsbyrået" in page and "2024-02" in page
    assert "kvinner" in page and "menn" in page
    assert re.search(r'<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="16" fill="#', page)
    filtered = client.get("/oversikt", params={"since": "2024-02-01", "until": "2024-02-28"}).text
    assert "2024-01" not in filtered


def test_serve_draft_checker_shows_statements_speakers_and_balance(client):
    assert 'name="tekst"' in client.get("/utkast").text
    r = client.post("/utkast", data={"tekst": DRAFT})
    assert r.status_code == 200
    assert marked_text(r.text, "draft-marked") == DRAFT
    assert "Ola Bakke" in r.text and "Vi bygger brua innen 2028" in r.text
    assert "<h2>Kilder</h2>" in r.text and "Siri Vik" in r.text
    assert "Kildebalanse i utkastet" in r.text and 'data-dimension="party"' in r.text
    data = popups(r.text)
    assert any(q["speaker"] and q["speaker"]["name"] == "Ola Bakke" for q in data["quotes"].values())


def test_serve_empty_draft_is_a_friendly_400(client):
    r = client.post("/utkast", data={"tekst": "  "})
    assert r.status_code == 400 and "Lim inn" in r.text


def test_serve_unknown_pages_are_norwegian_404s(client):
    for url in ("/artikler/987654", "/talere/987654", "/finnes-ikke"):
        r = client.get(url)
        assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
        assert "Fant ikke" in r.text or "finnes ingen" in r.text


def test_serve_dashboard_counts_what_was_just_stored(client, app):
    import time

    from serve_data import TOKEN

    def quotes_counted() -> tuple[int, bool]:
        page = client.get("/oversikt").text
        return int(re.search(r"(\d+) sitater \(", page).group(1)), "nye tall telles opp" in page

    before, _ = quotes_counted()
    assert quotes_counted() == (before, False)  # served from the cache, current
    app.state.balance.min_age_s = 0  # recount as soon as the store changes
    r = client.post("/api/articles", headers={"Authorization": f"Bearer {TOKEN}"},
                    json={"id": "oversikt-1", "text": "– Vi åpner skolen igjen i august, sier rektor Eva Strand."})
    assert r.json()["ingested"] == 1
    deadline = time.monotonic() + 20
    while (now := quotes_counted())[0] == before:  # the old numbers, marked as old, until the recount is done
        assert now[1] and time.monotonic() < deadline
        time.sleep(0.2)
    assert now[0] > before


def test_serve_dashboard_says_when_numbers_are_still_being_counted(serve_db, monkeypatch):
    import threading

    from fastapi.testclient import TestClient

    from sitat.serve import balance, create_app

    release = threading.Event()
    real = balance.stats
    monkeypatch.setattr(balance, "stats", lambda *a, **k: release.wait(10) and real(*a, **k))
    with TestClient(create_app(serve_db)) as c:
        c.app.state.balance.first_wait_s = 0.2
        r = c.get("/oversikt")
        release.set()
    assert r.status_code == 200 and "telles opp nå" in r.text and 'http-equiv="refresh"' in r.text


def test_serve_bad_page_parameters_are_html_errors(client):
    for url in ("/?side=0", "/?side=tre", "/?speaker_id=99999999999999999999999", "/talere?side=-1"):
        r = client.get(url)
        assert r.status_code == 422 and r.headers["content-type"].startswith("text/html"), url
        assert "Ugyldig adresse" in r.text
