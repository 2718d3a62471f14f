"""Measure families: one measure as enacted by several jurisdictions (the G7 partners'
luxury-goods export bans, say), side by side — api/v1/families.json and families/*.md."""

from __future__ import annotations

from pathlib import Path

from normalize.rules import load_rules
from publish import jsonout, urls
from publish.history import History
from publish.page_parts import write_page
from publish.render import block, esc, internal_link, table
from publish.vocabulary import FEED_TOPICS, STATUS_LABELS


def families(history: History) -> list[dict]:
    titles = {s.family["id"]: s.family["title"] for s in load_rules().scopes if s.family}
    members: dict[str, list[dict]] = {}
    for record in history.latest.measures.values():
        if record.get("family"):
            members.setdefault(record["family"], []).append(record)
    return [
        {
            "id": fid,
            "title": titles.get(fid, fid),
            "jurisdictions": sorted({r["jurisdiction"] for r in records}),
            "members": [
                {
                    "id": r["id"],
                    "title": r["title"],
                    "jurisdiction": r["jurisdiction"],
                    "authority": r["authority"],
                    "targets": r["targets"],
                    "status": r["status"],
                    "first_effective": r["effective"][0]["date"] if r["effective"] else None,
                    "effective": r["effective"],
                    "counts": r["counts"],
                }
                for r in sorted(
                    records,
                    key=lambda r: (r["effective"][0]["date"] if r["effective"] else "9", r["id"]),
                )
            ],
        }
        for fid, records in sorted(members.items())
    ]


def write_families_api(history: History, root: Path) -> None:
    doc = {"release": history.latest.id, "time": history.latest.time, "families": families(history)}
    jsonout.write(root / urls.API / "families.json", doc)


def write_family_pages(history: History, docs: Path) -> int:
    found = families(history)
    rows = [
        [
            internal_link(urls.href("families/index.md", f"families/{f['id']}.md"), f["title"]),
            esc(", ".join(f["jurisdictions"])),
            str(len(f["members"])),
        ]
        for f in found
    ]
    intro = (
        "<p>A family is one measure as enacted by several jurisdictions — for example the "
        "luxury-goods export bans the G7 partners coordinated in 2022 — with their own effective "
        "dates and scopes, side by side.</p>"
    )
    write_page(
        docs,
        "families/index.md",
        "Measure families",
        list(FEED_TOPICS),
        block(
            intro,
            table(["Family", "Jurisdictions", "Measures"], rows) if rows else "<p>None yet.</p>",
        ),
    )
    for family in found:
        page = f"families/{family['id']}.md"
        member_rows = [
            [
                esc(m["jurisdiction"]),
                internal_link(urls.href(page, urls.measure_page(m["id"])), m["title"]),
                esc(m["authority"]),
                esc(", ".join(m["targets"])),
                esc(m["first_effective"] or "—"),
                "<br>".join(esc(f"{e['date']} {e['description']}") for e in m["effective"]) or "—",
                esc(STATUS_LABELS.get(m["status"], m["status"])),
            ]
            for m in family["members"]
        ]
        headers = [
            "Jurisdiction",
            "Measure",
            "Authority",
            "Targets",
            "First effective",
            "Effective dates",
            "Status",
        ]
        write_page(
            docs, page, family["title"], list(FEED_TOPICS), block(table(headers, member_rows))
        )
    return 1 + len(found)
