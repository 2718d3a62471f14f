"""Archived feeds (RFC 5005): a small head feed, the older items in immutable archive pages.

Pages are counted from the oldest item: page 1 holds a channel's items 1…PAGE_SIZE, page 2
the next PAGE_SIZE, and so on, and only full pages are written. A release only appends items
(publish.channels), so a full page never changes: it is written once, at
feeds/archive/{key}/{n}.{ext}, and kept byte for byte by every later publish (see `kept`),
so that a renderer improvement never rewrites history a subscriber has already fetched.

The head (RFC 5005's subscription document, feeds/{key}.{ext}) holds the newest PAGE_SIZE
items: those of the page not yet full, then the newest of the last full page. Holding a
page's worth, it always reaches back into the archive page its `prev-archive` link names, so
a reader walking head → prev-archive → … misses nothing; an item in both is the same item
under the same id. Archive pages link to the older page and to the head (`current`), never
to a newer page, which would not exist yet when the page is written (RFC 5005's
next-archive is a SHOULD; immutability wins).

PAGE_SIZE bounds the head's size together with publish.feeds' cap on one item
(ITEM_BYTES): 25 items of at most ~9.8 KB and the feed's own fields stay under the 250 KB a
head may weigh. A head cannot be kept small by holding fewer items instead: the items after
the last full page are in no archive page yet.
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass
from pathlib import Path

from publish import jsonout, urls
from publish.channels import Channel
from publish.history import Event

PAGE_SIZE = 25
FORMATS = ("json", "xml", "atom")

log = logging.getLogger(__name__)


class ArchivePageChanged(RuntimeError):
    """An archive page already published would now hold other items: history was rewritten."""


@dataclass(frozen=True)
class FeedPage:
    channel: Channel
    number: int | None  # None: the head; 1, 2, …: an archive page, 1 the oldest
    events: list[Event]  # newest first
    prev: int | None  # the next older archive page, if any

    def path(self, ext: str) -> str:
        if self.number is None:
            return urls.feed(self.channel.key, ext)
        return urls.feed_archive(self.channel.key, self.number, ext)

    def prev_path(self, ext: str) -> str | None:
        return None if self.prev is None else urls.feed_archive(self.channel.key, self.prev, ext)


def paginate(channel: Channel, events: list[Event]) -> list[FeedPage]:
    """The archive pages, oldest first, then the head; `events` oldest first."""
    size = PAGE_SIZE
    full = len(events) // size
    pages = [
        FeedPage(channel, n, events[(n - 1) * size : n * size][::-1], (n - 1) or None)
        for n in range(1, full + 1)
    ]
    pages.append(FeedPage(channel, None, events[-size:][::-1] if events else [], full or None))
    return pages


def kept(
    page: FeedPage, item_ids: list[str], feed_url: str, root: Path, previous: Path | None
) -> list[str]:
    """Copy an archive page from the build online into `root` if it is published there with
    the same items under the same address; return the formats copied. A page published with
    other items raises: only a rewritten release history could cause it."""
    if page.number is None or previous is None:
        return []
    old = previous / page.path("json")
    if not old.is_file():
        return []
    doc = jsonout.read(old)
    if doc["feed_url"] != feed_url:
        log.info("archive page regenerated for a new base URL: page=%s", page.path("json"))
        return []
    if [item["id"] for item in doc["items"]] != item_ids:
        raise ArchivePageChanged(
            f"{page.path('json')} would change its items; archives are immutable"
        )
    copied = []
    for ext in FORMATS:
        source = previous / page.path(ext)
        if source.is_file():
            target = root / page.path(ext)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
            copied.append(ext)
    return copied
