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

# Effective dates an event shows, the latest ones (feed items, release pages); a measure's
# page shows them all.
EFFECTIVE_SHOWN = 10
SHORT_SUMMARY = 1000  # characters of a new measure's summary kept in a short item
MINIMAL_TITLE = 300  # characters of a title kept where the size must not depend on a source

# How much of an event event_html shows: the whole change; the fields changed named (with how
# many entries a list gained or lost) and the summary cut; or only what is bounded whatever a
# source publishes: the headline, its title cut, and the names of the fields changed.
DETAILS = ("full", "short", "minimal")


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit].rstrip() + " …"


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


def only_in(entries: list, other: list) -> list:
    """The entries `other` lacks, in their order. A measure's lists (sources, effective
    dates) grow at the end or near it, so the common beginning is passed over first; only
    the rest is looked up in `other` (a list of dicts: not hashable)."""
    same = 0
    for a, b in zip(entries, other, strict=False):
        if a != b:
            break
        same += 1
    return [e for e in entries[same:] if e not in other]


def _list_change(entries: list, other: list, mark: str) -> str:
    changed = only_in(entries, other)
    kept = len(entries) - len(changed)
    items = "".join(f"<li><{mark}>{entry_html(e)}</{mark}></li>" for e in changed)
    listed = f"<ul>{items}</ul>" if items else ""
    note = f'<span class="rw-muted">{kept} unchanged</span>' if kept else ""
    return listed + note or "—"


def changed_fields(event: Event) -> str:
    """ "Effective (1 added), Sources (1 added), Status": the fields a modification changed,
    a list with how many entries it gained or lost, never the entries themselves."""
    names = []
    for name, change in sorted(event.fields.items()):
        before, after = change["before"], change["after"]
        counted = []
        if isinstance(before, list) and isinstance(after, list):
            for entries, other, word in ((after, before, "added"), (before, after, "removed")):
                if n := len(only_in(entries, other)):
                    counted.append(f"{n} {word}")
        names.append(field_label(name) + (f" ({', '.join(counted)})" if counted else ""))
    return ", ".join(names) or "—"


def effective_html(record: dict, *, shown: int | None = None, more_href: str = "") -> str:
    """The effective dates; with `shown`, only the latest `shown` of them, saying how many
    more the measure has (a ten-year sanctions regime gains one with every designation)."""
    entries = record["effective"]
    if not entries:
        return "<p>No effective date stated yet.</p>"
    intro = "Effective dates:"
    if shown is not None and len(entries) > shown:
        earlier = len(entries) - shown
        entries = entries[-shown:] if shown else []
        where = internal_link(more_href, "the measure page") if more_href else "the measure page"
        intro = f"Effective dates: the latest {shown} of {len(record['effective'])}; "
        intro += f"{earlier} earlier on {where}."
        if not entries:
            return f"<p>{intro}</p>"
    items = "\n".join(f"<li>{dated_html(entry)}</li>" for entry in entries)
    return f"<p>{intro}</p>\n<ul>\n{items}\n</ul>"


def counts_html(record: dict) -> str:
    if not record["counts"]:
        return ""
    counts = ", ".join(f"{name}: {n}" for name, n in sorted(record["counts"].items()))
    return f"<p>Counts stated by the sources: {esc(counts)}</p>"


def event_html(
    event: Event, measure_href: str, *, detail: str = "full", effective_shown: int | None = None
) -> str:
    """The event at one of DETAILS, linking to the measure's page at `measure_href`; the
    effective dates limited to the latest `effective_shown` (see effective_html). The feeds
    choose the detail that keeps an item within its size (publish.feeds)."""
    record = event.record
    minimal = detail == "minimal"
    name = clip(record["title"], MINIMAL_TITLE) if minimal else record["title"]
    title = internal_link(measure_href, name)
    parts = [
        f"<p><strong>{esc(KIND_LABELS[event.kind])}</strong>: {title} "
        f"(version {event.version}, release {esc(event.release.id)})</p>"
    ]
    if record["title_ja"] and not minimal:
        parts.append(f'<p lang="ja">{esc(record["title_ja"])}</p>')
    parts.append(facts_line(record))
    if event.kind == "removed":
        if not minimal:
            parts.append(f"<p>Reason given: {esc(event.reason)}</p>")
    elif event.kind == "added":
        summary = record["summary"] or ""
        if detail == "short":
            summary = clip(summary, SHORT_SUMMARY)
        if not minimal:
            parts.append(paragraphs(summary))
    elif detail == "full":
        parts.append(changes_html(event))
    else:
        parts.append(
            f"<p>Changed: {esc(changed_fields(event))}. The change is too long for a feed "
            f"item: {internal_link(measure_href, 'see it on the measure page')}.</p>"
        )
    if event.kind != "removed" and not minimal:
        shown = effective_html(record, shown=effective_shown, more_href=measure_href)
        parts.extend([shown, counts_html(record)])
    parts.append(f"<p>{internal_link(measure_href, 'Full record and version history')}</p>")
    return "\n".join(p for p in parts if p)
