"""Two questions on two time axes.

Valid time (the legal calendar): what was in force on day D — effective dates, lifting.
Transaction time (the pipeline's calendar): what regwatch knew at release R — the snapshot
that release published. `in_force_on(D, known_at=R)` answers both at once: the measures R
recorded whose first effective date is on or before D and that were not lifted by D.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from normalize.canonical import read_json
from normalize.release import ReleaseError, list_releases, releases_dir


def resolve_release(data_dir: Path, known_at: str | None) -> str:
    """A release id, or a date/time: the last release made on or before it."""
    releases = list_releases(data_dir)
    if not releases:
        raise ReleaseError(f"no release in {data_dir}")
    if known_at is None:
        return releases[-1]
    if known_at in releases:
        return known_at
    try:
        cutoff = date.fromisoformat(known_at[:10])
    except ValueError as exc:
        raise ReleaseError(f"--known-at {known_at!r} is neither a release id nor a date") from exc
    earlier = [
        r
        for r in releases
        if read_json(releases_dir(data_dir) / r / "release.json")["as_of"] <= cutoff.isoformat()
    ]
    if not earlier:
        raise ReleaseError(f"no release was made on or before {cutoff}; the first is {releases[0]}")
    return earlier[-1]


def in_force_on(
    data_dir: Path, day: date, known_at: str | None = None, topic: str | None = None
) -> dict:
    release_id = resolve_release(data_dir, known_at)
    root = releases_dir(data_dir) / release_id
    release = read_json(root / "release.json")
    rows = []
    for m in read_json(root / "measures.json")["measures"]:
        if topic and topic not in m["topics"]:
            continue
        effective = [e for e in m["effective"] if e["date"] <= day.isoformat()]
        if not effective or (m["lifted"] and m["lifted"] <= day.isoformat()):
            continue
        rows.append(
            {
                "id": m["id"],
                "title": m["title"],
                "jurisdiction": m["jurisdiction"],
                "type": m["type"],
                "in_force_since": effective[0]["date"],
                "effective_by_then": effective,
                "later_effective": [e for e in m["effective"] if e["date"] > day.isoformat()],
                "version": m["version"],
            }
        )
    return {
        "in_force_on": day.isoformat(),
        "known_at": release_id,
        "release_time": release["time"],
        "topic": topic,
        "measures": rows,
    }


def format_table(answer: dict) -> str:
    lines = [
        f"In force on {answer['in_force_on']}, as known at release {answer['known_at']} "
        f"({answer['release_time']}): {len(answer['measures'])} measures"
        + (f" in topic {answer['topic']}" if answer["topic"] else ""),
        "",
        f"{'since':10}  {'latest change by then':32}  {'later':10}  measure",
    ]
    for row in answer["measures"]:
        last = row["effective_by_then"][-1]
        later = row["later_effective"][0]["date"] if row["later_effective"] else ""
        lines.append(
            f"{row['in_force_since']:10}  {(last['date'] + ' ' + last['description'])[:32]:32}  {later:10}  {row['id']}"
        )
    return "\n".join(lines)
