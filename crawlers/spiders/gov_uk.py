"""GOV.UK: UK sanctions announcements (FCDO), found with the search API and read with the
content API.

Search (`/api/search.json`) answers `{results: [{title, link, description,
public_timestamp, content_store_document_type}], total, start}`; `start` pages on. Each
news result's `link` (a base path) is read from `/api/content{base_path}`, whose
`details.body` is the announcement's HTML. The announcement's URL is the public page
(`https://www.gov.uk{base_path}`), not the API's.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from parsel import Selector

from crawlers.base import SourceSpider, attachment_links
from crawlers.html import LayoutError, element_text
from crawlers.pages import read_json
from normalize.dates import parse_date

# Announcements; guidance, statutory notices and the like restate rather than announce.
NEWS_TYPES = {"press_release", "news_story", "oral_statement", "written_statement"}


def next_page(url: str, start: int) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "start"]
    return urlunsplit(parts._replace(query=urlencode([*query, ("start", str(start))])))


class GovUk(SourceSpider):
    def parse(self, response):
        data = read_json(response)
        results = data["results"]
        for result in results:
            if result["content_store_document_type"] in NEWS_TYPES:
                yield self.follow(response, "/api/content" + result["link"])
        start = int(data.get("start", 0)) + len(results)
        if results and start < int(data["total"]):
            yield response.follow(next_page(response.url, start), callback=self.parse,
                                  errback=self.failed)  # fmt: skip

    def parse_item(self, response):
        item = read_json(response)
        base_path = item["base_path"]
        body = Selector(text=item["details"]["body"])
        if not body.css("p"):
            raise LayoutError(f"details.body without paragraphs at {response.url}")
        text = element_text(body.css("body")[0])
        if item.get("description"):
            text = f"{item['description']}\n{text}"
        yield self.announcement(
            response,
            url=urljoin(response.url, base_path),
            title=item["title"],
            published=parse_date(item["first_published_at"]),
            text=text,
            attachments=attachment_links(response, body.css("a")),
        )
