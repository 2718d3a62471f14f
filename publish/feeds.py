"""feeds/{topic}.json, .xml and .atom: JSON Feed 1.1, RSS 2.0 and Atom 1.0.

One item per change event (publish.history.Event), newest first, at most MAX_ITEMS. An
item's id is `tag:regwatch.example,2022:measure/{id}/v{version}` (a removal:
`…/measure/{id}/removed/{release}`): it depends on nothing but the event, not on base_url
nor on the order of publishing, so it never changes and is never reused. Every date is a
release time, never the clock, so the same data gives byte-identical feeds.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import nh3
from feedgen.feed import FeedGenerator

from publish import jsonout, urls
from publish.change_html import event_html, headline
from publish.history import Event, History
from publish.release_folder import release_order
from publish.render import one_line
from publish.vocabulary import FEED_KINDS, FEED_TOPICS, TOPIC_LABELS, in_topic

MAX_ITEMS = 100
TAG = "tag:regwatch.example,2022:"
EXTENSION_DOC = "api-and-feeds.md"


def item_id(event: Event) -> str:
    if event.kind == "removed":
        return f"{TAG}measure/{event.measure_id}/removed/{event.release.id}"
    return f"{TAG}measure/{event.measure_id}/v{event.version}"


def feed_events(history: History, topic: str) -> list[Event]:
    events = [e for e in history.events if in_topic(e.record, topic) and e.kind in FEED_KINDS]
    events.sort(
        key=lambda e: (release_order(e.release.id), e.measure_id, e.kind == "removed"), reverse=True
    )
    return events[:MAX_ITEMS]


def item_html(event: Event, base_url: str) -> str:
    page = urls.absolute(base_url, urls.measure_page(event.measure_id))
    return nh3.clean(event_html(event, page))


def json_feed(history: History, topic: str, base_url: str) -> dict[str, Any]:
    items = []
    for event in feed_events(history, topic):
        record = event.record
        items.append(
            {
                "id": item_id(event),
                "url": urls.absolute(base_url, urls.measure_page(event.measure_id)),
                "title": one_line(headline(event)),
                "content_html": item_html(event, base_url),
                "date_published": event.release.time,
                "tags": record["topics"],
                "_regwatch": {
                    "about": urls.absolute(base_url, EXTENSION_DOC) + "#json-feed-extension",
                    "measure": event.measure_id,
                    "version": event.version,
                    "kind": event.kind,
                    "release": event.release.id,
                    "status": record["status"],
                    "effective": [entry["date"] for entry in record["effective"]],
                    "reason": event.reason,
                    "api_url": urls.absolute(base_url, urls.api_measure(event.measure_id)),
                },
            }
        )
    return {
        "version": "https://jsonfeed.org/version/1.1",
        "title": f"regwatch: {TOPIC_LABELS[topic]}",
        "home_page_url": urls.absolute(base_url, urls.topic_page(topic)),
        "feed_url": urls.absolute(base_url, urls.feed(topic, "json")),
        "description": _description(topic),
        "language": "en",
        "authors": [{"name": "regwatch"}],
        "_regwatch": {
            "about": urls.absolute(base_url, EXTENSION_DOC) + "#json-feed-extension",
            "release": history.latest.id,
            "updated": history.latest.time,
        },
        "items": items,
    }


def xml_feed(history: History, topic: str, base_url: str, ext: str) -> bytes:
    """RSS 2.0 (ext "xml") or Atom 1.0 (ext "atom") through feedgen."""
    updated = _when(history.latest.time)
    fg = FeedGenerator()
    fg.id(f"{TAG}feed/{topic}")
    fg.title(f"regwatch: {TOPIC_LABELS[topic]}")
    fg.author(name="regwatch")
    fg.link(href=urls.absolute(base_url, urls.topic_page(topic)), rel="alternate")
    fg.link(href=urls.absolute(base_url, urls.feed(topic, ext)), rel="self")
    fg.description(_description(topic))
    fg.language("en")
    fg.generator("regwatch")
    fg.updated(updated)
    fg.lastBuildDate(updated)
    for event in feed_events(history, topic):
        when = _when(event.release.time)
        entry = fg.add_entry(order="append")
        entry.id(item_id(event))
        entry.guid(item_id(event), permalink=False)
        entry.title(one_line(headline(event)))
        entry.link(href=urls.absolute(base_url, urls.measure_page(event.measure_id)))
        entry.content(item_html(event, base_url), type="html")
        entry.published(when)
        entry.updated(when)
        for name in event.record["topics"]:
            entry.category(term=name)
    return fg.atom_str(pretty=True) if ext == "atom" else fg.rss_str(pretty=True)


def write_feeds(history: History, root: Path, base_url: str) -> dict[str, int]:
    """All feeds of every topic; returns the number of items per topic."""
    (root / "feeds").mkdir(parents=True, exist_ok=True)
    counts = {}
    for topic in FEED_TOPICS:
        feed = json_feed(history, topic, base_url)
        jsonout.write(root / urls.feed(topic, "json"), feed)
        for ext in ("xml", "atom"):
            (root / urls.feed(topic, ext)).write_bytes(xml_feed(history, topic, base_url, ext))
        counts[topic] = len(feed["items"])
    return counts


def _description(topic: str) -> str:
    return (
        f"Economic-security measures ({TOPIC_LABELS[topic]}): one item each time a "
        "measure is announced, amended, enters into force, is lifted or withdrawn."
    )


def _when(rfc3339: str) -> datetime:
    return datetime.fromisoformat(rfc3339.replace("Z", "+00:00"))
