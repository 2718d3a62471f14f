"""From announcement to list: when a release says entities are added to a measure's list and
the list document changes later (or earlier), both dates and the lag between them.

Derived from the releases: each release's lists_changes.json says which measures' lists
gained entities and the edition's own date; the measure's effective dates and sources say
when the addition was announced.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from publish.history import History
from publish.render import esc, table


def list_updates(history: History, measure_id: str) -> list[dict[str, Any]]:
    record = history.records.get(measure_id)
    if record is None:
        return []
    published = {s["url"]: s["published"] for s in record["sources"]}
    # The first edition of a list goes with the measure's entry into force, later ones with
    # the additions: every effective date is a candidate.
    additions = record["effective"]
    out = []
    for release in history.releases:
        doc = release.lists_changes
        if doc is None:
            continue
        entry = doc.get("measures", {}).get(measure_id)
        if not entry or not entry.get("added"):
            continue
        for list_id in entry["lists"]:
            if not doc["lists"][list_id]["added"]:
                continue
            edition = doc["lists"][list_id]["edition"]
            changed = edition.get("updated") or release.meta["as_of"]
            # The announcement is the addition dated nearest to the list's own date.
            nearest = min(
                additions,
                key=lambda e: abs(
                    (date.fromisoformat(e["date"]) - date.fromisoformat(changed)).days
                ),
                default=None,
            )
            announced = published.get(nearest["source"]) if nearest else None
            out.append(
                {
                    "list": list_id,
                    "entities_added": len(doc["lists"][list_id]["added"]),
                    "announced": announced,
                    "announced_effective": nearest["date"] if nearest else None,
                    "list_changed": changed,
                    "seen_in_release": release.id,
                    "lag_days": (date.fromisoformat(changed) - date.fromisoformat(announced)).days
                    if announced
                    else None,
                }
            )
    return out


def list_updates_html(history: History, measure_id: str) -> str:
    rows = [
        [
            esc(u["list"]),
            esc(str(u["entities_added"])),
            esc(u["announced"] or "—"),
            esc(u["announced_effective"] or "—"),
            esc(u["list_changed"]),
            esc("—" if u["lag_days"] is None else f"{u['lag_days']} days"),
        ]
        for u in list_updates(history, measure_id)
    ]
    if not rows:
        return ""
    headers = ["List", "Entities added", "Announced", "Effective", "List document changed", "Lag"]
    return table(headers, rows)
