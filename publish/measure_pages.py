"""measures/{id}.md: one page per measure ever published (not in the nav).

Facts, the effective-date timeline (with the legislative milestones), the sources in
Japanese and English, and the version history with each version's changes as a diff. The
Markdown holds only headings of our own words; everything scraped sits in raw HTML blocks,
escaped (publish.render).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from publish import urls
from publish.change_html import changes_html
from publish.history import Event, History
from publish.page_parts import release_link, write_page
from publish.render import block, dated_html, esc, internal_link, link, paragraphs, table
from publish.vocabulary import (
    KIND_LABELS,
    LANG_LABELS,
    STATUS_LABELS,
    TOPIC_LABELS,
    type_label,
)


def write_measure_pages(history: History, docs: Path) -> int:
    for measure_id, record in history.records.items():
        events = history.events_by_measure[measure_id]
        page = urls.measure_page(measure_id)
        write_page(
            docs,
            page,
            record["title"],
            ["all", *record["topics"]],
            measure_body(history, page, record, events),
        )
    return len(history.records)


def measure_body(history: History, page: str, record: dict, events: list[Event]) -> str:
    head = [f"<h1>{esc(record['title'])}</h1>"]
    if record["title_ja"]:
        head.append(f'<p lang="ja" class="rw-subtitle">{esc(record["title_ja"])}</p>')
    if events[-1].kind == "removed":
        head.append(
            f'<p class="rw-removed">Withdrawn by its source in release '
            f"{release_link(page, events[-1].release.id)}: {esc(events[-1].reason)}</p>"
        )
    head.append(paragraphs(record["summary"]))
    parts = [block(*head), "## Facts\n\n", block(facts_table(page, record))]
    parts += ["## Timeline\n\n", block(timeline(history, record))]
    parts += ["## Sources\n\n", block(sources_html(record))]
    parts.append("## Version history\n\n")
    for event in reversed(events):
        label = KIND_LABELS[event.kind]
        heading = label if event.kind == "removed" else f"Version {event.version}: {label}"
        parts.append(f"### {heading}\n\n")
        parts.append(block(version_html(page, event)))
    return "".join(parts)


def facts_table(page: str, record: dict[str, Any]) -> str:
    topics = ", ".join(
        internal_link(urls.href(page, urls.topic_page(t)), TOPIC_LABELS[t])
        for t in record["topics"]
    )
    counts = ", ".join(f"{k}: {v}" for k, v in sorted(record["counts"].items())) or None
    api = urls.href(page, urls.api_measure(record["id"]))
    rows = [
        ("Identifier", f"<code>{esc(record['id'])}</code>"),
        ("Jurisdiction", esc(record["jurisdiction"])),
        ("Authority", esc(record["authority"])),
        ("Type", esc(type_label(record["type"]))),
        ("Topics", topics or "—"),
        ("Targets", esc(", ".join(record["targets"]) or None)),
        ("Status", esc(STATUS_LABELS[record["status"]])),
        ("Announced", esc(record["announced"])),
        ("Lifted", esc(record["lifted"])),
        ("Counts", esc(counts)),
        ("Version", esc(str(record["version"]))),
        ("First seen", release_link(page, record["first_seen"])),
        ("Last changed", release_link(page, record["last_changed"])),
        ("Machine-readable", internal_link(api, "JSON with the whole history")),
    ]
    return table(["Fact", "Value"], [[name, value] for name, value in rows])


def timeline(history: History, record: dict[str, Any]) -> str:
    """Effective dates and milestones by date; those after the latest release's as_of are
    marked upcoming."""
    as_of = history.latest.meta["as_of"]
    entries = [("Takes effect", e) for e in record["effective"]]
    entries += [("Milestone", m) for m in record["milestones"]]
    if not entries:
        return "<p>No date announced yet.</p>"
    items = []
    for label, entry in sorted(entries, key=lambda pair: pair[1]["date"]):
        when = "upcoming" if entry["date"] > as_of else "past"
        items.append(f'<li class="rw-{when}"><strong>{label}</strong> {dated_html(entry)}</li>')
    return '<ol class="rw-timeline">\n' + "\n".join(items) + "\n</ol>"


def sources_html(record: dict[str, Any]) -> str:
    parts = []
    for lang, label in LANG_LABELS.items():
        sources = [s for s in record["sources"] if s["lang"] == lang]
        if sources:
            items = "\n".join(
                f'<li lang="{lang}">{link(s["url"], s["title"] or s["url"])} '
                f'<span class="rw-muted">{esc(s["published"])}</span></li>'
                for s in sources
            )
            parts.append(f"<p><strong>In {label}</strong></p>\n<ul>\n{items}\n</ul>")
    return "\n".join(parts) or "<p>No source recorded.</p>"


def version_html(page: str, event: Event) -> str:
    intro = (
        f"<p>Release {release_link(page, event.release.id)}, "
        f"<time>{esc(event.release.time)}</time>.</p>"
    )
    if event.kind == "added":
        return intro + "\n<p>First published.</p>"
    if event.kind == "removed":
        return intro + f"\n<p>Reason given: {esc(event.reason)}</p>"
    return intro + "\n" + changes_html(event)
