"""List documents (entity lists as PDF, Excel, CSV): the spider base and the item writer.

A list spider walks its page like any spider, then fetches the list's document(s) and yields
one `list_edition` item per list: the parsed, count-checked edition
(normalize.lists.documents.read_edition). A document that cannot be read whole, or whose
entries fail a count guard, yields nothing: the spider records why in `errors`, so the runner
reports the source failed, and the release keeps the previous edition of the list.

`ListEditionWriter` writes each edition to `{crawl dir}/lists/{list}.json`, where
normalize/lists/versions.py picks it up when the release is made.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import scrapy
from scrapy.exceptions import NotConfigured
from scrapy.http import Response

from normalize.canonical import write_json
from normalize.lists.documents import Document, read_edition
from normalize.lists.guard import CountGuardError
from normalize.lists.pdftext import DocumentError
from normalize.lists.specs import ListSpec, specs_for_source

ITEM_KIND = "list_edition"
STATED_COUNT = re.compile(r"(\d[\d,]*)\s*(?:団体|件|entities|entries)")


class ListDocumentSpider:
    """Mixed into a SourceSpider (`class X(ListDocumentSpider, SourceSpider)`; a subclass of
    SourceSpider would need a YAML of its own): `parse` calls `fetch_lists(response, links)`."""

    name: str
    errors: list[str]

    @property
    def lists(self) -> list[ListSpec]:
        return specs_for_source(self.name)

    def fetch_lists(self, response: Response, links, **facts) -> Iterator[scrapy.Request]:
        """Request the documents of every list this source declares that the page links.
        `facts` (e.g. `updated`) go into each edition where its document is silent."""
        by_list: dict[str, list[tuple[str, str]]] = {}
        for link in links:
            href = link.attrib.get("href")
            if not href:
                continue
            url = urljoin(response.url, href)
            text = " ".join(" ".join(link.css("::text").getall()).split())
            for spec in self.lists:
                if spec.matches(url):
                    by_list.setdefault(spec.id, []).append((url, text))
        for list_id, found in by_list.items():
            urls = list(dict.fromkeys(url for url, _ in found))
            # the first count a link states is the list's size ("201団体 ※…81団体を追加")
            firsts = [STATED_COUNT.search(text) for _, text in found]
            counts = {int(m.group(1).replace(",", "")) for m in firsts if m}
            yield self._next_document(
                list_id, urls, [], stated=counts.pop() if len(counts) == 1 else None, facts=facts
            )

    def _next_document(self, list_id, urls, done, *, stated, facts) -> scrapy.Request:
        return scrapy.Request(
            urls[0],
            callback=self.parse_document,
            errback=self.failed,
            cb_kwargs={
                "list_id": list_id,
                "rest": urls[1:],
                "done": done,
                "stated": stated,
                "facts": facts,
            },
        )

    def parse_document(self, response: Response, list_id, rest, done, stated, facts):
        ctype = response.headers.get("Content-Type", b"").decode("latin-1")
        done = [*done, Document(response.url, response.body, ctype)]
        if rest:
            yield self._next_document(list_id, rest, done, stated=stated, facts=facts)
            return
        spec = next(s for s in self.lists if s.id == list_id)
        fetched = self.fetched_stamp(response)
        try:
            edition = read_edition(spec, done, fetched_at=fetched, stated_total=stated)
        except (DocumentError, CountGuardError) as error:
            message = f"{list_id}: refused ({error})"
            self.errors.append(message)
            self.logger.warning("list edition refused: %s", message)
            return
        for key, value in facts.items():
            if getattr(edition, key) is None:
                setattr(edition, key, value)
        yield {
            "kind": ITEM_KIND,
            "source": self.name,
            "list": list_id,
            "edition": edition.to_dict(),
        }


class ListEditionWriter:
    def __init__(self, directory: Path, stats):
        self.directory = directory
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        directory = crawler.settings.get("REGWATCH_CRAWL_DIR")
        if not directory:
            raise NotConfigured
        return cls(Path(directory) / "lists", crawler.stats)

    def process_item(self, item, spider=None):
        if item.get("kind") != ITEM_KIND:
            return item
        write_json(self.directory / f"{item['list']}.json", item["edition"])
        self.stats.inc_value("regwatch/list_editions")
        return item
