"""The real Scrapy engine against a real HTTP server on 127.0.0.1, serving the bundled
archive's pages: politeness (robots.txt, User-Agent), archiving, bot-block answers."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

from crawlers.settings import SETTINGS
from crawlers.warc import read_responses
from regwatch import pipeline

FAST = {
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_START_DELAY": 0.01,
    "AUTOTHROTTLE_MAX_DELAY": 0.1,
    "RETRY_BACKOFF_BASE": 0,  # retries still happen, without the live pauses (crawlers/retry.py)
}


class Site:
    """Pages by path (the archive's hosts folded into one), plus per-test overrides."""

    def __init__(self, snapshot):
        self.pages = {}
        for archived in snapshot.values():
            parts = urlsplit(archived.url)
            self.pages[parts.path] = archived.body
        self.overrides: dict[str, tuple[int, bytes]] = {}
        self.robots = b"User-agent: *\nAllow: /\n"
        self.requests: list[tuple[str, str]] = []


@pytest.fixture()
def site(latest_snapshot):
    state = Site(latest_snapshot)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            state.requests.append((self.path, self.headers.get("User-Agent", "")))
            if self.path in state.overrides:
                status, body = state.overrides[self.path]
            elif self.path == "/robots.txt":
                status, body = 200, state.robots
            elif self.path in state.pages:
                status, body = 200, state.pages[self.path]
            else:
                status, body = 404, b"not found"
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=UTF-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    yield state
    server.shutdown()


def crawl(site, tmp_path, name, entry_path):
    return pipeline.crawl(
        tmp_path,
        sources=[name],
        settings=FAST,
        spider_args={name: {"entry_urls": site.base + entry_path}},
    )


def test_crawl_fetches_archives_and_yields_announcements(site, tmp_path):
    status = crawl(site, tmp_path, "meti_news_ja", "/press/index.html")
    source = status["sources"]["meti_news_ja"]
    assert source["status"] == "ok", source
    assert source["announcements"] >= 10
    warc = tmp_path / "archive" / status["crawl"] / "meti_news_ja.warc.gz"
    archived = {r.url for r in read_responses(warc)}
    assert site.base + "/press/index.html" in archived
    assert site.base + "/robots.txt" in archived
    lines = (tmp_path / "crawls" / status["crawl"] / "meti_news_ja.jsonl").read_text().splitlines()
    assert len(lines) == source["announcements"]


def test_robots_txt_is_obeyed_and_user_agent_identifies_regwatch(site, tmp_path):
    site.robots = b"User-agent: *\nDisallow: /press/2022/\n"
    crawl(site, tmp_path, "meti_news_ja", "/press/index.html")
    paths = [p for p, _ in site.requests]
    assert "/press/index.html" in paths
    assert not [p for p in paths if p.startswith("/press/2022/")]
    assert any(p.startswith("/press/2021/") for p in paths)
    assert all("regwatch" in ua for _, ua in site.requests)


@pytest.mark.parametrize(
    "status_code, body, expected",
    [
        (202, b"", "HTTP 202 with an empty body"),
        (403, b"<html><body>Forbidden</body></html>", "403"),
        (200, b"<html><head><title>Just a moment...</title></head></html>", "bot challenge"),
        (500, b"oops", "500"),
    ],
)
def test_blocked_or_failing_entry_page_fails_the_source(
    site, tmp_path, status_code, body, expected
):
    site.overrides["/press/index.html"] = (status_code, body)
    status = crawl(site, tmp_path, "meti_news_ja", "/press/index.html")
    source = status["sources"]["meti_news_ja"]
    assert source["status"] == "failed"
    assert source["announcements"] == 0
    assert expected in source["error"]


def test_politeness_settings():
    assert SETTINGS["ROBOTSTXT_OBEY"] is True
    assert SETTINGS["AUTOTHROTTLE_ENABLED"] is True
    assert SETTINGS["CONCURRENT_REQUESTS_PER_DOMAIN"] == 1
    assert "regwatch" in SETTINGS["USER_AGENT"] and "+http" in SETTINGS["USER_AGENT"]
