"""Polling often: a release page the site still declares fresh is taken from the HTTP cache
without a request, for at most REGWATCH_RECHECK_AFTER seconds; listings are asked every run.
Through the real Scrapy engine against bench/server.py, which answers as Apache does."""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

import pytest

from crawlers.registry import get_spider
from regwatch import pipeline

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # bench/ is not a package regwatch installs

import bench.server  # noqa: E402
from bench.server import serve_snapshot, stop  # noqa: E402

SNAPSHOT = ROOT / "data/demo/snapshots/2022-06-17.warc.gz"
SOURCES = ("meti_news_ja", "mofa_press_en")
FAST = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_START_DELAY": 0.01, "AUTOTHROTTLE_MAX_DELAY": 0.1}


def crawl_twice(data: Path, settings: dict) -> list[dict]:
    sites = serve_snapshot(SNAPSHOT)
    args = {}
    for name in SOURCES:
        (url,) = get_spider(name).source.entry_urls
        host, path = url.split("/", 3)[2], "/" + url.split("/", 3)[3]
        args[name] = {"entry_urls": sites[host].base + path}
    runs = []
    try:
        for _ in range(2):
            for site in sites.values():
                site.requests = site.not_modified = 0
            status = pipeline.crawl(data, sources=list(SOURCES), settings={**FAST, **settings},
                                    spider_args=args)  # fmt: skip
            lines = sorted(
                line.split('"fetched_at"')[0]
                for p in (data / "crawls" / status["crawl"]).glob("*.jsonl")
                for line in p.read_text(encoding="utf-8").splitlines()
            )
            archive = b"".join(
                gzip.decompress(p.read_bytes())
                for p in (data / "archive" / status["crawl"]).glob("*.warc.gz")
            )
            runs.append({
                "requests": sum(s.requests for s in sites.values()),
                "not_modified": sum(s.not_modified for s in sites.values()),
                "status": status, "announcements": lines, "archive": archive,
            })  # fmt: skip
    finally:
        stop(sites)
    return runs


def test_a_fresh_release_page_is_not_asked_again(tmp_path):
    first, second = crawl_twice(tmp_path, {})
    assert first["not_modified"] == 0 and first["requests"] > 20
    # Only robots.txt and the two listings are asked; every release page comes from the cache.
    assert second["requests"] == 4 and second["not_modified"] == 4
    assert second["announcements"] == first["announcements"] and len(first["announcements"]) > 20
    assert all(s["status"] == "ok" for s in second["status"]["sources"].values())
    # Each crawl's archive still holds every page its release is built from, marked as such.
    pages = first["archive"].count(b"WARC-Type: response")
    assert second["archive"].count(b"WARC-Type: response") == pages
    assert second["archive"].count(b"Regwatch-Revalidated: 304 Not Modified") == 4
    assert second["archive"].count(b"Regwatch-Revalidated: served from cache") == pages - 4


def test_recheck_after_zero_asks_about_every_page(tmp_path):
    first, second = crawl_twice(tmp_path, {"REGWATCH_RECHECK_AFTER": 0})
    assert second["requests"] == first["requests"] == second["not_modified"]
    assert second["announcements"] == first["announcements"]


def test_a_site_that_declares_nothing_fresh_is_asked_every_time(tmp_path, monkeypatch):
    monkeypatch.setattr(bench.server, "MAX_AGE", 0)  # Cache-Control: max-age=0, Expires now
    first, second = crawl_twice(tmp_path, {})
    assert second["requests"] == first["requests"] == second["not_modified"]


@pytest.fixture(autouse=True)
def _quiet_logs(caplog):
    caplog.set_level("ERROR")
