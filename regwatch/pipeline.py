"""The pipeline's stages as functions the CLI and the tests call.

Each stage holds the data folder's lock (regwatch/lock.py): one run at a time per folder.
A crawl that never finished (its process was killed: no status.json) is discarded by the next
crawl, WARC and announcements alike; nothing of it was normalized, so the next crawl fetches
everything again and no announcement or release is counted twice.

A run with nothing new (normalize/release.py `news`) makes no release, and then nothing is
published either: the published folder stays as it is, file for file.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from crawlers.registry import all_spiders
from crawlers.runner import CrawlJob, iter_jobs, run_jobs
from crawlers.warc import archive_time
from normalize.build import Publisher
from normalize.canonical import read_json
from normalize.corpus import crawl_announcements
from normalize.release import (
    ReleaseError,
    latest_release,
    list_releases,
    make_release,
    normalize_crawl,
    recorded_health,
    release_id_for,
)
from regwatch import DEMO_DIR
from regwatch.lock import locked

Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    pass


def publishers() -> dict[str, Publisher]:
    return {
        name: Publisher(
            country=cls.source.publisher.country,
            short=cls.source.publisher.short,
            living=cls.source.living_document,
        )
        for name, cls in all_spiders().items()
    }


def _job(
    data_dir: Path,
    crawl_time: datetime,
    spiders: list[str],
    replay: list[Path],
    retired: frozenset[str] = frozenset(),
) -> CrawlJob:
    crawl_id = base = release_id_for(crawl_time)
    n = 2
    # A discarded crawl's id is never given to another crawl (a rerun in the same second).
    while (data_dir / "crawls" / crawl_id).exists() or crawl_id in retired:
        crawl_id, n = f"{base}-{n}", n + 1
    return CrawlJob(
        crawl_id=crawl_id,
        data_dir=str(data_dir),
        crawl_time=crawl_time.astimezone(UTC).isoformat(),
        spiders=spiders,
        replay=[str(p) for p in replay],
    )


def discard_unfinished(data_dir: Path, progress: Progress = _quiet) -> list[str]:
    """Remove the crawls a killed process left without status.json; return their ids."""
    crawls = data_dir / "crawls"
    gone = []
    for folder in sorted(crawls.iterdir()) if crawls.is_dir() else []:
        if folder.is_file() and folder.name.startswith(".jobs-"):
            folder.unlink()  # the job list of a killed crawl
        elif folder.is_dir() and not (folder / "status.json").exists():
            shutil.rmtree(folder)
            shutil.rmtree(data_dir / "archive" / folder.name, ignore_errors=True)
            gone.append(folder.name)
    for crawl_id in gone:
        progress(f"discarded unfinished crawl {crawl_id} (interrupted before it finished)")
    return gone


@locked
def crawl(
    data_dir: Path,
    *,
    sources: list[str] | None = None,
    replay: Path | None = None,
    settings: dict | None = None,
    spider_args: dict[str, dict] | None = None,
    progress: Progress = _quiet,
) -> dict:
    """One crawl, live or answered from a WARC archive. Returns its status."""
    known = all_spiders()
    names = sources or list(known)
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ValueError(f"unknown source(s) {unknown}; known: {', '.join(known)}")
    discarded = frozenset(discard_unfinished(data_dir, progress))
    crawl_time = archive_time(replay) if replay else datetime.now(UTC).replace(microsecond=0)
    job = _job(data_dir, crawl_time, names, [replay] if replay else [], discarded)
    job.settings = settings or {}
    job.spider_args = spider_args or {}
    progress(
        f"crawl {job.crawl_id}: {len(names)} sources{' (replay of ' + replay.name + ')' if replay else ''}"
    )
    (status,) = run_jobs([job])
    _report(status, progress)
    return status


def _report(status: dict, progress: Progress) -> None:
    for name, s in sorted(status["sources"].items()):
        error = f" — {s['error']}" if s.get("error") else ""
        progress(
            f"  {name:16} {s['status']:8} {s['pages']:4} pages {s['announcements']:4} announcements{error}"
        )


def latest_crawl(data_dir: Path) -> str:
    crawls = sorted(p.name for p in (data_dir / "crawls").glob("*") if (p / "status.json").exists())
    if not crawls:
        raise ReleaseError("no crawl to normalize: run `regwatch crawl` first")
    return crawls[-1]


@locked
def normalize(data_dir: Path, crawl_id: str | None = None, progress: Progress = _quiet) -> dict:
    crawl_id = crawl_id or latest_crawl(data_dir)
    crawl_dir = data_dir / "crawls" / crawl_id
    status = read_json(crawl_dir / "status.json")
    crawl_time = datetime.fromisoformat(status["time"])
    pending = normalize_crawl(
        data_dir,
        crawl_time=crawl_time,
        crawl_id=crawl_id,
        new_announcements=crawl_announcements(crawl_dir),
        source_status=status["sources"],
        publishers=publishers(),
    )
    progress(
        f"normalize {crawl_id}: {pending['announcements']} announcements, {len(pending['measures'])} measures"
    )
    return pending


@locked
def release(data_dir: Path, progress: Progress = _quiet) -> dict | None:
    """The release made, or None when there was nothing new since the latest one."""
    rel = make_release(data_dir)
    if rel is None:
        progress(f"nothing new since release {list_releases(data_dir)[-1]}: no release made")
        return None
    c = rel["counts"]
    progress(
        f"release {rel['id']} (as of {rel['as_of']}): {c['measures']} measures, "
        f"{c['added']} added, {c['modified']} modified, result {rel['result']}"
    )
    return rel


@locked
def publish(
    data_dir: Path, out_dir: Path, *, base_url: str | None = None, progress: Progress = _quiet
) -> dict:
    from publish import publish as do_publish

    kwargs = {"base_url": base_url} if base_url else {}
    report = do_publish(data_dir, out_dir, **kwargs)
    progress(f"publish → {out_dir}")
    return report


@locked
def run(
    data_dir: Path, out_dir: Path, *, replay: Path | None = None, progress: Progress = _quiet, **kw
) -> dict | None:
    """Crawl, normalize, release and publish; the release made, or None (nothing published)."""
    status = crawl(data_dir, replay=replay, progress=progress, **kw)
    normalize(data_dir, status["crawl"], progress=progress)
    rel = release(data_dir, progress=progress)
    if rel is not None:
        publish(data_dir, out_dir, progress=progress)
    return rel


def failing_sources(data_dir: Path) -> list[str]:
    """The sources the latest release that crawled each one recorded as failing or partial:
    what api/v1/health.json lists as failing."""
    health = recorded_health(data_dir, list(all_spiders()))
    return sorted(name for name, status in health.items() if status["status"] != "ok")


def demo_snapshots() -> list[Path]:
    return sorted((DEMO_DIR / "snapshots").glob("*.warc.gz"))


@locked
def demo(data_dir: Path, out_dir: Path, progress: Progress = _quiet) -> list[dict]:
    """Replays the bundled archive snapshot by snapshot, each making a release if it brings
    news (each of the bundled ones does), then publishes. Snapshots not newer than the latest
    release in this --data folder are skipped, so a second demo run continues the same
    history instead of duplicating it."""
    discard_unfinished(data_dir, progress)
    latest = latest_release(data_dir)
    since = datetime.fromisoformat(latest["time"].replace("Z", "+00:00")) if latest else None
    names = list(all_spiders())
    jobs = []
    for snapshot in demo_snapshots():
        when = archive_time(snapshot)
        if since is not None and when <= since:
            continue
        jobs.append(_job(data_dir, when, names, [snapshot]))
        (data_dir / "crawls" / jobs[-1].crawl_id).mkdir(parents=True, exist_ok=True)
    progress(
        f"demo: {len(demo_snapshots())} snapshots in the bundled archive, {len(jobs)} to replay"
    )
    releases = []
    # Each snapshot is normalized and released while the next ones are replayed.
    for i, status in enumerate(iter_jobs(jobs), 1):
        progress(f"[{i}/{len(jobs)}] snapshot {status['time'][:10]}")
        _report(status, progress)
        normalize(data_dir, status["crawl"], progress=progress)
        rel = release(data_dir, progress=progress)
        releases += [rel] if rel is not None else []
    publish(data_dir, out_dir, progress=progress)
    return releases
