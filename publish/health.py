"""Source health: api/v1/health.json and the site's health.md, from the release history.

Every release records how each source crawled for it went (release.json `sources`: status,
pages, announcements, error). A source that fails keeps its measures as last seen, so a
subscriber needs to know how old "last seen" is: for each source, the last attempt, the last
success, since when it has been stale, and what it found against what it should find (the
pages of its last good crawl; the announcements its YAML expects).

A function of the history and the sources' metadata alone, never of the clock, so the same
releases give byte-identical files. Its times are release times: a run that makes no release
(nothing new, every crawled source as healthy as its last release records: normalize/release.py
`news`) moves none of them and leaves this file as it is. What staff lose is the time of such
a run's crawl, which stays in data/crawls/{id}/status.json (`regwatch sources`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from crawlers.metadata import SourceMeta
from crawlers.registry import all_spiders
from publish import jsonout, urls
from publish.history import History
from publish.page_parts import write_page
from publish.render import block, esc, internal_link, table
from publish.vocabulary import FEED_TOPICS

HEALTH_JSON = f"{urls.API}/health.json"
HEALTH_PAGE = "health.md"


def source_health(history: History) -> dict[str, dict[str, Any]]:
    """Per source: status at its last attempt, last attempt and success, stale since, and
    pages and announcements expected against found."""
    known = {name: spider.source for name, spider in all_spiders().items()}
    crawled = {name for release in history.releases for name in release.meta["sources"]}
    return {name: _one(history, name, known.get(name)) for name in sorted(set(known) | crawled)}


def _one(history: History, name: str, meta: SourceMeta | None) -> dict[str, Any]:
    attempts = [(r, r.meta["sources"][name]) for r in history.releases if name in r.meta["sources"]]
    good = [i for i, (_, status) in enumerate(attempts) if status["status"] == "ok"]
    last = attempts[-1] if attempts else None
    success = attempts[good[-1]] if good else None
    stale_since = None
    if last is not None and last[1]["status"] != "ok":
        # The first attempt that failed after the last success (or ever, if none succeeded).
        stale_since = attempts[good[-1] + 1 if good else 0][0].time
    bounds = meta.expected_announcements if meta else None
    return {
        "title": meta.title if meta else None,
        "status": last[1]["status"] if last else "not_crawled",
        "last_attempt": last[0].time if last else None,
        "last_attempt_release": last[0].id if last else None,
        "last_success": success[0].time if success else None,
        "last_success_release": success[0].id if success else None,
        "stale_since": stale_since,
        "pages": {
            "expected": success[1]["pages"] if success else None,
            "found": last[1]["pages"] if last else None,
        },
        "announcements": {
            "expected": {"min": bounds.min, "max": bounds.max} if bounds else None,
            "found": last[1]["announcements"] if last else None,
        },
        "error": last[1]["error"] if last else None,
    }


def health_document(history: History) -> dict[str, Any]:
    latest = history.latest
    sources = source_health(history)
    return {
        "release": latest.id,
        "time": latest.time,
        "result": latest.meta["result"],
        "failing": sorted(n for n, s in sources.items() if s["status"] in ("failed", "partial")),
        "sources": sources,
    }


def write_health(history: History, root: Path) -> dict[str, Any]:
    """api/v1/health.json (before index.json, which lists it with its sha256)."""
    doc = health_document(history)
    jsonout.write(root / HEALTH_JSON, doc)
    return doc


def _found(part: dict[str, Any]) -> str:
    expected = part["expected"]
    if isinstance(expected, dict):
        expected = f"{expected['min']}–{expected['max']}"
    return f"{esc(_str(part['found']))} / {esc(_str(expected))}"


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


def write_health_page(history: History, docs: Path) -> int:
    """health.md: one row per source; returns the number of pages written (1)."""
    doc = health_document(history)
    rows = [
        [
            f"<code>{esc(name)}</code>",
            esc(s["status"]),
            esc(s["last_success"]),
            esc(s["last_attempt"]),
            esc(s["stale_since"]),
            _found(s["pages"]),
            _found(s["announcements"]),
            esc(s["error"]),
        ]
        for name, s in doc["sources"].items()
    ]
    failing = doc["failing"]
    summary = (
        f"<p>{len(failing)} source(s) failing at release {esc(doc['release'])}: "
        f"{esc(', '.join(failing))}. Their measures are kept as last seen.</p>"
        if failing
        else f"<p>Every source crawled cleanly for release {esc(doc['release'])}.</p>"
    )
    api = internal_link(urls.href(HEALTH_PAGE, HEALTH_JSON), "health.json")
    headers = [
        "Source",
        "Status",
        "Last success",
        "Last attempt",
        "Stale since",
        "Pages found / expected",
        "Announcements found / expected",
        "Error",
    ]
    body = "# Source health\n\n" + block(
        summary,
        "<p>A failing source never removes or lifts a measure: what it said before stays, "
        "and is as old as its last success. Expected pages are those of its last good "
        f"crawl; expected announcements are its metadata's bounds. As JSON: {api}.</p>",
        "<p>Times are those of releases. A crawl that finds nothing new, every source as "
        "healthy as before, makes no release and moves none of them.</p>",
        table(headers, rows),
    )
    write_page(docs, HEALTH_PAGE, "Source health", list(FEED_TOPICS), body)
    return 1
