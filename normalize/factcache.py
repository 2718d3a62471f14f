"""Facts already extracted, by announcement content and parser: the cost of a run follows
what changed, not the size of the corpus.

One JSON-lines file per parser fingerprint (data/state/facts-{fingerprint}.jsonl): a newer
parser starts a new file, so a cache never mixes the output of two versions of the code.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

from normalize import memo
from normalize.facts import Fact
from normalize.provenance import parser_fingerprint
from normalize.rules import load_rules

# Keys already computed in this process, by announcement object: a corpus read once
# (normalize/memo.py) hands the same objects to every build of a long replay.
_KEYS: dict[int, tuple[dict, tuple, str]] = {}
_KEYS_MAX = 500_000


def announcement_key(ann: dict, jurisdiction: str, publisher: str) -> str:
    # The object, and a glance at it in case someone edited it in place.
    check = (jurisdiction, publisher, ann.get("title"), ann.get("published"), len(ann["text"]))
    known = _KEYS.get(id(ann))
    if known is not None and known[0] is ann and known[1] == check:
        return known[2]
    content = {k: v for k, v in ann.items() if k not in ("fetched_at", "raw_sha256")}
    raw = json.dumps([content, jurisdiction, publisher], sort_keys=True, ensure_ascii=False)
    key = hashlib.sha256(raw.encode("utf-8")).hexdigest()
    if len(_KEYS) >= _KEYS_MAX:
        _KEYS.clear()
    _KEYS[id(ann)] = (ann, check, key)
    return key


def _dump(fact: Fact) -> dict:
    return {
        "key": fact.key,
        "jurisdiction": fact.jurisdiction,
        "type": fact.type,
        "scope": fact.scope,
        "targets": list(fact.targets),
        "authority": fact.authority,
        "topics": list(fact.topics),
        "clause": fact.clause,
        "effective": [[d.isoformat(), s] for d, s in fact.effective],
        "milestones": [[d.isoformat(), s] for d, s in fact.milestones],
        "counts": fact.counts,
        "increments": fact.increments,
        "amendment": fact.amendment,
        "lifted": fact.lifted.isoformat() if fact.lifted else None,
        "instrument": fact.instrument.key if fact.instrument else None,
    }


def _load(raw: dict) -> Fact:
    instruments = {i.key: i for i in load_rules().instruments}
    return Fact(
        key=raw["key"],
        jurisdiction=raw["jurisdiction"],
        type=raw["type"],
        scope=raw["scope"],
        targets=tuple(raw["targets"]),
        authority=raw["authority"],
        topics=tuple(raw["topics"]),
        clause=raw["clause"],
        effective=[(date.fromisoformat(d), s) for d, s in raw["effective"]],
        milestones=[(date.fromisoformat(d), s) for d, s in raw["milestones"]],
        counts=raw["counts"],
        increments=raw["increments"],
        amendment=raw["amendment"],
        lifted=date.fromisoformat(raw["lifted"]) if raw["lifted"] else None,
        instrument=instruments[raw["instrument"]] if raw["instrument"] else None,
    )


class FactCache:
    def __init__(self, state_dir: Path | None):
        self.path = state_dir / f"facts-{parser_fingerprint()[:16]}.jsonl" if state_dir else None
        self.entries: dict[str, list[dict]] = {}
        self.new: dict[str, list[dict]] = {}
        self.hits = self.misses = 0
        known = memo.recall(self.path) if self.path is not None else None
        if known is not None:
            self.entries = dict(known)
        elif self.path is not None and self.path.exists():
            for line in self.path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    key, facts = json.loads(line)
                    self.entries[key] = facts
            memo.remember(self.path, dict(self.entries))

    def get(self, key: str) -> list[Fact] | None:
        raw = self.entries.get(key)
        if raw is None:
            self.misses += 1
            return None
        self.hits += 1
        return [_load(f) for f in raw]

    def put(self, key: str, facts: list[Fact]) -> None:
        dumped = [_dump(f) for f in facts]
        self.entries[key] = dumped
        self.new[key] = dumped

    def save(self) -> None:
        if self.path is None or not self.new:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "a", encoding="utf-8") as fh:
            for key, facts in sorted(self.new.items()):
                fh.write(json.dumps([key, facts], ensure_ascii=False, sort_keys=True) + "\n")
        self.new = {}
        memo.remember(self.path, dict(self.entries))
