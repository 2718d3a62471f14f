"""Attribution of the sources, as their licences ask, read from the sources' own metadata.

Each source's YAML (crawlers/spiders/*.yml) states its licence and the attribution line the
licence asks for (`licence.attribution`). The Public Data License 1.0 of Japanese ministries
and MOFA's terms ask for the source to be named and, where the content was edited, for that
to be said and for the edited work not to be passed off as the government's: regwatch's
records are extracted and edited from the announcements, so every attribution comes with
EDITED_NOTE.

A measure's page attributes the sources it cites: a cited URL belongs to the source whose
allowed domains hold its host and whose languages hold its language; where several do (METI's
news releases and its Russia measures page share www.meti.go.jp), to those whose entry or
publisher URL shares the longest prefix with it.
The sources page (sources.md) lists every source, its publisher and licence.
"""

from __future__ import annotations

import os
from functools import cache
from urllib.parse import urlsplit

from crawlers.metadata import SourceMeta
from crawlers.registry import all_spiders

EDITED_NOTE = (
    "regwatch extracted and edited its records from these announcements (加工して作成); "
    "they are not the publishers' own, and the linked originals are authoritative."
)


@cache
def sources() -> tuple[SourceMeta, ...]:
    """The metadata of every source regwatch crawls, by name."""
    return tuple(spider.source for spider in all_spiders().values())


def covers(source: SourceMeta, url: str, lang: str) -> bool:
    return urlsplit(url).hostname in source.allowed_domains and lang in source.languages


def reach(source: SourceMeta, url: str) -> int:
    """How long a prefix the URL shares with the source's entry or publisher URLs."""
    mine = (*source.entry_urls, source.publisher.url)
    return max(len(os.path.commonprefix([url, other])) for other in mine)


def for_citations(citations: list[dict]) -> list[SourceMeta]:
    """The sources of these cited announcements (`{url, lang}`), one per attribution line."""
    lines: dict[str, SourceMeta] = {}
    for citation in citations:
        candidates = [s for s in sources() if covers(s, citation["url"], citation["lang"])]
        best = max((reach(s, citation["url"]) for s in candidates), default=0)
        for source in candidates:
            if reach(source, citation["url"]) == best:
                lines.setdefault(source.licence.attribution, source)
    return sorted(lines.values(), key=lambda s: s.name)
