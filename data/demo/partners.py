"""Listings of the partner and Cabinet Office sources, generated for pack.py from the timeline.

Each function takes the visible timeline entries of one source (newest first is its own
business) and the source's entry URL, and returns {url: (text, content type)} for every
listing document of that source: HTML pages, an RSS 1.0 feed, JSON API answers. The layouts
follow /work/shared/sources.md; where it marks a layout [assumed], the spider's docstring
states the same assumption. See README.md ("Partner sources").
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from urllib.parse import urlsplit

HTML_TYPE = "text/html; charset=UTF-8"
JSON_TYPE = "application/json; charset=utf-8"
RDF_TYPE = "application/rdf+xml; charset=UTF-8"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip
CAO_FEED = "https://www.cao.go.jp/rss/news.rdf"


def _newest_first(items):
    return sorted(items, key=lambda p: (p.published, p.url), reverse=True)


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _a(url: str, title: str, cls: str = "") -> str:
    cls_attr = f' class="{cls}"' if cls else ""
    return f'<a href="{html.escape(_path(url))}"{cls_attr}>{html.escape(title, quote=False)}</a>'


def _doc(lang: str, title: str, body: str) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="UTF-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title, quote=False)}</title>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def _en(d: dt.date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def _reiwa(d: dt.date) -> str:
    return f"令和{d.year - 2018}年{d.month}月{d.day}日"


def _json(value) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def _load(page) -> dict:
    return json.loads(page.file.read_text(encoding="utf-8"))


# ------------------------------------------------------------------ Cabinet Office


def cao_listings(items, entry: str) -> dict[str, tuple[str, str]]:
    """The portal's news list (ul.news, section pages only) and the Cabinet Office's RSS 1.0
    feed (every item, the rest of the Cabinet Office included)."""
    own = [p for p in _newest_first(items) if p.kind == "release"]
    lis = "\n".join(
        f'<li><span class="date">{_reiwa(p.published)}</span> {_a(p.url, p.title)}</li>'
        for p in own
    )
    portal = _doc(
        "ja",
        "経済安全保障 - 内閣府",
        '<div id="header">\n<p class="logo"><a href="/index.html">内閣府 Cabinet Office</a></p>\n'
        '</div>\n<div id="contents">\n<h1>経済安全保障</h1>\n'
        "<p>経済安全保障推進法に基づく取組をはじめ、内閣府の経済安全保障に関する情報を掲載しています。</p>\n"
        f'<h2>新着情報</h2>\n<ul class="news">\n{lis}\n</ul>\n</div>',
    )
    everything = _newest_first(items)
    seq = "\n".join(f'<rdf:li rdf:resource="{html.escape(p.url)}"/>' for p in everything)
    entries = "\n".join(
        f'<item rdf:about="{html.escape(p.url)}">\n<title>{html.escape(p.title, quote=False)}</title>\n'
        f"<link>{html.escape(p.url)}</link>\n<dc:date>{p.published.isoformat()}T17:00:00+09:00</dc:date>\n"
        "</item>"
        for p in everything
    )
    feed = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/" xml:lang="ja">\n'
        f'<channel rdf:about="{CAO_FEED}">\n<title>内閣府 新着情報</title>\n'
        "<link>https://www.cao.go.jp/</link>\n<description>内閣府の新着情報</description>\n"
        f"<items>\n<rdf:Seq>\n{seq}\n</rdf:Seq>\n</items>\n</channel>\n{entries}\n</rdf:RDF>\n"
    )
    return {entry: (portal, HTML_TYPE), CAO_FEED: (feed, RDF_TYPE)}


# ------------------------------------------------------------------ G7 copies


def _linked_list(items) -> str:
    return "\n".join(
        f'<li><span class="date">{_en(p.published)}</span> {_a(p.url, p.title)}</li>'
        for p in _newest_first(items)
    )


def mofa_g7_listings(items, entry: str) -> dict[str, tuple[str, str]]:
    body = (
        '<div id="wrapper">\n<div id="breadcrumb">\n<ul>\n<li><a href="/index.html">Home</a></li>\n'
        '<li><a href="/policy/index.html">Foreign Policy</a></li>\n<li>Summit Meetings (G7)</li>\n'
        '</ul>\n</div>\n<div id="contents">\n<div id="maincontents">\n<h1>Summit Meetings (G7)</h1>\n'
        f'<ul class="link-list">\n{_linked_list(items)}\n</ul>\n</div>\n</div>\n</div>'
    )
    return {
        entry: (
            _doc("en", "Summit Meetings (G7) | Ministry of Foreign Affairs of Japan", body),
            HTML_TYPE,
        )
    }


def kantei_listings(items, entry: str) -> dict[str, tuple[str, str]]:
    body = (
        '<div id="header">\n<p class="logo"><a href="/index.html">Prime Minister\'s Office of Japan'
        '</a></p>\n</div>\n<div id="contents">\n<h1>Diplomatic Activities</h1>\n'
        f'<ul class="news-list">\n{_linked_list(items)}\n</ul>\n</div>'
    )
    return {
        entry: (
            _doc("en", "Diplomatic Activities | Prime Minister's Office of Japan", body),
            HTML_TYPE,
        )
    }


# ------------------------------------------------------------------ United States


def federal_register_listings(items, entry: str) -> dict[str, tuple[str, str]]:
    """The API's answer to the entry query: every visible record, newest first, one page."""
    results = [_load(p) for p in _newest_first(items) if p.kind == "record"]
    answer = {
        "count": len(results),
        "description": "Documents matching 'russia' and from Industry and Security Bureau",
        "total_pages": 1,
        "next_page_url": None,
        "results": results,
    }
    return {entry: (_json(answer), JSON_TYPE)}


