"""Runs crawls. Each call starts a child process that runs its jobs one after another in a
single Twisted reactor: a reactor cannot be restarted, and the caller (CLI, tests) must be
able to crawl many times."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path


@dataclass
class CrawlJob:
    crawl_id: str
    data_dir: str
    crawl_time: str  # ISO 8601 UTC
    spiders: list[str]
    replay: list[str] = field(default_factory=list)
    settings: dict = field(default_factory=dict)
    spider_args: dict[str, dict] = field(default_factory=dict)  # spider name → keyword args

    @property
    def crawl_dir(self) -> Path:
        return Path(self.data_dir) / "crawls" / self.crawl_id

    @property
    def archive_dir(self) -> Path:
        return Path(self.data_dir) / "archive" / self.crawl_id


class CrawlError(RuntimeError):
    pass


# Replays of many archived crawls (rebuild, demo, a synthetic archive) are split over this
# many processes, one reactor each; live crawls always run in one process, so that two
# processes never fetch from the same site at once.
REPLAY_WORKERS = int(os.environ.get("REGWATCH_REPLAY_WORKERS", str(min(4, os.cpu_count() or 1))))
MIN_JOBS_PER_WORKER = 8


def run_jobs(jobs: list[CrawlJob], *, verbose: bool = False) -> list[dict]:
    """Run the jobs in order; returns each crawl's status (also in crawls/{id}/status.json)."""
    return list(iter_jobs(jobs, verbose=verbose))


