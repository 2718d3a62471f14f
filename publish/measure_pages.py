"""measures/{id}.md: one page per measure ever published (not in the nav).

Facts (with links to the pages that list the measure: its topics, its jurisdiction, its
family when the record names one), the effective-date timeline (with the legislative
milestones), the sources in Japanese and English with the attribution their licences ask
for (publish.attribution), and the version history with each version's changes as a diff.
The Markdown holds only headings of our own words; everything scraped sits in raw HTML
blocks, escaped (publish.render).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from publish import urls
from publish.attribution import EDITED_NOTE, for_citations
from publish.change_html import changes_html
from publish.channels import jurisdiction_key
from publish.history import Event, History
from publish.list_lag import list_updates_html
from publish.list_pages import list_page
from publish.lists import list_docs
from publish.page_parts import release_link, write_page
from publish.render import block, dated_html, esc, internal_link, link, paragraphs, table
from publish.vocabulary import (
    KIND_LABELS,
    LANG_LABELS,
    STATUS_LABELS,
    TOPIC_LABELS,
    jurisdiction_label,
    type_label,
)


def write_measure_pages(history: History, docs: Path) -> int:
    lists = lists_by_measure(history)
    family_pages = families(history)
    for measure_id, record in history.records.items():
        events = history.events_by_measure[measure_id]
        page = urls.measure_page(measure_id)
        facts = facts_table(page, record, family_pages, lists.get(measure_id, []))
        write_page(
            docs,
            page,
            record["title"],
            ["all", *record["topics"], jurisdiction_key(record["jurisdiction"])],
            measure_body(history, page, record, events, facts),
        )
    return len(history.records)


def measure_body(history: History, page: str, record: dict, events: list[Event], facts: str) -> str:
    head = [f"<h1>{esc(record['title'])}</h1>"]
    if record["title_ja"]:
        head.append(f'<p lang="ja" class="rw-subtitle">{esc(record["title_ja"])}</p>')
    if events[-1].kind == "removed":
        head.append(
            f'<p class="rw-removed">Withdrawn by its source in release '
            f"{release_link(page, events[-1].release.id)}: {esc(events[-1].reason)}</p>"
        )
    head.append(paragraphs(record["summary"]))
    parts = [block(*head), "## Facts\n\n", block(facts)]
    parts += ["## Timeline\n\n", block(timeline(history, record))]
    parts += ["## Sources\n\n", block(sources_html(record), attribution_html(record))]
    lag = list_updates_html(history, record["id"])
    if lag:
        parts += ["## From announcement to list\n\n", block(lag)]
    parts.append("## Version history\n\n")
    for event in reversed(events):
        label = KIND_LABELS[event.kind]
        heading = label if event.kind == "removed" else f"Version {event.version}: {label}"
        parts.append(f"### {heading}\n\n")
        parts.append(block(version_html(page, event)))
    return "".join(parts)


def families(history: History) -> set[str]:
    """The families that have a page (publish.families: those of the latest release)."""
    return {r["family"] for r in history.latest.measures.values() if r.get("family")}


def lists_by_measure(history: History) -> dict[str, list[tuple[str, str]]]:
    """measure id → the entity lists (publish.lists) that implement it: (list id, title)."""
    found: dict[str, list[tuple[str, str]]] = {}
    for list_id, doc in list_docs(history.latest).items():
        if doc["measure"]:
            found.setdefault(doc["measure"], []).append((list_id, doc["title"]))
    return found


def facts_table(
    page: str,
    record: dict[str, Any],
    family_pages: set[str] = frozenset(),
    lists: list[tuple[str, str]] = (),
) -> str:
    topics = ", ".join(
        internal_link(urls.href(page, urls.topic_page(t)), TOPIC_LABELS[t])
        for t in record["topics"]
    )
    code = record["jurisdiction"]
    jurisdiction = internal_link(
        urls.href(page, urls.jurisdiction_page(code)), f"{jurisdiction_label(code)} ({code})"
    )
    family = record.get("family")
    if family in family_pages:
        family_html = internal_link(urls.href(page, f"families/{family}.md"), family)
    else:
        family_html = esc(family)
    counts = ", ".join(f"{k}: {v}" for k, v in sorted(record["counts"].items())) or None
    api = urls.href(page, urls.api_measure(record["id"]))
    rows = [
        ("Identifier", f"<code>{esc(record['id'])}</code>"),
        ("Jurisdiction", jurisdiction),
        ("Authority", esc(record["authority"])),
        ("Type", esc(type_label(record["type"]))),
        ("Topics", topics or "—"),
        ("Family", family_html),
        (
            "Entity lists",
            ", ".join(
                internal_link(urls.href(page, list_page(list_id)), title)
                for list_id, title in lists
            )
            or "—",
        ),
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


def attribution_html(record: dict[str, Any]) -> str:
    """The attribution lines the cited sources' licences ask for."""
    lines = for_citations(record["sources"])
    if not lines:
        return ""
    items = "\n".join(
        f"<li>{esc(a.licence.attribution)} "
        f'<span class="rw-muted">({link(a.licence.url, a.licence.name)})</span></li>'
        for a in lines
    )
    return (
        f'<p><strong>Attribution</strong></p>\n<ul class="rw-attribution">\n{items}\n</ul>\n'
        f'<p class="rw-muted">{esc(EDITED_NOTE)}</p>'
    )
