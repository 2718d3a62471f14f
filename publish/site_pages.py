"""The generated pages of the site, written into a copy of site/ before mkdocs builds it.

index.md (the latest release, upcoming effective dates, the latest changes) and
topics/index.md and topics/{topic}.md here; releases/ in publish.release_pages, measures/
in publish.measure_pages. Only the index pages are in mkdocs.yml's nav.
"""

from __future__ import annotations

from pathlib import Path

from publish import urls
from publish.history import History
from publish.families import write_family_pages
from publish.measure_pages import write_measure_pages
from publish.page_parts import (
    feed_links,
    measure_title_html,
    measures_table,
    release_link,
    write_page,
)
from publish.release_pages import sources_status, write_release, write_release_index
from publish.render import block, esc, internal_link, table
from publish.vocabulary import CURRENT_STATUSES, FEED_TOPICS, KIND_LABELS, TOPIC_LABELS, TOPICS

LATEST_CHANGES = 20


def write_pages(history: History, docs: Path) -> int:
    """Every generated page; returns how many were written."""
    write_home(history, docs)
    write_topics(history, docs)
    for release in history.releases:
        write_release(history, release, docs)
    write_release_index(history, docs)
    pages = 2 + len(TOPICS) + len(history.releases) + 1 + write_measure_pages(history, docs)
    return pages + write_family_pages(history, docs)


def write_home(history: History, docs: Path) -> None:
    page, latest = "index.md", history.latest
    counts = latest.meta["counts"]
    facts = (
        f"<p>Latest release {release_link(page, latest.id)} at "
        f"<time>{esc(latest.time)}</time>, data as of {esc(latest.meta['as_of'])}: "
        f"{counts['measures']} measures; {counts['added']} added, {counts['modified']} "
        f"modified, {counts['removed']} removed.</p>"
    )
    upcoming = sorted(
        (
            (record, entry)
            for record in latest.measures.values()
            if record["status"] in CURRENT_STATUSES
            for entry in record["effective"]
            if entry["date"] > latest.meta["as_of"]
        ),
        key=lambda pair: (pair[1]["date"], pair[0]["id"]),
    )
    rows = [
        [esc(e["date"]), measure_title_html(page, r), esc(e["description"])] for r, e in upcoming
    ]
    changes = [
        [
            esc(e.release.time),
            esc(KIND_LABELS[e.kind]),
            measure_title_html(page, e.record),
            esc(str(e.version)),
        ]
        for e in reversed(history.events[-LATEST_CHANGES:])
    ]
    feeds = [[esc(TOPIC_LABELS[t]), feed_links(page, t)] for t in FEED_TOPICS]
    body = [
        "# regwatch\n\n",
        block(facts, sources_status(latest)),
        "## Upcoming effective dates\n\n",
        block(table(["Date", "Measure", "What takes effect"], rows) if rows else "<p>None.</p>"),
        "## Latest changes\n\n",
        block(
            table(["Release time", "Change", "Measure", "Version"], changes)
            if changes
            else "<p>None yet.</p>"
        ),
        "## Feeds\n\n",
        block(table(["Topic", "Feeds"], feeds)),
    ]
    write_page(docs, page, "regwatch", list(FEED_TOPICS), "".join(body))


def write_topics(history: History, docs: Path) -> None:
    current = list(history.latest.measures.values())
    rows = []
    for topic in TOPICS:
        page = urls.topic_page(topic)
        mine = [r for r in current if topic in r["topics"]]
        now = [r for r in mine if r["status"] in CURRENT_STATUSES]
        lifted = [r for r in mine if r["status"] not in CURRENT_STATUSES]
        api = internal_link(urls.href(page, f"{urls.API}/topics/{topic}.json"), "JSON")
        body = [
            f"# {TOPIC_LABELS[topic]}\n\n",
            block(f"<p>Feeds: {feed_links(page, topic)} · API: {api}</p>"),
            "## In force or announced\n\n",
            block(measures_table(page, now)),
            "## Lifted\n\n",
            block(measures_table(page, lifted)),
        ]
        write_page(docs, page, TOPIC_LABELS[topic], ["all", topic], "".join(body))
        link = internal_link(urls.href("topics/index.md", page), TOPIC_LABELS[topic])
        rows.append([link, str(len(now)), str(len(lifted)), feed_links("topics/index.md", topic)])
    body = "# Topics\n\n" + block(
        table(["Topic", "In force or announced", "Lifted", "Feeds"], rows)
    )
    write_page(docs, "topics/index.md", "Topics", list(FEED_TOPICS), body)
