"""`regwatch sources`: every source regwatch knows, with how its latest crawl went.

The status of a source is the one recorded in the newest crawl that ran it
(`crawls/{id}/status.json`, the same record a release's `sources` copies).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from crawlers.registry import all_spiders


@dataclass
class SourceLine:
    name: str
    publisher: str  # short name and jurisdiction, e.g. "BIS (US)"
    entry_urls: tuple[str, ...]
    status: str  # ok, partial, failed, or "never crawled"
    crawl: str | None
    error: str | None


def last_statuses(data_dir: Path) -> dict[str, tuple[str, dict]]:
    """source → (crawl id, its status) from the newest finished crawl that ran it."""
    found: dict[str, tuple[str, dict]] = {}
    crawls = data_dir / "crawls"
    for status_file in sorted(crawls.glob("*/status.json"), reverse=True):
        crawl = json.loads(status_file.read_text(encoding="utf-8"))
        for name, status in crawl.get("sources", {}).items():
            found.setdefault(name, (status_file.parent.name, status))
    return found


def overview(data_dir: Path) -> list[SourceLine]:
    statuses = last_statuses(data_dir)
    lines = []
    for name, cls in all_spiders().items():
        meta = cls.source
        crawl, status = statuses.get(name, (None, {}))
        lines.append(
            SourceLine(
                name=name,
                publisher=f"{meta.publisher.short} ({meta.publisher.country})",
                entry_urls=meta.entry_urls,
                status=status.get("status", "never crawled"),
                crawl=crawl,
                error=status.get("error"),
            )
        )
    return lines


def render(lines: list[SourceLine]) -> str:
    width = max(len(line.name) for line in lines)
    pub = max(len(line.publisher) for line in lines)
    out = []
    for line in lines:
        when = f"  crawl {line.crawl}" if line.crawl else ""
        out.append(f"{line.name:{width}}  {line.publisher:{pub}}  {line.status}{when}")
        if line.error:
            out.append(f"    error: {line.error}")
        out.extend(f"    {url}" for url in line.entry_urls)
    return "\n".join(out)
