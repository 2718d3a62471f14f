"""Where every page and file lives in the published folder, and how one links to another.

The site uses mkdocs' directory URLs: `measures/{id}.md` is served as `measures/{id}/`.
Generated pages put their links inside raw HTML blocks (so that scraped text is never read as
Markdown), which mkdocs does not rewrite; the relative hrefs are computed here instead, and the
tests check that every one of them resolves to a file of the build.
"""

from __future__ import annotations

import posixpath

API = "api/v1"


def measure_page(measure_id: str) -> str:
    return f"measures/{measure_id}.md"


def release_page(release_id: str) -> str:
    return f"releases/{release_id}.md"


def topic_page(topic: str) -> str:
    return "index.md" if topic == "all" else f"topics/{topic}.md"


def jurisdiction_page(code: str) -> str:
    return f"jurisdictions/{code.lower()}.md"


def feed(key: str, ext: str) -> str:
    """A head feed: `key` is a topic (`russia`) or `jurisdiction/{code}` (`jurisdiction/jp`)."""
    return f"feeds/{key}.{ext}"


def feed_archive(key: str, page: int, ext: str) -> str:
    """An archive page of a feed, numbered from 1 = the oldest items (RFC 5005)."""
    return f"feeds/archive/{key}/{page}.{ext}"


def api_measure(measure_id: str) -> str:
    return f"{API}/measures/{measure_id}.json"


def api_release(release_id: str, name: str) -> str:
    return f"{API}/releases/{release_id}/{name}"


def page_url(target: str) -> str:
    """The path a target is served at: a .md page as its directory, any other file as is."""
    if not target.endswith(".md"):
        return target
    stem = target.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/" if stem.endswith("/index") else stem + "/"


def href(from_page: str, target: str) -> str:
    """A relative link from the page `from_page` (a .md path) to `target` (.md or a file)."""
    start = page_url(from_page) or "."
    goal = page_url(target)
    rel = posixpath.relpath(goal or ".", start)
    if goal == "" or goal.endswith("/"):
        return "./" if rel == "." else rel + "/"
    return rel


def absolute(base_url: str, target: str) -> str:
    return normalize_base(base_url) + page_url(target)


def normalize_base(base_url: str) -> str:
    return base_url if base_url.endswith("/") else base_url + "/"
