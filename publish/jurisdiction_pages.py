"""jurisdictions/index.md and jurisdictions/{code}.md: who acts, and what they did.

One page for every jurisdiction of a measure ever published (publish.channels.jurisdictions),
with its feeds (feeds/jurisdiction/{code}.json|.xml|.atom), its measures as of the latest
release and its latest changes.
"""

from __future__ import annotations

from pathlib import Path

from publish import urls
from publish.channels import channel_events, jurisdiction_channel, jurisdictions
from publish.history import History
from publish.page_parts import feed_links, measure_title_html, measures_table, write_page
from publish.render import block, esc, internal_link, table
from publish.vocabulary import CURRENT_STATUSES, FEED_TOPICS, KIND_LABELS

LATEST_CHANGES = 10
INDEX = "jurisdictions/index.md"


def write_jurisdictions(history: History, docs: Path) -> int:
    """The index and one page per jurisdiction; returns how many pages."""
    rows = []
    codes = jurisdictions(history)
    for code in codes:
        channel = jurisdiction_channel(code)
        page = urls.jurisdiction_page(code)
        mine = [r for r in history.latest.measures.values() if r["jurisdiction"] == code]
        now = [r for r in mine if r["status"] in CURRENT_STATUSES]
        lifted = [r for r in mine if r["status"] not in CURRENT_STATUSES]
        events = channel_events(history, channel)[-LATEST_CHANGES:][::-1]
        changes = [
            [esc(e.release.time), esc(KIND_LABELS[e.kind]), measure_title_html(page, e.record)]
            for e in events
        ]
        body = [
            f"# {esc(channel.title)}\n\n",
            block(f"<p>Feeds: {feed_links(page, channel.key)}</p>"),
            "## In force or announced\n\n",
            block(measures_table(page, now)),
            "## Lifted\n\n",
            block(measures_table(page, lifted)),
            "## Latest changes\n\n",
            block(
                table(["Release time", "Change", "Measure"], changes) if changes else "<p>None.</p>"
            ),
        ]
        write_page(docs, page, channel.title, ["all", channel.key], "".join(body))
        rows.append(
            [
                internal_link(urls.href(INDEX, page), channel.title),
                str(len([r for r in now if r["status"] == "in_force"])),
                str(len([r for r in now if r["status"] != "in_force"])),
                str(len(lifted)),
                feed_links(INDEX, channel.key),
            ]
        )
    headers = ["Jurisdiction", "In force", "Announced", "Lifted", "Feeds"]
    body = "# Jurisdictions\n\n" + block(
        "<p>Who acts: a state (ISO 3166-1 code), the EU, or the G7 acting together.</p>",
        table(headers, rows) if rows else "<p>None yet.</p>",
    )
    write_page(docs, INDEX, "Jurisdictions", list(FEED_TOPICS), body)
    return 1 + len(codes)
