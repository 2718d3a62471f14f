"""METI's End User List (外国ユーザーリスト): the notice page and its revision history.

The list itself is a PDF (the lists engineer's parser reads it); this spider announces each
revision: its date and what changed, as the notice page and the history page state them.
Both pages show revisions as `dl.revision` pairs, `dt` the date (`2021年12月24日` or era
style) and `dd` what changed, with the list PDF of that revision linked in the `dd`
[assumed layout: sources.md gives only the URLs]. The notice page shows the newest revision,
often before the history page lists it; one revision has one identity whichever page it is
read from: the history page's URL with the revision date as fragment.
"""

from __future__ import annotations

from urllib.parse import urljoin

from crawlers.base import SourceSpider, attachment_links
from crawlers.html import LayoutError, element_text, inline_text, select_first, select_one
from normalize.dates import parse_date

BODY = ["div#MainContents", "div#main", "div.main"]


class MetiEul(SourceSpider):
    def parse(self, response):
        """The notice page: the newest revision, and the link to the history."""
        body = select_first(response, BODY, response.url)
        history = body.css('a[href$="law09-2.html"]')
        if not history:
            raise LayoutError(f"no link to the revision history at {response.url}")
        history_url = urljoin(response.url, history[0].attrib["href"])
        name = inline_text(select_first(response, ["h1"], response.url))  # 外国ユーザーリスト
        announced = []
        for item in self.revisions(response, body, history_url, name):
            announced.append(item["published"])
            yield item
        yield response.follow(
            history_url,
            callback=self.parse_history,
            errback=self.failed,
            cb_kwargs={"announced": announced, "name": name},
        )

    def parse_history(self, response, announced: list[str], name: str):
        body = select_first(response, BODY, response.url)
        for item in self.revisions(response, body, response.url, name):
            if item["published"] not in announced:
                yield item

    def revisions(self, response, body, history_url: str, name: str):
        entries = body.css("dl.revision")
        if not entries:
            raise LayoutError(f"no dl.revision at {response.url}")
        for entry in entries:
            dt = select_one(entry, "dt", response.url)
            dd = select_one(entry, "dd", response.url)
            when = parse_date(inline_text(dt))
            yield self.announcement(
                response,
                url=f"{history_url.split('#')[0]}#{when:%Y%m%d}",
                title=f"{name}の改正（{when.year}年{when.month}月{when.day}日）",
                published=when,
                text=f"{inline_text(dt)}\n{element_text(dd)}",
                attachments=attachment_links(response, dd.css("a")),
            )
