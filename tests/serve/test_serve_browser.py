"""The five pages in a real browser: Debian's chromium, headless, driven by Playwright, against a
uvicorn server on a free loopback port. Screenshots go to tests/serve/artifacts/."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / "artifacts"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run"]
DRAFT = ("Ny bru over fjorden\n\n– Vi bygger brua innen 2028, sier samferdselsminister Ola Bakke (Sp).\n\n"
         "Ordfører Siri Vik (H) sier at kommunen vil bidra med penger.")

pytestmark = pytest.mark.skipif(not CHROMIUM.is_file(), reason=f"{CHROMIUM} not found: install Debian's chromium "
                                "(apt-get install chromium; .ci/run does) to run the browser tests")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def base_url(app):
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, base_url):
    """A fresh page that records script dialogs and console errors (CSP violations show there)."""
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900}, locale="nb-NO")
    p = context.new_page()
    p.dialogs, p.errors = [], []
    p.on("dialog", lambda d: (p.dialogs.append(d.message), d.dismiss()))
    p.on("console", lambda m: p.errors.append(m.text) if m.type == "error" else None)
    p.on("pageerror", lambda e: p.errors.append(str(e)))
    yield p
    assert p.dialogs == [], f"a script ran: {p.dialogs}"
    assert p.errors == [], f"browser errors: {p.errors}"
    context.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_serve_browser_search_open_article_see_highlights_open_speaker(page):
    page.goto("/")
    page.get_by_label("Søkeord").fill("pensjonist*")
    page.get_by_role("button", name="Søk").click()
    page.wait_for_url("**/?q=*")
    hits = page.locator("li.hit")
    assert hits.count() >= 1
    assert page.locator("li.hit mark").first.inner_text().lower().startswith("pensjonist")
    shot(page, "1-sok")

    hits.first.locator("a.article").click()
    page.wait_for_url("**/artikler/*")
    quotes = page.locator("#article-text .q")
    assert quotes.count() >= 2 and page.locator("#article-text .cue").count() >= 1
    assert page.locator("#article-text .mention").count() >= 1
    haugland = page.locator("#article-text .q", has_text="tøff vinter").first
    haugland.hover()
    card = page.locator("#sitat-card")
    card.wait_for(state="visible")
    assert "Torstein Haugland" in card.inner_text() and "finansminister" in card.inner_text()
    shot(page, "2-artikkel")

    haugland.click()  # pins the card, so its link can be followed
    card.get_by_role("link", name="Torstein Haugland").click()
    page.wait_for_url("**/talere/*")
    assert page.locator("h1").inner_text() == "Torstein Haugland"
    assert page.locator("figure.timeline rect.bar").count() >= 1
    assert "finansminister" in page.locator("table.roles").inner_text()
    shot(page, "3-person")


def test_serve_browser_dashboard_draws_charts(page):
    page.goto("/oversikt")
    charts = page.locator("figure.chart > svg")
    assert charts.count() >= 12
    assert page.locator('figure[data-dimension="gender"] rect').count() >= 2
    box = charts.first.bounding_box()
    assert box and box["width"] > 200
    shot(page, "4-kildebalanse")


def test_serve_browser_paste_a_draft(page):
    page.goto("/utkast")
    page.get_by_label("Utkast").fill(DRAFT)
    page.get_by_role("button", name="Sjekk utkastet").click()
    page.locator("#draft-result").wait_for()
    assert "Ola Bakke" in page.locator("table.statements").inner_text()
    assert page.locator("#draft-marked .q").count() >= 2
    page.locator("#draft-marked .q").first.hover()
    page.locator("#sitat-card").wait_for(state="visible")
    assert "Ola Bakke" in page.locator("#sitat-card").inner_text()
    assert page.locator("#draft-result figure.chart > svg").count() == 4
    shot(page, "5-utkast")


def test_serve_browser_runs_no_script_from_hostile_text(page, hostile_article_id):
    page.goto(f"/artikler/{hostile_article_id}")
    text = page.locator("#article-text").inner_text()
    assert '<script>alert("sitat-xss")</script>' in text  # shown as text
    assert page.locator("#article-text script, #article-text img, #article-text b").count() == 0
    page.locator("#article-text .q").first.hover()
    page.goto("/?q=godtar")
    page.goto("/oversikt")
    shot(page, "6-fiendtlig-tekst")
