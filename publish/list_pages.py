"""The site's pages for the entity lists: lists/index.md and one lists/{id}.md per list, with
a search box over the list's entities and the list's changes release by release."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from publish import urls
from publish.history import History
from publish.lists import LISTS_API, list_changes, list_docs, list_history
from publish.page_parts import release_link, write_page
from publish.render import block, esc, internal_link, link, table

INDEX = "lists/index.md"
SHOWN_NAMES = 60  # names listed per change before "and N more"
# Filters the table rows by the text typed; rows keep their data-search text in lower case.
SEARCH_SCRIPT = """<script>
document.querySelectorAll("input.rw-list-search").forEach(function (box) {
  var rows = document.querySelectorAll("#" + box.dataset.table + " tbody tr");
  box.addEventListener("input", function () {
    var q = box.value.trim().toLowerCase();
    rows.forEach(function (r) { r.hidden = q && r.dataset.search.indexOf(q) < 0; });
  });
});
</script>"""


def list_page(list_id: str) -> str:
    return f"lists/{list_id}.md"


def write_list_pages(history: History, docs: Path) -> int:
    """lists/index.md and a page per list of the latest release; returns pages written."""
    lists = list_docs(history.latest)
    rows = []
    for list_id, doc in lists.items():
        write_one(history, doc, docs)
        rows.append(
            [
                internal_link(urls.href(INDEX, list_page(list_id)), doc["title"])
                + f'<br><small lang="ja">{esc(doc["title_ja"])}</small>',
                esc(doc["authority"]),
                esc(str(len(doc["entities"]))),
                esc(doc["edition"].get("updated") or doc["edition"].get("effective")),
                _files(INDEX, list_id),
            ]
        )
    intro = (
        "<p>Entity lists of the Japanese ministries, parsed from their own documents, each entity "
        "with a stable id, versioned release by release. A document that fails a count check "
        "(fewer entries than it numbers or states) is never published: the previous edition "
        "stays."
        + (
            " Data package: "
            + internal_link(urls.href(INDEX, f"{LISTS_API}/datapackage.json"), "datapackage.json")
            + "."
            if lists
            else ""
        )
        + "</p>"
    )
    body = "# Entity lists\n\n" + block(
        intro,
        table(["List", "Kept by", "Entities", "Edition", "Files"], rows)
        if rows
        else "<p>None yet.</p>",
    )
    write_page(docs, INDEX, "Entity lists", ["all"], body)
    return 1 + len(lists)


def _files(page: str, list_id: str) -> str:
    return " · ".join(
        internal_link(urls.href(page, f"{LISTS_API}/{list_id}.{ext}"), label)
        for ext, label in (("json", "JSON"), ("csv", "CSV"), ("ftm.json", "FollowTheMoney"))
    )


def write_one(history: History, doc: dict[str, Any], docs: Path) -> None:
    page, edition = list_page(doc["list"]), doc["edition"]
    facts = [
        f'<p><span lang="ja">{esc(doc["title_ja"])}</span></p>',
        f"<p>Kept by {esc(doc['authority'])}; {len(doc['entities'])} entities. "
        f"Edition: last updated {esc(edition.get('updated'))}"
        + (f", applies from {esc(edition['effective'])}" if edition.get("effective") else "")
        + (f", {esc(edition['notice'])}" if edition.get("notice") else "")
        + ". Document: "
        + ", ".join(link(u, u.rsplit("/", 1)[-1]) for u in edition["urls"])
        + f' <span class="rw-muted">(sha256 {esc(edition["sha256"][:16])}…)</span></p>',
    ]
    if doc["measure"]:
        target = (
            internal_link(urls.href(page, urls.measure_page(doc["measure"])), doc["measure"])
            if doc["measure"] in history.records
            else esc(doc["measure"])
        )
        facts.append(f"<p>Implements the measure {target}.</p>")
    if doc["status"] == "kept":
        facts.append(
            f'<p class="rw-warning">The latest document was not used: {esc(doc["note"])}. '
            "This is the previous edition.</p>"
        )
    facts.append(f"<p>Files: {_files(page, doc['list'])}</p>")
    table_id = f"rw-list-{doc['list']}"
    search = (
        f'<p><label>Search this list: <input type="search" class="rw-list-search" '
        f'data-table="{table_id}" placeholder="name, alias, address…"></label></p>'
    )
    body = [
        f"# {esc(doc['title'])}\n\n",
        block(*facts),
        "## Entities\n\n",
        block(search, _entities_table(table_id, doc["entities"]), SEARCH_SCRIPT),
        "## Changes by release\n\n",
        block(_changes(history, doc["list"], page)),
    ]
    if doc["removed"]:
        rows = [
            [esc(r["name_en"] or r["name_ja"]), esc(r["id"]), release_link(page, r["removed_in"])]
            for r in doc["removed"]
        ]
        body += ["## Removed from the list\n\n", block(table(["Name", "Id", "Removed in"], rows))]
    write_page(docs, page, doc["title"], ["all"], "".join(body))


def _entities_table(table_id: str, entities: list[dict[str, Any]]) -> str:
    programmes = any(r["programme"] for r in entities)  # MOF: numbers run per programme
    headers = ["No.", "Name", "Aliases", "Country", "Listed", "Id"]
    if programmes:
        headers.insert(1, "Programme")
    rows = []
    for r in entities:
        names = [r["name_en"], r["name_ja"], *r["aliases_en"], *r["aliases_ja"], *r["addresses"]]
        haystack = esc(" ".join(n for n in names if n).lower()).replace('"', "&quot;")
        aliases = "<br>".join(esc(a) for a in [*r["aliases_en"], *r["aliases_ja"]])
        cells = [
            esc(str(r["number"] or "")),
            f'{esc(r["name_en"])}<br><small lang="ja">{esc(r["name_ja"])}</small>',
            aliases or "—",
            esc(r["country"]),
            esc(r["listed"]),
            f"<code>{esc(r['id'])}</code>",
        ]
        if programmes:
            cells.insert(1, f'<small lang="ja">{esc(r["programme"])}</small>')
        tds = "".join(f"<td>{c}</td>" for c in cells)
        rows.append(f'<tr data-search="{haystack}">{tds}</tr>')
    head = "".join(f"<th>{h}</th>" for h in headers)
    return (
        f'<table id="{table_id}">\n<thead><tr>{head}</tr></thead>\n<tbody>\n'
        + "\n".join(rows)
        + "\n</tbody>\n</table>"
    )


def _names(records: list[dict[str, Any]]) -> str:
    shown = [esc(r["name_en"] or r["name_ja"]) for r in records[:SHOWN_NAMES]]
    more = len(records) - SHOWN_NAMES
    return "; ".join(shown) + (f"; and {more} more" if more > 0 else "")


def _changes(history: History, list_id: str, page: str) -> str:
    parts = []
    for entry in reversed(list_history(history, list_id)):
        release = next(r for r in history.releases if r.id == entry["release"])
        change = list_changes(release)["lists"][list_id]
        c = entry["counts"]
        head = (
            f"<h3>{release_link(page, entry['release'])} · {esc(entry['status'])}</h3>"
            f"<p>{c['added']} added, {c['removed']} removed, {c['modified']} modified; "
            f"{c['entities']} entities.</p>"
        )
        parts.append(head)
        if entry["reason"]:
            parts.append(f'<p class="rw-warning">{esc(entry["reason"])}</p>')
        if change["added"]:
            parts.append(f"<p>Added: {_names(change['added'])}</p>")
        if change["removed"]:
            parts.append(f"<p>Removed: {_names(change['removed'])}</p>")
        for m in change["modified"]:
            fields = ", ".join(esc(f) for f in sorted(m["fields"]))
            parts.append(f"<p>Modified <code>{esc(m['id'])}</code>: {fields}</p>")
    return "\n".join(parts) or "<p>No change yet.</p>"
