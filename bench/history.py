"""A release history with many measures, for timing publish at scale.

The synthetic crawl archive (regwatch.synth) yields as many measures as the extraction
vocabulary allows (a few dozen: measures are identified by jurisdiction, type, scope and
targets). Publishing is measured on a history of N records written straight into releases
through normalize.release.make_release, the same code a crawl's release goes through: the
first release adds most measures, each later one adds some and amends some.
"""

from __future__ import annotations

import hashlib
import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from normalize.canonical import write_json
from normalize.provenance import parser_fingerprint
from normalize.release import make_release, pending_path

JURISDICTIONS = [("JP", "METI", "ja"), ("JP", "MOF", "ja"), ("US", "BIS", "en"), ("GB", "OFSI", "en"),
                 ("EU", "Council of the EU", "en"), ("G7", "G7 Leaders", "en")]  # fmt: skip
TYPES = [
    "export_ban",
    "import_ban",
    "asset_freeze",
    "services_ban",
    "investment_ban",
    "entity_listing",
]
TOPICS = ["russia", "ipef", "economic-security", "g7"]
TARGETS = ["RU", "BY", "IR", "KP", "UA-14", "UA-09", "UA-43", "CN", "SY"]
WORDS = ["measure", "goods", "entities", "individuals", "designation", "export", "import", "ban", "items", "list", "amendment", "effective", "notice", "cabinet", "order", "regulation", "schedule", "annex"]  # fmt: skip


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def _record(rng: random.Random, n: int, start: date) -> dict:
    jur, authority, lang = rng.choice(JURISDICTIONS)
    kind = rng.choice(TYPES)
    announced = start + timedelta(days=rng.randrange(3000))
    effective = sorted(
        {announced + timedelta(days=rng.randrange(0, 900)) for _ in range(rng.randint(1, 4))}
    )
    sources = [
        {
            "url": f"https://example.{jur.lower()}/press/{n}/{k}.html",
            "title": _sentence(rng, rng.randint(6, 14)),
            "published": (announced + timedelta(days=30 * k)).isoformat(),
            "lang": lang if k % 2 == 0 else "en",
        }
        for k in range(rng.randint(1, 5))
    ]
    return {
        "id": f"{jur.lower()}-{kind.replace('_', '-')}-m{n:05d}",
        "title": f"{kind.replace('_', ' ').capitalize()} no. {n}: " + _sentence(rng, 6),
        "title_ja": f"措置第{n}号" if lang == "ja" else None,
        "jurisdiction": jur,
        "authority": authority,
        "type": kind,
        "topics": sorted(set(rng.sample(TOPICS, rng.randint(1, 2)))),
        "targets": sorted(set(rng.sample(TARGETS, rng.randint(1, 2)))),
        "status": "announced",
        "announced": announced.isoformat(),
        "effective": [
            {
                "date": d.isoformat(),
                "description": "in force" if i == 0 else "items added",
                "source": sources[0]["url"],
            }
            for i, d in enumerate(effective)
        ],  # fmt: skip
        "lifted": None,
        "counts": {"entities": rng.randint(1, 400)} if rng.random() < 0.5 else {},
        "milestones": [],
        "summary": " ".join(_sentence(rng, rng.randint(8, 20)) for _ in range(rng.randint(2, 6))),
        "sources": sources,
        "family": None,
    }


def write_history(data_dir: Path, measures: int, releases: int = 4, seed: int = 1) -> list[str]:
    """Write `releases` releases ending with `measures` records; returns the release ids."""
    rng = random.Random(seed)
    start = date(2016, 1, 4)
    first = measures - (releases - 1) * max(1, measures // 60)
    records = [_record(rng, n, start) for n in range(first)]
    when = datetime(2025, 9, 1, 9, tzinfo=UTC)
    ids = []
    for r in range(releases):
        if r:
            records += [_record(rng, len(records), start) for _ in range(max(1, measures // 60))]
            for record in rng.sample(records, max(1, len(records) // 100)):
                record["effective"].append(
                    {"date": (when.date() + timedelta(days=14)).isoformat(),
                     "description": "entities added", "source": record["sources"][-1]["url"]}
                )  # fmt: skip
                record["summary"] += " " + _sentence(rng, 12)
        built = [
            {k: v for k, v in rec.items() if k not in ("version", "first_seen", "last_changed")}
            for rec in sorted(records, key=lambda x: x["id"])
        ]
        for rec in built:
            rec["status"] = (
                "in_force"
                if rec["effective"][0]["date"] <= when.date().isoformat()
                else "announced"
            )
        inputs = {
            s["url"]: hashlib.sha256(s["url"].encode()).hexdigest()
            for rec in built
            for s in rec["sources"]
        }
        pending = {
            "crawl": None,
            "time": when.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "as_of": when.date().isoformat(),
            "sources": {
                "synthetic": {
                    "status": "ok",
                    "pages": 0,
                    "announcements": 0,
                    "error": None,
                    "errors": [],
                }
            },  # fmt: skip
            "announcements": len(inputs),
            "announcements_changed": len(inputs) if r == 0 else measures // 30,
            "measures": built,
            "provenance": {
                "parser": parser_fingerprint(),
                "announcements": inputs,
                "measures": {rec["id"]: rec["id"] for rec in built},
            },  # fmt: skip
        }
        write_json(pending_path(data_dir), pending)
        ids.append(make_release(data_dir)["id"])
        when += timedelta(days=7)
    return ids
