"""Live readiness, through the real Scrapy engine against a local server that behaves like the
real sites: conditional GET (ETag / Last-Modified → 304), retries with back-off, bot
challenges, expected-count bounds, the Federal Register's paging, the sources command."""

from __future__ import annotations

import hashlib
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner

from crawlers.warc import REVALIDATED_HEADER, read_responses
from regwatch import pipeline
from regwatch.cli import main

FAST = {
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_START_DELAY": 0.01,
    "AUTOTHROTTLE_MAX_DELAY": 0.1,
    "RETRY_BACKOFF_BASE": 0.4,  # small, but long enough to measure
}
LAST_MODIFIED = "Fri, 11 Mar 2022 01:00:00 GMT"


class Site:
    """Pages by path; each answer carries an ETag and Last-Modified and honours
    If-None-Match / If-Modified-Since. `script` plays a sequence of answers for a path."""

    def __init__(self, snapshot):
        self.pages = {}
        for archived in snapshot.values():
            parts = urlsplit(archived.url)
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            self.pages[path] = archived.body
        self.script: dict[str, list[tuple[int, bytes]]] = {}
        self.api = None  # a function answering query paths: path → (status, body) or None
        self.log: list[tuple[float, str, int, dict]] = []  # time, path, status, headers


@pytest.fixture()
def site(latest_snapshot):
    state = Site(latest_snapshot)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            answer = state.api(self.path) if state.api else None
            if answer is not None:
                (status, body), etag = answer, None
            elif self.path in state.script and state.script[self.path]:
                status, body = state.script[self.path].pop(0)
                etag = None
            elif self.path == "/robots.txt":
                status, body, etag = 200, b"User-agent: *\nAllow: /\n", None
            elif self.path in state.pages:
                body = state.pages[self.path]
                status, etag = 200, '"' + hashlib.sha1(body).hexdigest() + '"'
                if self.headers.get("If-None-Match") == etag or (
                    self.headers.get("If-Modified-Since") == LAST_MODIFIED
                ):
                    status = 304
            else:
                status, body, etag = 404, b"not found", None
            state.log.append((time.monotonic(), self.path, status, dict(self.headers)))
            self.send_response(status)
            if etag:
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", LAST_MODIFIED)
            if status == 304:
                self.end_headers()
                return
            ctype = "application/json" if body[:1] == b"{" else "text/html; charset=UTF-8"
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    yield state
    server.shutdown()


def _crawl(data, site, entries: dict[str, str], args: dict[str, dict] | None = None):
    return pipeline.crawl(
        data,
        sources=list(entries),
        settings=FAST,
        spider_args={
            name: {"entry_urls": site.base + path, **(args or {}).get(name, {})}
            for name, path in entries.items()
        },
    )


def test_second_run_revalidates_with_304s_and_yields_the_same(site, tmp_path):
    entries = {"meti_news_ja": "/press/index.html"}
    first = _crawl(tmp_path, site, entries)
    first_log = len(site.log)
    second = _crawl(tmp_path, site, entries)

    before, after = first["sources"]["meti_news_ja"], second["sources"]["meti_news_ja"]
    assert before["status"] == after["status"] == "ok"
    assert before["not_modified"] == 0
    answered = [(path, status, headers) for _, path, status, headers in site.log[first_log:]]
    pages = [a for a in answered if a[0] != "/robots.txt"]
    assert pages and all(status == 304 for _, status, _ in pages)  # nothing downloaded twice
    assert all(h.get("Cache-Control") == "max-age=0" and "If-None-Match" in h for _, _, h in pages)
    assert after["not_modified"] == len(pages) and after["announcements"] == before["announcements"]

    def announced(status):
        path = tmp_path / "crawls" / status["crawl"] / "meti_news_ja.jsonl"
        return sorted(
            (a["url"], a["title"], a["text"])
            for a in map(json.loads, path.read_text(encoding="utf-8").splitlines())
        )

    assert announced(second) == announced(first)
    # The second crawl's WARC still holds every page it parsed, marked as revalidated.
    warc = tmp_path / "archive" / second["crawl"] / "meti_news_ja.warc.gz"
    records = {r.url: r for r in read_responses(warc)}
    index = records[site.base + "/press/index.html"]
    assert index.status == 200 and index.body == site.pages["/press/index.html"]
    from warcio.archiveiterator import ArchiveIterator

    with open(warc, "rb") as fh:
        marks = {
            r.rec_headers.get_header("WARC-Target-URI"): r.rec_headers.get_header(
                REVALIDATED_HEADER
            )
            for r in ArchiveIterator(fh)
            if r.rec_type == "response"
        }
    assert marks[site.base + "/press/index.html"] == "304 Not Modified"