def iter_jobs(jobs: list[CrawlJob], *, verbose: bool = False) -> Iterator[dict]:
    """Run the jobs; yield each crawl's status in the jobs' order as soon as that crawl is
    done, while the crawler processes go on with the next ones (a rebuild normalizes and
    releases one crawl while the next are replayed)."""
    if not jobs:
        return
    workers = 1
    if all(j.replay for j in jobs):
        workers = max(1, min(REPLAY_WORKERS, len(jobs) // MIN_JOBS_PER_WORKER))
    # Dealt out in turn, so that the crawls finish about in the order they are wanted.
    chunks = [jobs[w::workers] for w in range(workers)]
    job_files, procs = [], []
    try:
        for chunk in chunks:
            job_file = chunk[0].crawl_dir.parent / f".jobs-{chunk[0].crawl_id}.json"
            job_file.parent.mkdir(parents=True, exist_ok=True)
            job_file.write_text(json.dumps([asdict(j) for j in chunk]), encoding="utf-8")
            job_files.append(job_file)
            cmd = [sys.executable, "-m", "crawlers.runner", str(job_file)]
            if verbose:
                cmd.append("--verbose")
            procs.append(subprocess.Popen(cmd))
        for i, job in enumerate(jobs):
            yield _wait_for_status(job, procs[i % workers])
        codes = [proc.wait() for proc in procs]
        if any(codes):
            raise CrawlError(f"crawler process exited with {max(codes)}")
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        for job_file in job_files:
            job_file.unlink(missing_ok=True)


def _wait_for_status(job: CrawlJob, proc: subprocess.Popen) -> dict:
    """status.json is written whole (renamed into place) when the crawl is done."""
    path = job.crawl_dir / "status.json"
    while not path.exists():
        if proc.poll() is not None and not path.exists():
            raise CrawlError(
                f"crawler process exited with {proc.returncode} before crawl {job.crawl_id} finished"
            )
        time.sleep(0.02)
    return json.loads(path.read_text(encoding="utf-8"))


def _source_status(crawler, spider) -> dict:
    stats = crawler.stats.get_stats()
    pages = int(stats.get("downloader/response_count", 0))
    announcements = int(stats.get("regwatch/announcements", 0))
    errors = list(getattr(spider, "errors", []))
    # Per crawler: log_count/ERROR counts every crawler's errors in this process, so one
    # source's LayoutError would mark every source of the crawl. crawlers/guards.py names
    # each exception in spider.errors.
    if stats.get("spider_exceptions/count") or stats.get("regwatch/item_errors"):
        exceptions = int(stats.get("spider_exceptions/count", 0))
        errors.append(f"spider error: {exceptions} exceptions in callbacks")
    # The source's expected counts (its YAML) catch a layout change that parses without error
    # but finds nothing, or a listing that suddenly yields far too much.
    bounds = spider.source.expected_announcements
    if announcements < bounds.min:
        errors.append(f"expected at least {bounds.min} announcements, found {announcements}")
    elif announcements > bounds.max:
        errors.append(f"expected at most {bounds.max} announcements, found {announcements}")
    failed_entries = int(stats.get("regwatch/failed_entries", 0))
    status = "ok"
    if failed_entries or (errors and announcements == 0):
        status = "failed"
    elif errors:
        status = "partial"
    return {
        "status": status,
        "pages": pages,
        # Pages the HTTP cache confirmed with a 304 instead of downloading them again.
        "not_modified": int(stats.get("httpcache/revalidate", 0)),
        "retries": int(stats.get("retry/count", 0)),
        "announcements": announcements,
        # Release pages whose bytes the spider had parsed before (crawlers/parsecache.py).
        "parses_reused": int(stats.get("regwatch/parses_reused", 0)),
        "error": errors[0] if errors else None,
        "errors": errors[:20],
    }


def _run_in_reactor(jobs: list[CrawlJob], verbose: bool) -> None:
    from scrapy.crawler import CrawlerProcess
    from scrapy.settings import Settings
    from twisted.internet import defer

    from crawlers.registry import all_spiders
    from crawlers.settings import REPLAY_OVERRIDES, SETTINGS

    spiders = all_spiders()
    if all(job.replay for job in jobs):
        # Scrapy notices that a spider has nothing left to do on a 5-second heartbeat; a
        # replayed crawl is done in milliseconds, so the default would spend most of a demo
        # waiting. The interval is a class attribute of the engine, not a setting.
        from scrapy.core.engine import ExecutionEngine

        ExecutionEngine._SLOT_HEARTBEAT_INTERVAL = 0.1
    base = Settings(SETTINGS)
    if not verbose:
        base.set("LOG_LEVEL", "WARNING")
    process = CrawlerProcess(base)

    def job_settings(job: CrawlJob) -> Settings:
        s = Settings(SETTINGS)
        if not verbose:
            s.set("LOG_LEVEL", "WARNING")
        # "cmdline" priority: Scrapy merges the process's settings into each Crawler at equal
        # priority, which would silently undo per-job overrides made at "project" priority.
        if job.replay:
            s.update(REPLAY_OVERRIDES, priority="cmdline")
            s.set("REGWATCH_REPLAY", job.replay)
        s.set("REGWATCH_CRAWL_TIME", job.crawl_time)
        s.set("REGWATCH_ARCHIVE_DIR", str(job.archive_dir))
        s.set("REGWATCH_CRAWL_DIR", str(job.crawl_dir))
        # Validators (ETag, Last-Modified) survive between runs beside the archive.
        s.set("HTTPCACHE_DIR", str((Path(job.data_dir) / "httpcache").resolve()))
        if not job.replay:
            # Pages parsed by the last crawl are not parsed again (crawlers/parsecache.py);
            # a replay of many crawls keeps them in its processes' memory instead.
            cache = Path(job.data_dir) / "state" / "parsecache"
            s.set("REGWATCH_PARSE_CACHE_DIR", str(cache.resolve()))
        s.update(job.settings, priority="cmdline")
        return s

    @defer.inlineCallbacks
    def chain():
        from scrapy.crawler import Crawler

        try:
            for job in jobs:
                job.crawl_dir.mkdir(parents=True, exist_ok=True)
                settings = job_settings(job)
                crawlers = []
                for name in job.spiders:
                    # Crawler copies the settings itself (a deep copy, a few ms each).
                    crawler = Crawler(spiders[name], settings)
                    crawlers.append(crawler)
                yield defer.DeferredList(
                    [
                        process.crawl(c, **job.spider_args.get(c.spidercls.name, {}))
                        for c in crawlers
                    ],
                    consumeErrors=True,
                )
                status = {
                    "crawl": job.crawl_id,
                    "time": job.crawl_time,
                    "replay": job.replay,
                    # A crawl of mirrors (entry_urls) is rebuilt from the same URLs.
                    **({"spider_args": job.spider_args} if job.spider_args else {}),
                    "sources": {c.spider.name: _source_status(c, c.spider) for c in crawlers},
                }
                # status.json marks a finished crawl: written whole or not at all.
                partial = job.crawl_dir / ".status.json.tmp"
                partial.write_text(json.dumps(status, indent=2, sort_keys=True), encoding="utf-8")
                partial.replace(job.crawl_dir / "status.json")
        finally:
            from twisted.internet import reactor

            reactor.stop()

    from scrapy.utils.reactor import install_reactor

    install_reactor(SETTINGS.get("TWISTED_REACTOR") or base["TWISTED_REACTOR"])
    from twisted.internet import reactor

    reactor.callWhenRunning(chain)
    process.start(stop_after_crawl=False)


def _die_with_parent() -> None:
    """A crawler outliving a killed `regwatch` would go on writing into a crawl that the next
    run, no longer locked out, discards: on Linux the kernel kills it with its parent."""
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def main(argv: list[str]) -> int:
    _die_with_parent()
    job_file = Path(argv[0])
    verbose = "--verbose" in argv[1:]
    jobs = [CrawlJob(**j) for j in json.loads(job_file.read_text(encoding="utf-8"))]
    _run_in_reactor(jobs, verbose)
    missing = [j.crawl_id for j in jobs if not (j.crawl_dir / "status.json").exists()]
    if missing:
        print(f"crawls did not finish: {missing}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
