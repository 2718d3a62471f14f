"""The generated pages of the site, written into a copy of site/ before mkdocs builds it.

index.md (the latest release, what is in force per topic with the chart of all measures in
force, upcoming effective dates, the latest changes, the feeds) and sources.md (every source,
its licence and attribution) here; topics/ in publish.topic_pages, jurisdictions/ in
publish.jurisdiction_pages, releases/ in publish.release_pages, measures/ in
publish.measure_pages, families/ in publish.families. Only the index pages are in
mkdocs.yml's nav.
"""

from __future__ import annotations

from pathlib import Path

from publish import urls
from publish.attribution import EDITED_NOTE, sources
from publish.channels import all_channels
from publish.charts import topic_chart
from publish.families import write_family_pages
from publish.health import write_health_page
from publish.history import History
from publish.jurisdiction_pages import write_jurisdictions
from publish.list_pages import write_list_pages
from publish.measure_pages import write_measure_pages
from publish.page_parts import feed_links, measure_title_html, release_link, write_page
from publish.release_pages import sources_status, write_release, write_release_index
from publish.render import block, esc, internal_link, link, table
from publish.topic_pages import write_topics
from publish.vocabulary import (
    CURRENT_STATUSES,
    FEED_KINDS,
    FEED_TOPICS,
    KIND_LABELS,
    TOPIC_LABELS,
    TOPICS,
)

LATEST_CHANGES = 20
SOURCES_PAGE = "sources.md"


def write_pages(history: History, docs: Path) -> int:
    """Every generated page; returns how many were written."""
    write_home(history, docs)
    write_sources(docs)
    pages = 2 + write_topics(history, docs) + write_jurisdictions(history, docs)
    for release in history.releases:
        write_release(history, release, docs)
    write_release_index(history, docs)
    pages += len(history.releases) + 1 + write_measure_pages(history, docs)
    pages += write_health_page(history, docs) + write_list_pages(history, docs)
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
    # What a subscriber is told about (a measure added, amended, in force, lifted, removed);
    # restatements by new sources are on the release pages.
    news = [e for e in history.events if e.kind in FEED_KINDS][-LATEST_CHANGES:]
    changes = [
        [
            internal_link(urls.href(page, urls.release_page(e.release.id)), e.release.time[:10]),
            esc(KIND_LABELS[e.kind]),
            measure_title_html(page, e.record),
            esc(str(e.version)),
        ]
        for e in reversed(news)
    ]
    feeds = [
        [esc("Jurisdiction" if c.jurisdiction else "Topic"), esc(c.title), feed_links(page, c.key)]
        for c in all_channels(history)
    ]
    body = [
        "# regwatch\n\n",
        block(facts, sources_status(latest)),
        "## In force now\n\n",
        block(topics_summary(history, page), topic_chart(history, "all")),
        "## Upcoming effective dates\n\n",
        block(table(["Date", "Measure", "What takes effect"], rows) if rows else "<p>None.</p>"),
        "## Latest changes\n\n",
        block(
            table(["Release", "Change", "Measure", "Version"], changes)
            if changes
            else "<p>None yet.</p>"
        ),
        "## Feeds\n\n",
        block(
            "<p>How to subscribe, and the archives of older items: "
            f"{internal_link(urls.href(page, 'api-and-feeds.md'), 'API and feeds')}.</p>",
            table(["Kind", "Feed", "Formats"], feeds),
        ),
    ]
    write_page(docs, page, "regwatch", list(FEED_TOPICS), "".join(body))


def topics_summary(history: History, page: str) -> str:
    current = list(history.latest.measures.values())
    rows = []
    for topic in TOPICS:
        mine = [r for r in current if topic in r["topics"]]
        rows.append(
            [
                internal_link(urls.href(page, urls.topic_page(topic)), TOPIC_LABELS[topic]),
                str(sum(r["status"] == "in_force" for r in mine)),
                str(sum(r["status"] == "announced" for r in mine)),
                str(sum(r["status"] not in CURRENT_STATUSES for r in mine)),
            ]
        )
    return table(["Topic", "In force", "Announced", "Lifted"], rows)


def write_sources(docs: Path) -> None:
    rows = [
        [
            f"{esc(s.title)}<br>{link(s.publisher.url, s.publisher.name)}"
            f'<br><span class="rw-muted">{esc(", ".join(s.languages))} · '
            f"<code>{esc(s.name)}</code></span>",
            link(s.licence.url, s.licence.name),
            f'<span lang="{"ja" if "ja" in s.languages else "en"}">'
            f"{esc(s.licence.attribution)}</span>",
        ]
        for s in sources()
    ]
    body = "# Sources and licences\n\n" + block(
        "<p>Every record on this site is derived from the announcements of these sources. "
        "Each measure's page names the sources it cites and gives their attribution.</p>",
        f"<p>{esc(EDITED_NOTE)}</p>",
        table(["Source", "Licence", "Attribution"], rows),
    )
    write_page(docs, SOURCES_PAGE, "Sources and licences", list(FEED_TOPICS), body)
