"""The steps `make bench` times, each run in a process of its own (bench/run.py):

    python -m bench.steps STEP RESULT.json ARGS...

so that each step's peak memory (its own and its crawler processes') is measured apart and
no step warms another's caches. Each writes what it measured to RESULT.json.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import lxml.html

from crawlers.warc import read_responses
from regwatch import synth

FAST = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_START_DELAY": 0.01, "AUTOTHROTTLE_MAX_DELAY": 0.1,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 8}  # fmt: skip


def make_archive(work: str, years: str, announcements: str, seed: str) -> dict:
    """The synthetic archive in {work}/snapshots, and the snapshot after it (one new
    announcement) in {work}."""
    sizes = {"years": int(years), "announcements": int(announcements), "seed": int(seed)}
    start = time.perf_counter()
    archive = synth.generate(Path(work) / "snapshots", **sizes)
    archive["seconds"] = time.perf_counter() - start
    return {"archive": archive, "next": str(synth.next_snapshot(Path(work), **sizes))}


def bare_parse(snapshots: str) -> dict:
    """lxml.html.fromstring over every HTML body of every snapshot: the floor of any parser."""
    parse = read = 0.0
    pages = size = 0
    for warc in sorted(Path(snapshots).glob("????-??-??.warc.gz")):
        start = time.perf_counter()
        responses = read_responses(warc)
        read += time.perf_counter() - start
        for r in responses:
            if "html" not in dict((k.lower(), v) for k, v in r.headers).get("content-type", ""):
                continue
            start = time.perf_counter()
            lxml.html.fromstring(r.body)
            parse += time.perf_counter() - start
            pages += 1
            size += len(r.body)
    return {"seconds": parse, "read_seconds": read, "pages": pages, "bytes": size}


def rebuild(snapshots: str, data: str) -> dict:
    """Every snapshot replayed: crawl, normalize and release, one release each."""
    start = time.perf_counter()
    statuses = synth.replay(Path(data), Path(snapshots))
    failed = sorted(
        {n for s in statuses for n, src in s["sources"].items() if src["status"] != "ok"}
    )
    return {"seconds": time.perf_counter() - start, "crawls": len(statuses), "failed": failed}


def publish(data: str, out: str) -> dict:
    from publish import publish as do_publish

    start = time.perf_counter()
    report = do_publish(Path(data), Path(out))
    return {"seconds": time.perf_counter() - start, "report": report}


def one_more(snapshot: str, data: str, out: str) -> dict:
    """One crawl with one new announcement: crawl, normalize, release, publish."""
    from regwatch import pipeline

    start = time.perf_counter()
    status = pipeline.crawl(Path(data), sources=list(synth.SYNTHESIZED), replay=Path(snapshot))
    pending = pipeline.normalize(Path(data), status["crawl"])
    release = pipeline.release(Path(data))
    crawled = time.perf_counter()
    report = pipeline.publish(Path(data), Path(out))
    return {
        "seconds": time.perf_counter() - start,
        "crawl_normalize_release": crawled - start,
        "publish": report["seconds"],
        "changed": pending["announcements_changed"],
        "release": release["counts"],
    }


def _files(out: Path) -> dict[str, tuple[int, int]]:
    root = out.resolve()
    return {
        p.relative_to(root).as_posix(): (p.stat().st_mtime_ns, p.stat().st_ino)
        for p in root.rglob("*")
        if p.is_file()
    }


def no_change(snapshot: str, data: str, out: str) -> dict:
    """Two live crawls of local copies of the sites (bench/server.py: gzip and validators as a
    real server sends them; conditional GET through Scrapy's HTTP cache), each normalized,
    released and published; the second finds nothing new."""
    from bench.server import serve_snapshot, stop
    from regwatch import pipeline

    sites = serve_snapshot(Path(snapshot))
    entries = {}
    for name in synth.SYNTHESIZED:
        from crawlers.registry import get_spider

        urls = []
        for url in get_spider(name).source.entry_urls:
            host, path = url.split("/", 3)[2], "/" + url.split("/", 3)[3]
            urls.append(sites[host].base + path)
        entries[name] = {"entry_urls": ",".join(urls)}
    runs = []
    try:
        for _ in range(2):
            for site in sites.values():
                site.sent = site.requests = site.not_modified = site.robots = 0
            before = _files(Path(out)) if Path(out).exists() else {}
            start = time.perf_counter()
            status = pipeline.crawl(Path(data), sources=list(synth.SYNTHESIZED), settings=FAST,
                                    spider_args=entries)  # fmt: skip
            crawled = time.perf_counter()
            pipeline.normalize(Path(data), status["crawl"])
            release = pipeline.release(Path(data))
            if release is not None:  # as `regwatch run`: no release, nothing to publish
                pipeline.publish(Path(data), Path(out))
            after = _files(Path(out))
            rewritten = sorted(p for p in set(before) & set(after) if before[p] != after[p])
            runs.append({
                "bytes": sum(s.sent for s in sites.values()),
                "requests": sum(s.requests for s in sites.values()),
                "not_modified": sum(s.not_modified for s in sites.values()),
                "robots_requests": sum(s.robots for s in sites.values()),
                "hosts": len(sites),
                "crawl_seconds": crawled - start,
                "seconds": time.perf_counter() - start,
                "sources": {n: s["status"] for n, s in status["sources"].items()},
                "release": release["counts"] if release else None,
                "files": len(after),
                "new_files": len(set(after) - set(before)),
                "rewritten": len(rewritten),
                "rewritten_files": rewritten[:40],
            })  # fmt: skip
    finally:
        stop(sites)
    return {"full": runs[0], "no_change": runs[1]}


def history(data: str, measures: str) -> dict:
    from bench.history import write_history

    start = time.perf_counter()
    ids = write_history(Path(data), int(measures))
    return {"seconds": time.perf_counter() - start, "releases": ids, "measures": int(measures)}


def diffs(data: str) -> dict:
    """text_diff over the largest prose pairs the releases hold, and over adversarial pairs."""
    from bench.adversarial import pairs as adversarial
    from normalize.diff import PROSE, text_diff

    found = []
    for changes in Path(data).glob("releases/*/changes.json"):
        for entry in json.loads(changes.read_text(encoding="utf-8"))["modified"]:
            for name in PROSE:
                field = entry["fields"].get(name)
                if field:
                    found.append((field["before"] or "", field["after"] or ""))
    found = sorted(set(found), key=lambda p: -len(p[0]) - len(p[1]))[:50]
    out = {}
    for label, pairs in (("archive", found), ("adversarial", adversarial())):
        worst, size = 0.0, 0
        for before, after in pairs:
            start = time.perf_counter()
            text_diff(before, after)
            took = time.perf_counter() - start
            if took > worst:
                worst, size = took, len(before) + len(after)
        out[label] = {"pairs": len(pairs), "slowest": worst, "chars": size}
    return out


STEPS = {"synth": make_archive, "parse": bare_parse, "rebuild": rebuild, "publish": publish, "one_more": one_more,
         "no_change": no_change, "history": history, "diffs": diffs}  # fmt: skip


if __name__ == "__main__":
    step, result, *args = sys.argv[1:]
    Path(result).write_text(json.dumps(STEPS[step](*args), indent=2, default=str))
