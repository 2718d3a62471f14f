"""Stable entity ids: from the names, never from the position in the document.

The ministries renumber their lists (METI's entries are alphabetical, so an addition shifts
every number after it; MOF renumbers its 区分 categories when it inserts a programme), so the
number printed beside an entry is kept as information and never used as a key.

The rule, for each entry of a new edition of list L:

1. **Same names, same id.** The entry's *key* is its English and Japanese names, each
   NFKC-normalized, case-folded and stripped of spaces and punctuation
   (`text.name_key`), joined with `|`. An entity of the previous edition (or an entity once
   removed from L and now listed again) with the same key keeps its id.
2. **Renamed, same id.** An entry left unmatched that shares a name or alias (by key) with
   exactly one unmatched previous entity, and that entity with no other entry, is that entity
   renamed: it keeps the id and the change shows as `modified`.
3. **New entity.** `{L}-{h}` where `h` is the first 12 hex digits of SHA-1 of the key.
   Collisions: when two entries of one edition share a key (MOF lists one person under two
   programmes) or `{L}-{h}` was ever issued in L, the key is extended with the programme,
   then the first address; if the id is still taken, `-2`, `-3`… are appended in document
   order. Ids once issued are never reused for another entity.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import Any

from normalize.lists.model import Entry
from normalize.lists.text import name_key

HASH_DIGITS = 12


def entry_key(name_en: str | None, name_ja: str | None) -> str:
    return f"{name_key(name_en)}|{name_key(name_ja)}"


def _record_key(record: dict[str, Any]) -> str:
    return entry_key(record.get("name_en"), record.get("name_ja"))


def _names(names: list[str | None]) -> set[str]:
    return {name_key(n) for n in names if n} - {""}


def _record_names(record: dict[str, Any]) -> set[str]:
    return _names(
        [record["name_en"], record["name_ja"], *record["aliases_en"], *record["aliases_ja"]]
    )


def _hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:HASH_DIGITS]


def assign_ids(
    list_id: str,
    entries: list[Entry],
    current: list[dict[str, Any]],
    removed: list[dict[str, Any]],
) -> list[str]:
    """One id per entry, in order. `current` and `removed` are the list's entity records as
    of the previous release (removed ones may be listed again)."""
    ids: list[str | None] = [None] * len(entries)
    keys = [entry_key(e.name_en, e.name_ja) for e in entries]
    claimed: set[str] = set()

    def claim(i: int, record_id: str) -> None:
        ids[i] = record_id
        claimed.add(record_id)

    # 1. same key: several candidates are told apart by programme, then addresses, then order
    by_key: dict[str, list[dict[str, Any]]] = {}
    for record in [*current, *removed]:
        by_key.setdefault(_record_key(record), []).append(record)
    for i, entry in enumerate(entries):
        candidates = [r for r in by_key.get(keys[i], []) if r["id"] not in claimed]
        if not candidates:
            continue
        best = sorted(
            candidates,
            key=lambda r: (
                r.get("programme") != entry.programme,
                r["addresses"] != entry.addresses,
            ),
        )[0]
        claim(i, best["id"])

    # 2. renamed: a shared name or alias, one to one
    open_records = [r for r in current if r["id"] not in claimed]
    open_entries = [i for i, x in enumerate(ids) if x is None]
    names = {i: _names(entries[i].names()) for i in open_entries}
    record_names = {r["id"]: _record_names(r) for r in open_records}
    for i in open_entries:
        matches = [rid for rid, rn in record_names.items() if rn & names[i] and rid not in claimed]
        if len(matches) == 1:
            rivals = [
                j for j in open_entries if ids[j] is None and names[j] & record_names[matches[0]]
            ]
            if rivals == [i]:
                claim(i, matches[0])

    # 3. new ids
    issued = {r["id"] for r in [*current, *removed]} | claimed
    repeated = Counter(keys)
    for i, entry in enumerate(entries):
        if ids[i] is not None:
            continue
        key = keys[i]
        candidate = f"{list_id}-{_hash(key)}"
        if repeated[key] > 1 or candidate in issued:
            key = f"{key}|{entry.programme or ''}"
            candidate = f"{list_id}-{_hash(key)}"
        if candidate in issued:
            key = f"{key}|{entry.addresses[0] if entry.addresses else ''}"
            candidate = f"{list_id}-{_hash(key)}"
        base, n = candidate, 2
        while candidate in issued:
            candidate, n = f"{base}-{n}", n + 1
        issued.add(candidate)
        ids[i] = candidate
    return [i for i in ids if i is not None]
