"""Which feeds regwatch publishes: one per topic (and `all`), one per jurisdiction.

A channel is a named selection of the change events (publish.history.Event) that become feed
items: the events of the kinds subscribers are told about (vocabulary.FEED_KINDS) whose
measure, as of the event, belongs to the topic or was taken by the jurisdiction. Its `key` is
the feed's path under feeds/: `russia` → feeds/russia.json, `jurisdiction/jp` →
feeds/jurisdiction/jp.json. Jurisdiction channels exist for every jurisdiction of a measure
ever published, so a feed, once announced, never disappears.

Events are ordered oldest first by (release, measure id, removal last). A new release only
appends events after the existing ones, so the first N events of a channel never change: the
archive pages (publish.feed_archive) rely on it.
"""

from __future__ import annotations

from dataclasses import dataclass

from publish import urls
from publish.history import Event, History
from publish.release_folder import release_order
from publish.vocabulary import FEED_KINDS, FEED_TOPICS, TOPIC_LABELS, jurisdiction_label

JURISDICTION_PREFIX = "jurisdiction/"


@dataclass(frozen=True)
class Channel:
    key: str
    title: str
    home: str  # the site page of the channel (a .md target of publish.urls)
    topic: str | None = None
    jurisdiction: str | None = None

    def matches(self, record: dict) -> bool:
        if self.jurisdiction is not None:
            return record["jurisdiction"] == self.jurisdiction
        return self.topic == "all" or self.topic in record["topics"]


def topic_channel(topic: str) -> Channel:
    return Channel(topic, TOPIC_LABELS[topic], urls.topic_page(topic), topic=topic)


def jurisdiction_key(code: str) -> str:
    return JURISDICTION_PREFIX + code.lower()


def jurisdiction_channel(code: str) -> Channel:
    """ "Japan (JP)"; "G7 (jurisdiction)" where the code is its own name, which tells the
    G7's own acts apart from the G7 topic."""
    label = jurisdiction_label(code)
    title = f"{label} ({code})" if label != code else f"{code} (jurisdiction)"
    return Channel(jurisdiction_key(code), title, urls.jurisdiction_page(code), jurisdiction=code)


def jurisdictions(history: History) -> list[str]:
    """Every jurisdiction of a measure ever published, sorted."""
    return sorted({record["jurisdiction"] for record in history.records.values()})


def all_channels(history: History) -> list[Channel]:
    return [topic_channel(t) for t in FEED_TOPICS] + [
        jurisdiction_channel(code) for code in jurisdictions(history)
    ]


def channel_events(history: History, channel: Channel) -> list[Event]:
    """The channel's feed items, oldest first."""
    events = [e for e in history.events if e.kind in FEED_KINDS and channel.matches(e.record)]
    return sorted(
        events, key=lambda e: (release_order(e.release.id), e.measure_id, e.kind == "removed")
    )


def feed_title(key: str) -> str:
    """The title of a feed from its key alone (for the <link rel="alternate"> of a page)."""
    if key.startswith(JURISDICTION_PREFIX):
        return jurisdiction_channel(key.removeprefix(JURISDICTION_PREFIX).upper()).title
    return TOPIC_LABELS[key]
