"""A live crawl's archive replays: pages a site sent gzipped (as most servers do) are archived
as sent, and a rebuild from that archive reads them as the live crawl did."""

from __future__ import annotations

import sys
from pathlib import Path

from crawlers.registry import get_spider
from regwatch import pipeline
from regwatch.rebuild import rebuild

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # bench/ is not a package regwatch installs

from bench.server import serve_snapshot, stop  # noqa: E402

SNAPSHOT = ROOT / "data/demo/snapshots/2022-04-01.warc.gz"
SOURCES = ("meti_news_ja", "mofa_press_en")
FAST = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_START_DELAY": 0.01, "AUTOTHROTTLE_MAX_DELAY": 0.1}


def test_a_gzipped_live_crawl_rebuilds_to_the_same_release(tmp_path):
    sites = serve_snapshot(SNAPSHOT)
    try:
        args = {}
        for name in SOURCES:
            (url,) = get_spider(name).source.entry_urls
            host, path = url.split("/", 3)[2], "/" + url.split("/", 3)[3]
            args[name] = {"entry_urls": sites[host].base + path}
        status = pipeline.crawl(tmp_path / "data", sources=list(SOURCES), settings=FAST,
                                spider_args=args)  # fmt: skip
    finally:
        stop(sites)
    assert all(s["status"] == "ok" for s in status["sources"].values()), status
    archived = b"".join(p.read_bytes() for p in (tmp_path / "data/archive").rglob("*.warc.gz"))
    assert b"Content-Encoding: gzip" in __import__("gzip").decompress(archived)  # as sent
    pipeline.normalize(tmp_path / "data", status["crawl"])
    pipeline.release(tmp_path / "data")
    report = rebuild(tmp_path / "data", tmp_path / "rebuilt")
    assert report["releases"] and all(r["identical"] for r in report["releases"]), report
