"""One change event as HTML a person can read: the feeds' item content and the site's
release and measure pages show the same thing.

What changed (each field before → after, prose as a diff with <ins>/<del>), the effective
dates, the counts, and a link to the measure's page. Every scraped string is escaped by
publish.render; the feeds additionally pass the result through nh3.
"""

from __future__ import annotations

from typing import Any

from publish.history import Event
from publish.render import (
    dated_html,
    diff_html,
    entry_html,
    esc,
    internal_link,
    paragraphs,
    table,
    value_html,
)
from publish.vocabulary import KIND_LABELS, STATUS_LABELS, field_label, type_label

SHORT_SUMMARY = 1000  # characters of a new measure's summary kept in a short item


def headline(event: Event) -> str:
    """Plain text: "Amended: Ban on exports of luxury goods to Russia (v2)"."""
    return f"{KIND_LABELS[event.kind]}: {event.record['title']} (v{event.version})"


def facts_line(record: dict) -> str:
    targets = ", ".join(record["targets"]) or "—"
    return (
        f"<p>{esc(type_label(record['type']))} · {esc(record['jurisdiction'])} "
        f"{esc(record['authority'])} · targets {esc(targets)} · "
        f"{esc(STATUS_LABELS[record['status']])}</p>"
    )


def changes_html(event: Event) -> str:
    """The fields a modification changed, before → after, and its prose diffs."""
    rows = []
    for name, change in sorted(event.fields.items()):
        if name in event.text_diffs:
            continue
        before, after = change["before"], change["after"]
        if name == "status":
            before, after = STATUS_LABELS.get(before, before), STATUS_LABELS.get(after, after)
        rows.append([esc(field_label(name)), *before_after_html(before, after)])
    parts = [table(["Field", "Before", "After"], rows)] if rows else []
    for name, ops in sorted(event.text_diffs.items()):
        parts.append(f"<p>{esc(field_label(name))}, as changed:</p>")
        parts.append(diff_html(ops))
    return "\n".join(parts)


def before_after_html(before: Any, after: Any) -> tuple[str, str]:
    """Both values. Of lists of objects (effective dates, sources…), only what changed:
    the entries dropped in <del> before, those added in <ins> after, and how many stayed."""
    objects = all(
        isinstance(v, list) and v and all(isinstance(e, dict) for e in v) for v in (before, after)
    )
    if not objects:
        return value_html(before), value_html(after)
    return _list_change(before, after, "del"), _list_change(after, before, "ins")


def _list_change(entries: list, other: list, mark: str) -> str:
    changed = [e for e in entries if e not in other]
    kept = len(entries) - len(changed)
    items = "".join(f"<li><{mark}>{entry_html(e)}</{mark}></li>" for e in changed)
    listed = f"<ul>{items}</ul>" if items else ""
    note = f'<span class="rw-muted">{kept} unchanged</span>' if kept else ""
    return listed + note or "—"


def effective_html(record: dict) -> str:
    if not record["effective"]:
        return "<p>No effective date stated yet.</p>"
    items = "\n".join(f"<li>{dated_html(entry)}</li>" for entry in record["effective"])
    return f"<p>Effective dates:</p>\n<ul>\n{items}\n</ul>"


def counts_html(record: dict) -> str:
    if not record["counts"]:
        return ""
    counts = ", ".join(f"{name}: {n}" for name, n in sorted(record["counts"].items()))
    return f"<p>Counts stated by the sources: {esc(counts)}</p>"


def event_html(event: Event, measure_href: str, *, full: bool = True) -> str:
    """The whole event, linking to the measure's page at `measure_href`. Not `full`: the
    fields changed are named but their values and diffs are left to the page (a feed item
    kept small, see publish.feeds)."""
    record = event.record
    title = internal_link(measure_href, record["title"])
    parts = [
        f"<p><strong>{esc(KIND_LABELS[event.kind])}</strong>: {title} "
        f"(version {event.version}, release {esc(event.release.id)})</p>"
    ]
    if record["title_ja"]:
        parts.append(f'<p lang="ja">{esc(record["title_ja"])}</p>')
    parts.append(facts_line(record))
    if event.kind == "removed":
        parts.append(f"<p>Reason given: {esc(event.reason)}</p>")
    elif event.kind == "added":
        summary = record["summary"] or ""
        if not full and len(summary) > SHORT_SUMMARY:
            summary = summary[:SHORT_SUMMARY].rstrip() + " …"
        parts.append(paragraphs(summary))
    elif full:
        parts.append(changes_html(event))
    else:
        changed = ", ".join(field_label(name) for name in sorted(event.fields)) or "—"
        parts.append(
            f"<p>Changed: {esc(changed)}. The change is too long for a feed item: "
            f"{internal_link(measure_href, 'see it on the measure page')}.</p>"
        )
    if event.kind != "removed":
        parts.extend([effective_html(record), counts_html(record)])
    parts.append(f"<p>{internal_link(measure_href, 'Full record and version history')}</p>")
    return "\n".join(p for p in parts if p)
