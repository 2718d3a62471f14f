"""releases/index.md and releases/{id}.md: every release, including those that changed
nothing, with the sources crawled and each change event in full (publish.change_html)."""

from __future__ import annotations

from pathlib import Path

from publish import urls
from publish.change_html import EFFECTIVE_SHOWN, event_html
from publish.history import History, Release
from publish.page_parts import release_link, write_page
from publish.render import block, esc, internal_link, table
from publish.vocabulary import FEED_TOPICS

SECTIONS = (
    ("Added", {"added"}),
    ("Modified", {"amended", "in_force", "lifted"}),
    ("New sources for known measures", {"sources"}),
    ("Removed", {"removed"}),
)


def sources_status(release: Release) -> str:
    failed = {name: s for name, s in sorted(release.meta["sources"].items()) if s["status"] != "ok"}
    if not failed:
        return ""
    items = "\n".join(
        f"<li><code>{esc(name)}</code>: {esc(s['error'])}</li>" for name, s in failed.items()
    )
    return (
        f'<p class="rw-removed">Partial release: {len(failed)} source(s) failed; '
        f"their measures are as last seen.</p>\n<ul>\n{items}\n</ul>"
    )


def write_release(history: History, release: Release, docs: Path) -> None:
    page = urls.release_page(release.id)
    meta = release.meta
    api = " · ".join(
        internal_link(urls.href(page, urls.api_release(release.id, name)), name)
        for name in ("changes.json", "measures.json")
    )
    previous = release_link(page, meta["previous"]) if meta["previous"] else "none"
    facts = (
        f"<p>Time <time>{esc(release.time)}</time>, data as of {esc(meta['as_of'])}, "
        f"result {esc(meta['result'])}, {meta['counts']['measures']} measures. "
        f"Previous release: {previous}. API: {api}</p>"
    )
    sources = [
        [
            f"<code>{esc(name)}</code>",
            esc(s["status"]),
            str(s["pages"]),
            str(s["announcements"]),
            esc(s["error"]),
        ]
        for name, s in sorted(meta["sources"].items())
    ]
    body = [
        f"# Release {release.id}\n\n",
        block(facts),
        "## Sources crawled\n\n",
        block(
            table(["Source", "Status", "Pages", "Announcements", "Error"], sources)
            if sources
            else "<p>None.</p>"
        ),
    ]
    events = history.events_by_release.get(release.id, [])
    for heading, kinds in SECTIONS:
        chosen = [e for e in events if e.kind in kinds]
        body.append(f"## {heading}\n\n")
        html = [
            f'<div class="rw-event">\n{event_html(e, measure_href(page, e.measure_id), effective_shown=EFFECTIVE_SHOWN)}\n</div>'
            for e in chosen
        ]
        if html and kinds == {"sources"}:
            # restatements change no legal fact: folded, so the changes that do stand out
            summary = f"{len(html)} measure(s) restated by a new announcement"
            html = [f"<details><summary>{summary}</summary>", *html, "</details>"]
        body.append(block(*html) if html else block("<p>Nothing.</p>"))
    write_page(docs, page, f"Release {release.id}", list(FEED_TOPICS), "".join(body))


def write_release_index(history: History, docs: Path) -> None:
    page = "releases/index.md"
    rows = [
        [
            release_link(page, r.id),
            esc(r.time),
            esc(r.meta["as_of"]),
            esc(r.meta["result"]),
            *(str(r.meta["counts"][k]) for k in ("measures", "added", "modified", "removed")),
        ]
        for r in reversed(history.releases)
    ]
    headers = [
        "Release",
        "Time",
        "Data as of",
        "Result",
        "Measures",
        "Added",
        "Modified",
        "Removed",
    ]
    body = "# Releases\n\n" + block(
        "<p>A run of the pipeline makes a release when it finds something new, if only an announcement that changed no measure.</p>",
        table(headers, rows),
    )
    write_page(docs, page, "Releases", list(FEED_TOPICS), body)


def measure_href(page: str, measure_id: str) -> str:
    return urls.href(page, urls.measure_page(measure_id))
