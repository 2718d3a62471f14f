"""Pieces shared by the generated Markdown pages: front matter and tables of measures.

A page's front matter `title` is shown raw by mkdocs-material's templates (<title>, header),
so it is HTML-escaped here; `feeds` lists the feeds the page announces with
<link rel="alternate"> (site/overrides/main.html), each as its path without the extension
and its title: pages pass feed keys (`russia`, `jurisdiction/jp`, publish.channels).
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from publish import urls
from publish.channels import feed_title
from publish.render import esc, internal_link, one_line, table
from publish.vocabulary import STATUS_LABELS, type_label


def write_page(docs: Path, path: str, title: str, feeds: list[str], body: str) -> None:
    announced = [{"path": f"feeds/{key}", "title": feed_title(key)} for key in feeds]
    meta = {"title": html.escape(one_line(title)), "feeds": announced}
    # JSON is YAML, and writes 20x faster than yaml.safe_dump (docs/scale.md: 20,000 pages).
    front = json.dumps(meta, ensure_ascii=False, sort_keys=True) + "\n"
    target = docs / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(f"---\n{front}---\n\n{body}", encoding="utf-8")


def measure_title_html(page: str, record: dict[str, Any]) -> str:
    """The measure's title linking to its page, with the Japanese title below if any."""
    out = internal_link(urls.href(page, urls.measure_page(record["id"])), record["title"])
    if record["title_ja"]:
        out += f'<br><small lang="ja">{esc(record["title_ja"])}</small>'
    return out


def measures_table(page: str, records: list[dict[str, Any]]) -> str:
    if not records:
        return "<p>None.</p>"
    rows = [
        [
            measure_title_html(page, r),
            esc(type_label(r["type"])),
            f"{esc(r['jurisdiction'])} {esc(r['authority'])}",
            esc(STATUS_LABELS[r["status"]]),
            esc(r["announced"]),
            esc(r["effective"][-1]["date"] if r["effective"] else None),
        ]
        for r in records
    ]
    headers = ["Measure", "Type", "Who", "Status", "Announced", "Latest effective date"]
    return table(headers, rows)


def release_link(page: str, release_id: str) -> str:
    return internal_link(urls.href(page, urls.release_page(release_id)), release_id)


def feed_links(page: str, topic: str) -> str:
    return " · ".join(
        internal_link(urls.href(page, urls.feed(topic, ext)), label)
        for ext, label in (("json", "JSON Feed"), ("xml", "RSS"), ("atom", "Atom"))
    )