def test_faults_retries_and_bounds_in_one_crawl(site, tmp_path):
    challenge = b"<html><head><title>Just a moment...</title></head><body>...</body></html>"
    eu = "/en/press/press-releases/?keyword=russia"
    site.script[eu] = [(200, challenge)] * 3  # every try meets the challenge
    uk = "/api/search.json?q=russia+sanctions&count=50"
    site.pages[uk] = site.pages[
        "/api/search.json?q=russia+sanctions&filter_organisations="
        "foreign-commonwealth-development-office&order=-public_timestamp&count=50"
    ]
    site.script[uk] = [(503, b"busy"), (503, b"busy")]  # then the real answer
    site.pages["/english/empty.html"] = b"<html><body><div id='MainContents'></div></body></html>"
    fr = "/fr/documents.json"
    site.api = lambda path: _federal_register(site.base + fr, path)

    status = _crawl(
        tmp_path,
        site,
        {"eu_council": eu, "gov_uk": uk, "meti_news_en": "/english/empty.html",
         "federal_register": fr},
        {"federal_register": {"since": "2021-06-01", "until": "2022-12-31"}},
    )["sources"]  # fmt: skip

    blocked = status["eu_council"]
    assert blocked["status"] == "failed" and "bot challenge" in blocked["error"]
    assert blocked["retries"] == 2 and [p for _, p, *_ in site.log].count(eu) == 3

    recovered = status["gov_uk"]
    assert recovered["status"] == "ok" and recovered["retries"] == 2
    assert recovered["announcements"] == 2
    tries = [t for t, p, *_ in site.log if p == uk]
    assert tries[1] - tries[0] >= 0.35 and tries[2] - tries[1] >= 0.75  # 0.4 s, then 0.8 s

    empty = status["meti_news_en"]
    assert empty["status"] == "failed"
    assert empty["error"] == "expected at least 1 announcements, found 0"

    backfill = status["federal_register"]
    assert backfill["status"] == "ok" and backfill["announcements"] == 3
    windows = sorted(
        {(q["conditions[publication_date][gte]"], q["conditions[publication_date][lte]"])
         for q in (_query(p) for _, p, *_ in site.log if p.startswith(fr))}
    )  # fmt: skip
    assert windows == [
        ("2021-06-01", "2021-12-31"),
        ("2022-01-01", "2022-07-02"),  # 2022 holds more than the cap: halved
        ("2022-01-01", "2022-12-31"),
        ("2022-07-03", "2022-12-31"),
    ]


def _query(path: str) -> dict[str, str]:
    from urllib.parse import parse_qsl

    return dict(parse_qsl(urlsplit(path).query))


def _federal_register(entry: str, path: str):
    """A Federal Register API for a back-fill: 2021 has one document; 2022 has more than the
    cap as a whole, two documents (two pages) in its first half and none in its second."""
    if not path.startswith("/fr/"):
        return None
    q = _query(path)
    window = (q["conditions[publication_date][gte]"], q["conditions[publication_date][lte]"])
    page = int(q.get("page", 1))
    if window == ("2022-01-01", "2022-12-31"):
        answer = {"count": 2500, "results": [], "next_page_url": None}
    elif window == ("2022-01-01", "2022-07-02"):
        following = entry + "?" + urlsplit(path).query + "&page=2" if page == 1 else None
        answer = {"count": 2, "results": [_fr_doc(1 + page)], "next_page_url": following}
    elif window == ("2021-06-01", "2021-12-31"):
        answer = {"count": 1, "results": [_fr_doc(1)], "next_page_url": None}
    else:
        answer = {"count": 0, "results": [], "next_page_url": None}
    return 200, json.dumps(answer).encode()


