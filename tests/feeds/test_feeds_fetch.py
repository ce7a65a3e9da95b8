"""The polite fetcher against the local site: robots.txt, pace, retries, size caps, redirects, 304."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sitat.feeds.fetch import Fetcher, FetchError

PAGE = "<html><body><article><p>Kort melding fra redaksjonen.</p></article></body></html>"


def test_fetch_sends_an_honest_user_agent(site, fetcher):
    site.add("/nyheter/a", PAGE)
    response = fetcher.get(site.base + "/nyheter/a", max_bytes=10_000)
    assert response.status == 200 and response.content == PAGE.encode()
    agent = site.hits("/nyheter/a")[0]["user-agent"]
    assert agent == "sitat/0.1.0 (+https://example.org/sitat-test)"
    assert site.hits("/robots.txt")[0]["user-agent"] == agent


def test_fetch_robots_txt_disallow_is_respected_and_read_once(site, fetcher):
    site.add("/privat/intern-notat", PAGE)
    site.add("/nyheter/b", PAGE)
    with pytest.raises(FetchError, match=r"^E087 .*/privat/intern-notat: robots.txt of 127.0.0.1:\d+ disallows") as err:
        fetcher.get(site.base + "/privat/intern-notat", max_bytes=10_000)
    assert not err.value.transient
    assert site.hits("/privat/intern-notat") == []
    fetcher.get(site.base + "/nyheter/b", max_bytes=10_000)
    assert len(site.hits("/robots.txt")) == 1


def test_fetch_without_robots_txt_everything_is_allowed(site, fetcher):
    del site.routes["/robots.txt"]
    site.add("/privat/intern-notat", PAGE)
    assert fetcher.get(site.base + "/privat/intern-notat", max_bytes=10_000).status == 200


def test_fetch_keeps_a_pace_per_host_and_honours_crawl_delay(site, fetcher, fake_clock):
    site.add("/a", PAGE)
    fetcher.get(site.base + "/a", max_bytes=10_000)   # robots.txt, then the page: 0.5 s apart
    fetcher.get(site.base + "/a", max_bytes=10_000)
    assert fake_clock.sleeps == [0.5, 0.5]
    site.routes["/robots.txt"].body = b"User-agent: sitat\nCrawl-delay: 4\n"
    slow = Fetcher(fetcher.settings, clock=fake_clock.clock, sleep=fake_clock.sleep)
    fake_clock.sleeps.clear()
    slow.get(site.base + "/a", max_bytes=10_000)
    slow.get(site.base + "/a", max_bytes=10_000)
    slow.close()
    assert fake_clock.sleeps == [4.0, 4.0]  # once read, the Crawl-delay paces every request


def test_fetch_retries_5xx_with_exponential_backoff(site, fetcher, fake_clock):
    site.add("/nyheter/ustabil", PAGE, fail_first=2)
    response = fetcher.get(site.base + "/nyheter/ustabil", max_bytes=10_000)
    assert response.status == 200
    assert len(site.hits("/nyheter/ustabil")) == 3
    # pace (0.5 after robots.txt), then back-off 1 s and 2 s; the pace is already kept by the back-off
    assert fake_clock.sleeps == [0.5, 1.0, 2.0]


def test_fetch_gives_up_after_the_retries_with_a_transient_error(site, fetcher):
    site.add("/nyheter/nede", "Intern feil", status=503, content_type="text/plain", headers={"Retry-After": "7"})
    with pytest.raises(FetchError, match=r"^E083 .*/nyheter/nede: could not fetch \(HTTP 503, 3 tries\)") as err:
        fetcher.get(site.base + "/nyheter/nede", max_bytes=10_000)
    assert err.value.transient
    assert len(site.hits("/nyheter/nede")) == 3


def test_fetch_retry_after_is_honoured(site, fetcher, fake_clock):
    site.add("/nyheter/opptatt", "Vent litt", status=429, content_type="text/plain", headers={"Retry-After": "7"})
    with pytest.raises(FetchError):
        fetcher.get(site.base + "/nyheter/opptatt", max_bytes=10_000)
    assert fake_clock.sleeps[-2:] == [7.0, 7.0]


def test_fetch_timeout_is_reported_and_retried(site, fetcher):
    site.add("/nyheter/treg", PAGE, delay=1.0)
    with pytest.raises(FetchError, match=r"no answer within 0.3 s, 3 tries"):
        fetcher.get(site.base + "/nyheter/treg", max_bytes=10_000)


@pytest.mark.parametrize("declared", [True, False])
def test_fetch_size_cap_stops_a_20_mb_page_early(site, fetcher, declared):
    megabyte = b"<p>" + b"x" * (1024 * 1024 - 7) + b"</p>\n"
    size = 20 * len(megabyte)
    site.add("/nyheter/stor", lambda: (megabyte for _ in range(20)),
             headers={"Content-Length": str(size)} if declared else {}, length=False)
    with pytest.raises(FetchError, match=r"^E084 .*/nyheter/stor: over the size limit of 1000000 bytes") as err:
        fetcher.get(site.base + "/nyheter/stor", max_bytes=1_000_000)
    assert not err.value.transient


def test_fetch_follows_redirects_and_stops_loops(site, fetcher):
    site.add("/gammel-adresse", status=301, headers={"Location": "/nyheter/ny-adresse"})
    site.add("/nyheter/ny-adresse", PAGE)
    response = fetcher.get(site.base + "/gammel-adresse", max_bytes=10_000)
    assert response.url == site.base + "/nyheter/ny-adresse"
    assert response.chain == [site.base + "/gammel-adresse", site.base + "/nyheter/ny-adresse"]
    site.add("/sloyfe/a", status=302, headers={"Location": "/sloyfe/b"})
    site.add("/sloyfe/b", status=302, headers={"Location": "/sloyfe/a"})
    with pytest.raises(FetchError, match=r"^E086 .*/sloyfe/a: redirect loop \(.*/sloyfe/a → .*/sloyfe/b → .*/sloyfe/a\)"):
        fetcher.get(site.base + "/sloyfe/a", max_bytes=10_000)


def test_fetch_redirect_limit(site, settings, fake_clock):
    for n in range(6):
        site.add(f"/kjede/{n}", status=302, headers={"Location": f"/kjede/{n + 1}"})
    site.add("/kjede/6", PAGE)
    fetcher = Fetcher(replace(settings, max_redirects=3), clock=fake_clock.clock, sleep=fake_clock.sleep)
    with pytest.raises(FetchError, match=r"^E086 .*/kjede/0: more than 3 redirects"):
        fetcher.get(site.base + "/kjede/0", max_bytes=10_000)
    fetcher.close()


def test_fetch_redirect_into_a_disallowed_path_is_refused(site, fetcher):
    site.add("/nyheter/lenke", status=302, headers={"Location": "/privat/skjult"})
    site.add("/privat/skjult", PAGE)
    with pytest.raises(FetchError, match="^E087"):
        fetcher.get(site.base + "/nyheter/lenke", max_bytes=10_000)
    assert site.hits("/privat/skjult") == []


def test_fetch_conditional_get_gets_304(site, fetcher):
    site.add("/rss", "<rss version='2.0'><channel><title>T</title></channel></rss>", validators=True,
             content_type="application/rss+xml")
    first = fetcher.get(site.base + "/rss", max_bytes=10_000)
    etag = first.headers["etag"]
    second = fetcher.get(site.base + "/rss", max_bytes=10_000, headers={"If-None-Match": etag})
    assert second.status == 304 and second.content == b""
    assert site.hits("/rss")[1]["if-none-match"] == etag
