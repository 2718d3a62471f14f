"""US Federal Register API: documents of the Bureau of Industry and Security about Russia.

Keyless JSON: `{count, total_pages, next_page_url, results: [...]}`; the spider follows
`next_page_url` until it is null. One result is one announcement, built the way a Federal
Register document reads (AGENCY / ACTION / SUMMARY / DATES), so that extraction sees the
effective date in the words the Register uses: "DATES: This rule is effective <date>.".
The effective date often precedes publication (BIS rules take effect when BIS posts them).

A query answers at most ~2,000 documents. `since=YYYY-MM-DD` (and optionally
`until=YYYY-MM-DD`) back-fills by publication date: one query per calendar year, and a window
whose first page reports more than CAP documents is halved until each fits.
"""

from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import scrapy

from crawlers.base import SourceSpider
from crawlers.pages import read_json
from normalize.dates import parse_date

CAP = 2000
GTE, LTE = "conditions[publication_date][gte]", "conditions[publication_date][lte]"
MONTHS = "January February March April May June July August September October November December"


def with_window(url: str, start: date, end: date) -> str:
    parts = urlsplit(url)
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in (GTE, LTE)
    ]
    query += [(GTE, start.isoformat()), (LTE, end.isoformat())]
    return urlunsplit(parts._replace(query=urlencode(query, safe="[]")))


def years(since: date, until: date) -> list[tuple[date, date]]:
    out, start = [], since
    while start <= until:
        end = min(until, date(start.year, 12, 31))
        out.append((start, end))
        start = end + timedelta(days=1)
    return out


def long_date(d: date) -> str:
    return f"{MONTHS.split()[d.month - 1]} {d.day}, {d.year}"


class FederalRegister(SourceSpider):
    def __init__(self, *args, since: str | None = None, until: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.since = date.fromisoformat(since) if since else None
        self.until = date.fromisoformat(until) if until else date.today()

    async def start(self):
        if self.since is None:
            async for request in super().start():
                yield request
            return
        for url in self.entry_urls:
            for start, end in years(self.since, self.until):
                yield self.window(url, start, end)

    def window(self, url: str, start: date, end: date) -> scrapy.Request:
        return scrapy.Request(
            with_window(url, start, end),
            callback=self.parse,
            errback=self.failed,
            meta={"entry": True, "window": (start.isoformat(), end.isoformat())},
        )

    def parse(self, response):
        data = read_json(response)
        window = response.meta.get("window")
        if window and response.meta.get("entry") and data["count"] > CAP:
            start, end = (date.fromisoformat(d) for d in window)
            if start < end:  # too many for one query: halve the window
                middle = start + (end - start) // 2
                yield self.window(response.url, start, middle)
                yield self.window(response.url, middle + timedelta(days=1), end)
                return
            self.logger.warning("%s documents on %s: only the first %s", data["count"], start, CAP)
        for result in data["results"]:
            yield self.document(response, result)
        if data.get("next_page_url"):
            yield scrapy.Request(
                urljoin(response.url, data["next_page_url"]),
                callback=self.parse,
                errback=self.failed,
                meta={"window": window},
            )

    def document(self, response, result: dict) -> dict:
        kind = result["type"]  # Rule, Proposed Rule, Notice, Presidential Document
        action = result.get("action") or ("Final rule." if kind == "Rule" else f"{kind}.")
        agencies = "; ".join(a.get("raw_name") or a["name"] for a in result.get("agencies", []))
        lines = [f"AGENCY: {agencies}.", f"ACTION: {action.rstrip('.')}."]
        if result.get("abstract"):
            lines.append(f"SUMMARY: {result['abstract']}")
        if result.get("effective_on"):
            effective = date.fromisoformat(result["effective_on"])
            lines.append(f"DATES: This rule is effective {long_date(effective)}.")
        if result.get("citation"):
            lines.append(f"CITATION: {result['citation']} (document {result['document_number']})")
        attachments = []
        if result.get("pdf_url"):
            attachments.append(
                {"url": result["pdf_url"], "title": f"{result.get('citation') or kind} (PDF)"}
            )
        return self.announcement(
            response,
            url=result["html_url"],
            title=result["title"],
            published=parse_date(result["publication_date"]),
            text="\n\n".join(lines),
            attachments=attachments,
        )