def _fr_doc(n: int) -> dict:
    return {
        "document_number": f"2022-0000{n}",
        "title": f"Russia rule {n}",
        "type": "Rule",
        "abstract": "BIS imposes license requirements on exports to Russia.",
        "publication_date": "2022-03-03",
        "effective_on": "2022-02-24",
        "html_url": f"https://www.federalregister.gov/documents/2022/03/03/2022-0000{n}/x",
        "pdf_url": None,
        "citation": "87 FR 1",
        "agencies": [{"raw_name": "Bureau of Industry and Security", "name": "BIS"}],
    }


def test_sources_command_lists_every_source_with_its_last_status(tmp_path):
    (tmp_path / "crawls" / "20220311T090000Z").mkdir(parents=True)
    (tmp_path / "crawls" / "20220311T090000Z" / "status.json").write_text(
        json.dumps({"crawl": "20220311T090000Z", "time": "2022-03-11T09:00:00+00:00",
                    "sources": {"eu_council": {"status": "failed", "error": "HTTP 403 (x)"}}}),
    )  # fmt: skip
    result = CliRunner().invoke(main, ["sources", "--data", str(tmp_path)])
    assert result.exit_code == 0, result.output
    lines = {line.split()[0]: line for line in result.output.splitlines() if line.strip()}
    assert "failed" in lines["eu_council"] and "HTTP 403" in result.output
    assert "Council of the EU" in lines["eu_council"] and "EU" in lines["eu_council"]
    assert "never crawled" in lines["gov_uk"]
    assert (
        "https://www.consilium.europa.eu/en/press/press-releases/?keyword=russia" in result.output
    )


def test_live_check_reports_what_each_entry_page_gives(site, monkeypatch):
    from crawlers import live_check

    monkeypatch.setattr(live_check, "PAUSE", 0)
    good = live_check.check("meti_news_ja", site.base + "/press/index.html")
    assert good.ok and good.status == 200 and good.requests >= 10 and good.size > 1000
    site.script["/english/press/index.html"] = [(403, b"<html><body>Forbidden</body></html>")]
    assert live_check.check("meti_news_en", site.base + "/english/press/index.html").problem == (
        "HTTP 403"
    )
    site.script["/blocked"] = [(200, b"<html><head><title>Just a moment...</title></head></html>")]
    assert live_check.check("eu_council", site.base + "/blocked").problem == "bot challenge page"
    broken = live_check.check("meti_news_ja", site.base + "/english/press/index.html")
    assert broken.problem.startswith("LayoutError")


def test_crawl_passes_spider_arguments_to_the_named_sources(tmp_path, monkeypatch):
    seen = {}
    monkeypatch.setattr(pipeline, "crawl", lambda data, **kw: seen.update(kw) or {"crawl": "x"})
    args = [
        "crawl",
        "--data",
        str(tmp_path),
        "--source",
        "federal_register",
        "-a",
        "since=2020-01-01",
    ]
    assert CliRunner().invoke(main, args).exit_code == 0
    assert seen["spider_args"] == {"federal_register": {"since": "2020-01-01"}}
    assert CliRunner().invoke(main, ["crawl", "-a", "since=2020-01-01"]).exit_code == 2


def test_user_agent_names_the_operators_contact():
    import os
    import subprocess
    import sys

    env = {**os.environ, "REGWATCH_CONTACT": "mailto:ops@example.org"}
    env.pop("REGWATCH_USER_AGENT", None)
    out = subprocess.run(
        [sys.executable, "-c", "from crawlers.settings import USER_AGENT; print(USER_AGENT)"],
        env=env, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert out.startswith("regwatch/") and "(+mailto:ops@example.org;" in out
