"""Why a measure changed: its raw input changed (`source`), the code that reads raw input
changed (`pipeline`), or only the calendar moved (`calendar`: a ban reaching its effective
date).

Each announcement carries the sha256 of the raw response it was read from; a measure's
inputs are the raw hashes of its sources; the parser fingerprint hashes the code and rules
that turn raw pages into records.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

from normalize.rules import RULES_DIR

ROOT = Path(__file__).resolve().parent.parent
# Everything between a raw response and a measure record (not the release bookkeeping).
PARSER_FILES = (
    "crawlers/base.py",
    "crawlers/html.py",
    "crawlers/spiders/*",
    "normalize/build.py",
    "normalize/counts.py",
    "normalize/dates.py",
    "normalize/effective.py",
    "normalize/extract.py",
    "normalize/facts.py",
    "normalize/instruments.py",
    "normalize/rules.py",
    "normalize/rules/*.yml",
    "normalize/sentences.py",
    "normalize/text.py",
)


@cache
def parser_fingerprint() -> str:
    digest = hashlib.sha256()
    files = {p for pattern in PARSER_FILES for p in ROOT.glob(pattern) if p.is_file()}
    if RULES_DIR.resolve() != (ROOT / "normalize" / "rules").resolve():
        # An overriding rules folder replaces the project's vocabulary.
        files = {p for p in files if p.parent.name != "rules"} | set(RULES_DIR.glob("*.yml"))
    for path in sorted(files, key=lambda p: (p.parent.name == "rules", p.name, str(p))):
        if "__pycache__" in path.parts:
            continue
        label = (
            path.relative_to(ROOT).as_posix()
            if path.is_relative_to(ROOT)
            else f"normalize/rules/{path.name}"
        )
        digest.update(label.encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def announcement_input(ann: dict) -> str:
    """The raw response's hash where the crawler recorded it; the announcement's own content
    otherwise (announcements saved before raw hashes were recorded)."""
    if ann.get("raw_sha256"):
        return ann["raw_sha256"]
    content = {k: v for k, v in ann.items() if k != "fetched_at"}
    return hashlib.sha256(
        json.dumps(content, sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()


def provenance(corpus: dict[str, dict], records: list[dict]) -> dict:
    inputs = {url: announcement_input(ann) for url, ann in sorted(corpus.items())}
    measures = {}
    for record in records:
        parts = sorted((s["url"], inputs.get(s["url"], "")) for s in record["sources"])
        measures[record["id"]] = hashlib.sha256(json.dumps(parts).encode()).hexdigest()
    return {"parser": parser_fingerprint(), "announcements": inputs, "measures": measures}


def cause_of_addition(record: dict, new: dict, old: dict | None) -> str:
    if old is None:
        return "source"
    unchanged = all(
        old["announcements"].get(s["url"]) == new["announcements"].get(s["url"])
        for s in record["sources"]
    )
    return "pipeline" if unchanged and old["parser"] != new["parser"] else "source"


def cause_of_change(measure_id: str, new: dict, old: dict | None) -> str:
    if old is None or old["measures"].get(measure_id) != new["measures"].get(measure_id):
        return "source"
    return "pipeline" if old["parser"] != new["parser"] else "calendar"
