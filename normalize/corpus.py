"""The corpus: every announcement ever crawled, one per URL, the newest fetch winning.

Nothing leaves the corpus when a page vanishes or a source fails: that is what keeps a
failing source from deleting or lifting a measure.
"""

from __future__ import annotations

import json
from pathlib import Path

from normalize import memo
from normalize.canonical import write_atomic


def corpus_path(data_dir: Path) -> Path:
    return data_dir / "corpus" / "announcements.jsonl"


def load_corpus(data_dir: Path) -> dict[str, dict]:
    path = corpus_path(data_dir)
    if not path.exists():
        return {}
    known = memo.recall(path)  # normalize/memo.py: read once per process, not once per crawl
    if known is not None:
        return dict(known[0])
    out, lines = {}, {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            ann = json.loads(line)
            out[ann["url"]] = ann
            lines[ann["url"]] = (ann, line)
    memo.remember(path, (out, lines))
    return dict(out)


def crawl_announcements(crawl_dir: Path) -> list[dict]:
    out = []
    for path in sorted(crawl_dir.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append(json.loads(line))
    return out


def merge(corpus: dict[str, dict], new: list[dict]) -> tuple[dict[str, dict], int]:
    """Adds or replaces announcements; returns the corpus and how many entries changed."""
    merged = dict(corpus)
    changed = 0
    for ann in new:
        old = merged.get(ann["url"])
        if old is not None and old["fetched_at"] > ann["fetched_at"]:
            continue  # an older fetch never overwrites a newer one
        if old is None or {k: v for k, v in old.items() if k != "fetched_at"} != {
            k: v for k, v in ann.items() if k != "fetched_at"
        }:
            changed += 1
            merged[ann["url"]] = ann
    return merged, changed


def save_corpus(data_dir: Path, corpus: dict[str, dict]) -> None:
    path = corpus_path(data_dir)
    known = memo.recall(path)
    done = known[1] if known is not None else {}
    serialized = {}
    for url in sorted(corpus):
        ann = corpus[url]
        old = done.get(url)
        # An announcement object this process read or wrote already has its line.
        line = old[1] if old is not None and old[0] is ann else None
        serialized[url] = (ann, line or json.dumps(ann, ensure_ascii=False, sort_keys=True))
    lines = [line for _, line in serialized.values()]
    write_atomic(path, "\n".join(lines) + ("\n" if lines else ""))
    memo.remember(path, (dict(corpus), serialized))
