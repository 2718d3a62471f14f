"""Shapes several sources share: a listing whose items pair a date with a link, a release
page that opens with its own date line under an `h1` title, and an API's JSON answer."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date

import scrapy
from parsel import Selector, SelectorList
from scrapy.http import Response

from crawlers.base import SourceSpider, attachment_links
from crawlers.html import LayoutError, element_text, inline_text, select_first, select_one
from normalize.dates import find_dates, parse_date

# A title h1 inside the body is the title field, not a heading that governs the whole text.
TITLE = frozenset({"h1"})


def dated_links(
    spider: SourceSpider,
    response: Response,
    items: SelectorList,
    wanted: re.Pattern,
    date_css: str = "span.date",
) -> Iterator[scrapy.Request]:
    """Each item's one link (when its URL is `wanted`), with the item's date as `listed`."""
    for item in items:
        link = select_one(item, "a", response.url)
        url = response.urljoin(link.attrib["href"])
        if wanted.search(url):  # listings also link other parts of the site
            listed = parse_date(inline_text(select_one(item, date_css, response.url)))
            yield spider.follow(response, url, listed=listed.isoformat())


def dated_page(
    spider: SourceSpider, response: Response, body: Selector, listed: str, head: int = 300
) -> dict:
    """One announcement: title from the h1, date from the first date in the opening `head`
    characters of the text (the page's date line), else the listing's date."""
    title = inline_text(select_first(body, ["h1"], response.url))
    text = element_text(body, skip=TITLE)
    dates = [m.value for m in find_dates(text[:head])]
    published: date = dates[0] if dates else parse_date(listed)
    return spider.announcement(
        response,
        title=title,
        published=published,
        text=text,
        attachments=attachment_links(response, body.css("a")),
    )


def read_json(response: Response) -> dict:
    """An API's answer: a JSON object (with a list of `results` where it has any)."""
    try:
        data = json.loads(response.body)
    except ValueError:
        raise LayoutError(f"not JSON at {response.url}") from None
    if not isinstance(data, dict) or not isinstance(data.get("results", []), list):
        raise LayoutError(f"unexpected JSON at {response.url}")
    return data