def commerce_listings(items, entry: str) -> dict[str, tuple[str, str]]:
    articles = "\n".join(
        f'<article class="node node--type-press-release node--view-mode-teaser">\n'
        f"<h2>{_a(p.url, p.title)}</h2>\n"
        f'<time datetime="{p.published.isoformat()}T12:00:00Z">{_en(p.published)}</time>\n</article>'
        for p in _newest_first(items)
    )
    body = (
        '<header role="banner"><a href="/">U.S. Department of Commerce</a></header>\n'
        f'<main id="main-content" role="main">\n<h1>Press Releases</h1>\n{articles}\n</main>'
    )
    return {entry: (_doc("en", "Press Releases | U.S. Department of Commerce", body), HTML_TYPE)}


# ------------------------------------------------------------------ Council of the EU

_TIME = re.compile(r'<time class="gsc-date">[^<]*?(\d{1,2}:\d{2})</time>')


def eu_council_listings(items, entry: str) -> dict[str, tuple[str, str]]:
    """Date headings, then the day's items with the time only (taken from each release page,
    so that the listing and the page agree)."""
    parts = []
    days: dict[dt.date, list] = {}
    for p in _newest_first(items):
        days.setdefault(p.published, []).append(p)
    for day, group in days.items():
        lis = []
        for p in group:
            (time,) = _TIME.findall(p.file.read_text(encoding="utf-8"))
            lis.append(
                '<li class="gsc-excerpt-item">\n<div class="gsc-excerpt-item__meta">'
                f'<time class="gsc-date__date">{time}</time> <span>Press release</span></div>\n'
                f"{_a(p.url, p.title, 'gsc-excerpt-item__title')}\n</li>"
            )
        parts.append(
            f'<h2 class="gsc-excerpt-list__item-date">{day.day} {MONTHS[day.month - 1]} {day.year}</h2>\n'
            '<ul class="gsc-excerpt-list__items">\n' + "\n".join(lis) + "\n</ul>"
        )
    body = (
        '<header class="gsc-header"><a href="/en/">Council of the European Union / European Council</a></header>\n'
        '<main id="main-content">\n<h1>Press releases</h1>\n<div class="gsc-excerpt-list">\n'
        + "\n".join(parts)
        + "\n</div>\n</main>"
    )
    return {entry: (_doc("en", "Press releases - Consilium", body), HTML_TYPE)}


# ------------------------------------------------------------------ GOV.UK


def gov_uk_listings(items, entry: str) -> dict[str, tuple[str, str]]:
    """The search API's answer: one result per content item, newest first."""
    results = []
    for p in _newest_first(items):
        item = _load(p)
        results.append(
            {
                "content_store_document_type": item["document_type"],
                "description": item["description"],
                "link": item["base_path"],
                "public_timestamp": item["public_updated_at"],
                "title": item["title"],
            }
        )
    answer = {
        "results": results,
        "total": len(results),
        "start": 0,
        "facets": {},
        "suggested_queries": [],
    }
    return {entry: (_json(answer), JSON_TYPE)}


LISTINGS = {
    "cao_economic_security": cao_listings,
    "mofa_g7": mofa_g7_listings,
    "kantei_en": kantei_listings,
    "federal_register": federal_register_listings,
    "commerce_press": commerce_listings,
    "eu_council": eu_council_listings,
    "gov_uk": gov_uk_listings,
}
