"""feeds/: JSON Feed 1.1, RSS 2.0 and Atom 1.0 for every channel (publish.channels).

One item per change event. An item's id is `tag:regwatch.example,2022:measure/{id}/v{version}`
(a removal: `…/measure/{id}/removed/{release}`): it depends on nothing but the event, not on
base_url nor on the order of publishing, so it never changes and is never reused. Every date
is a release time, never the clock, so the same data gives byte-identical feeds; a feed's
`updated` is the time of the release of its newest item, so a release that changes nothing
for a channel leaves its feed's bytes alone and a poller gets 304 Not Modified.

Each channel has a head feed of at most feed_archive.PAGE_SIZE items and immutable archive
pages (RFC 5005 prev-archive links in Atom and RSS, `next_url` in JSON Feed). Subscribers
pay for the head at every poll, so it must stay under HEAD_BYTES whatever a source publishes
and however long a measure lives, and it cannot shed items (those not yet on a full archive
page are nowhere else). So each item is bounded instead: its JSON Feed item, as written in
the feed, weighs at most ITEM_BYTES, and PAGE_SIZE of them plus the feed's own fields fit
HEAD_BYTES. An item shows the most detail (change_html.DETAILS) that fits: the whole change;
else the fields changed, named, with the diff left to the measure's page; else its headline
alone. Its effective dates, which grow with every amendment of a long-lived measure, are the
latest EFFECTIVE_SHOWN, with how many there are. RSS and Atom items carry the same content,
escaped more lightly than JSON's \u003c, and no `_regwatch`, so they weigh less
(tests/test_feed_budget.py measures both).
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import Any

import nh3
from feedgen.ext.base import BaseExtension
from feedgen.feed import FeedGenerator
from lxml import etree

from publish import jsonout, urls
from publish.change_html import (
    DETAILS,
    EFFECTIVE_SHOWN,
    MINIMAL_TITLE,
    clip,
    event_html,
    headline,
)
from publish.channels import Channel, all_channels, channel_events
from publish.feed_archive import PAGE_SIZE, FeedPage, kept, paginate
from publish.history import Event, History
from publish.render import one_line

TAG = "tag:regwatch.example,2022:"
EXTENSION_DOC = "api-and-feeds.md"
HEAD_BYTES = 250_000
FEED_FIELDS_BYTES = 4_000  # a head's bytes besides its items: title, links, `_regwatch`
ITEM_BYTES = (HEAD_BYTES - FEED_FIELDS_BYTES) // PAGE_SIZE
ITEM_INDENT = 4  # jsonout's indent of an item in a feed's "items"
HISTORY_NS = "http://purl.org/syndication/history/1.0"
ATOM_NS = "http://www.w3.org/2005/Atom"

log = logging.getLogger(__name__)


def item_id(event: Event) -> str:
    if event.kind == "removed":
        return f"{TAG}measure/{event.measure_id}/removed/{event.release.id}"
    return f"{TAG}measure/{event.measure_id}/v{event.version}"


class Items:
    """Each event's JSON Feed item, made once for all the feeds it appears in, at the most
    detail that keeps it within ITEM_BYTES; `content` is its HTML for RSS and Atom too."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.about = urls.absolute(base_url, EXTENSION_DOC) + "#json-feed-extension"
        self._done: dict[str, dict] = {}

    def json_item(self, event: Event) -> dict:
        key = item_id(event)
        if key not in self._done:
            self._done[key] = self._fitting(event)
        return self._done[key]

    def content(self, event: Event) -> str:
        return self.json_item(event)["content_html"]

    def title(self, event: Event) -> str:
        return self.json_item(event)["title"]

    def _fitting(self, event: Event) -> dict:
        # the diffs' text alone over budget: no need to render them to know
        prose = sum(len(text) for ops in event.text_diffs.values() for _, text in ops)
        details = DETAILS[1:] if prose > ITEM_BYTES else DETAILS
        for detail in details:
            item = self._item(event, detail)
            if item_bytes(item) <= ITEM_BYTES:
                return item
        log.warning("feed item over budget: id=%s bytes=%d", item["id"], item_bytes(item))
        return item

    def _item(self, event: Event, detail: str) -> dict:
        record = event.record
        page = urls.absolute(self.base_url, urls.measure_page(event.measure_id))
        html = event_html(event, page, detail=detail, effective_shown=EFFECTIVE_SHOWN)
        title = one_line(headline(event))
        if detail == "minimal":
            title = clip(title, MINIMAL_TITLE)
        dates = [entry["date"] for entry in record["effective"]]
        return {
            "id": item_id(event),
            "url": page,
            "title": title,
            "content_html": nh3.clean(html),
            "date_published": event.release.time,
            "tags": record["topics"],
            "_regwatch": {
                "about": self.about,
                "measure": event.measure_id,
                "version": event.version,
                "kind": event.kind,
                "release": event.release.id,
                "jurisdiction": record["jurisdiction"],
                "status": record["status"],
                "effective": dates[-EFFECTIVE_SHOWN:],
                "effective_total": len(dates),
                "reason": event.reason,
                "api_url": urls.absolute(self.base_url, urls.api_measure(event.measure_id)),
            },
        }


def item_bytes(item: dict) -> int:
    """The bytes `item` takes in a JSON Feed: as jsonout writes it, indented into "items",
    with the comma and line break that follow it."""
    text = jsonout.dumps(item)
    return len(text) + ITEM_INDENT * text.count(b"\n") + 1


