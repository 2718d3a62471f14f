"""The corpus: every announcement ever crawled, one per URL, the newest fetch winning.

Nothing leaves the corpus when a page vanishes or a source fails: that is what keeps a
failing source from deleting or lifting a measure.

The file is a log: a crawl appends the announcements it added or changed, and a later line
for a URL supersedes an earlier one, so a crawl writes what changed, not the whole corpus
(20 MB after ten years). When the log holds twice as many lines as the corpus has URLs it is
rewritten whole, sorted, one line per URL. An append cut short by a crash leaves a last line
without its newline: it is ignored, and the next save rewrites the file whole; nothing is
lost, since the crawl's own JSON lines still hold what it found and normalizing that crawl
again appends it again.
"""

from __future__ import annotations

import json
import os
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
    text = path.read_text(encoding="utf-8")
    logged = text.split("\n")
    torn = logged.pop() != ""  # the text after the last newline: a cut-short append
    for line in logged:
        if line.strip():
            ann = json.loads(line)
            out[ann["url"]] = ann
            lines[ann["url"]] = (ann, line)
    # A torn file is rewritten whole by the next save: appending after the torn line would
    # glue the next line to it.
    memo.remember(path, (out, lines, TORN if torn else len(logged)))
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


TORN = float("inf")  # lines in a log whose last append was cut short: rewrite it whole


def save_corpus(data_dir: Path, corpus: dict[str, dict]) -> None:
    path = corpus_path(data_dir)
    if path.exists() and memo.recall(path) is None:
        load_corpus(data_dir)  # what the file holds decides what to append
    known = memo.recall(path)
    done, logged = (known[1], known[2]) if known is not None else ({}, 0)
    serialized, new = {}, []
    for url in sorted(corpus):
        ann = corpus[url]
        old = done.get(url)
        if old is not None and (old[0] is ann or old[0] == ann):
            serialized[url] = old
            continue
        serialized[url] = (ann, json.dumps(ann, ensure_ascii=False, sort_keys=True))
        new.append(serialized[url][1])
    gone = any(url not in corpus for url in done)
    if not new and not gone and logged != TORN:
        return
    if gone or not path.exists() or logged + len(new) > 2 * len(corpus):
        lines = [line for _, line in serialized.values()]
        write_atomic(path, "\n".join(lines) + ("\n" if lines else ""))
        logged = len(lines)
    else:
        with path.open("a", encoding="utf-8") as fh:
            fh.write("".join(line + "\n" for line in new))
            fh.flush()
            os.fsync(fh.fileno())
        logged += len(new)
    memo.remember(path, (dict(corpus), serialized, logged))
