"""A run that finds nothing new makes no release and leaves the published folder alone, through
the real Scrapy engine against local copies of the sites that answer conditional GET
(bench/server.py): the second crawl gets only 304s. A source that starts failing is news (a
release, partial, nothing lifted or removed); failing the same way again is not."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from crawlers.registry import get_spider
from regwatch import pipeline

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # bench/ is not a package regwatch installs

from bench.server import serve_snapshot, stop  # noqa: E402
from bench.steps import _files as published  # noqa: E402  (path → mtime, inode), as the bench

LAST = ROOT / "data/demo/snapshots/2022-06-17.warc.gz"
SOURCES = ("meti_news_ja", "mofa_press_en")
FAST = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_START_DELAY": 0.01, "AUTOTHROTTLE_MAX_DELAY": 0.1}


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict:
    """Four runs into one data folder: a first, the same again, MOFA's entry page gone
    (404), and gone again. Each: the release made (or None), the sites' counts, the
    published files and the build the folder points at, before and after."""
    work = tmp_path_factory.mktemp("no-change")
    data, out = work / "data", work / "public"
    sites = serve_snapshot(LAST)
    entries = {}
    for name in SOURCES:
        (url,) = get_spider(name).source.entry_urls
        host, path = url.split("/", 3)[2], "/" + url.split("/", 3)[3]
        entries[name] = (sites[host], path)
    args = {n: {"entry_urls": site.base + path} for n, (site, path) in entries.items()}
    mofa, mofa_entry = entries["mofa_press_en"]
    results = {}

    def run(label: str) -> None:
        for site in sites.values():
            site.requests = site.not_modified = 0
        before = (published(out), os.readlink(out)) if out.exists() else ({}, None)
        rel = pipeline.run(data, out, sources=list(SOURCES), settings=FAST, spider_args=args)
        results[label] = {
            "release": rel,
            "requests": sum(s.requests for s in sites.values()),
            "not_modified": sum(s.not_modified for s in sites.values()),
            "before": before,
            "after": (published(out), os.readlink(out)),
            "releases": pipeline.list_releases(data),
        }

    try:
        run("first")
        run("again")
        del mofa.pages[mofa_entry]
        run("failing")
        run("failing again")
    finally:
        stop(sites)
    results["data"], results["out"] = data, out
    return results


def test_a_crawl_of_only_304s_makes_no_release_and_rewrites_nothing(runs):
    first, again = runs["first"], runs["again"]
    assert first["release"] is not None and first["release"]["result"] == "ok"
    assert first["not_modified"] == 0
    assert again["requests"] and again["not_modified"] >= again["requests"] - 2  # robots.txt
    assert again["release"] is None
    assert again["releases"] == first["releases"]
    files, link = again["after"]
    assert again["before"] == (files, link)  # same build, every file's mtime and inode kept
    assert "api/v1/versions.json" in files and "api/v1/health.json" in files


def test_a_source_starting_to_fail_is_a_release_that_lifts_nothing(runs):
    first, failing = runs["first"], runs["failing"]
    rel = failing["release"]
    assert rel is not None and rel["result"] == "partial"
    assert rel["sources"]["mofa_press_en"]["status"] == "failed"
    assert rel["sources"]["meti_news_ja"]["status"] == "ok"
    data = runs["data"]
    measures = {
        r: json.loads((data / "releases" / r / "measures.json").read_text())["measures"]
        for r in (first["release"]["id"], rel["id"])
    }
    assert measures[rel["id"]] == measures[first["release"]["id"]]
    changes = json.loads((data / "releases" / rel["id"] / "changes.json").read_text())
    assert changes["added"] == changes["modified"] == changes["removed"] == []
    health = json.loads((runs["out"] / "api/v1/health.json").read_text())
    assert health["release"] == rel["id"] and health["failing"] == ["mofa_press_en"]


def test_failing_the_same_way_again_is_not_news(runs):
    failing, again = runs["failing"], runs["failing again"]
    assert again["release"] is None and again["releases"] == failing["releases"]
    assert again["before"] == again["after"]
    assert pipeline.failing_sources(runs["data"]) == ["mofa_press_en"]
