"""Runs crawls. Each call starts a child process that runs its jobs one after another in a
single Twisted reactor: a reactor cannot be restarted, and the caller (CLI, tests) must be
able to crawl many times."""

from __future__ import annotations

import json
import subprocess
import sys
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


def run_jobs(jobs: list[CrawlJob], *, verbose: bool = False) -> list[dict]:
    """Run the jobs in order; returns each crawl's status (also in crawls/{id}/status.json)."""
    if not jobs:
        return []
    job_file = jobs[0].crawl_dir.parent / f".jobs-{jobs[0].crawl_id}.json"
    job_file.parent.mkdir(parents=True, exist_ok=True)
    job_file.write_text(json.dumps([asdict(j) for j in jobs]), encoding="utf-8")
    try:
        cmd = [sys.executable, "-m", "crawlers.runner", str(job_file)]
        if verbose:
            cmd.append("--verbose")
        proc = subprocess.run(cmd, check=False)
        if proc.returncode != 0:
            raise CrawlError(f"crawler process exited with {proc.returncode}")
    finally:
        job_file.unlink(missing_ok=True)
    return [json.loads((j.crawl_dir / "status.json").read_text(encoding="utf-8")) for j in jobs]


def _source_status(crawler, spider) -> dict:
    stats = crawler.stats.get_stats()
    pages = int(stats.get("downloader/response_count", 0))
    announcements = int(stats.get("regwatch/announcements", 0))
    errors = list(getattr(spider, "errors", []))
    if stats.get("spider_exceptions/count") or stats.get("log_count/ERROR"):
        errors.append(f"spider error: {stats.get('log_count/ERROR', 0)} errors logged")
    failed_entries = int(stats.get("regwatch/failed_entries", 0))
    status = "ok"
    if failed_entries or (errors and announcements == 0):
        status = "failed"
    elif errors:
        status = "partial"
    return {
        "status": status,
        "pages": pages,
        "announcements": announcements,
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
    base = Settings(SETTINGS)
    if not verbose:
        base.set("LOG_LEVEL", "WARNING")
    process = CrawlerProcess(base)

    def job_settings(job: CrawlJob) -> Settings:
        s = Settings(SETTINGS)
        if not verbose:
            s.set("LOG_LEVEL", "WARNING")
        if job.replay:
            s.update(REPLAY_OVERRIDES)
            s.set("REGWATCH_REPLAY", job.replay)
        s.set("REGWATCH_CRAWL_TIME", job.crawl_time)
        s.set("REGWATCH_ARCHIVE_DIR", str(job.archive_dir))
        s.set("REGWATCH_CRAWL_DIR", str(job.crawl_dir))
        s.update(job.settings)
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
                    crawler = Crawler(spiders[name], settings.copy())
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
                    "sources": {c.spider.name: _source_status(c, c.spider) for c in crawlers},
                }
                (job.crawl_dir / "status.json").write_text(
                    json.dumps(status, indent=2, sort_keys=True), encoding="utf-8"
                )
        finally:
            from twisted.internet import reactor

            reactor.stop()

    from scrapy.utils.reactor import install_reactor

    install_reactor(SETTINGS.get("TWISTED_REACTOR") or base["TWISTED_REACTOR"])
    from twisted.internet import reactor

    reactor.callWhenRunning(chain)
    process.start(stop_after_crawl=False)


def main(argv: list[str]) -> int:
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