def _updated(history: History, page: FeedPage) -> tuple[str, str]:
    """(release id, time) of the newest item; for an empty feed, the first release."""
    release = page.events[0].release if page.events else history.releases[0]
    return release.id, release.time


def json_feed(history: History, page: FeedPage, base_url: str, items: Items) -> dict:
    channel = page.channel
    release, updated = _updated(history, page)
    extension: dict[str, Any] = {
        "about": items.about,
        "channel": channel.key,
        "release": release,
        "updated": updated,
        "archive_page": page.number,
    }
    doc: dict[str, Any] = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": f"regwatch: {channel.title}",
        "home_page_url": urls.absolute(base_url, channel.home),
        "feed_url": urls.absolute(base_url, urls.feed(channel.key, "json")),
        "description": _description(channel),
        "language": "en",
        "authors": [{"name": "regwatch"}],
        "_regwatch": extension,
        "items": [items.json_item(event) for event in page.events],
    }
    if page.prev is not None:
        doc["next_url"] = urls.absolute(base_url, page.prev_path("json"))
    return doc


class ArchiveLinks(BaseExtension):
    """RFC 5005 in feedgen's output: <fh:archive/> on an archive page (Atom and RSS) and,
    in RSS, the atom:link elements feedgen writes only for Atom."""

    def __init__(self) -> None:
        self.archive = False
        self.links: list[tuple[str, str]] = []

    def extend_ns(self) -> dict[str, str]:
        return {"fh": HISTORY_NS} if self.archive else {}

    def extend_atom(self, feed: Any) -> Any:
        if self.archive:
            etree.SubElement(feed, f"{{{HISTORY_NS}}}archive")
        return feed

    def extend_rss(self, rss: Any) -> Any:
        channel = rss[0]
        for rel, href in self.links:
            etree.SubElement(channel, f"{{{ATOM_NS}}}link", rel=rel, href=href)
        if self.archive:
            etree.SubElement(channel, f"{{{HISTORY_NS}}}archive")
        return rss


def xml_feed(history: History, page: FeedPage, base_url: str, ext: str, items: Items) -> bytes:
    """RSS 2.0 (ext "xml") or Atom 1.0 (ext "atom") through feedgen, as bytes."""
    channel = page.channel
    updated = _when(_updated(history, page)[1])
    fg = FeedGenerator()
    fg.register_extension("history", ArchiveLinks, atom=True, rss=True)
    fg.id(f"{TAG}feed/{channel.key}")
    fg.title(f"regwatch: {channel.title}")
    fg.author(name="regwatch")
    fg.link(href=urls.absolute(base_url, page.path(ext)), rel="self")
    links = []
    if page.number is not None:
        links.append(("current", urls.absolute(base_url, urls.feed(channel.key, ext))))
    if page.prev is not None:
        links.append(("prev-archive", urls.absolute(base_url, page.prev_path(ext))))
    for rel, href in links:
        fg.link(href=href, rel=rel)
    fg.link(href=urls.absolute(base_url, channel.home), rel="alternate")  # last: RSS <link>
    fg.history.archive = page.number is not None
    fg.history.links = links
    fg.description(_description(channel))
    fg.language("en")
    fg.generator("regwatch")
    fg.updated(updated)
    fg.lastBuildDate(updated)
    for event in page.events:
        when = _when(event.release.time)
        entry = fg.add_entry(order="append")
        entry.id(item_id(event))
        entry.guid(item_id(event), permalink=False)
        entry.title(items.title(event))
        entry.link(href=urls.absolute(base_url, urls.measure_page(event.measure_id)))
        entry.content(items.content(event), type="html")
        entry.published(when)
        entry.updated(when)
        for name in event.record["topics"]:
            entry.category(term=name)
    return fg.atom_str(pretty=True) if ext == "atom" else fg.rss_str(pretty=True)


def write_feeds(
    history: History, root: Path, base_url: str, previous: Path | None = None
) -> dict[str, int]:
    """Every channel's head feed and archive pages; returns the number of items per channel.
    `previous` is the build online, whose archive pages are kept as they are."""
    items = Items(base_url)
    counts = {}
    for channel in all_channels(history):
        events = channel_events(history, channel)
        for page in paginate(channel, events):
            write_page(history, page, root, base_url, previous, items)
        counts[channel.key] = len(events)
    return counts


def write_page(
    history: History,
    page: FeedPage,
    root: Path,
    base_url: str,
    previous: Path | None,
    items: Items,
) -> None:
    ids = [item_id(event) for event in page.events]
    head_url = urls.absolute(base_url, urls.feed(page.channel.key, "json"))
    (root / page.path("json")).parent.mkdir(parents=True, exist_ok=True)
    done = kept(page, ids, head_url, root, previous)
    if "json" not in done:
        jsonout.write(root / page.path("json"), json_feed(history, page, base_url, items))
    for ext in ("xml", "atom"):
        if ext not in done:
            (root / page.path(ext)).write_bytes(xml_feed(history, page, base_url, ext, items))
    if page.number is None:
        for ext in ("json", "xml", "atom"):
            size = (root / page.path(ext)).stat().st_size
            if size > HEAD_BYTES:
                log.warning("head feed over budget: feed=%s bytes=%d", page.path(ext), size)


def _description(channel: Channel) -> str:
    return (
        f"Economic-security measures ({channel.title}): one item each time a "
        "measure is announced, amended, enters into force, is lifted or withdrawn."
    )


def _when(rfc3339: str) -> datetime:
    return datetime.fromisoformat(rfc3339.replace("Z", "+00:00"))
